/* civic-after-frame.h — run something once a widget's next frame is painted
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Embedded in the object that schedules; zero-initialized is idle. */
typedef struct {
  GdkFrameClock *clock;
  gulong         handler;
} CivicAfterFrame;

typedef void (*CivicAfterFrameFunc) (gpointer data);

/* Calls @func (@data) once, after the next frame of @widget's window is
 * painted, so that work the frame does not need does not delay it; at
 * once when @widget is not shown.  While one is pending, scheduling again
 * does nothing.
 */
void     civic_after_frame_schedule (CivicAfterFrame     *self,
                                     GtkWidget           *widget,
                                     CivicAfterFrameFunc  func,
                                     gpointer             data);
gboolean civic_after_frame_pending  (CivicAfterFrame     *self);
/* Drops a pending call (call it in dispose). */
void     civic_after_frame_cancel   (CivicAfterFrame     *self);

G_END_DECLS
