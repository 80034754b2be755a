/* civic-derived.c — values computed from documents, never stored: waitlists, hours, overlaps
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-derived"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "civic-record-private.h"
#include "civic-derived.h"

/* ---- Waitlist ----------------------------------------------------------- */

typedef struct
{
  CivicSignup *signup;
  gboolean     has_time;
  GDateTime   *signed_up_at;
  const char  *id;
} QueueEntry;

static void
queue_entry_clear (QueueEntry *entry)
{
  g_clear_pointer (&entry->signed_up_at, g_date_time_unref);
}

static void
queue_entry_init (QueueEntry  *entry,
                  CivicSignup *signup)
{
  entry->signup = signup;
  entry->signed_up_at = civic_record_dup_datetime (CIVIC_RECORD (signup), "signed_up_at");
  entry->has_time = entry->signed_up_at != NULL;
  entry->id = civic_record_get_id (CIVIC_RECORD (signup));
}

static int
queue_entry_compare (const QueueEntry *a,
                     const QueueEntry *b)
{
  int cmp;

  if (a->has_time != b->has_time)
    return a->has_time ? -1 : 1;
  if (a->has_time)
    {
      /* Instants, not text: "…:00.5Z" is after "…:00Z" although it sorts
       * before it as text.
       */
      cmp = g_date_time_compare (a->signed_up_at, b->signed_up_at);
      if (cmp != 0)
        return cmp;
    }
  /* Unsaved signups have no id yet; they go last among equals. */
  if (a->id == NULL || b->id == NULL)
    return (a->id == NULL) - (b->id == NULL);
  /* Byte order, the same on every machine and in every locale. */
  cmp = strcmp (a->id, b->id);
  return cmp < 0 ? -1 : cmp > 0;
}

static int
queue_entry_compare_cb (gconstpointer a,
                        gconstpointer b)
{
  return queue_entry_compare (a, b);
}

int
civic_signup_compare_queue_order (CivicSignup *a,
                                  CivicSignup *b)
{
  QueueEntry ea, eb;
  int cmp;

  g_return_val_if_fail (CIVIC_IS_SIGNUP (a), 0);
  g_return_val_if_fail (CIVIC_IS_SIGNUP (b), 0);

  queue_entry_init (&ea, a);
  queue_entry_init (&eb, b);
  cmp = queue_entry_compare (&ea, &eb);
  queue_entry_clear (&ea);
  queue_entry_clear (&eb);
  return cmp;
}

gboolean
civic_signup_status_is_worked (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "walk_in") == 0;
}

gboolean
civic_signup_status_is_queued (const char *status)
{
  return g_strcmp0 (status, "scheduled") == 0 || g_strcmp0 (status, "confirmed") == 0;
}

void
civic_signups_partition (GPtrArray   *signups,
                         guint        capacity,
                         GPtrArray  **confirmed_in,
                         GPtrArray  **waitlisted)
{
  g_autoptr(GArray) queue = NULL;
  GPtrArray *in, *waiting;

  g_return_if_fail (signups != NULL);

  queue = g_array_sized_new (FALSE, FALSE, sizeof (QueueEntry), signups->len);
  g_array_set_clear_func (queue, (GDestroyNotify) queue_entry_clear);
  for (guint i = 0; i < signups->len; i++)
    {
      CivicSignup *signup = g_ptr_array_index (signups, i);
      QueueEntry entry;

      g_return_if_fail (CIVIC_IS_SIGNUP (signup));
      if (!civic_signup_status_is_queued (civic_signup_get_status (signup)))
        continue;
      queue_entry_init (&entry, signup);
      g_array_append_val (queue, entry);
    }
  g_array_sort (queue, queue_entry_compare_cb);

  in = g_ptr_array_new_with_free_func (g_object_unref);
  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < queue->len; i++)
    {
      QueueEntry *entry = &g_array_index (queue, QueueEntry, i);

      g_ptr_array_add (i < capacity ? in : waiting, g_object_ref (entry->signup));
    }

  if (confirmed_in != NULL)
    *confirmed_in = in;
  else
    g_ptr_array_unref (in);
  if (waitlisted != NULL)
    *waitlisted = waiting;
  else
    g_ptr_array_unref (waiting);
}

/* ---- Hours -------------------------------------------------------------- */

double
civic_signup_hours (CivicSignup *signup,
                    CivicShift  *shift)
{
  g_autoptr(GDateTime) in = NULL;
  g_autoptr(GDateTime) out = NULL;

  g_return_val_if_fail (CIVIC_IS_SIGNUP (signup), 0);
  g_return_val_if_fail (shift == NULL || CIVIC_IS_SHIFT (shift), 0);

  if (!civic_signup_status_is_worked (civic_signup_get_status (signup)))
    return 0;

  in = civic_record_dup_datetime (CIVIC_RECORD (signup), "checked_in_at");
  out = civic_record_dup_datetime (CIVIC_RECORD (signup), "checked_out_at");
  if (in != NULL && out != NULL && g_date_time_compare (in, out) <= 0)
    return (double) g_date_time_difference (out, in) / G_TIME_SPAN_HOUR;
  if (shift == NULL)
    return 0;
  return (double) civic_shift_get_duration (shift) / 3600.0;
}

/* ---- Status transitions ---------------------------------------------------- */

gboolean
civic_signup_status_transition_allowed (const char *from,
                                        const char *to)
{
  static const struct {
    const char *from;
    const char *to;
  } allowed[] = {
    { NULL, "invited" }, { NULL, "scheduled" }, { NULL, "confirmed" }, { NULL, "walk_in" },
    { "invited", "scheduled" },
    { "scheduled", "confirmed" }, { "scheduled", "completed" }, { "scheduled", "no_show" },
    { "confirmed", "completed" }, { "confirmed", "no_show" },
    { "completed", "no_show" }, { "no_show", "completed" },
  };
  const char * const *known = civic_signup_status_list ();

  if (to == NULL || !g_strv_contains (known, to))
    return FALSE;
  if (from != NULL && !g_strv_contains (known, from))
    return FALSE;
  if (g_strcmp0 (from, to) == 0)
    return TRUE;
  /* Declining or cancelling is possible at any point, even for a new
   * signup recorded only to remember that the person said no.
   */
  if (g_str_equal (to, "declined") || g_str_equal (to, "cancelled"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (allowed[i].from, from) == 0 && g_str_equal (allowed[i].to, to))
      return TRUE;
  return FALSE;
}

/* ---- Overlaps ----------------------------------------------------------- */

gboolean
civic_shift_get_occurrence_times (CivicShift  *shift,
                                  const char  *occurrence,
                                  const char  *tzid,
                                  GDateTime  **start,
                                  GDateTime  **end)
{
  g_autoptr(GDateTime) first_start = NULL;
  g_autoptr(GDateTime) first_end = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  GDateTime *occ_start;
  guint year, month, day;

  g_return_val_if_fail (CIVIC_IS_SHIFT (shift), FALSE);

  first_start = civic_record_dup_datetime (CIVIC_RECORD (shift), "starts_at");
  first_end = civic_record_dup_datetime (CIVIC_RECORD (shift), "ends_at");
  if (first_start == NULL || first_end == NULL)
    return FALSE;

  if (occurrence == NULL)
    {
      if (start != NULL)
        *start = g_date_time_ref (first_start);
      if (end != NULL)
        *end = g_date_time_ref (first_end);
      return TRUE;
    }

  /* An occurrence is named by its date; an instant names its date too. */
  if (strlen (occurrence) < 10 || sscanf (occurrence, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (tzid != NULL)
    tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (first_start, tz);
  occ_start = g_date_time_new (tz, year, month, day,
                               g_date_time_get_hour (local),
                               g_date_time_get_minute (local),
                               g_date_time_get_seconds (local));
  if (occ_start == NULL)
    return FALSE;
  if (end != NULL)
    *end = g_date_time_add (occ_start, g_date_time_difference (first_end, first_start));
  if (start != NULL)
    *start = occ_start;
  else
    g_date_time_unref (occ_start);
  return TRUE;
}

static gboolean
intervals_overlap (GDateTime *a_start,
                   GDateTime *a_end,
                   GDateTime *b_start,
                   GDateTime *b_end)
{
  return g_date_time_compare (a_start, b_end) < 0 && g_date_time_compare (b_start, a_end) < 0;
}

gboolean
civic_shifts_overlap_occurrences (CivicShift *a,
                                  const char *occurrence_a,
                                  CivicShift *b,
                                  const char *occurrence_b,
                                  const char *tzid)
{
  g_autoptr(GDateTime) a_start = NULL;
  g_autoptr(GDateTime) a_end = NULL;
  g_autoptr(GDateTime) b_start = NULL;
  g_autoptr(GDateTime) b_end = NULL;

  g_return_val_if_fail (CIVIC_IS_SHIFT (a), FALSE);
  g_return_val_if_fail (CIVIC_IS_SHIFT (b), FALSE);

  if (!civic_shift_get_occurrence_times (a, occurrence_a, tzid, &a_start, &a_end)
      || !civic_shift_get_occurrence_times (b, occurrence_b, tzid, &b_start, &b_end))
    return FALSE;
  return intervals_overlap (a_start, a_end, b_start, b_end);
}

gboolean
civic_shifts_overlap (CivicShift *a,
                      CivicShift *b)
{
  return civic_shifts_overlap_occurrences (a, NULL, b, NULL, NULL);
}

/* ---- Store-level hours --------------------------------------------------- */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* A cached store lookup: the record of @id, or %NULL when it is gone. */
static CivicRecord *
lookup (CivicStore  *store,
        GHashTable  *cache,
        const char  *id,
        GError     **error)
{
  CivicRecord *record;
  g_autoptr(GError) local_error = NULL;

  if (g_hash_table_lookup_extended (cache, id, NULL, (gpointer *) &record))
    return record;
  record = civic_record_load (store, id, &local_error);
  if (record == NULL && !g_error_matches (local_error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_insert (cache, g_strdup (id), record);
  return record;
}

double
civic_volunteer_hours (CivicStore  *store,
                       const char  *volunteer_id,
                       const char  *from,
                       const char  *to,
                       const char  *campaign_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GDateTime) from_dt = NULL;
  g_autoptr(GDateTime) to_dt = NULL;
  double total = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), -1);
  g_return_val_if_fail (volunteer_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (from != NULL)
    {
      g_autofree char *iso = civic_is_date (from) ? g_strconcat (from, "T00:00:00Z", NULL) : g_strdup (from);

      from_dt = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (to != NULL)
    {
      g_autofree char *iso = civic_is_date (to) ? g_strconcat (to, "T00:00:00Z", NULL) : g_strdup (to);

      to_dt = g_date_time_new_from_iso8601 (iso, NULL);
    }

  docs = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_2, volunteer_id, error);
  if (docs == NULL)
    return -1;

  /* Values are NULL for documents that are gone. */
  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(CivicRecord) record = civic_record_new_from_json (g_ptr_array_index (docs, i), NULL);
      CivicSignup *signup;
      CivicShift *shift = NULL;
      CivicEvent *event = NULL;
      const char *shift_id;
      g_autoptr(GDateTime) started = NULL;

      if (record == NULL || !CIVIC_IS_SIGNUP (record))
        continue;
      signup = CIVIC_SIGNUP (record);
      if (!civic_signup_status_is_worked (civic_signup_get_status (signup)))
        continue;

      shift_id = civic_signup_get_shift_id (signup);
      if (shift_id != NULL)
        {
          g_autoptr(GError) local_error = NULL;
          CivicRecord *found = lookup (store, cache, shift_id, &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return -1;
            }
          if (found != NULL && CIVIC_IS_SHIFT (found))
            shift = CIVIC_SHIFT (found);
        }

      if (shift != NULL && civic_shift_get_event_id (shift) != NULL)
        {
          g_autoptr(GError) local_error = NULL;
          CivicRecord *found = lookup (store, cache, civic_shift_get_event_id (shift), &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return -1;
            }
          if (found != NULL && CIVIC_IS_EVENT (found))
            event = CIVIC_EVENT (found);
        }
      if (campaign_id != NULL
          && (event == NULL || g_strcmp0 (civic_event_get_campaign_id (event), campaign_id) != 0))
        continue;

      if (from_dt != NULL || to_dt != NULL)
        {
          started = civic_record_dup_datetime (record, "checked_in_at");
          if (started == NULL && shift != NULL)
            civic_shift_get_occurrence_times (shift, civic_signup_get_occurrence (signup),
                                              event != NULL ? civic_event_get_tzid (event) : NULL,
                                              &started, NULL);
          if (started == NULL)
            continue;
          if (from_dt != NULL && g_date_time_compare (started, from_dt) < 0)
            continue;
          if (to_dt != NULL && g_date_time_compare (started, to_dt) >= 0)
            continue;
        }

      total += civic_signup_hours (signup, shift);
    }
  return total;
}

/* ---- Campaign totals ------------------------------------------------------ */

JsonObject *
civic_campaign_totals (CivicStore  *store,
                       const char  *campaign_id,
                       GError     **error)
{
  static const struct {
    const char *metric;
    const char *result;
  } sums[] = {
    { "calls", "calls_made" },
    { "contacts", "contacts_reached" },
    { "registrations", "registrations" },
    { "attendees", "attendees" },
  };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(JsonObject) totals = NULL;
  gint64 counts[G_N_ELEMENTS (sums)] = { 0 };
  double hours = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (campaign_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = civic_store_list_by_ref (store, "event", CIVIC_STORE_REF_CAMPAIGN, campaign_id, error);
  if (events == NULL)
    return NULL;
  visits = civic_store_list_by_ref (store, "visit", CIVIC_STORE_REF_CAMPAIGN, campaign_id, error);
  if (visits == NULL)
    return NULL;

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      JsonNode *results_node = json_object_get_member (event, "results");
      const char *event_id = json_object_get_string_member_with_default (event, "_id", NULL);
      g_autoptr(GPtrArray) shifts = NULL;

      if (results_node != NULL && JSON_NODE_HOLDS_OBJECT (results_node))
        {
          JsonObject *results = json_node_get_object (results_node);

          for (guint k = 0; k < G_N_ELEMENTS (sums); k++)
            {
              JsonNode *value = json_object_get_member (results, sums[k].result);

              /* Only whole numbers count, as validation requires. */
              if (value != NULL && JSON_NODE_HOLDS_VALUE (value)
                  && json_node_get_value_type (value) == G_TYPE_INT64 && json_node_get_int (value) > 0)
                counts[k] += json_node_get_int (value);
            }
        }

      if (event_id == NULL)
        continue;
      shifts = civic_store_list_by_ref (store, "shift", CIVIC_STORE_REF_1, event_id, error);
      if (shifts == NULL)
        return NULL;
      for (guint j = 0; j < shifts->len; j++)
        {
          g_autoptr(CivicRecord) shift = civic_record_new_from_json (g_ptr_array_index (shifts, j), NULL);
          g_autoptr(GPtrArray) signups = NULL;

          if (shift == NULL || !CIVIC_IS_SHIFT (shift))
            continue;
          signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1,
                                             civic_record_get_id (shift), error);
          if (signups == NULL)
            return NULL;
          for (guint k = 0; k < signups->len; k++)
            {
              JsonObject *doc = g_ptr_array_index (signups, k);
              g_autoptr(CivicRecord) signup = NULL;

              /* Most signups never worked; skip them before building a record. */
              if (!civic_signup_status_is_worked (json_object_get_string_member_with_default (doc, "status", NULL)))
                continue;
              signup = civic_record_new_from_json (doc, NULL);
              if (signup != NULL && CIVIC_IS_SIGNUP (signup))
                hours += civic_signup_hours (CIVIC_SIGNUP (signup), CIVIC_SHIFT (shift));
            }
        }
    }

  totals = json_object_new ();
  for (guint k = 0; k < G_N_ELEMENTS (sums); k++)
    json_object_set_int_member (totals, sums[k].metric, counts[k]);
  json_object_set_int_member (totals, "visits", visits->len);
  json_object_set_double_member (totals, "volunteer_hours", hours);
  return g_steal_pointer (&totals);
}
