/* civic-positions.c — a legislator's position history on an issue or bill, and the whip count
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-positions"

#include "config.h"

#include <string.h>

#include "civic-json.h"

#include "civic-positions-private.h"

void
civic_position_entry_free (CivicPositionEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->visit_id);
  g_free (entry->legislator_id);
  g_free (entry->occurs_at);
  g_free (entry);
}

void
civic_position_timeline_free (CivicPositionTimeline *timeline)
{
  if (timeline == NULL)
    return;

  g_free (timeline->topic);
  g_clear_pointer (&timeline->entries, g_ptr_array_unref);
  g_free (timeline);
}

static void
whip_row_free (CivicWhipRow *row)
{
  g_free (row->legislator_id);
  g_free (row->name);
  g_free (row->chamber);
  g_free (row->state);
  g_free (row->district);
  g_free (row->party);
  g_free (row->heard_at);
  g_free (row->visit_id);
  g_free (row);
}

void
civic_whip_count_free (CivicWhipCount *count)
{
  if (count == NULL)
    return;

  g_free (count->topic);
  g_clear_pointer (&count->rows, g_ptr_array_unref);
  g_free (count);
}

static gboolean
is_plain_utc (const char *text)
{
  /* "YYYY-MM-DDTHH:MM:SSZ": such strings order like their instants. */
  return strlen (text) == 20 && text[19] == 'Z' && text[10] == 'T';
}

int
civic_positions_compare_instants (const char *a,
                                  const char *b)
{
  g_autoptr(GDateTime) da = NULL;
  g_autoptr(GDateTime) db = NULL;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  if (is_plain_utc (a) && is_plain_utc (b))
    return strcmp (a, b);

  da = g_date_time_new_from_iso8601 (a, NULL);
  db = g_date_time_new_from_iso8601 (b, NULL);
  if (da == NULL || db == NULL)
    return strcmp (a, b);

  return g_date_time_compare (da, db);
}

static int
compare_visit_order (const char *occurs_a,
                     const char *id_a,
                     const char *occurs_b,
                     const char *id_b)
{
  int cmp = civic_positions_compare_instants (occurs_a, occurs_b);

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (id_a, id_b);
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const CivicPositionEntry *ea = *(const CivicPositionEntry * const *) a;
  const CivicPositionEntry *eb = *(const CivicPositionEntry * const *) b;

  return compare_visit_order (ea->occurs_at, ea->visit_id, eb->occurs_at, eb->visit_id);
}

static CivicPositionEntry *
entry_new (JsonObject *visit)
{
  CivicPositionEntry *entry = g_new0 (CivicPositionEntry, 1);

  entry->visit_id = g_strdup (civic_legislative_get_string (visit, "_id"));
  entry->legislator_id = g_strdup (civic_legislative_get_string (visit, "legislator_id"));
  entry->occurs_at = g_strdup (civic_legislative_get_string (visit, "occurs_at"));
  entry->position = civic_position_from_string (civic_legislative_get_string (visit, "position"));

  return entry;
}

GPtrArray *
civic_position_history_from_visits (GPtrArray  *visits,
                                    const char *legislator_id,
                                    const char *topic)
{
  g_autofree char *key = civic_legislative_topic_key (topic);
  GPtrArray *history = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_position_entry_free);

  g_return_val_if_fail (visits != NULL, history);
  g_return_val_if_fail (legislator_id != NULL, history);

  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);

      if (g_strcmp0 (civic_legislative_get_string (visit, "legislator_id"), legislator_id) != 0 ||
          civic_legislative_get_string (visit, "position") == NULL ||
          !civic_legislative_visit_has_topic (visit, key))
        continue;

      g_ptr_array_add (history, entry_new (visit));
    }

  g_ptr_array_sort (history, entry_compare);

  return history;
}

GPtrArray *
civic_position_history (CivicStore  *store,
                        const char  *legislator_id,
                        const char  *topic,
                        GError     **error)
{
  g_autoptr(GPtrArray) visits = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (legislator_id != NULL, NULL);

  visits = civic_store_list_by_ref (store, "visit", CIVIC_STORE_REF_1, legislator_id, error);
  if (visits == NULL)
    return NULL;

  return civic_position_history_from_visits (visits, legislator_id, topic);
}

CivicPositionEntry *
civic_position_latest (CivicStore  *store,
                       const char  *legislator_id,
                       const char  *topic,
                       GError     **error)
{
  g_autoptr(GPtrArray) history = civic_position_history (store, legislator_id, topic, error);

  if (history == NULL || history->len == 0)
    return NULL;

  return g_ptr_array_steal_index (history, history->len - 1);
}

static void
collect_topics (GHashTable *timelines,
                JsonObject *visit,
                const char *member,
                gboolean    is_bill)
{
  JsonNode *node = json_object_get_member (visit, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *key = NULL;
      CivicPositionTimeline *timeline;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;

      key = civic_legislative_topic_key (json_node_get_string (element));
      if (key[0] == '\0')
        continue;

      timeline = g_hash_table_lookup (timelines, key);
      if (timeline == NULL)
        {
          timeline = g_new0 (CivicPositionTimeline, 1);
          timeline->topic = g_strdup (json_node_get_string (element));
          timeline->is_bill = is_bill;
          timeline->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_position_entry_free);
          g_hash_table_insert (timelines, g_steal_pointer (&key), timeline);
        }

      if (civic_legislative_get_string (visit, "position") != NULL)
        {
          const char *visit_id = civic_legislative_get_string (visit, "_id");
          gboolean seen = FALSE;

          /* A visit that names the topic twice (as issue and bill) counts once. */
          for (guint j = 0; j < timeline->entries->len && !seen; j++)
            seen = g_strcmp0 (((CivicPositionEntry *) g_ptr_array_index (timeline->entries, j))->visit_id,
                              visit_id) == 0;
          if (!seen)
            g_ptr_array_add (timeline->entries, entry_new (visit));
        }
    }
}

static int
timeline_compare (gconstpointer a,
                  gconstpointer b)
{
  const CivicPositionTimeline *ta = *(const CivicPositionTimeline * const *) a;
  const CivicPositionTimeline *tb = *(const CivicPositionTimeline * const *) b;

  if (ta->is_bill != tb->is_bill)
    return ta->is_bill - tb->is_bill;

  return g_utf8_collate (ta->topic, tb->topic);
}

GPtrArray *
civic_position_timelines (CivicStore  *store,
                          const char  *legislator_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GHashTable) timelines = NULL;
  GPtrArray *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (legislator_id != NULL, NULL);

  visits = civic_store_list_by_ref (store, "visit", CIVIC_STORE_REF_1, legislator_id, error);
  if (visits == NULL)
    return NULL;

  timelines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);

      if (g_strcmp0 (civic_legislative_get_string (visit, "legislator_id"), legislator_id) != 0)
        continue;
      collect_topics (timelines, visit, "issues", FALSE);
      collect_topics (timelines, visit, "bills", TRUE);
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_position_timeline_free);
  g_hash_table_iter_init (&iter, timelines);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CivicPositionTimeline *timeline = value;

      g_ptr_array_sort (timeline->entries, entry_compare);
      g_ptr_array_add (result, timeline);
    }
  g_ptr_array_sort (result, timeline_compare);

  return result;
}

/* ---- Whip count ---------------------------------------------------------- */

typedef struct {
  JsonObject        *legislator;
  CivicVisitSummary *deciding;  /* latest visit with a position, or NULL */
  guint              n_visits;
} Target;

static gboolean
passes_filter (JsonObject            *legislator,
               const CivicWhipFilter *filter)
{
  if (filter == NULL)
    return TRUE;

  if (filter->chamber != NULL && filter->chamber[0] != '\0' &&
      g_strcmp0 (civic_legislative_get_string (legislator, "chamber"), filter->chamber) != 0)
    return FALSE;

  if (filter->state != NULL && filter->state[0] != '\0')
    {
      const char *state = civic_legislative_get_string (legislator, "state");

      if (state == NULL || g_ascii_strcasecmp (state, filter->state) != 0)
        return FALSE;
    }

  return TRUE;
}

static int
whip_row_compare (gconstpointer a,
                  gconstpointer b)
{
  const CivicWhipRow *ra = *(const CivicWhipRow * const *) a;
  const CivicWhipRow *rb = *(const CivicWhipRow * const *) b;
  int cmp;

  if (ra->position != rb->position)
    return (int) ra->position - (int) rb->position;

  cmp = g_utf8_collate (ra->name != NULL ? ra->name : "", rb->name != NULL ? rb->name : "");
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (ra->legislator_id, rb->legislator_id);
}

static void
add_topic_keys (GPtrArray  *keys,
                GPtrArray  *topics,
                JsonObject *visit,
                const char *member)
{
  JsonNode *node = json_object_get_member (visit, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char *key;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;

      key = civic_legislative_topic_key (json_node_get_string (element));
      if (key[0] == '\0' || g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_free (key);
      else
        {
          g_ptr_array_add (keys, key);
          g_ptr_array_add (topics, g_strdup (json_node_get_string (element)));
        }
    }
}

CivicVisitSummary *
_civic_visit_summary_new_from_json (JsonObject *visit)
{
  CivicVisitSummary *summary;
  GPtrArray *keys, *topics, *due;
  JsonArray *follow_ups;
  const char *id = civic_legislative_get_string (visit, "_id");

  if (id == NULL)
    return NULL;

  summary = g_new0 (CivicVisitSummary, 1);
  summary->id = g_strdup (id);
  summary->legislator_id = g_strdup (civic_legislative_get_string (visit, "legislator_id"));
  summary->occurs_at = g_strdup (civic_legislative_get_string (visit, "occurs_at"));
  summary->position = g_strdup (civic_legislative_get_string (visit, "position"));
  summary->campaign_id = g_strdup (civic_legislative_get_string (visit, "campaign_id"));

  keys = g_ptr_array_new ();
  topics = g_ptr_array_new ();
  add_topic_keys (keys, topics, visit, "issues");
  add_topic_keys (keys, topics, visit, "bills");
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (topics, NULL);
  summary->topic_keys = (GStrv) g_ptr_array_free (keys, FALSE);
  summary->topics = (GStrv) g_ptr_array_free (topics, FALSE);

  due = g_ptr_array_new ();
  follow_ups = civic_json_object_get_array_or_null (visit, "follow_ups");
  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      JsonNode *node = json_array_get_element (follow_ups, i);
      JsonObject *item;
      const char *due_on;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      if (civic_legislative_get_string (item, "done_at") != NULL)
        continue;
      due_on = civic_legislative_get_string (item, "due_on");
      g_ptr_array_add (due, g_strdup (due_on != NULL ? due_on : ""));
    }
  g_ptr_array_add (due, NULL);
  summary->open_due_on = (GStrv) g_ptr_array_free (due, FALSE);

  return summary;
}

void
_civic_visit_summary_free (CivicVisitSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->id);
  g_free (summary->legislator_id);
  g_free (summary->occurs_at);
  g_free (summary->position);
  g_free (summary->campaign_id);
  g_strfreev (summary->topic_keys);
  g_strfreev (summary->topics);
  g_strfreev (summary->open_due_on);
  g_free (summary);
}

static gboolean
summary_is_later (CivicVisitSummary *candidate,
                  CivicVisitSummary *current)
{
  if (current == NULL)
    return TRUE;

  return compare_visit_order (candidate->occurs_at, candidate->id,
                              current->occurs_at, current->id) > 0;
}

CivicWhipCount *
_civic_whip_count_from_summaries (GPtrArray             *legislators,
                                  GPtrArray             *summaries,
                                  const char            *topic,
                                  const char            *topic_key,
                                  const CivicWhipFilter *filter)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  CivicWhipCount *count = g_new0 (CivicWhipCount, 1);
  GHashTableIter iter;
  gpointer value;

  count->topic = g_strdup (topic);
  count->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) whip_row_free);

  for (guint i = 0; i < legislators->len; i++)
    {
      JsonObject *legislator = g_ptr_array_index (legislators, i);
      const char *id = civic_legislative_get_string (legislator, "_id");

      if (id == NULL || !passes_filter (legislator, filter))
        continue;

      g_hash_table_insert (by_id, (gpointer) id, legislator);
      if (filter != NULL && filter->include_unvisited)
        {
          Target *target = g_new0 (Target, 1);

          target->legislator = legislator;
          g_hash_table_insert (targets, (gpointer) id, target);
        }
    }

  if (topic_key != NULL && topic_key[0] != '\0')
    for (guint i = 0; i < summaries->len; i++)
      {
        CivicVisitSummary *visit = g_ptr_array_index (summaries, i);
        JsonObject *legislator;
        Target *target;

        if (visit->legislator_id == NULL ||
            !g_strv_contains ((const char * const *) visit->topic_keys, topic_key))
          continue;

        legislator = g_hash_table_lookup (by_id, visit->legislator_id);
        if (legislator == NULL)
          continue;  /* filtered out, or no longer exists */

        target = g_hash_table_lookup (targets, visit->legislator_id);
        if (target == NULL)
          {
            target = g_new0 (Target, 1);
            target->legislator = legislator;
            g_hash_table_insert (targets, visit->legislator_id, target);
          }

        target->n_visits++;
        if (visit->position != NULL && summary_is_later (visit, target->deciding))
          target->deciding = visit;
      }

  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Target *target = value;
      CivicWhipRow *row = g_new0 (CivicWhipRow, 1);
      JsonObject *legislator = target->legislator;

      row->legislator_id = g_strdup (civic_legislative_get_string (legislator, "_id"));
      row->name = g_strdup (civic_legislative_get_string (legislator, "name"));
      row->chamber = g_strdup (civic_legislative_get_string (legislator, "chamber"));
      row->state = g_strdup (civic_legislative_get_string (legislator, "state"));
      row->district = g_strdup (civic_legislative_get_string (legislator, "district"));
      row->party = g_strdup (civic_legislative_get_string (legislator, "party"));
      row->n_visits = target->n_visits;
      row->position = CIVIC_POSITION_UNKNOWN;
      if (target->deciding != NULL)
        {
          row->position = civic_position_from_string (target->deciding->position);
          row->heard_at = g_strdup (target->deciding->occurs_at);
          row->visit_id = g_strdup (target->deciding->id);
        }

      count->counts[row->position]++;
      g_ptr_array_add (count->rows, row);
    }

  g_ptr_array_sort (count->rows, whip_row_compare);

  return count;
}

CivicWhipCount *
civic_whip_count_from_documents (GPtrArray             *legislators,
                                 GPtrArray             *visits,
                                 const char            *topic,
                                 const CivicWhipFilter *filter)
{
  g_autofree char *key = civic_legislative_topic_key (topic);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) _civic_visit_summary_free);

  g_return_val_if_fail (legislators != NULL, NULL);
  g_return_val_if_fail (visits != NULL, NULL);

  /* Only the visits on the topic are summarized. */
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      CivicVisitSummary *summary;

      if (!civic_legislative_visit_has_topic (visit, key))
        continue;
      summary = _civic_visit_summary_new_from_json (visit);
      if (summary != NULL)
        g_ptr_array_add (summaries, summary);
    }

  return _civic_whip_count_from_summaries (legislators, summaries, topic, key, filter);
}

CivicWhipCount *
civic_whip_count_compute (CivicStore            *store,
                          const char            *topic,
                          const CivicWhipFilter *filter,
                          GError               **error)
{
  g_autoptr(GPtrArray) legislators = NULL;
  g_autoptr(GPtrArray) visits = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  legislators = civic_store_list (store, "legislator", error);
  if (legislators == NULL)
    return NULL;

  visits = civic_store_list (store, "visit", error);
  if (visits == NULL)
    return NULL;

  return civic_whip_count_from_documents (legislators, visits, topic, filter);
}
