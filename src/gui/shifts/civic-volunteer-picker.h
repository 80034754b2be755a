/* civic-volunteer-picker.h — choose a volunteer for a shift, best fits first
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-shift.h"
#include "civic-store.h"

G_BEGIN_DECLS

typedef struct {
  char     *volunteer_id;
  char     *name;
  char     *reason;     /* "Speaks Korean · available weekday evenings" */
  char     *booked;     /* the overlapping shift, or NULL */
  int       score;
} CivicPickerCandidate;

#define CIVIC_TYPE_VOLUNTEER_PICKER (civic_volunteer_picker_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteerPicker, civic_volunteer_picker, CIVIC, VOLUNTEER_PICKER, AdwWindow)

/* A picker for @shift on @occurrence (%NULL for a one-off event), whose
 * event's zone is @tzid.  Emits ::chosen (volunteer id) when the person
 * picks someone, after a warning for an overlapping booking; ::ready once
 * the volunteers are loaded.
 */
CivicVolunteerPicker *civic_volunteer_picker_new            (CivicStore           *store,
                                                            CivicShift           *shift,
                                                            const char           *occurrence,
                                                            const char           *tzid,
                                                            GtkWindow            *parent);
void                  civic_volunteer_picker_set_query      (CivicVolunteerPicker *self,
                                                            const char           *query);
/* The candidates shown now, best first (CivicPickerCandidate*, borrowed). */
GPtrArray            *civic_volunteer_picker_get_candidates (CivicVolunteerPicker *self);
/* Picks @volunteer_id: emits ::chosen at once, or first shows (and
 * returns) a warning dialog when the person is booked at an overlapping
 * time; its "add" response goes on to ::chosen.
 */
AdwMessageDialog     *civic_volunteer_picker_choose         (CivicVolunteerPicker *self,
                                                            const char           *volunteer_id);

G_END_DECLS
