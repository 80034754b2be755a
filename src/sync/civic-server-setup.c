/* civic-server-setup.c — database, members, validate function and users
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-server-setup"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-json.h"
#include "civic-server-setup.h"

const char * const civic_server_document_types[] = {
  "office", "campaign", "event", "shift", "signup", "volunteer", "legislator", "visit", NULL
};

/* Organizers and server admins write; board members only read.  Unknown
 * types and attachments are refused for everyone (design documents, which
 * only server admins may write anyway, are exempt).  A deletion carries no
 * type, so it is allowed to whoever may write.
 *
 * The first statement works around a PouchDB Server 4.2.0 bug: its
 * validation plugin replaces the `_revisions` of every validated write with
 * those of the stored winner, so a replicated edit (new_edits=false) of an
 * existing document is silently dropped and a new document loses its
 * history.  Civic Desk sends PouchDB Server a copy in `_civic_revisions`,
 * which this function puts back; PouchDB Server runs validate functions on
 * the very object it then writes.  CouchDB never receives that member.
 */
static const char validate_function[] =
  "function (newDoc, oldDoc, userCtx, secObj) {\n"
  "  if (newDoc._civic_revisions) {\n"
  "    newDoc._revisions = newDoc._civic_revisions;\n"
  "    delete newDoc._civic_revisions;\n"
  "  }\n"
  "  var roles = userCtx.roles || [];\n"
  "  var types = ['office', 'campaign', 'event', 'shift', 'signup', 'volunteer', 'legislator', 'visit'];\n"
  "  if (newDoc._id.indexOf('_design/') === 0) {\n"
  "    if (roles.indexOf('_admin') === -1) throw({unauthorized: 'Only server admins may change design documents.'});\n"
  "    return;\n"
  "  }\n"
  "  if (roles.indexOf('_admin') === -1 && roles.indexOf('organizer') === -1)\n"
  "    throw({forbidden: 'Only organizers may change Civic Desk data; this account can only read.'});\n"
  "  if (newDoc._deleted === true) return;\n"
  "  if (newDoc._attachments) throw({forbidden: 'Civic Desk documents cannot have attachments.'});\n"
  "  if (types.indexOf(newDoc.type) === -1)\n"
  "    throw({forbidden: 'Unknown Civic Desk document type: ' + newDoc.type});\n"
  "}\n";

const char *
civic_server_validate_function (void)
{
  return validate_function;
}

/* Returns FALSE only when the request failed (no usable status). */
static gboolean
request (CivicCouchClient  *admin,
         const char        *method,
         const char        *path,
         JsonNode          *body,
         GCancellable      *cancellable,
         JsonNode         **answer,
         guint             *status,
         GError           **error)
{
  g_autoptr(GBytes) bytes = body ? civic_couch_node_to_bytes (body) : NULL;
  GError *local_error = NULL;

  g_clear_pointer (answer, json_node_unref);
  *answer = civic_couch_client_request (admin, method, path, bytes, CIVIC_COUCH_REQUEST_NONE,
                                        cancellable, status, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_admin (CivicCouchClient  *admin,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(JsonNode) session = NULL;
  JsonObject *ctx;
  JsonArray *roles;
  guint status = 0;

  if (!request (admin, "GET", "/_session", NULL, cancellable, &session, &status, error))
    return FALSE;
  ctx = session && JSON_NODE_HOLDS_OBJECT (session)
    ? civic_json_object_get_object_or_null (json_node_get_object (session), "userCtx") : NULL;
  roles = ctx ? civic_json_object_get_array_or_null (ctx, "roles") : NULL;
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    if (g_strcmp0 (json_array_get_string_element (roles, i), "_admin") == 0)
      return TRUE;
  g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_FORBIDDEN,
               _("“%s” is not a server admin of %s; setting up needs one"),
               civic_couch_client_get_user (admin) ? civic_couch_client_get_user (admin) : "",
               civic_couch_client_get_server_url (admin));
  return FALSE;
}

static JsonNode *
parse_literal (const char *json)
{
  return json_from_string (json, NULL);
}

gboolean
civic_server_setup (CivicCouchClient  *admin,
                    const char        *database,
                    gboolean          *created,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *security_path = NULL;
  g_autofree char *design_path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) security = NULL;
  g_autoptr(JsonObject) design = NULL;
  g_autoptr(JsonNode) design_node = NULL;
  guint status = 0;

  g_return_val_if_fail (CIVIC_IS_COUCH_CLIENT (admin), FALSE);
  g_return_val_if_fail (database != NULL, FALSE);

  if (*database == '\0' || strchr (database, '/') != NULL)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid database name"), database);
      return FALSE;
    }
  if (!check_admin (admin, cancellable, error))
    return FALSE;

  escaped = civic_couch_escape (database);
  db_path = g_strconcat ("/", escaped, NULL);
  if (!request (admin, "PUT", db_path, NULL, cancellable, &answer, &status, error))
    return FALSE;
  if (status != 201 && status != 202 && status != 412)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                   _("The server did not create the database “%s” (%u: %s)"), database, status,
                   civic_couch_error_reason (answer) ?: "?");
      return FALSE;
    }
  if (created)
    *created = status != 412;

  security = parse_literal ("{\"admins\":{\"names\":[],\"roles\":[]},"
                            "\"members\":{\"names\":[],\"roles\":[\"organizer\",\"board\"]}}");
  security_path = g_strconcat (db_path, "/_security", NULL);
  if (!request (admin, "PUT", security_path, security, cancellable, &answer, &status, error))
    return FALSE;
  if (status != 200 && status != 201)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                   _("The server did not accept the members of “%s” (%u: %s)"), database, status,
                   civic_couch_error_reason (answer) ?: "?");
      return FALSE;
    }

  design_path = g_strconcat (db_path, "/", CIVIC_SERVER_DESIGN_DOC, NULL);
  if (!request (admin, "GET", design_path, NULL, cancellable, &answer, &status, error))
    return FALSE;
  design = json_object_new ();
  json_object_set_string_member (design, "_id", CIVIC_SERVER_DESIGN_DOC);
  if (status == 200 && answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) &&
      civic_json_object_get_string_or_null (json_node_get_object (answer), "_rev") != NULL)
    json_object_set_string_member (design, "_rev",
                                   civic_json_object_get_string_or_null (json_node_get_object (answer), "_rev"));
  json_object_set_string_member (design, "language", "javascript");
  json_object_set_string_member (design, "validate_doc_update", validate_function);
  design_node = json_node_init_object (json_node_alloc (), design);
  if (!request (admin, "PUT", design_path, design_node, cancellable, &answer, &status, error))
    return FALSE;
  if (status != 201 && status != 202 && status != 200)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                   _("The server did not accept the validate function of “%s” (%u: %s)"), database, status,
                   civic_couch_error_reason (answer) ?: "?");
      return FALSE;
    }
  return TRUE;
}

gboolean
civic_server_add_user (CivicCouchClient  *admin,
                       const char        *name,
                       const char        *password,
                       const char        *role,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autofree char *doc_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autoptr(JsonNode) user_node = NULL;
  JsonArray *roles;
  guint status = 0;
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_COUCH_CLIENT (admin), FALSE);

  if (name == NULL || *name == '\0' || name[0] == '_' || strchr (name, ':') != NULL)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid user name"), name ? name : "");
      return FALSE;
    }
  if (g_strcmp0 (role, "organizer") != 0 && g_strcmp0 (role, "board") != 0)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("The role must be “organizer” or “board”, not “%s”"), role ? role : "");
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_NO_PASSWORD,
                   _("The new user “%s” needs a password"), name);
      return FALSE;
    }
  if (!check_admin (admin, cancellable, error))
    return FALSE;

  doc_id = g_strconcat ("org.couchdb.user:", name, NULL);
  escaped = civic_couch_escape (doc_id);
  path = g_strconcat ("/_users/", escaped, NULL);
  if (!request (admin, "GET", path, NULL, cancellable, &answer, &status, error))
    return FALSE;

  user = json_object_new ();
  json_object_set_string_member (user, "_id", doc_id);
  if (status == 200 && answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) &&
      civic_json_object_get_string_or_null (json_node_get_object (answer), "_rev") != NULL)
    json_object_set_string_member (user, "_rev",
                                   civic_json_object_get_string_or_null (json_node_get_object (answer), "_rev"));
  json_object_set_string_member (user, "name", name);
  json_object_set_string_member (user, "password", password);
  json_object_set_string_member (user, "type", "user");
  roles = json_array_new ();
  json_array_add_string_element (roles, role);
  json_object_set_array_member (user, "roles", roles);

  user_node = json_node_init_object (json_node_alloc (), user);
  ok = request (admin, "PUT", path, user_node, cancellable, &answer, &status, error);
  /* The password was in the request body only; scrub our copy. */
  json_object_set_string_member (user, "password", "");
  if (!ok)
    return FALSE;
  if (status != 201 && status != 202 && status != 200)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_PROTOCOL,
                   _("The server did not create the user “%s” (%u: %s)"), name, status,
                   civic_couch_error_reason (answer) ?: "?");
      return FALSE;
    }
  return TRUE;
}
