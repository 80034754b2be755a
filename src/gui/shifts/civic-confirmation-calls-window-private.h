/* civic-confirmation-calls-window-private.h — what the tests reach inside
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-confirmation-calls-window.h"

G_BEGIN_DECLS

GtkListBox         *_civic_confirmation_calls_window_get_list_box       (CivicConfirmationCallsWindow *self);
GtkEventController *_civic_confirmation_calls_window_get_key_controller (CivicConfirmationCallsWindow *self);
GtkSpinButton      *_civic_confirmation_calls_window_get_days           (CivicConfirmationCallsWindow *self);
/* Lists from @from instead of now (the demo organization's "today"). */
void                _civic_confirmation_calls_window_set_from           (CivicConfirmationCallsWindow *self,
                                                                         GDateTime                    *from);

G_END_DECLS
