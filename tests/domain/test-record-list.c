/* test-record-list.c — the live list model: background loads and incremental updates
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-record-list"

#include "config.h"

#include <string.h>

#include "civic-record-list.h"
#include "civic-event.h"
#include "civic-shift.h"
#include "civic-volunteer.h"

typedef struct
{
  CivicStore *store;
  guint       items_changed;
  guint       loaded;
  guint       last_position, last_removed, last_added;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the list");
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@counter moves past @before. */
static void
wait_for_count (guint *counter,
                guint  before)
{
  guint timeout = g_timeout_add_seconds (10, timeout_cb, NULL);

  while (*counter == before)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* Lets pending idles and thread results run, so that a test can check that
 * nothing (more) happens.
 */
static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->items_changed++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
}

static void
loaded_cb (CivicRecordList *list,
           Fixture         *fixture)
{
  fixture->loaded++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = civic_store_open (NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  settle ();
  g_assert_finalize_object (fixture->store);
}

static CivicEvent *
save_event (CivicStore *store,
            const char *title,
            const char *starts_at,
            const char *ends_at)
{
  CivicEvent *event = civic_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  civic_event_set_title (event, title);
  civic_event_set_starts_at (event, starts_at);
  civic_event_set_ends_at (event, ends_at);
  rev = civic_record_save (CIVIC_RECORD (event), store, "tester", &error);
  g_assert_no_error (error);
  return event;
}

static CivicRecordList *
new_list (Fixture    *fixture,
          const char *type)
{
  CivicRecordList *list = civic_record_list_new (fixture->store, type);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (list, "loaded", G_CALLBACK (loaded_cb), fixture);
  return list;
}

static void
wait_loaded (Fixture         *fixture,
             CivicRecordList *list)
{
  if (civic_record_list_get_loading (list))
    wait_for_count (&fixture->loaded, fixture->loaded);
  g_assert_false (civic_record_list_get_loading (list));
  g_assert_null (civic_record_list_get_error (list));
}

/* The titles in list order, joined by "|". */
static char *
titles (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicEvent) event = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, civic_event_get_title (event));
    }
  return g_string_free (out, FALSE);
}

/* The ids in list order, joined by "|". */
static char *
ids (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CivicRecord) record = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, civic_record_get_id (record));
    }
  return g_string_free (out, FALSE);
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CivicEvent) b = save_event (fixture->store, "B", "2026-09-10T01:00:00Z", "2026-09-10T02:00:00Z");
  g_autoptr(CivicEvent) a = save_event (fixture->store, "A", "2026-09-09T01:00:00Z", "2026-09-09T02:00:00Z");
  g_autoptr(CivicEvent) c = save_event (fixture->store, "C", "2026-09-11T01:00:00Z", "2026-09-11T02:00:00Z");
  g_autoptr(CivicRecordList) list = NULL;
  g_autofree char *text = NULL;

  settle ();
  list = new_list (fixture, "event");
  /* Loading happens in the background: nothing is there yet. */
  g_assert_true (civic_record_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CIVIC_TYPE_EVENT);

  wait_loaded (fixture, list);
  g_assert_cmpuint (fixture->loaded, ==, 1);
  /* One emission for the whole load. */
  g_assert_cmpuint (fixture->items_changed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 3);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "A|B|C");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 3));
}

static gboolean
put_three (CivicStore  *store,
           gpointer     user_data,
           GError     **error)
{
  const char * const *starts = user_data;

  for (guint i = 0; starts[i] != NULL; i++)
    {
      g_autoptr(CivicEvent) event = civic_event_new ();
      g_autofree char *title = g_strdup_printf ("N%u", i);
      g_autofree char *rev = NULL;

      civic_event_set_title (event, title);
      civic_event_set_starts_at (event, starts[i]);
      rev = civic_record_save (CIVIC_RECORD (event), store, "tester", error);
      if (rev == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
test_updates (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CivicEvent) a = save_event (fixture->store, "A", "2026-09-09T01:00:00Z", "2026-09-09T02:00:00Z");
  g_autoptr(CivicEvent) b = save_event (fixture->store, "B", "2026-09-10T01:00:00Z", "2026-09-10T02:00:00Z");
  g_autoptr(CivicEvent) c = save_event (fixture->store, "C", "2026-09-11T01:00:00Z", "2026-09-11T02:00:00Z");
  g_autoptr(CivicEvent) d = save_event (fixture->store, "D", "2026-09-12T01:00:00Z", "2026-09-12T02:00:00Z");
  g_autoptr(CivicRecordList) list = NULL;
  g_autoptr(CivicRecord) before = NULL;
  g_autoptr(CivicRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  const char * const starts[] = { "2026-09-09T12:00:00Z", "2026-09-01T00:00:00Z", "2026-09-30T00:00:00Z", NULL };
  char *text;
  guint count, position;

  settle ();
  list = new_list (fixture, "event");
  wait_loaded (fixture, list);

  /* A new event lands in its place, with one emission. */
  count = fixture->items_changed;
  {
    g_autoptr(CivicEvent) bb = save_event (fixture->store, "BB", "2026-09-10T12:00:00Z", NULL);

    wait_for_count (&fixture->items_changed, count);
    g_assert_cmpuint (fixture->last_position, ==, 2);
    g_assert_cmpuint (fixture->last_removed, ==, 0);
    g_assert_cmpuint (fixture->last_added, ==, 1);
    text = titles (G_LIST_MODEL (list));
    g_assert_cmpstr (text, ==, "A|B|BB|C|D");
    g_free (text);
  }

  /* An edit replaces the row in place (a new object for the view). */
  before = g_list_model_get_item (G_LIST_MODEL (list), 3);
  count = fixture->items_changed;
  civic_event_set_title (c, "C2");
  rev = civic_record_save (CIVIC_RECORD (c), fixture->store, "tester", &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_cmpuint (fixture->last_position, ==, 3);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 1);
  after = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (before != after);
  g_assert_cmpstr (civic_event_get_title (CIVIC_EVENT (after)), ==, "C2");
  g_assert_cmpstr (civic_record_get_rev (after), ==, rev);

  /* Moving an event moves its row. */
  count = fixture->items_changed;
  civic_event_set_starts_at (a, "2026-09-20T00:00:00Z");
  civic_event_set_ends_at (a, NULL);
  g_clear_pointer (&rev, g_free);
  rev = civic_record_save (CIVIC_RECORD (a), fixture->store, "tester", &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_cmpuint (fixture->items_changed, ==, count + 1);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "B|BB|C2|D|A");
  g_free (text);

  /* A deletion removes the row. */
  count = fixture->items_changed;
  g_clear_pointer (&rev, g_free);
  rev = civic_store_delete (fixture->store, civic_record_get_id (CIVIC_RECORD (d)),
                            civic_record_get_rev (CIVIC_RECORD (d)), &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_cmpuint (fixture->last_position, ==, 3);
  g_assert_cmpuint (fixture->last_removed, ==, 1);
  g_assert_cmpuint (fixture->last_added, ==, 0);
  g_assert_false (civic_record_list_find (list, civic_record_get_id (CIVIC_RECORD (d)), NULL));
  g_assert_true (civic_record_list_find (list, civic_record_get_id (CIVIC_RECORD (b)), &position));
  g_assert_cmpuint (position, ==, 0);

  /* Three events in one transaction: one emission spanning them. */
  count = fixture->items_changed;
  g_assert_true (civic_store_transaction (fixture->store, put_three, (gpointer) starts, &error));
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  settle ();
  g_assert_cmpuint (fixture->items_changed, ==, count + 1);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 4);
  g_assert_cmpuint (fixture->last_added, ==, 7);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "N1|N0|B|BB|C2|A|N2");
  g_free (text);

  /* Other types do not touch the list. */
  count = fixture->items_changed;
  {
    g_autoptr(CivicVolunteer) volunteer = civic_volunteer_new ();
    g_autofree char *vrev = NULL;

    civic_volunteer_set_given_name (volunteer, "Minsu");
    vrev = civic_record_save (CIVIC_RECORD (volunteer), fixture->store, "tester", &error);
    g_assert_no_error (error);
  }
  settle ();
  g_assert_cmpuint (fixture->items_changed, ==, count);

  /* After all that, the list is what a fresh load gives. */
  {
    g_autoptr(CivicRecordList) fresh = civic_record_list_new (fixture->store, "event");
    g_autofree char *mine = ids (G_LIST_MODEL (list));
    g_autofree char *theirs = NULL;
    guint loaded = fixture->loaded;

    g_signal_connect (fresh, "loaded", G_CALLBACK (loaded_cb), fixture);
    wait_for_count (&fixture->loaded, loaded);
    theirs = ids (G_LIST_MODEL (fresh));
    g_assert_cmpstr (mine, ==, theirs);
  }
}

static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CivicEvent) aug = save_event (fixture->store, "Aug", "2026-08-20T01:00:00Z", "2026-08-20T02:00:00Z");
  g_autoptr(CivicEvent) sep = save_event (fixture->store, "Sep", "2026-09-10T01:00:00Z", "2026-09-10T02:00:00Z");
  g_autoptr(CivicEvent) span = save_event (fixture->store, "Span", "2026-08-31T20:00:00Z", "2026-09-01T04:00:00Z");
  g_autoptr(CivicEvent) oct = save_event (fixture->store, "Oct", "2026-10-02T01:00:00Z", "2026-10-02T02:00:00Z");
  g_autoptr(CivicRecordList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  char *text;
  guint count;

  settle ();
  list = new_list (fixture, "event");
  civic_record_list_set_range (list, "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z");
  wait_loaded (fixture, list);
  /* set_range right after new() made one load, not two. */
  settle ();
  g_assert_cmpuint (fixture->loaded, ==, 1);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "Span|Sep");
  g_free (text);

  /* An event moved into the range appears; one moved out disappears. */
  count = fixture->items_changed;
  civic_event_set_starts_at (oct, "2026-09-30T01:00:00Z");
  civic_event_set_ends_at (oct, "2026-09-30T02:00:00Z");
  rev = civic_record_save (CIVIC_RECORD (oct), fixture->store, "tester", &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "Span|Sep|Oct");
  g_free (text);

  count = fixture->items_changed;
  civic_event_set_starts_at (sep, "2026-11-10T01:00:00Z");
  civic_event_set_ends_at (sep, "2026-11-10T02:00:00Z");
  g_clear_pointer (&rev, g_free);
  rev = civic_record_save (CIVIC_RECORD (sep), fixture->store, "tester", &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "Span|Oct");
  g_free (text);

  /* An edit outside the range changes nothing. */
  count = fixture->items_changed;
  civic_event_set_title (aug, "August");
  g_clear_pointer (&rev, g_free);
  rev = civic_record_save (CIVIC_RECORD (aug), fixture->store, "tester", &error);
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (fixture->items_changed, ==, count);

  /* Clearing the range shows everything, in the store's order. */
  civic_record_list_set_range (list, NULL, NULL);
  g_assert_true (civic_record_list_get_loading (list));
  wait_loaded (fixture, list);
  text = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (text, ==, "August|Span|Oct|Sep");
  g_free (text);
}

static void
test_ref (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CivicRecordList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicShift) other = civic_shift_new ();
  g_autofree char *rev = NULL;
  guint count;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CivicShift) shift = civic_shift_new ();
      g_autofree char *start = g_strdup_printf ("2026-09-08T0%u:00:00Z", i + 1);
      g_autofree char *end = g_strdup_printf ("2026-09-08T0%u:00:00Z", i + 2);
      g_autofree char *srev = NULL;

      civic_shift_set_event_id (shift, "event:bank");
      civic_shift_set_role (shift, "phone_banker");
      civic_shift_set_starts_at (shift, start);
      civic_shift_set_ends_at (shift, end);
      srev = civic_record_save (CIVIC_RECORD (shift), fixture->store, "tester", &error);
      g_assert_no_error (error);
    }
  civic_shift_set_event_id (other, "event:other");
  civic_shift_set_role (other, "driver");
  civic_shift_set_starts_at (other, "2026-09-08T00:00:00Z");
  civic_shift_set_ends_at (other, "2026-09-08T01:00:00Z");
  rev = civic_record_save (CIVIC_RECORD (other), fixture->store, "tester", &error);
  g_assert_no_error (error);

  settle ();
  list = new_list (fixture, "shift");
  civic_record_list_set_ref (list, CIVIC_STORE_REF_1, "event:bank");
  wait_loaded (fixture, list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_false (civic_record_list_find (list, civic_record_get_id (CIVIC_RECORD (other)), NULL));

  /* The other event's shift moves to this event: it joins, first. */
  count = fixture->items_changed;
  civic_shift_set_event_id (other, "event:bank");
  g_clear_pointer (&rev, g_free);
  rev = civic_record_save (CIVIC_RECORD (other), fixture->store, "tester", &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (fixture->last_position, ==, 0);
}

static void
test_changes_while_loading (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CivicRecordList) list = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("E%02u", i);
      g_autofree char *start = g_strdup_printf ("2026-09-%02uT01:00:00Z", i % 28 + 1);

      g_ptr_array_add (events, save_event (fixture->store, title, start, NULL));
    }

  /* Writes racing with the first load: the list must still converge. */
  list = new_list (fixture, "event");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("late %u", i);

      g_ptr_array_add (events, save_event (fixture->store, title, "2026-09-15T00:00:00Z", NULL));
      g_main_context_iteration (NULL, FALSE);
    }
  wait_loaded (fixture, list);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);

  {
    g_autoptr(CivicRecordList) fresh = civic_record_list_new (fixture->store, "event");
    g_autofree char *mine = NULL;
    g_autofree char *theirs = NULL;
    guint loaded = fixture->loaded;

    g_signal_connect (fresh, "loaded", G_CALLBACK (loaded_cb), fixture);
    wait_for_count (&fixture->loaded, loaded);
    mine = ids (G_LIST_MODEL (list));
    theirs = ids (G_LIST_MODEL (fresh));
    g_assert_cmpstr (mine, ==, theirs);
  }
}

static void
test_unprefixed_ids (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CivicEvent) a = save_event (fixture->store, "A", "2026-09-09T01:00:00Z", NULL);
  g_autoptr(CivicRecordList) list = NULL;
  g_autoptr(JsonObject) legacy = json_object_new ();
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *rev3 = NULL;
  guint count, position;

  settle ();
  list = new_list (fixture, "event");
  wait_loaded (fixture, list);

  /* A document another program replicated with a bare id still shows. */
  count = fixture->items_changed;
  json_object_set_string_member (legacy, "_id", "legacy-1");
  json_object_set_string_member (legacy, "type", "event");
  json_object_set_string_member (legacy, "title", "Legacy");
  json_object_set_string_member (legacy, "kind", "rally");
  json_object_set_string_member (legacy, "status", "confirmed");
  json_object_set_string_member (legacy, "starts_at", "2026-09-01T00:00:00Z");
  rev = civic_store_put (fixture->store, legacy, &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_true (civic_record_list_find (list, "legacy-1", &position));
  g_assert_cmpuint (position, ==, 0);

  /* A bare-id document of another type does not. */
  count = fixture->items_changed;
  json_object_set_string_member (person, "_id", "legacy-2");
  json_object_set_string_member (person, "type", "volunteer");
  json_object_set_string_member (person, "given_name", "Ana");
  rev2 = civic_store_put (fixture->store, person, &error);
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (fixture->items_changed, ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Its deletion removes it. */
  rev3 = civic_store_delete (fixture->store, "legacy-1", rev, &error);
  g_assert_no_error (error);
  wait_for_count (&fixture->items_changed, count);
  g_assert_false (civic_record_list_find (list, "legacy-1", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/domain/record-list/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/domain/record-list/updates", Fixture, NULL, fixture_setup, test_updates, fixture_teardown);
  g_test_add ("/domain/record-list/range", Fixture, NULL, fixture_setup, test_range, fixture_teardown);
  g_test_add ("/domain/record-list/ref", Fixture, NULL, fixture_setup, test_ref, fixture_teardown);
  g_test_add ("/domain/record-list/unprefixed-ids", Fixture, NULL, fixture_setup, test_unprefixed_ids,
              fixture_teardown);
  g_test_add ("/domain/record-list/changes-while-loading", Fixture, NULL, fixture_setup,
              test_changes_while_loading, fixture_teardown);

  return g_test_run ();
}
