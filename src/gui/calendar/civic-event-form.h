/* civic-event-form.h — the event editor's values, apart from its widgets
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As GNOME Calendar's editor does, the editor keeps its state in a plain
 * value struct and turns it into widget state and documents with pure
 * functions, so the conversions (wall-clock time in a zone to UTC, the
 * repeat rule, inclusive all-day dates) are tested without a display.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  CIVIC_REPEAT_NONE,
  CIVIC_REPEAT_DAILY,
  CIVIC_REPEAT_WEEKLY,
  CIVIC_REPEAT_MONTHLY,
} CivicRepeat;

typedef enum {
  CIVIC_REPEAT_END_NEVER,
  CIVIC_REPEAT_END_UNTIL,
  CIVIC_REPEAT_END_COUNT,
} CivicRepeatEnd;

typedef struct {
  char        *kind;
  char        *title;
  char        *status;
  char        *office_id;     /* "" or NULL: none */
  char        *campaign_id;
  char        *tzid;          /* IANA zone the wall-clock times are in */
  gboolean     all_day;
  GDate        start_date;
  int          start_minutes; /* minutes after midnight, timed events */
  GDate        end_date;      /* inclusive for all-day events */
  int          end_minutes;

  CivicRepeat     repeat;
  guint8          weekdays;   /* bit 0 = Monday … bit 6 = Sunday, weekly only */
  CivicRepeatEnd  repeat_end;
  GDate           until;
  guint           count;
  GStrv           exdates;    /* "YYYY-MM-DD" */

  char        *location_name;
  char        *location_address;
  char        *online_url;
  char        *languages;     /* "ko, en": comma separated for editing */
  char        *accessibility;
  int          capacity;      /* 0: not set */
  gboolean     board_visible;
  char        *description;

  /* Results, filled after the event; -1 = not recorded. */
  int          calls_made;
  int          contacts_reached;
  int          registrations;
  int          attendees;

  /* Hearings. */
  char        *body;
  char        *bill;
  char        *testimony_deadline; /* "YYYY-MM-DD" or "" */
  char        *testifiers;         /* comma separated volunteer ids */
} CivicEventForm;

CivicEventForm *civic_event_form_new          (void);
void            civic_event_form_free         (CivicEventForm *form);
/* Fills @form from @event; @tzid_fallback is used when the event has none. */
void            civic_event_form_load         (CivicEventForm *form,
                                               JsonObject     *event,
                                               const char     *tzid_fallback);
/* A copy of @base (may be %NULL) with the form's fields written over it;
 * fields the form does not know (and unknown fields) stay as they were.
 */
JsonObject     *civic_event_form_to_json      (const CivicEventForm *form,
                                               JsonObject           *base);
/* "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=…" for the form's repeat fields, or NULL. */
char           *civic_event_form_build_rrule  (const CivicEventForm *form);
/* Reads an rrule into the form's repeat fields; FALSE if it uses parts the
 * form cannot show (then the editor keeps the rule as it is).
 */
gboolean        civic_event_form_parse_rrule  (CivicEventForm *form,
                                               const char     *rrule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicEventForm, civic_event_form_free)

G_END_DECLS
