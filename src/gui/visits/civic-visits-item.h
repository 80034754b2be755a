/* civic-visits-item.h — a list item that carries one row of the Visits page's tables
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page's lists (legislators, follow-ups, whip count, lobby days) hold
 * plain C structs from the legislative core; a GListModel needs objects,
 * so each row is wrapped in one of these, which owns the struct (or not,
 * when @destroy is %NULL).
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_VISITS_ITEM (civic_visits_item_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitsItem, civic_visits_item, CIVIC, VISITS_ITEM, GObject)

CivicVisitsItem *civic_visits_item_new      (gpointer        data,
                                             GDestroyNotify  destroy);
gpointer         civic_visits_item_get_data (CivicVisitsItem *self);

G_END_DECLS
