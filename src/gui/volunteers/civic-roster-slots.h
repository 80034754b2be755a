/* civic-roster-slots.h — the roster's column view items: positions that keep their widgets
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "civic-roster-slot.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_SLOTS (civic_roster_slots_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterSlots, civic_roster_slots, CIVIC, ROSTER_SLOTS, GObject)

/* A GListModel of CivicRosterSlot, one per row of @rows (a GListModel of
 * CivicVolunteerRow): slot i shows row i.  When @rows changes, the slots
 * that exist are pointed at their new rows, and only a change in the
 * number of positions is announced, at the end.  After the rows shrink,
 * blank positions (slots without a row) may follow them for a moment.
 */
CivicRosterSlots *civic_roster_slots_new        (GListModel       *rows);
/* How many positions hold a row (the others are blank). */
guint             civic_roster_slots_get_n_rows (CivicRosterSlots *self);
/* Drops the blank positions now rather than when typing pauses. */
void              civic_roster_slots_trim       (CivicRosterSlots *self);
/* Typing goes on (a keystroke that left the rows as they were): blank
 * positions stay until it pauses again.
 */
void              civic_roster_slots_postpone_trim (CivicRosterSlots *self);

/* Until the next change of the rows, only positions @first to @first +
 * @n_rows - 1 are on screen (G_MAXUINT rows: all of them, the default):
 * a change updates their cells at once, and the cells of the other
 * realized positions only at civic_roster_slots_flush (), which the owner
 * calls once the frame is drawn (or when the view scrolls).
 */
void              civic_roster_slots_set_on_screen (CivicRosterSlots *self,
                                                    guint             first,
                                                    guint             n_rows);
/* How many rows fill @view_height pixels, going by the height of a cell
 * already laid out, with a few to spare (G_MAXUINT when none is laid out).
 */
guint             civic_roster_slots_rows_in       (CivicRosterSlots *self,
                                                    double            view_height);
/* Whether some cells still show rows that have moved. */
gboolean          civic_roster_slots_is_stale      (CivicRosterSlots *self);
/* Brings every cell up to date. */
void              civic_roster_slots_flush         (CivicRosterSlots *self);

G_END_DECLS
