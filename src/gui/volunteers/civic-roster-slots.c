/* civic-roster-slots.c — the roster's column view items: positions that keep their widgets
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See civic-roster-slot.c for why.  A slot is made when the view first
 * asks for its position and kept while the list is at least that long;
 * the view's selection is kept on the rows, not the positions, by the page
 * (which knows which rows moved where).
 *
 * Row widgets are still made and destroyed when the number of positions
 * crosses the two hundred the view keeps realized: a search going from
 * 300 matches to 10 would destroy 190 rows, and the next keystroke back
 * would make them again, a quarter of a millisecond each.  So while a
 * search is being typed, positions past the last row are kept, blank, up
 * to KEEP_POSITIONS, and trimmed once no keystroke has come for
 * TRIM_DELAY_MS (a keystroke that leaves the rows as they were postpones
 * it too: trimming between "안다" and "안" would have the view make 1,400
 * cells again, 60 ms).  Blank positions show nothing and hold no row.
 */

#define G_LOG_DOMAIN "civic-roster-slots"

#include "config.h"

#include "civic-roster-slots.h"

/* More than GTK 4.8's list view realizes (200, plus a few). */
#define KEEP_POSITIONS 240
#define TRIM_DELAY_MS 400

struct _CivicRosterSlots
{
  GObject     parent_instance;

  GListModel *rows;
  GPtrArray  *slots;    /* CivicRosterSlot* or NULL, by position; owned */
  guint       n_items;  /* the rows, then blank positions */
  guint       n_rows;
  guint       trim_source;
  guint       first_on_screen;
  guint       n_on_screen;  /* G_MAXUINT: every position */
  gboolean    stale;        /* some slot's cells wait for a flush */
};

static void civic_roster_slots_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivicRosterSlots, civic_roster_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, civic_roster_slots_model_init))

static GType
civic_roster_slots_get_item_type (GListModel *model)
{
  return CIVIC_TYPE_ROSTER_SLOT;
}

static guint
civic_roster_slots_get_n_items (GListModel *model)
{
  return CIVIC_ROSTER_SLOTS (model)->n_items;
}

static gpointer
civic_roster_slots_get_item (GListModel *model,
                             guint       position)
{
  CivicRosterSlots *self = CIVIC_ROSTER_SLOTS (model);
  CivicRosterSlot *slot;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->slots->len)
    g_ptr_array_set_size (self->slots, position + 1);
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      g_autoptr(CivicVolunteerRow) row = position < self->n_rows ? g_list_model_get_item (self->rows, position) : NULL;

      slot = civic_roster_slot_new (row);
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
}

static void
civic_roster_slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = civic_roster_slots_get_item_type;
  iface->get_n_items = civic_roster_slots_get_n_items;
  iface->get_item = civic_roster_slots_get_item;
}

static void
set_n_items (CivicRosterSlots *self,
             guint             n_items)
{
  guint old_n = self->n_items;

  if (self->slots->len > n_items)
    g_ptr_array_set_size (self->slots, n_items);
  self->n_items = n_items;
  if (n_items > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n_items - old_n);
  else if (n_items < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n - n_items, 0);
}

static gboolean
trim_cb (gpointer data)
{
  CivicRosterSlots *self = data;

  self->trim_source = 0;
  set_n_items (self, self->n_rows);
  return G_SOURCE_REMOVE;
}

static void
rows_changed_cb (GListModel       *rows,
                 guint             position,
                 guint             removed,
                 guint             added,
                 CivicRosterSlots *self)
{
  guint old_rows = self->n_rows;
  guint new_rows = g_list_model_get_n_items (rows);
  /* An equal count over the same span is the same rows with new figures. */
  gboolean refresh = removed == added;
  guint n_items;

  self->n_rows = new_rows;
  /* Fewer rows: the positions past them stay, blank, for a while. */
  n_items = new_rows >= self->n_items ? new_rows : MAX (new_rows, MIN (self->n_items, KEEP_POSITIONS));
  if (self->slots->len > n_items)
    g_ptr_array_set_size (self->slots, n_items);

  for (guint i = position; i < self->slots->len; i++)
    {
      CivicRosterSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(CivicVolunteerRow) row = NULL;

      /* Past the changed span, rows only moved when the count changed. */
      if (slot == NULL || (removed == added && i >= position + added))
        continue;
      if (i >= new_rows && i >= old_rows)
        break;
      row = i < new_rows ? g_list_model_get_item (rows, i) : NULL;
      if (self->n_on_screen == G_MAXUINT ||
          (i >= self->first_on_screen && i - self->first_on_screen < self->n_on_screen))
        civic_roster_slot_set_row (slot, row, refresh);
      else if (civic_roster_slot_set_row_later (slot, row, refresh))
        self->stale = TRUE;
    }

  set_n_items (self, n_items);

  g_clear_handle_id (&self->trim_source, g_source_remove);
  if (self->n_items > self->n_rows)
    self->trim_source = g_timeout_add (TRIM_DELAY_MS, trim_cb, self);
}

void
civic_roster_slots_set_on_screen (CivicRosterSlots *self,
                                  guint             first,
                                  guint             n_rows)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOTS (self));

  self->first_on_screen = n_rows == G_MAXUINT ? 0 : first;
  self->n_on_screen = n_rows;
}

guint
civic_roster_slots_rows_in (CivicRosterSlots *self,
                            double            view_height)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOTS (self), G_MAXUINT);

  for (guint i = 0; i < self->slots->len; i++)
    {
      CivicRosterSlot *slot = g_ptr_array_index (self->slots, i);
      CivicTextCell *cell = slot ? civic_roster_slot_get_cell (slot, CIVIC_ROSTER_COLUMN_NAME) : NULL;
      int height = cell ? gtk_widget_get_height (GTK_WIDGET (cell)) : 0;

      /* A cell is a little shorter than its row: the count errs high. */
      if (height > 0)
        return (guint) (view_height / height) + 4;
    }
  return G_MAXUINT;
}

gboolean
civic_roster_slots_is_stale (CivicRosterSlots *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOTS (self), FALSE);
  return self->stale;
}

void
civic_roster_slots_flush (CivicRosterSlots *self)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOTS (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  for (guint i = 0; i < self->slots->len; i++)
    {
      CivicRosterSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        civic_roster_slot_flush (slot);
    }
}

guint
civic_roster_slots_get_n_rows (CivicRosterSlots *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOTS (self), 0);
  return self->n_rows;
}

void
civic_roster_slots_postpone_trim (CivicRosterSlots *self)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOTS (self));

  if (self->trim_source == 0)
    return;
  g_source_remove (self->trim_source);
  self->trim_source = g_timeout_add (TRIM_DELAY_MS, trim_cb, self);
}

void
civic_roster_slots_trim (CivicRosterSlots *self)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOTS (self));

  g_clear_handle_id (&self->trim_source, g_source_remove);
  set_n_items (self, self->n_rows);
}

static void
civic_roster_slots_dispose (GObject *object)
{
  CivicRosterSlots *self = CIVIC_ROSTER_SLOTS (object);

  g_clear_handle_id (&self->trim_source, g_source_remove);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, rows_changed_cb, self);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (civic_roster_slots_parent_class)->dispose (object);
}

static void
civic_roster_slots_finalize (GObject *object)
{
  CivicRosterSlots *self = CIVIC_ROSTER_SLOTS (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_roster_slots_parent_class)->finalize (object);
}

static void
civic_roster_slots_class_init (CivicRosterSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civic_roster_slots_dispose;
  object_class->finalize = civic_roster_slots_finalize;
}

static void
slot_free (gpointer slot)
{
  /* Positions never asked for hold NULL. */
  if (slot != NULL)
    g_object_unref (slot);
}

static void
civic_roster_slots_init (CivicRosterSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
  self->n_on_screen = G_MAXUINT;
}

CivicRosterSlots *
civic_roster_slots_new (GListModel *rows)
{
  CivicRosterSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (CIVIC_TYPE_ROSTER_SLOTS, NULL);
  self->rows = g_object_ref (rows);
  self->n_items = self->n_rows = g_list_model_get_n_items (rows);
  g_signal_connect (rows, "items-changed", G_CALLBACK (rows_changed_cb), self);
  return self;
}
