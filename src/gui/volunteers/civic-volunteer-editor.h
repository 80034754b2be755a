/* civic-volunteer-editor.h — a volunteer's page: every field, validation, shift history, hours
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VOLUNTEER_EDITOR (civic_volunteer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteerEditor, civic_volunteer_editor, CIVIC, VOLUNTEER_EDITOR, AdwBin)

GtkWidget  *civic_volunteer_editor_new              (void);
void        civic_volunteer_editor_set_store        (CivicVolunteerEditor *self,
                                                     CivicStore           *store);
void        civic_volunteer_editor_set_read_only    (CivicVolunteerEditor *self,
                                                     gboolean              read_only);
/* id → name of the offices, for the office choice (copied). */
void        civic_volunteer_editor_set_office_names (CivicVolunteerEditor *self,
                                                     GHashTable           *office_names);
/* The campaign whose hours the page shows besides the total. */
void        civic_volunteer_editor_set_campaign     (CivicVolunteerEditor *self,
                                                     const char           *campaign_id,
                                                     const char           *campaign_name);

/* Shows the volunteer @id (read from the store in a thread; ::loaded
 * follows) and its shift history.
 */
void        civic_volunteer_editor_load             (CivicVolunteerEditor *self,
                                                     const char           *id);
/* Shows an empty form for a new volunteer. */
void        civic_volunteer_editor_new_volunteer    (CivicVolunteerEditor *self);
/* The id shown, %NULL for a new volunteer not saved yet. */
const char *civic_volunteer_editor_get_volunteer_id (CivicVolunteerEditor *self);
/* "Kim Min-su · 김민수", or "New Volunteer". */
const char *civic_volunteer_editor_get_title        (CivicVolunteerEditor *self);
gboolean    civic_volunteer_editor_get_modified     (CivicVolunteerEditor *self);

/* Validates the form (showing each error next to its field) and, for a new
 * volunteer, looks for duplicates (asking what to do) before saving in a
 * thread.  FALSE when the form is invalid: nothing is written then.
 */
gboolean    civic_volunteer_editor_save             (CivicVolunteerEditor *self);

/* For tests: the form's text field @field ("given_name", "email",
 * "emergency_contact.phone", …), the reason shown next to a field (%NULL
 * when none), and the duplicate question while it is open.
 */
void        civic_volunteer_editor_set_field_text   (CivicVolunteerEditor *self,
                                                     const char           *field,
                                                     const char           *text);
const char *civic_volunteer_editor_get_field_error  (CivicVolunteerEditor *self,
                                                     const char           *field);
AdwMessageDialog *civic_volunteer_editor_get_duplicate_dialog (CivicVolunteerEditor *self);
/* The shift-history rows shown (after ::history-loaded). */
guint       civic_volunteer_editor_get_n_history    (CivicVolunteerEditor *self);
/* The row of the history's @position-th shift, or %NULL. */
AdwActionRow *civic_volunteer_editor_get_history_row (CivicVolunteerEditor *self,
                                                      guint                 position);

G_END_DECLS
