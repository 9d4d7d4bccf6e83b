import test from 'ava';
import { resyncEvents } from '../../../daemon/sources/docker/resync.js';
import { reconcileEvents } from '../../../daemon/sources/openstack-api/reconcile-events.js';
import type { ApiSeen } from '../../../daemon/sources/openstack-api/reconcile.js';
import { fold } from '../../../events/inventory.js';
import type { Inventory } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { openStackHostOf, servicesSummary } from '../../../events/queries.js';
import { traceOf } from '../../../events/trace.js';
import { zunContainerFacts } from '../../../events/translate/openstack-api/zun.js';
import { aContainerObserved, aDockerEngineInfo, aHostObserved, aNetworkCreated, t as at } from '../../support/builders.js';
import { corpusEntry, translateBody } from '../../support/openstack-corpus.js';
import { zunContainerJson } from '../../support/fake-zun.js';
import { labRaw, seenOf, VM } from '../../daemon/openstack/lab-seen.js';

const ZUN = '5b0d1a8e-5a1f-4a55-9c1e-0f6f2a1c2b3d';
const ZUN_PORT = '9c6f1d1e-1111-4222-8333-444455556666';
const stamp = (s: number, origin: 'snapshot' | 'reconcile' = 'reconcile') => ({ cloud: 'lab', at: at(s), origin });

const zunSeen = (status = 'Running', present = true): ApiSeen => ({
  servers: null, ports: null, networks: null, stacks: null, clusters: null, hosts: null,
  zunContainers: {
    projectOnly: null,
    items: present ? [{ facts: zunContainerFacts(zunContainerJson('http://zun', { uuid: ZUN, name: 'web-z', host: 'compute-1', status, addresses: { 'net-1': [{ addr: '10.0.0.9', port: ZUN_PORT }] } })), raw: {} }] : [],
  },
});

/** A Docker engine `node1` on the machine whose hostname is compute-1, running Zun's container and a Kolla nova_compute. */
const world = (...more: OpsEvent[]): Inventory => fold([
  aHostObserved({ hostId: 'node1', docker: aDockerEngineInfo({ name: 'compute-1' }), at: at(0) }),
  aContainerObserved({ host: 'node1', containerId: 'd'.repeat(64), name: `zun-${ZUN}`, at: at(1) }),
  aContainerObserved({ host: 'node1', containerId: 'k'.repeat(64), name: 'nova_compute', at: at(1) }),
  ...more,
]);

test('a Zun container is a container of its own, on its compute host, linked to its Docker twin zun-<uuid> both ways', (t) => {
  const events = reconcileEvents(world(), stamp(10, 'snapshot'), zunSeen());
  t.deepEqual(events.map((e) => e.type), ['ZunContainerObserved']);
  const inv = world(...events);
  t.like(inv.containers.get(ZUN), { name: 'web-z', host: 'compute-1', state: 'running', zun: { status: 'Running', host: 'compute-1' } });
  t.deepEqual(traceOf(inv, 'container', ZUN).map((l) => [l.relation, l.kind, l.id]), [
    ['runs on', 'host', 'compute-1'],
    ['runs as Docker container', 'container', 'd'.repeat(64)],
    ['has Neutron port (Zun)', 'port', ZUN_PORT],
  ]);
  t.true(traceOf(inv, 'container', 'd'.repeat(64)).some((l) => l.relation === 'is Zun container' && l.id === ZUN));
});

test('a Zun container stopped, then deleted, behind berth\'s back drifts, then vanishes', (t) => {
  let inv = world(...reconcileEvents(world(), stamp(10, 'snapshot'), zunSeen()));
  const stopped = reconcileEvents(inv, stamp(20), zunSeen('Stopped'));
  t.deepEqual(stopped.map((e) => e.type), ['ZunContainerDrifted']);
  inv = fold(stopped, inv);
  t.is(inv.containers.get(ZUN)?.state, 'exited');
  const gone = reconcileEvents(inv, stamp(30), zunSeen('Stopped', false));
  t.like(gone[0], { type: 'OpenStackEntityVanished', data: { entity: 'container', id: ZUN, reason: 'not listed by the Zun API on reconcile' } });
  t.false(fold(gone, inv).containers.has(ZUN));
});

test('the Docker engine\'s resync does not judge Zun containers; the APIs never delete a Docker container', (t) => {
  const inv = world(...reconcileEvents(world(), stamp(10), zunSeen()));
  const resync = resyncEvents(inv, { host: 'compute-1', at: at(50), observedAt: at(50) }, { containers: [], networks: [], cluster: null });
  t.false(resync.some((e) => e.subject.id === ZUN));
  const bogus: OpsEvent = { ...reconcileEvents(inv, stamp(60), zunSeen('Running', false))[0]!, id: 'x', data: { entity: 'container', id: 'd'.repeat(64), name: '', reason: 'test', origin: 'reconcile' } } as OpsEvent;
  t.true(fold([bogus], inv).containers.has('d'.repeat(64)));
});

test('the Docker engine\'s resync does not judge Neutron networks whose neutron-server has the engine\'s host name (Kolla); its own networks it does', (t) => {
  const entry = corpusEntry('neutron/searchlight/networks__network.create.end.json');
  if (entry.kind !== 'bodies') throw new Error(entry.why);
  const body = JSON.parse(entry.bodies[0] as string) as Record<string, unknown>;
  body['publisher_id'] = 'network.compute-1';
  const created = translateBody(JSON.stringify(body)).map((e, i) => ({ ...e, seq: 10 + i }));
  const neutronId = created.find((e) => e.type === 'NetworkObserved' || e.type === 'NetworkCreated')?.subject.id ?? '';
  const inv = world(...created, aNetworkCreated({ host: 'compute-1', networkId: 'n'.repeat(64), name: 'kolla_net', at: at(2), seq: 20 }));
  t.like(inv.networks.get(neutronId), { host: 'compute-1', driver: 'neutron' });
  const resync = resyncEvents(inv, { host: 'compute-1', at: at(50), observedAt: at(50) }, { containers: [], networks: [], cluster: null });
  t.deepEqual(resync.filter((e) => e.type === 'NetworkVanished').map((e) => e.subject.id), ['n'.repeat(64)]);
  const after = fold(resync, inv);
  t.true(after.networks.has(neutronId));
  t.false(after.networks.has('n'.repeat(64)));
});

test('a Kolla nova_compute container shows the health of its host\'s nova-compute, through the engine\'s hostname', (t) => {
  const raw = labRaw();
  for (const s of raw.services) s['host'] = 'compute-1';
  for (const h of raw.hypervisors) (h['service'] as Record<string, unknown>)['host'] = 'compute-1';
  raw.agents = [];
  Object.assign(raw.services.find((s) => s['binary'] === 'nova-compute') as object, { state: 'down' });
  const seen: ApiSeen = { ...seenOf(raw), servers: null, ports: null, networks: null, stacks: null, clusters: null };
  const inv = world(...reconcileEvents(world(), stamp(10), seen));
  t.is(openStackHostOf(inv, 'node1')?.id, 'compute-1');
  t.is(servicesSummary(openStackHostOf(inv, 'node1')), 'down: nova-compute');
  t.deepEqual(traceOf(inv, 'container', 'k'.repeat(64)).filter((l) => l.relation === 'service health'),
    [{ relation: 'service health', kind: 'service', id: 'nova-compute@compute-1', name: 'nova-compute on compute-1', state: 'down, enabled' }]);
  const host = traceOf(inv, 'host', 'compute-1');
  t.true(host.some((l) => l.relation === 'runs service (Kolla nova_compute)' && l.state === 'down, enabled'));
  t.true(host.some((l) => l.relation === 'is hypervisor' && l.name === 'stacklab (fake)'));
  t.deepEqual(traceOf(inv, 'host', 'node1').filter((l) => l.kind === 'service').map((l) => l.id), ['nova-compute@compute-1', 'nova-conductor@compute-1', 'nova-scheduler@compute-1']);
});

test('a nova-docker server is a container-backed VM, linked to its Docker container nova-<uuid>', (t) => {
  const raw = labRaw();
  for (const h of raw.hypervisors) h['hypervisor_type'] = 'docker';
  const seen: ApiSeen = { ...seenOf(raw), ports: null, networks: null, stacks: null, clusters: null, hosts: null };
  const inv = world(aContainerObserved({ host: 'node1', containerId: 'n'.repeat(64), name: `nova-${VM}`, at: at(1) }), ...reconcileEvents(world(), stamp(10), seen));
  t.true(inv.vms.get(VM)?.api?.containerBacked);
  t.deepEqual(traceOf(inv, 'vm', VM).filter((l) => l.kind === 'container'), [{ relation: 'is backed by Docker container', kind: 'container', id: 'n'.repeat(64), name: `nova-${VM}`, state: 'running' }]);
  t.true(traceOf(inv, 'container', 'n'.repeat(64)).some((l) => l.relation === 'is nova-docker VM' && l.id === VM));
});

test('services summaries: all up, down and disabled', (t) => {
  const raw = labRaw();
  const inv = fold(reconcileEvents(fold([]), stamp(1), seenOf(raw)));
  t.is(servicesSummary(inv.hosts.get('stacklab')), '4 up');
  Object.assign(raw.agents[0] as object, { admin_state_up: false });
  Object.assign(raw.services.find((s) => s['binary'] === 'nova-scheduler') as object, { state: 'down' });
  const next = fold(reconcileEvents(inv, stamp(2), seenOf(raw)), inv);
  t.is(servicesSummary(next.hosts.get('stacklab')), 'down: nova-scheduler; disabled: neutron-openvswitch-agent');
  t.is(servicesSummary(undefined), '');
});
