/* civic-event-editor.c — create and edit an event, one occurrence or the series
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor reads its widgets into a CivicEventForm, turns the form into a
 * document with civic_event_form_to_json() and lets the domain validate it;
 * a failing field is marked in place with the reason next to it.  Saving
 * runs in a thread.  For an occurrence of a repeating event it asks
 * whether the change is for "this event" (an exception document that
 * replaces the occurrence) or "all events" (the series document).
 */

#define G_LOG_DOMAIN "civic-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cal-time.h"
#include "civic-event.h"
#include "civic-event-editor.h"
#include "civic-event-form.h"
#include "civic-recurrence.h"
#include "civic-record.h"

struct _CivicEventEditor
{
  AdwWindow          parent_instance;

  CivicStore        *store;
  JsonObject        *original;    /* the document edited, or NULL for a new event */
  char              *occurrence;  /* the occurrence edited, for repeating events */
  char              *user_name;
  GStrv              kind_ids;
  GStrv              status_ids;
  GStrv              office_ids;
  GStrv              campaign_ids;
  GtkWidget         *weekday_buttons[7];
  GtkWidget         *error_row;

  /* Template children */
  GtkLabel          *error_label;
  AdwEntryRow       *title_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *status_row;
  AdwComboRow       *office_row;
  AdwComboRow       *campaign_row;
  GtkSwitch         *all_day_switch;
  AdwActionRow      *starts_row;
  AdwActionRow      *ends_row;
  GtkMenuButton     *start_date_button;
  GtkMenuButton     *end_date_button;
  GtkCalendar       *start_calendar;
  GtkCalendar       *end_calendar;
  GtkWidget         *start_time_box;
  GtkWidget         *end_time_box;
  GtkSpinButton     *start_hour;
  GtkSpinButton     *start_minute;
  GtkSpinButton     *end_hour;
  GtkSpinButton     *end_minute;
  AdwEntryRow       *tzid_row;
  AdwComboRow       *repeat_row;
  AdwActionRow      *weekdays_row;
  GtkBox            *weekdays_box;
  AdwComboRow       *repeat_end_row;
  AdwActionRow      *until_row;
  GtkMenuButton     *until_button;
  GtkCalendar       *until_calendar;
  AdwActionRow      *count_row;
  GtkSpinButton     *count_spin;
  AdwEntryRow       *exdates_row;
  AdwEntryRow       *location_name_row;
  AdwEntryRow       *location_address_row;
  AdwEntryRow       *online_url_row;
  AdwEntryRow       *languages_row;
  AdwEntryRow       *accessibility_row;
  GtkSpinButton     *capacity_spin;
  GtkSwitch         *board_visible_switch;
  GtkTextView       *description_view;
  GtkWidget         *hearing_group;
  AdwEntryRow       *body_row;
  AdwEntryRow       *bill_row;
  AdwEntryRow       *deadline_row;
  AdwEntryRow       *testifiers_row;
  GtkSpinButton     *calls_spin;
  GtkSpinButton     *contacts_spin;
  GtkSpinButton     *registrations_spin;
  GtkSpinButton     *attendees_spin;
  GtkBox            *extensions_box;
  GtkWidget         *delete_button;
};

G_DEFINE_FINAL_TYPE (CivicEventEditor, civic_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Widgets ↔ form ----------------------------------------------------- */

static GDate
calendar_get_gdate (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date), g_date_time_get_year (date));
  return result;
}

static void
calendar_set_gdate (GtkCalendar *calendar,
                    const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid (date))
    return;
  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
  gtk_calendar_select_day (calendar, dt);
}

static void
update_date_labels (CivicEventEditor *self)
{
  GtkMenuButton *buttons[] = { self->start_date_button, self->end_date_button, self->until_button };
  GtkCalendar *calendars[] = { self->start_calendar, self->end_calendar, self->until_calendar };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autoptr(GDateTime) date = gtk_calendar_get_date (calendars[i]);
      /* Translators: a date on the editor's date buttons, see strftime(3). */
      g_autofree char *label = g_date_time_format (date, _("%a %b %-d, %Y"));

      gtk_menu_button_set_label (buttons[i], label);
    }
}

static guint
index_of (GStrv        ids,
          const char  *id)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;
  return 0;
}

static const char *
selected_id (AdwComboRow *row,
             GStrv        ids)
{
  guint selected = adw_combo_row_get_selected (row);

  if (ids == NULL || selected >= g_strv_length (ids))
    return NULL;
  return ids[selected];
}

static void
update_sensitivity (CivicEventEditor *self)
{
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  guint repeat_end = adw_combo_row_get_selected (self->repeat_end_row);
  const char *kind = selected_id (self->kind_row, self->kind_ids);

  gtk_widget_set_visible (self->start_time_box, !all_day);
  gtk_widget_set_visible (self->end_time_box, !all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->tzid_row), !all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->weekdays_row), repeat == CIVIC_REPEAT_WEEKLY);
  gtk_widget_set_visible (GTK_WIDGET (self->repeat_end_row), repeat != CIVIC_REPEAT_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row),
                          repeat != CIVIC_REPEAT_NONE && repeat_end == CIVIC_REPEAT_END_UNTIL);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row),
                          repeat != CIVIC_REPEAT_NONE && repeat_end == CIVIC_REPEAT_END_COUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->exdates_row), repeat != CIVIC_REPEAT_NONE);
  gtk_widget_set_visible (self->hearing_group, g_strcmp0 (kind, "hearing") == 0);
  update_date_labels (self);
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
strv_join_commas (GStrv strv)
{
  return strv ? g_strjoinv (", ", strv) : g_strdup ("");
}

static GStrv
split_commas (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]))
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static void
form_to_widgets (CivicEventEditor *self,
                 CivicEventForm   *form)
{
  g_autofree char *exdates = strv_join_commas (form->exdates);
  int spin_value;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), form->title ? form->title : "");
  adw_combo_row_set_selected (self->kind_row, index_of (self->kind_ids, form->kind));
  adw_combo_row_set_selected (self->status_row, index_of (self->status_ids, form->status));
  adw_combo_row_set_selected (self->office_row, index_of (self->office_ids, form->office_id ? form->office_id : ""));
  adw_combo_row_set_selected (self->campaign_row, index_of (self->campaign_ids, form->campaign_id ? form->campaign_id : ""));
  gtk_switch_set_active (self->all_day_switch, form->all_day);
  calendar_set_gdate (self->start_calendar, &form->start_date);
  calendar_set_gdate (self->end_calendar, &form->end_date);
  gtk_spin_button_set_value (self->start_hour, form->start_minutes / 60);
  gtk_spin_button_set_value (self->start_minute, form->start_minutes % 60);
  gtk_spin_button_set_value (self->end_hour, form->end_minutes / 60);
  gtk_spin_button_set_value (self->end_minute, form->end_minutes % 60);
  gtk_editable_set_text (GTK_EDITABLE (self->tzid_row), form->tzid ? form->tzid : "");

  adw_combo_row_set_selected (self->repeat_row, form->repeat);
  for (int d = 0; d < 7; d++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->weekday_buttons[d]), (form->weekdays & (1 << d)) != 0);
  adw_combo_row_set_selected (self->repeat_end_row, form->repeat_end);
  if (g_date_valid (&form->until))
    calendar_set_gdate (self->until_calendar, &form->until);
  if (form->count > 0)
    gtk_spin_button_set_value (self->count_spin, form->count);
  gtk_editable_set_text (GTK_EDITABLE (self->exdates_row), exdates);

  gtk_editable_set_text (GTK_EDITABLE (self->location_name_row), form->location_name ? form->location_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_address_row), form->location_address ? form->location_address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->online_url_row), form->online_url ? form->online_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->languages_row), form->languages ? form->languages : "");
  gtk_editable_set_text (GTK_EDITABLE (self->accessibility_row), form->accessibility ? form->accessibility : "");
  gtk_spin_button_set_value (self->capacity_spin, form->capacity);
  gtk_switch_set_active (self->board_visible_switch, form->board_visible);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            form->description ? form->description : "", -1);

  gtk_editable_set_text (GTK_EDITABLE (self->body_row), form->body ? form->body : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bill_row), form->bill ? form->bill : "");
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), form->testimony_deadline ? form->testimony_deadline : "");
  gtk_editable_set_text (GTK_EDITABLE (self->testifiers_row), form->testifiers ? form->testifiers : "");

  spin_value = MAX (0, form->calls_made);
  gtk_spin_button_set_value (self->calls_spin, spin_value);
  gtk_spin_button_set_value (self->contacts_spin, MAX (0, form->contacts_reached));
  gtk_spin_button_set_value (self->registrations_spin, MAX (0, form->registrations));
  gtk_spin_button_set_value (self->attendees_spin, MAX (0, form->attendees));

  update_sensitivity (self);
}

static int
spin_or_unset (GtkSpinButton *spin,
               int            original)
{
  int value = gtk_spin_button_get_value_as_int (spin);

  /* A zero the person did not type keeps "not recorded". */
  return (value == 0 && original < 0) ? -1 : value;
}

static CivicEventForm *
widgets_to_form (CivicEventEditor *self)
{
  CivicEventForm *form = civic_event_form_new ();
  g_autoptr(CivicEventForm) original = civic_event_form_new ();

  if (self->original != NULL)
    civic_event_form_load (original, self->original, NULL);

#define SET(field, value) G_STMT_START { g_free (form->field); form->field = g_strdup (value); } G_STMT_END
  SET (title, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  SET (kind, selected_id (self->kind_row, self->kind_ids));
  SET (status, selected_id (self->status_row, self->status_ids));
  SET (office_id, selected_id (self->office_row, self->office_ids));
  SET (campaign_id, selected_id (self->campaign_row, self->campaign_ids));
  SET (tzid, gtk_editable_get_text (GTK_EDITABLE (self->tzid_row)));
  SET (location_name, gtk_editable_get_text (GTK_EDITABLE (self->location_name_row)));
  SET (location_address, gtk_editable_get_text (GTK_EDITABLE (self->location_address_row)));
  SET (online_url, gtk_editable_get_text (GTK_EDITABLE (self->online_url_row)));
  SET (languages, gtk_editable_get_text (GTK_EDITABLE (self->languages_row)));
  SET (accessibility, gtk_editable_get_text (GTK_EDITABLE (self->accessibility_row)));
  SET (body, gtk_editable_get_text (GTK_EDITABLE (self->body_row)));
  SET (bill, gtk_editable_get_text (GTK_EDITABLE (self->bill_row)));
  SET (testimony_deadline, gtk_editable_get_text (GTK_EDITABLE (self->deadline_row)));
  SET (testifiers, gtk_editable_get_text (GTK_EDITABLE (self->testifiers_row)));
#undef SET
  g_free (form->description);
  form->description = text_view_get_text (self->description_view);

  form->all_day = gtk_switch_get_active (self->all_day_switch);
  form->start_date = calendar_get_gdate (self->start_calendar);
  form->end_date = calendar_get_gdate (self->end_calendar);
  form->start_minutes = gtk_spin_button_get_value_as_int (self->start_hour) * 60 +
                        gtk_spin_button_get_value_as_int (self->start_minute);
  form->end_minutes = gtk_spin_button_get_value_as_int (self->end_hour) * 60 +
                      gtk_spin_button_get_value_as_int (self->end_minute);

  form->repeat = adw_combo_row_get_selected (self->repeat_row);
  form->weekdays = 0;
  for (int d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->weekday_buttons[d])))
      form->weekdays |= 1 << d;
  form->repeat_end = adw_combo_row_get_selected (self->repeat_end_row);
  form->until = calendar_get_gdate (self->until_calendar);
  form->count = gtk_spin_button_get_value_as_int (self->count_spin);
  form->exdates = split_commas (gtk_editable_get_text (GTK_EDITABLE (self->exdates_row)));

  form->capacity = gtk_spin_button_get_value_as_int (self->capacity_spin);
  form->board_visible = gtk_switch_get_active (self->board_visible_switch);
  form->calls_made = spin_or_unset (self->calls_spin, original->calls_made);
  form->contacts_reached = spin_or_unset (self->contacts_spin, original->contacts_reached);
  form->registrations = spin_or_unset (self->registrations_spin, original->registrations);
  form->attendees = spin_or_unset (self->attendees_spin, original->attendees);

  return form;
}

/* ---- Errors in place ----------------------------------------------------- */

static GtkWidget *
row_for_field (CivicEventEditor *self,
               const char       *field)
{
  static const struct { const char *field; gsize offset; } map[] = {
    { "title", G_STRUCT_OFFSET (CivicEventEditor, title_row) },
    { "kind", G_STRUCT_OFFSET (CivicEventEditor, kind_row) },
    { "status", G_STRUCT_OFFSET (CivicEventEditor, status_row) },
    { "office_id", G_STRUCT_OFFSET (CivicEventEditor, office_row) },
    { "campaign_id", G_STRUCT_OFFSET (CivicEventEditor, campaign_row) },
    { "starts_at", G_STRUCT_OFFSET (CivicEventEditor, starts_row) },
    { "starts_on", G_STRUCT_OFFSET (CivicEventEditor, starts_row) },
    { "ends_at", G_STRUCT_OFFSET (CivicEventEditor, ends_row) },
    { "ends_on", G_STRUCT_OFFSET (CivicEventEditor, ends_row) },
    { "tzid", G_STRUCT_OFFSET (CivicEventEditor, tzid_row) },
    { "rrule", G_STRUCT_OFFSET (CivicEventEditor, repeat_row) },
    { "exdates", G_STRUCT_OFFSET (CivicEventEditor, exdates_row) },
    { "online_url", G_STRUCT_OFFSET (CivicEventEditor, online_url_row) },
    { "languages", G_STRUCT_OFFSET (CivicEventEditor, languages_row) },
    { "testimony_deadline", G_STRUCT_OFFSET (CivicEventEditor, deadline_row) },
    { "testifiers", G_STRUCT_OFFSET (CivicEventEditor, testifiers_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (map[i].field, field) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, map[i].offset);
  return NULL;
}

static void
clear_error (CivicEventEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = NULL;
}

static void
show_error (CivicEventEditor *self,
            const GError     *error)
{
  const char *field = civic_record_error_get_field (error);
  GtkWidget *row = field ? row_for_field (self, field) : NULL;

  clear_error (self);
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  if (row != NULL)
    {
      self->error_row = row;
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* GTK 4.8 warns when a focused entry is destroyed with its window; drop
 * the focus first.
 */
static void
close_editor (CivicEventEditor *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Saving --------------------------------------------------------------- */

typedef struct {
  CivicStore  *store;
  CivicRecord *record;
  char        *user_name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->record);
  g_free (data->user_name);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  g_autofree char *rev = civic_record_save (data->record, data->store, data->user_name, &error);

  if (rev == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (civic_record_get_id (data->record)), g_free);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicEventEditor *self = CIVIC_EVENT_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  if (id == NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  close_editor (self);
}

static void
save_document (CivicEventEditor *self,
               JsonObject       *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, &error);
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  if (record == NULL || !civic_record_validate (record, &error))
    {
      show_error (self, error);
      return;
    }

  clear_error (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (self->store);
  data->record = g_steal_pointer (&record);
  data->user_name = g_strdup (self->user_name);

  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, save_document);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
editing_occurrence (CivicEventEditor *self)
{
  return self->original != NULL && self->occurrence != NULL &&
         civic_recurrence_is_repeating (self->original);
}

/* "All events": the form shows the occurrence's dates, but the series
 * keeps its first date; only the times of day and the length change.
 */
static void
keep_series_dates (CivicEventEditor *self,
                   CivicEventForm   *form)
{
  g_autoptr(CivicEventForm) series = civic_event_form_new ();
  int span = g_date_days_between (&form->start_date, &form->end_date);

  civic_event_form_load (series, self->original, NULL);
  if (!g_date_valid (&series->start_date))
    return;

  form->start_date = series->start_date;
  form->end_date = series->start_date;
  g_date_add_days (&form->end_date, MAX (0, span));
}

static void
save_this_or_all_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CivicEventEditor *self)
{
  g_autoptr(CivicEventForm) form = widgets_to_form (self);
  g_autoptr(JsonObject) doc = NULL;

  if (g_strcmp0 (response, "this") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) exception = civic_recurrence_new_exception (self->original, self->occurrence, &error);

      if (exception == NULL)
        {
          show_error (self, error);
          return;
        }

      /* An exception is one event: it has no rule of its own. */
      form->repeat = CIVIC_REPEAT_NONE;
      doc = civic_event_form_to_json (form, exception);
    }
  else if (g_strcmp0 (response, "all") == 0)
    {
      keep_series_dates (self, form);
      doc = civic_event_form_to_json (form, self->original);
    }
  else
    return;

  save_document (self, doc);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CivicEventEditor *self = CIVIC_EVENT_EDITOR (widget);
  g_autoptr(CivicEventForm) form = widgets_to_form (self);
  g_autoptr(JsonObject) doc = NULL;

  if (editing_occurrence (self))
    {
      AdwMessageDialog *dialog;
      g_autoptr(JsonObject) check = civic_event_form_to_json (form, self->original);
      g_autoptr(GError) error = NULL;
      g_autoptr(CivicRecord) record = civic_record_new_from_json (check, &error);

      /* Say what is wrong before asking which events to change. */
      if (record == NULL || !civic_record_validate (record, &error))
        {
          show_error (self, error);
          return;
        }

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Change a Repeating Event"),
                                                           _("Change only this event, or every event in the series?")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "this", _("_This Event"),
                                        "all", _("_All Events"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "this");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (save_this_or_all_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  doc = civic_event_form_to_json (form, self->original);
  if (!json_object_has_member (doc, "_id"))
    {
      g_autofree char *id = civic_store_new_id ("event");
      json_object_set_string_member (doc, "_id", id);
    }
  save_document (self, doc);
}

/* ---- Deleting ------------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  JsonObject *doc;        /* a delete (with _deleted) or an update (new exdates) */
  JsonObject *previous;   /* what undo puts back */
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->doc, json_object_unref);
  g_clear_pointer (&data->previous, json_object_unref);
  g_free (data);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DeleteData *data = task_data;
  GError *error = NULL;
  g_autofree char *rev = civic_store_put (data->store, data->doc, &error);

  if (rev == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CivicEventEditor *self = CIVIC_EVENT_EDITOR (source);
  DeleteData *data = g_task_get_task_data (G_TASK (result));
  const char *message = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, message, data->previous);
  close_editor (self);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

static void
run_delete (CivicEventEditor *self,
            JsonObject       *doc,
            const char       *message)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *data = g_new0 (DeleteData, 1);

  data->store = g_object_ref (self->store);
  data->doc = json_object_ref (doc);
  data->previous = copy_object (self->original);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  task = g_task_new (self, NULL, delete_done_cb, (gpointer) message);
  g_task_set_source_tag (task, run_delete);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);
  g_task_run_in_thread (task, delete_thread);
}

static void
delete_series (CivicEventEditor *self)
{
  g_autoptr(JsonObject) tombstone = json_object_new ();

  json_object_set_string_member (tombstone, "_id", json_object_get_string_member (self->original, "_id"));
  json_object_set_string_member (tombstone, "_rev", json_object_get_string_member (self->original, "_rev"));
  json_object_set_boolean_member (tombstone, "_deleted", TRUE);
  json_object_set_string_member (tombstone, "type", "event");
  run_delete (self, tombstone, _("Event deleted"));
}

static void
delete_occurrence (CivicEventEditor *self)
{
  g_autoptr(JsonObject) doc = copy_object (self->original);
  JsonArray *exdates = json_array_new ();
  JsonNode *existing = json_object_get_member (doc, "exdates");

  if (existing != NULL && JSON_NODE_HOLDS_ARRAY (existing))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (existing)); i++)
      json_array_add_element (exdates, json_node_copy (json_array_get_element (json_node_get_array (existing), i)));
  json_array_add_string_element (exdates, self->occurrence);
  json_object_set_array_member (doc, "exdates", exdates);

  run_delete (self, doc, _("Occurrence removed from the series"));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CivicEventEditor *self)
{
  if (g_strcmp0 (response, "this") == 0)
    delete_occurrence (self);
  else if (g_strcmp0 (response, "all") == 0 || g_strcmp0 (response, "delete") == 0)
    delete_series (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CivicEventEditor *self = CIVIC_EVENT_EDITOR (widget);
  gboolean is_exception;

  if (self->original == NULL || !json_object_has_member (self->original, "_rev"))
    return;

  is_exception = json_object_has_member (self->original, "recurrence_of");

  if (editing_occurrence (self))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (self), _("Delete a Repeating Event"),
                                _("Delete only this event, or every event in the series?")));

      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "this", _("_This Event"),
                                        "all", _("_All Events"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "all", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Deleting a one-off or an exception needs no question: undo is one
   * click away in the toast.
   */
  (void) is_exception;
  delete_series (self);
}

/* ---- GObject -------------------------------------------------------------- */

static void
changed_cb (CivicEventEditor *self)
{
  update_sensitivity (self);
}

static void
start_date_changed_cb (CivicEventEditor *self)
{
  GDate start = calendar_get_gdate (self->start_calendar);
  GDate end = calendar_get_gdate (self->end_calendar);

  /* Moving the start past the end moves the end along, as GNOME Calendar does. */
  if (g_date_compare (&end, &start) < 0)
    calendar_set_gdate (self->end_calendar, &start);
  update_sensitivity (self);
}

/* "0" reads as a mistake next to an hour: show minutes as "00". */
static gboolean
two_digits_output_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static GtkStringList *
string_list_from_ids (const char * const *ids,
                      const char *(*label_func) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (list, label_func ? label_func (ids[i]) : ids[i]);
  return list;
}

static void
civic_event_editor_dispose (GObject *object)
{
  CivicEventEditor *self = CIVIC_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_EVENT_EDITOR);

  g_clear_object (&self->store);
  g_clear_pointer (&self->original, json_object_unref);
  g_clear_pointer (&self->occurrence, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->kind_ids, g_strfreev);
  g_clear_pointer (&self->status_ids, g_strfreev);
  g_clear_pointer (&self->office_ids, g_strfreev);
  g_clear_pointer (&self->campaign_ids, g_strfreev);

  G_OBJECT_CLASS (civic_event_editor_parent_class)->dispose (object);
}

static void
civic_event_editor_class_init (CivicEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_event_editor_dispose;

  /**
   * CivicEventEditor::saved:
   * @id: the document written (the series, the exception or the new event)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CivicEventEditor::deleted:
   * @message: what the toast says
   * @previous: the document as it was, for undo
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/calendar/civic-event-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CivicEventEditor, name)
  BIND (error_label);
  BIND (title_row);
  BIND (kind_row);
  BIND (status_row);
  BIND (office_row);
  BIND (campaign_row);
  BIND (all_day_switch);
  BIND (starts_row);
  BIND (ends_row);
  BIND (start_date_button);
  BIND (end_date_button);
  BIND (start_calendar);
  BIND (end_calendar);
  BIND (start_time_box);
  BIND (end_time_box);
  BIND (start_hour);
  BIND (start_minute);
  BIND (end_hour);
  BIND (end_minute);
  BIND (tzid_row);
  BIND (repeat_row);
  BIND (weekdays_row);
  BIND (weekdays_box);
  BIND (repeat_end_row);
  BIND (until_row);
  BIND (until_button);
  BIND (until_calendar);
  BIND (count_row);
  BIND (count_spin);
  BIND (exdates_row);
  BIND (location_name_row);
  BIND (location_address_row);
  BIND (online_url_row);
  BIND (languages_row);
  BIND (accessibility_row);
  BIND (capacity_spin);
  BIND (board_visible_switch);
  BIND (description_view);
  BIND (hearing_group);
  BIND (body_row);
  BIND (bill_row);
  BIND (deadline_row);
  BIND (testifiers_row);
  BIND (calls_spin);
  BIND (contacts_spin);
  BIND (registrations_spin);
  BIND (attendees_spin);
  BIND (extensions_box);
  BIND (delete_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civic_event_editor_init (CivicEventEditor *self)
{
  /* Translators: one-letter-ish weekday names on the repeat buttons, Monday first. */
  const char *weekday_labels[7] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };
  const char *repeat_labels[] = { N_("Does Not Repeat"), N_("Daily"), N_("Weekly"), N_("Monthly"), NULL };
  const char *repeat_end_labels[] = { N_("Never"), N_("On a Date"), N_("After a Number of Times"), NULL };
  g_autoptr(GtkStringList) repeat = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) repeat_end = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) statuses = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_ids = g_strdupv ((GStrv) civic_event_kind_list ());
  self->status_ids = g_strdupv ((GStrv) civic_event_status_list ());
  kinds = string_list_from_ids (civic_event_kind_list (), civic_event_kind_get_label);
  statuses = string_list_from_ids (civic_event_status_list (), civic_event_status_get_label);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  for (guint i = 0; repeat_labels[i] != NULL; i++)
    gtk_string_list_append (repeat, _(repeat_labels[i]));
  for (guint i = 0; repeat_end_labels[i] != NULL; i++)
    gtk_string_list_append (repeat_end, _(repeat_end_labels[i]));
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (repeat));
  adw_combo_row_set_model (self->repeat_end_row, G_LIST_MODEL (repeat_end));

  for (int d = 0; d < 7; d++)
    {
      self->weekday_buttons[d] = gtk_toggle_button_new_with_label (_(weekday_labels[d]));
      gtk_box_append (self->weekdays_box, self->weekday_buttons[d]);
    }

  g_signal_connect (self->start_hour, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect (self->start_minute, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect (self->end_hour, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect (self->end_minute, "output", G_CALLBACK (two_digits_output_cb), NULL);
  g_signal_connect_swapped (self->all_day_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->repeat_end_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->start_calendar, "day-selected", G_CALLBACK (start_date_changed_cb), self);
  g_signal_connect_swapped (self->end_calendar, "day-selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->until_calendar, "day-selected", G_CALLBACK (changed_cb), self);
}

static GStrv
fill_choice_row (AdwComboRow *row,
                 const char  *none_label,
                 GPtrArray   *docs)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  gtk_string_list_append (labels, none_label);
  g_strv_builder_add (ids, "");
  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *name = json_object_has_member (doc, "name") ? json_object_get_string_member (doc, "name") : NULL;

      gtk_string_list_append (labels, name ? name : json_object_get_string_member (doc, "_id"));
      g_strv_builder_add (ids, json_object_get_string_member (doc, "_id"));
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  return g_strv_builder_end (ids);
}

CivicEventEditor *
civic_event_editor_new (CivicStore *store,
                        JsonObject *event,
                        const char *occurrence,
                        GDateTime  *default_start,
                        GPtrArray  *offices,
                        GPtrArray  *campaigns,
                        const char *user_name)
{
  CivicEventEditor *self;
  g_autoptr(CivicEventForm) form = civic_event_form_new ();

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_EVENT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->occurrence = g_strdup (occurrence);
  self->user_name = g_strdup (user_name);
  self->office_ids = fill_choice_row (self->office_row, _("No Office"), offices);
  self->campaign_ids = fill_choice_row (self->campaign_row, _("No Campaign"), campaigns);

  if (event != NULL)
    {
      self->original = copy_object (event);
      civic_event_form_load (form, self->original, NULL);

      /* Editing an occurrence shows that occurrence's dates. */
      if (editing_occurrence (self))
        {
          GDate day;
          int span = g_date_days_between (&form->start_date, &form->end_date);

          if (civic_cal_parse_date (occurrence, &day))
            {
              form->start_date = day;
              form->end_date = day;
              g_date_add_days (&form->end_date, MAX (0, span));
            }
        }

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
    }
  else
    {
      g_autoptr(GDateTime) start = default_start ? g_date_time_to_local (default_start)
                                                 : g_date_time_new_now_local ();

      g_date_set_dmy (&form->start_date, g_date_time_get_day_of_month (start),
                      g_date_time_get_month (start), g_date_time_get_year (start));
      form->end_date = form->start_date;
      if (g_date_time_get_hour (start) > 0)
        {
          form->start_minutes = g_date_time_get_hour (start) * 60;
          form->end_minutes = MIN (23 * 60 + 55, form->start_minutes + 60);
        }
      gtk_window_set_title (GTK_WINDOW (self), _("New Event"));
      gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_parent (GTK_WIDGET (self->title_row))), TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", FALSE);
      gtk_widget_set_visible (self->delete_button, FALSE);
    }

  form_to_widgets (self, form);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}

GtkBox *
civic_event_editor_get_extensions_box (CivicEventEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT_EDITOR (self), NULL);
  return self->extensions_box;
}

JsonObject *
civic_event_editor_get_original (CivicEventEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT_EDITOR (self), NULL);
  return self->original;
}

const char *
civic_event_editor_get_occurrence (CivicEventEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_EVENT_EDITOR (self), NULL);
  return self->occurrence;
}

void
civic_event_editor_set_title_text (CivicEventEditor *self,
                                   const char       *title)
{
  g_return_if_fail (CIVIC_IS_EVENT_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}
