/* civic-legislator-import.c — legislators from congress-legislators' and Open States' CSV files
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-legislator-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-json.h"
#include "civic-csv.h"
#include "civic-legislator-import.h"
#include "civic-record.h"

/* The columns that make a header one format or the other; the refusal
 * message names them.
 */
static const char * const congress_key_columns[] = {
  "last_name", "first_name", "type", "state", "district", "party", "bioguide_id", NULL
};
static const char * const open_states_key_columns[] = {
  "id", "name", "current_party", "current_district", "current_chamber", NULL
};

static const char * const state_codes[] = {
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
  "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
  "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
  "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP",
  NULL
};

typedef struct {
  GHashTable *columns;  /* column name → GUINT_TO_POINTER (index + 1) */
} Header;

typedef struct {
  CivicLegislatorFormat        format;
  GPtrArray                   *rows;        /* CivicCsvRecord*, header first (borrowed) */
  Header                       header;
  const char                  *source_name;
  char                        *state;       /* upper-case, or NULL */
  const char                  *user_name;
  char                        *now;
  CivicLegislatorImportReport *report;
} ImportJob;

void
civic_legislator_import_report_free (CivicLegislatorImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->ids, g_ptr_array_unref);
  g_free (report);
}

static void
skip_free (CivicLegislatorImportSkip *skip)
{
  g_free (skip->reason);
  g_free (skip);
}

static void add_skip (CivicLegislatorImportReport *report,
                      guint                        line,
                      const char                  *format,
                      ...) G_GNUC_PRINTF (3, 4);

static void
add_skip (CivicLegislatorImportReport *report,
          guint                        line,
          const char                  *format,
          ...)
{
  CivicLegislatorImportSkip *skip = g_new0 (CivicLegislatorImportSkip, 1);
  va_list args;

  va_start (args, format);
  skip->line = line;
  skip->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->skipped, skip);
}

const char *
civic_legislator_format_get_label (CivicLegislatorFormat format)
{
  switch (format)
    {
    case CIVIC_LEGISLATOR_FORMAT_CONGRESS:
      return _("congress-legislators CSV");
    case CIVIC_LEGISLATOR_FORMAT_OPEN_STATES:
      return _("Open States people CSV");
    case CIVIC_LEGISLATOR_FORMAT_UNKNOWN:
    default:
      return _("unknown format");
    }
}

static gboolean
header_has_all (GHashTable         *columns,
                const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_hash_table_contains (columns, keys[i]))
      return FALSE;

  return TRUE;
}

static GHashTable *
header_columns_new (const char * const *header,
                    guint               n_columns)
{
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (header[i], -1));

      /* The first column of that name wins, as in a spreadsheet lookup. */
      if (!g_hash_table_contains (columns, name))
        g_hash_table_insert (columns, g_steal_pointer (&name), GUINT_TO_POINTER (i + 1));
    }

  return columns;
}

static CivicLegislatorFormat
detect_columns (GHashTable *columns)
{
  if (header_has_all (columns, congress_key_columns))
    return CIVIC_LEGISLATOR_FORMAT_CONGRESS;
  if (header_has_all (columns, open_states_key_columns))
    return CIVIC_LEGISLATOR_FORMAT_OPEN_STATES;

  return CIVIC_LEGISLATOR_FORMAT_UNKNOWN;
}

CivicLegislatorFormat
civic_legislator_import_detect_header (const char * const *header,
                                       guint               n_columns)
{
  g_autoptr(GHashTable) columns = NULL;

  g_return_val_if_fail (header != NULL || n_columns == 0, CIVIC_LEGISLATOR_FORMAT_UNKNOWN);

  columns = header_columns_new (header, n_columns);
  return detect_columns (columns);
}

gboolean
civic_legislator_import_detect_file (GFile                  *file,
                                     CivicLegislatorFormat  *out_format,
                                     GCancellable           *cancellable,
                                     GError                **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out_format != NULL, FALSE);

  *out_format = CIVIC_LEGISLATOR_FORMAT_UNKNOWN;

  /* Legislator lists are a few hundred kilobytes at most; reading the
   * whole file lets the CSV reader decode it (UTF-8, CP949, UTF-16) the
   * same way the import will.
   */
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return FALSE;

  table = civic_csv_parse (contents, length, NULL);
  if (table != NULL && table->records->len > 0)
    {
      CivicCsvRecord *header = g_ptr_array_index (table->records, 0);

      *out_format = civic_legislator_import_detect_header ((const char * const *) header->fields,
                                                          header->n_fields);
    }

  return TRUE;
}

char *
civic_legislator_import_state_from_filename (const char *path)
{
  g_autofree char *base = NULL;
  g_auto(GStrv) tokens = NULL;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  dot = strchr (base, '.');
  if (dot != NULL)
    *dot = '\0';

  tokens = g_regex_split_simple ("[^A-Za-z]+", base, 0, 0);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (strlen (tokens[i]) != 2)
        continue;

      for (guint j = 0; state_codes[j] != NULL; j++)
        if (g_ascii_strcasecmp (tokens[i], state_codes[j]) == 0)
          return g_strdup (state_codes[j]);
    }

  return NULL;
}

/* ---- Reading one row --------------------------------------------------- */

/* The trimmed value of @column in @row, "" when the column or value is
 * missing.  Owned by the row.
 */
static const char *
cell (ImportJob              *job,
      CivicCsvRecord *row,
      const char             *column)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (job->header.columns, column));

  if (index == 0 || index > row->n_fields)
    return "";

  return g_strstrip (row->fields[index - 1]);
}

static const char *
normalize_party (const char *party)
{
  if (g_ascii_strcasecmp (party, "Democrat") == 0 ||
      g_ascii_strcasecmp (party, "Democratic") == 0)
    return "Democrat";
  if (g_ascii_strcasecmp (party, "Republican") == 0)
    return "Republican";
  if (g_ascii_strcasecmp (party, "Independent") == 0)
    return "Independent";

  return party;
}

static JsonObject *
office_new (const char *kind,
            const char *address,
            const char *phone,
            const char *fax)
{
  JsonObject *office;

  if (address[0] == '\0' && phone[0] == '\0' && fax[0] == '\0')
    return NULL;

  office = json_object_new ();
  json_object_set_string_member (office, "kind", kind);
  if (address[0] != '\0')
    json_object_set_string_member (office, "address", address);
  if (phone[0] != '\0')
    json_object_set_string_member (office, "phone", phone);
  if (fax[0] != '\0')
    json_object_set_string_member (office, "fax", fax);

  return office;
}

static void
add_links (GPtrArray  *links,
           const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *link = g_strstrip (parts[i]);

      if (link[0] != '\0' && !g_ptr_array_find_with_equal_func (links, link, g_str_equal, NULL))
        g_ptr_array_add (links, g_strdup (link));
    }
}

/* What the file says about one legislator: the fields to set (never empty
 * strings), the offices by kind, and its id.
 */
typedef struct {
  JsonObject *fields;
  GPtrArray  *offices;   /* JsonObject* */
  const char *id_kind;   /* "bioguide" or "openstates" */
  const char *id;
} Imported;

static void
imported_clear (Imported *imported)
{
  g_clear_pointer (&imported->fields, json_object_unref);
  g_clear_pointer (&imported->offices, g_ptr_array_unref);
}

static void
set_links (JsonObject *fields,
           GPtrArray  *links)
{
  JsonArray *array;

  if (links->len == 0)
    return;

  array = json_array_new ();
  for (guint i = 0; i < links->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (links, i));
  json_object_set_array_member (fields, "links", array);
}

static void
set_if_text (JsonObject *object,
             const char *name,
             const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (object, name, value);
}

static gboolean
read_congress_row (ImportJob              *job,
                   CivicCsvRecord *row,
                   Imported               *out)
{
  const char *type = cell (job, row, "type");
  const char *first = cell (job, row, "first_name");
  const char *last = cell (job, row, "last_name");
  const char *full = cell (job, row, "full_name");
  const char *suffix = cell (job, row, "suffix");
  const char *state = cell (job, row, "state");
  const char *chamber;
  g_autofree char *name = NULL;
  g_autofree char *state_up = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  JsonObject *office;

  out->id_kind = "bioguide";
  out->id = cell (job, row, "bioguide_id");
  if (out->id[0] == '\0')
    {
      add_skip (job->report, row->line, _("no bioguide_id"));
      return FALSE;
    }

  if (strcmp (type, "rep") == 0)
    chamber = "us_house";
  else if (strcmp (type, "sen") == 0)
    chamber = "us_senate";
  else
    {
      add_skip (job->report, row->line,
                _("type “%s” is neither rep nor sen"), type);
      return FALSE;
    }

  if (full[0] != '\0')
    name = g_strdup (full);
  else if (first[0] != '\0' && last[0] != '\0')
    name = suffix[0] != '\0' ? g_strdup_printf ("%s %s %s", first, last, suffix)
                             : g_strdup_printf ("%s %s", first, last);
  else
    {
      add_skip (job->report, row->line, _("no name"));
      return FALSE;
    }

  if (state[0] == '\0')
    {
      add_skip (job->report, row->line, _("no state"));
      return FALSE;
    }
  state_up = g_ascii_strup (state, -1);

  out->fields = json_object_new ();
  json_object_set_string_member (out->fields, "name", name);
  set_if_text (out->fields, "given_name", first);
  set_if_text (out->fields, "family_name", last);
  json_object_set_string_member (out->fields, "chamber", chamber);
  json_object_set_string_member (out->fields, "state", state_up);
  if (strcmp (chamber, "us_house") == 0)
    set_if_text (out->fields, "district", cell (job, row, "district"));
  set_if_text (out->fields, "party", normalize_party (cell (job, row, "party")));

  add_links (links, cell (job, row, "url"));
  add_links (links, cell (job, row, "contact_form"));
  set_links (out->fields, links);

  out->offices = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  office = office_new ("capitol", cell (job, row, "address"), cell (job, row, "phone"), "");
  if (office != NULL)
    g_ptr_array_add (out->offices, office);

  return TRUE;
}

static gboolean
read_open_states_row (ImportJob              *job,
                      CivicCsvRecord *row,
                      Imported               *out)
{
  const char *name = cell (job, row, "name");
  const char *chamber_text = cell (job, row, "current_chamber");
  const char *chamber;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  JsonObject *office;

  out->id_kind = "openstates";
  out->id = cell (job, row, "id");
  if (out->id[0] == '\0')
    {
      add_skip (job->report, row->line, _("no id"));
      return FALSE;
    }

  if (strcmp (chamber_text, "upper") == 0)
    chamber = "state_senate";
  else if (strcmp (chamber_text, "lower") == 0)
    chamber = "state_assembly";
  else if (strcmp (chamber_text, "legislature") == 0)
    chamber = "state_senate";  /* Nebraska's one house: its members are senators. */
  else
    {
      add_skip (job->report, row->line,
                _("current_chamber “%s” is neither upper nor lower"),
                chamber_text);
      return FALSE;
    }

  if (name[0] == '\0')
    {
      add_skip (job->report, row->line, _("no name"));
      return FALSE;
    }

  out->fields = json_object_new ();
  json_object_set_string_member (out->fields, "name", name);
  set_if_text (out->fields, "given_name", cell (job, row, "given_name"));
  set_if_text (out->fields, "family_name", cell (job, row, "family_name"));
  json_object_set_string_member (out->fields, "chamber", chamber);
  set_if_text (out->fields, "state", job->state);
  set_if_text (out->fields, "district", cell (job, row, "current_district"));
  set_if_text (out->fields, "party", normalize_party (cell (job, row, "current_party")));
  set_if_text (out->fields, "email", cell (job, row, "email"));

  add_links (links, cell (job, row, "links"));
  add_links (links, cell (job, row, "sources"));
  set_links (out->fields, links);

  out->offices = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  office = office_new ("capitol", cell (job, row, "capitol_address"),
                       cell (job, row, "capitol_voice"), cell (job, row, "capitol_fax"));
  if (office != NULL)
    g_ptr_array_add (out->offices, office);
  office = office_new ("district", cell (job, row, "district_address"),
                       cell (job, row, "district_voice"), cell (job, row, "district_fax"));
  if (office != NULL)
    g_ptr_array_add (out->offices, office);

  return TRUE;
}

/* ---- Merging into a document ------------------------------------------- */

static void
merge_offices (JsonObject *doc,
               GPtrArray  *offices)
{
  JsonArray *existing = civic_json_object_get_array_or_null (doc, "offices");
  JsonArray *merged = json_array_new ();
  guint n = existing != NULL ? json_array_get_length (existing) : 0;
  gboolean *used = g_new0 (gboolean, offices->len);

  /* The first existing office of each kind the file carries takes the
   * file's values; every other office is kept as the organization left it.
   */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (existing, i);
      JsonObject *office;
      const char *kind;
      gboolean replaced = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          json_array_add_element (merged, json_node_copy (node));
          continue;
        }

      office = civic_json_object_copy (json_node_get_object (node));
      kind = civic_legislative_get_string (office, "kind");
      for (guint j = 0; kind != NULL && j < offices->len && !replaced; j++)
        {
          JsonObject *imported = g_ptr_array_index (offices, j);

          if (used[j] || g_strcmp0 (civic_legislative_get_string (imported, "kind"), kind) != 0)
            continue;

          {
            GList *members = json_object_get_members (imported);

            for (GList *l = members; l != NULL; l = l->next)
              json_object_set_string_member (office, l->data,
                                             json_object_get_string_member (imported, l->data));
            g_list_free (members);
          }
          used[j] = TRUE;
          replaced = TRUE;
        }

      json_array_add_object_element (merged, office);
    }

  for (guint j = 0; j < offices->len; j++)
    if (!used[j])
      json_array_add_object_element (merged,
                                     civic_json_object_copy (g_ptr_array_index (offices, j)));

  g_free (used);

  if (json_array_get_length (merged) > 0)
    json_object_set_array_member (doc, "offices", merged);
  else
    json_array_unref (merged);
}

static void
merge_imported (JsonObject *doc,
                Imported   *imported)
{
  JsonObject *ids;
  GList *members = json_object_get_members (imported->fields);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (doc, l->data,
                            json_node_copy (json_object_get_member (imported->fields, l->data)));
  g_list_free (members);

  /* A senator has no district: one who was a representative loses it. */
  if (!json_object_has_member (imported->fields, "district"))
    {
      const char *chamber = civic_legislative_get_string (imported->fields, "chamber");

      if (g_strcmp0 (chamber, "us_senate") == 0 && json_object_has_member (doc, "district"))
        json_object_remove_member (doc, "district");
    }

  merge_offices (doc, imported->offices);

  ids = civic_json_object_get_object_or_null (doc, "ids");
  if (ids == NULL)
    {
      ids = json_object_new ();
      json_object_set_object_member (doc, "ids", ids);
    }
  json_object_set_string_member (ids, imported->id_kind, imported->id);
}

/* ---- The transaction ----------------------------------------------------- */

static char *
doc_id_key (const char *kind,
            const char *id)
{
  return g_strconcat (kind, "\x1f", id, NULL);
}

static void
index_existing (GHashTable *by_id,
                JsonObject *doc)
{
  JsonObject *ids = civic_json_object_get_object_or_null (doc, "ids");
  const char * const kinds[] = { "bioguide", "openstates" };

  if (ids == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *id = civic_legislative_get_string (ids, kinds[i]);

      if (id != NULL && id[0] != '\0')
        g_hash_table_insert (by_id, doc_id_key (kinds[i], id), json_object_ref (doc));
    }
}

static gboolean
import_in_transaction (CivicStore  *store,
                       gpointer     user_data,
                       GError     **error)
{
  ImportJob *job = user_data;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) to_write = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint created = 0, updated = 0, unchanged = 0;

  existing = civic_store_list (store, "legislator", error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    index_existing (by_id, g_ptr_array_index (existing, i));

  for (guint r = 1; r < job->rows->len; r++)
    {
      CivicCsvRecord *row = g_ptr_array_index (job->rows, r);
      Imported imported = { NULL, };
      g_autoptr(JsonObject) doc = NULL;
      g_autofree char *key = NULL;
      g_autofree char *before = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *found;
      gpointer first_line;
      gboolean ok;

      for (guint f = 0; f < row->n_fields; f++)
        if (!g_utf8_validate (row->fields[f], -1, NULL))
          {
            add_skip (job->report, row->line, _("the text is not UTF-8"));
            goto next;
          }

      ok = job->format == CIVIC_LEGISLATOR_FORMAT_CONGRESS
             ? read_congress_row (job, row, &imported)
             : read_open_states_row (job, row, &imported);
      if (!ok)
        goto next;

      key = doc_id_key (imported.id_kind, imported.id);
      if (g_hash_table_lookup_extended (seen, key, NULL, &first_line))
        {
          add_skip (job->report, row->line, _("the same id “%s” as line %u"),
                    imported.id, GPOINTER_TO_UINT (first_line));
          goto next;
        }
      g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (row->line));

      found = g_hash_table_lookup (by_id, key);
      if (found != NULL)
        {
          doc = civic_json_object_copy (found);
          before = civic_json_canonical_object (doc, TRUE);
        }
      else
        {
          g_autofree char *id = civic_store_new_id ("legislator");

          doc = json_object_new ();
          json_object_set_string_member (doc, "_id", id);
          json_object_set_string_member (doc, "type", "legislator");
          json_object_set_string_member (doc, "created_at", job->now);
        }

      merge_imported (doc, &imported);

      if (before != NULL)
        {
          g_autofree char *after = civic_json_canonical_object (doc, TRUE);

          if (strcmp (before, after) == 0)
            {
              unchanged++;
              goto next;
            }
        }

      json_object_set_string_member (doc, "updated_at", job->now);
      json_object_set_string_member (doc, "updated_by", job->user_name);

      if (!civic_document_validate (doc, &local_error))
        {
          add_skip (job->report, row->line, "%s", local_error->message);
          goto next;
        }

      if (found != NULL)
        updated++;
      else
        created++;
      g_ptr_array_add (job->report->ids,
                       g_strdup (civic_legislative_get_string (doc, "_id")));
      g_ptr_array_add (to_write, g_steal_pointer (&doc));

    next:
      imported_clear (&imported);
    }

  if (to_write->len > 0 && !civic_store_put_many (store, to_write, NULL, error))
    return FALSE;

  job->report->created = created;
  job->report->updated = updated;
  job->report->unchanged = unchanged;

  return TRUE;
}

static char *
expected_columns_text (const char * const *columns)
{
  return g_strjoinv (", ", (GStrv) columns);
}

CivicLegislatorImportReport *
civic_legislator_import_data (CivicStore  *store,
                              const char  *data,
                              gsize        length,
                              const char  *source_name,
                              const char  *state,
                              const char  *user_name,
                              GError     **error)
{
  g_autoptr(CivicLegislatorImportReport) report = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  GPtrArray *rows = NULL;
  g_autoptr(GHashTable) columns = NULL;
  g_autofree char *now = NULL;
  g_autofree char *state_up = NULL;
  CivicCsvRecord *header;
  CivicLegislatorFormat format;
  ImportJob job = { 0, };

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (source_name == NULL)
    source_name = _("the CSV file");

  {
    g_autoptr(GError) local_error = NULL;

    table = civic_csv_parse (data, length, &local_error);
    if (table == NULL && !g_error_matches (local_error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_EMPTY))
      {
        g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_PARSE,
                     "%s: %s", source_name, local_error->message);
        return NULL;
      }
    rows = table != NULL ? table->records : NULL;
  }

  header = rows != NULL && rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
  columns = header != NULL
              ? header_columns_new ((const char * const *) header->fields, header->n_fields)
              : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  format = detect_columns (columns);
  if (format == CIVIC_LEGISLATOR_FORMAT_UNKNOWN)
    {
      g_autofree char *congress = expected_columns_text (congress_key_columns);
      g_autofree char *open_states = expected_columns_text (open_states_key_columns);

      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_UNKNOWN_FORMAT,
                   _("%s is not a legislator list: a congress-legislators CSV needs the "
                     "columns %s; an Open States people CSV needs the columns %s"),
                   source_name, congress, open_states);
      return NULL;
    }

  report = g_new0 (CivicLegislatorImportReport, 1);
  report->format = format;
  report->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  report->ids = g_ptr_array_new_with_free_func (g_free);

  if (state != NULL && state[0] != '\0')
    state_up = g_ascii_strup (state, -1);
  now = civic_legislative_now_instant ();

  job.format = format;
  job.rows = rows;
  job.header.columns = columns;
  job.source_name = source_name;
  job.state = state_up;
  job.user_name = user_name != NULL ? user_name : g_get_user_name ();
  job.now = now;
  job.report = report;

  if (!civic_store_transaction (store, import_in_transaction, &job, error))
    return NULL;

  return g_steal_pointer (&report);
}

CivicLegislatorImportReport *
civic_legislator_import_file (CivicStore   *store,
                              GFile        *file,
                              const char   *state,
                              const char   *user_name,
                              GCancellable *cancellable,
                              GError      **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  name = g_file_get_basename (file);
  return civic_legislator_import_data (store, contents, length, name, state, user_name, error);
}
