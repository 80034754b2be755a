/* civic-sync-controller.c — the application's sync and app.sync-now
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-sync-controller"

#include "config.h"

#include <string.h>

#include "civic-account.h"
#include "civic-sync-controller.h"

struct _CivicSyncController
{
  GObject          parent_instance;

  GtkApplication  *application;   /* weak */
  CivicStore      *store;
  GSimpleAction   *sync_now;
  GCancellable    *cancellable;
  CivicReplicator *replicator;
  CivicSyncEngine *engine;
};

G_DEFINE_FINAL_TYPE (CivicSyncController, civic_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPLICATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stop (CivicSyncController *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    civic_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  if (self->replicator != NULL)
    {
      g_clear_object (&self->replicator);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICATOR]);
    }
  g_simple_action_set_enabled (self->sync_now, FALSE);
}

static void
start_with_password (CivicSyncController *self,
                     CivicAccount        *account,
                     const char          *password)
{
  g_autoptr(GError) error = NULL;

  self->replicator = civic_replicator_new (self->store, account->server_url, account->database,
                                           account->user, password, &error);
  if (self->replicator == NULL)
    {
      g_warning ("Cannot sync with the saved account: %s", error->message);
      return;
    }
  if (account->pinned_certificate != NULL)
    civic_couch_client_set_pinned_certificate (civic_replicator_get_client (self->replicator),
                                               account->pinned_certificate);
  self->engine = civic_sync_engine_new (self->replicator);
  g_simple_action_set_enabled (self->sync_now, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICATOR]);
  if (account->live)
    civic_sync_engine_start (self->engine);
}

typedef struct {
  CivicSyncController *self;
  CivicAccount        *account;
} Lookup;

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  char *password = civic_account_lookup_password_finish (result, &error);

  if (password != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        start_with_password (lookup->self, lookup->account, password);
      memset (password, 0, strlen (password));
      g_free (password);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("No password for %s at %s; sync waits until one is saved (Preferences → Sync)",
               lookup->account->user, lookup->account->server_url);
  g_object_unref (lookup->self);
  civic_account_free (lookup->account);
  g_free (lookup);
}

void
civic_sync_controller_reload (CivicSyncController *self)
{
  g_autoptr(CivicAccount) account = NULL;
  const char *env;

  g_return_if_fail (CIVIC_IS_SYNC_CONTROLLER (self));

  stop (self);
  self->cancellable = g_cancellable_new ();
  account = civic_account_load (self->store, NULL);
  if (account == NULL || account->user == NULL)
    return;

  env = g_getenv ("CIVIC_DESK_PASSWORD");
  if (env != NULL && *env != '\0')
    {
      start_with_password (self, account, env);
      return;
    }
  {
    Lookup *lookup = g_new0 (Lookup, 1);

    lookup->self = g_object_ref (self);
    lookup->account = civic_account_copy (account);
    civic_account_lookup_password_async (account->server_url, account->user, self->cancellable,
                                         password_cb, lookup);
  }
}

void
civic_sync_controller_sync_now (CivicSyncController *self)
{
  g_return_if_fail (CIVIC_IS_SYNC_CONTROLLER (self));

  if (self->engine == NULL)
    return;
  if (civic_sync_engine_get_running (self->engine))
    civic_sync_engine_sync_now (self->engine);
  else
    civic_sync_engine_start (self->engine);
}

static void
sync_now_activated_cb (GSimpleAction       *action,
                       GVariant            *parameter,
                       CivicSyncController *self)
{
  civic_sync_controller_sync_now (self);
}

static void
civic_sync_controller_dispose (GObject *object)
{
  CivicSyncController *self = CIVIC_SYNC_CONTROLLER (object);

  if (self->sync_now != NULL)
    stop (self);
  if (self->application != NULL)
    {
      g_action_map_remove_action (G_ACTION_MAP (self->application), "sync-now");
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_object (&self->sync_now);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (civic_sync_controller_parent_class)->dispose (object);
}

static void
civic_sync_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CivicSyncController *self = CIVIC_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_REPLICATOR:
      g_value_set_object (value, self->replicator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_controller_class_init (CivicSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civic_sync_controller_dispose;
  object_class->get_property = civic_sync_controller_get_property;

  properties[PROP_REPLICATOR] =
    g_param_spec_object ("replicator", NULL, NULL, CIVIC_TYPE_REPLICATOR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civic_sync_controller_init (CivicSyncController *self)
{
}

CivicSyncController *
civic_sync_controller_new (GtkApplication *application,
                           CivicStore     *store)
{
  CivicSyncController *self;
  const char *accels[] = { "<Primary>r", NULL };

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_SYNC_CONTROLLER, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->store = g_object_ref (store);
  self->sync_now = g_simple_action_new ("sync-now", NULL);
  g_simple_action_set_enabled (self->sync_now, FALSE);
  g_signal_connect (self->sync_now, "activate", G_CALLBACK (sync_now_activated_cb), self);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (self->sync_now));
  gtk_application_set_accels_for_action (application, "app.sync-now", accels);
  civic_sync_controller_reload (self);
  return self;
}

CivicReplicator *
civic_sync_controller_get_replicator (CivicSyncController *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_CONTROLLER (self), NULL);
  return self->replicator;
}

CivicSyncEngine *
civic_sync_controller_get_engine (CivicSyncController *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_CONTROLLER (self), NULL);
  return self->engine;
}
