/* test-search.c — the volunteer search index: Hangul, initial consonants, accents, phone digits, filters
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include "civic-store.h"
#include "civic-text.h"
#include "civic-volunteer-search.h"

static JsonObject *
volunteer (const char *id,
           const char *given,
           const char *family,
           const char *name_ko,
           const char *phone,
           const char *email)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "volunteer");
  if (given != NULL)
    json_object_set_string_member (doc, "given_name", given);
  if (family != NULL)
    json_object_set_string_member (doc, "family_name", family);
  if (name_ko != NULL)
    json_object_set_string_member (doc, "name_ko", name_ko);
  if (phone != NULL)
    json_object_set_string_member (doc, "phone", phone);
  if (email != NULL)
    json_object_set_string_member (doc, "email", email);
  return doc;
}

static void
add (CivicVolunteerSearch *index,
     JsonObject           *doc)
{
  civic_volunteer_search_update (index, doc);
  json_object_unref (doc);
}

static CivicVolunteerSearch *
sample_index (void)
{
  CivicVolunteerSearch *index = civic_volunteer_search_new ();
  JsonObject *doc;
  JsonObject *availability;
  JsonArray *slots;

  doc = volunteer ("volunteer:minsu", "Minsu", "Kim", "김민수", "(213) 555-0101", "minsu.kim@example.org");
  json_object_set_string_member (doc, "office_id", "office:ktown");
  slots = json_array_new ();
  json_array_add_string_element (slots, "ko");
  json_array_add_string_element (slots, "en");
  json_object_set_array_member (doc, "languages", slots);
  availability = json_object_new ();
  slots = json_array_new ();
  json_array_add_string_element (slots, "evening");
  json_object_set_array_member (availability, "weekday", slots);
  json_object_set_object_member (doc, "availability", availability);
  add (index, doc);

  doc = volunteer ("volunteer:minji", "Minji", "Park", "박민지", "213.555.0202", NULL);
  json_object_set_string_member (doc, "age_group", "youth");
  slots = json_array_new ();
  json_array_add_string_element (slots, "Driver");
  json_object_set_array_member (doc, "skills", slots);
  add (index, doc);

  doc = volunteer ("volunteer:jose", "José", "García", NULL, "+1 714 555 0303", "jose@example.org");
  json_object_set_string_member (doc, "office_id", "office:oc");
  json_object_set_boolean_member (doc, "active", FALSE);
  add (index, doc);

  add (index, volunteer ("volunteer:sumin", "Sumin", "Lee", "이수민", NULL, NULL));
  add (index, volunteer ("volunteer:kimberly", "Kimberly", "Johnson", NULL, "310-555-0404", NULL));
  add (index, volunteer ("volunteer:gamsu", NULL, NULL, "감민수", NULL, NULL));
  return index;
}

static void
assert_ids (GStrv        ids,
            const char **expected)
{
  g_assert_cmpstrv (ids, expected);
}

static void
test_hangul (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_auto(GStrv) a = civic_volunteer_search_query (index, "민수", NULL, 0);
  g_auto(GStrv) b = civic_volunteer_search_query (index, "김민", NULL, 0);
  g_auto(GStrv) c = civic_volunteer_search_query (index, "수민", NULL, 0);

  /* Substrings, in name order: 감민수 sorts by its Hangul name after the Latin ones. */
  assert_ids (a, (const char *[]) { "volunteer:minsu", "volunteer:gamsu", NULL });
  assert_ids (b, (const char *[]) { "volunteer:minsu", NULL });
  assert_ids (c, (const char *[]) { "volunteer:sumin", NULL });
}

static void
test_choseong (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_auto(GStrv) a = civic_volunteer_search_query (index, "ㄱㅁㅅ", NULL, 0);
  g_auto(GStrv) b = civic_volunteer_search_query (index, "ㅁㅅ", NULL, 0);
  g_auto(GStrv) c = civic_volunteer_search_query (index, "김ㅁ", NULL, 0);
  g_auto(GStrv) d = civic_volunteer_search_query (index, "ㅂㅁㅈ", NULL, 0);

  /* 김민수 and 감민수 share their initial consonants. */
  assert_ids (a, (const char *[]) { "volunteer:minsu", "volunteer:gamsu", NULL });
  assert_ids (b, (const char *[]) { "volunteer:minsu", "volunteer:gamsu", NULL });
  assert_ids (c, (const char *[]) { "volunteer:minsu", NULL });
  assert_ids (d, (const char *[]) { "volunteer:minji", NULL });
}

static void
test_latin (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_auto(GStrv) a = civic_volunteer_search_query (index, "jose", NULL, 0);
  g_auto(GStrv) b = civic_volunteer_search_query (index, "GARCIA", NULL, 0);
  g_auto(GStrv) c = civic_volunteer_search_query (index, "kim", NULL, 0);
  g_auto(GStrv) d = civic_volunteer_search_query (index, "minsu kim", NULL, 0);
  g_auto(GStrv) e = civic_volunteer_search_query (index, "García José", NULL, 0);
  g_auto(GStrv) f = civic_volunteer_search_query (index, "example.org", NULL, 0);

  assert_ids (a, (const char *[]) { "volunteer:jose", NULL });
  assert_ids (b, (const char *[]) { "volunteer:jose", NULL });
  /* "Kim" (a family name, exact form start) before Kimberly (prefix), by name. */
  assert_ids (c, (const char *[]) { "volunteer:kimberly", "volunteer:minsu", NULL });
  assert_ids (d, (const char *[]) { "volunteer:minsu", NULL });
  assert_ids (e, (const char *[]) { "volunteer:jose", NULL });
  assert_ids (f, (const char *[]) { "volunteer:jose", "volunteer:minsu", NULL });
}

static void
test_ranking (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_autoptr(GArray) hits = NULL;

  add (index, volunteer ("volunteer:min", "Min", NULL, NULL, NULL, NULL));
  add (index, volunteer ("volunteer:jasmine", "Jasmine", "Min", NULL, NULL, NULL));
  hits = civic_volunteer_search_query_hits (index, "min", NULL, 0);
  /* Exact, then prefixes, then word starts, then substrings. */
  g_assert_cmpstr (g_array_index (hits, CivicVolunteerHit, 0).id, ==, "volunteer:min");
  g_assert_cmpint (g_array_index (hits, CivicVolunteerHit, 0).rank, ==, CIVIC_TEXT_MATCH_EXACT);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpint (g_array_index (hits, CivicVolunteerHit, i - 1).rank, >=,
                     g_array_index (hits, CivicVolunteerHit, i).rank);
  g_assert_cmpint (g_array_index (hits, CivicVolunteerHit, hits->len - 1).rank, ==, CIVIC_TEXT_MATCH_SUBSTRING);

  g_clear_pointer (&hits, g_array_unref);
  hits = civic_volunteer_search_query_hits (index, "min", NULL, 2);
  g_assert_cmpuint (hits->len, ==, 2);
}

static void
test_phone (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  const char *queries[] = { "213-555", "(213) 555", "2135550", "213 555 0", "213.555" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(GStrv) ids = civic_volunteer_search_query (index, queries[i], NULL, 0);
      /* By family name, as the store lists: Kim before Park. */
      assert_ids (ids, (const char *[]) { "volunteer:minsu", "volunteer:minji", NULL });
    }
  {
    g_auto(GStrv) ids = civic_volunteer_search_query (index, "5550303", NULL, 0);
    g_auto(GStrv) none = civic_volunteer_search_query (index, "999", NULL, 0);

    assert_ids (ids, (const char *[]) { "volunteer:jose", NULL });
    g_assert_cmpuint (g_strv_length (none), ==, 0);
  }
}

static void
test_filters (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  CivicVolunteerFilter office = { .office_id = "office:ktown" };
  CivicVolunteerFilter language = { .language = "ko" };
  CivicVolunteerFilter skill = { .skill = "driver" };
  CivicVolunteerFilter youth = { .age_group = "youth" };
  CivicVolunteerFilter inactive = { .active = CIVIC_VOLUNTEER_INACTIVE_ONLY };
  CivicVolunteerFilter active = { .active = CIVIC_VOLUNTEER_ACTIVE_ONLY };
  CivicVolunteerFilter evenings = { .availability_time = "evening" };
  CivicVolunteerFilter weekend = { .availability_day = "weekend" };
  g_auto(GStrv) a = civic_volunteer_search_query (index, "", &office, 0);
  g_auto(GStrv) b = civic_volunteer_search_query (index, "", &language, 0);
  g_auto(GStrv) c = civic_volunteer_search_query (index, "", &skill, 0);
  g_auto(GStrv) d = civic_volunteer_search_query (index, "", &youth, 0);
  g_auto(GStrv) e = civic_volunteer_search_query (index, "", &inactive, 0);
  g_auto(GStrv) f = civic_volunteer_search_query (index, "", &active, 0);
  g_auto(GStrv) g = civic_volunteer_search_query (index, "", &evenings, 0);
  g_auto(GStrv) h = civic_volunteer_search_query (index, "", &weekend, 0);
  g_auto(GStrv) i = civic_volunteer_search_query (index, "min", &youth, 0);

  assert_ids (a, (const char *[]) { "volunteer:minsu", NULL });
  assert_ids (b, (const char *[]) { "volunteer:minsu", NULL });
  assert_ids (c, (const char *[]) { "volunteer:minji", NULL });
  assert_ids (d, (const char *[]) { "volunteer:minji", NULL });
  assert_ids (e, (const char *[]) { "volunteer:jose", NULL });
  g_assert_cmpuint (g_strv_length (f), ==, 5);
  assert_ids (g, (const char *[]) { "volunteer:minsu", NULL });
  g_assert_cmpuint (g_strv_length (h), ==, 0);
  assert_ids (i, (const char *[]) { "volunteer:minji", NULL });
}

static void
test_update_remove (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_auto(GStrv) before = civic_volunteer_search_query (index, "jose", NULL, 0);
  g_auto(GStrv) renamed = NULL;
  g_auto(GStrv) old_name = NULL;
  g_auto(GStrv) removed = NULL;

  assert_ids (before, (const char *[]) { "volunteer:jose", NULL });
  add (index, volunteer ("volunteer:jose", "Pepe", "García", NULL, NULL, NULL));
  renamed = civic_volunteer_search_query (index, "pepe", NULL, 0);
  old_name = civic_volunteer_search_query (index, "jose", NULL, 0);
  assert_ids (renamed, (const char *[]) { "volunteer:jose", NULL });
  g_assert_cmpuint (g_strv_length (old_name), ==, 0);
  g_assert_cmpuint (civic_volunteer_search_get_n_volunteers (index), ==, 6);

  civic_volunteer_search_remove (index, "volunteer:jose");
  removed = civic_volunteer_search_query (index, "pepe", NULL, 0);
  g_assert_cmpuint (g_strv_length (removed), ==, 0);
  g_assert_cmpuint (civic_volunteer_search_get_n_volunteers (index), ==, 5);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CivicVolunteerSearch **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = civic_volunteer_search_new_from_store_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (NULL, &error);
  g_autoptr(CivicVolunteerSearch) index = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) gone = NULL;
  const char *changed[] = { "volunteer:a", "event:ignored", NULL };

  g_assert_no_error (error);
  doc = volunteer ("volunteer:a", "Hana", "Cho", "조하나", "2135550505", NULL);
  rev = civic_store_put (store, doc, &error);
  g_assert_no_error (error);

  civic_volunteer_search_new_from_store_async (store, NULL, built_cb, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = civic_volunteer_search_query (index, "ㅈㅎ", NULL, 0);
  assert_ids (found, (const char *[]) { "volunteer:a", NULL });

  /* A deletion reaches the index through apply_changes. */
  rev2 = civic_store_delete (store, "volunteer:a", rev, &error);
  g_assert_no_error (error);
  g_assert_true (civic_volunteer_search_apply_changes (index, store, changed, &error));
  g_assert_no_error (error);
  gone = civic_volunteer_search_query (index, "ㅈㅎ", NULL, 0);
  g_assert_cmpuint (g_strv_length (gone), ==, 0);
}

/* The index lists everyone in the store's own order, so the first page a
 * roster shows (civic_store_list_page ()) is the start of the full list.
 */
static void
test_store_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (NULL, &error);
  g_autoptr(CivicVolunteerSearch) index = civic_volunteer_search_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_auto(GStrv) ids = NULL;
  static const char * const names[][3] = {
    { "Minji", "Park", "박민지" }, { "Minsu", "Kim", "김민수" }, { "zoe", "kim", NULL },
    { "Éric", "Kim", NULL }, { NULL, NULL, "감민수" }, { "Ana", NULL, NULL }, { NULL, "Lee", "이수민" },
    { "Bo", "Kim", NULL }, { "bo", "kim", NULL },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("volunteer:%c", 'z' - i);
      g_autoptr(JsonObject) doc = volunteer (id, names[i][0], names[i][1], names[i][2], NULL, NULL);
      g_autofree char *rev = civic_store_put (store, doc, &error);

      g_assert_no_error (error);
      civic_volunteer_search_update (index, doc);
    }

  listed = civic_store_list (store, "volunteer", &error);
  g_assert_no_error (error);
  ids = civic_volunteer_search_query (index, "", NULL, 0);
  g_assert_cmpuint (g_strv_length (ids), ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (ids[i], ==, json_object_get_string_member (g_ptr_array_index (listed, i), "_id"));

  page = civic_store_list_page (store, "volunteer", 0, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 4);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (ids[i], ==, json_object_get_string_member (g_ptr_array_index (page, i), "_id"));
}

/* ---- Kept answers and narrowing ------------------------------------------ */

static const char * const ko_family[] = { "김", "이", "박", "최", "정", "강", "조", "윤", "안", "한" };
static const char * const ko_given[] = { "민", "수", "지", "영", "현", "준", "서", "연", "다", "혜", "은" };
static const char * const latin_given[] = { "Minsu", "Jiyoung", "Ana", "José", "María", "Joanne", "Joan", "Jo", "Éric", "Andrés" };
static const char * const latin_family[] = { "Kim", "Lee", "Park", "García", "López", "Ahn", "Han", "Nguyen", "Jo", "Kimball" };

/* Volunteers whose names, numbers and addresses overlap a lot, so that
 * typing one of them goes through every rank.
 */
static GPtrArray *
many_volunteers (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("volunteer:%05u", i);
      g_autofree char *ko = g_strconcat (ko_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_family))],
                                         ko_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_given))],
                                         i % 3 ? ko_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (ko_given))] : "", NULL);
      const char *given = latin_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (latin_given))];
      const char *family = latin_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (latin_family))];
      int area = g_rand_int_range (rand, 210, 216), line = g_rand_int_range (rand, 100, 140);
      g_autofree char *phone = i % 4 == 0 ? g_strdup_printf ("(%03d) 555-%04d", area, line)
                               : i % 4 == 1 ? g_strdup_printf ("%03d.555.%04d", area, line)
                               : i % 4 == 2 ? g_strdup_printf ("+1 %03d 555 %04d", area, line)
                               : g_strdup_printf ("%03d555%04d", area, line);
      g_autofree char *email = g_strdup_printf ("%s.%s%u@example.org", given, family, i % 7);
      JsonObject *doc = volunteer (id, i % 11 ? given : NULL, i % 13 ? family : NULL, i % 5 ? ko : NULL,
                                   i % 9 ? phone : NULL, i % 4 ? email : NULL);
      JsonArray *languages = json_array_new ();

      json_object_set_string_member (doc, "office_id", i % 2 ? "office:ktown" : "office:oc");
      json_array_add_string_element (languages, i % 3 ? "ko" : "es");
      json_object_set_array_member (doc, "languages", languages);
      json_object_set_boolean_member (doc, "active", i % 6 != 0);
      g_ptr_array_add (docs, doc);
    }
  return docs;
}

static void
assert_same_hits (GArray     *got,
                  GArray     *want,
                  const char *query)
{
  if (got->len != want->len)
    g_error ("“%s”: %u hits, a full search finds %u", query, got->len, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      CivicVolunteerHit *a = &g_array_index (got, CivicVolunteerHit, i);
      CivicVolunteerHit *b = &g_array_index (want, CivicVolunteerHit, i);

      if (g_strcmp0 (a->id, b->id) != 0 || a->rank != b->rank || a->position != b->position)
        g_error ("“%s”: hit %u is %s (rank %d, at %u), a full search gives %s (rank %d, at %u)",
                 query, i, a->id, a->rank, a->position, b->id, b->rank, b->position);
    }
}

/* Typing a word a character at a time and deleting it again gives, at
 * every keystroke, exactly what a search over everyone gives: the index
 * answers those from its kept answers (a lookup going back, the last
 * answer's volunteers alone going forward).  The reference index is made
 * to forget its answers before each query by updating a volunteer.
 */
static void
test_incremental (void)
{
  g_autoptr(GPtrArray) docs = many_volunteers (1200);
  g_autoptr(CivicVolunteerSearch) typed = civic_volunteer_search_new ();
  g_autoptr(CivicVolunteerSearch) full = civic_volunteer_search_new ();
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  CivicVolunteerFilter filters[4] = { { 0 }, { 0 }, { 0 }, { 0 } };
  guint checked = 0, narrowed_somewhere = 0;

  filters[1].office_id = "office:ktown";
  filters[2].language = "ko";
  filters[3].active = CIVIC_VOLUNTEER_ACTIVE_ONLY;
  for (guint i = 0; i < docs->len; i++)
    {
      civic_volunteer_search_update (typed, g_ptr_array_index (docs, i));
      civic_volunteer_search_update (full, g_ptr_array_index (docs, i));
    }

  for (guint i = 7; i < docs->len; i += 97)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *ko = json_object_get_string_member_with_default (doc, "name_ko", "김민수");
      g_autofree char *initials = civic_text_choseong (ko);
      const char *rest = g_utf8_next_char (ko);
      g_autofree char *rest_initials = civic_text_choseong (rest);

      g_ptr_array_add (words, g_strdup (ko));
      g_ptr_array_add (words, g_steal_pointer (&initials));
      /* A syllable, then initial consonants: "김ㅁㅅ". */
      g_ptr_array_add (words, g_strdup_printf ("%.*s%s", (int) (rest - ko), ko, rest_initials));
      g_ptr_array_add (words, g_strdup_printf ("%s %s", json_object_get_string_member_with_default (doc, "given_name", "Jo"),
                                               json_object_get_string_member_with_default (doc, "family_name", "Ahn")));
      g_ptr_array_add (words, g_strdup (json_object_get_string_member_with_default (doc, "phone", "(213) 555-0117")));
      g_ptr_array_add (words, g_strdup (json_object_get_string_member_with_default (doc, "email", "jo@example.org")));
    }
  /* Digits that become a phone query at the third, a word that ends with
   * spaces, accents added and taken away.
   */
  g_ptr_array_add (words, g_strdup ("(21"));
  g_ptr_array_add (words, g_strdup ("21"));
  g_ptr_array_add (words, g_strdup ("2135"));
  g_ptr_array_add (words, g_strdup ("jo  an"));
  g_ptr_array_add (words, g_strdup ("José Garcí"));
  g_ptr_array_add (words, g_strdup ("joséGARC"));
  g_ptr_array_add (words, g_strdup ("kim 2"));

  for (guint w = 0; w < words->len; w++)
    {
      const char *word = g_ptr_array_index (words, w);
      /* Filter 0 sets nothing: the same as none. */
      const CivicVolunteerFilter *filter = w % 5 == 4 ? &filters[(w / 5) % 4] : w % 7 == 3 ? &filters[0] : NULL;
      glong n = g_utf8_strlen (word, -1);

      for (glong step = 1; step <= 2 * n; step++)
        {
          glong k = step <= n ? step : 2 * n - step;
          g_autofree char *prefix = g_strndup (word, g_utf8_offset_to_pointer (word, k) - word);
          g_autoptr(GArray) got = civic_volunteer_search_query_hits (typed, prefix, filter, 0);
          g_autoptr(GArray) want = NULL;

          /* The same volunteer again: the reference forgets its answers. */
          civic_volunteer_search_update (full, g_ptr_array_index (docs, 0));
          want = civic_volunteer_search_query_hits (full, prefix, filter, 0);
          assert_same_hits (got, want, prefix);
          if (got->len > 0 && got->len < docs->len)
            narrowed_somewhere++;
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 500);
  g_assert_cmpuint (narrowed_somewhere, >, 100);

  /* A limit cuts the kept answer; positions are the empty query's. */
  {
    g_autoptr(GArray) all = civic_volunteer_search_query_hits (typed, "", NULL, 0);
    g_autoptr(GArray) some = civic_volunteer_search_query_hits (typed, "ㄱ", NULL, 0);
    g_autoptr(GArray) three = civic_volunteer_search_query_hits (typed, "ㄱ", NULL, 3);

    g_assert_cmpuint (all->len, ==, docs->len);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpuint (g_array_index (all, CivicVolunteerHit, i).position, ==, i);
    for (guint i = 0; i < some->len; i++)
      g_assert_cmpstr (g_array_index (some, CivicVolunteerHit, i).id, ==,
                       g_array_index (all, CivicVolunteerHit, g_array_index (some, CivicVolunteerHit, i).position).id);
    g_assert_cmpuint (three->len, ==, 3);
    for (guint i = 0; i < three->len; i++)
      g_assert_cmpstr (g_array_index (three, CivicVolunteerHit, i).id, ==, g_array_index (some, CivicVolunteerHit, i).id);
  }
}

/* A change to a volunteer is seen by the next query, even one that would
 * otherwise narrow a kept answer or repeat one.
 */
static void
test_kept_answers_follow_changes (void)
{
  g_autoptr(CivicVolunteerSearch) index = sample_index ();
  g_auto(GStrv) before = civic_volunteer_search_query (index, "min", NULL, 0);
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) narrowed = NULL;
  guint serial = civic_volunteer_search_get_serial (index);
  const char *expected_narrowed[] = { "volunteer:min", NULL };

  g_assert_cmpuint (g_strv_length (before), ==, 3);
  add (index, volunteer ("volunteer:min", "Min", "Oh", NULL, NULL, NULL));
  g_assert_cmpuint (civic_volunteer_search_get_serial (index), !=, serial);
  after = civic_volunteer_search_query (index, "min", NULL, 0);
  g_assert_cmpuint (g_strv_length (after), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) after, "volunteer:min"));
  narrowed = civic_volunteer_search_query (index, "min o", NULL, 0);
  assert_ids (narrowed, expected_narrowed);
  civic_volunteer_search_remove (index, "volunteer:min");
  g_strfreev (narrowed);
  narrowed = civic_volunteer_search_query (index, "min o", NULL, 0);
  g_assert_cmpuint (g_strv_length (narrowed), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster/search/hangul", test_hangul);
  g_test_add_func ("/roster/search/choseong", test_choseong);
  g_test_add_func ("/roster/search/latin", test_latin);
  g_test_add_func ("/roster/search/ranking", test_ranking);
  g_test_add_func ("/roster/search/phone", test_phone);
  g_test_add_func ("/roster/search/filters", test_filters);
  g_test_add_func ("/roster/search/update-remove", test_update_remove);
  g_test_add_func ("/roster/search/from-store", test_from_store);
  g_test_add_func ("/roster/search/store-order", test_store_order);
  g_test_add_func ("/roster/search/incremental", test_incremental);
  g_test_add_func ("/roster/search/kept-answers-follow-changes", test_kept_answers_follow_changes);
  return g_test_run ();
}
