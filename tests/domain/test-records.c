/* test-records.c — domain records: JSON round-trips, properties, validation, forbidden fields
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-records"

#include "config.h"

#include <string.h>

#include "civic-record.h"
#include "civic-office.h"
#include "civic-campaign.h"
#include "civic-event.h"
#include "civic-shift.h"
#include "civic-signup.h"
#include "civic-volunteer.h"
#include "civic-legislator.h"
#include "civic-visit.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
assert_json_equal (JsonObject *a,
                   JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  if (!json_node_equal (na, nb))
    {
      g_autofree char *ta = to_text (a);
      g_autofree char *tb = to_text (b);

      g_error ("JSON differs:\n%s\n%s", ta, tb);
    }
}

/* One valid document of every type with every field of domain.md, plus
 * unknown fields (a scalar, a nested object and an array) that a newer
 * client might have written.
 */
static const char * const full_documents[] = {
  "{\"_id\":\"office:ktown\",\"_rev\":\"2-0123456789abcdef0123456789abcdef\",\"type\":\"office\","
  "\"name\":\"Los Angeles — Koreatown\",\"address\":\"3465 W 8th St, Los Angeles, CA\",\"phone\":\"+1 213 555 0100\","
  "\"timezone\":\"America/Los_Angeles\",\"created_at\":\"2026-01-02T03:04:05Z\",\"updated_at\":\"2026-01-02T03:04:05Z\","
  "\"updated_by\":\"mina\",\"x_floor\":3,\"x_future\":{\"parking\":{\"spots\":4,\"notes\":[\"rear\",null]}}}",

  "{\"_id\":\"campaign:ge2026\",\"type\":\"campaign\",\"name\":\"General election 2026\",\"starts_on\":\"2026-09-06\","
  "\"ends_on\":\"2026-11-08\",\"description\":\"Get out the vote\",\"goals\":[{\"metric\":\"contacts\",\"target\":100000},"
  "{\"metric\":\"registrations\",\"target\":7500,\"x_stretch\":9000}],\"x_budget\":{\"usd\":1200.5}}",

  "{\"_id\":\"event:pb1\",\"type\":\"event\",\"kind\":\"phone_bank\",\"title\":\"Evening phone bank\",\"description\":\"Calls\","
  "\"status\":\"confirmed\",\"office_id\":\"office:ktown\",\"campaign_id\":\"campaign:ge2026\","
  "\"starts_at\":\"2026-09-08T01:00:00Z\",\"ends_at\":\"2026-09-08T04:00:00Z\",\"tzid\":\"America/Los_Angeles\","
  "\"all_day\":false,\"rrule\":\"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=20261104T070000Z\","
  "\"exdates\":[\"2026-10-13T01:00:00Z\"],\"location\":{\"name\":\"Office\",\"address\":\"3465 W 8th St\",\"x_room\":\"B\"},"
  "\"online_url\":\"https://example.org/meet\",\"languages\":[\"ko\",\"en\"],\"accessibility\":\"Step-free\","
  "\"capacity\":30,\"board_visible\":true,\"results\":{\"calls_made\":420,\"contacts_reached\":96,\"registrations\":3,"
  "\"attendees\":18},\"body\":\"Assembly Committee\",\"bill\":\"AB 540\",\"testimony_deadline\":\"2026-09-01\","
  "\"testifiers\":[\"volunteer:a\",\"volunteer:b\"],\"x_color_override\":\"#ff0000\",\"x_tags\":[{\"k\":\"v\"}]}",

  "{\"_id\":\"shift:s1\",\"type\":\"shift\",\"event_id\":\"event:pb1\",\"role\":\"interpreter\","
  "\"starts_at\":\"2026-09-08T01:00:00Z\",\"ends_at\":\"2026-09-08T03:30:00Z\",\"capacity\":4,"
  "\"languages_needed\":[\"ko\"],\"skills_needed\":[\"interpretation\"],\"notes\":\"Bring a headset\",\"x_priority\":true}",

  "{\"_id\":\"signup:u1\",\"type\":\"signup\",\"shift_id\":\"shift:s1\",\"volunteer_id\":\"volunteer:a\","
  "\"occurrence\":\"2026-09-14\",\"status\":\"completed\",\"signed_up_at\":\"2026-09-01T10:00:00Z\","
  "\"checked_in_at\":\"2026-09-15T01:05:00Z\",\"checked_out_at\":\"2026-09-15T03:00:00Z\",\"source\":\"phone\","
  "\"notes\":\"\",\"x_reminder\":{\"sent\":[\"sms\"]}}",

  "{\"_id\":\"volunteer:a\",\"type\":\"volunteer\",\"given_name\":\"Minsu\",\"family_name\":\"Kim\",\"name_ko\":\"김민수\","
  "\"preferred_name\":\"Min\",\"phone\":\"(213) 555-0123\",\"email\":\"min@example.org\",\"languages\":[\"ko\",\"en\"],"
  "\"skills\":[\"interpretation\",\"driving\"],\"office_id\":\"office:ktown\",\"age_group\":\"youth\","
  "\"availability\":{\"weekday\":[\"evening\"],\"weekend\":[\"morning\",\"afternoon\"]},"
  "\"emergency_contact\":{\"name\":\"Jiyoung Kim\",\"phone\":\"213-555-0199\",\"relationship\":\"mother\"},"
  "\"consent\":{\"contact\":true,\"sms\":false,\"photo\":true},\"joined_on\":\"2025-03-01\",\"active\":true,"
  "\"notes\":\"Prefers evenings\",\"x_shirt_size\":\"M\",\"x_badges\":[\"first-shift\"]}",

  "{\"_id\":\"legislator:h1\",\"type\":\"legislator\",\"name\":\"Rep. Jordan Example\",\"chamber\":\"us_house\","
  "\"state\":\"CA\",\"district\":\"34\",\"party\":\"D\",\"offices\":[{\"kind\":\"capitol\",\"address\":\"Washington\","
  "\"phone\":\"202-555-0100\"},{\"kind\":\"district\",\"address\":\"Los Angeles\",\"phone\":\"213-555-0100\"}],"
  "\"staff\":[{\"name\":\"Pat Staffer\",\"title\":\"LD\",\"email\":\"pat@example.org\",\"phone\":\"202-555-0101\","
  "\"issues\":[\"immigration\"]}],\"committees\":[\"Judiciary\"],\"ids\":{\"bioguide\":\"X000001\",\"openstates\":\"ocd-1\"},"
  "\"x_twitter\":\"@example\"}",

  "{\"_id\":\"visit:v1\",\"type\":\"visit\",\"legislator_id\":\"legislator:h1\",\"occurs_at\":\"2026-03-10T17:00:00Z\","
  "\"format\":\"district_office\",\"met_with\":{\"kind\":\"staff\",\"name\":\"Pat Staffer\"},"
  "\"attendees\":[{\"volunteer_id\":\"volunteer:a\",\"role\":\"storyteller\",\"constituent\":true}],"
  "\"issues\":[\"immigration reform\",\"DACA\"],\"bills\":[\"H.R. 6\"],\"ask\":\"Cosponsor H.R. 6\","
  "\"position\":\"lean_support\",\"commitments\":\"Will raise it with the member\",\"notes\":\"Warm\","
  "\"follow_ups\":[{\"task\":\"Send the fact sheet\",\"owner_id\":\"volunteer:a\",\"due_on\":\"2026-03-17\","
  "\"done_at\":\"2026-03-12T20:00:00Z\"}],\"campaign_id\":\"campaign:ge2026\",\"event_id\":\"event:lobby\","
  "\"office_id\":\"office:ktown\",\"x_photo\":\"img1\"}",
};

static const GType *
expected_types (void)
{
  static GType types[8];

  types[0] = CIVIC_TYPE_OFFICE;
  types[1] = CIVIC_TYPE_CAMPAIGN;
  types[2] = CIVIC_TYPE_EVENT;
  types[3] = CIVIC_TYPE_SHIFT;
  types[4] = CIVIC_TYPE_SIGNUP;
  types[5] = CIVIC_TYPE_VOLUNTEER;
  types[6] = CIVIC_TYPE_LEGISLATOR;
  types[7] = CIVIC_TYPE_VISIT;
  return types;
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (full_documents); i++)
    {
      g_autoptr(JsonObject) doc = parse_object (full_documents[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, &error);
      g_autoptr(JsonObject) back = NULL;
      g_autoptr(JsonObject) again = NULL;
      g_autoptr(CivicRecord) second = NULL;

      g_assert_no_error (error);
      g_assert_true (G_OBJECT_TYPE (record) == expected_types ()[i]);
      g_assert_cmpstr (civic_record_get_record_type (record), ==, json_object_get_string_member (doc, "type"));
      g_assert_cmpstr (civic_record_get_id (record), ==, json_object_get_string_member (doc, "_id"));

      /* Every document is valid as written. */
      civic_record_validate (record, &error);
      g_assert_no_error (error);

      back = civic_record_to_json (record);
      assert_json_equal (doc, back);

      /* Twice through gives the same again, and the input is untouched. */
      second = civic_record_new_from_json (back, &error);
      g_assert_no_error (error);
      again = civic_record_to_json (second);
      assert_json_equal (doc, again);
    }
}

static void
test_extras_survive_edit (void)
{
  g_autoptr(JsonObject) doc = parse_object (full_documents[2]);
  g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, NULL);
  g_autoptr(JsonObject) extras = NULL;
  g_autoptr(JsonObject) back = NULL;
  JsonObject *nested;

  /* An older client edits known fields; the newer client's fields stay. */
  civic_event_set_title (CIVIC_EVENT (record), "Renamed");
  civic_event_set_capacity (CIVIC_EVENT (record), 12);

  extras = civic_record_dup_extras (record);
  g_assert_cmpuint (json_object_get_size (extras), ==, 2);
  g_assert_true (json_object_has_member (extras, "x_color_override"));
  g_assert_true (json_object_has_member (extras, "x_tags"));

  back = civic_record_to_json (record);
  g_assert_cmpstr (json_object_get_string_member (back, "title"), ==, "Renamed");
  g_assert_cmpint (json_object_get_int_member (back, "capacity"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (back, "x_color_override"), ==, "#ff0000");
  nested = json_object_get_object_member (back, "location");
  g_assert_cmpstr (json_object_get_string_member (nested, "x_room"), ==, "B");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (back, "x_tags"), 0), "k"), ==, "v");

  /* The record copied the document: changing the record left it alone. */
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "Evening phone bank");
}

static void
test_metadata_dropped (void)
{
  g_autoptr(JsonObject) doc = parse_object (
    "{\"_id\":\"shift:x\",\"_rev\":\"3-aa\",\"_conflicts\":[\"3-bb\"],\"_revisions\":{\"start\":3,\"ids\":[\"aa\"]},"
    "\"type\":\"shift\",\"role\":\"driver\"}");
  g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, NULL);
  g_autoptr(JsonObject) back = civic_record_to_json (record);

  g_assert_cmpstr (civic_record_get_rev (record), ==, "3-aa");
  g_assert_false (json_object_has_member (back, "_conflicts"));
  g_assert_false (json_object_has_member (back, "_revisions"));
  g_assert_cmpstr (json_object_get_string_member (back, "_rev"), ==, "3-aa");
  g_assert_cmpuint (json_object_get_size (back), ==, 4);
}

static void
test_unknown_type (void)
{
  g_autoptr(JsonObject) doc = parse_object ("{\"_id\":\"memo:1\",\"type\":\"memo\"}");
  g_autoptr(JsonObject) untyped = parse_object ("{\"_id\":\"x\"}");
  g_autoptr(GError) error = NULL;
  CivicRecord *record;

  record = civic_record_new_from_json (doc, &error);
  g_assert_null (record);
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_UNKNOWN_TYPE);
  g_assert_nonnull (strstr (error->message, "memo"));
  g_clear_error (&error);

  record = civic_record_new_from_json (untyped, &error);
  g_assert_null (record);
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_UNKNOWN_TYPE);
  g_clear_error (&error);

  g_assert_false (civic_document_validate (doc, &error));
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_UNKNOWN_TYPE);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(CivicEvent) event = civic_event_new ();
  g_autofree char *title = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) languages = NULL;
  g_autoptr(JsonObject) location = json_object_new ();
  JsonObject *got = NULL;
  const char * const langs[] = { "ko", "es", NULL };
  int capacity = -1;
  gboolean all_day = TRUE;
  guint notified = 0;

  /* Defaults of a new event. */
  g_assert_cmpstr (civic_event_get_kind (event), ==, "other");
  g_assert_cmpstr (civic_event_get_status (event), ==, "confirmed");
  g_assert_null (civic_record_get_id (CIVIC_RECORD (event)));

  g_signal_connect (event, "notify::title", G_CALLBACK (notify_count_cb), &notified);
  json_object_set_string_member (location, "name", "Library");
  g_object_set (event,
                "title", "Know your rights",
                "capacity", 40,
                "languages", langs,
                "location", location,
                "starts-at", "2026-10-01T02:00:00Z",
                NULL);
  g_assert_cmpuint (notified, ==, 1);
  /* Setting the same value again is not a change. */
  civic_event_set_title (event, "Know your rights");
  g_assert_cmpuint (notified, ==, 1);

  g_object_get (event,
                "title", &title,
                "capacity", &capacity,
                "languages", &languages,
                "location", &got,
                "all-day", &all_day,
                "record-type", &type,
                NULL);
  g_assert_cmpstr (title, ==, "Know your rights");
  g_assert_cmpint (capacity, ==, 40);
  g_assert_cmpstrv (languages, langs);
  g_assert_cmpstr (json_object_get_string_member (got, "name"), ==, "Library");
  g_assert_false (all_day);
  g_assert_cmpstr (type, ==, "event");
  json_object_unref (got);

  /* The record stored a copy of the location. */
  json_object_set_string_member (location, "name", "Changed");
  g_assert_cmpstr (json_object_get_string_member (civic_event_get_location (event), "name"), ==, "Library");

  {
    g_autoptr(GDateTime) start = civic_event_dup_start (event);

    g_assert_nonnull (start);
    g_assert_cmpint (g_date_time_get_hour (start), ==, 2);
  }

  /* Removing a field by setting NULL. */
  civic_event_set_title (event, NULL);
  g_assert_false (civic_record_has_field (CIVIC_RECORD (event), "title"));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_choices (void)
{
  const char * const *kinds = civic_event_kind_list ();
  const char * const expected[] = {
    "town_hall", "rally", "hearing", "workshop", "phone_bank", "voter_registration", "canvass",
    "legislative_visit", "clinic", "community_meeting", "training", "other", NULL
  };
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstrv (kinds, expected);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      const char *color = civic_event_kind_get_color (kinds[i]);

      g_assert_nonnull (civic_event_kind_get_label (kinds[i]));
      g_assert_true (g_str_has_suffix (civic_event_kind_get_icon_name (kinds[i]), "-symbolic"));
      g_assert_cmpuint (strlen (color), ==, 7);
      g_assert_true (color[0] == '#');
      /* Each kind has its own colour. */
      g_assert_false (g_hash_table_contains (colors, color));
      g_hash_table_add (colors, (gpointer) color);
    }
  g_assert_cmpstr (civic_event_kind_get_label ("phone_bank"), ==, "Phone bank");
  g_assert_cmpstr (civic_event_kind_get_color ("nonsense"), ==, civic_event_kind_get_color ("other"));

  g_assert_cmpuint (g_strv_length ((GStrv) civic_visit_position_list ()), ==, 6);
  g_assert_cmpstr (civic_visit_position_get_label ("lean_support"), ==, "Leans support");
  g_assert_cmpuint (g_strv_length ((GStrv) civic_signup_status_list ()), ==, 8);
  g_assert_cmpuint (g_strv_length ((GStrv) civic_legislator_chamber_list ()), ==, 6);
  g_assert_cmpuint (g_strv_length ((GStrv) civic_visit_format_list ()), ==, 6);
  g_assert_cmpuint (g_strv_length ((GStrv) civic_visit_attendee_role_list ()), ==, 5);
  /* A free-text shift role is its own label. */
  g_assert_cmpstr (civic_shift_role_get_label ("cook"), ==, "cook");
  g_assert_cmpstr (civic_shift_role_get_label ("check_in"), ==, "Check-in");

  g_assert_cmpstr (civic_record_type_to_id_prefix ("visit"), ==, "visit:");
  {
    g_autofree char *type = civic_record_type_from_id ("volunteer:123");
    g_autofree char *none = civic_record_type_from_id ("nothing:123");

    g_assert_cmpstr (type, ==, "volunteer");
    g_assert_null (none);
  }
}

/* ---- Validation ----------------------------------------------------------- */

typedef struct
{
  guint       doc;       /* index into full_documents */
  const char *patch;     /* members to set; a member set to "$remove" is removed */
  const char *field;     /* expected field at fault, NULL: valid */
  int         index;     /* expected list index, -1 */
} ValidationCase;

static const ValidationCase validation_cases[] = {
  /* office */
  { 0, "{\"name\":\"  \"}", "name", -1 },
  { 0, "{\"timezone\":\"$remove\"}", "timezone", -1 },
  { 0, "{\"timezone\":\"Mars/Olympus_Mons\"}", "timezone", -1 },
  { 0, "{\"timezone\":\"Asia/Seoul\"}", NULL, -1 },
  { 0, "{\"_id\":\"event:wrong-prefix\"}", "_id", -1 },
  { 0, "{\"updated_at\":\"yesterday\"}", "updated_at", -1 },
  /* campaign */
  { 1, "{\"name\":\"$remove\"}", "name", -1 },
  { 1, "{\"ends_on\":\"2026-09-01\"}", "ends_on", -1 },
  { 1, "{\"starts_on\":\"2026-02-30\"}", "starts_on", -1 },
  { 1, "{\"goals\":[{\"metric\":\"likes\",\"target\":3}]}", "goals", 0 },
  { 1, "{\"goals\":[{\"metric\":\"calls\",\"target\":3},{\"metric\":\"calls\",\"target\":-1}]}", "goals", 1 },
  /* event */
  { 2, "{\"title\":\"\"}", "title", -1 },
  { 2, "{\"kind\":\"party\"}", "kind", -1 },
  { 2, "{\"status\":\"maybe\"}", "status", -1 },
  { 2, "{\"ends_at\":\"2026-09-08T00:59:59Z\"}", "ends_at", -1 },
  { 2, "{\"ends_at\":\"2026-09-08T01:00:00Z\"}", NULL, -1 },
  { 2, "{\"starts_at\":\"$remove\"}", "starts_at", -1 },
  { 2, "{\"starts_at\":\"2026-09-08T01:00:00+09:00\"}", "starts_at", -1 },
  { 2, "{\"all_day\":true,\"starts_on\":\"2026-09-08\",\"ends_on\":\"2026-09-07\"}", "ends_on", -1 },
  { 2, "{\"all_day\":true,\"starts_on\":\"2026-09-08\",\"ends_on\":\"2026-09-08\"}", NULL, -1 },
  { 2, "{\"all_day\":true}", "starts_on", -1 },
  { 2, "{\"rrule\":\"WEEKLY\"}", "rrule", -1 },
  { 2, "{\"rrule\":\"FREQ=SOMETIMES\"}", "rrule", -1 },
  { 2, "{\"rrule\":\"FREQ=DAILY;COUNT=10\"}", NULL, -1 },
  { 2, "{\"exdates\":[\"2026-10-13\",\"soon\"]}", "exdates", 1 },
  { 2, "{\"capacity\":-1}", "capacity", -1 },
  { 2, "{\"capacity\":\"many\"}", "capacity", -1 },
  { 2, "{\"tzid\":\"Nowhere/Land\"}", "tzid", -1 },
  { 2, "{\"body\":42}", "body", -1 },
  { 2, "{\"bill\":[\"AB 540\"]}", "bill", -1 },
  { 2, "{\"testifiers\":[1,2]}", "testifiers", -1 },
  { 2, "{\"testimony_deadline\":\"next week\"}", "testimony_deadline", -1 },
  { 2, "{\"results\":{\"calls_made\":-3}}", "results", -1 },
  { 2, "{\"online_url\":\"javascript:alert(1)\"}", "online_url", -1 },
  { 2, "{\"location\":\"Main St\"}", "location", -1 },
  /* shift */
  { 3, "{\"event_id\":\"$remove\"}", "event_id", -1 },
  { 3, "{\"role\":\" \"}", "role", -1 },
  { 3, "{\"role\":\"cook\"}", NULL, -1 },
  { 3, "{\"ends_at\":\"2026-09-08T01:00:00Z\"}", "ends_at", -1 },
  { 3, "{\"ends_at\":\"$remove\"}", "ends_at", -1 },
  { 3, "{\"capacity\":0}", "capacity", -1 },
  { 3, "{\"capacity\":\"$remove\"}", "capacity", -1 },
  /* signup */
  { 4, "{\"shift_id\":\"\"}", "shift_id", -1 },
  { 4, "{\"volunteer_id\":\"$remove\"}", "volunteer_id", -1 },
  { 4, "{\"status\":\"attending\"}", "status", -1 },
  { 4, "{\"status\":\"$remove\"}", "status", -1 },
  { 4, "{\"occurrence\":\"09/14/2026\"}", "occurrence", -1 },
  { 4, "{\"occurrence\":\"$remove\"}", NULL, -1 },
  { 4, "{\"source\":\"carrier pigeon\"}", "source", -1 },
  { 4, "{\"checked_out_at\":\"2026-09-15T01:00:00Z\"}", "checked_out_at", -1 },
  /* volunteer */
  { 5, "{\"given_name\":\"$remove\",\"family_name\":\"\",\"name_ko\":\" \"}", "given_name", -1 },
  { 5, "{\"given_name\":\"$remove\",\"family_name\":\"$remove\"}", NULL, -1 },
  { 5, "{\"phone\":\"555-0123\"}", "phone", -1 },
  { 5, "{\"phone\":\"213-555-O123\"}", "phone", -1 },
  { 5, "{\"phone\":\"+82 10 1234 5678\"}", NULL, -1 },
  { 5, "{\"phone\":\"213+5550123456\"}", "phone", -1 },
  { 5, "{\"email\":\"min.example.org\"}", "email", -1 },
  { 5, "{\"email\":\"min@example\"}", "email", -1 },
  { 5, "{\"email\":\"a b@example.org\"}", "email", -1 },
  { 5, "{\"age_group\":\"toddler\"}", "age_group", -1 },
  { 5, "{\"availability\":{\"weekday\":[\"midnight\"]}}", "availability", -1 },
  { 5, "{\"availability\":{\"holiday\":[\"morning\"]}}", "availability", -1 },
  { 5, "{\"consent\":{\"sms\":\"yes\"}}", "consent", -1 },
  { 5, "{\"emergency_contact\":{\"phone\":\"12\"}}", "emergency_contact", -1 },
  { 5, "{\"joined_on\":\"2025-13-01\"}", "joined_on", -1 },
  { 5, "{\"active\":\"yes\"}", "active", -1 },
  /* legislator */
  { 6, "{\"name\":\"$remove\"}", "name", -1 },
  { 6, "{\"chamber\":\"house_of_lords\"}", "chamber", -1 },
  { 6, "{\"chamber\":\"$remove\"}", "chamber", -1 },
  { 6, "{\"offices\":[{\"kind\":\"capitol\"},{\"kind\":\"boat\"}]}", "offices", 1 },
  { 6, "{\"staff\":[{\"title\":\"LD\"}]}", "staff", 0 },
  { 6, "{\"ids\":{\"bioguide\":7}}", "ids", -1 },
  /* visit */
  { 7, "{\"legislator_id\":\"$remove\"}", "legislator_id", -1 },
  { 7, "{\"occurs_at\":\"$remove\"}", "occurs_at", -1 },
  { 7, "{\"position\":\"lukewarm\"}", "position", -1 },
  { 7, "{\"format\":\"carrier pigeon\"}", "format", -1 },
  { 7, "{\"met_with\":{\"kind\":\"cousin\"}}", "met_with", -1 },
  { 7, "{\"attendees\":[{\"volunteer_id\":\"volunteer:a\",\"role\":\"leader\"},{\"volunteer_id\":\"volunteer:b\",\"role\":\"heckler\"}]}", "attendees", 1 },
  { 7, "{\"attendees\":[{\"role\":\"leader\"}]}", "attendees", 0 },
  { 7, "{\"follow_ups\":[{\"task\":\"Call back\"},{\"task\":\"  \",\"due_on\":\"2026-03-20\"}]}", "follow_ups", 1 },
  { 7, "{\"follow_ups\":[{\"task\":\"Call back\",\"due_on\":\"Friday\"}]}", "follow_ups", 0 },
  { 7, "{\"follow_ups\":[\"Call back\"]}", "follow_ups", 0 },
};

static void
test_validation (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      const ValidationCase *c = &validation_cases[i];
      g_autoptr(JsonObject) doc = parse_object (full_documents[c->doc]);
      g_autoptr(JsonObject) patch = parse_object (c->patch);
      g_autoptr(GError) error = NULL;
      g_autoptr(GList) members = json_object_get_members (patch);
      gboolean ok;

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (patch, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
              && g_str_equal (json_node_get_string (node), "$remove"))
            json_object_remove_member (doc, l->data);
          else
            json_object_set_member (doc, l->data, json_node_copy (node));
        }

      g_test_message ("case %u: %s %s", i, json_object_get_string_member (doc, "type"), c->patch);
      ok = civic_document_validate (doc, &error);
      if (c->field == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_true (g_error_matches (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID));
      g_assert_cmpstr (civic_record_error_get_field (error), ==, c->field);
      g_assert_cmpint (civic_record_error_get_index (error), ==, c->index);
      /* The message names the field by its label, then gives the reason. */
      {
        const char *label = civic_record_field_label (json_object_get_string_member (doc, "type"), c->field);
        g_autofree char *prefix = g_strconcat (label, ": ", NULL);

        g_assert_true (g_str_has_prefix (error->message, prefix));
        g_assert_true (g_str_has_suffix (error->message, civic_record_error_get_reason (error)));
        g_assert_cmpuint (strlen (civic_record_error_get_reason (error)), >, 0);
      }
    }
}

static void
test_validation_messages (void)
{
  g_autoptr(CivicEvent) event = civic_event_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;

  civic_event_set_starts_at (event, "2026-09-08T01:00:00Z");
  g_assert_false (civic_record_validate (CIVIC_RECORD (event), &error));
  g_assert_cmpstr (error->message, ==, "Title: an event needs a title");
  g_assert_cmpstr (civic_record_error_get_reason (error), ==, "an event needs a title");

  /* The field survives a copy (the GUI hands errors across threads). */
  copy = g_error_copy (error);
  g_assert_cmpstr (civic_record_error_get_field (copy), ==, "title");
  g_clear_error (&error);

  civic_event_set_title (event, "Rally");
  civic_event_set_ends_at (event, "2026-09-07T01:00:00Z");
  g_assert_false (civic_record_validate (CIVIC_RECORD (event), &error));
  g_assert_cmpstr (error->message, ==, "Ends: the end is before the start");
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "ends_at");
  g_clear_error (&error);

  civic_event_set_ends_at (event, "2026-09-08T03:00:00Z");
  g_assert_true (civic_record_validate (CIVIC_RECORD (event), &error));
  g_assert_no_error (error);

  /* Errors from elsewhere have no field. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "nope");

    g_assert_null (civic_record_error_get_field (other));
    g_assert_cmpint (civic_record_error_get_index (other), ==, -1);
    g_assert_cmpstr (civic_record_error_get_reason (other), ==, "nope");
  }
}

/* ---- Volunteers never hold immigration status ----------------------------- */

static void
test_immigration_fields_dropped (void)
{
  g_autoptr(JsonObject) doc = parse_object (
    "{\"_id\":\"volunteer:z\",\"type\":\"volunteer\",\"given_name\":\"Ana\","
    "\"immigration_status\":\"x\",\"citizenship_status\":\"x\",\"visa_status\":\"x\",\"documented\":false,"
    "\"a_number\":\"A123\",\"undocumented\":true,\"immigrationStatus\":\"x\",\"green_card\":true,"
    "\"passport_number\":\"x\",\"daca_expires\":\"2027-01-01\",\"ssn\":\"x\",\"AlienNumber\":\"x\","
    "\"x_visa_expiry\":\"2027\",\"work_permit\":\"x\",\"legal_status\":\"x\",\"immigrationstatus\":\"x\","
    "\"emergency_contact\":{\"name\":\"B\",\"immigration_status\":\"x\"},"
    "\"x_history\":[{\"visa_status\":\"x\",\"note\":\"kept\"}],"
    "\"supervisor\":\"kept\",\"advisor\":\"kept\",\"x_notice\":\"kept\",\"office_id\":\"office:1\"}");
  static const char * const forbidden[] = {
    "immigration_status", "citizenship_status", "visa_status", "documented", "a_number", "undocumented",
    "immigrationStatus", "green_card", "passport_number", "daca_expires", "ssn", "AlienNumber",
    "x_visa_expiry", "work_permit", "legal_status", "immigrationstatus",
  };
  g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, NULL);
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autofree char *text = NULL;

  g_assert_nonnull (record);
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_assert_true (civic_volunteer_is_forbidden_field (forbidden[i]));
      g_assert_false (civic_record_has_field (record, forbidden[i]));
    }

  /* Fields added after loading do not reach the document either. */
  civic_record_set_string (record, "citizenship", "x");
  g_assert_false (civic_record_has_field (record, "citizenship"));
  {
    g_autoptr(JsonArray) papers = json_array_new ();

    json_array_add_string_element (papers, "x");
    civic_record_set_array (record, "documents", papers);
    g_assert_false (civic_record_has_field (record, "documents"));
    civic_record_set_boolean (record, "is_undocumented", TRUE);
    g_assert_false (civic_record_has_field (record, "is_undocumented"));
  }
  json_object_set_string_member (contact, "name", "C");
  json_object_set_string_member (contact, "visa_type", "x");
  civic_volunteer_set_emergency_contact (CIVIC_VOLUNTEER (record), contact);
  g_assert_false (json_object_has_member (civic_volunteer_get_emergency_contact (CIVIC_VOLUNTEER (record)), "visa_type"));

  back = civic_record_to_json (record);
  text = to_text (back);
  g_assert_null (strstr (text, "immigration"));
  g_assert_null (strstr (text, "visa"));
  g_assert_null (strstr (text, "citizen"));
  g_assert_null (strstr (text, "documented"));
  g_assert_null (strstr (text, "number"));
  g_assert_null (strstr (text, "daca"));
  g_assert_null (strstr (text, "green"));
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    g_assert_false (json_object_has_member (back, forbidden[i]));

  /* Innocent fields stay, including unknown ones. */
  g_assert_cmpstr (json_object_get_string_member (back, "supervisor"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (back, "advisor"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (back, "x_notice"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (back, "given_name"), ==, "Ana");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (back, "emergency_contact"), "name"), ==, "C");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (back, "x_history"), 0), "note"), ==, "kept");

  /* The known fields of a volunteer are never taken for forbidden ones. */
  {
    GObjectClass *klass = g_type_class_ref (CIVIC_TYPE_VOLUNTEER);
    CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

    for (guint i = 0; i < record_class->n_fields; i++)
      g_assert_false (civic_volunteer_is_forbidden_field (record_class->fields[i].name));
    g_type_class_unref (klass);
  }

  /* No other type drops such names: a hearing's bill may be about visas. */
  {
    g_autoptr(JsonObject) event_doc = parse_object (
      "{\"type\":\"event\",\"title\":\"T\",\"x_visa_topic\":\"H-1B\"}");
    g_autoptr(CivicRecord) event = civic_record_new_from_json (event_doc, NULL);

    g_assert_true (civic_record_has_field (event, "x_visa_topic"));
  }
}

static void
test_formats (void)
{
  g_assert_true (civic_is_utc_instant ("2026-09-06T01:00:00Z"));
  g_assert_true (civic_is_utc_instant ("2026-09-06T01:00:00.250Z"));
  g_assert_false (civic_is_utc_instant ("2026-09-06T01:00:00"));
  g_assert_false (civic_is_utc_instant ("2026-09-06T01:00:00-07:00"));
  g_assert_false (civic_is_utc_instant ("2026-02-30T01:00:00Z"));
  g_assert_false (civic_is_utc_instant ("2026-09-06"));
  g_assert_true (civic_is_date ("2024-02-29"));
  g_assert_false (civic_is_date ("2026-02-29"));
  g_assert_false (civic_is_date ("2026-9-6"));
  g_assert_true (civic_is_phone ("+1 (213) 555-0123"));
  g_assert_true (civic_is_phone ("2135550123"));
  g_assert_false (civic_is_phone ("555-0123"));
  g_assert_false (civic_is_phone ("call me"));
  g_assert_true (civic_is_email ("a.b+c@example.co.kr"));
  g_assert_false (civic_is_email ("@example.org"));
  g_assert_false (civic_is_email ("a@b@example.org"));

  {
    g_autoptr(GTimeZone) seoul = g_time_zone_new_identifier ("Asia/Seoul");
    g_autoptr(GDateTime) dt = g_date_time_new (seoul, 2026, 9, 6, 10, 0, 0.7);
    g_autofree char *text = civic_format_instant (dt);

    g_assert_cmpstr (text, ==, "2026-09-06T01:00:00Z");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/records/round-trip", test_round_trip);
  g_test_add_func ("/domain/records/extras-survive-edit", test_extras_survive_edit);
  g_test_add_func ("/domain/records/metadata-dropped", test_metadata_dropped);
  g_test_add_func ("/domain/records/unknown-type", test_unknown_type);
  g_test_add_func ("/domain/records/properties", test_properties);
  g_test_add_func ("/domain/records/choices", test_choices);
  g_test_add_func ("/domain/records/validation", test_validation);
  g_test_add_func ("/domain/records/validation-messages", test_validation_messages);
  g_test_add_func ("/domain/records/immigration-fields-dropped", test_immigration_fields_dropped);
  g_test_add_func ("/domain/records/formats", test_formats);

  return g_test_run ();
}
