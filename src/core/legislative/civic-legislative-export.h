/* civic-legislative-export.h — legislators, visits, follow-ups and a whip count as CSV
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Column names are fixed snake_case English (scripts and spreadsheets key
 * on them); values are as the documents hold them, with a translated
 * label column next to enumerations people read (position, state).  Lists
 * are joined with "; ".  Written with the roster's CSV writer (UTF-8, LF,
 * quoted as needed).
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"
#include "civic-legislative.h"
#include "civic-positions.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_LEGISLATIVE_EXPORT_LEGISLATORS,
  CIVIC_LEGISLATIVE_EXPORT_VISITS,
  CIVIC_LEGISLATIVE_EXPORT_FOLLOW_UPS,
  CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT,
} CivicLegislativeExport;

/* "legislators", "visits", "follow-ups", "whip-count". */
gboolean     civic_legislative_export_from_string (const char             *text,
                                                   CivicLegislativeExport *out_what);
const char  *civic_legislative_export_to_string   (CivicLegislativeExport  what);

/* The CSV text of @what (transfer full).  The whip count needs @topic
 * (an issue or bill) and takes @filter (may be %NULL); other exports
 * ignore both.  @today ("YYYY-MM-DD", %NULL: today) decides which
 * follow-ups are overdue.
 */
char        *civic_legislative_export_csv         (CivicStore             *store,
                                                   CivicLegislativeExport  what,
                                                   const char             *topic,
                                                   const CivicWhipFilter  *filter,
                                                   const char             *today,
                                                   GError                **error);
/* The same, written to @file (replaced atomically). */
gboolean     civic_legislative_export_csv_to_file (CivicStore             *store,
                                                   CivicLegislativeExport  what,
                                                   const char             *topic,
                                                   const CivicWhipFilter  *filter,
                                                   GFile                  *file,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

G_END_DECLS
