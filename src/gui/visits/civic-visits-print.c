/* civic-visits-print.c — the printed whip count and a lobby day's team agendas
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both print in black and white, legible on any office printer: the whip
 * count is a table with the counts and filters in its title, as many pages
 * as the rows need; a lobby day prints one agenda page per team, each
 * meeting with its time, legislator, room and the team's roles.
 */

#define G_LOG_DOMAIN "civic-visits-print"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-legislative.h"
#include "civic-legislator.h"
#include "civic-visit.h"
#include "civic-visits-page-private.h"

#define FONT_SIZE   10
#define TITLE_SIZE  14

typedef struct {
  CivicWhipCount *count;
  CivicLobbyDay  *day;
  char           *filters;
  guint           rows_per_page;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->filters);
  g_free (data);
}

static PangoLayout *
new_layout (GtkPrintContext *context,
            int              size,
            gboolean         bold)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static double
draw_text (GtkPrintContext *context,
           const char      *text,
           double           x,
           double           y,
           double           width,
           int              size,
           gboolean         bold)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = new_layout (context, size, bold);
  int height;

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static char *
local_time (const char *instant,
            const char *format)
{
  g_autoptr(GDateTime) utc = instant != NULL ? g_date_time_new_from_iso8601 (instant, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, format) : g_strdup ("—");
}

/* ---- Whip count --------------------------------------------------------- */

#define WHIP_ROW_HEIGHT 16.0
#define WHIP_HEADER 70.0

static void
whip_begin_print_cb (GtkPrintOperation *operation,
                     GtkPrintContext   *context,
                     PrintData         *data)
{
  double height = gtk_print_context_get_height (context);
  guint rows = data->count->rows->len;

  data->rows_per_page = MAX (1, (guint) ((height - WHIP_HEADER - 20) / WHIP_ROW_HEIGHT));
  gtk_print_operation_set_n_pages (operation, MAX (1, (rows + data->rows_per_page - 1) / data->rows_per_page));
}

static void
whip_draw_page_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   int                page_nr,
                   PrintData         *data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double columns[] = { 0, 0.34, 0.52, 0.64, 0.78 };
  const char *headers[] = { _("Name"), _("Chamber"), _("District"), _("Party"), _("Position (heard)") };
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *title = NULL;
  double y = 0;
  guint first = page_nr * data->rows_per_page;

  /* Translators: the printed whip count's title; %s is the issue with its filters. */
  title = g_strdup_printf (_("Whip count: %s"), data->filters);
  y += draw_text (context, title, 0, y, width, TITLE_SIZE, TRUE) + 4;
  for (guint i = 0; i < CIVIC_POSITION_N; i++)
    g_string_append_printf (counts, "%s%s %u", i > 0 ? " · " : "", civic_position_get_label (i), data->count->counts[i]);
  y += draw_text (context, counts->str, 0, y, width, FONT_SIZE, FALSE) + 8;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    draw_text (context, headers[c], columns[c] * width, y, width * 0.3, FONT_SIZE, TRUE);
  y += WHIP_ROW_HEIGHT;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, 0, y - 2);
  cairo_line_to (cr, width, y - 2);
  cairo_stroke (cr);

  for (guint i = first; i < data->count->rows->len && i < first + data->rows_per_page; i++)
    {
      CivicWhipRow *row = g_ptr_array_index (data->count->rows, i);
      g_autofree char *district = row->district != NULL
                                  ? g_strdup_printf ("%s-%s", row->state != NULL ? row->state : "", row->district)
                                  : g_strdup (row->state);
      g_autofree char *heard = row->heard_at != NULL ? local_time (row->heard_at, "%Y-%m-%d") : NULL;
      g_autofree char *position = heard != NULL
                                  ? g_strdup_printf ("%s (%s)", civic_position_get_label (row->position), heard)
                                  : g_strdup (civic_position_get_label (row->position));

      draw_text (context, row->name, columns[0] * width, y, width * 0.33, FONT_SIZE, FALSE);
      draw_text (context, row->chamber != NULL ? civic_legislator_chamber_get_label (row->chamber) : "",
                 columns[1] * width, y, width * 0.17, FONT_SIZE, FALSE);
      draw_text (context, district, columns[2] * width, y, width * 0.11, FONT_SIZE, FALSE);
      draw_text (context, row->party, columns[3] * width, y, width * 0.13, FONT_SIZE, FALSE);
      draw_text (context, position, columns[4] * width, y, width * 0.22, FONT_SIZE,
                 row->position == CIVIC_POSITION_SUPPORT || row->position == CIVIC_POSITION_OPPOSE);
      y += WHIP_ROW_HEIGHT;
      cairo_set_line_width (cr, 0.3);
      cairo_move_to (cr, 0, y - 2);
      cairo_line_to (cr, width, y - 2);
      cairo_stroke (cr);
    }
}

static void
run (GtkPrintOperation  *operation,
     GtkWindow          *parent,
     const char         *export_pdf,
     GError            **error)
{
  if (export_pdf != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_pdf);
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
}

/* Prints @count (or exports it to @export_pdf, for tests), titled with
 * @filters.  The count must live until the call returns: printing here
 * is synchronous.
 */
void
_civic_visits_print_whip_count (GtkWindow       *parent,
                                CivicWhipCount  *count,
                                const char      *filters,
                                const char      *export_pdf,
                                GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  PrintData *data = g_new0 (PrintData, 1);

  data->count = count;
  data->filters = g_strdup (filters);
  gtk_print_operation_set_job_name (operation, _("Whip Count"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (whip_begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (whip_draw_page_cb), data);
  run (operation, parent, export_pdf, error);
  print_data_free (data);
}

/* ---- Team agendas ------------------------------------------------------- */

static void
agenda_begin_print_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       PrintData         *data)
{
  gtk_print_operation_set_n_pages (operation, MAX (1, data->day->teams->len));
}

static gboolean
meeting_has (CivicLobbyMeeting *meeting,
             const char        *volunteer_id)
{
  for (guint i = 0; i < meeting->team->len; i++)
    if (g_strcmp0 (((CivicLobbyAttendee *) g_ptr_array_index (meeting->team, i))->volunteer_id, volunteer_id) == 0)
      return TRUE;
  return FALSE;
}

static void
agenda_draw_page_cb (GtkPrintOperation *operation,
                     GtkPrintContext   *context,
                     int                page_nr,
                     PrintData         *data)
{
  CivicLobbyDay *day = data->day;
  double width = gtk_print_context_get_width (context);
  double y = 0;
  CivicLobbyTeam *team;
  g_autofree char *date = local_time (day->starts_at, "%Y-%m-%d");
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;

  y += draw_text (context, day->title, 0, y, width, TITLE_SIZE, TRUE) + 2;
  y += draw_text (context, date, 0, y, width, FONT_SIZE, FALSE) + 10;
  if ((guint) page_nr >= day->teams->len)
    {
      draw_text (context, _("No meeting is planned yet."), 0, y, width, FONT_SIZE, FALSE);
      return;
    }
  team = g_ptr_array_index (day->teams, page_nr);
  /* Translators: %s is the name of the team's leader. */
  heading = g_strdup_printf (_("Team of %s"), team->name != NULL ? team->name : "");
  y += draw_text (context, heading, 0, y, width, TITLE_SIZE - 2, TRUE) + 8;

  for (guint i = 0; i < team->meetings->len; i++)
    {
      CivicLobbyMeeting *meeting = g_ptr_array_index (team->meetings, i);
      g_autofree char *starts = local_time (meeting->starts_at, "%H:%M");
      g_autofree char *ends = local_time (meeting->ends_at, "%H:%M");
      g_autoptr(GString) place = g_string_new (NULL);

      title = g_strdup_printf ("%s–%s  %s", starts, ends, meeting->legislator_name != NULL ? meeting->legislator_name : "");
      y += draw_text (context, title, 0, y, width, FONT_SIZE + 1, TRUE) + 2;
      g_clear_pointer (&title, g_free);
      if (meeting->room != NULL)
        g_string_append_printf (place, "%s: %s", _("Room"), meeting->room);
      if (meeting->format != NULL)
        g_string_append_printf (place, "%s%s", place->len > 0 ? " · " : "", civic_visit_format_get_label (meeting->format));
      if (meeting->met_with != NULL)
        g_string_append_printf (place, "%s%s %s", place->len > 0 ? " · " : "", _("Meeting with"),
                                g_str_equal (meeting->met_with, "member") || g_str_equal (meeting->met_with, "staff")
                                ? civic_visit_met_with_get_label (meeting->met_with) : meeting->met_with);
      if (place->len > 0)
        y += draw_text (context, place->str, 12, y, width - 12, FONT_SIZE, FALSE) + 2;
      if (meeting->ask != NULL)
        {
          g_autofree char *ask = g_strdup_printf ("%s: %s", _("The ask"), meeting->ask);
          y += draw_text (context, ask, 12, y, width - 12, FONT_SIZE, FALSE) + 2;
        }
      for (guint j = 0; j < meeting->team->len; j++)
        {
          CivicLobbyAttendee *attendee = g_ptr_array_index (meeting->team, j);
          g_autofree char *line = g_strdup_printf ("• %s — %s%s",
                                                   attendee->name != NULL ? attendee->name : attendee->volunteer_id,
                                                   attendee->role != NULL ? civic_visit_attendee_role_get_label (attendee->role) : "",
                                                   attendee->constituent ? _(" (constituent)") : "");
          y += draw_text (context, line, 24, y, width - 24, FONT_SIZE, FALSE) + 1;
        }
      y += 10;
    }

  /* Flag double bookings that touch this team, so the leader knows. */
  for (guint i = 0; i < day->conflicts->len; i++)
    {
      CivicLobbyConflict *conflict = g_ptr_array_index (day->conflicts, i);
      gboolean ours = FALSE;

      for (guint j = 0; j < team->meetings->len && !ours; j++)
        ours = meeting_has (g_ptr_array_index (team->meetings, j), conflict->volunteer_id);
      if (ours)
        {
          g_autofree char *line = g_strdup_printf (_("%s is booked in two meetings at once"),
                                                   conflict->volunteer_name != NULL ? conflict->volunteer_name
                                                                                    : conflict->volunteer_id);
          y += draw_text (context, line, 0, y, width, FONT_SIZE, TRUE) + 2;
        }
    }
}

/* One page per team of @day (or exported to @export_pdf, for tests). */
void
_civic_visits_print_agendas (GtkWindow      *parent,
                             CivicLobbyDay  *day,
                             const char     *export_pdf,
                             GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  PrintData *data = g_new0 (PrintData, 1);

  data->day = day;
  gtk_print_operation_set_job_name (operation, day->title != NULL ? day->title : _("Lobby Day"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (agenda_begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (agenda_draw_page_cb), data);
  run (operation, parent, export_pdf, error);
  print_data_free (data);
}
