/* civic-calendar-page.h — the Calendar page of the main window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CALENDAR_PAGE (civic_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (CivicCalendarPage, civic_calendar_page, CIVIC, CALENDAR_PAGE, AdwBin)

CivicStore *civic_calendar_page_get_store         (CivicCalendarPage *self);
void        civic_calendar_page_set_store         (CivicCalendarPage *self,
                                                   CivicStore        *store);
gboolean    civic_calendar_page_get_read_only     (CivicCalendarPage *self);
void        civic_calendar_page_set_read_only     (CivicCalendarPage *self,
                                                   gboolean           read_only);
/* "month", "week" or "agenda". */
const char *civic_calendar_page_get_view_mode     (CivicCalendarPage *self);
void        civic_calendar_page_set_view_mode     (CivicCalendarPage *self,
                                                   const char        *mode);
/* The day the visible range is built around (local midnight). */
GDateTime  *civic_calendar_page_get_date          (CivicCalendarPage *self);
void        civic_calendar_page_set_date          (CivicCalendarPage *self,
                                                   GDateTime         *date);
void        civic_calendar_page_get_visible_range (CivicCalendarPage *self,
                                                   GDateTime        **from,
                                                   GDateTime        **to);
/* The CivicCalendarItems the visible view shows (after filters). */
GPtrArray  *civic_calendar_page_get_items         (CivicCalendarPage *self);

G_END_DECLS
