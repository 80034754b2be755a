/* civic-roster-slot.h — a position of the roster's column view and the row it shows
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-text-cell.h"
#include "civic-volunteer-row.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_SLOT (civic_roster_slot_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterSlot, civic_roster_slot, CIVIC, ROSTER_SLOT, GObject)

CivicRosterSlot   *civic_roster_slot_new        (CivicVolunteerRow *row);
CivicVolunteerRow *civic_roster_slot_get_row    (CivicRosterSlot   *self);
/* Shows @row; the bound cells take its text at once.  With @force, the
 * cells are refreshed even when the row is the same (its figures changed).
 */
void               civic_roster_slot_set_row    (CivicRosterSlot   *self,
                                                 CivicVolunteerRow *row,
                                                 gboolean           force);
/* The same, but the bound cells keep their old text until
 * civic_roster_slot_flush (): for positions off screen, which the next
 * frame does not draw.  Returns whether a flush is owed.
 */
gboolean           civic_roster_slot_set_row_later (CivicRosterSlot   *self,
                                                    CivicVolunteerRow *row,
                                                    gboolean           force);
/* Gives the bound cells the row's text if they do not have it yet. */
void               civic_roster_slot_flush      (CivicRosterSlot   *self);
gboolean           civic_roster_slot_is_stale   (CivicRosterSlot   *self);
/* The cell bound for @column, or %NULL (for tests). */
CivicTextCell     *civic_roster_slot_get_cell   (CivicRosterSlot   *self,
                                                 CivicRosterColumn  column);
/* The column view's cells for this position, as its factories bind them. */
void               civic_roster_slot_bind_cell   (CivicRosterSlot   *self,
                                                  CivicRosterColumn  column,
                                                  CivicTextCell   *cell);
void               civic_roster_slot_unbind_cell (CivicRosterSlot   *self,
                                                  CivicRosterColumn  column,
                                                  CivicTextCell   *cell);

/* What @column shows for @row, in @buffer when it must be formatted. */
const char        *civic_roster_column_text     (CivicVolunteerRow *row,
                                                 CivicRosterColumn  column,
                                                 char              *buffer,
                                                 gsize              size);

G_END_DECLS
