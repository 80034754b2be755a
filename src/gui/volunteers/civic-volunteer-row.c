/* civic-volunteer-row.c — one volunteer as the roster's column view shows it
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkColumnView sorts and binds through property expressions, so the
 * values a column shows are properties here, computed once when the row is
 * made (in the roster's loading thread) rather than on every bind.  The
 * last shift and the campaign hours come later, from one pass over the
 * signups, through civic_volunteer_row_set_stats ().
 *
 * The roster sorts itself (see civic-roster-list.h) rather than through a
 * GtkSortListModel, so each row also keeps a key per sortable column,
 * made once, and civic_volunteer_row_compare () orders by them.
 */

#define G_LOG_DOMAIN "civic-volunteer-row"

#include "config.h"

#include <string.h>

#include "civic-text.h"
#include "civic-volunteer-row.h"
#include "civic-volunteer-search.h"

struct _CivicVolunteerRow
{
  GObject     parent_instance;

  JsonObject *doc;
  char       *name;
  char       *sort_name;
  char       *phone;
  char       *languages;
  char       *office;
  char       *last_shift;
  double      hours;
  gboolean    active;

  /* Sort keys */
  char       *phone_key;      /* digits */
  char       *languages_key;  /* folded */
  char       *office_key;     /* folded */
  guint       mark;
};

G_DEFINE_FINAL_TYPE (CivicVolunteerRow, civic_volunteer_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SORT_NAME,
  PROP_PHONE,
  PROP_LANGUAGES,
  PROP_OFFICE,
  PROP_LAST_SHIFT,
  PROP_HOURS,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
doc_string (JsonObject *doc,
            const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
civic_volunteer_row_finalize (GObject *object)
{
  CivicVolunteerRow *self = CIVIC_VOLUNTEER_ROW (object);

  g_clear_pointer (&self->doc, json_object_unref);
  g_free (self->name);
  g_free (self->sort_name);
  g_free (self->phone);
  g_free (self->languages);
  g_free (self->office);
  g_free (self->last_shift);
  g_free (self->phone_key);
  g_free (self->languages_key);
  g_free (self->office_key);

  G_OBJECT_CLASS (civic_volunteer_row_parent_class)->finalize (object);
}

static void
civic_volunteer_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CivicVolunteerRow *self = CIVIC_VOLUNTEER_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, civic_volunteer_row_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SORT_NAME:
      g_value_set_string (value, self->sort_name);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_LANGUAGES:
      g_value_set_string (value, self->languages);
      break;
    case PROP_OFFICE:
      g_value_set_string (value, self->office);
      break;
    case PROP_LAST_SHIFT:
      g_value_set_string (value, self->last_shift);
      break;
    case PROP_HOURS:
      g_value_set_double (value, self->hours);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_volunteer_row_class_init (CivicVolunteerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = civic_volunteer_row_finalize;
  object_class->get_property = civic_volunteer_row_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SORT_NAME] = g_param_spec_string ("sort-name", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGES] = g_param_spec_string ("languages", NULL, NULL, NULL, flags);
  properties[PROP_OFFICE] = g_param_spec_string ("office", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SHIFT] = g_param_spec_string ("last-shift", NULL, NULL, NULL, flags);
  properties[PROP_HOURS] = g_param_spec_double ("hours", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civic_volunteer_row_init (CivicVolunteerRow *self)
{
}

static char *
join_strings (JsonObject *doc,
              const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);
  GString *out = g_string_new (NULL);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            continue;
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, json_node_get_string (item));
        }
    }

  return g_string_free (out, FALSE);
}

CivicVolunteerRow *
civic_volunteer_row_new (JsonObject *doc,
                         const char *office_name)
{
  CivicVolunteerRow *self;
  const char *given, *family, *name_ko, *preferred;
  g_autoptr(GString) latin = g_string_new (NULL);
  JsonNode *active;

  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (CIVIC_TYPE_VOLUNTEER_ROW, NULL);
  self->doc = json_object_ref (doc);

  given = doc_string (doc, "given_name");
  family = doc_string (doc, "family_name");
  name_ko = doc_string (doc, "name_ko");
  preferred = doc_string (doc, "preferred_name");

  if (preferred != NULL && *preferred)
    g_string_append (latin, preferred);
  else
    {
      if (given != NULL && *given)
        g_string_append (latin, given);
      if (family != NULL && *family)
        g_string_append_printf (latin, "%s%s", latin->len ? " " : "", family);
    }

  if (latin->len > 0 && name_ko != NULL && *name_ko)
    self->name = g_strdup_printf ("%s · %s", latin->str, name_ko);
  else if (latin->len > 0)
    self->name = g_strdup (latin->str);
  else
    self->name = g_strdup (name_ko ? name_ko : "");

  self->sort_name = civic_volunteer_sort_key (doc);

  self->phone = g_strdup (doc_string (doc, "phone") ? doc_string (doc, "phone") : "");
  self->languages = join_strings (doc, "languages");
  self->office = g_strdup (office_name ? office_name : "");
  self->last_shift = g_strdup ("");
  self->phone_key = civic_text_digits (self->phone);
  self->languages_key = g_utf8_casefold (self->languages, -1);
  self->office_key = g_utf8_casefold (self->office, -1);

  active = json_object_get_member (doc, "active");
  self->active = active == NULL || !JSON_NODE_HOLDS_VALUE (active) || json_node_get_boolean (active);

  return self;
}

JsonObject *
civic_volunteer_row_get_document (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->doc;
}

const char *
civic_volunteer_row_get_id (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return doc_string (self->doc, "_id");
}

const char *
civic_volunteer_row_get_name (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->name;
}

const char *
civic_volunteer_row_get_sort_name (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->sort_name;
}

const char *
civic_volunteer_row_get_phone (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->phone;
}

const char *
civic_volunteer_row_get_languages (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->languages;
}

const char *
civic_volunteer_row_get_office (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->office;
}

gboolean
civic_volunteer_row_get_active (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), FALSE);
  return self->active;
}

const char *
civic_volunteer_row_get_last_shift (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), NULL);
  return self->last_shift;
}

double
civic_volunteer_row_get_hours (CivicVolunteerRow *self)
{
  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), 0);
  return self->hours;
}

gboolean
civic_volunteer_row_set_stats_quietly (CivicVolunteerRow *self,
                                       const char        *last_shift,
                                       double             hours)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (CIVIC_IS_VOLUNTEER_ROW (self), FALSE);

  if (last_shift == NULL)
    last_shift = "";
  if (g_strcmp0 (self->last_shift, last_shift) != 0)
    {
      g_free (self->last_shift);
      self->last_shift = g_strdup (last_shift);
      changed = TRUE;
    }
  if (self->hours != hours)
    {
      self->hours = hours;
      changed = TRUE;
    }
  return changed;
}

void
civic_volunteer_row_set_stats (CivicVolunteerRow *self,
                               const char        *last_shift,
                               double             hours)
{
  gboolean last_changed, hours_changed;

  g_return_if_fail (CIVIC_IS_VOLUNTEER_ROW (self));

  last_changed = g_strcmp0 (self->last_shift, last_shift ? last_shift : "") != 0;
  hours_changed = self->hours != hours;
  civic_volunteer_row_set_stats_quietly (self, last_shift, hours);
  if (last_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SHIFT]);
  if (hours_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOURS]);
}

int
civic_volunteer_row_compare (CivicVolunteerRow *a,
                             CivicVolunteerRow *b,
                             CivicRosterColumn  column)
{
  int r = 0;

  if (a == b)
    return 0;

  switch (column)
    {
    case CIVIC_ROSTER_COLUMN_PHONE:
      r = strcmp (a->phone_key, b->phone_key);
      break;
    case CIVIC_ROSTER_COLUMN_LANGUAGES:
      r = strcmp (a->languages_key, b->languages_key);
      break;
    case CIVIC_ROSTER_COLUMN_OFFICE:
      r = strcmp (a->office_key, b->office_key);
      break;
    case CIVIC_ROSTER_COLUMN_LAST_SHIFT:
      r = strcmp (a->last_shift, b->last_shift);
      break;
    case CIVIC_ROSTER_COLUMN_HOURS:
      r = (a->hours > b->hours) - (a->hours < b->hours);
      break;
    case CIVIC_ROSTER_COLUMN_ACTIVE:
      r = (a->active != 0) - (b->active != 0);
      break;
    case CIVIC_ROSTER_COLUMN_NAME:
    case CIVIC_ROSTER_N_COLUMNS:
    default:
      break;
    }
  if (r == 0)
    r = strcmp (a->sort_name, b->sort_name);
  if (r == 0)
    r = g_strcmp0 (civic_volunteer_row_get_id (a), civic_volunteer_row_get_id (b));
  return r;
}

guint
civic_volunteer_row_get_mark (CivicVolunteerRow *self)
{
  return self->mark;
}

void
civic_volunteer_row_set_mark (CivicVolunteerRow *self,
                              guint              mark)
{
  self->mark = mark;
}
