/* civic-window.h — the main window: header, page stack, toasts
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-application.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_WINDOW (civic_window_get_type ())
G_DECLARE_FINAL_TYPE (CivicWindow, civic_window, CIVIC, WINDOW, AdwApplicationWindow)

CivicWindow *civic_window_new                 (CivicApplication *application);
void         civic_window_prepare             (CivicWindow      *self);

/* Shows the page named "calendar", "volunteers" or "visits" (the names of
 * the view stack's pages); FALSE if there is no such page.
 */
gboolean     civic_window_show_page           (CivicWindow      *self,
                                               const char       *name);
const char  *civic_window_get_visible_page    (CivicWindow      *self);

/* Whether the "empty database" welcome is shown instead of the pages. */
gboolean     civic_window_get_welcome_visible (CivicWindow      *self);

/* For pages: errors and confirmations reach the user as toasts. */
void         civic_window_add_toast           (CivicWindow      *self,
                                               AdwToast         *toast);
void         civic_window_show_error          (CivicWindow      *self,
                                               const GError     *error);

G_END_DECLS
