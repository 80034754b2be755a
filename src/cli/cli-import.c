/* cli-import.c — `civic-desk-cli import FILE`: hands the file to the feature that reads it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `.ics` files are events (cli-calendar.c).  A `.csv` file is offered to
 * the legislative feature first, which takes congress-legislators' and Open
 * States' headers; any other CSV is a roster of volunteers or signups
 * (cli-roster.c), which gets the whole command line for its own options.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "civic-cli.h"

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  size_t len = strlen (path);
  size_t suffix_len = strlen (suffix);

  return len > suffix_len && g_ascii_strcasecmp (path + len - suffix_len, suffix) == 0;
}

static gboolean
is_help (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?")
         || g_str_equal (arg, "--help-all");
}

int
civic_cli_import (CivicCliContext *ctx,
                  int              argc,
                  char           **argv)
{
  g_auto(GStrv) copy = NULL;
  int copy_argc = argc;
  const char *path;
  gboolean handled = FALSE;
  int status;

  /* Options belong to the feature that reads the file, so they are only
   * checked here for --help; the file is the last argument.
   */
  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  for (int i = 1; i < argc; i++)
    if (is_help (argv[i]))
      {
        char **parse_argv = copy;

        civic_cli_parse_options ("import", _("[OPTIONS…] FILE"),
                                 _("Import events, volunteers, signups or legislators."),
                                 _("FILE.ics: events from another calendar (iCalendar).\n"
                                   "FILE.csv: legislators when its header is congress-legislators’ "
                                   "or Open States’; otherwise volunteers or signups (the roster’s "
                                   "columns).  Run with a file to see the options its importer "
                                   "takes."),
                                 NULL, TRUE, &copy_argc, &parse_argv);
        return CIVIC_CLI_EXIT_OK;
      }

  if (argc < 2)
    return civic_cli_usage_error ("import", "%s", _("missing FILE"));

  path = argv[argc - 1];
  if (path[0] == '-')
    return civic_cli_usage_error ("import", _("missing FILE after the option “%s”"), path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      civic_cli_printerr (_("there is no file %s"), path);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (has_suffix_ci (path, ".ics") || has_suffix_ci (path, ".ical") || has_suffix_ci (path, ".ifb"))
    {
      if (argc > 2)
        return civic_cli_usage_error ("import", _("unexpected argument “%s”"), argv[1]);
      return civic_cli_import_ics (ctx, path);
    }

  if (has_suffix_ci (path, ".csv"))
    {
      status = civic_cli_try_import_legislators_csv (ctx, path, &handled);
      if (handled)
        return status;
      return civic_cli_import_roster_csv (ctx, argc, argv);
    }

  return civic_cli_usage_error ("import", _("cannot tell what %s holds: the name should end in "
                                            "“.ics” (events) or “.csv” (people or legislators)"),
                                path);
}
