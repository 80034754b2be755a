/* civic-gui-test.h — what the GUI tests share: waiting on the main loop for a condition
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*CivicTestCondition) (gpointer data);

/* Runs the main loop until @condition (@data) holds; fails the test after
 * 30 s, naming @what, rather than hanging.
 */
void     civic_test_wait_for        (CivicTestCondition  condition,
                                     gpointer            data,
                                     const char         *what);

/* Conditions: *@data (a gpointer*) is %NULL, as a weak pointer becomes;
 * @data (a GtkWidget*) is mapped.
 */
gboolean civic_test_pointer_cleared (gpointer            data);
gboolean civic_test_widget_mapped   (gpointer            data);

G_END_DECLS
