/* civic-visit.c — a meeting with a legislator or their staff
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-visit"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-visit.h"

struct _CivicVisit
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicVisit, civic_visit, CIVIC_TYPE_RECORD)

static const CivicFieldSpec visit_fields[] = {
  { "legislator_id", CIVIC_FIELD_STRING, N_("Legislator") },
  { "occurs_at", CIVIC_FIELD_STRING, N_("When") },
  { "format", CIVIC_FIELD_STRING, N_("Format") },
  { "met_with", CIVIC_FIELD_OBJECT, N_("Met with") },
  { "attendees", CIVIC_FIELD_ARRAY, N_("Attendees") },
  { "issues", CIVIC_FIELD_STRV, N_("Issues") },
  { "bills", CIVIC_FIELD_STRV, N_("Bills") },
  { "ask", CIVIC_FIELD_STRING, N_("Ask") },
  { "position", CIVIC_FIELD_STRING, N_("Position") },
  { "commitments", CIVIC_FIELD_STRING, N_("Commitments") },
  { "notes", CIVIC_FIELD_STRING, N_("Notes") },
  { "follow_ups", CIVIC_FIELD_ARRAY, N_("Follow-ups") },
  { "campaign_id", CIVIC_FIELD_STRING, N_("Campaign") },
  { "event_id", CIVIC_FIELD_STRING, N_("Event") },
  { "office_id", CIVIC_FIELD_STRING, N_("Office") },
};

static const CivicChoice visit_formats[] = {
  { "district_office", N_("District office"), NULL, NULL },
  { "capitol", N_("Capitol"), NULL, NULL },
  { "virtual", N_("Virtual"), NULL, NULL },
  { "phone", N_("Phone"), NULL, NULL },
  { "town_hall", N_("Town hall"), NULL, NULL },
  { "hearing", N_("Hearing"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice visit_positions[] = {
  { "support", N_("Support"), "#26a269", NULL },
  { "lean_support", N_("Leans support"), "#57e389", NULL },
  { "undecided", N_("Undecided"), "#e5a50a", NULL },
  { "lean_oppose", N_("Leans oppose"), "#ff7800", NULL },
  { "oppose", N_("Oppose"), "#e01b24", NULL },
  { "unknown", N_("Unknown"), "#77767b", NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice visit_attendee_roles[] = {
  { "leader", N_("Leader"), NULL, NULL },
  { "asker", N_("Asker"), NULL, NULL },
  { "storyteller", N_("Storyteller"), NULL, NULL },
  { "note_taker", N_("Note taker"), NULL, NULL },
  { "interpreter", N_("Interpreter"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice visit_met_withs[] = {
  { "member", N_("Member"), NULL, NULL },
  { "staff", N_("Staff"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static gboolean
civic_visit_validate (CivicRecord  *record,
                      GError      **error)
{
  JsonObject *met_with;
  JsonArray *attendees, *follow_ups;

  if (!_civic_record_require_text (record, error, "legislator_id", _("a visit names its legislator"))
      || !_civic_record_check_instant (record, error, "occurs_at", TRUE, _("a visit needs a date and time"))
      || !_civic_record_check_choice (record, error, "format", visit_formats, FALSE, NULL)
      || !_civic_record_check_choice (record, error, "position", visit_positions, FALSE, NULL))
    return FALSE;

  met_with = civic_record_get_object (record, "met_with");
  if (met_with != NULL)
    {
      const char *kind = json_object_get_string_member_with_default (met_with, "kind", NULL);

      if (kind != NULL && _civic_choice_find (visit_met_withs, kind) == NULL)
        return _civic_record_fail (record, error, "met_with", -1,
                                   _("“%s” is neither member nor staff"), kind);
    }

  attendees = civic_record_get_array (record, "attendees");
  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonObject *attendee = json_array_get_object_element (attendees, i);
      const char *volunteer_id = json_object_get_string_member_with_default (attendee, "volunteer_id", NULL);
      const char *role = json_object_get_string_member_with_default (attendee, "role", NULL);

      if (volunteer_id == NULL || *volunteer_id == '\0')
        return _civic_record_fail (record, error, "attendees", (int) i,
                                   _("attendee %u needs a volunteer"), i + 1);
      if (role != NULL && _civic_choice_find (visit_attendee_roles, role) == NULL)
        return _civic_record_fail (record, error, "attendees", (int) i,
                                   _("attendee %u has the unknown role “%s”"), i + 1, role);
    }

  follow_ups = civic_record_get_array (record, "follow_ups");
  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      JsonObject *follow_up = json_array_get_object_element (follow_ups, i);
      const char *task = json_object_get_string_member_with_default (follow_up, "task", NULL);
      const char *due_on = json_object_get_string_member_with_default (follow_up, "due_on", NULL);
      const char *done_at = json_object_get_string_member_with_default (follow_up, "done_at", NULL);
      if (_civic_text_is_blank (task))
        return _civic_record_fail (record, error, "follow_ups", (int) i,
                                   _("follow-up %u needs a task"), i + 1);
      if (due_on != NULL && !civic_is_date (due_on))
        return _civic_record_fail (record, error, "follow_ups", (int) i,
                                   _("follow-up %u: “%s” is not a date such as 2026-09-06"), i + 1, due_on);
      if (done_at != NULL && !civic_is_utc_instant (done_at))
        return _civic_record_fail (record, error, "follow_ups", (int) i,
                                   _("follow-up %u: “%s” is not a UTC date and time"), i + 1, done_at);
    }
  return TRUE;
}

static void
civic_visit_class_init (CivicVisitClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "visit";
  record_class->validate = civic_visit_validate;
  civic_record_class_install_fields (record_class, visit_fields, G_N_ELEMENTS (visit_fields));
}

static void
civic_visit_init (CivicVisit *self)
{
  JsonObject *data = _civic_record_get_data (CIVIC_RECORD (self));

  /* Defaults of a new record; a record read from JSON replaces them. */
  json_object_set_string_member (data, "position", "unknown");
}

CivicVisit *
civic_visit_new (void)
{
  return g_object_new (CIVIC_TYPE_VISIT, NULL);
}

const char * const *
civic_visit_format_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (visit_formats, &cache);
}

const char *
civic_visit_format_get_label (const char *format)
{
  return _civic_choice_label (visit_formats, format);
}

const char * const *
civic_visit_position_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (visit_positions, &cache);
}

const char *
civic_visit_position_get_label (const char *position)
{
  return _civic_choice_label (visit_positions, position);
}

const char *
civic_visit_position_get_color (const char *position)
{
  const CivicChoice *choice = _civic_choice_find (visit_positions, position);

  return choice != NULL ? choice->color : "#77767b";
}

const char * const *
civic_visit_attendee_role_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (visit_attendee_roles, &cache);
}

const char *
civic_visit_attendee_role_get_label (const char *role)
{
  return _civic_choice_label (visit_attendee_roles, role);
}

const char * const *
civic_visit_met_with_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (visit_met_withs, &cache);
}

const char *
civic_visit_met_with_get_label (const char *kind)
{
  return _civic_choice_label (visit_met_withs, kind);
}

const char *
civic_visit_get_legislator_id (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "legislator_id");
}

void
civic_visit_set_legislator_id (CivicVisit *self,
                               const char *legislator_id)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "legislator_id", legislator_id);
}

const char *
civic_visit_get_occurs_at (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "occurs_at");
}

void
civic_visit_set_occurs_at (CivicVisit *self,
                           const char *occurs_at)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "occurs_at", occurs_at);
}

const char *
civic_visit_get_format (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "format");
}

void
civic_visit_set_format (CivicVisit *self,
                        const char *format)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "format", format);
}

JsonObject *
civic_visit_get_met_with (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "met_with");
}

void
civic_visit_set_met_with (CivicVisit *self,
                          JsonObject *met_with)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_object (CIVIC_RECORD (self), "met_with", met_with);
}

JsonArray *
civic_visit_get_attendees (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_array (CIVIC_RECORD (self), "attendees");
}

void
civic_visit_set_attendees (CivicVisit *self,
                           JsonArray *attendees)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_array (CIVIC_RECORD (self), "attendees", attendees);
}

GStrv
civic_visit_dup_issues (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "issues");
}

void
civic_visit_set_issues (CivicVisit *self,
                        const char * const *issues)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "issues", issues);
}

GStrv
civic_visit_dup_bills (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "bills");
}

void
civic_visit_set_bills (CivicVisit *self,
                       const char * const *bills)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "bills", bills);
}

const char *
civic_visit_get_ask (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "ask");
}

void
civic_visit_set_ask (CivicVisit *self,
                     const char *ask)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "ask", ask);
}

const char *
civic_visit_get_position (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "position");
}

void
civic_visit_set_position (CivicVisit *self,
                          const char *position)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "position", position);
}

const char *
civic_visit_get_commitments (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "commitments");
}

void
civic_visit_set_commitments (CivicVisit *self,
                             const char *commitments)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "commitments", commitments);
}

const char *
civic_visit_get_notes (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "notes");
}

void
civic_visit_set_notes (CivicVisit *self,
                       const char *notes)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "notes", notes);
}

JsonArray *
civic_visit_get_follow_ups (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_array (CIVIC_RECORD (self), "follow_ups");
}

void
civic_visit_set_follow_ups (CivicVisit *self,
                            JsonArray *follow_ups)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_array (CIVIC_RECORD (self), "follow_ups", follow_ups);
}

const char *
civic_visit_get_campaign_id (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "campaign_id");
}

void
civic_visit_set_campaign_id (CivicVisit *self,
                             const char *campaign_id)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "campaign_id", campaign_id);
}

const char *
civic_visit_get_event_id (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "event_id");
}

void
civic_visit_set_event_id (CivicVisit *self,
                          const char *event_id)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "event_id", event_id);
}

const char *
civic_visit_get_office_id (CivicVisit *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "office_id");
}

void
civic_visit_set_office_id (CivicVisit *self,
                           const char *office_id)
{
  g_return_if_fail (CIVIC_IS_VISIT (self));
  civic_record_set_string (CIVIC_RECORD (self), "office_id", office_id);
}

