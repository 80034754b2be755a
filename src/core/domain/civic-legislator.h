/* civic-legislator.h — an elected official
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: name, chamber (us_house, us_senate, state_assembly, state_senate,
 * county, city), state, district, party, offices [{kind: capitol|district,
 * address, phone}], staff [{name, title, email, phone, issues}], committees,
 * ids {bioguide, openstates}.
 * Rules: a name; a known chamber; office kinds known; every staffer has a
 * name; ids are text.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_LEGISLATOR (civic_legislator_get_type ())
G_DECLARE_FINAL_TYPE (CivicLegislator, civic_legislator, CIVIC, LEGISLATOR, CivicRecord)

/* A new, unsaved legislator with the type's defaults. */
CivicLegislator *civic_legislator_new (void);

/* Chambers and their labels. */
const char * const * civic_legislator_chamber_list            (void);
const char *         civic_legislator_chamber_get_label       (const char *chamber);

/* Kinds of a legislator's office. */
const char * const * civic_legislator_office_kind_list        (void);
const char *         civic_legislator_office_kind_get_label   (const char *kind);

const char *         civic_legislator_get_name                (CivicLegislator *self);
void                 civic_legislator_set_name                (CivicLegislator *self, const char *name);
const char *         civic_legislator_get_chamber             (CivicLegislator *self);
void                 civic_legislator_set_chamber             (CivicLegislator *self, const char *chamber);
const char *         civic_legislator_get_state               (CivicLegislator *self);
void                 civic_legislator_set_state               (CivicLegislator *self, const char *state);
const char *         civic_legislator_get_district            (CivicLegislator *self);
void                 civic_legislator_set_district            (CivicLegislator *self, const char *district);
const char *         civic_legislator_get_party               (CivicLegislator *self);
void                 civic_legislator_set_party               (CivicLegislator *self, const char *party);
JsonArray *          civic_legislator_get_offices             (CivicLegislator *self);
void                 civic_legislator_set_offices             (CivicLegislator *self, JsonArray *offices);
JsonArray *          civic_legislator_get_staff               (CivicLegislator *self);
void                 civic_legislator_set_staff               (CivicLegislator *self, JsonArray *staff);
GStrv                civic_legislator_dup_committees          (CivicLegislator *self);
void                 civic_legislator_set_committees          (CivicLegislator *self, const char * const *committees);
JsonObject *         civic_legislator_get_ids                 (CivicLegislator *self);
void                 civic_legislator_set_ids                 (CivicLegislator *self, JsonObject *ids);

G_END_DECLS
