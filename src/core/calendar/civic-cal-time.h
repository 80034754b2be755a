/* civic-cal-time.h — instants, dates and time zones as the calendar stores them
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Event documents keep instants as UTC ISO 8601 text ending in `Z`
 * ("2026-09-07T01:00:00Z"), dates as "YYYY-MM-DD", and the zone the user
 * meant as an IANA identifier ("America/Los_Angeles").  Files from other
 * programs name zones in other ways: Outlook writes Windows names ("Pacific
 * Standard Time"), Evolution and libical prefix IANA names
 * ("/freeassociation.sourceforge.net/America/New_York"); the helpers here
 * turn all of them into IANA identifiers.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)" (a zone is required) and
 * returns it in UTC, or %NULL when @text is not such an instant.
 */
GDateTime  *civic_cal_parse_instant          (const char   *text);
/* "YYYY-MM-DDTHH:MM:SSZ" for @datetime converted to UTC. */
char       *civic_cal_format_instant         (GDateTime    *datetime);

/* Parses exactly "YYYY-MM-DD" into @date; FALSE if it is not a real date. */
gboolean    civic_cal_parse_date             (const char   *text,
                                              GDate        *date);
char       *civic_cal_format_date            (const GDate  *date);

/* @datetime formatted with @format (g_date_time_format()), without the
 * padding "%l" and "%e" add: GLib pads with U+2007 FIGURE SPACE, which
 * g_strstrip() leaves, so " 9:00AM" would stand indented before a title.
 */
char       *civic_cal_format_time            (GDateTime    *datetime,
                                              const char   *format);

/* Midnight at the start of @date in @zone, as a UTC GDateTime. */
GDateTime  *civic_cal_date_start             (const GDate  *date,
                                              GTimeZone    *zone);
/* The date of @datetime in @zone. */
void        civic_cal_date_in_zone           (GDateTime    *datetime,
                                              GTimeZone    *zone,
                                              GDate        *date);

/* How many calendar days @to's date is after @from's, each date read in
 * its own zone (negative when before).  Cheaper than making local
 * midnights, which reads the system zone each time, and exact across a DST
 * change.
 */
int         civic_cal_days_between           (GDateTime    *from,
                                              GDateTime    *to);

/* The IANA identifier of the Windows zone @name ("Korea Standard Time" →
 * "Asia/Seoul"), or %NULL if it is not a Windows zone name.
 */
const char *civic_cal_windows_zone_to_iana   (const char   *name);

/* The IANA identifier that @tzid means: an IANA name as is, a Windows
 * name through the table above, or an IANA name behind a libical-style
 * prefix ("/citadel.org/20190914_1/Europe/Berlin").  %NULL when none.
 */
char       *civic_cal_canonical_zone_id      (const char   *tzid);

/* A GTimeZone for @tzid (any form civic_cal_canonical_zone_id() accepts);
 * %NULL when it names no known zone.
 */
GTimeZone  *civic_cal_zone_new               (const char   *tzid);

/* The system zone's IANA identifier ("UTC" when it has none). */
char       *civic_cal_system_zone_id         (void);

G_END_DECLS
