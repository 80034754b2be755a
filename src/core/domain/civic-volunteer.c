/* civic-volunteer.c — a person who gives time
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-volunteer"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-volunteer.h"

struct _CivicVolunteer
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicVolunteer, civic_volunteer, CIVIC_TYPE_RECORD)

static const CivicFieldSpec volunteer_fields[] = {
  { "given_name", CIVIC_FIELD_STRING, N_("Given name") },
  { "family_name", CIVIC_FIELD_STRING, N_("Family name") },
  { "name_ko", CIVIC_FIELD_STRING, N_("Korean name") },
  { "preferred_name", CIVIC_FIELD_STRING, N_("Preferred name") },
  { "phone", CIVIC_FIELD_STRING, N_("Phone") },
  { "email", CIVIC_FIELD_STRING, N_("Email") },
  { "languages", CIVIC_FIELD_STRV, N_("Languages") },
  { "skills", CIVIC_FIELD_STRV, N_("Skills") },
  { "office_id", CIVIC_FIELD_STRING, N_("Office") },
  { "age_group", CIVIC_FIELD_STRING, N_("Age group") },
  { "availability", CIVIC_FIELD_OBJECT, N_("Availability") },
  { "emergency_contact", CIVIC_FIELD_OBJECT, N_("Emergency contact") },
  { "consent", CIVIC_FIELD_OBJECT, N_("Consent") },
  { "joined_on", CIVIC_FIELD_STRING, N_("Joined") },
  { "active", CIVIC_FIELD_BOOLEAN, N_("Active") },
  { "notes", CIVIC_FIELD_STRING, N_("Notes") },
};

static const CivicChoice volunteer_age_groups[] = {
  { "youth", N_("Youth"), NULL, NULL },
  { "adult", N_("Adult"), NULL, NULL },
  { "senior", N_("Senior"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice availability_days[] = {
  { "weekday", N_("Weekdays"), NULL, NULL },
  { "weekend", N_("Weekends"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static const CivicChoice availability_times[] = {
  { "morning", N_("Mornings"), NULL, NULL },
  { "afternoon", N_("Afternoons"), NULL, NULL },
  { "evening", N_("Evenings"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

/* Words that, as a whole word of a member name, mark immigration status or
 * identity documents.  Matching whole words (split on '_', '-', ' ' and
 * case changes) keeps innocent names such as "supervisor" or "advisor".
 */
static const char * const forbidden_words[] = {
  "immigration", "immigrant", "citizenship", "citizen", "visa", "documented",
  "undocumented", "documents", "document", "documentation", "papers", "alien",
  "asylum", "refugee", "daca", "dacamented", "tps", "passport", "greencard",
  "anumber", "uscis", "ice", "ssn", "itin", "naturalization", "naturalized",
  "deportation", "deported", "residency", "nationality", "sevis", "i94",
  "ead", "parole", "removal",
};

/* Word pairs with the same meaning ("green_card", "a_number",
 * "work_permit", "legal_status", "immigration-status" is caught above).
 */
static const char * const forbidden_pairs[][2] = {
  { "green", "card" }, { "a", "number" }, { "alien", "number" }, { "work", "permit" },
  { "legal", "status" }, { "residence", "status" }, { "social", "security" },
  { "country", "birth" }, { "birth", "country" }, { "entry", "date" },
};

static GPtrArray *
split_words (const char *name)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      gboolean boundary = (*p == '_' || *p == '-' || *p == ' ' || *p == '.');
      gboolean upper = g_ascii_isupper (*p) && p > name && g_ascii_islower (p[-1]);

      if ((boundary || upper) && word->len > 0)
        {
          g_ptr_array_add (words, g_string_free (word, FALSE));
          word = g_string_new (NULL);
        }
      if (!boundary)
        g_string_append_c (word, g_ascii_tolower (*p));
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_string_free (word, FALSE));
  else
    g_string_free (word, TRUE);
  return words;
}

gboolean
civic_volunteer_is_forbidden_field (const char *name)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  words = split_words (name);
  for (guint i = 0; i < words->len; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      for (guint j = 0; j < G_N_ELEMENTS (forbidden_words); j++)
        if (g_str_equal (w, forbidden_words[j]))
          return TRUE;
      for (guint j = 0; i + 1 < words->len && j < G_N_ELEMENTS (forbidden_pairs); j++)
        if (g_str_equal (w, forbidden_pairs[j][0])
            && g_str_equal (g_ptr_array_index (words, i + 1), forbidden_pairs[j][1]))
          return TRUE;
    }
  /* Run-together names: "immigrationstatus", "anumber", "greencard". */
  g_ptr_array_add (words, NULL);
  joined = g_strjoinv ("", (char **) words->pdata);
  for (guint j = 0; j < G_N_ELEMENTS (forbidden_words); j++)
    if (strlen (forbidden_words[j]) >= 5 && strstr (joined, forbidden_words[j]) != NULL)
      return TRUE;
  return FALSE;
}

static void filter_node (JsonNode *node);

static void
filter_object (JsonObject *object)
{
  GList *members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (civic_volunteer_is_forbidden_field (name))
        {
          g_debug ("Dropping the forbidden volunteer field “%s”", name);
          json_object_remove_member (object, name);
        }
      else
        filter_node (json_object_get_member (object, name));
    }
  g_list_free (members);
}

static void
filter_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    filter_object (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        filter_node (json_array_get_element (array, i));
    }
}

static void
civic_volunteer_filter_json (CivicRecordClass *klass,
                             JsonObject       *data)
{
  /* "_id", "_rev" and "type" never match; everything else is checked. */
  filter_object (data);
}

static gboolean
has_text (CivicRecord *record,
          const char  *field)
{
  return !_civic_text_is_blank (civic_record_get_string (record, field));
}

static gboolean
civic_volunteer_validate (CivicRecord  *record,
                          GError      **error)
{
  const char *phone, *email;
  JsonObject *availability, *consent, *contact;

  if (!has_text (record, "given_name") && !has_text (record, "family_name") && !has_text (record, "name_ko"))
    return _civic_record_fail (record, error, "given_name", -1,
                               _("a volunteer needs a given name, a family name or a Korean name"));

  phone = civic_record_get_string (record, "phone");
  if (phone != NULL && *phone != '\0' && !civic_is_phone (phone))
    return _civic_record_fail (record, error, "phone", -1,
                               _("“%s” is not a phone number with at least 10 digits"), phone);
  email = civic_record_get_string (record, "email");
  if (email != NULL && *email != '\0' && !civic_is_email (email))
    return _civic_record_fail (record, error, "email", -1,
                               _("“%s” is not an e-mail address"), email);
  if (!_civic_record_check_choice (record, error, "age_group", volunteer_age_groups, FALSE, NULL)
      || !_civic_record_check_date (record, error, "joined_on", FALSE, NULL))
    return FALSE;

  availability = civic_record_get_object (record, "availability");
  if (availability != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (availability);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (availability, l->data);

          if (_civic_choice_find (availability_days, l->data) == NULL)
            return _civic_record_fail (record, error, "availability", -1,
                                       _("“%s” is not weekday or weekend"), (const char *) l->data);
          if (!JSON_NODE_HOLDS_ARRAY (node))
            return _civic_record_fail (record, error, "availability", -1,
                                       _("“%s” must list morning, afternoon or evening"), (const char *) l->data);
          for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
            {
              JsonNode *slot = json_array_get_element (json_node_get_array (node), i);

              if (!JSON_NODE_HOLDS_VALUE (slot) || json_node_get_value_type (slot) != G_TYPE_STRING
                  || _civic_choice_find (availability_times, json_node_get_string (slot)) == NULL)
                return _civic_record_fail (record, error, "availability", -1,
                                           _("“%s” must list morning, afternoon or evening"), (const char *) l->data);
            }
        }
    }

  consent = civic_record_get_object (record, "consent");
  if (consent != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (consent);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (consent, l->data);

          if (!JSON_NODE_HOLDS_NULL (node)
              && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
            return _civic_record_fail (record, error, "consent", -1,
                                       _("“%s” must be yes or no"), (const char *) l->data);
        }
    }

  contact = civic_record_get_object (record, "emergency_contact");
  if (contact != NULL)
    {
      const char *contact_phone = json_object_get_string_member_with_default (contact, "phone", NULL);

      if (contact_phone != NULL && *contact_phone != '\0' && !civic_is_phone (contact_phone))
        return _civic_record_fail (record, error, "emergency_contact", -1,
                                   _("“%s” is not a phone number with at least 10 digits"), contact_phone);
    }
  return TRUE;
}

static void
civic_volunteer_class_init (CivicVolunteerClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "volunteer";
  record_class->validate = civic_volunteer_validate;
  record_class->filter_json = civic_volunteer_filter_json;
  civic_record_class_install_fields (record_class, volunteer_fields, G_N_ELEMENTS (volunteer_fields));
}

static void
civic_volunteer_init (CivicVolunteer *self)
{
  JsonObject *data = _civic_record_get_data (CIVIC_RECORD (self));

  /* Defaults of a new record; a record read from JSON replaces them. */
  json_object_set_boolean_member (data, "active", TRUE);
}

CivicVolunteer *
civic_volunteer_new (void)
{
  return g_object_new (CIVIC_TYPE_VOLUNTEER, NULL);
}

const char * const *
civic_volunteer_age_group_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (volunteer_age_groups, &cache);
}

const char *
civic_volunteer_age_group_get_label (const char *age_group)
{
  return _civic_choice_label (volunteer_age_groups, age_group);
}

const char * const *
civic_availability_day_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (availability_days, &cache);
}

const char *
civic_availability_day_get_label (const char *day)
{
  return _civic_choice_label (availability_days, day);
}

const char * const *
civic_availability_time_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (availability_times, &cache);
}

const char *
civic_availability_time_get_label (const char *time)
{
  return _civic_choice_label (availability_times, time);
}

const char *
civic_volunteer_get_given_name (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "given_name");
}

void
civic_volunteer_set_given_name (CivicVolunteer *self,
                                const char *given_name)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "given_name", given_name);
}

const char *
civic_volunteer_get_family_name (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "family_name");
}

void
civic_volunteer_set_family_name (CivicVolunteer *self,
                                 const char *family_name)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "family_name", family_name);
}

const char *
civic_volunteer_get_name_ko (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "name_ko");
}

void
civic_volunteer_set_name_ko (CivicVolunteer *self,
                             const char *name_ko)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "name_ko", name_ko);
}

const char *
civic_volunteer_get_preferred_name (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "preferred_name");
}

void
civic_volunteer_set_preferred_name (CivicVolunteer *self,
                                    const char *preferred_name)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "preferred_name", preferred_name);
}

const char *
civic_volunteer_get_phone (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "phone");
}

void
civic_volunteer_set_phone (CivicVolunteer *self,
                           const char *phone)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "phone", phone);
}

const char *
civic_volunteer_get_email (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "email");
}

void
civic_volunteer_set_email (CivicVolunteer *self,
                           const char *email)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "email", email);
}

GStrv
civic_volunteer_dup_languages (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "languages");
}

void
civic_volunteer_set_languages (CivicVolunteer *self,
                               const char * const *languages)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_strv (CIVIC_RECORD (self), "languages", languages);
}

GStrv
civic_volunteer_dup_skills (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_dup_strv (CIVIC_RECORD (self), "skills");
}

void
civic_volunteer_set_skills (CivicVolunteer *self,
                            const char * const *skills)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_strv (CIVIC_RECORD (self), "skills", skills);
}

const char *
civic_volunteer_get_office_id (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "office_id");
}

void
civic_volunteer_set_office_id (CivicVolunteer *self,
                               const char *office_id)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "office_id", office_id);
}

const char *
civic_volunteer_get_age_group (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "age_group");
}

void
civic_volunteer_set_age_group (CivicVolunteer *self,
                               const char *age_group)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "age_group", age_group);
}

JsonObject *
civic_volunteer_get_availability (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "availability");
}

void
civic_volunteer_set_availability (CivicVolunteer *self,
                                  JsonObject *availability)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_object (CIVIC_RECORD (self), "availability", availability);
}

JsonObject *
civic_volunteer_get_emergency_contact (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "emergency_contact");
}

void
civic_volunteer_set_emergency_contact (CivicVolunteer *self,
                                       JsonObject *emergency_contact)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_object (CIVIC_RECORD (self), "emergency_contact", emergency_contact);
}

JsonObject *
civic_volunteer_get_consent (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_object (CIVIC_RECORD (self), "consent");
}

void
civic_volunteer_set_consent (CivicVolunteer *self,
                             JsonObject *consent)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_object (CIVIC_RECORD (self), "consent", consent);
}

const char *
civic_volunteer_get_joined_on (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "joined_on");
}

void
civic_volunteer_set_joined_on (CivicVolunteer *self,
                               const char *joined_on)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "joined_on", joined_on);
}

gboolean
civic_volunteer_get_active (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), TRUE);
  return civic_record_get_boolean (CIVIC_RECORD (self), "active", TRUE);
}

void
civic_volunteer_set_active (CivicVolunteer *self,
                            gboolean active)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_boolean (CIVIC_RECORD (self), "active", active);
}

const char *
civic_volunteer_get_notes (CivicVolunteer *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "notes");
}

void
civic_volunteer_set_notes (CivicVolunteer *self,
                           const char *notes)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER (self));
  civic_record_set_string (CIVIC_RECORD (self), "notes", notes);
}

char *
civic_volunteer_dup_display_name (CivicVolunteer *self)
{
  CivicRecord *record = CIVIC_RECORD (self);

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER (self), NULL);

  if (has_text (record, "preferred_name"))
    {
      if (has_text (record, "family_name"))
        return g_strdup_printf ("%s %s", civic_record_get_string (record, "preferred_name"),
                                civic_record_get_string (record, "family_name"));
      return g_strdup (civic_record_get_string (record, "preferred_name"));
    }
  if (has_text (record, "given_name") && has_text (record, "family_name"))
    return g_strdup_printf ("%s %s", civic_record_get_string (record, "given_name"),
                            civic_record_get_string (record, "family_name"));
  if (has_text (record, "given_name"))
    return g_strdup (civic_record_get_string (record, "given_name"));
  if (has_text (record, "family_name"))
    return g_strdup (civic_record_get_string (record, "family_name"));
  if (has_text (record, "name_ko"))
    return g_strdup (civic_record_get_string (record, "name_ko"));
  return g_strdup ("");
}
