/* civic-confirmation-calls-window.h — call scheduled volunteers and confirm them
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CONFIRMATION_CALLS_WINDOW (civic_confirmation_calls_window_get_type ())
G_DECLARE_FINAL_TYPE (CivicConfirmationCallsWindow, civic_confirmation_calls_window,
                      CIVIC, CONFIRMATION_CALLS_WINDOW, AdwWindow)

/* A window listing, for the next N days, the scheduled signups not yet
 * confirmed; `c` confirms and `d` declines the selected one.
 */
GtkWindow *civic_confirmation_calls_window_new (CivicStore *store,
                                                GtkWindow  *parent);

G_END_DECLS
