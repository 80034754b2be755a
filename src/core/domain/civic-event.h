/* civic-event.h — something on the calendar
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON (domain.md "event"): kind, title, description, status, office_id,
 * campaign_id; timed events have starts_at/ends_at (UTC instants, "…Z") and
 * tzid (the IANA zone the user meant); all-day events have all_day = true and
 * starts_on/ends_on (dates); rrule ("FREQ=WEEKLY;BYDAY=MO,TU;UNTIL=…", without
 * an "RRULE:" prefix) and exdates (instants or dates) repeat it; location
 * {name, address}; online_url; languages; accessibility; capacity;
 * board_visible; results {calls_made, contacts_reached, registrations,
 * attendees}; hearings also body, bill, testimony_deadline, testifiers
 * (volunteer ids).
 * The time getters return the JSON strings; civic_event_dup_start() and
 * civic_event_dup_end() give GDateTimes (all-day: midnight UTC of the date).
 * Rules: a title; a known kind and status; a start (starts_at, or starts_on
 * when all day) and an end not before it; a valid tzid; an rrule libical
 * parses; exdates are dates or instants; capacity ≥ 0; results are whole
 * numbers ≥ 0; online_url is a web address.
 * A new event is "confirmed", of kind "other", not all day.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_EVENT (civic_event_get_type ())
G_DECLARE_FINAL_TYPE (CivicEvent, civic_event, CIVIC, EVENT, CivicRecord)

/* A new, unsaved event with the type's defaults. */
CivicEvent *civic_event_new (void);

/* Event kinds: a translated label, a colour ("#rrggbb") and a symbolic icon name;
 * unknown kinds get the colour and icon of "other". */
const char * const * civic_event_kind_list                    (void);
const char *         civic_event_kind_get_label               (const char *kind);
const char *         civic_event_kind_get_color               (const char *kind);
const char *         civic_event_kind_get_icon_name           (const char *kind);

/* Event statuses: tentative, confirmed, cancelled. */
const char * const * civic_event_status_list                  (void);
const char *         civic_event_status_get_label             (const char *status);

const char *         civic_event_get_kind                     (CivicEvent *self);
void                 civic_event_set_kind                     (CivicEvent *self, const char *kind);
const char *         civic_event_get_title                    (CivicEvent *self);
void                 civic_event_set_title                    (CivicEvent *self, const char *title);
const char *         civic_event_get_description              (CivicEvent *self);
void                 civic_event_set_description              (CivicEvent *self, const char *description);
const char *         civic_event_get_status                   (CivicEvent *self);
void                 civic_event_set_status                   (CivicEvent *self, const char *status);
const char *         civic_event_get_office_id                (CivicEvent *self);
void                 civic_event_set_office_id                (CivicEvent *self, const char *office_id);
const char *         civic_event_get_campaign_id              (CivicEvent *self);
void                 civic_event_set_campaign_id              (CivicEvent *self, const char *campaign_id);
const char *         civic_event_get_starts_at                (CivicEvent *self);
void                 civic_event_set_starts_at                (CivicEvent *self, const char *starts_at);
const char *         civic_event_get_ends_at                  (CivicEvent *self);
void                 civic_event_set_ends_at                  (CivicEvent *self, const char *ends_at);
const char *         civic_event_get_tzid                     (CivicEvent *self);
void                 civic_event_set_tzid                     (CivicEvent *self, const char *tzid);
gboolean             civic_event_get_all_day                  (CivicEvent *self);
void                 civic_event_set_all_day                  (CivicEvent *self, gboolean all_day);
const char *         civic_event_get_starts_on                (CivicEvent *self);
void                 civic_event_set_starts_on                (CivicEvent *self, const char *starts_on);
const char *         civic_event_get_ends_on                  (CivicEvent *self);
void                 civic_event_set_ends_on                  (CivicEvent *self, const char *ends_on);
const char *         civic_event_get_rrule                    (CivicEvent *self);
void                 civic_event_set_rrule                    (CivicEvent *self, const char *rrule);
GStrv                civic_event_dup_exdates                  (CivicEvent *self);
void                 civic_event_set_exdates                  (CivicEvent *self, const char * const *exdates);
JsonObject *         civic_event_get_location                 (CivicEvent *self);
void                 civic_event_set_location                 (CivicEvent *self, JsonObject *location);
const char *         civic_event_get_online_url               (CivicEvent *self);
void                 civic_event_set_online_url               (CivicEvent *self, const char *online_url);
GStrv                civic_event_dup_languages                (CivicEvent *self);
void                 civic_event_set_languages                (CivicEvent *self, const char * const *languages);
const char *         civic_event_get_accessibility            (CivicEvent *self);
void                 civic_event_set_accessibility            (CivicEvent *self, const char *accessibility);
int                  civic_event_get_capacity                 (CivicEvent *self);
void                 civic_event_set_capacity                 (CivicEvent *self, int capacity);
gboolean             civic_event_get_board_visible            (CivicEvent *self);
void                 civic_event_set_board_visible            (CivicEvent *self, gboolean board_visible);
JsonObject *         civic_event_get_results                  (CivicEvent *self);
void                 civic_event_set_results                  (CivicEvent *self, JsonObject *results);
const char *         civic_event_get_body                     (CivicEvent *self);
void                 civic_event_set_body                     (CivicEvent *self, const char *body);
const char *         civic_event_get_bill                     (CivicEvent *self);
void                 civic_event_set_bill                     (CivicEvent *self, const char *bill);
const char *         civic_event_get_testimony_deadline       (CivicEvent *self);
void                 civic_event_set_testimony_deadline       (CivicEvent *self, const char *testimony_deadline);
GStrv                civic_event_dup_testifiers               (CivicEvent *self);
void                 civic_event_set_testifiers               (CivicEvent *self, const char * const *testifiers);

/* The start and end as GDateTimes (transfer full; %NULL when absent): the
 * instants for a timed event, midnight UTC of the dates for an all-day one.
 */
GDateTime           *civic_event_dup_start                    (CivicEvent *self);
GDateTime           *civic_event_dup_end                      (CivicEvent *self);
/* TRUE when the event has an rrule. */
gboolean             civic_event_is_recurring                 (CivicEvent *self);
/* TRUE if @rrule is a recurrence rule libical accepts (with FREQ=). */
gboolean             civic_rrule_is_valid                     (const char *rrule);

G_END_DECLS
