/* civic-calendar-page.c — the Calendar page: month, week and agenda
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page owns the visible range, the filters and the search; the three
 * views only draw CivicCalendarItems.  Every change of range, filter or
 * data starts one load in a GTask thread (the store query plus libical's
 * expansion of the range) and hands the result to the visible view; a
 * newer load cancels the older one, so a fast run of Page Down never
 * shows a stale month.
 */

#define G_LOG_DOMAIN "civic-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-agenda-view.h"
#include "civic-cal-time.h"
#include "civic-calendar-item.h"
#include "civic-after-frame.h"
#include "civic-calendar-page.h"
#include "civic-calendar-page-private.h"
#include "civic-event.h"
#include "civic-month-view.h"
#include "civic-recurrence.h"
#include "civic-text.h"
#include "civic-week-view.h"
#include "civic-window.h"

#define AGENDA_DAYS 42

struct _CivicCalendarPage
{
  AdwBin          parent_instance;

  CivicStore     *store;
  gboolean        read_only;
  gboolean        show_all_events;
  char           *view_mode;
  GDateTime      *date;          /* the day the range is built around, local */

  GSettings      *settings;
  GCancellable   *load_cancellable;
  guint           reload_source;
  gulong          store_changed_id;
  GHashTable     *hidden_kinds;  /* kind → kind */
  char           *office_filter; /* "" = every office */
  char           *campaign_filter;
  char           *search_text;
  GPtrArray      *items;         /* what the visible view shows */
  gint64          load_started_us;
  gint64          last_load_us;

  /* Loaded ranges by civic_calendar_page_cache_key (): Page Down shows the
   * next month from here at once while the one after is fetched.
   */
  GHashTable     *cache;
  GCancellable   *prefetch_cancellable;
  /* Prefetched ranges whose labels the view shapes ahead, while idle. */
  GQueue          to_prepare;         /* PrepareJob: neighbours to lay out */
  guint           prepare_source;
  CivicAfterFrame prefetch_after_frame;
  guint           prefetching;        /* neighbour reads in flight */
  guint           cache_generation;

  /* Template children */
  GtkInscription *title_label;
  GtkCalendar    *date_picker;
  GtkPopover     *date_popover;
  GtkBox         *filter_box;
  /* The filter popover is filled when first opened (two drop-downs and a
   * check button per kind are a good part of the page's making).
   */
  gboolean        filters_built;
  struct _FilterChoices *filter_choices;  /* the store's offices and campaigns, once read */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *search_button;
  GtkStack       *view_stack;
  CivicMonthView *month_view;
  CivicWeekView  *week_view;
  GtkScrolledWindow *week_scroller;
  gboolean        week_scrolled;
  CivicAgendaView *agenda_view;
};

G_DEFINE_FINAL_TYPE (CivicCalendarPage, civic_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_READ_ONLY,
  PROP_VIEW_MODE,
  PROP_SHOW_ALL_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EVENT_ACTIVATED,
  NEW_EVENT_REQUESTED,
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_reload (CivicCalendarPage *self);

/* ---- Loading ----------------------------------------------------------- */

typedef struct {
  CivicStore *store;
  GDateTime  *from;
  GDateTime  *to;
  GHashTable *hidden_kinds;
  char       *office;
  char       *campaign;
  char       *search;
  gboolean    board_only;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->from, g_date_time_unref);
  g_clear_pointer (&data->to, g_date_time_unref);
  g_clear_pointer (&data->hidden_kinds, g_hash_table_unref);
  g_free (data->office);
  g_free (data->campaign);
  g_free (data->search);
  g_free (data);
}

static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
object_get_bool (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static char *
event_search_text (JsonObject *event)
{
  GString *text = g_string_new (object_get_string (event, "title"));
  JsonNode *location = json_object_get_member (event, "location");
  const char *description = object_get_string (event, "description");

  if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
    {
      JsonObject *loc = json_node_get_object (location);
      const char *name = object_get_string (loc, "name");
      const char *address = object_get_string (loc, "address");

      if (name)
        g_string_append_printf (text, "\n%s", name);
      if (address)
        g_string_append_printf (text, "\n%s", address);
    }
  if (description)
    g_string_append_printf (text, "\n%s", description);

  return g_string_free (text, FALSE);
}

gboolean
_civic_calendar_event_matches (JsonObject *event,
                               GHashTable *hidden_kinds,
                               const char *office,
                               const char *campaign,
                               const char *search,
                               gboolean    board_only)
{
  const char *kind = object_get_string (event, "kind");

  if (hidden_kinds != NULL && kind != NULL && g_hash_table_contains (hidden_kinds, kind))
    return FALSE;
  if (office != NULL && *office && g_strcmp0 (office, object_get_string (event, "office_id")) != 0)
    return FALSE;
  if (campaign != NULL && *campaign && g_strcmp0 (campaign, object_get_string (event, "campaign_id")) != 0)
    return FALSE;
  if (board_only && !object_get_bool (event, "board_visible"))
    return FALSE;

  if (search != NULL && *search)
    {
      g_autofree char *text = event_search_text (event);

      if (civic_text_match (search, text) == CIVIC_TEXT_MATCH_NONE)
        return FALSE;
    }

  return TRUE;
}

/* Events are shown in the system zone, except that an office's events
 * are shown in the office's zone when it differs: a Los Angeles phone bank
 * reads "6:00 PM" on a laptop still set to another zone, as the organizers
 * announced it.
 */
static GTimeZone *
display_zone_for (JsonObject *event,
                  GHashTable *office_zones,
                  GTimeZone  *local)
{
  const char *office_id = object_get_string (event, "office_id");
  GTimeZone *zone = office_id ? g_hash_table_lookup (office_zones, office_id) : NULL;

  return zone != NULL ? zone : local;
}

static CivicCalendarItem *
item_from_occurrence (CivicOccurrence *occurrence,
                      GHashTable      *office_names,
                      GTimeZone       *zone)
{
  JsonObject *event = occurrence->event;
  const char *kind = object_get_string (event, "kind");
  const char *office_id = object_get_string (event, "office_id");
  JsonNode *location = json_object_get_member (event, "location");
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  CivicCalendarItem *item;

  /* All-day dates are the same dates everywhere: keep them in the
   * viewer's zone, where the recurrence code laid them out.
   */
  if (occurrence->all_day)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      starts = g_date_time_to_timezone (occurrence->starts, local);
      ends = g_date_time_to_timezone (occurrence->ends, local);
    }
  else
    {
      starts = g_date_time_to_timezone (occurrence->starts, zone);
      ends = g_date_time_to_timezone (occurrence->ends, zone);
    }

  item = civic_calendar_item_new (occurrence->event_id, civic_occurrence_get_title (occurrence),
                                  kind ? kind : "other", starts, ends, occurrence->all_day);
  item->occurrence = g_strdup (occurrence->occurrence);
  item->repeats = occurrence->repeats;
  item->cancelled = g_strcmp0 (object_get_string (event, "status"), "cancelled") == 0;
  if (office_id != NULL)
    item->office_name = g_strdup (g_hash_table_lookup (office_names, office_id));
  if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
    item->location = g_strdup (object_get_string (json_node_get_object (location), "name"));
  if (!gdk_rgba_parse (&item->color, civic_event_kind_get_color (kind)))
    item->color = (GdkRGBA) { 0.4, 0.4, 0.4, 1 };

  return item;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GHashTable) office_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) office_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              (GDestroyNotify) g_time_zone_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  GError *error = NULL;

  occurrences = civic_calendar_occurrences_in_range (data->store, data->from, data->to, &error);
  if (occurrences == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  offices = civic_store_list (data->store, "office", NULL);
  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      JsonObject *office = g_ptr_array_index (offices, i);
      const char *tzid = object_get_string (office, "timezone");
      GTimeZone *zone = tzid ? civic_cal_zone_new (tzid) : NULL;

      g_hash_table_insert (office_names,
                           g_strdup (object_get_string (office, "_id")),
                           g_strdup (object_get_string (office, "name")));
      if (zone != NULL)
        g_hash_table_insert (office_zones, g_strdup (object_get_string (office, "_id")), zone);
    }

  for (guint i = 0; i < occurrences->len; i++)
    {
      CivicOccurrence *occurrence = g_ptr_array_index (occurrences, i);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (!_civic_calendar_event_matches (occurrence->event, data->hidden_kinds, data->office,
                                          data->campaign, data->search, data->board_only))
        continue;

      g_ptr_array_add (items, item_from_occurrence (occurrence, office_names,
                                                    display_zone_for (occurrence->event, office_zones, local)));
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* 7 AM: the week view's rows are 44 px an hour below a 40 px header and
 * the all-day band.
 */
#define WEEK_MORNING (7 * 44)

static void
set_week_morning (GtkAdjustment *adjustment)
{
  gtk_adjustment_set_value (adjustment, WEEK_MORNING);
  g_object_unref (adjustment);
}

/* The week is opened at the working day rather than at midnight, once its
 * scrolled window has a size: the first time the week is shown after
 * another view, it has not been laid out yet and would stay at midnight.
 * The value is set after the layout that gave the size (set during it, the
 * sticky day names were drawn for one offset and the hours for another).
 */
static void
week_adjustment_changed_cb (CivicCalendarPage *self,
                            GtkAdjustment     *adjustment)
{
  if (gtk_adjustment_get_page_size (adjustment) <= 0)
    return;
  g_signal_handlers_disconnect_by_func (adjustment, week_adjustment_changed_cb, self);
  g_idle_add_once ((GSourceOnceFunc) set_week_morning, g_object_ref (adjustment));
}

static void
scroll_week_to_morning (CivicCalendarPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->week_scroller);

  g_signal_connect_object (adjustment, "changed", G_CALLBACK (week_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  week_adjustment_changed_cb (self, adjustment);
}

static void
apply_items (CivicCalendarPage *self)
{
  const char *mode = self->view_mode;

  if (g_strcmp0 (mode, "week") == 0)
    {
      civic_week_view_set_items (self->week_view, self->items);
      if (!self->week_scrolled)
        {
          self->week_scrolled = TRUE;
          scroll_week_to_morning (self);
        }
    }
  else if (g_strcmp0 (mode, "agenda") == 0)
    civic_agenda_view_set_items (self->agenda_view, self->items);
  else
    civic_month_view_set_items (self->month_view, self->items);
}

static char *
filters_key (CivicCalendarPage *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  GHashTableIter iter;
  gpointer kind;

  g_hash_table_iter_init (&iter, self->hidden_kinds);
  while (g_hash_table_iter_next (&iter, &kind, NULL))
    g_ptr_array_add (kinds, kind);
  g_ptr_array_sort (kinds, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < kinds->len; i++)
    g_string_append_printf (key, "%s,", (char *) g_ptr_array_index (kinds, i));
  g_string_append_printf (key, "|%s|%s|%s|%d", self->office_filter, self->campaign_filter,
                          self->search_text ? self->search_text : "",
                          self->read_only && !self->show_all_events);

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static char *
cache_key (CivicCalendarPage *self,
           GDateTime         *from,
           GDateTime         *to)
{
  g_autofree char *filters = filters_key (self);

  return g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "|%s",
                          g_date_time_to_unix (from), g_date_time_to_unix (to), filters);
}

static void
invalidate_cache (CivicCalendarPage *self)
{
  self->cache_generation++;
  g_cancellable_cancel (self->prefetch_cancellable);
  g_clear_object (&self->prefetch_cancellable);
  g_hash_table_remove_all (self->cache);
}

static void
cache_store (CivicCalendarPage *self,
             char              *key,
             GPtrArray         *items)
{
  /* A few ranges either side of where the person is looking is plenty. */
  if (g_hash_table_size (self->cache) >= 12)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, key, g_ptr_array_ref (items));
}

static LoadData *
load_data_new (CivicCalendarPage *self,
               GDateTime         *from,
               GDateTime         *to)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->store = g_object_ref (self->store);
  data->from = g_date_time_ref (from);
  data->to = g_date_time_ref (to);
  data->hidden_kinds = g_hash_table_ref (self->hidden_kinds);
  data->office = g_strdup (self->office_filter);
  data->campaign = g_strdup (self->campaign_filter);
  data->search = g_strdup (self->search_text);
  data->board_only = self->read_only && !self->show_all_events;

  return data;
}

/* Labels shaped per turn of the main loop: a month of a busy calendar is
 * a few hundred, which in one turn could delay a frame.
 */
#define PREPARE_SLICE 48

/* A prefetched range for the view that will show it. */
typedef struct {
  char      *view_mode;
  GDateTime *from;
  GPtrArray *items;
} PrepareJob;

static void
prepare_job_free (PrepareJob *job)
{
  g_free (job->view_mode);
  g_date_time_unref (job->from);
  g_ptr_array_unref (job->items);
  g_free (job);
}

static gboolean
prepare_idle_cb (gpointer user_data)
{
  CivicCalendarPage *self = user_data;
  PrepareJob *job = g_queue_peek_head (&self->to_prepare);
  gboolean done = TRUE;

  if (job == NULL)
    {
      self->prepare_source = 0;
      return G_SOURCE_REMOVE;
    }

  /* A range fetched for another view than the one now shown is dropped. */
  if (g_strcmp0 (job->view_mode, self->view_mode) != 0)
    done = TRUE;
  else if (g_strcmp0 (self->view_mode, "week") == 0)
    done = civic_week_view_prepare (self->week_view, job->from, job->items, PREPARE_SLICE);
  else if (g_strcmp0 (self->view_mode, "month") == 0)
    done = civic_month_view_prepare (self->month_view, job->from, job->items, PREPARE_SLICE);

  if (done)
    prepare_job_free (g_queue_pop_head (&self->to_prepare));
  return G_SOURCE_CONTINUE;
}

/* The next or previous page is one keystroke away: laying it out and
 * shaping its text now, while nothing else happens, keeps that page's
 * first frame short.
 */
static void
schedule_prepare (CivicCalendarPage *self,
                  GDateTime         *from,
                  GPtrArray         *items)
{
  PrepareJob *job = g_new0 (PrepareJob, 1);

  job->view_mode = g_strdup (self->view_mode);
  job->from = g_date_time_ref (from);
  job->items = g_ptr_array_ref (items);
  g_queue_push_tail (&self->to_prepare, job);
  if (self->prepare_source == 0)
    self->prepare_source = g_idle_add_full (G_PRIORITY_LOW, prepare_idle_cb, self, NULL);
}

static void
prefetch_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (source);
  g_autofree char *key = user_data;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"));
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);

  self->prefetching--;
  if (items != NULL && generation == self->cache_generation)
    {
      LoadData *data = g_task_get_task_data (G_TASK (result));

      cache_store (self, g_steal_pointer (&key), items);
      schedule_prepare (self, data->from, items);
    }
}

static void
prefetch (CivicCalendarPage *self,
          GDateTime         *from,
          GDateTime         *to)
{
  g_autofree char *key = cache_key (self, from, to);
  g_autoptr(GTask) task = NULL;
  GPtrArray *cached;

  /* A range read before (paging back the way one came) may no longer be
   * laid out in the view, which keeps fewer pages than this cache: lay it
   * out again.  The view does nothing for a page it still has.
   */
  if ((cached = g_hash_table_lookup (self->cache, key)) != NULL)
    {
      schedule_prepare (self, from, cached);
      return;
    }

  if (self->prefetch_cancellable == NULL)
    self->prefetch_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->prefetch_cancellable, prefetch_done_cb, g_steal_pointer (&key));
  g_task_set_source_tag (task, prefetch);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->cache_generation));
  g_task_set_task_data (task, load_data_new (self, from, to), (GDestroyNotify) load_data_free);
  self->prefetching++;
  g_task_run_in_thread (task, load_thread);
}

/* The ranges Page Up and Page Down would show next. */
static void
prefetch_neighbours (CivicCalendarPage *self)
{
  for (int direction = -1; direction <= 1; direction += 2)
    {
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) to = NULL;

      if (g_strcmp0 (self->view_mode, "week") == 0)
        {
          g_autoptr(GDateTime) date = g_date_time_add_weeks (self->date, direction);
          civic_week_view_range_for (self->week_view, date, &from, &to);
        }
      else if (g_strcmp0 (self->view_mode, "month") == 0)
        {
          g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (self->date),
                                                              g_date_time_get_month (self->date), 1, 0, 0, 0);
          g_autoptr(GDateTime) date = g_date_time_add_months (first, direction);
          civic_month_view_range_for (self->month_view, date, &from, &to);
        }
      else
        continue;

      prefetch (self, from, to);
    }
}

/* The neighbours are read once the frame showing this range is painted:
 * started at once, their reading threads would take the CPU from that
 * frame (two cores, the X server drawing it too).
 */
static void
prefetch_after_frame_cb (gpointer data)
{
  /* The range shown then, which a later change may have moved. */
  prefetch_neighbours (CIVIC_CALENDAR_PAGE (data));
}

static void
prefetch_neighbours_after_frame (CivicCalendarPage *self)
{
  civic_after_frame_schedule (&self->prefetch_after_frame, GTK_WIDGET (self), prefetch_after_frame_cb, self);
}

static void
show_items (CivicCalendarPage *self,
            GPtrArray         *items)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_ref (items);
  apply_items (self);

  self->last_load_us = g_get_monotonic_time () - self->load_started_us;
  g_debug ("Showing %u occurrences after %.1f ms", items->len, self->last_load_us / 1000.0);
  g_signal_emit (self, signals[LOADED], 0);
  prefetch_neighbours_after_frame (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (source);
  g_autofree char *key = user_data;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);

          g_warning ("Could not read the calendar: %s", error->message);
          if (window != NULL)
            civic_window_show_error (CIVIC_WINDOW (window), error);
        }
      return;
    }

  if (generation == self->cache_generation)
    cache_store (self, g_steal_pointer (&key), items);
  show_items (self, items);
}

static void
get_range (CivicCalendarPage  *self,
           GDateTime         **from,
           GDateTime         **to)
{
  if (g_strcmp0 (self->view_mode, "week") == 0)
    {
      *from = g_date_time_ref (civic_week_view_get_range_start (self->week_view));
      *to = g_date_time_ref (civic_week_view_get_range_end (self->week_view));
    }
  else if (g_strcmp0 (self->view_mode, "agenda") == 0)
    {
      *from = g_date_time_new_local (g_date_time_get_year (self->date),
                                     g_date_time_get_month (self->date),
                                     g_date_time_get_day_of_month (self->date), 0, 0, 0);
      *to = g_date_time_add_days (*from, AGENDA_DAYS);
    }
  else
    {
      *from = g_date_time_ref (civic_month_view_get_range_start (self->month_view));
      *to = g_date_time_ref (civic_month_view_get_range_end (self->month_view));
    }
}

static void
reload (CivicCalendarPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *key = NULL;
  GPtrArray *cached;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_started_us = g_get_monotonic_time ();

  get_range (self, &from, &to);
  key = cache_key (self, from, to);

  if ((cached = g_hash_table_lookup (self->cache, key)) != NULL)
    {
      show_items (self, cached);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, load_done_cb, g_steal_pointer (&key));
  g_task_set_source_tag (task, reload);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->cache_generation));
  g_task_set_task_data (task, load_data_new (self, from, to), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CivicCalendarPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (CivicCalendarPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* ---- Range and title ---------------------------------------------------- */

/* The title is a GtkInscription, whose text takes no part in its size: a
 * GtkLabel's new text would make GTK lay the whole window out again (and
 * on X11 ask the server for the monitor's work area) on every page change.
 * It is made as wide as the widest title this view has shown (September is
 * wider than May), in the inscription's own unit, the font's average
 * character; a new view starts again from its own title
 * (civic_calendar_page_set_view_mode() clears the width).
 */
static void
set_title (CivicCalendarPage *self,
           const char        *title)
{
  GtkWidget *widget = GTK_WIDGET (self->title_label);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, title);
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (widget),
                                                         NULL, NULL);
  int char_width = MAX (1, pango_font_metrics_get_approximate_char_width (metrics));
  int width;
  guint chars;

  pango_font_metrics_unref (metrics);

  pango_layout_get_size (layout, &width, NULL);
  chars = (width + char_width - 1) / char_width + 1;
  if (chars > gtk_inscription_get_nat_chars (self->title_label))
    gtk_inscription_set_nat_chars (self->title_label, chars);

  gtk_inscription_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
update_title (CivicCalendarPage *self)
{
  g_autofree char *title = NULL;

  if (g_strcmp0 (self->view_mode, "week") == 0)
    {
      GDateTime *start = civic_week_view_get_range_start (self->week_view);
      g_autoptr(GDateTime) end = g_date_time_add_days (start, 6);
      g_autofree char *a = g_date_time_format (start, _("%b %-d"));
      g_autofree char *b = g_date_time_format (end, _("%b %-d, %Y"));

      /* Translators: a week's range in the calendar's header, "Nov 22 – Nov 28, 2026". */
      title = g_strdup_printf (_("%s – %s"), g_strstrip (a), g_strstrip (b));
    }
  else if (g_strcmp0 (self->view_mode, "agenda") == 0)
    {
      /* Translators: the agenda's header, "From November 25, 2026". */
      g_autofree char *day = g_date_time_format (self->date, _("%B %-d, %Y"));
      title = g_strdup_printf (_("From %s"), g_strstrip (day));
    }
  else
    {
      /* Translators: the month view's header, see strftime(3). */
      title = g_date_time_format (self->date, _("%B %Y"));
    }

  set_title (self, title);
}

static void
set_date (CivicCalendarPage *self,
          GDateTime         *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_new_local (g_date_time_get_year (local),
                                      g_date_time_get_month (local),
                                      g_date_time_get_day_of_month (local), 0, 0, 0);

  civic_month_view_set_month (self->month_view, self->date);
  civic_month_view_set_selected_date (self->month_view, self->date);
  /* The week view follows the date while it is shown (and is brought up to
   * date when it is): even hidden, its change would make GTK lay the whole
   * window out again.
   */
  if (g_strcmp0 (self->view_mode, "week") == 0)
    civic_week_view_set_week (self->week_view, self->date);

  update_title (self);
  reload (self);
}

static void
move (CivicCalendarPage *self,
      int                direction)
{
  g_autoptr(GDateTime) next = NULL;

  if (g_strcmp0 (self->view_mode, "week") == 0)
    next = g_date_time_add_weeks (self->date, direction);
  else if (g_strcmp0 (self->view_mode, "agenda") == 0)
    next = g_date_time_add_days (self->date, direction * AGENDA_DAYS);
  else
    {
      /* Keep to the first of the month so Jan 31 + 1 month is February. */
      g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (self->date),
                                                          g_date_time_get_month (self->date), 1, 0, 0, 0);
      next = g_date_time_add_months (first, direction);
    }

  set_date (self, next);
}

/* ---- Filters ------------------------------------------------------------ */

static void
save_filters (CivicCalendarPage *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (self->settings == NULL)
    return;

  g_hash_table_iter_init (&iter, self->hidden_kinds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (kinds, key);
  g_ptr_array_sort (kinds, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (kinds, NULL);

  g_settings_set_strv (self->settings, "calendar-hidden-kinds", (const char * const *) kinds->pdata);
  g_settings_set_string (self->settings, "calendar-office", self->office_filter);
  g_settings_set_string (self->settings, "calendar-campaign", self->campaign_filter);
}

static void
kind_toggled_cb (GtkCheckButton    *button,
                 CivicCalendarPage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");

  if (gtk_check_button_get_active (button))
    g_hash_table_remove (self->hidden_kinds, kind);
  else
    g_hash_table_add (self->hidden_kinds, g_strdup (kind));

  save_filters (self);
  reload (self);
}

static void
choice_changed_cb (GtkDropDown       *dropdown,
                   GParamSpec        *pspec,
                   CivicCalendarPage *self)
{
  GStrv ids = g_object_get_data (G_OBJECT (dropdown), "ids");
  gboolean is_office = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), "is-office"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *id = (ids != NULL && selected < g_strv_length (ids)) ? ids[selected] : "";

  if (is_office)
    {
      g_free (self->office_filter);
      self->office_filter = g_strdup (id);
    }
  else
    {
      g_free (self->campaign_filter);
      self->campaign_filter = g_strdup (id);
    }

  save_filters (self);
  reload (self);
}

static GtkWidget *
make_choice (CivicCalendarPage *self,
             const char        *all_label,
             GPtrArray         *docs,
             const char        *current,
             gboolean           is_office)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) label_v = NULL;
  GtkWidget *dropdown;
  guint selected = 0;

  g_strv_builder_add (labels, all_label);
  g_strv_builder_add (ids, "");
  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = object_get_string (doc, "_id");

      g_strv_builder_add (labels, object_get_string (doc, "name") ? object_get_string (doc, "name") : id);
      g_strv_builder_add (ids, id);
      if (g_strcmp0 (id, current) == 0)
        selected = i + 1;
    }

  label_v = g_strv_builder_end (labels);
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) label_v);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_object_set_data_full (G_OBJECT (dropdown), "ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (dropdown), "is-office", GINT_TO_POINTER (is_office));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self);

  return dropdown;
}

typedef struct _FilterChoices {
  GPtrArray *offices;
  GPtrArray *campaigns;
} FilterChoices;

static void
filter_choices_free (FilterChoices *choices)
{
  g_clear_pointer (&choices->offices, g_ptr_array_unref);
  g_clear_pointer (&choices->campaigns, g_ptr_array_unref);
  g_free (choices);
}

static void
filter_choices_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  CivicStore *store = task_data;
  FilterChoices *choices = g_new0 (FilterChoices, 1);

  choices->offices = civic_store_list (store, "office", NULL);
  choices->campaigns = civic_store_list (store, "campaign", NULL);
  g_task_return_pointer (task, choices, (GDestroyNotify) filter_choices_free);
}

static void
rebuild_filters (CivicCalendarPage *self)
{
  FilterChoices *choices = self->filter_choices;
  GtkWidget *child;
  GtkWidget *label;
  const char * const *kinds = civic_event_kind_list ();

  self->filters_built = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box))) != NULL)
    gtk_box_remove (self->filter_box, child);

  label = gtk_label_new (_("Office"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->filter_box, label);
  gtk_box_append (self->filter_box,
                  make_choice (self, _("All Offices"), choices ? choices->offices : NULL,
                               self->office_filter, TRUE));

  label = gtk_label_new (_("Campaign"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (self->filter_box, label);
  gtk_box_append (self->filter_box,
                  make_choice (self, _("All Campaigns"), choices ? choices->campaigns : NULL,
                               self->campaign_filter, FALSE));

  label = gtk_label_new (_("Kinds of Event"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (self->filter_box, label);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (civic_event_kind_get_label (kinds[i]));

      g_object_set_data_full (G_OBJECT (check), "kind", g_strdup (kinds[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (self->hidden_kinds, kinds[i]));
      g_signal_connect (check, "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_box_append (self->filter_box, check);
    }
}

static void
filter_choices_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (source);
  FilterChoices *choices = g_task_propagate_pointer (G_TASK (result), NULL);

  if (choices == NULL)
    return;
  g_clear_pointer (&self->filter_choices, filter_choices_free);
  self->filter_choices = choices;
  if (self->filters_built)
    rebuild_filters (self);
}

static void
filter_popover_show_cb (CivicCalendarPage *self)
{
  if (!self->filters_built)
    rebuild_filters (self);
}

static void
load_filter_choices (CivicCalendarPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  task = g_task_new (self, NULL, filter_choices_cb, NULL);
  g_task_set_source_tag (task, load_filter_choices);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, filter_choices_thread);
}

/* ---- Callbacks ---------------------------------------------------------- */

static void
store_changed_cb (CivicStore        *store,
                  GStrv              ids,
                  GStrv              types,
                  CivicCalendarPage *self)
{
  if (types == NULL)
    return;

  if (g_strv_contains ((const char * const *) types, "event") ||
      g_strv_contains ((const char * const *) types, "office"))
    {
      invalidate_cache (self);
      schedule_reload (self);
    }
  if (g_strv_contains ((const char * const *) types, "office") ||
      g_strv_contains ((const char * const *) types, "campaign"))
    load_filter_choices (self);
}

static void
date_picked_cb (CivicCalendarPage *self,
                GtkCalendar       *calendar)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);

  gtk_popover_popdown (self->date_popover);
  set_date (self, picked);
}

static void
search_changed_cb (CivicCalendarPage *self,
                   GtkSearchEntry    *entry)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  reload (self);
}

static void
day_activated_cb (CivicCalendarPage *self,
                  GDateTime         *date)
{
  if (self->read_only)
    return;
  g_signal_emit (self, signals[NEW_EVENT_REQUESTED], 0, date);
}

static void
item_activated_cb (CivicCalendarPage *self,
                   CivicCalendarItem *item)
{
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, item->event_id, item->occurrence);
}

static void
more_activated_cb (CivicCalendarPage *self,
                   GDateTime         *date)
{
  /* "+N more" opens that day: the agenda from that day lists all of it. */
  g_object_set (self, "view-mode", "agenda", NULL);
  set_date (self, date);
}

/* ---- Actions ------------------------------------------------------------ */

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  set_date (CIVIC_CALENDAR_PAGE (widget), now);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  move (CIVIC_CALENDAR_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  move (CIVIC_CALENDAR_PAGE (widget), 1);
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (widget);
  GDateTime *selected = civic_month_view_get_selected_date (self->month_view);

  g_signal_emit (self, signals[NEW_EVENT_REQUESTED], 0, selected ? selected : self->date);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (widget);

  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action;
  g_autoptr(GVariant) target = NULL;

  /* The shortcuts are window-wide (managed scope) but belong to this page
   * only while it is shown.
   */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  g_variant_get (args, "(&smv)", &action, &target);
  return gtk_widget_activate_action_variant (widget, action, target);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action,
              GVariant              *target)
{
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                               gtk_callback_action_new (shortcut_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(smv)", action, target));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
update_actions (CivicCalendarPage *self)
{
  gboolean writable = !self->read_only && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new-event", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.show-all-events", self->read_only);
}

/* ---- GObject ------------------------------------------------------------ */

static void
civic_calendar_page_dispose (GObject *object)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->prefetch_cancellable);
  g_clear_object (&self->prefetch_cancellable);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->filter_choices, filter_choices_free);
  civic_after_frame_cancel (&self->prefetch_after_frame);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->prepare_source, g_source_remove);
  g_queue_clear_full (&self->to_prepare, (GDestroyNotify) prepare_job_free);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_CALENDAR_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->hidden_kinds, g_hash_table_unref);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->view_mode, g_free);
  g_clear_pointer (&self->office_filter, g_free);
  g_clear_pointer (&self->campaign_filter, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (civic_calendar_page_parent_class)->dispose (object);
}

static void
civic_calendar_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;

    case PROP_SHOW_ALL_EVENTS:
      g_value_set_boolean (value, self->show_all_events);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_calendar_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      civic_calendar_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_READ_ONLY:
      civic_calendar_page_set_read_only (self, g_value_get_boolean (value));
      break;

    case PROP_VIEW_MODE:
      civic_calendar_page_set_view_mode (self, g_value_get_string (value));
      break;

    case PROP_SHOW_ALL_EVENTS:
      if (self->show_all_events != g_value_get_boolean (value))
        {
          self->show_all_events = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          reload (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Without a GPU, GTK 4.8 draws a cross-fade by rendering both views
 * offscreen on every frame: 25-50 ms a frame for a month and a week, so
 * the fade stutters through four or five frames.  There the views switch
 * at once; the GL renderer fades them smoothly.
 */
static void
civic_calendar_page_map (GtkWidget *widget)
{
  CivicCalendarPage *self = CIVIC_CALENDAR_PAGE (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  GTK_WIDGET_CLASS (civic_calendar_page_parent_class)->map (widget);

  gtk_stack_set_transition_type (self->view_stack,
                                 GSK_IS_CAIRO_RENDERER (renderer) ? GTK_STACK_TRANSITION_TYPE_NONE
                                                                  : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

static void
civic_calendar_page_class_init (CivicCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_calendar_page_dispose;
  object_class->get_property = civic_calendar_page_get_property;
  object_class->set_property = civic_calendar_page_set_property;

  widget_class->map = civic_calendar_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A board profile sees board-visible events unless it asks for all. */
  properties[PROP_SHOW_ALL_EVENTS] =
    g_param_spec_boolean ("show-all-events", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicCalendarPage::event-activated:
   * @event_id: the event document shown
   * @occurrence: (nullable): the occurrence's date for repeating events
   */
  signals[EVENT_ACTIVATED] = g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * CivicCalendarPage::new-event-requested:
   * @at: the day (or hour) the new event starts on
   */
  signals[NEW_EVENT_REQUESTED] = g_signal_new ("new-event-requested", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
  /* Emitted when a load has reached the visible view (tests and benchmarks wait on it). */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CIVIC_TYPE_MONTH_VIEW);
  g_type_ensure (CIVIC_TYPE_WEEK_VIEW);
  g_type_ensure (CIVIC_TYPE_AGENDA_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/calendar/civic-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, date_picker);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, week_view);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, week_scroller);
  gtk_widget_class_bind_template_child (widget_class, CivicCalendarPage, agenda_view);
  gtk_widget_class_bind_template_callback (widget_class, date_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_show_cb);

  gtk_widget_class_install_property_action (widget_class, "calendar.view", "view-mode");
  gtk_widget_class_install_property_action (widget_class, "calendar.show-all-events", "show-all-events");
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "calendar.search", NULL, search_action);

  _civic_calendar_page_class_init_actions (widget_class);
}

static void
civic_calendar_page_init (CivicCalendarPage *self)
{
  GtkEventController *shortcuts;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->view_mode = g_strdup ("month");
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->hidden_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->office_filter = g_strdup ("");
  self->campaign_filter = g_strdup ("");

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL &&
      g_settings_schema_has_key (schema, "calendar-hidden-kinds"))
    {
      g_auto(GStrv) hidden = NULL;

      self->settings = g_settings_new (APP_ID);
      hidden = g_settings_get_strv (self->settings, "calendar-hidden-kinds");
      for (guint i = 0; hidden[i] != NULL; i++)
        g_hash_table_add (self->hidden_kinds, g_strdup (hidden[i]));
      g_free (self->office_filter);
      self->office_filter = g_settings_get_string (self->settings, "calendar-office");
      g_free (self->campaign_filter);
      self->campaign_filter = g_settings_get_string (self->settings, "calendar-campaign");
      g_free (self->view_mode);
      self->view_mode = g_settings_get_string (self->settings, "calendar-view");
      g_settings_bind (self->settings, "calendar-view", self, "view-mode", G_SETTINGS_BIND_DEFAULT);
    }

  gtk_stack_set_visible_child_name (self->view_stack, self->view_mode);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_1, GDK_ALT_MASK, "calendar.view", g_variant_new_string ("month"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_2, GDK_ALT_MASK, "calendar.view", g_variant_new_string ("week"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_3, GDK_ALT_MASK, "calendar.view", g_variant_new_string ("agenda"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_t, GDK_CONTROL_MASK, "calendar.today", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_n, GDK_CONTROL_MASK, "calendar.new-event", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_f, GDK_CONTROL_MASK, "calendar.search", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_p, GDK_CONTROL_MASK, "calendar.print", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_i, GDK_CONTROL_MASK, "calendar.import", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  _civic_calendar_page_init_actions (self);

  set_date (self, now);
  update_actions (self);
}

/* ---- Public API ---------------------------------------------------------- */

CivicStore *
civic_calendar_page_get_store (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return self->store;
}

void
civic_calendar_page_set_store (CivicCalendarPage *self,
                               CivicStore        *store)
{
  g_return_if_fail (CIVIC_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || CIVIC_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    self->store_changed_id = g_signal_connect (self->store, "changed",
                                               G_CALLBACK (store_changed_cb), self);

  update_actions (self);
  invalidate_cache (self);
  load_filter_choices (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
civic_calendar_page_get_read_only (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), FALSE);
  return self->read_only;
}

void
civic_calendar_page_set_read_only (CivicCalendarPage *self,
                                   gboolean           read_only)
{
  g_return_if_fail (CIVIC_IS_CALENDAR_PAGE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  update_actions (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

const char *
civic_calendar_page_get_view_mode (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return self->view_mode;
}

void
civic_calendar_page_set_view_mode (CivicCalendarPage *self,
                                   const char        *mode)
{
  g_return_if_fail (CIVIC_IS_CALENDAR_PAGE (self));

  if (g_strcmp0 (mode, "week") != 0 && g_strcmp0 (mode, "agenda") != 0)
    mode = "month";
  if (g_strcmp0 (self->view_mode, mode) == 0)
    return;

  g_free (self->view_mode);
  self->view_mode = g_strdup (mode);
  if (g_strcmp0 (mode, "week") == 0 && self->date != NULL)
    civic_week_view_set_week (self->week_view, self->date);
  gtk_stack_set_visible_child_name (self->view_stack, mode);
  gtk_inscription_set_nat_chars (self->title_label, 0);
  update_title (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
}

GDateTime *
civic_calendar_page_get_date (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return self->date;
}

void
civic_calendar_page_set_date (CivicCalendarPage *self,
                              GDateTime         *date)
{
  g_return_if_fail (CIVIC_IS_CALENDAR_PAGE (self));
  set_date (self, date);
}

void
civic_calendar_page_get_visible_range (CivicCalendarPage  *self,
                                       GDateTime         **from,
                                       GDateTime         **to)
{
  g_return_if_fail (CIVIC_IS_CALENDAR_PAGE (self));
  get_range (self, from, to);
}

GPtrArray *
civic_calendar_page_get_items (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return self->items;
}

GtkAdjustment *
_civic_calendar_page_get_week_adjustment (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return gtk_scrolled_window_get_vadjustment (self->week_scroller);
}

const char *
_civic_calendar_page_get_title (CivicCalendarPage *self)
{
  g_return_val_if_fail (CIVIC_IS_CALENDAR_PAGE (self), NULL);
  return gtk_inscription_get_text (self->title_label);
}

char *
_civic_calendar_page_describe_filters (CivicCalendarPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->office_filter && *self->office_filter)
    g_string_append_printf (text, _("Office: %s"), self->office_filter);
  if (self->campaign_filter && *self->campaign_filter)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", self->campaign_filter);
  if (g_hash_table_size (self->hidden_kinds) > 0)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("some kinds hidden"));
  if (self->search_text && *self->search_text)
    g_string_append_printf (text, "%s“%s”", text->len ? " · " : "", self->search_text);
  if (self->read_only && !self->show_all_events)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("board-visible events"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

GtkWidget *
_civic_calendar_page_get_filter_box (CivicCalendarPage *self)
{
  return GTK_WIDGET (self->filter_box);
}

gint64
_civic_calendar_page_get_last_load_us (CivicCalendarPage *self)
{
  return self->last_load_us;
}

/* Whether neighbouring ranges are still being read or laid out. */
gboolean
_civic_calendar_page_is_preparing (CivicCalendarPage *self)
{
  return self->prefetching > 0
         || civic_after_frame_pending (&self->prefetch_after_frame)
         || !g_queue_is_empty (&self->to_prepare);
}

/* Whether the range on screen was laid out ahead, before it was shown. */
gboolean
_civic_calendar_page_range_was_prepared (CivicCalendarPage *self)
{
  if (g_strcmp0 (self->view_mode, "week") == 0)
    return civic_week_view_week_was_prepared (self->week_view);
  if (g_strcmp0 (self->view_mode, "month") == 0)
    return civic_month_view_page_was_prepared (self->month_view);
  return FALSE;
}

/* Whether the views are still cross-fading after a change of view. */
gboolean
_civic_calendar_page_is_switching_view (CivicCalendarPage *self)
{
  return gtk_stack_get_transition_running (self->view_stack);
}
