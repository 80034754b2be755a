/* test-legislator-import.c — congress-legislators and Open States CSV imports
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-legislator-import"

#include "config.h"

#include <string.h>

#include "civic-json.h"
#include "civic-legislator-import.h"
#include "civic-store.h"

static CivicStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static CivicLegislatorImportReport *
import_named (CivicStore *store,
              const char *name,
              const char *state)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CivicLegislatorImportReport *report;

  report = civic_legislator_import_file (store, file, state, "tester", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

/* The one legislator whose ids.@kind is @id. */
static JsonObject *
find_by_id (CivicStore *store,
            const char *kind,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = civic_store_list (store, "legislator", &error);
  JsonObject *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (all, i);
      JsonObject *ids = civic_json_object_get_object_or_null (doc, "ids");

      if (g_strcmp0 (civic_json_object_get_string_or_null (ids, kind), id) == 0)
        {
          g_assert_null (found);
          found = json_object_ref (doc);
        }
    }

  g_assert_nonnull (found);
  return found;
}

static JsonObject *
office (JsonObject *legislator,
        const char *kind)
{
  JsonArray *offices = civic_json_object_get_array_or_null (legislator, "offices");

  g_assert_nonnull (offices);
  for (guint i = 0; i < json_array_get_length (offices); i++)
    {
      JsonObject *item = json_array_get_object_element (offices, i);

      if (g_strcmp0 (civic_json_object_get_string_or_null (item, "kind"), kind) == 0)
        return item;
    }

  return NULL;
}

static gboolean
skipped_line (CivicLegislatorImportReport *report,
              guint                        line,
              const char                  *reason_part)
{
  for (guint i = 0; i < report->skipped->len; i++)
    {
      CivicLegislatorImportSkip *skip = g_ptr_array_index (report->skipped, i);

      if (skip->line == line && strstr (skip->reason, reason_part) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_congress_import (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLegislatorImportReport) report = import_named (store, "legislators-current.csv", NULL);
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(JsonObject) whitfield = NULL;
  g_autoptr(JsonObject) nakamura = NULL;
  g_autoptr(JsonObject) reyes = NULL;
  JsonObject *capitol;
  JsonArray *links;

  g_assert_cmpint (report->format, ==, CIVIC_LEGISLATOR_FORMAT_CONGRESS);
  g_assert_cmpuint (report->created, ==, 5);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 2);
  g_assert_true (skipped_line (report, 6, "bioguide_id"));
  g_assert_true (skipped_line (report, 8, "gov"));
  g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 5);

  park = find_by_id (store, "bioguide", "Z000101");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "name"), ==, "Elena Park");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "chamber"), ==, "us_house");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "state"), ==, "CA");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "district"), ==, "34");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "party"), ==, "Democrat");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "type"), ==, "legislator");
  g_assert_cmpstr (civic_json_object_get_string_or_null (park, "updated_by"), ==, "tester");
  g_assert_true (g_str_has_prefix (civic_json_object_get_string_or_null (park, "_id"), "legislator:"));
  capitol = office (park, "capitol");
  g_assert_nonnull (capitol);
  g_assert_cmpstr (civic_json_object_get_string_or_null (capitol, "address"), ==,
                   "1402 Longworth House Office Building Washington DC 20515-0534");
  g_assert_cmpstr (civic_json_object_get_string_or_null (capitol, "phone"), ==, "202-225-0134");
  g_assert_null (office (park, "district"));
  links = civic_json_object_get_array_or_null (park, "links");
  g_assert_nonnull (links);
  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (links, 1), ==, "https://park.house.example.gov/contact");

  /* A quoted address with commas stays one field. */
  whitfield = find_by_id (store, "bioguide", "Z000102");
  g_assert_cmpstr (civic_json_object_get_string_or_null (whitfield, "name"), ==, "Tom Whitfield Jr.");
  g_assert_cmpstr (civic_json_object_get_string_or_null (whitfield, "party"), ==, "Republican");
  g_assert_cmpstr (civic_json_object_get_string_or_null (office (whitfield, "capitol"), "address"), ==,
                   "2211 Rayburn House Office Building, Washington, DC 20515-0540");

  nakamura = find_by_id (store, "bioguide", "Z000103");
  g_assert_cmpstr (civic_json_object_get_string_or_null (nakamura, "chamber"), ==, "us_senate");
  g_assert_false (json_object_has_member (nakamura, "district"));
  g_assert_cmpstr (civic_json_object_get_string_or_null (office (nakamura, "capitol"), "phone"), ==,
                   "202-224-0911");

  /* An at-large seat is district 0, as the data set codes it. */
  reyes = find_by_id (store, "bioguide", "Z000105");
  g_assert_cmpstr (civic_json_object_get_string_or_null (reyes, "state"), ==, "TX");
  g_assert_cmpstr (civic_json_object_get_string_or_null (reyes, "district"), ==, "0");
}

static void
test_open_states_import (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLegislatorImportReport) report = import_named (store, "ca.csv", "ca");
  g_autoptr(JsonObject) han = NULL;
  g_autoptr(JsonObject) tran = NULL;
  JsonObject *capitol, *district, *ids;
  JsonArray *links;

  g_assert_cmpint (report->format, ==, CIVIC_LEGISLATOR_FORMAT_OPEN_STATES);
  g_assert_cmpuint (report->created, ==, 3);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_true (skipped_line (report, 5, "council"));

  han = find_by_id (store, "openstates", "ocd-person/0f1e2d3c-4b5a-4697-8877-665544332211");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "name"), ==, "Soo-ah Han");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "chamber"), ==, "state_assembly");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "state"), ==, "CA");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "district"), ==, "53");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "party"), ==, "Democrat");
  g_assert_cmpstr (civic_json_object_get_string_or_null (han, "email"), ==,
                   "assemblymember.han@asm.example.gov");
  capitol = office (han, "capitol");
  district = office (han, "district");
  g_assert_cmpstr (civic_json_object_get_string_or_null (capitol, "address"), ==,
                   "1021 O Street, Suite 5310; Sacramento, CA 95814");
  g_assert_cmpstr (civic_json_object_get_string_or_null (capitol, "phone"), ==, "916-319-2053");
  g_assert_cmpstr (civic_json_object_get_string_or_null (capitol, "fax"), ==, "916-319-2153");
  g_assert_cmpstr (civic_json_object_get_string_or_null (district, "phone"), ==, "213-555-0153");
  ids = civic_json_object_get_object_or_null (han, "ids");
  g_assert_cmpstr (civic_json_object_get_string_or_null (ids, "openstates"), ==,
                   "ocd-person/0f1e2d3c-4b5a-4697-8877-665544332211");

  /* links and sources, split on ';' with the duplicate dropped. */
  links = civic_json_object_get_array_or_null (han, "links");
  g_assert_nonnull (links);
  g_assert_cmpuint (json_array_get_length (links), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (links, 0), ==, "https://a53.asmdc.example.org/");
  g_assert_cmpstr (json_array_get_string_element (links, 1), ==, "https://twitter.example.com/AsmSooahHan");
  g_assert_cmpstr (json_array_get_string_element (links, 2), ==,
                   "https://www.assembly.example.gov/assemblymembers");

  tran = find_by_id (store, "openstates", "ocd-person/c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f");
  g_assert_cmpstr (civic_json_object_get_string_or_null (tran, "chamber"), ==, "state_senate");
  g_assert_cmpstr (civic_json_object_get_string_or_null (tran, "district"), ==, "34");
}

static void
test_reimport_updates_in_place (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLegislatorImportReport) first = import_named (store, "legislators-current.csv", NULL);
  g_autoptr(CivicLegislatorImportReport) second = NULL;
  g_autoptr(JsonObject) park = find_by_id (store, "bioguide", "Z000101");
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) staff_member = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *park_id = NULL;
  JsonArray *staff, *committees, *offices;
  gsize length;

  /* The organization adds what it knows: a staffer, notes, committees,
   * and a district office of its own.
   */
  staff_member = json_object_new ();
  json_object_set_string_member (staff_member, "name", "Jordan Ellis");
  json_object_set_string_member (staff_member, "title", "Legislative Director");
  json_object_set_string_member (staff_member, "email", "jordan.ellis@mail.house.example.gov");
  staff = json_array_new ();
  json_array_add_object_element (staff, g_steal_pointer (&staff_member));
  json_object_set_array_member (park, "staff", staff);
  json_object_set_string_member (park, "notes", "Met at the Koreatown town hall.");
  committees = json_array_new ();
  json_array_add_string_element (committees, "Judiciary");
  json_object_set_array_member (park, "committees", committees);
  offices = civic_json_object_get_array_or_null (park, "offices");
  {
    JsonObject *district_office = json_object_new ();

    json_object_set_string_member (district_office, "kind", "district");
    json_object_set_string_member (district_office, "address", "3000 W 6th St, Los Angeles, CA 90020");
    json_array_add_object_element (offices, district_office);
  }
  rev = civic_store_put (store, park, &error);
  g_assert_no_error (error);
  park_id = g_strdup (civic_json_object_get_string_or_null (park, "_id"));

  /* The new file: Elena Park's phone changed. */
  contents = read_data ("legislators-current.csv", &length);
  data = g_string_new_len (contents, length);
  g_assert_cmpuint (g_string_replace (data, "202-225-0134", "202-225-4134", 0), ==, 1);

  second = civic_legislator_import_data (store, data->str, data->len, "legislators-current.csv",
                                         NULL, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->created, ==, 0);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->unchanged, ==, 4);
  g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 5);

  after = find_by_id (store, "bioguide", "Z000101");
  g_assert_cmpstr (civic_json_object_get_string_or_null (after, "_id"), ==, park_id);
  g_assert_cmpstr (civic_json_object_get_string_or_null (office (after, "capitol"), "phone"), ==,
                   "202-225-4134");
  g_assert_cmpstr (civic_json_object_get_string_or_null (after, "notes"), ==,
                   "Met at the Koreatown town hall.");
  staff = civic_json_object_get_array_or_null (after, "staff");
  g_assert_nonnull (staff);
  g_assert_cmpuint (json_array_get_length (staff), ==, 1);
  g_assert_cmpstr (civic_json_object_get_string_or_null (json_array_get_object_element (staff, 0), "name"),
                   ==, "Jordan Ellis");
  committees = civic_json_object_get_array_or_null (after, "committees");
  g_assert_nonnull (committees);
  g_assert_cmpstr (json_array_get_string_element (committees, 0), ==, "Judiciary");
  g_assert_cmpstr (civic_json_object_get_string_or_null (office (after, "district"), "address"), ==,
                   "3000 W 6th St, Los Angeles, CA 90020");
  g_assert_cmpuint (json_array_get_length (civic_json_object_get_array_or_null (after, "offices")), ==, 2);
  g_assert_true (g_str_has_prefix (civic_json_object_get_string_or_null (after, "_rev"), "3-"));

  /* The same file once more changes nothing and writes nothing. */
  {
    g_autoptr(CivicLegislatorImportReport) third = NULL;
    gint64 seq = civic_store_get_update_seq (store);

    third = civic_legislator_import_data (store, data->str, data->len, "legislators-current.csv",
                                          NULL, "tester", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (third->created + third->updated, ==, 0);
    g_assert_cmpuint (third->unchanged, ==, 5);
    g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
  }
}

static void
test_neither_format_refused (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", "volunteers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CivicLegislatorImportReport *report;
  CivicLegislatorFormat format = CIVIC_LEGISLATOR_FORMAT_CONGRESS;

  g_assert_true (civic_legislator_import_detect_file (file, &format, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, CIVIC_LEGISLATOR_FORMAT_UNKNOWN);

  report = civic_legislator_import_file (store, file, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "volunteers.csv"));
  for (guint i = 0; i < 2; i++)
    {
      const char * const *expected = i == 0
        ? (const char * const[]) { "last_name", "first_name", "type", "state", "district", "party", "bioguide_id", NULL }
        : (const char * const[]) { "current_party", "current_district", "current_chamber", NULL };

      for (guint j = 0; expected[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, expected[j]));
    }
  g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 0);

  /* An empty file is refused the same way. */
  g_clear_error (&error);
  report = civic_legislator_import_data (store, "", 0, "empty.csv", NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_UNKNOWN_FORMAT);
}

static void
test_detect (void)
{
  const char * const congress[] = { "last_name", "first_name", "type", "state", "district",
                                    "party", "bioguide_id" };
  const char * const open_states[] = { "id", "name", "current_party", "current_district",
                                       "current_chamber", "email" };
  const char * const partial[] = { "id", "name", "current_party" };
  const char * const files[] = { "legislators-current.csv", "ca.csv", "volunteers.csv" };
  const CivicLegislatorFormat formats[] = { CIVIC_LEGISLATOR_FORMAT_CONGRESS,
                                            CIVIC_LEGISLATOR_FORMAT_OPEN_STATES,
                                            CIVIC_LEGISLATOR_FORMAT_UNKNOWN };

  g_assert_cmpint (civic_legislator_import_detect_header (congress, G_N_ELEMENTS (congress)), ==,
                   CIVIC_LEGISLATOR_FORMAT_CONGRESS);
  g_assert_cmpint (civic_legislator_import_detect_header (open_states, G_N_ELEMENTS (open_states)), ==,
                   CIVIC_LEGISLATOR_FORMAT_OPEN_STATES);
  g_assert_cmpint (civic_legislator_import_detect_header (partial, G_N_ELEMENTS (partial)), ==,
                   CIVIC_LEGISLATOR_FORMAT_UNKNOWN);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", files[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      CivicLegislatorFormat format;

      g_assert_true (civic_legislator_import_detect_file (file, &format, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, formats[i]);
    }
}

static void
test_state_from_filename (void)
{
  const struct {
    const char *path;
    const char *state;
  } cases[] = {
    { "ca.csv", "CA" },
    { "/tmp/downloads/CA.csv", "CA" },
    { "ca-people.csv", "CA" },
    { "people_ny.csv", "NY" },
    { "tx.2026-01.csv", "TX" },
    { "legislators-current.csv", NULL },
    { "people.csv", NULL },
    { "zz.csv", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *state = civic_legislator_import_state_from_filename (cases[i].path);

      g_assert_cmpstr (state, ==, cases[i].state);
    }
}

static void
test_open_states_without_state (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLegislatorImportReport) report = import_named (store, "ca.csv", NULL);
  g_autoptr(JsonObject) han = find_by_id (store, "openstates",
                                          "ocd-person/0f1e2d3c-4b5a-4697-8877-665544332211");

  g_assert_cmpuint (report->created, ==, 3);
  g_assert_false (json_object_has_member (han, "state"));

  /* A later import that knows the state fills it in, still in place. */
  {
    g_autoptr(CivicLegislatorImportReport) again = import_named (store, "ca.csv", "CA");
    g_autoptr(JsonObject) after = find_by_id (store, "openstates",
                                              "ocd-person/0f1e2d3c-4b5a-4697-8877-665544332211");

    g_assert_cmpuint (again->created, ==, 0);
    g_assert_cmpuint (again->updated, ==, 3);
    g_assert_cmpstr (civic_json_object_get_string_or_null (after, "state"), ==, "CA");
  }
}

static void
test_duplicate_rows (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicLegislatorImportReport) report = NULL;
  const char *data =
    "last_name,first_name,type,state,district,party,bioguide_id\n"
    "Park,Elena,rep,CA,34,Democrat,Z000101\n"
    "\n"
    "Park,Elena,rep,CA,35,Democrat,Z000101\n";

  report = civic_legislator_import_data (store, data, strlen (data), "short.csv", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->created, ==, 1);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_true (skipped_line (report, 4, "line 2"));
}

static void
changed_cb (CivicStore *store,
            GStrv       ids,
            GStrv       types,
            guint      *n_ids)
{
  n_ids[0]++;
  n_ids[1] += g_strv_length (ids);
}

static void
test_one_transaction (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLegislatorImportReport) report = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", "legislators-current.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint counts[2] = { 0, 0 };

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), counts);

  /* A read-only profile refuses the whole import; nothing lands. */
  civic_store_set_read_only (store, TRUE);
  report = civic_legislator_import_file (store, file, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 0);

  /* Every legislator of the file arrives in one transaction: one ::changed. */
  civic_store_set_read_only (store, FALSE);
  report = civic_legislator_import_file (store, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legislative/import/congress", test_congress_import);
  g_test_add_func ("/legislative/import/open-states", test_open_states_import);
  g_test_add_func ("/legislative/import/open-states-without-state", test_open_states_without_state);
  g_test_add_func ("/legislative/import/reimport-updates-in-place", test_reimport_updates_in_place);
  g_test_add_func ("/legislative/import/neither-format-refused", test_neither_format_refused);
  g_test_add_func ("/legislative/import/detect", test_detect);
  g_test_add_func ("/legislative/import/state-from-filename", test_state_from_filename);
  g_test_add_func ("/legislative/import/duplicate-rows", test_duplicate_rows);
  g_test_add_func ("/legislative/import/one-transaction", test_one_transaction);

  return g_test_run ();
}
