/* civic-agenda-view.c — upcoming occurrences as a list grouped by day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no section headers in list views, so the model holds the
 * day headers as rows of their own (style.md §6).  Rows are recycled by
 * GtkListView, so a busy campaign's agenda stays cheap to scroll.
 */

#define G_LOG_DOMAIN "civic-agenda-view"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "civic-agenda-view.h"

struct _CivicAgendaRow
{
  GObject            parent_instance;
  CivicCalendarItem *item;
  GDateTime         *day;
};

G_DEFINE_FINAL_TYPE (CivicAgendaRow, civic_agenda_row, G_TYPE_OBJECT)

static void
civic_agenda_row_finalize (GObject *object)
{
  CivicAgendaRow *self = CIVIC_AGENDA_ROW (object);

  g_clear_pointer (&self->item, civic_calendar_item_unref);
  g_clear_pointer (&self->day, g_date_time_unref);

  G_OBJECT_CLASS (civic_agenda_row_parent_class)->finalize (object);
}

static void
civic_agenda_row_class_init (CivicAgendaRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_agenda_row_finalize;
}

static void
civic_agenda_row_init (CivicAgendaRow *self)
{
}

static CivicAgendaRow *
civic_agenda_row_new (CivicCalendarItem *item,
                      GDateTime         *day)
{
  CivicAgendaRow *self = g_object_new (CIVIC_TYPE_AGENDA_ROW, NULL);

  self->item = item ? civic_calendar_item_ref (item) : NULL;
  self->day = g_date_time_ref (day);
  return self;
}

CivicCalendarItem *
civic_agenda_row_get_item (CivicAgendaRow *self)
{
  g_return_val_if_fail (CIVIC_IS_AGENDA_ROW (self), NULL);
  return self->item;
}

GDateTime *
civic_agenda_row_get_day (CivicAgendaRow *self)
{
  g_return_val_if_fail (CIVIC_IS_AGENDA_ROW (self), NULL);
  return self->day;
}

struct _CivicAgendaView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  GtkWidget      *list_view;
  GtkWidget      *empty;
  GListStore     *rows;
};

G_DEFINE_FINAL_TYPE (CivicAgendaView, civic_agenda_view, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_day (GDateTime *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  if (g_date_time_get_year (day) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (now))
    return g_strdup (_("Today"));
  if (g_date_time_get_year (day) == g_date_time_get_year (tomorrow) &&
      g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (tomorrow))
    return g_strdup (_("Tomorrow"));

  /* Translators: a day heading in the agenda, see strftime(3). */
  return g_date_time_format (day, _("%A, %B %-d, %Y"));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *header = gtk_label_new (NULL);

  gtk_widget_set_size_request (dot, 10, 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dot, "agenda-dot");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_width_chars (GTK_LABEL (time), 9);
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);

  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "agenda-day");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  g_object_set_data (G_OBJECT (box), "dot", dot);
  g_object_set_data (G_OBJECT (box), "time", time);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "texts", texts);
  g_object_set_data (G_OBJECT (box), "header", header);
  gtk_list_item_set_child (list_item, box);
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const GdkRGBA *color = g_object_get_data (G_OBJECT (area), "color");

  if (color == NULL)
    return;
  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CivicAgendaRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *dot = g_object_get_data (G_OBJECT (box), "dot");
  GtkWidget *time = g_object_get_data (G_OBJECT (box), "time");
  GtkWidget *title = g_object_get_data (G_OBJECT (box), "title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (box), "subtitle");
  GtkWidget *texts = g_object_get_data (G_OBJECT (box), "texts");
  GtkWidget *header = g_object_get_data (G_OBJECT (box), "header");
  gboolean is_header = row->item == NULL;

  gtk_widget_set_visible (header, is_header);
  gtk_widget_set_visible (dot, !is_header);
  gtk_widget_set_visible (time, !is_header);
  gtk_widget_set_visible (texts, !is_header);
  gtk_list_item_set_activatable (list_item, !is_header);
  gtk_list_item_set_selectable (list_item, !is_header);

  if (is_header)
    {
      g_autofree char *text = format_day (row->day);
      gtk_label_set_text (GTK_LABEL (header), text);
      gtk_widget_set_margin_top (box, 18);
      return;
    }

  gtk_widget_set_margin_top (box, 6);

  {
    CivicCalendarItem *item = row->item;
    g_autofree char *when = NULL;
    g_autoptr(GString) sub = g_string_new (NULL);
    g_autofree char *markup = NULL;

    if (item->all_day)
      when = g_strdup (_("All day"));
    else
      {
        when = g_date_time_format (item->starts, C_("time of day", "%l:%M %p"));
        g_strstrip (when);
      }
    gtk_label_set_text (GTK_LABEL (time), when);

    markup = item->cancelled
      ? g_markup_printf_escaped ("<s>%s</s>", item->title ? item->title : "")
      : g_markup_escape_text (item->title ? item->title : "", -1);
    gtk_label_set_markup (GTK_LABEL (title), markup);

    if (item->cancelled)
      g_string_append (sub, _("Cancelled"));
    if (item->office_name && *item->office_name)
      g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", item->office_name);
    /* The sample's places are often the office itself: say it once. */
    if (item->location && *item->location && g_strcmp0 (item->location, item->office_name) != 0)
      g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", item->location);
    gtk_label_set_text (GTK_LABEL (subtitle), sub->str);
    gtk_widget_set_visible (subtitle, sub->len > 0);

    g_object_set_data_full (G_OBJECT (dot), "color", gdk_rgba_copy (&item->color),
                            (GDestroyNotify) gdk_rgba_free);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
    gtk_widget_queue_draw (dot);
  }
}

static void
activate_cb (GtkListView     *list_view,
             guint            position,
             CivicAgendaView *self)
{
  g_autoptr(CivicAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL && row->item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, row->item);
}

static void
civic_agenda_view_dispose (GObject *object)
{
  CivicAgendaView *self = CIVIC_AGENDA_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->empty, gtk_widget_unparent);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (civic_agenda_view_parent_class)->dispose (object);
}

static void
civic_agenda_view_class_init (CivicAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_agenda_view_dispose;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CIVIC_TYPE_CALENDAR_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "civic-agenda-view");
}

static void
civic_agenda_view_init (CivicAgendaView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection;

  self->rows = g_list_store_new (CIVIC_TYPE_AGENDA_ROW);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows))));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);

  self->list_view = gtk_list_view_new (selection, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list_view);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Events"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Nothing is planned in this period for the chosen filters."));
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));
  gtk_widget_set_visible (self->scroller, FALSE);
}

GtkWidget *
civic_agenda_view_new (void)
{
  return g_object_new (CIVIC_TYPE_AGENDA_VIEW, NULL);
}

void
civic_agenda_view_set_items (CivicAgendaView *self,
                             GPtrArray       *items)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) current_day = NULL;

  g_return_if_fail (CIVIC_IS_AGENDA_VIEW (self));

  sorted = g_ptr_array_new ();
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (items, i));
  g_ptr_array_sort (sorted, civic_calendar_item_compare);

  for (guint i = 0; i < sorted->len; i++)
    {
      CivicCalendarItem *item = g_ptr_array_index (sorted, i);
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (item->starts),
                                                        g_date_time_get_month (item->starts),
                                                        g_date_time_get_day_of_month (item->starts),
                                                        0, 0, 0);

      if (current_day == NULL || !g_date_time_equal (day, current_day))
        {
          g_ptr_array_add (rows, civic_agenda_row_new (NULL, day));
          g_clear_pointer (&current_day, g_date_time_unref);
          current_day = g_date_time_ref (day);
        }
      g_ptr_array_add (rows, civic_agenda_row_new (item, day));
    }

  /* One items-changed for the whole range (style.md "Avoid" 4). */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);

  gtk_widget_set_visible (self->scroller, rows->len > 0);
  gtk_widget_set_visible (self->empty, rows->len == 0);
}

GListModel *
civic_agenda_view_get_model (CivicAgendaView *self)
{
  g_return_val_if_fail (CIVIC_IS_AGENDA_VIEW (self), NULL);
  return G_LIST_MODEL (self->rows);
}
