/* civic-roster-import-dialog.h — importing volunteers from a CSV file: mapping, preview, confirm
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-roster-import.h"
#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_ROSTER_IMPORT_DIALOG (civic_roster_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterImportDialog, civic_roster_import_dialog, CIVIC, ROSTER_IMPORT_DIALOG, AdwWindow)

CivicRosterImportDialog *civic_roster_import_dialog_new        (CivicStore              *store,
                                                                GtkWindow               *parent);
/* Reads and prepares @file in a thread, then shows the column mapping. */
void                     civic_roster_import_dialog_load_file  (CivicRosterImportDialog *self,
                                                                GFile                   *file);
/* The same for bytes already read (@name is shown as the file's name). */
void                     civic_roster_import_dialog_load_bytes (CivicRosterImportDialog *self,
                                                                GBytes                  *bytes,
                                                                const char              *name);
/* "loading", "mapping", "preview", "importing", "failed" or "done". */
const char              *civic_roster_import_dialog_get_step   (CivicRosterImportDialog *self);
/* The plan being edited, once prepared (%NULL before). */
CivicRosterImport       *civic_roster_import_dialog_get_plan   (CivicRosterImportDialog *self);
/* The message the failure page shows, or %NULL. */
const char              *civic_roster_import_dialog_get_failure (CivicRosterImportDialog *self);

G_END_DECLS
