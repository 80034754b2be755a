/* test-store-file.c — CivicStore on disk: migrations, modes, index, backup, check
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-file"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "civic-json.h"
#include "civic-store.h"
#include "civic-store-private.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("civic-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "civic-desk.db", NULL);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *sub = g_path_get_dirname (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (sub);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static JsonObject *
doc_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = civic_json_object_from_string (json, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
put_json (CivicStore *store,
          const char *json)
{
  g_autoptr(JsonObject) doc = doc_from_json (json);
  g_autoptr(GError) error = NULL;
  char *rev = civic_store_put (store, doc, &error);

  g_assert_no_error (error);
  return rev;
}

static void
put_replicated_json (CivicStore *store,
                     const char *json)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (docs, doc_from_json (json));
  g_assert_true (civic_store_put_replicated (store, docs, &error));
  g_assert_no_error (error);
}

static void
exec_sql (CivicStore *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (civic_store_exec_for_tests (store, sql, &error));
  g_assert_no_error (error);
}

static char *
ids_of (GPtrArray *docs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < docs->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, civic_json_object_get_string_or_null (g_ptr_array_index (docs, i), "_id"));
    }
  return g_string_free (out, FALSE);
}

#define H(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

/* ---- migrations ---- */

static void
insert_v1_rows (CivicStore *store)
{
  exec_sql (store,
            "INSERT INTO docs (num, id, type, winner_pos, winner_hash, deleted, conflicted, seq) VALUES"
            " (1, 'volunteer:m', 'volunteer', 1, '" H("a") "', 0, 0, 1),"
            " (2, 'event:gone', 'event', 2, '" H("c") "', 1, 0, 2);"
            "INSERT INTO revs (doc, pos, hash, parent_pos, parent_hash, deleted, is_leaf, body) VALUES"
            " (1, 1, '" H("a") "', NULL, NULL, 0, 1, '{\"family_name\":\"Kim\",\"given_name\":\"Minsu\",\"type\":\"volunteer\"}'),"
            " (2, 1, '" H("b") "', NULL, NULL, 0, 0, '{\"type\":\"event\"}'),"
            " (2, 2, '" H("c") "', 1, '" H("b") "', 1, 1, '{}');");
}

static void
check_migrated (const char *path,
                gboolean    with_local)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (path, &error);
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (civic_store_get_schema_version (store), ==, CIVIC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (civic_store_query_int_for_tests (store, "PRAGMA user_version"), ==, CIVIC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (civic_store_query_int_for_tests (store,
                     "SELECT COUNT (*) FROM sqlite_master WHERE name LIKE 'doc_index%'"), >=, 5);

  got = civic_store_get (store, "volunteer:m", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "given_name"), ==, "Minsu");
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, "1-" H("a"));
  g_assert_null (civic_store_get (store, "event:gone", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The typed index was built from the old winners. */
  listed = civic_store_list (store, "volunteer", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 0);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 2);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);

  if (with_local)
    {
      g_autoptr(JsonObject) local = civic_store_get_local (store, "_local/sync", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (civic_json_object_get_string_or_null (local, "last_seq"), ==, "7");
      g_assert_cmpstr (civic_store_get_replica_uuid (store), ==, "old-replica");
    }

  rev = put_json (store, "{\"_id\":\"office:new\",\"type\":\"office\"}");
  g_assert_nonnull (rev);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 3);
}

static void
test_migrate_from_v0 (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) old = civic_store_open_at_version_for_tests (fixture->path, 0, &error);
  g_autoptr(CivicStore) store = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (civic_store_get_schema_version (old), ==, 0);
  g_clear_object (&old);

  store = civic_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civic_store_get_schema_version (store), ==, CIVIC_STORE_SCHEMA_VERSION);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_migrate_from_v1 (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) old = civic_store_open_at_version_for_tests (fixture->path, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (civic_store_get_schema_version (old), ==, 1);
  g_assert_cmpint (civic_store_query_int_for_tests (old, "SELECT COUNT (*) FROM sqlite_master WHERE name = 'meta'"), ==, 0);
  insert_v1_rows (old);
  g_clear_object (&old);

  check_migrated (fixture->path, FALSE);
}

static void
test_migrate_from_v2 (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) old = civic_store_open_at_version_for_tests (fixture->path, 2, &error);

  g_assert_no_error (error);
  g_assert_cmpint (civic_store_query_int_for_tests (old, "SELECT COUNT (*) FROM sqlite_master WHERE name = 'doc_index'"), ==, 0);
  insert_v1_rows (old);
  exec_sql (old,
            "INSERT INTO local_docs (id, rev, body) VALUES ('_local/sync', 3, '{\"last_seq\":\"7\"}');"
            "INSERT INTO meta (key, value) VALUES ('replica_uuid', 'old-replica');");
  g_clear_object (&old);

  check_migrated (fixture->path, TRUE);
}

static void
test_migrate_from_v3 (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) old = civic_store_open_at_version_for_tests (fixture->path, 2, &error);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  insert_v1_rows (old);
  /* A campaign of two months is a long item; an event of two hours is not. */
  exec_sql (old,
            "INSERT INTO docs (num, id, type, winner_pos, winner_hash, deleted, conflicted, seq) VALUES"
            " (3, 'campaign:long', 'campaign', 1, '" H("d") "', 0, 0, 3),"
            " (4, 'event:short', 'event', 1, '" H("e") "', 0, 0, 4);"
            "INSERT INTO revs (doc, pos, hash, parent_pos, parent_hash, deleted, is_leaf, body) VALUES"
            " (3, 1, '" H("d") "', NULL, NULL, 0, 1,"
            "  '{\"ends_on\":\"2026-11-08\",\"name\":\"General\",\"starts_on\":\"2026-09-06\",\"type\":\"campaign\"}'),"
            " (4, 1, '" H("e") "', NULL, NULL, 0, 1,"
            "  '{\"ends_at\":\"2026-10-20T12:00:00Z\",\"starts_at\":\"2026-10-20T10:00:00Z\",\"type\":\"event\"}');");
  g_clear_object (&old);

  /* Schema 3 as an older Civic Desk left it: no long_span column. */
  old = civic_store_open_at_version_for_tests (fixture->path, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civic_store_query_int_for_tests (old, "SELECT COUNT (*) FROM doc_index"), ==, 3);
  g_assert_cmpint (civic_store_query_int_for_tests (old,
                     "SELECT COUNT (*) FROM pragma_table_info ('doc_index') WHERE name = 'long_span'"), ==, 0);
  g_clear_object (&old);

  old = civic_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civic_store_query_int_for_tests (old, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (civic_store_query_int_for_tests (old,
                     "SELECT long_span FROM doc_index WHERE id = 'campaign:long'"), ==, 1);
  g_assert_cmpint (civic_store_query_int_for_tests (old,
                     "SELECT long_span FROM doc_index WHERE id = 'event:short'"), ==, 0);
  g_assert_cmpint (civic_store_query_int_for_tests (old,
                     "SELECT COUNT (*) FROM sqlite_master WHERE name = 'doc_index_starts'"), ==, 0);
  g_assert_cmpint (civic_store_query_int_for_tests (old,
                     "SELECT COUNT (*) FROM sqlite_master WHERE name = 'doc_index_span'"), ==, 1);
  /* A month long after the campaign started still finds it. */
  found = civic_store_list_in_range (old, "campaign", "2026-10-01", "2026-11-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (civic_store_check (old, &error));
  g_assert_no_error (error);
}

/* A write transaction on another thread that stays open until the test
 * has read, so a read that waited for it would time out instead.
 */
typedef struct {
  CivicStore *store;
  GMutex      mutex;
  GCond       cond;
  gboolean    inside;      /* the writer has written and holds the transaction */
  gboolean    reads_done;  /* the reader has finished */
  gboolean    timed_out;   /* the writer gave up waiting for the reader */
  gboolean    read_own;    /* the writer saw its own uncommitted document */
} LongWrite;

static gboolean
long_write_func (CivicStore *store,
                 gpointer    user_data,
                 GError    **error)
{
  LongWrite *lw = user_data;
  g_autoptr(JsonObject) doc = doc_from_json ("{\"_id\":\"event:new\",\"type\":\"event\","
                                             "\"starts_at\":\"2026-10-02T10:00:00Z\",\"ends_at\":\"2026-10-02T11:00:00Z\"}");
  g_autofree char *rev = civic_store_put (store, doc, error);
  g_autoptr(JsonObject) own = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  if (rev == NULL)
    return FALSE;
  /* Read-your-writes: this thread's reads see the open transaction. */
  own = civic_store_get (store, "event:new", NULL);
  listed = civic_store_list_in_range (store, "event", "2026-10-01", "2026-11-01", NULL);
  lw->read_own = own != NULL && listed != NULL && listed->len == 2
    && civic_store_count (store, "event", NULL) == 2;

  g_mutex_lock (&lw->mutex);
  lw->inside = TRUE;
  g_cond_broadcast (&lw->cond);
  while (!lw->reads_done && !lw->timed_out)
    if (!g_cond_wait_until (&lw->cond, &lw->mutex, deadline))
      lw->timed_out = TRUE;
  g_mutex_unlock (&lw->mutex);
  return TRUE;
}

static gpointer
long_write_thread (gpointer data)
{
  LongWrite *lw = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (civic_store_transaction (lw->store, long_write_func, lw, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
test_read_during_write (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (fixture->path, &error);
  g_autofree char *rev = NULL;
  g_autoptr(GThread) writer = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  g_autoptr(JsonObject) after = NULL;
  LongWrite lw = { 0 };
  gint64 start;

  g_assert_no_error (error);
  rev = put_json (store, "{\"_id\":\"event:old\",\"type\":\"event\","
                  "\"starts_at\":\"2026-10-01T10:00:00Z\",\"ends_at\":\"2026-10-01T11:00:00Z\"}");

  lw.store = store;
  g_mutex_init (&lw.mutex);
  g_cond_init (&lw.cond);
  writer = g_thread_new ("long-write", long_write_thread, &lw);
  g_mutex_lock (&lw.mutex);
  while (!lw.inside)
    g_cond_wait (&lw.cond, &lw.mutex);
  g_mutex_unlock (&lw.mutex);

  /* The writer holds its transaction open; these reads must not wait. */
  start = g_get_monotonic_time ();
  old = civic_store_get (store, "event:old", &error);
  g_assert_no_error (error);
  g_assert_nonnull (old);
  missing = civic_store_get (store, "event:new", &error);
  g_assert_null (missing);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  listed = civic_store_list_in_range (store, "event", "2026-10-01", "2026-11-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 1);
  changes = civic_store_changes (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  stats = civic_store_get_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->documents, ==, 1);
  g_assert_cmpint (stats->update_seq, ==, 1);

  g_mutex_lock (&lw.mutex);
  g_assert_false (lw.timed_out);
  lw.reads_done = TRUE;
  g_cond_broadcast (&lw.cond);
  g_mutex_unlock (&lw.mutex);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);

  g_thread_join (g_steal_pointer (&writer));
  g_assert_true (lw.read_own);
  g_assert_false (lw.timed_out);

  /* Once committed, the new document is visible to every thread. */
  after = civic_store_get (store, "event:new", &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 2);
  g_mutex_clear (&lw.mutex);
  g_cond_clear (&lw.cond);
}

static void
test_refuses_newer (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (fixture->path, &error);
  g_autofree char *newer = NULL;

  g_assert_no_error (error);
  newer = g_strdup_printf ("PRAGMA user_version = %d", CIVIC_STORE_SCHEMA_VERSION + 1);
  exec_sql (store, newer);
  g_clear_object (&store);

  store = civic_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_TOO_NEW);
}

static void
test_not_a_database (Fixture      *fixture,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_path_get_dirname (fixture->path);
  g_autoptr(CivicStore) store = NULL;

  g_mkdir_with_parents (sub, 0700);
  g_assert_true (g_file_set_contents (fixture->path, "this is not SQLite, just some text that is long enough "
                                      "to fill a header of a hundred bytes or so, padded out further", -1, &error));
  store = civic_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CIVIC_STORE_ERROR);
}

static void
test_file_mode (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *rev = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  GStatBuf st;
  mode_t old_umask = umask (022);

  store = civic_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_store_get_path (store), ==, fixture->path);
  rev = put_json (store, "{\"_id\":\"volunteer:p\",\"type\":\"volunteer\",\"phone\":\"555\"}");
  umask (old_umask);

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (civic_store_query_int_for_tests (store, "PRAGMA foreign_keys"), ==, 1);

  stats = civic_store_get_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->size_bytes, >, 0);
  g_assert_cmpint (stats->update_seq, ==, 1);
  g_assert_cmpuint (stats->documents, ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CIVIC_DESK_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *id = civic_store_new_id ("event");
  g_autofree char *other = civic_store_new_id ("event");

  g_setenv ("CIVIC_DESK_DB", "/somewhere/else.db", TRUE);
  from_env = civic_store_default_path ();
  g_assert_cmpstr (from_env, ==, "/somewhere/else.db");
  g_unsetenv ("CIVIC_DESK_DB");
  fallback = civic_store_default_path ();
  g_assert_true (g_str_has_suffix (fallback, "/civic-desk/civic-desk.db"));
  if (saved != NULL)
    g_setenv ("CIVIC_DESK_DB", saved, TRUE);

  g_assert_true (g_str_has_prefix (id, "event:"));
  g_assert_cmpuint (strlen (id), ==, strlen ("event:") + 36);
  g_assert_cmpstr (id, !=, other);
}

/* ---- typed index ---- */

static CivicStore *
open_memory (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static char *
range_ids (CivicStore *store,
           const char *type,
           const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = civic_store_list_in_range (store, type, from, to, &error);

  g_assert_no_error (error);
  return ids_of (docs);
}

static char *
ref_ids (CivicStore    *store,
         const char    *type,
         CivicStoreRef  ref,
         const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = civic_store_list_by_ref (store, type, ref, value, &error);

  g_assert_no_error (error);
  return ids_of (docs);
}

#define ASSERT_IDS(expr, expected) G_STMT_START { \
  g_autofree char *_ids = (expr); \
  g_assert_cmpstr (_ids, ==, (expected)); \
} G_STMT_END

/* The two-part range query returns exactly the rows of a plain scan of the
 * overlap condition, for spans on both sides of CIVIC_INDEX_SHORT_SPAN_DAYS.
 */
static void
test_range_window_matches_scan (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  static const int span_minutes[] = { 0, 60, 7 * 1440, 7 * 1440 + 1, 8 * 1440, 40 * 1440 };

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 9, 1, 0, 0, 0);
      g_autoptr(GDateTime) at = g_date_time_add_minutes (start, g_rand_int_range (rand, 0, 90 * 1440));
      g_autoptr(GDateTime) end = g_date_time_add_minutes (at, span_minutes[i % G_N_ELEMENTS (span_minutes)]
                                                          + g_rand_int_range (rand, 0, 3));
      g_autofree char *starts = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *ends = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *json = NULL;

      if (i % 7 == 0)
        json = g_strdup_printf ("{\"_id\":\"event:%u\",\"type\":\"event\",\"starts_on\":\"%.10s\",\"ends_on\":\"%.10s\"}",
                                i, starts, ends);
      else if (i % 11 == 0)
        json = g_strdup_printf ("{\"_id\":\"event:%u\",\"type\":\"event\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
                                "\"rrule\":\"FREQ=WEEKLY;COUNT=3\"}", i, starts, ends);
      else if (i % 13 == 0)
        json = g_strdup_printf ("{\"_id\":\"event:%u\",\"type\":\"event\",\"starts_on\":\"%.10s\"}", i, starts);
      else
        json = g_strdup_printf ("{\"_id\":\"event:%u\",\"type\":\"event\",\"starts_at\":\"%s\",\"ends_at\":\"%s\"}",
                                i, starts, ends);
      g_ptr_array_add (docs, doc_from_json (json));
    }
  g_assert_true (civic_store_put_many (store, docs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civic_store_query_int_for_tests (store, "SELECT COUNT (*) FROM doc_index WHERE long_span = 1"), >, 50);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 8, 20, 0, 0, 0);
      g_autoptr(GDateTime) from = g_date_time_add_minutes (start, g_rand_int_range (rand, 0, 110 * 1440));
      g_autoptr(GDateTime) to = g_date_time_add_minutes (from, g_rand_int_range (rand, 1, 35 * 1440));
      g_autofree char *from_text = g_date_time_format (from, i % 3 == 0 ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *to_text = g_date_time_format (to, i % 3 == 0 ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM doc_index WHERE type = 'event' AND starts_at < '%s'"
                                              " AND (ends_at > '%s' OR (ends_at IS NULL AND starts_at >= '%s'))",
                                              to_text, from_text, from_text);
      g_autoptr(GPtrArray) found = civic_store_list_in_range (store, "event", from_text, to_text, &error);

      g_assert_no_error (error);
      /* Every returned row satisfies the condition (the query repeats it),
       * so equal counts mean equal sets.
       */
      g_assert_cmpint (found->len, ==, civic_store_query_int_for_tests (store, sql));
      for (guint j = 1; j < found->len; j++)
        g_assert_cmpstr (civic_json_object_get_string_or_null (found->pdata[j - 1], "_id"), !=,
                         civic_json_object_get_string_or_null (found->pdata[j], "_id"));
    }
}

static void
test_typed_index (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *edit = NULL;

  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"event:e1\",\"type\":\"event\",\"kind\":\"rally\",\"office_id\":\"office:1\","
                                        "\"starts_at\":\"2026-09-01T10:00:00Z\",\"ends_at\":\"2026-09-01T12:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"event:e2\",\"type\":\"event\",\"kind\":\"clinic\",\"all_day\":true,"
                                        "\"starts_on\":\"2026-09-03\",\"ends_on\":\"2026-09-04\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"event:e3\",\"type\":\"event\",\"kind\":\"phone_bank\",\"campaign_id\":\"campaign:g\","
                                        "\"starts_at\":\"2026-09-07T01:00:00Z\",\"ends_at\":\"2026-09-07T03:00:00Z\","
                                        "\"rrule\":\"FREQ=WEEKLY;BYDAY=MO;UNTIL=20261108T070000Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"event:e4\",\"type\":\"event\",\"kind\":\"phone_bank\","
                                        "\"starts_at\":\"2025-01-01T01:00:00Z\",\"ends_at\":\"2025-01-01T02:00:00Z\","
                                        "\"rrule\":\"FREQ=WEEKLY;COUNT=5\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"event:e5\",\"type\":\"event\",\"kind\":\"rally\",\"office_id\":\"office:1\","
                                        "\"starts_at\":\"2026-10-01T10:00:00Z\",\"ends_at\":\"2026-10-01T11:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"signup:s2\",\"type\":\"signup\",\"shift_id\":\"shift:1\",\"volunteer_id\":\"volunteer:b\","
                                        "\"status\":\"scheduled\",\"signed_up_at\":\"2026-09-01T11:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"signup:s1\",\"type\":\"signup\",\"shift_id\":\"shift:1\",\"volunteer_id\":\"volunteer:a\","
                                        "\"status\":\"confirmed\",\"signed_up_at\":\"2026-09-01T10:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"signup:s3\",\"type\":\"signup\",\"shift_id\":\"shift:2\",\"volunteer_id\":\"volunteer:a\","
                                        "\"status\":\"scheduled\",\"signed_up_at\":\"2026-08-01T10:00:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:a\",\"type\":\"volunteer\",\"name_ko\":\"김민수\",\"active\":false}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:b\",\"type\":\"volunteer\",\"family_name\":\"Baker\",\"given_name\":\"Ann\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"visit:v\",\"type\":\"visit\",\"legislator_id\":\"legislator:l\",\"event_id\":\"event:e5\","
                                        "\"occurs_at\":\"2026-10-01T10:30:00Z\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"legislator:l\",\"type\":\"legislator\",\"name\":\"Rep. Doe\",\"chamber\":\"us_house\",\"state\":\"CA\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"campaign:g\",\"type\":\"campaign\",\"name\":\"General\","
                                        "\"starts_on\":\"2026-09-06\",\"ends_on\":\"2026-11-08\"}"));
  g_assert_true (civic_store_put_many (store, docs, &revs, &error));
  g_assert_no_error (error);

  ASSERT_IDS (range_ids (store, "event", "2026-09-01T11:00:00Z", "2026-09-02T00:00:00Z"), "event:e4,event:e1");
  /* Half-open: an event ending when the range starts is outside it. */
  ASSERT_IDS (range_ids (store, "event", "2026-09-01T12:00:00Z", "2026-09-02T00:00:00Z"), "event:e4");
  ASSERT_IDS (range_ids (store, "event", "2026-08-01T00:00:00Z", "2026-09-01T10:00:00Z"), "event:e4");
  /* An all-day event's ends_on is inclusive. */
  ASSERT_IDS (range_ids (store, "event", "2026-09-04T20:00:00Z", "2026-09-04T21:00:00Z"), "event:e4,event:e2");
  ASSERT_IDS (range_ids (store, "event", "2026-09-05T12:00:00Z", "2026-09-05T13:00:00Z"), "event:e4");
  /* A series lasts until its UNTIL; a COUNT series is open-ended. */
  ASSERT_IDS (range_ids (store, "event", "2026-11-09T00:00:00Z", "2026-11-09T06:00:00Z"), "event:e4,event:e3");
  ASSERT_IDS (range_ids (store, "event", "2026-12-01", "2026-12-02"), "event:e4");
  /* Points in time: from is inclusive, to exclusive. */
  ASSERT_IDS (range_ids (store, "signup", "2026-09-01T10:00:00Z", "2026-09-01T11:00:00Z"), "signup:s1");
  ASSERT_IDS (range_ids (store, "campaign", "2026-11-08T23:00:00Z", "2026-11-09T00:00:00Z"), "campaign:g");
  ASSERT_IDS (range_ids (store, "campaign", "2026-11-09T00:00:00Z", "2026-11-10T00:00:00Z"), "");

  ASSERT_IDS (ref_ids (store, "signup", CIVIC_STORE_REF_1, "shift:1"), "signup:s1,signup:s2");
  ASSERT_IDS (ref_ids (store, "signup", CIVIC_STORE_REF_2, "volunteer:a"), "signup:s3,signup:s1");
  ASSERT_IDS (ref_ids (store, "signup", CIVIC_STORE_REF_STATUS, "scheduled"), "signup:s3,signup:s2");
  ASSERT_IDS (ref_ids (store, "event", CIVIC_STORE_REF_1, "phone_bank"), "event:e4,event:e3");
  ASSERT_IDS (ref_ids (store, "event", CIVIC_STORE_REF_OFFICE, "office:1"), "event:e1,event:e5");
  ASSERT_IDS (ref_ids (store, "event", CIVIC_STORE_REF_CAMPAIGN, "campaign:g"), "event:e3");
  ASSERT_IDS (ref_ids (store, "visit", CIVIC_STORE_REF_1, "legislator:l"), "visit:v");
  ASSERT_IDS (ref_ids (store, "visit", CIVIC_STORE_REF_2, "event:e5"), "visit:v");
  ASSERT_IDS (ref_ids (store, "legislator", CIVIC_STORE_REF_1, "us_house"), "legislator:l");
  ASSERT_IDS (ref_ids (store, "legislator", CIVIC_STORE_REF_2, "CA"), "legislator:l");
  ASSERT_IDS (ref_ids (store, "volunteer", CIVIC_STORE_REF_STATUS, "inactive"), "volunteer:a");
  ASSERT_IDS (ref_ids (store, "volunteer", CIVIC_STORE_REF_STATUS, "active"), "volunteer:b");

  {
    g_autoptr(GPtrArray) volunteers = civic_store_list (store, "volunteer", &error);
    g_autofree char *ids = ids_of (volunteers);

    /* "baker ann" sorts before "김민수". */
    g_assert_cmpstr (ids, ==, "volunteer:b,volunteer:a");
  }

  /* Moving a signup updates the index in the same write. */
  edit = g_strdup_printf ("{\"_id\":\"signup:s2\",\"_rev\":\"%s\",\"type\":\"signup\",\"shift_id\":\"shift:2\","
                          "\"volunteer_id\":\"volunteer:b\",\"status\":\"cancelled\",\"signed_up_at\":\"2026-09-01T11:00:00Z\"}",
                          (char *) g_ptr_array_index (revs, 5));
  rev = put_json (store, edit);
  ASSERT_IDS (ref_ids (store, "signup", CIVIC_STORE_REF_1, "shift:1"), "signup:s1");
  ASSERT_IDS (ref_ids (store, "signup", CIVIC_STORE_REF_1, "shift:2"), "signup:s3,signup:s2");
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);

  {
    const char *ids[] = { "event:e1", "event:none", "signup:s2", NULL };
    g_autoptr(GPtrArray) many = civic_store_get_many (store, ids, &error);
    g_autofree char *got = ids_of (many);

    g_assert_no_error (error);
    g_assert_cmpstr (got, ==, "event:e1,signup:s2");
    g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (many, 1), "_rev"), ==, rev);
  }
}

/* ---- large batches ---- */

static GPtrArray *
make_signups (guint       n,
              const char *prefix)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("signup:%s%05u", prefix, i);
      g_autofree char *shift = g_strdup_printf ("shift:%u", i % 100);

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "signup");
      json_object_set_string_member (doc, "shift_id", shift);
      json_object_set_string_member (doc, "signed_up_at", "2026-09-01T10:00:00Z");
      g_ptr_array_add (docs, doc);
    }
  return docs;
}

static gboolean
put_in_chunks (CivicStore *store,
               gpointer    user_data,
               GError    **error)
{
  GPtrArray *docs = user_data;
  g_autoptr(GPtrArray) shift = NULL;

  for (guint start = 0; start < docs->len; start += 500)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      for (guint i = start; i < MIN (start + 500, docs->len); i++)
        g_ptr_array_add (chunk, json_object_ref (g_ptr_array_index (docs, i)));
      if (!civic_store_put_many (store, chunk, NULL, error))
        return FALSE;
    }
  /* Queries inside the transaction see its writes, index or not. */
  shift = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:7", error);
  g_assert_cmpuint (shift->len, ==, 50 + 50);
  return TRUE;
}

static void
test_bulk_batch (Fixture      *fixture,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) docs = make_signups (5000, "a");
  g_autoptr(GPtrArray) more = make_signups (5000, "b");
  g_autoptr(GPtrArray) shift = NULL;
  g_autoptr(GPtrArray) revs = NULL;
  const char *index_count = "SELECT COUNT (*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'doc_index_%'";
  gint64 indexes;

  g_assert_no_error (error);
  indexes = civic_store_query_int_for_tests (store, index_count);
  g_assert_cmpint (indexes, >=, 5);

  /* Written in id order internally, reported in the caller's order. */
  for (guint i = 0, j = docs->len - 1; i < j; i++, j--)
    {
      gpointer tmp = docs->pdata[i];

      docs->pdata[i] = docs->pdata[j];
      docs->pdata[j] = tmp;
    }
  g_assert_true (civic_store_put_many (store, docs, &revs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (revs->len, ==, docs->len);
  for (guint i = 0; i < docs->len; i += 999)
    {
      const char *id = civic_json_object_get_string_or_null (g_ptr_array_index (docs, i), "_id");
      g_autoptr(JsonObject) got = civic_store_get (store, id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, g_ptr_array_index (revs, i));
    }
  g_assert_cmpint (civic_store_query_int_for_tests (store, index_count), ==, indexes);
  shift = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:7", &error);
  g_assert_cmpuint (shift->len, ==, 50);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);

  /* A failing large batch rolls back, indexes included. */
  json_object_set_string_member (g_ptr_array_index (more, 4999), "_id", "signup:a00001");
  g_assert_false (civic_store_put_many (store, more, NULL, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (civic_store_query_int_for_tests (store, index_count), ==, indexes);
  g_assert_cmpuint (civic_store_count (store, "signup", &error), ==, 5000);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 5000);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);

  /* Many small writes in one transaction switch to bulk mode too. */
  json_object_set_string_member (g_ptr_array_index (more, 4999), "_id", "signup:b04999");
  g_assert_true (civic_store_transaction (store, put_in_chunks, more, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civic_store_query_int_for_tests (store, index_count), ==, indexes);
  g_assert_cmpuint (civic_store_count (store, "signup", &error), ==, 10000);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);

  /* The big writes left the WAL to a checkpoint on another thread; the
   * writer checkpoints on its own again for ordinary writes.
   */
  g_assert_cmpint (civic_store_query_int_for_tests (store, "PRAGMA wal_autocheckpoint"), ==, 1000);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

    /* Closed cleanly: everything is in the file and the WAL is gone. */
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    store = civic_store_open (fixture->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (civic_store_count (store, "signup", &error), ==, 10000);
    g_assert_true (civic_store_check (store, &error));
    g_assert_no_error (error);
  }
}

static void
test_disk_full (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) docs = make_signups (3000, "f");
  g_autofree char *rev = NULL;
  gint64 pages;

  g_assert_no_error (error);
  rev = put_json (store, "{\"_id\":\"office:1\",\"type\":\"office\"}");
  /* SQLite answers SQLITE_FULL once the file may not grow any more. */
  pages = civic_store_query_int_for_tests (store, "PRAGMA page_count");
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 5);

    exec_sql (store, sql);
  }
  g_assert_false (civic_store_put_many (store, docs, NULL, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 1);
  g_assert_cmpuint (civic_store_count (store, "signup", &error), ==, 0);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

/* ---- backup, restore, check ---- */

static char *
backup_text (CivicStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (civic_store_backup (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_output_stream_write (out, "", 0, NULL, NULL);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

static gboolean
restore_text (CivicStore *store,
              const char *text,
              GError    **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);

  return civic_store_restore (store, in, NULL, error);
}

static CivicStore *
make_varied_store (void)
{
  CivicStore *store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = put_json (store, "{\"_id\":\"volunteer:1\",\"type\":\"volunteer\",\"given_name\":\"Ann\",\"extra\":{\"x\":[1,2.5,null]}}");
  g_autofree char *e1 = g_strdup_printf ("{\"_id\":\"volunteer:1\",\"_rev\":\"%s\",\"type\":\"volunteer\",\"given_name\":\"Anne\"}", r1);
  g_autofree char *r2 = put_json (store, e1);
  g_autofree char *r3 = put_json (store, "{\"_id\":\"event:gone\",\"type\":\"event\",\"title\":\"Gone\"}");
  g_autofree char *r4 = civic_store_delete (store, "event:gone", r3, &error);
  g_autoptr(JsonObject) local = doc_from_json ("{\"session_id\":\"s\",\"history\":[]}");

  g_assert_no_error (error);
  put_replicated_json (store, "{\"_id\":\"shift:c\",\"type\":\"shift\",\"role\":\"a\",\"_revisions\":{\"start\":2,\"ids\":[\"" H("3") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"shift:c\",\"type\":\"shift\",\"role\":\"b\",\"_revisions\":{\"start\":2,\"ids\":[\"" H("7") "\",\"" H("0") "\"]}}");
  g_assert_true (civic_store_put_local (store, "_local/rep", local, &error));
  g_assert_no_error (error);
  (void) r2;
  (void) r4;
  return store;
}

static void
test_backup_restore (void)
{
  g_autoptr(CivicStore) store = make_varied_store ();
  g_autoptr(CivicStore) copy = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = backup_text (store);
  g_autofree char *again = NULL;
  g_autofree char *twice = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_auto(GStrv) conflicts = NULL;

  /* Three documents and one local document, one line each. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "{\"_id\":\"event:gone\",\"revs\":[{\"pos\":1,"));
  g_assert_true (g_str_has_prefix (lines[3], "{\"_local_id\":\"_local/rep\","));

  g_assert_true (restore_text (copy, text, &error));
  g_assert_no_error (error);
  again = backup_text (copy);
  g_assert_cmpstr (again, ==, text);

  a = civic_store_get (store, "volunteer:1", &error);
  b = civic_store_get (copy, "volunteer:1", &error);
  g_assert_no_error (error);
  {
    g_autofree char *ca = civic_json_canonical_object (a, FALSE);
    g_autofree char *cb = civic_json_canonical_object (b, FALSE);

    g_assert_cmpstr (ca, ==, cb);
  }
  conflicts = civic_store_get_conflicts (copy, "shift:c", &error);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 1);
  local = civic_store_get_local (copy, "_local/rep", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (local, "session_id"), ==, "s");
  g_assert_cmpuint (civic_store_count (copy, "volunteer", &error), ==, 1);
  g_assert_cmpuint (civic_store_count (copy, "event", &error), ==, 0);
  g_assert_true (civic_store_check (copy, &error));
  g_assert_no_error (error);

  /* Restoring again changes nothing. */
  g_assert_true (restore_text (copy, text, &error));
  g_assert_no_error (error);
  twice = backup_text (copy);
  g_assert_cmpstr (twice, ==, text);
}

static void
test_restore_refuses_malformed (void)
{
  g_autoptr(CivicStore) store = make_varied_store ();
  g_autoptr(CivicStore) copy = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = backup_text (store);
  const char *bad_lines[] = {
    "{\"_id\":\"x\",\"revs\":[{\"pos\":1,\"hash\":\"a\",\"parent\":null,\"deleted\":false,\"body\":null}]}",
    "{\"_id\":\"x\",\"revs\":[{\"pos\":2,\"hash\":\"a\",\"parent\":\"5-b\",\"deleted\":false,\"body\":{}}]}",
    "{\"_id\":\"x\",\"revs\":[]}",
    "{\"revs\":[{\"pos\":1,\"hash\":\"a\",\"parent\":null,\"deleted\":false,\"body\":{}}]}",
    "[1,2]",
    "{\"_id\":\"x\",",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *broken = NULL;

      g_free (lines[2]);
      lines[2] = g_strdup (bad_lines[i]);
      broken = g_strjoinv ("\n", lines);

      g_assert_false (restore_text (copy, broken, &error));
      g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "3"));
      g_clear_error (&error);
      g_assert_cmpint (civic_store_get_update_seq (copy), ==, 0);
      g_assert_cmpint (civic_store_query_int_for_tests (copy, "SELECT COUNT (*) FROM revs"), ==, 0);
      g_assert_cmpint (civic_store_query_int_for_tests (copy, "SELECT COUNT (*) FROM local_docs"), ==, 0);
    }
}

static gboolean
count_scanned_cb (const char         *id,
                  const char * const *values,
                  gpointer            user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* A scan over a stored revision that is not JSON fails as reading it
 * whole does, saying the database is damaged, and does not crash.
 */
static void
test_scan_fields_corrupt_body (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "volunteer_id", NULL };
  guint seen = 0;

  g_free (put_json (store, "{\"_id\":\"signup:1\",\"type\":\"signup\",\"volunteer_id\":\"volunteer:1\"}"));
  g_free (put_json (store, "{\"_id\":\"signup:2\",\"type\":\"signup\",\"volunteer_id\":\"volunteer:2\"}"));
  g_assert_true (civic_store_scan_fields (store, "signup", fields, count_scanned_cb, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen, ==, 2);

  exec_sql (store, "UPDATE revs SET body = '{\"volunteer_id\": ' "
                   "WHERE doc = (SELECT num FROM docs WHERE id = 'signup:2')");
  g_assert_false (civic_store_scan_fields (store, "signup", fields, count_scanned_cb, &seen, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (civic_store_list (store, "signup", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT);
}

static void
expect_corrupt (CivicStore *store,
                const char *sql,
                const char *named)
{
  g_autoptr(GError) error = NULL;

  exec_sql (store, sql);
  g_assert_false (civic_store_check (store, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_check_finds_corruption (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = NULL;
  const char *corruptions[][2] = {
    { "UPDATE docs SET conflicted = 0 WHERE id = 'shift:c'", "shift:c" },
    { "UPDATE docs SET winner_hash = '" H("3") "' WHERE id = 'shift:c'", "shift:c" },
    { "UPDATE doc_index SET sort_key = 'zzz' WHERE id = 'volunteer:1'", "volunteer:1" },
    { "DELETE FROM doc_index WHERE id = 'volunteer:1'", "volunteer:1" },
    { "UPDATE revs SET body = NULL WHERE is_leaf = 1 AND doc = (SELECT num FROM docs WHERE id = 'event:gone')", "event:gone" },
    { "UPDATE revs SET is_leaf = 1 WHERE pos = 1 AND doc = (SELECT num FROM docs WHERE id = 'volunteer:1')", "volunteer:1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (corruptions); i++)
    {
      store = make_varied_store ();
      g_assert_true (civic_store_check (store, &error));
      g_assert_no_error (error);
      expect_corrupt (store, corruptions[i][0], corruptions[i][1]);
      g_clear_object (&store);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/file/migrate-from-v0", Fixture, NULL, fixture_set_up, test_migrate_from_v0, fixture_tear_down);
  g_test_add ("/store/file/migrate-from-v1", Fixture, NULL, fixture_set_up, test_migrate_from_v1, fixture_tear_down);
  g_test_add ("/store/file/migrate-from-v2", Fixture, NULL, fixture_set_up, test_migrate_from_v2, fixture_tear_down);
  g_test_add ("/store/file/migrate-from-v3", Fixture, NULL, fixture_set_up, test_migrate_from_v3, fixture_tear_down);
  g_test_add ("/store/file/read-during-write", Fixture, NULL, fixture_set_up, test_read_during_write, fixture_tear_down);
  g_test_add ("/store/file/refuses-newer", Fixture, NULL, fixture_set_up, test_refuses_newer, fixture_tear_down);
  g_test_add ("/store/file/not-a-database", Fixture, NULL, fixture_set_up, test_not_a_database, fixture_tear_down);
  g_test_add ("/store/file/mode-0600", Fixture, NULL, fixture_set_up, test_file_mode, fixture_tear_down);
  g_test_add ("/store/file/bulk-batch", Fixture, NULL, fixture_set_up, test_bulk_batch, fixture_tear_down);
  g_test_add ("/store/file/disk-full", Fixture, NULL, fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add_func ("/store/file/scan-fields-corrupt-body", test_scan_fields_corrupt_body);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/index/typed-queries", test_typed_index);
  g_test_add_func ("/store/index/range-window-matches-scan", test_range_window_matches_scan);
  g_test_add_func ("/store/backup/round-trip", test_backup_restore);
  g_test_add_func ("/store/backup/refuses-malformed", test_restore_refuses_malformed);
  g_test_add_func ("/store/check/finds-corruption", test_check_finds_corruption);

  return g_test_run ();
}
