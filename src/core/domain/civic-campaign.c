/* civic-campaign.c — a named push with a season and goals
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-campaign"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-campaign.h"

struct _CivicCampaign
{
  CivicRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CivicCampaign, civic_campaign, CIVIC_TYPE_RECORD)

static const CivicFieldSpec campaign_fields[] = {
  { "name", CIVIC_FIELD_STRING, N_("Name") },
  { "starts_on", CIVIC_FIELD_STRING, N_("Starts") },
  { "ends_on", CIVIC_FIELD_STRING, N_("Ends") },
  { "description", CIVIC_FIELD_STRING, N_("Description") },
  { "goals", CIVIC_FIELD_ARRAY, N_("Goals") },
};

static const CivicChoice campaign_metrics[] = {
  { "calls", N_("Calls"), NULL, NULL },
  { "contacts", N_("Contacts"), NULL, NULL },
  { "registrations", N_("Registrations"), NULL, NULL },
  { "attendees", N_("Attendees"), NULL, NULL },
  { "visits", N_("Visits"), NULL, NULL },
  { "volunteer_hours", N_("Volunteer hours"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

static gboolean
civic_campaign_validate (CivicRecord  *record,
                         GError      **error)
{
  JsonArray *goals;

  if (!_civic_record_require_text (record, error, "name", _("a campaign needs a name"))
      || !_civic_record_check_date (record, error, "starts_on", FALSE, NULL)
      || !_civic_record_check_date (record, error, "ends_on", FALSE, NULL)
      || !_civic_record_check_order (record, error, "starts_on", "ends_on", FALSE,
                                     _("the end is before the start")))
    return FALSE;

  goals = civic_record_get_array (record, "goals");
  for (guint i = 0; goals != NULL && i < json_array_get_length (goals); i++)
    {
      JsonObject *goal = json_array_get_object_element (goals, i);
      const char *metric = json_object_get_string_member_with_default (goal, "metric", NULL);
      JsonNode *target = json_object_get_member (goal, "target");

      if (metric == NULL || _civic_choice_find (campaign_metrics, metric) == NULL)
        return _civic_record_fail (record, error, "goals", (int) i,
                                   _("goal %u needs a known metric"), i + 1);
      if (target == NULL || !JSON_NODE_HOLDS_VALUE (target)
          || json_node_get_value_type (target) != G_TYPE_INT64 || json_node_get_int (target) < 0)
        return _civic_record_fail (record, error, "goals", (int) i,
                                   _("goal %u needs a target of zero or more"), i + 1);
    }
  return TRUE;
}

static void
civic_campaign_class_init (CivicCampaignClass *klass)
{
  CivicRecordClass *record_class = CIVIC_RECORD_CLASS (klass);

  record_class->type_name = "campaign";
  record_class->validate = civic_campaign_validate;
  civic_record_class_install_fields (record_class, campaign_fields, G_N_ELEMENTS (campaign_fields));
}

static void
civic_campaign_init (CivicCampaign *self)
{
}

CivicCampaign *
civic_campaign_new (void)
{
  return g_object_new (CIVIC_TYPE_CAMPAIGN, NULL);
}

const char * const *
civic_campaign_metric_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (campaign_metrics, &cache);
}

const char *
civic_campaign_metric_get_label (const char *metric)
{
  return _civic_choice_label (campaign_metrics, metric);
}

const char *
civic_campaign_get_name (CivicCampaign *self)
{
  g_return_val_if_fail (CIVIC_IS_CAMPAIGN (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "name");
}

void
civic_campaign_set_name (CivicCampaign *self,
                         const char *name)
{
  g_return_if_fail (CIVIC_IS_CAMPAIGN (self));
  civic_record_set_string (CIVIC_RECORD (self), "name", name);
}

const char *
civic_campaign_get_starts_on (CivicCampaign *self)
{
  g_return_val_if_fail (CIVIC_IS_CAMPAIGN (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "starts_on");
}

void
civic_campaign_set_starts_on (CivicCampaign *self,
                              const char *starts_on)
{
  g_return_if_fail (CIVIC_IS_CAMPAIGN (self));
  civic_record_set_string (CIVIC_RECORD (self), "starts_on", starts_on);
}

const char *
civic_campaign_get_ends_on (CivicCampaign *self)
{
  g_return_val_if_fail (CIVIC_IS_CAMPAIGN (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "ends_on");
}

void
civic_campaign_set_ends_on (CivicCampaign *self,
                            const char *ends_on)
{
  g_return_if_fail (CIVIC_IS_CAMPAIGN (self));
  civic_record_set_string (CIVIC_RECORD (self), "ends_on", ends_on);
}

const char *
civic_campaign_get_description (CivicCampaign *self)
{
  g_return_val_if_fail (CIVIC_IS_CAMPAIGN (self), NULL);
  return civic_record_get_string (CIVIC_RECORD (self), "description");
}

void
civic_campaign_set_description (CivicCampaign *self,
                                const char *description)
{
  g_return_if_fail (CIVIC_IS_CAMPAIGN (self));
  civic_record_set_string (CIVIC_RECORD (self), "description", description);
}

JsonArray *
civic_campaign_get_goals (CivicCampaign *self)
{
  g_return_val_if_fail (CIVIC_IS_CAMPAIGN (self), NULL);
  return civic_record_get_array (CIVIC_RECORD (self), "goals");
}

void
civic_campaign_set_goals (CivicCampaign *self,
                          JsonArray *goals)
{
  g_return_if_fail (CIVIC_IS_CAMPAIGN (self));
  civic_record_set_array (CIVIC_RECORD (self), "goals", goals);
}

