/* test-shell.c — the application shell under a display: window, pages,
 * sample data, errors, closing
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These tests drive the real CivicApplication and CivicWindow against
 * databases in a temporary folder.  They need a display (meson test runs
 * them under Xvfb) and a session bus (dbus-run-session).
 */

#define G_LOG_DOMAIN "test-shell"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-calendar-page.h"
#include "civic-lazy-page.h"
#include "civic-sample.h"
#include "civic-visit-index.h"
#include "civic-application.h"
#include "civic-preferences-window.h"
#include "civic-window.h"

/* Generous: the sanitizer build is several times slower than the normal one. */
/* Runs the main loop until @condition holds; fails the test after the
 * timeout rather than hanging.
 */
typedef struct {
  char             *dir;
  CivicApplication *app;
  CivicWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("civic-shell-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
store_open (gpointer data)
{
  return civic_application_get_store (CIVIC_APPLICATION (data)) != NULL;
}

static gboolean
store_failed (gpointer data)
{
  return civic_application_get_store_error (CIVIC_APPLICATION (data)) != NULL;
}

static gboolean
welcome_visible (gpointer data)
{
  return civic_window_get_welcome_visible (CIVIC_WINDOW (data));
}

static gboolean
sample_loaded (gpointer data)
{
  return !civic_application_get_loading_sample (CIVIC_APPLICATION (data));
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (data)) == NULL;
}

/* A CivicApplication of its own for a test: several test programs may
 * share a session bus, and an application stays exported on it for the
 * life of this process (see close_app), so each gets an id of its own.
 * With @db_path %NULL the path comes from the command line.
 */
static void
new_app (Fixture    *fixture,
         const char *app_id,
         const char *db_path)
{
  fixture->app = civic_application_new ();
  g_application_set_application_id (G_APPLICATION (fixture->app), app_id);
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  if (db_path != NULL)
    civic_application_set_db_path (fixture->app, db_path);
}

/* Registers a new application on @db_name in the fixture's folder, which
 * runs its startup (the store starts opening, the window is made).
 */
static void
register_app (Fixture    *fixture,
              const char *db_name)
{
  static guint n_registered;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->dir, db_name, NULL);
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_registered);

  new_app (fixture, app_id, db_path);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
}

/* Activates the application and waits for its window to be on screen. */
static void
show_window (Fixture *fixture)
{
  g_application_activate (G_APPLICATION (fixture->app));

  fixture->window = CIVIC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (CIVIC_IS_WINDOW (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);

  civic_test_wait_for (civic_test_widget_mapped, fixture->window, "the window to map");
}

static void
start_app (Fixture    *fixture,
           const char *db_name)
{
  register_app (fixture, db_name);
  show_window (fixture);
}

/* Closes every window as the user would and checks that the window is
 * finalized: nothing (a page, a pending task, a signal handler) keeps a
 * reference to it.  The application itself cannot be checked the same way:
 * a registered GtkApplication keeps a reference to itself (checked with a
 * bare GtkApplication on GTK 4.8), so it is only released here.
 */
static void
close_app (Fixture *fixture)
{
  GApplication *app = G_APPLICATION (fixture->app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  civic_test_wait_for (no_windows, app, "the windows to close");
  civic_test_wait_for (civic_test_pointer_cleared, &fixture->window, "the window to be finalized");

  g_clear_object (&fixture->app);
}

static GtkWidget *
get_page (CivicWindow *window,
          const char  *name)
{
  /* The view stack is a template child; find it through the widget tree. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window)); w != NULL; )
    {
      if (ADW_IS_VIEW_STACK (w))
        return adw_view_stack_get_child_by_name (ADW_VIEW_STACK (w), name);

      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }

  return NULL;
}

static gboolean
widget_mapped_or_gone (gpointer data)
{
  GtkWidget *widget = *(GtkWidget **) data;

  return widget == NULL || gtk_widget_get_mapped (widget);
}

/* Checks that a window of @type is shown for @window, then closes it and
 * checks that it is finalized.
 */
static void
close_toplevel (CivicWindow *window,
                GType        type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;

  g_assert_nonnull (found);
  g_assert_true (gtk_window_get_transient_for (found) == GTK_WINDOW (window)
                 || G_TYPE_CHECK_INSTANCE_TYPE (found, GTK_TYPE_SHORTCUTS_WINDOW));

  g_object_add_weak_pointer (G_OBJECT (found), (gpointer *) &found);
  civic_test_wait_for (widget_mapped_or_gone, &found, "the window to map");

  /* The main window keeps its help overlay and only hides it. */
  if (G_TYPE_CHECK_INSTANCE_TYPE (found, GTK_TYPE_SHORTCUTS_WINDOW))
    {
      gtk_window_close (found);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (found)));
      g_object_remove_weak_pointer (G_OBJECT (found), (gpointer *) &found);
      return;
    }

  gtk_window_destroy (found);
  civic_test_wait_for (civic_test_pointer_cleared, &found, "the window to be finalized");
}

/* The shortcuts window is built when first asked for, not with the main
 * window, and then kept: asking again shows the same one.
 */
static void
check_help_overlay (Fixture *fixture)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->window);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                "win.show-help-overlay");
  GtkShortcutsWindow *overlay;

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_assert_null (gtk_application_window_get_help_overlay (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  close_toplevel (fixture->window, GTK_TYPE_SHORTCUTS_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  close_toplevel (fixture->window, GTK_TYPE_SHORTCUTS_WINDOW);
}

static void
test_shell_pages (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const struct {
    const char *name;
    const char *type;
  } pages[] = {
    { "visits", "CivicVisitsPage" },
    { "calendar", "CivicCalendarPage" },
    { "volunteers", "CivicVolunteersPage" },
  };
  CivicStore *store;
  g_autofree char *last_page = NULL;
  GSettings *settings;
  GtkWidget *page_widgets[G_N_ELEMENTS (pages)];

  start_app (fixture, "pages.db");

  civic_test_wait_for (store_open, fixture->app, "the store to open");
  store = civic_application_get_store (fixture->app);

  /* A new database is empty: the window offers the sample data. */
  civic_test_wait_for (welcome_visible, fixture->window, "the welcome of an empty database");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app),
                                                    "load-sample-data"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *stand_in = get_page (fixture->window, pages[i].name);
      GtkWidget *page;
      g_autoptr(CivicStore) page_store = NULL;
      gboolean read_only = TRUE;

      g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-page",
                                      g_variant_new_string (pages[i].name));
      g_assert_cmpstr (civic_window_get_visible_page (fixture->window), ==, pages[i].name);
      g_assert_false (civic_window_get_welcome_visible (fixture->window));
      civic_test_wait_for (civic_test_widget_mapped, stand_in, "the page to map");

      /* Shown, the page is built, and it is mapped with its stand-in. */
      page = civic_lazy_page_peek_page (CIVIC_LAZY_PAGE (stand_in));
      g_assert_nonnull (page);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (page), ==, pages[i].type);
      civic_test_wait_for (civic_test_widget_mapped, page, "the built page to map");
      page_widgets[i] = page;
      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page_widgets[i]);

      /* Every page got the store and the profile's read-only flag. */
      g_object_get (page, "store", &page_store, "read-only", &read_only, NULL);
      g_assert_true (page_store == store);
      g_assert_false (read_only);
    }

  /* The primary menu's windows open on top of this one, without warnings. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "preferences", NULL);
  close_toplevel (fixture->window, CIVIC_TYPE_PREFERENCES_WINDOW);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  close_toplevel (fixture->window, ADW_TYPE_ABOUT_WINDOW);
  check_help_overlay (fixture);

  /* An unknown page changes nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-page",
                                  g_variant_new_string ("no-such-page"));
  g_assert_cmpstr (civic_window_get_visible_page (fixture->window), ==, "volunteers");

  /* The read-only profile reaches every page and disables the sample data. */
  civic_application_set_read_only (fixture->app, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gboolean read_only = FALSE;

      g_object_get (page_widgets[i], "read-only", &read_only, NULL);
      g_assert_true (read_only);
    }
  g_assert_true (civic_store_get_read_only (store));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app),
                                                     "load-sample-data"));

  close_app (fixture);

  /* The pages go with the window (a page's worker thread that is still
   * finishing may hold it a moment longer).
   */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    civic_test_wait_for (civic_test_pointer_cleared, &page_widgets[i], pages[i].type);

  /* The page shown last is remembered. */
  settings = g_settings_new (APP_ID);
  last_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last_page, ==, "volunteers");
  g_object_unref (settings);
}

static void
test_shell_sample_data (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CivicStoreStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  CivicStore *store;

  start_app (fixture, "sample.db");
  civic_test_wait_for (store_open, fixture->app, "the store to open");
  civic_test_wait_for (welcome_visible, fixture->window, "the welcome of an empty database");
  store = civic_application_get_store (fixture->app);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "load-sample-data", NULL);
  g_assert_true (civic_application_get_loading_sample (fixture->app));
  /* While it writes, a second run cannot start. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app),
                                                     "load-sample-data"));
  civic_test_wait_for (sample_loaded, fixture->app, "the sample data to load");

  stats = civic_store_get_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->documents, >, 0);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (stats->documents_per_type, "event")), >, 0);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (stats->documents_per_type, "volunteer")), >, 0);

  /* The committed documents replace the welcome with the pages. */
  g_assert_false (civic_window_get_welcome_visible (fixture->window));

  close_app (fixture);
}

static void
test_shell_open_error (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;

  /* A regular file where the database's folder should be: it cannot open. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  start_app (fixture, "not-a-folder/civic-desk.db");
  civic_test_wait_for (store_failed, fixture->app, "the store to fail");
  g_assert_null (civic_application_get_store (fixture->app));

  /* The user is told, in a dialog on the window that names the file. */
  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "not-a-folder") != NULL);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app),
                                                     "load-sample-data"));

  /* Its one answer quits. */
  adw_message_dialog_response (dialog, "quit");
  civic_test_wait_for (no_windows, fixture->app, "the windows to close");
  civic_test_wait_for (civic_test_pointer_cleared, &fixture->window, "the window to be finalized");
  g_clear_object (&fixture->app);
}

static void
command_line_store_cb (CivicApplication *app,
                       GParamSpec       *pspec,
                       gpointer          user_data)
{
  gboolean *read_only = user_data;

  /* Checked here, while the application still runs. */
  *read_only = civic_store_get_read_only (civic_application_get_store (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_shell_command_line (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *db_path = g_build_filename (fixture->dir, "from-argv.db", NULL);
  g_autofree char *app_id = g_strdup_printf ("%s.TestCommandLine", APP_ID);
  char *argv[] = { (char *) "civic-desk", (char *) "--db", db_path, (char *) "--read-only", NULL };
  gboolean read_only = FALSE;
  int status;

  /* The real entry point: options parsed, window shown, store opened,
   * and the application quits once its last window is closed.
   */
  new_app (fixture, app_id, NULL);
  g_signal_connect (fixture->app, "notify::store", G_CALLBACK (command_line_store_cb), &read_only);

  status = g_application_run (G_APPLICATION (fixture->app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (civic_application_get_db_path (fixture->app), ==, db_path);
  g_assert_true (civic_application_get_read_only (fixture->app));
  g_assert_true (read_only);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));

  g_clear_object (&fixture->app);
}

/* The store opens while GTK and libadwaita start (they wait for the
 * desktop portal), not once the window is made, so the calendar can read
 * its month at once.
 */
static void
test_shell_store_opens_during_startup (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autofree char *db_path = g_build_filename (fixture->dir, "early.db", NULL);

  register_app (fixture, "early.db");
  civic_test_wait_for (store_open, fixture->app, "the store to open");
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  g_assert_cmpstr (civic_store_get_path (civic_application_get_store (fixture->app)), ==, db_path);

  /* The window made afterwards shows it. */
  show_window (fixture);
  close_app (fixture);
}

static CivicWindow *
find_window_without_application (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CIVIC_IS_WINDOW (window) && gtk_window_get_application (window) == NULL)
        return CIVIC_WINDOW (window);
    }

  return NULL;
}

/* GtkApplication's startup waits for the desktop portal; the window is made
 * before, with the app's stylesheets and icons, which the app loads itself
 * (GtkApplication and AdwApplication would only load them after the wait),
 * and activate shows that window.
 */
static void
test_shell_window_made_during_startup (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  GtkIconTheme *icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkWidget) buttons = NULL;
  GtkWidget *button;
  CivicWindow *early;
  int minimum;

  g_assert_null (find_window_without_application ());
  register_app (fixture, "early.db");

  early = find_window_without_application ();
  g_assert_nonnull (early);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  /* Not realized: GTK gives an application's window its X properties then. */
  g_assert_false (gtk_widget_get_realized (GTK_WIDGET (early)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (early)));

  /* Nothing is left for GtkApplication and AdwApplication to load... */
  g_assert_null (g_application_get_resource_base_path (G_APPLICATION (fixture->app)));
  /* ...and the app loaded it: its icons (the calendar's filter, its own) and
   * stylesheet (the welcome's buttons are one width).
   */
  g_assert_true (gtk_icon_theme_has_icon (icons, "civic-filter-symbolic"));
  g_assert_true (gtk_icon_theme_has_icon (icons, APP_ID));
  buttons = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_add_css_class (buttons, "welcome-buttons");
  button = gtk_button_new_with_label ("x");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, >=, 220);

  /* (Opened by then, so that the fixture's folder outlives the opening.) */
  civic_test_wait_for (store_open, fixture->app, "the store to open");
  show_window (fixture);
  g_assert_true (fixture->window == early);
  g_assert_null (find_window_without_application ());
  close_app (fixture);
}

static gboolean
all_pages_built (gpointer data)
{
  static const char * const names[] = { "calendar", "volunteers", "visits" };
  CivicWindow *window = data;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (civic_lazy_page_peek_page (CIVIC_LAZY_PAGE (get_page (window, names[i]))) == NULL)
      return FALSE;
  return TRUE;
}

/* A page stands in the stack until it is first shown; the hidden ones are
 * built anyway once the window has settled, without being shown.
 */
static void
test_shell_lazy_pages (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (NULL, &error);
  GtkWindow *window;
  CivicLazyPage *stand_in;
  GtkWidget *page;
  gboolean read_only = FALSE;
  g_autoptr(CivicStore) page_store = NULL;

  g_assert_no_error (error);
  /* As the window does for its pages: "page-type" names a known type. */
  g_type_ensure (CIVIC_TYPE_CALENDAR_PAGE);

  /* Not shown: nothing built; asked for, built with what it carries. */
  stand_in = g_object_new (CIVIC_TYPE_LAZY_PAGE, "page-type", "CivicCalendarPage",
                           "read-only", TRUE, "store", store, NULL);
  g_object_ref_sink (stand_in);
  g_assert_null (civic_lazy_page_peek_page (stand_in));
  page = civic_lazy_page_get_page (stand_in);
  g_assert_true (CIVIC_IS_CALENDAR_PAGE (page));
  g_assert_true (civic_lazy_page_peek_page (stand_in) == page);
  g_object_get (page, "read-only", &read_only, "store", &page_store, NULL);
  g_assert_true (read_only);
  g_assert_true (page_store == store);
  /* Later changes reach the page. */
  g_object_set (stand_in, "read-only", FALSE, NULL);
  g_object_get (page, "read-only", &read_only, NULL);
  g_assert_false (read_only);
  g_object_unref (stand_in);

  /* Shown in a window: built on its first map. */
  stand_in = g_object_new (CIVIC_TYPE_LAZY_PAGE, "page-type", "CivicCalendarPage", NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (stand_in));
  g_assert_null (civic_lazy_page_peek_page (stand_in));
  gtk_window_present (window);
  civic_test_wait_for (civic_test_widget_mapped, window, "the window to map");
  page = civic_lazy_page_peek_page (stand_in);
  g_assert_nonnull (page);
  civic_test_wait_for (civic_test_widget_mapped, page, "the built page to map");
  gtk_window_destroy (window);

  /* The application's window builds its hidden pages after start-up. */
  start_app (fixture, "lazy.db");
  civic_test_wait_for (all_pages_built, fixture->window, "the hidden pages to be built");
  g_assert_cmpstr (civic_window_get_visible_page (fixture->window), ==, "calendar");
  g_assert_false (gtk_widget_get_mapped (civic_lazy_page_peek_page (CIVIC_LAZY_PAGE (get_page (fixture->window, "visits")))));
  close_app (fixture);
}

static gboolean
badge_shown (gpointer data)
{
  AdwViewStackPage *page = data;

  return adw_view_stack_page_get_badge_number (page) > 0;
}

/* The Visits page is built hidden, after start-up, inside its stand-in;
 * the count of overdue follow-ups must reach the window's page switcher.
 */
static void
test_shell_visits_badge (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->dir, "badge.db", NULL);
  guint overdue;
  GtkWidget *stand_in;
  AdwViewStackPage *page;

  {
    g_autoptr(CivicStore) store = civic_store_open (db_path, &error);
    g_autoptr(CivicVisitIndex) index = NULL;

    g_assert_no_error (error);
    g_assert_true (civic_sample_generate (store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
    g_assert_no_error (error);
    index = civic_visit_index_new (store);
    g_assert_true (civic_visit_index_load (index, NULL, &error));
    g_assert_no_error (error);
    overdue = civic_visit_index_count_overdue (index, NULL);
  }
  /* The demo organization owes follow-ups from before today. */
  g_assert_cmpuint (overdue, >, 0);

  start_app (fixture, "badge.db");
  stand_in = get_page (fixture->window, "visits");
  page = adw_view_stack_get_page (ADW_VIEW_STACK (gtk_widget_get_parent (stand_in)), stand_in);
  civic_test_wait_for (badge_shown, page, "the Visits badge");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, overdue);
  g_assert_true (adw_view_stack_page_get_needs_attention (page));
  /* Shown from the calendar, without opening the Visits page. */
  g_assert_cmpstr (civic_window_get_visible_page (fixture->window), ==, "calendar");
  close_app (fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/shell/lazy-pages", Fixture, NULL,
              fixture_set_up, test_shell_lazy_pages, fixture_tear_down);
  g_test_add ("/shell/visits-badge", Fixture, NULL,
              fixture_set_up, test_shell_visits_badge, fixture_tear_down);
  g_test_add ("/shell/pages", Fixture, NULL,
              fixture_set_up, test_shell_pages, fixture_tear_down);
  g_test_add ("/shell/sample-data", Fixture, NULL,
              fixture_set_up, test_shell_sample_data, fixture_tear_down);
  g_test_add ("/shell/open-error", Fixture, NULL,
              fixture_set_up, test_shell_open_error, fixture_tear_down);
  g_test_add ("/shell/store-opens-during-startup", Fixture, NULL,
              fixture_set_up, test_shell_store_opens_during_startup, fixture_tear_down);
  g_test_add ("/shell/window-made-during-startup", Fixture, NULL,
              fixture_set_up, test_shell_window_made_during_startup, fixture_tear_down);
  g_test_add ("/shell/command-line", Fixture, NULL,
              fixture_set_up, test_shell_command_line, fixture_tear_down);

  return g_test_run ();
}
