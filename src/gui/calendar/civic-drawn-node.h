/* civic-drawn-node.h — a view's drawing kept as a render node until what it depends on changes
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a drawing depends on besides its contents: up to four measures of
 * the view's geometry (unused ones 0), the text colour (light or dark
 * style) and the font, by its Pango context's serial.
 */
typedef struct {
  double  geometry[4];
  GdkRGBA foreground;
  guint   font_serial;
} CivicDrawnKey;

/* The drawing and its key; zero-initialized is "not drawn".  A drawing may
 * be drawn and still have no node (nothing to draw).
 */
typedef struct {
  GskRenderNode *node;
  CivicDrawnKey  key;
  gboolean       drawn;
} CivicDrawnNode;

void     civic_drawn_key_init   (CivicDrawnKey        *key,
                                 GtkWidget            *widget,
                                 const GdkRGBA        *foreground,
                                 double                a,
                                 double                b,
                                 double                c,
                                 double                d);
/* Whether @self was drawn for @key. */
gboolean civic_drawn_node_valid (const CivicDrawnNode *self,
                                 const CivicDrawnKey  *key);
/* Keeps @snapshot's drawing (the snapshot is freed) for @key. */
void     civic_drawn_node_take  (CivicDrawnNode       *self,
                                 GtkSnapshot          *snapshot,
                                 const CivicDrawnKey  *key);
/* @self becomes a copy of @from (sharing its node). */
void     civic_drawn_node_copy  (CivicDrawnNode       *self,
                                 const CivicDrawnNode *from);
void     civic_drawn_node_clear (CivicDrawnNode       *self);

G_END_DECLS
