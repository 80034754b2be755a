/* civic-checkin-window.c — the full-window check-in mode for an event day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A laptop on a table at the door: a volunteer types two or three letters
 * of a name (Hangul, initial consonants or Latin) and Enter checks the best
 * match in.  Every check-in, check-out and walk-in is its own store
 * transaction, run in a worker thread and committed before the window says
 * it is done, so nothing is lost when the laptop dies; nothing here needs
 * the network.  The day is reloaded after each write (the list is a cheap
 * snapshot of one event day).
 */

#define G_LOG_DOMAIN "civic-checkin-window"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-checkin-window.h"
#include "civic-checkin-window-private.h"
#include "civic-recurrence.h"
#include "civic-shift.h"
#include "civic-signin-sheet.h"

struct _CivicCheckinWindow
{
  AdwWindow          parent_instance;

  CivicStore        *store;
  char              *event_id;
  char              *date;
  char              *event_title;
  GCancellable      *cancellable;
  CivicCheckinList  *list;
  GPtrArray         *shift_ids;   /* parallel to the walk-in shift choices */
  char              *best_signup_id;
  gboolean           reload_again;
  gboolean           loading;

  AdwToastOverlay   *toasts;
  AdwWindowTitle    *title;
  GtkStack          *stack;
  GtkListBox        *events_box;
  GtkLabel          *events_empty;
  GtkEntry          *search;
  GtkLabel          *match_label;
  GtkLabel          *counter;
  GtkLabel          *shifts_label;
  GtkListBox        *people;
  GtkDropDown       *walk_in_shift;
  GtkStringList     *walk_in_shifts;
  GtkEntry          *walk_in_name;
  GtkEntry          *walk_in_phone;
};

G_DEFINE_FINAL_TYPE (CivicCheckinWindow, civic_checkin_window, ADW_TYPE_WINDOW)

enum {
  LOADED,
  WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CivicCheckinWindow *self);

static void
toast (CivicCheckinWindow *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static gboolean
is_read_only (CivicCheckinWindow *self)
{
  return self->store == NULL || civic_store_get_read_only (self->store);
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%H:%M");
}

static char *
format_instant (const char *instant)
{
  g_autoptr(GDateTime) time = NULL;

  if (instant == NULL || (time = g_date_time_new_from_iso8601 (instant, NULL)) == NULL)
    return NULL;
  return format_local_time (time);
}

/* ---- Loading ------------------------------------------------------------ */

typedef struct {
  char             *event_id;
  char             *date;
  CivicCheckinList *list;
  GPtrArray        *shifts;   /* JsonObject*, the day's shifts in list order */
  char             *title;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->event_id);
  g_free (data->date);
  g_clear_object (&data->list);
  g_clear_pointer (&data->shifts, g_ptr_array_unref);
  g_free (data->title);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CivicStore *store = source_object;
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) event = NULL;

  data->list = civic_checkin_list_load (store, data->event_id, data->date, &error);
  if (data->list == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->shifts = civic_store_get_many (store, civic_checkin_list_get_shift_ids (data->list), &error);
  if (data->shifts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  event = civic_store_get (store, data->event_id, NULL);
  if (event != NULL && json_object_has_member (event, "title"))
    data->title = g_strdup (json_object_get_string_member (event, "title"));
  g_task_return_boolean (task, TRUE);
}

static GtkWidget *
person_row_new (CivicCheckinWindow      *self,
                const CivicCheckinEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name;
  GtkWidget *detail;
  GtkWidget *state;
  GtkWidget *button = NULL;
  g_autofree char *starts = format_local_time (entry->shift_starts);
  g_autofree char *ends = format_local_time (entry->shift_ends);
  g_autofree char *in = format_instant (entry->checked_in_at);
  g_autofree char *out = format_instant (entry->checked_out_at);
  g_autofree char *detail_text = NULL;
  g_autofree char *state_text = NULL;
  const char *display = entry->name != NULL ? entry->name : entry->name_ko;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (entry->name_ko != NULL && g_strcmp0 (entry->name_ko, display) != 0)
    {
      g_autofree char *both = g_strdup_printf ("%s  %s", display, entry->name_ko);
      name = gtk_label_new (both);
    }
  else
    name = gtk_label_new (display);
  gtk_widget_add_css_class (name, "checkin-name");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  /* Translators: under a name in check-in mode: role, shift time, phone. */
  detail_text = g_strdup_printf (_("%s · %s–%s · %s"), entry->role != NULL ? civic_shift_role_get_label (entry->role) : "",
                                 starts, ends, entry->phone != NULL ? entry->phone : _("no phone"));
  detail = gtk_label_new (detail_text);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_box_append (GTK_BOX (names), name);
  gtk_box_append (GTK_BOX (names), detail);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (box), names);

  if (in != NULL && out != NULL)
    /* Translators: check-in and check-out times. */
    state_text = g_strdup_printf (_("In %s · Out %s"), in, out);
  else if (in != NULL)
    /* Translators: a check-in time. */
    state_text = g_strdup_printf (_("Checked in %s"), in);
  else
    state_text = g_strdup (_("Expected"));
  state = gtk_label_new (state_text);
  gtk_widget_add_css_class (state, in != NULL ? "success" : "dim-label");
  gtk_box_append (GTK_BOX (box), state);

  if (in == NULL)
    {
      button = gtk_button_new_with_label (_("Check In"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "checkin.check-in");
      gtk_widget_add_css_class (button, "suggested-action");
    }
  else if (out == NULL)
    {
      button = gtk_button_new_with_label (_("Check Out"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "checkin.check-out");
    }
  if (button != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", entry->signup_id);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "signup-id", g_strdup (entry->signup_id), g_free);
  return row;
}

static void
update_counter (CivicCheckinWindow *self)
{
  g_autofree char *text = NULL;

  if (self->list == NULL)
    return;
  /* Translators: the check-in counter: checked in / expected. */
  text = g_strdup_printf (_("%u / %u checked in"),
                          civic_checkin_list_get_n_checked_in (self->list),
                          civic_checkin_list_get_n_expected (self->list));
  gtk_label_set_text (self->counter, text);
}

static void update_match (CivicCheckinWindow *self);

static void
fill (CivicCheckinWindow *self,
      LoadData           *data)
{
  GtkWidget *child;
  g_autoptr(GString) shifts_text = g_string_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->walk_in_shift);

  g_set_object (&self->list, data->list);
  g_free (self->event_title);
  self->event_title = g_strdup (data->title);
  adw_window_title_set_title (self->title, data->title != NULL ? data->title : _("Check-In"));
  adw_window_title_set_subtitle (self->title, civic_checkin_list_get_date (self->list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people))) != NULL)
    gtk_list_box_remove (self->people, child);
  for (guint i = 0; i < civic_checkin_list_get_n_entries (self->list); i++)
    gtk_list_box_append (self->people, person_row_new (self, civic_checkin_list_get_entry (self->list, i)));

  g_ptr_array_set_size (self->shift_ids, 0);
  gtk_string_list_splice (self->walk_in_shifts, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->walk_in_shifts)), NULL);
  for (guint i = 0; i < data->shifts->len; i++)
    {
      JsonObject *shift = g_ptr_array_index (data->shifts, i);
      const char *id = json_object_get_string_member (shift, "_id");
      const char *role = json_object_get_string_member_with_default (shift, "role", "");
      g_autofree char *starts = NULL;
      g_autofree char *ends = NULL;
      g_autofree char *label = NULL;

      /* The day's times of the shift come with its people; a shift
       * nobody signed up for shows its role only.
       */
      for (guint e = 0; e < civic_checkin_list_get_n_entries (self->list); e++)
        {
          const CivicCheckinEntry *entry = civic_checkin_list_get_entry (self->list, e);
          if (g_strcmp0 (entry->shift_id, id) == 0)
            {
              starts = format_local_time (entry->shift_starts);
              ends = format_local_time (entry->shift_ends);
              break;
            }
        }
      role = civic_shift_role_get_label (role);
      label = starts != NULL ? g_strdup_printf ("%s %s–%s", role, starts, ends) : g_strdup (role);
      g_ptr_array_add (self->shift_ids, g_strdup (id));
      gtk_string_list_append (self->walk_in_shifts, label);
      if (shifts_text->len > 0)
        g_string_append (shifts_text, "   ·   ");
      g_string_append (shifts_text, label);
    }
  if (selected < self->shift_ids->len)
    gtk_drop_down_set_selected (self->walk_in_shift, selected);
  gtk_label_set_text (self->shifts_label, shifts_text->len > 0 ? shifts_text->str : _("No shifts on this day"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.add-walk-in",
                                 !is_read_only (self) && self->shift_ids->len > 0);

  update_counter (self);
  update_match (self);
  gtk_stack_set_visible_child_name (self->stack, "checkin");
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicCheckinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  self->loading = FALSE;
  if (self->reload_again)
    {
      /* Another day was chosen or a write landed meanwhile: this answer
       * is stale, the next one replaces it.
       */
      self->reload_again = FALSE;
      reload (self);
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    fill (self, data);
}

static void
reload (CivicCheckinWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->store == NULL || self->event_id == NULL)
    return;
  /* One load at a time; a change during a load asks for one more. */
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  data = g_new0 (LoadData, 1);
  data->event_id = g_strdup (self->event_id);
  data->date = g_strdup (self->date);
  task = g_task_new (self->store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
_civic_checkin_window_open_event (CivicCheckinWindow *self,
                                  const char         *event_id,
                                  const char         *date)
{
  g_return_if_fail (CIVIC_IS_CHECKIN_WINDOW (self));

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  g_free (self->date);
  self->date = g_strdup (date);
  reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
store_changed_cb (CivicCheckinWindow *self)
{
  reload (self);
}

/* ---- Today's events ------------------------------------------------------ */

static void
today_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, 1);
  g_autoptr(GError) error = NULL;
  GPtrArray *occurrences = civic_calendar_occurrences_in_range (source_object, from, to, &error);

  if (occurrences == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, occurrences, (GDestroyNotify) g_ptr_array_unref);
}

static void
event_row_activated_cb (CivicCheckinWindow *self,
                        GtkListBoxRow      *row)
{
  _civic_checkin_window_open_event (self, g_object_get_data (G_OBJECT (row), "event-id"),
                                    g_object_get_data (G_OBJECT (row), "date"));
}

static void
today_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CivicCheckinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = g_task_propagate_pointer (G_TASK (result), &error);

  if (occurrences == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  for (guint i = 0; i < occurrences->len; i++)
    {
      CivicOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *starts = format_local_time (occurrence->starts);
      g_autofree char *ends = format_local_time (occurrence->ends);
      g_autofree char *times = g_strdup_printf ("%s–%s", starts, ends);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), civic_occurrence_get_title (occurrence));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), times);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "event-id",
                              g_strdup (occurrence->series_id != NULL ? occurrence->series_id
                                                                      : occurrence->event_id), g_free);
      g_object_set_data_full (G_OBJECT (row), "date", g_strdup (occurrence->occurrence), g_free);
      gtk_list_box_append (self->events_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->events_empty), occurrences->len == 0);
}

/* ---- Matching and writing ------------------------------------------------ */

static void
update_match (CivicCheckinWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  const CivicCheckinEntry *best = NULL;
  guint n_best = 0;
  GtkWidget *child;

  g_clear_pointer (&self->best_signup_id, g_free);
  if (self->list != NULL && query[0] != '\0')
    best = civic_checkin_best_match (self->list, query, &n_best);

  if (best == NULL)
    gtk_label_set_text (self->match_label, query[0] != '\0' ? _("Nobody matches") : "");
  else if (n_best > 1)
    {
      /* Translators: %u people match what was typed. */
      g_autofree char *text = g_strdup_printf (ngettext ("%u person matches — type more",
                                                         "%u people match — type more", n_best), n_best);
      gtk_label_set_text (self->match_label, text);
    }
  else
    {
      g_autofree char *text = NULL;

      if (best->checked_in_at != NULL)
        /* Translators: the best match is already checked in. */
        text = g_strdup_printf (_("%s is already checked in"), best->name);
      else
        /* Translators: what Enter does. */
        text = g_strdup_printf (_("Enter checks in %s"), best->name);
      gtk_label_set_text (self->match_label, text);
      self->best_signup_id = g_strdup (best->signup_id);
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->people)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *id = g_object_get_data (G_OBJECT (child), "signup-id");
      if (self->best_signup_id != NULL && g_strcmp0 (id, self->best_signup_id) == 0)
        {
          GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->people), GTK_TYPE_SCROLLED_WINDOW);
          graphene_rect_t bounds;

          gtk_widget_add_css_class (child, "checkin-best");
          gtk_list_box_select_row (self->people, GTK_LIST_BOX_ROW (child));
          /* Bring the match into view without taking the keyboard from the entry. */
          if (scrolled != NULL && gtk_widget_compute_bounds (child, GTK_WIDGET (self->people), &bounds))
            {
              GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
              double top = gtk_adjustment_get_value (adjustment);
              double page = gtk_adjustment_get_page_size (adjustment);

              if (bounds.origin.y < top || bounds.origin.y + bounds.size.height > top + page)
                gtk_adjustment_set_value (adjustment, bounds.origin.y);
            }
        }
      else
        gtk_widget_remove_css_class (child, "checkin-best");
    }
  if (self->best_signup_id == NULL)
    gtk_list_box_unselect_all (self->people);
}

typedef enum {
  WRITE_CHECK_IN,
  WRITE_CHECK_OUT,
  WRITE_WALK_IN,
} WriteKind;

typedef struct {
  WriteKind kind;
  char     *signup_id;
  char     *shift_id;
  char     *occurrence;
  char     *given_name;
  char     *family_name;
  char     *name_ko;
  char     *phone;
  char     *who;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->signup_id);
  g_free (data->shift_id);
  g_free (data->occurrence);
  g_free (data->given_name);
  g_free (data->family_name);
  g_free (data->name_ko);
  g_free (data->phone);
  g_free (data->who);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CivicStore *store = source_object;
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (data->kind)
    {
    case WRITE_CHECK_IN:
      ok = civic_checkin_check_in (store, data->signup_id, NULL, &error);
      break;
    case WRITE_CHECK_OUT:
      ok = civic_checkin_check_out (store, data->signup_id, NULL, &error);
      break;
    case WRITE_WALK_IN:
      data->signup_id = civic_checkin_add_walk_in (store, data->shift_id, data->occurrence,
                                                   data->given_name, data->family_name, data->name_ko,
                                                   data->phone, NULL, NULL, &error);
      ok = data->signup_id != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CivicCheckinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  switch (data->kind)
    {
    case WRITE_CHECK_IN:
      /* Translators: a toast after a check-in. */
      message = g_strdup_printf (_("Checked in: %s"), data->who);
      break;
    case WRITE_CHECK_OUT:
      /* Translators: a toast after a check-out. */
      message = g_strdup_printf (_("Checked out: %s"), data->who);
      break;
    case WRITE_WALK_IN:
      /* Translators: a toast after a walk-in was added. */
      message = g_strdup_printf (_("Walk-in added and checked in: %s"), data->who);
      break;
    default:
      g_assert_not_reached ();
    }
  toast (self, message);
  reload (self);
  g_signal_emit (self, signals[WRITTEN], 0, data->signup_id);
}

static void
start_write (CivicCheckinWindow *self,
             WriteData          *data)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, write_done_cb, g_object_ref (self));

  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

static void
write_signup (CivicCheckinWindow *self,
              WriteKind           kind,
              const char         *signup_id)
{
  const CivicCheckinEntry *entry;
  WriteData *data;

  if (self->list == NULL || (entry = civic_checkin_list_find_signup (self->list, signup_id)) == NULL)
    return;
  data = g_new0 (WriteData, 1);
  data->kind = kind;
  data->signup_id = g_strdup (signup_id);
  data->who = g_strdup (entry->name != NULL ? entry->name : entry->name_ko);
  start_write (self, data);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  write_signup (CIVIC_CHECKIN_WINDOW (widget), WRITE_CHECK_IN, g_variant_get_string (parameter, NULL));
}

static void
check_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  write_signup (CIVIC_CHECKIN_WINDOW (widget), WRITE_CHECK_OUT, g_variant_get_string (parameter, NULL));
}

static void
check_in_best_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CivicCheckinWindow *self = CIVIC_CHECKIN_WINDOW (widget);
  const CivicCheckinEntry *entry;

  if (self->best_signup_id == NULL
      || (entry = civic_checkin_list_find_signup (self->list, self->best_signup_id)) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (entry->checked_in_at != NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  write_signup (self, WRITE_CHECK_IN, self->best_signup_id);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
}

static gboolean
has_hangul (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E))
        return TRUE;
    }
  return FALSE;
}

static void
add_walk_in_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CivicCheckinWindow *self = CIVIC_CHECKIN_WINDOW (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->walk_in_name))));
  g_autofree char *phone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->walk_in_phone))));
  guint selected = gtk_drop_down_get_selected (self->walk_in_shift);
  WriteData *data;

  if (name[0] == '\0' || selected >= self->shift_ids->len)
    {
      toast (self, _("A walk-in needs a name and a shift"));
      gtk_widget_grab_focus (GTK_WIDGET (self->walk_in_name));
      return;
    }

  data = g_new0 (WriteData, 1);
  data->kind = WRITE_WALK_IN;
  data->shift_id = g_strdup (g_ptr_array_index (self->shift_ids, selected));
  data->occurrence = g_strdup (civic_checkin_list_get_occurrence (self->list));
  data->phone = phone[0] != '\0' ? g_strdup (phone) : NULL;
  data->who = g_strdup (name);
  /* A Hangul name is written family name first, as one field; a Latin
   * one is split at its last space into given and family name.
   */
  if (has_hangul (name))
    data->name_ko = g_strdup (name);
  else
    {
      char *space = strrchr (name, ' ');
      if (space != NULL)
        {
          *space = '\0';
          data->given_name = g_strdup (name);
          data->family_name = g_strdup (space + 1);
        }
      else
        data->given_name = g_strdup (name);
    }
  start_write (self, data);
  gtk_editable_set_text (GTK_EDITABLE (self->walk_in_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->walk_in_phone), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CivicCheckinWindow *self = CIVIC_CHECKIN_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->list == NULL)
    return;
  if (self->event_title != NULL)
    title = g_strdup_printf (_("Sign-in: %s"), self->event_title);
  operation = civic_signin_sheet_operation_new (self->list, title, NULL);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
  if (error != NULL)
    toast (self, error->message);
}

static void
search_activate_cb (CivicCheckinWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkin.check-in-best", NULL);
}

static void
walk_in_activate_cb (CivicCheckinWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkin.add-walk-in", NULL);
}

/* ---- Construction -------------------------------------------------------- */

static void
civic_checkin_window_dispose (GObject *object)
{
  CivicCheckinWindow *self = CIVIC_CHECKIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (civic_checkin_window_parent_class)->dispose (object);
}

static void
civic_checkin_window_finalize (GObject *object)
{
  CivicCheckinWindow *self = CIVIC_CHECKIN_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shift_ids, g_ptr_array_unref);
  g_free (self->event_id);
  g_free (self->date);
  g_free (self->event_title);
  g_free (self->best_signup_id);

  G_OBJECT_CLASS (civic_checkin_window_parent_class)->finalize (object);
}

static void
civic_checkin_window_class_init (CivicCheckinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_checkin_window_dispose;
  object_class->finalize = civic_checkin_window_finalize;

  /**
   * CivicCheckinWindow::loaded:
   *
   * The event day was (re)loaded and shown.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CivicCheckinWindow::written:
   * @signup_id: the signup checked in or out, or the walk-in's
   *
   * A check-in, check-out or walk-in was committed to the store.
   */
  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "checkin.check-in", "s", check_in_action);
  gtk_widget_class_install_action (widget_class, "checkin.check-out", "s", check_out_action);
  gtk_widget_class_install_action (widget_class, "checkin.check-in-best", NULL, check_in_best_action);
  gtk_widget_class_install_action (widget_class, "checkin.add-walk-in", NULL, add_walk_in_action);
  gtk_widget_class_install_action (widget_class, "checkin.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "checkin.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
civic_checkin_window_init (CivicCheckinWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
  GtkWidget *choose = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *choose_title = gtk_label_new (_("Today’s Events"));
  GtkWidget *main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *walk_in = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *walk_in_title = gtk_label_new (_("Walk-In"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add and Check In"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *choose_clamp = adw_clamp_new ();

  self->cancellable = g_cancellable_new ();
  self->shift_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Check-In"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  gtk_widget_add_css_class (GTK_WIDGET (self), "civic-checkin");

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Check-In"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "checkin.print");
  gtk_widget_set_tooltip_text (print, _("Print Sign-In Sheet"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);
  self->counter = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->counter), "checkin-counter");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->counter));
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  /* Choosing among today's events. */
  gtk_widget_add_css_class (choose_title, "title-1");
  self->events_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->events_box), "boxed-list");
  gtk_list_box_set_selection_mode (self->events_box, GTK_SELECTION_NONE);
  g_signal_connect_object (self->events_box, "row-activated", G_CALLBACK (event_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  self->events_empty = GTK_LABEL (gtk_label_new (_("No events today")));
  gtk_widget_add_css_class (GTK_WIDGET (self->events_empty), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->events_empty), FALSE);
  gtk_box_append (GTK_BOX (choose), choose_title);
  gtk_box_append (GTK_BOX (choose), GTK_WIDGET (self->events_box));
  gtk_box_append (GTK_BOX (choose), GTK_WIDGET (self->events_empty));
  gtk_widget_set_margin_top (choose, 36);
  adw_clamp_set_child (ADW_CLAMP (choose_clamp), choose);
  gtk_stack_add_named (self->stack, choose_clamp, "choose");

  /* Check-in itself. */
  self->search = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->search, _("Type 2–3 letters of a name, then Enter"));
  gtk_widget_add_css_class (GTK_WIDGET (self->search), "checkin-search");
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_signal_connect_object (self->search, "changed", G_CALLBACK (update_match), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (main), top);

  self->match_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->match_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->match_label), "checkin-match");
  gtk_widget_add_css_class (GTK_WIDGET (self->match_label), "title-3");
  gtk_box_append (GTK_BOX (main), GTK_WIDGET (self->match_label));

  self->shifts_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->shifts_label, 0);
  gtk_label_set_wrap (self->shifts_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->shifts_label), "dim-label");
  gtk_box_append (GTK_BOX (main), GTK_WIDGET (self->shifts_label));

  self->people = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->people), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->people), "checkin-people");
  gtk_list_box_set_selection_mode (self->people, GTK_SELECTION_SINGLE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->people));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (main), scrolled);

  gtk_widget_add_css_class (walk_in_title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (walk_in_title), 0);
  gtk_box_append (GTK_BOX (main), walk_in_title);
  self->walk_in_shifts = gtk_string_list_new (NULL);
  /* The drop-down takes the list model over. */
  self->walk_in_shift = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->walk_in_shifts), NULL));
  self->walk_in_name = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->walk_in_name), TRUE);
  self->walk_in_phone = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->walk_in_phone, GTK_INPUT_PURPOSE_PHONE);
  g_signal_connect_object (self->walk_in_name, "activate", G_CALLBACK (walk_in_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->walk_in_phone, "activate", G_CALLBACK (walk_in_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "checkin.add-walk-in");
  gtk_widget_set_valign (add, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (walk_in), labelled (_("_Name"), GTK_WIDGET (self->walk_in_name)));
  gtk_box_append (GTK_BOX (walk_in), labelled (_("_Phone"), GTK_WIDGET (self->walk_in_phone)));
  gtk_box_append (GTK_BOX (walk_in), labelled (_("_Shift"), GTK_WIDGET (self->walk_in_shift)));
  gtk_box_append (GTK_BOX (walk_in), add);
  gtk_box_append (GTK_BOX (main), walk_in);

  gtk_widget_set_margin_top (main, 18);
  gtk_widget_set_margin_bottom (main, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_child (ADW_CLAMP (clamp), main);
  gtk_stack_add_named (self->stack, clamp, "checkin");

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.add-walk-in", FALSE);
}

GtkWindow *
civic_checkin_window_new (CivicStore *store,
                          const char *event_id,
                          GtkWindow  *parent)
{
  CivicCheckinWindow *self;
  gboolean read_only;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_CHECKIN_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_maximize (GTK_WINDOW (self));

  /* On a read-only profile the list is for looking only: the actions go,
   * not just the buttons.
   */
  read_only = civic_store_get_read_only (store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.check-in", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.check-out", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.check-in-best", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.add-walk-in", FALSE);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  if (event_id != NULL)
    _civic_checkin_window_open_event (self, event_id, NULL);
  else
    {
      g_autoptr(GTask) task = g_task_new (store, self->cancellable, today_done_cb, g_object_ref (self));
      gtk_stack_set_visible_child_name (self->stack, "choose");
      g_task_run_in_thread (task, today_thread);
    }
  return GTK_WINDOW (self);
}

GtkEditable *
_civic_checkin_window_get_search (CivicCheckinWindow *self)
{
  return GTK_EDITABLE (self->search);
}

GtkEditable *
_civic_checkin_window_get_walk_in_name (CivicCheckinWindow *self)
{
  return GTK_EDITABLE (self->walk_in_name);
}

GtkEditable *
_civic_checkin_window_get_walk_in_phone (CivicCheckinWindow *self)
{
  return GTK_EDITABLE (self->walk_in_phone);
}

GtkLabel *
_civic_checkin_window_get_counter (CivicCheckinWindow *self)
{
  return self->counter;
}

GtkLabel *
_civic_checkin_window_get_match_label (CivicCheckinWindow *self)
{
  return self->match_label;
}

CivicCheckinList *
_civic_checkin_window_get_list (CivicCheckinWindow *self)
{
  return self->list;
}
