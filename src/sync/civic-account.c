/* civic-account.c — the profile's sync account and its keyring password
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-account"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "civic-account.h"
#include "civic-json.h"

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "org.civicdesk.CivicDesk.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

CivicAccount *
civic_account_new (const char *server_url,
                   const char *database,
                   const char *user)
{
  CivicAccount *account = g_new0 (CivicAccount, 1);

  account->server_url = g_strdup (server_url);
  account->database = g_strdup (database);
  account->user = g_strdup (user);
  return account;
}

CivicAccount *
civic_account_copy (const CivicAccount *account)
{
  CivicAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);
  copy = civic_account_new (account->server_url, account->database, account->user);
  copy->pinned_certificate = g_strdup (account->pinned_certificate);
  copy->live = account->live;
  return copy;
}

void
civic_account_free (CivicAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->server_url);
  g_free (account->database);
  g_free (account->user);
  g_free (account->pinned_certificate);
  g_free (account);
}

CivicAccount *
civic_account_load (CivicStore  *store,
                    GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  CivicAccount *account;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  doc = civic_store_get_local (store, CIVIC_ACCOUNT_LOCAL_ID, error);
  if (doc == NULL)
    return NULL;
  account = civic_account_new (civic_json_object_get_string_or_null (doc, "server_url"),
                               civic_json_object_get_string_or_null (doc, "database"),
                               civic_json_object_get_string_or_null (doc, "user"));
  account->pinned_certificate = g_strdup (civic_json_object_get_string_or_null (doc, "pinned_certificate"));
  account->live = civic_json_object_get_boolean_or (doc, "live", TRUE);
  if (account->server_url == NULL || account->database == NULL)
    {
      civic_account_free (account);
      g_set_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND,
                   _("The sync account of this profile is incomplete"));
      return NULL;
    }
  return account;
}

gboolean
civic_account_save (CivicStore          *store,
                    const CivicAccount  *account,
                    GError             **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  json_object_set_string_member (doc, "server_url", account->server_url);
  json_object_set_string_member (doc, "database", account->database);
  if (account->user != NULL)
    json_object_set_string_member (doc, "user", account->user);
  if (account->pinned_certificate != NULL)
    json_object_set_string_member (doc, "pinned_certificate", account->pinned_certificate);
  json_object_set_boolean_member (doc, "live", account->live);
  return civic_store_put_local (store, CIVIC_ACCOUNT_LOCAL_ID, doc, error);
}

gboolean
civic_account_remove (CivicStore  *store,
                      GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  /* _local documents have no delete in the store's contract: an empty
   * document reads as "no account".
   */
  return civic_store_put_local (store, CIVIC_ACCOUNT_LOCAL_ID, doc, error);
}

static GError *
keyring_error (GError *error)
{
  GError *wrapped;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  wrapped = g_error_new (CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_KEYRING,
                         _("The keyring is not available: %s"), error->message);
  g_error_free (error);
  return wrapped;
}

char *
civic_account_lookup_password (const char    *server_url,
                               const char    *user,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (server_url != NULL && user != NULL, NULL);

  password = secret_password_lookup_sync (account_schema (), cancellable, &local_error,
                                          "server", server_url, "user", user, NULL);
  if (local_error != NULL)
    g_propagate_error (error, keyring_error (local_error));
  return password;
}

gboolean
civic_account_store_password (const char    *server_url,
                              const char    *user,
                              const char    *password,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server_url != NULL && user != NULL && password != NULL, FALSE);

  label = g_strdup_printf (_("Civic Desk sync: %s at %s"), user, server_url);
  if (!secret_password_store_sync (account_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error,
                                   "server", server_url, "user", user, NULL))
    {
      g_propagate_error (error, keyring_error (local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
civic_account_clear_password (const char    *server_url,
                              const char    *user,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;

  secret_password_clear_sync (account_schema (), cancellable, &local_error,
                              "server", server_url, "user", user, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, keyring_error (local_error));
      return FALSE;
    }
  return TRUE;
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
civic_account_lookup_password_async (const char          *server_url,
                                     const char          *user,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, civic_account_lookup_password_async);
  secret_password_lookup (account_schema (), cancellable, lookup_done_cb, task,
                          "server", server_url, "user", user, NULL);
}

char *
civic_account_lookup_password_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
civic_account_store_password_async (const char          *server_url,
                                    const char          *user,
                                    const char          *password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("Civic Desk sync: %s at %s"), user, server_url);

  g_task_set_source_tag (task, civic_account_store_password_async);
  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         store_done_cb, task, "server", server_url, "user", user, NULL);
}

gboolean
civic_account_store_password_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
