// Item 2: berth's fold of the whole replay stream into the model, beside a raw ordered-consumer read
// with JSON.parse of the same stream; each in a fresh process, baseline before and after berth.
import { figure } from './figure.js';
import type { Measured } from './figure.js';
import { LOG_PREFIX } from './log/build.js';
import type { BuiltLog } from './log/build.js';
import { NATS_URL, n0, probe } from './support/proc.js';

export type FoldRun = Readonly<{ mode: string; events: number; entities: number; ms: number; cpuMs: number; rate: number }>;

/** The raw read of the whole stream, kept for item 3's baseline. */
export const rawRead = (): Promise<FoldRun> => probe<FoldRun>('fold', ['raw', LOG_PREFIX, NATS_URL]);

export const benchFold = async (log: BuiltLog): Promise<{ measured: Measured; raw: FoldRun; entities: number }> => {
  const raw1 = await rawRead();
  const berth = await probe<FoldRun>('fold', ['berth', LOG_PREFIX, NATS_URL]);
  const raw2 = await rawRead();
  const raw = raw1.rate >= raw2.rate ? raw1 : raw2;
  const baseline = (raw1.rate + raw2.rate) / 2;
  const cpu = (r: FoldRun): string => `${((r.cpuMs * 1000) / Math.max(1, r.events)).toFixed(1)} µs CPU/event`;
  return {
    raw, entities: berth.entities,
    measured: {
      figure: figure(`fold: ${n0(log.events)}-event stream into the model events/s vs raw ordered-consumer read + JSON.parse`, 'events/s', berth.rate, baseline, { kind: 'ratio-min', value: 0.9 }),
      note: `berth folded ${n0(berth.events)} events into ${n0(berth.entities)} entities in ${(berth.ms / 1000).toFixed(1)} s (${cpu(berth)}); raw reads ${n0(raw1.rate)} and ${n0(raw2.rate)} events/s (${cpu(raw1)}, ${cpu(raw2)}); ${log.note}`,
    },
  };
};
