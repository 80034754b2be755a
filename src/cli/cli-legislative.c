/* cli-legislative.c — placeholder until the legislative feature lands its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "civic-cli"
#include "config.h"
#include "civic-cli.h"

int
civic_cli_export_legislative_csv (CivicCliContext *ctx, int argc, char **argv)
{
  civic_cli_printerr ("this command is not available yet");
  return CIVIC_CLI_EXIT_FAILURE;
}

int
civic_cli_try_import_legislators_csv (CivicCliContext *ctx, const char *path, gboolean *handled)
{
  *handled = FALSE;
  return CIVIC_CLI_EXIT_OK;
}
