/* civic-roster-sorter.c — a roster column's sort order, for the column view's headers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column view's headers still work as GTK means them to (a click sorts,
 * a second click reverses) through its GtkColumnViewSorter; the roster does
 * not sort through it, though, but through orders it computed once per
 * column (civic-roster-list.h).  So it only needs to know which column the
 * headers chose and in which direction.  GTK 4.8 has no getter for that
 * (gtk_column_view_sorter_get_primary_sort_column () is 4.10), so it is
 * asked by example: civic_volunteer_row_compare () never calls two rows
 * equal, hence the view sorter stops at the first column sorter it consults
 * (the primary one), which notes that it was called.
 */

#define G_LOG_DOMAIN "civic-roster-sorter"

#include "config.h"

#include "civic-roster-sorter.h"

struct _CivicRosterSorter
{
  GtkSorter         parent_instance;

  CivicRosterColumn column;
};

G_DEFINE_FINAL_TYPE (CivicRosterSorter, civic_roster_sorter, GTK_TYPE_SORTER)

/* Set by compare () during civic_roster_sorter_find_primary (), which runs
 * on the main thread only.
 */
static CivicRosterSorter *consulted;

static GtkOrdering
civic_roster_sorter_compare (GtkSorter *sorter,
                             gpointer   item1,
                             gpointer   item2)
{
  CivicRosterSorter *self = CIVIC_ROSTER_SORTER (sorter);
  int r;

  if (consulted == NULL)
    consulted = self;
  r = civic_volunteer_row_compare (item1, item2, self->column);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
civic_roster_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
civic_roster_sorter_class_init (CivicRosterSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = civic_roster_sorter_compare;
  sorter_class->get_order = civic_roster_sorter_get_order;
}

static void
civic_roster_sorter_init (CivicRosterSorter *self)
{
}

GtkSorter *
civic_roster_sorter_new (CivicRosterColumn column)
{
  CivicRosterSorter *self;

  g_return_val_if_fail (column < CIVIC_ROSTER_N_COLUMNS, NULL);

  self = g_object_new (CIVIC_TYPE_ROSTER_SORTER, NULL);
  self->column = column;
  return GTK_SORTER (self);
}

CivicRosterColumn
civic_roster_sorter_get_column (CivicRosterSorter *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SORTER (self), CIVIC_ROSTER_COLUMN_NAME);
  return self->column;
}

static JsonObject *
probe_doc (const char *id)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "volunteer");
  return doc;
}

gboolean
civic_roster_sorter_find_primary (GtkSorter         *view_sorter,
                                  CivicRosterColumn *column,
                                  gboolean          *descending)
{
  static CivicVolunteerRow *probe_a, *probe_b;
  GtkOrdering view_order, own_order;
  CivicRosterSorter *primary;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);

  if (gtk_sorter_get_order (view_sorter) == GTK_SORTER_ORDER_NONE)
    return FALSE;

  /* Two rows that differ only by id: every column orders them, the same
   * way, so the first column consulted decides.
   */
  if (probe_a == NULL)
    {
      g_autoptr(JsonObject) a = probe_doc ("volunteer:a");
      g_autoptr(JsonObject) b = probe_doc ("volunteer:b");

      probe_a = civic_volunteer_row_new (a, NULL);
      probe_b = civic_volunteer_row_new (b, NULL);
    }

  consulted = NULL;
  view_order = gtk_sorter_compare (view_sorter, probe_a, probe_b);
  primary = g_steal_pointer (&consulted);
  if (primary == NULL || view_order == GTK_ORDERING_EQUAL)
    return FALSE;

  own_order = gtk_sorter_compare (GTK_SORTER (primary), probe_a, probe_b);
  consulted = NULL;
  *column = primary->column;
  *descending = view_order != own_order;
  return TRUE;
}
