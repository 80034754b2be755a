/* civic-positions-private.h — the whip count over compact visit summaries
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whip count reads five fields of each visit.  Keeping just those, with
 * the topics already turned into keys, lets CivicVisitIndex recount 3,000
 * visits without parsing or case-folding anything again.  The campaign
 * and the open follow-ups' due dates ride along for the directory's
 * "visited this campaign" filter and the overdue badge.
 */

#pragma once

#include "civic-positions.h"

G_BEGIN_DECLS

typedef struct {
  char   *id;
  char   *legislator_id;
  char   *occurs_at;
  char   *position;     /* %NULL when the visit recorded none */
  char   *campaign_id;  /* %NULL when the visit names no campaign */
  GStrv   topic_keys;   /* civic_legislative_topic_key() of every issue and bill */
  GStrv   topics;       /* the issues and bills as written, parallel to topic_keys */
  GStrv   open_due_on;  /* due_on of every follow-up not done ("" when undated) */
} CivicVisitSummary;

/* Transfer full; %NULL for a document without an _id. */
CivicVisitSummary *_civic_visit_summary_new_from_json (JsonObject        *visit);
void               _civic_visit_summary_free          (CivicVisitSummary *summary);

/* The whip count over @summaries (CivicVisitSummary*) and @legislators
 * (JsonObject*); @topic is kept for the result, @topic_key matched.
 */
CivicWhipCount    *_civic_whip_count_from_summaries   (GPtrArray             *legislators,
                                                       GPtrArray             *summaries,
                                                       const char            *topic,
                                                       const char            *topic_key,
                                                       const CivicWhipFilter *filter);

G_END_DECLS
