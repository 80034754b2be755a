/* civic-ical.h — iCalendar (.ics) import and export of events, with libical
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import
 *   The whole file is checked line by line before anything is read (libical
 *   itself accepts nearly anything): every unfolded content line must be
 *   NAME[;PARAM=…]:VALUE, BEGIN/END must nest, the file must be UTF-8 text,
 *   and the times, durations and rules of events must be readable.  A file
 *   that fails imports nothing; the error names the line ("line 12: …").
 *   Then each VEVENT becomes an event document, all written in one store
 *   transaction:
 *     UID            → ical_uid, and the _id "event:ics-<md5(UID)[0:24]>", so
 *                      a second import updates the same documents (fields
 *                      the file does not carry, added in the app, are kept)
 *     SUMMARY        → title          DESCRIPTION → description
 *     LOCATION       → location.name  URL (else Google Meet / Teams links)
 *                                       → online_url
 *     STATUS         → status (tentative, confirmed, cancelled)
 *     CATEGORIES     → kind where one names a kind or its label ("Town Hall",
 *                      "Phone Bank", …), else "other"; the others are kept in
 *                      ical_categories
 *     DTSTART/DTEND/DURATION → starts_at/ends_at (UTC) and tzid, or all_day
 *                      with starts_on/ends_on (ends_on inclusive: DTEND;
 *                      VALUE=DATE minus a day).  TZID is resolved as an IANA
 *                      name, a Windows name (Outlook), a prefixed IANA name
 *                      (Evolution), or through the file's VTIMEZONE;
 *                      floating times are in the system zone.
 *     RRULE          → rrule           EXDATE → exdates (dates in the event's zone)
 *     RECURRENCE-ID  → an exception document of the series
 *                      (civic-recurrence.h), _id civic_recurrence_exception_id()
 *     X-CIVIC-ID     → _id itself (a file Civic Desk exported comes back as
 *                      the same documents)
 *     X-CIVIC-*      → the fields iCalendar lacks, as written by the export
 *   VTODO, VJOURNAL, VFREEBUSY and other components are skipped and listed
 *   in the report; VALARM inside events is ignored.
 *
 * Export
 *   Events (chosen by campaign, range or ids) become VEVENTs with the
 *   fields above, a VTIMEZONE for each zone used (from libical's built-in
 *   zones, named by their IANA names), exceptions as VEVENTs with
 *   RECURRENCE-ID, and X-CIVIC-* properties for every other field
 *   (X-CIVIC-OFFICE, -CAMPAIGN, -LANGUAGES, -CAPACITY, -BOARD-VISIBLE,
 *   -ACCESSIBILITY, -KIND, -LOCATION-NAME/-ADDRESS, -TZID for events in
 *   UTC, and X-CIVIC-FIELD-<NAME> with JSON for any other field, results
 *   and hearing fields included), so that export → import gives the same
 *   documents back.  A timed event without tzid is written in the system
 *   zone, which is what it means.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_ICAL_ERROR (civic_ical_error_quark ())

typedef enum {
  CIVIC_ICAL_ERROR_MALFORMED,  /* not a valid iCalendar file; the message names the line */
  CIVIC_ICAL_ERROR_NO_EVENTS,  /* an export that matched no event */
  CIVIC_ICAL_ERROR_INVALID,    /* bad export options */
} CivicIcalError;

GQuark civic_ical_error_quark (void);

typedef struct {
  guint      created;
  guint      updated;
  guint      unchanged;  /* already in the store exactly as the file has them */
  GPtrArray *skipped;    /* char *: one translated reason per component left out,
                          * naming its line ("line 40: a task (VTODO) “Buy stamps”: …") */
  GPtrArray *notes;      /* char *: things read with a fallback (an unknown zone, …) */
  GPtrArray *ids;        /* char *: the _id of each event document the file holds */
} CivicIcalImportReport;

void civic_ical_import_report_free (CivicIcalImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicIcalImportReport, civic_ical_import_report_free)

/* Checks and reads @data (a whole .ics file, any line ending, with or
 * without a BOM) into event documents (JsonObject, with _id and type, no
 * _rev) without touching a store.  @report (optional, transfer full)
 * receives the skipped components and notes.
 */
GPtrArray *civic_ical_parse              (const char             *data,
                                          gsize                   length,
                                          CivicIcalImportReport **report,
                                          GError                **error);

/* Imports @data into @store in one transaction (nothing at all on error).
 * @user_name goes into updated_by (%NULL: the system user's name).
 */
CivicIcalImportReport *civic_ical_import_data (CivicStore      *store,
                                          const char             *data,
                                          gsize                   length,
                                          const char             *user_name,
                                          GError                **error);
CivicIcalImportReport *civic_ical_import_file (CivicStore      *store,
                                          GFile                  *file,
                                          const char             *user_name,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* civic_ical_import_file() in a thread, for the GUI. */
void       civic_ical_import_file_async  (CivicStore             *store,
                                          GFile                  *file,
                                          const char             *user_name,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
CivicIcalImportReport *civic_ical_import_file_finish (GAsyncResult *result,
                                          GError                **error);

/* Which events to export: every non-%NULL member must match (all events
 * when all are %NULL).  A repeating event matches a range when one of its
 * occurrences overlaps [from, to).  Exceptions of a chosen series always
 * go with it.
 */
typedef struct {
  const char        *campaign_id;
  GDateTime         *from;
  GDateTime         *to;
  const char * const *ids;
} CivicIcalExportFilter;

/* The .ics text (CRLF, folded) of @events (JsonObject); transfer full. */
char      *civic_ical_export_events      (GPtrArray              *events);
/* Chooses events from @store with @filter (%NULL: all) and returns the
 * .ics text; @out_count (optional) receives the number of VEVENTs.
 * NO_EVENTS if nothing matched.
 */
char      *civic_ical_export             (CivicStore             *store,
                                          const CivicIcalExportFilter *filter,
                                          guint                  *out_count,
                                          GError                **error);
gboolean   civic_ical_export_to_file     (CivicStore             *store,
                                          const CivicIcalExportFilter *filter,
                                          GFile                  *file,
                                          guint                  *out_count,
                                          GCancellable           *cancellable,
                                          GError                **error);

G_END_DECLS
