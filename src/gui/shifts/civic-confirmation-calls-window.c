/* civic-confirmation-calls-window.c — call scheduled volunteers and confirm them
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An organizer works down the list with a phone in one hand: Up and Down
 * move, `c` marks the person confirmed and `d` declined, and the row goes
 * away at once (the write follows in a worker thread).  Each answer comes
 * with an Undo toast that writes the previous status back.
 */

#define G_LOG_DOMAIN "civic-confirmation-calls"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-confirmation-calls-window.h"
#include "civic-confirmation-calls-window-private.h"
#include "civic-confirmations.h"
#include "civic-shift.h"

#define DEFAULT_DAYS 7

struct _CivicConfirmationCallsWindow
{
  AdwWindow           parent_instance;

  CivicStore         *store;
  GCancellable       *cancellable;
  GDateTime          *from;       /* NULL: now */
  gboolean            loading;
  gboolean            reload_again;

  AdwToastOverlay    *toasts;
  GtkSpinButton      *days;
  GtkListBox         *list_box;
  GtkStack           *stack;
  GtkLabel           *count;
  GtkEventController *keys;
};

G_DEFINE_FINAL_TYPE (CivicConfirmationCallsWindow, civic_confirmation_calls_window, ADW_TYPE_WINDOW)

enum {
  LOADED,
  WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CivicConfirmationCallsWindow *self);

static void
toast (CivicConfirmationCallsWindow *self,
       const char                   *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static GtkWidget *
call_row_new (CivicConfirmationCall *call)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *who = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *what = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name;
  GtkWidget *phone;
  GtkWidget *event;
  GtkWidget *shift;
  g_autoptr(GDateTime) local = g_date_time_to_local (call->starts);
  g_autofree char *when = g_date_time_format (local, "%a %x %H:%M");
  g_autofree char *shift_text = NULL;
  g_autofree char *name_text = NULL;

  gtk_widget_add_css_class (row, "shifts-confirmation-row");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (call->name_ko != NULL && g_strcmp0 (call->name, call->name_ko) != 0)
    name_text = g_strdup_printf ("%s  %s", call->name, call->name_ko);
  else
    name_text = g_strdup (call->name);
  name = gtk_label_new (name_text);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  phone = gtk_label_new (call->phone != NULL ? call->phone : _("No phone"));
  gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
  gtk_widget_set_focus_on_click (phone, FALSE);
  gtk_widget_set_focusable (phone, FALSE);
  gtk_widget_add_css_class (phone, "shifts-phone");
  gtk_widget_add_css_class (phone, "title-4");
  gtk_label_set_xalign (GTK_LABEL (phone), 0);
  gtk_box_append (GTK_BOX (who), name);
  gtk_box_append (GTK_BOX (who), phone);
  gtk_widget_set_size_request (who, 280, -1);

  event = gtk_label_new (call->event_title != NULL ? call->event_title : "");
  gtk_label_set_xalign (GTK_LABEL (event), 0);
  gtk_label_set_ellipsize (GTK_LABEL (event), PANGO_ELLIPSIZE_END);
  /* Translators: a shift's role, then when it starts. */
  shift_text = g_strdup_printf (_("%s · %s"), civic_shift_role_get_label (call->role), when);
  shift = gtk_label_new (shift_text);
  gtk_widget_add_css_class (shift, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (shift), 0);
  gtk_box_append (GTK_BOX (what), event);
  gtk_box_append (GTK_BOX (what), shift);
  gtk_widget_set_hexpand (what, TRUE);

  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), what);
  if (call->waitlisted)
    {
      GtkWidget *waitlisted = gtk_label_new (_("Waitlisted"));
      gtk_widget_add_css_class (waitlisted, "warning");
      gtk_box_append (GTK_BOX (box), waitlisted);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "signup-id", g_strdup (call->signup_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (call->name), g_free);
  return row;
}

static void
update_count (CivicConfirmationCallsWindow *self)
{
  guint n = 0;
  g_autofree char *text = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  /* Translators: how many calls are left. */
  text = g_strdup_printf (ngettext ("%u call to make", "%u calls to make", n), n);
  gtk_label_set_text (self->count, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicConfirmationCallsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = civic_confirmations_list_finish (result, &error);
  GtkListBoxRow *selected;
  g_autofree char *selected_id = NULL;
  GtkWidget *child;

  self->loading = FALSE;
  if (self->reload_again)
    {
      /* Asked for while loading (another range, or a write since): this
       * answer is stale, the next one replaces it.
       */
      self->reload_again = FALSE;
      reload (self);
      return;
    }
  if (calls == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    {
      gboolean had_focus;

      selected = gtk_list_box_get_selected_row (self->list_box);
      if (selected != NULL)
        selected_id = g_strdup (g_object_get_data (G_OBJECT (selected), "signup-id"));
      had_focus = selected == NULL || gtk_widget_has_focus (GTK_WIDGET (selected));
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
        gtk_list_box_remove (self->list_box, child);
      for (guint i = 0; i < calls->len; i++)
        {
          CivicConfirmationCall *call = g_ptr_array_index (calls, i);
          GtkWidget *row = call_row_new (call);

          gtk_list_box_append (self->list_box, row);
          if (g_strcmp0 (call->signup_id, selected_id) == 0)
            gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
        }
      selected = gtk_list_box_get_selected_row (self->list_box);
      if (selected == NULL && calls->len > 0)
        {
          selected = gtk_list_box_get_row_at_index (self->list_box, 0);
          gtk_list_box_select_row (self->list_box, selected);
        }
      if (selected != NULL && had_focus)
        gtk_widget_grab_focus (GTK_WIDGET (selected));
      update_count (self);
      g_signal_emit (self, signals[LOADED], 0);
    }
}

static void
reload (CivicConfirmationCallsWindow *self)
{
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  civic_confirmations_list_async (self->store, self->from, (guint) gtk_spin_button_get_value_as_int (self->days),
                                  self->cancellable, list_done_cb, g_object_ref (self));
}

/* ---- Answers ------------------------------------------------------------- */

typedef struct {
  char *signup_id;
  char *status;     /* what to write: confirmed, declined, or the previous one on undo */
  char *previous;
  char *name;
  gboolean undo;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->signup_id);
  g_free (answer->status);
  g_free (answer->previous);
  g_free (answer->name);
  g_free (answer);
}

static void
answer_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CivicStore *store = source_object;
  Answer *answer = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (answer->undo)
    {
      /* Undo writes the earlier status back as it was, even where the
       * transition rule would not allow the move (confirmed → scheduled):
       * it takes back a keystroke, it is not a new decision.
       */
      g_autoptr(JsonObject) doc = civic_store_get (store, answer->signup_id, &error);
      g_autofree char *rev = NULL;

      if (doc != NULL)
        {
          json_object_set_string_member (doc, "status", answer->status);
          rev = civic_store_put (store, doc, &error);
        }
      ok = rev != NULL;
    }
  else if (g_str_equal (answer->status, "confirmed"))
    ok = civic_confirmations_confirm (store, answer->signup_id, &error);
  else
    ok = civic_confirmations_decline (store, answer->signup_id, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
answer_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicConfirmationCallsWindow) self = user_data;
  Answer *answer = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *done;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      reload (self);
      return;
    }
  g_signal_emit (self, signals[WRITTEN], 0, answer->signup_id);
  if (answer->undo)
    {
      reload (self);
      return;
    }

  if (g_str_equal (answer->status, "confirmed"))
    /* Translators: a toast after a confirmation call. */
    message = g_strdup_printf (_("Confirmed: %s"), answer->name);
  else
    /* Translators: a toast after a confirmation call. */
    message = g_strdup_printf (_("Declined: %s"), answer->name);
  done = adw_toast_new (message);
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_action_name (done, "calls.undo");
  adw_toast_set_action_target_value (done, g_variant_new ("(sss)", answer->signup_id, answer->previous,
                                                          answer->name));
  adw_toast_overlay_add_toast (self->toasts, done);
}

static void
start_answer (CivicConfirmationCallsWindow *self,
              Answer                       *answer)
{
  g_autoptr(GTask) task = g_task_new (self->store, NULL, answer_done_cb, g_object_ref (self));

  g_task_set_task_data (task, answer, (GDestroyNotify) answer_free);
  g_task_run_in_thread (task, answer_thread);
}

static void
answer_selected (CivicConfirmationCallsWindow *self,
                 const char                   *status)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  GtkListBoxRow *next;
  Answer *answer;
  int index;

  if (row == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  answer = g_new0 (Answer, 1);
  answer->signup_id = g_strdup (g_object_get_data (G_OBJECT (row), "signup-id"));
  answer->name = g_strdup (g_object_get_data (G_OBJECT (row), "name"));
  answer->status = g_strdup (status);
  answer->previous = g_strdup ("scheduled");

  /* The row goes at once, and the next one takes the keyboard. */
  index = gtk_list_box_row_get_index (row);
  gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
  next = gtk_list_box_get_row_at_index (self->list_box, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->list_box, index - 1);
  if (next != NULL)
    {
      gtk_list_box_select_row (self->list_box, next);
      gtk_widget_grab_focus (GTK_WIDGET (next));
    }
  update_count (self);
  if (self->loading)
    self->reload_again = TRUE;
  start_answer (self, answer);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer_selected (CIVIC_CONFIRMATION_CALLS_WINDOW (widget), "confirmed");
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer_selected (CIVIC_CONFIRMATION_CALLS_WINDOW (widget), "declined");
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CivicConfirmationCallsWindow *self = CIVIC_CONFIRMATION_CALLS_WINDOW (widget);
  Answer *answer = g_new0 (Answer, 1);

  g_variant_get (parameter, "(sss)", &answer->signup_id, &answer->status, &answer->name);
  answer->undo = TRUE;
  start_answer (self, answer);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (CIVIC_CONFIRMATION_CALLS_WINDOW (widget));
}

static gboolean
key_pressed_cb (CivicConfirmationCallsWindow *self,
                guint                         keyval,
                guint                         keycode,
                GdkModifierType               state)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Plain letters only, and not while typing a number of days. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_c:
    case GDK_KEY_C:
      gtk_widget_activate_action (GTK_WIDGET (self), "calls.confirm", NULL);
      return GDK_EVENT_STOP;
    case GDK_KEY_d:
    case GDK_KEY_D:
      gtk_widget_activate_action (GTK_WIDGET (self), "calls.decline", NULL);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
store_changed_cb (CivicConfirmationCallsWindow *self)
{
  reload (self);
}

static void
civic_confirmation_calls_window_dispose (GObject *object)
{
  CivicConfirmationCallsWindow *self = CIVIC_CONFIRMATION_CALLS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (civic_confirmation_calls_window_parent_class)->dispose (object);
}

static void
civic_confirmation_calls_window_finalize (GObject *object)
{
  CivicConfirmationCallsWindow *self = CIVIC_CONFIRMATION_CALLS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->from, g_date_time_unref);

  G_OBJECT_CLASS (civic_confirmation_calls_window_parent_class)->finalize (object);
}

static void
civic_confirmation_calls_window_class_init (CivicConfirmationCallsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_confirmation_calls_window_dispose;
  object_class->finalize = civic_confirmation_calls_window_finalize;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "calls.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "calls.decline", NULL, decline_action);
  gtk_widget_class_install_action (widget_class, "calls.undo", "(sss)", undo_action);
  gtk_widget_class_install_action (widget_class, "calls.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "calls.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
days_changed_cb (CivicConfirmationCallsWindow *self)
{
  reload (self);
}

static void
civic_confirmation_calls_window_init (CivicConfirmationCallsWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *days_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *days_label = gtk_label_new_with_mnemonic (_("Next _days"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("↑ ↓ to move · c confirms · d declines"));
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Confirmation Calls"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 640);

  self->days = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 60, 1));
  gtk_spin_button_set_value (self->days, DEFAULT_DAYS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (days_label), GTK_WIDGET (self->days));
  g_signal_connect_object (self->days, "value-changed", G_CALLBACK (days_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (days_box), days_label);
  gtk_box_append (GTK_BOX (days_box), GTK_WIDGET (self->days));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), days_box);
  self->count = GTK_LABEL (gtk_label_new (""));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->count));
  gtk_box_append (GTK_BOX (content), header);

  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (main), hint);
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_SINGLE);
  gtk_widget_set_valign (GTK_WIDGET (self->list_box), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (main), GTK_WIDGET (self->list_box));
  gtk_widget_set_margin_top (main, 12);
  gtk_widget_set_margin_bottom (main, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), main);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "call-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Calls to Make"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Everyone scheduled in these days has confirmed or declined."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), content);

  self->keys = gtk_event_controller_key_new ();
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), self->keys);
}

GtkWindow *
civic_confirmation_calls_window_new (CivicStore *store,
                                     GtkWindow  *parent)
{
  CivicConfirmationCallsWindow *self;
  gboolean read_only;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_CONFIRMATION_CALLS_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  read_only = civic_store_get_read_only (store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.confirm", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.decline", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calls.undo", !read_only);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WINDOW (self);
}

GtkListBox *
_civic_confirmation_calls_window_get_list_box (CivicConfirmationCallsWindow *self)
{
  return self->list_box;
}

GtkEventController *
_civic_confirmation_calls_window_get_key_controller (CivicConfirmationCallsWindow *self)
{
  return self->keys;
}

GtkSpinButton *
_civic_confirmation_calls_window_get_days (CivicConfirmationCallsWindow *self)
{
  return self->days;
}

void
_civic_confirmation_calls_window_set_from (CivicConfirmationCallsWindow *self,
                                           GDateTime                    *from)
{
  g_clear_pointer (&self->from, g_date_time_unref);
  self->from = from != NULL ? g_date_time_ref (from) : NULL;
  reload (self);
}
