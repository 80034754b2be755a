/* civic-text-cell.c — one line of text in a list cell, cheap to change
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list and column views keep two hundred rows realized, style,
 * measure and lay out every cell of them before the first frame that
 * shows a table, and a search (the roster's, on every keystroke) changes
 * the text of all of them.  A GtkLabel measures its text with Pango, in a
 * Pango context of its own, and asks for a new size at each change.  This
 * cell is one ellipsized line: its height is a line of the table's font,
 * measured once for the whole table (the cells share their column view's
 * Pango context, as they share its font), its width is the column's, so
 * new text only asks for a redraw, and only the cells on screen lay their
 * text out, when they are drawn.  A pill cell draws a filled pill behind
 * bold text itself, where a styled child would be restyled at every bind.
 */

#define G_LOG_DOMAIN "civic-text-cell"

#include "config.h"

#include "civic-snapshot-util.h"
#include "civic-text-cell.h"

/* A pill's padding around its text. */
#define PILL_PADDING_X 10
#define PILL_PADDING_Y 2

struct _CivicTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  gboolean     pill;
  GdkRGBA      fill;
  PangoLayout *layout;  /* for the width, made when drawn */
  gboolean     stale;   /* the layout has an older text */
};

G_DEFINE_FINAL_TYPE (CivicTextCell, civic_text_cell, GTK_TYPE_WIDGET)

/* The widget whose font and Pango context the cells of a table share. */
static GtkWidget *
get_table (GtkWidget *widget)
{
  GtkWidget *table = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);

  if (table == NULL)
    table = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW);
  return table != NULL ? table : widget;
}

typedef struct {
  guint serial;
  int   height;
} LineHeight;

/* The height of a line of Latin and Hangul in @context's font, kept on
 * the context until its font (its serial) changes.
 */
static int
get_line_height (PangoContext *context)
{
  static GQuark quark;
  LineHeight *cached;

  if (quark == 0)
    quark = g_quark_from_static_string ("civic-text-cell-line-height");
  cached = g_object_get_qdata (G_OBJECT (context), quark);
  if (cached == NULL)
    {
      cached = g_new0 (LineHeight, 1);
      cached->serial = pango_context_get_serial (context) - 1;
      g_object_set_qdata_full (G_OBJECT (context), quark, cached, g_free);
    }
  if (cached->serial != pango_context_get_serial (context))
    {
      g_autoptr(PangoLayout) probe = pango_layout_new (context);

      pango_layout_set_text (probe, "Ag한", -1);
      pango_layout_get_pixel_size (probe, NULL, &cached->height);
      cached->serial = pango_context_get_serial (context);
    }
  return cached->height;
}

int
civic_text_cell_get_pill_height (GtkWidget *table)
{
  g_return_val_if_fail (GTK_IS_WIDGET (table), 0);

  return get_line_height (gtk_widget_get_pango_context (table)) + 2 * PILL_PADDING_Y;
}

static void
civic_text_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The column's width decides; the text is ellipsized to fit. */
      *minimum = *natural = 0;
      return;
    }

  /* Every row as tall as every other, whatever the text, and a pill cell
   * as tall with its pill as without.
   */
  if (self->pill)
    *minimum = *natural = civic_text_cell_get_pill_height (get_table (widget));
  else
    *minimum = *natural = get_line_height (gtk_widget_get_pango_context (get_table (widget)));
}

static int
text_width (CivicTextCell *self,
            int            width)
{
  return width - (self->pill ? 2 * PILL_PADDING_X : 0);
}

static void
civic_text_cell_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (widget);

  if (self->layout != NULL && pango_layout_get_width (self->layout) != text_width (self, width) * PANGO_SCALE)
    g_clear_object (&self->layout);
}

static void
civic_text_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CivicTextCell *self = CIVIC_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int available = text_width (self, width);
  int layout_width, layout_height;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || available <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (gtk_widget_get_pango_context (get_table (widget)));
      pango_layout_set_text (self->layout, self->text, -1);
      pango_layout_set_width (self->layout, available * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->pill)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
    }
  else if (self->stale)
    pango_layout_set_text (self->layout, self->text, -1);
  self->stale = FALSE;
  pango_layout_get_pixel_size (self->layout, &layout_width, &layout_height);

  gtk_snapshot_save (snapshot);
  if (self->pill)
    {
      /* A pill as wide as its text, centred in the row. */
      int pill_height = layout_height + 2 * PILL_PADDING_Y;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, MAX (0, (height - pill_height) / 2),
                                                   layout_width + 2 * PILL_PADDING_X, pill_height);

      civic_snapshot_rounded_fill (snapshot, &bounds, pill_height / 2.0f, &self->fill);
      color = (GdkRGBA) { 1, 1, 1, 1 };
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PILL_PADDING_X, bounds.origin.y + PILL_PADDING_Y));
    }
  else
    {
      civic_widget_get_color (widget, &color);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MAX (0, (width - layout_width) * self->xalign),
                                                              (height - layout_height) / 2));
    }
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
civic_text_cell_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (civic_text_cell_parent_class)->css_changed (widget, change);

  /* The table's font may have changed with it. */
  g_clear_object (&CIVIC_TEXT_CELL (widget)->layout);
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
  widget_class->css_changed = civic_text_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
civic_text_cell_init (CivicTextCell *self)
{
  self->fill = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
}

GtkWidget *
civic_text_cell_new (float xalign)
{
  CivicTextCell *self = g_object_new (CIVIC_TYPE_TEXT_CELL, NULL);

  self->xalign = CLAMP (xalign, 0, 1);
  return GTK_WIDGET (self);
}

GtkWidget *
civic_text_cell_new_pill (void)
{
  CivicTextCell *self = g_object_new (CIVIC_TYPE_TEXT_CELL, NULL);

  self->pill = TRUE;
  return GTK_WIDGET (self);
}

void
civic_text_cell_set_text (CivicTextCell *self,
                          const char    *text)
{
  g_return_if_fail (CIVIC_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  /* The layout takes the new text when next drawn: a search changes two
   * hundred cells a keystroke, and only those on screen are drawn.
   */
  self->stale = TRUE;
  /* Screen readers read the text as the cell's label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
civic_text_cell_get_text (CivicTextCell *self)
{
  g_return_val_if_fail (CIVIC_IS_TEXT_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
civic_text_cell_set_fill (CivicTextCell *self,
                          const GdkRGBA *fill)
{
  g_return_if_fail (CIVIC_IS_TEXT_CELL (self));
  g_return_if_fail (self->pill);
  g_return_if_fail (fill != NULL);

  if (gdk_rgba_equal (&self->fill, fill))
    return;
  self->fill = *fill;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
