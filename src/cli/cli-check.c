/* cli-check.c — `civic-desk-cli check`: integrity and invariants of the database
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cli.h"

int
civic_cli_check (CivicCliContext *ctx,
                 int              argc,
                 char           **argv)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store;

  if (!civic_cli_parse_options ("check", "",
                                _("Check the database’s integrity and invariants."),
                                _("Runs SQLite’s integrity check, then checks that every document "
                                  "has a leaf with a body, that the stored winning revision is the "
                                  "one CouchDB’s rule picks, and that conflict flags and the typed "
                                  "index match the documents.  Exits with status 1 and the reason "
                                  "when something is broken."),
                                NULL, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc > 1)
    return civic_cli_usage_error ("check", _("unexpected argument “%s”"), argv[1]);

  /* A file that cannot be opened is reported as broken too. */
  if (!g_file_test (ctx->db_path, G_FILE_TEST_EXISTS))
    {
      civic_cli_printerr (_("there is no database at %s"), ctx->db_path);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  if (!civic_store_check (store, &error))
    {
      civic_cli_printerr (_("%s is damaged: %s"), ctx->db_path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  g_print (_("%s: no problems found.\n"), ctx->db_path);
  return CIVIC_CLI_EXIT_OK;
}
