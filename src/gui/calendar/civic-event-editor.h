/* civic-event-editor.h — create and edit an event, one occurrence or the series
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_EVENT_EDITOR (civic_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (CivicEventEditor, civic_event_editor, CIVIC, EVENT_EDITOR, AdwWindow)

/* @event: the document to edit, or %NULL for a new event starting on
 * @default_start; @occurrence: the occurrence's date when the person opened
 * one occurrence of a repeating event.  @offices and @campaigns (JsonObject
 * documents) fill the choices.
 */
CivicEventEditor *civic_event_editor_new                (CivicStore       *store,
                                                         JsonObject       *event,
                                                         const char       *occurrence,
                                                         GDateTime        *default_start,
                                                         GPtrArray        *offices,
                                                         GPtrArray        *campaigns,
                                                         const char       *user_name);
/* Where other features add sections (the roster's shifts). */
GtkBox           *civic_event_editor_get_extensions_box (CivicEventEditor *self);
JsonObject       *civic_event_editor_get_original       (CivicEventEditor *self);
const char       *civic_event_editor_get_occurrence     (CivicEventEditor *self);
/* For tests. */
void              civic_event_editor_set_title_text     (CivicEventEditor *self,
                                                         const char       *title);

G_END_DECLS
