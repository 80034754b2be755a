/* test-ical.c — iCalendar import and export: other calendars' files, updates, round trips, bad files
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ical"

#include "config.h"

#include <string.h>

#include "civic-cal-time.h"
#include "civic-ical.h"
#include "civic-json.h"
#include "civic-recurrence.h"
#include "civic-store.h"

static CivicStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "calendar", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static CivicIcalImportReport *
import_data (CivicStore *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  CivicIcalImportReport *report;
  gsize length;

  data = read_data (name, &length);
  report = civic_ical_import_data (store, data, length, "tester", &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The imported event whose title is @title. */
static JsonObject *
find_by_title (CivicStore *store,
               const char *title)
{
  g_autoptr(GPtrArray) events = civic_store_list (store, "event", NULL);

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (events, i);

      if (g_strcmp0 (civic_json_object_get_string_or_null (doc, "title"), title) == 0)
        return json_object_ref (doc);
    }
  g_error ("no event titled “%s”", title);
  return NULL;
}

#define assert_member(doc, member, value) \
  g_assert_cmpstr (civic_json_object_get_string_or_null ((doc), (member)), ==, (value))

static void
assert_strings (JsonObject *doc,
                const char *member,
                const char * const *expected)
{
  JsonArray *array = civic_json_object_get_array_or_null (doc, member);
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

static GPtrArray *
occurrences (CivicStore *store,
             const char *from,
             const char *to)
{
  g_autoptr(GDateTime) f = civic_cal_parse_instant (from);
  g_autoptr(GDateTime) t = civic_cal_parse_instant (to);
  g_autoptr(GError) error = NULL;
  GPtrArray *out = civic_calendar_occurrences_in_range (store, f, t, &error);

  g_assert_no_error (error);
  return out;
}

/* Google Calendar: X-WR-TIMEZONE, one-off events in UTC, a weekly event
 * with an EXDATE and a moved occurrence (RECURRENCE-ID), folded lines,
 * Meet links, attendees and alarms.
 */
static void
test_google (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "google.ics");
  g_autoptr(JsonObject) series = find_by_title (store, "Sunday phone bank");
  g_autoptr(JsonObject) moved = find_by_title (store, "Sunday phone bank (morning shift)");
  g_autoptr(JsonObject) town_hall = find_by_title (store, "Town hall on immigration");
  g_autoptr(JsonObject) clinic = find_by_title (store, "Citizenship clinic weekend");
  g_autoptr(GPtrArray) october = NULL;
  g_autofree char *expected_id = NULL;
  const char *series_id;
  guint series_count = 0;

  g_assert_cmpuint (report->created, ==, 4);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 4);

  /* The id is derived from the UID. */
  series_id = civic_json_object_get_string_or_null (series, "_id");
  g_assert_true (g_str_has_prefix (series_id, "event:ics-"));
  g_assert_cmpuint (strlen (series_id), ==, strlen ("event:ics-") + 24);
  expected_id = g_compute_checksum_for_string (G_CHECKSUM_MD5, "7kukuqrfedlm2f9t0vr1ft2dbe@google.com", -1);
  g_assert_true (strncmp (series_id + strlen ("event:ics-"), expected_id, 24) == 0);
  assert_member (series, "ical_uid", "7kukuqrfedlm2f9t0vr1ft2dbe@google.com");
  assert_member (series, "type", "event");
  assert_member (series, "starts_at", "2026-09-07T01:00:00Z");
  assert_member (series, "ends_at", "2026-09-07T04:00:00Z");
  assert_member (series, "tzid", "America/Los_Angeles");
  assert_member (series, "status", "confirmed");
  assert_member (series, "kind", "other");
  assert_member (series, "online_url", "https://meet.google.com/abc-defg-hij");
  assert_member (series, "updated_by", "tester");
  g_assert_nonnull (strstr (civic_json_object_get_string_or_null (series, "rrule"), "FREQ=WEEKLY"));
  assert_strings (series, "exdates", (const char *[]) { "2026-10-11", NULL });
  /* Folded lines joined, escapes read. */
  assert_member (series, "description",
                 "Call voters in Korean and English. Scripts and call lists are on the shared drive.\n"
                 "Bring your phone charger!");
  assert_member (civic_json_object_get_object_or_null (series, "location"), "name",
                 "KCCC Koreatown Office, 3727 W 6th St, Los Angeles, CA 90020, USA");

  /* The moved occurrence is an exception of the series. */
  assert_member (moved, "recurrence_of", series_id);
  assert_member (moved, "recurrence_id", "2026-10-18");
  assert_member (moved, "starts_at", "2026-10-18T17:00:00Z");
  g_assert_false (json_object_has_member (moved, "rrule"));

  /* A one-off in UTC takes the calendar's zone. */
  assert_member (town_hall, "starts_at", "2026-10-16T02:00:00Z");
  assert_member (town_hall, "tzid", "America/Los_Angeles");

  /* All day over two days: ends_on is the last day. */
  g_assert_true (civic_json_object_get_boolean_or (clinic, "all_day", FALSE));
  assert_member (clinic, "starts_on", "2026-10-03");
  assert_member (clinic, "ends_on", "2026-10-04");
  g_assert_false (json_object_has_member (clinic, "starts_at"));
  g_assert_false (json_object_has_member (clinic, "description"));

  /* October in Los Angeles: the 4th, the moved 18th and the 25th (the 11th
   * is skipped), the town hall and the clinic weekend.
   */
  october = occurrences (store, "2026-10-01T07:00:00Z", "2026-11-01T07:00:00Z");
  g_assert_cmpuint (october->len, ==, 5);
  for (guint i = 0; i < october->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (october, i);

      if (g_strcmp0 (o->series_id, series_id) == 0)
        {
          series_count++;
          g_assert_cmpstr (o->occurrence, !=, "2026-10-11");
        }
    }
  g_assert_cmpuint (series_count, ==, 3);
}

/* Outlook: a BOM, CRLF, Windows zone names (quoted) with Outlook's own
 * VTIMEZONEs, X-MICROSOFT-* and X-ALT-DESC properties, Teams links.
 */
static void
test_outlook (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "outlook.ics");
  g_autoptr(JsonObject) hearing = find_by_title (store, "Senate Public Safety Committee hearing");
  g_autoptr(JsonObject) seoul = find_by_title (store, "서울 협력 단체와 화상 회의");
  g_autoptr(JsonObject) lobby = find_by_title (store, "Lobby days in Sacramento");

  g_assert_cmpuint (report->created, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 0);

  assert_member (hearing, "starts_at", "2026-10-20T17:00:00Z");
  assert_member (hearing, "ends_at", "2026-10-20T19:00:00Z");
  assert_member (hearing, "tzid", "America/Los_Angeles");
  assert_member (hearing, "kind", "hearing");
  assert_member (civic_json_object_get_object_or_null (hearing, "location"), "name",
                 "State Capitol, Room 4202");
  assert_member (hearing, "description",
                 "Testimony on SB 54. Meet at the north entrance at 9:30.\n\nSpeakers: Ji-woo Park, Daniel Lee");
  /* The long folded UID still gives a stable id. */
  assert_member (hearing, "ical_uid",
                 "040000008200E00074C5B7101A82E00800000000D0C1A6B1F3D5DC01000000000000000"
                 "010000000F9A4C2B3C9F0A84DA9C1B3B2F3C1E4D5");

  assert_member (seoul, "starts_at", "2026-10-22T00:00:00Z");
  assert_member (seoul, "tzid", "Asia/Seoul");
  assert_member (seoul, "kind", "community_meeting");
  assert_member (seoul, "online_url", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmQ4ZGI@thread.v2/0");

  g_assert_true (civic_json_object_get_boolean_or (lobby, "all_day", FALSE));
  assert_member (lobby, "starts_on", "2026-10-23");
  assert_member (lobby, "ends_on", "2026-10-25");
  assert_member (lobby, "kind", "legislative_visit");
}

/* Thunderbird: LF line ends, a monthly rule with UNTIL, an EXDATE with two
 * values and a TZID, CATEGORIES with two values, DURATION.
 */
static void
test_thunderbird (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "thunderbird.ics");
  g_autoptr(JsonObject) rally = find_by_title (store, "Rally for the DREAM Act");
  g_autoptr(JsonObject) drive = find_by_title (store, "Voter registration drive");
  g_autoptr(GPtrArray) autumn = NULL;
  guint rallies = 0;

  g_assert_cmpuint (report->created, ==, 2);
  assert_member (rally, "tzid", "America/New_York");
  assert_member (rally, "starts_at", "2026-10-03T16:00:00Z");
  assert_member (rally, "status", "tentative");
  assert_member (rally, "kind", "rally");
  assert_strings (rally, "exdates", (const char *[]) { "2026-11-07", "2026-12-05", NULL });

  assert_member (drive, "kind", "voter_registration");
  assert_strings (drive, "ical_categories", (const char *[]) { "Outreach", NULL });
  assert_member (drive, "online_url", "https://example.org/register");
  assert_member (drive, "starts_at", "2026-10-10T14:00:00Z");
  assert_member (drive, "ends_at", "2026-10-10T18:00:00Z");

  /* First Saturdays until the end of the year, minus the two skipped. */
  autumn = occurrences (store, "2026-09-01T00:00:00Z", "2027-03-01T00:00:00Z");
  for (guint i = 0; i < autumn->len; i++)
    if (g_strcmp0 (((CivicOccurrence *) g_ptr_array_index (autumn, i))->event_id,
                   civic_json_object_get_string_or_null (rally, "_id")) == 0)
      rallies++;
  g_assert_cmpuint (rallies, ==, 1);
}

/* Evolution / GNOME Calendar: libical-prefixed TZIDs, a value folded right
 * after the colon, a one-day all-day event.
 */
static void
test_evolution (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "evolution.ics");
  g_autoptr(JsonObject) workshop = find_by_title (store, "Know your rights workshop");
  g_autoptr(JsonObject) election = find_by_title (store, "Election Day");

  g_assert_cmpuint (report->created, ==, 2);
  assert_member (workshop, "tzid", "America/Los_Angeles");
  assert_member (workshop, "starts_at", "2026-10-24T17:00:00Z");
  assert_member (workshop, "ends_at", "2026-10-24T21:00:00Z");
  assert_member (workshop, "kind", "workshop");
  assert_member (workshop, "description",
                 "What to do if ICE comes to your door. Interpretation in Korean and Spanish.");
  g_assert_true (civic_json_object_get_boolean_or (election, "all_day", FALSE));
  assert_member (election, "starts_on", "2026-11-03");
  assert_member (election, "ends_on", "2026-11-03");
}

/* Every mapping at once: a fold inside a Hangul character, floating time,
 * DURATION, STATUS, URL, escapes, a VTIMEZONE under a name no table knows,
 * categories that match loosely or not at all, an event without a UID.
 */
static void
test_mappings (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "mappings.ics");
  g_autoptr(JsonObject) town_hall = find_by_title (store, "타운홀 미팅: 이민 개혁 — Town hall on immigration reform");
  g_autoptr(JsonObject) phone = find_by_title (store, "Phone banking night");
  g_autoptr(JsonObject) clinic = find_by_title (store, "Naturalization help at the library");
  g_autoptr(CivicIcalImportReport) again = NULL;

  g_assert_cmpuint (report->created, ==, 3);

  /* Floating: the system zone (Los Angeles in this test). */
  assert_member (town_hall, "starts_at", "2026-10-16T01:30:00Z");
  assert_member (town_hall, "ends_at", "2026-10-16T03:00:00Z");
  assert_member (town_hall, "tzid", "America/Los_Angeles");
  assert_member (town_hall, "status", "cancelled");
  assert_member (town_hall, "kind", "town_hall");
  assert_member (town_hall, "online_url", "https://example.org/townhall");
  assert_member (town_hall, "description", "Line one\nLine two, with a comma; and a semicolon");
  assert_member (civic_json_object_get_object_or_null (town_hall, "location"), "name", "Wilshire Park Church");

  /* "Custom Pacific" is known only by its VTIMEZONE, whose rules are Los
   * Angeles'.
   */
  assert_member (phone, "starts_at", "2026-10-21T02:00:00Z");
  assert_member (phone, "tzid", "America/Los_Angeles");
  assert_member (phone, "kind", "phone_bank");
  assert_member (phone, "status", "tentative");
  assert_strings (phone, "ical_categories", (const char *[]) { "Volunteer Night", NULL });

  assert_member (clinic, "kind", "clinic");
  assert_member (clinic, "starts_at", "2026-11-01T17:00:00Z");
  g_assert_null (civic_json_object_get_string_or_null (clinic, "ical_uid"));

  /* Without a UID the event still keeps its id across imports. */
  again = import_data (store, "mappings.ics");
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 3);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (new, parts);
}

/* A second import updates the documents (same count), keeps what the app
 * added, and writes nothing when nothing changed.
 */
static void
test_reimport (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) first = import_data (store, "google.ics");
  g_autoptr(CivicIcalImportReport) same = NULL;
  g_autoptr(CivicIcalImportReport) changed = NULL;
  g_autoptr(JsonObject) series = find_by_title (store, "Sunday phone bank");
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) location = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *data = NULL;
  g_autofree char *edited = NULL;
  gint64 seq;
  gsize length;

  /* The organizer adds what the file does not carry. */
  json_object_set_string_member (series, "office_id", "office:koreatown");
  json_object_set_int_member (series, "capacity", 24);
  location = civic_json_object_copy (civic_json_object_get_object_or_null (series, "location"));
  json_object_set_string_member (location, "address", "3727 W 6th St");
  json_object_set_object_member (series, "location", json_object_ref (location));
  rev = civic_store_put (store, series, &error);
  g_assert_no_error (error);

  /* The same file again: nothing to write. */
  seq = civic_store_get_update_seq (store);
  same = import_data (store, "google.ics");
  g_assert_cmpuint (same->created, ==, 0);
  g_assert_cmpuint (same->updated, ==, 0);
  g_assert_cmpuint (same->unchanged, ==, 4);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);

  /* The title changed in Google Calendar. */
  data = read_data ("google.ics", &length);
  edited = replace (data, "SUMMARY:Sunday phone bank\r\n", "SUMMARY:Sunday phone bank — new script\r\n");
  changed = civic_ical_import_data (store, edited, strlen (edited), "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->created, ==, 0);
  g_assert_cmpuint (changed->updated, ==, 1);
  g_assert_cmpuint (changed->unchanged, ==, 3);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 4);

  after = civic_store_get (store, civic_json_object_get_string_or_null (series, "_id"), &error);
  g_assert_no_error (error);
  assert_member (after, "title", "Sunday phone bank — new script");
  assert_member (after, "office_id", "office:koreatown");
  g_assert_cmpint (civic_json_object_get_int_or (after, "capacity", 0), ==, 24);
  assert_member (civic_json_object_get_object_or_null (after, "location"), "address", "3727 W 6th St");
  assert_member (civic_json_object_get_object_or_null (after, "location"), "name",
                 "KCCC Koreatown Office, 3727 W 6th St, Los Angeles, CA 90020, USA");
  g_assert_true (g_str_has_prefix (civic_json_object_get_string_or_null (after, "_rev"), "3-"));
  g_assert_cmpuint (first->created, ==, 4);
}

/* A later file with only a changed occurrence (as a calendar sends an
 * update to one instance) ties it to the series imported before; without
 * the series it is an event of its own.
 */
static void
test_orphan_exception (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicStore) empty = new_store ();
  g_autoptr(CivicIcalImportReport) first = import_data (store, "google.ics");
  g_autoptr(CivicIcalImportReport) update = NULL;
  g_autoptr(CivicIcalImportReport) alone = NULL;
  g_autoptr(JsonObject) series = find_by_title (store, "Sunday phone bank");
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(GPtrArray) november = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_id = NULL;
  const char *instance =
    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "DTSTART;TZID=America/Los_Angeles:20261101T150000\r\n"
    "DTEND;TZID=America/Los_Angeles:20261101T180000\r\n"
    "UID:7kukuqrfedlm2f9t0vr1ft2dbe@google.com\r\n"
    "RECURRENCE-ID;TZID=America/Los_Angeles:20261101T180000\r\n"
    "SUMMARY:Sunday phone bank (afternoon, last weekend)\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

  update = civic_ical_import_data (store, instance, strlen (instance), "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (update->created, ==, 1);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 5);

  expected_id = g_strdup_printf ("%s@2026-11-01", civic_json_object_get_string_or_null (series, "_id"));
  moved = civic_store_get (store, expected_id, &error);
  g_assert_no_error (error);
  assert_member (moved, "recurrence_of", civic_json_object_get_string_or_null (series, "_id"));
  assert_member (moved, "recurrence_id", "2026-11-01");
  assert_member (moved, "starts_at", "2026-11-01T23:00:00Z");

  /* November 1 shows once, at the new time. */
  november = occurrences (store, "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z");
  g_assert_cmpuint (november->len, ==, 1);
  g_assert_cmpstr (((CivicOccurrence *) g_ptr_array_index (november, 0))->event_id, ==, expected_id);

  alone = civic_ical_import_data (empty, instance, strlen (instance), "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alone->created, ==, 1);
  {
    g_autoptr(JsonObject) single = find_by_title (empty, "Sunday phone bank (afternoon, last weekend)");

    g_assert_false (json_object_has_member (single, "recurrence_of"));
    assert_member (single, "starts_at", "2026-11-01T23:00:00Z");
  }
  g_assert_cmpuint (first->created, ==, 4);
}

static JsonObject *
doc_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = civic_json_object_from_string (json, -1, &error);

  g_assert_no_error (error);
  return doc;
}

/* What a round trip must keep: every field but the store's own. */
static char *
comparable (JsonObject *doc)
{
  g_autoptr(JsonObject) copy = civic_json_object_copy (doc);

  json_object_remove_member (copy, "_rev");
  json_object_remove_member (copy, "created_at");
  json_object_remove_member (copy, "updated_at");
  json_object_remove_member (copy, "updated_by");
  return civic_json_canonical_object (copy, FALSE);
}

static void
test_round_trip (void)
{
  g_autoptr(CivicStore) source = new_store ();
  g_autoptr(CivicStore) target = new_store ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(JsonObject) exception = NULL;
  g_autoptr(CivicIcalImportReport) report = NULL;
  g_autoptr(CivicIcalImportReport) back_home = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  guint count = 0;

  g_ptr_array_add (docs, doc_from (
    "{\"_id\": \"event:series\", \"type\": \"event\", \"kind\": \"phone_bank\", \"title\": \"Phone bank\","
    " \"description\": \"Scripts: English, 한국어; Español.\\nSecond line\\\\ with a backslash\","
    " \"status\": \"confirmed\", \"office_id\": \"office:koreatown\", \"campaign_id\": \"campaign:general-2026\","
    " \"starts_at\": \"2026-09-07T01:00:00Z\", \"ends_at\": \"2026-09-07T04:00:00Z\", \"tzid\": \"America/Los_Angeles\","
    " \"all_day\": false, \"rrule\": \"FREQ=WEEKLY;UNTIL=20261109T075959Z;BYDAY=SU\","
    " \"exdates\": [\"2026-10-11\", \"2026-10-25\"],"
    " \"location\": {\"name\": \"KCCC, Koreatown\", \"address\": \"3727 W 6th St; Suite 200\"},"
    " \"online_url\": \"https://meet.example.org/phone-bank\", \"languages\": [\"ko\", \"en\", \"es\"],"
    " \"accessibility\": \"Step-free entrance on Hobart.\\nASL on request\", \"capacity\": 30,"
    " \"board_visible\": true, \"results\": {\"calls_made\": 412, \"contacts_reached\": 96},"
    " \"livestream\": {\"platform\": \"youtube\", \"delay\": 30}, \"created_at\": \"2026-08-01T00:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from (
    "{\"_id\": \"event:hearing\", \"type\": \"event\", \"kind\": \"hearing\", \"title\": \"Hearing on SB 54\","
    " \"status\": \"tentative\", \"starts_at\": \"2026-10-20T17:00:00Z\", \"ends_at\": \"2026-10-20T19:00:00Z\","
    " \"tzid\": \"America/Los_Angeles\", \"all_day\": false, \"body\": \"Senate Public Safety Committee\","
    " \"bill\": \"SB 54\", \"testimony_deadline\": \"2026-10-15T00:00:00Z\","
    " \"testifiers\": [\"volunteer:a\", \"volunteer:b\"], \"board_visible\": false, \"languages\": []}"));
  g_ptr_array_add (docs, doc_from (
    "{\"_id\": \"event:drive\", \"type\": \"event\", \"kind\": \"voter_registration\", \"title\": \"Registration weekend\","
    " \"status\": \"cancelled\", \"all_day\": true, \"starts_on\": \"2026-10-03\", \"ends_on\": \"2026-10-04\","
    " \"rrule\": \"FREQ=MONTHLY;COUNT=3\", \"exdates\": [\"2026-11-03\"], \"campaign_id\": \"campaign:general-2026\"}"));
  g_ptr_array_add (docs, doc_from (
    "{\"_id\": \"event:seoul\", \"type\": \"event\", \"kind\": \"community_meeting\", \"title\": \"서울 화상 회의\","
    " \"status\": \"confirmed\", \"starts_at\": \"2026-10-22T00:00:00Z\", \"ends_at\": \"2026-10-22T01:00:00Z\","
    " \"tzid\": \"Asia/Seoul\", \"all_day\": false, \"ical_uid\": \"abc@google.com\","
    " \"ical_categories\": [\"Partners\"]}"));
  g_ptr_array_add (docs, doc_from (
    "{\"_id\": \"event:utc\", \"type\": \"event\", \"kind\": \"training\", \"title\": \"Online training\","
    " \"status\": \"confirmed\", \"starts_at\": \"2026-10-05T15:00:00Z\", \"ends_at\": \"2026-10-05T16:00:00Z\","
    " \"tzid\": \"UTC\", \"all_day\": false}"));
  civic_store_put_many (source, docs, NULL, &error);
  g_assert_no_error (error);

  /* A moved occurrence of the series. */
  {
    g_autoptr(JsonObject) series = civic_store_get (source, "event:series", &error);
    g_autofree char *rev = NULL;

    g_assert_no_error (error);
    exception = civic_recurrence_new_exception (series, "2026-10-18", &error);
    g_assert_no_error (error);
    json_object_set_string_member (exception, "title", "Phone bank (moved)");
    json_object_set_string_member (exception, "starts_at", "2026-10-17T17:00:00Z");
    json_object_set_string_member (exception, "ends_at", "2026-10-17T20:00:00Z");
    rev = civic_store_put (source, exception, &error);
    g_assert_no_error (error);
  }

  ics = civic_ical_export (source, NULL, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 6);
  g_assert_nonnull (strstr (ics, "BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n"));
  g_assert_nonnull (strstr (ics, "TZID:Asia/Seoul\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;TZID=America/Los_Angeles:20260906T180000\r\n"));
  g_assert_nonnull (strstr (ics, "RECURRENCE-ID;TZID=America/Los_Angeles:20261018T180000\r\n"));
  g_assert_nonnull (strstr (ics, "EXDATE;TZID=America/Los_Angeles:20261011T180000\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20261003\r\n"));
  g_assert_nonnull (strstr (ics, "DTEND;VALUE=DATE:20261005\r\n"));
  g_assert_nonnull (strstr (ics, "CATEGORIES:Phone Bank\r\n"));
  g_assert_nonnull (strstr (ics, "UID:abc@google.com\r\n"));
  g_assert_nonnull (strstr (ics, "STATUS:CANCELLED\r\n"));

  report = civic_ical_import_data (target, ics, strlen (ics), "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 6);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpuint (report->notes->len, ==, 0);

  originals = civic_store_list (source, "event", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (originals->len, ==, 6);
  for (guint i = 0; i < originals->len; i++)
    {
      JsonObject *original = g_ptr_array_index (originals, i);
      g_autoptr(JsonObject) copy = civic_store_get (target,
                                                    civic_json_object_get_string_or_null (original, "_id"),
                                                    &error);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      a = comparable (original);
      b = comparable (copy);
      g_assert_cmpstr (b, ==, a);
    }

  /* Back into the store it came from: the same documents, unchanged. */
  back_home = civic_ical_import_data (source, ics, strlen (ics), "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back_home->created, ==, 0);
  g_assert_cmpuint (back_home->unchanged, ==, 6);
}

static void
test_export_filter (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) from = civic_cal_parse_instant ("2026-10-01T07:00:00Z");
  g_autoptr(GDateTime) to = civic_cal_parse_instant ("2026-11-01T07:00:00Z");
  g_autoptr(GDateTime) far = civic_cal_parse_instant ("2030-01-01T00:00:00Z");
  g_autoptr(GDateTime) farther = civic_cal_parse_instant ("2030-02-01T00:00:00Z");
  g_autoptr(GError) error = NULL;
  CivicIcalExportFilter filter = { 0 };
  const char *ids[] = { "event:b", NULL };
  guint count = 0;

  g_ptr_array_add (docs, doc_from ("{\"_id\": \"event:a\", \"type\": \"event\", \"title\": \"A\", \"kind\": \"rally\","
                                   " \"status\": \"confirmed\", \"campaign_id\": \"campaign:x\","
                                   " \"starts_at\": \"2026-10-10T17:00:00Z\", \"ends_at\": \"2026-10-10T18:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from ("{\"_id\": \"event:b\", \"type\": \"event\", \"title\": \"B\", \"kind\": \"rally\","
                                   " \"status\": \"confirmed\", \"campaign_id\": \"campaign:y\","
                                   " \"starts_at\": \"2026-12-10T17:00:00Z\", \"ends_at\": \"2026-12-10T18:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from ("{\"_id\": \"event:c\", \"type\": \"event\", \"title\": \"C\", \"kind\": \"rally\","
                                   " \"status\": \"confirmed\", \"campaign_id\": \"campaign:x\","
                                   " \"starts_at\": \"2026-09-06T17:00:00Z\", \"ends_at\": \"2026-09-06T18:00:00Z\","
                                   " \"rrule\": \"FREQ=WEEKLY\", \"tzid\": \"America/Los_Angeles\"}"));
  civic_store_put_many (store, docs, NULL, &error);
  g_assert_no_error (error);

  filter.campaign_id = "campaign:x";
  {
    g_autofree char *ics = civic_ical_export (store, &filter, &count, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 2);
    g_assert_nonnull (strstr (ics, "SUMMARY:A\r\n"));
    g_assert_nonnull (strstr (ics, "SUMMARY:C\r\n"));
    g_assert_null (strstr (ics, "SUMMARY:B\r\n"));
  }

  /* October: A, and the open-ended weekly C. */
  filter.campaign_id = NULL;
  filter.from = from;
  filter.to = to;
  {
    g_autofree char *ics = civic_ical_export (store, &filter, &count, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 2);
    g_assert_null (strstr (ics, "SUMMARY:B\r\n"));
  }

  filter.from = NULL;
  filter.to = NULL;
  filter.ids = ids;
  {
    g_autofree char *ics = civic_ical_export (store, &filter, &count, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 1);
    g_assert_nonnull (strstr (ics, "SUMMARY:B\r\n"));
  }

  /* Campaign y in 2030: nothing. */
  filter.ids = NULL;
  filter.campaign_id = "campaign:y";
  filter.from = far;
  filter.to = farther;
  g_assert_null (civic_ical_export (store, &filter, &count, &error));
  g_assert_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_NO_EVENTS);
}

static void
assert_refused (CivicStore *store,
                const char *data,
                gsize       length,
                const char *line,
                const char *also)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicIcalImportReport) report = civic_ical_import_data (store, data, length, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED);
  if (!g_str_has_prefix (error->message, line))
    g_error ("“%s” does not start with “%s”", error->message, line);
  if (also != NULL && strstr (error->message, also) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, also);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 0);
}

static void
test_malformed (void)
{
  g_autoptr(CivicStore) store = new_store ();
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  static const char not_utf8[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:caf\xe9\r\n"
                                 "DTSTART:20261005T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  static const char mismatched[] = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261005T010000Z\nEND:VTODO\nEND:VCALENDAR\n";
  static const char csv[] = "name,starts,ends\nTown hall,2026-10-05,2026-10-05\n";
  static const char bad_rule[] = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261005T010000Z\nRRULE:EVERY MONDAY\n"
                                 "END:VEVENT\nEND:VCALENDAR\n";
  g_autofree char *truncated = NULL;
  g_autofree char *bad_line = NULL;
  g_autofree char *bad_date = NULL;
  g_autofree char *junk_after = NULL;
  gsize length;

  /* The first event is complete, but the file is cut short: nothing. */
  truncated = read_data ("truncated.ics", &length);
  assert_refused (store, truncated, length, "line 14: ", "END:VEVENT");
  bad_line = read_data ("bad-line.ics", &length);
  assert_refused (store, bad_line, length, "line 7: ", "this line is not a property");
  bad_date = read_data ("bad-date.ics", &length);
  assert_refused (store, bad_date, length, "line 11: ", "DTSTART");

  assert_refused (store, png, sizeof png - 1, "line 1: ", "binary");
  assert_refused (store, not_utf8, sizeof not_utf8 - 1, "line 4: ", "UTF-8");
  assert_refused (store, mismatched, sizeof mismatched - 1, "line 4: ", "END:VEVENT");
  assert_refused (store, csv, sizeof csv - 1, "line 1: ", "BEGIN:VCALENDAR");
  assert_refused (store, bad_rule, sizeof bad_rule - 1, "line 4: ", "RRULE");
  assert_refused (store, "", 0, "line 1: ", "empty");
  assert_refused (store, "\r\n\r\n", 4, "line 1: ", "empty");

  /* Junk after a complete calendar. */
  {
    g_autofree char *good = read_data ("evolution.ics", &length);

    g_autofree char *expected = NULL;
    guint lines = 1;

    for (const char *p = good; *p != '\0'; p++)
      if (*p == '\n')
        lines++;
    expected = g_strdup_printf ("line %u: ", lines);
    junk_after = g_strconcat (good, "\x01\x02garbage", NULL);
    assert_refused (store, junk_after, strlen (junk_after), expected, "binary");
  }
}

static void
test_skipped_components (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicIcalImportReport) report = import_data (store, "vtodo.ics");
  g_autoptr(JsonObject) orientation = find_by_title (store, "Volunteer orientation");
  const char *todo;
  const char *journal;

  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->skipped->len, ==, 2);
  todo = g_ptr_array_index (report->skipped, 0);
  journal = g_ptr_array_index (report->skipped, 1);
  g_assert_true (g_str_has_prefix (todo, "line 4: "));
  g_assert_nonnull (strstr (todo, "VTODO"));
  g_assert_nonnull (strstr (todo, "Print sign-in sheets"));
  g_assert_true (g_str_has_prefix (journal, "line 18: "));
  g_assert_nonnull (strstr (journal, "VJOURNAL"));
  assert_member (orientation, "kind", "training");
}

static void
test_parse_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicIcalImportReport) report = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = read_data ("outlook.ics", &length);
  docs = civic_ical_parse (data, length, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 3);
  g_assert_cmpuint (report->ids->len, ==, 3);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      assert_member (doc, "type", "event");
      g_assert_cmpstr (civic_json_object_get_string_or_null (doc, "_id"), ==, g_ptr_array_index (report->ids, i));
      g_assert_false (json_object_has_member (doc, "_rev"));
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicIcalImportReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = civic_ical_import_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_import_file_async (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "calendar", "data", "thunderbird.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CivicIcalImportReport) report = NULL;

  civic_ical_import_file_async (store, file, "tester", NULL, import_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (report->created, ==, 2);
  g_assert_cmpuint (civic_store_count (store, "event", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Floating times are read, and all-day dates laid out, in this zone. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ical/import/google", test_google);
  g_test_add_func ("/ical/import/outlook", test_outlook);
  g_test_add_func ("/ical/import/thunderbird", test_thunderbird);
  g_test_add_func ("/ical/import/evolution", test_evolution);
  g_test_add_func ("/ical/import/mappings", test_mappings);
  g_test_add_func ("/ical/import/reimport", test_reimport);
  g_test_add_func ("/ical/import/orphan-exception", test_orphan_exception);
  g_test_add_func ("/ical/import/malformed", test_malformed);
  g_test_add_func ("/ical/import/skipped-components", test_skipped_components);
  g_test_add_func ("/ical/import/parse-only", test_parse_only);
  g_test_add_func ("/ical/import/file-async", test_import_file_async);
  g_test_add_func ("/ical/export/round-trip", test_round_trip);
  g_test_add_func ("/ical/export/filter", test_export_filter);

  return g_test_run ();
}
