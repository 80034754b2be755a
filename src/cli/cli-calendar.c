/* cli-calendar.c — `civic-desk-cli import FILE.ics` and `export --format ics`
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "civic-cal-time.h"
#include "civic-cli.h"
#include "civic-ical.h"

int
civic_cli_import_ics (CivicCliContext *ctx,
                      const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CivicIcalImportReport) report = NULL;
  CivicStore *store;

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  report = civic_ical_import_file (store, file, NULL, NULL, &error);
  if (report == NULL)
    {
      civic_cli_printerr (_("%s was not imported (nothing was changed): %s"), path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  /* TRANSLATORS: a summary of an import: counts of events */
  g_print (_("Imported %s: %u created, %u updated, %u unchanged, %u skipped\n"), path,
           report->created, report->updated, report->unchanged, report->skipped->len);
  for (guint i = 0; i < report->skipped->len; i++)
    g_print (_("Skipped: %s\n"), (const char *) g_ptr_array_index (report->skipped, i));
  for (guint i = 0; i < report->notes->len; i++)
    g_print (_("Note: %s\n"), (const char *) g_ptr_array_index (report->notes, i));

  return CIVIC_CLI_EXIT_OK;
}

/* "YYYY-MM-DD" is local midnight (of the next day for an end, so that
 * --to names the last day exported); an ISO 8601 instant is taken as is.
 */
static GDateTime *
parse_range_bound (const char *text,
                   gboolean    is_end)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  GDate date;

  if (civic_cal_parse_date (text, &date))
    {
      if (is_end)
        g_date_add_days (&date, 1);
      return civic_cal_date_start (&date, local);
    }
  if (strchr (text, 'T') != NULL)
    {
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, local);

      return parsed != NULL ? g_date_time_to_utc (parsed) : NULL;
    }
  return NULL;
}

int
civic_cli_export_ics (CivicCliContext *ctx,
                      int              argc,
                      char           **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) copy = NULL;
  g_autofree char *text = NULL;
  CivicIcalExportFilter filter = { 0 };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("“ics” (iCalendar)"), N_("FORMAT") },
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign,
      N_("Only the events of this campaign (e.g. campaign:general-2026)"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only events from this day on (YYYY-MM-DD, local time)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only events until this day, included (YYYY-MM-DD)"), N_("DATE") },
    { NULL }
  };
  char **parse_argv;
  int parse_argc = argc;
  const char *out;
  CivicStore *store;
  guint count = 0;

  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  /* GOptionContext rearranges the array it parses; keep @copy whole to free it. */
  parse_argv = g_memdup2 (copy, sizeof (char *) * (argc + 1));
  if (!civic_cli_parse_options ("export", _("--format ics [--campaign ID] [--from DATE --to DATE] OUT"),
                                _("Export events to an iCalendar (.ics) file."),
                                _("OUT is the file to write, or “-” for the standard output.  "
                                  "Repeating events are written once, with their rule, exceptions "
                                  "and skipped dates."),
                                entries, FALSE, &parse_argc, &parse_argv))
    {
      g_free (parse_argv);
      return CIVIC_CLI_EXIT_USAGE;
    }

  if (parse_argc != 2)
    {
      int status;

      if (parse_argc < 2)
        status = civic_cli_usage_error ("export", "%s", _("missing OUT, the file to write"));
      else
        status = civic_cli_usage_error ("export", _("unexpected argument “%s”"), parse_argv[2]);
      g_free (parse_argv);
      return status;
    }
  /* The string belongs to @copy. */
  out = parse_argv[1];
  g_free (parse_argv);

  if (format != NULL && !g_str_equal (format, "ics"))
    return civic_cli_usage_error ("export", _("unknown format “%s”"), format);

  if ((from_text != NULL) != (to_text != NULL))
    return civic_cli_usage_error ("export", "%s", _("--from and --to go together"));
  if (from_text != NULL)
    {
      from = parse_range_bound (from_text, FALSE);
      if (from == NULL)
        return civic_cli_usage_error ("export", _("--from “%s” is not a date (YYYY-MM-DD)"), from_text);
      to = parse_range_bound (to_text, TRUE);
      if (to == NULL)
        return civic_cli_usage_error ("export", _("--to “%s” is not a date (YYYY-MM-DD)"), to_text);
      if (g_date_time_compare (from, to) >= 0)
        return civic_cli_usage_error ("export", "%s", _("--to is before --from"));
    }

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  filter.campaign_id = campaign;
  filter.from = from;
  filter.to = to;
  text = civic_ical_export (store, &filter, &count, &error);
  if (text == NULL)
    {
      civic_cli_printerr (_("nothing was exported: %s"), error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (g_str_equal (out, "-"))
    {
      fwrite (text, 1, strlen (text), stdout);
      fflush (stdout);
      return CIVIC_CLI_EXIT_OK;
    }

  if (!g_file_set_contents (out, text, -1, &error))
    {
      civic_cli_printerr (_("cannot write %s: %s"), out, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  g_print (ngettext ("Exported %u event to %s\n", "Exported %u events to %s\n", count), count, out);
  return CIVIC_CLI_EXIT_OK;
}
