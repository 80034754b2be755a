/* test-faults.c — replication through a proxy that injects 500s,
 * connection resets, truncated JSON, stalls, a missing _bulk_get and 413s
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fault must end in a retry that succeeds or in a clear error, and
 * the store must stay consistent either way.
 */

#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include "civic-test-proxy.h"
#include "sync-test-util.h"

static CivicTestServer *server;

typedef struct {
  char            *db;
  CivicTestProxy  *proxy;
  CivicStore      *source;     /* pushed straight to the server */
  CivicStore      *store;      /* syncs through the proxy */
  CivicReplicator *replicator;
  CivicReplicator *direct;     /* the source's, without the proxy */
  GPtrArray       *ids;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CivicCouchClient *client;

  f->db = civic_test_server_new_db_name ();
  civic_test_server_create_db (server, f->db, TRUE);
  f->proxy = civic_test_proxy_new (civic_test_server_get_url (server));
  f->source = sync_test_store_new ();
  f->ids = sync_test_add_volunteers (f->source, 250, "fault");
  /* Fifty second revisions, which a first pull reads with _bulk_get (the
   * first revisions come with the changes feed).
   */
  for (guint i = 0; i < 250; i += 5)
    g_free (sync_test_edit (f->source, g_ptr_array_index (f->ids, i), "phone", "+1 310 555 0142"));
  f->direct = sync_test_replicator (f->source, civic_test_server_get_url (server), f->db, NULL, NULL);
  g_assert_true (sync_test_sync (f->direct, &error));
  g_assert_no_error (error);

  f->store = sync_test_store_new ();
  f->replicator = sync_test_replicator (f->store, civic_test_proxy_get_url (f->proxy), f->db, NULL, NULL);
  civic_replicator_set_batch_size (f->replicator, 100);
  client = civic_replicator_get_client (f->replicator);
  civic_couch_client_set_retry (client, 6, 20, 200);
  civic_couch_client_set_timeout (client, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->replicator);
  g_clear_object (&f->direct);
  g_clear_object (&f->store);
  g_clear_object (&f->source);
  civic_test_proxy_free (f->proxy);
  g_ptr_array_unref (f->ids);
  g_free (f->db);
}

static void
assert_synced (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = sync_test_sync (f->replicator, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  sync_test_assert_consistent (f->store);
  sync_test_assert_same (f->source, f->store);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  civic_test_proxy_add_fault (f->proxy, "/_changes", CIVIC_PROXY_FAULT_500, 2);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_get", CIVIC_PROXY_FAULT_500, 2);
  civic_test_proxy_add_fault (f->proxy, "/_local/", CIVIC_PROXY_FAULT_500, 1);
  civic_test_proxy_add_fault (f->proxy, "/_session", CIVIC_PROXY_FAULT_500, 1);
  assert_synced (f);
  g_assert_cmpuint (civic_test_proxy_get_faults (f->proxy), ==, 6);
}

static void
test_connection_resets (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  civic_test_proxy_add_fault (f->proxy, "/_bulk_get", CIVIC_PROXY_FAULT_RESET, 2);
  civic_test_proxy_add_fault (f->proxy, "/_changes", CIVIC_PROXY_FAULT_RESET, 1);
  assert_synced (f);
  g_assert_cmpuint (civic_test_proxy_get_faults (f->proxy), ==, 3);

  /* A push meets resets too. */
  g_ptr_array_unref (sync_test_add_volunteers (f->store, 30, "pushed"));
  civic_test_proxy_add_fault (f->proxy, "/_revs_diff", CIVIC_PROXY_FAULT_RESET, 1);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_docs", CIVIC_PROXY_FAULT_RESET, 1);
  g_assert_true (sync_test_sync (f->replicator, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (f->replicator), ==, 30);
  g_assert_true (sync_test_sync (f->direct, &error));
  g_assert_no_error (error);
  sync_test_assert_same (f->source, f->store);
}

static void
test_truncated_json (Fixture       *f,
                     gconstpointer  data)
{
  civic_test_proxy_add_fault (f->proxy, "/_bulk_get", CIVIC_PROXY_FAULT_TRUNCATE, 2);
  civic_test_proxy_add_fault (f->proxy, "/_changes", CIVIC_PROXY_FAULT_TRUNCATE, 1);
  assert_synced (f);
  g_assert_cmpuint (civic_test_proxy_get_faults (f->proxy), ==, 3);
}

static void
test_stall (Fixture       *f,
            gconstpointer  data)
{
  /* The client gives up after 1 s of silence and asks again. */
  civic_test_proxy_set_stall (f->proxy, 2500);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_get", CIVIC_PROXY_FAULT_STALL, 1);
  assert_synced (f);
  g_assert_cmpuint (civic_test_proxy_get_faults (f->proxy), ==, 1);
  g_assert_cmpuint (civic_test_proxy_count_requests (f->proxy, "/_bulk_get"), >=, 4);
}

static void
test_persistent_failure (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint written;

  civic_couch_client_set_retry (civic_replicator_get_client (f->replicator), 3, 10, 40);
  /* The first two batches (the design document and 199 volunteers) go
   * through, then the changes feed fails for good.
   */
  civic_test_proxy_add_fault (f->proxy, "since=200", CIVIC_PROXY_FAULT_500, 0);
  g_assert_false (sync_test_sync (f->replicator, &error));
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "3 attempts"));
  g_assert_cmpint (civic_replicator_get_state (f->replicator), ==, CIVIC_REPLICATOR_STATE_ERROR);
  written = civic_replicator_get_docs_written (f->replicator);
  g_assert_cmpuint (written, ==, 199);
  g_assert_cmpuint (civic_store_count (f->store, "volunteer", NULL), ==, 199);
  sync_test_assert_consistent (f->store);
  g_clear_error (&error);

  /* Once the server recovers, the next run resumes from the checkpoint. */
  civic_test_proxy_clear_faults (f->proxy);
  g_assert_true (sync_test_sync (f->replicator, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_read (f->replicator), ==, 51);
  sync_test_assert_same (f->source, f->store);
}

static void
test_no_bulk_get (Fixture       *f,
                  gconstpointer  data)
{
  civic_test_proxy_add_fault (f->proxy, "/_bulk_get", CIVIC_PROXY_FAULT_404, 0);
  assert_synced (f);
  g_assert_cmpuint (civic_test_proxy_count_requests (f->proxy, "open_revs="), ==, 50);
  /* Asked once, then remembered. */
  g_assert_cmpuint (civic_test_proxy_count_requests (f->proxy, "/_bulk_get"), ==, 1);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) failures = NULL;

  assert_synced (f);
  g_ptr_array_unref (sync_test_add_volunteers (f->store, 4, "large"));
  /* 4 docs → 413 → 2 + 2 → 413 → 1 + 1 → 413: that one is skipped. */
  civic_test_proxy_add_fault (f->proxy, "/_bulk_docs", CIVIC_PROXY_FAULT_413, 3);
  g_assert_true (sync_test_sync (f->replicator, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (f->replicator), ==, 3);
  g_assert_cmpuint (civic_replicator_get_doc_write_failures (f->replicator), ==, 1);
  failures = civic_replicator_dup_failures (f->replicator);
  g_assert_nonnull (strstr (failures[0], "too large"));
  g_assert_cmpuint (civic_test_proxy_count_requests (f->proxy, "/_bulk_docs"), ==, 5);
}

/* ---- pushes with two _bulk_docs in flight --------------------------------- */

typedef struct {
  Fixture *f;
  char    *checkpoint_id;
  gint64   base;          /* the local seq before the new documents */
  GArray  *seqs;          /* gint64, the local checkpoint at each batch-done */
  guint    on_server_at_first;
} PipelineWatch;

/* The ids of the documents "volunteer:PREFIX-…" the server holds. */
static GHashTable *
ids_on_server (Fixture    *f,
               const char *prefix)
{
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs?startkey=%%22volunteer%%3A%s-%%22&endkey=%%22volunteer%%3A%s-z%%22",
                                           f->db, prefix, prefix);
  g_autoptr(JsonNode) answer = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *rows;
  guint status = 0;

  answer = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (answer), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_hash_table_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (rows, i), "id")));
  return ids;
}

static gint64
local_checkpoint_seq (Fixture    *f,
                      const char *checkpoint_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get_local (f->store, checkpoint_id, &error);

  if (doc == NULL)
    return -1;
  return json_object_get_int_member (doc, "source_last_seq");
}

/* At every checkpoint, everything up to it is on the server. */
static void
pipeline_batch_done_cb (CivicReplicator *replicator,
                        PipelineWatch   *watch)
{
  gint64 seq = local_checkpoint_seq (watch->f, watch->checkpoint_id);
  g_autoptr(GHashTable) on_server = ids_on_server (watch->f, "piped");

  g_array_append_val (watch->seqs, seq);
  for (gint64 i = 0; i < seq - watch->base; i++)
    {
      g_autofree char *id = g_strdup_printf ("volunteer:piped-%05u", (guint) i);

      g_assert_true (g_hash_table_contains (on_server, id));
    }
  if (watch->seqs->len == 1)
    watch->on_server_at_first = g_hash_table_size (on_server);
}

static char *
push_checkpoint_id (Fixture *f)
{
  g_autofree char *rep_id = civic_replicator_dup_replication_id (f->replicator, "push");

  return g_strconcat ("_local/", rep_id, NULL);
}

/* The first batch's _bulk_docs is held back (for less than the client's
 * time-out of 1 s) while the next ones are written: checkpoints still come one per batch, in order, each only once
 * everything before it is on the server.
 */
static void
test_pipeline_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PipelineWatch watch = { f, push_checkpoint_id (f), 0, g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  gulong handler;

  assert_synced (f);
  watch.base = civic_store_get_update_seq (f->store);
  g_ptr_array_unref (sync_test_add_volunteers (f->store, 250, "piped"));
  civic_replicator_set_batch_size (f->replicator, 50);
  g_assert_cmpuint (civic_replicator_get_push_requests (f->replicator), ==, 2);
  civic_test_proxy_set_stall (f->proxy, 600);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_docs", CIVIC_PROXY_FAULT_STALL, 1);
  handler = g_signal_connect (f->replicator, "batch-done", G_CALLBACK (pipeline_batch_done_cb), &watch);
  g_assert_true (sync_test_push (f->replicator, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->replicator, handler);

  g_assert_cmpuint (civic_replicator_get_docs_written (f->replicator), ==, 250);
  g_assert_cmpuint (watch.seqs->len, ==, 5);
  for (guint i = 0; i < watch.seqs->len; i++)
    g_assert_cmpint (g_array_index (watch.seqs, gint64, i), ==, watch.base + 50 * (i + 1));
  /* The second batch was written while the first was held: two requests
   * were in flight, and the first checkpoint still waited for the first.
   */
  g_assert_cmpuint (watch.on_server_at_first, >=, 100);
  g_assert_true (sync_test_sync (f->direct, &error));
  g_assert_no_error (error);
  sync_test_assert_same (f->source, f->store);
  g_array_unref (watch.seqs);
  g_free (watch.checkpoint_id);
}

/* The second batch in flight fails for good while the first is held: the
 * run fails, the first batch is checkpointed, nothing after it is, and the
 * next run resumes from there.
 */
static void
test_pipeline_failure (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) on_server = NULL;
  g_autofree char *checkpoint_id = push_checkpoint_id (f);
  gint64 base;

  assert_synced (f);
  base = civic_store_get_update_seq (f->store);
  g_ptr_array_unref (sync_test_add_volunteers (f->store, 250, "piped"));
  civic_replicator_set_batch_size (f->replicator, 50);
  civic_couch_client_set_retry (civic_replicator_get_client (f->replicator), 1, 10, 10);
  civic_test_proxy_set_stall (f->proxy, 600);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_docs", CIVIC_PROXY_FAULT_STALL, 1);
  civic_test_proxy_add_fault (f->proxy, "/_bulk_docs", CIVIC_PROXY_FAULT_500, 0);
  g_assert_false (sync_test_push (f->replicator, &error));
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_SERVER);
  g_clear_error (&error);

  g_assert_cmpuint (civic_test_proxy_count_requests (f->proxy, "/_bulk_docs"), ==, 2);
  g_assert_cmpint (local_checkpoint_seq (f, checkpoint_id), ==, base + 50);
  g_assert_cmpuint (civic_replicator_get_docs_written (f->replicator), ==, 50);
  on_server = ids_on_server (f, "piped");
  g_assert_cmpuint (g_hash_table_size (on_server), ==, 50);
  g_assert_true (g_hash_table_contains (on_server, "volunteer:piped-00049"));
  g_assert_false (g_hash_table_contains (on_server, "volunteer:piped-00050"));

  civic_test_proxy_clear_faults (f->proxy);
  civic_couch_client_set_retry (civic_replicator_get_client (f->replicator), 6, 20, 200);
  g_assert_true (sync_test_push (f->replicator, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_read (f->replicator), ==, 200);
  g_assert_true (sync_test_sync (f->direct, &error));
  g_assert_no_error (error);
  sync_test_assert_same (f->source, f->store);
}

static void
test_unreachable (void)
{
  g_autoptr(CivicStore) store = sync_test_store_new ();
  g_autoptr(CivicReplicator) replicator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that is bound but never listens refuses connections. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  replicator = sync_test_replicator (store, url, "db", NULL, NULL);
  civic_couch_client_set_retry (civic_replicator_get_client (replicator), 2, 10, 10);
  g_assert_false (sync_test_sync (replicator, &error));
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_UNREACHABLE);
  g_assert_cmpint (civic_replicator_get_state (replicator), ==, CIVIC_REPLICATOR_STATE_OFFLINE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!civic_test_server_can_run ())
    {
      g_test_skip ("node is not installed");
      return g_test_run ();
    }
  server = civic_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add ("/sync/faults/server-errors", Fixture, NULL, fixture_setup, test_server_errors, fixture_teardown);
  g_test_add ("/sync/faults/connection-resets", Fixture, NULL, fixture_setup, test_connection_resets, fixture_teardown);
  g_test_add ("/sync/faults/truncated-json", Fixture, NULL, fixture_setup, test_truncated_json, fixture_teardown);
  g_test_add ("/sync/faults/stall", Fixture, NULL, fixture_setup, test_stall, fixture_teardown);
  g_test_add ("/sync/faults/persistent-failure", Fixture, NULL, fixture_setup, test_persistent_failure, fixture_teardown);
  g_test_add ("/sync/faults/no-bulk-get", Fixture, NULL, fixture_setup, test_no_bulk_get, fixture_teardown);
  g_test_add ("/sync/faults/too-large", Fixture, NULL, fixture_setup, test_too_large, fixture_teardown);
  g_test_add ("/sync/faults/pipeline-order", Fixture, NULL, fixture_setup, test_pipeline_order, fixture_teardown);
  g_test_add ("/sync/faults/pipeline-failure", Fixture, NULL, fixture_setup, test_pipeline_failure, fixture_teardown);
  g_test_add_func ("/sync/faults/unreachable", test_unreachable);

  status = g_test_run ();
  civic_test_server_stop (server);
  return status;
}
