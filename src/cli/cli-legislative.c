/* cli-legislative.c — `import` of legislator lists and `export --format csv` of visits data
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `civic-desk-cli import FILE.csv` offers every CSV here first: a header of
 * congress-legislators' `legislators-current.csv` or of an Open States
 * people CSV is imported as legislators; anything else is left to the
 * roster.  The dispatcher passes only the path, so an Open States file's
 * state comes from its name (`ca.csv`, `CA.csv`, `ca-people.csv`); a file
 * whose name names no state is imported without one, with a warning.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "civic-cli.h"
#include "civic-legislative-export.h"
#include "civic-legislator-import.h"

int
civic_cli_try_import_legislators_csv (CivicCliContext *ctx,
                                      const char      *path,
                                      gboolean        *handled)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicLegislatorImportReport) report = NULL;
  g_autofree char *state = NULL;
  CivicLegislatorFormat format;
  CivicStore *store;

  *handled = FALSE;

  if (!civic_legislator_import_detect_file (file, &format, NULL, &error))
    {
      *handled = TRUE;
      civic_cli_printerr (_("cannot read %s: %s"), path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (format == CIVIC_LEGISLATOR_FORMAT_UNKNOWN)
    return CIVIC_CLI_EXIT_OK;

  *handled = TRUE;

  if (format == CIVIC_LEGISLATOR_FORMAT_OPEN_STATES)
    {
      state = civic_legislator_import_state_from_filename (path);
      if (state == NULL)
        civic_cli_printerr (_("warning: the name of %s does not tell its state (as in "
                              "“ca.csv”); its legislators are imported without one"), path);
    }

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  report = civic_legislator_import_file (store, file, state, NULL, NULL, &error);
  if (report == NULL)
    {
      civic_cli_printerr (_("cannot import %s: %s"), path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < report->skipped->len; i++)
    {
      CivicLegislatorImportSkip *skip = g_ptr_array_index (report->skipped, i);

      /* TRANSLATORS: a skipped row of an imported file: its name, line and the reason */
      g_printerr (_("%s, line %u: skipped: %s\n"), path, skip->line, skip->reason);
    }

  /* TRANSLATORS: the first placeholder is the file, the second its format */
  g_print (_("%s (%s): legislators created: %u, updated: %u, unchanged: %u; rows skipped: %u\n"),
           path, civic_legislator_format_get_label (report->format),
           report->created, report->updated, report->unchanged, report->skipped->len);

  return CIVIC_CLI_EXIT_OK;
}

int
civic_cli_export_legislative_csv (CivicCliContext *ctx,
                                  int              argc,
                                  char           **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *what_text = NULL;
  g_autofree char *issue = NULL;
  g_autofree char *chamber = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CivicLegislativeExport what;
  CivicWhipFilter filter = { NULL, NULL, FALSE };
  gboolean all = FALSE;
  CivicStore *store;
  const char *out;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("“csv”"), N_("FORMAT") },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what_text,
      N_("legislators, visits, follow-ups or whip-count"), N_("WHAT") },
    { "issue", 0, 0, G_OPTION_ARG_STRING, &issue,
      N_("For whip-count: the issue or bill"), N_("NAME") },
    { "chamber", 0, 0, G_OPTION_ARG_STRING, &chamber,
      N_("For whip-count: only this chamber (us_house, us_senate, state_assembly, …)"),
      N_("CHAMBER") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("For whip-count: only this state (two letters)"), N_("STATE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("For whip-count: also every legislator of the chamber and state not visited yet"),
      NULL },
    { NULL }
  };

  if (!civic_cli_parse_options ("export",
                                _("--format csv --what legislators|visits|follow-ups|whip-count "
                                  "[--issue NAME] OUT"),
                                _("Export legislators, visits, follow-ups or a whip count as CSV."),
                                _("OUT “-” writes to standard output."),
                                entries, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (g_strcmp0 (format, "csv") != 0)
    return civic_cli_usage_error ("export", "%s", _("these exports need --format csv"));

  if (!civic_legislative_export_from_string (what_text, &what))
    return civic_cli_usage_error ("export", "%s",
                                  _("--what must be legislators, visits, follow-ups or whip-count"));

  if (what == CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT && (issue == NULL || issue[0] == '\0'))
    return civic_cli_usage_error ("export", "%s",
                                  _("a whip count needs --issue NAME (an issue or a bill)"));

  if (argc != 2)
    return civic_cli_usage_error ("export", "%s",
                                  argc < 2 ? _("missing OUT (a file, or “-”)")
                                           : _("more than one OUT"));
  out = argv[1];

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  filter.chamber = chamber;
  filter.state = state;
  filter.include_unvisited = all;

  text = civic_legislative_export_csv (store, what, issue, &filter, NULL, &error);
  if (text == NULL)
    {
      civic_cli_printerr (_("cannot export %s: %s"), what_text, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (g_str_equal (out, "-"))
    {
      gsize length = strlen (text);

      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          civic_cli_printerr (_("cannot write to standard output"));
          return CIVIC_CLI_EXIT_FAILURE;
        }
      return CIVIC_CLI_EXIT_OK;
    }

  if (!g_file_set_contents (out, text, -1, &error))
    {
      civic_cli_printerr (_("cannot write %s: %s"), out, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  return CIVIC_CLI_EXIT_OK;
}
