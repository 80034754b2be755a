/* civic-shift-choice-dialog.c — choose one of the next two weeks' shifts
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roster's "Add to Shift" for people already selected: the events of
 * the next 14 days are expanded (a weekly phone bank gives one row per
 * evening), their shifts listed by start, each with its event, role and
 * time.  Loading runs in a thread.
 */

#define G_LOG_DOMAIN "civic-shift-choice-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-derived.h"
#include "civic-recurrence.h"
#include "civic-record.h"
#include "civic-shift.h"
#include "civic-shift-choice-dialog.h"

#define DAYS 14

struct _CivicShiftChoiceDialog
{
  AdwMessageDialog  parent_instance;

  CivicStore       *store;
  GCancellable     *cancellable;
  GtkListBox       *list;
  GtkStack         *stack;
  GPtrArray        *choices;   /* Choice* */
};

G_DEFINE_FINAL_TYPE (CivicShiftChoiceDialog, civic_shift_choice_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SHIFT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char   *shift_id;
  char   *occurrence;  /* NULL for a one-off event */
  char   *title;
  char   *subtitle;
  gint64  starts;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->shift_id);
  g_free (choice->occurrence);
  g_free (choice->title);
  g_free (choice->subtitle);
  g_free (choice);
}

static int
choice_compare (gconstpointer a,
                gconstpointer b)
{
  const Choice *ca = *(Choice * const *) a;
  const Choice *cb = *(Choice * const *) b;

  return ca->starts < cb->starts ? -1 : ca->starts > cb->starts;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CivicStore *store = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_days (now, DAYS);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  GError *error = NULL;

  occurrences = civic_calendar_occurrences_in_range (store, now, until, &error);
  if (occurrences == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < occurrences->len; i++)
    {
      CivicOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      const char *event_id = occurrence->series_id ? occurrence->series_id : occurrence->event_id;
      const char *tzid = json_object_get_string_member_with_default (occurrence->event, "tzid", NULL);
      g_autoptr(GPtrArray) shifts = civic_store_list_by_ref (store, "shift", CIVIC_STORE_REF_1, event_id, NULL);

      if (g_strcmp0 (json_object_get_string_member_with_default (occurrence->event, "status", ""), "cancelled") == 0)
        continue;

      for (guint j = 0; shifts != NULL && j < shifts->len; j++)
        {
          g_autoptr(CivicRecord) record = civic_record_new_from_json (g_ptr_array_index (shifts, j), NULL);
          const char *occ = occurrence->repeats ? occurrence->occurrence : NULL;
          g_autoptr(GDateTime) starts = NULL;
          g_autoptr(GDateTime) ends = NULL;
          g_autoptr(GDateTime) local = NULL;
          g_autofree char *when = NULL;
          Choice *choice;

          if (record == NULL ||
              !civic_shift_get_occurrence_times (CIVIC_SHIFT (record), occ, tzid, &starts, &ends) ||
              g_date_time_compare (starts, now) < 0 || g_date_time_compare (starts, until) >= 0)
            continue;

          local = g_date_time_to_local (starts);
          when = g_date_time_format (local, "%a %x %H:%M");
          choice = g_new0 (Choice, 1);
          choice->shift_id = g_strdup (civic_record_get_id (record));
          choice->occurrence = g_strdup (occ);
          choice->title = g_strdup (civic_occurrence_get_title (occurrence));
          choice->subtitle = g_strdup_printf ("%s · %s", when,
                                              civic_shift_role_get_label (civic_shift_get_role (CIVIC_SHIFT (record))));
          choice->starts = g_date_time_to_unix (starts);
          g_ptr_array_add (choices, choice);
        }
    }

  g_ptr_array_sort (choices, choice_compare);
  g_task_return_pointer (task, g_steal_pointer (&choices), (GDestroyNotify) g_ptr_array_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicShiftChoiceDialog *self = CIVIC_SHIFT_CHOICE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *choices = g_task_propagate_pointer (G_TASK (result), &error);

  if (choices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), error->message);
      return;
    }

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = choices;
  for (guint i = 0; i < choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (choices, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), choice->subtitle);
      gtk_list_box_append (self->list, row);
    }

  if (choices->len == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), _("No shifts in the next 14 days."));
  gtk_stack_set_visible_child_name (self->stack, choices->len > 0 ? "list" : "none");
}

static void
row_selected_cb (GtkListBox             *list,
                 GtkListBoxRow          *row,
                 CivicShiftChoiceDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", row != NULL);
}

static void
civic_shift_choice_dialog_response (AdwMessageDialog *dialog,
                                    const char       *response)
{
  CivicShiftChoiceDialog *self = CIVIC_SHIFT_CHOICE_DIALOG (dialog);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  if (g_strcmp0 (response, "add") == 0 && row != NULL && self->choices != NULL)
    {
      Choice *choice = g_ptr_array_index (self->choices, gtk_list_box_row_get_index (row));
      g_signal_emit (self, signals[SHIFT_CHOSEN], 0, choice->shift_id, choice->occurrence);
    }
}

static void
civic_shift_choice_dialog_dispose (GObject *object)
{
  CivicShiftChoiceDialog *self = CIVIC_SHIFT_CHOICE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_shift_choice_dialog_parent_class)->dispose (object);
}

static void
civic_shift_choice_dialog_class_init (CivicShiftChoiceDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = civic_shift_choice_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = civic_shift_choice_dialog_response;

  /**
   * CivicShiftChoiceDialog::shift-chosen:
   * @shift_id: the shift
   * @occurrence: (nullable): the occurrence's date for a repeating event
   */
  signals[SHIFT_CHOSEN] = g_signal_new ("shift-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
civic_shift_choice_dialog_init (CivicShiftChoiceDialog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, gtk_label_new (NULL), "none");

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add to Shift"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), _("Shifts of the next 14 days:"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), GTK_WIDGET (self->stack));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "add", _("_Sign Up"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

CivicShiftChoiceDialog *
civic_shift_choice_dialog_new (CivicStore *store,
                               GtkWindow  *parent)
{
  CivicShiftChoiceDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_SHIFT_CHOICE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, civic_shift_choice_dialog_new);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);

  return self;
}
