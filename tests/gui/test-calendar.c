/* test-calendar.c — the Calendar page under a display: views, navigation,
 * the editor (create, edit, delete with undo), filters and read-only mode
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is shown in a plain window over a temporary store filled with
 * the demo organization, whose general-election campaign runs from
 * September 6 to November 8, 2026.
 */

#define G_LOG_DOMAIN "test-calendar"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-agenda-view.h"
#include "civic-calendar-item.h"
#include "civic-calendar-page.h"
#include "civic-calendar-page-private.h"
#include "civic-cal-time.h"
#include "civic-calendar-print.h"
#include "civic-layout-cache.h"
#include "civic-event-editor.h"
#include "civic-event.h"
#include "civic-event-form.h"
#include "civic-month-view.h"
#include "civic-week-view.h"
#include "civic-recurrence.h"
#include "civic-sample.h"

#include <cairo-pdf.h>

typedef struct {
  char              *dir;
  CivicStore        *store;
  GtkWindow         *window;
  CivicCalendarPage *page;
  guint              loads;
  guint              wanted_loads;
  JsonObject        *deleted_previous;
  gpointer           page_alive;
} Fixture;

static void
loaded_cb (CivicCalendarPage *page,
           Fixture           *fixture)
{
  fixture->loads++;
}

static gboolean
loaded_again (gpointer data)
{
  Fixture *fixture = data;
  return fixture->loads >= fixture->wanted_loads;
}

/* Marks the loads counted so far; the next wait_loaded () waits for one
 * more.  A range already loaded is shown at once, inside the call that
 * changed it, so the mark must come before the change.
 */
static void
expect_load (Fixture *fixture)
{
  fixture->wanted_loads = fixture->loads + 1;
}

static void
wait_loaded (Fixture *fixture)
{
  civic_test_wait_for (loaded_again, fixture, "the calendar to load");
}

#define LOADS(fixture, statement) G_STMT_START { expect_load (fixture); statement; wait_loaded (fixture); } G_STMT_END

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 0, 0, 0);

  fixture->dir = g_dir_make_tmp ("civic-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = civic_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (fixture->store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->page = g_object_new (CIVIC_TYPE_CALENDAR_PAGE, NULL);
  fixture->page_alive = fixture->page;
  g_object_add_weak_pointer (G_OBJECT (fixture->page), &fixture->page_alive);
  g_signal_connect (fixture->page, "loaded", G_CALLBACK (loaded_cb), fixture);
  civic_calendar_page_set_view_mode (fixture->page, "month");
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  civic_calendar_page_set_date (fixture->page, october);
  LOADS (fixture, civic_calendar_page_set_store (fixture->page, fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_signal_handlers_disconnect_by_data (fixture->page, fixture);
  gtk_window_destroy (fixture->window);
  /* Loads still running hold the page; once they end it must be gone. */
  civic_test_wait_for (window_gone, &fixture->page_alive, "the page to be finalized");
  g_clear_pointer (&fixture->deleted_previous, json_object_unref);
  g_clear_object (&fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static guint
count_titled (Fixture    *fixture,
              const char *needle)
{
  GPtrArray *items = civic_calendar_page_get_items (fixture->page);
  guint count = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CivicCalendarItem *item = g_ptr_array_index (items, i);
      if (item->title != NULL && strstr (item->title, needle) != NULL)
        count++;
    }
  return count;
}

static CivicCalendarItem *
find_titled (Fixture    *fixture,
             const char *needle)
{
  GPtrArray *items = civic_calendar_page_get_items (fixture->page);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CivicCalendarItem *item = g_ptr_array_index (items, i);
      if (item->title != NULL && strstr (item->title, needle) != NULL)
        return item;
    }
  return NULL;
}

static guint
count_repeating (Fixture *fixture)
{
  GPtrArray *items = civic_calendar_page_get_items (fixture->page);
  guint count = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((CivicCalendarItem *) g_ptr_array_index (items, i))->repeats)
      count++;
  return count;
}

static void
test_views_render_demo (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GPtrArray *items = civic_calendar_page_get_items (fixture->page);
  guint month_items;

  /* October 2026 is the heart of the campaign: phone banks four evenings a
   * week, repeating, plus drives, town halls and clinics.
   */
  g_assert_nonnull (items);
  month_items = items->len;

  /* Usable in a 360 px wide window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1,
                        &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }
  g_assert_cmpuint (month_items, >, 20);
  g_assert_cmpuint (count_repeating (fixture), >, 10);

  LOADS (fixture, civic_calendar_page_set_view_mode (fixture->page, "week"));
  items = civic_calendar_page_get_items (fixture->page);
  g_assert_cmpuint (items->len, >, 0);
  g_assert_cmpuint (items->len, <, month_items);

  LOADS (fixture, civic_calendar_page_set_view_mode (fixture->page, "agenda"));
  {
    GtkWidget *agenda = gtk_widget_get_first_child (GTK_WIDGET (fixture->page));
    (void) agenda;
  }
  items = civic_calendar_page_get_items (fixture->page);
  g_assert_cmpuint (items->len, >, 0);

  LOADS (fixture, civic_calendar_page_set_view_mode (fixture->page, "month"));
  g_assert_cmpuint (civic_calendar_page_get_items (fixture->page)->len, ==, month_items);
}

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GDateTime *date;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.next", NULL)));
  date = civic_calendar_page_get_date (fixture->page);
  g_assert_cmpint (g_date_time_get_month (date), ==, 11);
  g_assert_cmpstr (_civic_calendar_page_get_title (fixture->page), ==, "November 2026");

  LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.previous", NULL)));
  g_assert_cmpint (g_date_time_get_month (civic_calendar_page_get_date (fixture->page)), ==, 10);

  LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.view", "s", "week")));
  g_assert_cmpstr (civic_calendar_page_get_view_mode (fixture->page), ==, "week");
  {
    g_autoptr(GDateTime) before = g_date_time_ref (civic_calendar_page_get_date (fixture->page));
    LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.next", NULL)));
    g_assert_cmpint (g_date_time_difference (civic_calendar_page_get_date (fixture->page), before) / G_TIME_SPAN_DAY, ==, 7);
    /* The week view, told of the date only when shown, shows the new week. */
    g_assert_cmpstr (_civic_calendar_page_get_title (fixture->page), ==, "Oct 4 – Oct 10, 2026");
  }

  LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.today", NULL)));
  date = civic_calendar_page_get_date (fixture->page);
  g_assert_cmpint (g_date_time_get_day_of_year (date), ==, g_date_time_get_day_of_year (now));
}

static void
changed_cb (CivicStore *store,
            GStrv       ids,
            GStrv       types,
            guint      *count)
{
  (*count)++;
}

static gboolean
nonzero (gpointer data)
{
  return *(guint *) data > 0;
}

static void
deleted_cb (CivicEventEditor *editor,
            const char       *message,
            JsonObject       *previous,
            Fixture          *fixture)
{
  g_clear_pointer (&fixture->deleted_previous, json_object_unref);
  fixture->deleted_previous = json_object_ref (previous);
}

static void
save_and_wait (Fixture          *fixture,
               CivicEventEditor *editor)
{
  gpointer weak = editor;
  guint changes = 0;
  gulong id = g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), &changes);

  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  expect_load (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  civic_test_wait_for (window_gone, &weak, "the editor to save and close");
  civic_test_wait_for (nonzero, &changes, "the store to change");
  g_signal_handler_disconnect (fixture->store, id);
  wait_loaded (fixture);
}

static void
test_editor_create_edit_delete_undo (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 10, 14, 0, 0, 0);
  CivicEventEditor *editor;
  CivicCalendarItem *item;
  g_autofree char *event_id = NULL;
  gpointer weak;
  GtkWidget *error_label;

  /* An empty title is refused in place and nothing is written. */
  editor = _civic_calendar_page_open_editor (fixture->page, NULL, NULL, day);
  g_assert_nonnull (editor);
  {
    gint64 seq = civic_store_get_update_seq (fixture->store);

    civic_event_editor_set_title_text (editor, "");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
    for (int i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
    g_assert_cmpint (civic_store_get_update_seq (fixture->store), ==, seq);
  }

  /* Create. */
  civic_event_editor_set_title_text (editor, "Rally for the DREAM Act");
  save_and_wait (fixture, editor);
  item = find_titled (fixture, "Rally for the DREAM Act");
  g_assert_nonnull (item);
  event_id = g_strdup (item->event_id);
  g_assert_cmpint (g_date_time_get_day_of_month (item->starts), ==, 14);

  /* Edit: the views follow without a reload by hand. */
  editor = _civic_calendar_page_open_editor (fixture->page, event_id, NULL, NULL);
  civic_event_editor_set_title_text (editor, "Rally for Immigration Reform");
  save_and_wait (fixture, editor);
  g_assert_null (find_titled (fixture, "Rally for the DREAM Act"));
  g_assert_nonnull (find_titled (fixture, "Rally for Immigration Reform"));

  /* Delete, then undo. */
  editor = _civic_calendar_page_open_editor (fixture->page, event_id, NULL, NULL);
  g_signal_connect (editor, "deleted", G_CALLBACK (deleted_cb), fixture);
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  expect_load (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  civic_test_wait_for (window_gone, &weak, "the editor to delete and close");
  wait_loaded (fixture);
  g_assert_null (find_titled (fixture, "Rally for Immigration Reform"));
  g_assert_nonnull (fixture->deleted_previous);

  LOADS (fixture, _civic_calendar_page_undo_delete (fixture->page, fixture->deleted_previous));
  g_assert_nonnull (find_titled (fixture, "Rally for Immigration Reform"));

  (void) error_label;
}

static void
test_this_occurrence_exception (Fixture       *fixture,
                                gconstpointer  user_data)
{
  CivicCalendarItem *item = NULL;
  GPtrArray *items = civic_calendar_page_get_items (fixture->page);
  g_autoptr(JsonObject) series = NULL;
  g_autoptr(JsonObject) exception = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *series_id = NULL;
  g_autofree char *occurrence = NULL;
  guint before;

  for (guint i = 0; i < items->len && item == NULL; i++)
    if (((CivicCalendarItem *) g_ptr_array_index (items, i))->repeats)
      item = g_ptr_array_index (items, i);
  g_assert_nonnull (item);
  series_id = g_strdup (item->event_id);
  occurrence = g_strdup (item->occurrence);
  before = count_repeating (fixture);

  /* "This event" through the same code the editor's dialog runs. */
  series = civic_store_get (fixture->store, series_id, &error);
  g_assert_no_error (error);
  exception = civic_recurrence_new_exception (series, occurrence, &error);
  g_assert_no_error (error);
  json_object_set_string_member (exception, "title", "Phone bank moved to the library");
  expect_load (fixture);
  g_assert_nonnull (civic_store_put (fixture->store, exception, &error));
  g_assert_no_error (error);
  wait_loaded (fixture);

  g_assert_cmpuint (count_titled (fixture, "Phone bank moved to the library"), ==, 1);
  /* The series still has one document and lost exactly that occurrence. */
  g_assert_cmpuint (count_repeating (fixture), ==, before);
}

static void
test_filters_and_search (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GHashTable) hidden = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"_id\":\"event:x\",\"type\":\"event\",\"kind\":\"town_hall\",\"title\":\"이민 개혁 타운홀\","
    "\"office_id\":\"office:la\",\"campaign_id\":\"campaign:ge\",\"board_visible\":false,"
    "\"location\":{\"name\":\"Koreatown Senior Center\"},\"description\":\"Immigration reform Q&A\"}", -1, NULL));
  event = json_node_get_object (json_parser_get_root (parser));

  g_assert_true (_civic_calendar_event_matches (event, hidden, "", "", "", FALSE));
  g_assert_true (_civic_calendar_event_matches (event, hidden, "", "", "타운홀", FALSE));
  g_assert_true (_civic_calendar_event_matches (event, hidden, "", "", "ㅌㅇㅎ", FALSE));
  g_assert_true (_civic_calendar_event_matches (event, hidden, "", "", "senior center", FALSE));
  g_assert_true (_civic_calendar_event_matches (event, hidden, "", "", "IMMIGRATION", FALSE));
  g_assert_false (_civic_calendar_event_matches (event, hidden, "", "", "rally", FALSE));
  g_assert_false (_civic_calendar_event_matches (event, hidden, "office:oc", "", NULL, FALSE));
  g_assert_true (_civic_calendar_event_matches (event, hidden, "office:la", "campaign:ge", NULL, FALSE));
  g_assert_false (_civic_calendar_event_matches (event, hidden, NULL, NULL, NULL, TRUE));
  g_hash_table_add (hidden, (gpointer) "town_hall");
  g_assert_false (_civic_calendar_event_matches (event, hidden, NULL, NULL, NULL, FALSE));
}

static guint
count_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (gtk_widget_get_visible (window))
        visible++;
    }
  return visible;
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  guint windows = count_toplevels ();
  guint all_items = civic_calendar_page_get_items (fixture->page)->len;

  LOADS (fixture, civic_calendar_page_set_read_only (fixture->page, TRUE));

  /* The action is disabled, not just its button: activating it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.new-event", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.import", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_toplevels (), ==, windows);

  /* A board profile sees board-visible events unless it asks for all. */
  g_assert_cmpuint (civic_calendar_page_get_items (fixture->page)->len, <, all_items);
  LOADS (fixture, g_object_set (fixture->page, "show-all-events", TRUE, NULL));
  g_assert_cmpuint (civic_calendar_page_get_items (fixture->page)->len, ==, all_items);

  /* An editor opened read-only cannot save. */
  {
    GPtrArray *items = civic_calendar_page_get_items (fixture->page);
    CivicCalendarItem *item = g_ptr_array_index (items, 0);
    CivicEventEditor *editor = _civic_calendar_page_open_editor (fixture->page, item->event_id, item->occurrence, NULL);
    gint64 seq = civic_store_get_update_seq (fixture->store);

    civic_event_editor_set_title_text (editor, "Board edit");
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
    for (int i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpint (civic_store_get_update_seq (fixture->store), ==, seq);
    gtk_window_set_focus (GTK_WINDOW (editor), NULL);
    gtk_window_destroy (GTK_WINDOW (editor));
  }
}

static void
test_print_page (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CivicCalendarPrint) print = _civic_calendar_page_create_print (fixture->page);
  g_autofree char *pdf = g_build_filename (fixture->dir, "month.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 792, 612);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  GStatBuf st;

  civic_calendar_print_draw_page (print, cr, layout, 760, 580);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 2000);
}

static void
test_event_form_time_zones (void)
{
  g_autoptr(CivicEventForm) form = civic_event_form_new ();
  g_autoptr(CivicEventForm) back = civic_event_form_new ();
  g_autoptr(JsonObject) event = NULL;
  g_autofree char *rrule = NULL;

  /* 6 pm in Los Angeles on September 10 is 01:00Z the next day (PDT). */
  g_free (form->title);
  form->title = g_strdup ("Phone bank");
  g_free (form->tzid);
  form->tzid = g_strdup ("America/Los_Angeles");
  g_date_set_dmy (&form->start_date, 10, 9, 2026);
  g_date_set_dmy (&form->end_date, 10, 9, 2026);
  form->start_minutes = 18 * 60;
  form->end_minutes = 21 * 60;
  form->repeat = CIVIC_REPEAT_WEEKLY;
  form->weekdays = (1 << 0) | (1 << 3);
  form->repeat_end = CIVIC_REPEAT_END_UNTIL;
  g_date_set_dmy (&form->until, 8, 11, 2026);

  event = civic_event_form_to_json (form, NULL);
  g_assert_cmpstr (json_object_get_string_member (event, "starts_at"), ==, "2026-09-11T01:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (event, "ends_at"), ==, "2026-09-11T04:00:00Z");
  rrule = civic_event_form_build_rrule (form);
  /* The last moment of November 8 in Los Angeles (PST) in UTC. */
  g_assert_cmpstr (rrule, ==, "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261109T075959Z");

  civic_event_form_load (back, event, NULL);
  g_assert_cmpint (back->start_minutes, ==, 18 * 60);
  g_assert_cmpint (back->repeat, ==, CIVIC_REPEAT_WEEKLY);
  g_assert_cmpint (back->weekdays, ==, form->weekdays);
  g_assert_cmpint (g_date_get_day (&back->until), ==, 8);

  /* All-day events keep inclusive dates and no instants. */
  form->all_day = TRUE;
  form->repeat = CIVIC_REPEAT_NONE;
  g_date_set_dmy (&form->end_date, 12, 9, 2026);
  g_clear_pointer (&event, json_object_unref);
  event = civic_event_form_to_json (form, NULL);
  g_assert_cmpstr (json_object_get_string_member (event, "starts_on"), ==, "2026-09-10");
  g_assert_cmpstr (json_object_get_string_member (event, "ends_on"), ==, "2026-09-12");
  g_assert_false (json_object_has_member (event, "starts_at"));
  g_assert_false (json_object_has_member (event, "rrule"));
}

/* ---- Pages laid out ahead ------------------------------------------------- */

static guint frames_drawn;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  frames_drawn++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_reached (gpointer data)
{
  return frames_drawn >= GPOINTER_TO_UINT (data);
}

/* Lets @widget's window lay out and draw twice, so what changed is laid out. */
static void
wait_frames (GtkWidget *widget)
{
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, NULL, NULL);

  gtk_widget_queue_draw (widget);
  civic_test_wait_for (frames_reached, GUINT_TO_POINTER (frames_drawn + 2), "two frames");
  gtk_widget_remove_tick_callback (widget, id);
}

static GtkWidget *
present_in_window (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  civic_test_wait_for (civic_test_widget_mapped, view, "the view to be shown");
  wait_frames (view);
  return GTK_WIDGET (window);
}

static CivicCalendarItem *
item_at (int         day,
         int         hour,
         int         days,
         const char *title)
{
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 11, day, hour, 0, 0);
  g_autoptr(GDateTime) ends = days > 0 ? g_date_time_add_days (starts, days) : g_date_time_add_hours (starts, 1);

  return civic_calendar_item_new (title, title, "phone_bank", starts, ends, days > 0);
}

/* November 2026, busier than any cell: eight events a day, bars across
 * week boundaries, a cancelled one.
 */
static GPtrArray *
busy_november (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);

  for (int day = 1; day <= 30; day++)
    for (int k = 0; k < 8; k++)
      {
        g_autofree char *title = g_strdup_printf ("Shift %d on the %d", k, day);
        CivicCalendarItem *item = item_at (day, 8 + k, 0, title);

        item->cancelled = (day == 12 && k == 0);
        g_ptr_array_add (items, item);
      }
  g_ptr_array_add (items, item_at (3, 0, 3, "Canvass week"));
  g_ptr_array_add (items, item_at (13, 0, 5, "Early voting"));
  g_ptr_array_add (items, item_at (20, 0, 1, "Clinic day"));
  return items;
}

/* Two views' events, drawn ahead or on the frame, give the same pixels. */
static void
assert_drawn_alike (GskRenderNode *a,
                    GskRenderNode *b,
                    int            width,
                    int            height)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture_a = NULL;
  g_autoptr(GdkTexture) texture_b = NULL;
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, width, height);
  gsize stride = width * 4;
  g_autofree guchar *pixels_a = g_malloc (stride * height);
  g_autofree guchar *pixels_b = g_malloc (stride * height);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture_a = gsk_renderer_render_texture (renderer, a, &viewport);
  texture_b = gsk_renderer_render_texture (renderer, b, &viewport);
  gdk_texture_download (texture_a, pixels_a, stride);
  gdk_texture_download (texture_b, pixels_b, stride);
  g_assert_cmpmem (pixels_a, stride * height, pixels_b, stride * height);
  gsk_renderer_unrealize (renderer);
}

typedef GskRenderNode * (*DrawnNodeFunc) (GtkWidget *view);

static GskRenderNode *
month_items_node (GtkWidget *view)
{
  return civic_month_view_get_items_node (CIVIC_MONTH_VIEW (view));
}

static GskRenderNode *
week_blocks_node (GtkWidget *view)
{
  return civic_week_view_get_blocks_node (CIVIC_WEEK_VIEW (view));
}

/* @ahead shows a page laid out ahead, @fresh the same page laid out on its
 * frame: the events @ahead drew ahead give the same pixels, later frames
 * reuse them, and a dark style has them drawn again (alike again).
 */
static void
check_drawn_ahead (GtkWidget     *ahead,
                   GtkWidget     *fresh,
                   DrawnNodeFunc  get_node)
{
  GskRenderNode *node = get_node (ahead);
  int width = gtk_widget_get_width (ahead);
  int height = gtk_widget_get_height (ahead);

  g_assert_cmpint (width, ==, gtk_widget_get_width (fresh));
  g_assert_cmpint (height, ==, gtk_widget_get_height (fresh));
  assert_drawn_alike (node, get_node (fresh), width, height);

  wait_frames (ahead);
  g_assert_true (get_node (ahead) == node);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (ahead);
  wait_frames (fresh);
  g_assert_true (get_node (ahead) != node);
  assert_drawn_alike (get_node (ahead), get_node (fresh), width, height);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_month_prepared_page (void)
{
  g_autoptr(GPtrArray) items = busy_november ();
  g_autoptr(GDateTime) october = g_date_time_new_local (2026, 10, 1, 0, 0, 0);
  g_autoptr(GDateTime) november = g_date_time_new_local (2026, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) same_items = NULL;
  CivicMonthView *ahead = CIVIC_MONTH_VIEW (civic_month_view_new ());
  CivicMonthView *fresh = CIVIC_MONTH_VIEW (civic_month_view_new ());
  GtkWidget *ahead_window, *fresh_window;
  guint steps = 0, hidden_days = 0;

  civic_month_view_set_month (ahead, october);
  ahead_window = present_in_window (GTK_WIDGET (ahead));
  fresh_window = present_in_window (GTK_WIDGET (fresh));

  /* Lay November out ahead, a few labels per step, as the page does while idle. */
  civic_month_view_range_for (ahead, november, &from, &to);
  while (!civic_month_view_prepare (ahead, from, items, 16))
    steps++;
  g_assert_cmpuint (steps, >, 2);
  g_assert_true (civic_month_view_prepare (ahead, from, items, 16));

  civic_month_view_set_month (ahead, november);
  civic_month_view_set_items (ahead, items);
  civic_month_view_set_month (fresh, november);
  civic_month_view_set_items (fresh, items);
  wait_frames (GTK_WIDGET (ahead));
  wait_frames (GTK_WIDGET (fresh));

  g_assert_true (civic_month_view_page_was_prepared (ahead));
  g_assert_false (civic_month_view_page_was_prepared (fresh));
  for (guint day = 0; day < 42; day++)
    {
      guint shown_a, hidden_a, shown_f, hidden_f;

      civic_month_view_get_day_counts (ahead, day, &shown_a, &hidden_a);
      civic_month_view_get_day_counts (fresh, day, &shown_f, &hidden_f);
      g_assert_cmpuint (shown_a, ==, shown_f);
      g_assert_cmpuint (hidden_a, ==, hidden_f);
      if (hidden_a > 0)
        hidden_days++;
    }
  g_assert_cmpuint (hidden_days, >=, 30);

  /* Its events were drawn ahead too; selecting a day draws the grid again,
   * not them.
   */
  civic_month_view_set_selected_date (ahead, november);
  check_drawn_ahead (GTK_WIDGET (ahead), GTK_WIDGET (fresh), month_items_node);

  /* Another answer for the same range (an edit, a filter) is laid out anew. */
  same_items = g_ptr_array_copy (items, (GCopyFunc) civic_calendar_item_ref, NULL);
  g_ptr_array_set_free_func (same_items, (GDestroyNotify) civic_calendar_item_unref);
  civic_month_view_set_items (ahead, same_items);
  g_assert_false (civic_month_view_page_was_prepared (ahead));

  /* So is the same answer shown for another month. */
  civic_month_view_set_items (ahead, items);
  g_assert_true (civic_month_view_page_was_prepared (ahead));
  civic_month_view_set_month (ahead, october);
  g_assert_false (civic_month_view_page_was_prepared (ahead));

  gtk_window_destroy (GTK_WINDOW (ahead_window));
  gtk_window_destroy (GTK_WINDOW (fresh_window));
}

static void
test_week_prepared_week (void)
{
  g_autoptr(GPtrArray) items = busy_november ();
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 16, 0, 0, 0);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  CivicWeekView *ahead = CIVIC_WEEK_VIEW (civic_week_view_new ());
  CivicWeekView *fresh = CIVIC_WEEK_VIEW (civic_week_view_new ());
  GtkWidget *ahead_window, *fresh_window;
  guint all_day_a, timed_a, all_day_f, timed_f;

  ahead_window = present_in_window (GTK_WIDGET (ahead));
  fresh_window = present_in_window (GTK_WIDGET (fresh));

  civic_week_view_range_for (ahead, monday, &from, &to);
  while (!civic_week_view_prepare (ahead, from, items, 16))
    ;

  civic_week_view_set_week (ahead, monday);
  civic_week_view_set_items (ahead, items);
  civic_week_view_set_week (fresh, monday);
  civic_week_view_set_items (fresh, items);
  wait_frames (GTK_WIDGET (ahead));

  g_assert_true (civic_week_view_week_was_prepared (ahead));
  g_assert_false (civic_week_view_week_was_prepared (fresh));
  civic_week_view_get_counts (ahead, &all_day_a, &timed_a);
  civic_week_view_get_counts (fresh, &all_day_f, &timed_f);
  /* The week of the 16th: "Early voting" (13–17) crosses into it; 56 shifts. */
  g_assert_cmpuint (all_day_a, ==, all_day_f);
  g_assert_cmpuint (timed_a, ==, timed_f);
  g_assert_cmpuint (all_day_a, ==, 2);
  g_assert_cmpuint (timed_a, ==, 56);

  /* The blocks were drawn ahead too. */
  wait_frames (GTK_WIDGET (fresh));
  check_drawn_ahead (GTK_WIDGET (ahead), GTK_WIDGET (fresh), week_blocks_node);

  gtk_window_destroy (GTK_WINDOW (ahead_window));
  gtk_window_destroy (GTK_WINDOW (fresh_window));
}

/* Paging far keeps filling the cache of shaped labels; the ones in use
 * must survive it being trimmed, the long unused ones must go.
 */
static void
test_layout_cache_keeps_recent (void)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (NULL));
  g_autoptr(CivicLayoutCache) cache = civic_layout_cache_new (label);
  PangoLayout *recent = civic_layout_cache_get (cache, "Phone bank", 120, -1, CIVIC_LAYOUT_PLAIN);
  gpointer stale = civic_layout_cache_get (cache, "Town hall", 120, -1, CIVIC_LAYOUT_PLAIN);

  g_object_add_weak_pointer (G_OBJECT (stale), &stale);
  for (guint i = 0; i < 12000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Shift %u", i);

      civic_layout_cache_get (cache, text, 120, -1, CIVIC_LAYOUT_PLAIN);
      if (i % 1000 == 0)
        g_assert_true (civic_layout_cache_get (cache, "Phone bank", 120, -1, CIVIC_LAYOUT_PLAIN) == recent);
    }

  g_assert_true (civic_layout_cache_get (cache, "Phone bank", 120, -1, CIVIC_LAYOUT_PLAIN) == recent);
  g_assert_cmpstr (pango_layout_get_text (recent), ==, "Phone bank");
  g_assert_null (stale);
}

static gboolean
page_settled (gpointer data)
{
  return !_civic_calendar_page_is_preparing (CIVIC_CALENDAR_PAGE (data));
}

/* Paging back the way one came: the ranges are still read (the page keeps
 * a dozen), but the view keeps fewer pages laid out; each page back must
 * be laid out ahead all the same, or its first frame shapes every label.
 */
static void
test_paging_back_is_prepared (Fixture       *fixture,
                              gconstpointer  data)
{
  const int steps = 9;

  for (const char *const *mode = (const char *const[]) { "month", "week", NULL }; *mode != NULL; mode++)
    {
      /* The fixture opens on the month. */
      if (g_strcmp0 (*mode, "month") != 0)
        LOADS (fixture, civic_calendar_page_set_view_mode (fixture->page, *mode));
      civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");

      for (int i = 0; i < steps; i++)
        {
          LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                                                     "calendar.next", NULL)));
          g_assert_true (_civic_calendar_page_range_was_prepared (fixture->page));
          civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");
        }
      for (int i = 0; i < steps; i++)
        {
          LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                                                     "calendar.previous", NULL)));
          g_test_message ("%s, %d back", *mode, i + 1);
          g_assert_true (_civic_calendar_page_range_was_prepared (fixture->page));
          civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");
        }
    }
}

static void
count_cb (GdkFrameClock *clock,
          guint         *count)
{
  (*count)++;
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (GTK_ADJUSTMENT (data)) > 0;
}

/* The week opens at the working day (7 AM, 44 px an hour) once its
 * scrolled window has a size, however late that is: the first time the week
 * is shown after the month, its items can come before it is laid out.  Here
 * they come, and everything the main loop had to do is done, while the
 * window is hidden.
 */
static void
test_week_opens_at_morning (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkAdjustment *adjustment = _civic_calendar_page_get_week_adjustment (fixture->page);

  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  /* The fixture opens on the month. */
  LOADS (fixture, civic_calendar_page_set_view_mode (fixture->page, "week"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  gtk_window_present (fixture->window);
  civic_test_wait_for (scrolled_down, adjustment, "the week to open at the working day");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 7 * 44);
}

static void
state_changed_cb (GtkWidget     *widget,
                  GtkStateFlags  previous,
                  guint         *count)
{
  (*count)++;
}

static gboolean
count_grew (gpointer data)
{
  guint *counts = data;

  return counts[0] > counts[1];
}

/* Paging through months draws the new month without laying anything out:
 * a frame that lays out makes GTK recompute the whole window's size (and on
 * X11 ask the server for the monitor's work area), a millisecond or more of
 * each change.  (The title's text takes no part in its size, the month's
 * cells stay, and the hidden week view is not told of the new dates.)
 *
 * Other test programs share the X server: a window of theirs mapped over
 * this one moves the pointer in or out of it, and the hover that changes
 * lays it out.  A round of changes during which the window's state changed
 * is not counted, and is tried again.
 */
static void
test_paging_lays_nothing_out (Fixture       *fixture,
                              gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  guint layouts = 0, disturbed = 0, paints[2] = { 0, 0 };
  gulong layout_id, paint_id, state_id;
  int round;

  civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");
  /* September is the widest month's name: the title grows once for it. */
  for (int i = 0; i < 12; i++)
    LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                                               "calendar.previous", NULL)));
  civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");

  /* A new window is laid out again as the X server configures it (later
   * under load): the count starts once frames come without layouts.
   */
  layout_id = g_signal_connect (clock, "layout", G_CALLBACK (count_cb), &layouts);
  for (int tries = 0; tries == 0 || layouts > 0; tries++)
    {
      g_assert_cmpint (tries, <, 50);
      layouts = 0;
      wait_frames (GTK_WIDGET (fixture->window));
    }

  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_cb), &paints[0]);
  state_id = g_signal_connect (fixture->window, "state-flags-changed", G_CALLBACK (state_changed_cb), &disturbed);
  for (round = 0; round < 10; round++)
    {
      layouts = disturbed = 0;
      for (int i = 0; i < 6; i++)
        {
          const char *action = i % 3 == 2 ? "calendar.previous" : "calendar.next";

          paints[1] = paints[0];
          LOADS (fixture, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL)));
          civic_test_wait_for (count_grew, paints, "the new month to be drawn");
          civic_test_wait_for (page_settled, fixture->page, "the neighbours to be laid out");
        }
      if (disturbed == 0)
        break;
      g_test_message ("Round %d: the window's state changed; again", round);
    }
  g_signal_handler_disconnect (clock, layout_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (fixture->window, state_id);

  g_assert_cmpint (round, <, 10);
  g_assert_cmpuint (layouts, ==, 0);
}

static void
more_activated_cb (GtkWidget  *view,
                   GDateTime  *date,
                   GDateTime **out)
{
  g_clear_pointer (out, g_date_time_unref);
  *out = g_date_time_ref (date);
}

/* Shows @view in a scrolled window of its own window, on the week of @day
 * with @items, and waits for it to be drawn.
 */
static GtkWidget *
show_week (CivicWeekView *view,
           GDateTime     *day,
           GPtrArray     *items)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *window;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  window = present_in_window (scroller);
  civic_week_view_set_week (view, day);
  civic_week_view_set_items (view, items);
  wait_frames (GTK_WIDGET (view));
  return window;
}

/* The week view is only resized when its all-day band changes height
 * (a page change that keeps it only draws), whether new items or a new
 * week alone change it.
 */
static void
test_week_height_follows_band (void)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);
  g_autoptr(GPtrArray) three = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2026, 11, 18, 0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_local (2027, 3, 10, 0, 0, 0);
  CivicWeekView *view = CIVIC_WEEK_VIEW (civic_week_view_new ());
  GtkWidget *window;
  int one_lane, three_lanes;

  g_ptr_array_add (one, item_at (17, 0, 2, "Drive"));
  g_ptr_array_add (three, item_at (17, 0, 2, "Drive"));
  g_ptr_array_add (three, item_at (17, 0, 2, "Clinic"));
  g_ptr_array_add (three, item_at (17, 0, 2, "Rally"));

  window = show_week (view, wednesday, one);
  one_lane = gtk_widget_get_height (GTK_WIDGET (view));

  civic_week_view_set_items (view, three);
  wait_frames (GTK_WIDGET (view));
  three_lanes = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpint (three_lanes, >, one_lane);

  /* A week without those events, its items not come yet: one lane again. */
  civic_week_view_set_week (view, later);
  wait_frames (GTK_WIDGET (view));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), ==, one_lane);

  /* Back, items and all. */
  civic_week_view_set_week (view, wednesday);
  civic_week_view_set_items (view, three);
  wait_frames (GTK_WIDGET (view));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), ==, three_lanes);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_week_overflow (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2026, 11, 18, 0, 0, 0);
  g_autoptr(GDateTime) opened = NULL;
  CivicWeekView *view = CIVIC_WEEK_VIEW (civic_week_view_new ());
  GtkWidget *window;
  int col, width, max_slots;
  guint all_day, timed;
  GtkGesture *click = NULL;

  /* Ten phone banks at the same hour on one day, and one on the next. */
  for (int k = 0; k < 10; k++)
    {
      g_autofree char *title = g_strdup_printf ("Phone bank table %d", k);
      g_ptr_array_add (items, item_at (18, 18, 0, title));
    }
  g_ptr_array_add (items, item_at (19, 18, 0, "Clinic"));

  window = show_week (view, wednesday, items);

  civic_week_view_get_counts (view, &all_day, &timed);
  g_assert_cmpuint (timed, ==, 11);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  /* As many side by side as are 56 px wide, the last of them saying "+N". */
  max_slots = MAX (1, (int) (((width - 56) / 7.0 - 4) / 56));
  g_assert_cmpint (max_slots, <, 10);
  col = civic_cal_days_between (civic_week_view_get_range_start (view),
                                ((CivicCalendarItem *) g_ptr_array_index (items, 0))->starts);
  g_assert_cmpuint (civic_week_view_get_hidden (view, col), ==, 10 - (max_slots - 1));
  g_assert_cmpuint (civic_week_view_get_hidden (view, col + 1), ==, 0);

  /* Clicking "+N" (the last slot that fits, 6 to 7 pm) opens that day. */
  g_signal_connect (view, "more-activated", G_CALLBACK (more_activated_cb), &opened);
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    double col_width = (width - 56) / 7.0;
    double x = 56 + col * col_width + 2 + (max_slots - 0.5) * (col_width - 4) / max_slots;
    double y = 40 + 28 + 18.5 * 44;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller))
          click = GTK_GESTURE (controller);
      }
    g_assert_nonnull (click);
    g_signal_emit_by_name (click, "pressed", 1, x, y);
  }
  g_assert_nonnull (opened);
  g_assert_cmpint (g_date_time_get_day_of_month (opened), ==, 18);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_week_gutter_fits_hours (void)
{
  CivicWeekView *view = CIVIC_WEEK_VIEW (civic_week_view_new ());
  GtkWidget *window = present_in_window (GTK_WIDGET (view));
  g_autoptr(GtkCssProvider) big = gtk_css_provider_new ();
  g_autoptr(PangoLayout) layout = NULL;
  int widest = 0;

  /* The hour names in a large font (as "오후 11시" is in any font) are
   * wider than the usual column: it widens to fit them.
   */
  g_assert_cmpint (civic_week_view_get_gutter_width (view), >=, 56);
  gtk_css_provider_load_from_data (big, "civic-week-view { font-size: 28px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (window), GTK_STYLE_PROVIDER (big),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  wait_frames (GTK_WIDGET (view));

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), NULL);
  for (int hour = 1; hour < 24; hour++)
    {
      g_autoptr(GDateTime) t = g_date_time_new_utc (2001, 1, 1, hour, 0, 0);
      g_autofree char *label = g_date_time_format (t, "%l %p");
      int width;

      pango_layout_set_text (layout, g_strstrip (label), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  g_assert_cmpint (widest, >, 56);
  g_assert_cmpint (civic_week_view_get_gutter_width (view), >=, widest + 10);

  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (window), GTK_STYLE_PROVIDER (big));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* @widget as it draws now, as a render node. */
static GskRenderNode *
draw_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return node;
}

/* Whether @node holds a colour node of @color within a pixel of @rect. */
static gboolean
has_color_node (GskRenderNode         *node,
                const GdkRGBA         *color,
                const graphene_rect_t *rect)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        return gdk_rgba_equal (gsk_color_node_get_color (node), color) &&
               fabs (bounds.origin.x - rect->origin.x) <= 1 && fabs (bounds.origin.y - rect->origin.y) <= 1 &&
               fabs (bounds.size.width - rect->size.width) <= 1;
      }
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (has_color_node (gsk_container_node_get_child (node, i), color, rect))
          return TRUE;
      return FALSE;
    case GSK_TRANSFORM_NODE:
      return has_color_node (gsk_transform_node_get_child (node), color, rect);
    case GSK_CLIP_NODE:
      return has_color_node (gsk_clip_node_get_child (node), color, rect);
    default:
      return FALSE;
    }
}

/* Today's column has a line at the current time, as in GNOME Calendar:
 * where the hours say, in the day's column, and only in the week that
 * holds it.
 */
static void
test_week_now_line (void)
{
  static const GdkRGBA red = { 0.878, 0.106, 0.141, 1 };
  CivicWeekView *view = CIVIC_WEEK_VIEW (civic_week_view_new ());
  GtkWidget *window = present_in_window (GTK_WIDGET (view));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_week = g_date_time_add_weeks (now, 1);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) morning = NULL;
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t at_now, at_morning, at_evening;
  double gutter, column;

  civic_week_view_set_week (view, now);
  wait_frames (GTK_WIDGET (view));
  start = g_date_time_ref (civic_week_view_get_range_start (view));
  gutter = civic_week_view_get_gutter_width (view);
  column = (gtk_widget_get_width (GTK_WIDGET (view)) - gutter) / 7.0;

  /* The third day of the week at 6 am and 6 pm: twelve hours apart. */
  morning = g_date_time_add_full (start, 0, 0, 2, 6, 0, 0);
  evening = g_date_time_add_full (start, 0, 0, 2, 18, 0, 0);
  g_assert_true (civic_week_view_get_now_line (view, morning, &at_morning));
  g_assert_true (civic_week_view_get_now_line (view, evening, &at_evening));
  g_assert_cmpfloat_with_epsilon (at_morning.origin.x, gutter + 2 * column, 0.5);
  g_assert_cmpfloat_with_epsilon (at_morning.size.width, column, 0.5);
  g_assert_cmpfloat_with_epsilon (at_evening.origin.y - at_morning.origin.y, 12 * 44, 0.5);
  g_assert_false (civic_week_view_get_now_line (view, next_week, &at_now));

  /* Drawn where it says, for the time it is. */
  g_assert_true (civic_week_view_get_now_line (view, now, &at_now));
  node = draw_widget (GTK_WIDGET (view));
  g_assert_true (has_color_node (node, &red, &at_now));

  /* Another week has none. */
  civic_week_view_set_week (view, next_week);
  wait_frames (GTK_WIDGET (view));
  g_clear_pointer (&node, gsk_render_node_unref);
  node = draw_widget (GTK_WIDGET (view));
  g_assert_false (has_color_node (node, &red, &at_now));

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_children (GtkWidget *widget,
                GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      n++;
  return n;
}

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* GTK 4.8's cairo renderer (no GPU) cross-fades by drawing both views
 * offscreen on every frame; there the views switch at once, and with GL
 * they fade.  GTK picks the renderer once per process: meson runs this
 * test again with GSK_RENDERER=cairo ("calendar-cairo").
 */
static void
test_views_switch_at_once_without_gpu (void)
{
  CivicCalendarPage *page = g_object_new (CIVIC_TYPE_CALENDAR_PAGE, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gboolean animations = FALSE;
  gboolean cairo;

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  civic_test_wait_for (civic_test_widget_mapped, page, "the page to be shown");
  cairo = GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window)));
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (page)), "gtk-enable-animations", &animations, NULL);
  g_test_message ("renderer: %s", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0)
    g_assert_true (cairo);

  civic_calendar_page_set_view_mode (page, "week");
  if (cairo)
    g_assert_false (_civic_calendar_page_is_switching_view (page));
  else if (animations)
    g_assert_true (_civic_calendar_page_is_switching_view (page));
  civic_calendar_page_set_view_mode (page, "month");
  if (cairo)
    g_assert_false (_civic_calendar_page_is_switching_view (page));

  gtk_window_destroy (window);
}

typedef struct {
  GtkWidget *box;
  guint      n_items;
} ChoiceWait;

static GtkWidget *
first_drop_down (GtkWidget *box)
{
  GtkWidget *child = gtk_widget_get_first_child (box);

  while (child != NULL && !GTK_IS_DROP_DOWN (child))
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static gboolean
office_choice_filled (gpointer data)
{
  ChoiceWait *wait = data;
  GtkWidget *choice = first_drop_down (wait->box);

  return choice != NULL && g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (choice))) == wait->n_items;
}

/* The filter popover is filled when first opened, with what the store has
 * (the offices and campaigns are read in a thread, and fill it when read).
 */
static void
test_filters_built_when_opened (Fixture       *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *box = _civic_calendar_page_get_filter_box (fixture->page);
  GtkWidget *popover = gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER);
  g_autoptr(GError) error = NULL;
  guint offices = civic_store_count (fixture->store, "office", &error);
  GtkWidget *office_choice;

  g_assert_no_error (error);
  g_assert_cmpuint (offices, >, 0);
  g_assert_null (gtk_widget_get_first_child (box));

  gtk_popover_popup (GTK_POPOVER (popover));
  civic_test_wait_for (popover_mapped, popover, "the filter popover to open");
  /* An office and a campaign choice, and a check button per kind. */
  g_assert_cmpuint (count_children (box, GTK_TYPE_DROP_DOWN), ==, 2);
  g_assert_cmpuint (count_children (box, GTK_TYPE_CHECK_BUTTON), ==, g_strv_length ((GStrv) civic_event_kind_list ()));
  /* "All Offices" and each office. */
  civic_test_wait_for (office_choice_filled, &(ChoiceWait) { box, offices + 1 }, "the offices to be listed");
  office_choice = first_drop_down (box);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (office_choice))), ==, offices + 1);
  g_assert_cmpuint (count_children (box, GTK_TYPE_DROP_DOWN), ==, 2);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/calendar/event-form/time-zones", test_event_form_time_zones);
  g_test_add_func ("/calendar/month-view/prepared-page", test_month_prepared_page);
  g_test_add_func ("/calendar/week-view/prepared-week", test_week_prepared_week);
  g_test_add_func ("/calendar/week-view/overflow", test_week_overflow);
  g_test_add_func ("/calendar/week-view/height-follows-band", test_week_height_follows_band);
  g_test_add_func ("/calendar/week-view/gutter-fits-hours", test_week_gutter_fits_hours);
  g_test_add_func ("/calendar/week-view/now-line", test_week_now_line);
  g_test_add ("/calendar/views/render-demo", Fixture, NULL, fixture_set_up, test_views_render_demo, fixture_tear_down);
  g_test_add ("/calendar/navigation", Fixture, NULL, fixture_set_up, test_navigation, fixture_tear_down);
  g_test_add_func ("/calendar/layout-cache/keeps-recent", test_layout_cache_keeps_recent);
  g_test_add_func ("/calendar/views/switch-at-once-without-gpu", test_views_switch_at_once_without_gpu);
  g_test_add ("/calendar/week-opens-at-morning", Fixture, NULL, fixture_set_up,
              test_week_opens_at_morning, fixture_tear_down);
  g_test_add ("/calendar/paging-lays-nothing-out", Fixture, NULL, fixture_set_up,
              test_paging_lays_nothing_out, fixture_tear_down);
  g_test_add ("/calendar/paging-back-is-prepared", Fixture, NULL, fixture_set_up,
              test_paging_back_is_prepared, fixture_tear_down);
  g_test_add ("/calendar/filters/built-when-opened", Fixture, NULL, fixture_set_up,
              test_filters_built_when_opened, fixture_tear_down);
  g_test_add ("/calendar/editor/create-edit-delete-undo", Fixture, NULL, fixture_set_up,
              test_editor_create_edit_delete_undo, fixture_tear_down);
  g_test_add ("/calendar/editor/this-occurrence", Fixture, NULL, fixture_set_up,
              test_this_occurrence_exception, fixture_tear_down);
  g_test_add ("/calendar/filters", Fixture, NULL, fixture_set_up, test_filters_and_search, fixture_tear_down);
  g_test_add ("/calendar/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/calendar/print", Fixture, NULL, fixture_set_up, test_print_page, fixture_tear_down);

  return g_test_run ();
}
