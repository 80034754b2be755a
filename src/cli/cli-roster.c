/* cli-roster.c — `import FILE.csv` (volunteers and signups) and `export --format csv --what volunteers|signups|hours`
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import maps the columns automatically (civic-roster-import.h), lets
 * --map change a column, prints the mapping and a report of what was
 * imported, skipped (with line numbers and reasons) and found twice, and
 * writes everything in one transaction; --dry-run prints the same report
 * and a preview, and writes nothing.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "civic-cli.h"
#include "civic-csv.h"
#include "civic-record.h"
#include "civic-roster-export.h"
#include "civic-roster-import.h"

#define PREVIEW_ROWS 5

/* "Cell Phone=phone" or "3=phone": column by header (case-insensitive) or
 * 1-based number, field by civic_roster_field_name ().
 */
static gboolean
apply_mapping (CivicRosterImport *plan,
               const char        *spec)
{
  g_autoptr(GError) error = NULL;
  const char *eq = strrchr (spec, '=');
  g_autofree char *column_name = NULL;
  CivicRosterField field;
  guint n = civic_roster_import_get_n_columns (plan);
  guint column = G_MAXUINT;
  guint64 number;

  if (eq == NULL)
    {
      civic_cli_usage_error ("import", _("--map “%s” is not COLUMN=FIELD"), spec);
      return FALSE;
    }
  column_name = g_strndup (spec, (gsize) (eq - spec));
  if (!civic_roster_field_from_name (eq + 1, &field))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < CIVIC_ROSTER_N_FIELDS; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", civic_roster_field_name (i));
      civic_cli_usage_error ("import", _("--map: unknown field “%s”; fields are %s"), eq + 1, names->str);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    if (g_utf8_collate (civic_roster_import_get_header (plan, i), column_name) == 0
        || g_ascii_strcasecmp (civic_roster_import_get_header (plan, i), column_name) == 0)
      column = i;
  if (column == G_MAXUINT && g_ascii_string_to_unsigned (column_name, 10, 1, n, &number, NULL))
    column = (guint) number - 1;
  if (column == G_MAXUINT)
    {
      civic_cli_usage_error ("import", _("--map: the file has no column “%s”"), column_name);
      return FALSE;
    }

  if (!civic_roster_import_set_column_field (plan, column, field, &error))
    {
      civic_cli_printerr ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
print_mapping (CivicRosterImport *plan,
               const char        *path)
{
  g_auto(GStrv) unmapped = civic_roster_import_dup_unmapped (plan);
  guint n = civic_roster_import_get_n_columns (plan);

  g_print (ngettext ("%s: %u row, %s\n", "%s: %u rows, %s\n", civic_roster_import_get_n_rows (plan)),
           path, civic_roster_import_get_n_rows (plan), civic_roster_import_get_encoding (plan));
  for (guint i = 0; i < n; i++)
    {
      CivicRosterField field = civic_roster_import_get_column_field (plan, i);

      if (field != CIVIC_ROSTER_FIELD_IGNORE)
        /* TRANSLATORS: a column of the file and the field it fills: "  “Mobile” → Phone" */
        g_print (_("  “%s” → %s\n"), civic_roster_import_get_header (plan, i), civic_roster_field_label (field));
    }
  if (unmapped[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("”, “", unmapped);

      g_print (_("Not imported: “%s” (map one with --map COLUMN=FIELD)\n"), list);
    }
}

static void
print_preview (CivicRosterImport *plan)
{
  g_autoptr(GPtrArray) preview = civic_roster_import_preview (plan, PREVIEW_ROWS);

  g_print ("%s\n", _("Preview:"));
  for (guint r = 0; r < preview->len; r++)
    {
      GStrv values = g_ptr_array_index (preview, r);
      g_autoptr(GString) line = g_string_new ("  ");

      for (guint f = 0; f < CIVIC_ROSTER_N_FIELDS; f++)
        if (values[f][0] != '\0')
          g_string_append_printf (line, "%s%s: %s", line->len > 2 ? " | " : "",
                                  civic_roster_field_label (f), values[f]);
      g_print ("%s\n", line->str);
    }
}

int
civic_cli_import_roster_csv (CivicCliContext *ctx,
                             int              argc,
                             char           **argv)
{
  gboolean dry_run = FALSE;
  gboolean import_duplicates = FALSE;
  g_auto(GStrv) maps = NULL;
  g_autofree char *user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  CivicStore *store;
  const char *path;
  char *contents = NULL;
  gsize length = 0;
  GPtrArray *rows;
  guint ok = 0, invalid = 0, duplicates = 0;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show the mapping, a preview and the report; write nothing"), NULL },
    { "import-duplicates", 0, 0, G_OPTION_ARG_NONE, &import_duplicates,
      N_("Import rows that match a volunteer already known (same phone, e-mail or name) as new volunteers"), NULL },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read column COLUMN (its title or number) as FIELD (given_name, family_name, full_name, "
         "name_ko, phone, email, languages, skills, office, …, or ignore)"), N_("COLUMN=FIELD") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("The name written as the author of the new records (default: the login name)"), N_("NAME") },
    { NULL }
  };

  if (!civic_cli_parse_options ("import", _("[OPTIONS…] FILE.csv"),
                                _("Import volunteers (and their signups) from a CSV file."),
                                _("Columns are recognized by their titles (given/first name, family/last "
                                  "name, Korean name, phone, email, languages, skills, office, age group, "
                                  "notes, and Mobilize’s and VAN’s export columns).  A column of shift "
                                  "ids also creates signups.  Rows that cannot be imported are reported "
                                  "with their line numbers; duplicates of known volunteers are skipped.  "
                                  "Everything is written in one transaction.  Files may be UTF-8 (with or "
                                  "without BOM) or Korean Excel’s CP949."),
                                entries, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc != 2)
    return civic_cli_usage_error ("import", "%s", argc < 2 ? _("missing FILE") : _("more than one FILE"));
  path = argv[1];

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      civic_cli_printerr ("%s", error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  bytes = g_bytes_new_take (contents, length);

  plan = civic_roster_import_prepare (bytes, &error);
  if (plan == NULL)
    {
      civic_cli_printerr ("%s: %s", path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!apply_mapping (plan, maps[i]))
      return CIVIC_CLI_EXIT_USAGE;
  civic_roster_import_set_import_duplicates (plan, import_duplicates);
  if (user != NULL)
    civic_roster_import_set_user_name (plan, user);

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  print_mapping (plan, path);
  if (!civic_roster_import_evaluate (plan, store, &error))
    {
      civic_cli_printerr ("%s: %s", path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  rows = civic_roster_import_get_rows (plan);
  for (guint i = 0; i < rows->len; i++)
    {
      CivicRosterImportRow *row = g_ptr_array_index (rows, i);

      if (row->status == CIVIC_ROSTER_ROW_OK)
        ok++;
      else if (row->status == CIVIC_ROSTER_ROW_INVALID)
        invalid++;
      else
        duplicates++;
    }

  if (dry_run)
    {
      print_preview (plan);
      messages = civic_roster_import_dup_messages (plan);
      for (guint i = 0; i < messages->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (messages, i));
      g_print (_("Rows to import: %u; rows with errors: %u; duplicates to skip: %u. "
                 "Nothing was written (--dry-run).\n"),
               ok + (import_duplicates ? duplicates : 0), invalid, import_duplicates ? 0 : duplicates);
      return CIVIC_CLI_EXIT_OK;
    }

  if (!civic_roster_import_commit (plan, store, &report, &error))
    {
      messages = civic_roster_import_dup_messages (plan);
      for (guint i = 0; i < messages->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (messages, i));
      civic_cli_printerr (_("%s: nothing was imported: %s"), path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < report->messages->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (report->messages, i));
  g_print (_("Volunteers imported: %u; signups imported: %u; rows skipped with errors: %u; "
             "duplicates skipped: %u\n"),
           report->imported, report->signups, report->skipped, report->duplicates);
  return CIVIC_CLI_EXIT_OK;
}

/* ---- Export ---------------------------------------------------------------- */

/* A date given as the last day to include becomes the exclusive end the
 * hours report takes ("2026-11-08" → "2026-11-09"); instants stay.
 */
static char *
inclusive_end (const char *to)
{
  GDate date;
  char buf[16];
  guint y, m, d;

  if (!civic_is_date (to) || sscanf (to, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return g_strdup (to);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&date, 1);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  return g_strdup (buf);
}

static gboolean
valid_bound (const char *value)
{
  return value == NULL || civic_is_date (value) || civic_is_utc_instant (value);
}

int
civic_cli_export_roster_csv (CivicCliContext *ctx,
                             int              argc,
                             char           **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *what = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *shift = NULL;
  g_autofree char *occurrence = NULL;
  g_autofree char *to_exclusive = NULL;
  gboolean bom = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  CivicStore *store;
  const char *path;
  gboolean ok;
  guint rows = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv"), N_("FORMAT") },
    { "what", 0, 0, G_OPTION_ARG_STRING, &what, N_("volunteers, signups or hours"), N_("WHAT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Hours: work that started on or after DATE (YYYY-MM-DD or a UTC instant)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Hours: work that started on or before DATE (the whole day counts)"), N_("DATE") },
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign, N_("Hours: only this campaign’s events"), N_("ID") },
    { "shift", 0, 0, G_OPTION_ARG_STRING, &shift, N_("Signups: only this shift (default: every shift)"), N_("ID") },
    { "occurrence", 0, 0, G_OPTION_ARG_STRING, &occurrence,
      N_("Signups: only this occurrence of a repeating event"), N_("DATE") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start the file with a byte-order mark, so Excel opens it as UTF-8"), NULL },
    { NULL }
  };

  if (!civic_cli_parse_options ("export", _("--format csv --what volunteers|signups|hours [OPTIONS…] OUT"),
                                _("Export the roster, signups or hours worked as CSV."),
                                _("OUT “-” writes to standard output.  Files are UTF-8 with LF line ends."),
                                entries, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (g_strcmp0 (format, "csv") != 0)
    return civic_cli_usage_error ("export", "%s", _("the roster exports --format csv"));
  if (argc != 2)
    return civic_cli_usage_error ("export", "%s", argc < 2 ? _("missing OUT") : _("more than one OUT"));
  path = argv[1];
  if (!valid_bound (from) || !valid_bound (to))
    return civic_cli_usage_error ("export", _("“%s” is not a date (YYYY-MM-DD) or a UTC instant"),
                                  !valid_bound (from) ? from : to);
  if (occurrence != NULL && !civic_is_date (occurrence))
    return civic_cli_usage_error ("export", _("“%s” is not a date (YYYY-MM-DD)"), occurrence);
  if ((from != NULL || to != NULL || campaign != NULL) && g_strcmp0 (what, "hours") != 0)
    return civic_cli_usage_error ("export", "%s", _("--from, --to and --campaign are for --what hours"));
  if ((shift != NULL || occurrence != NULL) && g_strcmp0 (what, "signups") != 0)
    return civic_cli_usage_error ("export", "%s", _("--shift and --occurrence are for --what signups"));

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  out = civic_csv_buffer_new (bom ? CIVIC_CSV_WRITE_BOM : CIVIC_CSV_WRITE_NONE);
  if (g_strcmp0 (what, "volunteers") == 0)
    ok = civic_roster_export_volunteers (store, out, &error);
  else if (g_strcmp0 (what, "signups") == 0)
    ok = civic_roster_export_signups (store, shift, occurrence, out, &error);
  else if (g_strcmp0 (what, "hours") == 0)
    {
      to_exclusive = to != NULL ? inclusive_end (to) : NULL;
      ok = civic_roster_export_hours (store, from, to_exclusive, campaign, out, &error);
    }
  else
    return civic_cli_usage_error ("export", _("cannot export “%s” as a roster: use volunteers, signups or hours"),
                                  what != NULL ? what : "");
  if (!ok)
    {
      civic_cli_printerr (_("could not export %s: %s"), what, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  table = civic_csv_parse (out->str, out->len, NULL);
  if (table != NULL)
    rows = table->records->len - 1;

  if (g_str_equal (path, "-"))
    {
      fwrite (out->str, 1, out->len, stdout);
      fflush (stdout);
      return CIVIC_CLI_EXIT_OK;
    }
  if (!g_file_set_contents (path, out->str, out->len, &error))
    {
      civic_cli_printerr ("%s", error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  /* TRANSLATORS: "Exported 12 rows of volunteers to roster.csv" */
  g_print (ngettext ("Exported %u row of %s to %s\n", "Exported %u rows of %s to %s\n", rows), rows, what, path);
  return CIVIC_CLI_EXIT_OK;
}
