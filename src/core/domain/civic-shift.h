/* civic-shift.h — a slot of work at an event
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: event_id, role (phone_banker, canvasser, registration_table,
 * interpreter, check_in, setup, driver, note_taker, speaker, other, or free
 * text), starts_at, ends_at (UTC instants), capacity, languages_needed,
 * skills_needed, notes.  A shift of a repeating event repeats with it: its
 * times are those of the first occurrence, and a signup names the occurrence.
 * Rules: an event_id and a role; a start and an end after it; capacity ≥ 1.
 * A new shift has capacity 1.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SHIFT (civic_shift_get_type ())
G_DECLARE_FINAL_TYPE (CivicShift, civic_shift, CIVIC, SHIFT, CivicRecord)

/* A new, unsaved shift with the type's defaults. */
CivicShift *civic_shift_new (void);

/* Shift roles; a free-text role is its own label. */
const char * const * civic_shift_role_list                    (void);
const char *         civic_shift_role_get_label               (const char *role);

const char *         civic_shift_get_event_id                 (CivicShift *self);
void                 civic_shift_set_event_id                 (CivicShift *self, const char *event_id);
const char *         civic_shift_get_role                     (CivicShift *self);
void                 civic_shift_set_role                     (CivicShift *self, const char *role);
const char *         civic_shift_get_starts_at                (CivicShift *self);
void                 civic_shift_set_starts_at                (CivicShift *self, const char *starts_at);
const char *         civic_shift_get_ends_at                  (CivicShift *self);
void                 civic_shift_set_ends_at                  (CivicShift *self, const char *ends_at);
int                  civic_shift_get_capacity                 (CivicShift *self);
void                 civic_shift_set_capacity                 (CivicShift *self, int capacity);
GStrv                civic_shift_dup_languages_needed         (CivicShift *self);
void                 civic_shift_set_languages_needed         (CivicShift *self, const char * const *languages_needed);
GStrv                civic_shift_dup_skills_needed            (CivicShift *self);
void                 civic_shift_set_skills_needed            (CivicShift *self, const char * const *skills_needed);
const char *         civic_shift_get_notes                    (CivicShift *self);
void                 civic_shift_set_notes                    (CivicShift *self, const char *notes);

/* The shift's length in seconds (0 when a time is missing or unparsable). */
gint64               civic_shift_get_duration                 (CivicShift *self);

G_END_DECLS
