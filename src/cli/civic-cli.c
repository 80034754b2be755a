/* civic-cli.c — civic-desk-cli's entry point: global options and the command dispatcher
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <locale.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "civic-cli.h"

typedef int (*CivicCliCommandFunc) (CivicCliContext *ctx,
                                    int              argc,
                                    char           **argv);

typedef struct {
  const char          *name;
  CivicCliCommandFunc  func;
  const char          *summary;  /* N_() */
} CivicCliCommand;

static const CivicCliCommand commands[] = {
  { "demo", civic_cli_demo, N_("Load the sample organization into an empty database") },
  { "stats", civic_cli_stats, N_("Count documents per type, conflicts and tombstones") },
  { "check", civic_cli_check, N_("Check the database’s integrity and invariants") },
  { "backup", civic_cli_backup, N_("Write every document with its revision history to a file") },
  { "restore", civic_cli_restore, N_("Read a backup into an empty database") },
  { "import", civic_cli_import, N_("Import events (.ics), volunteers, signups or legislators (.csv)") },
  { "export", civic_cli_export, N_("Export events (.ics) or volunteers, hours and visits (.csv)") },
  { "sync", civic_cli_sync, N_("Replicate with a CouchDB server") },
  { "server", civic_cli_server, N_("Set up a CouchDB server and its users") },
};

static void
cli_vprinterr (const char *prefix,
               const char *format,
               va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (prefix != NULL)
    g_printerr ("civic-desk-cli: %s: %s\n", prefix, message);
  else
    g_printerr ("civic-desk-cli: %s\n", message);
}

void
civic_cli_printerr (const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  cli_vprinterr (NULL, format, args);
  va_end (args);
}

int
civic_cli_usage_error (const char *command,
                       const char *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  cli_vprinterr (command, format, args);
  va_end (args);

  if (command != NULL)
    /* TRANSLATORS: the placeholder is a command such as “backup” */
    g_printerr (_("Try “civic-desk-cli %s --help” for more information.\n"), command);
  else
    g_printerr (_("Try “civic-desk-cli --help” for more information.\n"));

  return CIVIC_CLI_EXIT_USAGE;
}

gboolean
civic_cli_parse_options (const char          *command,
                         const char          *parameter_string,
                         const char          *summary,
                         const char          *description,
                         const GOptionEntry  *entries,
                         gboolean             ignore_unknown,
                         int                 *argc,
                         char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;

  /* The help's usage line reads "civic-desk-cli COMMAND [OPTION…] …". */
  prgname = g_strdup_printf ("civic-desk-cli %s", command);
  g_set_prgname (prgname);

  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_ignore_unknown_options (context, ignore_unknown);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      civic_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

CivicStore *
civic_cli_context_open_store (CivicCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (ctx->store != NULL)
    return ctx->store;

  /* The profile's folder holds personal data, so only its owner may look
   * inside; an existing folder keeps the mode it has.
   */
  dir = g_path_get_dirname (ctx->db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      civic_cli_printerr (_("cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  ctx->store = civic_store_open (ctx->db_path, &error);
  if (ctx->store == NULL)
    {
      civic_cli_printerr (_("cannot open the database %s: %s"), ctx->db_path, error->message);
      return NULL;
    }

  return ctx->store;
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-*s  %s", width, commands[i].name, _(commands[i].summary));

  g_string_append (text, "\n\n");
  g_string_append (text, _("Run “civic-desk-cli COMMAND --help” for a command’s options. "
                           "The database is the file given by --db, else $CIVIC_DESK_DB, "
                           "else civic-desk/civic-desk.db in the user’s data folder."));

  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  CivicCliContext ctx = { NULL, NULL };
  const CivicCliCommand *command = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database file to use"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the program’s version"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("civic-desk-cli");

  description = describe_commands ();
  context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Work with a Civic Desk database from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Global options come before the command; everything from the command
   * on belongs to it, so parsing stops at the first non-option.
   */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return civic_cli_usage_error (NULL, "%s", error->message);

  if (version)
    {
      g_print ("civic-desk-cli %s\n", PACKAGE_VERSION);
      return CIVIC_CLI_EXIT_OK;
    }

  if (argc < 2)
    return civic_cli_usage_error (NULL, "%s", _("no command given"));

  /* `help COMMAND` is `COMMAND --help`. */
  if (g_str_equal (argv[1], "help"))
    {
      if (argc < 3)
        {
          g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

          g_print ("%s", help);
          return CIVIC_CLI_EXIT_OK;
        }
      argv[1] = argv[2];
      argv[2] = (char *) "--help";
      argc = 3;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      command = &commands[i];

  if (command == NULL)
    return civic_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);

  if (db_path != NULL && *db_path == '\0')
    return civic_cli_usage_error (NULL, "%s", _("--db needs a file name"));

  ctx.db_path = db_path != NULL ? g_steal_pointer (&db_path) : civic_store_default_path ();

  status = command->func (&ctx, argc - 1, argv + 1);

  g_clear_object (&ctx.store);
  g_free (ctx.db_path);

  return status;
}
