/* civic-conflicts-window.h — the list of conflicted records and a resolver
 * that shows the competing versions field by field
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each field the versions disagree on, the person picks one version's
 * value or writes one; fields only one side changed come preselected with
 * that change.  Saving writes the merged winner and deletes the losing
 * leaves in one store transaction (civic_conflict_resolve()).
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CONFLICTS_WINDOW (civic_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (CivicConflictsWindow, civic_conflicts_window, CIVIC, CONFLICTS_WINDOW, AdwWindow)

CivicConflictsWindow *civic_conflicts_window_new       (CivicStore           *store);
/* How many conflicted records the list shows (for a badge). */
guint                 civic_conflicts_window_get_count (CivicConflictsWindow *self);
/* Opens the resolver on @id; FALSE if it is not conflicted. */
gboolean              civic_conflicts_window_select    (CivicConflictsWindow *self,
                                                        const char           *id);
/* Chooses, for @field, version @index (0 is the current winner) or, with
 * @index -1, the written @custom value (JSON text, else a string).  For
 * tests and keyboard automation.
 */
gboolean              civic_conflicts_window_choose    (CivicConflictsWindow *self,
                                                        const char           *field,
                                                        int                   index,
                                                        const char           *custom);
/* Saves the current choices; returns the new revision or %NULL. */
char                 *civic_conflicts_window_save      (CivicConflictsWindow *self,
                                                        GError              **error);

G_END_DECLS
