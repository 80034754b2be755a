/* civic-lazy-page.h — a page of the window's stack that builds its content when first shown
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIVIC_TYPE_LAZY_PAGE (civic_lazy_page_get_type ())
G_DECLARE_FINAL_TYPE (CivicLazyPage, civic_lazy_page, CIVIC, LAZY_PAGE, AdwBin)

/* The page proper, of @self's "page-type", made now if it was not yet. */
GtkWidget *civic_lazy_page_get_page    (CivicLazyPage *self);
/* The page proper if it was made already, else %NULL. */
GtkWidget *civic_lazy_page_peek_page   (CivicLazyPage *self);

G_END_DECLS
