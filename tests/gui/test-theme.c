/* test-theme.c — how the app starts GTK and libadwaita: without GTK's
 * Default theme, and without waiting for a desktop portal that is starting
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * civic_application_prepare_display () must run before GTK starts, so
 * each case runs in a process of its own; the portal cases each have a
 * session bus of their own (GTestDBus).
 */

#define G_LOG_DOMAIN "test-theme"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "civic-application.h"

static gboolean
adwaita_color_defined (const char *name)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));
  GdkRGBA color;
  gboolean found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (label), name, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_unref (label);
  return found;
}

/* A session bus of the test's own.  GTestDBus unsets DISPLAY (for its
 * bus not to be found through X); the display is the one the suite runs on.
 * The bus is not taken down: the process's shared connection is kept by the
 * app (and GTK), which g_test_dbus_down() would wait for; GTestDBus stops
 * the daemon when the test's process exits.
 */
static GTestDBus *
private_bus_up (const char *service_dir)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  if (service_dir != NULL)
    g_test_dbus_add_service_dir (bus, service_dir);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  return bus;
}

static void
test_skip_default_theme (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *theme = NULL;

      private_bus_up (NULL);
      g_unsetenv ("GTK_THEME");
      civic_application_prepare_display ();
      /* Nothing the app starts may inherit the name. */
      g_assert_null (g_getenv ("GTK_THEME"));
      g_assert_true (gtk_is_initialized ());
      /* The display's icon theme is made (and starts reading its themes in
       * a thread) before the application starts; GTK keeps it on the
       * display under this name.
       */
      g_assert_nonnull (g_object_get_data (G_OBJECT (gdk_display_get_default ()), "gtk-icon-theme"));

      adw_init ();
      /* libadwaita did not take the name for a user's theme: its
       * stylesheet, which defines the accent colours, is in.
       */
      g_assert_true (adwaita_color_defined ("accent_bg_color"));
      g_assert_true (adwaita_color_defined ("window_bg_color"));
      g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
      g_assert_cmpstr (theme, ==, "Adwaita-empty");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_user_theme_kept (void)
{
  if (g_test_subprocess ())
    {
      private_bus_up (NULL);

      g_setenv ("GTK_THEME", "Adwaita:dark", TRUE);
      civic_application_prepare_display ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita:dark");
      g_assert_true (gtk_is_initialized ());
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A stand-in for xdg-desktop-portal's settings, run in a thread of its own
 * (libadwaita reads them with blocking calls from the main thread): it says
 * the desktop prefers the dark style.
 */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  gboolean      owned;
  int           reads;
} FakePortal;

static const char portal_settings_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Settings'>"
  "    <method name='ReadAll'>"
  "      <arg type='as' name='namespaces' direction='in'/>"
  "      <arg type='a{sa{sv}}' name='value' direction='out'/>"
  "    </method>"
  "    <method name='Read'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <signal name='SettingChanged'>"
  "      <arg type='s' name='namespace'/>"
  "      <arg type='s' name='key'/>"
  "      <arg type='v' name='value'/>"
  "    </signal>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  FakePortal *portal = user_data;
  const char *namespace, *key;

  if (!g_str_equal (method_name, "Read"))
    {
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  "org.freedesktop.DBus.Error.UnknownMethod",
                                                  "Only Read is faked");
      return;
    }

  g_atomic_int_inc (&portal->reads);
  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  /* As xdg-desktop-portal answers Read: the value in a second variant. */
  if (g_str_equal (namespace, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (1))));
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                "Requested setting not found");
}

static GVariant *
portal_get_property (GDBusConnection  *connection,
                     const char       *sender,
                     const char       *object_path,
                     const char       *interface_name,
                     const char       *property_name,
                     GError          **error,
                     gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static void
portal_name_acquired_cb (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  FakePortal *portal = user_data;

  g_mutex_lock (&portal->lock);
  portal->owned = TRUE;
  g_cond_signal (&portal->cond);
  g_mutex_unlock (&portal->lock);
}

static gpointer
fake_portal_thread (gpointer user_data)
{
  static const GDBusInterfaceVTable vtable = { portal_method_call, portal_get_property, NULL };
  FakePortal *portal = user_data;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint owner_id;

  g_main_context_push_thread_default (portal->context);

  /* A connection of its own: the process's shared one would deliver the
   * calls to this thread only if it had been made here.
   */
  connection = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (portal_settings_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (connection, "org.freedesktop.portal.Desktop",
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           portal_name_acquired_cb, NULL, portal, NULL);

  g_main_loop_run (portal->loop);

  g_bus_unown_name (owner_id);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

/* With the desktop portal running, libadwaita reads the appearance from it,
 * as usual: nothing waits for it.
 */
static void
test_running_portal_used (void)
{
  if (g_test_subprocess ())
    {
      FakePortal portal = { 0 };

      private_bus_up (NULL);
      portal.context = g_main_context_new ();
      portal.loop = g_main_loop_new (portal.context, FALSE);
      portal.thread = g_thread_new ("fake-portal", fake_portal_thread, &portal);
      g_mutex_lock (&portal.lock);
      while (!portal.owned)
        g_cond_wait (&portal.cond, &portal.lock);
      g_mutex_unlock (&portal.lock);

      civic_application_prepare_display ();

      g_assert_cmpint (g_atomic_int_get (&portal.reads), >, 0);
      g_assert_true (adw_style_manager_get_system_supports_color_schemes (adw_style_manager_get_default ()));
      g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
      g_assert_null (g_getenv ("ADW_DISABLE_PORTAL"));

      g_main_loop_quit (portal.loop);
      g_thread_join (portal.thread);
      g_main_loop_unref (portal.loop);
      g_main_context_unref (portal.context);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
wait_for_file (const char *path,
               gboolean    exists)
{
  for (guint i = 0; i < 200 && g_file_test (path, G_FILE_TEST_EXISTS) != exists; i++)
    g_usleep (G_USEC_PER_SEC / 20);
  return g_file_test (path, G_FILE_TEST_EXISTS) == exists;
}

#define file_appears(path)    wait_for_file (path, TRUE)
#define file_disappears(path) wait_for_file (path, FALSE)

/* With no desktop portal running (the first app of a session), the bus is
 * asked to start it, and libadwaita reads the appearance from GSettings
 * instead of waiting for it.  The portal here is a script that never
 * answers until the test lets it go: waiting for it would hold the process
 * well past the subprocess's time limit.
 */
static void
test_starting_portal_not_awaited (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSettings) interface = NULL;
      g_autofree char *dir = g_dir_make_tmp ("civic-portal-XXXXXX", &error);
      g_autofree char *script = NULL;
      g_autofree char *script_path = NULL;
      g_autofree char *service = NULL;
      g_autofree char *service_path = NULL;
      g_autofree char *started = NULL;
      g_autofree char *release = NULL;

      g_assert_no_error (error);
      started = g_build_filename (dir, "started", NULL);
      release = g_build_filename (dir, "release", NULL);
      script_path = g_build_filename (dir, "portal.sh", NULL);
      /* It lets go of the test's output, which the test waits on. */
      script = g_strdup_printf ("#!/bin/sh\n"
                                "exec > /dev/null 2>&1 < /dev/null\n"
                                "touch '%s'\n"
                                "i=0\n"
                                "while [ ! -e '%s' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n"
                                "rm -f '%s'\n",
                                started, release, started);
      g_file_set_contents (script_path, script, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (script_path, 0700), ==, 0);
      service_path = g_build_filename (dir, "org.freedesktop.portal.Desktop.service", NULL);
      service = g_strdup_printf ("[D-BUS Service]\nName=org.freedesktop.portal.Desktop\nExec=%s\n",
                                 script_path);
      g_file_set_contents (service_path, service, -1, &error);
      g_assert_no_error (error);

      private_bus_up (dir);

      /* The user prefers the dark style (GSettings in memory). */
      interface = g_settings_new ("org.gnome.desktop.interface");
      g_assert_true (g_settings_set_string (interface, "color-scheme", "prefer-dark"));

      civic_application_prepare_display ();

      g_assert_true (file_appears (started));
      g_assert_null (g_getenv ("ADW_DISABLE_PORTAL"));
      g_assert_true (adw_style_manager_get_system_supports_color_schemes (adw_style_manager_get_default ()));
      g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

      /* Let the stand-in go. */
      g_file_set_contents (release, "", -1, NULL);
      g_assert_true (file_disappears (started));
      g_remove (release);
      g_remove (script_path);
      g_remove (service_path);
      g_rmdir (dir);
      return;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shell/theme/skip-default-theme", test_skip_default_theme);
  g_test_add_func ("/shell/theme/user-theme-kept", test_user_theme_kept);
  g_test_add_func ("/shell/theme/running-portal-used", test_running_portal_used);
  g_test_add_func ("/shell/theme/starting-portal-not-awaited", test_starting_portal_not_awaited);

  return g_test_run ();
}
