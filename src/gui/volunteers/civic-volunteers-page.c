/* civic-volunteers-page.c — the Volunteers page: the roster and a volunteer's page
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwLeaflet holds the roster (search, filters, a sortable column view
 * with multi-selection and bulk actions) and the volunteer editor; below
 * 720 px or so only one of them shows, so the page works at 360 px.
 *
 * Nothing is read until the page is first shown (a page nobody opens
 * costs nothing).  Then one GTask thread reads the first page of the
 * roster (civic_store_list_page ()), which shows at once; a second reads
 * every volunteer, builds the search index and each column's order, and
 * replaces the list in one items-changed that keeps the first rows; a
 * third scans the signups' few members it needs for each person's last shift
 * and hours in the current campaign.  After that, the store's ::changed
 * signal keeps all of it current: changed volunteers are fetched in a
 * thread and replaced in the rows and the index; changed signups or shifts
 * start the statistics pass again.
 *
 * Searching and filtering go through the index (civic-volunteer-search.h),
 * which answers with ranked ids.  A column header chosen for sorting wins
 * over the rank: the answer is put in the column's precomputed order in
 * one pass, never sorted by comparisons.  The list (civic-roster-list.h)
 * then changes in one items-changed covering only what differs.
 */

#define G_LOG_DOMAIN "civic-volunteers-page"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "civic-derived.h"
#include "civic-record.h"
#include "civic-roster-list.h"
#include "civic-roster-slots.h"
#include "civic-roster-sorter.h"
#include "civic-signup.h"
#include "civic-shift.h"
#include "civic-text.h"
#include "civic-volunteer.h"
#include "civic-volunteer-editor.h"
#include "civic-volunteer-row.h"
#include "civic-after-frame.h"
#include "civic-volunteers-page.h"
#include "civic-volunteers-page-private.h"
#include "civic-window.h"

/* The rows shown before the rest load: as many as the window can show
 * (first_page_size ()), within these bounds.  Each is a row of widgets
 * the column view makes, and the first frame lays out, at once: half
 * again as many rows cost the first frame half again as long.
 */
#define FIRST_PAGE_MIN 12
#define FIRST_PAGE_MAX 80

struct _CivicVolunteersPage
{
  AdwBin                parent_instance;

  CivicStore           *store;
  gboolean              read_only;

  GSettings            *settings;
  GCancellable         *cancellable;        /* the roster's loads and fetches */
  GCancellable         *stats_cancellable;  /* the statistics pass */
  gulong                store_changed_id;
  guint                 generation;
  guint                 stats_source;
  guint                 stats_serial;
  guint                 roster_serial;      /* bumped when rows come or go */
  gboolean              load_pending;       /* load when next shown */
  gboolean              stats_stale;        /* count again when next shown */
  gboolean              loaded;
  gboolean              fetching_changes;
  gboolean              splicing;
  guint                 first_rows_limit;   /* rows shown until loaded */
  GHashTable           *changed_ids;        /* volunteers to fetch again */

  GHashTable           *rows;          /* id → CivicVolunteerRow */
  GHashTable           *stats;         /* id → CivicVolunteerStats */
  GHashTable           *office_names;  /* id → name */
  GStrv                 languages;     /* seen among volunteers, sorted */
  GStrv                 skills;
  char                 *campaign_id;
  char                 *campaign_name;
  CivicVolunteerSearch *index;
  CivicVolunteerSearch *first_index;   /* over the first page, until index */
  GPtrArray            *orders[CIVIC_ROSTER_N_COLUMNS];  /* rows by column, or NULL */
  /* The rows in the index's name order, so that a hit's position finds
   * its row without hashing its id; for one index, serial and roster.
   */
  GPtrArray            *by_position;
  CivicVolunteerSearch *by_position_index;
  guint                 by_position_serial;
  guint                 by_position_roster;
  /* For the column order in use: each position's place in it.  The two
   * arrays it was made from are held, so that neither can be replaced by
   * another at the same address.
   */
  GPtrArray            *ranks_order;
  GPtrArray            *ranks_positions;
  guint32              *ranks;
  guint                 mark;
  CivicRosterList      *shown;      /* rows, in the order shown */
  CivicRosterSlots     *slots;      /* the column view's items */
  GtkMultiSelection    *selection;  /* over slots: position i is row i */
  /* Cells off screen take their new rows after the frame (see run_search ()). */
  CivicAfterFrame       flush_after_frame;
  guint                 flush_source;
  GtkAdjustment        *vadjustment;

  /* The column headers' choice (civic-roster-sorter.h). */
  gboolean              sort_active;
  CivicRosterColumn     sort_column;
  gboolean              sort_descending;

  char                 *search_text;
  char                 *filter_office;
  char                 *filter_language;
  char                 *filter_skill;
  char                 *filter_age_group;
  char                 *filter_active;   /* "", "active", "inactive" */
  char                 *filter_day;
  char                 *filter_time;

  /* The last bulk change, for its toast's Undo. */
  GPtrArray            *undo_docs;

  /* Template children */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkGrid              *filter_grid;
  gboolean              filters_stale;      /* the drop-downs, made when shown */
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  AdwStatusPage        *empty_page;
  GtkActionBar         *action_bar;
  GtkLabel             *selection_label;
  GtkLabel             *detail_title;
  GtkStack             *detail_stack;
  CivicVolunteerEditor *editor;
};

G_DEFINE_FINAL_TYPE (CivicVolunteersPage, civic_volunteers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  STATS_LOADED,
  BULK_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_shown (CivicVolunteersPage *self);
static void clear_ranks (CivicVolunteersPage *self);
static void rebuild_filters (CivicVolunteersPage *self);
static void fetch_changes (CivicVolunteersPage *self);
static void start_stats (CivicVolunteersPage *self);

static void
stats_free (CivicVolunteerStats *stats)
{
  g_free (stats->last_shift);
  g_free (stats);
}

static const char *
doc_string (JsonObject *doc,
            const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Sets the list stack's child only when it changes: setting it again
 * costs nothing here but may have the stack allocated again.  The loading
 * page's spinner spins only while it shows: a CSS animation runs on every
 * frame even behind the list, and each of its steps made the frame lay
 * the page out again (a millisecond per keystroke in the search).
 */
static void
show_list_child (CivicVolunteersPage *self,
                 const char          *name)
{
  GtkWidget *spinner = gtk_stack_get_child_by_name (self->list_stack, "loading");

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), name) != 0)
    gtk_stack_set_visible_child_name (self->list_stack, name);
  if (GTK_IS_SPINNER (spinner))
    gtk_spinner_set_spinning (GTK_SPINNER (spinner), g_str_equal (name, "loading"));
}

/* ---- Loading the roster ---------------------------------------------------- */

/* Every task below is made without a source object and with the page as
 * user data, under a cancellable that dispose () and reload () cancel.  The
 * tasks check their cancellable, so a callback that arrives after either
 * sees G_IO_ERROR_CANCELLED and never touches the page (which may be gone).
 * Nothing a worker thread holds refers to the page or to a widget, so the
 * page is never finalized in a worker thread when a task is dropped there.
 */

static void
add_rows (CivicVolunteersPage *self,
          GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CivicVolunteerRow *row = g_ptr_array_index (rows, i);
      CivicVolunteerStats *stats;

      g_hash_table_replace (self->rows, g_strdup (civic_volunteer_row_get_id (row)), g_object_ref (row));
      stats = self->stats ? g_hash_table_lookup (self->stats, civic_volunteer_row_get_id (row)) : NULL;
      if (stats != NULL)
        civic_volunteer_row_set_stats (row, stats->last_shift, stats->hours);
    }
}

static void
clear_orders (CivicVolunteersPage *self)
{
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    g_clear_pointer (&self->orders[c], g_ptr_array_unref);
}

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      column)
{
  return civic_volunteer_row_compare (*(CivicVolunteerRow * const *) a, *(CivicVolunteerRow * const *) b,
                                      GPOINTER_TO_UINT (column));
}

/* @rows sorted by @column (a new array holding references). */
static GPtrArray *
sort_rows (GPtrArray         *rows,
           CivicRosterColumn  column)
{
  GPtrArray *order = g_ptr_array_copy (rows, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  g_ptr_array_set_free_func (order, g_object_unref);
  g_ptr_array_sort_with_data (order, compare_rows_cb, GUINT_TO_POINTER (column));
  return order;
}

/* Every row, in @column's order; computed again only after the roster or
 * the statistics changed.
 */
static GPtrArray *
ensure_order (CivicVolunteersPage *self,
              CivicRosterColumn    column)
{
  if (self->orders[column] == NULL)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_sized_new (g_hash_table_size (self->rows));
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (rows, value);
      self->orders[column] = sort_rows (rows, column);
    }
  return self->orders[column];
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_keys (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  GStrv copy;

  copy = g_strdupv ((char **) keys);
  /* qsort hands over pointers to the elements. */
  qsort (copy, g_strv_length (copy), sizeof (char *), compare_strings);
  return copy;
}

static void
collect_strings (JsonObject *doc,
                 const char *member,
                 GHashTable *set)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
          *json_node_get_string (item))
        g_hash_table_add (set, g_strdup (json_node_get_string (item)));
    }
}

/* The campaign whose dates contain today, else the latest one that has
 * begun, else the one that starts last.
 */
static void
find_current_campaign (CivicStore  *store,
                       char       **id,
                       char       **name)
{
  g_autoptr(GPtrArray) campaigns = civic_store_list (store, "campaign", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JsonObject *current = NULL, *latest = NULL, *latest_started = NULL;

  for (guint i = 0; campaigns != NULL && i < campaigns->len; i++)
    {
      JsonObject *campaign = g_ptr_array_index (campaigns, i);
      const char *starts = doc_string (campaign, "starts_on");
      const char *ends = doc_string (campaign, "ends_on");

      if (starts != NULL && g_strcmp0 (starts, today) <= 0 && (ends == NULL || g_strcmp0 (today, ends) <= 0))
        current = campaign;
      if (starts != NULL && g_strcmp0 (starts, today) <= 0 &&
          (latest_started == NULL || g_strcmp0 (starts, doc_string (latest_started, "starts_on")) > 0))
        latest_started = campaign;
      if (latest == NULL || g_strcmp0 (starts, doc_string (latest, "starts_on")) > 0)
        latest = campaign;
    }
  /* Between campaigns, the one that ended last: a campaign that has not
   * begun has no hours to show.
   */
  if (current == NULL)
    current = latest_started != NULL ? latest_started : latest;
  if (current != NULL)
    {
      *id = g_strdup (doc_string (current, "_id"));
      *name = g_strdup (doc_string (current, "name"));
    }
}

static GHashTable *
read_office_names (CivicStore  *store,
                   GError     **error)
{
  g_autoptr(GPtrArray) offices = civic_store_list (store, "office", error);
  GHashTable *names;

  if (offices == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < offices->len; i++)
    {
      JsonObject *office = g_ptr_array_index (offices, i);

      if (doc_string (office, "_id") != NULL)
        g_hash_table_insert (names, g_strdup (doc_string (office, "_id")), g_strdup (doc_string (office, "name")));
    }
  return names;
}

static CivicVolunteerRow *
make_row (JsonObject *doc,
          GHashTable *office_names)
{
  const char *office_id = doc_string (doc, "office_id");

  return civic_volunteer_row_new (doc, office_id && office_names ? g_hash_table_lookup (office_names, office_id) : NULL);
}

static void
show_error_unless_cancelled (gpointer      page,
                             const GError *error,
                             const char   *what)
{
  /* Cancelled: the page reloaded or was disposed, and may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_warning ("%s: %s", what, error->message);
  _civic_volunteers_page_show_error (CIVIC_VOLUNTEERS_PAGE (page), error);
}

/* The first page: the offices and the first volunteers (a screenful) in the
 * store's order, with an index over just them so that a remembered filter
 * or a search already typed applies to what shows.
 */
typedef struct {
  CivicStore           *store;
  guint                 generation;
  guint                 n_rows;

  GHashTable           *office_names;
  GPtrArray            *rows;
  CivicVolunteerSearch *index;
} FirstPageData;

static void
first_page_data_free (FirstPageData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->office_names, g_hash_table_unref);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_object (&data->index);
  g_free (data);
}

static void
first_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  FirstPageData *data = task_data;
  g_autoptr(GPtrArray) docs = NULL;
  GError *error = NULL;

  data->office_names = read_office_names (data->store, &error);
  if (data->office_names == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  docs = civic_store_list_page (data->store, "volunteer", 0, data->n_rows, &error);
  if (docs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->rows = g_ptr_array_new_full (docs->len, g_object_unref);
  data->index = civic_volunteer_search_new ();
  for (guint i = 0; i < docs->len; i++)
    {
      g_ptr_array_add (data->rows, make_row (g_ptr_array_index (docs, i), data->office_names));
      civic_volunteer_search_update (data->index, g_ptr_array_index (docs, i));
    }
  g_task_return_boolean (task, TRUE);
}

/* How many rows fill the window's height: a row is a line of text with
 * the cells' padding (8 px above and below in Adwaita; 6 px is assumed,
 * so that a theme with less still gets a full screen), and the list is
 * shorter than the window.  The font's metrics, not a laid out line: this
 * runs before the first page is read, which should not wait for a font
 * to be loaded and text shaped.
 */
static guint
first_page_size (CivicVolunteersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = root ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)), NULL, NULL);
  int line = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));

  pango_font_metrics_unref (metrics);
  /* A window shown with the page on it is not laid out yet when the page
   * maps: it will have its default size.
   */
  if (height <= 0 && GTK_IS_WINDOW (root))
    {
      int width;

      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }
  if (height <= 0 || line <= 0)
    return FIRST_PAGE_MAX / 2;
  return CLAMP ((guint) (height / (line + 12)) + 2, FIRST_PAGE_MIN, FIRST_PAGE_MAX);
}

/* The rows the list can show, once the first page is read: its line of
 * text laid out (the Hangul font, often taller, included) with the
 * cells' padding (8 px above and below in Adwaita; 7 is assumed).
 */
static guint
first_rows_to_show (CivicVolunteersPage *self,
                    guint                n_read)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag한");
  int height = root ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;
  int line = 0;

  pango_layout_get_pixel_size (probe, NULL, &line);
  if (height <= 0 && GTK_IS_WINDOW (root))
    {
      int width;

      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    }
  if (height <= 0 || line <= 0)
    return n_read;
  return MIN (n_read, MAX ((guint) (height / (line + 14)) + 1, FIRST_PAGE_MIN));
}

static void start_full_load (CivicVolunteersPage *self,
                             GPtrArray           *first_rows);

static void
first_page_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FirstPageData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CivicVolunteersPage *self;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_unless_cancelled (user_data, error, "Could not read the roster");
      return;
    }
  self = user_data;
  if (data->generation != self->generation)
    return;

  g_clear_pointer (&self->office_names, g_hash_table_unref);
  self->office_names = g_hash_table_ref (data->office_names);
  add_rows (self, data->rows);
  g_set_object (&self->first_index, data->index);
  /* The read took a few more, by a rougher count made before it. */
  self->first_rows_limit = first_rows_to_show (self, data->rows->len);
  refresh_shown (self);
  if (data->rows->len == 0)
    show_list_child (self, "loading");

  start_full_load (self, data->rows);
}

/* The whole roster: every row, the search index, each column's order, the
 * filters' choices and the current campaign.
 */
typedef struct {
  CivicStore           *store;
  guint                 generation;
  GHashTable           *office_names;  /* shared with the page, read only */
  GHashTable           *first_rows;    /* id → row already shown */

  GPtrArray            *orders[CIVIC_ROSTER_N_COLUMNS];
  CivicVolunteerSearch *index;
  GStrv                 languages;
  GStrv                 skills;
  char                 *campaign_id;
  char                 *campaign_name;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->office_names, g_hash_table_unref);
  g_clear_pointer (&data->first_rows, g_hash_table_unref);
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    g_clear_pointer (&data->orders[c], g_ptr_array_unref);
  g_clear_object (&data->index);
  g_strfreev (data->languages);
  g_strfreev (data->skills);
  g_free (data->campaign_id);
  g_free (data->campaign_name);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const CivicRosterColumn sorted_here[] = {
    CIVIC_ROSTER_COLUMN_PHONE, CIVIC_ROSTER_COLUMN_LANGUAGES, CIVIC_ROSTER_COLUMN_OFFICE,
    CIVIC_ROSTER_COLUMN_ACTIVE,
  };
  GError *error = NULL;

  volunteers = civic_store_list (data->store, "volunteer", &error);
  if (volunteers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rows = g_ptr_array_new_full (volunteers->len, g_object_unref);
  data->index = civic_volunteer_search_new ();
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);
      CivicVolunteerRow *shown = g_hash_table_lookup (data->first_rows, doc_string (doc, "_id") ?: "");

      /* A row already on screen that has not changed since stays, so the
       * column view keeps its widgets.
       */
      if (shown != NULL &&
          g_strcmp0 (doc_string (civic_volunteer_row_get_document (shown), "_rev"), doc_string (doc, "_rev")) == 0)
        g_ptr_array_add (rows, g_object_ref (shown));
      else
        g_ptr_array_add (rows, make_row (doc, data->office_names));

      civic_volunteer_search_update (data->index, doc);
      collect_strings (doc, "languages", languages);
      collect_strings (doc, "skills", skills);
    }
  data->languages = sorted_keys (languages);
  data->skills = sorted_keys (skills);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The store lists by name already; the other columns are sorted once
   * here, so that sorting by a column is never more than a pass over an
   * order on the main thread.  The statistics' columns come with them.
   */
  data->orders[CIVIC_ROSTER_COLUMN_NAME] = sort_rows (rows, CIVIC_ROSTER_COLUMN_NAME);
  for (guint i = 0; i < G_N_ELEMENTS (sorted_here); i++)
    data->orders[sorted_here[i]] = sort_rows (data->orders[CIVIC_ROSTER_COLUMN_NAME], sorted_here[i]);
  /* Sort here so the first keystroke does not pay for it. */
  g_array_unref (civic_volunteer_search_query_hits (data->index, "", NULL, 1));

  find_current_campaign (data->store, &data->campaign_id, &data->campaign_name);

  g_task_return_boolean (task, TRUE);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CivicVolunteersPage *self;
  GPtrArray *rows;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_unless_cancelled (user_data, error, "Could not read the roster");
      return;
    }
  self = user_data;
  if (data->generation != self->generation)
    return;

  rows = data->orders[CIVIC_ROSTER_COLUMN_NAME];
  g_hash_table_remove_all (self->rows);
  add_rows (self, rows);
  self->roster_serial++;
  clear_orders (self);
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    self->orders[c] = g_steal_pointer (&data->orders[c]);
  g_set_object (&self->index, data->index);
  g_clear_object (&self->first_index);
  g_strfreev (self->languages);
  self->languages = g_steal_pointer (&data->languages);
  g_strfreev (self->skills);
  self->skills = g_steal_pointer (&data->skills);
  g_free (self->campaign_id);
  self->campaign_id = g_steal_pointer (&data->campaign_id);
  g_free (self->campaign_name);
  self->campaign_name = g_steal_pointer (&data->campaign_name);

  self->loaded = TRUE;
  rebuild_filters (self);
  refresh_shown (self);

  /* With both sides showing, an empty side is wasted: show the first
   * person, as a mail client shows the first message.
   */
  if (!adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "none") == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  civic_volunteer_editor_set_office_names (self->editor, self->office_names);
  civic_volunteer_editor_set_campaign (self->editor, self->campaign_id, self->campaign_name);
  g_signal_emit (self, signals[LOADED], 0);

  /* What changed while the roster was read is fetched again. */
  fetch_changes (self);
  start_stats (self);
}

static void
start_full_load (CivicVolunteersPage *self,
                 GPtrArray           *first_rows)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  data->store = g_object_ref (self->store);
  data->generation = self->generation;
  data->office_names = g_hash_table_ref (self->office_names);
  data->first_rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < first_rows->len; i++)
    {
      CivicVolunteerRow *row = g_ptr_array_index (first_rows, i);
      g_hash_table_insert (data->first_rows, (gpointer) civic_volunteer_row_get_id (row), g_object_ref (row));
    }

  task = g_task_new (NULL, self->cancellable, load_done_cb, self);
  g_task_set_source_tag (task, start_full_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
start_load (CivicVolunteersPage *self)
{
  g_autoptr(GTask) task = NULL;
  FirstPageData *data;

  self->load_pending = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (FirstPageData, 1);
  data->store = g_object_ref (self->store);
  data->generation = self->generation;
  data->n_rows = first_page_size (self);

  task = g_task_new (NULL, self->cancellable, first_page_done_cb, self);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) first_page_data_free);
  g_task_run_in_thread (task, first_page_thread);
}

/* Forgets the roster and reads it again, at once when the page is on
 * screen, else when it is next shown (see map).  A page nobody has opened
 * costs nothing: starting on the calendar stays small and quick.
 */
static void
reload (CivicVolunteersPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  self->generation++;
  self->loaded = FALSE;
  self->load_pending = FALSE;
  self->fetching_changes = FALSE;
  g_hash_table_remove_all (self->changed_ids);
  g_clear_object (&self->index);
  g_clear_object (&self->first_index);
  g_clear_pointer (&self->by_position, g_ptr_array_unref);
  g_clear_object (&self->by_position_index);
  clear_ranks (self);
  g_hash_table_remove_all (self->rows);
  self->roster_serial++;
  clear_orders (self);
  civic_roster_list_replace (self->shown, NULL, 0);
  show_list_child (self, "loading");

  if (self->store == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->load_pending = TRUE;
      return;
    }
  start_load (self);
}

/* ---- Last shifts and campaign hours: one pass over signups ---------------- */

typedef struct {
  CivicStore *store;
  char       *campaign_id;
  guint       serial;
  guint       roster_serial;
  GPtrArray  *roster;          /* every row, by name: read only */

  GHashTable *stats;           /* id → CivicVolunteerStats */
  GPtrArray  *by_last_shift;
  GPtrArray  *by_hours;
} StatsData;

static void
stats_data_free (StatsData *data)
{
  g_clear_object (&data->store);
  g_free (data->campaign_id);
  g_clear_pointer (&data->roster, g_ptr_array_unref);
  g_clear_pointer (&data->stats, g_hash_table_unref);
  g_clear_pointer (&data->by_last_shift, g_ptr_array_unref);
  g_clear_pointer (&data->by_hours, g_ptr_array_unref);
  g_free (data);
}

/* The members of a signup the statistics need, in civic_store_scan_fields ()
 * order.
 */
enum {
  SIGNUP_VOLUNTEER,
  SIGNUP_SHIFT,
  SIGNUP_STATUS,
  SIGNUP_CHECKED_IN,
  SIGNUP_CHECKED_OUT,
  SIGNUP_OCCURRENCE,
};

static const char * const signup_fields[] = {
  "volunteer_id", "shift_id", "status", "checked_in_at", "checked_out_at", "occurrence", NULL
};

/* What the statistics need of a shift, in civic_store_scan_fields ()
 * order: its event, for the campaign, and its times, for the last shift
 * and for the hours of a signup without check-in times.
 */
enum {
  SHIFT_EVENT,
  SHIFT_STARTS_AT,
  SHIFT_ENDS_AT,
  N_SHIFT_FIELDS
};

static const char * const shift_fields[] = { "event_id", "starts_at", "ends_at", NULL };

typedef struct {
  char *id;
  char *values[N_SHIFT_FIELDS];
} ShiftFacts;

static void
shift_facts_free (ShiftFacts *facts)
{
  g_free (facts->id);
  for (guint i = 0; i < N_SHIFT_FIELDS; i++)
    g_free (facts->values[i]);
  g_free (facts);
}

static gboolean
add_shift_cb (const char         *id,
              const char * const *values,
              gpointer            user_data)
{
  ShiftFacts *facts = g_new0 (ShiftFacts, 1);

  facts->id = g_strdup (id);
  for (guint i = 0; i < N_SHIFT_FIELDS; i++)
    facts->values[i] = g_strdup (values[i]);
  g_hash_table_insert (user_data, facts->id, facts);
  return TRUE;
}

/* A shift record made of the members read, which are all that
 * civic_signup_hours () looks at.
 */
static CivicShift *
shift_record_new (ShiftFacts *facts)
{
  g_autoptr(JsonObject) shift = json_object_new ();

  json_object_set_string_member (shift, "_id", facts->id);
  json_object_set_string_member (shift, "type", "shift");
  for (guint i = 0; i < N_SHIFT_FIELDS; i++)
    if (facts->values[i] != NULL)
      json_object_set_string_member (shift, shift_fields[i], facts->values[i]);
  return CIVIC_SHIFT (civic_record_new_from_json (shift, NULL));
}

typedef struct {
  GHashTable   *shifts;           /* id → ShiftFacts */
  GHashTable   *shift_records;    /* id → CivicShift, made when first needed */
  GHashTable   *campaign_events;  /* ids of the current campaign's events */
  GHashTable   *result;           /* volunteer id → CivicVolunteerStats */
  GCancellable *cancellable;
} SignupCount;

/* Adds one signup to the statistics of its volunteer. */
static gboolean
count_signup_cb (const char         *id,
                 const char * const *values,
                 gpointer            user_data)
{
  SignupCount *count = user_data;
  const char *volunteer_id = values[SIGNUP_VOLUNTEER];
  const char *shift_id = values[SIGNUP_SHIFT];
  ShiftFacts *shift = shift_id ? g_hash_table_lookup (count->shifts, shift_id) : NULL;
  CivicVolunteerStats *stats;
  const char *when;
  const char *event_id;

  if (volunteer_id == NULL || !civic_signup_status_is_worked (values[SIGNUP_STATUS]))
    return !g_cancellable_is_cancelled (count->cancellable);

  stats = g_hash_table_lookup (count->result, volunteer_id);
  if (stats == NULL)
    {
      stats = g_new0 (CivicVolunteerStats, 1);
      g_hash_table_insert (count->result, g_strdup (volunteer_id), stats);
    }

  /* The day the work happened: the check-in, else the occurrence, else
   * the shift's own start.  ISO 8601 text sorts as time does.
   */
  when = values[SIGNUP_CHECKED_IN];
  if (when == NULL)
    when = values[SIGNUP_OCCURRENCE];
  if (when == NULL && shift != NULL)
    when = shift->values[SHIFT_STARTS_AT];
  if (when != NULL && strlen (when) >= 10 &&
      (stats->last_shift == NULL || strncmp (when, stats->last_shift, 10) > 0))
    {
      g_free (stats->last_shift);
      stats->last_shift = g_strndup (when, 10);
    }

  /* Hours in the current campaign, by the record types' own rule: the
   * signup is made of the members read, which are all the rule looks at.
   */
  event_id = shift ? shift->values[SHIFT_EVENT] : NULL;
  if (event_id != NULL && g_hash_table_contains (count->campaign_events, event_id))
    {
      CivicShift *record = g_hash_table_lookup (count->shift_records, shift_id);
      g_autoptr(JsonObject) signup = json_object_new ();
      g_autoptr(CivicRecord) signup_record = NULL;

      if (record == NULL)
        {
          record = shift_record_new (shift);
          if (record != NULL)
            g_hash_table_insert (count->shift_records, shift->id, record);
        }
      json_object_set_string_member (signup, "_id", id);
      json_object_set_string_member (signup, "type", "signup");
      for (guint i = 0; signup_fields[i] != NULL; i++)
        if (values[i] != NULL)
          json_object_set_string_member (signup, signup_fields[i], values[i]);
      signup_record = civic_record_new_from_json (signup, NULL);
      if (signup_record != NULL)
        stats->hours += civic_signup_hours (CIVIC_SIGNUP (signup_record), record);
    }
  return !g_cancellable_is_cancelled (count->cancellable);
}

/* A large organization has a couple of hundred thousand signups: they are
 * not read whole (as JSON objects that took seconds to parse and free) but
 * scanned for the six members the figures need.
 * Returns FALSE when the task has been given an error.
 */
static gboolean
count_all_signups (StatsData  *data,
                   GHashTable *shifts,
                   GHashTable *shift_records,
                   GHashTable *campaign_events,
                   GTask      *task)
{
  SignupCount count = {
    shifts, shift_records, campaign_events, data->stats, g_task_get_cancellable (task)
  };
  GError *error = NULL;

  if (!civic_store_scan_fields (data->store, "signup", signup_fields, count_signup_cb, &count, &error))
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  return !g_task_return_error_if_cancelled (task);
}

typedef struct {
  CivicVolunteerRow *row;
  const char        *last_shift;
  double             hours;
  guint              by_name;  /* the position in name order breaks ties */
} StatsKey;

static int
compare_last_shift (const void *a,
                    const void *b)
{
  const StatsKey *x = a, *y = b;
  int r = strcmp (x->last_shift, y->last_shift);

  return r != 0 ? r : (x->by_name > y->by_name) - (x->by_name < y->by_name);
}

static int
compare_hours (const void *a,
               const void *b)
{
  const StatsKey *x = a, *y = b;
  int r = (x->hours > y->hours) - (x->hours < y->hours);

  return r != 0 ? r : (x->by_name > y->by_name) - (x->by_name < y->by_name);
}

/* The roster in the order of a statistics column, from the new figures
 * (the rows themselves get them on the main thread): the same order as
 * civic_volunteer_row_compare () will give once they do.
 */
static GPtrArray *
order_by_stats (GPtrArray   *roster,
                GHashTable  *stats,
                int        (*compare) (const void *, const void *))
{
  g_autofree StatsKey *keys = g_new (StatsKey, roster->len);
  GPtrArray *order = g_ptr_array_new_full (roster->len, g_object_unref);

  for (guint i = 0; i < roster->len; i++)
    {
      CivicVolunteerRow *row = g_ptr_array_index (roster, i);
      CivicVolunteerStats *one = g_hash_table_lookup (stats, civic_volunteer_row_get_id (row));

      keys[i].row = row;
      keys[i].last_shift = one && one->last_shift ? one->last_shift : "";
      keys[i].hours = one ? one->hours : 0;
      keys[i].by_name = i;
    }
  if (roster->len > 0)
    qsort (keys, roster->len, sizeof (StatsKey), compare);
  for (guint i = 0; i < roster->len; i++)
    g_ptr_array_add (order, g_object_ref (keys[i].row));
  return order;
}

static void
stats_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StatsData *data = task_data;
  g_autoptr(GHashTable) campaign_events = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shifts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) shift_facts_free);
  g_autoptr(GHashTable) shift_records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;

  data->stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) stats_free);

  if (data->campaign_id != NULL)
    {
      events = civic_store_list_by_ref (data->store, "event", CIVIC_STORE_REF_CAMPAIGN, data->campaign_id, &error);
      if (events == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < events->len; i++)
        g_hash_table_add (campaign_events, (gpointer) doc_string (g_ptr_array_index (events, i), "_id"));
    }

  if (!civic_store_scan_fields (data->store, "shift", shift_fields, add_shift_cb, shifts, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!count_all_signups (data, shifts, shift_records, campaign_events, task))
    return;

  data->by_last_shift = order_by_stats (data->roster, data->stats, compare_last_shift);
  data->by_hours = order_by_stats (data->roster, data->stats, compare_hours);
  g_task_return_boolean (task, TRUE);
}

static void
stats_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StatsData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CivicVolunteersPage *self;
  GHashTableIter iter;
  gpointer key, value;
  gboolean changed = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_unless_cancelled (user_data, error, "Could not count the hours");
      return;
    }
  self = user_data;
  if (data->serial != self->stats_serial)
    return;

  g_clear_pointer (&self->stats, g_hash_table_unref);
  self->stats = g_steal_pointer (&data->stats);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CivicVolunteerStats *one = g_hash_table_lookup (self->stats, key);

      if (civic_volunteer_row_set_stats_quietly (value, one ? one->last_shift : NULL, one ? one->hours : 0))
        changed = TRUE;
    }

  g_clear_pointer (&self->orders[CIVIC_ROSTER_COLUMN_LAST_SHIFT], g_ptr_array_unref);
  g_clear_pointer (&self->orders[CIVIC_ROSTER_COLUMN_HOURS], g_ptr_array_unref);
  if (data->roster_serial == self->roster_serial)
    {
      self->orders[CIVIC_ROSTER_COLUMN_LAST_SHIFT] = g_steal_pointer (&data->by_last_shift);
      self->orders[CIVIC_ROSTER_COLUMN_HOURS] = g_steal_pointer (&data->by_hours);
    }

  /* The figures changed under the rows on screen: one items-changed, in
   * the new order when a statistics column is the sort.
   */
  if (changed)
    {
      if (self->sort_active && (self->sort_column == CIVIC_ROSTER_COLUMN_LAST_SHIFT ||
                                self->sort_column == CIVIC_ROSTER_COLUMN_HOURS))
        refresh_shown (self);
      else
        civic_roster_list_refresh (self->shown);
    }
  g_signal_emit (self, signals[STATS_LOADED], 0);
}

static void
start_stats (CivicVolunteersPage *self)
{
  g_autoptr(GTask) task = NULL;
  StatsData *data;

  g_clear_handle_id (&self->stats_source, g_source_remove);
  self->stats_stale = FALSE;
  if (self->store == NULL || !self->loaded)
    return;

  /* A newer pass replaces one still running. */
  g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  self->stats_cancellable = g_cancellable_new ();

  data = g_new0 (StatsData, 1);
  data->store = g_object_ref (self->store);
  data->campaign_id = g_strdup (self->campaign_id);
  data->serial = ++self->stats_serial;
  data->roster_serial = self->roster_serial;
  data->roster = g_ptr_array_copy (ensure_order (self, CIVIC_ROSTER_COLUMN_NAME),
                                   (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (data->roster, g_object_unref);

  task = g_task_new (NULL, self->stats_cancellable, stats_done_cb, self);
  g_task_set_source_tag (task, start_stats);
  g_task_set_task_data (task, data, (GDestroyNotify) stats_data_free);
  g_task_run_in_thread (task, stats_thread);
}

static gboolean
stats_timeout_cb (gpointer user_data)
{
  CivicVolunteersPage *self = user_data;

  self->stats_source = 0;
  start_stats (self);
  return G_SOURCE_REMOVE;
}

/* A burst of check-ins becomes one pass.  A hidden roster counts again
 * only when it is shown: with a large organization a pass is seconds of a
 * core, and check-in mode at an event writes a signup every few seconds
 * while the main window shows another page.
 */
static void
schedule_stats (CivicVolunteersPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stats_stale = TRUE;
      return;
    }
  if (self->stats_source == 0)
    self->stats_source = g_timeout_add (200, stats_timeout_cb, self);
}

/* ---- Following the store -------------------------------------------------- */

typedef struct {
  CivicStore *store;
  GStrv       ids;
  guint       generation;
} ChangedData;

static void
changed_data_free (ChangedData *data)
{
  g_clear_object (&data->store);
  g_strfreev (data->ids);
  g_free (data);
}

static void
changed_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ChangedData *data = task_data;
  GError *error = NULL;
  GPtrArray *docs = civic_store_get_many (data->store, (const char * const *) data->ids, &error);

  if (docs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, docs, (GDestroyNotify) g_ptr_array_unref);
}

static void
changed_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ChangedData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  CivicVolunteersPage *self;

  if (docs == NULL)
    {
      show_error_unless_cancelled (user_data, error, "Could not read changed volunteers");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        CIVIC_VOLUNTEERS_PAGE (user_data)->fetching_changes = FALSE;
      return;
    }
  self = user_data;
  self->fetching_changes = FALSE;
  if (data->generation != self->generation || self->index == NULL)
    return;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(CivicVolunteerRow) row = NULL;
      CivicVolunteerStats *stats;

      if (g_strcmp0 (doc_string (doc, "type"), "volunteer") != 0)
        continue;
      g_hash_table_add (live, (gpointer) doc_string (doc, "_id"));
      civic_volunteer_search_update (self->index, doc);
      row = make_row (doc, self->office_names);
      stats = self->stats ? g_hash_table_lookup (self->stats, doc_string (doc, "_id")) : NULL;
      if (stats != NULL)
        civic_volunteer_row_set_stats_quietly (row, stats->last_shift, stats->hours);
      g_hash_table_replace (self->rows, g_strdup (doc_string (doc, "_id")), g_steal_pointer (&row));
    }

  /* Whatever volunteer was named but not returned was deleted. */
  for (guint i = 0; data->ids[i] != NULL; i++)
    if (!g_hash_table_contains (live, data->ids[i]) && g_hash_table_contains (self->rows, data->ids[i]))
      {
        civic_volunteer_search_remove (self->index, data->ids[i]);
        g_hash_table_remove (self->rows, data->ids[i]);
      }

  /* The orders are made again when next needed (a few ms each). */
  self->roster_serial++;
  clear_orders (self);
  refresh_shown (self);

  /* More changed while these were read. */
  fetch_changes (self);
}

/* Reads the volunteers named in changed_ids, one fetch at a time so that
 * an older answer never lands after a newer one.
 */
static void
fetch_changes (CivicVolunteersPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  ChangedData *data;
  GHashTableIter iter;
  gpointer id;

  if (!self->loaded || self->fetching_changes || g_hash_table_size (self->changed_ids) == 0)
    return;

  builder = g_strv_builder_new ();
  g_hash_table_iter_init (&iter, self->changed_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_strv_builder_add (builder, id);
  g_hash_table_remove_all (self->changed_ids);

  data = g_new0 (ChangedData, 1);
  data->store = g_object_ref (self->store);
  data->ids = g_strv_builder_end (builder);
  data->generation = self->generation;
  self->fetching_changes = TRUE;

  task = g_task_new (NULL, self->cancellable, changed_done_cb, self);
  g_task_set_source_tag (task, fetch_changes);
  g_task_set_task_data (task, data, (GDestroyNotify) changed_data_free);
  g_task_run_in_thread (task, changed_thread);
}

static void
store_changed_cb (CivicStore          *store,
                  GStrv                ids,
                  GStrv                types,
                  CivicVolunteersPage *self)
{
  if (types == NULL || ids == NULL)
    return;

  if (g_strv_contains ((const char * const *) types, "office") ||
      g_strv_contains ((const char * const *) types, "campaign"))
    {
      /* Office names and the current campaign are in every row. */
      reload (self);
      return;
    }

  /* Not shown yet: the first load will read all of it anyway. */
  if (self->load_pending)
    return;

  if (g_strv_contains ((const char * const *) types, "volunteer"))
    {
      /* Kept while the roster loads, and fetched once it has. */
      for (guint i = 0; ids[i] != NULL; i++)
        if (g_str_has_prefix (ids[i], "volunteer:"))
          g_hash_table_add (self->changed_ids, g_strdup (ids[i]));
      fetch_changes (self);
    }

  if (self->loaded &&
      (g_strv_contains ((const char * const *) types, "signup") ||
       g_strv_contains ((const char * const *) types, "shift") ||
       g_strv_contains ((const char * const *) types, "event")))
    schedule_stats (self);
}

/* ---- Search and filters --------------------------------------------------- */

static const char *
nonempty (const char *s)
{
  return s != NULL && *s ? s : NULL;
}

/* GtkColumnView keeps its first visible item across a splice; its inner
 * list view's "list.scroll-to-item" action is the 4.8 way to move.
 */
static void
scroll_to_top (CivicVolunteersPage *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  /* Already there: scrolling would only make the view allocate every
   * realized row again in the next frame.
   */
  if (vadjustment != NULL && gtk_adjustment_get_value (vadjustment) <= gtk_adjustment_get_lower (vadjustment))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
        break;
      }
}

static GPtrArray *
ensure_by_position (CivicVolunteersPage  *self,
                    CivicVolunteerSearch *index)
{
  guint serial = civic_volunteer_search_get_serial (index);

  if (self->by_position == NULL || self->by_position_index != index ||
      self->by_position_serial != serial || self->by_position_roster != self->roster_serial)
    {
      g_autoptr(GArray) all = civic_volunteer_search_query_hits (index, "", NULL, 0);

      g_clear_pointer (&self->by_position, g_ptr_array_unref);
      self->by_position = g_ptr_array_sized_new (all->len);
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (self->by_position,
                         g_hash_table_lookup (self->rows, g_array_index (all, CivicVolunteerHit, i).id));
      g_set_object (&self->by_position_index, index);
      self->by_position_serial = serial;
      self->by_position_roster = self->roster_serial;
    }
  return self->by_position;
}

/* Where each of @by_position's rows is in @order (G_MAXUINT32: nowhere),
 * worked out once per order and roster: picking a search's rows out of
 * the order is then a pass over bytes, not over ten thousand rows.
 */
static const guint32 *
ensure_ranks (CivicVolunteersPage *self,
              GPtrArray           *order,
              GPtrArray           *by_position)
{
  if (self->ranks == NULL || self->ranks_order != order || self->ranks_positions != by_position)
    {
      g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);

      g_clear_pointer (&self->ranks_order, g_ptr_array_unref);
      g_clear_pointer (&self->ranks_positions, g_ptr_array_unref);
      g_free (self->ranks);
      self->ranks = g_new (guint32, MAX (1, by_position->len));
      for (guint p = 0; p < by_position->len; p++)
        {
          self->ranks[p] = G_MAXUINT32;
          if (by_position->pdata[p] != NULL)
            g_hash_table_insert (positions, by_position->pdata[p], GUINT_TO_POINTER (p + 1));
        }
      for (guint k = 0; k < order->len; k++)
        {
          guint p = GPOINTER_TO_UINT (g_hash_table_lookup (positions, order->pdata[k]));

          if (p != 0)
            self->ranks[p - 1] = k;
        }
      self->ranks_order = g_ptr_array_ref (order);
      self->ranks_positions = g_ptr_array_ref (by_position);
    }
  return self->ranks;
}

static void
clear_ranks (CivicVolunteersPage *self)
{
  g_clear_pointer (&self->ranks_order, g_ptr_array_unref);
  g_clear_pointer (&self->ranks_positions, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_free);
}

/* The rows to show: the index's ranked answer to the search and filters,
 * else, when a column header chose an order, the same rows in that order,
 * picked out of the column's precomputed order in one pass.
 */
static GPtrArray *
rows_to_show (CivicVolunteersPage  *self,
              CivicVolunteerSearch *index)
{
  CivicVolunteerFilter filter = { 0 };
  g_autoptr(GArray) hits = NULL;
  GPtrArray *by_position;
  GPtrArray *rows;

  filter.office_id = nonempty (self->filter_office);
  filter.language = nonempty (self->filter_language);
  filter.skill = nonempty (self->filter_skill);
  filter.age_group = nonempty (self->filter_age_group);
  filter.availability_day = nonempty (self->filter_day);
  filter.availability_time = nonempty (self->filter_time);
  if (g_strcmp0 (self->filter_active, "active") == 0)
    filter.active = CIVIC_VOLUNTEER_ACTIVE_ONLY;
  else if (g_strcmp0 (self->filter_active, "inactive") == 0)
    filter.active = CIVIC_VOLUNTEER_INACTIVE_ONLY;

  by_position = ensure_by_position (self, index);
  hits = civic_volunteer_search_query_hits (index, self->search_text, &filter, 0);
  rows = g_ptr_array_sized_new (hits->len);

  if (!self->sort_active)
    {
      for (guint i = 0; i < hits->len; i++)
        {
          CivicVolunteerRow *row = g_ptr_array_index (by_position, g_array_index (hits, CivicVolunteerHit, i).position);

          if (row != NULL)
            g_ptr_array_add (rows, row);
        }
    }
  else if (!self->loaded)
    {
      /* The first page: a hundred rows at most, sorted as they are. */
      for (guint i = 0; i < hits->len; i++)
        {
          CivicVolunteerRow *row = g_ptr_array_index (by_position, g_array_index (hits, CivicVolunteerHit, i).position);

          if (row != NULL)
            g_ptr_array_add (rows, row);
        }
      g_ptr_array_sort_with_data (rows, compare_rows_cb, GUINT_TO_POINTER (self->sort_column));
      if (self->sort_descending)
        for (guint i = 0; i < rows->len / 2; i++)
          {
            gpointer tmp = rows->pdata[i];

            rows->pdata[i] = rows->pdata[rows->len - 1 - i];
            rows->pdata[rows->len - 1 - i] = tmp;
          }
    }
  else
    {
      GPtrArray *order = ensure_order (self, self->sort_column);
      const guint32 *ranks = ensure_ranks (self, order, by_position);
      g_autofree guint8 *picked = g_malloc0 (MAX (1, order->len));

      for (guint i = 0; i < hits->len; i++)
        {
          guint32 k = ranks[g_array_index (hits, CivicVolunteerHit, i).position];

          if (k != G_MAXUINT32)
            picked[k] = 1;
        }
      for (guint i = 0; i < order->len; i++)
        {
          guint k = self->sort_descending ? order->len - 1 - i : i;

          if (picked[k])
            g_ptr_array_add (rows, g_ptr_array_index (order, k));
        }
    }

  return rows;
}

static gboolean
flush_slots_cb (gpointer data)
{
  CivicVolunteersPage *self = data;

  self->flush_source = 0;
  civic_roster_slots_flush (self->slots);
  return G_SOURCE_REMOVE;
}

/* The clock may have been disposed (its window destroyed) meanwhile,
 * which dropped the handler already.
 */
static void
flush_after_frame_cb (gpointer data)
{
  CivicVolunteersPage *self = data;

  /* Below the frame clock's priority: input and the next frame first. */
  if (self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_slots_cb, self, NULL);
}

static void
schedule_flush (CivicVolunteersPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!civic_roster_slots_is_stale (self->slots))
    return;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      civic_roster_slots_flush (self->slots);
      return;
    }
  if (self->flush_source != 0)
    return;
  civic_after_frame_schedule (&self->flush_after_frame, GTK_WIDGET (self), flush_after_frame_cb, self);
}

/* Scrolled away from the top: rows past the first screenful show. */
static void
vadjustment_changed_cb (GtkAdjustment       *adjustment,
                        CivicVolunteersPage *self)
{
  if (gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment))
    civic_roster_slots_flush (self->slots);
}

/* The positions the next frame shows after a new answer, which starts at
 * the top: only their cells change now.
 */
static void
limit_to_first_screen (CivicVolunteersPage *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double upper;
  guint n_items, n_rows;

  if (vadjustment != self->vadjustment)
    {
      if (self->vadjustment != NULL)
        g_signal_handlers_disconnect_by_func (self->vadjustment, vadjustment_changed_cb, self);
      g_set_object (&self->vadjustment, vadjustment);
      if (vadjustment != NULL)
        g_signal_connect (vadjustment, "value-changed", G_CALLBACK (vadjustment_changed_cb), self);
    }
  if (vadjustment == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  upper = gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_lower (vadjustment);
  /* The list's rows are all as tall as each other: its height over their
   * number is a row's, and two more rows allow for a part of one at each
   * end.  Before the list is laid out, the cells' own height serves.
   */
  if (n_items > 0 && upper > 0)
    n_rows = (guint) (gtk_adjustment_get_page_size (vadjustment) / (upper / n_items)) + 2;
  else
    n_rows = civic_roster_slots_rows_in (self->slots, gtk_adjustment_get_page_size (vadjustment));
  civic_roster_slots_set_on_screen (self->slots, 0, n_rows);
}

static gint64
run_search (CivicVolunteersPage *self)
{
  CivicVolunteerSearch *index = self->index ? self->index : self->first_index;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 queried;
  gboolean changed;

  if (index == NULL)
    return 0;

  rows = rows_to_show (self, index);
  /* Until the rest load, what the list can show of the first page. */
  if (!self->loaded && self->first_rows_limit > 0 && rows->len > self->first_rows_limit)
    g_ptr_array_set_size (rows, self->first_rows_limit);

  queried = g_get_monotonic_time ();
  limit_to_first_screen (self);
  self->splicing = TRUE;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (selected))
    {
      /* The column view's items are positions (civic-roster-slots.h): the
       * selected people are found again at their new positions.
       */
      guint mark = ++self->mark;
      GtkBitsetIter iter;
      guint position;

      if (mark == 0)
        mark = ++self->mark;
      if (gtk_bitset_iter_init_first (&iter, selected, &position))
        do
          {
            g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

            if (row != NULL)
              civic_volunteer_row_set_mark (row, mark);
          }
        while (gtk_bitset_iter_next (&iter, &position));

      changed = civic_roster_list_replace (self->shown, (CivicVolunteerRow **) rows->pdata, rows->len);
      if (changed)
        {
          g_autoptr(GtkBitset) now = gtk_bitset_new_empty ();
          g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, MAX (rows->len, gtk_bitset_get_maximum (selected) + 1));

          for (guint i = 0; i < rows->len; i++)
            if (civic_volunteer_row_get_mark (g_ptr_array_index (rows, i)) == mark)
              gtk_bitset_add (now, i);
          gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), now, mask);
        }
    }
  else
    changed = civic_roster_list_replace (self->shown, (CivicVolunteerRow **) rows->pdata, rows->len);
  if (!changed)
    civic_roster_slots_postpone_trim (self->slots);
  self->splicing = FALSE;
  civic_roster_slots_set_on_screen (self->slots, 0, G_MAXUINT);
  schedule_flush (self);
  g_debug ("Search: %u hits, index %.2f ms, list %.2f ms", rows->len,
           (queried - started) / 1000.0, (g_get_monotonic_time () - queried) / 1000.0);
  /* New results start at their best match, not where the old list was. */
  if (changed && rows->len > 0)
    scroll_to_top (self);

  if (rows->len > 0)
    show_list_child (self, "list");
  else if (!self->loaded)
    show_list_child (self, "loading");
  else
    {
      const char *description = g_hash_table_size (self->rows) == 0 ?
                                _("The roster is empty. Add a volunteer with Ctrl+N or import a CSV file with Ctrl+I.") :
                                _("No volunteer matches the search and the filters.");

      /* The same text again would still measure the page again. */
      if (g_strcmp0 (adw_status_page_get_description (self->empty_page), description) != 0)
        adw_status_page_set_description (self->empty_page, description);
      show_list_child (self, "empty");
    }

  return g_get_monotonic_time () - started;
}

static void
refresh_shown (CivicVolunteersPage *self)
{
  gint64 took = run_search (self);

  g_debug ("Search “%s” took %.2f ms", self->search_text ? self->search_text : "", took / 1000.0);
}

static void
search_changed_cb (CivicVolunteersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* The entry reports a change after its delay even when the search for
   * this text has already run (_civic_volunteers_page_search_now (), or
   * text set back to what it was): the answer would be the same.  Filters,
   * the sort and the roster run the search themselves when they change.
   */
  if (g_strcmp0 (text, self->search_text ? self->search_text : "") == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  refresh_shown (self);
}

/* A column header was clicked (or the sort set otherwise). */
static void
sort_changed_cb (GtkSorter           *sorter,
                 GtkSorterChange      change,
                 CivicVolunteersPage *self)
{
  CivicRosterColumn column = CIVIC_ROSTER_COLUMN_NAME;
  gboolean descending = FALSE;
  gboolean active = civic_roster_sorter_find_primary (sorter, &column, &descending);

  if (active == self->sort_active && column == self->sort_column && descending == self->sort_descending)
    return;
  self->sort_active = active;
  self->sort_column = column;
  self->sort_descending = descending;
  refresh_shown (self);
}

typedef struct {
  const char *key;       /* GSettings key */
  gsize       offset;    /* of the char* in the page */
  const char *label;
} FilterSpec;

static const FilterSpec filter_specs[] = {
  { "volunteers-office", G_STRUCT_OFFSET (CivicVolunteersPage, filter_office), N_("Office") },
  { "volunteers-language", G_STRUCT_OFFSET (CivicVolunteersPage, filter_language), N_("Language") },
  { "volunteers-skill", G_STRUCT_OFFSET (CivicVolunteersPage, filter_skill), N_("Skill") },
  { "volunteers-age-group", G_STRUCT_OFFSET (CivicVolunteersPage, filter_age_group), N_("Age group") },
  { "volunteers-active", G_STRUCT_OFFSET (CivicVolunteersPage, filter_active), N_("Active") },
  { "volunteers-availability-day", G_STRUCT_OFFSET (CivicVolunteersPage, filter_day), N_("Available days") },
  { "volunteers-availability-time", G_STRUCT_OFFSET (CivicVolunteersPage, filter_time), N_("Available time") },
};

static char **
filter_slot (CivicVolunteersPage *self,
             guint                i)
{
  return G_STRUCT_MEMBER_P (self, filter_specs[i].offset);
}

static void
filter_chosen_cb (GtkDropDown         *dropdown,
                  GParamSpec          *pspec,
                  CivicVolunteersPage *self)
{
  guint spec = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "filter-spec"));
  GStrv values = g_object_get_data (G_OBJECT (dropdown), "values");
  guint selected = gtk_drop_down_get_selected (dropdown);
  char **slot = filter_slot (self, spec);

  if (values == NULL || selected >= g_strv_length (values))
    return;

  g_free (*slot);
  *slot = g_strdup (values[selected]);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, filter_specs[spec].key, *slot);
  refresh_shown (self);
}

static int
compare_office_names (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return g_utf8_collate (g_hash_table_lookup (user_data, a) ?: "", g_hash_table_lookup (user_data, b) ?: "");
}

static void
add_choices (GPtrArray          *values,
             GPtrArray          *labels,
             const char * const *list,
             const char       *(*get_label) (const char *))
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_ptr_array_add (values, g_strdup (list[i]));
      g_ptr_array_add (labels, g_strdup (get_label ? get_label (list[i]) : list[i]));
    }
}

/* What filter @spec offers besides "Any": its values, and their labels. */
static void
get_filter_choices (CivicVolunteersPage *self,
                    guint                spec,
                    GPtrArray           *values,
                    GPtrArray           *labels)
{
  switch (spec)
    {
    case 0:
      if (self->office_names != NULL)
        {
          g_autoptr(GList) ids = g_hash_table_get_keys (self->office_names);

          ids = g_list_sort_with_data (ids, compare_office_names, self->office_names);
          for (GList *l = ids; l != NULL; l = l->next)
            {
              g_ptr_array_add (values, g_strdup (l->data));
              g_ptr_array_add (labels, g_strdup (g_hash_table_lookup (self->office_names, l->data)));
            }
        }
      break;
    case 1:
      add_choices (values, labels, (const char * const *) self->languages, NULL);
      break;
    case 2:
      add_choices (values, labels, (const char * const *) self->skills, NULL);
      break;
    case 3:
      add_choices (values, labels, civic_volunteer_age_group_list (), civic_volunteer_age_group_get_label);
      break;
    case 4:
      g_ptr_array_add (values, g_strdup ("active"));
      g_ptr_array_add (labels, g_strdup (_("Active")));
      g_ptr_array_add (values, g_strdup ("inactive"));
      g_ptr_array_add (labels, g_strdup (_("Inactive")));
      break;
    case 5:
      add_choices (values, labels, civic_availability_day_list (), civic_availability_day_get_label);
      break;
    case 6:
      add_choices (values, labels, civic_availability_time_list (), civic_availability_time_get_label);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A remembered value that no longer exists (an office since removed, a
 * language no one speaks now) must not hide everyone: once the roster has
 * loaded, and so the choices are known, such a filter is dropped.
 */
static void
drop_unknown_filters (CivicVolunteersPage *self)
{
  for (guint spec = 0; spec < G_N_ELEMENTS (filter_specs); spec++)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      char **slot = filter_slot (self, spec);
      gboolean known = FALSE;

      if (*slot == NULL || **slot == '\0')
        continue;
      get_filter_choices (self, spec, values, labels);
      for (guint i = 0; i < values->len && !known; i++)
        known = g_strcmp0 (*slot, g_ptr_array_index (values, i)) == 0;
      if (!known)
        {
          g_free (*slot);
          *slot = g_strdup ("");
        }
    }
}

/* One drop-down: "Any" first, then the filter's choices. */
static void
add_filter_choice (CivicVolunteersPage *self,
                   guint                spec)
{
  GtkWidget *label = gtk_label_new (_(filter_specs[spec].label));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dropdown;
  const char *current = *filter_slot (self, spec);
  guint selected = 0;
  GStrv copy;

  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("Any")));
  get_filter_choices (self, spec, values, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (labels, i));
      if (g_strcmp0 (current, g_ptr_array_index (values, i)) == 0)
        selected = i;
    }
  g_ptr_array_add (values, NULL);
  copy = g_strdupv ((char **) values->pdata);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_object_set_data (G_OBJECT (dropdown), "filter-spec", GUINT_TO_POINTER (spec));
  g_object_set_data_full (G_OBJECT (dropdown), "values", copy, (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (filter_chosen_cb), self, 0);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (self->filter_grid, label, 0, spec, 1, 1);
  gtk_grid_attach (self->filter_grid, dropdown, 1, spec, 1, 1);
}

static void
build_filters (CivicVolunteersPage *self)
{
  GtkWidget *child;

  self->filters_stale = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_grid))) != NULL)
    gtk_grid_remove (self->filter_grid, child);
  for (guint spec = 0; spec < G_N_ELEMENTS (filter_specs); spec++)
    add_filter_choice (self, spec);
}

/* The filters' drop-downs (seven, a millisecond or two each to make) are
 * made when the popover opens, not with the page or each time the roster
 * loads: both are on the way to the roster's first rows.
 */
static void
rebuild_filters (CivicVolunteersPage *self)
{
  if (self->loaded)
    drop_unknown_filters (self);
  if (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (self->filter_button))))
    build_filters (self);
  else
    self->filters_stale = TRUE;
}

static void
filter_popover_shown_cb (CivicVolunteersPage *self)
{
  if (self->filters_stale)
    build_filters (self);
}

char *
_civic_volunteers_page_describe_filters (CivicVolunteersPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (filter_specs); i++)
    {
      const char *value = *filter_slot (self, i);
      const char *shown = value;

      if (value == NULL || *value == '\0')
        continue;
      if (i == 0 && self->office_names != NULL && g_hash_table_lookup (self->office_names, value))
        shown = g_hash_table_lookup (self->office_names, value);
      else if (i == 3)
        shown = civic_volunteer_age_group_get_label (value);
      else if (i == 4)
        shown = g_strcmp0 (value, "active") == 0 ? _("Active") : _("Inactive");
      else if (i == 5)
        shown = civic_availability_day_get_label (value);
      else if (i == 6)
        shown = civic_availability_time_get_label (value);
      g_string_append_printf (text, "%s%s: %s", text->len ? " · " : "", _(filter_specs[i].label), shown);
    }
  if (self->search_text != NULL && *self->search_text)
    g_string_append_printf (text, "%s“%s”", text->len ? " · " : "", self->search_text);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Columns -------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CivicRosterColumn column = GPOINTER_TO_UINT (user_data);
  gboolean numeric = column == CIVIC_ROSTER_COLUMN_HOURS;
  GtkWidget *cell = civic_text_cell_new (numeric ? 1 : 0);

  if (column == CIVIC_ROSTER_COLUMN_PHONE || numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  civic_roster_slot_bind_cell (gtk_list_item_get_item (item), GPOINTER_TO_UINT (user_data),
                               CIVIC_TEXT_CELL (gtk_list_item_get_child (item)));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  civic_roster_slot_unbind_cell (gtk_list_item_get_item (item), GPOINTER_TO_UINT (user_data),
                                 CIVIC_TEXT_CELL (gtk_list_item_get_child (item)));
}

static void
add_column (CivicVolunteersPage *self,
            const char          *title,
            CivicRosterColumn    id,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  g_autoptr(GtkSorter) sorter = civic_roster_sorter_new (id);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (id));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (id));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GUINT_TO_POINTER (id));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The name (a negative width) takes what the others leave. */
  gtk_column_view_column_set_expand (column, width < 0);
  gtk_column_view_column_set_fixed_width (column, ABS (width));
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
setup_columns (CivicVolunteersPage *self)
{
  add_column (self, _("Name"), CIVIC_ROSTER_COLUMN_NAME, -190);
  add_column (self, _("Phone"), CIVIC_ROSTER_COLUMN_PHONE, 120);
  add_column (self, _("Languages"), CIVIC_ROSTER_COLUMN_LANGUAGES, 80);
  add_column (self, _("Office"), CIVIC_ROSTER_COLUMN_OFFICE, 130);
  add_column (self, _("Last Shift"), CIVIC_ROSTER_COLUMN_LAST_SHIFT, 95);
  add_column (self, _("Hours"), CIVIC_ROSTER_COLUMN_HOURS, 60);
  add_column (self, _("Active"), CIVIC_ROSTER_COLUMN_ACTIVE, 60);
}

/* ---- Selection and the detail side ---------------------------------------- */

GStrv
_civic_volunteers_page_dup_selected_ids (CivicVolunteersPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

        if (row != NULL)
          g_strv_builder_add (builder, civic_volunteer_row_get_id (row));
      }
    while (gtk_bitset_iter_next (&iter, &position));

  return g_strv_builder_end (builder);
}

static void
show_editor (CivicVolunteersPage *self,
             const char          *id,
             gboolean             navigate)
{
  if (id != NULL)
    civic_volunteer_editor_load (self->editor, id);
  else
    civic_volunteer_editor_new_volunteer (self->editor);
  gtk_stack_set_visible_child_name (self->detail_stack, "editor");
  _civic_volunteers_page_update_actions (self);
  if (navigate)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

void
_civic_volunteers_page_open_volunteer (CivicVolunteersPage *self,
                                       const char          *id)
{
  show_editor (self, id, TRUE);
}

static void
selection_changed_cb (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      CivicVolunteersPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  guint64 count = gtk_bitset_get_size (selected);
  guint n_rows = civic_roster_slots_get_n_rows (self->slots);

  /* Blank positions after the rows (civic-roster-slots.h) hold nobody. */
  if (count > 0 && gtk_bitset_get_maximum (selected) >= n_rows)
    {
      gtk_selection_model_unselect_range (model, n_rows, g_list_model_get_n_items (G_LIST_MODEL (self->slots)) - n_rows);
      return;
    }

  gtk_action_bar_set_revealed (self->action_bar, count > 0);
  if (count > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u selected", "%u selected", (gulong) count), (guint) count);
      gtk_label_set_label (self->selection_label, text);
    }

  /* One selected person shows on the side when both sides are visible;
   * a selection that changed because the search replaced the rows is not
   * the person's choice.
   */
  if (count == 1 && !self->splicing && !adw_leaflet_get_folded (self->leaflet))
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), gtk_bitset_get_nth (selected, 0));

      if (row != NULL && g_strcmp0 (civic_volunteer_row_get_id (row), civic_volunteer_editor_get_volunteer_id (self->editor)) != 0 &&
          !civic_volunteer_editor_get_modified (self->editor))
        show_editor (self, civic_volunteer_row_get_id (row), FALSE);
    }

  _civic_volunteers_page_update_actions (self);
}

static void
row_activated_cb (CivicVolunteersPage *self,
                  guint                position)
{
  g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (row != NULL)
    show_editor (self, civic_volunteer_row_get_id (row), TRUE);
}

static void
back_clicked_cb (CivicVolunteersPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
editor_saved_cb (CivicVolunteersPage *self,
                 const char          *id)
{
  g_autoptr(AdwToast) toast = adw_toast_new (_("Volunteer saved"));

  _civic_volunteers_page_add_toast (self, g_steal_pointer (&toast));
}

static void
editor_open_volunteer_cb (CivicVolunteersPage *self,
                          const char          *id)
{
  show_editor (self, id, TRUE);
}

static void
editor_title_cb (CivicVolunteersPage *self)
{
  gtk_label_set_label (self->detail_title, civic_volunteer_editor_get_title (self->editor));
}

/* ---- Toasts and errors ---------------------------------------------------- */

void
_civic_volunteers_page_add_toast (CivicVolunteersPage *self,
                                  AdwToast            *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (window != NULL)
    civic_window_add_toast (CIVIC_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

void
_civic_volunteers_page_show_error (CivicVolunteersPage *self,
                                   const GError        *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

  if (window != NULL)
    civic_window_show_error (CIVIC_WINDOW (window), error);
  else
    g_message ("%s", error->message);
}

GHashTable *
_civic_volunteers_page_get_office_names (CivicVolunteersPage *self)
{
  return self->office_names;
}

const char *
_civic_volunteers_page_get_campaign_id (CivicVolunteersPage *self)
{
  return self->campaign_id;
}

const char *
_civic_volunteers_page_get_campaign_name (CivicVolunteersPage *self)
{
  return self->campaign_name;
}

GListModel *
_civic_volunteers_page_get_model (CivicVolunteersPage *self)
{
  return G_LIST_MODEL (self->shown);
}

GtkSelectionModel *
_civic_volunteers_page_get_selection (CivicVolunteersPage *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}

GtkMenuButton *
_civic_volunteers_page_get_filter_button (CivicVolunteersPage *self)
{
  return self->filter_button;
}

GtkColumnView *
_civic_volunteers_page_get_column_view (CivicVolunteersPage *self)
{
  return self->column_view;
}

CivicVolunteerEditor *
_civic_volunteers_page_get_editor (CivicVolunteersPage *self)
{
  return self->editor;
}

CivicVolunteerSearch *
_civic_volunteers_page_get_index (CivicVolunteersPage *self)
{
  return self->index;
}

gint64
_civic_volunteers_page_search_now (CivicVolunteersPage *self,
                                   const char          *text)
{
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  return run_search (self);
}

/* ---- GObject -------------------------------------------------------------- */

static void
civic_volunteers_page_dispose (GObject *object)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (object);

  /* Cancelled tasks leave the page alone when they come back. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->stats_cancellable);
  g_clear_object (&self->stats_cancellable);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  civic_after_frame_cancel (&self->flush_after_frame);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, vadjustment_changed_cb, self);
  g_clear_object (&self->vadjustment);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), sort_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_VOLUNTEERS_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->index);
  g_clear_object (&self->first_index);
  clear_orders (self);
  g_clear_pointer (&self->by_position, g_ptr_array_unref);
  g_clear_object (&self->by_position_index);
  clear_ranks (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->stats, g_hash_table_unref);
  g_clear_pointer (&self->office_names, g_hash_table_unref);
  g_clear_pointer (&self->undo_docs, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_volunteers_page_parent_class)->dispose (object);
}

static void
civic_volunteers_page_finalize (GObject *object)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (object);

  g_strfreev (self->languages);
  g_strfreev (self->skills);
  g_free (self->campaign_id);
  g_free (self->campaign_name);
  g_free (self->search_text);
  for (guint i = 0; i < G_N_ELEMENTS (filter_specs); i++)
    g_free (*filter_slot (self, i));

  G_OBJECT_CLASS (civic_volunteers_page_parent_class)->finalize (object);
}

static void
civic_volunteers_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (object);

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
civic_volunteers_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      civic_volunteers_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_READ_ONLY:
      civic_volunteers_page_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
civic_volunteers_page_map (GtkWidget *widget)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (widget);

  /* First shown (or shown again after a reload while hidden).  The read
   * starts before the children are mapped, so that it runs while they
   * are and is more often done before the first frame.
   */
  if (self->load_pending && self->store != NULL)
    start_load (self);

  GTK_WIDGET_CLASS (civic_volunteers_page_parent_class)->map (widget);

  if (self->stats_stale)
    {
      self->stats_stale = FALSE;
      schedule_stats (self);
    }
}

static void
civic_volunteers_page_class_init (CivicVolunteersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = civic_volunteers_page_map;

  object_class->dispose = civic_volunteers_page_dispose;
  object_class->finalize = civic_volunteers_page_finalize;
  object_class->get_property = civic_volunteers_page_get_property;
  object_class->set_property = civic_volunteers_page_set_property;

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
   * CivicVolunteersPage::loaded:
   *
   * The roster and its search index are loaded.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CivicVolunteersPage::stats-loaded:
   *
   * Last shifts and campaign hours are in the rows.
   */
  signals[STATS_LOADED] = g_signal_new ("stats-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CivicVolunteersPage::bulk-done:
   * @ok: whether the change was written
   *
   * A bulk change (or its undo) has been written, or has failed.
   */
  signals[BULK_DONE] = g_signal_new ("bulk-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (CIVIC_TYPE_VOLUNTEER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/volunteers/civic-volunteers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicVolunteersPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_open_volunteer_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_title_cb);

  gtk_widget_class_install_action (widget_class, "volunteers.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "volunteers.search", NULL);

  _civic_volunteers_page_class_init_actions (widget_class);
}

static void
civic_volunteers_page_init (CivicVolunteersPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->changed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->shown = civic_roster_list_new ();
  setup_columns (self);
  /* The headers' sorter only says which order is wanted; the roster puts
   * its rows in that order itself.
   */
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (sort_changed_cb), self);
  self->slots = civic_roster_slots_new (G_LIST_MODEL (self->shown));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self, 0);

  /* Each keystroke searches at once: the index answers in a few ms. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);

  for (guint i = 0; i < G_N_ELEMENTS (filter_specs); i++)
    *filter_slot (self, i) = g_strdup ("");
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "volunteers-office"))
    {
      self->settings = g_settings_new (APP_ID);
      for (guint i = 0; i < G_N_ELEMENTS (filter_specs); i++)
        {
          g_free (*filter_slot (self, i));
          *filter_slot (self, i) = g_settings_get_string (self->settings, filter_specs[i].key);
        }
    }

  _civic_volunteers_page_init_drop (self);
  g_signal_connect_object (gtk_menu_button_get_popover (self->filter_button), "show",
                           G_CALLBACK (filter_popover_shown_cb), self, G_CONNECT_SWAPPED);
  rebuild_filters (self);
  _civic_volunteers_page_update_actions (self);
}

/* ---- Public API ---------------------------------------------------------- */

/**
 * civic_volunteers_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store, or %NULL while it opens
 */
CivicStore *
civic_volunteers_page_get_store (CivicVolunteersPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEERS_PAGE (self), NULL);

  return self->store;
}

void
civic_volunteers_page_set_store (CivicVolunteersPage *self,
                                 CivicStore          *store)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEERS_PAGE (self));
  g_return_if_fail (!store || CIVIC_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    self->store_changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb), self);

  civic_volunteer_editor_set_store (self->editor, store);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  reload (self);
  _civic_volunteers_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
civic_volunteers_page_get_read_only (CivicVolunteersPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEERS_PAGE (self), FALSE);

  return self->read_only;
}

void
civic_volunteers_page_set_read_only (CivicVolunteersPage *self,
                                     gboolean             read_only)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEERS_PAGE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  civic_volunteer_editor_set_read_only (self->editor, read_only);
  _civic_volunteers_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* For the actions file: the page's private fields it needs. */
GPtrArray **
_civic_volunteers_page_undo_slot (CivicVolunteersPage *self)
{
  return &self->undo_docs;
}

gboolean
_civic_volunteers_page_is_loaded (CivicVolunteersPage *self)
{
  return self->loaded;
}

guint
_civic_volunteers_page_bulk_done_signal (void)
{
  return signals[BULK_DONE];
}

gboolean
_civic_volunteers_page_has_volunteer (CivicVolunteersPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "editor") == 0;
}

void
_civic_volunteers_page_new_volunteer (CivicVolunteersPage *self)
{
  show_editor (self, NULL, TRUE);
}
