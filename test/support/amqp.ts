import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'amqplib';
import type { ChannelModel } from 'amqplib';
import type { ExecutionContext } from 'ava';
import { dropPrefix, ROOT, startDaemon, uniquePrefix } from './daemon-harness.js';
import type { DaemonProc } from './daemon-harness.js';

export const AMQP_URL = process.env['BERTH_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
export const OS_CORPUS = join(ROOT, '..', 'shared', 'corpus', 'openstack');

/** One message as oslo.messaging put it on the wire (from the corpus' `*.amqp.json` captures). */
export type WireMessage = { exchange: string; routingKey: string; body: string; headers: Record<string, unknown>; file: string };

/** Every `<project>/generated/<name>.amqp.json` capture of the corpus, in their real exchange/routing key/body form. */
export const corpusWireMessages = (): WireMessage[] => {
  const out: WireMessage[] = [];
  for (const dir of readdirSync(OS_CORPUS)) {
    const gen = join(OS_CORPUS, dir, 'generated');
    if (!existsSync(gen)) continue;
    const files = readdirSync(gen).filter((f) => f.endsWith('.amqp.json'));
    for (const f of files) {
      const capture = JSON.parse(readFileSync(join(gen, f), 'utf8')) as { messages: { body: string; headers: Record<string, unknown>; delivery_info: { exchange: string; routing_key: string } }[] };
      for (const m of capture.messages) out.push({ exchange: m.delivery_info.exchange, routingKey: m.delivery_info.routing_key, body: m.body, headers: m.headers, file: `${dir}/generated/${f}` });
    }
  }
  return out;
};

/** Publishes messages the way oslo.messaging does: topic exchange (transient, as oslo declares it), persistent JSON. */
export const publishAll = async (messages: readonly Pick<WireMessage, 'exchange' | 'routingKey' | 'body' | 'headers'>[], extra: Readonly<{ contentEncoding?: string; raw?: Buffer }> = {}): Promise<void> => {
  const conn: ChannelModel = await connect(AMQP_URL);
  try {
    const ch = await conn.createConfirmChannel();
    const seen = new Set<string>();
    for (const m of messages) {
      if (!seen.has(m.exchange)) {
        seen.add(m.exchange);
        await ch.assertExchange(m.exchange, 'topic', { durable: false });
      }
      ch.publish(m.exchange, m.routingKey, extra.raw ?? Buffer.from(m.body), {
        contentType: 'application/json', contentEncoding: extra.contentEncoding ?? 'utf-8', deliveryMode: 2, headers: m.headers,
      });
    }
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
};

/** Deletes a test queue. */
export const deleteQueue = async (queue: string): Promise<void> => {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    await ch.deleteQueue(queue);
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/** An oslo 2.0 envelope around a Nova versioned `instance.<action>.end` for `uuid`, with a fresh message id. */
export const novaVersioned = (opts: Readonly<{ messageId: string; uuid: string; name: string; state: string; action: string; timestamp: string; host?: string }>): string => {
  const data = {
    uuid: opts.uuid, display_name: opts.name, host: opts.host ?? 'compute-1', node: opts.host ?? 'compute-1', state: opts.state, power_state: 'running',
    task_state: null, tenant_id: 'p1', user_id: 'u1', availability_zone: 'nova', flavor: { 'nova_object.data': { name: 'm1.tiny' } }, ip_addresses: [],
  };
  const inner = {
    message_id: opts.messageId, publisher_id: `nova-compute:${opts.host ?? 'compute-1'}`, event_type: `instance.${opts.action}.end`, priority: 'INFO',
    payload: { 'nova_object.name': 'InstanceActionPayload', 'nova_object.namespace': 'nova', 'nova_object.version': '1.8', 'nova_object.data': data },
    timestamp: opts.timestamp, _unique_id: opts.messageId.replace(/-/g, ''), _context_auth_token: 'gAAAA-secret-token-value',
  };
  return JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) });
};

/** Removes a test's queue and exchange (the exchange is declared transient, as oslo does, but not auto-deleted). */
export const dropAmqp = async (queue: string, exchange: string): Promise<void> => {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    await ch.deleteQueue(queue);
    await ch.deleteExchange(exchange);
  } finally {
    await conn.close().catch(() => undefined);
  }
};

/**
 * A daemon of a test's own following only RabbitMQ (no Docker), on a prefix, queue and exchange of
 * its own, all removed after the test; resolves once it consumes.
 */
export const amqpDaemon = async (t: ExecutionContext): Promise<{ prefix: string; exchange: string; daemon: DaemonProc }> => {
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await dropAmqp(queue, exchange).catch(() => undefined); await dropPrefix(prefix); });
  d = await startDaemon(prefix, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange], /openstack: consuming queue/);
  return { prefix, exchange, daemon: d };
};
