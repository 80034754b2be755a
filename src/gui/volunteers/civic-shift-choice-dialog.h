/* civic-shift-choice-dialog.h — choose one of the next two weeks' shifts
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_SHIFT_CHOICE_DIALOG (civic_shift_choice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivicShiftChoiceDialog, civic_shift_choice_dialog, CIVIC, SHIFT_CHOICE_DIALOG, AdwMessageDialog)

/* Lists the shifts of the next 14 days (occurrences of repeating events
 * included) and emits ::shift-chosen (shift id, occurrence or %NULL) when
 * the person picks one and confirms.
 */
CivicShiftChoiceDialog *civic_shift_choice_dialog_new (CivicStore *store,
                                                       GtkWindow  *parent);

G_END_DECLS
