/* civic-layout-cache.h — shaped text the calendar views draw again and again
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  CIVIC_LAYOUT_PLAIN  = 0,
  CIVIC_LAYOUT_STRIKE = 1 << 0,
  CIVIC_LAYOUT_BOLD   = 1 << 1,
  CIVIC_LAYOUT_WRAP   = 1 << 2,   /* wrap words into @height, else one ellipsized line */
} CivicLayoutFlags;

typedef struct _CivicLayoutCache CivicLayoutCache;

CivicLayoutCache *civic_layout_cache_new   (GtkWidget        *widget);
void              civic_layout_cache_free  (CivicLayoutCache *self);
/* A layout of @text ellipsized at @width pixels (and, with WRAP, at
 * @height pixels; @height < 0 for none), shaped once for as long as the
 * cache keeps it.  Owned by the cache: use it at once, before the next
 * call.
 */
PangoLayout      *civic_layout_cache_get   (CivicLayoutCache *self,
                                            const char       *text,
                                            double            width,
                                            double            height,
                                            CivicLayoutFlags  flags);

/* One line of @text after a dot "●" of colour @dot: drawn as part of the
 * text, the dot costs nothing more (a drawn round shape per event is a
 * path to fill for GTK's cairo renderer).
 */
PangoLayout      *civic_layout_cache_get_dotted (CivicLayoutCache *self,
                                                 const char       *text,
                                                 double            width,
                                                 CivicLayoutFlags  flags,
                                                 const GdkRGBA    *dot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicLayoutCache, civic_layout_cache_free)

G_END_DECLS
