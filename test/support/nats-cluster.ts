// A three-node JetStream cluster of a test's own (scripts/nats-cluster.sh) and the daemons a test
// starts against it. The test's teardown always stops both, with bounded waits: a daemon that
// does not exit on SIGTERM gets SIGKILL, a node the script could not stop gets kill -9.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { ROOT } from './daemon-harness.js';
import { spawnDaemon } from './ops-daemon.js';
import type { Daemon } from './ops-daemon.js';

const exec = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts', 'nats-cluster.sh');

export type Node = 1 | 2 | 3;
export const NODES: readonly Node[] = [1, 2, 3];

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * A base port for scripts/nats-cluster.sh in [from, to) whose nine ports (clients base..base+2,
 * routes +2000, monitoring +4000) are free now: `fixed` when given, else one picked at random, so
 * two suites with different ranges never take each other's ports.
 */
export const freeClusterBase = async (from: number, to: number, fixed?: string): Promise<number> => {
  if (fixed !== undefined && fixed !== '') return Number(fixed);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + Math.floor(Math.random() * Math.floor((to - from - 4003) / 3)) * 3;
    const ports = NODES.flatMap((i) => [base + i - 1, base + 2000 + i - 1, base + 4000 + i - 1]);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error(`no free base port for a three-node cluster in ${from}-${to}`);
};

/** Waits at most `ms` for `p`; undefined when it did not settle in time. */
export const within = async <T>(p: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
};

export type Exit = Readonly<{ code: number | null; signal: NodeJS.Signals | null }>;

/** SIGTERM, `graceMs` for the daemon to exit, then SIGKILL. Resolves with how it ended, and whether it needed the SIGKILL. */
export const stopWithin = async (d: Daemon, graceMs = 20_000): Promise<Exit & { killed: boolean }> => {
  if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGTERM');
  const ended = await within(d.exited, graceMs);
  if (ended !== undefined) return { ...ended, killed: false };
  d.child.kill('SIGKILL');
  // A SIGKILL cannot be refused; the bound only keeps a teardown from waiting on a lost 'exit' event.
  const killed = await within(d.exited, 10_000);
  return { code: killed?.code ?? null, signal: killed?.signal ?? 'SIGKILL', killed: true };
};

export type TestCluster = Readonly<{
  base: number;
  dir: string;
  /** All three client URLs, comma-separated (what a daemon is given). */
  servers: string;
  url: (node: Node) => string;
  /** Starts the nodes that are not running and waits for a meta leader; the script's last line. */
  up: () => Promise<string>;
  /** kill -9 one node: no goodbye to its routes or clients. */
  kill9: (node: Node) => Promise<void>;
  /** Starts `berth daemon <args>` and keeps it for the teardown. */
  daemon: (args: readonly string[], ready: RegExp, env?: Record<string, string>) => Promise<Daemon>;
  /** Stops the daemons started so far (SIGTERM, SIGKILL after `graceMs`), each once. */
  stopDaemons: (graceMs?: number) => Promise<(Exit & { killed: boolean; daemon: string })[]>;
}>;

/**
 * A cluster on `base` with its data in `dir`. The teardown stops every daemon started through it,
 * then the nodes: the script's `down` (which waits 10 s, then SIGKILL), and kill -9 of any node
 * still alive after it, so no process of the test outlives it.
 */
export const testCluster = (t: ExecutionContext, base: number, dir: string): TestCluster => {
  const env = { ...process.env, BERTH_NATS_CLUSTER_PORT: String(base) };
  const script = async (cmd: 'up' | 'down'): Promise<string> => (await exec('bash', [SCRIPT, cmd, dir], { timeout: 90_000, env })).stdout;
  const pidOf = (node: Node): number | undefined => {
    const f = join(dir, `n${node}.pid`);
    return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : undefined;
  };
  // Only a nats-server running this cluster's configuration: a pid the system gave to another process since is left alone.
  const isNode = (pid: number): boolean => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(dir, 'n'));
    } catch {
      return false;
    }
  };
  const pending = new Map<Daemon, string>();
  const stopDaemons = async (graceMs = 20_000) => {
    const now = [...pending];
    pending.clear();
    return Promise.all(now.map(async ([d, daemon]) => {
      const r = await stopWithin(d, graceMs);
      // Where it stopped stopping: its last log lines are the only trace once it is killed.
      if (r.killed) t.log(`${daemon} did not exit within ${graceMs / 1000} s of SIGTERM; its last log lines:\n${d.err().slice(-4000)}`);
      return { ...r, daemon };
    }));
  };
  t.teardown(async () => {
    await stopDaemons();
    const pids = NODES.map(pidOf).filter((p): p is number => p !== undefined);
    await script('down').catch((err: unknown) => t.log(`nats-cluster.sh down failed: ${(err as Error).message}`));
    for (const pid of pids) if (isNode(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    base, dir,
    servers: NODES.map((i) => `nats://127.0.0.1:${base + i - 1}`).join(','),
    url: (node) => `nats://127.0.0.1:${base + node - 1}`,
    up: () => script('up'),
    kill9: async (node) => {
      const pid = pidOf(node);
      if (pid === undefined || !isNode(pid)) throw new Error(`node n${node} is not running`);
      const gone = new Promise<void>((r) => {
        const look = (): void => { if (isNode(pid)) setTimeout(look, 50); else r(); };
        look();
      });
      process.kill(pid, 'SIGKILL');
      await within(gone, 10_000);
    },
    daemon: async (args, ready, extra = {}) => {
      const d = await spawnDaemon(args, ready, extra);
      pending.set(d, `pid ${String(d.child.pid)}: berth daemon ${args.join(' ')}`);
      return d;
    },
    stopDaemons,
  };
};
