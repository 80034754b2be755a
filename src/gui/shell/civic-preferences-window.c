/* civic-preferences-window.c — the Preferences window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The General page holds the name written on the user's edits and shows
 * which database file is open.  Other pages (Sync) are added to this window
 * by their features with adw_preferences_window_add().
 */

#define G_LOG_DOMAIN "civic-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-preferences-window.h"
#include "civic-sync-page.h"

struct _CivicPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CivicApplication     *application;

  /* Template children */
  AdwEntryRow          *user_name_row;
  AdwActionRow         *database_row;
  AdwActionRow         *read_only_row;
};

G_DEFINE_FINAL_TYPE (CivicPreferencesWindow, civic_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_database_row (CivicPreferencesWindow *self)
{
  const char *path = civic_application_get_db_path (self->application);

  adw_action_row_set_subtitle (self->database_row, path != NULL ? path : "");
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_row),
                          civic_application_get_read_only (self->application));
}

static void
civic_preferences_window_constructed (GObject *object)
{
  CivicPreferencesWindow *self = CIVIC_PREFERENCES_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (civic_preferences_window_parent_class)->constructed (object);

  settings = civic_application_get_settings (self->application);
  if (settings != NULL)
    g_settings_bind (settings, "user-name", self->user_name_row, "text",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->user_name_row), FALSE);

  g_signal_connect_object (self->application, "notify::db-path",
                           G_CALLBACK (update_database_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::read-only",
                           G_CALLBACK (update_database_row), self, G_CONNECT_SWAPPED);
  update_database_row (self);

  /* Preferences → Sync, once there is a store to sync. */
  if (civic_application_get_store (self->application) != NULL)
    {
      CivicSyncPage *sync_page = civic_sync_page_new (civic_application_get_store (self->application));
      CivicSyncController *controller = civic_application_get_sync_controller (self->application);

      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (sync_page));
      if (controller != NULL)
        g_signal_connect_object (sync_page, "account-saved", G_CALLBACK (civic_sync_controller_reload),
                                 controller, G_CONNECT_SWAPPED);
    }
}

static void
civic_preferences_window_dispose (GObject *object)
{
  CivicPreferencesWindow *self = CIVIC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (civic_preferences_window_parent_class)->dispose (object);
}

static void
civic_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CivicPreferencesWindow *self = CIVIC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CivicPreferencesWindow *self = CIVIC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_preferences_window_class_init (CivicPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = civic_preferences_window_constructed;
  object_class->dispose = civic_preferences_window_dispose;
  object_class->get_property = civic_preferences_window_get_property;
  object_class->set_property = civic_preferences_window_set_property;

  /* Not GtkWindow:application: that would make the preferences a window of
   * the application, listed among the main windows it quits with.
   */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("civic-application", NULL, NULL,
                         CIVIC_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/shell/civic-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, CivicPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, CivicPreferencesWindow, read_only_row);
}

static void
civic_preferences_window_init (CivicPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * civic_preferences_window_new:
 *
 * Returns: (transfer none): a new preferences window, owned by GTK like every toplevel
 */
CivicPreferencesWindow *
civic_preferences_window_new (CivicApplication *application)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (application), NULL);

  return g_object_new (CIVIC_TYPE_PREFERENCES_WINDOW,
                       "civic-application", application,
                       NULL);
}
