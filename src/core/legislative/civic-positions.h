/* civic-positions.h — a legislator's position history on an issue or bill, and the whip count
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A position is what a visit heard (the visit's `position`).  A visit is on
 * a topic when its `issues` or `bills` name it (civic_legislative_topic_key()
 * matching, so "H.R. 6" and "HR 6" are one bill).
 *
 * Rules, decided here and relied on by the GUI and the CSV export:
 * - History is in time order: `occurs_at` ascending, ties by the visit's
 *   `_id`.  Visits that recorded no `position` heard nothing and are not in
 *   the history; an explicit "unknown" is.
 * - The latest position is the last entry: the later `occurs_at` wins when
 *   two visits disagree, and of two visits at the same instant the one
 *   whose `_id` sorts last wins, so every replica computes the same count.
 * - The whip count's targeted legislators are those with at least one visit
 *   on the topic, plus, when the filter's `include_unvisited` is set, every
 *   legislator that passes the chamber/state filter.  The chamber and state
 *   filters then restrict all of them.  A targeted legislator with no
 *   recorded position counts as "unknown" with no date.  Visits whose
 *   legislator no longer exists are left out.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-legislative.h"

G_BEGIN_DECLS

typedef struct {
  char          *visit_id;
  char          *legislator_id;
  char          *occurs_at;   /* UTC ISO 8601 */
  CivicPosition  position;
} CivicPositionEntry;

void         civic_position_entry_free     (CivicPositionEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicPositionEntry, civic_position_entry_free)

/* Orders two visits' instants ("…Z" strings, else parsed as ISO 8601);
 * a missing instant sorts first.
 */
int          civic_positions_compare_instants (const char *a,
                                               const char *b);

/* The history of @legislator_id on @topic among @visits (JsonObject*
 * visit documents, any legislator), oldest first.  Transfer full.
 */
GPtrArray   *civic_position_history_from_visits (GPtrArray  *visits,
                                                 const char *legislator_id,
                                                 const char *topic);
/* The same, reading the legislator's visits from @store. */
GPtrArray   *civic_position_history         (CivicStore  *store,
                                             const char  *legislator_id,
                                             const char  *topic,
                                             GError     **error);
/* The latest entry of the history, or %NULL (and no error) when no visit
 * on @topic recorded a position.
 */
CivicPositionEntry *civic_position_latest   (CivicStore  *store,
                                             const char  *legislator_id,
                                             const char  *topic,
                                             GError     **error);

/* One topic of a legislator's visits with its history, for the
 * legislator page's timelines.
 */
typedef struct {
  char      *topic;    /* as the earliest visit spelled it */
  gboolean   is_bill;  /* named in `bills` rather than `issues` */
  GPtrArray *entries;  /* CivicPositionEntry*, oldest first */
} CivicPositionTimeline;

void         civic_position_timeline_free   (CivicPositionTimeline *timeline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicPositionTimeline, civic_position_timeline_free)

/* Every issue and bill the legislator's visits name, issues first, each
 * sorted by name, with its history (possibly empty).  Transfer full.
 */
GPtrArray   *civic_position_timelines       (CivicStore  *store,
                                             const char  *legislator_id,
                                             GError     **error);

/* ---- Whip count ---------------------------------------------------------- */

typedef struct {
  const char *chamber;            /* e.g. "us_house"; %NULL or "" for any */
  const char *state;              /* two-letter code, any case; %NULL or "" for any */
  gboolean    include_unvisited;  /* also every legislator passing the filter */
} CivicWhipFilter;

typedef struct {
  char          *legislator_id;
  char          *name;
  char          *chamber;
  char          *state;
  char          *district;
  char          *party;
  CivicPosition  position;   /* UNKNOWN when none was recorded */
  char          *heard_at;   /* occurs_at of the deciding visit, or %NULL */
  char          *visit_id;   /* the deciding visit, or %NULL */
  guint          n_visits;   /* visits on the topic */
} CivicWhipRow;

typedef struct {
  char      *topic;
  GPtrArray *rows;                      /* CivicWhipRow*: by position, then name, then id */
  guint      counts[CIVIC_POSITION_N];  /* rows per position */
} CivicWhipCount;

void         civic_whip_count_free          (CivicWhipCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicWhipCount, civic_whip_count_free)

/* The whip count over documents already read (JsonObject* legislators and
 * visits); @filter may be %NULL.  Never fails.
 */
CivicWhipCount *civic_whip_count_from_documents (GPtrArray             *legislators,
                                                 GPtrArray             *visits,
                                                 const char            *topic,
                                                 const CivicWhipFilter *filter);
/* The same over everything in @store (two typed list reads). */
CivicWhipCount *civic_whip_count_compute    (CivicStore            *store,
                                             const char            *topic,
                                             const CivicWhipFilter *filter,
                                             GError               **error);

G_END_DECLS
