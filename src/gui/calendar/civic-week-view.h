/* civic-week-view.h — seven days of hours, drawn by one widget
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-calendar-item.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_WEEK_VIEW (civic_week_view_get_type ())
G_DECLARE_FINAL_TYPE (CivicWeekView, civic_week_view, CIVIC, WEEK_VIEW, GtkWidget)

GtkWidget  *civic_week_view_new               (void);
/* Shows the week containing @date. */
void        civic_week_view_set_week          (CivicWeekView *self,
                                               GDateTime     *date);
GDateTime  *civic_week_view_get_range_start   (CivicWeekView *self);
/* The days the week of @date would show, without showing it (for prefetching). */
void        civic_week_view_range_for         (CivicWeekView *self,
                                               GDateTime     *date,
                                               GDateTime    **from,
                                               GDateTime    **to);
GDateTime  *civic_week_view_get_range_end     (CivicWeekView *self);
void        civic_week_view_set_items         (CivicWeekView *self,
                                               GPtrArray     *items);
/* Lays out and shapes ahead, while idle, the week starting at @range_start
 * with @items (the array that will be given to set_items()), so paging to
 * it draws at once.  Does one step of at most @budget labels per call;
 * returns TRUE when that week is ready.
 */
gboolean    civic_week_view_prepare           (CivicWeekView *self,
                                               GDateTime     *range_start,
                                               GPtrArray     *items,
                                               guint          budget);
void        civic_week_view_set_first_weekday (CivicWeekView *self,
                                               int            weekday);
/* For tests: how many items are laid out in the all-day band and as timed blocks. */
void        civic_week_view_get_counts        (CivicWeekView *self,
                                               guint         *all_day,
                                               guint         *timed);
/* For tests: how many timed items day @col (0..6) hides behind "+N", as allocated. */
guint       civic_week_view_get_hidden        (CivicWeekView *self,
                                               int            col);
/* For tests: the width of the hours' column, which fits the hour names. */
int         civic_week_view_get_gutter_width  (CivicWeekView *self);
/* For tests: whether the week shown was laid out ahead by prepare(). */
gboolean    civic_week_view_week_was_prepared (CivicWeekView *self);
GskRenderNode *civic_week_view_get_blocks_node (CivicWeekView *self);
gboolean    civic_week_view_get_now_line      (CivicWeekView   *self,
                                               GDateTime       *now,
                                               graphene_rect_t *rect);

G_END_DECLS
