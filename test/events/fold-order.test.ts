import test from 'ava';
import { fold } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { translateOpenStack } from '../../events/translate/openstack/index.js';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import {
  aContainerCreated, aContainerDied, aContainerHealthChanged, aContainerKilled, aContainerNetworkConnected, aContainerNetworkDisconnected,
  aContainerObserved, aContainerRenamed, aContainerStarted, aContainerStopped, aPublishedPort, t,
} from '../support/builders.js';
import { seeded, shuffled } from '../support/lifecycles.js';

// The fold must give one model for one set of events, whatever order they arrive in: OpenStack
// has no sequence numbers, and engines, brokers and resubscriptions reorder and repeat.

/** Every entity as JSON without `seq` (a stream position, which differs from one delivery to another). */
const model = (inv: Inventory): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [name, map] of Object.entries({ hosts: inv.hosts, containers: inv.containers, ports: inv.ports, vms: inv.vms })) {
    for (const [id, v] of [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const rest: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      delete rest['seq'];
      out[`${name} ${id}`] = rest;
    }
  }
  return { ...out, tombstones: [...inv.tombstones].sort() };
};

const novaAt = (uuid: string, host: string, timestamp: string, action: string, state: string): OpsEvent[] => {
  const inner = {
    message_id: `m-${uuid}-${timestamp}`, publisher_id: `nova-compute:${host}`, event_type: `instance.${action}`, priority: 'INFO', timestamp,
    payload: { 'nova_object.data': { uuid, display_name: `vm-${uuid}`, host, state, power_state: 'running', task_state: null } },
  };
  const d = decodeOslo(JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }));
  if (!d.ok) throw new Error(d.reason);
  return translateOpenStack(d.message, '2026-11-23T12:00:00.000000000Z');
};

test('a compute host first heard of through a late notification is first seen at the earliest notification, as in time order', (t_) => {
  const early = novaAt('a', 'compute-1', '2026-11-23 10:00:01.000001', 'create.end', 'active');
  const late = novaAt('b', 'compute-1', '2026-11-23 10:00:09.000009', 'create.end', 'active');
  const host = fold([...late, ...early]).hosts.get('compute-1');
  t_.deepEqual(host, fold([...early, ...late]).hosts.get('compute-1'));
  t_.is(host?.openstack?.firstSeenAt, '2026-11-23T10:00:01.000001000Z');
  t_.is(host?.updatedAt, '2026-11-23T10:00:01.000001000Z');
});

test('a start that arrives after a newer death still gives the container its start time', (t_) => {
  const start = aContainerStarted({ at: t(2) });
  const died = aContainerDied({ exitCode: 137, at: t(5) });
  const listed = aContainerObserved({ startedAt: t(0), at: t(1) });
  const late = fold([listed, died, start]).containers.get('c1');
  t_.like(late, { state: 'exited', exitCode: 137, startedAt: t(2), finishedAt: t(5) });
  t_.deepEqual(late, fold([listed, start, died]).containers.get('c1'));
});

test('a signal, a health check and a name an older event told are kept when newer events arrive first', (t_) => {
  const history = [aContainerCreated({ name: 'web', at: t(0) }), aContainerKilled({ signal: 15, at: t(1) }), aContainerHealthChanged({ health: 'healthy', at: t(1.5) }), aContainerRenamed({ name: 'web-2', at: t(2) }), aContainerDied({ exitCode: 0, at: t(3) })];
  const inOrder = fold(history).containers.get('c1');
  t_.like(inOrder, { lastSignal: 15, name: 'web-2', health: null, state: 'exited' });
  t_.deepEqual(fold([...history].reverse()).containers.get('c1'), inOrder);
});

test('an inspect at the time of the event it followed wins over that event, in either order', (t_) => {
  const start = aContainerStarted({ at: t(2) });
  const inspect = aContainerObserved({ startedAt: '2026-11-23T10:00:01.999999000Z', ports: [aPublishedPort()], at: t(2) });
  const a = fold([start, inspect]);
  t_.is(a.containers.get('c1')?.startedAt, '2026-11-23T10:00:01.999999000Z');
  t_.deepEqual(model(fold([inspect, start])), model(a));
});

const lifecycle = (): OpsEvent[] => {
  const net = { networkId: 'n-app', networkName: 'app' };
  const snap = (at: number, o: Parameters<typeof aContainerObserved>[0] = {}) => aContainerObserved({ name: 'web', startedAt: t(at - 0.001), networks: [{ name: 'bridge', networkId: 'n-bridge', ip: '172.17.0.2' }], ports: [aPublishedPort()], at: t(at), ...o });
  return [
    aContainerCreated({ name: 'web', at: t(0) }), snap(0.5, { state: 'created', ports: [] }), aContainerStarted({ at: t(1) }), snap(1),
    aContainerHealthChanged({ health: 'healthy', at: t(2) }), aContainerKilled({ signal: 15, at: t(3) }), aContainerDied({ exitCode: 143, at: t(3.1) }),
    aContainerStopped({ at: t(3.2) }), aContainerStarted({ at: t(4) }), snap(4), aContainerNetworkConnected({ ...net, at: t(5) }),
    snap(5, { startedAt: t(3.999), networks: [{ name: 'app', networkId: 'n-app', ip: '10.1.0.2' }, { name: 'bridge', networkId: 'n-bridge', ip: '172.17.0.2' }] }),
    aContainerRenamed({ name: 'web-2', at: t(6) }), aContainerNetworkDisconnected({ ...net, at: t(7) }), aContainerKilled({ signal: 9, at: t(8) }),
    aContainerDied({ exitCode: 137, at: t(8.1) }),
  ];
};

test('a container lifecycle folds to the same model in 200 shuffled orders as in time order', (t_) => {
  const events = lifecycle();
  const inOrder = model(fold(events));
  const next = seeded(7);
  for (let i = 0; i < 200; i++) t_.deepEqual(model(fold(shuffled(events, next))), inOrder, `shuffle ${i}`);
  t_.like(inOrder['containers c1'], { name: 'web-2', state: 'exited', exitCode: 137, lastSignal: 9, startedAt: t(3.999), finishedAt: t(8.1), ports: [] });
  t_.deepEqual((inOrder['containers c1'] as { networks: unknown }).networks, [{ name: 'bridge', networkId: 'n-bridge', ip: '172.17.0.2' }]);
});

test('a container lifecycle folded twice over, in any order, is the same as once', (t_) => {
  const events = lifecycle();
  const next = seeded(11);
  t_.deepEqual(model(fold(shuffled([...events, ...events], next))), model(fold(events)));
});
