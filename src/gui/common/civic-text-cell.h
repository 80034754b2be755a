/* civic-text-cell.h — one line of text in a list cell, cheap to change
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_TEXT_CELL (civic_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (CivicTextCell, civic_text_cell, CIVIC, TEXT_CELL, GtkWidget)

GtkWidget  *civic_text_cell_new       (float            xalign);
/* Changes the text; a redraw, never a new size. */
void        civic_text_cell_set_text  (CivicTextCell *self,
                                         const char      *text);
const char *civic_text_cell_get_text  (CivicTextCell *self);

G_END_DECLS
