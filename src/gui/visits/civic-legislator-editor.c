/* civic-legislator-editor.c — create or edit a legislator by hand
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of domain.md's legislator: name, chamber, state, district,
 * party, offices, staff (with the issues each handles), committees and
 * ids.  Fields the form does not know (links, notes, a newer client's)
 * are kept, since the record is a copy of the whole document.
 */

#define G_LOG_DOMAIN "civic-legislator-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-legislative.h"
#include "civic-legislator.h"
#include "civic-legislator-editor.h"

struct _CivicLegislatorEditor
{
  AdwWindow        parent_instance;

  CivicStore      *store;
  CivicLegislator *legislator;
  GCancellable    *cancellable;
  gboolean         saving;
  char            *error;

  GtkWidget       *save_button;
  GtkLabel        *error_label;
  GHashTable      *field_rows;
  GtkEntry        *name_entry;
  GtkDropDown     *chamber_drop;
  GtkEntry        *state_entry;
  GtkEntry        *district_entry;
  GtkEntry        *party_entry;
  GtkEntry        *committees_entry;
  GtkEntry        *bioguide_entry;
  GtkEntry        *openstates_entry;
  GtkListBox      *offices_box;
  GtkListBox      *staff_box;
};

G_DEFINE_FINAL_TYPE (CivicLegislatorEditor, civic_legislator_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkEntry *
new_entry (const char *placeholder,
           const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, TRUE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  return GTK_ENTRY (entry);
}

static void
add_row (CivicLegislatorEditor *self,
         GtkWidget             *group,
         const char            *title,
         const char            *field,
         GtkWidget             *widget)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_size_request (widget, 140, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (field != NULL)
    g_hash_table_insert (self->field_rows, g_strdup (field), row);
}

static const char *
entry_text (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
}

/* A list row of entries (and an optional drop-down first), with a remove button. */
static GtkWidget *
new_list_row (GtkListBox  *box,
              GtkWidget   *first,
              GtkEntry   **entries,
              guint        n_entries)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_widget_set_hexpand (flow, TRUE);
  if (first != NULL)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), first);
  for (guint i = 0; i < n_entries; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (entries[i]));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (line), flow);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_widget_set_margin_start (line, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (box, row);
  return row;
}

void
civic_legislator_editor_add_office (CivicLegislatorEditor *self,
                                    const char            *kind,
                                    const char            *address,
                                    const char            *phone)
{
  const char * const *kinds = civic_legislator_office_kind_list ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop;
  GtkEntry *entries[2];
  GtkWidget *row;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (labels, civic_legislator_office_kind_get_label (kinds[i]));
    }
  drop = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  for (guint i = 0; kind != NULL && kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), i);
  entries[0] = new_entry (_("Address"), address);
  entries[1] = new_entry (_("Phone"), phone);
  row = new_list_row (self->offices_box, drop, entries, 2);
  g_object_set_data (G_OBJECT (row), "kind", drop);
  g_object_set_data (G_OBJECT (row), "address", entries[0]);
  g_object_set_data (G_OBJECT (row), "phone", entries[1]);
}

void
civic_legislator_editor_add_staffer (CivicLegislatorEditor *self,
                                     const char            *name,
                                     const char            *title,
                                     const char            *email,
                                     const char            *phone,
                                     const char            *issues)
{
  GtkEntry *entries[5] = {
    new_entry (_("Name"), name),
    new_entry (_("Title"), title),
    new_entry (_("E-mail"), email),
    new_entry (_("Phone"), phone),
    new_entry (_("Issues they handle"), issues),
  };
  GtkWidget *row = new_list_row (self->staff_box, NULL, entries, 5);

  g_object_set_data (G_OBJECT (row), "name", entries[0]);
  g_object_set_data (G_OBJECT (row), "title", entries[1]);
  g_object_set_data (G_OBJECT (row), "email", entries[2]);
  g_object_set_data (G_OBJECT (row), "phone", entries[3]);
  g_object_set_data (G_OBJECT (row), "issues", entries[4]);
}

static void
add_office_clicked_cb (GtkButton             *button,
                       CivicLegislatorEditor *self)
{
  civic_legislator_editor_add_office (self, "district", NULL, NULL);
}

static void
add_staffer_clicked_cb (GtkButton             *button,
                        CivicLegislatorEditor *self)
{
  civic_legislator_editor_add_staffer (self, NULL, NULL, NULL, NULL, NULL);
}

static void
set_string_member (JsonObject *object,
                   const char *name,
                   const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",;", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (*part != '\0')
        g_strv_builder_add (builder, part);
    }
  return g_strv_builder_end (builder);
}

static void
store_form (CivicLegislatorEditor *self)
{
  CivicLegislator *legislator = self->legislator;
  g_autoptr(JsonArray) offices = json_array_new ();
  g_autoptr(JsonArray) staff = json_array_new ();
  g_autoptr(JsonObject) ids = NULL;
  g_auto(GStrv) committees = split_list (gtk_editable_get_text (GTK_EDITABLE (self->committees_entry)));
  guint chamber = gtk_drop_down_get_selected (self->chamber_drop);
  JsonObject *old_ids = civic_legislator_get_ids (legislator);

  civic_legislator_set_name (legislator, entry_text (self->name_entry));
  civic_legislator_set_chamber (legislator, chamber != GTK_INVALID_LIST_POSITION
                                            ? civic_legislator_chamber_list ()[chamber] : NULL);
  civic_legislator_set_state (legislator, entry_text (self->state_entry));
  civic_legislator_set_district (legislator, entry_text (self->district_entry));
  civic_legislator_set_party (legislator, entry_text (self->party_entry));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->offices_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *office = json_object_new ();
      guint kind = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "kind"));

      json_object_set_string_member (office, "kind", civic_legislator_office_kind_list ()[kind]);
      set_string_member (office, "address", entry_text (g_object_get_data (G_OBJECT (row), "address")));
      set_string_member (office, "phone", entry_text (g_object_get_data (G_OBJECT (row), "phone")));
      json_array_add_object_element (offices, office);
    }
  civic_legislator_set_offices (legislator, json_array_get_length (offices) > 0 ? offices : NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->staff_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *staffer = json_object_new ();
      g_auto(GStrv) issues = split_list (gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "issues")));

      set_string_member (staffer, "name", entry_text (g_object_get_data (G_OBJECT (row), "name")));
      set_string_member (staffer, "title", entry_text (g_object_get_data (G_OBJECT (row), "title")));
      set_string_member (staffer, "email", entry_text (g_object_get_data (G_OBJECT (row), "email")));
      set_string_member (staffer, "phone", entry_text (g_object_get_data (G_OBJECT (row), "phone")));
      if (issues[0] != NULL)
        {
          JsonArray *array = json_array_new ();
          for (guint i = 0; issues[i] != NULL; i++)
            json_array_add_string_element (array, issues[i]);
          json_object_set_array_member (staffer, "issues", array);
        }
      json_array_add_object_element (staff, staffer);
    }
  civic_legislator_set_staff (legislator, json_array_get_length (staff) > 0 ? staff : NULL);
  civic_legislator_set_committees (legislator, committees[0] != NULL ? (const char * const *) committees : NULL);

  /* Other ids a file may have brought are kept. */
  ids = json_object_new ();
  if (old_ids != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, old_ids);
      while (json_object_iter_next (&iter, &name, &value))
        if (!g_str_equal (name, "bioguide") && !g_str_equal (name, "openstates"))
          json_object_set_member (ids, name, json_node_copy (value));
    }
  set_string_member (ids, "bioguide", entry_text (self->bioguide_entry));
  set_string_member (ids, "openstates", entry_text (self->openstates_entry));
  civic_legislator_set_ids (legislator, json_object_get_size (ids) > 0 ? ids : NULL);
}

static void
show_error (CivicLegislatorEditor *self,
            const GError          *error)
{
  const char *field = civic_record_error_get_field (error);
  GtkWidget *row = field != NULL ? g_hash_table_lookup (self->field_rows, field) : NULL;

  g_free (self->error);
  self->error = g_strdup (field != NULL ? civic_record_error_get_reason (error) : error->message);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->error);
    }
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicLegislatorEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_record_save_finish (CIVIC_RECORD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (rev == NULL)
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, civic_record_get_id (CIVIC_RECORD (source)));
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
civic_legislator_editor_save (CivicLegislatorEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer row;

  g_return_val_if_fail (CIVIC_IS_LEGISLATOR_EDITOR (self), FALSE);

  if (self->saving)
    return FALSE;
  g_clear_pointer (&self->error, g_free);
  g_hash_table_iter_init (&iter, self->field_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      gtk_widget_remove_css_class (row, "error");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  store_form (self);
  if (!civic_record_validate (CIVIC_RECORD (self->legislator), &error))
    {
      show_error (self, error);
      return FALSE;
    }
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  civic_record_save_async (CIVIC_RECORD (self->legislator), self->store, NULL, self->cancellable,
                           save_done_cb, g_object_ref (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  civic_legislator_editor_save (CIVIC_LEGISLATOR_EDITOR (widget));
}

static GtkWidget *
new_list_group (const char *title,
                GtkListBox **out_box,
                GCallback    add_cb,
                gpointer     self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_object (add, "clicked", add_cb, self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  *out_box = GTK_LIST_BOX (box);
  return group;
}

static void
build (CivicLegislatorEditor *self)
{
  CivicLegislator *legislator = self->legislator;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *ids_group = adw_preferences_group_new ();
  GtkStringList *chambers = gtk_string_list_new (NULL);
  const char * const *chamber_ids = civic_legislator_chamber_list ();
  g_auto(GStrv) committees = civic_legislator_dup_committees (legislator);
  g_autofree char *committees_text = committees != NULL ? g_strjoinv (", ", committees) : NULL;
  JsonObject *ids = civic_legislator_get_ids (legislator);
  JsonArray *array;
  GtkWidget *label = gtk_label_new (NULL);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "editor.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);

  self->error_label = GTK_LABEL (label);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (content), label);

  self->name_entry = new_entry (NULL, civic_legislator_get_name (legislator));
  add_row (self, group, _("Name"), "name", GTK_WIDGET (self->name_entry));
  for (guint i = 0; chamber_ids[i] != NULL; i++)
    gtk_string_list_append (chambers, civic_legislator_chamber_get_label (chamber_ids[i]));
  self->chamber_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (chambers), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->chamber_drop), GTK_ALIGN_CENTER);
  for (guint i = 0; chamber_ids[i] != NULL; i++)
    if (g_strcmp0 (chamber_ids[i], civic_legislator_get_chamber (legislator)) == 0)
      gtk_drop_down_set_selected (self->chamber_drop, i);
  add_row (self, group, _("Chamber"), "chamber", GTK_WIDGET (self->chamber_drop));
  self->state_entry = new_entry (_("CA"), civic_legislator_get_state (legislator));
  add_row (self, group, _("State"), "state", GTK_WIDGET (self->state_entry));
  self->district_entry = new_entry (NULL, civic_legislator_get_district (legislator));
  add_row (self, group, _("District"), "district", GTK_WIDGET (self->district_entry));
  self->party_entry = new_entry (_("Democrat"), civic_legislator_get_party (legislator));
  add_row (self, group, _("Party"), "party", GTK_WIDGET (self->party_entry));
  self->committees_entry = new_entry (_("Judiciary, Appropriations"), committees_text);
  add_row (self, group, _("Committees"), "committees", GTK_WIDGET (self->committees_entry));
  gtk_box_append (GTK_BOX (content), group);

  gtk_box_append (GTK_BOX (content), new_list_group (_("Offices"), &self->offices_box,
                                                     G_CALLBACK (add_office_clicked_cb), self));
  g_hash_table_insert (self->field_rows, g_strdup ("offices"), NULL);
  gtk_box_append (GTK_BOX (content), new_list_group (_("Staff"), &self->staff_box,
                                                     G_CALLBACK (add_staffer_clicked_cb), self));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (ids_group), _("Ids"));
  self->bioguide_entry = new_entry (NULL, ids != NULL ? civic_legislative_get_string (ids, "bioguide") : NULL);
  add_row (self, ids_group, _("Bioguide id"), "ids", GTK_WIDGET (self->bioguide_entry));
  self->openstates_entry = new_entry (NULL, ids != NULL ? civic_legislative_get_string (ids, "openstates") : NULL);
  add_row (self, ids_group, _("Open States id"), NULL, GTK_WIDGET (self->openstates_entry));
  gtk_box_append (GTK_BOX (content), ids_group);
  g_hash_table_remove (self->field_rows, "offices");

  array = civic_legislator_get_offices (legislator);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *office = json_array_get_object_element (array, i);
      civic_legislator_editor_add_office (self, civic_legislative_get_string (office, "kind"),
                                          civic_legislative_get_string (office, "address"),
                                          civic_legislative_get_string (office, "phone"));
    }
  array = civic_legislator_get_staff (legislator);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *staffer = json_array_get_object_element (array, i);
      JsonArray *issues = json_object_has_member (staffer, "issues") ? json_object_get_array_member (staffer, "issues") : NULL;
      g_autoptr(GString) issues_text = g_string_new (NULL);

      for (guint j = 0; issues != NULL && j < json_array_get_length (issues); j++)
        g_string_append_printf (issues_text, "%s%s", j > 0 ? ", " : "", json_array_get_string_element (issues, j));
      civic_legislator_editor_add_staffer (self, civic_legislative_get_string (staffer, "name"),
                                           civic_legislative_get_string (staffer, "title"),
                                           civic_legislative_get_string (staffer, "email"),
                                           civic_legislative_get_string (staffer, "phone"),
                                           issues_text->str);
    }

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
civic_legislator_editor_dispose (GObject *object)
{
  CivicLegislatorEditor *self = CIVIC_LEGISLATOR_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->legislator);
  g_clear_pointer (&self->field_rows, g_hash_table_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (civic_legislator_editor_parent_class)->dispose (object);
}

static void
civic_legislator_editor_class_init (CivicLegislatorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_legislator_editor_dispose;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civic_legislator_editor_init (CivicLegislatorEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CivicLegislatorEditor *
civic_legislator_editor_new (CivicStore *store,
                             JsonObject *doc)
{
  CivicLegislatorEditor *self;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);

  self = g_object_new (CIVIC_TYPE_LEGISLATOR_EDITOR,
                       "default-width", 560,
                       "default-height", 720,
                       "title", doc != NULL ? _("Edit Legislator") : _("New Legislator"),
                       NULL);
  self->store = g_object_ref (store);
  if (doc != NULL)
    self->legislator = CIVIC_LEGISLATOR (civic_record_new_from_json (doc, NULL));
  if (self->legislator == NULL)
    self->legislator = civic_legislator_new ();
  build (self);
  return self;
}

void
civic_legislator_editor_set_fields (CivicLegislatorEditor *self,
                                    const char            *name,
                                    const char            *chamber,
                                    const char            *state,
                                    const char            *district,
                                    const char            *party)
{
  const char * const *chambers = civic_legislator_chamber_list ();

  g_return_if_fail (CIVIC_IS_LEGISLATOR_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  for (guint i = 0; chamber != NULL && chambers[i] != NULL; i++)
    if (g_str_equal (chambers[i], chamber))
      gtk_drop_down_set_selected (self->chamber_drop, i);
  gtk_editable_set_text (GTK_EDITABLE (self->state_entry), state != NULL ? state : "");
  gtk_editable_set_text (GTK_EDITABLE (self->district_entry), district != NULL ? district : "");
  gtk_editable_set_text (GTK_EDITABLE (self->party_entry), party != NULL ? party : "");
}

const char *
civic_legislator_editor_get_error (CivicLegislatorEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_LEGISLATOR_EDITOR (self), NULL);

  return self->error;
}
