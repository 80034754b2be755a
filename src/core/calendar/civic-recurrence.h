/* civic-recurrence.h — expanding events into the occurrences of a date range
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How an event document (domain.md) describes its time:
 *
 *  - A timed event has `starts_at` and `ends_at` (UTC, "…Z") and `tzid`, the
 *    IANA zone its wall-clock time belongs to (the system zone when absent).
 *  - An all-day event has `all_day: true` and the dates `starts_on` and
 *    `ends_on` ("YYYY-MM-DD").  `ends_on` is INCLUSIVE: the last day the
 *    event covers (a one-day event has ends_on == starts_on), as for a
 *    campaign's `ends_on` and as the store's index reads it.  iCalendar's
 *    DTEND;VALUE=DATE is exclusive; civic-ical converts.  All-day dates are
 *    the same dates in every zone: they are laid out in the viewer's zone.
 *  - A repeating event has `rrule`, an RFC 5545 RRULE value
 *    ("FREQ=WEEKLY;BYDAY=SU;UNTIL=20261109T065959Z"), expanded by libical
 *    from the first occurrence's wall-clock time in `tzid`: a weekly 6 pm
 *    America/Los_Angeles event stays at 6 pm there across a DST change, and
 *    its UTC instant moves by an hour.
 *  - `exdates` is an array of "YYYY-MM-DD": each removes the occurrence that
 *    starts on that date (in `tzid`; the date itself for all-day events).
 *    The same date is an occurrence's identity everywhere: a signup's
 *    `occurrence`, an exception's `recurrence_id`.
 *  - An occurrence edited on its own ("this event") is a separate event
 *    document, the *exception*, with `recurrence_of` (the series' _id) and
 *    `recurrence_id` (the occurrence's date); it replaces that occurrence
 *    and has its own times, title, status and so on.  The series document
 *    is not changed.  An edit of "all events" changes the series document.
 *    civic_recurrence_exception_id() gives an exception its _id, so two
 *    replicas editing the same occurrence conflict instead of duplicating.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_RECURRENCE_ERROR (civic_recurrence_error_quark ())

typedef enum {
  CIVIC_RECURRENCE_ERROR_INVALID,  /* a time field or the rrule cannot be read */
} CivicRecurrenceError;

GQuark civic_recurrence_error_quark (void);

#define CIVIC_TYPE_OCCURRENCE (civic_occurrence_get_type ())

/* One occurrence of an event in a range.  Immutable and reference counted.
 * The occurrences of one expansion share their event documents, and
 * json-glib counts references without atomics: hand a whole result to one
 * thread at a time (compute in a worker, then pass it to the main thread).
 */
typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char       *event_id;    /* the document shown: the one-off, the series or the exception */
  char       *series_id;   /* the series' _id for a repeating occurrence or an exception, else NULL */
  char       *occurrence;  /* "YYYY-MM-DD": the occurrence's start date in the event's zone
                            * (for an exception, the date of the occurrence it replaces) */
  GDateTime  *starts;      /* UTC; for all-day events, midnight of the first day in the viewer's zone */
  GDateTime  *ends;        /* UTC, exclusive; for all-day events, midnight after the last day */
  gboolean    all_day;
  gboolean    repeats;     /* part of a series (a repeating occurrence or an exception) */
  JsonObject *event;       /* the document (a reference); treat as read-only */
} CivicOccurrence;

GType            civic_occurrence_get_type    (void) G_GNUC_CONST;
CivicOccurrence *civic_occurrence_ref         (CivicOccurrence *self);
void             civic_occurrence_unref       (CivicOccurrence *self);
/* Orders by start, then title (in code-point order), then event id. */
int              civic_occurrence_compare     (gconstpointer    a,
                                               gconstpointer    b);
/* The document's title ("" when it has none). */
const char      *civic_occurrence_get_title   (CivicOccurrence *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicOccurrence, civic_occurrence_unref)

/* Whether @event has a non-empty rrule. */
gboolean    civic_recurrence_is_repeating    (JsonObject   *event);

/* Appends to @out (a GPtrArray of CivicOccurrence, with
 * civic_occurrence_unref as its free function) the occurrences of @event
 * that overlap [@from, @to): one for a one-off or an exception, as many as
 * the rrule gives in the range for a series, minus its exdates and minus
 * the dates in @exception_dates (a set of "YYYY-MM-DD" that exception
 * documents replace; may be %NULL).  @display_zone lays out all-day dates
 * (%NULL: the system zone).  Only the range is expanded: a series is
 * iterated from the range's start, not from its first occurrence, when its
 * rule allows (no COUNT).  INVALID when a time field or the rrule cannot
 * be read; nothing is appended then.
 */
gboolean    civic_recurrence_expand          (JsonObject   *event,
                                              GDateTime    *from,
                                              GDateTime    *to,
                                              GHashTable   *exception_dates,
                                              GTimeZone    *display_zone,
                                              GPtrArray    *out,
                                              GError      **error);

/* Expands a set of event documents (series, one-offs and exceptions) into
 * the sorted occurrences overlapping [@from, @to); exceptions among @events
 * replace their series' occurrences.  Documents whose time cannot be read
 * are left out (and logged).  Transfer full.
 */
GPtrArray  *civic_recurrence_expand_events   (GPtrArray    *events,
                                              GDateTime    *from,
                                              GDateTime    *to,
                                              GTimeZone    *display_zone);

/* Every occurrence of the store's events overlapping [@from, @to), sorted
 * by start, then title: the store's range query narrows the candidates,
 * then each is expanded for the range only, with the exception documents
 * of each series applied, even one moved out of the range (found by its
 * id, which must be civic_recurrence_exception_id()).  All-day dates are
 * laid out in the system zone.  Safe to call from any thread.
 * Transfer full: a GPtrArray of CivicOccurrence.
 */
GPtrArray  *civic_calendar_occurrences_in_range (CivicStore *store,
                                              GDateTime    *from,
                                              GDateTime    *to,
                                              GError      **error);

/* The exception documents of the series @series_id, keyed by their
 * recurrence_id ("YYYY-MM-DD" → JsonObject, both owned by the table).
 * Reads every event of the store (for export, not for drawing a view).
 */
GHashTable *civic_calendar_get_exceptions    (CivicStore   *store,
                                              const char   *series_id,
                                              GError      **error);

/* "event:abc" + "2026-10-15" → "event:abc@2026-10-15": the _id every
 * exception document must have (the calendar finds exceptions by it).
 */
char       *civic_recurrence_exception_id    (const char   *series_id,
                                              const char   *occurrence);

/* A new exception document for the occurrence of @series on @occurrence
 * ("this event" edits start from it): a copy of the series' fields without
 * _rev, rrule and exdates, with the occurrence's own times, `recurrence_of`
 * and `recurrence_id`, and civic_recurrence_exception_id() as _id.  The
 * caller edits and saves it.  INVALID if the series has no occurrence on
 * that date.
 */
JsonObject *civic_recurrence_new_exception   (JsonObject   *series,
                                              const char   *occurrence,
                                              GError      **error);

G_END_DECLS
