/* civic-derived.h — values computed from documents, never stored: waitlists, hours, overlaps
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * architecture.md, "Derived state converges": two replicas that hold the
 * same documents compute the same results, whatever order the documents
 * arrived in.  Everything here is a pure function of its arguments except
 * civic_volunteer_hours(), which reads the store.
 */

#pragma once

#include "civic-store.h"
#include "civic-event.h"
#include "civic-shift.h"
#include "civic-signup.h"

G_BEGIN_DECLS

/* Splits the signups of ONE shift occurrence (pass only the signups of that
 * occurrence for a repeating event): among the `scheduled` and `confirmed`
 * ones, ordered by (signed_up_at, _id), the first @capacity are in and the
 * rest are waitlisted, in that order; every other status is ignored.  A
 * signup without signed_up_at (not saved yet) sorts after the others.
 * The input order does not matter.  Both outputs are optional; they are new
 * arrays holding references (free with g_ptr_array_unref).
 */
void         civic_signups_partition               (GPtrArray   *signups,
                                                    guint        capacity,
                                                    GPtrArray  **confirmed_in,
                                                    GPtrArray  **waitlisted);
/* The order used above: <0, 0, >0. */
int          civic_signup_compare_queue_order      (CivicSignup *a,
                                                    CivicSignup *b);

/* TRUE when @status counts as worked (completed, walk_in). */
gboolean     civic_signup_status_is_worked         (const char  *status);
/* TRUE when @status holds or asks for a place (scheduled, confirmed). */
gboolean     civic_signup_status_is_queued         (const char  *status);

/* Hours worked: checked_out_at − checked_in_at when both are set and in
 * order, else the shift's length (@shift may be %NULL: then 0), for a
 * `completed` or `walk_in` signup; 0 for every other status.
 */
double       civic_signup_hours                    (CivicSignup *signup,
                                                    CivicShift  *shift);

/* Whether a signup may move from @from (%NULL: a new signup) to @to:
 *   new       → invited, scheduled, confirmed, walk_in
 *   invited   → scheduled
 *   scheduled → confirmed, completed, no_show (confirmation calls are
 *               not always made; a check-in completes a scheduled signup)
 *   confirmed → completed, no_show
 *   completed ↔ no_show (correcting a check-in mistake)
 *   any       → declined, cancelled
 * Staying in the same status is allowed; unknown statuses are not.
 */
gboolean     civic_signup_status_transition_allowed (const char *from,
                                                     const char *to);

/* TRUE when the two shifts' [starts_at, ends_at) intervals intersect. */
gboolean     civic_shifts_overlap                  (CivicShift  *a,
                                                    CivicShift  *b);
/* The start and end of @shift on @occurrence ("YYYY-MM-DD", the occurrence
 * of a repeating event; %NULL: the shift's own times): the same wall-clock
 * time in @tzid (%NULL: UTC) on that date, so a weekly 18:00 phone bank
 * stays at 18:00 across daylight-saving changes.  FALSE when a time is
 * missing or does not parse.
 */
gboolean     civic_shift_get_occurrence_times      (CivicShift  *shift,
                                                    const char  *occurrence,
                                                    const char  *tzid,
                                                    GDateTime  **start,
                                                    GDateTime  **end);
/* civic_shifts_overlap() for occurrences of repeating events. */
gboolean     civic_shifts_overlap_occurrences      (CivicShift  *a,
                                                    const char  *occurrence_a,
                                                    CivicShift  *b,
                                                    const char  *occurrence_b,
                                                    const char  *tzid);

/* A volunteer's worked hours from the store: every signup of
 * @volunteer_id (CIVIC_STORE_REF_2) that is completed or walk_in, whose
 * work started (checked_in_at, else the shift occurrence's start) in
 * [@from, @to) — ISO 8601 UTC instants or dates, each optional; an
 * occurrence date is read in the event's tzid — and, when
 * @campaign_id is set, whose shift's event belongs to that campaign.
 * Returns -1 with @error set when the store fails.
 */
double       civic_volunteer_hours                 (CivicStore  *store,
                                                    const char  *volunteer_id,
                                                    const char  *from,
                                                    const char  *to,
                                                    const char  *campaign_id,
                                                    GError     **error);

/* A campaign's totals, derived from the store (domain.md: progress is never
 * stored): a new object with one member per goal metric —
 *   calls, contacts, registrations, attendees: the sums of the campaign's
 *     events' results (calls_made, contacts_reached, registrations,
 *     attendees);
 *   visits: the number of visits with this campaign_id;
 *   volunteer_hours: the hours (civic_signup_hours) of every signup on a
 *     shift of one of the campaign's events (a double).
 * Progress towards a goal is totals[metric] / target.  %NULL with @error
 * when the store fails.  Reads many documents: call it from a thread.
 */
JsonObject  *civic_campaign_totals                 (CivicStore  *store,
                                                    const char  *campaign_id,
                                                    GError     **error);

G_END_DECLS
