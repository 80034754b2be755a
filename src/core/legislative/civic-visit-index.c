/* civic-visit-index.c — visits and legislators kept in memory for the whip count and the overdue badge
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-visit-index"

#include "config.h"

#include <string.h>

#include "civic-legislative.h"
#include "civic-positions-private.h"
#include "civic-visit-index.h"

struct _CivicVisitIndex
{
  GObject     parent_instance;

  CivicStore *store;
  gulong      changed_id;

  GPtrArray  *summaries;     /* CivicVisitSummary*, owned */
  GHashTable *visits_by_id;  /* id → CivicVisitSummary* (borrowed from summaries) */
  GPtrArray  *legislators;   /* JsonObject*, owned */
  GHashTable *legislators_by_id;
  GStrv       topics;        /* civic_visit_index_dup_topics(), or %NULL until asked */
  char       *busiest_topic; /* valid with topics */
  GHashTable *by_topic;      /* topic key → GPtrArray of the summaries naming it, or %NULL */

  gboolean    loaded;
  gboolean    from_cache;    /* the last load started from the stored copy */
  guint       loading;       /* loads in flight */
  GHashTable *pending;       /* ids written while a load was in flight */
};

G_DEFINE_FINAL_TYPE (CivicVisitIndex, civic_visit_index, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The stored copy's format; a copy of another format is ignored. */
#define CACHE_FORMAT 1
/* More changes than this since the copy: read everything instead. */
#define CACHE_MAX_DELTA 4096
/* A load that applied this many changes (of any type) rewrites the copy,
 * so the next one walks a short stretch of the changes feed.
 */
#define CACHE_REWRITE_AFTER 256

/* What one read produced, built in a worker thread. */
typedef struct {
  GPtrArray  *summaries;
  GPtrArray  *legislators;
  /* What the index derives from them, also made in the worker thread so
   * that the GUI's thread only swaps pointers.
   */
  GHashTable *visits_by_id;
  GHashTable *legislators_by_id;
  GStrv       topics;
  char       *busiest_topic;
  GHashTable *by_topic;
  gboolean    from_cache;
  gint64     seq;         /* the update sequence the summaries reflect at least */
  char      *cache_text;  /* a fresh copy to store, or %NULL */
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->visits_by_id, g_hash_table_unref);
  g_clear_pointer (&snapshot->legislators_by_id, g_hash_table_unref);
  g_clear_pointer (&snapshot->summaries, g_ptr_array_unref);
  g_clear_pointer (&snapshot->legislators, g_ptr_array_unref);
  g_strfreev (snapshot->topics);
  g_free (snapshot->busiest_topic);
  g_clear_pointer (&snapshot->by_topic, g_hash_table_unref);
  g_free (snapshot->cache_text);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

/* ---- The stored copy ------------------------------------------------------ */

/* One line per visit, seven tab-separated fields: id, legislator_id,
 * occurs_at, position, campaign_id, the topics as written and the open
 * follow-ups' due dates.  A missing value is "\N"; a list is its length
 * followed by each element after a \x1f.  Backslash, tab, newline and \x1f
 * inside a value are escaped, so free text (an issue's name) is safe.
 * Parsing this is a few milliseconds for 3,000 visits, where json-glib
 * needs a hundred or more for the documents themselves.
 */
static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\x1f':
        g_string_append (out, "\\u");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static void
append_list (GString     *out,
             char * const *items)
{
  guint n = items != NULL ? g_strv_length ((char **) items) : 0;

  g_string_append_printf (out, "%u", n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, '\x1f');
      append_escaped (out, items[i]);
    }
}

static char *
serialize_summaries (GPtrArray *summaries)
{
  GString *out = g_string_sized_new (summaries->len * 160 + 1);

  for (guint i = 0; i < summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i);

      append_escaped (out, summary->id);
      g_string_append_c (out, '\t');
      append_escaped (out, summary->legislator_id);
      g_string_append_c (out, '\t');
      append_escaped (out, summary->occurs_at);
      g_string_append_c (out, '\t');
      append_escaped (out, summary->position);
      g_string_append_c (out, '\t');
      append_escaped (out, summary->campaign_id);
      g_string_append_c (out, '\t');
      append_list (out, summary->topics);
      g_string_append_c (out, '\t');
      append_list (out, summary->open_due_on);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Reads one escaped value, which ends at a tab, a newline, a \x1f or the
 * end of the text, and moves *@p there.  *@ok turns FALSE on a malformed
 * escape.
 */
static char *
read_value (const char **p,
            gboolean    *ok)
{
  const char *start = *p;
  const char *end = start + strcspn (start, "\t\n\x1f\\");
  GString *out;

  if (*end != '\\')
    {
      *p = end;
      return g_strndup (start, end - start);
    }

  /* Rare: an escape.  Find the real end, skipping escaped characters. */
  while (*end != '\0' && *end != '\t' && *end != '\n' && *end != '\x1f')
    end += *end == '\\' && end[1] != '\0' ? 2 : 1;
  *p = end;
  if (end - start == 2 && start[1] == 'N')
    return NULL;

  out = g_string_sized_new (end - start);
  for (const char *q = start; q < end; q++)
    {
      if (*q != '\\')
        {
          g_string_append_c (out, *q);
          continue;
        }
      q++;
      switch (q < end ? *q : '\0')
        {
        case '\\':
          g_string_append_c (out, '\\');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'u':
          g_string_append_c (out, '\x1f');
          break;
        default:
          *ok = FALSE;
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
expect (const char **p,
        char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static GStrv
read_list (const char **p,
           gboolean    *ok)
{
  char *end = NULL;
  guint64 n = g_ascii_strtoull (*p, &end, 10);
  GStrv items;

  if (end == *p || n > 10000)
    {
      *ok = FALSE;
      return g_new0 (char *, 1);
    }
  *p = end;
  items = g_new0 (char *, n + 1);
  for (guint i = 0; i < n && *ok; i++)
    {
      if (!expect (p, '\x1f'))
        *ok = FALSE;
      else if ((items[i] = read_value (p, ok)) == NULL)
        {
          /* Lists hold no missing values. */
          *ok = FALSE;
          items[i] = g_strdup ("");
        }
    }
  return items;
}

/* The topic keys of @topics, with the same rules as the summaries built
 * from documents (empty keys and repeated keys left out); @keys caches
 * civic_legislative_topic_key() across one parse.
 */
static void
set_topics (CivicVisitSummary *summary,
            GStrv              written,
            GHashTable        *keys)
{
  GPtrArray *topic_keys = g_ptr_array_new ();
  GPtrArray *topics = g_ptr_array_new ();

  for (guint i = 0; written[i] != NULL; i++)
    {
      const char *key = g_hash_table_lookup (keys, written[i]);

      if (key == NULL)
        {
          char *new_key = civic_legislative_topic_key (written[i]);

          g_hash_table_insert (keys, g_strdup (written[i]), new_key);
          key = new_key;
        }
      if (key[0] == '\0' || g_ptr_array_find_with_equal_func (topic_keys, key, g_str_equal, NULL))
        continue;
      g_ptr_array_add (topic_keys, g_strdup (key));
      g_ptr_array_add (topics, g_strdup (written[i]));
    }
  g_ptr_array_add (topic_keys, NULL);
  g_ptr_array_add (topics, NULL);
  summary->topic_keys = (GStrv) g_ptr_array_free (topic_keys, FALSE);
  summary->topics = (GStrv) g_ptr_array_free (topics, FALSE);
}

/* The summaries of the stored copy's text, or %NULL when it is malformed. */
static GPtrArray *
parse_summaries (const char *text)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) _civic_visit_summary_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = text;
  gboolean ok = TRUE;

  while (*p != '\0' && ok)
    {
      CivicVisitSummary *summary = g_new0 (CivicVisitSummary, 1);
      g_auto(GStrv) topics = NULL;

      g_ptr_array_add (summaries, summary);
      summary->id = read_value (&p, &ok);
      ok = ok && summary->id != NULL && expect (&p, '\t');
      if (ok)
        summary->legislator_id = read_value (&p, &ok);
      ok = ok && expect (&p, '\t');
      if (ok)
        summary->occurs_at = read_value (&p, &ok);
      ok = ok && expect (&p, '\t');
      if (ok)
        summary->position = read_value (&p, &ok);
      ok = ok && expect (&p, '\t');
      if (ok)
        summary->campaign_id = read_value (&p, &ok);
      ok = ok && expect (&p, '\t');
      topics = ok ? read_list (&p, &ok) : g_new0 (char *, 1);
      set_topics (summary, topics, keys);
      ok = ok && expect (&p, '\t');
      summary->open_due_on = ok ? read_list (&p, &ok) : g_new0 (char *, 1);
      ok = ok && expect (&p, '\n');
    }

  return ok ? g_steal_pointer (&summaries) : NULL;
}

/* The stored copy's summaries and the sequence they reflect, or %NULL
 * when there is no copy this build can use.
 */
static GPtrArray *
read_cache (CivicStore *store,
            gint64      update_seq,
            gint64     *out_seq)
{
  g_autoptr(JsonObject) doc = civic_store_get_local (store, CIVIC_VISIT_INDEX_CACHE_ID, NULL);
  JsonNode *node;
  const char *text;
  gint64 seq;

  if (doc == NULL)
    return NULL;

  node = json_object_get_member (doc, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_int (node) != CACHE_FORMAT)
    return NULL;
  node = json_object_get_member (doc, "schema");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_int (node) != civic_store_get_schema_version (store))
    return NULL;
  node = json_object_get_member (doc, "seq");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  seq = json_node_get_int (node);
  /* A sequence ahead of the store's: the copy belongs to another history
   * (a file put back from elsewhere); trust none of it.
   */
  if (seq < 0 || seq > update_seq)
    return NULL;
  text = civic_legislative_get_string (doc, "visits");
  if (text == NULL)
    return NULL;

  *out_seq = seq;
  return parse_summaries (text);
}

static void
write_cache (CivicStore *store,
             gint64      seq,
             const char *text)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (doc, "format", CACHE_FORMAT);
  json_object_set_int_member (doc, "schema", civic_store_get_schema_version (store));
  json_object_set_int_member (doc, "seq", seq);
  json_object_set_string_member (doc, "visits", text);
  /* Only the next load's speed depends on it. */
  if (!civic_store_put_local (store, CIVIC_VISIT_INDEX_CACHE_ID, doc, &error))
    g_debug ("Could not keep the visit index in the store: %s", error->message);
}

/* Brings the copy's summaries up to date with the visits written after
 * it; FALSE when there are too many to be worth it.  *@out_n_changes: how
 * many changes (of any type) there were; *@out_n_visits: how many of them
 * were visits.
 */
static gboolean
apply_changes_since (CivicStore  *store,
                     GPtrArray   *summaries,
                     gint64       since,
                     guint       *out_n_changes,
                     guint       *out_n_visits,
                     GError     **error)
{
  g_autoptr(GPtrArray) changes = civic_store_changes (store, since, CACHE_MAX_DELTA + 1, error);
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) gone = NULL;
  g_autoptr(GHashTable) keys = NULL;

  if (changes == NULL)
    return FALSE;
  *out_n_changes = changes->len;
  if (changes->len > CACHE_MAX_DELTA)
    return FALSE;

  wanted = g_ptr_array_new ();
  for (guint i = 0; i < changes->len; i++)
    {
      CivicChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->type, "visit") == 0 || g_str_has_prefix (change->id, "visit:"))
        g_ptr_array_add (wanted, change->id);
    }
  *out_n_visits = wanted->len;
  if (wanted->len == 0)
    return TRUE;

  /* Everything named goes; what still exists comes back. */
  gone = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < wanted->len; i++)
    g_hash_table_add (gone, g_ptr_array_index (wanted, i));
  for (guint i = summaries->len; i > 0; i--)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i - 1);

      if (g_hash_table_contains (gone, summary->id))
        g_ptr_array_remove_index_fast (summaries, i - 1);
    }

  g_ptr_array_add (wanted, NULL);
  docs = civic_store_get_many (store, (const char * const *) wanted->pdata, error);
  if (docs == NULL)
    return FALSE;
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      CivicVisitSummary *summary;

      if (g_strcmp0 (civic_legislative_get_string (doc, "type"), "visit") != 0)
        continue;
      summary = _civic_visit_summary_new_from_json (doc);
      if (summary != NULL)
        g_ptr_array_add (summaries, summary);
    }

  return TRUE;
}

/* ---- What the index derives from its visits --------------------------- */

static void
fill_maps (GPtrArray  *summaries,
           GPtrArray  *legislators,
           GHashTable *visits_by_id,
           GHashTable *legislators_by_id)
{
  g_hash_table_remove_all (visits_by_id);
  for (guint i = 0; i < summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i);

      g_hash_table_insert (visits_by_id, summary->id, summary);
    }

  g_hash_table_remove_all (legislators_by_id);
  for (guint i = 0; i < legislators->len; i++)
    {
      JsonObject *legislator = g_ptr_array_index (legislators, i);
      const char *id = civic_legislative_get_string (legislator, "_id");

      if (id != NULL)
        g_hash_table_insert (legislators_by_id, (gpointer) id, legislator);
    }
}

static int
compare_collation_keys (gconstpointer a,
                        gconstpointer b)
{
  return strcmp (((const char * const *) a)[0], ((const char * const *) b)[0]);
}

/* Every topic the visits name, once each (as first written), in the
 * order of g_utf8_collate().
 */
static GStrv
compute_topics (GPtrArray *summaries)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autofree const char **pairs = NULL;
  GStrv result;

  for (guint i = 0; i < summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i);

      for (guint j = 0; summary->topic_keys[j] != NULL; j++)
        if (g_hash_table_add (seen, summary->topic_keys[j]))
          g_ptr_array_add (topics, summary->topics[j]);
    }

  /* Sorted by their collation keys, made once each: g_utf8_collate()
   * would make two at every comparison.
   */
  pairs = g_new (const char *, 2 * topics->len + 1);
  for (guint i = 0; i < topics->len; i++)
    {
      pairs[2 * i] = g_utf8_collate_key (g_ptr_array_index (topics, i), -1);
      pairs[2 * i + 1] = g_ptr_array_index (topics, i);
    }
  qsort (pairs, topics->len, 2 * sizeof (const char *), compare_collation_keys);
  result = g_new0 (char *, topics->len + 1);
  for (guint i = 0; i < topics->len; i++)
    {
      g_free ((char *) pairs[2 * i]);
      result[i] = g_strdup (pairs[2 * i + 1]);
    }
  return result;
}

static gboolean
summary_legislator_exists (GHashTable        *legislators_by_id,
                           CivicVisitSummary *summary)
{
  return summary->legislator_id != NULL && g_hash_table_contains (legislators_by_id, summary->legislator_id);
}

/* See civic_visit_index_dup_busiest_topic(); @topics from compute_topics(). */
static char *
compute_busiest_topic (GPtrArray          *summaries,
                       GHashTable         *legislators_by_id,
                       const char * const *topics)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_count = 0;

  /* The visits a whip count of each topic would count: those of
   * legislators that exist.
   */
  for (guint i = 0; i < summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i);

      if (!summary_legislator_exists (legislators_by_id, summary))
        continue;
      for (guint j = 0; summary->topic_keys[j] != NULL; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, summary->topic_keys[j]));

          g_hash_table_insert (counts, summary->topic_keys[j], GUINT_TO_POINTER (n + 1));
        }
    }

  for (guint i = 0; topics[i] != NULL; i++)
    {
      g_autofree char *key = civic_legislative_topic_key (topics[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > best_count)
        {
          best = topics[i];
          best_count = n;
        }
    }

  return g_strdup (best);
}

/* Topic key → the summaries that name it (both borrowed from @summaries),
 * so that a whip count reads only the visits of its topic.
 */
static GHashTable *
compute_by_topic (GPtrArray *summaries)
{
  GHashTable *by_topic = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (summaries, i);

      for (guint j = 0; summary->topic_keys[j] != NULL; j++)
        {
          GPtrArray *visits = g_hash_table_lookup (by_topic, summary->topic_keys[j]);

          if (visits == NULL)
            {
              visits = g_ptr_array_new ();
              g_hash_table_insert (by_topic, summary->topic_keys[j], visits);
            }
          /* A visit naming a topic twice is counted once. */
          if (visits->len == 0 || g_ptr_array_index (visits, visits->len - 1) != summary)
            g_ptr_array_add (visits, summary);
        }
    }
  return by_topic;
}

static void
derive (Snapshot *snapshot)
{
  snapshot->visits_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  snapshot->legislators_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  fill_maps (snapshot->summaries, snapshot->legislators, snapshot->visits_by_id, snapshot->legislators_by_id);
  snapshot->topics = compute_topics (snapshot->summaries);
  snapshot->busiest_topic = compute_busiest_topic (snapshot->summaries, snapshot->legislators_by_id,
                                                   (const char * const *) snapshot->topics);
  snapshot->by_topic = compute_by_topic (snapshot->summaries);
}

static Snapshot *
read_snapshot (CivicStore    *store,
               gboolean       use_cache,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) visits = NULL;
  gint64 cache_seq = 0;
  guint n_changes = 0;
  guint n_visit_changes = 0;
  gboolean dirty = FALSE;

  /* Taken first: whatever is read next is at least this recent, so the
   * changes after it are all a later load needs.  (The store holds its
   * lock while a write is in progress, so this is a committed sequence.)
   */
  snapshot->seq = civic_store_get_update_seq (store);

  snapshot->legislators = civic_store_list (store, "legislator", error);
  if (snapshot->legislators == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (use_cache)
    snapshot->summaries = read_cache (store, snapshot->seq, &cache_seq);
  if (snapshot->summaries != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (apply_changes_since (store, snapshot->summaries, cache_seq, &n_changes, &n_visit_changes,
                               &local_error))
        {
          snapshot->from_cache = TRUE;
          dirty = n_changes >= CACHE_REWRITE_AFTER || n_visit_changes > 0;
        }
      else
        {
          if (local_error != NULL)
            g_debug ("Reading every visit: %s", local_error->message);
          g_clear_pointer (&snapshot->summaries, g_ptr_array_unref);
        }
    }

  if (snapshot->summaries == NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      visits = civic_store_list (store, "visit", error);
      if (visits == NULL)
        return NULL;

      snapshot->summaries = g_ptr_array_new_full (visits->len, (GDestroyNotify) _civic_visit_summary_free);
      for (guint i = 0; i < visits->len; i++)
        {
          CivicVisitSummary *summary = _civic_visit_summary_new_from_json (g_ptr_array_index (visits, i));

          if (summary != NULL)
            g_ptr_array_add (snapshot->summaries, summary);
        }
      dirty = use_cache;
    }

  if (dirty)
    snapshot->cache_text = serialize_summaries (snapshot->summaries);
  derive (snapshot);

  return g_steal_pointer (&snapshot);
}

static void update_ids (CivicVisitIndex    *self,
                        const char * const *ids);

static void
apply_snapshot (CivicVisitIndex *self,
                Snapshot        *snapshot)
{
  gboolean was_loaded = self->loaded;

  /* The tables point into the arrays: they go first. */
  g_clear_pointer (&self->by_topic, g_hash_table_unref);
  g_clear_pointer (&self->visits_by_id, g_hash_table_unref);
  g_clear_pointer (&self->legislators_by_id, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->legislators, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->busiest_topic, g_free);
  self->summaries = g_steal_pointer (&snapshot->summaries);
  self->legislators = g_steal_pointer (&snapshot->legislators);
  self->visits_by_id = g_steal_pointer (&snapshot->visits_by_id);
  self->legislators_by_id = g_steal_pointer (&snapshot->legislators_by_id);
  self->topics = g_steal_pointer (&snapshot->topics);
  self->busiest_topic = g_steal_pointer (&snapshot->busiest_topic);
  self->by_topic = g_steal_pointer (&snapshot->by_topic);
  self->loaded = TRUE;
  self->from_cache = snapshot->from_cache;

  /* Writes that landed while the worker read may or may not be in what
   * it read; reading them again is harmless and makes sure.
   */
  if (self->loading == 0 && g_hash_table_size (self->pending) > 0)
    {
      g_autofree const char **ids = (const char **) g_hash_table_get_keys_as_array (self->pending, NULL);

      update_ids (self, ids);
      g_hash_table_remove_all (self->pending);
    }

  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_visit (CivicVisitIndex *self,
              const char      *id)
{
  CivicVisitSummary *summary = g_hash_table_lookup (self->visits_by_id, id);

  if (summary == NULL)
    return;

  g_hash_table_remove (self->visits_by_id, id);
  g_ptr_array_remove_fast (self->summaries, summary);
}

static void
remove_legislator (CivicVisitIndex *self,
                   const char      *id)
{
  JsonObject *legislator = g_hash_table_lookup (self->legislators_by_id, id);

  if (legislator == NULL)
    return;

  g_hash_table_remove (self->legislators_by_id, id);
  g_ptr_array_remove (self->legislators, legislator);
}

/* Re-reads @ids (visits and legislators only) from the store. */
static void
update_ids (CivicVisitIndex    *self,
            const char * const *ids)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_has_prefix (ids[i], "visit:") || g_str_has_prefix (ids[i], "legislator:"))
      g_ptr_array_add (wanted, (gpointer) ids[i]);

  if (wanted->len == 0)
    return;

  /* The topics are counted again when next asked for (and before the
   * summaries the table points into go).
   */
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->busiest_topic, g_free);
  g_clear_pointer (&self->by_topic, g_hash_table_unref);

  g_ptr_array_add (wanted, NULL);
  docs = civic_store_get_many (self->store, (const char * const *) wanted->pdata, &error);
  if (docs == NULL)
    {
      g_warning ("Could not read the visits that changed: %s", error->message);
      return;
    }

  /* Everything asked for goes; what still exists comes back. */
  for (guint i = 0; i + 1 < wanted->len; i++)
    {
      const char *id = g_ptr_array_index (wanted, i);

      if (g_str_has_prefix (id, "visit:"))
        remove_visit (self, id);
      else
        remove_legislator (self, id);
    }

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *type = civic_legislative_get_string (doc, "type");
      const char *id = civic_legislative_get_string (doc, "_id");

      if (id == NULL)
        continue;

      if (g_strcmp0 (type, "visit") == 0)
        {
          CivicVisitSummary *summary = _civic_visit_summary_new_from_json (doc);

          g_ptr_array_add (self->summaries, summary);
          g_hash_table_insert (self->visits_by_id, summary->id, summary);
        }
      else if (g_strcmp0 (type, "legislator") == 0)
        {
          g_ptr_array_add (self->legislators, json_object_ref (doc));
          g_hash_table_insert (self->legislators_by_id,
                               (gpointer) civic_legislative_get_string (doc, "_id"), doc);
        }
    }
}

static void
store_changed_cb (CivicStore      *store,
                  GStrv            ids,
                  GStrv            types,
                  CivicVisitIndex *self)
{
  if (ids == NULL ||
      (types != NULL && !g_strv_contains ((const char * const *) types, "visit") &&
       !g_strv_contains ((const char * const *) types, "legislator")))
    return;

  if (self->loading > 0)
    {
      for (guint i = 0; ids[i] != NULL; i++)
        g_hash_table_add (self->pending, g_strdup (ids[i]));
      return;
    }

  if (!self->loaded)
    return;

  update_ids (self, (const char * const *) ids);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
civic_visit_index_constructed (GObject *object)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (object);

  G_OBJECT_CLASS (civic_visit_index_parent_class)->constructed (object);

  g_assert (CIVIC_IS_STORE (self->store));
  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
}

static void
civic_visit_index_dispose (GObject *object)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (civic_visit_index_parent_class)->dispose (object);
}

static void
civic_visit_index_finalize (GObject *object)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (object);

  g_clear_pointer (&self->by_topic, g_hash_table_unref);
  g_clear_pointer (&self->visits_by_id, g_hash_table_unref);
  g_clear_pointer (&self->legislators_by_id, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->legislators, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->busiest_topic, g_free);

  G_OBJECT_CLASS (civic_visit_index_parent_class)->finalize (object);
}

static void
civic_visit_index_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visit_index_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visit_index_class_init (CivicVisitIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = civic_visit_index_constructed;
  object_class->dispose = civic_visit_index_dispose;
  object_class->finalize = civic_visit_index_finalize;
  object_class->get_property = civic_visit_index_get_property;
  object_class->set_property = civic_visit_index_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civic_visit_index_init (CivicVisitIndex *self)
{
  self->summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) _civic_visit_summary_free);
  self->visits_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->legislators = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->legislators_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CivicVisitIndex *
civic_visit_index_new (CivicStore *store)
{
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  return g_object_new (CIVIC_TYPE_VISIT_INDEX, "store", store, NULL);
}

CivicStore *
civic_visit_index_get_store (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  return self->store;
}

gboolean
civic_visit_index_get_loaded (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), FALSE);

  return self->loaded;
}

gboolean
civic_visit_index_load (CivicVisitIndex  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(Snapshot) snapshot = NULL;

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), FALSE);

  snapshot = read_snapshot (self->store, TRUE, cancellable, error);
  if (snapshot == NULL)
    return FALSE;

  if (snapshot->cache_text != NULL)
    write_cache (self->store, snapshot->seq, snapshot->cache_text);
  apply_snapshot (self, snapshot);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CivicStore *store = task_data;
  GError *error = NULL;
  Snapshot *snapshot = read_snapshot (store, TRUE, cancellable, &error);

  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) snapshot_free);
}

typedef struct {
  CivicStore *store;
  gint64      seq;
  char       *text;
} CacheWrite;

static void
cache_write_free (CacheWrite *write)
{
  g_clear_object (&write->store);
  g_free (write->text);
  g_free (write);
}

static void
write_cache_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CacheWrite *write = task_data;

  write_cache (write->store, write->seq, write->text);
  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicVisitIndex *self = CIVIC_VISIT_INDEX (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Snapshot) snapshot = NULL;
  GError *error = NULL;

  self->loading--;
  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (snapshot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The copy is written after the caller has its data, in a thread of
   * its own: nothing waits for it.
   */
  if (snapshot->cache_text != NULL)
    {
      g_autoptr(GTask) writer = g_task_new (NULL, NULL, NULL, NULL);
      CacheWrite *write = g_new0 (CacheWrite, 1);

      write->store = g_object_ref (self->store);
      write->seq = snapshot->seq;
      write->text = g_steal_pointer (&snapshot->cache_text);
      g_task_set_source_tag (writer, write_cache_thread);
      g_task_set_task_data (writer, write, (GDestroyNotify) cache_write_free);
      g_task_run_in_thread (writer, write_cache_thread);
    }

  apply_snapshot (self, snapshot);
  g_task_return_boolean (task, TRUE);
}

void
civic_visit_index_load_async (CivicVisitIndex     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (CIVIC_IS_VISIT_INDEX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_visit_index_load_async);

  /* The worker's own task completes in this thread, where the snapshot
   * replaces the data before the caller hears of it.
   */
  worker = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, g_object_ref (self->store), g_object_unref);
  self->loading++;
  g_task_run_in_thread (worker, load_thread);
}

gboolean
civic_visit_index_load_finish (CivicVisitIndex  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civic_visit_index_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
civic_visit_index_get_n_visits (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), 0);

  return self->summaries->len;
}

CivicWhipCount *
civic_visit_index_whip_count (CivicVisitIndex       *self,
                              const char            *topic,
                              const CivicWhipFilter *filter)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GPtrArray *visits;

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  key = civic_legislative_topic_key (topic);
  if (self->by_topic == NULL)
    self->by_topic = compute_by_topic (self->summaries);
  visits = key != NULL ? g_hash_table_lookup (self->by_topic, key) : NULL;
  if (visits == NULL)
    visits = none = g_ptr_array_new ();
  return _civic_whip_count_from_summaries (self->legislators, visits, topic, key, filter);
}

guint
civic_visit_index_count_overdue (CivicVisitIndex *self,
                                 const char      *today)
{
  g_autofree char *local_today = NULL;
  guint n = 0;

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), 0);

  if (today == NULL)
    today = local_today = civic_legislative_today ();

  /* The same rule as civic_follow_up_state_for(): a date before today. */
  for (guint i = 0; i < self->summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (self->summaries, i);

      for (guint j = 0; summary->open_due_on[j] != NULL; j++)
        if (strlen (summary->open_due_on[j]) >= 10 && strncmp (summary->open_due_on[j], today, 10) < 0)
          n++;
    }

  return n;
}

/* The topics and the busiest one, counted again after a change. */
static void
ensure_topics (CivicVisitIndex *self)
{
  if (self->topics != NULL)
    return;
  self->topics = compute_topics (self->summaries);
  self->busiest_topic = compute_busiest_topic (self->summaries, self->legislators_by_id,
                                               (const char * const *) self->topics);
}

GStrv
civic_visit_index_dup_topics (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  ensure_topics (self);
  return g_strdupv (self->topics);
}

char *
civic_visit_index_dup_busiest_topic (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  ensure_topics (self);
  return g_strdup (self->busiest_topic);
}

GHashTable *
civic_visit_index_dup_last_visits (CivicVisitIndex *self)
{
  GHashTable *last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), last);

  for (guint i = 0; i < self->summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (self->summaries, i);
      const char *current;

      if (summary->legislator_id == NULL || summary->occurs_at == NULL)
        continue;
      current = g_hash_table_lookup (last, summary->legislator_id);
      if (current == NULL || civic_positions_compare_instants (summary->occurs_at, current) > 0)
        g_hash_table_insert (last, g_strdup (summary->legislator_id), g_strdup (summary->occurs_at));
    }

  return last;
}

GHashTable *
civic_visit_index_dup_visited_in_campaign (CivicVisitIndex *self,
                                           const char      *campaign_id,
                                           const char      *starts_on,
                                           const char      *ends_on)
{
  GHashTable *visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), visited);

  if (campaign_id == NULL)
    return visited;

  for (guint i = 0; i < self->summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (self->summaries, i);
      gboolean in_campaign;

      if (summary->legislator_id == NULL)
        continue;
      /* A visit belongs to the campaign it names, or, naming none, to the
       * campaign whose dates it falls in.
       */
      if (summary->campaign_id != NULL)
        in_campaign = g_str_equal (summary->campaign_id, campaign_id);
      else
        in_campaign = summary->occurs_at != NULL && starts_on != NULL
                      && strncmp (summary->occurs_at, starts_on, 10) >= 0
                      && (ends_on == NULL || strncmp (summary->occurs_at, ends_on, 10) <= 0);
      if (in_campaign)
        g_hash_table_add (visited, g_strdup (summary->legislator_id));
    }

  return visited;
}

gboolean
civic_visit_index_get_loaded_from_cache (CivicVisitIndex *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), FALSE);

  return self->from_cache;
}
