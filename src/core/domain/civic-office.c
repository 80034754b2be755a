/* civic-office.c — a place the organization works from
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-office"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-office.h"

struct _CivicOffice
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicOffice, civic_office, CIVIC_TYPE_RECORD)

static const CivicFieldSpec office_fields[] = {
  { "name", CIVIC_FIELD_STRING, N_("Name") },
  { "address", CIVIC_FIELD_STRING, N_("Address") },
  { "phone", CIVIC_FIELD_STRING, N_("Phone") },
  { "timezone", CIVIC_FIELD_STRING, N_("Time zone") },
};

static gboolean
civic_office_validate (CivicRecord  *record,
                       GError      **error)
{
  const char *timezone;
  g_autoptr(GTimeZone) tz = NULL;

  if (!_civic_record_require_text (record, error, "name", _("an office needs a name")))
    return FALSE;
  timezone = civic_record_get_string (record, "timezone");
  if (timezone == NULL || *timezone == '\0')
    return _civic_record_fail (record, error, "timezone", -1, _("an office needs a time zone"));
  tz = g_time_zone_new_identifier (timezone);
  if (tz == NULL)
    return _civic_record_fail (record, error, "timezone", -1,
                               _("“%s” is not a known time zone such as America/Los_Angeles"), timezone);
  return TRUE;
}

static void
civic_office_class_init (CivicOfficeClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "office";
  record_class->validate = civic_office_validate;
  civic_record_class_install_fields (record_class, office_fields, G_N_ELEMENTS (office_fields));
}

static void
civic_office_init (CivicOffice *self)
{
}

CivicOffice *
civic_office_new (void)
{
  return g_object_new (CIVIC_TYPE_OFFICE, NULL);
}

const char *
civic_office_get_name (CivicOffice *self)
{
  g_return_val_if_fail (CIVIC_IS_OFFICE (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "name");
}

void
civic_office_set_name (CivicOffice *self,
                       const char *name)
{
  g_return_if_fail (CIVIC_IS_OFFICE (self));
  civic_record_set_string (CIVIC_RECORD (self), "name", name);
}

const char *
civic_office_get_address (CivicOffice *self)
{
  g_return_val_if_fail (CIVIC_IS_OFFICE (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "address");
}

void
civic_office_set_address (CivicOffice *self,
                          const char *address)
{
  g_return_if_fail (CIVIC_IS_OFFICE (self));
  civic_record_set_string (CIVIC_RECORD (self), "address", address);
}

const char *
civic_office_get_phone (CivicOffice *self)
{
  g_return_val_if_fail (CIVIC_IS_OFFICE (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "phone");
}

void
civic_office_set_phone (CivicOffice *self,
                        const char *phone)
{
  g_return_if_fail (CIVIC_IS_OFFICE (self));
  civic_record_set_string (CIVIC_RECORD (self), "phone", phone);
}

const char *
civic_office_get_timezone (CivicOffice *self)
{
  g_return_val_if_fail (CIVIC_IS_OFFICE (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "timezone");
}

void
civic_office_set_timezone (CivicOffice *self,
                           const char *timezone)
{
  g_return_if_fail (CIVIC_IS_OFFICE (self));
  civic_record_set_string (CIVIC_RECORD (self), "timezone", timezone);
}

