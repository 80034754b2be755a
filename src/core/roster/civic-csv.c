/* civic-csv.c — reading and writing CSV files with libcsv, UTF-8 or CP949
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-csv"

#include "config.h"

#include <string.h>
#include <csv.h>
#include <glib/gi18n.h>

#include "civic-csv.h"

G_DEFINE_QUARK (civic-csv-error-quark, civic_csv_error)

/* libcsv's parser state before the first byte of a record (ROW_NOT_BEGUN
 * in libcsv.c); blank lines leave the parser in it.
 */
#define LIBCSV_ROW_NOT_BEGUN 0
/* Inside a field (FIELD_BEGUN in libcsv.c). */
#define LIBCSV_FIELD_BEGUN 2

typedef struct {
  GPtrArray *records;
  GPtrArray *fields;     /* char*, the record being read */
  guint      line;       /* the physical line being fed */
  guint      start_line; /* where the record being read started */
} ParseState;

static void
record_free (gpointer data)
{
  CivicCsvRecord *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

void
civic_csv_table_free (CivicCsvTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->records, g_ptr_array_unref);
  g_free (table->encoding);
  g_free (table);
}

const char *
civic_csv_record_get (const CivicCsvRecord *record,
                      guint                 i)
{
  return i < record->n_fields ? record->fields[i] : "";
}

static void
field_cb (void   *s,
          size_t  len,
          void   *data)
{
  ParseState *state = data;

  g_ptr_array_add (state->fields, s != NULL ? g_strndup (s, len) : g_strdup (""));
}

static void
record_cb (int   c,
           void *data)
{
  ParseState *state = data;
  CivicCsvRecord *record = g_new0 (CivicCsvRecord, 1);

  record->n_fields = state->fields->len;
  g_ptr_array_add (state->fields, NULL);
  record->fields = (GStrv) g_ptr_array_free (state->fields, FALSE);
  record->line = state->start_line;
  state->fields = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state->records, record);
}

char *
civic_csv_decode (const char  *data,
                  gsize        len,
                  const char **encoding,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *converted;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      if (!g_utf8_validate_len (data + 3, len - 3, NULL))
        {
          g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_ENCODING,
                       _("The file starts like UTF-8 but holds bytes that are not UTF-8"));
          return NULL;
        }
      if (encoding != NULL)
        *encoding = "UTF-8 (BOM)";
      return g_strndup (data + 3, len - 3);
    }

  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      const char *from = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";

      converted = g_convert (data + 2, len - 2, "UTF-8", from, NULL, NULL, &local_error);
      if (converted == NULL)
        {
          g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_ENCODING,
                       _("The file is marked as UTF-16 but cannot be read as such: %s"),
                       local_error->message);
          return NULL;
        }
      if (encoding != NULL)
        *encoding = "UTF-16";
      return converted;
    }

  if (g_utf8_validate_len (data, len, NULL))
    {
      if (memchr (data, '\0', len) != NULL)
        {
          g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_ENCODING,
                       _("The file holds NUL bytes; it is not a text file"));
          return NULL;
        }
      if (encoding != NULL)
        *encoding = "UTF-8";
      return g_strndup (data, len);
    }

  /* Korean Excel saves "CSV" in the ANSI code page, CP949 (a superset of
   * EUC-KR), so that is the one other encoding worth guessing.
   */
  converted = g_convert (data, len, "UTF-8", "CP949", NULL, NULL, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_ENCODING,
                   _("The file is neither UTF-8 nor Korean CP949/EUC-KR text; "
                     "save it from the spreadsheet as “CSV UTF-8” and try again"));
      return NULL;
    }
  if (encoding != NULL)
    *encoding = "CP949";
  return converted;
}

static char
guess_delimiter (const char *text)
{
  const char *end = strchr (text, '\n');
  gsize n = end != NULL ? (gsize) (end - text) : strlen (text);

  if (memchr (text, '\t', n) != NULL && memchr (text, ',', n) == NULL)
    return '\t';
  return ',';
}

CivicCsvTable *
civic_csv_parse (const char  *data,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(CivicCsvTable) table = NULL;
  g_autofree char *text = NULL;
  const char *encoding = NULL;
  struct csv_parser parser;
  ParseState state = { 0 };
  const char *p, *end;
  gsize text_len;

  text = civic_csv_decode (data, len, &encoding, error);
  if (text == NULL)
    return NULL;
  text_len = strlen (text);

  table = g_new0 (CivicCsvTable, 1);
  table->encoding = g_strdup (encoding);
  table->delimiter = guess_delimiter (text);
  table->records = g_ptr_array_new_with_free_func (record_free);

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_PARSE,
                   _("Could not start the CSV reader"));
      return NULL;
    }
  csv_set_delim (&parser, (unsigned char) table->delimiter);

  state.records = table->records;
  state.fields = g_ptr_array_new_with_free_func (g_free);
  state.line = 1;
  state.start_line = 1;

  /* libcsv reports no positions, so feed it one physical line at a time
   * and note the line whenever it is about to begin a record.
   */
  for (p = text, end = text + text_len; p < end; state.line++)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl != NULL ? (gsize) (nl - p) + 1 : (gsize) (end - p);

      if (parser.pstate == LIBCSV_ROW_NOT_BEGUN)
        state.start_line = state.line;
      if (csv_parse (&parser, p, n, field_cb, record_cb, &state) != n)
        {
          g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_PARSE,
                       _("Line %u: %s"), state.line, csv_strerror (csv_error (&parser)));
          csv_free (&parser);
          g_ptr_array_free (state.fields, TRUE);
          return NULL;
        }
      p += n;
    }

  /* CSV_STRICT_FINI only acts in strict mode, which would also refuse the
   * stray quotes that hand-made files hold ("5'10\" tall"), so look for a
   * quoted field still open at the end of the file ourselves.
   */
  if ((parser.pstate == LIBCSV_FIELD_BEGUN && parser.quoted)
      || csv_fini (&parser, field_cb, record_cb, &state) != 0)
    {
      g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_PARSE,
                   _("Line %u: a quoted field is never closed (a \" is missing)"),
                   state.start_line);
      csv_free (&parser);
      g_ptr_array_free (state.fields, TRUE);
      return NULL;
    }
  csv_free (&parser);
  g_ptr_array_free (state.fields, TRUE);

  if (table->records->len == 0)
    {
      g_set_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_EMPTY,
                   _("The file holds no rows"));
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* ---- Writing ------------------------------------------------------------ */

GString *
civic_csv_buffer_new (CivicCsvWriteFlags flags)
{
  GString *out = g_string_sized_new (4096);

  if (flags & CIVIC_CSV_WRITE_BOM)
    g_string_append (out, "\xEF\xBB\xBF");
  return out;
}

void
civic_csv_append_field (GString    *out,
                        const char *field)
{
  gsize len;

  if (field == NULL || *field == '\0')
    return;

  len = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL
      && field[0] != ' ' && field[0] != '\t'
      && field[len - 1] != ' ' && field[len - 1] != '\t')
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
civic_csv_append_row (GString            *out,
                      const char * const *fields,
                      gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      civic_csv_append_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}
