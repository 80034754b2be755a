/* civic-calendar-item.c — one occurrence as the calendar views draw it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-calendar-item"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cal-time.h"
#include "civic-calendar-item.h"

G_DEFINE_BOXED_TYPE (CivicCalendarItem, civic_calendar_item,
                     civic_calendar_item_ref, civic_calendar_item_unref)

CivicCalendarItem *
civic_calendar_item_new (const char *event_id,
                         const char *title,
                         const char *kind,
                         GDateTime  *starts,
                         GDateTime  *ends,
                         gboolean    all_day)
{
  CivicCalendarItem *self;

  g_return_val_if_fail (starts != NULL, NULL);
  g_return_val_if_fail (ends != NULL, NULL);

  self = g_new0 (CivicCalendarItem, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->event_id = g_strdup (event_id);
  self->title = g_strdup (title);
  self->kind = g_strdup (kind);
  self->starts = g_date_time_ref (starts);
  self->ends = g_date_time_ref (ends);
  self->all_day = all_day;
  self->color = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };

  return self;
}

CivicCalendarItem *
civic_calendar_item_ref (CivicCalendarItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
civic_calendar_item_unref (CivicCalendarItem *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->event_id);
  g_free (self->occurrence);
  g_free (self->title);
  g_free (self->kind);
  g_free (self->office_name);
  g_free (self->location);
  g_clear_pointer (&self->starts, g_date_time_unref);
  g_clear_pointer (&self->ends, g_date_time_unref);
  g_free (self->month_label);
  g_free (self->week_label);
  g_free (self);
}

/* Formatting a time reads the locale's tables: once per item, not once
 * per item per frame.
 */
const char *
civic_calendar_item_get_month_label (CivicCalendarItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->month_label == NULL)
    {
      g_autofree char *time = civic_cal_format_time (self->starts, C_("short time of day", "%l:%M%p"));

      self->month_label = g_strdup_printf ("%s %s", time, self->title);
    }
  return self->month_label;
}

const char *
civic_calendar_item_get_week_label (CivicCalendarItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->week_label == NULL)
    {
      g_autofree char *time = civic_cal_format_time (self->starts, C_("time of day", "%l:%M %p"));

      self->week_label = g_strdup_printf ("%s\n%s", self->title, time);
    }
  return self->week_label;
}

gboolean
civic_calendar_item_spans_days (const CivicCalendarItem *self)
{
  g_autoptr(GDateTime) day_after_start = NULL;

  if (self->all_day)
    return TRUE;

  /* A timed event that ends after midnight of the day after it starts
   * crosses at least one day boundary, so it is drawn as a bar.
   */
  day_after_start = g_date_time_add_days (self->starts, 1);
  return g_date_time_compare (self->ends, day_after_start) > 0;
}

int
civic_calendar_item_compare (gconstpointer a,
                             gconstpointer b)
{
  const CivicCalendarItem *ia = *(CivicCalendarItem * const *) a;
  const CivicCalendarItem *ib = *(CivicCalendarItem * const *) b;
  GTimeSpan la, lb;
  int cmp;

  if ((cmp = g_date_time_compare (ia->starts, ib->starts)) != 0)
    return cmp;
  if (ia->all_day != ib->all_day)
    return ia->all_day ? -1 : 1;

  la = g_date_time_difference (ia->ends, ia->starts);
  lb = g_date_time_difference (ib->ends, ib->starts);
  if (la != lb)
    return la > lb ? -1 : 1;

  return g_strcmp0 (ia->title, ib->title);
}
