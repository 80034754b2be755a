/* civic-roster-list.h — the rows the roster shows, replaced in one items-changed
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "civic-volunteer-row.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_LIST (civic_roster_list_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterList, civic_roster_list, CIVIC, ROSTER_LIST, GObject)

CivicRosterList *civic_roster_list_new     (void);
/* Shows @rows (CivicVolunteerRow*, in order; references are taken) in
 * place of what was shown, with ONE items-changed covering only the span
 * between the rows kept at the start and at the end (none when nothing
 * moved).  Returns whether anything changed.
 */
gboolean         civic_roster_list_replace (CivicRosterList    *self,
                                            CivicVolunteerRow **rows,
                                            guint               n_rows);
/* Announces that every row's contents changed (the same rows, in the same
 * order), as one items-changed over the whole list.
 */
void             civic_roster_list_refresh (CivicRosterList    *self);

G_END_DECLS
