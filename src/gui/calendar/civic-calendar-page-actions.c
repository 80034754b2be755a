/* civic-calendar-page-actions.c — the calendar page's editing, files and printing
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening the event editor, undoing a delete, importing .ics files (from
 * a file chooser or dropped on the page), exporting what is shown, and
 * printing the visible month or week.  Split from civic-calendar-page.c
 * the way Text Editor splits a page's actions from the page.
 */

#define G_LOG_DOMAIN "civic-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-calendar-item.h"
#include "civic-calendar-page-private.h"
#include "civic-calendar-print.h"
#include "civic-event-editor.h"
#include "civic-file-chooser.h"
#include "civic-ical.h"
#include "civic-shifts-section.h"
#include "civic-window.h"

static void
add_toast (CivicCalendarPage *self,
           AdwToast          *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (window != NULL)
    civic_window_add_toast (CIVIC_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
show_error (CivicCalendarPage *self,
            const GError      *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  g_warning ("%s", error->message);
  if (window != NULL)
    civic_window_show_error (CIVIC_WINDOW (window), error);
}

static char *
get_user_name (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autofree char *name = NULL;

  if (schema != NULL && g_settings_schema_has_key (schema, "user-name"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      name = g_settings_get_string (settings, "user-name");
    }

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_user_name ());
    }

  return g_steal_pointer (&name);
}

/* ---- Undo ----------------------------------------------------------------- */

static void
undo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  JsonObject *previous = task_data;
  const char *id = json_object_get_string_member (previous, "_id");
  g_autoptr(JsonObject) current = civic_store_get (store, id, NULL);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *restore;
  GError *error = NULL;
  g_autofree char *rev = NULL;

  json_node_set_object (node, previous);
  copy = json_node_copy (node);
  restore = json_node_get_object (copy);

  /* Put the old body back as a new revision: on top of the current one if
   * the document still lives (an occurrence was skipped), or as a child of
   * the tombstone (the event was deleted), so a sync carries the undo too.
   */
  if (json_object_has_member (restore, "_rev"))
    json_object_remove_member (restore, "_rev");
  if (current != NULL)
    json_object_set_string_member (restore, "_rev", json_object_get_string_member (current, "_rev"));

  rev = civic_store_put (store, restore, &error);
  if (rev == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (CIVIC_CALENDAR_PAGE (source), error);
}

void
_civic_calendar_page_undo_delete (CivicCalendarPage *self,
                                  JsonObject        *previous)
{
  g_autoptr(GTask) task = NULL;

  if (previous == NULL || civic_calendar_page_get_store (self) == NULL)
    return;

  task = g_task_new (self, NULL, undo_done_cb, NULL);
  g_task_set_source_tag (task, _civic_calendar_page_undo_delete);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (civic_calendar_page_get_store (self)),
                          g_object_unref);
  g_task_set_task_data (task, json_object_ref (previous), (GDestroyNotify) json_object_unref);
  g_task_run_in_thread (task, undo_thread);
}

static void
undo_clicked_cb (AdwToast          *toast,
                 CivicCalendarPage *self)
{
  _civic_calendar_page_undo_delete (self, g_object_get_data (G_OBJECT (toast), "previous"));
}

static void
editor_deleted_cb (CivicEventEditor  *editor,
                   const char        *message,
                   JsonObject        *previous,
                   CivicCalendarPage *self)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "previous", json_object_ref (previous),
                          (GDestroyNotify) json_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  add_toast (self, toast);
}

static void
editor_saved_cb (CivicEventEditor  *editor,
                 const char        *id,
                 CivicCalendarPage *self)
{
  add_toast (self, adw_toast_new (_("Event saved")));
}

/* ---- The editor ------------------------------------------------------------ */

CivicEventEditor *
_civic_calendar_page_open_editor (CivicCalendarPage *self,
                                  const char        *event_id,
                                  const char        *occurrence,
                                  GDateTime         *default_start)
{
  CivicStore *store = civic_calendar_page_get_store (self);
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autofree char *user_name = get_user_name ();
  g_autoptr(GError) error = NULL;
  CivicEventEditor *editor;
  GtkRoot *root;

  if (store == NULL)
    return NULL;

  /* One document by key and two short lists: quick enough for the click. */
  if (event_id != NULL && (event = civic_store_get (store, event_id, &error)) == NULL)
    {
      show_error (self, error);
      return NULL;
    }
  offices = civic_store_list (store, "office", NULL);
  campaigns = civic_store_list (store, "campaign", NULL);

  editor = civic_event_editor_new (store, event, occurrence, default_start, offices, campaigns, user_name);
  /* The roster's shifts of an existing event (and occurrence). */
  if (event_id != NULL)
    gtk_box_append (civic_event_editor_get_extensions_box (editor),
                    civic_shifts_section_new (store, event_id, occurrence,
                                              civic_calendar_page_get_read_only (self)));
  if (civic_calendar_page_get_read_only (self))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (editor), "editor.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (editor), "editor.delete", FALSE);
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));

  g_signal_connect_object (editor, "deleted", G_CALLBACK (editor_deleted_cb), self, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
event_activated_cb (CivicCalendarPage *self,
                    const char        *event_id,
                    const char        *occurrence)
{
  _civic_calendar_page_open_editor (self, event_id, occurrence, NULL);
}

static void
new_event_requested_cb (CivicCalendarPage *self,
                        GDateTime         *at)
{
  if (civic_calendar_page_get_read_only (self))
    return;
  _civic_calendar_page_open_editor (self, NULL, NULL, at);
}

/* ---- Import ---------------------------------------------------------------- */

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicIcalImportReport) report = civic_ical_import_file_finish (result, &error);
  g_autofree char *message = NULL;

  if (report == NULL)
    {
      show_error (self, error);
      return;
    }

  if (report->skipped->len > 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      g_autoptr(GString) body = g_string_new (NULL);
      AdwMessageDialog *dialog;

      /* Translators: after an import, followed by the list of what was skipped. */
      g_string_append_printf (body, _("%u new, %u updated. These parts of the file were not imported:"),
                              report->created, report->updated);
      for (guint i = 0; i < report->skipped->len; i++)
        g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (report->skipped, i));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Calendar Imported"), body->str));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: a toast after importing an .ics file. */
  message = g_strdup_printf (_("Imported %u new and %u updated events"), report->created, report->updated);
  add_toast (self, adw_toast_new (message));
}

void
_civic_calendar_page_import_file (CivicCalendarPage *self,
                                  GFile             *file)
{
  CivicStore *store = civic_calendar_page_get_store (self);
  g_autofree char *user_name = get_user_name ();

  if (store == NULL || civic_calendar_page_get_read_only (self))
    return;

  civic_ical_import_file_async (store, file, user_name, NULL, import_done_cb, g_object_ref (self));
}

static void
import_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  _civic_calendar_page_import_file (CIVIC_CALENDAR_PAGE (owner), file);
}

static GtkFileFilter *
ics_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Calendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = ics_filter ();

  civic_choose_file (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Calendar File"), _("_Import"),
                     filter, NULL, import_chosen_cb, NULL, NULL);
}

static gboolean
drop_cb (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         CivicCalendarPage *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || civic_calendar_page_get_read_only (self))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    _civic_calendar_page_import_file (self, l->data);
  g_slist_free (files);

  return files != NULL;
}

/* ---- Export ---------------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  GFile      *file;
  GStrv       ids;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->file);
  g_strfreev (data->ids);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  CivicIcalExportFilter filter = { 0 };
  GError *error = NULL;
  guint count = 0;

  filter.ids = (const char * const *) data->ids;
  if (!civic_ical_export_to_file (data->store, &filter, data->file, &count, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (source);
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  message = g_strdup_printf (ngettext ("Exported %d event", "Exported %d events", (int) count), (int) count);
  add_toast (self, adw_toast_new (message));
}

static GStrv
shown_event_ids (CivicCalendarPage *self)
{
  GPtrArray *items = civic_calendar_page_get_items (self);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CivicCalendarItem *item = g_ptr_array_index (items, i);

      if (g_hash_table_add (seen, item->event_id))
        g_strv_builder_add (builder, item->event_id);
    }

  return g_strv_builder_end (builder);
}

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (owner);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (civic_calendar_page_get_store (self) == NULL)
    return;

  task = g_task_new (self, NULL, export_done_cb, NULL);
  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (civic_calendar_page_get_store (self));
  data->file = g_object_ref (file);
  data->ids = shown_event_ids (self);
  g_task_set_source_tag (task, export_chosen_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = ics_filter ();
  GPtrArray *items = civic_calendar_page_get_items (self);

  if (items == NULL || items->len == 0)
    {
      add_toast (self, adw_toast_new (_("No events are shown, so there is nothing to export")));
      return;
    }

  civic_choose_file (widget, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Shown Events"), _("_Export"),
                     filter, _("civic-desk-events.ics"), export_chosen_cb, NULL, NULL);
}

/* ---- Print ----------------------------------------------------------------- */

CivicCalendarPrint *
_civic_calendar_page_create_print (CivicCalendarPage *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *title = NULL;
  g_autofree char *filters = _civic_calendar_page_describe_filters (self);
  gboolean week = g_strcmp0 (civic_calendar_page_get_view_mode (self), "week") == 0;

  if (g_strcmp0 (civic_calendar_page_get_view_mode (self), "agenda") == 0)
    civic_calendar_page_set_view_mode (self, "month");

  civic_calendar_page_get_visible_range (self, &from, &to);
  if (week)
    {
      g_autofree char *day = g_date_time_format (from, _("%B %-d, %Y"));
      /* Translators: the title of a printed week. */
      title = g_strdup_printf (_("Week of %s"), g_strstrip (day));
    }
  else
    title = g_date_time_format (civic_calendar_page_get_date (self), _("%B %Y"));

  return civic_calendar_print_new (title, filters, from, to,
                                   week ? NULL : civic_calendar_page_get_date (self),
                                   civic_calendar_page_get_items (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (widget);
  g_autoptr(CivicCalendarPrint) print = _civic_calendar_page_create_print (self);
  g_autoptr(GtkPrintOperation) operation = civic_calendar_print_create_operation (print);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (error != NULL)
    show_error (self, error);
}

/* ---- Setup ----------------------------------------------------------------- */

void
_civic_calendar_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "calendar.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "calendar.print", NULL, print_action);
}

void
_civic_calendar_page_init_actions (CivicCalendarPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "event-activated", G_CALLBACK (event_activated_cb), NULL);
  g_signal_connect (self, "new-event-requested", G_CALLBACK (new_event_requested_cb), NULL);
}
