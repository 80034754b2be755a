/* civic-signup.c — one volunteer in one shift (of one occurrence)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-signup"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-signup.h"

struct _CivicSignup
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicSignup, civic_signup, CIVIC_TYPE_RECORD)

static const CivicFieldSpec signup_fields[] = {
  { "shift_id", CIVIC_FIELD_STRING, N_("Shift") },
  { "volunteer_id", CIVIC_FIELD_STRING, N_("Volunteer") },
  { "occurrence", CIVIC_FIELD_STRING, N_("Occurrence") },
  { "status", CIVIC_FIELD_STRING, N_("Status") },
  { "signed_up_at", CIVIC_FIELD_STRING, N_("Signed up") },
  { "checked_in_at", CIVIC_FIELD_STRING, N_("Checked in") },
  { "checked_out_at", CIVIC_FIELD_STRING, N_("Checked out") },
  { "source", CIVIC_FIELD_STRING, N_("Source") },
  { "notes", CIVIC_FIELD_STRING, N_("Notes") },
};

static const CivicChoice signup_statuses[] = {
  { "invited", N_("Invited"), "#77767b", NULL },
  { "scheduled", N_("Scheduled"), "#3584e4", NULL },
  { "confirmed", N_("Confirmed"), "#2ec27e", NULL },
  { "completed", N_("Completed"), "#26a269", NULL },
  { "no_show", N_("No-show"), "#e01b24", NULL },
  { "walk_in", N_("Walk-in"), "#9141ac", NULL },
  { "declined", N_("Declined"), "#986a44", NULL },
  { "cancelled", N_("Cancelled"), "#5e5c64", NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice signup_sources[] = {
  { "office", N_("Office"), NULL, NULL },
  { "phone", N_("Phone"), NULL, NULL },
  { "walk_in", N_("Walk-in"), NULL, NULL },
  { "import", N_("Import"), NULL, NULL },
  { "self", N_("Self sign-up"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static void
civic_signup_prepare_save (CivicRecord *record,
                           const char  *now)
{
  /* The waitlist orders by signed_up_at; a signup always carries one. */
  if (civic_record_get_string (record, "signed_up_at") == NULL)
    civic_record_set_string (record, "signed_up_at", now);
}

static gboolean
civic_signup_validate (CivicRecord  *record,
                       GError      **error)
{
  const char *occurrence;

  if (!_civic_record_require_text (record, error, "shift_id", _("a signup names its shift"))
      || !_civic_record_require_text (record, error, "volunteer_id", _("a signup names its volunteer"))
      || !_civic_record_check_choice (record, error, "status", signup_statuses, TRUE, _("a signup needs a status"))
      || !_civic_record_check_choice (record, error, "source", signup_sources, FALSE, NULL)
      || !_civic_record_check_instant (record, error, "signed_up_at", FALSE, NULL)
      || !_civic_record_check_instant (record, error, "checked_in_at", FALSE, NULL)
      || !_civic_record_check_instant (record, error, "checked_out_at", FALSE, NULL)
      || !_civic_record_check_order (record, error, "checked_in_at", "checked_out_at", FALSE,
                                     _("the check-out is before the check-in")))
    return FALSE;

  occurrence = civic_record_get_string (record, "occurrence");
  if (occurrence != NULL && !civic_is_date (occurrence) && !civic_is_utc_instant (occurrence))
    return _civic_record_fail (record, error, "occurrence", -1,
                               _("“%s” is not a date such as 2026-09-06"), occurrence);
  return TRUE;
}

static void
civic_signup_class_init (CivicSignupClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "signup";
  record_class->validate = civic_signup_validate;
  record_class->prepare_save = civic_signup_prepare_save;
  civic_record_class_install_fields (record_class, signup_fields, G_N_ELEMENTS (signup_fields));
}

static void
civic_signup_init (CivicSignup *self)
{
  JsonObject *data = _civic_record_get_data (CIVIC_RECORD (self));

  /* Defaults of a new record; a record read from JSON replaces them. */
  json_object_set_string_member (data, "status", "scheduled");
}

CivicSignup *
civic_signup_new (void)
{
  return g_object_new (CIVIC_TYPE_SIGNUP, NULL);
}

const char * const *
civic_signup_status_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (signup_statuses, &cache);
}

const char *
civic_signup_status_get_label (const char *status)
{
  return _civic_choice_label (signup_statuses, status);
}

const char *
civic_signup_status_get_color (const char *status)
{
  const CivicChoice *choice = _civic_choice_find (signup_statuses, status);

  return choice != NULL ? choice->color : "#77767b";
}

const char * const *
civic_signup_source_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (signup_sources, &cache);
}

const char *
civic_signup_source_get_label (const char *source)
{
  return _civic_choice_label (signup_sources, source);
}

const char *
civic_signup_get_shift_id (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "shift_id");
}

void
civic_signup_set_shift_id (CivicSignup *self,
                           const char *shift_id)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "shift_id", shift_id);
}

const char *
civic_signup_get_volunteer_id (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "volunteer_id");
}

void
civic_signup_set_volunteer_id (CivicSignup *self,
                               const char *volunteer_id)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "volunteer_id", volunteer_id);
}

const char *
civic_signup_get_occurrence (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "occurrence");
}

void
civic_signup_set_occurrence (CivicSignup *self,
                             const char *occurrence)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "occurrence", occurrence);
}

const char *
civic_signup_get_status (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "status");
}

void
civic_signup_set_status (CivicSignup *self,
                         const char *status)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "status", status);
}

const char *
civic_signup_get_signed_up_at (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "signed_up_at");
}

void
civic_signup_set_signed_up_at (CivicSignup *self,
                               const char *signed_up_at)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "signed_up_at", signed_up_at);
}

const char *
civic_signup_get_checked_in_at (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "checked_in_at");
}

void
civic_signup_set_checked_in_at (CivicSignup *self,
                                const char *checked_in_at)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "checked_in_at", checked_in_at);
}

const char *
civic_signup_get_checked_out_at (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "checked_out_at");
}

void
civic_signup_set_checked_out_at (CivicSignup *self,
                                 const char *checked_out_at)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "checked_out_at", checked_out_at);
}

const char *
civic_signup_get_source (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "source");
}

void
civic_signup_set_source (CivicSignup *self,
                         const char *source)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "source", source);
}

const char *
civic_signup_get_notes (CivicSignup *self)
{
  g_return_val_if_fail (CIVIC_IS_SIGNUP (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "notes");
}

void
civic_signup_set_notes (CivicSignup *self,
                        const char *notes)
{
  g_return_if_fail (CIVIC_IS_SIGNUP (self));
  civic_record_set_string (CIVIC_RECORD (self), "notes", notes);
}

