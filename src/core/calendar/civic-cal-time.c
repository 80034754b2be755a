/* civic-cal-time.c — instants, dates and time zones as the calendar stores them
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-cal-time"

#include "config.h"

#include <string.h>

#include "civic-cal-time.h"

/* Windows time zone names as Outlook and Exchange write them in TZID,
 * mapped to the IANA zone CLDR's windowsZones.xml gives for territory
 * "001" (the zone the name means by default).
 */
static const struct {
  const char *windows;
  const char *iana;
} windows_zones[] = {
  { "Dateline Standard Time", "Etc/GMT+12" },
  { "UTC-11", "Etc/GMT+11" },
  { "Aleutian Standard Time", "America/Adak" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "Marquesas Standard Time", "Pacific/Marquesas" },
  { "Alaskan Standard Time", "America/Anchorage" },
  { "UTC-09", "Etc/GMT+9" },
  { "Pacific Standard Time (Mexico)", "America/Tijuana" },
  { "UTC-08", "Etc/GMT+8" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "US Mountain Standard Time", "America/Phoenix" },
  { "Mountain Standard Time (Mexico)", "America/Mazatlan" },
  { "Mountain Standard Time", "America/Denver" },
  { "Yukon Standard Time", "America/Whitehorse" },
  { "Central America Standard Time", "America/Guatemala" },
  { "Central Standard Time", "America/Chicago" },
  { "Easter Island Standard Time", "Pacific/Easter" },
  { "Central Standard Time (Mexico)", "America/Mexico_City" },
  { "Canada Central Standard Time", "America/Regina" },
  { "SA Pacific Standard Time", "America/Bogota" },
  { "Eastern Standard Time (Mexico)", "America/Cancun" },
  { "Eastern Standard Time", "America/New_York" },
  { "Haiti Standard Time", "America/Port-au-Prince" },
  { "Cuba Standard Time", "America/Havana" },
  { "US Eastern Standard Time", "America/Indianapolis" },
  { "Turks And Caicos Standard Time", "America/Grand_Turk" },
  { "Paraguay Standard Time", "America/Asuncion" },
  { "Atlantic Standard Time", "America/Halifax" },
  { "Venezuela Standard Time", "America/Caracas" },
  { "Central Brazilian Standard Time", "America/Cuiaba" },
  { "SA Western Standard Time", "America/La_Paz" },
  { "Pacific SA Standard Time", "America/Santiago" },
  { "Newfoundland Standard Time", "America/St_Johns" },
  { "Tocantins Standard Time", "America/Araguaina" },
  { "E. South America Standard Time", "America/Sao_Paulo" },
  { "SA Eastern Standard Time", "America/Cayenne" },
  { "Argentina Standard Time", "America/Buenos_Aires" },
  { "Greenland Standard Time", "America/Godthab" },
  { "Montevideo Standard Time", "America/Montevideo" },
  { "Magallanes Standard Time", "America/Punta_Arenas" },
  { "Saint Pierre Standard Time", "America/Miquelon" },
  { "Bahia Standard Time", "America/Bahia" },
  { "UTC-02", "Etc/GMT+2" },
  { "Azores Standard Time", "Atlantic/Azores" },
  { "Cape Verde Standard Time", "Atlantic/Cape_Verde" },
  { "UTC", "Etc/UTC" },
  { "Coordinated Universal Time", "Etc/UTC" },
  { "GMT Standard Time", "Europe/London" },
  { "Greenwich Standard Time", "Atlantic/Reykjavik" },
  { "Sao Tome Standard Time", "Africa/Sao_Tome" },
  { "Morocco Standard Time", "Africa/Casablanca" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "W. Central Africa Standard Time", "Africa/Lagos" },
  { "Jordan Standard Time", "Asia/Amman" },
  { "GTB Standard Time", "Europe/Bucharest" },
  { "Middle East Standard Time", "Asia/Beirut" },
  { "Egypt Standard Time", "Africa/Cairo" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "Syria Standard Time", "Asia/Damascus" },
  { "West Bank Standard Time", "Asia/Hebron" },
  { "South Africa Standard Time", "Africa/Johannesburg" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "Israel Standard Time", "Asia/Jerusalem" },
  { "South Sudan Standard Time", "Africa/Juba" },
  { "Kaliningrad Standard Time", "Europe/Kaliningrad" },
  { "Sudan Standard Time", "Africa/Khartoum" },
  { "Libya Standard Time", "Africa/Tripoli" },
  { "Namibia Standard Time", "Africa/Windhoek" },
  { "Arabic Standard Time", "Asia/Baghdad" },
  { "Turkey Standard Time", "Europe/Istanbul" },
  { "Arab Standard Time", "Asia/Riyadh" },
  { "Belarus Standard Time", "Europe/Minsk" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "E. Africa Standard Time", "Africa/Nairobi" },
  { "Volgograd Standard Time", "Europe/Volgograd" },
  { "Iran Standard Time", "Asia/Tehran" },
  { "Arabian Standard Time", "Asia/Dubai" },
  { "Astrakhan Standard Time", "Europe/Astrakhan" },
  { "Azerbaijan Standard Time", "Asia/Baku" },
  { "Russia Time Zone 3", "Europe/Samara" },
  { "Mauritius Standard Time", "Indian/Mauritius" },
  { "Saratov Standard Time", "Europe/Saratov" },
  { "Georgian Standard Time", "Asia/Tbilisi" },
  { "Caucasus Standard Time", "Asia/Yerevan" },
  { "Afghanistan Standard Time", "Asia/Kabul" },
  { "West Asia Standard Time", "Asia/Tashkent" },
  { "Ekaterinburg Standard Time", "Asia/Yekaterinburg" },
  { "Pakistan Standard Time", "Asia/Karachi" },
  { "Qyzylorda Standard Time", "Asia/Qyzylorda" },
  { "India Standard Time", "Asia/Calcutta" },
  { "Sri Lanka Standard Time", "Asia/Colombo" },
  { "Nepal Standard Time", "Asia/Katmandu" },
  { "Central Asia Standard Time", "Asia/Almaty" },
  { "Bangladesh Standard Time", "Asia/Dhaka" },
  { "Omsk Standard Time", "Asia/Omsk" },
  { "Myanmar Standard Time", "Asia/Rangoon" },
  { "SE Asia Standard Time", "Asia/Bangkok" },
  { "Altai Standard Time", "Asia/Barnaul" },
  { "W. Mongolia Standard Time", "Asia/Hovd" },
  { "North Asia Standard Time", "Asia/Krasnoyarsk" },
  { "N. Central Asia Standard Time", "Asia/Novosibirsk" },
  { "Tomsk Standard Time", "Asia/Tomsk" },
  { "China Standard Time", "Asia/Shanghai" },
  { "North Asia East Standard Time", "Asia/Irkutsk" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "W. Australia Standard Time", "Australia/Perth" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar" },
  { "Aus Central W. Standard Time", "Australia/Eucla" },
  { "Transbaikal Standard Time", "Asia/Chita" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "North Korea Standard Time", "Asia/Pyongyang" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "Yakutsk Standard Time", "Asia/Yakutsk" },
  { "Cen. Australia Standard Time", "Australia/Adelaide" },
  { "AUS Central Standard Time", "Australia/Darwin" },
  { "E. Australia Standard Time", "Australia/Brisbane" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "West Pacific Standard Time", "Pacific/Port_Moresby" },
  { "Tasmania Standard Time", "Australia/Hobart" },
  { "Vladivostok Standard Time", "Asia/Vladivostok" },
  { "Lord Howe Standard Time", "Australia/Lord_Howe" },
  { "Bougainville Standard Time", "Pacific/Bougainville" },
  { "Russia Time Zone 10", "Asia/Srednekolymsk" },
  { "Magadan Standard Time", "Asia/Magadan" },
  { "Norfolk Standard Time", "Pacific/Norfolk" },
  { "Sakhalin Standard Time", "Asia/Sakhalin" },
  { "Central Pacific Standard Time", "Pacific/Guadalcanal" },
  { "Russia Time Zone 11", "Asia/Kamchatka" },
  { "New Zealand Standard Time", "Pacific/Auckland" },
  { "UTC+12", "Etc/GMT-12" },
  { "Fiji Standard Time", "Pacific/Fiji" },
  { "Chatham Islands Standard Time", "Pacific/Chatham" },
  { "UTC+13", "Etc/GMT-13" },
  { "Tonga Standard Time", "Pacific/Tongatapu" },
  { "Samoa Standard Time", "Pacific/Apia" },
  { "Line Islands Standard Time", "Pacific/Kiritimati" },
};

GDateTime *
civic_cal_parse_instant (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  /* g_date_time_new_from_iso8601() also takes week and ordinal dates; the
   * documents only ever hold calendar dates with a time and a zone.
   */
  if (text == NULL || strlen (text) < 17 || text[4] != '-' || text[7] != '-' || text[10] != 'T')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

char *
civic_cal_format_instant (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  utc = g_date_time_to_utc (datetime);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
civic_cal_parse_date (const char *text,
                      GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
civic_cal_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

GDateTime *
civic_cal_date_start (const GDate *date,
                      GTimeZone   *zone)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  local = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0);
  return g_date_time_to_utc (local);
}

void
civic_cal_date_in_zone (GDateTime *datetime,
                        GTimeZone *zone,
                        GDate     *date)
{
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;

  g_return_if_fail (datetime != NULL && zone != NULL && date != NULL);

  local = g_date_time_to_timezone (datetime, zone);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

const char *
civic_cal_windows_zone_to_iana (const char *name)
{
  if (name == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (windows_zones[i].windows, name) == 0)
      return windows_zones[i].iana;

  return NULL;
}

/* TRUE if @name is a zone the system's tz database knows by that name. */
static gboolean
is_iana_zone (const char *name)
{
  g_autoptr(GTimeZone) zone = NULL;

  /* Offsets ("+09:00") and POSIX strings are zones to GLib but not names
   * a document should keep; an IANA name starts with a letter.
   */
  if (name == NULL || !g_ascii_isalpha (name[0]) || strchr (name, ',') != NULL)
    return FALSE;

  zone = g_time_zone_new_identifier (name);
  return zone != NULL;
}

char *
civic_cal_canonical_zone_id (const char *tzid)
{
  g_autofree char *trimmed = NULL;
  const char *windows;

  if (tzid == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (tzid));
  /* Outlook sometimes quotes the name in the parameter value. */
  if (trimmed[0] == '"')
    {
      gsize len = strlen (trimmed);
      memmove (trimmed, trimmed + 1, len);
      if (len > 1 && trimmed[len - 2] == '"')
        trimmed[len - 2] = '\0';
    }
  if (trimmed[0] == '\0')
    return NULL;

  if (g_str_equal (trimmed, "Z") || g_ascii_strcasecmp (trimmed, "UTC") == 0 ||
      g_ascii_strcasecmp (trimmed, "GMT") == 0 || g_str_equal (trimmed, "Etc/UTC"))
    return g_strdup ("UTC");

  windows = civic_cal_windows_zone_to_iana (trimmed);
  if (windows != NULL)
    return g_strdup (g_str_equal (windows, "Etc/UTC") ? "UTC" : windows);

  if (is_iana_zone (trimmed))
    return g_steal_pointer (&trimmed);

  /* libical and Evolution prefix the IANA name with a vendor path:
   * try every suffix that starts after a slash.
   */
  for (const char *p = strchr (trimmed, '/'); p != NULL; p = strchr (p + 1, '/'))
    if (is_iana_zone (p + 1))
      return g_strdup (p + 1);

  return NULL;
}

static GTimeZone *
zone_new_uncached (const char *tzid)
{
  g_autofree char *canonical = civic_cal_canonical_zone_id (tzid);

  if (canonical == NULL)
    return NULL;
  if (g_str_equal (canonical, "UTC"))
    return g_time_zone_new_utc ();

  return g_time_zone_new_identifier (canonical);
}

GTimeZone *
civic_cal_zone_new (const char *tzid)
{
  /* Every event of a month view asks for its zone; resolving a name
   * (the Windows table, then the tz database) costs more than expanding
   * the event, so the answers are kept, unknown names included.
   */
  static GMutex lock;
  static GHashTable *cache;  /* tzid → GTimeZone, or the cache itself for "unknown" */
  GTimeZone *zone;
  gpointer found;

  if (tzid == NULL)
    return NULL;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  found = g_hash_table_lookup (cache, tzid);
  g_mutex_unlock (&lock);
  if (found != NULL)
    return found == (gpointer) cache ? NULL : g_time_zone_ref (found);

  zone = zone_new_uncached (tzid);

  g_mutex_lock (&lock);
  /* A file full of made-up names must not grow the cache without end. */
  if (g_hash_table_size (cache) < 512 && !g_hash_table_contains (cache, tzid))
    g_hash_table_insert (cache, g_strdup (tzid), zone != NULL ? g_time_zone_ref (zone) : (gpointer) cache);
  g_mutex_unlock (&lock);
  return zone;
}

char *
civic_cal_system_zone_id (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autofree char *canonical = NULL;

  /* The identifier is the TZ variable's value, a path, or "Local" when
   * GLib read /etc/localtime without learning the zone's name.
   */
  if (id != NULL && g_str_has_prefix (id, ":"))
    id++;
  if (id != NULL && g_str_has_prefix (id, "/usr/share/zoneinfo/"))
    id += strlen ("/usr/share/zoneinfo/");

  canonical = civic_cal_canonical_zone_id (id);
  if (canonical != NULL)
    return g_steal_pointer (&canonical);

  return g_strdup ("UTC");
}

static guint32
julian_day_of (GDateTime *datetime)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (datetime),
                  g_date_time_get_month (datetime), g_date_time_get_year (datetime));
  return g_date_get_julian (&date);
}

int
civic_cal_days_between (GDateTime *from,
                        GDateTime *to)
{
  g_return_val_if_fail (from != NULL && to != NULL, 0);

  return (int) ((gint64) julian_day_of (to) - (gint64) julian_day_of (from));
}

char *
civic_cal_format_time (GDateTime  *datetime,
                       const char *format)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) trimmed = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  text = g_date_time_format (datetime, format);
  if (text == NULL)
    return g_strdup ("");
  trimmed = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Padding only: a figure space never stands inside a time. */
      if (c != 0x2007)
        g_string_append_unichar (trimmed, c);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&trimmed), FALSE));
}
