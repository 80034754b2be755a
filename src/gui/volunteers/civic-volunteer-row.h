/* civic-volunteer-row.h — one volunteer as the roster's column view shows it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_VOLUNTEER_ROW (civic_volunteer_row_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteerRow, civic_volunteer_row, CIVIC, VOLUNTEER_ROW, GObject)

/* @doc is the volunteer's store document (kept, not copied); @office_name
 * may be %NULL.
 */
CivicVolunteerRow *civic_volunteer_row_new            (JsonObject        *doc,
                                                       const char        *office_name);

JsonObject        *civic_volunteer_row_get_document   (CivicVolunteerRow *self);
const char        *civic_volunteer_row_get_id         (CivicVolunteerRow *self);
/* "Kim Min-su · 김민수": the Latin display name and the Hangul one. */
const char        *civic_volunteer_row_get_name       (CivicVolunteerRow *self);
/* Family then given name, folded, for sorting. */
const char        *civic_volunteer_row_get_sort_name  (CivicVolunteerRow *self);
const char        *civic_volunteer_row_get_phone      (CivicVolunteerRow *self);
const char        *civic_volunteer_row_get_languages  (CivicVolunteerRow *self);
const char        *civic_volunteer_row_get_office     (CivicVolunteerRow *self);
gboolean           civic_volunteer_row_get_active     (CivicVolunteerRow *self);
/* The date ("YYYY-MM-DD") of the last shift worked, or "". */
const char        *civic_volunteer_row_get_last_shift (CivicVolunteerRow *self);
/* Hours worked in the current campaign. */
double             civic_volunteer_row_get_hours      (CivicVolunteerRow *self);
void               civic_volunteer_row_set_stats      (CivicVolunteerRow *self,
                                                       const char        *last_shift,
                                                       double             hours);

G_END_DECLS
