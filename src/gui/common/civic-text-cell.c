/* civic-text-cell.c — one line of text in a list cell, cheap to change
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list and column views keep two hundred rows realized, and a
 * search (the roster's, on every keystroke) changes the text of all of
 * them.  A GtkLabel
 * would ask for a new size each time, and the next frame would measure all
 * of them again with Pango.  This cell is one ellipsized line: its height
 * is that of a line of the font, measured once, and its width is the
 * column's, so new text only asks for a redraw, and only the rows on
 * screen lay their text out, when they are drawn.
 */

#define G_LOG_DOMAIN "civic-text-cell"

#include "config.h"

#include "civic-text-cell.h"

struct _CivicTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  PangoLayout *layout;  /* for the current text and width, made when drawn */
};

G_DEFINE_FINAL_TYPE (CivicTextCell, civic_text_cell, GTK_TYPE_WIDGET)

static void
civic_text_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The column's width decides; the text is ellipsized to fit. */
      *minimum = *natural = 0;
      return;
    }
  else
    {
      /* A line of Latin and Hangul, whatever the text: every row is as
       * tall as every other, and the answer never changes with the text
       * (GTK keeps it until the font changes).
       */
      g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (widget, "Ag한");
      int height;

      pango_layout_get_pixel_size (probe, NULL, &height);
      *minimum = *natural = height;
    }
}

static void
civic_text_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (widget);

  if (self->layout != NULL && pango_layout_get_width (self->layout) != width * PANGO_SCALE)
    g_clear_object (&self->layout);
}

static void
civic_text_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  int text_width, text_height;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, (width - text_width) * self->xalign),
                                                          (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
civic_text_cell_finalize (GObject *object)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (civic_text_cell_parent_class)->finalize (object);
}

static void
civic_text_cell_class_init (CivicTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = civic_text_cell_finalize;
  widget_class->measure = civic_text_cell_measure;
  widget_class->size_allocate = civic_text_cell_size_allocate;
  widget_class->snapshot = civic_text_cell_snapshot;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
civic_text_cell_init (CivicTextCell *self)
{
}

GtkWidget *
civic_text_cell_new (float xalign)
{
  CivicTextCell *self = g_object_new (CIVIC_TYPE_TEXT_CELL, NULL);

  self->xalign = CLAMP (xalign, 0, 1);
  return GTK_WIDGET (self);
}

void
civic_text_cell_set_text (CivicTextCell *self,
                            const char      *text)
{
  g_return_if_fail (CIVIC_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  /* Screen readers read the text as the cell's label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
civic_text_cell_get_text (CivicTextCell *self)
{
  g_return_val_if_fail (CIVIC_IS_TEXT_CELL (self), NULL);
  return self->text ? self->text : "";
}
