/* civic-store-private.h — internals of CivicStore shared by its files and tests
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-store.h"

G_BEGIN_DECLS

/* The typed index columns of one document (see civic-store-index.c). */
typedef struct {
  char *type;
  char *sort_key;
  char *starts_at;
  char *ends_at;
  char *ref1;
  char *ref2;
  char *office_id;
  char *campaign_id;
  char *status;
  /* Whether the span from starts_at to ends_at is longer than
   * CIVIC_INDEX_SHORT_SPAN_DAYS (or cannot be measured), so a range query
   * cannot find it by a window on starts_at alone.
   */
  gboolean long_span;
} CivicIndexRow;

/* Items whose span is at most this many days are "short": a range query
 * finds those that overlap [from, to) among the ones starting in
 * [from - CIVIC_INDEX_SHORT_SPAN_DAYS days, to).
 */
#define CIVIC_INDEX_SHORT_SPAN_DAYS 7

void         civic_index_row_clear                 (CivicIndexRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivicIndexRow, civic_index_row_clear)
/* Fills @row from a live winner's @body (the document's @type given). */
void         civic_index_row_compute               (CivicIndexRow *row,
                                                    const char    *type,
                                                    JsonObject    *body);
/* The lowest starts_at a short item overlapping a range from @from can
 * have ("YYYY-MM-DD"), or %NULL when @from does not start with a date.
 */
char        *civic_index_short_window_start        (const char    *from);
gboolean     civic_index_row_equal                 (const CivicIndexRow *a,
                                                    const CivicIndexRow *b);

/* The type a document is filed under: its winner's "type", else the one it
 * had, else the "TYPE" of an id "TYPE:…", else %NULL.
 */
char        *civic_store_derive_type               (const char    *id,
                                                    JsonObject    *body,
                                                    const char    *previous);

/* Opens @path (NULL: in memory) and runs only the first @version migration
 * steps, so tests can build a file as an older Civic Desk left it.
 */
CivicStore  *civic_store_open_at_version_for_tests (const char    *path,
                                                    int            version,
                                                    GError       **error);
/* Runs raw SQL on the store's connection (tests corrupt invariants with it). */
gboolean     civic_store_exec_for_tests            (CivicStore    *self,
                                                    const char    *sql,
                                                    GError       **error);
/* The first column of the first row of @sql as an integer (-1 if none). */
gint64       civic_store_query_int_for_tests       (CivicStore    *self,
                                                    const char    *sql);

G_END_DECLS
