/* civic-recurrence.c — expanding events into the occurrences of a date range
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libical iterates the RRULE over *floating* wall-clock times (no zone), and
 * GTimeZone turns each wall-clock time into an instant.  Iterating in
 * floating time is what keeps a 6 pm event at 6 pm across a DST change; it
 * also means libical never needs its own time zone database here, which is
 * not safe to load from several threads at once.  UNTIL is an instant (or a
 * date) that libical would compare against floating times as if they were
 * UTC, so it is taken out of the rule and checked here instead.
 */

#define G_LOG_DOMAIN "civic-recurrence"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "civic-cal-time.h"
#include "civic-json.h"
#include "civic-recurrence.h"

/* A rule that yields more than this many occurrences before reaching the
 * range (FREQ=SECONDLY with COUNT, say) is cut off rather than allowed to
 * stall the calendar.
 */
#define MAX_ITERATIONS 200000

G_DEFINE_QUARK (civic-recurrence-error-quark, civic_recurrence_error)

/* ---- CivicOccurrence ---------------------------------------------------- */

G_DEFINE_BOXED_TYPE (CivicOccurrence, civic_occurrence,
                     civic_occurrence_ref, civic_occurrence_unref)

static CivicOccurrence *
occurrence_new (const char *event_id,
                const char *series_id,
                const char *occurrence,
                GDateTime  *starts,
                GDateTime  *ends,
                gboolean    all_day,
                gboolean    repeats,
                JsonObject *event)
{
  CivicOccurrence *self = g_new0 (CivicOccurrence, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->event_id = g_strdup (event_id);
  self->series_id = g_strdup (series_id);
  self->occurrence = g_strdup (occurrence);
  self->starts = g_date_time_ref (starts);
  self->ends = g_date_time_ref (ends);
  self->all_day = all_day;
  self->repeats = repeats;
  self->event = json_object_ref (event);
  return self;
}

CivicOccurrence *
civic_occurrence_ref (CivicOccurrence *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
civic_occurrence_unref (CivicOccurrence *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->event_id);
  g_free (self->series_id);
  g_free (self->occurrence);
  g_date_time_unref (self->starts);
  g_date_time_unref (self->ends);
  json_object_unref (self->event);
  g_free (self);
}

const char *
civic_occurrence_get_title (CivicOccurrence *self)
{
  const char *title;

  g_return_val_if_fail (self != NULL, "");

  title = civic_json_object_get_string_or_null (self->event, "title");
  return title != NULL ? title : "";
}

int
civic_occurrence_compare (gconstpointer a,
                          gconstpointer b)
{
  CivicOccurrence *oa = *(CivicOccurrence **) a;
  CivicOccurrence *ob = *(CivicOccurrence **) b;
  int cmp;

  cmp = g_date_time_compare (oa->starts, ob->starts);
  if (cmp != 0)
    return cmp;
  /* Code-point order: fast, the same everywhere, and Hangul syllables are
   * in dictionary order in Unicode.
   */
  cmp = strcmp (civic_occurrence_get_title (oa), civic_occurrence_get_title (ob));
  if (cmp != 0)
    return cmp;
  cmp = g_strcmp0 (oa->event_id, ob->event_id);
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (oa->occurrence, ob->occurrence);
}

/* ---- Reading an event's time -------------------------------------------- */

typedef struct {
  gboolean   all_day;
  /* Timed events: the first start as wall-clock time in the event's zone. */
  GTimeZone *zone;
  GDateTime *start_local;
  GTimeSpan  duration;
  /* All-day events: the first day and the number of days covered. */
  GDate      start_date;
  int        days;
} EventTime;

static void
event_time_clear (EventTime *time)
{
  g_clear_pointer (&time->zone, g_time_zone_unref);
  g_clear_pointer (&time->start_local, g_date_time_unref);
}

static gboolean
set_invalid (GError    **error,
             JsonObject *event,
             const char *field,
             const char *reason)
{
  const char *id = civic_json_object_get_string_or_null (event, "_id");

  /* TRANSLATORS: "event:abc: starts_at: not a UTC ISO 8601 instant" */
  g_set_error (error, CIVIC_RECURRENCE_ERROR, CIVIC_RECURRENCE_ERROR_INVALID,
               _("%s: %s: %s"), id != NULL ? id : _("event"), field, reason);
  return FALSE;
}

static GTimeZone *
event_zone (JsonObject *event)
{
  const char *tzid = civic_json_object_get_string_or_null (event, "tzid");
  GTimeZone *zone = NULL;

  if (tzid != NULL && *tzid != '\0')
    zone = civic_cal_zone_new (tzid);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  return zone;
}

static gboolean
event_time_read (JsonObject *event,
                 EventTime  *time,
                 GError    **error)
{
  memset (time, 0, sizeof *time);
  g_date_clear (&time->start_date, 1);
  time->all_day = civic_json_object_get_boolean_or (event, "all_day", FALSE);
  time->zone = event_zone (event);

  if (time->all_day)
    {
      const char *starts_on = civic_json_object_get_string_or_null (event, "starts_on");
      const char *ends_on = civic_json_object_get_string_or_null (event, "ends_on");
      GDate end;

      if (!civic_cal_parse_date (starts_on, &time->start_date))
        {
          /* An all-day event written without its dates still has an
           * instant; its date in the event's zone is the day meant.
           */
          g_autoptr(GDateTime) starts = civic_cal_parse_instant (
            civic_json_object_get_string_or_null (event, "starts_at"));

          if (starts == NULL)
            return set_invalid (error, event, "starts_on", _("not a date (YYYY-MM-DD)"));
          civic_cal_date_in_zone (starts, time->zone, &time->start_date);
        }

      time->days = 1;
      if (ends_on != NULL && *ends_on != '\0')
        {
          if (!civic_cal_parse_date (ends_on, &end))
            return set_invalid (error, event, "ends_on", _("not a date (YYYY-MM-DD)"));
          /* ends_on is the last day covered. */
          time->days = MAX (1, g_date_days_between (&time->start_date, &end) + 1);
        }
      return TRUE;
    }
  else
    {
      g_autoptr(GDateTime) starts = NULL;
      g_autoptr(GDateTime) ends = NULL;
      const char *ends_at;

      starts = civic_cal_parse_instant (civic_json_object_get_string_or_null (event, "starts_at"));
      if (starts == NULL)
        return set_invalid (error, event, "starts_at", _("not a UTC ISO 8601 instant"));

      ends_at = civic_json_object_get_string_or_null (event, "ends_at");
      if (ends_at != NULL && *ends_at != '\0')
        {
          ends = civic_cal_parse_instant (ends_at);
          if (ends == NULL)
            return set_invalid (error, event, "ends_at", _("not a UTC ISO 8601 instant"));
          time->duration = MAX (0, g_date_time_difference (ends, starts));
        }

      time->start_local = g_date_time_to_timezone (starts, time->zone);
      return TRUE;
    }
}

/* The instant at which the wall-clock time @t (floating) falls in @zone. */
static GDateTime *
floating_to_utc (struct icaltimetype t,
                 GTimeZone          *zone)
{
  g_autoptr(GDateTime) local = g_date_time_new (zone, t.year, t.month, t.day,
                                                t.hour, t.minute, t.second);

  return local != NULL ? g_date_time_to_utc (local) : NULL;
}

static struct icaltimetype
local_to_floating (GDateTime *local)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (local);
  t.month = g_date_time_get_month (local);
  t.day = g_date_time_get_day_of_month (local);
  t.hour = g_date_time_get_hour (local);
  t.minute = g_date_time_get_minute (local);
  t.second = g_date_time_get_second (local);
  return t;
}

static void
date_from_floating (struct icaltimetype t,
                    GDate              *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year);
}

/* The occurrence of the first day @date of an event covering @days days. */
static void
all_day_bounds (const GDate *date,
                int          days,
                GTimeZone   *display_zone,
                GDateTime  **starts,
                GDateTime  **ends)
{
  GDate last = *date;

  /* A replicated or imported event may end before it starts: show it as
   * one day rather than trip GDate's range checks.
   */
  g_date_add_days (&last, (guint) MAX (days, 1));
  *starts = civic_cal_date_start (date, display_zone);
  *ends = civic_cal_date_start (&last, display_zone);
}

static gboolean
overlaps (GDateTime *starts,
          GDateTime *ends,
          GDateTime *from,
          GDateTime *to)
{
  if (g_date_time_compare (starts, to) >= 0)
    return FALSE;
  /* A zero-length event is a point: in the range if it starts there. */
  if (g_date_time_compare (starts, ends) == 0)
    return g_date_time_compare (starts, from) >= 0;
  return g_date_time_compare (ends, from) > 0;
}

gboolean
civic_recurrence_is_repeating (JsonObject *event)
{
  const char *rrule;

  g_return_val_if_fail (event != NULL, FALSE);

  rrule = civic_json_object_get_string_or_null (event, "rrule");
  return rrule != NULL && *rrule != '\0';
}

/* The set of exdates ("YYYY-MM-DD") of @event.  A UTC instant (which
 * domain.md also allows) names its date in @zone; a local date-time
 * ("2026-10-11T18:00:00") names its own date.
 */
static GHashTable *
read_exdates (JsonObject *event,
              GTimeZone  *zone)
{
  JsonArray *array = civic_json_object_get_array_or_null (event, "exdates");
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          g_autoptr(GDateTime) instant = civic_cal_parse_instant (text);

          if (instant != NULL)
            {
              GDate date;

              civic_cal_date_in_zone (instant, zone, &date);
              g_hash_table_add (set, civic_cal_format_date (&date));
            }
          else if (text != NULL && strlen (text) >= 10)
            g_hash_table_add (set, g_strndup (text, 10));
        }
    }
  return set;
}

static gboolean
expand_single (JsonObject *event,
               EventTime  *time,
               GDateTime  *from,
               GDateTime  *to,
               GTimeZone  *display_zone,
               GPtrArray  *out)
{
  const char *id = civic_json_object_get_string_or_null (event, "_id");
  const char *series_id = civic_json_object_get_string_or_null (event, "recurrence_of");
  const char *recurrence_id = civic_json_object_get_string_or_null (event, "recurrence_id");
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autofree char *date = NULL;
  gboolean exception = series_id != NULL && *series_id != '\0';

  if (time->all_day)
    {
      all_day_bounds (&time->start_date, time->days, display_zone, &starts, &ends);
      date = civic_cal_format_date (&time->start_date);
    }
  else
    {
      GDate start_date;

      starts = g_date_time_to_utc (time->start_local);
      ends = g_date_time_add (starts, time->duration);
      g_date_clear (&start_date, 1);
      g_date_set_dmy (&start_date,
                      (GDateDay) g_date_time_get_day_of_month (time->start_local),
                      (GDateMonth) g_date_time_get_month (time->start_local),
                      (GDateYear) g_date_time_get_year (time->start_local));
      date = civic_cal_format_date (&start_date);
    }

  if (!overlaps (starts, ends, from, to))
    return TRUE;

  g_ptr_array_add (out, occurrence_new (id,
                                        exception ? series_id : NULL,
                                        exception && recurrence_id != NULL ? recurrence_id : date,
                                        starts, ends, time->all_day, exception, event));
  return TRUE;
}

static gboolean
expand_series (JsonObject *event,
               EventTime  *time,
               GDateTime  *from,
               GDateTime  *to,
               GHashTable *exception_dates,
               GTimeZone  *display_zone,
               GPtrArray  *out,
               GError    **error)
{
  const char *id = civic_json_object_get_string_or_null (event, "_id");
  const char *rrule = civic_json_object_get_string_or_null (event, "rrule");
  g_autoptr(GHashTable) exdates = NULL;
  g_autoptr(GDateTime) until_instant = NULL;
  struct icalrecurrencetype rule;
  struct icaltimetype dtstart;
  struct icaltimetype until;
  icalrecur_iterator *iter;
  GDate until_date;
  gboolean has_until_date = FALSE;

  g_date_clear (&until_date, 1);

  /* Some writers keep the property name in the value. */
  if (g_ascii_strncasecmp (rrule, "RRULE:", 6) == 0)
    rrule += 6;

  rule = icalrecurrencetype_from_string (rrule);
  icalerror_clear_errno ();
  if (rule.freq == ICAL_NO_RECURRENCE)
    return set_invalid (error, event, "rrule", _("not an iCalendar recurrence rule"));

  /* UNTIL is checked against real instants below (see the top of file). */
  until = rule.until;
  rule.until = icaltime_null_time ();
  if (!icaltime_is_null_time (until))
    {
      if (until.is_date || time->all_day)
        {
          g_date_set_dmy (&until_date, (GDateDay) until.day, (GDateMonth) until.month,
                          (GDateYear) until.year);
          has_until_date = g_date_valid (&until_date);
        }
      else if (icaltime_is_utc (until))
        until_instant = g_date_time_new_utc (until.year, until.month, until.day,
                                             until.hour, until.minute, until.second);
      else
        {
          /* A floating UNTIL (not RFC 5545, but written) is wall-clock
           * time in the event's zone.
           */
          until.zone = NULL;
          until_instant = floating_to_utc (until, time->zone);
        }
    }

  if (time->all_day)
    {
      /* Not icaltime_null_date(): its time fields make libical move the
       * dates a day back.
       */
      dtstart = icaltime_null_time ();
      dtstart.is_date = 1;
      dtstart.year = g_date_get_year (&time->start_date);
      dtstart.month = g_date_get_month (&time->start_date);
      dtstart.day = g_date_get_day (&time->start_date);
    }
  else
    dtstart = local_to_floating (time->start_local);

  iter = icalrecur_iterator_new (rule, dtstart);
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      return set_invalid (error, event, "rrule", _("not an iCalendar recurrence rule"));
    }

  /* Only the range is expanded: start the iterator a day before the
   * earliest start whose occurrence could still reach the range.  libical
   * cannot skip ahead when the rule counts its occurrences.
   */
  if (rule.count == 0)
    {
      g_autoptr(GDateTime) earliest = NULL;
      g_autoptr(GDateTime) earliest_local = NULL;
      GTimeSpan span = time->all_day ? (GTimeSpan) time->days * G_TIME_SPAN_DAY : time->duration;
      struct icaltimetype skip_to;

      earliest = g_date_time_add (from, -span - G_TIME_SPAN_DAY);
      earliest_local = g_date_time_to_timezone (earliest, time->all_day ? display_zone : time->zone);
      skip_to = local_to_floating (earliest_local);
      if (time->all_day)
        {
          skip_to.is_date = 1;
          skip_to.hour = skip_to.minute = skip_to.second = 0;
        }
      if (icaltime_compare (skip_to, dtstart) > 0)
        {
          if (!icalrecur_iterator_set_start (iter, skip_to))
            {
              /* Fall back to iterating from the first occurrence. */
              icalerror_clear_errno ();
              icalrecur_iterator_free (iter);
              iter = icalrecur_iterator_new (rule, dtstart);
            }
        }
    }

  exdates = read_exdates (event, time->zone);

  for (guint n = 0; n < MAX_ITERATIONS; n++)
    {
      struct icaltimetype next = icalrecur_iterator_next (iter);
      g_autoptr(GDateTime) starts = NULL;
      g_autoptr(GDateTime) ends = NULL;
      g_autofree char *date_text = NULL;
      GDate date;

      if (icaltime_is_null_time (next))
        break;

      date_from_floating (next, &date);
      if (!g_date_valid (&date))
        break;

      if (time->all_day)
        all_day_bounds (&date, time->days, display_zone, &starts, &ends);
      else
        {
          starts = floating_to_utc (next, time->zone);
          if (starts == NULL)
            continue;
          ends = g_date_time_add (starts, time->duration);
        }

      if (has_until_date && g_date_compare (&date, &until_date) > 0)
        break;
      if (until_instant != NULL && g_date_time_compare (starts, until_instant) > 0)
        break;
      if (g_date_time_compare (starts, to) >= 0)
        break;

      if (!overlaps (starts, ends, from, to))
        continue;

      date_text = civic_cal_format_date (&date);
      if (g_hash_table_contains (exdates, date_text))
        continue;
      if (exception_dates != NULL && g_hash_table_contains (exception_dates, date_text))
        continue;

      g_ptr_array_add (out, occurrence_new (id, id, date_text, starts, ends,
                                            time->all_day, TRUE, event));
    }

  icalrecur_iterator_free (iter);
  icalerror_clear_errno ();
  return TRUE;
}

gboolean
civic_recurrence_expand (JsonObject  *event,
                         GDateTime   *from,
                         GDateTime   *to,
                         GHashTable  *exception_dates,
                         GTimeZone   *display_zone,
                         GPtrArray   *out,
                         GError     **error)
{
  g_autoptr(GTimeZone) local_zone = NULL;
  EventTime time;
  gboolean ok;

  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (display_zone == NULL)
    display_zone = local_zone = g_time_zone_new_local ();

  if (!event_time_read (event, &time, error))
    {
      event_time_clear (&time);
      return FALSE;
    }

  /* An exception stands for one occurrence even if it kept an rrule. */
  if (civic_recurrence_is_repeating (event) &&
      civic_json_object_get_string_or_null (event, "recurrence_of") == NULL)
    ok = expand_series (event, &time, from, to, exception_dates, display_zone, out, error);
  else
    ok = expand_single (event, &time, from, to, display_zone, out);

  event_time_clear (&time);
  return ok;
}

/* Adds each exception's recurrence_id to the set of its series in @sets. */
static void
collect_exception (GHashTable *sets,
                   JsonObject *event)
{
  const char *series = civic_json_object_get_string_or_null (event, "recurrence_of");
  const char *date = civic_json_object_get_string_or_null (event, "recurrence_id");
  GHashTable *dates;

  if (series == NULL || date == NULL)
    return;

  dates = g_hash_table_lookup (sets, series);
  if (dates == NULL)
    {
      dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (sets, g_strdup (series), dates);
    }
  g_hash_table_add (dates, g_strndup (date, 10));
}

static GPtrArray *
expand_with_sets (GPtrArray  *events,
                  GHashTable *sets,
                  GDateTime  *from,
                  GDateTime  *to,
                  GTimeZone  *display_zone)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *id = civic_json_object_get_string_or_null (event, "_id");
      g_autoptr(GError) error = NULL;

      if (!civic_recurrence_expand (event, from, to,
                                    id != NULL ? g_hash_table_lookup (sets, id) : NULL,
                                    display_zone, out, &error))
        g_debug ("Leaving out an event: %s", error->message);
    }

  g_ptr_array_sort (out, civic_occurrence_compare);
  return out;
}

GPtrArray *
civic_recurrence_expand_events (GPtrArray *events,
                                GDateTime *from,
                                GDateTime *to,
                                GTimeZone *display_zone)
{
  g_autoptr(GHashTable) sets = NULL;
  g_autoptr(GTimeZone) local_zone = NULL;

  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (display_zone == NULL)
    display_zone = local_zone = g_time_zone_new_local ();

  sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < events->len; i++)
    collect_exception (sets, g_ptr_array_index (events, i));

  return expand_with_sets (events, sets, from, to, display_zone);
}

/* ---- Exceptions in the store --------------------------------------------- *
 *
 * An exception moved out of the range on screen must still hide its
 * series' occurrence in that range, so the range query alone cannot find
 * every exception that matters.  Exceptions have predictable ids
 * (civic_recurrence_exception_id()), so the series' occurrences in the
 * range are checked by id, all in one civic_store_get_many(): a few dozen
 * index lookups for a month, where reading every event to find the
 * exceptions would take a good part of a second at scale `large`.
 */

GHashTable *
civic_calendar_get_exceptions (CivicStore  *store,
                               const char  *series_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  GHashTable *result;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  events = civic_store_list (store, "event", error);
  if (events == NULL)
    return NULL;

  result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (events, i);
      const char *date = civic_json_object_get_string_or_null (doc, "recurrence_id");

      if (date != NULL &&
          g_strcmp0 (civic_json_object_get_string_or_null (doc, "recurrence_of"), series_id) == 0)
        g_hash_table_insert (result, g_strndup (date, 10), json_object_ref (doc));
    }
  return result;
}

GPtrArray *
civic_calendar_occurrences_in_range (CivicStore  *store,
                                     GDateTime   *from,
                                     GDateTime   *to,
                                     GError     **error)
{
  g_autoptr(GDateTime) query_from = NULL;
  g_autoptr(GDateTime) query_to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) sets = NULL;
  g_autoptr(GTimeZone) local_zone = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* All-day events are indexed by their dates, which begin up to 14 hours
   * before or after the same day's UTC midnight: widen the query by a day
   * on each side and let the expansion keep what really overlaps.
   */
  query_from = g_date_time_add_days (from, -1);
  query_to = g_date_time_add_days (to, 1);
  from_text = civic_cal_format_instant (query_from);
  to_text = civic_cal_format_instant (query_to);

  events = civic_store_list_in_range (store, "event", from_text, to_text, error);
  if (events == NULL)
    return NULL;

  sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < events->len; i++)
    collect_exception (sets, g_ptr_array_index (events, i));

  local_zone = g_time_zone_new_local ();
  out = expand_with_sets (events, sets, from, to, local_zone);

  /* The exceptions that moved away from the range. */
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < out->len; i++)
    {
      CivicOccurrence *o = g_ptr_array_index (out, i);

      if (o->series_id != NULL && g_strcmp0 (o->series_id, o->event_id) == 0)
        g_ptr_array_add (ids, civic_recurrence_exception_id (o->series_id, o->occurrence));
    }
  if (ids->len == 0)
    return g_steal_pointer (&out);

  g_ptr_array_add (ids, NULL);
  found = civic_store_get_many (store, (const char * const *) ids->pdata, error);
  if (found == NULL)
    return NULL;
  if (found->len > 0)
    {
      g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);

      for (guint i = 0; i < found->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (found, i);

          if (civic_json_object_get_string_or_null (doc, "recurrence_of") != NULL)
            g_hash_table_add (replaced, (gpointer) civic_json_object_get_string_or_null (doc, "_id"));
        }
      for (guint i = 0, j = 0; i < out->len; i++)
        {
          CivicOccurrence *o = g_ptr_array_index (out, i);

          if (o->series_id != NULL && g_strcmp0 (o->series_id, o->event_id) == 0 &&
              g_hash_table_contains (replaced, g_ptr_array_index (ids, j++)))
            continue;
          g_ptr_array_add (kept, civic_occurrence_ref (o));
        }
      return kept;
    }

  return g_steal_pointer (&out);
}

/* ---- Exceptions ---------------------------------------------------------- */

char *
civic_recurrence_exception_id (const char *series_id,
                               const char *occurrence)
{
  g_return_val_if_fail (series_id != NULL && occurrence != NULL, NULL);

  return g_strdup_printf ("%s@%.10s", series_id, occurrence);
}

JsonObject *
civic_recurrence_new_exception (JsonObject  *series,
                                const char  *occurrence,
                                GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *series_id;
  CivicOccurrence *match = NULL;
  JsonObject *exception;
  GDate date;

  g_return_val_if_fail (series != NULL, NULL);
  g_return_val_if_fail (occurrence != NULL, NULL);

  series_id = civic_json_object_get_string_or_null (series, "_id");
  if (series_id == NULL || !civic_recurrence_is_repeating (series))
    {
      set_invalid (error, series, "rrule", _("the event does not repeat"));
      return NULL;
    }
  if (!civic_cal_parse_date (occurrence, &date))
    {
      set_invalid (error, series, "recurrence_id", _("not a date (YYYY-MM-DD)"));
      return NULL;
    }

  /* The occurrence starts on that date in some zone: look around it.
   * All-day dates are laid out in UTC here so that they are that date.
   */
  from = civic_cal_date_start (&date, utc);
  to = g_date_time_add_days (from, 2);
  {
    g_autoptr(GDateTime) wide_from = g_date_time_add_days (from, -1);

    if (!civic_recurrence_expand (series, wide_from, to, NULL, utc, found, error))
      return NULL;
  }

  for (guint i = 0; i < found->len; i++)
    {
      CivicOccurrence *candidate = g_ptr_array_index (found, i);

      if (g_strcmp0 (candidate->occurrence, occurrence) == 0)
        match = candidate;
    }
  if (match == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("the event has no occurrence on %s"), occurrence);

      set_invalid (error, series, "recurrence_id", reason);
      return NULL;
    }

  exception = civic_json_object_copy (series);
  json_object_remove_member (exception, "_rev");
  json_object_remove_member (exception, "rrule");
  json_object_remove_member (exception, "exdates");
  json_object_remove_member (exception, "_conflicts");
  json_object_remove_member (exception, "created_at");
  json_object_remove_member (exception, "updated_at");
  {
    g_autofree char *id = civic_recurrence_exception_id (series_id, occurrence);

    json_object_set_string_member (exception, "_id", id);
  }
  json_object_set_string_member (exception, "recurrence_of", series_id);
  json_object_set_string_member (exception, "recurrence_id", occurrence);
  if (match->all_day)
    {
      /* Laid out in UTC above, so the UTC dates are the event's dates. */
      g_autoptr(GDateTime) last = g_date_time_add_days (match->ends, -1);
      GDate first_date, last_date;
      g_autofree char *starts_on = NULL;
      g_autofree char *ends_on = NULL;

      civic_cal_date_in_zone (match->starts, utc, &first_date);
      civic_cal_date_in_zone (last, utc, &last_date);
      starts_on = civic_cal_format_date (&first_date);
      ends_on = civic_cal_format_date (&last_date);
      json_object_set_string_member (exception, "starts_on", starts_on);
      json_object_set_string_member (exception, "ends_on", ends_on);
    }
  else
    {
      g_autofree char *starts_at = civic_cal_format_instant (match->starts);
      g_autofree char *ends_at = civic_cal_format_instant (match->ends);

      json_object_set_string_member (exception, "starts_at", starts_at);
      json_object_set_string_member (exception, "ends_at", ends_at);
    }
  return exception;
}
