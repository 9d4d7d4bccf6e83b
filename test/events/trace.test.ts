import test from 'ava';
import { fold } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { traceOf } from '../../events/trace.js';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../events/translate/openstack/index.js';
import { novaVersioned } from '../support/amqp.js';
import { aClusterNode, aClusterObserved, aContainerObserved, aDockerEngineInfo, aHostObserved } from '../support/builders.js';

const os = (body: string): OpsEvent[] => {
  const d = decodeOslo(body);
  if (!d.ok) throw new Error(d.reason);
  return translateOpenStack(d.message, '2026-11-23T10:00:01.000000000Z');
};

const neutronPort = (portId: string, deviceId: string, deviceOwner: string): string => JSON.stringify({
  'oslo.version': '2.0',
  'oslo.message': JSON.stringify({
    message_id: `m-${portId}`, publisher_id: 'network.node-1', event_type: 'port.create.end', priority: 'INFO', timestamp: '2026-11-23 10:00:00.5',
    payload: { port: { id: portId, name: '', network_id: 'n1', tenant_id: 'p1', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.0.5' }], device_id: deviceId, device_owner: deviceOwner, 'binding:host_id': 'node-1', status: 'ACTIVE', admin_state_up: true } },
  }),
});

const CID = 'c'.repeat(64);
const inv = fold([
  aHostObserved({ hostId: 'node-1' }),
  aContainerObserved({ host: 'node-1', containerId: CID, name: 'nova_compute', state: 'running' }),
  ...os(novaVersioned({ messageId: 'm-vm', uuid: 'vm-1', name: 'web-1', state: 'active', action: 'create', timestamp: '2026-11-23 10:00:00.1', host: 'node-1' })),
  ...os(neutronPort('port-vm', 'vm-1', 'compute:nova')),
  ...os(neutronPort('port-kuryr', CID, 'compute:kuryr')),
]);

test('a Kolla container traces to its host, the OpenStack service it is, and its Kuryr port', (t) => {
  const links = traceOf(inv, 'container', CID);
  t.deepEqual(links.map((l) => [l.relation, l.kind, l.id]), [
    ['runs on', 'host', 'node-1'],
    ['is (Kolla)', 'service', 'nova_compute'],
    ['has Neutron port (Kuryr/Zun)', 'port', 'port-kuryr'],
  ]);
  t.regex(links[0]?.state ?? '', /docker\+openstack/);
});

test('a VM traces to its compute host and its Neutron port; the host traces back to both worlds', (t) => {
  t.deepEqual(traceOf(inv, 'vm', 'vm-1').map((l) => [l.relation, l.kind, l.id]), [['runs on', 'host', 'node-1'], ['has port', 'port', 'port-vm']]);
  t.deepEqual(traceOf(inv, 'host', 'node-1').map((l) => [l.kind, l.id]).sort(), [['container', CID], ['vm', 'vm-1']]);
  t.deepEqual(traceOf(inv, 'vm', 'nope'), []);
});

test('a swarm traces to its nodes, each the host whose engine is that node; the host traces back to the swarm', (t) => {
  const swarm = fold([
    aHostObserved({ hostId: 'engine-a', docker: aDockerEngineInfo({ name: 'box-a', swarm: { nodeId: 'n-a', clusterId: 'cl', state: 'active', controlAvailable: true } }) }),
    aClusterObserved({ clusterId: 'cl', nodes: [aClusterNode({ nodeId: 'n-a', hostname: 'box-a', role: 'manager', leader: true }), aClusterNode({ nodeId: 'n-b', hostname: 'box-b', role: 'worker', leader: false })] }),
  ]);
  t.deepEqual(traceOf(swarm, 'cluster', 'cl').filter((l) => l.kind === 'host').map((l) => [l.relation, l.id, l.name]), [
    ['node (manager, leader)', 'engine-a', 'box-a'],
    ['node (worker)', 'box-b', 'box-b'],
  ]);
  t.deepEqual(traceOf(swarm, 'host', 'engine-a').filter((l) => l.kind === 'cluster').map((l) => [l.relation, l.id]), [['swarm node (manager, leader) of', 'cl']]);
});
