/* test-engine.c — live sync: local changes (debounced), the long-poll feed,
 * pull writes that must not echo, and pausing while offline
 *
 * Copyright 2026 The Civic Desk developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include "civic-json.h"
#include "civic-sync-engine.h"
#include "sync-test-util.h"

static CivicTestServer *server;

/* ---- a network monitor the test switches on and off ----------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static gboolean
test_monitor_initable_init_impl (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_impl;
}

enum {
  MON_PROP_0,
  MON_PROP_AVAILABLE,
  MON_PROP_METERED,
  MON_PROP_CONNECTIVITY,
};

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MON_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MON_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MON_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MON_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MON_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MON_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set (TestMonitor *self,
                  gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- helpers ---------------------------------------------------------------- */

typedef struct {
  guint synced;
} Counter;

static void
synced_cb (CivicSyncEngine *engine,
           Counter         *counter)
{
  counter->synced++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @check says so, at most @seconds. */
static gboolean
wait_until (gboolean (*check) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &expired);

  while (!check (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return check (data);
}

static void
spin (guint milliseconds)
{
  gboolean expired = FALSE;

  g_timeout_add (milliseconds, timeout_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
synced_at_least_once (gpointer data)
{
  return ((Counter *) data)->synced >= 1;
}

typedef struct {
  CivicStore *store;
  const char *id;
  const char *field;
  const char *value;
} Expect;

static gboolean
has_value (gpointer data)
{
  Expect *e = data;
  g_autoptr(JsonObject) doc = civic_store_get (e->store, e->id, NULL);

  return doc != NULL && g_strcmp0 (civic_json_object_get_string_or_null (doc, e->field), e->value) == 0;
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_live (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  const char *url = civic_test_server_get_url (server);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicStore) b = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = NULL;
  g_autoptr(CivicReplicator) rb = NULL;
  g_autoptr(CivicSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  Counter counter = { 0 };
  Expect expect;
  guint before;

  civic_test_server_create_db (server, db, TRUE);
  ids = sync_test_add_volunteers (b, 10, "live");
  rb = sync_test_replicator (b, url, db, NULL, NULL);
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);

  ra = sync_test_replicator (a, url, db, NULL, NULL);
  engine = civic_sync_engine_new (ra);
  civic_sync_engine_set_debounce (engine, 200);
  civic_sync_engine_set_longpoll_timeout (engine, 3);
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), &counter);

  /* On start: a first sync brings the ten volunteers. */
  civic_sync_engine_start (engine);
  g_assert_true (wait_until (synced_at_least_once, &counter, 10));
  g_assert_cmpuint (civic_store_count (a, "volunteer", NULL), ==, 10);

  /* Pulled writes are not local changes: nothing more happens while the
   * long-poll waits (and renews itself after its 3 s time-out).
   */
  before = counter.synced;
  spin (1500);
  g_assert_cmpuint (counter.synced, ==, before);

  /* A change on the server reaches a through the long-poll feed. */
  g_free (sync_test_edit (b, g_ptr_array_index (ids, 3), "name", "From B"));
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  expect = (Expect) { a, g_ptr_array_index (ids, 3), "name", "From B" };
  g_assert_true (wait_until (has_value, &expect, 10));

  /* A local change on a is pushed after the debounce. */
  g_free (sync_test_edit (a, g_ptr_array_index (ids, 5), "name", "From A"));
  {
    g_autofree char *path = g_strdup_printf ("/%s/%s", db, (char *) g_ptr_array_index (ids, 5));
    gboolean arrived = FALSE;

    for (guint i = 0; i < 100 && !arrived; i++)
      {
        g_autoptr(JsonNode) doc = NULL;
        guint status = 0;

        spin (100);
        doc = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
        arrived = status == 200 &&
                  g_strcmp0 (civic_json_object_get_string_or_null (json_node_get_object (doc), "name"), "From A") == 0;
      }
    g_assert_true (arrived);
  }
  g_assert_true (sync_test_sync (rb, &error));
  g_assert_no_error (error);
  expect = (Expect) { b, g_ptr_array_index (ids, 5), "name", "From A" };
  g_assert_true (has_value (&expect));

  civic_sync_engine_stop (engine);
  g_assert_false (civic_sync_engine_get_running (engine));
}

static void
test_offline (void)
{
  g_autofree char *db = civic_test_server_new_db_name ();
  const char *url = civic_test_server_get_url (server);
  g_autoptr(CivicStore) a = sync_test_store_new ();
  g_autoptr(CivicReplicator) ra = NULL;
  g_autoptr(CivicSyncEngine) engine = NULL;
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  Counter counter = { 0 };

  civic_test_server_create_db (server, db, TRUE);
  ids = sync_test_add_volunteers (a, 5, "offline");
  ra = sync_test_replicator (a, url, db, NULL, NULL);
  engine = civic_sync_engine_new (ra);
  civic_sync_engine_set_debounce (engine, 100);
  civic_sync_engine_set_network_monitor (engine, G_NETWORK_MONITOR (monitor));
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), &counter);

  /* Started without a network: offline, and nothing is tried. */
  monitor->available = FALSE;
  civic_sync_engine_start (engine);
  g_assert_cmpint (civic_replicator_get_state (ra), ==, CIVIC_REPLICATOR_STATE_OFFLINE);
  spin (500);
  g_assert_cmpuint (counter.synced, ==, 0);
  g_assert_false (civic_replicator_get_busy (ra));

  /* Local edits while offline wait too. */
  g_free (sync_test_edit (a, g_ptr_array_index (ids, 0), "name", "Offline edit"));
  spin (400);
  g_assert_cmpuint (counter.synced, ==, 0);

  /* The network returns: one sync sends everything. */
  test_monitor_set (monitor, TRUE);
  g_assert_true (wait_until (synced_at_least_once, &counter, 10));
  g_assert_cmpint (civic_replicator_get_state (ra), ==, CIVIC_REPLICATOR_STATE_IDLE);
  {
    g_autofree char *path = g_strdup_printf ("/%s/%s", db, (char *) g_ptr_array_index (ids, 0));
    g_autoptr(JsonNode) doc = NULL;
    guint status = 0;

    doc = civic_test_server_request (server, NULL, NULL, "GET", path, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (civic_json_object_get_string_or_null (json_node_get_object (doc), "name"), ==,
                     "Offline edit");
  }

  /* Going offline again pauses and shows it. */
  test_monitor_set (monitor, FALSE);
  spin (200);
  g_assert_cmpint (civic_replicator_get_state (ra), ==, CIVIC_REPLICATOR_STATE_OFFLINE);
  civic_sync_engine_stop (engine);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!civic_test_server_can_run ())
    {
      g_test_skip ("node is not installed");
      return g_test_run ();
    }
  server = civic_test_server_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/engine/live", test_live);
  g_test_add_func ("/sync/engine/offline", test_offline);

  status = g_test_run ();
  civic_test_server_stop (server);
  return status;
}
