/* civic-text.c — search keys: folding, Hangul initial consonants, phone digits, ranked matching
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-text"

#include "config.h"

#include <string.h>

#include "civic-text.h"

#define HANGUL_SYLLABLE_FIRST 0xAC00
#define HANGUL_SYLLABLE_LAST  0xD7A3
#define HANGUL_CONJOINING_CHOSEONG_FIRST 0x1100
#define HANGUL_CONJOINING_CHOSEONG_LAST  0x1112
#define HANGUL_COMPAT_JAMO_FIRST 0x3130
#define HANGUL_COMPAT_JAMO_LAST  0x318F

/* The 19 initial consonants in syllable order, as compatibility jamo
 * (what a Korean keyboard types when a consonant stands alone).
 */
static const gunichar choseong_table[19] = {
  0x3131, /* ㄱ */ 0x3132, /* ㄲ */ 0x3134, /* ㄴ */ 0x3137, /* ㄷ */
  0x3138, /* ㄸ */ 0x3139, /* ㄹ */ 0x3141, /* ㅁ */ 0x3142, /* ㅂ */
  0x3143, /* ㅃ */ 0x3145, /* ㅅ */ 0x3146, /* ㅆ */ 0x3147, /* ㅇ */
  0x3148, /* ㅈ */ 0x3149, /* ㅉ */ 0x314A, /* ㅊ */ 0x314B, /* ㅋ */
  0x314C, /* ㅌ */ 0x314D, /* ㅍ */ 0x314E, /* ㅎ */
};

struct _CivicTextQuery
{
  char     *folded;
  char     *choseong_needle;  /* set when the query is all initial consonants */
  char     *digits;           /* set for a phone query */
  gboolean  mixed_hangul;     /* syllables and lone initial consonants together */
};

static inline gboolean
is_hangul_syllable (gunichar c)
{
  return c >= HANGUL_SYLLABLE_FIRST && c <= HANGUL_SYLLABLE_LAST;
}

static inline gunichar
syllable_choseong (gunichar c)
{
  return choseong_table[(c - HANGUL_SYLLABLE_FIRST) / (21 * 28)];
}

gboolean
civic_text_unichar_is_choseong (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (choseong_table); i++)
    if (choseong_table[i] == c)
      return TRUE;
  return FALSE;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
civic_text_fold (const char *s)
{
  g_autoptr(GString) decomposed = NULL;
  g_autofree char *casefolded = NULL;
  g_autofree char *composed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (s == NULL || *s == '\0')
    return g_strdup ("");

  /* Most keys are plain ASCII: lowercasing and collapsing spaces is all
   * the folding they need, at a fraction of the cost.
   */
  {
    const char *p;

    for (p = s; *p != '\0' && (guchar) *p < 0x80; p++)
      ;
    if (*p == '\0')
      {
        out = g_string_sized_new (p - s);
        for (p = s; *p != '\0'; p++)
          {
            if (g_ascii_isspace (*p))
              {
                pending_space = out->len > 0;
                continue;
              }
            if (g_ascii_iscntrl (*p))
              continue;
            if (pending_space)
              g_string_append_c (out, ' ');
            pending_space = FALSE;
            g_string_append_c (out, g_ascii_tolower (*p));
          }
        return g_string_free (out, FALSE);
      }
  }

  if (!g_utf8_validate (s, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (s, -1);
      return civic_text_fold (valid);
    }

  /* NFKD one character at a time, so Hangul syllables and compatibility
   * jamo can be kept whole: NFKD would split 김 into conjoining jamo and
   * turn a typed ㄱ into a conjoining one, and neither would match
   * what a person types.
   */
  decomposed = g_string_sized_new (strlen (s) + 8);
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar buf[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (is_hangul_syllable (c)
          || (c >= HANGUL_COMPAT_JAMO_FIRST && c <= HANGUL_COMPAT_JAMO_LAST))
        {
          g_string_append_unichar (decomposed, c);
          continue;
        }

      n = g_unichar_fully_decompose (c, TRUE, buf, G_N_ELEMENTS (buf));
      for (gsize i = 0; i < n; i++)
        if (!is_mark (buf[i]))
          g_string_append_unichar (decomposed, buf[i]);
    }

  casefolded = g_utf8_casefold (decomposed->str, decomposed->len);
  composed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFC);
  if (composed == NULL)
    composed = g_strdup (casefolded);

  out = g_string_sized_new (strlen (composed));
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c) || c == 0x200B || c == 0xFEFF)
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
civic_text_choseong (const char *s)
{
  GString *out;

  if (s == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (s));
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_hangul_syllable (c))
        c = syllable_choseong (c);
      else if (c >= HANGUL_CONJOINING_CHOSEONG_FIRST && c <= HANGUL_CONJOINING_CHOSEONG_LAST)
        c = choseong_table[c - HANGUL_CONJOINING_CHOSEONG_FIRST];
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
civic_text_digits (const char *s)
{
  GString *out = g_string_new (NULL);

  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    {
      /* Fall back to ASCII digits for bytes that are not UTF-8. */
      for (const char *p = s; p != NULL && *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (out, *p);
      return g_string_free (out, FALSE);
    }

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      int v = g_unichar_digit_value (g_utf8_get_char (p));

      if (v >= 0)
        g_string_append_c (out, (char) ('0' + v));
    }
  return g_string_free (out, FALSE);
}

gboolean
civic_text_is_choseong_query (const char *q)
{
  gboolean any = FALSE;

  if (q == NULL || !g_utf8_validate (q, -1, NULL))
    return FALSE;

  for (const char *p = q; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (!civic_text_unichar_is_choseong (c))
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* ---- Keys ---------------------------------------------------------------- */

void
civic_text_key_init (CivicTextKey *key,
                     const char   *text)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  const char *start = text != NULL ? text : "";

  /* Fold each form on its own: civic_text_fold () drops the separator. */
  for (;;)
    {
      const char *end = strchr (start, CIVIC_TEXT_KEY_SEPARATOR);
      g_autofree char *part = g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
      g_autofree char *f = civic_text_fold (part);

      if (*f != '\0')
        {
          if (folded->len > 0)
            g_string_append_c (folded, CIVIC_TEXT_KEY_SEPARATOR);
          g_string_append (folded, f);
        }
      if (end == NULL)
        break;
      start = end + 1;
    }

  key->folded = g_string_free (g_steal_pointer (&folded), FALSE);
  key->choseong = civic_text_choseong (key->folded);
}

void
civic_text_key_clear (CivicTextKey *key)
{
  g_clear_pointer (&key->folded, g_free);
  g_clear_pointer (&key->choseong, g_free);
}

/* ---- Queries ------------------------------------------------------------- */

static gboolean
is_phone_query (const char *q)
{
  guint digits = 0;

  for (const char *p = q; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        digits++;
      else if (!(c == ' ' || c == '+' || c == '(' || c == ')' || c == '-'
                 || c == '.' || c == '/'))
        return FALSE;
    }
  return digits >= 3;
}

CivicTextQuery *
civic_text_query_new (const char *query)
{
  CivicTextQuery *self = g_new0 (CivicTextQuery, 1);
  gboolean has_choseong = FALSE;
  gboolean has_syllable = FALSE;

  self->folded = civic_text_fold (query);

  if (civic_text_is_choseong_query (self->folded))
    self->choseong_needle = g_strdup (self->folded);
  else
    {
      for (const char *p = self->folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (civic_text_unichar_is_choseong (c))
            has_choseong = TRUE;
          else if (is_hangul_syllable (c))
            has_syllable = TRUE;
        }
      self->mixed_hangul = has_choseong && has_syllable;
    }

  if (is_phone_query (self->folded))
    self->digits = civic_text_digits (self->folded);

  return self;
}

void
civic_text_query_free (CivicTextQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->folded);
  g_free (query->choseong_needle);
  g_free (query->digits);
  g_free (query);
}

gboolean
civic_text_query_is_empty (const CivicTextQuery *query)
{
  return query->folded[0] == '\0';
}

const char *
civic_text_query_get_folded (const CivicTextQuery *query)
{
  return query->folded;
}

const char *
civic_text_query_get_digits (const CivicTextQuery *query)
{
  return query->digits;
}

static inline gboolean
is_word_boundary_byte (char c)
{
  return c == ' ' || c == '-' || c == '.' || c == '@' || c == '_' || c == '\''
         || c == ',' || c == '(' || c == '/';
}

CivicTextMatch
civic_text_rank_at (const char *hay,
                    const char *pos,
                    gsize       len)
{
  char after = pos[len];

  if (pos == hay || pos[-1] == CIVIC_TEXT_KEY_SEPARATOR)
    {
      if (after == '\0' || after == '\n' || after == CIVIC_TEXT_KEY_SEPARATOR)
        return CIVIC_TEXT_MATCH_EXACT;
      return CIVIC_TEXT_MATCH_PREFIX;
    }
  if (is_word_boundary_byte (pos[-1]))
    return CIVIC_TEXT_MATCH_WORD_START;
  return CIVIC_TEXT_MATCH_SUBSTRING;
}

static CivicTextMatch
match_substring (const char *hay,
                 const char *needle)
{
  CivicTextMatch best = CIVIC_TEXT_MATCH_NONE;
  gsize len = strlen (needle);

  for (const char *pos = strstr (hay, needle); pos != NULL; pos = strstr (pos + 1, needle))
    {
      CivicTextMatch r = civic_text_rank_at (hay, pos, len);

      if (r > best)
        best = r;
      if (best == CIVIC_TEXT_MATCH_EXACT)
        break;
    }
  return best;
}

/* Does @query (folded, with lone initial consonants) match @hay at @pos?
 * Returns the byte length matched in @hay, or 0.
 */
static gsize
mixed_match_at (const char *query,
                const char *pos)
{
  const char *q = query;
  const char *h = pos;

  while (*q != '\0')
    {
      gunichar qc = g_utf8_get_char (q);
      gunichar hc;

      if (*h == '\0' || *h == CIVIC_TEXT_KEY_SEPARATOR)
        return 0;
      hc = g_utf8_get_char (h);
      if (qc != hc
          && !(is_hangul_syllable (hc) && civic_text_unichar_is_choseong (qc)
               && syllable_choseong (hc) == qc))
        return 0;
      q = g_utf8_next_char (q);
      h = g_utf8_next_char (h);
    }
  return (gsize) (h - pos);
}

static CivicTextMatch
match_mixed (const char *hay,
             const char *query)
{
  CivicTextMatch best = CIVIC_TEXT_MATCH_NONE;

  for (const char *pos = hay; *pos != '\0'; pos = g_utf8_next_char (pos))
    {
      gsize len = mixed_match_at (query, pos);

      if (len > 0)
        {
          CivicTextMatch r = civic_text_rank_at (hay, pos, len);

          if (r > best)
            best = r;
          if (best == CIVIC_TEXT_MATCH_EXACT)
            break;
        }
    }
  return best;
}

CivicTextMatch
civic_text_query_match_key (const CivicTextQuery *query,
                            const CivicTextKey   *key)
{
  if (key->folded == NULL)
    return CIVIC_TEXT_MATCH_NONE;
  if (query->folded[0] == '\0')
    return CIVIC_TEXT_MATCH_SUBSTRING;

  if (query->choseong_needle != NULL)
    {
      /* Typed consonants also match a name typed in consonants. */
      return match_substring (key->choseong, query->choseong_needle);
    }
  if (query->mixed_hangul)
    return match_mixed (key->folded, query->folded);
  return match_substring (key->folded, query->folded);
}

const char *
civic_text_query_get_needle (const CivicTextQuery *query,
                             gboolean             *in_choseong)
{
  *in_choseong = query->choseong_needle != NULL;
  if (query->choseong_needle != NULL)
    return query->choseong_needle;
  if (query->mixed_hangul)
    return NULL;
  return query->folded;
}

CivicTextMatch
civic_text_query_match_digits (const CivicTextQuery *query,
                               const char           *digits)
{
  const char *pos;

  if (query->digits == NULL || digits == NULL || *digits == '\0')
    return CIVIC_TEXT_MATCH_NONE;
  pos = strstr (digits, query->digits);
  if (pos == NULL)
    return CIVIC_TEXT_MATCH_NONE;
  if (pos == digits)
    return pos[strlen (query->digits)] == '\0' ? CIVIC_TEXT_MATCH_EXACT : CIVIC_TEXT_MATCH_PREFIX;
  return CIVIC_TEXT_MATCH_SUBSTRING;
}

CivicTextMatch
civic_text_match (const char *query,
                  const char *text)
{
  g_autoptr(CivicTextQuery) q = civic_text_query_new (query);
  CivicTextKey key = { 0 };
  CivicTextMatch r;

  civic_text_key_init (&key, text);
  r = civic_text_query_match_key (q, &key);
  if (q->digits != NULL)
    {
      g_autofree char *digits = civic_text_digits (text);
      r = MAX (r, civic_text_query_match_digits (q, digits));
    }
  civic_text_key_clear (&key);
  return r;
}
