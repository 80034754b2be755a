/* civic-calendar-print.h — the visible month or week on paper
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-calendar-item.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CALENDAR_PRINT (civic_calendar_print_get_type ())
G_DECLARE_FINAL_TYPE (CivicCalendarPrint, civic_calendar_print, CIVIC, CALENDAR_PRINT, GObject)

/* @from/@to: the days to draw (whole weeks); @month: the month shown, so
 * days of other months print grey (%NULL for a week).
 */
CivicCalendarPrint *civic_calendar_print_new              (const char         *title,
                                                           const char         *subtitle,
                                                           GDateTime          *from,
                                                           GDateTime          *to,
                                                           GDateTime          *month,
                                                           GPtrArray          *items);
/* Draws the page; used by the print operation and by tests (to a PDF surface). */
void                civic_calendar_print_draw_page        (CivicCalendarPrint *self,
                                                           cairo_t            *cr,
                                                           PangoLayout        *layout,
                                                           double              width,
                                                           double              height);
GtkPrintOperation  *civic_calendar_print_create_operation (CivicCalendarPrint *self);

G_END_DECLS
