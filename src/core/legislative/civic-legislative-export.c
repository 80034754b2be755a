/* civic-legislative-export.c — legislators, visits, follow-ups and a whip count as CSV
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-legislative-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-csv.h"
#include "civic-follow-ups.h"
#include "civic-json.h"
#include "civic-legislative-export.h"
#include "civic-legislator.h"

static const char * const export_names[] = {
  [CIVIC_LEGISLATIVE_EXPORT_LEGISLATORS] = "legislators",
  [CIVIC_LEGISLATIVE_EXPORT_VISITS] = "visits",
  [CIVIC_LEGISLATIVE_EXPORT_FOLLOW_UPS] = "follow-ups",
  [CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT] = "whip-count",
};

gboolean
civic_legislative_export_from_string (const char             *text,
                                      CivicLegislativeExport *out_what)
{
  g_return_val_if_fail (out_what != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (export_names); i++)
    if (strcmp (text, export_names[i]) == 0)
      {
        *out_what = (CivicLegislativeExport) i;
        return TRUE;
      }

  return FALSE;
}

const char *
civic_legislative_export_to_string (CivicLegislativeExport what)
{
  g_return_val_if_fail (what < G_N_ELEMENTS (export_names), NULL);

  return export_names[what];
}

/* Joins a JSON array's strings (or, for objects, their @member) with "; ". */
static char *
join_array (JsonArray  *array,
            const char *member)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *text = NULL;

      if (member == NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        text = json_node_get_string (node);
      else if (member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        text = civic_legislative_get_string (json_node_get_object (node), member);

      if (text == NULL || text[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
first_office (JsonObject *legislator,
              const char *kind)
{
  JsonArray *offices = civic_json_object_get_array_or_null (legislator, "offices");

  for (guint i = 0; offices != NULL && i < json_array_get_length (offices); i++)
    {
      JsonNode *node = json_array_get_element (offices, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (civic_legislative_get_string (json_node_get_object (node), "kind"), kind) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

static const char *
chamber_label (const char *chamber)
{
  return chamber != NULL ? civic_legislator_chamber_get_label (chamber) : NULL;
}

static gboolean
export_legislators (CivicStore  *store,
                    GString     *out,
                    GError     **error)
{
  static const char * const header[] = {
    "id", "name", "chamber", "chamber_label", "state", "district", "party",
    "capitol_address", "capitol_phone", "district_address", "district_phone",
    "email", "staff", "committees", "bioguide_id", "openstates_id", "last_visit",
  };
  g_autoptr(GPtrArray) legislators = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GHashTable) last_visit = g_hash_table_new (g_str_hash, g_str_equal);

  legislators = civic_store_list (store, "legislator", error);
  if (legislators == NULL)
    return FALSE;
  visits = civic_store_list (store, "visit", error);
  if (visits == NULL)
    return FALSE;

  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      const char *legislator_id = civic_legislative_get_string (visit, "legislator_id");
      const char *occurs_at = civic_legislative_get_string (visit, "occurs_at");
      const char *known;

      if (legislator_id == NULL || occurs_at == NULL)
        continue;
      known = g_hash_table_lookup (last_visit, legislator_id);
      if (known == NULL || civic_positions_compare_instants (occurs_at, known) > 0)
        g_hash_table_insert (last_visit, (gpointer) legislator_id, (gpointer) occurs_at);
    }

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < legislators->len; i++)
    {
      JsonObject *legislator = g_ptr_array_index (legislators, i);
      JsonObject *capitol = first_office (legislator, "capitol");
      JsonObject *district = first_office (legislator, "district");
      JsonObject *ids = civic_json_object_get_object_or_null (legislator, "ids");
      const char *id = civic_legislative_get_string (legislator, "_id");
      const char *chamber = civic_legislative_get_string (legislator, "chamber");
      g_autofree char *staff = join_array (civic_json_object_get_array_or_null (legislator, "staff"), "name");
      g_autofree char *committees = join_array (civic_json_object_get_array_or_null (legislator, "committees"), NULL);
      const char *row[] = {
        id,
        civic_legislative_get_string (legislator, "name"),
        chamber,
        chamber_label (chamber),
        civic_legislative_get_string (legislator, "state"),
        civic_legislative_get_string (legislator, "district"),
        civic_legislative_get_string (legislator, "party"),
        civic_legislative_get_string (capitol, "address"),
        civic_legislative_get_string (capitol, "phone"),
        civic_legislative_get_string (district, "address"),
        civic_legislative_get_string (district, "phone"),
        civic_legislative_get_string (legislator, "email"),
        staff,
        committees,
        civic_legislative_get_string (ids, "bioguide"),
        civic_legislative_get_string (ids, "openstates"),
        id != NULL ? g_hash_table_lookup (last_visit, id) : NULL,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
      civic_csv_append_row (out, row, G_N_ELEMENTS (row));
    }

  return TRUE;
}

static GHashTable *
index_by_id (GPtrArray *docs)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = civic_legislative_get_string (doc, "_id");

      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, doc);
    }

  return by_id;
}

static char *
attendee_names (JsonObject *visit,
                GHashTable *volunteers)
{
  JsonArray *attendees = civic_json_object_get_array_or_null (visit, "attendees");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonNode *node = json_array_get_element (attendees, i);
      const char *volunteer_id;
      const char *role;
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      volunteer_id = civic_legislative_get_string (json_node_get_object (node), "volunteer_id");
      role = civic_legislative_get_string (json_node_get_object (node), "role");
      if (volunteer_id == NULL)
        continue;

      name = civic_legislative_volunteer_name (g_hash_table_lookup (volunteers, volunteer_id));
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, name != NULL ? name : volunteer_id);
      if (role != NULL)
        g_string_append_printf (out, " (%s)", role);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
export_visits (CivicStore  *store,
               GString     *out,
               GError     **error)
{
  static const char * const header[] = {
    "id", "occurs_at", "legislator_id", "legislator", "format", "met_with", "staff_name",
    "attendees", "issues", "bills", "ask", "position", "position_label", "commitments",
    "notes", "follow_ups", "event_id", "room",
  };
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) legislators = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GHashTable) legislators_by_id = NULL;
  g_autoptr(GHashTable) volunteers_by_id = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) wanted_ids = g_ptr_array_new ();

  visits = civic_store_list (store, "visit", error);
  if (visits == NULL)
    return FALSE;
  legislators = civic_store_list (store, "legislator", error);
  if (legislators == NULL)
    return FALSE;

  /* Only the attendees' volunteer documents, not the whole roster. */
  for (guint i = 0; i < visits->len; i++)
    {
      JsonArray *attendees = civic_json_object_get_array_or_null (g_ptr_array_index (visits, i),
                                                                  "attendees");

      for (guint j = 0; attendees != NULL && j < json_array_get_length (attendees); j++)
        {
          JsonNode *node = json_array_get_element (attendees, j);
          const char *volunteer_id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          volunteer_id = civic_legislative_get_string (json_node_get_object (node), "volunteer_id");
          if (volunteer_id != NULL && g_hash_table_add (wanted, (gpointer) volunteer_id))
            g_ptr_array_add (wanted_ids, (gpointer) volunteer_id);
        }
    }
  g_ptr_array_add (wanted_ids, NULL);
  volunteers = civic_store_get_many (store, (const char * const *) wanted_ids->pdata, error);
  if (volunteers == NULL)
    return FALSE;

  legislators_by_id = index_by_id (legislators);
  volunteers_by_id = index_by_id (volunteers);

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      const char *legislator_id = civic_legislative_get_string (visit, "legislator_id");
      JsonObject *legislator = legislator_id != NULL
                                 ? g_hash_table_lookup (legislators_by_id, legislator_id) : NULL;
      JsonObject *met_with = civic_json_object_get_object_or_null (visit, "met_with");
      const char *position = civic_legislative_get_string (visit, "position");
      JsonArray *follow_ups = civic_json_object_get_array_or_null (visit, "follow_ups");
      g_autofree char *attendees = attendee_names (visit, volunteers_by_id);
      g_autofree char *issues = join_array (civic_json_object_get_array_or_null (visit, "issues"), NULL);
      g_autofree char *bills = join_array (civic_json_object_get_array_or_null (visit, "bills"), NULL);
      g_autofree char *n_follow_ups = g_strdup_printf ("%u", follow_ups != NULL ? json_array_get_length (follow_ups) : 0);
      const char *row[] = {
        civic_legislative_get_string (visit, "_id"),
        civic_legislative_get_string (visit, "occurs_at"),
        legislator_id,
        civic_legislative_get_string (legislator, "name"),
        civic_legislative_get_string (visit, "format"),
        met_with != NULL ? civic_legislative_get_string (met_with, "kind")
                         : civic_legislative_get_string (visit, "met_with"),
        civic_legislative_get_string (met_with, "name"),
        attendees,
        issues,
        bills,
        civic_legislative_get_string (visit, "ask"),
        position,
        position != NULL ? civic_position_get_label (civic_position_from_string (position)) : NULL,
        civic_legislative_get_string (visit, "commitments"),
        civic_legislative_get_string (visit, "notes"),
        n_follow_ups,
        civic_legislative_get_string (visit, "event_id"),
        civic_legislative_get_string (visit, "room"),
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
      civic_csv_append_row (out, row, G_N_ELEMENTS (row));
    }

  return TRUE;
}

static gboolean
export_follow_ups (CivicStore  *store,
                   const char  *today,
                   GString     *out,
                   GError     **error)
{
  static const char * const header[] = {
    "task", "owner_id", "owner", "due_on", "done_at", "state", "state_label",
    "legislator_id", "legislator", "visit_id", "visit_occurs_at",
  };
  g_autoptr(GPtrArray) follow_ups = civic_follow_ups_list (store, today, error);

  if (follow_ups == NULL)
    return FALSE;

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < follow_ups->len; i++)
    {
      CivicFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      const char *row[] = {
        follow_up->task,
        follow_up->owner_id,
        follow_up->owner_name,
        follow_up->due_on,
        follow_up->done_at,
        civic_follow_up_state_to_string (follow_up->state),
        civic_follow_up_state_get_label (follow_up->state),
        follow_up->legislator_id,
        follow_up->legislator_name,
        follow_up->visit_id,
        follow_up->visit_occurs_at,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
      civic_csv_append_row (out, row, G_N_ELEMENTS (row));
    }

  return TRUE;
}

static gboolean
export_whip_count (CivicStore             *store,
                   const char             *topic,
                   const CivicWhipFilter  *filter,
                   GString                *out,
                   GError                **error)
{
  static const char * const header[] = {
    "legislator_id", "name", "chamber", "state", "district", "party",
    "position", "position_label", "heard_at", "visits",
  };
  g_autoptr(CivicWhipCount) count = NULL;

  if (topic == NULL || topic[0] == '\0')
    {
      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_INVALID,
                   _("A whip count needs an issue or a bill"));
      return FALSE;
    }

  count = civic_whip_count_compute (store, topic, filter, error);
  if (count == NULL)
    return FALSE;

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < count->rows->len; i++)
    {
      CivicWhipRow *whip = g_ptr_array_index (count->rows, i);
      g_autofree char *n_visits = g_strdup_printf ("%u", whip->n_visits);
      const char *row[] = {
        whip->legislator_id,
        whip->name,
        whip->chamber,
        whip->state,
        whip->district,
        whip->party,
        civic_position_to_string (whip->position),
        civic_position_get_label (whip->position),
        whip->heard_at,
        n_visits,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (header));
      civic_csv_append_row (out, row, G_N_ELEMENTS (row));
    }

  return TRUE;
}

char *
civic_legislative_export_csv (CivicStore             *store,
                              CivicLegislativeExport  what,
                              const char             *topic,
                              const CivicWhipFilter  *filter,
                              const char             *today,
                              GError                **error)
{
  GString *out;
  gboolean ok = FALSE;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  out = civic_csv_buffer_new (CIVIC_CSV_WRITE_NONE);
  switch (what)
    {
    case CIVIC_LEGISLATIVE_EXPORT_LEGISLATORS:
      ok = export_legislators (store, out, error);
      break;
    case CIVIC_LEGISLATIVE_EXPORT_VISITS:
      ok = export_visits (store, out, error);
      break;
    case CIVIC_LEGISLATIVE_EXPORT_FOLLOW_UPS:
      ok = export_follow_ups (store, today, out, error);
      break;
    case CIVIC_LEGISLATIVE_EXPORT_WHIP_COUNT:
      ok = export_whip_count (store, topic, filter, out, error);
      break;
    default:
      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_INVALID,
                   _("Unknown export %d"), (int) what);
      break;
    }

  if (!ok)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

gboolean
civic_legislative_export_csv_to_file (CivicStore             *store,
                                      CivicLegislativeExport  what,
                                      const char             *topic,
                                      const CivicWhipFilter  *filter,
                                      GFile                  *file,
                                      GCancellable           *cancellable,
                                      GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = civic_legislative_export_csv (store, what, topic, filter, NULL, error);
  if (text == NULL)
    return FALSE;

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
