/* test-visits.c — the Visits page under a display: legislators, the visit
 * editor, the legislator page, follow-ups with undo, the whip count, the
 * overdue badge, lobby days, printing and read-only mode
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is shown inside an AdwViewStack (as in the main window, so the
 * badge on its stack page can be checked) over a temporary store filled
 * with the demo organization.
 *
 * With CIVIC_VISITS_SHOT=directory|legislator|editor|debrief|follow-ups|
 * whip-count|lobby-day and CIVIC_VISITS_DB=PATH the program shows that
 * view over that database and runs until killed: the screenshots in
 * docs/screenshots/ are taken that way.
 */

#define G_LOG_DOMAIN "test-visits"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-legislator.h"
#include "civic-legislator-editor.h"
#include "civic-sample.h"
#include "civic-visit-editor.h"
#include "civic-visits-item.h"
#include "civic-visits-page.h"
#include "civic-visits-page-private.h"

static void
spin (guint times)
{
  for (guint i = 0; i < times; i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct {
  char            *dir;
  CivicStore      *store;
  GtkWindow       *window;
  AdwViewStack    *stack;
  CivicVisitsPage *page;
  char            *saved_id;
  const char      *wanted_name;
  const char      *wanted_task;
  guint            wanted_overdue;
} Fixture;

static gboolean
page_ready (gpointer data)
{
  Fixture *fixture = data;

  return _civic_visits_page_get_index_loaded (fixture->page)
         && g_list_model_get_n_items (_civic_visits_page_get_directory (fixture->page)) > 0
         && fixture->page->volunteer_names != NULL
         && fixture->page->search != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (fixture->page->follow_ups_store)) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("civic-visits-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = civic_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (fixture->store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  fixture->page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
  adw_view_stack_add_titled (fixture->stack, GTK_WIDGET (fixture->page), "visits", "Visits");
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->stack));
  gtk_window_present (fixture->window);

  civic_visits_page_set_store (fixture->page, fixture->store);
  civic_test_wait_for (page_ready, fixture, "the page to load");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  spin (10);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->saved_id, g_free);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* ---- Helpers ------------------------------------------------------------ */

static CivicDirectoryRow *
find_directory_row (Fixture    *fixture,
                    const char *name)
{
  GListModel *model = _civic_visits_page_get_directory (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, i);
      CivicDirectoryRow *row = civic_visits_item_get_data (item);
      if (g_strcmp0 (row->name, name) == 0)
        return row;
    }
  return NULL;
}

static gboolean
directory_has_wanted (gpointer data)
{
  Fixture *fixture = data;
  return find_directory_row (fixture, fixture->wanted_name) != NULL
         && find_directory_row (fixture, fixture->wanted_name)->doc != NULL;
}

static gboolean
legislator_docs_have_wanted (gpointer data)
{
  Fixture *fixture = data;
  GPtrArray *docs = fixture->page->legislator_docs;

  for (guint i = 0; docs != NULL && i < docs->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (docs, i), "name", ""),
                   fixture->wanted_name) == 0)
      return TRUE;
  return FALSE;
}

static void
saved_cb (GObject    *editor,
          const char *id,
          Fixture    *fixture)
{
  g_free (fixture->saved_id);
  fixture->saved_id = g_strdup (id);
}

static gboolean
saved (gpointer data)
{
  return ((Fixture *) data)->saved_id != NULL;
}

/* Creates a legislator through the legislator editor and waits until the
 * page lists it; returns its id.
 */
static char *
create_legislator (Fixture    *fixture,
                   const char *name)
{
  CivicLegislatorEditor *editor = civic_legislator_editor_new (fixture->store, NULL);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  civic_legislator_editor_set_fields (editor, name, "state_assembly", "CA", "53", "Democrat");
  civic_legislator_editor_add_office (editor, "capitol", "1021 O Street, Sacramento, CA 95814", "916-555-0153");
  civic_legislator_editor_add_staffer (editor, "Dana Whitfield", "Legislative Director", "dana@example.org",
                                       "916-555-0154", "Immigration reform, Language access");
  g_clear_pointer (&fixture->saved_id, g_free);
  g_assert_true (civic_legislator_editor_save (editor));
  civic_test_wait_for (saved, fixture, "the legislator to be saved");

  fixture->wanted_name = name;
  civic_test_wait_for (directory_has_wanted, fixture, "the directory to list the new legislator");
  civic_test_wait_for (legislator_docs_have_wanted, fixture, "the page to know the new legislator");
  return g_strdup (fixture->saved_id);
}

static CivicVisitEditor *
new_editor (Fixture  *fixture,
            gboolean  debrief)
{
  CivicVisitEditorChoices choices = {
    fixture->page->legislator_docs,
    fixture->page->campaigns,
    fixture->page->lobby_days,
    fixture->page->offices,
    fixture->page->volunteer_names,
    fixture->page->search,
  };
  CivicVisitEditor *editor = civic_visit_editor_new (fixture->store, NULL, &choices, debrief);

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static GStrv
two_volunteers (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) volunteers = civic_store_list (fixture->store, "volunteer", &error);
  GStrv ids = g_new0 (char *, 3);

  g_assert_no_error (error);
  g_assert_cmpuint (volunteers->len, >=, 2);
  ids[0] = g_strdup (json_object_get_string_member (g_ptr_array_index (volunteers, 0), "_id"));
  ids[1] = g_strdup (json_object_get_string_member (g_ptr_array_index (volunteers, 1), "_id"));
  return ids;
}

static CivicFollowUp *
find_follow_up (Fixture    *fixture,
                const char *task)
{
  GListModel *model = G_LIST_MODEL (fixture->page->follow_ups_store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, i);
      CivicFollowUp *follow_up = civic_visits_item_get_data (item);
      if (g_strcmp0 (follow_up->task, task) == 0)
        return follow_up;
    }
  return NULL;
}

static gboolean
follow_up_listed (gpointer data)
{
  Fixture *fixture = data;
  return find_follow_up (fixture, fixture->wanted_task) != NULL;
}

static gboolean
overdue_is_wanted (gpointer data)
{
  Fixture *fixture = data;
  return _civic_visits_page_get_overdue (fixture->page) == fixture->wanted_overdue;
}

static gboolean
widget_has_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
legislator_page_shows_wanted (gpointer data)
{
  Fixture *fixture = data;
  return widget_has_label (_civic_visits_page_get_legislator_content (fixture->page), fixture->wanted_task);
}

static gboolean
whip_count_has_wanted (gpointer data)
{
  Fixture *fixture = data;
  CivicWhipCount *count;

  _civic_visits_page_set_whip_topic (fixture->page, "Immigration reform");
  count = _civic_visits_page_get_whip_count (fixture->page);
  for (guint i = 0; count != NULL && i < count->rows->len; i++)
    if (g_strcmp0 (((CivicWhipRow *) g_ptr_array_index (count->rows, i))->legislator_id, fixture->wanted_name) == 0)
      return TRUE;
  return FALSE;
}

static char *
yesterday (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -1);

  return g_date_time_format (then, "%Y-%m-%d");
}

static guint
count_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      visible += gtk_widget_get_visible (window);
    }
  return visible;
}

/* ---- Tests -------------------------------------------------------------- */

/* The search entry reports changes after a short delay. */
static gboolean
directory_narrowed (gpointer data)
{
  Fixture *fixture = data;
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->page->directory_filtered)) < fixture->wanted_overdue;
}

static gboolean
directory_whole (gpointer data)
{
  Fixture *fixture = data;
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->page->directory_filtered)) == fixture->wanted_overdue;
}

static void
test_directory (Fixture       *fixture,
                gconstpointer  user_data)
{
  GListModel *model = _civic_visits_page_get_directory (fixture->page);
  g_autoptr(GError) error = NULL;
  guint legislators = civic_store_count (fixture->store, "legislator", &error);
  GListModel *shown = G_LIST_MODEL (fixture->page->directory_filtered);
  guint never = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, legislators);

  /* The search narrows the table; "no visit yet" keeps only those never visited. */
  gtk_editable_set_text (GTK_EDITABLE (fixture->page->search_entry), "state senate");
  fixture->wanted_overdue = legislators;
  civic_test_wait_for (directory_narrowed, fixture, "the search to narrow the directory");
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, legislators);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  gtk_editable_set_text (GTK_EDITABLE (fixture->page->search_entry), "");
  civic_test_wait_for (directory_whole, fixture, "the search to be cleared");

  for (guint i = 0; i < legislators; i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, i);
      never += ((CivicDirectoryRow *) civic_visits_item_get_data (item))->last_visit == NULL;
    }
  fixture->page->filter_visited = 2;
  gtk_filter_changed (GTK_FILTER (fixture->page->directory_filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, never);
  fixture->page->filter_visited = 0;
  gtk_filter_changed (GTK_FILTER (fixture->page->directory_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
test_create_legislator (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *id = create_legislator (fixture, "Ana Ruiz-Koh");
  CivicDirectoryRow *row = find_directory_row (fixture, "Ana Ruiz-Koh");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = civic_store_get (fixture->store, id, &error);
  JsonArray *staff;

  g_assert_no_error (error);
  g_assert_cmpstr (row->chamber, ==, "state_assembly");
  g_assert_cmpstr (row->district, ==, "53");
  g_assert_null (row->last_visit);
  staff = json_object_get_array_member (doc, "staff");
  g_assert_cmpuint (json_array_get_length (staff), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (staff, 0), "title"), ==,
                   "Legislative Director");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (staff, 0), "issues")), ==, 2);

  /* A legislator without a name is refused in place. */
  {
    CivicLegislatorEditor *editor = civic_legislator_editor_new (fixture->store, NULL);
    gtk_window_present (GTK_WINDOW (editor));
    g_assert_false (civic_legislator_editor_save (editor));
    g_assert_nonnull (civic_legislator_editor_get_error (editor));
    gtk_window_destroy (GTK_WINDOW (editor));
  }
}

static void
test_log_visit (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *legislator_id = create_legislator (fixture, "Ana Ruiz-Koh");
  g_auto(GStrv) volunteers = two_volunteers (fixture);
  g_autofree char *due = yesterday ();
  guint overdue = _civic_visits_page_get_overdue (fixture->page);
  CivicVisitEditor *editor = new_editor (fixture, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) visit = NULL;
  AdwViewStackPage *stack_page;
  CivicWhipCount *count;
  gboolean found = FALSE;

  /* The hallway debrief: position, commitments and a follow-up first. */
  g_assert_true (civic_visit_editor_get_debrief (editor));
  civic_visit_editor_set_legislator (editor, legislator_id);
  civic_visit_editor_set_when (editor, "2026-10-14", "10:30");
  civic_visit_editor_set_topics (editor, "Immigration reform", "AB 540");
  civic_visit_editor_set_position (editor, "lean_support");
  civic_visit_editor_set_commitments (editor, "Will read the fact sheet and call back.");
  civic_visit_editor_add_attendee (editor, volunteers[0], "leader", TRUE);
  civic_visit_editor_add_attendee (editor, volunteers[1], "storyteller", FALSE);
  civic_visit_editor_add_follow_up (editor, "Send the DACA fact sheet", volunteers[0], due);
  g_clear_pointer (&fixture->saved_id, g_free);
  g_assert_true (civic_visit_editor_save (editor));
  civic_test_wait_for (saved, fixture, "the visit to be saved");

  visit = civic_store_get (fixture->store, fixture->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (visit, "legislator_id"), ==, legislator_id);
  g_assert_cmpstr (json_object_get_string_member (visit, "position"), ==, "lean_support");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (visit, "attendees")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (visit, "attendees"), 1), "role"), ==, "storyteller");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (
                   json_object_get_array_member (visit, "attendees"), 0), "constituent"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (visit, "follow_ups"), 0), "owner_id"), ==, volunteers[0]);

  /* The follow-ups list has it, overdue; the badge counts it, on the
   * page's own switcher and on its page of the surrounding stack.
   */
  fixture->wanted_task = "Send the DACA fact sheet";
  civic_test_wait_for (follow_up_listed, fixture, "the follow-up in the list");
  g_assert_cmpint (find_follow_up (fixture, "Send the DACA fact sheet")->state, ==, CIVIC_FOLLOW_UP_OVERDUE);
  fixture->wanted_overdue = overdue + 1;
  civic_test_wait_for (overdue_is_wanted, fixture, "the overdue count to grow");
  stack_page = adw_view_stack_get_page (fixture->stack, GTK_WIDGET (fixture->page));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (stack_page), ==, overdue + 1);
  g_assert_true (adw_view_stack_page_get_needs_attention (stack_page));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (fixture->page->follow_ups_page), ==, overdue + 1);

  /* The legislator page: the position history, the visit, the open follow-up. */
  _civic_visits_page_show_legislator (fixture->page, legislator_id);
  civic_test_wait_for (legislator_page_shows_wanted, fixture, "the legislator page");
  g_assert_true (widget_has_label (_civic_visits_page_get_legislator_content (fixture->page), "Immigration reform"));
  g_assert_true (widget_has_label (_civic_visits_page_get_legislator_content (fixture->page),
                                   civic_position_get_label (CIVIC_POSITION_LEAN_SUPPORT)));
  g_assert_true (widget_has_label (_civic_visits_page_get_legislator_content (fixture->page), "Dana Whitfield"));

  /* The whip count on the issue has the legislator at "leans support". */
  fixture->wanted_name = legislator_id;
  civic_test_wait_for (whip_count_has_wanted, fixture, "the whip count to have the legislator");
  count = _civic_visits_page_get_whip_count (fixture->page);
  g_assert_nonnull (count);
  for (guint i = 0; i < count->rows->len; i++)
    {
      CivicWhipRow *row = g_ptr_array_index (count->rows, i);
      if (g_strcmp0 (row->legislator_id, legislator_id) == 0)
        {
          found = TRUE;
          g_assert_cmpint (row->position, ==, CIVIC_POSITION_LEAN_SUPPORT);
          g_assert_nonnull (row->heard_at);
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->page->whip_store)), ==, count->rows->len);

  /* The chamber filter keeps only State Assembly members (the count
   * follows its filters while its view is on screen).
   */
  adw_view_stack_set_visible_child_name (fixture->page->view_stack, "whip-count");
  for (guint i = 0; civic_legislator_chamber_list ()[i] != NULL; i++)
    if (g_str_equal (civic_legislator_chamber_list ()[i], "state_assembly"))
      gtk_drop_down_set_selected (fixture->page->whip_chamber_drop, i + 1);
  count = _civic_visits_page_get_whip_count (fixture->page);
  for (guint i = 0; i < count->rows->len; i++)
    g_assert_cmpstr (((CivicWhipRow *) g_ptr_array_index (count->rows, i))->chamber, ==, "state_assembly");

  /* The legend counts the same, one entry per position, relabelled in
   * place.
   */
  {
    GtkWidget *legend = GTK_WIDGET (fixture->page->whip_legend);
    guint n = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (legend); child != NULL;
         child = gtk_widget_get_next_sibling (child), n++)
      {
        GtkWidget *label = gtk_widget_get_last_child (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
        g_autofree char *text = g_strdup_printf ("%s: %u", civic_position_get_label (n), count->counts[n]);

        g_assert_true (gtk_widget_get_visible (child));
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, text);
      }
    g_assert_cmpuint (n, ==, CIVIC_POSITION_N);
  }

  /* Printed to PDF: one page at least, and no warnings. */
  {
    g_autofree char *pdf = g_build_filename (fixture->dir, "whip.pdf", NULL);
    g_autoptr(GError) print_error = NULL;
    _civic_visits_print_whip_count (fixture->window, count, "Immigration reform — State Assembly", pdf, &print_error);
    g_assert_no_error (print_error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_unlink (pdf);
  }
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  CivicVisitEditor *editor = new_editor (fixture, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) legislators = civic_store_list (fixture->store, "legislator", &error);
  const char *legislator_id = json_object_get_string_member (g_ptr_array_index (legislators, 0), "_id");
  gint64 seq = civic_store_get_update_seq (fixture->store);

  /* No legislator. */
  g_assert_false (civic_visit_editor_save (editor));
  g_assert_nonnull (civic_visit_editor_get_field_error (editor, "legislator_id"));

  /* A date that is not one. */
  civic_visit_editor_set_legislator (editor, legislator_id);
  civic_visit_editor_set_when (editor, "14 October", "");
  g_assert_false (civic_visit_editor_save (editor));
  g_assert_null (civic_visit_editor_get_field_error (editor, "legislator_id"));
  g_assert_nonnull (civic_visit_editor_get_field_error (editor, "occurs_at"));

  /* No date at all. */
  civic_visit_editor_set_when (editor, "", "");
  g_assert_false (civic_visit_editor_save (editor));
  g_assert_nonnull (civic_visit_editor_get_field_error (editor, "occurs_at"));

  /* A follow-up without a task. */
  civic_visit_editor_set_when (editor, "2026-10-14", "09:00");
  civic_visit_editor_add_follow_up (editor, "", NULL, "2026-10-20");
  g_assert_false (civic_visit_editor_save (editor));
  g_assert_null (civic_visit_editor_get_field_error (editor, "occurs_at"));
  g_assert_nonnull (civic_visit_editor_get_field_error (editor, "follow_ups"));

  spin (10);
  g_assert_cmpint (civic_store_get_update_seq (fixture->store), ==, seq);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
follow_up_state_is (gpointer data)
{
  Fixture *fixture = data;
  CivicFollowUp *follow_up = find_follow_up (fixture, fixture->wanted_task);
  return follow_up != NULL && follow_up->state == (CivicFollowUpState) fixture->wanted_overdue;
}

static gboolean
undo_toast_ready (gpointer data)
{
  return g_object_get_data (G_OBJECT (((Fixture *) data)->page), "last-undo-toast") != NULL;
}

static void
test_follow_up_done_undo (Fixture       *fixture,
                          gconstpointer  user_data)
{
  CivicFollowUp *follow_up = NULL;
  GListModel *model = G_LIST_MODEL (fixture->page->follow_ups_store);
  guint overdue = _civic_visits_page_get_overdue (fixture->page);
  g_autofree char *task = NULL;
  AdwToast *toast;

  for (guint i = 0; i < g_list_model_get_n_items (model) && follow_up == NULL; i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, i);
      CivicFollowUp *candidate = civic_visits_item_get_data (item);
      if (candidate->state == CIVIC_FOLLOW_UP_OVERDUE)
        follow_up = candidate;
    }
  g_assert_nonnull (follow_up);
  g_assert_cmpuint (overdue, >, 0);
  task = g_strdup (follow_up->task);

  _civic_visits_page_set_follow_up_done (fixture->page, follow_up, TRUE);
  fixture->wanted_task = task;
  fixture->wanted_overdue = CIVIC_FOLLOW_UP_DONE;
  civic_test_wait_for (follow_up_state_is, fixture, "the follow-up to be done");
  fixture->wanted_overdue = overdue - 1;
  civic_test_wait_for (overdue_is_wanted, fixture, "the overdue count to drop");

  /* The default filter hides what is done. */
  _civic_visits_page_set_follow_up_filter (fixture->page, 0);
  for (guint i = 0; i < g_list_model_get_n_items (_civic_visits_page_get_follow_ups (fixture->page)); i++)
    {
      g_autoptr(CivicVisitsItem) item = g_list_model_get_item (_civic_visits_page_get_follow_ups (fixture->page), i);
      g_assert_cmpint (((CivicFollowUp *) civic_visits_item_get_data (item))->state, !=, CIVIC_FOLLOW_UP_DONE);
    }

  civic_test_wait_for (undo_toast_ready, fixture, "the undo toast");
  toast = g_object_get_data (G_OBJECT (fixture->page), "last-undo-toast");
  g_signal_emit_by_name (toast, "button-clicked");
  fixture->wanted_overdue = CIVIC_FOLLOW_UP_OVERDUE;
  civic_test_wait_for (follow_up_state_is, fixture, "the follow-up to be overdue again");
  fixture->wanted_overdue = overdue;
  civic_test_wait_for (overdue_is_wanted, fixture, "the overdue count to come back");
}

static gboolean
import_reported (gpointer data)
{
  return g_object_get_data (G_OBJECT (((Fixture *) data)->page), "last-import-dialog") != NULL;
}

static gboolean
directory_grew (gpointer data)
{
  Fixture *fixture = data;
  return g_list_model_get_n_items (_civic_visits_page_get_directory (fixture->page)) > fixture->wanted_overdue;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "legislative", "data", "legislators-current.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;

  fixture->wanted_overdue = g_list_model_get_n_items (_civic_visits_page_get_directory (fixture->page));
  _civic_visits_page_import_file (fixture->page, file);
  civic_test_wait_for (import_reported, fixture, "the import report");
  dialog = g_object_get_data (G_OBJECT (fixture->page), "last-import-dialog");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Legislators Imported"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Created: "));
  civic_test_wait_for (directory_grew, fixture, "the imported legislators in the directory");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
lobby_day_loaded (gpointer data)
{
  return _civic_visits_page_get_lobby_day (((Fixture *) data)->page) != NULL;
}

static void
test_lobby_day (Fixture       *fixture,
                gconstpointer  user_data)
{
  CivicLobbyDay *day;
  g_autofree char *pdf = g_build_filename (fixture->dir, "agendas.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fixture->page->lobby_days);
  g_assert_cmpuint (fixture->page->lobby_days->len, >, 0);
  _civic_visits_page_show_lobby_day (fixture->page,
                                     json_object_get_string_member (g_ptr_array_index (fixture->page->lobby_days, 0), "_id"));
  civic_test_wait_for (lobby_day_loaded, fixture, "the lobby day");
  day = _civic_visits_page_get_lobby_day (fixture->page);
  g_assert_cmpuint (day->meetings->len, >, 0);
  g_assert_cmpuint (day->teams->len, >, 0);

  /* One agenda page per team. */
  _civic_visits_print_agendas (fixture->window, day, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_unlink (pdf);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  guint windows = count_toplevels ();
  gint64 seq = civic_store_get_update_seq (fixture->store);
  GListModel *model = G_LIST_MODEL (fixture->page->follow_ups_store);
  g_autoptr(CivicVisitsItem) item = g_list_model_get_item (model, 0);

  civic_visits_page_set_read_only (fixture->page, TRUE);
  g_assert_true (civic_visits_page_get_read_only (fixture->page));

  /* The actions are disabled, not only their buttons. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visits.new-visit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visits.debrief", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visits.new-legislator", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visits.import", NULL);
  spin (20);
  g_assert_cmpuint (count_toplevels (), ==, windows);

  /* Marking a follow-up done writes nothing. */
  _civic_visits_page_set_follow_up_done (fixture->page, civic_visits_item_get_data (item), TRUE);
  spin (20);
  g_assert_cmpint (civic_store_get_update_seq (fixture->store), ==, seq);

  /* Viewing still works: the whip count and a legislator page. */
  _civic_visits_page_set_whip_topic (fixture->page, fixture->page->topics[0]);
  g_assert_nonnull (_civic_visits_page_get_whip_count (fixture->page));

  civic_visits_page_set_read_only (fixture->page, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visits.new-visit", NULL);
  spin (20);
  g_assert_cmpuint (count_toplevels (), ==, windows + 1);
  gtk_window_destroy (g_object_get_data (G_OBJECT (fixture->page), "last-editor"));
}

/* ---- Loading when first shown ------------------------------------------ */

static gboolean
page_ready_for (gpointer data)
{
  CivicVisitsPage *page = data;

  return _civic_visits_page_get_index_loaded (page)
         && g_list_model_get_n_items (_civic_visits_page_get_directory (page)) > 0
         && page->volunteer_names != NULL && page->search != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (page->follow_ups_store)) > 0;
}

static gboolean
index_loaded_for (gpointer data)
{
  return _civic_visits_page_get_index_loaded (data);
}

static void
test_lazy_load (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  CivicVisitsPage *page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
  gint64 until;

  /* As at start-up on another page: the Visits page gets the store while
   * hidden and reads nothing but the visit index, for the overdue badge.
   */
  adw_view_stack_add_titled (stack, gtk_label_new ("Calendar"), "calendar", "Calendar");
  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "visits", "Visits");
  adw_view_stack_set_visible_child_name (stack, "calendar");
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  civic_visits_page_set_store (page, fixture->store);
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (page->legislator_docs);
  civic_test_wait_for (index_loaded_for, page, "the hidden page's index, for its badge");
  g_assert_cmpuint (_civic_visits_page_get_overdue (page), >, 0);
  g_assert_cmpuint (_civic_visits_page_get_overdue (page), ==,
                    civic_visit_index_count_overdue (page->index, NULL));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (adw_view_stack_get_page (stack, GTK_WIDGET (page))), ==,
                    _civic_visits_page_get_overdue (page));
  g_assert_null (page->volunteer_names);
  g_assert_null (page->search);
  g_assert_cmpuint (g_list_model_get_n_items (_civic_visits_page_get_directory (page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->follow_ups_store)), ==, 0);

  /* Shown, it loads everything, the directory first. */
  adw_view_stack_set_visible_child_name (stack, "visits");
  civic_test_wait_for (page_ready_for, page, "the page to load once shown");
  g_assert_nonnull (page->last_visits);

  gtk_window_destroy (window);
  spin (10);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!civic_sample_generate (task_data, CIVIC_SAMPLE_SCALE_DEMO, 7, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
generated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The page goes away while its loads, and the reloads a bulk write
 * ("Load sample data") causes, are still running: what finishes after
 * finds a disposed page and must touch nothing (the sanitizer build
 * checks the memory; G_DEBUG=fatal-warnings the rest).
 */
static void
test_dispose_while_loading (Fixture       *fixture,
                            gconstpointer  user_data)
{
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("race-%u.db", round);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(CivicStore) store = civic_store_open (path, &error);
      g_autoptr(GTask) task = NULL;
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      CivicVisitsPage *page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
      CivicVisitsPage *weak = page;
      gboolean generated = FALSE;

      g_assert_no_error (error);
      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &weak);
      gtk_window_set_child (window, GTK_WIDGET (page));
      gtk_window_present (window);
      civic_visits_page_set_store (page, store);

      task = g_task_new (NULL, NULL, generated_cb, &generated);
      g_task_set_task_data (task, g_object_ref (store), g_object_unref);
      g_task_run_in_thread (task, generate_thread);

      /* Each round closes the page a little later in the sequence of
       * loads: at once, after the first lists, after the reloads began.
       */
      spin (round * 40);
      if (round == 3)
        {
          civic_test_wait_for (flag_set, &generated, "the sample data to be written");
          spin (10);
          g_usleep (200 * 1000);
          spin (5);
        }
      gtk_window_destroy (window);
      civic_test_wait_for (flag_set, &generated, "the sample data to be written");
      {
        gint64 until = g_get_monotonic_time () + 600 * G_TIME_SPAN_MILLISECOND;
        while (g_get_monotonic_time () < until)
          g_main_context_iteration (NULL, FALSE);
      }
      g_assert_null (weak);
    }
}

/* ---- Screenshots -------------------------------------------------------- */

static gboolean
lobby_day_loaded_or_shown (gpointer data)
{
  Fixture *fixture = data;
  return _civic_visits_page_get_lobby_day (fixture->page) != NULL && fixture->page->whip_count != NULL;
}

static int
run_shot (const char *shot,
          const char *db)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *header, *box;

  /* As the application does: translations from CIVIC_DESK_LOCALEDIR, the
   * page's style sheet from its resources.
   */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVIC_DESK_LOCALEDIR") != NULL ? g_getenv ("CIVIC_DESK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/org/civicdesk/CivicDesk/visits/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/org/civicdesk/CivicDesk/icons");
  }
  fixture.store = civic_store_open (db, &error);
  g_assert_no_error (error);

  fixture.window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture.window, "Civic Desk");
  gtk_window_set_default_size (fixture.window,
                               g_getenv ("CIVIC_VISITS_WIDTH") != NULL ? atoi (g_getenv ("CIVIC_VISITS_WIDTH"))
                               : g_str_equal (shot, "debrief") ? 360 : 1100,
                               720);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  fixture.stack = ADW_VIEW_STACK (adw_view_stack_new ());
  fixture.page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
  adw_view_stack_add_titled (fixture.stack, GTK_WIDGET (fixture.page), "visits", "Visits");
  gtk_widget_set_vexpand (GTK_WIDGET (fixture.stack), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture.stack));
  adw_window_set_content (ADW_WINDOW (fixture.window), box);
  civic_visits_page_set_store (fixture.page, fixture.store);
  /* The page loads once it is on screen. */
  gtk_window_present (fixture.window);
  civic_test_wait_for (page_ready, &fixture, "the page to load");

  if (g_str_equal (shot, "legislator"))
    {
      GPtrArray *docs = fixture.page->legislator_docs;
      const char *id = NULL;
      for (guint i = 0; i < docs->len && id == NULL; i++)
        if (fixture.page->last_visits != NULL
            && g_hash_table_contains (fixture.page->last_visits, json_object_get_string_member (g_ptr_array_index (docs, i), "_id")))
          id = json_object_get_string_member (g_ptr_array_index (docs, i), "_id");
      _civic_visits_page_show_legislator (fixture.page, id);
    }
  else if (g_str_equal (shot, "editor") || g_str_equal (shot, "debrief"))
    {
      g_autoptr(GPtrArray) visits = civic_store_list (fixture.store, "visit", &error);
      CivicVisitEditorChoices choices = {
        fixture.page->legislator_docs, fixture.page->campaigns, fixture.page->lobby_days,
        fixture.page->offices, fixture.page->volunteer_names, fixture.page->search,
      };
      g_autoptr(CivicRecord) record = NULL;
      CivicVisitEditor *editor;

      for (guint i = 0; i < visits->len && record == NULL; i++)
        if (json_object_has_member (g_ptr_array_index (visits, i), "follow_ups"))
          record = civic_record_new_from_json (g_ptr_array_index (visits, i), NULL);
      editor = civic_visit_editor_new (fixture.store, CIVIC_VISIT (record), &choices, g_str_equal (shot, "debrief"));
      gtk_window_set_default_size (GTK_WINDOW (editor), g_str_equal (shot, "debrief") ? 360 : 640, 760);
      gtk_window_present (GTK_WINDOW (editor));
      gtk_widget_set_visible (GTK_WIDGET (fixture.window), FALSE);
    }
  else if (g_str_equal (shot, "follow-ups"))
    {
      adw_view_stack_set_visible_child_name (fixture.page->view_stack, "follow-ups");
      _civic_visits_page_set_follow_up_filter (fixture.page, 4);
    }
  else if (g_str_equal (shot, "whip-count"))
    {
      gtk_check_button_set_active (fixture.page->whip_unvisited_check, TRUE);
      adw_view_stack_set_visible_child_name (fixture.page->view_stack, "whip-count");
    }
  else if (g_str_equal (shot, "lobby-day") || g_str_equal (shot, "pdf"))
    {
      adw_view_stack_set_visible_child_name (fixture.page->view_stack, "lobby-days");
      _civic_visits_page_show_lobby_day (fixture.page,
                                         json_object_get_string_member (g_ptr_array_index (fixture.page->lobby_days, 0), "_id"));
    }

  if (g_str_equal (shot, "pdf"))
    {
      /* The printed whip count and team agendas, as PDF files in the
       * current folder, to look at.
       */
      civic_test_wait_for (lobby_day_loaded_or_shown, &fixture, "the lobby day");
      _civic_visits_print_whip_count (fixture.window, fixture.page->whip_count, "DACA", "visits-whip-count.pdf", &error);
      g_assert_no_error (error);
      _civic_visits_print_agendas (fixture.window, _civic_visits_page_get_lobby_day (fixture.page), "visits-agendas.pdf", &error);
      g_assert_no_error (error);
      return 0;
    }

  g_main_loop_run (loop);
  return 0;
}

/* ---- Rows past the screen ---------------------------------------------- */

typedef struct {
  CivicVisitsPage *page;
  GtkColumnView   *view;
  GListModel      *all;         /* every row the table has */
  guint            most_shown;  /* the most rows the view had before all */
} StagedTable;

static gboolean
index_loaded_page (gpointer data)
{
  return _civic_visits_page_get_index_loaded (data);
}

static gboolean
directory_rebuilt (gpointer data)
{
  CivicVisitsPage *page = data;

  return page->directory_serial == page->legislators_serial
         && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (page), "serial-before")) != page->directory_serial;
}

static void
count_fewest_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *fewest)
{
  *fewest = MIN (*fewest, g_list_model_get_n_items (model));
}

static gboolean
table_filled (gpointer data)
{
  StagedTable *table = data;

  return g_list_model_get_n_items (table->all) > 0;
}

static gboolean
table_shows_all (gpointer data)
{
  StagedTable *table = data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table->view)));

  if (shown < g_list_model_get_n_items (table->all))
    table->most_shown = MAX (table->most_shown, shown);
  return shown == g_list_model_get_n_items (table->all);
}

/* A table that fills from empty hands its view only the rows its height
 * shows until a frame has drawn them, then the rest; the models behind it
 * have every row all along.
 */
static void
test_rows_past_the_screen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("civic-visits-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(CivicStore) store = civic_store_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GtkWindow *window;
  AdwViewStack *stack;
  CivicVisitsPage *page;
  StagedTable table = { 0 };
  guint legislators, on_screen, shown;

  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);
  legislators = civic_store_count (store, "legislator", &error);

  /* Short enough that the demo's legislators do not all fit. */
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 300);
  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "visits", "Visits");
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  spin (10);

  civic_visits_page_set_store (page, store);
  table.page = page;
  table.view = page->directory_view;
  table.all = G_LIST_MODEL (page->directory_filtered);
  civic_test_wait_for (table_filled, &table, "the directory's rows");
  on_screen = _civic_visits_page_rows_on_screen (GTK_WIDGET (page->directory_view));
  shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (page->directory_view)));
  g_assert_cmpuint (on_screen, <, legislators);
  g_assert_cmpuint (shown, ==, on_screen);
  g_assert_cmpuint (g_list_model_get_n_items (_civic_visits_page_get_directory (page)), ==, legislators);
  civic_test_wait_for (table_shows_all, &table, "the directory's other rows");
  g_assert_cmpuint (table.most_shown, <=, on_screen);

  /* The whip count, filled while hidden or when shown, the same way. */
  table.view = page->whip_view;
  table.all = G_LIST_MODEL (page->whip_store);
  table.most_shown = 0;
  civic_test_wait_for (index_loaded_page, page, "the index");
  adw_view_stack_set_visible_child_name (page->view_stack, "whip-count");
  civic_test_wait_for (table_filled, &table, "the whip count's rows");
  g_assert_cmpuint (g_list_model_get_n_items (table.all), >, 0);
  civic_test_wait_for (table_shows_all, &table, "the whip count's other rows");
  g_assert_cmpuint (table.most_shown, <=, _civic_visits_page_rows_on_screen (GTK_WIDGET (page->whip_view)));

  /* A table with rows keeps them all (and its scrolling) when it is
   * filled again: a legislator written makes new rows of all of them.
   */
  adw_view_stack_set_visible_child_name (page->view_stack, "legislators");
  spin (10);
  {
    GListModel *view_model = G_LIST_MODEL (gtk_column_view_get_model (page->directory_view));
    g_autoptr(GPtrArray) docs = civic_store_list (store, "legislator", &error);
    JsonObject *doc;
    g_autofree char *rev = NULL;
    guint fewest = legislators;
    gulong handler;

    g_assert_no_error (error);
    doc = g_ptr_array_index (docs, 0);
    json_object_set_string_member (doc, "name", "Renamed Legislator");
    g_object_set_data (G_OBJECT (page), "serial-before", GUINT_TO_POINTER (page->directory_serial));
    handler = g_signal_connect (view_model, "items-changed", G_CALLBACK (count_fewest_cb), &fewest);
    rev = civic_store_put (store, doc, &error);
    g_assert_no_error (error);
    civic_test_wait_for (directory_rebuilt, page, "the directory's new rows");
    g_signal_handler_disconnect (view_model, handler);
    g_assert_cmpuint (fewest, ==, legislators);
    g_assert_cmpuint (g_list_model_get_n_items (view_model), ==, legislators);
  }

  gtk_window_destroy (window);
  spin (10);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* ---- Figures ------------------------------------------------------------ */

static gboolean
directory_has_rows (gpointer data)
{
  return g_list_model_get_n_items (_civic_visits_page_get_directory (((Fixture *) data)->page)) > 0;
}

static gboolean
index_loaded (gpointer data)
{
  return _civic_visits_page_get_index_loaded (((Fixture *) data)->page);
}

/* Opens the page over @db (the `large` sample has 3,000 visits) and prints
 * how long the first directory rows, the index and a whip count take.
 */
static int
run_measure (const char *db)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  gint64 start, rows_at, index_at, whip_start, whip_at;

  gtk_init ();
  adw_init ();
  fixture.store = civic_store_open (db, &error);
  g_assert_no_error (error);
  fixture.window = GTK_WINDOW (gtk_window_new ());
  fixture.stack = ADW_VIEW_STACK (adw_view_stack_new ());
  fixture.page = g_object_new (CIVIC_TYPE_VISITS_PAGE, NULL);
  adw_view_stack_add_titled (fixture.stack, GTK_WIDGET (fixture.page), "visits", "Visits");
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.stack));
  gtk_window_present (fixture.window);
  spin (50);

  /* The same reads the directory's first load makes, timed one by one. */
  {
    const char *types[] = { "legislator", "campaign", "office" };
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(GPtrArray) docs = civic_store_list (fixture.store, types[i], NULL);
        g_print ("list %s: %u in %.1f ms\n", types[i], docs != NULL ? docs->len : 0, (g_get_monotonic_time () - t0) / 1000.0);
      }
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) docs = civic_store_list_by_ref (fixture.store, "event", CIVIC_STORE_REF_1, "legislative_visit", NULL);
      g_print ("lobby days: %u in %.1f ms\n", docs != NULL ? docs->len : 0, (g_get_monotonic_time () - t0) / 1000.0);
    }
  }

  start = g_get_monotonic_time ();
  civic_visits_page_set_store (fixture.page, fixture.store);
  civic_test_wait_for (directory_has_rows, &fixture, "the directory");
  rows_at = g_get_monotonic_time ();
  civic_test_wait_for (index_loaded, &fixture, "the index");
  index_at = g_get_monotonic_time ();

  {
    CivicWhipFilter filter = { NULL, NULL, TRUE };
    gint64 t0 = g_get_monotonic_time ();
    CivicWhipCount *count = civic_visit_index_whip_count (fixture.page->index, "immigration reform", &filter);
    g_print ("index whip count alone: %.2f ms (%u rows)\n", (g_get_monotonic_time () - t0) / 1000.0, count->rows->len);
    civic_whip_count_free (count);
  }
  adw_view_stack_set_visible_child_name (fixture.page->view_stack, "whip-count");
  whip_start = g_get_monotonic_time ();
  _civic_visits_page_update_whip_count (fixture.page);
  whip_at = g_get_monotonic_time ();

  g_print ("visits: %u; directory rows after %.1f ms; index loaded (in a thread) after %.1f ms; "
           "whip count (%u rows) computed and listed in %.2f ms\n",
           civic_visit_index_get_n_visits (fixture.page->index),
           (rows_at - start) / 1000.0, (index_at - start) / 1000.0,
           fixture.page->whip_count != NULL ? fixture.page->whip_count->rows->len : 0,
           (whip_at - whip_start) / 1000.0);
  gtk_window_destroy (fixture.window);
  g_clear_object (&fixture.store);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *shot = g_getenv ("CIVIC_VISITS_SHOT");

  if (g_getenv ("CIVIC_VISITS_MEASURE") != NULL)
    return run_measure (g_getenv ("CIVIC_VISITS_MEASURE"));

  if (shot != NULL && g_getenv ("CIVIC_VISITS_DB") != NULL)
    return run_shot (shot, g_getenv ("CIVIC_VISITS_DB"));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/visits/directory", Fixture, NULL, fixture_set_up, test_directory, fixture_tear_down);
  g_test_add_func ("/visits/rows-past-the-screen", test_rows_past_the_screen);
  g_test_add ("/visits/create-legislator", Fixture, NULL, fixture_set_up, test_create_legislator, fixture_tear_down);
  g_test_add ("/visits/log-visit", Fixture, NULL, fixture_set_up, test_log_visit, fixture_tear_down);
  g_test_add ("/visits/validation", Fixture, NULL, fixture_set_up, test_validation, fixture_tear_down);
  g_test_add ("/visits/follow-up-done-undo", Fixture, NULL, fixture_set_up, test_follow_up_done_undo, fixture_tear_down);
  g_test_add ("/visits/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/visits/lobby-day", Fixture, NULL, fixture_set_up, test_lobby_day, fixture_tear_down);
  g_test_add ("/visits/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/visits/lazy-load", Fixture, NULL, fixture_set_up, test_lazy_load, fixture_tear_down);
  g_test_add ("/visits/dispose-while-loading", Fixture, NULL, fixture_set_up, test_dispose_while_loading,
              fixture_tear_down);

  return g_test_run ();
}
