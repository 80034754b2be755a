/* bench-domain.c — how fast records convert, validate, partition and list
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line per figure; run with `meson test --benchmark --suite domain`
 * (or directly, with an optional count of signups as the argument).
 */

#define G_LOG_DOMAIN "bench-domain"

#include "config.h"

#include <stdlib.h>

#include "civic-derived.h"
#include "civic-record-list.h"
#include "civic-signup.h"
#include "civic-event.h"

static JsonObject *
signup_doc (guint i)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *id = g_strdup_printf ("signup:%08u", i);
  g_autofree char *volunteer = g_strdup_printf ("volunteer:%05u", i % 10000);
  g_autofree char *signed_up = g_strdup_printf ("2026-09-%02uT%02u:%02u:00Z", i % 28 + 1, i % 24, i % 60);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", "1-0123456789abcdef0123456789abcdef");
  json_object_set_string_member (doc, "type", "signup");
  json_object_set_string_member (doc, "shift_id", "shift:1");
  json_object_set_string_member (doc, "volunteer_id", volunteer);
  json_object_set_string_member (doc, "status", i % 3 == 0 ? "confirmed" : "scheduled");
  json_object_set_string_member (doc, "signed_up_at", signed_up);
  json_object_set_string_member (doc, "source", "phone");
  return doc;
}

static void
bench_records (guint n)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  gint64 t0, t1, t2, t3, t4;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (docs, signup_doc (i));

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, civic_record_new_from_json (g_ptr_array_index (docs, i), NULL));
  t1 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    g_assert_true (civic_record_validate (g_ptr_array_index (records, i), NULL));
  t2 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    json_object_unref (civic_record_to_json (g_ptr_array_index (records, i)));
  t3 = g_get_monotonic_time ();
  civic_signups_partition (records, n / 2, &in, &waiting);
  t4 = g_get_monotonic_time ();

  g_assert_cmpuint (in->len + waiting->len, ==, n);
  g_print ("# %u signups: from_json %.0f ms, validate %.0f ms, to_json %.0f ms, partition %.0f ms\n",
           n, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0, (t4 - t3) / 1000.0);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Ticks;

/* A 2 ms heartbeat on the main loop: the longest gap between beats is how
 * long the loop was kept from running (the load must not block it).
 */
static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

static void
loaded_cb (CivicRecordList *list,
           gboolean        *done)
{
  *done = TRUE;
}

static void
bench_list (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (NULL, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(CivicRecordList) list = NULL;
  gboolean done = FALSE;
  gint64 t0, t1, t2, t_put;
  Ticks ticks = { 0, 0 };
  guint tick_id;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("event:%08u", i);
      g_autofree char *start = g_strdup_printf ("20%02u-%02u-%02uT01:00:00Z", 26 + i % 5, i % 12 + 1, i % 28 + 1);

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "event");
      json_object_set_string_member (doc, "title", "Phone bank");
      json_object_set_string_member (doc, "kind", "phone_bank");
      json_object_set_string_member (doc, "status", "confirmed");
      json_object_set_string_member (doc, "starts_at", start);
      g_ptr_array_add (docs, doc);
    }
  g_assert_true (civic_store_put_many (store, docs, NULL, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  t0 = g_get_monotonic_time ();
  ticks.last = t0;
  tick_id = g_timeout_add (2, tick_cb, &ticks);
  list = civic_record_list_new (store, "event");
  g_signal_connect (list, "loaded", G_CALLBACK (loaded_cb), &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  t1 = g_get_monotonic_time ();
  g_source_remove (tick_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  /* One more event: how long until the list shows it. */
  {
    g_autoptr(JsonObject) doc = json_object_new ();
    g_autofree char *rev = NULL;
    guint before = g_list_model_get_n_items (G_LIST_MODEL (list));

    json_object_set_string_member (doc, "_id", "event:new");
    json_object_set_string_member (doc, "type", "event");
    json_object_set_string_member (doc, "title", "New");
    json_object_set_string_member (doc, "kind", "rally");
    json_object_set_string_member (doc, "status", "confirmed");
    json_object_set_string_member (doc, "starts_at", "2027-01-01T00:00:00Z");
    t_put = g_get_monotonic_time ();
    rev = civic_store_put (store, doc, &error);
    g_assert_no_error (error);
    while (g_list_model_get_n_items (G_LIST_MODEL (list)) == before)
      g_main_context_iteration (NULL, TRUE);
    t2 = g_get_monotonic_time ();
  }

  g_print ("# list of %u events: loaded in %.0f ms (longest main-loop pause %.1f ms); "
           "one change applied in %.1f ms\n",
           n, (t1 - t0) / 1000.0, ticks.longest / 1000.0, (t2 - t_put) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 200000;

  bench_records (n);
  bench_list (20000);
  return 0;
}
