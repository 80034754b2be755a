/* civic-snapshot-util.c — shapes the views draw many of, cheaply
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-snapshot-util"

#include "config.h"

#include "civic-snapshot-util.h"

void
civic_snapshot_rounded_fill (GtkSnapshot           *snapshot,
                             const graphene_rect_t *area,
                             float                  radius,
                             const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4];
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  /* A month shows hundreds of event bars, a table dozens of pills.  A
   * rounded clip around a colour is, for GTK 4.8's cairo renderer (what
   * runs without a GPU), a mask made and composited per shape; a border as
   * thick as half the shape is one filled path, and the GL renderer draws
   * it as cheaply.
   */
  widths[0] = widths[2] = area->size.height / 2;
  widths[1] = widths[3] = area->size.width / 2;
  gsk_rounded_rect_init_from_rect (&outline, area, MIN (radius, MIN (area->size.width, area->size.height) / 2));
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

void
civic_widget_get_color (GtkWidget *widget,
                        GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
