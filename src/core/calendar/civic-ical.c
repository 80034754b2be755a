/* civic-ical.c — iCalendar (.ics) import and export of events, with libical
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-ical"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "civic-cal-time.h"
#include "civic-event.h"
#include "civic-ical.h"
#include "civic-json.h"
#include "civic-recurrence.h"
#include "civic-record.h"

G_DEFINE_QUARK (civic-ical-error-quark, civic_ical_error)

/* The kinds with the English labels written to and read from CATEGORIES
 * (files are exchanged between people using different languages, so the
 * label written is never translated) and a few words other calendars use.
 */
static const struct {
  const char *kind;
  const char *label;
  const char *synonyms[4];
} kind_labels[] = {
  { "town_hall", "Town Hall", { "Townhall", "Town Hall Meeting", NULL } },
  { "rally", "Rally", { "March", "Protest", "Vigil", NULL } },
  { "hearing", "Hearing", { "Public Hearing", "Committee Hearing", NULL } },
  { "workshop", "Workshop", { NULL } },
  { "phone_bank", "Phone Bank", { "Phone Banking", "Phonebank", "Phone Banks", NULL } },
  { "voter_registration", "Voter Registration", { "Voter Reg", "Registration Drive", NULL } },
  { "canvass", "Canvass", { "Canvassing", "Door Knocking", NULL } },
  { "legislative_visit", "Legislative Visit", { "Lobby Day", "Lobby Visit", NULL } },
  { "clinic", "Clinic", { NULL } },
  { "community_meeting", "Community Meeting", { "Meeting", NULL } },
  { "training", "Training", { NULL } },
  { "other", "Other", { NULL } },
};

/* Fields written as their own X-CIVIC-… property. */
#define X_ID               "X-CIVIC-ID"
#define X_KIND             "X-CIVIC-KIND"
#define X_OFFICE           "X-CIVIC-OFFICE"
#define X_CAMPAIGN         "X-CIVIC-CAMPAIGN"
#define X_LANGUAGES        "X-CIVIC-LANGUAGES"
#define X_CAPACITY         "X-CIVIC-CAPACITY"
#define X_BOARD_VISIBLE    "X-CIVIC-BOARD-VISIBLE"
#define X_ACCESSIBILITY    "X-CIVIC-ACCESSIBILITY"
#define X_LOCATION_NAME    "X-CIVIC-LOCATION-NAME"
#define X_LOCATION_ADDRESS "X-CIVIC-LOCATION-ADDRESS"
/* The zone of an event written in UTC ("…Z"), which names none. */
#define X_TZID             "X-CIVIC-TZID"
/* Any other field: X-CIVIC-FIELD-<NAME, '_' as '-'>:<compact JSON>. */
#define X_FIELD_PREFIX     "X-CIVIC-FIELD-"

/* Fields that are mapped to iCalendar properties, derived on import, or
 * belong to the store: never written as X-CIVIC-FIELD-…, never set from one.
 */
static const char * const reserved_fields[] = {
  "type", "created_at", "updated_at", "updated_by",
  "title", "description", "status", "kind", "location", "online_url",
  "starts_at", "ends_at", "tzid", "all_day", "starts_on", "ends_on", "rrule", "exdates",
  "office_id", "campaign_id", "languages", "capacity", "board_visible", "accessibility",
  "ical_uid", "ical_categories", "recurrence_of", "recurrence_id",
  NULL
};

static gboolean
is_reserved_field (const char *name)
{
  return name[0] == '_' || g_strv_contains (reserved_fields, name);
}

void
civic_ical_import_report_free (CivicIcalImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->skipped);
  g_ptr_array_unref (report->notes);
  g_ptr_array_unref (report->ids);
  g_free (report);
}

static CivicIcalImportReport *
report_new (void)
{
  CivicIcalImportReport *report = g_new0 (CivicIcalImportReport, 1);

  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->ids = g_ptr_array_new_with_free_func (g_free);
  return report;
}

/* ---- The line-level check ------------------------------------------------ *
 *
 * libical's parser never fails: it skips what it cannot read and tucks
 * X-LIC-ERROR properties into the components.  A truncated download or a
 * file of some other format would then import half of itself, silently.
 * This pass reads the file the way RFC 5545 §3.1 describes it and refuses
 * it at the first line that breaks the format.
 */

typedef struct {
  char  *name;   /* "VEVENT", upper case */
  guint  line;
} ComponentLine;

static void
component_line_clear (gpointer data)
{
  ComponentLine *component = data;

  g_free (component->name);
}

typedef struct {
  GArray  *stack;        /* ComponentLine: the open components */
  GArray  *children;     /* ComponentLine: the components directly in a VCALENDAR, in order */
  gboolean seen_calendar;
  GError  *error;
} Scan;

G_GNUC_PRINTF (3, 4) static gboolean
scan_fail (Scan       *scan,
           guint       line,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: "line 12: END:VEVENT does not close …" */
  g_set_error (&scan->error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
               _("line %u: %s"), line, message);
  return FALSE;
}

/* A short, printable excerpt of a line for messages. */
static char *
excerpt (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, 40);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* "20261015", "20261015T180000" or "20261015T180000Z". */
static gboolean
is_ical_date_or_time (const char *text,
                      gsize       length)
{
  if (length != 8 && length != 15 && length != 16)
    return FALSE;
  for (gsize i = 0; i < 8; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (length == 8)
    return TRUE;
  if (text[8] != 'T')
    return FALSE;
  for (gsize i = 9; i < 15; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return length == 15 || text[15] == 'Z';
}

static gboolean
check_times_value (Scan       *scan,
                   guint       line,
                   const char *name,
                   const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (!is_ical_date_or_time (part, strlen (part)))
        {
          g_autofree char *shown = excerpt (part);

          return scan_fail (scan, line, _("%s has “%s”, which is not a date (20261015) or a date and time (20261015T180000)"),
                            name, shown);
        }
    }
  return TRUE;
}

static gboolean
check_duration_value (Scan       *scan,
                      guint       line,
                      const char *value)
{
  struct icaldurationtype duration = icaldurationtype_from_string (value);

  if (icaldurationtype_is_bad_duration (duration))
    {
      g_autofree char *shown = excerpt (value);

      icalerror_clear_errno ();
      return scan_fail (scan, line, _("DURATION has “%s”, which is not a duration such as PT1H30M"), shown);
    }
  return TRUE;
}

static gboolean
check_rrule_value (Scan       *scan,
                   guint       line,
                   const char *value)
{
  struct icalrecurrencetype rule = icalrecurrencetype_from_string (value);

  icalerror_clear_errno ();
  if (rule.freq == ICAL_NO_RECURRENCE)
    {
      g_autofree char *shown = excerpt (value);

      return scan_fail (scan, line, _("RRULE has “%s”, which is not a recurrence rule such as FREQ=WEEKLY;BYDAY=MO"),
                        shown);
    }
  return TRUE;
}

/* Checks one unfolded content line. */
static gboolean
scan_content_line (Scan       *scan,
                   const char *text,
                   guint       line)
{
  g_autofree char *name = NULL;
  const char *p = text;
  const char *value;
  const char *params = NULL;
  gboolean value_is_period = FALSE;

  /* Checked on the unfolded line: some writers fold in the middle of a
   * multi-byte character, which unfolding mends.
   */
  if (!g_utf8_validate (text, -1, NULL))
    return scan_fail (scan, line, _("bytes that are not UTF-8 text; iCalendar files are UTF-8"));

  while (is_name_char (*p))
    p++;
  if (p == text || (*p != ':' && *p != ';'))
    {
      g_autofree char *shown = excerpt (text);

      return scan_fail (scan, line, _("“%s” is not an iCalendar content line (NAME:value)"), shown);
    }
  name = g_ascii_strup (text, p - text);

  if (*p == ';')
    {
      gboolean quoted = FALSE;

      params = p + 1;
      for (p++; *p != '\0' && (quoted || *p != ':'); p++)
        if (*p == '"')
          quoted = !quoted;
      if (*p != ':')
        {
          if (quoted)
            return scan_fail (scan, line, _("a quoted parameter value of %s is not closed"), name);
          return scan_fail (scan, line, _("the property %s has no “:” before its value"), name);
        }
      {
        g_autofree char *params_text = g_ascii_strup (params, p - params);

        value_is_period = strstr (params_text, "VALUE=PERIOD") != NULL;
      }
    }
  value = p + 1;

  if (g_str_equal (name, "BEGIN"))
    {
      ComponentLine component;
      g_autofree char *kind = g_ascii_strup (value, -1);

      g_strstrip (kind);
      if (kind[0] == '\0')
        return scan_fail (scan, line, _("BEGIN names no component"));
      if (scan->stack->len == 0 && !g_str_equal (kind, "VCALENDAR"))
        {
          if (!scan->seen_calendar)
            return scan_fail (scan, line, _("the file does not start with BEGIN:VCALENDAR; it is not an iCalendar file"));
          return scan_fail (scan, line, _("BEGIN:%s after the end of the calendar"), kind);
        }
      if (scan->stack->len == 1)
        {
          ComponentLine child = { g_strdup (kind), line };

          g_array_append_val (scan->children, child);
        }
      scan->seen_calendar = TRUE;
      component.name = g_steal_pointer (&kind);
      component.line = line;
      g_array_append_val (scan->stack, component);
      return TRUE;
    }

  if (g_str_equal (name, "END"))
    {
      g_autofree char *kind = g_strstrip (g_ascii_strup (value, -1));
      ComponentLine *open;

      if (scan->stack->len == 0)
        return scan_fail (scan, line, _("END:%s without a matching BEGIN:%s"), kind, kind);
      open = &g_array_index (scan->stack, ComponentLine, scan->stack->len - 1);
      if (!g_str_equal (open->name, kind))
        return scan_fail (scan, line, _("END:%s where END:%s was expected (for the BEGIN:%s of line %u)"),
                          kind, open->name, open->name, open->line);
      g_array_set_size (scan->stack, scan->stack->len - 1);
      return TRUE;
    }

  if (scan->stack->len == 0)
    {
      if (!scan->seen_calendar)
        return scan_fail (scan, line, _("the file does not start with BEGIN:VCALENDAR; it is not an iCalendar file"));
      return scan_fail (scan, line, _("the property %s comes after END:VCALENDAR"), name);
    }

  /* The values this program reads into events must be readable. */
  {
    const char *component = g_array_index (scan->stack, ComponentLine, scan->stack->len - 1).name;
    gboolean in_event = g_str_equal (component, "VEVENT");
    gboolean in_zone = g_str_equal (component, "STANDARD") || g_str_equal (component, "DAYLIGHT");

    if (in_event || in_zone)
      {
        if (g_str_equal (name, "DTSTART") ||
            (in_event && (g_str_equal (name, "DTEND") || g_str_equal (name, "RECURRENCE-ID") ||
                          g_str_equal (name, "EXDATE"))))
          return check_times_value (scan, line, name, value);
        if (in_event && g_str_equal (name, "RDATE") && !value_is_period)
          return check_times_value (scan, line, name, value);
        if (in_event && g_str_equal (name, "DURATION"))
          return check_duration_value (scan, line, value);
        if (g_str_equal (name, "RRULE"))
          return check_rrule_value (scan, line, value);
      }
  }
  return TRUE;
}

/* Line @line of @data (1-based) where byte @offset lies. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* The line-level check of the whole file.  @data has no BOM.  On success
 * @children lists the components of the calendar(s) with their lines.
 */
static gboolean
scan_file (const char  *data,
           gsize        length,
           GArray     **children,
           GError     **error)
{
  Scan scan = { 0 };
  g_autoptr(GString) logical = g_string_new (NULL);
  guint logical_line = 0;
  guint line = 0;
  const char *end = data + length;
  const char *p = data;
  gboolean cr_only;
  gboolean has_logical = FALSE;
  gboolean only_space = TRUE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      {
        only_space = FALSE;
        break;
      }
  if (only_space)
    {
      g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
                   _("line 1: the file is empty"));
      return FALSE;
    }

  /* Some other kind of file altogether: say so rather than find fault
   * with its second line.
   */
  {
    gsize start = 0;
    guint first_line = 1;

    while (start < length && g_ascii_isspace (data[start]))
      {
        if (data[start] == '\n')
          first_line++;
        start++;
      }
    if (length - start < 15 || g_ascii_strncasecmp (data + start, "BEGIN:VCALENDAR", 15) != 0)
      {
        gsize probe = MIN (length - start, 512);
        gboolean binary = !g_utf8_validate_len (data + start, probe, NULL);

        for (gsize i = start; i < start + probe && !binary; i++)
          {
            guchar c = (guchar) data[i];

            binary = c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n');
          }
        if (binary)
          g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
                       _("line %u: binary data, not an iCalendar file (which starts with BEGIN:VCALENDAR)"),
                       first_line);
        else
          g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
                       _("line %u: the file does not start with BEGIN:VCALENDAR; it is not an iCalendar file"),
                       first_line);
        return FALSE;
      }
  }

  /* Binary data first: a NUL, a control character or bytes that are not
   * UTF-8 mean this is not a text file at all.
   */
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c == 0 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
        {
          g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
                       _("line %u: binary data (byte 0x%02X) where text was expected; this is not an iCalendar file"),
                       line_of_offset (data, i), c);
          return FALSE;
        }
    }

  /* Very old Mac files end lines with CR alone. */
  cr_only = memchr (data, '\n', length) == NULL && memchr (data, '\r', length) != NULL;

  scan.stack = g_array_new (FALSE, FALSE, sizeof (ComponentLine));
  g_array_set_clear_func (scan.stack, component_line_clear);
  scan.children = g_array_new (FALSE, FALSE, sizeof (ComponentLine));
  g_array_set_clear_func (scan.children, component_line_clear);

  while (p < end && scan.error == NULL)
    {
      const char *eol = memchr (p, cr_only ? '\r' : '\n', end - p);
      const char *next = eol != NULL ? eol + 1 : end;
      gsize len = (eol != NULL ? eol : end) - p;

      line++;
      if (!cr_only && len > 0 && p[len - 1] == '\r')
        len--;

      if (len > 0 && (p[0] == ' ' || p[0] == '\t'))
        {
          /* A folded continuation (RFC 5545 §3.1). */
          if (!has_logical)
            {
              scan_fail (&scan, line, _("a continuation line (starting with a space) with no line before it to continue"));
              break;
            }
          g_string_append_len (logical, p + 1, len - 1);
        }
      else
        {
          if (has_logical)
            scan_content_line (&scan, logical->str, logical_line);
          g_string_truncate (logical, 0);
          has_logical = len > 0;
          if (has_logical)
            {
              g_string_append_len (logical, p, len);
              logical_line = line;
            }
        }
      p = next;
    }
  if (scan.error == NULL && has_logical)
    scan_content_line (&scan, logical->str, logical_line);

  if (scan.error == NULL && scan.stack->len > 0)
    {
      ComponentLine *open = &g_array_index (scan.stack, ComponentLine, scan.stack->len - 1);

      scan_fail (&scan, line, _("the file ends inside the %s begun on line %u (END:%s is missing); is it cut short?"),
                 open->name, open->line, open->name);
    }
  if (scan.error == NULL && !scan.seen_calendar)
    scan_fail (&scan, line, _("the file holds no BEGIN:VCALENDAR; it is not an iCalendar file"));

  g_array_unref (scan.stack);
  if (scan.error != NULL)
    {
      g_propagate_error (error, scan.error);
      g_array_unref (scan.children);
      return FALSE;
    }

  *children = scan.children;
  return TRUE;
}

/* ---- Time zones of one file ---------------------------------------------- */

typedef struct {
  char         *iana;  /* the IANA zone the TZID means, %NULL if only its VTIMEZONE knows */
  GTimeZone    *tz;
  icaltimezone *vtz;   /* the file's VTIMEZONE (owned by the calendar), may be %NULL */
} Zone;

static void
zone_free (gpointer data)
{
  Zone *zone = data;

  g_free (zone->iana);
  g_clear_pointer (&zone->tz, g_time_zone_unref);
  g_free (zone);
}

typedef struct {
  icalcomponent          *calendar;       /* the VCALENDAR being read */
  GHashTable             *zones;          /* TZID → Zone, for this calendar */
  char                   *calendar_zone;  /* X-WR-TIMEZONE, as an IANA name */
  char                   *system_zone;
  CivicIcalImportReport  *report;
} ParseContext;

/* The UTC offset of @vtz at the UTC instant @unix. */
static int
vtimezone_offset_at (icaltimezone *vtz,
                     gint64        unix_time)
{
  struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) unix_time, 0,
                                                        icaltimezone_get_utc_timezone ());

  return icaltimezone_get_utc_offset_of_utc_time (vtz, &t, NULL);
}

static gboolean
zone_matches_vtimezone (const char   *iana,
                        icaltimezone *vtz,
                        int           year)
{
  g_autoptr(GTimeZone) tz = civic_cal_zone_new (iana);

  if (tz == NULL)
    return FALSE;

  /* Twice a month over a year tells zones with different rules or
   * different DST dates apart (the US and Europe change weeks apart).
   */
  for (int month = 1; month <= 12; month++)
    for (int day = 1; day <= 15; day += 14)
      {
        g_autoptr(GDateTime) at = g_date_time_new_utc (year, month, day, 12, 0, 0);
        gint64 unix_time = g_date_time_to_unix (at);
        int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

        if (g_time_zone_get_offset (tz, interval) != vtimezone_offset_at (vtz, unix_time))
          return FALSE;
      }
  return TRUE;
}

/* An IANA zone whose offsets are those of the VTIMEZONE @vtz this year:
 * the system zone if it fits, else the first zone of the Windows table.
 */
static char *
guess_zone_of_vtimezone (ParseContext *ctx,
                         icaltimezone *vtz)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int year = g_date_time_get_year (now);
  static const char * const windows_names[] = {
    "Pacific Standard Time", "Mountain Standard Time", "US Mountain Standard Time",
    "Central Standard Time", "Eastern Standard Time", "Alaskan Standard Time",
    "Hawaiian Standard Time", "Atlantic Standard Time", "Korea Standard Time",
    "Tokyo Standard Time", "China Standard Time", "GMT Standard Time",
    "W. Europe Standard Time", "Romance Standard Time", "Central Europe Standard Time",
    "E. Europe Standard Time", "FLE Standard Time", "India Standard Time",
    "AUS Eastern Standard Time", "New Zealand Standard Time", "UTC",
    "Central Standard Time (Mexico)", "SA Pacific Standard Time",
    "E. South America Standard Time", "Argentina Standard Time",
    "Singapore Standard Time", "Taipei Standard Time", "SE Asia Standard Time",
    "Russian Standard Time", "Turkey Standard Time", "Israel Standard Time",
    "Arabian Standard Time", "South Africa Standard Time",
  };

  if (zone_matches_vtimezone (ctx->system_zone, vtz, year))
    return g_strdup (ctx->system_zone);
  if (ctx->calendar_zone != NULL && zone_matches_vtimezone (ctx->calendar_zone, vtz, year))
    return g_strdup (ctx->calendar_zone);
  for (gsize i = 0; i < G_N_ELEMENTS (windows_names); i++)
    {
      g_autofree char *iana = civic_cal_canonical_zone_id (windows_names[i]);

      if (iana != NULL && zone_matches_vtimezone (iana, vtz, year))
        return g_steal_pointer (&iana);
    }
  return NULL;
}

static Zone *
resolve_zone (ParseContext *ctx,
              const char   *tzid,
              guint         line)
{
  Zone *zone = g_hash_table_lookup (ctx->zones, tzid);

  if (zone != NULL)
    return zone;

  zone = g_new0 (Zone, 1);
  zone->vtz = icalcomponent_get_timezone (ctx->calendar, tzid);
  zone->iana = civic_cal_canonical_zone_id (tzid);
  if (zone->iana == NULL && zone->vtz != NULL)
    {
      /* X-LIC-LOCATION names the IANA zone in files from libical users. */
      const char *location = icaltimezone_get_location (zone->vtz);

      zone->iana = civic_cal_canonical_zone_id (location);
      if (zone->iana == NULL)
        zone->iana = guess_zone_of_vtimezone (ctx, zone->vtz);
    }
  if (zone->iana == NULL && zone->vtz == NULL)
    {
      zone->iana = g_strdup (ctx->system_zone);
      g_ptr_array_add (ctx->report->notes,
                       g_strdup_printf (_("line %u: the time zone “%s” is unknown and the file does not describe it; its times were read in %s"),
                                        line, tzid, ctx->system_zone));
    }
  if (zone->iana != NULL)
    zone->tz = civic_cal_zone_new (zone->iana);
  icalerror_clear_errno ();

  g_hash_table_insert (ctx->zones, g_strdup (tzid), zone);
  return zone;
}

/* A time read from a DTSTART-like property. */
typedef struct {
  gboolean   is_date;
  GDate      date;     /* is_date */
  GDateTime *utc;      /* !is_date */
  char      *zone;     /* the IANA zone it was written in; %NULL for UTC ("…Z") */
  gboolean   floating;
} PropTime;

static void
prop_time_clear (PropTime *time)
{
  g_clear_pointer (&time->utc, g_date_time_unref);
  g_clear_pointer (&time->zone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PropTime, prop_time_clear)

static const char *
property_tzid (icalproperty *prop)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);

  return param != NULL ? icalparameter_get_tzid (param) : NULL;
}

static gboolean
read_prop_time (ParseContext        *ctx,
                icalproperty        *prop,
                struct icaltimetype  t,
                guint                line,
                PropTime            *out)
{
  const char *tzid = property_tzid (prop);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->date, 1);

  if (icaltime_is_null_time (t) || !g_date_valid_dmy ((GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year))
    return FALSE;

  if (t.is_date)
    {
      out->is_date = TRUE;
      g_date_set_dmy (&out->date, (GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year);
      return TRUE;
    }

  if (icaltime_is_utc (t) && tzid == NULL)
    {
      out->utc = g_date_time_new_utc (t.year, t.month, t.day, t.hour, t.minute, t.second);
      return out->utc != NULL;
    }

  if (tzid != NULL)
    {
      Zone *zone = resolve_zone (ctx, tzid, line);

      if (zone->tz != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_new (zone->tz, t.year, t.month, t.day,
                                                        t.hour, t.minute, t.second);

          if (local == NULL)
            return FALSE;
          out->utc = g_date_time_to_utc (local);
          out->zone = g_strdup (zone->iana);
          return TRUE;
        }
      if (zone->vtz != NULL)
        {
          /* Only the file's VTIMEZONE knows this zone: let libical apply it. */
          struct icaltimetype converted = t;

          converted.zone = NULL;
          icaltimezone_convert_time (&converted, zone->vtz, icaltimezone_get_utc_timezone ());
          out->utc = g_date_time_new_utc (converted.year, converted.month, converted.day,
                                          converted.hour, converted.minute, converted.second);
          out->zone = g_strdup (ctx->system_zone);
          return out->utc != NULL;
        }
    }

  /* Floating time: the wall clock wherever the reader is. */
  {
    g_autoptr(GTimeZone) local_tz = civic_cal_zone_new (ctx->system_zone);
    g_autoptr(GDateTime) local = NULL;

    if (local_tz == NULL)
      local_tz = g_time_zone_new_local ();
    local = g_date_time_new (local_tz, t.year, t.month, t.day, t.hour, t.minute, t.second);
    if (local == NULL)
      return FALSE;
    out->utc = g_date_time_to_utc (local);
    out->zone = g_strdup (ctx->system_zone);
    out->floating = TRUE;
    return TRUE;
  }
}

/* The date @time falls on in @zone_id (a date stays itself). */
static char *
prop_time_date_in (PropTime   *time,
                   const char *zone_id)
{
  g_autoptr(GTimeZone) zone = NULL;
  GDate date;

  if (time->is_date)
    return civic_cal_format_date (&time->date);

  zone = zone_id != NULL ? civic_cal_zone_new (zone_id) : NULL;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  civic_cal_date_in_zone (time->utc, zone, &date);
  return civic_cal_format_date (&date);
}

/* ---- VEVENT → document --------------------------------------------------- */

typedef struct {
  JsonObject *doc;
  GPtrArray  *remove;           /* members the file says are gone */
  guint       line;
  char       *uid;
  char       *recurrence_date;  /* an exception's occurrence date, else %NULL */
  gboolean    rid_is_date;      /* an exception's RECURRENCE-ID as read */
  GDate       rid_date;
  GDateTime  *rid_utc;
  char       *zone;             /* the event's zone (for its exceptions' dates) */
  gboolean    all_day;
  gboolean    repeating;
} ParsedEvent;

static void
parsed_event_free (gpointer data)
{
  ParsedEvent *event = data;

  g_clear_pointer (&event->doc, json_object_unref);
  g_clear_pointer (&event->remove, g_ptr_array_unref);
  g_free (event->uid);
  g_free (event->recurrence_date);
  g_free (event->zone);
  g_clear_pointer (&event->rid_utc, g_date_time_unref);
  g_free (event);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static char *
id_from_text (const char *text)
{
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);

  return g_strdup_printf ("event:ics-%.24s", md5);
}

/* Lower-cased letters and digits only: "Phone-Bank" → "phonebank". */
static char *
normalize_label (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Normalized label → kind, for every kind's id, English label, synonyms
 * and translated label; and, for loose matching, each kind's normalized
 * English label.  Built once: normalizing is costly next to the lookup,
 * and a 5,000-event file asks 5,000 times.
 */
static GHashTable *
kind_names (const char * const **loose_labels)
{
  static GHashTable *names;
  static const char *loose[G_N_ELEMENTS (kind_labels)];

  if (g_once_init_enter (&names))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* Later entries do not replace earlier ones: ids and labels first. */
      for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
        {
          const char *kind = kind_labels[i].kind;
          const char *names_of_kind[] = {
            kind, kind_labels[i].label, civic_event_kind_get_label (kind),
            kind_labels[i].synonyms[0], kind_labels[i].synonyms[1],
            kind_labels[i].synonyms[2], kind_labels[i].synonyms[3],
          };

          for (gsize j = 0; j < G_N_ELEMENTS (names_of_kind) && names_of_kind[j] != NULL; j++)
            {
              char *normalized = normalize_label (names_of_kind[j]);

              if (normalized[0] != '\0' && !g_hash_table_contains (table, normalized))
                g_hash_table_insert (table, normalized, (gpointer) kind);
              else
                g_free (normalized);
            }
          loose[i] = g_str_equal (kind, "other") ? NULL : normalize_label (kind_labels[i].label);
        }
      g_once_init_leave (&names, table);
    }

  *loose_labels = loose;
  return names;
}

/* The kind a CATEGORIES value names, or %NULL. */
static const char *
kind_of_category (const char *category,
                  gboolean    loosely)
{
  g_autofree char *normalized = normalize_label (category);
  const char * const *loose;
  GHashTable *names = kind_names (&loose);

  if (normalized[0] == '\0')
    return NULL;

  if (!loosely)
    return g_hash_table_lookup (names, normalized);

  /* "Citizenship Clinic" is a clinic, "Know Your Rights Workshop" a workshop. */
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (loose[i] != NULL && strstr (normalized, loose[i]) != NULL)
      return kind_labels[i].kind;
  return NULL;
}

static const char *
kind_label (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].kind, kind) == 0)
      return kind_labels[i].label;
  return NULL;
}

static gboolean
is_known_kind (const char *kind)
{
  return kind != NULL && kind_label (kind) != NULL;
}

static void
set_text (JsonObject *doc,
          const char *member,
          const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;
  trimmed = g_strstrip (g_strdup (value));
  if (trimmed[0] != '\0')
    json_object_set_string_member (doc, member, trimmed);
}

static JsonArray *
strv_to_array (char **values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_strstrip (values[i]);
      if (values[i][0] != '\0')
        json_array_add_string_element (array, values[i]);
    }
  return array;
}

static char *
summary_of (icalcomponent *component)
{
  icalproperty *prop = icalcomponent_get_first_property (component, ICAL_SUMMARY_PROPERTY);

  return prop != NULL && icalproperty_get_summary (prop) != NULL
    ? g_strdup (icalproperty_get_summary (prop)) : NULL;
}

static char *
event_label (icalcomponent *component)
{
  g_autofree char *summary = summary_of (component);

  if (summary == NULL || *summary == '\0')
    return g_strdup (_("an event without a title"));
  return g_strdup_printf (_("the event “%s”"), summary);
}

static void
read_x_property (JsonObject   *doc,
                 icalproperty *prop,
                 char        **online_fallback,
                 char        **location_name,
                 char        **location_address,
                 GPtrArray    *notes,
                 guint         line)
{
  const char *name = icalproperty_get_x_name (prop);
  const char *value = icalproperty_get_x (prop);

  if (name == NULL)
    return;
  if (value == NULL)
    value = "";

  if (g_ascii_strcasecmp (name, X_KIND) == 0)
    {
      if (is_known_kind (value))
        json_object_set_string_member (doc, "kind", value);
    }
  else if (g_ascii_strcasecmp (name, X_OFFICE) == 0)
    set_text (doc, "office_id", value);
  else if (g_ascii_strcasecmp (name, X_CAMPAIGN) == 0)
    set_text (doc, "campaign_id", value);
  else if (g_ascii_strcasecmp (name, X_ACCESSIBILITY) == 0)
    set_text (doc, "accessibility", value);
  else if (g_ascii_strcasecmp (name, X_LANGUAGES) == 0)
    {
      g_auto(GStrv) parts = g_str_equal (value, "[]") ? NULL : g_strsplit (value, ",", -1);

      json_object_set_array_member (doc, "languages", strv_to_array (parts));
    }
  else if (g_ascii_strcasecmp (name, X_CAPACITY) == 0)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      guint64 capacity;

      if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &capacity, NULL))
        json_object_set_int_member (doc, "capacity", (gint64) capacity);
    }
  else if (g_ascii_strcasecmp (name, X_BOARD_VISIBLE) == 0)
    json_object_set_boolean_member (doc, "board_visible",
                                    g_ascii_strcasecmp (value, "TRUE") == 0 ||
                                    g_str_equal (value, "1"));
  else if (g_ascii_strcasecmp (name, X_LOCATION_NAME) == 0)
    {
      g_free (*location_name);
      *location_name = g_strdup (value);
    }
  else if (g_ascii_strcasecmp (name, X_LOCATION_ADDRESS) == 0)
    {
      g_free (*location_address);
      *location_address = g_strdup (value);
    }
  else if (g_ascii_strncasecmp (name, X_FIELD_PREFIX, strlen (X_FIELD_PREFIX)) == 0)
    {
      g_autofree char *field = g_ascii_strdown (name + strlen (X_FIELD_PREFIX), -1);
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_strdelimit (field, "-", '_');
      if (field[0] == '\0' || is_reserved_field (field))
        return;
      if (json_parser_load_from_data (parser, value, -1, NULL))
        json_object_set_member (doc, field, json_node_copy (json_parser_get_root (parser)));
      else
        g_ptr_array_add (notes, g_strdup_printf (_("line %u: %s is not readable and was left out"),
                                                 line, name));
    }
  else if (g_ascii_strcasecmp (name, "X-GOOGLE-CONFERENCE") == 0 ||
           g_ascii_strcasecmp (name, "X-MICROSOFT-SKYPETEAMSMEETINGURL") == 0 ||
           g_ascii_strcasecmp (name, "X-MICROSOFT-ONLINEMEETINGCONFLINK") == 0)
    {
      if (*online_fallback == NULL && g_str_has_prefix (value, "http"))
        *online_fallback = g_strdup (value);
    }
}

/* Reads one VEVENT; %NULL (with a reason in the report) when it cannot be
 * an event.
 */
static ParsedEvent *
parse_vevent (ParseContext  *ctx,
              icalcomponent *component,
              guint          line)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GPtrArray) remove = g_ptr_array_new ();
  g_autoptr(JsonArray) categories_kept = json_array_new ();
  g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *online_fallback = NULL;
  g_autofree char *location_name = NULL;
  g_autofree char *location_address = NULL;
  g_autofree char *civic_id = NULL;
  g_autofree char *x_kind = NULL;
  g_autofree char *x_tzid = NULL;
  const char *kind = NULL;
  const char *loose_kind = NULL;
  g_auto(PropTime) start = { 0 };
  ParsedEvent *event;
  icalproperty *prop;
  icalproperty *dtstart = icalcomponent_get_first_property (component, ICAL_DTSTART_PROPERTY);
  icalproperty *dtend = icalcomponent_get_first_property (component, ICAL_DTEND_PROPERTY);
  icalproperty *duration = icalcomponent_get_first_property (component, ICAL_DURATION_PROPERTY);
  icalproperty *rrule = icalcomponent_get_first_property (component, ICAL_RRULE_PROPERTY);
  icalproperty *recurrence_id = icalcomponent_get_first_property (component, ICAL_RECURRENCEID_PROPERTY);
  const char *uid = icalcomponent_get_uid (component);

  if (dtstart == NULL || !read_prop_time (ctx, dtstart, icalproperty_get_dtstart (dtstart), line, &start))
    {
      g_autofree char *label = event_label (component);

      g_ptr_array_add (ctx->report->skipped,
                       g_strdup_printf (_("line %u: %s has no start (DTSTART) and was skipped"), line, label));
      return NULL;
    }

  event = g_new0 (ParsedEvent, 1);
  event->line = line;
  event->uid = g_strdup (uid != NULL && *uid != '\0' ? uid : NULL);

  json_object_set_string_member (doc, "type", "event");
  if (event->uid != NULL)
    json_object_set_string_member (doc, "ical_uid", event->uid);

  /* Text. */
  set_text (doc, "title", icalcomponent_get_summary (component));
  prop = icalcomponent_get_first_property (component, ICAL_DESCRIPTION_PROPERTY);
  if (prop != NULL && icalproperty_get_description (prop) != NULL)
    {
      g_autofree char *description = g_strdup (icalproperty_get_description (prop));

      /* Keep the author's line breaks, drop trailing blank space. */
      g_strchomp (description);
      if (description[0] != '\0')
        json_object_set_string_member (doc, "description", description);
    }
  prop = icalcomponent_get_first_property (component, ICAL_LOCATION_PROPERTY);
  if (prop != NULL && icalproperty_get_location (prop) != NULL)
    location_name = g_strdup (icalproperty_get_location (prop));
  prop = icalcomponent_get_first_property (component, ICAL_URL_PROPERTY);
  if (prop != NULL && icalproperty_get_url (prop) != NULL)
    set_text (doc, "online_url", icalproperty_get_url (prop));

  prop = icalcomponent_get_first_property (component, ICAL_STATUS_PROPERTY);
  if (prop != NULL)
    switch (icalproperty_get_status (prop))
      {
      case ICAL_STATUS_TENTATIVE:
        json_object_set_string_member (doc, "status", "tentative");
        break;
      case ICAL_STATUS_CONFIRMED:
        json_object_set_string_member (doc, "status", "confirmed");
        break;
      case ICAL_STATUS_CANCELLED:
        json_object_set_string_member (doc, "status", "cancelled");
        break;
      case ICAL_STATUS_X:
      case ICAL_STATUS_NEEDSACTION:
      case ICAL_STATUS_COMPLETED:
      case ICAL_STATUS_INPROCESS:
      case ICAL_STATUS_DRAFT:
      case ICAL_STATUS_FINAL:
      case ICAL_STATUS_DELETED:
      case ICAL_STATUS_FAILED:
      case ICAL_STATUS_PENDING:
      case ICAL_STATUS_NONE:
      default:
        break;
      }

  /* CATEGORIES: the first that names a kind exactly, else loosely. */
  for (prop = icalcomponent_get_first_property (component, ICAL_CATEGORIES_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (component, ICAL_CATEGORIES_PROPERTY))
    {
      const char *value = icalproperty_get_categories (prop);
      g_auto(GStrv) parts = value != NULL ? g_strsplit (value, ",", -1) : NULL;

      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        {
          const char *exact;

          g_strstrip (parts[i]);
          if (parts[i][0] == '\0')
            continue;
          exact = kind_of_category (parts[i], FALSE);
          if (exact != NULL)
            {
              if (kind == NULL)
                kind = exact;
              continue;
            }
          if (loose_kind == NULL)
            loose_kind = kind_of_category (parts[i], TRUE);
          json_array_add_string_element (categories_kept, parts[i]);
        }
    }

  for (prop = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);

      if (name != NULL && g_ascii_strcasecmp (name, X_ID) == 0 && icalproperty_get_x (prop) != NULL)
        {
          g_free (civic_id);
          civic_id = g_strstrip (g_strdup (icalproperty_get_x (prop)));
        }
      else if (name != NULL && g_ascii_strcasecmp (name, X_KIND) == 0)
        {
          g_free (x_kind);
          x_kind = g_strdup (icalproperty_get_x (prop));
        }
      else if (name != NULL && g_ascii_strcasecmp (name, X_TZID) == 0)
        {
          g_free (x_tzid);
          x_tzid = civic_cal_canonical_zone_id (icalproperty_get_x (prop));
        }
      else
        read_x_property (doc, prop, &online_fallback, &location_name, &location_address,
                         ctx->report->notes, line);
    }

  if (x_kind != NULL && is_known_kind (x_kind))
    kind = x_kind;
  else if (kind == NULL)
    kind = loose_kind;
  if (kind != NULL)
    json_object_set_string_member (doc, "kind", kind);
  if (json_array_get_length (categories_kept) > 0)
    json_object_set_array_member (doc, "ical_categories", json_array_ref (categories_kept));

  if (!json_object_has_member (doc, "online_url") && online_fallback != NULL)
    json_object_set_string_member (doc, "online_url", online_fallback);

  if (location_name != NULL || location_address != NULL)
    {
      JsonObject *location = json_object_new ();

      set_text (location, "name", location_name);
      set_text (location, "address", location_address);
      if (json_object_get_size (location) > 0)
        json_object_set_object_member (doc, "location", location);
      else
        json_object_unref (location);
    }

  /* Time. */
  event->repeating = rrule != NULL && recurrence_id == NULL;
  if (start.is_date)
    {
      g_autofree char *starts_on = civic_cal_format_date (&start.date);
      GDate last = start.date;

      event->all_day = TRUE;
      if (dtend != NULL)
        {
          g_auto(PropTime) end = { 0 };

          if (read_prop_time (ctx, dtend, icalproperty_get_dtend (dtend), line, &end))
            {
              GDate end_date;

              if (end.is_date)
                end_date = end.date;
              else
                {
                  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

                  civic_cal_date_in_zone (end.utc, utc, &end_date);
                }
              /* DTEND;VALUE=DATE is the day after the last one. */
              if (g_date_compare (&end_date, &start.date) > 0)
                {
                  last = end_date;
                  g_date_subtract_days (&last, 1);
                }
            }
        }
      else if (duration != NULL)
        {
          struct icaldurationtype d = icalproperty_get_duration (duration);
          int days = (int) (d.weeks * 7 + d.days);

          if (!d.is_neg && days > 1)
            g_date_add_days (&last, (guint) days - 1);
        }

      json_object_set_boolean_member (doc, "all_day", TRUE);
      json_object_set_string_member (doc, "starts_on", starts_on);
      {
        g_autofree char *ends_on = civic_cal_format_date (&last);

        json_object_set_string_member (doc, "ends_on", ends_on);
      }
      g_ptr_array_add (remove, (gpointer) "starts_at");
      g_ptr_array_add (remove, (gpointer) "ends_at");
      g_ptr_array_add (remove, (gpointer) "tzid");
    }
  else
    {
      g_autoptr(GDateTime) ends = NULL;
      g_autofree char *starts_at = civic_cal_format_instant (start.utc);
      g_autofree char *ends_at = NULL;
      const char *zone = start.zone;

      if (dtend != NULL)
        {
          g_auto(PropTime) end = { 0 };

          if (read_prop_time (ctx, dtend, icalproperty_get_dtend (dtend), line, &end))
            {
              g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

              ends = end.is_date ? civic_cal_date_start (&end.date, utc) : g_date_time_ref (end.utc);
            }
        }
      else if (duration != NULL)
        {
          struct icaldurationtype d = icalproperty_get_duration (duration);

          ends = g_date_time_add_seconds (start.utc, icaldurationtype_as_int (d));
        }
      if (ends == NULL || g_date_time_compare (ends, start.utc) < 0)
        {
          if (ends != NULL)
            g_ptr_array_add (ctx->report->notes,
                             g_strdup_printf (_("line %u: the event ends before it starts; its end was set to its start"),
                                              line));
          g_clear_pointer (&ends, g_date_time_unref);
          ends = g_date_time_ref (start.utc);
        }
      ends_at = civic_cal_format_instant (ends);

      json_object_set_boolean_member (doc, "all_day", FALSE);
      json_object_set_string_member (doc, "starts_at", starts_at);
      json_object_set_string_member (doc, "ends_at", ends_at);

      /* A UTC start names no zone.  Google writes one-off events in UTC
       * and the calendar's zone in X-WR-TIMEZONE; a repeating event in
       * UTC repeats in UTC.
       */
      if (zone == NULL)
        zone = x_tzid != NULL ? x_tzid : event->repeating ? "UTC" : ctx->calendar_zone;
      if (zone != NULL)
        json_object_set_string_member (doc, "tzid", zone);
      event->zone = g_strdup (zone != NULL ? zone : ctx->system_zone);
      g_ptr_array_add (remove, (gpointer) "starts_on");
      g_ptr_array_add (remove, (gpointer) "ends_on");
    }

  /* Recurrence. */
  if (event->repeating)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (rrule);
      char *text = icalrecurrencetype_as_string_r (&rule);

      icalerror_clear_errno ();
      json_object_set_string_member (doc, "rrule", text);
      free (text);

      if (icalcomponent_get_next_property (component, ICAL_RRULE_PROPERTY) != NULL)
        g_ptr_array_add (ctx->report->notes,
                         g_strdup_printf (_("line %u: the event has more than one RRULE; only the first was kept"), line));

      for (prop = icalcomponent_get_first_property (component, ICAL_EXDATE_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (component, ICAL_EXDATE_PROPERTY))
        {
          g_auto(PropTime) ex = { 0 };

          if (read_prop_time (ctx, prop, icalproperty_get_exdate (prop), line, &ex))
            {
              char *date = prop_time_date_in (&ex, event->zone);

              if (!g_ptr_array_find_with_equal_func (exdates, date, g_str_equal, NULL))
                g_ptr_array_add (exdates, date);
              else
                g_free (date);
            }
        }
      if (exdates->len > 0)
        {
          JsonArray *array = json_array_new ();

          g_ptr_array_sort (exdates, compare_strings);
          for (guint i = 0; i < exdates->len; i++)
            json_array_add_string_element (array, g_ptr_array_index (exdates, i));
          json_object_set_array_member (doc, "exdates", array);
        }
      else
        g_ptr_array_add (remove, (gpointer) "exdates");

      if (icalcomponent_get_first_property (component, ICAL_RDATE_PROPERTY) != NULL)
        g_ptr_array_add (ctx->report->notes,
                         g_strdup_printf (_("line %u: extra dates (RDATE) of the event are not supported and were left out"),
                                          line));
    }
  else if (recurrence_id == NULL)
    {
      g_ptr_array_add (remove, (gpointer) "rrule");
      g_ptr_array_add (remove, (gpointer) "exdates");
    }

  if (recurrence_id != NULL)
    {
      g_auto(PropTime) rid = { 0 };

      if (!read_prop_time (ctx, recurrence_id, icalproperty_get_recurrenceid (recurrence_id), line, &rid))
        {
          g_autofree char *label = event_label (component);

          g_ptr_array_add (ctx->report->skipped,
                           g_strdup_printf (_("line %u: %s has an unreadable RECURRENCE-ID and was skipped"), line, label));
          parsed_event_free (event);
          return NULL;
        }
      /* The series' zone decides the date; fixed up once it is known. */
      event->recurrence_date = prop_time_date_in (&rid, rid.zone != NULL ? rid.zone : event->zone);
      g_ptr_array_add (remove, (gpointer) "rrule");
      g_ptr_array_add (remove, (gpointer) "exdates");
      /* Kept to find the date again in the series' zone. */
      event->rid_is_date = rid.is_date;
      event->rid_date = rid.date;
      event->rid_utc = rid.utc != NULL ? g_date_time_ref (rid.utc) : NULL;
    }

  /* The id: the one Civic Desk wrote, else one derived from the UID.  A
   * UID that is the document's own id (Civic Desk's export of an event
   * made in the app) is not worth keeping.
   */
  if (civic_id != NULL && g_str_has_prefix (civic_id, "event:") && strlen (civic_id) > 6)
    {
      json_object_set_string_member (doc, "_id", civic_id);
      if (g_strcmp0 (civic_id, event->uid) == 0)
        json_object_remove_member (doc, "ical_uid");
    }
  else if (recurrence_id == NULL)
    {
      g_autofree char *id = NULL;

      if (event->uid != NULL)
        id = id_from_text (event->uid);
      else
        {
          /* Without a UID, the start and title identify the event across
           * imports of the same file.
           */
          const char *summary = icalcomponent_get_summary (component);
          g_autofree char *key = g_strdup_printf ("no-uid\n%s\n%s",
                                                  icalproperty_get_value_as_string (dtstart),
                                                  summary != NULL ? summary : "");

          id = id_from_text (key);
        }
      json_object_set_string_member (doc, "_id", id);
    }

  event->doc = g_steal_pointer (&doc);
  event->remove = g_steal_pointer (&remove);
  return event;
}

/* ---- The whole file ------------------------------------------------------- */

static char *
component_description (const char *kind)
{
  if (g_str_equal (kind, "VTODO"))
    return g_strdup (_("a task (VTODO)"));
  if (g_str_equal (kind, "VJOURNAL"))
    return g_strdup (_("a journal entry (VJOURNAL)"));
  if (g_str_equal (kind, "VFREEBUSY"))
    return g_strdup (_("free/busy times (VFREEBUSY)"));
  if (g_str_equal (kind, "VAVAILABILITY"))
    return g_strdup (_("availability (VAVAILABILITY)"));
  /* TRANSLATORS: %s is an iCalendar component name such as VALARM */
  return g_strdup_printf (_("a %s component"), kind);
}

/* The date of the occurrence an exception's RECURRENCE-ID names, in the
 * series' zone (or as a date for an all-day series).
 */
static char *
exception_date_in_series (ParsedEvent *exception,
                          gboolean     series_all_day,
                          const char  *series_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  GDate date;

  if (exception->rid_is_date)
    return civic_cal_format_date (&exception->rid_date);
  if (exception->rid_utc == NULL)
    return g_strdup (exception->recurrence_date);

  zone = series_all_day ? NULL : civic_cal_zone_new (series_zone);
  if (zone == NULL)
    zone = series_all_day ? g_time_zone_new_utc () : g_time_zone_new_local ();
  /* An all-day series with a timed RECURRENCE-ID: its floating date. */
  if (series_all_day && exception->recurrence_date != NULL)
    return g_strdup (exception->recurrence_date);
  civic_cal_date_in_zone (exception->rid_utc, zone, &date);
  return civic_cal_format_date (&date);
}

static void
make_exception_of (ParsedEvent *exception,
                   const char  *series_id,
                   gboolean     series_all_day,
                   const char  *series_zone)
{
  g_autofree char *date = exception_date_in_series (exception, series_all_day, series_zone);

  json_object_set_string_member (exception->doc, "recurrence_of", series_id);
  /* The UID is the series'; an exception keeps it only as its series does. */
  if (g_strcmp0 (civic_json_object_get_string_or_null (exception->doc, "ical_uid"), series_id) == 0)
    json_object_remove_member (exception->doc, "ical_uid");
  json_object_set_string_member (exception->doc, "recurrence_id", date);
  /* Always this id, even if the file named another: the calendar finds
   * exceptions that moved out of view by it.
   */
  {
    g_autofree char *id = civic_recurrence_exception_id (series_id, date);

    json_object_set_string_member (exception->doc, "_id", id);
  }
}

/* An exception whose series is not in the file stands alone until the
 * store shows otherwise (see resolve_orphan()).
 */
static void
make_standalone (ParsedEvent *exception)
{
  if (!json_object_has_member (exception->doc, "_id"))
    {
      g_autofree char *key = g_strdup_printf ("%s\n%s", exception->uid ? exception->uid : "",
                                              exception->recurrence_date);
      g_autofree char *id = id_from_text (key);

      json_object_set_string_member (exception->doc, "_id", id);
    }
}

static GPtrArray *
parse_file (const char             *data,
            gsize                   length,
            CivicIcalImportReport  *report,
            GError                **error)
{
  g_autoptr(GArray) children = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (parsed_event_free);
  g_autoptr(GHashTable) masters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) calendars = g_ptr_array_new ();
  g_autofree char *text = NULL;
  ParseContext ctx = { 0 };
  icalcomponent *root;
  guint child = 0;

  /* A UTF-8 byte order mark, as Windows programs write. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!scan_file (data, length, &children, error))
    return NULL;

  text = g_strndup (data, length);
  if (strchr (text, '\n') == NULL)
    g_strdelimit (text, "\r", '\n');

  root = icalparser_parse_string (text);
  icalerror_clear_errno ();
  if (root == NULL)
    {
      g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_MALFORMED,
                   _("line 1: the file could not be read as iCalendar"));
      return NULL;
    }
  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    g_ptr_array_add (calendars, root);
  else
    for (icalcomponent *c = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
         c != NULL;
         c = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
      g_ptr_array_add (calendars, c);

  ctx.report = report;
  ctx.system_zone = civic_cal_system_zone_id ();

  for (guint i = 0; i < calendars->len; i++)
    {
      icalcomponent *calendar = g_ptr_array_index (calendars, i);
      icalproperty *wr = icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();

      ctx.calendar = calendar;
      ctx.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_free);
      g_clear_pointer (&ctx.calendar_zone, g_free);
      for (; wr != NULL; wr = icalcomponent_get_next_property (calendar, ICAL_X_PROPERTY))
        if (g_strcmp0 (icalproperty_get_x_name (wr), "X-WR-TIMEZONE") == 0)
          ctx.calendar_zone = civic_cal_canonical_zone_id (icalproperty_get_x (wr));

      /* Collect first: libical's component iterator is shared state. */
      for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
           c != NULL;
           c = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
        g_ptr_array_add (members, c);

      for (guint j = 0; j < members->len; j++)
        {
          icalcomponent *component = g_ptr_array_index (members, j);
          icalcomponent_kind kind = icalcomponent_isa (component);
          const char *name = child < children->len
            ? g_array_index (children, ComponentLine, child).name : "";
          guint line = child < children->len ? g_array_index (children, ComponentLine, child).line : 0;

          child++;
          if (kind == ICAL_VEVENT_COMPONENT)
            {
              ParsedEvent *event = parse_vevent (&ctx, component, line);

              if (event != NULL)
                g_ptr_array_add (events, event);
            }
          else if (kind != ICAL_VTIMEZONE_COMPONENT)
            {
              g_autofree char *what = component_description (name[0] != '\0' ? name
                                                             : icalcomponent_kind_to_string (kind));
              g_autofree char *summary = summary_of (component);

              if (summary != NULL && *summary != '\0')
                g_ptr_array_add (report->skipped,
                                 g_strdup_printf (_("line %u: %s “%s” was skipped: only events are imported"),
                                                  line, what, summary));
              else
                g_ptr_array_add (report->skipped,
                                 g_strdup_printf (_("line %u: %s was skipped: only events are imported"),
                                                  line, what));
            }
        }
      g_clear_pointer (&ctx.zones, g_hash_table_unref);
    }

  icalcomponent_free (root);
  g_free (ctx.calendar_zone);
  g_free (ctx.system_zone);

  /* Tie each exception (RECURRENCE-ID) to its series. */
  for (guint i = 0; i < events->len; i++)
    {
      ParsedEvent *event = g_ptr_array_index (events, i);

      if (event->recurrence_date == NULL && event->uid != NULL)
        g_hash_table_insert (masters, event->uid, event);
    }
  for (guint i = 0; i < events->len; i++)
    {
      ParsedEvent *event = g_ptr_array_index (events, i);
      ParsedEvent *master;

      if (event->recurrence_date == NULL)
        continue;
      master = event->uid != NULL ? g_hash_table_lookup (masters, event->uid) : NULL;
      if (master != NULL && master->repeating)
        make_exception_of (event, civic_json_object_get_string_or_null (master->doc, "_id"),
                           master->all_day, master->zone);
      else
        make_standalone (event);
    }

  return g_steal_pointer (&events);
}

GPtrArray *
civic_ical_parse (const char             *data,
                  gsize                   length,
                  CivicIcalImportReport **report,
                  GError                **error)
{
  g_autoptr(CivicIcalImportReport) local_report = report_new ();
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *docs;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = parse_file (data != NULL ? data : "", length, local_report, error);
  if (events == NULL)
    return NULL;

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < events->len; i++)
    {
      ParsedEvent *event = g_ptr_array_index (events, i);

      g_ptr_array_add (docs, json_object_ref (event->doc));
      g_ptr_array_add (local_report->ids,
                       g_strdup (civic_json_object_get_string_or_null (event->doc, "_id")));
    }
  if (report != NULL)
    *report = g_steal_pointer (&local_report);
  return docs;
}

/* ---- Import into the store ------------------------------------------------ */

typedef struct {
  GPtrArray             *events;  /* ParsedEvent */
  CivicIcalImportReport *report;
  const char            *user_name;
  char                  *now;
} ImportJob;

/* An exception whose series was not in the file may belong to a series an
 * earlier import (or the app) wrote.
 */
static gboolean
resolve_orphan (CivicStore  *store,
                ParsedEvent *event,
                GError     **error)
{
  g_autofree char *derived = NULL;
  const char *candidates[2] = { NULL, NULL };

  if (event->recurrence_date == NULL || json_object_has_member (event->doc, "recurrence_of") ||
      event->uid == NULL)
    return TRUE;

  derived = id_from_text (event->uid);
  candidates[0] = derived;
  if (g_str_has_prefix (event->uid, "event:"))
    candidates[1] = event->uid;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) series = NULL;

      if (candidates[i] == NULL)
        continue;
      series = civic_store_get (store, candidates[i], &local_error);
      if (series == NULL)
        {
          if (g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (civic_recurrence_is_repeating (series) &&
          civic_json_object_get_string_or_null (series, "recurrence_of") == NULL)
        {
          make_exception_of (event, candidates[i],
                             civic_json_object_get_boolean_or (series, "all_day", FALSE),
                             civic_json_object_get_string_or_null (series, "tzid"));
          return TRUE;
        }
    }
  return TRUE;
}

/* Fields a bad value of which costs only that field, not the event. */
static const char * const droppable_fields[] = {
  "online_url", "capacity", "languages", "accessibility", "results", "testimony_deadline",
  "testifiers", "board_visible", "tzid", "office_id", "campaign_id", "body", "bill",
  "location", "description", "exdates", "ical_categories", NULL
};

static JsonObject *
merge_into (JsonObject  *existing,
            ParsedEvent *event)
{
  JsonObject *merged = civic_json_object_copy (existing);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, event->doc);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonObject *old_location = civic_json_object_get_object_or_null (merged, "location");

      /* The file's location name leaves an address typed in the app. */
      if (g_str_equal (member, "location") && old_location != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *location = civic_json_object_copy (old_location);
          JsonObjectIter inner;
          const char *key;
          JsonNode *value;

          json_object_iter_init (&inner, json_node_get_object (node));
          while (json_object_iter_next (&inner, &key, &value))
            json_object_set_member (location, key, json_node_copy (value));
          json_object_set_object_member (merged, "location", location);
          continue;
        }
      json_object_set_member (merged, member, json_node_copy (node));
    }
  for (guint i = 0; i < event->remove->len; i++)
    json_object_remove_member (merged, g_ptr_array_index (event->remove, i));
  return merged;
}

static gboolean
same_content (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(JsonObject) ca = civic_json_object_copy (a);
  g_autoptr(JsonObject) cb = civic_json_object_copy (b);
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  json_object_remove_member (ca, "updated_at");
  json_object_remove_member (cb, "updated_at");
  json_object_remove_member (ca, "updated_by");
  json_object_remove_member (cb, "updated_by");
  ta = civic_json_canonical_object (ca, TRUE);
  tb = civic_json_canonical_object (cb, TRUE);
  return g_str_equal (ta, tb);
}

static gboolean
import_in_transaction (CivicStore *store,
                       gpointer    user_data,
                       GError    **error)
{
  ImportJob *job = user_data;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) last_of_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < job->events->len; i++)
    if (!resolve_orphan (store, g_ptr_array_index (job->events, i), error))
      return FALSE;
  for (guint i = 0; i < job->events->len; i++)
    {
      ParsedEvent *event = g_ptr_array_index (job->events, i);
      const char *id = civic_json_object_get_string_or_null (event->doc, "_id");
      ParsedEvent *earlier = g_hash_table_lookup (last_of_id, id);

      if (earlier != NULL)
        g_ptr_array_add (job->report->notes,
                         g_strdup_printf (_("line %u: this event has the same UID as the one of line %u and replaces it"),
                                          event->line, earlier->line));
      g_hash_table_insert (last_of_id, (gpointer) id, event);
    }

  for (guint i = 0; i < job->events->len; i++)
    {
      ParsedEvent *event = g_ptr_array_index (job->events, i);
      const char *id = civic_json_object_get_string_or_null (event->doc, "_id");
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) existing = NULL;
      g_autoptr(JsonObject) merged = NULL;
      gboolean valid = FALSE;

      if (g_hash_table_lookup (last_of_id, id) != event)
        continue;

      existing = civic_store_get (store, id, &local_error);
      if (existing == NULL && !g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);

      if (existing != NULL)
        merged = merge_into (existing, event);
      else
        {
          merged = civic_json_object_copy (event->doc);
          json_object_set_string_member (merged, "created_at", job->now);
        }

      if (civic_json_object_get_string_or_null (merged, "title") == NULL)
        json_object_set_string_member (merged, "title", _("Untitled event"));
      if (!is_known_kind (civic_json_object_get_string_or_null (merged, "kind")))
        json_object_set_string_member (merged, "kind", "other");
      if (civic_json_object_get_string_or_null (merged, "status") == NULL)
        json_object_set_string_member (merged, "status", "confirmed");

      if (existing != NULL && same_content (existing, merged))
        {
          job->report->unchanged++;
          g_ptr_array_add (job->report->ids, g_strdup (id));
          continue;
        }

      json_object_set_string_member (merged, "updated_at", job->now);
      json_object_set_string_member (merged, "updated_by", job->user_name);

      /* Give up a field the domain rules refuse, not the whole event. */
      for (guint attempt = 0; attempt < G_N_ELEMENTS (droppable_fields); attempt++)
        {
          const char *field;

          g_clear_error (&local_error);
          if (civic_document_validate (merged, &local_error))
            {
              valid = TRUE;
              break;
            }
          field = civic_record_error_get_field (local_error);
          if (field == NULL || !g_strv_contains (droppable_fields, field) ||
              !json_object_has_member (merged, field))
            break;
          g_ptr_array_add (job->report->notes,
                           g_strdup_printf (_("line %u: %s; the field was left out"),
                                            event->line, local_error->message));
          json_object_remove_member (merged, field);
        }
      if (!valid)
        {
          const char *title = civic_json_object_get_string_or_null (merged, "title");

          g_ptr_array_add (job->report->skipped,
                           g_strdup_printf (_("line %u: the event “%s” was skipped: %s"),
                                            event->line, title, local_error->message));
          continue;
        }

      if (existing != NULL)
        job->report->updated++;
      else
        job->report->created++;
      g_ptr_array_add (job->report->ids, g_strdup (id));
      g_ptr_array_add (docs, g_steal_pointer (&merged));
    }

  if (docs->len == 0)
    return TRUE;
  return civic_store_put_many (store, docs, NULL, error);
}

CivicIcalImportReport *
civic_ical_import_data (CivicStore  *store,
                        const char  *data,
                        gsize        length,
                        const char  *user_name,
                        GError     **error)
{
  g_autoptr(CivicIcalImportReport) report = report_new ();
  g_autoptr(GPtrArray) events = NULL;
  ImportJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = parse_file (data != NULL ? data : "", length, report, error);
  if (events == NULL)
    return NULL;

  job.events = events;
  job.report = report;
  job.user_name = user_name != NULL ? user_name : g_get_user_name ();
  job.now = civic_now_instant ();
  ok = civic_store_transaction (store, import_in_transaction, &job, error);
  g_free (job.now);
  if (!ok)
    return NULL;

  return g_steal_pointer (&report);
}

CivicIcalImportReport *
civic_ical_import_file (CivicStore    *store,
                        GFile         *file,
                        const char    *user_name,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return civic_ical_import_data (store, contents, length, user_name, error);
}

typedef struct {
  CivicStore *store;
  GFile      *file;
  char       *user_name;
} ImportTaskData;

static void
import_task_data_free (gpointer data)
{
  ImportTaskData *task_data = data;

  g_object_unref (task_data->store);
  g_object_unref (task_data->file);
  g_free (task_data->user_name);
  g_free (task_data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportTaskData *task_data = data;
  GError *error = NULL;
  CivicIcalImportReport *report;

  report = civic_ical_import_file (task_data->store, task_data->file, task_data->user_name,
                                   cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) civic_ical_import_report_free);
}

void
civic_ical_import_file_async (CivicStore          *store,
                              GFile               *file,
                              const char          *user_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *task_data;

  g_return_if_fail (CIVIC_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_ical_import_file_async);
  task_data = g_new0 (ImportTaskData, 1);
  task_data->store = g_object_ref (store);
  task_data->file = g_object_ref (file);
  task_data->user_name = g_strdup (user_name);
  g_task_set_task_data (task, task_data, import_task_data_free);
  g_task_run_in_thread (task, import_thread);
}

CivicIcalImportReport *
civic_ical_import_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civic_ical_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Export ---------------------------------------------------------------- */

/* The first onset year of an observance's last transition, for trimming. */
static int
observance_last_year (icalcomponent *observance)
{
  icalproperty *prop;
  int year = 0;

  prop = icalcomponent_get_first_property (observance, ICAL_DTSTART_PROPERTY);
  if (prop != NULL)
    year = icalproperty_get_dtstart (prop).year;

  prop = icalcomponent_get_first_property (observance, ICAL_RRULE_PROPERTY);
  if (prop != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (prop);

      /* A rule without an end is still in force. */
      year = icaltime_is_null_time (rule.until) ? G_MAXINT : MAX (year, rule.until.year);
    }
  for (prop = icalcomponent_get_first_property (observance, ICAL_RDATE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (observance, ICAL_RDATE_PROPERTY))
    year = MAX (year, icalproperty_get_rdate (prop).time.year);
  return year;
}

/* A VTIMEZONE for @iana from libical's built-in zones, its TZID the IANA
 * name itself (what other programs recognize), without the observances
 * that ended before 1970 except the last of them.
 */
static icalcomponent *
vtimezone_for (const char *iana)
{
  static GMutex builtin_lock;
  icaltimezone *zone;
  icalcomponent *component = NULL;
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  icalcomponent *latest_old = NULL;
  int latest_old_year = 0;

  /* libical's built-in zone table is filled lazily without a lock. */
  g_mutex_lock (&builtin_lock);
  zone = icaltimezone_get_builtin_timezone (iana);
  if (zone != NULL && icaltimezone_get_component (zone) != NULL)
    component = icalcomponent_new_clone (icaltimezone_get_component (zone));
  g_mutex_unlock (&builtin_lock);
  icalerror_clear_errno ();
  if (component == NULL)
    return NULL;

  icalproperty_set_tzid (icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY), iana);

  for (icalcomponent *o = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       o != NULL;
       o = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    {
      int year = observance_last_year (o);

      if (year < 1970)
        {
          g_ptr_array_add (old, o);
          if (year >= latest_old_year)
            {
              latest_old_year = year;
              latest_old = o;
            }
        }
    }
  for (guint i = 0; i < old->len; i++)
    {
      icalcomponent *o = g_ptr_array_index (old, i);

      if (o != latest_old)
        {
          icalcomponent_remove_component (component, o);
          icalcomponent_free (o);
        }
    }
  return component;
}

/* The wall-clock time of @utc in @zone (%NULL: UTC) as a floating icaltime. */
static struct icaltimetype
icaltime_in_zone (GDateTime *utc,
                  GTimeZone *zone)
{
  g_autoptr(GDateTime) local = zone != NULL ? g_date_time_to_timezone (utc, zone) : g_date_time_to_utc (utc);
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (local);
  t.month = g_date_time_get_month (local);
  t.day = g_date_time_get_day_of_month (local);
  t.hour = g_date_time_get_hour (local);
  t.minute = g_date_time_get_minute (local);
  t.second = g_date_time_get_second (local);
  return t;
}

static struct icaltimetype
icaldate_from_gdate (const GDate *date)
{
  struct icaltimetype t = icaltime_null_time ();

  t.is_date = 1;
  t.year = g_date_get_year (date);
  t.month = g_date_get_month (date);
  t.day = g_date_get_day (date);
  return t;
}

/* How a timed event's times are written: in its IANA zone (with TZID), or
 * in UTC when it has none or is in UTC.
 */
typedef struct {
  char      *zone_id;  /* %NULL: UTC */
  GTimeZone *zone;
} ExportZone;

static void
export_zone_init (ExportZone *ez,
                  JsonObject *event)
{
  const char *tzid = civic_json_object_get_string_or_null (event, "tzid");
  /* Without a tzid the times were meant in the system zone. */
  g_autofree char *canonical = tzid != NULL && *tzid != '\0'
    ? civic_cal_canonical_zone_id (tzid) : civic_cal_system_zone_id ();

  ez->zone_id = NULL;
  ez->zone = NULL;
  if (canonical != NULL && !g_str_equal (canonical, "UTC"))
    {
      ez->zone = civic_cal_zone_new (canonical);
      if (ez->zone != NULL)
        ez->zone_id = g_steal_pointer (&canonical);
    }
  if (ez->zone == NULL)
    ez->zone = g_time_zone_new_utc ();
}

static void
export_zone_clear (ExportZone *ez)
{
  g_clear_pointer (&ez->zone_id, g_free);
  g_clear_pointer (&ez->zone, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportZone, export_zone_clear)

/* Sets @prop's time to @utc as the export zone writes it. */
static icalproperty *
with_time (icalproperty *prop,
           ExportZone   *ez,
           GDateTime    *utc,
           void        (*setter) (icalproperty *, struct icaltimetype))
{
  struct icaltimetype t = icaltime_in_zone (utc, ez->zone);

  if (ez->zone_id == NULL)
    t.zone = icaltimezone_get_utc_timezone ();
  setter (prop, t);
  if (ez->zone_id != NULL)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (ez->zone_id));
  return prop;
}

static void
add_x (icalcomponent *component,
       const char    *name,
       const char    *value)
{
  icalproperty *prop;

  if (value == NULL || *value == '\0')
    return;
  prop = icalproperty_new_x (value);
  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

static char *
join_string_array (JsonArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          if (out->len > 0)
            g_string_append_c (out, ',');
          g_string_append (out, json_node_get_string (node));
        }
    }
  return g_string_free (out, FALSE);
}

/* The series' start (as wall-clock time) on @date, for EXDATE and
 * RECURRENCE-ID values.
 */
static GDateTime *
series_start_on (JsonObject *series,
                 ExportZone *ez,
                 const char *date_text)
{
  g_autoptr(GDateTime) starts = civic_cal_parse_instant (
    civic_json_object_get_string_or_null (series, "starts_at"));
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) on_date = NULL;
  GDate date;

  if (starts == NULL || !civic_cal_parse_date (date_text, &date))
    return NULL;
  local = g_date_time_to_timezone (starts, ez->zone);
  on_date = g_date_time_new (ez->zone, g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date), g_date_time_get_hour (local),
                             g_date_time_get_minute (local), g_date_time_get_seconds (local));
  return on_date != NULL ? g_date_time_to_utc (on_date) : NULL;
}

static void
add_instant_property (icalcomponent *component,
                      icalproperty  *prop,
                      const char    *instant,
                      void         (*setter) (icalproperty *, struct icaltimetype))
{
  g_autoptr(GDateTime) when = civic_cal_parse_instant (instant);
  struct icaltimetype t;

  if (when == NULL)
    {
      icalproperty_free (prop);
      return;
    }
  t = icaltime_in_zone (when, NULL);
  t.zone = icaltimezone_get_utc_timezone ();
  setter (prop, t);
  icalcomponent_add_property (component, prop);
}

static icalcomponent *
event_to_vevent (JsonObject *event,
                 JsonObject *series,
                 GDateTime  *stamp)
{
  icalcomponent *vevent = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *id = civic_json_object_get_string_or_null (event, "_id");
  const char *uid_owner_uid;
  const char *text;
  const char *kind = civic_json_object_get_string_or_null (event, "kind");
  JsonObject *location = civic_json_object_get_object_or_null (event, "location");
  JsonArray *array;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  g_auto(ExportZone) ez = { 0 };
  gboolean all_day = civic_json_object_get_boolean_or (event, "all_day", FALSE);

  export_zone_init (&ez, series != NULL ? series : event);

  /* An exception carries its series' UID. */
  uid_owner_uid = civic_json_object_get_string_or_null (series != NULL ? series : event, "ical_uid");
  if (uid_owner_uid == NULL)
    uid_owner_uid = civic_json_object_get_string_or_null (series != NULL ? series : event, "_id");
  icalcomponent_add_property (vevent, icalproperty_new_uid (uid_owner_uid));
  {
    struct icaltimetype t = icaltime_in_zone (stamp, NULL);

    t.zone = icaltimezone_get_utc_timezone ();
    icalcomponent_add_property (vevent, icalproperty_new_dtstamp (t));
  }
  add_instant_property (vevent, icalproperty_new (ICAL_CREATED_PROPERTY),
                        civic_json_object_get_string_or_null (event, "created_at"),
                        icalproperty_set_created);
  add_instant_property (vevent, icalproperty_new (ICAL_LASTMODIFIED_PROPERTY),
                        civic_json_object_get_string_or_null (event, "updated_at"),
                        icalproperty_set_lastmodified);

  text = civic_json_object_get_string_or_null (event, "title");
  if (text != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_summary (text));
  text = civic_json_object_get_string_or_null (event, "description");
  if (text != NULL && *text != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (text));

  if (location != NULL)
    {
      const char *name = civic_json_object_get_string_or_null (location, "name");
      const char *address = civic_json_object_get_string_or_null (location, "address");
      g_autofree char *both = NULL;

      /* Other programs see one line; Civic Desk reads the parts back. */
      if (name != NULL && *name != '\0' && address != NULL && *address != '\0')
        both = g_strdup_printf ("%s, %s", name, address);
      else
        both = g_strdup (name != NULL && *name != '\0' ? name : address);
      if (both != NULL && *both != '\0')
        icalcomponent_add_property (vevent, icalproperty_new_location (both));
      add_x (vevent, X_LOCATION_NAME, name);
      add_x (vevent, X_LOCATION_ADDRESS, address);
    }

  text = civic_json_object_get_string_or_null (event, "online_url");
  if (text != NULL && *text != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_url (text));

  text = civic_json_object_get_string_or_null (event, "status");
  if (g_strcmp0 (text, "tentative") == 0)
    icalcomponent_add_property (vevent, icalproperty_new_status (ICAL_STATUS_TENTATIVE));
  else if (g_strcmp0 (text, "cancelled") == 0)
    icalcomponent_add_property (vevent, icalproperty_new_status (ICAL_STATUS_CANCELLED));
  else if (g_strcmp0 (text, "confirmed") == 0)
    icalcomponent_add_property (vevent, icalproperty_new_status (ICAL_STATUS_CONFIRMED));

  if (kind_label (kind) != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_categories (kind_label (kind)));
  array = civic_json_object_get_array_or_null (event, "ical_categories");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        icalcomponent_add_property (vevent, icalproperty_new_categories (json_node_get_string (element)));
    }
  add_x (vevent, X_KIND, kind);
  add_x (vevent, X_ID, id);

  /* Time. */
  if (all_day)
    {
      GDate first, last;

      if (civic_cal_parse_date (civic_json_object_get_string_or_null (event, "starts_on"), &first))
        {
          if (!civic_cal_parse_date (civic_json_object_get_string_or_null (event, "ends_on"), &last) ||
              g_date_compare (&last, &first) < 0)
            last = first;
          /* DTEND;VALUE=DATE is exclusive. */
          g_date_add_days (&last, 1);
          icalcomponent_add_property (vevent, icalproperty_new_dtstart (icaldate_from_gdate (&first)));
          icalcomponent_add_property (vevent, icalproperty_new_dtend (icaldate_from_gdate (&last)));
        }
    }
  else
    {
      g_auto(ExportZone) own = { 0 };
      g_autoptr(GDateTime) starts = civic_cal_parse_instant (
        civic_json_object_get_string_or_null (event, "starts_at"));
      g_autoptr(GDateTime) ends = civic_cal_parse_instant (
        civic_json_object_get_string_or_null (event, "ends_at"));

      export_zone_init (&own, event);
      if (own.zone_id == NULL)
        add_x (vevent, X_TZID, "UTC");
      if (starts != NULL)
        {
          icalcomponent_add_property (vevent, with_time (icalproperty_new (ICAL_DTSTART_PROPERTY),
                                                         &own, starts, icalproperty_set_dtstart));
          if (ends != NULL)
            icalcomponent_add_property (vevent, with_time (icalproperty_new (ICAL_DTEND_PROPERTY),
                                                           &own, ends, icalproperty_set_dtend));
        }
    }

  /* Recurrence: the series' rule and exdates, or the exception's identity. */
  if (series != NULL)
    {
      const char *date = civic_json_object_get_string_or_null (event, "recurrence_id");
      GDate d;

      if (civic_json_object_get_boolean_or (series, "all_day", FALSE))
        {
          if (civic_cal_parse_date (date, &d))
            icalcomponent_add_property (vevent, icalproperty_new_recurrenceid (icaldate_from_gdate (&d)));
        }
      else
        {
          g_autoptr(GDateTime) original = series_start_on (series, &ez, date);

          if (original != NULL)
            icalcomponent_add_property (vevent, with_time (icalproperty_new (ICAL_RECURRENCEID_PROPERTY),
                                                           &ez, original, icalproperty_set_recurrenceid));
        }
    }
  else if (civic_recurrence_is_repeating (event))
    {
      const char *rrule = civic_json_object_get_string_or_null (event, "rrule");
      struct icalrecurrencetype rule;

      if (g_ascii_strncasecmp (rrule, "RRULE:", 6) == 0)
        rrule += 6;
      rule = icalrecurrencetype_from_string (rrule);
      icalerror_clear_errno ();
      if (rule.freq != ICAL_NO_RECURRENCE)
        icalcomponent_add_property (vevent, icalproperty_new_rrule (rule));

      array = civic_json_object_get_array_or_null (event, "exdates");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *value;
          g_autoptr(GDateTime) instant = NULL;
          g_autofree char *date = NULL;
          GDate d;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          value = json_node_get_string (element);
          instant = civic_cal_parse_instant (value);
          if (instant != NULL)
            {
              GDate local;

              civic_cal_date_in_zone (instant, ez.zone, &local);
              date = civic_cal_format_date (&local);
            }
          else
            date = g_strndup (value, 10);

          if (all_day)
            {
              if (civic_cal_parse_date (date, &d))
                icalcomponent_add_property (vevent, icalproperty_new_exdate (icaldate_from_gdate (&d)));
            }
          else
            {
              g_autoptr(GDateTime) at = series_start_on (event, &ez, date);

              if (at != NULL)
                icalcomponent_add_property (vevent, with_time (icalproperty_new (ICAL_EXDATE_PROPERTY),
                                                               &ez, at, icalproperty_set_exdate));
            }
        }
    }

  /* The fields iCalendar has no property for. */
  add_x (vevent, X_OFFICE, civic_json_object_get_string_or_null (event, "office_id"));
  add_x (vevent, X_CAMPAIGN, civic_json_object_get_string_or_null (event, "campaign_id"));
  add_x (vevent, X_ACCESSIBILITY, civic_json_object_get_string_or_null (event, "accessibility"));
  array = civic_json_object_get_array_or_null (event, "languages");
  if (array != NULL)
    {
      g_autofree char *languages = join_string_array (array);

      /* libical drops X properties without a value: "no languages" is
       * written as an empty JSON array.
       */
      add_x (vevent, X_LANGUAGES, languages[0] != '\0' ? languages : "[]");
    }
  if (json_object_has_member (event, "capacity"))
    {
      g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   civic_json_object_get_int_or (event, "capacity", 0));

      add_x (vevent, X_CAPACITY, capacity);
    }
  if (json_object_has_member (event, "board_visible"))
    add_x (vevent, X_BOARD_VISIBLE,
           civic_json_object_get_boolean_or (event, "board_visible", FALSE) ? "TRUE" : "FALSE");

  json_object_iter_init (&iter, event);
  while (json_object_iter_next (&iter, &member, &node))
    {
      g_autofree char *json = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *name = NULL;

      if (is_reserved_field (member) || JSON_NODE_HOLDS_NULL (node))
        continue;
      json = civic_json_canonical (node);
      upper = g_ascii_strup (member, -1);
      g_strdelimit (upper, "_", '-');
      name = g_strconcat (X_FIELD_PREFIX, upper, NULL);
      add_x (vevent, name, json);
    }

  return vevent;
}

char *
civic_ical_export_events (GPtrArray *events)
{
  icalcomponent *calendar;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) exceptions_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                               (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) zone_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) stamp = g_date_time_new_now_utc ();
  char *raw;
  char *text;

  g_return_val_if_fail (events != NULL, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *id = civic_json_object_get_string_or_null (event, "_id");

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, event);
    }
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *series_id = civic_json_object_get_string_or_null (event, "recurrence_of");
      JsonObject *series = series_id != NULL ? g_hash_table_lookup (by_id, series_id) : NULL;
      GPtrArray *list;

      if (series == NULL || !civic_recurrence_is_repeating (series))
        continue;
      list = g_hash_table_lookup (exceptions_of, series_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (exceptions_of, (gpointer) series_id, list);
        }
      g_ptr_array_add (list, event);
    }

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Civic Desk//Civic Desk " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  /* One VTIMEZONE per zone used, before the events that use it. */
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *tzid = civic_json_object_get_string_or_null (event, "tzid");
      g_autofree char *zone = NULL;

      if (civic_json_object_get_boolean_or (event, "all_day", FALSE))
        continue;
      zone = tzid != NULL && *tzid != '\0' ? civic_cal_canonical_zone_id (tzid) : civic_cal_system_zone_id ();

      if (zone != NULL && !g_str_equal (zone, "UTC") && !g_hash_table_contains (zones, zone))
        {
          g_ptr_array_add (zone_list, g_strdup (zone));
          g_hash_table_add (zones, g_steal_pointer (&zone));
        }
    }
  g_ptr_array_sort (zone_list, compare_strings);
  for (guint i = 0; i < zone_list->len; i++)
    {
      icalcomponent *vtimezone = vtimezone_for (g_ptr_array_index (zone_list, i));

      if (vtimezone != NULL)
        icalcomponent_add_component (calendar, vtimezone);
    }

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *id = civic_json_object_get_string_or_null (event, "_id");
      const char *series_id = civic_json_object_get_string_or_null (event, "recurrence_of");
      GPtrArray *exceptions;

      /* Exceptions follow their series. */
      if (series_id != NULL && g_hash_table_contains (exceptions_of, series_id))
        continue;

      icalcomponent_add_component (calendar, event_to_vevent (event, NULL, stamp));
      exceptions = id != NULL ? g_hash_table_lookup (exceptions_of, id) : NULL;
      for (guint j = 0; exceptions != NULL && j < exceptions->len; j++)
        icalcomponent_add_component (calendar,
                                     event_to_vevent (g_ptr_array_index (exceptions, j), event, stamp));
    }

  raw = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  icalerror_clear_errno ();
  text = g_strdup (raw);
  free (raw);
  return text;
}

static gboolean
event_in_range (JsonObject *event,
                GDateTime  *from,
                GDateTime  *to)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);
  g_autoptr(GDateTime) start = from != NULL ? g_date_time_ref (from) : g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = to != NULL ? g_date_time_ref (to) : g_date_time_new_utc (9999, 12, 31, 0, 0, 0);

  return civic_recurrence_expand (event, start, end, NULL, NULL, found, NULL) && found->len > 0;
}

char *
civic_ical_export (CivicStore                  *store,
                   const CivicIcalExportFilter *filter,
                   guint                       *out_count,
                   GError                     **error)
{
  CivicIcalExportFilter none = { 0 };
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) chosen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_series_exceptions = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &none;
  if (filter->from != NULL && filter->to != NULL && g_date_time_compare (filter->from, filter->to) >= 0)
    {
      g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_INVALID,
                   _("The end of the range is not after its start"));
      return NULL;
    }

  if (filter->ids != NULL)
    {
      candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      for (guint i = 0; filter->ids[i] != NULL; i++)
        {
          g_autoptr(GError) local_error = NULL;
          JsonObject *doc = civic_store_get (store, filter->ids[i], &local_error);

          if (doc == NULL)
            {
              if (g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
                {
                  g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_INVALID,
                               _("There is no event “%s”"), filter->ids[i]);
                  return NULL;
                }
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_ptr_array_add (candidates, doc);
        }
    }
  else if (filter->campaign_id != NULL)
    candidates = civic_store_list_by_ref (store, "event", CIVIC_STORE_REF_CAMPAIGN,
                                          filter->campaign_id, error);
  else if (filter->from != NULL && filter->to != NULL)
    {
      g_autoptr(GDateTime) wide_from = g_date_time_add_days (filter->from, -1);
      g_autoptr(GDateTime) wide_to = g_date_time_add_days (filter->to, 1);
      g_autofree char *from_text = civic_cal_format_instant (wide_from);
      g_autofree char *to_text = civic_cal_format_instant (wide_to);

      candidates = civic_store_list_in_range (store, "event", from_text, to_text, error);
    }
  else
    candidates = civic_store_list (store, "event", error);
  if (candidates == NULL)
    return NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      JsonObject *event = g_ptr_array_index (candidates, i);
      const char *id = civic_json_object_get_string_or_null (event, "_id");

      if (id == NULL || g_hash_table_contains (chosen_ids, id))
        continue;
      if (g_strcmp0 (civic_json_object_get_string_or_null (event, "type"), "event") != 0)
        continue;
      if (filter->campaign_id != NULL &&
          g_strcmp0 (civic_json_object_get_string_or_null (event, "campaign_id"), filter->campaign_id) != 0)
        continue;
      if ((filter->from != NULL || filter->to != NULL) && !event_in_range (event, filter->from, filter->to))
        continue;
      g_hash_table_add (chosen_ids, g_strdup (id));
      g_ptr_array_add (chosen, json_object_ref (event));
    }

  /* Every exception of a chosen series goes with it (one pass over the
   * events finds them all).
   */
  {
    g_autoptr(GHashTable) series_ids = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) all = NULL;

    for (guint i = 0; i < chosen->len; i++)
      {
        JsonObject *event = g_ptr_array_index (chosen, i);

        if (civic_recurrence_is_repeating (event) &&
            civic_json_object_get_string_or_null (event, "recurrence_of") == NULL)
          g_hash_table_add (series_ids, (gpointer) civic_json_object_get_string_or_null (event, "_id"));
      }
    if (g_hash_table_size (series_ids) > 0)
      {
        all = civic_store_list (store, "event", error);
        if (all == NULL)
          return NULL;
      }
    for (guint i = 0; all != NULL && i < all->len; i++)
      {
        JsonObject *exception = g_ptr_array_index (all, i);
        const char *series_id = civic_json_object_get_string_or_null (exception, "recurrence_of");
        const char *exception_id = civic_json_object_get_string_or_null (exception, "_id");

        if (series_id == NULL || exception_id == NULL || !g_hash_table_contains (series_ids, series_id) ||
            g_hash_table_contains (chosen_ids, exception_id))
          continue;
        g_hash_table_add (chosen_ids, g_strdup (exception_id));
        g_ptr_array_add (chosen, json_object_ref (exception));
        n_series_exceptions++;
      }
  }

  if (chosen->len == 0)
    {
      g_set_error (error, CIVIC_ICAL_ERROR, CIVIC_ICAL_ERROR_NO_EVENTS,
                   _("No event matches; nothing was exported"));
      return NULL;
    }

  g_debug ("Exporting %u events (%u exceptions added with their series)", chosen->len, n_series_exceptions);
  if (out_count != NULL)
    *out_count = chosen->len;
  return civic_ical_export_events (chosen);
}

gboolean
civic_ical_export_to_file (CivicStore                  *store,
                           const CivicIcalExportFilter *filter,
                           GFile                       *file,
                           guint                       *out_count,
                           GCancellable                *cancellable,
                           GError                     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = civic_ical_export (store, filter, out_count, error);
  if (text == NULL)
    return FALSE;

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
