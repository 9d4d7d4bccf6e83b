// Time travel (:at) shows the events and an entity's history as they were then, read from the log,
// not the live tail and live history filtered by time (empty once the moment is older than them).
import test from 'ava';
import type { OpsEvent } from '../../events/ops-event.js';
import { aContainerActivity, aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

const ID = 'b'.repeat(64);
/** A container seen at t(1), then 40 events about it an hour later: more than the live tail (5) and the detail's history (30) hold. */
const busyLater = (): FakeQueryClient => {
  const client = new FakeQueryClient({ tailSize: 5 });
  const later: OpsEvent[] = Array.from({ length: 40 }, (_, i) => aContainerActivity({ containerId: ID, action: 'attach', at: t(3600 + i) }));
  client.push(aHostObserved({ at: t(0) }), aContainerObserved({ containerId: ID, name: 'web', at: t(1) }), ...later);
  return client;
};
const THEN = `${t(60).slice(0, 19)}Z`;

test(':at a moment older than the live tail shows the events of then in the events view', async (t0) => {
  const client = busyLater();
  const c = await renderConsole(client, { size: { columns: 120, rows: 30 }, now: () => Date.parse(t(4000).slice(0, 23) + 'Z') });
  let f = await c.burst(':events\r');
  t0.regex(f, /events 5\/5/, 'live: the tail holds the newest 5');
  t0.notRegex(f, /ContainerObserved/);
  await c.burst(`:at ${THEN}\r`);
  f = await c.until(/⏪[\s\S]*events 2\/2|events 2\/2[\s\S]*⏪/);
  t0.regex(f, /⏪/);
  t0.regex(f, /ContainerObserved\s+container\s+bbbbbbbbbbbb/);
  t0.regex(f, /HostObserved/);
  t0.notRegex(f, /ContainerActivity/, 'nothing after the moment');
  c.unmount();
});

test(':at then Enter shows the entity\'s history up to then, though its 30 newest events are all later', async (t0) => {
  const client = busyLater();
  const c = await renderConsole(client, { size: { columns: 120, rows: 40 }, now: () => Date.parse(t(4000).slice(0, 23) + 'Z') });
  await c.burst(`:at ${THEN}\r`);
  await c.until(/⏪/);
  await c.press(KEY.enter);
  const history = await c.until(/Recent history[\s\S]*ContainerObserved\s+container web/);
  t0.regex(history, /Recent history[\s\S]*ContainerObserved\s+container web/, 'the observation of then is in its history');
  t0.notRegex(history, /ContainerActivity/, 'nothing after the moment');
  t0.regex(history, /container 'web'/);
  c.unmount();
});
