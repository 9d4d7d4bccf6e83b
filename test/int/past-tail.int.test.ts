// The console's NATS client in the past (:at): the tail and an entity's history are those of then,
// read from the real stream, where the live ones hold only the newest events.
import test from 'ava';
import { LiveQueryClient } from '../../daemon/query/live-query.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { aContainerActivity, aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { eventually, NATS_URL } from '../support/daemon-harness.js';
import { freshStore } from '../support/fresh-store.js';

test.serial('modelAt gives the events up to then as its tail, and history with until the entity\'s newest events up to then', async (t0) => {
  const { prefix, appender } = await freshStore(t0);
  const ID = 'c'.repeat(64);
  const later: OpsEvent[] = Array.from({ length: 40 }, (_, i) => aContainerActivity({ containerId: ID, action: 'attach', at: t(3600 + i) }));
  for (const e of [aHostObserved({ at: t(0) }), aContainerObserved({ containerId: ID, name: 'web', at: t(1) }), ...later]) await appender.append(e);
  const client = LiveQueryClient.start({ url: NATS_URL, prefix, tailSize: 5, pollMs: 60_000 });
  t0.teardown(() => client.close());
  const then = t(60);
  const past = await eventually('the client to connect and read the past', () => client.modelAt(then).catch(() => undefined), 20_000);
  t0.deepEqual(past.tail.map((e) => e.type), ['HostObserved', 'ContainerObserved'], 'the events up to then, none after');
  t0.is(past.model.containers.get(ID)?.name, 'web');
  const history = await client.history({ kind: 'container', id: ID }, 30, undefined, then);
  t0.deepEqual(history.map((e) => e.type), ['ContainerObserved']);
  const newest = await client.history({ kind: 'container', id: ID }, 30);
  t0.is(newest.length, 30, 'without until: the newest 30');
  t0.true(newest.every((e) => e.type === 'ContainerActivity'));
  // A moment in the middle of the later ones: the tail is cut at the 5 positions up to the newest event of then.
  const mid = await client.modelAt(t(3600 + 19));
  t0.deepEqual(mid.tail.map((e) => e.at), [t(3615), t(3616), t(3617), t(3618), t(3619)]);
});
