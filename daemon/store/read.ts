import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** How a reader sees the stream: messages until caught up, then (optionally) live ones. */
export type ReadOptions = Readonly<{
  stream: string;
  filter: string;
  /** First sequence to read (default 1). */
  startSeq?: number;
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
  let caughtUp = info.num_pending === 0;
  if (caughtUp) {
    await o.onCaughtUp?.();
    if (!o.follow) return;
  }
  const iter = await c.consume({ max_messages: 1000 });
  const stop = (): void => {
    void iter.close();
  };
  o.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const m of iter) {
      await onMsg(m);
      if (!caughtUp && m.info.pending === 0) {
        caughtUp = true;
        await o.onCaughtUp?.();
        if (!o.follow) break;
      }
    }
  } finally {
    o.signal?.removeEventListener('abort', stop);
    await iter.close();
  }
};
