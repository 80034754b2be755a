/* civic-visit-editor.h — log a visit, or debrief one in the hallway right after it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"
#include "civic-visit.h"
#include "civic-volunteer-search.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VISIT_EDITOR (civic_visit_editor_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitEditor, civic_visit_editor, CIVIC, VISIT_EDITOR, AdwWindow)

/* What the editor offers in its choosers; each array holds JsonObject*
 * documents (borrowed for the editor's life: it refs the arrays).
 */
typedef struct {
  GPtrArray            *legislators;
  GPtrArray            *campaigns;
  GPtrArray            *lobby_days;   /* events of kind legislative_visit */
  GPtrArray            *offices;
  GHashTable           *volunteer_names;  /* id → name, may be NULL */
  CivicVolunteerSearch *search;           /* may be NULL: no roster search */
} CivicVisitEditorChoices;

/* @visit: the visit to edit (copied), or %NULL for a new one.  @debrief
 * puts the position, commitments and follow-ups first and the rest under
 * an expander.
 */
CivicVisitEditor *civic_visit_editor_new            (CivicStore                    *store,
                                                     CivicVisit                    *visit,
                                                     const CivicVisitEditorChoices *choices,
                                                     gboolean                       debrief);
gboolean          civic_visit_editor_get_debrief    (CivicVisitEditor *self);
void              civic_visit_editor_set_read_only  (CivicVisitEditor *self,
                                                     gboolean          read_only);
void              civic_visit_editor_set_legislator (CivicVisitEditor *self,
                                                     const char       *legislator_id);
void              civic_visit_editor_set_lobby_day  (CivicVisitEditor *self,
                                                     const char       *event_id);

/* What the form's widgets do, for tests and scripts: the same code paths
 * as the buttons.
 */
void              civic_visit_editor_set_when       (CivicVisitEditor *self,
                                                     const char       *date,
                                                     const char       *time);
void              civic_visit_editor_set_position   (CivicVisitEditor *self,
                                                     const char       *position);
void              civic_visit_editor_set_topics     (CivicVisitEditor *self,
                                                     const char       *issues,
                                                     const char       *bills);
void              civic_visit_editor_set_commitments (CivicVisitEditor *self,
                                                     const char       *commitments);
void              civic_visit_editor_add_attendee   (CivicVisitEditor *self,
                                                     const char       *volunteer_id,
                                                     const char       *role,
                                                     gboolean          constituent);
void              civic_visit_editor_add_follow_up  (CivicVisitEditor *self,
                                                     const char       *task,
                                                     const char       *owner_id,
                                                     const char       *due_on);
/* The reason shown next to @field ("legislator_id", "occurs_at",
 * "follow_ups", …), or %NULL when it shows none.
 */
const char       *civic_visit_editor_get_field_error (CivicVisitEditor *self,
                                                      const char       *field);
/* Validates and, when the form is valid, saves in a thread; ::saved
 * follows.  FALSE when the form shows errors.
 */
gboolean          civic_visit_editor_save           (CivicVisitEditor *self);

G_END_DECLS
