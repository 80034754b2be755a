/* civic-visits-page-tabs.c — the Visits page's follow-ups, whip count and lobby days
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-ups come from civic_follow_ups_list_async(); marking one done
 * is one store write in a thread, with an Undo toast that restores the
 * previous done_at.  The whip count is computed from the page's
 * CivicVisitIndex on every change of topic or filter (about a
 * millisecond over 3,000 visits), so it needs no thread; while its view
 * is hidden a change only marks it stale.  A lobby day is read with
 * civic_lobby_day_load() in a thread.
 */

#define G_LOG_DOMAIN "civic-visits-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-file-chooser.h"
#include "civic-legislative.h"
#include "civic-legislative-export.h"
#include "civic-legislator.h"
#include "civic-visit.h"
#include "civic-visits-item.h"
#include "civic-visits-page-private.h"
#include "civic-window.h"

/* ---- Follow-ups --------------------------------------------------------- */

static gboolean
follow_up_filter_func (gpointer item,
                       gpointer user_data)
{
  CivicVisitsPage *self = user_data;
  CivicFollowUp *follow_up = civic_visits_item_get_data (item);

  switch (gtk_drop_down_get_selected (self->follow_up_filter))
    {
    case 0:
      return follow_up->state != CIVIC_FOLLOW_UP_DONE;
    case 1:
      return follow_up->state == CIVIC_FOLLOW_UP_OVERDUE;
    case 2:
      return follow_up->state == CIVIC_FOLLOW_UP_DUE;
    case 3:
      return follow_up->state == CIVIC_FOLLOW_UP_DONE;
    default:
      return TRUE;
    }
}

static void
update_follow_up_count (CivicVisitsPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->follow_ups_view));
  guint overdue = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups_store));
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (self->follow_ups_store), i);
      overdue += ((CivicFollowUp *) civic_visits_item_get_data (item))->state == CIVIC_FOLLOW_UP_OVERDUE;
    }
  /* Translators: shown, then how many are overdue. */
  text = g_strdup_printf (_("%u shown, %u overdue"), g_list_model_get_n_items (model), overdue);
  gtk_label_set_text (self->follow_up_count, text);
}

typedef struct {
  CivicVisitsPage *page;
  guint            generation;
} FollowUpsLoad;

static void
follow_ups_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FollowUpsLoad *load = user_data;
  g_autoptr(CivicVisitsPage) self = load->page;
  guint generation = load->generation;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) follow_ups = civic_follow_ups_list_finish (result, &error);
  g_autoptr(GPtrArray) items = NULL;

  g_free (load);
  if (follow_ups == NULL)
    {
      _civic_visits_page_error (self, error);
      return;
    }
  /* A later reload supersedes this one, and a disposed page wants none. */
  if (generation != self->follow_ups_generation || self->disposed || self->follow_ups_store == NULL)
    return;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < follow_ups->len; i++)
    g_ptr_array_add (items, civic_visits_item_new (g_ptr_array_index (follow_ups, i),
                                                   (GDestroyNotify) civic_follow_up_free));
  g_ptr_array_set_free_func (follow_ups, NULL);
  g_list_store_splice (self->follow_ups_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups_store)),
                       items->pdata, items->len);
  update_follow_up_count (self);
  _civic_visits_page_follow_ups_loaded (self);
  g_signal_emit_by_name (self, "loaded");
}

void
_civic_visits_page_reload_follow_ups (CivicVisitsPage *self)
{
  FollowUpsLoad *load;

  if (self->store == NULL || self->disposed)
    return;
  /* The generation rides along so that a slow, older list never replaces
   * a newer one.
   */
  load = g_new0 (FollowUpsLoad, 1);
  load->page = g_object_ref (self);
  load->generation = ++self->follow_ups_generation;
  civic_follow_ups_list_async (self->store, NULL, self->cancellable, follow_ups_loaded_cb, load);
}

typedef struct {
  CivicVisitsPage *page;
  char            *visit_id;
  guint            index;
  char            *task;
  gboolean         done;
  char            *done_at;
  char            *previous;
  gboolean         is_undo;
} DoneData;

static void
done_data_free (DoneData *data)
{
  g_clear_object (&data->page);
  g_free (data->visit_id);
  g_free (data->task);
  g_free (data->done_at);
  g_free (data->previous);
  g_free (data);
}

static void
set_done_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DoneData *data = task_data;
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  GError *error = NULL;

  if (!civic_follow_up_set_done (store, data->visit_id, data->index, data->task, data->done,
                                 data->done_at, NULL, &data->previous, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_set_done (CivicVisitsPage *self,
                            const char      *visit_id,
                            guint            index,
                            const char      *task,
                            gboolean         done,
                            const char      *done_at,
                            gboolean         is_undo);

static void
undo_clicked_cb (AdwToast *toast,
                 DoneData *data)
{
  start_set_done (data->page, data->visit_id, data->index, data->task, !data->done, data->previous, TRUE);
}

static void
set_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  DoneData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  GtkWidget *window;
  DoneData *undo;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _civic_visits_page_error (self, error);
      _civic_visits_page_reload_follow_ups (self);
      return;
    }

  if (data->is_undo)
    return;

  toast = adw_toast_new (data->done ? _("Follow-up marked done") : _("Follow-up marked not done"));
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (DoneData, 1);
  undo->page = g_object_ref (self);
  undo->visit_id = g_strdup (data->visit_id);
  undo->index = data->index;
  undo->task = g_strdup (data->task);
  undo->done = data->done;
  undo->previous = g_strdup (data->previous);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                         (GClosureNotify) done_data_free, 0);
  g_object_set_data_full (G_OBJECT (self), "last-undo-toast", g_object_ref (toast), g_object_unref);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);
  if (window != NULL)
    civic_window_add_toast (CIVIC_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
start_set_done (CivicVisitsPage *self,
                const char      *visit_id,
                guint            index,
                const char      *task_text,
                gboolean         done,
                const char      *done_at,
                gboolean         is_undo)
{
  g_autoptr(GTask) task = NULL;
  DoneData *data;

  if (self->store == NULL || self->read_only)
    return;
  data = g_new0 (DoneData, 1);
  data->visit_id = g_strdup (visit_id);
  data->index = index;
  data->task = g_strdup (task_text);
  data->done = done;
  data->done_at = g_strdup (done_at);
  data->is_undo = is_undo;
  task = g_task_new (NULL, self->cancellable, set_done_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) done_data_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, set_done_thread);
}

void
_civic_visits_page_set_follow_up_done (CivicVisitsPage *self,
                                       CivicFollowUp   *follow_up,
                                       gboolean         done)
{
  start_set_done (self, follow_up->visit_id, follow_up->index, follow_up->task, done, NULL, FALSE);
}

static void
done_toggled_cb (GtkCheckButton  *check,
                 CivicVisitsPage *self)
{
  CivicVisitsItem *item = g_object_get_data (G_OBJECT (check), "item");
  CivicFollowUp *follow_up;
  gboolean active = gtk_check_button_get_active (check);

  if (item == NULL || g_object_get_data (G_OBJECT (check), "binding") != NULL)
    return;
  follow_up = civic_visits_item_get_data (item);
  if (active == (follow_up->state == CIVIC_FOLLOW_UP_DONE))
    return;
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "visits.toggle-follow-up", NULL))
    return;
  _civic_visits_page_set_follow_up_done (self, follow_up, active);
}

static void
toggle_follow_up_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  /* Exists so that read-only profiles can disable the check boxes through
   * the action, like every other edit.
   */
}

typedef enum {
  FOLLOW_UP_DONE,
  FOLLOW_UP_TASK,
  FOLLOW_UP_OWNER,
  FOLLOW_UP_LEGISLATOR,
  FOLLOW_UP_VISIT,
  FOLLOW_UP_DUE,
  FOLLOW_UP_STATE,
} FollowUpColumn;

static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = civic_text_cell_get_text (CIVIC_TEXT_CELL (cell));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_follow_up_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  FollowUpColumn column = GPOINTER_TO_INT (user_data);
  CivicVisitsPage *self = g_object_get_data (G_OBJECT (factory), "page");

  if (column == FOLLOW_UP_DONE)
    {
      GtkWidget *check = gtk_check_button_new ();
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), NULL);
      gtk_widget_set_tooltip_text (check, _("Done"));
      g_signal_connect_object (check, "toggled", G_CALLBACK (done_toggled_cb), self, 0);
      gtk_list_item_set_child (list_item, check);
    }
  else if (column == FOLLOW_UP_VISIT)
    {
      GtkWidget *button = gtk_button_new ();
      gtk_widget_add_css_class (button, "flat");
      gtk_list_item_set_child (list_item, button);
    }
  else
    {
      /* Not a GtkLabel: see civic-text-cell.c. */
      GtkWidget *cell = civic_text_cell_new (0);

      /* The full text of a cut-off cell, asked for when the pointer rests
       * on it: setting a tooltip on every bind would query the pointer
       * (an X round trip) for each of thousands of cells.
       */
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
      gtk_list_item_set_child (list_item, cell);
    }
}

static void
open_visit_clicked_cb (GtkButton       *button,
                       CivicVisitsPage *self)
{
  _civic_visits_page_open_visit (self, g_object_get_data (G_OBJECT (button), "visit-id"));
}

static void
bind_follow_up_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  FollowUpColumn column = GPOINTER_TO_INT (user_data);
  CivicVisitsPage *self = g_object_get_data (G_OBJECT (factory), "page");
  CivicVisitsItem *item = gtk_list_item_get_item (list_item);
  CivicFollowUp *follow_up = civic_visits_item_get_data (item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case FOLLOW_UP_DONE:
      g_object_set_data (G_OBJECT (child), "binding", GINT_TO_POINTER (1));
      g_object_set_data (G_OBJECT (child), "item", item);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), follow_up->state == CIVIC_FOLLOW_UP_DONE);
      gtk_widget_set_sensitive (child, !self->read_only);
      g_object_set_data (G_OBJECT (child), "binding", NULL);
      return;
    case FOLLOW_UP_VISIT:
      {
        g_autofree char *when = _civic_visits_page_format_instant (follow_up->visit_occurs_at);
        gtk_button_set_label (GTK_BUTTON (child), when);
        g_object_set_data_full (G_OBJECT (child), "visit-id", g_strdup (follow_up->visit_id), g_free);
        g_signal_handlers_disconnect_by_func (child, open_visit_clicked_cb, self);
        g_signal_connect_object (child, "clicked", G_CALLBACK (open_visit_clicked_cb), self, 0);
        return;
      }
    case FOLLOW_UP_TASK:
      text = g_strdup (follow_up->task);
      break;
    case FOLLOW_UP_OWNER:
      text = g_strdup (follow_up->owner_name != NULL ? follow_up->owner_name : follow_up->owner_id);
      break;
    case FOLLOW_UP_LEGISLATOR:
      text = g_strdup (follow_up->legislator_name);
      break;
    case FOLLOW_UP_DUE:
      text = g_strdup (follow_up->due_on);
      break;
    case FOLLOW_UP_STATE:
      text = g_strdup (civic_follow_up_state_get_label (follow_up->state));
      if (follow_up->state == CIVIC_FOLLOW_UP_OVERDUE)
        gtk_widget_add_css_class (child, "error");
      else
        gtk_widget_remove_css_class (child, "error");
      break;
    default:
      g_assert_not_reached ();
    }
  civic_text_cell_set_text (CIVIC_TEXT_CELL (child), text);
}

static void
unbind_follow_up_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  if (GPOINTER_TO_INT (user_data) == FOLLOW_UP_DONE)
    g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "item", NULL);
}

static void
add_follow_up_column (CivicVisitsPage *self,
                      const char      *title,
                      FollowUpColumn   column,
                      gboolean         expand,
                      int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_follow_up_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_follow_up_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_follow_up_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* The text cells ask for no width of their own (civic-text-cell.c):
   * the columns have widths that fit their values, the task takes what is
   * left, and the user may still drag them.
   */
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->follow_ups_view, view_column);
  g_object_unref (view_column);
}

static void
follow_up_filter_changed_cb (GtkDropDown     *drop,
                             GParamSpec      *pspec,
                             CivicVisitsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->follow_ups_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_follow_up_count (self);
}

/* ---- Export ------------------------------------------------------------- */

typedef struct {
  CivicLegislativeExport what;
  char                  *topic;
  char                  *chamber;
  char                  *state;
  gboolean               include_unvisited;
  GFile                 *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->topic);
  g_free (data->chamber);
  g_free (data->state);
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
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  CivicWhipFilter filter = { data->chamber, data->state, data->include_unvisited };
  GError *error = NULL;

  if (!civic_legislative_export_csv_to_file (store, data->what, data->topic, &filter, data->file,
                                             cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _civic_visits_page_error (self, error);
      return;
    }
  name = g_file_get_basename (data->file);
  /* Translators: %s is a file name. */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  _civic_visits_page_toast (self, message);
}

static const char *
selected_chamber (CivicVisitsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->whip_chamber_drop);

  return selected > 0 && selected != GTK_INVALID_LIST_POSITION
         ? civic_legislator_chamber_list ()[selected - 1] : NULL;
}

static const char *
selected_topic (CivicVisitsPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->whip_topic_drop);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (owner);
  ExportData *data = user_data;
  ExportData *copy;
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->disposed)
    return;
  /* The chooser frees @data when it closes; the task gets its own. */
  copy = g_new0 (ExportData, 1);
  copy->what = data->what;
  copy->topic = g_strdup (data->topic);
  copy->chamber = g_strdup (data->chamber);
  copy->state = g_strdup (data->state);
  copy->include_unvisited = data->include_unvisited;
  copy->file = g_object_ref (file);
  task = g_task_new (NULL, self->cancellable, export_done_cb, g_object_ref (self));
  g_task_set_task_data (task, copy, (GDestroyNotify) export_data_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

static void
start_export (CivicVisitsPage        *self,
              CivicLegislativeExport  what,
              const char             *suggested)
{
  ExportData *data = g_new0 (ExportData, 1);
  const char *state = gtk_editable_get_text (GTK_EDITABLE (self->whip_state_entry));

  data->what = what;
  data->topic = g_strdup (selected_topic (self));
  data->chamber = g_strdup (selected_chamber (self));
  data->state = *state != '\0' ? g_strdup (state) : NULL;
  data->include_unvisited = gtk_check_button_get_active (self->whip_unvisited_check);
  if (what == CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT && data->topic == NULL)
    {
      export_data_free (data);
      _civic_visits_page_toast (self, _("Choose an issue or bill first"));
      return;
    }

  civic_choose_file (GTK_WIDGET (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export as CSV"), _("_Export"),
                     NULL, suggested, export_chosen_cb, data, (GDestroyNotify) export_data_free);
}

static void
export_follow_ups_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  start_export (CIVIC_VISITS_PAGE (widget), CIVIC_LEGISLATIVE_EXPORT_FOLLOW_UPS, "follow-ups.csv");
}

static void
export_whip_count_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  start_export (CIVIC_VISITS_PAGE (widget), CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT, "whip-count.csv");
}

/* ---- Whip count --------------------------------------------------------- */

static char *
describe_filters (CivicVisitsPage *self)
{
  const char *chamber = selected_chamber (self);
  const char *state = gtk_editable_get_text (GTK_EDITABLE (self->whip_state_entry));
  g_autoptr(GString) text = g_string_new (selected_topic (self));

  if (chamber != NULL)
    g_string_append_printf (text, " — %s", civic_legislator_chamber_get_label (chamber));
  if (*state != '\0')
    g_string_append_printf (text, " — %s", state);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
draw_whip_bar (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  CivicVisitsPage *self = user_data;
  guint total = self->whip_count != NULL ? self->whip_count->rows->len : 0;
  double x = 0;

  if (total == 0)
    return;
  for (guint i = 0; i < CIVIC_POSITION_N; i++)
    {
      GdkRGBA color;
      double w = (double) width * self->whip_count->counts[i] / total;

      if (self->whip_count->counts[i] == 0)
        continue;
      gdk_rgba_parse (&color, civic_visit_position_get_color (civic_position_to_string (i)));
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      x += w;
    }
}

/* One swatch and count per position, made once and then only relabelled. */
static void
update_legend (CivicVisitsPage *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->whip_legend));

  if (child == NULL && self->whip_count == NULL)
    return;
  if (child == NULL)
    {
      for (guint i = 0; i < CIVIC_POSITION_N; i++)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          g_autofree char *klass = g_strdup_printf ("civic-position-%s", civic_position_to_string (i));

          gtk_widget_add_css_class (swatch, "civic-legend-swatch");
          gtk_widget_add_css_class (swatch, klass);
          gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (box), swatch);
          gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
          gtk_flow_box_append (self->whip_legend, box);
        }
      child = gtk_widget_get_first_child (GTK_WIDGET (self->whip_legend));
    }

  for (guint i = 0; child != NULL && i < CIVIC_POSITION_N; child = gtk_widget_get_next_sibling (child), i++)
    {
      GtkWidget *label = gtk_widget_get_last_child (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      gtk_widget_set_visible (child, self->whip_count != NULL);
      if (self->whip_count != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s: %u", civic_position_get_label (i),
                                                   self->whip_count->counts[i]);
          gtk_label_set_text (GTK_LABEL (label), text);
        }
    }
}

static void refresh_whip_count (CivicVisitsPage *self);

/* The whip count is recomputed when its view is on screen; while hidden,
 * a change only marks it stale, so that a hidden GtkColumnView does not
 * rebuild its rows on every load and write.
 */
void
_civic_visits_page_update_whip_count (CivicVisitsPage *self)
{
  if (self->updating_topics)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "whip-count") != 0)
    {
      self->whip_stale = TRUE;
      return;
    }
  refresh_whip_count (self);
}

/* The view came on screen, or the page has a quiet moment to prepare it. */
void
_civic_visits_page_whip_count_shown (CivicVisitsPage *self)
{
  if (self->whip_stale)
    refresh_whip_count (self);
}

static void
refresh_whip_count (CivicVisitsPage *self)
{
  const char *topic = selected_topic (self);
  const char *state = gtk_editable_get_text (GTK_EDITABLE (self->whip_state_entry));
  CivicWhipFilter filter = {
    selected_chamber (self),
    *state != '\0' ? state : NULL,
    gtk_check_button_get_active (self->whip_unvisited_check),
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CivicWhipCount *count = NULL;

  self->whip_stale = FALSE;
  if (topic != NULL && self->index != NULL && civic_visit_index_get_loaded (self->index))
    count = civic_visit_index_whip_count (self->index, topic, &filter);

  /* The rows point into the count: empty the list before freeing it. */
  for (guint i = 0; count != NULL && i < count->rows->len; i++)
    g_ptr_array_add (items, civic_visits_item_new (g_ptr_array_index (count->rows, i), NULL));
  _civic_visits_page_stage_rows (&self->whip_staging);
  g_list_store_splice (self->whip_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->whip_store)),
                       items->pdata, items->len);
  g_clear_pointer (&self->whip_count, civic_whip_count_free);
  self->whip_count = count;
  update_legend (self);
  gtk_widget_queue_draw (gtk_widget_get_first_child (GTK_WIDGET (self->whip_bar)));
}

void
_civic_visits_page_update_topics (CivicVisitsPage *self)
{
  g_auto(GStrv) topics = NULL;
  g_autofree char *whip_topic = NULL;
  g_autofree char *issue = NULL;
  GtkStringList *list;
  GtkStringObject *item;

  if (self->index == NULL || !civic_visit_index_get_loaded (self->index))
    return;
  topics = civic_visit_index_dup_topics (self->index);
  if (self->topics != NULL && g_strv_equal ((const char * const *) topics, (const char * const *) self->topics))
    return;
  g_clear_pointer (&self->topics, g_strfreev);
  self->topics = g_strdupv (topics);

  item = gtk_drop_down_get_selected_item (self->whip_topic_drop);
  whip_topic = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
  item = gtk_drop_down_get_selected_item (self->issue_drop);
  issue = item != NULL && gtk_drop_down_get_selected (self->issue_drop) > 0
          ? g_strdup (gtk_string_object_get_string (item)) : NULL;

  /* Changing the models and selections below would rebuild the
   * directory and the whip count several times over; the caller rebuilds
   * them once.
   */
  self->updating_topics = TRUE;
  list = gtk_string_list_new ((const char * const *) topics);
  gtk_drop_down_set_model (self->whip_topic_drop, G_LIST_MODEL (list));
  g_object_unref (list);
  list = gtk_string_list_new ((const char *[]) { _("No issue"), NULL });
  gtk_string_list_splice (list, 1, 0, (const char * const *) topics);
  gtk_drop_down_set_model (self->issue_drop, G_LIST_MODEL (list));
  g_object_unref (list);

  /* Keep the choices across a change of the list.  The first time, both
   * start on the topic most visits were about, so the position column and
   * the whip count say something at once.
   */
  {
    g_autofree char *busiest = civic_visit_index_dup_busiest_topic (self->index);
    guint best = 0;

    for (guint i = 0; busiest != NULL && topics[i] != NULL; i++)
      if (g_str_equal (topics[i], busiest))
        best = i;
    gtk_drop_down_set_selected (self->issue_drop, topics[0] != NULL ? best + 1 : 0);
    gtk_drop_down_set_selected (self->whip_topic_drop, best);
  }
  for (guint i = 0; topics[i] != NULL; i++)
    {
      if (g_strcmp0 (topics[i], whip_topic) == 0)
        gtk_drop_down_set_selected (self->whip_topic_drop, i);
      if (g_strcmp0 (topics[i], issue) == 0)
        gtk_drop_down_set_selected (self->issue_drop, i + 1);
    }
  self->updating_topics = FALSE;
}

void
_civic_visits_page_set_whip_topic (CivicVisitsPage *self,
                                   const char      *topic)
{
  g_autofree char *key = civic_legislative_topic_key (topic);

  /* Topics match as the core matches them ("HR 6" is "H.R. 6"). */
  for (guint i = 0; self->topics != NULL && self->topics[i] != NULL; i++)
    {
      g_autofree char *other = civic_legislative_topic_key (self->topics[i]);
      if (g_strcmp0 (key, other) == 0)
        gtk_drop_down_set_selected (self->whip_topic_drop, i);
    }
  refresh_whip_count (self);
}

static void
whip_filter_changed_cb (GObject         *object,
                        GParamSpec      *pspec,
                        CivicVisitsPage *self)
{
  _civic_visits_page_update_whip_count (self);
}

static void
whip_state_changed_cb (GtkEditable     *editable,
                       CivicVisitsPage *self)
{
  _civic_visits_page_update_whip_count (self);
}

typedef enum {
  WHIP_NAME,
  WHIP_CHAMBER,
  WHIP_DISTRICT,
  WHIP_PARTY,
  WHIP_POSITION,
  WHIP_HEARD,
  WHIP_VISITS,
} WhipColumn;

static void
setup_whip_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  /* Not GtkLabels: see civic-text-cell.c. */
  if (GPOINTER_TO_INT (user_data) == WHIP_POSITION)
    gtk_list_item_set_child (list_item, civic_text_cell_new_pill ());
  else
    gtk_list_item_set_child (list_item, civic_text_cell_new (0));
}

static void
bind_whip_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CivicWhipRow *row = civic_visits_item_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch ((WhipColumn) GPOINTER_TO_INT (user_data))
    {
    case WHIP_NAME:
      text = g_strdup (row->name);
      break;
    case WHIP_CHAMBER:
      text = g_strdup (row->chamber != NULL ? civic_legislator_chamber_get_label (row->chamber) : "");
      break;
    case WHIP_DISTRICT:
      text = row->district != NULL ? g_strdup_printf ("%s-%s", row->state != NULL ? row->state : "", row->district)
                                   : g_strdup (row->state);
      break;
    case WHIP_PARTY:
      text = g_strdup (row->party);
      break;
    case WHIP_POSITION:
      _civic_visits_page_show_position (CIVIC_TEXT_CELL (child), row->position, TRUE);
      return;
    case WHIP_HEARD:
      text = row->heard_at != NULL ? _civic_visits_page_format_instant (row->heard_at) : g_strdup ("—");
      break;
    case WHIP_VISITS:
      text = g_strdup_printf ("%u", row->n_visits);
      break;
    default:
      g_assert_not_reached ();
    }
  civic_text_cell_set_text (CIVIC_TEXT_CELL (child), text);
}

static int
compare_whip_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  CivicWhipRow *x = civic_visits_item_get_data ((gpointer) a);
  CivicWhipRow *y = civic_visits_item_get_data ((gpointer) b);
  int result = 0;

  switch ((WhipColumn) GPOINTER_TO_INT (user_data))
    {
    case WHIP_NAME:
      result = g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
      break;
    case WHIP_CHAMBER:
      result = g_strcmp0 (x->chamber, y->chamber);
      break;
    case WHIP_DISTRICT:
      result = g_strcmp0 (x->state, y->state);
      if (result == 0)
        result = (x->district != NULL ? atoi (x->district) : 0) - (y->district != NULL ? atoi (y->district) : 0);
      break;
    case WHIP_PARTY:
      result = g_strcmp0 (x->party, y->party);
      break;
    case WHIP_POSITION:
      result = (int) x->position - (int) y->position;
      break;
    case WHIP_HEARD:
      result = g_strcmp0 (x->heard_at, y->heard_at);
      break;
    case WHIP_VISITS:
      result = (int) x->n_visits - (int) y->n_visits;
      break;
    default:
      g_assert_not_reached ();
    }
  return result != 0 ? result : g_strcmp0 (x->legislator_id, y->legislator_id);
}

static void
add_whip_column (CivicVisitsPage *self,
                 const char      *title,
                 WhipColumn       column,
                 gboolean         expand,
                 int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_whip_cb, GINT_TO_POINTER (column), NULL));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_whip_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_whip_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* See add_directory_column(): a fixed width spares measuring every cell. */
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->whip_view, view_column);
  g_object_unref (sorter);
  g_object_unref (view_column);
}

static void
whip_activated_cb (GtkColumnView   *view,
                   guint            position,
                   CivicVisitsPage *self)
{
  g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);
  CivicWhipRow *row = civic_visits_item_get_data (item);

  _civic_visits_page_show_legislator (self, row->legislator_id);
}

static void
print_whip_count_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *filters = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->whip_count == NULL)
    {
      _civic_visits_page_toast (self, _("Choose an issue or bill first"));
      return;
    }
  filters = describe_filters (self);
  _civic_visits_print_whip_count (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  self->whip_count, filters, NULL, &error);
  if (error != NULL)
    _civic_visits_page_error (self, error);
}

/* ---- Lobby days --------------------------------------------------------- */

static void
lobby_activated_cb (GtkListView     *view,
                    guint            position,
                    CivicVisitsPage *self)
{
  g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (self->lobby_store), position);
  JsonObject *event = civic_visits_item_get_data (item);

  _civic_visits_page_show_lobby_day (self, civic_legislative_get_string (event, "_id"));
}

static void
setup_lobby_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *when = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), when);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_lobby_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  JsonObject *event = civic_visits_item_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const char *starts = civic_legislative_get_string (event, "starts_at");
  g_autofree char *when = starts != NULL ? _civic_visits_page_format_instant (starts)
                                         : g_strdup (civic_legislative_get_string (event, "starts_on"));

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), civic_legislative_get_string (event, "title"));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), when != NULL ? when : "");
}

/* The newest lobby day first: the one being planned. */
static int
compare_lobby_days (gconstpointer a,
                    gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  const char *xs = civic_legislative_get_string (x, "starts_at");
  const char *ys = civic_legislative_get_string (y, "starts_at");

  return g_strcmp0 (ys != NULL ? ys : civic_legislative_get_string (y, "starts_on"),
                    xs != NULL ? xs : civic_legislative_get_string (x, "starts_on"));
}

void
_civic_visits_page_reload_lobby_days (CivicVisitsPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  /* A GtkListView makes rows only for what is on screen: a large
   * organization has a thousand lobby days.
   */
  for (guint i = 0; self->lobby_days != NULL && i < self->lobby_days->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->lobby_days, i));
  g_ptr_array_sort (sorted, compare_lobby_days);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (items, civic_visits_item_new (json_object_ref (g_ptr_array_index (sorted, i)),
                                                   (GDestroyNotify) json_object_unref));
  g_list_store_splice (self->lobby_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lobby_store)),
                       items->pdata, items->len);

  if (self->lobby_day_id != NULL)
    _civic_visits_page_show_lobby_day (self, self->lobby_day_id);
}

static gboolean
meeting_in_conflict (CivicLobbyDay *day,
                     const char    *visit_id,
                     const char    *volunteer_id)
{
  for (guint i = 0; i < day->conflicts->len; i++)
    {
      CivicLobbyConflict *conflict = g_ptr_array_index (day->conflicts, i);
      if ((volunteer_id == NULL || g_strcmp0 (conflict->volunteer_id, volunteer_id) == 0)
          && (g_strcmp0 (conflict->first_visit_id, visit_id) == 0 || g_strcmp0 (conflict->second_visit_id, visit_id) == 0))
        return TRUE;
    }
  return FALSE;
}

static char *
format_time (const char *instant)
{
  g_autoptr(GDateTime) utc = instant != NULL ? g_date_time_new_from_iso8601 (instant, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("—");
}

static void
meeting_activated_cb (AdwActionRow    *row,
                      CivicVisitsPage *self)
{
  _civic_visits_page_open_visit (self, g_object_get_data (G_OBJECT (row), "visit-id"));
}

static void
render_lobby_day (CivicVisitsPage *self)
{
  CivicLobbyDay *day = self->lobby_day;
  GtkWidget *child, *group;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lobby_content))) != NULL)
    gtk_box_remove (self->lobby_content, child);
  gtk_label_set_text (self->lobby_title, day->title != NULL ? day->title : "");

  if (day->conflicts->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *label;

      for (guint i = 0; i < day->conflicts->len; i++)
        {
          CivicLobbyConflict *conflict = g_ptr_array_index (day->conflicts, i);
          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: %s is a volunteer's name. */
          g_string_append_printf (text, _("%s is booked in two meetings at once"),
                                  conflict->volunteer_name != NULL ? conflict->volunteer_name : conflict->volunteer_id);
        }
      label = gtk_label_new (text->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->lobby_content, label);
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Schedule"));
  if (day->meetings->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("No meeting is planned yet."));
  for (guint i = 0; i < day->meetings->len; i++)
    {
      CivicLobbyMeeting *meeting = g_ptr_array_index (day->meetings, i);
      g_autofree char *starts = format_time (meeting->starts_at);
      g_autofree char *ends = format_time (meeting->ends_at);
      g_autofree char *title = g_strdup_printf ("%s–%s  %s", starts, ends,
                                                meeting->legislator_name != NULL ? meeting->legislator_name : "");
      g_autoptr(GString) subtitle = g_string_new (meeting->room != NULL ? meeting->room : "");
      GtkWidget *row = adw_expander_row_new ();

      if (meeting->met_with != NULL)
        {
          /* The staffer's name, else "member" or "staff", which read better translated. */
          const char *met = g_str_equal (meeting->met_with, "member") || g_str_equal (meeting->met_with, "staff")
                            ? civic_visit_met_with_get_label (meeting->met_with) : meeting->met_with;
          g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", met);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      if (meeting_in_conflict (day, meeting->visit_id, NULL))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "error");
          gtk_widget_set_tooltip_text (icon, _("Someone on this team is booked in another meeting at the same time"));
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
        }

      for (guint j = 0; j < meeting->team->len; j++)
        {
          CivicLobbyAttendee *attendee = g_ptr_array_index (meeting->team, j);
          GtkWidget *person = adw_action_row_new ();
          g_autoptr(GString) role = g_string_new (attendee->role != NULL
                                                  ? civic_visit_attendee_role_get_label (attendee->role) : "");

          if (attendee->constituent)
            g_string_append_printf (role, "%s%s", role->len > 0 ? " · " : "", _("Constituent"));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (person),
                                         attendee->name != NULL ? attendee->name : attendee->volunteer_id);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (person), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (person), role->str);
          if (meeting_in_conflict (day, meeting->visit_id, attendee->volunteer_id))
            {
              GtkWidget *label = gtk_label_new (_("Double-booked"));
              gtk_widget_add_css_class (label, "error");
              adw_action_row_add_suffix (ADW_ACTION_ROW (person), label);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), person);
        }
      {
        GtkWidget *open = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (open), _("Open the visit"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (open), gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (open), TRUE);
        g_object_set_data_full (G_OBJECT (open), "visit-id", g_strdup (meeting->visit_id), g_free);
        g_signal_connect_object (open, "activated", G_CALLBACK (meeting_activated_cb), self, 0);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), open);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->lobby_content, group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Teams"));
  for (guint i = 0; i < day->teams->len; i++)
    {
      CivicLobbyTeam *team = g_ptr_array_index (day->teams, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: %u is a number of meetings. */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings",
                                                                team->meetings->len), team->meetings->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), team->name != NULL ? team->name : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->lobby_content, group);
}

static void
lobby_day_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  GError *error = NULL;
  CivicLobbyDay *day = civic_lobby_day_load (store, task_data, &error);

  if (day == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, day, (GDestroyNotify) civic_lobby_day_free);
}

static void
lobby_day_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CivicLobbyDay *day = g_task_propagate_pointer (G_TASK (result), &error);

  if (day == NULL)
    {
      _civic_visits_page_error (self, error);
      return;
    }
  if (g_strcmp0 (day->event_id, self->lobby_day_id) != 0)
    {
      civic_lobby_day_free (day);
      return;
    }
  g_clear_pointer (&self->lobby_day, civic_lobby_day_free);
  self->lobby_day = day;
  render_lobby_day (self);
  g_signal_emit_by_name (self, "loaded");
}

void
_civic_visits_page_show_lobby_day (CivicVisitsPage *self,
                                   const char      *event_id)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || event_id == NULL)
    return;
  if (g_strcmp0 (self->lobby_day_id, event_id) != 0)
    {
      g_free (self->lobby_day_id);
      self->lobby_day_id = g_strdup (event_id);
    }
  adw_leaflet_set_visible_child (self->lobby_leaflet, self->lobby_day_box);
  task = g_task_new (NULL, self->cancellable, lobby_day_loaded_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (event_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, lobby_day_thread);
}

static void
lobby_back_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);

  adw_leaflet_set_visible_child (self->lobby_leaflet, self->lobby_list_page);
}

static void
new_lobby_visit_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "visits.new-visit", NULL);
}

static void
print_agendas_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->lobby_day == NULL)
    return;
  _civic_visits_print_agendas (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->lobby_day, NULL, &error);
  if (error != NULL)
    _civic_visits_page_error (self, error);
}

/* ---- Setup -------------------------------------------------------------- */

void
_civic_visits_page_class_init_tabs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "visits.toggle-follow-up", NULL, toggle_follow_up_action);
  gtk_widget_class_install_action (widget_class, "visits.export-follow-ups", NULL, export_follow_ups_action);
  gtk_widget_class_install_action (widget_class, "visits.export-whip-count", NULL, export_whip_count_action);
  gtk_widget_class_install_action (widget_class, "visits.print-whip-count", NULL, print_whip_count_action);
  gtk_widget_class_install_action (widget_class, "visits.lobby-back", NULL, lobby_back_action);
  gtk_widget_class_install_action (widget_class, "visits.new-lobby-visit", NULL, new_lobby_visit_action);
  gtk_widget_class_install_action (widget_class, "visits.print-agendas", NULL, print_agendas_action);
}

void
_civic_visits_page_init_tabs (CivicVisitsPage *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkNoSelection *selection;
  GtkStringList *chambers = gtk_string_list_new (NULL);
  const char * const *chamber_ids = civic_legislator_chamber_list ();
  GtkWidget *bar = gtk_drawing_area_new ();

  /* Follow-ups. */
  self->follow_ups_store = g_list_store_new (CIVIC_TYPE_VISITS_ITEM);
  self->follow_ups_filter = gtk_custom_filter_new (follow_up_filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->follow_ups_store)),
                                        GTK_FILTER (g_object_ref (self->follow_ups_filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_column_view_set_model (self->follow_ups_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_follow_up_column (self, _("Done"), FOLLOW_UP_DONE, FALSE, 48);
  add_follow_up_column (self, _("Task"), FOLLOW_UP_TASK, TRUE, 240);
  add_follow_up_column (self, _("Owner"), FOLLOW_UP_OWNER, FALSE, 125);
  add_follow_up_column (self, _("Legislator"), FOLLOW_UP_LEGISLATOR, FALSE, 160);
  add_follow_up_column (self, _("Visit"), FOLLOW_UP_VISIT, FALSE, 160);
  add_follow_up_column (self, _("Due"), FOLLOW_UP_DUE, FALSE, 100);
  add_follow_up_column (self, _("State"), FOLLOW_UP_STATE, FALSE, 90);
  g_signal_connect_object (self->follow_up_filter, "notify::selected", G_CALLBACK (follow_up_filter_changed_cb), self, 0);

  /* Whip count. */
  self->whip_store = g_list_store_new (CIVIC_TYPE_VISITS_ITEM);
  add_whip_column (self, _("Name"), WHIP_NAME, TRUE, 200);
  add_whip_column (self, _("Chamber"), WHIP_CHAMBER, FALSE, 150);
  add_whip_column (self, _("State/District"), WHIP_DISTRICT, FALSE, 120);
  add_whip_column (self, _("Party"), WHIP_PARTY, FALSE, 120);
  add_whip_column (self, _("Position"), WHIP_POSITION, FALSE, 150);
  add_whip_column (self, _("Heard"), WHIP_HEARD, FALSE, 150);
  add_whip_column (self, _("Visits"), WHIP_VISITS, FALSE, 70);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->whip_store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->whip_view)));
  _civic_visits_page_init_staging (&self->whip_staging, GTK_WIDGET (self->whip_view), G_LIST_MODEL (sorted));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->whip_staging.slice)));
  gtk_column_view_set_model (self->whip_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_set_single_click_activate (self->whip_view, TRUE);
  g_signal_connect_object (self->whip_view, "activate", G_CALLBACK (whip_activated_cb), self, 0);

  gtk_string_list_append (chambers, _("Any chamber"));
  for (guint i = 0; chamber_ids[i] != NULL; i++)
    gtk_string_list_append (chambers, civic_legislator_chamber_get_label (chamber_ids[i]));
  gtk_drop_down_set_model (self->whip_chamber_drop, G_LIST_MODEL (chambers));
  g_object_unref (chambers);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_whip_bar, self, NULL);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_size_request (bar, -1, 20);
  gtk_box_append (self->whip_bar, bar);
  g_signal_connect_object (self->whip_topic_drop, "notify::selected", G_CALLBACK (whip_filter_changed_cb), self, 0);
  g_signal_connect_object (self->whip_chamber_drop, "notify::selected", G_CALLBACK (whip_filter_changed_cb), self, 0);
  g_signal_connect_object (self->whip_unvisited_check, "notify::active", G_CALLBACK (whip_filter_changed_cb), self, 0);
  g_signal_connect_object (self->whip_state_entry, "changed", G_CALLBACK (whip_state_changed_cb), self, 0);

  /* Lobby days. */
  self->lobby_store = g_list_store_new (CIVIC_TYPE_VISITS_ITEM);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    g_signal_connect (factory, "setup", G_CALLBACK (setup_lobby_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_lobby_cb), NULL);
    gtk_list_view_set_factory (self->lobby_list, factory);
    g_object_unref (factory);
    selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->lobby_store)));
    gtk_list_view_set_model (self->lobby_list, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  g_signal_connect_object (self->lobby_list, "activate", G_CALLBACK (lobby_activated_cb), self, 0);
}

/* ---- For tests ---------------------------------------------------------- */

GListModel *
_civic_visits_page_get_follow_ups (CivicVisitsPage *self)
{
  return G_LIST_MODEL (gtk_column_view_get_model (self->follow_ups_view));
}

CivicWhipCount *
_civic_visits_page_get_whip_count (CivicVisitsPage *self)
{
  return self->whip_count;
}

void
_civic_visits_page_set_follow_up_filter (CivicVisitsPage *self,
                                         guint            which)
{
  gtk_drop_down_set_selected (self->follow_up_filter, which);
}

CivicLobbyDay *
_civic_visits_page_get_lobby_day (CivicVisitsPage *self)
{
  return self->lobby_day;
}
