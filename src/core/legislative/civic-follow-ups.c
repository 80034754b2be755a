/* civic-follow-ups.c — every visit's follow-ups in one list: due, overdue, done
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-follow-ups"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-follow-ups.h"
#include "civic-json.h"

void
civic_follow_up_free (CivicFollowUp *follow_up)
{
  if (follow_up == NULL)
    return;

  g_free (follow_up->visit_id);
  g_free (follow_up->task);
  g_free (follow_up->owner_id);
  g_free (follow_up->owner_name);
  g_free (follow_up->due_on);
  g_free (follow_up->done_at);
  g_free (follow_up->legislator_id);
  g_free (follow_up->legislator_name);
  g_free (follow_up->visit_occurs_at);
  g_free (follow_up);
}

CivicFollowUpState
civic_follow_up_state_for (const char *due_on,
                           const char *done_at,
                           const char *today)
{
  if (done_at != NULL && done_at[0] != '\0')
    return CIVIC_FOLLOW_UP_DONE;

  /* Dates as "YYYY-MM-DD" order like the days they name; an instant in
   * due_on is cut to its date.
   */
  if (due_on != NULL && strlen (due_on) >= 10 && today != NULL &&
      strncmp (due_on, today, 10) < 0)
    return CIVIC_FOLLOW_UP_OVERDUE;

  return CIVIC_FOLLOW_UP_DUE;
}

const char *
civic_follow_up_state_to_string (CivicFollowUpState state)
{
  switch (state)
    {
    case CIVIC_FOLLOW_UP_OVERDUE:
      return "overdue";
    case CIVIC_FOLLOW_UP_DONE:
      return "done";
    case CIVIC_FOLLOW_UP_DUE:
    default:
      return "due";
    }
}

const char *
civic_follow_up_state_get_label (CivicFollowUpState state)
{
  switch (state)
    {
    case CIVIC_FOLLOW_UP_OVERDUE:
      return _("Overdue");
    case CIVIC_FOLLOW_UP_DONE:
      return _("Done");
    case CIVIC_FOLLOW_UP_DUE:
    default:
      return _("Due");
    }
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
staff_name (JsonObject *legislator,
            const char *owner_id)
{
  JsonArray *staff = civic_json_object_get_array_or_null (legislator, "staff");

  for (guint i = 0; staff != NULL && i < json_array_get_length (staff); i++)
    {
      JsonNode *node = json_array_get_element (staff, i);
      JsonObject *person;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      person = json_node_get_object (node);
      name = civic_legislative_get_string (person, "name");
      if (g_strcmp0 (civic_legislative_get_string (person, "id"), owner_id) == 0 ||
          g_strcmp0 (civic_legislative_get_string (person, "email"), owner_id) == 0 ||
          g_strcmp0 (name, owner_id) == 0)
        return g_strdup (name != NULL ? name : owner_id);
    }

  return NULL;
}

static char *
owner_name (const char *owner_id,
            JsonObject *legislator,
            GHashTable *volunteers)
{
  char *name = NULL;

  if (owner_id == NULL || owner_id[0] == '\0')
    return NULL;

  if (g_str_has_prefix (owner_id, "volunteer:"))
    {
      JsonObject *volunteer = g_hash_table_lookup (volunteers, owner_id);

      if (volunteer != NULL)
        name = civic_legislative_volunteer_name (volunteer);
    }
  else if (legislator != NULL)
    name = staff_name (legislator, owner_id);

  return name != NULL ? name : g_strdup (owner_id);
}

static int
follow_up_compare (gconstpointer a,
                   gconstpointer b)
{
  const CivicFollowUp *fa = *(const CivicFollowUp * const *) a;
  const CivicFollowUp *fb = *(const CivicFollowUp * const *) b;
  static const int state_rank[] = {
    [CIVIC_FOLLOW_UP_OVERDUE] = 0,
    [CIVIC_FOLLOW_UP_DUE] = 1,
    [CIVIC_FOLLOW_UP_DONE] = 2,
  };
  int cmp;

  if (fa->state != fb->state)
    return state_rank[fa->state] - state_rank[fb->state];

  if ((fa->due_on == NULL) != (fb->due_on == NULL))
    return fa->due_on == NULL ? 1 : -1;
  cmp = g_strcmp0 (fa->due_on, fb->due_on);
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (fa->visit_occurs_at, fb->visit_occurs_at);
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (fa->visit_id, fb->visit_id);
  if (cmp != 0)
    return cmp;

  return (fa->index > fb->index) - (fa->index < fb->index);
}

GPtrArray *
civic_follow_ups_from_documents (GPtrArray  *visits,
                                 GPtrArray  *legislators,
                                 GPtrArray  *volunteers,
                                 const char *today)
{
  g_autoptr(GHashTable) legislators_by_id = index_by_id (legislators);
  g_autoptr(GHashTable) volunteers_by_id = index_by_id (volunteers);
  g_autofree char *local_today = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_follow_up_free);

  g_return_val_if_fail (visits != NULL, result);

  if (today == NULL)
    today = local_today = civic_legislative_today ();

  for (guint i = 0; i < visits->len; i++)
    {
      JsonObject *visit = g_ptr_array_index (visits, i);
      JsonArray *follow_ups = civic_json_object_get_array_or_null (visit, "follow_ups");
      const char *legislator_id = civic_legislative_get_string (visit, "legislator_id");
      JsonObject *legislator = legislator_id != NULL
                                 ? g_hash_table_lookup (legislators_by_id, legislator_id)
                                 : NULL;

      for (guint j = 0; follow_ups != NULL && j < json_array_get_length (follow_ups); j++)
        {
          JsonNode *node = json_array_get_element (follow_ups, j);
          JsonObject *item;
          CivicFollowUp *follow_up;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          item = json_node_get_object (node);
          follow_up = g_new0 (CivicFollowUp, 1);
          follow_up->visit_id = g_strdup (civic_legislative_get_string (visit, "_id"));
          follow_up->index = j;
          follow_up->task = g_strdup (civic_legislative_get_string (item, "task"));
          follow_up->owner_id = g_strdup (civic_legislative_get_string (item, "owner_id"));
          follow_up->owner_name = owner_name (follow_up->owner_id, legislator, volunteers_by_id);
          follow_up->due_on = g_strdup (civic_legislative_get_string (item, "due_on"));
          follow_up->done_at = g_strdup (civic_legislative_get_string (item, "done_at"));
          follow_up->legislator_id = g_strdup (legislator_id);
          follow_up->legislator_name = g_strdup (civic_legislative_get_string (legislator, "name"));
          follow_up->visit_occurs_at = g_strdup (civic_legislative_get_string (visit, "occurs_at"));
          follow_up->state = civic_follow_up_state_for (follow_up->due_on, follow_up->done_at,
                                                        today);
          g_ptr_array_add (result, follow_up);
        }
    }

  g_ptr_array_sort (result, follow_up_compare);

  return result;
}

GPtrArray *
civic_follow_ups_list (CivicStore  *store,
                       const char  *today,
                       GError     **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) legislators = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) wanted_ids = g_ptr_array_new ();

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  visits = civic_store_list (store, "visit", error);
  if (visits == NULL)
    return NULL;
  legislators = civic_store_list (store, "legislator", error);
  if (legislators == NULL)
    return NULL;

  /* Only the owners' volunteer documents are read: a large roster has
   * thousands of volunteers and far fewer own follow-ups.
   */
  for (guint i = 0; i < visits->len; i++)
    {
      JsonArray *items = civic_json_object_get_array_or_null (g_ptr_array_index (visits, i),
                                                              "follow_ups");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonNode *node = json_array_get_element (items, j);
          const char *owner_id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          owner_id = civic_legislative_get_string (json_node_get_object (node), "owner_id");
          if (owner_id != NULL && g_str_has_prefix (owner_id, "volunteer:") &&
              g_hash_table_add (wanted, (gpointer) owner_id))
            g_ptr_array_add (wanted_ids, (gpointer) owner_id);
        }
    }
  g_ptr_array_add (wanted_ids, NULL);
  volunteers = civic_store_get_many (store, (const char * const *) wanted_ids->pdata, error);
  if (volunteers == NULL)
    return NULL;

  return civic_follow_ups_from_documents (visits, legislators, volunteers, today);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CivicStore *store = CIVIC_STORE (source_object);
  GError *error = NULL;
  GPtrArray *list = civic_follow_ups_list (store, task_data, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

void
civic_follow_ups_list_async (CivicStore          *store,
                             const char          *today,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CIVIC_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_follow_ups_list_async);
  /* "Today" is decided now, in the caller's time zone, not in the worker. */
  g_task_set_task_data (task, today != NULL ? g_strdup (today) : civic_legislative_today (), g_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
civic_follow_ups_list_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civic_follow_ups_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
civic_follow_ups_count_overdue (GPtrArray *follow_ups)
{
  guint n = 0;

  g_return_val_if_fail (follow_ups != NULL, 0);

  for (guint i = 0; i < follow_ups->len; i++)
    if (((CivicFollowUp *) g_ptr_array_index (follow_ups, i))->state == CIVIC_FOLLOW_UP_OVERDUE)
      n++;

  return n;
}

guint
civic_follow_ups_count_overdue_in_store (CivicStore  *store,
                                         const char  *today,
                                         GError     **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *local_today = NULL;
  guint n = 0;

  g_return_val_if_fail (CIVIC_IS_STORE (store), 0);

  visits = civic_store_list (store, "visit", error);
  if (visits == NULL)
    return 0;

  if (today == NULL)
    today = local_today = civic_legislative_today ();

  for (guint i = 0; i < visits->len; i++)
    {
      JsonArray *items = civic_json_object_get_array_or_null (g_ptr_array_index (visits, i),
                                                              "follow_ups");

      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          JsonNode *node = json_array_get_element (items, j);
          JsonObject *item;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          item = json_node_get_object (node);
          if (civic_follow_up_state_for (civic_legislative_get_string (item, "due_on"),
                                         civic_legislative_get_string (item, "done_at"),
                                         today) == CIVIC_FOLLOW_UP_OVERDUE)
            n++;
        }
    }

  return n;
}

typedef struct {
  const char  *visit_id;
  guint        index;
  const char  *task;
  gboolean     done;
  const char  *done_at;
  const char  *user_name;
  char        *previous;
} SetDone;

static gboolean
set_done_in_transaction (CivicStore  *store,
                         gpointer     user_data,
                         GError     **error)
{
  SetDone *job = user_data;
  g_autoptr(JsonObject) visit = NULL;
  g_autofree char *now = civic_legislative_now_instant ();
  g_autofree char *rev = NULL;
  JsonArray *items;
  JsonObject *item;
  JsonNode *node;

  visit = civic_store_get (store, job->visit_id, error);
  if (visit == NULL)
    return FALSE;

  if (g_strcmp0 (civic_legislative_get_string (visit, "type"), "visit") != 0)
    {
      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_NOT_FOUND,
                   _("%s is not a visit"), job->visit_id);
      return FALSE;
    }

  items = civic_json_object_get_array_or_null (visit, "follow_ups");
  node = items != NULL && job->index < json_array_get_length (items)
           ? json_array_get_element (items, job->index) : NULL;
  item = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (item == NULL || g_strcmp0 (civic_legislative_get_string (item, "task"), job->task) != 0)
    {
      g_set_error (error, CIVIC_LEGISLATIVE_ERROR, CIVIC_LEGISLATIVE_ERROR_CHANGED,
                   _("The follow-up “%s” changed since it was listed; reload and try again"),
                   job->task != NULL ? job->task : "");
      return FALSE;
    }

  job->previous = g_strdup (civic_legislative_get_string (item, "done_at"));
  if (job->done)
    json_object_set_string_member (item, "done_at", job->done_at != NULL ? job->done_at : now);
  else if (json_object_has_member (item, "done_at"))
    json_object_remove_member (item, "done_at");

  json_object_set_string_member (visit, "updated_at", now);
  json_object_set_string_member (visit, "updated_by", job->user_name);

  rev = civic_store_put (store, visit, error);

  return rev != NULL;
}

gboolean
civic_follow_up_set_done (CivicStore  *store,
                          const char  *visit_id,
                          guint        index,
                          const char  *task,
                          gboolean     done,
                          const char  *done_at,
                          const char  *user_name,
                          char       **out_previous_done_at,
                          GError     **error)
{
  SetDone job = { visit_id, index, task, done, done_at, NULL, NULL };

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (visit_id != NULL, FALSE);

  job.user_name = user_name != NULL ? user_name : g_get_user_name ();

  if (!civic_store_transaction (store, set_done_in_transaction, &job, error))
    {
      g_free (job.previous);
      return FALSE;
    }

  if (out_previous_done_at != NULL)
    *out_previous_done_at = g_steal_pointer (&job.previous);
  g_free (job.previous);

  return TRUE;
}
