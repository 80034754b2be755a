/* bench-calendar.c — changing month or week on the large organization
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 3's figure: from the action (Page Down) to the frame that shows the
 * new range being ready, p95 ≤ 8 ms.  The clock starts when calendar.next
 * is activated and stops at the frame clock's "after-paint" that follows
 * the page's "loaded" signal.  The store is the `large` sample (20,000
 * events over five years), generated once into $CIVIC_BENCH_DB or a
 * temporary file.
 */

#define G_LOG_DOMAIN "bench-calendar"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "civic-calendar-page.h"
#include "civic-sample.h"

typedef struct {
  gboolean  loaded;
  gboolean  painted;
  gint64    started;
  GArray   *samples;
} Bench;

static void
loaded_cb (CivicCalendarPage *page,
           Bench             *bench)
{
  bench->loaded = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->loaded && !bench->painted)
    {
      double ms = (g_get_monotonic_time () - bench->started) / 1000.0;

      bench->painted = TRUE;
      g_array_append_val (bench->samples, ms);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
run (GtkWindow         *window,
     CivicCalendarPage *page,
     Bench             *bench,
     const char        *mode,
     int                steps)
{
  civic_calendar_page_set_view_mode (page, mode);
  g_array_set_size (bench->samples, 0);

  for (int i = 0; i < steps; i++)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      bench->loaded = bench->painted = FALSE;
      bench->started = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (page), i % 2 ? "calendar.previous" : "calendar.next", NULL);
      gtk_widget_queue_draw (GTK_WIDGET (page));

      while (!bench->painted && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
    }

  g_array_sort (bench->samples, compare_doubles);
  if (bench->samples->len > 0)
    {
      guint n = bench->samples->len;
      printf ("%s: %u changes, p50 %.2f ms, p95 %.2f ms, max %.2f ms (target p95 <= 8 ms)\n", mode, n,
              g_array_index (bench->samples, double, n / 2),
              g_array_index (bench->samples, double, MIN (n - 1, (n * 95) / 100)),
              g_array_index (bench->samples, double, n - 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CivicStore) store = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2025, 1, 1, 0, 0, 0);
  GtkWindow *window;
  CivicCalendarPage *page;
  Bench bench = { 0 };
  gint64 deadline;

  gtk_init ();
  adw_init ();

  if (g_getenv ("CIVIC_BENCH_DB") != NULL)
    path = g_strdup (g_getenv ("CIVIC_BENCH_DB"));
  else
    {
      dir = g_dir_make_tmp ("civic-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "large.db", NULL);
    }

  store = civic_store_open (path, &error);
  g_assert_no_error (error);
  if (civic_store_count (store, "event", NULL) == 0)
    {
      g_assert_true (civic_sample_generate (store, CIVIC_SAMPLE_SCALE_LARGE, 2026, &error));
      g_assert_no_error (error);
    }

  bench.samples = g_array_new (FALSE, FALSE, sizeof (double));
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 800);
  page = g_object_new (CIVIC_TYPE_CALENDAR_PAGE, NULL);
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), &bench);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  civic_calendar_page_set_date (page, start);
  civic_calendar_page_set_store (page, store);

  /* Warm up: the first load reads the index pages from disk. */
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (!bench.loaded && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);

  run (window, page, &bench, "month", 60);
  run (window, page, &bench, "week", 60);

  gtk_window_destroy (window);
  g_array_unref (bench.samples);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }

  return 0;
}
