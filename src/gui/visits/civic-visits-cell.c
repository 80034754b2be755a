/* civic-visits-cell.c — a cell of the Visits page's tables: a line of text or a position chip
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's column views make a widget for every cell of up to two
 * hundred rows, and style, measure and lay out all of them before the
 * first frame that shows the table.  A GtkLabel measures its text with
 * Pango, in a Pango context of its own, and a chip that changes its CSS
 * class with the position is styled again on every bind.  This cell
 * costs far less: its height is a line of the table's font, measured once
 * for the whole table (the cells share their column view's Pango context,
 * as they share its font), its width is the column's, so new text only
 * asks for a redraw, and only the cells on screen lay their text out, when
 * they are drawn.  A chip cell draws the position's pill itself, in the
 * colour civic_visit_position_get_color() gives it, with the padding and
 * bold text of the page's ".civic-position-chip".  (CivicTextCell in
 * src/gui/common does the same for text alone, in a context per cell.)
 */

#define G_LOG_DOMAIN "civic-visits-cell"

#include "config.h"

#include "civic-visit.h"
#include "civic-visits-cell.h"

/* The chip's padding, as in resources/visits/style.css. */
#define CHIP_PADDING_X 10
#define CHIP_PADDING_Y 2

struct _CivicVisitsCell
{
  GtkWidget      parent_instance;

  char          *text;
  gboolean       chip;
  gboolean       shown;     /* a chip cell: whether it draws its chip */
  CivicPosition  position;
  PangoLayout   *layout;    /* for the current text and width, made when drawn */
};

G_DEFINE_FINAL_TYPE (CivicVisitsCell, civic_visits_cell, GTK_TYPE_WIDGET)

/* The widget whose font and Pango context the cells of a table share. */
static GtkWidget *
get_table (GtkWidget *widget)
{
  GtkWidget *table = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);

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
    quark = g_quark_from_static_string ("civic-visits-cell-line-height");
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
civic_visits_cell_get_chip_height (GtkWidget *table)
{
  g_return_val_if_fail (GTK_IS_WIDGET (table), 0);

  return get_line_height (gtk_widget_get_pango_context (table)) + 2 * CHIP_PADDING_Y;
}

static void
civic_visits_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CivicVisitsCell *self = CIVIC_VISITS_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The column's width decides; the text is ellipsized to fit. */
      *minimum = *natural = 0;
      return;
    }

  /* Every row as tall as every other, whatever the text, and a chip cell
   * as tall with its chip as without.
   */
  if (self->chip)
    *minimum = *natural = civic_visits_cell_get_chip_height (get_table (widget));
  else
    *minimum = *natural = get_line_height (gtk_widget_get_pango_context (get_table (widget)));
}

static void
civic_visits_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CivicVisitsCell *self = CIVIC_VISITS_CELL (widget);
  int text_width = width - (self->chip ? 2 * CHIP_PADDING_X : 0);

  if (self->layout != NULL && pango_layout_get_width (self->layout) != text_width * PANGO_SCALE)
    g_clear_object (&self->layout);
}

static const GdkRGBA *
chip_color (CivicPosition position)
{
  static GdkRGBA colors[CIVIC_POSITION_N];
  static gboolean parsed[CIVIC_POSITION_N];

  if (position >= CIVIC_POSITION_N)
    position = CIVIC_POSITION_UNKNOWN;
  if (!parsed[position])
    {
      if (!gdk_rgba_parse (&colors[position], civic_visit_position_get_color (civic_position_to_string (position))))
        colors[position] = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
      parsed[position] = TRUE;
    }
  return &colors[position];
}

static void
civic_visits_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CivicVisitsCell *self = CIVIC_VISITS_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_width = width - (self->chip ? 2 * CHIP_PADDING_X : 0);
  int layout_width, layout_height;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || text_width <= 0 || (self->chip && !self->shown))
    return;

  if (self->layout == NULL)
    {
      self->layout = pango_layout_new (gtk_widget_get_pango_context (get_table (widget)));
      pango_layout_set_text (self->layout, self->text, -1);
      pango_layout_set_width (self->layout, text_width * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->chip)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
    }
  pango_layout_get_pixel_size (self->layout, &layout_width, &layout_height);

  gtk_snapshot_save (snapshot);
  if (self->chip)
    {
      /* A pill as wide as its text, centred in the row. */
      int chip_height = layout_height + 2 * CHIP_PADDING_Y;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, MAX (0, (height - chip_height) / 2),
                                                   layout_width + 2 * CHIP_PADDING_X, chip_height);
      const GdkRGBA *fill = chip_color (self->position);
      float half = chip_height / 2.0f;
      GskRoundedRect pill;

      /* A border as thick as half the pill fills it: one path to fill,
       * where a rounded clip around a colour would make the cairo
       * renderer paint through a mask.
       */
      gsk_rounded_rect_init_from_rect (&pill, &bounds, half);
      gtk_snapshot_append_border (snapshot, &pill, (float[4]) { half, half, half, half },
                                  (GdkRGBA[4]) { *fill, *fill, *fill, *fill });
      color = (GdkRGBA) { 1, 1, 1, 1 };
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (CHIP_PADDING_X, bounds.origin.y + CHIP_PADDING_Y));
    }
  else
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      G_GNUC_END_IGNORE_DEPRECATIONS
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - layout_height) / 2));
    }
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
civic_visits_cell_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (civic_visits_cell_parent_class)->css_changed (widget, change);

  /* The table's font may have changed with it. */
  g_clear_object (&CIVIC_VISITS_CELL (widget)->layout);
}

static void
civic_visits_cell_finalize (GObject *object)
{
  CivicVisitsCell *self = CIVIC_VISITS_CELL (object);

  g_free (self->text);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (civic_visits_cell_parent_class)->finalize (object);
}

static void
civic_visits_cell_class_init (CivicVisitsCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = civic_visits_cell_finalize;
  widget_class->measure = civic_visits_cell_measure;
  widget_class->size_allocate = civic_visits_cell_size_allocate;
  widget_class->snapshot = civic_visits_cell_snapshot;
  widget_class->css_changed = civic_visits_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
civic_visits_cell_init (CivicVisitsCell *self)
{
  self->position = CIVIC_POSITION_UNKNOWN;
}

GtkWidget *
civic_visits_cell_new (void)
{
  return g_object_new (CIVIC_TYPE_VISITS_CELL, NULL);
}

GtkWidget *
civic_visits_cell_new_chip (void)
{
  CivicVisitsCell *self = g_object_new (CIVIC_TYPE_VISITS_CELL, NULL);

  self->chip = TRUE;
  return GTK_WIDGET (self);
}

void
civic_visits_cell_set_text (CivicVisitsCell *self,
                            const char      *text)
{
  g_return_if_fail (CIVIC_IS_VISITS_CELL (self));

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
civic_visits_cell_get_text (CivicVisitsCell *self)
{
  g_return_val_if_fail (CIVIC_IS_VISITS_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
civic_visits_cell_set_position (CivicVisitsCell *self,
                                CivicPosition    position,
                                gboolean         shown)
{
  g_return_if_fail (CIVIC_IS_VISITS_CELL (self));
  g_return_if_fail (self->chip);

  shown = !!shown;
  if (self->position != position || self->shown != shown)
    {
      self->position = position;
      self->shown = shown;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  civic_visits_cell_set_text (self, shown ? civic_position_get_label (position) : "");
}
