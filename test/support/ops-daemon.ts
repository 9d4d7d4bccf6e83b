// Helpers of test/int/daemon-ops*.int.test.ts and scale-out*.int.test.ts: a `berth daemon` against
// any NATS (a server or cluster of the test's own), its /healthz and /metrics, and stream reads.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { listening } from '../../daemon/store/embedded.js';
import { storeNames } from '../../daemon/store/names.js';
import { eventually, ROOT } from './daemon-harness.js';

const BIN = join(ROOT, 'bin', 'run.js');

export type Daemon = Readonly<{
  child: ChildProcess;
  out: () => string;
  err: () => string;
  /** Resolves with the exit code (null when killed by a signal) and how long after `stop()` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The /healthz and /metrics base URL the daemon logged (with --http 127.0.0.1:0). */
  http: () => string;
}>;

/** Starts `berth daemon <args>` and waits until its log matches `ready`. */
export const spawnDaemon = async (args: readonly string[], ready: RegExp, env: Record<string, string> = {}): Promise<Daemon> => {
  const child = spawn(process.execPath, [BIN, 'daemon', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  try {
    await eventually(`the daemon (${args.join(' ')}) to start`, async () => {
      if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode}: ${err}`);
      return ready.test(err);
    }, 90_000);
  } catch (e) {
    // The caller never gets a handle on a daemon that did not start: it must not outlive the test.
    child.kill('SIGKILL');
    throw e;
  }
  return {
    child, out: () => out, err: () => err, exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    http: () => {
      const m = /serving \/healthz and \/metrics on (http:\/\/[^\s"]+)/.exec(err);
      if (m?.[1] === undefined) throw new Error(`the daemon did not say where it serves /healthz: ${err}`);
      return m[1];
    },
  };
};

export type Healthz = { status: string; reason?: string; nats: string; projector: string; seq: number; streamSeq?: number; lag?: number; roles: string[] };

export const healthz = async (base: string): Promise<{ code: number; body: Healthz }> => {
  const r = await fetch(`${base}/healthz`);
  return { code: r.status, body: (await r.json()) as Healthz };
};

/** The value of one Prometheus sample (`name{labels}`), summed over every series that matches the labels given. */
export const metric = (text: string, name: string, labels: Record<string, string> = {}): number => {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m?.[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
      sum += Number(m[3]);
      found = true;
    }
  }
  return found ? sum : Number.NaN;
};

export const metricsText = async (base: string): Promise<string> => (await fetch(`${base}/metrics`)).text();

/** Messages in a prefix's event stream, the replica counts of the stream, bucket and snapshots, and how many copies are current. */
export const streamFacts = async (servers: string, prefix: string): Promise<{ messages: number; lastSeq: number; replicas: number; kvReplicas: number; snapReplicas: number | undefined; current: number }> => {
  const nc = await connect({ servers: servers.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const n = storeNames(prefix);
    const s = await jsm.streams.info(n.stream);
    const kv = await jsm.streams.info(`KV_${n.bucket}`);
    const snaps = await jsm.streams.info(`OBJ_${n.snapshots}`).catch(() => undefined);
    // `current`: the stream's copies that are up to date (the leader's, and each current follower's).
    const current = (s.cluster?.leader === undefined ? 0 : 1) + (s.cluster?.replicas ?? []).filter((r) => r.current && !r.offline).length;
    return { messages: s.state.messages, lastSeq: s.state.last_seq, replicas: s.config.num_replicas, kvReplicas: kv.config.num_replicas, snapReplicas: snaps?.config.num_replicas, current };
  } finally {
    await nc.close();
  }
};

/** A nats-server of the test's own on a fixed port and data directory, so it can be stopped and started again as the same server. */
export const ownNatsServer = (port: number, dir: string, extra: readonly string[] = []) => {
  mkdirSync(dir, { recursive: true });
  let child: ChildProcess | undefined;
  return {
    url: `nats://127.0.0.1:${port}`,
    start: async (): Promise<void> => {
      child = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, ...extra], { stdio: 'ignore' });
      await eventually(`nats-server on ${port}`, () => listening('127.0.0.1', port), 20_000);
    },
    stop: async (): Promise<void> => {
      const c = child;
      if (c === undefined || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await gone;
    },
  };
};
