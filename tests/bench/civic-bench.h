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
