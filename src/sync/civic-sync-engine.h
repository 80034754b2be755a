/* civic-sync-engine.h — live sync: when the app starts, after local
 * changes (debounced), and when the server's changes feed says something
 * changed; paused while the network is down
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "civic-replicator.h"

G_BEGIN_DECLS

#define CIVIC_SYNC_ENGINE_DEBOUNCE_MS 2000
#define CIVIC_SYNC_ENGINE_LONGPOLL_S  60

#define CIVIC_TYPE_SYNC_ENGINE (civic_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (CivicSyncEngine, civic_sync_engine, CIVIC, SYNC_ENGINE, GObject)

CivicSyncEngine *civic_sync_engine_new            (CivicReplicator *replicator);
CivicReplicator *civic_sync_engine_get_replicator (CivicSyncEngine *self);

/* Syncs now, then keeps following local and remote changes. */
void             civic_sync_engine_start          (CivicSyncEngine *self);
/* Cancels what runs and stops following changes. */
void             civic_sync_engine_stop           (CivicSyncEngine *self);
gboolean         civic_sync_engine_get_running    (CivicSyncEngine *self);
/* Syncs as soon as the current run (if any) ends. */
void             civic_sync_engine_sync_now       (CivicSyncEngine *self);

/* Milliseconds to wait after a local change before syncing. */
void             civic_sync_engine_set_debounce   (CivicSyncEngine *self,
                                                   guint            milliseconds);
/* Seconds a long-poll request may stay open before it is renewed. */
void             civic_sync_engine_set_longpoll_timeout (CivicSyncEngine *self,
                                                   guint            seconds);
/* Seconds to wait before retrying after a failed run (default 30). */
void             civic_sync_engine_set_retry_interval (CivicSyncEngine *self,
                                                   guint            seconds);
/* Replaces the network monitor (tests); %NULL means the default one. */
void             civic_sync_engine_set_network_monitor (CivicSyncEngine *self,
                                                   GNetworkMonitor *monitor);

G_END_DECLS
