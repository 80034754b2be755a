/* civic-test-server.c — a real PouchDB Server 4.2.0 for the sync tests
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-test-server"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "civic-couch-client.h"
#include "civic-server-setup.h"
#include "civic-test-server.h"

struct _CivicTestServer
{
  GSubprocess      *process;
  char             *dir;
  char             *url;
  CivicCouchClient *admin;
};

static const char *
source_root (void)
{
  const char *root = g_getenv ("CIVIC_DESK_SOURCE_ROOT");

  return root ? root : ".";
}

gboolean
civic_test_server_can_run (void)
{
  g_autofree char *node = g_find_program_in_path ("node");

  return node != NULL;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
ensure_installed (GError **error)
{
  g_autofree char *dir = g_build_filename (source_root (), "tests", "sync", "server", NULL);
  g_autofree char *setup = g_build_filename (dir, "setup", NULL);
  g_autofree char *bin = g_build_filename (dir, "node_modules", "pouchdb-server", "bin", "pouchdb-server", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "sh", setup, NULL };
  int status = 0;

  if (g_file_test (bin, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "tests/sync/server/setup failed: %s: ", err);
      return FALSE;
    }
  return TRUE;
}

/* A test that fails an assertion aborts without stopping its server; the
 * kernel stops it instead when the test process dies.
 */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

CivicTestServer *
civic_test_server_start (GError **error)
{
  CivicTestServer *server;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *config = NULL;
  g_autofree char *log = NULL;
  g_autofree char *port_text = NULL;
  guint port;

  if (!ensure_installed (error))
    return NULL;

  server = g_new0 (CivicTestServer, 1);
  server->dir = g_dir_make_tmp ("civic-pouchdb-XXXXXX", error);
  if (server->dir == NULL)
    {
      g_free (server);
      return NULL;
    }
  config = g_build_filename (server->dir, "config.json", NULL);
  log = g_build_filename (server->dir, "server.log", NULL);
  if (!g_file_set_contents (config, "{\"admins\":{\"" CIVIC_TEST_ADMIN "\":\"" CIVIC_TEST_ADMIN_PASSWORD "\"},"
                                    "\"log\":{\"file\":\"./log.txt\"}}", -1, error))
    return NULL;

  bin = g_build_filename (source_root (), "tests", "sync", "server", "node_modules", "pouchdb-server", "bin",
                          "pouchdb-server", NULL);
  port = free_port ();
  port_text = g_strdup_printf ("%u", port);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_cwd (launcher, server->dir);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, error, "node", bin, "--in-memory",
                                                 "--port", port_text, "--host", "127.0.0.1",
                                                 "-c", config, NULL);
  if (server->process == NULL)
    return NULL;
  server->url = g_strdup_printf ("http://127.0.0.1:%u", port);
  server->admin = civic_couch_client_new (server->url, CIVIC_TEST_ADMIN, CIVIC_TEST_ADMIN_PASSWORD, error);
  civic_couch_client_set_retry (server->admin, 1, 10, 10);
  civic_couch_client_set_timeout (server->admin, 10);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GError) local_error = NULL;
      guint status = 0;

      answer = civic_couch_client_request (server->admin, "GET", "/_session", NULL,
                                           CIVIC_COUCH_REQUEST_NO_RETRY, NULL, &status, &local_error);
      if (status == 200)
        {
          civic_couch_client_set_retry (server->admin, 6, 100, 2000);
          return server;
        }
      if (g_subprocess_get_identifier (server->process) == NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "PouchDB Server did not start on %s (log in %s)",
               server->url, log);
  return NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
civic_test_server_stop (CivicTestServer *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  g_clear_object (&server->admin);
  if (server->dir != NULL && g_getenv ("CIVIC_TEST_KEEP_SERVER_DIR") == NULL)
    remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->url);
  g_free (server);
}

const char *
civic_test_server_get_url (CivicTestServer *server)
{
  return server->url;
}

GPid
civic_test_server_get_pid (CivicTestServer *server)
{
  const char *id = g_subprocess_get_identifier (server->process);

  return id ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

JsonNode *
civic_test_server_request (CivicTestServer *server,
                           const char      *user,
                           const char      *password,
                           const char      *method,
                           const char      *path,
                           const char      *body,
                           guint           *status)
{
  g_autoptr(CivicCouchClient) other = NULL;
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(GError) error = NULL;
  CivicCouchClient *client = server->admin;
  JsonNode *answer;

  if (user != NULL)
    {
      other = civic_couch_client_new (server->url, user, password, &error);
      g_assert_no_error (error);
      client = other;
    }
  answer = civic_couch_client_request (client, method, path, bytes, CIVIC_COUCH_REQUEST_AUTH_STATUS,
                                       NULL, status, &error);
  g_assert_no_error (error);
  return answer;
}

void
civic_test_server_create_db (CivicTestServer *server,
                             const char      *name,
                             gboolean         secured)
{
  g_autoptr(GError) error = NULL;

  if (secured)
    {
      gboolean created = FALSE;

      g_assert_true (civic_server_setup (server->admin, name, &created, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (created);
    }
  else
    {
      g_autofree char *path = g_strconcat ("/", name, NULL);
      g_autoptr(JsonNode) answer = NULL;
      guint status = 0;

      answer = civic_test_server_request (server, NULL, NULL, "PUT", path, NULL, &status);
      g_assert_cmpuint (status, ==, 201);
    }
}

void
civic_test_server_add_user (CivicTestServer *server,
                            const char      *name,
                            const char      *password,
                            const char      *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (civic_server_add_user (server->admin, name, password, role, NULL, &error));
  g_assert_no_error (error);
}

char *
civic_test_server_new_db_name (void)
{
  static guint counter;

  return g_strdup_printf ("civic-test-%u-%u", (guint) getpid (), ++counter);
}
