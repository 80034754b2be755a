/* civic-visit-index.h — visits and legislators kept in memory for the whip count and the overdue badge
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading 3,000 visit documents from the store means parsing 3,000 JSON
 * texts, which alone takes longer than the 50 ms a whip count may.  The
 * Visits page therefore loads one index (one full read, in a worker thread
 * with civic_visit_index_load_async()) and recounts from it on every filter
 * or topic change in about a millisecond.  The index follows the store's
 * ::changed signal: it re-reads only the visits and legislators that were
 * written (or drops the deleted ones) and then emits its own ::changed, so
 * a new debrief moves the whip count at once.
 *
 * The index must be used from the thread whose main context was the
 * thread-default when the store was opened (the GUI's main thread).
 *
 * Signals:
 *   ::changed (CivicVisitIndex *index)
 *     After a load completed and after every update from the store.
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"
#include "civic-positions.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_VISIT_INDEX (civic_visit_index_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitIndex, civic_visit_index, CIVIC, VISIT_INDEX, GObject)

CivicVisitIndex *civic_visit_index_new           (CivicStore       *store);
CivicStore      *civic_visit_index_get_store     (CivicVisitIndex  *self);
/* TRUE once a load has completed. */
gboolean         civic_visit_index_get_loaded    (CivicVisitIndex  *self);

/* Reads every visit and legislator, blocking (tests, the CLI). */
gboolean         civic_visit_index_load          (CivicVisitIndex  *self,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
/* The same read in a worker thread; the index switches to the new data
 * in the calling thread, before @callback runs.
 */
void             civic_visit_index_load_async    (CivicVisitIndex     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         civic_visit_index_load_finish   (CivicVisitIndex     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

guint            civic_visit_index_get_n_visits  (CivicVisitIndex  *self);
/* The whip count (civic-positions.h rules) from the index. */
CivicWhipCount  *civic_visit_index_whip_count    (CivicVisitIndex       *self,
                                                  const char            *topic,
                                                  const CivicWhipFilter *filter);
/* Follow-ups not done whose due_on is before @today ("YYYY-MM-DD";
 * %NULL: today in the local time zone).
 */
guint            civic_visit_index_count_overdue (CivicVisitIndex  *self,
                                                  const char       *today);
/* Every issue and bill the visits name, once each (as first written),
 * sorted; for the whip count's topic picker.  Transfer full.
 */
GStrv            civic_visit_index_dup_topics    (CivicVisitIndex  *self);

G_END_DECLS
