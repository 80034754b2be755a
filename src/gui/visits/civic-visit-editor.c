/* civic-visit-editor.c — log a visit, or debrief one in the hallway right after it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form holds every field of a visit (domain.md).  In debrief mode the
 * same sections are ordered for someone standing in a hallway with a
 * phone-sized window: what the office said (position, commitments) and
 * what the organization promised (follow-ups) first, everything else under
 * an expander.  The editor fills a copy of the visit from its widgets, lets
 * the domain validate it, marks a failing field in place with the reason,
 * and saves in a thread (civic_record_save_async).
 */

#define G_LOG_DOMAIN "civic-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-legislative.h"
#include "civic-record.h"
#include "civic-visit-editor.h"

struct _CivicVisitEditor
{
  AdwWindow             parent_instance;

  CivicStore           *store;
  CivicVisit           *visit;
  gboolean              debrief;
  gboolean              read_only;
  gboolean              saving;
  GCancellable         *cancellable;

  GPtrArray            *legislators;
  GPtrArray            *campaigns;
  GPtrArray            *lobby_days;
  GPtrArray            *offices;
  GHashTable           *volunteer_names;
  CivicVolunteerSearch *search;

  GtkStringList        *owner_names;
  GPtrArray            *owner_ids;     /* char*, parallel to owner_names; "" first */
  GtkStringList        *staff_names;

  GHashTable           *field_rows;    /* JSON field → GtkWidget row */
  GHashTable           *field_errors;  /* JSON field → reason shown */

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *save_button;
  GtkLabel             *error_label;

  GtkDropDown          *legislator_drop;
  GtkEntry             *date_entry;
  GtkEntry             *time_entry;
  GtkDropDown          *format_drop;
  GtkDropDown          *met_drop;
  GtkDropDown          *staffer_drop;
  GtkWidget            *staffer_row;
  GtkEntry             *issues_entry;
  GtkEntry             *bills_entry;
  GtkTextView          *ask_view;
  GtkDropDown          *position_drop;
  GtkTextView          *commitments_view;
  GtkTextView          *notes_view;
  GtkDropDown          *campaign_drop;
  GtkDropDown          *event_drop;
  GtkDropDown          *office_drop;
  GtkEntry             *room_entry;
  GtkListBox           *attendees_box;
  GtkSearchEntry       *attendee_search;
  GtkListBox           *attendee_results;
  GtkListBox           *follow_ups_box;
};

G_DEFINE_FINAL_TYPE (CivicVisitEditor, civic_visit_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_owners (CivicVisitEditor *self);

/* ---- Small helpers ------------------------------------------------------ */

static const char *
doc_string (JsonObject *doc,
            const char *name)
{
  return doc != NULL ? civic_legislative_get_string (doc, name) : NULL;
}

static GtkStringList *
string_list_from_labels (const char * const *ids,
                         const char *      (*label) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (list, label (ids[i]));
  return list;
}

static GtkDropDown *
new_drop_down (GListModel *model)
{
  GtkWidget *drop = gtk_drop_down_new (model, NULL);

  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (drop, FALSE);
  return GTK_DROP_DOWN (drop);
}

/* A drop-down over documents: "None" first when @none is given, then each
 * document's @name_field.
 */
static GtkDropDown *
new_document_drop_down (GPtrArray  *docs,
                        const char *name_field,
                        const char *none)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (none != NULL)
    gtk_string_list_append (list, none);
  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      const char *name = doc_string (g_ptr_array_index (docs, i), name_field);
      gtk_string_list_append (list, name != NULL ? name : doc_string (g_ptr_array_index (docs, i), "_id"));
    }
  return new_drop_down (G_LIST_MODEL (list));
}

static int
find_document (GPtrArray  *docs,
               const char *id)
{
  for (guint i = 0; id != NULL && docs != NULL && i < docs->len; i++)
    if (g_strcmp0 (doc_string (g_ptr_array_index (docs, i), "_id"), id) == 0)
      return i;
  return -1;
}

static int
find_in_strv (const char * const *list,
              const char         *value)
{
  for (guint i = 0; value != NULL && list[i] != NULL; i++)
    if (g_str_equal (list[i], value))
      return i;
  return -1;
}

static GtkEntry *
new_entry (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, TRUE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  return GTK_ENTRY (entry);
}

static GtkWidget *
add_row (CivicVisitEditor *self,
         GtkWidget        *group,
         const char       *title,
         const char       *field,
         GtkWidget        *widget)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (widget != NULL)
    {
      if (GTK_IS_ENTRY (widget))
        gtk_widget_set_size_request (widget, 120, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (field != NULL)
    g_hash_table_insert (self->field_rows, g_strdup (field), row);
  return row;
}

static GtkTextView *
add_text (CivicVisitEditor *self,
          GtkWidget        *group,
          const char       *title,
          const char       *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  if (field != NULL)
    g_hash_table_insert (self->field_rows, g_strdup (field), frame);
  return GTK_TEXT_VIEW (view);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
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

static JsonObject *
selected_legislator (CivicVisitEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->legislator_drop);

  /* Position 0 is "Choose a legislator". */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->legislators->len)
    return NULL;
  return g_ptr_array_index (self->legislators, selected - 1);
}

static const char *
volunteer_name (CivicVisitEditor *self,
                const char       *id)
{
  const char *name = self->volunteer_names != NULL ? g_hash_table_lookup (self->volunteer_names, id) : NULL;
  return name != NULL ? name : id;
}

/* ---- Errors in place ---------------------------------------------------- */

static void
clear_errors (CivicVisitEditor *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->field_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      gtk_widget_remove_css_class (row, "error");
      if (ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_remove_css_class (child, "error");
  g_hash_table_remove_all (self->field_errors);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_field_error (CivicVisitEditor *self,
                  const char       *field,
                  int               index,
                  const char       *reason)
{
  GtkWidget *row = field != NULL ? g_hash_table_lookup (self->field_rows, field) : NULL;

  g_hash_table_insert (self->field_errors, g_strdup (field != NULL ? field : ""), g_strdup (reason));

  if (g_strcmp0 (field, "follow_ups") == 0 && index >= 0)
    {
      GtkListBoxRow *item = gtk_list_box_get_row_at_index (self->follow_ups_box, index);
      if (item != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (item), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (item), reason);
        }
    }

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      if (ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
    }

  /* The label at the top repeats the reason, since the field may be out of
   * sight (or under the debrief's expander).
   */
  gtk_label_set_text (self->error_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
show_error (CivicVisitEditor *self,
            const GError     *error)
{
  const char *field = civic_record_error_get_field (error);

  if (field != NULL)
    {
      g_autofree char *reason = NULL;
      int index = civic_record_error_get_index (error);

      if (index >= 0 && (g_str_equal (field, "follow_ups") || g_str_equal (field, "attendees")))
        /* Translators: %u is the position in a list (1 for the first), %s the reason. */
        reason = g_strdup_printf (_("Item %u: %s"), (guint) index + 1, civic_record_error_get_reason (error));
      else
        reason = g_strdup (civic_record_error_get_reason (error));
      show_field_error (self, field, index, reason);
    }
  else
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* ---- Attendees ---------------------------------------------------------- */

static void
remove_row_clicked_cb (GtkButton        *button,
                       CivicVisitEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *box = gtk_widget_get_parent (row);

  gtk_list_box_remove (GTK_LIST_BOX (box), row);
  if (box == GTK_WIDGET (self->attendees_box))
    rebuild_owners (self);
}

static GtkWidget *
new_remove_button (CivicVisitEditor *self,
                   const char       *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_row_clicked_cb), self, 0);
  return button;
}

void
civic_visit_editor_add_attendee (CivicVisitEditor *self,
                                 const char       *volunteer_id,
                                 const char       *role,
                                 gboolean          constituent)
{
  const char * const *roles = civic_visit_attendee_role_list ();
  GtkWidget *row, *role_drop, *check;
  g_autoptr(GtkStringList) role_labels = NULL;
  GtkStringList *labels;
  int role_index;

  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));
  g_return_if_fail (volunteer_id != NULL);

  /* Each volunteer is on a visit once. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "volunteer-id"), volunteer_id) == 0)
      return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), volunteer_name (self, volunteer_id));
  g_object_set_data_full (G_OBJECT (row), "volunteer-id", g_strdup (volunteer_id), g_free);

  labels = gtk_string_list_new (NULL);
  gtk_string_list_append (labels, _("No role"));
  for (guint i = 0; roles[i] != NULL; i++)
    gtk_string_list_append (labels, civic_visit_attendee_role_get_label (roles[i]));
  role_drop = GTK_WIDGET (new_drop_down (G_LIST_MODEL (labels)));
  role_index = find_in_strv (roles, role);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_drop), role_index >= 0 ? (guint) role_index + 1 : 0);
  gtk_widget_set_tooltip_text (role_drop, _("Role"));
  g_object_set_data (G_OBJECT (row), "role", role_drop);

  check = gtk_check_button_new_with_label (_("Constituent"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), constituent);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (row), "constituent", check);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_drop);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_remove_button (self, _("Remove from the team")));
  gtk_list_box_append (self->attendees_box, row);
  rebuild_owners (self);
}

static void
attendee_search_changed_cb (GtkSearchEntry   *entry,
                            CivicVisitEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_auto(GStrv) ids = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attendee_results))) != NULL)
    gtk_list_box_remove (self->attendee_results, child);

  if (self->search == NULL || text == NULL || *text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->attendee_results), FALSE);
      return;
    }

  ids = civic_volunteer_search_query (self->search, text, NULL, 8);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), volunteer_name (self, ids[i]));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "volunteer-id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (self->attendee_results, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attendee_results), ids != NULL && ids[0] != NULL);
}

static void
attendee_result_activated_cb (GtkListBox       *box,
                              GtkListBoxRow    *row,
                              CivicVisitEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "volunteer-id");

  civic_visit_editor_add_attendee (self, id, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->attendee_search), "");
}

/* ---- Follow-ups --------------------------------------------------------- */

static void
owner_selected_cb (GtkDropDown      *drop,
                   GParamSpec       *pspec,
                   CivicVisitEditor *self)
{
  guint selected = gtk_drop_down_get_selected (drop);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (drop), GTK_TYPE_LIST_BOX_ROW);

  /* While the owner list is rebuilt the selection passes through other
   * values; the row's owner is only what a person (or the rebuild) chose.
   */
  if (g_object_get_data (G_OBJECT (self), "rebuilding") != NULL || row == NULL)
    return;
  if (selected < self->owner_ids->len)
    g_object_set_data_full (G_OBJECT (row), "owner-id",
                            g_strdup (g_ptr_array_index (self->owner_ids, selected)), g_free);
}

static void
select_owner (CivicVisitEditor *self,
              GtkWidget        *row)
{
  const char *owner = g_object_get_data (G_OBJECT (row), "owner-id");
  GtkDropDown *drop = g_object_get_data (G_OBJECT (row), "owner");
  guint position = 0;

  for (guint i = 0; owner != NULL && i < self->owner_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->owner_ids, i), owner))
      position = i;
  gtk_drop_down_set_selected (drop, position);
}

/* The owners offered: the visit's team, then the legislator's staff, then
 * an owner that a follow-up already names but neither list has (a
 * volunteer who was not on the visit, say), so no owner is lost.
 */
static void
rebuild_owners (CivicVisitEditor *self)
{
  JsonObject *legislator = selected_legislator (self);
  JsonArray *staff = legislator != NULL && json_object_has_member (legislator, "staff")
                     ? json_object_get_array_member (legislator, "staff") : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) staff_builder = g_strv_builder_new ();
  g_auto(GStrv) staff_names = NULL;
  guint n_old;

  g_ptr_array_set_size (self->owner_ids, 0);
  g_ptr_array_add (self->owner_ids, g_strdup (""));
  g_ptr_array_add (names, g_strdup (_("Nobody yet")));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *id = g_object_get_data (G_OBJECT (child), "volunteer-id");
      g_ptr_array_add (self->owner_ids, g_strdup (id));
      g_ptr_array_add (names, g_strdup (volunteer_name (self, id)));
    }

  for (guint i = 0; staff != NULL && i < json_array_get_length (staff); i++)
    {
      JsonNode *node = json_array_get_element (staff, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
                         ? doc_string (json_node_get_object (node), "name") : NULL;
      const char *title = JSON_NODE_HOLDS_OBJECT (node)
                          ? doc_string (json_node_get_object (node), "title") : NULL;
      if (name == NULL)
        continue;
      g_strv_builder_add (staff_builder, name);
      g_ptr_array_add (self->owner_ids, g_strdup (name));
      g_ptr_array_add (names, title != NULL ? g_strdup_printf ("%s (%s)", name, title) : g_strdup (name));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *owner = g_object_get_data (G_OBJECT (child), "owner-id");
      gboolean known = FALSE;

      if (owner == NULL || *owner == '\0')
        continue;
      for (guint i = 0; i < self->owner_ids->len && !known; i++)
        known = g_str_equal (g_ptr_array_index (self->owner_ids, i), owner);
      if (!known)
        {
          g_ptr_array_add (self->owner_ids, g_strdup (owner));
          g_ptr_array_add (names, g_strdup (g_str_has_prefix (owner, "volunteer:")
                                            ? volunteer_name (self, owner) : owner));
        }
    }
  g_ptr_array_add (names, NULL);

  g_object_set_data (G_OBJECT (self), "rebuilding", GINT_TO_POINTER (1));
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->owner_names));
  gtk_string_list_splice (self->owner_names, 0, n_old, (const char * const *) names->pdata);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    select_owner (self, child);
  g_object_set_data (G_OBJECT (self), "rebuilding", NULL);

  /* The staffer chooser follows the legislator too. */
  staff_names = g_strv_builder_end (staff_builder);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->staff_names));
  gtk_string_list_splice (self->staff_names, 0, n_old, (const char * const *) staff_names);
}

void
civic_visit_editor_add_follow_up (CivicVisitEditor *self,
                                  const char       *task,
                                  const char       *owner_id,
                                  const char       *due_on)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkEntry *task_entry = new_entry (_("What was promised"));
  GtkEntry *due_entry = new_entry (_("Due (YYYY-MM-DD)"));
  GtkDropDown *owner = new_drop_down (G_LIST_MODEL (g_object_ref (self->owner_names)));

  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (task_entry), task != NULL ? task : "");
  gtk_editable_set_text (GTK_EDITABLE (due_entry), due_on != NULL ? due_on : "");
  gtk_widget_set_hexpand (GTK_WIDGET (owner), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (owner), _("Owner"));
  gtk_editable_set_width_chars (GTK_EDITABLE (due_entry), 11);
  gtk_widget_set_hexpand (GTK_WIDGET (due_entry), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (task_entry));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (owner));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (due_entry));
  gtk_box_append (GTK_BOX (line), new_remove_button (self, _("Remove the follow-up")));
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "task", task_entry);
  g_object_set_data (G_OBJECT (row), "due", due_entry);
  g_object_set_data (G_OBJECT (row), "owner", owner);
  g_object_set_data_full (G_OBJECT (row), "owner-id", g_strdup (owner_id), g_free);
  gtk_list_box_append (self->follow_ups_box, row);
  rebuild_owners (self);
  g_signal_connect_object (owner, "notify::selected", G_CALLBACK (owner_selected_cb), self, 0);
}

static void
add_follow_up_clicked_cb (GtkButton        *button,
                          CivicVisitEditor *self)
{
  civic_visit_editor_add_follow_up (self, NULL, NULL, NULL);
}

/* ---- Form ↔ visit ------------------------------------------------------- */

static void
legislator_selected_cb (GtkDropDown      *drop,
                        GParamSpec       *pspec,
                        CivicVisitEditor *self)
{
  rebuild_owners (self);
}

static void
met_with_selected_cb (GtkDropDown      *drop,
                      GParamSpec       *pspec,
                      CivicVisitEditor *self)
{
  gtk_widget_set_sensitive (self->staffer_row, gtk_drop_down_get_selected (drop) == 1);
}

static void
set_drop_by_document (GtkDropDown *drop,
                      GPtrArray   *docs,
                      const char  *id)
{
  int index = find_document (docs, id);
  gtk_drop_down_set_selected (drop, index >= 0 ? (guint) index + 1 : 0);
}

static void
load_visit (CivicVisitEditor *self)
{
  CivicVisit *visit = self->visit;
  g_autoptr(GDateTime) when = civic_record_dup_datetime (CIVIC_RECORD (visit), "occurs_at");
  JsonObject *met_with = civic_visit_get_met_with (visit);
  JsonArray *attendees = civic_visit_get_attendees (visit);
  JsonArray *follow_ups = civic_visit_get_follow_ups (visit);
  g_auto(GStrv) issues = civic_visit_dup_issues (visit);
  g_auto(GStrv) bills = civic_visit_dup_bills (visit);
  g_autofree char *issues_text = issues != NULL ? g_strjoinv (", ", issues) : NULL;
  g_autofree char *bills_text = bills != NULL ? g_strjoinv (", ", bills) : NULL;
  int index;

  set_drop_by_document (self->legislator_drop, self->legislators, civic_visit_get_legislator_id (visit));

  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
    }

  index = find_in_strv (civic_visit_format_list (), civic_visit_get_format (visit));
  gtk_drop_down_set_selected (self->format_drop, index >= 0 ? (guint) index + 1 : 0);

  if (met_with != NULL && g_strcmp0 (doc_string (met_with, "kind"), "staff") == 0)
    gtk_drop_down_set_selected (self->met_drop, 1);

  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonNode *node = json_array_get_element (attendees, i);
      JsonObject *attendee = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      if (attendee == NULL || doc_string (attendee, "volunteer_id") == NULL)
        continue;
      civic_visit_editor_add_attendee (self, doc_string (attendee, "volunteer_id"),
                                       doc_string (attendee, "role"),
                                       json_object_get_boolean_member_with_default (attendee, "constituent", FALSE));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->issues_entry), issues_text != NULL ? issues_text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bills_entry), bills_text != NULL ? bills_text : "");
  text_view_set (self->ask_view, civic_visit_get_ask (visit));
  civic_visit_editor_set_position (self, civic_visit_get_position (visit));
  text_view_set (self->commitments_view, civic_visit_get_commitments (visit));
  text_view_set (self->notes_view, civic_visit_get_notes (visit));

  for (guint i = 0; follow_ups != NULL && i < json_array_get_length (follow_ups); i++)
    {
      JsonNode *node = json_array_get_element (follow_ups, i);
      JsonObject *follow_up = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      GtkListBoxRow *row;

      if (follow_up == NULL)
        continue;
      civic_visit_editor_add_follow_up (self, doc_string (follow_up, "task"),
                                        doc_string (follow_up, "owner_id"),
                                        doc_string (follow_up, "due_on"));
      /* done_at is not edited here (the follow-ups list marks it), but it
       * must survive an edit of the visit.
       */
      row = gtk_list_box_get_row_at_index (self->follow_ups_box, i);
      if (row != NULL && doc_string (follow_up, "done_at") != NULL)
        g_object_set_data_full (G_OBJECT (row), "done-at", g_strdup (doc_string (follow_up, "done_at")), g_free);
    }

  set_drop_by_document (self->campaign_drop, self->campaigns, civic_visit_get_campaign_id (visit));
  set_drop_by_document (self->event_drop, self->lobby_days, civic_visit_get_event_id (visit));
  set_drop_by_document (self->office_drop, self->offices, civic_visit_get_office_id (visit));
  gtk_editable_set_text (GTK_EDITABLE (self->room_entry),
                         civic_record_get_string (CIVIC_RECORD (visit), "room") != NULL
                         ? civic_record_get_string (CIVIC_RECORD (visit), "room") : "");

  /* The staffer last, once the legislator's staff is in the chooser. */
  rebuild_owners (self);
  if (met_with != NULL && doc_string (met_with, "name") != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->staff_names));
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (self->staff_names, i), doc_string (met_with, "name")) == 0)
          gtk_drop_down_set_selected (self->staffer_drop, i);
    }
}

static const char *
selected_document_id (GtkDropDown *drop,
                      GPtrArray   *docs)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > docs->len)
    return NULL;
  return doc_string (g_ptr_array_index (docs, selected - 1), "_id");
}

/* Fills self->visit from the form.  FALSE (and the error shown) when a
 * value cannot even be read, such as a date that is not a date.
 */
static gboolean
store_form (CivicVisitEditor *self)
{
  CivicVisit *visit = self->visit;
  CivicRecord *record = CIVIC_RECORD (visit);
  JsonObject *legislator = selected_legislator (self);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
  guint format = gtk_drop_down_get_selected (self->format_drop);
  g_autoptr(JsonArray) attendees = json_array_new ();
  g_autoptr(JsonArray) follow_ups = json_array_new ();
  JsonArray *old_follow_ups = civic_visit_get_follow_ups (visit);
  g_auto(GStrv) issues = split_list (gtk_editable_get_text (GTK_EDITABLE (self->issues_entry)));
  g_auto(GStrv) bills = split_list (gtk_editable_get_text (GTK_EDITABLE (self->bills_entry)));
  g_autofree char *ask = text_view_get (self->ask_view);
  g_autofree char *commitments = text_view_get (self->commitments_view);
  g_autofree char *notes = text_view_get (self->notes_view);
  const char * const *positions = civic_visit_position_list ();
  const char * const *roles = civic_visit_attendee_role_list ();
  guint position = gtk_drop_down_get_selected (self->position_drop);
  const char *room = gtk_editable_get_text (GTK_EDITABLE (self->room_entry));
  guint index = 0;

  civic_visit_set_legislator_id (visit, legislator != NULL ? doc_string (legislator, "_id") : NULL);

  if (*date == '\0')
    civic_visit_set_occurs_at (visit, NULL);
  else
    {
      int y, mo, d, h = 0, mi = 0;
      g_autoptr(GDateTime) when = NULL;

      if (sscanf (date, "%d-%d-%d", &y, &mo, &d) == 3
          && (*time == '\0' || sscanf (time, "%d:%d", &h, &mi) == 2))
        when = g_date_time_new_local (y, mo, d, h, mi, 0);
      if (when == NULL)
        {
          show_field_error (self, "occurs_at", -1, _("Write the date as YYYY-MM-DD and the time as HH:MM"));
          return FALSE;
        }
      {
        g_autofree char *instant = civic_format_instant (when);
        civic_visit_set_occurs_at (visit, instant);
      }
    }

  civic_visit_set_format (visit, format > 0 && format != GTK_INVALID_LIST_POSITION
                                 ? civic_visit_format_list ()[format - 1] : NULL);

  {
    g_autoptr(JsonObject) met_with = json_object_new ();
    gboolean staff = gtk_drop_down_get_selected (self->met_drop) == 1;
    GtkStringObject *staffer = gtk_drop_down_get_selected_item (self->staffer_drop);

    json_object_set_string_member (met_with, "kind", staff ? "staff" : "member");
    if (staff && staffer != NULL)
      json_object_set_string_member (met_with, "name", gtk_string_object_get_string (staffer));
    civic_visit_set_met_with (visit, met_with);
  }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      JsonObject *attendee = json_object_new ();
      guint role = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (child), "role"));

      json_object_set_string_member (attendee, "volunteer_id", g_object_get_data (G_OBJECT (child), "volunteer-id"));
      if (role > 0 && role != GTK_INVALID_LIST_POSITION)
        json_object_set_string_member (attendee, "role", roles[role - 1]);
      json_object_set_boolean_member (attendee, "constituent",
                                      gtk_check_button_get_active (g_object_get_data (G_OBJECT (child), "constituent")));
      json_array_add_object_element (attendees, attendee);
    }
  civic_visit_set_attendees (visit, attendees);

  civic_visit_set_issues (visit, (const char * const *) issues);
  civic_visit_set_bills (visit, (const char * const *) bills);
  civic_visit_set_ask (visit, *ask != '\0' ? ask : NULL);
  civic_visit_set_position (visit, position != GTK_INVALID_LIST_POSITION ? positions[position] : "unknown");
  civic_visit_set_commitments (visit, *commitments != '\0' ? commitments : NULL);
  civic_visit_set_notes (visit, *notes != '\0' ? notes : NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child), index++)
    {
      JsonObject *follow_up = json_object_new ();
      const char *task = gtk_editable_get_text (g_object_get_data (G_OBJECT (child), "task"));
      const char *due = gtk_editable_get_text (g_object_get_data (G_OBJECT (child), "due"));
      const char *owner = g_object_get_data (G_OBJECT (child), "owner-id");
      const char *done_at = g_object_get_data (G_OBJECT (child), "done-at");
      g_autofree char *task_text = g_strstrip (g_strdup (task));

      /* Keep whatever else an older follow-up carried (fields of a newer
       * client) when it is still at its place.
       */
      if (old_follow_ups != NULL && index < json_array_get_length (old_follow_ups)
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (old_follow_ups, index)))
        {
          JsonObject *old = json_array_get_object_element (old_follow_ups, index);
          JsonObjectIter iter;
          const char *name;
          JsonNode *value;

          json_object_iter_init (&iter, old);
          while (json_object_iter_next (&iter, &name, &value))
            if (!g_str_equal (name, "task") && !g_str_equal (name, "owner_id")
                && !g_str_equal (name, "due_on") && !g_str_equal (name, "done_at"))
              json_object_set_member (follow_up, name, json_node_copy (value));
        }

      if (*task_text != '\0')
        json_object_set_string_member (follow_up, "task", task_text);
      if (owner != NULL && *owner != '\0')
        json_object_set_string_member (follow_up, "owner_id", owner);
      if (due != NULL && *due != '\0')
        json_object_set_string_member (follow_up, "due_on", due);
      if (done_at != NULL)
        json_object_set_string_member (follow_up, "done_at", done_at);
      json_array_add_object_element (follow_ups, follow_up);
    }
  civic_visit_set_follow_ups (visit, json_array_get_length (follow_ups) > 0 ? follow_ups : NULL);

  civic_visit_set_campaign_id (visit, selected_document_id (self->campaign_drop, self->campaigns));
  civic_visit_set_event_id (visit, selected_document_id (self->event_drop, self->lobby_days));
  civic_visit_set_office_id (visit, selected_document_id (self->office_drop, self->offices));
  civic_record_set_string (record, "room", *room != '\0' ? room : NULL);
  return TRUE;
}

/* ---- Saving ------------------------------------------------------------- */

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicVisitEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_record_save_finish (CIVIC_RECORD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  gtk_widget_set_sensitive (self->save_button, !self->read_only);

  if (rev == NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, civic_record_get_id (source != NULL ? CIVIC_RECORD (source) : NULL));
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
civic_visit_editor_save (CivicVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CIVIC_IS_VISIT_EDITOR (self), FALSE);

  if (self->saving || self->read_only)
    return FALSE;

  clear_errors (self);
  if (!store_form (self))
    return FALSE;
  if (!civic_record_validate (CIVIC_RECORD (self->visit), &error))
    {
      show_error (self, error);
      return FALSE;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  civic_record_save_async (CIVIC_RECORD (self->visit), self->store, NULL, self->cancellable,
                           save_done_cb, g_object_ref (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  civic_visit_editor_save (CIVIC_VISIT_EDITOR (widget));
}

/* ---- Building the form -------------------------------------------------- */

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkListBox *
new_boxed_list (void)
{
  GtkWidget *box = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  return GTK_LIST_BOX (box);
}

static void
build_form (CivicVisitEditor *self,
            GtkBox           *content)
{
  GtkWidget *meeting, *team, *topics, *outcome, *follow_ups, *notes, *context;
  GtkStringList *legislators = gtk_string_list_new (NULL);
  GtkStringList *formats;
  GtkStringList *met = gtk_string_list_new (NULL);
  GtkWidget *add_button;
  GtkWidget *time_box;
  const char * const *met_kinds = civic_visit_met_with_list ();

  /* The meeting. */
  meeting = new_group (_("Meeting"), NULL);
  gtk_string_list_append (legislators, _("Choose a legislator"));
  for (guint i = 0; i < self->legislators->len; i++)
    gtk_string_list_append (legislators, doc_string (g_ptr_array_index (self->legislators, i), "name"));
  self->legislator_drop = new_drop_down (G_LIST_MODEL (legislators));
  gtk_drop_down_set_enable_search (self->legislator_drop, TRUE);
  gtk_drop_down_set_expression (self->legislator_drop,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  add_row (self, meeting, _("Legislator"), "legislator_id", GTK_WIDGET (self->legislator_drop));

  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->date_entry = new_entry (_("YYYY-MM-DD"));
  self->time_entry = new_entry (_("HH:MM"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->date_entry), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 5);
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->date_entry));
  gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->time_entry));
  gtk_widget_set_valign (time_box, GTK_ALIGN_CENTER);
  add_row (self, meeting, _("When"), "occurs_at", time_box);

  formats = string_list_from_labels (civic_visit_format_list (), civic_visit_format_get_label);
  gtk_string_list_splice (formats, 0, 0, (const char *[]) { _("Not set"), NULL });
  self->format_drop = new_drop_down (G_LIST_MODEL (formats));
  add_row (self, meeting, _("Format"), "format", GTK_WIDGET (self->format_drop));

  for (guint i = 0; met_kinds[i] != NULL; i++)
    gtk_string_list_append (met, civic_visit_met_with_get_label (met_kinds[i]));
  self->met_drop = new_drop_down (G_LIST_MODEL (met));
  add_row (self, meeting, _("Met with"), "met_with", GTK_WIDGET (self->met_drop));
  self->staffer_drop = new_drop_down (G_LIST_MODEL (g_object_ref (self->staff_names)));
  self->staffer_row = add_row (self, meeting, _("Staffer"), NULL, GTK_WIDGET (self->staffer_drop));
  gtk_widget_set_sensitive (self->staffer_row, FALSE);

  /* The team. */
  team = new_group (_("Team"), _("Search the roster to add the people who went."));
  self->attendee_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->attendee_search, "placeholder-text", _("Add a volunteer…"), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attendee_search), self->search != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (team), GTK_WIDGET (self->attendee_search));
  self->attendee_results = new_boxed_list ();
  gtk_list_box_set_selection_mode (self->attendee_results, GTK_SELECTION_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->attendee_results), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->attendee_results), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (team), GTK_WIDGET (self->attendee_results));
  self->attendees_box = new_boxed_list ();
  gtk_widget_set_margin_top (GTK_WIDGET (self->attendees_box), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (team), GTK_WIDGET (self->attendees_box));
  g_hash_table_insert (self->field_rows, g_strdup ("attendees"), self->attendees_box);

  /* Topics and the ask. */
  topics = new_group (_("Issues and Ask"), NULL);
  self->issues_entry = new_entry (_("Immigration reform, DACA"));
  add_row (self, topics, _("Issues"), "issues", GTK_WIDGET (self->issues_entry));
  self->bills_entry = new_entry (_("H.R. 6, AB 540"));
  add_row (self, topics, _("Bills"), "bills", GTK_WIDGET (self->bills_entry));
  self->ask_view = add_text (self, topics, _("The ask"), "ask");

  /* What the office said. */
  outcome = new_group (_("What They Said"), NULL);
  self->position_drop = new_drop_down (G_LIST_MODEL (string_list_from_labels (civic_visit_position_list (),
                                                                              civic_visit_position_get_label)));
  add_row (self, outcome, _("Position heard"), "position", GTK_WIDGET (self->position_drop));
  self->commitments_view = add_text (self, outcome, _("Commitments"), "commitments");

  /* What the organization promised. */
  follow_ups = new_group (_("Follow-ups"), NULL);
  add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add_button, "flat");
  gtk_widget_set_tooltip_text (add_button, _("Add a follow-up"));
  g_signal_connect_object (add_button, "clicked", G_CALLBACK (add_follow_up_clicked_cb), self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (follow_ups), add_button);
  self->follow_ups_box = new_boxed_list ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (follow_ups), GTK_WIDGET (self->follow_ups_box));
  g_hash_table_insert (self->field_rows, g_strdup ("follow_ups"), self->follow_ups_box);

  notes = new_group (_("Notes"), NULL);
  self->notes_view = add_text (self, notes, _("Notes"), "notes");

  context = new_group (_("Campaign and Place"), NULL);
  self->campaign_drop = new_document_drop_down (self->campaigns, "name", _("None"));
  add_row (self, context, _("Campaign"), "campaign_id", GTK_WIDGET (self->campaign_drop));
  self->event_drop = new_document_drop_down (self->lobby_days, "title", _("None"));
  add_row (self, context, _("Lobby day"), "event_id", GTK_WIDGET (self->event_drop));
  self->office_drop = new_document_drop_down (self->offices, "name", _("None"));
  add_row (self, context, _("Office"), "office_id", GTK_WIDGET (self->office_drop));
  self->room_entry = new_entry (_("Capitol 2114"));
  add_row (self, context, _("Room"), "room", GTK_WIDGET (self->room_entry));

  if (self->debrief)
    {
      GtkWidget *expander = gtk_expander_new (_("Everything Else"));
      GtkWidget *rest = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

      gtk_widget_set_margin_top (rest, 12);
      gtk_box_append (content, outcome);
      gtk_box_append (content, follow_ups);
      gtk_box_append (GTK_BOX (rest), meeting);
      gtk_box_append (GTK_BOX (rest), team);
      gtk_box_append (GTK_BOX (rest), topics);
      gtk_box_append (GTK_BOX (rest), notes);
      gtk_box_append (GTK_BOX (rest), context);
      gtk_expander_set_child (GTK_EXPANDER (expander), rest);
      gtk_box_append (content, expander);
    }
  else
    {
      gtk_box_append (content, meeting);
      gtk_box_append (content, team);
      gtk_box_append (content, topics);
      gtk_box_append (content, outcome);
      gtk_box_append (content, follow_ups);
      gtk_box_append (content, notes);
      gtk_box_append (content, context);
    }

  g_signal_connect_object (self->legislator_drop, "notify::selected", G_CALLBACK (legislator_selected_cb), self, 0);
  g_signal_connect_object (self->met_drop, "notify::selected", G_CALLBACK (met_with_selected_cb), self, 0);
  g_signal_connect_object (self->attendee_search, "search-changed", G_CALLBACK (attendee_search_changed_cb), self, 0);
  g_signal_connect_object (self->attendee_results, "row-activated", G_CALLBACK (attendee_result_activated_cb), self, 0);
}

static void
build_window (CivicVisitEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *error_label = gtk_label_new (NULL);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "editor.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  self->error_label = GTK_LABEL (error_label);
  gtk_box_append (GTK_BOX (content), error_label);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  build_form (self, GTK_BOX (content));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

/* ---- GObject ------------------------------------------------------------ */

static void
civic_visit_editor_dispose (GObject *object)
{
  CivicVisitEditor *self = CIVIC_VISIT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->search);
  g_clear_pointer (&self->legislators, g_ptr_array_unref);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  g_clear_pointer (&self->lobby_days, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_ptr_array_unref);
  g_clear_pointer (&self->volunteer_names, g_hash_table_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_object (&self->owner_names);
  g_clear_object (&self->staff_names);
  g_clear_pointer (&self->field_rows, g_hash_table_unref);
  g_clear_pointer (&self->field_errors, g_hash_table_unref);

  G_OBJECT_CLASS (civic_visit_editor_parent_class)->dispose (object);
}

static void
civic_visit_editor_class_init (CivicVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civic_visit_editor_dispose;

  /**
   * CivicVisitEditor::saved:
   * @id: the visit's id
   *
   * The visit was written to the store.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civic_visit_editor_init (CivicVisitEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->owner_names = gtk_string_list_new (NULL);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->staff_names = gtk_string_list_new (NULL);
  self->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GPtrArray *
ref_or_empty (GPtrArray *array)
{
  return array != NULL ? g_ptr_array_ref (array)
                       : g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

CivicVisitEditor *
civic_visit_editor_new (CivicStore                    *store,
                        CivicVisit                    *visit,
                        const CivicVisitEditorChoices *choices,
                        gboolean                       debrief)
{
  CivicVisitEditor *self;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  self = g_object_new (CIVIC_TYPE_VISIT_EDITOR,
                       "default-width", 560,
                       "default-height", 760,
                       "title", visit != NULL ? _("Visit") : debrief ? _("Debrief") : _("New Visit"),
                       NULL);
  self->store = g_object_ref (store);
  self->debrief = debrief;
  self->legislators = ref_or_empty (choices->legislators);
  self->campaigns = ref_or_empty (choices->campaigns);
  self->lobby_days = ref_or_empty (choices->lobby_days);
  self->offices = ref_or_empty (choices->offices);
  self->volunteer_names = choices->volunteer_names != NULL ? g_hash_table_ref (choices->volunteer_names) : NULL;
  self->search = choices->search != NULL ? g_object_ref (choices->search) : NULL;

  self->visit = visit != NULL ? CIVIC_VISIT (civic_record_copy (CIVIC_RECORD (visit))) : civic_visit_new ();
  build_window (self);

  if (visit != NULL)
    load_visit (self);
  else
    {
      /* A debrief is written right after the meeting: now is the best guess. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (now, "%H:%M");

      gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
      civic_visit_editor_set_position (self, "unknown");
    }

  return self;
}

gboolean
civic_visit_editor_get_debrief (CivicVisitEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_EDITOR (self), FALSE);

  return self->debrief;
}

void
civic_visit_editor_set_read_only (CivicVisitEditor *self,
                                  gboolean          read_only)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  self->read_only = !!read_only;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !self->read_only);
}

void
civic_visit_editor_set_legislator (CivicVisitEditor *self,
                                   const char       *legislator_id)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  set_drop_by_document (self->legislator_drop, self->legislators, legislator_id);
}

void
civic_visit_editor_set_lobby_day (CivicVisitEditor *self,
                                  const char       *event_id)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  set_drop_by_document (self->event_drop, self->lobby_days, event_id);
}

void
civic_visit_editor_set_when (CivicVisitEditor *self,
                             const char       *date,
                             const char       *time)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time != NULL ? time : "");
}

void
civic_visit_editor_set_position (CivicVisitEditor *self,
                                 const char       *position)
{
  int index;

  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  index = find_in_strv (civic_visit_position_list (), position != NULL ? position : "unknown");
  if (index < 0)
    index = find_in_strv (civic_visit_position_list (), "unknown");
  gtk_drop_down_set_selected (self->position_drop, MAX (index, 0));
}

void
civic_visit_editor_set_topics (CivicVisitEditor *self,
                               const char       *issues,
                               const char       *bills)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->issues_entry), issues != NULL ? issues : "");
  gtk_editable_set_text (GTK_EDITABLE (self->bills_entry), bills != NULL ? bills : "");
}

void
civic_visit_editor_set_commitments (CivicVisitEditor *self,
                                    const char       *commitments)
{
  g_return_if_fail (CIVIC_IS_VISIT_EDITOR (self));

  text_view_set (self->commitments_view, commitments);
}

const char *
civic_visit_editor_get_field_error (CivicVisitEditor *self,
                                    const char       *field)
{
  g_return_val_if_fail (CIVIC_IS_VISIT_EDITOR (self), NULL);

  return g_hash_table_lookup (self->field_errors, field);
}
