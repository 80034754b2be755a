/* civic-legislator.c — an elected official
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-legislator"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-legislator.h"

struct _CivicLegislator
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicLegislator, civic_legislator, CIVIC_TYPE_RECORD)

static const CivicFieldSpec legislator_fields[] = {
  { "name", CIVIC_FIELD_STRING, N_("Name") },
  { "chamber", CIVIC_FIELD_STRING, N_("Chamber") },
  { "state", CIVIC_FIELD_STRING, N_("State") },
  { "district", CIVIC_FIELD_STRING, N_("District") },
  { "party", CIVIC_FIELD_STRING, N_("Party") },
  { "offices", CIVIC_FIELD_ARRAY, N_("Offices") },
  { "staff", CIVIC_FIELD_ARRAY, N_("Staff") },
  { "committees", CIVIC_FIELD_STRV, N_("Committees") },
  { "ids", CIVIC_FIELD_OBJECT, N_("Identifiers") },
};

static const CivicChoice legislator_chambers[] = {
  { "us_house", N_("U.S. House"), NULL, NULL },
  { "us_senate", N_("U.S. Senate"), NULL, NULL },
  { "state_assembly", N_("State Assembly"), NULL, NULL },
  { "state_senate", N_("State Senate"), NULL, NULL },
  { "county", N_("County"), NULL, NULL },
  { "city", N_("City"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice legislator_office_kinds[] = {
  { "capitol", N_("Capitol"), NULL, NULL },
  { "district", N_("District"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static gboolean
civic_legislator_validate (CivicRecord  *record,
                           GError      **error)
{
  JsonArray *offices, *staff;
  JsonObject *ids;

  if (!_civic_record_require_text (record, error, "name", _("a legislator needs a name"))
      || !_civic_record_check_choice (record, error, "chamber", legislator_chambers, TRUE,
                                      _("a legislator needs a chamber")))
    return FALSE;

  offices = civic_record_get_array (record, "offices");
  for (guint i = 0; offices != NULL && i < json_array_get_length (offices); i++)
    {
      JsonObject *office = json_array_get_object_element (offices, i);
      const char *kind = json_object_get_string_member_with_default (office, "kind", NULL);

      if (kind != NULL && _civic_choice_find (legislator_office_kinds, kind) == NULL)
        return _civic_record_fail (record, error, "offices", (int) i,
                                   _("office %u is neither capitol nor district"), i + 1);
    }

  staff = civic_record_get_array (record, "staff");
  for (guint i = 0; staff != NULL && i < json_array_get_length (staff); i++)
    {
      JsonObject *person = json_array_get_object_element (staff, i);
      const char *name = json_object_get_string_member_with_default (person, "name", NULL);

      if (_civic_text_is_blank (name))
        return _civic_record_fail (record, error, "staff", (int) i,
                                   _("staffer %u needs a name"), i + 1);
    }

  ids = civic_record_get_object (record, "ids");
  if (ids != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (ids);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (ids, l->data);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            return _civic_record_fail (record, error, "ids", -1,
                                       _("“%s” must be text"), (const char *) l->data);
        }
    }
  return TRUE;
}

static void
civic_legislator_class_init (CivicLegislatorClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "legislator";
  record_class->validate = civic_legislator_validate;
  civic_record_class_install_fields (record_class, legislator_fields, G_N_ELEMENTS (legislator_fields));
}

static void
civic_legislator_init (CivicLegislator *self)
{
}

CivicLegislator *
civic_legislator_new (void)
{
  return g_object_new (CIVIC_TYPE_LEGISLATOR, NULL);
}

const char * const *
civic_legislator_chamber_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (legislator_chambers, &cache);
}

const char *
civic_legislator_chamber_get_label (const char *chamber)
{
  return _civic_choice_label (legislator_chambers, chamber);
}

const char * const *
civic_legislator_office_kind_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (legislator_office_kinds, &cache);
}

const char *
civic_legislator_office_kind_get_label (const char *kind)
{
  return _civic_choice_label (legislator_office_kinds, kind);
}

const char *
civic_legislator_get_name (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "name");
}

void
civic_legislator_set_name (CivicLegislator *self,
                           const char *name)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_string (CIVIC_RECORD (self), "name", name);
}

const char *
civic_legislator_get_chamber (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "chamber");
}

void
civic_legislator_set_chamber (CivicLegislator *self,
                              const char *chamber)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_string (CIVIC_RECORD (self), "chamber", chamber);
}

const char *
civic_legislator_get_state (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "state");
}

void
civic_legislator_set_state (CivicLegislator *self,
                            const char *state)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_string (CIVIC_RECORD (self), "state", state);
}

const char *
civic_legislator_get_district (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "district");
}

void
civic_legislator_set_district (CivicLegislator *self,
                               const char *district)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_string (CIVIC_RECORD (self), "district", district);
}

const char *
civic_legislator_get_party (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "party");
}

void
civic_legislator_set_party (CivicLegislator *self,
                            const char *party)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_string (CIVIC_RECORD (self), "party", party);
}

JsonArray *
civic_legislator_get_offices (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_array (CIVIC_RECORD (self), "offices");
}

void
civic_legislator_set_offices (CivicLegislator *self,
                              JsonArray *offices)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_array (CIVIC_RECORD (self), "offices", offices);
}

JsonArray *
civic_legislator_get_staff (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_array (CIVIC_RECORD (self), "staff");
}

void
civic_legislator_set_staff (CivicLegislator *self,
                            JsonArray *staff)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_array (CIVIC_RECORD (self), "staff", staff);
}

GStrv
civic_legislator_dup_committees (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "committees");
}

void
civic_legislator_set_committees (CivicLegislator *self,
                                 const char * const *committees)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_strv (CIVIC_RECORD (self), "committees", committees);
}

JsonObject *
civic_legislator_get_ids (CivicLegislator *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "ids");
}

void
civic_legislator_set_ids (CivicLegislator *self,
                          JsonObject *ids)
{
  g_return_if_fail (CIVIC_IS_LEGISLATOR (self));
  civic_record_set_object (CIVIC_RECORD (self), "ids", ids);
}

