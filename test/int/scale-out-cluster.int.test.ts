import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { dropPrefix, eventually, removeTestContainers, ROOT, uniquePrefix } from '../support/daemon-harness.js';
import { healthz, spawnDaemon, streamFacts } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { clusterBase, clusterUrls, comparable, containerLifecycle, lifecycleSettled, replay } from '../support/scale-out.js';

const exec = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts', 'nats-cluster.sh');
const ENGINE = 'local=unix:///var/run/docker.sock';

/** scripts/nats-cluster.sh on its own ports (so it never meets a cluster someone else started). */
const cluster = async (cmd: 'up' | 'down', dir: string, base: number): Promise<string> =>
  (await exec('bash', [SCRIPT, cmd, dir], { timeout: 120_000, env: { ...process.env, BERTH_NATS_CLUSTER_PORT: String(base) } })).stdout;

test('the roles split against a real three-node JetStream cluster (stream, bucket and snapshots at R3) survives a node killed mid-way and builds the same model', async (t) => {
  t.timeout(360_000);
  const began = Date.now();
  const mark = (what: string): void => t.log(`${Math.round((Date.now() - began) / 1000)}s ${what}`);
  const dir = mkdtempSync(join(tmpdir(), 'berth-cluster-'));
  const base = await clusterBase();
  const servers = clusterUrls(base);
  const split = uniquePrefix();
  const single = uniquePrefix();
  const label = `berth-test=${split}`;
  const running: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(running.map((d) => d.stop()));
    await removeTestContainers(label);
    await Promise.all([split, single].map((p) => dropPrefix(p))); // nothing on the shared server, but harmless
    await cluster('down', dir, base);
  });
  t.regex(await cluster('up', dir, base), new RegExp(`JetStream cluster berth-js up, meta leader n[123]: nats://127\\.0\\.0\\.1:${base},`));
  mark('cluster up');
  const start = async (args: readonly string[], ready: RegExp): Promise<Daemon> => {
    const d = await spawnDaemon(['--nats', servers, '--replicas', '3', '-q', ...args], ready);
    running.push(d);
    return d;
  };
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
  const killed = readFileSync(join(dir, 'n1.pid'), 'utf8').trim();
  const l = await containerLifecycle(split, label, async () => { await exec('kill', ['-9', killed]); });
  mark('lifecycle done, n1 killed');
  await lifecycleSettled(servers, split, l, 240_000);
  mark('split settled');
  await lifecycleSettled(servers, single, l, 240_000);
  mark('single settled');
  const [a, b] = await Promise.all([comparable(servers, split, l), comparable(servers, single, l)]);
  t.deepEqual(a, b);
  mark('compared');
  for (const [p, r] of await Promise.all([split, single].map(async (p) => [p, await replay(servers, p)] as const))) t.deepEqual([r.code, r.differences], [0, []], p);
  t.is((await healthz(project.http())).code, 200, 'the project daemon stays healthy on the two nodes left');

  mark('compared and replayed');
  // The node comes back and catches up: three current copies again, the same messages on each.
  await cluster('up', dir, base);
  const back = await eventually('three current copies of the stream', async () => {
    const f = await streamFacts(servers, split);
    return f.current === 3 ? f : undefined;
  }, 120_000);
  mark('three current copies');
  t.true(back.messages > 0);
  t.is((await replay(`nats://127.0.0.1:${base}`, split)).code, 0, 'read through the node that came back alone');
  for (const d of running.splice(0)) t.deepEqual(await d.stop(), { code: 0, signal: null });
  mark('daemons stopped');
});
