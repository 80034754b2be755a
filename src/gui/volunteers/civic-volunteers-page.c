/* civic-volunteers-page.c — the Volunteers page: the roster and a volunteer's page
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwLeaflet holds the roster (search, filters, a sortable column view
 * with multi-selection and bulk actions) and the volunteer editor; below
 * 720 px or so only one of them shows, so the page works at 360 px.
 *
 * Loading never blocks the main loop: one GTask thread lists the offices
 * and the volunteers, hands the first rows over as soon as they are made
 * (so the roster shows them before the whole list is ready), then builds
 * the search index over every volunteer and returns it.  A second thread
 * makes ONE pass over shifts and signups for each person's last shift and
 * hours in the current campaign.  After that, the store's ::changed signal
 * keeps both current: changed volunteers are fetched in a thread and
 * replaced in the rows and the index; changed signups or shifts start the
 * statistics pass again.
 *
 * Searching and filtering go through the index (civic-volunteer-search.h),
 * which answers with ranked ids: the page replaces the shown list with
 * those rows in one splice.  A column header chosen for sorting wins over
 * the rank, through the GtkSortListModel bound to the column view's sorter.
 */

#define G_LOG_DOMAIN "civic-volunteers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-derived.h"
#include "civic-record.h"
#include "civic-signup.h"
#include "civic-shift.h"
#include "civic-text.h"
#include "civic-volunteer.h"
#include "civic-volunteer-editor.h"
#include "civic-volunteer-row.h"
#include "civic-volunteers-page.h"
#include "civic-volunteers-page-private.h"
#include "civic-window.h"

/* Rows made before the first hand-over: a screenful and then some. */
#define FIRST_BATCH 60

struct _CivicVolunteersPage
{
  AdwBin                parent_instance;

  CivicStore           *store;
  gboolean              read_only;

  GSettings            *settings;
  GCancellable         *cancellable;
  gulong                store_changed_id;
  guint                 generation;
  guint                 stats_source;
  gboolean              loaded;
  gboolean              splicing;

  GHashTable           *rows;          /* id → CivicVolunteerRow */
  GHashTable           *stats;         /* id → CivicVolunteerStats */
  GHashTable           *office_names;  /* id → name */
  GStrv                 languages;     /* seen among volunteers, sorted */
  GStrv                 skills;
  char                 *campaign_id;
  char                 *campaign_name;
  CivicVolunteerSearch *index;
  GListStore           *shown;
  GtkSortListModel     *sorted;
  GtkMultiSelection    *selection;

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
  GtkGrid              *filter_grid;
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
static void schedule_stats (CivicVolunteersPage *self);

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

/* ---- Loading the roster ---------------------------------------------------- */

typedef struct {
  CivicStore           *store;
  GMainContext         *context;
  CivicVolunteersPage  *page;      /* a reference, for the early hand-over */
  guint                 generation;

  /* Results */
  GPtrArray            *rows;
  CivicVolunteerSearch *index;
  GHashTable           *office_names;
  GStrv                 languages;
  GStrv                 skills;
  char                 *campaign_id;
  char                 *campaign_name;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_object (&data->page);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_object (&data->index);
  g_clear_pointer (&data->office_names, g_hash_table_unref);
  g_strfreev (data->languages);
  g_strfreev (data->skills);
  g_free (data->campaign_id);
  g_free (data->campaign_name);
  g_free (data);
}

typedef struct {
  CivicVolunteersPage *page;
  guint                generation;
  GPtrArray           *rows;
} FirstRows;

static void
first_rows_free (FirstRows *first)
{
  g_object_unref (first->page);
  g_ptr_array_unref (first->rows);
  g_free (first);
}

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

/* The first rows, before the index exists: shown in the store's order
 * (by name), which is also the index's order for an empty search.
 */
static gboolean
first_rows_cb (gpointer user_data)
{
  FirstRows *first = user_data;
  CivicVolunteersPage *self = first->page;

  if (first->generation != self->generation || self->store == NULL || self->index != NULL)
    return G_SOURCE_REMOVE;

  add_rows (self, first->rows);
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       first->rows->pdata, first->rows->len);
  gtk_stack_set_visible_child_name (self->list_stack, first->rows->len > 0 ? "list" : "loading");

  return G_SOURCE_REMOVE;
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

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *error = NULL;

  offices = civic_store_list (data->store, "office", &error);
  if (offices == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->office_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < offices->len; i++)
    {
      JsonObject *office = g_ptr_array_index (offices, i);

      g_hash_table_insert (data->office_names, g_strdup (doc_string (office, "_id")),
                           g_strdup (doc_string (office, "name")));
    }

  volunteers = civic_store_list (data->store, "volunteer", &error);
  if (volunteers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->rows = g_ptr_array_new_full (volunteers->len, g_object_unref);
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);
      const char *office_id = doc_string (doc, "office_id");

      g_ptr_array_add (data->rows,
                       civic_volunteer_row_new (doc, office_id ? g_hash_table_lookup (data->office_names, office_id) : NULL));

      if (i + 1 == MIN (FIRST_BATCH, volunteers->len) && volunteers->len > FIRST_BATCH)
        {
          FirstRows *first = g_new0 (FirstRows, 1);

          first->page = g_object_ref (data->page);
          first->generation = data->generation;
          first->rows = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint j = 0; j <= i; j++)
            g_ptr_array_add (first->rows, g_object_ref (g_ptr_array_index (data->rows, j)));
          g_main_context_invoke_full (data->context, G_PRIORITY_HIGH, first_rows_cb, first,
                                      (GDestroyNotify) first_rows_free);
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data->index = civic_volunteer_search_new ();
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);

      civic_volunteer_search_update (data->index, doc);
      collect_strings (doc, "languages", languages);
      collect_strings (doc, "skills", skills);
    }
  data->languages = sorted_keys (languages);
  data->skills = sorted_keys (skills);

  find_current_campaign (data->store, &data->campaign_id, &data->campaign_name);

  g_task_return_boolean (task, TRUE);
}

static void rebuild_filters (CivicVolunteersPage *self);

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (source);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the roster: %s", error->message);
          _civic_volunteers_page_show_error (self, error);
        }
      return;
    }
  if (data->generation != self->generation)
    return;

  g_hash_table_remove_all (self->rows);
  add_rows (self, data->rows);
  g_set_object (&self->index, data->index);
  g_clear_pointer (&self->office_names, g_hash_table_unref);
  self->office_names = g_steal_pointer (&data->office_names);
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

  schedule_stats (self);
}

static void
reload (CivicVolunteersPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  self->generation++;
  self->loaded = FALSE;
  g_clear_object (&self->index);
  g_hash_table_remove_all (self->rows);
  g_list_store_remove_all (self->shown);
  gtk_stack_set_visible_child_name (self->list_stack, "loading");

  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->context = g_main_context_ref_thread_default ();
  data->page = g_object_ref (self);
  data->generation = self->generation;

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- Last shifts and campaign hours: one pass over signups ---------------- */

typedef struct {
  CivicStore *store;
  char       *campaign_id;
  guint       generation;
} StatsData;

static void
stats_data_free (StatsData *data)
{
  g_clear_object (&data->store);
  g_free (data->campaign_id);
  g_free (data);
}

static void
stats_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StatsData *data = task_data;
  g_autoptr(GHashTable) campaign_events = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shifts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shift_records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) stats_free);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) shift_docs = NULL;
  g_autoptr(GPtrArray) signups = NULL;
  GError *error = NULL;

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

  shift_docs = civic_store_list (data->store, "shift", &error);
  if (shift_docs == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < shift_docs->len; i++)
    {
      JsonObject *shift = g_ptr_array_index (shift_docs, i);
      g_hash_table_insert (shifts, (gpointer) doc_string (shift, "_id"), shift);
    }

  signups = civic_store_list (data->store, "signup", &error);
  if (signups == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < signups->len; i++)
    {
      JsonObject *signup = g_ptr_array_index (signups, i);
      const char *volunteer_id = doc_string (signup, "volunteer_id");
      const char *shift_id = doc_string (signup, "shift_id");
      JsonObject *shift = shift_id ? g_hash_table_lookup (shifts, shift_id) : NULL;
      CivicVolunteerStats *stats;
      const char *when;
      const char *event_id;

      if (volunteer_id == NULL || !civic_signup_status_is_worked (doc_string (signup, "status")))
        continue;

      stats = g_hash_table_lookup (result, volunteer_id);
      if (stats == NULL)
        {
          stats = g_new0 (CivicVolunteerStats, 1);
          g_hash_table_insert (result, g_strdup (volunteer_id), stats);
        }

      /* The day the work happened: the check-in, else the occurrence, else
       * the shift's own start.  ISO 8601 text sorts as time does.
       */
      when = doc_string (signup, "checked_in_at");
      if (when == NULL)
        when = doc_string (signup, "occurrence");
      if (when == NULL && shift != NULL)
        when = doc_string (shift, "starts_at");
      if (when != NULL && strlen (when) >= 10 &&
          (stats->last_shift == NULL || strncmp (when, stats->last_shift, 10) > 0))
        {
          g_free (stats->last_shift);
          stats->last_shift = g_strndup (when, 10);
        }

      event_id = shift ? doc_string (shift, "event_id") : NULL;
      if (event_id != NULL && g_hash_table_contains (campaign_events, event_id))
        {
          CivicShift *record = g_hash_table_lookup (shift_records, shift_id);
          g_autoptr(CivicRecord) signup_record = NULL;

          if (record == NULL)
            {
              record = CIVIC_SHIFT (civic_record_new_from_json (shift, NULL));
              if (record != NULL)
                g_hash_table_insert (shift_records, (gpointer) doc_string (shift, "_id"), record);
            }
          signup_record = civic_record_new_from_json (signup, NULL);
          if (signup_record != NULL)
            stats->hours += civic_signup_hours (CIVIC_SIGNUP (signup_record), record);
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) g_hash_table_unref);
}

static void
stats_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (source);
  StatsData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GHashTable *stats;
  GHashTableIter iter;
  gpointer key, value;

  stats = g_task_propagate_pointer (G_TASK (result), &error);
  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _civic_volunteers_page_show_error (self, error);
      return;
    }
  if (data->generation != self->generation)
    {
      g_hash_table_unref (stats);
      return;
    }

  g_clear_pointer (&self->stats, g_hash_table_unref);
  self->stats = stats;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CivicVolunteerStats *one = g_hash_table_lookup (stats, key);

      civic_volunteer_row_set_stats (value, one ? one->last_shift : NULL, one ? one->hours : 0);
    }

  /* The sort model does not follow property notifications: a column sorted
   * by hours must be sorted again.
   */
  refresh_shown (self);
  g_signal_emit (self, signals[STATS_LOADED], 0);
}

static gboolean
stats_timeout_cb (gpointer user_data)
{
  CivicVolunteersPage *self = user_data;
  g_autoptr(GTask) task = NULL;
  StatsData *data;

  self->stats_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  data = g_new0 (StatsData, 1);
  data->store = g_object_ref (self->store);
  data->campaign_id = g_strdup (self->campaign_id);
  data->generation = self->generation;

  task = g_task_new (self, self->cancellable, stats_done_cb, NULL);
  g_task_set_source_tag (task, stats_timeout_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) stats_data_free);
  g_task_run_in_thread (task, stats_thread);

  return G_SOURCE_REMOVE;
}

/* A burst of check-ins becomes one pass. */
static void
schedule_stats (CivicVolunteersPage *self)
{
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
  CivicVolunteersPage *self = CIVIC_VOLUNTEERS_PAGE (source);
  ChangedData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);

  if (docs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _civic_volunteers_page_show_error (self, error);
      return;
    }
  if (data->generation != self->generation || self->index == NULL)
    return;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *type = doc_string (doc, "type");
      const char *office_id = doc_string (doc, "office_id");
      g_autoptr(CivicVolunteerRow) row = NULL;
      CivicVolunteerStats *stats;

      if (g_strcmp0 (type, "volunteer") != 0)
        continue;
      g_hash_table_add (live, (gpointer) doc_string (doc, "_id"));
      civic_volunteer_search_update (self->index, doc);
      row = civic_volunteer_row_new (doc, office_id && self->office_names ?
                                     g_hash_table_lookup (self->office_names, office_id) : NULL);
      stats = self->stats ? g_hash_table_lookup (self->stats, doc_string (doc, "_id")) : NULL;
      if (stats != NULL)
        civic_volunteer_row_set_stats (row, stats->last_shift, stats->hours);
      g_hash_table_replace (self->rows, g_strdup (doc_string (doc, "_id")), g_steal_pointer (&row));
    }

  /* Whatever volunteer was named but not returned was deleted. */
  for (guint i = 0; data->ids[i] != NULL; i++)
    if (!g_hash_table_contains (live, data->ids[i]) && g_hash_table_contains (self->rows, data->ids[i]))
      {
        civic_volunteer_search_remove (self->index, data->ids[i]);
        g_hash_table_remove (self->rows, data->ids[i]);
      }

  refresh_shown (self);
}

static void
store_changed_cb (CivicStore          *store,
                  GStrv                ids,
                  GStrv                types,
                  CivicVolunteersPage *self)
{
  if (types == NULL)
    return;

  if (g_strv_contains ((const char * const *) types, "office") ||
      g_strv_contains ((const char * const *) types, "campaign"))
    {
      /* Office names and the current campaign are in every row. */
      reload (self);
      return;
    }

  if (g_strv_contains ((const char * const *) types, "volunteer") && self->index != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, changed_done_cb, NULL);
      ChangedData *data = g_new0 (ChangedData, 1);

      data->store = g_object_ref (store);
      data->ids = g_strdupv (ids);
      data->generation = self->generation;
      g_task_set_source_tag (task, store_changed_cb);
      g_task_set_task_data (task, data, (GDestroyNotify) changed_data_free);
      g_task_run_in_thread (task, changed_thread);
    }

  if (g_strv_contains ((const char * const *) types, "signup") ||
      g_strv_contains ((const char * const *) types, "shift") ||
      g_strv_contains ((const char * const *) types, "event"))
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
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
        break;
      }
}

static gint64
run_search (CivicVolunteersPage *self)
{
  CivicVolunteerFilter filter = { 0 };
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 queried;

  if (self->index == NULL)
    return 0;

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

  hits = civic_volunteer_search_query_hits (self->index, self->search_text, &filter, 0);
  rows = g_ptr_array_sized_new (hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      CivicVolunteerHit *hit = &g_array_index (hits, CivicVolunteerHit, i);
      CivicVolunteerRow *row = g_hash_table_lookup (self->rows, hit->id);

      if (row != NULL)
        g_ptr_array_add (rows, row);
    }

  queried = g_get_monotonic_time ();
  self->splicing = TRUE;
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       rows->pdata, rows->len);
  self->splicing = FALSE;
  g_debug ("Search: %u hits, index %.2f ms, list %.2f ms", rows->len,
           (queried - started) / 1000.0, (g_get_monotonic_time () - queried) / 1000.0);
  /* New results start at their best match, not where the old list was. */
  if (rows->len > 0)
    scroll_to_top (self);

  if (rows->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      adw_status_page_set_description (self->empty_page,
                                       g_hash_table_size (self->rows) == 0 ?
                                       _("The roster is empty. Add a volunteer with Ctrl+N or import a CSV file with Ctrl+I.") :
                                       _("No volunteer matches the search and the filters."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
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
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
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

/* One drop-down: "Any" first, then @values with @labels. */
static void
add_filter_choice (CivicVolunteersPage *self,
                   guint                spec,
                   GPtrArray           *values,
                   GPtrArray           *labels)
{
  GtkWidget *label = gtk_label_new (_(filter_specs[spec].label));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  const char *current = *filter_slot (self, spec);
  guint selected = 0;
  GStrv copy;

  g_ptr_array_insert (values, 0, g_strdup (""));
  g_ptr_array_insert (labels, 0, g_strdup (_("Any")));
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

  /* A remembered value that no longer exists must not hide everyone (but
   * before the roster has loaded, the choices are not known yet).
   */
  if (self->loaded && selected == 0 && current != NULL && *current)
    {
      g_free (*filter_slot (self, spec));
      *filter_slot (self, spec) = g_strdup ("");
    }
}

static void
add_list_choice (CivicVolunteersPage *self,
                 guint                spec,
                 const char * const  *values,
                 const char        *(*get_label) (const char *))
{
  g_autoptr(GPtrArray) v = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) l = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_ptr_array_add (v, g_strdup (values[i]));
      g_ptr_array_add (l, g_strdup (get_label ? get_label (values[i]) : values[i]));
    }
  add_filter_choice (self, spec, v, l);
}

static int
compare_office_names (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return g_utf8_collate (g_hash_table_lookup (user_data, a) ?: "", g_hash_table_lookup (user_data, b) ?: "");
}

static void
rebuild_filters (CivicVolunteersPage *self)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) v = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) l = g_ptr_array_new_with_free_func (g_free);
  static const char * const active_values[] = { "active", "inactive", NULL };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_grid))) != NULL)
    gtk_grid_remove (self->filter_grid, child);

  if (self->office_names != NULL)
    {
      g_autoptr(GList) ids = g_hash_table_get_keys (self->office_names);

      ids = g_list_sort_with_data (ids, compare_office_names, self->office_names);
      for (GList *l2 = ids; l2 != NULL; l2 = l2->next)
        {
          g_ptr_array_add (v, g_strdup (l2->data));
          g_ptr_array_add (l, g_strdup (g_hash_table_lookup (self->office_names, l2->data)));
        }
    }
  add_filter_choice (self, 0, v, l);
  add_list_choice (self, 1, (const char * const *) self->languages, NULL);
  add_list_choice (self, 2, (const char * const *) self->skills, NULL);
  add_list_choice (self, 3, civic_volunteer_age_group_list (), civic_volunteer_age_group_get_label);

  {
    g_autoptr(GPtrArray) av = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) al = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (av, g_strdup (active_values[0]));
    g_ptr_array_add (al, g_strdup (_("Active")));
    g_ptr_array_add (av, g_strdup (active_values[1]));
    g_ptr_array_add (al, g_strdup (_("Inactive")));
    add_filter_choice (self, 4, av, al);
  }

  add_list_choice (self, 5, civic_availability_day_list (), civic_availability_day_get_label);
  add_list_choice (self, 6, civic_availability_time_list (), civic_availability_time_get_label);
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

static char *
format_hours (gpointer this,
              double   hours)
{
  if (hours <= 0)
    return g_strdup ("");
  return g_strdup_printf ("%.1f", hours);
}

static char *
format_active (gpointer this,
               gboolean active)
{
  return g_strdup (active ? _("Yes") : _("No"));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *property = user_data;
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *row_expr = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *value = gtk_property_expression_new (CIVIC_TYPE_VOLUNTEER_ROW, row_expr, property);

  if (g_str_equal (property, "hours"))
    value = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &value, G_CALLBACK (format_hours), NULL, NULL);
  else if (g_str_equal (property, "active"))
    value = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &value, G_CALLBACK (format_active), NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), g_str_equal (property, "hours") ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (g_str_equal (property, "phone") || g_str_equal (property, "hours"))
    gtk_widget_add_css_class (label, "numeric");
  gtk_expression_bind (value, label, "label", item);
  gtk_list_item_set_child (item, label);
}

static void
add_column (CivicVolunteersPage *self,
            const char          *title,
            const char          *property,
            GtkSorter           *sorter,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) property);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The name (a negative width) takes what the others leave. */
  gtk_column_view_column_set_expand (column, width < 0);
  gtk_column_view_column_set_fixed_width (column, ABS (width));
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  g_clear_object (&sorter);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (CIVIC_TYPE_VOLUNTEER_ROW, NULL, property)));
}

static GtkSorter *
numeric_sorter (const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (CIVIC_TYPE_VOLUNTEER_ROW, NULL, property)));
}

static void
setup_columns (CivicVolunteersPage *self)
{
  add_column (self, _("Name"), "name", string_sorter ("sort-name"), -190);
  add_column (self, _("Phone"), "phone", string_sorter ("phone"), 120);
  add_column (self, _("Languages"), "languages", string_sorter ("languages"), 80);
  add_column (self, _("Office"), "office", string_sorter ("office"), 130);
  add_column (self, _("Last Shift"), "last-shift", string_sorter ("last-shift"), 95);
  add_column (self, _("Hours"), "hours", numeric_sorter ("hours"), 60);
  add_column (self, _("Active"), "active", numeric_sorter ("active"), 60);
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
        g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
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
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));

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
  g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

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
  return G_LIST_MODEL (self->selection);
}

GtkSelectionModel *
_civic_volunteers_page_get_selection (CivicVolunteersPage *self)
{
  return GTK_SELECTION_MODEL (self->selection);
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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_VOLUNTEERS_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->index);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->rows, g_hash_table_unref);
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
civic_volunteers_page_class_init (CivicVolunteersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  g_autoptr(GtkSorter) sorter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->shown = g_list_store_new (CIVIC_TYPE_VOLUNTEER_ROW);
  setup_columns (self);
  sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)), g_steal_pointer (&sorter));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
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
