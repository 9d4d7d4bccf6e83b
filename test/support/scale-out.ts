// Helpers of test/int/scale-out*.int.test.ts: one container lifecycle on the real engine, and the
// parts of two models (a roles split and one daemon doing everything) that must be equal.
import { createServer } from 'node:net';
import type { Container } from '../../events/container.js';
import type { Port } from '../../events/port.js';
import { berth, docker, eventually } from './daemon-harness.js';

/** `berth <args> --json` against the given NATS servers and prefix. */
export const berthAt = async <T>(nats: string, prefix: string, args: readonly string[]): Promise<T> => {
  const r = await berth([...args, '--json', '--prefix', prefix, '--nats', nats]);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
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
export const replay = async (nats: string, prefix: string): Promise<{ code: number; differences: unknown[]; events: number }> => {
  const r = await berth(['replay', '--json', '--prefix', prefix, '--nats', nats]);
  const body = JSON.parse(r.stdout) as { differences: unknown[]; events: number };
  return { code: r.code, differences: body.differences, events: body.events };
};

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * A base port for scripts/nats-cluster.sh whose nine ports (clients base..base+2, routes +2000,
 * monitoring +4000) are free now: $BERTH_NATS_CLUSTER_PORT when set, else one picked at random in
 * 20000-29999, so the test never meets a cluster someone started with the script's default.
 */
export const clusterBase = async (): Promise<number> => {
  const fixed = process.env['BERTH_NATS_CLUSTER_PORT'];
  if (fixed !== undefined && fixed !== '') return Number(fixed);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 3300) * 3;
    const ports = [0, 1, 2].flatMap((i) => [base + i, base + 2000 + i, base + 4000 + i]);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free base port for a three-node cluster in 20000-29999');
};

/** The client URLs of the cluster on `base`. */
export const clusterUrls = (base: number): string => [0, 1, 2].map((i) => `nats://127.0.0.1:${base + i}`).join(',');
