/* civic-legislator-import.h — legislators from congress-legislators' and Open States' CSV files
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two public data sets, recognized by their header rows (columns are found
 * by name, so a reordered or extended file still reads):
 *
 * - unitedstates/congress-legislators `legislators-current.csv`: `type`
 *   rep → us_house, sen → us_senate; `state`; `district` (empty for
 *   senators, who get none); `party`; the capitol office from `address` and
 *   `phone`; `url` and `contact_form` as `links`; `ids.bioguide`.
 * - Open States' per-state people CSV: `current_chamber` upper →
 *   state_senate, lower → state_assembly; `current_district`;
 *   `current_party`; capitol and district offices from `*_address`,
 *   `*_voice` and `*_fax`; `email`; `links` and `sources` (';'-separated)
 *   as one `links` list; `ids.openstates` = `id`.  The row does not name
 *   the state (an `ocd-person/<uuid>` id carries none), so the caller
 *   passes it, usually from the file name (`ca.csv` → "CA", see
 *   civic_legislator_import_state_from_filename()); without it the
 *   legislators are imported with no state.
 *
 * Parties are written as congress-legislators spells them ("Democrat",
 * "Republican", "Independent"; Open States' "Democratic" becomes
 * "Democrat"), any other party as the file has it.
 *
 * A re-import finds each legislator by `ids.bioguide` / `ids.openstates`
 * and updates only what the file carries: name, chamber, state, district,
 * party, the file's kinds of office (the first office of each kind is
 * updated in place, other offices are kept), links, email and the id.  It
 * never touches `staff`, `notes`, `committees` or any other field the
 * organization added, and visits are separate documents.  The whole import
 * is one store transaction: it lands entirely or not at all.
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"
#include "civic-legislative.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_LEGISLATOR_FORMAT_UNKNOWN,
  CIVIC_LEGISLATOR_FORMAT_CONGRESS,     /* unitedstates/congress-legislators */
  CIVIC_LEGISLATOR_FORMAT_OPEN_STATES,  /* Open States people CSV */
} CivicLegislatorFormat;

typedef struct {
  guint  line;    /* physical line of the file */
  char  *reason;  /* translated */
} CivicLegislatorImportSkip;

typedef struct {
  CivicLegislatorFormat  format;
  guint                  created;
  guint                  updated;
  guint                  unchanged;  /* rows that matched a legislator with nothing new */
  GPtrArray             *skipped;    /* CivicLegislatorImportSkip*, in file order */
  GPtrArray             *ids;        /* char*, the ids written (created and updated) */
} CivicLegislatorImportReport;

void         civic_legislator_import_report_free (CivicLegislatorImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicLegislatorImportReport, civic_legislator_import_report_free)

/* The format a header row names, from its column names alone. */
CivicLegislatorFormat civic_legislator_import_detect_header (const char * const *header,
                                                             guint               n_columns);
/* Reads only as much of @file as its header row needs.  UNKNOWN (and no
 * error) for a CSV of another kind; %FALSE with an error only when the
 * file cannot be read.
 */
gboolean     civic_legislator_import_detect_file (GFile                  *file,
                                                  CivicLegislatorFormat  *out_format,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
const char  *civic_legislator_format_get_label   (CivicLegislatorFormat   format);

/* "ca.csv", "CA.csv", "ca-people.csv", "people_ca.csv" → "CA"; %NULL when
 * the base name holds no token that is a US state or territory code.
 */
char        *civic_legislator_import_state_from_filename (const char *path);

/* Imports @data (the whole file) into @store in one transaction.  @state
 * is the two-letter code for Open States rows (ignored for congress rows,
 * which carry theirs; may be %NULL).  @user_name goes into `updated_by`
 * (%NULL: the system user name).  A file that is neither format fails with
 * CIVIC_LEGISLATIVE_ERROR_UNKNOWN_FORMAT naming the columns each format
 * needs; store and validation errors fail the whole import.  Rows that
 * cannot become a legislator are skipped and listed in the report.
 */
CivicLegislatorImportReport *
             civic_legislator_import_data        (CivicStore   *store,
                                                  const char   *data,
                                                  gsize         length,
                                                  const char   *source_name,
                                                  const char   *state,
                                                  const char   *user_name,
                                                  GError      **error);
CivicLegislatorImportReport *
             civic_legislator_import_file        (CivicStore   *store,
                                                  GFile        *file,
                                                  const char   *state,
                                                  const char   *user_name,
                                                  GCancellable *cancellable,
                                                  GError      **error);

G_END_DECLS
