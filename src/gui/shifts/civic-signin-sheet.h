/* civic-signin-sheet.h — the printed sign-in sheet of a shift or an event day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-checkin.h"
#include "civic-store.h"

G_BEGIN_DECLS

/* Loads the day @date ("YYYY-MM-DD"; %NULL: today) of @event_id in a
 * worker thread, then opens the print dialog for its sign-in sheet: every
 * expected person of the day, or of @shift_id only when it is set.
 */
void               civic_signin_sheet_print      (CivicStore       *store,
                                                  const char       *event_id,
                                                  const char       *date,
                                                  const char       *shift_id,
                                                  GtkWindow        *parent);
/* A print operation for an already loaded @list (for tests and the
 * check-in window, which holds one).  Transfer full.
 */
GtkPrintOperation *civic_signin_sheet_operation_new (CivicCheckinList *list,
                                                     const char       *title,
                                                     const char       *shift_id);

G_END_DECLS
