import type { CanonicalTime } from '../../events/time.js';

/**
 * The earliest source time of the events from a sequence on, up to the snapshot being written, at
 * every `step` events of the stretch since the previous snapshot (a snapshot's `minAtFrom`). Events
 * arrive late but in order of stream position, so a reader looking for events at or before T can
 * stop reading the stretch at the first point from which every event happened after T.
 */
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

  /** `[seq, earliest time from seq to the end]` at the start of each chunk; then starts over. */
  take(): [number, CanonicalTime][] {
    const out: [number, CanonicalTime][] = [];
    let min: CanonicalTime | '' = '';
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const [seq, at] = this.chunks[i] as [number, CanonicalTime];
      if (min === '' || at < min) min = at;
      out.push([seq, min]);
    }
    this.chunks = [];
    return out.reverse();
  }
}
