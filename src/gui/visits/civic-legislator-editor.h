/* civic-legislator-editor.h — create or edit a legislator by hand
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_LEGISLATOR_EDITOR (civic_legislator_editor_get_type ())
G_DECLARE_FINAL_TYPE (CivicLegislatorEditor, civic_legislator_editor, CIVIC, LEGISLATOR_EDITOR, AdwWindow)

/* @doc: the legislator document to edit (copied), or %NULL for a new one. */
CivicLegislatorEditor *civic_legislator_editor_new        (CivicStore            *store,
                                                           JsonObject            *doc);
/* The form's fields, for tests: the same code paths as the widgets. */
void                   civic_legislator_editor_set_fields (CivicLegislatorEditor *self,
                                                           const char            *name,
                                                           const char            *chamber,
                                                           const char            *state,
                                                           const char            *district,
                                                           const char            *party);
void                   civic_legislator_editor_add_office (CivicLegislatorEditor *self,
                                                           const char            *kind,
                                                           const char            *address,
                                                           const char            *phone);
void                   civic_legislator_editor_add_staffer (CivicLegislatorEditor *self,
                                                            const char            *name,
                                                            const char            *title,
                                                            const char            *email,
                                                            const char            *phone,
                                                            const char            *issues);
const char            *civic_legislator_editor_get_error  (CivicLegislatorEditor *self);
gboolean               civic_legislator_editor_save       (CivicLegislatorEditor *self);

G_END_DECLS
