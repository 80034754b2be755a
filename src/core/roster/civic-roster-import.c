/* civic-roster-import.c — importing volunteers (and their signups) from a CSV file
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "civic-roster-import"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "civic-cal-time.h"
#include "civic-csv.h"
#include "civic-record.h"
#include "civic-roster-import.h"
#include "civic-text.h"
#include "civic-volunteer.h"

struct _CivicRosterImport
{
  GObject           parent_instance;

  CivicCsvTable    *table;
  guint             n_columns;
  CivicRosterField *mapping;      /* one per column */
  gboolean         *dropped;      /* one per column */
  gboolean          import_duplicates;
  char             *user_name;

  GPtrArray        *rows;         /* CivicRosterImportRow*, NULL until evaluated */
  gboolean          dirty;        /* the mapping changed since the evaluation */
};

G_DEFINE_FINAL_TYPE (CivicRosterImport, civic_roster_import, G_TYPE_OBJECT)

G_DEFINE_QUARK (civic-roster-import-error-quark, civic_roster_import_error)

typedef struct {
  const char *name;
  const char *label;
} FieldInfo;

static const FieldInfo field_info[CIVIC_ROSTER_N_FIELDS] = {
  [CIVIC_ROSTER_FIELD_IGNORE]            = { "ignore", N_("Do not import") },
  [CIVIC_ROSTER_FIELD_GIVEN_NAME]        = { "given_name", N_("Given name") },
  [CIVIC_ROSTER_FIELD_FAMILY_NAME]       = { "family_name", N_("Family name") },
  [CIVIC_ROSTER_FIELD_FULL_NAME]         = { "full_name", N_("Full name") },
  [CIVIC_ROSTER_FIELD_NAME_KO]           = { "name_ko", N_("Korean name") },
  [CIVIC_ROSTER_FIELD_NAME_KO_FAMILY]    = { "name_ko_family", N_("Korean family name") },
  [CIVIC_ROSTER_FIELD_NAME_KO_GIVEN]     = { "name_ko_given", N_("Korean given name") },
  [CIVIC_ROSTER_FIELD_PREFERRED_NAME]    = { "preferred_name", N_("Preferred name") },
  [CIVIC_ROSTER_FIELD_PHONE]             = { "phone", N_("Phone") },
  [CIVIC_ROSTER_FIELD_EMAIL]             = { "email", N_("E-mail") },
  [CIVIC_ROSTER_FIELD_LANGUAGES]         = { "languages", N_("Languages") },
  [CIVIC_ROSTER_FIELD_SKILLS]            = { "skills", N_("Skills") },
  [CIVIC_ROSTER_FIELD_OFFICE]            = { "office", N_("Office") },
  [CIVIC_ROSTER_FIELD_AGE_GROUP]         = { "age_group", N_("Age group") },
  [CIVIC_ROSTER_FIELD_ACTIVE]            = { "active", N_("Active") },
  [CIVIC_ROSTER_FIELD_JOINED_ON]         = { "joined_on", N_("Joined on") },
  [CIVIC_ROSTER_FIELD_EMERGENCY_CONTACT] = { "emergency_contact", N_("Emergency contact") },
  [CIVIC_ROSTER_FIELD_NOTES]             = { "notes", N_("Notes") },
  [CIVIC_ROSTER_FIELD_AVAILABILITY]      = { "availability", N_("Availability") },
  [CIVIC_ROSTER_FIELD_SHIFT_ID]          = { "shift_id", N_("Shift") },
  [CIVIC_ROSTER_FIELD_OCCURRENCE]        = { "occurrence", N_("Occurrence") },
  [CIVIC_ROSTER_FIELD_SIGNUP_STATUS]     = { "signup_status", N_("Signup status") },
  [CIVIC_ROSTER_FIELD_EVENT_NAME]        = { "event_name", N_("Event name") },
  [CIVIC_ROSTER_FIELD_SHIFT_START]       = { "shift_start", N_("Shift start") },
};

/* Headers as civic_roster_field_guess () normalizes them: folded, with
 * spaces, punctuation and underscores removed ("First Name", "first_name"
 * and "FirstName" are all "firstname").  Generic English and Korean titles,
 * Mobilize's exports (first_name, last_name, email, phone_number, zip,
 * "Event name", "Timeslot start") and VAN/EveryAction's (FirstName,
 * LastName, PreferredEmail, PreferredPhone, "Cell Phone").
 */
static const struct {
  const char       *header;
  CivicRosterField  field;
} header_aliases[] = {
  { "givenname", CIVIC_ROSTER_FIELD_GIVEN_NAME },
  { "firstname", CIVIC_ROSTER_FIELD_GIVEN_NAME },
  { "first", CIVIC_ROSTER_FIELD_GIVEN_NAME },
  { "fname", CIVIC_ROSTER_FIELD_GIVEN_NAME },
  { "given", CIVIC_ROSTER_FIELD_GIVEN_NAME },
  { "familyname", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "lastname", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "last", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "lname", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "surname", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "family", CIVIC_ROSTER_FIELD_FAMILY_NAME },
  { "name", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "fullname", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "volunteername", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "volunteer", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "성명", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "이름", CIVIC_ROSTER_FIELD_FULL_NAME },
  { "koreanname", CIVIC_ROSTER_FIELD_NAME_KO },
  { "namekorean", CIVIC_ROSTER_FIELD_NAME_KO },
  { "nameko", CIVIC_ROSTER_FIELD_NAME_KO },
  { "hangulname", CIVIC_ROSTER_FIELD_NAME_KO },
  { "한글이름", CIVIC_ROSTER_FIELD_NAME_KO },
  { "한글성명", CIVIC_ROSTER_FIELD_NAME_KO },
  { "한국이름", CIVIC_ROSTER_FIELD_NAME_KO },
  { "성", CIVIC_ROSTER_FIELD_NAME_KO_FAMILY },
  { "preferredname", CIVIC_ROSTER_FIELD_PREFERRED_NAME },
  { "nickname", CIVIC_ROSTER_FIELD_PREFERRED_NAME },
  { "goesby", CIVIC_ROSTER_FIELD_PREFERRED_NAME },
  { "별명", CIVIC_ROSTER_FIELD_PREFERRED_NAME },
  { "phone", CIVIC_ROSTER_FIELD_PHONE },
  { "phonenumber", CIVIC_ROSTER_FIELD_PHONE },
  { "mobile", CIVIC_ROSTER_FIELD_PHONE },
  { "mobilephone", CIVIC_ROSTER_FIELD_PHONE },
  { "mobilenumber", CIVIC_ROSTER_FIELD_PHONE },
  { "cell", CIVIC_ROSTER_FIELD_PHONE },
  { "cellphone", CIVIC_ROSTER_FIELD_PHONE },
  { "cellphonenumber", CIVIC_ROSTER_FIELD_PHONE },
  { "preferredphone", CIVIC_ROSTER_FIELD_PHONE },
  { "telephone", CIVIC_ROSTER_FIELD_PHONE },
  { "tel", CIVIC_ROSTER_FIELD_PHONE },
  { "전화", CIVIC_ROSTER_FIELD_PHONE },
  { "전화번호", CIVIC_ROSTER_FIELD_PHONE },
  { "휴대폰", CIVIC_ROSTER_FIELD_PHONE },
  { "휴대폰번호", CIVIC_ROSTER_FIELD_PHONE },
  { "휴대전화", CIVIC_ROSTER_FIELD_PHONE },
  { "핸드폰", CIVIC_ROSTER_FIELD_PHONE },
  { "연락처", CIVIC_ROSTER_FIELD_PHONE },
  { "email", CIVIC_ROSTER_FIELD_EMAIL },
  { "emailaddress", CIVIC_ROSTER_FIELD_EMAIL },
  { "preferredemail", CIVIC_ROSTER_FIELD_EMAIL },
  { "이메일", CIVIC_ROSTER_FIELD_EMAIL },
  { "메일", CIVIC_ROSTER_FIELD_EMAIL },
  { "전자우편", CIVIC_ROSTER_FIELD_EMAIL },
  { "languages", CIVIC_ROSTER_FIELD_LANGUAGES },
  { "language", CIVIC_ROSTER_FIELD_LANGUAGES },
  { "languagesspoken", CIVIC_ROSTER_FIELD_LANGUAGES },
  { "언어", CIVIC_ROSTER_FIELD_LANGUAGES },
  { "사용언어", CIVIC_ROSTER_FIELD_LANGUAGES },
  { "skills", CIVIC_ROSTER_FIELD_SKILLS },
  { "skill", CIVIC_ROSTER_FIELD_SKILLS },
  { "기술", CIVIC_ROSTER_FIELD_SKILLS },
  { "특기", CIVIC_ROSTER_FIELD_SKILLS },
  { "office", CIVIC_ROSTER_FIELD_OFFICE },
  { "officeid", CIVIC_ROSTER_FIELD_OFFICE },
  { "branch", CIVIC_ROSTER_FIELD_OFFICE },
  { "chapter", CIVIC_ROSTER_FIELD_OFFICE },
  { "지점", CIVIC_ROSTER_FIELD_OFFICE },
  { "지부", CIVIC_ROSTER_FIELD_OFFICE },
  { "사무실", CIVIC_ROSTER_FIELD_OFFICE },
  { "agegroup", CIVIC_ROSTER_FIELD_AGE_GROUP },
  { "age", CIVIC_ROSTER_FIELD_AGE_GROUP },
  { "연령대", CIVIC_ROSTER_FIELD_AGE_GROUP },
  { "연령", CIVIC_ROSTER_FIELD_AGE_GROUP },
  { "active", CIVIC_ROSTER_FIELD_ACTIVE },
  { "joinedon", CIVIC_ROSTER_FIELD_JOINED_ON },
  { "joined", CIVIC_ROSTER_FIELD_JOINED_ON },
  { "joindate", CIVIC_ROSTER_FIELD_JOINED_ON },
  { "가입일", CIVIC_ROSTER_FIELD_JOINED_ON },
  { "emergencycontact", CIVIC_ROSTER_FIELD_EMERGENCY_CONTACT },
  { "비상연락처", CIVIC_ROSTER_FIELD_EMERGENCY_CONTACT },
  { "notes", CIVIC_ROSTER_FIELD_NOTES },
  { "note", CIVIC_ROSTER_FIELD_NOTES },
  { "comments", CIVIC_ROSTER_FIELD_NOTES },
  { "comment", CIVIC_ROSTER_FIELD_NOTES },
  { "memo", CIVIC_ROSTER_FIELD_NOTES },
  { "메모", CIVIC_ROSTER_FIELD_NOTES },
  { "비고", CIVIC_ROSTER_FIELD_NOTES },
  { "availability", CIVIC_ROSTER_FIELD_AVAILABILITY },
  { "available", CIVIC_ROSTER_FIELD_AVAILABILITY },
  { "가능시간", CIVIC_ROSTER_FIELD_AVAILABILITY },
  { "shiftid", CIVIC_ROSTER_FIELD_SHIFT_ID },
  { "shift", CIVIC_ROSTER_FIELD_SHIFT_ID },
  { "occurrence", CIVIC_ROSTER_FIELD_OCCURRENCE },
  { "status", CIVIC_ROSTER_FIELD_SIGNUP_STATUS },
  { "signupstatus", CIVIC_ROSTER_FIELD_SIGNUP_STATUS },
  { "eventname", CIVIC_ROSTER_FIELD_EVENT_NAME },
  { "event", CIVIC_ROSTER_FIELD_EVENT_NAME },
  { "timeslotstart", CIVIC_ROSTER_FIELD_SHIFT_START },
  { "shiftstart", CIVIC_ROSTER_FIELD_SHIFT_START },
};

/* Parts of a normalized header that mark a column we must never read. */
static const char * const forbidden_header_parts[] = {
  "immigra", "citizen", "undocument", "documentationstatus", "documentstatus",
  "legalstatus", "residencystatus", "residentstatus", "greencard", "visa",
  "daca", "naturaliz", "alienreg", "migratori", "ciudadan", "indocumentad",
  "체류", "비자", "시민권", "영주권", "이민", "국적", "신분",
};

static const char * const signup_statuses[] = {
  "invited", "scheduled", "confirmed", "completed", "no_show", "walk_in",
  "declined", "cancelled",
};

/* ---- Rows ----------------------------------------------------------------- */

static void
row_free (gpointer data)
{
  CivicRosterImportRow *row = data;

  g_free (row->reason);
  g_free (row->duplicate_of);
  g_clear_pointer (&row->volunteer, json_object_unref);
  g_clear_pointer (&row->signup, json_object_unref);
  g_free (row);
}

void
civic_roster_import_report_free (CivicRosterImportReport *report)
{
  if (report == NULL)
    return;
  g_strfreev (report->volunteer_ids);
  g_clear_pointer (&report->messages, g_ptr_array_unref);
  g_free (report);
}

/* ---- Fields and headers --------------------------------------------------- */

const char *
civic_roster_field_label (CivicRosterField field)
{
  g_return_val_if_fail (field < CIVIC_ROSTER_N_FIELDS, NULL);
  return _(field_info[field].label);
}

const char *
civic_roster_field_name (CivicRosterField field)
{
  g_return_val_if_fail (field < CIVIC_ROSTER_N_FIELDS, NULL);
  return field_info[field].name;
}

gboolean
civic_roster_field_from_name (const char       *name,
                              CivicRosterField *out_field)
{
  for (guint i = 0; i < CIVIC_ROSTER_N_FIELDS; i++)
    if (g_strcmp0 (field_info[i].name, name) == 0)
      {
        *out_field = i;
        return TRUE;
      }
  return FALSE;
}

static char *
normalize_header (const char *header)
{
  g_autofree char *folded = civic_text_fold (header);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

CivicRosterField
civic_roster_field_guess (const char *header)
{
  g_autofree char *key = normalize_header (header);

  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    if (strcmp (header_aliases[i].header, key) == 0)
      return header_aliases[i].field;
  return CIVIC_ROSTER_FIELD_IGNORE;
}

gboolean
civic_roster_header_is_forbidden (const char *header)
{
  g_autofree char *key = normalize_header (header);

  if (civic_volunteer_is_forbidden_field (header))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (forbidden_header_parts); i++)
    if (strstr (key, forbidden_header_parts[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- Value helpers -------------------------------------------------------- */

static gboolean
has_hangul (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF)
          || (c >= 0x3130 && c <= 0x318F))
        return TRUE;
    }
  return FALSE;
}

char *
civic_roster_phone_key (const char *phone)
{
  g_autofree char *digits = civic_text_digits (phone);
  gsize len = strlen (digits);

  if (len == 11 && digits[0] == '1')
    return g_strdup (digits + 1);
  if (len >= 11 && g_str_has_prefix (digits, "82") && digits[2] != '0')
    return g_strconcat ("0", digits + 2, NULL);
  return g_steal_pointer (&digits);
}

static char *
name_key (const char *given,
          const char *family)
{
  g_autofree char *joined = g_strjoin (" ", given != NULL ? given : "", family != NULL ? family : "", NULL);
  char *folded = civic_text_fold (joined);

  if (*folded == '\0')
    g_clear_pointer (&folded, g_free);
  return folded;
}

static char *
name_ko_key (const char *name_ko)
{
  g_autofree char *folded = civic_text_fold (name_ko);
  GString *out;

  if (*folded == '\0')
    return NULL;
  /* "김 민수" and "김민수" are the same name. */
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* "ko; en", "ko,en", "ko/en", "ko|en" → the items (untrimmed). */
static GStrv
split_items (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *start = value;

  for (;;)
    {
      const char *end = strpbrk (start, ";,/|");
      g_autofree char *item = g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));

      g_strv_builder_add (builder, item);
      if (end == NULL)
        break;
      start = end + 1;
    }
  return g_strv_builder_end (builder);
}

/* Language names a roster may spell out, to the codes documents hold. */
static const struct {
  const char *name;
  const char *code;
} language_names[] = {
  { "korean", "ko" }, { "한국어", "ko" }, { "한국말", "ko" }, { "한글", "ko" },
  { "english", "en" }, { "영어", "en" },
  { "spanish", "es" }, { "espanol", "es" }, { "스페인어", "es" },
  { "chinese", "zh" }, { "mandarin", "zh" }, { "cantonese", "yue" }, { "중국어", "zh" },
  { "japanese", "ja" }, { "일본어", "ja" },
  { "tagalog", "tl" }, { "filipino", "tl" }, { "vietnamese", "vi" }, { "베트남어", "vi" },
  { "asl", "ase" }, { "american sign language", "ase" }, { "수어", "kvk" },
};

static JsonArray *
split_list (const char *value,
            gboolean    languages)
{
  g_auto(GStrv) parts = split_items (value);
  JsonArray *array = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (parts[i]));
      char *out = NULL;

      if (*item == '\0')
        continue;
      if (languages)
        {
          g_autofree char *folded = civic_text_fold (item);

          for (guint j = 0; j < G_N_ELEMENTS (language_names); j++)
            if (strcmp (folded, language_names[j].name) == 0)
              out = g_strdup (language_names[j].code);
          if (out == NULL)
            out = g_steal_pointer (&folded);
        }
      else
        out = g_steal_pointer (&item);

      if (g_hash_table_contains (seen, out))
        {
          g_free (out);
          continue;
        }
      json_array_add_string_element (array, out);
      g_hash_table_add (seen, out);
    }
  return array;
}

static const char *
parse_age_group (const char *value)
{
  g_autofree char *folded = civic_text_fold (value);
  char *end = NULL;
  gint64 age;

  if (g_str_equal (folded, "youth") || g_str_equal (folded, "student")
      || g_str_equal (folded, "teen") || g_str_equal (folded, "청소년")
      || g_str_equal (folded, "학생"))
    return "youth";
  if (g_str_equal (folded, "adult") || g_str_equal (folded, "성인"))
    return "adult";
  if (g_str_equal (folded, "senior") || g_str_equal (folded, "시니어")
      || g_str_equal (folded, "노인") || g_str_equal (folded, "어르신"))
    return "senior";

  age = g_ascii_strtoll (folded, &end, 10);
  if (end != folded && *end == '\0' && age > 0 && age < 130)
    return age < 18 ? "youth" : age >= 65 ? "senior" : "adult";
  return NULL;
}

static int
parse_boolean (const char *value)
{
  g_autofree char *folded = civic_text_fold (value);
  static const char * const yes[] = { "yes", "y", "true", "1", "active", "예", "네", "o" };
  static const char * const no[] = { "no", "n", "false", "0", "inactive", "아니오", "아니요", "x" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      return 0;
  return -1;
}

/* "2026-09-06", "9/6/2026" (US spreadsheets) or "2026/9/6" → "2026-09-06". */
static char *
parse_date (const char *value)
{
  guint a, b, c;
  char tail;
  GDateYear y;
  GDateMonth m;
  GDateDay d;

  if (sscanf (value, "%u-%u-%u%c", &a, &b, &c, &tail) == 3
      || sscanf (value, "%u/%u/%u%c", &a, &b, &c, &tail) == 3
      || sscanf (value, "%u.%u.%u%c", &a, &b, &c, &tail) == 3)
    {
      if (a > 999)
        y = a, m = b, d = c;
      else if (c > 999)
        y = c, m = a, d = b;
      else
        return NULL;
      if (!g_date_valid_dmy (d, m, y))
        return NULL;
      return g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d);
    }
  return NULL;
}

/* "weekday evening; weekend" → {"weekday": ["evening"], "weekend":
 * ["morning", "afternoon", "evening"]}: a day alone means all of it, a time
 * alone both kinds of day.  NULL when a part names neither.
 */
static JsonObject *
parse_availability (const char *value)
{
  static const char * const days[] = { "weekday", "weekend" };
  static const char * const times[] = { "morning", "afternoon", "evening" };
  static const struct { const char *word; int day; int time; } words[] = {
    { "weekday", 0, -1 }, { "weekdays", 0, -1 }, { "평일", 0, -1 },
    { "weekend", 1, -1 }, { "weekends", 1, -1 }, { "주말", 1, -1 },
    { "morning", -1, 0 }, { "mornings", -1, 0 }, { "오전", -1, 0 }, { "아침", -1, 0 },
    { "afternoon", -1, 1 }, { "afternoons", -1, 1 }, { "오후", -1, 1 },
    { "evening", -1, 2 }, { "evenings", -1, 2 }, { "저녁", -1, 2 },
  };
  g_auto(GStrv) parts = split_items (value);
  gboolean slots[2][3] = { { FALSE } };
  JsonObject *availability;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = civic_text_fold (parts[i]);
      g_auto(GStrv) tokens = g_strsplit (folded, " ", -1);
      int day = -1, time = -1;

      if (*folded == '\0')
        continue;
      for (guint t = 0; tokens[t] != NULL; t++)
        {
          gboolean known = FALSE;

          for (guint w = 0; w < G_N_ELEMENTS (words); w++)
            if (g_str_equal (tokens[t], words[w].word))
              {
                if (words[w].day >= 0)
                  day = words[w].day;
                if (words[w].time >= 0)
                  time = words[w].time;
                known = TRUE;
              }
          if (!known)
            return NULL;
        }
      for (int d = 0; d < 2; d++)
        for (int t = 0; t < 3; t++)
          if ((day < 0 || day == d) && (time < 0 || time == t))
            slots[d][t] = TRUE;
    }

  availability = json_object_new ();
  for (guint d = 0; d < 2; d++)
    {
      JsonArray *array = NULL;

      for (guint t = 0; t < 3; t++)
        if (slots[d][t])
          {
            if (array == NULL)
              array = json_array_new ();
            json_array_add_string_element (array, times[t]);
          }
      if (array != NULL)
        json_object_set_array_member (availability, days[d], array);
    }
  return availability;
}

/* "Jiyoung Kim (213) 555-0199" → {name: "Jiyoung Kim", phone: "(213) 555-0199"};
 * text with no phone number is all name.
 */
static JsonObject *
parse_contact (const char *value)
{
  JsonObject *contact = json_object_new ();

  for (const char *p = value; *p != '\0'; p++)
    if ((g_ascii_isdigit (*p) || *p == '+' || *p == '(') && civic_is_phone (p))
      {
        g_autofree char *name = g_strndup (value, (gsize) (p - value));

        g_strstrip (g_strdelimit (name, ",;:-/", ' '));
        if (*name != '\0')
          json_object_set_string_member (contact, "name", name);
        json_object_set_string_member (contact, "phone", p);
        return contact;
      }
  json_object_set_string_member (contact, "name", value);
  return contact;
}

/* ---- GObject -------------------------------------------------------------- */

static void
civic_roster_import_finalize (GObject *object)
{
  CivicRosterImport *self = CIVIC_ROSTER_IMPORT (object);

  g_clear_pointer (&self->table, civic_csv_table_free);
  g_clear_pointer (&self->mapping, g_free);
  g_clear_pointer (&self->dropped, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (civic_roster_import_parent_class)->finalize (object);
}

static void
civic_roster_import_class_init (CivicRosterImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civic_roster_import_finalize;
}

static void
civic_roster_import_init (CivicRosterImport *self)
{
  self->user_name = g_strdup (g_get_user_name ());
  self->dirty = TRUE;
}

/* ---- Preparing ------------------------------------------------------------ */

static const CivicCsvRecord *
header_record (CivicRosterImport *self)
{
  return g_ptr_array_index (self->table->records, 0);
}

CivicRosterImport *
civic_roster_import_prepare (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(CivicRosterImport) self = NULL;
  const CivicCsvRecord *header;
  gsize len = 0;
  const char *data;
  gboolean has_ko_family = FALSE;
  guint recognized = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (CIVIC_TYPE_ROSTER_IMPORT, NULL);
  data = g_bytes_get_data (bytes, &len);
  self->table = civic_csv_parse (data != NULL ? data : "", len, error);
  if (self->table == NULL)
    return NULL;

  header = header_record (self);
  self->n_columns = header->n_fields;
  for (guint i = 1; i < self->table->records->len; i++)
    {
      const CivicCsvRecord *record = g_ptr_array_index (self->table->records, i);
      self->n_columns = MAX (self->n_columns, record->n_fields);
    }
  self->mapping = g_new0 (CivicRosterField, self->n_columns);
  self->dropped = g_new0 (gboolean, self->n_columns);

  for (guint i = 0; i < header->n_fields; i++)
    {
      const char *title = header->fields[i];

      if (civic_roster_header_is_forbidden (title))
        {
          self->dropped[i] = TRUE;
          continue;
        }
      self->mapping[i] = civic_roster_field_guess (title);
      if (self->mapping[i] == CIVIC_ROSTER_FIELD_NAME_KO_FAMILY)
        has_ko_family = TRUE;
      if (self->mapping[i] != CIVIC_ROSTER_FIELD_IGNORE)
        recognized++;
    }

  /* Korean sheets often split 성 and 이름; 이름 alone is the whole name. */
  if (has_ko_family)
    for (guint i = 0; i < header->n_fields; i++)
      {
        g_autofree char *key = normalize_header (header->fields[i]);

        if (g_str_equal (key, "이름"))
          self->mapping[i] = CIVIC_ROSTER_FIELD_NAME_KO_GIVEN;
      }

  /* Two columns guessed as the same field: keep the first.  A VAN export
   * has both "Phone" and "Cell Phone", a Mobilize one "Event" and "Event
   * name"; the second one is left for the person to map.
   */
  for (guint i = 0; i < self->n_columns; i++)
    for (guint j = 0; j < i; j++)
      if (self->mapping[i] != CIVIC_ROSTER_FIELD_IGNORE && self->mapping[j] == self->mapping[i])
        {
          self->mapping[i] = CIVIC_ROSTER_FIELD_IGNORE;
          break;
        }

  if (recognized == 0 && self->table->records->len > 0)
    {
      g_set_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_NO_HEADER,
                   _("Line %u: no column title is recognized; the first row must name the "
                     "columns (for example “First name”, “Last name”, “Phone”, “Email”)"),
                   header->line);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
civic_roster_import_get_encoding (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), NULL);
  return self->table->encoding;
}

guint
civic_roster_import_get_n_columns (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), 0);
  return self->n_columns;
}

const char *
civic_roster_import_get_header (CivicRosterImport *self,
                                guint              column)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);
  return civic_csv_record_get (header_record (self), column);
}

CivicRosterField
civic_roster_import_get_column_field (CivicRosterImport *self,
                                      guint              column)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), CIVIC_ROSTER_FIELD_IGNORE);
  g_return_val_if_fail (column < self->n_columns, CIVIC_ROSTER_FIELD_IGNORE);
  return self->mapping[column];
}

gboolean
civic_roster_import_set_column_field (CivicRosterImport *self,
                                      guint              column,
                                      CivicRosterField   field,
                                      GError           **error)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), FALSE);

  if (column >= self->n_columns || field >= CIVIC_ROSTER_N_FIELDS)
    {
      g_set_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_INVALID,
                   _("Column %u does not exist"), column + 1);
      return FALSE;
    }
  if (self->dropped[column] && field != CIVIC_ROSTER_FIELD_IGNORE)
    {
      g_set_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_INVALID,
                   _("Column “%s” holds immigration or documentation status, which Civic Desk never stores"),
                   civic_roster_import_get_header (self, column));
      return FALSE;
    }
  if (self->mapping[column] != field)
    {
      self->mapping[column] = field;
      self->dirty = TRUE;
    }
  return TRUE;
}

gboolean
civic_roster_import_column_is_dropped (CivicRosterImport *self,
                                       guint              column)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);
  return self->dropped[column];
}

static GStrv
dup_headers (CivicRosterImport *self,
             gboolean           dropped)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->n_columns; i++)
    if (dropped ? self->dropped[i]
                : (!self->dropped[i] && self->mapping[i] == CIVIC_ROSTER_FIELD_IGNORE))
      g_strv_builder_add (builder, civic_roster_import_get_header (self, i));
  return g_strv_builder_end (builder);
}

GStrv
civic_roster_import_dup_unmapped (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), NULL);
  return dup_headers (self, FALSE);
}

GStrv
civic_roster_import_dup_dropped (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), NULL);
  return dup_headers (self, TRUE);
}

guint
civic_roster_import_get_n_rows (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), 0);
  return self->table->records->len - 1;
}

void
civic_roster_import_set_import_duplicates (CivicRosterImport *self,
                                           gboolean           import_duplicates)
{
  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT (self));
  self->import_duplicates = !!import_duplicates;
}

void
civic_roster_import_set_user_name (CivicRosterImport *self,
                                   const char        *user_name)
{
  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT (self));
  g_free (self->user_name);
  self->user_name = g_strdup (user_name != NULL ? user_name : g_get_user_name ());
}

/* ---- Evaluating ----------------------------------------------------------- */

/* The values of one record, by field; several columns mapped to one field
 * are joined with a space (names) or "; " (lists).
 */
static void
collect_values (CivicRosterImport    *self,
                const CivicCsvRecord *record,
                char                **values)
{
  for (guint i = 0; i < self->n_columns; i++)
    {
      CivicRosterField f = self->mapping[i];
      g_autofree char *v = NULL;

      if (f == CIVIC_ROSTER_FIELD_IGNORE || self->dropped[i])
        continue;
      v = g_strstrip (g_strdup (civic_csv_record_get (record, i)));
      if (*v == '\0')
        continue;
      if (values[f] == NULL)
        values[f] = g_steal_pointer (&v);
      else
        {
          const char *sep = (f == CIVIC_ROSTER_FIELD_LANGUAGES || f == CIVIC_ROSTER_FIELD_SKILLS
                             || f == CIVIC_ROSTER_FIELD_NOTES || f == CIVIC_ROSTER_FIELD_AVAILABILITY)
                            ? "; " : " ";
          char *joined = g_strconcat (values[f], sep, v, NULL);

          g_free (values[f]);
          values[f] = joined;
        }
    }
}

typedef struct {
  GHashTable *by_phone;    /* key → id (store) */
  GHashTable *by_email;
  GHashTable *by_name;
  GHashTable *by_name_ko;
  GHashTable *names;       /* id → display name */
  GHashTable *offices;     /* folded name or id → id */
} StoreIndex;

static void
store_index_clear (StoreIndex *index)
{
  g_clear_pointer (&index->by_phone, g_hash_table_unref);
  g_clear_pointer (&index->by_email, g_hash_table_unref);
  g_clear_pointer (&index->by_name, g_hash_table_unref);
  g_clear_pointer (&index->by_name_ko, g_hash_table_unref);
  g_clear_pointer (&index->names, g_hash_table_unref);
  g_clear_pointer (&index->offices, g_hash_table_unref);
}

static GHashTable *
new_key_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_key (GHashTable *table,
         char       *key,
         const char *value)
{
  if (key == NULL || *key == '\0')
    {
      g_free (key);
      return;
    }
  if (g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, g_strdup (value));
}

static char *
email_key (const char *email)
{
  if (email == NULL || *email == '\0')
    return NULL;
  return civic_text_fold (email);
}

static char *
display_name (JsonObject *volunteer)
{
  const char *name_ko = member_string (volunteer, "name_ko");
  g_autofree char *latin = g_strjoin (" ",
                                      member_string (volunteer, "given_name") ?: "",
                                      member_string (volunteer, "family_name") ?: "",
                                      NULL);

  g_strstrip (latin);
  if (name_ko != NULL && *name_ko != '\0')
    return *latin != '\0' ? g_strdup_printf ("%s (%s)", name_ko, latin) : g_strdup (name_ko);
  return g_steal_pointer (&latin);
}

static gboolean
store_index_build (StoreIndex  *index,
                   CivicStore  *store,
                   GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) offices = NULL;

  index->by_phone = new_key_table ();
  index->by_email = new_key_table ();
  index->by_name = new_key_table ();
  index->by_name_ko = new_key_table ();
  index->names = new_key_table ();
  index->offices = new_key_table ();

  if (store == NULL)
    return TRUE;

  volunteers = civic_store_list (store, "volunteer", error);
  if (volunteers == NULL)
    return FALSE;
  offices = civic_store_list (store, "office", error);
  if (offices == NULL)
    return FALSE;

  for (guint i = 0; i < volunteers->len; i++)
    {
      JsonObject *v = g_ptr_array_index (volunteers, i);
      const char *id = member_string (v, "_id");
      const char *phone = member_string (v, "phone");

      if (id == NULL)
        continue;
      if (phone != NULL)
        add_key (index->by_phone, civic_roster_phone_key (phone), id);
      add_key (index->by_email, email_key (member_string (v, "email")), id);
      add_key (index->by_name, name_key (member_string (v, "given_name"),
                                         member_string (v, "family_name")), id);
      add_key (index->by_name_ko, name_ko_key (member_string (v, "name_ko")), id);
      g_hash_table_insert (index->names, g_strdup (id), display_name (v));
    }

  for (guint i = 0; i < offices->len; i++)
    {
      JsonObject *o = g_ptr_array_index (offices, i);
      const char *id = member_string (o, "_id");

      if (id == NULL)
        continue;
      add_key (index->offices, g_strdup (id), id);
      add_key (index->offices, civic_text_fold (member_string (o, "name")), id);
    }
  return TRUE;
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

/* Fills the volunteer document from @values; returns a reason (without the
 * line) when the row cannot be imported.
 */
static char *
build_volunteer (char      **values,
                 StoreIndex *index,
                 JsonObject *volunteer)
{
  g_autofree char *given = g_strdup (values[CIVIC_ROSTER_FIELD_GIVEN_NAME]);
  g_autofree char *family = g_strdup (values[CIVIC_ROSTER_FIELD_FAMILY_NAME]);
  g_autofree char *name_ko = g_strdup (values[CIVIC_ROSTER_FIELD_NAME_KO]);
  const char *full = values[CIVIC_ROSTER_FIELD_FULL_NAME];
  const char *v;

  if (name_ko == NULL && (values[CIVIC_ROSTER_FIELD_NAME_KO_FAMILY] != NULL
                          || values[CIVIC_ROSTER_FIELD_NAME_KO_GIVEN] != NULL))
    name_ko = g_strconcat (values[CIVIC_ROSTER_FIELD_NAME_KO_FAMILY] ?: "",
                           values[CIVIC_ROSTER_FIELD_NAME_KO_GIVEN] ?: "", NULL);

  if (full != NULL)
    {
      if (has_hangul (full))
        {
          if (name_ko == NULL)
            name_ko = g_strdup (full);
        }
      else if (given == NULL && family == NULL)
        {
          const char *comma = strchr (full, ',');
          const char *space = strrchr (full, ' ');

          if (comma != NULL)
            {
              /* "Kim, Minsu": the family name first, as rosters often sort. */
              family = g_strstrip (g_strndup (full, (gsize) (comma - full)));
              given = g_strstrip (g_strdup (comma + 1));
            }
          else if (space != NULL)
            {
              given = g_strstrip (g_strndup (full, (gsize) (space - full)));
              family = g_strstrip (g_strdup (space + 1));
            }
          else
            given = g_strdup (full);
        }
    }

  /* A Hangul name typed in the given/family columns is the Korean name. */
  if (name_ko == NULL && given != NULL && family != NULL && has_hangul (given) && has_hangul (family))
    {
      name_ko = g_strconcat (family, given, NULL);
      g_clear_pointer (&given, g_free);
      g_clear_pointer (&family, g_free);
    }

  if ((given == NULL || *given == '\0') && (family == NULL || *family == '\0')
      && (name_ko == NULL || *name_ko == '\0'))
    return g_strdup (_("no name in any script"));

  json_object_set_string_member (volunteer, "type", "volunteer");
  set_string (volunteer, "given_name", given);
  set_string (volunteer, "family_name", family);
  set_string (volunteer, "name_ko", name_ko);
  set_string (volunteer, "preferred_name", values[CIVIC_ROSTER_FIELD_PREFERRED_NAME]);

  if ((v = values[CIVIC_ROSTER_FIELD_PHONE]) != NULL)
    {
      if (!civic_is_phone (v))
        return g_strdup_printf (_("phone “%s” is not a phone number"), v);
      json_object_set_string_member (volunteer, "phone", v);
    }
  if ((v = values[CIVIC_ROSTER_FIELD_EMAIL]) != NULL)
    {
      if (!civic_is_email (v))
        return g_strdup_printf (_("e-mail “%s” is not an e-mail address"), v);
      json_object_set_string_member (volunteer, "email", v);
    }
  if ((v = values[CIVIC_ROSTER_FIELD_LANGUAGES]) != NULL)
    json_object_set_array_member (volunteer, "languages", split_list (v, TRUE));
  if ((v = values[CIVIC_ROSTER_FIELD_SKILLS]) != NULL)
    json_object_set_array_member (volunteer, "skills", split_list (v, FALSE));
  if ((v = values[CIVIC_ROSTER_FIELD_OFFICE]) != NULL)
    {
      g_autofree char *key = civic_text_fold (v);
      const char *office_id = g_hash_table_lookup (index->offices, v);

      if (office_id == NULL)
        office_id = g_hash_table_lookup (index->offices, key);
      if (office_id == NULL)
        return g_strdup_printf (_("office “%s” is not one of the organization’s offices"), v);
      json_object_set_string_member (volunteer, "office_id", office_id);
    }
  if ((v = values[CIVIC_ROSTER_FIELD_AGE_GROUP]) != NULL)
    {
      const char *group = parse_age_group (v);

      if (group == NULL)
        return g_strdup_printf (_("age group “%s” is not youth, adult or senior"), v);
      json_object_set_string_member (volunteer, "age_group", group);
    }
  if ((v = values[CIVIC_ROSTER_FIELD_ACTIVE]) != NULL)
    {
      int b = parse_boolean (v);

      if (b < 0)
        return g_strdup_printf (_("active “%s” is neither yes nor no"), v);
      json_object_set_boolean_member (volunteer, "active", b);
    }
  else
    json_object_set_boolean_member (volunteer, "active", TRUE);
  if ((v = values[CIVIC_ROSTER_FIELD_JOINED_ON]) != NULL)
    {
      g_autofree char *date = parse_date (v);

      if (date == NULL)
        return g_strdup_printf (_("joined on “%s” is not a date"), v);
      json_object_set_string_member (volunteer, "joined_on", date);
    }
  if ((v = values[CIVIC_ROSTER_FIELD_EMERGENCY_CONTACT]) != NULL)
    json_object_set_object_member (volunteer, "emergency_contact", parse_contact (v));
  if ((v = values[CIVIC_ROSTER_FIELD_AVAILABILITY]) != NULL)
    {
      JsonObject *availability = parse_availability (v);

      if (availability == NULL)
        return g_strdup_printf (_("availability “%s” is not weekday/weekend and morning/afternoon/evening"), v);
      json_object_set_object_member (volunteer, "availability", availability);
    }
  set_string (volunteer, "notes", values[CIVIC_ROSTER_FIELD_NOTES]);
  return NULL;
}

/* ---- Mobilize time slots -------------------------------------------------- */

/* A Mobilize export names an event by its title ("Event") and a time slot
 * by its start ("Timeslot start", in the event's own time: "2026-10-01
 * 18:00:00", or ISO 8601 with an offset); its "Event ID" and "Timeslot ID"
 * are Mobilize's, not ours.  A row is matched to the shift of an event
 * with that title (case-folded) that starts at that instant; for a
 * repeating event, to the shift that starts at that time of day in the
 * event's zone, on or after the shift's first day, with the slot's date as
 * the occurrence.  Two shifts at once (two roles) cannot be told apart:
 * the row is reported, for a column of shift ids to be mapped instead.
 */
typedef struct {
  CivicStore *store;
  GPtrArray  *events;     /* every event, owned */
  GHashTable *by_title;   /* folded title → GPtrArray of JsonObject* (unowned) */
  GHashTable *shifts;     /* event id → GPtrArray of shifts, read when first needed */
} ShiftResolver;

static char *
fold_title (const char *title)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);

  return normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
}

static gboolean
resolver_init (ShiftResolver  *resolver,
               CivicStore     *store,
               GError        **error)
{
  memset (resolver, 0, sizeof *resolver);
  resolver->by_title = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  resolver->shifts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  if (store == NULL)
    return TRUE;

  resolver->store = g_object_ref (store);
  resolver->events = civic_store_list (store, "event", error);
  if (resolver->events == NULL)
    return FALSE;
  for (guint i = 0; i < resolver->events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (resolver->events, i);
      const char *title = member_string (event, "title");
      g_autofree char *key = title ? fold_title (title) : NULL;
      GPtrArray *same;

      if (key == NULL || *key == '\0')
        continue;
      same = g_hash_table_lookup (resolver->by_title, key);
      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (resolver->by_title, g_steal_pointer (&key), same);
        }
      g_ptr_array_add (same, event);
    }
  return TRUE;
}

static void
resolver_clear (ShiftResolver *resolver)
{
  g_clear_pointer (&resolver->by_title, g_hash_table_unref);
  g_clear_pointer (&resolver->shifts, g_hash_table_unref);
  g_clear_pointer (&resolver->events, g_ptr_array_unref);
  g_clear_object (&resolver->store);
}

static GPtrArray *
resolver_shifts (ShiftResolver *resolver,
                 const char    *event_id,
                 GError       **error)
{
  GPtrArray *shifts = g_hash_table_lookup (resolver->shifts, event_id);

  if (shifts == NULL)
    {
      shifts = civic_store_list_by_ref (resolver->store, "shift", CIVIC_STORE_REF_1, event_id, error);
      if (shifts == NULL)
        return NULL;
      g_hash_table_insert (resolver->shifts, g_strdup (event_id), shifts);
    }
  return shifts;
}

/* "2026-10-01 18:00[:00]" in @zone, or ISO 8601 with its own offset. */
static GDateTime *
parse_slot_start (const char *text,
                  GTimeZone  *zone)
{
  g_autofree char *iso = g_strstrip (g_strdup (text));
  gsize length = strlen (iso);

  if (length > 10 && iso[10] == ' ')
    iso[10] = 'T';
  /* A time without seconds. */
  if (length == 16)
    {
      char *with_seconds = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = with_seconds;
    }
  return g_date_time_new_from_iso8601 (iso, zone);
}

/* Finds the shift for @title at @start; sets @shift_id and, for a
 * repeating event, @occurrence.  Returns the reason when it cannot.
 */
static char *
resolve_shift (ShiftResolver  *resolver,
               const char     *title,
               const char     *start,
               char          **shift_id,
               char          **occurrence)
{
  g_autofree char *key = fold_title (title);
  GPtrArray *events = key ? g_hash_table_lookup (resolver->by_title, key) : NULL;
  JsonObject *found = NULL;
  g_autofree char *found_occurrence = NULL;
  guint matches = 0;
  gboolean parsed = FALSE;

  if (events == NULL)
    return g_strdup_printf (_("no event is titled “%s”"), title);

  for (guint e = 0; e < events->len; e++)
    {
      JsonObject *event = g_ptr_array_index (events, e);
      const char *tzid = member_string (event, "tzid");
      g_autoptr(GTimeZone) zone = tzid ? civic_cal_zone_new (tzid) : NULL;
      g_autoptr(GDateTime) slot = NULL;
      g_autoptr(GDateTime) slot_local = NULL;
      g_autoptr(GError) error = NULL;
      gboolean repeating = member_string (event, "rrule") != NULL;
      GPtrArray *shifts;

      if (zone == NULL)
        zone = g_time_zone_new_local ();
      slot = parse_slot_start (start, zone);
      if (slot == NULL)
        continue;
      parsed = TRUE;
      slot_local = g_date_time_to_timezone (slot, zone);

      shifts = member_string (event, "_id") ? resolver_shifts (resolver, member_string (event, "_id"), &error) : NULL;
      for (guint i = 0; shifts != NULL && i < shifts->len; i++)
        {
          JsonObject *shift = g_ptr_array_index (shifts, i);
          const char *starts_at = member_string (shift, "starts_at");
          g_autoptr(GDateTime) shift_start = starts_at ? g_date_time_new_from_iso8601 (starts_at, NULL) : NULL;
          g_autoptr(GDateTime) shift_local = NULL;
          gboolean same;

          if (shift_start == NULL)
            continue;
          shift_local = g_date_time_to_timezone (shift_start, zone);
          same = g_date_time_to_unix (shift_start) == g_date_time_to_unix (slot);
          /* A later occurrence: the same time of day, not before the series. */
          if (!same && repeating)
            same = g_date_time_get_hour (shift_local) == g_date_time_get_hour (slot_local)
                   && g_date_time_get_minute (shift_local) == g_date_time_get_minute (slot_local)
                   && g_date_time_compare (slot, shift_start) > 0;
          if (!same)
            continue;
          matches++;
          found = shift;
          g_free (found_occurrence);
          found_occurrence = repeating ? g_date_time_format (slot_local, "%Y-%m-%d") : NULL;
        }
    }

  if (!parsed)
    return g_strdup_printf (_("time slot start “%s” is not a date and time"), start);
  if (matches == 0)
    return g_strdup_printf (_("event “%s” has no shift starting at %s"), title, start);
  if (matches > 1)
    return g_strdup_printf (ngettext ("event “%s” has %u shift starting at %s; map a column of shift ids instead",
                                      "event “%s” has %u shifts starting at %s; map a column of shift ids instead",
                                      matches),
                            title, matches, start);

  *shift_id = g_strdup (member_string (found, "_id"));
  *occurrence = g_steal_pointer (&found_occurrence);
  return NULL;
}

static gboolean
has_field (CivicRosterImport *self,
           CivicRosterField   field);

static char *
build_signup (char      **values,
              CivicStore *store,
              GHashTable *shifts_seen,
              JsonObject *signup)
{
  const char *shift_id = values[CIVIC_ROSTER_FIELD_SHIFT_ID];
  const char *status = values[CIVIC_ROSTER_FIELD_SIGNUP_STATUS];
  const char *occurrence = values[CIVIC_ROSTER_FIELD_OCCURRENCE];
  g_autofree char *status_key = NULL;
  gboolean known = FALSE;

  if (shift_id == NULL)
    return g_strdup (_("no shift"));
  if (!g_hash_table_contains (shifts_seen, shift_id))
    {
      g_autoptr(JsonObject) shift = store != NULL ? civic_store_get (store, shift_id, NULL) : NULL;

      if (shift == NULL || g_strcmp0 (member_string (shift, "type"), "shift") != 0)
        return g_strdup_printf (_("shift “%s” does not exist"), shift_id);
      g_hash_table_add (shifts_seen, g_strdup (shift_id));
    }

  json_object_set_string_member (signup, "type", "signup");
  json_object_set_string_member (signup, "shift_id", shift_id);
  if (occurrence != NULL)
    {
      g_autofree char *date = parse_date (occurrence);

      if (date == NULL)
        return g_strdup_printf (_("occurrence “%s” is not a date"), occurrence);
      json_object_set_string_member (signup, "occurrence", date);
    }

  if (status != NULL)
    {
      /* Mobilize writes statuses in capitals ("CONFIRMED"). */
      status_key = g_ascii_strdown (status, -1);
      g_strdelimit (status_key, " -", '_');
      for (guint i = 0; i < G_N_ELEMENTS (signup_statuses); i++)
        if (g_str_equal (status_key, signup_statuses[i]))
          known = TRUE;
      if (g_str_equal (status_key, "canceled"))
        {
          g_free (status_key);
          status_key = g_strdup ("cancelled");
          known = TRUE;
        }
      if (!known)
        return g_strdup_printf (_("signup status “%s” is not one of invited, scheduled, "
                                  "confirmed, completed, no_show, walk_in, declined, cancelled"),
                                status);
    }
  json_object_set_string_member (signup, "status", status_key != NULL ? status_key : "scheduled");
  json_object_set_string_member (signup, "source", "import");
  return NULL;
}

static gboolean
has_field (CivicRosterImport *self,
           CivicRosterField   field)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (self->mapping[i] == field && !self->dropped[i])
      return TRUE;
  return FALSE;
}

/* The four keys a person is recognized by. */
typedef struct {
  char *keys[4];  /* phone, e-mail, Korean name, Latin name */
} RowKeys;

static void
row_keys_init (RowKeys    *keys,
               JsonObject *volunteer)
{
  const char *phone = member_string (volunteer, "phone");

  keys->keys[0] = phone != NULL ? civic_roster_phone_key (phone) : NULL;
  keys->keys[1] = email_key (member_string (volunteer, "email"));
  keys->keys[2] = name_ko_key (member_string (volunteer, "name_ko"));
  keys->keys[3] = name_key (member_string (volunteer, "given_name"), member_string (volunteer, "family_name"));
}

static void
row_keys_clear (RowKeys *keys)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys->keys); i++)
    g_clear_pointer (&keys->keys[i], g_free);
}

/* Looks up @row's keys in the store and in the earlier rows; sets the
 * duplicate fields and returns the reason, or NULL.
 */
static char *
find_duplicate (CivicRosterImportRow *row,
                RowKeys              *keys,
                StoreIndex           *index,
                GHashTable          **file_tables,
                GPtrArray            *rows)
{
  GHashTable *store_tables[4] = { index->by_phone, index->by_email, index->by_name_ko, index->by_name };
  static const char * const what[4] = {
    N_("the same phone number"), N_("the same e-mail"), N_("the same Korean name"), N_("the same name"),
  };

  for (guint i = 0; i < 4; i++)
    {
      const char *key = keys->keys[i];
      const char *id;
      gpointer file_row;

      if (key == NULL || *key == '\0')
        continue;
      id = g_hash_table_lookup (store_tables[i], key);
      if (id != NULL)
        {
          row->duplicate_of = g_strdup (id);
          /* TRANSLATORS: "has the same phone number as 김민수 (Minsu Kim), already in the roster (volunteer:…)" */
          return g_strdup_printf (_("has %s as %s, already in the roster (%s)"),
                                  _(what[i]), (const char *) g_hash_table_lookup (index->names, id), id);
        }
      if (g_hash_table_lookup_extended (file_tables[i], key, NULL, &file_row))
        {
          CivicRosterImportRow *first = g_ptr_array_index (rows, GPOINTER_TO_UINT (file_row));

          row->duplicate_line = first->line;
          /* TRANSLATORS: "has the same phone number as line 4" */
          return g_strdup_printf (_("has %s as line %u"), _(what[i]), first->line);
        }
    }
  return NULL;
}

/* Takes the keys over into @file_tables. */
static void
remember_keys (RowKeys     *keys,
               guint        row_index,
               GHashTable **file_tables)
{
  for (guint i = 0; i < 4; i++)
    {
      char *key = g_steal_pointer (&keys->keys[i]);

      if (key == NULL || *key == '\0' || g_hash_table_contains (file_tables[i], key))
        g_free (key);
      else
        g_hash_table_insert (file_tables[i], key, GUINT_TO_POINTER (row_index));
    }
}

gboolean
civic_roster_import_evaluate (CivicRosterImport *self,
                              CivicStore        *store,
                              GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GHashTable *file_tables[4];
  g_autoptr(GHashTable) shifts_seen = NULL;
  g_autofree char *now = civic_now_instant ();
  StoreIndex index = { 0 };
  ShiftResolver resolver = { 0 };
  gboolean signups;
  gboolean resolve;

  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), FALSE);

  if (!has_field (self, CIVIC_ROSTER_FIELD_GIVEN_NAME)
      && !has_field (self, CIVIC_ROSTER_FIELD_FAMILY_NAME)
      && !has_field (self, CIVIC_ROSTER_FIELD_FULL_NAME)
      && !has_field (self, CIVIC_ROSTER_FIELD_NAME_KO)
      && !has_field (self, CIVIC_ROSTER_FIELD_NAME_KO_GIVEN)
      && !has_field (self, CIVIC_ROSTER_FIELD_NAME_KO_FAMILY))
    {
      g_set_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_NO_NAME,
                   _("No column is mapped to a name; map a given, family, full or Korean name"));
      return FALSE;
    }

  if (!store_index_build (&index, store, error))
    {
      store_index_clear (&index);
      return FALSE;
    }

  signups = has_field (self, CIVIC_ROSTER_FIELD_SHIFT_ID);
  /* No shift ids, but Mobilize's event titles and time slots. */
  resolve = !signups && has_field (self, CIVIC_ROSTER_FIELD_EVENT_NAME) &&
            has_field (self, CIVIC_ROSTER_FIELD_SHIFT_START);
  if (resolve)
    {
      if (!resolver_init (&resolver, store, error))
        {
          resolver_clear (&resolver);
          store_index_clear (&index);
          return FALSE;
        }
      signups = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (file_tables); i++)
    file_tables[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  shifts_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows = g_ptr_array_new_full (self->table->records->len, row_free);

  for (guint r = 1; r < self->table->records->len; r++)
    {
      const CivicCsvRecord *record = g_ptr_array_index (self->table->records, r);
      CivicRosterImportRow *row = g_new0 (CivicRosterImportRow, 1);
      char *values[CIVIC_ROSTER_N_FIELDS] = { NULL, };
      g_autofree char *reason = NULL;

      row->line = record->line;
      row->volunteer = json_object_new ();
      g_ptr_array_add (rows, row);

      collect_values (self, record, values);
      reason = build_volunteer (values, &index, row->volunteer);
      if (reason == NULL && signups)
        {
          row->signup = json_object_new ();
          if (resolve && values[CIVIC_ROSTER_FIELD_EVENT_NAME] != NULL &&
              values[CIVIC_ROSTER_FIELD_SHIFT_START] != NULL)
            {
              char *shift_id = NULL, *occurrence = NULL;

              reason = resolve_shift (&resolver, values[CIVIC_ROSTER_FIELD_EVENT_NAME],
                                      values[CIVIC_ROSTER_FIELD_SHIFT_START], &shift_id, &occurrence);
              values[CIVIC_ROSTER_FIELD_SHIFT_ID] = shift_id;
              if (occurrence != NULL && values[CIVIC_ROSTER_FIELD_OCCURRENCE] == NULL)
                values[CIVIC_ROSTER_FIELD_OCCURRENCE] = occurrence;
              else
                g_free (occurrence);
            }
          if (reason == NULL)
            reason = build_signup (values, store, shifts_seen, row->signup);
        }
      for (guint i = 0; i < CIVIC_ROSTER_N_FIELDS; i++)
        g_free (values[i]);

      if (reason == NULL)
        {
          g_autofree char *id = civic_store_new_id ("volunteer");

          /* build_volunteer () checked every rule civic-volunteer.h states
           * (a name, phone, e-mail, age group, dates, availability,
           * emergency phone) and writes known fields only, so the
           * domain's civic_document_validate () is not run again per row:
           * its member filter alone would take a third of the 0.5 s that
           * 10,000 rows may take.  test-import checks that every row it
           * accepts passes civic_document_validate ().
           */
          json_object_set_string_member (row->volunteer, "_id", id);
          json_object_set_string_member (row->volunteer, "created_at", now);
          json_object_set_string_member (row->volunteer, "updated_at", now);
          json_object_set_string_member (row->volunteer, "updated_by", self->user_name);
        }
      if (reason != NULL)
        {
          row->status = CIVIC_ROSTER_ROW_INVALID;
          /* TRANSLATORS: "line 14: no name in any script" */
          row->reason = g_strdup_printf (_("line %u: %s"), row->line, reason);
          continue;
        }

      {
        RowKeys keys;

        row_keys_init (&keys, row->volunteer);
        reason = find_duplicate (row, &keys, &index, file_tables, rows);
        if (reason != NULL)
          {
            row->status = CIVIC_ROSTER_ROW_DUPLICATE;
            row->reason = g_strdup_printf (_("line %u: %s"), row->line, reason);
          }
        remember_keys (&keys, rows->len - 1, file_tables);
        row_keys_clear (&keys);
      }
    }

  store_index_clear (&index);
  if (resolve)
    resolver_clear (&resolver);
  for (guint i = 0; i < G_N_ELEMENTS (file_tables); i++)
    g_hash_table_unref (file_tables[i]);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&rows);
  self->dirty = FALSE;
  return TRUE;
}

GPtrArray *
civic_roster_import_get_rows (CivicRosterImport *self)
{
  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), NULL);
  return self->rows;
}

GPtrArray *
civic_roster_import_preview (CivicRosterImport *self,
                             guint              n)
{
  GPtrArray *preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), preview);

  for (guint r = 1; r < self->table->records->len && r <= n; r++)
    {
      const CivicCsvRecord *record = g_ptr_array_index (self->table->records, r);
      char **values = g_new0 (char *, CIVIC_ROSTER_N_FIELDS + 1);

      collect_values (self, record, values);
      for (guint i = 0; i < CIVIC_ROSTER_N_FIELDS; i++)
        if (values[i] == NULL)
          values[i] = g_strdup ("");
      g_ptr_array_add (preview, values);
    }
  return preview;
}

GPtrArray *
civic_roster_import_dup_messages (CivicRosterImport *self)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), messages);

  for (guint i = 0; i < self->n_columns; i++)
    if (self->dropped[i])
      g_ptr_array_add (messages,
                       g_strdup_printf (_("Column “%s” was not read: Civic Desk never stores "
                                          "immigration, citizenship or documentation status"),
                                        civic_roster_import_get_header (self, i)));
  /* Both together find the shift; one alone cannot. */
  if (has_field (self, CIVIC_ROSTER_FIELD_EVENT_NAME) != has_field (self, CIVIC_ROSTER_FIELD_SHIFT_START))
    if (!has_field (self, CIVIC_ROSTER_FIELD_SHIFT_ID))
      g_ptr_array_add (messages,
                       g_strdup (_("The event and time slot columns were not used: map a "
                                   "column of shift ids to import signups")));

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      CivicRosterImportRow *row = g_ptr_array_index (self->rows, i);

      if (row->status == CIVIC_ROSTER_ROW_INVALID
          || (row->status == CIVIC_ROSTER_ROW_DUPLICATE && !self->import_duplicates))
        g_ptr_array_add (messages, g_strdup (row->reason));
    }
  return messages;
}

/* ---- Committing ----------------------------------------------------------- */

gboolean
civic_roster_import_commit (CivicRosterImport        *self,
                            CivicStore               *store,
                            CivicRosterImportReport **report,
                            GError                  **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;
  g_autoptr(CivicRosterImportReport) result = NULL;
  g_autofree char *now = civic_now_instant ();
  guint n_volunteers = 0;

  g_return_val_if_fail (CIVIC_IS_ROSTER_IMPORT (self), FALSE);
  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);

  if ((self->rows == NULL || self->dirty) && !civic_roster_import_evaluate (self, store, error))
    return FALSE;

  result = g_new0 (CivicRosterImportReport, 1);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  ids = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      CivicRosterImportRow *row = g_ptr_array_index (self->rows, i);
      gboolean write_volunteer;
      const char *volunteer_id = NULL;

      switch (row->status)
        {
        case CIVIC_ROSTER_ROW_INVALID:
          result->skipped++;
          continue;
        case CIVIC_ROSTER_ROW_DUPLICATE:
          write_volunteer = self->import_duplicates;
          if (!write_volunteer)
            result->duplicates++;
          break;
        case CIVIC_ROSTER_ROW_OK:
        default:
          write_volunteer = TRUE;
          break;
        }

      if (write_volunteer)
        {
          volunteer_id = member_string (row->volunteer, "_id");
          g_ptr_array_add (docs, json_object_ref (row->volunteer));
          g_strv_builder_add (ids, volunteer_id);
          n_volunteers++;
        }
      else if (row->duplicate_of != NULL)
        volunteer_id = row->duplicate_of;
      else
        {
          /* The earlier row of the file with the same person. */
          for (guint j = 0; j < i; j++)
            {
              CivicRosterImportRow *first = g_ptr_array_index (self->rows, j);

              if (first->line == row->duplicate_line)
                volunteer_id = member_string (first->volunteer, "_id");
            }
        }

      if (row->signup != NULL && volunteer_id != NULL)
        {
          JsonObject *signup = json_object_new ();
          g_autofree char *signup_id = civic_store_new_id ("signup");
          GList *members = json_object_get_members (row->signup);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (signup, l->data,
                                    json_node_copy (json_object_get_member (row->signup, l->data)));
          g_list_free (members);
          json_object_set_string_member (signup, "_id", signup_id);
          json_object_set_string_member (signup, "volunteer_id", volunteer_id);
          json_object_set_string_member (signup, "signed_up_at", now);
          json_object_set_string_member (signup, "created_at", now);
          json_object_set_string_member (signup, "updated_at", now);
          json_object_set_string_member (signup, "updated_by", self->user_name);
          g_ptr_array_add (docs, signup);
          result->signups++;
        }
    }

  if (docs->len == 0)
    {
      g_set_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_NOTHING,
                   _("No row of the file can be imported"));
      return FALSE;
    }

  /* civic_store_put_many () is one transaction: all rows or none. */
  if (!civic_store_put_many (store, docs, NULL, error))
    return FALSE;

  result->imported = n_volunteers;
  result->volunteer_ids = g_strv_builder_end (ids);
  result->messages = civic_roster_import_dup_messages (self);
  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;
}

/* ---- Worker threads --------------------------------------------------------- */

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  CivicRosterImport *plan = civic_roster_import_prepare (task_data, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

void
civic_roster_import_prepare_async (GBytes              *bytes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_roster_import_prepare_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, prepare_thread);
}

CivicRosterImport *
civic_roster_import_prepare_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (civic_roster_import_evaluate (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
civic_roster_import_evaluate_async (CivicRosterImport   *self,
                                    CivicStore          *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT (self));
  g_return_if_fail (store == NULL || CIVIC_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_roster_import_evaluate_async);
  if (store != NULL)
    g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, evaluate_thread);
}

gboolean
civic_roster_import_evaluate_finish (CivicRosterImport  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  CivicRosterImportReport *report = NULL;

  if (civic_roster_import_commit (source_object, task_data, &report, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) civic_roster_import_report_free);
  else
    g_task_return_error (task, error);
}

void
civic_roster_import_commit_async (CivicRosterImport   *self,
                                  CivicStore          *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CIVIC_IS_ROSTER_IMPORT (self));
  g_return_if_fail (CIVIC_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civic_roster_import_commit_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, commit_thread);
}

CivicRosterImportReport *
civic_roster_import_commit_finish (CivicRosterImport  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
