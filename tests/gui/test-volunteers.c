/* test-volunteers.c — the Volunteers page under a display: roster, search,
 * the editor with validation and duplicates, CSV import, bulk changes with
 * undo, and read-only mode
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is shown in a plain window over a temporary store filled with
 * the demo organization.  The people searched for are picked from the
 * store itself, so the tests do not depend on the sample's seed.
 */

#define G_LOG_DOMAIN "test-volunteers"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-hours-dialog.h"
#include "civic-record.h"
#include "civic-roster-slot.h"
#include "civic-roster-export.h"
#include "civic-roster-import-dialog.h"
#include "civic-sample.h"
#include "civic-text.h"
#include "civic-volunteer.h"
#include "civic-volunteer-editor.h"
#include "civic-volunteer-row.h"
#include "civic-volunteers-page.h"
#include "civic-volunteers-page-private.h"

static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @ms, for things that must NOT happen. */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, keep_waking, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
}

typedef struct {
  char                *dir;
  CivicStore          *store;
  GtkWindow           *window;
  CivicVolunteersPage *page;
  guint                loads;
  guint                stats;
  guint                bulk_done;
  gboolean             bulk_ok;
  guint                changes;
  GStrv                last_changed;
  char                *saved_id;
  char                *opened_id;
  guint                imported;
  gboolean             got_imported;
} Fixture;

static void
loaded_cb (CivicVolunteersPage *page,
           Fixture             *fixture)
{
  fixture->loads++;
}

static void
stats_cb (CivicVolunteersPage *page,
          Fixture             *fixture)
{
  fixture->stats++;
}

static void
bulk_done_cb (CivicVolunteersPage *page,
              gboolean             ok,
              Fixture             *fixture)
{
  fixture->bulk_done++;
  fixture->bulk_ok = ok;
}

static void
store_changed_cb (CivicStore *store,
                  GStrv       ids,
                  GStrv       types,
                  Fixture    *fixture)
{
  fixture->changes++;
  g_strfreev (fixture->last_changed);
  fixture->last_changed = g_strdupv (ids);
}

static gboolean
is_loaded (gpointer data)
{
  Fixture *fixture = data;
  return fixture->loads > 0 && fixture->stats > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("civic-volunteers-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = civic_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (fixture->store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (store_changed_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);
  g_signal_connect (fixture->page, "loaded", G_CALLBACK (loaded_cb), fixture);
  g_signal_connect (fixture->page, "stats-loaded", G_CALLBACK (stats_cb), fixture);
  g_signal_connect (fixture->page, "bulk-done", G_CALLBACK (bulk_done_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  civic_volunteers_page_set_store (fixture->page, fixture->store);
  civic_test_wait_for (is_loaded, fixture, "the roster to load");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);
  g_clear_object (&fixture->store);
  g_strfreev (fixture->last_changed);
  g_free (fixture->saved_id);
  g_free (fixture->opened_id);

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
count_volunteers (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint n = civic_store_count (fixture->store, "volunteer", &error);

  g_assert_no_error (error);
  return n;
}

static GListModel *
shown (Fixture *fixture)
{
  return _civic_volunteers_page_get_model (fixture->page);
}

static gboolean
shown_contains (Fixture    *fixture,
                const char *id,
                guint      *position)
{
  GListModel *model = shown (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (civic_volunteer_row_get_id (row), id) == 0)
        {
          if (position)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
shown_id (Fixture *fixture,
          guint    position)
{
  g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (shown (fixture), position);
  return row ? g_strdup (civic_volunteer_row_get_id (row)) : NULL;
}

/* A volunteer with a three-syllable Hangul name and a Latin name, whose
 * Latin name and phone digits no other volunteer shares.
 */
static JsonObject *
pick_korean_volunteer (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = civic_store_list (fixture->store, "volunteer", NULL);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *v = g_ptr_array_index (all, i);
      const char *ko = json_object_get_string_member_with_default (v, "name_ko", "");
      const char *given = json_object_get_string_member_with_default (v, "given_name", "");
      const char *family = json_object_get_string_member_with_default (v, "family_name", "");
      g_autofree char *digits = civic_text_digits (json_object_get_string_member_with_default (v, "phone", ""));
      gboolean unique = TRUE;

      if (g_utf8_strlen (ko, -1) != 3 || !*given || !*family || strlen (digits) < 10)
        continue;
      for (guint j = 0; j < all->len && unique; j++)
        {
          JsonObject *w = g_ptr_array_index (all, j);
          g_autofree char *other_digits = civic_text_digits (json_object_get_string_member_with_default (w, "phone", ""));

          if (j == i)
            continue;
          if (g_strcmp0 (other_digits, digits) == 0 ||
              (g_strcmp0 (json_object_get_string_member_with_default (w, "given_name", ""), given) == 0 &&
               g_strcmp0 (json_object_get_string_member_with_default (w, "family_name", ""), family) == 0) ||
              g_strcmp0 (json_object_get_string_member_with_default (w, "name_ko", ""), ko) == 0)
            unique = FALSE;
        }
      if (unique)
        return json_object_ref (v);
    }
  g_assert_not_reached ();
}

static void
test_roster_loads (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *model = shown (fixture);
  guint total = count_volunteers (fixture);
  gboolean any_hours = FALSE, any_last = FALSE;

  g_assert_cmpuint (total, >, 50);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);

      g_assert_nonnull (civic_volunteer_row_get_name (row));
      g_assert_cmpstr (civic_volunteer_row_get_name (row), !=, "");
      if (civic_volunteer_row_get_hours (row) > 0)
        any_hours = TRUE;
      if (*civic_volunteer_row_get_last_shift (row))
        any_last = TRUE;
    }
  /* The demo's general-election campaign has completed shifts. */
  g_assert_true (any_hours);
  g_assert_true (any_last);
}

static void
assert_search_finds (Fixture    *fixture,
                     const char *query,
                     const char *id,
                     gboolean    first)
{
  guint total = count_volunteers (fixture);
  guint position = G_MAXUINT;

  _civic_volunteers_page_search_now (fixture->page, query);
  g_test_message ("“%s”: %u shown", query, g_list_model_get_n_items (shown (fixture)));
  g_assert_true (shown_contains (fixture, id, &position));
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), <, total);
  if (first)
    g_assert_cmpuint (position, ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(JsonObject) v = pick_korean_volunteer (fixture);
  const char *id = json_object_get_string_member (v, "_id");
  const char *ko = json_object_get_string_member (v, "name_ko");
  g_autofree char *initials = civic_text_choseong (ko);
  g_autofree char *two_initials = NULL;
  g_autofree char *first_syllables = NULL;
  g_autofree char *latin = g_strdup_printf ("%s %s", json_object_get_string_member (v, "given_name"),
                                            json_object_get_string_member (v, "family_name"));
  g_autofree char *latin_lower = g_utf8_strdown (latin, -1);
  g_autofree char *digits = civic_text_digits (json_object_get_string_member (v, "phone"));
  const char *end = g_utf8_offset_to_pointer (initials, 2);

  two_initials = g_strndup (initials, end - initials);
  first_syllables = g_strndup (ko, g_utf8_offset_to_pointer (ko, 2) - ko);

  /* Initial consonants: "ㄱㅁ" narrows, "ㄱㅁㅅ" narrows further. */
  assert_search_finds (fixture, two_initials, id, FALSE);
  assert_search_finds (fixture, initials, id, FALSE);
  /* Hangul syllables, the whole name first. */
  assert_search_finds (fixture, first_syllables, id, FALSE);
  assert_search_finds (fixture, ko, id, TRUE);
  /* Latin, any case. */
  assert_search_finds (fixture, latin_lower, id, TRUE);
  /* Phone digits, in another format than stored. */
  {
    g_autofree char *dashed = g_strdup_printf ("%.3s-%.3s-%s", digits + strlen (digits) - 10,
                                               digits + strlen (digits) - 7, digits + strlen (digits) - 4);
    assert_search_finds (fixture, dashed, id, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), ==, 1);
  }

  /* Back to everyone. */
  _civic_volunteers_page_search_now (fixture->page, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), ==, count_volunteers (fixture));
}

static void
saved_cb (CivicVolunteerEditor *editor,
          const char           *id,
          Fixture              *fixture)
{
  g_free (fixture->saved_id);
  fixture->saved_id = g_strdup (id);
}

static gboolean
was_saved (gpointer data)
{
  return ((Fixture *) data)->saved_id != NULL;
}

static void
test_editor_create (Fixture       *fixture,
                    gconstpointer  user_data)
{
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  guint before = count_volunteers (fixture);
  guint changes = fixture->changes;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.new", NULL));
  g_assert_cmpstr (civic_volunteer_editor_get_title (editor), ==, "New Volunteer");
  g_assert_null (civic_volunteer_editor_get_volunteer_id (editor));

  /* No name at all: refused, the reason next to the name. */
  g_assert_false (civic_volunteer_editor_save (editor));
  g_assert_nonnull (civic_volunteer_editor_get_field_error (editor, "given_name"));

  /* A name, but a bad e-mail address: the reason moves to the e-mail. */
  civic_volunteer_editor_set_field_text (editor, "given_name", "Testa");
  civic_volunteer_editor_set_field_text (editor, "family_name", "Volunteerova");
  civic_volunteer_editor_set_field_text (editor, "email", "not an address");
  g_assert_false (civic_volunteer_editor_save (editor));
  g_assert_null (civic_volunteer_editor_get_field_error (editor, "given_name"));
  g_assert_nonnull (civic_volunteer_editor_get_field_error (editor, "email"));

  spin (100);
  g_assert_cmpuint (count_volunteers (fixture), ==, before);
  g_assert_cmpuint (fixture->changes, ==, changes);

  /* Fixed: saved, in one write. */
  civic_volunteer_editor_set_field_text (editor, "email", "testa.v@example.org");
  civic_volunteer_editor_set_field_text (editor, "phone", "(909) 555-0199");
  civic_volunteer_editor_set_field_text (editor, "languages", "ko, en");
  g_assert_true (civic_volunteer_editor_save (editor));
  civic_test_wait_for (was_saved, fixture, "the volunteer to be saved");
  g_assert_null (civic_volunteer_editor_get_field_error (editor, "email"));
  g_assert_cmpuint (count_volunteers (fixture), ==, before + 1);
  g_assert_cmpuint (fixture->changes, ==, changes + 1);

  doc = civic_store_get (fixture->store, fixture->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "given_name"), ==, "Testa");
  g_assert_cmpstr (json_object_get_string_member (doc, "email"), ==, "testa.v@example.org");
  g_assert_true (json_object_get_boolean_member (doc, "active"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "languages")), ==, 2);
  g_assert_cmpstr (civic_volunteer_editor_get_volunteer_id (editor), ==, fixture->saved_id);
}

static gboolean
duplicate_asked (gpointer data)
{
  Fixture *fixture = data;
  return civic_volunteer_editor_get_duplicate_dialog (_civic_volunteers_page_get_editor (fixture->page)) != NULL;
}

static gboolean
editor_shows_opened (gpointer data)
{
  Fixture *fixture = data;
  return g_strcmp0 (civic_volunteer_editor_get_volunteer_id (_civic_volunteers_page_get_editor (fixture->page)),
                    fixture->opened_id) == 0;
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  user_data)
{
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  g_autoptr(JsonObject) existing = pick_korean_volunteer (fixture);
  const char *phone = json_object_get_string_member (existing, "phone");
  g_autofree char *digits = civic_text_digits (phone);
  g_autofree char *other_format = g_strdup_printf ("+1 %s", digits);
  guint before = count_volunteers (fixture);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.new", NULL);
  civic_volunteer_editor_set_field_text (editor, "given_name", "Someone");
  civic_volunteer_editor_set_field_text (editor, "family_name", "Else");
  civic_volunteer_editor_set_field_text (editor, "phone", other_format);
  g_assert_true (civic_volunteer_editor_save (editor));
  civic_test_wait_for (duplicate_asked, fixture, "the duplicate question");

  dialog = civic_volunteer_editor_get_duplicate_dialog (editor);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "phone number"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            json_object_get_string_member (existing, "given_name")));
  g_assert_cmpuint (count_volunteers (fixture), ==, before);

  fixture->opened_id = g_strdup (json_object_get_string_member (existing, "_id"));
  adw_message_dialog_response (dialog, "open");
  civic_test_wait_for (editor_shows_opened, fixture, "the existing volunteer to open");
  g_assert_cmpuint (count_volunteers (fixture), ==, before);
}

static void
imported_cb (CivicRosterImportDialog *dialog,
             guint                    count,
             Fixture                 *fixture)
{
  fixture->imported = count;
  fixture->got_imported = TRUE;
}

typedef struct {
  CivicRosterImportDialog *dialog;
  const char              *step;
} StepWait;

static gboolean
at_step (gpointer data)
{
  StepWait *wait = data;
  return g_strcmp0 (civic_roster_import_dialog_get_step (wait->dialog), wait->step) == 0;
}

static void
wait_step (CivicRosterImportDialog *dialog,
           const char              *step)
{
  StepWait wait = { dialog, step };
  civic_test_wait_for (at_step, &wait, step);
}

static gboolean
got_imported (gpointer data)
{
  return ((Fixture *) data)->got_imported;
}

static const char import_csv[] =
  "First Name,Last Name,한글 이름,Mobile,Email,Immigration Status,Languages\n"
  "Yuna,Park,박유나,(213) 555-0990,yuna.park@example.org,citizen,\"ko, en\"\n"
  "Diego,Ortega,,714-555-0991,diego.o@example.org,,es\n"
  ",,,213-555-0992,nobody@example.org,,en\n";

static void
test_import (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (import_csv, sizeof import_csv - 1);
  CivicRosterImportDialog *dialog;
  CivicRosterImport *plan;
  guint before = count_volunteers (fixture);
  guint changes;
  g_autoptr(GPtrArray) all = NULL;
  gboolean found = FALSE;

  dialog = civic_roster_import_dialog_new (fixture->store, fixture->window);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), fixture);
  civic_roster_import_dialog_load_bytes (dialog, bytes, "people.csv");
  gtk_window_present (GTK_WINDOW (dialog));
  wait_step (dialog, "mapping");

  /* Step 1: the mapping, with the immigration column dropped for good. */
  plan = civic_roster_import_dialog_get_plan (dialog);
  g_assert_cmpuint (civic_roster_import_get_n_columns (plan), ==, 7);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 0), ==, CIVIC_ROSTER_FIELD_GIVEN_NAME);
  g_assert_true (civic_roster_import_column_is_dropped (plan, 5));
  g_assert_cmpuint (count_volunteers (fixture), ==, before);

  /* Step 2: the preview and the report; still nothing written. */
  changes = fixture->changes;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  wait_step (dialog, "preview");
  g_assert_cmpuint (civic_roster_import_get_rows (plan)->len, ==, 3);
  g_assert_cmpint (((CivicRosterImportRow *) g_ptr_array_index (civic_roster_import_get_rows (plan), 2))->status,
                   ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_cmpuint (((CivicRosterImportRow *) g_ptr_array_index (civic_roster_import_get_rows (plan), 2))->line, ==, 4);
  g_assert_cmpuint (count_volunteers (fixture), ==, before);
  g_assert_cmpuint (fixture->changes, ==, changes);

  /* Step 3: confirmed, written in one transaction. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.confirm", NULL));
  civic_test_wait_for (got_imported, fixture, "the import");
  g_assert_cmpuint (fixture->imported, ==, 2);
  g_assert_cmpuint (count_volunteers (fixture), ==, before + 2);
  g_assert_cmpuint (fixture->changes, ==, changes + 1);

  all = civic_store_list (fixture->store, "volunteer", NULL);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *v = g_ptr_array_index (all, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (v, "name_ko", NULL), "박유나") == 0)
        {
          found = TRUE;
          g_assert_false (json_object_has_member (v, "immigration_status"));
        }
    }
  g_assert_true (found);
}

static void
test_import_failure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (import_csv, sizeof import_csv - 1);
  CivicRosterImportDialog *dialog;
  guint before = count_volunteers (fixture);
  guint changes = fixture->changes;

  dialog = civic_roster_import_dialog_new (fixture->store, fixture->window);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), fixture);
  civic_roster_import_dialog_load_bytes (dialog, bytes, "people.csv");
  gtk_window_present (GTK_WINDOW (dialog));
  wait_step (dialog, "mapping");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  wait_step (dialog, "preview");

  /* The write is refused (a board profile): nothing lands, and the dialog
   * says why.
   */
  civic_store_set_read_only (fixture->store, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.confirm", NULL);
  wait_step (dialog, "failed");
  civic_store_set_read_only (fixture->store, FALSE);

  g_assert_false (fixture->got_imported);
  g_assert_nonnull (civic_roster_import_dialog_get_failure (dialog));
  g_assert_nonnull (strstr (civic_roster_import_dialog_get_failure (dialog), "Nothing was imported"));
  g_assert_cmpuint (count_volunteers (fixture), ==, before);
  g_assert_cmpuint (fixture->changes, ==, changes);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
bulk_finished (gpointer data)
{
  Fixture *fixture = data;
  return fixture->bulk_done > 0;
}

static gboolean
is_active (Fixture    *fixture,
           const char *id)
{
  g_autoptr(JsonObject) doc = civic_store_get (fixture->store, id, NULL);
  return json_object_get_boolean_member_with_default (doc, "active", TRUE);
}

/* Selects the first two active volunteers shown; returns their ids. */
static GStrv
select_two_active (Fixture *fixture)
{
  GListModel *model = shown (fixture);
  GtkSelectionModel *selection = _civic_volunteers_page_get_selection (fixture->page);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint picked = 0;

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (model) && picked < 2; i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);

      if (!civic_volunteer_row_get_active (row))
        continue;
      gtk_selection_model_select_item (selection, i, FALSE);
      g_strv_builder_add (ids, civic_volunteer_row_get_id (row));
      picked++;
    }
  g_assert_cmpuint (picked, ==, 2);
  return g_strv_builder_end (ids);
}

static void
test_bulk_deactivate_undo (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_auto(GStrv) ids = select_two_active (fixture);
  g_auto(GStrv) selected = _civic_volunteers_page_dup_selected_ids (fixture->page);
  guint changes = fixture->changes;

  g_assert_cmpuint (g_strv_length (selected), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.deactivate", NULL));
  civic_test_wait_for (bulk_finished, fixture, "the bulk change");
  g_assert_true (fixture->bulk_ok);
  g_assert_false (is_active (fixture, ids[0]));
  g_assert_false (is_active (fixture, ids[1]));
  /* One transaction: one ::changed naming both. */
  g_assert_cmpuint (fixture->changes, ==, changes + 1);
  g_assert_cmpuint (g_strv_length (fixture->last_changed), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) fixture->last_changed, ids[0]));
  g_assert_true (g_strv_contains ((const char * const *) fixture->last_changed, ids[1]));

  /* Undo: both active again, in one more transaction. */
  fixture->bulk_done = 0;
  _civic_volunteers_page_undo_last (fixture->page);
  civic_test_wait_for (bulk_finished, fixture, "the undo");
  g_assert_true (fixture->bulk_ok);
  g_assert_true (is_active (fixture, ids[0]));
  g_assert_true (is_active (fixture, ids[1]));
  g_assert_cmpuint (fixture->changes, ==, changes + 2);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  g_auto(GStrv) ids = NULL;
  guint changes = fixture->changes;
  g_autofree char *first = shown_id (fixture, 0);

  civic_volunteers_page_set_read_only (fixture->page, TRUE);
  civic_store_set_read_only (fixture->store, TRUE);

  /* New: disabled, so no empty form replaces the person shown. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.new", NULL);
  g_assert_false (_civic_volunteers_page_has_volunteer (fixture->page) &&
                  civic_volunteer_editor_get_volunteer_id (editor) == NULL);

  /* Bulk changes: disabled. */
  ids = select_two_active (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.deactivate", NULL);
  spin (300);
  g_assert_cmpuint (fixture->bulk_done, ==, 0);
  g_assert_true (is_active (fixture, ids[0]));

  /* Viewing still works; saving from the editor does not. */
  fixture->opened_id = g_strdup (first);
  _civic_volunteers_page_open_volunteer (fixture->page, first);
  civic_test_wait_for (editor_shows_opened, fixture, "the volunteer to open");
  civic_volunteer_editor_set_field_text (editor, "given_name", "Changed");
  g_assert_false (civic_volunteer_editor_save (editor));
  spin (100);
  g_assert_cmpuint (fixture->changes, ==, changes);
}

static gboolean
hours_shown (gpointer data)
{
  return *(gboolean *) data;
}

static void
hours_shown_cb (CivicHoursDialog *dialog,
                gboolean         *shown_flag)
{
  *shown_flag = TRUE;
}

static void
flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* A second roster on the fixture's store, in a window of its own, as the
 * settings are now; returns it once it has loaded.
 */
static CivicVolunteersPage *
open_another_page (Fixture    *fixture,
                   GtkWindow **window)
{
  CivicVolunteersPage *page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);
  gboolean done = FALSE;

  *window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect_swapped (page, "loaded", G_CALLBACK (flag_cb), &done);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  civic_volunteers_page_set_store (page, fixture->store);
  civic_test_wait_for (hours_shown, &done, "the other roster");
  g_signal_handlers_disconnect_by_func (page, flag_cb, &done);
  return page;
}

/* A remembered filter (GSettings) applies when the page opens, together
 * with the search.
 */
static void
test_filters_remembered (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CivicVolunteersPage *page;
  GtkWindow *window;
  GListModel *model;
  guint total = count_volunteers (fixture);

  g_settings_set_string (settings, "volunteers-language", "es");
  g_settings_set_string (settings, "volunteers-active", "active");

  page = open_another_page (fixture, &window);

  model = _civic_volunteers_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, total);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (civic_volunteer_row_get_languages (row), "es"));
      g_assert_true (civic_volunteer_row_get_active (row));
    }
  {
    g_autofree char *filters = _civic_volunteers_page_describe_filters (page);
    g_assert_nonnull (strstr (filters, "es"));
  }

  g_settings_reset (settings, "volunteers-language");
  g_settings_reset (settings, "volunteers-active");
  gtk_window_destroy (window);
}

static guint
count_drop_downs (GtkWidget *widget)
{
  guint n = GTK_IS_DROP_DOWN (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_drop_downs (child);
  return n;
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The filters' drop-downs are made when the popover opens, not on the way
 * to the first rows; chosen there, a filter applies.
 */
static void
test_filters_built_when_opened (Fixture       *fixture,
                                gconstpointer  user_data)
{
  GtkMenuButton *button = _civic_volunteers_page_get_filter_button (fixture->page);
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GListModel *model = shown (fixture);
  GtkDropDown *language = NULL;
  GStrv values;
  guint es = 0;

  g_assert_cmpuint (count_drop_downs (popover), ==, 0);

  gtk_menu_button_popup (button);
  civic_test_wait_for (widget_mapped, popover, "the filters to show");
  g_assert_cmpuint (count_drop_downs (popover), ==, 7);

  /* The second row is the language. */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (popover)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_DROP_DOWN (child) && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "filter-spec")) == 1)
      language = GTK_DROP_DOWN (child);
  g_assert_nonnull (language);
  values = g_object_get_data (G_OBJECT (language), "values");
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], "es") == 0)
      es = i;
  g_assert_cmpuint (es, >, 0);
  gtk_drop_down_set_selected (language, es);

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, count_volunteers (fixture));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (civic_volunteer_row_get_languages (row), "es"));
    }
  gtk_drop_down_set_selected (language, 0);
  gtk_menu_button_popdown (button);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_volunteers (fixture));
}

/* A remembered filter whose value no one has any more hides no one. */
static void
test_unknown_filter_dropped (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CivicVolunteersPage *page;
  GtkWindow *window;
  g_autofree char *filters = NULL;

  g_settings_set_string (settings, "volunteers-language", "tlh");

  page = open_another_page (fixture, &window);

  g_assert_cmpuint (g_list_model_get_n_items (_civic_volunteers_page_get_model (page)), ==,
                    count_volunteers (fixture));
  filters = _civic_volunteers_page_describe_filters (page);
  g_assert_null (strstr (filters, "tlh"));

  g_settings_reset (settings, "volunteers-language");
  gtk_window_destroy (window);
}

static void
test_print (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CivicTablePrint) print = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "roster.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* The title names the search. */
  _civic_volunteers_page_search_now (fixture->page, "ㄱ");
  print = _civic_volunteers_page_create_print (fixture->page);
  g_assert_cmpuint (civic_table_print_get_n_rows (print), ==, g_list_model_get_n_items (shown (fixture)));
  g_assert_nonnull (strstr (civic_table_print_get_title (print), "ㄱ"));

  operation = civic_table_print_create_operation (print);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}


static void
test_hours (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *campaign = _civic_volunteers_page_get_campaign_id (fixture->page);
  CivicHoursDialog *dialog;
  gboolean done = FALSE;
  GPtrArray *rows;
  double sum = 0, expected = 0;
  GListModel *model = shown (fixture);
  g_autoptr(GHashTable) by_volunteer = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (campaign);
  dialog = civic_hours_dialog_new (fixture->store, fixture->window, campaign);
  g_signal_connect (dialog, "shown", G_CALLBACK (hours_shown_cb), &done);
  civic_hours_dialog_show_range (dialog, NULL, NULL, campaign);
  civic_test_wait_for (hours_shown, &done, "the hours report");

  rows = civic_hours_dialog_get_rows (dialog);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      CivicHoursRow *reported = g_ptr_array_index (rows, i);

      g_hash_table_insert (by_volunteer, reported->volunteer_id, reported);
      sum += reported->hours;
    }
  /* The roster's "hours this campaign" column agrees with the report,
   * person by person.
   */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (model, i);
      CivicHoursRow *reported = g_hash_table_lookup (by_volunteer, civic_volunteer_row_get_id (row));

      expected += civic_volunteer_row_get_hours (row);
      g_assert_cmpfloat_with_epsilon (civic_volunteer_row_get_hours (row), reported ? reported->hours : 0, 0.01);
    }
  g_assert_cmpfloat_with_epsilon (sum, expected, 0.01);

  /* A date that does not parse is refused in place. */
  done = FALSE;
  civic_hours_dialog_show_range (dialog, "2026-13-45", NULL, NULL);
  spin (100);
  g_assert_false (done);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
history_loaded (gpointer data)
{
  return *(gboolean *) data;
}

static void
history_cb (CivicVolunteerEditor *editor,
            gboolean             *loaded)
{
  *loaded = TRUE;
}

static void
save_png (GtkWidget  *widget,
          const char *dir,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

typedef struct {
  const char *id;
  gboolean    loaded;
} HistoryWait;

static void
history_of_cb (CivicVolunteerEditor *editor,
               HistoryWait          *wait)
{
  /* An earlier person's history may still come in: it is not this one. */
  if (g_strcmp0 (civic_volunteer_editor_get_volunteer_id (editor), wait->id) == 0)
    wait->loaded = TRUE;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

typedef struct {
  const char *id;
  guint       n_history;
  guint       right;  /* histories shown for @id with its count */
  guint       wrong;  /* shown for @id with another's */
} HistoryShown;

static void
history_shown_cb (CivicVolunteerEditor *editor,
                  HistoryShown         *shown)
{
  if (g_strcmp0 (civic_volunteer_editor_get_volunteer_id (editor), shown->id) != 0)
    return;
  if (civic_volunteer_editor_get_n_history (editor) == shown->n_history)
    shown->right++;
  else
    shown->wrong++;
}

/* Opens the volunteer at @position of the roster and waits for the shift
 * history; returns how many shifts it has.
 */
static guint
open_with_history (Fixture *fixture,
                   guint    position)
{
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  g_autofree char *id = shown_id (fixture, position);
  HistoryWait wait = { id, FALSE };
  gulong handler = g_signal_connect (editor, "history-loaded", G_CALLBACK (history_of_cb), &wait);

  _civic_volunteers_page_open_volunteer (fixture->page, id);
  civic_test_wait_for (history_loaded, &wait.loaded, "the shift history");
  g_signal_handler_disconnect (editor, handler);
  return civic_volunteer_editor_get_n_history (editor);
}

/* Whether hovering @row shows a tooltip (its whole title). */
static gboolean
has_title_tooltip (AdwActionRow *row)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (row)));
  g_signal_emit_by_name (row, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* The shift history's rows are one line each (a wrapped row is measured
 * again at every width GTK tries) with the whole title as a tooltip, and
 * the next person's history takes the same rows, the extra ones hidden.
 */
static void
test_history_rows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  guint most = 0, fewer = 0, most_at = 0, fewer_at = 0;
  AdwActionRow *first;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  /* Two people with shifts, one with more than the other. */
  for (guint i = 0; i < 40 && (fewer == 0 || most == fewer); i++)
    {
      guint n = open_with_history (fixture, i);

      if (n == 0)
        continue;
      if (n > most)
        {
          if (most > 0)
            fewer = most, fewer_at = most_at;
          most = n, most_at = i;
        }
      else if (n < most)
        fewer = n, fewer_at = i;
    }
  g_assert_cmpuint (fewer, >, 0);
  g_assert_cmpuint (fewer, <, most);

  open_with_history (fixture, most_at);
  for (guint i = 0; i < most; i++)
    {
      AdwActionRow *row = civic_volunteer_editor_get_history_row (editor, i);

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
      g_assert_cmpint (adw_action_row_get_title_lines (row), ==, 1);
      g_assert_cmpint (adw_action_row_get_subtitle_lines (row), ==, 1);
      g_assert_true (has_title_tooltip (row));
      g_ptr_array_add (rows, row);
    }
  g_assert_null (civic_volunteer_editor_get_history_row (editor, most));
  first = g_ptr_array_index (rows, 0);

  g_assert_cmpuint (open_with_history (fixture, fewer_at), ==, fewer);
  g_assert_true (civic_volunteer_editor_get_history_row (editor, 0) == first);
  for (guint i = 0; i < most; i++)
    g_assert_true (gtk_widget_get_visible (g_ptr_array_index (rows, i)) == (i < fewer));

  /* Two people opened one after the other, the second while the first's
   * history is still being read: the first's, if it comes in later, is
   * not shown as the second's.
   */
  {
    g_autofree char *most_id = shown_id (fixture, most_at);
    g_autofree char *fewer_id = shown_id (fixture, fewer_at);
    HistoryShown shown_as = { fewer_id, fewer, 0, 0 };
    gboolean opened = FALSE;
    gulong loaded = g_signal_connect_swapped (editor, "loaded", G_CALLBACK (set_flag), &opened);
    gulong history = g_signal_connect (editor, "history-loaded", G_CALLBACK (history_shown_cb), &shown_as);

    _civic_volunteers_page_open_volunteer (fixture->page, most_id);
    civic_test_wait_for (history_loaded, &opened, "the first person");
    _civic_volunteers_page_open_volunteer (fixture->page, fewer_id);
    spin (800);
    g_signal_handler_disconnect (editor, loaded);
    g_signal_handler_disconnect (editor, history);
    g_assert_cmpuint (shown_as.right, >=, 1);
    g_assert_cmpuint (shown_as.wrong, ==, 0);
    g_assert_cmpuint (civic_volunteer_editor_get_n_history (editor), ==, fewer);
  }
}

/* Not a check: with CIVIC_VOLUNTEERS_SHOTS set to a folder, saves the
 * volunteer page as docs/screenshots wants it (a narrow window, so the
 * leaflet shows the person alone).
 */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *dir = g_getenv ("CIVIC_VOLUNTEERS_SHOTS");
  const char *suffix = g_getenv ("CIVIC_VOLUNTEERS_SHOTS_SUFFIX");
  CivicVolunteerEditor *editor = _civic_volunteers_page_get_editor (fixture->page);
  g_autoptr(JsonObject) v = NULL;
  g_autofree char *name = NULL;
  gboolean loaded = FALSE;

  if (dir == NULL)
    {
      g_test_skip ("CIVIC_VOLUNTEERS_SHOTS is not set");
      return;
    }

  v = pick_korean_volunteer (fixture);
  g_signal_connect (editor, "history-loaded", G_CALLBACK (history_cb), &loaded);
  gtk_window_set_default_size (fixture->window, 480, 1880);
  gtk_window_unmaximize (fixture->window);
  spin (500);
  _civic_volunteers_page_open_volunteer (fixture->page, json_object_get_string_member (v, "_id"));
  civic_test_wait_for (history_loaded, &loaded, "the shift history");
  spin (800);
  name = g_strdup_printf ("volunteer-page%s.png", suffix ? suffix : "");
  save_png (GTK_WIDGET (fixture->window), dir, name);
}


static gboolean
page_loaded (gpointer data)
{
  return _civic_volunteers_page_get_index (CIVIC_VOLUNTEERS_PAGE (data)) != NULL;
}

/* A page nobody has opened reads nothing, even when the store changes;
 * shown, it reads everything, the change included.
 */
static void
test_hidden_loads_nothing (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  CivicVolunteersPage *page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  gtk_stack_add_named (stack, gtk_label_new ("elsewhere"), "other");
  gtk_stack_add_named (stack, GTK_WIDGET (page), "volunteers");
  gtk_stack_set_visible_child_name (stack, "other");
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  civic_volunteers_page_set_store (page, fixture->store);

  json_object_set_string_member (doc, "_id", "volunteer:hidden-test");
  json_object_set_string_member (doc, "type", "volunteer");
  json_object_set_string_member (doc, "given_name", "Hidden");
  json_object_set_string_member (doc, "family_name", "Aaberg");
  rev = civic_store_put (fixture->store, doc, &error);
  g_assert_no_error (error);
  spin (300);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_null (_civic_volunteers_page_get_index (page));
  g_assert_cmpuint (g_list_model_get_n_items (_civic_volunteers_page_get_model (page)), ==, 0);

  gtk_stack_set_visible_child_name (stack, "volunteers");
  civic_test_wait_for (page_loaded, page, "the roster to load once shown");
  g_assert_cmpuint (g_list_model_get_n_items (_civic_volunteers_page_get_model (page)), ==, count_volunteers (fixture));
  {
    g_autoptr(CivicVolunteerRow) first = g_list_model_get_item (_civic_volunteers_page_get_model (page), 0);
    /* Aaberg sorts first by family name. */
    g_assert_cmpstr (civic_volunteer_row_get_id (first), ==, "volunteer:hidden-test");
  }
  gtk_window_destroy (window);
}

/* Pages destroyed while their roster loads: the loads come back to
 * nothing and touch nothing (the crash the shell test used to show).
 */
static void
test_destroy_while_loading (Fixture       *fixture,
                            gconstpointer  user_data)
{
  for (guint i = 0; i < 6; i++)
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      CivicVolunteersPage *page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);

      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
      gtk_window_set_child (window, GTK_WIDGET (page));
      gtk_window_present (window);
      civic_volunteers_page_set_store (page, fixture->store);
      /* Later each time: before the first page, between it and the whole
       * roster, during the hours.
       */
      spin (i * 15);
      gtk_window_destroy (window);
      civic_test_wait_for (civic_test_pointer_cleared, &page, "the page to be finalized");
    }
  spin (500);
}

static char *
row_text (CivicVolunteerRow *row,
          CivicRosterColumn  column)
{
  char buffer[32];

  return g_strdup (civic_roster_column_text (row, column, buffer, sizeof buffer));
}

/* Rows in @column's order, ties by name then id, as the header asks. */
static void
assert_sorted (GListModel        *model,
               CivicRosterColumn  column,
               gboolean           descending)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >, 1);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CivicVolunteerRow) a = g_list_model_get_item (model, i - 1);
      g_autoptr(CivicVolunteerRow) b = g_list_model_get_item (model, i);
      int order = civic_volunteer_row_compare (a, b, column);

      g_assert_cmpint (descending ? -order : order, <, 0);
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkColumnView *view = _civic_volunteers_page_get_column_view (fixture->page);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) phone = g_list_model_get_item (columns, CIVIC_ROSTER_COLUMN_PHONE);
  g_autoptr(GtkColumnViewColumn) hours = g_list_model_get_item (columns, CIVIC_ROSTER_COLUMN_HOURS);
  g_autoptr(CivicVolunteerRow) top = NULL;
  g_autofree char *first_phone = NULL;
  guint with_search;

  gtk_column_view_sort_by_column (view, phone, GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), ==, count_volunteers (fixture));
  assert_sorted (shown (fixture), CIVIC_ROSTER_COLUMN_PHONE, FALSE);

  gtk_column_view_sort_by_column (view, phone, GTK_SORT_DESCENDING);
  assert_sorted (shown (fixture), CIVIC_ROSTER_COLUMN_PHONE, TRUE);

  /* A search keeps the column's order. */
  _civic_volunteers_page_search_now (fixture->page, "ㄱ");
  with_search = g_list_model_get_n_items (shown (fixture));
  g_assert_cmpuint (with_search, >, 1);
  g_assert_cmpuint (with_search, <, count_volunteers (fixture));
  assert_sorted (shown (fixture), CIVIC_ROSTER_COLUMN_PHONE, TRUE);
  {
    /* The same people as the search's own answer, only in another order. */
    g_auto(GStrv) ids = civic_volunteer_search_query (_civic_volunteers_page_get_index (fixture->page), "ㄱ", NULL, 0);

    g_assert_cmpuint (g_strv_length (ids), ==, with_search);
    for (guint i = 0; ids[i] != NULL; i++)
      g_assert_true (shown_contains (fixture, ids[i], NULL));
  }
  _civic_volunteers_page_search_now (fixture->page, "");

  /* Hours, most first: the figures came from the signups. */
  gtk_column_view_sort_by_column (view, hours, GTK_SORT_DESCENDING);
  assert_sorted (shown (fixture), CIVIC_ROSTER_COLUMN_HOURS, TRUE);
  top = g_list_model_get_item (shown (fixture), 0);
  g_assert_cmpfloat (civic_volunteer_row_get_hours (top), >, 0);

  /* No column: the search's own order (by name) again. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  assert_sorted (shown (fixture), CIVIC_ROSTER_COLUMN_NAME, FALSE);

  /* The cells show the rows' text. */
  {
    g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (shown (fixture), 0);
    first_phone = row_text (row, CIVIC_ROSTER_COLUMN_PHONE);
    g_assert_cmpstr (first_phone, ==, civic_volunteer_row_get_phone (row));
  }
}

/* The selected people stay selected while a search moves them, and
 * positions past the rows (kept blank for a moment) cannot be selected.
 */
static void
test_selection_follows_search (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(JsonObject) v = pick_korean_volunteer (fixture);
  const char *id = json_object_get_string_member (v, "_id");
  GtkSelectionModel *selection = _civic_volunteers_page_get_selection (fixture->page);
  guint position = G_MAXUINT;
  g_auto(GStrv) selected = NULL;

  g_assert_true (shown_contains (fixture, id, &position));
  gtk_selection_model_select_item (selection, position, TRUE);

  _civic_volunteers_page_search_now (fixture->page, json_object_get_string_member (v, "name_ko"));
  g_assert_true (shown_contains (fixture, id, &position));
  g_assert_true (gtk_selection_model_is_selected (selection, position));
  selected = _civic_volunteers_page_dup_selected_ids (fixture->page);
  g_assert_cmpstrv (selected, ((const char *[]) { id, NULL }));

  /* Blank positions follow the few rows shown; selecting all selects only
   * the rows.
   */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >=,
                    g_list_model_get_n_items (shown (fixture)));
  gtk_selection_model_select_all (selection);
  {
    g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (selection);

    g_assert_cmpuint (gtk_bitset_get_size (bits), ==, g_list_model_get_n_items (shown (fixture)));
  }

  /* Cleared: everyone again, the person still selected where they are. */
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, position, TRUE);
  _civic_volunteers_page_search_now (fixture->page, "");
  g_assert_true (shown_contains (fixture, id, &position));
  g_assert_true (gtk_selection_model_is_selected (selection, position));
}

/* Every bound cell of the column view shows what its position's row says
 * (blank positions show nothing).  Returns how many cells were stale,
 * which is allowed only past @fresh_until.
 */
static guint
check_cells (Fixture *fixture,
             guint    fresh_until)
{
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (fixture->page));
  guint stale = 0;

  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(CivicRosterSlot) slot = g_list_model_get_item (slots, i);
      g_autoptr(CivicVolunteerRow) row = g_list_model_get_item (shown (fixture), i);

      g_assert_true (civic_roster_slot_get_row (slot) == row);
      for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
        {
          CivicTextCell *cell = civic_roster_slot_get_cell (slot, c);
          char buffer[32];

          if (cell == NULL)
            continue;
          if (g_strcmp0 (civic_text_cell_get_text (cell), civic_roster_column_text (row, c, buffer, sizeof buffer)) == 0)
            continue;
          if (i < fresh_until)
            g_error ("position %u, column %u shows “%s”, its row says “%s”", i, c, civic_text_cell_get_text (cell),
                     civic_roster_column_text (row, c, buffer, sizeof buffer));
          g_assert_true (civic_roster_slot_is_stale (slot));
          stale++;
        }
    }
  return stale;
}

static gboolean
cells_laid_out (gpointer data)
{
  Fixture *fixture = data;
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (fixture->page));
  g_autoptr(CivicRosterSlot) slot = g_list_model_get_item (slots, 0);
  CivicTextCell *cell = slot ? civic_roster_slot_get_cell (slot, CIVIC_ROSTER_COLUMN_NAME) : NULL;

  return cell != NULL && gtk_widget_get_height (GTK_WIDGET (cell)) > 0;
}

static gboolean
cells_caught_up (gpointer data)
{
  Fixture *fixture = data;
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (fixture->page));

  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(CivicRosterSlot) slot = g_list_model_get_item (slots, i);

      if (civic_roster_slot_is_stale (slot))
        return FALSE;
    }
  return TRUE;
}

/* How many rows the list shows (the part of one at the bottom counted). */
static guint
rows_on_screen (Fixture *fixture)
{
  GtkColumnView *view = _civic_volunteers_page_get_column_view (fixture->page);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (fixture->page));
  g_autoptr(CivicRosterSlot) slot = g_list_model_get_item (slots, 0);
  GtkWidget *cell = GTK_WIDGET (civic_roster_slot_get_cell (slot, CIVIC_ROSTER_COLUMN_NAME));
  /* The cell, its column's cell, the row. */
  int row_height = gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (cell)));

  g_assert_cmpint (row_height, >, 0);
  return (guint) (gtk_adjustment_get_page_size (vadjustment) / row_height) + 1;
}

/* A search changes the cells on screen at once, and those of the other
 * rows the view keeps realized once the frame is drawn; scrolling brings
 * them up to date at once.  Either way every cell ends up right.
 */
static void
test_cells_follow_search (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkColumnView *view = _civic_volunteers_page_get_column_view (fixture->page);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint total = g_list_model_get_n_items (shown (fixture));
  g_autoptr(CivicVolunteerRow) last = g_list_model_get_item (shown (fixture), total - 1);
  g_autofree char *family = NULL;
  guint stale, on_screen;

  g_assert_cmpuint (total, >, 60);
  civic_test_wait_for (cells_laid_out, fixture, "the roster's cells to be laid out");
  check_cells (fixture, G_MAXUINT);
  on_screen = rows_on_screen (fixture);
  g_assert_cmpuint (on_screen, >, 5);

  /* The last person's family name: a new first screenful. */
  family = g_strdup (json_object_get_string_member_with_default (civic_volunteer_row_get_document (last),
                                                                 "family_name", "김"));
  _civic_volunteers_page_search_now (fixture->page, family);
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), <, total);
  stale = check_cells (fixture, on_screen);
  civic_test_wait_for (cells_caught_up, fixture, "the cells off screen to catch up");
  g_assert_cmpuint (check_cells (fixture, G_MAXUINT), ==, 0);

  /* Back to everyone, then scrolled before the frame: no cell waits. */
  _civic_volunteers_page_search_now (fixture->page, "");
  stale += check_cells (fixture, on_screen);
  g_assert_cmpuint (stale, >, 0);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 2);
  g_assert_true (cells_caught_up (fixture));
  g_assert_cmpuint (check_cells (fixture, G_MAXUINT), ==, 0);
}

/* Blank positions after a search that shrank the rows stay while typing
 * goes on, even through keystrokes that leave the rows as they were, and
 * go once it pauses.
 */
static void
test_blank_positions_wait_for_pause (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (fixture->page));
  g_autoptr(JsonObject) v = pick_korean_volunteer (fixture);
  const char *name = json_object_get_string_member (v, "name_ko");
  g_autofree char *spaced = g_strconcat (name, " ", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), >, 60);
  _civic_volunteers_page_search_now (fixture->page, name);
  g_assert_cmpuint (g_list_model_get_n_items (slots), >, g_list_model_get_n_items (shown (fixture)));
  for (guint i = 0; i < 4; i++)
    {
      /* Well within the pause that trims (400 ms), four times over it. */
      spin (150);
      _civic_volunteers_page_search_now (fixture->page, i % 2 ? name : spaced);
      g_assert_cmpuint (g_list_model_get_n_items (slots), >, g_list_model_get_n_items (shown (fixture)));
    }
  spin (800);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, g_list_model_get_n_items (shown (fixture)));
}

static void
first_rows_cb (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *first)
{
  if (*first == 0)
    *first = g_list_model_get_n_items (model);
}

/* The first rows, shown before the whole roster is read, fill the list
 * (and are not many more than that: each costs the first frame).
 */
static void
test_first_rows_fill_the_view (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  CivicVolunteersPage *page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);
  GListModel *model = _civic_volunteers_page_get_model (page);
  GListModel *slots = G_LIST_MODEL (_civic_volunteers_page_get_selection (page));
  guint first = 0;
  int row_height, view_height;

  gtk_window_set_default_size (window, 1000, 900);
  gtk_stack_add_named (stack, gtk_label_new ("elsewhere"), "other");
  gtk_stack_add_named (stack, GTK_WIDGET (page), "volunteers");
  gtk_stack_set_visible_child_name (stack, "other");
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_present (window);
  civic_volunteers_page_set_store (page, fixture->store);
  g_signal_connect (model, "items-changed", G_CALLBACK (first_rows_cb), &first);

  gtk_stack_set_visible_child_name (stack, "volunteers");
  civic_test_wait_for (page_loaded, page, "the roster to load once shown");
  g_signal_handlers_disconnect_by_func (model, first_rows_cb, &first);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, first);

  {
    g_autoptr(CivicRosterSlot) slot = NULL;
    CivicTextCell *cell = NULL;

    while (cell == NULL || gtk_widget_get_height (GTK_WIDGET (cell)) == 0)
      {
        g_main_context_iteration (NULL, TRUE);
        g_clear_object (&slot);
        slot = g_list_model_get_item (slots, 0);
        cell = civic_roster_slot_get_cell (slot, CIVIC_ROSTER_COLUMN_NAME);
      }
    /* The cell, its column's cell, the row. */
    row_height = gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (cell))));
    view_height = gtk_widget_get_height (GTK_WIDGET (_civic_volunteers_page_get_column_view (page)));
  }
  g_assert_cmpint (row_height, >, 0);
  g_assert_cmpint ((int) first * row_height, >=, view_height);
  g_assert_cmpint ((int) first * row_height, <=, 2 * view_height);
  gtk_window_destroy (window);
}

static gboolean
renamed_shown (gpointer data)
{
  Fixture *fixture = data;

  _civic_volunteers_page_search_now (fixture->page, "zzyzx");
  return g_list_model_get_n_items (shown (fixture)) > 0;
}

/* A volunteer changed in the store shows changed in the roster. */
static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonObject) v = pick_korean_volunteer (fixture);
  g_autoptr(JsonObject) doc = json_object_ref (v);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  guint position;

  json_object_set_string_member (doc, "given_name", "Zzyzx");
  rev = civic_store_put (fixture->store, doc, &error);
  g_assert_no_error (error);
  civic_test_wait_for (renamed_shown, fixture, "the renamed volunteer to show");
  g_assert_true (shown_contains (fixture, json_object_get_string_member (v, "_id"), &position));
  g_assert_cmpuint (position, ==, 0);
}

static gboolean
stats_counted_again (gpointer data)
{
  Fixture *fixture = data;

  return fixture->stats > fixture->loads;
}

/* A signup written while the roster is hidden (check-in mode at an event,
 * the main window on the calendar) starts no statistics pass, which takes
 * seconds over a large organization; the roster counts again when shown.
 */
static void
test_stats_wait_while_hidden (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) signups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *signup;
  guint stats;

  g_assert_cmpuint (fixture->stats, ==, fixture->loads);
  stats = fixture->stats;
  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);

  signups = civic_store_list_page (fixture->store, "signup", 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signups->len, ==, 1);
  signup = g_ptr_array_index (signups, 0);
  json_object_set_string_member (signup, "notes", "Came early");
  rev = civic_store_put (fixture->store, signup, &error);
  g_assert_no_error (error);
  spin (600);
  g_assert_cmpuint (fixture->stats, ==, stats);

  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  civic_test_wait_for (stats_counted_again, fixture, "the statistics to be counted again");
  g_assert_cmpuint (fixture->stats, ==, stats + 1);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CIVIC_DESK_LOCALEDIR");

  if (localedir != NULL)
    {
      /* gtk_test_init () leaves the locale alone: the screenshots in
       * another language need it set.
       */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/volunteers/roster/loads", Fixture, NULL, fixture_set_up, test_roster_loads, fixture_tear_down);
  g_test_add ("/volunteers/roster/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/volunteers/roster/hidden-loads-nothing", Fixture, NULL, fixture_set_up, test_hidden_loads_nothing,
              fixture_tear_down);
  g_test_add ("/volunteers/roster/destroy-while-loading", Fixture, NULL, fixture_set_up, test_destroy_while_loading,
              fixture_tear_down);
  g_test_add ("/volunteers/roster/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/volunteers/roster/cells-follow-search", Fixture, NULL, fixture_set_up, test_cells_follow_search,
              fixture_tear_down);
  g_test_add ("/volunteers/roster/first-rows-fill-the-view", Fixture, NULL, fixture_set_up,
              test_first_rows_fill_the_view, fixture_tear_down);
  g_test_add ("/volunteers/roster/blank-positions-wait-for-pause", Fixture, NULL, fixture_set_up,
              test_blank_positions_wait_for_pause, fixture_tear_down);
  g_test_add ("/volunteers/roster/selection-follows-search", Fixture, NULL, fixture_set_up,
              test_selection_follows_search, fixture_tear_down);
  g_test_add ("/volunteers/roster/follows-store", Fixture, NULL, fixture_set_up, test_follows_store,
              fixture_tear_down);
  g_test_add ("/volunteers/roster/stats-wait-while-hidden", Fixture, NULL, fixture_set_up,
              test_stats_wait_while_hidden, fixture_tear_down);
  g_test_add ("/volunteers/editor/create", Fixture, NULL, fixture_set_up, test_editor_create, fixture_tear_down);
  g_test_add ("/volunteers/editor/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);
  g_test_add ("/volunteers/editor/history-rows", Fixture, NULL, fixture_set_up, test_history_rows, fixture_tear_down);
  g_test_add ("/volunteers/import/confirm", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/volunteers/import/failure-writes-nothing", Fixture, NULL, fixture_set_up, test_import_failure,
              fixture_tear_down);
  g_test_add ("/volunteers/bulk/deactivate-undo", Fixture, NULL, fixture_set_up, test_bulk_deactivate_undo,
              fixture_tear_down);
  g_test_add ("/volunteers/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);

  g_test_add ("/volunteers/roster/filters-remembered", Fixture, NULL, fixture_set_up, test_filters_remembered,
              fixture_tear_down);
  g_test_add ("/volunteers/roster/filters-built-when-opened", Fixture, NULL, fixture_set_up,
              test_filters_built_when_opened, fixture_tear_down);
  g_test_add ("/volunteers/roster/unknown-filter-dropped", Fixture, NULL, fixture_set_up,
              test_unknown_filter_dropped, fixture_tear_down);
  g_test_add ("/volunteers/reports/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/volunteers/reports/hours", Fixture, NULL, fixture_set_up, test_hours, fixture_tear_down);
  g_test_add ("/volunteers/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
