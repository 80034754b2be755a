/* civic-legislative.c — the legislative core's error domain, positions, topics and names
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-legislative"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-legislative.h"

G_DEFINE_QUARK (civic-legislative-error-quark, civic_legislative_error)

static const struct {
  const char *id;
  const char *label;
} positions[CIVIC_POSITION_N] = {
  { "support", N_("Support") },
  { "lean_support", N_("Leans support") },
  { "undecided", N_("Undecided") },
  { "lean_oppose", N_("Leans oppose") },
  { "oppose", N_("Oppose") },
  { "unknown", N_("Unknown") },
};

CivicPosition
civic_position_from_string (const char *text)
{
  if (text == NULL)
    return CIVIC_POSITION_UNKNOWN;

  for (guint i = 0; i < CIVIC_POSITION_N; i++)
    if (strcmp (positions[i].id, text) == 0)
      return (CivicPosition) i;

  return CIVIC_POSITION_UNKNOWN;
}

const char *
civic_position_to_string (CivicPosition position)
{
  g_return_val_if_fail (position < CIVIC_POSITION_N, "unknown");

  return positions[position].id;
}

const char *
civic_position_get_label (CivicPosition position)
{
  g_return_val_if_fail (position < CIVIC_POSITION_N, NULL);

  return _(positions[position].label);
}

char *
civic_legislative_topic_key (const char *topic)
{
  g_autofree char *folded = NULL;
  GString *key;

  if (topic == NULL)
    return g_strdup ("");

  /* Most issues and bills are ASCII: fold those without g_utf8_casefold(),
   * which the whip count would otherwise call thousands of times.
   */
  {
    gsize len = strlen (topic);
    char *ascii = g_malloc (len + 1);
    char *out = ascii;
    const char *p;

    for (p = topic; *p != '\0' && (guchar) *p < 0x80; p++)
      if (g_ascii_isalnum (*p))
        *out++ = g_ascii_tolower (*p);

    if (*p == '\0')
      {
        *out = '\0';
        return ascii;
      }
    g_free (ascii);
  }

  folded = g_utf8_casefold (topic, -1);
  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static gboolean
array_has_topic (JsonArray  *array,
                 const char *topic_key)
{
  guint n;

  if (array == NULL)
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *key = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      key = civic_legislative_topic_key (json_node_get_string (node));
      if (key[0] != '\0' && strcmp (key, topic_key) == 0)
        return TRUE;
    }

  return FALSE;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
civic_legislative_visit_has_topic (JsonObject *visit,
                                   const char *topic_key)
{
  g_return_val_if_fail (visit != NULL, FALSE);

  if (topic_key == NULL || topic_key[0] == '\0')
    return FALSE;

  return array_has_topic (get_array (visit, "issues"), topic_key) ||
         array_has_topic (get_array (visit, "bills"), topic_key);
}

const char *
civic_legislative_get_string (JsonObject *object,
                              const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;

  return FALSE;
}

char *
civic_legislative_volunteer_name (JsonObject *volunteer)
{
  const char *preferred = civic_legislative_get_string (volunteer, "preferred_name");
  const char *given = civic_legislative_get_string (volunteer, "given_name");
  const char *family = civic_legislative_get_string (volunteer, "family_name");
  const char *korean = civic_legislative_get_string (volunteer, "name_ko");

  /* A preferred name is the whole name the person goes by, unless it
   * is only a first name, in which case the family name completes it.
   */
  if (has_text (preferred))
    {
      if (has_text (family) && strchr (preferred, ' ') == NULL)
        return g_strdup_printf ("%s %s", preferred, family);
      return g_strdup (preferred);
    }

  if (has_text (given) && has_text (family))
    return g_strdup_printf ("%s %s", given, family);
  if (has_text (given))
    return g_strdup (given);
  if (has_text (family))
    return g_strdup (family);
  if (has_text (korean))
    return g_strdup (korean);

  return NULL;
}

char *
civic_legislative_now_instant (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
civic_legislative_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
