/* civic-drawn-node.c — a view's drawing kept as a render node until what it depends on changes
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The month view keeps a page's events and the week view a week's blocks
 * this way: drawn once (ahead, for the pages next to the one shown) and
 * appended to every later frame, until the page, the geometry, the colours
 * or the font change.
 */

#define G_LOG_DOMAIN "civic-drawn-node"

#include "config.h"

#include "civic-drawn-node.h"

void
civic_drawn_key_init (CivicDrawnKey *key,
                      GtkWidget     *widget,
                      const GdkRGBA *foreground,
                      double         a,
                      double         b,
                      double         c,
                      double         d)
{
  key->geometry[0] = a;
  key->geometry[1] = b;
  key->geometry[2] = c;
  key->geometry[3] = d;
  key->foreground = *foreground;
  key->font_serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));
}

gboolean
civic_drawn_node_valid (const CivicDrawnNode *self,
                        const CivicDrawnKey  *key)
{
  if (!self->drawn || self->key.font_serial != key->font_serial ||
      !gdk_rgba_equal (&self->key.foreground, &key->foreground))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (key->geometry); i++)
    if (self->key.geometry[i] != key->geometry[i])
      return FALSE;
  return TRUE;
}

void
civic_drawn_node_take (CivicDrawnNode      *self,
                       GtkSnapshot         *snapshot,
                       const CivicDrawnKey *key)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->node = gtk_snapshot_free_to_node (snapshot);
  self->key = *key;
  self->drawn = TRUE;
}

void
civic_drawn_node_copy (CivicDrawnNode       *self,
                       const CivicDrawnNode *from)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->node = from->node != NULL ? gsk_render_node_ref (from->node) : NULL;
  self->key = from->key;
  self->drawn = from->drawn;
}

void
civic_drawn_node_clear (CivicDrawnNode *self)
{
  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->drawn = FALSE;
}
