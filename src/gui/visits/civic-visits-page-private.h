/* civic-visits-page-private.h — the Visits page's state, shared by its source files
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "civic-visits-page.h"
#include "civic-text-cell.h"
#include "civic-follow-ups.h"
#include "civic-lobby-day.h"
#include "civic-positions.h"
#include "civic-visit-index.h"
#include "civic-volunteer-search.h"

G_BEGIN_DECLS

/* A table whose rows past the screen wait for its first frame: the view
 * shows @slice, the first rows of its model, until it has been drawn.
 */
typedef struct {
  GtkSliceListModel *slice;
  GtkWidget         *view;
  GdkFrameClock     *clock;           /* while waiting for a frame */
  gulong             after_paint_id;
  guint              idle_id;
} CivicRowStaging;

/* One row of the legislators directory. */
typedef struct {
  JsonObject    *doc;
  char          *id;
  char          *name;
  char          *chamber;
  char          *state;
  char          *district;
  char          *party;
  char          *last_visit;        /* occurs_at of the latest visit, or NULL */
  gboolean       visits_known;      /* the index had loaded: last_visit means something */
  gboolean       visited_campaign;  /* a visit in the current campaign */
  CivicPosition  position;          /* on the selected issue */
  char          *heard_at;
  char          *folded;            /* name, state, party folded for the search */
  GtkWidget     *cells[6];          /* the cell widgets bound to this row, by column */
} CivicDirectoryRow;

struct _CivicVisitsPage
{
  AdwBin                parent_instance;

  CivicStore           *store;
  gboolean              read_only;
  GCancellable         *cancellable;
  CivicVisitIndex      *index;
  CivicVolunteerSearch *search;
  GHashTable           *volunteer_names;   /* id → name */
  GPtrArray            *legislator_docs;   /* JsonObject*, by name */
  GPtrArray            *campaigns;
  GPtrArray            *lobby_days;
  GPtrArray            *offices;
  GHashTable           *last_visits;       /* legislator id → occurs_at */
  GHashTable           *campaign_visited;  /* legislator id → TRUE */
  guint                 overdue;
  gulong                changed_id;
  guint                 reload_id;
  guint                 background_id;     /* the background loads' delayed start */
  guint                 dirty;             /* what changed since the last reload */
  gboolean              disposed;
  gboolean              started;           /* the first load for the store began */
  gboolean              badge_started;     /* the index alone, for the badge of a hidden page */
  gboolean              index_done;        /* its index load finished (or failed) */
  gboolean              extras_started;
  gboolean              search_started;
  gboolean              follow_ups_started;
  guint                 lists_generation[2];
  gboolean              updating_topics;   /* the topic drop-downs are being refilled */
  gboolean              whip_stale;        /* the whip count changed while hidden */
  guint                 follow_ups_generation;
  char                 *legislator_id;     /* shown on the legislator page */
  CivicLobbyDay        *lobby_day;         /* shown on the lobby day page */
  char                 *lobby_day_id;
  CivicWhipCount       *whip_count;
  GStrv                 topics;

  GListStore           *directory_store;
  guint                 legislators_serial; /* counts the replacements of legislator_docs */
  guint                 directory_serial;  /* the legislators_serial the rows were built from */
  GtkSorter            *directory_sorters[6]; /* each column's sorter (owned by the column) */
  GtkFilterListModel   *directory_filtered;
  GtkCustomFilter      *directory_filter;
  CivicRowStaging       directory_staging;
  GListStore           *follow_ups_store;
  GtkCustomFilter      *follow_ups_filter;
  GListStore           *whip_store;
  CivicRowStaging       whip_staging;

  char                 *filter_chamber;
  char                 *filter_state;
  char                 *filter_party;
  int                   filter_visited;    /* 0 any, 1 visited this campaign, 2 no visit yet */

  /* Template children */
  AdwViewStack         *view_stack;
  AdwViewStackPage     *follow_ups_page;
  AdwLeaflet           *directory_leaflet;
  GtkWidget            *directory_box;
  GtkWidget            *legislator_box;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkDropDown          *issue_drop;
  GtkLabel             *directory_count;
  GtkStack             *directory_stack;
  GtkColumnView        *directory_view;
  GtkLabel             *legislator_title;
  GtkBox               *legislator_content;
  GtkDropDown          *follow_up_filter;
  GtkLabel             *follow_up_count;
  GtkColumnView        *follow_ups_view;
  GtkDropDown          *whip_topic_drop;
  GtkDropDown          *whip_chamber_drop;
  GtkEntry             *whip_state_entry;
  GtkCheckButton       *whip_unvisited_check;
  GtkBox               *whip_bar;
  GtkFlowBox           *whip_legend;
  GtkColumnView        *whip_view;
  AdwLeaflet           *lobby_leaflet;
  GtkWidget            *lobby_list_page;
  GtkListView          *lobby_list;
  GListStore           *lobby_store;
  GtkWidget            *lobby_day_box;
  GtkLabel             *lobby_title;
  GtkBox               *lobby_content;
};

/* civic-visits-page.c */
void         _civic_visits_page_toast              (CivicVisitsPage *self,
                                                    const char      *message);
void         _civic_visits_page_error              (CivicVisitsPage *self,
                                                    const GError    *error);
GtkWidget   *_civic_visits_page_position_chip      (CivicPosition    position);
void         _civic_visits_page_set_position_chip  (GtkWidget       *chip,
                                                    CivicPosition    position);
char        *_civic_visits_page_format_instant     (const char      *instant);
/* Makes @staging's slice of @model, for @view's selection model. */
void         _civic_visits_page_init_staging       (CivicRowStaging *staging,
                                                    GtkWidget       *view,
                                                    GListModel      *model);
/* Before the table's model fills an empty table: only the rows that fit
 * on screen reach the view until it has drawn them.
 */
void         _civic_visits_page_stage_rows         (CivicRowStaging *staging);
void         _civic_visits_page_clear_staging      (CivicRowStaging *staging);
/* How many rows of @view's table fit in its height at most (for tests). */
guint        _civic_visits_page_rows_on_screen     (GtkWidget       *view);
void         _civic_visits_page_open_visit         (CivicVisitsPage *self,
                                                    const char      *visit_id);
void         _civic_visits_page_show_legislator    (CivicVisitsPage *self,
                                                    const char      *legislator_id);
/* The visible view changed: a list it shows may be loaded first. */
void         _civic_visits_page_view_changed       (CivicVisitsPage *self);
/* The follow-ups list was (re)loaded. */
void         _civic_visits_page_follow_ups_loaded  (CivicVisitsPage *self);
/* Imports a legislator CSV in a thread and shows the report (the file
 * chooser's and drag and drop's path).
 */
void         _civic_visits_page_import_file        (CivicVisitsPage *self,
                                                    GFile           *file);

/* civic-visits-page-tabs.c: follow-ups, whip count, lobby days */
void         _civic_visits_page_init_tabs          (CivicVisitsPage *self);
void         _civic_visits_page_class_init_tabs    (GtkWidgetClass  *widget_class);
void         _civic_visits_page_reload_follow_ups  (CivicVisitsPage *self);
void         _civic_visits_page_update_whip_count  (CivicVisitsPage *self);
/* The whip count's view came on screen. */
void         _civic_visits_page_whip_count_shown   (CivicVisitsPage *self);
void         _civic_visits_page_update_topics      (CivicVisitsPage *self);
void         _civic_visits_page_reload_lobby_days  (CivicVisitsPage *self);
void         _civic_visits_page_show_lobby_day     (CivicVisitsPage *self,
                                                    const char      *event_id);

/* For tests. */
GListModel  *_civic_visits_page_get_directory      (CivicVisitsPage *self);
GListModel  *_civic_visits_page_get_follow_ups     (CivicVisitsPage *self);
CivicWhipCount *_civic_visits_page_get_whip_count  (CivicVisitsPage *self);
guint        _civic_visits_page_get_overdue        (CivicVisitsPage *self);
gboolean     _civic_visits_page_get_index_loaded   (CivicVisitsPage *self);
GtkWidget   *_civic_visits_page_get_legislator_content (CivicVisitsPage *self);
void         _civic_visits_page_set_whip_topic     (CivicVisitsPage *self,
                                                    const char      *topic);
void         _civic_visits_page_set_follow_up_filter (CivicVisitsPage *self,
                                                      guint            which);
void         _civic_visits_page_set_follow_up_done (CivicVisitsPage *self,
                                                    CivicFollowUp   *follow_up,
                                                    gboolean         done);
CivicLobbyDay *_civic_visits_page_get_lobby_day    (CivicVisitsPage *self);

/* civic-visits-print.c */
void         _civic_visits_print_whip_count        (GtkWindow       *parent,
                                                    CivicWhipCount  *count,
                                                    const char      *filters,
                                                    const char      *export_pdf,
                                                    GError         **error);
void         _civic_visits_print_agendas           (GtkWindow       *parent,
                                                    CivicLobbyDay   *day,
                                                    const char      *export_pdf,
                                                    GError         **error);

/* A position's pill in a table cell (a civic_text_cell_new_pill ()), in the
 * position's colour (civic_visit_position_get_color ()); @shown FALSE
 * leaves the cell empty.
 */
void _civic_visits_page_show_position (CivicTextCell *cell,
                                       CivicPosition  position,
                                       gboolean       shown);

G_END_DECLS
