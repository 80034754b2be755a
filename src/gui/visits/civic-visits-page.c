/* civic-visits-page.c — the Visits page: legislators, their pages, visits and the overdue badge
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page has four views (Legislators, Follow-ups, Whip Count, Lobby
 * Days) in its own view stack.  It reads nothing until it is first shown
 * (see "Loading the page's lists" below for the order).  Everything it
 * shows comes from worker threads or from the CivicVisitIndex, which loads
 * off the main thread (from its copy in the store file: milliseconds) and
 * then follows the store; the whip count, the directory's position and
 * last-visit columns and the overdue badge are computed from the index in
 * about a millisecond.  Store changes reload the lists they touch
 * (legislators, campaigns, lobby days, volunteers' names, follow-ups)
 * after a short pause so that a burst of writes (a sync) costs one reload.
 *
 * This file holds the page itself, the directory and the legislator page;
 * civic-visits-page-tabs.c the other three views; civic-visits-print.c
 * the printed whip count and team agendas.
 */

#define G_LOG_DOMAIN "civic-visits-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-file-chooser.h"
#include "civic-legislative.h"
#include "civic-legislator.h"
#include "civic-legislator-editor.h"
#include "civic-legislator-import.h"
#include "civic-record.h"
#include "civic-text.h"
#include "civic-visit-editor.h"
#include "civic-visits-item.h"
#include "civic-visits-page-private.h"
#include "civic-window.h"

G_DEFINE_FINAL_TYPE (CivicVisitsPage, civic_visits_page, ADW_TYPE_BIN)


enum {
  PROP_0,
  PROP_STORE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RELOAD_DELAY_MS 150
/* After the index loaded: about the time the first frames take. */
#define BACKGROUND_DELAY_MS 250

typedef enum {
  COLUMN_NAME,
  COLUMN_CHAMBER,
  COLUMN_DISTRICT,
  COLUMN_PARTY,
  COLUMN_LAST_VISIT,
  COLUMN_POSITION,
} DirectoryColumn;

static void reload_lists          (CivicVisitsPage *self);
static void search_action         (GtkWidget       *widget,
                                   const char      *action_name,
                                   GVariant        *parameter);
static void rebuild_directory     (CivicVisitsPage *self);
static void load_legislator_page  (CivicVisitsPage *self);

/* ---- Shared helpers ----------------------------------------------------- */

static void
directory_row_free (CivicDirectoryRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->cells); i++)
    if (row->cells[i] != NULL)
      g_object_remove_weak_pointer (G_OBJECT (row->cells[i]), (gpointer *) &row->cells[i]);
  g_clear_pointer (&row->doc, json_object_unref);
  g_free (row->id);
  g_free (row->name);
  g_free (row->chamber);
  g_free (row->state);
  g_free (row->district);
  g_free (row->party);
  g_free (row->last_visit);
  g_free (row->heard_at);
  g_free (row->folded);
  g_free (row);
}

void
_civic_visits_page_toast (CivicVisitsPage *self,
                          const char      *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (window != NULL)
    civic_window_add_toast (CIVIC_WINDOW (window), adw_toast_new (message));
  else
    g_message ("%s", message);
}

void
_civic_visits_page_error (CivicVisitsPage *self,
                          const GError    *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (window != NULL)
    civic_window_show_error (CIVIC_WINDOW (window), error);
  else
    g_message ("%s", error->message);
}

/* A coloured chip naming a position.  The colours come from the domain
 * (civic_visit_position_get_color) through one CSS class per position,
 * installed once for the display.
 */
GtkWidget *
_civic_visits_page_position_chip (CivicPosition position)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "civic-position-chip");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  _civic_visits_page_set_position_chip (label, position);
  return label;
}

/* Makes @chip (from _civic_visits_page_position_chip()) show @position.
 * The list cells keep one chip each and change it on every bind, which
 * costs far less than a new widget each time.
 */
void
_civic_visits_page_set_position_chip (GtkWidget     *chip,
                                      CivicPosition  position)
{
  static GQuark class_quark;
  const char *old_class;
  g_autofree char *klass = g_strdup_printf ("civic-position-%s", civic_position_to_string (position));

  if (class_quark == 0)
    class_quark = g_quark_from_static_string ("civic-position-class");
  old_class = g_object_get_qdata (G_OBJECT (chip), class_quark);
  if (g_strcmp0 (old_class, klass) == 0)
    return;
  if (old_class != NULL)
    gtk_widget_remove_css_class (chip, old_class);
  gtk_widget_add_css_class (chip, klass);
  gtk_label_set_text (GTK_LABEL (chip), civic_position_get_label (position));
  g_object_set_qdata_full (G_OBJECT (chip), class_quark, g_steal_pointer (&klass), g_free);
}

static void
install_position_css (void)
{
  static gboolean installed = FALSE;
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (installed || display == NULL)
    return;
  installed = TRUE;

  for (guint i = 0; i < CIVIC_POSITION_N; i++)
    {
      const char *id = civic_position_to_string (i);
      g_string_append_printf (css, ".civic-position-%s { background-color: %s; color: white; }\n",
                              id, civic_visit_position_get_color (id));
    }
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

char *
_civic_visits_page_format_instant (const char *instant)
{
  g_autoptr(GDateTime) utc = instant != NULL ? g_date_time_new_from_iso8601 (instant, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (instant != NULL ? instant : "");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time in tables, see g_date_time_format(). */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static char *
format_date (const char *instant)
{
  g_autoptr(GDateTime) utc = instant != NULL ? g_date_time_new_from_iso8601 (instant, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* ---- Rows past the screen ---------------------------------------------- */

/* GTK 4.8's column views make, style, measure and lay out a widget per
 * cell for every row up to two hundred, on screen or not, before the
 * first frame that shows any of them.  When a table fills from empty, it
 * therefore sees only the rows that its height can show (through a
 * GtkSliceListModel) until a frame has drawn them; the others follow in
 * an idle moment after that frame, or after the first frame that shows
 * the table, if it is hidden.  The models behind the slice (counts,
 * filters, tests) always have every row.
 */

void
_civic_visits_page_init_staging (CivicRowStaging *staging,
                                 GtkWidget       *view,
                                 GListModel      *model)
{
  staging->view = view;
  staging->slice = gtk_slice_list_model_new (model, 0, G_MAXUINT);
  /* A table that leaves its window waits for no frame of it. */
  g_signal_connect_swapped (view, "unrealize", G_CALLBACK (_civic_visits_page_clear_staging), staging);
}

guint
_civic_visits_page_rows_on_screen (GtkWidget *view)
{
  GtkWidget *allocated = view;
  int height, width;

  /* The table's own height, or, before it was ever shown, that of the
   * nearest container that was, less what the vertical boxes on the way
   * down give the table's neighbours: at least their minimum height for
   * that container's width (no narrower than theirs, so no taller).
   */
  while (allocated != NULL && gtk_widget_get_height (allocated) <= 0)
    allocated = gtk_widget_get_parent (allocated);
  if (allocated == NULL)
    return G_MAXUINT;
  height = gtk_widget_get_height (allocated);
  width = gtk_widget_get_width (allocated);
  for (GtkWidget *widget = view; widget != allocated; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (!GTK_IS_BOX (parent) || gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) != GTK_ORIENTATION_VERTICAL)
        continue;
      for (GtkWidget *other = gtk_widget_get_first_child (parent); other != NULL;
           other = gtk_widget_get_next_sibling (other))
        {
          int minimum;

          if (other == widget || !gtk_widget_get_visible (other))
            continue;
          gtk_widget_measure (other, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
          height -= minimum + gtk_box_get_spacing (GTK_BOX (parent));
        }
    }

  /* Both staged tables have a chip column, and every one of their rows is
   * a chip cell's height and the cells' padding (2 pixels above and below
   * in a "data-table"): this leaves out only the row separators, and
   * counts the header as a row, on the safe side.
   */
  return MAX (height, 0) / MAX (civic_text_cell_get_pill_height (view) + 4, 1) + 1;
}

static void
disconnect_clock (CivicRowStaging *staging)
{
  /* A clock disposed with its window has dropped its handlers already. */
  if (staging->clock != NULL && staging->after_paint_id != 0
      && g_signal_handler_is_connected (staging->clock, staging->after_paint_id))
    g_signal_handler_disconnect (staging->clock, staging->after_paint_id);
  staging->after_paint_id = 0;
  g_clear_object (&staging->clock);
}

static void staged_frame_cb (GdkFrameClock   *clock,
                             CivicRowStaging *staging);

static void
wait_for_frame (CivicRowStaging *staging,
                GdkFrameClock   *clock)
{
  if (staging->clock == clock)
    return;
  disconnect_clock (staging);
  g_set_object (&staging->clock, clock);
  staging->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (staged_frame_cb), staging);
}

static gboolean
release_rows_cb (gpointer data)
{
  CivicRowStaging *staging = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (staging->view);

  staging->idle_id = 0;
  /* Hidden since its frame (another view came up at once): the rest of
   * its rows would only compete with that view's first frame.
   */
  if (!gtk_widget_get_mapped (staging->view) && clock != NULL)
    {
      wait_for_frame (staging, clock);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (staging->slice, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
staged_frame_cb (GdkFrameClock   *clock,
                 CivicRowStaging *staging)
{
  /* A frame that did not show the table (hidden in its view stack) does
   * not count.
   */
  if (!gtk_widget_get_mapped (staging->view))
    return;
  disconnect_clock (staging);
  if (staging->idle_id == 0)
    staging->idle_id = g_idle_add (release_rows_cb, staging);
}

void
_civic_visits_page_stage_rows (CivicRowStaging *staging)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (staging->view);
  guint rows;

  /* Only a table that shows nothing yet: one that has rows keeps them
   * all, and its scrolling with them.  Without a window there is no frame
   * to wait for.
   */
  if (clock == NULL || g_list_model_get_n_items (G_LIST_MODEL (staging->slice)) > 0)
    return;
  rows = _civic_visits_page_rows_on_screen (staging->view);
  if (rows == G_MAXUINT)
    return;

  g_clear_handle_id (&staging->idle_id, g_source_remove);
  wait_for_frame (staging, clock);
  gtk_slice_list_model_set_size (staging->slice, rows);
}

/* Stops waiting; the slice (if still there) shows every row. */
void
_civic_visits_page_clear_staging (CivicRowStaging *staging)
{
  disconnect_clock (staging);
  g_clear_handle_id (&staging->idle_id, g_source_remove);
  if (staging->slice != NULL)
    gtk_slice_list_model_set_size (staging->slice, G_MAXUINT);
}

static const char *
chamber_label (const char *chamber)
{
  return chamber != NULL ? civic_legislator_chamber_get_label (chamber) : "";
}

/* ---- Loading the page's lists ------------------------------------------- */

/* The page reads nothing until it is first shown: an application that
 * starts on another page pays neither the reads nor the memory.  Then, in
 * order of what the eye needs first:
 *
 *   1. LISTS_FIRST: legislators, campaigns and offices (a few hundred small
 *      documents, a few milliseconds): the directory's rows.
 *   2. The CivicVisitIndex, at the same time (a few milliseconds from its
 *      stored copy): the whip count, the position and last-visit columns,
 *      the topics and the overdue badge.
 *   3. Then, one after the other so as not to compete with the first two
 *      or with each other: LISTS_EXTRAS (the volunteers' names and the lobby
 *      days, for the editor and the Lobby Days view), the volunteer search
 *      (the editor's attendee picker) and the follow-ups list.  The one a
 *      view on screen is waiting for goes first.
 */
typedef enum {
  LISTS_FIRST,
  LISTS_EXTRAS,
} ListsKind;

typedef struct {
  ListsKind   kind;
  guint       generation;
  GPtrArray  *legislators;
  GPtrArray  *campaigns;
  GPtrArray  *lobby_days;
  GPtrArray  *offices;
  GHashTable *volunteer_names;
} ListsData;

static void
lists_data_free (ListsData *data)
{
  g_clear_pointer (&data->legislators, g_ptr_array_unref);
  g_clear_pointer (&data->campaigns, g_ptr_array_unref);
  g_clear_pointer (&data->lobby_days, g_ptr_array_unref);
  g_clear_pointer (&data->offices, g_ptr_array_unref);
  g_clear_pointer (&data->volunteer_names, g_hash_table_unref);
  g_free (data);
}

/* The campaign running today, else the latest that started, else any. */
static JsonObject *
current_campaign (GPtrArray  *campaigns,
                  const char *today)
{
  JsonObject *best = NULL;

  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      JsonObject *campaign = g_ptr_array_index (campaigns, i);
      const char *starts = civic_legislative_get_string (campaign, "starts_on");
      const char *ends = civic_legislative_get_string (campaign, "ends_on");

      if (starts != NULL && g_strcmp0 (starts, today) <= 0 && (ends == NULL || g_strcmp0 (today, ends) <= 0))
        return campaign;
      if (starts != NULL && g_strcmp0 (starts, today) <= 0
          && (best == NULL || g_strcmp0 (starts, civic_legislative_get_string (best, "starts_on")) > 0))
        best = campaign;
    }
  if (best == NULL && campaigns != NULL && campaigns->len > 0)
    best = g_ptr_array_index (campaigns, campaigns->len - 1);
  return best;
}

static void
load_lists_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ListsData *data = task_data;
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  GError *error = NULL;

  if (data->kind == LISTS_FIRST)
    {
      if ((data->legislators = civic_store_list (store, "legislator", &error)) == NULL
          || (data->campaigns = civic_store_list (store, "campaign", &error)) == NULL
          || (data->offices = civic_store_list (store, "office", &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      g_autoptr(GPtrArray) volunteers = NULL;

      if ((data->lobby_days = civic_store_list_by_ref (store, "event", CIVIC_STORE_REF_1,
                                                       "legislative_visit", &error)) == NULL
          || (volunteers = civic_store_list (store, "volunteer", &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      data->volunteer_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < volunteers->len; i++)
        {
          JsonObject *volunteer = g_ptr_array_index (volunteers, i);
          char *name = civic_legislative_volunteer_name (volunteer);
          if (name != NULL)
            g_hash_table_insert (data->volunteer_names,
                                 g_strdup (civic_legislative_get_string (volunteer, "_id")), name);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void continue_background (CivicVisitsPage *self);

static void
lists_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  ListsData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* A cancelled task (the page went away, or the store changed) reports
   * G_IO_ERROR_CANCELLED, which the error handler ignores.
   */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _civic_visits_page_error (self, error);
      return;
    }
  if (self->disposed || data->generation != self->lists_generation[data->kind])
    return;

  if (data->kind == LISTS_FIRST)
    {
      g_clear_pointer (&self->legislator_docs, g_ptr_array_unref);
      g_clear_pointer (&self->campaigns, g_ptr_array_unref);
      g_clear_pointer (&self->offices, g_ptr_array_unref);
      self->legislator_docs = g_steal_pointer (&data->legislators);
      self->legislators_serial++;
      self->campaigns = g_steal_pointer (&data->campaigns);
      self->offices = g_steal_pointer (&data->offices);
      rebuild_directory (self);
      if (self->legislator_id != NULL)
        load_legislator_page (self);
    }
  else
    {
      g_clear_pointer (&self->lobby_days, g_ptr_array_unref);
      g_clear_pointer (&self->volunteer_names, g_hash_table_unref);
      self->lobby_days = g_steal_pointer (&data->lobby_days);
      self->volunteer_names = g_steal_pointer (&data->volunteer_names);
      _civic_visits_page_reload_lobby_days (self);
      continue_background (self);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
start_lists_load (CivicVisitsPage *self,
                  ListsKind        kind)
{
  /* Here and in the page's other tasks the page rides in the callback's
   * data, not as the task's source object: a task may be freed in its
   * worker thread, and the page's last reference (once its window is
   * gone) must be dropped in the main thread, where the callback runs.
   */
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, lists_loaded_cb, g_object_ref (self));
  ListsData *data = g_new0 (ListsData, 1);

  data->kind = kind;
  data->generation = ++self->lists_generation[kind];
  g_task_set_source_tag (task, start_lists_load);
  g_task_set_task_data (task, data, (GDestroyNotify) lists_data_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_lists_thread);
}

static gboolean
background_timeout_cb (gpointer data)
{
  CivicVisitsPage *self = data;

  self->background_id = 0;
  self->index_done = TRUE;
  /* The whip count's rows, ready before its view is opened. */
  _civic_visits_page_whip_count_shown (self);
  continue_background (self);
  return G_SOURCE_REMOVE;
}

/* The index's load (the page's, or the badge's) ended, well or not. */
static void
index_ready (CivicVisitsPage *self)
{
  /* The rest waits for the index and for the first frame that shows it,
   * so as not to compete with either for the two cores.
   */
  if (!self->disposed && self->started && !self->index_done && self->background_id == 0)
    self->background_id = g_timeout_add (BACKGROUND_DELAY_MS, background_timeout_cb, self);
}

static void
index_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!civic_visit_index_load_finish (CIVIC_VISIT_INDEX (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _civic_visits_page_error (self, error);
    }
  if (CIVIC_VISIT_INDEX (source) == self->index)
    index_ready (self);
}

static void
search_built_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CivicVolunteerSearch *search = civic_volunteer_search_new_from_store_finish (result, &error);

  if (search == NULL)
    {
      _civic_visits_page_error (self, error);
      return;
    }
  if (self->disposed)
    {
      g_object_unref (search);
      return;
    }
  g_clear_object (&self->search);
  self->search = search;
  continue_background (self);
}

/* Starts the next of the background loads (3. above), if none is running;
 * each one's completion calls this again.
 */
static void
continue_background (CivicVisitsPage *self)
{
  const char *visible;
  gboolean wants_follow_ups;

  if (self->disposed || self->store == NULL || !self->started || !self->index_done)
    return;

  visible = adw_view_stack_get_visible_child_name (self->view_stack);
  wants_follow_ups = g_strcmp0 (visible, "follow-ups") == 0
                     || (g_strcmp0 (visible, "legislators") == 0
                         && adw_leaflet_get_visible_child (self->directory_leaflet) == self->legislator_box);

  if (wants_follow_ups && !self->follow_ups_started)
    {
      self->follow_ups_started = TRUE;
      _civic_visits_page_reload_follow_ups (self);
    }
  else if (!self->extras_started)
    {
      self->extras_started = TRUE;
      start_lists_load (self, LISTS_EXTRAS);
    }
  else if (!self->search_started && self->volunteer_names != NULL)
    {
      self->search_started = TRUE;
      civic_volunteer_search_new_from_store_async (self->store, self->cancellable, search_built_cb,
                                                   g_object_ref (self));
    }
  else if (!self->follow_ups_started && self->search != NULL)
    {
      self->follow_ups_started = TRUE;
      _civic_visits_page_reload_follow_ups (self);
    }
}

void
_civic_visits_page_view_changed (CivicVisitsPage *self)
{
  if (self->disposed)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "whip-count") == 0)
    _civic_visits_page_whip_count_shown (self);
  /* A view that shows the follow-ups jumps the queue. */
  continue_background (self);
}

static void index_changed_cb (CivicVisitIndex *index,
                              CivicVisitsPage *self);

/* The first load for the store, when the page is first shown. */
static void
start_loading (CivicVisitsPage *self)
{
  if (self->disposed || self->store == NULL || self->started)
    return;

  self->started = TRUE;
  start_lists_load (self, LISTS_FIRST);
  /* The badge's load, if there was one, serves the page too: a second
   * would read the same and make the page rebuild everything twice.
   */
  if (!self->badge_started)
    civic_visit_index_load_async (self->index, self->cancellable, index_loaded_cb, g_object_ref (self));
  else if (civic_visit_index_get_loaded (self->index))
    index_ready (self);
}

static void
badge_index_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The index's "changed" has updated the badge already. */
  if (!civic_visit_index_load_finish (CIVIC_VISIT_INDEX (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _civic_visits_page_error (self, error);
      /* The page, when shown, tries again. */
      if (CIVIC_VISIT_INDEX (source) == self->index && !self->started)
        self->badge_started = FALSE;
    }
  if (CIVIC_VISIT_INDEX (source) == self->index)
    index_ready (self);
}

/* A hidden page in the window still owes the page switcher its overdue
 * badge: it reads the visit index alone (from its stored copy, a few
 * milliseconds), and the rest waits until the page is shown.
 */
static void
start_loading_badge (CivicVisitsPage *self)
{
  if (self->disposed || self->store == NULL || self->started || self->badge_started
      || gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK) == NULL)
    return;

  self->badge_started = TRUE;
  civic_visit_index_load_async (self->index, self->cancellable, badge_index_loaded_cb, g_object_ref (self));
}

/* What changed in the store since the last reload, by what it affects. */
enum {
  DIRTY_FIRST      = 1 << 0,
  DIRTY_EXTRAS     = 1 << 1,
  DIRTY_FOLLOW_UPS = 1 << 2,
};

/* Reloads what the writes since the last reload touched; the index
 * follows the store by itself.
 */
static void
reload_lists (CivicVisitsPage *self)
{
  guint dirty = self->dirty;

  self->dirty = 0;
  if (self->store == NULL || !self->started)
    return;
  if (dirty & DIRTY_FIRST)
    start_lists_load (self, LISTS_FIRST);
  if ((dirty & DIRTY_EXTRAS) && self->extras_started)
    start_lists_load (self, LISTS_EXTRAS);
  if ((dirty & DIRTY_FOLLOW_UPS) && self->follow_ups_started)
    _civic_visits_page_reload_follow_ups (self);
  continue_background (self);
}

/* ---- Position pills ------------------------------------------------------ */

void
_civic_visits_page_show_position (CivicTextCell *cell,
                                  CivicPosition  position,
                                  gboolean       shown)
{
  static GdkRGBA colors[CIVIC_POSITION_N];
  static gboolean parsed[CIVIC_POSITION_N];

  if (position >= CIVIC_POSITION_N)
    position = CIVIC_POSITION_UNKNOWN;
  if (!parsed[position])
    {
      if (!gdk_rgba_parse (&colors[position], civic_visit_position_get_color (civic_position_to_string (position))))
        colors[position] = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
      parsed[position] = TRUE;
    }
  civic_text_cell_set_fill (cell, &colors[position]);
  civic_text_cell_set_text (cell, shown ? civic_position_get_label (position) : "");
}

/* ---- Overdue badge ------------------------------------------------------ */

static void
update_badge (CivicVisitsPage *self)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  GtkWidget *child = GTK_WIDGET (self);
  guint overdue = self->index != NULL && civic_visit_index_get_loaded (self->index)
                  ? civic_visit_index_count_overdue (self->index, NULL) : 0;

  self->overdue = overdue;
  adw_view_stack_page_set_badge_number (self->follow_ups_page, overdue);
  adw_view_stack_page_set_needs_attention (self->follow_ups_page, overdue > 0);

  /* The window's own page for us, so the count shows from any page.  The
   * window's stack holds a stand-in that builds us when first needed
   * (CivicLazyPage): its page is the one to badge.
   */
  if (stack == NULL)
    return;
  while (gtk_widget_get_parent (child) != stack)
    child = gtk_widget_get_parent (child);
  {
    AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), child);

    if (page != NULL)
      {
        adw_view_stack_page_set_badge_number (page, overdue);
        adw_view_stack_page_set_needs_attention (page, overdue > 0);
      }
  }
}

static void
index_changed_cb (CivicVisitIndex *index,
                  CivicVisitsPage *self)
{
  update_badge (self);
  _civic_visits_page_update_topics (self);
  rebuild_directory (self);
  _civic_visits_page_update_whip_count (self);
}

static gboolean
reload_timeout_cb (gpointer data)
{
  CivicVisitsPage *self = data;

  self->reload_id = 0;
  reload_lists (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CivicStore         *store,
                  const char * const *ids,
                  const char * const *types,
                  CivicVisitsPage    *self)
{
  guint dirty = 0;

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      const char *type = types[i];

      if (g_str_equal (type, "legislator") || g_str_equal (type, "campaign") || g_str_equal (type, "office"))
        dirty |= DIRTY_FIRST;
      if (g_str_equal (type, "event") || g_str_equal (type, "volunteer"))
        dirty |= DIRTY_EXTRAS;
      /* The follow-ups name their visit, legislator and owner. */
      if (g_str_equal (type, "visit") || g_str_equal (type, "legislator") || g_str_equal (type, "volunteer"))
        dirty |= DIRTY_FOLLOW_UPS;
    }
  if (dirty == 0)
    return;

  /* A few volunteers are read again here; a bulk write (sample data, a
   * sync) rebuilds the search in a thread instead.
   */
  if (self->search != NULL && (dirty & DIRTY_EXTRAS))
    {
      if (ids != NULL && g_strv_length ((char **) ids) > 64)
        {
          g_clear_object (&self->search);
          self->search_started = FALSE;
        }
      else
        civic_volunteer_search_apply_changes (self->search, store, ids, NULL);
    }

  /* Before the first load there is nothing to bring up to date. */
  if (!self->started)
    return;

  self->dirty |= dirty;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* ---- Directory ---------------------------------------------------------- */

static gboolean
directory_filter_func (gpointer item,
                       gpointer user_data)
{
  CivicVisitsPage *self = user_data;
  CivicDirectoryRow *row = civic_visits_item_get_data (item);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->filter_chamber != NULL && g_strcmp0 (row->chamber, self->filter_chamber) != 0)
    return FALSE;
  if (self->filter_state != NULL && g_ascii_strcasecmp (row->state != NULL ? row->state : "", self->filter_state) != 0)
    return FALSE;
  if (self->filter_party != NULL && g_strcmp0 (row->party, self->filter_party) != 0)
    return FALSE;
  if (self->filter_visited == 1 && !row->visited_campaign)
    return FALSE;
  if (self->filter_visited == 2 && row->last_visit != NULL)
    return FALSE;
  if (text != NULL && *text != '\0')
    {
      g_autofree char *folded = civic_text_fold (text);
      if (strstr (row->folded, folded) == NULL)
        return FALSE;
    }
  return TRUE;
}

static const char *
selected_issue (CivicVisitsPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->issue_drop);
  guint selected = gtk_drop_down_get_selected (self->issue_drop);

  /* Position 0 is "No issue". */
  if (item == NULL || selected == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static void
update_directory_count (CivicVisitsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->directory_filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->directory_store));
  g_autofree char *text = g_strdup_printf (_("%u of %u"), shown, total);

  gtk_label_set_text (self->directory_count, text);
  gtk_stack_set_visible_child_name (self->directory_stack, total > 0 ? "table" : "empty");
}

static void bind_directory_cell (CivicDirectoryRow *row,
                                 DirectoryColumn    column,
                                 GtkWidget         *child);

/* What the index says of one legislator, into @row; TRUE if that changed
 * what the row shows.
 */
static gboolean
set_row_visits (CivicDirectoryRow *row,
                CivicVisitsPage   *self,
                gboolean           visits_known,
                GHashTable        *positions)
{
  const char *last_visit = self->last_visits != NULL ? g_hash_table_lookup (self->last_visits, row->id) : NULL;
  CivicWhipRow *whip = g_hash_table_lookup (positions, row->id);
  CivicPosition position = whip != NULL ? whip->position : CIVIC_POSITION_UNKNOWN;
  const char *heard_at = whip != NULL ? whip->heard_at : NULL;
  gboolean changed = row->visits_known != visits_known
                     || g_strcmp0 (row->last_visit, last_visit) != 0
                     || row->position != position
                     || g_strcmp0 (row->heard_at, heard_at) != 0;

  row->visits_known = visits_known;
  row->visited_campaign = self->campaign_visited != NULL && g_hash_table_contains (self->campaign_visited, row->id);
  row->position = position;
  if (g_strcmp0 (row->last_visit, last_visit) != 0)
    {
      g_free (row->last_visit);
      row->last_visit = g_strdup (last_visit);
    }
  if (g_strcmp0 (row->heard_at, heard_at) != 0)
    {
      g_free (row->heard_at);
      row->heard_at = g_strdup (heard_at);
    }
  return changed;
}

/* Builds the directory's rows from the legislators, with what the index
 * knows of their visits.  When only the index changed (it loaded, or a
 * visit was written), the rows are updated in place and only the cells
 * on screen that show visits are rebound: replacing every item would make
 * the GtkColumnView destroy and create all of its row widgets again,
 * which costs more than everything else the page does to show.
 */
static void
rebuild_directory (CivicVisitsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CivicWhipCount) count = NULL;
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  const char *issue = selected_issue (self);
  gboolean visits_known = self->index != NULL && civic_visit_index_get_loaded (self->index);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->directory_store));

  if (self->legislator_docs == NULL)
    return;

  /* The last-visit column and the "visited this campaign" filter, from
   * the index (a pass over its summaries, under a millisecond).
   */
  g_clear_pointer (&self->last_visits, g_hash_table_unref);
  g_clear_pointer (&self->campaign_visited, g_hash_table_unref);
  if (visits_known)
    {
      g_autofree char *today = civic_legislative_today ();
      JsonObject *campaign = current_campaign (self->campaigns, today);

      self->last_visits = civic_visit_index_dup_last_visits (self->index);
      self->campaign_visited = civic_visit_index_dup_visited_in_campaign (
        self->index,
        campaign != NULL ? civic_legislative_get_string (campaign, "_id") : NULL,
        campaign != NULL ? civic_legislative_get_string (campaign, "starts_on") : NULL,
        campaign != NULL ? civic_legislative_get_string (campaign, "ends_on") : NULL);
    }

  /* The position column: the whip count rules over the index (about a
   * millisecond), including the legislators never visited.
   */
  if (issue != NULL && visits_known)
    {
      CivicWhipFilter filter = { NULL, NULL, TRUE };
      count = civic_visit_index_whip_count (self->index, issue, &filter);
      for (guint i = 0; i < count->rows->len; i++)
        {
          CivicWhipRow *row = g_ptr_array_index (count->rows, i);
          g_hash_table_insert (positions, row->legislator_id, row);
        }
    }

  /* The same legislators as the rows: update them in place. */
  if (self->directory_serial == self->legislators_serial && n_items == self->legislator_docs->len)
    {
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (self->directory_store), i);
          CivicDirectoryRow *row = civic_visits_item_get_data (item);

          if (set_row_visits (row, self, visits_known, positions))
            for (guint column = COLUMN_LAST_VISIT; column <= COLUMN_POSITION; column++)
              if (row->cells[column] != NULL)
                bind_directory_cell (row, column, row->cells[column]);
        }
      /* Orders and filters that read these columns see the new values. */
      for (guint column = COLUMN_LAST_VISIT; column <= COLUMN_POSITION; column++)
        gtk_sorter_changed (self->directory_sorters[column], GTK_SORTER_CHANGE_DIFFERENT);
      if (self->filter_visited != 0)
        gtk_filter_changed (GTK_FILTER (self->directory_filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_directory_count (self);
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->legislator_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (self->legislator_docs, i);
      CivicDirectoryRow *row = g_new0 (CivicDirectoryRow, 1);
      g_autofree char *haystack = NULL;

      row->doc = json_object_ref (doc);
      row->id = g_strdup (civic_legislative_get_string (doc, "_id"));
      row->name = g_strdup (civic_legislative_get_string (doc, "name"));
      row->chamber = g_strdup (civic_legislative_get_string (doc, "chamber"));
      row->state = g_strdup (civic_legislative_get_string (doc, "state"));
      row->district = g_strdup (civic_legislative_get_string (doc, "district"));
      row->party = g_strdup (civic_legislative_get_string (doc, "party"));
      set_row_visits (row, self, visits_known, positions);
      haystack = g_strjoin (" ", row->name != NULL ? row->name : "", row->state != NULL ? row->state : "",
                            row->party != NULL ? row->party : "", row->district != NULL ? row->district : "",
                            chamber_label (row->chamber), NULL);
      row->folded = civic_text_fold (haystack);
      g_ptr_array_add (items, civic_visits_item_new (row, (GDestroyNotify) directory_row_free));
    }

  self->directory_serial = self->legislators_serial;
  _civic_visits_page_stage_rows (&self->directory_staging);
  g_list_store_splice (self->directory_store, 0, n_items, items->pdata, items->len);
  update_directory_count (self);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  /* Not a GtkLabel: see civic-text-cell.c. */
  gtk_list_item_set_child (list_item, civic_text_cell_new (0));
}

static void
setup_chip_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, civic_text_cell_new_pill ());
}

static void
bind_directory_cell (CivicDirectoryRow *row,
                     DirectoryColumn    column,
                     GtkWidget         *child)
{
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      text = g_strdup (row->name);
      break;
    case COLUMN_CHAMBER:
      text = g_strdup (chamber_label (row->chamber));
      break;
    case COLUMN_DISTRICT:
      text = row->district != NULL ? g_strdup_printf ("%s-%s", row->state != NULL ? row->state : "", row->district)
                                   : g_strdup (row->state);
      break;
    case COLUMN_PARTY:
      text = g_strdup (row->party);
      break;
    case COLUMN_LAST_VISIT:
      /* Until the visits are known, nothing rather than a wrong "Never". */
      text = row->last_visit != NULL ? format_date (row->last_visit)
             : row->visits_known ? g_strdup (_("Never")) : NULL;
      break;
    case COLUMN_POSITION:
      _civic_visits_page_show_position (CIVIC_TEXT_CELL (child), row->position, row->heard_at != NULL);
      return;
    default:
      g_assert_not_reached ();
    }
  civic_text_cell_set_text (CIVIC_TEXT_CELL (child), text);
}

static void
bind_directory_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  DirectoryColumn column = GPOINTER_TO_INT (user_data);
  CivicDirectoryRow *row = civic_visits_item_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *child = gtk_list_item_get_child (list_item);

  /* Remembered while bound, for the in-place updates of rebuild_directory();
   * a weak pointer, in case a widget goes without being unbound first.
   */
  if (row->cells[column] != child)
    {
      if (row->cells[column] != NULL)
        g_object_remove_weak_pointer (G_OBJECT (row->cells[column]), (gpointer *) &row->cells[column]);
      row->cells[column] = child;
      g_object_add_weak_pointer (G_OBJECT (child), (gpointer *) &row->cells[column]);
    }
  bind_directory_cell (row, column, child);
}

static void
unbind_directory_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  DirectoryColumn column = GPOINTER_TO_INT (user_data);
  CivicDirectoryRow *row = civic_visits_item_get_data (gtk_list_item_get_item (list_item));

  if (row != NULL && row->cells[column] != NULL && row->cells[column] == gtk_list_item_get_child (list_item))
    {
      g_object_remove_weak_pointer (G_OBJECT (row->cells[column]), (gpointer *) &row->cells[column]);
      row->cells[column] = NULL;
    }
}

static int
compare_directory_cb (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  CivicDirectoryRow *x = civic_visits_item_get_data ((gpointer) a);
  CivicDirectoryRow *y = civic_visits_item_get_data ((gpointer) b);
  int result = 0;

  switch ((DirectoryColumn) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_NAME:
      result = g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
      break;
    case COLUMN_CHAMBER:
      result = g_strcmp0 (x->chamber, y->chamber);
      break;
    case COLUMN_DISTRICT:
      result = g_strcmp0 (x->state, y->state);
      if (result == 0)
        result = (x->district != NULL ? atoi (x->district) : 0) - (y->district != NULL ? atoi (y->district) : 0);
      break;
    case COLUMN_PARTY:
      result = g_strcmp0 (x->party, y->party);
      break;
    case COLUMN_LAST_VISIT:
      result = g_strcmp0 (x->last_visit, y->last_visit);
      break;
    case COLUMN_POSITION:
      result = (int) (x->heard_at != NULL ? x->position : CIVIC_POSITION_N)
               - (int) (y->heard_at != NULL ? y->position : CIVIC_POSITION_N);
      break;
    default:
      g_assert_not_reached ();
    }
  return result != 0 ? result : g_strcmp0 (x->id, y->id);
}

static void
add_directory_column (CivicVisitsPage *self,
                      const char      *title,
                      DirectoryColumn  column,
                      gboolean         expand,
                      int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_directory_cb, GINT_TO_POINTER (column), NULL));

  g_signal_connect (factory, "setup", column == COLUMN_POSITION ? G_CALLBACK (setup_chip_cb)
                                                                : G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_directory_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_directory_cb), GINT_TO_POINTER (column));
  self->directory_sorters[column] = sorter;
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* Without a fixed width a GtkColumnView measures every cell of the
   * column to size it, on top of measuring each row: most of the cost of
   * the first frame with rows.  The widths fit the values (the names
   * column takes what is left); the user may still drag them.
   */
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->directory_view, view_column);
  g_object_unref (sorter);
  g_object_unref (view_column);
}

static void
directory_activated_cb (GtkColumnView   *view,
                        guint            position,
                        CivicVisitsPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, position);
  CivicDirectoryRow *row = civic_visits_item_get_data (item);

  _civic_visits_page_show_legislator (self, row->id);
}

static void
search_changed_cb (GtkSearchEntry  *entry,
                   CivicVisitsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->directory_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_directory_count (self);
}

static void
issue_selected_cb (GtkDropDown     *drop,
                   GParamSpec      *pspec,
                   CivicVisitsPage *self)
{
  if (self->updating_topics)
    return;
  rebuild_directory (self);
}

/* Filters: a popover of drop-downs built from the values the directory holds. */
static void
filter_drop_changed_cb (GtkDropDown     *drop,
                        GParamSpec      *pspec,
                        CivicVisitsPage *self)
{
  const char *which = g_object_get_data (G_OBJECT (drop), "filter");
  guint selected = gtk_drop_down_get_selected (drop);
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop);
  const char *value = selected > 0 && item != NULL ? gtk_string_object_get_string (item) : NULL;

  if (g_str_equal (which, "chamber"))
    {
      g_free (self->filter_chamber);
      self->filter_chamber = selected > 0 ? g_strdup (civic_legislator_chamber_list ()[selected - 1]) : NULL;
    }
  else if (g_str_equal (which, "state"))
    {
      g_free (self->filter_state);
      self->filter_state = g_strdup (value);
    }
  else if (g_str_equal (which, "party"))
    {
      g_free (self->filter_party);
      self->filter_party = g_strdup (value);
    }
  else
    self->filter_visited = selected;

  gtk_filter_changed (GTK_FILTER (self->directory_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_directory_count (self);
}

static GtkWidget *
new_filter_drop (CivicVisitsPage *self,
                 const char      *which,
                 const char      *title,
                 GtkStringList   *values)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (values), NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  g_object_set_data_full (G_OBJECT (drop), "filter", g_strdup (which), g_free);
  g_signal_connect_object (drop, "notify::selected", G_CALLBACK (filter_drop_changed_cb), self, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), drop);
  return box;
}

static void
add_distinct (GtkStringList *list,
              GHashTable    *seen,
              const char    *value)
{
  if (value != NULL && *value != '\0' && g_hash_table_add (seen, (gpointer) value))
    gtk_string_list_append (list, value);
}

/* The states and parties offered are those in the directory when the
 * popover opens, so the choices never name nobody.
 */
static void
filter_popover_show_cb (GtkPopover      *popover,
                        CivicVisitsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkStringList *chambers = gtk_string_list_new (NULL);
  GtkStringList *states = gtk_string_list_new (NULL);
  GtkStringList *parties = gtk_string_list_new (NULL);
  GtkStringList *visited = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen_states = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_parties = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *chamber_ids = civic_legislator_chamber_list ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->directory_store));
  GtkWidget *drop;

  gtk_string_list_append (chambers, _("Any chamber"));
  for (guint i = 0; chamber_ids[i] != NULL; i++)
    gtk_string_list_append (chambers, civic_legislator_chamber_get_label (chamber_ids[i]));
  gtk_string_list_append (states, _("Any state"));
  gtk_string_list_append (parties, _("Any party"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (self->directory_store), i);
      CivicDirectoryRow *row = civic_visits_item_get_data (item);
      add_distinct (states, seen_states, row->state);
      add_distinct (parties, seen_parties, row->party);
    }
  gtk_string_list_append (visited, _("Visited or not"));
  gtk_string_list_append (visited, _("Visited this campaign"));
  gtk_string_list_append (visited, _("No visit yet"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  /* Rebuilt each time: keep the current choices selected. */
  drop = new_filter_drop (self, "chamber", _("Chamber"), chambers);
  gtk_box_append (GTK_BOX (box), drop);
  for (guint i = 0; self->filter_chamber != NULL && chamber_ids[i] != NULL; i++)
    if (g_str_equal (chamber_ids[i], self->filter_chamber))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_last_child (drop)), i + 1);

  drop = new_filter_drop (self, "state", _("State"), states);
  gtk_box_append (GTK_BOX (box), drop);
  for (guint i = 1; self->filter_state != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (states)); i++)
    if (g_str_equal (gtk_string_list_get_string (states, i), self->filter_state))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_last_child (drop)), i);

  drop = new_filter_drop (self, "party", _("Party"), parties);
  gtk_box_append (GTK_BOX (box), drop);
  for (guint i = 1; self->filter_party != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (parties)); i++)
    if (g_str_equal (gtk_string_list_get_string (parties, i), self->filter_party))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_last_child (drop)), i);

  drop = new_filter_drop (self, "visited", _("Visits"), visited);
  gtk_box_append (GTK_BOX (box), drop);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_last_child (drop)), self->filter_visited);

  gtk_popover_set_child (popover, box);
}

/* ---- Legislator page ---------------------------------------------------- */

typedef struct {
  char      *legislator_id;
  GPtrArray *timelines;
  GPtrArray *visits;
} LegislatorData;

static void
legislator_data_free (LegislatorData *data)
{
  g_free (data->legislator_id);
  g_clear_pointer (&data->timelines, g_ptr_array_unref);
  g_clear_pointer (&data->visits, g_ptr_array_unref);
  g_free (data);
}

static void
load_legislator_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  LegislatorData *data = g_new0 (LegislatorData, 1);
  GError *error = NULL;

  data->legislator_id = g_strdup (task_data);
  if ((data->timelines = civic_position_timelines (store, data->legislator_id, &error)) == NULL
      || (data->visits = civic_store_list_by_ref (store, "visit", CIVIC_STORE_REF_1,
                                                  data->legislator_id, &error)) == NULL)
    {
      legislator_data_free (data);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, data, (GDestroyNotify) legislator_data_free);
}

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static GtkWidget *
new_info_row (const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
visit_row_activated_cb (AdwActionRow    *row,
                        CivicVisitsPage *self)
{
  _civic_visits_page_open_visit (self, g_object_get_data (G_OBJECT (row), "visit-id"));
}

static JsonObject *
find_legislator (CivicVisitsPage *self,
                 const char      *id)
{
  for (guint i = 0; self->legislator_docs != NULL && i < self->legislator_docs->len; i++)
    if (g_strcmp0 (civic_legislative_get_string (g_ptr_array_index (self->legislator_docs, i), "_id"), id) == 0)
      return g_ptr_array_index (self->legislator_docs, i);
  return NULL;
}

static void
render_legislator (CivicVisitsPage *self,
                   LegislatorData  *data)
{
  JsonObject *doc = find_legislator (self, data->legislator_id);
  GtkWidget *child, *group;
  JsonArray *array;
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_follow_ups = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legislator_content))) != NULL)
    gtk_box_remove (self->legislator_content, child);

  if (doc == NULL)
    {
      gtk_label_set_text (self->legislator_title, "");
      return;
    }

  gtk_label_set_text (self->legislator_title, civic_legislative_get_string (doc, "name"));
  g_string_append (summary, chamber_label (civic_legislative_get_string (doc, "chamber")));
  if (civic_legislative_get_string (doc, "state") != NULL)
    g_string_append_printf (summary, " · %s", civic_legislative_get_string (doc, "state"));
  if (civic_legislative_get_string (doc, "district") != NULL)
    {
      g_string_append (summary, " · ");
      /* Translators: a legislative district, e.g. "District 34". */
      g_string_append_printf (summary, _("District %s"), civic_legislative_get_string (doc, "district"));
    }
  if (civic_legislative_get_string (doc, "party") != NULL)
    g_string_append_printf (summary, " · %s", civic_legislative_get_string (doc, "party"));
  child = gtk_label_new (summary->str);
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_box_append (self->legislator_content, child);

  /* Positions, one timeline per issue or bill. */
  group = new_group (_("Positions"));
  if (data->timelines->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("No visit has recorded an issue yet."));
  for (guint i = 0; i < data->timelines->len; i++)
    {
      CivicPositionTimeline *timeline = g_ptr_array_index (data->timelines, i);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *last;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), timeline->topic);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), timeline->is_bill ? _("Bill") : _("Issue"));
      if (timeline->entries->len > 0)
        {
          CivicPositionEntry *latest = g_ptr_array_index (timeline->entries, timeline->entries->len - 1);
          last = _civic_visits_page_position_chip (latest->position);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), last);
        }
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      for (guint j = 0; j < timeline->entries->len; j++)
        {
          CivicPositionEntry *entry = g_ptr_array_index (timeline->entries, j);
          g_autofree char *when = _civic_visits_page_format_instant (entry->occurs_at);
          GtkWidget *entry_row = new_info_row (when, NULL);

          adw_action_row_add_suffix (ADW_ACTION_ROW (entry_row), _civic_visits_page_position_chip (entry->position));
          adw_action_row_add_prefix (ADW_ACTION_ROW (entry_row), gtk_image_new_from_icon_name ("radio-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (entry_row), TRUE);
          g_object_set_data_full (G_OBJECT (entry_row), "visit-id", g_strdup (entry->visit_id), g_free);
          g_signal_connect_object (entry_row, "activated", G_CALLBACK (visit_row_activated_cb), self, 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry_row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->legislator_content, group);

  /* Every visit, newest first. */
  group = new_group (_("Visits"));
  if (data->visits->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("No visit yet."));
  for (guint i = data->visits->len; i > 0; i--)
    {
      JsonObject *visit = g_ptr_array_index (data->visits, i - 1);
      g_autofree char *when = _civic_visits_page_format_instant (civic_legislative_get_string (visit, "occurs_at"));
      const char *format = civic_legislative_get_string (visit, "format");
      g_autoptr(GString) subtitle = g_string_new (format != NULL ? civic_visit_format_get_label (format) : "");
      JsonArray *issues = json_object_has_member (visit, "issues") ? json_object_get_array_member (visit, "issues") : NULL;
      GtkWidget *row;

      for (guint j = 0; issues != NULL && j < json_array_get_length (issues); j++)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", json_array_get_string_element (issues, j));
      row = new_info_row (when, subtitle->str);
      if (civic_legislative_get_string (visit, "position") != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   _civic_visits_page_position_chip (civic_position_from_string (civic_legislative_get_string (visit, "position"))));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "visit-id", g_strdup (civic_legislative_get_string (visit, "_id")), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (visit_row_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->legislator_content, group);

  /* Open follow-ups, from the follow-ups list already loaded. */
  group = new_group (_("Open Follow-ups"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups_store)); i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (G_LIST_MODEL (self->follow_ups_store), i);
      CivicFollowUp *follow_up = civic_visits_item_get_data (item);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      if (g_strcmp0 (follow_up->legislator_id, data->legislator_id) != 0 || follow_up->state == CIVIC_FOLLOW_UP_DONE)
        continue;
      if (follow_up->owner_name != NULL)
        g_string_append (subtitle, follow_up->owner_name);
      if (follow_up->due_on != NULL)
        {
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          /* Translators: %s is a date. */
          g_string_append_printf (subtitle, _("due %s"), follow_up->due_on);
        }
      row = new_info_row (follow_up->task, subtitle->str);
      if (follow_up->state == CIVIC_FOLLOW_UP_OVERDUE)
        {
          GtkWidget *label = gtk_label_new (civic_follow_up_state_get_label (follow_up->state));
          gtk_widget_add_css_class (label, "error");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "visit-id", g_strdup (follow_up->visit_id), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (visit_row_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n_follow_ups++;
    }
  if (n_follow_ups == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Nothing is waiting."));
  gtk_box_append (self->legislator_content, group);

  /* Offices. */
  group = new_group (_("Offices"));
  array = json_object_has_member (doc, "offices") ? json_object_get_array_member (doc, "offices") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *office = json_array_get_object_element (array, i);
      const char *kind = civic_legislative_get_string (office, "kind");
      g_autofree char *subtitle = g_strjoin ("\n", civic_legislative_get_string (office, "address") != NULL
                                                   ? civic_legislative_get_string (office, "address") : "",
                                             civic_legislative_get_string (office, "phone"), NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_info_row (kind != NULL ? civic_legislator_office_kind_get_label (kind) : _("Office"),
                                               subtitle));
    }
  if (array == NULL || json_array_get_length (array) == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("No office recorded."));
  gtk_box_append (self->legislator_content, group);

  /* Staff. */
  group = new_group (_("Staff"));
  array = json_object_has_member (doc, "staff") ? json_object_get_array_member (doc, "staff") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *staffer = json_array_get_object_element (array, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *fields[] = { "title", "email", "phone" };
      JsonArray *issues = json_object_has_member (staffer, "issues") ? json_object_get_array_member (staffer, "issues") : NULL;

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        if (civic_legislative_get_string (staffer, fields[j]) != NULL)
          g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                                  civic_legislative_get_string (staffer, fields[j]));
      if (issues != NULL && json_array_get_length (issues) > 0)
        {
          g_string_append (subtitle, "\n");
          /* Translators: followed by the issues a staffer handles. */
          g_string_append (subtitle, _("Handles: "));
          for (guint j = 0; j < json_array_get_length (issues); j++)
            g_string_append_printf (subtitle, "%s%s", j > 0 ? ", " : "", json_array_get_string_element (issues, j));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_info_row (civic_legislative_get_string (staffer, "name"), subtitle->str));
    }
  if (array == NULL || json_array_get_length (array) == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("No staff recorded."));
  gtk_box_append (self->legislator_content, group);

  /* Committees and ids. */
  group = new_group (_("Committees and Ids"));
  array = json_object_has_member (doc, "committees") ? json_object_get_array_member (doc, "committees") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_info_row (json_array_get_string_element (array, i), NULL));
  if (json_object_has_member (doc, "ids") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, "ids")))
    {
      JsonObject *ids = json_object_get_object_member (doc, "ids");
      if (civic_legislative_get_string (ids, "bioguide") != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   new_info_row (_("Bioguide id"), civic_legislative_get_string (ids, "bioguide")));
      if (civic_legislative_get_string (ids, "openstates") != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   new_info_row (_("Open States id"), civic_legislative_get_string (ids, "openstates")));
    }
  gtk_box_append (self->legislator_content, group);
}

static void
legislator_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LegislatorData *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (data == NULL)
    {
      _civic_visits_page_error (self, error);
      return;
    }
  /* Only the legislator still shown. */
  if (g_strcmp0 (data->legislator_id, self->legislator_id) == 0)
    {
      render_legislator (self, data);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
    }
  legislator_data_free (data);
}

static void
load_legislator_page (CivicVisitsPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->legislator_id == NULL)
    return;
  task = g_task_new (NULL, self->cancellable, legislator_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_legislator_page);
  g_task_set_task_data (task, g_strdup (self->legislator_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_legislator_thread);
}

void
_civic_visits_page_show_legislator (CivicVisitsPage *self,
                                    const char      *legislator_id)
{
  g_free (self->legislator_id);
  self->legislator_id = g_strdup (legislator_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.edit-legislator", !self->read_only);
  adw_view_stack_set_visible_child_name (self->view_stack, "legislators");
  adw_leaflet_set_visible_child (self->directory_leaflet, self->legislator_box);
  load_legislator_page (self);
  /* Its open follow-ups come from the follow-ups list. */
  continue_background (self);
}

void
_civic_visits_page_follow_ups_loaded (CivicVisitsPage *self)
{
  if (self->legislator_id != NULL
      && adw_leaflet_get_visible_child (self->directory_leaflet) == self->legislator_box)
    load_legislator_page (self);
  continue_background (self);
}

/* ---- Editors ------------------------------------------------------------ */

static void
fill_choices (CivicVisitsPage         *self,
              CivicVisitEditorChoices *choices)
{
  choices->legislators = self->legislator_docs;
  choices->campaigns = self->campaigns;
  choices->lobby_days = self->lobby_days;
  choices->offices = self->offices;
  choices->volunteer_names = self->volunteer_names;
  choices->search = self->search;
}

static void
editor_saved_cb (CivicVisitEditor *editor,
                 const char       *id,
                 CivicVisitsPage  *self)
{
  _civic_visits_page_toast (self, _("Visit saved"));
}

static CivicVisitEditor *
present_editor (CivicVisitsPage *self,
                CivicVisit      *visit,
                gboolean         debrief)
{
  CivicVisitEditorChoices choices = { 0 };
  CivicVisitEditor *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  fill_choices (self, &choices);
  editor = civic_visit_editor_new (self->store, visit, &choices, debrief);
  civic_visit_editor_set_read_only (editor, self->read_only);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  g_object_set_data (G_OBJECT (self), "last-editor", editor);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
new_visit (CivicVisitsPage *self,
           gboolean         debrief)
{
  CivicVisitEditor *editor;

  if (self->store == NULL || self->read_only)
    return;
  editor = present_editor (self, NULL, debrief);
  if (self->legislator_id != NULL
      && adw_leaflet_get_visible_child (self->directory_leaflet) == self->legislator_box)
    civic_visit_editor_set_legislator (editor, self->legislator_id);
  if (self->lobby_day_id != NULL
      && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "lobby-days") == 0)
    civic_visit_editor_set_lobby_day (editor, self->lobby_day_id);
}

static void
new_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  new_visit (CIVIC_VISITS_PAGE (widget), FALSE);
}

static void
debrief_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  new_visit (CIVIC_VISITS_PAGE (widget), TRUE);
}

static void
visit_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicRecord) record = g_task_propagate_pointer (G_TASK (result), &error);

  if (record == NULL)
    {
      _civic_visits_page_error (self, error);
      return;
    }
  present_editor (self, CIVIC_VISIT (record), FALSE);
}

static void
read_visit_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  GError *error = NULL;
  CivicRecord *record = civic_record_load (store, task_data, &error);

  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, g_object_unref);
}

void
_civic_visits_page_open_visit (CivicVisitsPage *self,
                               const char      *visit_id)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || visit_id == NULL)
    return;
  task = g_task_new (NULL, self->cancellable, visit_read_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (visit_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, read_visit_thread);
}

static void
legislator_saved_cb (CivicLegislatorEditor *editor,
                     const char            *id,
                     CivicVisitsPage       *self)
{
  _civic_visits_page_toast (self, _("Legislator saved"));
}

static void
present_legislator_editor (CivicVisitsPage *self,
                           JsonObject      *doc)
{
  CivicLegislatorEditor *editor = civic_legislator_editor_new (self->store, doc);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (legislator_saved_cb), self, 0);
  g_object_set_data (G_OBJECT (self), "last-legislator-editor", editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_legislator_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);

  if (self->store != NULL && !self->read_only)
    present_legislator_editor (self, NULL);
}

static void
edit_legislator_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);
  JsonObject *doc = find_legislator (self, self->legislator_id);

  if (self->store != NULL && !self->read_only && doc != NULL)
    present_legislator_editor (self, doc);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);

  adw_leaflet_set_visible_child (self->directory_leaflet, self->directory_box);
}

/* ---- Import ------------------------------------------------------------- */

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CivicVisitsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CivicLegislatorImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (report == NULL)
    g_string_append (body, error->message);
  else
    {
      g_string_append_printf (body, _("Format: %s"), civic_legislator_format_get_label (report->format));
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Created: %u, updated: %u, unchanged: %u, skipped: %u"),
                              report->created, report->updated, report->unchanged, report->skipped->len);
      for (guint i = 0; i < report->skipped->len && i < 20; i++)
        {
          CivicLegislatorImportSkip *skip = g_ptr_array_index (report->skipped, i);
          g_string_append_c (body, '\n');
          /* Translators: %u is a line of the file, %s why it was skipped. */
          g_string_append_printf (body, _("Line %u: %s"), skip->line, skip->reason);
        }
      if (report->skipped->len > 20)
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, _("… and %u more"), report->skipped->len - 20);
        }
      civic_legislator_import_report_free (report);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   error != NULL ? _("Import Failed") : _("Legislators Imported"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_object_set_data (G_OBJECT (self), "last-import-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CivicStore *store = g_object_get_data (G_OBJECT (task), "store");
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *state = path != NULL ? civic_legislator_import_state_from_filename (path) : NULL;
  GError *error = NULL;
  CivicLegislatorImportReport *report = civic_legislator_import_file (store, file, state, NULL, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) civic_legislator_import_report_free);
}

void
_civic_visits_page_import_file (CivicVisitsPage *self,
                                GFile           *file)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->read_only)
    return;
  task = g_task_new (NULL, self->cancellable, import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _civic_visits_page_import_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

static void
import_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  _civic_visits_page_import_file (CIVIC_VISITS_PAGE (owner), file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = civic_csv_file_filter ();

  civic_choose_file (widget, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Legislators"), _("_Import"),
                     filter, NULL, import_chosen_cb, NULL, NULL);
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         CivicVisitsPage *self)
{
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      _civic_visits_page_import_file (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

/* ---- Read-only ---------------------------------------------------------- */

static void
update_actions (CivicVisitsPage *self)
{
  gboolean editable = self->store != NULL && !self->read_only;
  const char *edit_actions[] = {
    "visits.new-visit", "visits.debrief", "visits.new-legislator", "visits.edit-legislator",
    "visits.import", "visits.new-lobby-visit", "visits.toggle-follow-up",
  };

  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edit_actions[i], editable);
}

/* ---- GObject ------------------------------------------------------------ */

static void
civic_visits_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (civic_visits_page_parent_class)->root (widget);

  /* Now in the window's stack: show the badge there too. */
  update_badge (CIVIC_VISITS_PAGE (widget));
  start_loading_badge (CIVIC_VISITS_PAGE (widget));
}

static void
civic_visits_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (civic_visits_page_parent_class)->map (widget);

  /* First shown: now the page reads what it shows. */
  start_loading (CIVIC_VISITS_PAGE (widget));
}

static void
civic_visits_page_dispose (GObject *object)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  /* Whatever finishes from now on (a load, a search, a toast's undo)
   * finds the page disposed and touches nothing.
   */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->background_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  _civic_visits_page_clear_staging (&self->directory_staging);
  _civic_visits_page_clear_staging (&self->whip_staging);
  if (self->directory_view != NULL)
    g_signal_handlers_disconnect_by_data (self->directory_view, &self->directory_staging);
  if (self->whip_view != NULL)
    g_signal_handlers_disconnect_by_data (self->whip_view, &self->whip_staging);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_VISITS_PAGE);
  g_clear_object (&self->directory_staging.slice);
  g_clear_object (&self->whip_staging.slice);

  g_clear_object (&self->store);
  g_clear_object (&self->index);
  g_clear_object (&self->search);
  g_clear_pointer (&self->volunteer_names, g_hash_table_unref);
  g_clear_pointer (&self->legislator_docs, g_ptr_array_unref);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  g_clear_pointer (&self->lobby_days, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->last_visits, g_hash_table_unref);
  g_clear_pointer (&self->campaign_visited, g_hash_table_unref);
  g_clear_pointer (&self->legislator_id, g_free);
  g_clear_pointer (&self->lobby_day, civic_lobby_day_free);
  g_clear_pointer (&self->lobby_day_id, g_free);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_object (&self->directory_store);
  g_clear_object (&self->directory_filtered);
  g_clear_object (&self->directory_filter);
  g_clear_object (&self->follow_ups_store);
  g_clear_object (&self->follow_ups_filter);
  g_clear_object (&self->lobby_store);
  if (self->whip_store != NULL)
    g_list_store_remove_all (self->whip_store);
  g_clear_object (&self->whip_store);
  g_clear_pointer (&self->whip_count, civic_whip_count_free);
  g_clear_pointer (&self->filter_chamber, g_free);
  g_clear_pointer (&self->filter_state, g_free);
  g_clear_pointer (&self->filter_party, g_free);

  G_OBJECT_CLASS (civic_visits_page_parent_class)->dispose (object);
}

static void
civic_visits_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visits_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      civic_visits_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_READ_ONLY:
      civic_visits_page_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visits_page_class_init (CivicVisitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_visits_page_dispose;
  object_class->get_property = civic_visits_page_get_property;
  object_class->set_property = civic_visits_page_set_property;
  widget_class->root = civic_visits_page_root;
  widget_class->map = civic_visits_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicVisitsPage::loaded:
   *
   * A list of the page (directory, legislator page, follow-ups, lobby
   * day) finished loading.
   */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/visits/civic-visits-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, follow_ups_page);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, directory_leaflet);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, directory_box);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, legislator_box);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, issue_drop);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, directory_count);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, directory_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, directory_view);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, legislator_title);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, legislator_content);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, follow_up_filter);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, follow_up_count);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, follow_ups_view);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_topic_drop);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_chamber_drop);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_state_entry);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_unvisited_check);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_bar);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_legend);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, whip_view);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_leaflet);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_list_page);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_list);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_day_box);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_title);
  gtk_widget_class_bind_template_child (widget_class, CivicVisitsPage, lobby_content);

  gtk_widget_class_install_action (widget_class, "visits.new-visit", NULL, new_visit_action);
  gtk_widget_class_install_action (widget_class, "visits.debrief", NULL, debrief_action);
  gtk_widget_class_install_action (widget_class, "visits.new-legislator", NULL, new_legislator_action);
  gtk_widget_class_install_action (widget_class, "visits.edit-legislator", NULL, edit_legislator_action);
  gtk_widget_class_install_action (widget_class, "visits.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "visits.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "visits.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "visits.new-visit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "visits.debrief", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "visits.search", NULL);
  _civic_visits_page_class_init_tabs (widget_class);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "legislators");
  adw_leaflet_set_visible_child (self->directory_leaflet, self->directory_box);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
view_changed_cb (CivicVisitsPage *self)
{
  _civic_visits_page_view_changed (self);
}

static void
civic_visits_page_init (CivicVisitsPage *self)
{
  GtkSortListModel *sorted;
  GtkNoSelection *selection;
  GtkWidget *popover;
  GtkDropTarget *drop;
  GtkStringList *issues;

  gtk_widget_init_template (GTK_WIDGET (self));
  install_position_css ();
  self->cancellable = g_cancellable_new ();

  /* Directory: store → filter → sort (bound to the view's sorter). */
  self->directory_store = g_list_store_new (CIVIC_TYPE_VISITS_ITEM);
  self->directory_filter = gtk_custom_filter_new (directory_filter_func, self, NULL);
  self->directory_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->directory_store)),
                                                        GTK_FILTER (g_object_ref (self->directory_filter)));
  add_directory_column (self, _("Name"), COLUMN_NAME, TRUE, 200);
  add_directory_column (self, _("Chamber"), COLUMN_CHAMBER, FALSE, 150);
  add_directory_column (self, _("State/District"), COLUMN_DISTRICT, FALSE, 120);
  add_directory_column (self, _("Party"), COLUMN_PARTY, FALSE, 120);
  add_directory_column (self, _("Last Visit"), COLUMN_LAST_VISIT, FALSE, 110);
  add_directory_column (self, _("Position"), COLUMN_POSITION, FALSE, 150);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->directory_filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->directory_view)));
  _civic_visits_page_init_staging (&self->directory_staging, GTK_WIDGET (self->directory_view),
                                   G_LIST_MODEL (sorted));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->directory_staging.slice)));
  gtk_column_view_set_model (self->directory_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_sort_by_column (self->directory_view,
                                  g_list_model_get_item (gtk_column_view_get_columns (self->directory_view), 0),
                                  GTK_SORT_ASCENDING);
  g_object_unref (g_list_model_get_item (gtk_column_view_get_columns (self->directory_view), 0));
  gtk_column_view_set_single_click_activate (self->directory_view, TRUE);
  g_signal_connect_object (self->directory_view, "activate", G_CALLBACK (directory_activated_cb), self, 0);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, 0);

  issues = gtk_string_list_new ((const char *[]) { _("No issue"), NULL });
  gtk_drop_down_set_model (self->issue_drop, G_LIST_MODEL (issues));
  g_object_unref (issues);
  g_signal_connect_object (self->issue_drop, "notify::selected", G_CALLBACK (issue_selected_cb), self, 0);

  popover = gtk_popover_new ();
  g_signal_connect_object (popover, "show", G_CALLBACK (filter_popover_show_cb), self, 0);
  gtk_menu_button_set_popover (self->filter_button, popover);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (self->directory_box, GTK_EVENT_CONTROLLER (drop));

  _civic_visits_page_init_tabs (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->directory_leaflet, "notify::visible-child", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visits.edit-legislator", FALSE);
}

/**
 * civic_visits_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store, or %NULL while it opens
 */
CivicStore *
civic_visits_page_get_store (CivicVisitsPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_PAGE (self), NULL);

  return self->store;
}

void
civic_visits_page_set_store (CivicVisitsPage *self,
                             CivicStore      *store)
{
  g_return_if_fail (CIVIC_IS_VISITS_PAGE (self));
  g_return_if_fail (!store || CIVIC_IS_STORE (store));

  if (self->store == store)
    return;

  /* A disposed page takes no store: nothing could show what it loads. */
  if (self->disposed && store != NULL)
    return;

  /* Whatever was loading for the old store is of no use. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (!self->disposed)
    self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->background_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);
  g_clear_object (&self->search);
  self->started = FALSE;
  self->badge_started = FALSE;
  self->index_done = FALSE;
  self->extras_started = FALSE;
  self->search_started = FALSE;
  self->follow_ups_started = FALSE;
  self->dirty = 0;

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
      self->index = civic_visit_index_new (store);
      g_signal_connect (self->index, "changed", G_CALLBACK (index_changed_cb), self);
      /* A page on screen loads now; a hidden one when it is first shown,
       * but for its badge.
       */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        start_loading (self);
      else
        start_loading_badge (self);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
civic_visits_page_get_read_only (CivicVisitsPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_PAGE (self), FALSE);

  return self->read_only;
}

void
civic_visits_page_set_read_only (CivicVisitsPage *self,
                                 gboolean         read_only)
{
  g_return_if_fail (CIVIC_IS_VISITS_PAGE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* ---- For tests ---------------------------------------------------------- */

GListModel *
_civic_visits_page_get_directory (CivicVisitsPage *self)
{
  return G_LIST_MODEL (self->directory_store);
}

guint
_civic_visits_page_get_overdue (CivicVisitsPage *self)
{
  return self->overdue;
}

gboolean
_civic_visits_page_get_index_loaded (CivicVisitsPage *self)
{
  return self->index != NULL && civic_visit_index_get_loaded (self->index);
}

GtkWidget *
_civic_visits_page_get_legislator_content (CivicVisitsPage *self)
{
  return GTK_WIDGET (self->legislator_content);
}
