/* civic-sync-status.c — the header bar's sync indicator
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-sync-status.h"

struct _CivicSyncStatus
{
  GtkWidget        parent_instance;

  CivicReplicator *replicator;
  GSignalGroup    *signals;
  char            *text;

  /* Template children */
  GtkWidget       *button;
  GtkImage        *icon;
  GtkLabel        *label;
};

G_DEFINE_FINAL_TYPE (CivicSyncStatus, civic_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPLICATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
civic_sync_status_describe (CivicReplicatorState   state,
                            double                 progress,
                            GDateTime             *last_synced,
                            const char            *last_error,
                            char                 **icon_name,
                            char                 **text,
                            char                 **tooltip)
{
  switch (state)
    {
    case CIVIC_REPLICATOR_STATE_SYNCING:
      *icon_name = g_strdup ("emblem-synchronizing-symbolic");
      if (progress > 0.0 && progress < 1.0)
        /* TRANSLATORS: the sync indicator while syncing; %.0f%% is the progress */
        *text = g_strdup_printf (_("Syncing %.0f%%"), progress * 100.0);
      else
        *text = g_strdup (_("Syncing…"));
      *tooltip = g_strdup (_("Exchanging changes with the server"));
      break;
    case CIVIC_REPLICATOR_STATE_OFFLINE:
      *icon_name = g_strdup ("network-offline-symbolic");
      *text = g_strdup (_("Offline"));
      *tooltip = last_error
        ? g_strdup_printf (_("%s\nChanges are kept and sent when the server is reachable. Click to try now."), last_error)
        : g_strdup (_("Changes are kept and sent when the network returns."));
      break;
    case CIVIC_REPLICATOR_STATE_ERROR:
      *icon_name = g_strdup ("dialog-warning-symbolic");
      *text = g_strdup (_("Sync Error"));
      *tooltip = g_strdup_printf (_("%s\nClick to try again."), last_error ? last_error : _("Unknown error"));
      break;
    case CIVIC_REPLICATOR_STATE_IDLE:
    default:
      if (last_synced != NULL)
        {
          g_autofree char *time = g_date_time_format (last_synced, "%R");

          *icon_name = g_strdup ("emblem-ok-symbolic");
          /* TRANSLATORS: the sync indicator; %s is a time of day */
          *text = g_strdup_printf (_("Synced %s"), time);
          *tooltip = g_strdup (_("Up to date with the server. Click to sync now."));
        }
      else
        {
          *icon_name = g_strdup ("emblem-synchronizing-symbolic");
          *text = g_strdup (_("Not Synced Yet"));
          *tooltip = g_strdup (_("Click to sync now."));
        }
      break;
    }
}

static void
update (CivicSyncStatus *self)
{
  g_autofree char *icon_name = NULL;
  g_autofree char *tooltip = NULL;
  CivicReplicator *r = self->replicator;

  gtk_widget_set_visible (GTK_WIDGET (self), r != NULL);
  if (r == NULL)
    return;
  g_clear_pointer (&self->text, g_free);
  civic_sync_status_describe (civic_replicator_get_state (r), civic_replicator_get_progress (r),
                              civic_replicator_get_last_synced_at (r), civic_replicator_get_last_error (r),
                              &icon_name, &self->text, &tooltip);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->label, self->text);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
}

static void
replicator_changed_cb (CivicSyncStatus *self)
{
  update (self);
}

/* An error's reason can be a long sentence (it names the server and the
 * request); wrapped, the tooltip stays near the indicator instead of
 * running off the edge of the window.
 */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return FALSE;
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
civic_sync_status_dispose (GObject *object)
{
  CivicSyncStatus *self = CIVIC_SYNC_STATUS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_SYNC_STATUS);
  g_clear_object (&self->signals);
  g_clear_object (&self->replicator);
  G_OBJECT_CLASS (civic_sync_status_parent_class)->dispose (object);
}

static void
civic_sync_status_finalize (GObject *object)
{
  CivicSyncStatus *self = CIVIC_SYNC_STATUS (object);

  g_free (self->text);
  G_OBJECT_CLASS (civic_sync_status_parent_class)->finalize (object);
}

static void
civic_sync_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CivicSyncStatus *self = CIVIC_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_REPLICATOR:
      g_value_set_object (value, self->replicator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CivicSyncStatus *self = CIVIC_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_REPLICATOR:
      civic_sync_status_set_replicator (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_sync_status_class_init (CivicSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_sync_status_dispose;
  object_class->finalize = civic_sync_status_finalize;
  object_class->get_property = civic_sync_status_get_property;
  object_class->set_property = civic_sync_status_set_property;

  properties[PROP_REPLICATOR] =
    g_param_spec_object ("replicator", NULL, NULL, CIVIC_TYPE_REPLICATOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/civicdesk/CivicDesk/sync/civic-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, CivicSyncStatus, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "civic-sync-status");
}

static void
civic_sync_status_init (CivicSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->button, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  self->signals = g_signal_group_new (CIVIC_TYPE_REPLICATOR);
  g_signal_group_connect_swapped (self->signals, "notify::state", G_CALLBACK (replicator_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::progress", G_CALLBACK (replicator_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-synced-at", G_CALLBACK (replicator_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-error", G_CALLBACK (replicator_changed_cb), self);
  update (self);
}

GtkWidget *
civic_sync_status_new (void)
{
  return g_object_new (CIVIC_TYPE_SYNC_STATUS, NULL);
}

void
civic_sync_status_set_replicator (CivicSyncStatus *self,
                                  CivicReplicator *replicator)
{
  g_return_if_fail (CIVIC_IS_SYNC_STATUS (self));
  g_return_if_fail (replicator == NULL || CIVIC_IS_REPLICATOR (replicator));

  if (!g_set_object (&self->replicator, replicator))
    return;
  g_signal_group_set_target (self->signals, replicator);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICATOR]);
}

CivicReplicator *
civic_sync_status_get_replicator (CivicSyncStatus *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_STATUS (self), NULL);
  return self->replicator;
}

const char *
civic_sync_status_get_text (CivicSyncStatus *self)
{
  g_return_val_if_fail (CIVIC_IS_SYNC_STATUS (self), NULL);
  return self->text;
}
