/* bench-search.c — roster search per keystroke over 10,000 volunteers (issue 4: ≤ 5 ms p95)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates 10,000 volunteers with Korean and Latin names from a fixed
 * seed (or, with --large, takes the 10,000 volunteers of the `large`
 * sample organization), writes them to a store, builds the index from it, then
 * times 200 queries of one to three characters: Hangul syllables, initial
 * consonants, Latin letters and phone digits.  Prints p50/p95 of the wall
 * time and of the thread's CPU time, and fails if the CPU time's p95 is
 * over 5 ms: on a loaded machine (a CI runner, a laptop compiling) the
 * wall time measures preemption more than the search.
 */

#define G_LOG_DOMAIN "bench-search"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "civic-bench.h"
#include "civic-sample.h"
#include "civic-store.h"
#include "civic-text.h"
#include "civic-volunteer-search.h"

#define N_VOLUNTEERS 10000
#define N_QUERIES 200

static const char * const ko_family[] = { "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍" };
static const char * const ko_given[] = { "민", "수", "지", "영", "현", "준", "서", "연", "하", "은", "우", "진", "혜", "성", "호", "경", "아", "윤", "재", "희" };
static const char * const latin_given[] = { "Minsu", "Jiyoung", "Ana", "José", "María", "David", "Grace", "Daniel", "Sarah", "Chris", "Esther", "Joon", "Sophia", "Luis", "Hannah", "Kevin", "Mónica", "Paul", "Eun", "Andrés" };
static const char * const latin_family[] = { "Kim", "Lee", "Park", "Choi", "García", "López", "Nguyen", "Smith", "Jung", "Kang", "Hernández", "Cho", "Yoon", "Martínez", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang" };
static const char * const choseong[] = { "ㄱ", "ㄴ", "ㄷ", "ㄹ", "ㅁ", "ㅂ", "ㅅ", "ㅇ", "ㅈ", "ㅊ", "ㅎ" };

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("civic-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(CivicStore) store = civic_store_open (path, &error);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(CivicVolunteerSearch) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  double times[N_QUERIES];
  double cpu_times[N_QUERIES];
  double cpu_p50, cpu_p95;
  gint64 t0;
  guint total_hits = 0;
  double p50, p95;

  g_assert_no_error (error);

  if (argc > 1 && g_str_equal (argv[1], "--large"))
    {
      g_autoptr(GPtrArray) all = civic_sample_build (CIVIC_SAMPLE_SCALE_LARGE, CIVIC_SAMPLE_DEFAULT_SEED);

      for (guint i = 0; i < all->len; i++)
        {
          JsonObject *doc = g_ptr_array_index (all, i);

          if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "volunteer") == 0)
            g_ptr_array_add (docs, json_object_ref (doc));
        }
      printf ("# the large sample organization: %u volunteers\n", docs->len);
    }

  for (guint i = 0; docs->len < N_VOLUNTEERS; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("volunteer:bench%05u", i);
      g_autofree char *name_ko = NULL;
      g_autofree char *phone = g_strdup_printf ("(%03d) 555-%04u", 200 + g_rand_int_range (rand, 0, 800), i);
      const char *given = latin_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (latin_given))];
      const char *family = latin_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (latin_family))];
      g_autofree char *email = g_strdup_printf ("%s.%s%u@example.org", given, family, i);

      name_ko = g_strconcat (ko_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_family))],
                             ko_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_given))],
                             ko_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_given))], NULL);
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "volunteer");
      json_object_set_string_member (doc, "given_name", given);
      json_object_set_string_member (doc, "family_name", family);
      /* Two in three are Korean Americans with a Hangul name too. */
      if (i % 3 != 0)
        json_object_set_string_member (doc, "name_ko", name_ko);
      json_object_set_string_member (doc, "phone", phone);
      json_object_set_string_member (doc, "email", email);
      g_ptr_array_add (docs, doc);
    }

  t0 = g_get_monotonic_time ();
  if (!civic_store_put_many (store, docs, NULL, &error))
    g_error ("%s", error->message);
  printf ("# wrote %u volunteers in %.1f ms\n", docs->len, (g_get_monotonic_time () - t0) / 1000.0);

  t0 = g_get_monotonic_time ();
  index = civic_volunteer_search_new_from_store (store, &error);
  g_assert_no_error (error);
  {
    /* The first query sorts the index; that belongs to building it. */
    g_autoptr(GArray) warm = civic_volunteer_search_query_hits (index, "", NULL, 1);
  }
  printf ("# built the index in %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  for (guint i = 0; i < N_QUERIES; i++)
    {
      guint len = 1 + i % 3;
      GString *q = g_string_new (NULL);

      switch (i % 4)
        {
        case 0:  /* Hangul syllables: a family name, then given syllables */
          g_string_append (q, ko_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_family))]);
          for (guint j = 1; j < len; j++)
            g_string_append (q, ko_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_given))]);
          break;
        case 1:  /* initial consonants */
          for (guint j = 0; j < len; j++)
            g_string_append (q, choseong[g_rand_int_range (rand, 0, G_N_ELEMENTS (choseong))]);
          break;
        case 2:  /* Latin letters */
          for (guint j = 0; j < len; j++)
            g_string_append_c (q, (char) ('a' + g_rand_int_range (rand, 0, 26)));
          break;
        default:  /* phone digits: three, four or five */
          for (guint j = 0; j < len + 2; j++)
            g_string_append_c (q, (char) ('0' + g_rand_int_range (rand, 0, 10)));
          break;
        }
      g_ptr_array_add (queries, g_string_free (q, FALSE));
    }

  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GArray) hits = NULL;
      struct timespec c0, c1;

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
      t0 = g_get_monotonic_time ();
      hits = civic_volunteer_search_query_hits (index, g_ptr_array_index (queries, i), NULL, 0);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
      cpu_times[i] = (c1.tv_sec - c0.tv_sec) * 1000.0 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
      total_hits += hits->len;
      if (g_getenv ("CIVIC_BENCH_VERBOSE") != NULL)
        printf ("# %-8s %6u hits %.3f ms\n", (const char *) g_ptr_array_index (queries, i), hits->len, times[i]);
    }

  /* Words typed a character at a time and deleted again, as in the
   * roster's search field: the index narrows and looks up its kept
   * answers.  Reported, not judged (the random queries above are).
   */
  {
    g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
    static const guint picks[] = { 123, 2345, 5678, 8901 };

    for (guint w = 0; w < G_N_ELEMENTS (picks) * 3; w++)
      {
        JsonObject *doc = g_ptr_array_index (docs, picks[w / 3] % docs->len);
        g_autofree char *latin = g_strdup_printf ("%s %s", json_object_get_string_member_with_default (doc, "given_name", ""),
                                                  json_object_get_string_member_with_default (doc, "family_name", ""));
        const char *word = w % 3 == 0 ? json_object_get_string_member_with_default (doc, "name_ko", "김민수")
                           : w % 3 == 1 ? json_object_get_string_member_with_default (doc, "phone", "(213) 555-0101")
                           : latin;
        glong n = g_utf8_strlen (word, -1);

        for (glong step = 1; step <= 2 * n; step++)
          {
            glong k = step <= n ? step : 2 * n - step;
            g_autofree char *prefix = g_strndup (word, g_utf8_offset_to_pointer (word, k) - word);
            g_autoptr(GArray) hits = NULL;
            double ms;

            t0 = g_get_monotonic_time ();
            hits = civic_volunteer_search_query_hits (index, prefix, NULL, 0);
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            g_array_append_val (typed, ms);
            if (g_getenv ("CIVIC_BENCH_VERBOSE") != NULL)
              printf ("# typed %-16s %6u hits %.3f ms\n", prefix, hits->len, ms);
          }
      }
    g_array_sort (typed, civic_bench_compare_doubles);
    printf ("# %u keystrokes typing and deleting words: wall p50 %.3f ms, p95 %.3f ms, max %.3f ms\n", typed->len,
            g_array_index (typed, double, typed->len / 2), g_array_index (typed, double, typed->len * 95 / 100),
            g_array_index (typed, double, typed->len - 1));
  }

  qsort (times, N_QUERIES, sizeof (double), civic_bench_compare_doubles);
  p50 = times[N_QUERIES / 2];
  p95 = times[(N_QUERIES * 95) / 100];
  qsort (cpu_times, N_QUERIES, sizeof (double), civic_bench_compare_doubles);
  cpu_p50 = cpu_times[N_QUERIES / 2];
  cpu_p95 = cpu_times[(N_QUERIES * 95) / 100];
  printf ("# %u queries over %u volunteers (%u hits): wall p50 %.3f ms, p95 %.3f ms, max %.3f ms; "
          "CPU p50 %.3f ms, p95 %.3f ms, max %.3f ms\n",
          N_QUERIES, docs->len, total_hits, p50, p95, times[N_QUERIES - 1],
          cpu_p50, cpu_p95, cpu_times[N_QUERIES - 1]);

  if (cpu_p95 > 5.0)
    {
      fprintf (stderr, "p95 %.3f ms of CPU time is over the 5 ms budget\n", cpu_p95);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
