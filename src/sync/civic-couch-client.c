/* civic-couch-client.c — JSON over HTTP to one CouchDB-compatible server
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-couch"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "civic-couch-client.h"

/* Answers smaller than this are parsed on the calling thread: a thread hop
 * costs more than parsing a checkpoint or a database info object.
 */
#define INLINE_PARSE_LIMIT (32 * 1024)

struct _CivicCouchClient
{
  GObject      parent_instance;

  char        *server_url;
  char        *user;
  char        *auth_header;       /* never logged */
  char        *pinned_sha256;
  char        *peer_sha256;

  SoupSession *session;
  SoupSession *longpoll_session;

  guint        timeout_s;
  guint        max_attempts;
  guint        base_delay_ms;
  guint        max_delay_ms;
};

G_DEFINE_FINAL_TYPE (CivicCouchClient, civic_couch_client, G_TYPE_OBJECT)

typedef struct {
  char                  *method;
  char                  *path;
  char                  *url;
  GBytes                *body;
  CivicCouchRequestFlags flags;
  guint                  attempt;
  guint                  status;
  SoupMessage           *msg;
  GSource               *wait_source;
  GSource               *cancel_source;
} Request;

static void send_attempt (GTask *task);

static void
request_free (Request *req)
{
  g_free (req->method);
  g_free (req->path);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->msg);
  if (req->wait_source)
    {
      g_source_destroy (req->wait_source);
      g_source_unref (req->wait_source);
    }
  if (req->cancel_source)
    {
      g_source_destroy (req->cancel_source);
      g_source_unref (req->cancel_source);
    }
  g_free (req);
}

static char *
normalize_fingerprint (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static char *
certificate_sha256 (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;

  if (cert == NULL)
    return NULL;
  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

/* Shows a fingerprint as people compare them: pairs of upper-case hex
 * digits separated by colons.
 */
static char *
format_fingerprint (const char *hex)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; hex[i] && hex[i + 1]; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (hex[i]));
      g_string_append_c (out, g_ascii_toupper (hex[i + 1]));
    }
  return g_string_free (out, FALSE);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *cert,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  CivicCouchClient *self = user_data;
  g_autofree char *sha = certificate_sha256 (cert);

  g_free (self->peer_sha256);
  self->peer_sha256 = g_strdup (sha);
  if (sha != NULL && self->pinned_sha256 != NULL && g_str_equal (sha, self->pinned_sha256))
    {
      g_debug ("accepting the pinned certificate of %s", self->server_url);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_unreachable_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
         error->domain == G_RESOLVER_ERROR;
}

static void
return_final_error (GTask      *task,
                    int         code,
                    const char *message)
{
  g_task_return_new_error (task, CIVIC_SYNC_ERROR, code, "%s", message);
}

static gboolean
cancelled_while_waiting_cb (GCancellable *cancellable,
                            gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  if (req->wait_source)
    {
      g_source_destroy (req->wait_source);
      g_clear_pointer (&req->wait_source, g_source_unref);
    }
  /* This source holds a reference of its own on the task, dropped when it
   * is finalized; the reference dropped below is the in-flight one.
   */
  g_source_destroy (req->cancel_source);
  g_clear_pointer (&req->cancel_source, g_source_unref);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  if (req->cancel_source)
    {
      g_source_destroy (req->cancel_source);
      g_clear_pointer (&req->cancel_source, g_source_unref);
    }
  g_source_destroy (req->wait_source);
  g_clear_pointer (&req->wait_source, g_source_unref);
  /* The in-flight reference passes on to the next attempt. */
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* A transient failure: wait and try again, or give up with @code. */
static void
retry_or_fail (GTask      *task,
               int         code,
               const char *what)
{
  CivicCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint delay, ceiling;

  req->attempt++;
  if ((req->flags & CIVIC_COUCH_REQUEST_NO_RETRY) || req->attempt >= self->max_attempts)
    {
      g_autofree char *msg = NULL;

      if (req->attempt > 1)
        msg = g_strdup_printf (_("%s (%s %s, gave up after %u attempts)"),
                               what, req->method, req->path, req->attempt);
      else
        msg = g_strdup_printf (_("%s (%s %s)"), what, req->method, req->path);
      return_final_error (task, code, msg);
      g_object_unref (task);
      return;
    }

  ceiling = self->base_delay_ms << MIN (req->attempt - 1, 16u);
  ceiling = MIN (ceiling, self->max_delay_ms);
  /* "Equal jitter": half the delay is fixed, half random, so that clients
   * cut off together do not come back together.
   */
  delay = ceiling / 2 + g_random_int_range (0, (int) (ceiling / 2) + 1);
  g_debug ("%s %s: %s; retry %u in %u ms", req->method, req->path, what, req->attempt, delay);

  req->wait_source = g_timeout_source_new (delay);
  g_source_set_callback (req->wait_source, retry_timeout_cb, task, NULL);
  g_source_attach (req->wait_source, g_task_get_context (task));
  if (g_task_get_cancellable (task))
    {
      req->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (cancelled_while_waiting_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (req->cancel_source, g_task_get_context (task));
    }
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!json_parser_load_from_data (parser, data, len, &error))
    g_task_return_error (task, error);
  else if (json_parser_get_root (parser) == NULL)
    g_task_return_new_error (task, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "empty document");
  else
    g_task_return_pointer (task, json_node_ref (json_parser_get_root (parser)),
                           (GDestroyNotify) json_node_unref);
}

static void
finish_with_body (GTask    *task,
                  JsonNode *node,
                  GError   *parse_error)
{
  Request *req = g_task_get_task_data (task);

  if (parse_error != NULL && SOUP_STATUS_IS_SUCCESSFUL (req->status))
    {
      g_autofree char *what = g_strdup_printf (_("The server sent an incomplete or invalid answer: %s"),
                                               parse_error->message);
      retry_or_fail (task, CIVIC_SYNC_ERROR_NETWORK, what);
      return;
    }
  /* A 4xx answer whose body is not JSON still carries its status. */
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&node, json_node_unref);
      g_object_unref (task);
      return;
    }
  finish_with_body (task, node, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  CivicCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
        }
      else if (error->domain == G_TLS_ERROR)
        {
          g_autofree char *msg = NULL;

          if (self->peer_sha256 != NULL)
            {
              g_autofree char *shown = format_fingerprint (self->peer_sha256);

              msg = g_strdup_printf (_("The certificate of %s is not trusted (%s). Its SHA-256 fingerprint is %s; "
                                       "trust exactly this certificate only if the server's administrator confirms it."),
                                     self->server_url, error->message, shown);
            }
          else
            msg = g_strdup_printf (_("Could not set up a secure connection to %s: %s"),
                                   self->server_url, error->message);
          return_final_error (task, CIVIC_SYNC_ERROR_TLS, msg);
          g_object_unref (task);
        }
      else if (is_unreachable_error (error))
        {
          g_autofree char *what = g_strdup_printf (_("Could not reach %s: %s"), self->server_url, error->message);
          retry_or_fail (task, CIVIC_SYNC_ERROR_UNREACHABLE, what);
        }
      else
        {
          g_autofree char *what = g_strdup_printf (_("The connection to %s failed: %s"),
                                                   self->server_url, error->message);
          retry_or_fail (task, CIVIC_SYNC_ERROR_NETWORK, what);
        }
      return;
    }

  req->status = soup_message_get_status (req->msg);
  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes)", req->method, req->path, req->status,
           g_bytes_get_size (bytes));

  if (SOUP_STATUS_IS_SERVER_ERROR (req->status))
    {
      g_autofree char *what = g_strdup_printf (_("The server answered %u %s"), req->status,
                                               soup_message_get_reason_phrase (req->msg));
      retry_or_fail (task, CIVIC_SYNC_ERROR_SERVER, what);
      return;
    }

  if ((req->status == SOUP_STATUS_UNAUTHORIZED || req->status == SOUP_STATUS_FORBIDDEN) &&
      !(req->flags & CIVIC_COUCH_REQUEST_AUTH_STATUS))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      const char *reason = NULL;
      const char *data = g_bytes_get_data (bytes, &len);
      g_autofree char *msg = NULL;

      if (len > 0 && json_parser_load_from_data (parser, data, len, NULL))
        reason = civic_couch_error_reason (json_parser_get_root (parser));
      if (req->status == SOUP_STATUS_UNAUTHORIZED)
        msg = g_strdup_printf (_("The server refused the user name or password of “%s” (401: %s)"),
                               self->user ? self->user : "", reason ? reason : _("unauthorized"));
      else
        msg = g_strdup_printf (_("The server does not let “%s” do this (403: %s)"),
                               self->user ? self->user : "", reason ? reason : _("forbidden"));
      return_final_error (task, req->status == SOUP_STATUS_UNAUTHORIZED ? CIVIC_SYNC_ERROR_UNAUTHORIZED
                                                                         : CIVIC_SYNC_ERROR_FORBIDDEN, msg);
      g_object_unref (task);
      return;
    }

  g_bytes_get_data (bytes, &len);
  if (len == 0 || g_str_equal (req->method, "HEAD"))
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
    }
  else if (len < INLINE_PARSE_LIMIT)
    {
      g_autoptr(GTask) parse = g_task_new (NULL, NULL, NULL, NULL);
      g_autoptr(GError) parse_error = NULL;
      JsonNode *node;

      g_task_set_task_data (parse, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
      parse_thread (parse, NULL, g_task_get_task_data (parse), NULL);
      node = g_task_propagate_pointer (parse, &parse_error);
      finish_with_body (task, node, parse_error);
    }
  else
    {
      g_autoptr(GTask) parse = g_task_new (NULL, g_task_get_cancellable (task), parsed_cb, task);

      g_task_set_source_tag (parse, parse_thread);
      g_task_set_task_data (parse, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
      g_task_run_in_thread (parse, parse_thread);
    }
}

static void
send_attempt (GTask *task)
{
  CivicCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  SoupSession *session;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_clear_object (&req->msg);
  req->msg = soup_message_new (req->method, req->url);
  if (req->msg == NULL)
    {
      return_final_error (task, CIVIC_SYNC_ERROR_INVALID_ARGUMENT, _("The server address is not a valid URL"));
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->auth_header != NULL)
    soup_message_headers_replace (headers, "Authorization", self->auth_header);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);
  else if (!g_str_equal (req->method, "GET") && !g_str_equal (req->method, "HEAD"))
    soup_message_headers_replace (headers, "Content-Type", "application/json");
  g_signal_connect_object (req->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), self, 0);

  session = (req->flags & CIVIC_COUCH_REQUEST_LONGPOLL) ? self->longpoll_session : self->session;
  g_debug ("→ %s %s", req->method, req->path);
  soup_session_send_and_read_async (session, req->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, task);
}

static void
civic_couch_client_finalize (GObject *object)
{
  CivicCouchClient *self = CIVIC_COUCH_CLIENT (object);

  g_free (self->server_url);
  g_free (self->user);
  if (self->auth_header)
    memset (self->auth_header, 0, strlen (self->auth_header));
  g_free (self->auth_header);
  g_free (self->pinned_sha256);
  g_free (self->peer_sha256);
  g_clear_object (&self->session);
  g_clear_object (&self->longpoll_session);

  G_OBJECT_CLASS (civic_couch_client_parent_class)->finalize (object);
}

static void
civic_couch_client_class_init (CivicCouchClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_couch_client_finalize;
}

static void
civic_couch_client_init (CivicCouchClient *self)
{
  self->timeout_s = 30;
  self->max_attempts = 6;
  self->base_delay_ms = 250;
  self->max_delay_ms = 8000;
  self->session = soup_session_new_with_options ("timeout", self->timeout_s,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 6,
                                                 "user-agent", "CivicDesk/" PACKAGE_VERSION,
                                                 NULL);
  /* Long-poll feeds send a heartbeat newline every 30 s, so an I/O
   * time-out of 75 s only fires on a dead connection.
   */
  self->longpoll_session = soup_session_new_with_options ("timeout", 75,
                                                          "idle-timeout", 90,
                                                          "max-conns-per-host", 2,
                                                          "user-agent", "CivicDesk/" PACKAGE_VERSION,
                                                          NULL);
}

CivicCouchClient *
civic_couch_client_new (const char  *server_url,
                        const char  *user,
                        const char  *password,
                        GError     **error)
{
  g_autoptr(CivicCouchClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  g_return_val_if_fail (server_url != NULL, NULL);

  uri = g_uri_parse (server_url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("The server address “%s” is not a valid URL: %s"), server_url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_INVALID_ARGUMENT,
                   _("The server address “%s” must start with http:// or https:// and name a host"), server_url);
      return NULL;
    }

  self = g_object_new (CIVIC_TYPE_COUCH_CLIENT, NULL);
  path = g_strdup (g_uri_get_path (uri));
  while (*path && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  self->server_url = g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                                 g_uri_get_port (uri), path, NULL, NULL);
  self->user = g_strdup (user);
  if (user != NULL && *user != '\0')
    {
      g_autofree char *pair = g_strconcat (user, ":", password ? password : "", NULL);
      g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->auth_header = g_strconcat ("Basic ", b64, NULL);
      memset (pair, 0, strlen (pair));
    }
  return g_steal_pointer (&self);
}

const char *
civic_couch_client_get_server_url (CivicCouchClient *self)
{
  g_return_val_if_fail (CIVIC_IS_COUCH_CLIENT (self), NULL);
  return self->server_url;
}

const char *
civic_couch_client_get_user (CivicCouchClient *self)
{
  g_return_val_if_fail (CIVIC_IS_COUCH_CLIENT (self), NULL);
  return self->user;
}

void
civic_couch_client_set_pinned_certificate (CivicCouchClient *self,
                                           const char       *sha256)
{
  g_return_if_fail (CIVIC_IS_COUCH_CLIENT (self));
  g_clear_pointer (&self->pinned_sha256, g_free);
  if (sha256 != NULL && *sha256 != '\0')
    self->pinned_sha256 = normalize_fingerprint (sha256);
}

const char *
civic_couch_client_get_peer_fingerprint (CivicCouchClient *self)
{
  g_return_val_if_fail (CIVIC_IS_COUCH_CLIENT (self), NULL);
  return self->peer_sha256;
}

void
civic_couch_client_set_timeout (CivicCouchClient *self,
                                guint             seconds)
{
  g_return_if_fail (CIVIC_IS_COUCH_CLIENT (self));
  self->timeout_s = MAX (seconds, 1u);
  g_object_set (self->session, "timeout", self->timeout_s, NULL);
}

void
civic_couch_client_set_retry (CivicCouchClient *self,
                              guint             max_attempts,
                              guint             base_delay_ms,
                              guint             max_delay_ms)
{
  g_return_if_fail (CIVIC_IS_COUCH_CLIENT (self));
  self->max_attempts = MAX (max_attempts, 1u);
  self->base_delay_ms = MAX (base_delay_ms, 1u);
  self->max_delay_ms = MAX (max_delay_ms, self->base_delay_ms);
}

void
civic_couch_client_request_async (CivicCouchClient       *self,
                                  const char             *method,
                                  const char             *path,
                                  GBytes                 *body,
                                  CivicCouchRequestFlags  flags,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (CIVIC_IS_COUCH_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_couch_client_request_async);
  req = g_new0 (Request, 1);
  req->method = g_strdup (method);
  req->path = g_strdup (path);
  req->url = g_strconcat (self->server_url, path, NULL);
  req->body = body ? g_bytes_ref (body) : NULL;
  req->flags = flags;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  send_attempt (task);
}

JsonNode *
civic_couch_client_request_finish (CivicCouchClient  *self,
                                   GAsyncResult      *result,
                                   guint             *status,
                                   GError           **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  if (status)
    *status = req->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} SyncData;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

JsonNode *
civic_couch_client_request (CivicCouchClient       *self,
                            const char             *method,
                            const char             *path,
                            GBytes                 *body,
                            CivicCouchRequestFlags  flags,
                            GCancellable           *cancellable,
                            guint                  *status,
                            GError                **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncData data = { NULL, NULL };
  JsonNode *node;

  g_main_context_push_thread_default (context);
  data.loop = g_main_loop_new (context, FALSE);
  civic_couch_client_request_async (self, method, path, body, flags, cancellable, sync_done_cb, &data);
  g_main_loop_run (data.loop);
  node = civic_couch_client_request_finish (self, data.result, status, error);
  g_object_unref (data.result);
  g_main_loop_unref (data.loop);
  g_main_context_pop_thread_default (context);
  return node;
}

char *
civic_couch_escape (const char *segment)
{
  return g_uri_escape_string (segment, "!$&'()*+,;=:@", FALSE);
}

char *
civic_couch_escape_doc_id (const char *id)
{
  if (g_str_has_prefix (id, "_local/") || g_str_has_prefix (id, "_design/"))
    {
      const char *slash = strchr (id, '/');
      g_autofree char *prefix = g_strndup (id, slash - id + 1);
      g_autofree char *rest = civic_couch_escape (slash + 1);

      return g_strconcat (prefix, rest, NULL);
    }
  return civic_couch_escape (id);
}

char *
civic_couch_seq_to_param (const char *raw_json)
{
  g_autoptr(JsonNode) node = NULL;

  if (raw_json == NULL || *raw_json == '\0')
    return g_strdup ("0");
  node = json_from_string (raw_json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (node), NULL, FALSE);
  /* Numbers (and anything else a server made up) go back as the text it sent. */
  return g_uri_escape_string (raw_json, NULL, FALSE);
}

const char *
civic_couch_error_reason (JsonNode *body)
{
  JsonObject *obj;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;
  obj = json_node_get_object (body);
  if (json_object_has_member (obj, "reason") &&
      json_node_get_value_type (json_object_get_member (obj, "reason")) == G_TYPE_STRING)
    return json_object_get_string_member (obj, "reason");
  if (json_object_has_member (obj, "error") &&
      json_node_get_value_type (json_object_get_member (obj, "error")) == G_TYPE_STRING)
    return json_object_get_string_member (obj, "error");
  return NULL;
}

GBytes *
civic_couch_node_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  gsize len;
  char *text;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  return g_bytes_new_take (text, len);
}
