/* civic-roster-list.c — the rows the roster shows, replaced in one items-changed
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search over ten thousand volunteers on every keystroke cannot afford a
 * GtkFilterListModel and a GtkSortListModel going over every item again:
 * the roster computes the rows to show itself (the index's ranked answer,
 * put in a column's order through precomputed orders) and hands them here.
 * Only the part that differs is announced, so the column view keeps the
 * widgets of rows that stayed where they were, and a keystroke that did not
 * change the answer costs nothing at all.
 */

#define G_LOG_DOMAIN "civic-roster-list"

#include "config.h"

#include <string.h>

#include "civic-roster-list.h"

struct _CivicRosterList
{
  GObject    parent_instance;

  GPtrArray *rows;  /* CivicVolunteerRow*, owned */
};

static void civic_roster_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivicRosterList, civic_roster_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, civic_roster_list_model_init))

static GType
civic_roster_list_get_item_type (GListModel *model)
{
  return CIVIC_TYPE_VOLUNTEER_ROW;
}

static guint
civic_roster_list_get_n_items (GListModel *model)
{
  return CIVIC_ROSTER_LIST (model)->rows->len;
}

static gpointer
civic_roster_list_get_item (GListModel *model,
                            guint       position)
{
  CivicRosterList *self = CIVIC_ROSTER_LIST (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
civic_roster_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = civic_roster_list_get_item_type;
  iface->get_n_items = civic_roster_list_get_n_items;
  iface->get_item = civic_roster_list_get_item;
}

static void
civic_roster_list_finalize (GObject *object)
{
  CivicRosterList *self = CIVIC_ROSTER_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_roster_list_parent_class)->finalize (object);
}

static void
civic_roster_list_class_init (CivicRosterListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_roster_list_finalize;
}

static void
civic_roster_list_init (CivicRosterList *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

CivicRosterList *
civic_roster_list_new (void)
{
  return g_object_new (CIVIC_TYPE_ROSTER_LIST, NULL);
}

gboolean
civic_roster_list_replace (CivicRosterList    *self,
                           CivicVolunteerRow **rows,
                           guint               n_rows)
{
  guint old_n, prefix = 0, suffix = 0, removed, added;
  gpointer *old;

  g_return_val_if_fail (CIVIC_IS_ROSTER_LIST (self), FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  old_n = self->rows->len;
  old = self->rows->pdata;
  while (prefix < old_n && prefix < n_rows && old[prefix] == (gpointer) rows[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < n_rows - prefix &&
         old[old_n - 1 - suffix] == (gpointer) rows[n_rows - 1 - suffix])
    suffix++;
  removed = old_n - prefix - suffix;
  added = n_rows - prefix - suffix;
  if (removed == 0 && added == 0)
    return FALSE;

  /* The new rows are referenced before the old ones go: a row in both
   * must not reach a zero count in between.
   */
  {
    g_autoptr(GPtrArray) middle = g_ptr_array_new_full (added, NULL);

    for (guint i = 0; i < added; i++)
      g_ptr_array_add (middle, g_object_ref (rows[prefix + i]));
    g_ptr_array_remove_range (self->rows, prefix, removed);
    g_ptr_array_extend_and_steal (self->rows, g_steal_pointer (&middle));
    /* extend appended the middle at the end; move it into place when a
     * suffix was kept.
     */
    if (suffix > 0)
      {
        gpointer *data = self->rows->pdata;
        g_autofree gpointer *kept = g_memdup2 (data + prefix, suffix * sizeof (gpointer));

        memmove (data + prefix, data + prefix + suffix, added * sizeof (gpointer));
        memcpy (data + prefix + added, kept, suffix * sizeof (gpointer));
      }
  }

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  return TRUE;
}

void
civic_roster_list_refresh (CivicRosterList *self)
{
  g_return_if_fail (CIVIC_IS_ROSTER_LIST (self));

  if (self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
}
