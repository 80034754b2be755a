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
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* A page is the same order, cut at the offset and limit. */
  listed = civic_store_list_page (store, "volunteer", 1, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (listed, 0), "_id"), ==, "volunteer:1");
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = civic_store_list_page (store, "volunteer", 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (civic_json_object_get_string_or_null (g_ptr_array_index (listed, 0), "_id"), ==, "volunteer:2");

  g_assert_cmpuint (civic_store_count (store, "volunteer", &error), ==, 2);
  g_assert_cmpuint (civic_store_count (store, "office", &error), ==, 1);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 0);
}

/* Batches handed out one after another, as a generator does while it is
 * still building the later ones.
 */
typedef struct {
  GPtrArray *batches;   /* GPtrArray* of documents */
  guint      next;
  guint      calls;
} Batches;

static GPtrArray *
next_batch (gpointer user_data)
{
  Batches *batches = user_data;

  batches->calls++;
  if (batches->next == batches->batches->len)
    return NULL;
  return g_ptr_array_index (batches->batches, batches->next++);
}

static JsonObject *
numbered_volunteer (guint i)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"volunteer:%05u\",\"type\":\"volunteer\","
                                           "\"family_name\":\"Family %u\",\"given_name\":\"Given %u\","
                                           "\"office_id\":\"office:%u\"}", i, (i * 7919) % 5000, i, i % 3);
  return doc_from_json (json);
}

static void
test_put_batches (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(CivicStore) reference = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  Batches batches = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  /* Big enough for the store to prepare the first batch on a second
   * thread; the revisions, index and order must not tell.
   */
  for (guint b = 0; b < 2; b++)
    {
      GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

      for (guint i = b * 4500; i < (b == 0 ? 4500 : 5000); i++)
        g_ptr_array_add (batch, numbered_volunteer (i));
      g_ptr_array_add (batches.batches, batch);
    }

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
  g_assert_true (civic_store_put_batches (store, next_batch, &batches, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batches.calls, ==, 3);
  g_assert_cmpuint (log->len, ==, 1);   /* one transaction, one ::changed */
  g_assert_cmpuint (civic_store_count (store, "volunteer", &error), ==, 5000);

  /* The same documents written one by one, the slow and simple way. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(JsonObject) doc = numbered_volunteer (i);
      g_autofree char *rev = civic_store_put (reference, doc, &error);

      g_assert_no_error (error);
    }
  listed = civic_store_list (store, "volunteer", &error);
  g_assert_no_error (error);
  expected = civic_store_list (reference, "volunteer", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, expected->len);
  for (guint i = 0; i < listed->len; i++)
    {
      JsonObject *got = g_ptr_array_index (listed, i);
      JsonObject *want = g_ptr_array_index (expected, i);

      g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_id"), ==,
                       civic_json_object_get_string_or_null (want, "_id"));
      g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==,
                       civic_json_object_get_string_or_null (want, "_rev"));
    }
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = civic_store_list_by_ref (store, "volunteer", CIVIC_STORE_REF_OFFICE, "office:1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1667);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
  g_ptr_array_unref (batches.batches);
}

static void
test_put_batches_failure_writes_nothing (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  Batches batches = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), 0, 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *batch;

  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (batch, numbered_volunteer (i));
  g_ptr_array_add (batches.batches, batch);
  /* The second batch fails halfway: a document without an id. */
  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (batch, numbered_volunteer (6000));
  g_ptr_array_add (batch, doc_from_json ("{\"type\":\"volunteer\",\"family_name\":\"Nobody\"}"));
  g_ptr_array_add (batches.batches, batch);
  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (batch, numbered_volunteer (7000));
  g_ptr_array_add (batches.batches, batch);

  g_assert_false (civic_store_put_batches (store, next_batch, &batches, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID);
  g_assert_cmpuint (batches.calls, ==, 2);   /* not asked again after the failure */
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 0);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 0);
  g_ptr_array_unref (batches.batches);
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


/* ---- replication ---- */

#define H(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

static void
test_replicated_branches (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_auto(GStrv) conflicted = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) history = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 seq;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);

  put_replicated_json (store, "{\"_id\":\"event:r\",\"type\":\"event\",\"title\":\"A\","
                       "\"_revisions\":{\"start\":3,\"ids\":[\"" H("c") "\",\"" H("b") "\",\"" H("a") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"event:r\",\"type\":\"event\",\"title\":\"B\","
                       "\"_revisions\":{\"start\":3,\"ids\":[\"" H("d") "\",\"" H("b") "\",\"" H("a") "\"]}}");
  g_assert_cmpuint (log->len, ==, 2);
  seq = civic_store_get_update_seq (store);
  g_assert_cmpint (seq, ==, 2);

  leaves = civic_store_get_leaves (store, "event:r", &error);
  g_assert_no_error (error);
  assert_strv (leaves, "3-" H("d"), "3-" H("c"), NULL);
  conflicts = civic_store_get_conflicts (store, "event:r", &error);
  assert_strv (conflicts, "3-" H("c"), NULL);
  conflicted = civic_store_list_conflicted (store, &error);
  assert_strv (conflicted, "event:r", NULL);

  got = civic_store_get (store, "event:r", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "title"), ==, "B");

  /* Re-applying either path changes nothing and announces nothing. */
  put_replicated_json (store, "{\"_id\":\"event:r\",\"type\":\"event\",\"title\":\"A\","
                       "\"_revisions\":{\"start\":3,\"ids\":[\"" H("c") "\",\"" H("b") "\",\"" H("a") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"event:r\",\"type\":\"event\",\"title\":\"B\",\"_rev\":\"3-" H("d") "\"}");
  /* An ancestor we already have is no change either. */
  put_replicated_json (store, "{\"_id\":\"event:r\",\"type\":\"event\",\"_rev\":\"2-" H("b") "\"}");
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
  g_assert_cmpuint (log->len, ==, 2);

  history = civic_store_get_revision_with_history (store, "event:r", "3-" H("c"), 2, &error);
  g_assert_no_error (error);
  {
    JsonObject *revisions = civic_json_object_get_object_or_null (history, "_revisions");
    JsonArray *ids = civic_json_object_get_array_or_null (revisions, "ids");

    g_assert_cmpint (civic_json_object_get_int_or (revisions, "start", 0), ==, 3);
    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, H("c"));
    g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, H("b"));
    g_assert_cmpstr (civic_json_object_get_string_or_null (history, "title"), ==, "A");
  }

  changes = civic_store_changes (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  {
    CivicChange *change = g_ptr_array_index (changes, 0);

    g_assert_cmpint (change->seq, ==, 2);
    g_assert_cmpstr (change->id, ==, "event:r");
    g_assert_cmpstr (change->type, ==, "event");
    g_assert_false (change->deleted);
    assert_strv (change->leaves, "3-" H("d"), "3-" H("c"), NULL);
  }
  {
    g_autoptr(CivicStoreStats) stats = civic_store_get_stats (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (stats->conflicts, ==, 1);
    g_assert_cmpuint (stats->documents, ==, 1);
    g_assert_cmpuint (stats->tombstones, ==, 0);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->documents_per_type, "event")), ==, 1);
  }
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_winner_rule (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) leaves = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_autoptr(JsonObject) got = NULL;

  /* sync-protocol.md §1: 3-999… (deleted), 2-111…, 2-222… → 2-222… wins. */
  put_replicated_json (store, "{\"_id\":\"w\",\"_deleted\":true,"
                       "\"_revisions\":{\"start\":3,\"ids\":[\"" H("9") "\",\"" H("5") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"w\",\"v\":1,\"_revisions\":{\"start\":2,\"ids\":[\"" H("1") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"w\",\"v\":2,\"_revisions\":{\"start\":2,\"ids\":[\"" H("2") "\",\"" H("0") "\"]}}");

  got = civic_store_get (store, "w", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, "2-" H("2"));
  conflicts = civic_store_get_conflicts (store, "w", &error);
  assert_strv (conflicts, "2-" H("1"), NULL);
  leaves = civic_store_get_leaves (store, "w", &error);
  assert_strv (leaves, "2-" H("2"), "2-" H("1"), "3-" H("9"), NULL);
  g_clear_object (&store);
  g_clear_pointer (&got, json_object_unref);
  g_clear_pointer (&leaves, g_strfreev);
  g_clear_pointer (&conflicts, g_strfreev);

  /* A deeper live leaf beats a higher hash; once every leaf is deleted
   * the document is gone, and the deepest tombstone is the winner.
   */
  store = open_memory ();
  put_replicated_json (store, "{\"_id\":\"x\",\"v\":1,\"_revisions\":{\"start\":3,\"ids\":[\"" H("1") "\",\"" H("a") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"x\",\"v\":2,\"_revisions\":{\"start\":2,\"ids\":[\"" H("f") "\",\"" H("0") "\"]}}");
  got = civic_store_get (store, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, "3-" H("1"));
  g_clear_pointer (&got, json_object_unref);

  put_replicated_json (store, "{\"_id\":\"x\",\"_deleted\":true,\"_revisions\":{\"start\":4,\"ids\":[\"" H("2") "\",\"" H("1") "\"]}}");
  got = civic_store_get (store, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, "2-" H("f"));
  g_clear_pointer (&got, json_object_unref);

  put_replicated_json (store, "{\"_id\":\"x\",\"_deleted\":true,\"_revisions\":{\"start\":3,\"ids\":[\"" H("3") "\",\"" H("f") "\"]}}");
  got = civic_store_get (store, "x", &error);
  g_assert_null (got);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  leaves = civic_store_get_leaves (store, "x", &error);
  assert_strv (leaves, "4-" H("2"), "3-" H("3"), NULL);
  conflicts = civic_store_get_conflicts (store, "x", &error);
  assert_strv (conflicts, NULL);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_conflicts_order_and_resolve (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_auto(GStrv) conflicted = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autofree char *rev = NULL;

  put_replicated_json (store, "{\"_id\":\"volunteer:c\",\"type\":\"volunteer\",\"v\":1,\"_revisions\":{\"start\":2,\"ids\":[\"" H("3") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"volunteer:c\",\"type\":\"volunteer\",\"v\":2,\"_revisions\":{\"start\":2,\"ids\":[\"" H("7") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"volunteer:c\",\"type\":\"volunteer\",\"v\":3,\"_revisions\":{\"start\":2,\"ids\":[\"" H("5") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"volunteer:c\",\"type\":\"volunteer\",\"v\":4,\"_revisions\":{\"start\":3,\"ids\":[\"" H("1") "\",\"" H("3") "\",\"" H("0") "\"]}}");

  conflicts = civic_store_get_conflicts (store, "volunteer:c", &error);
  g_assert_no_error (error);
  assert_strv (conflicts, "2-" H("7"), "2-" H("5"), NULL);

  /* A stale _rev refuses to resolve; the winner's rev resolves. */
  merged = doc_from_json ("{\"_id\":\"volunteer:c\",\"_rev\":\"2-" H("7") "\",\"type\":\"volunteer\",\"v\":5}");
  g_assert_null (civic_store_resolve_conflict (store, merged, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  json_object_set_string_member (merged, "_rev", "3-" H("1"));
  rev = civic_store_resolve_conflict (store, merged, &error);
  g_assert_no_error (error);
  g_assert_true (is_rev (rev, 4));
  g_clear_pointer (&conflicts, g_strfreev);
  conflicts = civic_store_get_conflicts (store, "volunteer:c", &error);
  assert_strv (conflicts, NULL);
  conflicted = civic_store_list_conflicted (store, &error);
  assert_strv (conflicted, NULL);
  got = civic_store_get (store, "volunteer:c", &error);
  g_assert_cmpint (civic_json_object_get_int_or (got, "v", 0), ==, 5);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, rev);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_edit_conflicting_leaf (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_auto(GStrv) leaves = NULL;

  put_replicated_json (store, "{\"_id\":\"office:l\",\"type\":\"office\",\"v\":1,\"_revisions\":{\"start\":2,\"ids\":[\"" H("3") "\",\"" H("0") "\"]}}");
  put_replicated_json (store, "{\"_id\":\"office:l\",\"type\":\"office\",\"v\":2,\"_revisions\":{\"start\":2,\"ids\":[\"" H("7") "\",\"" H("0") "\"]}}");
  /* The losing live leaf may be edited (here: deleted); an inner node may not. */
  rev = civic_store_delete (store, "office:l", "2-" H("3"), &error);
  g_assert_no_error (error);
  g_assert_true (is_rev (rev, 3));
  g_assert_null (civic_store_delete (store, "office:l", "1-" H("0"), &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  leaves = civic_store_get_leaves (store, "office:l", &error);
  assert_strv (leaves, "2-" H("7"), rev, NULL);
}

static void
test_delete_and_recreate (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rev1 = put_json (store, "{\"_id\":\"shift:d\",\"type\":\"shift\",\"event_id\":\"event:1\"}");
  g_autofree char *json2 = g_strdup_printf ("{\"_id\":\"shift:d\",\"_rev\":\"%s\",\"type\":\"shift\",\"event_id\":\"event:1\",\"role\":\"driver\"}", rev1);
  g_autofree char *rev2 = put_json (store, json2);
  g_autofree char *rev3 = NULL;
  g_autofree char *rev4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) tombstone = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) by_event = NULL;
  g_autoptr(CivicStoreStats) stats = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
  rev3 = civic_store_delete (store, "shift:d", rev2, &error);
  g_assert_no_error (error);
  g_assert_true (is_rev (rev3, 3));
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "shift:d|shift");

  g_assert_null (civic_store_get (store, "shift:d", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  tombstone = civic_store_get_revision (store, "shift:d", rev3, &error);
  g_assert_no_error (error);
  g_assert_true (civic_json_object_get_boolean_or (tombstone, "_deleted", FALSE));
  g_assert_cmpuint (civic_store_count (store, "shift", &error), ==, 0);

  changes = civic_store_changes (store, 2, 0, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (((CivicChange *) g_ptr_array_index (changes, 0))->deleted);
  g_assert_cmpstr (((CivicChange *) g_ptr_array_index (changes, 0))->type, ==, "shift");

  stats = civic_store_get_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->tombstones, ==, 1);
  g_assert_cmpuint (stats->documents, ==, 0);
  g_clear_pointer (&stats, civic_store_stats_free);

  /* Deleting again is refused. */
  g_assert_null (civic_store_delete (store, "shift:d", rev3, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A put without _rev recreates it as a child of the tombstone. */
  rev4 = put_json (store, "{\"_id\":\"shift:d\",\"type\":\"shift\",\"event_id\":\"event:2\"}");
  g_assert_true (is_rev (rev4, 4));
  {
    g_autoptr(JsonObject) history = civic_store_get_revision_with_history (store, "shift:d", rev4, 0, &error);
    JsonArray *ids = civic_json_object_get_array_or_null (
      civic_json_object_get_object_or_null (history, "_revisions"), "ids");

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (ids), ==, 4);
    g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, rev3 + 2);
  }
  got = civic_store_get (store, "shift:d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got, "_rev"), ==, rev4);
  by_event = civic_store_list_by_ref (store, "shift", CIVIC_STORE_REF_1, "event:2", &error);
  g_assert_cmpuint (by_event->len, ==, 1);
  stats = civic_store_get_stats (store, &error);
  g_assert_cmpuint (stats->tombstones, ==, 0);
  g_assert_cmpuint (stats->documents, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stats->documents_per_type, "shift")), ==, 1);
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_stemming (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autofree char *rev = put_json (store, "{\"_id\":\"office:s\",\"type\":\"office\",\"n\":0}");
  g_autofree char *first = g_strdup (rev);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) history = NULL;
  g_autoptr(JsonObject) diff_request = json_object_new ();
  g_autoptr(JsonObject) diff = NULL;
  JsonArray *asked = json_array_new ();

  for (int i = 1; i < 1200; i++)
    {
      g_autoptr(JsonObject) doc = doc_from_json ("{\"_id\":\"office:s\",\"type\":\"office\"}");
      char *next;

      json_object_set_string_member (doc, "_rev", rev);
      json_object_set_int_member (doc, "n", i);
      next = civic_store_put (store, doc, &error);
      g_assert_no_error (error);
      g_free (rev);
      rev = next;
    }
  g_assert_true (is_rev (rev, 1200));
  g_assert_cmpint (civic_store_query_int_for_tests (store, "SELECT COUNT (*) FROM revs"), ==, 1000);
  g_assert_cmpint (civic_store_query_int_for_tests (store, "SELECT MIN (pos) FROM revs"), ==, 201);

  history = civic_store_get_revision_with_history (store, "office:s", rev, CIVIC_STORE_REVS_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (civic_json_object_get_array_or_null (
                      civic_json_object_get_object_or_null (history, "_revisions"), "ids")), ==, 1000);

  /* The stemmed-away first revision is missing, the leaf is not. */
  json_array_add_string_element (asked, first);
  json_array_add_string_element (asked, rev);
  json_object_set_array_member (diff_request, "office:s", asked);
  diff = civic_store_revs_diff (store, diff_request, &error);
  g_assert_no_error (error);
  {
    JsonArray *missing = civic_json_object_get_array_or_null (
      civic_json_object_get_object_or_null (diff, "office:s"), "missing");

    g_assert_nonnull (missing);
    g_assert_cmpuint (json_array_get_length (missing), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, first);
  }
  g_assert_true (civic_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_seq_only_grows (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *a1 = put_json (store, "{\"_id\":\"office:a\",\"type\":\"office\"}");
  g_autofree char *b1 = put_json (store, "{\"_id\":\"office:b\",\"type\":\"office\"}");
  g_autofree char *ja = g_strdup_printf ("{\"_id\":\"office:a\",\"_rev\":\"%s\",\"type\":\"office\",\"x\":1}", a1);
  g_autofree char *a2 = NULL;
  gint64 last = 0;

  g_assert_cmpint (civic_store_get_update_seq (store), ==, 2);
  a2 = put_json (store, ja);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 3);

  /* office:a moved to the end of the feed; its old seq is gone. */
  changes = civic_store_changes (store, 0, 0, &error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (((CivicChange *) g_ptr_array_index (changes, 0))->id, ==, "office:b");
  g_assert_cmpstr (((CivicChange *) g_ptr_array_index (changes, 1))->id, ==, "office:a");
  for (guint i = 0; i < changes->len; i++)
    {
      CivicChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpint (change->seq, >, last);
      last = change->seq;
    }
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = civic_store_changes (store, 2, 1, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (((CivicChange *) g_ptr_array_index (changes, 0))->seq, ==, 3);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = civic_store_changes (store, 0, 1, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  (void) b1;
}

/* ---- transactions and the changed signal ---- */

static gboolean
two_puts (CivicStore *store,
          gpointer    user_data,
          GError    **error)
{
  g_autoptr(JsonObject) a = doc_from_json ("{\"_id\":\"event:t1\",\"type\":\"event\"}");
  g_autoptr(JsonObject) b = doc_from_json ("{\"_id\":\"volunteer:t2\",\"type\":\"volunteer\"}");
  g_autoptr(JsonObject) stale = doc_from_json ("{\"_id\":\"event:t1\",\"type\":\"event\"}");
  g_autofree char *ra = civic_store_put (store, a, error);
  g_autofree char *rb = NULL;
  g_autofree char *rc = NULL;
  g_autoptr(GError) inner_error = NULL;

  if (ra == NULL)
    return FALSE;
  /* A failed inner write rolls back only itself. */
  rc = civic_store_put (store, stale, &inner_error);
  g_assert_null (rc);
  g_assert_error (inner_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  rb = civic_store_put (store, b, error);
  if (rb == NULL)
    return FALSE;
  return GPOINTER_TO_INT (user_data);
}

static void
test_transaction (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);

  g_assert_false (civic_store_transaction (store, two_puts, GINT_TO_POINTER (FALSE), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 0);
  g_assert_cmpuint (civic_store_count (store, "event", &error), ==, 0);

  g_assert_true (civic_store_transaction (store, two_puts, GINT_TO_POINTER (TRUE), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "event:t1,volunteer:t2|event,volunteer");
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 2);
}

typedef struct {
  CivicStore *store;
  GThread    *emitted_in;
  GMainLoop  *loop;
  guint       emissions;
} ThreadData;

static void
on_changed_thread (CivicStore *store,
                   GStrv       ids,
                   GStrv       types,
                   gpointer    user_data)
{
  ThreadData *data = user_data;

  data->emitted_in = g_thread_self ();
  data->emissions++;
  g_main_loop_quit (data->loop);
}

static gpointer
write_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  g_autoptr(JsonObject) doc = doc_from_json ("{\"_id\":\"office:thread\",\"type\":\"office\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_store_put (data->store, doc, &error);

  g_assert_no_error (error);
  return NULL;
}

static void
test_changed_from_thread (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  ThreadData data = { store, NULL, g_main_loop_new (NULL, FALSE), 0 };
  GThread *thread;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_thread), &data);
  thread = g_thread_new ("writer", write_in_thread, &data);
  g_thread_join (thread);
  /* Nothing was emitted in the writer thread; it arrives in our context. */
  g_assert_cmpuint (data.emissions, ==, 0);
  g_main_loop_run (data.loop);
  g_assert_cmpuint (data.emissions, ==, 1);
  g_assert_true (data.emitted_in == g_thread_self ());
  g_main_loop_unref (data.loop);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CivicStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = civic_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  CivicStore *store = NULL;
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rev = NULL;

  civic_store_open_async (NULL, NULL, opened_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (civic_store_get_schema_version (store), ==, CIVIC_STORE_SCHEMA_VERSION);
  g_assert_null (civic_store_get_path (store));

  /* The opener's thread gets ::changed synchronously, as with open(). */
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
  rev = put_json (store, "{\"_id\":\"office:async\",\"type\":\"office\"}");
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "office:async|office");
  g_assert_nonnull (civic_store_get_replica_uuid (store));
  g_assert_cmpstr (civic_store_get_replica_uuid (store), ==, civic_store_get_replica_uuid (store));
  g_assert_finalize_object (store);
}

static void
test_read_only (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = doc_from_json ("{\"_id\":\"office:ro\",\"type\":\"office\"}");
  g_autoptr(JsonObject) local = doc_from_json ("{\"last_seq\":\"12-abc\"}");
  g_autoptr(JsonObject) got_local = NULL;
  g_autoptr(JsonObject) stale_local = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  civic_store_set_read_only (store, TRUE);
  g_assert_true (civic_store_get_read_only (store));
  g_assert_null (civic_store_put (store, doc, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_ptr_array_add (docs, json_object_ref (doc));
  g_assert_false (civic_store_put_many (store, docs, NULL, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (civic_store_delete (store, "office:ro", "1-" H("1"), &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Pulled revisions and local documents still land. */
  put_replicated_json (store, "{\"_id\":\"office:ro\",\"type\":\"office\",\"_rev\":\"1-" H("1") "\"}");
  g_assert_cmpuint (civic_store_count (store, "office", &error), ==, 1);
  g_assert_true (civic_store_put_local (store, "_local/checkpoint", local, &error));
  g_assert_no_error (error);
  got_local = civic_store_get_local (store, "_local/checkpoint", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (got_local, "last_seq"), ==, "12-abc");
  g_assert_cmpstr (civic_json_object_get_string_or_null (got_local, "_rev"), ==, "0-1");
  g_assert_true (civic_store_put_local (store, "_local/checkpoint", got_local, &error));
  g_assert_no_error (error);
  /* A stale _rev on a local document is a conflict. */
  stale_local = doc_from_json ("{\"_rev\":\"0-1\",\"last_seq\":\"1\"}");
  g_assert_false (civic_store_put_local (store, "_local/checkpoint", stale_local, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (civic_store_get_local (store, "_local/none", &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Local documents are not in the feed. */
  g_assert_cmpint (civic_store_get_update_seq (store), ==, 1);

  civic_store_set_read_only (store, FALSE);
  g_assert_null (civic_store_put (store, doc, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT);
}

static gboolean
collect_fields_cb (const char         *id,
                   const char * const *values,
                   gpointer            user_data)
{
  GHashTable *seen = user_data;

  g_hash_table_insert (seen, g_strdup (id),
                       g_strdup_printf ("%s|%s|%s", values[0] ? values[0] : "-", values[1] ? values[1] : "-",
                                        values[2] ? values[2] : "-"));
  return TRUE;
}

static gboolean
stop_after_one_cb (const char         *id,
                   const char * const *values,
                   gpointer            user_data)
{
  (*(guint *) user_data)++;
  return FALSE;
}

/* A scan gives the winning revision's members of the live documents of
 * one type: strings as their text, other values as JSON, missing or null
 * members as NULL.
 */
static void
test_scan_fields (void)
{
  g_autoptr(CivicStore) store = open_memory ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *json = NULL;
  g_autofree char *deleted = NULL;
  const char *fields[] = { "volunteer_id", "status", "hours", NULL };
  guint calls = 0;

  rev = put_json (store, "{\"_id\":\"signup:1\",\"type\":\"signup\",\"volunteer_id\":\"volunteer:1\","
                         "\"status\":\"scheduled\"}");
  json = g_strdup_printf ("{\"_id\":\"signup:1\",\"_rev\":\"%s\",\"type\":\"signup\","
                          "\"volunteer_id\":\"volunteer:1\",\"status\":\"completed\",\"hours\":2.5}", rev);
  g_free (put_json (store, json));
  g_free (put_json (store, "{\"_id\":\"signup:2\",\"type\":\"signup\",\"volunteer_id\":\"volunteer:2\","
                           "\"status\":null,\"hours\":{\"in\":1}}"));
  deleted = put_json (store, "{\"_id\":\"signup:3\",\"type\":\"signup\",\"volunteer_id\":\"volunteer:3\"}");
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"_id\":\"signup:3\",\"_rev\":\"%s\",\"_deleted\":true}", deleted);
  g_free (put_json (store, json));
  g_free (put_json (store, "{\"_id\":\"volunteer:1\",\"type\":\"volunteer\",\"given_name\":\"Ann\"}"));

  g_assert_true (civic_store_scan_fields (store, "signup", fields, collect_fields_cb, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (seen, "signup:1"), ==, "volunteer:1|completed|2.5");
  g_assert_cmpstr (g_hash_table_lookup (seen, "signup:2"), ==, "volunteer:2|-|{\"in\":1}");

  /* The callback can stop the scan, which is no failure. */
  g_assert_true (civic_store_scan_fields (store, "signup", fields, stop_after_one_cb, &calls, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
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
  g_test_add_func ("/store/local/put-batches", test_put_batches);
  g_test_add_func ("/store/local/scan-fields", test_scan_fields);
  g_test_add_func ("/store/local/put-batches-failure-writes-nothing", test_put_batches_failure_writes_nothing);

  g_test_add_func ("/store/local/edit-conflicting-leaf", test_edit_conflicting_leaf);
  g_test_add_func ("/store/local/delete-and-recreate", test_delete_and_recreate);
  g_test_add_func ("/store/local/stemming", test_stemming);
  g_test_add_func ("/store/local/seq-only-grows", test_seq_only_grows);
  g_test_add_func ("/store/replication/branches", test_replicated_branches);
  g_test_add_func ("/store/replication/winner-rule", test_winner_rule);
  g_test_add_func ("/store/replication/conflicts-and-resolve", test_conflicts_order_and_resolve);
  g_test_add_func ("/store/transaction/nested-and-rollback", test_transaction);
  g_test_add_func ("/store/transaction/changed-from-thread", test_changed_from_thread);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/open-async", test_open_async);

  return g_test_run ();
}
