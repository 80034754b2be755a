/* cli-sync.c — placeholder until the sync feature lands its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "civic-cli"
#include "config.h"
#include "civic-cli.h"

int
civic_cli_sync (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

int
civic_cli_server (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

