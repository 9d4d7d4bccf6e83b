import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Consumer, JsMsg, MsgRequest, OrderedConsumerOptions } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pause, transient } from './retry.js';
import { StallWatch } from './stall-watch.js';

/** How a reader sees the stream: messages until caught up, then (optionally) live ones. */
export type ReadOptions = Readonly<{
  stream: string;
  filter: string;
  /** First sequence to read (default 1). */
  startSeq?: number;
  /** Last sequence to read: stops after it (or when caught up, if the stream ends before it). Not with `follow`. */
  endSeq?: number;
  /** Only the newest message of each subject (current state of every entity). */
  lastPerSubject?: boolean;
  /** Keep reading live messages after the catch-up; stops when `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Called once when every message that existed at the start has been delivered. */
  onCaughtUp?: () => void | Promise<void>;
  /**
   * Messages per pull (default 1000). Smaller for a stream of large messages: 1000 dead letters of
   * 64 KiB overran the server's 64 MiB pending limit for a client ("Slow Consumer"), and the read
   * stopped short or hung. (nats.js takes a message count or a byte count, not both.)
   */
  batchMessages?: number;
}>;


/**
 * Reads a stream with an ordered consumer (client-managed, no acks: the cheapest replay,
 * research/jetstream.md §2) in batches of 1000. Yields to the caller's handler message by message.
 */
export const readStream = async (nc: NatsConnection, o: ReadOptions, onMsg: (m: JsMsg) => void | Promise<void>): Promise<void> => {
  // Consumer creates wait 1.5 s, not 5: one that meets a dead node (see openConsumer) is tried
  // again sooner; a live node answers in milliseconds, and a slow answer is only tried again.
  const js = jetstream(nc, { timeout: 1500 });
  const start = o.startSeq ?? 1;
  const c = await openConsumer(js, o, o.lastPerSubject
    ? { deliver_policy: DeliverPolicy.LastPerSubject }
    : start > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start } : { deliver_policy: DeliverPolicy.All }, Date.now() + OPEN_MS, transient);
  const info = await c.info(true); // as created: no second request (through the same short timeout)
  // nats-server 2.9 miscounts by one now and then: `num_pending` of a start-sequence consumer and
  // a message's own `pending` were both seen off (early or never reaching 0). So when either says
  // "done", or the stream is idle, ask the stream itself whether a matching message lies after the
  // last one delivered (direct get, next by subject) before calling the read caught up.
  // No account-info check first: it asks the meta leader, which a cluster may be electing.
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  const more = async (after: number): Promise<boolean> => {
    if (o.lastPerSubject) return false;
    // The server takes `next_by_subj` (the message at `seq` or the next matching one); the client's type omits it.
    const req = { seq: after + 1, next_by_subj: o.filter } as unknown as MsgRequest;
    const next = await jsm.streams.getMessage(o.stream, req).catch(() => null);
    return next !== null && next !== undefined && (o.endSeq === undefined || next.seq <= o.endSeq);
  };
  const existing = info.num_pending;
  let delivered = 0;
  let lastSeq = start - 1;
  let caughtUp = existing === 0 && !(await more(lastSeq));
  if (caughtUp) {
    await o.onCaughtUp?.();
    if (!o.follow) return;
  }
  // Following: a consumer whose server went away (a cluster node lost) may never be heard from
  // again, and nats.js does not always notice. When the stream holds a message after the last one
  // handled and none came for 10 s, the consumer is closed and a new ordered consumer starts right
  // after that message: nothing skipped, nothing repeated.
  const batch = { max_messages: o.batchMessages ?? 1000 };
  let iter = await c.consume(batch);
  let lost = false;
  const reopen = (): void => {
    lost = true;
    void iter.close();
  };
  const watch = o.follow ? new StallWatch({ more: () => more(lastSeq), onStall: reopen }).start() : undefined;
  // A server that restarted has forgotten the consumer, and nats.js notices only after missing
  // heartbeats (a minute or more): after every reconnect a follower starts a new consumer right
  // after the last message it handled (harmless when the old one would have gone on).
  const reconnects = o.follow ? onReconnect(nc, () => { if (!aborted(o)) reopen(); }) : undefined;
  const stop = (): void => {
    void iter.close();
  };
  o.signal?.addEventListener('abort', stop, { once: true });
  // Aborted while the consumer was made: the listener above came too late to hear it.
  if (o.signal?.aborted === true) stop();
  // Idle while not caught up (250 ms without a message): the counts may have promised a message
  // that does not exist. One timer, moved on lazily: a new timer per message cost more than the message.
  let idle: NodeJS.Timeout | undefined;
  let lastMsgAt = 0;
  const onIdle = (): void => {
    idle = undefined;
    if (caughtUp) return;
    const wait = lastMsgAt + IDLE_MS - Date.now();
    if (wait > 0) {
      idle = setTimeout(onIdle, wait);
      return;
    }
    void more(lastSeq).then(async (m) => {
      if (caughtUp) return;
      if (m) return armIdle();
      await finish();
      if (!o.follow) stop();
    });
  };
  const armIdle = (): void => {
    lastMsgAt = Date.now();
    if (idle === undefined && !caughtUp) idle = setTimeout(onIdle, IDLE_MS);
  };
  armIdle();
  const finish = async (): Promise<void> => {
    if (caughtUp) return;
    caughtUp = true;
    clearTimeout(idle);
    watch?.handling(); // the projector reconciles here: busy, not stuck
    try {
      await o.onCaughtUp?.();
    } finally {
      watch?.handled();
    }
  };
  try {
    for (;;) {
      for await (const m of iter) {
        watch?.handling();
        if (o.endSeq !== undefined && m.seq > o.endSeq) break;
        // Awaited only when it is a promise: an await per message is a turn of the microtask queue.
        const handled = onMsg(m);
        if (handled !== undefined) await handled;
        delivered += 1;
        lastSeq = m.seq;
        if (o.endSeq !== undefined && m.seq >= o.endSeq) break;
        if (!caughtUp && (delivered >= existing || m.info.pending === 0) && !(await more(m.seq))) {
          await finish();
          if (!o.follow) break;
        }
        if (caughtUp && !o.follow) break;
        armIdle();
        watch?.handled();
      }
      // The iterator ended: stopped (signal, end of a read), or closed by the watch (then read on).
      if (!lost || aborted(o)) break;
      iter = await (await openConsumer(js, o, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 }, Infinity, transient)).consume(batch);
      // Aborted while reopening: `stop` closed the old iterator, `finally` closes this one.
      if (aborted(o)) break;
      lost = false;
      watch?.reset();
    }
  } finally {
    clearTimeout(idle);
    watch?.stop();
    reconnects?.stop();
    o.signal?.removeEventListener('abort', stop);
    await iter.close();
  }
};

const aborted = (o: ReadOptions): boolean => o.signal?.aborted === true;

/** Calls `fn` on every reconnect of `nc` until `stop`. */
const onReconnect = (nc: NatsConnection, fn: () => void): { stop: () => void } => {
  const status = nc.status();
  void (async () => {
    for await (const st of status) if (st.type === 'reconnect') fn();
  })().catch(() => undefined);
  // nats.js returns a queued iterator: stopping it ends the loop above and drops the listener.
  return { stop: () => (status as unknown as { stop?: () => void }).stop?.() };
};

/** A read not caught up that gets no message for this long asks the stream whether more exist. */
const IDLE_MS = 250;

/** How long a read keeps trying to open its consumer before it gives up. */
const OPEN_MS = 30_000;

/**
 * An ordered consumer, tried again while the cluster cannot create it: a leader being elected, or
 * the ephemeral consumer placed on a node that is down, whose create request then times out
 * (nats-server before 2.12, nats-io/nats-server#7165; seen here with 2.9.10 on about one read in
 * four while one node of three was down), or a stream just created on a fresh cluster answering
 * 'no responders' for a moment. Tries until `until` (ms since the epoch) while `retry` says so, or
 * until `o.signal` aborts; other errors at once.
 */
const openConsumer = async (js: ReturnType<typeof jetstream>, o: ReadOptions, from: Partial<Pick<OrderedConsumerOptions, 'deliver_policy' | 'opt_start_seq'>>, until: number, retry: (err: unknown) => boolean): Promise<Consumer> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await js.consumers.get(o.stream, { filter_subjects: o.filter, ...from });
    } catch (err) {
      if (!retry(err) || aborted(o) || Date.now() >= until) throw err;
      await pause(Math.min(2000, 100 * 2 ** attempt), o.signal);
    }
  }
};
