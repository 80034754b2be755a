/* civic-month-view.h — a month grid that draws its occurrences itself
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-calendar-item.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_MONTH_VIEW (civic_month_view_get_type ())
G_DECLARE_FINAL_TYPE (CivicMonthView, civic_month_view, CIVIC, MONTH_VIEW, GtkWidget)

GtkWidget  *civic_month_view_new               (void);
/* Shows the month containing @date (any zone; its local date is used). */
void        civic_month_view_set_month         (CivicMonthView *self,
                                                GDateTime      *date);
/* The first and the day after the last day shown (six weeks), in @date's zone. */
GDateTime  *civic_month_view_get_range_start   (CivicMonthView *self);
/* The grid the month of @date would show, without showing it (for prefetching). */
void        civic_month_view_range_for         (CivicMonthView *self,
                                                GDateTime      *date,
                                                GDateTime     **from,
                                                GDateTime     **to);
GDateTime  *civic_month_view_get_range_end     (CivicMonthView *self);
/* @items: CivicCalendarItem*, any order; the view keeps a reference. */
void        civic_month_view_set_items         (CivicMonthView *self,
                                                GPtrArray      *items);
/* Lays out and shapes ahead, while idle, the page starting at
 * @range_start with @items (the array that will be given to set_items(),
 * any order), so paging to it draws at once.  Does one step of at most
 * @budget labels per call; returns TRUE when that page is ready.
 */
gboolean    civic_month_view_prepare           (CivicMonthView *self,
                                                GDateTime      *range_start,
                                                GPtrArray      *items,
                                                guint           budget);
void        civic_month_view_set_selected_date (CivicMonthView *self,
                                                GDateTime      *date);
GDateTime  *civic_month_view_get_selected_date (CivicMonthView *self);
/* The first day of the week, 0 = Sunday … 6 = Saturday (from the locale by default). */
void        civic_month_view_set_first_weekday (CivicMonthView *self,
                                                int             weekday);
/* For tests: how many items day @day_index (0..41) shows and hides behind "+N more". */
void        civic_month_view_get_day_counts    (CivicMonthView *self,
                                                guint           day_index,
                                                guint          *shown,
                                                guint          *hidden);
/* For tests: whether the page shown was laid out ahead by prepare(). */
gboolean    civic_month_view_page_was_prepared (CivicMonthView *self);
GskRenderNode *civic_month_view_get_items_node (CivicMonthView *self);

G_END_DECLS
