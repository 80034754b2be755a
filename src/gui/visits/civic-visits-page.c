/* civic-visits-page.c — the Visits page of the main window
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Until the visit tracker lands, the page only says what it will hold.  It
 * already has the interface the window relies on: a store, which is NULL
 * until the store has opened, and a read-only flag for board profiles.
 */

#define G_LOG_DOMAIN "civic-visits-page"

#include "config.h"

#include "civic-visits-page.h"

struct _CivicVisitsPage
{
  AdwBin      parent_instance;

  CivicStore *store;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CivicVisitsPage, civic_visits_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
civic_visits_page_dispose (GObject *object)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_VISITS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (civic_visits_page_parent_class)->dispose (object);
}

static void
civic_visits_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visits_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicVisitsPage *self = CIVIC_VISITS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      civic_visits_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_READ_ONLY:
      civic_visits_page_set_read_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_visits_page_class_init (CivicVisitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_visits_page_dispose;
  object_class->get_property = civic_visits_page_get_property;
  object_class->set_property = civic_visits_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/visits/civic-visits-page.ui");
}

static void
civic_visits_page_init (CivicVisitsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * civic_visits_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store, or %NULL while it opens
 */
CivicStore *
civic_visits_page_get_store (CivicVisitsPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_PAGE (self), NULL);

  return self->store;
}

void
civic_visits_page_set_store (CivicVisitsPage *self,
                             CivicStore      *store)
{
  g_return_if_fail (CIVIC_IS_VISITS_PAGE (self));
  g_return_if_fail (!store || CIVIC_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
civic_visits_page_get_read_only (CivicVisitsPage *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_PAGE (self), FALSE);

  return self->read_only;
}

void
civic_visits_page_set_read_only (CivicVisitsPage *self,
                                 gboolean         read_only)
{
  g_return_if_fail (CIVIC_IS_VISITS_PAGE (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}
