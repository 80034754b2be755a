/* civic-volunteer-search.c — an in-memory search index over every volunteer
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-volunteer-search"

#include "config.h"

#include <string.h>

#include "civic-volunteer-search.h"

typedef struct {
  char          *id;
  CivicTextKey   key;           /* name forms and e-mail */
  char          *phone_digits;
  char          *sort_key;
  char          *office_id;
  GStrv          languages;
  GStrv          skills;        /* folded */
  char          *age_group;
  gboolean       active;
  guint          availability;  /* bit day * 3 + time */
} Entry;

/* Queries scan every key laid end to end in one buffer (newline after
 * each), in name order: one strstr () pass over contiguous memory instead
 * of ten thousand small strings scattered over the heap.  An initial
 * consonant takes as many UTF-8 bytes as its syllable (three), so the
 * initial-consonant buffer shares the folded buffer's offsets.
 */
struct _CivicVolunteerSearch
{
  GObject     parent_instance;

  GHashTable *by_id;        /* id → Entry* (owns the entries) */
  GPtrArray  *sorted;       /* Entry*, by sort_key once !sorted_dirty */
  GString    *text;         /* folded keys, in sorted order */
  GString    *choseong;     /* their initial consonants, same offsets */
  GString    *digits;       /* phone digits */
  GArray     *text_offsets;   /* guint32 per entry, then the end */
  GArray     *digit_offsets;
  gboolean    sorted_dirty;
  guint       serial;
  GQueue      answers;      /* Answer*, the last asked first */
};

/* A full answer (no limit) kept for the next keystrokes. */
typedef struct {
  char   *folded;      /* the query, folded */
  char   *digits;      /* its phone digits, or NULL */
  char   *filter_key;  /* filter_key () of its filter */
  GArray *hits;        /* CivicVolunteerHit */
} Answer;

/* Enough for the prefixes of a phone number or a full name typed out. */
#define MAX_ANSWERS 24

G_DEFINE_FINAL_TYPE (CivicVolunteerSearch, civic_volunteer_search, G_TYPE_OBJECT)

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_free (answer->folded);
  g_free (answer->digits);
  g_free (answer->filter_key);
  g_array_unref (answer->hits);
  g_free (answer);
}

/* Every answer is stale once a volunteer changes. */
static void
index_changed (CivicVolunteerSearch *self)
{
  self->sorted_dirty = TRUE;
  self->serial++;
  g_queue_clear_full (&self->answers, answer_free);
}

static const char * const days[] = { "weekday", "weekend" };
static const char * const times[] = { "morning", "afternoon", "evening" };

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  civic_text_key_clear (&entry->key);
  g_free (entry->phone_digits);
  g_free (entry->sort_key);
  g_free (entry->office_id);
  g_strfreev (entry->languages);
  g_strfreev (entry->skills);
  g_free (entry->age_group);
  g_free (entry);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GStrv
member_strv (JsonObject *object,
             const char *name,
             gboolean    fold)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              if (fold)
                {
                  g_autofree char *folded = civic_text_fold (json_node_get_string (element));
                  g_strv_builder_add (builder, folded);
                }
              else
                g_strv_builder_add (builder, json_node_get_string (element));
            }
        }
    }
  return g_strv_builder_end (builder);
}

/* Every name form a person may type, and the e-mail, joined by the key
 * separator: "given family", "family given", the Korean name (also without
 * its spaces), the preferred name.
 */
static char *
key_text (JsonObject *doc)
{
  const char *given = member_string (doc, "given_name");
  const char *family = member_string (doc, "family_name");
  const char *name_ko = member_string (doc, "name_ko");
  const char *preferred = member_string (doc, "preferred_name");
  const char *email = member_string (doc, "email");
  GString *text = g_string_new (NULL);
  const char sep[2] = { CIVIC_TEXT_KEY_SEPARATOR, '\0' };

  g_string_append_printf (text, "%s %s%s%s %s", given ?: "", family ?: "", sep, family ?: "", given ?: "");
  if (name_ko != NULL)
    {
      g_string_append_printf (text, "%s%s", sep, name_ko);
      if (strchr (name_ko, ' ') != NULL)
        {
          g_string_append (text, sep);
          for (const char *p = name_ko; *p != '\0'; p++)
            if (*p != ' ')
              g_string_append_c (text, *p);
        }
    }
  if (preferred != NULL)
    g_string_append_printf (text, "%s%s", sep, preferred);
  if (email != NULL)
    g_string_append_printf (text, "%s%s", sep, email);
  return g_string_free (text, FALSE);
}

char *
civic_volunteer_sort_key (JsonObject *doc)
{
  const char *given = member_string (doc, "given_name");
  const char *family = member_string (doc, "family_name");
  g_autofree char *name = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  /* Exactly the store's typed-index key (civic-store-index.c), so that a
   * page read with civic_store_list_page () is the start of this order.
   */
  if ((family != NULL && *family != '\0') || (given != NULL && *given != '\0'))
    {
      name = g_strdup_printf ("%s %s", family ? family : "", given ? given : "");
      return g_utf8_casefold (name, -1);
    }
  return g_utf8_casefold (member_string (doc, "name_ko") ?: "", -1);
}

static guint
availability_bits (JsonObject *doc)
{
  JsonNode *node = json_object_get_member (doc, "availability");
  JsonObject *availability;
  guint bits = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0;
  availability = json_node_get_object (node);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      JsonNode *slots = json_object_get_member (availability, days[d]);

      if (slots == NULL || !JSON_NODE_HOLDS_ARRAY (slots))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (slots)); i++)
        {
          JsonNode *slot = json_array_get_element (json_node_get_array (slots), i);

          if (!JSON_NODE_HOLDS_VALUE (slot) || json_node_get_value_type (slot) != G_TYPE_STRING)
            continue;
          for (guint t = 0; t < G_N_ELEMENTS (times); t++)
            if (g_str_equal (json_node_get_string (slot), times[t]))
              bits |= 1u << (d * 3 + t);
        }
    }
  return bits;
}

static Entry *
entry_new (JsonObject *doc)
{
  Entry *entry = g_new0 (Entry, 1);
  g_autofree char *text = key_text (doc);
  JsonNode *active = json_object_get_member (doc, "active");

  entry->id = g_strdup (member_string (doc, "_id"));
  civic_text_key_init (&entry->key, text);
  entry->phone_digits = civic_text_digits (member_string (doc, "phone"));
  entry->sort_key = civic_volunteer_sort_key (doc);
  entry->office_id = g_strdup (member_string (doc, "office_id"));
  entry->languages = member_strv (doc, "languages", FALSE);
  entry->skills = member_strv (doc, "skills", TRUE);
  entry->age_group = g_strdup (member_string (doc, "age_group"));
  /* domain.md: a volunteer is active unless it says otherwise. */
  entry->active = active == NULL || !JSON_NODE_HOLDS_VALUE (active)
                  || json_node_get_value_type (active) != G_TYPE_BOOLEAN
                  || json_node_get_boolean (active);
  entry->availability = availability_bits (doc);
  return entry;
}

static CivicTextMatch
entry_match (const Entry          *entry,
             const CivicTextQuery *query)
{
  CivicTextMatch rank = civic_text_query_match_key (query, &entry->key);

  if (rank < CIVIC_TEXT_MATCH_EXACT && civic_text_query_get_digits (query) != NULL)
    rank = MAX (rank, civic_text_query_match_digits (query, entry->phone_digits));
  return rank;
}

CivicTextMatch
civic_volunteer_match (JsonObject           *doc,
                       const CivicTextQuery *query)
{
  Entry *entry;
  CivicTextMatch rank;

  g_return_val_if_fail (doc != NULL && query != NULL, CIVIC_TEXT_MATCH_NONE);

  entry = entry_new (doc);
  rank = entry_match (entry, query);
  entry_free (entry);
  return rank;
}

/* ---- GObject -------------------------------------------------------------- */

static void
civic_volunteer_search_finalize (GObject *object)
{
  CivicVolunteerSearch *self = CIVIC_VOLUNTEER_SEARCH (object);

  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_string_free (self->text, TRUE);
  g_string_free (self->choseong, TRUE);
  g_string_free (self->digits, TRUE);
  g_clear_pointer (&self->text_offsets, g_array_unref);
  g_clear_pointer (&self->digit_offsets, g_array_unref);
  g_queue_clear_full (&self->answers, answer_free);

  G_OBJECT_CLASS (civic_volunteer_search_parent_class)->finalize (object);
}

static void
civic_volunteer_search_class_init (CivicVolunteerSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_volunteer_search_finalize;
}

static void
civic_volunteer_search_init (CivicVolunteerSearch *self)
{
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->sorted = g_ptr_array_new ();
  self->text = g_string_new (NULL);
  self->choseong = g_string_new (NULL);
  self->digits = g_string_new (NULL);
  self->text_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->digit_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_queue_init (&self->answers);
}

CivicVolunteerSearch *
civic_volunteer_search_new (void)
{
  return g_object_new (CIVIC_TYPE_VOLUNTEER_SEARCH, NULL);
}

CivicVolunteerSearch *
civic_volunteer_search_new_from_store (CivicStore  *store,
                                       GError     **error)
{
  g_autoptr(CivicVolunteerSearch) self = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  volunteers = civic_store_list (store, "volunteer", error);
  if (volunteers == NULL)
    return NULL;

  self = civic_volunteer_search_new ();
  for (guint i = 0; i < volunteers->len; i++)
    civic_volunteer_search_update (self, g_ptr_array_index (volunteers, i));
  return g_steal_pointer (&self);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  CivicVolunteerSearch *self = civic_volunteer_search_new_from_store (task_data, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    {
      /* Sort here so the first keystroke does not pay for it. */
      g_autoptr(GArray) hits = civic_volunteer_search_query_hits (self, "", NULL, 1);
      g_task_return_pointer (task, self, g_object_unref);
    }
}

void
civic_volunteer_search_new_from_store_async (CivicStore          *store,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CIVIC_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_volunteer_search_new_from_store_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, build_thread);
}

CivicVolunteerSearch *
civic_volunteer_search_new_from_store_finish (GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
civic_volunteer_search_get_n_volunteers (CivicVolunteerSearch *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self), 0);
  return g_hash_table_size (self->by_id);
}

guint
civic_volunteer_search_get_serial (CivicVolunteerSearch *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self), 0);
  return self->serial;
}

void
civic_volunteer_search_update (CivicVolunteerSearch *self,
                               JsonObject           *doc)
{
  Entry *entry;

  g_return_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self));
  g_return_if_fail (doc != NULL);

  if (member_string (doc, "_id") == NULL)
    return;
  entry = entry_new (doc);
  g_hash_table_replace (self->by_id, entry->id, entry);
  index_changed (self);
}

void
civic_volunteer_search_remove (CivicVolunteerSearch *self,
                               const char           *id)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self));

  if (id != NULL && g_hash_table_remove (self->by_id, id))
    index_changed (self);
}

gboolean
civic_volunteer_search_apply_changes (CivicVolunteerSearch *self,
                                      CivicStore           *store,
                                      const char * const   *ids,
                                      GError              **error)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self), FALSE);
  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) doc = NULL;

      if (!g_str_has_prefix (ids[i], "volunteer:"))
        continue;
      doc = civic_store_get (store, ids[i], &local_error);
      if (doc != NULL)
        civic_volunteer_search_update (self, doc);
      else if (g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
        civic_volunteer_search_remove (self, ids[i]);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- Querying ------------------------------------------------------------- */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry * const *) a;
  const Entry *eb = *(const Entry * const *) b;
  int r = strcmp (ea->sort_key, eb->sort_key);

  return r != 0 ? r : strcmp (ea->id, eb->id);
}

static void
ensure_sorted (CivicVolunteerSearch *self)
{
  GHashTableIter iter;
  gpointer value;

  if (!self->sorted_dirty)
    return;
  g_ptr_array_set_size (self->sorted, 0);
  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->sorted, value);
  g_ptr_array_sort (self->sorted, compare_entries);

  g_string_truncate (self->text, 0);
  g_string_truncate (self->choseong, 0);
  g_string_truncate (self->digits, 0);
  g_array_set_size (self->text_offsets, 0);
  g_array_set_size (self->digit_offsets, 0);
  for (guint i = 0; i < self->sorted->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->sorted, i);
      guint32 text_offset = self->text->len;
      guint32 digit_offset = self->digits->len;

      g_array_append_val (self->text_offsets, text_offset);
      g_array_append_val (self->digit_offsets, digit_offset);
      g_string_append (self->text, entry->key.folded);
      g_string_append_c (self->text, '\n');
      g_string_append (self->choseong, entry->key.choseong);
      g_string_append_c (self->choseong, '\n');
      g_string_append (self->digits, entry->phone_digits);
      g_string_append_c (self->digits, '\n');
    }
  {
    guint32 text_end = self->text->len;
    guint32 digit_end = self->digits->len;

    g_array_append_val (self->text_offsets, text_end);
    g_array_append_val (self->digit_offsets, digit_end);
  }
  g_assert (self->text->len == self->choseong->len);
  self->sorted_dirty = FALSE;
}

/* Every occurrence of @needle in @buffer raises the rank of the entry it
 * falls in (@ranks, one per entry in sorted order).
 */
static void
scan_buffer (GString      *buffer,
             GArray       *offsets,
             const char   *needle,
             gboolean      digits,
             guint8       *ranks)
{
  const guint32 *off = (const guint32 *) (gpointer) offsets->data;
  guint n = offsets->len - 1;
  gsize len = strlen (needle);
  guint idx = 0;

  if (len == 0 || n == 0)
    return;

  for (const char *p = strstr (buffer->str, needle); p != NULL; p = strstr (p + 1, needle))
    {
      guint32 pos = (guint32) (p - buffer->str);
      const char *start;
      CivicTextMatch rank;

      /* Matches come in increasing order: walk the offsets along. */
      while (idx + 1 < n && off[idx + 1] <= pos)
        idx++;
      start = buffer->str + off[idx];
      if (digits)
        rank = p == start ? (p[len] == '\n' ? CIVIC_TEXT_MATCH_EXACT : CIVIC_TEXT_MATCH_PREFIX)
                          : CIVIC_TEXT_MATCH_SUBSTRING;
      else
        rank = civic_text_rank_at (start, p, len);
      if (rank > ranks[idx])
        ranks[idx] = rank;
    }
}

static gboolean
strv_has (GStrv       strv,
          const char *value)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], value) == 0)
      return TRUE;
  return FALSE;
}

static guint
filter_availability_mask (const CivicVolunteerFilter *filter)
{
  guint mask = 0;

  if (filter->availability_day == NULL && filter->availability_time == NULL)
    return 0;
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint t = 0; t < G_N_ELEMENTS (times); t++)
      if ((filter->availability_day == NULL || g_str_equal (filter->availability_day, days[d]))
          && (filter->availability_time == NULL || g_str_equal (filter->availability_time, times[t])))
        mask |= 1u << (d * 3 + t);
  /* An unknown day or time matches nobody rather than everybody. */
  return mask != 0 ? mask : G_MAXUINT & ~0x3Fu;
}

static gboolean
entry_passes (const Entry                *entry,
              const CivicVolunteerFilter *filter,
              const char                 *skill_folded,
              guint                       availability_mask)
{
  if (filter == NULL)
    return TRUE;
  if (filter->office_id != NULL && g_strcmp0 (entry->office_id, filter->office_id) != 0)
    return FALSE;
  if (filter->age_group != NULL && g_strcmp0 (entry->age_group, filter->age_group) != 0)
    return FALSE;
  if (filter->active == CIVIC_VOLUNTEER_ACTIVE_ONLY && !entry->active)
    return FALSE;
  if (filter->active == CIVIC_VOLUNTEER_INACTIVE_ONLY && entry->active)
    return FALSE;
  if (filter->language != NULL && !strv_has (entry->languages, filter->language))
    return FALSE;
  if (skill_folded != NULL && !g_strv_contains ((const char * const *) entry->skills, skill_folded))
    return FALSE;
  if (availability_mask != 0 && (entry->availability & availability_mask) == 0)
    return FALSE;
  return TRUE;
}

/* The first @needle (@len bytes, at least one) in [@start, @end), or NULL. */
static const char *
find_between (const char *start,
              const char *end,
              const char *needle,
              gsize       len)
{
  if (len == 0)
    return NULL;
  for (const char *p = start; p != NULL && (gsize) (end - p) >= len; p++)
    {
      p = memchr (p, needle[0], (end - p) - len + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, len) == 0)
        return p;
    }
  return NULL;
}

/* The ranks of the volunteers at @positions (in name order or not) for
 * @q, entry by entry: what scan_buffer () finds for them, without going
 * over everyone else.
 */
static void
rank_positions (CivicVolunteerSearch *self,
                const CivicTextQuery *q,
                const guint          *positions,
                guint                 n_positions,
                guint8               *ranks)
{
  const guint32 *text_off = (const guint32 *) (gpointer) self->text_offsets->data;
  const guint32 *digit_off = (const guint32 *) (gpointer) self->digit_offsets->data;
  gboolean in_choseong = FALSE;
  const char *needle = civic_text_query_get_needle (q, &in_choseong);
  const char *digits = civic_text_query_get_digits (q);
  const char *buffer = in_choseong ? self->choseong->str : self->text->str;
  gsize len = needle ? strlen (needle) : 0;
  gsize digits_len = digits ? strlen (digits) : 0;

  for (guint k = 0; k < n_positions; k++)
    {
      guint i = positions[k];
      CivicTextMatch rank = CIVIC_TEXT_MATCH_NONE;

      if (needle != NULL)
        {
          /* The entry's keys, without the newline that ends them. */
          const char *start = buffer + text_off[i];
          const char *end = buffer + text_off[i + 1] - 1;

          for (const char *p = find_between (start, end, needle, len);
               p != NULL && rank < CIVIC_TEXT_MATCH_EXACT;
               p = find_between (p + 1, end, needle, len))
            rank = MAX (rank, civic_text_rank_at (start, p, len));
        }
      else
        rank = civic_text_query_match_key (q, &((const Entry *) g_ptr_array_index (self->sorted, i))->key);

      if (digits != NULL && rank < CIVIC_TEXT_MATCH_EXACT)
        {
          const char *start = self->digits->str + digit_off[i];
          const char *end = self->digits->str + digit_off[i + 1] - 1;

          for (const char *p = find_between (start, end, digits, digits_len);
               p != NULL && rank < CIVIC_TEXT_MATCH_EXACT;
               p = find_between (p + 1, end, digits, digits_len))
            {
              CivicTextMatch r = p == start ? (p + digits_len == end ? CIVIC_TEXT_MATCH_EXACT : CIVIC_TEXT_MATCH_PREFIX)
                                            : CIVIC_TEXT_MATCH_SUBSTRING;
              rank = MAX (rank, r);
            }
        }
      ranks[i] = rank;
    }
}

/* A text that tells filters apart: equal filters, equal keys. */
static char *
filter_key (const CivicVolunteerFilter *filter)
{
  const char unset[] = "\x02";

  /* No filter and a filter that sets nothing are the same answer. */
  if (filter == NULL ||
      (filter->office_id == NULL && filter->language == NULL && filter->skill == NULL && filter->age_group == NULL &&
       filter->active == CIVIC_VOLUNTEER_ACTIVE_ANY && filter->availability_day == NULL &&
       filter->availability_time == NULL))
    return g_strdup ("");
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s",
                          filter->office_id ?: unset, filter->language ?: unset, filter->skill ?: unset,
                          filter->age_group ?: unset, (int) filter->active,
                          filter->availability_day ?: unset, filter->availability_time ?: unset);
}

/* A kept answer whose volunteers include every match of @q: @q's folded
 * text extends the answer's (every match of the longer text contains a
 * match of the shorter one, whether by syllable, by initial consonant or
 * both), and when @q is a phone query, the answer's was one too (a query
 * becomes a phone query at its third digit, and then matches people its
 * shorter self did not).  The smallest such answer.
 */
static Answer *
find_narrowing (CivicVolunteerSearch *self,
                const CivicTextQuery *q,
                const char           *key)
{
  const char *folded = civic_text_query_get_folded (q);
  Answer *best = NULL;

  for (GList *l = self->answers.head; l != NULL; l = l->next)
    {
      Answer *answer = l->data;

      if (!g_str_equal (answer->filter_key, key) || !g_str_has_prefix (folded, answer->folded))
        continue;
      if (civic_text_query_get_digits (q) != NULL && answer->digits == NULL)
        continue;
      if (best == NULL || answer->hits->len < best->hits->len)
        best = answer;
    }
  return best;
}

static GArray *
copy_hits (GArray *hits,
           guint   limit)
{
  guint n = limit == 0 ? hits->len : MIN (limit, hits->len);
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (CivicVolunteerHit), n);

  g_array_append_vals (copy, hits->data, n);
  return copy;
}

/* Every match of @q among the volunteers passing @filter, ranked. */
static GArray *
compute_hits (CivicVolunteerSearch       *self,
              const CivicTextQuery       *q,
              const CivicVolunteerFilter *filter,
              Answer                     *narrowing)
{
  g_autofree char *skill_folded = NULL;
  g_autofree guint8 *ranks = NULL;
  GPtrArray *buckets[CIVIC_TEXT_MATCH_EXACT + 1] = { NULL, };
  guint counts[CIVIC_TEXT_MATCH_EXACT + 1] = { 0, };
  gboolean empty = civic_text_query_is_empty (q);
  guint n = self->sorted->len;
  GArray *hits;
  guint mask = 0;

  if (filter != NULL)
    {
      if (filter->skill != NULL)
        skill_folded = civic_text_fold (filter->skill);
      mask = filter_availability_mask (filter);
    }

  if (narrowing != NULL)
    {
      /* Only the answer's volunteers can match, and they passed the filter. */
      g_autofree guint *positions = g_new (guint, MAX (1, narrowing->hits->len));

      for (guint k = 0; k < narrowing->hits->len; k++)
        positions[k] = g_array_index (narrowing->hits, CivicVolunteerHit, k).position;
      ranks = g_new0 (guint8, MAX (1, n));
      rank_positions (self, q, positions, narrowing->hits->len, ranks);
    }
  else if (!empty)
    {
      gboolean in_choseong = FALSE;
      const char *needle = civic_text_query_get_needle (q, &in_choseong);

      ranks = g_new0 (guint8, MAX (1, n));
      if (needle != NULL)
        scan_buffer (in_choseong ? self->choseong : self->text, self->text_offsets, needle, FALSE, ranks);
      else
        for (guint i = 0; i < n; i++)
          {
            const Entry *entry = g_ptr_array_index (self->sorted, i);
            ranks[i] = civic_text_query_match_key (q, &entry->key);
          }
      if (civic_text_query_get_digits (q) != NULL)
        scan_buffer (self->digits, self->digit_offsets, civic_text_query_get_digits (q), TRUE, ranks);
    }

  for (guint r = CIVIC_TEXT_MATCH_SUBSTRING; r <= CIVIC_TEXT_MATCH_EXACT; r++)
    buckets[r] = g_ptr_array_new ();

  /* One pass in name order: each bucket comes out sorted by name.  A
   * bucket holds positions.
   */
  for (guint i = 0; i < n; i++)
    {
      CivicTextMatch rank = ranks == NULL ? CIVIC_TEXT_MATCH_SUBSTRING : ranks[i];

      if (rank == CIVIC_TEXT_MATCH_NONE)
        continue;
      if (narrowing == NULL && !entry_passes (g_ptr_array_index (self->sorted, i), filter, skill_folded, mask))
        continue;
      g_ptr_array_add (buckets[rank], GUINT_TO_POINTER (i));
      counts[rank]++;
    }

  hits = g_array_sized_new (FALSE, FALSE, sizeof (CivicVolunteerHit),
                            counts[1] + counts[2] + counts[3] + counts[4]);
  for (int r = CIVIC_TEXT_MATCH_EXACT; r >= CIVIC_TEXT_MATCH_SUBSTRING; r--)
    {
      for (guint k = 0; k < buckets[r]->len; k++)
        {
          guint i = GPOINTER_TO_UINT (g_ptr_array_index (buckets[r], k));
          const Entry *entry = g_ptr_array_index (self->sorted, i);
          CivicVolunteerHit hit = { entry->id, (CivicTextMatch) r, i };

          g_array_append_val (hits, hit);
        }
      g_ptr_array_unref (buckets[r]);
    }
  return hits;
}

GArray *
civic_volunteer_search_query_hits (CivicVolunteerSearch       *self,
                                   const char                 *query,
                                   const CivicVolunteerFilter *filter,
                                   guint                       limit)
{
  g_autoptr(CivicTextQuery) q = NULL;
  g_autofree char *key = NULL;
  const char *folded;
  Answer *answer;

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_SEARCH (self), NULL);

  ensure_sorted (self);
  q = civic_text_query_new (query);
  folded = civic_text_query_get_folded (q);
  key = filter_key (filter);

  for (GList *l = self->answers.head; l != NULL; l = l->next)
    {
      answer = l->data;
      if (g_str_equal (answer->folded, folded) && g_str_equal (answer->filter_key, key))
        {
          /* Asked again: it moves to the front. */
          g_queue_unlink (&self->answers, l);
          g_queue_push_head_link (&self->answers, l);
          return copy_hits (answer->hits, limit);
        }
    }

  answer = g_new0 (Answer, 1);
  answer->hits = compute_hits (self, q, filter, civic_text_query_is_empty (q) ? NULL : find_narrowing (self, q, key));
  answer->folded = g_strdup (folded);
  answer->digits = g_strdup (civic_text_query_get_digits (q));
  answer->filter_key = g_steal_pointer (&key);
  g_queue_push_head (&self->answers, answer);
  while (g_queue_get_length (&self->answers) > MAX_ANSWERS)
    answer_free (g_queue_pop_tail (&self->answers));
  return copy_hits (answer->hits, limit);
}

GStrv
civic_volunteer_search_query (CivicVolunteerSearch       *self,
                              const char                 *query,
                              const CivicVolunteerFilter *filter,
                              guint                       limit)
{
  g_autoptr(GArray) hits = civic_volunteer_search_query_hits (self, query, filter, limit);
  GStrv ids = g_new0 (char *, hits->len + 1);

  for (guint i = 0; i < hits->len; i++)
    ids[i] = g_strdup (g_array_index (hits, CivicVolunteerHit, i).id);
  return ids;
}
