/* civic-calendar-item.h — one occurrence as the calendar views draw it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The views never read documents: the calendar page expands events into
 * occurrences (off the main thread) and hands the views these small,
 * immutable items with times already in the display zone.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_CALENDAR_ITEM (civic_calendar_item_get_type ())

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char      *event_id;
  char      *occurrence;   /* the occurrence's start date for repeating events, else NULL */
  char      *title;
  char      *kind;
  char      *office_name;  /* may be NULL */
  char      *location;     /* may be NULL */
  GDateTime *starts;       /* in the display zone */
  GDateTime *ends;         /* exclusive; for all-day items midnight after the last day */
  gboolean   all_day;
  gboolean   cancelled;
  gboolean   repeats;
  GdkRGBA    color;

  /*< private >*/
  char      *month_label;  /* made by the getters below, on the main thread */
  char      *week_label;
} CivicCalendarItem;

GType              civic_calendar_item_get_type     (void) G_GNUC_CONST;
CivicCalendarItem *civic_calendar_item_new          (const char        *event_id,
                                                     const char        *title,
                                                     const char        *kind,
                                                     GDateTime         *starts,
                                                     GDateTime         *ends,
                                                     gboolean           all_day);
CivicCalendarItem *civic_calendar_item_ref          (CivicCalendarItem *self);
void               civic_calendar_item_unref        (CivicCalendarItem *self);
/* Whether the item is drawn as a bar across days (all-day or longer than a day). */
gboolean           civic_calendar_item_spans_days   (const CivicCalendarItem *self);
/* "6:00PM Phone bank": how the month view labels a timed item. */
const char        *civic_calendar_item_get_month_label (CivicCalendarItem *self);
/* "Phone bank\n6:00 PM": how the week view labels a timed item. */
const char        *civic_calendar_item_get_week_label  (CivicCalendarItem *self);
/* Orders by start, then all-day first, then longer first, then title. */
int                civic_calendar_item_compare      (gconstpointer      a,
                                                     gconstpointer      b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicCalendarItem, civic_calendar_item_unref)

G_END_DECLS
