/* test-cli-legislative.c — `civic-desk-cli import` of legislator CSVs and `export --format csv` of visits data
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary ($CIVIC_DESK_BUILD_ROOT/src/cli/civic-desk-cli)
 * against a database in a temporary folder and checks the database and
 * the files it writes.
 */

#define G_LOG_DOMAIN "test-cli-legislative"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>
#include <string.h>

#include "civic-json.h"
#include "civic-store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("civic-legislative-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "civic-desk.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* Runs the CLI; returns its exit status and fills the outputs. */
static int
run_cli (Fixture     *fixture,
         char       **out_stdout,
         char       **out_stderr,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *binary = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  int wait_status = 0;
  va_list args;

  binary = g_build_filename (g_getenv ("CIVIC_DESK_BUILD_ROOT"), "src", "cli", "civic-desk-cli", NULL);
  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fixture->db);

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Messages in English, whatever the machine's locale. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s", out);
  g_test_message ("stderr: %s", err);

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);

  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "legislative", "data", name, NULL);
}

static CivicStore *
open_db (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (fixture->db, &error);

  g_assert_no_error (error);
  return store;
}

static JsonObject *
find_legislator (CivicStore *store,
                 const char *name)
{
  g_autoptr(GPtrArray) all = civic_store_list (store, "legislator", NULL);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (all, i);

      if (g_strcmp0 (civic_json_object_get_string_or_null (doc, "name"), name) == 0)
        return json_object_ref (doc);
    }

  return NULL;
}

static void
test_cli_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *congress = data_path ("legislators-current.csv");
  g_autofree char *open_states = data_path ("ca.csv");
  g_autofree char *volunteers = data_path ("volunteers.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *nameless = g_build_filename (fixture->dir, "people.csv", NULL);

  g_assert_cmpint (run_cli (fixture, &out, &err, "import", congress, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "legislators created: 5,"));
  g_assert_nonnull (strstr (err, "line 6"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, &out, &err, "import", open_states, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "legislators created: 3,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(CivicStore) store = open_db (fixture);
    g_autoptr(JsonObject) han = find_legislator (store, "Soo-ah Han");
    g_autoptr(JsonObject) park = find_legislator (store, "Elena Park");

    g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 8);
    g_assert_nonnull (han);
    g_assert_cmpstr (civic_json_object_get_string_or_null (han, "state"), ==, "CA");
    g_assert_cmpstr (civic_json_object_get_string_or_null (han, "chamber"), ==, "state_assembly");
    g_assert_cmpstr (civic_json_object_get_string_or_null (park, "chamber"), ==, "us_house");
  }

  /* Re-importing updates in place. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "import", congress, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "legislators created: 0,"));
  g_assert_nonnull (strstr (out, "unchanged: 5;"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An Open States file whose name tells no state: imported, with a warning. */
  {
    gsize length;

    g_assert_true (g_file_get_contents (open_states, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (nameless, contents, length, NULL));
  }
  g_assert_cmpint (run_cli (fixture, &out, &err, "import", nameless, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "people.csv"));
  g_assert_nonnull (strstr (err, "state"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A roster CSV is not ours: the roster import takes it, whatever it makes
   * of it, and no legislator appears.
   */
  run_cli (fixture, &out, &err, "import", volunteers, NULL);
  g_assert_null (strstr (out, "legislators created"));
  {
    g_autoptr(CivicStore) store = open_db (fixture);

    g_assert_cmpuint (civic_store_count (store, "legislator", NULL), ==, 8);
  }
}

static void
put_json (CivicStore *store,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_json_object_from_string (json, -1, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  rev = civic_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static void
test_cli_export (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *congress = data_path ("legislators-current.csv");
  g_autofree char *legislators_csv = g_build_filename (fixture->dir, "legislators.csv", NULL);
  g_autofree char *visits_csv = g_build_filename (fixture->dir, "visits.csv", NULL);
  g_autofree char *follow_ups_csv = g_build_filename (fixture->dir, "follow-ups.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *park_id = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "import", congress, NULL), ==, 0);

  {
    g_autoptr(CivicStore) store = open_db (fixture);
    g_autoptr(JsonObject) park = find_legislator (store, "Elena Park");

    park_id = g_strdup (civic_json_object_get_string_or_null (park, "_id"));
    put_json (store, "{\"_id\": \"volunteer:minji\", \"type\": \"volunteer\", "
                     "\"given_name\": \"Minji\", \"family_name\": \"Kim\"}");
    json = g_strdup_printf ("{\"_id\": \"visit:1\", \"type\": \"visit\", \"legislator_id\": \"%s\", "
                            "\"occurs_at\": \"2026-03-15T16:30:00Z\", \"position\": \"undecided\", "
                            "\"issues\": [\"immigration reform\"], "
                            "\"attendees\": [{\"volunteer_id\": \"volunteer:minji\", \"role\": \"leader\"}]}",
                            park_id);
    put_json (store, json);
    g_free (json);
    json = g_strdup_printf ("{\"_id\": \"visit:2\", \"type\": \"visit\", \"legislator_id\": \"%s\", "
                            "\"occurs_at\": \"2026-10-02T18:00:00Z\", \"position\": \"support\", "
                            "\"issues\": [\"immigration reform\"], \"ask\": \"Co-sponsor, \\\"now\\\"\", "
                            "\"follow_ups\": [{\"task\": \"Send the DACA fact sheet\", "
                            "\"owner_id\": \"volunteer:minji\", \"due_on\": \"2026-10-09\"}]}",
                            park_id);
    put_json (store, json);
  }

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "export", "--format", "csv", "--what", "legislators",
                            legislators_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (legislators_csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "id,name,chamber,chamber_label,state,district,party,"));
  g_assert_nonnull (strstr (text, "Elena Park,us_house,"));
  g_assert_nonnull (strstr (text, "Z000101"));
  g_assert_nonnull (strstr (text, "2026-10-02T18:00:00Z"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "export", "--format", "csv", "--what", "visits",
                            visits_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (visits_csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Minji Kim (leader)"));
  g_assert_nonnull (strstr (text, "\"Co-sponsor, \"\"now\"\"\""));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (run_cli (fixture, NULL, NULL, "export", "--format", "csv", "--what", "follow-ups",
                            follow_ups_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (follow_ups_csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "task,owner_id,owner,due_on,done_at,state,"));
  g_assert_nonnull (strstr (text, "Send the DACA fact sheet,volunteer:minji,Minji Kim,2026-10-09,"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (run_cli (fixture, &out, &err, "export", "--format", "csv", "--what", "whip-count",
                            "--issue", "Immigration Reform", "-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "legislator_id,name,chamber,state,district,party,position,"));
  g_assert_nonnull (strstr (out, ",Elena Park,us_house,CA,34,Democrat,support,Support,2026-10-02T18:00:00Z,2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Every California legislator of the House, visited or not. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "export", "--format", "csv", "--what", "whip-count",
                            "--issue", "immigration reform", "--chamber", "us_house", "--state", "CA",
                            "--all", "-", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Tom Whitfield Jr.,us_house,CA,40,Republican,unknown,Unknown,,0"));
  g_assert_null (strstr (out, "Nakamura"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A whip count needs an issue. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "export", "--format", "csv", "--what", "whip-count",
                            "-", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--issue"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/legislative/cli/import", Fixture, NULL, fixture_set_up, test_cli_import, fixture_tear_down);
  g_test_add ("/legislative/cli/export", Fixture, NULL, fixture_set_up, test_cli_export, fixture_tear_down);

  return g_test_run ();
}
