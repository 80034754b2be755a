/* civic-follow-ups.h — every visit's follow-ups in one list: due, overdue, done
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A follow-up lives inside its visit (`follow_ups[i]` = {task, owner_id,
 * due_on, done_at}); this module lists them across visits and marks them
 * done or not done again, each as one store write of the visit.
 *
 * The owner's name: an `owner_id` of the form "volunteer:…" names a
 * volunteer (civic_legislative_volunteer_name()); any other owner_id is
 * looked up in the visit's legislator's `staff` by the staffer's `id`,
 * `email` or `name`; failing both, the owner_id itself is shown.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-legislative.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_FOLLOW_UP_DUE,      /* not done, and not past its due date (or none) */
  CIVIC_FOLLOW_UP_OVERDUE,  /* not done and due_on < today */
  CIVIC_FOLLOW_UP_DONE,     /* done_at is set */
} CivicFollowUpState;

typedef struct {
  char               *visit_id;
  guint               index;            /* position in the visit's follow_ups */
  char               *task;
  char               *owner_id;
  char               *owner_name;       /* resolved as described above, or %NULL */
  char               *due_on;           /* "YYYY-MM-DD" or %NULL */
  char               *done_at;          /* UTC instant or %NULL */
  char               *legislator_id;
  char               *legislator_name;
  char               *visit_occurs_at;
  CivicFollowUpState  state;
} CivicFollowUp;

void         civic_follow_up_free              (CivicFollowUp *follow_up);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicFollowUp, civic_follow_up_free)

/* The state of one follow-up on @today ("YYYY-MM-DD"). */
CivicFollowUpState civic_follow_up_state_for   (const char *due_on,
                                                const char *done_at,
                                                const char *today);
/* "due", "overdue", "done". */
const char  *civic_follow_up_state_to_string   (CivicFollowUpState state);
/* The translated name of the state ("Overdue"). */
const char  *civic_follow_up_state_get_label   (CivicFollowUpState state);

/* Every follow-up of every visit, with its state on @today ("YYYY-MM-DD";
 * %NULL: today in the local time zone): overdue first, then due, then
 * done; within each by due date (none last), then the visit's time, the
 * visit id and the index.  Transfer full.
 */
GPtrArray   *civic_follow_ups_list             (CivicStore  *store,
                                                const char  *today,
                                                GError     **error);
/* civic_follow_ups_list() in a worker thread, for the GUI. */
void         civic_follow_ups_list_async       (CivicStore          *store,
                                                const char          *today,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Transfer full: the CivicFollowUp* array, or %NULL with @error. */
GPtrArray   *civic_follow_ups_list_finish      (GAsyncResult        *result,
                                                GError             **error);
/* The same over documents already read (JsonObject* visits, and optional
 * legislators and volunteers for the names; either may be %NULL).
 */
GPtrArray   *civic_follow_ups_from_documents   (GPtrArray   *visits,
                                                GPtrArray   *legislators,
                                                GPtrArray   *volunteers,
                                                const char  *today);
/* How many of @follow_ups are overdue. */
guint        civic_follow_ups_count_overdue    (GPtrArray   *follow_ups);
/* The overdue count straight from @store, for the Visits page badge. */
guint        civic_follow_ups_count_overdue_in_store (CivicStore  *store,
                                                     const char  *today,
                                                     GError     **error);

/* Sets `follow_ups[@index].done_at` of @visit_id to @done_at (%NULL: now),
 * or removes it when @done is FALSE ("undo"), in one transaction.  @task
 * must still be the follow-up's task: if the visit changed under the list
 * (another edit or a sync moved or removed it) the call fails with
 * CIVIC_LEGISLATIVE_ERROR_CHANGED and writes nothing.  @user_name goes to
 * `updated_by` (%NULL: the system user name).  On success, the previous
 * `done_at` (for an undo that restores it; %NULL when there was none) is
 * stored in @out_previous_done_at when given.
 */
gboolean     civic_follow_up_set_done          (CivicStore  *store,
                                                const char  *visit_id,
                                                guint        index,
                                                const char  *task,
                                                gboolean     done,
                                                const char  *done_at,
                                                const char  *user_name,
                                                char       **out_previous_done_at,
                                                GError     **error);

G_END_DECLS
