/* civic-checkin-window-private.h — what the tests reach inside check-in mode
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-checkin-window.h"
#include "civic-checkin.h"

G_BEGIN_DECLS

GtkEditable      *_civic_checkin_window_get_search       (CivicCheckinWindow *self);
GtkEditable      *_civic_checkin_window_get_walk_in_name  (CivicCheckinWindow *self);
GtkEditable      *_civic_checkin_window_get_walk_in_phone (CivicCheckinWindow *self);
GtkLabel         *_civic_checkin_window_get_counter      (CivicCheckinWindow *self);
GtkLabel         *_civic_checkin_window_get_match_label  (CivicCheckinWindow *self);
/* The loaded day, or %NULL before the first load. */
CivicCheckinList *_civic_checkin_window_get_list         (CivicCheckinWindow *self);
/* Opens the event day (what choosing one of today's events does). */
void              _civic_checkin_window_open_event       (CivicCheckinWindow *self,
                                                          const char         *event_id,
                                                          const char         *date);

G_END_DECLS
