/* civic-shifts-util.c — small helpers shared by the shift and check-in windows
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-shifts"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-shifts-util.h"
#include "civic-volunteer.h"

char *
civic_shifts_volunteer_name (JsonObject *volunteer)
{
  g_autoptr(CivicRecord) record = NULL;

  if (volunteer == NULL)
    return g_strdup (_("Unknown volunteer"));
  record = civic_record_new_from_json (volunteer, NULL);
  if (record == NULL || !CIVIC_IS_VOLUNTEER (record))
    return g_strdup (_("Unknown volunteer"));
  return civic_volunteer_dup_display_name (CIVIC_VOLUNTEER (record));
}

const char *
civic_shifts_language_label (const char *code)
{
  static const struct { const char *code; const char *label; } labels[] = {
    { "ko", N_("Korean") },
    { "en", N_("English") },
    { "es", N_("Spanish") },
    { "zh", N_("Chinese") },
    { "vi", N_("Vietnamese") },
    { "tl", N_("Tagalog") },
    { "ja", N_("Japanese") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (code, labels[i].code) == 0)
      return _(labels[i].label);
  return code;
}

char *
civic_shifts_format_time_range (GDateTime *starts,
                                GDateTime *ends,
                                GTimeZone *zone)
{
  g_autoptr(GDateTime) s = NULL;
  g_autoptr(GDateTime) e = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (starts == NULL || ends == NULL)
    return g_strdup ("");
  s = zone != NULL ? g_date_time_to_timezone (starts, zone) : g_date_time_to_local (starts);
  e = zone != NULL ? g_date_time_to_timezone (ends, zone) : g_date_time_to_local (ends);
  from = g_date_time_format (s, "%H:%M");
  to = g_date_time_format (e, "%H:%M");
  return g_strdup_printf ("%s–%s", from, to);
}

GTimeZone *
civic_shifts_zone_new (const char *tzid)
{
  GTimeZone *zone = tzid != NULL ? g_time_zone_new_identifier (tzid) : NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}
