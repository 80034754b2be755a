/* test-store.c — CivicStore: documents, revision trees, winners and the feed
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>

#include "civic-json.h"
#include "civic-store.h"
#include "civic-store-private.h"

static JsonObject *
doc_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = civic_json_object_from_string (json, -1, &error);

  g_assert_no_error (error);
  return doc;
}

static CivicStore *
open_memory (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
put_json (CivicStore *store,
          const char *json)
{
  g_autoptr(JsonObject) doc = doc_from_json (json);
  g_autoptr(GError) error = NULL;
  char *rev = civic_store_put (store, doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
  return rev;
}

static void
put_replicated_json (CivicStore *store,
                     const char *json)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (docs, doc_from_json (json));
  g_assert_true (civic_store_put_replicated (store, docs, &error));
  g_assert_no_error (error);
}

static gboolean
is_rev (const char *rev,
        int         pos)
{
  g_autofree char *prefix = g_strdup_printf ("%d-", pos);
  const char *hash;

  if (!g_str_has_prefix (rev, prefix))
    return FALSE;
  hash = rev + strlen (prefix);
  if (strlen (hash) != 32)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static void
assert_strv (GStrv        actual,
             const char  *first,
             ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_nonnull (actual[i]);
      g_assert_cmpstr (actual[i], ==, expected);
    }
  va_end (args);
  g_assert_null (actual[i]);
}

/* ---- canonical JSON ---- */

static void
test_canonical_json (void)
{
  g_autoptr(JsonObject) a = doc_from_json ("{\"b\": 1, \"a\": [true, null, 2.5, \"x\\\"\\n\u00e9\"], \"_rev\": \"1-x\", \"c\": {\"z\": 1, \"y\": -3}}");
  g_autoptr(JsonObject) b = doc_from_json ("{\"c\":{\"y\":-3,\"z\":1},\"a\":[true,null,2.5,\"x\\\"\\n\u00e9\"],\"b\":1}");
  g_autofree char *ca = civic_json_canonical_object (a, TRUE);
  g_autofree char *cb = civic_json_canonical_object (b, TRUE);
  g_autofree char *full = civic_json_canonical_object (a, FALSE);
  g_autoptr(JsonObject) copy = civic_json_object_copy (a);
  g_autofree char *ccopy = NULL;

  g_assert_cmpstr (ca, ==, "{\"a\":[true,null,2.5,\"x\\\"\\n\u00e9\"],\"b\":1,\"c\":{\"y\":-3,\"z\":1}}");
  g_assert_cmpstr (ca, ==, cb);
  g_assert_true (g_str_has_prefix (full, "{\"_rev\":\"1-x\","));

  /* The copy shares nothing: changing it leaves the original alone. */
  json_object_set_int_member (civic_json_object_get_object_or_null (copy, "c"), "y", 7);
  ccopy = civic_json_canonical_object (a, TRUE);
  g_assert_cmpstr (ccopy, ==, ca);
  g_assert_cmpstr (civic_json_object_get_string_or_null (a, "b"), ==, NULL);
  g_assert_cmpint (civic_json_object_get_int_or (a, "b", 0), ==, 1);
}

/* ---- local edits ---- */

static void
test_local_edit_chain (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autofree char *rev1 = put_json (store, "{\"_id\":\"volunteer:a\",\"type\":\"volunteer\",\"given_name\":\"Ann\"}");
  g_autofree char *json2 = g_strdup_printf ("{\"_id\":\"volunteer:a\",\"_rev\":\"%s\",\"type\":\"volunteer\",\"given_name\":\"Anna\"}", rev1);
  g_autofree char *rev2 = put_json (store, json2);
  g_autofree char *json3 = g_strdup_printf ("{\"_id\":\"volunteer:a\",\"_rev\":\"%s\",\"type\":\"volunteer\",\"given_name\":\"Anne\"}", rev2);
  g_autofree char *rev3 = put_json (store, json3);
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = NULL;

  g_assert_true (is_rev (rev1, 1));
  g_assert_true (is_rev (rev2, 2));
  g_assert_true (is_rev (rev3, 3));

  got = civic_store_get (store, "volunteer:a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "given_name"), ==, "Anne");
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, rev3);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_id"), ==, "volunteer:a");

  old = civic_store_get_revision (store, "volunteer:a", rev1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (old, "given_name"), ==, "Ann");

  leaves = civic_store_get_leaves (store, "volunteer:a", &error);
  g_assert_no_error (error);
  assert_strv (leaves, rev3, NULL);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 3);

  g_assert_null (civic_store_get (store, "volunteer:none", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
}

static void
test_stale_rev_conflict (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autofree char *rev1 = put_json (store, "{\"_id\":\"office:x\",\"type\":\"office\",\"name\":\"A\"}");
  g_autofree char *json2 = g_strdup_printf ("{\"_id\":\"office:x\",\"_rev\":\"%s\",\"type\":\"office\",\"name\":\"B\"}", rev1);
  g_autofree char *rev2 = put_json (store, json2);
  g_autofree char *stale = g_strdup_printf ("{\"_id\":\"office:x\",\"_rev\":\"%s\",\"type\":\"office\",\"name\":\"C\"}", rev1);
  g_autoptr(JsonObject) doc = doc_from_json (stale);
  g_autoptr(JsonObject) no_rev = doc_from_json ("{\"_id\":\"office:x\",\"type\":\"office\",\"name\":\"D\"}");
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  gint64 seq = civic_store_get_update_seq (store);

  rev = civic_store_put (store, doc, &error);
  g_assert_null (rev);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  rev = civic_store_put (store, no_rev, &error);
  g_assert_null (rev);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  got = civic_store_get (store, "office:x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "name"), ==, "B");
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, rev2);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
}

static void
test_deterministic_revs (void)
{
  g_autoptr(CivicStore) a = open_memory ();
  g_autoptr(CivicStore) b = open_memory ();
  g_autofree char *ra = put_json (a, "{\"_id\":\"office:x\",\"type\":\"office\",\"name\":\"A\",\"n\":1.5}");
  g_autofree char *rb = put_json (b, "{\"n\":1.5,\"name\":\"A\",\"type\":\"office\",\"_id\":\"office:x\"}");
  g_autofree char *e1 = g_strdup_printf ("{\"_id\":\"office:x\",\"_rev\":\"%s\",\"type\":\"office\",\"name\":\"B\"}", ra);
  g_autofree char *ra2 = put_json (a, e1);
  g_autofree char *rb2 = put_json (b, e1);
  g_autofree char *rc = put_json (a, "{\"_id\":\"office:y\",\"type\":\"office\",\"name\":\"B\"}");

  g_assert_true (is_rev (ra, 1));
  g_assert_cmpstr (ra, ==, rb);
  g_assert_cmpstr (ra2, ==, rb2);
  /* The parent is part of the hash: the same body at another place differs. */
  g_assert_cmpstr (rc + 2, !=, ra2 + 2);
}

static void
on_changed (CivicStore *store,
            GStrv       ids,
            GStrv       types,
            gpointer    user_data)
{
  GPtrArray *log = user_data;
  g_autofree char *joined_ids = g_strjoinv (",", ids);
  g_autofree char *joined_types = g_strjoinv (",", types);

  g_ptr_array_add (log, g_strdup_printf ("%s|%s", joined_ids, joined_types));
}

static void
test_put_many_and_changed (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);

  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:2\",\"type\":\"volunteer\",\"family_name\":\"Kim\",\"given_name\":\"Minsu\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:1\",\"type\":\"volunteer\",\"family_name\":\"Lee\",\"given_name\":\"Ann\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"office:1\",\"type\":\"office\",\"name\":\"Koreatown\"}"));
  g_assert_true (civic_store_put_many (store, docs, &revs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (revs->len, ==, 3);
  for (guint i = 0; i < revs->len; i++)
    g_assert_true (is_rev (g_ptr_array_index (revs, i), 1));

  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "volunteer:2,volunteer:1,office:1|volunteer,office");

  listed = civic_store_list (store, "volunteer", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  /* Ordered by family name, then given name. */
  g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (listed, 0), "_id"), ==, "volunteer:2");
  g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (listed, 1), "_id"), ==, "volunteer:1");
  g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (listed, 1), "_rev"), ==,
                   g_ptr_array_index (revs, 1));
  g_assert_cmpuint (civic_store_count (store, "volunteer", &error), ==, 2);
  g_assert_cmpuint (civic_store_count (store, "office", &error), ==, 1);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 0);
}

static void
test_failed_put_many_leaves_nothing (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rev1 = put_json (store, "{\"_id\":\"office:x\",\"type\":\"office\",\"name\":\"A\"}");
  g_autofree char *json2 = g_strdup_printf ("{\"_id\":\"office:x\",\"_rev\":\"%s\",\"type\":\"office\",\"name\":\"B\"}", rev1);
  g_autofree char *rev2 = put_json (store, json2);
  g_autofree char *stale = g_strdup_printf ("{\"_id\":\"office:x\",\"_rev\":\"%s\",\"type\":\"office\",\"name\":\"C\"}", rev1);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 seq = civic_store_get_update_seq (store);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:1\",\"type\":\"volunteer\",\"given_name\":\"Ann\"}"));
  g_ptr_array_add (docs, doc_from_json ("{\"_id\":\"volunteer:2\",\"type\":\"volunteer\",\"given_name\":\"Bo\"}"));
  g_ptr_array_add (docs, doc_from_json (stale));

  g_assert_false (civic_store_put_many (store, docs, &revs, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (revs);

  g_assert_null (civic_store_get (store, "volunteer:1", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (civic_store_get (store, "volunteer:2", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
  g_assert_cmpuint (civic_store_count (store, "volunteer", &error), ==, 0);
  changes = civic_store_changes (store, 0, 0, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (log->len, ==, 0);

  /* The next write still works and numbers on from where it was. */
  g_free (put_json (store, "{\"_id\":\"volunteer:3\",\"type\":\"volunteer\"}"));
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq + 1);
  g_assert_cmpuint (log->len, ==, 1);
  (void) rev2;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/json/canonical", test_canonical_json);
  g_test_add_func ("/store/local/edit-chain", test_local_edit_chain);
  g_test_add_func ("/store/local/stale-rev-conflict", test_stale_rev_conflict);
  g_test_add_func ("/store/local/deterministic-revs", test_deterministic_revs);
  g_test_add_func ("/store/local/put-many-and-changed", test_put_many_and_changed);
  g_test_add_func ("/store/local/failed-put-many-leaves-nothing", test_failed_put_many_leaves_nothing);

  return g_test_run ();
}
