/* test-export.c — roster, signups and hours exports, and the export → import round trip
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <string.h>

#include "civic-csv.h"
#include "civic-roster-export.h"
#include "civic-roster-import.h"
#include "civic-store.h"

static CivicStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

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

static CivicCsvTable *
parse (GString *csv)
{
  g_autoptr(GError) error = NULL;
  CivicCsvTable *table = civic_csv_parse (csv->str, csv->len, &error);

  g_assert_no_error (error);
  return table;
}

static const char *
cell (CivicCsvTable *table,
      guint          row,
      const char    *column)
{
  CivicCsvRecord *header = g_ptr_array_index (table->records, 0);

  for (guint i = 0; i < header->n_fields; i++)
    if (g_str_equal (header->fields[i], column))
      return civic_csv_record_get (g_ptr_array_index (table->records, row), i);
  g_assert_not_reached ();
  return NULL;
}

static void
fill_roster (CivicStore *store)
{
  put_json (store, "{\"_id\":\"office:ktown\",\"type\":\"office\",\"name\":\"Los Angeles — Koreatown\"}");
  put_json (store, "{\"_id\":\"volunteer:1\",\"type\":\"volunteer\",\"given_name\":\"Minsu\",\"family_name\":\"Kim\","
                   "\"name_ko\":\"김민수\",\"phone\":\"(213) 555-0101\",\"email\":\"minsu@example.org\","
                   "\"languages\":[\"ko\",\"en\"],\"skills\":[\"driver\",\"Excel, advanced\"],\"office_id\":\"office:ktown\","
                   "\"age_group\":\"senior\",\"active\":true,\"availability\":{\"weekday\":[\"evening\"],\"weekend\":[\"morning\",\"afternoon\"]},\"joined_on\":\"2024-03-01\","
                   "\"emergency_contact\":{\"name\":\"Jiyoung Kim\",\"phone\":\"213-555-0199\"},"
                   "\"notes\":\"Prefers \\\"evening\\\" shifts,\\nno Sundays\"}");
  put_json (store, "{\"_id\":\"volunteer:2\",\"type\":\"volunteer\",\"given_name\":\"José\",\"family_name\":\"García\","
                   "\"phone\":\"+1 714 555 0303\",\"active\":false,\"age_group\":\"youth\"}");
  put_json (store, "{\"_id\":\"volunteer:3\",\"type\":\"volunteer\",\"name_ko\":\"이수민\",\"languages\":[\"ko\"]}");
}

static void
test_volunteers_round_trip (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicStore) copy = new_store ();
  g_autoptr(GString) csv = civic_csv_buffer_new (CIVIC_CSV_WRITE_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  fill_roster (store);
  put_json (copy, "{\"_id\":\"office:ktown\",\"type\":\"office\",\"name\":\"Los Angeles — Koreatown\"}");

  g_assert_true (civic_roster_export_volunteers (store, csv, &error));
  g_assert_no_error (error);
  table = parse (csv);
  g_assert_cmpuint (table->records->len, ==, 4);
  /* By name: José García, Minsu Kim, then 이수민 (Hangul after Latin). */
  g_assert_cmpstr (cell (table, 1, "ID"), ==, "volunteer:2");
  g_assert_cmpstr (cell (table, 2, "Korean name"), ==, "김민수");
  g_assert_cmpstr (cell (table, 2, "Languages"), ==, "ko; en");
  g_assert_cmpstr (cell (table, 2, "Office"), ==, "Los Angeles — Koreatown");
  g_assert_cmpstr (cell (table, 2, "Notes"), ==, "Prefers \"evening\" shifts,\nno Sundays");
  g_assert_cmpstr (cell (table, 1, "Active"), ==, "no");
  g_assert_cmpstr (cell (table, 2, "Availability"), ==, "weekday evening; weekend morning; weekend afternoon");
  g_assert_cmpstr (cell (table, 3, "Korean name"), ==, "이수민");

  /* Everything the export wrote reads back with the automatic mapping. */
  bytes = g_bytes_new (csv->str, csv->len);
  plan = civic_roster_import_prepare (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (civic_roster_import_commit (plan, copy, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 0);

  before = civic_store_list (store, "volunteer", &error);
  after = civic_store_list (copy, "volunteer", &error);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < before->len; i++)
    {
      JsonObject *a = g_ptr_array_index (before, i);
      JsonObject *b = NULL;
      const char *fields[] = { "given_name", "family_name", "name_ko", "phone", "email", "office_id",
                               "age_group", "joined_on", "notes" };

      for (guint j = 0; j < after->len; j++)
        {
          JsonObject *candidate = g_ptr_array_index (after, j);
          if (g_strcmp0 (json_object_get_string_member_with_default (candidate, "name_ko", ""),
                         json_object_get_string_member_with_default (a, "name_ko", "")) == 0
              && g_strcmp0 (json_object_get_string_member_with_default (candidate, "given_name", ""),
                            json_object_get_string_member_with_default (a, "given_name", "")) == 0)
            b = candidate;
        }
      g_assert_nonnull (b);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        g_assert_cmpstr (json_object_get_string_member_with_default (a, fields[f], NULL), ==,
                         json_object_get_string_member_with_default (b, fields[f], NULL));
      g_assert_cmpint (json_object_get_boolean_member_with_default (a, "active", TRUE), ==,
                       json_object_get_boolean_member_with_default (b, "active", TRUE));
      if (json_object_has_member (a, "languages"))
        {
          JsonArray *la = json_object_get_array_member (a, "languages");
          JsonArray *lb = json_object_get_array_member (b, "languages");

          g_assert_cmpuint (json_array_get_length (la), ==, json_array_get_length (lb));
          for (guint k = 0; k < json_array_get_length (la); k++)
            g_assert_cmpstr (json_array_get_string_element (la, k), ==, json_array_get_string_element (lb, k));
        }
      if (json_object_has_member (a, "availability"))
        {
          g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), json_object_get_object_member (a, "availability"));
          g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), json_object_get_object_member (b, "availability"));

          g_assert_true (json_node_equal (na, nb));
        }
      if (json_object_has_member (a, "emergency_contact"))
        {
          JsonObject *ca = json_object_get_object_member (a, "emergency_contact");
          JsonObject *cb = json_object_get_object_member (b, "emergency_contact");

          g_assert_cmpstr (json_object_get_string_member (ca, "name"), ==, json_object_get_string_member (cb, "name"));
          g_assert_cmpstr (json_object_get_string_member (ca, "phone"), ==, json_object_get_string_member (cb, "phone"));
        }
    }

  /* Importing the same file again finds every row a duplicate. */
  {
    g_autoptr(CivicRosterImport) again = civic_roster_import_prepare (bytes, &error);
    g_autoptr(CivicRosterImportReport) second = NULL;

    g_assert_no_error (error);
    g_assert_false (civic_roster_import_commit (again, copy, &second, &error));
    g_assert_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_NOTHING);
    g_assert_cmpuint (civic_store_count (copy, "volunteer", NULL), ==, 3);
  }
}

static void
fill_shift (CivicStore *store)
{
  fill_roster (store);
  put_json (store, "{\"_id\":\"campaign:fall\",\"type\":\"campaign\",\"name\":\"Fall\"}");
  put_json (store, "{\"_id\":\"event:pb\",\"type\":\"event\",\"kind\":\"phone_bank\",\"title\":\"Phone bank\","
                   "\"status\":\"confirmed\",\"campaign_id\":\"campaign:fall\","
                   "\"starts_at\":\"2026-10-02T01:00:00Z\",\"ends_at\":\"2026-10-02T04:00:00Z\"}");
  put_json (store, "{\"_id\":\"shift:pb\",\"type\":\"shift\",\"event_id\":\"event:pb\",\"role\":\"phone_banker\","
                   "\"starts_at\":\"2026-10-02T01:00:00Z\",\"ends_at\":\"2026-10-02T04:00:00Z\",\"capacity\":1}");
  /* Minsu worked 2.5 hours; José is waitlisted behind 이수민; one cancelled. */
  put_json (store, "{\"_id\":\"signup:a\",\"type\":\"signup\",\"shift_id\":\"shift:pb\",\"volunteer_id\":\"volunteer:1\","
                   "\"status\":\"completed\",\"signed_up_at\":\"2026-09-01T00:00:00Z\","
                   "\"checked_in_at\":\"2026-10-02T01:00:00Z\",\"checked_out_at\":\"2026-10-02T03:30:00Z\"}");
  put_json (store, "{\"_id\":\"signup:b\",\"type\":\"signup\",\"shift_id\":\"shift:pb\",\"volunteer_id\":\"volunteer:3\","
                   "\"status\":\"scheduled\",\"signed_up_at\":\"2026-09-02T00:00:00Z\"}");
  put_json (store, "{\"_id\":\"signup:c\",\"type\":\"signup\",\"shift_id\":\"shift:pb\",\"volunteer_id\":\"volunteer:2\","
                   "\"status\":\"confirmed\",\"signed_up_at\":\"2026-09-03T00:00:00Z\"}");
  put_json (store, "{\"_id\":\"signup:d\",\"type\":\"signup\",\"shift_id\":\"shift:pb\",\"volunteer_id\":\"volunteer:2\","
                   "\"status\":\"cancelled\",\"signed_up_at\":\"2026-08-03T00:00:00Z\"}");
}

static void
test_signups (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(GString) csv = civic_csv_buffer_new (CIVIC_CSV_WRITE_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = NULL;

  fill_shift (store);
  g_assert_true (civic_roster_export_signups (store, "shift:pb", NULL, csv, &error));
  g_assert_no_error (error);
  table = parse (csv);
  g_assert_cmpuint (table->records->len, ==, 5);
  g_assert_cmpstr (cell (table, 1, "Korean name"), ==, "이수민");
  g_assert_cmpstr (cell (table, 1, "Waitlisted"), ==, "no");
  g_assert_cmpstr (cell (table, 2, "Name"), ==, "José García");
  g_assert_cmpstr (cell (table, 2, "Waitlisted"), ==, "yes");
  g_assert_cmpstr (cell (table, 2, "Waitlist position"), ==, "1");
  g_assert_cmpstr (cell (table, 2, "Phone"), ==, "+1 714 555 0303");
  /* The others, in signup order: the cancelled one, then the completed one. */
  g_assert_cmpstr (cell (table, 3, "Status"), ==, "cancelled");
  g_assert_cmpstr (cell (table, 4, "Status"), ==, "completed");
  g_assert_cmpstr (cell (table, 4, "Checked out"), ==, "2026-10-02T03:30:00Z");

  g_string_truncate (csv, 0);
  g_assert_false (civic_roster_export_signups (store, "shift:missing", NULL, csv, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
}

static void
test_hours (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(GString) csv = civic_csv_buffer_new (CIVIC_CSV_WRITE_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  g_autoptr(GPtrArray) in_range = NULL;
  g_autoptr(GPtrArray) out_of_range = NULL;
  g_autoptr(GPtrArray) other_campaign = NULL;

  fill_shift (store);
  put_json (store, "{\"_id\":\"signup:e\",\"type\":\"signup\",\"shift_id\":\"shift:pb\",\"volunteer_id\":\"volunteer:3\","
                   "\"status\":\"walk_in\",\"signed_up_at\":\"2026-10-02T01:10:00Z\"}");

  g_assert_true (civic_roster_export_hours (store, "2026-10-01", "2026-10-03", "campaign:fall", csv, &error));
  g_assert_no_error (error);
  table = parse (csv);
  g_assert_cmpuint (table->records->len, ==, 4);
  g_assert_cmpstr (cell (table, 1, "Name"), ==, "Minsu Kim");
  g_assert_cmpstr (cell (table, 1, "Hours"), ==, "2.50");
  /* A walk-in without check-out times counts the shift's length. */
  g_assert_cmpstr (cell (table, 2, "Korean name"), ==, "이수민");
  g_assert_cmpstr (cell (table, 2, "Hours"), ==, "3.00");
  g_assert_cmpstr (cell (table, 3, "Name"), ==, "Total");
  g_assert_cmpstr (cell (table, 3, "Hours"), ==, "5.50");

  out_of_range = civic_roster_hours_report (store, "2026-10-03", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out_of_range->len, ==, 0);
  other_campaign = civic_roster_hours_report (store, NULL, NULL, "campaign:other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_campaign->len, ==, 0);
  in_range = civic_roster_hours_report (store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_range->len, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster/export/volunteers-round-trip", test_volunteers_round_trip);
  g_test_add_func ("/roster/export/signups", test_signups);
  g_test_add_func ("/roster/export/hours", test_hours);
  return g_test_run ();
}
