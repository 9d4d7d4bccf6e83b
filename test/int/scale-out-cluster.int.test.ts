import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { eventually, removeTestContainers, uniquePrefix } from '../support/daemon-harness.js';
import { testCluster } from '../support/nats-cluster.js';
import { healthz, streamFacts } from '../support/ops-daemon.js';
import { clusterBase, comparable, containerLifecycle, lifecycleSettled, replay } from '../support/scale-out.js';

const ENGINE = 'local=unix:///var/run/docker.sock';

/** Waits until the live model of `prefix` equals a fresh fold (a projector a few events behind differs for a moment). */
const replayed = (servers: string, prefix: string) =>
  eventually(`the live model of ${prefix} to equal a fresh fold`, async () => {
    const r = await replay(servers, prefix);
    if (r.code !== 0 || r.differences.length > 0) throw new Error(`replay exited ${String(r.code)}: ${JSON.stringify(r.differences).slice(0, 2000)}`);
    return r;
  }, 90_000);

test.serial('the roles split against a real three-node JetStream cluster (stream, bucket and snapshots at R3) survives a node killed mid-way and builds the same model', async (t) => {
  t.timeout(360_000);
  const began = Date.now();
  const mark = (what: string): void => t.log(`${Math.round((Date.now() - began) / 1000)}s ${what}`);
  // The cluster's teardown stops every daemon (SIGKILL after 20 s) and node (kill -9 after 10 s) it started.
  const c = testCluster(t, await clusterBase(), mkdtempSync(join(tmpdir(), 'berth-cluster-')));
  const servers = c.servers;
  const split = uniquePrefix();
  const single = uniquePrefix();
  const label = `berth-test=${split}`;
  // Logged, not failed: another suite may be restarting the engine just then (seen once).
  t.teardown(() => removeTestContainers(label).catch((err: unknown) => t.log(`could not remove the containers labelled ${label}: ${(err as Error).message}`)));
  t.regex(await c.up(), new RegExp(`JetStream cluster berth-js up, meta leader n[123]: nats://127\\.0\\.0\\.1:${c.base},`));
  mark('cluster up');
  const start = (args: readonly string[], ready: RegExp) => c.daemon(['--nats', servers, '--replicas', '3', '-q', ...args], ready);
  // All three start at once, as systemd starts a machine's units at boot: the split pair create
  // their stream, dead-letter stream and bucket at the same moment on a fresh cluster.
  const [project] = await Promise.all([
    start(['--prefix', split, '--role', 'project', '--http', '127.0.0.1:0', '--snapshot-every', '20'], /berth daemon running/),
    start(['--prefix', split, '--role', 'docker', '--engine', ENGINE], /resynced/),
    start(['--prefix', single, '--engine', ENGINE], /resynced/),
  ]);
  mark('daemons running');
  for (const p of [split, single]) {
    const f = await streamFacts(servers, p);
    t.like(f, { replicas: 3, kvReplicas: 3, snapReplicas: 3, current: 3 }, p);
  }

  // A node dies in the middle of the lifecycle (SIGKILL: no goodbye); the other two keep a quorum.
  const l = await containerLifecycle(split, label, () => c.kill9(1));
  mark('lifecycle done, n1 killed');
  await lifecycleSettled(servers, split, l, 240_000);
  mark('split settled');
  await lifecycleSettled(servers, single, l, 240_000);
  mark('single settled');
  const [a, b] = await Promise.all([comparable(servers, split, l), comparable(servers, single, l)]);
  t.deepEqual(a, b);
  mark('compared');
  for (const r of await Promise.all([split, single].map((p) => replayed(servers, p)))) t.deepEqual([r.code, r.differences], [0, []]);
  t.is((await healthz(project.http())).code, 200, 'the project daemon stays healthy on the two nodes left');

  mark('compared and replayed');
  // The node comes back and catches up: three current copies again, the same messages on each.
  await c.up();
  const back = await eventually('three current copies of the stream', async () => {
    const f = await streamFacts(servers, split);
    return f.current === 3 ? f : undefined;
  }, 120_000);
  mark('three current copies');
  t.true(back.messages > 0);
  const alone = await replayed(c.url(1), split);
  t.deepEqual([alone.code, alone.differences], [0, []], 'read through the node that came back alone');
  mark('read through n1');
  // Each daemon stops by itself on SIGTERM; one that needs the SIGKILL fails the test (and is still stopped).
  const stopped = await c.stopDaemons();
  t.is(stopped.length, 3);
  for (const s of stopped) t.like(s, { code: 0, signal: null, killed: false }, s.daemon);
  mark('daemons stopped');
});
