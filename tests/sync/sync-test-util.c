/* sync-test-util.c — helpers the sync tests share
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-sync-test"

#include "config.h"

#include "civic-json.h"
#include "sync-test-util.h"

CivicStore *
sync_test_store_new (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

GPtrArray *
sync_test_add_volunteers (CivicStore *store,
                          guint       n,
                          const char *prefix)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("volunteer:%s-%05u", prefix, i);
      g_autofree char *name = g_strdup_printf ("%s Volunteer %u", prefix, i);
      g_autofree char *email = g_strdup_printf ("v%u@%s.example.org", i, prefix);
      JsonArray *languages = json_array_new ();

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "volunteer");
      json_object_set_string_member (doc, "name", name);
      json_object_set_string_member (doc, "email", email);
      json_object_set_string_member (doc, "phone", "+1 213 555 0100");
      json_array_add_string_element (languages, "en");
      if (i % 2)
        json_array_add_string_element (languages, "ko");
      json_object_set_array_member (doc, "languages", languages);
      json_object_set_string_member (doc, "office_id", "office:koreatown");
      json_object_set_int_member (doc, "hours", i % 40);
      json_object_set_string_member (doc, "status", "active");
      json_object_set_string_member (doc, "joined", "2026-09-06");
      json_object_set_string_member (doc, "notes", "Phone banking and registration drives");
      g_ptr_array_add (docs, doc);
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  g_assert_true (civic_store_put_many (store, docs, NULL, &error));
  g_assert_no_error (error);
  return ids;
}

CivicReplicator *
sync_test_replicator (CivicStore *store,
                      const char *url,
                      const char *db,
                      const char *user,
                      const char *password)
{
  g_autoptr(GError) error = NULL;
  CivicReplicator *replicator;

  if (user == NULL)
    {
      user = CIVIC_TEST_ADMIN;
      password = CIVIC_TEST_ADMIN_PASSWORD;
    }
  replicator = civic_replicator_new (store, url, db, user, password, &error);
  g_assert_no_error (error);
  return replicator;
}

typedef enum { RUN_SYNC, RUN_PULL, RUN_PUSH } RunKind;

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  RunKind    kind;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;
  CivicReplicator *replicator = CIVIC_REPLICATOR (object);

  switch (wait->kind)
    {
    case RUN_SYNC:
      wait->ok = civic_replicator_sync_finish (replicator, result, &wait->error);
      break;
    case RUN_PULL:
      wait->ok = civic_replicator_pull_finish (replicator, result, &wait->error);
      break;
    case RUN_PUSH:
    default:
      wait->ok = civic_replicator_push_finish (replicator, result, &wait->error);
      break;
    }
  g_main_loop_quit (wait->loop);
}

static gboolean
run (CivicReplicator *replicator,
     RunKind          kind,
     GError         **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), FALSE, NULL, kind };

  if (kind == RUN_SYNC)
    civic_replicator_sync_async (replicator, NULL, done_cb, &wait);
  else if (kind == RUN_PULL)
    civic_replicator_pull_async (replicator, NULL, done_cb, &wait);
  else
    civic_replicator_push_async (replicator, NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

gboolean
sync_test_sync (CivicReplicator *replicator,
                GError         **error)
{
  return run (replicator, RUN_SYNC, error);
}

gboolean
sync_test_pull (CivicReplicator *replicator,
                GError         **error)
{
  return run (replicator, RUN_PULL, error);
}

gboolean
sync_test_push (CivicReplicator *replicator,
                GError         **error)
{
  return run (replicator, RUN_PUSH, error);
}

static GHashTable *
all_changes (CivicStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = civic_store_changes (store, 0, 0, &error);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) civic_change_free);

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      CivicChange *change = g_ptr_array_index (changes, i);

      g_hash_table_insert (table, change->id, change);
    }
  g_ptr_array_set_free_func (changes, NULL);
  return table;
}

void
sync_test_assert_same (CivicStore *a,
                       CivicStore *b)
{
  g_autoptr(GHashTable) ca = all_changes (a);
  g_autoptr(GHashTable) cb = all_changes (b);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (ca), ==, g_hash_table_size (cb));
  g_hash_table_iter_init (&iter, ca);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CivicChange *x = value;
      CivicChange *y = g_hash_table_lookup (cb, key);

      g_assert_nonnull (y);
      g_assert_cmpstrv (x->leaves, y->leaves);
      g_assert_cmpint (x->deleted, ==, y->deleted);
      for (guint i = 0; x->leaves[i]; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) ra = civic_store_get_revision (a, x->id, x->leaves[i], &error);
          g_autoptr(JsonObject) rb = NULL;
          g_autofree char *ta = NULL;
          g_autofree char *tb = NULL;

          g_assert_no_error (error);
          rb = civic_store_get_revision (b, x->id, x->leaves[i], &error);
          g_assert_no_error (error);
          ta = civic_json_canonical_object (ra, FALSE);
          tb = civic_json_canonical_object (rb, FALSE);
          g_assert_cmpstr (ta, ==, tb);
        }
    }
}

char *
sync_test_edit (CivicStore *store,
                const char *id,
                const char *field,
                const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get (store, id, &error);
  char *rev;

  g_assert_no_error (error);
  json_object_set_string_member (doc, field, value);
  rev = civic_store_put (store, doc, &error);
  g_assert_no_error (error);
  return rev;
}

void
sync_test_copy_revision (CivicStore *from,
                         CivicStore *to,
                         const char *id,
                         const char *rev)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) current = NULL;

  if (rev == NULL)
    {
      current = civic_store_get (from, id, &error);
      g_assert_no_error (error);
      rev = civic_json_object_get_string_or_null (current, "_rev");
    }
  g_ptr_array_add (docs, civic_store_get_revision_with_history (from, id, rev, 1000, &error));
  g_assert_no_error (error);
  g_assert_true (civic_store_put_replicated (to, docs, &error));
  g_assert_no_error (error);
}

/* civic_store_check() is weak until the store implements it, so the sync
 * tests link against a store without it.
 */
#pragma weak civic_store_check

void
sync_test_assert_consistent (CivicStore *store)
{
  g_autoptr(GError) error = NULL;

  if (civic_store_check == NULL)
    return;
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}
