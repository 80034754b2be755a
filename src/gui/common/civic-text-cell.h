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

/* A line of text, placed by @xalign (0 left … 1 right) in its column. */
GtkWidget  *civic_text_cell_new             (float            xalign);
/* Bold text in a pill filled with the colour civic_text_cell_set_fill()
 * gives (a position, a status), as wide as its text.
 */
GtkWidget  *civic_text_cell_new_pill        (void);
/* Changes the text; a redraw, never a new size. */
void        civic_text_cell_set_text        (CivicTextCell   *self,
                                             const char      *text);
const char *civic_text_cell_get_text        (CivicTextCell   *self);
/* A pill cell's colour. */
void        civic_text_cell_set_fill        (CivicTextCell   *self,
                                             const GdkRGBA   *fill);
/* The height of a pill cell in @table (its column view), for working out
 * how many rows a table's height shows.
 */
int         civic_text_cell_get_pill_height (GtkWidget       *table);

G_END_DECLS
