import type { Channel, ConsumeMessage } from 'amqplib';

/** One delivery between the broker and its ack. */
export type Delivery = { readonly msg: ConsumeMessage; state: 'open' | 'settled' | 'acked' };

/**
 * Acks the deliveries of one channel in batches. RabbitMQ numbers a channel's deliveries in order,
 * and an ack with `multiple` covers every earlier unacked one: once a run of deliveries from the
 * oldest unacked on is settled (stored in JetStream, or dead-lettered), one ack frame covers the run,
 * sent when the event loop turns, where each delivery had its own frame and socket write.
 *
 * Deliveries settled behind an older one still open are acked one by one after `lagMs`, so one slow
 * publish does not hold the whole prefetch window; while that same one stays open, those settled
 * behind it later are acked one by one at once (waiting `lagMs` for each window would hold the
 * consumer to a prefetch per `lagMs`), and acked ones are no longer kept. A delivery left unacked on purpose (`leave`: the
 * broker redelivers it after a reconnect) must never be covered by a `multiple` ack: from then on
 * this channel acks each delivery on its own, as it settles. An ack on a closed channel is dropped
 * (the broker redelivers what was not acked; JetStream's Nats-Msg-Id stores it once).
 */
export class AckBatcher {
  private readonly order: Delivery[] = [];
  private single = false;
  private scheduled = false;
  private lagTimer: NodeJS.Timeout | undefined;
  /** The oldest open delivery once it has held others back for `lagMs`. */
  private slowHead: Delivery | undefined;
  private closed = false;
  private readonly ch: Pick<Channel, 'ack'>;
  private readonly lagMs: number;
  /** Ack frames sent (each covering one or more deliveries). */
  frames = 0;

  constructor(ch: Pick<Channel, 'ack'>, lagMs = 1000) {
    this.ch = ch;
    this.lagMs = lagMs;
  }

  delivered(msg: ConsumeMessage): Delivery {
    const d: Delivery = { msg, state: 'open' };
    if (!this.single) this.order.push(d);
    return d;
  }

  /** The delivery may be acked (its events are stored). */
  settle(d: Delivery): void {
    if (d.state !== 'open' || this.closed) return;
    d.state = 'settled';
    if (this.single) this.ackOne(d);
    else this.schedule();
  }

  /** The delivery stays unacked: no ack may cover it any more. */
  leave(d: Delivery): void {
    if (this.single) return;
    this.single = true;
    clearTimeout(this.lagTimer);
    this.lagTimer = undefined;
    const i = this.order.indexOf(d);
    if (i >= 0) this.order.splice(i, 1);
    for (const x of this.order) if (x.state === 'settled') this.ackOne(x);
    this.order.length = 0;
  }

  /** Sends the ack for the settled run at the front now (also what a stop does before closing the channel). */
  flush(): void {
    this.scheduled = false;
    let last: Delivery | undefined;
    let n = 0;
    while (n < this.order.length && (this.order[n] as Delivery).state !== 'open') {
      const d = this.order[n] as Delivery;
      if (d.state === 'settled') last = d;
      n += 1;
    }
    this.order.splice(0, n);
    // `multiple` up to the newest not yet acked of the run: those acked alone before it are no longer outstanding.
    if (last !== undefined) this.send(last, true);
    const head = this.order[0];
    if (head === undefined) return;
    if (head === this.slowHead) this.ackBehindHead();
    else if (this.lagTimer === undefined && this.order.some((d) => d.state === 'settled')) {
      this.lagTimer = setTimeout(() => {
        this.lagTimer = undefined;
        if (this.order[0] === head) this.slowHead = head;
        this.ackBehindHead();
      }, this.lagMs);
      this.lagTimer.unref();
    }
  }

  /** Stops the lag timer and makes later settles do nothing (the channel is gone). */
  close(): void {
    this.closed = true;
    clearTimeout(this.lagTimer);
    this.lagTimer = undefined;
  }

  /** Number of deliveries kept for a later multiple ack (open, or settled behind an open one). */
  get held(): number {
    return this.order.length;
  }

  /** Acks each settled delivery alone and keeps only the open ones. */
  private ackBehindHead(): void {
    let kept = 0;
    for (const d of this.order) {
      if (d.state === 'settled') this.ackOne(d);
      if (d.state === 'open') this.order[kept++] = d;
    }
    this.order.length = kept;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private ackOne(d: Delivery): void {
    this.send(d, false);
  }

  private send(d: Delivery, multiple: boolean): void {
    d.state = 'acked';
    try {
      this.ch.ack(d.msg, multiple);
      this.frames += 1;
    } catch {
      // The channel closed: the broker requeues every unacked delivery.
    }
  }
}
