/* civic-sample.h — the deterministic sample organization (scales `demo` and `large`)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample organization is the one domain.md describes: three offices in
 * Los Angeles and Orange County, the 2026 general-election campaign (with an
 * earlier and a later one), weekly phone banks, registration drives, town
 * halls, a hearing, clinics, a lobby day with visits to fictional
 * legislators, and about 120 volunteers.  `large` is the benchmark scale:
 * 20,000 events over 2022–2026, 10,000 volunteers, 200,000 signups and
 * 3,000 visits, with the shifts and legislators they need.
 *
 * Everything is derived from the seed with the generator's own PRNG
 * (splitmix64), never from the clock or GLib's g_random: the same seed and
 * scale give byte-identical documents, hence identical revisions, on every
 * machine and GLib version.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_SAMPLE_ERROR (civic_sample_error_quark ())

typedef enum {
  CIVIC_SAMPLE_ERROR_INVALID_SCALE,  /* a scale name that is not demo or large */
} CivicSampleError;

typedef enum {
  CIVIC_SAMPLE_SCALE_DEMO,
  CIVIC_SAMPLE_SCALE_LARGE,
} CivicSampleScale;

/* The seed used when none is given (the CLI's and the GUI's default). */
#define CIVIC_SAMPLE_DEFAULT_SEED 2026

/* The user name written in every sample document's `updated_by`. */
#define CIVIC_SAMPLE_USER_NAME "sample"

GQuark       civic_sample_error_quark     (void);

/* "demo" / "large". */
const char  *civic_sample_scale_to_string (CivicSampleScale   scale);
gboolean     civic_sample_scale_from_string (const char       *text,
                                           CivicSampleScale  *out_scale,
                                           GError           **error);

/* Builds every document of the organization (JsonObject*, each with _id
 * and type, no _rev) in the order they are written.  Transfer full.
 */
GPtrArray   *civic_sample_build           (CivicSampleScale   scale,
                                           guint32            seed);

/* Writes civic_sample_build()'s documents to @store as local edits in one
 * transaction.  The documents are new, so the store should not already
 * hold the same organization (a second run with the same seed fails with
 * CIVIC_STORE_ERROR_CONFLICT and writes nothing).  Blocks for up to a few
 * seconds at scale `large`: call it from a worker thread in the GUI.
 */
gboolean     civic_sample_generate        (CivicStore        *store,
                                           CivicSampleScale   scale,
                                           guint32            seed,
                                           GError           **error);

G_END_DECLS
