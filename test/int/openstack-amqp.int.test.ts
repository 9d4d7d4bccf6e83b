import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { connect } from '@nats-io/transport-node';
import type { Cluster } from '../../events/cluster.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';
import { readStream } from '../../daemon/store/read.js';
import { AMQP_URL, corpusWireMessages, deleteQueue, novaVersioned, publishAll } from '../support/amqp.js';
import { berthJson, dropPrefix, eventually, NATS_URL, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { readAllEvents } from '../support/stream-reader.js';

const CONSUMING = /openstack: consuming queue/;
const daemonArgs = (queue: string) => ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue];

const deadLetters = async (prefix: string): Promise<{ reason: string; head: string }[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: { reason: string; head: string }[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_DEADLETTER`, filter: `${prefix}.dlq.>` }, (m) => { out.push(m.json()); });
  } finally {
    await nc.close();
  }
  return out;
};

test.serial('corpus notifications published in their real wire form reach the model: VMs, ports, stacks and clusters, with no token stored', async (t) => {
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await deleteQueue(queue).catch(() => undefined); await dropPrefix(prefix); });
  d = await startDaemon(prefix, daemonArgs(queue), CONSUMING);
  const wire = corpusWireMessages();
  t.true(wire.length >= 13);
  await publishAll(wire);
  // Poison: not JSON, an unknown oslo major version; and one valid message gzipped as oslo's compression header says.
  await publishAll([{ exchange: 'nova', routingKey: 'notifications.info', body: '{not json', headers: {} }]);
  await publishAll([{ exchange: 'nova', routingKey: 'notifications.info', body: JSON.stringify({ 'oslo.version': '3.0', 'oslo.message': '{}' }), headers: {} }]);
  const zipped = novaVersioned({ messageId: randomUUID(), uuid: randomUUID(), name: `${prefix}-gz`, state: 'active', action: 'create', timestamp: '2026-11-23 10:00:00.000001' });
  await publishAll([{ exchange: 'nova', routingKey: 'versioned_notifications.info', body: '', headers: { compression: 'gzip' } }], { raw: gzipSync(zipped) });

  const vms = await eventually('VMs', async () => {
    const v = await berthJson<Vm[]>(prefix, ['vms']);
    return v.some((x) => x.vmId === '178b0921-8f85-4257-88b6-2e743b5a975c') && v.some((x) => x.name === `${prefix}-gz`) ? v : undefined;
  });
  const vm = vms.find((x) => x.vmId === '178b0921-8f85-4257-88b6-2e743b5a975c');
  t.is(vm?.host, 'compute');
  const ports = await berthJson<Port[]>(prefix, ['ports']);
  t.true(ports.some((p) => p.id === '9cdfeb92-9391-4da7-95a1-ca214831cfdb' && p.kind === 'neutron'));
  const stacks = await berthJson<Stack[]>(prefix, ['stacks']);
  t.true(stacks.length >= 1);
  const clusters = await berthJson<Cluster[]>(prefix, ['clusters']);
  t.true(clusters.some((c) => c.kind === 'magnum'));

  const dlq = await eventually('dead letters', async () => { const l = await deadLetters(prefix); return l.length >= 2 ? l : undefined; });
  t.true(dlq.some((l) => /not JSON|JSON/i.test(l.reason)), JSON.stringify(dlq.map((l) => l.reason)));
  t.true(dlq.some((l) => /version/i.test(l.reason)), JSON.stringify(dlq.map((l) => l.reason)));
  const events = await readAllEvents(prefix);
  const all = JSON.stringify(events) + JSON.stringify(dlq);
  t.false(all.includes('gAAAA-secret-token-value'), 'no token reaches the stream');
  for (const m of wire) {
    for (const tok of m.body.matchAll(/_context_auth_token\\?":\s*\\?"([^"\\]{8,})/g)) t.false(all.includes(tok[1] as string), `token from ${m.file} was stored`);
  }
});

test.serial('a daemon killed with -9 mid-burst of 10,000 notifications stores every one exactly once after a restart', async (t) => {
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await deleteQueue(queue).catch(() => undefined); await dropPrefix(prefix); });
  d = await startDaemon(prefix, ['--quiet', ...daemonArgs(queue)], CONSUMING);
  const ids = Array.from({ length: 10_000 }, () => randomUUID());
  const msgs = ids.map((id, i) => ({
    exchange: 'nova', routingKey: 'versioned_notifications.info', headers: {},
    body: novaVersioned({ messageId: id, uuid: randomUUID(), name: `${prefix}-${i}`, state: 'active', action: 'create', timestamp: `2026-11-23 10:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}` }),
  }));
  const publishing = publishAll(msgs);
  await eventually('some stored', async () => (await berthJson<{ length: number }>(prefix, ['vms', '-c', 'id'])).length >= 1000, 120_000);
  await d.kill9();
  await publishing;
  d = await startDaemon(prefix, ['--quiet', ...daemonArgs(queue)], CONSUMING);
  // The lab's own services may publish meanwhile: judge only the messages this test sent.
  const want = new Set(ids.map((id) => `os-${id}`));
  const stored = await eventually('all 10,000 stored', async () => {
    const mine = (await readAllEvents(prefix)).map((e) => e.id).filter((id) => want.has(id));
    return mine.length >= 10_000 ? mine : undefined;
  }, 240_000);
  t.is(new Set(stored).size, stored.length, 'none stored twice');
  t.is(stored.length, 10_000);
  const vms = await berthJson<Vm[]>(prefix, ['vms', '--name', `^${prefix}-`]);
  t.is(vms.length, 10_000);
});

test.serial('RabbitMQ stopped mid-stream and started again: the daemon reconnects, binds again, and loses nothing', async (t) => {
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); await deleteQueue(queue).catch(() => undefined); await dropPrefix(prefix); });
  d = await startDaemon(prefix, ['--quiet', ...daemonArgs(queue)], CONSUMING);
  const batch = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({
    exchange: 'nova', routingKey: 'versioned_notifications.info', headers: {},
    body: novaVersioned({ messageId: randomUUID(), uuid: randomUUID(), name: `${prefix}-${from + k}`, state: 'active', action: 'create', timestamp: '2026-11-23 11:00:00.000001' }),
  }));
  await publishAll(batch(0, 300));
  await rabbitmqctl('stop_app');
  await eventually('the daemon to notice', async () => /broker|retrying|reconnecting/.test(d?.err() ?? ''), 60_000);
  await rabbitmqctl('start_app');
  // A broker restart drops transient exchanges and their bindings: the daemon must declare and bind again.
  await eventually('the daemon to consume again', async () => (d?.err().match(/openstack: consuming queue/g) ?? []).length >= 2, 90_000);
  await publishAll(batch(300, 300));
  const vms = await eventually('all 600', async () => {
    const v = await berthJson<Vm[]>(prefix, ['vms', '--name', `^${prefix}-`]);
    return v.length === 600 ? v : undefined;
  }, 120_000);
  t.is(new Set(vms.map((v) => v.name)).size, 600);
});

const rabbitmqctl = async (cmd: string): Promise<void> => {
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => execFile('rabbitmqctl', [cmd], (err) => (err ? reject(err) : resolve())));
};
