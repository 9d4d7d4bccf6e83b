// Item 4 (Docker part): cold CLI processes. `berth ps -o json` with 500 created containers against
// `docker ps -a --format json` on the same engine, and `berth --version` against `docker --version`.
// Each command runs `runs` times, interleaved with its baseline; medians are reported.
import type { NatsConnection } from '@nats-io/transport-node';
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import { startDaemon } from './support/daemon.js';
import { createContainers, engine, ENGINE_SOCKET, LABEL, removeBenchContainers } from './support/engine.js';
import { dropPrefix } from './support/nats.js';
import { existsSync, realpathSync } from 'node:fs';
import { berth, berthArgs, BIN, median, n0, NATS_URL, sh, sleep, timedRun } from './support/proc.js';
import type { RunResult } from './support/proc.js';

const PREFIX = 'b-bench-ps';

/** Runs two commands alternately `runs` times (after one warm-up of each, for the page cache). */
const interleaved = async (runs: number, a: () => Promise<RunResult>, b: () => Promise<RunResult>): Promise<{ a: RunResult[]; b: RunResult[] }> => {
  await a();
  await b();
  const out = { a: [] as RunResult[], b: [] as RunResult[] };
  for (let i = 0; i < runs; i++) {
    out.a.push(await a());
    out.b.push(await b());
  }
  return out;
};

const ok = (what: string, r: RunResult): RunResult => {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(0, 1000)}`);
  return r;
};

const msList = (rs: readonly RunResult[]): string => rs.map((r) => n0(r.ms)).join(', ');

/** The system's own Node when it is not this one (the Node-20 hop of bin/run.js), or null. */
const systemNode = (): string | null => (existsSync('/usr/bin/node') && realpathSync('/usr/bin/node') !== realpathSync(process.execPath) ? '/usr/bin/node' : null);

export const benchVersion = async (runs: number): Promise<Measured> => {
  const r = await interleaved(runs, async () => ok('berth --version', await timedRun(process.execPath, berthArgs(['--version']))), async () => ok('docker --version', await timedRun('docker', ['--version'])));
  // As users start it: bin/run.js as a program (its #! line picks the pinned Node), and under an
  // older system Node, which hands over to the pinned one. Context, in the note.
  const program = await interleaved(runs, async () => ok('bin/run.js --version', await timedRun(BIN, ['--version'])), async () => ok('docker --version', await timedRun('docker', ['--version'])));
  const old = systemNode();
  let hopText = 'no other system Node';
  if (old !== null) {
    const hop = await interleaved(runs, async () => ok('node bin/run.js --version', await timedRun(old, [BIN, '--version'])), async () => ok('docker --version', await timedRun('docker', ['--version'])));
    hopText = `under ${old} (${(await sh(old, ['--version'])).trim()}, hands over to the pinned Node) ${n0(median(hop.a.map((x) => x.ms)))} ms`;
  }
  return {
    figure: figure('cold start: berth --version ms vs docker --version', 'ms', median(r.a.map((x) => x.ms)), median(r.b.map((x) => x.ms)), { kind: 'none' }),
    note: `medians of ${runs} interleaved cold runs: berth ${msList(r.a)}; docker ${msList(r.b)} ms; berth under ${process.execPath}. As a program (./bin/run.js) ${n0(median(program.a.map((x) => x.ms)))} ms; ${hopText}`,
  };
};

/** Containers in the model the daemon keeps for PREFIX that carry this run's label. */
const modelled = async (run: string): Promise<number> => {
  const r = await berth(['ps', '--label', `${LABEL}=${run}`, '-o', 'json', '--prefix', PREFIX, '--nats', NATS_URL]).catch(() => null);
  return r === null ? 0 : (JSON.parse(r.stdout) as unknown[]).length;
};

export const benchPs = async (nc: NatsConnection, containers: number, runs: number): Promise<Measured> => {
  const dk = engine();
  const run = `ps${Date.now().toString(36)}`;
  await removeBenchContainers(dk);
  await dropPrefix(nc, PREFIX);
  await createContainers(dk, run, containers, false);
  const d = await startDaemon(PREFIX, ['--engine', `bench=${ENGINE_SOCKET}`, '--snapshot-every', '0', '--resync-interval', '3600'], /resynced/);
  try {
    for (const end = Date.now() + 300_000; (await modelled(run)) < containers; await sleep(1000)) {
      if (Date.now() > end) throw new Error(`the model never held the ${containers} containers`);
    }
    const r = await interleaved(runs,
      async () => ok('berth ps', await timedRun(process.execPath, berthArgs(['ps', '-o', 'json', '--prefix', PREFIX, '--nats', NATS_URL]))),
      async () => ok('docker ps', await timedRun('docker', ['ps', '-a', '--format', 'json'])));
    const berthRows = (JSON.parse(r.a.at(-1)?.stdout ?? '[]') as unknown[]).length;
    const dockerRows = (r.b.at(-1)?.stdout ?? '').split('\n').filter(Boolean).length;
    return {
      figure: figure(`cli: berth ps -o json with ${n0(containers)} containers ms vs docker ps -a --format json`, 'ms', median(r.a.map((x) => x.ms)), median(r.b.map((x) => x.ms)), { kind: 'ratio-max', value: 4 }),
      note: `cold processes, medians of ${runs} interleaved runs: berth ${msList(r.a)}; docker ${msList(r.b)} ms; berth listed ${n0(berthRows)} containers, docker ${n0(dockerRows)} (created, not started: docker ps needs -a to list them)`,
    };
  } finally {
    await d.stop();
    await removeBenchContainers(dk);
    await dropPrefix(nc, PREFIX);
  }
};
