/* civic-volunteers-page-private.h — what the roster page's files share, and test hooks
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-table-print.h"
#include "civic-volunteer-editor.h"
#include "civic-volunteer-search.h"
#include "civic-volunteers-page.h"

G_BEGIN_DECLS

/* Hours of the current campaign and last shifts, per volunteer id. */
typedef struct {
  char   *last_shift;  /* "YYYY-MM-DD" or NULL */
  double  hours;
} CivicVolunteerStats;

/* Shared between civic-volunteers-page.c and -actions.c. */
void        _civic_volunteers_page_class_init_actions (GtkWidgetClass      *widget_class);
void        _civic_volunteers_page_update_actions     (CivicVolunteersPage *self);
void        _civic_volunteers_page_add_toast          (CivicVolunteersPage *self,
                                                       AdwToast            *toast);
void        _civic_volunteers_page_show_error         (CivicVolunteersPage *self,
                                                       const GError        *error);
/* The ids of the selected rows, in the order shown; a new GStrv. */
GStrv       _civic_volunteers_page_dup_selected_ids   (CivicVolunteersPage *self);
/* "Office: Koreatown · Language: ko · “kim”", for print titles. */
char       *_civic_volunteers_page_describe_filters   (CivicVolunteersPage *self);
GHashTable *_civic_volunteers_page_get_office_names   (CivicVolunteersPage *self);
/* The current campaign's id and name (NULL when there is none). */
const char *_civic_volunteers_page_get_campaign_id    (CivicVolunteersPage *self);
const char *_civic_volunteers_page_get_campaign_name  (CivicVolunteersPage *self);
void        _civic_volunteers_page_open_volunteer     (CivicVolunteersPage *self,
                                                       const char          *id);

GPtrArray **_civic_volunteers_page_undo_slot        (CivicVolunteersPage *self);
gboolean    _civic_volunteers_page_is_loaded          (CivicVolunteersPage *self);
guint       _civic_volunteers_page_bulk_done_signal   (void);
gboolean    _civic_volunteers_page_has_volunteer      (CivicVolunteersPage *self);
void        _civic_volunteers_page_new_volunteer      (CivicVolunteersPage *self);

void        _civic_volunteers_page_init_drop          (CivicVolunteersPage *self);

/* Test hooks: the rows shown (CivicVolunteerRow), in order; the column
 * view's selection, whose position i is the i-th row shown; the editor; and
 * the bulk changes' undo of the last one.
 */
GListModel           *_civic_volunteers_page_get_model     (CivicVolunteersPage *self);
GtkSelectionModel    *_civic_volunteers_page_get_selection (CivicVolunteersPage *self);
GtkColumnView        *_civic_volunteers_page_get_column_view (CivicVolunteersPage *self);
GtkMenuButton        *_civic_volunteers_page_get_filter_button (CivicVolunteersPage *self);
CivicVolunteerEditor *_civic_volunteers_page_get_editor    (CivicVolunteersPage *self);
/* The search index, once loaded (%NULL before). */
CivicVolunteerSearch *_civic_volunteers_page_get_index     (CivicVolunteersPage *self);
/* Runs the search at once, as a keystroke would; returns its time in µs. */
gint64                _civic_volunteers_page_search_now    (CivicVolunteersPage *self,
                                                            const char          *text);
/* Deactivates the selected volunteers in one transaction (as the action
 * does); ::bulk-done is emitted when it is written.
 */
void                  _civic_volunteers_page_deactivate_selected (CivicVolunteersPage *self);
/* The roster as shown, as a table to print. */
CivicTablePrint      *_civic_volunteers_page_create_print  (CivicVolunteersPage *self);
/* Undoes the last bulk change (what its toast's Undo button does). */
void                  _civic_volunteers_page_undo_last     (CivicVolunteersPage *self);

G_END_DECLS
