/* civic-test-proxy.h — an HTTP proxy between a client and the test server
 * that injects faults: 500s, connection resets, truncated JSON, stalls
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 running in its own thread and main context, so
 * that clients running nested main loops still reach it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CIVIC_PROXY_FAULT_500,       /* answer 500 */
  CIVIC_PROXY_FAULT_RESET,     /* close the connection without an answer */
  CIVIC_PROXY_FAULT_TRUNCATE,  /* forward, then send half the answer as 200 */
  CIVIC_PROXY_FAULT_STALL,     /* hold the request for the stall time, then forward */
  CIVIC_PROXY_FAULT_404,       /* answer 404 not_found */
  CIVIC_PROXY_FAULT_413,       /* answer 413 too_large */
} CivicProxyFault;

typedef struct _CivicTestProxy CivicTestProxy;

CivicTestProxy *civic_test_proxy_new            (const char      *upstream_url);
void            civic_test_proxy_free           (CivicTestProxy  *proxy);
const char     *civic_test_proxy_get_url        (CivicTestProxy  *proxy);
/* The next @times requests (0: every request) whose path and query contain
 * @match get @fault.
 */
void            civic_test_proxy_add_fault      (CivicTestProxy  *proxy,
                                                 const char      *match,
                                                 CivicProxyFault  fault,
                                                 guint            times);
void            civic_test_proxy_clear_faults   (CivicTestProxy  *proxy);
void            civic_test_proxy_set_stall      (CivicTestProxy  *proxy,
                                                 guint            milliseconds);
/* How many faults were injected, and requests seen whose path contains
 * @match (%NULL: all).
 */
guint           civic_test_proxy_get_faults     (CivicTestProxy  *proxy);
guint           civic_test_proxy_count_requests (CivicTestProxy  *proxy,
                                                 const char      *match);

G_END_DECLS
