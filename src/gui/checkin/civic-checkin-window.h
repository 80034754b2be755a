/* civic-checkin-window.h — the full-window check-in mode for an event day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CHECKIN_WINDOW (civic_checkin_window_get_type ())
G_DECLARE_FINAL_TYPE (CivicCheckinWindow, civic_checkin_window, CIVIC, CHECKIN_WINDOW, AdwWindow)

/* @event_id: the event to check people in at, or %NULL to choose among
 * today's events.
 */
GtkWindow *civic_checkin_window_new (CivicStore *store,
                                     const char *event_id,
                                     GtkWindow  *parent);

G_END_DECLS
