/* civic-application.c — the application: command line, store, app actions
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CivicApplication owns the store.  It presents the window first and opens
 * the store in the background (civic_store_open_async), so the first frame
 * never waits for SQLite; the window and its pages follow the "store"
 * property and receive the store once it is open.  If it cannot be opened,
 * "store-error" says why and the window tells the user.
 */

#define G_LOG_DOMAIN "civic-application"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-application.h"
#include "civic-sync-controller.h"
#include "civic-preferences-window.h"
#include "civic-sample.h"
#include "civic-window.h"

/* The application's resources.  Its "resource-base-path" is unset: the
 * stylesheets and icons that GtkApplication and AdwApplication would load
 * from it after the desktop portal answers are loaded before (startup).
 */
#define RESOURCE_PREFIX "/org/civicdesk/CivicDesk"
#define DESKTOP_PORTAL  "org.freedesktop.portal.Desktop"

struct _CivicApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_path;
  CivicStore     *store;
  GError         *store_error;
  GCancellable   *cancellable;
  gboolean        opening;
  gboolean        read_only;
  gboolean        loading_sample;

  /* Sync to a shared server, when an account is set up (src/gui/sync). */
  CivicSyncController *sync;

  /* The main window, made during startup while GTK waits for the desktop
   * portal, until activate gives it the application and shows it.
   */
  CivicWindow    *first_window;
};

G_DEFINE_FINAL_TYPE (CivicApplication, civic_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_ERROR,
  PROP_DB_PATH,
  PROP_READ_ONLY,
  PROP_LOADING_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Refuse every edit, as on a board member's profile"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
update_actions (CivicApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "load-sample-data");

  /* Before startup there are no actions yet. */
  if (action == NULL)
    return;

  /* Loading sample data is a local edit: a board profile may not, and a
   * second run while one is still writing would only conflict.
   */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->store != NULL && !self->read_only && !self->loading_sample);
}

static GtkWindow *
get_or_create_window (CivicApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL && self->first_window != NULL)
    {
      /* GTK's list of toplevels keeps it from here. */
      window = GTK_WINDOW (self->first_window);
      gtk_window_set_application (window, GTK_APPLICATION (self));
      g_clear_object (&self->first_window);
    }

  if (window == NULL)
    window = GTK_WINDOW (civic_window_new (self));

  return window;
}

static void
store_read_only_cb (CivicApplication *self)
{
  if (self->store != NULL && civic_store_get_read_only (self->store))
    civic_application_set_read_only (self, TRUE);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CivicApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = NULL;

  self->opening = FALSE;
  g_clear_object (&self->cancellable);

  store = civic_store_open_finish (result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not open %s: %s", self->db_path, error->message);
      self->store_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);
      return;
    }

  civic_store_set_read_only (store, self->read_only);
  self->store = g_steal_pointer (&store);

  /* A board account found by the sync makes the store read-only; the
   * whole app follows, so every page disables its edit actions.
   */
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (store_read_only_cb), self, G_CONNECT_SWAPPED);
  self->sync = civic_sync_controller_new (GTK_APPLICATION (self), self->store);

  /* The path the store resolved is the one to show (preferences, errors). */
  if (g_strcmp0 (self->db_path, civic_store_get_path (self->store)) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (civic_store_get_path (self->store));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
ensure_store (CivicApplication *self)
{
  if (self->store != NULL || self->opening || self->store_error != NULL)
    return;

  if (self->db_path == NULL)
    self->db_path = civic_store_default_path ();

  self->opening = TRUE;
  self->cancellable = g_cancellable_new ();
  civic_store_open_async (self->db_path, self->cancellable,
                          store_opened_cb, g_object_ref (self));
}

static void
sample_generate_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CivicStore *store = task_data;
  g_autoptr(GError) error = NULL;

  if (!civic_sample_generate (store, CIVIC_SAMPLE_SCALE_DEMO, CIVIC_SAMPLE_DEFAULT_SEED, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
sample_generated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CivicApplication *self = CIVIC_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  self->loading_sample = FALSE;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_SAMPLE]);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (CIVIC_IS_WINDOW (window))
        civic_window_show_error (CIVIC_WINDOW (window), error);
      else
        g_warning ("Could not load the sample data: %s", error->message);
      return;
    }

  if (CIVIC_IS_WINDOW (window))
    civic_window_add_toast (CIVIC_WINDOW (window),
                            adw_toast_new (_("Sample organization loaded")));
}

static void
load_sample_data_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CivicApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->loading_sample)
    return;

  self->loading_sample = TRUE;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_SAMPLE]);

  /* The demo organization is a few thousand documents in one transaction:
   * quick, but not something the main thread may wait for.
   */
  task = g_task_new (self, NULL, sample_generated_cb, NULL);
  g_task_set_source_tag (task, load_sample_data_activated);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, sample_generate_thread);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CivicApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than destroying) lets each window save its state; the
   * application quits when the last one is gone.
   */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CivicApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CivicPreferencesWindow *preferences = civic_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CivicApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = {
    "The Civic Desk developers",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Civic Desk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Civic Desk developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan events, staff them with volunteers and track legislative visits"),
                        "website", "https://civicdesk.org",
                        "issue-url", "https://civicdesk.org/issues",
                        "copyright", "© 2026 The Civic Desk developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line, optionally with an e-mail address. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "load-sample-data", load_sample_data_activated },
};

static void
add_stylesheet (GdkDisplay *display,
                const char *path)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, path);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* What GtkApplication and AdwApplication load from a resource base path
 * (style.css, the icons/ folder), and each feature's own style.css
 * (resources/<feature>/style.css), once per display.
 */
static void
load_styles_and_icons (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_auto(GStrv) children = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "civic-styles-loaded") != NULL)
    return;
  g_object_set_data (G_OBJECT (display), "civic-styles-loaded", GINT_TO_POINTER (TRUE));

  add_stylesheet (display, RESOURCE_PREFIX "/style.css");

  children = g_resources_enumerate_children (RESOURCE_PREFIX, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (children[i], "/"))
        continue;

      path = g_strconcat (RESOURCE_PREFIX "/", children[i], "style.css", NULL);
      if (g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
        add_stylesheet (display, path);
    }

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    RESOURCE_PREFIX "/icons");

  /* GTK reads the icon theme in a thread when it makes it, but each icon
   * path added since (libadwaita's, ours) threw that read away: the first
   * icon the window shows would read the themes again on the main thread
   * (15-25 ms before the first frame).  Now that every path is in, the
   * theme is told its setting changed, for which it reads the themes in a
   * thread again, while the window is made.
   */
  g_object_notify (G_OBJECT (gtk_settings_get_default ()), "gtk-icon-theme-name");
}

static void
civic_application_startup (GApplication *application)
{
  CivicApplication *self = CIVIC_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  static const char *calendar_accels[] = { "<Control>1", NULL };
  static const char *volunteers_accels[] = { "<Control>2", NULL };
  static const char *visits_accels[] = { "<Control>3", NULL };

  /* The store opens in a worker thread from here, not once the window is
   * made: GTK and libadwaita now wait for the desktop portal (100-250 ms
   * when a fresh session starts it), and the calendar can read its month
   * as soon as its page exists.  The path came with the options
   * (handle_local_options), which run before startup.
   */
  ensure_store (self);

  /* GtkApplication's startup (the chain-up below) waits for the desktop
   * portal: when a session's first app starts it, 250-300 ms of nothing on
   * this thread.  So the window is made before, and its styles and text
   * worked out (civic_window_prepare()), and activate only has to show it.
   * civic_application_prepare_display() asked the bus to start the portal
   * in main(), before anything else waited for it, and made libadwaita not
   * wait; both init calls do nothing then, and start GTK and libadwaita
   * here otherwise (tests).
   */
  gtk_init ();
  adw_init ();
  load_styles_and_icons ();
  self->first_window = g_object_ref (civic_window_new (NULL));
  civic_window_prepare (self->first_window);

  G_APPLICATION_CLASS (civic_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  update_actions (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  /* GtkApplication sets this one only for a gtk/help-overlay.ui resource,
   * which the window builds itself when first asked (civic-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-page::calendar",
                                         calendar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-page::volunteers",
                                         volunteers_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-page::visits",
                                         visits_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

/* A window made during startup but never shown: the application was
 * started for something else than showing itself (an action, say).
 */
static void
discard_first_window (CivicApplication *self)
{
  if (self->first_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->first_window));
  g_clear_object (&self->first_window);
}

static void
civic_application_shutdown (GApplication *application)
{
  discard_first_window (CIVIC_APPLICATION (application));

  G_APPLICATION_CLASS (civic_application_parent_class)->shutdown (application);
}

static void
civic_application_activate (GApplication *application)
{
  CivicApplication *self = CIVIC_APPLICATION (application);

  /* The first frame never waits for SQLite: the store opens (or opened
   * during startup) in a worker thread, and the pages fill when it is open.
   */
  gtk_window_present (get_or_create_window (self));
  ensure_store (self);
}

static int
civic_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  CivicApplication *self = CIVIC_APPLICATION (application);
  const char *db_arg = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "civic-desk", PACKAGE_VERSION);
      return 0;
    }

  /* Known before startup, so that the store can open during it.  In a
   * second instance these go nowhere: command_line() hands the arguments
   * to the first one.
   */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db_arg) && self->store == NULL && !self->opening)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_arg);
      g_autofree char *db_path = g_file_get_path (file);

      civic_application_set_db_path (self, db_path);
    }
  if (g_variant_dict_contains (options, "read-only"))
    civic_application_set_read_only (self, TRUE);

  return -1;
}

static int
civic_application_command_line (GApplication            *application,
                                GApplicationCommandLine *command_line)
{
  CivicApplication *self = CIVIC_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *db_arg = NULL;
  g_autofree char *db_path = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              db_arg);
      db_path = g_file_get_path (file);
    }

  if (g_variant_dict_contains (options, "read-only"))
    civic_application_set_read_only (self, TRUE);

  if (db_path != NULL)
    {
      if (self->store != NULL || self->opening)
        {
          /* One process has one store; a second --db would silently show
           * the wrong data, so say so on the caller's terminal.
           */
          if (g_strcmp0 (db_path, self->db_path) != 0)
            g_application_command_line_printerr (command_line,
                                                 _("Civic Desk is already running with %s; "
                                                   "ignoring --db %s\n"),
                                                 self->db_path, db_path);
        }
      else
        {
          civic_application_set_db_path (self, db_path);
        }
    }

  g_application_activate (application);

  return 0;
}

static void
civic_application_dispose (GObject *object)
{
  CivicApplication *self = CIVIC_APPLICATION (object);

  g_clear_object (&self->sync);

  discard_first_window (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (civic_application_parent_class)->dispose (object);
}

static void
civic_application_finalize (GObject *object)
{
  CivicApplication *self = CIVIC_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (civic_application_parent_class)->finalize (object);
}

static void
civic_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicApplication *self = CIVIC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_LOADING_SAMPLE:
      g_value_set_boolean (value, self->loading_sample);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_application_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicApplication *self = CIVIC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      civic_application_set_db_path (self, g_value_get_string (value));
      break;

    case PROP_READ_ONLY:
      civic_application_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_application_class_init (CivicApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = civic_application_dispose;
  object_class->finalize = civic_application_finalize;
  object_class->get_property = civic_application_get_property;
  object_class->set_property = civic_application_set_property;

  app_class->startup = civic_application_startup;
  app_class->activate = civic_application_activate;
  app_class->shutdown = civic_application_shutdown;
  app_class->handle_local_options = civic_application_handle_local_options;
  app_class->command_line = civic_application_command_line;

  /**
   * CivicApplication:store:
   *
   * The open store, or %NULL while it opens or when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CIVIC_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CivicApplication:store-error:
   *
   * Why the store could not be opened, or %NULL.
   */
  properties[PROP_STORE_ERROR] =
    g_param_spec_boxed ("store-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CivicApplication:db-path:
   *
   * The database file: set before the store opens (%NULL means the
   * default path), and the store's own path once it is open.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * CivicApplication:read-only:
   *
   * Whether this is a read-only (board) profile: pages disable their edit
   * actions and the store refuses local edits.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * CivicApplication:loading-sample:
   *
   * Whether app.load-sample-data is writing the sample organization.
   */
  properties[PROP_LOADING_SAMPLE] =
    g_param_spec_boolean ("loading-sample", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civic_application_init (CivicApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build has no compiled schema unless GSETTINGS_SCHEMA_DIR
   * points at build/data (build-aux/run does); without it the window simply
   * does not remember its size, instead of aborting.
   */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_debug ("GSettings schema %s is not installed; settings are not kept", APP_ID);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan events, staff them with volunteers and "
                                              "track legislative visits."));
}

/* Asks the session bus to start the desktop portal, without waiting for
 * it, if it is not running yet.  Returns whether it asked.
 */
static gboolean
start_desktop_portal (void)
{
  /* The process's shared connection, which GApplication registers on next;
   * kept, as dropping the last reference would close it before the request
   * is even sent.
   */
  static GDBusConnection *bus;
  g_autoptr(GVariant) reply = NULL;
  gboolean running = FALSE;

  if (bus == NULL)
    bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", DESKTOP_PORTAL),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(b)", &running);
  if (running)
    return FALSE;

  g_debug ("Starting the desktop portal");
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "StartServiceByName",
                          g_variant_new ("(su)", DESKTOP_PORTAL, 0),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  return TRUE;
}

/**
 * civic_application_prepare_display:
 *
 * Starts GTK and libadwaita before the application, for what they would
 * otherwise do on the way to the first frame:
 *
 * - The desktop portal.  GTK 4.8's GtkApplication and libadwaita's style
 *   manager both wait for it, and the first app of a session starts it:
 *   250-300 ms, for which this thread can do nothing.  If it is not running,
 *   the bus is asked to start it here, at once, and libadwaita reads the
 *   appearance (dark style, high contrast) from GSettings instead of waiting:
 *   from org.gnome.desktop.interface, the keys the portal's GNOME and GTK
 *   backends serve.  GtkApplication still waits, but the window is made
 *   in the meantime (civic_application_startup()).  A running portal is
 *   used as usual, and so is any portal in a sandbox, where GSettings are
 *   not the desktop's.
 * - libadwaita draws with its own stylesheet over GTK's empty
 *   "Adwaita-empty" theme, but GTK 4.8 parses its Default theme first, when
 *   the display's settings are made (10-40 ms of a cold start), only to
 *   drop it when libadwaita starts.  The settings are made here with the
 *   empty theme named, which skips that parse.  A GTK_THEME the user set is
 *   kept.
 * - The display's icon theme is made before libadwaita adds its icon path,
 *   so that GTK's first read of the themes, in a thread, runs meanwhile.
 *
 * The environment variables are removed at once: programs the app starts
 * would inherit them, and libadwaita would take GTK_THEME for a theme the
 * user chose (so it goes before libadwaita starts).  (The environment is
 * not thread-safe; the threads running by then, GDBus's worker and the
 * icon theme's reader, do not read it.)  Without a display nothing is
 * started.
 *
 * Call it in main(), before g_application_run().
 */
void
civic_application_prepare_display (void)
{
  gboolean skip_default_theme = g_getenv ("GTK_THEME") == NULL;
  gboolean portal_starting;
  gboolean appearance_from_settings;

  if (skip_default_theme)
    g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);

  /* The display's settings load the theme when they are made. */
  if (!gtk_init_check ())
    {
      if (skip_default_theme)
        g_unsetenv ("GTK_THEME");
      return;
    }
  gtk_settings_get_default ();
  if (skip_default_theme)
    g_unsetenv ("GTK_THEME");
  gtk_icon_theme_get_for_display (gdk_display_get_default ());

  portal_starting = start_desktop_portal ();
  appearance_from_settings = portal_starting
                             && g_getenv ("ADW_DISABLE_PORTAL") == NULL
                             && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
  if (appearance_from_settings)
    g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);

  adw_init ();

  if (appearance_from_settings)
    g_unsetenv ("ADW_DISABLE_PORTAL");
}

CivicApplication *
civic_application_new (void)
{
  return g_object_new (CIVIC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", NULL,
                       NULL);
}

/**
 * civic_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL while it
 *   opens or when it could not be opened
 */
CivicStore *
civic_application_get_store (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * civic_application_get_store_error:
 *
 * Returns: (transfer none) (nullable): why the store could not be opened
 */
const GError *
civic_application_get_store_error (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), NULL);

  return self->store_error;
}

const char *
civic_application_get_db_path (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * civic_application_set_db_path:
 * @db_path: (nullable): the database file, %NULL for the default
 *
 * Chooses the database before the store opens; ignored (with a warning)
 * once it is open, since one process keeps one store.
 */
void
civic_application_set_db_path (CivicApplication *self,
                               const char       *db_path)
{
  g_return_if_fail (CIVIC_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL && !self->opening);

  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

gboolean
civic_application_get_read_only (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), FALSE);

  return self->read_only;
}

void
civic_application_set_read_only (CivicApplication *self,
                                 gboolean          read_only)
{
  g_return_if_fail (CIVIC_IS_APPLICATION (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  if (self->store != NULL)
    civic_store_set_read_only (self->store, read_only);

  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
civic_application_get_loading_sample (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), FALSE);

  return self->loading_sample;
}

/**
 * civic_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings, or
 *   %NULL when the schema is not installed (an uninstalled build without
 *   GSETTINGS_SCHEMA_DIR)
 */
/**
 * civic_application_get_sync_controller:
 *
 * Returns: (transfer none) (nullable): the sync controller, once the store
 *   has opened
 */
CivicSyncController *
civic_application_get_sync_controller (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), NULL);

  return self->sync;
}

GSettings *
civic_application_get_settings (CivicApplication *self)
{
  g_return_val_if_fail (CIVIC_IS_APPLICATION (self), NULL);

  return self->settings;
}
