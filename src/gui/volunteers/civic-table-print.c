/* civic-table-print.c — a plain black-and-white table printed with GtkPrintOperation
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roster and the hours report print as a legible table: a title
 * (which names the filters, so a printed list says what it is a list of),
 * the column headers repeated on every page, thin rules between rows, and
 * "Page N of M" at the foot.  Black on white only, since these pages are
 * photocopied at the office.  Cells are ellipsized to their column.
 */

#define G_LOG_DOMAIN "civic-table-print"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-table-print.h"

#define FONT_SIZE 9
#define ROW_PADDING 3.0

struct _CivicTablePrint
{
  GObject    parent_instance;

  char      *title;
  guint      n_columns;
  GStrv      headers;
  double    *widths;
  GPtrArray *rows;   /* GStrv */

  /* Layout, from begin-print */
  double     row_height;
  double     header_height;
  guint      rows_per_page;
};

G_DEFINE_FINAL_TYPE (CivicTablePrint, civic_table_print, G_TYPE_OBJECT)

static void
civic_table_print_finalize (GObject *object)
{
  CivicTablePrint *self = CIVIC_TABLE_PRINT (object);

  g_free (self->title);
  g_strfreev (self->headers);
  g_free (self->widths);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (civic_table_print_parent_class)->finalize (object);
}

static void
civic_table_print_class_init (CivicTablePrintClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_table_print_finalize;
}

static void
civic_table_print_init (CivicTablePrint *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

CivicTablePrint *
civic_table_print_new (const char         *title,
                       guint               n_columns,
                       const char * const *headers,
                       const double       *widths)
{
  CivicTablePrint *self = g_object_new (CIVIC_TYPE_TABLE_PRINT, NULL);

  g_return_val_if_fail (n_columns > 0, NULL);

  self->title = g_strdup (title);
  self->n_columns = n_columns;
  self->headers = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    self->headers[i] = g_strdup (headers[i]);
  self->widths = g_memdup2 (widths, sizeof (double) * n_columns);
  return self;
}

void
civic_table_print_add_row (CivicTablePrint    *self,
                           const char * const *cells)
{
  GStrv row;

  g_return_if_fail (CIVIC_IS_TABLE_PRINT (self));

  row = g_new0 (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    row[i] = g_strdup (cells[i] ? cells[i] : "");
  g_ptr_array_add (self->rows, row);
}

guint
civic_table_print_get_n_rows (CivicTablePrint *self)
{
  g_return_val_if_fail (CIVIC_IS_TABLE_PRINT (self), 0);
  return self->rows->len;
}

const char *
civic_table_print_get_title (CivicTablePrint *self)
{
  g_return_val_if_fail (CIVIC_IS_TABLE_PRINT (self), NULL);
  return self->title;
}

static PangoLayout *
cell_layout (GtkPrintContext *context,
             const char      *text,
             double           width,
             gboolean         bold,
             double           size)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                CivicTablePrint   *self)
{
  g_autoptr(PangoLayout) probe = cell_layout (context, "Ag한", 100, FALSE, FONT_SIZE);
  double height = gtk_print_context_get_height (context);
  int h;

  pango_layout_get_pixel_size (probe, NULL, &h);
  self->row_height = h + 2 * ROW_PADDING;
  /* The title, the header row and the page number at the foot. */
  self->header_height = self->row_height * 2.5 + self->row_height;
  self->rows_per_page = MAX (1, (guint) ((height - self->header_height - self->row_height * 1.5) / self->row_height));
  gtk_print_operation_set_n_pages (operation, MAX (1, (self->rows->len + self->rows_per_page - 1) / self->rows_per_page));
}

static void
draw_row (CivicTablePrint    *self,
          GtkPrintContext    *context,
          cairo_t            *cr,
          const char * const *cells,
          double              y,
          gboolean            bold)
{
  double page_width = gtk_print_context_get_width (context);
  double x = 0;

  for (guint i = 0; i < self->n_columns; i++)
    {
      double width = self->widths[i] * page_width;
      g_autoptr(PangoLayout) layout = cell_layout (context, cells[i], width - 6, bold, FONT_SIZE);

      cairo_move_to (cr, x + 2, y + ROW_PADDING);
      pango_cairo_show_layout (cr, layout);
      x += width;
    }

  cairo_set_line_width (cr, bold ? 1.0 : 0.3);
  cairo_move_to (cr, 0, y + self->row_height);
  cairo_line_to (cr, page_width, y + self->row_height);
  cairo_stroke (cr);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CivicTablePrint   *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) title = cell_layout (context, self->title, width, TRUE, FONT_SIZE * 1.5);
  g_autofree char *page_text = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  int n_pages = MAX (1, (self->rows->len + self->rows_per_page - 1) / self->rows_per_page);
  double y;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, title);

  y = self->row_height * 2.5;
  draw_row (self, context, cr, (const char * const *) self->headers, y, TRUE);
  y += self->row_height;

  for (guint i = page_nr * self->rows_per_page;
       i < self->rows->len && i < (page_nr + 1) * self->rows_per_page;
       i++)
    {
      draw_row (self, context, cr, g_ptr_array_index (self->rows, i), y, FALSE);
      y += self->row_height;
    }

  /* Translators: the foot of a printed page. */
  page_text = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  footer = cell_layout (context, page_text, width, FALSE, FONT_SIZE);
  pango_layout_set_alignment (footer, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, 0, height - self->row_height);
  pango_cairo_show_layout (cr, footer);
}

GtkPrintOperation *
civic_table_print_create_operation (CivicTablePrint *self)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (CIVIC_IS_TABLE_PRINT (self), NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  /* The operation keeps the table alive until it is done. */
  g_object_set_data_full (G_OBJECT (operation), "civic-table", g_object_ref (self), g_object_unref);
  return operation;
}
