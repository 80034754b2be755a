/* civic-checkin.c — check-in at a field event: who is expected, best match, check-in/out, walk-ins
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-checkin"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "civic-checkin.h"
#include "civic-derived.h"
#include "civic-recurrence.h"
#include "civic-roster-import.h"
#include "civic-volunteer.h"
#include "civic-volunteer-search.h"

struct _CivicCheckinList
{
  GObject    parent_instance;

  char      *event_id;
  char      *date;
  char      *occurrence;
  GStrv      shift_ids;
  GPtrArray *entries;     /* CivicCheckinEntry* */
  guint      n_checked_in;
};

G_DEFINE_FINAL_TYPE (CivicCheckinList, civic_checkin_list, G_TYPE_OBJECT)

G_DEFINE_QUARK (civic-checkin-error-quark, civic_checkin_error)

static void
entry_free (gpointer data)
{
  CivicCheckinEntry *entry = data;

  g_free (entry->signup_id);
  g_free (entry->shift_id);
  g_free (entry->volunteer_id);
  g_free (entry->occurrence);
  g_free (entry->status);
  g_free (entry->checked_in_at);
  g_free (entry->checked_out_at);
  g_free (entry->name);
  g_free (entry->name_ko);
  g_free (entry->phone);
  g_free (entry->role);
  g_clear_pointer (&entry->shift_starts, g_date_time_unref);
  g_clear_pointer (&entry->shift_ends, g_date_time_unref);
  g_clear_pointer (&entry->volunteer, json_object_unref);
  g_free (entry);
}

static void
civic_checkin_list_finalize (GObject *object)
{
  CivicCheckinList *self = CIVIC_CHECKIN_LIST (object);

  g_free (self->event_id);
  g_free (self->date);
  g_free (self->occurrence);
  g_strfreev (self->shift_ids);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_checkin_list_parent_class)->finalize (object);
}

static void
civic_checkin_list_class_init (CivicCheckinListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_checkin_list_finalize;
}

static void
civic_checkin_list_init (CivicCheckinList *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

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

static gboolean
same_occurrence (const char *a,
                 const char *b)
{
  /* An occurrence is its date; an instant names its date too. */
  if (a == NULL || b == NULL)
    return a == b;
  return strncmp (a, b, 10) == 0;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CivicCheckinEntry *ea = *(const CivicCheckinEntry * const *) a;
  const CivicCheckinEntry *eb = *(const CivicCheckinEntry * const *) b;
  int r = 0;

  if (ea->shift_starts != NULL && eb->shift_starts != NULL)
    r = g_date_time_compare (ea->shift_starts, eb->shift_starts);
  if (r == 0)
    r = g_utf8_collate (ea->name, eb->name);
  return r != 0 ? r : strcmp (ea->signup_id, eb->signup_id);
}

static JsonObject *
lookup_volunteer (CivicStore *store,
                  GHashTable *cache,
                  const char *id)
{
  JsonObject *doc;

  if (id == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (cache, id, NULL, (gpointer *) &doc))
    return doc;
  doc = civic_store_get (store, id, NULL);
  g_hash_table_insert (cache, g_strdup (id), doc);
  return doc;
}

static void
add_entry (CivicCheckinList *self,
           CivicStore       *store,
           GHashTable       *volunteers,
           JsonObject       *shift_doc,
           GDateTime        *starts,
           GDateTime        *ends,
           CivicSignup      *signup)
{
  CivicCheckinEntry *entry = g_new0 (CivicCheckinEntry, 1);
  JsonObject *volunteer = lookup_volunteer (store, volunteers, civic_signup_get_volunteer_id (signup));

  entry->signup_id = g_strdup (civic_record_get_id (CIVIC_RECORD (signup)));
  entry->shift_id = g_strdup (member_string (shift_doc, "_id"));
  entry->volunteer_id = g_strdup (civic_signup_get_volunteer_id (signup));
  entry->occurrence = g_strdup (civic_signup_get_occurrence (signup));
  entry->status = g_strdup (civic_signup_get_status (signup));
  entry->checked_in_at = g_strdup (civic_signup_get_checked_in_at (signup));
  entry->checked_out_at = g_strdup (civic_signup_get_checked_out_at (signup));
  entry->role = g_strdup (member_string (shift_doc, "role"));
  entry->shift_starts = starts != NULL ? g_date_time_ref (starts) : NULL;
  entry->shift_ends = ends != NULL ? g_date_time_ref (ends) : NULL;
  if (volunteer != NULL)
    {
      g_autoptr(CivicRecord) record = civic_record_new_from_json (volunteer, NULL);

      entry->volunteer = json_object_ref (volunteer);
      entry->name = record != NULL && CIVIC_IS_VOLUNTEER (record)
                    ? civic_volunteer_dup_display_name (CIVIC_VOLUNTEER (record)) : NULL;
      entry->name_ko = g_strdup (member_string (volunteer, "name_ko"));
      entry->phone = g_strdup (member_string (volunteer, "phone"));
    }
  if (entry->name == NULL)
    entry->name = g_strdup (entry->volunteer_id != NULL ? entry->volunteer_id : "");

  if (civic_signup_status_is_worked (entry->status))
    self->n_checked_in++;
  g_ptr_array_add (self->entries, entry);
}

static GTimeZone *
event_zone (JsonObject *event)
{
  const char *tzid = member_string (event, "tzid");
  GTimeZone *tz = tzid != NULL ? g_time_zone_new_identifier (tzid) : NULL;

  return tz != NULL ? tz : g_time_zone_new_local ();
}

CivicCheckinList *
civic_checkin_list_load (CivicStore  *store,
                         const char  *event_id,
                         const char  *date,
                         GError     **error)
{
  g_autoptr(CivicCheckinList) self = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) volunteers = NULL;
  g_autoptr(GStrvBuilder) shift_ids = g_strv_builder_new ();
  const char *tzid;
  guint year, month, day;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  event = civic_store_get (store, event_id, error);
  if (event == NULL)
    return NULL;
  tz = event_zone (event);
  tzid = member_string (event, "tzid");

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);

      year = g_date_time_get_year (now);
      month = g_date_time_get_month (now);
      day = g_date_time_get_day_of_month (now);
    }
  else if (!civic_is_date (date) || sscanf (date, "%4u-%2u-%2u", &year, &month, &day) != 3)
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), date);
      return NULL;
    }
  day_start = g_date_time_new (tz, year, month, day, 0, 0, 0);
  day_end = g_date_time_add_days (day_start, 1);

  self = g_object_new (CIVIC_TYPE_CHECKIN_LIST, NULL);
  self->event_id = g_strdup (event_id);
  self->date = g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  if (civic_recurrence_is_repeating (event))
    {
      g_autoptr(GPtrArray) occurrences = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_occurrence_unref);

      if (!civic_recurrence_expand (event, day_start, day_end, NULL, tz, occurrences, error))
        return NULL;
      if (occurrences->len == 0)
        {
          /* The series does not meet that day: nobody is expected. */
          self->shift_ids = g_strv_builder_end (shift_ids);
          return g_steal_pointer (&self);
        }
      self->occurrence = g_strdup (((CivicOccurrence *) g_ptr_array_index (occurrences, 0))->occurrence);
    }

  shifts = civic_store_list_by_ref (store, "shift", CIVIC_STORE_REF_1, event_id, error);
  if (shifts == NULL)
    return NULL;
  volunteers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);

  for (guint i = 0; i < shifts->len; i++)
    {
      JsonObject *shift_doc = g_ptr_array_index (shifts, i);
      g_autoptr(CivicRecord) shift = civic_record_new_from_json (shift_doc, NULL);
      g_autoptr(GDateTime) starts = NULL;
      g_autoptr(GDateTime) ends = NULL;
      g_autoptr(GPtrArray) signup_docs = NULL;
      g_autoptr(GPtrArray) signups = NULL;
      g_autoptr(GPtrArray) in = NULL;
      int capacity;

      if (shift == NULL || !CIVIC_IS_SHIFT (shift))
        continue;
      if (!civic_shift_get_occurrence_times (CIVIC_SHIFT (shift), self->occurrence, tzid, &starts, &ends))
        continue;
      if (g_date_time_compare (starts, day_end) >= 0 || g_date_time_compare (ends, day_start) <= 0)
        continue;
      g_strv_builder_add (shift_ids, member_string (shift_doc, "_id"));

      signup_docs = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1,
                                             member_string (shift_doc, "_id"), error);
      if (signup_docs == NULL)
        return NULL;
      signups = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint j = 0; j < signup_docs->len; j++)
        {
          CivicRecord *record = civic_record_new_from_json (g_ptr_array_index (signup_docs, j), NULL);

          if (record == NULL || !CIVIC_IS_SIGNUP (record)
              || (self->occurrence != NULL
                  && !same_occurrence (civic_signup_get_occurrence (CIVIC_SIGNUP (record)), self->occurrence)))
            {
              g_clear_object (&record);
              continue;
            }
          g_ptr_array_add (signups, record);
        }

      capacity = civic_shift_get_capacity (CIVIC_SHIFT (shift));
      civic_signups_partition (signups, capacity > 0 ? (guint) capacity : 0, &in, NULL);
      for (guint j = 0; j < in->len; j++)
        add_entry (self, store, volunteers, shift_doc, starts, ends, g_ptr_array_index (in, j));
      for (guint j = 0; j < signups->len; j++)
        {
          CivicSignup *signup = g_ptr_array_index (signups, j);

          if (civic_signup_status_is_worked (civic_signup_get_status (signup)))
            add_entry (self, store, volunteers, shift_doc, starts, ends, signup);
        }
    }

  g_ptr_array_sort (self->entries, compare_entries);
  self->shift_ids = g_strv_builder_end (shift_ids);
  return g_steal_pointer (&self);
}

typedef struct {
  CivicStore *store;
  char       *event_id;
  char       *date;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->store);
  g_free (load->event_id);
  g_free (load->date);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  CivicCheckinList *list = civic_checkin_list_load (load->store, load->event_id, load->date, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, g_object_unref);
}

void
civic_checkin_list_load_async (CivicStore          *store,
                               const char          *event_id,
                               const char          *date,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (CIVIC_IS_STORE (store));
  g_return_if_fail (event_id != NULL);

  load = g_new0 (LoadData, 1);
  load->store = g_object_ref (store);
  load->event_id = g_strdup (event_id);
  load->date = g_strdup (date);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_checkin_list_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

CivicCheckinList *
civic_checkin_list_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
civic_checkin_list_get_event_id (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);
  return self->event_id;
}

const char *
civic_checkin_list_get_date (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);
  return self->date;
}

const char *
civic_checkin_list_get_occurrence (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);
  return self->occurrence;
}

const char * const *
civic_checkin_list_get_shift_ids (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);
  return (const char * const *) self->shift_ids;
}

guint
civic_checkin_list_get_n_entries (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), 0);
  return self->entries->len;
}

const CivicCheckinEntry *
civic_checkin_list_get_entry (CivicCheckinList *self,
                              guint             i)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);
  g_return_val_if_fail (i < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, i);
}

const CivicCheckinEntry *
civic_checkin_list_find_signup (CivicCheckinList *self,
                                const char       *signup_id)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const CivicCheckinEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->signup_id, signup_id) == 0)
        return entry;
    }
  return NULL;
}

guint
civic_checkin_list_get_n_expected (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), 0);
  return self->entries->len;
}

guint
civic_checkin_list_get_n_checked_in (CivicCheckinList *self)
{
  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (self), 0);
  return self->n_checked_in;
}

const CivicCheckinEntry *
civic_checkin_best_match (CivicCheckinList *list,
                          const char       *query,
                          guint            *n_best)
{
  g_autoptr(CivicTextQuery) q = NULL;
  const CivicCheckinEntry *best = NULL;
  CivicTextMatch best_rank = CIVIC_TEXT_MATCH_NONE;
  gboolean best_done = TRUE;
  guint count = 0;

  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (list), NULL);

  if (n_best != NULL)
    *n_best = 0;
  q = civic_text_query_new (query);
  if (civic_text_query_is_empty (q))
    return NULL;

  /* Entries are sorted by shift and name, so the first of equals wins. */
  for (guint i = 0; i < list->entries->len; i++)
    {
      const CivicCheckinEntry *entry = g_ptr_array_index (list->entries, i);
      gboolean done;
      CivicTextMatch rank;

      if (entry->volunteer == NULL)
        continue;
      rank = civic_volunteer_match (entry->volunteer, q);
      if (rank == CIVIC_TEXT_MATCH_NONE)
        continue;
      done = civic_signup_status_is_worked (entry->status);

      if (best == NULL || rank > best_rank || (rank == best_rank && best_done && !done))
        {
          best = entry;
          best_rank = rank;
          best_done = done;
          count = 1;
        }
      else if (rank == best_rank && done == best_done)
        count++;
    }

  if (n_best != NULL)
    *n_best = count;
  return best;
}

/* ---- Writing -------------------------------------------------------------- */

static CivicSignup *
load_signup (CivicStore  *store,
             const char  *signup_id,
             GError     **error)
{
  CivicRecord *record = civic_record_load (store, signup_id, error);

  if (record == NULL)
    return NULL;
  if (!CIVIC_IS_SIGNUP (record))
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("“%s” is not a signup"), signup_id);
      g_object_unref (record);
      return NULL;
    }
  return CIVIC_SIGNUP (record);
}

static char *
format_time (GDateTime *time)
{
  if (time != NULL)
    return civic_format_instant (time);
  return civic_now_instant ();
}

gboolean
civic_checkin_check_in (CivicStore  *store,
                        const char  *signup_id,
                        GDateTime   *time,
                        GError     **error)
{
  g_autoptr(CivicSignup) signup = NULL;
  g_autofree char *when = NULL;
  g_autofree char *rev = NULL;
  const char *status;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (signup_id != NULL, FALSE);

  signup = load_signup (store, signup_id, error);
  if (signup == NULL)
    return FALSE;
  status = civic_signup_get_status (signup);

  if (civic_signup_status_is_worked (status) && civic_signup_get_checked_in_at (signup) != NULL)
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_ALREADY_CHECKED_IN,
                   _("Already checked in at %s"), civic_signup_get_checked_in_at (signup));
      return FALSE;
    }
  if (!civic_signup_status_is_worked (status)
      && !civic_signup_status_transition_allowed (status, "completed"))
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_NOT_EXPECTED,
                   _("This signup is “%s”: it cannot be checked in"),
                   civic_signup_status_get_label (status));
      return FALSE;
    }

  when = format_time (time);
  if (!civic_signup_status_is_worked (status))
    civic_signup_set_status (signup, "completed");
  civic_signup_set_checked_in_at (signup, when);
  rev = civic_record_save (CIVIC_RECORD (signup), store, g_get_user_name (), error);
  return rev != NULL;
}

gboolean
civic_checkin_check_out (CivicStore  *store,
                         const char  *signup_id,
                         GDateTime   *time,
                         GError     **error)
{
  g_autoptr(CivicSignup) signup = NULL;
  g_autofree char *when = NULL;
  g_autofree char *rev = NULL;
  const char *checked_in;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (signup_id != NULL, FALSE);

  signup = load_signup (store, signup_id, error);
  if (signup == NULL)
    return FALSE;
  checked_in = civic_signup_get_checked_in_at (signup);
  if (checked_in == NULL || !civic_signup_status_is_worked (civic_signup_get_status (signup)))
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_NOT_CHECKED_IN,
                   _("This person has not been checked in"));
      return FALSE;
    }

  when = format_time (time);
  /* Both are UTC "…Z" instants of the same form, so text order is time order. */
  if (strcmp (when, checked_in) < 0)
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("A check-out at %s would come before the check-in at %s"), when, checked_in);
      return FALSE;
    }
  civic_signup_set_checked_out_at (signup, when);
  rev = civic_record_save (CIVIC_RECORD (signup), store, g_get_user_name (), error);
  return rev != NULL;
}

typedef struct {
  const char *shift_id;
  const char *occurrence;
  const char *given_name;
  const char *family_name;
  const char *name_ko;
  const char *phone;
  char       *volunteer_id;
  char       *signup_id;
  gboolean    created;
} WalkIn;

static gboolean
walk_in_transaction (CivicStore  *store,
                     gpointer     user_data,
                     GError     **error)
{
  WalkIn *walk_in = user_data;
  g_autoptr(CivicSignup) signup = civic_signup_new ();
  g_autofree char *now = civic_now_instant ();
  g_autofree char *rev = NULL;

  if (walk_in->phone != NULL && *walk_in->phone != '\0')
    {
      g_autofree char *key = civic_roster_phone_key (walk_in->phone);
      g_autoptr(GPtrArray) volunteers = civic_store_list (store, "volunteer", error);

      if (volunteers == NULL)
        return FALSE;
      for (guint i = 0; i < volunteers->len && walk_in->volunteer_id == NULL; i++)
        {
          JsonObject *doc = g_ptr_array_index (volunteers, i);
          const char *phone = member_string (doc, "phone");
          g_autofree char *other = phone != NULL ? civic_roster_phone_key (phone) : NULL;

          if (other != NULL && g_str_equal (key, other))
            walk_in->volunteer_id = g_strdup (member_string (doc, "_id"));
        }
    }

  if (walk_in->volunteer_id == NULL)
    {
      g_autoptr(CivicVolunteer) volunteer = civic_volunteer_new ();
      g_autofree char *vrev = NULL;

      civic_volunteer_set_given_name (volunteer, walk_in->given_name);
      civic_volunteer_set_family_name (volunteer, walk_in->family_name);
      civic_volunteer_set_name_ko (volunteer, walk_in->name_ko);
      civic_volunteer_set_phone (volunteer, walk_in->phone);
      {
        g_autoptr(GDateTime) today = g_date_time_new_now_local ();
        g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");

        civic_volunteer_set_joined_on (volunteer, date);
      }
      vrev = civic_record_save (CIVIC_RECORD (volunteer), store, g_get_user_name (), error);
      if (vrev == NULL)
        return FALSE;
      walk_in->volunteer_id = g_strdup (civic_record_get_id (CIVIC_RECORD (volunteer)));
      walk_in->created = TRUE;
    }

  civic_signup_set_shift_id (signup, walk_in->shift_id);
  civic_signup_set_volunteer_id (signup, walk_in->volunteer_id);
  civic_signup_set_occurrence (signup, walk_in->occurrence);
  civic_signup_set_status (signup, "walk_in");
  civic_signup_set_source (signup, "walk_in");
  civic_signup_set_checked_in_at (signup, now);
  rev = civic_record_save (CIVIC_RECORD (signup), store, g_get_user_name (), error);
  if (rev == NULL)
    return FALSE;
  walk_in->signup_id = g_strdup (civic_record_get_id (CIVIC_RECORD (signup)));
  return TRUE;
}

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

char *
civic_checkin_add_walk_in (CivicStore  *store,
                           const char  *shift_id,
                           const char  *occurrence,
                           const char  *given_name,
                           const char  *family_name,
                           const char  *name_ko,
                           const char  *phone,
                           char       **volunteer_id,
                           gboolean    *created,
                           GError     **error)
{
  g_autoptr(JsonObject) shift = NULL;
  g_autoptr(GError) local_error = NULL;
  WalkIn walk_in = {
    shift_id, occurrence, nonempty (given_name), nonempty (family_name), nonempty (name_ko),
    nonempty (phone), NULL, NULL, FALSE,
  };

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (shift_id != NULL, NULL);

  shift = civic_store_get (store, shift_id, &local_error);
  if (shift == NULL || g_strcmp0 (member_string (shift, "type"), "shift") != 0)
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("Shift “%s” does not exist"), shift_id);
      return NULL;
    }
  if (walk_in.given_name == NULL && walk_in.family_name == NULL && walk_in.name_ko == NULL
      && walk_in.phone == NULL)
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("A walk-in needs a name"));
      return NULL;
    }
  if (walk_in.phone != NULL && !civic_is_phone (walk_in.phone))
    {
      g_set_error (error, CIVIC_CHECKIN_ERROR, CIVIC_CHECKIN_ERROR_INVALID,
                   _("Phone “%s” is not a phone number"), walk_in.phone);
      return NULL;
    }

  if (!civic_store_transaction (store, walk_in_transaction, &walk_in, error))
    {
      g_free (walk_in.volunteer_id);
      g_free (walk_in.signup_id);
      return NULL;
    }

  if (volunteer_id != NULL)
    *volunteer_id = g_steal_pointer (&walk_in.volunteer_id);
  if (created != NULL)
    *created = walk_in.created;
  g_free (walk_in.volunteer_id);
  return walk_in.signup_id;
}
