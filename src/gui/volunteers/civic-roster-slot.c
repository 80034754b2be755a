/* civic-roster-slot.c — a position of the roster's column view and the row it shows
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkColumnView makes new row widgets for every item it has not seen
 * before, and GTK 4.8's keeps two hundred rows realized: replacing the
 * items on each keystroke of a search made and destroyed 1,400 cells each
 * time.  Its items are therefore positions (civic-roster-slots.h) that stay
 * while the search changes which volunteer each one shows: a slot hands
 * the new text straight to its bound cells, and the widgets stay.
 */

#define G_LOG_DOMAIN "civic-roster-slot"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-roster-slot.h"

struct _CivicRosterSlot
{
  GObject            parent_instance;

  CivicVolunteerRow *row;
  CivicTextCell   *cells[CIVIC_ROSTER_N_COLUMNS];  /* bound, not owned */
  gboolean           stale;  /* the bound cells still show an older row */
};

G_DEFINE_FINAL_TYPE (CivicRosterSlot, civic_roster_slot, G_TYPE_OBJECT)

static void
civic_roster_slot_finalize (GObject *object)
{
  CivicRosterSlot *self = CIVIC_ROSTER_SLOT (object);

  g_clear_object (&self->row);

  G_OBJECT_CLASS (civic_roster_slot_parent_class)->finalize (object);
}

static void
civic_roster_slot_class_init (CivicRosterSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_roster_slot_finalize;
}

static void
civic_roster_slot_init (CivicRosterSlot *self)
{
}

CivicRosterSlot *
civic_roster_slot_new (CivicVolunteerRow *row)
{
  CivicRosterSlot *self = g_object_new (CIVIC_TYPE_ROSTER_SLOT, NULL);

  self->row = row ? g_object_ref (row) : NULL;
  return self;
}

CivicVolunteerRow *
civic_roster_slot_get_row (CivicRosterSlot *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOT (self), NULL);
  return self->row;
}

const char *
civic_roster_column_text (CivicVolunteerRow *row,
                          CivicRosterColumn  column,
                          char              *buffer,
                          gsize              size)
{
  double hours;

  if (row == NULL)
    return "";

  switch (column)
    {
    case CIVIC_ROSTER_COLUMN_NAME:
      return civic_volunteer_row_get_name (row);
    case CIVIC_ROSTER_COLUMN_PHONE:
      return civic_volunteer_row_get_phone (row);
    case CIVIC_ROSTER_COLUMN_LANGUAGES:
      return civic_volunteer_row_get_languages (row);
    case CIVIC_ROSTER_COLUMN_OFFICE:
      return civic_volunteer_row_get_office (row);
    case CIVIC_ROSTER_COLUMN_LAST_SHIFT:
      return civic_volunteer_row_get_last_shift (row);
    case CIVIC_ROSTER_COLUMN_HOURS:
      hours = civic_volunteer_row_get_hours (row);
      if (hours <= 0)
        return "";
      g_snprintf (buffer, size, "%.1f", hours);
      return buffer;
    case CIVIC_ROSTER_COLUMN_ACTIVE:
      return civic_volunteer_row_get_active (row) ? _("Yes") : _("No");
    case CIVIC_ROSTER_N_COLUMNS:
    default:
      return "";
    }
}

static void
update_cell (CivicRosterSlot   *self,
             CivicRosterColumn  column)
{
  char buffer[32];

  if (self->cells[column] != NULL)
    civic_text_cell_set_text (self->cells[column],
                                civic_roster_column_text (self->row, column, buffer, sizeof buffer));
}

void
civic_roster_slot_set_row (CivicRosterSlot   *self,
                           CivicVolunteerRow *row,
                           gboolean           force)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOT (self));

  if (self->row == row && !force && !self->stale)
    return;
  g_set_object (&self->row, row);
  self->stale = FALSE;
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    update_cell (self, c);
}

gboolean
civic_roster_slot_set_row_later (CivicRosterSlot   *self,
                                 CivicVolunteerRow *row,
                                 gboolean           force)
{
  gboolean bound = FALSE;

  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOT (self), FALSE);

  if (self->row == row && !force)
    return self->stale;
  g_set_object (&self->row, row);
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    bound |= self->cells[c] != NULL;
  /* Cells bound later take the new row's text when they are bound. */
  self->stale = bound;
  return self->stale;
}

void
civic_roster_slot_flush (CivicRosterSlot *self)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOT (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  for (guint c = 0; c < CIVIC_ROSTER_N_COLUMNS; c++)
    update_cell (self, c);
}

gboolean
civic_roster_slot_is_stale (CivicRosterSlot *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOT (self), FALSE);
  return self->stale;
}

CivicTextCell *
civic_roster_slot_get_cell (CivicRosterSlot   *self,
                            CivicRosterColumn  column)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_SLOT (self), NULL);
  g_return_val_if_fail (column < CIVIC_ROSTER_N_COLUMNS, NULL);
  return self->cells[column];
}

void
civic_roster_slot_bind_cell (CivicRosterSlot   *self,
                             CivicRosterColumn  column,
                             CivicTextCell   *cell)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOT (self));
  g_return_if_fail (column < CIVIC_ROSTER_N_COLUMNS);

  self->cells[column] = cell;
  update_cell (self, column);
}

void
civic_roster_slot_unbind_cell (CivicRosterSlot   *self,
                               CivicRosterColumn  column,
                               CivicTextCell   *cell)
{
  g_return_if_fail (CIVIC_IS_ROSTER_SLOT (self));
  g_return_if_fail (column < CIVIC_ROSTER_N_COLUMNS);

  if (self->cells[column] == cell)
    self->cells[column] = NULL;
}
