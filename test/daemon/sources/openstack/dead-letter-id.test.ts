// The id of a message dead-lettered without an AMQP message-id: the same for a redelivery of the
// same message (JetStream's duplicate window then keeps one letter), different for any other message.
import test from 'ava';
import type { ConsumeMessage } from 'amqplib';
import { deadLetterId } from '../../../../daemon/sources/openstack/subscribe.js';

type Parts = { exchange?: string; routingKey?: string; body?: string; headers?: Record<string, unknown>; messageId?: string; deliveryTag?: number; redelivered?: boolean; contentEncoding?: string; appId?: string };
const msg = (p: Parts = {}): ConsumeMessage => ({
  fields: { exchange: p.exchange ?? 'nova', routingKey: p.routingKey ?? 'notifications.info', deliveryTag: p.deliveryTag ?? 1, redelivered: p.redelivered ?? false, consumerTag: 'c' },
  properties: { headers: p.headers ?? {}, messageId: p.messageId, contentEncoding: p.contentEncoding, appId: p.appId },
  content: Buffer.from(p.body ?? '{not json'),
}) as unknown as ConsumeMessage;

test('a redelivery (another delivery tag, on another channel, later) gets the id of its first delivery', (t) => {
  const first = deadLetterId(msg({ deliveryTag: 7, headers: { compression: 'none' } }));
  t.is(deadLetterId(msg({ deliveryTag: 1, redelivered: true, headers: { compression: 'none' } })), first);
  // A quorum queue counts deliveries in a header of its own: not part of the message.
  t.is(deadLetterId(msg({ deliveryTag: 2, redelivered: true, headers: { compression: 'none', 'x-delivery-count': 1 } })), first);
  t.is(deadLetterId(msg({ deliveryTag: 3, redelivered: true, headers: { compression: 'none', 'x-delivery-count': 2 } })), first);
  t.regex(first, /^amqp-nova-[0-9a-f]{32}$/);
});

test('another body, routing key, exchange, header, encoding or publisher property is another message', (t) => {
  const ids = [
    msg(), msg({ body: '{not json!' }), msg({ routingKey: 'notifications.error' }), msg({ exchange: 'neutron' }),
    msg({ headers: { compression: 'gzip' } }), msg({ contentEncoding: 'gzip' }), msg({ appId: 'nova-compute' }),
  ].map(deadLetterId);
  t.is(new Set(ids).size, ids.length, ids.join(' '));
});

test('an AMQP message-id is the id as it is; an empty one is none', (t) => {
  t.is(deadLetterId(msg({ messageId: 'm-1' })), 'm-1');
  t.is(deadLetterId(msg({ messageId: 'm-1', body: 'other' })), 'm-1');
  t.not(deadLetterId(msg({ messageId: '', body: 'a' })), deadLetterId(msg({ messageId: '', body: 'b' })));
  t.is(deadLetterId(msg({ messageId: '', body: 'a' })), deadLetterId(msg({ body: 'a' })));
});
