/* civic-account.h — the sync account of one profile: where and as whom it
 * syncs (kept in the profile's store) and the password (kept in the keyring)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The non-secret fields live in the store's `_local/sync-account` document,
 * so each profile (each --db file) has its own account and nothing about it
 * is replicated.  The password lives in the Secret Service under the schema
 * org.civicdesk.CivicDesk.Account with the attributes `server` and `user`;
 * it is never written to the store, GSettings or a log.  A pinned
 * certificate is a public SHA-256 fingerprint and stays with the account
 * document.
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"
#include "civic-sync-error.h"

G_BEGIN_DECLS

#define CIVIC_ACCOUNT_LOCAL_ID "_local/sync-account"

typedef struct {
  char     *server_url;
  char     *database;
  char     *user;
  char     *pinned_certificate;  /* SHA-256 hex of the trusted DER, or %NULL */
  gboolean  live;                /* keep syncing while the app runs */
} CivicAccount;

CivicAccount *civic_account_new              (const char    *server_url,
                                              const char    *database,
                                              const char    *user);
CivicAccount *civic_account_copy             (const CivicAccount *account);
void          civic_account_free             (CivicAccount  *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicAccount, civic_account_free)

/* %NULL with CIVIC_STORE_ERROR_NOT_FOUND when the profile has none. */
CivicAccount *civic_account_load             (CivicStore    *store,
                                              GError       **error);
gboolean      civic_account_save             (CivicStore    *store,
                                              const CivicAccount *account,
                                              GError       **error);
/* Forgets the account (the keyring's password stays until
 * civic_account_clear_password()).
 */
gboolean      civic_account_remove           (CivicStore    *store,
                                              GError       **error);

/* The keyring.  Lookups return %NULL without an error when nothing is
 * stored; a missing Secret Service is CIVIC_SYNC_ERROR_KEYRING.
 */
char         *civic_account_lookup_password  (const char    *server_url,
                                              const char    *user,
                                              GCancellable  *cancellable,
                                              GError       **error);
gboolean      civic_account_store_password   (const char    *server_url,
                                              const char    *user,
                                              const char    *password,
                                              GCancellable  *cancellable,
                                              GError       **error);
gboolean      civic_account_clear_password   (const char    *server_url,
                                              const char    *user,
                                              GCancellable  *cancellable,
                                              GError       **error);
void          civic_account_lookup_password_async  (const char          *server_url,
                                                    const char          *user,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char         *civic_account_lookup_password_finish (GAsyncResult        *result,
                                                    GError             **error);
void          civic_account_store_password_async   (const char          *server_url,
                                                    const char          *user,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      civic_account_store_password_finish  (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
