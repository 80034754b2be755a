/* civic-volunteers-page.h — the Volunteers page of the main window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VOLUNTEERS_PAGE (civic_volunteers_page_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteersPage, civic_volunteers_page, CIVIC, VOLUNTEERS_PAGE, AdwBin)

CivicStore *civic_volunteers_page_get_store     (CivicVolunteersPage *self);
void        civic_volunteers_page_set_store     (CivicVolunteersPage *self,
                                                 CivicStore          *store);
gboolean    civic_volunteers_page_get_read_only (CivicVolunteersPage *self);
void        civic_volunteers_page_set_read_only (CivicVolunteersPage *self,
                                                 gboolean             read_only);

G_END_DECLS
