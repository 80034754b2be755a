/* civic-after-frame.c — run something once a widget's next frame is painted
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-after-frame"

#include "config.h"

#include "civic-after-frame.h"

typedef struct {
  CivicAfterFrame     *owner;
  CivicAfterFrameFunc  func;
  gpointer             data;
} Pending;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  Pending *pending = user_data;
  CivicAfterFrameFunc func = pending->func;
  gpointer data = pending->data;

  /* Frees @pending: the handler is disconnected first. */
  civic_after_frame_cancel (pending->owner);
  func (data);
}

void
civic_after_frame_schedule (CivicAfterFrame     *self,
                            GtkWidget           *widget,
                            CivicAfterFrameFunc  func,
                            gpointer             data)
{
  GdkFrameClock *clock;
  Pending *pending;

  g_return_if_fail (self != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  clock = gtk_widget_get_mapped (widget) ? gtk_widget_get_frame_clock (widget) : NULL;
  if (clock == NULL)
    {
      civic_after_frame_cancel (self);
      func (data);
      return;
    }
  if (civic_after_frame_pending (self) && self->clock == clock)
    return;

  civic_after_frame_cancel (self);
  pending = g_new0 (Pending, 1);
  pending->owner = self;
  pending->func = func;
  pending->data = data;
  self->clock = g_object_ref (clock);
  self->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (after_paint_cb), pending,
                                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

gboolean
civic_after_frame_pending (CivicAfterFrame *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->clock != NULL && self->handler != 0 && g_signal_handler_is_connected (self->clock, self->handler);
}

void
civic_after_frame_cancel (CivicAfterFrame *self)
{
  g_return_if_fail (self != NULL);

  /* A destroyed window's clock has dropped its handlers already. */
  if (civic_after_frame_pending (self))
    g_signal_handler_disconnect (self->clock, self->handler);
  self->handler = 0;
  g_clear_object (&self->clock);
}
