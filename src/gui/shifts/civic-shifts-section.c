/* civic-shifts-section.c — an event's shifts, their signups and waitlists
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown in the event editor.  Each shift lists who holds a place and who
 * waits, derived as domain.md says (civic_signups_partition: among the
 * scheduled and confirmed signups by signed_up_at then id, the first
 * `capacity` are in), so two laptops that filled the last place offline
 * show the same after they sync.  For a repeating event the shifts repeat
 * and the signups shown are those of the chosen occurrence.  Every write
 * runs in a worker thread, and a status change offers Undo, which writes
 * the previous status back.
 */

#define G_LOG_DOMAIN "civic-shifts-section"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-checkin-window.h"
#include "civic-checkin-window-private.h"
#include "civic-derived.h"
#include "civic-shifts-section.h"
#include "civic-shifts-section-private.h"
#include "civic-shifts-util.h"
#include "civic-signin-sheet.h"
#include "civic-volunteer-picker.h"

typedef struct {
  CivicShift *shift;
  GDateTime  *starts;
  GDateTime  *ends;
  GPtrArray  *in;        /* CivicSignup* */
  GPtrArray  *waitlist;
  GPtrArray  *others;    /* every other status */
  char       *filled;    /* "2/3" */
} ShiftView;

struct _CivicShiftsSection
{
  AdwBin           parent_instance;

  CivicStore      *store;
  char            *event_id;
  char            *occurrence;
  char            *tzid;
  char            *date;         /* the day shown, "YYYY-MM-DD" in the event's zone */
  char            *event_starts; /* the event's first start, for new shifts */
  gboolean         read_only;
  GCancellable    *cancellable;
  gboolean         loading;
  gboolean         reload_again;

  GPtrArray       *views;        /* ShiftView* */
  GHashTable      *names;        /* volunteer id → display name */
  GHashTable      *waitlisted;   /* signup ids waitlisted at the last load */
  GPtrArray       *promoted;     /* signup ids promoted at the last load */
  gboolean         loaded_once;

  AdwToastOverlay *toasts;
  GtkBox          *shifts_box;
  GtkLabel        *empty;
};

G_DEFINE_FINAL_TYPE (CivicShiftsSection, civic_shifts_section, ADW_TYPE_BIN)

enum {
  LOADED,
  WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CivicShiftsSection *self);

static void
shift_view_free (ShiftView *view)
{
  g_clear_object (&view->shift);
  g_clear_pointer (&view->starts, g_date_time_unref);
  g_clear_pointer (&view->ends, g_date_time_unref);
  g_clear_pointer (&view->in, g_ptr_array_unref);
  g_clear_pointer (&view->waitlist, g_ptr_array_unref);
  g_clear_pointer (&view->others, g_ptr_array_unref);
  g_free (view->filled);
  g_free (view);
}

static void
toast (CivicShiftsSection *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static GtkWindow *
get_window (CivicShiftsSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
get_user_name (void)
{
  const char *real = g_get_real_name ();

  return g_strdup (real != NULL && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ());
}

static ShiftView *
find_view (CivicShiftsSection *self,
           const char         *shift_id)
{
  for (guint i = 0; self->views != NULL && i < self->views->len; i++)
    {
      ShiftView *view = g_ptr_array_index (self->views, i);
      if (g_strcmp0 (civic_record_get_id (CIVIC_RECORD (view->shift)), shift_id) == 0)
        return view;
    }
  return NULL;
}

/* ---- Loading ------------------------------------------------------------- */

typedef struct {
  char       *event_id;
  char       *occurrence;
  char       *tzid;
  char       *date;
  char       *event_starts;
  GPtrArray  *views;
  GHashTable *names;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->event_id);
  g_free (data->occurrence);
  g_free (data->tzid);
  g_free (data->date);
  g_free (data->event_starts);
  g_clear_pointer (&data->views, g_ptr_array_unref);
  g_clear_pointer (&data->names, g_hash_table_unref);
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

static int
compare_views (gconstpointer a,
               gconstpointer b)
{
  const ShiftView *x = *(ShiftView * const *) a;
  const ShiftView *y = *(ShiftView * const *) b;

  if (x->starts == NULL || y->starts == NULL)
    return (x->starts == NULL) - (y->starts == NULL);
  return g_date_time_compare (x->starts, y->starts);
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
  g_autoptr(JsonObject) event = civic_store_get (store, data->event_id, &error);
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GPtrArray) volunteer_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (event == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->tzid = g_strdup (json_object_get_string_member_with_default (event, "tzid", NULL));
  data->event_starts = g_strdup (json_object_get_string_member_with_default (event, "starts_at",
                                 json_object_get_string_member_with_default (event, "starts_on", NULL)));
  zone = civic_shifts_zone_new (data->tzid);

  shifts = civic_store_list_by_ref (store, "shift", CIVIC_STORE_REF_1, data->event_id, &error);
  if (shifts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->views = g_ptr_array_new_with_free_func ((GDestroyNotify) shift_view_free);
  for (guint i = 0; i < shifts->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (shifts, i);
      ShiftView *view = g_new0 (ShiftView, 1);
      g_autoptr(GPtrArray) signups = NULL;
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

      view->shift = CIVIC_SHIFT (civic_record_new_from_json (doc, NULL));
      view->others = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (data->views, view);
      civic_shift_get_occurrence_times (view->shift, data->occurrence, data->tzid, &view->starts, &view->ends);
      if (data->date == NULL && view->starts != NULL)
        {
          g_autoptr(GDateTime) there = g_date_time_to_timezone (view->starts, zone);
          data->date = g_date_time_format (there, "%Y-%m-%d");
        }

      signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1,
                                         civic_record_get_id (CIVIC_RECORD (view->shift)), &error);
      if (signups == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      for (guint s = 0; s < signups->len; s++)
        {
          JsonObject *signup_doc = g_ptr_array_index (signups, s);
          CivicRecord *signup;

          if (!same_occurrence (json_object_get_string_member_with_default (signup_doc, "occurrence", NULL),
                                data->occurrence))
            continue;
          signup = civic_record_new_from_json (signup_doc, NULL);
          if (signup == NULL)
            continue;
          g_ptr_array_add (records, signup);
          g_ptr_array_add (volunteer_ids, (gpointer) civic_signup_get_volunteer_id (CIVIC_SIGNUP (signup)));
          if (!civic_signup_status_is_queued (civic_signup_get_status (CIVIC_SIGNUP (signup))))
            g_ptr_array_add (view->others, g_object_ref (signup));
        }
      civic_signups_partition (records, MAX (1, civic_shift_get_capacity (view->shift)), &view->in, &view->waitlist);
      /* Translators: how many places of a shift are taken, of how many. */
      view->filled = g_strdup_printf (_("%u/%d"), view->in->len, civic_shift_get_capacity (view->shift));
      /* Every signup of the occurrence stays with the view (the volunteer
       * ids above point into them, and a toast names the person).
       */
      g_object_set_data_full (G_OBJECT (view->shift), "signups", g_ptr_array_ref (records),
                              (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_sort (data->views, compare_views);
  if (data->occurrence != NULL)
    {
      g_free (data->date);
      data->date = g_strndup (data->occurrence, 10);
    }

  g_ptr_array_add (volunteer_ids, NULL);
  volunteers = civic_store_get_many (store, (const char * const *) volunteer_ids->pdata, &error);
  if (volunteers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);
      g_hash_table_insert (data->names, g_strdup (json_object_get_string_member (doc, "_id")),
                           civic_shifts_volunteer_name (doc));
    }
  g_task_return_boolean (task, TRUE);
}

static const char *
name_of (CivicShiftsSection *self,
         CivicSignup        *signup)
{
  const char *name = g_hash_table_lookup (self->names, civic_signup_get_volunteer_id (signup));

  return name != NULL ? name : _("Unknown volunteer");
}

static GMenuModel *
status_menu_new (CivicSignup *signup)
{
  GMenu *menu = g_menu_new ();
  const char *current = civic_signup_get_status (signup);
  const char * const *statuses = civic_signup_status_list ();

  for (guint i = 0; statuses[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_str_equal (statuses[i], current) || !civic_signup_status_transition_allowed (current, statuses[i]))
        continue;
      item = g_menu_item_new (civic_signup_status_get_label (statuses[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "shifts.set-status",
                                               g_variant_new ("(ss)", civic_record_get_id (CIVIC_RECORD (signup)),
                                                              statuses[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GtkWidget *
signup_row_new (CivicShiftsSection *self,
                CivicSignup        *signup,
                const char         *subtitle,
                gboolean            waitlisted)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = status_menu_new (signup);
  const char *id = civic_record_get_id (CIVIC_RECORD (signup));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name_of (self, signup));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Change Status"));
  gtk_widget_set_sensitive (menu_button, !self->read_only && g_menu_model_get_n_items (menu) > 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  if (waitlisted)
    gtk_widget_add_css_class (row, "shifts-waitlisted");
  for (guint i = 0; self->promoted != NULL && i < self->promoted->len; i++)
    if (g_str_equal (g_ptr_array_index (self->promoted, i), id))
      gtk_widget_add_css_class (row, "shifts-promoted");
  return row;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             const char *shift_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", shift_id);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static char *
needs_text (CivicShift *shift)
{
  g_auto(GStrv) languages = civic_shift_dup_languages_needed (shift);
  g_auto(GStrv) skills = civic_shift_dup_skills_needed (shift);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      g_string_append (text, text->len > 0 ? ", " : "");
      g_string_append (text, civic_shifts_language_label (languages[i]));
    }
  for (guint i = 0; skills != NULL && skills[i] != NULL; i++)
    {
      g_string_append (text, text->len > 0 ? ", " : "");
      g_string_append (text, skills[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
shift_widget_new (CivicShiftsSection *self,
                  ShiftView          *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (civic_shift_role_get_label (civic_shift_get_role (view->shift)));
  GtkWidget *subtitle;
  GtkWidget *filled = gtk_label_new (view->filled);
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GTimeZone) zone = civic_shifts_zone_new (self->tzid);
  g_autofree char *times = civic_shifts_format_time_range (view->starts, view->ends, zone);
  g_autofree char *needs = needs_text (view->shift);
  g_autofree char *subtitle_text = needs[0] != '\0' ? g_strdup_printf ("%s · %s", times, needs) : g_strdup (times);
  const char *id = civic_record_get_id (CIVIC_RECORD (view->shift));
  gboolean any = FALSE;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  subtitle = gtk_label_new (subtitle_text);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_widget_add_css_class (filled, "title-4");
  gtk_widget_add_css_class (filled, "numeric");
  gtk_widget_add_css_class (filled, view->in->len >= (guint) civic_shift_get_capacity (view->shift) ? "success" : "dim-label");
  gtk_widget_set_tooltip_text (filled, _("Places taken of the shift’s capacity"));
  gtk_box_append (GTK_BOX (header), filled);
  gtk_box_append (GTK_BOX (header), icon_button ("list-add-symbolic", _("Add Volunteer"), "shifts.add-volunteer", id));
  gtk_box_append (GTK_BOX (header), icon_button ("printer-symbolic", _("Print Sign-In Sheet"), "shifts.print", id));
  gtk_box_append (GTK_BOX (header), icon_button ("document-edit-symbolic", _("Edit Shift"), "shifts.edit-shift", id));
  gtk_box_append (GTK_BOX (header), icon_button ("user-trash-symbolic", _("Delete Shift"), "shifts.delete-shift", id));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < view->in->len; i++)
    {
      CivicSignup *signup = g_ptr_array_index (view->in, i);
      gtk_list_box_append (GTK_LIST_BOX (list),
                           signup_row_new (self, signup, civic_signup_status_get_label (civic_signup_get_status (signup)), FALSE));
      any = TRUE;
    }
  for (guint i = 0; i < view->waitlist->len; i++)
    {
      CivicSignup *signup = g_ptr_array_index (view->waitlist, i);
      /* Translators: a signup's place on the waitlist. */
      g_autofree char *place = g_strdup_printf (_("Waitlisted · %u"), i + 1);
      gtk_list_box_append (GTK_LIST_BOX (list), signup_row_new (self, signup, place, TRUE));
      any = TRUE;
    }
  for (guint i = 0; i < view->others->len; i++)
    {
      CivicSignup *signup = g_ptr_array_index (view->others, i);
      GtkWidget *row = signup_row_new (self, signup, civic_signup_status_get_label (civic_signup_get_status (signup)), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      any = TRUE;
    }
  if (any)
    gtk_box_append (GTK_BOX (box), list);
  else
    {
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  gtk_widget_set_margin_bottom (box, 12);
  return box;
}

static void
fill (CivicShiftsSection *self,
      LoadData           *data)
{
  GtkWidget *child;
  g_autoptr(GHashTable) waitlisted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  self->views = g_steal_pointer (&data->views);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = g_steal_pointer (&data->names);
  g_free (self->tzid);
  self->tzid = g_steal_pointer (&data->tzid);
  g_free (self->date);
  self->date = g_steal_pointer (&data->date);
  g_free (self->event_starts);
  self->event_starts = g_steal_pointer (&data->event_starts);

  /* Whoever held a waitlist place last time and holds a real one now moved
   * up: say so, so a cancellation's effect is seen.
   */
  g_ptr_array_set_size (self->promoted, 0);
  for (guint i = 0; i < self->views->len; i++)
    {
      ShiftView *view = g_ptr_array_index (self->views, i);

      for (guint s = 0; s < view->in->len; s++)
        {
          CivicSignup *signup = g_ptr_array_index (view->in, s);
          const char *id = civic_record_get_id (CIVIC_RECORD (signup));

          if (self->loaded_once && g_hash_table_contains (self->waitlisted, id))
            {
              g_autofree char *message = NULL;

              g_ptr_array_add (self->promoted, g_strdup (id));
              /* Translators: a toast when someone gets a place on a shift. */
              message = g_strdup_printf (_("%s moved up from the waitlist"), name_of (self, signup));
              toast (self, message);
            }
        }
      for (guint s = 0; s < view->waitlist->len; s++)
        g_hash_table_add (waitlisted, g_strdup (civic_record_get_id (g_ptr_array_index (view->waitlist, s))));
    }
  g_clear_pointer (&self->waitlisted, g_hash_table_unref);
  self->waitlisted = g_steal_pointer (&waitlisted);
  self->loaded_once = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shifts_box))) != NULL)
    gtk_box_remove (self->shifts_box, child);
  for (guint i = 0; i < self->views->len; i++)
    gtk_box_append (self->shifts_box, shift_widget_new (self, g_ptr_array_index (self->views, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->empty), self->views->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shifts.print-day", self->views->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shifts.check-in", self->views->len > 0 && self->date != NULL);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicShiftsSection) self = user_data;
  g_autoptr(GError) error = NULL;

  self->loading = FALSE;
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload (self);
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  fill (self, g_task_get_task_data (G_TASK (result)));
}

static void
reload (CivicShiftsSection *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  data = g_new0 (LoadData, 1);
  data->event_id = g_strdup (self->event_id);
  data->occurrence = g_strdup (self->occurrence);
  task = g_task_new (self->store, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
store_changed_cb (CivicShiftsSection *self,
                  GStrv               ids,
                  GStrv               types)
{
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    if (g_str_equal (types[i], "shift") || g_str_equal (types[i], "signup")
        || g_str_equal (types[i], "volunteer") || g_str_equal (types[i], "event"))
      {
        reload (self);
        return;
      }
}

/* ---- Status changes ------------------------------------------------------ */

typedef struct {
  char     *signup_id;
  char     *status;
  char     *previous;
  gboolean  undo;
} StatusChange;

static void
status_change_free (StatusChange *change)
{
  g_free (change->signup_id);
  g_free (change->status);
  g_free (change->previous);
  g_free (change);
}

static void
status_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CivicStore *store = source_object;
  StatusChange *change = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get (store, change->signup_id, &error);
  g_autofree char *rev = NULL;

  if (doc == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  change->previous = g_strdup (json_object_get_string_member_with_default (doc, "status", "scheduled"));
  /* A change follows the domain's rule; Undo writes the earlier status
   * back as it was, since it takes back a click rather than decides.
   */
  if (!change->undo && !civic_signup_status_transition_allowed (change->previous, change->status))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: a signup's status cannot change this way. */
                               _("A signup cannot go from “%s” to “%s”"),
                               civic_signup_status_get_label (change->previous),
                               civic_signup_status_get_label (change->status));
      return;
    }
  json_object_set_string_member (doc, "status", change->status);
  rev = civic_store_put (store, doc, &error);
  if (rev == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
status_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicShiftsSection) self = user_data;
  StatusChange *change = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *done;
  g_autofree char *message = NULL;
  const char *name = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[WRITTEN], 0, change->signup_id);
  if (change->undo)
    return;

  for (guint i = 0; self->views != NULL && i < self->views->len && name == NULL; i++)
    {
      ShiftView *view = g_ptr_array_index (self->views, i);
      GPtrArray *all = g_object_get_data (G_OBJECT (view->shift), "signups");

      for (guint s = 0; all != NULL && s < all->len; s++)
        if (g_str_equal (civic_record_get_id (g_ptr_array_index (all, s)), change->signup_id))
          name = name_of (self, g_ptr_array_index (all, s));
    }
  /* Translators: a toast: a person, then their new status. */
  message = g_strdup_printf (_("%s: %s"), name != NULL ? name : "", civic_signup_status_get_label (change->status));
  done = adw_toast_new (message);
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_action_name (done, "shifts.undo-status");
  adw_toast_set_action_target_value (done, g_variant_new ("(ss)", change->signup_id, change->previous));
  adw_toast_overlay_add_toast (self->toasts, done);
}

static void
start_status_change (CivicShiftsSection *self,
                     const char         *signup_id,
                     const char         *status,
                     gboolean            undo)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, status_done_cb, g_object_ref (self));
  StatusChange *change = g_new0 (StatusChange, 1);

  change->signup_id = g_strdup (signup_id);
  change->status = g_strdup (status);
  change->undo = undo;
  if (self->loading)
    self->reload_again = TRUE;
  g_task_set_task_data (task, change, (GDestroyNotify) status_change_free);
  g_task_run_in_thread (task, status_thread);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *signup_id;
  const char *status;

  g_variant_get (parameter, "(&s&s)", &signup_id, &status);
  start_status_change (CIVIC_SHIFTS_SECTION (widget), signup_id, status, FALSE);
}

static void
undo_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *signup_id;
  const char *status;

  g_variant_get (parameter, "(&s&s)", &signup_id, &status);
  start_status_change (CIVIC_SHIFTS_SECTION (widget), signup_id, status, TRUE);
}

/* ---- Adding volunteers --------------------------------------------------- */

static void
signup_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CivicShiftsSection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_record_save_finish (CIVIC_RECORD (source), result, &error);

  if (rev == NULL)
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Volunteer added"));
  g_signal_emit (self, signals[WRITTEN], 0, civic_record_get_id (CIVIC_RECORD (source)));
}

static gboolean
destroy_window_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
picker_chosen_cb (CivicVolunteerPicker *picker,
                  const char           *volunteer_id,
                  CivicShiftsSection   *self)
{
  const char *shift_id = g_object_get_data (G_OBJECT (picker), "shift-id");
  g_autoptr(CivicSignup) signup = civic_signup_new ();
  g_autofree char *user_name = get_user_name ();

  if (self->read_only)
    return;
  civic_signup_set_shift_id (signup, shift_id);
  civic_signup_set_volunteer_id (signup, volunteer_id);
  civic_signup_set_occurrence (signup, self->occurrence);
  civic_signup_set_status (signup, "scheduled");
  civic_signup_set_source (signup, "office");
  if (self->loading)
    self->reload_again = TRUE;
  civic_record_save_async (CIVIC_RECORD (signup), self->store, user_name, NULL, signup_saved_cb, g_object_ref (self));
  /* Not at once: an overlap warning may still be answering on top of it. */
  gtk_widget_set_visible (GTK_WIDGET (picker), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_window_cb, g_object_ref (picker), g_object_unref);
}

CivicVolunteerPicker *
_civic_shifts_section_open_picker (CivicShiftsSection *self,
                                   const char         *shift_id)
{
  ShiftView *view = find_view (self, shift_id);
  CivicVolunteerPicker *picker;

  if (view == NULL)
    return NULL;
  picker = civic_volunteer_picker_new (self->store, view->shift, self->occurrence, self->tzid, get_window (self));
  g_object_set_data_full (G_OBJECT (picker), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (picker_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (picker));
  return picker;
}

static void
add_volunteer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _civic_shifts_section_open_picker (CIVIC_SHIFTS_SECTION (widget), g_variant_get_string (parameter, NULL));
}

/* ---- Shift editor -------------------------------------------------------- */

static GtkWidget *
grid_row (GtkGrid    *grid,
          int         row,
          const char *label,
          GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static char *
strv_to_text (GStrv strv)
{
  return strv != NULL ? g_strjoinv (", ", strv) : g_strdup ("");
}

static GStrv
text_to_strv (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (part[0] != '\0')
        g_strv_builder_add (builder, part);
    }
  return g_strv_builder_end (builder);
}

/* "HH:MM" on @day (in @zone) as a UTC instant; %NULL when it does not parse. */
static char *
instant_at (GDateTime  *day,
            const char *hh_mm,
            GTimeZone  *zone)
{
  int hour, minute;
  char extra;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (sscanf (hh_mm, "%d:%d%c", &hour, &minute, &extra) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NULL;
  local = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day), hour, minute, 0);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
shift_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicShiftsSection) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_record_save_finish (CIVIC_RECORD (source), result, &error);

  if (rev == NULL)
    toast (self, error->message);
  else
    toast (self, _("Shift saved"));
}

static void
editor_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CivicShiftsSection *self)
{
  CivicShift *shift = g_object_get_data (G_OBJECT (dialog), "shift");
  GtkComboBox *role = g_object_get_data (G_OBJECT (dialog), "role");
  GtkEditable *starts = g_object_get_data (G_OBJECT (dialog), "starts");
  GtkEditable *ends = g_object_get_data (G_OBJECT (dialog), "ends");
  GtkSpinButton *capacity = g_object_get_data (G_OBJECT (dialog), "capacity");
  GtkEditable *languages = g_object_get_data (G_OBJECT (dialog), "languages");
  GtkEditable *skills = g_object_get_data (G_OBJECT (dialog), "skills");
  GtkEditable *notes = g_object_get_data (G_OBJECT (dialog), "notes");
  GDateTime *day = g_object_get_data (G_OBJECT (dialog), "day");
  g_autoptr(GTimeZone) zone = civic_shifts_zone_new (self->tzid);
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  g_autofree char *role_text = NULL;
  g_auto(GStrv) language_list = NULL;
  g_auto(GStrv) skill_list = NULL;
  g_autofree char *user_name = get_user_name ();
  const char *role_id;

  if (!g_str_equal (response, "save") || self->read_only)
    return;

  role_id = gtk_combo_box_get_active_id (role);
  role_text = role_id != NULL ? g_strdup (role_id)
                              : g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (gtk_combo_box_get_child (role)))));
  starts_at = instant_at (day, gtk_editable_get_text (starts), zone);
  ends_at = instant_at (day, gtk_editable_get_text (ends), zone);
  if (role_text[0] == '\0')
    {
      toast (self, _("The shift needs a role"));
      return;
    }
  if (starts_at == NULL || ends_at == NULL)
    {
      toast (self, _("Start and end must be times such as 18:00"));
      return;
    }
  civic_shift_set_role (shift, role_text);
  civic_shift_set_starts_at (shift, starts_at);
  civic_shift_set_ends_at (shift, ends_at);
  civic_shift_set_capacity (shift, gtk_spin_button_get_value_as_int (capacity));
  language_list = text_to_strv (gtk_editable_get_text (languages));
  skill_list = text_to_strv (gtk_editable_get_text (skills));
  civic_shift_set_languages_needed (shift, language_list[0] != NULL ? (const char * const *) language_list : NULL);
  civic_shift_set_skills_needed (shift, skill_list[0] != NULL ? (const char * const *) skill_list : NULL);
  civic_shift_set_notes (shift, gtk_editable_get_text (notes)[0] != '\0' ? gtk_editable_get_text (notes) : NULL);
  if (self->loading)
    self->reload_again = TRUE;
  civic_record_save_async (CIVIC_RECORD (shift), self->store, user_name, NULL, shift_saved_cb, g_object_ref (self));
}

static void
open_shift_editor (CivicShiftsSection *self,
                   ShiftView          *view)
{
  AdwMessageDialog *dialog;
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *role = gtk_combo_box_text_new_with_entry ();
  GtkWidget *starts = gtk_entry_new ();
  GtkWidget *ends = gtk_entry_new ();
  GtkWidget *capacity = gtk_spin_button_new_with_range (1, 500, 1);
  GtkWidget *languages = gtk_entry_new ();
  GtkWidget *skills = gtk_entry_new ();
  GtkWidget *notes = gtk_entry_new ();
  g_autoptr(GTimeZone) zone = civic_shifts_zone_new (self->tzid);
  g_autoptr(CivicShift) shift = NULL;
  g_autoptr(GDateTime) first = NULL;
  GDateTime *day;
  const char * const *roles = civic_shift_role_list ();
  const char *instant;

  if (view != NULL)
    shift = CIVIC_SHIFT (civic_record_copy (CIVIC_RECORD (view->shift)));
  else
    {
      shift = civic_shift_new ();
      civic_shift_set_event_id (shift, self->event_id);
    }

  /* A shift's times are those of the event's first occurrence. */
  instant = civic_shift_get_starts_at (shift) != NULL ? civic_shift_get_starts_at (shift) : self->event_starts;
  if (instant != NULL)
    first = g_date_time_new_from_iso8601 (instant, NULL);
  if (first == NULL && instant != NULL && strlen (instant) == 10)
    {
      g_autofree char *midnight = g_strconcat (instant, "T12:00:00Z", NULL);
      first = g_date_time_new_from_iso8601 (midnight, NULL);
    }
  if (first == NULL)
    first = g_date_time_new_now_utc ();
  day = g_date_time_to_timezone (first, zone);

  for (guint i = 0; roles[i] != NULL; i++)
    gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (role), roles[i], civic_shift_role_get_label (roles[i]));
  if (civic_shift_get_role (shift) != NULL
      && !gtk_combo_box_set_active_id (GTK_COMBO_BOX (role), civic_shift_get_role (shift)))
    gtk_editable_set_text (GTK_EDITABLE (gtk_combo_box_get_child (GTK_COMBO_BOX (role))), civic_shift_get_role (shift));
  if (view != NULL && view->starts != NULL)
    {
      g_autoptr(GDateTime) s = g_date_time_to_timezone (view->starts, zone);
      g_autoptr(GDateTime) e = g_date_time_to_timezone (view->ends, zone);
      g_autofree char *st = g_date_time_format (s, "%H:%M");
      g_autofree char *et = g_date_time_format (e, "%H:%M");
      gtk_editable_set_text (GTK_EDITABLE (starts), st);
      gtk_editable_set_text (GTK_EDITABLE (ends), et);
    }
  else
    {
      g_autofree char *st = g_date_time_format (day, "%H:%M");
      gtk_editable_set_text (GTK_EDITABLE (starts), st);
    }
  gtk_entry_set_placeholder_text (GTK_ENTRY (starts), "18:00");
  gtk_entry_set_placeholder_text (GTK_ENTRY (ends), "20:00");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (capacity), MAX (1, civic_shift_get_capacity (shift)));
  {
    g_auto(GStrv) l = civic_shift_dup_languages_needed (shift);
    g_auto(GStrv) s = civic_shift_dup_skills_needed (shift);
    g_autofree char *lt = strv_to_text (l);
    g_autofree char *skt = strv_to_text (s);
    gtk_editable_set_text (GTK_EDITABLE (languages), lt);
    gtk_editable_set_text (GTK_EDITABLE (skills), skt);
  }
  gtk_entry_set_placeholder_text (GTK_ENTRY (languages), _("ko, en"));
  if (civic_shift_get_notes (shift) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (notes), civic_shift_get_notes (shift));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  grid_row (GTK_GRID (grid), 0, _("_Role"), role);
  grid_row (GTK_GRID (grid), 1, _("_Starts"), starts);
  grid_row (GTK_GRID (grid), 2, _("_Ends"), ends);
  grid_row (GTK_GRID (grid), 3, _("_Capacity"), capacity);
  grid_row (GTK_GRID (grid), 4, _("_Languages needed"), languages);
  grid_row (GTK_GRID (grid), 5, _("S_kills needed"), skills);
  grid_row (GTK_GRID (grid), 6, _("_Notes"), notes);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self),
                                                       view != NULL ? _("Edit Shift") : _("New Shift"), NULL));
  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shift", g_steal_pointer (&shift), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "day", day, (GDestroyNotify) g_date_time_unref);
  g_object_set_data (G_OBJECT (dialog), "role", role);
  g_object_set_data (G_OBJECT (dialog), "starts", starts);
  g_object_set_data (G_OBJECT (dialog), "ends", ends);
  g_object_set_data (G_OBJECT (dialog), "capacity", capacity);
  g_object_set_data (G_OBJECT (dialog), "languages", languages);
  g_object_set_data (G_OBJECT (dialog), "skills", skills);
  g_object_set_data (G_OBJECT (dialog), "notes", notes);
  g_signal_connect_object (dialog, "response", G_CALLBACK (editor_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_shift_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_shift_editor (CIVIC_SHIFTS_SECTION (widget), NULL);
}

static void
edit_shift_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (widget);
  ShiftView *view = find_view (self, g_variant_get_string (parameter, NULL));

  if (view != NULL)
    open_shift_editor (self, view);
}

/* Deleting a shift deletes its signups with it, in one transaction, so no
 * signup is left pointing at nothing.
 */
static gboolean
delete_shift_in_transaction (CivicStore *store,
                             gpointer    user_data,
                             GError    **error)
{
  const char *shift_id = user_data;
  g_autoptr(JsonObject) shift = civic_store_get (store, shift_id, error);
  g_autoptr(GPtrArray) signups = NULL;
  g_autofree char *rev = NULL;

  if (shift == NULL)
    return FALSE;
  signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, shift_id, error);
  if (signups == NULL)
    return FALSE;
  for (guint i = 0; i < signups->len; i++)
    {
      JsonObject *signup = g_ptr_array_index (signups, i);
      g_autofree char *signup_rev = civic_store_delete (store, json_object_get_string_member (signup, "_id"),
                                                        json_object_get_string_member (signup, "_rev"), error);
      if (signup_rev == NULL)
        return FALSE;
    }
  rev = civic_store_delete (store, shift_id, json_object_get_string_member (shift, "_rev"), error);
  return rev != NULL;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (civic_store_transaction (source_object, delete_shift_in_transaction, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicShiftsSection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    toast (self, _("Shift deleted"));
}

static void
delete_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CivicShiftsSection *self)
{
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "delete") || self->read_only)
    return;
  task = g_task_new (self->store, NULL, delete_done_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (g_object_get_data (G_OBJECT (dialog), "shift-id")), g_free);
  g_task_run_in_thread (task, delete_thread);
}

static void
delete_shift_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (widget);
  const char *shift_id = g_variant_get_string (parameter, NULL);
  ShiftView *view = find_view (self, shift_id);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  guint n;

  if (view == NULL)
    return;
  n = view->in->len + view->waitlist->len + view->others->len;
  /* Translators: asked before deleting a shift. */
  body = g_strdup_printf (ngettext ("Its %u signup is deleted with it.", "Its %u signups are deleted with it.", n), n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), _("Delete Shift?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (widget);
  const char *shift_id = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  civic_signin_sheet_print (self->store, self->event_id, self->date, shift_id, get_window (self));
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (widget);
  GtkWindow *window = civic_checkin_window_new (self->store, NULL, get_window (self));

  /* Check-in mode for the day shown here (usually today, at the door). */
  _civic_checkin_window_open_event (CIVIC_CHECKIN_WINDOW (window), self->event_id, self->date);
  gtk_window_present (window);
}

/* ---- Construction -------------------------------------------------------- */

static void
civic_shifts_section_dispose (GObject *object)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (civic_shifts_section_parent_class)->dispose (object);
}

static void
civic_shifts_section_finalize (GObject *object)
{
  CivicShiftsSection *self = CIVIC_SHIFTS_SECTION (object);

  g_clear_object (&self->cancellable);
  g_free (self->event_id);
  g_free (self->occurrence);
  g_free (self->tzid);
  g_free (self->date);
  g_free (self->event_starts);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->waitlisted, g_hash_table_unref);
  g_clear_pointer (&self->promoted, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_shifts_section_parent_class)->finalize (object);
}

static void
civic_shifts_section_class_init (CivicShiftsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_shifts_section_dispose;
  object_class->finalize = civic_shifts_section_finalize;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "shifts.add-shift", NULL, add_shift_action);
  gtk_widget_class_install_action (widget_class, "shifts.edit-shift", "s", edit_shift_action);
  gtk_widget_class_install_action (widget_class, "shifts.delete-shift", "s", delete_shift_action);
  gtk_widget_class_install_action (widget_class, "shifts.add-volunteer", "s", add_volunteer_action);
  gtk_widget_class_install_action (widget_class, "shifts.set-status", "(ss)", set_status_action);
  gtk_widget_class_install_action (widget_class, "shifts.undo-status", "(ss)", undo_status_action);
  gtk_widget_class_install_action (widget_class, "shifts.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "shifts.print-day", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "shifts.check-in", NULL, check_in_action);
}

static void
civic_shifts_section_init (CivicShiftsSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Shifts"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Shift"));
  GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
  GtkWidget *check_in = gtk_button_new_with_mnemonic (_("Check-_In Mode"));

  self->cancellable = g_cancellable_new ();
  self->promoted = g_ptr_array_new_with_free_func (g_free);
  self->waitlisted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "shifts.add-shift");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "shifts.print-day");
  gtk_widget_set_tooltip_text (print, _("Print the Day’s Sign-In Sheet"));
  gtk_widget_add_css_class (print, "flat");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), check_in);
  gtk_box_append (GTK_BOX (header), print);
  gtk_box_append (GTK_BOX (header), add);
  gtk_box_append (GTK_BOX (box), header);

  self->empty = GTK_LABEL (gtk_label_new (_("No shifts yet")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "dim-label");
  gtk_label_set_xalign (self->empty, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty));
  self->shifts_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->shifts_box));
  gtk_widget_set_margin_top (box, 12);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toasts));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check_in), "shifts.check-in");
  gtk_widget_add_css_class (check_in, "flat");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shifts.print-day", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shifts.check-in", FALSE);
}

GtkWidget *
civic_shifts_section_new (CivicStore *store,
                          const char *event_id,
                          const char *occurrence,
                          gboolean    read_only)
{
  CivicShiftsSection *self;
  static const char * const edits[] = {
    "shifts.add-shift", "shifts.edit-shift", "shifts.delete-shift", "shifts.add-volunteer",
    "shifts.set-status", "shifts.undo-status",
  };

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  self = g_object_new (CIVIC_TYPE_SHIFTS_SECTION, NULL);
  self->store = g_object_ref (store);
  self->event_id = g_strdup (event_id);
  self->occurrence = g_strdup (occurrence);
  self->read_only = read_only || civic_store_get_read_only (store);
  /* A read-only profile loses the edit actions themselves, not just their buttons. */
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edits[i], !self->read_only);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

/* ---- For tests ----------------------------------------------------------- */

GStrv
_civic_shifts_section_dup_shift_ids (CivicShiftsSection *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->views != NULL && i < self->views->len; i++)
    g_strv_builder_add (builder, civic_record_get_id (CIVIC_RECORD (((ShiftView *) g_ptr_array_index (self->views, i))->shift)));
  return g_strv_builder_end (builder);
}

const char *
_civic_shifts_section_get_filled_text (CivicShiftsSection *self,
                                       const char         *shift_id)
{
  ShiftView *view = find_view (self, shift_id);

  return view != NULL ? view->filled : NULL;
}

static GStrv
ids_of (GPtrArray *records)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_strv_builder_add (builder, civic_record_get_id (g_ptr_array_index (records, i)));
  return g_strv_builder_end (builder);
}

GStrv
_civic_shifts_section_dup_in (CivicShiftsSection *self,
                              const char         *shift_id)
{
  ShiftView *view = find_view (self, shift_id);

  return ids_of (view != NULL ? view->in : NULL);
}

GStrv
_civic_shifts_section_dup_waitlist (CivicShiftsSection *self,
                                    const char         *shift_id)
{
  ShiftView *view = find_view (self, shift_id);

  return ids_of (view != NULL ? view->waitlist : NULL);
}

GStrv
_civic_shifts_section_dup_promoted (CivicShiftsSection *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->promoted->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->promoted, i));
  return g_strv_builder_end (builder);
}
