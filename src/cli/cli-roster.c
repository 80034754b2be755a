/* cli-roster.c — placeholder until the roster feature lands its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "civic-cli"
#include "config.h"
#include "civic-cli.h"

int
civic_cli_import_roster_csv (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

int
civic_cli_export_roster_csv (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

