// bench.js — PouchDB 9's own replicator against the same PouchDB Server,
// as the anchor for Civic Desk's sync benchmark (tests/sync/bench-sync.c).
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node bench.js SERVER_URL ADMIN PASSWORD SOURCE_DB N [SERVER_PID [MODE]]
// Pulls SOURCE_DB (already holding N documents) into a fresh memory
// database, then pushes N new documents from memory into a new remote
// database; both with PouchDB's default settings (batch_size 100).  MODE
// "pull" or "push" measures one direction only (bench-sync runs each right
// after its own, so both see the same load on a shared machine); the
// other one's figures are then 0.
// Prints one JSON line: {"pull_docs_per_s":…, "push_docs_per_s":…, …},
// with the CPU seconds this process and (given its pid) the server used in
// each direction.
'use strict';

const path = require('path');
const modules = path.join(__dirname, '..', 'server', 'node_modules');
const PouchDB = require(path.join(modules, 'pouchdb-core'))
  .plugin(require(path.join(modules, 'pouchdb-adapter-http')))
  .plugin(require(path.join(modules, 'pouchdb-adapter-memory')))
  .plugin(require(path.join(modules, 'pouchdb-replication')));

const fs = require('fs');

const [url, admin, password, sourceDb, countText, serverPid, mode = 'both'] = process.argv.slice(2);
const n = parseInt(countText, 10);
const auth = { username: admin, password: password };

function volunteer(prefix, i) {
  return {
    _id: `volunteer:${prefix}-${String(i).padStart(5, '0')}`,
    type: 'volunteer',
    name: `${prefix} Volunteer ${i}`,
    email: `v${i}@${prefix}.example.org`,
    phone: '+1 213 555 0100',
    languages: i % 2 ? ['en', 'ko'] : ['en'],
    office_id: 'office:koreatown',
    hours: i % 40,
    status: 'active',
    joined: '2026-09-06',
    notes: 'Phone banking and registration drives',
  };
}

// CPU seconds (user + system) of the server, from /proc; 0 without a pid.
function serverCpu() {
  if (!serverPid)
    return 0;
  try {
    const text = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch (e) {
    return 0;
  }
}

function ownCpu() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function pull() {
  const local = new PouchDB(`pull-${Date.now()}`, { adapter: 'memory' });
  const remote = new PouchDB(`${url}/${sourceDb}`, { auth });
  let ownBefore = ownCpu();
  let serverBefore = serverCpu();
  let start = process.hrtime.bigint();
  const pulled = await PouchDB.replicate(remote, local);
  const pullSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const pullCpu = ownCpu() - ownBefore;
  const pullServerCpu = serverCpu() - serverBefore;
  if (pulled.docs_written < n)
    throw new Error(`PouchDB pulled ${pulled.docs_written} of ${n}`);
  return { pull_docs_per_s: n / pullSeconds, pull_s: pullSeconds, pull_cpu_s: pullCpu,
           pull_server_cpu_s: pullServerCpu };
}

async function push() {
  const source = new PouchDB(`push-${Date.now()}`, { adapter: 'memory' });
  for (let i = 0; i < n; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(n, i + 1000); j++)
      docs.push(volunteer('pouchpush', j));
    await source.bulkDocs(docs);
  }
  const target = new PouchDB(`${url}/pouch-push-${Date.now()}`, { auth });
  await target.info();
  const ownBefore = ownCpu();
  const serverBefore = serverCpu();
  const start = process.hrtime.bigint();
  const pushed = await PouchDB.replicate(source, target);
  const pushSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const pushCpu = ownCpu() - ownBefore;
  const pushServerCpu = serverCpu() - serverBefore;
  if (pushed.docs_written < n)
    throw new Error(`PouchDB pushed ${pushed.docs_written} of ${n}`);

  return { push_docs_per_s: n / pushSeconds, push_s: pushSeconds, push_cpu_s: pushCpu,
           push_server_cpu_s: pushServerCpu };
}

async function main() {
  const none = { pull_docs_per_s: 0, pull_s: 0, pull_cpu_s: 0, pull_server_cpu_s: 0,
                 push_docs_per_s: 0, push_s: 0, push_cpu_s: 0, push_server_cpu_s: 0 };
  const pulled = mode === 'push' ? {} : await pull();
  const pushed = mode === 'pull' ? {} : await push();

  console.log(JSON.stringify(Object.assign(none, pulled, pushed)));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
