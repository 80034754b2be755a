/* civic-roster-import.h — importing volunteers (and their signups) from a CSV file
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, so nothing is written before a person has seen the plan:
 *
 * 1. civic_roster_import_prepare () reads the file (civic-csv.h: UTF-8 with
 *    or without BOM, CP949) and guesses which column holds which volunteer
 *    field from its header — generic English and Korean titles, Mobilize's
 *    and VAN/EveryAction's export columns.  Columns that name immigration,
 *    citizenship, visa or documentation status are dropped for good: they
 *    cannot be mapped, and the report says so.  The mapping can then be
 *    changed column by column.  civic_roster_import_evaluate () builds one
 *    volunteer document per row, validates it, and looks for duplicates in
 *    the store and earlier in the file (same phone digits, same e-mail, or
 *    the same name in either script); each row gets a status, its physical
 *    line number and, when skipped, a reason ("line 14: no name in any
 *    script").
 *
 * 2. civic_roster_import_commit () writes every accepted row in ONE store
 *    transaction: a failure writes nothing.  Duplicates are skipped unless
 *    civic_roster_import_set_import_duplicates () says otherwise.
 *
 * Signups: when a column is mapped to CIVIC_ROSTER_FIELD_SHIFT_ID, each row
 * also becomes a signup (source "import") of its volunteer — the new one,
 * or the existing one it duplicates — for that shift, with the optional
 * occurrence and status columns.  Without a shift id column, Mobilize's
 * "Event"/"Event name" and "Timeslot start" columns find the shift: the
 * shift of the event with that title that starts then (for a repeating
 * event, at that time of day, the slot's date becoming the occurrence).
 * Mobilize's own "Event ID" and "Timeslot ID" are not ours and are left
 * unmapped.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_ROSTER_IMPORT_ERROR (civic_roster_import_error_quark ())

typedef enum {
  CIVIC_ROSTER_IMPORT_ERROR_NO_HEADER,   /* the first row is not a header */
  CIVIC_ROSTER_IMPORT_ERROR_NO_NAME,     /* no column is mapped to a name */
  CIVIC_ROSTER_IMPORT_ERROR_INVALID,     /* a bad column index or field */
  CIVIC_ROSTER_IMPORT_ERROR_NOTHING,     /* no row can be imported */
} CivicRosterImportError;

GQuark civic_roster_import_error_quark (void);

/* What a column holds. */
typedef enum {
  CIVIC_ROSTER_FIELD_IGNORE = 0,
  CIVIC_ROSTER_FIELD_GIVEN_NAME,
  CIVIC_ROSTER_FIELD_FAMILY_NAME,
  CIVIC_ROSTER_FIELD_FULL_NAME,       /* "Given Family", or Hangul (family first) */
  CIVIC_ROSTER_FIELD_NAME_KO,         /* the whole Hangul name */
  CIVIC_ROSTER_FIELD_NAME_KO_FAMILY,  /* 성 */
  CIVIC_ROSTER_FIELD_NAME_KO_GIVEN,   /* 이름 next to a 성 column */
  CIVIC_ROSTER_FIELD_PREFERRED_NAME,
  CIVIC_ROSTER_FIELD_PHONE,
  CIVIC_ROSTER_FIELD_EMAIL,
  CIVIC_ROSTER_FIELD_LANGUAGES,       /* separated by ; , / or | */
  CIVIC_ROSTER_FIELD_SKILLS,
  CIVIC_ROSTER_FIELD_OFFICE,          /* an office's id or name */
  CIVIC_ROSTER_FIELD_AGE_GROUP,
  CIVIC_ROSTER_FIELD_ACTIVE,
  CIVIC_ROSTER_FIELD_JOINED_ON,
  CIVIC_ROSTER_FIELD_EMERGENCY_CONTACT,
  CIVIC_ROSTER_FIELD_NOTES,
  CIVIC_ROSTER_FIELD_AVAILABILITY,    /* "weekday evening; weekend morning" */
  CIVIC_ROSTER_FIELD_SHIFT_ID,        /* makes the row a signup too */
  CIVIC_ROSTER_FIELD_OCCURRENCE,
  CIVIC_ROSTER_FIELD_SIGNUP_STATUS,
  CIVIC_ROSTER_FIELD_EVENT_NAME,      /* Mobilize: with SHIFT_START, finds the shift */
  CIVIC_ROSTER_FIELD_SHIFT_START,     /* Mobilize's "Timeslot start" */
  CIVIC_ROSTER_N_FIELDS
} CivicRosterField;

/* The field's translated label ("Given name"). */
const char       *civic_roster_field_label       (CivicRosterField field);
/* The field's stable name ("given_name"), for command lines. */
const char       *civic_roster_field_name        (CivicRosterField field);
gboolean          civic_roster_field_from_name   (const char       *name,
                                                  CivicRosterField *out_field);
/* The field a header names ("First name", "휴대폰", "PreferredPhone"), or
 * IGNORE.
 */
CivicRosterField  civic_roster_field_guess       (const char       *header);
/* TRUE if a header names immigration, citizenship, visa or documentation
 * status (in English, Spanish or Korean): such a column is never read.
 */
gboolean          civic_roster_header_is_forbidden (const char     *header);

typedef enum {
  CIVIC_ROSTER_ROW_OK,         /* will be imported */
  CIVIC_ROSTER_ROW_INVALID,    /* skipped: reason says why */
  CIVIC_ROSTER_ROW_DUPLICATE,  /* skipped unless duplicates are imported */
} CivicRosterRowStatus;

typedef struct {
  guint                 line;             /* physical line in the file */
  CivicRosterRowStatus  status;
  char                 *reason;           /* translated, for INVALID and DUPLICATE */
  char                 *duplicate_of;     /* the existing volunteer's id, or NULL */
  guint                 duplicate_line;   /* the earlier row of the file, or 0 */
  JsonObject           *volunteer;        /* the document to write (no _id yet) */
  JsonObject           *signup;           /* or NULL */
} CivicRosterImportRow;

typedef struct {
  guint      imported;       /* volunteers written */
  guint      signups;        /* signups written */
  guint      skipped;        /* invalid rows */
  guint      duplicates;     /* duplicate rows not imported as volunteers */
  GStrv      volunteer_ids;  /* ids written, in file order */
  GPtrArray *messages;       /* char*, translated: one per skipped row and dropped column */
} CivicRosterImportReport;

void civic_roster_import_report_free (CivicRosterImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicRosterImportReport, civic_roster_import_report_free)

#define CIVIC_TYPE_ROSTER_IMPORT (civic_roster_import_get_type ())
G_DECLARE_FINAL_TYPE (CivicRosterImport, civic_roster_import, CIVIC, ROSTER_IMPORT, GObject)

/* Reads and decodes @bytes and guesses the mapping. */
CivicRosterImport *civic_roster_import_prepare   (GBytes            *bytes,
                                                  GError           **error);

const char        *civic_roster_import_get_encoding (CivicRosterImport *self);
guint              civic_roster_import_get_n_columns (CivicRosterImport *self);
const char        *civic_roster_import_get_header   (CivicRosterImport *self,
                                                     guint              column);
CivicRosterField   civic_roster_import_get_column_field (CivicRosterImport *self,
                                                     guint              column);
/* Maps @column to @field (IGNORE unmaps it).  Refuses a forbidden column. */
gboolean           civic_roster_import_set_column_field (CivicRosterImport *self,
                                                     guint              column,
                                                     CivicRosterField   field,
                                                     GError           **error);
/* TRUE if the column was dropped as immigration or documentation status. */
gboolean           civic_roster_import_column_is_dropped (CivicRosterImport *self,
                                                     guint              column);
/* Headers of the columns mapped to nothing (dropped ones excluded). */
GStrv              civic_roster_import_dup_unmapped  (CivicRosterImport *self);
/* Headers of the dropped columns. */
GStrv              civic_roster_import_dup_dropped   (CivicRosterImport *self);
/* Data rows in the file (the header excluded). */
guint              civic_roster_import_get_n_rows    (CivicRosterImport *self);

/* Whether duplicates are imported as new volunteers (default FALSE). */
void               civic_roster_import_set_import_duplicates (CivicRosterImport *self,
                                                     gboolean           import_duplicates);
/* The name written in `updated_by` (default: the login name). */
void               civic_roster_import_set_user_name (CivicRosterImport *self,
                                                     const char        *user_name);

/* Builds and checks every row against the current mapping and @store's
 * volunteers (and offices, to resolve office names).  Safe to call from a
 * worker thread; call again after changing the mapping.
 */
gboolean           civic_roster_import_evaluate      (CivicRosterImport *self,
                                                     CivicStore        *store,
                                                     GError           **error);
/* The rows (CivicRosterImportRow*, owned by the plan) of the last
 * evaluation, in file order.
 */
GPtrArray         *civic_roster_import_get_rows      (CivicRosterImport *self);
/* The first @n rows' mapped values as display text: an array of GStrv,
 * each with one value per field (CIVIC_ROSTER_N_FIELDS, "" when unmapped).
 */
GPtrArray         *civic_roster_import_preview       (CivicRosterImport *self,
                                                     guint              n);
/* Messages for the dropped columns and for every skipped row. */
GPtrArray         *civic_roster_import_dup_messages  (CivicRosterImport *self);

/* Writes the accepted rows in one transaction (evaluating first if the
 * mapping changed).  On failure nothing is written.
 */
gboolean           civic_roster_import_commit        (CivicRosterImport        *self,
                                                     CivicStore               *store,
                                                     CivicRosterImportReport **report,
                                                     GError                  **error);

/* Worker-thread variants for the GUI.  The plan must not be used
 * elsewhere while one runs.
 */
void               civic_roster_import_prepare_async  (GBytes              *bytes,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CivicRosterImport *civic_roster_import_prepare_finish (GAsyncResult        *result,
                                                      GError             **error);
void               civic_roster_import_evaluate_async (CivicRosterImport   *self,
                                                      CivicStore          *store,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           civic_roster_import_evaluate_finish (CivicRosterImport  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void               civic_roster_import_commit_async   (CivicRosterImport   *self,
                                                      CivicStore          *store,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
CivicRosterImportReport *civic_roster_import_commit_finish (CivicRosterImport *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Phone digits reduced for comparison: a US "1" or Korean "82" country
 * code becomes the national form ("+1 (213) 555-0101" → "2135550101",
 * "+82 10-1234-5678" → "01012345678").
 */
char              *civic_roster_phone_key            (const char *phone);

G_END_DECLS
