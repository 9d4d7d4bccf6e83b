// npm run bench: every figure of issue 9 beside a baseline measured in the same run. Figures go to
// stdout (one line each), progress to stderr; `--json` also writes bench/results.json. Asserts
// nothing: speed targets live here, never in tests.
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { benchAt } from './at.js';
import { benchPs, benchVersion } from './cli.js';
import { parseBenchArgs } from './config.js';
import type { BenchArgs, Section } from './config.js';
import { figureLine, resultsJson } from './figure.js';
import type { Measured } from './figure.js';
import { benchFold, rawRead } from './fold.js';
import type { FoldRun } from './fold.js';
import { benchIngestDocker } from './ingest-docker.js';
import { benchIngestOpenStack } from './ingest-openstack.js';
import { buildLog, LOG_PREFIX } from './log/build.js';
import type { BuiltLog } from './log/build.js';
import { benchMemory } from './memory.js';
import { dropPrefix, natsConnect } from './support/nats.js';
import { benchTui } from './tui.js';
import { benchVms } from './vms.js';

type Step = (nc: NatsConnection, a: BenchArgs) => Promise<Measured[]>;

/** The replay stream and its raw read, made once for the sections that need them. */
let log: BuiltLog | null = null;
let raw: FoldRun | null = null;
const theLog = async (nc: NatsConnection, a: BenchArgs): Promise<BuiltLog> => (log ??= await buildLog(nc, a.sizes.streamEvents, a.sizes.snapshotEvery));

const STEPS: Readonly<Record<Section, Step>> = {
  ingest: async (nc, a) => [...(await benchIngestOpenStack(nc, a.sizes.notifications)), ...(await benchIngestDocker(nc, a.sizes.burstContainers))],
  fold: async (nc, a) => {
    const r = await benchFold(await theLog(nc, a));
    raw = r.raw;
    return [r.measured];
  },
  at: async (nc, a) => {
    const l = await theLog(nc, a);
    raw ??= await rawRead();
    return benchAt(l, raw, a.quick ? 2 : 3);
  },
  memory: async (nc, a) => {
    await theLog(nc, a);
    return [await benchMemory(nc)];
  },
  tui: (nc, a) => benchTui(nc, a.sizes.tuiRows, a.sizes.tuiRate, a.sizes.tuiSeconds),
  cli: async (nc, a) => [await benchPs(nc, a.sizes.psContainers, a.sizes.cliRuns), await benchVersion(a.sizes.cliRuns)],
  vms: async (nc, a) => [await benchVms(nc, a.sizes.servers, a.quick ? 3 : 5, a.keepServers)],
};

const progress = (s: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
};

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');

/** Runs one section; a failure is printed (stdout and stderr) and the run goes on. */
const runSection = async (nc: NatsConnection, args: BenchArgs, s: Section, results: Measured[]): Promise<void> => {
  progress(`${s}... (load average ${load()})`);
  const t = Date.now();
  try {
    for (const m of await STEPS[s](nc, args)) {
      results.push(m);
      console.log(figureLine(m.figure, m.note));
    }
  } catch (err) {
    console.log(`${s}: FAILED (${(err as Error).message.split('\n')[0] ?? ''})`);
    progress(`${s} FAILED: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
  progress(`${s} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
};

const main = async (): Promise<void> => {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2), join(import.meta.dirname, 'results.json'));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  // The daemons and CLI runs are the built berth (bin/run.js → dist/), as users run it.
  if (!existsSync(join(import.meta.dirname, '..', 'dist', 'cli', 'commands'))) {
    process.stderr.write("berth is not built: run 'npm run build' first (the bench runs dist/ through bin/run.js).\n");
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const machine = `${hostname()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  console.log(`berth bench${args.quick ? ' --quick (smaller sizes than issue 9 asks for)' : ''}: ${new Date().toISOString()} on ${machine}, load average ${load()}`);
  const nc = await natsConnect();
  const results: Measured[] = [];
  try {
    for (const s of args.sections) await runSection(nc, args, s, results);
  } finally {
    if (log !== null && !args.keepStream) await dropPrefix(nc, LOG_PREFIX);
    await nc.close();
  }
  if (args.json !== null) {
    writeFileSync(args.json, resultsJson(results.map((m) => m.figure)));
    progress(`wrote ${results.length} figures to ${args.json}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${load()}`);
};

await main();
