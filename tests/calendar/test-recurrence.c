/* test-recurrence.c — expanding repeating events: DST, exdates, COUNT/UNTIL, exceptions
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-recurrence"

#include "config.h"

#include <libical/ical.h>

#include "civic-cal-time.h"
#include "civic-json.h"
#include "civic-recurrence.h"
#include "civic-store.h"

static JsonObject *
doc_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = civic_json_object_from_string (json, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static GDateTime *
instant (const char *text)
{
  GDateTime *dt = civic_cal_parse_instant (text);

  g_assert_nonnull (dt);
  return dt;
}

static GPtrArray *
expand (JsonObject *event,
        const char *from,
        const char *to)
{
  g_autoptr(GDateTime) f = instant (from);
  g_autoptr(GDateTime) t = instant (to);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) la = g_time_zone_new_identifier ("America/Los_Angeles");
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);

  g_assert_true (civic_recurrence_expand (event, f, t, NULL, la, out, &error));
  g_assert_no_error (error);
  g_ptr_array_sort (out, civic_occurrence_compare);
  return out;
}

static char *
start_of (GPtrArray *occurrences,
          guint      i)
{
  CivicOccurrence *o = g_ptr_array_index (occurrences, i);

  return civic_cal_format_instant (o->starts);
}

#define assert_start(occ, i, text) \
  G_STMT_START { g_autofree char *_s = start_of ((occ), (i)); g_assert_cmpstr (_s, ==, (text)); } G_STMT_END

/* The campaign's weekly phone bank: Sundays 18:00–21:00 in Los Angeles from
 * September 6 to November 8, 2026, as one document.
 */
static const char *phone_bank_json =
  "{\"_id\": \"event:phone-bank\", \"type\": \"event\", \"kind\": \"phone_bank\","
  " \"title\": \"Weekly phone bank\", \"status\": \"confirmed\","
  " \"starts_at\": \"2026-09-07T01:00:00Z\", \"ends_at\": \"2026-09-07T04:00:00Z\","
  " \"tzid\": \"America/Los_Angeles\","
  " \"rrule\": \"FREQ=WEEKLY;BYDAY=SU;UNTIL=20261109T075959Z\"}";

static void
test_dst (void)
{
  g_autoptr(JsonObject) event = doc_from (phone_bank_json);
  g_autoptr(GPtrArray) all = expand (event, "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z");
  CivicOccurrence *first;

  /* September 6 … November 8: ten Sundays, one document. */
  g_assert_cmpuint (all->len, ==, 10);
  assert_start (all, 0, "2026-09-07T01:00:00Z");   /* Sep 6, 18:00 PDT */
  assert_start (all, 7, "2026-10-26T01:00:00Z");   /* Oct 25, 18:00 PDT */
  assert_start (all, 8, "2026-11-02T02:00:00Z");   /* Nov 1, 18:00 PST: the instant moved */
  assert_start (all, 9, "2026-11-09T02:00:00Z");   /* Nov 8, the last */

  for (guint i = 0; i < all->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (all, i);
      g_autoptr(GTimeZone) la = g_time_zone_new_identifier ("America/Los_Angeles");
      g_autoptr(GDateTime) local = g_date_time_to_timezone (o->starts, la);

      /* Every one at 6 pm in Los Angeles, three hours long, on a Sunday. */
      g_assert_cmpint (g_date_time_get_hour (local), ==, 18);
      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 7);
      g_assert_cmpint (g_date_time_difference (o->ends, o->starts), ==, 3 * G_TIME_SPAN_HOUR);
      g_assert_true (o->repeats);
      g_assert_cmpstr (o->event_id, ==, "event:phone-bank");
      g_assert_cmpstr (o->series_id, ==, "event:phone-bank");
    }

  first = g_ptr_array_index (all, 0);
  g_assert_cmpstr (first->occurrence, ==, "2026-09-06");
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (all, 8))->occurrence, ==, "2026-11-01");
  g_assert_false (first->all_day);
  g_assert_true (first->event == event);
}

static void
test_range_only (void)
{
  g_autoptr(JsonObject) event = doc_from (phone_bank_json);
  /* October in Los Angeles: October 4, 11, 18, 25. */
  g_autoptr(GPtrArray) october = expand (event, "2026-10-01T07:00:00Z", "2026-11-01T07:00:00Z");
  /* A range that ends inside an occurrence still shows it. */
  g_autoptr(GPtrArray) partial = expand (event, "2026-10-12T02:00:00Z", "2026-10-12T03:00:00Z");
  /* After UNTIL, nothing. */
  g_autoptr(GPtrArray) after = expand (event, "2026-11-10T00:00:00Z", "2027-02-01T00:00:00Z");

  g_assert_cmpuint (october->len, ==, 4);
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (october, 0))->occurrence, ==, "2026-10-04");
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (october, 3))->occurrence, ==, "2026-10-25");
  g_assert_cmpuint (partial->len, ==, 1);
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (partial, 0))->occurrence, ==, "2026-10-11");
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_exdates (void)
{
  g_autoptr(JsonObject) event = doc_from (phone_bank_json);
  g_autoptr(GPtrArray) all = NULL;
  JsonArray *exdates = json_array_new ();

  /* Skip October 11 (by date) and November 1 (by its UTC instant). */
  json_array_add_string_element (exdates, "2026-10-11");
  json_array_add_string_element (exdates, "2026-11-02T02:00:00Z");
  json_object_set_array_member (event, "exdates", exdates);

  all = expand (event, "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z");
  g_assert_cmpuint (all->len, ==, 8);
  for (guint i = 0; i < all->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (all, i);

      g_assert_cmpstr (o->occurrence, !=, "2026-10-11");
      g_assert_cmpstr (o->occurrence, !=, "2026-11-01");
    }
}

static void
test_count_until (void)
{
  g_autoptr(JsonObject) count = doc_from (
    "{\"_id\": \"event:count\", \"type\": \"event\", \"title\": \"Workshop\","
    " \"starts_at\": \"2026-10-06T01:30:00Z\", \"ends_at\": \"2026-10-06T03:00:00Z\","
    " \"tzid\": \"America/Los_Angeles\", \"rrule\": \"FREQ=WEEKLY;COUNT=6\"}");
  g_autoptr(JsonObject) until_date = doc_from (
    "{\"_id\": \"event:until\", \"type\": \"event\", \"title\": \"Daily clinic\","
    " \"starts_at\": \"2026-10-30T16:00:00Z\", \"ends_at\": \"2026-10-30T18:00:00Z\","
    " \"tzid\": \"America/Los_Angeles\", \"rrule\": \"FREQ=DAILY;UNTIL=20261103\"}");
  g_autoptr(GPtrArray) counted = expand (count, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
  g_autoptr(GPtrArray) counted_late = expand (count, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z");
  g_autoptr(GPtrArray) until = expand (until_date, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

  /* COUNT=6 from Monday October 5 (18:30 PDT): the sixth is November 9,
   * at 18:30 PST.
   */
  g_assert_cmpuint (counted->len, ==, 6);
  assert_start (counted, 0, "2026-10-06T01:30:00Z");
  assert_start (counted, 5, "2026-11-10T02:30:00Z");
  /* COUNT counts from the first occurrence even when the range starts later. */
  g_assert_cmpuint (counted_late->len, ==, 2);

  /* A date UNTIL includes that day; the clinic keeps 9 am across Nov 1. */
  g_assert_cmpuint (until->len, ==, 5);
  assert_start (until, 0, "2026-10-30T16:00:00Z");
  assert_start (until, 2, "2026-11-01T17:00:00Z");
  assert_start (until, 4, "2026-11-03T17:00:00Z");
}

static void
test_all_day (void)
{
  /* A two-day voter-registration drive (ends_on inclusive) every month. */
  g_autoptr(JsonObject) event = doc_from (
    "{\"_id\": \"event:drive\", \"type\": \"event\", \"title\": \"Registration weekend\","
    " \"all_day\": true, \"starts_on\": \"2026-09-12\", \"ends_on\": \"2026-09-13\","
    " \"rrule\": \"FREQ=MONTHLY;COUNT=3\", \"exdates\": [\"2026-10-12\"]}");
  g_autoptr(JsonObject) single = doc_from (
    "{\"_id\": \"event:day\", \"type\": \"event\", \"title\": \"Election day\","
    " \"all_day\": true, \"starts_on\": \"2026-11-03\", \"ends_on\": \"2026-11-03\"}");
  g_autoptr(GPtrArray) all = expand (event, "2026-09-01T07:00:00Z", "2027-01-01T08:00:00Z");
  g_autoptr(GPtrArray) day = expand (single, "2026-11-03T08:00:00Z", "2026-11-04T08:00:00Z");
  g_autoptr(GPtrArray) day_before = expand (single, "2026-11-02T08:00:00Z", "2026-11-03T08:00:00Z");
  CivicOccurrence *o;

  g_assert_cmpuint (all->len, ==, 2);
  o = g_ptr_array_index (all, 0);
  g_assert_true (o->all_day);
  g_assert_cmpstr (o->occurrence, ==, "2026-09-12");
  /* Laid out in the viewer's zone (Los Angeles here): two whole days. */
  assert_start (all, 0, "2026-09-12T07:00:00Z");
  g_assert_cmpint (g_date_time_difference (o->ends, o->starts), ==, 2 * G_TIME_SPAN_DAY);
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (all, 1))->occurrence, ==, "2026-11-12");

  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpuint (day_before->len, ==, 0);
}

/* Iterating from the range's start must give what iterating from the first
 * occurrence gives, for the rules the editor offers and a few more.
 */
static void
test_skip_ahead_matches_full (void)
{
  const char *rules[] = {
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE,TH,SA",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=11;BYDAY=1TU", NULL,
  };

  for (guint r = 0; rules[r] != NULL; r++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"_id\": \"event:r%u\", \"type\": \"event\", \"title\": \"R\","
        " \"starts_at\": \"2024-01-02T02:00:00Z\", \"ends_at\": \"2024-01-02T03:00:00Z\","
        " \"tzid\": \"America/Los_Angeles\", \"rrule\": \"%s\"}", r, rules[r]);
      g_autoptr(JsonObject) event = doc_from (json);
      g_autoptr(JsonObject) counted = NULL;
      g_autoptr(GPtrArray) fast = expand (event, "2026-10-01T07:00:00Z", "2026-12-01T08:00:00Z");
      g_autoptr(GPtrArray) slow = NULL;
      g_autofree char *rule_with_count = g_strdup_printf ("%s;COUNT=100000", rules[r]);

      /* With COUNT libical cannot skip ahead: the reference. */
      counted = civic_json_object_copy (event);
      json_object_set_string_member (counted, "rrule", rule_with_count);
      slow = expand (counted, "2026-10-01T07:00:00Z", "2026-12-01T08:00:00Z");

      g_assert_cmpuint (fast->len, ==, slow->len);
      g_assert_cmpuint (fast->len, >, 0);
      for (guint i = 0; i < fast->len; i++)
        {
          g_autofree char *a = start_of (fast, i);
          g_autofree char *b = start_of (slow, i);

          g_assert_cmpstr (a, ==, b);
        }
    }
}

static void
test_invalid (void)
{
  g_autoptr(JsonObject) bad_rule = doc_from (
    "{\"_id\": \"event:bad\", \"type\": \"event\", \"title\": \"Bad\","
    " \"starts_at\": \"2026-10-06T01:30:00Z\", \"rrule\": \"EVERY TUESDAY\"}");
  g_autoptr(JsonObject) bad_start = doc_from (
    "{\"_id\": \"event:bad2\", \"type\": \"event\", \"title\": \"Bad\", \"starts_at\": \"tomorrow\"}");
  g_autoptr(GDateTime) from = instant ("2026-01-01T00:00:00Z");
  g_autoptr(GDateTime) to = instant ("2027-01-01T00:00:00Z");
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);
  g_autoptr(GError) error = NULL;

  g_assert_false (civic_recurrence_expand (bad_rule, from, to, NULL, NULL, out, &error));
  g_assert_error (error, CIVIC_RECURRENCE_ERROR, CIVIC_RECURRENCE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rrule"));
  g_clear_error (&error);
  g_assert_false (civic_recurrence_expand (bad_start, from, to, NULL, NULL, out, &error));
  g_assert_nonnull (strstr (error->message, "starts_at"));
  g_assert_cmpuint (out->len, ==, 0);
}

static CivicStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static char *
put (CivicStore *store,
     JsonObject *doc)
{
  g_autoptr(GError) error = NULL;
  char *rev = civic_store_put (store, doc, &error);

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_rev", rev);
  return rev;
}

static GPtrArray *
in_range (CivicStore *store,
          const char *from,
          const char *to)
{
  g_autoptr(GDateTime) f = instant (from);
  g_autoptr(GDateTime) t = instant (to);
  g_autoptr(GError) error = NULL;
  GPtrArray *out = civic_calendar_occurrences_in_range (store, f, t, &error);

  g_assert_no_error (error);
  return out;
}

static CivicOccurrence *
find_occurrence (GPtrArray  *occurrences,
                 const char *date)
{
  for (guint i = 0; i < occurrences->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (occurrences, i);

      if (g_strcmp0 (o->occurrence, date) == 0)
        return o;
    }
  return NULL;
}

/* "This event": an exception document replaces one occurrence; the series
 * document does not change.
 */
static void
test_occurrence_edit (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(JsonObject) series = doc_from (phone_bank_json);
  g_autoptr(JsonObject) exception = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GPtrArray) october = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *series_rev = NULL;
  g_autofree char *exception_rev = NULL;
  CivicOccurrence *o;

  series_rev = put (store, series);

  /* An occurrence that does not exist cannot be edited. */
  g_assert_null (civic_recurrence_new_exception (series, "2026-10-12", &error));
  g_assert_error (error, CIVIC_RECURRENCE_ERROR, CIVIC_RECURRENCE_ERROR_INVALID);
  g_clear_error (&error);

  /* October 18 moves to Saturday the 17th at 10 am and gets a new title. */
  exception = civic_recurrence_new_exception (series, "2026-10-18", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (exception, "_id"), ==,
                   "event:phone-bank@2026-10-18");
  g_assert_cmpstr (civic_json_object_get_string_or_null (exception, "recurrence_of"), ==, "event:phone-bank");
  g_assert_cmpstr (civic_json_object_get_string_or_null (exception, "recurrence_id"), ==, "2026-10-18");
  g_assert_cmpstr (civic_json_object_get_string_or_null (exception, "starts_at"), ==, "2026-10-19T01:00:00Z");
  g_assert_false (json_object_has_member (exception, "rrule"));
  g_assert_false (json_object_has_member (exception, "_rev"));
  json_object_set_string_member (exception, "title", "Phone bank (Saturday morning)");
  json_object_set_string_member (exception, "starts_at", "2026-10-17T17:00:00Z");
  json_object_set_string_member (exception, "ends_at", "2026-10-17T20:00:00Z");
  exception_rev = put (store, exception);

  october = in_range (store, "2026-10-01T07:00:00Z", "2026-11-01T07:00:00Z");
  /* Still four: the 18th replaced by the exception on the 17th. */
  g_assert_cmpuint (october->len, ==, 4);
  o = find_occurrence (october, "2026-10-18");
  g_assert_nonnull (o);
  g_assert_cmpstr (o->event_id, ==, "event:phone-bank@2026-10-18");
  g_assert_cmpstr (o->series_id, ==, "event:phone-bank");
  g_assert_cmpstr (civic_occurrence_get_title (o), ==, "Phone bank (Saturday morning)");
  {
    g_autofree char *s = civic_cal_format_instant (o->starts);

    g_assert_cmpstr (s, ==, "2026-10-17T17:00:00Z");
  }
  /* Sorted by start. */
  g_assert_true (g_ptr_array_index (october, 2) == o);

  /* The series document is untouched. */
  stored = civic_store_get (store, "event:phone-bank", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (stored, "_rev"), ==, series_rev);

  /* A range that holds the original date but not the moved one: the
   * series' occurrence must still be gone.
   */
  week = in_range (store, "2026-10-18T07:00:00Z", "2026-10-25T07:00:00Z");
  g_assert_cmpuint (week->len, ==, 0);

  /* Deleting the exception brings the occurrence back. */
  {
    g_autofree char *rev = civic_store_delete (store, "event:phone-bank@2026-10-18", exception_rev, &error);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (rev);
    again = in_range (store, "2026-10-18T07:00:00Z", "2026-10-25T07:00:00Z");
    g_assert_cmpuint (again->len, ==, 1);
    g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (again, 0))->event_id, ==, "event:phone-bank");
  }
}

/* "All events": the series document changes; every occurrence follows,
 * an exception keeps its own values.
 */
static void
test_series_edit (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(JsonObject) series = doc_from (phone_bank_json);
  g_autoptr(JsonObject) exception = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;
  guint from_series = 0;

  rev1 = put (store, series);
  exception = civic_recurrence_new_exception (series, "2026-09-20", &error);
  g_assert_no_error (error);
  json_object_set_string_member (exception, "status", "cancelled");
  rev2 = put (store, exception);

  /* Every Sunday from 5 pm to 8 pm now, with a new title, and skip October 4. */
  json_object_set_string_member (series, "title", "Sunday phone bank");
  json_object_set_string_member (series, "starts_at", "2026-09-07T00:00:00Z");
  json_object_set_string_member (series, "ends_at", "2026-09-07T03:00:00Z");
  {
    JsonArray *exdates = json_array_new ();

    json_array_add_string_element (exdates, "2026-10-04");
    json_object_set_array_member (series, "exdates", exdates);
  }
  rev3 = put (store, series);

  all = in_range (store, "2026-09-01T07:00:00Z", "2026-12-01T08:00:00Z");
  g_assert_cmpuint (all->len, ==, 9);
  for (guint i = 0; i < all->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (all, i);
      g_autoptr(GTimeZone) la = g_time_zone_new_identifier ("America/Los_Angeles");
      g_autoptr(GDateTime) local = g_date_time_to_timezone (o->starts, la);

      g_assert_cmpstr (o->occurrence, !=, "2026-10-04");
      if (g_str_equal (o->occurrence, "2026-09-20"))
        {
          /* The exception was made before the series changed: its own values. */
          g_assert_cmpstr (o->event_id, ==, "event:phone-bank@2026-09-20");
          g_assert_cmpstr (civic_json_object_get_string_or_null (o->event, "status"), ==, "cancelled");
          g_assert_cmpstr (civic_occurrence_get_title (o), ==, "Weekly phone bank");
          continue;
        }
      from_series++;
      g_assert_cmpstr (civic_occurrence_get_title (o), ==, "Sunday phone bank");
      g_assert_cmpint (g_date_time_get_hour (local), ==, 17);
    }
  g_assert_cmpuint (from_series, ==, 8);
  /* Still one series document plus its one exception. */
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 2);
}

/* Many events in the store: the range query and the expansion agree with
 * expanding everything.
 */
static void
test_store_range (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GDateTime) from = instant ("2026-10-01T07:00:00Z");
  g_autoptr(GDateTime) to = instant ("2026-11-01T07:00:00Z");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GDateTime) base = instant ("2026-06-01T17:00:00Z");
      g_autoptr(GDateTime) starts = g_date_time_add_hours (base, (int) i * 29);
      g_autoptr(GDateTime) ends = g_date_time_add_hours (starts, 2);
      g_autofree char *s = civic_cal_format_instant (starts);
      g_autofree char *e = civic_cal_format_instant (ends);
      g_autofree char *id = g_strdup_printf ("event:e%03u", i);
      JsonObject *doc = json_object_new ();

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "event");
      json_object_set_string_member (doc, "title", i % 2 ? "Canvass" : "Clinic");
      json_object_set_string_member (doc, "starts_at", s);
      json_object_set_string_member (doc, "ends_at", e);
      json_object_set_string_member (doc, "tzid", "America/Los_Angeles");
      if (i % 50 == 0)
        json_object_set_string_member (doc, "rrule", "FREQ=WEEKLY;BYDAY=TU,TH");
      g_ptr_array_add (docs, doc);
    }
  {
    JsonObject *all_day = doc_from ("{\"_id\": \"event:allday\", \"type\": \"event\", \"title\": \"Oct 31\","
                                    " \"all_day\": true, \"starts_on\": \"2026-10-31\", \"ends_on\": \"2026-10-31\"}");
    JsonObject *before = doc_from ("{\"_id\": \"event:sep30\", \"type\": \"event\", \"title\": \"Sep 30\","
                                   " \"all_day\": true, \"starts_on\": \"2026-09-30\", \"ends_on\": \"2026-09-30\"}");

    g_ptr_array_add (docs, all_day);
    g_ptr_array_add (docs, before);
  }
  civic_store_put_many (store, docs, NULL, &error);
  g_assert_no_error (error);

  month = in_range (store, "2026-10-01T07:00:00Z", "2026-11-01T07:00:00Z");
  reference = civic_recurrence_expand_events (docs, from, to, NULL);
  g_assert_cmpuint (month->len, ==, reference->len);
  g_assert_cmpuint (month->len, >, 50);
  for (guint i = 0; i < month->len; i++)
    {
      CivicOccurrence *a = g_ptr_array_index (month, i);
      CivicOccurrence *b = g_ptr_array_index (reference, i);

      g_assert_cmpstr (a->event_id, ==, b->event_id);
      g_assert_true (g_date_time_equal (a->starts, b->starts));
      if (i > 0)
        g_assert_cmpint (civic_occurrence_compare (&g_ptr_array_index (month, i - 1),
                                                   &g_ptr_array_index (month, i)), <, 0);
    }
  g_assert_nonnull (find_occurrence (month, "2026-10-31"));
  g_assert_null (find_occurrence (month, "2026-09-30"));
}

static void
test_windows_zones (void)
{
  const char *pairs[][2] = {
    { "Pacific Standard Time", "America/Los_Angeles" },
    { "Eastern Standard Time", "America/New_York" },
    { "Korea Standard Time", "Asia/Seoul" },
    { "Central Standard Time", "America/Chicago" },
    { "Mountain Standard Time", "America/Denver" },
    { "GMT Standard Time", "Europe/London" },
    { "W. Europe Standard Time", "Europe/Berlin" },
    { "Tokyo Standard Time", "Asia/Tokyo" },
    { "China Standard Time", "Asia/Shanghai" },
    { "UTC", "UTC" },
    { "/freeassociation.sourceforge.net/America/New_York", "America/New_York" },
    { "/citadel.org/20190914_1/Europe/Berlin", "Europe/Berlin" },
    { "Asia/Seoul", "Asia/Seoul" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *iana = civic_cal_canonical_zone_id (pairs[i][0]);
      g_autoptr(GTimeZone) zone = civic_cal_zone_new (pairs[i][0]);

      g_assert_cmpstr (iana, ==, pairs[i][1]);
      g_assert_nonnull (zone);
    }
  g_assert_null (civic_cal_canonical_zone_id ("Mars Standard Time"));
  g_assert_null (civic_cal_zone_new ("Mars Standard Time"));
}

/* Day arithmetic of the month and week views: by calendar date, so the
 * day after a 25-hour day is still one day later.
 */
static void
test_days_between (void)
{
  g_autoptr(GTimeZone) la = g_time_zone_new_identifier ("America/Los_Angeles");
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) late = NULL;
  g_autoptr(GDateTime) next_year = NULL;

  g_assert_nonnull (la);
  before = g_date_time_new (la, 2026, 10, 31, 0, 0, 0);
  after = g_date_time_new (la, 2026, 11, 2, 0, 0, 0);      /* across the DST change */
  late = g_date_time_new (la, 2026, 11, 2, 23, 59, 0);
  next_year = g_date_time_new (la, 2027, 1, 1, 0, 0, 0);

  g_assert_cmpint (civic_cal_days_between (before, after), ==, 2);
  g_assert_cmpint (civic_cal_days_between (before, late), ==, 2);
  g_assert_cmpint (civic_cal_days_between (after, before), ==, -2);
  g_assert_cmpint (civic_cal_days_between (before, before), ==, 0);
  g_assert_cmpint (civic_cal_days_between (before, next_year), ==, 62);
}

static void
test_format_time_unpadded (void)
{
  g_autoptr(GDateTime) nine = g_date_time_new_utc (2026, 11, 3, 9, 5, 0);
  g_autoptr(GDateTime) ten = g_date_time_new_utc (2026, 11, 3, 22, 0, 0);
  g_autofree char *raw = g_date_time_format (nine, "%l:%M%p");
  g_autofree char *a = civic_cal_format_time (nine, "%l:%M%p");
  g_autofree char *b = civic_cal_format_time (ten, "%l:%M %p");
  g_autofree char *c = civic_cal_format_time (nine, "%p %l:%M");

  /* GLib pads the hour; the labels it goes into must not start with it. */
  g_assert_cmpstr (raw, !=, "9:05AM");
  g_assert_cmpstr (a, ==, "9:05AM");
  g_assert_cmpstr (b, ==, "10:00 PM");
  g_assert_cmpstr (c, ==, "AM 9:05");
}

int
main (int   argc,
      char *argv[])
{
  /* All-day dates are laid out in the system zone. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/dst", test_dst);
  g_test_add_func ("/recurrence/days-between", test_days_between);
  g_test_add_func ("/recurrence/range-only", test_range_only);
  g_test_add_func ("/recurrence/exdates", test_exdates);
  g_test_add_func ("/recurrence/count-until", test_count_until);
  g_test_add_func ("/recurrence/all-day", test_all_day);
  g_test_add_func ("/recurrence/skip-ahead", test_skip_ahead_matches_full);
  g_test_add_func ("/recurrence/invalid", test_invalid);
  g_test_add_func ("/recurrence/occurrence-edit", test_occurrence_edit);
  g_test_add_func ("/recurrence/series-edit", test_series_edit);
  g_test_add_func ("/recurrence/store-range", test_store_range);
  g_test_add_func ("/time/windows-zones", test_windows_zones);
  g_test_add_func ("/time/format-time-unpadded", test_format_time_unpadded);

  return g_test_run ();
}
