/* civic-legislative.h — what the legislative core shares: its error domain, positions, topics, names
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The legislative core works on documents as the store holds them
 * (JsonObject with the field names of domain.md), so that it runs headless
 * and over thousands of visits without building a GObject per document.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CIVIC_LEGISLATIVE_ERROR (civic_legislative_error_quark ())

typedef enum {
  CIVIC_LEGISLATIVE_ERROR_UNKNOWN_FORMAT,  /* a CSV that is neither legislator format */
  CIVIC_LEGISLATIVE_ERROR_PARSE,           /* a CSV that cannot be read at all */
  CIVIC_LEGISLATIVE_ERROR_NOT_FOUND,       /* no such visit, follow-up or event */
  CIVIC_LEGISLATIVE_ERROR_NOT_LOBBY_DAY,   /* an event whose kind is not legislative_visit */
  CIVIC_LEGISLATIVE_ERROR_CHANGED,         /* the item changed since it was listed */
  CIVIC_LEGISLATIVE_ERROR_INVALID,         /* a bad argument (an unknown export, …) */
} CivicLegislativeError;

GQuark       civic_legislative_error_quark     (void);

/* The positions of domain.md, in the whip count's order. */
typedef enum {
  CIVIC_POSITION_SUPPORT,
  CIVIC_POSITION_LEAN_SUPPORT,
  CIVIC_POSITION_UNDECIDED,
  CIVIC_POSITION_LEAN_OPPOSE,
  CIVIC_POSITION_OPPOSE,
  CIVIC_POSITION_UNKNOWN,
  CIVIC_POSITION_N
} CivicPosition;

/* "support" → CIVIC_POSITION_SUPPORT; anything unknown or %NULL is
 * CIVIC_POSITION_UNKNOWN.
 */
CivicPosition civic_position_from_string       (const char    *text);
/* The JSON id ("lean_support"). */
const char  *civic_position_to_string          (CivicPosition  position);
/* The translated label ("Leans support"). */
const char  *civic_position_get_label          (CivicPosition  position);

/* The key issues and bills are matched by: case-folded, with everything but
 * letters and digits left out, so "H.R. 6", "HR 6" and "hr6" name the same
 * bill and "Immigration reform" the same issue as "immigration  reform".
 * Transfer full.
 */
char        *civic_legislative_topic_key       (const char    *topic);
/* TRUE if the visit's `issues` or `bills` name the topic whose key is
 * @topic_key.
 */
gboolean     civic_legislative_visit_has_topic (JsonObject    *visit,
                                                const char    *topic_key);

/* A volunteer's display name: preferred_name, else "given_name
 * family_name", else name_ko, else %NULL.  Transfer full.
 */
char        *civic_legislative_volunteer_name  (JsonObject    *volunteer);

/* The current instant as "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fraction). */
char        *civic_legislative_now_instant     (void);
/* Today's date in the local time zone as "YYYY-MM-DD". */
char        *civic_legislative_today           (void);

/* Member @name as a string, or %NULL when missing or not a string. */
const char  *civic_legislative_get_string      (JsonObject    *object,
                                                const char    *name);

G_END_DECLS
