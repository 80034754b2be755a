/* civic-agenda-view.h — upcoming occurrences as a list grouped by day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "civic-calendar-item.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_AGENDA_VIEW (civic_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (CivicAgendaView, civic_agenda_view, CIVIC, AGENDA_VIEW, GtkWidget)

GtkWidget  *civic_agenda_view_new        (void);
/* @items: CivicCalendarItem*, any order. */
void        civic_agenda_view_set_items  (CivicAgendaView *self,
                                          GPtrArray       *items);
/* The rows: a GListModel of CivicAgendaRow (day headers and occurrences). */
GListModel *civic_agenda_view_get_model  (CivicAgendaView *self);

#define CIVIC_TYPE_AGENDA_ROW (civic_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (CivicAgendaRow, civic_agenda_row, CIVIC, AGENDA_ROW, GObject)

/* A day header has a date and no item. */
CivicCalendarItem *civic_agenda_row_get_item (CivicAgendaRow *self);
GDateTime         *civic_agenda_row_get_day  (CivicAgendaRow *self);

G_END_DECLS
