/* civic-sync-error.c — the error domain shared by everything in src/sync
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-sync"

#include "config.h"

#include "civic-sync-error.h"

G_DEFINE_QUARK (civic-sync-error-quark, civic_sync_error)
