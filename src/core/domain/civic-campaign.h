/* civic-campaign.h — a named push with a season and goals
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: {"type": "campaign", "name", "starts_on", "ends_on" (dates),
 * "description", "goals": [{"metric", "target"}]}.  Metrics: calls, contacts,
 * registrations, attendees, visits, volunteer_hours.  Progress is derived,
 * never stored.
 * Rules: a name; dates valid and starts_on ≤ ends_on; each goal has a known
 * metric and a whole target ≥ 0.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_CAMPAIGN (civic_campaign_get_type ())
G_DECLARE_FINAL_TYPE (CivicCampaign, civic_campaign, CIVIC, CAMPAIGN, CivicRecord)

/* A new, unsaved campaign with the type's defaults. */
CivicCampaign *civic_campaign_new (void);

/* Goal metrics (calls, contacts, …) and their labels. */
const char * const * civic_campaign_metric_list               (void);
const char *         civic_campaign_metric_get_label          (const char *metric);

const char *         civic_campaign_get_name                  (CivicCampaign *self);
void                 civic_campaign_set_name                  (CivicCampaign *self, const char *name);
const char *         civic_campaign_get_starts_on             (CivicCampaign *self);
void                 civic_campaign_set_starts_on             (CivicCampaign *self, const char *starts_on);
const char *         civic_campaign_get_ends_on               (CivicCampaign *self);
void                 civic_campaign_set_ends_on               (CivicCampaign *self, const char *ends_on);
const char *         civic_campaign_get_description           (CivicCampaign *self);
void                 civic_campaign_set_description           (CivicCampaign *self, const char *description);
JsonArray *          civic_campaign_get_goals                 (CivicCampaign *self);
void                 civic_campaign_set_goals                 (CivicCampaign *self, JsonArray *goals);

G_END_DECLS
