/* civic-test-proxy.c — a fault-injecting HTTP proxy for the sync tests
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-test-proxy"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "civic-test-proxy.h"

typedef struct {
  char            *match;
  CivicProxyFault  fault;
  guint            remaining;  /* 0: for ever */
} Rule;

struct _CivicTestProxy
{
  char         *upstream;
  char         *url;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupSession  *session;

  GMutex        lock;
  GCond         ready;
  gboolean      started;
  GPtrArray    *rules;
  GPtrArray    *seen;      /* char*: path?query of every request */
  guint         faults;
  guint         stall_ms;
};

static void
rule_free (Rule *rule)
{
  g_free (rule->match);
  g_free (rule);
}

typedef struct {
  CivicTestProxy    *proxy;
  SoupServerMessage *msg;
  gboolean           truncate;
} Forward;

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *fw = user_data;
  SoupMessage *upstream = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (body == NULL)
    {
      soup_server_message_set_status (fw->msg, 502, NULL);
    }
  else
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (upstream),
                                                                NULL);

      if (fw->truncate)
        len /= 2;
      soup_server_message_set_status (fw->msg, fw->truncate ? 200 : soup_message_get_status (upstream), NULL);
      soup_server_message_set_response (fw->msg, type ? type : "application/json", SOUP_MEMORY_COPY, data, len);
    }
  soup_server_message_unpause (fw->msg);
  g_object_unref (fw->msg);
  g_free (fw);
}

static void
forward (CivicTestProxy    *proxy,
         SoupServerMessage *msg,
         gboolean           truncate,
         gboolean           paused)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *target = NULL;
  g_autoptr(SoupMessage) upstream = NULL;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *headers[] = { "Authorization", "Accept", "Content-Type" };
  Forward *fw;

  target = g_strconcat (proxy->upstream, g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                        g_uri_get_query (uri) ? g_uri_get_query (uri) : "", NULL);
  upstream = soup_message_new (soup_server_message_get_method (msg), target);
  out = soup_message_get_request_headers (upstream);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (soup_message_headers_get_one (in, headers[i]))
      soup_message_headers_replace (out, headers[i], soup_message_headers_get_one (in, headers[i]));
  if (g_bytes_get_size (bytes) > 0)
    soup_message_set_request_body_from_bytes (upstream, soup_message_headers_get_one (in, "Content-Type"), bytes);

  fw = g_new0 (Forward, 1);
  fw->proxy = proxy;
  fw->msg = g_object_ref (msg);
  fw->truncate = truncate;
  if (!paused)
    soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, upstream, G_PRIORITY_DEFAULT, NULL, forwarded_cb, fw);
}

typedef struct {
  CivicTestProxy    *proxy;
  SoupServerMessage *msg;
} Stall;

static gboolean
stall_over_cb (gpointer user_data)
{
  Stall *stall = user_data;

  /* The client has probably given up by now; answering a closed
   * connection is harmless.
   */
  forward (stall->proxy, stall->msg, FALSE, TRUE);
  g_object_unref (stall->msg);
  g_free (stall);
  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  CivicTestProxy *proxy = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *full = g_strconcat (g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                                       g_uri_get_query (uri) ? g_uri_get_query (uri) : "", NULL);
  int fault = -1;

  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->seen, g_strdup (full));
  for (guint i = 0; i < proxy->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (proxy->rules, i);

      if (strstr (full, rule->match) == NULL)
        continue;
      fault = rule->fault;
      proxy->faults++;
      if (rule->remaining > 0 && --rule->remaining == 0)
        g_ptr_array_remove_index (proxy->rules, i);
      break;
    }
  g_mutex_unlock (&proxy->lock);

  switch (fault)
    {
    case CIVIC_PROXY_FAULT_500:
      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"internal\",\"reason\":\"injected\"}", 40);
      break;
    case CIVIC_PROXY_FAULT_413:
      soup_server_message_set_status (msg, 413, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"too_large\",\"reason\":\"x\"}", 34);
      break;
    case CIVIC_PROXY_FAULT_404:
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"not_found\",\"reason\":\"missing\"}", 40);
      break;
    case CIVIC_PROXY_FAULT_RESET:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
      }
      break;
    case CIVIC_PROXY_FAULT_TRUNCATE:
      forward (proxy, msg, TRUE, FALSE);
      break;
    case CIVIC_PROXY_FAULT_STALL:
      {
        Stall *stall = g_new0 (Stall, 1);
        GSource *source = g_timeout_source_new (proxy->stall_ms);

        stall->proxy = proxy;
        stall->msg = g_object_ref (msg);
        soup_server_message_pause (msg);
        g_source_set_callback (source, stall_over_cb, stall, NULL);
        g_source_attach (source, proxy->context);
        g_source_unref (source);
      }
      break;
    default:
      forward (proxy, msg, FALSE, FALSE);
    }
}

static gpointer
proxy_thread (gpointer data)
{
  CivicTestProxy *proxy = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (proxy->context);
  proxy->server = soup_server_new (NULL, NULL);
  proxy->session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_server_add_handler (proxy->server, NULL, handler, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&proxy->lock);
  proxy->started = TRUE;
  g_cond_signal (&proxy->ready);
  g_mutex_unlock (&proxy->lock);

  g_main_loop_run (proxy->loop);

  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  /* Let pending callbacks (stalls, forwards) run to their end. */
  while (g_main_context_iteration (proxy->context, FALSE))
    ;
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

CivicTestProxy *
civic_test_proxy_new (const char *upstream_url)
{
  CivicTestProxy *proxy = g_new0 (CivicTestProxy, 1);

  proxy->upstream = g_strdup (upstream_url);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  proxy->seen = g_ptr_array_new_with_free_func (g_free);
  proxy->stall_ms = 3000;
  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->ready);
  proxy->thread = g_thread_new ("test-proxy", proxy_thread, proxy);
  g_mutex_lock (&proxy->lock);
  while (!proxy->started)
    g_cond_wait (&proxy->ready, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
  return proxy;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
civic_test_proxy_free (CivicTestProxy *proxy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_cb, proxy->loop, NULL);
  g_source_attach (source, proxy->context);
  g_source_unref (source);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_ptr_array_unref (proxy->rules);
  g_ptr_array_unref (proxy->seen);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->ready);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
civic_test_proxy_get_url (CivicTestProxy *proxy)
{
  return proxy->url;
}

void
civic_test_proxy_add_fault (CivicTestProxy  *proxy,
                            const char      *match,
                            CivicProxyFault  fault,
                            guint            times)
{
  Rule *rule = g_new0 (Rule, 1);

  rule->match = g_strdup (match);
  rule->fault = fault;
  rule->remaining = times;
  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->rules, rule);
  g_mutex_unlock (&proxy->lock);
}

void
civic_test_proxy_clear_faults (CivicTestProxy *proxy)
{
  g_mutex_lock (&proxy->lock);
  g_ptr_array_set_size (proxy->rules, 0);
  g_mutex_unlock (&proxy->lock);
}

void
civic_test_proxy_set_stall (CivicTestProxy *proxy,
                            guint           milliseconds)
{
  g_mutex_lock (&proxy->lock);
  proxy->stall_ms = milliseconds;
  g_mutex_unlock (&proxy->lock);
}

guint
civic_test_proxy_get_faults (CivicTestProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->faults;
  g_mutex_unlock (&proxy->lock);
  return n;
}

guint
civic_test_proxy_count_requests (CivicTestProxy *proxy,
                                 const char     *match)
{
  guint n = 0;

  g_mutex_lock (&proxy->lock);
  for (guint i = 0; i < proxy->seen->len; i++)
    if (match == NULL || strstr (g_ptr_array_index (proxy->seen, i), match) != NULL)
      n++;
  g_mutex_unlock (&proxy->lock);
  return n;
}
