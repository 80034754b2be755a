/* cli-demo.c — `civic-desk-cli demo`: load the sample organization
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cli.h"
#include "civic-sample.h"

int
civic_cli_demo (CivicCliContext *ctx,
                int              argc,
                char           **argv)
{
  g_autofree char *scale_name = NULL;
  g_autofree char *seed_text = NULL;
  g_autoptr(GError) error = NULL;
  CivicSampleScale scale = CIVIC_SAMPLE_SCALE_DEMO;
  guint64 seed = CIVIC_SAMPLE_DEFAULT_SEED;
  CivicStore *store;
  gint64 before;
  g_autoptr(CivicStoreStats) stats = NULL;
  guint count;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_name,
      N_("“demo” (the default) or “large” (20,000 events, for benchmarks)"), N_("SCALE") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The seed the organization is generated from (default 2026)"), N_("N") },
    { NULL }
  };

  if (!civic_cli_parse_options ("demo", "",
                                _("Load the sample organization into an empty database."),
                                _("The same seed and scale always give the same documents and "
                                  "revisions.  The database must be empty: to look at the sample "
                                  "next to real data, use another file with --db."),
                                entries, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc > 1)
    return civic_cli_usage_error ("demo", _("unexpected argument “%s”"), argv[1]);

  if (scale_name != NULL && !civic_sample_scale_from_string (scale_name, &scale, &error))
    return civic_cli_usage_error ("demo", "%s", error->message);

  if (seed_text != NULL
      && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT32, &seed, NULL))
    return civic_cli_usage_error ("demo", _("--seed must be a whole number from 0 to %u, not “%s”"),
                                  G_MAXUINT32, seed_text);

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  /* The sample's ids are fixed by the seed, so mixing it into a database
   * that has ever held anything (tombstones too) would muddle real data.
   */
  if (civic_store_get_update_seq (store) > 0)
    {
      civic_cli_printerr (_("the database %s is not empty; the sample organization only goes "
                            "into a new database (choose another file with --db)"),
                          ctx->db_path);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  before = g_get_monotonic_time ();
  if (!civic_sample_generate (store, scale, (guint32) seed, &error))
    {
      civic_cli_printerr (_("cannot load the sample organization into %s: %s"),
                          ctx->db_path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  stats = civic_store_get_stats (store, &error);
  if (stats == NULL)
    {
      civic_cli_printerr (_("cannot read the statistics of %s: %s"), ctx->db_path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  count = stats->documents;
  g_print (ngettext ("Loaded the %s sample organization (seed %u) into %s: %u document in %.1f s.\n",
                     "Loaded the %s sample organization (seed %u) into %s: %u documents in %.1f s.\n",
                     count),
           civic_sample_scale_to_string (scale), (guint) seed, ctx->db_path, count,
           (g_get_monotonic_time () - before) / (double) G_USEC_PER_SEC);

  return CIVIC_CLI_EXIT_OK;
}
