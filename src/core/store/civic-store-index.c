/* civic-store-index.c — the typed index columns derived from a document
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The views query documents by indexed columns, never by scanning JSON, so
 * each live winner gets one doc_index row written in the same transaction
 * as the document.  The mapping from fields to columns lives here only:
 *
 *   type        starts_at            ends_at                 ref1           ref2          sort_key           status
 *   event       starts_at|starts_on  ends_at|ends_on (1)     kind           -             starts             status
 *   campaign    starts_on            ends_on (1)             -              -             name               -
 *   shift       starts_at            ends_at                 event_id       -             starts             -
 *   signup      signed_up_at         -                       shift_id       volunteer_id  signed_up_at       status
 *   volunteer   -                    -                       -              -             family+given|ko    active|inactive
 *   visit       occurs_at            -                       legislator_id  event_id      occurs_at          position
 *   legislator  -                    -                       chamber        state         name               -
 *   office      -                    -                       -              -             name               -
 *
 * office_id and campaign_id are copied for every type that has them, and
 * status from a "status" string where the table shows none.
 *
 * (1) A date-only end ("ends_on") is inclusive, so it is stored as the next
 * day.  A repeating event ends with its series: the RRULE's UNTIL (plus two
 * days, so the last occurrence is covered in any time zone) or, without
 * UNTIL, "9999-12-31".  A document with a start and no end (a signup, a
 * visit) is a point in time; its ends_at stays NULL so the ends index holds
 * only documents that have one.
 * Text comparison of ISO 8601 dates and UTC instants orders them correctly.
 *
 * long_span (schema 4) marks the rows with both ends whose end is later
 * than the start's date plus CIVIC_INDEX_SHORT_SPAN_DAYS, or whose start is
 * not a date: a range query looks those up separately, and finds all the
 * others by a short window on starts_at.
 */

#define G_LOG_DOMAIN "civic-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "civic-json.h"
#include "civic-store-private.h"

void
civic_index_row_clear (CivicIndexRow *row)
{
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->sort_key, g_free);
  g_clear_pointer (&row->starts_at, g_free);
  g_clear_pointer (&row->ends_at, g_free);
  g_clear_pointer (&row->ref1, g_free);
  g_clear_pointer (&row->ref2, g_free);
  g_clear_pointer (&row->office_id, g_free);
  g_clear_pointer (&row->campaign_id, g_free);
  g_clear_pointer (&row->status, g_free);
}

gboolean
civic_index_row_equal (const CivicIndexRow *a,
                       const CivicIndexRow *b)
{
  return g_strcmp0 (a->type, b->type) == 0
    && g_strcmp0 (a->sort_key, b->sort_key) == 0
    && g_strcmp0 (a->starts_at, b->starts_at) == 0
    && g_strcmp0 (a->ends_at, b->ends_at) == 0
    && g_strcmp0 (a->ref1, b->ref1) == 0
    && g_strcmp0 (a->ref2, b->ref2) == 0
    && g_strcmp0 (a->office_id, b->office_id) == 0
    && g_strcmp0 (a->campaign_id, b->campaign_id) == 0
    && g_strcmp0 (a->status, b->status) == 0
    && !a->long_span == !b->long_span;
}

char *
civic_store_derive_type (const char *id,
                         JsonObject *body,
                         const char *previous)
{
  const char *type = civic_json_object_get_string_or_null (body, "type");
  const char *colon;

  if (type != NULL && *type != '\0')
    return g_strdup (type);
  if (previous != NULL)
    return g_strdup (previous);
  colon = id != NULL ? strchr (id, ':') : NULL;
  if (colon != NULL && colon != id)
    return g_strndup (id, colon - id);
  return NULL;
}

static char *
dup_member (JsonObject *body,
            const char *member)
{
  const char *value = civic_json_object_get_string_or_null (body, member);

  return (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

/* "YYYY-MM-DD" plus @days, or %NULL when @date is not such a date. */
static char *
date_add_days (const char *date,
               int         days)
{
  unsigned year, month, day;
  GDate d;

  if (date == NULL || strlen (date) < 10
      || sscanf (date, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&d),
                          g_date_get_month (&d), g_date_get_day (&d));
}

/* The end of a repeating event's series, from its RRULE's UNTIL. */
static char *
rrule_series_end (const char *rrule)
{
  g_auto(GStrv) parts = g_strsplit (rrule, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_ascii_strncasecmp (part, "UNTIL=", 6) == 0)
        {
          const char *until = part + 6;
          char date[11];

          if (strlen (until) < 8)
            break;
          g_snprintf (date, sizeof date, "%.4s-%.2s-%.2s", until, until + 4, until + 6);
          return date_add_days (date, 2);
        }
    }
  return g_strdup ("9999-12-31");
}

char *
civic_index_short_window_start (const char *from)
{
  return date_add_days (from, -CIVIC_INDEX_SHORT_SPAN_DAYS);
}

/* See long_span in the header comment. */
static gboolean
is_long_span (const char *starts_at,
              const char *ends_at)
{
  g_autofree char *limit = NULL;

  if (starts_at == NULL || ends_at == NULL)
    return FALSE;
  limit = date_add_days (starts_at, CIVIC_INDEX_SHORT_SPAN_DAYS);
  return limit == NULL || strcmp (ends_at, limit) > 0;
}

static char *
fold (const char *text)
{
  return text != NULL ? g_utf8_casefold (text, -1) : NULL;
}

static void
compute_columns (CivicIndexRow *row,
                 const char    *type,
                 JsonObject    *body)
{
  memset (row, 0, sizeof *row);
  row->type = g_strdup (type);
  row->office_id = dup_member (body, "office_id");
  row->campaign_id = dup_member (body, "campaign_id");
  row->status = dup_member (body, "status");

  if (type == NULL)
    return;

  if (g_str_equal (type, "event"))
    {
      const char *rrule = civic_json_object_get_string_or_null (body, "rrule");

      row->starts_at = dup_member (body, "starts_at");
      if (row->starts_at == NULL)
        row->starts_at = dup_member (body, "starts_on");
      if (rrule != NULL && *rrule != '\0')
        row->ends_at = rrule_series_end (rrule);
      else
        {
          row->ends_at = dup_member (body, "ends_at");
          if (row->ends_at == NULL)
            row->ends_at = date_add_days (civic_json_object_get_string_or_null (body, "ends_on"), 1);
          if (row->ends_at == NULL && civic_json_object_get_string_or_null (body, "starts_at") == NULL)
            row->ends_at = date_add_days (row->starts_at, 1);
        }
      row->ref1 = dup_member (body, "kind");
      row->sort_key = g_strdup (row->starts_at);
    }
  else if (g_str_equal (type, "campaign"))
    {
      row->starts_at = dup_member (body, "starts_on");
      row->ends_at = date_add_days (civic_json_object_get_string_or_null (body, "ends_on"), 1);
      row->sort_key = fold (civic_json_object_get_string_or_null (body, "name"));
    }
  else if (g_str_equal (type, "shift"))
    {
      row->starts_at = dup_member (body, "starts_at");
      row->ends_at = dup_member (body, "ends_at");
      row->ref1 = dup_member (body, "event_id");
      row->sort_key = g_strdup (row->starts_at);
    }
  else if (g_str_equal (type, "signup"))
    {
      row->starts_at = dup_member (body, "signed_up_at");
      row->ref1 = dup_member (body, "shift_id");
      row->ref2 = dup_member (body, "volunteer_id");
      row->sort_key = g_strdup (row->starts_at);
    }
  else if (g_str_equal (type, "volunteer"))
    {
      const char *family = civic_json_object_get_string_or_null (body, "family_name");
      const char *given = civic_json_object_get_string_or_null (body, "given_name");

      if ((family != NULL && *family != '\0') || (given != NULL && *given != '\0'))
        {
          g_autofree char *name = g_strdup_printf ("%s %s", family ? family : "", given ? given : "");

          row->sort_key = fold (name);
        }
      else
        row->sort_key = fold (civic_json_object_get_string_or_null (body, "name_ko"));
      g_free (row->status);
      row->status = g_strdup (civic_json_object_get_boolean_or (body, "active", TRUE)
                              ? "active" : "inactive");
    }
  else if (g_str_equal (type, "visit"))
    {
      row->starts_at = dup_member (body, "occurs_at");
      row->ref1 = dup_member (body, "legislator_id");
      row->ref2 = dup_member (body, "event_id");
      row->sort_key = g_strdup (row->starts_at);
      if (row->status == NULL)
        row->status = dup_member (body, "position");
    }
  else if (g_str_equal (type, "legislator"))
    {
      row->ref1 = dup_member (body, "chamber");
      row->ref2 = dup_member (body, "state");
      row->sort_key = fold (civic_json_object_get_string_or_null (body, "name"));
    }
  else if (g_str_equal (type, "office"))
    {
      row->sort_key = fold (civic_json_object_get_string_or_null (body, "name"));
    }
}

void
civic_index_row_compute (CivicIndexRow *row,
                         const char    *type,
                         JsonObject    *body)
{
  compute_columns (row, type, body);
  row->long_span = is_long_span (row->starts_at, row->ends_at);
}
