/** What a stall watch needs: whether the stream holds more for the reader, and what to do when it is stuck. */
export type StallWatchOptions = Readonly<{
  /** Whether the stream holds a message after the last one handled (false when it cannot tell). */
  more: () => Promise<boolean>;
  /** Called once when the reader is stuck; `reset` arms the watch again. */
  onStall: () => void;
  /** Quiet this long, with more to read, is stuck (default 10 s). */
  quietMs?: number;
  /** How often to look (default 5 s). */
  everyMs?: number;
  now?: () => number;
}>;

/**
 * Watches a following reader for a consumer that went silent: its server left the cluster and
 * nats.js did not notice, so no message comes although the stream holds some. Never stuck while a
 * message is in hand (a slow handler is not a lost consumer), nor while the stream holds nothing new.
 */
export class StallWatch {
  private readonly o: StallWatchOptions;
  private readonly quietMs: number;
  private lastAt: number;
  private busy = false;
  private stalled = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(o: StallWatchOptions) {
    this.o = o;
    this.quietMs = o.quietMs ?? 10_000;
    this.lastAt = this.now();
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** Starts looking every `everyMs` (the timer does not keep the process alive). */
  start(): this {
    this.timer = setInterval(() => void this.tick(), this.o.everyMs ?? 5000);
    this.timer.unref();
    return this;
  }

  /** A message (or the caught-up callback) is being handled. */
  handling(): void {
    this.busy = true;
    this.lastAt = this.now();
  }

  /** Handled: the reader made progress. */
  handled(): void {
    this.busy = false;
    this.lastAt = this.now();
  }

  /** A new consumer replaced the stuck one: watch it afresh. */
  reset(): void {
    this.stalled = false;
    this.busy = false;
    this.lastAt = this.now();
  }

  /** No more looking; a look in flight calls nothing. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private quiet(): boolean {
    return !this.stopped && !this.stalled && !this.busy && this.now() - this.lastAt >= this.quietMs;
  }

  /** One look: quiet long enough, and the stream holds more, calls `onStall` (once until `reset`). */
  async tick(): Promise<void> {
    if (!this.quiet()) return;
    const more = await this.o.more().catch(() => false);
    // Looked again after the answer: a message may have come (or the watch stopped) meanwhile.
    if (!more || !this.quiet()) return;
    this.stalled = true;
    this.o.onStall();
  }
}
