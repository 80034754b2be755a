/* civic-roster-sorter.h — a roster column's sort order, for the column view's headers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-volunteer-row.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_SORTER (civic_roster_sorter_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterSorter, civic_roster_sorter, CIVIC, ROSTER_SORTER, GtkSorter)

GtkSorter         *civic_roster_sorter_new        (CivicRosterColumn  column);
CivicRosterColumn  civic_roster_sorter_get_column (CivicRosterSorter *self);

/* Which column @view_sorter (a GtkColumnView's sorter over columns whose
 * sorters are CivicRosterSorters) sorts by first, and whether it is
 * descending.  Returns %FALSE when no column is chosen.
 */
gboolean           civic_roster_sorter_find_primary (GtkSorter         *view_sorter,
                                                     CivicRosterColumn *column,
                                                     gboolean          *descending);

G_END_DECLS
