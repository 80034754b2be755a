/* civic-file-chooser.c — ask for one file on behalf of a widget
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every import and export starts the same way: a native file chooser over
 * the window, kept alive by hand (GTK 4.8 does not), destroyed after the
 * answer, and a callback that must not run on a page that has gone.
 */

#define G_LOG_DOMAIN "civic-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-file-chooser.h"

typedef struct {
  GWeakRef            owner;
  CivicFileChosenFunc func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Request;

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->owner);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_free (request);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Request         *request)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&request->owner);

  if (response == GTK_RESPONSE_ACCEPT && owner != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        request->func (owner, file, request->user_data);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
civic_choose_file (GtkWidget            *owner,
                   GtkFileChooserAction  action,
                   const char           *title,
                   const char           *accept_label,
                   GtkFileFilter        *filter,
                   const char           *current_name,
                   CivicFileChosenFunc   func,
                   gpointer              user_data,
                   GDestroyNotify        destroy)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (func != NULL);

  root = gtk_widget_get_root (owner);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current_name != NULL && action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  request = g_new0 (Request, 1);
  g_weak_ref_init (&request->owner, owner);
  request->func = func;
  request->user_data = user_data;
  request->destroy = destroy;
  g_signal_connect_data (chooser, "response", G_CALLBACK (response_cb), request,
                         (GClosureNotify) (void (*) (void)) request_free, 0);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkFileFilter *
civic_csv_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  return filter;
}
