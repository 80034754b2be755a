/* civic-volunteer-search.h — an in-memory search index over every volunteer
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roster's search field asks on every keystroke, so the index keeps
 * each volunteer's search keys prepared (civic-text.h: folded name forms
 * with e-mail, their initial consonants, the phone's digits) and answers
 * with one pass over them and no allocation per volunteer.  Results come
 * ranked — a whole name form, then a prefix of one, then a word start,
 * then any substring — and by name within a rank.
 *
 * The index is built once from the store, in a worker thread
 * (civic_volunteer_search_new_from_store_async ()), and then kept current
 * from the store's ::changed signal with civic_volunteer_search_apply_changes ()
 * (or _update ()/_remove () for one volunteer).  It is not thread-safe:
 * after building, use it from one thread (the GUI's main thread).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-text.h"

G_BEGIN_DECLS

typedef enum {
  CIVIC_VOLUNTEER_ACTIVE_ANY = 0,
  CIVIC_VOLUNTEER_ACTIVE_ONLY,
  CIVIC_VOLUNTEER_INACTIVE_ONLY,
} CivicVolunteerActiveFilter;

/* Every set member must hold; %NULL/0 members are ignored. */
typedef struct {
  const char                 *office_id;
  const char                 *language;           /* "ko" */
  const char                 *skill;              /* compared folded */
  const char                 *age_group;          /* youth, adult, senior */
  CivicVolunteerActiveFilter  active;
  const char                 *availability_day;   /* weekday, weekend (NULL: either) */
  const char                 *availability_time;  /* morning, afternoon, evening (NULL: any) */
} CivicVolunteerFilter;

typedef struct {
  const char     *id;        /* owned by the index: valid until it next changes */
  CivicTextMatch  rank;
  guint           position;  /* in the index's name order (see _get_serial ()) */
} CivicVolunteerHit;

#define CIVIC_TYPE_VOLUNTEER_SEARCH (civic_volunteer_search_get_type ())
G_DECLARE_FINAL_TYPE (CivicVolunteerSearch, civic_volunteer_search, CIVIC, VOLUNTEER_SEARCH, GObject)

/* An empty index. */
CivicVolunteerSearch *civic_volunteer_search_new          (void);
/* Builds the index from every volunteer of @store (blocking). */
CivicVolunteerSearch *civic_volunteer_search_new_from_store (CivicStore          *store,
                                                             GError             **error);
/* The same in a worker thread. */
void                  civic_volunteer_search_new_from_store_async  (CivicStore          *store,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
CivicVolunteerSearch *civic_volunteer_search_new_from_store_finish (GAsyncResult        *result,
                                                                    GError             **error);

guint                 civic_volunteer_search_get_n_volunteers (CivicVolunteerSearch *self);
/* Changes whenever a volunteer is added, changed or removed: hits'
 * positions (and ids) from before then no longer hold.  Between changes,
 * position i is the i-th volunteer of the empty query without a filter.
 */
guint                 civic_volunteer_search_get_serial       (CivicVolunteerSearch *self);

/* Adds or replaces the volunteer @doc (a store document with _id). */
void                  civic_volunteer_search_update       (CivicVolunteerSearch *self,
                                                           JsonObject           *doc);
void                  civic_volunteer_search_remove       (CivicVolunteerSearch *self,
                                                           const char           *id);
/* Re-reads @ids from @store (as ::changed names them): volunteers are
 * updated, deleted ones removed, other types ignored.
 */
gboolean              civic_volunteer_search_apply_changes (CivicVolunteerSearch *self,
                                                            CivicStore           *store,
                                                            const char * const   *ids,
                                                            GError              **error);

/* Ranked matches of @query (empty: every volunteer, by name) among the
 * volunteers that pass @filter (may be %NULL); at most @limit (0: all).
 * Returns a GArray of CivicVolunteerHit.
 *
 * The index keeps its last answers until it changes: asking again (a
 * backspace) is a copy, and a query that only adds to the end of one of
 * them (the next keystroke) ranks that answer's volunteers alone, which
 * gives the same answer as going over everyone.
 */
GArray               *civic_volunteer_search_query_hits   (CivicVolunteerSearch       *self,
                                                           const char                 *query,
                                                           const CivicVolunteerFilter *filter,
                                                           guint                       limit);
/* The same as a new %NULL-terminated array of ids. */
GStrv                 civic_volunteer_search_query        (CivicVolunteerSearch       *self,
                                                           const char                 *query,
                                                           const CivicVolunteerFilter *filter,
                                                           guint                       limit);

/* The key volunteers are listed by, the same as civic_store_list ()'s:
 * family then given name, case-folded, else the Korean name; ties go by
 * id (compared with strcmp ()).  Ranked results keep this order within a
 * rank, and an empty query lists every volunteer in it.
 */
char                 *civic_volunteer_sort_key            (JsonObject                 *doc);

/* How @query matches one volunteer document (for short lists such as a
 * check-in table, where no index is worth building).
 */
CivicTextMatch        civic_volunteer_match               (JsonObject                 *doc,
                                                           const CivicTextQuery       *query);

G_END_DECLS
