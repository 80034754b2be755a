/* test-checkin.c — check-in mode and confirmation calls under a display
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The windows run over a temporary file store filled with the demo
 * organization, written as if today were 2026-11-25.  One test starts a
 * copy of this binary that checks someone in and is then killed, to show
 * that a check-in survives the app dying.
 */

#define G_LOG_DOMAIN "test-checkin"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-checkin-window.h"
#include "civic-checkin-window-private.h"
#include "civic-confirmation-calls-window.h"
#include "civic-confirmation-calls-window-private.h"
#include "civic-derived.h"
#include "civic-sample.h"
#include "civic-signin-sheet.h"

typedef struct {
  guint  loads;
  guint  wanted_loads;
  guint  writes;
  guint  wanted_writes;
  char  *written_id;
} Counter;

static void
loaded_cb (GtkWidget *window,
           Counter   *counter)
{
  counter->loads++;
}

static void
written_cb (GtkWidget  *window,
            const char *id,
            Counter    *counter)
{
  counter->writes++;
  g_free (counter->written_id);
  counter->written_id = g_strdup (id);
}

static gboolean
loaded_again (gpointer data)
{
  Counter *counter = data;
  return counter->loads >= counter->wanted_loads;
}

static gboolean
written_again (gpointer data)
{
  Counter *counter = data;
  return counter->writes >= counter->wanted_writes;
}

static void
connect_counter (GtkWidget *window,
                 Counter   *counter)
{
  g_signal_connect (window, "loaded", G_CALLBACK (loaded_cb), counter);
  g_signal_connect (window, "written", G_CALLBACK (written_cb), counter);
}

#define WAIT_LOADED(counter, statement) G_STMT_START { \
  (counter)->wanted_loads = (counter)->loads + 1; statement; \
  civic_test_wait_for (loaded_again, (counter), "a load"); } G_STMT_END
#define WAIT_WRITTEN(counter, statement) G_STMT_START { \
  (counter)->wanted_writes = (counter)->writes + 1; statement; \
  civic_test_wait_for (written_again, (counter), "a write"); } G_STMT_END

static gboolean
settled_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets worker threads and idles run for a moment. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, settled_cb, &done);
  civic_test_wait_for (is_true, &done, "a moment");
}

/* ---- Finding an event day with people to check in ------------------------ */

typedef struct {
  char *event_id;
  char *date;
  char *signup_id;
  char *query;      /* the first three letters of the person's name */
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->event_id, g_free);
  g_clear_pointer (&target->date, g_free);
  g_clear_pointer (&target->signup_id, g_free);
  g_clear_pointer (&target->query, g_free);
}

/* A day of an event with an expected, not yet checked in person whose name
 * is told apart by its first three letters.
 */
static void
find_target (CivicStore *store,
             Target     *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_STATUS,
                                                          "scheduled", &error);
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < signups->len; i++)
    {
      JsonObject *signup = g_ptr_array_index (signups, i);
      const char *occurrence = json_object_get_string_member_with_default (signup, "occurrence", NULL);
      g_autoptr(JsonObject) shift = civic_store_get (store, json_object_get_string_member (signup, "shift_id"), NULL);
      g_autoptr(JsonObject) event = NULL;
      g_autoptr(CivicCheckinList) list = NULL;
      g_autofree char *date = NULL;
      g_autofree char *key = NULL;

      if (shift == NULL)
        continue;
      event = civic_store_get (store, json_object_get_string_member (shift, "event_id"), NULL);
      if (event == NULL)
        continue;
      if (occurrence != NULL)
        date = g_strndup (occurrence, 10);
      else
        {
          g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (json_object_get_string_member (shift, "starts_at"), NULL);
          g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (json_object_get_string_member_with_default (event, "tzid", "UTC"));
          g_autoptr(GDateTime) there = g_date_time_to_timezone (starts, zone != NULL ? zone : g_time_zone_new_utc ());
          date = g_date_time_format (there, "%Y-%m-%d");
        }
      key = g_strconcat (json_object_get_string_member (event, "_id"), " ", date, NULL);
      if (g_hash_table_contains (tried, key))
        continue;
      g_hash_table_add (tried, g_strdup (key));
      if (g_hash_table_size (tried) > 200)
        break;

      list = civic_checkin_list_load (store, json_object_get_string_member (event, "_id"), date, NULL);
      if (list == NULL)
        continue;
      for (guint e = 0; e < civic_checkin_list_get_n_entries (list); e++)
        {
          const CivicCheckinEntry *entry = civic_checkin_list_get_entry (list, e);
          g_autofree char *query = NULL;
          const CivicCheckinEntry *best;
          guint n_best = 0;

          if (entry->checked_in_at != NULL || entry->name == NULL || g_utf8_strlen (entry->name, -1) < 4)
            continue;
          query = g_utf8_substring (entry->name, 0, 3);
          if (strchr (query, ' ') != NULL)
            continue;
          best = civic_checkin_best_match (list, query, &n_best);
          if (best == NULL || n_best != 1 || g_strcmp0 (best->signup_id, entry->signup_id) != 0)
            continue;
          target->event_id = g_strdup (json_object_get_string_member (event, "_id"));
          target->date = g_strdup (date);
          target->signup_id = g_strdup (entry->signup_id);
          target->query = g_steal_pointer (&query);
          return;
        }
    }
  g_error ("The demo organization has no event day to check people in at");
}

/* ---- Fixture ------------------------------------------------------------- */

typedef struct {
  char       *dir;
  char       *path;
  CivicStore *store;
  Target      target;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("civic-checkin-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = civic_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (fixture->store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);
  find_target (fixture->store, &fixture->target);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  target_clear (&fixture->target);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static CivicCheckinWindow *
open_window (Fixture *fixture,
             Counter *counter)
{
  CivicCheckinWindow *window = CIVIC_CHECKIN_WINDOW (civic_checkin_window_new (fixture->store, NULL, NULL));

  connect_counter (GTK_WIDGET (window), counter);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_LOADED (counter, _civic_checkin_window_open_event (window, fixture->target.event_id, fixture->target.date));
  return window;
}

static void
type_text (GtkEditable *editable,
           const char  *text)
{
  /* One character at a time, as a person types. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;
      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (editable, -1);
    }
}

static void
test_three_letters_and_enter (Fixture       *fixture,
                              gconstpointer  user_data)
{
  Counter counter = { 0 };
  CivicCheckinWindow *window = open_window (fixture, &counter);
  CivicCheckinList *list = _civic_checkin_window_get_list (window);
  guint checked_in = civic_checkin_list_get_n_checked_in (list);
  guint expected = civic_checkin_list_get_n_expected (list);
  g_autofree char *before = g_strdup_printf ("%u / %u checked in", checked_in, expected);
  g_autofree char *after = g_strdup_printf ("%u / %u checked in", checked_in + 1, expected);
  g_autoptr(JsonObject) doc = NULL;
  GtkEditable *search = _civic_checkin_window_get_search (window);

  g_assert_cmpstr (gtk_label_get_text (_civic_checkin_window_get_counter (window)), ==, before);

  /* Three letters and Enter: four keystrokes. */
  type_text (search, fixture->target.query);
  g_assert_nonnull (strstr (gtk_label_get_text (_civic_checkin_window_get_match_label (window)), "Enter"));
  WAIT_WRITTEN (&counter, g_signal_emit_by_name (search, "activate"));
  g_assert_cmpstr (counter.written_id, ==, fixture->target.signup_id);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");

  doc = civic_store_get (fixture->store, fixture->target.signup_id, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "completed");
  g_assert_nonnull (json_object_get_string_member_with_default (doc, "checked_in_at", NULL));

  /* The counter follows once the day is reloaded. */
  if (g_strcmp0 (gtk_label_get_text (_civic_checkin_window_get_counter (window)), after) != 0)
    WAIT_LOADED (&counter, (void) 0);
  g_assert_cmpstr (gtk_label_get_text (_civic_checkin_window_get_counter (window)), ==, after);

  /* The same letters again find the person already checked in: Enter does nothing. */
  type_text (search, fixture->target.query);
  g_assert_nonnull (strstr (gtk_label_get_text (_civic_checkin_window_get_match_label (window)), "already"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (counter.written_id);
}

/* A phone number no volunteer of the store has (a walk-in whose phone
 * matches is the known volunteer, not a new one).
 */
static char *
unused_phone (CivicStore *store)
{
  g_autoptr(GPtrArray) volunteers = civic_store_list (store, "volunteer", NULL);

  for (guint n = 100; n < 1000; n++)
    {
      g_autofree char *digits = g_strdup_printf ("971555%04u", n);
      gboolean used = FALSE;

      for (guint i = 0; i < volunteers->len && !used; i++)
        {
          const char *phone = json_object_get_string_member_with_default (g_ptr_array_index (volunteers, i),
                                                                          "phone", "");
          g_autoptr(GString) only = g_string_new (NULL);

          for (const char *p = phone; *p != '\0'; p++)
            if (g_ascii_isdigit (*p))
              g_string_append_c (only, *p);
          used = g_str_has_suffix (only->str, digits);
        }
      if (!used)
        return g_strdup_printf ("(971) 555-%04u", n);
    }
  g_assert_not_reached ();
}

static void
test_walk_in (Fixture       *fixture,
              gconstpointer  user_data)
{
  Counter counter = { 0 };
  CivicCheckinWindow *window = open_window (fixture, &counter);
  guint expected = civic_checkin_list_get_n_expected (_civic_checkin_window_get_list (window));
  guint checked_in = civic_checkin_list_get_n_checked_in (_civic_checkin_window_get_list (window));
  g_autoptr(JsonObject) signup = NULL;
  g_autoptr(JsonObject) volunteer = NULL;
  g_autofree char *after = g_strdup_printf ("%u / %u checked in", checked_in + 1, expected + 1);
  g_autofree char *phone = unused_phone (fixture->store);

  gtk_editable_set_text (_civic_checkin_window_get_walk_in_name (window), "Jordan Whitfield-Ames");
  gtk_editable_set_text (_civic_checkin_window_get_walk_in_phone (window), phone);
  WAIT_WRITTEN (&counter, g_signal_emit_by_name (_civic_checkin_window_get_walk_in_phone (window), "activate"));

  signup = civic_store_get (fixture->store, counter.written_id, NULL);
  g_assert_nonnull (signup);
  g_assert_cmpstr (json_object_get_string_member (signup, "status"), ==, "walk_in");
  g_assert_nonnull (json_object_get_string_member_with_default (signup, "checked_in_at", NULL));
  volunteer = civic_store_get (fixture->store, json_object_get_string_member (signup, "volunteer_id"), NULL);
  g_assert_nonnull (volunteer);
  g_assert_cmpstr (json_object_get_string_member (volunteer, "given_name"), ==, "Jordan");
  g_assert_cmpstr (json_object_get_string_member (volunteer, "family_name"), ==, "Whitfield-Ames");

  if (g_strcmp0 (gtk_label_get_text (_civic_checkin_window_get_counter (window)), after) != 0)
    WAIT_LOADED (&counter, (void) 0);
  g_assert_cmpstr (gtk_label_get_text (_civic_checkin_window_get_counter (window)), ==, after);
  g_assert_cmpstr (gtk_editable_get_text (_civic_checkin_window_get_walk_in_name (window)), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (counter.written_id);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  Counter counter = { 0 };
  CivicCheckinWindow *window;
  g_autoptr(JsonObject) doc = NULL;

  civic_store_set_read_only (fixture->store, TRUE);
  window = open_window (fixture, &counter);
  /* The actions are disabled, so activating them does nothing at all. */
  gtk_widget_activate_action (GTK_WIDGET (window), "checkin.check-in", "s", fixture->target.signup_id);
  type_text (_civic_checkin_window_get_search (window), fixture->target.query);
  g_signal_emit_by_name (_civic_checkin_window_get_search (window), "activate");
  gtk_editable_set_text (_civic_checkin_window_get_walk_in_name (window), "Read Only");
  g_signal_emit_by_name (_civic_checkin_window_get_walk_in_name (window), "activate");
  settle ();
  g_assert_cmpuint (counter.writes, ==, 0);
  doc = civic_store_get (fixture->store, fixture->target.signup_id, NULL);
  g_assert_null (json_object_get_string_member_with_default (doc, "checked_in_at", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The child: check one person in on the file store, say so, and wait to be killed. */
static int
child_check_in (const char *path,
                const char *event_id,
                const char *date,
                const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (path, &error);
  Counter counter = { 0 };
  CivicCheckinWindow *window;

  g_assert_no_error (error);
  window = CIVIC_CHECKIN_WINDOW (civic_checkin_window_new (store, NULL, NULL));
  connect_counter (GTK_WIDGET (window), &counter);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_LOADED (&counter, _civic_checkin_window_open_event (window, event_id, date));
  type_text (_civic_checkin_window_get_search (window), query);
  WAIT_WRITTEN (&counter, g_signal_emit_by_name (_civic_checkin_window_get_search (window), "activate"));
  printf ("CHECKED-IN %s\n", counter.written_id);
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

static void
test_survives_kill (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *expected_line = g_strconcat ("CHECKED-IN ", fixture->target.signup_id, NULL);

  g_assert_nonnull (self_path);
  /* The child writes the file; this process lets go of it meanwhile. */
  g_clear_object (&fixture->store);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child-check-in",
                            fixture->path, fixture->target.event_id, fixture->target.date,
                            fixture->target.query, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, expected_line);

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  fixture->store = civic_store_open (fixture->path, &error);
  g_assert_no_error (error);
  doc = civic_store_get (fixture->store, fixture->target.signup_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "completed");
  g_assert_nonnull (json_object_get_string_member_with_default (doc, "checked_in_at", NULL));
}

/* The sign-in sheet renders to paper (a PDF here) with every expected
 * person on it.
 */
static void
test_sign_in_sheet (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCheckinList) list = civic_checkin_list_load (fixture->store, fixture->target.event_id,
                                                              fixture->target.date, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  operation = civic_signin_sheet_operation_new (list, "Sign-in", NULL);
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* ---- Confirmation calls -------------------------------------------------- */

static void
test_confirm_with_c (Fixture       *fixture,
                     gconstpointer  user_data)
{
  Counter counter = { 0 };
  CivicConfirmationCallsWindow *window;
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 25, 0, 0, 0);
  GtkListBox *list_box;
  GtkListBoxRow *row;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autoptr(JsonObject) doc = NULL;
  gboolean handled = FALSE;
  guint n_before = 0, n_after = 0;

  window = CIVIC_CONFIRMATION_CALLS_WINDOW (civic_confirmation_calls_window_new (fixture->store, NULL));
  connect_counter (GTK_WIDGET (window), &counter);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_LOADED (&counter, _civic_confirmation_calls_window_set_from (window, today));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (_civic_confirmation_calls_window_get_days (window)), ==, 7);

  list_box = _civic_confirmation_calls_window_get_list_box (window);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list_box)); c != NULL; c = gtk_widget_get_next_sibling (c))
    n_before++;
  g_assert_cmpuint (n_before, >=, 2);

  /* Down, then c: the second row is confirmed. */
  row = gtk_list_box_get_row_at_index (list_box, 0);
  first_id = g_strdup (g_object_get_data (G_OBJECT (row), "signup-id"));
  row = gtk_list_box_get_row_at_index (list_box, 1);
  second_id = g_strdup (g_object_get_data (G_OBJECT (row), "signup-id"));
  gtk_list_box_select_row (list_box, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  WAIT_WRITTEN (&counter, g_signal_emit_by_name (_civic_confirmation_calls_window_get_key_controller (window),
                                                 "key-pressed", GDK_KEY_c, 0, 0, &handled));
  g_assert_true (handled);
  doc = civic_store_get (fixture->store, second_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "confirmed");
  g_clear_pointer (&doc, json_object_unref);

  /* The row is gone; the first is untouched. */
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list_box)); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      g_assert_cmpstr (g_object_get_data (G_OBJECT (c), "signup-id"), !=, second_id);
      n_after++;
    }
  g_assert_cmpuint (n_after, ==, n_before - 1);
  doc = civic_store_get (fixture->store, first_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "scheduled");
  g_clear_pointer (&doc, json_object_unref);

  /* Undo writes "scheduled" back. */
  WAIT_WRITTEN (&counter, g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "calls.undo", "(sss)",
                                                                     second_id, "scheduled", "x")));
  doc = civic_store_get (fixture->store, second_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "scheduled");
  g_clear_pointer (&doc, json_object_unref);

  /* d declines the selected row. */
  row = gtk_list_box_get_row_at_index (list_box, 0);
  g_free (first_id);
  first_id = g_strdup (g_object_get_data (G_OBJECT (row), "signup-id"));
  gtk_list_box_select_row (list_box, row);
  WAIT_WRITTEN (&counter, g_signal_emit_by_name (_civic_confirmation_calls_window_get_key_controller (window),
                                                 "key-pressed", GDK_KEY_d, 0, 0, &handled));
  doc = civic_store_get (fixture->store, first_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "status"), ==, "declined");

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (counter.written_id);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  if (argc == 6 && g_str_equal (argv[1], "--child-check-in"))
    {
      gtk_init ();
      adw_init ();
      return child_check_in (argv[2], argv[3], argv[4], argv[5]);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/checkin/three-letters-and-enter", Fixture, NULL, fixture_set_up,
              test_three_letters_and_enter, fixture_tear_down);
  g_test_add ("/checkin/walk-in", Fixture, NULL, fixture_set_up, test_walk_in, fixture_tear_down);
  g_test_add ("/checkin/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/checkin/survives-kill", Fixture, NULL, fixture_set_up, test_survives_kill, fixture_tear_down);
  g_test_add ("/checkin/sign-in-sheet", Fixture, NULL, fixture_set_up, test_sign_in_sheet, fixture_tear_down);
  g_test_add ("/checkin/confirmation-calls/c-confirms", Fixture, NULL, fixture_set_up,
              test_confirm_with_c, fixture_tear_down);

  return g_test_run ();
}
