/* test-replicator.c — pull, push, conflicts, deletes, roles and unknown
 * fields against a real PouchDB Server 4.2.0
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-replicator"

#include "config.h"

#include "civic-conflict.h"
#include "civic-json.h"
#include "civic-sample.h"
#include "sync-test-util.h"

static CivicTestServer *server;

static const char *
url (void)
{
  return civic_test_server_get_url (server);
}

static char *
new_db (gboolean secured)
{
  char *name = civic_test_server_new_db_name ();

  civic_test_server_create_db (server, name, secured);
  return name;
}

/* An empty client pulls the demo organization another client pushed. */
static void
test_pull_demo (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(JsonObject) victim = NULL;

  g_assert_true (civic_sample_generate (a, CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED, &error));
  g_assert_no_error (error);
  /* A few edits and a delete, so revisions deeper than 1 travel too. */
  ids = sync_test_add_volunteers (a, 20, "extra");
  g_free (sync_test_edit (a, g_ptr_array_index (ids, 0), "phone", "+1 714 555 0199"));
  victim = civic_store_get (a, g_ptr_array_index (ids, 1), &error);
  g_assert_no_error (error);
  g_free (civic_store_delete (a, g_ptr_array_index (ids, 1),
                              civic_json_object_get_string_or_null (victim, "_rev"), &error));
  g_assert_no_error (error);

  civic_replicator_set_batch_size (ra, 200);
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (ra), >, 200);
  g_assert_cmpuint (civic_replicator_get_doc_write_failures (ra), ==, 0);

  civic_replicator_set_batch_size (rb, 150);
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (rb), ==, civic_replicator_get_docs_written (ra));
  sync_test_assert_same (a, b);
  sync_test_assert_consistent (b);
  g_assert_cmpfloat (civic_replicator_get_progress (rb), ==, 1.0);
  g_assert_cmpint (civic_replicator_get_state (rb), ==, CIVIC_REPLICATOR_STATE_IDLE);
  g_assert_nonnull (civic_replicator_get_last_synced_at (rb));

  /* Nothing to do the second time: no document read or written. */
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_read (rb), ==, 0);
  g_assert_cmpuint (civic_replicator_get_docs_written (rb), ==, 0);
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (ra), ==, 0);
}

/* The conflicted ids, kept until the next call. */
static char **
conflicted (CivicStore *store)
{
  static GStrv last;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&last, g_strfreev);
  last = civic_store_list_conflicted (store, &error);
  g_assert_no_error (error);
  return last;
}

static char *
rev_of (CivicStore *store,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (civic_json_object_get_string_or_null (doc, "_rev"));
}

static const char *
field_of (CivicStore *store,
          const char *id,
          const char *field,
          JsonObject **keep)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (keep, json_object_unref);
  *keep = civic_store_get (store, id, &error);
  g_assert_no_error (error);
  return civic_json_object_get_string_or_null (*keep, field);
}

/* Edits to different fields merge by themselves, identically on both. */
static void
test_merge_different_fields (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 5, "merge");
  g_autoptr(JsonObject) keep = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *rev_b = NULL;
  const char *id = g_ptr_array_index (ids, 2);

  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);

  g_free (sync_test_edit (a, id, "phone", "+1 213 555 0111"));
  g_free (sync_test_edit (b, id, "email", "new@merge.example.org"));

  /* a pushes first; b pulls a's edit, merges, pushes the merge; a pulls
   * it; a second round must change nothing.
   */
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_auto_merged (rb), ==, 1);
  g_assert_cmpuint (civic_replicator_get_conflicts (rb), ==, 0);
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (field_of (a, id, "phone", &keep), ==, "+1 213 555 0111");
  g_assert_cmpstr (field_of (a, id, "email", &keep), ==, "new@merge.example.org");
  rev_a = rev_of (a, id);
  rev_b = rev_of (b, id);
  g_assert_cmpstr (rev_a, ==, rev_b);
  g_assert_true (g_str_has_prefix (rev_a, "3-"));
  sync_test_assert_same (a, b);
  g_assert_null (conflicted (a)[0]);
}

/* Both laptops merge the same conflict on their own: the same revision. */
static void
test_merge_deterministic (void)
{
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 1, "det");
  g_autoptr(GError) error = NULL;
  const char *id = g_ptr_array_index (ids, 0);
  g_autofree char *merged_a = NULL;
  g_autofree char *merged_b = NULL;
  g_autofree char *ra_rev = NULL;
  g_autofree char *rb_rev = NULL;

  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  ra_rev = sync_test_edit (a, id, "phone", "111");
  rb_rev = sync_test_edit (b, id, "email", "x@y.org");

  /* Exchange the leaves directly, so that each store holds both. */
  sync_test_copy_revision (a, b, id, ra_rev);
  sync_test_copy_revision (b, a, id, rb_rev);

  merged_a = civic_conflict_auto_merge (a, id, &error);
  g_assert_no_error (error);
  merged_b = civic_conflict_auto_merge (b, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged_a);
  g_assert_cmpstr (merged_a, ==, merged_b);
  sync_test_assert_same (a, b);
}

/* The same field edited on both: a conflict on both, resolved on one. */
static void
test_conflict_same_field (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 3, "conf");
  g_autoptr(CivicConflict) conflict = NULL;
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(JsonObject) keep = NULL;
  g_autofree char *resolved = NULL;
  g_auto(GStrv) conflicted_a = NULL;
  g_auto(GStrv) conflicted_b = NULL;
  const char *id = g_ptr_array_index (ids, 1);
  CivicConflictField *field;

  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);

  g_free (sync_test_edit (a, id, "phone", "+1 213 555 0001"));
  g_free (sync_test_edit (b, id, "phone", "+1 213 555 0002"));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (civic_replicator_get_conflicts (rb), ==, 1);
  g_assert_cmpuint (civic_replicator_get_conflicts (ra), ==, 1);
  conflicted_a = civic_conflict_list (a, &error);
  conflicted_b = civic_conflict_list (b, &error);
  g_assert_cmpuint (g_strv_length (conflicted_a), ==, 1);
  g_assert_cmpstrv (conflicted_a, conflicted_b);
  sync_test_assert_same (a, b);

  conflict = civic_conflict_load (b, id, &error);
  g_assert_no_error (error);
  g_assert_false (civic_conflict_can_auto_merge (conflict));
  g_assert_nonnull (conflict->ancestor);
  g_assert_cmpuint (conflict->fields->len, ==, 1);
  field = g_ptr_array_index (conflict->fields, 0);
  g_assert_cmpstr (field->name, ==, "phone");
  g_assert_true (field->conflicting);
  g_assert_cmpstr (json_node_get_string (field->ancestor), ==, "+1 213 555 0100");

  json_object_set_string_member (choices, "phone", "+1 213 555 0003");
  resolved = civic_conflict_resolve (b, conflict, choices, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resolved);
  g_assert_null (conflicted (b)[0]);

  g_assert_true (sync_test_sync (rb, &error));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_conflicts (ra), ==, 0);
  g_assert_cmpstr (field_of (a, id, "phone", &keep), ==, "+1 213 555 0003");
  sync_test_assert_same (a, b);
}

/* Deletes travel; a delete against an edit: the live edit wins. */
static void
test_deletes (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 4, "del");
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) keep = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *deleted = NULL;

  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);

  /* A plain delete reaches the other store. */
  rev = rev_of (a, g_ptr_array_index (ids, 0));
  deleted = civic_store_delete (a, g_ptr_array_index (ids, 0), rev, &error);
  g_assert_no_error (error);
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  doc = civic_store_get (b, g_ptr_array_index (ids, 0), &error);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a deletes what b edits: every store and the server keep b's edit. */
  g_clear_pointer (&rev, g_free);
  g_clear_pointer (&deleted, g_free);
  rev = rev_of (a, g_ptr_array_index (ids, 1));
  deleted = civic_store_delete (a, g_ptr_array_index (ids, 1), rev, &error);
  g_assert_no_error (error);
  g_free (sync_test_edit (b, g_ptr_array_index (ids, 1), "name", "Still Here"));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field_of (a, g_ptr_array_index (ids, 1), "name", &keep), ==, "Still Here");
  g_assert_cmpstr (field_of (b, g_ptr_array_index (ids, 1), "name", &keep), ==, "Still Here");
  g_assert_null (conflicted (a)[0]);
  sync_test_assert_same (a, b);
  sync_test_assert_consistent (a);
  sync_test_assert_consistent (b);
}

/* Fields this program does not know survive pull, local edit and push. */
static void
test_unknown_fields (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) keep = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/volunteer:from-elsewhere", db);
  JsonObject *obj;
  guint status = 0;

  answer = civic_test_server_request (server, NULL, NULL, "PUT", path,
                                      "{\"type\":\"volunteer\",\"name\":\"Min-ji Kim\","
                                      "\"x_crm_id\":\"CRM-42\",\"nested\":{\"a\":[1,2,{\"b\":null}]}}",
                                      &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (field_of (a, "volunteer:from-elsewhere", "x_crm_id", &keep), ==, "CRM-42");
  g_free (sync_test_edit (a, "volunteer:from-elsewhere", "name", "Minji Kim"));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);

  g_clear_pointer (&answer, json_node_unref);
  answer = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  obj = json_node_get_object (answer);
  g_assert_cmpstr (civic_json_object_get_string_or_null (obj, "name"), ==, "Minji Kim");
  g_assert_cmpstr (civic_json_object_get_string_or_null (obj, "x_crm_id"), ==, "CRM-42");
  {
    g_autofree char *nested = civic_json_canonical (json_object_get_member (obj, "nested"));

    g_assert_cmpstr (nested, ==, "{\"a\":[1,2,{\"b\":null}]}");
  }
  g_assert_true (g_str_has_prefix (civic_json_object_get_string_or_null (obj, "_rev"), "2-"));
}

/* A wrong password stops at once with the server's 401. */
static void
test_wrong_password (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = NULL;
  g_autoptr(GError) error = NULL;

  civic_test_server_add_user (server, "wrongpw", "right-password", "organizer");
  ra = sync_test_replicator (a, url (), db, "wrongpw", "wrong-password");
  g_assert_false (sync_test_sync (ra, &error));
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_cmpint (civic_replicator_get_state (ra), ==, CIVIC_REPLICATOR_STATE_ERROR);
  g_assert_cmpstr (civic_replicator_get_last_error (ra), ==, error->message);
}

/* A board member pulls, the store turns read-only, and the server's
 * validate function refuses a push.
 */
static void
test_board_read_only (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) org = sync_test_store_new ();
  g_autoptr(CivicStore) board = sync_test_store_new ();
  g_autoptr(CivicReplicator) rorg = NULL;
  g_autoptr(CivicReplicator) rboard = NULL;
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (org, 10, "board");
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) failures = NULL;

  civic_test_server_add_user (server, "olivia", "olivia-pw", "organizer");
  civic_test_server_add_user (server, "bora", "bora-pw", "board");
  rorg = sync_test_replicator (org, url (), db, "olivia", "olivia-pw");
  rboard = sync_test_replicator (board, url (), db, "bora", "bora-pw");

  g_assert_true (sync_test_sync (rorg, &error));
  g_assert_no_error (error);
  g_assert_false (civic_replicator_get_read_only (rorg));
  g_assert_false (civic_store_get_read_only (org));

  /* Write something locally before the board's first sync, then sync. */
  mine = sync_test_add_volunteers (board, 2, "board-local");
  g_assert_true (sync_test_sync (rboard, &error));
  g_assert_no_error (error);
  g_assert_true (civic_replicator_get_read_only (rboard));
  g_assert_true (civic_store_get_read_only (board));
  g_assert_cmpuint (civic_store_count (board, "volunteer", NULL), ==, 12);

  /* Local edits are refused now. */
  {
    g_autoptr(JsonObject) doc = civic_store_get (board, g_ptr_array_index (ids, 0), NULL);
    g_autofree char *rev = NULL;

    json_object_set_string_member (doc, "name", "Not allowed");
    rev = civic_store_put (board, doc, &error);
    g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
  }

  /* A push anyway: the server refuses each document, recorded once. */
  g_assert_true (sync_test_push (rboard, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_doc_write_failures (rboard), ==, 2);
  g_assert_cmpuint (civic_replicator_get_docs_written (rboard), ==, 0);
  failures = civic_replicator_dup_failures (rboard);
  g_assert_cmpuint (g_strv_length (failures), ==, 2);
  g_assert_nonnull (strstr (failures[0], "forbidden"));
  {
    g_autofree char *path = g_strdup_printf ("/%s/%s", db, (char *) g_ptr_array_index (mine, 0));
    g_autoptr(JsonNode) answer = NULL;
    guint status = 0;

    answer = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
    g_assert_cmpuint (status, ==, 404);
  }
}

/* The checkpoint lets a second pull start where the first ended, and a
 * missing database is a clear error.
 */
static void
test_checkpoints (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = sync_test_replicator (a, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) rb = sync_test_replicator (b, url (), db, NULL, NULL);
  g_autoptr(CivicReplicator) missing = sync_test_replicator (b, url (), "no-such-db", NULL, NULL);
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 120, "cp");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonNode) remote = NULL;
  g_autofree char *rep_id = NULL;
  g_autofree char *local_id = NULL;
  g_autofree char *path = NULL;
  guint status = 0;

  g_assert_true (sync_test_sync (ra, &error));
  g_assert_no_error (error);
  civic_replicator_set_batch_size (rb, 50);
  g_assert_true (sync_test_pull (rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_written (rb), ==, 120);

  rep_id = civic_replicator_dup_replication_id (rb, "pull");
  g_assert_cmpuint (strlen (rep_id), ==, 32);
  local_id = g_strconcat ("_local/", rep_id, NULL);
  local = civic_store_get_local (b, local_id, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("/%s/_local/%s", db, rep_id);
  remote = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (civic_json_object_get_string_or_null (local, "session_id"), ==,
                   civic_json_object_get_string_or_null (json_node_get_object (remote), "session_id"));
  g_assert_cmpint (civic_json_object_get_int_or (local, "source_last_seq", -1), ==,
                   civic_json_object_get_int_or (json_node_get_object (remote), "source_last_seq", -2));

  /* Ten more documents: only they are read. */
  g_ptr_array_unref (sync_test_add_volunteers (a, 10, "cp2"));
  g_assert_true (sync_test_sync (ra, &error));
  g_assert_true (sync_test_pull (rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_replicator_get_docs_read (rb), ==, 10);
  sync_test_assert_same (a, b);

  g_assert_false (sync_test_pull (missing, &error));
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-db"));
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The session check reports the user, roles and server. */
static void
test_session (void)
{
  g_autofree char *db = new_db (TRUE);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CivicSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;

  civic_test_server_add_user (server, "sofia", "sofia-pw", "organizer");
  ra = sync_test_replicator (a, url (), db, "sofia", "sofia-pw");
  civic_replicator_get_session_async (ra, NULL, session_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  session = civic_replicator_get_session_finish (ra, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->user, ==, "sofia");
  g_assert_true (g_strv_contains ((const char * const *) session->roles, "organizer"));
  g_assert_cmpstr (session->server_version, ==, "4.2.0");
  g_assert_true (session->can_write);
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

  g_test_add_func ("/sync/replicator/pull-demo", test_pull_demo);
  g_test_add_func ("/sync/replicator/merge-different-fields", test_merge_different_fields);
  g_test_add_func ("/sync/replicator/merge-deterministic", test_merge_deterministic);
  g_test_add_func ("/sync/replicator/conflict-same-field", test_conflict_same_field);
  g_test_add_func ("/sync/replicator/deletes", test_deletes);
  g_test_add_func ("/sync/replicator/unknown-fields", test_unknown_fields);
  g_test_add_func ("/sync/replicator/wrong-password", test_wrong_password);
  g_test_add_func ("/sync/replicator/board-read-only", test_board_read_only);
  g_test_add_func ("/sync/replicator/checkpoints", test_checkpoints);
  g_test_add_func ("/sync/replicator/session", test_session);

  status = g_test_run ();
  civic_test_server_stop (server);
  return status;
}
