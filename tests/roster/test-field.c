/* test-field.c — check-in (expected list, best match, check-in/out, walk-ins) and confirmation calls
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-field"

#include "config.h"

#include "civic-checkin.h"
#include "civic-confirmations.h"
#include "civic-record.h"
#include "civic-store.h"

static void
put_json (CivicStore *store,
          const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  g_assert_nonnull (node);
  rev = civic_store_put (store, json_node_get_object (node), &error);
  g_assert_no_error (error);
}

static const char *
status_of (CivicStore *store,
           const char *id)
{
  static char status[32];
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get (store, id, &error);

  g_assert_no_error (error);
  g_strlcpy (status, json_object_get_string_member (doc, "status"), sizeof status);
  return status;
}

static void
put_signup (CivicStore *store,
            const char *id,
            const char *shift,
            const char *volunteer,
            const char *status,
            const char *signed_up_at,
            const char *occurrence)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"signup\",\"shift_id\":\"%s\","
                                           "\"volunteer_id\":\"%s\",\"status\":\"%s\",\"signed_up_at\":\"%s\"%s%s%s}",
                                           id, shift, volunteer, status, signed_up_at,
                                           occurrence != NULL ? ",\"occurrence\":\"" : "",
                                           occurrence != NULL ? occurrence : "",
                                           occurrence != NULL ? "\"" : "");
  put_json (store, json);
}

static CivicStore *
field_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  put_json (store, "{\"_id\":\"volunteer:minsu\",\"type\":\"volunteer\",\"given_name\":\"Minsu\",\"family_name\":\"Kim\","
                   "\"name_ko\":\"김민수\",\"phone\":\"(213) 555-0101\"}");
  put_json (store, "{\"_id\":\"volunteer:jiyoung\",\"type\":\"volunteer\",\"given_name\":\"Jiyoung\",\"family_name\":\"Park\","
                   "\"name_ko\":\"박지영\",\"phone\":\"213-555-0202\"}");
  put_json (store, "{\"_id\":\"volunteer:jose\",\"type\":\"volunteer\",\"given_name\":\"José\",\"family_name\":\"García\","
                   "\"phone\":\"714-555-0303\"}");
  put_json (store, "{\"_id\":\"volunteer:dana\",\"type\":\"volunteer\",\"given_name\":\"Dana\",\"family_name\":\"Lee\"}");
  put_json (store, "{\"_id\":\"volunteer:chris\",\"type\":\"volunteer\",\"given_name\":\"Chris\",\"family_name\":\"Han\"}");

  /* A Saturday registration drive, 10:00–14:00 in Los Angeles. */
  put_json (store, "{\"_id\":\"event:drive\",\"type\":\"event\",\"kind\":\"voter_registration\",\"title\":\"Drive\","
                   "\"status\":\"confirmed\",\"tzid\":\"America/Los_Angeles\","
                   "\"starts_at\":\"2026-10-03T17:00:00Z\",\"ends_at\":\"2026-10-03T21:00:00Z\"}");
  put_json (store, "{\"_id\":\"shift:table\",\"type\":\"shift\",\"event_id\":\"event:drive\",\"role\":\"registration_table\","
                   "\"starts_at\":\"2026-10-03T17:00:00Z\",\"ends_at\":\"2026-10-03T21:00:00Z\",\"capacity\":3}");
  put_signup (store, "signup:minsu", "shift:table", "volunteer:minsu", "scheduled", "2026-09-01T00:00:00Z", NULL);
  put_signup (store, "signup:jiyoung", "shift:table", "volunteer:jiyoung", "confirmed", "2026-09-02T00:00:00Z", NULL);
  put_signup (store, "signup:jose", "shift:table", "volunteer:jose", "scheduled", "2026-09-03T00:00:00Z", NULL);
  put_signup (store, "signup:dana", "shift:table", "volunteer:dana", "scheduled", "2026-09-04T00:00:00Z", NULL);
  put_signup (store, "signup:chris", "shift:table", "volunteer:chris", "cancelled", "2026-08-01T00:00:00Z", NULL);
  return store;
}

static CivicCheckinList *
load (CivicStore *store,
      const char *event,
      const char *date)
{
  g_autoptr(GError) error = NULL;
  CivicCheckinList *list = civic_checkin_list_load (store, event, date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_expected (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) list = load (store, "event:drive", "2026-10-03");
  g_autoptr(CivicCheckinList) other_day = load (store, "event:drive", "2026-10-04");

  /* Dana is waitlisted (capacity 3), Chris cancelled. */
  g_assert_cmpuint (civic_checkin_list_get_n_expected (list), ==, 3);
  g_assert_cmpuint (civic_checkin_list_get_n_checked_in (list), ==, 0);
  g_assert_null (civic_checkin_list_find_signup (list, "signup:dana"));
  g_assert_null (civic_checkin_list_find_signup (list, "signup:chris"));
  g_assert_nonnull (civic_checkin_list_find_signup (list, "signup:jose"));
  g_assert_cmpstr (civic_checkin_list_get_entry (list, 0)->name, ==, "Jiyoung Park");
  g_assert_cmpstr (civic_checkin_list_get_shift_ids (list)[0], ==, "shift:table");
  g_assert_null (civic_checkin_list_get_occurrence (list));

  g_assert_cmpuint (civic_checkin_list_get_n_expected (other_day), ==, 0);
  g_assert_null (civic_checkin_list_get_shift_ids (other_day)[0]);
}

static void
assert_best (CivicCheckinList *list,
             const char       *query,
             const char       *signup_id,
             guint             n_best)
{
  guint n = 0;
  const CivicCheckinEntry *entry = civic_checkin_best_match (list, query, &n);

  if (signup_id == NULL)
    {
      g_assert_null (entry);
      return;
    }
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->signup_id, ==, signup_id);
  g_assert_cmpuint (n, ==, n_best);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CivicCheckinList **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = civic_checkin_list_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) list = NULL;

  civic_checkin_list_load_async (store, "event:drive", "2026-10-03", NULL, loaded_cb, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (civic_checkin_list_get_n_expected (list), ==, 3);
  g_assert_cmpstr (civic_checkin_list_get_date (list), ==, "2026-10-03");
}

static void
test_best_match (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) list = load (store, "event:drive", "2026-10-03");

  /* Three letters in any script pick the one person. */
  assert_best (list, "jos", "signup:jose", 1);
  assert_best (list, "gar", "signup:jose", 1);
  assert_best (list, "김민수", "signup:minsu", 1);
  assert_best (list, "박지", "signup:jiyoung", 1);
  assert_best (list, "ㄱㅁㅅ", "signup:minsu", 1);
  assert_best (list, "ㅂㅈ", "signup:jiyoung", 1);
  assert_best (list, "MIN", "signup:minsu", 1);
  assert_best (list, "0202", "signup:jiyoung", 1);
  /* "Ji" starts Jiyoung's name and is inside nobody else's first: a prefix beats a substring. */
  assert_best (list, "ji", "signup:jiyoung", 1);
  /* Ambiguous: "j" starts José and Jiyoung; the first by name comes back. */
  assert_best (list, "j", "signup:jiyoung", 2);
  /* Waitlisted and cancelled people are not at the table. */
  assert_best (list, "dana", NULL, 0);
  assert_best (list, "chr", NULL, 0);
  assert_best (list, "", NULL, 0);
}

static void
test_check_in_out (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) list = load (store, "event:drive", "2026-10-03");
  g_autoptr(CivicCheckinList) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) in_time = g_date_time_new_utc (2026, 10, 3, 17, 5, 0);
  g_autoptr(GDateTime) out_time = g_date_time_new_utc (2026, 10, 3, 19, 35, 0);
  g_autoptr(GDateTime) too_early = g_date_time_new_utc (2026, 10, 3, 16, 0, 0);
  const CivicCheckinEntry *entry = civic_checkin_best_match (list, "jos", NULL);
  g_autoptr(JsonObject) doc = NULL;

  /* Type three letters, Enter: checked in at once. */
  g_assert_true (civic_checkin_check_in (store, entry->signup_id, in_time, &error));
  g_assert_no_error (error);
  doc = civic_store_get (store, "signup:jose", &error);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "completed");
  g_assert_cmpstr (json_object_get_string_member (doc, "checked_in_at"), ==, "2026-10-03T17:05:00Z");

  after = load (store, "event:drive", "2026-10-03");
  g_assert_cmpuint (civic_checkin_list_get_n_checked_in (after), ==, 1);
  /* domain.md derives the waitlist from the scheduled and confirmed
   * signups only, so a completed one no longer holds a place and Dana,
   * first on the waitlist, is now expected too (the rule every view shares).
   */
  g_assert_cmpuint (civic_checkin_list_get_n_expected (after), ==, 4);
  g_assert_nonnull (civic_checkin_list_find_signup (after, "signup:dana"));
  /* A checked-in person no longer wins against one still to come. */
  assert_best (after, "j", "signup:jiyoung", 1);

  g_assert_false (civic_checkin_check_in (store, "signup:jose", NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_ALREADY_CHECKED_IN);
  g_clear_error (&error);

  g_assert_false (civic_checkin_check_out (store, "signup:jose", too_early, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civic_checkin_check_out (store, "signup:jose", out_time, &error));
  g_assert_no_error (error);
  g_clear_pointer (&doc, json_object_unref);
  doc = civic_store_get (store, "signup:jose", &error);
  g_assert_cmpstr (json_object_get_string_member (doc, "checked_out_at"), ==, "2026-10-03T19:35:00Z");

  g_assert_false (civic_checkin_check_out (store, "signup:minsu", NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_NOT_CHECKED_IN);
  g_clear_error (&error);

  g_assert_false (civic_checkin_check_in (store, "signup:chris", NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_NOT_EXPECTED);
  g_assert_cmpstr (status_of (store, "signup:chris"), ==, "cancelled");
}

static void
test_walk_in (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signup_id = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *volunteer_id = NULL;
  g_autofree char *existing_id = NULL;
  g_autoptr(JsonObject) signup = NULL;
  g_autoptr(JsonObject) volunteer = NULL;
  gboolean created = FALSE;
  guint before = civic_store_count (store, "volunteer", NULL);

  signup_id = civic_checkin_add_walk_in (store, "shift:table", NULL, "Sora", "Yoon", "윤소라", "(323) 555-0909",
                                         &volunteer_id, &created, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signup_id);
  g_assert_true (created);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, before + 1);
  signup = civic_store_get (store, signup_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (signup, "status"), ==, "walk_in");
  g_assert_cmpstr (json_object_get_string_member (signup, "source"), ==, "walk_in");
  g_assert_cmpstr (json_object_get_string_member (signup, "volunteer_id"), ==, volunteer_id);
  g_assert_true (json_object_has_member (signup, "checked_in_at"));
  volunteer = civic_store_get (store, volunteer_id, &error);
  g_assert_cmpstr (json_object_get_string_member (volunteer, "name_ko"), ==, "윤소라");

  /* Someone already on the roster, found by phone in another format. */
  again_id = civic_checkin_add_walk_in (store, "shift:table", NULL, "Min-su", NULL, NULL, "213.555.0101",
                                        &existing_id, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpstr (existing_id, ==, "volunteer:minsu");
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, before + 1);

  list = load (store, "event:drive", "2026-10-03");
  /* Minsu, Jiyoung and José hold the three places; two walk-ins came. */
  g_assert_cmpuint (civic_checkin_list_get_n_expected (list), ==, 5);
  g_assert_cmpuint (civic_checkin_list_get_n_checked_in (list), ==, 2);
  assert_best (list, "ㅇㅅㄹ", signup_id, 1);

  /* Refusals write nothing. */
  g_assert_null (civic_checkin_add_walk_in (store, "shift:nope", NULL, "A", NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (civic_checkin_add_walk_in (store, "shift:table", NULL, "B", NULL, NULL, "12", NULL, NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (civic_checkin_add_walk_in (store, "shift:table", NULL, NULL, "", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, before + 1);
}

static void
test_repeating_event (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(CivicCheckinList) thursday = NULL;
  g_autoptr(CivicCheckinList) friday = NULL;

  /* Thursday phone banks at 18:00 in Los Angeles (01:00Z the next day). */
  put_json (store, "{\"_id\":\"event:pb\",\"type\":\"event\",\"kind\":\"phone_bank\",\"title\":\"Phone bank\","
                   "\"status\":\"confirmed\",\"tzid\":\"America/Los_Angeles\",\"rrule\":\"FREQ=WEEKLY;BYDAY=TH;COUNT=8\","
                   "\"starts_at\":\"2026-10-02T01:00:00Z\",\"ends_at\":\"2026-10-02T04:00:00Z\"}");
  put_json (store, "{\"_id\":\"shift:pb\",\"type\":\"shift\",\"event_id\":\"event:pb\",\"role\":\"phone_banker\","
                   "\"starts_at\":\"2026-10-02T01:00:00Z\",\"ends_at\":\"2026-10-02T04:00:00Z\",\"capacity\":2}");
  put_signup (store, "signup:pb1", "shift:pb", "volunteer:minsu", "scheduled", "2026-09-01T00:00:00Z", "2026-10-01");
  put_signup (store, "signup:pb2", "shift:pb", "volunteer:jose", "confirmed", "2026-09-01T00:00:00Z", "2026-10-08");
  put_signup (store, "signup:pb3", "shift:pb", "volunteer:jiyoung", "scheduled", "2026-09-02T00:00:00Z", "2026-10-08");

  thursday = load (store, "event:pb", "2026-10-08");
  g_assert_cmpstr (civic_checkin_list_get_occurrence (thursday), ==, "2026-10-08");
  g_assert_cmpuint (civic_checkin_list_get_n_expected (thursday), ==, 2);
  g_assert_null (civic_checkin_list_find_signup (thursday, "signup:pb1"));
  g_assert_nonnull (civic_checkin_list_find_signup (thursday, "signup:pb3"));
  /* The shift runs 18:00 local on that Thursday. */
  {
    const CivicCheckinEntry *entry = civic_checkin_list_get_entry (thursday, 0);
    g_autofree char *starts = civic_format_instant (entry->shift_starts);

    g_assert_cmpstr (starts, ==, "2026-10-09T01:00:00Z");
  }

  friday = load (store, "event:pb", "2026-10-09");
  g_assert_null (civic_checkin_list_get_occurrence (friday));
  g_assert_cmpuint (civic_checkin_list_get_n_expected (friday), ==, 0);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = civic_confirmations_list_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_confirmations (void)
{
  g_autoptr(CivicStore) store = field_store ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 10, 1, 0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 10, 4, 0, 0, 0);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  CivicConfirmationCall *call;

  calls = civic_confirmations_list (store, from, 7, &error);
  g_assert_no_error (error);
  /* Scheduled ones only (Jiyoung has confirmed, Chris cancelled), by name. */
  g_assert_cmpuint (calls->len, ==, 3);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (call->signup_id, ==, "signup:dana");
  g_assert_true (call->waitlisted);
  g_assert_null (call->phone);
  call = g_ptr_array_index (calls, 1);
  g_assert_cmpstr (call->signup_id, ==, "signup:jose");
  g_assert_cmpstr (call->phone, ==, "714-555-0303");
  g_assert_cmpstr (call->event_title, ==, "Drive");
  g_assert_false (call->waitlisted);
  call = g_ptr_array_index (calls, 2);
  g_assert_cmpstr (call->signup_id, ==, "signup:minsu");
  g_assert_cmpstr (call->name_ko, ==, "김민수");

  g_assert_true (civic_confirmations_confirm (store, "signup:minsu", &error));
  g_assert_no_error (error);
  g_assert_true (civic_confirmations_decline (store, "signup:jose", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (store, "signup:minsu"), ==, "confirmed");
  g_assert_cmpstr (status_of (store, "signup:jose"), ==, "declined");

  after = civic_confirmations_list (store, from, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);

  /* The worker-thread variant gives the same list. */
  {
    g_autoptr(GPtrArray) async_calls = NULL;

    civic_confirmations_list_async (store, from, 7, NULL, listed_cb, &async_calls);
    while (async_calls == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (async_calls->len, ==, 1);
  }

  /* After the event's start nothing is left to call. */
  none = civic_confirmations_list (store, later, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* The domain's transitions hold: a cancelled signup cannot be confirmed. */
  g_assert_false (civic_confirmations_confirm (store, "signup:chris", &error));
  g_assert_error (error, CIVIC_CONFIRMATIONS_ERROR, CIVIC_CONFIRMATIONS_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (status_of (store, "signup:chris"), ==, "cancelled");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster/checkin/expected", test_expected);
  g_test_add_func ("/roster/checkin/load-async", test_load_async);
  g_test_add_func ("/roster/checkin/best-match", test_best_match);
  g_test_add_func ("/roster/checkin/check-in-out", test_check_in_out);
  g_test_add_func ("/roster/checkin/walk-in", test_walk_in);
  g_test_add_func ("/roster/checkin/repeating-event", test_repeating_event);
  g_test_add_func ("/roster/confirmations/list-confirm-decline", test_confirmations);
  return g_test_run ();
}
