/* civic-sync-error.h — the error domain shared by everything in src/sync
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIVIC_SYNC_ERROR (civic_sync_error_quark ())

typedef enum {
  CIVIC_SYNC_ERROR_INVALID_ARGUMENT, /* a malformed server URL, database name, … */
  CIVIC_SYNC_ERROR_UNREACHABLE,      /* no route, refused, name not resolved: offline */
  CIVIC_SYNC_ERROR_NETWORK,          /* resets, time-outs, truncated bodies after every retry */
  CIVIC_SYNC_ERROR_SERVER,           /* 5xx after every retry */
  CIVIC_SYNC_ERROR_TLS,              /* the certificate is not trusted (message holds its fingerprint) */
  CIVIC_SYNC_ERROR_UNAUTHORIZED,     /* 401: wrong user name or password */
  CIVIC_SYNC_ERROR_FORBIDDEN,        /* 403: the user may not do this */
  CIVIC_SYNC_ERROR_NOT_FOUND,        /* the database does not exist */
  CIVIC_SYNC_ERROR_PROTOCOL,         /* an answer that does not follow the protocol */
  CIVIC_SYNC_ERROR_NO_PASSWORD,      /* no password in the environment, keyring or terminal */
  CIVIC_SYNC_ERROR_KEYRING,          /* the Secret Service refused */
} CivicSyncError;

GQuark civic_sync_error_quark (void);

G_END_DECLS
