/* civic-shifts-util.h — small helpers shared by the shift and check-in windows
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The name to show for a volunteer document (civic_volunteer_dup_display_name). */
char       *civic_shifts_volunteer_name     (JsonObject *volunteer);
/* "Korean" for "ko"; the code itself for a language without a label. */
const char *civic_shifts_language_label     (const char *code);
/* "18:00–20:00" in @zone (%NULL: local). */
char       *civic_shifts_format_time_range  (GDateTime  *starts,
                                             GDateTime  *ends,
                                             GTimeZone  *zone);
/* A new zone for @tzid, or the local zone when it is %NULL or unknown. */
GTimeZone  *civic_shifts_zone_new           (const char *tzid);

G_END_DECLS
