/* sync-screenshots.c — saves the sync screenshots of docs/screenshots in
 * the language of the environment, from the real widgets against a real
 * PouchDB Server
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: sync-screenshots DIR [SUFFIX], under a display (Xvfb):
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" build/tests/sync/sync-screenshots docs/screenshots
 *   LANGUAGE=ko LANG=ko_KR.UTF-8 CIVIC_DESK_LOCALEDIR=DIR xvfb-run … docs/screenshots -ko
 *
 * writes sync-preferences, sync-status-synced, sync-status-syncing,
 * sync-status-offline, sync-status-error and sync-conflict-resolver, each
 * DIR/NAME SUFFIX.png.  Every state is reached the way the application
 * reaches it: a real "Test connection", a real sync, a pull held up
 * half-way by a stalling proxy, the offline mark the network monitor
 * sets, a sync with a wrong password, and a real conflict.  The error
 * state shows the reason in the indicator's tooltip, which lives in a
 * window of its own: that shot is taken from the screen (xdotool moves the
 * pointer over the indicator, ImageMagick's import reads the screen).
 *
 * test-sync-gui checks the same widgets' English texts; this program
 * asserts nothing about wording, so it serves every language.
 */

#define G_LOG_DOMAIN "sync-screenshots"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "civic-conflicts-window.h"
#include "civic-json.h"
#include "civic-sync-page.h"
#include "civic-sync-status.h"
#include "civic-test-proxy.h"
#include "sync-test-util.h"

static CivicTestServer *server;
static const char *out_dir;
static const char *suffix;

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static char *
shot_path (const char *name)
{
  return g_strdup_printf ("%s/%s%s.png", out_dir, name, suffix);
}

static void run_or_die (const char * const *argv);

/* Without a window manager nothing gives a window the focus, and GTK draws
 * an unfocused window in its paler "backdrop" style; X11's input focus is
 * enough to make it active.
 */
static void
focus (GtkWidget *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    {
      g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

      run_or_die (argv);
    }
#endif
}

/* Renders @window as it is drawn into DIR/NAME SUFFIX.png. */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = shot_path (name);
  int width, height;

  focus (window);
  settle (400);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s\n", path);
}

static void
run_or_die (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s %s", argv[0], error->message, err ? err : "");
}

/* The indicator's tooltip is a window of its own, so this shot comes from
 * the screen: the pointer rests on @target until the tooltip shows, then
 * the area of @window and the space below it is read.
 */
static void
screenshot_with_tooltip (GtkWidget  *window,
                         GtkWidget  *target,
                         const char *name,
                         int         extra_height)
{
  g_autofree char *path = shot_path (name);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *crop = NULL;
  graphene_point_t center;
  double dx, dy;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  focus (window);
  settle (300);
  g_assert_true (gtk_widget_compute_point (target, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (target) / 2.0,
                                                                 gtk_widget_get_height (target) / 2.0),
                                           &center));
  /* Without a window manager the surface sits at the screen's origin;
   * the surface transform is the client-side shadow around the window.
   */
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  x = g_strdup_printf ("%d", (int) (center.x + dx));
  y = g_strdup_printf ("%d", (int) (center.y + dy));
  {
    const char *move[] = { "xdotool", "mousemove", "--sync", x, y, NULL };

    run_or_die (move);
  }
  settle (1500);
  crop = g_strdup_printf ("%dx%d+%d+%d", width, height + extra_height, (int) dx, (int) dy);
  {
    const char *grab[] = { "import", "-window", "root", "-crop", crop, "+repage", path, NULL };

    run_or_die (grab);
  }
  {
    const char *away[] = { "xdotool", "mousemove", "1270", "790", NULL };

    run_or_die (away);
  }
  g_print ("%s\n", path);
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer  data,
            guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

/* ---- Preferences → Sync --------------------------------------------------- */

static void
set_text (GtkWidget  *page,
          const char *field,
          const char *text)
{
  GObject *row = gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct {
  GtkWidget *page;
  char      *before;
} SubtitleWait;

static gboolean
subtitle_changed (gpointer data)
{
  SubtitleWait *wait = data;
  GObject *row = gtk_widget_get_template_child (wait->page, CIVIC_TYPE_SYNC_PAGE, "result_row");
  const char *now = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return g_strcmp0 (now, wait->before) != 0 && now != NULL && *now != '\0';
}

static void
shoot_preferences (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autoptr(CivicStore) store = sync_test_store_new ();
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = GTK_WIDGET (civic_sync_page_new (store));
  GObject *row;
  SubtitleWait wait = { page, NULL };

  civic_test_server_create_db (server, db, TRUE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 580);
  gtk_window_present (GTK_WINDOW (window));
  set_text (page, "server_row", civic_test_server_get_url (server));
  set_text (page, "database_row", "org");
  set_text (page, "user_row", CIVIC_TEST_ADMIN);
  set_text (page, "password_row", CIVIC_TEST_ADMIN_PASSWORD);
  /* The database the connection test reaches is a fresh one, named as an
   * organization would name it in the shot.
   */
  civic_test_server_create_db (server, "org", TRUE);
  row = gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, "result_row");
  wait.before = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_signal_emit_by_name (gtk_widget_get_template_child (page, CIVIC_TYPE_SYNC_PAGE, "test_button"), "clicked");
  g_assert_true (wait_until (subtitle_changed, &wait, 15));
  g_free (wait.before);
  screenshot (window, "sync-preferences");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the header's indicator ----------------------------------------------- */

typedef struct {
  GtkWidget *window;
  GtkWidget *status;
} StatusWindow;

static void
status_window_init (StatusWindow    *w,
                    CivicReplicator *replicator,
                    int              width,
                    int              height)
{
  GtkWidget *header = gtk_header_bar_new ();

  w->window = gtk_window_new ();
  w->status = civic_sync_status_new ();
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), w->status);
  gtk_window_set_titlebar (GTK_WINDOW (w->window), header);
  gtk_window_set_title (GTK_WINDOW (w->window), _("Civic Desk"));
  gtk_window_set_default_size (GTK_WINDOW (w->window), width, height);
  civic_sync_status_set_replicator (CIVIC_SYNC_STATUS (w->status), replicator);
  gtk_window_present (GTK_WINDOW (w->window));
}

static void
status_window_clear (StatusWindow *w)
{
  civic_sync_status_set_replicator (CIVIC_SYNC_STATUS (w->status), NULL);
  gtk_window_destroy (GTK_WINDOW (w->window));
}

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} SyncWait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->ok = civic_replicator_sync_finish (CIVIC_REPLICATOR (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
halfway (gpointer data)
{
  CivicReplicator *replicator = data;

  return civic_replicator_get_state (replicator) == CIVIC_REPLICATOR_STATE_SYNCING &&
         civic_replicator_get_progress (replicator) >= 0.35;
}

static void
shoot_status (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  g_autoptr(CivicStore) source = sync_test_store_new ();
  g_autoptr(CivicStore) store = sync_test_store_new ();
  g_autoptr(CivicReplicator) pusher = NULL;
  g_autoptr(CivicReplicator) replicator = NULL;
  g_autoptr(GError) error = NULL;
  CivicTestProxy *proxy;
  StatusWindow w;

  civic_test_server_create_db (server, db, TRUE);
  g_ptr_array_unref (sync_test_add_volunteers (source, 1000, "shot"));
  pusher = sync_test_replicator (source, civic_test_server_get_url (server), db, NULL, NULL);
  g_assert_true (sync_test_sync (pusher, &error));
  g_assert_no_error (error);

  /* Syncing: a pull of 1000 documents in batches of 200, held for a few
   * seconds by the proxy when it asks for the changes after the 400th.
   */
  proxy = civic_test_proxy_new (civic_test_server_get_url (server));
  civic_test_proxy_set_stall (proxy, 4000);
  civic_test_proxy_add_fault (proxy, "since=4", CIVIC_PROXY_FAULT_STALL, 1);
  replicator = sync_test_replicator (store, civic_test_proxy_get_url (proxy), db, NULL, NULL);
  civic_replicator_set_batch_size (replicator, 200);
  status_window_init (&w, replicator, 520, 90);
  {
    SyncWait wait = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

    civic_replicator_sync_async (replicator, NULL, sync_done_cb, &wait);
    g_assert_true (wait_until (halfway, replicator, 15));
    screenshot (w.window, "sync-status-syncing");
    g_main_loop_run (wait.loop);
    g_main_loop_unref (wait.loop);
    g_assert_no_error (wait.error);
    g_assert_true (wait.ok);
  }

  /* Synced, with the time. */
  screenshot (w.window, "sync-status-synced");

  /* Offline: what the network monitor's "no network" sets. */
  civic_replicator_mark_offline (replicator);
  screenshot (w.window, "sync-status-offline");
  status_window_clear (&w);
  g_clear_object (&replicator);
  civic_test_proxy_free (proxy);

  /* An error: the server refuses the password. */
  replicator = sync_test_replicator (store, civic_test_server_get_url (server), db, CIVIC_TEST_ADMIN, "wrong");
  /* Wide and tall enough to hold the tooltip with the reason. */
  status_window_init (&w, replicator, 720, 170);
  g_assert_false (sync_test_sync (replicator, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (civic_replicator_get_state (replicator), ==, CIVIC_REPLICATOR_STATE_ERROR);
  screenshot_with_tooltip (w.window, w.status, "sync-status-error", 0);
  status_window_clear (&w);
}

/* ---- the conflict resolver ------------------------------------------------ */

static void
shoot_resolver (void)
{
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(GPtrArray) ids = sync_test_add_volunteers (a, 2, "gui");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *rev_b = NULL;
  const char *id = g_ptr_array_index (ids, 1);
  CivicConflictsWindow *window;

  /* b has a's first revision; then a changes the phone, b the phone and
   * the e-mail, and a's edit reaches b.
   */
  sync_test_copy_revision (a, b, id, NULL);
  rev_a = sync_test_edit (a, id, "phone", "+1 213 555 0111");
  {
    g_autoptr(JsonObject) mine = civic_store_get (b, id, &error);

    json_object_set_string_member (mine, "phone", "+1 213 555 0222");
    json_object_set_string_member (mine, "email", "minji@koreatown.example.org");
    rev_b = civic_store_put (b, mine, &error);
    g_assert_no_error (error);
  }
  sync_test_copy_revision (a, b, id, rev_a);

  window = civic_conflicts_window_new (b);
  gtk_window_set_default_size (GTK_WINDOW (window), 860, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (civic_conflicts_window_get_count (window), ==, 1);
  g_assert_true (civic_conflicts_window_select (window, id));
  screenshot (GTK_WIDGET (window), "sync-conflict-resolver");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("CIVIC_DESK_LOCALEDIR");

  if (argc < 2)
    {
      g_printerr ("usage: %s DIR [SUFFIX]\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  suffix = argc > 2 ? argv[2] : "";

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  /* Shots of finished states, not of transitions (and no blinking
   * cursor).
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);

  if (!civic_test_server_can_run ())
    {
      g_printerr ("node is not installed\n");
      return 1;
    }
  server = civic_test_server_start (&error);
  g_assert_no_error (error);
  shoot_preferences ();
  shoot_status ();
  shoot_resolver ();
  civic_test_server_stop (server);
  return 0;
}
