/* test-cli.c — civic-desk-cli run as a subprocess, as scripts and cron jobs run it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "civic-sample.h"

static char *cli_path;
static char *tmp_dir;

typedef struct {
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Runs civic-desk-cli with @args (NULL-terminated) in the C locale; @env_db
 * sets $CIVIC_DESK_DB when not %NULL.
 */
static CliResult *
run_cli_env (const char         *env_db,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (env_db != NULL)
    g_subprocess_launcher_setenv (launcher, "CIVIC_DESK_DB", env_db, TRUE);
  g_ptr_array_add (argv, cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

#define run_cli(...) run_cli_env (NULL, (const char * const []) { __VA_ARGS__, NULL })

static void
assert_ok (CliResult *result)
{
  if (result->status != 0)
    g_error ("civic-desk-cli exited with %d: %s", result->status, result->err);
}

/* A failure names the program on stderr and prints nothing on stdout. */
static void
assert_fails (CliResult *result,
              int        status,
              const char *in_message)
{
  if (result->status != status)
    g_error ("expected exit %d, got %d (stderr: %s)", status, result->status, result->err);
  g_assert_true (g_str_has_prefix (result->err, "civic-desk-cli: "));
  if (in_message != NULL && strstr (result->err, in_message) == NULL)
    g_error ("stderr “%s” does not mention “%s”", result->err, in_message);
  g_assert_cmpstr (result->out, ==, "");
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static JsonObject *
stats_json (const char *db)
{
  g_autoptr(CliResult) result = run_cli ("--db", db, "stats", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  assert_ok (result);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
demo (const char *db,
      const char *seed)
{
  g_autoptr(CliResult) result = run_cli ("--db", db, "demo", "--seed", seed);

  assert_ok (result);
  g_assert_nonnull (strstr (result->out, "Loaded"));
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_demo_stats (void)
{
  g_autofree char *folder = tmp_path ("new/profile");
  g_autofree char *db = g_build_filename (folder, "demo.db", NULL);
  g_autoptr(GPtrArray) docs = civic_sample_build (CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(CliResult) again = NULL;
  JsonObject *per_type;
  GHashTableIter iter;
  gpointer key, value;
  GStatBuf st;

  {
    g_autoptr(CliResult) result = run_cli ("--db", db, "demo");

    assert_ok (result);
    g_assert_nonnull (strstr (result->out, "Loaded the demo sample organization (seed 2026)"));
  }

  /* The missing folders were made, private to the user. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  for (guint i = 0; i < docs->len; i++)
    {
      const char *type = json_object_get_string_member (g_ptr_array_index (docs, i), "type");

      g_hash_table_insert (counts, (gpointer) type,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, type)) + 1));
    }

  stats = stats_json (db);
  per_type = json_object_get_object_member (stats, "documents");
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (json_object_get_int_member (per_type, key), ==, GPOINTER_TO_UINT (value));
  g_assert_cmpint (json_object_get_size (per_type), ==, g_hash_table_size (counts));
  g_assert_cmpint (json_object_get_int_member (stats, "total"), ==, docs->len);
  g_assert_cmpint (json_object_get_int_member (stats, "conflicts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "tombstones"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "update_seq"), >=, docs->len);
  g_assert_cmpint (json_object_get_int_member (stats, "size_bytes"), >, 0);

  /* The table a person reads. */
  table = run_cli ("--db", db, "stats");
  assert_ok (table);
  g_assert_nonnull (strstr (table->out, "Volunteers"));
  g_assert_nonnull (strstr (table->out, "120"));
  g_assert_nonnull (strstr (table->out, "Conflicts"));
  g_assert_nonnull (strstr (table->out, db));

  /* The sample only goes into an empty database. */
  again = run_cli ("--db", db, "demo");
  assert_fails (again, 1, "not empty");
  {
    g_autoptr(JsonObject) after = stats_json (db);

    g_assert_cmpint (json_object_get_int_member (after, "update_seq"), ==,
                     json_object_get_int_member (stats, "update_seq"));
  }
}

static void
backup (const char *db,
        const char *file)
{
  g_autoptr(CliResult) result = run_cli ("--db", db, "backup", file);
  GStatBuf st;

  assert_ok (result);
  /* A backup holds personal data: readable by its owner only. */
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_deterministic_backups (void)
{
  g_autofree char *db_a = tmp_path ("seed-a.db");
  g_autofree char *db_b = tmp_path ("seed-b.db");
  g_autofree char *db_c = tmp_path ("seed-c.db");
  g_autofree char *backup_a = tmp_path ("seed-a.ndjson");
  g_autofree char *backup_b = tmp_path ("seed-b.ndjson");
  g_autofree char *backup_c = tmp_path ("seed-c.ndjson");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;

  demo (db_a, "42");
  demo (db_b, "42");
  demo (db_c, "43");
  backup (db_a, backup_a);
  backup (db_b, backup_b);
  backup (db_c, backup_c);

  a = read_file (backup_a);
  b = read_file (backup_b);
  c = read_file (backup_c);
  g_assert_cmpuint (g_bytes_get_size (a), >, 100000);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
}

static void
test_backup_restore (void)
{
  g_autofree char *db = tmp_path ("original.db");
  g_autofree char *restored = tmp_path ("restored.db");
  g_autofree char *bad_target = tmp_path ("bad-target.db");
  g_autofree char *first = tmp_path ("original.ndjson");
  g_autofree char *second = tmp_path ("restored.ndjson");
  g_autofree char *malformed = tmp_path ("malformed.ndjson");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(JsonObject) stats_a = NULL;
  g_autoptr(JsonObject) stats_b = NULL;
  g_autoptr(GError) error = NULL;

  demo (db, "2026");
  backup (db, first);
  {
    g_autoptr(CliResult) result = run_cli ("--db", restored, "restore", first);

    assert_ok (result);
    g_assert_nonnull (strstr (result->out, "Restored"));
  }
  backup (restored, second);

  /* Same documents, same revision trees, byte for byte. */
  a = read_file (first);
  b = read_file (second);
  g_assert_true (g_bytes_equal (a, b));

  stats_a = stats_json (db);
  stats_b = stats_json (restored);
  g_assert_cmpint (json_object_get_int_member (stats_a, "total"), ==,
                   json_object_get_int_member (stats_b, "total"));
  {
    g_autoptr(CliResult) result = run_cli ("--db", restored, "check");

    assert_ok (result);
  }

  /* Restore refuses a database that holds anything. */
  {
    g_autoptr(CliResult) result = run_cli ("--db", restored, "restore", first);

    assert_fails (result, 1, "not empty");
  }

  /* A malformed line stops the restore and nothing is written. */
  {
    const char *text = (const char *) g_bytes_get_data (a, NULL);
    const char *newline = memchr (text, '\n', g_bytes_get_size (a));
    g_autofree char *broken = NULL;
    g_autoptr(JsonObject) stats = NULL;
    g_autoptr(CliResult) result = NULL;

    g_assert_nonnull (newline);
    broken = g_strdup_printf ("%.*s\n{\"this is\": not json\n", (int) (newline - text), text);
    g_file_set_contents (malformed, broken, -1, &error);
    g_assert_no_error (error);
    result = run_cli ("--db", bad_target, "restore", malformed);
    assert_fails (result, 1, NULL);
    stats = stats_json (bad_target);
    g_assert_cmpint (json_object_get_int_member (stats, "total"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (stats, "update_seq"), ==, 0);
  }

  /* A missing backup is an error, not an empty restore. */
  {
    g_autofree char *missing = tmp_path ("does-not-exist.ndjson");
    g_autofree char *target = tmp_path ("never.db");
    g_autoptr(CliResult) result = run_cli ("--db", target, "restore", missing);

    assert_fails (result, 1, "does-not-exist.ndjson");
  }
}

/* Runs @sql on the database file directly, as a bug or a bad disk might
 * change it behind the store's back.
 */
static void
corrupt (const char *db,
         const char *sql)
{
  sqlite3 *conn = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (conn, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("cannot corrupt %s: %s", db, message);
  g_assert_cmpint (sqlite3_changes (conn), >, 0);
  g_assert_cmpint (sqlite3_close (conn), ==, SQLITE_OK);
}

static void
test_check (void)
{
  g_autofree char *good = tmp_path ("check-good.db");
  g_autofree char *winner = tmp_path ("check-winner.db");
  g_autofree char *index = tmp_path ("check-index.db");
  g_autofree char *missing = tmp_path ("check-missing.db");

  demo (good, "5");
  {
    g_autoptr(CliResult) result = run_cli ("--db", good, "check");

    assert_ok (result);
    g_assert_nonnull (strstr (result->out, "no problems"));
  }

  /* The stored winner is no longer the winner CouchDB's rule picks. */
  demo (winner, "5");
  corrupt (winner, "UPDATE docs SET winner_hash = '00000000000000000000000000000000' "
                   "WHERE id = (SELECT id FROM docs WHERE type = 'event' ORDER BY id LIMIT 1)");
  {
    g_autoptr(CliResult) result = run_cli ("--db", winner, "check");

    assert_fails (result, 1, "check-winner.db");
    g_assert_nonnull (strstr (result->err, "is damaged: "));
  }

  /* The typed index disagrees with the document it indexes. */
  demo (index, "5");
  corrupt (index, "UPDATE doc_index SET status = 'cancelled' "
                  "WHERE id = (SELECT id FROM doc_index WHERE type = 'signup' AND status = 'completed' "
                  "ORDER BY id LIMIT 1)");
  {
    g_autoptr(CliResult) result = run_cli ("--db", index, "check");

    assert_fails (result, 1, "check-index.db");
    g_assert_nonnull (strstr (result->err, "is damaged: "));
  }

  /* Checking a file that is not there does not create it. */
  {
    g_autoptr(CliResult) result = run_cli ("--db", missing, "check");

    assert_fails (result, 1, "check-missing.db");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_bad_arguments (void)
{
  g_autofree char *db = tmp_path ("args.db");
  g_autofree char *text_file = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { NULL }, "no command" },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "--frobnicate", "stats", NULL }, "frobnicate" },
    { { "stats", "--frobnicate", NULL }, "frobnicate" },
    { { "stats", "extra", NULL }, "extra" },
    { { "check", "extra", NULL }, "extra" },
    { { "backup", NULL }, "missing FILE" },
    { { "restore", NULL }, "missing FILE" },
    { { "backup", "a.ndjson", "b.ndjson", NULL }, "b.ndjson" },
    { { "demo", "--scale", "huge", NULL }, "huge" },
    { { "demo", "--seed", "abc", NULL }, "abc" },
    { { "demo", "--seed", "-1", NULL }, "-1" },
    { { "import", NULL }, "missing FILE" },
    { { "import", text_file, NULL }, "notes.txt" },
    { { "export", "out.csv", NULL }, "--format" },
    { { "export", "--format", "xml", "out.xml", NULL }, "xml" },
    { { "export", "--format", "csv", "out.csv", NULL }, "--what" },
    { { "export", "--format", "csv", "--what", "cats", "out.csv", NULL }, "cats" },
  };

  g_file_set_contents (text_file, "not a calendar\n", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(CliResult) result = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, db);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      result = run_cli_env (NULL, (const char * const *) args->pdata);
      g_test_message ("case %u: %s", i, result->err);
      assert_fails (result, 2, cases[i].message);
      g_assert_nonnull (strstr (result->err, "--help"));
    }

  /* None of them touched the database. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_help (void)
{
  const char *commands[] = { "demo", "stats", "check", "backup", "restore", "import", "export" };
  const char *feature_commands[] = { "sync", "server" };
  g_autoptr(CliResult) top = run_cli ("--help");
  g_autoptr(CliResult) version = run_cli ("--version");
  g_autoptr(CliResult) help_backup = run_cli ("help", "backup");

  assert_ok (top);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (top->out, commands[i]));
  g_assert_nonnull (strstr (top->out, "--db"));

  assert_ok (version);
  g_assert_cmpstr (version->out, ==, "civic-desk-cli " PACKAGE_VERSION "\n");

  assert_ok (help_backup);
  g_assert_nonnull (strstr (help_backup->out, "civic-desk-cli backup"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliResult) result = run_cli (commands[i], "--help");
      g_autofree char *usage = g_strdup_printf ("civic-desk-cli %s", commands[i]);

      assert_ok (result);
      g_assert_nonnull (strstr (result->out, "Usage:"));
      g_assert_nonnull (strstr (result->out, usage));
      g_assert_cmpstr (result->err, ==, "");
    }

  /* The sync feature's commands parse their own options. */
  for (guint i = 0; i < G_N_ELEMENTS (feature_commands); i++)
    {
      g_autoptr(CliResult) result = run_cli (feature_commands[i], "--help");

      assert_ok (result);
      g_assert_nonnull (strstr (result->out, "Usage:"));
    }
}

static void
test_default_path (void)
{
  g_autofree char *db = tmp_path ("env/profile/civic-desk.db");
  g_autofree char *folder = g_path_get_dirname (db);
  g_autoptr(CliResult) result = run_cli_env (db, (const char * const []) { "stats", "--json", NULL });
  GStatBuf st;

  /* $CIVIC_DESK_DB names the file when --db does not. */
  assert_ok (result);
  g_assert_nonnull (strstr (result->out, "\"total\":0"));
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *build_root = g_getenv ("CIVIC_DESK_BUILD_ROOT");
  int status;

  g_test_init (&argc, &argv, NULL);

  if (build_root == NULL)
    g_error ("CIVIC_DESK_BUILD_ROOT is not set; run this test with meson test");
  cli_path = g_build_filename (build_root, "src", "cli", "civic-desk-cli", NULL);
  g_assert_true (g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE));
  tmp_dir = g_dir_make_tmp ("civic-cli-test-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/demo-stats", test_demo_stats);
  g_test_add_func ("/cli/deterministic-backups", test_deterministic_backups);
  g_test_add_func ("/cli/backup-restore", test_backup_restore);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/bad-arguments", test_bad_arguments);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/default-path", test_default_path);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (cli_path);
  return status;
}
