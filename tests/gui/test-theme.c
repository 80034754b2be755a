/* test-theme.c — the app skips GTK's Default theme and keeps libadwaita's
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * civic_application_prepare_display () must run before GTK starts, so
 * each case runs in a process of its own.
 */

#define G_LOG_DOMAIN "test-theme"

#include "config.h"

#include <adwaita.h>

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

static void
test_skip_default_theme (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *theme = NULL;

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
      g_setenv ("GTK_THEME", "Adwaita:dark", TRUE);
      civic_application_prepare_display ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita:dark");
      /* GTK is left to start as usual. */
      g_assert_false (gtk_is_initialized ());
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shell/theme/skip-default-theme", test_skip_default_theme);
  g_test_add_func ("/shell/theme/user-theme-kept", test_user_theme_kept);

  return g_test_run ();
}
