/* civic-json.h — canonical JSON and small json-glib helpers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canonical form is what revision hashes are computed over, so it must
 * be the same on every machine: object members sorted by their UTF-8 bytes,
 * no whitespace, integers printed as integers, doubles with "%.17g" in the
 * C locale, strings escaped as JSON requires (", \ and control characters;
 * everything else, non-ASCII included, is written as is).
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The canonical text of @node (a JSON null for %NULL). */
char        *civic_json_canonical                (JsonNode     *node);
/* The canonical text of @object; with @skip_underscore, members whose
 * name starts with "_" (CouchDB's reserved fields) are left out.
 */
char        *civic_json_canonical_object         (JsonObject   *object,
                                                  gboolean      skip_underscore);
/* Appends @node's canonical text to @out. */
void         civic_json_canonical_append         (GString      *out,
                                                  JsonNode     *node);
/* Appends @str as a quoted, escaped JSON string. */
void         civic_json_append_string            (GString      *out,
                                                  const char   *str);

/* The member as a string, or %NULL when it is missing or not a string. */
const char  *civic_json_object_get_string_or_null (JsonObject  *object,
                                                  const char   *member);
/* The member as an integer (doubles are truncated), else @default_value. */
gint64       civic_json_object_get_int_or        (JsonObject   *object,
                                                  const char   *member,
                                                  gint64        default_value);
/* The member as a boolean, else @default_value. */
gboolean     civic_json_object_get_boolean_or    (JsonObject   *object,
                                                  const char   *member,
                                                  gboolean      default_value);
/* The member as an object (borrowed), or %NULL. */
JsonObject  *civic_json_object_get_object_or_null (JsonObject  *object,
                                                  const char   *member);
/* The member as an array (borrowed), or %NULL. */
JsonArray   *civic_json_object_get_array_or_null (JsonObject   *object,
                                                  const char   *member);

/* A deep copy of @object, sharing nothing with it. */
JsonObject  *civic_json_object_copy              (JsonObject   *object);

/* Parses @text, which must hold one JSON object. */
JsonObject  *civic_json_object_from_string       (const char   *text,
                                                  gssize        length,
                                                  GError      **error);
/* Parses with a reusable @parser (faster for many small documents). */
JsonObject  *civic_json_object_from_string_with_parser (JsonParser *parser,
                                                  const char   *text,
                                                  gssize        length,
                                                  GError      **error);
/* Compact (not canonical: member order kept) text of @object. */
char        *civic_json_object_to_string         (JsonObject   *object);

G_END_DECLS
