/* test-visits.c — visit validation, position history, whip count, follow-ups and lobby days
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-visits"

#include "config.h"

#include <string.h>

#include "civic-follow-ups.h"
#include "civic-json.h"
#include "civic-lobby-day.h"
#include "civic-positions.h"
#include "civic-record.h"
#include "civic-store.h"
#include "civic-visit-index.h"

static CivicStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = civic_json_object_from_string (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);

  return object;
}

/* Validates with the domain's rules, then writes; the test fails on either. */
static void
put (CivicStore *store,
     const char *json)
{
  g_autoptr(JsonObject) doc = parse (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  civic_document_validate (doc, &error);
  g_assert_no_error (error);
  rev = civic_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

#define STAMPS "\"created_at\": \"2026-09-01T00:00:00Z\", \"updated_at\": \"2026-09-01T00:00:00Z\", \"updated_by\": \"tester\""

static void
put_legislators (CivicStore *store)
{
  put (store, "{\"_id\": \"legislator:park\", \"type\": \"legislator\", " STAMPS ", "
              "\"name\": \"Elena Park\", \"chamber\": \"us_house\", \"state\": \"CA\", \"district\": \"34\", "
              "\"party\": \"Democrat\", \"staff\": [{\"name\": \"Jordan Ellis\", \"email\": \"jordan.ellis@mail.house.example.gov\"}]}");
  put (store, "{\"_id\": \"legislator:whitfield\", \"type\": \"legislator\", " STAMPS ", "
              "\"name\": \"Tom Whitfield\", \"chamber\": \"us_house\", \"state\": \"CA\", \"district\": \"40\", "
              "\"party\": \"Republican\"}");
  put (store, "{\"_id\": \"legislator:nakamura\", \"type\": \"legislator\", " STAMPS ", "
              "\"name\": \"Grace Nakamura\", \"chamber\": \"us_senate\", \"state\": \"CA\", \"party\": \"Democrat\"}");
  put (store, "{\"_id\": \"legislator:han\", \"type\": \"legislator\", " STAMPS ", "
              "\"name\": \"Soo-ah Han\", \"chamber\": \"state_assembly\", \"state\": \"CA\", \"district\": \"53\", "
              "\"party\": \"Democrat\"}");
  put (store, "{\"_id\": \"legislator:reyes\", \"type\": \"legislator\", " STAMPS ", "
              "\"name\": \"Marisol Reyes\", \"chamber\": \"us_house\", \"state\": \"TX\", \"district\": \"0\", "
              "\"party\": \"Democrat\"}");
}

static void
put_visit (CivicStore *store,
           const char *id,
           const char *legislator_id,
           const char *occurs_at,
           const char *position,
           const char *topics_json)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"_id\": \"%s\", \"type\": \"visit\", " STAMPS ", "
                          "\"legislator_id\": \"%s\", \"occurs_at\": \"%s\", %s%s%s %s}",
                          id, legislator_id, occurs_at,
                          position != NULL ? "\"position\": \"" : "",
                          position != NULL ? position : "",
                          position != NULL ? "\"," : "",
                          topics_json);
  put (store, json);
}

/* ---- Validation ---------------------------------------------------------- */

static void
test_visit_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) no_legislator = parse ("{\"_id\": \"visit:a\", \"type\": \"visit\", " STAMPS ", "
                                               "\"occurs_at\": \"2026-09-10T17:00:00Z\"}");
  g_autoptr(JsonObject) no_date = parse ("{\"_id\": \"visit:b\", \"type\": \"visit\", " STAMPS ", "
                                         "\"legislator_id\": \"legislator:park\"}");
  g_autoptr(JsonObject) no_task = parse ("{\"_id\": \"visit:c\", \"type\": \"visit\", " STAMPS ", "
                                         "\"legislator_id\": \"legislator:park\", "
                                         "\"occurs_at\": \"2026-09-10T17:00:00Z\", "
                                         "\"follow_ups\": [{\"task\": \"Send the DACA fact sheet\", \"due_on\": \"2026-09-17\"}, "
                                         "{\"owner_id\": \"volunteer:minji\", \"due_on\": \"2026-09-20\"}]}");
  g_autoptr(JsonObject) good = parse ("{\"_id\": \"visit:d\", \"type\": \"visit\", " STAMPS ", "
                                      "\"legislator_id\": \"legislator:park\", "
                                      "\"occurs_at\": \"2026-09-10T17:00:00Z\", \"room\": \"1402 Longworth\", "
                                      "\"follow_ups\": [{\"task\": \"Send the DACA fact sheet\", \"due_on\": \"2026-09-17\"}]}");

  g_assert_false (civic_document_validate (no_legislator, &error));
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "legislator_id");
  g_clear_error (&error);

  g_assert_false (civic_document_validate (no_date, &error));
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "occurs_at");
  g_clear_error (&error);

  g_assert_false (civic_document_validate (no_task, &error));
  g_assert_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (civic_record_error_get_field (error), ==, "follow_ups");
  g_assert_cmpint (civic_record_error_get_index (error), ==, 1);
  g_clear_error (&error);

  /* The lobby day's extra `room` field is kept and valid. */
  g_assert_true (civic_document_validate (good, &error));
  g_assert_no_error (error);
}

/* ---- Position history ------------------------------------------------------ */

static void
test_position_history (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) bill_history = NULL;
  g_autoptr(CivicPositionEntry) latest = NULL;
  g_autoptr(GError) error = NULL;
  CivicPositionEntry *entry;

  put_legislators (store);
  /* Written out of order on purpose. */
  put_visit (store, "visit:3", "legislator:park", "2026-10-02T18:00:00Z", "lean_support",
             "\"issues\": [\"immigration reform\"]");
  put_visit (store, "visit:1", "legislator:park", "2026-03-15T16:30:00Z", "undecided",
             "\"issues\": [\"Immigration Reform\", \"DACA\"], \"bills\": [\"H.R. 6\"]");
  put_visit (store, "visit:2", "legislator:park", "2026-06-20T21:00:00Z", NULL,
             "\"issues\": [\"immigration reform\"]");
  put_visit (store, "visit:4", "legislator:park", "2026-11-01T17:00:00Z", "support",
             "\"issues\": [\"language access\"], \"bills\": [\"HR 6\"]");
  put_visit (store, "visit:5", "legislator:whitfield", "2026-05-01T17:00:00Z", "oppose",
             "\"issues\": [\"immigration reform\"]");

  history = civic_position_history (store, "legislator:park", "immigration reform", &error);
  g_assert_no_error (error);
  /* visit:2 recorded no position; visit:4 is on other topics. */
  g_assert_cmpuint (history->len, ==, 2);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpstr (entry->visit_id, ==, "visit:1");
  g_assert_cmpstr (entry->occurs_at, ==, "2026-03-15T16:30:00Z");
  g_assert_cmpint (entry->position, ==, CIVIC_POSITION_UNDECIDED);
  entry = g_ptr_array_index (history, 1);
  g_assert_cmpstr (entry->visit_id, ==, "visit:3");
  g_assert_cmpint (entry->position, ==, CIVIC_POSITION_LEAN_SUPPORT);

  /* "H.R. 6" and "HR 6" are one bill. */
  bill_history = civic_position_history (store, "legislator:park", "h.r.6", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bill_history->len, ==, 2);
  g_assert_cmpstr (((CivicPositionEntry *) g_ptr_array_index (bill_history, 0))->visit_id, ==, "visit:1");
  g_assert_cmpstr (((CivicPositionEntry *) g_ptr_array_index (bill_history, 1))->visit_id, ==, "visit:4");

  latest = civic_position_latest (store, "legislator:park", "Immigration reform", &error);
  g_assert_no_error (error);
  g_assert_nonnull (latest);
  g_assert_cmpint (latest->position, ==, CIVIC_POSITION_LEAN_SUPPORT);
  g_assert_cmpstr (latest->occurs_at, ==, "2026-10-02T18:00:00Z");

  {
    g_autoptr(CivicPositionEntry) none = civic_position_latest (store, "legislator:han",
                                                                "immigration reform", &error);
    g_assert_no_error (error);
    g_assert_null (none);
  }

  {
    g_autoptr(GPtrArray) timelines = civic_position_timelines (store, "legislator:park", &error);
    CivicPositionTimeline *timeline;

    g_assert_no_error (error);
    /* Issues first (DACA, immigration reform, language access), then the bill. */
    g_assert_cmpuint (timelines->len, ==, 4);
    timeline = g_ptr_array_index (timelines, 0);
    g_assert_cmpstr (timeline->topic, ==, "DACA");
    g_assert_cmpuint (timeline->entries->len, ==, 1);
    timeline = g_ptr_array_index (timelines, 1);
    g_assert_cmpstr (timeline->topic, ==, "Immigration Reform");
    g_assert_cmpuint (timeline->entries->len, ==, 2);
    timeline = g_ptr_array_index (timelines, 3);
    g_assert_true (timeline->is_bill);
    g_assert_cmpuint (timeline->entries->len, ==, 2);
  }
}

/* ---- Whip count ------------------------------------------------------------ */

static CivicWhipRow *
whip_row (CivicWhipCount *count,
          const char     *legislator_id)
{
  for (guint i = 0; i < count->rows->len; i++)
    {
      CivicWhipRow *row = g_ptr_array_index (count->rows, i);

      if (g_strcmp0 (row->legislator_id, legislator_id) == 0)
        return row;
    }

  return NULL;
}

static void
test_whip_count (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicWhipCount) count = NULL;
  g_autoptr(GError) error = NULL;
  CivicWhipRow *row;

  put_legislators (store);
  /* Park: undecided in March, then support in October, written in the
   * other order: the later visit wins.
   */
  put_visit (store, "visit:p2", "legislator:park", "2026-10-02T18:00:00Z", "support",
             "\"issues\": [\"immigration reform\"]");
  put_visit (store, "visit:p1", "legislator:park", "2026-03-15T16:30:00Z", "undecided",
             "\"issues\": [\"immigration reform\"]");
  /* Whitfield: two visits at the same instant disagree; the larger id wins. */
  put_visit (store, "visit:w-b", "legislator:whitfield", "2026-05-01T17:00:00Z", "oppose",
             "\"issues\": [\"immigration reform\"]");
  put_visit (store, "visit:w-a", "legislator:whitfield", "2026-05-01T17:00:00Z", "lean_oppose",
             "\"issues\": [\"immigration reform\"]");
  /* Nakamura: a visit that heard no position. */
  put_visit (store, "visit:n1", "legislator:nakamura", "2026-04-01T17:00:00Z", NULL,
             "\"issues\": [\"immigration reform\"]");
  /* Han: visited on another issue only. */
  put_visit (store, "visit:h1", "legislator:han", "2026-04-01T17:00:00Z", "support",
             "\"issues\": [\"language access\"]");
  /* Reyes (TX): lean support. */
  put_visit (store, "visit:r1", "legislator:reyes", "2026-04-01T15:00:00Z", "lean_support",
             "\"bills\": [\"Immigration reform\"]");

  count = civic_whip_count_compute (store, "Immigration reform", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count->rows->len, ==, 4);
  g_assert_null (whip_row (count, "legislator:han"));

  row = whip_row (count, "legislator:park");
  g_assert_nonnull (row);
  g_assert_cmpint (row->position, ==, CIVIC_POSITION_SUPPORT);
  g_assert_cmpstr (row->heard_at, ==, "2026-10-02T18:00:00Z");
  g_assert_cmpstr (row->visit_id, ==, "visit:p2");
  g_assert_cmpuint (row->n_visits, ==, 2);
  g_assert_cmpstr (row->name, ==, "Elena Park");

  row = whip_row (count, "legislator:whitfield");
  g_assert_cmpint (row->position, ==, CIVIC_POSITION_OPPOSE);
  g_assert_cmpstr (row->visit_id, ==, "visit:w-b");

  row = whip_row (count, "legislator:nakamura");
  g_assert_cmpint (row->position, ==, CIVIC_POSITION_UNKNOWN);
  g_assert_null (row->heard_at);

  g_assert_cmpuint (count->counts[CIVIC_POSITION_SUPPORT], ==, 1);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_LEAN_SUPPORT], ==, 1);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_UNDECIDED], ==, 0);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_LEAN_OPPOSE], ==, 0);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_OPPOSE], ==, 1);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_UNKNOWN], ==, 1);

  /* Rows are in position order. */
  g_assert_cmpstr (((CivicWhipRow *) g_ptr_array_index (count->rows, 0))->legislator_id, ==, "legislator:park");
  g_assert_cmpstr (((CivicWhipRow *) g_ptr_array_index (count->rows, 3))->legislator_id, ==, "legislator:nakamura");

  /* A newer visit moves the count. */
  put_visit (store, "visit:p3", "legislator:park", "2026-10-20T18:00:00Z", "lean_oppose",
             "\"issues\": [\"immigration reform\"]");
  g_clear_pointer (&count, civic_whip_count_free);
  count = civic_whip_count_compute (store, "immigration reform", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (whip_row (count, "legislator:park")->position, ==, CIVIC_POSITION_LEAN_OPPOSE);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_SUPPORT], ==, 0);
  g_assert_cmpuint (count->counts[CIVIC_POSITION_LEAN_OPPOSE], ==, 1);

  /* Filters. */
  {
    CivicWhipFilter house = { "us_house", NULL, FALSE };
    CivicWhipFilter california = { NULL, "ca", FALSE };
    CivicWhipFilter california_all = { NULL, "CA", TRUE };
    g_autoptr(CivicWhipCount) by_chamber = civic_whip_count_compute (store, "immigration reform", &house, &error);
    g_autoptr(CivicWhipCount) by_state = civic_whip_count_compute (store, "immigration reform", &california, &error);
    g_autoptr(CivicWhipCount) all = civic_whip_count_compute (store, "immigration reform", &california_all, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (by_chamber->rows->len, ==, 3);
    g_assert_null (whip_row (by_chamber, "legislator:nakamura"));
    g_assert_nonnull (whip_row (by_chamber, "legislator:reyes"));

    g_assert_cmpuint (by_state->rows->len, ==, 3);
    g_assert_null (whip_row (by_state, "legislator:reyes"));

    /* Every California legislator, Han unvisited on this issue included. */
    g_assert_cmpuint (all->rows->len, ==, 4);
    g_assert_cmpint (whip_row (all, "legislator:han")->position, ==, CIVIC_POSITION_UNKNOWN);
    g_assert_cmpuint (whip_row (all, "legislator:han")->n_visits, ==, 0);
    g_assert_cmpuint (all->counts[CIVIC_POSITION_UNKNOWN], ==, 2);
  }
}

/* ---- Visit index ---------------------------------------------------------- */

static void
index_changed_cb (CivicVisitIndex *index,
                  guint           *n_changed)
{
  (*n_changed)++;
}

static void
wait_for_change (guint *n_changed,
                 guint  before)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*n_changed == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*n_changed, >, before);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (civic_visit_index_load_finish (CIVIC_VISIT_INDEX (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
assert_same_count (CivicWhipCount *a,
                   CivicWhipCount *b)
{
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < CIVIC_POSITION_N; i++)
    g_assert_cmpuint (a->counts[i], ==, b->counts[i]);
  for (guint i = 0; i < a->rows->len; i++)
    {
      CivicWhipRow *ra = g_ptr_array_index (a->rows, i);
      CivicWhipRow *rb = g_ptr_array_index (b->rows, i);

      g_assert_cmpstr (ra->legislator_id, ==, rb->legislator_id);
      g_assert_cmpint (ra->position, ==, rb->position);
      g_assert_cmpstr (ra->heard_at, ==, rb->heard_at);
      g_assert_cmpuint (ra->n_visits, ==, rb->n_visits);
    }
}

static void
test_visit_index (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicVisitIndex) index = NULL;
  g_autoptr(CivicWhipCount) from_index = NULL;
  g_autoptr(CivicWhipCount) from_store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) topics = NULL;
  guint n_changed = 0;
  gboolean done = FALSE;

  put_legislators (store);
  put_visit (store, "visit:p1", "legislator:park", "2026-03-15T16:30:00Z", "undecided",
             "\"issues\": [\"Immigration reform\", \"DACA\"], \"bills\": [\"H.R. 6\"]");
  put_visit (store, "visit:w1", "legislator:whitfield", "2026-05-01T17:00:00Z", "oppose",
             "\"issues\": [\"immigration reform\"], "
             "\"follow_ups\": [{\"task\": \"Send the report\", \"due_on\": \"2026-05-08\"}]");

  index = civic_visit_index_new (store);
  g_signal_connect (index, "changed", G_CALLBACK (index_changed_cb), &n_changed);
  g_assert_false (civic_visit_index_get_loaded (index));

  civic_visit_index_load_async (index, NULL, loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (civic_visit_index_get_loaded (index));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (civic_visit_index_get_n_visits (index), ==, 2);

  from_index = civic_visit_index_whip_count (index, "immigration reform", NULL);
  from_store = civic_whip_count_compute (store, "immigration reform", NULL, &error);
  g_assert_no_error (error);
  assert_same_count (from_index, from_store);
  g_assert_cmpuint (civic_visit_index_count_overdue (index, "2026-05-09"), ==, 1);
  g_assert_cmpuint (civic_visit_index_count_overdue (index, "2026-05-08"), ==, 0);

  topics = civic_visit_index_dup_topics (index);
  g_assert_cmpuint (g_strv_length (topics), ==, 3);
  g_assert_cmpstr (topics[0], ==, "DACA");
  g_assert_cmpstr (topics[1], ==, "H.R. 6");
  g_assert_cmpstr (topics[2], ==, "Immigration reform");

  /* A debrief moves the count once the store says so. */
  {
    guint before = n_changed;

    put_visit (store, "visit:p2", "legislator:park", "2026-10-02T18:00:00Z", "support",
               "\"issues\": [\"immigration reform\"]");
    wait_for_change (&n_changed, before);
  }
  g_clear_pointer (&from_index, civic_whip_count_free);
  g_clear_pointer (&from_store, civic_whip_count_free);
  from_index = civic_visit_index_whip_count (index, "Immigration Reform", NULL);
  from_store = civic_whip_count_compute (store, "Immigration Reform", NULL, &error);
  assert_same_count (from_index, from_store);
  g_assert_cmpint (whip_row (from_index, "legislator:park")->position, ==, CIVIC_POSITION_SUPPORT);

  /* A follow-up marked done leaves the overdue count. */
  {
    guint before = n_changed;

    g_assert_true (civic_follow_up_set_done (store, "visit:w1", 0, "Send the report", TRUE, NULL,
                                             NULL, NULL, &error));
    g_assert_no_error (error);
    wait_for_change (&n_changed, before);
    g_assert_cmpuint (civic_visit_index_count_overdue (index, "2026-05-09"), ==, 0);
  }

  /* A deleted visit and a renamed legislator. */
  {
    g_autoptr(JsonObject) visit = civic_store_get (store, "visit:p2", &error);
    g_autoptr(JsonObject) park = civic_store_get (store, "legislator:park", &error);
    g_autofree char *deleted = NULL;
    g_autofree char *renamed = NULL;
    guint before = n_changed;

    deleted = civic_store_delete (store, "visit:p2", civic_json_object_get_string_or_null (visit, "_rev"), &error);
    g_assert_no_error (error);
    json_object_set_string_member (park, "name", "Elena Park-Moreno");
    renamed = civic_store_put (store, park, &error);
    g_assert_no_error (error);
    wait_for_change (&n_changed, before);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  g_assert_cmpuint (civic_visit_index_get_n_visits (index), ==, 2);
  g_clear_pointer (&from_index, civic_whip_count_free);
  from_index = civic_visit_index_whip_count (index, "immigration reform", NULL);
  g_assert_cmpint (whip_row (from_index, "legislator:park")->position, ==, CIVIC_POSITION_UNDECIDED);
  g_assert_cmpstr (whip_row (from_index, "legislator:park")->name, ==, "Elena Park-Moreno");
}

/* The topics and the busiest one, which a load counts in its thread and
 * the index keeps: they follow the visits written after the load, and the
 * legislators that exist.
 */
static void
test_visit_index_topics (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicVisitIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *busiest = NULL;
  guint n_changed = 0;
  gboolean done = FALSE;

  put_legislators (store);
  put_visit (store, "visit:p1", "legislator:park", "2026-03-15T16:30:00Z", "undecided",
             "\"issues\": [\"zoning\", \"Election\", \"DACA\"]");
  put_visit (store, "visit:w1", "legislator:whitfield", "2026-05-01T17:00:00Z", "oppose",
             "\"issues\": [\"Zoning\", \"election\"]");

  index = civic_visit_index_new (store);
  g_signal_connect (index, "changed", G_CALLBACK (index_changed_cb), &n_changed);
  civic_visit_index_load_async (index, NULL, loaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* Once each, as first written, in collation order. */
  topics = civic_visit_index_dup_topics (index);
  g_assert_cmpuint (g_strv_length (topics), ==, 3);
  g_assert_cmpstr (topics[0], ==, "DACA");
  g_assert_cmpstr (topics[1], ==, "Election");
  g_assert_cmpstr (topics[2], ==, "zoning");
  busiest = civic_visit_index_dup_busiest_topic (index);
  /* Two visits each for zoning and the election: the first in order. */
  g_assert_cmpstr (busiest, ==, "Election");
  g_clear_pointer (&topics, g_strfreev);
  g_clear_pointer (&busiest, g_free);

  /* A new topic, visited most, once the store says so. */
  {
    guint before = n_changed;

    put_visit (store, "visit:p2", "legislator:park", "2026-06-02T18:00:00Z", "support",
               "\"issues\": [\"Asylum\", \"DACA\"]");
    put_visit (store, "visit:h1", "legislator:han", "2026-06-03T18:00:00Z", "support",
               "\"issues\": [\"asylum\", \"DACA\"]");
    wait_for_change (&n_changed, before);
    while (civic_visit_index_get_n_visits (index) < 4)
      g_main_context_iteration (NULL, TRUE);
  }
  topics = civic_visit_index_dup_topics (index);
  g_assert_cmpuint (g_strv_length (topics), ==, 4);
  g_assert_cmpstr (topics[0], ==, "Asylum");
  busiest = civic_visit_index_dup_busiest_topic (index);
  g_assert_cmpstr (busiest, ==, "DACA");
  g_clear_pointer (&topics, g_strfreev);
  g_clear_pointer (&busiest, g_free);

  /* A visit naming a bill twice, spelled two ways, counts once in its
   * whip count, as the store's own count says.
   */
  {
    guint before = n_changed;
    g_autoptr(CivicWhipCount) from_index = NULL;
    g_autoptr(CivicWhipCount) from_store = NULL;
    CivicWhipFilter everyone = { NULL, NULL, TRUE };

    put_visit (store, "visit:w2", "legislator:whitfield", "2026-06-04T18:00:00Z", "lean_oppose",
               "\"bills\": [\"H.R. 6\", \"HR 6\"]");
    wait_for_change (&n_changed, before);
    from_index = civic_visit_index_whip_count (index, "hr6", &everyone);
    from_store = civic_whip_count_compute (store, "hr6", &everyone, &error);
    g_assert_no_error (error);
    assert_same_count (from_index, from_store);
    g_assert_cmpuint (whip_row (from_index, "legislator:whitfield")->n_visits, ==, 1);
    g_clear_pointer (&from_index, civic_whip_count_free);
    g_clear_pointer (&from_store, civic_whip_count_free);
    from_index = civic_visit_index_whip_count (index, "DACA", &everyone);
    from_store = civic_whip_count_compute (store, "DACA", &everyone, &error);
    assert_same_count (from_index, from_store);
    g_assert_cmpuint (whip_row (from_index, "legislator:park")->n_visits, ==, 2);
  }

  /* Visits to a legislator who is gone count for no whip count. */
  {
    g_autoptr(JsonObject) park = civic_store_get (store, "legislator:park", &error);
    g_autofree char *deleted = NULL;
    guint before = n_changed;

    g_assert_no_error (error);
    deleted = civic_store_delete (store, "legislator:park", civic_json_object_get_string_or_null (park, "_rev"),
                                  &error);
    g_assert_no_error (error);
    wait_for_change (&n_changed, before);
  }
  busiest = civic_visit_index_dup_busiest_topic (index);
  /* Left: w1 (zoning, election) and h1 (asylum, DACA), one visit each. */
  topics = civic_visit_index_dup_topics (index);
  g_assert_cmpstr (busiest, ==, topics[0]);
}

/* Loads a new index over @store, blocking, and checks it against the
 * store itself: visits, topics, overdue counts and the whip count of
 * every topic.  Returns whether it started from the stored copy.
 */
static gboolean
check_fresh_index (CivicStore *store)
{
  g_autoptr(CivicVisitIndex) index = civic_visit_index_new (store);
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) topics = NULL;
  g_autoptr(GHashTable) last = NULL;

  g_assert_true (civic_visit_index_load (index, NULL, &error));
  g_assert_no_error (error);

  visits = civic_store_list (store, "visit", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (civic_visit_index_get_n_visits (index), ==, visits->len);
  g_assert_cmpuint (civic_visit_index_count_overdue (index, "2026-05-09"), ==,
                    civic_follow_ups_count_overdue_in_store (store, "2026-05-09", NULL));
  g_assert_cmpuint (civic_visit_index_count_overdue (index, "2027-01-01"), ==,
                    civic_follow_ups_count_overdue_in_store (store, "2027-01-01", NULL));

  topics = civic_visit_index_dup_topics (index);
  for (guint i = 0; topics[i] != NULL; i++)
    {
      CivicWhipFilter everyone = { NULL, NULL, TRUE };
      g_autoptr(CivicWhipCount) from_index = civic_visit_index_whip_count (index, topics[i], &everyone);
      g_autoptr(CivicWhipCount) from_store = civic_whip_count_compute (store, topics[i], &everyone, &error);

      g_assert_no_error (error);
      assert_same_count (from_index, from_store);
    }

  /* The latest visit of each legislator, as the directory shows it. */
  last = civic_visit_index_dup_last_visits (index);
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      const char *legislator = json_object_get_string_member (visit, "legislator_id");

      g_assert_cmpint (civic_positions_compare_instants (g_hash_table_lookup (last, legislator),
                                                         json_object_get_string_member (visit, "occurs_at")), >=, 0);
    }

  return civic_visit_index_get_loaded_from_cache (index);
}

static gboolean
has_topic (GStrv       topics,
           const char *topic)
{
  return topics != NULL && g_strv_contains ((const char * const *) topics, topic);
}

static void
test_visit_index_cache (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stale = NULL;
  g_autoptr(JsonObject) ahead = NULL;

  put_legislators (store);
  put_visit (store, "visit:p1", "legislator:park", "2026-03-15T16:30:00Z", "undecided",
             "\"issues\": [\"Immigration reform\", \"DACA\"], \"bills\": [\"H.R. 6\"], "
             "\"campaign_id\": \"campaign:spring\"");
  put_visit (store, "visit:w1", "legislator:whitfield", "2026-05-01T17:00:00Z", "oppose",
             "\"issues\": [\"immigration reform\"], "
             "\"follow_ups\": [{\"task\": \"Send the report\", \"due_on\": \"2026-05-08\"}, "
             "{\"task\": \"Call back\"}]");
  /* Free text that the copy's format must escape, and a visit without a
   * position.
   */
  put_visit (store, "visit:h1", "legislator:han", "2026-04-01T17:00:00Z", NULL,
             "\"issues\": [\"이민 개혁\", \"tab\\there\", \"back\\\\slash \\\\N\", \"line\\nbreak\", \"unit\\u001fsep\"]");

  /* No copy yet: the first load reads everything and keeps a copy. */
  g_assert_false (check_fresh_index (store));
  g_assert_true (check_fresh_index (store));

  /* Written after the copy: a new visit, a changed one, a deleted one. */
  put_visit (store, "visit:p2", "legislator:park", "2026-10-02T18:00:00Z", "support",
             "\"issues\": [\"immigration reform\", \"tab\\there\"]");
  {
    g_autoptr(JsonObject) visit = civic_store_get (store, "visit:w1", &error);
    g_autoptr(JsonObject) h1 = civic_store_get (store, "visit:h1", &error);
    g_autofree char *rev = NULL;
    g_autofree char *deleted = NULL;

    g_assert_no_error (error);
    json_object_set_string_member (visit, "position", "lean_support");
    rev = civic_store_put (store, visit, &error);
    g_assert_no_error (error);
    deleted = civic_store_delete (store, "visit:h1", civic_json_object_get_string_or_null (h1, "_rev"), &error);
    g_assert_no_error (error);
  }
  g_assert_true (check_fresh_index (store));

  /* The same answers from the copy as from the store, field by field. */
  {
    g_autoptr(CivicVisitIndex) index = civic_visit_index_new (store);
    g_auto(GStrv) topics = NULL;
    g_autoptr(GHashTable) spring = NULL;
    g_autofree char *busiest = NULL;

    g_assert_true (civic_visit_index_load (index, NULL, &error));
    g_assert_true (civic_visit_index_get_loaded_from_cache (index));
    topics = civic_visit_index_dup_topics (index);
    g_assert_true (has_topic (topics, "tab\there"));
    g_assert_false (has_topic (topics, "이민 개혁"));
    busiest = civic_visit_index_dup_busiest_topic (index);
    g_assert_cmpstr (busiest, ==, "Immigration reform");
    /* Park by the campaign p1 names, Whitfield by w1's date. */
    spring = civic_visit_index_dup_visited_in_campaign (index, "campaign:spring", "2026-04-15", "2026-06-30");
    g_assert_true (g_hash_table_contains (spring, "legislator:park"));
    g_assert_true (g_hash_table_contains (spring, "legislator:whitfield"));
    g_assert_cmpuint (g_hash_table_size (spring), ==, 2);
    g_clear_pointer (&spring, g_hash_table_unref);
    /* p2 names no campaign and falls after the campaign's end. */
    spring = civic_visit_index_dup_visited_in_campaign (index, "campaign:spring", "2026-05-02", "2026-06-30");
    g_assert_cmpuint (g_hash_table_size (spring), ==, 1);
    g_assert_true (g_hash_table_contains (spring, "legislator:park"));
  }

  /* A copy of another format, or ahead of the store, is not used. */
  stale = civic_json_object_from_string ("{\"format\": 0, \"seq\": 1, \"visits\": \"\"}", -1, &error);
  g_assert_true (civic_store_put_local (store, CIVIC_VISIT_INDEX_CACHE_ID, stale, &error));
  g_assert_no_error (error);
  g_assert_false (check_fresh_index (store));
  g_assert_true (check_fresh_index (store));
  ahead = civic_store_get_local (store, CIVIC_VISIT_INDEX_CACHE_ID, &error);
  g_assert_no_error (error);
  json_object_set_int_member (ahead, "seq", civic_store_get_update_seq (store) + 100);
  json_object_remove_member (ahead, "_rev");
  g_assert_true (civic_store_put_local (store, CIVIC_VISIT_INDEX_CACHE_ID, ahead, &error));
  g_assert_false (check_fresh_index (store));

  /* A malformed copy (a line cut short) is not used either. */
  {
    g_autoptr(JsonObject) cut = civic_store_get_local (store, CIVIC_VISIT_INDEX_CACHE_ID, &error);
    const char *text = json_object_get_string_member (cut, "visits");
    g_autofree char *shorter = g_strndup (text, strlen (text) - 5);

    json_object_set_string_member (cut, "visits", shorter);
    json_object_remove_member (cut, "_rev");
    g_assert_true (civic_store_put_local (store, CIVIC_VISIT_INDEX_CACHE_ID, cut, &error));
    g_assert_false (check_fresh_index (store));
  }
}

/* ---- Follow-ups ---------------------------------------------------------- */

static CivicFollowUp *
find_follow_up (GPtrArray  *list,
                const char *task)
{
  for (guint i = 0; i < list->len; i++)
    {
      CivicFollowUp *follow_up = g_ptr_array_index (list, i);

      if (g_strcmp0 (follow_up->task, task) == 0)
        return follow_up;
    }

  return NULL;
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_follow_ups (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  CivicFollowUp *follow_up;

  put_legislators (store);
  put (store, "{\"_id\": \"volunteer:minji\", \"type\": \"volunteer\", " STAMPS ", "
              "\"given_name\": \"Minji\", \"family_name\": \"Kim\", \"name_ko\": \"김민지\"}");
  put (store, "{\"_id\": \"visit:f1\", \"type\": \"visit\", " STAMPS ", "
              "\"legislator_id\": \"legislator:park\", \"occurs_at\": \"2026-09-10T17:00:00Z\", "
              "\"follow_ups\": ["
              "{\"task\": \"Send the DACA fact sheet\", \"owner_id\": \"volunteer:minji\", \"due_on\": \"2026-09-30\"},"
              "{\"task\": \"Share the district survey\", \"owner_id\": \"Jordan Ellis\", \"due_on\": \"2026-10-01\"},"
              "{\"task\": \"Thank-you letter\", \"owner_id\": \"volunteer:minji\", \"due_on\": \"2026-09-12\", "
              "\"done_at\": \"2026-09-11T20:00:00Z\"}]}");
  put (store, "{\"_id\": \"visit:f2\", \"type\": \"visit\", " STAMPS ", "
              "\"legislator_id\": \"legislator:whitfield\", \"occurs_at\": \"2026-09-11T17:00:00Z\", "
              "\"follow_ups\": [{\"task\": \"Invite to the town hall\"}]}");

  g_assert_cmpint (civic_follow_up_state_for ("2026-09-30", NULL, "2026-10-01"), ==, CIVIC_FOLLOW_UP_OVERDUE);
  g_assert_cmpint (civic_follow_up_state_for ("2026-10-01", NULL, "2026-10-01"), ==, CIVIC_FOLLOW_UP_DUE);
  g_assert_cmpint (civic_follow_up_state_for (NULL, NULL, "2026-10-01"), ==, CIVIC_FOLLOW_UP_DUE);
  g_assert_cmpint (civic_follow_up_state_for ("2026-01-01", "2026-01-02T00:00:00Z", "2026-10-01"), ==,
                   CIVIC_FOLLOW_UP_DONE);

  list = civic_follow_ups_list (store, "2026-10-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpuint (civic_follow_ups_count_overdue (list), ==, 1);

  /* The worker-thread variant gives the same list. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) async_list = NULL;

    civic_follow_ups_list_async (store, "2026-10-01", NULL, async_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    async_list = civic_follow_ups_list_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (async_list->len, ==, list->len);
    for (guint i = 0; i < list->len; i++)
      g_assert_cmpstr (((CivicFollowUp *) g_ptr_array_index (async_list, i))->task, ==,
                       ((CivicFollowUp *) g_ptr_array_index (list, i))->task);
  }
  g_assert_cmpuint (civic_follow_ups_count_overdue_in_store (store, "2026-10-01", &error), ==, 1);
  g_assert_cmpuint (civic_follow_ups_count_overdue_in_store (store, "2026-10-02", &error), ==, 2);
  g_assert_no_error (error);

  /* Overdue first, then due (by date, undated last), then done. */
  follow_up = g_ptr_array_index (list, 0);
  g_assert_cmpstr (follow_up->task, ==, "Send the DACA fact sheet");
  g_assert_cmpint (follow_up->state, ==, CIVIC_FOLLOW_UP_OVERDUE);
  g_assert_cmpstr (follow_up->owner_name, ==, "Minji Kim");
  g_assert_cmpstr (follow_up->legislator_name, ==, "Elena Park");
  g_assert_cmpstr (follow_up->visit_id, ==, "visit:f1");
  g_assert_cmpuint (follow_up->index, ==, 0);
  g_assert_cmpstr (((CivicFollowUp *) g_ptr_array_index (list, 1))->task, ==, "Share the district survey");
  g_assert_cmpstr (((CivicFollowUp *) g_ptr_array_index (list, 1))->owner_name, ==, "Jordan Ellis");
  g_assert_cmpstr (((CivicFollowUp *) g_ptr_array_index (list, 2))->task, ==, "Invite to the town hall");
  g_assert_cmpint (((CivicFollowUp *) g_ptr_array_index (list, 3))->state, ==, CIVIC_FOLLOW_UP_DONE);

  /* Mark done, then undo: one write each. */
  {
    gint64 seq = civic_store_get_update_seq (store);

    g_assert_true (civic_follow_up_set_done (store, "visit:f1", 0, "Send the DACA fact sheet", TRUE,
                                             "2026-10-01T16:00:00Z", "tester", &previous, &error));
    g_assert_no_error (error);
    g_assert_null (previous);
    g_assert_cmpint (civic_store_get_update_seq (store), ==, seq + 1);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = civic_follow_ups_list (store, "2026-10-01", &error);
  follow_up = find_follow_up (list, "Send the DACA fact sheet");
  g_assert_cmpint (follow_up->state, ==, CIVIC_FOLLOW_UP_DONE);
  g_assert_cmpstr (follow_up->done_at, ==, "2026-10-01T16:00:00Z");
  g_assert_cmpuint (civic_follow_ups_count_overdue (list), ==, 0);

  {
    g_autoptr(JsonObject) visit = civic_store_get (store, "visit:f1", &error);

    g_assert_no_error (error);
    civic_document_validate (visit, &error);
    g_assert_no_error (error);
  }

  g_assert_true (civic_follow_up_set_done (store, "visit:f1", 0, "Send the DACA fact sheet", FALSE,
                                           NULL, "tester", &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (previous, ==, "2026-10-01T16:00:00Z");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = civic_follow_ups_list (store, "2026-10-01", &error);
  follow_up = find_follow_up (list, "Send the DACA fact sheet");
  g_assert_cmpint (follow_up->state, ==, CIVIC_FOLLOW_UP_OVERDUE);
  g_assert_null (follow_up->done_at);

  /* A follow-up that moved under the list is refused, nothing written. */
  {
    gint64 seq = civic_store_get_update_seq (store);

    g_assert_false (civic_follow_up_set_done (store, "visit:f1", 1, "Send the DACA fact sheet", TRUE,
                                              NULL, NULL, NULL, &error));
    g_assert_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_CHANGED);
    g_clear_error (&error);
    g_assert_false (civic_follow_up_set_done (store, "visit:f1", 7, "Send the DACA fact sheet", TRUE,
                                              NULL, NULL, NULL, &error));
    g_assert_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_CHANGED);
    g_clear_error (&error);
    g_assert_false (civic_follow_up_set_done (store, "visit:nope", 0, "x", TRUE,
                                              NULL, NULL, NULL, &error));
    g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
  }
}

/* ---- Lobby day ------------------------------------------------------------- */

static CivicLobbyMeeting *
meeting_at (CivicLobbyDay *day,
            guint          i)
{
  return g_ptr_array_index (day->meetings, i);
}

static void
test_lobby_day (void)
{
  g_autoptr(CivicStore) store = open_store ();
  g_autoptr(CivicLobbyDay) day = NULL;
  g_autoptr(GError) error = NULL;
  CivicLobbyConflict *conflict;
  CivicLobbyTeam *team;

  put_legislators (store);
  put (store, "{\"_id\": \"volunteer:minji\", \"type\": \"volunteer\", " STAMPS ", "
              "\"given_name\": \"Minji\", \"family_name\": \"Kim\"}");
  put (store, "{\"_id\": \"volunteer:joseph\", \"type\": \"volunteer\", " STAMPS ", "
              "\"given_name\": \"Joseph\", \"family_name\": \"Alvarez\"}");
  put (store, "{\"_id\": \"volunteer:hyun\", \"type\": \"volunteer\", " STAMPS ", "
              "\"given_name\": \"Hyun\", \"family_name\": \"Cho\", \"preferred_name\": \"Danny\"}");
  put (store, "{\"_id\": \"event:lobby\", \"type\": \"event\", " STAMPS ", "
              "\"kind\": \"legislative_visit\", \"title\": \"Immigration lobby day\", \"status\": \"confirmed\", "
              "\"starts_at\": \"2026-09-15T15:00:00Z\", \"ends_at\": \"2026-09-15T23:00:00Z\"}");
  put (store, "{\"_id\": \"event:rally\", \"type\": \"event\", " STAMPS ", "
              "\"kind\": \"rally\", \"title\": \"Rally\", \"status\": \"confirmed\", "
              "\"starts_at\": \"2026-09-16T15:00:00Z\", \"ends_at\": \"2026-09-16T17:00:00Z\"}");

  /* Team A (Minji leads, Joseph) at 10:00 and 11:00 Eastern; Minji is also
   * booked with Danny at 10:15, which overlaps the 10:00 meeting's default
   * 30 minutes.  Danny's 10:45 meeting starts when his 10:15 one ends.
   */
  put (store, "{\"_id\": \"visit:l1\", \"type\": \"visit\", " STAMPS ", \"event_id\": \"event:lobby\", "
              "\"legislator_id\": \"legislator:park\", \"occurs_at\": \"2026-09-15T14:00:00Z\", "
              "\"room\": \"1402 Longworth\", \"format\": \"capitol\", "
              "\"attendees\": [{\"volunteer_id\": \"volunteer:joseph\", \"role\": \"storyteller\", \"constituent\": true},"
              "{\"volunteer_id\": \"volunteer:minji\", \"role\": \"leader\"}]}");
  put (store, "{\"_id\": \"visit:l3\", \"type\": \"visit\", " STAMPS ", \"event_id\": \"event:lobby\", "
              "\"legislator_id\": \"legislator:whitfield\", \"occurs_at\": \"2026-09-15T15:00:00Z\", "
              "\"ends_at\": \"2026-09-15T15:45:00Z\", \"room\": \"2211 Rayburn\", "
              "\"attendees\": [{\"volunteer_id\": \"volunteer:minji\", \"role\": \"leader\"},"
              "{\"volunteer_id\": \"volunteer:joseph\", \"role\": \"asker\"}]}");
  put (store, "{\"_id\": \"visit:l2\", \"type\": \"visit\", " STAMPS ", \"event_id\": \"event:lobby\", "
              "\"legislator_id\": \"legislator:nakamura\", \"occurs_at\": \"2026-09-15T14:15:00Z\", "
              "\"ends_at\": \"2026-09-15T14:45:00Z\", \"room\": \"331 Hart\", "
              "\"attendees\": [{\"volunteer_id\": \"volunteer:hyun\", \"role\": \"leader\"},"
              "{\"volunteer_id\": \"volunteer:minji\", \"role\": \"asker\"}]}");
  put (store, "{\"_id\": \"visit:l4\", \"type\": \"visit\", " STAMPS ", \"event_id\": \"event:lobby\", "
              "\"legislator_id\": \"legislator:reyes\", \"occurs_at\": \"2026-09-15T14:45:00Z\", "
              "\"attendees\": [{\"volunteer_id\": \"volunteer:hyun\", \"role\": \"leader\"}]}");
  /* A visit on another day is not part of it. */
  put (store, "{\"_id\": \"visit:other\", \"type\": \"visit\", " STAMPS ", "
              "\"legislator_id\": \"legislator:park\", \"occurs_at\": \"2026-09-15T14:00:00Z\", "
              "\"attendees\": [{\"volunteer_id\": \"volunteer:minji\", \"role\": \"leader\"}]}");

  day = civic_lobby_day_load (store, "event:lobby", &error);
  g_assert_no_error (error);
  g_assert_nonnull (day);
  g_assert_cmpstr (day->title, ==, "Immigration lobby day");

  /* The schedule, by time. */
  g_assert_cmpuint (day->meetings->len, ==, 4);
  g_assert_cmpstr (meeting_at (day, 0)->visit_id, ==, "visit:l1");
  g_assert_cmpstr (meeting_at (day, 1)->visit_id, ==, "visit:l2");
  g_assert_cmpstr (meeting_at (day, 2)->visit_id, ==, "visit:l4");
  g_assert_cmpstr (meeting_at (day, 3)->visit_id, ==, "visit:l3");
  g_assert_cmpstr (meeting_at (day, 0)->room, ==, "1402 Longworth");
  g_assert_cmpstr (meeting_at (day, 0)->legislator_name, ==, "Elena Park");
  g_assert_cmpstr (meeting_at (day, 0)->ends_at, ==, "2026-09-15T14:30:00Z");
  g_assert_true (meeting_at (day, 0)->ends_assumed);
  g_assert_false (meeting_at (day, 3)->ends_assumed);
  g_assert_cmpuint (meeting_at (day, 0)->team->len, ==, 2);
  {
    CivicLobbyAttendee *attendee = g_ptr_array_index (meeting_at (day, 0)->team, 0);

    g_assert_cmpstr (attendee->name, ==, "Joseph Alvarez");
    g_assert_cmpstr (attendee->role, ==, "storyteller");
    g_assert_true (attendee->constituent);
  }

  /* Minji is double-booked at 10:15; Danny's back-to-back meetings are fine. */
  g_assert_cmpuint (day->conflicts->len, ==, 1);
  conflict = g_ptr_array_index (day->conflicts, 0);
  g_assert_cmpstr (conflict->volunteer_id, ==, "volunteer:minji");
  g_assert_cmpstr (conflict->volunteer_name, ==, "Minji Kim");
  g_assert_cmpstr (conflict->first_visit_id, ==, "visit:l1");
  g_assert_cmpstr (conflict->second_visit_id, ==, "visit:l2");

  /* Teams: Minji and Joseph (l1, l3); Danny and Minji (l2); Danny (l4). */
  g_assert_cmpuint (day->teams->len, ==, 3);
  team = g_ptr_array_index (day->teams, 0);
  g_assert_cmpstr (team->name, ==, "Minji Kim");
  g_assert_cmpuint (team->meetings->len, ==, 2);
  g_assert_cmpstr (((CivicLobbyMeeting *) g_ptr_array_index (team->meetings, 1))->visit_id, ==, "visit:l3");
  team = g_ptr_array_index (day->teams, 1);
  g_assert_cmpstr (team->name, ==, "Danny Cho");

  /* Not a lobby day. */
  {
    g_autoptr(CivicLobbyDay) rally = civic_lobby_day_load (store, "event:rally", &error);

    g_assert_null (rally);
    g_assert_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_NOT_LOBBY_DAY);
    g_clear_error (&error);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legislative/visit/validation", test_visit_validation);
  g_test_add_func ("/legislative/positions/history", test_position_history);
  g_test_add_func ("/legislative/positions/whip-count", test_whip_count);
  g_test_add_func ("/legislative/positions/visit-index", test_visit_index);
  g_test_add_func ("/legislative/positions/visit-index-cache", test_visit_index_cache);
  g_test_add_func ("/legislative/positions/visit-index-topics", test_visit_index_topics);
  g_test_add_func ("/legislative/follow-ups/overdue-done-undo", test_follow_ups);
  g_test_add_func ("/legislative/lobby-day/schedule-and-conflicts", test_lobby_day);

  return g_test_run ();
}
