/* civic-bench.h — what the benchmarks share
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each benchmark reports its own figures (medians, p95s as its issue names
 * them); they share the ordering of their samples.
 */

#pragma once

#include <glib.h>

/* Orders doubles ascending, for qsort () and g_array_sort (). */
static inline int
civic_bench_compare_doubles (gconstpointer a,
                             gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The GUI benchmarks draw with GTK's cairo renderer unless GSK_RENDERER
 * says otherwise, as the start-up figure is taken (GDK_DEBUG=gl-disable):
 * under Xvfb, GL is Mesa's llvmpipe, which rasterizes on the CPU, and its
 * shader compilations and software fills would be most of what is timed,
 * saying nothing of the app (a desktop has a GPU).  Call it before
 * gtk_init (); returns the renderer, for the report.
 */
static inline const char *
civic_bench_choose_renderer (void)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  return g_getenv ("GSK_RENDERER");
}
