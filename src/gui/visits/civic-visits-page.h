/* civic-visits-page.h — the Visits page of the main window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VISITS_PAGE (civic_visits_page_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitsPage, civic_visits_page, CIVIC, VISITS_PAGE, AdwBin)

CivicStore *civic_visits_page_get_store     (CivicVisitsPage *self);
void        civic_visits_page_set_store     (CivicVisitsPage *self,
                                             CivicStore      *store);
gboolean    civic_visits_page_get_read_only (CivicVisitsPage *self);
void        civic_visits_page_set_read_only (CivicVisitsPage *self,
                                             gboolean         read_only);

G_END_DECLS
