/* civic-roster-export.h — roster, signups and hours as CSV; the hours report
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every export appends to a buffer from civic_csv_buffer_new () (UTF-8,
 * LF, a BOM only when asked for).  Column titles are English and stable,
 * not translated: files move between offices and tools, and the roster
 * export reads back with civic-roster-import.h's automatic mapping (the
 * round trip is tested).  Lists are joined with "; ".
 */

#pragma once

#include <glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

/* Every live volunteer, by name: ID, Given name, Family name, Korean name,
 * Preferred name, Phone, Email, Languages, Skills, Office (its name), Age
 * group, Availability, Active, Joined on, Emergency contact, Notes.
 */
gboolean   civic_roster_export_volunteers (CivicStore  *store,
                                           GString     *out,
                                           GError     **error);

/* The signups of @shift_id (every shift when %NULL), of one @occurrence
 * (every occurrence when %NULL): Shift ID, Role, Occurrence, Name, Korean
 * name, Phone, Status, Waitlisted, Waitlist position, Checked in, Checked
 * out, Source.  The waitlist is derived per occurrence as domain.md says.
 */
gboolean   civic_roster_export_signups    (CivicStore  *store,
                                           const char  *shift_id,
                                           const char  *occurrence,
                                           GString     *out,
                                           GError     **error);

typedef struct {
  char   *volunteer_id;
  char   *name;      /* display name */
  char   *name_ko;
  double  hours;
} CivicHoursRow;

void       civic_hours_row_free           (CivicHoursRow *row);

/* Hours worked per volunteer (civic_volunteer_hours ()), for work that
 * started in [@from, @to) (dates or UTC instants, each optional) and, when
 * @campaign_id is set, at that campaign's events; volunteers with no hours
 * are left out.  By name.  CivicHoursRow*.
 */
GPtrArray *civic_roster_hours_report      (CivicStore  *store,
                                           const char  *from,
                                           const char  *to,
                                           const char  *campaign_id,
                                           GError     **error);
/* The report above as CSV: ID, Name, Korean name, Hours (two decimals),
 * then a "Total" row.
 */
gboolean   civic_roster_export_hours      (CivicStore  *store,
                                           const char  *from,
                                           const char  *to,
                                           const char  *campaign_id,
                                           GString     *out,
                                           GError     **error);

G_END_DECLS
