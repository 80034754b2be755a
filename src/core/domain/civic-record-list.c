/* civic-record-list.c — a live GListModel of the records of one store query
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-record-list"

#include "config.h"

#include <string.h>

#include "civic-record-list.h"
#include "civic-store-private.h"

/* What one query asks for; copied into every task so the thread never
 * reads the list itself.
 */
typedef struct
{
  char          *type;
  char          *from;
  char          *to;
  gboolean       has_ref;
  CivicStoreRef  ref;
  char          *ref_value;
} Query;

/* One row of the list: the record and the key the store orders it by. */
typedef struct
{
  CivicRecord *record;
  char        *key;
} Item;

struct _CivicRecordList
{
  GObject       parent_instance;

  CivicStore   *store;
  Query         query;
  GPtrArray    *items;          /* Item* in order */

  gulong        changed_id;
  guint         load_source;
  GCancellable *cancellable;
  guint         generation;     /* bumped by every full load; stale results are dropped */
  gboolean      loading;        /* a full load is scheduled or running */
  gboolean      fetching;       /* a batch of changed ids is being fetched */
  GHashTable   *pending_ids;    /* changed ids waiting for a fetch (set) */
  GError       *error;
};

static void civic_record_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivicRecordList, civic_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, civic_record_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD_TYPE,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_fetch (CivicRecordList *self);

/* ---- Queries and items ----------------------------------------------------- */

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->type, g_free);
  g_clear_pointer (&query->from, g_free);
  g_clear_pointer (&query->to, g_free);
  g_clear_pointer (&query->ref_value, g_free);
}

static void
query_copy (const Query *src,
            Query       *dest)
{
  dest->type = g_strdup (src->type);
  dest->from = g_strdup (src->from);
  dest->to = g_strdup (src->to);
  dest->has_ref = src->has_ref;
  dest->ref = src->ref;
  dest->ref_value = g_strdup (src->ref_value);
}

static void
item_free (Item *item)
{
  g_clear_object (&item->record);
  g_free (item->key);
  g_free (item);
}

static const char *
row_ref_value (const CivicIndexRow *row,
               CivicStoreRef        ref)
{
  switch (ref)
    {
    case CIVIC_STORE_REF_1:
      return row->ref1;
    case CIVIC_STORE_REF_2:
      return row->ref2;
    case CIVIC_STORE_REF_OFFICE:
      return row->office_id;
    case CIVIC_STORE_REF_CAMPAIGN:
      return row->campaign_id;
    case CIVIC_STORE_REF_STATUS:
      return row->status;
    default:
      return NULL;
    }
}

/* The same test the store's range query makes on its index columns. */
static gboolean
row_in_range (const CivicIndexRow *row,
              const char          *from,
              const char          *to)
{
  if (row->starts_at == NULL || row->ends_at == NULL)
    return FALSE;
  if (strcmp (row->starts_at, to) >= 0)
    return FALSE;
  return strcmp (row->ends_at, from) > 0
         || (strcmp (row->ends_at, row->starts_at) == 0 && strcmp (row->starts_at, from) >= 0);
}

/* Builds the item for @doc, or %NULL when the query does not want it.  The
 * membership test and the key come from the store's own index computation,
 * so an incremental update agrees with a full load.
 */
static Item *
item_new_for_query (const Query *query,
                    JsonObject  *doc,
                    gboolean     check)
{
  g_auto(CivicIndexRow) row = { 0 };
  g_autoptr(CivicRecord) record = NULL;
  Item *item;

  if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), query->type) != 0)
    return NULL;

  civic_index_row_compute (&row, query->type, doc);
  if (check)
    {
      if (query->has_ref && g_strcmp0 (row_ref_value (&row, query->ref), query->ref_value) != 0)
        return NULL;
      if (query->from != NULL && !row_in_range (&row, query->from, query->to))
        return NULL;
    }

  record = civic_record_new_from_json (doc, NULL);
  if (record == NULL)
    return NULL;

  item = g_new0 (Item, 1);
  item->record = g_steal_pointer (&record);
  item->key = g_strdup (query->from != NULL ? row.starts_at : row.sort_key);
  return item;
}

/* The store's ORDER BY: key (NULL first, as SQLite sorts NULL), then id,
 * both as bytes.
 */
static int
item_compare (const Item *a,
              const Item *b)
{
  int cmp;

  if (a->key == NULL || b->key == NULL)
    cmp = (a->key != NULL) - (b->key != NULL);
  else
    cmp = strcmp (a->key, b->key);
  if (cmp != 0)
    return cmp;
  return strcmp (civic_record_get_id (a->record), civic_record_get_id (b->record));
}

static int
item_compare_indirect (gconstpointer a,
                       gconstpointer b)
{
  return item_compare (*(Item * const *) a, *(Item * const *) b);
}

/* ---- Full loads ---------------------------------------------------------- */

typedef struct
{
  CivicStore *store;
  Query       query;
  guint       generation;
  char      **ids;   /* for fetches: the changed ids */
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->store);
  query_clear (&data->query);
  g_strfreev (data->ids);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  const Query *query = &data->query;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  gboolean narrow = FALSE;

  if (query->from != NULL)
    {
      docs = civic_store_list_in_range (data->store, query->type, query->from, query->to, &error);
      /* The store has no query for a range and a column at once. */
      narrow = query->has_ref;
    }
  else if (query->has_ref)
    docs = civic_store_list_by_ref (data->store, query->type, query->ref, query->ref_value, &error);
  else
    docs = civic_store_list (data->store, query->type, &error);

  if (docs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = g_ptr_array_new_full (docs->len, (GDestroyNotify) item_free);
  for (guint i = 0; i < docs->len; i++)
    {
      Item *item;

      if (g_task_return_error_if_cancelled (task))
        return;
      item = item_new_for_query (query, g_ptr_array_index (docs, i), narrow);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static void
set_loading (CivicRecordList *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (source);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer load replaced this one (or the list is going away). */
  if (data->generation != self->generation
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_error (&self->error);
  if (items == NULL)
    {
      g_warning ("Could not load the %s list: %s", self->query.type, error->message);
      self->error = g_steal_pointer (&error);
      items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
    }

  old = g_steal_pointer (&self->items);
  self->items = g_steal_pointer (&items);
  removed = old->len;
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);

  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0);

  /* Changes that arrived while loading may or may not be in the result;
   * fetching them again is harmless and makes sure.
   */
  start_fetch (self);
}

static gboolean
load_idle_cb (gpointer user_data)
{
  CivicRecordList *self = user_data;
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  self->load_source = 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  /* An update in flight is dropped: its documents were committed before
   * ::changed named them, so this load reads them anyway.
   */
  self->fetching = FALSE;

  data = g_new0 (TaskData, 1);
  data->store = g_object_ref (self->store);
  query_copy (&self->query, &data->query);
  data->generation = self->generation;

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, load_idle_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, load_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_load (CivicRecordList *self)
{
  set_loading (self, TRUE);
  /* Coalesces set_range() and set_ref() made one after another. */
  if (self->load_source == 0)
    self->load_source = g_idle_add_full (G_PRIORITY_DEFAULT, load_idle_cb, self, NULL);
}

/* ---- Incremental updates ---------------------------------------------------- */

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  GPtrArray *docs;
  GError *error = NULL;

  docs = civic_store_get_many (data->store, (const char * const *) data->ids, &error);
  if (docs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, docs, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
find_position (CivicRecordList *self,
               const char      *id,
               guint           *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (civic_record_get_id (item->record), id))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Applies fetched documents: every id of @ids is removed, and put back in
 * order when @docs holds it and the query wants it.  Emits one
 * ::items-changed covering everything between the first and the last row
 * that differ.
 */
static void
apply_changes (CivicRecordList  *self,
               char            **ids,
               GPtrArray        *docs)
{
  g_autoptr(GHashTable) changed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GPtrArray) old = NULL;
  GPtrArray *merged;
  guint n_old, n_new, prefix, suffix, i, j;

  for (i = 0; ids[i] != NULL; i++)
    g_hash_table_add (changed, ids[i]);

  for (i = 0; i < docs->len; i++)
    {
      Item *item = item_new_for_query (&self->query, g_ptr_array_index (docs, i), TRUE);

      if (item != NULL)
        g_ptr_array_add (fresh, item);
    }
  g_ptr_array_sort (fresh, item_compare_indirect);

  /* Merge the untouched rows with the fresh ones, both in order. */
  old = g_steal_pointer (&self->items);
  g_ptr_array_set_free_func (old, NULL);
  merged = g_ptr_array_new_full (old->len + fresh->len, (GDestroyNotify) item_free);
  g_ptr_array_set_free_func (fresh, NULL);
  for (i = 0, j = 0; i < old->len || j < fresh->len;)
    {
      Item *a = i < old->len ? g_ptr_array_index (old, i) : NULL;
      Item *b = j < fresh->len ? g_ptr_array_index (fresh, j) : NULL;

      if (a != NULL && g_hash_table_contains (changed, civic_record_get_id (a->record)))
        {
          i++;
          continue;
        }
      if (b == NULL || (a != NULL && item_compare (a, b) <= 0))
        {
          g_ptr_array_add (merged, a);
          i++;
        }
      else
        {
          g_ptr_array_add (merged, b);
          j++;
        }
    }

  /* The smallest single change: common rows at both ends stay. */
  n_old = old->len;
  n_new = merged->len;
  for (prefix = 0; prefix < n_old && prefix < n_new; prefix++)
    if (g_ptr_array_index (old, prefix) != g_ptr_array_index (merged, prefix))
      break;
  for (suffix = 0; suffix < n_old - prefix && suffix < n_new - prefix; suffix++)
    if (g_ptr_array_index (old, n_old - 1 - suffix) != g_ptr_array_index (merged, n_new - 1 - suffix))
      break;

  /* Free the replaced and removed rows, which merged does not hold. */
  for (i = 0; i < n_old; i++)
    {
      Item *a = g_ptr_array_index (old, i);

      if (g_hash_table_contains (changed, civic_record_get_id (a->record)))
        item_free (a);
    }

  self->items = merged;
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix, n_new - prefix - suffix);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (source);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->generation != self->generation
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->fetching = FALSE;
  if (docs == NULL)
    {
      g_warning ("Could not update the %s list: %s", self->query.type, error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      /* The list may now be stale; a full load puts it right. */
      schedule_load (self);
      return;
    }

  apply_changes (self, data->ids, docs);
  start_fetch (self);
}

static void
start_fetch (CivicRecordList *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer id;
  TaskData *data;

  if (self->loading || self->fetching || g_hash_table_size (self->pending_ids) == 0)
    return;

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->pending_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_ptr_array_add (ids, id);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_add (ids, NULL);

  data = g_new0 (TaskData, 1);
  data->store = g_object_ref (self->store);
  query_copy (&self->query, &data->query);
  data->generation = self->generation;
  data->ids = (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);

  self->fetching = TRUE;
  task = g_task_new (self, self->cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, start_fetch);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

static void
store_changed_cb (CivicStore      *store,
                  GStrv            ids,
                  GStrv            types,
                  CivicRecordList *self)
{
  const char *prefix = civic_record_type_to_id_prefix (self->query.type);

  /* Ids name their type ("event:…"), deleted documents included, whose
   * type the store may no longer list.  A replicated document whose id has
   * no type prefix could be of any type: it is fetched and judged by its
   * "type" like the others.
   */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *id_type = NULL;

      if (!g_str_has_prefix (ids[i], prefix))
        {
          id_type = civic_record_type_from_id (ids[i]);
          if (id_type != NULL)
            continue;
        }
      g_hash_table_add (self->pending_ids, g_strdup (ids[i]));
    }

  start_fetch (self);
}

/* ---- GListModel ---------------------------------------------------------- */

static GType
civic_record_list_get_item_type (GListModel *model)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (model);
  GType type = civic_record_type_get_gtype (self->query.type);

  return type != G_TYPE_INVALID ? type : CIVIC_TYPE_RECORD;
}

static guint
civic_record_list_get_n_items (GListModel *model)
{
  return CIVIC_RECORD_LIST (model)->items->len;
}

static gpointer
civic_record_list_get_item (GListModel *model,
                            guint       position)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (model);
  Item *item;

  if (position >= self->items->len)
    return NULL;
  item = g_ptr_array_index (self->items, position);
  return g_object_ref (item->record);
}

static void
civic_record_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = civic_record_list_get_item_type;
  iface->get_n_items = civic_record_list_get_n_items;
  iface->get_item = civic_record_list_get_item;
}

/* ---- GObject ------------------------------------------------------------ */

static void
civic_record_list_constructed (GObject *object)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (object);

  G_OBJECT_CLASS (civic_record_list_parent_class)->constructed (object);

  g_return_if_fail (CIVIC_IS_STORE (self->store));
  g_return_if_fail (civic_record_type_get_gtype (self->query.type) != G_TYPE_INVALID);

  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  schedule_load (self);
}

static void
civic_record_list_dispose (GObject *object)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  G_OBJECT_CLASS (civic_record_list_parent_class)->dispose (object);
}

static void
civic_record_list_finalize (GObject *object)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  query_clear (&self->query);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pending_ids, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (civic_record_list_parent_class)->finalize (object);
}

static void
civic_record_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD_TYPE:
      g_value_set_string (value, self->query.type);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_record_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicRecordList *self = CIVIC_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RECORD_TYPE:
      self->query.type = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_record_list_class_init (CivicRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = civic_record_list_constructed;
  object_class->dispose = civic_record_list_dispose;
  object_class->finalize = civic_record_list_finalize;
  object_class->get_property = civic_record_list_get_property;
  object_class->set_property = civic_record_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_TYPE] =
    g_param_spec_string ("record-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicRecordList::loaded:
   *
   * Emitted after each full load has replaced the items (also when it
   * failed: see civic_record_list_get_error()).
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civic_record_list_init (CivicRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/* ---- Public API ---------------------------------------------------------- */

CivicRecordList *
civic_record_list_new (CivicStore *store,
                       const char *type)
{
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (civic_record_type_get_gtype (type) != G_TYPE_INVALID, NULL);

  return g_object_new (CIVIC_TYPE_RECORD_LIST,
                       "store", store,
                       "record-type", type,
                       NULL);
}

CivicStore *
civic_record_list_get_store (CivicRecordList *self)
{
  g_return_val_if_fail (CIVIC_IS_RECORD_LIST (self), NULL);
  return self->store;
}

const char *
civic_record_list_get_record_type (CivicRecordList *self)
{
  g_return_val_if_fail (CIVIC_IS_RECORD_LIST (self), NULL);
  return self->query.type;
}

void
civic_record_list_set_range (CivicRecordList *self,
                             const char      *from,
                             const char      *to)
{
  g_return_if_fail (CIVIC_IS_RECORD_LIST (self));
  g_return_if_fail ((from == NULL) == (to == NULL));

  if (g_strcmp0 (self->query.from, from) == 0 && g_strcmp0 (self->query.to, to) == 0)
    return;
  g_free (self->query.from);
  g_free (self->query.to);
  self->query.from = g_strdup (from);
  self->query.to = g_strdup (to);
  schedule_load (self);
}

void
civic_record_list_set_ref (CivicRecordList *self,
                           CivicStoreRef    ref,
                           const char      *value)
{
  g_return_if_fail (CIVIC_IS_RECORD_LIST (self));

  if (value == NULL && !self->query.has_ref)
    return;
  if (value != NULL && self->query.has_ref && self->query.ref == ref
      && g_strcmp0 (self->query.ref_value, value) == 0)
    return;
  self->query.has_ref = value != NULL;
  self->query.ref = ref;
  g_free (self->query.ref_value);
  self->query.ref_value = g_strdup (value);
  schedule_load (self);
}

void
civic_record_list_reload (CivicRecordList *self)
{
  g_return_if_fail (CIVIC_IS_RECORD_LIST (self));

  schedule_load (self);
}

gboolean
civic_record_list_get_loading (CivicRecordList *self)
{
  g_return_val_if_fail (CIVIC_IS_RECORD_LIST (self), FALSE);
  return self->loading;
}

const GError *
civic_record_list_get_error (CivicRecordList *self)
{
  g_return_val_if_fail (CIVIC_IS_RECORD_LIST (self), NULL);
  return self->error;
}

gboolean
civic_record_list_find (CivicRecordList *self,
                        const char      *id,
                        guint           *position)
{
  guint pos;

  g_return_val_if_fail (CIVIC_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!find_position (self, id, &pos))
    return FALSE;
  if (position != NULL)
    *position = pos;
  return TRUE;
}
