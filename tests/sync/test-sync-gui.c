/* test-sync-gui.c — Preferences → Sync against a real server, and the
 * header bar's sync indicator
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sync-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <adwaita.h>

#include "civic-record.h"
#include "civic-account.h"
#include "civic-conflicts-window.h"
#include "civic-sync-controller.h"
#include "civic-json.h"
#include "civic-sync-page.h"
#include "civic-sync-status.h"
#include "sync-test-util.h"

static CivicTestServer *server;

/* With CIVIC_TEST_SCREENSHOTS=DIR, saves @window as DIR/@name.png (how the
 * screenshots in the closing notes were made).
 */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("CIVIC_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static void
test_describe (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, 3, 14, 5, 0);
  char *icon, *text, *tooltip;

  civic_sync_status_describe (CIVIC_REPLICATOR_STATE_SYNCING, 0.45, NULL, NULL, &icon, &text, &tooltip);
  g_assert_cmpstr (text, ==, "Syncing 45%");
  g_assert_cmpstr (icon, ==, "emblem-synchronizing-symbolic");
  g_free (icon), g_free (text), g_free (tooltip);

  civic_sync_status_describe (CIVIC_REPLICATOR_STATE_ERROR, 0, NULL, "The server refused the password", &icon,
                              &text, &tooltip);
  g_assert_cmpstr (text, ==, "Sync Error");
  g_assert_nonnull (strstr (tooltip, "The server refused the password"));
  g_free (icon), g_free (text), g_free (tooltip);

  civic_sync_status_describe (CIVIC_REPLICATOR_STATE_OFFLINE, 0, NULL, NULL, &icon, &text, &tooltip);
  g_assert_cmpstr (text, ==, "Offline");
  g_assert_cmpstr (icon, ==, "network-offline-symbolic");
  g_free (icon), g_free (text), g_free (tooltip);

  civic_sync_status_describe (CIVIC_REPLICATOR_STATE_IDLE, 1, when, NULL, &icon, &text, &tooltip);
  g_assert_true (g_str_has_prefix (text, "Synced "));
  g_free (icon), g_free (text), g_free (tooltip);
}

static void
set_text (GtkWidget  *page,
          const char *field,
          const char *text)
{
  GObject *row = gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
subtitle (GtkWidget *page)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE,
                                                                                     "result_row")));
}

static void
test_page (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autoptr(CivicStore) store = sync_test_store_new ();
  g_autoptr(CivicAccount) account = NULL;
  GtkWidget *window = NULL;
  GtkWidget *page;
  GtkWidget *button;
  gint64 deadline;

  civic_test_server_create_db (server, db, TRUE);
  page = GTK_WIDGET (civic_sync_page_new (store));
  window = adw_preferences_window_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));

  set_text (page, "server_row", civic_test_server_get_url (server));
  set_text (page, "database_row", db);
  set_text (page, "user_row", CIVIC_TEST_ADMIN);
  set_text (page, "password_row", CIVIC_TEST_ADMIN_PASSWORD);
  button = GTK_WIDGET (gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, "test_button"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_str_has_prefix (subtitle (page), "Connected") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (subtitle (page), ==, "Connected to PouchDB authors 4.2.0 as admin (_admin)");
  screenshot (window, "sync-preferences");

  /* Saving writes the account to the profile (the keyring may be absent). */
  button = GTK_WIDGET (gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, "save_button"));
  g_signal_emit_by_name (button, "clicked");
  account = civic_account_load (store, NULL);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->database, ==, db);
  g_assert_cmpstr (account->user, ==, CIVIC_TEST_ADMIN);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_status (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autoptr(CivicStore) store = sync_test_store_new ();
  g_autoptr(CivicReplicator) replicator = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status = g_object_ref_sink (civic_sync_status_new ());

  civic_test_server_create_db (server, db, TRUE);
  g_assert_false (gtk_widget_get_visible (status));
  replicator = sync_test_replicator (store, civic_test_server_get_url (server), db, NULL, NULL);
  civic_sync_status_set_replicator (CIVIC_SYNC_STATUS (status), replicator);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (civic_sync_status_get_text (CIVIC_SYNC_STATUS (status)), ==, "Not Synced Yet");
  g_assert_true (sync_test_sync (replicator, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (civic_sync_status_get_text (CIVIC_SYNC_STATUS (status)), "Synced "));
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *header = gtk_header_bar_new ();

    gtk_header_bar_pack_end (GTK_HEADER_BAR (header), status);
    gtk_window_set_titlebar (GTK_WINDOW (window), header);
    gtk_window_set_default_size (GTK_WINDOW (window), 420, 120);
    gtk_window_present (GTK_WINDOW (window));
    screenshot (window, "sync-status");
    gtk_header_bar_remove (GTK_HEADER_BAR (header), status);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  civic_sync_status_set_replicator (CIVIC_SYNC_STATUS (status), NULL);
  g_assert_false (gtk_widget_get_visible (status));
  g_object_unref (status);
}

static gboolean
has_group_titled (GtkWidget  *widget,
                  const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget)
      && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_group_titled (child, title))
      return TRUE;
  return FALSE;
}

/* A conflict on "phone" and an automatic change of "email" resolved in the
 * window with a written value.
 */
static void
test_conflicts_window (void)
{
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 2, "gui");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *rev_b = NULL;
  g_autofree char *resolved = NULL;
  g_auto(GStrv) left = NULL;
  const char *id = g_ptr_array_index (ids, 1);
  CivicConflictsWindow *window;

  sync_test_copy_revision (a, b, id, NULL);
  rev_a = sync_test_edit (a, id, "phone", "111");
  {
    g_autoptr(JsonObject) mine = civic_store_get (b, id, &error);

    json_object_set_string_member (mine, "phone", "222");
    json_object_set_string_member (mine, "email", "new@b.example.org");
    rev_b = civic_store_put (b, mine, &error);
    g_assert_no_error (error);
  }
  sync_test_copy_revision (a, b, id, rev_a);

  window = civic_conflicts_window_new (b);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (civic_conflicts_window_get_count (window), ==, 1);
  g_assert_true (civic_conflicts_window_select (window, id));
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 600);
  for (gint64 end = g_get_monotonic_time () + 300000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
  screenshot (GTK_WIDGET (window), "conflict-resolver");
  /* Fields go by the labels the editors use, not by their keys. */
  g_assert_true (has_group_titled (GTK_WIDGET (window), civic_record_field_label ("volunteer", "phone")));
  g_assert_cmpstr (civic_record_field_label ("volunteer", "phone"), !=, "phone");
  g_assert_false (has_group_titled (GTK_WIDGET (window), "phone"));
  g_assert_true (civic_conflicts_window_choose (window, "phone", -1, "+1 213 555 0333"));
  resolved = civic_conflicts_window_save (window, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resolved);
  g_assert_cmpuint (civic_conflicts_window_get_count (window), ==, 0);

  left = civic_store_list_conflicted (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (left), ==, 0);
  doc = civic_store_get (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civic_json_object_get_string_or_null (doc, "phone"), ==, "+1 213 555 0333");
  /* b's own change of email was kept by itself. */
  g_assert_cmpstr (civic_json_object_get_string_or_null (doc, "email"), ==, "new@b.example.org");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The application's controller: app.sync-now stays disabled until an
 * account is saved, then syncs the profile.
 */
static void
test_controller (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autofree char *path = NULL;
  g_autoptr(CivicStore) store = sync_test_store_new ();
  g_autoptr(GtkApplication) app = gtk_application_new ("org.civicdesk.CivicDesk.SyncTest", G_APPLICATION_NON_UNIQUE);
  g_autoptr(CivicSyncController) controller = NULL;
  g_autoptr(CivicAccount) account = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(GError) error = NULL;
  CivicReplicator *replicator;
  GAction *action;
  gint64 deadline;
  guint status = 0;

  civic_test_server_create_db (server, db, TRUE);
  g_setenv ("CIVIC_DESK_PASSWORD", CIVIC_TEST_ADMIN_PASSWORD, TRUE);
  controller = civic_sync_controller_new (app, store);
  action = g_action_map_lookup_action (G_ACTION_MAP (app), "sync-now");
  g_assert_nonnull (action);
  g_assert_false (g_action_get_enabled (action));
  g_assert_null (civic_sync_controller_get_replicator (controller));

  account = civic_account_new (civic_test_server_get_url (server), db, CIVIC_TEST_ADMIN);
  account->live = FALSE;
  g_assert_true (civic_account_save (store, account, &error));
  g_assert_no_error (error);
  civic_sync_controller_reload (controller);
  replicator = civic_sync_controller_get_replicator (controller);
  g_assert_nonnull (replicator);
  g_assert_true (g_action_get_enabled (action));

  ids = sync_test_add_volunteers (store, 3, "controller");
  g_action_activate (action, NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (civic_replicator_get_last_synced_at (replicator) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (civic_replicator_get_last_synced_at (replicator));
  path = g_strdup_printf ("/%s/%s", db, (char *) g_ptr_array_index (ids, 2));
  doc = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_unsetenv ("CIVIC_DESK_PASSWORD");
  g_clear_object (&controller);
  g_assert_null (g_action_map_lookup_action (G_ACTION_MAP (app), "sync-now"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* gtk_test_init () sets the C locale; screenshots in another language
   * (CIVIC_TEST_SCREENSHOTS with LANGUAGE=ko) need the catalog bound.
   */
  if (g_getenv ("CIVIC_TEST_SCREENSHOTS") != NULL)
    {
      const char *localedir = g_getenv ("CIVIC_DESK_LOCALEDIR");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  adw_init ();
  g_test_add_func ("/sync/gui/describe", test_describe);
  g_test_add_func ("/sync/gui/conflicts-window", test_conflicts_window);

  if (!civic_test_server_can_run ())
    return g_test_run ();
  server = civic_test_server_start (&error);
  g_assert_no_error (error);
  g_test_add_func ("/sync/gui/page", test_page);
  g_test_add_func ("/sync/gui/status", test_status);
  g_test_add_func ("/sync/gui/controller", test_controller);
  status = g_test_run ();
  civic_test_server_stop (server);
  return status;
}
