/* civic-conflict.h — the competing versions of a conflicted document, a
 * deterministic three-way merge of them, and their resolution
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is conflicted when it has more than one live leaf.  The
 * common ancestor is the newest revision on every leaf's path whose body
 * the store still has (the last revision both sides synced).  A field that
 * only one side changed since the ancestor merges by itself; a field that
 * two sides changed to different values is a real conflict a person
 * resolves.  The merged body depends only on the leaves and the ancestor,
 * and civic_store_resolve_conflict() hashes it deterministically, so two
 * laptops merging the same conflict write the same revision.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

/* One top-level field whose value is not the same in every version. */
typedef struct {
  char      *name;
  JsonNode  *ancestor;     /* %NULL: absent from the ancestor, or no ancestor */
  GPtrArray *values;       /* JsonNode* or %NULL (absent), one per version */
  gboolean   conflicting;  /* changed differently by more than one version */
  JsonNode  *merged;       /* the automatic value when not conflicting (%NULL: absent) */
} CivicConflictField;

typedef struct {
  char       *id;
  GStrv       revs;        /* the live leaves, winner first */
  GPtrArray  *versions;    /* JsonObject*, one per leaf, with _id and _rev */
  char       *ancestor_rev;
  JsonObject *ancestor;    /* %NULL when no common body is known */
  GPtrArray  *fields;      /* CivicConflictField*, sorted by name */
} CivicConflict;

void           civic_conflict_free            (CivicConflict  *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicConflict, civic_conflict_free)

/* The ids of every conflicted document. */
GStrv          civic_conflict_list            (CivicStore     *store,
                                               GError        **error);
/* Reads the competing versions and their differences; NOT_FOUND if @id
 * is not conflicted.
 */
CivicConflict *civic_conflict_load            (CivicStore     *store,
                                               const char     *id,
                                               GError        **error);
/* Whether no field is changed differently by two versions (and an
 * ancestor is known).
 */
gboolean       civic_conflict_can_auto_merge  (CivicConflict  *conflict);
/* The merged body: automatic values, then @choices (field name → value;
 * a JSON null member removes the field), then for a conflicting field
 * without a choice the winner's value.  Carries _id and the winner's _rev.
 */
JsonObject    *civic_conflict_build_merged    (CivicConflict  *conflict,
                                               JsonObject     *choices);
/* Writes the merged winner and deletes the losing leaves in one
 * transaction; returns the new revision.
 */
char          *civic_conflict_resolve         (CivicStore     *store,
                                               CivicConflict  *conflict,
                                               JsonObject     *choices,
                                               GError        **error);
/* Loads @id and resolves it when it merges by itself; returns %NULL (and
 * no error) when it is a real conflict, or was not conflicted.
 */
char          *civic_conflict_auto_merge      (CivicStore     *store,
                                               const char     *id,
                                               GError        **error);

G_END_DECLS
