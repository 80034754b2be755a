/* test-import.c — CSV reading and the volunteer import: mapping, encodings, duplicates, atomicity
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>

#include "civic-csv.h"
#include "civic-record.h"
#include "civic-roster-import.h"
#include "civic-store.h"

static CivicStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  CivicStore *store = civic_store_open (NULL, &error);

  g_assert_no_error (error);
  return store;
}

static CivicRosterImport *
prepare (const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  CivicRosterImport *plan = civic_roster_import_prepare (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static void
put_volunteer (CivicStore *store,
               const char *id,
               const char *given,
               const char *family,
               const char *name_ko,
               const char *phone,
               const char *email)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "volunteer");
  if (given != NULL)
    json_object_set_string_member (doc, "given_name", given);
  if (family != NULL)
    json_object_set_string_member (doc, "family_name", family);
  if (name_ko != NULL)
    json_object_set_string_member (doc, "name_ko", name_ko);
  if (phone != NULL)
    json_object_set_string_member (doc, "phone", phone);
  if (email != NULL)
    json_object_set_string_member (doc, "email", email);
  rev = civic_store_put (store, doc, &error);
  g_assert_no_error (error);
}

static CivicRosterImportRow *
row_at_line (CivicRosterImport *plan,
             guint              line)
{
  GPtrArray *rows = civic_roster_import_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      CivicRosterImportRow *row = g_ptr_array_index (rows, i);
      if (row->line == line)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Every row the import accepts must pass the domain's validation. */
static void
assert_accepted_rows_valid (CivicRosterImport *plan)
{
  GPtrArray *rows = civic_roster_import_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      CivicRosterImportRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;

      if (row->status == CIVIC_ROSTER_ROW_INVALID)
        continue;
      civic_document_validate (row->volunteer, &error);
      g_assert_no_error (error);
    }
}

static void
test_csv_quoting_and_lines (void)
{
  const char *csv =
    "a,b,c\r\n"
    "\"Kim, Minsu\",\"said \"\"hi\"\"\",x\r\n"
    "\r\n"
    "\"two\nlines\",y,z\n"
    "last,row,here";
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = civic_csv_parse (csv, strlen (csv), &error);
  CivicCsvRecord *r;

  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "UTF-8");
  g_assert_cmpuint (table->records->len, ==, 4);
  r = g_ptr_array_index (table->records, 1);
  g_assert_cmpuint (r->line, ==, 2);
  g_assert_cmpstr (r->fields[0], ==, "Kim, Minsu");
  g_assert_cmpstr (r->fields[1], ==, "said \"hi\"");
  r = g_ptr_array_index (table->records, 2);
  g_assert_cmpuint (r->line, ==, 4);  /* after a blank line */
  g_assert_cmpstr (r->fields[0], ==, "two\nlines");
  r = g_ptr_array_index (table->records, 3);
  g_assert_cmpuint (r->line, ==, 6);  /* the quoted newline took a line */
  g_assert_cmpstr (civic_csv_record_get (r, 2), ==, "here");
  g_assert_cmpstr (civic_csv_record_get (r, 7), ==, "");
}

static void
test_csv_unterminated_quote (void)
{
  const char *csv = "a,b\n1,2\n3,\"never closed\n4,5\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = civic_csv_parse (csv, strlen (csv), &error);

  g_assert_null (table);
  g_assert_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "3"));
}

static void
test_csv_write_round_trip (void)
{
  const char *fields[] = { "plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", NULL, "김민수" };
  g_autoptr(GString) out = civic_csv_buffer_new (CIVIC_CSV_WRITE_BOM);
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = NULL;
  CivicCsvRecord *r;

  civic_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_true (g_str_has_prefix (out->str, "\xEF\xBB\xBF" "plain,\"with, comma\",\"with \"\"quote\"\"\""));
  table = civic_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->encoding, ==, "UTF-8 (BOM)");
  r = g_ptr_array_index (table->records, 0);
  g_assert_cmpuint (r->n_fields, ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (r->fields[i], ==, fields[i] != NULL ? fields[i] : "");
}

static void
test_csv_bad_encoding (void)
{
  /* 0xFF is neither UTF-8 nor a CP949 lead byte. */
  const char data[] = "name\n\xFF\xFF\xFF\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CivicCsvTable) table = civic_csv_parse (data, sizeof data - 1, &error);

  g_assert_null (table);
  g_assert_error (error, CIVIC_CSV_ERROR, CIVIC_CSV_ERROR_ENCODING);
}

static void
test_mapping_generic (void)
{
  g_autoptr(CivicRosterImport) plan =
    prepare ("Given Name,Family Name,Korean name,Mobile,E-mail,Languages,Skills,Age group,Notes,Favourite colour,Immigration Status,Citizenship\n"
             "Minsu,Kim,김민수,213-555-0101,minsu@example.org,Korean;English,driver,senior,hi,blue,x,y\n");
  g_auto(GStrv) unmapped = civic_roster_import_dup_unmapped (plan);
  g_auto(GStrv) dropped = civic_roster_import_dup_dropped (plan);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;

  g_assert_cmpint (civic_roster_import_get_column_field (plan, 0), ==, CIVIC_ROSTER_FIELD_GIVEN_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 1), ==, CIVIC_ROSTER_FIELD_FAMILY_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 2), ==, CIVIC_ROSTER_FIELD_NAME_KO);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 3), ==, CIVIC_ROSTER_FIELD_PHONE);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 4), ==, CIVIC_ROSTER_FIELD_EMAIL);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 5), ==, CIVIC_ROSTER_FIELD_LANGUAGES);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 6), ==, CIVIC_ROSTER_FIELD_SKILLS);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 7), ==, CIVIC_ROSTER_FIELD_AGE_GROUP);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 8), ==, CIVIC_ROSTER_FIELD_NOTES);
  g_assert_cmpstrv (unmapped, ((const char *[]) { "Favourite colour", NULL }));
  g_assert_cmpstrv (dropped, ((const char *[]) { "Immigration Status", "Citizenship", NULL }));

  /* A dropped column can never be mapped. */
  g_assert_false (civic_roster_import_set_column_field (plan, 10, CIVIC_ROSTER_FIELD_NOTES, &error));
  g_assert_error (error, CIVIC_ROSTER_IMPORT_ERROR, CIVIC_ROSTER_IMPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* The mapping is editable. */
  g_assert_true (civic_roster_import_set_column_field (plan, 9, CIVIC_ROSTER_FIELD_NOTES, &error));
  g_assert_no_error (error);
  preview = civic_roster_import_preview (plan, 5);
  g_assert_cmpuint (preview->len, ==, 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (preview, 0))[CIVIC_ROSTER_FIELD_NOTES], ==, "hi; blue");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (preview, 0))[CIVIC_ROSTER_FIELD_NAME_KO], ==, "김민수");

  g_assert_true (civic_roster_import_evaluate (plan, NULL, &error));
  g_assert_no_error (error);
  assert_accepted_rows_valid (plan);
  {
    CivicRosterImportRow *row = row_at_line (plan, 2);
    JsonArray *langs;

    g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
    langs = json_object_get_array_member (row->volunteer, "languages");
    g_assert_cmpuint (json_array_get_length (langs), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (langs, 0), ==, "ko");
    g_assert_cmpstr (json_array_get_string_element (langs, 1), ==, "en");
    g_assert_cmpstr (json_object_get_string_member (row->volunteer, "age_group"), ==, "senior");
    /* Nothing of the dropped columns reaches the document. */
    g_assert_false (json_object_has_member (row->volunteer, "immigration_status"));
  }

  messages = civic_roster_import_dup_messages (plan);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "Immigration Status"));
}

static void
test_all_fields (void)
{
  g_autoptr(CivicRosterImport) plan =
    prepare ("Name,Preferred name,Age,Joined,Availability,Emergency contact,Active,Skills\n"
             "\"Kim, Minsu\",Min,70,9/6/2026,weekday evening; weekends,Jiyoung Kim (213) 555-0199,no,driver/Excel\n"
             "Ana Lopez,,16,2026-13-01,,,,\n"
             "Bo Ra,,,,sometimes,,,\n"
             "Chris Han,,,,,,maybe,\n");
  g_autoptr(GError) error = NULL;
  CivicRosterImportRow *row;
  JsonObject *availability, *contact;

  g_assert_cmpint (civic_roster_import_get_column_field (plan, 0), ==, CIVIC_ROSTER_FIELD_FULL_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 4), ==, CIVIC_ROSTER_FIELD_AVAILABILITY);
  g_assert_true (civic_roster_import_evaluate (plan, NULL, &error));
  g_assert_no_error (error);
  assert_accepted_rows_valid (plan);

  row = row_at_line (plan, 2);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
  g_assert_cmpstr (json_object_get_string_member (row->volunteer, "given_name"), ==, "Minsu");
  g_assert_cmpstr (json_object_get_string_member (row->volunteer, "family_name"), ==, "Kim");
  g_assert_cmpstr (json_object_get_string_member (row->volunteer, "preferred_name"), ==, "Min");
  g_assert_cmpstr (json_object_get_string_member (row->volunteer, "age_group"), ==, "senior");
  g_assert_cmpstr (json_object_get_string_member (row->volunteer, "joined_on"), ==, "2026-09-06");
  g_assert_false (json_object_get_boolean_member (row->volunteer, "active"));
  availability = json_object_get_object_member (row->volunteer, "availability");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (availability, "weekday")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (availability, "weekend")), ==, 3);
  contact = json_object_get_object_member (row->volunteer, "emergency_contact");
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Jiyoung Kim");
  g_assert_cmpstr (json_object_get_string_member (contact, "phone"), ==, "(213) 555-0199");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row->volunteer, "skills")), ==, 2);

  row = row_at_line (plan, 3);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_true (g_str_has_prefix (row->reason, "line 3: joined on"));
  row = row_at_line (plan, 4);
  g_assert_true (g_str_has_prefix (row->reason, "line 4: availability"));
  row = row_at_line (plan, 5);
  g_assert_true (g_str_has_prefix (row->reason, "line 5: active"));
}

static void
test_mapping_mobilize (void)
{
  g_autoptr(CivicRosterImport) a =
    prepare ("first_name,last_name,email,phone_number,zip,Event name,Timeslot start,Attended,Status\n"
             "Ana,Lopez,ana@example.org,2135550102,90010,Phone bank,2026-10-01 18:00,yes,CONFIRMED\n");
  g_autoptr(CivicRosterImport) b =
    prepare ("First name,Last name,Email,Phone,Zip\nAna,Lopez,ana@example.org,2135550102,90010\n");

  g_assert_cmpint (civic_roster_import_get_column_field (a, 0), ==, CIVIC_ROSTER_FIELD_GIVEN_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 1), ==, CIVIC_ROSTER_FIELD_FAMILY_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 2), ==, CIVIC_ROSTER_FIELD_EMAIL);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 3), ==, CIVIC_ROSTER_FIELD_PHONE);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 4), ==, CIVIC_ROSTER_FIELD_IGNORE);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 5), ==, CIVIC_ROSTER_FIELD_EVENT_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 6), ==, CIVIC_ROSTER_FIELD_SHIFT_START);
  g_assert_cmpint (civic_roster_import_get_column_field (a, 8), ==, CIVIC_ROSTER_FIELD_SIGNUP_STATUS);
  g_assert_cmpint (civic_roster_import_get_column_field (b, 0), ==, CIVIC_ROSTER_FIELD_GIVEN_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (b, 1), ==, CIVIC_ROSTER_FIELD_FAMILY_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (b, 2), ==, CIVIC_ROSTER_FIELD_EMAIL);
  g_assert_cmpint (civic_roster_import_get_column_field (b, 3), ==, CIVIC_ROSTER_FIELD_PHONE);
}

static void
test_mapping_van (void)
{
  g_autoptr(CivicRosterImport) plan =
    prepare ("Voter File VANID,FirstName,LastName,Address,City,State,Zip5,PreferredEmail,PreferredPhone,Cell Phone\n"
             "123,Ana,Lopez,1 Main,LA,CA,90010,ana@example.org,2135550102,2135550103\n");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unmapped = NULL;

  g_assert_cmpint (civic_roster_import_get_column_field (plan, 0), ==, CIVIC_ROSTER_FIELD_IGNORE);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 1), ==, CIVIC_ROSTER_FIELD_GIVEN_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 2), ==, CIVIC_ROSTER_FIELD_FAMILY_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 7), ==, CIVIC_ROSTER_FIELD_EMAIL);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 8), ==, CIVIC_ROSTER_FIELD_PHONE);
  /* The second phone column is left for the person to map. */
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 9), ==, CIVIC_ROSTER_FIELD_IGNORE);
  unmapped = civic_roster_import_dup_unmapped (plan);
  g_assert_true (g_strv_contains ((const char * const *) unmapped, "Voter File VANID"));
  g_assert_true (g_strv_contains ((const char * const *) unmapped, "Cell Phone"));

  g_assert_true (civic_roster_import_evaluate (plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (row_at_line (plan, 2)->status, ==, CIVIC_ROSTER_ROW_OK);
}

static void
test_korean_headers_bom_and_cp949 (void)
{
  const char *utf8 = "성,이름,휴대폰,이메일,언어\n김,민수,010-1234-5678,minsu@example.kr,한국어\n박,지영,010-2222-3333,,영어/한국어\n";
  g_autoptr(GError) error = NULL;
  gsize cp949_len = 0;
  g_autofree char *cp949 = g_convert (utf8, -1, "CP949", "UTF-8", NULL, &cp949_len, &error);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);
  const char *inputs[2];
  gsize lens[2];
  const char *encodings[2] = { "CP949", "UTF-8 (BOM)" };

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (cp949, cp949_len, NULL));
  inputs[0] = cp949, lens[0] = cp949_len;
  inputs[1] = bom, lens[1] = strlen (bom);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (inputs[i], lens[i]);
      g_autoptr(CivicRosterImport) plan = civic_roster_import_prepare (bytes, &error);
      CivicRosterImportRow *row;

      g_assert_no_error (error);
      g_assert_cmpstr (civic_roster_import_get_encoding (plan), ==, encodings[i]);
      g_assert_cmpstr (civic_roster_import_get_header (plan, 0), ==, "성");
      g_assert_cmpint (civic_roster_import_get_column_field (plan, 0), ==, CIVIC_ROSTER_FIELD_NAME_KO_FAMILY);
      g_assert_cmpint (civic_roster_import_get_column_field (plan, 1), ==, CIVIC_ROSTER_FIELD_NAME_KO_GIVEN);
      g_assert_cmpint (civic_roster_import_get_column_field (plan, 2), ==, CIVIC_ROSTER_FIELD_PHONE);
      g_assert_cmpint (civic_roster_import_get_column_field (plan, 3), ==, CIVIC_ROSTER_FIELD_EMAIL);
      g_assert_cmpint (civic_roster_import_get_column_field (plan, 4), ==, CIVIC_ROSTER_FIELD_LANGUAGES);
      g_assert_true (civic_roster_import_evaluate (plan, NULL, &error));
      g_assert_no_error (error);
      row = row_at_line (plan, 2);
      g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
      g_assert_cmpstr (json_object_get_string_member (row->volunteer, "name_ko"), ==, "김민수");
      row = row_at_line (plan, 3);
      g_assert_cmpstr (json_object_get_string_member (row->volunteer, "name_ko"), ==, "박지영");
      assert_accepted_rows_valid (plan);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row->volunteer, "languages")), ==, 2);
    }
}

static void
test_invalid_rows_and_duplicates (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  CivicRosterImportRow *row;

  put_volunteer (store, "volunteer:existing", "Minsu", "Kim", "김민수", "(213) 555-0101", "minsu@example.org");
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 1);

  plan = prepare ("First name,Last name,Korean name,Phone,Email,Notes\n"
                  "Jiyoung,Park,박지영,213-555-0200,jy@example.org,\"fine, with a comma\"\n"   /* 2 ok */
                  ",,,213-555-0201,nobody@example.org,\n"                                   /* 3 no name */
                  "Ana,Lopez,,12,ana@example.org,\n"                                       /* 4 bad phone */
                  "Min-su,Kim,,+1 213 555 0101,,\n"                                        /* 5 same phone as the store */
                  "Someone,Else,,,MINSU@example.org,\n"                                    /* 6 same email as the store */
                  "Minsu,Kim,,,,\n"                                                        /* 7 same name as the store */
                  "Other,Person,김민수,,,\n"                                               /* 8 same Korean name */
                  "Jay,Park,,2135550200,,\"a note\non two lines\"\n"                        /* 9 same phone as line 2 */
                  "Bo,Ra,,,bora@example,\n"                                                /* 11 bad email */
                  "Sun,Lee,이선,,,\n");                                                    /* 12 ok */

  g_assert_true (civic_roster_import_evaluate (plan, store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (row_at_line (plan, 2)->status, ==, CIVIC_ROSTER_ROW_OK);
  row = row_at_line (plan, 3);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_cmpstr (row->reason, ==, "line 3: no name in any script");
  row = row_at_line (plan, 4);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_true (g_str_has_prefix (row->reason, "line 4: phone"));
  g_assert_nonnull (strstr (row->reason, "12"));
  for (guint line = 5; line <= 8; line++)
    {
      row = row_at_line (plan, line);
      g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_DUPLICATE);
      g_assert_cmpstr (row->duplicate_of, ==, "volunteer:existing");
    }
  row = row_at_line (plan, 9);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_DUPLICATE);
  g_assert_null (row->duplicate_of);
  g_assert_cmpuint (row->duplicate_line, ==, 2);
  g_assert_true (g_str_has_prefix (row->reason, "line 9:"));
  row = row_at_line (plan, 11);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_true (g_str_has_prefix (row->reason, "line 11: e-mail"));
  g_assert_cmpint (row_at_line (plan, 12)->status, ==, CIVIC_ROSTER_ROW_OK);
  assert_accepted_rows_valid (plan);

  g_assert_true (civic_roster_import_commit (plan, store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 3);
  g_assert_cmpuint (report->duplicates, ==, 5);
  g_assert_cmpuint (g_strv_length (report->volunteer_ids), ==, 2);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 3);

  {
    g_autoptr(JsonObject) doc = civic_store_get (store, report->volunteer_ids[0], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (doc, "name_ko"), ==, "박지영");
    g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "fine, with a comma");
    g_assert_true (json_object_get_boolean_member (doc, "active"));
  }
}

static void
test_import_duplicates_anyway (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  put_volunteer (store, "volunteer:existing", "Minsu", "Kim", NULL, NULL, NULL);
  plan = prepare ("name\nMinsu Kim\nKim, Minsu\n");
  civic_roster_import_set_import_duplicates (plan, TRUE);
  g_assert_true (civic_roster_import_commit (plan, store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 3);
}

static void
test_failed_import_writes_nothing (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq;

  put_volunteer (store, "volunteer:existing", "Minsu", "Kim", NULL, NULL, NULL);
  seq = civic_store_get_update_seq (store);
  plan = prepare ("First name,Last name\nAna,Lopez\nBo,Ra\nChris,Han\n");
  g_assert_true (civic_roster_import_evaluate (plan, store, &error));
  g_assert_no_error (error);

  /* A board profile refuses the write: nothing may land. */
  civic_store_set_read_only (store, TRUE);
  g_assert_false (civic_roster_import_commit (plan, store, &report, &error));
  g_assert_error (error, CIVIC_STORE_ERROR, CIVIC_STORE_ERROR_READ_ONLY);
  g_assert_null (report);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 1);
  g_assert_cmpint (civic_store_get_update_seq (store), ==, seq);
}

static void
test_failed_import_midway_writes_nothing (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  CivicRosterImportRow *last;

  plan = prepare ("First name,Last name\nAna,Lopez\nBo,Ra\nChris,Han\n");
  g_assert_true (civic_roster_import_evaluate (plan, store, &error));
  g_assert_no_error (error);

  /* The third document already exists in the store under its id: the
   * store refuses it (a conflict), after the first two were written in
   * the same transaction — they must be rolled back.
   */
  rows = civic_roster_import_get_rows (plan);
  last = g_ptr_array_index (rows, rows->len - 1);
  put_volunteer (store, json_object_get_string_member (last->volunteer, "_id"), "Somebody", NULL, NULL, NULL, NULL);
  g_assert_false (civic_roster_import_commit (plan, store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 1);
}

static void
test_signups_import (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) shift = json_object_new ();
  g_autofree char *rev = NULL;
  g_autoptr(GPtrArray) signups = NULL;

  json_object_set_string_member (shift, "_id", "shift:one");
  json_object_set_string_member (shift, "type", "shift");
  json_object_set_string_member (shift, "event_id", "event:one");
  json_object_set_string_member (shift, "role", "phone_banker");
  json_object_set_string_member (shift, "starts_at", "2026-10-01T01:00:00Z");
  json_object_set_string_member (shift, "ends_at", "2026-10-01T04:00:00Z");
  json_object_set_int_member (shift, "capacity", 2);
  rev = civic_store_put (store, shift, &error);
  g_assert_no_error (error);
  put_volunteer (store, "volunteer:existing", "Minsu", "Kim", NULL, "2135550101", NULL);

  plan = prepare ("first_name,last_name,phone_number,Shift ID,Status\n"
                  "Minsu,Kim,2135550101,shift:one,CONFIRMED\n"
                  "Ana,Lopez,2135550102,shift:one,\n"
                  "Bo,Ra,2135550103,shift:missing,\n");
  g_assert_true (civic_roster_import_commit (plan, store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->signups, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 1);

  signups = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:one", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signups->len, ==, 2);
  for (guint i = 0; i < signups->len; i++)
    {
      JsonObject *s = g_ptr_array_index (signups, i);
      const char *vid = json_object_get_string_member (s, "volunteer_id");

      g_assert_cmpstr (json_object_get_string_member (s, "source"), ==, "import");
      if (g_str_equal (vid, "volunteer:existing"))
        g_assert_cmpstr (json_object_get_string_member (s, "status"), ==, "confirmed");
      else
        {
          g_assert_cmpstr (vid, ==, report->volunteer_ids[0]);
          g_assert_cmpstr (json_object_get_string_member (s, "status"), ==, "scheduled");
        }
    }
}


static void
put_doc (CivicStore *store,
         const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  rev = civic_store_put (store, json_node_get_object (node), &error);
  g_assert_no_error (error);
}

static JsonObject *
signup_of (GPtrArray  *signups,
           const char *volunteer_id)
{
  for (guint i = 0; i < signups->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (signups, i), "volunteer_id"), volunteer_id) == 0)
      return g_ptr_array_index (signups, i);
  return NULL;
}

/* Mobilize names the event by title and the time slot by its start, in
 * the event's own time: the shift is found from them.
 */
static void
test_signups_mobilize (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one_off = NULL;
  g_autoptr(GPtrArray) weekly = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  CivicRosterImportRow *row;

  /* 18:00 in Los Angeles on 30 September is 01:00 UTC on 1 October. */
  put_doc (store, "{\"_id\": \"event:bank\", \"type\": \"event\", \"kind\": \"phone_bank\", "
                  "\"title\": \"Phone Bank\", \"tzid\": \"America/Los_Angeles\", "
                  "\"starts_at\": \"2026-10-01T01:00:00Z\", \"ends_at\": \"2026-10-01T04:00:00Z\"}");
  put_doc (store, "{\"_id\": \"shift:bank\", \"type\": \"shift\", \"event_id\": \"event:bank\", "
                  "\"role\": \"phone_banker\", \"starts_at\": \"2026-10-01T01:00:00Z\", "
                  "\"ends_at\": \"2026-10-01T04:00:00Z\", \"capacity\": 5}");
  /* Every Saturday at 10:00 in Los Angeles, from 5 September. */
  put_doc (store, "{\"_id\": \"event:canvass\", \"type\": \"event\", \"kind\": \"canvass\", "
                  "\"title\": \"Weekly Canvass\", \"tzid\": \"America/Los_Angeles\", "
                  "\"starts_at\": \"2026-09-05T17:00:00Z\", \"ends_at\": \"2026-09-05T20:00:00Z\", "
                  "\"rrule\": \"FREQ=WEEKLY;BYDAY=SA\"}");
  put_doc (store, "{\"_id\": \"shift:canvass\", \"type\": \"shift\", \"event_id\": \"event:canvass\", "
                  "\"role\": \"canvasser\", \"starts_at\": \"2026-09-05T17:00:00Z\", "
                  "\"ends_at\": \"2026-09-05T20:00:00Z\", \"capacity\": 10}");
  /* Two roles at once cannot be told apart by the time alone. */
  put_doc (store, "{\"_id\": \"event:rally\", \"type\": \"event\", \"kind\": \"rally\", "
                  "\"title\": \"Rally\", \"tzid\": \"America/Los_Angeles\", "
                  "\"starts_at\": \"2026-10-02T19:00:00Z\", \"ends_at\": \"2026-10-02T21:00:00Z\"}");
  put_doc (store, "{\"_id\": \"shift:rally-a\", \"type\": \"shift\", \"event_id\": \"event:rally\", "
                  "\"role\": \"setup\", \"starts_at\": \"2026-10-02T19:00:00Z\", "
                  "\"ends_at\": \"2026-10-02T21:00:00Z\", \"capacity\": 2}");
  put_doc (store, "{\"_id\": \"shift:rally-b\", \"type\": \"shift\", \"event_id\": \"event:rally\", "
                  "\"role\": \"check_in\", \"starts_at\": \"2026-10-02T19:00:00Z\", "
                  "\"ends_at\": \"2026-10-02T21:00:00Z\", \"capacity\": 2}");

  plan = prepare ("first_name,last_name,phone_number,Event ID,Event,Timeslot ID,Timeslot start,Status\n"
                  "Ana,Lopez,2135550201,5501,phone bank ,9901,2026-09-30 18:00:00,CONFIRMED\n"
                  "Ben,Cho,2135550202,5502,Weekly Canvass,9902,2026-09-19 10:00,\n"
                  "Cy,Park,2135550203,5502,Weekly Canvass,9903,2026-09-19 11:00,\n"
                  "Di,Yoon,2135550204,5503,No Such Event,9904,2026-09-19 10:00,\n"
                  "Ed,Han,2135550205,5504,Rally,9905,2026-10-02T12:00:00-07:00,\n"
                  "Flo,Ramos,2135550206,5501,Phone Bank,9901,2026-10-01T01:00:00Z,\n"
                  "Gus,Lee,2135550207,5501,Phone Bank,9901,next tuesday,\n");
  /* Mobilize's own ids are not ours: left unmapped. */
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 3), ==, CIVIC_ROSTER_FIELD_IGNORE);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 4), ==, CIVIC_ROSTER_FIELD_EVENT_NAME);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 5), ==, CIVIC_ROSTER_FIELD_IGNORE);
  g_assert_cmpint (civic_roster_import_get_column_field (plan, 6), ==, CIVIC_ROSTER_FIELD_SHIFT_START);

  g_assert_true (civic_roster_import_evaluate (plan, store, &error));
  g_assert_no_error (error);
  row = row_at_line (plan, 2);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
  g_assert_cmpstr (json_object_get_string_member (row->signup, "shift_id"), ==, "shift:bank");
  g_assert_false (json_object_has_member (row->signup, "occurrence"));
  row = row_at_line (plan, 3);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
  g_assert_cmpstr (json_object_get_string_member (row->signup, "shift_id"), ==, "shift:canvass");
  g_assert_cmpstr (json_object_get_string_member (row->signup, "occurrence"), ==, "2026-09-19");
  row = row_at_line (plan, 4);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_nonnull (strstr (row->reason, "line 4: event “Weekly Canvass” has no shift starting at 2026-09-19 11:00"));
  row = row_at_line (plan, 5);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_nonnull (strstr (row->reason, "no event is titled “No Such Event”"));
  row = row_at_line (plan, 6);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_nonnull (strstr (row->reason, "2 shifts starting at"));
  row = row_at_line (plan, 7);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_OK);
  g_assert_cmpstr (json_object_get_string_member (row->signup, "shift_id"), ==, "shift:bank");
  row = row_at_line (plan, 8);
  g_assert_cmpint (row->status, ==, CIVIC_ROSTER_ROW_INVALID);
  g_assert_nonnull (strstr (row->reason, "“next tuesday” is not a date and time"));

  /* Both columns were used: no message says otherwise. */
  messages = civic_roster_import_dup_messages (plan);
  for (guint i = 0; i < messages->len; i++)
    g_assert_null (strstr (g_ptr_array_index (messages, i), "were not used"));

  g_assert_true (civic_roster_import_commit (plan, store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->signups, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 4);

  one_off = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:bank", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one_off->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (signup_of (one_off, report->volunteer_ids[0]), "status"), ==,
                   "confirmed");
  weekly = civic_store_list_by_ref (store, "signup", CIVIC_STORE_REF_1, "shift:canvass", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weekly->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (signup_of (weekly, report->volunteer_ids[1]), "occurrence"), ==,
                   "2026-09-19");
}

/* One of the two columns alone cannot find a shift, and says so. */
static void
test_signups_mobilize_half (void)
{
  g_autoptr(CivicStore) store = new_store ();
  g_autoptr(CivicRosterImport) plan =
    prepare ("first_name,last_name,Event\nAna,Lopez,Phone Bank\n");
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  gboolean said = FALSE;

  g_assert_true (civic_roster_import_evaluate (plan, store, &error));
  g_assert_no_error (error);
  g_assert_null (row_at_line (plan, 2)->signup);
  messages = civic_roster_import_dup_messages (plan);
  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), "were not used") != NULL)
      said = TRUE;
  g_assert_true (said);
}

static void
async_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(CivicStore) store = new_store ();
  const char *csv = "First name,Last name,Phone\nAna,Lopez,2135550102\nBo,Ra,12\n";
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(CivicRosterImport) plan = NULL;
  g_autoptr(CivicRosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *r1 = NULL, *r2 = NULL, *r3 = NULL;

  civic_roster_import_prepare_async (bytes, NULL, async_cb, &r1);
  plan = civic_roster_import_prepare_finish (wait_for (&r1), &error);
  g_assert_no_error (error);
  civic_roster_import_evaluate_async (plan, store, NULL, async_cb, &r2);
  g_assert_true (civic_roster_import_evaluate_finish (plan, wait_for (&r2), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (civic_roster_import_get_rows (plan)->len, ==, 2);
  civic_roster_import_commit_async (plan, store, NULL, async_cb, &r3);
  report = civic_roster_import_commit_finish (plan, wait_for (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_cmpuint (civic_store_count (store, "volunteer", NULL), ==, 1);
  g_object_unref (r1);
  g_object_unref (r2);
  g_object_unref (r3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster/csv/quoting-and-lines", test_csv_quoting_and_lines);
  g_test_add_func ("/roster/csv/unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/roster/csv/write-round-trip", test_csv_write_round_trip);
  g_test_add_func ("/roster/csv/bad-encoding", test_csv_bad_encoding);
  g_test_add_func ("/roster/import/mapping-generic", test_mapping_generic);
  g_test_add_func ("/roster/import/all-fields", test_all_fields);
  g_test_add_func ("/roster/import/mapping-mobilize", test_mapping_mobilize);
  g_test_add_func ("/roster/import/signups-mobilize", test_signups_mobilize);
  g_test_add_func ("/roster/import/signups-mobilize-half", test_signups_mobilize_half);
  g_test_add_func ("/roster/import/mapping-van", test_mapping_van);
  g_test_add_func ("/roster/import/korean-bom-cp949", test_korean_headers_bom_and_cp949);
  g_test_add_func ("/roster/import/invalid-and-duplicates", test_invalid_rows_and_duplicates);
  g_test_add_func ("/roster/import/duplicates-anyway", test_import_duplicates_anyway);
  g_test_add_func ("/roster/import/failed-writes-nothing", test_failed_import_writes_nothing);
  g_test_add_func ("/roster/import/failed-midway-writes-nothing", test_failed_import_midway_writes_nothing);
  g_test_add_func ("/roster/import/signups", test_signups_import);
  g_test_add_func ("/roster/import/async", test_async);
  return g_test_run ();
}
