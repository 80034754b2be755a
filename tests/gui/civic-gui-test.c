/* civic-gui-test.c — what the GUI tests share: waiting on the main loop for a condition
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-gui-test"

#include "config.h"

#include "civic-gui-test.h"

#define WAIT_TIMEOUT_MS 30000

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
civic_test_wait_for (CivicTestCondition  condition,
                     gpointer            data,
                     const char         *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  /* A condition that changes without any source firing (a thread's
   * result, a timer in GTK) is still looked at every 20 ms.
   */
  guint wake_id = g_timeout_add (20, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_id);
}

gboolean
civic_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
civic_test_widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}
