/* bench-volunteers.c — the roster over the large sample: first rows, full load, search per keystroke
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 4's figures: opening the roster shows its first rows within 50 ms,
 * and a keystroke in the search (Hangul, initial consonants, Latin, phone
 * digits) answers within 5 ms at the 95th percentile over 10,000
 * volunteers.  Both the index's answer alone and the answer with the
 * list replaced (GtkColumnView rebuilding its visible rows) are reported.
 * The store is $CIVIC_BENCH_DB when set (a file made with
 * `civic-desk-cli demo --scale large`), else the large sample generated
 * into a temporary folder first (about a minute).
 */

#define G_LOG_DOMAIN "bench-volunteers"

#include "config.h"

#include <glib/gstdio.h>

#include "civic-sample.h"
#include "civic-volunteers-page.h"
#include "civic-volunteers-page-private.h"

static gboolean loaded;

static void
loaded_cb (CivicVolunteersPage *page,
           gpointer             user_data)
{
  loaded = TRUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("CIVIC_BENCH_DB");
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) index_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char * const words[] = { "kim min", "김민수", "ㄱㅁㅅ", "2135550", "park", "이서연", "ㅇㅅㅇ", "garcia" };
  GtkWindow *window;
  CivicVolunteersPage *page;
  gint64 started, first_rows = -1, full = -1;
  GListModel *model;

  gtk_init ();
  adw_init ();

  if (path == NULL)
    {
      dir = g_dir_make_tmp ("civic-bench-volunteers-XXXXXX", &error);
      g_assert_no_error (error);
      tmp_path = g_build_filename (dir, "large.db", NULL);
      store = civic_store_open (tmp_path, &error);
      g_assert_no_error (error);
      g_assert_true (civic_sample_generate (store, CIVIC_SAMPLE_SCALE_LARGE, 2026, &error));
      g_assert_no_error (error);
    }
  else
    {
      store = civic_store_open (path, &error);
      g_assert_no_error (error);
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = g_object_new (CIVIC_TYPE_VOLUNTEERS_PAGE, NULL);
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  model = _civic_volunteers_page_get_model (page);
  started = g_get_monotonic_time ();
  civic_volunteers_page_set_store (page, store);
  while (!loaded)
    {
      g_main_context_iteration (NULL, TRUE);
      if (first_rows < 0 && g_list_model_get_n_items (model) > 0)
        first_rows = g_get_monotonic_time () - started;
    }
  full = g_get_monotonic_time () - started;

  printf ("volunteers: %u\n", g_list_model_get_n_items (model));
  printf ("first rows shown: %.1f ms\n", first_rows / 1000.0);
  printf ("roster and search index loaded: %.1f ms\n", full / 1000.0);

  /* Each word typed one character at a time, as a person would. */
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong n = g_utf8_strlen (words[w], -1);

      for (glong k = 1; k <= n; k++)
        {
          g_autofree char *prefix = g_strndup (words[w], g_utf8_offset_to_pointer (words[w], k) - words[w]);
          gint64 before = g_get_monotonic_time ();
          g_autoptr(GArray) hits = civic_volunteer_search_query_hits (_civic_volunteers_page_get_index (page),
                                                                      prefix, NULL, 0);
          gint64 index_took = g_get_monotonic_time () - before;
          gint64 took = _civic_volunteers_page_search_now (page, prefix);

          g_array_append_val (index_times, index_took);
          g_array_append_val (times, took);
        }
      _civic_volunteers_page_search_now (page, "");
    }
  g_array_sort (index_times, compare_int64);
  printf ("index query per keystroke (%u keystrokes): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", index_times->len,
          g_array_index (index_times, gint64, index_times->len / 2) / 1000.0,
          g_array_index (index_times, gint64, (index_times->len * 95) / 100) / 1000.0,
          g_array_index (index_times, gint64, index_times->len - 1) / 1000.0);
  g_array_sort (times, compare_int64);
  printf ("search and list update per keystroke (%u keystrokes): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", times->len,
          g_array_index (times, gint64, times->len / 2) / 1000.0,
          g_array_index (times, gint64, (times->len * 95) / 100) / 1000.0,
          g_array_index (times, gint64, times->len - 1) / 1000.0);

  gtk_window_destroy (window);
  g_clear_object (&store);
  if (tmp_path != NULL)
    {
      g_autofree char *wal = g_strconcat (tmp_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (tmp_path, "-shm", NULL);

      g_unlink (tmp_path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
