/* civic-snapshot-util.h — shapes the views draw many of, cheaply
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends @area filled with @color, its corners rounded by @radius. */
void civic_snapshot_rounded_fill (GtkSnapshot           *snapshot,
                                  const graphene_rect_t *area,
                                  float                  radius,
                                  const GdkRGBA         *color);

/* @widget's text colour, as its style says (GTK 4.8 has no other way to
 * read it than the deprecated style context).
 */
void civic_widget_get_color      (GtkWidget             *widget,
                                  GdkRGBA               *color);

G_END_DECLS
