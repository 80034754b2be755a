/* civic-server-setup.h — what an organization's administrator does once on
 * the server: the database, its members, its validate function, its users
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call needs a client signed in as a server admin.  Creating the
 * database from anyone else crashes PouchDB Server 4.2.0 (sync-protocol.md
 * §6 C3), so civic_server_setup() checks the admin role first.
 */

#pragma once

#include "civic-couch-client.h"

G_BEGIN_DECLS

/* The document types a Civic Desk database accepts. */
extern const char * const civic_server_document_types[];

#define CIVIC_SERVER_DESIGN_DOC "_design/civic-desk"

/* The validate_doc_update function installed by civic_server_setup(). */
const char *civic_server_validate_function (void);

/* Creates @database (an existing one is kept), sets its _security (members:
 * roles organizer and board) and installs or updates the design document.
 * @created tells whether the database is new.
 */
gboolean    civic_server_setup             (CivicCouchClient *admin,
                                            const char       *database,
                                            gboolean         *created,
                                            GCancellable     *cancellable,
                                            GError          **error);
/* Creates (or updates the password and role of) the user @name. */
gboolean    civic_server_add_user          (CivicCouchClient *admin,
                                            const char       *name,
                                            const char       *password,
                                            const char       *role,
                                            GCancellable     *cancellable,
                                            GError          **error);

G_END_DECLS
