/* test-derived.c — waitlists, hours, status transitions, overlaps and saving records
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-derived"

#include "config.h"

#include <math.h>
#include <string.h>

#include "civic-derived.h"
#include "civic-record.h"
#include "civic-event.h"
#include "civic-shift.h"
#include "civic-signup.h"
#include "civic-volunteer.h"

static CivicSignup *
make_signup (const char *id,
             const char *signed_up_at,
             const char *status)
{
  CivicSignup *signup = civic_signup_new ();

  civic_record_set_id (CIVIC_RECORD (signup), id);
  civic_signup_set_shift_id (signup, "shift:1");
  civic_signup_set_volunteer_id (signup, "volunteer:1");
  civic_signup_set_signed_up_at (signup, signed_up_at);
  civic_signup_set_status (signup, status);
  return signup;
}

static CivicShift *
make_shift (const char *starts_at,
            const char *ends_at)
{
  CivicShift *shift = civic_shift_new ();

  civic_record_set_id (CIVIC_RECORD (shift), "shift:1");
  civic_shift_set_event_id (shift, "event:1");
  civic_shift_set_role (shift, "phone_banker");
  civic_shift_set_starts_at (shift, starts_at);
  civic_shift_set_ends_at (shift, ends_at);
  return shift;
}

static void
assert_ids (GPtrArray          *records,
            const char * const *ids)
{
  g_assert_cmpuint (records->len, ==, g_strv_length ((GStrv) ids));
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpstr (civic_record_get_id (g_ptr_array_index (records, i)), ==, ids[i]);
}

/* Five queued signups for three places, plus some that hold no place.
 * The order by (signed_up_at, _id): b (09:00), a and c tie at 09:05 (a
 * before c by id), e (09:05:00.5, later than 09:05 although it sorts
 * before it as text), d (10:00).
 */
static GPtrArray *
make_signups (void)
{
  GPtrArray *signups = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (signups, make_signup ("signup:c", "2026-09-01T09:05:00Z", "scheduled"));
  g_ptr_array_add (signups, make_signup ("signup:a", "2026-09-01T09:05:00Z", "confirmed"));
  g_ptr_array_add (signups, make_signup ("signup:d", "2026-09-01T10:00:00Z", "scheduled"));
  g_ptr_array_add (signups, make_signup ("signup:b", "2026-09-01T09:00:00Z", "scheduled"));
  g_ptr_array_add (signups, make_signup ("signup:e", "2026-09-01T09:05:00.500Z", "confirmed"));
  g_ptr_array_add (signups, make_signup ("signup:f", "2026-09-01T08:00:00Z", "cancelled"));
  g_ptr_array_add (signups, make_signup ("signup:g", "2026-09-01T08:00:00Z", "declined"));
  g_ptr_array_add (signups, make_signup ("signup:h", "2026-09-01T08:00:00Z", "invited"));
  g_ptr_array_add (signups, make_signup ("signup:i", "2026-09-01T08:00:00Z", "completed"));
  return signups;
}

static void
test_partition (void)
{
  g_autoptr(GPtrArray) signups = make_signups ();
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  const char * const expect_in[] = { "signup:b", "signup:a", "signup:c", NULL };
  const char * const expect_waiting[] = { "signup:e", "signup:d", NULL };

  civic_signups_partition (signups, 3, &in, &waiting);
  assert_ids (in, expect_in);
  assert_ids (waiting, expect_waiting);
}

static void
test_partition_order_independent (void)
{
  g_autoptr(GPtrArray) signups = make_signups ();
  const char * const expect_in[] = { "signup:b", "signup:a", "signup:c", NULL };
  const char * const expect_waiting[] = { "signup:e", "signup:d", NULL };

  /* Every replica sees the same documents in its own order. */
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GPtrArray) shuffled = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) in = NULL;
      g_autoptr(GPtrArray) waiting = NULL;
      g_autoptr(GPtrArray) pool = g_ptr_array_copy (signups, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

      g_ptr_array_set_free_func (pool, g_object_unref);
      while (pool->len > 0)
        {
          guint pick = g_test_rand_int_range (0, pool->len);

          g_ptr_array_add (shuffled, g_object_ref (g_ptr_array_index (pool, pick)));
          g_ptr_array_remove_index_fast (pool, pick);
        }

      civic_signups_partition (shuffled, 3, &in, &waiting);
      assert_ids (in, expect_in);
      assert_ids (waiting, expect_waiting);
    }
}

static void
test_partition_promotion (void)
{
  g_autoptr(GPtrArray) signups = make_signups ();
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  const char * const expect_in[] = { "signup:b", "signup:c", "signup:e", NULL };
  const char * const expect_waiting[] = { "signup:d", NULL };
  const char * const all_in[] = { "signup:b", "signup:c", "signup:e", "signup:d", NULL };
  const char * const none[] = { NULL };

  /* Cancelling one who is in promotes the first waitlisted, e. */
  for (guint i = 0; i < signups->len; i++)
    if (g_str_equal (civic_record_get_id (g_ptr_array_index (signups, i)), "signup:a"))
      civic_signup_set_status (g_ptr_array_index (signups, i), "cancelled");

  civic_signups_partition (signups, 3, &in, &waiting);
  assert_ids (in, expect_in);
  assert_ids (waiting, expect_waiting);
  g_clear_pointer (&in, g_ptr_array_unref);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* More room takes everyone. */
  civic_signups_partition (signups, 10, &in, &waiting);
  assert_ids (in, all_in);
  assert_ids (waiting, none);
  g_clear_pointer (&in, g_ptr_array_unref);

  /* No room: everyone waits; the outputs are optional. */
  civic_signups_partition (signups, 0, &in, NULL);
  assert_ids (in, none);
}

static void
test_queue_order (void)
{
  g_autoptr(CivicSignup) saved = make_signup ("signup:z", "2026-09-01T09:00:00Z", "scheduled");
  g_autoptr(CivicSignup) unsaved = civic_signup_new ();

  /* A signup not yet stamped goes after the stamped ones. */
  g_assert_cmpint (civic_signup_compare_queue_order (saved, unsaved), <, 0);
  g_assert_cmpint (civic_signup_compare_queue_order (unsaved, saved), >, 0);
  g_assert_cmpint (civic_signup_compare_queue_order (saved, saved), ==, 0);
}

static void
test_hours (void)
{
  g_autoptr(CivicShift) shift = make_shift ("2026-09-08T01:00:00Z", "2026-09-08T03:30:00Z");
  g_autoptr(CivicSignup) timed = make_signup ("signup:1", "2026-09-01T00:00:00Z", "completed");
  g_autoptr(CivicSignup) untimed = make_signup ("signup:2", "2026-09-01T00:00:00Z", "completed");
  g_autoptr(CivicSignup) walk_in = make_signup ("signup:3", "2026-09-08T01:10:00Z", "walk_in");
  g_autoptr(CivicSignup) no_show = make_signup ("signup:4", "2026-09-01T00:00:00Z", "no_show");
  g_autoptr(CivicSignup) confirmed = make_signup ("signup:5", "2026-09-01T00:00:00Z", "confirmed");
  g_autoptr(CivicSignup) backwards = make_signup ("signup:6", "2026-09-01T00:00:00Z", "completed");

  g_assert_cmpint (civic_shift_get_duration (shift), ==, 9000);

  /* Checked in and out: the time between, not the shift's length. */
  civic_signup_set_checked_in_at (timed, "2026-09-08T01:05:00Z");
  civic_signup_set_checked_out_at (timed, "2026-09-08T03:00:00Z");
  g_assert_cmpfloat_with_epsilon (civic_signup_hours (timed, shift), 115.0 / 60.0, 1e-9);

  /* Only checked in: the shift's length. */
  civic_signup_set_checked_in_at (untimed, "2026-09-08T01:05:00Z");
  g_assert_cmpfloat_with_epsilon (civic_signup_hours (untimed, shift), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (civic_signup_hours (walk_in, shift), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (civic_signup_hours (walk_in, NULL), 0, 1e-9);

  /* A check-out before the check-in is a mistake: fall back to the shift. */
  civic_signup_set_checked_in_at (backwards, "2026-09-08T03:00:00Z");
  civic_signup_set_checked_out_at (backwards, "2026-09-08T01:00:00Z");
  g_assert_cmpfloat_with_epsilon (civic_signup_hours (backwards, shift), 2.5, 1e-9);

  /* No-shows and people who have not worked yet count nothing. */
  civic_signup_set_checked_in_at (no_show, "2026-09-08T01:05:00Z");
  civic_signup_set_checked_out_at (no_show, "2026-09-08T03:00:00Z");
  g_assert_cmpfloat (civic_signup_hours (no_show, shift), ==, 0);
  g_assert_cmpfloat (civic_signup_hours (confirmed, shift), ==, 0);
}

static void
test_transitions (void)
{
  static const struct {
    const char *from;
    const char *to;
    gboolean    allowed;
  } cases[] = {
    { NULL, "invited", TRUE }, { NULL, "scheduled", TRUE }, { NULL, "walk_in", TRUE },
    { NULL, "completed", FALSE }, { NULL, "no_show", FALSE },
    { "invited", "scheduled", TRUE }, { "invited", "confirmed", FALSE }, { "invited", "completed", FALSE },
    { "invited", "declined", TRUE },
    { "scheduled", "confirmed", TRUE }, { "scheduled", "completed", TRUE }, { "scheduled", "no_show", TRUE },
    { "scheduled", "invited", FALSE }, { "scheduled", "walk_in", FALSE },
    { "confirmed", "completed", TRUE }, { "confirmed", "no_show", TRUE }, { "confirmed", "scheduled", FALSE },
    { "confirmed", "cancelled", TRUE },
    { "completed", "no_show", TRUE }, { "no_show", "completed", TRUE },
    { "completed", "scheduled", FALSE }, { "completed", "cancelled", TRUE },
    { "walk_in", "confirmed", FALSE }, { "walk_in", "cancelled", TRUE },
    { "cancelled", "scheduled", FALSE }, { "declined", "confirmed", FALSE }, { "declined", "cancelled", TRUE },
    { "scheduled", "scheduled", TRUE },
    { "scheduled", "maybe", FALSE }, { "maybe", "cancelled", FALSE }, { "scheduled", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s → %s", cases[i].from ? cases[i].from : "(new)", cases[i].to ? cases[i].to : "(null)");
      g_assert_cmpint (civic_signup_status_transition_allowed (cases[i].from, cases[i].to), ==, cases[i].allowed);
    }

  /* Declining or cancelling is possible from every status. */
  for (const char * const *s = civic_signup_status_list (); *s != NULL; s++)
    {
      g_assert_true (civic_signup_status_transition_allowed (*s, "cancelled"));
      g_assert_true (civic_signup_status_transition_allowed (*s, "declined"));
    }
}

static void
test_overlap (void)
{
  g_autoptr(CivicShift) a = make_shift ("2026-09-08T01:00:00Z", "2026-09-08T03:00:00Z");
  g_autoptr(CivicShift) b = make_shift ("2026-09-08T02:30:00Z", "2026-09-08T04:00:00Z");
  g_autoptr(CivicShift) c = make_shift ("2026-09-08T03:00:00Z", "2026-09-08T05:00:00Z");
  g_autoptr(CivicShift) inside = make_shift ("2026-09-08T01:30:00Z", "2026-09-08T02:00:00Z");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *text = NULL;

  g_assert_true (civic_shifts_overlap (a, b));
  g_assert_true (civic_shifts_overlap (b, a));
  g_assert_true (civic_shifts_overlap (a, inside));
  /* Back to back is not an overlap. */
  g_assert_false (civic_shifts_overlap (a, c));
  g_assert_false (civic_shifts_overlap (c, a));

  /* A weekly shift at 18:00 Los Angeles time: its occurrences on other dates
   * only meet a shift on the same date.
   */
  g_assert_false (civic_shifts_overlap_occurrences (a, "2026-09-14", b, NULL, "America/Los_Angeles"));
  g_assert_true (civic_shifts_overlap_occurrences (a, "2026-09-14", b, "2026-09-14", "America/Los_Angeles"));

  /* After daylight saving time ends it is still 18:00 there: 02:00 UTC. */
  g_assert_true (civic_shift_get_occurrence_times (a, "2026-11-09", "America/Los_Angeles", &start, &end));
  text = civic_format_instant (start);
  g_assert_cmpstr (text, ==, "2026-11-10T02:00:00Z");
  g_assert_cmpint (g_date_time_difference (end, start), ==, 2 * G_TIME_SPAN_HOUR);
}

/* ---- Against a store -------------------------------------------------------- */

static CivicStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static char *
save (CivicRecord *record,
      CivicStore  *store)
{
  g_autoptr(GError) error = NULL;
  char *rev = civic_record_save (record, store, "tester", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
  return rev;
}

static void
test_save (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicEvent) event = civic_event_new ();
  g_autoptr(CivicEvent) stale = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *created = NULL;
  char *rev;

  /* Invalid: refused, nothing written, the record untouched. */
  civic_event_set_starts_at (event, "2026-09-08T01:00:00Z");
  rev = civic_record_save (CIVIC_RECORD (event), store, "tester", &error);
  g_assert_null (rev);
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "title");
  g_assert_null (civic_record_get_id (CIVIC_RECORD (event)));
  g_assert_null (civic_record_get_created_at (CIVIC_RECORD (event)));
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 0);
  g_clear_error (&error);

  civic_event_set_title (event, "Town hall on immigration");
  civic_event_set_kind (event, "town_hall");
  civic_record_set_string (CIVIC_RECORD (event), "x_future", "kept");
  rev1 = save (CIVIC_RECORD (event), store);

  g_assert_true (g_str_has_prefix (civic_record_get_id (CIVIC_RECORD (event)), "event:"));
  g_assert_cmpstr (civic_record_get_rev (CIVIC_RECORD (event)), ==, rev1);
  g_assert_true (g_str_has_prefix (rev1, "1-"));
  g_assert_true (civic_is_utc_instant (civic_record_get_created_at (CIVIC_RECORD (event))));
  g_assert_cmpstr (civic_record_get_created_at (CIVIC_RECORD (event)), ==,
                   civic_record_get_updated_at (CIVIC_RECORD (event)));
  g_assert_cmpstr (civic_record_get_updated_by (CIVIC_RECORD (event)), ==, "tester");

  stored = civic_store_get (store, civic_record_get_id (CIVIC_RECORD (event)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "title"), ==, "Town hall on immigration");
  g_assert_cmpstr (json_object_get_string_member (stored, "type"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (stored, "x_future"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (stored, "updated_by"), ==, "tester");

  /* A second save keeps created_at and moves the revision on. */
  stale = CIVIC_EVENT (civic_record_copy (CIVIC_RECORD (event)));
  created = g_strdup (civic_record_get_created_at (CIVIC_RECORD (event)));
  civic_event_set_capacity (event, 80);
  rev2 = civic_record_save (CIVIC_RECORD (event), store, "other", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev2, "2-"));
  g_assert_cmpstr (civic_record_get_created_at (CIVIC_RECORD (event)), ==, created);
  g_assert_cmpstr (civic_record_get_updated_by (CIVIC_RECORD (event)), ==, "other");

  /* Saving an edit of the older revision is a conflict and changes nothing. */
  civic_event_set_title (stale, "Stale edit");
  rev = civic_record_save (CIVIC_RECORD (stale), store, "tester", &error);
  g_assert_null (rev);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (civic_record_get_rev (CIVIC_RECORD (stale)), ==, rev1);
  g_clear_error (&error);
  {
    g_autoptr(CivicRecord) loaded = civic_record_load (store, civic_record_get_id (CIVIC_RECORD (event)), &error);

    g_assert_no_error (error);
    g_assert_true (CIVIC_IS_EVENT (loaded));
    g_assert_cmpstr (civic_event_get_title (CIVIC_EVENT (loaded)), ==, "Town hall on immigration");
    g_assert_cmpint (civic_event_get_capacity (CIVIC_EVENT (loaded)), ==, 80);
    g_assert_cmpstr (civic_record_get_rev (loaded), ==, rev2);
  }
}

static void
test_save_signup_stamps (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicSignup) signup = civic_signup_new ();
  g_autoptr(CivicSignup) early = civic_signup_new ();
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;

  civic_signup_set_shift_id (signup, "shift:1");
  civic_signup_set_volunteer_id (signup, "volunteer:1");
  rev = save (CIVIC_RECORD (signup), store);
  g_assert_true (civic_is_utc_instant (civic_signup_get_signed_up_at (signup)));
  g_assert_cmpstr (civic_signup_get_status (signup), ==, "scheduled");

  /* An imported signup keeps the time it was made. */
  civic_signup_set_shift_id (early, "shift:1");
  civic_signup_set_volunteer_id (early, "volunteer:2");
  civic_signup_set_signed_up_at (early, "2020-01-01T00:00:00Z");
  rev2 = save (CIVIC_RECORD (early), store);
  g_assert_cmpstr (civic_signup_get_signed_up_at (early), ==, "2020-01-01T00:00:00Z");
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_save_async (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicVolunteer) volunteer = civic_volunteer_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  civic_volunteer_set_name_ko (volunteer, "김민수");
  civic_volunteer_set_phone (volunteer, "213-555-0123");
  civic_record_save_async (CIVIC_RECORD (volunteer), store, "tester", NULL, saved_cb, &result);
  /* Nothing is applied before the main loop delivers the result. */
  g_assert_null (civic_record_get_id (CIVIC_RECORD (volunteer)));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  rev = civic_record_save_finish (CIVIC_RECORD (volunteer), result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev, "1-"));
  g_assert_true (g_str_has_prefix (civic_record_get_id (CIVIC_RECORD (volunteer)), "volunteer:"));
  g_assert_cmpstr (civic_record_get_rev (CIVIC_RECORD (volunteer)), ==, rev);
  g_assert_nonnull (civic_record_get_updated_at (CIVIC_RECORD (volunteer)));
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 1);
  g_clear_object (&result);

  /* A refused save reports the field and leaves the record alone. */
  civic_volunteer_set_email (volunteer, "not an address");
  civic_record_save_async (CIVIC_RECORD (volunteer), store, "tester", NULL, saved_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (civic_record_save_finish (CIVIC_RECORD (volunteer), result, &error));
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "email");
  g_assert_cmpstr (civic_record_get_rev (CIVIC_RECORD (volunteer)), ==, rev);

  /* Let the store's change notifications run before it goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
save_signup (CivicStore *store,
             const char *shift_id,
             const char *volunteer_id,
             const char *status,
             const char *occurrence,
             const char *checked_in_at,
             const char *checked_out_at)
{
  g_autoptr(CivicSignup) signup = civic_signup_new ();
  g_autofree char *rev = NULL;

  civic_signup_set_shift_id (signup, shift_id);
  civic_signup_set_volunteer_id (signup, volunteer_id);
  civic_signup_set_status (signup, status);
  civic_signup_set_occurrence (signup, occurrence);
  civic_signup_set_checked_in_at (signup, checked_in_at);
  civic_signup_set_checked_out_at (signup, checked_out_at);
  rev = save (CIVIC_RECORD (signup), store);
}

static void
test_volunteer_hours (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicEvent) bank = civic_event_new ();
  g_autoptr(CivicEvent) drive = civic_event_new ();
  g_autoptr(CivicShift) bank_shift = NULL;
  g_autoptr(CivicShift) drive_shift = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL;
  const char *me = "volunteer:me";
  double hours;

  civic_event_set_title (bank, "Phone bank");
  civic_event_set_kind (bank, "phone_bank");
  civic_event_set_campaign_id (bank, "campaign:ge");
  civic_event_set_starts_at (bank, "2026-09-08T01:00:00Z");
  civic_event_set_rrule (bank, "FREQ=WEEKLY;COUNT=8");
  r1 = save (CIVIC_RECORD (bank), store);

  civic_event_set_title (drive, "Registration drive");
  civic_event_set_kind (drive, "voter_registration");
  civic_event_set_starts_at (drive, "2026-10-03T17:00:00Z");
  r2 = save (CIVIC_RECORD (drive), store);

  bank_shift = make_shift ("2026-09-08T01:00:00Z", "2026-09-08T03:00:00Z");
  civic_record_set_id (CIVIC_RECORD (bank_shift), NULL);
  civic_shift_set_event_id (bank_shift, civic_record_get_id (CIVIC_RECORD (bank)));
  r3 = save (CIVIC_RECORD (bank_shift), store);

  drive_shift = make_shift ("2026-10-03T17:00:00Z", "2026-10-03T21:00:00Z");
  civic_record_set_id (CIVIC_RECORD (drive_shift), NULL);
  civic_shift_set_event_id (drive_shift, civic_record_get_id (CIVIC_RECORD (drive)));
  r4 = save (CIVIC_RECORD (drive_shift), store);

  /* Two phone-bank occurrences: one with check-in/out (1.5 h), one at the
   * shift's length (2 h); one no-show; a drive at its length (4 h); someone
   * else's hours.
   */
  save_signup (store, civic_record_get_id (CIVIC_RECORD (bank_shift)), me, "completed", "2026-09-07",
               "2026-09-08T01:00:00Z", "2026-09-08T02:30:00Z");
  save_signup (store, civic_record_get_id (CIVIC_RECORD (bank_shift)), me, "completed", "2026-09-14", NULL, NULL);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (bank_shift)), me, "no_show", "2026-09-21", NULL, NULL);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (drive_shift)), me, "walk_in", NULL, NULL, NULL);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (drive_shift)), "volunteer:other", "completed", NULL, NULL, NULL);

  hours = civic_volunteer_hours (store, me, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hours, 1.5 + 2 + 4, 1e-9);

  hours = civic_volunteer_hours (store, me, NULL, NULL, "campaign:ge", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hours, 3.5, 1e-9);

  /* September only: the second occurrence counts from its own date. */
  hours = civic_volunteer_hours (store, me, "2026-09-01", "2026-10-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hours, 3.5, 1e-9);
  hours = civic_volunteer_hours (store, me, "2026-09-10", "2026-10-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hours, 2, 1e-9);
  hours = civic_volunteer_hours (store, me, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (hours, 4, 1e-9);

  hours = civic_volunteer_hours (store, "volunteer:nobody", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (hours, ==, 0);
}

static void
test_campaign_totals (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) totals = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(CivicShift) shift = NULL;
  g_autofree char *r = NULL;
  const char *bank_id = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CivicEvent) event = civic_event_new ();
      g_autoptr(JsonObject) results = json_object_new ();
      g_autofree char *rev = NULL;

      civic_event_set_title (event, "Phone bank");
      civic_event_set_kind (event, "phone_bank");
      civic_event_set_starts_at (event, "2026-09-08T01:00:00Z");
      /* The third event belongs to another campaign. */
      civic_event_set_campaign_id (event, i < 2 ? "campaign:ge" : "campaign:other");
      json_object_set_int_member (results, "calls_made", 100 * (i + 1));
      json_object_set_int_member (results, "contacts_reached", 10 * (i + 1));
      json_object_set_int_member (results, "registrations", i + 1);
      civic_event_set_results (event, results);
      rev = save (CIVIC_RECORD (event), store);
      if (i == 0)
        bank_id = g_intern_string (civic_record_get_id (CIVIC_RECORD (event)));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CivicRecord) visit = civic_record_new ("visit");
      g_autofree char *rev = NULL;

      civic_record_set_string (visit, "legislator_id", "legislator:1");
      civic_record_set_string (visit, "occurs_at", "2026-10-01T17:00:00Z");
      civic_record_set_string (visit, "campaign_id", "campaign:ge");
      rev = save (visit, store);
    }

  shift = make_shift ("2026-09-08T01:00:00Z", "2026-09-08T04:00:00Z");
  civic_record_set_id (CIVIC_RECORD (shift), NULL);
  civic_shift_set_event_id (shift, bank_id);
  r = save (CIVIC_RECORD (shift), store);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (shift)), "volunteer:1", "completed", NULL,
               "2026-09-08T01:00:00Z", "2026-09-08T02:00:00Z");
  save_signup (store, civic_record_get_id (CIVIC_RECORD (shift)), "volunteer:2", "walk_in", NULL, NULL, NULL);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (shift)), "volunteer:3", "no_show", NULL, NULL, NULL);
  save_signup (store, civic_record_get_id (CIVIC_RECORD (shift)), "volunteer:4", "confirmed", NULL, NULL, NULL);

  totals = civic_campaign_totals (store, "campaign:ge", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (totals, "calls"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (totals, "contacts"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (totals, "registrations"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (totals, "attendees"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (totals, "volunteer_hours"), 1 + 3, 1e-9);

  empty = civic_campaign_totals (store, "campaign:none", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (empty, "calls"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (empty, "volunteer_hours"), ==, 0);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/derived/partition", test_partition);
  g_test_add_func ("/domain/derived/partition-order-independent", test_partition_order_independent);
  g_test_add_func ("/domain/derived/partition-promotion", test_partition_promotion);
  g_test_add_func ("/domain/derived/queue-order", test_queue_order);
  g_test_add_func ("/domain/derived/hours", test_hours);
  g_test_add_func ("/domain/derived/transitions", test_transitions);
  g_test_add_func ("/domain/derived/overlap", test_overlap);
  g_test_add_func ("/domain/derived/save", test_save);
  g_test_add_func ("/domain/derived/save-signup-stamps", test_save_signup_stamps);
  g_test_add_func ("/domain/derived/save-async", test_save_async);
  g_test_add_func ("/domain/derived/volunteer-hours", test_volunteer_hours);
  g_test_add_func ("/domain/derived/campaign-totals", test_campaign_totals);

  return g_test_run ();
}
