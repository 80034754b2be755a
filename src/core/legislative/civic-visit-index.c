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

  gboolean    loaded;
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

/* What one full read produced, built in a worker thread. */
typedef struct {
  GPtrArray *summaries;
  GPtrArray *legislators;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->summaries, g_ptr_array_unref);
  g_clear_pointer (&snapshot->legislators, g_ptr_array_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static Snapshot *
read_snapshot (CivicStore    *store,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GPtrArray) visits = NULL;

  snapshot->legislators = civic_store_list (store, "legislator", error);
  if (snapshot->legislators == NULL)
    return NULL;

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

  return g_steal_pointer (&snapshot);
}

static void
rebuild_maps (CivicVisitIndex *self)
{
  g_hash_table_remove_all (self->visits_by_id);
  for (guint i = 0; i < self->summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (self->summaries, i);

      g_hash_table_insert (self->visits_by_id, summary->id, summary);
    }

  g_hash_table_remove_all (self->legislators_by_id);
  for (guint i = 0; i < self->legislators->len; i++)
    {
      JsonObject *legislator = g_ptr_array_index (self->legislators, i);
      const char *id = civic_legislative_get_string (legislator, "_id");

      if (id != NULL)
        g_hash_table_insert (self->legislators_by_id, (gpointer) id, legislator);
    }
}

static void update_ids (CivicVisitIndex    *self,
                        const char * const *ids);

static void
apply_snapshot (CivicVisitIndex *self,
                Snapshot        *snapshot)
{
  gboolean was_loaded = self->loaded;

  g_hash_table_remove_all (self->visits_by_id);
  g_hash_table_remove_all (self->legislators_by_id);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->legislators, g_ptr_array_unref);
  self->summaries = g_steal_pointer (&snapshot->summaries);
  self->legislators = g_steal_pointer (&snapshot->legislators);
  rebuild_maps (self);
  self->loaded = TRUE;

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

  g_clear_pointer (&self->visits_by_id, g_hash_table_unref);
  g_clear_pointer (&self->legislators_by_id, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->legislators, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

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

  snapshot = read_snapshot (self->store, cancellable, error);
  if (snapshot == NULL)
    return FALSE;

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
  Snapshot *snapshot = read_snapshot (store, cancellable, &error);

  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) snapshot_free);
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

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  key = civic_legislative_topic_key (topic);
  return _civic_whip_count_from_summaries (self->legislators, self->summaries, topic, key, filter);
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

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GStrv
civic_visit_index_dup_topics (CivicVisitIndex *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();

  g_return_val_if_fail (CIVIC_IS_VISIT_INDEX (self), NULL);

  for (guint i = 0; i < self->summaries->len; i++)
    {
      CivicVisitSummary *summary = g_ptr_array_index (self->summaries, i);

      for (guint j = 0; summary->topic_keys[j] != NULL; j++)
        if (g_hash_table_add (seen, summary->topic_keys[j]))
          g_ptr_array_add (topics, g_strdup (summary->topics[j]));
    }

  g_ptr_array_sort (topics, compare_topics);
  g_ptr_array_add (topics, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&topics), FALSE);
}
