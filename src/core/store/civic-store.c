/* civic-store.c — the local replica: one SQLite file of CouchDB-style documents
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema (version 4, built by the forward-only steps in `migrations`):
 *
 *   docs (num PK, id UNIQUE, type, winner_pos, winner_hash, deleted,
 *         conflicted, seq UNIQUE)  — one row per document; seq is the local
 *         update sequence of its latest change, so the changes feed is
 *         "docs with seq > since ORDER BY seq".
 *   revs (doc → docs.num, pos, hash, parent_pos, parent_hash, deleted,
 *         is_leaf, body)  — the revision tree; body is the canonical JSON
 *         of the revision without "_" members (NULL for bodiless ancestors
 *         pulled as part of a path).
 *   local_docs (id PK, rev, body), meta (key PK, value)
 *   doc_index (num PK → docs.num, id, type, sort_key, starts_at, ends_at,
 *              ref1, ref2, office_id, campaign_id, status, long_span) —
 *              one row per live winner, see civic-store-index.c.
 *
 * Locking: one GRecMutex serializes every write.  A write takes it, opens a
 * transaction (or a savepoint when a write of the same thread is already
 * open, which is how civic_store_transaction() joins nested writes), and
 * keeps it until commit, so no other thread can see or join a half-done
 * transaction.
 *
 * Reads do not wait for writes: a read from a thread that is not inside a
 * write transaction borrows a read-only connection to the same WAL file
 * from a small pool (opened when first needed) and runs in its own read
 * transaction, so it sees the last committed state while another thread
 * writes.  A read from the thread that holds the write transaction uses
 * the write connection, so it sees its own uncommitted writes.  An
 * in-memory store, or a file that is not in WAL mode, has only its one
 * connection, and its reads take the lock.  The connection a thread is
 * using is found through a thread-local list (see active_read()), so the
 * helpers below need no connection argument.
 */

#define G_LOG_DOMAIN "civic-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "civic-json.h"
#include "civic-store-private.h"

typedef enum {
  STMT_BEGIN,
  STMT_READ_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SAVEPOINT,
  STMT_RELEASE,
  STMT_ROLLBACK_TO,
  STMT_DOC_LOOKUP,
  STMT_DOC_INSERT,
  STMT_DOC_UPDATE,
  STMT_REV_INSERT,
  STMT_REV_SET_LEAF,
  STMT_REV_DELETE,
  STMT_REV_SET_ROOT,
  STMT_REVS_OF_DOC,
  STMT_LEAVES_OF_DOC,
  STMT_REV_BODY,
  STMT_REV_EXISTS,
  STMT_INDEX_DELETE,
  STMT_INDEX_UPSERT,
  STMT_GET_WINNER,
  STMT_MAX_SEQ,
  STMT_META_GET,
  STMT_META_SET,
  STMT_LOCAL_GET,
  STMT_LOCAL_SET,
  STMT_CHANGES,
  STMT_HISTORY,
  STMT_LIST_PAGE,
  STMT_LIST_RANGE,
  STMT_LIST_RANGE_WINDOW,
  STMT_LIST_REF1,
  STMT_LIST_REF2,
  STMT_LIST_OFFICE,
  STMT_LIST_CAMPAIGN,
  STMT_LIST_STATUS,
  STMT_COUNT,
  STMT_CONFLICTED,
  N_STMTS
} StmtId;

/* The unary "+" in the ORDER BY of the ref queries keeps SQLite from
 * walking doc_index_sort for its order instead of looking the few matching
 * rows up in doc_index_ref1/2.
 */
#define WINNER_SELECT \
  "SELECT d.id, d.winner_pos, d.winner_hash, r.body FROM doc_index i " \
  "JOIN docs d ON d.num = i.num " \
  "JOIN revs r ON r.doc = i.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash "

static const char *stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_READ_BEGIN] = "BEGIN DEFERRED",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_SAVEPOINT] = "SAVEPOINT civic_write",
  [STMT_RELEASE] = "RELEASE civic_write",
  [STMT_ROLLBACK_TO] = "ROLLBACK TO civic_write",
  [STMT_DOC_LOOKUP] = "SELECT num, type, winner_pos, winner_hash, deleted, conflicted, seq "
                      "FROM docs WHERE id = ?1",
  [STMT_DOC_INSERT] = "INSERT INTO docs (id, type, winner_pos, winner_hash, deleted, conflicted, seq) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_DOC_UPDATE] = "UPDATE docs SET type = ?2, winner_pos = ?3, winner_hash = ?4, deleted = ?5, "
                      "conflicted = ?6, seq = ?7 WHERE num = ?1",
  [STMT_REV_INSERT] = "INSERT INTO revs (doc, pos, hash, parent_pos, parent_hash, deleted, is_leaf, body) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_REV_SET_LEAF] = "UPDATE revs SET is_leaf = ?4 WHERE doc = ?1 AND pos = ?2 AND hash = ?3",
  [STMT_REV_DELETE] = "DELETE FROM revs WHERE doc = ?1 AND pos = ?2 AND hash = ?3",
  [STMT_REV_SET_ROOT] = "UPDATE revs SET parent_pos = NULL, parent_hash = NULL "
                        "WHERE doc = ?1 AND pos = ?2 AND hash = ?3",
  [STMT_REVS_OF_DOC] = "SELECT pos, hash, parent_pos, parent_hash, deleted, is_leaf FROM revs WHERE doc = ?1",
  [STMT_LEAVES_OF_DOC] = "SELECT pos, hash, deleted, body IS NOT NULL FROM revs WHERE doc = ?1 AND is_leaf = 1",
  [STMT_REV_BODY] = "SELECT r.body, r.deleted FROM docs d JOIN revs r ON r.doc = d.num "
                    "WHERE d.id = ?1 AND r.pos = ?2 AND r.hash = ?3",
  [STMT_REV_EXISTS] = "SELECT 1 FROM docs d JOIN revs r ON r.doc = d.num "
                      "WHERE d.id = ?1 AND r.pos = ?2 AND r.hash = ?3",
  [STMT_INDEX_DELETE] = "DELETE FROM doc_index WHERE num = ?1",
  [STMT_INDEX_UPSERT] = "INSERT OR REPLACE INTO doc_index (num, id, type, sort_key, starts_at, ends_at, "
                        "ref1, ref2, office_id, campaign_id, status, long_span) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [STMT_GET_WINNER] = "SELECT d.winner_pos, d.winner_hash, d.deleted, r.body FROM docs d "
                      "JOIN revs r ON r.doc = d.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash "
                      "WHERE d.id = ?1",
  [STMT_MAX_SEQ] = "SELECT COALESCE (MAX (seq), 0) FROM docs",
  [STMT_META_GET] = "SELECT value FROM meta WHERE key = ?1",
  [STMT_META_SET] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
  [STMT_LOCAL_GET] = "SELECT rev, body FROM local_docs WHERE id = ?1",
  [STMT_LOCAL_SET] = "INSERT OR REPLACE INTO local_docs (id, rev, body) VALUES (?1, ?2, ?3)",
  [STMT_CHANGES] = "SELECT num, id, type, deleted, seq FROM docs WHERE seq > ?1 ORDER BY seq LIMIT ?2",
  [STMT_HISTORY] = "WITH RECURSIVE path (pos, hash, ppos, phash, n) AS ("
                   " SELECT pos, hash, parent_pos, parent_hash, 1 FROM revs WHERE doc = ?1 AND pos = ?2 AND hash = ?3"
                   " UNION ALL"
                   " SELECT r.pos, r.hash, r.parent_pos, r.parent_hash, p.n + 1 FROM revs r JOIN path p"
                   "  ON r.doc = ?1 AND r.pos = p.ppos AND r.hash = p.phash WHERE p.n < ?4)"
                   " SELECT pos, hash FROM path ORDER BY n",
  [STMT_LIST_PAGE] = WINNER_SELECT "WHERE i.type = ?1 ORDER BY i.sort_key, i.id LIMIT ?3 OFFSET ?2",
  [STMT_LIST_RANGE] = WINNER_SELECT "WHERE i.type = ?1 AND i.starts_at < ?3 "
                      "AND (i.ends_at > ?2 OR (i.ends_at IS NULL AND i.starts_at >= ?2)) "
                      "ORDER BY i.starts_at, i.id",
  /* The same rows in two parts that each walk a short stretch of
   * doc_index_span: the short items starting in [?4, ?3), where ?4 is
   * CIVIC_INDEX_SHORT_SPAN_DAYS before ?2, and the few long ones.  A row
   * is in exactly one part, so UNION ALL has no duplicates.
   */
  [STMT_LIST_RANGE_WINDOW] = "SELECT d.id, d.winner_pos, d.winner_hash, r.body, i.starts_at FROM doc_index i "
                             "JOIN docs d ON d.num = i.num "
                             "JOIN revs r ON r.doc = i.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash "
                             "WHERE i.type = ?1 AND i.long_span = 0 AND i.starts_at >= ?4 AND i.starts_at < ?3 "
                             "AND (i.ends_at > ?2 OR (i.ends_at IS NULL AND i.starts_at >= ?2)) "
                             "UNION ALL "
                             "SELECT d.id, d.winner_pos, d.winner_hash, r.body, i.starts_at FROM doc_index i "
                             "JOIN docs d ON d.num = i.num "
                             "JOIN revs r ON r.doc = i.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash "
                             "WHERE i.type = ?1 AND i.long_span = 1 AND i.starts_at < ?3 "
                             "AND (i.ends_at > ?2 OR (i.ends_at IS NULL AND i.starts_at >= ?2)) "
                             "ORDER BY 5, 1",
  [STMT_LIST_REF1] = WINNER_SELECT "WHERE i.type = ?1 AND i.ref1 = ?2 ORDER BY +i.sort_key, +i.id",
  [STMT_LIST_REF2] = WINNER_SELECT "WHERE i.type = ?1 AND i.ref2 = ?2 ORDER BY +i.sort_key, +i.id",
  [STMT_LIST_OFFICE] = WINNER_SELECT "WHERE i.type = ?1 AND i.office_id = ?2 ORDER BY i.sort_key, i.id",
  [STMT_LIST_CAMPAIGN] = WINNER_SELECT "WHERE i.type = ?1 AND i.campaign_id = ?2 ORDER BY i.sort_key, i.id",
  [STMT_LIST_STATUS] = WINNER_SELECT "WHERE i.type = ?1 AND i.status = ?2 ORDER BY i.sort_key, i.id",
  [STMT_COUNT] = "SELECT COUNT (*) FROM doc_index WHERE type = ?1",
  [STMT_CONFLICTED] = "SELECT id FROM docs WHERE conflicted = 1 ORDER BY id",
};

typedef struct {
  gint64   update_seq;
  guint    pending_len;
  gboolean bulk;
} Frame;

/* The typed index's secondary indexes.  A large batch drops them and
 * builds them again just before its commit: one sort per index is several
 * times faster than updating five b-trees for every document.  Queries by
 * office, campaign or status walk the type's rows in doc_index_sort: they
 * are rare and a type has at most tens of thousands of documents, while
 * every index costs each of the large sample's 200,000 signups.
 */
static const struct {
  const char *name;
  const char *definition;
} index_defs[] = {
  { "doc_index_sort", "(type, sort_key, id)" },
  /* Covers the range queries: they read no table row they do not return. */
  { "doc_index_span", "(type, long_span, starts_at, ends_at) WHERE starts_at IS NOT NULL" },
  { "doc_index_ends", "(type, ends_at) WHERE ends_at IS NOT NULL" },
  { "doc_index_ref1", "(type, ref1) WHERE ref1 IS NOT NULL" },
  { "doc_index_ref2", "(type, ref2) WHERE ref2 IS NOT NULL" },
};

/* Batches at least this large, and at least a quarter of the documents
 * already stored, are written with the secondary indexes dropped.
 */
#define BULK_THRESHOLD 4096

/* A read-only connection of the pool, with its own statements (prepared
 * statements belong to one connection) and JSON parser (a parser is not
 * thread-safe).
 */
typedef struct {
  CivicStore   *store;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  JsonParser   *parser;
  guint         depth;          /* nested reads of the thread using it */
} ReadConn;

struct _CivicStore
{
  GObject       parent_instance;

  GRecMutex     lock;
  sqlite3      *db;
  char         *path;
  GMainContext *context;
  GThread      *home_thread;   /* the thread that opened the store */
  char         *replica_uuid;
  int           schema_version;
  gboolean      read_only;
  gint64        update_seq;
  gboolean      bulk;
  guint         tx_written;     /* documents written by the open transaction */
  guint         tx_next_check;  /* when to consider bulk mode again */
  sqlite3_stmt *stmts[N_STMTS];
  JsonParser   *parser;

  /* Concurrent reads: whether the file is in WAL mode, the thread that
   * holds the write transaction (read atomically by others), and the idle
   * read connections.
   */
  gboolean      wal;
  GThread      *writer;
  GThread      *checkpointer;  /* copying a large write's WAL into the file */
  GMutex        readers_lock;
  GPtrArray    *idle_readers;

  /* The open write transaction: its nesting and what it changed. */
  GArray       *frames;
  GPtrArray    *pending_ids;
  GPtrArray    *pending_types;   /* interned */
  /* Whether a document may be among pending_ids twice: only writes that
   * created a document through insert_new_doc() cannot repeat an id.
   */
  gboolean      pending_may_repeat;
};

G_DEFINE_FINAL_TYPE (CivicStore, civic_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (civic-store-error-quark, civic_store_error)

/* ---- Connections ------------------------------------------------------- */

/* The read connections in use by this thread, innermost first. */
static GPrivate active_reads = G_PRIVATE_INIT (NULL);

static ReadConn *
active_read (CivicStore *self)
{
  for (GSList *l = g_private_get (&active_reads); l != NULL; l = l->next)
    if (((ReadConn *) l->data)->store == self)
      return l->data;
  return NULL;
}

/* The connection this thread's call works on. */
static sqlite3 *
store_db (CivicStore *self)
{
  ReadConn *conn = active_read (self);

  return conn != NULL ? conn->db : self->db;
}

/* ---- Errors and statements ---------------------------------------------- */

static gboolean
set_sqlite_error (CivicStore *self,
                  int         rc,
                  GError    **error)
{
  sqlite3 *db = store_db (self);
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                   _("The disk is full, so the database could not be written (%s)"), message);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT,
                   _("The database file is damaged: %s"), message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                   _("The database is in use by another program: %s"), message);
      break;
    default:
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                   _("Database error: %s"), message);
      break;
    }
  return FALSE;
}

static void
stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

typedef sqlite3_stmt CivicStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicStmt, stmt_release)

static void
finalize_stmt (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

typedef sqlite3_stmt CivicOwnedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicOwnedStmt, finalize_stmt)

/* A cached statement, ready to bind; reset it with g_autoptr(CivicStmt). */
static sqlite3_stmt *
get_stmt (CivicStore *self,
          StmtId      id,
          GError    **error)
{
  ReadConn *conn = active_read (self);
  sqlite3_stmt **slot = conn != NULL ? &conn->stmts[id] : &self->stmts[id];

  if (*slot == NULL)
    {
      int rc = sqlite3_prepare_v3 (conn != NULL ? conn->db : self->db, stmt_sql[id], -1,
                                   SQLITE_PREPARE_PERSISTENT, slot, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, rc, error);
          return NULL;
        }
    }
  return *slot;
}

static gboolean
exec_sql (CivicStore *self,
          const char *sql,
          GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
create_indexes (CivicStore *self,
                GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (index_defs); i++)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE INDEX IF NOT EXISTS %s ON doc_index %s",
                                              index_defs[i].name, index_defs[i].definition);

      if (!exec_sql (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* Drops the secondary indexes until the open transaction commits. */
static gboolean
enter_bulk_mode (CivicStore *self,
                 GError    **error)
{
  if (self->bulk)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (index_defs); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", index_defs[i].name);

      if (!exec_sql (self, sql, error))
        return FALSE;
    }
  /* A big page cache pays off while hundreds of thousands of rows go in;
   * the rest of the time 8 MB per connection keeps the app small.
   */
  if (!exec_sql (self, "PRAGMA cache_size = -65536", error))
    return FALSE;
  /* The commit would copy the whole write from the WAL into the file
   * before returning; start_checkpoint() does that on another thread.
   */
  if (self->wal && !exec_sql (self, "PRAGMA wal_autocheckpoint = 0", error))
    return FALSE;
  self->bulk = TRUE;
  g_debug ("A large batch: the typed index is rebuilt when it commits");
  return TRUE;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (CivicStore   *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return set_sqlite_error (self, rc, error);
    }
  return TRUE;
}

static gboolean
run_stmt (CivicStore *self,
          StmtId      id,
          GError    **error)
{
  g_autoptr(CivicStmt) stmt = get_stmt (self, id, error);

  if (stmt == NULL)
    return FALSE;
  return step_done (self, stmt, error);
}

/* ---- Read scopes -------------------------------------------------------- */

static void
read_conn_free (ReadConn *conn)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&conn->stmts[i], sqlite3_finalize);
  if (conn->db != NULL)
    sqlite3_close_v2 (conn->db);
  g_clear_object (&conn->parser);
  g_free (conn);
}

static ReadConn *
read_conn_open (CivicStore *self)
{
  ReadConn *conn = g_new0 (ReadConn, 1);
  int rc;

  conn->store = self;
  rc = sqlite3_open_v2 (self->path, &conn->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (conn->db, 1);
      sqlite3_busy_timeout (conn->db, 5000);
      /* Pages a read needs again come back from the kernel's page cache
       * quickly; every pooled connection keeping 8 MB of its own made the
       * app 15 MB bigger after opening the large sample.
       */
      rc = sqlite3_exec (conn->db, "PRAGMA cache_size = -2048", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_warning ("Could not open a read connection to %s, reading through the write connection: %s",
                 self->path, conn->db != NULL ? sqlite3_errmsg (conn->db) : sqlite3_errstr (rc));
      read_conn_free (conn);
      return NULL;
    }
  conn->parser = json_parser_new ();
  return conn;
}

typedef struct {
  CivicStore *store;
  ReadConn   *conn;   /* NULL: the read holds the lock and the write connection */
} ReadScope;

/* Starts a read call; end it with read_end(), usually by g_auto(ReadScope). */
static ReadScope
read_begin (CivicStore *self)
{
  ReadScope scope = { self, active_read (self) };
  GSList *active;

  if (scope.conn != NULL)
    {
      scope.conn->depth++;
      return scope;
    }
  if (!self->wal || g_atomic_pointer_get (&self->writer) == g_thread_self ())
    {
      g_rec_mutex_lock (&self->lock);
      return scope;
    }

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len > 0)
    scope.conn = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->readers_lock);
  if (scope.conn == NULL)
    scope.conn = read_conn_open (self);
  if (scope.conn == NULL)
    {
      g_rec_mutex_lock (&self->lock);
      return scope;
    }

  scope.conn->depth = 1;
  active = g_slist_prepend (g_private_get (&active_reads), scope.conn);
  g_private_set (&active_reads, active);
  /* One read transaction, so a call that runs several statements sees one
   * committed state.
   */
  if (!run_stmt (self, STMT_READ_BEGIN, NULL))
    g_debug ("Could not begin a read transaction; each statement reads on its own");
  return scope;
}

static void
read_end (ReadScope *scope)
{
  CivicStore *self = scope->store;
  ReadConn *conn = scope->conn;

  if (self == NULL)
    return;
  scope->store = NULL;
  if (conn == NULL)
    {
      g_rec_mutex_unlock (&self->lock);
      return;
    }
  if (--conn->depth > 0)
    return;

  if (sqlite3_get_autocommit (conn->db) == 0)
    run_stmt (self, STMT_COMMIT, NULL);
  g_private_set (&active_reads, g_slist_remove (g_private_get (&active_reads), conn));
  g_mutex_lock (&self->readers_lock);
  g_ptr_array_add (self->idle_readers, conn);
  g_mutex_unlock (&self->readers_lock);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReadScope, read_end)

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* ---- Revisions ---------------------------------------------------------- */

static char *
format_rev (gint64      pos,
                         const char *hash)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%s", pos, hash);
}

static gboolean
parse_rev (const char *rev,
           gint64     *pos,
           const char **hash)
{
  const char *dash;
  char *end = NULL;
  gint64 n;

  if (rev == NULL)
    return FALSE;
  dash = strchr (rev, '-');
  if (dash == NULL || dash == rev || dash[1] == '\0')
    return FALSE;
  n = g_ascii_strtoll (rev, &end, 10);
  if (end != dash || n < 1)
    return FALSE;
  for (const char *p = dash + 1; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '"')
      return FALSE;
  *pos = n;
  *hash = dash + 1;
  return TRUE;
}

static char *
compute_hash (const char *parent_rev,
              gboolean    deleted,
              const char *canonical_body)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_MD5);
  char *hex;

  if (parent_rev != NULL)
    g_checksum_update (checksum, (const guchar *) parent_rev, strlen (parent_rev));
  g_checksum_update (checksum, (const guchar *) (deleted ? "\n1\n" : "\n0\n"), 3);
  g_checksum_update (checksum, (const guchar *) canonical_body, strlen (canonical_body));
  hex = g_strdup (g_checksum_get_string (checksum));
  g_checksum_free (checksum);
  return hex;
}

/* The winner order: live beats deleted, then higher pos, then higher hash
 * compared byte-wise.  Positive when @a wins over @b.
 */
static int
compare_revs (gboolean    a_deleted,
              gint64      a_pos,
              const char *a_hash,
              gboolean    b_deleted,
              gint64      b_pos,
              const char *b_hash)
{
  if (a_deleted != b_deleted)
    return a_deleted ? -1 : 1;
  if (a_pos != b_pos)
    return a_pos < b_pos ? -1 : 1;
  return strcmp (a_hash, b_hash);
}

typedef struct {
  gint64    pos;
  char     *hash;
  gint64    parent_pos;   /* 0 for a root */
  char     *parent_hash;  /* NULL for a root */
  gboolean  deleted;
  gboolean  is_leaf;
  gboolean  stored_leaf;  /* is_leaf as the database has it */
  gboolean  is_new;
  gboolean  removed;
  gboolean  keep;
  char     *body;         /* canonical body of a new node, or NULL */
  JsonObject *parsed;     /* that body parsed, when the writer has it */
  char     *key;          /* "pos-hash" */
} RevNode;

static void
rev_node_free (RevNode *node)
{
  g_free (node->hash);
  g_free (node->parent_hash);
  g_free (node->body);
  g_clear_pointer (&node->parsed, json_object_unref);
  g_free (node->key);
  g_free (node);
}

static int
compare_nodes_winner_first (gconstpointer a,
                            gconstpointer b)
{
  const RevNode *x = *(RevNode **) a;
  const RevNode *y = *(RevNode **) b;

  return -compare_revs (x->deleted, x->pos, x->hash, y->deleted, y->pos, y->hash);
}

typedef struct {
  gint64      num;          /* 0 while the document is new */
  char       *id;
  char       *type;
  gint64      winner_pos;
  char       *winner_hash;
  gboolean    deleted;
  gboolean    conflicted;
  gint64      seq;
  GPtrArray  *nodes;        /* RevNode*, owned */
  GHashTable *by_key;       /* "pos-hash" → RevNode* */
} DocTree;

static void
doc_tree_free (DocTree *tree)
{
  g_free (tree->id);
  g_free (tree->type);
  g_free (tree->winner_hash);
  g_clear_pointer (&tree->by_key, g_hash_table_unref);
  g_clear_pointer (&tree->nodes, g_ptr_array_unref);
  g_free (tree);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocTree, doc_tree_free)

static DocTree *
doc_tree_new (const char *id)
{
  DocTree *tree = g_new0 (DocTree, 1);

  tree->id = g_strdup (id);
  tree->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) rev_node_free);
  tree->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  return tree;
}

static RevNode *
doc_tree_add (DocTree    *tree,
              gint64      pos,
              const char *hash,
              gint64      parent_pos,
              const char *parent_hash,
              gboolean    deleted,
              gboolean    is_new)
{
  RevNode *node = g_new0 (RevNode, 1);

  node->pos = pos;
  node->hash = g_strdup (hash);
  node->parent_pos = parent_hash != NULL ? parent_pos : 0;
  node->parent_hash = g_strdup (parent_hash);
  node->deleted = deleted;
  node->is_new = is_new;
  node->key = format_rev (pos, hash);
  g_ptr_array_add (tree->nodes, node);
  g_hash_table_insert (tree->by_key, node->key, node);
  return node;
}

static RevNode *
doc_tree_lookup_node (DocTree    *tree,
                      gint64      pos,
                      const char *hash)
{
  char buf[128];
  g_autofree char *big = NULL;
  const char *key;

  if (strlen (hash) < 100)
    {
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT "-%s", pos, hash);
      key = buf;
    }
  else
    key = big = format_rev (pos, hash);
  return g_hash_table_lookup (tree->by_key, key);
}

static RevNode *
doc_tree_parent (DocTree *tree,
                 RevNode *node)
{
  if (node->parent_hash == NULL)
    return NULL;
  return doc_tree_lookup_node (tree, node->parent_pos, node->parent_hash);
}

/* Reads a document's row; *out_tree is NULL when it does not exist.  With
 * @load_nodes the whole revision tree comes along.
 */
static gboolean
load_doc (CivicStore *self,
          const char *id,
          gboolean    load_nodes,
          DocTree   **out_tree,
          GError    **error)
{
  g_autoptr(DocTree) tree = NULL;
  int rc;

  *out_tree = NULL;
  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_DOC_LOOKUP, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      return TRUE;
    if (rc != SQLITE_ROW)
      return set_sqlite_error (self, rc, error);

    tree = doc_tree_new (id);
    tree->num = sqlite3_column_int64 (stmt, 0);
    tree->type = column_dup (stmt, 1);
    tree->winner_pos = sqlite3_column_int64 (stmt, 2);
    tree->winner_hash = column_dup (stmt, 3);
    tree->deleted = sqlite3_column_int (stmt, 4);
    tree->conflicted = sqlite3_column_int (stmt, 5);
    tree->seq = sqlite3_column_int64 (stmt, 6);
  }

  if (load_nodes)
    {
      g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_REVS_OF_DOC, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, tree->num);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RevNode *node = doc_tree_add (tree,
                                        sqlite3_column_int64 (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        sqlite3_column_int64 (stmt, 2),
                                        (const char *) sqlite3_column_text (stmt, 3),
                                        sqlite3_column_int (stmt, 4),
                                        FALSE);
          node->is_leaf = node->stored_leaf = sqlite3_column_int (stmt, 5);
        }
      if (rc != SQLITE_DONE)
        return set_sqlite_error (self, rc, error);
    }

  *out_tree = g_steal_pointer (&tree);
  return TRUE;
}

/* ---- Write transactions ------------------------------------------------- */

static gboolean
write_begin (CivicStore *self,
             GError    **error)
{
  Frame frame;

  g_rec_mutex_lock (&self->lock);

  if (!run_stmt (self, self->frames->len == 0 ? STMT_BEGIN : STMT_SAVEPOINT, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  if (self->frames->len == 0)
    {
      g_atomic_pointer_set (&self->writer, g_thread_self ());
      g_ptr_array_set_size (self->pending_ids, 0);
      g_ptr_array_set_size (self->pending_types, 0);
      self->pending_may_repeat = FALSE;
      self->tx_written = 0;
      self->tx_next_check = BULK_THRESHOLD;
    }
  frame.update_seq = self->update_seq;
  frame.pending_len = self->pending_ids->len;
  frame.bulk = self->bulk;
  g_array_append_val (self->frames, frame);
  return TRUE;
}

typedef struct {
  CivicStore *store;
  GStrv       ids;
  GStrv       types;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->store);
  g_strfreev (emission->ids);
  g_strfreev (emission->types);
  g_free (emission);
}

static gboolean
emit_changed_cb (gpointer data)
{
  Emission *emission = data;

  g_signal_emit (emission->store, signals[CHANGED], 0, emission->ids, emission->types);
  return G_SOURCE_REMOVE;
}

/* The distinct ids (in write order) and distinct types of what the
 * transaction changed.
 */
static Emission *
take_emission (CivicStore *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  Emission *emission;

  if (self->pending_ids->len == 0)
    return NULL;

  for (guint i = 0; i < self->pending_ids->len; i++)
    {
      char *id = g_ptr_array_index (self->pending_ids, i);
      const char *type = g_ptr_array_index (self->pending_types, i);

      /* Hashing a quarter of a million ids that cannot repeat would be
       * the slowest part of committing the large sample.
       */
      if (!self->pending_may_repeat)
        g_ptr_array_add (ids, g_strdup (id));
      else if (g_hash_table_add (seen, id))
        g_ptr_array_add (ids, g_strdup (id));
      /* The types are interned and few: the previous one is usually it. */
      if (type != NULL && (i == 0 || type != g_ptr_array_index (self->pending_types, i - 1))
          && g_hash_table_add (seen_types, (gpointer) type))
        g_ptr_array_add (types, g_strdup (type));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (types, NULL);

  emission = g_new0 (Emission, 1);
  emission->store = g_object_ref (self);
  emission->ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  emission->types = (GStrv) g_ptr_array_free (g_steal_pointer (&types), FALSE);

  g_ptr_array_set_size (self->pending_ids, 0);
  g_ptr_array_set_size (self->pending_types, 0);
  self->pending_may_repeat = FALSE;
  return emission;
}

/* Emits at once when this thread runs the store's context (or is the thread
 * that opened it and nobody runs that context), else queues the emission
 * on that context.  g_main_context_invoke() is not enough: it would run the
 * handler in a worker thread that happens to acquire an idle context.
 */
static void
dispatch_emission (CivicStore *self,
                   Emission   *emission)
{
  GMainContext *current = g_main_context_ref_thread_default ();
  gboolean owner = g_main_context_is_owner (self->context);
  gboolean acquired = FALSE;

  if (!owner && current == self->context && g_thread_self () == self->home_thread)
    acquired = g_main_context_acquire (self->context);
  g_main_context_unref (current);

  if (owner || acquired)
    {
      emit_changed_cb (emission);
      if (acquired)
        g_main_context_release (self->context);
      emission_free (emission);
    }
  else
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_changed_cb, emission, emission_free);
      g_source_set_static_name (source, "[civic-store] changed");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static gpointer
checkpoint_thread (gpointer data)
{
  char *path = data;
  sqlite3 *db = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      sqlite3_exec (db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
      g_debug ("Checkpointed %s in %.2f s", path, (g_get_monotonic_time () - start) / 1e6);
    }
  sqlite3_close_v2 (db);
  g_free (path);
  return NULL;
}

/* After a large write, copies it from the WAL into the database file on
 * another thread, so the writer (and whoever waits for it) goes on.  The
 * data is committed already: a crash meanwhile leaves it in the WAL, where
 * the next open finds it.
 */
static void
start_checkpoint (CivicStore *self)
{
  if (self->path == NULL)
    return;
  if (self->checkpointer != NULL)
    g_thread_join (g_steal_pointer (&self->checkpointer));
  self->checkpointer = g_thread_new ("civic-store-checkpoint", checkpoint_thread, g_strdup (self->path));
}

/* Ends the innermost write: commits (or releases the savepoint) when @ok,
 * else rolls it back.  Returns whether the data is in; sets @error when a
 * commit fails.  ::changed is emitted after the outermost commit.
 */
static gboolean
write_end (CivicStore *self,
           gboolean    ok,
           GError    **error)
{
  Frame frame = g_array_index (self->frames, Frame, self->frames->len - 1);
  Emission *emission = NULL;
  gboolean outermost = self->frames->len == 1;

  if (ok && outermost && self->bulk)
    {
      gint64 start = g_get_monotonic_time ();

      if (!create_indexes (self, error))
        ok = FALSE;
      g_debug ("Rebuilt the typed index in %.2f s", (g_get_monotonic_time () - start) / 1e6);
    }
  if (ok)
    {
      gint64 start = g_get_monotonic_time ();

      if (!run_stmt (self, outermost ? STMT_COMMIT : STMT_RELEASE, error))
        ok = FALSE;
      if (outermost && self->pending_ids->len > 1000)
        g_debug ("Committed %u documents in %.2f s", self->pending_ids->len,
                 (g_get_monotonic_time () - start) / 1e6);
    }

  if (!ok)
    {
      if (outermost)
        run_stmt (self, STMT_ROLLBACK, NULL);
      else
        {
          run_stmt (self, STMT_ROLLBACK_TO, NULL);
          run_stmt (self, STMT_RELEASE, NULL);
        }
      self->update_seq = frame.update_seq;
      self->bulk = frame.bulk;
      g_ptr_array_set_size (self->pending_ids, frame.pending_len);
      g_ptr_array_set_size (self->pending_types, frame.pending_len);
    }

  g_array_set_size (self->frames, self->frames->len - 1);
  if (outermost)
    {
      if (self->bulk)
        {
          exec_sql (self, "PRAGMA cache_size = -8192", NULL);
          if (self->wal)
            {
              exec_sql (self, "PRAGMA wal_autocheckpoint = 1000", NULL);
              if (ok)
                start_checkpoint (self);
            }
        }
      self->bulk = FALSE;
      g_atomic_pointer_set (&self->writer, NULL);
    }
  if (outermost && ok)
    emission = take_emission (self);

  g_rec_mutex_unlock (&self->lock);

  if (emission != NULL)
    dispatch_emission (self, emission);
  return ok;
}

static void
note_change (CivicStore *self,
             const char *id,
             const char *type)
{
  guint n = self->pending_types->len;
  const char *last = n > 0 ? g_ptr_array_index (self->pending_types, n - 1) : NULL;

  g_ptr_array_add (self->pending_ids, g_strdup (id));
  self->tx_written++;
  /* Batches come type by type; interning takes a global lock. */
  if (last == NULL || type == NULL || strcmp (last, type) != 0)
    last = g_intern_string (type);
  g_ptr_array_add (self->pending_types, (gpointer) last);
}

/* ---- Writing a document ------------------------------------------------- */

static gboolean
maybe_enter_bulk_mode (CivicStore *self,
                       guint       batch,
                       GError    **error)
{
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  gint64 stored;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT COALESCE (MAX (num), 0) FROM docs", -1, &stmt, NULL);
  if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  stored = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (batch < BULK_THRESHOLD || (gint64) batch * 4 < stored)
    return TRUE;
  return enter_bulk_mode (self, error);
}

/* A transaction that writes many documents in small calls (a generator
 * putting chunks inside civic_store_transaction()) switches to bulk mode
 * once it has written as much as a large batch would.
 */
static gboolean
consider_bulk_mode (CivicStore *self,
                    GError    **error)
{
  if (self->bulk || self->tx_written < self->tx_next_check)
    return TRUE;
  self->tx_next_check *= 2;
  return maybe_enter_bulk_mode (self, self->tx_written, error);
}

static gboolean
write_index_row (CivicStore          *self,
                 gint64               num,
                 const char          *id,
                 const CivicIndexRow *row,
                 GError             **error)
{
  g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_INDEX_UPSERT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, num);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, row->type);
  bind_text_or_null (stmt, 4, row->sort_key);
  bind_text_or_null (stmt, 5, row->starts_at);
  bind_text_or_null (stmt, 6, row->ends_at);
  bind_text_or_null (stmt, 7, row->ref1);
  bind_text_or_null (stmt, 8, row->ref2);
  bind_text_or_null (stmt, 9, row->office_id);
  bind_text_or_null (stmt, 10, row->campaign_id);
  bind_text_or_null (stmt, 11, row->status);
  sqlite3_bind_int (stmt, 12, row->long_span);
  return step_done (self, stmt, error);
}

static gboolean
write_index (CivicStore *self,
             gint64      num,
             const char *id,
             const char *type,
             gboolean    deleted,
             JsonObject *body,
             GError    **error)
{
  g_auto(CivicIndexRow) row = { 0 };

  if (deleted)
    {
      g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_INDEX_DELETE, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, num);
      return step_done (self, stmt, error);
    }

  civic_index_row_compute (&row, type, body);
  return write_index_row (self, num, id, &row, error);
}

static gboolean
insert_rev (CivicStore *self,
            gint64      num,
            RevNode    *node,
            GError    **error)
{
  g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_REV_INSERT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, num);
  sqlite3_bind_int64 (stmt, 2, node->pos);
  sqlite3_bind_text (stmt, 3, node->hash, -1, SQLITE_STATIC);
  if (node->parent_hash != NULL)
    {
      sqlite3_bind_int64 (stmt, 4, node->parent_pos);
      sqlite3_bind_text (stmt, 5, node->parent_hash, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int (stmt, 6, node->deleted);
  sqlite3_bind_int (stmt, 7, node->is_leaf);
  bind_text_or_null (stmt, 8, node->body);
  return step_done (self, stmt, error);
}

static gboolean
rev_stmt (CivicStore *self,
          StmtId      id,
          gint64      num,
          RevNode    *node,
          int         value,
          GError    **error)
{
  g_autoptr(CivicStmt) stmt = get_stmt (self, id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, num);
  sqlite3_bind_int64 (stmt, 2, node->pos);
  sqlite3_bind_text (stmt, 3, node->hash, -1, SQLITE_STATIC);
  if (id == STMT_REV_SET_LEAF)
    sqlite3_bind_int (stmt, 4, value);
  return step_done (self, stmt, error);
}

/* Parses a stored revision body. */
static JsonObject *
parse_body (CivicStore *self,
            const char *text,
            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  ReadConn *conn = active_read (self);
  JsonObject *object;

  object = civic_json_object_from_string_with_parser (conn != NULL ? conn->parser : self->parser,
                                                      text, -1, &local_error);
  if (object == NULL)
    g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT,
                 _("A stored revision is not valid JSON: %s"), local_error->message);
  return object;
}

static JsonObject *
load_rev_body (CivicStore *self,
               const char *id,
               gint64      pos,
               const char *hash,
               GError    **error)
{
  g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_REV_BODY, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pos);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return parse_body (self, (const char *) sqlite3_column_text (stmt, 0), error);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      g_autofree char *rev = format_rev (pos, hash);

      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   _("Document “%s” has no stored body for revision %s"), id, rev);
      return NULL;
    }
  set_sqlite_error (self, rc, error);
  return NULL;
}

/* Keeps only the nodes within CIVIC_STORE_REVS_LIMIT of some leaf. */
static gboolean
stem_tree (CivicStore *self,
           DocTree    *tree,
           GError    **error)
{
  gint64 min_pos = G_MAXINT64, max_leaf = 0;

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);

      if (node->removed)
        continue;
      min_pos = MIN (min_pos, node->pos);
      if (node->is_leaf)
        max_leaf = MAX (max_leaf, node->pos);
    }
  if (max_leaf - min_pos < CIVIC_STORE_REVS_LIMIT)
    return TRUE;

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *leaf = g_ptr_array_index (tree->nodes, i);
      RevNode *node = leaf;

      if (leaf->removed || !leaf->is_leaf)
        continue;
      for (guint depth = 0; node != NULL && depth < CIVIC_STORE_REVS_LIMIT; depth++)
        {
          node->keep = TRUE;
          node = doc_tree_parent (tree, node);
        }
    }

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);

      if (node->removed || node->keep)
        continue;
      node->removed = TRUE;
      if (!node->is_new && !rev_stmt (self, STMT_REV_DELETE, tree->num, node, 0, error))
        return FALSE;
    }

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);
      RevNode *parent;

      node->keep = FALSE;
      if (node->removed || node->parent_hash == NULL)
        continue;
      parent = doc_tree_parent (tree, node);
      if (parent == NULL || parent->removed)
        {
          g_clear_pointer (&node->parent_hash, g_free);
          node->parent_pos = 0;
          if (!node->is_new && !rev_stmt (self, STMT_REV_SET_ROOT, tree->num, node, 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Writes a tree to which new nodes were added: leaf flags, winner,
 * conflicts, stemming, the document row, its index row and the changes
 * feed.  @new_leaf_body is the parsed body of the newest added node if the
 * caller has it.  Sets *changed to whether anything was written.
 */
static gboolean
commit_tree (CivicStore *self,
             DocTree    *tree,
             JsonObject *new_leaf_body,
             gboolean   *changed,
             GError    **error)
{
  RevNode *winner = NULL;
  guint live_leaves = 0;
  gboolean any_new = FALSE;
  gboolean winner_changed;
  g_autoptr(JsonObject) winner_body = NULL;
  g_autofree char *type = NULL;

  *changed = FALSE;

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);

      node->is_leaf = TRUE;
      any_new |= node->is_new;
    }
  if (!any_new)
    return TRUE;

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);
      RevNode *parent = doc_tree_parent (tree, node);

      if (parent != NULL)
        parent->is_leaf = FALSE;
    }

  if (!stem_tree (self, tree, error))
    return FALSE;

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);

      if (node->removed || !node->is_leaf)
        continue;
      if (!node->deleted)
        live_leaves++;
      if (winner == NULL
          || compare_revs (node->deleted, node->pos, node->hash,
                           winner->deleted, winner->pos, winner->hash) > 0)
        winner = node;
    }
  g_assert (winner != NULL);

  winner_changed = tree->num == 0
    || winner->pos != tree->winner_pos
    || g_strcmp0 (winner->hash, tree->winner_hash) != 0
    || winner->deleted != tree->deleted;

  if (!winner->deleted && winner_changed)
    {
      if (winner->is_new && winner->parsed != NULL)
        winner_body = json_object_ref (winner->parsed);
      else if (winner->is_new && new_leaf_body != NULL && winner->body != NULL)
        winner_body = json_object_ref (new_leaf_body);
      else if (winner->is_new && winner->body != NULL)
        winner_body = parse_body (self, winner->body, error);
      else
        winner_body = load_rev_body (self, tree->id, winner->pos, winner->hash, error);
      if (winner_body == NULL)
        return FALSE;
    }

  type = winner_changed && !winner->deleted
    ? civic_store_derive_type (tree->id, winner_body, tree->type)
    : civic_store_derive_type (tree->id, NULL, tree->type);

  self->update_seq++;
  tree->seq = self->update_seq;
  tree->winner_pos = winner->pos;
  g_free (tree->winner_hash);
  tree->winner_hash = g_strdup (winner->hash);
  tree->deleted = winner->deleted;
  tree->conflicted = live_leaves > 1;
  g_free (tree->type);
  tree->type = g_strdup (type);

  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, tree->num == 0 ? STMT_DOC_INSERT : STMT_DOC_UPDATE, error);

    if (stmt == NULL)
      return FALSE;
    if (tree->num == 0)
      sqlite3_bind_text (stmt, 1, tree->id, -1, SQLITE_STATIC);
    else
      sqlite3_bind_int64 (stmt, 1, tree->num);
    bind_text_or_null (stmt, 2, tree->type);
    sqlite3_bind_int64 (stmt, 3, tree->winner_pos);
    sqlite3_bind_text (stmt, 4, tree->winner_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 5, tree->deleted);
    sqlite3_bind_int (stmt, 6, tree->conflicted);
    sqlite3_bind_int64 (stmt, 7, tree->seq);
    if (!step_done (self, stmt, error))
      return FALSE;
    if (tree->num == 0)
      tree->num = sqlite3_last_insert_rowid (self->db);
  }

  for (guint i = 0; i < tree->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (tree->nodes, i);

      if (node->removed)
        continue;
      if (node->is_new)
        {
          if (!insert_rev (self, tree->num, node, error))
            return FALSE;
          node->is_new = FALSE;
          node->stored_leaf = node->is_leaf;
        }
      else if (node->is_leaf != node->stored_leaf)
        {
          if (!rev_stmt (self, STMT_REV_SET_LEAF, tree->num, node, node->is_leaf, error))
            return FALSE;
          node->stored_leaf = node->is_leaf;
        }
    }

  if (winner_changed
      && !write_index (self, tree->num, tree->id, tree->type, tree->deleted, winner_body, error))
    return FALSE;

  self->pending_may_repeat = TRUE;
  note_change (self, tree->id, tree->type);
  *changed = TRUE;
  return TRUE;
}

/* ---- Preparing a large batch ahead of its writer ------------------------ */

/* What a local edit computes from the document alone, without the
 * database: its canonical body and, for a document that names no revision
 * (a new one, as every document of a sample or an import is), the first
 * revision's hash, its type and its index row.  For a large batch a second
 * thread computes these ahead of the writer, so the two cores share the
 * work and the writer only inserts rows.
 */
typedef struct {
  char          *body;
  char          *hash;
  char          *type;
  CivicIndexRow  row;
} PreparedDoc;

typedef struct {
  GPtrArray   *docs;
  PreparedDoc *prepared;
  GThread     *thread;
  GMutex       mutex;
  GCond        cond;
  guint        ready;     /* prepared[0, ready) are done; under mutex */
  guint        seen;      /* the writer's copy of ready, without the lock */
  gint         stop;      /* atomic: the writer gave up */
} Preparer;

/* How many documents the preparer finishes between signals to the writer. */
#define PREPARE_STRIDE 256

static void
prepare_doc (JsonObject  *doc,
             PreparedDoc *out)
{
  JsonNode *rev = json_object_get_member (doc, "_rev");
  JsonNode *deleted = json_object_get_member (doc, "_deleted");

  out->body = civic_json_canonical_object (doc, TRUE);
  if ((rev != NULL && !JSON_NODE_HOLDS_NULL (rev))
      || (deleted != NULL && !JSON_NODE_HOLDS_NULL (deleted)))
    return;  /* an edit or a deletion: the writer needs the stored tree */

  out->hash = compute_hash ("", FALSE, out->body);
  out->type = civic_store_derive_type (civic_json_object_get_string_or_null (doc, "_id"), doc, NULL);
  civic_index_row_compute (&out->row, out->type, doc);
}

static gpointer
preparer_thread (gpointer data)
{
  Preparer *preparer = data;
  guint n = preparer->docs->len;

  for (guint i = 0; i < n && !g_atomic_int_get (&preparer->stop); i++)
    {
      prepare_doc (g_ptr_array_index (preparer->docs, i), &preparer->prepared[i]);
      if ((i + 1) % PREPARE_STRIDE == 0 || i + 1 == n)
        {
          g_mutex_lock (&preparer->mutex);
          preparer->ready = i + 1;
          g_cond_signal (&preparer->cond);
          g_mutex_unlock (&preparer->mutex);
        }
    }
  return NULL;
}

/* Starts preparing @docs on another thread, or returns %NULL when that
 * would not pay (a small batch, or one core).
 */
static Preparer *
preparer_start (GPtrArray *docs)
{
  Preparer *preparer;

  if (docs->len < BULK_THRESHOLD || g_get_num_processors () < 2)
    return NULL;

  preparer = g_new0 (Preparer, 1);
  preparer->docs = docs;
  preparer->prepared = g_new0 (PreparedDoc, docs->len);
  g_mutex_init (&preparer->mutex);
  g_cond_init (&preparer->cond);
  preparer->thread = g_thread_new ("civic-store-prepare", preparer_thread, preparer);
  return preparer;
}

/* The prepared form of document @i, once the preparer has made it. */
static PreparedDoc *
preparer_get (Preparer *preparer,
              guint     i)
{
  if (i >= preparer->seen)
    {
      g_mutex_lock (&preparer->mutex);
      while (preparer->ready <= i)
        g_cond_wait (&preparer->cond, &preparer->mutex);
      preparer->seen = preparer->ready;
      g_mutex_unlock (&preparer->mutex);
    }
  return &preparer->prepared[i];
}

static void
preparer_finish (Preparer *preparer)
{
  g_atomic_int_set (&preparer->stop, TRUE);
  g_thread_join (preparer->thread);
  for (guint i = 0; i < preparer->docs->len; i++)
    {
      g_free (preparer->prepared[i].body);
      g_free (preparer->prepared[i].hash);
      g_free (preparer->prepared[i].type);
      civic_index_row_clear (&preparer->prepared[i].row);
    }
  g_free (preparer->prepared);
  g_mutex_clear (&preparer->mutex);
  g_cond_clear (&preparer->cond);
  g_free (preparer);
}

/* The fast path of a local edit that creates a document: no lookup first,
 * the id's unique index says whether it exists (then *exists is set and
 * nothing was written).  @prepared, when given, holds the hash, type and
 * index row already computed.
 */
static char *
insert_new_doc (CivicStore  *self,
                const char  *id,
                JsonObject  *doc,
                const char  *body,
                PreparedDoc *prepared,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *own_hash = NULL;
  g_autofree char *own_type = NULL;
  const char *hash;
  const char *type;
  gint64 num;
  int rc;

  if (prepared != NULL && prepared->hash != NULL)
    {
      hash = prepared->hash;
      type = prepared->type;
    }
  else
    {
      hash = own_hash = compute_hash ("", FALSE, body);
      type = own_type = civic_store_derive_type (id, doc, NULL);
      prepared = NULL;
    }

  *exists = FALSE;

  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_DOC_INSERT, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    bind_text_or_null (stmt, 2, type);
    sqlite3_bind_int64 (stmt, 3, 1);
    sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 5, 0);
    sqlite3_bind_int (stmt, 6, 0);
    sqlite3_bind_int64 (stmt, 7, self->update_seq + 1);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
      {
        *exists = TRUE;
        return NULL;
      }
    if (rc != SQLITE_DONE)
      {
        set_sqlite_error (self, rc, error);
        return NULL;
      }
    num = sqlite3_last_insert_rowid (self->db);
  }
  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_REV_INSERT, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, num);
    sqlite3_bind_int64 (stmt, 2, 1);
    sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 6, 0);
    sqlite3_bind_int (stmt, 7, 1);
    sqlite3_bind_text (stmt, 8, body, -1, SQLITE_STATIC);
    if (!step_done (self, stmt, error))
      return NULL;
  }
  if (prepared != NULL ? !write_index_row (self, num, id, &prepared->row, error)
                       : !write_index (self, num, id, type, FALSE, doc, error))
    return NULL;

  self->update_seq++;
  note_change (self, id, type);
  return format_rev (1, hash);
}

static gboolean
check_id (const char *id,
          GError    **error)
{
  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                           _("The document has no “_id”"));
      return FALSE;
    }
  if (g_str_has_prefix (id, "_local/"))
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                   _("Document id “%s” names a local document"), id);
      return FALSE;
    }
  if (!g_utf8_validate (id, -1, NULL))
    {
      g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                           _("The document id is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_deleted_flag (JsonObject *doc,
                  gboolean   *deleted,
                  GError    **error)
{
  JsonNode *node = json_object_get_member (doc, "_deleted");

  *deleted = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                           _("The field “_deleted” must be true or false"));
      return FALSE;
    }
  *deleted = json_node_get_boolean (node);
  return TRUE;
}

/* A local edit (new_edits=true) inside an open write; @prepared is what
 * a Preparer computed for @doc, or %NULL.
 */
static char *
put_local_edit (CivicStore  *self,
                JsonObject  *doc,
                PreparedDoc *prepared,
                GError     **error)
{
  const char *id;
  const char *rev = NULL;
  gboolean deleted;
  g_autofree char *body = NULL;
  g_autoptr(DocTree) tree = NULL;
  RevNode *parent = NULL;
  RevNode *node;
  g_autofree char *hash = NULL;
  gboolean changed;
  JsonNode *rev_node;

  if (self->read_only)
    {
      g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY,
                           _("This profile is read-only"));
      return NULL;
    }

  id = civic_json_object_get_string_or_null (doc, "_id");
  if (!check_id (id, error) || !get_deleted_flag (doc, &deleted, error)
      || !consider_bulk_mode (self, error))
    return NULL;

  rev_node = json_object_get_member (doc, "_rev");
  if (rev_node != NULL && !JSON_NODE_HOLDS_NULL (rev_node))
    {
      gint64 pos;
      const char *h;

      rev = civic_json_object_get_string_or_null (doc, "_rev");
      if (!parse_rev (rev, &pos, &h))
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                       _("Document “%s” has a malformed “_rev”"), id);
          return NULL;
        }
    }

  if (prepared != NULL)
    body = g_steal_pointer (&prepared->body);
  else
    body = civic_json_canonical_object (doc, TRUE);

  if (rev == NULL && !deleted)
    {
      gboolean exists;
      char *new_rev = insert_new_doc (self, id, doc, body, prepared, &exists, error);

      if (new_rev != NULL || !exists)
        return new_rev;
    }

  if (!load_doc (self, id, TRUE, &tree, error))
    return NULL;

  if (tree == NULL)
    {
      if (rev != NULL)
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                       _("Document “%s” does not exist, so revision %s cannot be edited"), id, rev);
          return NULL;
        }
      if (deleted)
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                       _("Document “%s” does not exist"), id);
          return NULL;
        }
      g_assert_not_reached ();
    }

  if (rev != NULL)
    {
      gint64 pos;
      const char *h;

      parse_rev (rev, &pos, &h);
      parent = doc_tree_lookup_node (tree, pos, h);
      /* Any live leaf may be edited (that is how one side of a conflict
       * is resolved); a deleted leaf only once the whole document is.
       */
      if (parent == NULL || !parent->is_leaf || (parent->deleted && !tree->deleted))
        parent = NULL;
    }
  else if (tree->deleted)
    parent = doc_tree_lookup_node (tree, tree->winner_pos, tree->winner_hash);

  if (parent == NULL)
    {
      if (rev == NULL)
        g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                     _("Document “%s” already exists; an edit must name its current revision"), id);
      else
        g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                     _("Document “%s” was changed since revision %s"), id, rev);
      return NULL;
    }

  if (deleted && tree->deleted)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   _("Document “%s” is already deleted"), id);
      return NULL;
    }

  hash = compute_hash (parent->key, deleted, body);
  if (doc_tree_lookup_node (tree, parent->pos + 1, hash) != NULL)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                   _("Document “%s” already has this revision"), id);
      return NULL;
    }
  node = doc_tree_add (tree, parent->pos + 1, hash, parent->pos, parent->hash, deleted, TRUE);
  node->body = g_steal_pointer (&body);

  if (!commit_tree (self, tree, deleted ? NULL : doc, &changed, error))
    return NULL;
  return g_strdup (node->key);
}

/* A replicated write (new_edits=false) inside an open write. */
static gboolean
put_replicated_one (CivicStore *self,
                    JsonObject *doc,
                    GError    **error)
{
  const char *id = civic_json_object_get_string_or_null (doc, "_id");
  JsonObject *revisions;
  g_autoptr(DocTree) tree = NULL;
  g_autofree char *body = NULL;
  gboolean deleted;
  gint64 start;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  gboolean changed;
  RevNode *newest_existing = NULL;
  guint first_existing;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                           _("A replicated document has no “_id”"));
      return FALSE;
    }
  if (!get_deleted_flag (doc, &deleted, error) || !consider_bulk_mode (self, error))
    return FALSE;

  revisions = civic_json_object_get_object_or_null (doc, "_revisions");
  if (revisions != NULL)
    {
      JsonArray *array = civic_json_object_get_array_or_null (revisions, "ids");

      start = civic_json_object_get_int_or (revisions, "start", 0);
      if (array != NULL)
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element)
                || json_node_get_value_type (element) != G_TYPE_STRING
                || *json_node_get_string (element) == '\0')
              {
                ids->len = 0;
                break;
              }
            g_ptr_array_add (ids, (gpointer) json_node_get_string (element));
          }
      if (ids->len == 0 || start < (gint64) ids->len)
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                       _("Document “%s” has malformed “_revisions”"), id);
          return FALSE;
        }
    }
  else
    {
      const char *hash;

      if (!parse_rev (civic_json_object_get_string_or_null (doc, "_rev"), &start, &hash))
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                       _("Document “%s” has no valid “_rev”"), id);
          return FALSE;
        }
      g_ptr_array_add (ids, (gpointer) hash);
    }

  if (!load_doc (self, id, TRUE, &tree, error))
    return FALSE;
  if (tree == NULL)
    tree = doc_tree_new (id);

  /* The path merges below its newest node we already have. */
  for (first_existing = 0; first_existing < ids->len; first_existing++)
    {
      newest_existing = doc_tree_lookup_node (tree, start - first_existing,
                                              g_ptr_array_index (ids, first_existing));
      if (newest_existing != NULL)
        break;
    }
  if (first_existing == 0)
    return TRUE;

  body = civic_json_canonical_object (doc, TRUE);
  for (guint i = 0; i < first_existing; i++)
    {
      gint64 pos = start - i;
      const char *parent_hash = i + 1 < ids->len ? g_ptr_array_index (ids, i + 1) : NULL;
      RevNode *node = doc_tree_add (tree, pos, g_ptr_array_index (ids, i),
                                    pos - 1, parent_hash, i == 0 ? deleted : FALSE, TRUE);

      if (i == 0)
        node->body = g_steal_pointer (&body);
    }

  return commit_tree (self, tree, doc, &changed, error);
}

/* ---- Opening and migrations ------------------------------------------- */

typedef gboolean (*MigrationFunc) (CivicStore *self,
                                   GError    **error);

static gboolean
migrate_to_1 (CivicStore *self,
              GError    **error)
{
  return exec_sql (self,
                   "CREATE TABLE docs ("
                   " num INTEGER PRIMARY KEY,"
                   " id TEXT NOT NULL UNIQUE,"
                   " type TEXT,"
                   " winner_pos INTEGER NOT NULL,"
                   " winner_hash TEXT NOT NULL,"
                   " deleted INTEGER NOT NULL DEFAULT 0,"
                   " conflicted INTEGER NOT NULL DEFAULT 0,"
                   " seq INTEGER NOT NULL UNIQUE);"
                   "CREATE INDEX docs_conflicted ON docs (id) WHERE conflicted = 1;"
                   "CREATE TABLE revs ("
                   " doc INTEGER NOT NULL REFERENCES docs (num),"
                   " pos INTEGER NOT NULL,"
                   " hash TEXT NOT NULL,"
                   " parent_pos INTEGER,"
                   " parent_hash TEXT,"
                   " deleted INTEGER NOT NULL DEFAULT 0,"
                   " is_leaf INTEGER NOT NULL DEFAULT 1,"
                   " body TEXT,"
                   " PRIMARY KEY (doc, pos, hash)) WITHOUT ROWID;",
                   error);
}

static gboolean
migrate_to_2 (CivicStore *self,
              GError    **error)
{
  return exec_sql (self,
                   "CREATE TABLE local_docs ("
                   " id TEXT PRIMARY KEY,"
                   " rev INTEGER NOT NULL,"
                   " body TEXT NOT NULL);"
                   "CREATE TABLE meta ("
                   " key TEXT PRIMARY KEY,"
                   " value TEXT);",
                   error);
}

static gboolean
migrate_to_3 (CivicStore *self,
              GError    **error)
{
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  g_autoptr(CivicOwnedStmt) insert = NULL;
  int rc;

  if (!exec_sql (self,
                 "CREATE TABLE doc_index ("
                 " num INTEGER PRIMARY KEY REFERENCES docs (num),"
                 " id TEXT NOT NULL,"
                 " type TEXT,"
                 " sort_key TEXT,"
                 " starts_at TEXT,"
                 " ends_at TEXT,"
                 " ref1 TEXT,"
                 " ref2 TEXT,"
                 " office_id TEXT,"
                 " campaign_id TEXT,"
                 " status TEXT);"
                 /* The indexes of schema 3; schema 4 replaced the last. */
                 "CREATE INDEX doc_index_sort ON doc_index (type, sort_key, id);"
                 "CREATE INDEX doc_index_ends ON doc_index (type, ends_at) WHERE ends_at IS NOT NULL;"
                 "CREATE INDEX doc_index_ref1 ON doc_index (type, ref1) WHERE ref1 IS NOT NULL;"
                 "CREATE INDEX doc_index_ref2 ON doc_index (type, ref2) WHERE ref2 IS NOT NULL;"
                 "CREATE INDEX doc_index_starts ON doc_index (type, starts_at) WHERE starts_at IS NOT NULL;",
                 error))
    return FALSE;

  /* Index every live winner that an older version stored, with the
   * columns of schema 3 (migrate_to_4 adds long_span).
   */
  rc = sqlite3_prepare_v2 (self->db, "INSERT INTO doc_index (num, id, type, sort_key, starts_at, ends_at, "
                           "ref1, ref2, office_id, campaign_id, status) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", -1, &insert, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT d.num, d.id, d.type, r.body FROM docs d JOIN revs r"
                           " ON r.doc = d.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash"
                           " WHERE d.deleted = 0", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body = parse_body (self, (const char *) sqlite3_column_text (stmt, 3), error);
      g_auto(CivicIndexRow) row = { 0 };

      if (body == NULL)
        return FALSE;
      civic_index_row_compute (&row, (const char *) sqlite3_column_text (stmt, 2), body);
      sqlite3_bind_int64 (insert, 1, sqlite3_column_int64 (stmt, 0));
      sqlite3_bind_text (insert, 2, (const char *) sqlite3_column_text (stmt, 1), -1, SQLITE_TRANSIENT);
      bind_text_or_null (insert, 3, row.type);
      bind_text_or_null (insert, 4, row.sort_key);
      bind_text_or_null (insert, 5, row.starts_at);
      bind_text_or_null (insert, 6, row.ends_at);
      bind_text_or_null (insert, 7, row.ref1);
      bind_text_or_null (insert, 8, row.ref2);
      bind_text_or_null (insert, 9, row.office_id);
      bind_text_or_null (insert, 10, row.campaign_id);
      bind_text_or_null (insert, 11, row.status);
      if (!step_done (self, insert, error))
        return FALSE;
      sqlite3_reset (insert);
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Schema 4: long_span, and doc_index_span in place of doc_index_starts.
 * Only a row with both ends can be long; those rows are computed again so
 * civic_index_row_compute() stays the one definition of the column.
 */
static gboolean
migrate_to_4 (CivicStore *self,
              GError    **error)
{
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  int rc;

  if (!exec_sql (self,
                 "ALTER TABLE doc_index ADD COLUMN long_span INTEGER NOT NULL DEFAULT 0;"
                 "DROP INDEX IF EXISTS doc_index_starts;",
                 error)
      || !create_indexes (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT d.num, d.id, d.type, r.body FROM doc_index i"
                           " JOIN docs d ON d.num = i.num"
                           " JOIN revs r ON r.doc = d.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash"
                           " WHERE i.starts_at IS NOT NULL AND i.ends_at IS NOT NULL", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body = parse_body (self, (const char *) sqlite3_column_text (stmt, 3), error);

      if (body == NULL)
        return FALSE;
      if (!write_index (self, sqlite3_column_int64 (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2),
                        FALSE, body, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static const MigrationFunc migrations[CIVIC_STORE_SCHEMA_VERSION] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
};

static int
read_user_version (CivicStore *self,
                   GError    **error)
{
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (CivicStore *self,
         int         target,
         GError    **error)
{
  int version = read_user_version (self, error);

  if (version < 0)
    return FALSE;
  if (version > CIVIC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer Civic Desk (schema %d, this one knows %d)"),
                   self->path ? self->path : ":memory:", version, CIVIC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < target)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!migrations[version] (self, error) || !exec_sql (self, set_version, error)
          || !exec_sql (self, "COMMIT", error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not upgrade the database to schema %d: "), version + 1);
          return FALSE;
        }
      version++;
    }
  self->schema_version = version;
  return TRUE;
}

/* Creates the file ourselves so it is 0600 whatever the umask; SQLite gives
 * its -wal and -shm files the mode of the database file.
 */
static gboolean
prepare_file (const char *path,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                   _("Could not open the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fchmod (fd, 0600) != 0)
    g_debug ("Could not make %s private: %s", path, g_strerror (errno));
  close (fd);
  return TRUE;
}

static CivicStore *
open_internal (const char   *path,
               int           target_version,
               GMainContext *context,
               GThread      *home_thread,
               GError      **error)
{
  g_autoptr(CivicStore) self = g_object_new (CIVIC_TYPE_STORE, NULL);
  int rc;

  self->home_thread = g_thread_ref (home_thread != NULL ? home_thread : g_thread_self ());
  self->path = g_strdup (path);
  self->context = context != NULL ? g_main_context_ref (context) : g_main_context_ref_thread_default ();

  if (path != NULL && !prepare_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path != NULL ? path : ":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                        | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      g_prefix_error (error, "%s: ", path != NULL ? path : ":memory:");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec_sql (self,
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA cache_size = -8192;"
                 "PRAGMA threads = 2;"
                 /* A large batch grows the WAL to the size of the data;
                  * give the space back once it is checkpointed. */
                 "PRAGMA journal_size_limit = 67108864;", error))
    return NULL;
  if (path != NULL)
    {
      g_autoptr(CivicOwnedStmt) stmt = NULL;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          set_sqlite_error (self, rc, error);
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      /* Without WAL a reader could not run beside a writer. */
      self->wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
    }

  if (!migrate (self, target_version, error))
    return NULL;

  if (self->schema_version >= 1)
    {
      g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_MAX_SEQ, error);

      if (stmt == NULL)
        return NULL;
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          set_sqlite_error (self, rc, error);
          return NULL;
        }
      self->update_seq = sqlite3_column_int64 (stmt, 0);
    }

  return g_steal_pointer (&self);
}

/* ---- GObject ------------------------------------------------------------- */

static void
civic_store_finalize (GObject *object)
{
  CivicStore *self = (CivicStore *) object;

  if (self->checkpointer != NULL)
    g_thread_join (g_steal_pointer (&self->checkpointer));
  /* Every read has ended: a read holds a reference to the store. */
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->replica_uuid, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->home_thread, g_thread_unref);
  g_clear_object (&self->parser);
  g_clear_pointer (&self->frames, g_array_unref);
  g_clear_pointer (&self->pending_ids, g_ptr_array_unref);
  g_clear_pointer (&self->pending_types, g_ptr_array_unref);
  g_mutex_clear (&self->readers_lock);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (civic_store_parent_class)->finalize (object);
}

static void
civic_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CivicStore *self = CIVIC_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, civic_store_get_read_only (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CivicStore *self = CIVIC_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      civic_store_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_store_class_init (CivicStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = civic_store_finalize;
  object_class->get_property = civic_store_get_property;
  object_class->set_property = civic_store_set_property;

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicStore::changed:
   * @ids: the distinct ids written, in write order
   * @types: the distinct (non-%NULL) types of those documents
   *
   * Emitted once per committed transaction, in the main context that was
   * thread-default when the store was opened.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRV, G_TYPE_STRV);
}

static void
civic_store_init (CivicStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->readers_lock);
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify) read_conn_free);
  self->parser = json_parser_new ();
  self->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  self->pending_ids = g_ptr_array_new_with_free_func (g_free);
  self->pending_types = g_ptr_array_new ();  /* interned strings */
}

/* ---- Public: opening ---------------------------------------------------- */

void
civic_change_free (CivicChange *change)
{
  if (change == NULL)
    return;
  g_free (change->id);
  g_free (change->type);
  g_strfreev (change->leaves);
  g_free (change);
}

void
civic_store_stats_free (CivicStoreStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->documents_per_type, g_hash_table_unref);
  g_free (stats);
}

char *
civic_store_default_path (void)
{
  const char *env = g_getenv ("CIVIC_DESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "civic-desk", "civic-desk.db", NULL);
}

CivicStore *
civic_store_open (const char *path,
                  GError    **error)
{
  return open_internal (path, CIVIC_STORE_SCHEMA_VERSION, NULL, NULL, error);
}

CivicStore *
civic_store_open_at_version_for_tests (const char *path,
                                       int         version,
                                       GError    **error)
{
  g_return_val_if_fail (version >= 0 && version <= CIVIC_STORE_SCHEMA_VERSION, NULL);

  return open_internal (path, version, NULL, NULL, error);
}

typedef struct {
  char         *path;
  GMainContext *context;
  GThread      *home_thread;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_thread_unref (data->home_thread);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  CivicStore *store = open_internal (data->path, CIVIC_STORE_SCHEMA_VERSION, data->context,
                                     data->home_thread, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
civic_store_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  /* ::changed belongs to the caller's context, not the worker thread's. */
  data->context = g_main_context_ref_thread_default ();
  data->home_thread = g_thread_ref (g_thread_self ());
  g_task_set_source_tag (task, civic_store_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

CivicStore *
civic_store_open_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
civic_store_get_path (CivicStore *self)
{
  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  return self->path;
}

int
civic_store_get_schema_version (CivicStore *self)
{
  g_return_val_if_fail (CIVIC_IS_STORE (self), 0);

  return self->schema_version;
}

gboolean
civic_store_get_read_only (CivicStore *self)
{
  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->read_only);
}

void
civic_store_set_read_only (CivicStore *self,
                           gboolean    read_only)
{
  g_return_if_fail (CIVIC_IS_STORE (self));

  read_only = !!read_only;
  if (g_atomic_int_get (&self->read_only) == read_only)
    return;
  g_atomic_int_set (&self->read_only, read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

char *
civic_store_new_id (const char *type)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (type != NULL, NULL);

  return g_strconcat (type, ":", uuid, NULL);
}

/* ---- Public: reading ---------------------------------------------------- */

static JsonObject *
finish_body (JsonObject *body,
             const char *id,
             gint64      pos,
             const char *hash,
             gboolean    deleted)
{
  json_object_set_string_member (body, "_id", id);
  {
    g_autofree char *rev = format_rev (pos, hash);

    json_object_set_string_member (body, "_rev", rev);
  }
  if (deleted)
    json_object_set_boolean_member (body, "_deleted", TRUE);
  return body;
}

JsonObject *
civic_store_get (CivicStore *self,
                 const char *id,
                 GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  JsonObject *body;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_GET_WINNER, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (rc == SQLITE_DONE || sqlite3_column_int (stmt, 2))
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   rc == SQLITE_DONE ? _("No document “%s”") : _("Document “%s” was deleted"), id);
      return NULL;
    }
  body = parse_body (self, (const char *) sqlite3_column_text (stmt, 3), error);
  if (body == NULL)
    return NULL;
  return finish_body (body, id, sqlite3_column_int64 (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1), FALSE);
}

GPtrArray *
civic_store_get_many (CivicStore         *self,
                      const char * const *ids,
                      GError            **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *doc = civic_store_get (self, ids[i], &local_error);

      if (doc != NULL)
        g_ptr_array_add (result, doc);
      else if (!g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&result);
}

JsonObject *
civic_store_get_revision (CivicStore *self,
                          const char *id,
                          const char *rev,
                          GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  const char *hash;
  gint64 pos;
  JsonObject *body;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!parse_rev (rev, &pos, &hash))
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                   _("“%s” is not a revision"), rev ? rev : "");
      return NULL;
    }

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_REV_BODY, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pos);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (rc == SQLITE_DONE || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   _("Document “%s” has no revision %s"), id, rev);
      return NULL;
    }
  body = parse_body (self, (const char *) sqlite3_column_text (stmt, 0), error);
  if (body == NULL)
    return NULL;
  return finish_body (body, id, pos, hash, sqlite3_column_int (stmt, 1));
}

JsonObject *
civic_store_get_revision_with_history (CivicStore *self,
                                       const char *id,
                                       const char *rev,
                                       guint       revs_limit,
                                       GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(DocTree) tree = NULL;
  g_autoptr(CivicStmt) stmt = NULL;
  JsonArray *ids;
  JsonObject *revisions;
  gint64 pos;
  const char *hash;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  body = civic_store_get_revision (self, id, rev, error);
  if (body == NULL)
    return NULL;
  if (!load_doc (self, id, FALSE, &tree, error))
    return NULL;
  parse_rev (rev, &pos, &hash);

  stmt = get_stmt (self, STMT_HISTORY, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tree->num);
  sqlite3_bind_int64 (stmt, 2, pos);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, revs_limit > 0 ? revs_limit : CIVIC_STORE_REVS_LIMIT);
  ids = json_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_string_element (ids, (const char *) sqlite3_column_text (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      json_array_unref (ids);
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  revisions = json_object_new ();
  json_object_set_int_member (revisions, "start", pos);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_object_member (body, "_revisions", revisions);
  return g_steal_pointer (&body);
}

/* Every leaf of @id, winner first; NOT_FOUND for an unknown document. */
static GPtrArray *
load_leaves (CivicStore *self,
             const char *id,
             gint64      num,
             GError    **error)
{
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func ((GDestroyNotify) rev_node_free);
  g_autoptr(CivicStmt) stmt = NULL;
  int rc;

  if (num == 0)
    {
      g_autoptr(DocTree) tree = NULL;

      if (!load_doc (self, id, FALSE, &tree, error))
        return NULL;
      if (tree == NULL)
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                       _("No document “%s”"), id);
          return NULL;
        }
      num = tree->num;
    }

  stmt = get_stmt (self, STMT_LEAVES_OF_DOC, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, num);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RevNode *node = g_new0 (RevNode, 1);

      node->pos = sqlite3_column_int64 (stmt, 0);
      node->hash = column_dup (stmt, 1);
      node->deleted = sqlite3_column_int (stmt, 2);
      node->is_leaf = TRUE;
      node->keep = sqlite3_column_int (stmt, 3);  /* has a body */
      node->key = format_rev (node->pos, node->hash);
      g_ptr_array_add (leaves, node);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_ptr_array_sort (leaves, compare_nodes_winner_first);
  return g_steal_pointer (&leaves);
}

static GStrv
leaves_to_strv (GPtrArray *leaves,
                gboolean   conflicts_only)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < leaves->len; i++)
    {
      RevNode *node = g_ptr_array_index (leaves, i);

      if (conflicts_only && (i == 0 || node->deleted))
        continue;
      g_strv_builder_add (builder, node->key);
    }
  return g_strv_builder_end (builder);
}

GStrv
civic_store_get_leaves (CivicStore *self,
                        const char *id,
                        GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(GPtrArray) leaves = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  leaves = load_leaves (self, id, 0, error);
  return leaves != NULL ? leaves_to_strv (leaves, FALSE) : NULL;
}

GStrv
civic_store_get_conflicts (CivicStore *self,
                           const char *id,
                           GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(GPtrArray) leaves = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  leaves = load_leaves (self, id, 0, error);
  return leaves != NULL ? leaves_to_strv (leaves, TRUE) : NULL;
}

GStrv
civic_store_list_conflicted (CivicStore *self,
                             GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_CONFLICTED, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* Runs one of the WINNER_SELECT statements, bound by the caller. */
static GPtrArray *
collect_winners (CivicStore   *self,
                 sqlite3_stmt *stmt,
                 GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *body = parse_body (self, (const char *) sqlite3_column_text (stmt, 3), error);

      if (body == NULL)
        return NULL;
      g_ptr_array_add (result, finish_body (body, (const char *) sqlite3_column_text (stmt, 0),
                                            sqlite3_column_int64 (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2), FALSE));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
civic_store_list (CivicStore *self,
                  const char *type,
                  GError    **error)
{
  return civic_store_list_page (self, type, 0, G_MAXUINT, error);
}

GPtrArray *
civic_store_list_page (CivicStore *self,
                       const char *type,
                       guint       offset,
                       guint       limit,
                       GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_LIST_PAGE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, offset);
  /* SQLite reads a negative LIMIT as none. */
  sqlite3_bind_int64 (stmt, 3, limit == G_MAXUINT ? -1 : (gint64) limit);
  return collect_winners (self, stmt, error);
}

GPtrArray *
civic_store_list_in_range (CivicStore *self,
                           const char *type,
                           const char *from,
                           const char *to,
                           GError    **error)
{
  g_autofree char *window = NULL;
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL && from != NULL && to != NULL, NULL);

  /* A range that does not start with a date (which no caller passes) has
   * no window, so it takes the one-part query.
   */
  window = civic_index_short_window_start (from);
  scope = read_begin (self);
  stmt = get_stmt (self, window != NULL ? STMT_LIST_RANGE_WINDOW : STMT_LIST_RANGE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  if (window != NULL)
    sqlite3_bind_text (stmt, 4, window, -1, SQLITE_STATIC);
  return collect_winners (self, stmt, error);
}

static gboolean
is_plain_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

gboolean
civic_store_scan_fields (CivicStore          *self,
                         const char          *type,
                         const char * const  *fields,
                         CivicStoreFieldsFunc func,
                         gpointer             user_data,
                         GError             **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT d.id");
  g_autofree const char **values = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_fields;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL && fields != NULL && func != NULL, FALSE);

  n_fields = g_strv_length ((char **) fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_return_val_if_fail (is_plain_name (fields[i]), FALSE);
      /* ->> gives a string's text and any other value's JSON. */
      g_string_append_printf (sql, ", r.body ->> '$.%s'", fields[i]);
    }
  g_string_append (sql, " FROM doc_index i "
                        "JOIN docs d ON d.num = i.num "
                        "JOIN revs r ON r.doc = i.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash "
                        "WHERE i.type = ?1");

  scope = read_begin (self);
  rc = sqlite3_prepare_v2 (store_db (self), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);

  values = g_new0 (const char *, n_fields + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_fields; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i + 1);
      if (!func ((const char *) sqlite3_column_text (stmt, 0), values, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  /* The members are picked out as the rows are read: a plain SQL error
   * here is SQLite finding a stored revision that is not JSON, which
   * parse_body () reports the same way.
   */
  if (rc == SQLITE_ERROR)
    g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT,
                 _("A stored revision is not valid JSON: %s"), sqlite3_errmsg (store_db (self)));
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

GPtrArray *
civic_store_list_by_ref (CivicStore    *self,
                         const char    *type,
                         CivicStoreRef  ref,
                         const char    *value,
                         GError       **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  StmtId id;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL && value != NULL, NULL);

  switch (ref)
    {
    case CIVIC_STORE_REF_1: id = STMT_LIST_REF1; break;
    case CIVIC_STORE_REF_2: id = STMT_LIST_REF2; break;
    case CIVIC_STORE_REF_OFFICE: id = STMT_LIST_OFFICE; break;
    case CIVIC_STORE_REF_CAMPAIGN: id = STMT_LIST_CAMPAIGN; break;
    case CIVIC_STORE_REF_STATUS: id = STMT_LIST_STATUS; break;
    default:
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                   "Unknown index column %d", ref);
      return NULL;
    }

  scope = read_begin (self);
  stmt = get_stmt (self, id, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return collect_winners (self, stmt, error);
}

guint
civic_store_count (CivicStore *self,
                   const char *type,
                   GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), 0);
  g_return_val_if_fail (type != NULL, 0);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_COUNT, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return 0;
    }
  return sqlite3_column_int (stmt, 0);
}

/* ---- Public: local edits ------------------------------------------------- */

char *
civic_store_put (CivicStore *self,
                 JsonObject *doc,
                 GError    **error)
{
  char *rev;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  if (!write_begin (self, error))
    return NULL;
  rev = put_local_edit (self, doc, NULL, error);
  if (!write_end (self, rev != NULL, rev != NULL ? error : NULL))
    g_clear_pointer (&rev, g_free);
  return rev;
}

/* Writes @docs as local edits inside an open write; @revs (optional, as
 * long as @docs) receives the new revisions.
 */
static gboolean
put_docs (CivicStore *self,
          GPtrArray  *docs,
          GPtrArray  *revs,
          GError    **error)
{
  Preparer *preparer = NULL;
  gboolean ok = TRUE;

  if (docs->len >= BULK_THRESHOLD && !self->read_only)
    ok = maybe_enter_bulk_mode (self, docs->len, error);

  if (ok && !self->read_only)
    preparer = preparer_start (docs);

  for (guint i = 0; ok && i < docs->len; i++)
    {
      PreparedDoc *prepared = preparer != NULL ? preparer_get (preparer, i) : NULL;
      char *rev = put_local_edit (self, g_ptr_array_index (docs, i), prepared, error);

      if (rev == NULL)
        ok = FALSE;
      else if (revs != NULL)
        g_ptr_array_index (revs, i) = rev;
      else
        g_free (rev);
    }
  g_clear_pointer (&preparer, preparer_finish);
  return ok;
}

gboolean
civic_store_put_many (CivicStore  *self,
                      GPtrArray   *docs,
                      GPtrArray  **out_revs,
                      GError     **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  if (out_revs != NULL)
    {
      revs = g_ptr_array_new_full (docs->len, g_free);
      g_ptr_array_set_size (revs, docs->len);
    }

  if (!write_begin (self, error))
    return FALSE;
  ok = put_docs (self, docs, revs, error);
  if (!write_end (self, ok, ok ? error : NULL))
    return FALSE;
  if (out_revs != NULL)
    *out_revs = g_steal_pointer (&revs);
  return TRUE;
}

gboolean
civic_store_put_batches (CivicStore               *self,
                         CivicStoreNextBatchFunc   next_batch,
                         gpointer                  user_data,
                         GError                  **error)
{
  GPtrArray *docs;
  gboolean ok = TRUE;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (next_batch != NULL, FALSE);

  /* The batches share the one write directly, with no savepoint each: in
   * a write this large, SQLite's bookkeeping for an open savepoint costs
   * more with every statement.
   */
  if (!write_begin (self, error))
    return FALSE;
  while (ok && (docs = next_batch (user_data)) != NULL)
    ok = put_docs (self, docs, NULL, error);
  return write_end (self, ok, ok ? error : NULL) && ok;
}

char *
civic_store_delete (CivicStore *self,
                    const char *id,
                    const char *rev,
                    GError    **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  json_object_set_string_member (doc, "_id", id);
  if (rev != NULL)
    json_object_set_string_member (doc, "_rev", rev);
  json_object_set_boolean_member (doc, "_deleted", TRUE);
  return civic_store_put (self, doc, error);
}

char *
civic_store_resolve_conflict (CivicStore *self,
                              JsonObject *merged,
                              GError    **error)
{
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(JsonObject) doc = NULL;
  const char *id;
  char *rev = NULL;
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (merged != NULL, NULL);

  id = civic_json_object_get_string_or_null (merged, "_id");
  if (!check_id (id, error))
    return NULL;

  if (!write_begin (self, error))
    return NULL;

  leaves = load_leaves (self, id, 0, error);
  ok = leaves != NULL;
  if (ok)
    {
      RevNode *winner = g_ptr_array_index (leaves, 0);
      const char *given = civic_json_object_get_string_or_null (merged, "_rev");

      if (winner->deleted)
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                       _("Document “%s” was deleted"), id);
          ok = FALSE;
        }
      else if (given != NULL && !g_str_equal (given, winner->key))
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                       _("Document “%s” was changed since revision %s"), id, given);
          ok = FALSE;
        }
      else
        {
          doc = civic_json_object_copy (merged);
          json_object_set_string_member (doc, "_rev", winner->key);
          json_object_remove_member (doc, "_deleted");
          rev = put_local_edit (self, doc, NULL, error);
          ok = rev != NULL;
        }

      for (guint i = 1; ok && i < leaves->len; i++)
        {
          RevNode *leaf = g_ptr_array_index (leaves, i);
          g_autoptr(JsonObject) tombstone = NULL;
          g_autofree char *tombstone_rev = NULL;

          if (leaf->deleted)
            continue;
          tombstone = json_object_new ();
          json_object_set_string_member (tombstone, "_id", id);
          json_object_set_string_member (tombstone, "_rev", leaf->key);
          json_object_set_boolean_member (tombstone, "_deleted", TRUE);
          tombstone_rev = put_local_edit (self, tombstone, NULL, error);
          ok = tombstone_rev != NULL;
        }
    }

  if (!write_end (self, ok, ok ? error : NULL))
    g_clear_pointer (&rev, g_free);
  return rev;
}

/* ---- Public: replication ------------------------------------------------- */

gboolean
civic_store_put_replicated (CivicStore *self,
                            GPtrArray  *docs,
                            GError    **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  if (!write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < docs->len; i++)
    ok = put_replicated_one (self, g_ptr_array_index (docs, i), error);
  return write_end (self, ok, ok ? error : NULL);
}

JsonObject *
civic_store_revs_diff (CivicStore *self,
                       JsonObject *request,
                       GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(JsonObject) result = json_object_new ();
  JsonObjectIter iter;
  const char *id;
  JsonNode *revs_node;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  scope = read_begin (self);
  json_object_iter_init (&iter, request);
  while (json_object_iter_next (&iter, &id, &revs_node))
    {
      JsonArray *revs;
      JsonArray *missing = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (revs_node))
        continue;
      revs = json_node_get_array (revs_node);
      for (guint i = 0; i < json_array_get_length (revs); i++)
        {
          JsonNode *element = json_array_get_element (revs, i);
          const char *rev = NULL;
          const char *hash;
          gint64 pos;
          gboolean have = FALSE;

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            rev = json_node_get_string (element);
          if (rev == NULL)
            continue;
          if (parse_rev (rev, &pos, &hash))
            {
              g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_REV_EXISTS, error);
              int rc;

              if (stmt == NULL)
                return NULL;
              sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (stmt, 2, pos);
              sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
              rc = sqlite3_step (stmt);
              if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                {
                  set_sqlite_error (self, rc, error);
                  return NULL;
                }
              have = rc == SQLITE_ROW;
            }
          if (!have)
            {
              if (missing == NULL)
                missing = json_array_new ();
              json_array_add_string_element (missing, rev);
            }
        }
      if (missing != NULL)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_array_member (entry, "missing", missing);
          json_object_set_object_member (result, id, entry);
        }
    }
  return g_steal_pointer (&result);
}

GPtrArray *
civic_store_changes (CivicStore *self,
                     gint64      since,
                     guint       limit,
                     GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_change_free);
  g_autoptr(CivicStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_CHANGES, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivicChange *change = g_new0 (CivicChange, 1);
      g_autoptr(GPtrArray) leaves = NULL;

      change->id = column_dup (stmt, 1);
      change->type = column_dup (stmt, 2);
      change->deleted = sqlite3_column_int (stmt, 3);
      change->seq = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (result, change);
      leaves = load_leaves (self, change->id, sqlite3_column_int64 (stmt, 0), error);
      if (leaves == NULL)
        return NULL;
      change->leaves = leaves_to_strv (leaves, FALSE);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gint64
civic_store_get_update_seq (CivicStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  return self->update_seq;
}

/* ---- Public: local documents --------------------------------------------- */

JsonObject *
civic_store_get_local (CivicStore *self,
                       const char *id,
                       GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStmt) stmt = NULL;
  JsonObject *body;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  scope = read_begin (self);
  stmt = get_stmt (self, STMT_LOCAL_GET, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   _("No local document “%s”"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  body = parse_body (self, (const char *) sqlite3_column_text (stmt, 1), error);
  if (body == NULL)
    return NULL;
  {
    g_autofree char *rev = g_strdup_printf ("0-%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));

    json_object_set_string_member (body, "_id", id);
    json_object_set_string_member (body, "_rev", rev);
  }
  return body;
}

gboolean
civic_store_put_local (CivicStore *self,
                       const char *id,
                       JsonObject *doc,
                       GError    **error)
{
  g_autofree char *body = NULL;
  gint64 current = 0;
  const char *given;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && doc != NULL, FALSE);

  body = civic_json_canonical_object (doc, TRUE);
  given = civic_json_object_get_string_or_null (doc, "_rev");

  if (!write_begin (self, error))
    return FALSE;
  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_LOCAL_GET, error);

    if (stmt == NULL)
      ok = FALSE;
    else
      {
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          current = sqlite3_column_int64 (stmt, 0);
        else if (rc != SQLITE_DONE)
          ok = set_sqlite_error (self, rc, error);
      }
  }
  /* A given _rev must be the current one (as CouchDB's 409); without one
   * the document is simply replaced.
   */
  if (ok && given != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("0-%" G_GINT64_FORMAT, current);

      if (!g_str_equal (given, expected))
        {
          g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CONFLICT,
                       _("Local document “%s” was changed since revision %s"), id, given);
          ok = FALSE;
        }
    }
  if (ok)
    {
      g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_LOCAL_SET, error);

      if (stmt == NULL)
        ok = FALSE;
      else
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, current + 1);
          sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
          ok = step_done (self, stmt, error);
        }
    }
  return write_end (self, ok, ok ? error : NULL);
}

const char *
civic_store_get_replica_uuid (CivicStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  if (self->replica_uuid != NULL)
    return self->replica_uuid;

  {
    g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_META_GET, &error);

    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, "replica_uuid", -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          self->replica_uuid = column_dup (stmt, 0);
      }
  }

  if (self->replica_uuid == NULL)
    {
      gboolean ok;

      self->replica_uuid = g_uuid_string_random ();
      if (write_begin (self, &error))
        {
          g_autoptr(CivicStmt) stmt = get_stmt (self, STMT_META_SET, &error);

          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_text (stmt, 1, "replica_uuid", -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, self->replica_uuid, -1, SQLITE_STATIC);
              ok = step_done (self, stmt, &error);
            }
          g_clear_pointer (&stmt, stmt_release);
          write_end (self, ok, ok ? &error : NULL);
        }
      if (error != NULL)
        g_warning ("Could not record this replica's id: %s", error->message);
    }
  return self->replica_uuid;
}

/* ---- Public: maintenance ------------------------------------------------ */

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

CivicStoreStats *
civic_store_get_stats (CivicStore *self,
                       GError    **error)
{
  g_auto(ReadScope) scope = { 0 };
  g_autoptr(CivicStoreStats) stats = g_new0 (CivicStoreStats, 1);
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), NULL);

  stats->documents_per_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  scope = read_begin (self);
  /* doc_index holds exactly the live documents, and its sort index starts
   * with the type, so this is one index walk without sorting.
   */
  rc = sqlite3_prepare_v2 (store_db (self), "SELECT type, COUNT (*) FROM doc_index GROUP BY type",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint count = sqlite3_column_int (stmt, 1);

      stats->documents += count;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        g_hash_table_insert (stats->documents_per_type, column_dup (stmt, 0), GUINT_TO_POINTER (count));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (store_db (self),
                           "SELECT (SELECT COUNT (*) FROM docs WHERE conflicted = 1), (SELECT COUNT (*) FROM docs)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  stats->conflicts = sqlite3_column_int (stmt, 0);
  stats->tombstones = sqlite3_column_int (stmt, 1) - stats->documents;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (scope.conn != NULL)
    {
      /* The sequence of the state this read sees, not the writer's. */
      g_autoptr(CivicStmt) seq = get_stmt (self, STMT_MAX_SEQ, error);

      if (seq == NULL || sqlite3_step (seq) != SQLITE_ROW)
        return NULL;
      stats->update_seq = sqlite3_column_int64 (seq, 0);
    }
  else
    stats->update_seq = self->update_seq;
  if (self->path != NULL)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);

      stats->size_bytes = file_size (self->path) + file_size (wal);
    }
  else
    {
      rc = sqlite3_prepare_v2 (store_db (self),
                               "SELECT page_count * page_size FROM pragma_page_count (), pragma_page_size ()",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        stats->size_bytes = sqlite3_column_int64 (stmt, 0);
    }
  return g_steal_pointer (&stats);
}

static gboolean
corrupt (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
corrupt (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_CORRUPT, message);
  return FALSE;
}

/* The first row of a query that must return none, as text, else NULL. */
static gboolean
query_first_text (CivicStore *self,
                  const char *sql,
                  char      **out,
                  GError    **error)
{
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  *out = NULL;
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                     ? "" : (const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
check_document (CivicStore   *self,
                sqlite3_stmt *row,
                GError      **error)
{
  gint64 num = sqlite3_column_int64 (row, 0);
  const char *id = (const char *) sqlite3_column_text (row, 1);
  const char *type = (const char *) sqlite3_column_text (row, 2);
  gint64 winner_pos = sqlite3_column_int64 (row, 3);
  const char *winner_hash = (const char *) sqlite3_column_text (row, 4);
  gboolean deleted = sqlite3_column_int (row, 5);
  gboolean conflicted = sqlite3_column_int (row, 6);
  const char *body_text = (const char *) sqlite3_column_text (row, 7);
  gboolean has_index = sqlite3_column_int (row, 8);
  g_autoptr(GPtrArray) leaves = load_leaves (self, id, num, error);
  g_autofree char *stored_winner = format_rev (winner_pos, winner_hash);
  RevNode *winner;
  guint live = 0;

  if (leaves == NULL)
    return FALSE;
  if (leaves->len == 0)
    return corrupt (error, _("Document “%s” has no leaf revision"), id);

  for (guint i = 0; i < leaves->len; i++)
    {
      RevNode *leaf = g_ptr_array_index (leaves, i);

      if (!leaf->keep)
        return corrupt (error, _("Document “%s”: leaf revision %s has no body"), id, leaf->key);
      if (!leaf->deleted)
        live++;
    }

  winner = g_ptr_array_index (leaves, 0);
  if (!g_str_equal (winner->key, stored_winner) || winner->deleted != deleted)
    return corrupt (error, _("Document “%s”: the stored winner %s is not the winning revision %s"),
                    id, stored_winner, winner->key);
  if (conflicted != (live > 1))
    return corrupt (error, conflicted
                    ? _("Document “%s” is marked as conflicted but has %u live leaves")
                    : _("Document “%s” is not marked as conflicted but has %u live leaves"),
                    id, live);

  if (deleted)
    {
      if (has_index)
        return corrupt (error, _("Document “%s” is deleted but still has a typed index row"), id);
      return TRUE;
    }

  if (body_text == NULL)
    return corrupt (error, _("Document “%s”: the winner %s has no body"), id, stored_winner);
  if (!has_index)
    return corrupt (error, _("Document “%s” has no typed index row"), id);

  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(JsonObject) body = parse_body (self, body_text, &local_error);
    g_auto(CivicIndexRow) expected = { 0 };
    CivicIndexRow stored = {
      .type = (char *) sqlite3_column_text (row, 9),
      .sort_key = (char *) sqlite3_column_text (row, 10),
      .starts_at = (char *) sqlite3_column_text (row, 11),
      .ends_at = (char *) sqlite3_column_text (row, 12),
      .ref1 = (char *) sqlite3_column_text (row, 13),
      .ref2 = (char *) sqlite3_column_text (row, 14),
      .office_id = (char *) sqlite3_column_text (row, 15),
      .campaign_id = (char *) sqlite3_column_text (row, 16),
      .status = (char *) sqlite3_column_text (row, 17),
      .long_span = sqlite3_column_int (row, 18),
    };
    const char *body_type;

    if (body == NULL)
      return corrupt (error, _("Document “%s”: %s"), id, local_error->message);
    body_type = civic_json_object_get_string_or_null (body, "type");
    if (body_type != NULL && *body_type != '\0' && g_strcmp0 (body_type, type) != 0)
      return corrupt (error, _("Document “%s” is filed as type “%s” but its winner says “%s”"),
                      id, type ? type : "", body_type);
    civic_index_row_compute (&expected, type, body);
    if (!civic_index_row_equal (&expected, &stored))
      return corrupt (error, _("Document “%s”: its typed index row does not match its winning revision"), id);
  }
  return TRUE;
}

gboolean
civic_store_check (CivicStore *self,
                   GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  if (!query_first_text (self, "PRAGMA integrity_check", &first, error))
    return FALSE;
  if (first != NULL && !g_str_equal (first, "ok"))
    return corrupt (error, _("The database fails SQLite’s integrity check: %s"), first);
  g_clear_pointer (&first, g_free);

  if (!query_first_text (self, "SELECT \"table\" FROM pragma_foreign_key_check ()", &first, error))
    return FALSE;
  if (first != NULL)
    return corrupt (error, _("Table “%s” refers to a document that does not exist"), first);

  if (!query_first_text (self,
                         "SELECT d.id || ' ' || p.pos || '-' || p.hash FROM revs p JOIN docs d ON d.num = p.doc"
                         " WHERE p.is_leaf = 1 AND EXISTS (SELECT 1 FROM revs c WHERE c.doc = p.doc"
                         " AND c.parent_pos = p.pos AND c.parent_hash = p.hash) LIMIT 1",
                         &first, error))
    return FALSE;
  if (first != NULL)
    return corrupt (error, _("Revision is marked as a leaf but has children: %s"), first);

  if (!query_first_text (self,
                         "SELECT d.id || ' ' || p.pos || '-' || p.hash FROM revs p JOIN docs d ON d.num = p.doc"
                         " WHERE p.is_leaf = 0 AND NOT EXISTS (SELECT 1 FROM revs c WHERE c.doc = p.doc"
                         " AND c.parent_pos = p.pos AND c.parent_hash = p.hash) LIMIT 1",
                         &first, error))
    return FALSE;
  if (first != NULL)
    return corrupt (error, _("Revision has no children but is not marked as a leaf: %s"), first);

  if (!query_first_text (self,
                         "SELECT id FROM doc_index i WHERE NOT EXISTS"
                         " (SELECT 1 FROM docs d WHERE d.num = i.num AND d.id = i.id) LIMIT 1",
                         &first, error))
    return FALSE;
  if (first != NULL)
    return corrupt (error, _("A typed index row names a document that does not exist: %s"), first);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT d.num, d.id, d.type, d.winner_pos, d.winner_hash, d.deleted, d.conflicted,"
                           " r.body, i.num IS NOT NULL, i.type, i.sort_key, i.starts_at, i.ends_at, i.ref1,"
                           " i.ref2, i.office_id, i.campaign_id, i.status, i.long_span"
                           " FROM docs d"
                           " LEFT JOIN revs r ON r.doc = d.num AND r.pos = d.winner_pos AND r.hash = d.winner_hash"
                           " LEFT JOIN doc_index i ON i.num = d.num"
                           " ORDER BY d.num", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!check_document (self, stmt, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
flush_lines (GOutputStream *out,
             GString       *buffer,
             gsize          threshold,
             GCancellable  *cancellable,
             GError       **error)
{
  if (buffer->len < threshold)
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
civic_store_backup (CivicStore    *self,
                    GOutputStream *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(CivicOwnedStmt) stmt = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (1 << 17);
  g_autofree char *current = NULL;
  int rc;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);

  /* The stored bodies are canonical JSON already, so lines are assembled
   * as text without parsing them.
   */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT d.id, r.pos, r.hash, r.parent_pos, r.parent_hash, r.deleted, r.body"
                           " FROM docs d JOIN revs r ON r.doc = d.num ORDER BY d.id, r.pos, r.hash",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (current == NULL || !g_str_equal (current, id))
        {
          if (current != NULL)
            g_string_append (buffer, "]}\n");
          if (!flush_lines (out, buffer, 1 << 16, cancellable, error))
            return FALSE;
          g_free (current);
          current = g_strdup (id);
          g_string_append (buffer, "{\"_id\":");
          civic_json_append_string (buffer, id);
          g_string_append (buffer, ",\"revs\":[");
        }
      else
        g_string_append_c (buffer, ',');

      g_string_append_printf (buffer, "{\"pos\":%" G_GINT64_FORMAT ",\"hash\":",
                              (gint64) sqlite3_column_int64 (stmt, 1));
      civic_json_append_string (buffer, (const char *) sqlite3_column_text (stmt, 2));
      g_string_append (buffer, ",\"parent\":");
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        g_string_append (buffer, "null");
      else
        {
          g_autofree char *parent = format_rev (sqlite3_column_int64 (stmt, 3),
                                                (const char *) sqlite3_column_text (stmt, 4));

          civic_json_append_string (buffer, parent);
        }
      g_string_append (buffer, sqlite3_column_int (stmt, 5) ? ",\"deleted\":true,\"body\":"
                                                            : ",\"deleted\":false,\"body\":");
      if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
        g_string_append (buffer, "null");
      else
        g_string_append (buffer, (const char *) sqlite3_column_text (stmt, 6));
      g_string_append_c (buffer, '}');
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  if (current != NULL)
    g_string_append (buffer, "]}\n");
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, rev, body FROM local_docs ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (buffer, "{\"_local_id\":");
      civic_json_append_string (buffer, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_printf (buffer, ",\"rev\":%" G_GINT64_FORMAT ",\"body\":%s}\n",
                              (gint64) sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2));
      if (!flush_lines (out, buffer, 1 << 16, cancellable, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);

  return flush_lines (out, buffer, 0, cancellable, error)
    && g_output_stream_flush (out, cancellable, error);
}

static gboolean
malformed (GError    **error,
           guint       line,
           const char *reason)
{
  g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
               _("Line %u of the backup is malformed: %s"), line, reason);
  return FALSE;
}

static gboolean
restore_local (CivicStore *self,
               JsonObject *line_object,
               guint       line,
               GError    **error)
{
  const char *id = civic_json_object_get_string_or_null (line_object, "_local_id");
  JsonObject *body = civic_json_object_get_object_or_null (line_object, "body");
  gint64 rev = civic_json_object_get_int_or (line_object, "rev", -1);
  g_autofree char *text = NULL;
  g_autoptr(CivicStmt) stmt = NULL;

  if (id == NULL || *id == '\0')
    return malformed (error, line, _("“_local_id” must be a non-empty string"));
  if (body == NULL)
    return malformed (error, line, _("a local document needs a “body” object"));
  if (rev < 0)
    return malformed (error, line, _("a local document needs a “rev” number"));

  text = civic_json_canonical_object (body, TRUE);
  stmt = get_stmt (self, STMT_LOCAL_SET, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
restore_document (CivicStore *self,
                  JsonObject *line_object,
                  guint       line,
                  GError    **error)
{
  const char *id = civic_json_object_get_string_or_null (line_object, "_id");
  JsonArray *revs = civic_json_object_get_array_or_null (line_object, "revs");
  g_autoptr(DocTree) incoming = NULL;
  g_autoptr(DocTree) tree = NULL;
  gboolean changed;
  guint n;

  if (id == NULL || *id == '\0')
    return malformed (error, line, _("“_id” must be a non-empty string"));
  if (revs == NULL || (n = json_array_get_length (revs)) == 0)
    return malformed (error, line, _("“revs” must be a non-empty array"));

  /* Validate the whole tree before touching the store. */
  incoming = doc_tree_new (id);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (revs, i);
      JsonObject *rev;
      JsonNode *body_node, *parent_node, *deleted_node;
      const char *hash, *parent = NULL, *parent_hash = NULL;
      gint64 pos, parent_pos = 0;
      RevNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return malformed (error, line, _("each revision must be an object"));
      rev = json_node_get_object (element);
      pos = civic_json_object_get_int_or (rev, "pos", 0);
      hash = civic_json_object_get_string_or_null (rev, "hash");
      if (pos < 1 || hash == NULL || *hash == '\0' || strchr (hash, '"') != NULL)
        return malformed (error, line, _("a revision needs a “pos” of at least 1 and a “hash”"));

      parent_node = json_object_get_member (rev, "parent");
      if (parent_node != NULL && !JSON_NODE_HOLDS_NULL (parent_node))
        {
          parent = civic_json_object_get_string_or_null (rev, "parent");
          if (!parse_rev (parent, &parent_pos, &parent_hash) || parent_pos != pos - 1)
            return malformed (error, line, _("a revision’s “parent” must be the revision one level up, or null"));
        }

      deleted_node = json_object_get_member (rev, "deleted");
      if (deleted_node != NULL
          && (!JSON_NODE_HOLDS_VALUE (deleted_node)
              || json_node_get_value_type (deleted_node) != G_TYPE_BOOLEAN))
        return malformed (error, line, _("“deleted” must be true or false"));

      body_node = json_object_get_member (rev, "body");
      if (body_node != NULL && !JSON_NODE_HOLDS_NULL (body_node) && !JSON_NODE_HOLDS_OBJECT (body_node))
        return malformed (error, line, _("“body” must be an object or null"));

      if (doc_tree_lookup_node (incoming, pos, hash) != NULL)
        return malformed (error, line, _("a revision appears twice"));
      node = doc_tree_add (incoming, pos, hash, parent_pos, parent_hash,
                           civic_json_object_get_boolean_or (rev, "deleted", FALSE), TRUE);
      if (body_node != NULL && JSON_NODE_HOLDS_OBJECT (body_node))
        {
          node->parsed = json_node_dup_object (body_node);
          node->body = civic_json_canonical_object (node->parsed, TRUE);
        }
    }

  for (guint i = 0; i < incoming->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (incoming->nodes, i);

      node->is_leaf = TRUE;
    }
  for (guint i = 0; i < incoming->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (incoming->nodes, i);
      RevNode *parent;

      if (node->parent_hash == NULL)
        continue;
      parent = doc_tree_parent (incoming, node);
      if (parent == NULL)
        return malformed (error, line, _("a revision’s parent is not in the line"));
      parent->is_leaf = FALSE;
    }
  for (guint i = 0; i < incoming->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (incoming->nodes, i);

      if (node->is_leaf && node->body == NULL)
        return malformed (error, line, _("a leaf revision has no body"));
    }

  /* Merge the nodes this store lacks into its tree. */
  if (!load_doc (self, id, TRUE, &tree, error))
    return FALSE;
  if (tree == NULL)
    tree = doc_tree_new (id);
  for (guint i = 0; i < incoming->nodes->len; i++)
    {
      RevNode *node = g_ptr_array_index (incoming->nodes, i);
      RevNode *added;

      if (doc_tree_lookup_node (tree, node->pos, node->hash) != NULL)
        continue;
      added = doc_tree_add (tree, node->pos, node->hash, node->parent_pos, node->parent_hash,
                            node->deleted, TRUE);
      added->body = g_steal_pointer (&node->body);
      added->parsed = g_steal_pointer (&node->parsed);
    }
  return commit_tree (self, tree, NULL, &changed, error);
}

gboolean
civic_store_restore (CivicStore    *self,
                     GInputStream  *in,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean ok = TRUE;
  guint line_number = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);

  data = g_data_input_stream_new (in);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 1 << 16);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  if (!write_begin (self, error))
    return FALSE;
  /* A restore usually fills an empty store: build the typed index once. */
  ok = maybe_enter_bulk_mode (self, BULK_THRESHOLD, error);

  while (ok)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      gsize length;
      JsonObject *object;

      line = g_data_input_stream_read_line_utf8 (data, &length, cancellable, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            {
              if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
                ok = malformed (error, line_number + 1, _("it is not valid UTF-8"));
              else
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  ok = FALSE;
                }
            }
          break;
        }
      line_number++;
      if (length == 0 || *g_strstrip (line) == '\0')
        continue;

      if (!json_parser_load_from_data (parser, line, -1, &local_error))
        {
          ok = malformed (error, line_number, local_error->message);
          break;
        }
      if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          ok = malformed (error, line_number, _("it is not a JSON object"));
          break;
        }
      object = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (object, "_local_id"))
        ok = restore_local (self, object, line_number, error);
      else
        ok = restore_document (self, object, line_number, error);
    }

  return write_end (self, ok, ok ? error : NULL);
}

/* ---- Public: transactions ----------------------------------------------- */

gboolean
civic_store_transaction (CivicStore                *self,
                         CivicStoreTransactionFunc  func,
                         gpointer                   user_data,
                         GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!write_begin (self, error))
    return FALSE;
  ok = func (self, user_data, &local_error);
  if (!ok && local_error == NULL)
    g_set_error_literal (&local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_IO,
                         _("The change was abandoned"));
  if (!write_end (self, ok, ok ? &local_error : NULL) || !ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- Tests -------------------------------------------------------------- */

gboolean
civic_store_exec_for_tests (CivicStore *self,
                            const char *sql,
                            GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

  return exec_sql (self, sql, error);
}

gint64
civic_store_query_int_for_tests (CivicStore *self,
                                 const char *sql)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);
  g_autoptr(CivicOwnedStmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
