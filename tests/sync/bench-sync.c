/* bench-sync.c — first pull and first push of 20,000 volunteer documents,
 * and a sync with nothing to do, against a local PouchDB Server; PouchDB
 * 9's own replicator is measured in the same run as the anchor
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CIVIC_BENCH_DOCS (default 20000) and CIVIC_BENCH_RUNS (default 3) change
 * the size; medians are printed at the end.  Targets (issue 5): pull and
 * push ≥ 2× PouchDB's docs/s, a no-op sync ≤ 50 ms, no main-loop stall
 * over 16 ms during the pull.
 */

#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "civic-json.h"
#include "sync-test-util.h"

static CivicTestServer *server;

typedef struct {
  gint64 last;
  gint64 max_gap;
} Ticker;

static gboolean
tick_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  if (ticker->last != 0)
    ticker->max_gap = MAX (ticker->max_gap, now - ticker->last);
  ticker->last = now;
  return G_SOURCE_CONTINUE;
}

/* The same ticker on a thread of its own, which runs none of our code: a
 * stall it sees too is the machine (other processes), not the sync.
 */
typedef struct {
  Ticker        ticker;
  GMainContext *context;
  GMainLoop    *loop;
} Control;

static gpointer
control_thread (gpointer data)
{
  Control *control = data;
  GSource *source = g_timeout_source_new (2);

  g_main_context_push_thread_default (control->context);
  g_source_set_callback (source, tick_cb, &control->ticker, NULL);
  g_source_attach (source, control->context);
  g_main_loop_run (control->loop);
  g_source_destroy (source);
  g_source_unref (source);
  g_main_context_pop_thread_default (control->context);
  return NULL;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
run_pouchdb (const char *db,
             guint       n,
             double     *pull,
             double     *push)
{
  const char *root = g_getenv ("CIVIC_DESK_SOURCE_ROOT");
  g_autofree char *script = g_build_filename (root ? root : ".", "tests", "sync", "bench", "bench.js", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { "node", script, civic_test_server_get_url (server), CIVIC_TEST_ADMIN,
                         CIVIC_TEST_ADMIN_PASSWORD, db, count, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("PouchDB's benchmark failed: %s\n%s\n", error->message, err ? err : "");
      return FALSE;
    }
  result = civic_json_object_from_string (out, -1, &error);
  if (result == NULL)
    {
      g_printerr ("PouchDB's benchmark printed %s\n", out);
      return FALSE;
    }
  *pull = json_object_get_double_member (result, "pull_docs_per_s");
  *push = json_object_get_double_member (result, "push_docs_per_s");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) our_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) our_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) noop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) control_stall = g_array_new (FALSE, FALSE, sizeof (double));
  const char *docs_env = g_getenv ("CIVIC_BENCH_DOCS");
  const char *runs_env = g_getenv ("CIVIC_BENCH_RUNS");
  guint n = docs_env ? atoi (docs_env) : 20000;
  guint runs = runs_env ? atoi (runs_env) : 3;
  g_autofree char *tmpdir = NULL;
  double pull_ratio, push_ratio;

  if (!civic_test_server_can_run ())
    {
      g_print ("node is not installed; nothing measured\n");
      return 0;
    }
  tmpdir = g_dir_make_tmp ("civic-bench-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(CivicStore) source = sync_test_store_new ();
      g_autoptr(CivicStore) target = NULL;
      g_autoptr(CivicReplicator) pusher = NULL;
      g_autoptr(CivicReplicator) puller = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *db = g_strdup_printf ("bench-%u", run);
      g_autofree char *file = g_strdup_printf ("%s/bench-%u.db", tmpdir, run);
      Ticker ticker = { 0, 0 };
      Control control = { { 0, 0 }, NULL, NULL };
      GThread *control_id;
      gint64 start;
      double seconds, pouch_pull = 0, pouch_push = 0, value;
      guint tick;

      /* A fresh server for each run, as the anchor figures were measured. */
      server = civic_test_server_start (&error);
      g_assert_no_error (error);
      civic_test_server_create_db (server, db, FALSE);

      ids = sync_test_add_volunteers (source, n, "bench");
      pusher = sync_test_replicator (source, civic_test_server_get_url (server), db, NULL, NULL);
      if (g_getenv ("CIVIC_BENCH_PUSH_BATCH"))
        civic_replicator_set_batch_size (pusher, atoi (g_getenv ("CIVIC_BENCH_PUSH_BATCH")));
      start = g_get_monotonic_time ();
      g_assert_true (sync_test_push (pusher, &error));
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_assert_cmpuint (civic_replicator_get_docs_written (pusher), ==, n);
      value = n / seconds;
      g_array_append_val (our_push, value);

      target = civic_store_open (file, &error);
      g_assert_no_error (error);
      puller = sync_test_replicator (target, civic_test_server_get_url (server), db, NULL, NULL);
      control.context = g_main_context_new ();
      control.loop = g_main_loop_new (control.context, FALSE);
      control_id = g_thread_new ("control-ticker", control_thread, &control);
      tick = g_timeout_add (2, tick_cb, &ticker);
      start = g_get_monotonic_time ();
      g_assert_true (sync_test_pull (puller, &error));
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_source_remove (tick);
      {
        GSource *quit = g_idle_source_new ();

        g_source_set_callback (quit, quit_cb, control.loop, NULL);
        g_source_attach (quit, control.context);
        g_source_unref (quit);
        g_thread_join (control_id);
        g_main_loop_unref (control.loop);
        g_main_context_unref (control.context);
      }
      value = control.ticker.max_gap / 1000.0;
      g_array_append_val (control_stall, value);
      g_assert_cmpuint (civic_replicator_get_docs_written (puller), ==, n);
      value = n / seconds;
      g_array_append_val (our_pull, value);
      value = ticker.max_gap / 1000.0;
      g_array_append_val (stall, value);

      /* The first full sync (it also checks what to push), then the
       * measured one with nothing to do.
       */
      g_assert_true (sync_test_sync (puller, &error));
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_assert_true (sync_test_sync (puller, &error));
      g_assert_no_error (error);
      value = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (civic_replicator_get_docs_read (puller), ==, 0);
      g_array_append_val (noop, value);

      if (run_pouchdb (db, n, &pouch_pull, &pouch_push))
        {
          g_array_append_val (their_pull, pouch_pull);
          g_array_append_val (their_push, pouch_push);
        }
      g_print ("run %u: pull %.0f docs/s (PouchDB %.0f), push %.0f docs/s (PouchDB %.0f), "
               "no-op sync %.1f ms, longest main-loop stall %.1f ms (idle control thread: %.1f ms)\n",
               run + 1, g_array_index (our_pull, double, run), pouch_pull,
               g_array_index (our_push, double, run), pouch_push,
               g_array_index (noop, double, run), g_array_index (stall, double, run),
               g_array_index (control_stall, double, run));
      civic_test_server_stop (server);
      g_clear_object (&puller);
      g_clear_object (&target);
      g_unlink (file);
      {
        g_autofree char *wal = g_strconcat (file, "-wal", NULL);
        g_autofree char *shm = g_strconcat (file, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
      }
    }
  g_rmdir (tmpdir);

  g_print ("\nMedians over %u runs of %u documents:\n", runs, n);
  if (their_pull->len > 0)
    {
      pull_ratio = median (our_pull) / median (their_pull);
      push_ratio = median (our_push) / median (their_push);
      g_print ("  first pull: %.0f docs/s; PouchDB 9: %.0f docs/s; ratio %.2f (target ≥ 2)\n",
               median (our_pull), median (their_pull), pull_ratio);
      g_print ("  first push: %.0f docs/s; PouchDB 9: %.0f docs/s; ratio %.2f (target ≥ 2)\n",
               median (our_push), median (their_push), push_ratio);
    }
  else
    g_print ("  first pull: %.0f docs/s; first push: %.0f docs/s (PouchDB not measured)\n",
             median (our_pull), median (our_push));
  g_print ("  no-op sync: %.1f ms (target ≤ 50)\n", median (noop));
  g_print ("  longest main-loop stall during the pull: %.1f ms (target ≤ 16); "
           "an idle thread's longest stall meanwhile: %.1f ms\n", median (stall), median (control_stall));
  return 0;
}
