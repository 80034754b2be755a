/* civic-record-private.h — helpers shared by the record types' implementations
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

/* One value of an enumerated field: its JSON id, an untranslated (N_())
 * label, and for some enumerations a colour and a symbolic icon name.
 * Tables end with an all-NULL row.
 */
typedef struct {
  const char *id;
  const char *label;
  const char *color;
  const char *icon_name;
} CivicChoice;

const CivicChoice   *_civic_choice_find  (const CivicChoice *table,
                                          const char        *id);
/* The translated label, or @id itself for a value outside the table (free
 * text roles), or %NULL for a %NULL id.
 */
const char          *_civic_choice_label (const CivicChoice *table,
                                          const char        *id);
/* The table's ids as a static %NULL-terminated vector, built once into
 * *@cache.
 */
const char * const  *_civic_choice_ids   (const CivicChoice *table,
                                          gpointer          *cache);

/* Sets a CIVIC_RECORD_ERROR_INVALID naming @field (and @index, or -1) with
 * the message "<label>: <reason>"; always returns FALSE.
 */
gboolean _civic_record_fail           (CivicRecord  *self,
                                       GError      **error,
                                       const char   *field,
                                       int           index,
                                       const char   *reason_format,
                                       ...) G_GNUC_PRINTF (5, 6);
/* Fails with @reason unless @field is a string with non-space text. */
gboolean _civic_record_require_text   (CivicRecord  *self,
                                       GError      **error,
                                       const char   *field,
                                       const char   *reason);
/* Fails unless @field is one of @table's ids; when absent, fails with
 * @missing_reason if @required.
 */
gboolean _civic_record_check_choice   (CivicRecord        *self,
                                       GError            **error,
                                       const char         *field,
                                       const CivicChoice  *table,
                                       gboolean            required,
                                       const char         *missing_reason);
gboolean _civic_record_check_instant  (CivicRecord  *self,
                                       GError      **error,
                                       const char   *field,
                                       gboolean      required,
                                       const char   *missing_reason);
gboolean _civic_record_check_date     (CivicRecord  *self,
                                       GError      **error,
                                       const char   *field,
                                       gboolean      required,
                                       const char   *missing_reason);
/* Fails (on @end_field) when both are present and end < start, or end ==
 * start when @strict.  Instants are compared as instants, dates as dates.
 */
gboolean _civic_record_check_order    (CivicRecord  *self,
                                       GError      **error,
                                       const char   *start_field,
                                       const char   *end_field,
                                       gboolean      strict,
                                       const char   *reason);

/* The record's own field object (for defaults set in instance init,
 * without notifications).
 */
JsonObject *_civic_record_get_data       (CivicRecord *self);

/* TRUE for %NULL, "" and text of only white space. */
gboolean    _civic_text_is_blank         (const char *text);

/* Deep copies (json-glib 1.6's json_node_copy() shares containers). */
JsonNode   *_civic_json_node_deep_copy   (JsonNode   *node);
JsonObject *_civic_json_object_deep_copy (JsonObject *object);

/* Compares two ISO 8601 instants or dates; -2 when one does not parse. */
int         _civic_compare_times         (const char *a,
                                          const char *b);

G_END_DECLS
