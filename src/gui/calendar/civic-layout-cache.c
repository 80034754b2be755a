/* civic-layout-cache.c — shaped text the calendar views draw again and again
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shaping the titles of a month's events with HarfBuzz was most of the
 * work of drawing the month view, and a view draws the same titles at the
 * same widths frame after frame, and again when the user pages back.  The
 * cache keeps one shaped PangoLayout per text, size and style; the page
 * also fills it ahead for the months it prefetches, while idle.
 */

#define G_LOG_DOMAIN "civic-layout-cache"

#include "config.h"

#include <string.h>

#include "civic-layout-cache.h"

/* U+25CF BLACK CIRCLE */
#define DOT "\xe2\x97\x8f"
/* U+2009 THIN SPACE */
#define THIN_SPACE "\xe2\x80\x89"

/* Entries per generation: a few months of a busy calendar.  Paging on,
 * the labels in use are recent and the ones of months left behind old:
 * when the recent table is full it becomes the old one and the old one
 * goes, so the page on screen and the ones prepared next to it keep their
 * shapes, without tracking which entry is oldest.
 */
#define GENERATION_SIZE 2048

struct _CivicLayoutCache
{
  GtkWidget  *widget;      /* not owned: the view owns the cache */
  GHashTable *layouts;     /* key → PangoLayout, used since the last turn */
  GHashTable *older;       /* the same, from the generation before */
  guint       serial;      /* of the widget's PangoContext when filled */
};

static GHashTable *
layout_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CivicLayoutCache *
civic_layout_cache_new (GtkWidget *widget)
{
  CivicLayoutCache *self = g_new0 (CivicLayoutCache, 1);

  self->widget = widget;
  self->layouts = layout_table_new ();
  self->older = layout_table_new ();
  return self;
}

void
civic_layout_cache_free (CivicLayoutCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->layouts);
  g_hash_table_unref (self->older);
  g_free (self);
}

static PangoLayout *
lookup_or_make (CivicLayoutCache *self,
                const char       *text,
                double            width,
                double            height,
                CivicLayoutFlags  flags,
                const GdkRGBA    *dot)
{
  PangoContext *context = gtk_widget_get_pango_context (self->widget);
  int pango_width = MAX (1, (int) (width * PANGO_SCALE));
  int pango_height = height > 0 ? (int) (height * PANGO_SCALE) : -1;
  g_autofree char *key = NULL;
  g_autofree char *dotted = NULL;
  g_autofree char *old_key = NULL;
  PangoAttrList *attrs = NULL;
  PangoLayout *layout;
  guint text_start = 0;

  /* A new font or scale invalidates every shape. */
  if (pango_context_get_serial (context) != self->serial)
    {
      g_hash_table_remove_all (self->layouts);
      g_hash_table_remove_all (self->older);
      self->serial = pango_context_get_serial (context);
    }
  if (g_hash_table_size (self->layouts) >= GENERATION_SIZE)
    {
      g_hash_table_unref (self->older);
      self->older = g_steal_pointer (&self->layouts);
      self->layouts = layout_table_new ();
    }

  if (dot != NULL)
    key = g_strdup_printf ("%d:%d:%u:%02x%02x%02x%02x:%s", pango_width, pango_height, flags,
                           (guint) (dot->red * 255), (guint) (dot->green * 255), (guint) (dot->blue * 255),
                           (guint) (dot->alpha * 255), text);
  else
    key = g_strdup_printf ("%d:%d:%u:%s", pango_width, pango_height, flags, text);
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout != NULL)
    return layout;
  if (g_hash_table_steal_extended (self->older, key, (gpointer *) &old_key, (gpointer *) &layout))
    {
      g_hash_table_insert (self->layouts, g_steal_pointer (&old_key), layout);
      return layout;
    }

  layout = pango_layout_new (context);
  if (dot != NULL || (flags & (CIVIC_LAYOUT_STRIKE | CIVIC_LAYOUT_BOLD)))
    attrs = pango_attr_list_new ();
  if (dot != NULL)
    {
      PangoAttribute *color = pango_attr_foreground_new (dot->red * 65535, dot->green * 65535, dot->blue * 65535);

      dotted = g_strconcat (DOT, THIN_SPACE, text, NULL);
      text_start = strlen (DOT THIN_SPACE);
      color->start_index = 0;
      color->end_index = strlen (DOT);
      pango_attr_list_insert (attrs, color);
      {
        /* The size of the dot the views used to draw. */
        PangoAttribute *scale = pango_attr_scale_new (0.8);

        scale->start_index = 0;
        scale->end_index = strlen (DOT);
        pango_attr_list_insert (attrs, scale);
      }
      if (dot->alpha < 1)
        {
          PangoAttribute *alpha = pango_attr_foreground_alpha_new (dot->alpha * 65535);

          alpha->start_index = 0;
          alpha->end_index = strlen (DOT);
          pango_attr_list_insert (attrs, alpha);
        }
      text = dotted;
    }
  if (flags & CIVIC_LAYOUT_STRIKE)
    {
      PangoAttribute *strike = pango_attr_strikethrough_new (TRUE);

      strike->start_index = text_start;
      pango_attr_list_insert (attrs, strike);
    }
  if (flags & CIVIC_LAYOUT_BOLD)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (flags & CIVIC_LAYOUT_WRAP)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, pango_height);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, pango_width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);

  /* Shape now, so a cache filled ahead saves the frame that draws it. */
  pango_layout_get_extents (layout, NULL, NULL);

  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

PangoLayout *
civic_layout_cache_get (CivicLayoutCache *self,
                        const char       *text,
                        double            width,
                        double            height,
                        CivicLayoutFlags  flags)
{
  return lookup_or_make (self, text, width, height, flags, NULL);
}

PangoLayout *
civic_layout_cache_get_dotted (CivicLayoutCache *self,
                               const char       *text,
                               double            width,
                               CivicLayoutFlags  flags,
                               const GdkRGBA    *dot)
{
  g_return_val_if_fail (dot != NULL, NULL);

  return lookup_or_make (self, text, width, -1, flags & ~CIVIC_LAYOUT_WRAP, dot);
}
