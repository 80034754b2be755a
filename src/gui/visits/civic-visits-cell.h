/* civic-visits-cell.h — a cell of the Visits page's tables: a line of text or a position chip
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-legislative.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VISITS_CELL (civic_visits_cell_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitsCell, civic_visits_cell, CIVIC, VISITS_CELL, GtkWidget)

/* One ellipsized line of text. */
GtkWidget  *civic_visits_cell_new            (void);
/* A position's coloured chip (civic_visit_position_get_color()). */
GtkWidget  *civic_visits_cell_new_chip       (void);

/* Changes the text; a redraw, never a new size. */
void        civic_visits_cell_set_text       (CivicVisitsCell *self,
                                              const char      *text);
const char *civic_visits_cell_get_text       (CivicVisitsCell *self);
/* A chip cell shows @position, or nothing when @shown is FALSE. */
void        civic_visits_cell_set_position   (CivicVisitsCell *self,
                                              CivicPosition    position,
                                              gboolean         shown);

/* The height of a chip cell in @table (a widget whose font the cells
 * share, their column view): a line of text and the chip's padding.
 */
int         civic_visits_cell_get_chip_height (GtkWidget      *table);

G_END_DECLS
