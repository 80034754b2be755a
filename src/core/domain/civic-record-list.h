/* civic-record-list.h — a live GListModel of the records of one store query
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CivicRecordList holds the CivicRecords of one type that one store
 * query returns: every live document of the type, or those overlapping a
 * time range (civic_store_list_in_range), or those whose typed index column
 * has a value (civic_store_list_by_ref), or both (the range narrowed by the
 * column).  Items are in the store's order: (starts, id) for a range, else
 * (sort key, id).
 *
 * Loading runs in a GTask thread; the caller's main loop never waits for
 * SQLite.  `loading` is TRUE from the moment a (re)load is scheduled until
 * its result is in; ::loaded is emitted after each full load, with or
 * without an error (civic_record_list_get_error()).
 *
 * The list follows the store's ::changed signal: the documents of its type
 * that changed are fetched again (civic_store_get_many, in a thread), then
 * removed, replaced or inserted in order, with a single ::items-changed per
 * batch.  A changed record is a new object, so views rebind it.
 *
 * The list must be used from the thread whose main context was the
 * thread-default when the store was opened (where ::changed arrives).
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"
#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_RECORD_LIST (civic_record_list_get_type ())
G_DECLARE_FINAL_TYPE (CivicRecordList, civic_record_list, CIVIC, RECORD_LIST, GObject)

/* A list of every live record of @type ("event", …); it starts loading
 * at once, in the background.
 */
CivicRecordList *civic_record_list_new            (CivicStore      *store,
                                                   const char      *type);
CivicStore      *civic_record_list_get_store      (CivicRecordList *self);
const char      *civic_record_list_get_record_type (CivicRecordList *self);

/* Narrows the list to records overlapping [@from, @to) (ISO 8601 UTC
 * instants or dates, as civic_store_list_in_range() takes them); both
 * %NULL shows every record again.  Reloads.
 */
void             civic_record_list_set_range      (CivicRecordList *self,
                                                   const char      *from,
                                                   const char      *to);
/* Narrows the list to records whose index column @ref equals @value
 * (%NULL: no such filter).  Reloads.
 */
void             civic_record_list_set_ref        (CivicRecordList *self,
                                                   CivicStoreRef    ref,
                                                   const char      *value);
/* Loads everything again (after an error, say). */
void             civic_record_list_reload         (CivicRecordList *self);

gboolean         civic_record_list_get_loading    (CivicRecordList *self);
/* The error of the last load or update, or %NULL. */
const GError    *civic_record_list_get_error      (CivicRecordList *self);

/* The position of the record with @id, if it is in the list. */
gboolean         civic_record_list_find           (CivicRecordList *self,
                                                   const char      *id,
                                                   guint           *position);

G_END_DECLS
