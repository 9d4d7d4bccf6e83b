// Item 3: `berth hosts --at T` (a cold CLI process, the model as it was at T built from the nearest
// snapshot plus the stretch of log after it) for a T near the end and one near the start of the
// replay stream. Baseline: reading the whole stream raw (ordered consumer + JSON.parse), the least
// any --at without snapshots would cost.
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import type { FoldRun } from './fold.js';
import { atOf, LOG_PREFIX } from './log/build.js';
import type { BuiltLog } from './log/build.js';
import { berth, median, n0, NATS_URL } from './support/proc.js';

/** `runs` cold processes after one warm-up that is not counted (page cache and Node's compile cache, as item 4's figures). */
const atRuns = async (at: string, runs: number): Promise<{ ms: number; all: number[]; hosts: number; warmUp: number }> => {
  const args = ['hosts', '--at', at, '-o', 'json', '--prefix', LOG_PREFIX, '--nats', NATS_URL];
  const warmUp = (await berth(args)).ms;
  const all: number[] = [];
  let hosts = 0;
  for (let i = 0; i < runs; i++) {
    const r = await berth(args);
    hosts = (JSON.parse(r.stdout) as unknown[]).length;
    all.push(r.ms);
  }
  return { ms: median(all), all, hosts, warmUp };
};

export const benchAt = async (log: BuiltLog, raw: FoldRun, runs: number): Promise<Measured[]> => {
  const out: Measured[] = [];
  for (const [where, i] of [['end', Math.floor(log.events * 0.99)], ['start', Math.floor(log.events * 0.01)]] as const) {
    const at = atOf(i);
    const r = await atRuns(at, runs);
    out.push({
      figure: figure(`--at T near the ${where} of a ${n0(log.events)}-event stream ms vs raw read of the whole stream`, 'ms', r.ms, raw.ms, { kind: 'berth-max', value: 2000 }),
      note: `berth hosts --at ${at} -o json (event ${n0(i)} of ${n0(log.events)}), cold process, median of ${r.all.map((x) => n0(x)).join(', ')} ms after a warm-up run of ${n0(r.warmUp)} ms; ${r.hosts} hosts; ${log.snapshots} snapshots`,
    });
  }
  return out;
};
