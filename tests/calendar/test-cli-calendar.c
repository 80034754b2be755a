/* test-cli-calendar.c — `civic-desk-cli import FILE.ics` and `export --format ics`, run as a subprocess
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-calendar"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "civic-json.h"
#include "civic-store.h"

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

/* Runs civic-desk-cli --db @db with @args (NULL-terminated) in the C locale. */
static CliResult *
run_cli (const char         *db,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "America/Los_Angeles", TRUE);
  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
  return result;
}

#define RUN(db, ...) run_cli ((db), (const char *[]) { __VA_ARGS__, NULL })

/* Removes the databases and files the tests wrote (no subfolders). */
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

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "calendar", "data", name, NULL);
}

static char *
new_db (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static guint
count_events (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (db, &error);

  g_assert_no_error (error);
  return civic_store_count (store, "event", NULL);
}

static void
test_import (void)
{
  g_autofree char *db = new_db ("import.db");
  g_autofree char *google = data_path ("google.ics");
  g_autofree char *outlook = data_path ("outlook.ics");
  g_autoptr(CliResult) first = RUN (db, "import", google);
  g_autoptr(CliResult) second = NULL;
  g_autoptr(CliResult) third = NULL;

  g_assert_cmpint (first->status, ==, 0);
  g_assert_nonnull (strstr (first->out, "4 created, 0 updated, 0 unchanged, 0 skipped"));
  g_assert_cmpuint (count_events (db), ==, 4);

  /* Again: nothing new. */
  second = RUN (db, "import", google);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_nonnull (strstr (second->out, "0 created, 0 updated, 4 unchanged"));
  g_assert_cmpuint (count_events (db), ==, 4);

  third = RUN (db, "import", outlook);
  g_assert_cmpint (third->status, ==, 0);
  g_assert_nonnull (strstr (third->out, "3 created"));
  g_assert_cmpuint (count_events (db), ==, 7);
}

static void
test_import_reports (void)
{
  g_autofree char *db = new_db ("reports.db");
  g_autofree char *vtodo = data_path ("vtodo.ics");
  g_autofree char *truncated = data_path ("truncated.ics");
  g_autofree char *junk = g_build_filename (tmp_dir, "junk.ics", NULL);
  g_autoptr(CliResult) skipped = RUN (db, "import", vtodo);
  g_autoptr(CliResult) cut = RUN (db, "import", truncated);
  g_autoptr(CliResult) binary = NULL;
  g_autoptr(GError) error = NULL;
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  g_assert_cmpint (skipped->status, ==, 0);
  g_assert_nonnull (strstr (skipped->out, "1 created, 0 updated, 0 unchanged, 2 skipped"));
  g_assert_nonnull (strstr (skipped->out, "Skipped: line 4: a task (VTODO)"));
  g_assert_nonnull (strstr (skipped->out, "Skipped: line 18: a journal entry (VJOURNAL)"));

  /* A malformed file: exit 1, the line named, nothing imported. */
  g_assert_cmpint (cut->status, ==, 1);
  g_assert_nonnull (strstr (cut->err, "line 14: "));
  g_assert_nonnull (strstr (cut->err, "END:VEVENT"));
  g_assert_cmpuint (count_events (db), ==, 1);

  g_file_set_contents (junk, png, sizeof png - 1, &error);
  g_assert_no_error (error);
  binary = RUN (db, "import", junk);
  g_assert_cmpint (binary->status, ==, 1);
  g_assert_nonnull (strstr (binary->err, "line 1: binary data"));
  g_assert_cmpuint (count_events (db), ==, 1);
}

static void
test_export (void)
{
  g_autofree char *db = new_db ("export.db");
  g_autofree char *db2 = new_db ("export-back.db");
  g_autofree char *google = data_path ("google.ics");
  g_autofree char *thunderbird = data_path ("thunderbird.ics");
  g_autofree char *all = g_build_filename (tmp_dir, "all.ics", NULL);
  g_autofree char *october = g_build_filename (tmp_dir, "october.ics", NULL);
  g_autofree char *campaign = g_build_filename (tmp_dir, "campaign.ics", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CliResult) imported = RUN (db, "import", google);
  g_autoptr(CliResult) imported2 = RUN (db, "import", thunderbird);
  g_autoptr(CliResult) exported = RUN (db, "export", "--format", "ics", all);
  g_autoptr(CliResult) ranged = RUN (db, "export", "--format", "ics", "--from", "2026-10-10", "--to", "2026-10-10",
                                     october);
  g_autoptr(CliResult) none = RUN (db, "export", "--format", "ics", "--campaign", "campaign:none", campaign);
  g_autoptr(CliResult) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (imported->status, ==, 0);
  g_assert_cmpint (imported2->status, ==, 0);
  g_assert_cmpint (exported->status, ==, 0);
  g_assert_nonnull (strstr (exported->out, "Exported 6 events"));
  g_file_get_contents (all, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (contents, "TZID:America/New_York\r\n"));
  g_assert_nonnull (strstr (contents, "RECURRENCE-ID;TZID=America/Los_Angeles:20261018T180000\r\n"));

  /* Saturday October 10 in Los Angeles: the registration drive only (the
   * rally is on first Saturdays, the phone bank on Sundays).
   */
  g_assert_cmpint (ranged->status, ==, 0);
  g_assert_nonnull (strstr (ranged->out, "Exported 1 event "));

  g_assert_cmpint (none->status, ==, 1);
  g_assert_nonnull (strstr (none->err, "nothing was exported"));
  g_assert_false (g_file_test (campaign, G_FILE_TEST_EXISTS));

  /* The export reads back in as the same six events. */
  back = RUN (db2, "import", all);
  g_assert_cmpint (back->status, ==, 0);
  g_assert_nonnull (strstr (back->out, "6 created"));
  g_assert_cmpuint (count_events (db2), ==, 6);
}

static void
test_usage (void)
{
  g_autofree char *db = new_db ("usage.db");
  g_autoptr(CliResult) no_out = RUN (db, "export", "--format", "ics");
  g_autoptr(CliResult) half_range = RUN (db, "export", "--format", "ics", "--from", "2026-10-01", "x.ics");
  g_autoptr(CliResult) bad_date = RUN (db, "export", "--format", "ics", "--from", "October", "--to", "2026-10-31",
                                       "x.ics");
  g_autoptr(CliResult) help = RUN (db, "export", "--format", "ics", "--help");

  g_assert_cmpint (no_out->status, ==, 2);
  g_assert_cmpint (half_range->status, ==, 2);
  g_assert_nonnull (strstr (half_range->err, "--from and --to"));
  g_assert_cmpint (bad_date->status, ==, 2);
  g_assert_nonnull (strstr (bad_date->err, "October"));
  g_assert_cmpint (help->status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *build_root = g_getenv ("CIVIC_DESK_BUILD_ROOT");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (build_root);
  cli_path = g_build_filename (build_root, "src", "cli", "civic-desk-cli", NULL);
  tmp_dir = g_dir_make_tmp ("civic-cli-calendar-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/calendar/import", test_import);
  g_test_add_func ("/cli/calendar/import-reports", test_import_reports);
  g_test_add_func ("/cli/calendar/export", test_export);
  g_test_add_func ("/cli/calendar/usage", test_usage);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (cli_path);
  g_free (tmp_dir);
  return status;
}
