/* bench-sync.c — first pull and first push of 20,000 volunteer documents,
 * and a sync with nothing to do, against a local PouchDB Server; PouchDB
 * 9's own replicator is measured in the same run as the anchor
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (issue 5): pull and push >= 2x PouchDB's docs/s, a no-op sync
 * <= 50 ms, no main-loop stall over 16 ms during the pull.
 *
 * Each run starts a fresh server and warms it up (warm_up()), then: our
 * push, PouchDB's push, our pull (with the main-loop probe), PouchDB's
 * pull, the no-op sync, and the server's own ceiling for the pushed
 * documents.  Each of PouchDB's directions runs right after ours, since the
 * machine is shared and its load changes by the minute; the ratio reported
 * is the median of the runs' own ratios.  Wall time and CPU time (this
 * process, PouchDB's, the server's) are printed for every run.
 *
 * Environment: CIVIC_BENCH_DOCS (20000), CIVIC_BENCH_RUNS (3),
 * CIVIC_BENCH_WARMUP (documents, as many as CIVIC_BENCH_DOCS; 0: none), CIVIC_BENCH_ONLY=push,
 * CIVIC_BENCH_POUCHDB=0 and CIVIC_BENCH_CEILING=0 (skip those parts),
 * CIVIC_BENCH_PUSH_BATCH and CIVIC_BENCH_PUSH_REQUESTS (push settings),
 * CIVIC_BENCH_TRACE=1 (every request, timestamped, on stderr).
 */

#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "civic-bench.h"
#include "civic-json.h"
#include "sync-test-util.h"

static CivicTestServer *server;

/* The main-loop probe: a high-priority 1 ms timeout on the main context
 * that records every gap between two of its runs, and how much CPU the
 * main thread used within that gap.  A long gap with little CPU is the
 * machine (the thread was not scheduled), a long gap full of CPU is our
 * code running on the main thread.
 */
typedef struct {
  gint64  last;
  gint64  last_cpu;
  GArray *gaps;       /* double, ms */
  GArray *busy;       /* double, ms of main-thread CPU per gap */
} Ticker;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = ticker->busy ? thread_cpu_us () : 0;

  if (ticker->last != 0)
    {
      double gap = (now - ticker->last) / 1000.0;

      g_array_append_val (ticker->gaps, gap);
      if (ticker->busy)
        {
          double busy = (cpu - ticker->last_cpu) / 1000.0;

          g_array_append_val (ticker->busy, busy);
        }
    }
  ticker->last = now;
  ticker->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
ticker_init (Ticker   *ticker,
             gboolean  with_cpu)
{
  ticker->last = 0;
  ticker->last_cpu = 0;
  ticker->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  ticker->busy = with_cpu ? g_array_new (FALSE, FALSE, sizeof (double)) : NULL;
}

static void
ticker_clear (Ticker *ticker)
{
  g_clear_pointer (&ticker->gaps, g_array_unref);
  g_clear_pointer (&ticker->busy, g_array_unref);
}

/* The same probe on a thread of its own, which runs none of our code: a
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
  GSource *source = g_timeout_source_new (1);

  g_main_context_push_thread_default (control->context);
  g_source_set_priority (source, G_PRIORITY_HIGH);
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

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0.0;
  g_array_sort (values, civic_bench_compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* The value below which @p of the values lie (nearest rank). */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return 0.0;
  g_array_sort (values, civic_bench_compare_doubles);
  rank = (guint) (p * values->len);
  return g_array_index (values, double, MIN (rank, values->len - 1));
}

static double
maximum (GArray *values)
{
  double max = 0.0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

/* CPU seconds (user + system) of this process, all threads. */
static double
self_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* CPU seconds of the server process, from /proc (0 where there is none). */
static double
server_cpu_s (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) civic_test_server_get_pid (server));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (paren = strrchr (text, ')')) == NULL)
    return 0.0;
  /* After "pid (comm)": state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (paren + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0.0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* The machine's load average over the last minute: the machine is shared,
 * and a figure means more next to it.
 */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1.0;
  return g_ascii_strtod (text, NULL);
}

/* CIVIC_BENCH_TRACE=1 prints every debug message of the replicator and the
 * HTTP client with a timestamp, to see where a run waits.
 */
static gint64 trace_start;

static GLogWriterOutput
trace_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (level & G_LOG_LEVEL_DEBUG)
    {
      if (domain == NULL || !g_str_has_prefix (domain, "civic-"))
        return G_LOG_WRITER_HANDLED;
      g_printerr ("%9.3f %s %s\n", (g_get_monotonic_time () - trace_start) / 1000.0,
                  g_thread_self () == user_data ? "main" : "    ", message ? message : "");
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, NULL);
}

typedef struct {
  double pull;           /* docs/s */
  double push;
  double pull_cpu;       /* seconds of PouchDB's own process */
  double push_cpu;
  double pull_server_cpu;
  double push_server_cpu;
} Anchor;

/* @mode: "pull" (of @db) or "push" (into a new database). */
static gboolean
run_pouchdb (const char *db,
             guint       n,
             const char *mode,
             Anchor     *anchor)
{
  const char *root = g_getenv ("CIVIC_DESK_SOURCE_ROOT");
  g_autofree char *script = g_build_filename (root ? root : ".", "tests", "sync", "bench", "bench.js", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *pid = g_strdup_printf ("%d", (int) civic_test_server_get_pid (server));
  const char *argv[] = { "node", script, civic_test_server_get_url (server), CIVIC_TEST_ADMIN,
                         CIVIC_TEST_ADMIN_PASSWORD, db, count, pid, mode, NULL };
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
  if (g_str_equal (mode, "pull"))
    {
      anchor->pull = json_object_get_double_member (result, "pull_docs_per_s");
      anchor->pull_cpu = json_object_get_double_member (result, "pull_cpu_s");
      anchor->pull_server_cpu = json_object_get_double_member (result, "pull_server_cpu_s");
    }
  else
    {
      anchor->push = json_object_get_double_member (result, "push_docs_per_s");
      anchor->push_cpu = json_object_get_double_member (result, "push_cpu_s");
      anchor->push_server_cpu = json_object_get_double_member (result, "push_server_cpu_s");
    }
  return TRUE;
}

/* The server's own ceiling for what a push sends: the same documents as
 * _bulk_docs new_edits=false bodies of @batch documents, serialized before
 * the clock starts, posted with @in_flight requests at a time through the
 * same HTTP client, into a database of their own.
 */
typedef struct {
  CivicCouchClient *client;
  GPtrArray        *bodies;
  const char       *path;
  guint             next;
  guint             in_flight;
  GMainLoop        *loop;
  GError           *error;
} Ceiling;

static void ceiling_send (Ceiling *c);

static void
ceiling_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Ceiling *c = user_data;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &c->error);
  c->in_flight--;
  if (c->error == NULL && (status != 201 || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
                           json_array_get_length (json_node_get_array (node)) != 0))
    c->error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "_bulk_docs answered %u", status);
  ceiling_send (c);
}

static void
ceiling_send (Ceiling *c)
{
  if (c->error != NULL || c->next >= c->bodies->len)
    {
      if (c->in_flight == 0)
        g_main_loop_quit (c->loop);
      return;
    }
  c->in_flight++;
  civic_couch_client_request_async (c->client, "POST", c->path, g_ptr_array_index (c->bodies, c->next++),
                                    CIVIC_COUCH_REQUEST_NONE, NULL, ceiling_done_cb, c);
}

static double
measure_ceiling (CivicStore *source,
                 const char *db,
                 guint       batch,
                 guint       in_flight,
                 double     *server_cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = civic_store_changes (source, 0, 0, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(CivicCouchClient) client = NULL;
  g_autofree char *path = g_strconcat ("/", db, "/_bulk_docs", NULL);
  Ceiling c = { 0 };
  gint64 start;
  double cpu_before, seconds;

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (ids, ((CivicChange *) g_ptr_array_index (changes, i))->id);
  g_ptr_array_add (ids, NULL);
  docs = civic_store_get_many (source, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  c.bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < docs->len; i += batch)
    {
      GString *body = g_string_new ("{\"new_edits\":false,\"docs\":[");

      for (guint j = i; j < MIN (docs->len, i + batch); j++)
        {
          JsonObject *doc = g_ptr_array_index (docs, j);
          const char *rev = json_object_get_string_member (doc, "_rev");
          JsonObject *revisions = json_object_new ();
          JsonArray *hashes = json_array_new ();
          g_autofree char *text = NULL;

          json_array_add_string_element (hashes, strchr (rev, '-') + 1);
          json_object_set_int_member (revisions, "start", 1);
          json_object_set_array_member (revisions, "ids", hashes);
          json_object_set_object_member (doc, "_revisions", revisions);
          text = civic_json_object_to_string (doc);
          if (j > i)
            g_string_append_c (body, ',');
          g_string_append (body, text);
        }
      g_string_append (body, "]}");
      g_ptr_array_add (c.bodies, g_string_free_to_bytes (body));
    }

  civic_test_server_create_db (server, db, FALSE);
  client = civic_couch_client_new (civic_test_server_get_url (server), CIVIC_TEST_ADMIN,
                                   CIVIC_TEST_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  c.client = client;
  c.path = path;
  c.loop = g_main_loop_new (NULL, FALSE);
  cpu_before = server_cpu_s ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < in_flight; i++)
    ceiling_send (&c);
  g_main_loop_run (c.loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  *server_cpu = server_cpu_s () - cpu_before;
  g_assert_no_error (c.error);
  g_main_loop_unref (c.loop);
  g_ptr_array_unref (c.bodies);
  return docs->len / seconds;
}

/* Node compiles the server's hot paths and sizes its heap during the first
 * tens of thousands of documents: a push of 20,000 documents into a fresh
 * server costs it about a third more CPU than the same push after another
 * one.  Whatever is measured first would pay for that, and PouchDB's
 * replicator always runs after ours, so the server first takes a push and
 * a pull of @n documents of its own (as many as the measured runs, by
 * default): both clients then meet an equally warm server.
 */
static void
warm_up (guint n)
{
  g_autoptr(CivicStore) source = sync_test_store_new ();
  g_autoptr(CivicStore) target = sync_test_store_new ();
  g_autoptr(CivicReplicator) pusher = NULL;
  g_autoptr(CivicReplicator) puller = NULL;
  g_autoptr(GError) error = NULL;

  civic_test_server_create_db (server, "warm-up", FALSE);
  g_ptr_array_unref (sync_test_add_volunteers (source, n, "warm"));
  pusher = sync_test_replicator (source, civic_test_server_get_url (server), "warm-up", NULL, NULL);
  g_assert_true (sync_test_push (pusher, &error));
  g_assert_no_error (error);
  puller = sync_test_replicator (target, civic_test_server_get_url (server), "warm-up", NULL, NULL);
  g_assert_true (sync_test_pull (puller, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) our_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) our_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pull_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) push_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pull_server_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) push_server_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_push = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_pull_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_push_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_pull_server_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) their_push_server_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pull_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) push_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) noop = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_p99 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) control_stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) control_p99 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ceiling1 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ceiling2 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ceiling1_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ceiling2_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const char *docs_env = g_getenv ("CIVIC_BENCH_DOCS");
  const char *runs_env = g_getenv ("CIVIC_BENCH_RUNS");
  const char *what = g_getenv ("CIVIC_BENCH_ONLY");   /* "push", "pull": skip the rest */
  gboolean ceiling = g_strcmp0 (g_getenv ("CIVIC_BENCH_CEILING"), "0") != 0;
  gboolean anchor = g_strcmp0 (g_getenv ("CIVIC_BENCH_POUCHDB"), "0") != 0;
  guint n = docs_env ? atoi (docs_env) : 20000;
  guint runs = runs_env ? atoi (runs_env) : 3;
  guint warmup = g_getenv ("CIVIC_BENCH_WARMUP") ? (guint) atoi (g_getenv ("CIVIC_BENCH_WARMUP")) : n;
  g_autofree char *tmpdir = NULL;

  if (!civic_test_server_can_run ())
    {
      g_print ("node is not installed; nothing measured\n");
      return 0;
    }
  if (g_getenv ("CIVIC_BENCH_TRACE"))
    {
      trace_start = g_get_monotonic_time ();
      g_log_set_writer_func (trace_writer, g_thread_self (), NULL);
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
      Ticker ticker;
      Control control = { { 0 }, NULL, NULL };
      GThread *control_id;
      GSource *tick;
      gint64 start;
      Anchor pouch = { 0 };
      double seconds, value, cpu, server_cpu;
      double pull_rate = 0, push_rate = 0;

      /* A fresh server for each run, as the anchor figures were measured. */
      server = civic_test_server_start (&error);
      g_assert_no_error (error);
      civic_test_server_create_db (server, db, FALSE);
      if (warmup > 0)
        warm_up (warmup);

      ids = sync_test_add_volunteers (source, n, "bench");
      pusher = sync_test_replicator (source, civic_test_server_get_url (server), db, NULL, NULL);
      if (g_getenv ("CIVIC_BENCH_PUSH_BATCH"))
        civic_replicator_set_batch_size (pusher, atoi (g_getenv ("CIVIC_BENCH_PUSH_BATCH")));
      if (g_getenv ("CIVIC_BENCH_PUSH_REQUESTS"))
        civic_replicator_set_push_requests (pusher, atoi (g_getenv ("CIVIC_BENCH_PUSH_REQUESTS")));
      cpu = self_cpu_s ();
      server_cpu = server_cpu_s ();
      start = g_get_monotonic_time ();
      g_assert_true (sync_test_push (pusher, &error));
      g_assert_no_error (error);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      value = self_cpu_s () - cpu;
      g_array_append_val (push_cpu, value);
      value = server_cpu_s () - server_cpu;
      g_array_append_val (push_server_cpu, value);
      g_assert_cmpuint (civic_replicator_get_docs_written (pusher), ==, n);
      push_rate = n / seconds;
      g_array_append_val (our_push, push_rate);

      /* Each of PouchDB's directions runs right after ours, so both see
       * about the same load on a shared machine.
       */
      if (anchor && run_pouchdb (db, n, "push", &pouch))
        {
          g_array_append_val (their_push, pouch.push);
          g_array_append_val (their_push_cpu, pouch.push_cpu);
          g_array_append_val (their_push_server_cpu, pouch.push_server_cpu);
          value = push_rate / pouch.push;
          g_array_append_val (push_ratio, value);
        }

      if (g_strcmp0 (what, "push") != 0)
        {
          target = civic_store_open (file, &error);
          g_assert_no_error (error);
          puller = sync_test_replicator (target, civic_test_server_get_url (server), db, NULL, NULL);
          ticker_init (&ticker, TRUE);
          ticker_init (&control.ticker, FALSE);
          control.context = g_main_context_new ();
          control.loop = g_main_loop_new (control.context, FALSE);
          control_id = g_thread_new ("control-ticker", control_thread, &control);
          tick = g_timeout_source_new (1);
          g_source_set_priority (tick, G_PRIORITY_HIGH);
          g_source_set_callback (tick, tick_cb, &ticker, NULL);
          g_source_attach (tick, NULL);
          cpu = self_cpu_s ();
          server_cpu = server_cpu_s ();
          start = g_get_monotonic_time ();
          g_assert_true (sync_test_pull (puller, &error));
          g_assert_no_error (error);
          seconds = (g_get_monotonic_time () - start) / 1e6;
          value = self_cpu_s () - cpu;
          g_array_append_val (pull_cpu, value);
          value = server_cpu_s () - server_cpu;
          g_array_append_val (pull_server_cpu, value);
          g_source_destroy (tick);
          g_source_unref (tick);
          {
            GSource *quit = g_idle_source_new ();

            g_source_set_callback (quit, quit_cb, control.loop, NULL);
            g_source_attach (quit, control.context);
            g_source_unref (quit);
            g_thread_join (control_id);
            g_main_loop_unref (control.loop);
            g_main_context_unref (control.context);
          }
          g_assert_cmpuint (civic_replicator_get_docs_written (puller), ==, n);
          pull_rate = n / seconds;
          g_array_append_val (our_pull, pull_rate);
          if (anchor && run_pouchdb (db, n, "pull", &pouch))
            {
              g_array_append_val (their_pull, pouch.pull);
              g_array_append_val (their_pull_cpu, pouch.pull_cpu);
              g_array_append_val (their_pull_server_cpu, pouch.pull_server_cpu);
              value = pull_rate / pouch.pull;
              g_array_append_val (pull_ratio, value);
            }
          value = maximum (ticker.gaps);
          g_array_append_val (stall, value);
          value = percentile (ticker.gaps, 0.99);
          g_array_append_val (stall_p99, value);
          value = maximum (ticker.busy);
          g_array_append_val (busy, value);
          value = maximum (control.ticker.gaps);
          g_array_append_val (control_stall, value);
          value = percentile (control.ticker.gaps, 0.99);
          g_array_append_val (control_p99, value);
          ticker_clear (&ticker);
          ticker_clear (&control.ticker);

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
        }

      g_print ("run %u (load average %.1f on %u CPUs): push %.0f docs/s, CPU ours %.2f s, server %.2f s; "
               "PouchDB %.0f docs/s, CPU %.2f s, server %.2f s\n", run + 1, load_average (), g_get_num_processors (),
               push_rate, g_array_index (push_cpu, double, run),
               g_array_index (push_server_cpu, double, run), pouch.push, pouch.push_cpu, pouch.push_server_cpu);
      if (puller != NULL)
        g_print ("       pull %.0f docs/s, CPU ours %.2f s, server %.2f s; PouchDB %.0f docs/s, CPU %.2f s, "
                 "server %.2f s\n       no-op sync %.1f ms; "
                 "main loop during the pull: longest gap %.1f ms, p99 %.1f ms, most main-thread CPU "
                 "in one gap %.1f ms (idle control thread: longest %.1f ms, p99 %.1f ms)\n",
                 pull_rate, g_array_index (pull_cpu, double, run),
                 g_array_index (pull_server_cpu, double, run), pouch.pull, pouch.pull_cpu, pouch.pull_server_cpu,
                 g_array_index (noop, double, run),
                 g_array_index (stall, double, run), g_array_index (stall_p99, double, run),
                 g_array_index (busy, double, run), g_array_index (control_stall, double, run),
                 g_array_index (control_p99, double, run));
      fflush (stdout);

      if (ceiling)
        {
          guint batch = civic_replicator_get_batch_size (pusher);
          g_autofree char *db1 = g_strdup_printf ("ceiling-%u-1", run);
          g_autofree char *db2 = g_strdup_printf ("ceiling-%u-2", run);
          double cpu1 = 0, cpu2 = 0;

          value = measure_ceiling (source, db1, batch, 1, &cpu1);
          g_array_append_val (ceiling1, value);
          g_array_append_val (ceiling1_cpu, cpu1);
          value = measure_ceiling (source, db2, batch, 2, &cpu2);
          g_array_append_val (ceiling2, value);
          g_array_append_val (ceiling2_cpu, cpu2);
          g_print ("       server ceiling, pre-serialized _bulk_docs of %u: %.0f docs/s one at a time "
                   "(server CPU %.2f s), %.0f docs/s two at a time (%.2f s)\n", batch,
                   g_array_index (ceiling1, double, run), cpu1, g_array_index (ceiling2, double, run), cpu2);
          fflush (stdout);
        }

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

  g_print ("\nMedians over %u runs of %u documents (CPU in seconds, user + system):\n", runs, n);
  g_print ("  first push: %.0f docs/s, CPU ours %.2f s, server %.2f s", median (our_push),
           median (push_cpu), median (push_server_cpu));
  if (their_push->len > 0)
    g_print ("; PouchDB 9: %.0f docs/s, CPU %.2f s, server %.2f s; median of the runs' ratios %.2f (target >= 2)",
             median (their_push), median (their_push_cpu), median (their_push_server_cpu), median (push_ratio));
  g_print ("\n");
  if (our_pull->len > 0)
    {
      g_print ("  first pull: %.0f docs/s, CPU ours %.2f s, server %.2f s", median (our_pull),
               median (pull_cpu), median (pull_server_cpu));
      if (their_pull->len > 0)
        g_print ("; PouchDB 9: %.0f docs/s, CPU %.2f s, server %.2f s; median of the runs' ratios %.2f "
                 "(target >= 2)", median (their_pull), median (their_pull_cpu), median (their_pull_server_cpu),
                 median (pull_ratio));
      g_print ("\n  no-op sync: %.1f ms (target <= 50)\n", median (noop));
      g_print ("  main loop during the pull (1 ms high-priority probe): longest gap %.1f ms "
               "(worst run %.1f ms; target <= 16), p99 %.1f ms, most main-thread CPU in one gap %.1f ms "
               "(worst run %.1f ms);\n  an idle control thread meanwhile: longest gap %.1f ms, p99 %.1f ms\n",
               median (stall), maximum (stall), median (stall_p99), median (busy), maximum (busy),
               median (control_stall), median (control_p99));
    }
  if (ceiling1->len > 0)
    g_print ("  server ceiling (pre-serialized _bulk_docs new_edits=false): %.0f docs/s one request at a time "
             "(server CPU %.2f s), %.0f docs/s two at a time (%.2f s)\n",
             median (ceiling1), median (ceiling1_cpu), median (ceiling2), median (ceiling2_cpu));
  return 0;
}
