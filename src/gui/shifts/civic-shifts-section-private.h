/* civic-shifts-section-private.h — what the tests reach inside the shifts section
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-shifts-section.h"
#include "civic-volunteer-picker.h"

G_BEGIN_DECLS

/* The shifts shown, by start (a new array of ids). */
GStrv                 _civic_shifts_section_dup_shift_ids   (CivicShiftsSection *self);
/* "filled/capacity" as the section shows it, or %NULL for an unknown shift. */
const char           *_civic_shifts_section_get_filled_text (CivicShiftsSection *self,
                                                             const char         *shift_id);
/* Signup ids holding a place, and on the waitlist in order. */
GStrv                 _civic_shifts_section_dup_in          (CivicShiftsSection *self,
                                                             const char         *shift_id);
GStrv                 _civic_shifts_section_dup_waitlist    (CivicShiftsSection *self,
                                                             const char         *shift_id);
/* The signup ids that moved up from the waitlist at the last load. */
GStrv                 _civic_shifts_section_dup_promoted    (CivicShiftsSection *self);
/* What "Add Volunteer" opens. */
CivicVolunteerPicker *_civic_shifts_section_open_picker     (CivicShiftsSection *self,
                                                             const char         *shift_id);

G_END_DECLS
