/* civic-calendar-print.c — the visible month or week on paper
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Board members bring printed calendars to meetings, often copied in black
 * and white, so the page relies on text and rules, not colour: each event
 * is its time and title (struck through when cancelled), all-day events
 * are framed, and the filters in force are part of the title.
 */

#define G_LOG_DOMAIN "civic-calendar-print"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-cal-time.h"
#include "civic-calendar-print.h"

struct _CivicCalendarPrint
{
  GObject    parent_instance;

  char      *title;
  char      *subtitle;
  GDateTime *from;
  GDateTime *to;
  GDateTime *month;     /* for dimming days of other months; NULL for a week */
  GPtrArray *items;
};

G_DEFINE_FINAL_TYPE (CivicCalendarPrint, civic_calendar_print, G_TYPE_OBJECT)

static void
civic_calendar_print_finalize (GObject *object)
{
  CivicCalendarPrint *self = CIVIC_CALENDAR_PRINT (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_clear_pointer (&self->month, g_date_time_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_calendar_print_parent_class)->finalize (object);
}

static void
civic_calendar_print_class_init (CivicCalendarPrintClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_calendar_print_finalize;
}

static void
civic_calendar_print_init (CivicCalendarPrint *self)
{
}

CivicCalendarPrint *
civic_calendar_print_new (const char *title,
                          const char *subtitle,
                          GDateTime  *from,
                          GDateTime  *to,
                          GDateTime  *month,
                          GPtrArray  *items)
{
  CivicCalendarPrint *self = g_object_new (CIVIC_TYPE_CALENDAR_PRINT, NULL);

  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->from = g_date_time_ref (from);
  self->to = g_date_time_ref (to);
  self->month = month ? g_date_time_ref (month) : NULL;
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) civic_calendar_item_unref);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (self->items, civic_calendar_item_ref (g_ptr_array_index (items, i)));
  g_ptr_array_sort (self->items, civic_calendar_item_compare);

  return self;
}

static int
day_index (CivicCalendarPrint *self,
           GDateTime          *when)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (when),
                                                    g_date_time_get_month (when),
                                                    g_date_time_get_day_of_month (when), 0, 0, 0);

  return (int) ((g_date_time_difference (day, self->from) + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY);
}

static void
show_text (cairo_t              *cr,
           PangoLayout          *layout,
           const char           *text,
           double                x,
           double                y,
           double                width,
           PangoFontDescription *font,
           gboolean              strike)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  if (strike)
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
civic_calendar_print_draw_page (CivicCalendarPrint *self,
                                cairo_t            *cr,
                                PangoLayout        *layout,
                                double              width,
                                double              height)
{
  g_autoptr(PangoFontDescription) title_font = pango_font_description_from_string ("Sans Bold 14");
  g_autoptr(PangoFontDescription) small_font = pango_font_description_from_string ("Sans 7");
  g_autoptr(PangoFontDescription) bold_font = pango_font_description_from_string ("Sans Bold 8");
  int n_days = (int) ((g_date_time_difference (self->to, self->from) + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY);
  int n_rows = MAX (1, (n_days + 6) / 7);
  double top = 44, header = 14;
  double cell_w = width / 7.0;
  double cell_h = (height - top - header) / n_rows;
  double line_h = 10;
  int *used_lines;

  g_return_if_fail (CIVIC_IS_CALENDAR_PRINT (self));

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, layout, self->title, 0, 0, width, title_font, FALSE);
  if (self->subtitle && *self->subtitle)
    show_text (cr, layout, self->subtitle, 0, 22, width, small_font, FALSE);

  /* Weekday names and the grid. */
  for (int col = 0; col < 7; col++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->from, col);
      g_autofree char *name = g_date_time_format (day, "%A");

      show_text (cr, layout, name, col * cell_w + 3, top, cell_w - 6, bold_font, FALSE);
    }

  cairo_set_line_width (cr, 0.6);
  for (int row = 0; row <= n_rows; row++)
    {
      cairo_move_to (cr, 0, top + header + row * cell_h);
      cairo_line_to (cr, width, top + header + row * cell_h);
    }
  for (int col = 0; col <= 7; col++)
    {
      cairo_move_to (cr, col * cell_w, top + header);
      cairo_line_to (cr, col * cell_w, top + header + n_rows * cell_h);
    }
  cairo_stroke (cr);

  for (int d = 0; d < n_days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->from, d);
      g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
      gboolean other_month = self->month && g_date_time_get_month (day) != g_date_time_get_month (self->month);

      cairo_set_source_rgb (cr, other_month ? 0.55 : 0, other_month ? 0.55 : 0, other_month ? 0.55 : 0);
      show_text (cr, layout, number, (d % 7) * cell_w + 3, top + header + (d / 7) * cell_h + 2,
                 cell_w - 6, bold_font, FALSE);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* Events: one line each under the day number, "+N more" when full. */
  used_lines = g_new0 (int, MAX (1, n_days));
  {
    int max_lines = MAX (1, (int) ((cell_h - 14) / line_h));
    int *hidden = g_new0 (int, MAX (1, n_days));

    for (guint i = 0; i < self->items->len; i++)
      {
        CivicCalendarItem *item = g_ptr_array_index (self->items, i);
        g_autoptr(GDateTime) last = g_date_time_add_seconds (item->ends, -1);
        int first = MAX (0, day_index (self, item->starts));
        int end = MIN (n_days - 1, day_index (self, g_date_time_compare (last, item->starts) < 0 ? item->starts : last));

        for (int d = first; d <= end; d++)
          {
            double x = (d % 7) * cell_w + 3;
            double y = top + header + (d / 7) * cell_h + 14 + used_lines[d] * line_h;
            g_autofree char *text = NULL;

            if (used_lines[d] >= max_lines - 1)
              {
                hidden[d]++;
                continue;
              }

            if (item->all_day || civic_calendar_item_spans_days (item))
              {
                text = g_strdup (item->title);
                cairo_rectangle (cr, x - 1, y, cell_w - 4, line_h - 1);
                cairo_stroke (cr);
              }
            else
              {
                g_autofree char *time = civic_cal_format_time (item->starts, C_("short time of day", "%l:%M%p"));
                text = g_strdup_printf ("%s %s", time, item->title);
              }

            show_text (cr, layout, text, x + 1, y, cell_w - 8, small_font, item->cancelled);
            used_lines[d]++;
          }
      }

    for (int d = 0; d < n_days; d++)
      if (hidden[d] > 0)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("+%d more", "+%d more", hidden[d]), hidden[d]);
          show_text (cr, layout, more, (d % 7) * cell_w + 3,
                     top + header + (d / 7) * cell_h + 14 + (max_lines - 1) * line_h,
                     cell_w - 6, bold_font, FALSE);
        }
    g_free (hidden);
  }
  g_free (used_lines);
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              CivicCalendarPrint *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);

  civic_calendar_print_draw_page (self, cr, layout,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
}

GtkPrintOperation *
civic_calendar_print_create_operation (CivicCalendarPrint *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  return operation;
}
