/* civic-text.h — search keys: folding, Hangul initial consonants, phone digits, ranked matching
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * domain.md's search rule: any name form, phone digits and e-mail match,
 * case and accents are ignored, Hangul matches by syllable and by initial
 * consonant (초성: "ㄱㅁㅅ" finds 김민수).
 *
 * A text is prepared once into a CivicTextKey (its folded form and the
 * folded form's initial consonants, character for character); a query is
 * prepared once per keystroke into a CivicTextQuery; matching a query
 * against a key is then a substring search with no allocation.  A key may
 * hold several name forms separated by CIVIC_TEXT_KEY_SEPARATOR: a match
 * at the start of any of them ranks as a prefix.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Separates the forms joined in one key ("minsu kim" ␟ "kim minsu" ␟ "김민수").
 * civic_text_fold() removes control characters, so a query never holds it.
 */
#define CIVIC_TEXT_KEY_SEPARATOR '\x1f'

/* How well a query matched, best last. */
typedef enum {
  CIVIC_TEXT_MATCH_NONE = 0,
  CIVIC_TEXT_MATCH_SUBSTRING,   /* somewhere inside a word ("민수" in "김민수") */
  CIVIC_TEXT_MATCH_WORD_START,  /* at the start of a word that is not the first */
  CIVIC_TEXT_MATCH_PREFIX,      /* at the start of a name form (or of the phone number) */
  CIVIC_TEXT_MATCH_EXACT,       /* a whole name form */
} CivicTextMatch;

/* NFKD, accents (combining marks) removed, casefolded, recomposed (NFC) so
 * Hangul syllables stay whole; compatibility jamo (ㄱ, ㅏ) are kept as they
 * are; control characters dropped; whitespace trimmed and collapsed to one
 * space.  "  José  Ñúñez " → "jose nunez".  Never %NULL (NULL gives "").
 */
char           *civic_text_fold              (const char *s);
/* Each Hangul syllable (and each leading conjoining jamo) replaced by its
 * initial consonant as a compatibility jamo (ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ);
 * everything else kept.  "김민수 Kim" → "ㄱㅁㅅ Kim".
 */
char           *civic_text_choseong          (const char *s);
/* The decimal digits of @s, as ASCII ("(213) 555-0101" → "2135550101";
 * fullwidth digits count).  Never %NULL.
 */
char           *civic_text_digits            (const char *s);
/* TRUE if @q has at least one initial-consonant jamo and nothing else
 * but spaces.
 */
gboolean        civic_text_is_choseong_query (const char *q);
/* TRUE if @c is one of the 19 compatibility jamo that start a syllable. */
gboolean        civic_text_unichar_is_choseong (gunichar c);

/* ---- Prepared keys ------------------------------------------------------ */

typedef struct {
  char *folded;    /* civic_text_fold () */
  char *choseong;  /* civic_text_choseong () of folded */
} CivicTextKey;

/* Prepares @text (may already hold CIVIC_TEXT_KEY_SEPARATORs: they are kept). */
void            civic_text_key_init          (CivicTextKey *key,
                                              const char   *text);
void            civic_text_key_clear         (CivicTextKey *key);

/* ---- Queries ------------------------------------------------------------ */

typedef struct _CivicTextQuery CivicTextQuery;

CivicTextQuery *civic_text_query_new         (const char     *query);
void            civic_text_query_free        (CivicTextQuery *query);
/* TRUE when the query is empty after folding (it matches everything). */
gboolean        civic_text_query_is_empty    (const CivicTextQuery *query);
/* The folded query. */
const char     *civic_text_query_get_folded  (const CivicTextQuery *query);
/* The query's digits when it is a phone query (at least three digits and
 * nothing but digits, spaces, "+", "(", ")", "-", "." and "/"), else %NULL.
 */
const char     *civic_text_query_get_digits  (const CivicTextQuery *query);

/* How @query matches @key: Hangul by syllable and by initial consonant
 * (also mixed, "김ㅁ" finds 김민수), Latin ignoring case and accents.
 */
CivicTextMatch  civic_text_query_match_key   (const CivicTextQuery *query,
                                              const CivicTextKey   *key);
/* How a phone query matches @digits (civic_text_digits () of a phone):
 * PREFIX at the start, SUBSTRING elsewhere; NONE for a non-phone query.
 */
CivicTextMatch  civic_text_query_match_digits (const CivicTextQuery *query,
                                               const char           *digits);

/* The rank of a match of @len bytes at @pos in the key @hay (which ends at
 * a NUL or a newline): for indexes that search many keys laid end to end.
 */
CivicTextMatch  civic_text_rank_at           (const char *hay,
                                              const char *pos,
                                              gsize       len);
/* The needle a query is searched with in keys' folded text, or in their
 * initial-consonant text when *@in_choseong is set; %NULL when the query
 * mixes syllables and lone consonants (use civic_text_query_match_key ()).
 */
const char     *civic_text_query_get_needle  (const CivicTextQuery *query,
                                              gboolean             *in_choseong);

/* Convenience: how @query matches the plain text @text (prepares a key). */
CivicTextMatch  civic_text_match             (const char *query,
                                              const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicTextQuery, civic_text_query_free)

G_END_DECLS
