/* test-text.c — folding, initial consonants, phone digits and ranked matching
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include "civic-text.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *out = civic_text_fold (in);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("  José  Ñúñez ", "jose nunez");
  assert_fold ("ÇELİK", "celik");
  assert_fold ("Straße", "strasse");
  assert_fold ("김민수", "김민수");
  assert_fold ("ㄱㅁㅅ", "ㄱㅁㅅ");
  assert_fold ("Ｋｉｍ", "kim");  /* fullwidth */
  assert_fold ("a\tb\nc", "a b c");
  assert_fold (NULL, "");
}

static void
test_choseong (void)
{
  g_autofree char *a = civic_text_choseong ("김민수 Kim");
  g_autofree char *b = civic_text_choseong ("빵꾸똥");
  g_autofree char *d = civic_text_digits ("(213) 555-0101");
  g_autofree char *e = civic_text_digits ("+82 10-１２３４");

  g_assert_cmpstr (a, ==, "ㄱㅁㅅ Kim");
  g_assert_cmpstr (b, ==, "ㅃㄲㄸ");
  g_assert_cmpstr (d, ==, "2135550101");
  g_assert_cmpstr (e, ==, "82101234");

  g_assert_true (civic_text_is_choseong_query ("ㄱㅁㅅ"));
  g_assert_true (civic_text_is_choseong_query ("ㄱ ㅁ"));
  g_assert_false (civic_text_is_choseong_query ("김ㅁ"));
  g_assert_false (civic_text_is_choseong_query ("ㅏ"));  /* a vowel */
  g_assert_false (civic_text_is_choseong_query (""));
  g_assert_false (civic_text_is_choseong_query ("kim"));
}

static void
test_match (void)
{
  /* Hangul syllables. */
  g_assert_cmpint (civic_text_match ("민수", "김민수"), ==, CIVIC_TEXT_MATCH_SUBSTRING);
  g_assert_cmpint (civic_text_match ("김민", "김민수"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("김민수", "김민수"), ==, CIVIC_TEXT_MATCH_EXACT);
  g_assert_cmpint (civic_text_match ("박", "김민수"), ==, CIVIC_TEXT_MATCH_NONE);

  /* Initial consonants, alone and mixed with syllables. */
  g_assert_cmpint (civic_text_match ("ㄱㅁㅅ", "김민수"), ==, CIVIC_TEXT_MATCH_EXACT);
  g_assert_cmpint (civic_text_match ("ㅁㅅ", "김민수"), ==, CIVIC_TEXT_MATCH_SUBSTRING);
  g_assert_cmpint (civic_text_match ("ㄱㅁ", "김민수"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("ㄱㅂ", "김민수"), ==, CIVIC_TEXT_MATCH_NONE);
  g_assert_cmpint (civic_text_match ("김ㅁ", "김민수"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("김ㅁㅅ", "김민수"), ==, CIVIC_TEXT_MATCH_EXACT);
  g_assert_cmpint (civic_text_match ("김ㅂ", "김민수"), ==, CIVIC_TEXT_MATCH_NONE);

  /* Latin case and accents, both ways. */
  g_assert_cmpint (civic_text_match ("jose", "José García"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("JOSÉ", "jose garcia"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("garc", "José García"), ==, CIVIC_TEXT_MATCH_WORD_START);
  g_assert_cmpint (civic_text_match ("arc", "José García"), ==, CIVIC_TEXT_MATCH_SUBSTRING);

  /* Name forms joined in one key: a prefix of any form is a prefix. */
  g_assert_cmpint (civic_text_match ("kim", "Minsu Kim\x1fKim Minsu"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("minsu kim", "Minsu Kim\x1fKim Minsu"), ==, CIVIC_TEXT_MATCH_EXACT);

  /* Phone digits whatever the punctuation. */
  g_assert_cmpint (civic_text_match ("213-555", "(213) 555-0101"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("(213) 555", "213.555.0101"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("5550101", "+1 213 555 0101"), ==, CIVIC_TEXT_MATCH_SUBSTRING);
  g_assert_cmpint (civic_text_match ("2135550", "213-555-0101"), ==, CIVIC_TEXT_MATCH_PREFIX);
  g_assert_cmpint (civic_text_match ("2135551", "213-555-0101"), ==, CIVIC_TEXT_MATCH_NONE);
}

static void
test_query (void)
{
  g_autoptr(CivicTextQuery) phone = civic_text_query_new ("(213) 555");
  g_autoptr(CivicTextQuery) short_digits = civic_text_query_new ("21");
  g_autoptr(CivicTextQuery) text = civic_text_query_new ("kim 213");
  g_autoptr(CivicTextQuery) empty = civic_text_query_new ("   ");

  g_assert_cmpstr (civic_text_query_get_digits (phone), ==, "213555");
  g_assert_null (civic_text_query_get_digits (short_digits));
  g_assert_null (civic_text_query_get_digits (text));
  g_assert_true (civic_text_query_is_empty (empty));
  g_assert_false (civic_text_query_is_empty (text));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster/text/fold", test_fold);
  g_test_add_func ("/roster/text/choseong", test_choseong);
  g_test_add_func ("/roster/text/match", test_match);
  g_test_add_func ("/roster/text/query", test_query);
  return g_test_run ();
}
