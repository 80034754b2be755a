/* civic-cli.h — the contract between civic-desk-cli's dispatcher and the
 * commands that each feature contributes
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * civic-cli.c parses `civic-desk-cli [--db PATH] COMMAND [OPTIONS]` and
 * calls one of the functions below with the arguments after COMMAND
 * (argv[0] is the command's own name, as for a main()).  Each returns the
 * process exit status: 0 success, 1 failure (the reason already printed on
 * stderr), 2 bad arguments (a usage message printed on stderr).
 */

#pragma once

#include <glib.h>
#include "civic-store.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_CLI_EXIT_OK = 0,
  CIVIC_CLI_EXIT_FAILURE = 1,
  CIVIC_CLI_EXIT_USAGE = 2,
} CivicCliExit;

typedef struct {
  char       *db_path;   /* --db, else $CIVIC_DESK_DB, else the default */
  CivicStore *store;     /* opened on first civic_cli_context_open_store () */
} CivicCliContext;

/* Opens the store at ctx->db_path once; prints the reason and returns NULL
 * on failure.
 */
CivicStore *civic_cli_context_open_store (CivicCliContext *ctx);
/* Prints "civic-desk-cli: MESSAGE" on stderr. */
void        civic_cli_printerr           (const char *format,
                                          ...) G_GNUC_PRINTF (1, 2);
/* Prints "civic-desk-cli: COMMAND: MESSAGE" and a hint to run
 * `COMMAND --help` on stderr; returns CIVIC_CLI_EXIT_USAGE.  @command may
 * be %NULL for the program's own options.
 */
int         civic_cli_usage_error        (const char *command,
                                          const char *format,
                                          ...) G_GNUC_PRINTF (2, 3);
/* Parses a command's options with a GOptionContext in GETTEXT_PACKAGE
 * (--help prints the help and exits 0).  On a bad option prints it with
 * civic_cli_usage_error() and returns FALSE: return CIVIC_CLI_EXIT_USAGE
 * then.  With @ignore_unknown, options the context does not know stay in
 * @argv for the feature command that the caller dispatches to.
 */
gboolean    civic_cli_parse_options      (const char          *command,
                                          const char          *parameter_string,
                                          const char          *summary,
                                          const char          *description,
                                          const GOptionEntry  *entries,
                                          gboolean             ignore_unknown,
                                          int                 *argc,
                                          char              ***argv);

/* Foundation (cli-*.c in this folder, owned by the foundation). */
int civic_cli_demo    (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_stats   (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_check   (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_backup  (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_restore (CivicCliContext *ctx, int argc, char **argv);
/* `import FILE` and `export --format …` dispatch on the file and options
 * to the feature functions below (cli-import.c, cli-export.c).
 */
int civic_cli_import  (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_export  (CivicCliContext *ctx, int argc, char **argv);

/* Calendar (cli-calendar.c): `import FILE.ics`;
 * `export --format ics [--campaign ID] [--from DATE --to DATE] OUT`.
 */
int civic_cli_import_ics (CivicCliContext *ctx, const char *path);
int civic_cli_export_ics (CivicCliContext *ctx, int argc, char **argv);

/* Roster (cli-roster.c): `import FILE.csv` (volunteers or signups);
 * `export --format csv --what volunteers|signups|hours OUT`.
 */
int civic_cli_import_roster_csv (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_export_roster_csv (CivicCliContext *ctx, int argc, char **argv);

/* Legislative (cli-legislative.c): a CSV whose header is congress-legislators'
 * or Open States' is imported as legislators; *handled is FALSE otherwise.
 * `export --format csv --what legislators|visits|follow-ups|whip-count [--issue NAME] OUT`.
 */
int civic_cli_try_import_legislators_csv (CivicCliContext *ctx, const char *path, gboolean *handled);
int civic_cli_export_legislative_csv     (CivicCliContext *ctx, int argc, char **argv);

/* Sync (cli-sync.c): `sync …`, `server setup …`, `server add-user …`. */
int civic_cli_sync   (CivicCliContext *ctx, int argc, char **argv);
int civic_cli_server (CivicCliContext *ctx, int argc, char **argv);

G_END_DECLS
