/* civic-volunteers-page-actions.c — the roster's actions: bulk changes with undo, files, printing
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Split from civic-volunteers-page.c: everything the page does to the
 * store or to files.  Every bulk change is ONE civic_store_put_many ()
 * in a thread, remembered for the toast's Undo, which is one put_many
 * too.  Read-only (board) profiles have every writing action disabled;
 * exporting and printing stay.
 */

#define G_LOG_DOMAIN "civic-volunteers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-file-chooser.h"

#include "civic-checkin-window.h"
#include "civic-confirmation-calls-window.h"
#include "civic-csv.h"
#include "civic-hours-dialog.h"
#include "civic-json.h"
#include "civic-record.h"
#include "civic-roster-export.h"
#include "civic-roster-import-dialog.h"
#include "civic-shift-choice-dialog.h"
#include "civic-table-print.h"
#include "civic-volunteer-row.h"
#include "civic-volunteers-page-private.h"

/* ---- Bulk changes ----------------------------------------------------------- */

typedef enum {
  BULK_SET_FIELDS,  /* set members on each volunteer */
  BULK_RESTORE,     /* write the given documents back (undo) */
  BULK_ADD_SIGNUPS, /* new signups for a shift */
} BulkKind;

typedef enum {
  MESSAGE_NONE,
  MESSAGE_DEACTIVATED,
  MESSAGE_OFFICE,
  MESSAGE_SIGNED_UP,
} BulkMessage;

static char *
bulk_message (BulkMessage message,
              guint       n)
{
  switch (message)
    {
    case MESSAGE_DEACTIVATED:
      return g_strdup_printf (ngettext ("Deactivated %u volunteer", "Deactivated %u volunteers", n), n);
    case MESSAGE_OFFICE:
      return g_strdup_printf (ngettext ("Moved %u volunteer to another office", "Moved %u volunteers to another office", n), n);
    case MESSAGE_SIGNED_UP:
      return g_strdup_printf (ngettext ("Signed up %u volunteer", "Signed up %u volunteers", n), n);
    case MESSAGE_NONE:
    default:
      return g_strdup (_("Done"));
    }
}

typedef struct {
  CivicStore *store;
  BulkKind    kind;
  BulkMessage message;
  GStrv       ids;
  JsonObject *members;    /* BULK_SET_FIELDS: member → value */
  GPtrArray  *docs;       /* BULK_RESTORE: the earlier documents */
  char       *shift_id;   /* BULK_ADD_SIGNUPS */
  char       *occurrence;
  /* Result */
  GPtrArray  *undo;       /* what Undo writes back */
  guint       changed;
} BulkData;

static void
bulk_data_free (BulkData *data)
{
  g_clear_object (&data->store);
  g_strfreev (data->ids);
  g_clear_pointer (&data->members, json_object_unref);
  g_clear_pointer (&data->docs, g_ptr_array_unref);
  g_free (data->shift_id);
  g_free (data->occurrence);
  g_clear_pointer (&data->undo, g_ptr_array_unref);
  g_free (data);
}

static void
stamp (JsonObject *doc,
       const char *now)
{
  json_object_set_string_member (doc, "updated_at", now);
  json_object_set_string_member (doc, "updated_by", g_get_user_name ());
}

static gboolean
bulk_set_fields (BulkData  *data,
                 GError   **error)
{
  g_autoptr(GPtrArray) current = civic_store_get_many (data->store, (const char * const *) data->ids, error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *now = civic_now_instant ();
  g_autoptr(GList) members = NULL;

  if (current == NULL)
    return FALSE;

  members = json_object_get_members (data->members);
  data->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < current->len; i++)
    {
      JsonObject *old = g_ptr_array_index (current, i);
      JsonObject *doc = civic_json_object_copy (old);
      gboolean differs = FALSE;

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (data->members, l->data);
          JsonNode *before = json_object_get_member (doc, l->data);

          if (before == NULL || !json_node_equal (before, value))
            differs = TRUE;
          json_object_set_member (doc, l->data, json_node_copy (value));
        }
      if (!differs)
        {
          json_object_unref (doc);
          continue;
        }
      stamp (doc, now);
      if (!civic_document_validate (doc, error))
        {
          json_object_unref (doc);
          return FALSE;
        }
      g_ptr_array_add (docs, doc);
      g_ptr_array_add (data->undo, json_object_ref (old));
    }

  data->changed = docs->len;
  return docs->len == 0 || civic_store_put_many (data->store, docs, NULL, error);
}

/* Writes the earlier documents back over the current revisions; a
 * document that did not exist before (a new signup) is deleted.
 */
static gboolean
bulk_restore (BulkData  *data,
              GError   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *now = civic_now_instant ();

  for (guint i = 0; i < data->docs->len; i++)
    {
      JsonObject *old = g_ptr_array_index (data->docs, i);
      const char *id = json_object_get_string_member (old, "_id");
      g_autoptr(JsonObject) current = civic_store_get (data->store, id, NULL);
      JsonObject *doc;

      if (current == NULL)
        continue;
      if (json_object_get_boolean_member_with_default (old, "_deleted", FALSE))
        {
          doc = json_object_new ();
          json_object_set_string_member (doc, "_id", id);
          json_object_set_boolean_member (doc, "_deleted", TRUE);
        }
      else
        {
          doc = civic_json_object_copy (old);
          stamp (doc, now);
        }
      json_object_set_string_member (doc, "_rev", json_object_get_string_member (current, "_rev"));
      g_ptr_array_add (docs, doc);
    }

  data->changed = docs->len;
  return docs->len == 0 || civic_store_put_many (data->store, docs, NULL, error);
}

static gboolean
bulk_add_signups (BulkData  *data,
                  GError   **error)
{
  g_autoptr(GPtrArray) existing = civic_store_list_by_ref (data->store, "signup", CIVIC_STORE_REF_1, data->shift_id, error);
  g_autoptr(GHashTable) booked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *now = civic_now_instant ();

  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      JsonObject *signup = g_ptr_array_index (existing, i);
      const char *status = json_object_get_string_member_with_default (signup, "status", "");

      if (g_strcmp0 (json_object_get_string_member_with_default (signup, "occurrence", NULL), data->occurrence) == 0 &&
          g_strcmp0 (status, "cancelled") != 0 && g_strcmp0 (status, "declined") != 0)
        g_hash_table_add (booked, (gpointer) json_object_get_string_member (signup, "volunteer_id"));
    }

  data->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; data->ids[i] != NULL; i++)
    {
      JsonObject *doc;
      JsonObject *undo;
      g_autofree char *id = NULL;

      if (g_hash_table_contains (booked, data->ids[i]))
        continue;
      id = civic_store_new_id ("signup");
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "signup");
      json_object_set_string_member (doc, "shift_id", data->shift_id);
      json_object_set_string_member (doc, "volunteer_id", data->ids[i]);
      if (data->occurrence != NULL)
        json_object_set_string_member (doc, "occurrence", data->occurrence);
      json_object_set_string_member (doc, "status", "scheduled");
      json_object_set_string_member (doc, "source", "office");
      json_object_set_string_member (doc, "signed_up_at", now);
      json_object_set_string_member (doc, "created_at", now);
      stamp (doc, now);
      if (!civic_document_validate (doc, error))
        {
          json_object_unref (doc);
          return FALSE;
        }
      g_ptr_array_add (docs, doc);

      undo = json_object_new ();
      json_object_set_string_member (undo, "_id", id);
      json_object_set_boolean_member (undo, "_deleted", TRUE);
      g_ptr_array_add (data->undo, undo);
    }

  data->changed = docs->len;
  return docs->len == 0 || civic_store_put_many (data->store, docs, NULL, error);
}

static void
bulk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BulkData *data = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (data->kind)
    {
    case BULK_SET_FIELDS:
      ok = bulk_set_fields (data, &error);
      break;
    case BULK_RESTORE:
      ok = bulk_restore (data, &error);
      break;
    case BULK_ADD_SIGNUPS:
      ok = bulk_add_signups (data, &error);
      break;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
undo_clicked_cb (AdwToast            *toast,
                 CivicVolunteersPage *self)
{
  _civic_volunteers_page_undo_last (self);
}

static void
bulk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (source);
  BulkData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray **undo_slot = _civic_volunteers_page_undo_slot (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autoptr(GError) shown = g_error_new (error->domain, error->code,
                                             _("Nothing was changed: %s"), error->message);
      _civic_volunteers_page_show_error (self, shown);
      g_signal_emit (self, _civic_volunteers_page_bulk_done_signal (), 0, FALSE);
      return;
    }

  if (data->kind == BULK_RESTORE)
    {
      g_clear_pointer (undo_slot, g_ptr_array_unref);
      _civic_volunteers_page_add_toast (self, adw_toast_new (_("Undone")));
    }
  else
    {
      g_autofree char *title = bulk_message (data->message, data->changed);
      AdwToast *toast = adw_toast_new (title);

      g_clear_pointer (undo_slot, g_ptr_array_unref);
      *undo_slot = g_steal_pointer (&data->undo);
      if (data->changed > 0)
        {
          adw_toast_set_button_label (toast, _("_Undo"));
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
        }
      _civic_volunteers_page_add_toast (self, toast);
    }

  g_signal_emit (self, _civic_volunteers_page_bulk_done_signal (), 0, TRUE);
}

static void
run_bulk (CivicVolunteersPage *self,
          BulkData            *data,
          BulkMessage          message)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, bulk_done_cb, NULL);

  data->message = message;
  data->store = g_object_ref (civic_volunteers_page_get_store (self));
  g_task_set_source_tag (task, run_bulk);
  g_task_set_task_data (task, data, (GDestroyNotify) bulk_data_free);
  g_task_run_in_thread (task, bulk_thread);
}

void
_civic_volunteers_page_undo_last (CivicVolunteersPage *self)
{
  GPtrArray **undo_slot = _civic_volunteers_page_undo_slot (self);
  BulkData *data;

  if (*undo_slot == NULL || civic_volunteers_page_get_read_only (self))
    return;

  data = g_new0 (BulkData, 1);
  data->kind = BULK_RESTORE;
  data->docs = g_ptr_array_ref (*undo_slot);
  run_bulk (self, data, MESSAGE_NONE);
}

static void
set_members_on_selected (CivicVolunteersPage *self,
                         JsonObject          *members,
                         BulkMessage          message)
{
  BulkData *data = g_new0 (BulkData, 1);

  data->kind = BULK_SET_FIELDS;
  data->ids = _civic_volunteers_page_dup_selected_ids (self);
  data->members = json_object_ref (members);
  run_bulk (self, data, message);
}

void
_civic_volunteers_page_deactivate_selected (CivicVolunteersPage *self)
{
  g_autoptr(JsonObject) members = json_object_new ();

  json_object_set_boolean_member (members, "active", FALSE);
  set_members_on_selected (self, members, MESSAGE_DEACTIVATED);
}

static void
deactivate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _civic_volunteers_page_deactivate_selected (CIVIC_VOLUNTEERS_PAGE (widget));
}

static void
office_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    CivicVolunteersPage *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "dropdown");
  GStrv ids = g_object_get_data (G_OBJECT (dialog), "office-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(JsonObject) members = json_object_new ();

  if (g_strcmp0 (response, "set") != 0 || ids == NULL || selected >= g_strv_length (ids))
    return;

  json_object_set_string_member (members, "office_id", ids[selected]);
  set_members_on_selected (self, members, MESSAGE_OFFICE);
}

static void
set_office_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GHashTable *names = _civic_volunteers_page_get_office_names (self);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GList) keys = names ? g_hash_table_get_keys (names) : NULL;
  GtkWidget *dialog, *dropdown;
  GtkRoot *root = gtk_widget_get_root (widget);

  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_strv_builder_add (ids, l->data);
      gtk_string_list_append (model, g_hash_table_lookup (names, l->data));
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Set Office"),
                                   _("The office for every selected volunteer:"));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "set", _("_Set Office"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "office-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (office_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shift_chosen_cb (CivicShiftChoiceDialog *dialog,
                 const char             *shift_id,
                 const char             *occurrence,
                 CivicVolunteersPage    *self)
{
  BulkData *data = g_new0 (BulkData, 1);

  data->kind = BULK_ADD_SIGNUPS;
  data->ids = _civic_volunteers_page_dup_selected_ids (self);
  data->shift_id = g_strdup (shift_id);
  data->occurrence = g_strdup (occurrence);
  run_bulk (self, data, MESSAGE_SIGNED_UP);
}

static void
add_to_shift_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CivicShiftChoiceDialog *dialog;

  /* The shifts page's picker ranks people for one shift; here the people
   * are chosen already and the question is which shift, so a list of the
   * next two weeks' shifts is the right tool.
   */
  dialog = civic_shift_choice_dialog_new (civic_volunteers_page_get_store (self),
                                          GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "shift-chosen", G_CALLBACK (shift_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The editor and new volunteers ---------------------------------------- */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _civic_volunteers_page_new_volunteer (CIVIC_VOLUNTEERS_PAGE (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  civic_volunteer_editor_save (_civic_volunteers_page_get_editor (CIVIC_VOLUNTEERS_PAGE (widget)));
}

/* ---- Import ---------------------------------------------------------------- */

static void
import_finished_cb (CivicRosterImportDialog *dialog,
                    guint                    imported,
                    CivicVolunteersPage     *self)
{
  g_autofree char *message = g_strdup_printf (ngettext ("Imported %u volunteer", "Imported %u volunteers", imported), imported);

  _civic_volunteers_page_add_toast (self, adw_toast_new (message));
}

static void
import_open_cb (CivicRosterImportDialog *dialog,
                const char              *id,
                CivicVolunteersPage     *self)
{
  _civic_volunteers_page_open_volunteer (self, id);
}

static void
import_file (CivicVolunteersPage *self,
             GFile               *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CivicRosterImportDialog *dialog;

  if (civic_volunteers_page_get_read_only (self) || civic_volunteers_page_get_store (self) == NULL)
    return;

  dialog = civic_roster_import_dialog_new (civic_volunteers_page_get_store (self),
                                           GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_finished_cb), self, 0);
  g_signal_connect_object (dialog, "open-volunteer", G_CALLBACK (import_open_cb), self, 0);
  civic_roster_import_dialog_load_file (dialog, file);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  import_file (CIVIC_VOLUNTEERS_PAGE (owner), file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = civic_csv_file_filter ();

  civic_choose_file (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Volunteers"), _("_Open"),
                     filter, NULL, import_chosen_cb, NULL, NULL);
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         CivicVolunteersPage *self)
{
  GFile *file;
  g_autofree char *name = NULL;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  file = g_value_get_object (value);
  name = g_file_get_basename (file);
  if (name == NULL || !(g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV") ||
                        g_str_has_suffix (name, ".txt")))
    return FALSE;
  if (civic_volunteers_page_get_read_only (self))
    return FALSE;

  import_file (self, file);
  return TRUE;
}

void
_civic_volunteers_page_init_drop (CivicVolunteersPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* ---- Export ---------------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  GFile      *file;
  GStrv       ids;      /* only these volunteers, or NULL for all */
  guint       rows;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->file);
  g_strfreev (data->ids);
  g_free (data);
}

/* The roster export, narrowed to @ids by its ID column: the same columns
 * and the same round trip through the importer.
 */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GString) all = civic_csv_buffer_new (CIVIC_CSV_WRITE_BOM);
  GString *out = all;
  g_autoptr(GString) some = NULL;
  GError *error = NULL;

  if (!civic_roster_export_volunteers (data->store, all, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->ids != NULL)
    {
      g_autoptr(CivicCsvTable) table = civic_csv_parse (all->str, all->len, &error);

      if (table == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      some = civic_csv_buffer_new (CIVIC_CSV_WRITE_BOM);
      for (guint i = 0; i < table->records->len; i++)
        {
          CivicCsvRecord *record = g_ptr_array_index (table->records, i);

          if (i == 0 || g_strv_contains ((const char * const *) data->ids, civic_csv_record_get (record, 0)))
            {
              civic_csv_append_row (some, (const char * const *) record->fields, record->n_fields);
              if (i > 0)
                data->rows++;
            }
        }
      out = some;
    }
  else
    {
      for (gsize i = 0; i < all->len; i++)
        if (all->str[i] == '\n')
          data->rows++;
      /* The header line is not a volunteer; quoted line breaks are rare
       * enough in a roster that the count is only for the toast.
       */
      if (data->rows > 0)
        data->rows--;
    }

  if (!g_file_replace_contents (data->file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_file_get_parse_name (data->file);
      g_autoptr(GError) shown = g_error_new (error->domain, error->code, _("Could not export to %s: %s"),
                                             name, error->message);
      _civic_volunteers_page_show_error (self, shown);
      return;
    }
  message = g_strdup_printf (ngettext ("Exported %u volunteer", "Exported %u volunteers", data->rows), data->rows);
  _civic_volunteers_page_add_toast (self, adw_toast_new (message));
}

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (owner);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (civic_volunteers_page_get_store (self) == NULL)
    return;

  task = g_task_new (self, NULL, export_done_cb, NULL);
  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (civic_volunteers_page_get_store (self));
  data->file = g_object_ref (file);
  data->ids = g_strdupv (user_data);
  g_task_set_source_tag (task, export_chosen_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export (CivicVolunteersPage *self,
        GStrv                ids,
        const char          *suggested)
{
  if (civic_volunteers_page_get_store (self) == NULL)
    {
      g_strfreev (ids);
      return;
    }

  civic_choose_file (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Volunteers"), _("_Export"),
                     NULL, suggested, export_chosen_cb, ids, (GDestroyNotify) g_strfreev);
}

static void
export_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  /* Translators: a file name. */
  export (CIVIC_VOLUNTEERS_PAGE (widget), NULL, _("roster.csv"));
}

static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GStrv ids = _civic_volunteers_page_dup_selected_ids (self);

  if (ids[0] == NULL)
    {
      g_strfreev (ids);
      _civic_volunteers_page_add_toast (self, adw_toast_new (_("Select volunteers to export first")));
      return;
    }
  /* Translators: a file name. */
  export (self, ids, _("volunteers.csv"));
}

/* ---- Hours and printing ------------------------------------------------------ */

static void
hours_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CivicHoursDialog *dialog;

  dialog = civic_hours_dialog_new (civic_volunteers_page_get_store (self),
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _civic_volunteers_page_get_campaign_id (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

CivicTablePrint *
_civic_volunteers_page_create_print (CivicVolunteersPage *self)
{
  GListModel *model = _civic_volunteers_page_get_model (self);
  g_autofree char *filters = _civic_volunteers_page_describe_filters (self);
  const char *headers[] = { _("Name"), _("Phone"), _("Languages"), _("Office"), _("Last Shift"), _("Hours"), _("Active") };
  static const double widths[] = { 0.30, 0.15, 0.12, 0.19, 0.10, 0.07, 0.07 };
  CivicTablePrint *print;
  g_autofree char *title = NULL;

  if (filters != NULL && *filters)
    /* Translators: the title of a printed roster; %s lists the filters. */
    title = g_strdup_printf (_("Volunteer Roster — %s"), filters);
  else
    title = g_strdup (_("Volunteer Roster"));

  print = civic_table_print_new (title, G_N_ELEMENTS (headers), headers, widths);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);
      g_autofree char *hours = civic_volunteer_row_get_hours (row) > 0 ?
                               g_strdup_printf ("%.1f", civic_volunteer_row_get_hours (row)) : g_strdup ("");
      const char *cells[] = {
        civic_volunteer_row_get_name (row),
        civic_volunteer_row_get_phone (row),
        civic_volunteer_row_get_languages (row),
        civic_volunteer_row_get_office (row),
        civic_volunteer_row_get_last_shift (row),
        hours,
        civic_volunteer_row_get_active (row) ? _("Yes") : _("No"),
      };

      civic_table_print_add_row (print, cells);
    }

  return print;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  g_autoptr(CivicTablePrint) print = _civic_volunteers_page_create_print (self);
  g_autoptr(GtkPrintOperation) operation = civic_table_print_create_operation (print);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _civic_volunteers_page_show_error (self, error);
}

/* ---- Entry points of the shifts and check-in pages --------------------------- */

/* The windows come from src/gui/shifts/ and src/gui/checkin/: the
 * confirmation calls of the next days, and check-in mode (choosing among
 * today's events).  Both record signups, so a board profile does not get
 * them.
 */

static void
confirmation_calls_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window;

  window = civic_confirmation_calls_window_new (civic_volunteers_page_get_store (self),
                                                GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (window);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window;

  window = civic_checkin_window_new (civic_volunteers_page_get_store (self), NULL,
                                     GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (window);
}

/* ---- Enabling ---------------------------------------------------------------- */

void
_civic_volunteers_page_update_actions (CivicVolunteersPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = civic_volunteers_page_get_store (self) != NULL;
  gboolean writable = has_store && !civic_volunteers_page_get_read_only (self);
  GtkSelectionModel *selection = _civic_volunteers_page_get_selection (self);
  g_autoptr(GtkBitset) selected = selection ? gtk_selection_model_get_selection (selection) : NULL;
  gboolean any = selected != NULL && !gtk_bitset_is_empty (selected);

  gtk_widget_action_set_enabled (widget, "volunteers.new", writable);
  gtk_widget_action_set_enabled (widget, "volunteers.save", writable && _civic_volunteers_page_has_volunteer (self));
  gtk_widget_action_set_enabled (widget, "volunteers.import", writable);
  gtk_widget_action_set_enabled (widget, "volunteers.set-office", writable && any);
  gtk_widget_action_set_enabled (widget, "volunteers.deactivate", writable && any);
  gtk_widget_action_set_enabled (widget, "volunteers.add-to-shift", writable && any);
  gtk_widget_action_set_enabled (widget, "volunteers.export-roster", has_store);
  gtk_widget_action_set_enabled (widget, "volunteers.export-selected", has_store && any);
  gtk_widget_action_set_enabled (widget, "volunteers.hours", has_store);
  gtk_widget_action_set_enabled (widget, "volunteers.print", has_store);
  /* Calls and check-in write signups: an organizer's work. */
  gtk_widget_action_set_enabled (widget, "volunteers.confirmation-calls", writable);
  gtk_widget_action_set_enabled (widget, "volunteers.check-in", writable);
}

void
_civic_volunteers_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "volunteers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "volunteers.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "volunteers.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "volunteers.set-office", NULL, set_office_action);
  gtk_widget_class_install_action (widget_class, "volunteers.deactivate", NULL, deactivate_action);
  gtk_widget_class_install_action (widget_class, "volunteers.add-to-shift", NULL, add_to_shift_action);
  gtk_widget_class_install_action (widget_class, "volunteers.export-roster", NULL, export_roster_action);
  gtk_widget_class_install_action (widget_class, "volunteers.export-selected", NULL, export_selected_action);
  gtk_widget_class_install_action (widget_class, "volunteers.hours", NULL, hours_action);
  gtk_widget_class_install_action (widget_class, "volunteers.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "volunteers.confirmation-calls", NULL, confirmation_calls_action);
  gtk_widget_class_install_action (widget_class, "volunteers.check-in", NULL, check_in_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "volunteers.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "volunteers.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "volunteers.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "volunteers.print", NULL);
}
