/* civic-lobby-day.h — a lobby day: its meetings, teams, rooms, and double-booked attendees
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lobby day is an event of kind `legislative_visit`; its meetings are the
 * visits whose `event_id` names it.  Two fields a visit carries besides
 * those of domain.md serve the day's schedule: `room` (free text, "Capitol
 * 2114") and `ends_at` (UTC instant).  A visit without `ends_at` is taken to
 * last CIVIC_LOBBY_DAY_DEFAULT_MINUTES.
 *
 * A team is the group of attendees who go to meetings together: meetings
 * whose attendees are the very same volunteers form one team, named after
 * its leader (the first attendee with role "leader", else the first
 * attendee).  Nobody should be in two meetings at once: a volunteer who is
 * an attendee of two meetings whose [start, end) times overlap is a
 * conflict, reported once per pair of meetings.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "civic-store.h"
#include "civic-legislative.h"

G_BEGIN_DECLS

#define CIVIC_LOBBY_DAY_DEFAULT_MINUTES 30

typedef struct {
  char     *volunteer_id;
  char     *name;         /* %NULL when the volunteer is unknown */
  char     *role;         /* leader, asker, storyteller, note_taker, interpreter, or %NULL */
  gboolean  constituent;
} CivicLobbyAttendee;

typedef struct {
  char      *visit_id;
  char      *legislator_id;
  char      *legislator_name;
  char      *starts_at;       /* the visit's occurs_at, or %NULL (then it sorts last) */
  char      *ends_at;         /* the visit's ends_at, else starts_at + the default; %NULL without a start */
  gboolean   ends_assumed;    /* ends_at came from the default length */
  char      *room;
  char      *format;
  char      *met_with;        /* the staffer met, else "member" or "staff" */
  char      *ask;
  GStrv      issues;
  GStrv      bills;
  GPtrArray *team;            /* CivicLobbyAttendee*, as the visit lists them */
} CivicLobbyMeeting;

typedef struct {
  char      *volunteer_id;
  char      *volunteer_name;
  char      *first_visit_id;   /* the earlier meeting (by start, then id) */
  char      *second_visit_id;
} CivicLobbyConflict;

typedef struct {
  char      *name;             /* the leader's name (or id) */
  GStrv      volunteer_ids;    /* sorted */
  GPtrArray *meetings;         /* CivicLobbyMeeting*, borrowed from the day, in time order */
} CivicLobbyTeam;

typedef struct {
  char      *event_id;
  char      *title;
  char      *starts_at;
  GPtrArray *meetings;         /* CivicLobbyMeeting*, by start time, then visit id */
  GPtrArray *teams;            /* CivicLobbyTeam*, by their first meeting */
  GPtrArray *conflicts;        /* CivicLobbyConflict* */
} CivicLobbyDay;

void         civic_lobby_meeting_free       (CivicLobbyMeeting *meeting);
void         civic_lobby_conflict_free      (CivicLobbyConflict *conflict);
void         civic_lobby_day_free           (CivicLobbyDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicLobbyDay, civic_lobby_day_free)

/* A meeting from a visit document; @legislators and @volunteers map ids
 * to documents for the names (either may be %NULL).
 */
CivicLobbyMeeting *civic_lobby_meeting_new_from_visit (JsonObject *visit,
                                                       GHashTable *legislators,
                                                       GHashTable *volunteers);

/* The double bookings among @meetings (CivicLobbyMeeting*); meetings
 * without a start are not checked.  Transfer full.
 */
GPtrArray   *civic_lobby_day_find_conflicts (GPtrArray  *meetings);

/* The lobby day of @event_id: NOT_LOBBY_DAY when the event's kind is not
 * legislative_visit, a store NOT_FOUND when there is no such event.
 */
CivicLobbyDay *civic_lobby_day_load         (CivicStore  *store,
                                             const char  *event_id,
                                             GError     **error);

G_END_DECLS
