/* civic-store.h — the local replica: one SQLite file of CouchDB-style documents
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record is a JSON document with `_id` ("TYPE:ID") and `_rev`
 * ("N-32hex").  The store keeps each document's revision tree, picks the
 * winning revision with CouchDB's deterministic rule, keeps conflicting
 * leaves and tombstones, and numbers every change with a local update
 * sequence that feeds push replication.
 *
 * Threading: every call may be made from any thread.  Writes are
 * serialized on the store's write connection.  Reads (get, list, count,
 * changes, leaves, conflicts, revs_diff, get_local, stats) from a thread
 * that is not inside a write transaction run on a read-only connection of
 * their own and see the last committed state without waiting for a write
 * in progress; reads inside civic_store_transaction() see its own writes.
 * An in-memory store has one connection and serializes every call.  The GUI calls the store from
 * GTask threads, never from the main thread for anything that touches more
 * than a page of data.  The ::changed signal is always emitted in the
 * GMainContext that was the thread-default when the store was opened, after
 * the transaction has committed.
 *
 * Signals:
 *   ::changed (CivicStore *store, GStrv ids, GStrv types)
 *     One emission per committed transaction (a put, a put_many, a pulled
 *     batch, a restore), naming every document written (each once, in the
 *     order written) and the distinct types among them.  A document's type
 *     is its winner's "type", else the type it had, else the TYPE of an id
 *     "TYPE:…" — so a deletion names the type of what was deleted.  Nothing
 *     is emitted for a rolled-back transaction or a write that changed
 *     nothing (re-applying a replicated revision).  When the write happens
 *     on the thread that runs (or opened, while nobody runs) that context,
 *     the emission is synchronous, before the call returns.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CIVIC_STORE_ERROR (civic_store_error_quark ())

typedef enum {
  CIVIC_STORE_ERROR_CONFLICT,   /* stale or missing _rev on a local edit (HTTP 409) */
  CIVIC_STORE_ERROR_NOT_FOUND,  /* no such document or revision, or it is deleted */
  CIVIC_STORE_ERROR_INVALID,    /* malformed document, id or revision */
  CIVIC_STORE_ERROR_READ_ONLY,  /* a local edit on a read-only profile */
  CIVIC_STORE_ERROR_CORRUPT,    /* the file fails its integrity check or an invariant */
  CIVIC_STORE_ERROR_IO,         /* SQLite could not read or write (disk full, locked, …) */
  CIVIC_STORE_ERROR_TOO_NEW,    /* the file was written by a newer Civic Desk */
} CivicStoreError;

/* How many revisions of one root-to-leaf path are kept (CouchDB's revs_limit). */
#define CIVIC_STORE_REVS_LIMIT 1000

#define CIVIC_TYPE_STORE (civic_store_get_type ())
G_DECLARE_FINAL_TYPE (CivicStore, civic_store, CIVIC, STORE, GObject)

/* One row of the local changes feed: the newest sequence of a document and
 * all of its leaf revisions (live and deleted), as push replication needs.
 */
typedef struct {
  gint64    seq;
  char     *id;
  char     *type;     /* NULL for documents without a "type" */
  gboolean  deleted;  /* the winning revision is a tombstone */
  GStrv     leaves;   /* every leaf revision, winner first */
} CivicChange;

void         civic_change_free (CivicChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicChange, civic_change_free)

/* The second key a typed index row may be looked up by.  The index also
 * keeps starts/ends (event: starts_at|starts_on, ends_at|ends_on, a series'
 * UNTIL; campaign: starts_on, ends_on; shift: starts_at, ends_at; signup:
 * signed_up_at; visit: occurs_at) and the sort key of civic_store_list()
 * (volunteer: family + given name, else name_ko; office, campaign,
 * legislator: name; others: their start).  civic-store-index.c has the
 * full table.  Results of civic_store_list_by_ref() are in sort-key order.
 */
typedef enum {
  CIVIC_STORE_REF_1,  /* shift: event_id; signup: shift_id; visit: legislator_id; event: kind; legislator: chamber */
  CIVIC_STORE_REF_2,  /* signup: volunteer_id; visit: event_id; legislator: state */
  CIVIC_STORE_REF_OFFICE,
  CIVIC_STORE_REF_CAMPAIGN,
  CIVIC_STORE_REF_STATUS,  /* "status"; volunteer: "active"/"inactive"; visit without status: position */
} CivicStoreRef;

typedef struct {
  GHashTable *documents_per_type;  /* char* type → GINT_TO_POINTER (count of live docs) */
  guint       documents;           /* live documents */
  guint       conflicts;           /* documents with more than one live leaf */
  guint       tombstones;          /* documents whose winner is deleted */
  gint64      update_seq;
  gint64      size_bytes;          /* database file, WAL included */
} CivicStoreStats;

void         civic_store_stats_free (CivicStoreStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicStoreStats, civic_store_stats_free)

GQuark       civic_store_error_quark        (void);

/* The default file: $CIVIC_DESK_DB, else $XDG_DATA_HOME/civic-desk/civic-desk.db. */
char        *civic_store_default_path       (void);

/* Opens (creating, 0600, and migrating forward) the file at @path; %NULL
 * opens a private in-memory store for tests.  TOO_NEW when the file's
 * schema is newer than CIVIC_STORE_SCHEMA_VERSION; CORRUPT when it is not
 * a database.
 */
CivicStore  *civic_store_open               (const char          *path,
                                             GError             **error);
void         civic_store_open_async         (const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CivicStore  *civic_store_open_finish        (GAsyncResult        *result,
                                             GError             **error);

const char  *civic_store_get_path           (CivicStore          *self);
/* Forward-only schema version (PRAGMA user_version). */
int          civic_store_get_schema_version (CivicStore          *self);
#define CIVIC_STORE_SCHEMA_VERSION 4

/* A read-only profile (a board account) refuses every local edit with
 * CIVIC_STORE_ERROR_READ_ONLY; replicated writes from a pull still land.
 */
gboolean     civic_store_get_read_only      (CivicStore          *self);
void         civic_store_set_read_only      (CivicStore          *self,
                                             gboolean             read_only);

/* A new document id "TYPE:<random uuid>". */
char        *civic_store_new_id             (const char          *type);

/* ---- Reading ---------------------------------------------------------- */

/* The winning revision's body with _id and _rev; NOT_FOUND if the
 * document does not exist or its winner is deleted.
 */
JsonObject  *civic_store_get                (CivicStore          *self,
                                             const char          *id,
                                             GError             **error);
/* The winners of @ids (a %NULL-terminated array) in that order, skipping
 * documents that are missing or deleted.
 */
GPtrArray   *civic_store_get_many           (CivicStore          *self,
                                             const char * const  *ids,
                                             GError             **error);
/* A given revision's body (with _id, _rev, and _deleted when it is one). */
JsonObject  *civic_store_get_revision       (CivicStore          *self,
                                             const char          *id,
                                             const char          *rev,
                                             GError             **error);
/* The revision with `_revisions {start, ids}` (newest first, at most
 * @revs_limit ids), as a `_bulk_docs new_edits=false` push sends it.
 */
JsonObject  *civic_store_get_revision_with_history (CivicStore   *self,
                                             const char          *id,
                                             const char          *rev,
                                             guint                revs_limit,
                                             GError             **error);
/* Every leaf revision, winner first, then by the winner order. */
GStrv        civic_store_get_leaves         (CivicStore          *self,
                                             const char          *id,
                                             GError             **error);
/* The live leaves other than the winner (CouchDB's _conflicts). */
GStrv        civic_store_get_conflicts      (CivicStore          *self,
                                             const char          *id,
                                             GError             **error);
/* Ids of every document with more than one live leaf. */
GStrv        civic_store_list_conflicted    (CivicStore          *self,
                                             GError             **error);

/* Live documents (JsonObject*) of @type, ordered by the typed index's sort
 * key, then id.
 */
GPtrArray   *civic_store_list               (CivicStore          *self,
                                             const char          *type,
                                             GError             **error);
/* At most @limit (G_MAXUINT: all) of civic_store_list()'s documents, from
 * the @offset-th: a page to show while the rest load.
 */
GPtrArray   *civic_store_list_page          (CivicStore          *self,
                                             const char          *type,
                                             guint                offset,
                                             guint                limit,
                                             GError             **error);
/* Live documents of @type whose [starts, ends) overlaps [@from, @to);
 * ISO 8601 UTC instants or dates, compared as text.  A repeating event's
 * `ends` is its series end (or open-ended), so callers expand it.  A
 * document with a start and no end (a signup, a visit) is a point: it is
 * in the range when @from <= start < @to.  Ordered by start, then id.
 */
GPtrArray   *civic_store_list_in_range      (CivicStore          *self,
                                             const char          *type,
                                             const char          *from,
                                             const char          *to,
                                             GError             **error);
GPtrArray   *civic_store_list_by_ref        (CivicStore          *self,
                                             const char          *type,
                                             CivicStoreRef        ref,
                                             const char          *value,
                                             GError             **error);
guint        civic_store_count              (CivicStore          *self,
                                             const char          *type,
                                             GError             **error);

/**
 * CivicStoreFieldsFunc:
 * @id: the document's id
 * @values: the fields asked for, in their order: each member's value as
 *   text (a string's own text, another JSON value's JSON), %NULL where the
 *   document has no such member or it is null
 * @user_data: the data given to civic_store_scan_fields()
 *
 * Returns: %FALSE to stop the scan
 */
typedef gboolean (*CivicStoreFieldsFunc) (const char         *id,
                                          const char * const *values,
                                          gpointer            user_data);

/* Calls @func with the top-level members @fields (plain names: letters,
 * digits, '_') of every live document of @type, in no particular order,
 * without reading the documents whole: SQLite picks the members out of
 * the stored JSON.  For passes over many documents that need a few
 * members each (a roster's hours over every signup), it is several times
 * faster than civic_store_list().  Stopping early is not an error.  The
 * scan is one read: on a file it runs beside other threads' calls (WAL),
 * but a store in memory makes them wait until it ends.
 */
gboolean     civic_store_scan_fields        (CivicStore          *self,
                                             const char          *type,
                                             const char * const  *fields,
                                             CivicStoreFieldsFunc func,
                                             gpointer             user_data,
                                             GError             **error);

/* ---- Local edits (new_edits=true) ------------------------------------- */

/* Writes @doc (must hold _id; _rev must name the current winning leaf when
 * the document exists and is live; `"_deleted": true` deletes).  Returns
 * the new revision.  CONFLICT if _rev is stale, and nothing changes.
 * Any live leaf may be named (that is how one side of a conflict is
 * edited); a deleted document is recreated by a put without _rev, as a
 * child of its deleted winner.  Members starting with "_" are not stored.
 * @doc itself is not modified.
 */
char        *civic_store_put                (CivicStore          *self,
                                             JsonObject          *doc,
                                             GError             **error);
/* All or nothing, in one transaction.  @out_revs (optional) receives the
 * new revisions in the order of @docs.  A batch of 4096 or more documents
 * that is at least a quarter of the store rebuilds the typed index once at
 * commit instead of updating it per document (the sample data's path).
 */
gboolean     civic_store_put_many           (CivicStore          *self,
                                             GPtrArray           *docs,
                                             GPtrArray          **out_revs,
                                             GError             **error);
/* Like civic_store_put_many() over several batches, all in one
 * transaction, for documents that are still being made while the first
 * are written: @next_batch returns the next batch (its documents must stay
 * untouched until the following call), or %NULL after the last one.  It is
 * not called again after a failure.
 */
typedef GPtrArray *(*CivicStoreNextBatchFunc) (gpointer user_data);
gboolean     civic_store_put_batches        (CivicStore          *self,
                                             CivicStoreNextBatchFunc next_batch,
                                             gpointer             user_data,
                                             GError             **error);
char        *civic_store_delete             (CivicStore          *self,
                                             const char          *id,
                                             const char          *rev,
                                             GError             **error);
/* Writes @merged as a child of the winner and deletes every other live
 * leaf, in one transaction (sync-protocol.md §1 conflict resolution).
 */
char        *civic_store_resolve_conflict   (CivicStore          *self,
                                             JsonObject          *merged,
                                             GError             **error);

/* ---- Replication (new_edits=false) ------------------------------------ */

/* Merges each document's revision path (from `_revisions`, else the
 * single `_rev`) into its tree.  Idempotent; one transaction for all.
 */
gboolean     civic_store_put_replicated     (CivicStore          *self,
                                             GPtrArray           *docs,
                                             GError             **error);
/* @request maps id → array of revs; returns id → {"missing": [revs]} for the
 * revisions this store lacks (ids with nothing missing are omitted).
 */
JsonObject  *civic_store_revs_diff          (CivicStore          *self,
                                             JsonObject          *request,
                                             GError             **error);
/* Changes after @since, oldest first, at most @limit (0: all). */
GPtrArray   *civic_store_changes            (CivicStore          *self,
                                             gint64               since,
                                             guint                limit,
                                             GError             **error);
gint64       civic_store_get_update_seq     (CivicStore          *self);

/* _local documents: not replicated, no tree, not in the changes feed; used
 * for checkpoints and settings that belong to the file.  get_local returns
 * the body with "_id" and "_rev" ("0-N"), or %NULL and NOT_FOUND when
 * absent.  put_local replaces the document; if @doc carries a "_rev" it
 * must be the current one (else CONFLICT), as CouchDB requires.  Allowed
 * on read-only profiles.  Members starting with "_" are not stored.
 */
JsonObject  *civic_store_get_local          (CivicStore          *self,
                                             const char          *id,
                                             GError             **error);
gboolean     civic_store_put_local          (CivicStore          *self,
                                             const char          *id,
                                             JsonObject          *doc,
                                             GError             **error);
/* A random id that names this replica, created on first use. */
const char  *civic_store_get_replica_uuid   (CivicStore          *self);

/* ---- Maintenance ------------------------------------------------------- */

CivicStoreStats *civic_store_get_stats      (CivicStore          *self,
                                             GError             **error);
/* PRAGMA integrity_check plus the replica's invariants (every document has
 * a leaf with a body, the stored winner is the computed winner, conflict
 * flags and typed index rows match the winner).  Returns FALSE with
 * CIVIC_STORE_ERROR_CORRUPT naming the first broken invariant.
 */
gboolean     civic_store_check              (CivicStore          *self,
                                             GError             **error);
/* Every document with its whole revision tree, one JSON object per line. */
gboolean     civic_store_backup             (CivicStore          *self,
                                             GOutputStream       *out,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* Reads civic_store_backup()'s format into this store in one transaction;
 * refuses a malformed line (naming it) and writes nothing then.
 */
gboolean     civic_store_restore            (CivicStore          *self,
                                             GInputStream        *in,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* Runs @func inside one write transaction: every civic_store_* write made
 * by @func on this thread joins it; ::changed is emitted once, after
 * commit, for all of them.  If @func returns FALSE everything is rolled back.
 */
typedef gboolean (*CivicStoreTransactionFunc) (CivicStore *store,
                                               gpointer    user_data,
                                               GError    **error);
gboolean     civic_store_transaction        (CivicStore          *self,
                                             CivicStoreTransactionFunc func,
                                             gpointer             user_data,
                                             GError             **error);

G_END_DECLS
