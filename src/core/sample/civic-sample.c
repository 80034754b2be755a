/* civic-sample.c — the deterministic sample organization (scales `demo` and `large`)
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every choice below comes from splitmix64 streams seeded with the seed
 * (one for the organization, one per shift for the large scale's signups,
 * which are built on two threads), and every time is computed from fixed
 * calendar dates, so the documents do not depend on the clock, the locale,
 * the thread timing or the GLib version.  Documents are built as
 * JsonObjects with their members in a fixed order.
 *
 * The demo organization is written as if "today" were 2026-11-25: events
 * before that day are over (results, check-ins, completed signups), later
 * ones are open for signups (some shifts over capacity, so waitlists show).
 * The people, legislators, phone numbers (555-01xx) and e-mail addresses
 * (example.org) are invented.  No document holds immigration status or
 * anything like it.
 */

#define G_LOG_DOMAIN "civic-sample"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "civic-sample.h"

G_DEFINE_QUARK (civic-sample-error-quark, civic_sample_error)

/* ---- Deterministic choices ---------------------------------------------- */

/* splitmix64 (Steele, Lea and Flood): tiny, fast and stable; its finalizer
 * is a bijection, which makes ids built from it unique per type.
 */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

typedef struct {
  guint64 state;
} SampleRng;

static inline guint64
rng_next (SampleRng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

/* A number in [0, n). */
static inline guint
rng_below (SampleRng *rng,
           guint      n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* A number in [lo, hi]. */
static inline int
rng_between (SampleRng *rng,
             int        lo,
             int        hi)
{
  return lo + (int) rng_below (rng, (guint) (hi - lo + 1));
}

static inline gboolean
rng_percent (SampleRng *rng,
             guint      percent)
{
  return rng_below (rng, 100) < percent;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* ---- Calendar arithmetic on Unix seconds -------------------------------- */

#define DAY (G_GINT64_CONSTANT (86400))
#define HOUR (G_GINT64_CONSTANT (3600))
#define MINUTE (G_GINT64_CONSTANT (60))

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400) + (*m <= 2);
}

/* 0 = Sunday … 6 = Saturday. */
static int
weekday_of_days (gint64 days)
{
  return (int) (((days % 7) + 11) % 7);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Hundreds of thousands of stamps are written at scale `large`, so these
 * put digits in place instead of going through printf.
 */
static inline void
put_digits (char *p,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + value % 10);
      value /= 10;
    }
}

/* "YYYY-MM-DD"; @buf holds at least 11 bytes (years 0–9999). */
static void
format_date_days (gint64  days,
                  char   *buf)
{
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  put_digits (buf, y, 4);
  buf[4] = '-';
  put_digits (buf + 5, m, 2);
  buf[7] = '-';
  put_digits (buf + 8, d, 2);
  buf[10] = '\0';
}

/* "2026-09-08T01:00:00Z"; @buf holds at least 21 bytes. */
static void
format_instant (gint64  t,
                char   *buf)
{
  gint64 days = floor_div (t, DAY);
  int secs = (int) (t - days * DAY);

  format_date_days (days, buf);
  buf[10] = 'T';
  put_digits (buf + 11, secs / 3600, 2);
  buf[13] = ':';
  put_digits (buf + 14, secs / 60 % 60, 2);
  buf[16] = ':';
  put_digits (buf + 17, secs % 60, 2);
  buf[19] = 'Z';
  buf[20] = '\0';
}

/* ---- The generator ------------------------------------------------------ */

#define N_OFFICES 3

typedef struct {
  guint32      seed;
  SampleRng    rng;
  GTimeZone   *zone;        /* America/Los_Angeles: every office is there */
  GPtrArray   *docs;
  GStringChunk *strings;    /* ids, shared by the documents that point to them */
  /* When the documents are written while they are built, finished stretches
   * of docs go here (GPtrArray*), in order; see civic_sample_generate().
   */
  GAsyncQueue *finished;

  const char  *office_ids[N_OFFICES];
  GPtrArray   *campaigns;   /* Campaign* */
  GPtrArray   *legislators; /* const char * ids */
  GArray      *volunteers;  /* Volunteer */
  GPtrArray   *office_pool[N_OFFICES];     /* guint indices into volunteers, as pointers */
  GPtrArray   *ko_pool[N_OFFICES];
  GPtrArray   *es_pool;
  GHashTable  *emails;      /* to keep each address unique */
  guint        counters[8];
  gint64       now;         /* the "today" of the organization */
} Gen;

typedef struct {
  const char *id;
  gint64      starts_day;
  gint64      ends_day;
} Campaign;

typedef struct {
  const char *id;
  guint       office;
  gboolean    speaks_ko;
  gboolean    speaks_es;
} Volunteer;

enum {
  T_OFFICE,
  T_CAMPAIGN,
  T_EVENT,
  T_SHIFT,
  T_SIGNUP,
  T_VOLUNTEER,
  T_LEGISLATOR,
  T_VISIT,
};

static const char * const type_names[] = {
  "office", "campaign", "event", "shift", "signup", "volunteer", "legislator", "visit",
};

/* A new id "TYPE:16hex": the n-th of its type for this seed.  The input
 * (seed, n, type) maps one-to-one to the output, so ids never collide.
 */
static const char *
next_id (Gen *g,
         int  type)
{
  guint64 input = ((guint64) g->seed << 32) | g->counters[type]++;
  guint64 salt = mix64 (G_GUINT64_CONSTANT (0x4369766963446b73) + (guint64) type);
  guint64 value = mix64 (input ^ salt);
  size_t len = strlen (type_names[type]);
  char buf[64];

  memcpy (buf, type_names[type], len);
  buf[len] = ':';
  for (int i = 15; i >= 0; i--)
    {
      buf[len + 1 + i] = "0123456789abcdef"[value & 0xf];
      value >>= 4;
    }
  buf[len + 17] = '\0';
  return g_string_chunk_insert (g->strings, buf);
}

static void
set_instant (JsonObject *object,
             const char *member,
             gint64      t)
{
  char buf[32];

  format_instant (t, buf);
  json_object_set_string_member (object, member, buf);
}

static void
set_date (JsonObject *object,
          const char *member,
          gint64      days)
{
  char buf[16];

  format_date_days (days, buf);
  json_object_set_string_member (object, member, buf);
}

/* @list is comma-separated ("ko,en"); an empty string gives []. */
static void
set_list (JsonObject *object,
          const char *member,
          const char *list)
{
  JsonArray *array = json_array_new ();

  if (list != NULL && *list != '\0')
    {
      const char *p = list;

      while (TRUE)
        {
          const char *comma = strchr (p, ',');

          if (comma == NULL)
            {
              json_array_add_string_element (array, p);
              break;
            }
          {
            g_autofree char *item = g_strndup (p, comma - p);

            json_array_add_string_element (array, item);
          }
          p = comma + 1;
        }
    }
  json_object_set_array_member (object, member, array);
}

static JsonObject *
new_doc (Gen        *g,
         int         type,
         const char *id)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type_names[type]);
  return doc;
}

/* The stamps every document carries, added last. */
static void
finish_doc (Gen        *g,
            JsonObject *doc,
            gint64      created_at,
            gint64      updated_at)
{
  set_instant (doc, "created_at", created_at);
  set_instant (doc, "updated_at", MAX (created_at, updated_at));
  json_object_set_string_member (doc, "updated_by", CIVIC_SAMPLE_USER_NAME);
  g_ptr_array_add (g->docs, doc);
}

/* Passes the documents built so far to the writer, when there is one
 * waiting for them; nothing the generator does later looks at them.
 */
static void
hand_off_docs (Gen *g)
{
  if (g->finished == NULL || g->docs->len == 0)
    return;
  g_async_queue_push (g->finished, g->docs);
  g->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

/* The UTC instant of a wall-clock time in Los Angeles. */
static gint64
local_instant (Gen *g,
               int  y,
               int  m,
               int  d,
               int  hour,
               int  minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (g->zone, y, m, d, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gint64
local_instant_days (Gen    *g,
                    gint64  days,
                    int     hour,
                    int     minute)
{
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  return local_instant (g, y, m, d, hour, minute);
}

/* The day number of an instant's Los Angeles date. */
static gint64
local_days_of (Gen    *g,
               gint64  t)
{
  int interval = g_time_zone_find_interval (g->zone, G_TIME_TYPE_UNIVERSAL, t);
  gint32 offset = g_time_zone_get_offset (g->zone, interval);

  return floor_div (t + offset, DAY);
}

/* ---- Offices and campaigns ---------------------------------------------- */

typedef struct {
  const char *name;
  const char *address;
  const char *phone;
  const char *area_codes[2];
} OfficeSpec;

static const OfficeSpec offices[N_OFFICES] = {
  { "Los Angeles — Koreatown", "3540 Wilshire Blvd, Suite 900, Los Angeles, CA 90010",
    "(213) 555-0100", { "213", "323" } },
  { "Orange County — Fullerton", "1250 N Harbor Blvd, Suite 210, Fullerton, CA 92832",
    "(714) 555-0100", { "714", "657" } },
  { "Orange County — Garden Grove", "9938 Garden Grove Blvd, Suite 104, Garden Grove, CA 92844",
    "(657) 555-0100", { "657", "714" } },
};

static void
add_offices (Gen *g)
{
  gint64 created = local_instant (g, 2021, 3, 1, 9, 0);

  for (guint i = 0; i < N_OFFICES; i++)
    {
      const char *id = next_id (g, T_OFFICE);
      JsonObject *doc = new_doc (g, T_OFFICE, id);

      json_object_set_string_member (doc, "name", offices[i].name);
      json_object_set_string_member (doc, "address", offices[i].address);
      json_object_set_string_member (doc, "phone", offices[i].phone);
      json_object_set_string_member (doc, "timezone", "America/Los_Angeles");
      finish_doc (g, doc, created + i * HOUR, created + i * HOUR);
      g->office_ids[i] = id;
    }
}

/* @goals is "metric=target,metric=target". */
static void
add_campaign (Gen        *g,
              const char *name,
              const char *description,
              int y1, int m1, int d1,
              int y2, int m2, int d2,
              const char *goals)
{
  const char *id = next_id (g, T_CAMPAIGN);
  JsonObject *doc = new_doc (g, T_CAMPAIGN, id);
  JsonArray *array = json_array_new ();
  g_auto(GStrv) parts = g_strsplit (goals, ",", -1);
  Campaign *campaign = g_new0 (Campaign, 1);

  campaign->id = id;
  campaign->starts_day = days_from_civil (y1, m1, d1);
  campaign->ends_day = days_from_civil (y2, m2, d2);

  json_object_set_string_member (doc, "name", name);
  set_date (doc, "starts_on", campaign->starts_day);
  set_date (doc, "ends_on", campaign->ends_day);
  json_object_set_string_member (doc, "description", description);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      JsonObject *goal = json_object_new ();

      *eq = '\0';
      json_object_set_string_member (goal, "metric", parts[i]);
      json_object_set_int_member (goal, "target", g_ascii_strtoll (eq + 1, NULL, 10));
      json_array_add_object_element (array, goal);
    }
  json_object_set_array_member (doc, "goals", array);
  {
    gint64 created = local_instant_days (g, campaign->starts_day - 45, 10, 0);

    finish_doc (g, doc, created, created + 2 * DAY);
  }
  g_ptr_array_add (g->campaigns, campaign);
}

/* The campaign whose season holds @days, or %NULL. */
static const char *
campaign_for_day (Gen    *g,
                  gint64  days)
{
  for (guint i = 0; i < g->campaigns->len; i++)
    {
      Campaign *campaign = g_ptr_array_index (g->campaigns, i);

      if (days >= campaign->starts_day && days <= campaign->ends_day)
        return campaign->id;
    }
  return NULL;
}

/* ---- Volunteers --------------------------------------------------------- */

typedef struct {
  const char *latin;
  const char *hangul;
} KoName;

static const KoName ko_family[] = {
  { "Kim", "김" }, { "Lee", "이" }, { "Park", "박" }, { "Choi", "최" }, { "Jung", "정" },
  { "Kang", "강" }, { "Cho", "조" }, { "Yoon", "윤" }, { "Jang", "장" }, { "Lim", "임" },
  { "Han", "한" }, { "Oh", "오" }, { "Seo", "서" }, { "Shin", "신" }, { "Kwon", "권" },
  { "Hwang", "황" }, { "Ahn", "안" }, { "Song", "송" }, { "Yoo", "유" }, { "Hong", "홍" },
  { "Moon", "문" }, { "Baek", "백" }, { "Nam", "남" }, { "Ko", "고" },
};

static const KoName ko_given[] = {
  { "Minsu", "민수" }, { "Jiyoung", "지영" }, { "Seojun", "서준" }, { "Hana", "하나" },
  { "Eunji", "은지" }, { "Jiho", "지호" }, { "Yuna", "유나" }, { "Donghyun", "동현" },
  { "Soyeon", "소연" }, { "Hyunwoo", "현우" }, { "Jimin", "지민" }, { "Sungmin", "성민" },
  { "Younghee", "영희" }, { "Chulsoo", "철수" }, { "Mikyung", "미경" }, { "Jaewon", "재원" },
  { "Seoyeon", "서연" }, { "Minji", "민지" }, { "Taeyang", "태양" }, { "Hyejin", "혜진" },
  { "Sangwoo", "상우" }, { "Okja", "옥자" }, { "Youngsoo", "영수" }, { "Sunhee", "순희" },
  { "Junho", "준호" }, { "Dahye", "다혜" }, { "Kyungmin", "경민" }, { "Bora", "보라" },
};

static const char * const en_given[] = {
  "Grace", "Daniel", "Esther", "Joseph", "Sarah", "David", "Hannah", "Andrew",
  "Rachel", "Paul", "Rebecca", "Samuel", "Joanne", "Peter", "Christine", "Brian",
  "Emily", "Michael", "Jessica", "Kevin", "Sharon", "Justin", "Irene", "Timothy",
};

static const char * const en_family[] = {
  "Johnson", "Carter", "Brooks", "Nguyen", "Tran", "Patel", "Walker", "Bennett",
  "Foster", "Hayes", "Morgan", "Reed", "Sullivan", "Price", "Okafor", "Dubois",
};

typedef struct {
  const char *given;
  const char *given_ascii;
} EsGiven;

static const EsGiven es_given[] = {
  { "María", "maria" }, { "José", "jose" }, { "Lucía", "lucia" }, { "Carlos", "carlos" },
  { "Andrés", "andres" }, { "Sofía", "sofia" }, { "Miguel", "miguel" }, { "Verónica", "veronica" },
  { "Jesús", "jesus" }, { "Ana", "ana" }, { "Raúl", "raul" }, { "Elena", "elena" },
};

static const EsGiven es_family[] = {
  { "Hernández", "hernandez" }, { "Ramírez", "ramirez" }, { "García", "garcia" },
  { "López", "lopez" }, { "Martínez", "martinez" }, { "Gómez", "gomez" },
  { "Pérez", "perez" }, { "Sánchez", "sanchez" }, { "Flores", "flores" }, { "Castillo", "castillo" },
};

static const char * const skill_names[] = {
  "phone_banking", "canvassing", "translation", "data_entry", "driving",
  "public_speaking", "social_media", "first_aid", "childcare", "photography",
};

static const char * const volunteer_notes[] = {
  "Prefers evening shifts.",
  "Can drive up to six people in a minivan.",
  "Retired teacher; leads citizenship interview practice.",
  "Member of the youth leadership program.",
  "Interprets Korean–English at clinics and hearings.",
  "Brings her own laptop to phone banks.",
  "Available on short notice for rallies.",
  "Prefers tasks that do not need standing for long.",
};

static char *
ascii_lower (const char *text)
{
  return g_ascii_strdown (text, -1);
}

/* An e-mail address at example.org, unique in this organization. */
static void
set_email (Gen        *g,
           JsonObject *doc,
           const char *given_ascii,
           const char *family_ascii,
           guint       index)
{
  g_autofree char *given = ascii_lower (given_ascii);
  g_autofree char *family = ascii_lower (family_ascii);
  char buf[128];

  g_snprintf (buf, sizeof buf, "%s.%s@example.org", given, family);
  if (g_hash_table_contains (g->emails, buf))
    g_snprintf (buf, sizeof buf, "%s.%s%u@example.org", given, family, index);
  g_hash_table_add (g->emails, g_string_chunk_insert (g->strings, buf));
  json_object_set_string_member (doc, "email", buf);
}

static void
set_availability (Gen        *g,
                  JsonObject *doc,
                  const char *age_group)
{
  static const char * const parts[] = { "morning", "afternoon", "evening" };
  JsonObject *availability = json_object_new ();
  JsonArray *weekday = json_array_new ();
  JsonArray *weekend = json_array_new ();
  gboolean senior = g_str_equal (age_group, "senior");
  gboolean youth = g_str_equal (age_group, "youth");

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      /* Seniors are free in the daytime, students after school, working
       * adults in the evening.
       */
      guint weekday_chance = senior ? (i < 2 ? 75 : 30)
                             : youth ? (i == 0 ? 5 : 55)
                             : (i == 2 ? 80 : 15);

      if (rng_percent (&g->rng, weekday_chance))
        json_array_add_string_element (weekday, parts[i]);
      if (rng_percent (&g->rng, i == 2 ? 35 : 60))
        json_array_add_string_element (weekend, parts[i]);
    }
  json_object_set_array_member (availability, "weekday", weekday);
  json_object_set_array_member (availability, "weekend", weekend);
  json_object_set_object_member (doc, "availability", availability);
}

static void
add_volunteer (Gen *g,
               guint index,
               guint office,
               gint64 today)
{
  const char *id = next_id (g, T_VOLUNTEER);
  JsonObject *doc = new_doc (g, T_VOLUNTEER, id);
  Volunteer volunteer = { id, office, FALSE, FALSE };
  guint origin = rng_below (&g->rng, 100);
  guint age_roll = rng_below (&g->rng, 100);
  const char *age_group = age_roll < 22 ? "youth" : age_roll < 72 ? "adult" : "senior";
  const char *languages;
  const char *given_ascii, *family_ascii;
  char phone[32];
  gint64 joined;

  if (index == 0)
    origin = 0;  /* 김민수 is the first volunteer of every demo: search docs use him */

  if (origin < 72)
    {
      const KoName *family = index == 0 ? &ko_family[0] : &PICK (&g->rng, ko_family);
      const KoName *given = index == 0 ? &ko_given[0] : &PICK (&g->rng, ko_given);
      g_autofree char *name_ko = g_strconcat (family->hangul, given->hangul, NULL);
      gboolean english_given = index != 0 && rng_percent (&g->rng, g_str_equal (age_group, "senior") ? 10 : 40);

      given_ascii = english_given ? PICK (&g->rng, en_given) : given->latin;
      family_ascii = family->latin;
      json_object_set_string_member (doc, "given_name", given_ascii);
      json_object_set_string_member (doc, "family_name", family_ascii);
      json_object_set_string_member (doc, "name_ko", name_ko);
      if (!english_given && g_str_equal (age_group, "youth") && rng_percent (&g->rng, 35))
        json_object_set_string_member (doc, "preferred_name", PICK (&g->rng, en_given));

      if (g_str_equal (age_group, "senior"))
        languages = rng_percent (&g->rng, 55) ? "ko" : "ko,en";
      else if (g_str_equal (age_group, "youth"))
        languages = rng_percent (&g->rng, 30) ? "en" : "en,ko";
      else
        languages = rng_percent (&g->rng, 8) ? "ko,en,es" : "ko,en";
      volunteer.speaks_ko = strstr (languages, "ko") != NULL;
    }
  else if (origin < 88)
    {
      const EsGiven *given = &PICK (&g->rng, es_given);
      const EsGiven *family = &PICK (&g->rng, es_family);

      given_ascii = given->given_ascii;
      family_ascii = family->given_ascii;
      json_object_set_string_member (doc, "given_name", given->given);
      json_object_set_string_member (doc, "family_name", family->given);
      languages = rng_percent (&g->rng, 20) ? "es" : "es,en";
      volunteer.speaks_es = TRUE;
    }
  else
    {
      given_ascii = PICK (&g->rng, en_given);
      family_ascii = PICK (&g->rng, en_family);
      json_object_set_string_member (doc, "given_name", given_ascii);
      json_object_set_string_member (doc, "family_name", family_ascii);
      languages = rng_percent (&g->rng, 15) ? "en,es" : "en";
      volunteer.speaks_es = strstr (languages, "es") != NULL;
    }

  /* 555-0101 … 555-0199 are reserved for fiction; offices end in 00. */
  g_snprintf (phone, sizeof phone, "(%s) 555-01%02u",
              offices[office].area_codes[(index / 99) % 2], index % 99 + 1);
  json_object_set_string_member (doc, "phone", phone);
  set_email (g, doc, given_ascii, family_ascii, index);
  set_list (doc, "languages", languages);

  {
    JsonArray *skills = json_array_new ();
    guint first = rng_below (&g->rng, G_N_ELEMENTS (skill_names));
    guint n = rng_below (&g->rng, 4);

    for (guint i = 0; i < n; i++)
      json_array_add_string_element (skills, skill_names[(first + i * 3) % G_N_ELEMENTS (skill_names)]);
    if (volunteer.speaks_ko && strchr (languages, ',') != NULL && n == 0)
      json_array_add_string_element (skills, "translation");
    json_object_set_array_member (doc, "skills", skills);
  }

  json_object_set_string_member (doc, "office_id", g->office_ids[office]);
  json_object_set_string_member (doc, "age_group", age_group);
  set_availability (g, doc, age_group);

  {
    JsonObject *contact = json_object_new ();
    char contact_phone[32];

    g_snprintf (contact_phone, sizeof contact_phone, "(%s) 555-01%02u",
                offices[office].area_codes[0], (index * 7 + 13) % 100);
    json_object_set_string_member (contact, "name",
                                   g_str_equal (age_group, "youth") ? "Parent or guardian"
                                   : "Family member");
    json_object_set_string_member (contact, "phone", contact_phone);
    json_object_set_string_member (contact, "relationship",
                                   g_str_equal (age_group, "youth") ? "parent"
                                   : g_str_equal (age_group, "senior") ? "child" : "spouse");
    json_object_set_object_member (doc, "emergency_contact", contact);
  }

  {
    JsonObject *consent = json_object_new ();

    json_object_set_boolean_member (consent, "contact", rng_percent (&g->rng, 97));
    json_object_set_boolean_member (consent, "sms", rng_percent (&g->rng, 70));
    json_object_set_boolean_member (consent, "photo",
                                    !g_str_equal (age_group, "youth") && rng_percent (&g->rng, 60));
    json_object_set_object_member (doc, "consent", consent);
  }

  /* Joined between 2019 and a month before today. */
  {
    gint64 first = days_from_civil (2019, 1, 15);

    joined = first + rng_below (&g->rng, (guint) (today - 30 - first));
    set_date (doc, "joined_on", joined);
  }
  json_object_set_boolean_member (doc, "active", !rng_percent (&g->rng, 6));
  if (rng_percent (&g->rng, 20))
    json_object_set_string_member (doc, "notes", PICK (&g->rng, volunteer_notes));

  finish_doc (g, doc, joined * DAY + 17 * HOUR, joined * DAY + 17 * HOUR + rng_below (&g->rng, 200) * DAY);

  g_array_append_val (g->volunteers, volunteer);
  g_ptr_array_add (g->office_pool[office], GUINT_TO_POINTER (g->volunteers->len - 1));
  if (volunteer.speaks_ko)
    g_ptr_array_add (g->ko_pool[office], GUINT_TO_POINTER (g->volunteers->len - 1));
  if (volunteer.speaks_es)
    g_ptr_array_add (g->es_pool, GUINT_TO_POINTER (g->volunteers->len - 1));
}

static void
add_volunteers (Gen   *g,
                guint  n,
                gint64 today)
{
  for (guint i = 0; i < n; i++)
    {
      /* Half of the people are in Koreatown, a quarter in each OC office. */
      guint roll = i == 0 ? 0 : rng_below (&g->rng, 4);
      guint office = roll < 2 ? 0 : roll - 1;

      add_volunteer (g, i, office, today);
    }
}

static const char *
volunteer_id (Gen   *g,
              guint  index)
{
  return g_array_index (g->volunteers, Volunteer, index).id;
}

/* ---- Legislators -------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *chamber;
  const char *district;
  const char *party;
  const char *district_city;
  const char *staffer;
  const char *staff_title;
  const char *committee;
} LegislatorSpec;

/* Invented people; districts are real places so the app's maps make sense. */
static const LegislatorSpec demo_legislators[] = {
  { "Eleanor Whitcombe", "us_senate", NULL, "Democratic", "Los Angeles", "Priya Raman",
    "State Director", "Committee on the Judiciary" },
  { "Marcus Delacroix-Finch", "us_senate", NULL, "Democratic", "Los Angeles", "Owen Takahashi",
    "Immigration Counsel", "Committee on Homeland Security and Governmental Affairs" },
  { "Victor Almanza", "us_house", "34", "Democratic", "Los Angeles", "Jordan Ellis",
    "District Director", "Committee on the Judiciary" },
  { "Teresa Villalobos", "us_house", "38", "Democratic", "Whittier", "Nina Castellano",
    "Caseworker", "Committee on Education and the Workforce" },
  { "Helen Strickland", "us_house", "40", "Republican", "Yorba Linda", "Caleb Munroe",
    "District Director", "Committee on Homeland Security" },
  { "Grace Yoon-Harper", "us_house", "45", "Democratic", "Garden Grove", "Sophie Laurent",
    "Legislative Assistant", "Committee on the Judiciary" },
  { "Raymond Kessler", "us_house", "47", "Republican", "Irvine", "Derek Holloway",
    "Chief of Staff", "Committee on Ways and Means" },
  { "Ruth Castellanos", "state_assembly", "54", "Democratic", "Los Angeles", "Mateo Ibarra",
    "District Director", "Assembly Committee on Judiciary" },
  { "Daniel Marchetti", "state_assembly", "68", "Republican", "Anaheim", "Laura Pennington",
    "Field Representative", "Assembly Committee on Public Safety" },
  { "Lillian Oyelaran", "state_senate", "26", "Democratic", "Los Angeles", "Rafael Aguirre",
    "Legislative Director", "Senate Committee on Judiciary" },
  { "Curtis Halvorsen", "state_senate", "34", "Republican", "Fullerton", "Megan Albright",
    "District Representative", "Senate Committee on Human Services" },
};

static const char * const large_given[] = {
  "Alan", "Beatrice", "Cedric", "Delia", "Edmund", "Frances", "Gordon", "Harriet",
  "Isaac", "Judith", "Kenneth", "Loretta", "Malcolm", "Nora", "Oscar", "Pauline",
};

static const char * const large_family[] = {
  "Abernathy", "Blackwood", "Carraway", "Dunmore", "Ellsworth", "Fairbanks", "Greenleaf",
  "Hollister", "Ingram", "Jessup", "Kingsley", "Lockhart", "Merriweather", "Northcott",
};

static void
add_legislator (Gen                  *g,
                const LegislatorSpec *spec,
                guint                 index)
{
  const char *id = next_id (g, T_LEGISLATOR);
  JsonObject *doc = new_doc (g, T_LEGISLATOR, id);
  JsonArray *office_list = json_array_new ();
  JsonArray *staff_list = json_array_new ();
  gboolean federal = g_str_has_prefix (spec->chamber, "us_");
  char buf[160];

  json_object_set_string_member (doc, "name", spec->name);
  json_object_set_string_member (doc, "chamber", spec->chamber);
  json_object_set_string_member (doc, "state", "CA");
  if (spec->district != NULL)
    json_object_set_string_member (doc, "district", spec->district);
  json_object_set_string_member (doc, "party", spec->party);

  {
    JsonObject *capitol = json_object_new ();
    JsonObject *district = json_object_new ();

    json_object_set_string_member (capitol, "kind", "capitol");
    json_object_set_string_member (capitol, "address",
                                   federal ? (g_str_equal (spec->chamber, "us_senate")
                                              ? "Hart Senate Office Building, Washington, DC 20510"
                                              : "Rayburn House Office Building, Washington, DC 20515")
                                   : "1021 O St, Sacramento, CA 95814");
    g_snprintf (buf, sizeof buf, "(%s) 555-01%02u", federal ? "202" : "916", (index * 11 + 3) % 100);
    json_object_set_string_member (capitol, "phone", buf);
    json_array_add_object_element (office_list, capitol);

    json_object_set_string_member (district, "kind", "district");
    g_snprintf (buf, sizeof buf, "%u Civic Center Dr, Suite %u, %s, CA", 100 + index * 7,
                200 + index, spec->district_city);
    json_object_set_string_member (district, "address", buf);
    g_snprintf (buf, sizeof buf, "(%s) 555-01%02u",
                g_str_equal (spec->district_city, "Los Angeles") ? "213" : "714",
                (index * 13 + 50) % 100);
    json_object_set_string_member (district, "phone", buf);
    json_array_add_object_element (office_list, district);
  }
  json_object_set_array_member (doc, "offices", office_list);

  {
    JsonObject *staffer = json_object_new ();
    g_autofree char *email_name = g_ascii_strdown (spec->staffer, -1);

    for (char *p = email_name; *p != '\0'; p++)
      if (*p == ' ')
        *p = '.';
    json_object_set_string_member (staffer, "name", spec->staffer);
    json_object_set_string_member (staffer, "title", spec->staff_title);
    g_snprintf (buf, sizeof buf, "%s@example.org", email_name);
    json_object_set_string_member (staffer, "email", buf);
    g_snprintf (buf, sizeof buf, "(%s) 555-01%02u", federal ? "202" : "916", (index * 11 + 4) % 100);
    json_object_set_string_member (staffer, "phone", buf);
    set_list (staffer, "issues", "immigration reform,language access");
    json_array_add_object_element (staff_list, staffer);
  }
  json_object_set_array_member (doc, "staff", staff_list);

  {
    JsonArray *committees = json_array_new ();

    json_array_add_string_element (committees, spec->committee);
    json_object_set_array_member (doc, "committees", committees);
  }

  {
    gint64 created = local_instant (g, 2021, 12, 1, 10, 0) + index * HOUR;

    finish_doc (g, doc, created, created);
  }
  g_ptr_array_add (g->legislators, (gpointer) id);
}

/* ---- Events, shifts and signups ------------------------------------------ */

typedef struct {
  const char *role;
  guint       capacity;
  const char *languages;  /* languages_needed, comma-separated */
  const char *skills;
  int         start_offset;  /* minutes from the event's start */
  int         end_offset;    /* minutes from the event's end */
} ShiftSpec;

/* A shift's span for an event (occurrence) from @starts to @ends.  Setup
 * and check-in shifts end before the event does; on a short event they
 * still last at least an hour.
 */
static void
shift_span (const ShiftSpec *spec,
            gint64           starts,
            gint64           ends,
            gint64          *out_starts,
            gint64          *out_ends)
{
  *out_starts = starts + spec->start_offset * MINUTE;
  *out_ends = ends + spec->end_offset * MINUTE;
  if (*out_ends < *out_starts + HOUR)
    *out_ends = *out_starts + HOUR;
}

/* How full a shift gets: a fraction of capacity in percent. */
typedef struct {
  guint min_fill;
  guint max_fill;
} Fill;

static const char * const past_statuses[] = {
  "completed", "completed", "completed", "completed", "completed", "completed",
  "completed", "completed", "completed", "no_show", "cancelled", "declined", "walk_in",
};

static const char * const future_statuses[] = {
  "scheduled", "scheduled", "scheduled", "confirmed", "confirmed", "confirmed",
  "confirmed", "invited", "cancelled", "declined",
};

static const char * const signup_sources[] = {
  "office", "office", "phone", "phone", "self", "self", "self", "import",
};

/* Picks @n different volunteers from @pool (indices as pointers) into @out. */
static guint
pick_volunteers (Gen       *g,
                 GPtrArray *pool,
                 guint      n,
                 guint     *out)
{
  guint picked = 0;

  n = MIN (n, pool->len);
  while (picked < n)
    {
      guint candidate = GPOINTER_TO_UINT (g_ptr_array_index (pool, rng_below (&g->rng, pool->len)));
      gboolean seen = FALSE;

      for (guint i = 0; i < picked; i++)
        if (out[i] == candidate)
          seen = TRUE;
      if (!seen)
        out[picked++] = candidate;
    }
  return picked;
}

/* Signs @n volunteers of @pool up for one occurrence of a shift. */
static void
add_signups (Gen        *g,
             const char *shift_id,
             const char *occurrence,
             gint64      starts,
             gint64      ends,
             GPtrArray  *pool,
             guint       n,
             guint       capacity,
             guint      *completed_out)
{
  guint chosen[64];
  gboolean past = ends < g->now;
  guint completed = 0;

  n = pick_volunteers (g, pool, MIN (n, G_N_ELEMENTS (chosen)), chosen);
  for (guint i = 0; i < n; i++)
    {
      const char *id = next_id (g, T_SIGNUP);
      JsonObject *doc = new_doc (g, T_SIGNUP, id);
      const char *status = past ? PICK (&g->rng, past_statuses) : PICK (&g->rng, future_statuses);
      const char *source = PICK (&g->rng, signup_sources);
      gint64 signed_up;
      gint64 updated;

      /* Once a past shift was full, a few more people came anyway; a
       * future shift over capacity has a waitlist of later signups.
       */
      if (past && i >= capacity)
        status = rng_percent (&g->rng, 50) ? "walk_in" : "no_show";
      else if (!past && i >= capacity)
        status = "scheduled";
      if (g_str_equal (status, "walk_in"))
        source = "walk_in";

      /* Signed up one to twenty-five days ahead, and never after today. */
      signed_up = starts - rng_between (&g->rng, 24, 600) * HOUR - rng_below (&g->rng, 60) * MINUTE;
      if (signed_up > g->now - HOUR)
        signed_up = g->now - rng_between (&g->rng, 2, 400) * HOUR;
      if (g_str_equal (status, "walk_in"))
        signed_up = starts + rng_between (&g->rng, 0, 30) * MINUTE;
      updated = signed_up;

      json_object_set_string_member (doc, "shift_id", shift_id);
      json_object_set_string_member (doc, "volunteer_id", volunteer_id (g, chosen[i]));
      if (occurrence != NULL)
        json_object_set_string_member (doc, "occurrence", occurrence);
      json_object_set_string_member (doc, "status", status);
      set_instant (doc, "signed_up_at", signed_up);
      if (g_str_equal (status, "completed") || g_str_equal (status, "walk_in"))
        {
          gint64 in = g_str_equal (status, "walk_in") ? signed_up
                      : starts + rng_between (&g->rng, -15, 20) * MINUTE;
          gint64 out = ends + rng_between (&g->rng, -30, 15) * MINUTE;

          set_instant (doc, "checked_in_at", in);
          set_instant (doc, "checked_out_at", MAX (out, in + 30 * MINUTE));
          updated = MAX (out, in + 30 * MINUTE);
          completed++;
        }
      else if (past)
        updated = ends + 12 * HOUR;
      json_object_set_string_member (doc, "source", source);
      if (rng_percent (&g->rng, 5))
        json_object_set_string_member (doc, "notes",
                                       g_str_equal (status, "cancelled")
                                       ? "Called to cancel: family emergency."
                                       : "Asked to sit near the door.");
      finish_doc (g, doc, signed_up, updated);
    }
  if (completed_out != NULL)
    *completed_out += completed;
}

/* The pool a shift draws from: speakers of its language, else the office. */
static GPtrArray *
pool_for_shift (Gen             *g,
                const ShiftSpec *spec,
                guint            office)
{
  if (spec->languages != NULL && strstr (spec->languages, "es") != NULL && g->es_pool->len > 4)
    return g->es_pool;
  if (spec->languages != NULL && strstr (spec->languages, "ko") != NULL)
    return g->ko_pool[office];
  return g->office_pool[office];
}

static const char *
add_shift (Gen             *g,
           const char      *event_id,
           const ShiftSpec *spec,
           gint64           starts,
           gint64           ends,
           gint64           created)
{
  const char *id = next_id (g, T_SHIFT);
  JsonObject *doc = new_doc (g, T_SHIFT, id);

  json_object_set_string_member (doc, "event_id", event_id);
  json_object_set_string_member (doc, "role", spec->role);
  shift_span (spec, starts, ends, &starts, &ends);
  set_instant (doc, "starts_at", starts);
  set_instant (doc, "ends_at", ends);
  json_object_set_int_member (doc, "capacity", spec->capacity);
  set_list (doc, "languages_needed", spec->languages);
  set_list (doc, "skills_needed", spec->skills);
  finish_doc (g, doc, created, created);
  return id;
}

typedef struct {
  const char *kind;
  const char *title;
  guint       office;
  int         campaign;       /* index into the demo campaigns, -1 for none */
  int         y, m, d;
  int         start_h, start_m, end_h, end_m;  /* Los Angeles wall clock */
  const char *status;
  const char *languages;
  guint       capacity;
  gboolean    board_visible;
  const char *location_name;  /* NULL: the office */
  const char *location_address;
  const char *online_url;
  const char *accessibility;
  const char *description;
  Fill        fill;
} DemoEvent;

#define STEP_FREE "Step-free entrance; accessible restrooms."
#define INTERP "Korean–English interpretation throughout."

static const DemoEvent demo_events[] = {
  /* Summer citizenship drive. */
  { "clinic", "Citizenship clinic: N-400 application help", 0, 0, 2026, 7, 11, 10, 0, 14, 0,
    "confirmed", "ko,en", 60, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Volunteer attorneys and trained helpers review naturalization applications one on one. "
    "Bring your green card and any letters you received.", { 70, 100 } },
  { "training", "New volunteer orientation", 0, 0, 2026, 7, 15, 18, 30, 20, 30,
    "confirmed", "ko,en", 30, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Who we are, how shifts work, and how to talk with voters and neighbors.", { 50, 90 } },
  { "clinic", "Know-your-rights clinic", 2, 0, 2026, 7, 18, 10, 0, 12, 30,
    "confirmed", "ko,en,es", 40, TRUE, NULL, NULL, NULL, STEP_FREE " Spanish interpretation.",
    "What to do if an agent comes to your door or workplace. Free and confidential.", { 60, 100 } },
  { "workshop", "Citizenship interview practice", 1, 0, 2026, 7, 25, 10, 0, 12, 0,
    "confirmed", "ko,en", 25, FALSE, NULL, NULL, NULL, NULL,
    "Practice the civics test and the interview with volunteers who passed it.", { 60, 100 } },
  { "clinic", "Citizenship clinic", 1, 0, 2026, 8, 8, 10, 0, 14, 0,
    "confirmed", "ko,en", 50, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Naturalization application help with volunteer attorneys.", { 60, 100 } },
  { "legislative_visit", "Immigration reform lobby day", 0, 0, 2026, 8, 12, 9, 0, 16, 0,
    "confirmed", "ko,en", 40, TRUE, "District offices in Los Angeles and Orange County",
    "Meet at the Koreatown office at 8:30", NULL, "Carpools leave from the office.",
    "Constituents meet members of Congress in their district offices during the August "
    "recess to ask for immigration reform with a path to citizenship.", { 80, 100 } },
  { "community_meeting", "Summer members’ meeting", 2, 0, 2026, 8, 20, 19, 0, 20, 30,
    "confirmed", "ko,en", 60, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Plans for the fall: the election, voter registration and phone banks.", { 50, 90 } },
  { "rally", "Rally for Dreamers at City Hall", 0, 0, 2026, 8, 29, 11, 0, 13, 0,
    "confirmed", "ko,en,es", 500, TRUE, "Grand Park, City Hall steps",
    "200 N Spring St, Los Angeles, CA 90012", NULL, "Step-free route from the Hill Street side.",
    "Stand with DACA recipients and their families.", { 70, 100 } },
  /* General election 2026. */
  { "training", "Phone bank training", 0, 1, 2026, 9, 6, 14, 0, 16, 0,
    "confirmed", "ko,en", 40, FALSE, NULL, NULL, "https://meet.example.org/phonebank-training",
    STEP_FREE, "How to use the dialer, the script in Korean and English, and what to log.",
    { 60, 100 } },
  { "voter_registration", "National Voter Registration Day drive", 0, 1, 2026, 9, 22, 10, 0, 18, 0,
    "confirmed", "ko,en", 200, TRUE, "Koreatown Plaza, main entrance",
    "928 S Western Ave, Los Angeles, CA 90006", NULL, NULL,
    "Register voters and check registrations at the busiest corner of Koreatown.", { 70, 100 } },
  { "voter_registration", "High school pre-registration week", 1, 1, 2026, 9, 24, 12, 0, 14, 0,
    "confirmed", "en,ko", 120, FALSE, "Sunny Hills High School, library",
    "1801 Warburton Way, Fullerton, CA 92833", NULL, NULL,
    "Sixteen- and seventeen-year-olds can pre-register to vote.", { 60, 100 } },
  { "voter_registration", "Voter registration at the Korean Festival", 0, 1, 2026, 9, 26, 10, 0, 18, 0,
    "confirmed", "ko,en", 300, TRUE, "Seoul International Park",
    "3250 San Marino St, Los Angeles, CA 90006", NULL, NULL,
    "Our table at the festival: registration, ballot guides, and sign-ups.", { 80, 110 } },
  { "voter_registration", "Voter registration at Fullerton College", 1, 1, 2026, 9, 29, 11, 0, 15, 0,
    "confirmed", "en,ko", 150, FALSE, "Fullerton College, the Quad",
    "321 E Chapman Ave, Fullerton, CA 92832", NULL, NULL,
    "Registration table with the college’s Korean Student Association.", { 60, 100 } },
  { "voter_registration", "Voter registration at the Garden Grove market plaza", 2, 1, 2026, 10, 3,
    10, 0, 15, 0, "confirmed", "ko,en,es", 150, FALSE, "Market plaza on Garden Grove Boulevard",
    "9801 Garden Grove Blvd, Garden Grove, CA 92844", NULL, NULL,
    "Weekend shoppers register and pick up a ballot guide in Korean.", { 60, 100 } },
  { "town_hall", "Town hall: what’s on your ballot", 0, 1, 2026, 10, 8, 19, 0, 21, 0,
    "confirmed", "ko,en", 150, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "A nonpartisan walk through the state propositions and local measures.", { 70, 100 } },
  { "workshop", "Ballot measures explained (Korean)", 1, 1, 2026, 10, 10, 10, 30, 12, 0,
    "confirmed", "ko", 40, FALSE, NULL, NULL, "https://meet.example.org/ballot-ko", NULL,
    "The same walk-through in Korean, in person and online.", { 60, 100 } },
  { "workshop", "Ballot measures explained (English)", 2, 1, 2026, 10, 11, 10, 30, 12, 0,
    "cancelled", "en", 40, FALSE, NULL, NULL, NULL, NULL,
    "Cancelled: merged into the Fullerton session, which is online too.", { 30, 60 } },
  { "town_hall", "Town hall on immigration: DACA and family reunification", 2, 1, 2026, 10, 15,
    19, 0, 21, 0, "confirmed", "ko,en,es", 120, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Where DACA stands, what families waiting for visas can do, and how to speak up.",
    { 80, 100 } },
  { "canvass", "Weekend canvass: Koreatown", 0, 1, 2026, 10, 17, 9, 30, 13, 30,
    "confirmed", "ko,en", 40, FALSE, NULL, NULL, NULL, NULL,
    "Door to door in Koreatown apartment buildings with ballot guides.", { 60, 100 } },
  { "canvass", "Weekend canvass: Garden Grove", 2, 1, 2026, 10, 24, 9, 30, 13, 30,
    "confirmed", "ko,en", 30, FALSE, NULL, NULL, NULL, NULL,
    "Door to door along Garden Grove Boulevard.", { 60, 100 } },
  { "training", "Poll monitor training", 0, 1, 2026, 10, 27, 18, 30, 20, 30,
    "confirmed", "ko,en", 30, FALSE, NULL, NULL, NULL, STEP_FREE,
    "How to help voters who need language assistance at vote centers.", { 60, 100 } },
  { "rally", "Get-out-the-vote rally", 0, 1, 2026, 11, 1, 15, 0, 17, 0,
    "confirmed", "ko,en", 300, TRUE, "Koreatown Plaza, main entrance",
    "928 S Western Ave, Los Angeles, CA 90006", NULL, NULL,
    "Two days to go: music, speakers, and a march to the vote center.", { 70, 100 } },
  { "canvass", "Election day get-out-the-vote canvass", 0, 1, 2026, 11, 3, 8, 0, 20, 0,
    "confirmed", "ko,en", 60, TRUE, NULL, NULL, NULL, NULL,
    "Knock on the doors of voters who have not voted yet.", { 80, 110 } },
  { "community_meeting", "Election night gathering", 1, 1, 2026, 11, 3, 19, 30, 23, 0,
    "confirmed", "ko,en", 80, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Watch the results come in together.", { 50, 90 } },
  /* November after the election. */
  { "community_meeting", "Post-election debrief", 0, -1, 2026, 11, 12, 19, 0, 20, 30,
    "confirmed", "ko,en", 50, FALSE, NULL, NULL, "https://meet.example.org/debrief", NULL,
    "What worked, what did not, and what we learned for 2027.", { 50, 90 } },
  { "clinic", "Know-your-rights clinic", 0, -1, 2026, 11, 14, 10, 0, 12, 30,
    "confirmed", "ko,en,es", 50, TRUE, NULL, NULL, NULL, STEP_FREE " Spanish interpretation.",
    "What to do if an agent comes to your door or workplace. Free and confidential.", { 70, 100 } },
  { "hearing", "City Council committee hearing on language access", 0, -1, 2026, 11, 18, 10, 0,
    12, 0, "confirmed", "en", 40, TRUE, "Los Angeles City Hall, Room 340",
    "200 N Spring St, Los Angeles, CA 90012", NULL, "Interpreters from our office sit with testifiers.",
    "The committee hears a motion to fund interpreters at city service counters. "
    "Members tell how language barriers kept them from city services.", { 80, 100 } },
  { "workshop", "Digital skills for seniors", 1, -1, 2026, 11, 19, 10, 0, 12, 0,
    "confirmed", "ko", 20, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Video calls, online forms and avoiding scams, in Korean.", { 70, 100 } },
  { "clinic", "Citizenship clinic", 2, -1, 2026, 11, 21, 10, 0, 14, 0,
    "confirmed", "ko,en", 50, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Naturalization application help with volunteer attorneys.", { 70, 100 } },
  { "community_meeting", "Volunteer appreciation potluck", 0, -1, 2026, 11, 22, 12, 0, 15, 0,
    "confirmed", "ko,en", 100, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Thank you for a season of phone banks and canvasses. Bring a dish if you can.", { 60, 90 } },
  { "clinic", "DACA renewal clinic", 1, -1, 2026, 11, 28, 10, 0, 13, 0,
    "confirmed", "ko,en,es", 30, TRUE, NULL, NULL, NULL, STEP_FREE,
    "Help filling out renewal forms with volunteer attorneys.", { 60, 120 } },
  { "training", "Storytelling for advocacy", 0, -1, 2026, 11, 30, 18, 30, 20, 30,
    "confirmed", "ko,en", 25, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Tell your family’s story in two minutes, for hearings and visits.", { 80, 140 } },
  /* December. */
  { "town_hall", "Town hall on immigration: the new Congress and our families", 0, -1, 2026, 12, 5,
    14, 0, 16, 0, "confirmed", "ko,en", 200, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "What the incoming Congress may do on immigration, and how we will meet it.", { 110, 150 } },
  { "workshop", "Know your rights at work", 2, -1, 2026, 12, 9, 18, 30, 20, 0,
    "confirmed", "es,ko,en", 40, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Wage theft, breaks, and who to call. In Spanish, Korean and English.", { 50, 100 } },
  { "clinic", "Citizenship clinic", 0, -1, 2026, 12, 12, 10, 0, 14, 0,
    "confirmed", "ko,en", 60, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Naturalization application help with volunteer attorneys.", { 60, 110 } },
  { "training", "Interpreter training (Korean–English)", 1, -1, 2026, 12, 16, 18, 30, 20, 30,
    "confirmed", "ko,en", 20, FALSE, NULL, NULL, NULL, NULL,
    "Consecutive interpretation for clinics and hearings, and its ethics.", { 60, 130 } },
  { "community_meeting", "Year-end members’ meeting", 0, -1, 2026, 12, 17, 19, 0, 21, 0,
    "tentative", "ko,en", 80, FALSE, NULL, NULL, NULL, STEP_FREE,
    "Elect the 2027 steering committee and set priorities.", { 50, 100 } },
  /* Immigration reform 2027. */
  { "training", "Lobby day training", 0, 2, 2027, 1, 13, 18, 30, 20, 30,
    "confirmed", "ko,en", 40, FALSE, NULL, NULL, "https://meet.example.org/lobby-training", NULL,
    "How a visit goes, who asks what, and how to take notes.", { 60, 110 } },
  { "clinic", "Know-your-rights clinic", 1, 2, 2027, 1, 16, 10, 0, 12, 30,
    "confirmed", "ko,en,es", 40, TRUE, NULL, NULL, NULL, STEP_FREE,
    "What to do if an agent comes to your door or workplace. Free and confidential.", { 50, 110 } },
  { "town_hall", "Town hall: immigration priorities for 2027", 2, 2, 2027, 1, 21, 19, 0, 21, 0,
    "confirmed", "ko,en,es", 120, TRUE, NULL, NULL, NULL, STEP_FREE " " INTERP,
    "Members vote on the bills we will push this session.", { 50, 110 } },
  { "workshop", "Citizenship interview practice", 0, 2, 2027, 1, 23, 10, 0, 12, 0,
    "confirmed", "ko,en", 25, FALSE, NULL, NULL, NULL, NULL,
    "Practice the civics test and the interview with volunteers who passed it.", { 50, 110 } },
  { "hearing", "Assembly Judiciary Committee hearing on AB 114", 0, 2, 2027, 2, 10, 13, 30, 17, 0,
    "confirmed", "en", 30, TRUE, "California State Capitol, Room 437",
    "1021 O St, Sacramento, CA 95814", NULL, "Step-free entrance on O Street.",
    "AB 114 would fund immigration legal services in languages other than English. "
    "Members who used such services testify.", { 50, 110 } },
  { "legislative_visit", "Sacramento lobby day for immigrant families", 0, 2, 2027, 2, 23, 8, 0,
    17, 0, "tentative", "ko,en", 60, TRUE, "California State Capitol",
    "1021 O St, Sacramento, CA 95814", NULL, "Bus from Koreatown with a wheelchair lift.",
    "Visits to state legislators on language access and legal services.", { 50, 110 } },
  { "rally", "Rally for immigrant families", 2, 2, 2027, 2, 27, 11, 0, 13, 0,
    "tentative", "ko,en,es", 300, TRUE, "Garden Grove Civic Center Park",
    "11300 Stanford Ave, Garden Grove, CA 92840", NULL, NULL,
    "A community rally to open the spring push.", { 40, 90 } },
};

/* Shifts per kind of event; phone banks have their own. */
static const ShiftSpec shifts_registration[] = {
  { "registration_table", 6, "ko,en", "", 0, 0 },
  { "interpreter", 2, "ko", "translation", 0, 0 },
  { "setup", 2, "", "", -60, -240 },
};
static const ShiftSpec shifts_town_hall[] = {
  { "check_in", 4, "", "", -30, -60 },
  { "interpreter", 3, "ko", "translation", 0, 0 },
  { "note_taker", 2, "", "", 0, 0 },
  { "setup", 4, "", "", -90, -60 },
};
static const ShiftSpec shifts_hearing[] = {
  { "speaker", 5, "", "public_speaking", 0, 0 },
  { "interpreter", 2, "ko", "translation", 0, 0 },
  { "note_taker", 1, "", "", 0, 0 },
};
static const ShiftSpec shifts_clinic[] = {
  { "check_in", 3, "", "", -30, 0 },
  { "interpreter", 4, "ko", "translation", 0, 0 },
  { "interpreter", 1, "es", "translation", 0, 0 },
};
static const ShiftSpec shifts_rally[] = {
  { "setup", 6, "", "", -120, -60 },
  { "check_in", 4, "", "", -30, -60 },
  { "driver", 3, "", "driving", -90, 60 },
};
static const ShiftSpec shifts_workshop[] = {
  { "check_in", 2, "", "", -30, -60 },
  { "interpreter", 1, "ko", "translation", 0, 0 },
};
static const ShiftSpec shifts_training[] = {
  { "check_in", 1, "", "", -30, -90 },
  { "setup", 2, "", "", -60, -90 },
};
static const ShiftSpec shifts_canvass[] = {
  { "canvasser", 20, "", "canvassing", 0, 0 },
  { "driver", 3, "", "driving", -30, 30 },
};
static const ShiftSpec shifts_lobby[] = {
  { "driver", 4, "", "driving", -30, 60 },
  { "note_taker", 6, "", "", 0, 0 },
  { "interpreter", 3, "ko", "translation", 0, 0 },
};
static const ShiftSpec shifts_meeting[] = {
  { "note_taker", 1, "", "", 0, 0 },
  { "interpreter", 1, "ko", "translation", 0, 0 },
};
static const ShiftSpec shifts_phone_bank[] = {
  { "phone_banker", 10, "", "phone_banking", 0, 0 },
  { "interpreter", 2, "ko", "translation", 0, 0 },
};

static const ShiftSpec *
shifts_for_kind (const char *kind,
                 guint      *n)
{
#define RETURN_SHIFTS(array) G_STMT_START { *n = G_N_ELEMENTS (array); return array; } G_STMT_END
  if (g_str_equal (kind, "voter_registration"))
    RETURN_SHIFTS (shifts_registration);
  if (g_str_equal (kind, "town_hall"))
    RETURN_SHIFTS (shifts_town_hall);
  if (g_str_equal (kind, "hearing"))
    RETURN_SHIFTS (shifts_hearing);
  if (g_str_equal (kind, "clinic"))
    RETURN_SHIFTS (shifts_clinic);
  if (g_str_equal (kind, "rally"))
    RETURN_SHIFTS (shifts_rally);
  if (g_str_equal (kind, "workshop"))
    RETURN_SHIFTS (shifts_workshop);
  if (g_str_equal (kind, "training"))
    RETURN_SHIFTS (shifts_training);
  if (g_str_equal (kind, "canvass"))
    RETURN_SHIFTS (shifts_canvass);
  if (g_str_equal (kind, "legislative_visit"))
    RETURN_SHIFTS (shifts_lobby);
  if (g_str_equal (kind, "phone_bank"))
    RETURN_SHIFTS (shifts_phone_bank);
  RETURN_SHIFTS (shifts_meeting);
#undef RETURN_SHIFTS
}

static void
set_location (JsonObject *doc,
              const char *name,
              const char *address)
{
  JsonObject *location = json_object_new ();

  json_object_set_string_member (location, "name", name);
  json_object_set_string_member (location, "address", address);
  json_object_set_object_member (doc, "location", location);
}

static void
set_results (Gen        *g,
             JsonObject *doc,
             const char *kind,
             guint       workers,
             guint       capacity)
{
  JsonObject *results = json_object_new ();
  guint attendees = capacity * (guint) rng_between (&g->rng, 55, 105) / 100;

  if (g_str_equal (kind, "phone_bank"))
    {
      guint calls = workers * (guint) rng_between (&g->rng, 55, 75);

      json_object_set_int_member (results, "calls_made", calls);
      json_object_set_int_member (results, "contacts_reached", calls * (guint) rng_between (&g->rng, 28, 38) / 100);
      json_object_set_int_member (results, "registrations", calls / 400);
    }
  else if (g_str_equal (kind, "canvass"))
    {
      json_object_set_int_member (results, "contacts_reached", workers * (guint) rng_between (&g->rng, 25, 45));
      json_object_set_int_member (results, "registrations", workers * (guint) rng_between (&g->rng, 1, 3));
    }
  else if (g_str_equal (kind, "voter_registration"))
    {
      json_object_set_int_member (results, "contacts_reached", attendees * 3);
      json_object_set_int_member (results, "registrations", attendees * (guint) rng_between (&g->rng, 40, 70) / 100);
    }
  json_object_set_int_member (results, "attendees", attendees);
  json_object_set_object_member (doc, "results", results);
}

/* Writes one event with its shifts and signups.  For a repeating event,
 * @occurrences lists each occurrence's start (Unix seconds), ending with 0.
 */
static const char *
add_demo_event (Gen             *g,
                const DemoEvent *spec,
                const char      *rrule,
                const char      *exdate,
                const ShiftSpec *shift_specs,
                guint            n_shift_specs,
                const gint64    *occurrences,
                GPtrArray       *testifiers)
{
  const char *id = next_id (g, T_EVENT);
  JsonObject *doc = new_doc (g, T_EVENT, id);
  gint64 starts = local_instant (g, spec->y, spec->m, spec->d, spec->start_h, spec->start_m);
  gint64 ends = local_instant (g, spec->y, spec->m, spec->d, spec->end_h, spec->end_m);
  gint64 created = starts - rng_between (&g->rng, 20, 45) * DAY;
  gint64 last_end = ends;
  gboolean cancelled = g_str_equal (spec->status, "cancelled");
  guint workers = 0;
  const char *campaign_id = spec->campaign >= 0
                            ? ((Campaign *) g_ptr_array_index (g->campaigns, spec->campaign))->id
                            : NULL;

  if (occurrences != NULL)
    for (guint i = 0; occurrences[i] != 0; i++)
      last_end = occurrences[i] + (ends - starts);

  json_object_set_string_member (doc, "kind", spec->kind);
  json_object_set_string_member (doc, "title", spec->title);
  json_object_set_string_member (doc, "description", spec->description);
  json_object_set_string_member (doc, "status", spec->status);
  json_object_set_string_member (doc, "office_id", g->office_ids[spec->office]);
  if (campaign_id != NULL)
    json_object_set_string_member (doc, "campaign_id", campaign_id);
  set_instant (doc, "starts_at", starts);
  set_instant (doc, "ends_at", ends);
  json_object_set_string_member (doc, "tzid", "America/Los_Angeles");
  json_object_set_boolean_member (doc, "all_day", FALSE);
  if (rrule != NULL)
    json_object_set_string_member (doc, "rrule", rrule);
  if (exdate != NULL)
    set_list (doc, "exdates", exdate);
  if (spec->location_name != NULL)
    set_location (doc, spec->location_name, spec->location_address);
  else
    set_location (doc, offices[spec->office].name, offices[spec->office].address);
  if (spec->online_url != NULL)
    json_object_set_string_member (doc, "online_url", spec->online_url);
  set_list (doc, "languages", spec->languages);
  if (spec->accessibility != NULL)
    json_object_set_string_member (doc, "accessibility", spec->accessibility);
  json_object_set_int_member (doc, "capacity", spec->capacity);
  json_object_set_boolean_member (doc, "board_visible", spec->board_visible);

  /* Shifts and signups go in before the event is finished, so the results
   * can count the people who came.
   */
  for (guint s = 0; s < n_shift_specs; s++)
    {
      const ShiftSpec *shift_spec = &shift_specs[s];
      ShiftSpec adjusted = *shift_spec;
      const char *shift_id;
      GPtrArray *pool;
      guint first_signup;

      if (g_str_equal (spec->kind, "phone_bank") && s == 0 && spec->office != 0)
        adjusted.capacity = 8;
      if (g_str_equal (spec->kind, "phone_bank") && s == 1 && spec->office != 0)
        adjusted.capacity = 1;
      shift_id = add_shift (g, id, &adjusted, starts, ends, created + HOUR);
      pool = pool_for_shift (g, &adjusted, spec->office);
      first_signup = g->docs->len;

      if (occurrences != NULL)
        {
          for (guint i = 0; occurrences[i] != 0; i++)
            {
              gint64 occ_starts, occ_ends;
              char date[16];
              guint n = adjusted.capacity * (guint) rng_between (&g->rng, 60, 110) / 100;

              shift_span (&adjusted, occurrences[i], occurrences[i] + (ends - starts),
                          &occ_starts, &occ_ends);
              format_date_days (local_days_of (g, occurrences[i]), date);
              add_signups (g, shift_id, date, occ_starts, occ_ends, pool, MAX (n, 1),
                           adjusted.capacity, s == 0 ? &workers : NULL);
            }
        }
      else
        {
          guint n = (adjusted.capacity * (guint) rng_between (&g->rng, spec->fill.min_fill,
                                                              spec->fill.max_fill) + 99) / 100;
          gint64 shift_starts, shift_ends;

          if (cancelled)
            n = MIN (n, 2);
          shift_span (&adjusted, starts, ends, &shift_starts, &shift_ends);
          add_signups (g, shift_id, NULL, shift_starts, shift_ends, pool, MAX (n, 1),
                       adjusted.capacity, &workers);

          if (g_str_equal (adjusted.role, "speaker") && testifiers != NULL)
            {
              /* The hearing's testifiers are the volunteers of its
               * speakers' shift who did not back out.
               */
              for (guint i = first_signup; i < g->docs->len; i++)
                {
                  JsonObject *signup = g_ptr_array_index (g->docs, i);
                  const char *status = json_object_get_string_member (signup, "status");

                  if (!g_str_equal (status, "declined") && !g_str_equal (status, "cancelled")
                      && !g_str_equal (status, "no_show"))
                    g_ptr_array_add (testifiers,
                                     (gpointer) json_object_get_string_member (signup, "volunteer_id"));
                }
            }
        }
    }

  if (g_str_equal (spec->kind, "hearing") && testifiers != NULL)
    {
      JsonArray *array = json_array_new ();
      const char *body = spec->y == 2026 ? "Los Angeles City Council — Immigrant Affairs Committee"
                                         : "California State Assembly — Committee on Judiciary";
      const char *bill = spec->y == 2026 ? "Council File 26-1187" : "AB 114";

      json_object_set_string_member (doc, "body", body);
      json_object_set_string_member (doc, "bill", bill);
      set_instant (doc, "testimony_deadline",
                   local_instant_days (g, days_from_civil (spec->y, spec->m, spec->d) - 2, 17, 0));
      for (guint i = 0; i < testifiers->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (testifiers, i));
      json_object_set_array_member (doc, "testifiers", array);
    }

  if (last_end < g->now && !cancelled)
    set_results (g, doc, spec->kind, workers, spec->capacity);

  finish_doc (g, doc, created, last_end < g->now ? last_end + DAY : created + 3 * DAY);
  return id;
}

/* One repeating phone bank per office: Monday to Thursday evenings from the
 * start of the general-election campaign until it ends.
 */
static void
add_phone_banks (Gen *g)
{
  static const char *titles[N_OFFICES] = {
    "Phone bank: Koreatown", "Phone bank: Fullerton", "Phone bank: Garden Grove",
  };
  /* The until is 23:59:59 on Saturday 7 November in Los Angeles. */
  static const char rrule[] = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH;UNTIL=20261108T075959Z";
  gint64 first = days_from_civil (2026, 9, 7);   /* a Monday */
  gint64 last = days_from_civil (2026, 11, 7);
  gint64 skipped = days_from_civil (2026, 10, 12);  /* Koreatown office closed */

  for (guint office = 0; office < N_OFFICES; office++)
    {
      DemoEvent spec = {
        "phone_bank", titles[office], office, 1, 2026, 9, 7, 18, 0, 21, 0,
        "confirmed", "ko,en", office == 0 ? 12 : 8, TRUE, NULL, NULL, NULL, STEP_FREE,
        "Call voters in Korean and English: check their registration, share the ballot guide "
        "and make a plan to vote.  Dinner at 5:45.", { 60, 110 }
      };
      g_autoptr(GArray) occurrences = g_array_new (TRUE, TRUE, sizeof (gint64));
      char exdate[32];

      for (gint64 day = first; day <= last; day++)
        {
          int weekday = weekday_of_days (day);
          gint64 t;

          if (weekday < 1 || weekday > 4 || (office == 0 && day == skipped))
            continue;
          t = local_instant_days (g, day, 18, 0);
          g_array_append_val (occurrences, t);
        }

      format_instant (local_instant_days (g, skipped, 18, 0), exdate);
      add_demo_event (g, &spec, rrule, office == 0 ? exdate : NULL, shifts_phone_bank,
                      G_N_ELEMENTS (shifts_phone_bank), (const gint64 *) occurrences->data, NULL);
    }
}

static void
add_election_day (Gen *g)
{
  const char *id = next_id (g, T_EVENT);
  JsonObject *doc = new_doc (g, T_EVENT, id);
  gint64 created = local_instant (g, 2026, 7, 1, 9, 0);

  json_object_set_string_member (doc, "kind", "other");
  json_object_set_string_member (doc, "title", "General election day");
  json_object_set_string_member (doc, "description",
                                 "Vote centers are open 7 a.m. to 8 p.m.; Korean ballots and "
                                 "interpreters are available at every vote center.");
  json_object_set_string_member (doc, "status", "confirmed");
  json_object_set_string_member (doc, "office_id", g->office_ids[0]);
  json_object_set_string_member (doc, "campaign_id",
                                 ((Campaign *) g_ptr_array_index (g->campaigns, 1))->id);
  json_object_set_boolean_member (doc, "all_day", TRUE);
  json_object_set_string_member (doc, "starts_on", "2026-11-03");
  json_object_set_string_member (doc, "ends_on", "2026-11-03");
  json_object_set_string_member (doc, "tzid", "America/Los_Angeles");
  set_list (doc, "languages", "ko,en");
  json_object_set_boolean_member (doc, "board_visible", TRUE);
  finish_doc (g, doc, created, created);
}

/* ---- Visits --------------------------------------------------------------- */

static const char * const attendee_roles[] = {
  "leader", "asker", "storyteller", "note_taker", "interpreter",
};

static const char * const positions[] = {
  "oppose", "lean_oppose", "undecided", "lean_support", "support",
};

typedef struct {
  guint       legislator;
  int         y, m, d, hour;
  const char *format;
  gboolean    with_member;
  const char *position;
  const char *issues;
  const char *bills;
  const char *ask;
  const char *commitments;
  const char *notes;
  int         event;          /* 0: none, 1: the summer lobby day, 2: the Sacramento one */
  const char *follow_up;      /* task; NULL for none */
  int         follow_up_days; /* due this many days after the visit */
  gboolean    follow_up_done;
} DemoVisit;

#define REFORM "immigration reform,DACA"
#define REFORM_BILLS "H.R. 2914"
#define REFORM_ASK "Co-sponsor H.R. 2914, a path to citizenship for Dreamers and long-time residents."
#define ACCESS "language access,legal services"
#define ACCESS_ASK "Vote yes on AB 114 to fund immigration legal services in more languages."

static const DemoVisit demo_visits[] = {
  /* The August lobby day. */
  { 2, 2026, 8, 12, 10, "district_office", TRUE, "undecided", REFORM, REFORM_BILLS, REFORM_ASK,
    "Will read the bill text and meet again in September.",
    "Two members told how their families waited fifteen years for visas.", 1,
    "Send the member the families’ stories in writing", 7, TRUE },
  { 3, 2026, 8, 12, 13, "district_office", FALSE, "lean_support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Staff will brief the member.", "Met with the caseworker; friendly.", 1,
    "Send the DACA renewal figures staff asked for", 10, TRUE },
  { 4, 2026, 8, 12, 11, "district_office", FALSE, "lean_oppose", REFORM, REFORM_BILLS, REFORM_ASK,
    "None.", "Staff raised border security first; listened to our stories.", 1,
    "Thank-you letter with the local business owners’ letter attached", 7, TRUE },
  { 5, 2026, 8, 12, 14, "district_office", TRUE, "support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Already a co-sponsor; will speak at our rally.", "Warm meeting; asked for a speaker list.", 1,
    "Confirm the member as a rally speaker", 5, TRUE },
  { 6, 2026, 8, 12, 15, "district_office", FALSE, "undecided", REFORM, REFORM_BILLS, REFORM_ASK,
    "Will share our packet with the DC office.", NULL, 1,
    "Ask for a meeting with the member in the fall", 14, FALSE },
  { 0, 2026, 8, 12, 9, "virtual", FALSE, "lean_support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Counsel will follow the bill in committee.", "Video call with the state director.", 1,
    "Send the Senate companion bill summary", 7, TRUE },
  /* Autumn follow-ups: positions move. */
  { 2, 2026, 9, 18, 11, "district_office", TRUE, "lean_support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Leaning yes; wants to hear from local employers.", NULL, 0,
    "Bring two local employers to the next meeting", 30, TRUE },
  { 4, 2026, 9, 24, 10, "phone", FALSE, "undecided", REFORM, REFORM_BILLS, REFORM_ASK,
    "Will reconsider after the election.", "Phone call with the district director.", 0,
    "Call back after the election", 45, FALSE },
  { 1, 2026, 10, 6, 10, "virtual", FALSE, "undecided", REFORM, REFORM_BILLS, REFORM_ASK,
    "Will ask the senator for a position.", NULL, 0,
    "Send the letter signed by 40 pastors", 10, TRUE },
  { 6, 2026, 10, 21, 16, "district_office", TRUE, "lean_oppose", REFORM, REFORM_BILLS, REFORM_ASK,
    "None.", "The member said the bill is too broad.", 0,
    "Write up the meeting for the coalition", 3, TRUE },
  /* After the election. */
  { 2, 2026, 11, 17, 11, "district_office", TRUE, "support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Will co-sponsor when the bill is reintroduced.", "A clear yes.", 0,
    "Thank-you note and photo from the meeting", 3, FALSE },
  { 3, 2026, 11, 10, 14, "district_office", TRUE, "support", REFORM, REFORM_BILLS, REFORM_ASK,
    "Co-sponsor.", NULL, 0,
    "Invite the member to the December town hall", 7, FALSE },
  { 0, 2026, 11, 19, 10, "virtual", FALSE, "support", REFORM, REFORM_BILLS, REFORM_ASK,
    "The senator will be an original co-sponsor.", NULL, 0,
    "Share the news with members in the newsletter", 16, FALSE },
  { 7, 2026, 9, 10, 10, "district_office", TRUE, "support", ACCESS, "AB 114", ACCESS_ASK,
    "Will carry the bill if introduced.", "Wants stories from clinic clients.", 0,
    "Collect three clinic stories (with consent)", 60, FALSE },
  { 8, 2026, 10, 2, 15, "district_office", FALSE, "unknown", ACCESS, "AB 114", ACCESS_ASK,
    "None yet.", "First meeting with this office.", 0,
    "Send the bill fact sheet in Korean and English", 7, TRUE },
  { 9, 2026, 11, 5, 10, "phone", FALSE, "lean_support", ACCESS, "AB 114", ACCESS_ASK,
    "Staff will look at the budget.", NULL, 0,
    "Send the cost estimate", 10, FALSE },
  { 10, 2026, 11, 16, 14, "district_office", TRUE, "undecided", ACCESS, "AB 114", ACCESS_ASK,
    "Wants to know the cost.", NULL, 0,
    "Send the cost estimate and county numbers", 14, FALSE },
  /* Planned for the Sacramento lobby day. */
  { 7, 2027, 2, 23, 10, "capitol", TRUE, "unknown", ACCESS, "AB 114", ACCESS_ASK, NULL, NULL, 2,
    NULL, 0, FALSE },
  { 8, 2027, 2, 23, 11, "capitol", FALSE, "unknown", ACCESS, "AB 114", ACCESS_ASK, NULL, NULL, 2,
    NULL, 0, FALSE },
  { 9, 2027, 2, 23, 13, "capitol", TRUE, "unknown", ACCESS, "AB 114", ACCESS_ASK, NULL, NULL, 2,
    NULL, 0, FALSE },
  { 10, 2027, 2, 23, 14, "capitol", FALSE, "unknown", ACCESS, "AB 114", ACCESS_ASK, NULL, NULL, 2,
    NULL, 0, FALSE },
};

static void
add_visit (Gen        *g,
           const char *legislator_id,
           const char *staffer,
           gint64      occurs_at,
           const char *format,
           gboolean    with_member,
           const char *position,
           const char *issues,
           const char *bills,
           const char *ask,
           const char *commitments,
           const char *notes,
           const char *event_id,
           const char *campaign_id,
           guint       office,
           const char *follow_up,
           int         follow_up_days,
           gboolean    follow_up_done)
{
  const char *id = next_id (g, T_VISIT);
  JsonObject *doc = new_doc (g, T_VISIT, id);
  JsonObject *met_with = json_object_new ();
  JsonArray *attendees = json_array_new ();
  guint chosen[5];
  guint n;
  gint64 updated = occurs_at + 2 * HOUR;

  json_object_set_string_member (doc, "legislator_id", legislator_id);
  set_instant (doc, "occurs_at", occurs_at);
  json_object_set_string_member (doc, "format", format);
  json_object_set_string_member (met_with, "kind", with_member ? "member" : "staff");
  if (!with_member)
    json_object_set_string_member (met_with, "name", staffer);
  json_object_set_object_member (doc, "met_with", met_with);

  n = pick_volunteers (g, g->office_pool[office], (guint) rng_between (&g->rng, 2, 5), chosen);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *attendee = json_object_new ();

      json_object_set_string_member (attendee, "volunteer_id", volunteer_id (g, chosen[i]));
      json_object_set_string_member (attendee, "role", i == 0 ? "leader" : PICK (&g->rng, attendee_roles));
      json_object_set_boolean_member (attendee, "constituent", rng_percent (&g->rng, 75));
      json_array_add_object_element (attendees, attendee);
    }
  json_object_set_array_member (doc, "attendees", attendees);
  set_list (doc, "issues", issues);
  set_list (doc, "bills", bills);
  json_object_set_string_member (doc, "ask", ask);
  json_object_set_string_member (doc, "position", position);
  if (commitments != NULL)
    json_object_set_string_member (doc, "commitments", commitments);
  if (notes != NULL)
    json_object_set_string_member (doc, "notes", notes);

  {
    JsonArray *follow_ups = json_array_new ();

    if (follow_up != NULL)
      {
        JsonObject *item = json_object_new ();
        gint64 due = local_days_of (g, occurs_at) + follow_up_days;

        json_object_set_string_member (item, "task", follow_up);
        json_object_set_string_member (item, "owner_id", volunteer_id (g, chosen[0]));
        set_date (item, "due_on", due);
        if (follow_up_done)
          {
            gint64 done = local_instant_days (g, due - rng_between (&g->rng, 0, 3), 11, 30);

            set_instant (item, "done_at", done);
            updated = done;
          }
        json_array_add_object_element (follow_ups, item);
      }
    json_object_set_array_member (doc, "follow_ups", follow_ups);
  }

  if (campaign_id != NULL)
    json_object_set_string_member (doc, "campaign_id", campaign_id);
  if (event_id != NULL)
    json_object_set_string_member (doc, "event_id", event_id);
  json_object_set_string_member (doc, "office_id", g->office_ids[office]);
  if (occurs_at > g->now)
    updated = g->now - 5 * DAY;
  finish_doc (g, doc, MIN (occurs_at, g->now) - 7 * DAY, updated);
}

/* ---- Demo scale ------------------------------------------------------------ */

static void
build_demo (Gen *g)
{
  const char *lobby_days[3] = { NULL, NULL, NULL };

  add_offices (g);
  add_campaign (g, "Summer citizenship drive 2026",
                "Naturalization clinics, interview practice and know-your-rights sessions "
                "across our three offices.",
                2026, 6, 1, 2026, 8, 31, "attendees=1200,volunteer_hours=3000");
  add_campaign (g, "General election 2026",
                "Register, inform and turn out Korean American and immigrant voters in Los "
                "Angeles and Orange County.",
                2026, 9, 6, 2026, 11, 8, "contacts=100000,registrations=7500");
  add_campaign (g, "Immigration reform 2027",
                "Visits, hearings and a lobby day for a path to citizenship and for language "
                "access in legal services.",
                2027, 1, 4, 2027, 4, 30, "visits=60,attendees=1500");
  for (guint i = 0; i < G_N_ELEMENTS (demo_legislators); i++)
    add_legislator (g, &demo_legislators[i], i);
  add_volunteers (g, 120, days_from_civil (2026, 11, 25));

  add_phone_banks (g);
  add_election_day (g);
  for (guint i = 0; i < G_N_ELEMENTS (demo_events); i++)
    {
      const DemoEvent *spec = &demo_events[i];
      g_autoptr(GPtrArray) testifiers = g_ptr_array_new ();
      const ShiftSpec *shift_specs;
      guint n_shift_specs;
      const char *id;

      shift_specs = shifts_for_kind (spec->kind, &n_shift_specs);
      id = add_demo_event (g, spec, NULL, NULL, shift_specs, n_shift_specs, NULL, testifiers);
      if (g_str_equal (spec->kind, "legislative_visit"))
        lobby_days[spec->y == 2026 ? 1 : 2] = id;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_visits); i++)
    {
      const DemoVisit *v = &demo_visits[i];
      const LegislatorSpec *legislator = &demo_legislators[v->legislator];
      gint64 occurs_at = local_instant (g, v->y, v->m, v->d, v->hour, 0);
      gint64 days = local_days_of (g, occurs_at);
      guint office = g_str_equal (legislator->district_city, "Los Angeles") ? 0
                     : g_str_equal (legislator->district_city, "Garden Grove") ? 2 : 1;

      add_visit (g, g_ptr_array_index (g->legislators, v->legislator), legislator->staffer,
                 occurs_at, v->format, v->with_member, v->position, v->issues, v->bills,
                 v->ask, v->commitments, v->notes, lobby_days[v->event],
                 campaign_for_day (g, days), office, v->follow_up, v->follow_up_days,
                 v->follow_up_done);
    }
}

/* ---- Large scale ----------------------------------------------------------- */

#define LARGE_EVENTS 20000
#define LARGE_VOLUNTEERS 10000
#define LARGE_SIGNUPS 200000
#define LARGE_VISITS 3000
#define LARGE_LEGISLATORS 60

typedef struct {
  const char *kind;
  const char *title;
  int         start_h;
  int         hours;
  guint       capacity;
} LargeKind;

static const LargeKind large_kinds[] = {
  { "phone_bank", "Phone bank", 18, 3, 12 },
  { "phone_bank", "Phone bank", 18, 3, 12 },
  { "phone_bank", "Phone bank", 18, 3, 12 },
  { "voter_registration", "Voter registration drive", 10, 5, 150 },
  { "voter_registration", "Voter registration drive", 10, 5, 150 },
  { "canvass", "Canvass", 9, 4, 40 },
  { "canvass", "Canvass", 9, 4, 40 },
  { "clinic", "Citizenship clinic", 10, 4, 50 },
  { "clinic", "Know-your-rights clinic", 10, 2, 40 },
  { "workshop", "Workshop", 10, 2, 30 },
  { "training", "Volunteer training", 18, 2, 30 },
  { "town_hall", "Town hall", 19, 2, 120 },
  { "community_meeting", "Members’ meeting", 19, 2, 60 },
  { "rally", "Rally", 11, 2, 300 },
  { "hearing", "Hearing", 10, 2, 30 },
  { "legislative_visit", "Lobby day", 9, 7, 40 },
};

static const char * const office_short[N_OFFICES] = { "Koreatown", "Fullerton", "Garden Grove" };

static void
add_large_event (Gen       *g,
                 guint      index,
                 GPtrArray *shift_ids,
                 GArray    *shift_times)
{
  const LargeKind *kind = &PICK (&g->rng, large_kinds);
  const char *id = next_id (g, T_EVENT);
  JsonObject *doc = new_doc (g, T_EVENT, id);
  gint64 first = days_from_civil (2022, 1, 1);
  gint64 day = first + rng_below (&g->rng, (guint) (days_from_civil (2026, 12, 30) - first + 1));
  guint office = rng_below (&g->rng, N_OFFICES);
  gint64 starts = local_instant_days (g, day, kind->start_h, rng_percent (&g->rng, 30) ? 30 : 0);
  gint64 ends = starts + kind->hours * HOUR;
  gboolean repeating = index % 50 == 0;
  const char *campaign_id = campaign_for_day (g, day);
  const char *status = rng_percent (&g->rng, 4) ? "cancelled" : rng_percent (&g->rng, 6) ? "tentative" : "confirmed";
  gint64 created = starts - rng_between (&g->rng, 7, 60) * DAY;
  char title[128];
  const ShiftSpec *specs;
  guint n_specs;

  g_snprintf (title, sizeof title, "%s — %s", kind->title, office_short[office]);
  json_object_set_string_member (doc, "kind", kind->kind);
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "office_id", g->office_ids[office]);
  if (campaign_id != NULL)
    json_object_set_string_member (doc, "campaign_id", campaign_id);
  set_instant (doc, "starts_at", starts);
  set_instant (doc, "ends_at", ends);
  json_object_set_string_member (doc, "tzid", "America/Los_Angeles");
  json_object_set_boolean_member (doc, "all_day", FALSE);
  if (repeating)
    {
      /* Every fiftieth event repeats weekly for eight weeks. */
      char rrule[96], until[32];

      format_instant (starts + 7 * 7 * DAY + 6 * HOUR, until);
      g_snprintf (rrule, sizeof rrule, "FREQ=WEEKLY;UNTIL=%.4s%.2s%.2sT%.2s%.2s%.2sZ",
                  until, until + 5, until + 8, until + 11, until + 14, until + 17);
      json_object_set_string_member (doc, "rrule", rrule);
    }
  set_location (doc, offices[office].name, offices[office].address);
  set_list (doc, "languages", rng_percent (&g->rng, 80) ? "ko,en" : "ko,en,es");
  json_object_set_int_member (doc, "capacity", kind->capacity);
  json_object_set_boolean_member (doc, "board_visible", rng_percent (&g->rng, 30));
  if (ends < g->now && !g_str_equal (status, "cancelled"))
    set_results (g, doc, kind->kind, kind->capacity / 4 + 2, kind->capacity);
  finish_doc (g, doc, created, ends < g->now ? ends + DAY : created);

  /* One or two shifts per event (about 30,000 in all). */
  specs = shifts_for_kind (kind->kind, &n_specs);
  for (guint s = 0; s < MIN (n_specs, index % 2 == 0 ? 2u : 1u); s++)
    {
      const char *shift_id = add_shift (g, id, &specs[s], starts, ends, created + HOUR);
      gint64 times[3] = { 0, 0, office };

      shift_span (&specs[s], starts, ends, &times[0], &times[1]);

      g_ptr_array_add (shift_ids, (gpointer) shift_id);
      g_array_append_vals (shift_times, times, 3);
    }
}

typedef struct {
  Gen        gen;          /* a copy with its own rng, docs, ids and counter */
  GPtrArray *shift_ids;
  GArray    *shift_times;  /* starts, ends, office per shift */
  guint      n_shifts;
  guint      from;
  guint      to;
} SignupJob;

/* Builds the signups of shifts [from, to) into the job's own documents;
 * reads the organization's volunteers and pools, which no one changes now.
 */
static gpointer
build_signups (gpointer data)
{
  SignupJob *job = data;
  Gen *g = &job->gen;

  for (guint s = job->from; s < job->to; s++)
    {
      guint64 lo = (guint64) LARGE_SIGNUPS * s / job->n_shifts;
      guint64 hi = (guint64) LARGE_SIGNUPS * (s + 1) / job->n_shifts;
      gint64 *times = &g_array_index (job->shift_times, gint64, s * 3);

      g->rng.state = mix64 (((guint64) g->seed << 32 | s) ^ G_GUINT64_CONSTANT (0x5167a0b5c0ffee11));
      g->counters[T_SIGNUP] = (guint) lo;
      add_signups (g, g_ptr_array_index (job->shift_ids, s), NULL, times[0], times[1],
                   g->office_pool[times[2]], (guint) (hi - lo), 8, NULL);
    }
  return NULL;
}

static void
build_large (Gen *g)
{
  g_autoptr(GPtrArray) shift_ids = g_ptr_array_new ();
  g_autoptr(GArray) shift_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) legislator_positions = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n_shifts;

  add_offices (g);
  for (int year = 2022; year <= 2026; year++)
    {
      char name[96];

      g_snprintf (name, sizeof name, "Citizenship spring %d", year);
      add_campaign (g, name, "Naturalization clinics and interview practice.",
                    year, 2, 1, year, 5, 31, "attendees=1500,volunteer_hours=4000");
      g_snprintf (name, sizeof name, "Summer organizing %d", year);
      add_campaign (g, name, "Know-your-rights clinics and district visits.",
                    year, 6, 1, year, 8, 31, "attendees=1200,visits=40");
      g_snprintf (name, sizeof name, "Fall voter engagement %d", year);
      add_campaign (g, name, "Registration, phone banks and canvasses.",
                    year, 9, 1, year, 11, 30, "contacts=100000,registrations=7500");
    }

  for (guint i = 0; i < LARGE_LEGISLATORS; i++)
    {
      static const char * const chambers[] = { "us_house", "us_house", "state_assembly",
                                               "state_assembly", "state_senate", "us_senate" };
      static const char * const parties[] = { "Democratic", "Republican" };
      static const char * const cities[] = { "Los Angeles", "Garden Grove", "Fullerton", "Irvine" };
      char name[64], district[16], staffer[64];
      LegislatorSpec spec;
      guint position = 2;

      g_snprintf (name, sizeof name, "%s %s", large_given[i % G_N_ELEMENTS (large_given)],
                  large_family[(i * 5 + i / G_N_ELEMENTS (large_given)) % G_N_ELEMENTS (large_family)]);
      g_snprintf (staffer, sizeof staffer, "%s %s",
                  large_given[(i + 7) % G_N_ELEMENTS (large_given)],
                  large_family[(i * 3 + 1) % G_N_ELEMENTS (large_family)]);
      spec.name = name;
      spec.chamber = chambers[i % G_N_ELEMENTS (chambers)];
      g_snprintf (district, sizeof district, "%u", 1 + (i * 7) % 52);
      spec.district = g_str_equal (spec.chamber, "us_senate") ? NULL : district;
      spec.party = parties[rng_below (&g->rng, 2)];
      spec.district_city = cities[i % G_N_ELEMENTS (cities)];
      spec.staffer = staffer;
      spec.staff_title = "District Director";
      spec.committee = "Committee on the Judiciary";
      add_legislator (g, &spec, i);
      g_array_append_val (legislator_positions, position);
    }

  add_volunteers (g, LARGE_VOLUNTEERS, days_from_civil (2026, 11, 25));

  for (guint i = 0; i < LARGE_EVENTS; i++)
    {
      add_large_event (g, i, shift_ids, shift_times);
    }

  hand_off_docs (g);

  /* Exactly LARGE_SIGNUPS signups, spread evenly over the shifts, built
   * on two cores: each shift's signups depend only on the seed and the
   * shift's position, so the split changes nothing in the output.
   */
  {
    SignupJob jobs[2];
    GThread *thread;

    n_shifts = shift_ids->len;
    for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
      {
        jobs[j].gen = *g;
        jobs[j].gen.docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
        jobs[j].gen.strings = g_string_chunk_new (64 * 1024);
        jobs[j].shift_ids = shift_ids;
        jobs[j].shift_times = shift_times;
        jobs[j].n_shifts = n_shifts;
        jobs[j].from = n_shifts * j / G_N_ELEMENTS (jobs);
        jobs[j].to = n_shifts * (j + 1) / G_N_ELEMENTS (jobs);
      }
    thread = g_thread_new ("civic-sample-signups", build_signups, &jobs[1]);
    build_signups (&jobs[0]);
    g_thread_join (thread);

    for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
      {
        g_ptr_array_set_free_func (jobs[j].gen.docs, NULL);
        g_ptr_array_extend_and_steal (g->docs, jobs[j].gen.docs);
        g_string_chunk_free (jobs[j].gen.strings);
      }
    g->counters[T_SIGNUP] = LARGE_SIGNUPS;
  }
  hand_off_docs (g);

  for (guint i = 0; i < LARGE_VISITS; i++)
    {
      guint legislator = rng_below (&g->rng, LARGE_LEGISLATORS);
      guint *position = &g_array_index (legislator_positions, guint, legislator);
      gint64 first = days_from_civil (2022, 1, 3);
      gint64 day = first + rng_below (&g->rng, (guint) (days_from_civil (2026, 12, 18) - first));
      gint64 occurs_at = local_instant_days (g, day, rng_between (&g->rng, 9, 16), 0);
      static const char * const formats[] = { "district_office", "capitol", "virtual", "phone",
                                              "town_hall", "hearing" };
      char staffer[64];
      int step = rng_between (&g->rng, -1, 1);

      /* Positions drift one step at a time, as they do between visits. */
      *position = (guint) CLAMP ((int) *position + step, 0, 4);
      g_snprintf (staffer, sizeof staffer, "%s %s",
                  large_given[(legislator + 7) % G_N_ELEMENTS (large_given)],
                  large_family[(legislator * 3 + 1) % G_N_ELEMENTS (large_family)]);
      add_visit (g, g_ptr_array_index (g->legislators, legislator), staffer, occurs_at,
                 PICK (&g->rng, formats), rng_percent (&g->rng, 40),
                 occurs_at > g->now ? "unknown" : positions[*position],
                 rng_percent (&g->rng, 60) ? REFORM : ACCESS,
                 rng_percent (&g->rng, 60) ? REFORM_BILLS : "AB 114",
                 rng_percent (&g->rng, 60) ? REFORM_ASK : ACCESS_ASK,
                 NULL, NULL, NULL, campaign_for_day (g, day), rng_below (&g->rng, N_OFFICES),
                 "Send a thank-you note with the stories we told", rng_between (&g->rng, 3, 21),
                 rng_percent (&g->rng, 80));
    }
}

/* ---- Public API ------------------------------------------------------------ */

const char *
civic_sample_scale_to_string (CivicSampleScale scale)
{
  switch (scale)
    {
    case CIVIC_SAMPLE_SCALE_DEMO:
      return "demo";
    case CIVIC_SAMPLE_SCALE_LARGE:
      return "large";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
civic_sample_scale_from_string (const char        *text,
                                CivicSampleScale  *out_scale,
                                GError           **error)
{
  g_return_val_if_fail (out_scale != NULL, FALSE);

  if (g_strcmp0 (text, "demo") == 0)
    *out_scale = CIVIC_SAMPLE_SCALE_DEMO;
  else if (g_strcmp0 (text, "large") == 0)
    *out_scale = CIVIC_SAMPLE_SCALE_LARGE;
  else
    {
      g_set_error (error, CIVIC_SAMPLE_ERROR, CIVIC_SAMPLE_ERROR_INVALID_SCALE,
                   _("Unknown sample scale “%s”: use “demo” or “large”"),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* Builds the organization; with @finished, hands stretches of documents
 * to it as they are done and returns only the last stretch.
 */
static GPtrArray *
build_organization (CivicSampleScale  scale,
                    guint32           seed,
                    GAsyncQueue      *finished)
{
  Gen g = { 0, };

  g.finished = finished;
  g.seed = seed;
  g.rng.state = mix64 (G_GUINT64_CONSTANT (0x5eed5eed00000000) ^ seed) ^ (guint64) scale;
  g.zone = g_time_zone_new_identifier ("America/Los_Angeles");
  if (g.zone == NULL)
    {
      /* Without tzdata, a fixed UTC−8 keeps the output deterministic. */
      g_warning ("No time zone data for America/Los_Angeles; using UTC−8");
      g.zone = g_time_zone_new_offset (-8 * 3600);
    }
  g.docs = g_ptr_array_new_full (scale == CIVIC_SAMPLE_SCALE_LARGE ? 270000 : 2048,
                                 (GDestroyNotify) json_object_unref);
  g.strings = g_string_chunk_new (64 * 1024);
  g.campaigns = g_ptr_array_new_with_free_func (g_free);
  g.legislators = g_ptr_array_new ();
  g.volunteers = g_array_new (FALSE, FALSE, sizeof (Volunteer));
  for (guint i = 0; i < N_OFFICES; i++)
    {
      g.office_pool[i] = g_ptr_array_new ();
      g.ko_pool[i] = g_ptr_array_new ();
    }
  g.es_pool = g_ptr_array_new ();
  g.emails = g_hash_table_new (g_str_hash, g_str_equal);
  g.now = local_instant (&g, 2026, 11, 25, 9, 0);

  if (scale == CIVIC_SAMPLE_SCALE_DEMO)
    build_demo (&g);
  else
    build_large (&g);

  /* The documents copied every string they hold, so the ids can go. */
  g_string_chunk_free (g.strings);
  g_ptr_array_unref (g.campaigns);
  g_ptr_array_unref (g.legislators);
  g_array_unref (g.volunteers);
  for (guint i = 0; i < N_OFFICES; i++)
    {
      g_ptr_array_unref (g.office_pool[i]);
      g_ptr_array_unref (g.ko_pool[i]);
    }
  g_ptr_array_unref (g.es_pool);
  g_hash_table_unref (g.emails);
  g_time_zone_unref (g.zone);

  return g.docs;
}

GPtrArray *
civic_sample_build (CivicSampleScale scale,
                    guint32          seed)
{
  g_return_val_if_fail (scale == CIVIC_SAMPLE_SCALE_DEMO || scale == CIVIC_SAMPLE_SCALE_LARGE, NULL);

  return build_organization (scale, seed, NULL);
}

typedef struct {
  gpointer *docs;
  guint     n;
} FreeRange;

static gpointer
free_range_thread (gpointer data)
{
  FreeRange *range = data;

  for (guint i = 0; i < range->n; i++)
    json_object_unref (range->docs[i]);
  return NULL;
}

/* Freeing a quarter of a million objects takes most of a second; the
 * second half goes on another core meanwhile.
 */
static void
free_docs (GPtrArray *docs)
{
  FreeRange second = { docs->pdata + docs->len / 2, docs->len - docs->len / 2 };
  FreeRange first = { docs->pdata, docs->len / 2 };
  GThread *thread;

  if (docs->len < 1024)
    {
      g_ptr_array_unref (docs);
      return;
    }

  /* Nothing else holds these documents: the store copies what it keeps. */
  g_ptr_array_set_free_func (docs, NULL);
  thread = g_thread_new ("civic-sample-free", free_range_thread, &second);
  free_range_thread (&first);
  g_thread_join (thread);
  g_ptr_array_unref (docs);
}

/* ---- Writing while building ---------------------------------------------- */

/* Marks the end of the stretches in a StreamWrite's queue. */
static GPtrArray end_of_stretches;

typedef struct {
  CivicSampleScale  scale;
  guint32           seed;
  GAsyncQueue      *finished;    /* GPtrArray* stretches, then &end_of_stretches */
  GAsyncQueue      *written;     /* stretches the store is done with, to free */
  GPtrArray        *current;     /* the stretch being written */
  gboolean          ended;       /* end_of_stretches was taken */
} StreamWrite;

static gpointer
build_thread (gpointer data)
{
  StreamWrite *stream = data;
  GPtrArray *last = build_organization (stream->scale, stream->seed, stream->finished);

  if (last->len > 0)
    g_async_queue_push (stream->finished, last);
  else
    g_ptr_array_unref (last);
  g_async_queue_push (stream->finished, &end_of_stretches);
  return NULL;
}

static gpointer
free_thread (gpointer data)
{
  GAsyncQueue *written = data;
  GPtrArray *docs;

  while ((docs = g_async_queue_pop (written)) != &end_of_stretches)
    g_ptr_array_unref (docs);
  return NULL;
}

/* Each stretch is written as soon as it is built, so the generator, the
 * store's preparing thread and the writer overlap instead of taking turns.
 * The stretch handed out before is done with by then: it goes to be freed.
 */
static GPtrArray *
next_stretch (gpointer user_data)
{
  StreamWrite *stream = user_data;
  GPtrArray *docs;

  if (stream->current != NULL)
    g_async_queue_push (stream->written, g_steal_pointer (&stream->current));
  docs = g_async_queue_pop (stream->finished);
  if (docs == &end_of_stretches)
    {
      stream->ended = TRUE;
      return NULL;
    }
  stream->current = docs;
  return docs;
}

gboolean
civic_sample_generate (CivicStore        *store,
                       CivicSampleScale   scale,
                       guint32            seed,
                       GError           **error)
{
  GPtrArray *docs;
  gboolean ok;

  g_return_val_if_fail (CIVIC_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scale != CIVIC_SAMPLE_SCALE_DEMO && scale != CIVIC_SAMPLE_SCALE_LARGE)
    {
      g_set_error (error, CIVIC_SAMPLE_ERROR, CIVIC_SAMPLE_ERROR_INVALID_SCALE,
                   _("Unknown sample scale"));
      return FALSE;
    }

  if (scale == CIVIC_SAMPLE_SCALE_LARGE)
    {
      StreamWrite stream = { scale, seed, g_async_queue_new (), g_async_queue_new (), NULL, FALSE };
      GThread *builder = g_thread_new ("civic-sample-build", build_thread, &stream);
      GThread *freer = g_thread_new ("civic-sample-free", free_thread, stream.written);

      /* One transaction, all of the organization or nothing. */
      ok = civic_store_put_batches (store, next_stretch, &stream, error);

      /* After a failure the rest of the stretches are still coming. */
      if (stream.current != NULL)
        g_async_queue_push (stream.written, g_steal_pointer (&stream.current));
      while (!stream.ended)
        {
          docs = g_async_queue_pop (stream.finished);
          if (docs == &end_of_stretches)
            stream.ended = TRUE;
          else
            g_async_queue_push (stream.written, docs);
        }
      g_thread_join (builder);
      g_async_queue_push (stream.written, &end_of_stretches);
      g_thread_join (freer);
      g_async_queue_unref (stream.finished);
      g_async_queue_unref (stream.written);
      return ok;
    }

  /* One put_many is one transaction, all of the organization or nothing;
   * handing the store every document at once lets it index them in bulk.
   */
  docs = civic_sample_build (scale, seed);
  ok = civic_store_put_many (store, docs, NULL, error);
  free_docs (docs);
  return ok;
}
