import test from 'ava';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AckedPublisher } from '../../daemon/store/acked-publish.js';
import { NATS_URL, uniquePrefix } from '../support/daemon-harness.js';

test.serial('JetStream acks each publish on the reply subscription: stored once per Nats-Msg-Id, refused without a stream, answered under a custom inbox prefix', async (t) => {
  const prefix = uniquePrefix();
  const stream = `${prefix.toUpperCase()}_ACKED`;
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true, inboxPrefix: `_I_${prefix}` });
  const jsm = await jetstreamManager(nc);
  t.teardown(async () => { await jsm.streams.delete(stream).catch(() => false); await nc.close(); });
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], storage: StorageType.Memory });
  const pub = new AckedPublisher(nc, 5000);
  t.teardown(() => pub.close());
  // Another connection sees the acks go to the connection's own inbox prefix (what its permissions allow).
  const watcher = await connect({ servers: NATS_URL });
  t.teardown(async () => watcher.close());
  let seen = 0;
  watcher.subscribe(`_I_${prefix}.>`, { callback: () => { seen += 1; } });
  await watcher.flush();

  const acks = await Promise.all(Array.from({ length: 600 }, (_, i) => pub.publish(`${prefix}.e.${i % 5}`, `{"i":${i}}`, `id-${i}`)));
  t.deepEqual(acks.map((a) => a.seq).sort((a, b) => a - b), Array.from({ length: 600 }, (_, i) => i + 1));
  t.true(acks.every((a) => a.stream === stream && !a.duplicate));
  // The same id again: a duplicate, answered with the first copy's sequence.
  const again = await pub.publish(`${prefix}.e.0`, '{"i":0,"again":true}', 'id-0');
  t.like(again, { duplicate: true, seq: acks[0]?.seq });
  t.is((await jsm.streams.info(stream)).state.messages, 600);
  await t.throwsAsync(pub.publish(`${prefix}-nostream.e`, '{}', 'id-x'), { message: /no responders/ });
  t.is(pub.pending, 0);
  await watcher.flush();
  t.true(seen >= 601, `${seen} acks seen under the inbox prefix`);
});
