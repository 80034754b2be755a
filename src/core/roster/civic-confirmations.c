/* civic-confirmations.c — the confirmation-call list and its two answers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-confirmations"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "civic-confirmations.h"
#include "civic-derived.h"
#include "civic-volunteer.h"

G_DEFINE_QUARK (civic-confirmations-error-quark, civic_confirmations_error)

void
civic_confirmation_call_free (CivicConfirmationCall *call)
{
  if (call == NULL)
    return;
  g_free (call->signup_id);
  g_free (call->shift_id);
  g_free (call->event_id);
  g_free (call->event_title);
  g_free (call->role);
  g_free (call->occurrence);
  g_free (call->volunteer_id);
  g_free (call->name);
  g_free (call->name_ko);
  g_free (call->phone);
  g_clear_pointer (&call->starts, g_date_time_unref);
  g_free (call);
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

/* Documents by id, fetched once; NULL values for missing ones. */
static JsonObject *
cached_get (CivicStore *store,
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
unref_if_set (gpointer data)
{
  if (data != NULL)
    json_object_unref (data);
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const CivicConfirmationCall *ca = *(const CivicConfirmationCall * const *) a;
  const CivicConfirmationCall *cb = *(const CivicConfirmationCall * const *) b;
  int r = g_date_time_compare (ca->starts, cb->starts);

  if (r == 0)
    r = g_utf8_collate (ca->name, cb->name);
  return r != 0 ? r : strcmp (ca->signup_id, cb->signup_id);
}

/* Whether @signup is past its shift occurrence's capacity. */
static gboolean
is_waitlisted (CivicStore  *store,
               GHashTable  *waitlists,
               CivicShift  *shift,
               CivicSignup *signup)
{
  const char *shift_id = civic_record_get_id (CIVIC_RECORD (shift));
  const char *occurrence = civic_signup_get_occurrence (signup);
  g_autofree char *key = g_strconcat (shift_id, "|", occurrence != NULL ? occurrence : "", NULL);
  GHashTable *set = g_hash_table_lookup (waitlists, key);

  if (set == NULL)
    {
      g_autoptr(GPtrArray) docs = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, shift_id, NULL);
      g_autoptr(GPtrArray) signups = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) waitlisted = NULL;
      int capacity = civic_shift_get_capacity (shift);

      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; docs != NULL && i < docs->len; i++)
        {
          CivicRecord *record = civic_record_new_from_json (g_ptr_array_index (docs, i), NULL);

          if (record != NULL && CIVIC_IS_SIGNUP (record)
              && g_strcmp0 (civic_signup_get_occurrence (CIVIC_SIGNUP (record)), occurrence) == 0)
            g_ptr_array_add (signups, record);
          else
            g_clear_object (&record);
        }
      civic_signups_partition (signups, capacity > 0 ? (guint) capacity : 0, NULL, &waitlisted);
      for (guint i = 0; i < waitlisted->len; i++)
        g_hash_table_add (set, g_strdup (civic_record_get_id (g_ptr_array_index (waitlisted, i))));
      g_hash_table_insert (waitlists, g_steal_pointer (&key), set);
    }
  return g_hash_table_contains (set, civic_record_get_id (CIVIC_RECORD (signup)));
}

GPtrArray *
civic_confirmations_list (CivicStore  *store,
                          GDateTime   *from,
                          guint        days,
                          GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GHashTable) waitlists = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  start = from != NULL ? g_date_time_ref (from) : g_date_time_new_now_utc ();
  end = g_date_time_add_days (start, (int) days);

  docs = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_STATUS, "scheduled", error);
  if (docs == NULL)
    return NULL;

  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  waitlists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  calls = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_confirmation_call_free);

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(CivicRecord) record = civic_record_new_from_json (g_ptr_array_index (docs, i), NULL);
      g_autoptr(CivicRecord) shift = NULL;
      g_autoptr(GDateTime) starts = NULL;
      CivicSignup *signup;
      JsonObject *shift_doc, *event, *volunteer;
      CivicConfirmationCall *call;

      if (record == NULL || !CIVIC_IS_SIGNUP (record))
        continue;
      signup = CIVIC_SIGNUP (record);
      if (g_strcmp0 (civic_signup_get_status (signup), "scheduled") != 0)
        continue;
      shift_doc = cached_get (store, cache, civic_signup_get_shift_id (signup));
      if (shift_doc == NULL)
        continue;
      shift = civic_record_new_from_json (shift_doc, NULL);
      if (shift == NULL || !CIVIC_IS_SHIFT (shift))
        continue;
      event = cached_get (store, cache, member_string (shift_doc, "event_id"));
      if (!civic_shift_get_occurrence_times (CIVIC_SHIFT (shift), civic_signup_get_occurrence (signup),
                                             member_string (event, "tzid"), &starts, NULL))
        continue;
      if (g_date_time_compare (starts, start) < 0 || g_date_time_compare (starts, end) >= 0)
        continue;

      volunteer = cached_get (store, cache, civic_signup_get_volunteer_id (signup));
      call = g_new0 (CivicConfirmationCall, 1);
      call->signup_id = g_strdup (civic_record_get_id (record));
      call->shift_id = g_strdup (civic_signup_get_shift_id (signup));
      call->event_id = g_strdup (member_string (shift_doc, "event_id"));
      call->event_title = g_strdup (member_string (event, "title"));
      call->role = g_strdup (member_string (shift_doc, "role"));
      call->occurrence = g_strdup (civic_signup_get_occurrence (signup));
      call->volunteer_id = g_strdup (civic_signup_get_volunteer_id (signup));
      if (volunteer != NULL)
        {
          g_autoptr(CivicRecord) v = civic_record_new_from_json (volunteer, NULL);

          if (v != NULL && CIVIC_IS_VOLUNTEER (v))
            call->name = civic_volunteer_dup_display_name (CIVIC_VOLUNTEER (v));
          call->name_ko = g_strdup (member_string (volunteer, "name_ko"));
          call->phone = g_strdup (member_string (volunteer, "phone"));
        }
      if (call->name == NULL)
        call->name = g_strdup (call->volunteer_id != NULL ? call->volunteer_id : "");
      call->starts = g_steal_pointer (&starts);
      call->waitlisted = is_waitlisted (store, waitlists, CIVIC_SHIFT (shift), signup);
      g_ptr_array_add (calls, call);
    }

  g_ptr_array_sort (calls, compare_calls);
  return g_steal_pointer (&calls);
}

typedef struct {
  CivicStore *store;
  GDateTime  *from;
  guint       days;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_clear_object (&list->store);
  g_clear_pointer (&list->from, g_date_time_unref);
  g_free (list);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *list = task_data;
  GError *error = NULL;
  GPtrArray *calls = civic_confirmations_list (list->store, list->from, list->days, &error);

  if (calls == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, calls, (GDestroyNotify) g_ptr_array_unref);
}

void
civic_confirmations_list_async (CivicStore          *store,
                                GDateTime           *from,
                                guint                days,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *list;

  g_return_if_fail (CIVIC_IS_STORE (store));

  list = g_new0 (ListData, 1);
  list->store = g_object_ref (store);
  list->from = from != NULL ? g_date_time_ref (from) : NULL;
  list->days = days;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_confirmations_list_async);
  g_task_set_task_data (task, list, list_data_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
civic_confirmations_list_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
set_status (CivicStore  *store,
            const char  *signup_id,
            const char  *status,
            GError     **error)
{
  g_autoptr(CivicRecord) record = NULL;
  g_autofree char *rev = NULL;
  const char *from;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (signup_id != NULL, FALSE);

  record = civic_record_load (store, signup_id, error);
  if (record == NULL)
    return FALSE;
  if (!CIVIC_IS_SIGNUP (record))
    {
      g_set_error (error, CIVIC_CONFIRMATIONS_ERROR, CIVIC_CONFIRMATIONS_ERROR_NOT_SIGNUP,
                   _("“%s” is not a signup"), signup_id);
      return FALSE;
    }
  from = civic_signup_get_status (CIVIC_SIGNUP (record));
  if (!civic_signup_status_transition_allowed (from, status))
    {
      /* TRANSLATORS: "A signup that is “Completed” cannot become “Confirmed”" */
      g_set_error (error, CIVIC_CONFIRMATIONS_ERROR, CIVIC_CONFIRMATIONS_ERROR_NOT_ALLOWED,
                   _("A signup that is “%s” cannot become “%s”"),
                   civic_signup_status_get_label (from), civic_signup_status_get_label (status));
      return FALSE;
    }
  civic_signup_set_status (CIVIC_SIGNUP (record), status);
  rev = civic_record_save (record, store, g_get_user_name (), error);
  return rev != NULL;
}

gboolean
civic_confirmations_confirm (CivicStore  *store,
                             const char  *signup_id,
                             GError     **error)
{
  return set_status (store, signup_id, "confirmed", error);
}

gboolean
civic_confirmations_decline (CivicStore  *store,
                             const char  *signup_id,
                             GError     **error)
{
  return set_status (store, signup_id, "declined", error);
}
