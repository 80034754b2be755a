/* civic-sync-controller.h — the application's sync: the account of the open
 * profile, its replicator and live-sync engine, and the app.sync-now action
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CivicApplication creates one when the store is open:
 *
 *   controller = civic_sync_controller_new (GTK_APPLICATION (app), store);
 *
 * It adds `app.sync-now` (Ctrl+R, disabled while no account is saved),
 * reads the account (civic-account.h), takes the password from
 * $CIVIC_DESK_PASSWORD or the keyring, and keeps syncing.  Give
 * civic_sync_controller_get_replicator() to the header bar's
 * CivicSyncStatus (its ::notify::replicator says when it changes) and call
 * civic_sync_controller_reload() after CivicSyncPage::account-saved.
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-replicator.h"
#include "civic-sync-engine.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SYNC_CONTROLLER (civic_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (CivicSyncController, civic_sync_controller, CIVIC, SYNC_CONTROLLER, GObject)

CivicSyncController *civic_sync_controller_new            (GtkApplication      *application,
                                                           CivicStore          *store);
/* %NULL while the profile has no account (or no password yet). */
CivicReplicator     *civic_sync_controller_get_replicator (CivicSyncController *self);
CivicSyncEngine     *civic_sync_controller_get_engine     (CivicSyncController *self);
/* Reads the account again and restarts live sync with it. */
void                 civic_sync_controller_reload         (CivicSyncController *self);
/* What app.sync-now does. */
void                 civic_sync_controller_sync_now       (CivicSyncController *self);

G_END_DECLS
