/* civic-event-form.c — the event editor's values, apart from its widgets
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-event-form"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "civic-cal-time.h"
#include "civic-event-form.h"

static const char *weekday_codes[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

CivicEventForm *
civic_event_form_new (void)
{
  CivicEventForm *form = g_new0 (CivicEventForm, 1);

  form->kind = g_strdup ("other");
  form->title = g_strdup ("");
  form->status = g_strdup ("confirmed");
  form->tzid = civic_cal_system_zone_id ();
  g_date_clear (&form->start_date, 1);
  g_date_clear (&form->end_date, 1);
  g_date_clear (&form->until, 1);
  form->start_minutes = 18 * 60;
  form->end_minutes = 20 * 60;
  form->calls_made = form->contacts_reached = form->registrations = form->attendees = -1;

  return form;
}

void
civic_event_form_free (CivicEventForm *form)
{
  if (form == NULL)
    return;

  g_free (form->kind);
  g_free (form->title);
  g_free (form->status);
  g_free (form->office_id);
  g_free (form->campaign_id);
  g_free (form->tzid);
  g_strfreev (form->exdates);
  g_free (form->location_name);
  g_free (form->location_address);
  g_free (form->online_url);
  g_free (form->languages);
  g_free (form->accessibility);
  g_free (form->description);
  g_free (form->body);
  g_free (form->bill);
  g_free (form->testimony_deadline);
  g_free (form->testifiers);
  g_free (form);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *object,
         const char *member,
         gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

static char *
join_strings (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GString) text = g_string_new (NULL);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", json_node_get_string (element));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
split_strings (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        json_array_add_string_element (array, parts[i]);
    }

  json_node_take_array (node, array);
  return node;
}

static void
load_time (GDateTime *utc,
           GTimeZone *zone,
           GDate     *date,
           int       *minutes)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  g_date_set_dmy (date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  *minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

void
civic_event_form_load (CivicEventForm *form,
                       JsonObject     *event,
                       const char     *tzid_fallback)
{
  JsonNode *location;
  JsonNode *results;
  const char *tzid = get_string (event, "tzid");
  g_autoptr(GTimeZone) zone = NULL;

  g_return_if_fail (form != NULL);
  g_return_if_fail (event != NULL);

#define SET(field, value) G_STMT_START { g_free (form->field); form->field = g_strdup (value); } G_STMT_END
  SET (kind, get_string (event, "kind") ? get_string (event, "kind") : "other");
  SET (title, get_string (event, "title") ? get_string (event, "title") : "");
  SET (status, get_string (event, "status") ? get_string (event, "status") : "confirmed");
  SET (office_id, get_string (event, "office_id"));
  SET (campaign_id, get_string (event, "campaign_id"));
  if (tzid != NULL && (zone = civic_cal_zone_new (tzid)) != NULL)
    SET (tzid, tzid);
  else if (tzid_fallback != NULL)
    SET (tzid, tzid_fallback);
  SET (online_url, get_string (event, "online_url"));
  SET (accessibility, get_string (event, "accessibility"));
  SET (description, get_string (event, "description"));
  SET (body, get_string (event, "body"));
  SET (bill, get_string (event, "bill"));
  SET (testimony_deadline, get_string (event, "testimony_deadline"));
#undef SET

  g_clear_pointer (&zone, g_time_zone_unref);
  zone = civic_cal_zone_new (form->tzid);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  g_free (form->languages);
  form->languages = join_strings (event, "languages");
  g_free (form->testifiers);
  form->testifiers = join_strings (event, "testifiers");

  form->all_day = json_object_has_member (event, "all_day") &&
                  JSON_NODE_HOLDS_VALUE (json_object_get_member (event, "all_day")) &&
                  json_object_get_boolean_member (event, "all_day");
  if (form->all_day)
    {
      civic_cal_parse_date (get_string (event, "starts_on"), &form->start_date);
      if (!civic_cal_parse_date (get_string (event, "ends_on"), &form->end_date))
        form->end_date = form->start_date;
    }
  else
    {
      g_autoptr(GDateTime) starts = civic_cal_parse_instant (get_string (event, "starts_at"));
      g_autoptr(GDateTime) ends = civic_cal_parse_instant (get_string (event, "ends_at"));

      if (starts != NULL)
        load_time (starts, zone, &form->start_date, &form->start_minutes);
      if (ends != NULL)
        load_time (ends, zone, &form->end_date, &form->end_minutes);
    }

  location = json_object_get_member (event, "location");
  if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
    {
      g_free (form->location_name);
      form->location_name = g_strdup (get_string (json_node_get_object (location), "name"));
      g_free (form->location_address);
      form->location_address = g_strdup (get_string (json_node_get_object (location), "address"));
    }

  form->capacity = (int) get_int (event, "capacity", 0);
  form->board_visible = json_object_has_member (event, "board_visible") &&
                        JSON_NODE_HOLDS_VALUE (json_object_get_member (event, "board_visible")) &&
                        json_object_get_boolean_member (event, "board_visible");

  results = json_object_get_member (event, "results");
  if (results != NULL && JSON_NODE_HOLDS_OBJECT (results))
    {
      JsonObject *r = json_node_get_object (results);
      form->calls_made = (int) get_int (r, "calls_made", -1);
      form->contacts_reached = (int) get_int (r, "contacts_reached", -1);
      form->registrations = (int) get_int (r, "registrations", -1);
      form->attendees = (int) get_int (r, "attendees", -1);
    }

  g_strfreev (form->exdates);
  form->exdates = NULL;
  if (json_object_has_member (event, "exdates"))
    {
      g_autofree char *joined = join_strings (event, "exdates");
      g_auto(GStrv) parts = g_strsplit (joined, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]))
          g_strv_builder_add (builder, parts[i]);
      form->exdates = g_strv_builder_end (builder);
    }

  form->repeat = CIVIC_REPEAT_NONE;
  if (get_string (event, "rrule") != NULL)
    civic_event_form_parse_rrule (form, get_string (event, "rrule"));
}

static GDateTime *
wall_clock (const GDate *date,
            int          minutes,
            GTimeZone   *zone)
{
  return g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                          minutes / 60, minutes % 60, 0);
}

char *
civic_event_form_build_rrule (const CivicEventForm *form)
{
  g_autoptr(GString) rule = NULL;

  g_return_val_if_fail (form != NULL, NULL);

  switch (form->repeat)
    {
    case CIVIC_REPEAT_DAILY:
      rule = g_string_new ("FREQ=DAILY");
      break;

    case CIVIC_REPEAT_WEEKLY:
      rule = g_string_new ("FREQ=WEEKLY");
      if (form->weekdays != 0)
        {
          g_string_append (rule, ";BYDAY=");
          for (int d = 0, n = 0; d < 7; d++)
            if (form->weekdays & (1 << d))
              g_string_append_printf (rule, "%s%s", n++ ? "," : "", weekday_codes[d]);
        }
      break;

    case CIVIC_REPEAT_MONTHLY:
      rule = g_string_new ("FREQ=MONTHLY");
      break;

    case CIVIC_REPEAT_NONE:
    default:
      return NULL;
    }

  if (form->repeat_end == CIVIC_REPEAT_END_COUNT && form->count > 0)
    g_string_append_printf (rule, ";COUNT=%u", form->count);
  else if (form->repeat_end == CIVIC_REPEAT_END_UNTIL && g_date_valid (&form->until))
    {
      if (form->all_day)
        g_string_append_printf (rule, ";UNTIL=%04d%02d%02d", g_date_get_year (&form->until),
                                g_date_get_month (&form->until), g_date_get_day (&form->until));
      else
        {
          /* The last moment of the until day where the event happens, in UTC,
           * as RFC 5545 wants for a DTSTART with a zone.
           */
          g_autoptr(GTimeZone) zone = civic_cal_zone_new (form->tzid);
          g_autoptr(GDateTime) end = NULL;
          g_autoptr(GDateTime) utc = NULL;

          if (zone == NULL)
            zone = g_time_zone_new_utc ();
          end = g_date_time_new (zone, g_date_get_year (&form->until), g_date_get_month (&form->until),
                                 g_date_get_day (&form->until), 23, 59, 59);
          utc = g_date_time_to_utc (end);
          g_string_append_printf (rule, ";UNTIL=%04d%02d%02dT%02d%02d%02dZ",
                                  g_date_time_get_year (utc), g_date_time_get_month (utc),
                                  g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                                  g_date_time_get_minute (utc), g_date_time_get_second (utc));
        }
    }

  return g_string_free (g_steal_pointer (&rule), FALSE);
}

gboolean
civic_event_form_parse_rrule (CivicEventForm *form,
                              const char     *rrule)
{
  g_auto(GStrv) parts = NULL;
  gboolean understood = TRUE;

  g_return_val_if_fail (form != NULL, FALSE);

  form->repeat = CIVIC_REPEAT_NONE;
  form->weekdays = 0;
  form->repeat_end = CIVIC_REPEAT_END_NEVER;
  form->count = 0;
  g_date_clear (&form->until, 1);

  if (rrule == NULL || *rrule == '\0')
    return TRUE;

  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value = strchr (parts[i], '=');

      if (value == NULL)
        continue;
      value++;

      if (g_str_has_prefix (parts[i], "FREQ="))
        {
          if (g_str_equal (value, "DAILY"))
            form->repeat = CIVIC_REPEAT_DAILY;
          else if (g_str_equal (value, "WEEKLY"))
            form->repeat = CIVIC_REPEAT_WEEKLY;
          else if (g_str_equal (value, "MONTHLY"))
            form->repeat = CIVIC_REPEAT_MONTHLY;
          else
            understood = FALSE;
        }
      else if (g_str_has_prefix (parts[i], "BYDAY="))
        {
          g_auto(GStrv) days = g_strsplit (value, ",", -1);

          for (guint j = 0; days[j] != NULL; j++)
            {
              gboolean found = FALSE;

              for (int d = 0; d < 7; d++)
                if (g_str_equal (days[j], weekday_codes[d]))
                  {
                    form->weekdays |= 1 << d;
                    found = TRUE;
                  }
              understood = understood && found;
            }
        }
      else if (g_str_has_prefix (parts[i], "COUNT="))
        {
          form->repeat_end = CIVIC_REPEAT_END_COUNT;
          form->count = (guint) g_ascii_strtoull (value, NULL, 10);
        }
      else if (g_str_has_prefix (parts[i], "UNTIL="))
        {
          int y, m, d, H = 0, M = 0, S = 0;

          form->repeat_end = CIVIC_REPEAT_END_UNTIL;
          if (sscanf (value, "%4d%2d%2dT%2d%2d%2d", &y, &m, &d, &H, &M, &S) >= 3 &&
              g_date_valid_dmy (d, m, y))
            {
              if (strchr (value, 'T') != NULL && g_str_has_suffix (value, "Z"))
                {
                  /* Back to the date in the event's zone. */
                  g_autoptr(GTimeZone) zone = civic_cal_zone_new (form->tzid);
                  g_autoptr(GDateTime) utc = g_date_time_new_utc (y, m, d, H, M, S);
                  g_autoptr(GDateTime) local = NULL;

                  if (zone == NULL)
                    zone = g_time_zone_new_utc ();
                  local = g_date_time_to_timezone (utc, zone);
                  g_date_set_dmy (&form->until, g_date_time_get_day_of_month (local),
                                  g_date_time_get_month (local), g_date_time_get_year (local));
                }
              else
                g_date_set_dmy (&form->until, d, m, y);
            }
          else
            understood = FALSE;
        }
      else if (!g_str_has_prefix (parts[i], "WKST="))
        understood = FALSE;
    }

  return understood;
}

static void
set_or_remove_string (JsonObject *object,
                      const char *member,
                      const char *value)
{
  if (value != NULL && *value)
    json_object_set_string_member (object, member, value);
  else if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

JsonObject *
civic_event_form_to_json (const CivicEventForm *form,
                          JsonObject           *base)
{
  JsonObject *event = json_object_new ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *rrule = NULL;

  g_return_val_if_fail (form != NULL, NULL);

  if (base != NULL)
    {
      g_autoptr(JsonNode) copy = NULL;
      JsonNode *wrapper = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (wrapper, base);
      copy = json_node_copy (wrapper);
      json_node_unref (wrapper);
      json_object_unref (event);
      event = json_object_ref (json_node_get_object (copy));
    }

  json_object_set_string_member (event, "type", "event");
  json_object_set_string_member (event, "kind", form->kind ? form->kind : "other");
  json_object_set_string_member (event, "title", form->title ? form->title : "");
  json_object_set_string_member (event, "status", form->status ? form->status : "confirmed");
  set_or_remove_string (event, "office_id", form->office_id);
  set_or_remove_string (event, "campaign_id", form->campaign_id);
  set_or_remove_string (event, "tzid", form->tzid);
  json_object_set_boolean_member (event, "all_day", form->all_day);

  zone = civic_cal_zone_new (form->tzid);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  if (form->all_day)
    {
      g_autofree char *starts_on = g_date_valid (&form->start_date) ? civic_cal_format_date (&form->start_date) : NULL;
      g_autofree char *ends_on = g_date_valid (&form->end_date) ? civic_cal_format_date (&form->end_date) : NULL;

      set_or_remove_string (event, "starts_on", starts_on);
      set_or_remove_string (event, "ends_on", ends_on);
      set_or_remove_string (event, "starts_at", NULL);
      set_or_remove_string (event, "ends_at", NULL);
    }
  else
    {
      g_autofree char *starts_at = NULL;
      g_autofree char *ends_at = NULL;

      if (g_date_valid (&form->start_date))
        {
          g_autoptr(GDateTime) starts = wall_clock (&form->start_date, form->start_minutes, zone);
          starts_at = civic_cal_format_instant (starts);
        }
      if (g_date_valid (&form->end_date))
        {
          g_autoptr(GDateTime) ends = wall_clock (&form->end_date, form->end_minutes, zone);
          ends_at = civic_cal_format_instant (ends);
        }

      set_or_remove_string (event, "starts_at", starts_at);
      set_or_remove_string (event, "ends_at", ends_at);
      set_or_remove_string (event, "starts_on", NULL);
      set_or_remove_string (event, "ends_on", NULL);
    }

  rrule = civic_event_form_build_rrule (form);
  set_or_remove_string (event, "rrule", rrule);
  if (rrule != NULL && form->exdates != NULL && form->exdates[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; form->exdates[i] != NULL; i++)
        json_array_add_string_element (array, form->exdates[i]);
      json_object_set_array_member (event, "exdates", array);
    }
  else if (json_object_has_member (event, "exdates"))
    json_object_remove_member (event, "exdates");

  if ((form->location_name && *form->location_name) || (form->location_address && *form->location_address))
    {
      JsonObject *location = json_object_new ();

      set_or_remove_string (location, "name", form->location_name);
      set_or_remove_string (location, "address", form->location_address);
      json_object_set_object_member (event, "location", location);
    }
  else if (json_object_has_member (event, "location"))
    json_object_remove_member (event, "location");

  set_or_remove_string (event, "online_url", form->online_url);
  json_object_set_member (event, "languages", split_strings (form->languages));
  set_or_remove_string (event, "accessibility", form->accessibility);
  if (form->capacity > 0)
    json_object_set_int_member (event, "capacity", form->capacity);
  else if (json_object_has_member (event, "capacity"))
    json_object_remove_member (event, "capacity");
  json_object_set_boolean_member (event, "board_visible", form->board_visible);
  set_or_remove_string (event, "description", form->description);

  if (form->calls_made >= 0 || form->contacts_reached >= 0 ||
      form->registrations >= 0 || form->attendees >= 0)
    {
      JsonObject *results = json_object_new ();

      if (form->calls_made >= 0)
        json_object_set_int_member (results, "calls_made", form->calls_made);
      if (form->contacts_reached >= 0)
        json_object_set_int_member (results, "contacts_reached", form->contacts_reached);
      if (form->registrations >= 0)
        json_object_set_int_member (results, "registrations", form->registrations);
      if (form->attendees >= 0)
        json_object_set_int_member (results, "attendees", form->attendees);
      json_object_set_object_member (event, "results", results);
    }
  else if (json_object_has_member (event, "results"))
    json_object_remove_member (event, "results");

  if (g_strcmp0 (form->kind, "hearing") == 0)
    {
      set_or_remove_string (event, "body", form->body);
      set_or_remove_string (event, "bill", form->bill);
      set_or_remove_string (event, "testimony_deadline", form->testimony_deadline);
      json_object_set_member (event, "testifiers", split_strings (form->testifiers));
    }

  return event;
}
