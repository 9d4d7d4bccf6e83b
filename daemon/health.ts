/** What /healthz answers: 200 with status ok, or 503 with status unavailable and the reason. */
export type HealthReport = Readonly<{
  status: 'ok' | 'unavailable';
  reason?: string;
  nats: 'connected' | 'disconnected' | 'closed';
  projector: 'live' | 'replaying' | 'stalled' | 'stopping';
  /** Last stream sequence the projector processed. */
  seq: number;
  /** Last sequence in the stream, when JetStream answered. */
  streamSeq?: number;
  /** Events stored but not yet processed. */
  lag?: number;
}>;

export type HealthProbe = Readonly<{
  nats: () => 'connected' | 'disconnected' | 'closed';
  live: () => boolean;
  processedSeq: () => number;
  /** The stream's last sequence; throws when JetStream does not answer. */
  streamSeq: () => Promise<number>;
  now?: () => number;
}>;

/** A projector this long behind without progress is stalled (a live one works through a burst well within it). */
export const STALL_MS = 30_000;

/**
 * Health of one daemon: NATS connected, and the projector (which every daemon runs: sources diff
 * against its model) live, i.e. replayed and keeping up. Keeping up means: not behind, or behind
 * but still making progress within `stallMs`.
 */
export class Health {
  private readonly p: HealthProbe;
  private readonly stallMs: number;
  private lastSeq = -1;
  private progressAt: number;
  private stopping = false;

  constructor(p: HealthProbe, stallMs = STALL_MS) {
    this.p = p;
    this.stallMs = stallMs;
    this.progressAt = this.now();
  }

  private now(): number {
    return this.p.now?.() ?? Date.now();
  }

  /** From now on the daemon is shutting down: unavailable, so a balancer or supervisor stops sending work. */
  markStopping(): void {
    this.stopping = true;
  }

  async check(): Promise<HealthReport> {
    const nats = this.p.nats();
    const seq = this.p.processedSeq();
    if (seq !== this.lastSeq) {
      this.lastSeq = seq;
      this.progressAt = this.now();
    }
    const base = { nats, seq };
    if (this.stopping) return { ...base, status: 'unavailable', projector: 'stopping', reason: 'the daemon is shutting down' };
    if (nats !== 'connected') return { ...base, status: 'unavailable', projector: this.p.live() ? 'live' : 'replaying', reason: `NATS is ${nats}` };
    if (!this.p.live()) return { ...base, status: 'unavailable', projector: 'replaying', reason: `the projector is replaying the stream (at seq ${seq})` };
    let streamSeq: number;
    try {
      streamSeq = await this.p.streamSeq();
    } catch (err) {
      return { ...base, status: 'unavailable', projector: 'live', reason: `JetStream did not answer: ${(err as Error).message}` };
    }
    const lag = Math.max(0, streamSeq - seq);
    if (lag === 0) this.progressAt = this.now();
    const idle = this.now() - this.progressAt;
    if (lag > 0 && idle >= this.stallMs) {
      return { ...base, streamSeq, lag, status: 'unavailable', projector: 'stalled', reason: `the projector is ${lag} event(s) behind the stream and made no progress for ${Math.round(idle / 1000)}s` };
    }
    return { ...base, streamSeq, lag, status: 'ok', projector: 'live' };
  }
}
