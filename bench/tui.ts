// Item 6: `berth top`'s console with 10k container rows while 1,000 events/s arrive: frame time
// (p50, p95) and CPU, beside a bare Ink list of the same rows fed by the same live client. A real
// daemon folds the events; each console runs in a probe (bench/probes/console.ts), drawn by the
// App, Ink and React of the console bundle `berth top` runs (bench/probes/console-bundle.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { META_KEY } from '../daemon/model-entries.js';
import { storeNames } from '../daemon/store/names.js';
import type { OpsEvent } from '../events/ops-event.js';
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import { createdRecords, engineRecord, publishRecords } from './support/container-feed.js';
import { consoleBundle } from './probes/console-bundle.js';
import { startDaemon } from './support/daemon.js';
import { dropPrefix } from './support/nats.js';
import { n0, NATS_URL, percentile, ROOT, sleep } from './support/proc.js';

const PREFIX = 'b-bench-tui';
const names = storeNames(PREFIX);

type ConsoleRun = Readonly<{ mode: string; rows: number; frames: number[]; frameCpu: number[]; seen: number; publishes: number; writes: number; cpuPct: number; wallMs: number }>;

const projectedSeq = async (nc: NatsConnection): Promise<number> => {
  const e = await (await new Kvm(nc).open(names.bucket)).get(META_KEY).catch(() => null);
  return e === null ? 0 : (JSON.parse(e.string()) as { seq: number }).seq;
};

/** Runs one console probe; while it measures, appends `rate` state changes per second. */
const runConsole = (nc: NatsConnection, mode: string, rows: number, rate: number, seconds: number): Promise<ConsoleRun & { sent: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'probes', 'console.ts'), mode, PREFIX, NATS_URL, String(rows), String(seconds)], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let sent = 0;
    let feeding: Promise<void> | null = null;
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (feeding === null && /^READY/m.test(out)) feeding = feed();
    });
    const feed = async (): Promise<void> => {
      const end = Date.now() + (seconds + 2) * 1000;
      for (let tick = Date.now(); Date.now() < end; tick += 100) {
        const batch: OpsEvent[] = [];
        for (let j = 0; j < rate / 10; j++, sent++) batch.push(engineRecord(Math.floor(Math.random() * rows), sent % 2 === 0 ? 'die' : 'start', Date.now()));
        await publishRecords(nc, names, batch);
        await sleep(Math.max(0, tick + 100 - Date.now()));
      }
    };
    child.on('close', (code) => {
      void (feeding ?? Promise.resolve()).then(() => {
        const last = out.trim().split('\n').at(-1) ?? '';
        if (code !== 0 || !last.startsWith('{')) reject(new Error(`console probe (${mode}) exited ${code}: ${err.slice(-3000)}`));
        else resolve({ ...(JSON.parse(last) as ConsoleRun), sent });
      });
    });
  });

export const benchTui = async (nc: NatsConnection, rows: number, rate: number, seconds: number): Promise<Measured[]> => {
  consoleBundle(); // a missing or stale bundle fails here, before the daemon is fed
  await dropPrefix(nc, PREFIX);
  const d = await startDaemon(PREFIX, ['--no-docker', '--snapshot-every', '0'], /model ready/);
  const runs: (ConsoleRun & { sent: number })[] = [];
  try {
    const t = Date.now() - rows;
    await publishRecords(nc, names, Array.from({ length: rows }, (_, i) => createdRecords(i, t + i)).flat());
    const last = 2 * rows;
    for (const end = Date.now() + 300_000; (await projectedSeq(nc)) < last && Date.now() < end; await sleep(250));
    for (const mode of ['bare', 'berth']) runs.push(await runConsole(nc, mode, rows, rate, seconds));
  } finally {
    await d.stop();
    await dropPrefix(nc, PREFIX);
  }
  const [bare, berth] = runs as [ConsoleRun & { sent: number }, ConsoleRun & { sent: number }];
  const p = (r: ConsoleRun, q: number): number => percentile(r.frames, q);
  const ctx = (r: ConsoleRun & { sent: number }): string =>
    `${r.mode}: ${n0(r.frames.length)} frames from ${n0(r.publishes)} store publishes, CPU per frame p50 ${percentile(r.frameCpu, 50).toFixed(1)} / p95 ${percentile(r.frameCpu, 95).toFixed(1)} ms, max frame ${n0(Math.max(...r.frames))} ms, ${n0(r.sent / (seconds + 2))} events/s sent, the model it showed advanced ${n0(r.seen / seconds)} events/s`;
  const note = `${ctx(berth)}; ${ctx(bare)}; Ink render (the console bundle, Ink's caches shared across frames) to a fake 200×50 terminal in a probe process over the real LiveQueryClient, daemon folding the events`;
  return [
    { figure: figure(`console: frame time p50 with ${n0(rows)} rows and ${n0(rate)} events/s ms vs bare Ink list of the same rows`, 'ms', p(berth, 50), p(bare, 50), { kind: 'none' }), note },
    { figure: figure(`console: frame time p95 with ${n0(rows)} rows and ${n0(rate)} events/s ms vs bare Ink list of the same rows`, 'ms', p(berth, 95), p(bare, 95), { kind: 'berth-max', value: 30 }), note },
    { figure: figure(`console: CPU with ${n0(rows)} rows and ${n0(rate)} events/s % of one core vs bare Ink list of the same rows`, '% CPU', berth.cpuPct, bare.cpuPct, { kind: 'none' }), note },
  ];
};
