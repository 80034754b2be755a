/* civic-test-server.h — a real PouchDB Server 4.2.0 on 127.0.0.1 for the
 * sync tests, started on a free port with an admin configured
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CIVIC_TEST_ADMIN          "admin"
#define CIVIC_TEST_ADMIN_PASSWORD "secret"

typedef struct _CivicTestServer CivicTestServer;

/* Whether node is installed (tests skip without it). */
gboolean         civic_test_server_can_run     (void);
/* Installs the pinned server if needed (tests/sync/server/setup), starts
 * it with --in-memory in a temporary folder and waits until it answers.
 */
CivicTestServer *civic_test_server_start       (GError          **error);
void             civic_test_server_stop        (CivicTestServer  *server);
const char      *civic_test_server_get_url     (CivicTestServer  *server);
GPid             civic_test_server_get_pid     (CivicTestServer  *server);

/* A request as the admin (or as @user with @password when @user is not
 * %NULL); @body is JSON text.  Returns the parsed answer.
 */
JsonNode        *civic_test_server_request     (CivicTestServer  *server,
                                                const char       *user,
                                                const char       *password,
                                                const char       *method,
                                                const char       *path,
                                                const char       *body,
                                                guint            *status);
/* Creates database @name as the admin, with _security members
 * organizer/board and the same validate function `server setup` installs.
 */
void             civic_test_server_create_db   (CivicTestServer  *server,
                                                const char       *name,
                                                gboolean          secured);
/* Creates a user with one role. */
void             civic_test_server_add_user    (CivicTestServer  *server,
                                                const char       *name,
                                                const char       *password,
                                                const char       *role);
/* A fresh database name for one test case. */
char            *civic_test_server_new_db_name (void);

G_END_DECLS
