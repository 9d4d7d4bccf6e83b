// Item 4 (OpenStack part): `berth vms -o json` against `openstack server list -f json` on the lab
// (../shared/lab/openstack) with N servers `bench-vm-<n>` (m1.tiny, stacklab-tiny, --nic none).
// Idempotent: servers a `--keep-servers` run left are reused, with the event log (prefix
// b-bench-vms) that knows them; otherwise they are booted while a daemon follows the lab's
// notifications. Quotas are raised when too low (and left raised). Without --keep-servers the
// servers, the prefix and the queue are deleted at the end.
import { readFileSync } from 'node:fs';
import { connect } from 'amqplib';
import type { NatsConnection } from '@nats-io/transport-node';
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import { startDaemon } from './support/daemon.js';
import { dropPrefix } from './support/nats.js';
import { AMQP_URL, berth, berthArgs, median, n0, NATS_URL, sh, sleep, timedRun } from './support/proc.js';
import type { RunResult } from './support/proc.js';

const PREFIX = 'b-bench-vms';
const QUEUE = 'b-bench-vms.notifications';
const OPENRC = '/var/lib/stacklab/admin-openrc.sh';

/** The lab's admin credentials as environment variables (the `export K=V` lines of admin-openrc.sh). */
const labEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const m of readFileSync(OPENRC, 'utf8').matchAll(/^export (OS_[A-Z_]+)=(.*)$/gm)) env[m[1] as string] = (m[2] as string).replace(/^["']|["']$/g, '');
  return env;
};

const os = async (env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> => sh('openstack', args, { env, timeoutMs: 900_000 });

type Server = { ID: string; Name: string; Status: string };
const benchServers = async (env: NodeJS.ProcessEnv): Promise<Server[]> =>
  (JSON.parse(await os(env, 'server', 'list', '--name', '^bench-vm-', '--limit', '-1', '-f', 'json')) as Server[]);

/** Raises the admin project's instance, core and RAM quotas to fit `n` more m1.tiny servers. */
const raiseQuotas = async (env: NodeJS.ProcessEnv, n: number): Promise<void> => {
  const q = JSON.parse(await os(env, 'quota', 'show', '-f', 'json')) as { Resource: string; Limit: number }[] | Record<string, number>;
  const limit = (k: string): number => (Array.isArray(q) ? (q.find((r) => r.Resource === k)?.Limit ?? 0) : (q[k] ?? 0));
  const want = { instances: 5 * n, cores: 5 * n, ram: 5 * n * 512 };
  const args = Object.entries(want).filter(([k, v]) => limit(k) !== -1 && limit(k) < v).flatMap(([k, v]) => [`--${k}`, String(v)]);
  if (args.length > 0) await os(env, 'quota', 'set', ...args, env['OS_PROJECT_NAME'] ?? 'admin');
};

/** bench-vm-* VMs the model holds as active. */
const modelled = async (): Promise<number> => {
  const r = await berth(['vms', '--name', '^bench-vm-', '--state', 'active', '-o', 'json', '--prefix', PREFIX, '--nats', NATS_URL]).catch(() => null);
  return r === null ? 0 : (JSON.parse(r.stdout) as unknown[]).length;
};

const deleteQueue = async (): Promise<void> => {
  const conn = await connect(AMQP_URL);
  try {
    await (await conn.createChannel()).deleteQueue(QUEUE);
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/** Waits until all `n` servers are ACTIVE and the model holds them; throws on ERROR or after 15 min. */
const waitActive = async (env: NodeJS.ProcessEnv, n: number): Promise<void> => {
  for (const end = Date.now() + 900_000; ; await sleep(5000)) {
    const s = await benchServers(env);
    const failed = s.filter((x) => x.Status === 'ERROR');
    if (failed.length > 0) throw new Error(`some bench-vm servers went to ERROR: ${failed.map((x) => x.Name).join(', ')}`);
    if (s.length === n && s.every((x) => x.Status === 'ACTIVE') && (await modelled()) === n) return;
    if (Date.now() > end) throw new Error(`${n} servers were not ACTIVE and in the model within 15 min (${s.filter((x) => x.Status === 'ACTIVE').length} active)`);
  }
};

/** Makes sure `n` servers are ACTIVE and in the model, booting (or re-booting) them if not. */
const ensureServers = async (env: NodeJS.ProcessEnv, n: number): Promise<string> => {
  const have = await benchServers(env);
  if (have.length === n && have.every((s) => s.Status === 'ACTIVE') && (await modelled()) === n) return `reused ${n} servers and the event log a --keep-servers run left`;
  if (have.length > 0) await os(env, 'server', 'delete', '--wait', ...have.map((s) => s.ID));
  await raiseQuotas(env, n);
  const t0 = Date.now();
  // Microversion 2.37 for --nic none (older ones reject it with --min/--max).
  await os(env, '--os-compute-api-version', '2.37', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'stacklab-tiny', '--nic', 'none', '--min', String(n), '--max', String(n), 'bench-vm');
  await waitActive(env, n);
  return `booted ${n} servers (one multi-create) in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
};

const measure = async (env: NodeJS.ProcessEnv, runs: number): Promise<{ b: RunResult[]; o: RunResult[] }> => {
  const ok = (what: string, r: RunResult): RunResult => {
    if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(0, 1000)}`);
    return r;
  };
  const b = async (): Promise<RunResult> => ok('berth vms', await timedRun(process.execPath, berthArgs(['vms', '-o', 'json', '--prefix', PREFIX, '--nats', NATS_URL])));
  const o = async (): Promise<RunResult> => ok('openstack server list', await timedRun('openstack', ['server', 'list', '-f', 'json'], env));
  await b();
  const out = { b: [] as RunResult[], o: [] as RunResult[] };
  for (let i = 0; i < runs; i++) {
    out.b.push(await b());
    out.o.push(await o());
  }
  return out;
};

export const benchVms = async (nc: NatsConnection, n: number, runs: number, keep: boolean): Promise<Measured> => {
  const env = labEnv();
  const d = await startDaemon(PREFIX, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', QUEUE, '--snapshot-every', '0'], /openstack: consuming queue/);
  let how: string;
  let r: { b: RunResult[]; o: RunResult[] };
  try {
    how = await ensureServers(env, n);
    r = await measure(env, runs);
  } finally {
    await d.stop();
    if (!keep) {
      const left = await benchServers(env).catch(() => [] as Server[]);
      if (left.length > 0) await os(env, 'server', 'delete', '--wait', ...left.map((s) => s.ID)).catch(() => '');
      await dropPrefix(nc, PREFIX);
    }
    await deleteQueue().catch(() => undefined);
  }
  const berthRows = (JSON.parse(r.b.at(-1)?.stdout ?? '[]') as unknown[]).length;
  const osRows = (JSON.parse(r.o.at(-1)?.stdout ?? '[]') as unknown[]).length;
  const list = (xs: readonly RunResult[]): string => xs.map((x) => n0(x.ms)).join(', ');
  return {
    figure: figure(`cli: berth vms -o json with ${n0(n)} servers ms vs openstack server list -f json`, 'ms', median(r.b.map((x) => x.ms)), median(r.o.map((x) => x.ms)), { kind: 'ratio-max', value: 0.05, text: 'ratio <= 0.05 (20x faster)' }),
    note: `${how}; cold processes, medians of ${runs} interleaved runs: berth ${list(r.b)}; openstack ${list(r.o)} ms; berth listed ${n0(berthRows)} VMs, openstack ${n0(osRows)} servers; servers ${keep ? 'kept (--keep-servers)' : 'deleted'}`,
  };
};
