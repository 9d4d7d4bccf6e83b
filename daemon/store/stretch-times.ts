import type { CanonicalTime } from '../../events/time.js';

/**
 * The earliest source time of the events from a sequence on, up to the snapshot being written, at
 * every `step` events of the stretch since the previous snapshot (a snapshot's `minAtFrom`). Events
 * arrive late but in order of stream position, so a reader looking for events at or before T can
 * stop reading the stretch at the first point from which every event happened after T.
 */
/**
 * The stretch after the newest snapshot as far as the projector has folded it, kept in the model's
 * meta (`stretch`): `after` that snapshot's sequence, `to` the last sequence folded, `minAtFrom` as
 * a snapshot's. With it `--at` reads the log after the newest snapshot only where it can hold events
 * at or before its time, instead of all of it (up to a quarter of the model's entity count of events).
 */
export type OpenStretch = Readonly<{ after: number; to: number; minAtFrom: readonly (readonly [number, CanonicalTime])[] }>;

/** Points kept in the model's meta at most (it is written after every batch of changes). */
export const OPEN_STRETCH_POINTS = 64;

/** The open stretch of a stored meta, or null when it has none or it is not one (never trusted blindly). */
export const openStretchOf = (x: unknown): OpenStretch | null => {
  const s = x as Partial<OpenStretch> | null;
  if (s === null || typeof s !== 'object' || !Number.isSafeInteger(s.after) || !Number.isSafeInteger(s.to) || !Array.isArray(s.minAtFrom)) return null;
  const points = s.minAtFrom as unknown[];
  const ok = points.every((p) => Array.isArray(p) && p.length === 2 && Number.isSafeInteger(p[0]) && typeof p[1] === 'string');
  return ok && (s.to as number) >= (s.after as number) ? (s as OpenStretch) : null;
};

export class StretchTimes {
  private readonly step: number;
  /** Start sequence and earliest time of each chunk of `step` events, oldest first. */
  private chunks: [number, CanonicalTime][] = [];

  constructor(step = 1000) {
    this.step = step;
  }

  /** Notes an event folded at `seq` (in stream order). */
  note(seq: number, at: CanonicalTime): void {
    const last = this.chunks.at(-1);
    if (last === undefined || seq - last[0] >= this.step) this.chunks.push([seq, at]);
    else if (at < last[1]) last[1] = at;
  }

  /**
   * `[seq, earliest time from seq to the end]` at the start of each chunk so far, or at most `max`
   * of them (spread over the stretch: any subset of the points is as true, only coarser).
   */
  points(max = Infinity): [number, CanonicalTime][] {
    const out: [number, CanonicalTime][] = [];
    let min: CanonicalTime | '' = '';
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const [seq, at] = this.chunks[i] as [number, CanonicalTime];
      if (min === '' || at < min) min = at;
      out.push([seq, min]);
    }
    out.reverse();
    if (out.length <= max) return out;
    const n = Math.max(1, Math.floor(max));
    return Array.from({ length: n }, (_, i) => out[Math.floor((i * out.length) / n)] as [number, CanonicalTime]);
  }

  /** `points()`, then starts over (a snapshot's `minAtFrom`). */
  take(): [number, CanonicalTime][] {
    const out = this.points();
    this.chunks = [];
    return out;
  }
}
