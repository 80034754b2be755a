/* test-tls.c — a server with a self-signed certificate is refused with its
 * fingerprint, and trusted once exactly that certificate is pinned
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/test-server.{crt,key} is a throwaway self-signed certificate for
 * CN=civic-desk-test.invalid, made for this test only.
 */

#define G_LOG_DOMAIN "test-tls"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "civic-couch-client.h"

typedef struct {
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GTlsCertificate *certificate;
  char            *url;
  GMutex           lock;
  GCond            ready;
} TlsServer;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  static const char welcome[] = "{\"couchdb\":\"Welcome\",\"version\":\"3.3.3\"}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, welcome, strlen (welcome));
}

static gpointer
server_thread (gpointer data)
{
  TlsServer *ts = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (ts->context);
  server = soup_server_new ("tls-certificate", ts->certificate, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&ts->lock);
  ts->url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&ts->ready);
  g_mutex_unlock (&ts->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (ts->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

static char *
data_file (const char *name)
{
  const char *root = g_getenv ("CIVIC_DESK_SOURCE_ROOT");

  return g_build_filename (root ? root : ".", "tests", "sync", "data", name, NULL);
}

static TlsServer *
tls_server_start (void)
{
  TlsServer *ts = g_new0 (TlsServer, 1);
  g_autofree char *cert = data_file ("test-server.crt");
  g_autofree char *key = data_file ("test-server.key");
  g_autoptr(GError) error = NULL;

  ts->certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  g_mutex_init (&ts->lock);
  g_cond_init (&ts->ready);
  g_mutex_lock (&ts->lock);
  ts->thread = g_thread_new ("tls-server", server_thread, ts);
  while (ts->url == NULL)
    g_cond_wait (&ts->ready, &ts->lock);
  g_mutex_unlock (&ts->lock);
  return ts;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
tls_server_stop (TlsServer *ts)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_cb, ts->loop, NULL);
  g_source_attach (source, ts->context);
  g_source_unref (source);
  g_thread_join (ts->thread);
  g_main_loop_unref (ts->loop);
  g_main_context_unref (ts->context);
  g_object_unref (ts->certificate);
  g_mutex_clear (&ts->lock);
  g_cond_clear (&ts->ready);
  g_free (ts->url);
  g_free (ts);
}

static char *
expected_fingerprint (TlsServer *ts)
{
  g_autoptr(GByteArray) der = NULL;

  g_object_get (ts->certificate, "certificate", &der, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

static void
test_refused_then_pinned (void)
{
  TlsServer *ts = tls_server_start ();
  g_autofree char *sha = expected_fingerprint (ts);
  g_autoptr(CivicCouchClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  guint status = 0;

  for (guint i = 0; sha[i] && sha[i + 1]; i += 2)
    g_string_append_printf (shown, "%s%c%c", i ? ":" : "", g_ascii_toupper (sha[i]), g_ascii_toupper (sha[i + 1]));

  client = civic_couch_client_new (ts->url, "admin", "secret", &error);
  g_assert_no_error (error);
  civic_couch_client_set_retry (client, 3, 10, 10);

  /* The system store does not know it: refused at once, with the
   * fingerprint a person can compare.
   */
  answer = civic_couch_client_request (client, "GET", "/", NULL, CIVIC_COUCH_REQUEST_NONE, NULL, &status, &error);
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, shown->str));
  g_assert_cmpstr (civic_couch_client_get_peer_fingerprint (client), ==, sha);
  g_clear_error (&error);
  g_clear_pointer (&answer, json_node_unref);

  /* Another pin does not help. */
  civic_couch_client_set_pinned_certificate (client, "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:"
                                                     "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
  answer = civic_couch_client_request (client, "GET", "/", NULL, CIVIC_COUCH_REQUEST_NONE, NULL, &status, &error);
  g_assert_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_TLS);
  g_clear_error (&error);
  g_clear_pointer (&answer, json_node_unref);

  /* Exactly this certificate, written as it was shown. */
  civic_couch_client_set_pinned_certificate (client, shown->str);
  answer = civic_couch_client_request (client, "GET", "/", NULL, CIVIC_COUCH_REQUEST_NONE, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "version"), ==, "3.3.3");

  tls_server_stop (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/tls/refused-then-pinned", test_refused_then_pinned);
  return g_test_run ();
}
