/* civic-volunteer.h — a person who gives time
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: given_name, family_name, name_ko (Hangul, family name first),
 * preferred_name, phone, email, languages, skills, office_id, age_group
 * (youth, adult, senior), availability, emergency_contact {name, phone,
 * relationship}, consent {contact, sms, photo} (booleans), joined_on (date),
 * active, notes.
 * availability is {"weekday": [slots], "weekend": [slots]} with slots among
 * morning, afternoon, evening.
 * A volunteer never holds immigration status, documents or anything of the
 * kind: any member whose name says so (immigration_status,
 * citizenship_status, visa_status, documented, a_number, …), at any depth,
 * is dropped when a document is read and when it is written.
 * Rules: at least one of given_name, family_name, name_ko; a phone with at
 * least 10 digits (spaces, ()-. and a leading + allowed); an e-mail address;
 * a known age group; a valid availability; consent values true/false.
 * A new volunteer is active.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VOLUNTEER (civic_volunteer_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteer, civic_volunteer, CIVIC, VOLUNTEER, CivicRecord)

/* A new, unsaved volunteer with the type's defaults. */
CivicVolunteer *civic_volunteer_new (void);

/* Age groups: youth, adult, senior. */
const char * const * civic_volunteer_age_group_list           (void);
const char *         civic_volunteer_age_group_get_label      (const char *age_group);

/* Parts of the week in availability. */
const char * const * civic_availability_day_list              (void);
const char *         civic_availability_day_get_label         (const char *day);

/* Parts of the day in availability. */
const char * const * civic_availability_time_list             (void);
const char *         civic_availability_time_get_label        (const char *time);

const char *         civic_volunteer_get_given_name           (CivicVolunteer *self);
void                 civic_volunteer_set_given_name           (CivicVolunteer *self, const char *given_name);
const char *         civic_volunteer_get_family_name          (CivicVolunteer *self);
void                 civic_volunteer_set_family_name          (CivicVolunteer *self, const char *family_name);
const char *         civic_volunteer_get_name_ko              (CivicVolunteer *self);
void                 civic_volunteer_set_name_ko              (CivicVolunteer *self, const char *name_ko);
const char *         civic_volunteer_get_preferred_name       (CivicVolunteer *self);
void                 civic_volunteer_set_preferred_name       (CivicVolunteer *self, const char *preferred_name);
const char *         civic_volunteer_get_phone                (CivicVolunteer *self);
void                 civic_volunteer_set_phone                (CivicVolunteer *self, const char *phone);
const char *         civic_volunteer_get_email                (CivicVolunteer *self);
void                 civic_volunteer_set_email                (CivicVolunteer *self, const char *email);
GStrv                civic_volunteer_dup_languages            (CivicVolunteer *self);
void                 civic_volunteer_set_languages            (CivicVolunteer *self, const char * const *languages);
GStrv                civic_volunteer_dup_skills               (CivicVolunteer *self);
void                 civic_volunteer_set_skills               (CivicVolunteer *self, const char * const *skills);
const char *         civic_volunteer_get_office_id            (CivicVolunteer *self);
void                 civic_volunteer_set_office_id            (CivicVolunteer *self, const char *office_id);
const char *         civic_volunteer_get_age_group            (CivicVolunteer *self);
void                 civic_volunteer_set_age_group            (CivicVolunteer *self, const char *age_group);
JsonObject *         civic_volunteer_get_availability         (CivicVolunteer *self);
void                 civic_volunteer_set_availability         (CivicVolunteer *self, JsonObject *availability);
JsonObject *         civic_volunteer_get_emergency_contact    (CivicVolunteer *self);
void                 civic_volunteer_set_emergency_contact    (CivicVolunteer *self, JsonObject *emergency_contact);
JsonObject *         civic_volunteer_get_consent              (CivicVolunteer *self);
void                 civic_volunteer_set_consent              (CivicVolunteer *self, JsonObject *consent);
const char *         civic_volunteer_get_joined_on            (CivicVolunteer *self);
void                 civic_volunteer_set_joined_on            (CivicVolunteer *self, const char *joined_on);
gboolean             civic_volunteer_get_active               (CivicVolunteer *self);
void                 civic_volunteer_set_active               (CivicVolunteer *self, gboolean active);
const char *         civic_volunteer_get_notes                (CivicVolunteer *self);
void                 civic_volunteer_set_notes                (CivicVolunteer *self, const char *notes);

/* The name to show: preferred name, else "given family", else name_ko;
 * transfer full.
 */
char                *civic_volunteer_dup_display_name         (CivicVolunteer *self);
/* TRUE if a member named @name must never be stored on a volunteer
 * (immigration status, documents, …).
 */
gboolean             civic_volunteer_is_forbidden_field       (const char *name);

G_END_DECLS
