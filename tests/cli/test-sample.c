/* test-sample.c — the sample organization: deterministic, complete, valid
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sample"

#include "config.h"

#include <string.h>

#include "civic-record.h"
#include "civic-sample.h"
#include "civic-store.h"

/* The demo is written as if today were this day. */
#define DEMO_TODAY "2026-11-25"

static GPtrArray *demo_docs;

static GHashTable *
count_by_type (GPtrArray *docs)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < docs->len; i++)
    {
      const char *type = json_object_get_string_member (g_ptr_array_index (docs, i), "type");

      g_hash_table_insert (counts, (gpointer) type,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, type)) + 1));
    }
  return counts;
}

static guint
count_of (GHashTable *counts,
          const char *type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, type));
}

static char *
doc_to_string (JsonObject *doc)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, doc);
  return json_to_string (node, FALSE);
}

static GHashTable *
index_by_id (GPtrArray *docs)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = json_object_get_string_member (doc, "_id");

      g_assert_false (g_hash_table_contains (by_id, id));
      g_hash_table_insert (by_id, (gpointer) id, doc);
    }
  return by_id;
}

static void
assert_ref (GHashTable *by_id,
            JsonObject *doc,
            const char *member,
            const char *type)
{
  const char *value;
  JsonObject *target;

  if (!json_object_has_member (doc, member))
    return;
  value = json_object_get_string_member (doc, member);
  target = g_hash_table_lookup (by_id, value);
  if (target == NULL)
    g_error ("%s.%s names %s, which is not generated",
             json_object_get_string_member (doc, "_id"), member, value);
  g_assert_cmpstr (json_object_get_string_member (target, "type"), ==, type);
}

static void
test_determinism (void)
{
  g_autoptr(GPtrArray) again = civic_sample_build (CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED);
  g_autoptr(GPtrArray) other = civic_sample_build (CIVIC_SAMPLE_SCALE_DEMO, 7);

  g_assert_cmpuint (again->len, ==, demo_docs->len);
  for (guint i = 0; i < demo_docs->len; i++)
    {
      g_autofree char *a = doc_to_string (g_ptr_array_index (demo_docs, i));
      g_autofree char *b = doc_to_string (g_ptr_array_index (again, i));

      g_assert_cmpstr (a, ==, b);
    }

  /* Another seed gives other ids (and other people in the shifts). */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (other, 0), "_id"), !=,
                   json_object_get_string_member (g_ptr_array_index (demo_docs, 0), "_id"));
}

static void
test_demo_counts (void)
{
  g_autoptr(GHashTable) counts = count_by_type (demo_docs);

  g_assert_cmpuint (count_of (counts, "office"), ==, 3);
  g_assert_cmpuint (count_of (counts, "campaign"), ==, 3);
  g_assert_cmpuint (count_of (counts, "volunteer"), ==, 120);
  g_assert_cmpuint (count_of (counts, "legislator"), ==, 11);
  g_assert_cmpuint (count_of (counts, "visit"), ==, 21);
  g_assert_cmpuint (count_of (counts, "event"), >=, 45);
  g_assert_cmpuint (count_of (counts, "shift"), >=, 100);
  g_assert_cmpuint (count_of (counts, "signup"), >=, 1000);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 8);
}

static void
test_demo_contents (void)
{
  g_autoptr(GHashTable) by_id = index_by_id (demo_docs);
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) active = g_hash_table_new (g_str_hash, g_str_equal);  /* shift → count */
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean found_minsu = FALSE, found_general = FALSE, found_hearing = FALSE;
  guint phone_banks = 0, november = 0, overdue = 0, done = 0, changed_positions = 0;
  guint waitlisted_shifts = 0, checked_in = 0;

  for (guint i = 0; i < demo_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (demo_docs, i);
      const char *type = json_object_get_string_member (doc, "type");
      const char *id = json_object_get_string_member (doc, "_id");
      g_autofree char *text = doc_to_string (doc);

      /* Ids are TYPE:16 hex digits; every document is stamped. */
      g_assert_true (g_str_has_prefix (id, type));
      g_assert_cmpuint (strlen (id), ==, strlen (type) + 1 + 16);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (doc, "created_at"), "Z"));
      g_assert_cmpstr (json_object_get_string_member (doc, "updated_by"), ==, CIVIC_SAMPLE_USER_NAME);
      g_assert_false (json_object_has_member (doc, "_rev"));
      /* Never anything about immigration status. */
      g_assert_null (strstr (text, "immigration_status"));
      g_assert_null (strstr (text, "undocumented"));
      g_assert_null (strstr (text, "visa_status"));

      assert_ref (by_id, doc, "office_id", "office");
      assert_ref (by_id, doc, "campaign_id", "campaign");

      if (g_str_equal (type, "volunteer"))
        {
          if (g_strcmp0 (json_object_get_string_member_with_default (doc, "name_ko", NULL), "김민수") == 0
              && g_str_equal (json_object_get_string_member (doc, "given_name"), "Minsu"))
            found_minsu = TRUE;
          g_assert_true (g_str_has_suffix (json_object_get_string_member (doc, "email"), "@example.org"));
          g_assert_true (strstr (json_object_get_string_member (doc, "phone"), "555-01") != NULL);
        }
      else if (g_str_equal (type, "campaign")
               && g_str_equal (json_object_get_string_member (doc, "name"), "General election 2026"))
        {
          JsonArray *goals = json_object_get_array_member (doc, "goals");

          found_general = TRUE;
          g_assert_cmpstr (json_object_get_string_member (doc, "starts_on"), ==, "2026-09-06");
          g_assert_cmpstr (json_object_get_string_member (doc, "ends_on"), ==, "2026-11-08");
          g_assert_cmpuint (json_array_get_length (goals), ==, 2);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (goals, 0), "metric"), ==, "contacts");
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (goals, 0), "target"), ==, 100000);
          g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (goals, 1), "metric"), ==, "registrations");
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (goals, 1), "target"), ==, 7500);
        }
      else if (g_str_equal (type, "event"))
        {
          const char *kind = json_object_get_string_member (doc, "kind");
          const char *starts = json_object_get_string_member_with_default (doc, "starts_at", "");

          g_hash_table_add (kinds, (gpointer) kind);
          if (g_str_has_prefix (starts, "2026-11") || g_str_has_prefix (starts, "2026-12-01"))
            november++;
          if (g_str_equal (kind, "phone_bank"))
            {
              phone_banks++;
              /* 18:00 in Los Angeles on Monday 7 September (PDT) is 01:00 UTC. */
              g_assert_cmpstr (starts, ==, "2026-09-08T01:00:00Z");
              g_assert_cmpstr (json_object_get_string_member (doc, "ends_at"), ==, "2026-09-08T04:00:00Z");
              g_assert_cmpstr (json_object_get_string_member (doc, "tzid"), ==, "America/Los_Angeles");
              g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "rrule"),
                                               "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=20261108T"));
              g_assert_true (json_object_has_member (doc, "results"));
            }
          if (g_str_equal (kind, "hearing"))
            {
              found_hearing = TRUE;
              g_assert_true (json_object_has_member (doc, "body"));
              g_assert_true (json_object_has_member (doc, "bill"));
              g_assert_true (json_object_has_member (doc, "testimony_deadline"));
              g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "testifiers")), >, 0);
              for (guint t = 0; t < json_array_get_length (json_object_get_array_member (doc, "testifiers")); t++)
                {
                  const char *volunteer = json_array_get_string_element (json_object_get_array_member (doc, "testifiers"), t);

                  g_assert_nonnull (g_hash_table_lookup (by_id, volunteer));
                }
            }
          /* Events that are over carry their results. */
          if (*starts != '\0' && strcmp (starts, DEMO_TODAY) < 0
              && !json_object_has_member (doc, "rrule")
              && !g_str_equal (json_object_get_string_member (doc, "status"), "cancelled"))
            g_assert_true (json_object_has_member (doc, "results"));
        }
      else if (g_str_equal (type, "shift"))
        assert_ref (by_id, doc, "event_id", "event");
      else if (g_str_equal (type, "signup"))
        {
          const char *status = json_object_get_string_member (doc, "status");

          assert_ref (by_id, doc, "shift_id", "shift");
          assert_ref (by_id, doc, "volunteer_id", "volunteer");
          g_hash_table_add (statuses, (gpointer) status);
          if (json_object_has_member (doc, "checked_in_at"))
            {
              checked_in++;
              g_assert_cmpstr (json_object_get_string_member (doc, "checked_in_at"), <,
                               json_object_get_string_member (doc, "checked_out_at"));
            }
          /* Signups were all made before "today". */
          g_assert_cmpstr (json_object_get_string_member (doc, "signed_up_at"), <, DEMO_TODAY "T23:59:59Z");
          if (g_str_equal (status, "scheduled") || g_str_equal (status, "confirmed"))
            {
              const char *shift = json_object_get_string_member (doc, "shift_id");

              g_hash_table_insert (active, (gpointer) shift,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (active, shift)) + 1));
            }
        }
      else if (g_str_equal (type, "visit"))
        {
          JsonArray *follow_ups = json_object_get_array_member (doc, "follow_ups");
          const char *legislator = json_object_get_string_member (doc, "legislator_id");
          const char *position = json_object_get_string_member (doc, "position");
          const char *previous = g_hash_table_lookup (positions, legislator);

          assert_ref (by_id, doc, "legislator_id", "legislator");
          assert_ref (by_id, doc, "event_id", "event");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "attendees")), >=, 2);
          for (guint f = 0; f < json_array_get_length (follow_ups); f++)
            {
              JsonObject *item = json_array_get_object_element (follow_ups, f);

              assert_ref (by_id, item, "owner_id", "volunteer");
              if (json_object_has_member (item, "done_at"))
                done++;
              else if (strcmp (json_object_get_string_member (item, "due_on"), DEMO_TODAY) < 0)
                overdue++;
            }
          if (previous != NULL && !g_str_equal (previous, position) && !g_str_equal (position, "unknown"))
            changed_positions++;
          if (!g_str_equal (position, "unknown"))
            g_hash_table_insert (positions, (gpointer) legislator, g_strdup (position));
        }
    }

  /* Some shifts are over capacity, so their last people are waitlisted. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, active);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JsonObject *shift = g_hash_table_lookup (by_id, key);

        if (GPOINTER_TO_UINT (value) > (guint) json_object_get_int_member (shift, "capacity"))
          waitlisted_shifts++;
      }
  }

  g_assert_true (found_minsu);
  g_assert_true (found_general);
  g_assert_true (found_hearing);
  g_assert_cmpuint (phone_banks, ==, 3);
  g_assert_cmpuint (november, >=, 10);
  g_assert_cmpuint (overdue, >=, 3);
  g_assert_cmpuint (done, >=, 3);
  g_assert_cmpuint (changed_positions, >=, 3);
  g_assert_cmpuint (waitlisted_shifts, >=, 1);
  g_assert_cmpuint (checked_in, >=, 100);

  {
    const char *all_statuses[] = { "invited", "scheduled", "confirmed", "completed", "no_show",
                                   "walk_in", "declined", "cancelled" };
    const char *all_kinds[] = { "town_hall", "rally", "hearing", "workshop", "phone_bank",
                                "voter_registration", "canvass", "legislative_visit", "clinic",
                                "community_meeting", "training" };

    for (guint i = 0; i < G_N_ELEMENTS (all_statuses); i++)
      if (!g_hash_table_contains (statuses, all_statuses[i]))
        g_error ("no signup is %s", all_statuses[i]);
    for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
      if (!g_hash_table_contains (kinds, all_kinds[i]))
        g_error ("no event is a %s", all_kinds[i]);
  }
}

static void
test_demo_valid (void)
{
  for (guint i = 0; i < demo_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (demo_docs, i);
      g_autoptr(GError) error = NULL;

      if (!civic_document_validate (doc, &error))
        g_error ("%s does not validate: %s", json_object_get_string_member (doc, "_id"), error->message);
    }
}

static void
test_generate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) a = civic_store_open (NULL, &error);
  g_autoptr(CivicStore) b = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  g_autoptr(GHashTable) counts = count_by_type (demo_docs);
  GHashTableIter iter;
  gpointer key, value;
  gint64 seq;

  g_assert_no_error (error);
  b = civic_store_open (NULL, &error);
  g_assert_no_error (error);

  g_assert_true (civic_sample_generate (a, CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (b, CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);

  stats = civic_store_get_stats (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->documents, ==, demo_docs->len);
  g_assert_cmpuint (stats->conflicts, ==, 0);
  g_assert_cmpuint (stats->tombstones, ==, 0);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->documents_per_type, key)), ==,
                      GPOINTER_TO_UINT (value));

  /* Same seed, same documents: the revisions are the same on both. */
  for (guint i = 0; i < demo_docs->len; i += 7)
    {
      const char *id = json_object_get_string_member (g_ptr_array_index (demo_docs, i), "_id");
      g_autoptr(JsonObject) da = civic_store_get (a, id, &error);
      g_autoptr(JsonObject) db = NULL;

      g_assert_no_error (error);
      db = civic_store_get (b, id, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (da, "_rev"), "1-"));
      g_assert_cmpstr (json_object_get_string_member (da, "_rev"), ==,
                       json_object_get_string_member (db, "_rev"));
    }

  g_assert_true (civic_store_check (a, &error));
  g_assert_no_error (error);

  /* The same organization again conflicts and writes nothing. */
  seq = civic_store_get_update_seq (a);
  g_assert_false (civic_sample_generate (a, CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_assert_cmpint (civic_store_get_update_seq (a), ==, seq);
}

static void
test_large_counts (void)
{
  g_autoptr(GPtrArray) docs = civic_sample_build (CIVIC_SAMPLE_SCALE_LARGE, CIVIC_SAMPLE_DEFAULT_SEED);
  g_autoptr(GHashTable) counts = count_by_type (docs);
  g_autoptr(GHashTable) by_id = index_by_id (docs);
  char first[8] = "9999", last[8] = "0000";

  g_assert_cmpuint (count_of (counts, "event"), ==, 20000);
  g_assert_cmpuint (count_of (counts, "volunteer"), ==, 10000);
  g_assert_cmpuint (count_of (counts, "signup"), ==, 200000);
  g_assert_cmpuint (count_of (counts, "visit"), ==, 3000);
  g_assert_cmpuint (count_of (counts, "shift"), >=, 25000);
  g_assert_cmpuint (count_of (counts, "legislator"), >=, 50);
  g_assert_cmpuint (count_of (counts, "office"), ==, 3);

  /* Five years of events, 2022–2026. */
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (json_object_get_string_member (doc, "type"), "event"))
        {
          const char *starts = json_object_get_string_member (doc, "starts_at");

          if (strncmp (starts, first, 4) < 0)
            memcpy (first, starts, 4);
          if (strncmp (starts, last, 4) > 0)
            memcpy (last, starts, 4);
        }
      else if (g_str_equal (json_object_get_string_member (doc, "type"), "signup") && i % 97 == 0)
        {
          assert_ref (by_id, doc, "shift_id", "shift");
          assert_ref (by_id, doc, "volunteer_id", "volunteer");
        }
    }
  g_assert_cmpstr (first, ==, "2022");
  g_assert_cmpstr (last, ==, "2026");

  /* The signups are built on two threads; the output is the same anyway. */
  {
    g_autoptr(GPtrArray) again = civic_sample_build (CIVIC_SAMPLE_SCALE_LARGE, CIVIC_SAMPLE_DEFAULT_SEED);

    g_assert_cmpuint (again->len, ==, docs->len);
    for (guint i = 0; i < docs->len; i++)
      {
        JsonObject *a = g_ptr_array_index (docs, i);
        JsonObject *b = g_ptr_array_index (again, i);

        g_assert_cmpstr (json_object_get_string_member (a, "_id"), ==,
                         json_object_get_string_member (b, "_id"));
        if (i % 53 == 0)
          {
            g_autofree char *text_a = doc_to_string (a);
            g_autofree char *text_b = doc_to_string (b);

            g_assert_cmpstr (text_a, ==, text_b);
          }
      }
  }

  /* A sample of the large documents validates too. */
  for (guint i = 0; i < docs->len; i += 101)
    {
      g_autoptr(GError) error = NULL;

      if (!civic_document_validate (g_ptr_array_index (docs, i), &error))
        g_error ("%s does not validate: %s",
                 json_object_get_string_member (g_ptr_array_index (docs, i), "_id"), error->message);
    }
}

static void
test_scale_names (void)
{
  g_autoptr(GError) error = NULL;
  CivicSampleScale scale = CIVIC_SAMPLE_SCALE_DEMO;

  g_assert_true (civic_sample_scale_from_string ("large", &scale, &error));
  g_assert_cmpint (scale, ==, CIVIC_SAMPLE_SCALE_LARGE);
  g_assert_cmpstr (civic_sample_scale_to_string (scale), ==, "large");
  g_assert_false (civic_sample_scale_from_string ("huge", &scale, &error));
  g_assert_error (error, CIVIC_SAMPLE_ERROR, CIVIC_SAMPLE_ERROR_INVALID_SCALE);
  g_assert_nonnull (strstr (error->message, "huge"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  demo_docs = civic_sample_build (CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED);

  g_test_add_func ("/sample/determinism", test_determinism);
  g_test_add_func ("/sample/demo/counts", test_demo_counts);
  g_test_add_func ("/sample/demo/contents", test_demo_contents);
  g_test_add_func ("/sample/demo/valid", test_demo_valid);
  g_test_add_func ("/sample/demo/generate", test_generate);
  g_test_add_func ("/sample/large/counts", test_large_counts);
  g_test_add_func ("/sample/scale-names", test_scale_names);

  status = g_test_run ();
  g_ptr_array_unref (demo_docs);
  return status;
}
