/* cli-backup.c — `civic-desk-cli backup` and `restore`: every document with its revision tree
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is the store's own (civic_store_backup()): newline-delimited
 * JSON, one document with its whole revision tree per line, so a restore
 * loses nothing.  "-" stands for standard output or input.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "civic-cli.h"

/* TRUE if @path names the database file itself (or its WAL companions). */
static gboolean
is_database_file (CivicCliContext *ctx,
                  const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFile) db = g_file_new_for_commandline_arg (ctx->db_path);
  g_autofree char *db_name = g_file_get_path (db);
  g_autofree char *wal = g_strconcat (db_name, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_name, "-shm", NULL);
  g_autoptr(GFile) wal_file = g_file_new_for_path (wal);
  g_autoptr(GFile) shm_file = g_file_new_for_path (shm);

  return g_file_equal (file, db) || g_file_equal (file, wal_file) || g_file_equal (file, shm_file);
}

int
civic_cli_backup (CivicCliContext *ctx,
                  int              argc,
                  char           **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  const char *path;
  gboolean to_stdout;
  CivicStore *store;

  if (!civic_cli_parse_options ("backup", _("FILE"),
                                _("Write every document with its revision history to FILE."),
                                _("The backup is newline-delimited JSON, one document with its "
                                  "whole revision tree per line; “restore” reads it back without "
                                  "losing anything.  FILE is replaced (readable by you only); "
                                  "“-” writes to standard output."),
                                NULL, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc < 2)
    return civic_cli_usage_error ("backup", "%s", _("missing FILE"));
  if (argc > 2)
    return civic_cli_usage_error ("backup", _("unexpected argument “%s”"), argv[2]);

  path = argv[1];
  to_stdout = g_str_equal (path, "-");
  if (!to_stdout && is_database_file (ctx, path))
    return civic_cli_usage_error ("backup", _("FILE must not be the database itself (%s)"), path);

  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    {
      civic_cli_printerr (_("there is no database at %s"), ctx->db_path);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  if (to_stdout)
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else
    {
      /* Replaced atomically: a failed backup leaves the previous one. */
      file = g_file_new_for_commandline_arg (path);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE,
                                             G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, &error));
      if (out == NULL)
        {
          civic_cli_printerr (_("cannot write %s: %s"), path, error->message);
          return CIVIC_CLI_EXIT_FAILURE;
        }
    }

  if (!civic_store_backup (store, out, NULL, &error))
    {
      civic_cli_printerr (_("cannot back up %s to %s: %s"), ctx->db_path, path, error->message);
      /* Closing a replace stream commits it, so drop the partial file. */
      if (file != NULL)
        {
          g_autoptr(GCancellable) cancelled = g_cancellable_new ();

          g_cancellable_cancel (cancelled);
          g_output_stream_close (out, cancelled, NULL);
        }
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (!g_output_stream_close (out, NULL, &error))
    {
      civic_cli_printerr (_("cannot write %s: %s"), path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (!to_stdout)
    {
      stats = civic_store_get_stats (store, NULL);
      if (stats != NULL)
        g_print (ngettext ("Backed up %u document of %s to %s.\n",
                           "Backed up %u documents of %s to %s.\n",
                           stats->documents + stats->tombstones),
                 stats->documents + stats->tombstones, ctx->db_path, path);
    }

  return CIVIC_CLI_EXIT_OK;
}

int
civic_cli_restore (CivicCliContext *ctx,
                   int              argc,
                   char           **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  const char *path;
  CivicStore *store;

  if (!civic_cli_parse_options ("restore", _("FILE"),
                                _("Read a backup made by “backup” into an empty database."),
                                _("Every document comes back with its revision history, so "
                                  "replication carries on where it was.  The database must be new "
                                  "or empty (choose a file with --db); a malformed line stops the "
                                  "restore and nothing is written.  “-” reads standard input."),
                                NULL, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc < 2)
    return civic_cli_usage_error ("restore", "%s", _("missing FILE"));
  if (argc > 2)
    return civic_cli_usage_error ("restore", _("unexpected argument “%s”"), argv[2]);

  path = argv[1];
  if (!g_str_equal (path, "-") && is_database_file (ctx, path))
    return civic_cli_usage_error ("restore", _("FILE must not be the database itself (%s)"), path);

  if (g_str_equal (path, "-"))
    in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      in = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      if (in == NULL)
        {
          civic_cli_printerr (_("cannot read %s: %s"), path, error->message);
          return CIVIC_CLI_EXIT_FAILURE;
        }
    }

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  /* Restoring over data would interleave two histories; refuse. */
  if (civic_store_get_update_seq (store) > 0)
    {
      civic_cli_printerr (_("the database %s is not empty; restore into a new file "
                            "(choose one with --db)"), ctx->db_path);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  if (!civic_store_restore (store, in, NULL, &error))
    {
      civic_cli_printerr (_("cannot restore %s into %s: %s"), path, ctx->db_path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  stats = civic_store_get_stats (store, NULL);
  if (stats != NULL)
    g_print (ngettext ("Restored %u document from %s into %s.\n",
                       "Restored %u documents from %s into %s.\n",
                       stats->documents + stats->tombstones),
             stats->documents + stats->tombstones, path, ctx->db_path);

  return CIVIC_CLI_EXIT_OK;
}
