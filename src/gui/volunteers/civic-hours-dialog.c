/* civic-hours-dialog.c — hours per volunteer for a date range or a campaign
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hours report is shown before it is exported or printed, so the
 * person sees what leaves the office.  The report itself is the core's
 * (civic_roster_hours_report ()), computed in a thread; dates are
 * inclusive here, as people say them ("September 1 to 30"), and turned
 * into the core's half-open range.
 */

#define G_LOG_DOMAIN "civic-hours-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-csv.h"
#include "civic-file-chooser.h"
#include "civic-hours-dialog.h"
#include "civic-record.h"
#include "civic-roster-export.h"
#include "civic-table-print.h"

struct _CivicHoursDialog
{
  AdwWindow            parent_instance;

  CivicStore          *store;
  GCancellable        *cancellable;
  GCancellable        *export_cancellable;
  GPtrArray           *campaign_ids;  /* parallel to the combo; "" first */
  GPtrArray           *rows;
  char                *from;
  char                *to;            /* exclusive, for the core */
  char                *campaign_id;
  char                *initial_campaign;
  double               total;

  AdwComboRow         *campaign_row;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  AdwPreferencesGroup *result_group;
  GPtrArray           *result_rows;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (CivicHoursDialog, civic_hours_dialog, ADW_TYPE_WINDOW)

enum {
  SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  CivicStore *store;
  char       *from;
  char       *to;
  char       *campaign_id;
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_clear_object (&data->store);
  g_free (data->from);
  g_free (data->to);
  g_free (data->campaign_id);
  g_free (data);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportData *data = task_data;
  GError *error = NULL;
  GPtrArray *rows = civic_roster_hours_report (data->store, data->from, data->to, data->campaign_id, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
report_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *description = NULL;

  if (rows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  for (guint i = 0; i < self->result_rows->len; i++)
    adw_preferences_group_remove (self->result_group, g_ptr_array_index (self->result_rows, i));
  g_ptr_array_set_size (self->result_rows, 0);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;

  self->total = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      CivicHoursRow *r = g_ptr_array_index (rows, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *hours;
      g_autofree char *text = g_strdup_printf ("%.2f", r->hours);
      g_autofree char *title = r->name_ko && *r->name_ko && g_strcmp0 (r->name, r->name_ko) != 0 ?
                               g_strdup_printf ("%s · %s", r->name, r->name_ko) : g_strdup (r->name);

      hours = gtk_label_new (text);
      gtk_widget_add_css_class (hours, "numeric");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), hours);
      adw_preferences_group_add (self->result_group, row);
      g_ptr_array_add (self->result_rows, row);
      self->total += r->hours;
    }

  /* Translators: the number of volunteers and their hours in all. */
  description = g_strdup_printf (ngettext ("%u volunteer, %.2f hours in all", "%u volunteers, %.2f hours in all", rows->len),
                                 rows->len, self->total);
  adw_preferences_group_set_description (self->result_group, description);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hours.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hours.print", TRUE);
  g_signal_emit (self, signals[SHOWN], 0);
}

static char *
day_after (const char *date)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  day = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (day == NULL)
    return NULL;
  next = g_date_time_add_days (day, 1);
  return g_date_time_format (next, "%Y-%m-%d");
}

void
civic_hours_dialog_show_range (CivicHoursDialog *self,
                               const char       *from,
                               const char       *to,
                               const char       *campaign_id)
{
  g_autoptr(GTask) task = NULL;
  ReportData *data;

  g_return_if_fail (CIVIC_IS_HOURS_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if ((from != NULL && !civic_is_date (from)) || (to != NULL && !civic_is_date (to)))
    {
      gtk_label_set_label (self->error_label, _("Dates are written YYYY-MM-DD, such as 2026-09-30."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_free (self->from);
  self->from = g_strdup (from);
  g_free (self->to);
  self->to = day_after (to);
  g_free (self->campaign_id);
  self->campaign_id = g_strdup (campaign_id);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (ReportData, 1);
  data->store = g_object_ref (self->store);
  data->from = g_strdup (self->from);
  data->to = g_strdup (self->to);
  data->campaign_id = g_strdup (campaign_id);
  task = g_task_new (self, self->cancellable, report_done_cb, NULL);
  g_task_set_source_tag (task, civic_hours_dialog_show_range);
  g_task_set_task_data (task, data, (GDestroyNotify) report_data_free);
  g_task_run_in_thread (task, report_thread);
}

static char *
entry_date (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (widget);
  g_autofree char *from = entry_date (self->from_row);
  g_autofree char *to = entry_date (self->to_row);
  guint selected = adw_combo_row_get_selected (self->campaign_row);
  const char *campaign = selected > 0 && selected < self->campaign_ids->len ?
                         g_ptr_array_index (self->campaign_ids, selected) : NULL;

  civic_hours_dialog_show_range (self, from, to, campaign);
}

/* ---- Export and print ------------------------------------------------------ */

/* What one export writes: taken when the file is chosen, so the thread
 * reads nothing the dialog may change meanwhile.
 */
typedef struct {
  CivicStore *store;
  char       *from;
  char       *to;
  char       *campaign_id;
  GFile      *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->store);
  g_free (data->from);
  g_free (data->to);
  g_free (data->campaign_id);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GString) out = civic_csv_buffer_new (CIVIC_CSV_WRITE_BOM);
  GError *error = NULL;

  if (!civic_roster_export_hours (data->store, data->from, data->to, data->campaign_id, out, &error) ||
      !g_file_replace_contents (data->file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicHoursDialog *self;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the dialog was closed, and user_data may be gone. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = CIVIC_HOURS_DIALOG (user_data);
  if (error != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (((ExportData *) g_task_get_task_data (G_TASK (result)))->file);
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("Could not export to %s: %s"), name, error->message);

      gtk_label_set_label (self->error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_label_set_label (self->error_label, _("Exported."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (owner);
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  if (self->store == NULL)
    return;

  if (self->export_cancellable == NULL)
    self->export_cancellable = g_cancellable_new ();
  data = g_new0 (ExportData, 1);
  data->store = g_object_ref (self->store);
  data->from = g_strdup (self->from);
  data->to = g_strdup (self->to);
  data->campaign_id = g_strdup (self->campaign_id);
  data->file = g_object_ref (file);

  /* No source object: nothing in the thread refers to the dialog. */
  task = g_task_new (NULL, self->export_cancellable, export_done_cb, self);
  g_task_set_source_tag (task, export_chosen_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  /* Translators: a file name. */
  civic_choose_file (widget, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Hours"), _("_Export"),
                     NULL, _("hours.csv"), export_chosen_cb, NULL, NULL);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (widget);
  const char *headers[] = { _("Name"), _("Korean name"), _("Hours") };
  static const double widths[] = { 0.5, 0.3, 0.2 };
  g_autoptr(GString) title = g_string_new (_("Volunteer Hours"));
  g_autoptr(CivicTablePrint) print = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = g_strdup_printf ("%.2f", self->total);
  guint selected = adw_combo_row_get_selected (self->campaign_row);

  if (self->rows == NULL)
    return;

  if (self->campaign_id != NULL && selected > 0)
    g_string_append_printf (title, " — %s", gtk_string_object_get_string (adw_combo_row_get_selected_item (self->campaign_row)));
  if (self->from != NULL || self->to != NULL)
    {
      g_autofree char *shown_to = entry_date (self->to_row);
      g_string_append_printf (title, " — %s – %s", self->from ? self->from : "…", shown_to ? shown_to : "…");
    }

  print = civic_table_print_new (title->str, 3, headers, widths);
  for (guint i = 0; i < self->rows->len; i++)
    {
      CivicHoursRow *r = g_ptr_array_index (self->rows, i);
      g_autofree char *hours = g_strdup_printf ("%.2f", r->hours);
      const char *cells[] = { r->name, r->name_ko, hours };

      civic_table_print_add_row (print, cells);
    }
  {
    const char *cells[] = { _("Total"), "", total };
    civic_table_print_add_row (print, cells);
  }

  operation = civic_table_print_create_operation (print);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* ---- Campaigns -------------------------------------------------------------- */

static void
campaigns_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *campaigns = civic_store_list (task_data, "campaign", &error);

  if (campaigns == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, campaigns, (GDestroyNotify) g_ptr_array_unref);
}

static void
campaigns_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (source);
  g_autoptr(GPtrArray) campaigns = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  if (campaigns == NULL)
    return;

  gtk_string_list_append (model, _("Any campaign"));
  for (guint i = 0; i < campaigns->len; i++)
    {
      JsonObject *campaign = g_ptr_array_index (campaigns, i);
      const char *id = json_object_get_string_member_with_default (campaign, "_id", "");

      g_ptr_array_add (self->campaign_ids, g_strdup (id));
      gtk_string_list_append (model, json_object_get_string_member_with_default (campaign, "name", id));
      if (g_strcmp0 (id, self->initial_campaign) == 0)
        selected = self->campaign_ids->len - 1;
    }
  adw_combo_row_set_model (self->campaign_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->campaign_row, selected);
  gtk_widget_activate_action (GTK_WIDGET (self), "hours.show", NULL);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
civic_hours_dialog_dispose (GObject *object)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->campaign_ids, g_ptr_array_unref);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_hours_dialog_parent_class)->dispose (object);
}

static void
civic_hours_dialog_finalize (GObject *object)
{
  CivicHoursDialog *self = CIVIC_HOURS_DIALOG (object);

  g_free (self->from);
  g_free (self->to);
  g_free (self->campaign_id);
  g_free (self->initial_campaign);

  G_OBJECT_CLASS (civic_hours_dialog_parent_class)->finalize (object);
}

static void
civic_hours_dialog_class_init (CivicHoursDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_hours_dialog_dispose;
  object_class->finalize = civic_hours_dialog_finalize;

  signals[SHOWN] = g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "hours.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "hours.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "hours.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civic_hours_dialog_init (CivicHoursDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *period = adw_preferences_group_new ();
  GtkWidget *button;

  self->cancellable = g_cancellable_new ();
  self->campaign_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->campaign_ids, g_strdup (""));
  self->result_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Volunteer Hours"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "hours.export");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  button = gtk_button_new_from_icon_name ("document-print-symbolic");
  gtk_widget_set_tooltip_text (button, _("Print"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "hours.print");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (period), _("Period"));
  self->campaign_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->campaign_row), _("Campaign"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (period), GTK_WIDGET (self->campaign_row));
  self->from_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("From (YYYY-MM-DD)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (period), GTK_WIDGET (self->from_row));
  self->to_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To (YYYY-MM-DD, included)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (period), GTK_WIDGET (self->to_row));
  button = gtk_button_new_with_mnemonic (_("_Show"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "hours.show");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (period), button);
  gtk_box_append (GTK_BOX (content), period);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  self->result_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->result_group, _("Hours"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->result_group));

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hours.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hours.print", FALSE);
}

CivicHoursDialog *
civic_hours_dialog_new (CivicStore *store,
                        GtkWindow  *parent,
                        const char *campaign_id)
{
  CivicHoursDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_HOURS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->initial_campaign = g_strdup (campaign_id);

  task = g_task_new (self, self->cancellable, campaigns_done_cb, NULL);
  g_task_set_source_tag (task, civic_hours_dialog_new);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, campaigns_thread);

  return self;
}

GPtrArray *
civic_hours_dialog_get_rows (CivicHoursDialog *self)
{
  g_return_val_if_fail (CIVIC_IS_HOURS_DIALOG (self), NULL);
  return self->rows;
}
