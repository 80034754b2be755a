/* civic-signin-sheet.c — the printed sign-in sheet of a shift or an event day
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sheet lies on a table at the door and is often photocopied, so it is
 * black on white with ruled rows: name, phone, languages, the check-in and
 * check-out times (filled in when the person was already checked in on the
 * laptop, blank otherwise) and a signature; blank rows follow for walk-ins.
 */

#define G_LOG_DOMAIN "civic-signin-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-shift.h"
#include "civic-signin-sheet.h"

#define BLANK_ROWS 8
#define ROW_HEIGHT 26.0
#define HEADER_HEIGHT 64.0

typedef struct {
  char *name;
  char *phone;
  char *languages;
  char *role;
  char *in;
  char *out;
} SheetRow;

typedef struct {
  char      *title;
  char      *subtitle;
  GPtrArray *rows;     /* SheetRow*, then NULLs for the blank rows */
  guint      rows_per_page;
} Sheet;

static void
sheet_row_free (SheetRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->phone);
  g_free (row->languages);
  g_free (row->role);
  g_free (row->in);
  g_free (row->out);
  g_free (row);
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->title);
  g_free (sheet->subtitle);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

static char *
local_time (const char *instant)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (instant == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (instant, NULL);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}

static char *
languages_of (JsonObject *volunteer)
{
  JsonArray *languages;
  g_autoptr(GString) text = g_string_new (NULL);

  if (volunteer == NULL || !json_object_has_member (volunteer, "languages"))
    return g_strdup ("");
  languages = json_object_get_array_member (volunteer, "languages");
  for (guint i = 0; languages != NULL && i < json_array_get_length (languages); i++)
    {
      const char *code = json_array_get_string_element (languages, i);
      if (code == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static Sheet *
sheet_new (CivicCheckinList *list,
           const char       *title,
           const char       *shift_id)
{
  Sheet *sheet = g_new0 (Sheet, 1);
  const char *role = NULL;

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_row_free);
  for (guint i = 0; i < civic_checkin_list_get_n_entries (list); i++)
    {
      const CivicCheckinEntry *entry = civic_checkin_list_get_entry (list, i);
      SheetRow *row;

      if (shift_id != NULL && g_strcmp0 (entry->shift_id, shift_id) != 0)
        continue;
      row = g_new0 (SheetRow, 1);
      if (entry->name_ko != NULL && entry->name != NULL && g_strcmp0 (entry->name, entry->name_ko) != 0)
        row->name = g_strdup_printf ("%s (%s)", entry->name, entry->name_ko);
      else
        row->name = g_strdup (entry->name != NULL ? entry->name : entry->name_ko);
      row->phone = g_strdup (entry->phone != NULL ? entry->phone : "");
      row->languages = languages_of (entry->volunteer);
      row->role = g_strdup (entry->role != NULL ? civic_shift_role_get_label (entry->role) : "");
      row->in = local_time (entry->checked_in_at);
      row->out = local_time (entry->checked_out_at);
      role = row->role;
      g_ptr_array_add (sheet->rows, row);
    }
  for (guint i = 0; i < BLANK_ROWS; i++)
    g_ptr_array_add (sheet->rows, NULL);

  sheet->title = g_strdup (title != NULL ? title : _("Sign-in Sheet"));
  if (shift_id != NULL && role != NULL)
    /* Translators: the sheet's subtitle: a shift's role, then the date. */
    sheet->subtitle = g_strdup_printf (_("%s · %s"), role, civic_checkin_list_get_date (list));
  else
    sheet->subtitle = g_strdup (civic_checkin_list_get_date (list));
  return sheet;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Sheet             *sheet)
{
  double height = gtk_print_context_get_height (context);
  guint per_page = MAX (1, (guint) ((height - HEADER_HEIGHT - ROW_HEIGHT) / ROW_HEIGHT));

  sheet->rows_per_page = per_page;
  gtk_print_operation_set_n_pages (operation, MAX (1, (sheet->rows->len + per_page - 1) / per_page));
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width)
{
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) ((width - 6) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x + 3, y + 5);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Sheet             *sheet)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  g_autoptr(PangoFontDescription) bold = pango_font_description_from_string ("Sans Bold 10");
  g_autoptr(PangoFontDescription) big = pango_font_description_from_string ("Sans Bold 16");
  /* Column shares of the width: name, phone, languages, in, out, signature. */
  static const double shares[] = { 0.29, 0.16, 0.14, 0.09, 0.09, 0.23 };
  const char *headers[] = { _("Name"), _("Phone"), _("Languages"), _("In"), _("Out"), _("Signature") };
  double x[G_N_ELEMENTS (shares) + 1];
  double y;
  guint first = page_nr * sheet->rows_per_page;
  guint last = MIN (sheet->rows->len, first + sheet->rows_per_page);

  x[0] = 0;
  for (guint c = 0; c < G_N_ELEMENTS (shares); c++)
    x[c + 1] = x[c] + shares[c] * width;

  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_font_description (layout, big);
  show_text (cr, layout, sheet->title, 0, 0, width);
  pango_layout_set_font_description (layout, font);
  show_text (cr, layout, sheet->subtitle, 0, 28, width);

  y = HEADER_HEIGHT;
  cairo_set_line_width (cr, 0.8);
  pango_layout_set_font_description (layout, bold);
  for (guint c = 0; c < G_N_ELEMENTS (shares); c++)
    show_text (cr, layout, headers[c], x[c], y, x[c + 1] - x[c]);
  cairo_move_to (cr, 0, y + ROW_HEIGHT);
  cairo_line_to (cr, width, y + ROW_HEIGHT);
  cairo_stroke (cr);

  pango_layout_set_font_description (layout, font);
  cairo_set_line_width (cr, 0.4);
  for (guint i = first; i < last; i++)
    {
      SheetRow *row = g_ptr_array_index (sheet->rows, i);

      y += ROW_HEIGHT;
      if (row != NULL)
        {
          show_text (cr, layout, row->name, x[0], y, x[1] - x[0]);
          show_text (cr, layout, row->phone, x[1], y, x[2] - x[1]);
          show_text (cr, layout, row->languages, x[2], y, x[3] - x[2]);
          show_text (cr, layout, row->in, x[3], y, x[4] - x[3]);
          show_text (cr, layout, row->out, x[4], y, x[5] - x[4]);
        }
      cairo_move_to (cr, 0, y + ROW_HEIGHT);
      cairo_line_to (cr, width, y + ROW_HEIGHT);
      cairo_stroke (cr);
    }
  /* Column rules, so a photocopy still reads as a table. */
  for (guint c = 1; c < G_N_ELEMENTS (shares); c++)
    {
      cairo_move_to (cr, x[c], HEADER_HEIGHT);
      cairo_line_to (cr, x[c], y + ROW_HEIGHT);
      cairo_stroke (cr);
    }
}

GtkPrintOperation *
civic_signin_sheet_operation_new (CivicCheckinList *list,
                                  const char       *title,
                                  const char       *shift_id)
{
  GtkPrintOperation *operation;
  Sheet *sheet;

  g_return_val_if_fail (CIVIC_IS_CHECKIN_LIST (list), NULL);

  sheet = sheet_new (list, title, shift_id);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, sheet->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), sheet);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), sheet);
  g_object_set_data_full (G_OBJECT (operation), "civic-sheet", sheet, (GDestroyNotify) sheet_free);
  return operation;
}

typedef struct {
  GtkWindow *parent;
  char      *shift_id;
  char      *title;
} PrintRequest;

static void
print_request_free (PrintRequest *request)
{
  g_clear_object (&request->parent);
  g_free (request->shift_id);
  g_free (request->title);
  g_free (request);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PrintRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCheckinList) list = civic_checkin_list_load_finish (result, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;

  if (list == NULL)
    {
      g_warning ("Could not load the sign-in sheet: %s", error->message);
      print_request_free (request);
      return;
    }
  operation = civic_signin_sheet_operation_new (list, request->title, request->shift_id);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, request->parent, &error);
  if (error != NULL)
    g_message ("Printing the sign-in sheet failed: %s", error->message);
  print_request_free (request);
}

void
civic_signin_sheet_print (CivicStore *store,
                          const char *event_id,
                          const char *date,
                          const char *shift_id,
                          GtkWindow  *parent)
{
  PrintRequest *request;
  g_autoptr(JsonObject) event = NULL;

  g_return_if_fail (CIVIC_IS_STORE (store));
  g_return_if_fail (event_id != NULL);

  request = g_new0 (PrintRequest, 1);
  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->shift_id = g_strdup (shift_id);
  event = civic_store_get (store, event_id, NULL);
  if (event != NULL && json_object_has_member (event, "title"))
    /* Translators: the sign-in sheet's title, %s is the event's title. */
    request->title = g_strdup_printf (_("Sign-in: %s"), json_object_get_string_member (event, "title"));
  civic_checkin_list_load_async (store, event_id, date, NULL, loaded_cb, request);
}
