/* civic-volunteer-row.h — one volunteer as the roster's column view shows it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The roster's sortable columns. */
typedef enum {
  CIVIC_ROSTER_COLUMN_NAME,
  CIVIC_ROSTER_COLUMN_PHONE,
  CIVIC_ROSTER_COLUMN_LANGUAGES,
  CIVIC_ROSTER_COLUMN_OFFICE,
  CIVIC_ROSTER_COLUMN_LAST_SHIFT,
  CIVIC_ROSTER_COLUMN_HOURS,
  CIVIC_ROSTER_COLUMN_ACTIVE,
  CIVIC_ROSTER_N_COLUMNS
} CivicRosterColumn;

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
/* civic_volunteer_sort_key (): the store's order, family then given name. */
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
/* The same without notifying: for a whole roster at once, which then
 * announces the change with one items-changed.  Returns whether anything
 * changed.
 */
gboolean           civic_volunteer_row_set_stats_quietly (CivicVolunteerRow *self,
                                                          const char        *last_shift,
                                                          double            hours);

/* Orders @a and @b by @column ascending, then by name, then by id: a total
 * order, so two different rows never compare equal.  Safe from any thread
 * for the columns that do not depend on the statistics.
 */
int                civic_volunteer_row_compare        (CivicVolunteerRow *a,
                                                       CivicVolunteerRow *b,
                                                       CivicRosterColumn  column);

/* A number the roster may use to mark rows (say, those a search found)
 * without a hash table.
 */
guint              civic_volunteer_row_get_mark       (CivicVolunteerRow *self);
void               civic_volunteer_row_set_mark       (CivicVolunteerRow *self,
                                                       guint              mark);

G_END_DECLS
