/* civic-volunteer-picker.c — choose a volunteer for a shift, best fits first
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staffing a shift means finding people who can do it: the picker searches
 * the volunteer index as the person types and orders the matches by fit —
 * speaks a language the shift needs, has its skills, is usually available
 * at that time (weekday/weekend × morning/afternoon/evening), and is not
 * already booked at an overlapping time — each with a short reason.  A
 * booking that overlaps is a warning, not a refusal: organizers know when
 * someone can leave one shift early.
 */

#define G_LOG_DOMAIN "civic-volunteer-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-derived.h"
#include "civic-shifts-util.h"
#include "civic-volunteer-picker.h"
#include "civic-volunteer-search.h"

#define MAX_SHOWN 60

struct _CivicVolunteerPicker
{
  AdwWindow             parent_instance;

  CivicStore           *store;
  CivicShift           *shift;
  char                 *occurrence;
  char                 *tzid;
  GDateTime            *starts;
  GDateTime            *ends;
  GCancellable         *cancellable;

  CivicVolunteerSearch *search;
  GHashTable           *volunteers;  /* id → JsonObject */
  GHashTable           *booked;      /* volunteer id → description of the overlapping shift */
  GHashTable           *on_shift;    /* volunteer ids already on this shift occurrence */
  GPtrArray            *candidates;

  GtkSearchEntry       *entry;
  GtkListBox           *list_box;
  GtkStack             *stack;
};

G_DEFINE_FINAL_TYPE (CivicVolunteerPicker, civic_volunteer_picker, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
candidate_free (CivicPickerCandidate *candidate)
{
  g_free (candidate->volunteer_id);
  g_free (candidate->name);
  g_free (candidate->reason);
  g_free (candidate->booked);
  g_free (candidate);
}

/* ---- Loading ------------------------------------------------------------- */

typedef struct {
  CivicShift           *shift;
  char                 *occurrence;
  char                 *tzid;
  GDateTime            *starts;
  GDateTime            *ends;
  CivicVolunteerSearch *search;
  GHashTable           *volunteers;
  GHashTable           *booked;
  GHashTable           *on_shift;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->shift);
  g_free (data->occurrence);
  g_free (data->tzid);
  g_clear_pointer (&data->starts, g_date_time_unref);
  g_clear_pointer (&data->ends, g_date_time_unref);
  g_clear_object (&data->search);
  g_clear_pointer (&data->volunteers, g_hash_table_unref);
  g_clear_pointer (&data->booked, g_hash_table_unref);
  g_clear_pointer (&data->on_shift, g_hash_table_unref);
  g_free (data);
}

static gboolean
same_occurrence (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strncmp (a, b, 10) == 0;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static const char * const active[] = { "invited", "scheduled", "confirmed", "walk_in" };
  CivicStore *store = source_object;
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GHashTable) shifts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GTimeZone) zone = civic_shifts_zone_new (data->tzid);
  const char *shift_id = civic_record_get_id (CIVIC_RECORD (data->shift));

  data->search = civic_volunteer_search_new_from_store (store, &error);
  if (data->search == NULL || (volunteers = civic_store_list (store, "volunteer", &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->volunteers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);
      g_hash_table_insert (data->volunteers, (char *) json_object_get_string_member (doc, "_id"),
                           json_object_ref (doc));
    }

  data->booked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->on_shift = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!civic_shift_get_occurrence_times (data->shift, data->occurrence, data->tzid, &data->starts, &data->ends))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Every live booking: compare its occurrence's times with this one's. */
  for (guint s = 0; s < G_N_ELEMENTS (active); s++)
    {
      g_autoptr(GPtrArray) signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_STATUS,
                                                              active[s], &error);
      if (signups == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      for (guint i = 0; i < signups->len; i++)
        {
          JsonObject *signup = g_ptr_array_index (signups, i);
          const char *other_id = json_object_get_string_member_with_default (signup, "shift_id", NULL);
          const char *volunteer_id = json_object_get_string_member_with_default (signup, "volunteer_id", NULL);
          const char *occurrence = json_object_get_string_member_with_default (signup, "occurrence", NULL);
          CivicShift *other;
          const char *other_tzid = NULL;
          g_autoptr(GDateTime) starts = NULL;
          g_autoptr(GDateTime) ends = NULL;

          if (other_id == NULL || volunteer_id == NULL)
            continue;
          if (g_str_equal (other_id, shift_id))
            {
              if (same_occurrence (occurrence, data->occurrence))
                g_hash_table_add (data->on_shift, g_strdup (volunteer_id));
              continue;
            }
          other = g_hash_table_lookup (shifts, other_id);
          if (other == NULL)
            {
              g_autoptr(JsonObject) doc = civic_store_get (store, other_id, NULL);
              g_autoptr(JsonObject) event = NULL;
              const char *event_id;

              if (doc == NULL)
                continue;
              other = CIVIC_SHIFT (civic_record_new_from_json (doc, NULL));
              if (other == NULL)
                continue;
              g_hash_table_insert (shifts, g_strdup (other_id), other);
              event_id = civic_shift_get_event_id (other);
              if (event_id != NULL && (event = civic_store_get (store, event_id, NULL)) != NULL)
                g_hash_table_insert (zones, g_strdup (other_id),
                                     g_strdup (json_object_get_string_member_with_default (event, "tzid", NULL)));
            }
          other_tzid = g_hash_table_lookup (zones, other_id);
          if (!civic_shift_get_occurrence_times (other, occurrence, other_tzid, &starts, &ends))
            continue;
          if (g_date_time_compare (starts, data->ends) < 0 && g_date_time_compare (data->starts, ends) < 0)
            {
              g_autofree char *times = civic_shifts_format_time_range (starts, ends, zone);
              g_hash_table_replace (data->booked, g_strdup (volunteer_id),
                                    g_strdup_printf ("%s %s", civic_shift_role_get_label (civic_shift_get_role (other)),
                                                     times));
            }
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- Ranking ------------------------------------------------------------- */

static gboolean
strv_has_folded (JsonObject *doc,
                 const char *member,
                 const char *wanted)
{
  JsonArray *array;
  g_autofree char *folded = g_utf8_casefold (wanted, -1);

  if (doc == NULL || !json_object_has_member (doc, member)
      || (array = json_object_get_array_member (doc, member)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);
      g_autofree char *value_folded = value != NULL ? g_utf8_casefold (value, -1) : NULL;
      if (value_folded != NULL && g_str_equal (value_folded, folded))
        return TRUE;
    }
  return FALSE;
}

static const char *
part_of_day (GDateTime *local)
{
  int hour = g_date_time_get_hour (local);

  return hour < 12 ? "morning" : hour < 17 ? "afternoon" : "evening";
}

static CivicPickerCandidate *
candidate_new (CivicVolunteerPicker *self,
               const char           *id,
               JsonObject           *doc)
{
  CivicPickerCandidate *candidate = g_new0 (CivicPickerCandidate, 1);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) languages = civic_shift_dup_languages_needed (self->shift);
  g_auto(GStrv) skills = civic_shift_dup_skills_needed (self->shift);
  const char *booked = g_hash_table_lookup (self->booked, id);

  candidate->volunteer_id = g_strdup (id);
  candidate->name = civic_shifts_volunteer_name (doc);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (strv_has_folded (doc, "languages", languages[i]))
      {
        candidate->score += 8;
        /* Translators: a reason a volunteer fits a shift. */
        g_ptr_array_add (reasons, g_strdup_printf (_("Speaks %s"), civic_shifts_language_label (languages[i])));
      }
  for (guint i = 0; skills != NULL && skills[i] != NULL; i++)
    if (strv_has_folded (doc, "skills", skills[i]))
      {
        candidate->score += 4;
        /* Translators: a reason a volunteer fits a shift. */
        g_ptr_array_add (reasons, g_strdup_printf (_("Knows %s"), skills[i]));
      }

  if (self->starts != NULL && doc != NULL && json_object_has_member (doc, "availability"))
    {
      g_autoptr(GTimeZone) zone = civic_shifts_zone_new (self->tzid);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (self->starts, zone);
      gboolean weekend = g_date_time_get_day_of_week (local) >= 6;
      JsonObject *availability = json_object_get_object_member (doc, "availability");
      const char *part = part_of_day (local);

      if (availability != NULL && strv_has_folded (availability, weekend ? "weekend" : "weekday", part))
        {
          static const char *labels[2][3] = {
            { N_("available weekday mornings"), N_("available weekday afternoons"), N_("available weekday evenings") },
            { N_("available weekend mornings"), N_("available weekend afternoons"), N_("available weekend evenings") },
          };
          int p = g_str_equal (part, "morning") ? 0 : g_str_equal (part, "afternoon") ? 1 : 2;

          candidate->score += 2;
          g_ptr_array_add (reasons, g_strdup (_(labels[weekend][p])));
        }
    }

  if (booked != NULL)
    {
      candidate->score -= 20;
      candidate->booked = g_strdup (booked);
      /* Translators: a volunteer is already booked at an overlapping time. */
      g_ptr_array_add (reasons, g_strdup_printf (_("Booked: %s"), booked));
    }
  g_ptr_array_add (reasons, NULL);
  candidate->reason = g_strjoinv (" · ", (char **) reasons->pdata);
  return candidate;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const CivicPickerCandidate *x = *(CivicPickerCandidate * const *) a;
  const CivicPickerCandidate *y = *(CivicPickerCandidate * const *) b;

  return y->score - x->score;
}

static GtkWidget *
candidate_row_new (CivicPickerCandidate *candidate)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candidate->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), candidate->reason);
  if (candidate->booked != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Booked at an overlapping time"));
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "volunteer-id", g_strdup (candidate->volunteer_id), g_free);
  return row;
}

static void
refresh (CivicVolunteerPicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  CivicVolunteerFilter filter = { .active = CIVIC_VOLUNTEER_ACTIVE_ONLY };
  g_autoptr(GArray) hits = NULL;
  GtkWidget *child;

  if (self->search == NULL)
    return;
  g_ptr_array_set_size (self->candidates, 0);
  hits = civic_volunteer_search_query_hits (self->search, query, &filter, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      CivicVolunteerHit *hit = &g_array_index (hits, CivicVolunteerHit, i);
      CivicPickerCandidate *candidate;

      if (g_hash_table_contains (self->on_shift, hit->id))
        continue;
      candidate = candidate_new (self, hit->id, g_hash_table_lookup (self->volunteers, hit->id));
      /* The text match counts too, below fit: a whole name before a prefix. */
      candidate->score = candidate->score * 8 + (int) hit->rank;
      g_ptr_array_add (self->candidates, candidate);
    }
  /* A stable sort keeps the index's name order within a score. */
  g_ptr_array_sort (self->candidates, compare_candidates);
  if (self->candidates->len > MAX_SHOWN)
    g_ptr_array_set_size (self->candidates, MAX_SHOWN);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < self->candidates->len; i++)
    gtk_list_box_append (self->list_box, candidate_row_new (g_ptr_array_index (self->candidates, i)));
  gtk_stack_set_visible_child_name (self->stack, self->candidates->len > 0 ? "list" : "empty");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicVolunteerPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the volunteers: %s", error->message);
      return;
    }
  self->search = g_steal_pointer (&data->search);
  self->volunteers = g_steal_pointer (&data->volunteers);
  self->booked = g_steal_pointer (&data->booked);
  self->on_shift = g_steal_pointer (&data->on_shift);
  self->starts = g_steal_pointer (&data->starts);
  self->ends = g_steal_pointer (&data->ends);
  refresh (self);
  g_signal_emit (self, signals[READY], 0);
}

/* ---- Choosing ------------------------------------------------------------ */

static void
warning_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     CivicVolunteerPicker *self)
{
  if (g_str_equal (response, "add"))
    g_signal_emit (self, signals[CHOSEN], 0, g_object_get_data (G_OBJECT (dialog), "volunteer-id"));
}

AdwMessageDialog *
civic_volunteer_picker_choose (CivicVolunteerPicker *self,
                               const char           *volunteer_id)
{
  const char *booked;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_PICKER (self), NULL);

  booked = self->booked != NULL ? g_hash_table_lookup (self->booked, volunteer_id) : NULL;
  if (booked == NULL)
    {
      g_signal_emit (self, signals[CHOSEN], 0, volunteer_id);
      return NULL;
    }
  name = civic_shifts_volunteer_name (g_hash_table_lookup (self->volunteers, volunteer_id));
  /* Translators: %s is a person, then the shift they are already booked for. */
  body = g_strdup_printf (_("%s is already booked at an overlapping time: %s."), name, booked);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Overlapping Shift"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "volunteer-id", g_strdup (volunteer_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (warning_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
row_activated_cb (CivicVolunteerPicker *self,
                  GtkListBoxRow        *row)
{
  civic_volunteer_picker_choose (self, g_object_get_data (G_OBJECT (row), "volunteer-id"));
}

static void
entry_activate_cb (CivicVolunteerPicker *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, 0);

  if (row != NULL)
    row_activated_cb (self, row);
}

/* ---- Construction -------------------------------------------------------- */

static void
civic_volunteer_picker_dispose (GObject *object)
{
  CivicVolunteerPicker *self = CIVIC_VOLUNTEER_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->shift);
  g_clear_object (&self->search);

  G_OBJECT_CLASS (civic_volunteer_picker_parent_class)->dispose (object);
}

static void
civic_volunteer_picker_finalize (GObject *object)
{
  CivicVolunteerPicker *self = CIVIC_VOLUNTEER_PICKER (object);

  g_clear_object (&self->cancellable);
  g_free (self->occurrence);
  g_free (self->tzid);
  g_clear_pointer (&self->starts, g_date_time_unref);
  g_clear_pointer (&self->ends, g_date_time_unref);
  g_clear_pointer (&self->volunteers, g_hash_table_unref);
  g_clear_pointer (&self->booked, g_hash_table_unref);
  g_clear_pointer (&self->on_shift, g_hash_table_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_volunteer_picker_parent_class)->finalize (object);
}

static void
civic_volunteer_picker_class_init (CivicVolunteerPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_volunteer_picker_dispose;
  object_class->finalize = civic_volunteer_picker_finalize;

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civic_volunteer_picker_init (CivicVolunteerPicker *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Add Volunteer"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (content), header);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
  g_object_set (self->entry, "placeholder-text", _("Search by name, initial consonants or phone"), NULL);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list_box), GTK_ALIGN_START);
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-search-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Volunteers Found"));
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (content), box);
  adw_window_set_content (ADW_WINDOW (self), content);
}

CivicVolunteerPicker *
civic_volunteer_picker_new (CivicStore *store,
                            CivicShift *shift,
                            const char *occurrence,
                            const char *tzid,
                            GtkWindow  *parent)
{
  CivicVolunteerPicker *self;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (CIVIC_IS_SHIFT (shift), NULL);

  self = g_object_new (CIVIC_TYPE_VOLUNTEER_PICKER, NULL);
  self->store = g_object_ref (store);
  self->shift = CIVIC_SHIFT (civic_record_copy (CIVIC_RECORD (shift)));
  self->occurrence = g_strdup (occurrence);
  self->tzid = g_strdup (tzid);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  data = g_new0 (LoadData, 1);
  data->shift = CIVIC_SHIFT (civic_record_copy (CIVIC_RECORD (shift)));
  data->occurrence = g_strdup (occurrence);
  data->tzid = g_strdup (tzid);
  task = g_task_new (store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
  return self;
}

void
civic_volunteer_picker_set_query (CivicVolunteerPicker *self,
                                  const char           *query)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  refresh (self);
}

GPtrArray *
civic_volunteer_picker_get_candidates (CivicVolunteerPicker *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_PICKER (self), NULL);

  return self->candidates;
}
