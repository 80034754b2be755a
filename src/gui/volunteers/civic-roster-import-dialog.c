/* civic-roster-import-dialog.c — importing volunteers from a CSV file: mapping, preview, confirm
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three steps over civic-roster-import.h, so that nothing is written
 * before the person has seen the plan:
 *
 * 1. Mapping: one combo row per column of the file with the field its
 *    header was recognized as ("Skip this column" when none); columns that
 *    name immigration or documentation status are shown as dropped, with
 *    the reason, and cannot be mapped.
 * 2. Preview: the first rows as they will be saved, and the report — rows
 *    skipped, with their line and reason, and duplicates of people already
 *    in the roster, each with a button that opens the existing record.
 * 3. Import: the commit runs in a thread, in one transaction; a failure
 *    writes nothing and the dialog says why.
 *
 * The file is read and every evaluation runs in a thread; while one runs
 * the dialog shows a spinner and does not touch the plan.
 */

#define G_LOG_DOMAIN "civic-roster-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-roster-import-dialog.h"

#define PREVIEW_ROWS 5

struct _CivicRosterImportDialog
{
  AdwWindow          parent_instance;

  CivicStore        *store;
  CivicRosterImport *plan;
  GCancellable      *cancellable;
  char              *file_name;
  char              *step;
  char              *failure;
  guint              ok_rows;
  gboolean           import_duplicates;

  GtkStack          *stack;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkBox            *mapping_box;
  GtkBox            *preview_box;
  GtkLabel          *mapping_error;
  AdwStatusPage     *failed_page;
};

G_DEFINE_FINAL_TYPE (CivicRosterImportDialog, civic_roster_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTED,
  OPEN_VOLUNTEER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
set_step (CivicRosterImportDialog *self,
          const char              *step)
{
  gboolean mapping = g_str_equal (step, "mapping");
  gboolean preview = g_str_equal (step, "preview");

  g_free (self->step);
  self->step = g_strdup (step);
  gtk_stack_set_visible_child_name (self->stack, step);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), mapping || preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", mapping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", preview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.confirm", preview && self->ok_rows > 0);
  if (mapping)
    {
      gtk_button_set_label (self->next_button, _("_Next"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "import.next");
    }
  else if (preview)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("_Import %u Volunteer", "_Import %u Volunteers", self->ok_rows),
                                                self->ok_rows);
      gtk_button_set_label (self->next_button, label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "import.confirm");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
fail (CivicRosterImportDialog *self,
      const char              *message)
{
  g_free (self->failure);
  self->failure = g_strdup (message);
  adw_status_page_set_description (self->failed_page, message);
  set_step (self, "failed");
}

/* ---- Step 1: mapping --------------------------------------------------------- */

static void
field_chosen_cb (AdwComboRow             *row,
                 GParamSpec              *pspec,
                 CivicRosterImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  CivicRosterField field = (CivicRosterField) adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), FALSE);
  if (!civic_roster_import_set_column_field (self->plan, column, field, &error))
    {
      gtk_label_set_label (self->mapping_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), TRUE);
    }
}

static void
show_mapping (CivicRosterImportDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  guint n_columns = civic_roster_import_get_n_columns (self->plan);
  guint n_rows = civic_roster_import_get_n_rows (self->plan);
  g_autofree char *description = NULL;

  clear_box (self->mapping_box);

  gtk_string_list_append (fields, _("Skip this column"));
  for (guint f = 1; f < CIVIC_ROSTER_N_FIELDS; f++)
    gtk_string_list_append (fields, civic_roster_field_label (f));

  /* Translators: file name · encoding · number of rows. */
  description = g_strdup_printf (ngettext ("%s · %s · %u row", "%s · %s · %u rows", n_rows),
                                 self->file_name, civic_roster_import_get_encoding (self->plan), n_rows);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Columns"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint column = 0; column < n_columns; column++)
    {
      const char *header = civic_roster_import_get_header (self->plan, column);
      GtkWidget *row;

      if (civic_roster_import_column_is_dropped (self->plan, column))
        {
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Dropped: immigration, citizenship or document status is never read or stored"));
          gtk_widget_add_css_class (row, "dim-label");
        }
      else
        {
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), civic_roster_import_get_column_field (self->plan, column));
          g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
          g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_chosen_cb), self, 0);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *header ? header : _("(no title)"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (self->mapping_box, group);
  gtk_box_append (self->mapping_box, GTK_WIDGET (self->mapping_error));
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), FALSE);
  set_step (self, "mapping");
}

/* ---- Loading ---------------------------------------------------------------- */

typedef struct {
  GFile  *file;
  GBytes *bytes;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  CivicRosterImport *plan;

  if (data->file != NULL)
    bytes = g_file_load_bytes (data->file, cancellable, NULL, &error);
  else
    bytes = g_bytes_ref (data->bytes);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  plan = civic_roster_import_prepare (bytes, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

static void
prepare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  CivicRosterImport *plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (plan == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("%s could not be read: %s"), self->file_name, error->message);
      fail (self, message);
      return;
    }

  g_clear_object (&self->plan);
  self->plan = plan;
  show_mapping (self);
}

static void
start_prepare (CivicRosterImportDialog *self,
               GFile                   *file,
               GBytes                  *bytes,
               const char              *name)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, prepare_done_cb, NULL);
  PrepareData *data = g_new0 (PrepareData, 1);

  g_free (self->file_name);
  self->file_name = g_strdup (name);
  gtk_window_set_title (GTK_WINDOW (self), name);
  set_step (self, "loading");
  g_task_set_source_tag (task, start_prepare);
  data->file = file ? g_object_ref (file) : NULL;
  data->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

/* ---- Step 2: preview and report ----------------------------------------------- */

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CivicRosterImportDialog *self = source_object;
  GError *error = NULL;

  if (!civic_roster_import_evaluate (self->plan, self->store, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
open_existing_cb (GtkButton               *button,
                  CivicRosterImportDialog *self)
{
  g_signal_emit (self, signals[OPEN_VOLUNTEER], 0, g_object_get_data (G_OBJECT (button), "volunteer-id"));
}

static void evaluate (CivicRosterImportDialog *self);

static void
duplicates_toggled_cb (GtkSwitch               *sw,
                       GParamSpec              *pspec,
                       CivicRosterImportDialog *self)
{
  self->import_duplicates = gtk_switch_get_active (sw);
  civic_roster_import_set_import_duplicates (self->plan, self->import_duplicates);
  evaluate (self);
}

static char *
preview_name (GStrv values)
{
  const char *given = values[CIVIC_ROSTER_FIELD_GIVEN_NAME];
  const char *family = values[CIVIC_ROSTER_FIELD_FAMILY_NAME];
  const char *full = values[CIVIC_ROSTER_FIELD_FULL_NAME];
  const char *ko = values[CIVIC_ROSTER_FIELD_NAME_KO];
  g_autoptr(GString) name = g_string_new (NULL);

  if (*given || *family)
    g_string_append_printf (name, "%s%s%s", given, *given && *family ? " " : "", family);
  else if (*full)
    g_string_append (name, full);
  if (*ko)
    g_string_append_printf (name, "%s%s", name->len ? " · " : "", ko);
  else if (*values[CIVIC_ROSTER_FIELD_NAME_KO_FAMILY] || *values[CIVIC_ROSTER_FIELD_NAME_KO_GIVEN])
    g_string_append_printf (name, "%s%s%s", name->len ? " · " : "",
                            values[CIVIC_ROSTER_FIELD_NAME_KO_FAMILY], values[CIVIC_ROSTER_FIELD_NAME_KO_GIVEN]);
  if (name->len == 0)
    g_string_append (name, _("(no name)"));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
show_preview (CivicRosterImportDialog *self)
{
  GPtrArray *rows = civic_roster_import_get_rows (self->plan);
  g_autoptr(GPtrArray) preview = civic_roster_import_preview (self->plan, PREVIEW_ROWS);
  g_auto(GStrv) dropped = civic_roster_import_dup_dropped (self->plan);
  GtkWidget *group, *report, *sw, *row;
  guint skipped = 0, duplicates = 0;
  g_autofree char *summary = NULL;

  clear_box (self->preview_box);

  self->ok_rows = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      CivicRosterImportRow *r = g_ptr_array_index (rows, i);

      if (r->status == CIVIC_ROSTER_ROW_OK)
        self->ok_rows++;
      else if (r->status == CIVIC_ROSTER_ROW_INVALID)
        skipped++;
      else
        duplicates++;
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Preview"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("The first rows as they will be saved"));
  for (guint i = 0; i < preview->len; i++)
    {
      GStrv values = g_ptr_array_index (preview, i);
      g_autofree char *name = preview_name (values);
      g_autoptr(GString) details = g_string_new (NULL);
      static const CivicRosterField shown[] = {
        CIVIC_ROSTER_FIELD_PHONE, CIVIC_ROSTER_FIELD_EMAIL, CIVIC_ROSTER_FIELD_LANGUAGES,
        CIVIC_ROSTER_FIELD_OFFICE,
      };

      for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
        if (*values[shown[k]])
          g_string_append_printf (details, "%s%s", details->len ? " · " : "", values[shown[k]]);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details->str);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->preview_box, group);

  report = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (report), _("Report"));
  /* Translators: a summary before importing; three counts of rows. */
  summary = g_strdup_printf (_("%u to import, %u skipped, %u already in the roster"), self->ok_rows, skipped, duplicates);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (report), summary);

  for (guint i = 0; dropped != NULL && dropped[i] != NULL; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Column “%s” dropped"), dropped[i]);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Immigration, citizenship or document status is never stored"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (report), row);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CivicRosterImportRow *r = g_ptr_array_index (rows, i);
      g_autofree char *title = NULL;

      if (r->status == CIVIC_ROSTER_ROW_OK)
        continue;

      title = g_strdup_printf (_("Line %u"), r->line);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->reason ? r->reason : "");
      if (r->status == CIVIC_ROSTER_ROW_DUPLICATE && r->duplicate_of != NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Existing"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (button), "volunteer-id", g_strdup (r->duplicate_of), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (open_existing_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (report), row);
    }

  if (duplicates > 0 || self->import_duplicates)
    {
      row = adw_action_row_new ();
      sw = gtk_switch_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Import duplicates as new volunteers"));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), self->import_duplicates);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (duplicates_toggled_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (report), row);
    }

  gtk_box_append (self->preview_box, report);
  set_step (self, "preview");
}

static void
evaluate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A mapping without any name column: back to the mapping, saying so. */
      gtk_label_set_label (self->mapping_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), TRUE);
      set_step (self, "mapping");
      return;
    }
  show_preview (self);
}

static void
evaluate (CivicRosterImportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, evaluate_done_cb, NULL);

  set_step (self, "loading");
  g_task_set_source_tag (task, evaluate);
  g_task_run_in_thread (task, evaluate_thread);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (widget);

  if (self->plan != NULL && g_strcmp0 (self->step, "mapping") == 0)
    evaluate (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (widget);

  if (self->plan != NULL)
    set_step (self, "mapping");
}

/* ---- Step 3: commit ------------------------------------------------------------ */

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CivicRosterImportDialog *self = source_object;
  CivicRosterImportReport *report = NULL;
  GError *error = NULL;

  if (!civic_roster_import_commit (self->plan, self->store, &report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) civic_roster_import_report_free);
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicRosterImportReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  if (report == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      fail (self, message);
      return;
    }

  set_step (self, "done");
  g_signal_emit (self, signals[IMPORTED], 0, report->imported);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->plan == NULL || g_strcmp0 (self->step, "preview") != 0)
    return;

  set_step (self, "importing");
  task = g_task_new (self, self->cancellable, commit_done_cb, NULL);
  g_task_set_source_tag (task, confirm_action);
  g_task_run_in_thread (task, commit_thread);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
civic_roster_import_dialog_dispose (GObject *object)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (civic_roster_import_dialog_parent_class)->dispose (object);
}

static void
civic_roster_import_dialog_finalize (GObject *object)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (object);

  g_free (self->file_name);
  g_free (self->step);
  g_free (self->failure);

  G_OBJECT_CLASS (civic_roster_import_dialog_parent_class)->finalize (object);
}

static void
civic_roster_import_dialog_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CivicRosterImportDialog *self = CIVIC_ROSTER_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_roster_import_dialog_class_init (CivicRosterImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_roster_import_dialog_dispose;
  object_class->finalize = civic_roster_import_dialog_finalize;
  object_class->get_property = civic_roster_import_dialog_get_property;

  properties[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicRosterImportDialog::imported:
   * @count: volunteers written
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * CivicRosterImportDialog::open-volunteer:
   * @id: the existing volunteer a duplicate row matches
   */
  signals[OPEN_VOLUNTEER] = g_signal_new ("open-volunteer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
scrolled_page (GtkBox **box)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (*box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (*box), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (*box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (*box), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (*box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static void
civic_roster_import_dialog_init (CivicRosterImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *title = adw_window_title_new (_("Import Volunteers"), NULL);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->back_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "import.back");
  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->back_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->next_button));
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled_page (&self->mapping_box), "mapping");
  gtk_stack_add_named (self->stack, scrolled_page (&self->preview_box), "preview");
  {
    GtkWidget *importing = adw_status_page_new ();
    adw_status_page_set_title (ADW_STATUS_PAGE (importing), _("Importing…"));
    gtk_stack_add_named (self->stack, importing, "importing");
    gtk_stack_add_named (self->stack, adw_status_page_new (), "done");
  }
  self->failed_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->failed_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->failed_page, _("Nothing Was Imported"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->failed_page), "failed");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->mapping_error = GTK_LABEL (gtk_label_new (NULL));
  g_object_ref_sink (self->mapping_error);
  gtk_label_set_wrap (self->mapping_error, TRUE);
  gtk_label_set_xalign (self->mapping_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->mapping_error), "error");
  g_object_set_data_full (G_OBJECT (self), "mapping-error", self->mapping_error, g_object_unref);

  adw_window_set_content (ADW_WINDOW (self), box);
  set_step (self, "loading");
}

/* ---- Public API ----------------------------------------------------------------- */

CivicRosterImportDialog *
civic_roster_import_dialog_new (CivicStore *store,
                                GtkWindow  *parent)
{
  CivicRosterImportDialog *self;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_ROSTER_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
civic_roster_import_dialog_load_file (CivicRosterImportDialog *self,
                                      GFile                   *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  start_prepare (self, file, NULL, name);
}

void
civic_roster_import_dialog_load_bytes (CivicRosterImportDialog *self,
                                       GBytes                  *bytes,
                                       const char              *name)
{
  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT_DIALOG (self));
  g_return_if_fail (bytes != NULL);

  start_prepare (self, NULL, bytes, name);
}

const char *
civic_roster_import_dialog_get_step (CivicRosterImportDialog *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT_DIALOG (self), NULL);
  return self->step;
}

CivicRosterImport *
civic_roster_import_dialog_get_plan (CivicRosterImportDialog *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT_DIALOG (self), NULL);
  return self->plan;
}

const char *
civic_roster_import_dialog_get_failure (CivicRosterImportDialog *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT_DIALOG (self), NULL);
  return self->failure;
}
