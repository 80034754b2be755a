/* civic-week-view.c — seven days of hours, drawn by one widget
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the month view, the week view lays occurrences out once and draws
 * rectangles and text in snapshot() rather than creating a widget per
 * event.  All-day and multi-day items sit in a band at the top; timed
 * items are blocks in their day's column, side by side when they overlap.
 */

#define G_LOG_DOMAIN "civic-week-view"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-snapshot-util.h"
#include "civic-drawn-node.h"
#include "civic-layout-cache.h"
#include "civic-cal-time.h"
#include "civic-week-view.h"

#define HEADER_HEIGHT 40
/* The hours' column is at least this wide, and as wide as its labels
 * ("오후 11시" is wider than "11 PM").
 */
#define MIN_GUTTER_WIDTH 56
#define HOUR_HEIGHT   44
#define BAND_LANE     22
/* Narrower than this, a block's title breaks letter by letter: a busy
 * hour shows as many side by side as fit, then "+N".
 */
#define MIN_BLOCK_WIDTH 56

typedef struct {
  CivicCalendarItem *item;
  int                first_col;
  int                last_col;
  int                lane;
} BandPlacement;

typedef struct {
  CivicCalendarItem *item;
  int                col;
  double             start_hour;  /* 0..24 within the column's day */
  double             end_hour;
  int                slot;
  int                n_slots;     /* side by side in its cluster of overlapping items */
  int                cluster;
  /* For the width allocated: */
  gboolean           shown;
  int                shown_slots;
} BlockPlacement;

/* "+N" where a cluster has more items side by side than fit. */
typedef struct {
  int    col;
  double start_hour;
  double end_hour;
  int    slot;
  int    n_slots;
  guint  hidden;
} OverflowPlacement;

struct _CivicWeekView
{
  GtkWidget    parent_instance;

  GDateTime   *range_start;
  int          first_weekday;
  GPtrArray   *items;        /* a copy in start order */
  GPtrArray   *given_items;  /* the array set_items() was given */
  GArray      *band;     /* BandPlacement */
  GArray      *blocks;   /* BlockPlacement */
  GArray      *overflow; /* OverflowPlacement, for the width allocated */
  int          band_lanes;
  int          measured_band_lanes;  /* what the height GTK has was measured for */
  gboolean     measuring;
  gboolean     layout_dirty;
  gboolean     week_was_prepared;
  /* The neighbouring weeks, laid out and shaped while idle (PreparedWeek). */
  GPtrArray   *prepared;
  char        *day_labels[7];
  char        *hour_labels[24];
  int          gutter;          /* the hours' column, for hour_labels in this font */
  guint        gutter_fonts;    /* the PangoContext serial it was measured with */
  CivicLayoutCache *texts;

  /* The week's timed blocks and "+N" as drawn, kept across frames (the
   * hours scroll under the sticky top) and made ahead for prepared weeks.
   */
  CivicDrawnNode drawn;

  guint          now_source;  /* moves the current time's line while mapped */
};

G_DEFINE_FINAL_TYPE (CivicWeekView, civic_week_view, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  DAY_ACTIVATED,
  MORE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
day_index_of (CivicWeekView *self,
              GDateTime     *date)
{
  /* Called for every item on every layout: no local midnights here. */
  return civic_cal_days_between (self->range_start, date);
}

static double
hour_of (GDateTime *date)
{
  return g_date_time_get_hour (date) + g_date_time_get_minute (date) / 60.0;
}

/* Lays out @sorted (in start order) in the week from @range_start: the
 * all-day band's lanes and the timed blocks side by side.  Pure, so a
 * neighbouring week can be laid out ahead.
 */
static void
compute_layout (GDateTime *range_start,
                GPtrArray *sorted,
                GArray    *band,
                GArray    *blocks,
                int       *band_lanes)
{
  guint64 used[7] = { 0 };

  g_array_set_size (band, 0);
  g_array_set_size (blocks, 0);
  *band_lanes = 0;

  if (sorted == NULL || range_start == NULL)
    return;

  for (guint i = 0; i < sorted->len; i++)
    {
      CivicCalendarItem *item = g_ptr_array_index (sorted, i);
      g_autoptr(GDateTime) last = g_date_time_add_seconds (item->ends, -1);
      int first_col = civic_cal_days_between (range_start, item->starts);
      int last_col = civic_cal_days_between (range_start, g_date_time_compare (last, item->starts) < 0 ? item->starts : last);

      if (last_col < 0 || first_col > 6)
        continue;
      first_col = MAX (first_col, 0);
      last_col = MIN (last_col, 6);

      if (civic_calendar_item_spans_days (item))
        {
          BandPlacement p = { item, first_col, last_col, 0 };

          for (p.lane = 0; p.lane < 63; p.lane++)
            {
              gboolean free_lane = TRUE;
              for (int c = first_col; c <= last_col; c++)
                free_lane = free_lane && !(used[c] & (G_GUINT64_CONSTANT (1) << p.lane));
              if (free_lane)
                break;
            }
          for (int c = first_col; c <= last_col; c++)
            used[c] |= G_GUINT64_CONSTANT (1) << p.lane;
          *band_lanes = MAX (*band_lanes, p.lane + 1);
          g_array_append_val (band, p);
        }
      else
        {
          BlockPlacement b = { item, first_col, hour_of (item->starts), 0, 0, 1 };

          b.end_hour = first_col == last_col ? hour_of (item->ends) : 24.0;
          if (b.end_hour <= b.start_hour)
            b.end_hour = MIN (24.0, b.start_hour + 0.5);
          g_array_append_val (blocks, b);
        }
    }

  /* Side by side: within a column, items whose times overlap share the
   * width.  Blocks are already in start order.
   */
  for (int col = 0, cluster_id = 0; col < 7; col++)
    {
      guint cluster_start = 0;
      double cluster_end = -1;
      double slot_end[16];
      int n_slots = 0;
      GArray *cluster = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i <= blocks->len; i++)
        {
          BlockPlacement *b = i < blocks->len ? &g_array_index (blocks, BlockPlacement, i) : NULL;

          if (b != NULL && b->col != col)
            continue;

          if (b == NULL || b->start_hour >= cluster_end)
            {
              for (guint k = 0; k < cluster->len; k++)
                {
                  BlockPlacement *member = &g_array_index (blocks, BlockPlacement, g_array_index (cluster, guint, k));

                  member->n_slots = MAX (1, n_slots);
                  member->cluster = cluster_id;
                }
              if (cluster->len > 0)
                cluster_id++;
              g_array_set_size (cluster, 0);
              n_slots = 0;
              cluster_end = -1;
            }
          if (b == NULL)
            break;

          b->slot = -1;
          for (int s = 0; s < n_slots; s++)
            if (slot_end[s] <= b->start_hour)
              {
                b->slot = s;
                break;
              }
          if (b->slot < 0)
            b->slot = n_slots < 16 ? n_slots++ : 15;
          slot_end[b->slot] = b->end_hour;
          cluster_end = MAX (cluster_end, b->end_hour);
          g_array_append_val (cluster, i);
          (void) cluster_start;
        }

      g_array_unref (cluster);
    }
}

static int
gutter_width (CivicWeekView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->gutter == 0 || self->gutter_fonts != pango_context_get_serial (context))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      int widest = 0;

      for (int hour = 1; hour < 24; hour++)
        {
          int width;

          pango_layout_set_text (layout, self->hour_labels[hour], -1);
          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
        }
      self->gutter = MAX (MIN_GUTTER_WIDTH, widest + 14);
      self->gutter_fonts = pango_context_get_serial (context);
    }
  return self->gutter;
}

/* The slots that fit side by side in a column @col_width wide. */
static int
max_slots_for (double col_width)
{
  return MAX (1, (int) ((col_width - 4) / MIN_BLOCK_WIDTH));
}

/* Which blocks show at @max_slots side by side: in a cluster that needs
 * more, the last slot that fits says "+N" for the rest.
 */
static void
apply_overflow (GArray *blocks,
                GArray *overflow,
                int     max_slots)
{
  g_autoptr(GHashTable) markers = g_hash_table_new (NULL, NULL);  /* cluster → index + 1 */

  g_array_set_size (overflow, 0);
  for (guint i = 0; i < blocks->len; i++)
    {
      BlockPlacement *b = &g_array_index (blocks, BlockPlacement, i);
      OverflowPlacement *marker;
      guint index;

      b->shown_slots = MIN (b->n_slots, max_slots);
      b->shown = b->n_slots <= max_slots || b->slot < max_slots - 1;
      if (b->shown)
        continue;

      index = GPOINTER_TO_UINT (g_hash_table_lookup (markers, GINT_TO_POINTER (b->cluster)));
      if (index == 0)
        {
          OverflowPlacement new_marker = { b->col, b->start_hour, b->end_hour, max_slots - 1, max_slots, 0 };

          g_array_append_val (overflow, new_marker);
          index = overflow->len;
          g_hash_table_insert (markers, GINT_TO_POINTER (b->cluster), GUINT_TO_POINTER (index));
        }
      marker = &g_array_index (overflow, OverflowPlacement, index - 1);
      marker->start_hour = MIN (marker->start_hour, b->start_hour);
      marker->end_hour = MAX (marker->end_hour, b->end_hour);
      marker->hidden++;
    }
}

static char *
overflow_text (guint hidden)
{
  /* Translators: a week-view block standing for events that do not fit side by side. */
  return g_strdup_printf (_("+%u"), hidden);
}

typedef struct {
  GPtrArray *items;        /* the page's answer, as given to set_items() */
  GPtrArray *sorted;       /* the same in start order: the placements borrow from it */
  GDateTime *range_start;
  GArray    *band;
  GArray    *blocks;
  int        band_lanes;
  GArray    *overflow;     /* OverflowPlacement, for the width prepared at */
  guint      shaped;       /* band placements, then blocks, shaped */
  CivicDrawnNode drawn;    /* its blocks drawn, the last step: the week is then prepared */
} PreparedWeek;

#define MAX_PREPARED 6

static void
prepared_week_free (PreparedWeek *week)
{
  g_ptr_array_unref (week->items);
  g_ptr_array_unref (week->sorted);
  g_date_time_unref (week->range_start);
  g_array_unref (week->band);
  g_array_unref (week->blocks);
  g_array_unref (week->overflow);
  civic_drawn_node_clear (&week->drawn);
  g_free (week);
}

static PreparedWeek *
find_prepared (CivicWeekView *self,
               GDateTime     *range_start,
               GPtrArray     *items)
{
  for (guint i = 0; i < self->prepared->len; i++)
    {
      PreparedWeek *week = g_ptr_array_index (self->prepared, i);

      if (week->items == items && g_date_time_equal (week->range_start, range_start))
        return week;
    }
  return NULL;
}

static GPtrArray *
sorted_copy (GPtrArray *items)
{
  GPtrArray *sorted = g_ptr_array_new_full (items->len, (GDestroyNotify) civic_calendar_item_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (sorted, civic_calendar_item_ref (g_ptr_array_index (items, i)));
  g_ptr_array_sort (sorted, civic_calendar_item_compare);
  return sorted;
}

/* The layout is worked out when first needed (measuring, drawing, a
 * click), not each time the week or the items change: a page change sets
 * both.  A week laid out ahead is taken as it is.
 */
static void
ensure_layout (CivicWeekView *self)
{
  PreparedWeek *week;

  if (!self->layout_dirty)
    return;
  self->layout_dirty = FALSE;
  self->week_was_prepared = FALSE;
  civic_drawn_node_clear (&self->drawn);

  if (self->given_items != NULL && self->range_start != NULL
      && (week = find_prepared (self, self->range_start, self->given_items)) != NULL)
    {
      self->week_was_prepared = TRUE;
      g_clear_pointer (&self->items, g_ptr_array_unref);
      self->items = g_ptr_array_ref (week->sorted);
      g_array_set_size (self->band, 0);
      g_array_append_vals (self->band, week->band->data, week->band->len);
      g_array_set_size (self->blocks, 0);
      g_array_append_vals (self->blocks, week->blocks->data, week->blocks->len);
      self->band_lanes = week->band_lanes;
      civic_drawn_node_copy (&self->drawn, &week->drawn);
    }
  else
    {
      g_clear_pointer (&self->items, g_ptr_array_unref);
      if (self->given_items != NULL)
        self->items = sorted_copy (self->given_items);
      compute_layout (self->range_start, self->items, self->band, self->blocks, &self->band_lanes);
    }

  /* Allocation does this again for a new width. */
  apply_overflow (self->blocks, self->overflow,
                  max_slots_for ((gtk_widget_get_width (GTK_WIDGET (self)) - gutter_width (self)) / 7.0));

  /* Only a band of another height changes the week's size (see
   * relayout_for_items()); measuring takes the new one itself.
   */
  if (!self->measuring && MAX (1, self->band_lanes) != MAX (1, self->measured_band_lanes))
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The week's height depends only on how many lanes its all-day band takes,
 * and its layout is worked out for the width it has.  A frame that lays
 * anything out makes GTK recompute the whole window's size (and on X11 ask
 * the server for the monitor's work area), so a page change whose band
 * keeps its height only asks for drawing.  The new items usually come in the
 * same turn as the new week (set_week() does not decide, as the old items
 * say nothing of the new week's band).
 */
static void
relayout_for_items (CivicWeekView *self)
{
  self->layout_dirty = TRUE;
  ensure_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The day names of the week, which drawing would otherwise format again
 * on every frame.
 */
static void
update_day_labels (CivicWeekView *self)
{
  for (int col = 0; col < 7; col++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->range_start, col);

      g_free (self->day_labels[col]);
      /* xgettext:no-c-format */
      self->day_labels[col] = g_date_time_format (day, C_("week view day", "%a %-d"));
    }
}

static double
band_height (CivicWeekView *self)
{
  return MAX (1, self->band_lanes) * BAND_LANE + 6;
}

static void
civic_week_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = gutter_width (self) + 7 * 36;
      *natural = gutter_width (self) + 7 * 130;
    }
  else
    {
      self->measuring = TRUE;
      ensure_layout (self);
      self->measuring = FALSE;
      self->measured_band_lanes = self->band_lanes;
      *minimum = *natural = HEADER_HEIGHT + band_height (self) + 24 * HOUR_HEIGHT;
    }
}

static void
civic_week_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (widget);

  ensure_layout (self);
  apply_overflow (self->blocks, self->overflow, max_slots_for ((width - gutter_width (self)) / 7.0));
}

static void
draw_text (GtkSnapshot   *snapshot,
           CivicWeekView *self,
           const char    *text,
           double         x,
           double         y,
           double         width,
           double         height,
           const GdkRGBA *color,
           gboolean       strike)
{
  PangoLayout *layout = civic_layout_cache_get (self->texts, text, width, height,
                                                CIVIC_LAYOUT_WRAP | (strike ? CIVIC_LAYOUT_STRIKE : 0));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The scrolled window's offset: the day names and the all-day band stay
 * at the top of what is visible while the hours scroll under them.
 */
static double
sticky_offset (CivicWeekView *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  if (scroller == NULL)
    return 0;
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
}

/* Where a timed block is drawn, in the widget. */
static graphene_rect_t
slot_rect (double gutter,
           int    col,
           int    slot,
           int    n_slots,
           double start_hour,
           double end_hour,
           double col_width,
           double grid_top)
{
  double slot_width = (col_width - 4) / n_slots;

  return GRAPHENE_RECT_INIT (gutter + col * col_width + 2 + slot * slot_width,
                             grid_top + start_hour * HOUR_HEIGHT + 1,
                             slot_width - 2,
                             MAX (18, (end_hour - start_hour) * HOUR_HEIGHT - 2));
}

static graphene_rect_t
block_rect (const BlockPlacement *b,
            double                gutter,
            double                col_width,
            double                grid_top)
{
  return slot_rect (gutter, b->col, b->slot, b->shown_slots, b->start_hour, b->end_hour, col_width, grid_top);
}

static graphene_rect_t
overflow_rect (const OverflowPlacement *o,
               double                   gutter,
               double                   col_width,
               double                   grid_top)
{
  return slot_rect (gutter, o->col, o->slot, o->n_slots, o->start_hour, o->end_hour, col_width, grid_top);
}

/* Where an all-day bar is drawn, in the sticky top. */
static graphene_rect_t
band_rect (const BandPlacement *p,
           double               gutter,
           double               col_width)
{
  return GRAPHENE_RECT_INIT (gutter + p->first_col * col_width + 2,
                             HEADER_HEIGHT + 3 + p->lane * BAND_LANE,
                             (p->last_col - p->first_col + 1) * col_width - 4,
                             BAND_LANE - 3);
}

/* What a week's drawn blocks depend on besides their placements: the
 * width, the hours' column and the all-day band above (geometry 0, 1 and
 * 2, which snapshot_blocks () draws with), the text colour and the font.
 */
enum { KEY_WIDTH, KEY_GUTTER, KEY_GRID_TOP };

static void
get_blocks_key (CivicWeekView *self,
                double         width,
                double         grid_top,
                const GdkRGBA *foreground,
                CivicDrawnKey *key)
{
  civic_drawn_key_init (key, GTK_WIDGET (self), foreground, width, gutter_width (self), grid_top, 0);
}

/* A week's timed events as blocks with their titles and times, and the
 * "+N" blocks of crowded hours.  Drawn once per week into a node that
 * later frames reuse, ahead of time for the weeks next to the one shown.
 */
static void
snapshot_blocks (CivicWeekView   *self,
                 GtkSnapshot     *snapshot,
                 GArray          *blocks,
                 GArray          *overflow,
                 const CivicDrawnKey *key)
{
  double width = key->geometry[KEY_WIDTH];
  double gutter = key->geometry[KEY_GUTTER];
  double grid_top = key->geometry[KEY_GRID_TOP];
  double col_width = (width - gutter) / 7.0;
  GdkRGBA white = { 1, 1, 1, 1 };

  for (guint i = 0; i < blocks->len; i++)
    {
      BlockPlacement *b = &g_array_index (blocks, BlockPlacement, i);
      graphene_rect_t r = block_rect (b, gutter, col_width, grid_top);
      GdkRGBA fill = b->item->color;

      if (!b->shown)
        continue;
      if (b->item->cancelled)
        fill.alpha = 0.45;
      civic_snapshot_rounded_fill (snapshot, &r, 4, &fill);
      draw_text (snapshot, self, civic_calendar_item_get_week_label (b->item), r.origin.x + 4, r.origin.y + 2,
                 r.size.width - 8, r.size.height - 4, &white, b->item->cancelled);
    }

  for (guint i = 0; i < overflow->len; i++)
    {
      OverflowPlacement *o = &g_array_index (overflow, OverflowPlacement, i);
      graphene_rect_t r = overflow_rect (o, gutter, col_width, grid_top);
      g_autofree char *text = overflow_text (o->hidden);
      GdkRGBA shade = key->foreground;

      shade.alpha = 0.12;
      civic_snapshot_rounded_fill (snapshot, &r, 4, &shade);
      draw_text (snapshot, self, text, r.origin.x + 4, r.origin.y + 2, r.size.width - 8, r.size.height - 4,
                 &key->foreground, FALSE);
    }
}

/* The line of @now across today's column, as GNOME Calendar draws it;
 * FALSE when the week does not hold @now.
 */
static gboolean
now_line_rect (CivicWeekView   *self,
               GDateTime       *now,
               double           width,
               graphene_rect_t *rect)
{
  double gutter = gutter_width (self);
  double col_width = (width - gutter) / 7.0;
  int today;

  if (self->range_start == NULL)
    return FALSE;
  today = day_index_of (self, now);
  if (today < 0 || today > 6)
    return FALSE;
  graphene_rect_init (rect, gutter + today * col_width,
                      HEADER_HEIGHT + band_height (self) + hour_of (now) * HOUR_HEIGHT - 1,
                      col_width, 2);
  return TRUE;
}

static void
snapshot_now_line (CivicWeekView *self,
                   GtkSnapshot   *snapshot,
                   GDateTime     *now,
                   double         width)
{
  /* Adwaita's red: the line must stand out from any kind's colour. */
  static const GdkRGBA red = { 0.878, 0.106, 0.141, 1 };
  graphene_rect_t r;

  if (!now_line_rect (self, now, width, &r))
    return;
  gtk_snapshot_append_color (snapshot, &red, &r);
  civic_snapshot_rounded_fill (snapshot,
                               &GRAPHENE_RECT_INIT (r.origin.x - 4, r.origin.y - 3, 8, 8), 4, &red);
}

/* Once a minute is often enough for a line that moves 44 px an hour. */
static gboolean
now_tick_cb (gpointer data)
{
  gtk_widget_queue_draw (GTK_WIDGET (data));
  return G_SOURCE_CONTINUE;
}

static void
civic_week_view_map (GtkWidget *widget)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (civic_week_view_parent_class)->map (widget);
  if (self->now_source == 0)
    self->now_source = g_timeout_add_seconds (60, now_tick_cb, self);
}

static void
civic_week_view_unmap (GtkWidget *widget)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (widget);

  g_clear_handle_id (&self->now_source, g_source_remove);
  GTK_WIDGET_CLASS (civic_week_view_parent_class)->unmap (widget);
}

static void
civic_week_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double gutter = gutter_width (self);
  double col_width = (width - gutter) / 7.0;
  double grid_top = (ensure_layout (self), HEADER_HEIGHT + band_height (self));
  double top = sticky_offset (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int today = day_index_of (self, now);
  GdkRGBA fg, line, dim, bg, white = { 1, 1, 1, 1 }, accent = { 0.21, 0.52, 0.89, 1 };
  CivicDrawnKey key;

  civic_widget_get_color (GTK_WIDGET (self), &fg);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  line = fg, line.alpha = 0.12;
  dim = fg, dim.alpha = 0.55;

  /* The hours. */
  for (int col = 0; col < 7; col++)
    {
      double x = gutter + col * col_width;

      if (col == today)
        {
          GdkRGBA tint = accent;
          tint.alpha = 0.08;
          gtk_snapshot_append_color (snapshot, &tint,
                                     &GRAPHENE_RECT_INIT (x, 0, col_width, grid_top + 24 * HOUR_HEIGHT));
        }
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, 0, 1, grid_top + 24 * HOUR_HEIGHT));
    }

  for (int hour = 0; hour < 24; hour++)
    {
      double y = grid_top + hour * HOUR_HEIGHT;

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (gutter, y, width - gutter, 1));
      if (hour > 0)
        draw_text (snapshot, self, self->hour_labels[hour], 4, y - 8, gutter - 10, -1, &dim, FALSE);
    }

  /* The blocks as drawn on an earlier frame, or ahead for this week,
   * unless the width, the colours or the font have changed since.
   */
  get_blocks_key (self, width, grid_top, &fg, &key);
  if (!civic_drawn_node_valid (&self->drawn, &key))
    {
      GtkSnapshot *blocks = gtk_snapshot_new ();

      snapshot_blocks (self, blocks, self->blocks, self->overflow, &key);
      civic_drawn_node_take (&self->drawn, blocks, &key);
    }
  if (self->drawn.node != NULL)
    gtk_snapshot_append_node (snapshot, self->drawn.node);
  snapshot_now_line (self, snapshot, now, width);

  /* The sticky top: day names and all-day items over the hours. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, top));
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, grid_top));

  for (int col = 0; col < 7; col++)
    {
      const char *label = self->day_labels[col];
      double x = gutter + col * col_width;

      if (col == today)
        {
          GdkRGBA tint = accent;
          tint.alpha = 0.08;
          gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (x, 0, col_width, grid_top));
        }
      draw_text (snapshot, self, label, x + 6, 10, col_width - 12, -1,
                 col == today ? &accent : &fg, FALSE);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, 0, 1, grid_top));
    }

  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, width, 1));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, grid_top, width, 1));

  for (guint i = 0; i < self->band->len; i++)
    {
      BandPlacement *p = &g_array_index (self->band, BandPlacement, i);
      graphene_rect_t r = band_rect (p, gutter, col_width);
      GdkRGBA fill = p->item->color;

      if (p->item->cancelled)
        fill.alpha = 0.45;
      civic_snapshot_rounded_fill (snapshot, &r, 4, &fill);
      draw_text (snapshot, self, p->item->title, r.origin.x + 6, r.origin.y + 1,
                 r.size.width - 12, -1, &white, p->item->cancelled);
    }
  gtk_snapshot_restore (snapshot);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CivicWeekView   *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double gutter = gutter_width (self);
  double col_width = (width - gutter) / 7.0;
  double grid_top = (ensure_layout (self), HEADER_HEIGHT + band_height (self));
  int col = (int) ((x - gutter) / col_width);

  if (x < gutter || col < 0 || col > 6)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  for (guint i = 0; i < self->band->len; i++)
    {
      BandPlacement *p = &g_array_index (self->band, BandPlacement, i);
      double top = sticky_offset (self) + HEADER_HEIGHT + 3 + p->lane * BAND_LANE;

      if (col >= p->first_col && col <= p->last_col && y >= top && y < top + BAND_LANE)
        {
          g_signal_emit (self, signals[ITEM_ACTIVATED], 0, p->item);
          return;
        }
    }

  for (guint i = 0; i < self->overflow->len; i++)
    {
      OverflowPlacement *o = &g_array_index (self->overflow, OverflowPlacement, i);
      graphene_rect_t r = overflow_rect (o, gutter, col_width, grid_top);

      if (graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y)))
        {
          g_autoptr(GDateTime) day = g_date_time_add_days (self->range_start, o->col);

          g_signal_emit (self, signals[MORE_ACTIVATED], 0, day);
          return;
        }
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      BlockPlacement *b = &g_array_index (self->blocks, BlockPlacement, i);
      graphene_rect_t r = block_rect (b, gutter, col_width, grid_top);

      if (b->shown && graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y)))
        {
          g_signal_emit (self, signals[ITEM_ACTIVATED], 0, b->item);
          return;
        }
    }

  if (n_press >= 2 && y >= grid_top)
    {
      int hour = CLAMP ((int) ((y - grid_top) / HOUR_HEIGHT), 0, 23);
      g_autoptr(GDateTime) day = g_date_time_add_days (self->range_start, col);
      g_autoptr(GDateTime) at = g_date_time_add_hours (day, hour);

      g_signal_emit (self, signals[DAY_ACTIVATED], 0, at);
    }
}

static void
scrolled_cb (GtkAdjustment *adjustment,
             CivicWeekView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
civic_week_view_root (GtkWidget *widget)
{
  GtkWidget *scroller;

  GTK_WIDGET_CLASS (civic_week_view_parent_class)->root (widget);

  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL)
    g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                             "value-changed", G_CALLBACK (scrolled_cb), widget, 0);
}

static void
civic_week_view_dispose (GObject *object)
{
  CivicWeekView *self = CIVIC_WEEK_VIEW (object);

  g_clear_handle_id (&self->now_source, g_source_remove);
  civic_drawn_node_clear (&self->drawn);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->given_items, g_ptr_array_unref);
  g_clear_pointer (&self->prepared, g_ptr_array_unref);
  for (int col = 0; col < 7; col++)
    g_clear_pointer (&self->day_labels[col], g_free);
  for (int hour = 0; hour < 24; hour++)
    g_clear_pointer (&self->hour_labels[hour], g_free);
  g_clear_pointer (&self->band, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->overflow, g_array_unref);
  g_clear_pointer (&self->range_start, g_date_time_unref);
  g_clear_pointer (&self->texts, civic_layout_cache_free);

  G_OBJECT_CLASS (civic_week_view_parent_class)->dispose (object);
}

static void
civic_week_view_class_init (CivicWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_week_view_dispose;
  widget_class->snapshot = civic_week_view_snapshot;
  widget_class->map = civic_week_view_map;
  widget_class->unmap = civic_week_view_unmap;
  widget_class->root = civic_week_view_root;
  widget_class->measure = civic_week_view_measure;
  widget_class->size_allocate = civic_week_view_size_allocate;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, CIVIC_TYPE_CALENDAR_ITEM);
  /**
   * CivicWeekView::day-activated:
   * @at: the hour double-clicked: the page creates an event there
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  /**
   * CivicWeekView::more-activated:
   * @date: the day whose "+N" was clicked: the page opens that day
   */
  signals[MORE_ACTIVATED] = g_signal_new ("more-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_css_name (widget_class, "civic-week-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
civic_week_view_init (CivicWeekView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->band = g_array_new (FALSE, TRUE, sizeof (BandPlacement));
  self->blocks = g_array_new (FALSE, TRUE, sizeof (BlockPlacement));
  self->overflow = g_array_new (FALSE, TRUE, sizeof (OverflowPlacement));
  self->prepared = g_ptr_array_new_with_free_func ((GDestroyNotify) prepared_week_free);
  self->texts = civic_layout_cache_new (GTK_WIDGET (self));

  /* The hours of a day without a clock change: a day with one would
   * label its hours from midnight wrongly.
   */
  for (int hour = 0; hour < 24; hour++)
    {
      g_autoptr(GDateTime) t = g_date_time_new_utc (2001, 1, 1, hour, 0, 0);

      self->hour_labels[hour] = g_strstrip (g_date_time_format (t, C_("hour of day", "%l %p")));
    }

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  civic_week_view_set_week (self, now);
}

GtkWidget *
civic_week_view_new (void)
{
  return g_object_new (CIVIC_TYPE_WEEK_VIEW, NULL);
}

void
civic_week_view_set_week (CivicWeekView *self,
                          GDateTime     *date)
{
  g_autoptr(GDateTime) day = NULL;
  int offset;

  g_return_if_fail (CIVIC_IS_WEEK_VIEW (self));

  day = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                               g_date_time_get_day_of_month (date), 0, 0, 0);
  offset = (g_date_time_get_day_of_week (day) % 7 - self->first_weekday + 7) % 7;
  g_clear_pointer (&self->range_start, g_date_time_unref);
  self->range_start = g_date_time_add_days (day, -offset);

  update_day_labels (self);
  self->layout_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
civic_week_view_range_for (CivicWeekView  *self,
                           GDateTime      *date,
                           GDateTime     **from,
                           GDateTime     **to)
{
  g_autoptr(GDateTime) day = NULL;
  int offset;

  g_return_if_fail (CIVIC_IS_WEEK_VIEW (self));

  day = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                               g_date_time_get_day_of_month (date), 0, 0, 0);
  offset = (g_date_time_get_day_of_week (day) % 7 - self->first_weekday + 7) % 7;
  *from = g_date_time_add_days (day, -offset);
  *to = g_date_time_add_days (*from, 7);
}

gboolean
civic_week_view_prepare (CivicWeekView *self,
                         GDateTime     *range_start,
                         GPtrArray     *items,
                         guint          budget)
{
  double gutter = gutter_width (self);
  double col_width = (gtk_widget_get_width (GTK_WIDGET (self)) - gutter) / 7.0;
  PreparedWeek *week;
  double grid_top;

  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), TRUE);
  g_return_val_if_fail (range_start != NULL, TRUE);

  if (items == NULL || col_width <= 0)
    return TRUE;

  week = find_prepared (self, range_start, items);
  if (week == NULL)
    {
      if (self->prepared->len >= MAX_PREPARED)
        g_ptr_array_remove_index (self->prepared, 0);
      week = g_new0 (PreparedWeek, 1);
      week->items = g_ptr_array_ref (items);
      week->sorted = sorted_copy (items);
      week->range_start = g_date_time_ref (range_start);
      week->band = g_array_new (FALSE, TRUE, sizeof (BandPlacement));
      week->blocks = g_array_new (FALSE, TRUE, sizeof (BlockPlacement));
      week->overflow = g_array_new (FALSE, TRUE, sizeof (OverflowPlacement));
      g_ptr_array_add (self->prepared, week);

      compute_layout (range_start, week->sorted, week->band, week->blocks, &week->band_lanes);
      return FALSE;
    }
  if (week->drawn.drawn)
    return TRUE;

  /* Then the labels, @budget at a time, as snapshot() will ask for them. */
  grid_top = HEADER_HEIGHT + MAX (1, week->band_lanes) * BAND_LANE + 6;
  if (week->shaped == 0)
    {
      apply_overflow (week->blocks, week->overflow, max_slots_for (col_width));
      for (guint i = 0; i < week->overflow->len; i++)
        {
          OverflowPlacement *o = &g_array_index (week->overflow, OverflowPlacement, i);
          graphene_rect_t r = overflow_rect (o, gutter, col_width, grid_top);
          g_autofree char *text = overflow_text (o->hidden);

          civic_layout_cache_get (self->texts, text, r.size.width - 8, r.size.height - 4, CIVIC_LAYOUT_WRAP);
        }
    }
  for (guint end = MIN (week->band->len + week->blocks->len, week->shaped + budget);
       week->shaped < end;
       week->shaped++)
    {
      if (week->shaped < week->band->len)
        {
          BandPlacement *p = &g_array_index (week->band, BandPlacement, week->shaped);
          graphene_rect_t r = band_rect (p, gutter, col_width);

          civic_layout_cache_get (self->texts, p->item->title, r.size.width - 12, -1,
                                  CIVIC_LAYOUT_WRAP | (p->item->cancelled ? CIVIC_LAYOUT_STRIKE : 0));
        }
      else
        {
          BlockPlacement *b = &g_array_index (week->blocks, BlockPlacement, week->shaped - week->band->len);
          graphene_rect_t r = block_rect (b, gutter, col_width, grid_top);

          if (!b->shown)
            continue;
          civic_layout_cache_get (self->texts, civic_calendar_item_get_week_label (b->item),
                                  r.size.width - 8, r.size.height - 4,
                                  CIVIC_LAYOUT_WRAP | (b->item->cancelled ? CIVIC_LAYOUT_STRIKE : 0));
        }
    }

  /* Last, the week's blocks drawn as its first frame will draw them. */
  if (week->shaped == week->band->len + week->blocks->len)
    {
      GtkSnapshot *blocks = gtk_snapshot_new ();
      CivicDrawnKey key;
      GdkRGBA fg;

      civic_widget_get_color (GTK_WIDGET (self), &fg);
      get_blocks_key (self, gtk_widget_get_width (GTK_WIDGET (self)), grid_top, &fg, &key);
      snapshot_blocks (self, blocks, week->blocks, week->overflow, &key);
      civic_drawn_node_take (&week->drawn, blocks, &key);
    }
  return FALSE;
}

GDateTime *
civic_week_view_get_range_start (CivicWeekView *self)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), NULL);
  return self->range_start;
}

GDateTime *
civic_week_view_get_range_end (CivicWeekView *self)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), NULL);

  g_object_set_data_full (G_OBJECT (self), "range-end", g_date_time_add_days (self->range_start, 7),
                          (GDestroyNotify) g_date_time_unref);
  return g_object_get_data (G_OBJECT (self), "range-end");
}

void
civic_week_view_set_items (CivicWeekView *self,
                           GPtrArray     *items)
{
  g_return_if_fail (CIVIC_IS_WEEK_VIEW (self));

  g_clear_pointer (&self->given_items, g_ptr_array_unref);
  if (items != NULL)
    self->given_items = g_ptr_array_ref (items);
  relayout_for_items (self);
}

void
civic_week_view_set_first_weekday (CivicWeekView *self,
                                   int            weekday)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_if_fail (CIVIC_IS_WEEK_VIEW (self));
  g_return_if_fail (weekday >= 0 && weekday <= 6);

  self->first_weekday = weekday;
  start = g_date_time_ref (self->range_start);
  civic_week_view_set_week (self, start);
}

void
civic_week_view_get_counts (CivicWeekView *self,
                            guint         *all_day,
                            guint         *timed)
{
  g_return_if_fail (CIVIC_IS_WEEK_VIEW (self));

  ensure_layout (self);
  if (all_day)
    *all_day = self->band->len;
  if (timed)
    *timed = self->blocks->len;
}

gboolean
civic_week_view_week_was_prepared (CivicWeekView *self)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), FALSE);

  ensure_layout (self);
  return self->week_was_prepared;
}

guint
civic_week_view_get_hidden (CivicWeekView *self,
                            int            col)
{
  guint hidden = 0;

  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), 0);

  for (guint i = 0; i < self->overflow->len; i++)
    if (g_array_index (self->overflow, OverflowPlacement, i).col == col)
      hidden += g_array_index (self->overflow, OverflowPlacement, i).hidden;
  return hidden;
}

int
civic_week_view_get_gutter_width (CivicWeekView *self)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), 0);

  return gutter_width (self);
}

/**
 * civic_week_view_get_blocks_node:
 *
 * The week's timed blocks as last drawn, which frames reuse until the
 * week, the width, the colours or the font change.  For tests.
 *
 * Returns: (transfer none) (nullable): the node, or %NULL before drawing
 */
GskRenderNode *
civic_week_view_get_blocks_node (CivicWeekView *self)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), NULL);

  return self->drawn.node;
}

/**
 * civic_week_view_get_now_line:
 * @now: the time the line is for
 * @rect: (out): where the line is drawn, as allocated
 *
 * For tests: where the current time's line crosses today's column.
 *
 * Returns: whether the week shows @now, and so the line
 */
gboolean
civic_week_view_get_now_line (CivicWeekView   *self,
                              GDateTime       *now,
                              graphene_rect_t *rect)
{
  g_return_val_if_fail (CIVIC_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  ensure_layout (self);
  return now_line_rect (self, now, gtk_widget_get_width (GTK_WIDGET (self)), rect);
}
