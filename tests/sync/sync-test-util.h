/* sync-test-util.h — helpers the sync tests share
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-replicator.h"
#include "civic-store.h"
#include "civic-test-server.h"

G_BEGIN_DECLS

CivicStore      *sync_test_store_new       (void);
/* Writes @n volunteer-like documents in one transaction; returns their ids. */
GPtrArray       *sync_test_add_volunteers  (CivicStore      *store,
                                            guint            n,
                                            const char      *prefix);
/* A replicator for @store against @url/@db as @user (admin when NULL). */
CivicReplicator *sync_test_replicator      (CivicStore      *store,
                                            const char      *url,
                                            const char      *db,
                                            const char      *user,
                                            const char      *password);
/* Runs a whole sync; returns FALSE and sets @error on failure. */
gboolean         sync_test_sync            (CivicReplicator *replicator,
                                            GError         **error);
gboolean         sync_test_pull            (CivicReplicator *replicator,
                                            GError         **error);
gboolean         sync_test_push            (CivicReplicator *replicator,
                                            GError         **error);
/* Asserts both stores hold the same documents with the same leaves and
 * bodies of every leaf.
 */
void             sync_test_assert_same     (CivicStore      *a,
                                            CivicStore      *b);
/* civic_store_check() passes. */
void             sync_test_assert_consistent (CivicStore    *store);
/* Edits @field of @id (string value) as a local edit; returns the new rev. */
char            *sync_test_edit            (CivicStore      *store,
                                            const char      *id,
                                            const char      *field,
                                            const char      *value);
/* Copies revision @rev of @id (its current one when NULL), with its
 * history, from @from into @to as replication does.
 */
void             sync_test_copy_revision   (CivicStore      *from,
                                            CivicStore      *to,
                                            const char      *id,
                                            const char      *rev);

G_END_DECLS
