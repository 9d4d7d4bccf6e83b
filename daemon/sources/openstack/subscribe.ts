import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { Logger } from '../../log.js';
import { AckBatcher } from './acks.js';
import type { Delivery } from './acks.js';
import { DEFAULT_AMQP } from './amqp-options.js';
import type { AmqpOptions } from './amqp-options.js';

export { DEFAULT_AMQP };
export type { AmqpOptions };

/** What the consumer makes of one message body: events to store, or why it is poison. */
export type Decoded = { ok: true; events: OpsEvent[] } | { ok: false; reason: string };

export type AmqpSink = Readonly<{
  log: Logger;
  decode: (body: string) => Decoded;
  /** Resolves once JetStream stored the events; only then is the delivery acked. */
  record: (events: readonly OpsEvent[]) => Promise<void>;
  deadLetter: (reason: string, body: string, id: string) => Promise<void>;
  /** Told each time the broker connection is lost or cannot be made (metrics count reconnects). */
  onDisconnect?: () => void;
}>;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((r) => {
    const t = setTimeout(r, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
  });

/** Resolves when `signal` aborts (at once if it already has). */
const stopped = (signal: AbortSignal): Promise<void> =>
  new Promise((r) => {
    if (signal.aborted) r();
    else signal.addEventListener('abort', () => r(), { once: true });
  });

/**
 * The body as text: gunzipped when oslo's `compression` header (or content-encoding) says gzip.
 * Inflating stops at `maxBytes` (a gzip bomb would otherwise take gigabytes before it failed): throws.
 */
export const bodyText = (msg: Pick<ConsumeMessage, 'content' | 'properties'>, maxBytes: number = DEFAULT_AMQP.maxBodyBytes): string => {
  const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
  const gz = headers['compression'] === 'gzip' || msg.properties.contentEncoding === 'gzip';
  if (!gz) return msg.content.toString('utf8');
  try {
    return gunzipSync(msg.content, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`gzip body inflates past ${maxBytes} bytes`, { cause: err });
    throw new Error(`gzip body cannot be inflated: ${(err as Error).message}`, { cause: err });
  }
};

/**
 * Follows OpenStack notifications: a durable queue of berth's own bound to every configured
 * exchange with `<topic>.*` (all priorities, errors included). A delivery is acked only after
 * JetStream acknowledged its events (acks batched: see AckBatcher); poison is dead-lettered and
 * acked, never requeued forever.
 * On broker loss it reconnects with backoff and declares and binds again (a broker restart drops
 * transient exchanges and bindings).
 */
export const runAmqpSource = async (o: AmqpOptions, sink: AmqpSink, signal: AbortSignal): Promise<void> => {
  let backoff = 500;
  while (!signal.aborted) {
    let conn: ChannelModel | undefined;
    try {
      conn = await connect(o.url);
      const closed = new Promise<void>((resolve) => {
        conn?.on('close', () => resolve());
        conn?.on('error', () => undefined);
      });
      const ch = await conn.createChannel();
      await bindAll(conn, ch, o, sink.log);
      await ch.prefetch(o.prefetch);
      const inFlight = new Set<Promise<void>>();
      const acks = new AckBatcher(ch);
      conn.on('close', () => acks.close());
      const { consumerTag } = await ch.consume(o.queue, (msg) => {
        if (!msg) return;
        const p: Promise<void> = handle(acks, acks.delivered(msg), o, sink).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }, { noAck: false });
      sink.log.info(`openstack: consuming queue '${o.queue}' on ${o.url.replace(/\/\/[^@]*@/, '//')} (exchanges ${o.exchanges.join(', ')})`);
      backoff = 500;
      await Promise.race([closed, stopped(signal)]);
      if (signal.aborted) {
        // Stopping: take no new deliveries, and let those in hand be stored and acked before closing (none requeued needlessly).
        await ch.cancel(consumerTag).catch(() => undefined);
        await Promise.allSettled([...inFlight]);
        acks.flush();
        acks.close();
        // Closing the channel first is an RPC answered after the channel's acks are processed; closing the connection alone can requeue them.
        await ch.close().catch(() => undefined);
      } else {
        sink.log.warn('openstack: the broker closed the connection; reconnecting');
        sink.onDisconnect?.();
      }
    } catch (err) {
      if (signal.aborted) break;
      sink.log.warn(`openstack: broker ${o.url.replace(/\/\/[^@]*@/, '//')}: ${(err as Error).message}; retrying in ${Math.round(backoff / 1000)}s`);
      sink.onDisconnect?.();
    } finally {
      await conn?.close().catch(() => undefined);
    }
    await sleep(backoff, signal);
    backoff = Math.min(30_000, backoff * 2);
  }
};

/** Declares berth's queue and binds it; an exchange that does not exist yet is declared the way oslo does (topic, not durable). */
const bindAll = async (conn: ChannelModel, ch: Channel, o: AmqpOptions, log: Logger): Promise<void> => {
  await ch.assertQueue(o.queue, { durable: true });
  for (const ex of o.exchanges) {
    // A passive check on a throwaway channel: a failed check closes the channel it ran on.
    const probe = await conn.createChannel();
    probe.on('error', () => undefined);
    const exists = await probe.checkExchange(ex).then(() => true, () => false);
    if (exists) await probe.close().catch(() => undefined);
    else {
      await ch.assertExchange(ex, 'topic', { durable: false }).catch((err: unknown) => log.warn(`openstack: cannot declare exchange '${ex}': ${(err as Error).message}`));
    }
    for (const t of o.topics) await ch.bindQueue(o.queue, ex, `${t}.*`);
  }
};

/**
 * The id a message that cannot be stored is dead-lettered under: its AMQP message-id, else a hash
 * of where it came from and what it holds (exchange, routing key, the properties its publisher set,
 * headers, body). A redelivery (the daemon stopped between storing the dead letter and acking it)
 * gets the same id, which JetStream's duplicate window drops, as it drops a notification stored
 * twice. The header a quorum queue adds and counts up on each delivery (`x-delivery-count`) is left
 * out. The price: byte-identical junk published twice with the same properties on the same exchange
 * and routing key within that window (30 minutes) is kept once. (Until 2026-11-25 the id held the
 * delivery tag and the time: a redelivery was kept twice.) Computed only for a message that is
 * dead-lettered.
 */
export const deadLetterId = (msg: Pick<ConsumeMessage, 'fields' | 'properties' | 'content'>): string => {
  const p = msg.properties;
  // An empty message-id names nothing: every such message would share one letter.
  if (p.messageId !== undefined && p.messageId !== null && String(p.messageId) !== '') return String(p.messageId);
  const headers = Object.entries((p.headers ?? {}) as Record<string, unknown>).filter(([k]) => k !== 'x-delivery-count');
  const h = createHash('sha256');
  for (const part of [msg.fields.exchange, msg.fields.routingKey, JSON.stringify(headers), JSON.stringify([p.contentType, p.contentEncoding, p.type, p.appId, p.correlationId, p.timestamp, p.userId])]) {
    h.update(String(part)).update('\0');
  }
  return `amqp-${msg.fields.exchange}-${h.update(msg.content).digest('hex').slice(0, 32)}`;
};

const handle = async (acks: AckBatcher, delivery: Delivery, o: AmqpOptions, sink: AmqpSink): Promise<void> => {
  const { msg } = delivery;
  let id: string | undefined;
  const idOf = (): string => (id ??= deadLetterId(msg));
  let body = '';
  try {
    if (msg.content.length > o.maxBodyBytes) throw new Error(`body of ${msg.content.length} bytes exceeds ${o.maxBodyBytes}`);
    body = bodyText(msg, o.maxBodyBytes);
    const d = sink.decode(body);
    if (d.ok) await sink.record(d.events);
    else await sink.deadLetter(`${msg.fields.exchange}/${msg.fields.routingKey}: ${d.reason}`, body, idOf());
    acks.settle(delivery);
  } catch (err) {
    try {
      await sink.deadLetter(`${msg.fields.exchange}/${msg.fields.routingKey}: ${(err as Error).message}`, body || msg.content.subarray(0, 65536).toString('latin1'), idOf());
      acks.settle(delivery);
    } catch {
      acks.leave(delivery);
      // JetStream is unreachable: leave the delivery unacked; the broker redelivers it after we reconnect.
      sink.log.warn(`openstack: could not store message ${idOf()}; it stays on the queue`);
    }
  }
};
