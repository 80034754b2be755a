/* civic-visit-index.h — visits and legislators kept in memory for the whip count and the overdue badge
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading 3,000 visit documents from the store means parsing 3,000 JSON
 * texts (3 MB with json-glib: 150–250 ms of CPU, and much more while other
 * threads compete for the two cores), far longer than the 50 ms a whip
 * count may take.  The Visits page therefore loads one index (in a worker
 * thread with civic_visit_index_load_async()) and recounts from it on every
 * filter or topic change in about a millisecond.  The index follows the
 * store's ::changed signal: it re-reads only the visits and legislators
 * that were written (or drops the deleted ones) and then emits its own
 * ::changed, so a new debrief moves the whip count at once.
 *
 * So that the load itself is quick, the index keeps a copy of its visit
 * summaries in the store file, as the _local document
 * CIVIC_VISIT_INDEX_CACHE_ID (not replicated, not in the changes feed):
 * one compact text with the update sequence it reflects.  A load reads
 * that text (one row, one short parse), then the visits written since
 * (civic_store_changes() after that sequence, civic_store_get_many() of
 * the visits among them), and reads every visit only when there is no
 * usable copy: none yet, another format or schema, a sequence ahead of the
 * store's, or more than a few thousand changes since.  A load that had to
 * read much writes a fresh copy afterwards (a _local write, allowed on
 * read-only profiles too; a failure to write only costs the next load
 * time).  The legislators are always read from the store: they are few.
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

/* The _local document that holds the index's summaries between runs. */
#define CIVIC_VISIT_INDEX_CACHE_ID "_local/civic-visit-index"

#define CIVIC_TYPE_VISIT_INDEX (civic_visit_index_get_type ())
G_DECLARE_FINAL_TYPE (CivicVisitIndex, civic_visit_index, CIVIC, VISIT_INDEX, GObject)

CivicVisitIndex *civic_visit_index_new           (CivicStore       *store);
CivicStore      *civic_visit_index_get_store     (CivicVisitIndex  *self);
/* TRUE once a load has completed. */
gboolean         civic_visit_index_get_loaded    (CivicVisitIndex  *self);

/* Reads every visit and legislator, blocking (tests, the CLI), and
 * refreshes the stored copy when it was missing or stale.
 */
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
/* The topic (as civic_visit_index_dup_topics() spells it) with the most
 * visits to legislators that exist; the first in that sorted order among
 * equals; %NULL when no visit names one.  Transfer full.
 */
char            *civic_visit_index_dup_busiest_topic (CivicVisitIndex *self);
/* Legislator id → occurs_at of that legislator's latest visit (both
 * owned by the table).  Transfer full.
 */
GHashTable      *civic_visit_index_dup_last_visits (CivicVisitIndex *self);
/* The ids (owned by the table) of the legislators visited in a campaign:
 * by a visit that names @campaign_id, or names no campaign and falls on a
 * day from @starts_on to @ends_on ("YYYY-MM-DD"; %NULL @ends_on: open).
 * Empty when @campaign_id is %NULL.  Transfer full.
 */
GHashTable      *civic_visit_index_dup_visited_in_campaign (CivicVisitIndex *self,
                                                            const char      *campaign_id,
                                                            const char      *starts_on,
                                                            const char      *ends_on);
/* Whether the last load used the stored copy (for benchmarks and tests). */
gboolean         civic_visit_index_get_loaded_from_cache (CivicVisitIndex *self);

G_END_DECLS
