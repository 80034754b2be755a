/* test-cli-roster.c — `civic-desk-cli import FILE.csv` and `export --format csv --what …` through the built binary
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-roster"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "civic-store.h"

static char *tmpdir;

static int
run_cli (const char  *db,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *binary = g_build_filename (g_getenv ("CIVIC_DESK_BUILD_ROOT"), "src", "cli",
                                              "civic-desk-cli", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, binary);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* English messages, whatever the machine's locale. */
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "", TRUE);
  g_spawn_sync (tmpdir, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_volunteers (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (db, &error);
  guint n;

  g_assert_no_error (error);
  n = civic_store_count (store, "volunteer", &error);
  g_assert_no_error (error);
  return n;
}

static const char *roster_csv =
  "First name,Last name,Korean name,Mobile,Email,Languages,Immigration status\n"
  "Minsu,Kim,김민수,213-555-0101,minsu@example.org,Korean;English,x\n"
  ",,,213-555-0000,,,\n"
  "Ana,Lopez,,12,,,\n"
  "Jiyoung,Park,박지영,\"(213) 555-0202\",jy@example.org,Korean,\n"
  "Min-su,Kim,,,MINSU@example.org,,\n";

static void
test_import_dry_run_and_commit (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "import.db", NULL);
  g_autofree char *csv = write_file ("roster.csv", roster_csv, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_cli (db, &out, &err, "import", "--dry-run", csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "“Mobile” → Phone"));
  g_assert_nonnull (strstr (out, "Preview:"));
  g_assert_nonnull (strstr (out, "Immigration status"));
  g_assert_nonnull (strstr (out, "line 3: no name in any script"));
  g_assert_nonnull (strstr (out, "line 4: phone “12” is not a phone number"));
  g_assert_nonnull (strstr (out, "line 6: has the same e-mail as line 2"));
  g_assert_nonnull (strstr (out, "Nothing was written"));
  g_assert_cmpuint (count_volunteers (db), ==, 0);

  g_assert_cmpint (run_cli (db, &out2, &err2, "import", csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "Volunteers imported: 2;"));
  g_assert_nonnull (strstr (out2, "rows skipped with errors: 2"));
  g_assert_nonnull (strstr (out2, "duplicates skipped: 1"));
  g_assert_cmpuint (count_volunteers (db), ==, 2);

  /* The same file again: every row is known now; nothing changes. */
  g_assert_cmpint (run_cli (db, &out3, &err3, "import", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (out3, "already in the roster"));
  g_assert_nonnull (strstr (err3, "nothing was imported"));
  g_assert_cmpuint (count_volunteers (db), ==, 2);
}

static void
test_import_cp949_and_map (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "cp949.db", NULL);
  const char *utf8 = "성,이름,휴대폰,메모2\n김,민수,010-1234-5678,안녕\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *cp949 = g_convert (utf8, -1, "CP949", "UTF-8", NULL, &len, &error);
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bad_out = NULL;
  g_autofree char *bad_err = NULL;

  g_assert_no_error (error);
  csv = write_file ("korean.csv", cp949, len);
  g_assert_cmpint (run_cli (db, &out, &err, "import", "--map", "메모2=notes", csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "CP949"));
  g_assert_nonnull (strstr (out, "“메모2” → Notes"));
  g_assert_cmpuint (count_volunteers (db), ==, 1);

  g_assert_cmpint (run_cli (db, &bad_out, &bad_err, "import", "--map", "nope=notes", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (bad_err, "nope"));
}

static void
test_export_round_trip (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "export.db", NULL);
  g_autofree char *copy_db = g_build_filename (tmpdir, "copy.db", NULL);
  g_autofree char *csv = write_file ("roster2.csv", roster_csv, -1);
  g_autofree char *exported = g_build_filename (tmpdir, "exported.csv", NULL);
  g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL, *o3 = NULL, *e3 = NULL;
  g_autofree char *o4 = NULL, *e4 = NULL, *o5 = NULL, *e5 = NULL, *o6 = NULL, *e6 = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run_cli (db, &o1, &e1, "import", csv, NULL), ==, 0);
  g_assert_cmpint (run_cli (db, &o2, &e2, "export", "--format", "csv", "--what", "volunteers", exported, NULL), ==, 0);
  g_assert_nonnull (strstr (o2, "Exported 2 rows"));
  g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "ID,Given name,Family name,Korean name"));
  g_assert_nonnull (strstr (contents, "김민수"));

  g_assert_cmpint (run_cli (copy_db, &o3, &e3, "import", exported, NULL), ==, 0);
  g_assert_cmpuint (count_volunteers (copy_db), ==, 2);

  g_assert_cmpint (run_cli (db, &o4, &e4, "export", "--format", "csv", "--what", "hours",
                            "--from", "2026-01-01", "--to", "2026-12-31", "-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (o4, "ID,Name,Korean name,Hours\n"));
  g_assert_cmpint (run_cli (db, &o5, &e5, "export", "--format", "csv", "--what", "signups", "-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (o5, "Shift ID,Role,Occurrence,Name"));

  /* Options that do not belong together are usage errors. */
  g_assert_cmpint (run_cli (db, &o6, &e6, "export", "--format", "csv", "--what", "volunteers",
                            "--from", "2026-01-01", "-", NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIVIC_DESK_BUILD_ROOT") == NULL)
    {
      g_test_skip ("CIVIC_DESK_BUILD_ROOT is not set (run through meson test)");
      return 0;
    }
  tmpdir = g_dir_make_tmp ("civic-cli-roster-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/roster/cli/import", test_import_dry_run_and_commit);
  g_test_add_func ("/roster/cli/import-cp949-map", test_import_cp949_and_map);
  g_test_add_func ("/roster/cli/export-round-trip", test_export_round_trip);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return status;
}
