/* cli-stats.c — `civic-desk-cli stats`: documents per type, conflicts, tombstones, size
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "civic-cli.h"

/* The record types of domain.md in the order people think of them; other
 * types a newer client wrote follow in alphabetical order.
 */
static const char * const known_types[] = {
  "office", "campaign", "event", "shift", "signup", "volunteer", "legislator", "visit",
};

static gboolean
is_known_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_str_equal (known_types[i], type))
      return TRUE;
  return FALSE;
}

static const char *
type_label (const char *type)
{
  if (g_str_equal (type, "office"))
    return C_("document type, plural", "Offices");
  if (g_str_equal (type, "campaign"))
    return C_("document type, plural", "Campaigns");
  if (g_str_equal (type, "event"))
    return C_("document type, plural", "Events");
  if (g_str_equal (type, "shift"))
    return C_("document type, plural", "Shifts");
  if (g_str_equal (type, "signup"))
    return C_("document type, plural", "Signups");
  if (g_str_equal (type, "volunteer"))
    return C_("document type, plural", "Volunteers");
  if (g_str_equal (type, "legislator"))
    return C_("document type, plural", "Legislators");
  if (g_str_equal (type, "visit"))
    return C_("document type, plural", "Visits");
  return type;
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Known types first (all of them, zero or not), then the others sorted. */
static GPtrArray *
ordered_types (GHashTable *per_type)
{
  GPtrArray *types = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    g_ptr_array_add (types, (gpointer) known_types[i]);

  if (per_type != NULL)
    {
      g_hash_table_iter_init (&iter, per_type);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!is_known_type (key))
          g_ptr_array_add (others, key);
    }
  g_ptr_array_sort (others, compare_strings);
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (types, g_ptr_array_index (others, i));

  return types;
}

static guint
count_of (CivicStoreStats *stats,
          const char      *type)
{
  if (stats->documents_per_type == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (stats->documents_per_type, type));
}

static void
print_json (CivicStoreStats *stats,
            GPtrArray       *types)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_object (builder);
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);

      json_builder_set_member_name (builder, type);
      json_builder_add_int_value (builder, count_of (stats, type));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, stats->documents);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_add_int_value (builder, stats->conflicts);
  json_builder_set_member_name (builder, "tombstones");
  json_builder_add_int_value (builder, stats->tombstones);
  json_builder_set_member_name (builder, "update_seq");
  json_builder_add_int_value (builder, stats->update_seq);
  json_builder_set_member_name (builder, "size_bytes");
  json_builder_add_int_value (builder, stats->size_bytes);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Left-aligns @label in @width columns of the terminal (labels may be
 * translated into Hangul, whose characters are two columns wide).
 */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
print_row (const char *indent,
           const char *label,
           int         width,
           const char *value)
{
  g_print ("%s%s%*s  %s\n", indent, label, MAX (0, width - display_width (label)), "", value);
}

static char *
format_count (guint64 n)
{
  /* %'… groups digits the locale's way (“1,234”). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
print_table (CivicCliContext *ctx,
             CivicStoreStats *stats,
             GPtrArray       *types)
{
  g_autofree char *size = g_format_size (stats->size_bytes);
  g_autofree char *total = format_count (stats->documents);
  g_autofree char *conflicts = format_count (stats->conflicts);
  g_autofree char *tombstones = format_count (stats->tombstones);
  g_autofree char *update_seq = format_count (stats->update_seq);
  const char *labels[] = {
    _("Database"), _("Size"), _("Documents"), _("Conflicts"), _("Tombstones"), _("Update sequence"),
  };
  int width = 0;
  int type_width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, display_width (labels[i]));
  for (guint i = 0; i < types->len; i++)
    type_width = MAX (type_width, display_width (type_label (g_ptr_array_index (types, i))));
  width = MAX (width, type_width + 2);

  print_row ("", labels[0], width, ctx->db_path);
  print_row ("", labels[1], width, size);
  print_row ("", labels[2], width, total);
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);
      g_autofree char *count = format_count (count_of (stats, type));

      print_row ("  ", type_label (type), width - 2, count);
    }
  print_row ("", labels[3], width, conflicts);
  print_row ("", labels[4], width, tombstones);
  print_row ("", labels[5], width, update_seq);
}

int
civic_cli_stats (CivicCliContext *ctx,
                 int              argc,
                 char           **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;
  g_autoptr(GPtrArray) types = NULL;
  gboolean json = FALSE;
  CivicStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object instead of a table"), NULL },
    { NULL }
  };

  if (!civic_cli_parse_options ("stats", "",
                                _("Count the documents per type, conflicts and tombstones."),
                                _("The JSON form is {\"documents\": {TYPE: N, …}, \"total\": N, "
                                  "\"conflicts\": N, \"tombstones\": N, \"update_seq\": N, "
                                  "\"size_bytes\": N}; documents counts live documents."),
                                entries, FALSE, &argc, &argv))
    return CIVIC_CLI_EXIT_USAGE;

  if (argc > 1)
    return civic_cli_usage_error ("stats", _("unexpected argument “%s”"), argv[1]);

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  stats = civic_store_get_stats (store, &error);
  if (stats == NULL)
    {
      civic_cli_printerr (_("cannot read the statistics of %s: %s"), ctx->db_path, error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  types = ordered_types (stats->documents_per_type);
  if (json)
    print_json (stats, types);
  else
    print_table (ctx, stats, types);

  return CIVIC_CLI_EXIT_OK;
}
