/* civic-record.h — the base class of every record type: JSON, fields, validation, save
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CivicRecord wraps one document of the store (domain.md).  It keeps the
 * document's fields in a JSON object: the fields its class knows are exposed
 * as GObject properties and typed accessors, and every field it does not
 * know is kept as it came, so a newer client's data survives an older
 * client's edit.  `_id` and `_rev` are the `id` and `rev` properties;
 * CouchDB metadata such as `_conflicts` or `_revisions` is not kept.
 *
 * One final subclass per document type: CivicOffice, CivicCampaign,
 * CivicEvent, CivicShift, CivicSignup, CivicVolunteer, CivicLegislator,
 * CivicVisit.  civic_record_new_from_json() picks it by "type".
 *
 * Values are exactly the JSON values: instants are UTC ISO 8601 strings
 * ("2026-09-06T01:00:00Z"), dates are "YYYY-MM-DD", enumerations are the
 * strings of domain.md ("phone_bank").  String getters return strings owned
 * by the record (valid until the field is set again); string-list getters
 * return a new GStrv; object/array getters return the record's own
 * JsonObject/JsonArray (do not modify it, set a new one instead).
 *
 * Validation errors are CIVIC_RECORD_ERROR / CIVIC_RECORD_ERROR_INVALID.
 * Their message is "<translated field label>: <translated reason>", e.g.
 * "Title: an event needs a title".  The failing field's JSON name is kept in
 * the error itself (a GLib extended error, it survives g_error_copy() and
 * g_propagate_error()): civic_record_error_get_field() returns it, so a
 * form can show civic_record_error_get_reason() next to that field.  For a
 * field that is a list of objects (attendees, follow_ups, goals, …) the
 * index of the faulty item is in civic_record_error_get_index().
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_RECORD_ERROR (civic_record_error_quark ())

typedef enum {
  CIVIC_RECORD_ERROR_INVALID,       /* a field's value breaks a rule of domain.md */
  CIVIC_RECORD_ERROR_UNKNOWN_TYPE,  /* "type" missing or not one of the eight types */
} CivicRecordError;

GQuark       civic_record_error_quark        (void);
/* The JSON name of the field at fault ("title", "ends_at", "follow_ups"), or
 * %NULL when @error is not a CIVIC_RECORD_ERROR naming a field.
 */
const char  *civic_record_error_get_field    (const GError *error);
/* The position in a list field (attendees[2] → 2), or -1. */
int          civic_record_error_get_index    (const GError *error);
/* The translated reason without the field label ("an event needs a title"),
 * for showing next to the field; the message itself when none was kept.
 */
const char  *civic_record_error_get_reason   (const GError *error);

/* How a known field is stored in JSON. */
typedef enum {
  CIVIC_FIELD_STRING,   /* string (text, enumeration, instant or date) */
  CIVIC_FIELD_INT,      /* integer */
  CIVIC_FIELD_BOOLEAN,  /* true/false */
  CIVIC_FIELD_STRV,     /* array of strings */
  CIVIC_FIELD_OBJECT,   /* object */
  CIVIC_FIELD_ARRAY,    /* array of objects */
} CivicFieldKind;

typedef struct {
  const char     *name;   /* JSON member name, e.g. "starts_at" */
  CivicFieldKind  kind;
  const char     *label;  /* untranslated (N_()) label, e.g. "Starts" */
} CivicFieldSpec;

#define CIVIC_TYPE_RECORD (civic_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (CivicRecord, civic_record, CIVIC, RECORD, GObject)

struct _CivicRecordClass
{
  GObjectClass parent_class;

  /* Set by each subclass's class_init. */
  const char           *type_name;    /* "event" */
  const CivicFieldSpec *fields;
  guint                 n_fields;

  /*< private >*/
  GParamSpec          **field_pspecs;

  /*< public >*/
  /* Checks the type's rules; the common ones (id prefix, stamps) are checked
   * by civic_record_validate() before this is called.
   */
  gboolean (*validate)     (CivicRecord *self,
                            GError     **error);
  /* Removes from @data (recursively) what this type must never hold; called
   * on every document read and written.  The volunteer drops immigration
   * status and documents.
   */
  void     (*filter_json)  (CivicRecordClass *klass,
                            JsonObject       *data);
  /* Fills derived defaults right before a save (the signup stamps
   * signed_up_at); @now is the save's UTC ISO 8601 instant.
   */
  void     (*prepare_save) (CivicRecord *self,
                            const char  *now);

  gpointer padding[8];
};

/* Subclasses call this in class_init after setting type_name and fields:
 * it installs one property per field (JSON name with '-' for '_') and takes
 * over get_property/set_property for them.
 */
void         civic_record_class_install_fields (CivicRecordClass     *klass,
                                                const CivicFieldSpec *fields,
                                                guint                 n_fields);
const CivicFieldSpec *civic_record_class_find_field (CivicRecordClass *klass,
                                                     const char       *name);
/* The translated label of a field of @type ("event", "title" → "Title"), or
 * @name itself when the field is unknown.
 */
const char  *civic_record_field_label        (const char   *type,
                                              const char   *name);

/* The eight document types, in a fixed order, %NULL-terminated. */
const char * const *civic_record_type_list   (void);
GType        civic_record_type_get_gtype     (const char   *type);
/* The translated name of a type ("volunteer" → "Volunteer"). */
const char  *civic_record_type_get_label     (const char   *type);
/* "event" → "event:", the prefix of every _id of that type. */
const char  *civic_record_type_to_id_prefix  (const char   *type);
/* The type named by an id's prefix ("event:abc" → "event"), or %NULL. */
char        *civic_record_type_from_id       (const char   *id);

/* ---- JSON ---------------------------------------------------------------- */

/* A new record of the subclass named by @doc's "type"; @doc is copied, not
 * kept.  CIVIC_RECORD_ERROR_UNKNOWN_TYPE when "type" is missing or unknown.
 * The record is not validated.
 */
CivicRecord *civic_record_new_from_json      (JsonObject   *doc,
                                              GError      **error);
/* A new, empty record of @type with the type's defaults (e.g. an event is
 * "confirmed" and of kind "other"); %NULL for an unknown type.
 */
CivicRecord *civic_record_new                (const char   *type);
/* A new JSON object: every field (known and unknown), `type`, `_id` and
 * `_rev` (each only when set).  Transfer full.
 */
JsonObject  *civic_record_to_json            (CivicRecord  *self);
/* An independent copy (same id and rev). */
CivicRecord *civic_record_copy               (CivicRecord  *self);

/* ---- Validation --------------------------------------------------------- */

gboolean     civic_record_validate           (CivicRecord  *self,
                                              GError      **error);
/* Validates a document as the store holds it (picks the type by "type"). */
gboolean     civic_document_validate         (JsonObject   *doc,
                                              GError      **error);

/* ---- Saving ------------------------------------------------------------- */

/* Assigns an id when there is none (civic_store_new_id), stamps created_at
 * (first save only), updated_at (now, UTC, "…Z") and updated_by, validates,
 * writes the document with civic_store_put() (one transaction) and updates
 * `rev`.  Returns the new revision, or %NULL with a CIVIC_RECORD_ERROR or
 * CIVIC_STORE_ERROR (e.g. CONFLICT when `rev` is stale); on failure the
 * record is left as it was.
 */
char        *civic_record_save               (CivicRecord  *self,
                                              CivicStore   *store,
                                              const char   *user_name,
                                              GError      **error);
/* civic_record_save() with the SQLite write in a GTask thread, for the GUI:
 * the record is copied when the call is made, and _finish() (called on the
 * caller's thread, from @callback) takes the saved id, stamps and rev into
 * @self.  Do not edit the record between the two calls (an editor makes its
 * Save action insensitive meanwhile).
 */
void         civic_record_save_async         (CivicRecord         *self,
                                              CivicStore          *store,
                                              const char          *user_name,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char        *civic_record_save_finish        (CivicRecord         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Reads @id from @store into a new record of the right subclass. */
CivicRecord *civic_record_load               (CivicStore   *store,
                                              const char   *id,
                                              GError      **error);

/* ---- Common properties --------------------------------------------------- */

const char  *civic_record_get_id             (CivicRecord  *self);
void         civic_record_set_id             (CivicRecord  *self,
                                              const char   *id);
const char  *civic_record_get_rev            (CivicRecord  *self);
void         civic_record_set_rev            (CivicRecord  *self,
                                              const char   *rev);
const char  *civic_record_get_record_type    (CivicRecord  *self);
const char  *civic_record_get_created_at     (CivicRecord  *self);
void         civic_record_set_created_at     (CivicRecord  *self,
                                              const char   *created_at);
const char  *civic_record_get_updated_at     (CivicRecord  *self);
void         civic_record_set_updated_at     (CivicRecord  *self,
                                              const char   *updated_at);
const char  *civic_record_get_updated_by     (CivicRecord  *self);
void         civic_record_set_updated_by     (CivicRecord  *self,
                                              const char   *updated_by);

/* ---- Generic field access ------------------------------------------------
 * By JSON name; works for known and unknown fields alike.  Setting a known
 * field notifies its property when the value really changes.  Setting
 * %NULL (or, for strv/object/array, %NULL) removes the field.
 */
gboolean     civic_record_has_field          (CivicRecord  *self,
                                              const char   *name);
void         civic_record_remove_field       (CivicRecord  *self,
                                              const char   *name);
/* %NULL when absent or not a string. */
const char  *civic_record_get_string         (CivicRecord  *self,
                                              const char   *name);
void         civic_record_set_string         (CivicRecord  *self,
                                              const char   *name,
                                              const char   *value);
/* @fallback when absent or not a number. */
gint64       civic_record_get_int            (CivicRecord  *self,
                                              const char   *name,
                                              gint64        fallback);
void         civic_record_set_int            (CivicRecord  *self,
                                              const char   *name,
                                              gint64        value);
gboolean     civic_record_get_boolean        (CivicRecord  *self,
                                              const char   *name,
                                              gboolean      fallback);
void         civic_record_set_boolean        (CivicRecord  *self,
                                              const char   *name,
                                              gboolean      value);
/* A new %NULL-terminated copy of the string members (non-strings skipped);
 * %NULL when absent.
 */
GStrv        civic_record_dup_strv           (CivicRecord  *self,
                                              const char   *name);
void         civic_record_set_strv           (CivicRecord  *self,
                                              const char   *name,
                                              const char * const *value);
/* Borrowed; %NULL when absent or of another JSON type. */
JsonObject  *civic_record_get_object         (CivicRecord  *self,
                                              const char   *name);
/* Stores a deep copy of @value. */
void         civic_record_set_object         (CivicRecord  *self,
                                              const char   *name,
                                              JsonObject   *value);
JsonArray   *civic_record_get_array          (CivicRecord  *self,
                                              const char   *name);
void         civic_record_set_array          (CivicRecord  *self,
                                              const char   *name,
                                              JsonArray    *value);
/* The field parsed as an ISO 8601 instant (a date gives its midnight UTC);
 * transfer full, %NULL when absent or unparsable.
 */
GDateTime   *civic_record_dup_datetime       (CivicRecord  *self,
                                              const char   *name);
/* The fields this record's class does not know, as a new object. */
JsonObject  *civic_record_dup_extras         (CivicRecord  *self);

/* ---- Small helpers shared by the types (also useful to importers) -------- */

/* "2026-09-06T01:00:00Z" for @dt converted to UTC (no fraction); transfer full. */
char        *civic_format_instant            (GDateTime    *dt);
/* The current instant, formatted as above. */
char        *civic_now_instant               (void);
/* TRUE if @text is an ISO 8601 instant in UTC ending in "Z". */
gboolean     civic_is_utc_instant            (const char   *text);
/* TRUE if @text is a valid "YYYY-MM-DD" date. */
gboolean     civic_is_date                   (const char   *text);
/* TRUE if @text is a phone number: digits, spaces, ()-. and an optional
 * leading +, with at least 10 digits.
 */
gboolean     civic_is_phone                  (const char   *text);
/* TRUE if @text looks like one e-mail address (local@domain.tld, no spaces). */
gboolean     civic_is_email                  (const char   *text);

G_END_DECLS
