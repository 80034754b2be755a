/* civic-replicator.c — two-way replication with a CouchDB-compatible server
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One direction is a small pipeline of two stages that run side by side:
 *
 *   fetch:  pull: _changes → local revs-diff (thread) → _bulk_get
 *           push: local changes + request body (thread) → _revs_diff →
 *                 revisions with history + _bulk_docs body (thread)
 *   write:  pull: put_replicated + local checkpoint in one transaction
 *                 (thread), automatic merges
 *           push: _bulk_docs (two batches in flight, so the server always
 *                 has the next one queued while it answers the last)
 *   checkpoint:   in batch order, one at a time: pull: the remote
 *                 checkpoint; push: the local one (thread), then the
 *                 remote one
 *
 * At most one fetched batch waits for a writer, so the server is asked for
 * batch N+1 while batch N is being written.  A written batch is
 * checkpointed only once every batch before it was written and
 * checkpointed, and only after every revision of it was written or
 * permanently refused; a batch whose write fails stops the run, and
 * nothing after it is ever checkpointed.  So a run that dies at any point
 * resumes without losing or duplicating anything (revs-diff makes
 * refetching idempotent).
 */

#define G_LOG_DOMAIN "civic-replicator"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-conflict.h"
#include "civic-json.h"
#include "civic-replicator.h"

#define CHECKPOINT_HISTORY 5
#define REPLICATION_ID_VERSION 1
#define FALLBACK_CONCURRENCY 4

struct _CivicReplicator
{
  GObject               parent_instance;

  CivicStore           *store;
  CivicCouchClient     *client;
  char                 *database;
  char                 *db_path;      /* "/" + escaped database name */
  char                 *db_url;       /* without credentials */
  guint                 batch_size;
  guint                 push_requests;
  gboolean              auto_merge;

  CivicReplicatorState  state;
  gboolean              busy;
  guint                 docs_read;
  guint                 docs_written;
  guint                 doc_write_failures;
  guint                 conflicts;
  guint                 auto_merged;
  double                progress;
  char                 *last_error;
  GDateTime            *last_synced_at;
  GPtrArray            *failures;
  gboolean              read_only;
  char                 *remote_seq;
  GHashTable           *pulled_ids;    /* under pulled_lock: pull threads add */
  GMutex                pulled_lock;
  int                   server_is_pouchdb;   /* -1 unknown, 0, 1 */
};

G_DEFINE_FINAL_TYPE (CivicReplicator, civic_replicator, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CivicReplicatorState, civic_replicator_state,
  G_DEFINE_ENUM_VALUE (CIVIC_REPLICATOR_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (CIVIC_REPLICATOR_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (CIVIC_REPLICATOR_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (CIVIC_REPLICATOR_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_DATABASE,
  PROP_STATE,
  PROP_BUSY,
  PROP_DOCS_READ,
  PROP_DOCS_WRITTEN,
  PROP_DOC_WRITE_FAILURES,
  PROP_CONFLICTS,
  PROP_AUTO_MERGED,
  PROP_PROGRESS,
  PROP_LAST_ERROR,
  PROP_LAST_SYNCED_AT,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BATCH_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  DIRECTION_PULL,
  DIRECTION_PUSH,
} Direction;

typedef struct {
  GTask      *task;            /* the run's, borrowed while writing */
  char       *last_seq;        /* raw JSON */
  guint       limit;           /* the changes asked for */
  guint       n_changes;
  gboolean    written;         /* completely; waits for its checkpoint */
  gboolean    failed;          /* the write failed; the run stops */
  JsonObject *checkpoint;      /* pull: the one written with the batch */
  /* pull */
  JsonNode   *bulk_get;        /* the _bulk_get answer */
  GPtrArray  *fallback;        /* JsonNode* answers of GET ?open_revs */
  GPtrArray  *missing_ids;     /* char*, for the fallback */
  JsonObject *missing;         /* id → {"missing": [revs]} */
  GPtrArray  *inline_docs;     /* JsonObject*, from include_docs */
  guint       pending;         /* fallback requests in flight */
  guint       next_missing;
  /* push */
  GPtrArray  *docs;            /* JsonObject*, to send */
  GBytes     *body;
  GQueue     *slices;          /* Slice*, the parts still to send */
  guint       skipped;
  GPtrArray  *failures;        /* char* */
} Batch;

typedef struct {
  CivicReplicator *self;
  Direction        direction;
  char            *rep_id;
  char            *session_id;
  char            *start_time;
  char            *since;          /* raw JSON of the next fetch */
  char            *start_seq;
  char            *update_seq;     /* raw JSON (pull) */
  JsonArray       *history;        /* the previous runs' history */
  char            *remote_cp_rev;
  gboolean         remote_cp_refused;
  guint            cp_conflicts;
  gboolean         revisions_carrier;  /* see push_read_thread */
  gboolean         skip_revs_diff;     /* the target held no documents */
  gboolean         include_docs;       /* a first pull: ask _changes for the docs */
  JsonObject      *pending_cp;         /* written locally, not yet remotely */
  gboolean         cp_in_flight;
  gint64           last_remote_cp;     /* monotonic µs, 0: none this run */

  GQueue           ready;          /* Batch*, fetched and waiting */
  Batch           *fetching;
  GQueue           writing;        /* Batch*, being written or waiting to be
                                    * checkpointed, oldest first */
  Batch           *checkpointing;  /* popped from writing */
  guint            max_writes;
  gboolean         fetch_done;
  gboolean         returned;       /* the task has its result */
  GError          *error;

  guint            docs_read;
  guint            docs_written;
  guint            failures;
} Run;

static void fetch_next  (GTask *task);
static void write_next  (GTask *task);
static void check_done  (GTask *task);
static void advance     (GTask *task);
static void kick        (GTask *task);

/* ---- small helpers ------------------------------------------------------ */

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->last_seq);
  g_clear_pointer (&batch->bulk_get, json_node_unref);
  g_clear_pointer (&batch->inline_docs, g_ptr_array_unref);
  g_clear_pointer (&batch->fallback, g_ptr_array_unref);
  g_clear_pointer (&batch->missing_ids, g_ptr_array_unref);
  g_clear_pointer (&batch->missing, json_object_unref);
  g_clear_pointer (&batch->inline_docs, g_ptr_array_unref);
  g_clear_pointer (&batch->docs, g_ptr_array_unref);
  g_clear_pointer (&batch->body, g_bytes_unref);
  g_clear_pointer (&batch->failures, g_ptr_array_unref);
  g_clear_pointer (&batch->checkpoint, json_object_unref);
  if (batch->slices != NULL)
    g_queue_free_full (batch->slices, g_free);
  g_free (batch);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->failures = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

static void
run_free (Run *run)
{
  g_clear_object (&run->self);
  g_free (run->rep_id);
  g_free (run->session_id);
  g_free (run->start_time);
  g_free (run->since);
  g_free (run->start_seq);
  g_free (run->update_seq);
  g_clear_pointer (&run->history, json_array_unref);
  g_free (run->remote_cp_rev);
  g_clear_pointer (&run->pending_cp, json_object_unref);
  g_queue_clear_full (&run->ready, (GDestroyNotify) batch_free);
  batch_free (run->fetching);
  g_queue_clear_full (&run->writing, (GDestroyNotify) batch_free);
  batch_free (run->checkpointing);
  g_clear_error (&run->error);
  g_free (run);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static char *
node_to_raw (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_to_string (node, FALSE);
}

static gboolean
raw_seq_to_double (const char *raw,
                   double     *out)
{
  char *end = NULL;
  double v;

  if (raw == NULL || *raw == '\0' || *raw == '"')
    {
      /* CouchDB 2+'s sequences are strings "N-opaque"; their leading
       * number is good enough for a progress bar, never for comparisons.
       */
      if (raw != NULL && *raw == '"' && g_ascii_isdigit (raw[1]))
        {
          *out = g_ascii_strtod (raw + 1, NULL);
          return TRUE;
        }
      return FALSE;
    }
  v = g_ascii_strtod (raw, &end);
  if (end == raw)
    return FALSE;
  *out = v;
  return TRUE;
}

/* Only Civic Desk's own documents ("type:id") are replicated; design
 * documents and anything else a server holds stay on the server.
 */
static gboolean
is_replicated_id (const char *id)
{
  const char *colon;

  if (id == NULL || id[0] == '_' || id[0] == '\0')
    return FALSE;
  colon = strchr (id, ':');
  return colon != NULL && colon != id && colon[1] != '\0';
}

static void
set_error_once (Run    *run,
                GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
}

static void
notify_counters (CivicReplicator *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCS_READ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCS_WRITTEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOC_WRITE_FAILURES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_MERGED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_state (CivicReplicator      *self,
           CivicReplicatorState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_busy (CivicReplicator *self,
          gboolean         busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_last_error (CivicReplicator *self,
                const char      *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
reset_counters (CivicReplicator *self)
{
  self->docs_read = 0;
  self->docs_written = 0;
  self->doc_write_failures = 0;
  self->auto_merged = 0;
  self->progress = 0.0;
  g_ptr_array_set_size (self->failures, 0);
  notify_counters (self);
}

static void
begin_run (CivicReplicator *self)
{
  reset_counters (self);
  set_busy (self, TRUE);
  set_state (self, CIVIC_REPLICATOR_STATE_SYNCING);
}

static void
end_run (CivicReplicator *self,
         const GError    *error)
{
  set_busy (self, FALSE);
  if (error == NULL)
    {
      g_clear_pointer (&self->last_synced_at, g_date_time_unref);
      self->last_synced_at = g_date_time_new_now_local ();
      self->progress = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED_AT]);
      set_last_error (self, NULL);
      set_state (self, CIVIC_REPLICATOR_STATE_IDLE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, CIVIC_REPLICATOR_STATE_IDLE);
  else
    {
      set_last_error (self, error->message);
      set_state (self, g_error_matches (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_UNREACHABLE)
                         ? CIVIC_REPLICATOR_STATE_OFFLINE : CIVIC_REPLICATOR_STATE_ERROR);
    }
}

/* Runs @func in a worker thread with @data; @callback gets the GTask. */
static void
run_in_thread (gpointer           data,
               GDestroyNotify     data_free,
               GTaskThreadFunc    func,
               GCancellable      *cancellable,
               GAsyncReadyCallback callback,
               gpointer           user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, func);
  g_task_set_task_data (task, data, data_free);
  g_task_run_in_thread (task, func);
}

/* ---- checkpoints --------------------------------------------------------- */

static char *
local_checkpoint_id (const char *rep_id)
{
  return g_strconcat ("_local/", rep_id, NULL);
}

/* The checkpoint document for @seq: this run's history entry first, then
 * up to four earlier entries of other sessions.
 */
static JsonObject *
build_checkpoint (const char *session_id,
                  const char *start_time,
                  JsonArray  *previous_history,
                  const char *seq,
                  guint       docs_read,
                  guint       docs_written,
                  guint       failures,
                  gboolean    remote_refused)
{
  JsonObject *doc = json_object_new ();
  JsonObject *entry = json_object_new ();
  JsonArray *history = json_array_new ();
  g_autofree char *end_time = now_iso8601 ();
  JsonNode *seq_node = json_from_string (seq, NULL);

  if (seq_node == NULL)
    seq_node = json_node_init_int (json_node_alloc (), 0);

  json_object_set_string_member (entry, "session_id", session_id);
  json_object_set_member (entry, "recorded_seq", json_node_copy (seq_node));
  json_object_set_string_member (entry, "start_time", start_time);
  json_object_set_string_member (entry, "end_time", end_time);
  json_object_set_int_member (entry, "docs_read", docs_read);
  json_object_set_int_member (entry, "docs_written", docs_written);
  json_object_set_int_member (entry, "doc_write_failures", failures);
  json_array_add_object_element (history, entry);

  if (previous_history != NULL)
    for (guint i = 0; i < json_array_get_length (previous_history) &&
                      json_array_get_length (history) < CHECKPOINT_HISTORY; i++)
      {
        JsonNode *old = json_array_get_element (previous_history, i);

        if (!JSON_NODE_HOLDS_OBJECT (old) ||
            g_strcmp0 (civic_json_object_get_string_or_null (json_node_get_object (old), "session_id"),
                       session_id) == 0)
          continue;
        json_array_add_element (history, json_node_copy (old));
      }

  json_object_set_string_member (doc, "session_id", session_id);
  json_object_set_member (doc, "source_last_seq", seq_node);
  json_object_set_int_member (doc, "replication_id_version", REPLICATION_ID_VERSION);
  if (remote_refused)
    json_object_set_boolean_member (doc, "remote_checkpoint_refused", TRUE);
  json_object_set_array_member (doc, "history", history);
  return doc;
}

static gboolean
history_has_session (JsonObject *checkpoint,
                     const char *session_id)
{
  JsonArray *history = civic_json_object_get_array_or_null (checkpoint, "history");

  if (history == NULL || session_id == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonNode *entry = json_array_get_element (history, i);

      if (JSON_NODE_HOLDS_OBJECT (entry) &&
          g_strcmp0 (civic_json_object_get_string_or_null (json_node_get_object (entry), "session_id"),
                     session_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* sync-protocol.md §2.3: the same session on both sides → its last seq;
 * else the newest session both histories know → its recorded seq; else 0.
 */
static char *
choose_start_seq (JsonObject *local,
                  JsonObject *remote)
{
  const char *local_session, *remote_session;
  JsonArray *history;

  if (local == NULL)
    return g_strdup ("0");
  if (remote == NULL)
    {
      /* The server refused our checkpoint writes (a read-only account):
       * trust the local one alone, as PouchDB's checkpointer does.
       */
      if (civic_json_object_get_boolean_or (local, "remote_checkpoint_refused", FALSE) &&
          json_object_has_member (local, "source_last_seq"))
        return node_to_raw (json_object_get_member (local, "source_last_seq"));
      return g_strdup ("0");
    }

  local_session = civic_json_object_get_string_or_null (local, "session_id");
  remote_session = civic_json_object_get_string_or_null (remote, "session_id");
  if (local_session != NULL && g_strcmp0 (local_session, remote_session) == 0 &&
      json_object_has_member (local, "source_last_seq"))
    {
      char *raw = node_to_raw (json_object_get_member (local, "source_last_seq"));

      if (raw != NULL)
        return raw;
    }

  history = civic_json_object_get_array_or_null (local, "history");
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *entry = json_array_get_element (history, i);
      JsonObject *obj;
      const char *sid;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue;
      obj = json_node_get_object (entry);
      sid = civic_json_object_get_string_or_null (obj, "session_id");
      if (history_has_session (remote, sid) && json_object_has_member (obj, "recorded_seq"))
        {
          char *raw = node_to_raw (json_object_get_member (obj, "recorded_seq"));

          if (raw != NULL)
            return raw;
        }
    }
  return g_strdup ("0");
}

/* ---- run completion ------------------------------------------------------ */

static void put_remote_checkpoint (GTask *task, JsonObject *doc, gboolean force);

/* Batches whose write was started and has not ended. */
static guint
writes_in_flight (Run *run)
{
  guint n = 0;

  for (GList *l = run->writing.head; l != NULL; l = l->next)
    {
      Batch *batch = l->data;

      if (!batch->written && !batch->failed)
        n++;
    }
  return n;
}

static void
check_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->returned ||
      run->fetching != NULL || writes_in_flight (run) > 0 || run->checkpointing != NULL || run->cp_in_flight)
    return;
  if (run->error != NULL)
    {
      run->returned = TRUE;
      g_task_return_error (task, g_steal_pointer (&run->error));
      g_object_unref (task);
      return;
    }
  if (run->fetch_done && g_queue_is_empty (&run->ready) && g_queue_is_empty (&run->writing))
    {
      if (run->pending_cp != NULL)
        {
          /* The last checkpoint goes to the server before the run ends. */
          g_autoptr(JsonObject) doc = g_steal_pointer (&run->pending_cp);

          put_remote_checkpoint (task, doc, TRUE);
          return;
        }
      run->returned = TRUE;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
fail (GTask  *task,
      GError *error)
{
  Run *run = g_task_get_task_data (task);

  set_error_once (run, error);
  check_done (task);
}

static void
fetched (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Batch *batch = g_steal_pointer (&run->fetching);

  if (batch->n_changes < batch->limit)
    run->fetch_done = TRUE;
  g_free (run->since);
  run->since = g_strdup (batch->last_seq);
  if (batch->n_changes == 0)
    batch_free (batch);
  else
    g_queue_push_tail (&run->ready, batch);
  kick (task);
}

static void
update_progress (Run        *run,
                 const char *seq)
{
  CivicReplicator *self = run->self;
  double start, end, now;

  if (run->direction == DIRECTION_PULL)
    {
      g_free (self->remote_seq);
      self->remote_seq = g_strdup (seq);
    }
  if (!raw_seq_to_double (run->start_seq, &start) ||
      !raw_seq_to_double (seq, &now))
    {
      self->progress = -1.0;
      return;
    }
  if (run->direction == DIRECTION_PULL)
    {
      if (!raw_seq_to_double (run->update_seq, &end))
        {
          self->progress = -1.0;
          return;
        }
    }
  else
    end = (double) civic_store_get_update_seq (self->store);
  self->progress = end > start ? CLAMP ((now - start) / (end - start), 0.0, 1.0) : 1.0;
}

/* ---- remote checkpoint -------------------------------------------------- */

static void
checkpoint_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  run->cp_in_flight = FALSE;
  if (run->checkpointing != NULL)
    {
      batch_free (g_steal_pointer (&run->checkpointing));
      g_signal_emit (run->self, signals[BATCH_DONE], 0);
    }
  kick (task);
}

static void
remote_checkpoint_refreshed_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) doc = g_object_steal_data (G_OBJECT (task), "civic-checkpoint");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error != NULL)
    {
      run->cp_in_flight = FALSE;
      batch_free (g_steal_pointer (&run->checkpointing));
      fail (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&run->remote_cp_rev, g_free);
  if (status == 200 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    run->remote_cp_rev = g_strdup (civic_json_object_get_string_or_null (json_node_get_object (node), "_rev"));
  run->cp_conflicts++;
  put_remote_checkpoint (task, doc, TRUE);
}

static void
remote_checkpoint_put_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  g_autoptr(JsonObject) doc = g_object_steal_data (G_OBJECT (task), "civic-checkpoint");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error != NULL)
    {
      run->cp_in_flight = FALSE;
      batch_free (g_steal_pointer (&run->checkpointing));
      fail (task, g_steal_pointer (&error));
      return;
    }

  if (status == 201 || status == 200)
    {
      g_clear_pointer (&run->remote_cp_rev, g_free);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        run->remote_cp_rev = g_strdup (civic_json_object_get_string_or_null (json_node_get_object (node), "rev"));
    }
  else if (status == 409 && run->cp_conflicts < 5)
    {
      /* Someone else (an earlier, killed run of ours) moved the checkpoint:
       * read its current revision and write again.
       */
      g_autofree char *path = g_strconcat (self->db_path, "/_local/", run->rep_id, NULL);

      g_object_set_data_full (G_OBJECT (task), "civic-checkpoint", g_steal_pointer (&doc),
                              (GDestroyNotify) json_object_unref);
      civic_couch_client_request_async (self->client, "GET", path, NULL, CIVIC_COUCH_REQUEST_NONE,
                                        g_task_get_cancellable (task), remote_checkpoint_refreshed_cb, task);
      return;
    }
  else if (status == 401 || status == 403)
    {
      g_debug ("the server refused the checkpoint of %s; keeping the local one only", run->rep_id);
      run->remote_cp_refused = TRUE;
    }
  else
    {
      run->cp_in_flight = FALSE;
      batch_free (g_steal_pointer (&run->checkpointing));
      fail (task, g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                               _("The server refused the replication checkpoint (%u: %s)"), status,
                               civic_couch_error_reason (node) ? civic_couch_error_reason (node) : "?"));
      return;
    }

  run->cp_conflicts = 0;
  run->last_remote_cp = g_get_monotonic_time ();
  checkpoint_done (task);
}

/* The local checkpoint is written with every batch (in the batch's own
 * transaction when pulling).  The server's copy is written with the first
 * batch, so both carry this run's session id, then at most every few
 * seconds and at the end: a resumed run trusts the local checkpoint when
 * the session ids match, and each remote write costs the server as much as
 * a small batch.
 */
#define REMOTE_CHECKPOINT_INTERVAL_US (5 * G_USEC_PER_SEC)

static void
put_remote_checkpoint (GTask      *task,
                       JsonObject *doc,
                       gboolean    force)
{
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = g_strconcat (self->db_path, "/_local/", run->rep_id, NULL);
  gboolean last = run->fetch_done && run->fetching == NULL && g_queue_is_empty (&run->ready) &&
                  g_queue_is_empty (&run->writing);

  if (run->remote_cp_refused)
    {
      /* Already known: the account may not write here. */
      checkpoint_done (task);
      return;
    }
  if (!force && !last && run->last_remote_cp != 0 &&
      g_get_monotonic_time () - run->last_remote_cp < REMOTE_CHECKPOINT_INTERVAL_US)
    {
      g_clear_pointer (&run->pending_cp, json_object_unref);
      run->pending_cp = json_object_ref (doc);
      checkpoint_done (task);
      return;
    }
  g_clear_pointer (&run->pending_cp, json_object_unref);
  run->cp_in_flight = TRUE;

  /* A new top-level object sharing the members: only _id and _rev differ. */
  copy = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *member;

    json_object_iter_init (&iter, doc);
    while (json_object_iter_next (&iter, &name, &member))
      json_object_set_member (copy, name, json_node_copy (member));
  }
  node = json_node_new (JSON_NODE_OBJECT);
  json_object_set_string_member (copy, "_id", path + strlen (self->db_path) + 1);
  if (run->remote_cp_rev != NULL)
    json_object_set_string_member (copy, "_rev", run->remote_cp_rev);
  json_node_set_object (node, copy);
  body = civic_couch_node_to_bytes (node);
  g_object_set_data_full (G_OBJECT (task), "civic-checkpoint", json_object_ref (doc),
                          (GDestroyNotify) json_object_unref);
  civic_couch_client_request_async (self->client, "PUT", path, body, CIVIC_COUCH_REQUEST_AUTH_STATUS,
                                    g_task_get_cancellable (task), remote_checkpoint_put_cb, task);
}

/* ---- pull ---------------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  JsonNode   *changes;
  /* out */
  char       *last_seq;
  guint       n_changes;
  JsonObject *missing;
  GBytes     *bulk_get_body;
  guint       n_missing;
  GPtrArray  *inline_docs;   /* JsonObject*, complete from include_docs */
} PullDiff;

static void
pull_diff_free (PullDiff *d)
{
  g_clear_object (&d->store);
  g_clear_pointer (&d->changes, json_node_unref);
  g_free (d->last_seq);
  g_clear_pointer (&d->missing, json_object_unref);
  g_clear_pointer (&d->bulk_get_body, g_bytes_unref);
  g_clear_pointer (&d->inline_docs, g_ptr_array_unref);
  g_free (d);
}

static void
pull_diff_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PullDiff *d = task_data;
  JsonObject *root;
  JsonArray *results;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) inlined = g_ptr_array_new ();
  GError *error = NULL;
  GString *body;
  gboolean first = TRUE;

  d->inline_docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  if (d->changes == NULL || !JSON_NODE_HOLDS_OBJECT (d->changes) ||
      (results = civic_json_object_get_array_or_null (json_node_get_object (d->changes), "results")) == NULL)
    {
      g_task_return_new_error (task, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                               _("The server's changes feed has no “results”"));
      return;
    }
  root = json_node_get_object (d->changes);
  d->n_changes = json_array_get_length (results);
  if (json_object_has_member (root, "last_seq"))
    d->last_seq = node_to_raw (json_object_get_member (root, "last_seq"));
  if (d->last_seq == NULL && d->n_changes > 0)
    {
      /* Checkpoint only on last_seq (rows may carry "seq": null). */
      JsonObject *row = json_array_get_object_element (results, d->n_changes - 1);

      if (row != NULL && json_object_has_member (row, "seq"))
        d->last_seq = node_to_raw (json_object_get_member (row, "seq"));
    }
  if (d->last_seq == NULL && d->n_changes > 0)
    {
      g_task_return_new_error (task, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                               _("The server's changes feed has no “last_seq”"));
      return;
    }

  for (guint i = 0; i < d->n_changes; i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      const char *id = row ? civic_json_object_get_string_or_null (row, "id") : NULL;
      JsonArray *changes = row ? civic_json_object_get_array_or_null (row, "changes") : NULL;
      JsonArray *revs;

      if (!is_replicated_id (id) || changes == NULL)
        continue;
      revs = json_array_new ();
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonObject *change = json_array_get_object_element (changes, j);
          const char *rev = change ? civic_json_object_get_string_or_null (change, "rev") : NULL;

          if (rev != NULL)
            json_array_add_string_element (revs, rev);
        }
      json_object_set_array_member (request, id, revs);

      /* With include_docs (a first pull), a document whose only leaf is a
       * first revision arrived complete: its history is itself.
       */
      if (json_array_get_length (revs) == 1 && g_str_has_prefix (json_array_get_string_element (revs, 0), "1-"))
        {
          JsonObject *doc = civic_json_object_get_object_or_null (row, "doc");

          if (doc != NULL &&
              g_strcmp0 (civic_json_object_get_string_or_null (doc, "_rev"), json_array_get_string_element (revs, 0)) == 0 &&
              g_strcmp0 (civic_json_object_get_string_or_null (doc, "_id"), id) == 0)
            g_hash_table_insert (candidates, (gpointer) id, doc);
        }
    }

  if (json_object_get_size (request) == 0)
    {
      d->missing = json_object_new ();
      g_task_return_boolean (task, TRUE);
      return;
    }

  d->missing = civic_store_revs_diff (d->store, request, &error);
  if (d->missing == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  body = g_string_new ("{\"docs\":[");
  {
    JsonObjectIter iter;
    const char *id;
    JsonNode *value;

    json_object_iter_init (&iter, d->missing);
    while (json_object_iter_next (&iter, &id, &value))
      {
        JsonArray *missing = JSON_NODE_HOLDS_OBJECT (value)
          ? civic_json_object_get_array_or_null (json_node_get_object (value), "missing") : NULL;
        JsonObject *doc = g_hash_table_lookup (candidates, id);

        if (doc != NULL && missing != NULL && json_array_get_length (missing) == 1 &&
            g_strcmp0 (json_array_get_string_element (missing, 0),
                       civic_json_object_get_string_or_null (doc, "_rev")) == 0)
          {
            g_ptr_array_add (d->inline_docs, json_object_ref (doc));
            g_ptr_array_add (inlined, (gpointer) id);
            continue;
          }

        for (guint j = 0; missing != NULL && j < json_array_get_length (missing); j++)
          {
            const char *rev = json_array_get_string_element (missing, j);

            if (rev == NULL)
              continue;
            if (!first)
              g_string_append_c (body, ',');
            first = FALSE;
            g_string_append (body, "{\"id\":");
            civic_json_append_string (body, id);
            g_string_append (body, ",\"rev\":");
            civic_json_append_string (body, rev);
            g_string_append_c (body, '}');
            d->n_missing++;
          }
      }
  }
  g_string_append (body, "]}");
  d->bulk_get_body = g_string_free_to_bytes (body);
  for (guint i = 0; i < inlined->len; i++)
    json_object_remove_member (d->missing, g_ptr_array_index (inlined, i));
  g_clear_pointer (&d->changes, json_node_unref);
  g_task_return_boolean (task, TRUE);
}

static void fallback_next (GTask *task);

static void
fallback_get_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  Batch *batch = run->fetching;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  batch->pending--;
  if (error != NULL)
    set_error_once (run, g_steal_pointer (&error));
  else if (status == 200 && node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    g_ptr_array_add (batch->fallback, g_steal_pointer (&node));
  else
    {
      /* 404 for a document deleted and purged meanwhile: nothing to read. */
      g_ptr_array_add (batch->failures, g_strdup_printf ("%s: %u %s", "open_revs", status,
                                                         civic_couch_error_reason (node) ?: ""));
    }
  fallback_next (task);
}

static void
fallback_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  Batch *batch = run->fetching;

  while (run->error == NULL && batch->pending < FALLBACK_CONCURRENCY &&
         batch->next_missing < batch->missing_ids->len)
    {
      const char *id = g_ptr_array_index (batch->missing_ids, batch->next_missing++);
      JsonObject *entry = json_object_get_object_member (batch->missing, id);
      JsonArray *revs = civic_json_object_get_array_or_null (entry, "missing");
      g_autoptr(JsonNode) revs_node = json_node_init_array (json_node_alloc (), revs);
      g_autofree char *revs_text = json_to_string (revs_node, FALSE);
      g_autofree char *escaped_id = civic_couch_escape_doc_id (id);
      g_autofree char *escaped_revs = g_uri_escape_string (revs_text, NULL, FALSE);
      g_autofree char *path = g_strconcat (self->db_path, "/", escaped_id, "?revs=true&open_revs=",
                                           escaped_revs, NULL);

      batch->pending++;
      civic_couch_client_request_async (self->client, "GET", path, NULL, CIVIC_COUCH_REQUEST_NONE,
                                        g_task_get_cancellable (task), fallback_get_cb, task);
    }

  if (batch->pending > 0)
    return;
  if (run->error != NULL)
    {
      batch_free (g_steal_pointer (&run->fetching));
      check_done (task);
      return;
    }
  fetched (task);
}

static void
start_fallback (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Batch *batch = run->fetching;
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;

  batch->fallback = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  batch->missing_ids = g_ptr_array_new_with_free_func (g_free);
  json_object_iter_init (&iter, batch->missing);
  while (json_object_iter_next (&iter, &id, &value))
    g_ptr_array_add (batch->missing_ids, g_strdup (id));
  fallback_next (task);
}

static void
bulk_get_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error != NULL)
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (status == 404 || status == 405 || status == 400 || status == 501)
    {
      g_debug ("_bulk_get answered %u; reading documents one by one", status);
      g_object_set_data (G_OBJECT (run->self), "civic-no-bulk-get", GINT_TO_POINTER (TRUE));
      start_fallback (task);
      return;
    }
  if (status != 200 || node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      civic_json_object_get_array_or_null (json_node_get_object (node), "results") == NULL)
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                               _("The server answered _bulk_get with %u: %s"), status,
                               civic_couch_error_reason (node) ?: _("no results")));
      return;
    }
  run->fetching->bulk_get = g_steal_pointer (&node);
  fetched (task);
}

static void
pull_diff_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  PullDiff *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Batch *batch = run->fetching;
  g_autofree char *path = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }

  batch->n_changes = d->n_changes;
  batch->last_seq = d->last_seq ? g_strdup (d->last_seq) : g_strdup (run->since);
  batch->missing = g_steal_pointer (&d->missing);
  batch->inline_docs = g_steal_pointer (&d->inline_docs);

  if (d->n_missing == 0)
    {
      /* Nothing to read, but a batch with changes still moves the
       * checkpoint forward.
       */
      fetched (task);
      return;
    }
  if (g_object_get_data (G_OBJECT (self), "civic-no-bulk-get"))
    {
      start_fallback (task);
      return;
    }
  path = g_strconcat (self->db_path, "/_bulk_get?revs=true", NULL);
  civic_couch_client_request_async (self->client, "POST", path, d->bulk_get_body, CIVIC_COUCH_REQUEST_NONE,
                                    g_task_get_cancellable (task), bulk_get_cb, task);
}

static void
changes_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;
  PullDiff *d;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && status != 200)
    error = g_error_new (CIVIC_SYNC_ERROR, status == 404 ? CIVIC_SYNC_ERROR_NOT_FOUND : CIVIC_SYNC_ERROR_PROTOCOL,
                         _("The server answered the changes feed with %u: %s"), status,
                         civic_couch_error_reason (node) ?: "?");
  if (error != NULL)
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }

  d = g_new0 (PullDiff, 1);
  d->store = g_object_ref (run->self->store);
  d->changes = g_steal_pointer (&node);
  run_in_thread (d, (GDestroyNotify) pull_diff_free, pull_diff_thread,
                 g_task_get_cancellable (task), pull_diff_done_cb, task);
}

static void
pull_fetch (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  g_autofree char *since = civic_couch_seq_to_param (run->since);
  guint limit = self->batch_size;
  g_autofree char *path = g_strdup_printf ("%s/_changes?feed=normal&style=all_docs&since=%s&limit=%u%s",
                                           self->db_path, since, limit,
                                           run->include_docs ? "&include_docs=true" : "");

  run->fetching = batch_new ();
  run->fetching->limit = limit;
  civic_couch_client_request_async (self->client, "GET", path, NULL, CIVIC_COUCH_REQUEST_NONE,
                                    g_task_get_cancellable (task), changes_cb, task);
}

typedef struct {
  CivicReplicator *self;
  CivicStore *store;
  Batch      *batch;          /* borrowed: the run keeps it until written */
  gboolean    auto_merge;
  char       *checkpoint_id;
  char       *session_id;
  char       *start_time;
  JsonArray  *history;
  guint       docs_read_before;
  guint       docs_written_before;
  guint       failures_before;
  gboolean    remote_refused;
  /* out */
  GPtrArray  *docs;           /* JsonObject*, freed in the thread */
  guint       n_written;
  GPtrArray  *ids;            /* char*, written; freed in the thread */
  JsonObject *checkpoint;
  guint       docs_read;
  guint       failures;
  guint       auto_merged;
} PullWrite;

static void
pull_write_free (PullWrite *w)
{
  g_clear_object (&w->self);
  g_clear_object (&w->store);
  g_free (w->checkpoint_id);
  g_free (w->session_id);
  g_free (w->start_time);
  g_clear_pointer (&w->history, json_array_unref);
  g_clear_pointer (&w->docs, g_ptr_array_unref);
  g_clear_pointer (&w->ids, g_ptr_array_unref);
  g_clear_pointer (&w->checkpoint, json_object_unref);
  g_free (w);
}

static void
collect_ok_doc (PullWrite  *w,
                JsonObject *doc)
{
  const char *id = civic_json_object_get_string_or_null (doc, "_id");

  w->docs_read++;
  if (!is_replicated_id (id))
    return;
  if (json_object_has_member (doc, "_attachments"))
    {
      g_message ("Skipping %s %s: attachments are not supported", id,
                 civic_json_object_get_string_or_null (doc, "_rev"));
      g_ptr_array_add (w->batch->failures, g_strdup_printf ("%s %s: %s", id,
                                                            civic_json_object_get_string_or_null (doc, "_rev"),
                                                            "attachments are not supported"));
      return;
    }
  g_ptr_array_add (w->docs, json_object_ref (doc));
}

static void
collect_doc (PullWrite  *w,
             JsonNode   *entry)
{
  JsonObject *obj, *doc;

  if (entry == NULL || !JSON_NODE_HOLDS_OBJECT (entry))
    {
      g_ptr_array_add (w->batch->failures, g_strdup ("?: not a document"));
      return;
    }
  obj = json_node_get_object (entry);
  doc = civic_json_object_get_object_or_null (obj, "ok");
  if (doc == NULL)
    {
      /* {"error": …} (CouchDB), {"missing": rev} or {} (PouchDB Server). */
      JsonObject *err = civic_json_object_get_object_or_null (obj, "error");

      g_ptr_array_add (w->batch->failures,
                       g_strdup_printf ("%s %s: %s",
                                        err ? civic_json_object_get_string_or_null (err, "id") ?: "?" : "?",
                                        err ? civic_json_object_get_string_or_null (err, "rev") ?: "?"
                                            : civic_json_object_get_string_or_null (obj, "missing") ?: "?",
                                        err ? civic_json_object_get_string_or_null (err, "reason") ?: "error"
                                            : "missing"));
      return;
    }
  collect_ok_doc (w, doc);
}

static gboolean
pull_write_transaction (CivicStore *store,
                        gpointer    user_data,
                        GError    **error)
{
  PullWrite *w = user_data;

  if (w->docs->len > 0 && !civic_store_put_replicated (store, w->docs, error))
    return FALSE;
  return civic_store_put_local (store, w->checkpoint_id, w->checkpoint, error);
}

static void
pull_write_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PullWrite *w = task_data;
  Batch *batch = w->batch;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  w->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  w->ids = g_ptr_array_new_with_free_func (g_free);

  if (batch->inline_docs != NULL)
    for (guint i = 0; i < batch->inline_docs->len; i++)
      collect_ok_doc (w, g_ptr_array_index (batch->inline_docs, i));
  if (batch->bulk_get != NULL)
    {
      JsonArray *results = json_object_get_array_member (json_node_get_object (batch->bulk_get), "results");

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *result = json_array_get_object_element (results, i);
          JsonArray *docs = result ? civic_json_object_get_array_or_null (result, "docs") : NULL;

          for (guint j = 0; docs != NULL && j < json_array_get_length (docs); j++)
            collect_doc (w, json_array_get_element (docs, j));
        }
    }
  if (batch->fallback != NULL)
    for (guint i = 0; i < batch->fallback->len; i++)
      {
        JsonArray *answers = json_node_get_array (g_ptr_array_index (batch->fallback, i));

        for (guint j = 0; j < json_array_get_length (answers); j++)
          collect_doc (w, json_array_get_element (answers, j));
      }
  w->failures = batch->failures->len;

  for (guint i = 0; i < w->docs->len; i++)
    {
      const char *id = civic_json_object_get_string_or_null (g_ptr_array_index (w->docs, i), "_id");

      if (g_hash_table_add (seen, (gpointer) id))
        g_ptr_array_add (w->ids, g_strdup (id));
    }

  w->checkpoint = build_checkpoint (w->session_id, w->start_time, w->history, batch->last_seq,
                                    w->docs_read_before + w->docs_read,
                                    w->docs_written_before + w->docs->len,
                                    w->failures_before + w->failures, w->remote_refused);

  /* The documents and the checkpoint that covers them commit together, so
   * a crash can never leave a checkpoint ahead of the data.
   */
  if (!civic_store_transaction (w->store, pull_write_transaction, w, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Big answers are freed here rather than on the main thread. */
  w->n_written = w->docs->len;
  g_clear_pointer (&w->docs, g_ptr_array_unref);
  g_clear_pointer (&batch->bulk_get, json_node_unref);
  g_clear_pointer (&batch->inline_docs, g_ptr_array_unref);
  g_clear_pointer (&batch->fallback, g_ptr_array_unref);
  g_clear_pointer (&batch->missing, json_object_unref);

  if (w->auto_merge && !civic_store_get_read_only (w->store))
    for (guint i = 0; i < w->ids->len; i++)
      {
        const char *id = g_ptr_array_index (w->ids, i);
        g_auto(GStrv) conflicts = civic_store_get_conflicts (w->store, id, NULL);
        g_autoptr(GError) merge_error = NULL;
        g_autofree char *rev = NULL;

        if (conflicts == NULL || conflicts[0] == NULL)
          continue;
        rev = civic_conflict_auto_merge (w->store, id, &merge_error);
        if (rev != NULL)
          w->auto_merged++;
        else if (merge_error != NULL)
          g_debug ("%s stays conflicted: %s", id, merge_error->message);
      }

  /* The live-sync engine's list of our own writes grows here rather than
   * on the main thread, a thousand ids a batch.
   */
  g_mutex_lock (&w->self->pulled_lock);
  for (guint i = 0; i < w->ids->len; i++)
    g_hash_table_add (w->self->pulled_ids, g_strdup (g_ptr_array_index (w->ids, i)));
  g_mutex_unlock (&w->self->pulled_lock);
  g_clear_pointer (&w->ids, g_ptr_array_unref);

  g_task_return_boolean (task, TRUE);
}

static void
pull_write_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  PullWrite *w = g_task_get_task_data (G_TASK (result));
  Batch *batch = w->batch;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      batch->failed = TRUE;
      fail (task, g_steal_pointer (&error));
      return;
    }

  run->docs_read += w->docs_read;
  run->docs_written += w->n_written;
  run->failures += w->failures;
  self->docs_read += w->docs_read;
  self->docs_written += w->n_written;
  self->doc_write_failures += w->failures;
  self->auto_merged += w->auto_merged;
  for (guint i = 0; i < batch->failures->len; i++)
    g_ptr_array_add (self->failures, g_strdup (g_ptr_array_index (batch->failures, i)));
  update_progress (run, batch->last_seq);
  notify_counters (self);

  /* The local checkpoint committed with the documents; the remote one
   * follows in order (advance()).
   */
  batch->checkpoint = json_object_ref (w->checkpoint);
  batch->written = TRUE;
  kick (task);
}

static void
pull_write (GTask *task,
            Batch *batch)
{
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  PullWrite *w = g_new0 (PullWrite, 1);

  w->self = g_object_ref (self);
  w->store = g_object_ref (self->store);
  w->batch = batch;
  w->auto_merge = self->auto_merge;
  w->checkpoint_id = local_checkpoint_id (run->rep_id);
  w->session_id = g_strdup (run->session_id);
  w->start_time = g_strdup (run->start_time);
  w->history = run->history ? json_array_ref (run->history) : NULL;
  w->docs_read_before = run->docs_read;
  w->docs_written_before = run->docs_written;
  w->failures_before = run->failures;
  w->remote_refused = run->remote_cp_refused;
  /* Not cancellable: a batch that was fetched is written completely. */
  run_in_thread (w, (GDestroyNotify) pull_write_free, pull_write_thread, NULL, pull_write_done_cb, task);
}

/* ---- push ---------------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  gint64      since;
  guint       limit;
  gboolean    all_missing;
  /* out */
  guint       n_changes;
  gint64      last_seq;
  GBytes     *body;
  JsonNode   *missing;   /* with all_missing: id → {"missing": leaves} */
} PushChanges;

static void
push_changes_free (PushChanges *p)
{
  g_clear_object (&p->store);
  g_clear_pointer (&p->body, g_bytes_unref);
  g_clear_pointer (&p->missing, json_node_unref);
  g_free (p);
}

static void
push_changes_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PushChanges *p = task_data;
  g_autoptr(GPtrArray) changes = NULL;
  GError *error = NULL;
  GString *body;
  gboolean first = TRUE;

  changes = civic_store_changes (p->store, p->since, p->limit, &error);
  if (changes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  p->n_changes = changes->len;
  p->last_seq = p->since;
  if (p->all_missing)
    {
      JsonObject *missing = json_object_new ();

      for (guint i = 0; i < changes->len; i++)
        {
          CivicChange *change = g_ptr_array_index (changes, i);
          JsonObject *entry;
          JsonArray *revs;

          p->last_seq = MAX (p->last_seq, change->seq);
          if (!is_replicated_id (change->id) || change->leaves == NULL || change->leaves[0] == NULL)
            continue;
          entry = json_object_new ();
          revs = json_array_new ();
          for (guint j = 0; change->leaves[j]; j++)
            json_array_add_string_element (revs, change->leaves[j]);
          json_object_set_array_member (entry, "missing", revs);
          json_object_set_object_member (missing, change->id, entry);
        }
      p->missing = json_node_init_object (json_node_alloc (), missing);
      json_object_unref (missing);
      g_task_return_boolean (task, TRUE);
      return;
    }
  body = g_string_new ("{");
  for (guint i = 0; i < changes->len; i++)
    {
      CivicChange *change = g_ptr_array_index (changes, i);

      p->last_seq = MAX (p->last_seq, change->seq);
      if (!is_replicated_id (change->id) || change->leaves == NULL || change->leaves[0] == NULL)
        continue;
      if (!first)
        g_string_append_c (body, ',');
      first = FALSE;
      civic_json_append_string (body, change->id);
      g_string_append (body, ":[");
      for (guint j = 0; change->leaves[j]; j++)
        {
          if (j > 0)
            g_string_append_c (body, ',');
          civic_json_append_string (body, change->leaves[j]);
        }
      g_string_append_c (body, ']');
    }
  g_string_append_c (body, '}');
  p->body = g_string_free_to_bytes (body);
  g_task_return_boolean (task, TRUE);
}

typedef struct {
  CivicStore *store;
  JsonNode   *missing;
  gboolean    revisions_carrier;
  /* out */
  GPtrArray  *docs;
  GBytes     *body;
  GPtrArray  *failures;
} PushRead;

static void
push_read_free (PushRead *p)
{
  g_clear_object (&p->store);
  g_clear_pointer (&p->missing, json_node_unref);
  g_clear_pointer (&p->docs, g_ptr_array_unref);
  g_clear_pointer (&p->body, g_bytes_unref);
  g_clear_pointer (&p->failures, g_ptr_array_unref);
  g_free (p);
}

static GBytes *
bulk_docs_body (GPtrArray *docs,
                guint      from,
                guint      to)
{
  GString *body = g_string_new ("{\"new_edits\":false,\"docs\":[");

  for (guint i = from; i < to; i++)
    {
      g_autofree char *text = civic_json_object_to_string (g_ptr_array_index (docs, i));

      if (i > from)
        g_string_append_c (body, ',');
      g_string_append (body, text);
    }
  g_string_append (body, "]}");
  return g_string_free_to_bytes (body);
}

static void
push_read_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PushRead *p = task_data;
  JsonObjectIter iter;
  const char *id;
  JsonNode *value;

  g_autoptr(GPtrArray) first_ids = g_ptr_array_new ();
  g_autoptr(GHashTable) firsts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) read_ids = g_hash_table_new (g_str_hash, g_str_equal);

  p->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  p->failures = g_ptr_array_new_with_free_func (g_free);
  if (p->missing == NULL || !JSON_NODE_HOLDS_OBJECT (p->missing))
    {
      p->body = bulk_docs_body (p->docs, 0, 0);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A first revision that is the winner (every document of a first push)
   * is read in one query with civic_store_get_many(); its history is just
   * itself.  Everything else goes through the revision tree.
   */
  json_object_iter_init (&iter, json_node_get_object (p->missing));
  while (json_object_iter_next (&iter, &id, &value))
    {
      JsonArray *revs = JSON_NODE_HOLDS_OBJECT (value)
        ? civic_json_object_get_array_or_null (json_node_get_object (value), "missing") : NULL;

      if (revs != NULL && json_array_get_length (revs) == 1 &&
          g_str_has_prefix (json_array_get_string_element (revs, 0) ?: "", "1-"))
        {
          g_ptr_array_add (first_ids, (gpointer) id);
          g_hash_table_insert (firsts, (gpointer) id, (gpointer) json_array_get_string_element (revs, 0));
        }
    }
  if (first_ids->len > 0)
    {
      g_autoptr(GPtrArray) winners = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (first_ids, NULL);
      winners = civic_store_get_many (p->store, (const char * const *) first_ids->pdata, &error);
      for (guint i = 0; winners != NULL && i < winners->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (winners, i);
          const char *doc_id = civic_json_object_get_string_or_null (doc, "_id");
          const char *rev = civic_json_object_get_string_or_null (doc, "_rev");
          const char *wanted = doc_id ? g_hash_table_lookup (firsts, doc_id) : NULL;
          JsonObject *revisions;
          JsonArray *ids;

          if (wanted == NULL || g_strcmp0 (rev, wanted) != 0 || json_object_has_member (doc, "_attachments"))
            continue;
          revisions = json_object_new ();
          ids = json_array_new ();
          json_array_add_string_element (ids, rev + 2);
          json_object_set_int_member (revisions, "start", 1);
          json_object_set_array_member (revisions, "ids", ids);
          json_object_set_object_member (doc, "_revisions", revisions);
          if (p->revisions_carrier)
            json_object_set_member (doc, "_civic_revisions",
                                    json_node_copy (json_object_get_member (doc, "_revisions")));
          g_ptr_array_add (p->docs, json_object_ref (doc));
          g_hash_table_add (read_ids, (gpointer) doc_id);
        }
      if (error != NULL)
        g_debug ("reading winners in one go failed, reading them one by one: %s", error->message);
    }

  json_object_iter_init (&iter, json_node_get_object (p->missing));
  while (json_object_iter_next (&iter, &id, &value))
    {
      JsonArray *revs = JSON_NODE_HOLDS_OBJECT (value)
        ? civic_json_object_get_array_or_null (json_node_get_object (value), "missing") : NULL;

      if (g_hash_table_contains (read_ids, id))
        continue;

      for (guint j = 0; revs != NULL && j < json_array_get_length (revs); j++)
        {
          const char *rev = json_array_get_string_element (revs, j);
          g_autoptr(GError) error = NULL;
          JsonObject *doc;

          if (rev == NULL)
            continue;
          doc = civic_store_get_revision_with_history (p->store, id, rev, CIVIC_STORE_REVS_LIMIT, &error);
          if (doc == NULL)
            {
              /* A leaf superseded since the changes were read: its
               * successor is in a later change.
               */
              g_debug ("not pushing %s %s: %s", id, rev, error->message);
              continue;
            }
          if (json_object_has_member (doc, "_attachments"))
            {
              g_message ("Not pushing %s %s: attachments are not supported", id, rev);
              g_ptr_array_add (p->failures, g_strdup_printf ("%s %s: %s", id, rev,
                                                             "attachments are not supported"));
              json_object_unref (doc);
              continue;
            }
          if (p->revisions_carrier && json_object_has_member (doc, "_revisions"))
            json_object_set_member (doc, "_civic_revisions",
                                    json_node_copy (json_object_get_member (doc, "_revisions")));
          g_ptr_array_add (p->docs, doc);
        }
    }
  p->body = bulk_docs_body (p->docs, 0, p->docs->len);
  g_task_return_boolean (task, TRUE);
}

static void
push_read_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  PushRead *p = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Batch *batch = run->fetching;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }
  batch->docs = g_steal_pointer (&p->docs);
  batch->body = g_steal_pointer (&p->body);
  batch->skipped = p->failures->len;
  for (guint i = 0; i < p->failures->len; i++)
    g_ptr_array_add (batch->failures, g_strdup (g_ptr_array_index (p->failures, i)));
  fetched (task);
}

static void
revs_diff_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;
  PushRead *p;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && (status != 200 || node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                         _("The server answered _revs_diff with %u: %s"), status,
                         civic_couch_error_reason (node) ?: "?");
  if (error != NULL)
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }
  p = g_new0 (PushRead, 1);
  p->store = g_object_ref (run->self->store);
  p->missing = g_steal_pointer (&node);
  p->revisions_carrier = run->revisions_carrier;
  run_in_thread (p, (GDestroyNotify) push_read_free, push_read_thread,
                 g_task_get_cancellable (task), push_read_done_cb, task);
}

static void
push_changes_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  PushChanges *p = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Batch *batch = run->fetching;
  g_autofree char *path = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      batch_free (g_steal_pointer (&run->fetching));
      fail (task, g_steal_pointer (&error));
      return;
    }
  batch->n_changes = p->n_changes;
  batch->last_seq = g_strdup_printf ("%" G_GINT64_FORMAT, p->last_seq);
  if (p->missing != NULL)
    {
      PushRead *r = g_new0 (PushRead, 1);

      r->store = g_object_ref (self->store);
      r->missing = g_steal_pointer (&p->missing);
      r->revisions_carrier = run->revisions_carrier;
      run_in_thread (r, (GDestroyNotify) push_read_free, push_read_thread,
                     g_task_get_cancellable (task), push_read_done_cb, task);
      return;
    }
  if (p->n_changes == 0 || g_bytes_get_size (p->body) <= 2)
    {
      batch->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      fetched (task);
      return;
    }
  path = g_strconcat (self->db_path, "/_revs_diff", NULL);
  civic_couch_client_request_async (self->client, "POST", path, p->body, CIVIC_COUCH_REQUEST_NONE,
                                    g_task_get_cancellable (task), revs_diff_cb, task);
}

static void
push_fetch (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  PushChanges *p = g_new0 (PushChanges, 1);

  p->limit = run->self->batch_size;
  run->fetching = batch_new ();
  run->fetching->limit = p->limit;
  p->store = g_object_ref (run->self->store);
  p->since = g_ascii_strtoll (run->since, NULL, 10);
  p->all_missing = run->skip_revs_diff;
  run_in_thread (p, (GDestroyNotify) push_changes_free, push_changes_thread,
                 g_task_get_cancellable (task), push_changes_done_cb, task);
}

/* The part of the batch being sent: [from, to). */
typedef struct {
  guint from;
  guint to;
} Slice;

static void send_slices (Batch *batch);

static void
push_local_checkpoint_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  const char *id = g_object_get_data (G_OBJECT (task), "id");
  GError *error = NULL;

  if (!civic_store_put_local (store, id, task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
push_local_checkpoint_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *doc = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      Run *run = g_task_get_task_data (task);

      batch_free (g_steal_pointer (&run->checkpointing));
      fail (task, g_steal_pointer (&error));
      return;
    }
  put_remote_checkpoint (task, doc, FALSE);
}

/* The counters and both checkpoints of a pushed batch, once every batch
 * before it was checkpointed (advance()).
 */
static void
push_checkpoint (GTask *task,
                 Batch *batch)
{
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  guint failures = batch->failures->len;
  guint refused = failures - MIN (failures, batch->skipped);
  guint written = batch->docs->len - MIN (refused, batch->docs->len);
  JsonObject *doc;
  g_autoptr(GTask) local = NULL;

  run->docs_read += batch->docs->len + batch->skipped;
  run->docs_written += written;
  run->failures += failures;
  self->docs_read += batch->docs->len + batch->skipped;
  self->docs_written += written;
  self->doc_write_failures += failures;
  for (guint i = 0; i < batch->failures->len; i++)
    g_ptr_array_add (self->failures, g_strdup (g_ptr_array_index (batch->failures, i)));
  update_progress (run, batch->last_seq);
  notify_counters (self);

  doc = build_checkpoint (run->session_id, run->start_time, run->history, batch->last_seq,
                          run->docs_read, run->docs_written, run->failures, run->remote_cp_refused);
  local = g_task_new (NULL, NULL, push_local_checkpoint_cb, task);
  g_task_set_source_tag (local, push_local_checkpoint_thread);
  g_task_set_task_data (local, doc, (GDestroyNotify) json_object_unref);
  g_object_set_data_full (G_OBJECT (local), "store", g_object_ref (self->store), g_object_unref);
  g_object_set_data_full (G_OBJECT (local), "id", local_checkpoint_id (run->rep_id), g_free);
  g_task_run_in_thread (local, push_local_checkpoint_thread);
}

/* A batch's write ended well: the next one may start, and its checkpoint
 * follows once the batches before it have theirs.
 */
static void
batch_written (Batch *batch)
{
  GTask *task = batch->task;

  batch->written = TRUE;
  kick (task);
}

static void
bulk_docs_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Batch *batch = user_data;
  GTask *task = batch->task;
  Slice *slice = g_queue_pop_head (batch->slices);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && status == 413)
    {
      if (slice->to - slice->from <= 1)
        {
          JsonObject *doc = g_ptr_array_index (batch->docs, slice->from);

          g_message ("Not pushing %s: the server says it is too large",
                     civic_json_object_get_string_or_null (doc, "_id"));
          g_ptr_array_add (batch->failures,
                           g_strdup_printf ("%s %s: %s", civic_json_object_get_string_or_null (doc, "_id"),
                                            civic_json_object_get_string_or_null (doc, "_rev"),
                                            "too large"));
        }
      else
        {
          /* Split in half, first half first (couch_replicator_worker.erl). */
          Slice *a = g_new (Slice, 1), *b = g_new (Slice, 1);
          guint mid = slice->from + (slice->to - slice->from) / 2;

          a->from = slice->from;
          a->to = mid;
          b->from = mid;
          b->to = slice->to;
          g_queue_push_head (batch->slices, b);
          g_queue_push_head (batch->slices, a);
        }
      g_free (slice);
      send_slices (batch);
      return;
    }
  g_free (slice);
  if (error == NULL && status != 201 && status != 202)
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                         _("The server answered _bulk_docs with %u: %s"), status,
                         civic_couch_error_reason (node) ?: "?");
  if (error != NULL)
    {
      /* Nothing at or after this batch is checkpointed; the batches before
       * it still are, as they finish.
       */
      batch->failed = TRUE;
      fail (task, g_steal_pointer (&error));
      return;
    }

  /* 201 carries the errors only: VDU rejections (forbidden, unauthorized)
   * are recorded and never retried.
   */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *errors = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (errors); i++)
        {
          JsonObject *e = json_array_get_object_element (errors, i);

          if (e == NULL || !json_object_has_member (e, "error"))
            continue;
          g_ptr_array_add (batch->failures,
                           g_strdup_printf ("%s %s: %s (%s)", civic_json_object_get_string_or_null (e, "id") ?: "?",
                                            civic_json_object_get_string_or_null (e, "rev") ?: "?",
                                            civic_json_object_get_string_or_null (e, "reason") ?: "",
                                            civic_json_object_get_string_or_null (e, "error") ?: "error"));
        }
    }
  send_slices (batch);
}

static void
send_slices (Batch *batch)
{
  GTask *task = batch->task;
  Run *run = g_task_get_task_data (task);
  CivicReplicator *self = run->self;
  Slice *slice = g_queue_peek_head (batch->slices);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  if (slice == NULL)
    {
      batch_written (batch);
      return;
    }
  if (slice->from == 0 && slice->to == batch->docs->len && batch->body != NULL)
    body = g_bytes_ref (batch->body);
  else
    body = bulk_docs_body (batch->docs, slice->from, slice->to);
  path = g_strconcat (self->db_path, "/_bulk_docs", NULL);
  civic_couch_client_request_async (self->client, "POST", path, body, CIVIC_COUCH_REQUEST_NONE,
                                    g_task_get_cancellable (task), bulk_docs_cb, batch);
}

static void
push_write (GTask *task,
            Batch *batch)
{
  batch->slices = g_queue_new ();
  if (batch->docs->len > 0)
    {
      Slice *all = g_new (Slice, 1);

      all->from = 0;
      all->to = batch->docs->len;
      g_queue_push_tail (batch->slices, all);
    }
  send_slices (batch);
}

/* ---- the pipeline -------------------------------------------------------- */

static void
fetch_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->returned || run->error != NULL || run->fetch_done || run->fetching != NULL ||
      g_queue_get_length (&run->ready) >= 1)
    return;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      /* Whatever is still in flight finishes first; check_done returns. */
      set_error_once (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
      return;
    }
  if (run->direction == DIRECTION_PULL)
    pull_fetch (task);
  else
    push_fetch (task);
}

static void
write_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  while (!run->returned && run->error == NULL && !g_queue_is_empty (&run->ready) &&
         writes_in_flight (run) < run->max_writes)
    {
      Batch *batch = g_queue_pop_head (&run->ready);

      batch->task = task;
      g_queue_push_tail (&run->writing, batch);
      if (run->direction == DIRECTION_PULL)
        pull_write (task, batch);
      else
        push_write (task, batch);
    }
}

/* Checkpoints the oldest written batch once the one before it is done.
 * Runs even after a failure, so the batches written before the failed one
 * keep their checkpoints; the failed one stays at the head and stops it.
 */
static void
advance (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Batch *head = g_queue_peek_head (&run->writing);

  if (run->returned || run->checkpointing != NULL || run->cp_in_flight || head == NULL || !head->written)
    return;
  run->checkpointing = g_queue_pop_head (&run->writing);
  if (run->direction == DIRECTION_PULL)
    put_remote_checkpoint (task, head->checkpoint, FALSE);
  else
    push_checkpoint (task, head);
}

/* Moves every stage that can move.  Any step may end the run (check_done
 * returns the task and drops the pipeline's reference), so a reference of
 * its own keeps the run alive until the last step has looked.
 */
static void
kick (GTask *task)
{
  g_object_ref (task);
  advance (task);
  write_next (task);
  fetch_next (task);
  check_done (task);
  g_object_unref (task);
}

/* ---- starting a direction ------------------------------------------------ */

typedef struct {
  JsonObject *local;
  JsonObject *remote;
  gboolean    have_remote;
  gboolean    design_restores_revisions;
  gint64      remote_docs;     /* doc_count + doc_del_count, -1 unknown */
  gint64      design_docs;     /* -1 unknown */
  guint       pending;
} StartData;

static void
start_pipeline (GTask      *task,
                JsonObject *local,
                JsonObject *remote)
{
  Run *run = g_task_get_task_data (task);
  JsonArray *history = NULL;

  g_free (run->since);
  run->since = choose_start_seq (local, remote);
  run->start_seq = g_strdup (run->since);
  /* A first pull reads most documents once; their first revisions come
   * with the changes feed, which saves the server a _bulk_get for them.
   */
  run->include_docs = run->direction == DIRECTION_PULL && g_str_equal (run->since, "0");
  if (local != NULL)
    history = civic_json_object_get_array_or_null (local, "history");
  else if (remote != NULL)
    history = civic_json_object_get_array_or_null (remote, "history");
  run->history = history ? json_array_ref (history) : json_array_new ();
  if (local != NULL && civic_json_object_get_boolean_or (local, "remote_checkpoint_refused", FALSE))
    run->remote_cp_refused = TRUE;
  g_debug ("%s %s from %s", run->direction == DIRECTION_PULL ? "pull" : "push",
           run->self->db_url, run->since);
  fetch_next (task);
  check_done (task);
}

static void
local_checkpoint_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  g_autoptr(GError) error = NULL;
  JsonObject *doc = civic_store_get_local (store, task_data, &error);

  if (doc == NULL && error != NULL && !g_error_matches (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) json_object_unref);
}

static void
start_data_free (StartData *s)
{
  g_clear_pointer (&s->local, json_object_unref);
  g_clear_pointer (&s->remote, json_object_unref);
  g_free (s);
}

static void
start_step_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  StartData *s = g_object_get_data (G_OBJECT (task), "civic-start");

  if (--s->pending > 0)
    return;
  if (run->error != NULL)
    {
      check_done (task);
      return;
    }
  run->revisions_carrier = s->design_restores_revisions && run->self->server_is_pouchdb == 1;
  /* Nothing but design documents on the server: every revision we have is
   * missing there, so asking _revs_diff would only cost the server time.
   * (Writes with new_edits=false are idempotent, so a client pushing the
   * same documents meanwhile does no harm.)
   */
  run->skip_revs_diff = run->direction == DIRECTION_PUSH && s->remote_docs >= 0 && s->design_docs >= 0 &&
                        s->remote_docs <= s->design_docs;
  start_pipeline (task, s->local, s->remote);
}

static void
local_checkpoint_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  StartData *s = g_object_get_data (G_OBJECT (task), "civic-start");
  g_autoptr(GError) error = NULL;

  s->local = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    set_error_once (run, g_steal_pointer (&error));
  start_step_done (task);
}

static void
remote_checkpoint_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  StartData *s = g_object_get_data (G_OBJECT (task), "civic-start");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error != NULL)
    set_error_once (run, g_steal_pointer (&error));
  else if (status == 200 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      s->remote = json_object_ref (json_node_get_object (node));
      run->remote_cp_rev = g_strdup (civic_json_object_get_string_or_null (s->remote, "_rev"));
    }
  else if (status != 404 && status != 401 && status != 403)
    set_error_once (run, g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                                      _("The server answered %u when asked for the replication checkpoint"),
                                      status));
  start_step_done (task);
}

static void
db_info_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && status == 404)
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_NOT_FOUND,
                         _("The database “%s” does not exist on %s; an administrator creates it with "
                           "“civic-desk-cli server setup”"),
                         run->self->database, civic_couch_client_get_server_url (run->self->client));
  else if (error == NULL && (status != 200 || node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                         _("The server answered %u for the database “%s”"), status, run->self->database);
  if (error != NULL)
    set_error_once (run, g_steal_pointer (&error));
  else
    {
      JsonObject *info = json_node_get_object (node);
      StartData *s = g_object_get_data (G_OBJECT (task), "civic-start");

      if (json_object_has_member (info, "update_seq"))
        run->update_seq = node_to_raw (json_object_get_member (info, "update_seq"));
      if (json_object_has_member (info, "doc_count"))
        s->remote_docs = civic_json_object_get_int_or (info, "doc_count", 0) +
                         civic_json_object_get_int_or (info, "doc_del_count", 0);
    }
  start_step_done (task);
}

static void
design_docs_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  StartData *s = g_object_get_data (G_OBJECT (task), "civic-start");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *rows;
  guint status = 0;

  /* Errors here are not fatal: the push itself will meet them. */
  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, NULL);
  if (status == 200 && node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      (rows = civic_json_object_get_array_or_null (json_node_get_object (node), "rows")) != NULL)
    {
      s->design_docs = json_array_get_length (rows);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          JsonObject *doc = row ? civic_json_object_get_object_or_null (row, "doc") : NULL;
          const char *vdu = doc ? civic_json_object_get_string_or_null (doc, "validate_doc_update") : NULL;

          if (vdu != NULL && strstr (vdu, "_civic_revisions") != NULL)
            s->design_restores_revisions = TRUE;
        }
    }
  start_step_done (task);
}

static void
server_kind_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error != NULL)
    set_error_once (run, g_steal_pointer (&error));
  else if (status == 200 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    run->self->server_is_pouchdb = json_object_has_member (json_node_get_object (node), "express-pouchdb");
  start_step_done (task);
}

static void
start_direction (CivicReplicator     *self,
                 Direction            direction,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);
  StartData *s = g_new0 (StartData, 1);
  g_autofree char *cp_path = NULL;
  g_autoptr(GTask) local = NULL;

  s->remote_docs = -1;
  s->design_docs = -1;

  g_task_set_source_tag (task, start_direction);
  run->self = g_object_ref (self);
  run->direction = direction;
  run->rep_id = civic_replicator_dup_replication_id (self, direction == DIRECTION_PULL ? "pull" : "push");
  run->session_id = g_uuid_string_random ();
  run->start_time = now_iso8601 ();
  run->since = g_strdup ("0");
  g_queue_init (&run->ready);
  g_queue_init (&run->writing);
  /* One pulled batch is written at a time (the store has one writer); a
   * push keeps the server's queue full.
   */
  run->max_writes = direction == DIRECTION_PULL ? 1 : self->push_requests;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_object_set_data_full (G_OBJECT (task), "civic-start", s, (GDestroyNotify) start_data_free);

  /* The database info, the remote and the local checkpoint are read in
   * parallel; a sync with nothing to do costs little more than one round
   * trip per direction.
   */
  s->pending = 2;
  if (direction == DIRECTION_PULL)
    {
      s->pending++;
      civic_couch_client_request_async (self->client, "GET", self->db_path, NULL, CIVIC_COUCH_REQUEST_NONE,
                                        cancellable, db_info_cb, task);
    }
  else
    {
      g_autofree char *design_path =
        g_strconcat (self->db_path, "/_all_docs?startkey=%22_design%2F%22&endkey=%22_design0%22&include_docs=true",
                     NULL);

      /* The database's size (is it empty?) and its design documents (does
       * PouchDB Server need the _civic_revisions copy?  civic-server-setup.c
       * explains why).
       */
      s->pending += 2;
      civic_couch_client_request_async (self->client, "GET", self->db_path, NULL, CIVIC_COUCH_REQUEST_NONE,
                                        cancellable, db_info_cb, task);
      civic_couch_client_request_async (self->client, "GET", design_path, NULL,
                                        CIVIC_COUCH_REQUEST_AUTH_STATUS, cancellable, design_docs_cb, task);
      if (self->server_is_pouchdb < 0)
        {
          s->pending++;
          civic_couch_client_request_async (self->client, "GET", "/", NULL, CIVIC_COUCH_REQUEST_NONE,
                                            cancellable, server_kind_cb, task);
        }
    }
  cp_path = g_strconcat (self->db_path, "/_local/", run->rep_id, NULL);
  civic_couch_client_request_async (self->client, "GET", cp_path, NULL, CIVIC_COUCH_REQUEST_AUTH_STATUS,
                                    cancellable, remote_checkpoint_cb, task);
  local = g_task_new (NULL, cancellable, local_checkpoint_cb, task);
  g_task_set_source_tag (local, local_checkpoint_thread);
  g_task_set_task_data (local, local_checkpoint_id (run->rep_id), g_free);
  g_object_set_data_full (G_OBJECT (local), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (local, local_checkpoint_thread);
}

static gboolean
finish_direction (CivicReplicator  *self,
                  GAsyncResult     *result,
                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ------------------------------------------------------------- */

static void
civic_replicator_finalize (GObject *object)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_free (self->database);
  g_free (self->db_path);
  g_free (self->db_url);
  g_free (self->last_error);
  g_clear_pointer (&self->last_synced_at, g_date_time_unref);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_free (self->remote_seq);
  g_clear_pointer (&self->pulled_ids, g_hash_table_unref);
  g_mutex_clear (&self->pulled_lock);

  G_OBJECT_CLASS (civic_replicator_parent_class)->finalize (object);
}

static void
civic_replicator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_DOCS_READ:
      g_value_set_uint (value, self->docs_read);
      break;
    case PROP_DOCS_WRITTEN:
      g_value_set_uint (value, self->docs_written);
      break;
    case PROP_DOC_WRITE_FAILURES:
      g_value_set_uint (value, self->doc_write_failures);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_AUTO_MERGED:
      g_value_set_uint (value, self->auto_merged);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_LAST_SYNCED_AT:
      g_value_set_boxed (value, self->last_synced_at);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_replicator_class_init (CivicReplicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = civic_replicator_finalize;
  object_class->get_property = civic_replicator_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CIVIC_TYPE_REPLICATOR_STATE, CIVIC_REPLICATOR_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOCS_READ] =
    g_param_spec_uint ("docs-read", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOCS_WRITTEN] =
    g_param_spec_uint ("docs-written", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOC_WRITE_FAILURES] =
    g_param_spec_uint ("doc-write-failures", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUTO_MERGED] =
    g_param_spec_uint ("auto-merged", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_boxed ("last-synced-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after each batch and its checkpoints were written. */
  signals[BATCH_DONE] = g_signal_new ("batch-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civic_replicator_init (CivicReplicator *self)
{
  self->batch_size = CIVIC_REPLICATOR_BATCH_SIZE;
  self->push_requests = CIVIC_REPLICATOR_PUSH_REQUESTS;
  self->auto_merge = TRUE;
  self->failures = g_ptr_array_new_with_free_func (g_free);
  self->pulled_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->pulled_lock);
  self->server_is_pouchdb = -1;
}

/* ---- public API ---------------------------------------------------------- */

CivicReplicator *
civic_replicator_new (CivicStore  *store,
                      const char  *server_url,
                      const char  *database,
                      const char  *user,
                      const char  *password,
                      GError     **error)
{
  g_autoptr(CivicReplicator) self = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  if (database == NULL || *database == '\0' || strchr (database, '/') != NULL)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid database name"), database ? database : "");
      return NULL;
    }

  self = g_object_new (CIVIC_TYPE_REPLICATOR, NULL);
  self->client = civic_couch_client_new (server_url, user, password, error);
  if (self->client == NULL)
    return NULL;
  self->store = g_object_ref (store);
  self->database = g_strdup (database);
  escaped = civic_couch_escape (database);
  self->db_path = g_strconcat ("/", escaped, NULL);
  self->db_url = g_strconcat (civic_couch_client_get_server_url (self->client), self->db_path, NULL);
  return g_steal_pointer (&self);
}

CivicStore *
civic_replicator_get_store (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->store;
}

CivicCouchClient *
civic_replicator_get_client (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->client;
}

const char *
civic_replicator_get_database (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->database;
}

const char *
civic_replicator_get_database_url (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->db_url;
}

void
civic_replicator_set_batch_size (CivicReplicator *self,
                                 guint            batch_size)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  self->batch_size = CLAMP (batch_size, 1u, 10000u);
}

guint
civic_replicator_get_batch_size (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->batch_size;
}

void
civic_replicator_set_push_requests (CivicReplicator *self,
                                    guint            requests)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  self->push_requests = CLAMP (requests, 1u, 4u);
}

guint
civic_replicator_get_push_requests (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->push_requests;
}

void
civic_replicator_set_auto_merge (CivicReplicator *self,
                                 gboolean         auto_merge)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  self->auto_merge = !!auto_merge;
}

CivicReplicatorState
civic_replicator_get_state (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), CIVIC_REPLICATOR_STATE_IDLE);
  return self->state;
}

gboolean
civic_replicator_get_busy (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), FALSE);
  return self->busy;
}

guint
civic_replicator_get_docs_read (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->docs_read;
}

guint
civic_replicator_get_docs_written (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->docs_written;
}

guint
civic_replicator_get_doc_write_failures (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->doc_write_failures;
}

guint
civic_replicator_get_conflicts (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->conflicts;
}

guint
civic_replicator_get_auto_merged (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0);
  return self->auto_merged;
}

double
civic_replicator_get_progress (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), 0.0);
  return self->progress;
}

const char *
civic_replicator_get_last_error (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->last_error;
}

GDateTime *
civic_replicator_get_last_synced_at (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->last_synced_at;
}

GStrv
civic_replicator_dup_failures (CivicReplicator *self)
{
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->failures->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->failures, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

gboolean
civic_replicator_get_read_only (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), FALSE);
  return self->read_only;
}

void
civic_replicator_mark_offline (CivicReplicator *self)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  if (!self->busy)
    set_state (self, CIVIC_REPLICATOR_STATE_OFFLINE);
}

const char *
civic_replicator_get_remote_seq (CivicReplicator *self)
{
  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  return self->remote_seq;
}

GHashTable *
civic_replicator_steal_pulled_ids (CivicReplicator *self)
{
  GHashTable *ids;

  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  g_mutex_lock (&self->pulled_lock);
  ids = g_steal_pointer (&self->pulled_ids);
  self->pulled_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_unlock (&self->pulled_lock);
  return ids;
}

char *
civic_replicator_dup_replication_id (CivicReplicator *self,
                                     const char      *direction)
{
  g_autofree char *input = NULL;

  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), NULL);
  input = g_strjoin ("|", civic_store_get_replica_uuid (self->store), self->db_url, direction, "v1", NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, input, -1);
}

/* ---- session ------------------------------------------------------------- */

void
civic_sync_session_free (CivicSyncSession *session)
{
  if (session == NULL)
    return;
  g_free (session->user);
  g_strfreev (session->roles);
  g_free (session->server_vendor);
  g_free (session->server_version);
  g_free (session);
}

typedef struct {
  CivicSyncSession *session;
  guint             pending;
  GError           *error;
} SessionData;

static void
session_data_free (SessionData *d)
{
  civic_sync_session_free (d->session);
  g_clear_error (&d->error);
  g_free (d);
}

static void
session_step_done (GTask *task)
{
  CivicReplicator *self = g_task_get_source_object (task);
  SessionData *d = g_task_get_task_data (task);
  gboolean read_only;

  if (--d->pending > 0)
    return;
  if (d->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&d->error));
      g_object_unref (task);
      return;
    }
  d->session->can_write = d->session->roles != NULL &&
                          (g_strv_contains ((const char * const *) d->session->roles, "organizer") ||
                           g_strv_contains ((const char * const *) d->session->roles, "_admin"));
  read_only = !d->session->can_write;
  if (self->read_only != read_only)
    {
      self->read_only = read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  g_task_return_pointer (task, g_steal_pointer (&d->session), (GDestroyNotify) civic_sync_session_free);
  g_object_unref (task);
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SessionData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && (status != 200 || node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                         _("The server answered %u when asked who is signed in"), status);
  if (error == NULL)
    {
      JsonObject *ctx = civic_json_object_get_object_or_null (json_node_get_object (node), "userCtx");
      JsonArray *roles = ctx ? civic_json_object_get_array_or_null (ctx, "roles") : NULL;
      GStrvBuilder *builder = g_strv_builder_new ();

      d->session->user = g_strdup (ctx ? civic_json_object_get_string_or_null (ctx, "name") : NULL);
      for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
        if (json_array_get_string_element (roles, i) != NULL)
          g_strv_builder_add (builder, json_array_get_string_element (roles, i));
      d->session->roles = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  else if (d->error == NULL)
    d->error = g_steal_pointer (&error);
  session_step_done (task);
}

static void
welcome_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SessionData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = civic_couch_client_request_finish (CIVIC_COUCH_CLIENT (object), result, &status, &error);
  if (error == NULL && status == 200 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonObject *vendor = civic_json_object_get_object_or_null (obj, "vendor");

      d->session->server_version = g_strdup (civic_json_object_get_string_or_null (obj, "version"));
      if (vendor != NULL)
        d->session->server_vendor = g_strdup (civic_json_object_get_string_or_null (vendor, "name"));
    }
  else if (error != NULL && d->error == NULL)
    d->error = g_steal_pointer (&error);
  session_step_done (task);
}

void
civic_replicator_get_session_async (CivicReplicator     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  SessionData *d;

  g_return_if_fail (CIVIC_IS_REPLICATOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_replicator_get_session_async);
  d = g_new0 (SessionData, 1);
  d->session = g_new0 (CivicSyncSession, 1);
  d->pending = 2;
  g_task_set_task_data (task, d, (GDestroyNotify) session_data_free);
  civic_couch_client_request_async (self->client, "GET", "/_session", NULL, CIVIC_COUCH_REQUEST_NONE,
                                    cancellable, session_cb, task);
  civic_couch_client_request_async (self->client, "GET", "/", NULL, CIVIC_COUCH_REQUEST_NONE,
                                    cancellable, welcome_cb, task);
}

CivicSyncSession *
civic_replicator_get_session_finish (CivicReplicator  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- pull, push, sync ---------------------------------------------------- */

static void
count_conflicts (CivicReplicator *self)
{
  g_auto(GStrv) ids = civic_store_list_conflicted (self->store, NULL);
  guint n = ids ? g_strv_length (ids) : 0;

  if (n != self->conflicts)
    {
      self->conflicts = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
}

static void
single_direction_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!finish_direction (self, result, &error))
    {
      end_run (self, error);
      g_task_return_error (task, error);
      return;
    }
  count_conflicts (self);
  end_run (self, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
start_single (CivicReplicator     *self,
              Direction            direction,
              gpointer             tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("A synchronization is already running"));
      g_object_unref (task);
      return;
    }
  begin_run (self);
  start_direction (self, direction, cancellable, single_direction_done_cb, task);
}

void
civic_replicator_pull_async (CivicReplicator     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  start_single (self, DIRECTION_PULL, civic_replicator_pull_async, cancellable, callback, user_data);
}

gboolean
civic_replicator_pull_finish (CivicReplicator  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
civic_replicator_push_async (CivicReplicator     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CIVIC_IS_REPLICATOR (self));
  start_single (self, DIRECTION_PUSH, civic_replicator_push_async, cancellable, callback, user_data);
}

gboolean
civic_replicator_push_finish (CivicReplicator  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_push_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!finish_direction (self, result, &error))
    {
      end_run (self, error);
      g_task_return_error (task, error);
      return;
    }
  count_conflicts (self);
  end_run (self, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The session check and the pull run side by side (a sync with nothing to
 * do is mostly round trips); the push waits for both.
 */
typedef struct {
  guint             pending;
  GError           *error;
  CivicSyncSession *session;
} SyncData;

static void
sync_data_free (SyncData *d)
{
  g_clear_error (&d->error);
  civic_sync_session_free (d->session);
  g_free (d);
}

static void
sync_both_done (GTask *task)
{
  CivicReplicator *self = g_task_get_source_object (task);
  SyncData *d = g_task_get_task_data (task);

  if (--d->pending > 0)
    return;
  if (d->error != NULL)
    {
      end_run (self, d->error);
      g_task_return_error (task, g_steal_pointer (&d->error));
      g_object_unref (task);
      return;
    }
  if (civic_store_get_read_only (self->store) != self->read_only)
    civic_store_set_read_only (self->store, self->read_only);
  if (self->read_only)
    {
      /* domain.md: a board account reads everything and writes nothing. */
      count_conflicts (self);
      end_run (self, NULL);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  start_direction (self, DIRECTION_PUSH, g_task_get_cancellable (task), sync_push_done_cb, task);
}

static void
sync_pull_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);
  GTask *task = user_data;
  SyncData *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!finish_direction (self, result, &error))
    {
      /* An authentication failure found by the session check explains
       * more than the pull's.
       */
      if (d->error == NULL)
        d->error = error;
      else
        g_error_free (error);
    }
  sync_both_done (task);
}

static void
sync_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CivicReplicator *self = CIVIC_REPLICATOR (object);
  GTask *task = user_data;
  SyncData *d = g_task_get_task_data (task);
  GError *error = NULL;

  d->session = civic_replicator_get_session_finish (self, result, &error);
  if (d->session == NULL)
    ;
  else if (d->session->user == NULL && civic_couch_client_get_user (self->client) != NULL)
    error = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_UNAUTHORIZED,
                         _("The server did not accept the user name or password of “%s”"),
                         civic_couch_client_get_user (self->client));
  if (error != NULL)
    {
      g_clear_error (&d->error);
      d->error = error;
    }
  sync_both_done (task);
}

void
civic_replicator_sync_async (CivicReplicator     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  SyncData *d;

  g_return_if_fail (CIVIC_IS_REPLICATOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_replicator_sync_async);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("A synchronization is already running"));
      g_object_unref (task);
      return;
    }
  d = g_new0 (SyncData, 1);
  d->pending = 2;
  g_task_set_task_data (task, d, (GDestroyNotify) sync_data_free);
  begin_run (self);
  civic_replicator_get_session_async (self, cancellable, sync_session_cb, task);
  start_direction (self, DIRECTION_PULL, cancellable, sync_pull_done_cb, task);
}

gboolean
civic_replicator_sync_finish (CivicReplicator  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} SyncWait;

static void
sync_wait_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

gboolean
civic_replicator_sync (CivicReplicator  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncWait wait = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_REPLICATOR (self), FALSE);

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  civic_replicator_sync_async (self, cancellable, sync_wait_cb, &wait);
  g_main_loop_run (wait.loop);
  ok = civic_replicator_sync_finish (self, wait.result, error);
  g_object_unref (wait.result);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);
  return ok;
}
