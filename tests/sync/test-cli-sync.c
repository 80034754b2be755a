/* test-cli-sync.c — `civic-desk-cli server setup`, `server add-user` and
 * `sync`, including a sync killed with SIGKILL and resumed
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "civic-json.h"
#include "sync-test-util.h"

static CivicTestServer *server;
static char *tmpdir;

static char *
cli_path (void)
{
  const char *root = g_getenv ("CIVIC_DESK_BUILD_ROOT");

  return g_build_filename (root ? root : ".", "src", "cli", "civic-desk-cli", NULL);
}

static char **
cli_env (const char *password)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "CIVIC_DESK_PASSWORD", password, TRUE);
  /* No keyring lookups from the tests' environment. */
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  return env;
}

/* Runs civic-desk-cli with the NULL-terminated arguments; returns the exit
 * status.
 */
static int
run_cli (const char  *password,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = cli_env (password);
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static CivicStore *
open_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_setup_add_user_sync (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autofree char *a = tmp_file ("setup-a.db");
  g_autofree char *b = tmp_file ("setup-b.db");
  g_autofree char *pw_carol = tmp_file ("carol.pw");
  g_autofree char *pw_bob = tmp_file ("bob.pw");
  const char *url = civic_test_server_get_url (server);
  g_autoptr(JsonNode) security = NULL;
  g_autoptr(CivicStore) sa = NULL;
  g_autoptr(CivicStore) sb = NULL;
  g_autofree char *path = NULL;
  char *out = NULL, *err = NULL;
  guint status = 0;

  g_assert_cmpint (run_cli ("secret", &out, &err, "server", "setup", "--server", url, "--database", db,
                            "--admin", CIVIC_TEST_ADMIN, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Created the database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  path = g_strdup_printf ("/%s/_security", db);
  security = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  {
    g_autofree char *text = civic_json_canonical (security);

    g_assert_nonnull (strstr (text, "\"members\":{\"names\":[],\"roles\":[\"organizer\",\"board\"]}"));
  }

  /* Running it again keeps the database. */
  g_assert_cmpint (run_cli ("secret", &out, &err, "server", "setup", "--server", url, "--database", db,
                            "--admin", CIVIC_TEST_ADMIN, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "already existed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (pw_carol, "carol-pw\n", -1, NULL));
  g_assert_true (g_file_set_contents (pw_bob, "bob-pw\n", -1, NULL));
  g_assert_cmpint (run_cli ("secret", &out, &err, "server", "add-user", "carol", "--role", "organizer",
                            "--server", url, "--admin", CIVIC_TEST_ADMIN, "--password-file", pw_carol, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("secret", &out, &err, "server", "add-user", "bob", "--role", "board",
                            "--server", url, "--admin", CIVIC_TEST_ADMIN, "--password-file", pw_bob, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A non-admin cannot set up (and the server survives the attempt). */
  g_assert_cmpint (run_cli ("carol-pw", &out, &err, "server", "setup", "--server", url, "--database", "other",
                            "--admin", "carol", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a server admin"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ("x", &out, &err, "--db", a, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("carol-pw", &out, &err, "--db", a, "sync", "--server", url, "--database", db,
                            "--user", "carol", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Docs written: "));
  g_assert_nonnull (strstr (out, "Write failures: 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The board member pulls everything and sends nothing. */
  g_assert_cmpint (run_cli ("bob-pw", &out, &err, "--db", b, "sync", "--server", url, "--database", db,
                            "--user", "bob", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "may only read"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  sa = open_file (a);
  sb = open_file (b);
  sync_test_assert_same (sa, sb);

  /* A wrong password: exit status 1 and the server's 401. */
  g_assert_cmpint (run_cli ("not-bobs", &out, &err, "--db", b, "sync", "--server", url, "--database", db,
                            "--user", "bob", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "401"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

static void
test_resume_after_kill (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autofree char *file = tmp_file ("resume.db");
  g_autofree char *cli = cli_path ();
  const char *url = civic_test_server_get_url (server);
  g_autoptr(CivicStore) source = sync_test_store_new ();
  g_autoptr(CivicReplicator) direct = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = cli_env (CIVIC_TEST_ADMIN_PASSWORD);
  guint batches = 0;
  guint before;
  char *out = NULL, *err = NULL;

  civic_test_server_create_db (server, db, TRUE);
  ids = sync_test_add_volunteers (source, 1500, "resume");
  direct = sync_test_replicator (source, url, db, NULL, NULL);
  g_assert_true (sync_test_sync (direct, &error));
  g_assert_no_error (error);

  g_subprocess_launcher_set_environ (launcher, env);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "--db", file, "sync", "--server", url,
                                         "--database", db, "--user", CIVIC_TEST_ADMIN, "--batch-size", "50", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (batches < 3)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "Batch:"))
        batches++;
    }
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));

  {
    g_autoptr(CivicStore) partial = open_file (file);

    sync_test_assert_consistent (partial);
    before = civic_store_count (partial, "volunteer", NULL);
    g_test_message ("killed after %u of 1500 documents", before);
    g_assert_cmpuint (before, >=, 100);
    g_assert_cmpuint (before, <, 1500);
  }

  g_assert_cmpint (run_cli (CIVIC_TEST_ADMIN_PASSWORD, &out, &err, "--db", file, "sync", "--server", url,
                            "--database", db, "--user", CIVIC_TEST_ADMIN, "--batch-size", "50", NULL), ==, 0);
  {
    const char *line = strstr (out, "Docs read: ");
    guint64 read;

    g_assert_nonnull (line);
    read = g_ascii_strtoull (line + strlen ("Docs read: "), NULL, 10);
    /* From the checkpoint: at most one batch is read again. */
    g_assert_cmpuint (read, <=, 1500 - before + 50);
    g_assert_cmpuint (read, >=, 1500 - before);
  }
  g_free (out);
  g_free (err);

  {
    g_autoptr(CivicStore) done = open_file (file);

    sync_test_assert_consistent (done);
    sync_test_assert_same (source, done);
  }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
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
  tmpdir = g_dir_make_tmp ("civic-cli-sync-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/cli/setup-add-user-sync", test_setup_add_user_sync);
  g_test_add_func ("/sync/cli/resume-after-kill", test_resume_after_kill);

  status = g_test_run ();
  civic_test_server_stop (server);
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
