/* civic-lazy-page.c — a page of the window's stack that builds its content when first shown
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens on one page; building the others' templates (the
 * roster with its editor, the visit tracker with its tabs) and styling
 * them before the first frame took a fifth of the time to show the window.
 * A CivicLazyPage stands in the view stack for such a page: it carries the
 * page contract ("store", "read-only") and hands both on to the page it
 * makes of its "page-type" the first time it is mapped, or when someone
 * asks for the page.
 */

#define G_LOG_DOMAIN "civic-lazy-page"

#include "config.h"

#include "civic-store.h"
#include "civic-lazy-page.h"

struct _CivicLazyPage
{
  AdwBin      parent_instance;

  GType       page_type;
  CivicStore *store;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CivicLazyPage, civic_lazy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PAGE_TYPE,
  PROP_STORE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
civic_lazy_page_map (GtkWidget *widget)
{
  CivicLazyPage *self = CIVIC_LAZY_PAGE (widget);

  GTK_WIDGET_CLASS (civic_lazy_page_parent_class)->map (widget);

  /* Made now, the page is mapped along with its new parent. */
  civic_lazy_page_get_page (self);
}

static void
civic_lazy_page_dispose (GObject *object)
{
  CivicLazyPage *self = CIVIC_LAZY_PAGE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (civic_lazy_page_parent_class)->dispose (object);
}

static void
civic_lazy_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CivicLazyPage *self = CIVIC_LAZY_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      g_value_set_string (value, self->page_type != G_TYPE_INVALID ? g_type_name (self->page_type) : NULL);
      break;
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
set_page_type (CivicLazyPage *self,
               const char    *name)
{
  GType type = name != NULL ? g_type_from_name (name) : G_TYPE_INVALID;

  /* The window ensures its pages' types before its template is built. */
  if (type == G_TYPE_INVALID || !g_type_is_a (type, GTK_TYPE_WIDGET))
    {
      g_critical ("“%s” is not a widget type", name != NULL ? name : "(null)");
      return;
    }
  self->page_type = type;
}

static void
civic_lazy_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CivicLazyPage *self = CIVIC_LAZY_PAGE (object);
  GtkWidget *page = civic_lazy_page_peek_page (self);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      set_page_type (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          if (page != NULL)
            g_object_set (page, "store", self->store, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_READ_ONLY:
      if (self->read_only != g_value_get_boolean (value))
        {
          self->read_only = g_value_get_boolean (value);
          if (page != NULL)
            g_object_set (page, "read-only", self->read_only, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_lazy_page_class_init (CivicLazyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_lazy_page_dispose;
  object_class->get_property = civic_lazy_page_get_property;
  object_class->set_property = civic_lazy_page_set_property;
  widget_class->map = civic_lazy_page_map;

  properties[PROP_PAGE_TYPE] =
    g_param_spec_string ("page-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civic_lazy_page_init (CivicLazyPage *self)
{
}

GtkWidget *
civic_lazy_page_peek_page (CivicLazyPage *self)
{
  g_return_val_if_fail (CIVIC_IS_LAZY_PAGE (self), NULL);

  return adw_bin_get_child (ADW_BIN (self));
}

GtkWidget *
civic_lazy_page_get_page (CivicLazyPage *self)
{
  GtkWidget *page;

  g_return_val_if_fail (CIVIC_IS_LAZY_PAGE (self), NULL);

  page = adw_bin_get_child (ADW_BIN (self));
  if (page != NULL || self->page_type == G_TYPE_INVALID)
    return page;

  g_debug ("Building the %s", g_type_name (self->page_type));
  /* Read-only first: a page given a store loads at once, as what it may do. */
  page = g_object_new (self->page_type,
                       "read-only", self->read_only,
                       "store", self->store,
                       NULL);
  adw_bin_set_child (ADW_BIN (self), page);
  return page;
}
