/* civic-office.h — a place the organization works from
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: {"type": "office", "name", "address", "phone", "timezone"}.
 * `timezone` is an IANA identifier ("America/Los_Angeles"); events,
 * volunteers and visits name their office by `office_id`.
 * Rules: a name, and a time zone this system knows.
 */

#pragma once

#include "civic-record.h"

G_BEGIN_DECLS

#define CIVIC_TYPE_OFFICE (civic_office_get_type ())
G_DECLARE_FINAL_TYPE (CivicOffice, civic_office, CIVIC, OFFICE, CivicRecord)

/* A new, unsaved office with the type's defaults. */
CivicOffice *civic_office_new (void);

const char *         civic_office_get_name                    (CivicOffice *self);
void                 civic_office_set_name                    (CivicOffice *self, const char *name);
const char *         civic_office_get_address                 (CivicOffice *self);
void                 civic_office_set_address                 (CivicOffice *self, const char *address);
const char *         civic_office_get_phone                   (CivicOffice *self);
void                 civic_office_set_phone                   (CivicOffice *self, const char *phone);
const char *         civic_office_get_timezone                (CivicOffice *self);
void                 civic_office_set_timezone                (CivicOffice *self, const char *timezone);

G_END_DECLS
