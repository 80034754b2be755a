/* civic-month-view.c — a month grid that draws its occurrences itself
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month of a busy campaign holds hundreds of occurrences; one child
 * widget per occurrence (or per day) makes switching months slow.  This
 * widget instead lays the occurrences out once per allocation into "lanes"
 * (rows inside a week) and draws only text and rectangles in snapshot().
 * Multi-day and all-day items take a lane across every day they cover in
 * a week, so they read as one bar; a day with more items than its height
 * holds ends with "+N more".
 */

#define G_LOG_DOMAIN "civic-month-view"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>

#include "civic-snapshot-util.h"
#include "civic-drawn-node.h"
#include "civic-layout-cache.h"
#include "civic-cal-time.h"
#include "civic-month-view.h"

#define N_WEEKS          6
#define N_DAYS           (N_WEEKS * 7)
#define HEADER_HEIGHT    28
#define DAY_NUMBER_SPACE 26
#define LANE_PADDING     2

typedef struct {
  CivicCalendarItem *item;
  int                week;        /* 0..5 */
  int                first_col;   /* 0..6 */
  int                last_col;    /* 0..6, inclusive */
  int                lane;
  graphene_rect_t    area;        /* where it was drawn, for hit testing */
  gboolean           visible;
} Placement;

struct _CivicMonthView
{
  GtkWidget   parent_instance;

  GDateTime  *month;          /* first day of the month, local midnight */
  GDateTime  *range_start;    /* first day of the grid */
  GDateTime  *selected;
  int         first_weekday;

  GPtrArray  *items;          /* CivicCalendarItem */
  GArray     *placements;     /* Placement */
  gboolean    placements_dirty;
  gboolean    page_was_prepared;
  /* The neighbouring pages, laid out and shaped while idle (PreparedRange). */
  GPtrArray  *prepared;

  /* What the grid draws for each day, worked out when the range changes. */
  guint8      day_numbers[N_DAYS];
  gboolean    in_month[N_DAYS];
  char       *weekday_names[7];

  /* Layout results, recomputed in size_allocate. */
  double      cell_width;
  double      cell_height;
  int         lane_height;
  int         visible_lanes;
  guint       shown[N_DAYS];
  guint       hidden[N_DAYS];

  PangoLayout *layout;      /* for measuring */
  CivicLayoutCache *texts;  /* for drawing */

  /* The page's events as drawn (bars, labels, "+N more"), kept across
   * frames and made ahead for prepared pages.
   */
  CivicDrawnNode drawn;
};

G_DEFINE_FINAL_TYPE (CivicMonthView, civic_month_view, GTK_TYPE_WIDGET)

enum {
  DAY_SELECTED,
  DAY_ACTIVATED,
  ITEM_ACTIVATED,
  MORE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* glibc's _NL_TIME_FIRST_WEEKDAY counts from 1 = the week_1stday (a
   * Sunday in every locale glibc ships), as GNOME Calendar reads it.
   */
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday = 1;
  guint week_origin;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)      /* Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* Monday */
    week_1stday = 1;

  return (week_1stday + first_weekday - 1) % 7;
#else
  return 0;
#endif
}

static int
day_index_of (CivicMonthView *self,
              GDateTime      *date)
{
  /* Called for every item on every layout: no local midnights here. */
  return civic_cal_days_between (self->range_start, date);
}

static GDateTime *
day_at_index (CivicMonthView *self,
              int             index)
{
  return g_date_time_add_days (self->range_start, index);
}

/* Lays @items out in the six weeks from @range_start: which lane of which
 * week each occupies.  Pure, so a neighbouring page can be laid out ahead.
 */
static void
compute_placements (GDateTime *range_start,
                    GPtrArray *items,
                    GArray    *placements)
{
  /* Lanes in use per day, as a bitset of up to 64 lanes per week. */
  guint64 used[N_DAYS] = { 0 };
  g_autoptr(GPtrArray) sorted = NULL;

  g_array_set_size (placements, 0);

  if (items == NULL || range_start == NULL)
    return;

  /* Sorting a copy keeps the caller's order; the placements borrow the
   * items, which the caller keeps alive.
   */
  sorted = g_ptr_array_new_full (items->len, NULL);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (items, i));

  /* Bars first, so they keep their lane across the days they span; then
   * the timed items of each day in time order.
   */
  g_ptr_array_sort (sorted, civic_calendar_item_compare);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < sorted->len; i++)
        {
          CivicCalendarItem *item = g_ptr_array_index (sorted, i);
          gboolean spans = civic_calendar_item_spans_days (item);
          g_autoptr(GDateTime) last_instant = NULL;
          int first, last;

          if ((pass == 0) != spans)
            continue;

          /* The end is exclusive: an all-day item ending at midnight covers
           * the day before; a timed item ending at 00:00 too.
           */
          last_instant = g_date_time_add_seconds (item->ends, -1);
          if (g_date_time_compare (last_instant, item->starts) < 0)
            {
              g_date_time_unref (last_instant);
              last_instant = g_date_time_ref (item->starts);
            }

          first = MAX (0, civic_cal_days_between (range_start, item->starts));
          last = MIN (N_DAYS - 1, civic_cal_days_between (range_start, last_instant));
          if (last < 0 || first > N_DAYS - 1 || last < first)
            continue;

          /* Split at week boundaries: a bar continues on the next row. */
          for (int start = first; start <= last; start = (start / 7 + 1) * 7)
            {
              int end = MIN (last, (start / 7) * 7 + 6);
              Placement p = { 0 };
              int lane;

              for (lane = 0; lane < 64; lane++)
                {
                  gboolean free_lane = TRUE;

                  for (int d = start; d <= end; d++)
                    if (used[d] & (G_GUINT64_CONSTANT (1) << lane))
                      {
                        free_lane = FALSE;
                        break;
                      }
                  if (free_lane)
                    break;
                }
              if (lane == 64)
                lane = 63;

              for (int d = start; d <= end; d++)
                used[d] |= G_GUINT64_CONSTANT (1) << lane;

              p.item = item;
              p.week = start / 7;
              p.first_col = start % 7;
              p.last_col = end % 7;
              p.lane = lane;
              g_array_append_val (placements, p);
            }
        }
    }
}

/* A neighbouring page laid out ahead: @items is the page's answer (the
 * page's cache shares the array, so the same pointer means the same
 * answer), kept alive here so that no other array can take its address.
 */
typedef struct {
  GPtrArray *items;
  GDateTime *range_start;
  GArray    *placements;
  guint      shaped;       /* placements whose labels are shaped */
  guint      hidden[N_DAYS];
  CivicDrawnNode drawn;    /* its events drawn, the last step: the page is then prepared */
} PreparedRange;

/* The next and previous pages, and the ones before them. */
#define MAX_PREPARED 6

static void
prepared_range_free (PreparedRange *range)
{
  g_ptr_array_unref (range->items);
  g_date_time_unref (range->range_start);
  g_array_unref (range->placements);
  civic_drawn_node_clear (&range->drawn);
  g_free (range);
}

static PreparedRange *
find_prepared (CivicMonthView *self,
               GDateTime      *range_start,
               GPtrArray      *items)
{
  for (guint i = 0; i < self->prepared->len; i++)
    {
      PreparedRange *range = g_ptr_array_index (self->prepared, i);

      if (range->items == items && g_date_time_equal (range->range_start, range_start))
        return range;
    }
  return NULL;
}

static void compute_visibility (GArray *placements,
                                int     visible_lanes,
                                guint   shown[N_DAYS],
                                guint   hidden[N_DAYS]);

/* Placements are worked out when first needed (layout, drawing, a click),
 * not each time the range or the items change: a page change sets both.
 */
static void
ensure_placements (CivicMonthView *self)
{
  PreparedRange *range;

  if (!self->placements_dirty)
    return;
  self->placements_dirty = FALSE;
  self->page_was_prepared = FALSE;
  civic_drawn_node_clear (&self->drawn);

  if (self->items != NULL && self->range_start != NULL
      && (range = find_prepared (self, self->range_start, self->items)) != NULL)
    {
      self->page_was_prepared = TRUE;
      g_array_set_size (self->placements, range->placements->len);
      if (range->placements->len > 0)
        memcpy (self->placements->data, range->placements->data, range->placements->len * sizeof (Placement));
      civic_drawn_node_copy (&self->drawn, &range->drawn);
    }
  else
    compute_placements (self->range_start, self->items, self->placements);

  /* For the cells as last allocated (allocation does it again for a new
   * size): a page change only needs drawing.
   */
  compute_visibility (self->placements, self->visible_lanes, self->shown, self->hidden);
}

/* The day numbers and weekday names of the grid, which drawing would
 * otherwise work out again on every frame.
 */
static void
update_range_days (CivicMonthView *self)
{
  g_autoptr(GDateTime) weekday = g_date_time_ref (self->range_start);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (self->range_start),
                  g_date_time_get_month (self->range_start), g_date_time_get_year (self->range_start));
  for (int day = 0; day < N_DAYS; day++)
    {
      self->day_numbers[day] = g_date_get_day (&date);
      self->in_month[day] = g_date_get_month (&date) == (GDateMonth) g_date_time_get_month (self->month);
      g_date_add_days (&date, 1);
    }

  for (int col = 0; col < 7; col++)
    {
      GDateTime *next;

      g_free (self->weekday_names[col]);
      self->weekday_names[col] = g_date_time_format (weekday, "%a");
      next = g_date_time_add_days (weekday, 1);
      g_date_time_unref (weekday);
      weekday = next;
    }
}

/* A new range or new items change what is drawn, not the view's size or
 * its cells: a frame that lays anything out makes GTK recompute the whole
 * window's size (and on X11 ask the server for the monitor's work area),
 * so a page change only asks for drawing.
 */
static void
invalidate_placements (CivicMonthView *self)
{
  self->placements_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Which placements fit in cells @visible_lanes lanes high, and how many
 * items each day shows and hides behind "+N more".
 */
static void
compute_visibility (GArray *placements,
                    int     visible_lanes,
                    guint   shown[N_DAYS],
                    guint   hidden[N_DAYS])
{
  guint lanes_on_day[N_DAYS] = { 0 };

  memset (shown, 0, N_DAYS * sizeof (guint));
  memset (hidden, 0, N_DAYS * sizeof (guint));

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);

      for (int col = p->first_col; col <= p->last_col; col++)
        lanes_on_day[p->week * 7 + col] = MAX (lanes_on_day[p->week * 7 + col], (guint) p->lane + 1);
    }

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      gboolean fits = TRUE;

      /* When a day overflows, its last visible lane shows "+N more"
       * instead of an item, so a bar must fit on every day it crosses.
       */
      for (int col = p->first_col; col <= p->last_col; col++)
        {
          guint needed = lanes_on_day[p->week * 7 + col];
          int usable = needed > (guint) visible_lanes ? visible_lanes - 1 : visible_lanes;

          fits = fits && p->lane < usable;
        }

      p->visible = fits;
      for (int col = p->first_col; col <= p->last_col; col++)
        {
          if (fits)
            shown[p->week * 7 + col]++;
          else
            hidden[p->week * 7 + col]++;
        }
    }
}

static void
civic_month_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CivicMonthView *self = CIVIC_MONTH_VIEW (widget);
  int text_height;

  pango_layout_set_text (self->layout, "Mg", -1);
  pango_layout_get_pixel_size (self->layout, NULL, &text_height);

  self->cell_width = width / 7.0;
  self->cell_height = (height - HEADER_HEIGHT) / (double) N_WEEKS;
  self->lane_height = text_height + 2 * LANE_PADDING + 1;
  self->visible_lanes = MAX (1, (int) ((self->cell_height - DAY_NUMBER_SPACE) / self->lane_height));

  /* Working out new placements works out what each day shows too. */
  if (self->placements_dirty)
    ensure_placements (self);
  else
    compute_visibility (self->placements, self->visible_lanes, self->shown, self->hidden);
}

static void
civic_month_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Narrow enough for a 360 px window; tall enough for a day number and a lane. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * 40;
      *natural = 7 * 140;
    }
  else
    {
      *minimum = HEADER_HEIGHT + N_WEEKS * 48;
      *natural = HEADER_HEIGHT + N_WEEKS * 110;
    }
}

static void
append_text (GtkSnapshot    *snapshot,
             CivicMonthView *self,
             const char     *text,
             double          x,
             double          y,
             double          max_width,
             const GdkRGBA  *color,
             gboolean        strikethrough,
             gboolean        bold)
{
  PangoLayout *layout = civic_layout_cache_get (self->texts, text, max_width, -1,
                                                (strikethrough ? CIVIC_LAYOUT_STRIKE : 0)
                                                | (bold ? CIVIC_LAYOUT_BOLD : 0));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The width of a placement's label as drawn: a bar's title runs along the
 * bar, a timed item's label (with its dot) along the day's cell.
 */
static double
item_text_width (CivicMonthView  *self,
                 const Placement *p)
{
  double w = (p->last_col - p->first_col + 1) * self->cell_width - 6;

  return civic_calendar_item_spans_days (p->item) ? w - 12 : w - 4;
}

static char *
more_text (guint hidden)
{
  /* Translators: shown in a month-view day that has more events than fit. */
  return g_strdup_printf (ngettext ("+%u more", "+%u more", hidden), hidden);
}

/* What a page's drawn events depend on besides the placements: the cells'
 * size, the text colour and the font.
 */
static void
get_items_key (CivicMonthView *self,
               const GdkRGBA  *foreground,
               CivicDrawnKey  *key)
{
  civic_drawn_key_init (key, GTK_WIDGET (self), foreground, self->cell_width, self->cell_height,
                        self->lane_height, self->visible_lanes);
}

static graphene_rect_t
placement_area (CivicMonthView  *self,
                const Placement *p)
{
  return GRAPHENE_RECT_INIT (p->first_col * self->cell_width + 3,
                             HEADER_HEIGHT + p->week * self->cell_height + DAY_NUMBER_SPACE
                             + p->lane * self->lane_height,
                             (p->last_col - p->first_col + 1) * self->cell_width - 6,
                             self->lane_height - 2);
}

/* Where a crowded day says "+N more": its last lane. */
static graphene_rect_t
more_area (CivicMonthView *self,
           int             day)
{
  return GRAPHENE_RECT_INIT ((day % 7) * self->cell_width + 6,
                             HEADER_HEIGHT + (day / 7) * self->cell_height + DAY_NUMBER_SPACE
                             + (self->visible_lanes - 1) * self->lane_height,
                             self->cell_width - 12,
                             self->lane_height);
}

/* A page's events: bars with their titles, timed events as a dot and a
 * label, and "+N more" at the bottom of each crowded day.  Drawn once per
 * page into a node that later frames reuse, ahead of time for the pages
 * next to the one shown.
 */
static void
snapshot_items (CivicMonthView *self,
                GtkSnapshot    *snapshot,
                GArray         *placements,
                const guint     hidden[N_DAYS],
                const GdkRGBA  *fg,
                const GdkRGBA  *dim)
{
  GdkRGBA white = { 1, 1, 1, 1 };

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      CivicCalendarItem *item = p->item;
      graphene_rect_t area;

      if (!p->visible)
        continue;

      area = placement_area (self, p);
      if (civic_calendar_item_spans_days (item))
        {
          GdkRGBA fill = item->color;

          if (item->cancelled)
            fill.alpha = 0.45;
          civic_snapshot_rounded_fill (snapshot, &area, 4, &fill);
          append_text (snapshot, self, item->title, area.origin.x + 6, area.origin.y + LANE_PADDING - 1,
                       item_text_width (self, p), &white, item->cancelled, FALSE);
        }
      else
        {
          const GdkRGBA *text_color = item->cancelled ? dim : fg;
          PangoLayout *layout = civic_layout_cache_get_dotted (self->texts, civic_calendar_item_get_month_label (item),
                                                               item_text_width (self, p),
                                                               item->cancelled ? CIVIC_LAYOUT_STRIKE : CIVIC_LAYOUT_PLAIN,
                                                               &item->color);

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (area.origin.x + 2, area.origin.y + LANE_PADDING - 1));
          gtk_snapshot_append_layout (snapshot, layout, text_color);
          gtk_snapshot_restore (snapshot);
        }
    }

  for (int day = 0; day < N_DAYS; day++)
    {
      g_autofree char *more = NULL;
      graphene_rect_t area;

      if (hidden[day] == 0)
        continue;

      area = more_area (self, day);
      more = more_text (hidden[day]);
      append_text (snapshot, self, more, area.origin.x, area.origin.y + LANE_PADDING - 1, area.size.width,
                   dim, FALSE, TRUE);
    }
}

static void
civic_month_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CivicMonthView *self = CIVIC_MONTH_VIEW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int today_index = self->range_start ? day_index_of (self, now) : -1;
  int selected_index = (self->range_start && self->selected) ? day_index_of (self, self->selected) : -1;
  GdkRGBA fg, line, dim, white = { 1, 1, 1, 1 };
  CivicDrawnKey key;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };

  if (self->range_start == NULL)
    return;

  civic_widget_get_color (GTK_WIDGET (self), &fg);
  line = fg, line.alpha = 0.15;
  dim = fg, dim.alpha = 0.45;

  ensure_placements (self);

  /* Weekday names. */
  for (int col = 0; col < 7; col++)
    append_text (snapshot, self, self->weekday_names[col], col * self->cell_width + 6, 6,
                 self->cell_width - 12, &dim, FALSE, TRUE);

  /* Grid lines, selection and dimmed out-of-month days. */
  for (int day = 0; day < N_DAYS; day++)
    {
      double x = (day % 7) * self->cell_width;
      double y = HEADER_HEIGHT + (day / 7) * self->cell_height;
      gboolean in_month = self->in_month[day];
      char number[4];
      GdkRGBA number_color = in_month ? fg : dim;

      g_snprintf (number, sizeof number, "%u", self->day_numbers[day]);

      if (day == selected_index)
        {
          GdkRGBA sel = accent;
          sel.alpha = 0.10;
          gtk_snapshot_append_color (snapshot, &sel,
                                     &GRAPHENE_RECT_INIT (x, y, self->cell_width, self->cell_height));
        }
      else if (!in_month)
        {
          GdkRGBA shade = fg;
          shade.alpha = 0.03;
          gtk_snapshot_append_color (snapshot, &shade,
                                     &GRAPHENE_RECT_INIT (x, y, self->cell_width, self->cell_height));
        }

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, y, self->cell_width, 1));
      if (day % 7 != 0)
        gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, y, 1, self->cell_height));

      if (day == today_index)
        {
          civic_snapshot_rounded_fill (snapshot, &GRAPHENE_RECT_INIT (x + 3, y + 3, 22, 20), 10, &accent);
          number_color = white;
        }

      append_text (snapshot, self, number, x + 7, y + 4, 20, &number_color, FALSE,
                   day == today_index);
    }

  /* Where each event is, for clicks. */
  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);

      p->area = p->visible ? placement_area (self, p) : GRAPHENE_RECT_INIT (0, 0, 0, 0);
    }

  /* The events as drawn on an earlier frame, or ahead for this page,
   * unless the cells, the colours or the font have changed since.
   */
  get_items_key (self, &fg, &key);
  if (!civic_drawn_node_valid (&self->drawn, &key))
    {
      GtkSnapshot *items = gtk_snapshot_new ();

      snapshot_items (self, items, self->placements, self->hidden, &fg, &dim);
      civic_drawn_node_take (&self->drawn, items, &key);
    }
  if (self->drawn.node != NULL)
    gtk_snapshot_append_node (snapshot, self->drawn.node);
}

static int
day_at_point (CivicMonthView *self,
              double          x,
              double          y)
{
  int col, row;

  if (y < HEADER_HEIGHT || self->cell_width <= 0 || self->cell_height <= 0)
    return -1;

  col = CLAMP ((int) (x / self->cell_width), 0, 6);
  row = CLAMP ((int) ((y - HEADER_HEIGHT) / self->cell_height), 0, N_WEEKS - 1);
  return row * 7 + col;
}

static Placement *
placement_at_point (CivicMonthView *self,
                    double          x,
                    double          y)
{
  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);

      if (p->visible && graphene_rect_contains_point (&p->area, &GRAPHENE_POINT_INIT (x, y)))
        return p;
    }

  return NULL;
}

static gboolean
point_on_more (CivicMonthView *self,
               int             day,
               double          y)
{
  graphene_rect_t area;

  if (day < 0 || self->hidden[day] == 0)
    return FALSE;

  area = more_area (self, day);
  return y >= area.origin.y && y < area.origin.y + area.size.height;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CivicMonthView  *self)
{
  Placement *p;
  int day = day_at_point (self, x, y);
  g_autoptr(GDateTime) date = NULL;

  if (day < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  date = day_at_index (self, day);

  if ((p = placement_at_point (self, x, y)) != NULL)
    {
      civic_month_view_set_selected_date (self, date);
      g_signal_emit (self, signals[ITEM_ACTIVATED], 0, p->item);
      return;
    }

  if (point_on_more (self, day, y))
    {
      civic_month_view_set_selected_date (self, date);
      g_signal_emit (self, signals[MORE_ACTIVATED], 0, date);
      return;
    }

  civic_month_view_set_selected_date (self, date);
  g_signal_emit (self, signals[n_press >= 2 ? DAY_ACTIVATED : DAY_SELECTED], 0, date);
}

static void
civic_month_view_dispose (GObject *object)
{
  CivicMonthView *self = CIVIC_MONTH_VIEW (object);

  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->prepared, g_ptr_array_unref);
  civic_drawn_node_clear (&self->drawn);
  for (int col = 0; col < 7; col++)
    g_clear_pointer (&self->weekday_names[col], g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->month, g_date_time_unref);
  g_clear_pointer (&self->range_start, g_date_time_unref);
  g_clear_pointer (&self->selected, g_date_time_unref);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->texts, civic_layout_cache_free);

  G_OBJECT_CLASS (civic_month_view_parent_class)->dispose (object);
}

static void
civic_month_view_class_init (CivicMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_month_view_dispose;

  widget_class->snapshot = civic_month_view_snapshot;
  widget_class->measure = civic_month_view_measure;
  widget_class->size_allocate = civic_month_view_size_allocate;

  /**
   * CivicMonthView::day-selected:
   * @date: the day clicked once
   */
  signals[DAY_SELECTED] = g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
  /**
   * CivicMonthView::day-activated:
   * @date: the day double-clicked: the page creates an event on it
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CIVIC_TYPE_CALENDAR_ITEM);
  /**
   * CivicMonthView::more-activated:
   * @date: the day whose "+N more" was clicked: the page opens that day
   */
  signals[MORE_ACTIVATED] = g_signal_new ("more-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_css_name (widget_class, "civic-month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
civic_month_view_init (CivicMonthView *self)
{
  GtkGesture *click;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  self->prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_range_free);
  self->first_weekday = locale_first_weekday ();
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  self->texts = civic_layout_cache_new (GTK_WIDGET (self));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  civic_month_view_set_month (self, now);
}

GtkWidget *
civic_month_view_new (void)
{
  return g_object_new (CIVIC_TYPE_MONTH_VIEW, NULL);
}

void
civic_month_view_set_month (CivicMonthView *self,
                            GDateTime      *date)
{
  int offset;

  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));
  g_return_if_fail (date != NULL);

  g_clear_pointer (&self->month, g_date_time_unref);
  g_clear_pointer (&self->range_start, g_date_time_unref);

  self->month = g_date_time_new_local (g_date_time_get_year (date),
                                       g_date_time_get_month (date), 1, 0, 0, 0);

  /* g_date_time_get_day_of_week: 1 = Monday … 7 = Sunday. */
  offset = (g_date_time_get_day_of_week (self->month) % 7 - self->first_weekday + 7) % 7;
  self->range_start = g_date_time_add_days (self->month, -offset);

  update_range_days (self);
  invalidate_placements (self);
}

void
civic_month_view_range_for (CivicMonthView  *self,
                            GDateTime       *date,
                            GDateTime      **from,
                            GDateTime      **to)
{
  g_autoptr(GDateTime) first = NULL;
  int offset;

  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));

  first = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date), 1, 0, 0, 0);
  offset = (g_date_time_get_day_of_week (first) % 7 - self->first_weekday + 7) % 7;
  *from = g_date_time_add_days (first, -offset);
  *to = g_date_time_add_days (*from, N_DAYS);
}

GDateTime *
civic_month_view_get_range_start (CivicMonthView *self)
{
  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), NULL);

  return self->range_start;
}

GDateTime *
civic_month_view_get_range_end (CivicMonthView *self)
{
  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), NULL);

  /* Computed on demand so callers need not free it: cached on the object. */
  g_object_set_data_full (G_OBJECT (self), "range-end",
                          g_date_time_add_days (self->range_start, N_DAYS),
                          (GDestroyNotify) g_date_time_unref);
  return g_object_get_data (G_OBJECT (self), "range-end");
}

void
civic_month_view_set_items (CivicMonthView *self,
                            GPtrArray      *items)
{
  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));

  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (items != NULL)
    self->items = g_ptr_array_ref (items);

  invalidate_placements (self);
}

gboolean
civic_month_view_prepare (CivicMonthView *self,
                          GDateTime      *range_start,
                          GPtrArray      *items,
                          guint           budget)
{
  PreparedRange *range;

  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), TRUE);
  g_return_val_if_fail (range_start != NULL, TRUE);

  /* Shaping needs the cells' size; before the first allocation there is
   * nothing to prepare for.
   */
  if (items == NULL || self->cell_width <= 0)
    return TRUE;

  range = find_prepared (self, range_start, items);
  if (range == NULL)
    {
      if (self->prepared->len >= MAX_PREPARED)
        g_ptr_array_remove_index (self->prepared, 0);
      range = g_new0 (PreparedRange, 1);
      range->items = g_ptr_array_ref (items);
      range->range_start = g_date_time_ref (range_start);
      range->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
      g_ptr_array_add (self->prepared, range);

      /* Laying a page out is one step (a millisecond for a busy month). */
      compute_placements (range_start, items, range->placements);
      return FALSE;
    }
  if (range->drawn.drawn)
    return TRUE;

  /* Then the labels it will draw, @budget at a time, with the widths and
   * styles snapshot() asks the cache for.
   */
  if (range->shaped == 0)
    {
      guint shown[N_DAYS];

      compute_visibility (range->placements, self->visible_lanes, shown, range->hidden);
      for (int day = 0; day < N_DAYS; day++)
        if (range->hidden[day] > 0)
          {
            g_autofree char *more = more_text (range->hidden[day]);

            civic_layout_cache_get (self->texts, more, more_area (self, day).size.width, -1, CIVIC_LAYOUT_BOLD);
          }
    }

  for (guint end = MIN (range->placements->len, range->shaped + budget);
       range->shaped < end;
       range->shaped++)
    {
      Placement *p = &g_array_index (range->placements, Placement, range->shaped);
      gboolean spans = civic_calendar_item_spans_days (p->item);

      if (!p->visible)
        continue;
      if (spans)
        civic_layout_cache_get (self->texts, p->item->title, item_text_width (self, p), -1,
                                p->item->cancelled ? CIVIC_LAYOUT_STRIKE : CIVIC_LAYOUT_PLAIN);
      else
        civic_layout_cache_get_dotted (self->texts, civic_calendar_item_get_month_label (p->item),
                                       item_text_width (self, p),
                                       p->item->cancelled ? CIVIC_LAYOUT_STRIKE : CIVIC_LAYOUT_PLAIN,
                                       &p->item->color);
    }

  /* Last, the page's events drawn as its first frame will draw them. */
  if (range->shaped == range->placements->len)
    {
      GtkSnapshot *items = gtk_snapshot_new ();
      CivicDrawnKey key;
      GdkRGBA fg, dim;

      civic_widget_get_color (GTK_WIDGET (self), &fg);
      dim = fg, dim.alpha = 0.45;
      snapshot_items (self, items, range->placements, range->hidden, &fg, &dim);
      get_items_key (self, &fg, &key);
      civic_drawn_node_take (&range->drawn, items, &key);
    }
  return FALSE;
}

void
civic_month_view_set_selected_date (CivicMonthView *self,
                                    GDateTime      *date)
{
  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));

  g_clear_pointer (&self->selected, g_date_time_unref);
  if (date != NULL)
    self->selected = g_date_time_ref (date);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GDateTime *
civic_month_view_get_selected_date (CivicMonthView *self)
{
  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), NULL);

  return self->selected;
}

void
civic_month_view_set_first_weekday (CivicMonthView *self,
                                    int             weekday)
{
  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));
  g_return_if_fail (weekday >= 0 && weekday <= 6);

  self->first_weekday = weekday;
  if (self->month != NULL)
    {
      g_autoptr(GDateTime) month = g_date_time_ref (self->month);
      civic_month_view_set_month (self, month);
    }
}

void
civic_month_view_get_day_counts (CivicMonthView *self,
                                 guint           day_index,
                                 guint          *shown,
                                 guint          *hidden)
{
  g_return_if_fail (CIVIC_IS_MONTH_VIEW (self));
  g_return_if_fail (day_index < N_DAYS);

  if (shown)
    *shown = self->shown[day_index];
  if (hidden)
    *hidden = self->hidden[day_index];
}

gboolean
civic_month_view_page_was_prepared (CivicMonthView *self)
{
  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), FALSE);

  ensure_placements (self);
  return self->page_was_prepared;
}

/**
 * civic_month_view_get_items_node:
 *
 * The page's events as last drawn, which frames reuse until the page, the
 * cells, the colours or the font change.  For tests.
 *
 * Returns: (transfer none) (nullable): the node, or %NULL before drawing
 */
GskRenderNode *
civic_month_view_get_items_node (CivicMonthView *self)
{
  g_return_val_if_fail (CIVIC_IS_MONTH_VIEW (self), NULL);

  return self->drawn.node;
}
