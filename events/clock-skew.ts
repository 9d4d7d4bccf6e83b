import type { OpsEvent } from './ops-event.js';
import { toEpochMs } from './time.js';

/** How far a source's time may lie after berth's own when it read the event (clocks drift a little; NTP keeps them close). */
export const MAX_AHEAD_MS = 5 * 60_000;

/**
 * The event as stored: a source time (`at`) more than MAX_AHEAD_MS after the time berth read it
 * (`observedAt`) is a source clock running ahead (a compute node's, an engine's), or a bad
 * timestamp (year 9999): the event takes `observedAt` instead, and `skewMs` says by how much the
 * source was ahead (its `raw` keeps what it said). Otherwise the fold, which never lets an older
 * event overwrite a newer one, ignored every later real change to that entity until the clock caught up.
 */
export const notAhead = (e: OpsEvent): { event: OpsEvent; skewMs: number } => {
  const skewMs = toEpochMs(e.at) - toEpochMs(e.observedAt);
  if (!(skewMs > MAX_AHEAD_MS)) return { event: e, skewMs: 0 };
  return { event: { ...e, at: e.observedAt }, skewMs };
};
