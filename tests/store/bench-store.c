/* bench-store.c — how fast CivicStore takes a large batch of new documents
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes N (default 200000) signup-like documents in one put_many into a
 * file store and prints documents per second; then lists one shift's
 * signups and counts, so the index paths are exercised at that size.
 */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "civic-store.h"

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("civic-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CivicStore) store = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_full (n, (GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  gint64 start, built, written;
  clock_t cpu_built, cpu_written;

  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  /* "memory" as the second argument measures without the file system. */
  store = civic_store_open (argc > 2 && g_str_equal (argv[2], "memory") ? NULL : path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      JsonObject *doc = json_object_new ();
      g_autofree char *seed = g_strdup_printf ("%u", i);
      /* Ids are "TYPE:<uuid>" in real data: random, not ascending. */
      g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
      g_autofree char *id = g_strdup_printf ("signup:%.8s-%.4s-%.4s-%.4s-%.12s",
                                             hex, hex + 8, hex + 12, hex + 16, hex + 20);
      g_autofree char *shift = g_strdup_printf ("shift:%05u", i % 20000);
      g_autofree char *volunteer = g_strdup_printf ("volunteer:%05u", (i * 7919) % 10000);
      g_autofree char *when = g_strdup_printf ("2026-%02u-%02uT%02u:%02u:00Z",
                                               1 + i % 12, 1 + i % 28, i % 24, i % 60);

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "signup");
      json_object_set_string_member (doc, "shift_id", shift);
      json_object_set_string_member (doc, "volunteer_id", volunteer);
      json_object_set_string_member (doc, "status", i % 5 == 0 ? "confirmed" : "scheduled");
      json_object_set_string_member (doc, "signed_up_at", when);
      json_object_set_string_member (doc, "source", "office");
      json_object_set_string_member (doc, "created_at", when);
      json_object_set_string_member (doc, "updated_at", when);
      json_object_set_string_member (doc, "updated_by", "organizer");
      g_ptr_array_add (docs, doc);
    }
  built = g_get_monotonic_time ();
  cpu_built = clock ();

  if (!civic_store_put_many (store, docs, NULL, &error))
    g_error ("put_many: %s", error->message);
  written = g_get_monotonic_time ();
  cpu_written = clock ();

  listed = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:00042", &error);
  g_assert_no_error (error);

  g_print ("built %u documents in %.2f s; put_many wrote them in %.2f s: %.0f documents/s "
           "(%.2f s of CPU: %.0f documents per CPU second)\n",
           n, (built - start) / 1e6, (written - built) / 1e6, n / ((written - built) / 1e6),
           (double) (cpu_written - cpu_built) / CLOCKS_PER_SEC,
           n / ((double) (cpu_written - cpu_built) / CLOCKS_PER_SEC));
  g_print ("list_by_ref found %u signups of one shift in %.1f ms; count %u\n",
           listed->len, (g_get_monotonic_time () - written) / 1e3,
           civic_store_count (store, "signup", &error));

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
