/* civic-checkin.h — check-in at a field event: who is expected, best match, check-in/out, walk-ins
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headless half of check-in mode.  A CivicCheckinList is a snapshot
 * of one event day: the shifts of the event that run that day (for a
 * repeating event, the shifts of that day's occurrence, whose signups name
 * it), and their signups that count — the scheduled and confirmed ones
 * that hold a place (the waitlist is left out, as domain.md derives it)
 * and those already checked in (completed with a check-in time, walk-ins).
 *
 * Every check-in, check-out and walk-in is written at once, each in one
 * store transaction, so a laptop that loses power keeps what was done; the
 * list is a snapshot: reload it (it is cheap) after a write or a ::changed.
 *
 * A check-in marks attendance: the signup becomes `completed` with
 * `checked_in_at` (domain.md counts completed and walk_in as worked, and
 * civic_signup_status_transition_allowed () lets scheduled and confirmed
 * signups complete); a check-out adds `checked_out_at`.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-text.h"

G_BEGIN_DECLS

#define CIVIC_CHECKIN_ERROR (civic_checkin_error_quark ())

typedef enum {
  CIVIC_CHECKIN_ERROR_NOT_EXPECTED,       /* cancelled, declined, no-show or waitlisted */
  CIVIC_CHECKIN_ERROR_ALREADY_CHECKED_IN,
  CIVIC_CHECKIN_ERROR_NOT_CHECKED_IN,     /* a check-out before any check-in */
  CIVIC_CHECKIN_ERROR_INVALID,            /* no name, a bad phone, an unknown shift or date */
} CivicCheckinError;

GQuark civic_checkin_error_quark (void);

typedef struct {
  char       *signup_id;
  char       *shift_id;
  char       *volunteer_id;
  char       *occurrence;      /* NULL for a one-off event */
  char       *status;
  char       *checked_in_at;   /* NULL until checked in */
  char       *checked_out_at;
  char       *name;            /* display name */
  char       *name_ko;
  char       *phone;
  char       *role;
  GDateTime  *shift_starts;    /* this day's start of the shift */
  GDateTime  *shift_ends;
  JsonObject *volunteer;       /* the volunteer document, for matching */
} CivicCheckinEntry;

#define CIVIC_TYPE_CHECKIN_LIST (civic_checkin_list_get_type ())
G_DECLARE_FINAL_TYPE (CivicCheckinList, civic_checkin_list, CIVIC, CHECKIN_LIST, GObject)

/* The day @date ("YYYY-MM-DD" in the event's zone; %NULL: today there) of
 * @event_id.  Entries come by shift start, then name.
 */
CivicCheckinList        *civic_checkin_list_load          (CivicStore        *store,
                                                          const char        *event_id,
                                                          const char        *date,
                                                          GError           **error);
/* The same in a worker thread (@date copied). */
void                     civic_checkin_list_load_async    (CivicStore          *store,
                                                          const char          *event_id,
                                                          const char          *date,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
CivicCheckinList        *civic_checkin_list_load_finish   (GAsyncResult        *result,
                                                          GError             **error);
const char              *civic_checkin_list_get_event_id  (CivicCheckinList  *self);
const char              *civic_checkin_list_get_date      (CivicCheckinList  *self);
/* The occurrence that day ("YYYY-MM-DD") of a repeating event, else %NULL. */
const char              *civic_checkin_list_get_occurrence (CivicCheckinList *self);
/* The ids of that day's shifts, by start. */
const char * const      *civic_checkin_list_get_shift_ids (CivicCheckinList  *self);
guint                    civic_checkin_list_get_n_entries (CivicCheckinList  *self);
const CivicCheckinEntry *civic_checkin_list_get_entry     (CivicCheckinList  *self,
                                                          guint              i);
const CivicCheckinEntry *civic_checkin_list_find_signup   (CivicCheckinList  *self,
                                                          const char        *signup_id);
/* Everyone the list holds: the expected signups and the walk-ins. */
guint                    civic_checkin_list_get_n_expected (CivicCheckinList *self);
guint                    civic_checkin_list_get_n_checked_in (CivicCheckinList *self);

/* The entry that @query (2–3 letters of any name form in Hangul, initial
 * consonants or Latin, or phone digits) designates: the best rank wins,
 * people not yet checked in before those who are, then by name.
 * *@n_best (optional) receives how many entries share the best rank and
 * check-in state: 1 means the query is unambiguous and Enter may check the
 * person in.  %NULL when nobody matches.
 */
const CivicCheckinEntry *civic_checkin_best_match         (CivicCheckinList  *list,
                                                          const char        *query,
                                                          guint             *n_best);

/* Marks the signup attended now (@time %NULL) or at @time: status
 * `completed` and `checked_in_at`.  One transaction.
 */
gboolean                 civic_checkin_check_in           (CivicStore        *store,
                                                          const char        *signup_id,
                                                          GDateTime         *time,
                                                          GError           **error);
/* Records `checked_out_at` (not before the check-in). */
gboolean                 civic_checkin_check_out          (CivicStore        *store,
                                                          const char        *signup_id,
                                                          GDateTime         *time,
                                                          GError           **error);
/* A person who came without signing up: the volunteer whose phone matches
 * @phone, else a new volunteer with the names given (at least one), and a
 * `walk_in` signup (source walk_in) to @shift_id on @occurrence, checked in
 * now — all in one transaction.  Returns the signup's id;
 * *@volunteer_id (optional) receives the volunteer's, *@created whether
 * the volunteer is new.
 */
char                    *civic_checkin_add_walk_in        (CivicStore        *store,
                                                          const char        *shift_id,
                                                          const char        *occurrence,
                                                          const char        *given_name,
                                                          const char        *family_name,
                                                          const char        *name_ko,
                                                          const char        *phone,
                                                          char             **volunteer_id,
                                                          gboolean          *created,
                                                          GError           **error);

G_END_DECLS
