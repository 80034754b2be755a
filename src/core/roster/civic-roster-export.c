/* civic-roster-export.c — roster, signups and hours as CSV; the hours report
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-roster-export"

#include "config.h"

#include <string.h>

#include "civic-csv.h"
#include "civic-derived.h"
#include "civic-roster-export.h"
#include "civic-text.h"
#include "civic-volunteer.h"

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
join_strv (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  GString *out = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          if (out->len > 0)
            g_string_append (out, "; ");
          g_string_append (out, json_node_get_string (element));
        }
    }
  return g_string_free (out, FALSE);
}

/* {"weekday": ["evening"], "weekend": ["morning", "afternoon"]} →
 * "weekday evening; weekend morning; weekend afternoon".
 */
static char *
format_availability (JsonObject *doc)
{
  JsonNode *node = json_object_get_member (doc, "availability");
  GString *out = g_string_new (NULL);
  static const char * const days[] = { "weekday", "weekend" };

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      {
        JsonNode *slots = json_object_get_member (json_node_get_object (node), days[d]);

        if (slots == NULL || !JSON_NODE_HOLDS_ARRAY (slots))
          continue;
        for (guint i = 0; i < json_array_get_length (json_node_get_array (slots)); i++)
          {
            JsonNode *slot = json_array_get_element (json_node_get_array (slots), i);

            if (!JSON_NODE_HOLDS_VALUE (slot) || json_node_get_value_type (slot) != G_TYPE_STRING)
              continue;
            if (out->len > 0)
              g_string_append (out, "; ");
            g_string_append_printf (out, "%s %s", days[d], json_node_get_string (slot));
          }
      }
  return g_string_free (out, FALSE);
}

static char *
format_contact (JsonObject *doc)
{
  JsonNode *node = json_object_get_member (doc, "emergency_contact");
  JsonObject *contact;
  const char *name, *phone;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("");
  contact = json_node_get_object (node);
  name = member_string (contact, "name");
  phone = member_string (contact, "phone");
  if (name != NULL && phone != NULL)
    return g_strdup_printf ("%s %s", name, phone);
  return g_strdup (name != NULL ? name : phone != NULL ? phone : "");
}

static char *
display_name (JsonObject *doc)
{
  g_autoptr(CivicRecord) record = civic_record_new_from_json (doc, NULL);

  if (record == NULL || !CIVIC_IS_VOLUNTEER (record))
    return g_strdup (member_string (doc, "_id"));
  return civic_volunteer_dup_display_name (CIVIC_VOLUNTEER (record));
}

typedef struct {
  JsonObject *doc;
  char       *sort_key;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *sa = a, *sb = b;
  int r = strcmp (sa->sort_key, sb->sort_key);

  return r != 0 ? r : g_strcmp0 (member_string (sa->doc, "_id"), member_string (sb->doc, "_id"));
}

gboolean
civic_roster_export_volunteers (CivicStore  *store,
                                GString     *out,
                                GError     **error)
{
  static const char * const header[] = {
    "ID", "Given name", "Family name", "Korean name", "Preferred name", "Phone", "Email",
    "Languages", "Skills", "Office", "Age group", "Availability", "Active", "Joined on",
    "Emergency contact", "Notes",
  };
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GHashTable) office_names = NULL;
  g_autoptr(GArray) sorted = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  volunteers = civic_store_list (store, "volunteer", error);
  if (volunteers == NULL)
    return FALSE;
  offices = civic_store_list (store, "office", error);
  if (offices == NULL)
    return FALSE;

  office_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < offices->len; i++)
    {
      JsonObject *o = g_ptr_array_index (offices, i);

      if (member_string (o, "_id") != NULL && member_string (o, "name") != NULL)
        g_hash_table_insert (office_names, (gpointer) member_string (o, "_id"),
                             (gpointer) member_string (o, "name"));
    }

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (Sorted), volunteers->len);
  for (guint i = 0; i < volunteers->len; i++)
    {
      Sorted s = { g_ptr_array_index (volunteers, i), NULL };
      g_autofree char *name = display_name (s.doc);

      s.sort_key = civic_text_fold (name);
      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_sorted);

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < sorted->len; i++)
    {
      Sorted *s = &g_array_index (sorted, Sorted, i);
      JsonObject *doc = s->doc;
      g_autofree char *languages = join_strv (doc, "languages");
      g_autofree char *skills = join_strv (doc, "skills");
      g_autofree char *availability = format_availability (doc);
      g_autofree char *contact = format_contact (doc);
      const char *office_id = member_string (doc, "office_id");
      const char *office = office_id != NULL ? g_hash_table_lookup (office_names, office_id) : NULL;
      gboolean active = !json_object_has_member (doc, "active")
                        || json_object_get_boolean_member_with_default (doc, "active", TRUE);
      const char *row[] = {
        member_string (doc, "_id"),
        member_string (doc, "given_name"),
        member_string (doc, "family_name"),
        member_string (doc, "name_ko"),
        member_string (doc, "preferred_name"),
        member_string (doc, "phone"),
        member_string (doc, "email"),
        languages,
        skills,
        office != NULL ? office : office_id,
        member_string (doc, "age_group"),
        availability,
        active ? "yes" : "no",
        member_string (doc, "joined_on"),
        contact,
        member_string (doc, "notes"),
      };

      civic_csv_append_row (out, row, G_N_ELEMENTS (row));
      g_free (s->sort_key);
    }
  return TRUE;
}

/* ---- Signups -------------------------------------------------------------- */

static int
compare_queue_order (gconstpointer a,
                     gconstpointer b)
{
  return civic_signup_compare_queue_order (*(CivicSignup * const *) a, *(CivicSignup * const *) b);
}

static gboolean
append_shift_signups (CivicStore  *store,
                      JsonObject  *shift_doc,
                      const char  *occurrence,
                      GHashTable  *volunteers,
                      GString     *out,
                      GError     **error)
{
  const char *shift_id = member_string (shift_doc, "_id");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) by_occurrence = NULL;
  g_autoptr(CivicRecord) shift = civic_record_new_from_json (shift_doc, NULL);
  g_autoptr(GList) keys = NULL;
  int capacity;

  docs = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, shift_id, error);
  if (docs == NULL)
    return FALSE;
  capacity = shift != NULL && CIVIC_IS_SHIFT (shift) ? civic_shift_get_capacity (CIVIC_SHIFT (shift)) : 0;

  /* The waitlist is per occurrence: partition each one on its own. */
  by_occurrence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *occ = member_string (doc, "occurrence");
      CivicRecord *record;
      GPtrArray *list;

      if (occurrence != NULL && g_strcmp0 (occ, occurrence) != 0)
        continue;
      record = civic_record_new_from_json (doc, NULL);
      if (record == NULL || !CIVIC_IS_SIGNUP (record))
        {
          g_clear_object (&record);
          continue;
        }
      list = g_hash_table_lookup (by_occurrence, occ != NULL ? occ : "");
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_occurrence, g_strdup (occ != NULL ? occ : ""), list);
        }
      g_ptr_array_add (list, record);
    }

  keys = g_hash_table_get_keys (by_occurrence);
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      GPtrArray *list = g_hash_table_lookup (by_occurrence, l->data);
      g_autoptr(GPtrArray) in = NULL;
      g_autoptr(GPtrArray) waitlisted = NULL;
      g_autoptr(GHashTable) position = g_hash_table_new (NULL, NULL);

      civic_signups_partition (list, capacity > 0 ? (guint) capacity : 0, &in, &waitlisted);
      for (guint i = 0; i < waitlisted->len; i++)
        g_hash_table_insert (position, g_ptr_array_index (waitlisted, i), GUINT_TO_POINTER (i + 1));

      /* Queue order first (in, then the waitlist), then everyone else. */
      g_ptr_array_sort (list, compare_queue_order);
      for (guint pass = 0; pass < 3; pass++)
        {
          GPtrArray *group = pass == 0 ? in : pass == 1 ? waitlisted : list;

          for (guint i = 0; i < group->len; i++)
            {
              CivicSignup *signup = g_ptr_array_index (group, i);
              JsonObject *volunteer;
              g_autofree char *name = NULL;
              g_autofree char *pos = NULL;
              guint waitlist_position = GPOINTER_TO_UINT (g_hash_table_lookup (position, signup));
              const char *row[12];

              if (pass == 2 && civic_signup_status_is_queued (civic_signup_get_status (signup)))
                continue;
              volunteer = g_hash_table_lookup (volunteers, civic_signup_get_volunteer_id (signup) ?: "");
              name = volunteer != NULL ? display_name (volunteer)
                                       : g_strdup (civic_signup_get_volunteer_id (signup));
              if (waitlist_position > 0)
                pos = g_strdup_printf ("%u", waitlist_position);

              row[0] = shift_id;
              row[1] = member_string (shift_doc, "role");
              row[2] = civic_signup_get_occurrence (signup);
              row[3] = name;
              row[4] = member_string (volunteer, "name_ko");
              row[5] = member_string (volunteer, "phone");
              row[6] = civic_signup_get_status (signup);
              row[7] = waitlist_position > 0 ? "yes" : "no";
              row[8] = pos;
              row[9] = civic_signup_get_checked_in_at (signup);
              row[10] = civic_signup_get_checked_out_at (signup);
              row[11] = civic_signup_get_source (signup);
              civic_csv_append_row (out, row, G_N_ELEMENTS (row));
            }
        }
    }
  return TRUE;
}

gboolean
civic_roster_export_signups (CivicStore  *store,
                             const char  *shift_id,
                             const char  *occurrence,
                             GString     *out,
                             GError     **error)
{
  static const char * const header[] = {
    "Shift ID", "Role", "Occurrence", "Name", "Korean name", "Phone", "Status",
    "Waitlisted", "Waitlist position", "Checked in", "Checked out", "Source",
  };
  g_autoptr(GPtrArray) volunteer_docs = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) volunteers = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (shift_id != NULL)
    {
      JsonObject *shift = civic_store_get (store, shift_id, error);

      if (shift == NULL)
        return FALSE;
      shifts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_ptr_array_add (shifts, shift);
    }
  else
    {
      shifts = civic_store_list (store, "shift", error);
      if (shifts == NULL)
        return FALSE;
    }

  volunteer_docs = civic_store_list (store, "volunteer", error);
  if (volunteer_docs == NULL)
    return FALSE;
  volunteers = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < volunteer_docs->len; i++)
    {
      JsonObject *v = g_ptr_array_index (volunteer_docs, i);

      if (member_string (v, "_id") != NULL)
        g_hash_table_insert (volunteers, (gpointer) member_string (v, "_id"), v);
    }

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < shifts->len; i++)
    if (!append_shift_signups (store, g_ptr_array_index (shifts, i), occurrence, volunteers, out, error))
      return FALSE;
  return TRUE;
}

/* ---- Hours ---------------------------------------------------------------- */

void
civic_hours_row_free (CivicHoursRow *row)
{
  if (row == NULL)
    return;
  g_free (row->volunteer_id);
  g_free (row->name);
  g_free (row->name_ko);
  g_free (row);
}

static int
compare_hours_rows (gconstpointer a,
                    gconstpointer b)
{
  const CivicHoursRow *ra = *(const CivicHoursRow * const *) a;
  const CivicHoursRow *rb = *(const CivicHoursRow * const *) b;
  g_autofree char *ka = civic_text_fold (ra->name);
  g_autofree char *kb = civic_text_fold (rb->name);
  int r = strcmp (ka, kb);

  return r != 0 ? r : strcmp (ra->volunteer_id, rb->volunteer_id);
}

GPtrArray *
civic_roster_hours_report (CivicStore  *store,
                           const char  *from,
                           const char  *to,
                           const char  *campaign_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  volunteers = civic_store_list (store, "volunteer", error);
  if (volunteers == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_hours_row_free);
  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (volunteers, i);
      const char *id = member_string (doc, "_id");
      CivicHoursRow *row;
      double hours;

      if (id == NULL)
        continue;
      hours = civic_volunteer_hours (store, id, from, to, campaign_id, error);
      if (hours < 0)
        return NULL;
      if (hours <= 0)
        continue;
      row = g_new0 (CivicHoursRow, 1);
      row->volunteer_id = g_strdup (id);
      row->name = display_name (doc);
      row->name_ko = g_strdup (member_string (doc, "name_ko"));
      row->hours = hours;
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_hours_rows);
  return g_steal_pointer (&rows);
}

gboolean
civic_roster_export_hours (CivicStore  *store,
                           const char  *from,
                           const char  *to,
                           const char  *campaign_id,
                           GString     *out,
                           GError     **error)
{
  static const char * const header[] = { "ID", "Name", "Korean name", "Hours" };
  g_autoptr(GPtrArray) rows = civic_roster_hours_report (store, from, to, campaign_id, error);
  char total_text[G_ASCII_DTOSTR_BUF_SIZE];
  double total = 0;

  if (rows == NULL)
    return FALSE;

  civic_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      CivicHoursRow *row = g_ptr_array_index (rows, i);
      char hours[G_ASCII_DTOSTR_BUF_SIZE];
      const char *fields[4];

      /* Always a dot, whatever the locale: spreadsheets read it. */
      g_ascii_formatd (hours, sizeof hours, "%.2f", row->hours);
      fields[0] = row->volunteer_id;
      fields[1] = row->name;
      fields[2] = row->name_ko;
      fields[3] = hours;
      civic_csv_append_row (out, fields, G_N_ELEMENTS (fields));
      total += row->hours;
    }
  g_ascii_formatd (total_text, sizeof total_text, "%.2f", total);
  {
    const char *fields[] = { "", "Total", "", total_text };
    civic_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  }
  return TRUE;
}
