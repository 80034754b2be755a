/* civic-sync-page.h — Preferences → Sync: the server account, a connection
 * test that shows the server's version and the user's roles, and trusting a
 * self-signed certificate
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add it to the Preferences window with adw_preferences_window_add().  It
 * emits ::account-saved after the account (in the profile's store) and the
 * password (in the keyring) were saved, so the application can restart its
 * sync engine with them.
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SYNC_PAGE (civic_sync_page_get_type ())
G_DECLARE_FINAL_TYPE (CivicSyncPage, civic_sync_page, CIVIC, SYNC_PAGE, AdwPreferencesPage)

CivicSyncPage *civic_sync_page_new (CivicStore *store);

G_END_DECLS
