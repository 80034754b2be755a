/* civic-volunteer-editor.c — a volunteer's page: every field, validation, shift history, hours
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form holds every field of domain.md's volunteer and nothing else:
 * there is no place for immigration status or documents, and the record
 * type drops such members on every read and write anyway.  Saving copies
 * the form into a CivicVolunteer that started as the stored document (so
 * fields this version does not know survive), validates it, and shows a
 * failure next to the field at fault (civic_record_error_get_field ()).
 * A new volunteer is first checked for duplicates with the roster import's
 * own rules (same phone digits, e-mail, or name in either script), in a
 * thread, and the person chooses between the existing record and saving
 * anyway.  The shift history and the hours are read in a thread too.
 */

#define G_LOG_DOMAIN "civic-volunteer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "civic-csv.h"
#include "civic-derived.h"
#include "civic-roster-import.h"
#include "civic-shift.h"
#include "civic-signup.h"
#include "civic-text.h"
#include "civic-volunteer.h"
#include "civic-volunteer-editor.h"
#include "civic-window.h"

struct _CivicVolunteerEditor
{
  AdwBin            parent_instance;

  CivicStore       *store;
  gboolean          read_only;
  gboolean          modified;
  gboolean          loading_form;
  gboolean          saving;
  CivicVolunteer   *record;
  char             *title;
  char             *loading_id;
  char             *campaign_id;
  char             *campaign_name;
  GCancellable     *cancellable;
  GPtrArray        *office_ids;   /* parallel to the office combo's items; "" first */
  GHashTable       *fields;       /* field name → GtkWidget row */
  GHashTable       *errors;       /* field name → GtkLabel */
  AdwMessageDialog *duplicate_dialog;
  guint             n_history;

  GtkWidget        *content;
  AdwComboRow      *office_row;
  AdwComboRow      *age_row;
  GtkCheckButton   *availability[2][3];
  GtkSwitch        *consent_contact;
  GtkSwitch        *consent_sms;
  GtkSwitch        *consent_photo;
  GtkSwitch        *active_switch;
  GtkTextView      *notes_view;
  AdwPreferencesGroup *history_group;
  GPtrArray        *history_rows;
  GtkLabel         *hours_label;
};

G_DEFINE_FINAL_TYPE (CivicVolunteerEditor, civic_volunteer_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  OPEN_VOLUNTEER,
  HISTORY_LOADED,
  LOADED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text fields, in the order shown. */
typedef struct {
  const char *field;
  const char *label;
  const char *group;
} TextField;

static const TextField text_fields[] = {
  { "given_name", N_("Given name"), "name" },
  { "family_name", N_("Family name"), "name" },
  { "name_ko", N_("Korean name (family name first)"), "name" },
  { "preferred_name", N_("Preferred name"), "name" },
  { "phone", N_("Phone"), "contact" },
  { "email", N_("E-mail"), "contact" },
  { "languages", N_("Languages (codes, comma-separated: ko, en)"), "work" },
  { "skills", N_("Skills (comma-separated)"), "work" },
  { "joined_on", N_("Joined on (YYYY-MM-DD)"), "work" },
  { "emergency_contact.name", N_("Emergency contact’s name"), "emergency" },
  { "emergency_contact.phone", N_("Emergency contact’s phone"), "emergency" },
  { "emergency_contact.relationship", N_("Relationship"), "emergency" },
};

static void
set_modified (CivicVolunteerEditor *self,
              gboolean              modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
field_changed_cb (CivicVolunteerEditor *self)
{
  if (!self->loading_form)
    set_modified (self, TRUE);
}

static void
set_title (CivicVolunteerEditor *self,
           const char           *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
update_title (CivicVolunteerEditor *self)
{
  g_autofree char *name = NULL;
  const char *name_ko;

  if (self->record == NULL || civic_record_get_id (CIVIC_RECORD (self->record)) == NULL)
    {
      set_title (self, _("New Volunteer"));
      return;
    }

  name = civic_volunteer_dup_display_name (self->record);
  name_ko = civic_volunteer_get_name_ko (self->record);
  if (name_ko != NULL && *name_ko && g_strcmp0 (name, name_ko) != 0)
    {
      g_autofree char *both = g_strdup_printf ("%s · %s", name, name_ko);
      set_title (self, both);
    }
  else
    set_title (self, name);
}

/* ---- Building the form ---------------------------------------------------- */

static GtkWidget *
error_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static AdwPreferencesGroup *
add_group (CivicVolunteerEditor *self,
           GtkBox               *box,
           const char           *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
register_field (CivicVolunteerEditor *self,
                const char           *field,
                GtkWidget            *row,
                GtkWidget            *error_label)
{
  g_hash_table_insert (self->fields, g_strdup (field), row);
  g_hash_table_insert (self->errors, g_strdup (field), error_label);
}

static void
add_text_rows (CivicVolunteerEditor *self,
               AdwPreferencesGroup  *group,
               const char           *group_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row, *error;

      if (!g_str_equal (text_fields[i].group, group_name))
        continue;
      row = adw_entry_row_new ();
      error = error_label_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(text_fields[i].label));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), error);
      g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (group, row);
      register_field (self, text_fields[i].field, row, error);
    }
}

static GtkSwitch *
add_switch_row (CivicVolunteerEditor *self,
                AdwPreferencesGroup  *group,
                const char           *title,
                const char           *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (sw);
}

static AdwComboRow *
add_combo_row (CivicVolunteerEditor *self,
               AdwPreferencesGroup  *group,
               const char           *field,
               const char           *title)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *error = error_label_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), error);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  register_field (self, field, row, error);
  return ADW_COMBO_ROW (row);
}

static void
build_form (CivicVolunteerEditor *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) ages = gtk_string_list_new (NULL);
  const char * const *age_list = civic_volunteer_age_group_list ();
  const char * const *days = civic_availability_day_list ();
  const char * const *times = civic_availability_time_list ();
  GtkWidget *grid, *error, *frame, *notes;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scrolled);
  self->content = box;

  group = add_group (self, GTK_BOX (box), _("Name"));
  adw_preferences_group_set_description (group, _("A name in at least one script."));
  add_text_rows (self, group, "name");

  group = add_group (self, GTK_BOX (box), _("Contact"));
  add_text_rows (self, group, "contact");

  group = add_group (self, GTK_BOX (box), _("Consent"));
  self->consent_contact = add_switch_row (self, group, _("May be contacted"), NULL);
  self->consent_sms = add_switch_row (self, group, _("Text messages"), NULL);
  self->consent_photo = add_switch_row (self, group, _("Photos"), _("May appear in photos the organization publishes"));
  {
    GtkWidget *consent_error = error_label_new ();
    adw_preferences_group_set_header_suffix (group, consent_error);
    register_field (self, "consent", GTK_WIDGET (group), consent_error);
  }

  group = add_group (self, GTK_BOX (box), _("Work"));
  add_text_rows (self, group, "work");
  self->office_row = add_combo_row (self, group, "office_id", _("Office"));
  gtk_string_list_append (ages, _("Not given"));
  for (guint i = 0; age_list[i] != NULL; i++)
    gtk_string_list_append (ages, civic_volunteer_age_group_get_label (age_list[i]));
  self->age_row = add_combo_row (self, group, "age_group", _("Age group"));
  adw_combo_row_set_model (self->age_row, G_LIST_MODEL (ages));
  self->active_switch = add_switch_row (self, group, _("Active"), _("Inactive volunteers stay in the roster but are not offered shifts"));

  /* Availability: a check grid of parts of the week by parts of the day. */
  group = add_group (self, GTK_BOX (box), _("Availability"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_set_margin_top (grid, 0);
  for (guint t = 0; t < 3 && times[t] != NULL; t++)
    {
      GtkWidget *label = gtk_label_new (civic_availability_time_get_label (times[t]));
      gtk_widget_set_margin_top (label, 6);
      gtk_grid_attach (GTK_GRID (grid), label, t + 1, 0, 1, 1);
    }
  for (guint d = 0; d < 2 && days[d] != NULL; d++)
    {
      GtkWidget *label = gtk_label_new (civic_availability_day_get_label (days[d]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_grid_attach (GTK_GRID (grid), label, 0, d + 1, 1, 1);
      for (guint t = 0; t < 3 && times[t] != NULL; t++)
        {
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *tip = g_strdup_printf ("%s, %s", civic_availability_day_get_label (days[d]),
                                                  civic_availability_time_get_label (times[t]));

          gtk_widget_set_tooltip_text (check, tip);
          gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_bottom (check, d == 1 ? 6 : 0);
          g_signal_connect_object (check, "toggled", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
          gtk_grid_attach (GTK_GRID (grid), check, t + 1, d + 1, 1, 1);
          self->availability[d][t] = GTK_CHECK_BUTTON (check);
        }
    }
  adw_preferences_group_add (group, grid);
  error = error_label_new ();
  adw_preferences_group_set_header_suffix (group, error);
  register_field (self, "availability", grid, error);

  group = add_group (self, GTK_BOX (box), _("Emergency Contact"));
  add_text_rows (self, group, "emergency");
  error = error_label_new ();
  adw_preferences_group_set_header_suffix (group, error);
  g_hash_table_insert (self->errors, g_strdup ("emergency_contact"), error);

  group = add_group (self, GTK_BOX (box), _("Notes"));
  frame = gtk_frame_new (NULL);
  notes = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (notes), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (notes), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (notes), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (notes), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (notes), 6);
  gtk_widget_set_size_request (notes, -1, 80);
  gtk_frame_set_child (GTK_FRAME (frame), notes);
  adw_preferences_group_add (group, frame);
  self->notes_view = GTK_TEXT_VIEW (notes);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  error = error_label_new ();
  adw_preferences_group_set_header_suffix (group, error);
  register_field (self, "notes", frame, error);

  self->history_group = add_group (self, GTK_BOX (box), _("Shifts"));
  self->hours_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hours_label), "dim-label");
  adw_preferences_group_set_header_suffix (self->history_group, GTK_WIDGET (self->hours_label));
}

/* ---- Form ⇄ record -------------------------------------------------------- */

static GtkEditable *
text_row (CivicVolunteerEditor *self,
          const char           *field)
{
  GtkWidget *row = g_hash_table_lookup (self->fields, field);
  return row != NULL ? GTK_EDITABLE (row) : NULL;
}

static void
set_text (CivicVolunteerEditor *self,
          const char           *field,
          const char           *text)
{
  GtkEditable *row = text_row (self, field);

  if (row != NULL)
    gtk_editable_set_text (row, text != NULL ? text : "");
}

static char *
get_text (CivicVolunteerEditor *self,
          const char           *field)
{
  GtkEditable *row = text_row (self, field);
  g_autofree char *text = g_strdup (row ? gtk_editable_get_text (row) : "");

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
object_bool (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
clear_errors (CivicVolunteerEditor *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = g_hash_table_lookup (self->fields, key);

      gtk_label_set_label (value, "");
      gtk_widget_set_visible (value, FALSE);
      if (row != NULL)
        gtk_widget_remove_css_class (row, "error");
    }
}

static void
rebuild_office_choice (CivicVolunteerEditor *self,
                       GHashTable           *office_names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GList) ids = office_names ? g_hash_table_get_keys (office_names) : NULL;

  g_ptr_array_set_size (self->office_ids, 0);
  g_ptr_array_add (self->office_ids, g_strdup (""));
  gtk_string_list_append (model, _("No office"));
  ids = g_list_sort (ids, (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_ptr_array_add (self->office_ids, g_strdup (l->data));
      gtk_string_list_append (model, g_hash_table_lookup (office_names, l->data));
    }
  self->loading_form = TRUE;
  adw_combo_row_set_model (self->office_row, G_LIST_MODEL (model));
  self->loading_form = FALSE;
}

static void
select_office (CivicVolunteerEditor *self,
               const char           *office_id)
{
  guint selected = 0;

  for (guint i = 0; i < self->office_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->office_ids, i), office_id ? office_id : "") == 0)
      selected = i;
  adw_combo_row_set_selected (self->office_row, selected);
}

static void
fill_form (CivicVolunteerEditor *self)
{
  CivicVolunteer *v = self->record;
  JsonObject *contact = civic_volunteer_get_emergency_contact (v);
  JsonObject *consent = civic_volunteer_get_consent (v);
  JsonObject *availability = civic_volunteer_get_availability (v);
  g_auto(GStrv) languages = civic_volunteer_dup_languages (v);
  g_auto(GStrv) skills = civic_volunteer_dup_skills (v);
  g_autofree char *languages_text = languages ? g_strjoinv (", ", languages) : NULL;
  g_autofree char *skills_text = skills ? g_strjoinv (", ", skills) : NULL;
  const char * const *ages = civic_volunteer_age_group_list ();
  const char * const *days = civic_availability_day_list ();
  const char * const *times = civic_availability_time_list ();
  const char *notes = civic_volunteer_get_notes (v);
  guint age = 0;

  self->loading_form = TRUE;
  clear_errors (self);

  set_text (self, "given_name", civic_volunteer_get_given_name (v));
  set_text (self, "family_name", civic_volunteer_get_family_name (v));
  set_text (self, "name_ko", civic_volunteer_get_name_ko (v));
  set_text (self, "preferred_name", civic_volunteer_get_preferred_name (v));
  set_text (self, "phone", civic_volunteer_get_phone (v));
  set_text (self, "email", civic_volunteer_get_email (v));
  set_text (self, "languages", languages_text);
  set_text (self, "skills", skills_text);
  set_text (self, "joined_on", civic_volunteer_get_joined_on (v));
  set_text (self, "emergency_contact.name", object_string (contact, "name"));
  set_text (self, "emergency_contact.phone", object_string (contact, "phone"));
  set_text (self, "emergency_contact.relationship", object_string (contact, "relationship"));

  select_office (self, civic_volunteer_get_office_id (v));
  for (guint i = 0; ages[i] != NULL; i++)
    if (g_strcmp0 (ages[i], civic_volunteer_get_age_group (v)) == 0)
      age = i + 1;
  adw_combo_row_set_selected (self->age_row, age);

  gtk_switch_set_active (self->consent_contact, object_bool (consent, "contact"));
  gtk_switch_set_active (self->consent_sms, object_bool (consent, "sms"));
  gtk_switch_set_active (self->consent_photo, object_bool (consent, "photo"));
  gtk_switch_set_active (self->active_switch, civic_volunteer_get_active (v));

  for (guint d = 0; d < 2 && days[d] != NULL; d++)
    {
      JsonNode *node = availability ? json_object_get_member (availability, days[d]) : NULL;
      JsonArray *slots = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint t = 0; t < 3 && times[t] != NULL; t++)
        {
          gboolean on = FALSE;

          for (guint k = 0; slots != NULL && k < json_array_get_length (slots); k++)
            if (g_strcmp0 (json_array_get_string_element (slots, k), times[t]) == 0)
              on = TRUE;
          gtk_check_button_set_active (self->availability[d][t], on);
        }
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);

  self->loading_form = FALSE;
  set_modified (self, FALSE);
  update_title (self);
}

static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;
  parts = g_regex_split_simple ("[,;/|]", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* A new record: the loaded one with the form's values. */
static CivicVolunteer *
form_to_record (CivicVolunteer *self_record,
                CivicVolunteerEditor *self)
{
  CivicVolunteer *v = CIVIC_VOLUNTEER (civic_record_copy (CIVIC_RECORD (self_record)));
  const char * const *ages = civic_volunteer_age_group_list ();
  const char * const *days = civic_availability_day_list ();
  const char * const *times = civic_availability_time_list ();
  g_autofree char *given = get_text (self, "given_name");
  g_autofree char *family = get_text (self, "family_name");
  g_autofree char *name_ko = get_text (self, "name_ko");
  g_autofree char *preferred = get_text (self, "preferred_name");
  g_autofree char *phone = get_text (self, "phone");
  g_autofree char *email = get_text (self, "email");
  g_autofree char *languages = get_text (self, "languages");
  g_autofree char *skills = get_text (self, "skills");
  g_autofree char *joined = get_text (self, "joined_on");
  g_autofree char *ec_name = get_text (self, "emergency_contact.name");
  g_autofree char *ec_phone = get_text (self, "emergency_contact.phone");
  g_autofree char *ec_relationship = get_text (self, "emergency_contact.relationship");
  g_auto(GStrv) language_list = split_list (languages);
  g_auto(GStrv) skill_list = split_list (skills);
  g_autoptr(JsonObject) consent = json_object_new ();
  g_autoptr(JsonObject) availability = json_object_new ();
  guint age = adw_combo_row_get_selected (self->age_row);
  guint office = adw_combo_row_get_selected (self->office_row);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  gboolean any_slot = FALSE;

  civic_volunteer_set_given_name (v, given);
  civic_volunteer_set_family_name (v, family);
  civic_volunteer_set_name_ko (v, name_ko);
  civic_volunteer_set_preferred_name (v, preferred);
  civic_volunteer_set_phone (v, phone);
  civic_volunteer_set_email (v, email);
  civic_volunteer_set_languages (v, (const char * const *) language_list);
  civic_volunteer_set_skills (v, (const char * const *) skill_list);
  civic_volunteer_set_joined_on (v, joined);
  civic_volunteer_set_office_id (v, office > 0 && office < self->office_ids->len ?
                                 g_ptr_array_index (self->office_ids, office) : NULL);
  civic_volunteer_set_age_group (v, age > 0 && age <= g_strv_length ((GStrv) ages) ? ages[age - 1] : NULL);

  if (ec_name != NULL || ec_phone != NULL || ec_relationship != NULL)
    {
      g_autoptr(JsonObject) contact = json_object_new ();

      if (ec_name != NULL)
        json_object_set_string_member (contact, "name", ec_name);
      if (ec_phone != NULL)
        json_object_set_string_member (contact, "phone", ec_phone);
      if (ec_relationship != NULL)
        json_object_set_string_member (contact, "relationship", ec_relationship);
      civic_volunteer_set_emergency_contact (v, contact);
    }
  else
    civic_volunteer_set_emergency_contact (v, NULL);

  json_object_set_boolean_member (consent, "contact", gtk_switch_get_active (self->consent_contact));
  json_object_set_boolean_member (consent, "sms", gtk_switch_get_active (self->consent_sms));
  json_object_set_boolean_member (consent, "photo", gtk_switch_get_active (self->consent_photo));
  civic_volunteer_set_consent (v, consent);
  civic_volunteer_set_active (v, gtk_switch_get_active (self->active_switch));

  for (guint d = 0; d < 2 && days[d] != NULL; d++)
    {
      JsonArray *slots = json_array_new ();

      for (guint t = 0; t < 3 && times[t] != NULL; t++)
        if (gtk_check_button_get_active (self->availability[d][t]))
          {
            json_array_add_string_element (slots, times[t]);
            any_slot = TRUE;
          }
      json_object_set_array_member (availability, days[d], slots);
    }
  civic_volunteer_set_availability (v, any_slot ? availability : NULL);

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  notes = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->notes_view), &start, &end, FALSE);
  g_strstrip (notes);
  civic_volunteer_set_notes (v, *notes ? notes : NULL);

  return v;
}

static void
show_field_error (CivicVolunteerEditor *self,
                  const GError         *error)
{
  const char *field = civic_record_error_get_field (error);
  g_autofree char *key = NULL;
  GtkWidget *label, *row;

  if (field == NULL)
    field = "given_name";
  key = g_strdup (field);
  /* A rule about the whole name belongs under the first name field. */
  if (g_str_equal (key, "name") || !g_hash_table_contains (self->errors, key))
    {
      g_free (key);
      key = g_strdup (g_hash_table_contains (self->errors, field) ? field : "given_name");
    }

  label = g_hash_table_lookup (self->errors, key);
  row = g_hash_table_lookup (self->fields, key);
  if (g_str_equal (key, "emergency_contact"))
    row = g_hash_table_lookup (self->fields, "emergency_contact.phone");
  gtk_label_set_label (GTK_LABEL (label), civic_record_error_get_reason (error));
  gtk_widget_set_visible (label, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

/* ---- Shift history -------------------------------------------------------- */

typedef struct {
  char *title;
  char *subtitle;
  char *sort;
} HistoryRow;

static void
history_row_free (HistoryRow *row)
{
  g_free (row->title);
  g_free (row->subtitle);
  g_free (row->sort);
  g_free (row);
}

typedef struct {
  CivicStore *store;
  char       *volunteer_id;
  char       *campaign_id;
  GPtrArray  *rows;
  double      total;
  double      campaign;
} HistoryData;

static void
history_data_free (HistoryData *data)
{
  g_clear_object (&data->store);
  g_free (data->volunteer_id);
  g_free (data->campaign_id);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_free (data);
}

static int
history_compare (gconstpointer a,
                 gconstpointer b)
{
  const HistoryRow *ra = *(HistoryRow * const *) a;
  const HistoryRow *rb = *(HistoryRow * const *) b;

  /* Newest first. */
  return g_strcmp0 (rb->sort, ra->sort);
}

static void
history_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HistoryData *data = task_data;
  g_autoptr(GPtrArray) signups = NULL;
  g_autoptr(GStrvBuilder) shift_ids = g_strv_builder_new ();
  g_auto(GStrv) shift_id_list = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) shift_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) event_ids = g_strv_builder_new ();
  g_auto(GStrv) event_id_list = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) event_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  signups = civic_store_list_by_ref (data->store, "signup", CIVIC_STORE_REF_2, data->volunteer_id, &error);
  if (signups == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < signups->len; i++)
    {
      const char *shift_id = object_string (g_ptr_array_index (signups, i), "shift_id");
      if (shift_id != NULL)
        g_strv_builder_add (shift_ids, shift_id);
    }
  shift_id_list = g_strv_builder_end (shift_ids);
  shifts = civic_store_get_many (data->store, (const char * const *) shift_id_list, &error);
  if (shifts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < shifts->len; i++)
    {
      JsonObject *shift = g_ptr_array_index (shifts, i);
      g_hash_table_insert (shift_by_id, (gpointer) object_string (shift, "_id"), shift);
      if (object_string (shift, "event_id"))
        g_strv_builder_add (event_ids, object_string (shift, "event_id"));
    }
  event_id_list = g_strv_builder_end (event_ids);
  events = civic_store_get_many (data->store, (const char * const *) event_id_list, &error);
  if (events == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    g_hash_table_insert (event_by_id, (gpointer) object_string (g_ptr_array_index (events, i), "_id"),
                         g_ptr_array_index (events, i));

  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) history_row_free);
  for (guint i = 0; i < signups->len; i++)
    {
      JsonObject *signup = g_ptr_array_index (signups, i);
      JsonObject *shift = g_hash_table_lookup (shift_by_id, object_string (signup, "shift_id") ?: "");
      JsonObject *event = shift ? g_hash_table_lookup (event_by_id, object_string (shift, "event_id") ?: "") : NULL;
      const char *occurrence = object_string (signup, "occurrence");
      const char *starts = shift ? object_string (shift, "starts_at") : NULL;
      const char *role = shift ? object_string (shift, "role") : NULL;
      g_autofree char *date = NULL;
      HistoryRow *row = g_new0 (HistoryRow, 1);

      if (occurrence != NULL)
        date = g_strdup (occurrence);
      else if (starts != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (starts, NULL);
          g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
          date = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strndup (starts, 10);
        }
      else
        date = g_strdup ("");

      row->title = g_strdup (event && object_string (event, "title") ? object_string (event, "title") : _("Unknown event"));
      row->subtitle = g_strdup_printf ("%s · %s · %s", date, role ? civic_shift_role_get_label (role) : "",
                                       civic_signup_status_get_label (object_string (signup, "status")));
      row->sort = g_strdup (date);
      g_ptr_array_add (data->rows, row);
    }
  g_ptr_array_sort (data->rows, history_compare);

  data->total = civic_volunteer_hours (data->store, data->volunteer_id, NULL, NULL, NULL, &error);
  if (data->total < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->campaign_id != NULL)
    {
      data->campaign = civic_volunteer_hours (data->store, data->volunteer_id, NULL, NULL, data->campaign_id, &error);
      if (data->campaign < 0)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
clear_history (CivicVolunteerEditor *self)
{
  /* The rows are kept, hidden, for the next person's shifts. */
  for (guint i = 0; i < self->history_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->history_rows, i), FALSE);
  self->n_history = 0;
  gtk_label_set_label (self->hours_label, "");
}

/* A shift's whole title, which its one line may cut short.  Asked for on
 * hover: gtk_widget_set_tooltip_text () asks the display where the pointer
 * is, an X round trip per row each time a person opens.
 */
static gboolean
history_row_query_tooltip_cb (GtkWidget  *row,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  /* "No shifts yet" is all there is to say. */
  if (subtitle == NULL || *subtitle == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return TRUE;
}

/* The history's row at @position, shown, made when no person before had
 * that many shifts.  Title and subtitle are one line each, the whole title
 * in the tooltip: a wrapped label is laid out again at every width GTK
 * tries while measuring, and twenty wrapped rows made the frames that
 * open a volunteer 50-80 ms long (bench-volunteers, "opening a volunteer").
 */
static AdwActionRow *
show_history_row (CivicVolunteerEditor *self,
                  guint                 position,
                  const char           *title,
                  const char           *subtitle)
{
  AdwActionRow *row;

  if (position < self->history_rows->len)
    row = g_ptr_array_index (self->history_rows, position);
  else
    {
      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (row, 1);
      adw_action_row_set_subtitle_lines (row, 1);
      gtk_widget_set_has_tooltip (GTK_WIDGET (row), TRUE);
      g_signal_connect (row, "query-tooltip", G_CALLBACK (history_row_query_tooltip_cb), NULL);
      adw_preferences_group_add (self->history_group, GTK_WIDGET (row));
      g_ptr_array_add (self->history_rows, row);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
  return row;
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CivicVolunteerEditor *self;
  HistoryData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = NULL;

  /* Cancelled means disposed: user_data may be gone (see load_done_cb). */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the shift history: %s", error->message);
      return;
    }
  self = CIVIC_VOLUNTEER_EDITOR (user_data);
  /* A person opened after this one was asked for has the page now (the
   * reads run side by side and can finish in any order).
   */
  if (g_strcmp0 (data->volunteer_id, civic_record_get_id (CIVIC_RECORD (self->record))) != 0)
    return;

  clear_history (self);
  for (guint i = 0; i < data->rows->len; i++)
    {
      HistoryRow *row = g_ptr_array_index (data->rows, i);

      show_history_row (self, i, row->title, row->subtitle);
    }
  if (data->rows->len == 0)
    show_history_row (self, 0, _("No shifts yet"), NULL);
  self->n_history = data->rows->len;

  if (self->campaign_name != NULL)
    /* Translators: hours worked in total, then in the current campaign. */
    hours = g_strdup_printf (_("%.1f hours in all · %.1f in %s"), data->total, data->campaign, self->campaign_name);
  else
    hours = g_strdup_printf (_("%.1f hours in all"), data->total);
  gtk_label_set_label (self->hours_label, hours);

  g_signal_emit (self, signals[HISTORY_LOADED], 0);
}

static void
load_history (CivicVolunteerEditor *self)
{
  g_autoptr(GTask) task = NULL;
  HistoryData *data;
  const char *id = civic_record_get_id (CIVIC_RECORD (self->record));

  clear_history (self);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), id != NULL);
  if (id == NULL || self->store == NULL)
    return;

  data = g_new0 (HistoryData, 1);
  data->store = g_object_ref (self->store);
  data->volunteer_id = g_strdup (id);
  data->campaign_id = g_strdup (self->campaign_id);
  task = g_task_new (NULL, self->cancellable, history_done_cb, self);
  g_task_set_source_tag (task, load_history);
  g_task_set_task_data (task, data, (GDestroyNotify) history_data_free);
  g_task_run_in_thread (task, history_thread);
}

/* ---- Saving --------------------------------------------------------------- */

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CivicVolunteerEditor) self = user_data;
  g_autoptr(CivicVolunteer) record = g_object_ref (CIVIC_VOLUNTEER (source));
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = civic_record_save_finish (CIVIC_RECORD (record), result, &error);

  self->saving = FALSE;
  if (rev == NULL)
    {
      if (g_error_matches (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID))
        show_field_error (self, error);
      else
        {
          GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CIVIC_TYPE_WINDOW);
          g_autoptr(GError) shown = g_error_new (error->domain, error->code,
                                                 _("The volunteer was not saved: %s"), error->message);

          if (window != NULL)
            civic_window_show_error (CIVIC_WINDOW (window), shown);
          else
            g_message ("%s", shown->message);
        }
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
      return;
    }

  g_set_object (&self->record, record);
  fill_form (self);
  load_history (self);
  g_signal_emit (self, signals[SAVED], 0, civic_record_get_id (CIVIC_RECORD (record)));
}

static void
really_save (CivicVolunteerEditor *self,
             CivicVolunteer       *record)
{
  self->saving = TRUE;
  civic_record_save_async (CIVIC_RECORD (record), self->store, g_get_user_name (), self->cancellable,
                           save_done_cb, g_object_ref (self));
}

typedef struct {
  CivicStore     *store;
  CivicVolunteer *record;
  char           *existing_id;
  char           *existing_name;
  char           *what;   /* phone, email, name */
} DuplicateData;

static void
duplicate_data_free (DuplicateData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->record);
  g_free (data->existing_id);
  g_free (data->existing_name);
  g_free (data->what);
  g_free (data);
}

/* The roster import's rules, on a one-row file made from the form. */
static void
duplicate_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DuplicateData *data = task_data;
  CivicVolunteer *v = data->record;
  static const char * const header[] = { "Given name", "Family name", "Korean name", "Phone", "Email" };
  const char *row[5];
  g_autoptr(GString) csv = civic_csv_buffer_new (CIVIC_CSV_WRITE_NONE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CivicRosterImport) plan = NULL;
  GPtrArray *rows;
  CivicRosterImportRow *first;
  GError *error = NULL;

  row[0] = civic_volunteer_get_given_name (v);
  row[1] = civic_volunteer_get_family_name (v);
  row[2] = civic_volunteer_get_name_ko (v);
  row[3] = civic_volunteer_get_phone (v);
  row[4] = civic_volunteer_get_email (v);
  civic_csv_append_row (csv, header, 5);
  civic_csv_append_row (csv, row, 5);
  bytes = g_bytes_new (csv->str, csv->len);

  plan = civic_roster_import_prepare (bytes, &error);
  if (plan == NULL || !civic_roster_import_evaluate (plan, data->store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  rows = civic_roster_import_get_rows (plan);
  first = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;

  if (first != NULL && first->status == CIVIC_ROSTER_ROW_DUPLICATE && first->duplicate_of != NULL)
    {
      g_autoptr(JsonObject) existing = civic_store_get (data->store, first->duplicate_of, NULL);
      g_autoptr(CivicRecord) record = existing ? civic_record_new_from_json (existing, NULL) : NULL;

      if (record != NULL)
        {
          CivicVolunteer *other = CIVIC_VOLUNTEER (record);
          g_autofree char *phone_a = row[3] ? civic_roster_phone_key (row[3]) : NULL;
          g_autofree char *phone_b = civic_volunteer_get_phone (other) ? civic_roster_phone_key (civic_volunteer_get_phone (other)) : NULL;
          const char *name_ko = civic_volunteer_get_name_ko (other);

          data->existing_id = g_strdup (first->duplicate_of);
          data->existing_name = civic_volunteer_dup_display_name (other);
          if (name_ko != NULL && *name_ko && g_strcmp0 (name_ko, data->existing_name) != 0)
            {
              char *both = g_strdup_printf ("%s · %s", data->existing_name, name_ko);
              g_free (data->existing_name);
              data->existing_name = both;
            }
          if (phone_a != NULL && *phone_a && g_strcmp0 (phone_a, phone_b) == 0)
            data->what = g_strdup ("phone");
          else if (row[4] != NULL && civic_volunteer_get_email (other) != NULL &&
                   g_ascii_strcasecmp (row[4], civic_volunteer_get_email (other)) == 0)
            data->what = g_strdup ("email");
          else
            data->what = g_strdup ("name");
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
duplicate_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       CivicVolunteerEditor *self)
{
  CivicVolunteer *record = g_object_get_data (G_OBJECT (dialog), "record");
  const char *existing = g_object_get_data (G_OBJECT (dialog), "existing-id");

  if (self->duplicate_dialog == dialog)
    self->duplicate_dialog = NULL;

  if (g_strcmp0 (response, "save") == 0)
    really_save (self, record);
  else if (g_strcmp0 (response, "open") == 0)
    g_signal_emit (self, signals[OPEN_VOLUNTEER], 0, existing);
}

static void
duplicate_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CivicVolunteerEditor *self = CIVIC_VOLUNTEER_EDITOR (user_data);
  DuplicateData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkRoot *root;
  g_autofree char *body = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The check could not run (an import rule refused the one-row file,
       * or the store failed): saving still validates, so go on.
       * Cancelled means disposed: then self is not touched at all.
       */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Duplicate check skipped: %s", error->message);
      really_save (self, data->record);
      return;
    }

  if (data->existing_id == NULL)
    {
      really_save (self, data->record);
      return;
    }

  if (g_strcmp0 (data->what, "phone") == 0)
    body = g_strdup_printf (_("A volunteer with this phone number already exists: %s"), data->existing_name);
  else if (g_strcmp0 (data->what, "email") == 0)
    body = g_strdup_printf (_("A volunteer with this e-mail address already exists: %s"), data->existing_name);
  else
    body = g_strdup_printf (_("A volunteer with this name already exists: %s"), data->existing_name);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Possible Duplicate"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Existing"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (data->record), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "existing-id", g_strdup (data->existing_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  self->duplicate_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
civic_volunteer_editor_save (CivicVolunteerEditor *self)
{
  g_autoptr(CivicVolunteer) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), FALSE);

  if (self->read_only || self->store == NULL || self->record == NULL || self->saving)
    return FALSE;

  clear_errors (self);
  record = form_to_record (self->record, self);
  if (!civic_record_validate (CIVIC_RECORD (record), &error))
    {
      show_field_error (self, error);
      return FALSE;
    }

  if (civic_record_get_id (CIVIC_RECORD (record)) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, duplicate_done_cb, self);
      DuplicateData *data = g_new0 (DuplicateData, 1);

      data->store = g_object_ref (self->store);
      data->record = g_steal_pointer (&record);
      g_task_set_source_tag (task, civic_volunteer_editor_save);
      g_task_set_task_data (task, data, (GDestroyNotify) duplicate_data_free);
      g_task_run_in_thread (task, duplicate_thread);
      return TRUE;
    }

  really_save (self, record);
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------- */

static void
civic_volunteer_editor_dispose (GObject *object)
{
  CivicVolunteerEditor *self = CIVIC_VOLUNTEER_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->duplicate_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->duplicate_dialog));
  self->duplicate_dialog = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->office_ids, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (civic_volunteer_editor_parent_class)->dispose (object);
}

static void
civic_volunteer_editor_finalize (GObject *object)
{
  CivicVolunteerEditor *self = CIVIC_VOLUNTEER_EDITOR (object);

  g_free (self->title);
  g_free (self->loading_id);
  g_free (self->campaign_id);
  g_free (self->campaign_name);

  G_OBJECT_CLASS (civic_volunteer_editor_parent_class)->finalize (object);
}

static void
civic_volunteer_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CivicVolunteerEditor *self = CIVIC_VOLUNTEER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_volunteer_editor_class_init (CivicVolunteerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civic_volunteer_editor_dispose;
  object_class->finalize = civic_volunteer_editor_finalize;
  object_class->get_property = civic_volunteer_editor_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivicVolunteerEditor::saved:
   * @id: the volunteer's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CivicVolunteerEditor::open-volunteer:
   * @id: the existing volunteer the person chose to open instead
   */
  signals[OPEN_VOLUNTEER] = g_signal_new ("open-volunteer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[HISTORY_LOADED] = g_signal_new ("history-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CivicVolunteerEditor::save-failed:
   * @error: why
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
civic_volunteer_editor_init (CivicVolunteerEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->office_ids = g_ptr_array_new_with_free_func (g_free);
  self->history_rows = g_ptr_array_new ();
  build_form (self);
  rebuild_office_choice (self, NULL);
  self->record = civic_volunteer_new ();
  fill_form (self);
}

/* ---- Public API ----------------------------------------------------------- */

GtkWidget *
civic_volunteer_editor_new (void)
{
  return g_object_new (CIVIC_TYPE_VOLUNTEER_EDITOR, NULL);
}

void
civic_volunteer_editor_set_store (CivicVolunteerEditor *self,
                                  CivicStore           *store)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));
  g_set_object (&self->store, store);
}

void
civic_volunteer_editor_set_read_only (CivicVolunteerEditor *self,
                                      gboolean              read_only)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));

  self->read_only = !!read_only;
  /* The board reads the page; the fields stay selectable but not editable. */
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_editable (text_row (self, text_fields[i].field), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->office_row), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->age_row), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_contact), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_sms), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_photo), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), !self->read_only);
  gtk_text_view_set_editable (self->notes_view, !self->read_only);
  for (guint d = 0; d < 2; d++)
    for (guint t = 0; t < 3; t++)
      gtk_widget_set_sensitive (GTK_WIDGET (self->availability[d][t]), !self->read_only);
}

void
civic_volunteer_editor_set_office_names (CivicVolunteerEditor *self,
                                         GHashTable           *office_names)
{
  g_autofree char *current = NULL;

  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));

  current = g_strdup (civic_volunteer_get_office_id (self->record));
  rebuild_office_choice (self, office_names);
  self->loading_form = TRUE;
  select_office (self, current);
  self->loading_form = FALSE;
}

void
civic_volunteer_editor_set_campaign (CivicVolunteerEditor *self,
                                     const char           *campaign_id,
                                     const char           *campaign_name)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));

  g_free (self->campaign_id);
  self->campaign_id = g_strdup (campaign_id);
  g_free (self->campaign_name);
  self->campaign_name = g_strdup (campaign_name);
}

typedef struct {
  CivicStore *store;
  char       *id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->id);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  CivicRecord *record = civic_record_load (data->store, data->id, &error);

  if (record == NULL)
    g_task_return_error (task, error);
  else if (!CIVIC_IS_VOLUNTEER (record))
    {
      g_object_unref (record);
      g_task_return_new_error (task, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_INVALID,
                               "%s is not a volunteer", data->id);
    }
  else
    g_task_return_pointer (task, record, g_object_unref);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CivicVolunteerEditor *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicRecord) record = g_task_propagate_pointer (G_TASK (result), &error);

  /* The tasks have no source object (a widget the task's last reference
   * could finalize in a worker thread) and check their cancellable, which
   * dispose cancels: cancelled, user_data may be gone and is not touched.
   */
  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not open the volunteer: %s", error->message);
      return;
    }
  self = CIVIC_VOLUNTEER_EDITOR (user_data);
  /* Only the last person asked for is shown. */
  if (g_strcmp0 (civic_record_get_id (record), self->loading_id) != 0)
    return;

  g_set_object (&self->record, CIVIC_VOLUNTEER (record));
  fill_form (self);
  load_history (self);
  g_signal_emit (self, signals[LOADED], 0);
}

/* Reads the volunteer in a thread: the store's one connection may be busy
 * with a long query of another thread, and the main loop must not wait.
 */
void
civic_volunteer_editor_load (CivicVolunteerEditor *self,
                             const char           *id)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));
  g_return_if_fail (id != NULL);

  if (self->store == NULL)
    return;

  g_free (self->loading_id);
  self->loading_id = g_strdup (id);
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->id = g_strdup (id);
  task = g_task_new (NULL, self->cancellable, load_done_cb, self);
  g_task_set_source_tag (task, civic_volunteer_editor_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
civic_volunteer_editor_new_volunteer (CivicVolunteerEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(CivicVolunteer) record = civic_volunteer_new ();

  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));

  civic_volunteer_set_joined_on (record, today);
  g_clear_pointer (&self->loading_id, g_free);
  g_set_object (&self->record, record);
  fill_form (self);
  load_history (self);
  gtk_widget_grab_focus (g_hash_table_lookup (self->fields, "given_name"));
}

const char *
civic_volunteer_editor_get_volunteer_id (CivicVolunteerEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), NULL);
  return self->record ? civic_record_get_id (CIVIC_RECORD (self->record)) : NULL;
}

const char *
civic_volunteer_editor_get_title (CivicVolunteerEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), NULL);
  return self->title;
}

gboolean
civic_volunteer_editor_get_modified (CivicVolunteerEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), FALSE);
  return self->modified;
}

void
civic_volunteer_editor_set_field_text (CivicVolunteerEditor *self,
                                       const char           *field,
                                       const char           *text)
{
  g_return_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self));
  g_return_if_fail (text_row (self, field) != NULL);
  set_text (self, field, text);
}

const char *
civic_volunteer_editor_get_field_error (CivicVolunteerEditor *self,
                                        const char           *field)
{
  GtkWidget *label;

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), NULL);

  label = g_hash_table_lookup (self->errors, field);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (label));
}

AdwMessageDialog *
civic_volunteer_editor_get_duplicate_dialog (CivicVolunteerEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), NULL);
  return self->duplicate_dialog;
}

guint
civic_volunteer_editor_get_n_history (CivicVolunteerEditor *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), 0);
  return self->n_history;
}

AdwActionRow *
civic_volunteer_editor_get_history_row (CivicVolunteerEditor *self,
                                        guint                 position)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_EDITOR (self), NULL);

  if (position >= self->n_history)
    return NULL;
  return g_ptr_array_index (self->history_rows, position);
}
