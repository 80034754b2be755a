/* civic-shift.c — a slot of work at an event
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-shift"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-shift.h"

struct _CivicShift
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicShift, civic_shift, CIVIC_TYPE_RECORD)

static const CivicFieldSpec shift_fields[] = {
  { "event_id", CIVIC_FIELD_STRING, N_("Event") },
  { "role", CIVIC_FIELD_STRING, N_("Role") },
  { "starts_at", CIVIC_FIELD_STRING, N_("Starts") },
  { "ends_at", CIVIC_FIELD_STRING, N_("Ends") },
  { "capacity", CIVIC_FIELD_INT, N_("Capacity") },
  { "languages_needed", CIVIC_FIELD_STRV, N_("Languages needed") },
  { "skills_needed", CIVIC_FIELD_STRV, N_("Skills needed") },
  { "notes", CIVIC_FIELD_STRING, N_("Notes") },
};

static const CivicChoice shift_roles[] = {
  { "phone_banker", N_("Phone banker"), NULL, NULL },
  { "canvasser", N_("Canvasser"), NULL, NULL },
  { "registration_table", N_("Registration table"), NULL, NULL },
  { "interpreter", N_("Interpreter"), NULL, NULL },
  { "check_in", N_("Check-in"), NULL, NULL },
  { "setup", N_("Setup"), NULL, NULL },
  { "driver", N_("Driver"), NULL, NULL },
  { "note_taker", N_("Note taker"), NULL, NULL },
  { "speaker", N_("Speaker"), NULL, NULL },
  { "other", N_("Other"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static gboolean
civic_shift_validate (CivicRecord  *record,
                      GError      **error)
{
  if (!_civic_record_require_text (record, error, "event_id", _("a shift belongs to an event"))
      || !_civic_record_require_text (record, error, "role", _("a shift needs a role"))
      || !_civic_record_check_instant (record, error, "starts_at", TRUE, _("a shift needs a start"))
      || !_civic_record_check_instant (record, error, "ends_at", TRUE, _("a shift needs an end"))
      || !_civic_record_check_order (record, error, "starts_at", "ends_at", TRUE,
                                     _("the end must be after the start")))
    return FALSE;
  if (civic_record_get_int (record, "capacity", 0) < 1)
    return _civic_record_fail (record, error, "capacity", -1,
                               _("a shift needs room for at least one person"));
  return TRUE;
}

static void
civic_shift_class_init (CivicShiftClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "shift";
  record_class->validate = civic_shift_validate;
  civic_record_class_install_fields (record_class, shift_fields, G_N_ELEMENTS (shift_fields));
}

static void
civic_shift_init (CivicShift *self)
{
  JsonObject *data = _civic_record_get_data (CIVIC_RECORD (self));

  /* Defaults of a new record; a record read from JSON replaces them. */
  json_object_set_int_member (data, "capacity", 1);
}

CivicShift *
civic_shift_new (void)
{
  return g_object_new (CIVIC_TYPE_SHIFT, NULL);
}

const char * const *
civic_shift_role_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (shift_roles, &cache);
}

const char *
civic_shift_role_get_label (const char *role)
{
  return _civic_choice_label (shift_roles, role);
}

const char *
civic_shift_get_event_id (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "event_id");
}

void
civic_shift_set_event_id (CivicShift *self,
                          const char *event_id)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_string (CIVIC_RECORD (self), "event_id", event_id);
}

const char *
civic_shift_get_role (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "role");
}

void
civic_shift_set_role (CivicShift *self,
                      const char *role)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_string (CIVIC_RECORD (self), "role", role);
}

const char *
civic_shift_get_starts_at (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "starts_at");
}

void
civic_shift_set_starts_at (CivicShift *self,
                           const char *starts_at)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_string (CIVIC_RECORD (self), "starts_at", starts_at);
}

const char *
civic_shift_get_ends_at (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "ends_at");
}

void
civic_shift_set_ends_at (CivicShift *self,
                         const char *ends_at)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_string (CIVIC_RECORD (self), "ends_at", ends_at);
}

int
civic_shift_get_capacity (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), 0);
  return (int) CLAMP (civic_record_get_int (CIVIC_RECORD (self), "capacity", 0), G_MININT, G_MAXINT);
}

void
civic_shift_set_capacity (CivicShift *self,
                          int capacity)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_int (CIVIC_RECORD (self), "capacity", capacity);
}

GStrv
civic_shift_dup_languages_needed (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "languages_needed");
}

void
civic_shift_set_languages_needed (CivicShift *self,
                                  const char * const *languages_needed)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "languages_needed", languages_needed);
}

GStrv
civic_shift_dup_skills_needed (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "skills_needed");
}

void
civic_shift_set_skills_needed (CivicShift *self,
                               const char * const *skills_needed)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_strv (CIVIC_RECORD (self), "skills_needed", skills_needed);
}

const char *
civic_shift_get_notes (CivicShift *self)
{
  g_return_val_if_fail (CIVIC_IS_SHIFT (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "notes");
}

void
civic_shift_set_notes (CivicShift *self,
                       const char *notes)
{
  g_return_if_fail (CIVIC_IS_SHIFT (self));
  civic_record_set_string (CIVIC_RECORD (self), "notes", notes);
}

gint64
civic_shift_get_duration (CivicShift *self)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (CIVIC_IS_SHIFT (self), 0);

  start = civic_record_dup_datetime (CIVIC_RECORD (self), "starts_at");
  end = civic_record_dup_datetime (CIVIC_RECORD (self), "ends_at");
  if (start == NULL || end == NULL)
    return 0;
  return MAX (0, g_date_time_difference (end, start) / G_TIME_SPAN_SECOND);
}
