/* civic-lobby-day.c — a lobby day: its meetings, teams, rooms, and double-booked attendees
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-lobby-day"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-json.h"
#include "civic-lobby-day.h"
#include "civic-positions.h"

static void
attendee_free (CivicLobbyAttendee *attendee)
{
  g_free (attendee->volunteer_id);
  g_free (attendee->name);
  g_free (attendee->role);
  g_free (attendee);
}

void
civic_lobby_meeting_free (CivicLobbyMeeting *meeting)
{
  if (meeting == NULL)
    return;

  g_free (meeting->visit_id);
  g_free (meeting->legislator_id);
  g_free (meeting->legislator_name);
  g_free (meeting->starts_at);
  g_free (meeting->ends_at);
  g_free (meeting->room);
  g_free (meeting->format);
  g_free (meeting->met_with);
  g_free (meeting->ask);
  g_strfreev (meeting->issues);
  g_strfreev (meeting->bills);
  g_clear_pointer (&meeting->team, g_ptr_array_unref);
  g_free (meeting);
}

void
civic_lobby_conflict_free (CivicLobbyConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->volunteer_id);
  g_free (conflict->volunteer_name);
  g_free (conflict->first_visit_id);
  g_free (conflict->second_visit_id);
  g_free (conflict);
}

static void
team_free (CivicLobbyTeam *team)
{
  g_free (team->name);
  g_strfreev (team->volunteer_ids);
  g_clear_pointer (&team->meetings, g_ptr_array_unref);
  g_free (team);
}

void
civic_lobby_day_free (CivicLobbyDay *day)
{
  if (day == NULL)
    return;

  g_free (day->event_id);
  g_free (day->title);
  g_free (day->starts_at);
  g_clear_pointer (&day->teams, g_ptr_array_unref);
  g_clear_pointer (&day->conflicts, g_ptr_array_unref);
  g_clear_pointer (&day->meetings, g_ptr_array_unref);
  g_free (day);
}

static GStrv
dup_strings (JsonObject *object,
             const char *member)
{
  JsonArray *array = civic_json_object_get_array_or_null (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static char *
default_end (const char *starts_at)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (starts_at, NULL);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) end_utc = NULL;

  if (start == NULL)
    return NULL;

  end = g_date_time_add_minutes (start, CIVIC_LOBBY_DAY_DEFAULT_MINUTES);
  end_utc = g_date_time_to_utc (end);

  return g_date_time_format (end_utc, "%Y-%m-%dT%H:%M:%SZ");
}

CivicLobbyMeeting *
civic_lobby_meeting_new_from_visit (JsonObject *visit,
                                    GHashTable *legislators,
                                    GHashTable *volunteers)
{
  CivicLobbyMeeting *meeting;
  JsonArray *attendees;
  const char *ends_at;
  JsonObject *met_with_object;

  g_return_val_if_fail (visit != NULL, NULL);

  meeting = g_new0 (CivicLobbyMeeting, 1);
  meeting->visit_id = g_strdup (civic_legislative_get_string (visit, "_id"));
  meeting->legislator_id = g_strdup (civic_legislative_get_string (visit, "legislator_id"));
  if (legislators != NULL && meeting->legislator_id != NULL)
    meeting->legislator_name = g_strdup (civic_legislative_get_string (
        g_hash_table_lookup (legislators, meeting->legislator_id), "name"));
  meeting->starts_at = g_strdup (civic_legislative_get_string (visit, "occurs_at"));
  ends_at = civic_legislative_get_string (visit, "ends_at");
  if (ends_at != NULL && meeting->starts_at != NULL)
    meeting->ends_at = g_strdup (ends_at);
  else if (meeting->starts_at != NULL)
    {
      meeting->ends_at = default_end (meeting->starts_at);
      meeting->ends_assumed = TRUE;
    }
  meeting->room = g_strdup (civic_legislative_get_string (visit, "room"));
  meeting->format = g_strdup (civic_legislative_get_string (visit, "format"));
  meeting->ask = g_strdup (civic_legislative_get_string (visit, "ask"));

  /* met_with is {"kind": "member"|"staff", "name": the staffer}; the
   * schedule shows the staffer's name, else the kind.
   */
  met_with_object = civic_json_object_get_object_or_null (visit, "met_with");
  if (met_with_object != NULL)
    {
      const char *kind = civic_legislative_get_string (met_with_object, "kind");
      const char *name = civic_legislative_get_string (met_with_object, "name");

      meeting->met_with = name != NULL ? g_strdup (name) : g_strdup (kind);
    }
  else
    meeting->met_with = g_strdup (civic_legislative_get_string (visit, "met_with"));

  meeting->issues = dup_strings (visit, "issues");
  meeting->bills = dup_strings (visit, "bills");

  meeting->team = g_ptr_array_new_with_free_func ((GDestroyNotify) attendee_free);
  attendees = civic_json_object_get_array_or_null (visit, "attendees");
  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonNode *node = json_array_get_element (attendees, i);
      JsonObject *item;
      CivicLobbyAttendee *attendee;
      JsonObject *volunteer;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      item = json_node_get_object (node);
      attendee = g_new0 (CivicLobbyAttendee, 1);
      attendee->volunteer_id = g_strdup (civic_legislative_get_string (item, "volunteer_id"));
      attendee->role = g_strdup (civic_legislative_get_string (item, "role"));
      attendee->constituent = civic_json_object_get_boolean_or (item, "constituent", FALSE);
      volunteer = volunteers != NULL && attendee->volunteer_id != NULL
                    ? g_hash_table_lookup (volunteers, attendee->volunteer_id) : NULL;
      if (volunteer != NULL)
        attendee->name = civic_legislative_volunteer_name (volunteer);
      g_ptr_array_add (meeting->team, attendee);
    }

  return meeting;
}

static int
meeting_compare (gconstpointer a,
                 gconstpointer b)
{
  const CivicLobbyMeeting *ma = *(const CivicLobbyMeeting * const *) a;
  const CivicLobbyMeeting *mb = *(const CivicLobbyMeeting * const *) b;
  int cmp;

  /* Meetings without a time go last. */
  if ((ma->starts_at == NULL) != (mb->starts_at == NULL))
    return ma->starts_at == NULL ? 1 : -1;

  cmp = civic_positions_compare_instants (ma->starts_at, mb->starts_at);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (ma->visit_id, mb->visit_id);
}

typedef struct {
  CivicLobbyMeeting *meeting;
  gint64             start;  /* Unix seconds */
  gint64             end;
} Slot;

static gboolean
meeting_slot (CivicLobbyMeeting *meeting,
              Slot              *slot)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (meeting->starts_at == NULL || meeting->ends_at == NULL)
    return FALSE;

  start = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
  end = g_date_time_new_from_iso8601 (meeting->ends_at, NULL);
  if (start == NULL || end == NULL)
    return FALSE;

  slot->meeting = meeting;
  slot->start = g_date_time_to_unix (start);
  slot->end = g_date_time_to_unix (end);
  /* An end before the start is a typing error; the default length is
   * still a better guess than an empty meeting.
   */
  if (slot->end <= slot->start)
    slot->end = slot->start + CIVIC_LOBBY_DAY_DEFAULT_MINUTES * 60;

  return TRUE;
}

GPtrArray *
civic_lobby_day_find_conflicts (GPtrArray *meetings)
{
  g_autoptr(GHashTable) by_volunteer = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GPtrArray) volunteer_ids = g_ptr_array_new ();
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_lobby_conflict_free);

  g_return_val_if_fail (meetings != NULL, conflicts);

  /* A borrowed view: g_ptr_array_copy() would take the free function along. */
  sorted = g_ptr_array_sized_new (meetings->len);
  for (guint i = 0; i < meetings->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (meetings, i));
  g_ptr_array_sort (sorted, meeting_compare);
  for (guint i = 0; i < sorted->len; i++)
    {
      Slot slot;

      if (meeting_slot (g_ptr_array_index (sorted, i), &slot))
        g_array_append_val (slots, slot);
    }

  /* volunteer id → GArray of slot indices, in time order. */
  by_volunteer = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < slots->len; i++)
    {
      CivicLobbyMeeting *meeting = g_array_index (slots, Slot, i).meeting;

      for (guint j = 0; j < meeting->team->len; j++)
        {
          CivicLobbyAttendee *attendee = g_ptr_array_index (meeting->team, j);
          GArray *indices;

          if (attendee->volunteer_id == NULL)
            continue;

          indices = g_hash_table_lookup (by_volunteer, attendee->volunteer_id);
          if (indices == NULL)
            {
              indices = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (by_volunteer, attendee->volunteer_id, indices);
              g_ptr_array_add (volunteer_ids, attendee);
            }
          /* Listed twice in one meeting is not a double booking. */
          if (indices->len == 0 || g_array_index (indices, guint, indices->len - 1) != i)
            g_array_append_val (indices, i);
        }
    }

  /* Volunteers in order of first appearance keep the report stable. */
  for (guint v = 0; v < volunteer_ids->len; v++)
    {
      CivicLobbyAttendee *attendee = g_ptr_array_index (volunteer_ids, v);
      GArray *indices = g_hash_table_lookup (by_volunteer, attendee->volunteer_id);

      for (guint a = 0; a < indices->len; a++)
        for (guint b = a + 1; b < indices->len; b++)
          {
            Slot *sa = &g_array_index (slots, Slot, g_array_index (indices, guint, a));
            Slot *sb = &g_array_index (slots, Slot, g_array_index (indices, guint, b));
            CivicLobbyConflict *conflict;

            /* Sorted by start: once b starts after a ends, later ones do too. */
            if (sb->start >= sa->end)
              break;

            conflict = g_new0 (CivicLobbyConflict, 1);
            conflict->volunteer_id = g_strdup (attendee->volunteer_id);
            conflict->volunteer_name = g_strdup (attendee->name);
            conflict->first_visit_id = g_strdup (sa->meeting->visit_id);
            conflict->second_visit_id = g_strdup (sb->meeting->visit_id);
            g_ptr_array_add (conflicts, conflict);
          }
    }

  return conflicts;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted, distinct volunteer ids of a meeting, joined into a key;
 * %NULL for a meeting without attendees.
 */
static char *
team_key (CivicLobbyMeeting *meeting,
          GStrv             *out_ids)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < meeting->team->len; i++)
    {
      CivicLobbyAttendee *attendee = g_ptr_array_index (meeting->team, i);

      if (attendee->volunteer_id != NULL &&
          !g_ptr_array_find_with_equal_func (ids, attendee->volunteer_id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (attendee->volunteer_id));
    }

  if (ids->len == 0)
    return NULL;

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  *out_ids = (GStrv) g_ptr_array_steal (ids, NULL);

  return g_strjoinv ("\n", *out_ids);
}

static char *
team_name (CivicLobbyMeeting *meeting)
{
  CivicLobbyAttendee *lead = NULL;

  for (guint i = 0; i < meeting->team->len && lead == NULL; i++)
    {
      CivicLobbyAttendee *attendee = g_ptr_array_index (meeting->team, i);

      if (g_strcmp0 (attendee->role, "leader") == 0)
        lead = attendee;
    }
  if (lead == NULL)
    lead = g_ptr_array_index (meeting->team, 0);

  return g_strdup (lead->name != NULL ? lead->name : lead->volunteer_id);
}

static GPtrArray *
group_teams (GPtrArray *meetings)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *teams = g_ptr_array_new_with_free_func ((GDestroyNotify) team_free);

  for (guint i = 0; i < meetings->len; i++)
    {
      CivicLobbyMeeting *meeting = g_ptr_array_index (meetings, i);
      GStrv ids = NULL;
      char *key = team_key (meeting, &ids);
      CivicLobbyTeam *team;

      if (key == NULL)
        continue;

      team = g_hash_table_lookup (by_key, key);
      if (team == NULL)
        {
          team = g_new0 (CivicLobbyTeam, 1);
          team->name = team_name (meeting);
          team->volunteer_ids = g_steal_pointer (&ids);
          team->meetings = g_ptr_array_new ();
          g_ptr_array_add (teams, team);
          g_hash_table_insert (by_key, g_steal_pointer (&key), team);
        }

      g_ptr_array_add (team->meetings, meeting);
      g_strfreev (ids);
      g_free (key);
    }

  return teams;
}

static void
load_documents (CivicStore *store,
                GHashTable *into,
                GPtrArray  *keep,
                const char *id)
{
  JsonObject *doc;

  if (id == NULL || g_hash_table_contains (into, id))
    return;

  doc = civic_store_get (store, id, NULL);
  if (doc == NULL)
    return;

  g_ptr_array_add (keep, doc);
  g_hash_table_insert (into, (gpointer) civic_legislative_get_string (doc, "_id"), doc);
}

CivicLobbyDay *
civic_lobby_day_load (CivicStore  *store,
                      const char  *event_id,
                      GError     **error)
{
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) legislators = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) volunteers = g_hash_table_new (g_str_hash, g_str_equal);
  CivicLobbyDay *day;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  event = civic_store_get (store, event_id, error);
  if (event == NULL)
    return NULL;

  if (g_strcmp0 (civic_legislative_get_string (event, "kind"), "legislative_visit") != 0)
    {
      const char *title = civic_legislative_get_string (event, "title");

      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_NOT_LOBBY_DAY,
                   _("The event “%s” is not a legislative visit day"),
                   title != NULL ? title : event_id);
      return NULL;
    }

  visits = civic_store_list_by_ref (store, "visit", CIVIC_STORE_REF_2, event_id, error);
  if (visits == NULL)
    return NULL;

  /* A lobby day has tens of meetings: reading each named legislator and
   * volunteer by id costs less than listing whole tables.
   */
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      JsonArray *attendees = civic_json_object_get_array_or_null (visit, "attendees");

      load_documents (store, legislators, keep, civic_legislative_get_string (visit, "legislator_id"));
      for (guint j = 0; attendees != NULL && j < json_array_get_length (attendees); j++)
        {
          JsonNode *node = json_array_get_element (attendees, j);

          if (JSON_NODE_HOLDS_OBJECT (node))
            load_documents (store, volunteers, keep,
                            civic_legislative_get_string (json_node_get_object (node),
                                                          "volunteer_id"));
        }
    }

  day = g_new0 (CivicLobbyDay, 1);
  day->event_id = g_strdup (event_id);
  day->title = g_strdup (civic_legislative_get_string (event, "title"));
  day->starts_at = g_strdup (civic_legislative_get_string (event, "starts_at"));
  day->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_lobby_meeting_free);
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);

      if (g_strcmp0 (civic_legislative_get_string (visit, "event_id"), event_id) == 0)
        g_ptr_array_add (day->meetings,
                         civic_lobby_meeting_new_from_visit (visit, legislators, volunteers));
    }
  g_ptr_array_sort (day->meetings, meeting_compare);
  day->teams = group_teams (day->meetings);
  day->conflicts = civic_lobby_day_find_conflicts (day->meetings);

  return day;
}
