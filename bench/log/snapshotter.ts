// Snapshots of the replay stream as the daemon's projector writes them (daemon/projector.ts:
// `apply` and `maybeSnapshot`): the same fold, the same metadata (seq, prevSeq, maxAt, minAtFrom,
// minAtAfterPrev, events, sourceTimes), and the model's meta at the end (`meta`), written with berth's own SnapshotStore when the
// projector's rule (snapshotDue: every `every` events, wider apart for a big model) says so. The bench folds the records it appends instead of running a live daemon, because the
// projector writes snapshots only while live, where every change is also a KV write: 1M events
// that way took over 10 minutes on this machine.
import { applyEvent, initialInventory } from '../../events/inventory.js';
import { parseRecord } from '../../events/parse.js';
import type { CanonicalTime } from '../../events/time.js';
import { entityCount, projectionMeta, snapshotDue } from '../../daemon/projector.js';
import type { SnapshotStore } from '../../daemon/store/snapshots.js';
import { StretchTimes } from '../../daemon/store/stretch-times.js';

export class LogSnapshotter {
  readonly inventory = initialInventory();
  written = 0;
  skipped = 0;
  private position = 0;
  private lastSnapSeq = 0;
  private maxAt: CanonicalTime | '' = '';
  private minAtSinceSnap: CanonicalTime | '' = '';
  /** Earliest times at points of the stretch since the last snapshot (its `minAtFrom`). */
  private readonly stretch = new StretchTimes();
  private readonly sourceTimes = new Map<string, CanonicalTime>();
  private readonly store: SnapshotStore;
  private readonly every: number;

  constructor(store: SnapshotStore, every: number) {
    this.store = store;
    this.every = every;
  }

  /** Folds one stored record (its stream sequence given), as the projector does. */
  apply(text: string, seq: number): void {
    this.position = seq;
    const r = parseRecord(text, seq);
    if (!r.ok) {
      this.skipped += 1;
      return;
    }
    try {
      applyEvent(this.inventory, r.event);
    } catch {
      this.skipped += 1;
      return;
    }
    const at = r.event.at;
    if (at > this.maxAt) this.maxAt = at;
    const src = `${r.event.source.kind}|${r.event.source.host}`;
    if (at > (this.sourceTimes.get(src) ?? '')) this.sourceTimes.set(src, at);
    if (this.minAtSinceSnap === '' || at < this.minAtSinceSnap) this.minAtSinceSnap = at;
    this.stretch.note(seq, at);
  }

  /** Writes a snapshot when the projector would (daemon/projector.ts snapshotDue). */
  async maybeSnapshot(): Promise<void> {
    if (!snapshotDue({ every: this.every, keep: 0 }, this.position - this.lastSnapSeq, entityCount(this.inventory))) return;
    await this.store.write(this.inventory, {
      seq: this.position, prevSeq: this.lastSnapSeq, maxAt: this.maxAt, minAtAfterPrev: this.minAtSinceSnap,
      events: this.inventory.counters.events, sourceTimes: Object.fromEntries(this.sourceTimes), minAtFrom: this.stretch.take(),
    });
    this.lastSnapSeq = this.position;
    this.minAtSinceSnap = '';
    this.written += 1;
  }

  /** The model's meta as the projector leaves it in the bucket (with the stretch after the newest snapshot, which --at reads). */
  meta(): Record<string, unknown> {
    return projectionMeta(this.inventory, this.skipped, { after: this.lastSnapSeq, to: this.position, stretch: this.stretch });
  }
}
