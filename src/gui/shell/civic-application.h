/* civic-application.h — the application: command line, store, app actions
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"
#include "civic-sync-controller.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_APPLICATION (civic_application_get_type ())
G_DECLARE_FINAL_TYPE (CivicApplication, civic_application, CIVIC, APPLICATION, AdwApplication)

/* The application object of this process (like GcalApplication's macro). */
#define CIVIC_DEFAULT_APPLICATION (CIVIC_APPLICATION (g_application_get_default ()))

CivicApplication *civic_application_new              (void);

CivicStore       *civic_application_get_store        (CivicApplication *self);
const GError     *civic_application_get_store_error  (CivicApplication *self);

const char       *civic_application_get_db_path      (CivicApplication *self);
void              civic_application_prepare_display  (void);
void              civic_application_set_db_path      (CivicApplication *self,
                                                      const char       *db_path);

gboolean          civic_application_get_read_only    (CivicApplication *self);
void              civic_application_set_read_only    (CivicApplication *self,
                                                      gboolean          read_only);

gboolean          civic_application_get_loading_sample (CivicApplication *self);

CivicSyncController *civic_application_get_sync_controller (CivicApplication *self);
GSettings        *civic_application_get_settings     (CivicApplication *self);

G_END_DECLS
