/* test-shifts.c — the shifts section of the event editor under a display:
 * filled/capacity and waitlists, the volunteer picker, promotion, status
 * changes with undo, and read-only mode
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section runs in a plain window over a temporary store filled with
 * the demo organization, some of whose shifts are over capacity.
 */

#define G_LOG_DOMAIN "test-shifts"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "civic-gui-test.h"
#include "civic-derived.h"
#include "civic-sample.h"
#include "civic-shifts-section.h"
#include "civic-shifts-section-private.h"
#include "civic-volunteer-picker.h"

typedef struct {
  guint  loads, wanted_loads;
  guint  writes, wanted_writes;
  guint  readies, wanted_readies;
  char  *written_id;
} Counter;

static void
loaded_cb (GtkWidget *widget,
           Counter   *counter)
{
  counter->loads++;
}

static void
written_cb (GtkWidget  *widget,
            const char *id,
            Counter    *counter)
{
  counter->writes++;
  g_free (counter->written_id);
  counter->written_id = g_strdup (id);
}

static void
ready_cb (GtkWidget *widget,
          Counter   *counter)
{
  counter->readies++;
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

static gboolean
ready_again (gpointer data)
{
  Counter *counter = data;
  return counter->readies >= counter->wanted_readies;
}

/* A write, then the reload it causes.  Both are counted from before the
 * statement: the reload (the store's ::changed) can finish before the
 * section says it has written.
 */
#define WAIT_WRITTEN_AND_LOADED(counter, statement) G_STMT_START { \
  (counter)->wanted_writes = (counter)->writes + 1; \
  (counter)->wanted_loads = (counter)->loads + 1; \
  statement; \
  civic_test_wait_for (written_again, (counter), "a write"); \
  civic_test_wait_for (loaded_again, (counter), "the reload after a write"); } G_STMT_END

typedef struct {
  char       *dir;
  CivicStore *store;
  GtkWindow  *window;
  CivicShiftsSection *section;
  Counter     counter;
  /* A demo shift occurrence with a waitlist. */
  char       *event_id;
  char       *occurrence;
  char       *shift_id;
} Fixture;

static gboolean
same_occurrence (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strncmp (a, b, 10) == 0;
}

/* A shift occurrence of the demo organization that has a waitlist. */
static void
find_waitlisted_shift (Fixture *fixture)
{
  g_autoptr(GPtrArray) shifts = civic_store_list (fixture->store, "shift", NULL);

  for (guint i = 0; i < shifts->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (shifts, i);
      g_autoptr(CivicRecord) shift = civic_record_new_from_json (doc, NULL);
      g_autoptr(GPtrArray) signups = civic_store_list_by_ref (fixture->store, "signup", CIVIC_STORE_REF_1,
                                                              json_object_get_string_member (doc, "_id"), NULL);

      for (guint s = 0; s < signups->len; s++)
        {
          const char *occurrence = json_object_get_string_member_with_default (g_ptr_array_index (signups, s),
                                                                               "occurrence", NULL);
          g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
          g_autoptr(GPtrArray) waitlist = NULL;

          for (guint t = 0; t < signups->len; t++)
            {
              JsonObject *other = g_ptr_array_index (signups, t);
              if (same_occurrence (occurrence, json_object_get_string_member_with_default (other, "occurrence", NULL)))
                g_ptr_array_add (records, civic_record_new_from_json (other, NULL));
            }
          civic_signups_partition (records, civic_shift_get_capacity (CIVIC_SHIFT (shift)), NULL, &waitlist);
          if (waitlist->len > 0)
            {
              fixture->event_id = g_strdup (json_object_get_string_member (doc, "event_id"));
              fixture->occurrence = occurrence != NULL ? g_strndup (occurrence, 10) : NULL;
              fixture->shift_id = g_strdup (json_object_get_string_member (doc, "_id"));
              return;
            }
        }
    }
  g_error ("The demo organization has no shift with a waitlist");
}

static void
open_section (Fixture  *fixture,
              gboolean  read_only)
{
  fixture->section = CIVIC_SHIFTS_SECTION (civic_shifts_section_new (fixture->store, fixture->event_id,
                                                                      fixture->occurrence, read_only));
  g_signal_connect (fixture->section, "loaded", G_CALLBACK (loaded_cb), &fixture->counter);
  g_signal_connect (fixture->section, "written", G_CALLBACK (written_cb), &fixture->counter);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->section));
  fixture->counter.wanted_loads = fixture->counter.loads + 1;
  civic_test_wait_for (loaded_again, &fixture->counter, "the section to load");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("civic-shifts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = civic_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (civic_sample_generate (fixture->store, CIVIC_SAMPLE_SCALE_DEMO, 1, &error));
  g_assert_no_error (error);
  find_waitlisted_shift (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 700, 800);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->counter.written_id);
  g_free (fixture->event_id);
  g_free (fixture->occurrence);
  g_free (fixture->shift_id);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A new shift on the fixture's event at the same time as its waitlisted one. */
static char *
add_shift (Fixture    *fixture,
           int         capacity,
           const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicRecord) model = civic_record_load (fixture->store, fixture->shift_id, &error);
  g_autoptr(CivicShift) shift = civic_shift_new ();
  const char *languages[] = { language, NULL };
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  civic_shift_set_event_id (shift, fixture->event_id);
  civic_shift_set_role (shift, "phone_banker");
  civic_shift_set_starts_at (shift, civic_shift_get_starts_at (CIVIC_SHIFT (model)));
  civic_shift_set_ends_at (shift, civic_shift_get_ends_at (CIVIC_SHIFT (model)));
  civic_shift_set_capacity (shift, capacity);
  if (language != NULL)
    civic_shift_set_languages_needed (shift, languages);
  rev = civic_record_save (CIVIC_RECORD (shift), fixture->store, "test", &error);
  g_assert_no_error (error);
  return g_strdup (civic_record_get_id (CIVIC_RECORD (shift)));
}

static CivicVolunteerPicker *
open_picker (Fixture    *fixture,
             const char *shift_id)
{
  CivicVolunteerPicker *picker = _civic_shifts_section_open_picker (fixture->section, shift_id);

  g_assert_nonnull (picker);
  g_signal_connect (picker, "ready", G_CALLBACK (ready_cb), &fixture->counter);
  fixture->counter.wanted_readies = fixture->counter.readies + 1;
  civic_test_wait_for (ready_again, &fixture->counter, "the picker to load");
  return picker;
}

static gboolean
speaks (CivicStore *store,
        const char *volunteer_id,
        const char *language)
{
  g_autoptr(JsonObject) doc = civic_store_get (store, volunteer_id, NULL);
  JsonArray *languages = doc != NULL && json_object_has_member (doc, "languages")
                         ? json_object_get_array_member (doc, "languages") : NULL;

  for (guint i = 0; languages != NULL && i < json_array_get_length (languages); i++)
    if (g_strcmp0 (json_array_get_string_element (languages, i), language) == 0)
      return TRUE;
  return FALSE;
}

static const char *
status_of (CivicStore *store,
           const char *id)
{
  static char status[32];
  g_autoptr(JsonObject) doc = civic_store_get (store, id, NULL);

  g_assert_nonnull (doc);
  g_strlcpy (status, json_object_get_string_member (doc, "status"), sizeof status);
  return status;
}

static void
test_filled_and_waitlist (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(CivicRecord) shift = civic_record_load (fixture->store, fixture->shift_id, NULL);
  g_autoptr(GPtrArray) docs = civic_store_list_by_ref (fixture->store, "signup", CIVIC_STORE_REF_1,
                                                       fixture->shift_id, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) in = NULL;
  g_autoptr(GPtrArray) waitlist = NULL;
  g_auto(GStrv) shown_in = NULL;
  g_auto(GStrv) shown_waitlist = NULL;
  g_autofree char *filled = NULL;

  for (guint i = 0; i < docs->len; i++)
    if (same_occurrence (fixture->occurrence,
                         json_object_get_string_member_with_default (g_ptr_array_index (docs, i), "occurrence", NULL)))
      g_ptr_array_add (records, civic_record_new_from_json (g_ptr_array_index (docs, i), NULL));
  civic_signups_partition (records, civic_shift_get_capacity (CIVIC_SHIFT (shift)), &in, &waitlist);
  g_assert_cmpuint (waitlist->len, >, 0);

  open_section (fixture, FALSE);
  filled = g_strdup_printf ("%u/%d", in->len, civic_shift_get_capacity (CIVIC_SHIFT (shift)));
  g_assert_cmpstr (_civic_shifts_section_get_filled_text (fixture->section, fixture->shift_id), ==, filled);
  shown_in = _civic_shifts_section_dup_in (fixture->section, fixture->shift_id);
  shown_waitlist = _civic_shifts_section_dup_waitlist (fixture->section, fixture->shift_id);
  g_assert_cmpuint (g_strv_length (shown_in), ==, in->len);
  g_assert_cmpuint (g_strv_length (shown_waitlist), ==, waitlist->len);
  for (guint i = 0; i < waitlist->len; i++)
    g_assert_cmpstr (shown_waitlist[i], ==, civic_record_get_id (g_ptr_array_index (waitlist, i)));
}

static void
test_capacity_waitlist_promotion_undo (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autofree char *shift_id = add_shift (fixture, 2, "ko");
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) signups = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) in = NULL;
  g_auto(GStrv) waitlist = NULL;
  g_auto(GStrv) promoted = NULL;
  CivicPickerCandidate *first;
  CivicVolunteerPicker *picker;
  GPtrArray *candidates;

  open_section (fixture, FALSE);
  g_assert_cmpstr (_civic_shifts_section_get_filled_text (fixture->section, shift_id), ==, "0/2");

  /* The picker ranks a Korean speaker first for a shift that needs ko. */
  picker = open_picker (fixture, shift_id);
  candidates = civic_volunteer_picker_get_candidates (picker);
  g_assert_cmpuint (candidates->len, >, 3);
  first = g_ptr_array_index (candidates, 0);
  g_assert_true (speaks (fixture->store, first->volunteer_id, "ko"));
  g_assert_nonnull (strstr (first->reason, "Speaks Korean"));
  g_assert_null (first->booked);
  for (guint i = 0; i < candidates->len && chosen->len < 3; i++)
    {
      CivicPickerCandidate *candidate = g_ptr_array_index (candidates, i);
      if (candidate->booked == NULL)
        g_ptr_array_add (chosen, g_strdup (candidate->volunteer_id));
    }
  g_assert_cmpuint (chosen->len, ==, 3);
  gtk_window_destroy (GTK_WINDOW (picker));

  /* Three people for two places: the last one waits. */
  for (guint i = 0; i < chosen->len; i++)
    {
      /* The waitlist orders by signed_up_at, to the second: make the
       * last signup clearly the latest.
       */
      if (i == chosen->len - 1)
        g_usleep (1100 * 1000);
      picker = open_picker (fixture, shift_id);
      WAIT_WRITTEN_AND_LOADED (&fixture->counter,
                               g_assert_null (civic_volunteer_picker_choose (picker, g_ptr_array_index (chosen, i))));
      g_ptr_array_add (signups, g_strdup (fixture->counter.written_id));
    }
  g_assert_cmpstr (_civic_shifts_section_get_filled_text (fixture->section, shift_id), ==, "2/2");
  waitlist = _civic_shifts_section_dup_waitlist (fixture->section, shift_id);
  g_assert_cmpuint (g_strv_length (waitlist), ==, 1);
  g_assert_cmpstr (waitlist[0], ==, g_ptr_array_index (signups, 2));

  /* Cancelling one who holds a place promotes the first waitlisted. */
  in = _civic_shifts_section_dup_in (fixture->section, shift_id);
  WAIT_WRITTEN_AND_LOADED (&fixture->counter,
                           gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.set-status",
                                                       "(ss)", in[0], "cancelled"));
  g_assert_cmpstr (status_of (fixture->store, in[0]), ==, "cancelled");
  g_clear_pointer (&waitlist, g_strfreev);
  waitlist = _civic_shifts_section_dup_waitlist (fixture->section, shift_id);
  g_assert_cmpuint (g_strv_length (waitlist), ==, 0);
  promoted = _civic_shifts_section_dup_promoted (fixture->section);
  g_assert_true (g_strv_contains ((const char * const *) promoted, g_ptr_array_index (signups, 2)));
  g_assert_cmpstr (_civic_shifts_section_get_filled_text (fixture->section, shift_id), ==, "2/2");

  /* Undo writes the previous status back, and the waitlist returns. */
  WAIT_WRITTEN_AND_LOADED (&fixture->counter,
                           gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.undo-status",
                                                       "(ss)", in[0], "scheduled"));
  g_assert_cmpstr (status_of (fixture->store, in[0]), ==, "scheduled");
  g_clear_pointer (&waitlist, g_strfreev);
  waitlist = _civic_shifts_section_dup_waitlist (fixture->section, shift_id);
  g_assert_cmpuint (g_strv_length (waitlist), ==, 1);

  /* A status change the domain allows, and its undo. */
  WAIT_WRITTEN_AND_LOADED (&fixture->counter,
                           gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.set-status",
                                                       "(ss)", in[1], "confirmed"));
  g_assert_cmpstr (status_of (fixture->store, in[1]), ==, "confirmed");
  WAIT_WRITTEN_AND_LOADED (&fixture->counter,
                           gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.undo-status",
                                                       "(ss)", in[1], "scheduled"));
  g_assert_cmpstr (status_of (fixture->store, in[1]), ==, "scheduled");
}

static gboolean
dialog_gone (gpointer data)
{
  GtkWidget *dialog = *(GtkWidget **) data;

  return dialog == NULL || !gtk_widget_get_visible (dialog);
}

static void
test_overlap_warns (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *shift_id = add_shift (fixture, 3, NULL);
  g_auto(GStrv) booked_in = NULL;
  g_autoptr(JsonObject) booked_signup = NULL;
  const char *volunteer_id;
  CivicVolunteerPicker *picker;
  AdwMessageDialog *dialog;
  g_autoptr(JsonObject) doc = NULL;

  open_section (fixture, FALSE);
  booked_in = _civic_shifts_section_dup_in (fixture->section, fixture->shift_id);
  g_assert_nonnull (booked_in[0]);
  booked_signup = civic_store_get (fixture->store, booked_in[0], NULL);
  volunteer_id = json_object_get_string_member (booked_signup, "volunteer_id");

  picker = open_picker (fixture, shift_id);
  dialog = civic_volunteer_picker_choose (picker, volunteer_id);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "overlapping"));
  /* A warning, not a refusal. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  WAIT_WRITTEN_AND_LOADED (&fixture->counter, adw_message_dialog_response (dialog, "add"));
  /* Answered, the warning goes away (and is not left for the next test). */
  civic_test_wait_for (dialog_gone, &dialog, "the overlap warning to close");
  doc = civic_store_get (fixture->store, fixture->counter.written_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (doc, "volunteer_id"), ==, volunteer_id);
  g_assert_cmpstr (json_object_get_string_member (doc, "shift_id"), ==, shift_id);
  g_assert_cmpstr (_civic_shifts_section_get_filled_text (fixture->section, shift_id), ==, "1/3");
}

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

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(GStrv) in = NULL;
  g_autofree char *before = NULL;
  gboolean done = FALSE;
  GListModel *toplevels = gtk_window_get_toplevels ();

  open_section (fixture, TRUE);
  in = _civic_shifts_section_dup_in (fixture->section, fixture->shift_id);
  before = g_strdup (status_of (fixture->store, in[0]));
  gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.set-status", "(ss)", in[0], "cancelled");
  gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.add-volunteer", "s", fixture->shift_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->section), "shifts.add-shift", NULL);
  g_timeout_add (300, settled_cb, &done);
  civic_test_wait_for (is_true, &done, "a moment");
  g_assert_cmpuint (fixture->counter.writes, ==, 0);
  g_assert_cmpstr (status_of (fixture->store, in[0]), ==, before);
  /* No picker or shift editor opened (windows of earlier tests may still
   * be going away, so look at the kinds, not the count).
   */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      g_assert_false (CIVIC_IS_VOLUNTEER_PICKER (window) && gtk_widget_get_visible (GTK_WIDGET (window)));
      g_assert_false (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/shifts/filled-and-waitlist", Fixture, NULL, fixture_set_up, test_filled_and_waitlist,
              fixture_tear_down);
  g_test_add ("/shifts/capacity-waitlist-promotion-undo", Fixture, NULL, fixture_set_up,
              test_capacity_waitlist_promotion_undo, fixture_tear_down);
  g_test_add ("/shifts/overlap-warns", Fixture, NULL, fixture_set_up, test_overlap_warns, fixture_tear_down);
  g_test_add ("/shifts/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);

  return g_test_run ();
}
