/* civic-conflict.c — three-way merge and resolution of conflicted documents
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-conflict"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-conflict.h"
#include "civic-json.h"

static void
field_free (CivicConflictField *field)
{
  g_free (field->name);
  g_clear_pointer (&field->ancestor, json_node_unref);
  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_clear_pointer (&field->merged, json_node_unref);
  g_free (field);
}

void
civic_conflict_free (CivicConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_strfreev (conflict->revs);
  g_clear_pointer (&conflict->versions, g_ptr_array_unref);
  g_free (conflict->ancestor_rev);
  g_clear_pointer (&conflict->ancestor, json_object_unref);
  g_clear_pointer (&conflict->fields, g_ptr_array_unref);
  g_free (conflict);
}

GStrv
civic_conflict_list (CivicStore  *store,
                     GError     **error)
{
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  return civic_store_list_conflicted (store, error);
}

static char *
canonical_or_absent (JsonNode *node)
{
  /* "\x01" can never be canonical JSON, so absence differs from null. */
  return node ? civic_json_canonical (node) : g_strdup ("\x01");
}

static void
node_unref0 (gpointer node)
{
  if (node)
    json_node_unref (node);
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return json_node_copy (node);
}

/* The ids of a leaf's path by generation: pos → hash. */
static GHashTable *
load_path (CivicStore  *store,
           const char  *id,
           const char  *rev,
           gint64      *out_start,
           gint64      *out_end,
           GError     **error)
{
  g_autoptr(JsonObject) doc = civic_store_get_revision_with_history (store, id, rev, CIVIC_STORE_REVS_LIMIT,
                                                                       error);
  JsonObject *revisions;
  JsonArray *ids;
  GHashTable *path;
  gint64 start;

  if (doc == NULL)
    return NULL;
  revisions = civic_json_object_get_object_or_null (doc, "_revisions");
  ids = revisions ? civic_json_object_get_array_or_null (revisions, "ids") : NULL;
  if (ids == NULL)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                   _("The revision %s of “%s” has no history"), rev, id);
      return NULL;
    }
  start = civic_json_object_get_int_or (revisions, "start", 0);
  path = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      gint64 *pos = g_new (gint64, 1);

      *pos = start - i;
      g_hash_table_insert (path, pos, g_strdup (json_array_get_string_element (ids, i)));
    }
  *out_start = start;
  *out_end = start - (gint64) json_array_get_length (ids) + 1;
  return path;
}

/* The newest revision shared by every leaf's path that still has a body. */
static void
find_ancestor (CivicConflict *conflict,
               CivicStore    *store)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  gint64 top = G_MAXINT64, bottom = G_MININT64;

  for (guint i = 0; conflict->revs[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = 0, end = 0;
      GHashTable *path = load_path (store, conflict->id, conflict->revs[i], &start, &end, &error);

      if (path == NULL)
        {
          g_debug ("no history for %s %s: %s", conflict->id, conflict->revs[i], error->message);
          return;
        }
      g_ptr_array_add (paths, path);
      top = MIN (top, start);
      bottom = MAX (bottom, end);
    }

  for (gint64 pos = top; pos >= bottom; pos--)
    {
      const char *hash = g_hash_table_lookup (g_ptr_array_index (paths, 0), &pos);
      gboolean shared = hash != NULL;
      g_autofree char *rev = NULL;
      g_autoptr(JsonObject) body = NULL;

      for (guint i = 1; shared && i < paths->len; i++)
        shared = g_strcmp0 (hash, g_hash_table_lookup (g_ptr_array_index (paths, i), &pos)) == 0;
      if (!shared)
        continue;
      rev = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", pos, hash);
      body = civic_store_get_revision (store, conflict->id, rev, NULL);
      if (body != NULL && !civic_json_object_get_boolean_or (body, "_deleted", FALSE))
        {
          conflict->ancestor_rev = g_steal_pointer (&rev);
          conflict->ancestor = g_steal_pointer (&body);
          return;
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
compute_fields (CivicConflict *conflict)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  conflict->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  for (guint i = 0; i < conflict->versions->len; i++)
    {
      g_autoptr(GList) members = json_object_get_members (g_ptr_array_index (conflict->versions, i));

      for (GList *l = members; l; l = l->next)
        if (((const char *) l->data)[0] != '_')
          g_hash_table_add (names, l->data);
    }
  if (conflict->ancestor != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (conflict->ancestor);

      for (GList *l = members; l; l = l->next)
        if (((const char *) l->data)[0] != '_')
          g_hash_table_add (names, l->data);
    }
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_names);

  for (guint k = 0; k < sorted->len; k++)
    {
      const char *name = g_ptr_array_index (sorted, k);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *ancestor_text = NULL;
      gboolean all_equal = TRUE;
      CivicConflictField *field;
      const char *changed = NULL;
      guint changed_index = 0;

      for (guint i = 0; i < conflict->versions->len; i++)
        {
          JsonObject *version = g_ptr_array_index (conflict->versions, i);
          JsonNode *node = json_object_has_member (version, name) ? json_object_get_member (version, name) : NULL;

          g_ptr_array_add (texts, canonical_or_absent (node));
          if (i > 0 && strcmp (g_ptr_array_index (texts, 0), g_ptr_array_index (texts, i)) != 0)
            all_equal = FALSE;
        }
      if (all_equal)
        continue;

      field = g_new0 (CivicConflictField, 1);
      field->name = g_strdup (name);
      field->values = g_ptr_array_new_with_free_func (node_unref0);
      for (guint i = 0; i < conflict->versions->len; i++)
        g_ptr_array_add (field->values, member_or_null (g_ptr_array_index (conflict->versions, i), name));

      if (conflict->ancestor == NULL)
        field->conflicting = TRUE;
      else
        {
          field->ancestor = member_or_null (conflict->ancestor, name);
          ancestor_text = canonical_or_absent (field->ancestor);
          for (guint i = 0; i < texts->len; i++)
            {
              const char *text = g_ptr_array_index (texts, i);

              if (strcmp (text, ancestor_text) == 0)
                continue;
              if (changed == NULL)
                {
                  changed = text;
                  changed_index = i;
                }
              else if (strcmp (changed, text) != 0)
                field->conflicting = TRUE;
            }
          if (!field->conflicting && changed != NULL)
            {
              JsonNode *value = g_ptr_array_index (field->values, changed_index);

              field->merged = value ? json_node_copy (value) : NULL;
            }
        }
      g_ptr_array_add (conflict->fields, field);
    }
}

CivicConflict *
civic_conflict_load (CivicStore  *store,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(CivicConflict) conflict = NULL;
  g_autoptr(JsonObject) winner = NULL;
  g_auto(GStrv) others = NULL;
  GStrvBuilder *builder;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  winner = civic_store_get (store, id, error);
  if (winner == NULL)
    return NULL;
  others = civic_store_get_conflicts (store, id, error);
  if (others == NULL)
    return NULL;
  if (others[0] == NULL)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND, _("“%s” has no conflict"), id);
      return NULL;
    }

  conflict = g_new0 (CivicConflict, 1);
  conflict->id = g_strdup (id);
  conflict->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, civic_json_object_get_string_or_null (winner, "_rev"));
  g_strv_builder_addv (builder, (const char **) others);
  conflict->revs = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  g_ptr_array_add (conflict->versions, g_steal_pointer (&winner));
  for (guint i = 0; others[i]; i++)
    {
      JsonObject *version = civic_store_get_revision (store, id, others[i], error);

      if (version == NULL)
        return NULL;
      g_ptr_array_add (conflict->versions, version);
    }

  find_ancestor (conflict, store);
  compute_fields (conflict);
  return g_steal_pointer (&conflict);
}

gboolean
civic_conflict_can_auto_merge (CivicConflict *conflict)
{
  g_return_val_if_fail (conflict != NULL, FALSE);

  if (conflict->ancestor == NULL)
    return FALSE;
  for (guint i = 0; i < conflict->fields->len; i++)
    if (((CivicConflictField *) g_ptr_array_index (conflict->fields, i))->conflicting)
      return FALSE;
  return TRUE;
}

JsonObject *
civic_conflict_build_merged (CivicConflict *conflict,
                             JsonObject    *choices)
{
  JsonObject *winner;
  JsonObject *merged;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (conflict != NULL, NULL);

  winner = g_ptr_array_index (conflict->versions, 0);
  merged = json_object_new ();
  json_object_set_string_member (merged, "_id", conflict->id);
  json_object_set_string_member (merged, "_rev", conflict->revs[0]);

  /* Fields every version agrees on come from the winner as they are. */
  members = json_object_get_members (winner);
  for (GList *l = members; l; l = l->next)
    if (((const char *) l->data)[0] != '_')
      json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (winner, l->data)));

  for (guint i = 0; i < conflict->fields->len; i++)
    {
      CivicConflictField *field = g_ptr_array_index (conflict->fields, i);
      JsonNode *value;

      if (choices != NULL && json_object_has_member (choices, field->name))
        value = json_object_get_member (choices, field->name);
      else if (!field->conflicting && conflict->ancestor != NULL)
        value = field->merged;
      else
        value = g_ptr_array_index (field->values, 0);

      if (value == NULL || (choices != NULL && json_object_has_member (choices, field->name) &&
                            JSON_NODE_HOLDS_NULL (value)))
        json_object_remove_member (merged, field->name);
      else
        json_object_set_member (merged, field->name, json_node_copy (value));
    }
  return merged;
}

char *
civic_conflict_resolve (CivicStore     *store,
                        CivicConflict  *conflict,
                        JsonObject     *choices,
                        GError        **error)
{
  g_autoptr(JsonObject) merged = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  merged = civic_conflict_build_merged (conflict, choices);
  return civic_store_resolve_conflict (store, merged, error);
}

char *
civic_conflict_auto_merge (CivicStore  *store,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(CivicConflict) conflict = NULL;
  g_autoptr(GError) local_error = NULL;

  conflict = civic_conflict_load (store, id, &local_error);
  if (conflict == NULL)
    {
      if (!g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!civic_conflict_can_auto_merge (conflict))
    return NULL;
  return civic_conflict_resolve (store, conflict, NULL, error);
}
