/* civic-roster-cell.h — one line of text in a roster cell, cheap to change
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_CELL (civic_roster_cell_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterCell, civic_roster_cell, CIVIC, ROSTER_CELL, GtkWidget)

GtkWidget  *civic_roster_cell_new       (float            xalign);
/* Changes the text; a redraw, never a new size. */
void        civic_roster_cell_set_text  (CivicRosterCell *self,
                                         const char      *text);
const char *civic_roster_cell_get_text  (CivicRosterCell *self);

G_END_DECLS
