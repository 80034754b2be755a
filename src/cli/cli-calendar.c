/* cli-calendar.c — placeholder until the calendar feature lands its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "civic-cli"
#include "config.h"
#include "civic-cli.h"

int
civic_cli_import_ics (CivicCliContext *ctx, const char *path)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

int
civic_cli_export_ics (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

