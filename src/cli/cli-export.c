/* cli-export.c — `civic-desk-cli export --format …`: hands the export to the feature that writes it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `--format ics` goes to the calendar (cli-calendar.c); `--format csv`
 * goes to the roster or the legislative feature by `--what`.  The feature
 * gets the whole command line (--format and --what included) and parses
 * its own options.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cli.h"

static const char * const roster_what[] = { "volunteers", "signups", "hours", NULL };
static const char * const legislative_what[] = { "legislators", "visits", "follow-ups", "whip-count", NULL };

int
civic_cli_export (CivicCliContext *ctx,
                  int              argc,
                  char           **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *what = NULL;
  g_auto(GStrv) copy = NULL;
  char **parse_argv;
  int parse_argc = argc;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("“ics” (events) or “csv”"), N_("FORMAT") },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what,
      N_("For csv: volunteers, signups, hours, legislators, visits, follow-ups or whip-count"),
      N_("WHAT") },
    { NULL }
  };

  /* Parse a copy: the feature gets the command line as it was typed. */
  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  parse_argv = g_memdup2 (copy, sizeof (char *) * (argc + 1));

  if (!civic_cli_parse_options ("export", _("--format FORMAT [--what WHAT] [OPTIONS…] OUT"),
                                _("Export events as iCalendar, or people and visits as CSV."),
                                _("Events: --format ics [--campaign ID] [--from DATE --to DATE] OUT\n"
                                  "Roster: --format csv --what volunteers|signups|hours OUT\n"
                                  "Visits: --format csv --what legislators|visits|follow-ups|whip-count "
                                  "[--issue NAME] OUT\n"
                                  "OUT “-” writes to standard output."),
                                entries, TRUE, &parse_argc, &parse_argv))
    {
      g_free (parse_argv);
      return CIVIC_CLI_EXIT_USAGE;
    }
  g_free (parse_argv);

  if (format == NULL)
    return civic_cli_usage_error ("export", "%s", _("missing --format (ics or csv)"));

  if (g_str_equal (format, "ics"))
    return civic_cli_export_ics (ctx, argc, argv);

  if (!g_str_equal (format, "csv"))
    return civic_cli_usage_error ("export", _("unknown format “%s”: use ics or csv"), format);

  if (what == NULL)
    return civic_cli_usage_error ("export", "%s",
                                  _("--format csv needs --what: volunteers, signups, hours, "
                                    "legislators, visits, follow-ups or whip-count"));

  if (g_strv_contains (roster_what, what))
    return civic_cli_export_roster_csv (ctx, argc, argv);
  if (g_strv_contains (legislative_what, what))
    return civic_cli_export_legislative_csv (ctx, argc, argv);

  return civic_cli_usage_error ("export", _("cannot export “%s”: use volunteers, signups, hours, "
                                            "legislators, visits, follow-ups or whip-count"), what);
}
