/* civic-json.c — canonical JSON and small json-glib helpers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-json"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civic-json.h"

void
civic_json_append_string (GString    *out,
                          const char *str)
{
  const char *run = str;
  const char *p;

  g_string_append_c (out, '"');
  for (p = str; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      const char *escape = NULL;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static int
compare_member_names (const void *a,
                      const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_object (GString    *out,
               JsonObject *object,
               gboolean    skip_underscore)
{
  /* Documents have a dozen or two members: sort their names on the stack. */
  const char *stack_names[64];
  g_autofree const char **heap_names = NULL;
  const char **names = stack_names;
  guint n = json_object_get_size (object);
  guint count = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (n > G_N_ELEMENTS (stack_names))
    names = heap_names = g_new (const char *, n);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (!skip_underscore || name[0] != '_')
      names[count++] = name;
  qsort (names, count, sizeof (const char *), compare_member_names);

  g_string_append_c (out, '{');
  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      civic_json_append_string (out, names[i]);
      g_string_append_c (out, ':');
      civic_json_canonical_append (out, json_object_get_member (object, names[i]));
    }
  g_string_append_c (out, '}');
}

void
civic_json_canonical_append (GString  *out,
                             JsonNode *node)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), FALSE);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            civic_json_canonical_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          civic_json_append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_INT64 || type == G_TYPE_INT || type == G_TYPE_LONG)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT)
          {
            double d = json_node_get_double (node);
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            /* JSON has no infinities or NaN; json-glib writes them as
             * null too, so the hash matches what a peer would see.
             */
            if (!isfinite (d))
              g_string_append (out, "null");
            else
              g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", d));
          }
        else
          g_string_append (out, "null");
      }
      break;
    }
}

char *
civic_json_canonical (JsonNode *node)
{
  GString *out = g_string_sized_new (256);

  civic_json_canonical_append (out, node);
  return g_string_free (out, FALSE);
}

char *
civic_json_canonical_object (JsonObject *object,
                             gboolean    skip_underscore)
{
  GString *out = g_string_sized_new (512);

  g_return_val_if_fail (object != NULL, NULL);

  append_object (out, object, skip_underscore);
  return g_string_free (out, FALSE);
}

const char *
civic_json_object_get_string_or_null (JsonObject *object,
                                      const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
civic_json_object_get_int_or (JsonObject *object,
                              const char *member,
                              gint64      default_value)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return default_value;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return default_value;
}

gboolean
civic_json_object_get_boolean_or (JsonObject *object,
                                  const char *member,
                                  gboolean    default_value)
{
  JsonNode *node;

  if (object == NULL)
    return default_value;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;
  return json_node_get_boolean (node);
}

JsonObject *
civic_json_object_get_object_or_null (JsonObject *object,
                                      const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
civic_json_object_get_array_or_null (JsonObject *object,
                                     const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static JsonNode *
node_deep_copy (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

        /* take_: the copy's only reference moves into the node. */
        json_node_take_object (copy, civic_json_object_copy (json_node_get_object (node)));
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *copy = json_array_sized_new (n);

        JsonNode *result = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < n; i++)
          json_array_add_element (copy, node_deep_copy (json_array_get_element (array, i)));
        json_node_take_array (result, copy);
        return result;
      }
    case JSON_NODE_NULL:
    case JSON_NODE_VALUE:
    default:
      /* Values are copied by json_node_copy (). */
      return json_node_copy (node);
    }
}

JsonObject *
civic_json_object_copy (JsonObject *object)
{
  JsonObject *copy;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, node_deep_copy (node));
  return copy;
}

JsonObject *
civic_json_object_from_string_with_parser (JsonParser *parser,
                                           const char *text,
                                           gssize      length,
                                           GError    **error)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "Expected a JSON object");
      return NULL;
    }
  return json_node_dup_object (root);
}

JsonObject *
civic_json_object_from_string (const char *text,
                               gssize      length,
                               GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return civic_json_object_from_string_with_parser (parser, text, length, error);
}

char *
civic_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}
