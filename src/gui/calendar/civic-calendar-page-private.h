/* civic-calendar-page-private.h — what the calendar page's files share
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is split like Text Editor's pages: civic-calendar-page.c holds
 * the views, range, filters and loading; civic-calendar-page-actions.c the
 * editor, undo, iCalendar import/export, drag and drop, and printing.
 */

#pragma once

#include "civic-calendar-page.h"
#include "civic-calendar-print.h"
#include "civic-event-editor.h"

G_BEGIN_DECLS

/* Whether @event passes the page's filters (pure; tested headless). */
gboolean _civic_calendar_event_matches         (JsonObject        *event,
                                                GHashTable        *hidden_kinds,
                                                const char        *office,
                                                const char        *campaign,
                                                const char        *search,
                                                gboolean           board_only);
/* The filters in words, for the printed page's title. */
char    *_civic_calendar_page_describe_filters (CivicCalendarPage *self);
gint64   _civic_calendar_page_get_last_load_us (CivicCalendarPage *self);
gboolean _civic_calendar_page_is_preparing     (CivicCalendarPage *self);
gboolean _civic_calendar_page_range_was_prepared (CivicCalendarPage *self);
gboolean _civic_calendar_page_is_switching_view (CivicCalendarPage *self);
/* The week view's scrolled position. */
GtkAdjustment *_civic_calendar_page_get_week_adjustment (CivicCalendarPage *self);
/* The header's title ("November 2026"). */
const char *_civic_calendar_page_get_title     (CivicCalendarPage *self);
/* The filter popover's contents (empty until it is first opened). */
GtkWidget *_civic_calendar_page_get_filter_box (CivicCalendarPage *self);

/* civic-calendar-page-actions.c */
void     _civic_calendar_page_class_init_actions (GtkWidgetClass  *widget_class);
void     _civic_calendar_page_init_actions     (CivicCalendarPage *self);
CivicEventEditor   *_civic_calendar_page_open_editor  (CivicCalendarPage *self,
                                                       const char        *event_id,
                                                       const char        *occurrence,
                                                       GDateTime         *default_start);
void                _civic_calendar_page_import_file  (CivicCalendarPage *self,
                                                       GFile             *file);
CivicCalendarPrint *_civic_calendar_page_create_print (CivicCalendarPage *self);
/* Puts @previous back (what the Undo button of a delete toast does). */
void                _civic_calendar_page_undo_delete  (CivicCalendarPage *self,
                                                       JsonObject        *previous);

G_END_DECLS
