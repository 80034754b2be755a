/* civic-hours-dialog.h — hours per volunteer for a date range or a campaign
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_HOURS_DIALOG (civic_hours_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivicHoursDialog, civic_hours_dialog, CIVIC, HOURS_DIALOG, AdwWindow)

/* @campaign_id (nullable) is chosen at first. */
CivicHoursDialog *civic_hours_dialog_new        (CivicStore       *store,
                                                 GtkWindow        *parent,
                                                 const char       *campaign_id);
/* Shows the report for [@from, @to] (dates, inclusive, each nullable) and
 * @campaign_id (nullable), computed in a thread; ::shown follows.
 */
void              civic_hours_dialog_show_range (CivicHoursDialog *self,
                                                 const char       *from,
                                                 const char       *to,
                                                 const char       *campaign_id);
/* The rows shown (CivicHoursRow*, see civic-roster-export.h), or %NULL. */
GPtrArray        *civic_hours_dialog_get_rows   (CivicHoursDialog *self);

G_END_DECLS
