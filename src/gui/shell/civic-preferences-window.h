/* civic-preferences-window.h — the Preferences window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-application.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_PREFERENCES_WINDOW (civic_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CivicPreferencesWindow, civic_preferences_window, CIVIC, PREFERENCES_WINDOW, AdwPreferencesWindow)

CivicPreferencesWindow *civic_preferences_window_new (CivicApplication *application);

G_END_DECLS
