/* civic-visits-item.c — a list item that carries one row of the Visits page's tables
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-visits-item"

#include "config.h"

#include "civic-visits-item.h"

struct _CivicVisitsItem
{
  GObject        parent_instance;

  gpointer       data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (CivicVisitsItem, civic_visits_item, G_TYPE_OBJECT)

static void
civic_visits_item_finalize (GObject *object)
{
  CivicVisitsItem *self = CIVIC_VISITS_ITEM (object);

  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);

  G_OBJECT_CLASS (civic_visits_item_parent_class)->finalize (object);
}

static void
civic_visits_item_class_init (CivicVisitsItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_visits_item_finalize;
}

static void
civic_visits_item_init (CivicVisitsItem *self)
{
}

CivicVisitsItem *
civic_visits_item_new (gpointer       data,
                       GDestroyNotify destroy)
{
  CivicVisitsItem *self = g_object_new (CIVIC_TYPE_VISITS_ITEM, NULL);

  self->data = data;
  self->destroy = destroy;
  return self;
}

gpointer
civic_visits_item_get_data (CivicVisitsItem *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_ITEM (self), NULL);

  return self->data;
}
