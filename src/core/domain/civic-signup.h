/* civic-signup.h — one volunteer in one shift (of one occurrence)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: shift_id, volunteer_id, occurrence (for a repeating event, the
 * occurrence's start date "YYYY-MM-DD"; a UTC instant is accepted too),
 * status, signed_up_at, checked_in_at, checked_out_at (UTC instants), source
 * (office, phone, walk_in, import, self), notes.
 * Statuses: invited → scheduled → confirmed → completed | no_show; walk_in;
 * declined and cancelled from any state (civic-derived.h checks
 * transitions).  The waitlist and hours are derived (civic-derived.h).
 * Rules: a shift_id, a volunteer_id, a known status, a known source when
 * set, valid instants and occurrence, checked_out_at not before
 * checked_in_at.  A new signup is "scheduled"; saving stamps signed_up_at
 * when it is missing.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SIGNUP (civic_signup_get_type ())
G_DECLARE_FINAL_TYPE (CivicSignup, civic_signup, CIVIC, SIGNUP, CivicRecord)

/* A new, unsaved signup with the type's defaults. */
CivicSignup *civic_signup_new (void);

/* Signup statuses, with a label and a colour for status chips. */
const char * const * civic_signup_status_list                 (void);
const char *         civic_signup_status_get_label            (const char *status);
const char *         civic_signup_status_get_color            (const char *status);

/* Where a signup came from. */
const char * const * civic_signup_source_list                 (void);
const char *         civic_signup_source_get_label            (const char *source);

const char *         civic_signup_get_shift_id                (CivicSignup *self);
void                 civic_signup_set_shift_id                (CivicSignup *self, const char *shift_id);
const char *         civic_signup_get_volunteer_id            (CivicSignup *self);
void                 civic_signup_set_volunteer_id            (CivicSignup *self, const char *volunteer_id);
const char *         civic_signup_get_occurrence              (CivicSignup *self);
void                 civic_signup_set_occurrence              (CivicSignup *self, const char *occurrence);
const char *         civic_signup_get_status                  (CivicSignup *self);
void                 civic_signup_set_status                  (CivicSignup *self, const char *status);
const char *         civic_signup_get_signed_up_at            (CivicSignup *self);
void                 civic_signup_set_signed_up_at            (CivicSignup *self, const char *signed_up_at);
const char *         civic_signup_get_checked_in_at           (CivicSignup *self);
void                 civic_signup_set_checked_in_at           (CivicSignup *self, const char *checked_in_at);
const char *         civic_signup_get_checked_out_at          (CivicSignup *self);
void                 civic_signup_set_checked_out_at          (CivicSignup *self, const char *checked_out_at);
const char *         civic_signup_get_source                  (CivicSignup *self);
void                 civic_signup_set_source                  (CivicSignup *self, const char *source);
const char *         civic_signup_get_notes                   (CivicSignup *self);
void                 civic_signup_set_notes                   (CivicSignup *self, const char *notes);

G_END_DECLS
