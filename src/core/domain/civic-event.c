/* civic-event.c — something on the calendar
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-event"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include <libical/ical.h>

#include "civic-record-private.h"
#include "civic-event.h"

struct _CivicEvent
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicEvent, civic_event, CIVIC_TYPE_RECORD)

static const CivicFieldSpec event_fields[] = {
  { "kind", CIVIC_FIELD_STRING, N_("Kind") },
  { "title", CIVIC_FIELD_STRING, N_("Title") },
  { "description", CIVIC_FIELD_STRING, N_("Description") },
  { "status", CIVIC_FIELD_STRING, N_("Status") },
  { "office_id", CIVIC_FIELD_STRING, N_("Office") },
  { "campaign_id", CIVIC_FIELD_STRING, N_("Campaign") },
  { "starts_at", CIVIC_FIELD_STRING, N_("Starts") },
  { "ends_at", CIVIC_FIELD_STRING, N_("Ends") },
  { "tzid", CIVIC_FIELD_STRING, N_("Time zone") },
  { "all_day", CIVIC_FIELD_BOOLEAN, N_("All day") },
  { "starts_on", CIVIC_FIELD_STRING, N_("Starts") },
  { "ends_on", CIVIC_FIELD_STRING, N_("Ends") },
  { "rrule", CIVIC_FIELD_STRING, N_("Repeats") },
  { "exdates", CIVIC_FIELD_STRV, N_("Skipped dates") },
  { "location", CIVIC_FIELD_OBJECT, N_("Location") },
  { "online_url", CIVIC_FIELD_STRING, N_("Online link") },
  { "languages", CIVIC_FIELD_STRV, N_("Languages") },
  { "accessibility", CIVIC_FIELD_STRING, N_("Accessibility") },
  { "capacity", CIVIC_FIELD_INT, N_("Capacity") },
  { "board_visible", CIVIC_FIELD_BOOLEAN, N_("Shown to the board") },
  { "results", CIVIC_FIELD_OBJECT, N_("Results") },
  { "body", CIVIC_FIELD_STRING, N_("Committee or council") },
  { "bill", CIVIC_FIELD_STRING, N_("Bill") },
  { "testimony_deadline", CIVIC_FIELD_STRING, N_("Testimony deadline") },
  { "testifiers", CIVIC_FIELD_STRV, N_("Testifiers") },
};

static const CivicChoice event_kinds[] = {
  { "town_hall", N_("Town hall"), "#3584e4", "system-users-symbolic" },
  { "rally", N_("Rally"), "#e01b24", "audio-volume-high-symbolic" },
  { "hearing", N_("Hearing"), "#9141ac", "audio-input-microphone-symbolic" },
  { "workshop", N_("Workshop"), "#ff7800", "x-office-presentation-symbolic" },
  { "phone_bank", N_("Phone bank"), "#2ec27e", "call-start-symbolic" },
  { "voter_registration", N_("Voter registration"), "#1c71d8", "document-edit-symbolic" },
  { "canvass", N_("Canvass"), "#c64600", "mark-location-symbolic" },
  { "legislative_visit", N_("Legislative visit"), "#613583", "emblem-documents-symbolic" },
  { "clinic", N_("Clinic"), "#26a269", "help-faq-symbolic" },
  { "community_meeting", N_("Community meeting"), "#e5a50a", "network-workgroup-symbolic" },
  { "training", N_("Training"), "#986a44", "x-office-document-symbolic" },
  { "other", N_("Other"), "#77767b", "x-office-calendar-symbolic" },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice event_statuses[] = {
  { "tentative", N_("Tentative"), NULL, NULL },
  { "confirmed", N_("Confirmed"), NULL, NULL },
  { "cancelled", N_("Cancelled"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const char * const result_keys[] = {
  "calls_made", "contacts_reached", "registrations", "attendees",
};

static gboolean
civic_event_validate (CivicRecord  *record,
                      GError      **error)
{
  const char *tzid, *rrule, *url, *deadline;
  g_auto(GStrv) exdates = NULL;
  JsonObject *results;

  if (!_civic_record_require_text (record, error, "title", _("an event needs a title"))
      || !_civic_record_check_choice (record, error, "kind", event_kinds, TRUE, _("an event needs a kind"))
      || !_civic_record_check_choice (record, error, "status", event_statuses, TRUE, _("an event needs a status")))
    return FALSE;

  if (civic_record_get_boolean (record, "all_day", FALSE))
    {
      if (!_civic_record_check_date (record, error, "starts_on", TRUE, _("an all-day event needs a first day"))
          || !_civic_record_check_date (record, error, "ends_on", FALSE, NULL)
          || !_civic_record_check_order (record, error, "starts_on", "ends_on", FALSE,
                                         _("the end is before the start")))
        return FALSE;
    }
  else
    {
      if (!_civic_record_check_instant (record, error, "starts_at", TRUE, _("an event needs a start"))
          || !_civic_record_check_instant (record, error, "ends_at", FALSE, NULL)
          || !_civic_record_check_order (record, error, "starts_at", "ends_at", FALSE,
                                         _("the end is before the start")))
        return FALSE;
    }

  tzid = civic_record_get_string (record, "tzid");
  if (tzid != NULL && *tzid != '\0')
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);

      if (tz == NULL)
        return _civic_record_fail (record, error, "tzid", -1,
                                   _("“%s” is not a known time zone such as America/Los_Angeles"), tzid);
    }

  rrule = civic_record_get_string (record, "rrule");
  if (rrule != NULL && *rrule != '\0' && !civic_rrule_is_valid (rrule))
    return _civic_record_fail (record, error, "rrule", -1,
                               _("“%s” is not a repeat rule such as FREQ=WEEKLY;BYDAY=MO"), rrule);

  exdates = civic_record_dup_strv (record, "exdates");
  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    if (!civic_is_date (exdates[i]) && !civic_is_utc_instant (exdates[i]))
      return _civic_record_fail (record, error, "exdates", (int) i,
                                 _("“%s” is not a date or a UTC date and time"), exdates[i]);

  if (civic_record_get_int (record, "capacity", 0) < 0)
    return _civic_record_fail (record, error, "capacity", -1, _("the capacity cannot be negative"));

  url = civic_record_get_string (record, "online_url");
  if (url != NULL && *url != '\0')
    {
      g_autofree char *scheme = g_uri_parse_scheme (url);

      if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
          || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
        return _civic_record_fail (record, error, "online_url", -1,
                                   _("“%s” is not a web address such as https://example.org/meet"), url);
    }

  results = civic_record_get_object (record, "results");
  for (guint i = 0; results != NULL && i < G_N_ELEMENTS (result_keys); i++)
    {
      JsonNode *node = json_object_get_member (results, result_keys[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0)
        return _civic_record_fail (record, error, "results", -1,
                                   _("“%s” must be a whole number of zero or more"), result_keys[i]);
    }

  deadline = civic_record_get_string (record, "testimony_deadline");
  if (deadline != NULL && *deadline != '\0' && !civic_is_date (deadline) && !civic_is_utc_instant (deadline))
    return _civic_record_fail (record, error, "testimony_deadline", -1,
                               _("“%s” is not a date or a UTC date and time"), deadline);
  return TRUE;
}

static void
civic_event_class_init (CivicEventClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "event";
  record_class->validate = civic_event_validate;
  civic_record_class_install_fields (record_class, event_fields, G_N_ELEMENTS (event_fields));
}

static void
civic_event_init (CivicEvent *self)
{
  JsonObject *data = _civic_record_get_data (CIVIC_RECORD (self));

  /* Defaults of a new record; a record read from JSON replaces them. */
  json_object_set_string_member (data, "kind", "other");
  json_object_set_string_member (data, "status", "confirmed");
  json_object_set_boolean_member (data, "all_day", FALSE);
}

CivicEvent *
civic_event_new (void)
{
  return g_object_new (CIVIC_TYPE_EVENT, NULL);
}

const char * const *
civic_event_kind_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (event_kinds, &cache);
}

const char *
civic_event_kind_get_label (const char *kind)
{
  return _civic_choice_label (event_kinds, kind);
}

const char *
civic_event_kind_get_color (const char *kind)
{
  const CivicChoice *choice = _civic_choice_find (event_kinds, kind);

  return choice != NULL ? choice->color : "#77767b";
}

const char *
civic_event_kind_get_icon_name (const char *kind)
{
  const CivicChoice *choice = _civic_choice_find (event_kinds, kind);

  return choice != NULL ? choice->icon_name : "x-office-calendar-symbolic";
}

const char * const *
civic_event_status_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (event_statuses, &cache);
}

const char *
civic_event_status_get_label (const char *status)
{
  return _civic_choice_label (event_statuses, status);
}

const char *
civic_event_get_kind (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "kind");
}

void
civic_event_set_kind (CivicEvent *self,
                      const char *kind)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "kind", kind);
}

const char *
civic_event_get_title (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "title");
}

void
civic_event_set_title (CivicEvent *self,
                       const char *title)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "title", title);
}

const char *
civic_event_get_description (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "description");
}

void
civic_event_set_description (CivicEvent *self,
                             const char *description)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "description", description);
}

const char *
civic_event_get_status (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "status");
}

void
civic_event_set_status (CivicEvent *self,
                        const char *status)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "status", status);
}

const char *
civic_event_get_office_id (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "office_id");
}

void
civic_event_set_office_id (CivicEvent *self,
                           const char *office_id)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "office_id", office_id);
}

const char *
civic_event_get_campaign_id (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "campaign_id");
}

void
civic_event_set_campaign_id (CivicEvent *self,
                             const char *campaign_id)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "campaign_id", campaign_id);
}

const char *
civic_event_get_starts_at (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "starts_at");
}

void
civic_event_set_starts_at (CivicEvent *self,
                           const char *starts_at)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "starts_at", starts_at);
}

const char *
civic_event_get_ends_at (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "ends_at");
}

void
civic_event_set_ends_at (CivicEvent *self,
                         const char *ends_at)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "ends_at", ends_at);
}

const char *
civic_event_get_tzid (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "tzid");
}

void
civic_event_set_tzid (CivicEvent *self,
                      const char *tzid)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "tzid", tzid);
}

gboolean
civic_event_get_all_day (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), FALSE);
  return civic_record_get_boolean (CIVIC_RECORD (self), "all_day", FALSE);
}

void
civic_event_set_all_day (CivicEvent *self,
                         gboolean all_day)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_boolean (CIVIC_RECORD (self), "all_day", all_day);
}

const char *
civic_event_get_starts_on (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "starts_on");
}

void
civic_event_set_starts_on (CivicEvent *self,
                           const char *starts_on)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "starts_on", starts_on);
}

const char *
civic_event_get_ends_on (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "ends_on");
}

void
civic_event_set_ends_on (CivicEvent *self,
                         const char *ends_on)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "ends_on", ends_on);
}

const char *
civic_event_get_rrule (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "rrule");
}

void
civic_event_set_rrule (CivicEvent *self,
                       const char *rrule)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "rrule", rrule);
}

GStrv
civic_event_dup_exdates (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "exdates");
}

void
civic_event_set_exdates (CivicEvent *self,
                         const char * const *exdates)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "exdates", exdates);
}

JsonObject *
civic_event_get_location (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "location");
}

void
civic_event_set_location (CivicEvent *self,
                          JsonObject *location)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_object (CIVIC_RECORD (self), "location", location);
}

const char *
civic_event_get_online_url (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "online_url");
}

void
civic_event_set_online_url (CivicEvent *self,
                            const char *online_url)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "online_url", online_url);
}

GStrv
civic_event_dup_languages (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "languages");
}

void
civic_event_set_languages (CivicEvent *self,
                           const char * const *languages)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "languages", languages);
}

const char *
civic_event_get_accessibility (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "accessibility");
}

void
civic_event_set_accessibility (CivicEvent *self,
                               const char *accessibility)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "accessibility", accessibility);
}

int
civic_event_get_capacity (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), 0);
  return (int) CLAMP (civic_record_get_int (CIVIC_RECORD (self), "capacity", 0), G_MININT, G_MAXINT);
}

void
civic_event_set_capacity (CivicEvent *self,
                          int capacity)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_int (CIVIC_RECORD (self), "capacity", capacity);
}

gboolean
civic_event_get_board_visible (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), FALSE);
  return civic_record_get_boolean (CIVIC_RECORD (self), "board_visible", FALSE);
}

void
civic_event_set_board_visible (CivicEvent *self,
                               gboolean board_visible)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_boolean (CIVIC_RECORD (self), "board_visible", board_visible);
}

JsonObject *
civic_event_get_results (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "results");
}

void
civic_event_set_results (CivicEvent *self,
                         JsonObject *results)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_object (CIVIC_RECORD (self), "results", results);
}

const char *
civic_event_get_body (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "body");
}

void
civic_event_set_body (CivicEvent *self,
                      const char *body)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "body", body);
}

const char *
civic_event_get_bill (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "bill");
}

void
civic_event_set_bill (CivicEvent *self,
                      const char *bill)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "bill", bill);
}

const char *
civic_event_get_testimony_deadline (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "testimony_deadline");
}

void
civic_event_set_testimony_deadline (CivicEvent *self,
                                    const char *testimony_deadline)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_string (CIVIC_RECORD (self), "testimony_deadline", testimony_deadline);
}

GStrv
civic_event_dup_testifiers (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "testifiers");
}

void
civic_event_set_testifiers (CivicEvent *self,
                            const char * const *testifiers)
{
  g_return_if_fail (CIVIC_IS_EVENT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "testifiers", testifiers);
}

GDateTime *
civic_event_dup_start (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);

  if (civic_event_get_all_day (self))
    return civic_record_dup_datetime (CIVIC_RECORD (self), "starts_on");
  return civic_record_dup_datetime (CIVIC_RECORD (self), "starts_at");
}

GDateTime *
civic_event_dup_end (CivicEvent *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT (self), NULL);

  if (civic_event_get_all_day (self))
    return civic_record_dup_datetime (CIVIC_RECORD (self), "ends_on");
  return civic_record_dup_datetime (CIVIC_RECORD (self), "ends_at");
}

gboolean
civic_event_is_recurring (CivicEvent *self)
{
  const char *rrule;

  g_return_val_if_fail (CIVIC_IS_EVENT (self), FALSE);

  rrule = civic_event_get_rrule (self);
  return rrule != NULL && *rrule != '\0';
}

gboolean
civic_rrule_is_valid (const char *rrule)
{
  struct icalrecurrencetype recur;
  icalerrorenum saved;

  if (rrule == NULL || strstr (rrule, "FREQ=") == NULL || g_str_has_prefix (rrule, "RRULE:"))
    return FALSE;
  /* libical reports through a global errno; leave it as it was. */
  saved = icalerrno;
  icalerror_clear_errno ();
  recur = icalrecurrencetype_from_string (rrule);
  if (recur.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_set_errno (saved);
      return FALSE;
    }
  icalerrno = saved;
  return TRUE;
}
