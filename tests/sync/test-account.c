/* test-account.c — the profile's sync account and its keyring password
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring test needs a Secret Service on the session bus, which
 * build-aux/test-session provides (gnome-keyring-daemon, unlocked).
 */

#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include "civic-account.h"
#include "civic-json.h"

#include <string.h>

static void
test_account_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicStore) store = civic_store_open (NULL, &error);
  g_autoptr(CivicAccount) account = civic_account_new ("https://couch.example.org", "org", "minji");
  g_autoptr(CivicAccount) loaded = NULL;
  g_autoptr(JsonObject) raw = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  loaded = civic_account_load (store, &error);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  account->pinned_certificate = g_strdup ("ab:cd");
  account->live = FALSE;
  g_assert_true (civic_account_save (store, account, &error));
  g_assert_no_error (error);
  loaded = civic_account_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->server_url, ==, "https://couch.example.org");
  g_assert_cmpstr (loaded->database, ==, "org");
  g_assert_cmpstr (loaded->user, ==, "minji");
  g_assert_cmpstr (loaded->pinned_certificate, ==, "ab:cd");
  g_assert_false (loaded->live);

  /* No password anywhere in the stored document. */
  raw = civic_store_get_local (store, CIVIC_ACCOUNT_LOCAL_ID, &error);
  g_assert_no_error (error);
  text = civic_json_object_to_string (raw);
  g_assert_null (strstr (text, "password"));

  g_assert_true (civic_account_remove (store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, civic_account_free);
  loaded = civic_account_load (store, &error);
  g_assert_null (loaded);
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_NOT_FOUND);
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strdup_printf ("http://127.0.0.1:%u", g_random_int_range (1024, 65535));
  char *password;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus (build-aux/test-session provides one with a keyring)");
      return;
    }

  password = civic_account_lookup_password (server, "minji", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (civic_account_store_password (server, "minji", "s3cret pass", NULL, &error));
  g_assert_no_error (error);
  password = civic_account_lookup_password (server, "minji", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret pass");
  g_free (password);

  /* Another user on the same server has no password. */
  password = civic_account_lookup_password (server, "other", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (civic_account_clear_password (server, "minji", NULL, &error));
  g_assert_no_error (error);
  password = civic_account_lookup_password (server, "minji", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/account/round-trip", test_account_round_trip);
  g_test_add_func ("/sync/account/keyring", test_keyring);
  return g_test_run ();
}
