/* civic-couch-client.h — JSON over HTTP to one CouchDB-compatible server,
 * with Basic auth, retries with backoff and certificate pinning
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests run with libsoup 3's async API in the thread-default main
 * context of the caller.  Bodies larger than a few kilobytes are parsed in
 * a worker thread, so a 1000-document answer never stalls the main loop.
 *
 * A request finishes with the HTTP status and the parsed body for every 2xx
 * and 4xx answer except 401 and 403, which become CIVIC_SYNC_ERROR_UNAUTHORIZED
 * and _FORBIDDEN carrying the server's reason (unless
 * CIVIC_COUCH_REQUEST_AUTH_STATUS is given).  5xx answers, connection
 * resets, time-outs and truncated or invalid JSON in a 2xx answer are retried
 * with exponential backoff and jitter; after the last attempt they fail with
 * a message that says what went wrong.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-sync-error.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_COUCH_REQUEST_NONE        = 0,
  /* Return 401/403 as a status instead of an error. */
  CIVIC_COUCH_REQUEST_AUTH_STATUS = 1 << 0,
  /* Use the second connection pool meant for long-poll feeds, whose I/O
   * time-out is the long-poll one.
   */
  CIVIC_COUCH_REQUEST_LONGPOLL    = 1 << 1,
  /* Do not retry at all (server set-up checks, long-poll). */
  CIVIC_COUCH_REQUEST_NO_RETRY    = 1 << 2,
} CivicCouchRequestFlags;

#define CIVIC_TYPE_COUCH_CLIENT (civic_couch_client_get_type ())
G_DECLARE_FINAL_TYPE (CivicCouchClient, civic_couch_client, CIVIC, COUCH_CLIENT, GObject)

/* @server_url is http(s)://host[:port][/prefix]; credentials written into
 * the URL are dropped, @user and @password are used instead (both may be
 * %NULL for anonymous requests).
 */
CivicCouchClient *civic_couch_client_new            (const char        *server_url,
                                                     const char        *user,
                                                     const char        *password,
                                                     GError           **error);
/* The server URL without credentials or trailing slash. */
const char       *civic_couch_client_get_server_url (CivicCouchClient  *self);
const char       *civic_couch_client_get_user       (CivicCouchClient  *self);

/* Accept exactly the certificate whose DER encoding has this SHA-256
 * (64 hex digits, colons allowed) when the system store does not trust it.
 */
void              civic_couch_client_set_pinned_certificate (CivicCouchClient *self,
                                                     const char        *sha256);
/* The SHA-256 of the last certificate the system store refused, or %NULL. */
const char       *civic_couch_client_get_peer_fingerprint (CivicCouchClient *self);

/* I/O time-out of ordinary requests, in seconds (default 30). */
void              civic_couch_client_set_timeout    (CivicCouchClient  *self,
                                                     guint              seconds);
/* Attempts per request (default 6), first delay and cap in milliseconds
 * (default 250 and 8000).
 */
void              civic_couch_client_set_retry      (CivicCouchClient  *self,
                                                     guint              max_attempts,
                                                     guint              base_delay_ms,
                                                     guint              max_delay_ms);

/* @path starts with "/" and is already percent-encoded (query included);
 * @body, when given, is sent as application/json.
 */
void              civic_couch_client_request_async  (CivicCouchClient  *self,
                                                     const char        *method,
                                                     const char        *path,
                                                     GBytes            *body,
                                                     CivicCouchRequestFlags flags,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
/* Returns the parsed body (%NULL for an empty one) and sets @status. */
JsonNode         *civic_couch_client_request_finish (CivicCouchClient  *self,
                                                     GAsyncResult      *result,
                                                     guint             *status,
                                                     GError           **error);

/* Synchronous variant for command-line tools and tests: runs the request in
 * a private main context.
 */
JsonNode         *civic_couch_client_request        (CivicCouchClient  *self,
                                                     const char        *method,
                                                     const char        *path,
                                                     GBytes            *body,
                                                     CivicCouchRequestFlags flags,
                                                     GCancellable      *cancellable,
                                                     guint             *status,
                                                     GError           **error);

/* A path segment (database name, document id) percent-encoded. */
char             *civic_couch_escape                (const char        *segment);
/* A document id as a URL path: "_local/" and "_design/" keep their slash. */
char             *civic_couch_escape_doc_id         (const char        *id);
/* A sequence kept as raw JSON text as a query value: numbers as they are,
 * strings unquoted and percent-encoded.
 */
char             *civic_couch_seq_to_param          (const char        *raw_json);
/* The "reason" (else "error") member of a CouchDB error body, or %NULL. */
const char       *civic_couch_error_reason          (JsonNode          *body);
/* Serializes @node compactly. */
GBytes           *civic_couch_node_to_bytes         (JsonNode          *node);

G_END_DECLS
