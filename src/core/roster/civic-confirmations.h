/* civic-confirmations.h — the confirmation-call list and its two answers
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before an event an organizer calls everyone who is `scheduled` but has
 * not confirmed.  The list holds, for shifts starting in the next N days,
 * those signups with the person's phone, sorted by shift start then name;
 * each call ends in civic_confirmations_confirm () (→ `confirmed`) or
 * civic_confirmations_decline () (→ `declined`), checked against the
 * domain's transition rule and written at once.
 */

#pragma once

#include <gio/gio.h>

#include "civic-store.h"

G_BEGIN_DECLS

#define CIVIC_CONFIRMATIONS_ERROR (civic_confirmations_error_quark ())

typedef enum {
  CIVIC_CONFIRMATIONS_ERROR_NOT_ALLOWED,  /* the status cannot move that way (domain rule) */
  CIVIC_CONFIRMATIONS_ERROR_NOT_SIGNUP,
} CivicConfirmationsError;

GQuark     civic_confirmations_error_quark (void);

typedef struct {
  char      *signup_id;
  char      *shift_id;
  char      *event_id;
  char      *event_title;
  char      *role;
  char      *occurrence;
  char      *volunteer_id;
  char      *name;        /* display name */
  char      *name_ko;
  char      *phone;       /* NULL when the person has none */
  GDateTime *starts;      /* the shift (occurrence) start */
  gboolean   waitlisted;  /* scheduled but past the shift's capacity */
} CivicConfirmationCall;

void       civic_confirmation_call_free (CivicConfirmationCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivicConfirmationCall, civic_confirmation_call_free)

/* Scheduled signups whose shift starts in [@from, @from + @days days)
 * (@from %NULL: now).  Transfer full: CivicConfirmationCall*.
 */
GPtrArray *civic_confirmations_list    (CivicStore  *store,
                                        GDateTime   *from,
                                        guint        days,
                                        GError     **error);
/* The same in a worker thread (@from referenced). */
void       civic_confirmations_list_async  (CivicStore          *store,
                                            GDateTime           *from,
                                            guint                days,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray *civic_confirmations_list_finish (GAsyncResult        *result,
                                            GError             **error);
gboolean   civic_confirmations_confirm (CivicStore  *store,
                                        const char  *signup_id,
                                        GError     **error);
gboolean   civic_confirmations_decline (CivicStore  *store,
                                        const char  *signup_id,
                                        GError     **error);

G_END_DECLS
