/* civic-record.c — the base class of every record type: JSON, fields, validation, save
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-record"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "civic-record-private.h"
#include "civic-office.h"
#include "civic-campaign.h"
#include "civic-event.h"
#include "civic-shift.h"
#include "civic-signup.h"
#include "civic-volunteer.h"
#include "civic-legislator.h"
#include "civic-visit.h"

typedef struct
{
  char       *id;
  char       *rev;
  /* Every field but _id, _rev and type, known or not, in document order. */
  JsonObject *data;
} CivicRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CivicRecord, civic_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_RECORD_TYPE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_UPDATED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- The extended error ------------------------------------------------- */

typedef struct
{
  char *field;
  int   index;
  char *reason;
} CivicRecordErrorPrivate;

static void
civic_record_error_private_init (CivicRecordErrorPrivate *priv)
{
  priv->field = NULL;
  priv->index = -1;
  priv->reason = NULL;
}

static void
civic_record_error_private_copy (const CivicRecordErrorPrivate *src,
                                 CivicRecordErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->index = src->index;
  dest->reason = g_strdup (src->reason);
}

static void
civic_record_error_private_clear (CivicRecordErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->reason, g_free);
}

G_DEFINE_EXTENDED_ERROR (CivicRecordError, civic_record_error)

const char *
civic_record_error_get_field (const GError *error)
{
  CivicRecordErrorPrivate *priv;

  if (error == NULL || error->domain != CIVIC_RECORD_ERROR)
    return NULL;
  priv = civic_record_error_get_private (error);
  return priv != NULL ? priv->field : NULL;
}

int
civic_record_error_get_index (const GError *error)
{
  CivicRecordErrorPrivate *priv;

  if (error == NULL || error->domain != CIVIC_RECORD_ERROR)
    return -1;
  priv = civic_record_error_get_private (error);
  return priv != NULL ? priv->index : -1;
}

const char *
civic_record_error_get_reason (const GError *error)
{
  CivicRecordErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CIVIC_RECORD_ERROR)
    {
      priv = civic_record_error_get_private (error);
      if (priv != NULL && priv->reason != NULL)
        return priv->reason;
    }
  return error->message;
}

/* ---- JSON helpers ------------------------------------------------------- */

JsonObject *
_civic_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, _civic_json_node_deep_copy (node));
  return copy;
}

static JsonArray *
json_array_deep_copy (JsonArray *array)
{
  guint n = json_array_get_length (array);
  JsonArray *copy = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_element (copy, _civic_json_node_deep_copy (json_array_get_element (array, i)));
  return copy;
}

JsonNode *
_civic_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, _civic_json_object_deep_copy (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, json_array_deep_copy (json_node_get_array (node)));
      return copy;
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* ---- Time and format helpers --------------------------------------------- */

char *
civic_format_instant (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (dt != NULL, NULL);

  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
civic_now_instant (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return civic_format_instant (now);
}

/* Reads @n digits at @text into *@value. */
static gboolean
read_digits (const char *text,
             guint       n,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

/* Checks "YYYY-MM-DD" at the start of @text (more may follow). */
static gboolean
date_prefix_valid (const char *text)
{
  guint y, m, d;

  return read_digits (text, 4, &y) && text[4] == '-'
         && read_digits (text + 5, 2, &m) && text[7] == '-'
         && read_digits (text + 8, 2, &d)
         && y >= 1 && m >= 1 && m <= 12 && d >= 1
         && d <= g_date_get_days_in_month (m, y);
}

gboolean
civic_is_date (const char *text)
{
  return text != NULL && strlen (text) == 10 && date_prefix_valid (text);
}

gboolean
civic_is_utc_instant (const char *text)
{
  guint h, min, s;
  const char *p;

  /* Strictly "YYYY-MM-DDTHH:MM:SS[.fraction]Z": the store compares instants
   * as text, so only this UTC form sorts correctly; an offset such as
   * +09:00 is refused.  Parsed by hand because lists validate many.
   */
  if (text == NULL || strlen (text) < 20 || !date_prefix_valid (text) || text[10] != 'T'
      || !read_digits (text + 11, 2, &h) || text[13] != ':'
      || !read_digits (text + 14, 2, &min) || text[16] != ':'
      || !read_digits (text + 17, 2, &s)
      || h > 23 || min > 59 || s > 59)
    return FALSE;
  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return p[0] == 'Z' && p[1] == '\0';
}

gboolean
civic_is_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+')
        {
          /* A + only leads the number. */
          for (const char *q = text; q < p; q++)
            if (*q != ' ')
              return FALSE;
        }
      else if (strchr (" ()-./", *p) == NULL)
        return FALSE;
    }
  return digits >= 10 && digits <= 15;
}

gboolean
civic_is_email (const char *text)
{
  const char *at, *dot;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static GDateTime *
parse_time (const char *text)
{
  if (text == NULL)
    return NULL;
  if (civic_is_date (text))
    {
      g_autofree char *iso = g_strconcat (text, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (iso, NULL);
    }
  return g_date_time_new_from_iso8601 (text, NULL);
}

int
_civic_compare_times (const char *a,
                      const char *b)
{
  g_autoptr(GDateTime) da = parse_time (a);
  g_autoptr(GDateTime) db = parse_time (b);

  if (da == NULL || db == NULL)
    return -2;
  return g_date_time_compare (da, db);
}

/* ---- Choices ------------------------------------------------------------ */

const CivicChoice *
_civic_choice_find (const CivicChoice *table,
                    const char        *id)
{
  if (id == NULL)
    return NULL;
  for (; table->id != NULL; table++)
    if (g_str_equal (table->id, id))
      return table;
  return NULL;
}

const char *
_civic_choice_label (const CivicChoice *table,
                     const char        *id)
{
  const CivicChoice *choice = _civic_choice_find (table, id);

  if (choice != NULL)
    return _(choice->label);
  return id;
}

const char * const *
_civic_choice_ids (const CivicChoice *table,
                   gpointer          *cache)
{
  if (g_once_init_enter (cache))
    {
      GPtrArray *ids = g_ptr_array_new ();

      for (const CivicChoice *c = table; c->id != NULL; c++)
        g_ptr_array_add (ids, (gpointer) c->id);
      g_ptr_array_add (ids, NULL);
      g_once_init_leave (cache, g_ptr_array_free (ids, FALSE));
    }
  return (const char * const *) *cache;
}

/* ---- Types -------------------------------------------------------------- */

static const CivicChoice record_types[] = {
  { "office", N_("Office"), NULL, NULL },
  { "campaign", N_("Campaign"), NULL, NULL },
  { "event", N_("Event"), NULL, NULL },
  { "shift", N_("Shift"), NULL, NULL },
  { "signup", N_("Signup"), NULL, NULL },
  { "volunteer", N_("Volunteer"), NULL, NULL },
  { "legislator", N_("Legislator"), NULL, NULL },
  { "visit", N_("Visit"), NULL, NULL },
  { NULL, NULL, NULL, NULL }
};

const char * const *
civic_record_type_list (void)
{
  static gpointer cache;

  return _civic_choice_ids (record_types, &cache);
}

const char *
civic_record_type_get_label (const char *type)
{
  return _civic_choice_label (record_types, type);
}

GType
civic_record_type_get_gtype (const char *type)
{
  if (type == NULL)
    return G_TYPE_INVALID;
  if (g_str_equal (type, "office"))
    return CIVIC_TYPE_OFFICE;
  if (g_str_equal (type, "campaign"))
    return CIVIC_TYPE_CAMPAIGN;
  if (g_str_equal (type, "event"))
    return CIVIC_TYPE_EVENT;
  if (g_str_equal (type, "shift"))
    return CIVIC_TYPE_SHIFT;
  if (g_str_equal (type, "signup"))
    return CIVIC_TYPE_SIGNUP;
  if (g_str_equal (type, "volunteer"))
    return CIVIC_TYPE_VOLUNTEER;
  if (g_str_equal (type, "legislator"))
    return CIVIC_TYPE_LEGISLATOR;
  if (g_str_equal (type, "visit"))
    return CIVIC_TYPE_VISIT;
  return G_TYPE_INVALID;
}

const char *
civic_record_type_to_id_prefix (const char *type)
{
  static const char * const prefixes[] = {
    "office:", "campaign:", "event:", "shift:", "signup:", "volunteer:", "legislator:", "visit:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (type != NULL && g_str_equal (record_types[i].id, type))
      return prefixes[i];
  return NULL;
}

char *
civic_record_type_from_id (const char *id)
{
  const char *colon;
  g_autofree char *type = NULL;

  if (id == NULL || (colon = strchr (id, ':')) == NULL)
    return NULL;
  type = g_strndup (id, colon - id);
  if (_civic_choice_find (record_types, type) == NULL)
    return NULL;
  return g_steal_pointer (&type);
}

/* ---- Fields ------------------------------------------------------------- */

static const CivicFieldSpec common_fields[] = {
  { "_id", CIVIC_FIELD_STRING, N_("Id") },
  { "created_at", CIVIC_FIELD_STRING, N_("Created") },
  { "updated_at", CIVIC_FIELD_STRING, N_("Updated") },
  { "updated_by", CIVIC_FIELD_STRING, N_("Updated by") },
};

static int
field_index (CivicRecordClass *klass,
             const char       *name)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_equal (klass->fields[i].name, name))
      return (int) i;
  return -1;
}

const CivicFieldSpec *
civic_record_class_find_field (CivicRecordClass *klass,
                               const char       *name)
{
  int i;

  g_return_val_if_fail (CIVIC_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = field_index (klass, name);
  if (i >= 0)
    return &klass->fields[i];
  for (guint j = 0; j < G_N_ELEMENTS (common_fields); j++)
    if (g_str_equal (common_fields[j].name, name))
      return &common_fields[j];
  return NULL;
}

const char *
civic_record_field_label (const char *type,
                          const char *name)
{
  GType gtype = civic_record_type_get_gtype (type);
  g_autoptr(GTypeClass) klass = NULL;
  const CivicFieldSpec *spec;

  g_return_val_if_fail (name != NULL, NULL);

  if (gtype == G_TYPE_INVALID)
    {
      for (guint j = 0; j < G_N_ELEMENTS (common_fields); j++)
        if (g_str_equal (common_fields[j].name, name))
          return _(common_fields[j].label);
      return name;
    }
  klass = g_type_class_ref (gtype);
  spec = civic_record_class_find_field (CIVIC_RECORD_CLASS (klass), name);
  return spec != NULL ? _(spec->label) : name;
}

static char *
property_name (const char *json_name)
{
  char *name = g_strdup (json_name);

  g_strdelimit (name, "_", '-');
  return name;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static void
notify_field (CivicRecord *self,
              const char  *name)
{
  CivicRecordClass *klass = CIVIC_RECORD_GET_CLASS (self);
  int i;

  if (g_str_equal (name, "created_at"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
  else if (g_str_equal (name, "updated_at"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
  else if (g_str_equal (name, "updated_by"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_BY]);
  else if ((i = field_index (klass, name)) >= 0 && klass->field_pspecs != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), klass->field_pspecs[i]);
}

/* Takes @node (may be %NULL to remove) and notifies when the value changed. */
static void
set_member (CivicRecord *self,
            const char  *name,
            JsonNode    *node)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);
  CivicRecordClass *klass = CIVIC_RECORD_GET_CLASS (self);
  JsonNode *old = json_object_get_member (priv->data, name);

  /* A type that must never hold some fields filters every value set, as
   * well as every document read and written, so no path can store them.
   */
  if (node != NULL && klass->filter_json != NULL)
    {
      g_autoptr(JsonObject) wrapper = json_object_new ();

      json_object_set_member (wrapper, name, node);
      klass->filter_json (klass, wrapper);
      node = json_object_get_member (wrapper, name);
      if (node == NULL)
        return;
      json_node_ref (node);
    }

  if (node == NULL)
    {
      if (old == NULL)
        return;
      json_object_remove_member (priv->data, name);
      notify_field (self, name);
      return;
    }
  if (old != NULL && json_node_equal (old, node))
    {
      json_node_unref (node);
      return;
    }
  json_object_set_member (priv->data, name, node);
  notify_field (self, name);
}

gboolean
civic_record_has_field (CivicRecord *self,
                        const char  *name)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_return_val_if_fail (CIVIC_IS_RECORD (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return json_object_has_member (priv->data, name);
}

void
civic_record_remove_field (CivicRecord *self,
                           const char  *name)
{
  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  set_member (self, name, NULL);
}

static JsonNode *
get_member (CivicRecord *self,
            const char  *name)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  return json_object_get_member (priv->data, name);
}

const char *
civic_record_get_string (CivicRecord *self,
                         const char  *name)
{
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

void
civic_record_set_string (CivicRecord *self,
                         const char  *name,
                         const char  *value)
{
  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  set_member (self, name, value != NULL ? json_node_init_string (json_node_alloc (), value) : NULL);
}

gint64
civic_record_get_int (CivicRecord *self,
                      const char  *name,
                      gint64       fallback)
{
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), fallback);
  g_return_val_if_fail (name != NULL, fallback);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);
    default:
      return fallback;
    }
}

void
civic_record_set_int (CivicRecord *self,
                      const char  *name,
                      gint64       value)
{
  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  set_member (self, name, json_node_init_int (json_node_alloc (), value));
}

gboolean
civic_record_get_boolean (CivicRecord *self,
                          const char  *name,
                          gboolean     fallback)
{
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), fallback);
  g_return_val_if_fail (name != NULL, fallback);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

void
civic_record_set_boolean (CivicRecord *self,
                          const char  *name,
                          gboolean     value)
{
  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  set_member (self, name, json_node_init_boolean (json_node_alloc (), value));
}

GStrv
civic_record_dup_strv (CivicRecord *self,
                       const char  *name)
{
  JsonNode *node;
  JsonArray *array;
  GStrvBuilder *builder;
  GStrv strv;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

void
civic_record_set_strv (CivicRecord        *self,
                       const char         *name,
                       const char * const *value)
{
  JsonArray *array;

  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      set_member (self, name, NULL);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; value[i] != NULL; i++)
    json_array_add_string_element (array, value[i]);
  set_member (self, name, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

JsonObject *
civic_record_get_object (CivicRecord *self,
                         const char  *name)
{
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

void
civic_record_set_object (CivicRecord *self,
                         const char  *name,
                         JsonObject  *value)
{
  JsonNode *node;

  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      set_member (self, name, NULL);
      return;
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, _civic_json_object_deep_copy (value));
  set_member (self, name, node);
}

JsonArray *
civic_record_get_array (CivicRecord *self,
                        const char  *name)
{
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = get_member (self, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

void
civic_record_set_array (CivicRecord *self,
                        const char  *name,
                        JsonArray   *value)
{
  JsonNode *node;

  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      set_member (self, name, NULL);
      return;
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, json_array_deep_copy (value));
  set_member (self, name, node);
}

GDateTime *
civic_record_dup_datetime (CivicRecord *self,
                           const char  *name)
{
  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);

  return parse_time (civic_record_get_string (self, name));
}

JsonObject *
civic_record_dup_extras (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);
  CivicRecordClass *klass;
  JsonObject *extras;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);

  klass = CIVIC_RECORD_GET_CLASS (self);
  extras = json_object_new ();
  json_object_iter_init (&iter, priv->data);
  while (json_object_iter_next (&iter, &name, &node))
    if (civic_record_class_find_field (klass, name) == NULL)
      json_object_set_member (extras, name, _civic_json_node_deep_copy (node));
  return extras;
}

JsonObject *
_civic_record_get_data (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  return priv->data;
}

/* ---- Generic properties of the subclasses -------------------------------- */

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  CivicRecord *self = CIVIC_RECORD (object);
  CivicRecordClass *klass = CIVIC_RECORD_CLASS (g_type_class_peek (pspec->owner_type));
  const CivicFieldSpec *field;

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &klass->fields[prop_id - 1];
  switch (field->kind)
    {
    case CIVIC_FIELD_STRING:
      g_value_set_string (value, civic_record_get_string (self, field->name));
      break;
    case CIVIC_FIELD_INT:
      g_value_set_int (value, (int) CLAMP (civic_record_get_int (self, field->name, 0), G_MININT, G_MAXINT));
      break;
    case CIVIC_FIELD_BOOLEAN:
      g_value_set_boolean (value, civic_record_get_boolean (self, field->name, FALSE));
      break;
    case CIVIC_FIELD_STRV:
      g_value_take_boxed (value, civic_record_dup_strv (self, field->name));
      break;
    case CIVIC_FIELD_OBJECT:
      g_value_set_boxed (value, civic_record_get_object (self, field->name));
      break;
    case CIVIC_FIELD_ARRAY:
      g_value_set_boxed (value, civic_record_get_array (self, field->name));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  CivicRecord *self = CIVIC_RECORD (object);
  CivicRecordClass *klass = CIVIC_RECORD_CLASS (g_type_class_peek (pspec->owner_type));
  const CivicFieldSpec *field;

  if (prop_id == 0 || prop_id > klass->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &klass->fields[prop_id - 1];
  switch (field->kind)
    {
    case CIVIC_FIELD_STRING:
      civic_record_set_string (self, field->name, g_value_get_string (value));
      break;
    case CIVIC_FIELD_INT:
      civic_record_set_int (self, field->name, g_value_get_int (value));
      break;
    case CIVIC_FIELD_BOOLEAN:
      civic_record_set_boolean (self, field->name, g_value_get_boolean (value));
      break;
    case CIVIC_FIELD_STRV:
      civic_record_set_strv (self, field->name, g_value_get_boxed (value));
      break;
    case CIVIC_FIELD_OBJECT:
      civic_record_set_object (self, field->name, g_value_get_boxed (value));
      break;
    case CIVIC_FIELD_ARRAY:
      civic_record_set_array (self, field->name, g_value_get_boxed (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
civic_record_class_install_fields (CivicRecordClass     *klass,
                                   const CivicFieldSpec *fields,
                                   guint                 n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (CIVIC_IS_RECORD_CLASS (klass));

  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->field_pspecs = g_new0 (GParamSpec *, n_fields);
  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = property_name (fields[i].name);
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec;

      /* Property names must outlive the class; the pspec keeps a copy
       * because G_PARAM_STATIC_NAME is not set for these generated names.
       */
      switch (fields[i].kind)
        {
        case CIVIC_FIELD_STRING:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        case CIVIC_FIELD_INT:
          pspec = g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        case CIVIC_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        case CIVIC_FIELD_STRV:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        case CIVIC_FIELD_OBJECT:
          pspec = g_param_spec_boxed (name, NULL, NULL, JSON_TYPE_OBJECT, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        case CIVIC_FIELD_ARRAY:
          pspec = g_param_spec_boxed (name, NULL, NULL, JSON_TYPE_ARRAY, flags | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        default:
          g_assert_not_reached ();
        }
      klass->field_pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

/* ---- Validation helpers -------------------------------------------------- */

gboolean
_civic_record_fail (CivicRecord  *self,
                    GError      **error,
                    const char   *field,
                    int           index,
                    const char   *reason_format,
                    ...)
{
  g_autofree char *reason = NULL;
  const char *label;
  CivicRecordErrorPrivate *priv;
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, reason_format);
  reason = g_strdup_vprintf (reason_format, args);
  va_end (args);

  label = civic_record_field_label (civic_record_get_record_type (self), field);
  g_set_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_INVALID,
               /* TRANSLATORS: a validation error: the field's label, then
                * the reason, e.g. "Title: an event needs a title". */
               _("%s: %s"), label, reason);
  priv = civic_record_error_get_private (*error);
  if (priv != NULL)
    {
      priv->field = g_strdup (field);
      priv->index = index;
      priv->reason = g_steal_pointer (&reason);
    }
  return FALSE;
}

gboolean
_civic_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
_civic_record_require_text (CivicRecord  *self,
                            GError      **error,
                            const char   *field,
                            const char   *reason)
{
  if (_civic_text_is_blank (civic_record_get_string (self, field)))
    return _civic_record_fail (self, error, field, -1, "%s", reason);
  return TRUE;
}

gboolean
_civic_record_check_choice (CivicRecord        *self,
                            GError            **error,
                            const char         *field,
                            const CivicChoice  *table,
                            gboolean            required,
                            const char         *missing_reason)
{
  const char *value = civic_record_get_string (self, field);

  if (value == NULL || *value == '\0')
    {
      if (required)
        return _civic_record_fail (self, error, field, -1, "%s", missing_reason);
      return TRUE;
    }
  if (_civic_choice_find (table, value) == NULL)
    return _civic_record_fail (self, error, field, -1, _("“%s” is not one of the known values"), value);
  return TRUE;
}

gboolean
_civic_record_check_instant (CivicRecord  *self,
                             GError      **error,
                             const char   *field,
                             gboolean      required,
                             const char   *missing_reason)
{
  const char *value = civic_record_get_string (self, field);

  if (value == NULL)
    {
      if (required)
        return _civic_record_fail (self, error, field, -1, "%s", missing_reason);
      return TRUE;
    }
  if (!civic_is_utc_instant (value))
    return _civic_record_fail (self, error, field, -1,
                               _("“%s” is not a UTC date and time such as 2026-09-06T01:00:00Z"), value);
  return TRUE;
}

gboolean
_civic_record_check_date (CivicRecord  *self,
                          GError      **error,
                          const char   *field,
                          gboolean      required,
                          const char   *missing_reason)
{
  const char *value = civic_record_get_string (self, field);

  if (value == NULL)
    {
      if (required)
        return _civic_record_fail (self, error, field, -1, "%s", missing_reason);
      return TRUE;
    }
  if (!civic_is_date (value))
    return _civic_record_fail (self, error, field, -1,
                               _("“%s” is not a date such as 2026-09-06"), value);
  return TRUE;
}

gboolean
_civic_record_check_order (CivicRecord  *self,
                           GError      **error,
                           const char   *start_field,
                           const char   *end_field,
                           gboolean      strict,
                           const char   *reason)
{
  const char *start = civic_record_get_string (self, start_field);
  const char *end = civic_record_get_string (self, end_field);
  int cmp;

  if (start == NULL || end == NULL)
    return TRUE;
  cmp = _civic_compare_times (start, end);
  if (cmp == -2)
    return TRUE;
  if (cmp > 0 || (strict && cmp == 0))
    return _civic_record_fail (self, error, end_field, -1, "%s", reason);
  return TRUE;
}

static gboolean
check_field_types (CivicRecord  *self,
                   GError      **error)
{
  CivicRecordClass *klass = CIVIC_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CivicFieldSpec *field = &klass->fields[i];
      JsonNode *node = get_member (self, field->name);
      gboolean ok = TRUE;

      if (node_is_null (node))
        continue;

      switch (field->kind)
        {
        case CIVIC_FIELD_STRING:
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
          if (!ok)
            return _civic_record_fail (self, error, field->name, -1, _("must be text"));
          break;
        case CIVIC_FIELD_INT:
          ok = JSON_NODE_HOLDS_VALUE (node)
               && (json_node_get_value_type (node) == G_TYPE_INT64
                   || (json_node_get_value_type (node) == G_TYPE_DOUBLE
                       && json_node_get_double (node) == (double) (gint64) json_node_get_double (node)));
          if (!ok)
            return _civic_record_fail (self, error, field->name, -1, _("must be a whole number"));
          break;
        case CIVIC_FIELD_BOOLEAN:
          ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
          if (!ok)
            return _civic_record_fail (self, error, field->name, -1, _("must be true or false"));
          break;
        case CIVIC_FIELD_STRV:
          ok = JSON_NODE_HOLDS_ARRAY (node);
          for (guint j = 0; ok && j < json_array_get_length (json_node_get_array (node)); j++)
            {
              JsonNode *element = json_array_get_element (json_node_get_array (node), j);

              ok = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING;
            }
          if (!ok)
            return _civic_record_fail (self, error, field->name, -1, _("must be a list of text"));
          break;
        case CIVIC_FIELD_OBJECT:
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return _civic_record_fail (self, error, field->name, -1, _("must be a group of values"));
          break;
        case CIVIC_FIELD_ARRAY:
          ok = JSON_NODE_HOLDS_ARRAY (node);
          for (guint j = 0; ok && j < json_array_get_length (json_node_get_array (node)); j++)
            {
              if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), j)))
                return _civic_record_fail (self, error, field->name, (int) j,
                                           _("item %u must be a group of values"), j + 1);
            }
          if (!ok)
            return _civic_record_fail (self, error, field->name, -1, _("must be a list"));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

gboolean
civic_record_validate (CivicRecord  *self,
                       GError      **error)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);
  CivicRecordClass *klass;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = CIVIC_RECORD_GET_CLASS (self);
  if (priv->id != NULL)
    {
      const char *prefix = civic_record_type_to_id_prefix (klass->type_name);

      if (!g_str_has_prefix (priv->id, prefix) || priv->id[strlen (prefix)] == '\0')
        return _civic_record_fail (self, error, "_id", -1,
                                   _("“%s” does not begin with “%s”"), priv->id, prefix);
    }
  if (!_civic_record_check_instant (self, error, "created_at", FALSE, NULL)
      || !_civic_record_check_instant (self, error, "updated_at", FALSE, NULL))
    return FALSE;
  if (!check_field_types (self, error))
    return FALSE;
  if (klass->validate != NULL)
    return klass->validate (self, error);
  return TRUE;
}

gboolean
civic_document_validate (JsonObject  *doc,
                         GError     **error)
{
  g_autoptr(CivicRecord) record = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);

  record = civic_record_new_from_json (doc, error);
  if (record == NULL)
    return FALSE;
  return civic_record_validate (record, error);
}

/* ---- JSON ---------------------------------------------------------------- */

/* Replaces the fields with @data (taken), notifying every known field whose
 * value changed.
 */
static void
replace_data (CivicRecord *self,
              JsonObject  *data)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);
  g_autoptr(JsonObject) old = priv->data;
  CivicRecordClass *klass = CIVIC_RECORD_GET_CLASS (self);
  static const char * const common[] = { "created_at", "updated_at", "updated_by" };

  priv->data = data;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    {
      JsonNode *a = json_object_get_member (old, common[i]);
      JsonNode *b = json_object_get_member (data, common[i]);

      if ((a == NULL) != (b == NULL) || (a != NULL && !json_node_equal (a, b)))
        notify_field (self, common[i]);
    }
  for (guint i = 0; i < klass->n_fields; i++)
    {
      JsonNode *a = json_object_get_member (old, klass->fields[i].name);
      JsonNode *b = json_object_get_member (data, klass->fields[i].name);

      if ((a == NULL) != (b == NULL) || (a != NULL && !json_node_equal (a, b)))
        notify_field (self, klass->fields[i].name);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_metadata (const char *name)
{
  /* _id and _rev become properties; the rest of CouchDB's underscore
   * members (_conflicts, _revisions, _deleted, _attachments, …) describe a
   * revision, not the record, and must not be written back as its fields.
   */
  return name[0] == '_' || g_str_equal (name, "type");
}

CivicRecord *
civic_record_new_from_json (JsonObject  *doc,
                            GError     **error)
{
  const char *type;
  GType gtype;
  g_autoptr(CivicRecord) self = NULL;
  CivicRecordPrivate *priv;
  CivicRecordClass *klass;
  JsonObject *data;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  type = json_object_get_string_member_with_default (doc, "type", NULL);
  gtype = civic_record_type_get_gtype (type);
  if (gtype == G_TYPE_INVALID)
    {
      const char *id = json_object_get_string_member_with_default (doc, "_id", NULL);

      if (type == NULL)
        g_set_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_UNKNOWN_TYPE,
                     _("Document “%s” has no type"), id != NULL ? id : "");
      else
        g_set_error (error, CIVIC_RECORD_ERROR, CIVIC_RECORD_ERROR_UNKNOWN_TYPE,
                     _("Document “%s” has the unknown type “%s”"), id != NULL ? id : "", type);
      return NULL;
    }

  self = g_object_new (gtype, NULL);
  klass = CIVIC_RECORD_GET_CLASS (self);

  data = json_object_new ();
  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &node))
    if (!is_metadata (name))
      json_object_set_member (data, name, _civic_json_node_deep_copy (node));
  if (klass->filter_json != NULL)
    klass->filter_json (klass, data);

  /* Nobody can be listening to a record that does not exist yet, so the
   * fields are set without notifications: reading a large list stays fast.
   */
  priv = civic_record_get_instance_private (self);
  priv->id = g_strdup (json_object_get_string_member_with_default (doc, "_id", NULL));
  priv->rev = g_strdup (json_object_get_string_member_with_default (doc, "_rev", NULL));
  json_object_unref (priv->data);
  priv->data = data;

  return g_steal_pointer (&self);
}

CivicRecord *
civic_record_new (const char *type)
{
  GType gtype = civic_record_type_get_gtype (type);

  if (gtype == G_TYPE_INVALID)
    return NULL;
  return g_object_new (gtype, NULL);
}

JsonObject *
civic_record_to_json (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);
  CivicRecordClass *klass;
  JsonObject *doc;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);

  klass = CIVIC_RECORD_GET_CLASS (self);
  doc = json_object_new ();
  if (priv->id != NULL)
    json_object_set_string_member (doc, "_id", priv->id);
  if (priv->rev != NULL)
    json_object_set_string_member (doc, "_rev", priv->rev);
  json_object_set_string_member (doc, "type", klass->type_name);
  json_object_iter_init (&iter, priv->data);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (doc, name, _civic_json_node_deep_copy (node));
  if (klass->filter_json != NULL)
    klass->filter_json (klass, doc);
  return doc;
}

CivicRecord *
civic_record_copy (CivicRecord *self)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);

  doc = civic_record_to_json (self);
  return civic_record_new_from_json (doc, NULL);
}

/* ---- Saving ------------------------------------------------------------- */

/* Stamps, validates and writes @work (a private copy); on success @work
 * holds the id, stamps and new rev.
 */
static gboolean
save_work (CivicRecord  *work,
           CivicStore   *store,
           const char   *user_name,
           GError      **error)
{
  CivicRecordPrivate *work_priv = civic_record_get_instance_private (work);
  CivicRecordClass *klass = CIVIC_RECORD_GET_CLASS (work);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = NULL;
  g_autofree char *rev = NULL;

  if (work_priv->id == NULL)
    work_priv->id = civic_store_new_id (klass->type_name);
  now = civic_now_instant ();
  if (civic_record_get_created_at (work) == NULL)
    civic_record_set_created_at (work, now);
  civic_record_set_updated_at (work, now);
  if (user_name != NULL)
    civic_record_set_updated_by (work, user_name);
  if (klass->prepare_save != NULL)
    klass->prepare_save (work, now);

  if (!civic_record_validate (work, error))
    return FALSE;

  doc = civic_record_to_json (work);
  rev = civic_store_put (store, doc, error);
  if (rev == NULL)
    return FALSE;
  g_free (work_priv->rev);
  work_priv->rev = g_steal_pointer (&rev);
  return TRUE;
}

/* Takes the saved state of @work into @self, notifying what changed. */
static void
apply_saved (CivicRecord *self,
             CivicRecord *work)
{
  CivicRecordPrivate *work_priv = civic_record_get_instance_private (work);

  g_object_freeze_notify (G_OBJECT (self));
  civic_record_set_id (self, work_priv->id);
  replace_data (self, g_steal_pointer (&work_priv->data));
  work_priv->data = json_object_new ();
  civic_record_set_rev (self, work_priv->rev);
  g_object_thaw_notify (G_OBJECT (self));
}

char *
civic_record_save (CivicRecord  *self,
                   CivicStore   *store,
                   const char   *user_name,
                   GError      **error)
{
  g_autoptr(CivicRecord) work = NULL;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything happens on a copy so a refused save leaves the record, and
   * what a form shows, exactly as it was.
   */
  work = civic_record_copy (self);
  if (!save_work (work, store, user_name, error))
    return NULL;
  apply_saved (self, work);
  return g_strdup (civic_record_get_rev (self));
}

typedef struct
{
  CivicStore  *store;
  CivicRecord *work;
  char        *user_name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->work);
  g_free (data->user_name);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (save_work (data->work, data->store, data->user_name, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
civic_record_save_async (CivicRecord         *self,
                         CivicStore          *store,
                         const char          *user_name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CIVIC_IS_RECORD (self));
  g_return_if_fail (CIVIC_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The thread works on a snapshot taken here, on the caller's thread. */
  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (store);
  data->work = civic_record_copy (self);
  data->user_name = g_strdup (user_name);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_record_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  /* Once the write has started it completes; cancelling only stops a save
   * that has not begun.
   */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, save_thread);
}

char *
civic_record_save_finish (CivicRecord   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civic_record_save_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  apply_saved (self, data->work);
  return g_strdup (civic_record_get_rev (self));
}

CivicRecord *
civic_record_load (CivicStore  *store,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (CIVIC_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  doc = civic_store_get (store, id, error);
  if (doc == NULL)
    return NULL;
  return civic_record_new_from_json (doc, error);
}

/* ---- Common properties --------------------------------------------------- */

const char *
civic_record_get_id (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  return priv->id;
}

void
civic_record_set_id (CivicRecord *self,
                     const char  *id)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_return_if_fail (CIVIC_IS_RECORD (self));

  if (g_strcmp0 (priv->id, id) == 0)
    return;
  g_free (priv->id);
  priv->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
civic_record_get_rev (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  return priv->rev;
}

void
civic_record_set_rev (CivicRecord *self,
                      const char  *rev)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_return_if_fail (CIVIC_IS_RECORD (self));

  if (g_strcmp0 (priv->rev, rev) == 0)
    return;
  g_free (priv->rev);
  priv->rev = g_strdup (rev);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REV]);
}

const char *
civic_record_get_record_type (CivicRecord *self)
{
  g_return_val_if_fail (CIVIC_IS_RECORD (self), NULL);
  return CIVIC_RECORD_GET_CLASS (self)->type_name;
}

const char *
civic_record_get_created_at (CivicRecord *self)
{
  return civic_record_get_string (self, "created_at");
}

void
civic_record_set_created_at (CivicRecord *self,
                             const char  *created_at)
{
  civic_record_set_string (self, "created_at", created_at);
}

const char *
civic_record_get_updated_at (CivicRecord *self)
{
  return civic_record_get_string (self, "updated_at");
}

void
civic_record_set_updated_at (CivicRecord *self,
                             const char  *updated_at)
{
  civic_record_set_string (self, "updated_at", updated_at);
}

const char *
civic_record_get_updated_by (CivicRecord *self)
{
  return civic_record_get_string (self, "updated_by");
}

void
civic_record_set_updated_by (CivicRecord *self,
                             const char  *updated_by)
{
  civic_record_set_string (self, "updated_by", updated_by);
}

/* ---- GObject ------------------------------------------------------------ */

static void
civic_record_finalize (GObject *object)
{
  CivicRecord *self = CIVIC_RECORD (object);
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->rev, g_free);
  g_clear_pointer (&priv->data, json_object_unref);

  G_OBJECT_CLASS (civic_record_parent_class)->finalize (object);
}

static void
civic_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CivicRecord *self = CIVIC_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, civic_record_get_id (self));
      break;
    case PROP_REV:
      g_value_set_string (value, civic_record_get_rev (self));
      break;
    case PROP_RECORD_TYPE:
      g_value_set_string (value, civic_record_get_record_type (self));
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, civic_record_get_created_at (self));
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, civic_record_get_updated_at (self));
      break;
    case PROP_UPDATED_BY:
      g_value_set_string (value, civic_record_get_updated_by (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CivicRecord *self = CIVIC_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      civic_record_set_id (self, g_value_get_string (value));
      break;
    case PROP_REV:
      civic_record_set_rev (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      civic_record_set_created_at (self, g_value_get_string (value));
      break;
    case PROP_UPDATED_AT:
      civic_record_set_updated_at (self, g_value_get_string (value));
      break;
    case PROP_UPDATED_BY:
      civic_record_set_updated_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civic_record_class_init (CivicRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = civic_record_finalize;
  object_class->get_property = civic_record_get_property;
  object_class->set_property = civic_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REV] =
    g_param_spec_string ("rev", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_TYPE] =
    g_param_spec_string ("record-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_BY] =
    g_param_spec_string ("updated-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civic_record_init (CivicRecord *self)
{
  CivicRecordPrivate *priv = civic_record_get_instance_private (self);

  priv->data = json_object_new ();
}
