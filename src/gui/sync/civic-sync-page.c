/* civic-sync-page.c — Preferences → Sync
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-sync-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civic-account.h"
#include "civic-replicator.h"
#include "civic-sync-page.h"

struct _CivicSyncPage
{
  AdwPreferencesPage  parent_instance;

  CivicStore         *store;
  GCancellable       *cancellable;
  CivicReplicator    *testing;
  char               *pinned;       /* SHA-256 the person trusted, or NULL */
  char               *offered;      /* the refused certificate's SHA-256 */

  /* Template children */
  AdwEntryRow        *server_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *user_row;
  AdwEntryRow        *password_row;
  AdwActionRow       *result_row;
  AdwActionRow       *certificate_row;
  GtkSpinner         *spinner;
  GtkWidget          *test_button;
  GtkWidget          *save_button;
};

G_DEFINE_FINAL_TYPE (CivicSyncPage, civic_sync_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACCOUNT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
fields_complete (CivicSyncPage *self)
{
  return *text_of (self->server_row) && *text_of (self->database_row) &&
         *text_of (self->user_row) && *text_of (self->password_row);
}

static void
field_changed_cb (CivicSyncPage *self)
{
  gtk_widget_set_sensitive (self->save_button, fields_complete (self));
  gtk_widget_set_sensitive (self->test_button, fields_complete (self));
}

static void
set_busy (CivicSyncPage *self,
          gboolean       busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->test_button, !busy && fields_complete (self));
}

static char *
format_fingerprint (const char *hex)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; hex[i] && hex[i + 1]; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));
  return g_string_free (out, FALSE);
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CivicSyncPage *self = user_data;
  g_autoptr(CivicSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;
  CivicReplicator *replicator = CIVIC_REPLICATOR (object);

  session = civic_replicator_get_session_finish (replicator, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  set_busy (self, FALSE);

  if (session == NULL)
    {
      adw_action_row_set_subtitle (self->result_row, error->message);
      if (g_error_matches (error, CIVIC_SYNC_ERROR, CIVIC_SYNC_ERROR_TLS) &&
          civic_couch_client_get_peer_fingerprint (civic_replicator_get_client (replicator)) != NULL)
        {
          g_autofree char *shown = NULL;

          g_free (self->offered);
          self->offered = g_strdup (civic_couch_client_get_peer_fingerprint (civic_replicator_get_client (replicator)));
          shown = format_fingerprint (self->offered);
          adw_action_row_set_subtitle (self->certificate_row, shown);
          gtk_widget_set_visible (GTK_WIDGET (self->certificate_row), TRUE);
        }
    }
  else if (session->user == NULL)
    adw_action_row_set_subtitle (self->result_row, _("The server did not accept the user name or password"));
  else
    {
      g_autofree char *roles = session->roles && session->roles[0]
        ? g_strjoinv (", ", session->roles) : g_strdup (_("no roles"));
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Connected to %s %s as %s (%s)%s"),
                              session->server_vendor ? session->server_vendor : _("the server"),
                              session->server_version ? session->server_version : "",
                              session->user, roles,
                              session->can_write ? "" : _(" — read only: this account cannot change anything"));
      adw_action_row_set_subtitle (self->result_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->certificate_row), FALSE);
    }
  g_object_unref (self);
}

static void
test_clicked_cb (CivicSyncPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->testing);
  self->testing = civic_replicator_new (self->store, text_of (self->server_row), text_of (self->database_row),
                                        text_of (self->user_row), text_of (self->password_row), &error);
  if (self->testing == NULL)
    {
      adw_action_row_set_subtitle (self->result_row, error->message);
      return;
    }
  if (self->pinned != NULL)
    civic_couch_client_set_pinned_certificate (civic_replicator_get_client (self->testing), self->pinned);
  civic_couch_client_set_retry (civic_replicator_get_client (self->testing), 2, 250, 1000);
  adw_action_row_set_subtitle (self->result_row, _("Connecting…"));
  set_busy (self, TRUE);
  civic_replicator_get_session_async (self->testing, self->cancellable, session_cb, g_object_ref (self));
}

static void
trust_clicked_cb (CivicSyncPage *self)
{
  if (self->offered == NULL)
    return;
  g_free (self->pinned);
  self->pinned = g_strdup (self->offered);
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_row), FALSE);
  test_clicked_cb (self);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CivicSyncPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!civic_account_store_password_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->result_row, error->message);
      g_object_unref (self);
      return;
    }
  adw_action_row_set_subtitle (self->result_row, _("Saved. Sync starts now."));
  g_signal_emit (self, signals[ACCOUNT_SAVED], 0);
  g_object_unref (self);
}

static void
save_clicked_cb (CivicSyncPage *self)
{
  g_autoptr(CivicAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = civic_account_new (text_of (self->server_row), text_of (self->database_row), text_of (self->user_row));
  account->pinned_certificate = g_strdup (self->pinned);
  account->live = TRUE;
  /* One small _local document: quick enough for the main thread. */
  if (!civic_account_save (self->store, account, &error))
    {
      adw_action_row_set_subtitle (self->result_row, error->message);
      return;
    }
  civic_account_store_password_async (account->server_url, account->user, text_of (self->password_row),
                                      self->cancellable, password_stored_cb, g_object_ref (self));
}

static void
password_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicSyncPage *self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = civic_account_lookup_password_finish (result, &error);

  if (password != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      memset (password, 0, strlen (password));
      g_free (password);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("no password from the keyring: %s", error->message);
  g_object_unref (self);
}

static void
load_account (CivicSyncPage *self)
{
  g_autoptr(CivicAccount) account = civic_account_load (self->store, NULL);

  if (account == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), account->server_url);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), account->database);
  if (account->user != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), account->user);
      civic_account_lookup_password_async (account->server_url, account->user, self->cancellable,
                                           password_found_cb, g_object_ref (self));
    }
  self->pinned = g_strdup (account->pinned_certificate);
}

static void
civic_sync_page_constructed (GObject *object)
{
  CivicSyncPage *self = CIVIC_SYNC_PAGE (object);

  G_OBJECT_CLASS (civic_sync_page_parent_class)->constructed (object);
  if (self->store != NULL)
    load_account (self);
  field_changed_cb (self);
}

static void
civic_sync_page_dispose (GObject *object)
{
  CivicSyncPage *self = CIVIC_SYNC_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_SYNC_PAGE);
  g_clear_object (&self->testing);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (civic_sync_page_parent_class)->dispose (object);
}

static void
civic_sync_page_finalize (GObject *object)
{
  CivicSyncPage *self = CIVIC_SYNC_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->pinned);
  g_free (self->offered);
  G_OBJECT_CLASS (civic_sync_page_parent_class)->finalize (object);
}

static void
civic_sync_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CivicSyncPage *self = CIVIC_SYNC_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CivicSyncPage *self = CIVIC_SYNC_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_page_class_init (CivicSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = civic_sync_page_constructed;
  object_class->dispose = civic_sync_page_dispose;
  object_class->finalize = civic_sync_page_finalize;
  object_class->get_property = civic_sync_page_get_property;
  object_class->set_property = civic_sync_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACCOUNT_SAVED] = g_signal_new ("account-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/civicdesk/CivicDesk/sync/civic-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, database_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncPage, save_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, trust_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
civic_sync_page_init (CivicSyncPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivicSyncPage *
civic_sync_page_new (CivicStore *store)
{
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  return g_object_new (CIVIC_TYPE_SYNC_PAGE, "store", store, NULL);
}
