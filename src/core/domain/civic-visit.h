/* civic-visit.h — a meeting with a legislator or their staff
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: legislator_id, occurs_at (UTC instant), format (district_office,
 * capitol, virtual, phone, town_hall, hearing), met_with {"kind":
 * "member"|"staff", "name": the staffer's name}, attendees [{volunteer_id,
 * role: leader|asker|storyteller|note_taker|interpreter, constituent}],
 * issues, bills, ask, position (support, lean_support, undecided,
 * lean_oppose, oppose, unknown), commitments, notes, follow_ups [{task,
 * owner_id, due_on (date), done_at (instant)}], campaign_id, event_id,
 * office_id.
 * Rules: a legislator_id and occurs_at; known format, position and met_with
 * kind when set; every attendee names a volunteer and has a known role when
 * set; every follow-up has a task and valid dates.  A new visit's position
 * is "unknown".
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VISIT (civic_visit_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisit, civic_visit, CIVIC, VISIT, CivicRecord)

/* A new, unsaved visit with the type's defaults. */
CivicVisit *civic_visit_new (void);

/* Visit formats. */
const char * const * civic_visit_format_list                  (void);
const char *         civic_visit_format_get_label             (const char *format);

/* Positions a visit records, with a colour for charts and chips. */
const char * const * civic_visit_position_list                (void);
const char *         civic_visit_position_get_label           (const char *position);
const char *         civic_visit_position_get_color           (const char *position);

/* Roles of the people on a visit. */
const char * const * civic_visit_attendee_role_list           (void);
const char *         civic_visit_attendee_role_get_label      (const char *role);

/* Whom a visit met: the member or their staff. */
const char * const * civic_visit_met_with_list                (void);
const char *         civic_visit_met_with_get_label           (const char *kind);

const char *         civic_visit_get_legislator_id            (CivicVisit *self);
void                 civic_visit_set_legislator_id            (CivicVisit *self, const char *legislator_id);
const char *         civic_visit_get_occurs_at                (CivicVisit *self);
void                 civic_visit_set_occurs_at                (CivicVisit *self, const char *occurs_at);
const char *         civic_visit_get_format                   (CivicVisit *self);
void                 civic_visit_set_format                   (CivicVisit *self, const char *format);
JsonObject *         civic_visit_get_met_with                 (CivicVisit *self);
void                 civic_visit_set_met_with                 (CivicVisit *self, JsonObject *met_with);
JsonArray *          civic_visit_get_attendees                (CivicVisit *self);
void                 civic_visit_set_attendees                (CivicVisit *self, JsonArray *attendees);
GStrv                civic_visit_dup_issues                   (CivicVisit *self);
void                 civic_visit_set_issues                   (CivicVisit *self, const char * const *issues);
GStrv                civic_visit_dup_bills                    (CivicVisit *self);
void                 civic_visit_set_bills                    (CivicVisit *self, const char * const *bills);
const char *         civic_visit_get_ask                      (CivicVisit *self);
void                 civic_visit_set_ask                      (CivicVisit *self, const char *ask);
const char *         civic_visit_get_position                 (CivicVisit *self);
void                 civic_visit_set_position                 (CivicVisit *self, const char *position);
const char *         civic_visit_get_commitments              (CivicVisit *self);
void                 civic_visit_set_commitments              (CivicVisit *self, const char *commitments);
const char *         civic_visit_get_notes                    (CivicVisit *self);
void                 civic_visit_set_notes                    (CivicVisit *self, const char *notes);
JsonArray *          civic_visit_get_follow_ups               (CivicVisit *self);
void                 civic_visit_set_follow_ups               (CivicVisit *self, JsonArray *follow_ups);
const char *         civic_visit_get_campaign_id              (CivicVisit *self);
void                 civic_visit_set_campaign_id              (CivicVisit *self, const char *campaign_id);
const char *         civic_visit_get_event_id                 (CivicVisit *self);
void                 civic_visit_set_event_id                 (CivicVisit *self, const char *event_id);
const char *         civic_visit_get_office_id                (CivicVisit *self);
void                 civic_visit_set_office_id                (CivicVisit *self, const char *office_id);

G_END_DECLS
