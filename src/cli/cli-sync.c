/* cli-sync.c — `sync`, `server setup` and `server add-user`
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command that needs a password reads it from $CIVIC_DESK_PASSWORD,
 * else from the keyring (the account the app saved), else from a prompt on
 * the terminal with echo turned off.  Passwords are never printed.
 */

#define G_LOG_DOMAIN "civic-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "civic-account.h"
#include "civic-cli.h"
#include "civic-replicator.h"
#include "civic-server-setup.h"
#include "civic-sync-engine.h"

/* ---- passwords ---------------------------------------------------------- */

static void
scrub (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

typedef char *CivicSecret;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (CivicSecret, scrub, NULL)

/* Reads one line from the terminal without echo; %NULL when there is no
 * terminal.
 */
static char *
prompt_password (const char *prompt)
{
  struct termios old, quiet;
  char buffer[1024];
  FILE *tty = fopen ("/dev/tty", "r+");
  char *line = NULL;
  gboolean have_termios;

  if (tty == NULL)
    return NULL;
  fprintf (tty, "%s", prompt);
  fflush (tty);
  have_termios = tcgetattr (fileno (tty), &old) == 0;
  if (have_termios)
    {
      quiet = old;
      quiet.c_lflag &= ~(ECHO | ECHONL);
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (buffer, sizeof buffer, tty) != NULL)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      line = g_strdup (buffer);
    }
  memset (buffer, 0, sizeof buffer);
  if (have_termios)
    tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fprintf (tty, "\n");
  fclose (tty);
  return line;
}

static char *
get_password (const char *server_url,
              const char *user)
{
  const char *env = g_getenv ("CIVIC_DESK_PASSWORD");
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  char *password;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  password = civic_account_lookup_password (server_url, user, NULL, &error);
  if (password != NULL)
    return password;
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  prompt = g_strdup_printf (_("Password for %s at %s: "), user, server_url);
  return prompt_password (prompt);
}

static char *
read_password_file (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  char *newline;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_NO_PASSWORD,
                   _("The password file %s is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* ---- sync ---------------------------------------------------------------- */

typedef struct {
  GMainLoop       *loop;
  CivicReplicator *replicator;
  gboolean         ok;
  GError          *error;
  gboolean         quiet;
} SyncRun;

static void
print_summary (CivicReplicator *replicator)
{
  g_auto(GStrv) failures = civic_replicator_dup_failures (replicator);

  g_print (_("Docs read: %u\n"), civic_replicator_get_docs_read (replicator));
  g_print (_("Docs written: %u\n"), civic_replicator_get_docs_written (replicator));
  g_print (_("Conflicts: %u (merged automatically: %u)\n"), civic_replicator_get_conflicts (replicator),
           civic_replicator_get_auto_merged (replicator));
  g_print (_("Write failures: %u\n"), civic_replicator_get_doc_write_failures (replicator));
  for (guint i = 0; failures != NULL && failures[i]; i++)
    g_print ("  %s\n", failures[i]);
  if (civic_replicator_get_read_only (replicator))
    g_print (_("This account may only read: nothing was sent to the server.\n"));
}

static void
batch_done_cb (CivicReplicator *replicator,
               gpointer         user_data)
{
  SyncRun *run = user_data;
  double progress = civic_replicator_get_progress (replicator);

  if (run->quiet)
    return;
  if (progress >= 0.0)
    g_print (_("Batch: %u read, %u written (%.0f%%)\n"), civic_replicator_get_docs_read (replicator),
             civic_replicator_get_docs_written (replicator), progress * 100.0);
  else
    g_print (_("Batch: %u read, %u written\n"), civic_replicator_get_docs_read (replicator),
             civic_replicator_get_docs_written (replicator));
  fflush (stdout);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncRun *run = user_data;

  run->ok = civic_replicator_sync_finish (CIVIC_REPLICATOR (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
engine_synced_cb (CivicSyncEngine *engine,
                  gpointer         user_data)
{
  CivicReplicator *replicator = civic_sync_engine_get_replicator (engine);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M:%S");

  g_print (_("%s synced: %u read, %u written, %u conflicts, %u failures\n"), when,
           civic_replicator_get_docs_read (replicator), civic_replicator_get_docs_written (replicator),
           civic_replicator_get_conflicts (replicator), civic_replicator_get_doc_write_failures (replicator));
  fflush (stdout);
}

static void
engine_state_cb (CivicReplicator *replicator,
                 GParamSpec      *pspec,
                 gpointer         user_data)
{
  CivicReplicatorState state = civic_replicator_get_state (replicator);

  if (state == CIVIC_REPLICATOR_STATE_ERROR)
    civic_cli_printerr ("%s", civic_replicator_get_last_error (replicator));
  else if (state == CIVIC_REPLICATOR_STATE_OFFLINE)
    g_print (_("Offline: %s\n"), civic_replicator_get_last_error (replicator)
             ? civic_replicator_get_last_error (replicator) : _("no network"));
}

int
civic_cli_sync (CivicCliContext *ctx,
                int              argc,
                char           **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *trust = NULL;
  gboolean once = FALSE, live = FALSE, save = FALSE, quiet = FALSE;
  int batch_size = 0;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("The organization's database"), N_("NAME") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user name on the server"), N_("NAME") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Pull, push and exit (the default)"), NULL },
    { "live", 0, 0, G_OPTION_ARG_NONE, &live, N_("Keep syncing until interrupted"), NULL },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, N_("Remember the account in this profile and the password in the keyring"), NULL },
    { "trust-certificate", 0, 0, G_OPTION_ARG_STRING, &trust, N_("Trust exactly the server certificate with this SHA-256 fingerprint"), N_("SHA256") },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, N_("Documents per batch (default 1000)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only the summary"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicAccount) stored = NULL;
  g_autoptr(CivicReplicator) replicator = NULL;
  g_auto(CivicSecret) password = NULL;
  CivicStore *store;

  g_option_context_set_summary (options, _("Replicate this profile with a database on a CouchDB server."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return civic_cli_usage_error ("sync", "%s", error->message);
  if (argc > 1)
    return civic_cli_usage_error ("sync", _("unexpected argument “%s”"), argv[1]);
  if (once && live)
    return civic_cli_usage_error ("sync", _("--once and --live exclude each other"));
  if (batch_size < 0 || batch_size > 10000)
    return civic_cli_usage_error ("sync", _("--batch-size must be between 1 and 10000"));

  store = civic_cli_context_open_store (ctx);
  if (store == NULL)
    return CIVIC_CLI_EXIT_FAILURE;

  stored = civic_account_load (store, NULL);
  if (server == NULL && stored != NULL)
    server = g_strdup (stored->server_url);
  if (database == NULL && stored != NULL)
    database = g_strdup (stored->database);
  if (user == NULL && stored != NULL)
    user = g_strdup (stored->user);
  if (trust == NULL && stored != NULL && g_strcmp0 (stored->server_url, server) == 0)
    trust = g_strdup (stored->pinned_certificate);
  if (server == NULL || database == NULL || user == NULL)
    return civic_cli_usage_error ("sync", _("--server, --database and --user are needed (this profile has no saved account)"));

  password = get_password (server, user);
  if (password == NULL)
    {
      civic_cli_printerr (_("No password for %s: set CIVIC_DESK_PASSWORD, save one in the keyring, or run on a terminal"),
                          user);
      return CIVIC_CLI_EXIT_FAILURE;
    }

  replicator = civic_replicator_new (store, server, database, user, password, &error);
  if (replicator == NULL)
    {
      civic_cli_printerr ("%s", error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  if (trust != NULL)
    civic_couch_client_set_pinned_certificate (civic_replicator_get_client (replicator), trust);
  if (batch_size > 0)
    civic_replicator_set_batch_size (replicator, batch_size);

  if (save)
    {
      g_autoptr(CivicAccount) account = civic_account_new (server, database, user);

      account->pinned_certificate = g_strdup (trust);
      account->live = TRUE;
      if (!civic_account_save (store, account, &error))
        {
          civic_cli_printerr (_("Could not save the account: %s"), error->message);
          return CIVIC_CLI_EXIT_FAILURE;
        }
      /* The account is saved; a missing keyring only means the password
       * has to come from the environment or a prompt next time.
       */
      if (!civic_account_store_password (server, user, password, NULL, &error))
        {
          civic_cli_printerr (_("The password was not saved: %s"), error->message);
          g_clear_error (&error);
        }
    }

  if (live)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(CivicSyncEngine) engine = civic_sync_engine_new (replicator);
      guint sigint, sigterm;

      g_signal_connect (engine, "synced", G_CALLBACK (engine_synced_cb), NULL);
      g_signal_connect (replicator, "notify::state", G_CALLBACK (engine_state_cb), NULL);
      sigint = g_unix_signal_add (SIGINT, quit_on_signal_cb, loop);
      sigterm = g_unix_signal_add (SIGTERM, quit_on_signal_cb, loop);
      civic_sync_engine_start (engine);
      g_main_loop_run (loop);
      civic_sync_engine_stop (engine);
      g_source_remove (sigint);
      g_source_remove (sigterm);
      g_print (_("Stopped.\n"));
      return CIVIC_CLI_EXIT_OK;
    }
  else
    {
      SyncRun run = { g_main_loop_new (NULL, FALSE), replicator, FALSE, NULL, quiet };

      g_signal_connect (replicator, "batch-done", G_CALLBACK (batch_done_cb), &run);
      civic_replicator_sync_async (replicator, NULL, sync_done_cb, &run);
      g_main_loop_run (run.loop);
      g_main_loop_unref (run.loop);
      if (!run.ok)
        {
          civic_cli_printerr (_("Sync failed: %s"), run.error->message);
          g_error_free (run.error);
          return CIVIC_CLI_EXIT_FAILURE;
        }
      print_summary (replicator);
      return CIVIC_CLI_EXIT_OK;
    }
}

/* ---- server -------------------------------------------------------------- */

static CivicCouchClient *
admin_client (const char *server,
              const char *admin)
{
  g_autoptr(GError) error = NULL;
  g_auto(CivicSecret) password = get_password (server, admin);
  CivicCouchClient *client;

  if (password == NULL)
    {
      civic_cli_printerr (_("No password for %s: set CIVIC_DESK_PASSWORD or run on a terminal"), admin);
      return NULL;
    }
  client = civic_couch_client_new (server, admin, password, &error);
  if (client == NULL)
    civic_cli_printerr ("%s", error->message);
  return client;
}

static int
server_setup (int    argc,
              char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *admin = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("The organization's database"), N_("NAME") },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("A server admin's user name"), N_("USER") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCouchClient) client = NULL;
  gboolean created = FALSE;

  g_option_context_set_summary (options, _("Create the organization's database, its members and its validate function."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return civic_cli_usage_error ("server setup", "%s", error->message);
  if (argc > 1)
    return civic_cli_usage_error ("server setup", _("unexpected argument “%s”"), argv[1]);
  if (server == NULL || database == NULL || admin == NULL)
    return civic_cli_usage_error ("server setup", _("--server, --database and --admin are needed"));

  client = admin_client (server, admin);
  if (client == NULL)
    return CIVIC_CLI_EXIT_FAILURE;
  if (!civic_server_setup (client, database, &created, NULL, &error))
    {
      civic_cli_printerr (_("Setup failed: %s"), error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  g_print (created ? _("Created the database “%s” on %s.\n") : _("The database “%s” on %s already existed.\n"),
           database, civic_couch_client_get_server_url (client));
  g_print (_("Members: the roles organizer (read and write) and board (read only).\n"));
  g_print (_("Installed the validate function %s.\n"), CIVIC_SERVER_DESIGN_DOC);
  return CIVIC_CLI_EXIT_OK;
}

static int
server_add_user (int    argc,
                 char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *role = NULL;
  g_autofree char *password_file = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("organizer (reads and writes) or board (reads)"), N_("ROLE") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("A server admin's user name"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the new user's password from the first line of FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (_("NAME"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCouchClient) client = NULL;
  g_auto(CivicSecret) password = NULL;
  const char *name;

  g_option_context_set_summary (options, _("Create a user of the organization's database on the server."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return civic_cli_usage_error ("server add-user", "%s", error->message);
  if (argc != 2)
    return civic_cli_usage_error ("server add-user", _("give exactly one user NAME"));
  name = argv[1];
  if (server == NULL || admin == NULL || role == NULL)
    return civic_cli_usage_error ("server add-user", _("--role, --server and --admin are needed"));
  if (g_strcmp0 (role, "organizer") != 0 && g_strcmp0 (role, "board") != 0)
    return civic_cli_usage_error ("server add-user", _("--role must be organizer or board"));

  if (password_file != NULL)
    {
      password = read_password_file (password_file, &error);
      if (password == NULL)
        {
          civic_cli_printerr ("%s", error->message);
          return CIVIC_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      g_autofree char *prompt = g_strdup_printf (_("New password for %s: "), name);
      g_auto(CivicSecret) again = NULL;

      password = prompt_password (prompt);
      if (password == NULL)
        {
          civic_cli_printerr (_("No terminal to ask for %s's password: use --password-file"), name);
          return CIVIC_CLI_EXIT_FAILURE;
        }
      again = prompt_password (_("Repeat the password: "));
      if (g_strcmp0 (password, again) != 0)
        {
          civic_cli_printerr (_("The passwords differ"));
          return CIVIC_CLI_EXIT_FAILURE;
        }
    }

  client = admin_client (server, admin);
  if (client == NULL)
    return CIVIC_CLI_EXIT_FAILURE;
  if (!civic_server_add_user (client, name, password, role, NULL, &error))
    {
      civic_cli_printerr (_("Could not add the user: %s"), error->message);
      return CIVIC_CLI_EXIT_FAILURE;
    }
  g_print (_("The user “%s” (%s) can now sign in to %s.\n"), name, role, civic_couch_client_get_server_url (client));
  return CIVIC_CLI_EXIT_OK;
}

int
civic_cli_server (CivicCliContext *ctx,
                  int              argc,
                  char           **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "setup"))
    return server_setup (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "add-user"))
    return server_add_user (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print (_("Usage:\n"
                 "  civic-desk-cli server setup --server URL --database NAME --admin USER\n"
                 "  civic-desk-cli server add-user NAME --role organizer|board --server URL --admin USER [--password-file FILE]\n"));
      return CIVIC_CLI_EXIT_OK;
    }
  return civic_cli_usage_error ("server", _("expected “setup” or “add-user”"));
}
