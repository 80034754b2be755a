/* civic-conflicts-window.c — conflicted records and their resolver
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-record.h"
#include "civic-conflict.h"
#include "civic-conflicts-window.h"
#include "civic-json.h"

typedef struct {
  CivicConflictField *field;   /* borrowed from the window's conflict */
  GPtrArray          *checks;  /* GtkCheckButton*, one per version */
  GtkCheckButton     *custom_check;
  AdwEntryRow        *custom_entry;
} FieldUi;

struct _CivicConflictsWindow
{
  AdwWindow       parent_instance;

  CivicStore     *store;
  CivicConflict  *conflict;
  GPtrArray      *field_uis;   /* FieldUi* */
  guint           count;

  /* Template children */
  AdwLeaflet     *leaflet;
  GtkStack       *list_stack;
  GtkListBox     *list;
  AdwWindowTitle *resolver_title;
  GtkWidget      *save_button;
  AdwToastOverlay *toasts;
  GtkBox         *fields_box;
};

G_DEFINE_FINAL_TYPE (CivicConflictsWindow, civic_conflicts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_ui_free (FieldUi *ui)
{
  g_ptr_array_unref (ui->checks);
  g_free (ui);
}

/* A value as a person reads it: strings as they are, the rest as JSON. */
static char *
value_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (*json_node_get_string (node) ? json_node_get_string (node) : _("(empty)"));
  return civic_json_canonical (node);
}

static char *
record_label (CivicStore *store,
              const char *id)
{
  g_autoptr(JsonObject) doc = civic_store_get (store, id, NULL);
  const char *name = NULL;

  if (doc != NULL)
    {
      name = civic_json_object_get_string_or_null (doc, "name");
      if (name == NULL)
        name = civic_json_object_get_string_or_null (doc, "title");
    }
  return g_strdup (name ? name : id);
}

static void
clear_resolver (CivicConflictsWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);
  g_ptr_array_set_size (self->field_uis, 0);
  g_clear_pointer (&self->conflict, civic_conflict_free);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  adw_window_title_set_subtitle (self->resolver_title, NULL);
}

static void
refresh_list (CivicConflictsWindow *self)
{
  g_auto(GStrv) ids = civic_conflict_list (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->count = ids ? g_strv_length (ids) : 0;
  for (guint i = 0; i < self->count; i++)
    {
      g_autofree char *label = record_label (self->store, ids[i]);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ids[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "civic-id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->list_stack, self->count > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* The document type of the conflict shown, for the fields' labels. */
static const char *
conflict_type (CivicConflictsWindow *self)
{
  JsonObject *winner = self->conflict->versions->len > 0 ? g_ptr_array_index (self->conflict->versions, 0) : NULL;
  const char *type = winner != NULL && json_object_has_member (winner, "type")
                     ? json_object_get_string_member_with_default (winner, "type", NULL) : NULL;

  return type != NULL ? type : "";
}

static void
build_field (CivicConflictsWindow *self,
             CivicConflictField   *field)
{
  GtkWidget *group = adw_preferences_group_new ();
  FieldUi *ui = g_new0 (FieldUi, 1);
  GtkCheckButton *first = NULL;
  int preselect = 0;

  ui->field = field;
  ui->checks = g_ptr_array_new ();
  /* The field as the record editors name it ("Email", "이메일"), not its key. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   civic_record_field_label (conflict_type (self), field->name));
  if (field->conflicting)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Changed differently on both sides: choose a value"));
  else
    {
      g_autofree char *merged = civic_json_canonical (field->merged);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Changed on one side only: that change is kept"));
      for (guint i = 0; i < field->values->len; i++)
        {
          JsonNode *value = g_ptr_array_index (field->values, i);
          g_autofree char *text = value ? civic_json_canonical (value) : NULL;

          if ((value == NULL && field->merged == NULL) || (value != NULL && field->merged != NULL &&
                                                           g_str_equal (text, merged)))
            {
              preselect = i;
              break;
            }
        }
    }

  for (guint i = 0; i < field->values->len; i++)
    {
      g_autofree char *title = value_text (g_ptr_array_index (field->values, i));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      subtitle = i == 0
        ? g_strdup_printf (_("Version %u (the current one)"), i + 1)
        : g_strdup_printf (_("Version %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (int) i == preselect);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (ui->checks, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  ui->custom_entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ui->custom_entry), _("Another value"));
  ui->custom_check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (ui->custom_check, first);
  adw_entry_row_add_prefix (ui->custom_entry, GTK_WIDGET (ui->custom_check));
  if (field->ancestor != NULL)
    {
      g_autofree char *before = value_text (field->ancestor);
      g_autofree char *tip = g_strdup_printf (_("Before the conflict: %s"), before);

      gtk_widget_set_tooltip_text (GTK_WIDGET (group), tip);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (ui->custom_entry));
  gtk_box_append (self->fields_box, group);
  g_ptr_array_add (self->field_uis, ui);
}

gboolean
civic_conflicts_window_select (CivicConflictsWindow *self,
                               const char           *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CIVIC_IS_CONFLICTS_WINDOW (self), FALSE);

  clear_resolver (self);
  self->conflict = civic_conflict_load (self->store, id, &error);
  if (self->conflict == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return FALSE;
    }
  label = record_label (self->store, id);
  adw_window_title_set_subtitle (self->resolver_title, label);
  for (guint i = 0; i < self->conflict->fields->len; i++)
    build_field (self, g_ptr_array_index (self->conflict->fields, i));
  if (self->conflict->fields->len == 0)
    {
      GtkWidget *note = gtk_label_new (_("The versions hold the same values; keeping one resolves the conflict."));

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_box_append (self->fields_box, note);
    }
  gtk_widget_set_sensitive (self->save_button, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

gboolean
civic_conflicts_window_choose (CivicConflictsWindow *self,
                               const char           *field,
                               int                   index,
                               const char           *custom)
{
  g_return_val_if_fail (CIVIC_IS_CONFLICTS_WINDOW (self), FALSE);

  for (guint i = 0; i < self->field_uis->len; i++)
    {
      FieldUi *ui = g_ptr_array_index (self->field_uis, i);

      if (!g_str_equal (ui->field->name, field))
        continue;
      if (index < 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (ui->custom_entry), custom ? custom : "");
          gtk_check_button_set_active (ui->custom_check, TRUE);
          return TRUE;
        }
      if ((guint) index >= ui->checks->len)
        return FALSE;
      gtk_check_button_set_active (g_ptr_array_index (ui->checks, index), TRUE);
      return TRUE;
    }
  return FALSE;
}

char *
civic_conflicts_window_save (CivicConflictsWindow  *self,
                             GError               **error)
{
  g_autoptr(JsonObject) choices = json_object_new ();
  char *rev;

  g_return_val_if_fail (CIVIC_IS_CONFLICTS_WINDOW (self), NULL);
  g_return_val_if_fail (self->conflict != NULL, NULL);

  for (guint i = 0; i < self->field_uis->len; i++)
    {
      FieldUi *ui = g_ptr_array_index (self->field_uis, i);
      JsonNode *value = NULL;

      if (gtk_check_button_get_active (ui->custom_check))
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (ui->custom_entry));

          /* JSON when it parses as JSON (numbers, lists), else the text. */
          value = json_from_string (text, NULL);
          if (value == NULL)
            value = json_node_init_string (json_node_alloc (), text);
        }
      else
        for (guint j = 0; j < ui->checks->len; j++)
          if (gtk_check_button_get_active (g_ptr_array_index (ui->checks, j)))
            {
              JsonNode *chosen = g_ptr_array_index (ui->field->values, j);

              /* A field absent from the chosen version is removed (null). */
              value = chosen ? json_node_copy (chosen) : json_node_init_null (json_node_alloc ());
              break;
            }
      if (value != NULL)
        json_object_set_member (choices, ui->field->name, value);
    }

  rev = civic_conflict_resolve (self->store, self->conflict, choices, error);
  if (rev != NULL)
    {
      clear_resolver (self);
      refresh_list (self);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Conflict resolved")));
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
  return rev;
}

static void
save_clicked_cb (CivicConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_conflicts_window_save (self, &error);

  if (rev == NULL && error != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
row_activated_cb (CivicConflictsWindow *self,
                  GtkListBoxRow        *row)
{
  civic_conflicts_window_select (self, g_object_get_data (G_OBJECT (row), "civic-id"));
}

static void
back_clicked_cb (CivicConflictsWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
store_changed_cb (CivicConflictsWindow *self)
{
  refresh_list (self);
}

static void
civic_conflicts_window_constructed (GObject *object)
{
  CivicConflictsWindow *self = CIVIC_CONFLICTS_WINDOW (object);

  G_OBJECT_CLASS (civic_conflicts_window_parent_class)->constructed (object);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  refresh_list (self);
}

static void
civic_conflicts_window_dispose (GObject *object)
{
  CivicConflictsWindow *self = CIVIC_CONFLICTS_WINDOW (object);

  g_clear_pointer (&self->field_uis, g_ptr_array_unref);
  g_clear_pointer (&self->conflict, civic_conflict_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIVIC_TYPE_CONFLICTS_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (civic_conflicts_window_parent_class)->dispose (object);
}

static void
civic_conflicts_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CivicConflictsWindow *self = CIVIC_CONFLICTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_conflicts_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CivicConflictsWindow *self = CIVIC_CONFLICTS_WINDOW (object);

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
civic_conflicts_window_class_init (CivicConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = civic_conflicts_window_constructed;
  object_class->dispose = civic_conflicts_window_dispose;
  object_class->get_property = civic_conflicts_window_get_property;
  object_class->set_property = civic_conflicts_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CIVIC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civicdesk/CivicDesk/sync/civic-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, resolver_title);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, CivicConflictsWindow, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
civic_conflicts_window_init (CivicConflictsWindow *self)
{
  self->field_uis = g_ptr_array_new_with_free_func ((GDestroyNotify) field_ui_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivicConflictsWindow *
civic_conflicts_window_new (CivicStore *store)
{
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  return g_object_new (CIVIC_TYPE_CONFLICTS_WINDOW, "store", store, NULL);
}

guint
civic_conflicts_window_get_count (CivicConflictsWindow *self)
{
  g_return_val_if_fail (CIVIC_IS_CONFLICTS_WINDOW (self), 0);
  return self->count;
}
