/* civic-csv.h — reading and writing CSV files with libcsv, UTF-8 or CP949
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading: the bytes are decoded first — UTF-8 with or without a BOM is
 * taken as it is; anything else that is valid CP949 (Korean Excel's "CSV"
 * and the EUC-KR superset) is converted with g_convert (); a UTF-16 file
 * with a BOM (Excel's "Unicode text") is converted too.  A file that is
 * none of these fails with CIVIC_CSV_ERROR_ENCODING.  Then libcsv parses
 * it: quoted fields may hold commas, doubled quotes and newlines; every
 * record remembers the physical line it starts on, so messages can say
 * "line 14".  A file whose first line has tabs and no commas is read as
 * tab-separated.
 *
 * Writing: UTF-8, LF line ends, a field is quoted when it holds a comma, a
 * quote, a line break or leading/trailing spaces.  No BOM by default,
 * since a BOM breaks the first header for most tools other than Excel;
 * with CIVIC_CSV_WRITE_BOM the file starts with one, which is what makes
 * Excel (Korean Excel above all) open UTF-8 instead of guessing CP949.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIVIC_CSV_ERROR (civic_csv_error_quark ())

typedef enum {
  CIVIC_CSV_ERROR_ENCODING,  /* neither UTF-8 nor CP949 */
  CIVIC_CSV_ERROR_PARSE,     /* unterminated quote, or libcsv ran out of memory */
  CIVIC_CSV_ERROR_EMPTY,     /* no record at all */
} CivicCsvError;

GQuark civic_csv_error_quark (void);

typedef struct {
  GStrv  fields;
  guint  n_fields;
  guint  line;      /* 1-based physical line of the record's first byte */
} CivicCsvRecord;

typedef struct {
  GPtrArray *records;   /* CivicCsvRecord*, the header included */
  char      *encoding;  /* "UTF-8", "UTF-8 (BOM)", "CP949", "UTF-16" */
  char       delimiter;
} CivicCsvTable;

void           civic_csv_table_free (CivicCsvTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicCsvTable, civic_csv_table_free)

/* Decodes @data as described above and returns it as UTF-8 without a BOM
 * (transfer full); *@encoding (optional) receives the encoding's name.
 */
char          *civic_csv_decode     (const char  *data,
                                     gsize        len,
                                     const char **encoding,
                                     GError     **error);
/* Decodes and parses a whole file's bytes. */
CivicCsvTable *civic_csv_parse      (const char  *data,
                                     gsize        len,
                                     GError     **error);
/* The field @i of @record, or "" past its end. */
const char    *civic_csv_record_get (const CivicCsvRecord *record,
                                     guint                 i);

/* ---- Writing -------------------------------------------------------------- */

typedef enum {
  CIVIC_CSV_WRITE_NONE = 0,
  CIVIC_CSV_WRITE_BOM  = 1 << 0,
} CivicCsvWriteFlags;

/* Appends one field, quoted when needed (NULL writes an empty field). */
void           civic_csv_append_field (GString     *out,
                                       const char  *field);
/* Appends @n fields separated by commas and an LF. */
void           civic_csv_append_row   (GString     *out,
                                       const char * const *fields,
                                       gsize        n);
/* A new buffer, starting with a BOM when @flags asks for one. */
GString       *civic_csv_buffer_new   (CivicCsvWriteFlags flags);

G_END_DECLS
