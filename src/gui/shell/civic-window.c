/* civic-window.c — the main window: header, page stack, toasts
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is shown before the store is open.  Its pages get the store
 * (every page has "store" and "read-only" properties) once the application
 * has it; meanwhile they show what they can without data.  A database that
 * has never held a document gets a welcome that offers the sample
 * organization instead of three empty pages.
 */

#define G_LOG_DOMAIN "civic-window"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-calendar-page.h"
#include "civic-lazy-page.h"
#include "civic-visits-page.h"
#include "civic-volunteers-page.h"
#include "civic-window.h"
#include "civic-conflicts-window.h"
#include "civic-sync-status.h"

struct _CivicWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkSpinner           *sample_spinner;

  GSettings            *settings;
  CivicStore           *store;
  GCancellable         *cancellable;
  AdwMessageDialog     *open_error_dialog;
  gboolean              welcome_dismissed;
  gboolean              attached;
  gboolean              store_written;

  /* Sync: the header's status and the conflicts button. */
  CivicSyncStatus      *sync_status;
  GtkWidget            *conflicts_button;
  GtkLabel             *conflicts_label;
  GCancellable         *conflicts_cancellable;
  guint                 conflicts_source;
  guint                 build_pages_source;   /* builds hidden pages after start-up */
  gboolean              pages_building_started;
};

G_DEFINE_FINAL_TYPE (CivicWindow, civic_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_pages (CivicWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "pages");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
}

static void
show_welcome (CivicWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  /* The switcher would switch pages nobody can see. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
}

/* Every page of the stack follows the same contract ("store", "read-only"),
 * so pages added later need nothing here.
 */
static void
foreach_page (CivicWindow *self,
              void (*func) (CivicWindow *self, GtkWidget *page))
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      func (self, adw_view_stack_page_get_child (page));
    }
}

static gboolean
has_property (GtkWidget  *widget,
              const char *name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (widget), name) != NULL;
}

static void
give_page_store (CivicWindow *self,
                 GtkWidget   *page)
{
  if (has_property (page, "store"))
    g_object_set (page, "store", self->store, NULL);
}

static void
bind_page_read_only (CivicWindow *self,
                     GtkWidget   *page)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (has_property (page, "read-only"))
    g_object_bind_property (app, "read-only", page, "read-only", G_BINDING_SYNC_CREATE);
}

static void
stats_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CivicStore *store = task_data;
  g_autoptr(CivicStoreStats) stats = NULL;
  GError *error = NULL;

  stats = civic_store_get_stats (store, &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, stats->documents == 0 && stats->tombstones == 0);
}

static void
stats_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CivicWindow *self = user_data;
  gboolean empty;

  empty = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL)
    {
      /* Cancelled means the window is gone: user_data is dangling. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        civic_window_show_error (self, error);
      return;
    }

  /* A write that committed while the counts were taken wins over them. */
  if (empty && !self->welcome_dismissed && !self->store_written)
    show_welcome (self);
}

static void
check_empty (CivicWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The counts touch every document, so they are taken off the main
   * thread.  The task's check-cancellable makes a cancelled result arrive
   * as an error, which stats_done_cb handles without touching the window.
   */
  task = g_task_new (NULL, self->cancellable, stats_done_cb, self);
  g_task_set_source_tag (task, check_empty);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, stats_thread);
}

static void
store_changed_cb (CivicStore  *store,
                  GStrv        ids,
                  GStrv        types,
                  CivicWindow *self)
{
  /* Any committed document (sample data, a first event, a first pull)
   * means the database is no longer empty.
   */
  if (ids == NULL || ids[0] == NULL)
    return;

  self->store_written = TRUE;
  if (civic_window_get_welcome_visible (self))
    show_pages (self);
}

static void
conflicts_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = civic_store_list_conflicted (task_data, &error);

  g_task_return_int (task, ids != NULL ? g_strv_length (ids) : 0);
}

static void
conflicts_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicWindow *self = CIVIC_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (error != NULL)
    return;

  text = g_strdup_printf ("%" G_GSSIZE_FORMAT, count);
  gtk_label_set_text (self->conflicts_label, text);
  gtk_widget_set_visible (self->conflicts_button, count > 0);
}

/* Counts conflicted documents off the main thread: it reads an index. */
static gboolean
count_conflicts_cb (gpointer data)
{
  CivicWindow *self = data;
  g_autoptr(GTask) task = NULL;

  self->conflicts_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);
  self->conflicts_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->conflicts_cancellable, conflicts_done_cb, NULL);
  g_task_set_source_tag (task, count_conflicts_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, conflicts_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_conflict_count (CivicWindow *self)
{
  if (self->conflicts_source == 0)
    self->conflicts_source = g_timeout_add (300, count_conflicts_cb, self);
}

static void
show_conflicts_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CivicWindow *self = user_data;
  CivicConflictsWindow *conflicts;

  if (self->store == NULL)
    return;

  conflicts = civic_conflicts_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (conflicts));
}

static void
app_store_changed_cb (CivicWindow *self)
{
  CivicApplication *app = CIVIC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CivicStore *store = civic_application_get_store (app);

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);

  foreach_page (self, give_page_store);

  if (self->store != NULL)
    {
      CivicSyncController *sync = civic_application_get_sync_controller (app);

      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
      g_signal_connect_object (self->store, "changed", G_CALLBACK (schedule_conflict_count), self,
                               G_CONNECT_SWAPPED);
      self->store_written = FALSE;
      check_empty (self);
      schedule_conflict_count (self);

      if (sync != NULL)
        g_object_bind_property (sync, "replicator", self->sync_status, "replicator", G_BINDING_SYNC_CREATE);
    }
}

static gboolean
quit_idle_cb (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (data), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
open_error_response_cb (CivicWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->open_error_dialog = NULL;

  /* Quitting closes this window, the dialog's parent, which must not
   * happen inside the dialog's own signal emission.  The default priority
   * (not an idle one) keeps a page's endless animation from starving it.
   */
  g_idle_add_full (G_PRIORITY_DEFAULT, quit_idle_cb,
                   g_object_ref (app), g_object_unref);
}

static void
app_store_error_cb (CivicWindow *self)
{
  CivicApplication *app = CIVIC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const GError *error = civic_application_get_store_error (app);
  GtkWidget *dialog;

  if (error == NULL || self->open_error_dialog != NULL)
    return;

  /* Without its database the program can do nothing, so this is a dialog
   * and not a toast: the reason and the file, then quit.
   */
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open the Database"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nThe database is %s."),
                                  error->message,
                                  civic_application_get_db_path (app));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_error_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->open_error_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CivicWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  if (!civic_window_show_page (self, name))
    g_debug ("No page named “%s”", name);
}

static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  /* GtkApplication would build the shortcuts window, a few hundred widgets,
   * as the main window is added, before its first frame; it is built the
   * first time it is asked for instead.  Handed to the window, it is kept,
   * made transient and only hidden when closed; this action stays the one
   * that shows it, since GTK adds its own only when the name is free.
   */
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/civicdesk/CivicDesk/shell/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "show-conflicts", show_conflicts_activated },
  { "show-help-overlay", show_help_overlay_activated },
  { "show-page", show_page_activated, "s" },
};

static void
start_empty_clicked_cb (CivicWindow *self)
{
  self->welcome_dismissed = TRUE;
  show_pages (self);
}

static void
app_loading_sample_changed_cb (CivicWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  gtk_spinner_set_spinning (self->sample_spinner,
                            civic_application_get_loading_sample (CIVIC_APPLICATION (app)));
}

static void
load_window_state (CivicWindow *self)
{
  g_autofree char *last_page = NULL;

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, last_page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, last_page);
}

static void
save_window_state (CivicWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);

  /* A maximized window's default size is still the size to restore. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);

  g_settings_apply (self->settings);
}

static gboolean
civic_window_close_request (GtkWindow *window)
{
  save_window_state (CIVIC_WINDOW (window));

  return GTK_WINDOW_CLASS (civic_window_parent_class)->close_request (window);
}

/* GtkWindow:application is not a construct property, so it is set after
 * constructed(); the window follows its application from that moment.
 */
static void
application_set_cb (CivicWindow *self)
{
  GtkApplication *gtk_app = gtk_window_get_application (GTK_WINDOW (self));
  CivicApplication *app;
  GSettings *settings;

  if (gtk_app == NULL || self->attached)
    return;

  g_return_if_fail (CIVIC_IS_APPLICATION (gtk_app));
  app = CIVIC_APPLICATION (gtk_app);
  self->attached = TRUE;

  settings = civic_application_get_settings (app);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  load_window_state (self);

  foreach_page (self, bind_page_read_only);

  g_signal_connect_object (app, "notify::store", G_CALLBACK (app_store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::store-error", G_CALLBACK (app_store_error_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::loading-sample",
                           G_CALLBACK (app_loading_sample_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* A second window joins an application whose store may already be open. */
  app_store_changed_cb (self);
  app_store_error_cb (self);
  app_loading_sample_changed_cb (self);
}

static gboolean
build_next_page_cb (gpointer user_data)
{
  CivicWindow *self = user_data;
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  /* One page per turn, at low priority: frames and loads go first. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (CIVIC_IS_LAZY_PAGE (child) && civic_lazy_page_peek_page (CIVIC_LAZY_PAGE (child)) == NULL)
        {
          civic_lazy_page_get_page (CIVIC_LAZY_PAGE (child));
          return G_SOURCE_CONTINUE;
        }
    }
  self->build_pages_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
start_building_pages_cb (gpointer user_data)
{
  CivicWindow *self = user_data;

  /* The window shows one page at first; the others are built once it has
   * settled, so switching to them later needs no wait, while a hidden
   * page still loads no data until it is shown.
   */
  self->build_pages_source = g_idle_add_full (G_PRIORITY_LOW, build_next_page_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
civic_window_map (GtkWidget *widget)
{
  CivicWindow *self = CIVIC_WINDOW (widget);

  GTK_WIDGET_CLASS (civic_window_parent_class)->map (widget);

  if (self->build_pages_source == 0 && !self->pages_building_started)
    {
      self->pages_building_started = TRUE;
      self->build_pages_source = g_timeout_add_seconds (2, start_building_pages_cb, self);
    }
}

static void
civic_window_dispose (GObject *object)
{
  CivicWindow *self = CIVIC_WINDOW (object);

  g_clear_handle_id (&self->build_pages_source, g_source_remove);

  g_clear_handle_id (&self->conflicts_source, g_source_remove);
  g_cancellable_cancel (self->conflicts_cancellable);
  g_clear_object (&self->conflicts_cancellable);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (civic_window_parent_class)->dispose (object);
}

static void
civic_window_class_init (CivicWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = civic_window_dispose;

  window_class->close_request = civic_window_close_request;
  widget_class->map = civic_window_map;

  g_type_ensure (CIVIC_TYPE_SYNC_STATUS);
  g_type_ensure (CIVIC_TYPE_CALENDAR_PAGE);
  g_type_ensure (CIVIC_TYPE_VOLUNTEERS_PAGE);
  g_type_ensure (CIVIC_TYPE_VISITS_PAGE);
  g_type_ensure (CIVIC_TYPE_LAZY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/shell/civic-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, CivicWindow, conflicts_label);
  gtk_widget_class_bind_template_callback (widget_class, start_empty_clicked_cb);
}

static void
civic_window_init (CivicWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_set_cb), NULL);
}

/**
 * civic_window_new:
 * @application: (nullable): the application, or %NULL to give it later with
 *   gtk_window_set_application() (a window made before GtkApplication's
 *   startup has finished cannot join it yet)
 *
 * Returns: (transfer none): a new window, owned by GTK like every toplevel
 */
CivicWindow *
civic_window_new (CivicApplication *application)
{
  g_return_val_if_fail (application == NULL || CIVIC_IS_APPLICATION (application), NULL);

  return g_object_new (CIVIC_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * civic_window_prepare:
 *
 * Works out the styles and the text of every widget the window's first
 * frame shows, by asking its size, so that showing it later only lays out
 * and draws.  The application calls it while GTK waits for the desktop
 * portal (civic_application_startup()).  The window is not realized: GTK
 * gives an application's window its X properties when realizing it, and
 * this one has no application yet.
 */
void
civic_window_prepare (CivicWindow *self)
{
  int default_width, default_height;

  g_return_if_fail (CIVIC_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, default_width,
                      NULL, NULL, NULL, NULL);
}

gboolean
civic_window_show_page (CivicWindow *self,
                        const char  *name)
{
  g_return_val_if_fail (CIVIC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return FALSE;

  /* Asking for a page is a choice not to start from the sample data. */
  self->welcome_dismissed = TRUE;
  show_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, name);

  return TRUE;
}

/**
 * civic_window_get_visible_page:
 *
 * Returns: (nullable): the name of the page the view stack shows
 */
const char *
civic_window_get_visible_page (CivicWindow *self)
{
  g_return_val_if_fail (CIVIC_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
civic_window_get_welcome_visible (CivicWindow *self)
{
  g_return_val_if_fail (CIVIC_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0;
}

/**
 * civic_window_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast over the pages.
 */
void
civic_window_add_toast (CivicWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (CIVIC_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * civic_window_show_error:
 *
 * Tells the user about @error in a toast that stays until dismissed.
 * Cancellation is not an error worth telling and is ignored.
 */
void
civic_window_show_error (CivicWindow  *self,
                         const GError *error)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CIVIC_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Showing error: %s", error->message);

  /* libadwaita 1.2 parses every toast title as Pango markup. */
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
