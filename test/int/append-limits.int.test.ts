import test from 'ava';
import { connect } from '@nats-io/transport-node';
import { createLogger } from '../../daemon/log.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { aContainerDied } from '../support/builders.js';
import { dropPrefix, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';
import { readDeadLetters } from '../support/int-docker.js';
import { readAllEvents } from '../support/stream-reader.js';

test.serial('an entity id too long for a NATS subject is dead-lettered with the reason, an id with CR/LF is stored, and the connection and the appends after them go on', async (t) => {
  const prefix = uniquePrefix();
  const nc = await connect({ servers: NATS_URL });
  t.teardown(async () => { await nc.close(); await dropPrefix(prefix); });
  const names = storeNames(prefix);
  await ensureStore(nc, names);
  const appender = new Appender(nc, names, createLogger({ quiet: true }));
  let disconnects = 0;
  void (async () => { for await (const s of nc.status()) if (s.type === 'disconnect') disconnects += 1; })();

  // A 5,000-character container id: its subject would pass nats-server's 4 KiB control line, which drops the connection.
  const long = aContainerDied({ containerId: 'x'.repeat(5000), id: 'dk-long' });
  const crlf = aContainerDied({ containerId: 'c-crlf', id: 'os-evil\r\nNats-Expected-Stream: OTHER' });
  const after = aContainerDied({ containerId: 'c-after', id: 'dk-after' });
  const results = await Promise.all([appender.append(long), appender.append(crlf), appender.append(after)]);
  t.like(results[0], { deadLettered: true });
  t.like(results[1], { deadLettered: false, duplicate: false });
  t.like(results[2], { deadLettered: false, duplicate: false });
  // The same CR/LF id again is a duplicate: the escaped Nats-Msg-Id is as stable as the id.
  t.like(await appender.append(crlf), { duplicate: true });

  const stored = await readAllEvents(prefix);
  t.deepEqual(stored.map((e) => e.id), ['os-evil\r\nNats-Expected-Stream: OTHER', 'dk-after']);
  const letters = await readDeadLetters(prefix);
  t.is(letters.length, 1);
  t.regex(letters[0]?.reason ?? '', /subject of \d+ bytes \(the container id\) exceeds the 2048-byte subject limit/);
  t.is(letters[0]?.bytes, Buffer.byteLength(JSON.stringify(long)), 'the letter gives the whole record\'s size, not its head\'s');
  t.is(disconnects, 0, 'the connection was never dropped');
  // The dead-letter count (berth_dead_lettered_total) counts letters kept: input read again (an
  // AMQP redelivery, an engine read again since a time) is dropped as a duplicate, and not counted.
  t.is(appender.deadLettered, 1);
  await appender.append(long);
  await appender.rejectInput('openstack', 'not JSON', '{junk', 'amqp-x-1');
  await appender.rejectInput('openstack', 'not JSON', '{junk', 'amqp-x-1');
  t.is((await readDeadLetters(prefix)).length, 2);
  t.is(appender.deadLettered, 2);
});
