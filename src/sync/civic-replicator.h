/* civic-replicator.h — two-way replication between a CivicStore and one
 * database on a CouchDB 3 / PouchDB Server (sync-protocol.md §2)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP runs with libsoup 3's async API in the thread-default main context
 * of the caller; parsing of large answers, the local revs-diff, every store
 * write (one civic_store_put_replicated() per pulled batch) and the reading
 * of pushed revisions run in GTask threads, so the main loop stays
 * responsive during a long first pull.  Fetching the next batch overlaps
 * with writing the current one.
 *
 * Checkpoints live in `_local/<rep_id>` on both sides with a session id and
 * a short history, so an interrupted replication (a crash, a cut
 * connection, a SIGKILL) resumes from the last batch that was written
 * completely.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-couch-client.h"
#include "civic-sync-error.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_REPLICATOR_STATE_IDLE,
  CIVIC_REPLICATOR_STATE_SYNCING,
  CIVIC_REPLICATOR_STATE_OFFLINE,
  CIVIC_REPLICATOR_STATE_ERROR,
} CivicReplicatorState;

GType civic_replicator_state_get_type (void);
#define CIVIC_TYPE_REPLICATOR_STATE (civic_replicator_state_get_type ())

/* What GET /_session and GET / said about the account. */
typedef struct {
  char     *user;            /* %NULL when the server sees an anonymous user */
  GStrv     roles;
  char     *server_vendor;   /* "PouchDB authors", "The Apache Software Foundation", … */
  char     *server_version;
  gboolean  can_write;       /* has the organizer or _admin role */
} CivicSyncSession;

void civic_sync_session_free (CivicSyncSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicSyncSession, civic_sync_session_free)

/* Default documents per _changes batch. */
#define CIVIC_REPLICATOR_BATCH_SIZE 1000
/* Default _bulk_docs requests a push keeps in flight. */
#define CIVIC_REPLICATOR_PUSH_REQUESTS 2

#define CIVIC_TYPE_REPLICATOR (civic_replicator_get_type ())
G_DECLARE_FINAL_TYPE (CivicReplicator, civic_replicator, CIVIC, REPLICATOR, GObject)

CivicReplicator   *civic_replicator_new               (CivicStore          *store,
                                                       const char          *server_url,
                                                       const char          *database,
                                                       const char          *user,
                                                       const char          *password,
                                                       GError             **error);

CivicStore        *civic_replicator_get_store         (CivicReplicator     *self);
CivicCouchClient  *civic_replicator_get_client        (CivicReplicator     *self);
const char        *civic_replicator_get_database      (CivicReplicator     *self);
/* The remote database URL without credentials. */
const char        *civic_replicator_get_database_url  (CivicReplicator     *self);

void               civic_replicator_set_batch_size    (CivicReplicator     *self,
                                                       guint                batch_size);
guint              civic_replicator_get_batch_size    (CivicReplicator     *self);
/* How many _bulk_docs requests a push keeps in flight (1 … 4).  Batches
 * are still checkpointed strictly in order.
 */
void               civic_replicator_set_push_requests (CivicReplicator     *self,
                                                       guint                requests);
guint              civic_replicator_get_push_requests (CivicReplicator     *self);

/* Whether a conflict found by a pull is merged automatically when the two
 * sides changed different fields (default TRUE).
 */
void               civic_replicator_set_auto_merge    (CivicReplicator     *self,
                                                       gboolean             auto_merge);

CivicReplicatorState civic_replicator_get_state       (CivicReplicator     *self);
gboolean           civic_replicator_get_busy          (CivicReplicator     *self);
/* Counters of the current or last run (reset when a run starts). */
guint              civic_replicator_get_docs_read     (CivicReplicator     *self);
guint              civic_replicator_get_docs_written  (CivicReplicator     *self);
guint              civic_replicator_get_doc_write_failures (CivicReplicator *self);
/* Documents that stay conflicted after the automatic merge. */
guint              civic_replicator_get_conflicts     (CivicReplicator     *self);
/* Conflicts merged automatically during the current or last run. */
guint              civic_replicator_get_auto_merged   (CivicReplicator     *self);
/* 0.0 … 1.0, or -1.0 when the server's sequences are not numbers. */
double             civic_replicator_get_progress      (CivicReplicator     *self);
const char        *civic_replicator_get_last_error    (CivicReplicator     *self);
/* The end of the last successful run, or %NULL. */
GDateTime         *civic_replicator_get_last_synced_at (CivicReplicator    *self);
/* "id rev: reason" for every document the last run could not write. */
GStrv              civic_replicator_dup_failures      (CivicReplicator     *self);
/* Whether the last session check found a user without write access. */
gboolean           civic_replicator_get_read_only     (CivicReplicator     *self);

/* Shows the offline state (the network monitor says there is no network)
 * unless a run is going on.
 */
void               civic_replicator_mark_offline      (CivicReplicator     *self);

/* The remote sequence the last pull reached, as raw JSON, or %NULL. */
const char        *civic_replicator_get_remote_seq    (CivicReplicator     *self);

/* GET /_session and GET /.  Also records whether the account may write. */
void               civic_replicator_get_session_async (CivicReplicator     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
CivicSyncSession  *civic_replicator_get_session_finish (CivicReplicator    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Session check, then pull, then push unless the user may not write (the
 * store is then made read-only).  Only one run at a time.
 */
void               civic_replicator_sync_async        (CivicReplicator     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           civic_replicator_sync_finish       (CivicReplicator     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void               civic_replicator_pull_async        (CivicReplicator     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           civic_replicator_pull_finish       (CivicReplicator     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void               civic_replicator_push_async        (CivicReplicator     *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           civic_replicator_push_finish       (CivicReplicator     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Runs the async call in a private main context (command line, tests). */
gboolean           civic_replicator_sync              (CivicReplicator     *self,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* The replication id of one direction ("pull" or "push"):
 * md5hex(replica uuid | database URL | direction | "v1").
 */
char              *civic_replicator_dup_replication_id (CivicReplicator    *self,
                                                       const char          *direction);

/* Ids written by pulls since the last call (for a live-sync engine that
 * ignores its own writes); the caller owns the table.
 */
GHashTable        *civic_replicator_steal_pulled_ids  (CivicReplicator     *self);

G_END_DECLS
