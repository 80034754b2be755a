/* main.c — civic-desk, the GTK application's entry point
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "civic-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CivicApplication) app = NULL;
  const char *localedir = g_getenv ("CIVIC_DESK_LOCALEDIR");

  /* CIVIC_DESK_LOCALEDIR lets an uninstalled build (build-aux/run) find
   * the catalogs meson compiled into build/po.
   */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  civic_application_prepare_display ();

  app = civic_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
