// A message that cannot be stored and has no AMQP message-id (oslo puts its id in the body) is
// dead-lettered under a hash of what it is (daemon/sources/openstack/subscribe.ts, deadLetterId):
// the same message delivered again is kept once, any other message is kept too.
import test from 'ava';
import { amqpDaemon, publishAll } from '../support/amqp.js';
import { eventually } from '../support/daemon-harness.js';
import { readDeadLetters as deadLetters } from '../support/int-docker.js';

test.serial('the same junk delivered twice is one dead letter; other junk is another', async (t) => {
  const { prefix, exchange } = await amqpDaemon(t);
  const junk = { exchange, routingKey: 'notifications.info', body: `{not json ${prefix}`, headers: {} };
  const last = { ...junk, body: `{last ${prefix}` };
  await publishAll([junk, junk, { ...junk, body: `{also not json ${prefix}` }, { ...junk, routingKey: 'notifications.error' }, last]);
  // The daemon takes deliveries in order and writes each letter as it reads the message (one NATS
  // connection, in order): once the last one's letter is there, every earlier one was written or dropped as a duplicate.
  await eventually('the last dead letter', async () => ((await deadLetters(prefix)).some((l) => l.head === last.body) ? true : undefined));
  const after = await deadLetters(prefix);
  t.is(after.length, 4, JSON.stringify(after.map((l) => [l.id, l.head.slice(0, 30)])));
  t.is(new Set(after.map((l) => l.id)).size, 4);
  t.true(after.every((l) => /^os-bad-amqp-berth-test-.*-[0-9a-f]{32}$/.test(l.id)), after.map((l) => l.id).join(' '));
  // The same body on another routing key is another message.
  t.is(after.filter((l) => l.head === junk.body && l.reason.startsWith(`${exchange}/notifications.info:`)).length, 1, 'the same junk is kept once');
  t.is(after.filter((l) => l.head === junk.body && l.reason.startsWith(`${exchange}/notifications.error:`)).length, 1);
});
