import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JsMsg, MsgRequest } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

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
}>;

/**
 * Reads a stream with an ordered consumer (client-managed, no acks: the cheapest replay,
 * research/jetstream.md §2) in batches of 1000. Yields to the caller's handler message by message.
 */
export const readStream = async (nc: NatsConnection, o: ReadOptions, onMsg: (m: JsMsg) => void | Promise<void>): Promise<void> => {
  const js = jetstream(nc);
  const start = o.startSeq ?? 1;
  const c = await js.consumers.get(o.stream, {
    filter_subjects: o.filter,
    ...(o.lastPerSubject
      ? { deliver_policy: DeliverPolicy.LastPerSubject }
      : start > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start } : { deliver_policy: DeliverPolicy.All }),
  });
  const info = await c.info();
  // nats-server 2.9 miscounts by one now and then: `num_pending` of a start-sequence consumer and
  // a message's own `pending` were both seen off (early or never reaching 0). So when either says
  // "done", or the stream is idle, ask the stream itself whether a matching message lies after the
  // last one delivered (direct get, next by subject) before calling the read caught up.
  const jsm = await jetstreamManager(nc);
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
  const iter = await c.consume({ max_messages: 1000 });
  const stop = (): void => {
    void iter.close();
  };
  o.signal?.addEventListener('abort', stop, { once: true });
  // Idle while not caught up: the counts may have promised a message that does not exist.
  let idle: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    clearTimeout(idle);
    if (caughtUp) return;
    idle = setTimeout(() => {
      void more(lastSeq).then(async (m) => {
        if (caughtUp) return;
        if (m) return armIdle();
        await finish();
        if (!o.follow) stop();
      });
    }, 250);
  };
  armIdle();
  const finish = async (): Promise<void> => {
    if (caughtUp) return;
    caughtUp = true;
    clearTimeout(idle);
    await o.onCaughtUp?.();
  };
  try {
    for await (const m of iter) {
      if (o.endSeq !== undefined && m.seq > o.endSeq) break;
      await onMsg(m);
      delivered += 1;
      lastSeq = m.seq;
      if (o.endSeq !== undefined && m.seq >= o.endSeq) break;
      if (!caughtUp && (m.info.pending === 0 || delivered >= existing) && !(await more(m.seq))) {
        await finish();
        if (!o.follow) break;
      }
      if (caughtUp && !o.follow) break;
      armIdle();
    }
  } finally {
    clearTimeout(idle);
    o.signal?.removeEventListener('abort', stop);
    await iter.close();
  }
};
