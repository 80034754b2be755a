/* civic-shifts-section.h — an event's shifts, their signups and waitlists
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SHIFTS_SECTION (civic_shifts_section_get_type ())
G_DECLARE_FINAL_TYPE (CivicShiftsSection, civic_shifts_section, CIVIC, SHIFTS_SECTION, AdwBin)

/* @event_id: the event whose shifts to show; @occurrence: the occurrence's
 * date ("YYYY-MM-DD") of a repeating event, or %NULL for the event's first
 * (or only) day.  With @read_only every edit action is disabled.
 */
GtkWidget *civic_shifts_section_new (CivicStore *store,
                                     const char *event_id,
                                     const char *occurrence,
                                     gboolean    read_only);

G_END_DECLS
