// Helpers of test/int/scale-out*.int.test.ts: one container lifecycle on the real engine, and the
// parts of two models (a roles split and one daemon doing everything) that must be equal.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Container } from '../../events/container.js';
import type { Port } from '../../events/port.js';
import { docker, eventually, ROOT } from './daemon-harness.js';
import { freeClusterBase } from './nats-cluster.js';

const BIN = join(ROOT, 'bin', 'run.js');

/** How long one CLI command may take before the test calls it hung (and kills it). */
export const CLI_MS = 120_000;

/**
 * `berth <args>` that cannot hang the test: killed (SIGKILL) after `ms`, then reported as such.
 * The code is the CLI's exit code, or null when it was killed.
 */
export const berthWithin = (args: readonly string[], ms = CLI_MS): Promise<{ stdout: string; stderr: string; code: number | null }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: unknown; killed?: boolean }) | null;
      const code = e === null ? 0 : e.killed === true ? null : typeof e.code === 'number' ? e.code : 1;
      resolve({ stdout, stderr: code === null ? `berth ${args.join(' ')} did not finish within ${ms / 1000} s (killed)\n${stderr}` : stderr, code });
    });
  });

/** `berth <args> --json` against the given NATS servers and prefix. */
export const berthAt = async <T>(nats: string, prefix: string, args: readonly string[]): Promise<T> => {
  const r = await berthWithin([...args, '--json', '--prefix', prefix, '--nats', nats]);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${String(r.code)}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

export type Lifecycle = Readonly<{ removed: string; running: string; exited: string; label: string }>;

/**
 * A container created, started, stopped, started again, killed and removed; one left running with
 * a published port; one stopped. `between` runs after the first few steps (a node is killed there).
 */
export const containerLifecycle = async (tag: string, label: string, between: () => Promise<void> = async () => undefined): Promise<Lifecycle> => {
  const l = { removed: `${tag}-a`, running: `${tag}-b`, exited: `${tag}-c`, label };
  await docker('create', '--name', l.removed, '--label', label, '-p', '127.0.0.1::80', 'berth-mini:latest', 'httpd', '-f', '-p', '80');
  await docker('start', l.removed);
  await docker('run', '-d', '--name', l.running, '--label', label, '-p', '127.0.0.1::80', 'berth-mini:latest', 'httpd', '-f', '-p', '80');
  await between();
  await docker('stop', '-t', '1', l.removed);
  await docker('start', l.removed);
  await docker('kill', l.removed);
  await docker('rm', l.removed);
  await docker('run', '-d', '--name', l.exited, '--label', label, 'berth-mini:latest', 'sleep', '300');
  await docker('stop', '-t', '1', l.exited);
  return l;
};

/** Waits until a model shows the lifecycle's end: one running with its port, one exited, one gone. */
export const lifecycleSettled = async (nats: string, prefix: string, l: Lifecycle, ms = 120_000): Promise<Container[]> =>
  eventually(`the model of ${prefix} to show the lifecycle's end`, async () => {
    const rows = await berthAt<Container[]>(nats, prefix, ['ps', '--label', l.label]);
    const byName = new Map(rows.map((c) => [c.name, c]));
    const ok = !byName.has(l.removed) && byName.get(l.running)?.state === 'running' && (byName.get(l.running)?.ports.length ?? 0) > 0 && byName.get(l.exited)?.state === 'exited';
    return ok ? rows : undefined;
  }, ms);

/** What two models must agree on: the containers (without stream positions), their ports, and the events of each one's history. */
export const comparable = async (nats: string, prefix: string, l: Lifecycle): Promise<unknown> => {
  // The same events, in any order: a Docker event and the inspect it prompts come from two
  // independent feeds, so two daemons can store them one way round or the other.
  const history = async (name: string) =>
    (await berthAt<{ type: string; at: string; event: { id: string } }[]>(nats, prefix, ['history', 'container', name])).map((s) => [s.type, s.at, s.event.id].join(' ')).sort();
  const [ps, ports, running, exited] = await Promise.all([
    berthAt<(Container & Record<string, unknown>)[]>(nats, prefix, ['ps', '--label', l.label]),
    berthAt<Port[]>(nats, prefix, ['ports', '--container', l.running]),
    history(l.running),
    history(l.exited),
  ]);
  return {
    containers: ps.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'seq'))).sort((a, b) => String(a['name']).localeCompare(String(b['name']))),
    ports,
    history: { running, exited },
  };
};

/** `berth replay --json`: the live model (written by the project daemon) against a fresh fold of the log. */
export const replay = async (nats: string, prefix: string): Promise<{ code: number | null; differences: unknown[]; events: number }> => {
  const r = await berthWithin(['replay', '--json', '--prefix', prefix, '--nats', nats]);
  if (r.code === null) return { code: null, differences: [r.stderr], events: 0 };
  const body = JSON.parse(r.stdout) as { differences: unknown[]; events: number };
  return { code: r.code, differences: body.differences, events: body.events };
};

/**
 * A base port for scripts/nats-cluster.sh whose nine ports (clients base..base+2, routes +2000,
 * monitoring +4000) are free now: $BERTH_NATS_CLUSTER_PORT when set, else one picked at random in
 * 20000-29999, so the test never meets a cluster someone started with the script's default.
 */
export const clusterBase = (): Promise<number> => freeClusterBase(20_000, 34_000, process.env['BERTH_NATS_CLUSTER_PORT']);

/** The client URLs of the cluster on `base`. */
export const clusterUrls = (base: number): string => [0, 1, 2].map((i) => `nats://127.0.0.1:${base + i}`).join(',');
