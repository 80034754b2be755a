/* civic-sync-status.h — the header bar's sync indicator: synced (with the
 * time), syncing (with progress), offline, or an error (with the reason);
 * clicking it runs app.sync-now
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-replicator.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SYNC_STATUS (civic_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (CivicSyncStatus, civic_sync_status, CIVIC, SYNC_STATUS, GtkWidget)

GtkWidget       *civic_sync_status_new            (void);
/* %NULL hides the indicator (no account). */
void             civic_sync_status_set_replicator (CivicSyncStatus *self,
                                                   CivicReplicator *replicator);
CivicReplicator *civic_sync_status_get_replicator (CivicSyncStatus *self);
const char      *civic_sync_status_get_text       (CivicSyncStatus *self);

/* What the indicator shows for a state (a pure function, tested without a
 * display).  Free the three strings with g_free().
 */
void             civic_sync_status_describe       (CivicReplicatorState  state,
                                                   double                progress,
                                                   GDateTime            *last_synced,
                                                   const char           *last_error,
                                                   char                **icon_name,
                                                   char                **text,
                                                   char                **tooltip);

G_END_DECLS
