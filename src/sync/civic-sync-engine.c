/* civic-sync-engine.c — live sync on top of CivicReplicator
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three things start a sync: start(), a local change (after a quiet
 * period, so typing a note does not sync on every keystroke), and the
 * server's long-poll feed returning.  The long-poll runs on its own
 * connection pool with a client-side time-out, because PouchDB Server
 * ignores `timeout=` (sync-protocol.md §6) and would otherwise hold the
 * request for ever.  Changes the pull itself wrote are not local changes
 * and do not trigger a sync.
 */

#define G_LOG_DOMAIN "civic-sync-engine"

#include "config.h"

#include "civic-json.h"
#include "civic-sync-engine.h"

struct _CivicSyncEngine
{
  GObject          parent_instance;

  CivicReplicator *replicator;
  CivicStore      *store;
  GNetworkMonitor *monitor;
  gulong           changed_id;
  gulong           network_id;

  gboolean         running;
  gboolean         syncing;
  gboolean         pending;
  gboolean         paused;
  guint            debounce_ms;
  guint            longpoll_s;
  guint            retry_s;
  guint            debounce_source;
  guint            retry_source;
  guint            longpoll_timeout_source;
  GCancellable    *sync_cancellable;
  GCancellable    *longpoll_cancellable;
  gboolean         longpoll_timed_out;
  GHashTable      *pulled;          /* ids the pulls wrote, to ignore */
  GHashTable      *changed_during;  /* ids changed while a sync ran */
};

G_DEFINE_FINAL_TYPE (CivicSyncEngine, civic_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_sync     (CivicSyncEngine *self);
static void start_longpoll (CivicSyncEngine *self);

static void
absorb_pulled_ids (CivicSyncEngine *self)
{
  g_autoptr(GHashTable) ids = civic_replicator_steal_pulled_ids (self->replicator);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_add (self->pulled, key);
    }
}

static gboolean
debounce_cb (gpointer user_data)
{
  CivicSyncEngine *self = user_data;

  self->debounce_source = 0;
  civic_sync_engine_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_debounced (CivicSyncEngine *self)
{
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  self->debounce_source = g_timeout_add (self->debounce_ms, debounce_cb, self);
}

static void
store_changed_cb (CivicStore      *store,
                  GStrv            ids,
                  GStrv            types,
                  CivicSyncEngine *self)
{
  gboolean local = FALSE;

  if (!self->running || ids == NULL)
    return;
  if (self->syncing)
    {
      /* Sorted out when the run ends: the pull's own writes are known then. */
      for (guint i = 0; ids[i]; i++)
        g_hash_table_add (self->changed_during, g_strdup (ids[i]));
      return;
    }
  absorb_pulled_ids (self);
  for (guint i = 0; ids[i]; i++)
    if (!g_hash_table_remove (self->pulled, ids[i]))
      local = TRUE;
  if (local)
    schedule_debounced (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  CivicSyncEngine *self = user_data;

  self->retry_source = 0;
  civic_sync_engine_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicSyncEngine *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = civic_replicator_sync_finish (CIVIC_REPLICATOR (object), result, &error);
  gboolean local = FALSE;
  GHashTableIter iter;
  gpointer key;

  self->syncing = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  absorb_pulled_ids (self);
  g_hash_table_iter_init (&iter, self->changed_during);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_remove (self->pulled, key))
      local = TRUE;
  g_hash_table_remove_all (self->changed_during);

  if (ok)
    g_signal_emit (self, signals[SYNCED], 0);
  else
    g_debug ("sync failed: %s", error->message);

  if (self->running && !self->paused)
    {
      if (!ok)
        {
          /* A wrong password or a refused account needs a person, not a
           * retry; everything else is tried again later.
           */
          if (!g_error_matches (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_UNAUTHORIZED) &&
              !g_error_matches (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_FORBIDDEN) &&
              !g_error_matches (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_TLS))
            {
              g_clear_handle_id (&self->retry_source, g_source_remove);
              self->retry_source = g_timeout_add_seconds (self->retry_s, retry_cb, self);
            }
        }
      else if (self->pending || local)
        {
          self->pending = FALSE;
          start_sync (self);
        }
      else
        start_longpoll (self);
    }
  g_object_unref (self);
}

static void
start_sync (CivicSyncEngine *self)
{
  if (self->syncing || self->paused)
    {
      self->pending = TRUE;
      return;
    }
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->longpoll_cancellable != NULL)
    g_cancellable_cancel (self->longpoll_cancellable);
  self->syncing = TRUE;
  self->pending = FALSE;
  g_clear_object (&self->sync_cancellable);
  self->sync_cancellable = g_cancellable_new ();
  civic_replicator_sync_async (self->replicator, self->sync_cancellable, sync_done_cb, g_object_ref (self));
}

static gboolean
longpoll_timeout_cb (gpointer user_data)
{
  CivicSyncEngine *self = user_data;

  self->longpoll_timeout_source = 0;
  self->longpoll_timed_out = TRUE;
  if (self->longpoll_cancellable != NULL)
    g_cancellable_cancel (self->longpoll_cancellable);
  return G_SOURCE_REMOVE;
}

static void
longpoll_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CivicSyncEngine *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;
  JsonArray *results = NULL;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  g_clear_handle_id (&self->longpoll_timeout_source, g_source_remove);
  g_clear_object (&self->longpoll_cancellable);

  if (!self->running || self->paused || self->syncing)
    {
      g_object_unref (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Our own time-out: the server had nothing to say; ask again. */
      if (self->longpoll_timed_out)
        start_longpoll (self);
    }
  else if (error != NULL || status != 200)
    {
      /* The next regular run reports the reason. */
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_source = g_timeout_add_seconds (self->retry_s, retry_cb, self);
    }
  else
    {
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        results = civic_json_object_get_array_or_null (json_node_get_object (node), "results");
      if (results != NULL && json_array_get_length (results) > 0)
        start_sync (self);
      else
        start_longpoll (self);
    }
  g_object_unref (self);
}

static void
start_longpoll (CivicSyncEngine *self)
{
  const char *seq = civic_replicator_get_remote_seq (self->replicator);
  g_autofree char *since = seq ? civic_couch_seq_to_param (seq) : g_strdup ("now");
  g_autofree char *db = civic_couch_escape (civic_replicator_get_database (self->replicator));
  g_autofree char *path = g_strdup_printf ("/%s/_changes?feed=longpoll&heartbeat=30000&since=%s", db, since);

  if (!self->running || self->paused || self->syncing || self->longpoll_cancellable != NULL)
    return;
  self->longpoll_cancellable = g_cancellable_new ();
  self->longpoll_timed_out = FALSE;
  self->longpoll_timeout_source = g_timeout_add_seconds (self->longpoll_s, longpoll_timeout_cb, self);
  civic_couch_client_request_async (civic_replicator_get_client (self->replicator), "GET", path, NULL,
                                    CIVIC_COUCH_REQUEST_LONGPOLL | CIVIC_COUCH_REQUEST_NO_RETRY,
                                    self->longpoll_cancellable, longpoll_done_cb, g_object_ref (self));
}

static void
cancel_everything (CivicSyncEngine *self)
{
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->longpoll_timeout_source, g_source_remove);
  if (self->longpoll_cancellable != NULL)
    g_cancellable_cancel (self->longpoll_cancellable);
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
}

static void
set_paused (CivicSyncEngine *self,
            gboolean         paused)
{
  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  if (!self->running)
    return;
  if (paused)
    {
      g_debug ("the network is down: sync paused");
      cancel_everything (self);
      civic_replicator_mark_offline (self->replicator);
    }
  else
    {
      g_debug ("the network is back: syncing");
      start_sync (self);
    }
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    CivicSyncEngine *self)
{
  set_paused (self, !g_network_monitor_get_network_available (monitor));
}

static void
civic_sync_engine_dispose (GObject *object)
{
  CivicSyncEngine *self = CIVIC_SYNC_ENGINE (object);

  civic_sync_engine_stop (self);
  G_OBJECT_CLASS (civic_sync_engine_parent_class)->dispose (object);
}

static void
civic_sync_engine_finalize (GObject *object)
{
  CivicSyncEngine *self = CIVIC_SYNC_ENGINE (object);

  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->longpoll_cancellable);
  g_clear_object (&self->replicator);
  g_clear_object (&self->store);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->pulled, g_hash_table_unref);
  g_clear_pointer (&self->changed_during, g_hash_table_unref);
  G_OBJECT_CLASS (civic_sync_engine_parent_class)->finalize (object);
}

static void
civic_sync_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicSyncEngine *self = CIVIC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_engine_class_init (CivicSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civic_sync_engine_dispose;
  object_class->finalize = civic_sync_engine_finalize;
  object_class->get_property = civic_sync_engine_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After each successful run. */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civic_sync_engine_init (CivicSyncEngine *self)
{
  self->debounce_ms = CIVIC_SYNC_ENGINE_DEBOUNCE_MS;
  self->longpoll_s = CIVIC_SYNC_ENGINE_LONGPOLL_S;
  self->retry_s = 30;
  self->pulled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changed_during = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CivicSyncEngine *
civic_sync_engine_new (CivicReplicator *replicator)
{
  CivicSyncEngine *self;

  g_return_val_if_fail (CIVIC_IS_REPLICATOR (replicator), NULL);

  self = g_object_new (CIVIC_TYPE_SYNC_ENGINE, NULL);
  self->replicator = g_object_ref (replicator);
  self->store = g_object_ref (civic_replicator_get_store (replicator));
  return self;
}

CivicReplicator *
civic_sync_engine_get_replicator (CivicSyncEngine *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_ENGINE (self), NULL);
  return self->replicator;
}

void
civic_sync_engine_start (CivicSyncEngine *self)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));

  if (self->running)
    return;
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_id = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);
  self->paused = !g_network_monitor_get_network_available (self->monitor);
  if (self->paused)
    civic_replicator_mark_offline (self->replicator);
  else
    start_sync (self);
}

void
civic_sync_engine_stop (CivicSyncEngine *self)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));

  if (!self->running)
    return;
  self->running = FALSE;
  cancel_everything (self);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
civic_sync_engine_get_running (CivicSyncEngine *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_ENGINE (self), FALSE);
  return self->running;
}

void
civic_sync_engine_sync_now (CivicSyncEngine *self)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));

  if (!self->running)
    return;
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  start_sync (self);
}

void
civic_sync_engine_set_debounce (CivicSyncEngine *self,
                                guint            milliseconds)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));
  self->debounce_ms = milliseconds;
}

void
civic_sync_engine_set_longpoll_timeout (CivicSyncEngine *self,
                                        guint            seconds)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));
  self->longpoll_s = MAX (seconds, 1u);
}

void
civic_sync_engine_set_retry_interval (CivicSyncEngine *self,
                                      guint            seconds)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));
  self->retry_s = MAX (seconds, 1u);
}

void
civic_sync_engine_set_network_monitor (CivicSyncEngine *self,
                                       GNetworkMonitor *monitor)
{
  g_return_if_fail (CIVIC_IS_SYNC_ENGINE (self));
  g_return_if_fail (!self->running);
  g_set_object (&self->monitor, monitor);
}
