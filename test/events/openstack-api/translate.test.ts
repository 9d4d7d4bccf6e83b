import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { apiStackFacts } from '../../../events/translate/openstack-api/heat.js';
import { hostServices, hypervisorOf, neutronAgent, novaService, zunService } from '../../../events/translate/openstack-api/hosts.js';
import { apiClusterSnapshot } from '../../../events/translate/openstack-api/magnum.js';
import { apiNetworkFacts, apiPortFacts } from '../../../events/translate/openstack-api/neutron.js';
import { serverApiFacts, serverFacts } from '../../../events/translate/openstack-api/nova.js';
import { zunContainerFacts, zunHostFacts } from '../../../events/translate/openstack-api/zun.js';
import { zunContainerState } from '../../../events/openstack-api-slices.js';
import { OS_CORPUS } from '../../support/amqp.js';
import { ROOT } from '../../support/daemon-harness.js';

type Json = Record<string, unknown>;
/** Responses of the real lab's APIs, captured (test/fixtures/openstack-api/lab-*.json). */
const lab = (name: string): Json => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'openstack-api', `lab-${name}.json`), 'utf8')) as Json;
const list = (name: string, key = name): Json[] => lab(name)[key] as Json[];
const zunSample = (name: string): Json => JSON.parse(readFileSync(join(OS_CORPUS, 'zun', 'api-samples', name), 'utf8')) as Json;

const VM = 'f85dc252-f48b-4422-9081-8b19985d6851';
const server = (): Json => list('servers').find((s) => s['id'] === VM) as Json;

test('a lab server becomes the facts a versioned notification gives, in its vocabulary', (t) => {
  const ports = list('ports');
  const ctx = {
    hypervisorTypes: new Map(list('hypervisors').map((h) => [h['hypervisor_hostname'] as string, h['hypervisor_type'] as string])),
    dockerImages: new Set<string>(),
    portIds: new Map(ports.map((p) => [`${p['device_id'] as string}|${p['mac_address'] as string}`, p['id'] as string])),
  };
  t.deepEqual(serverFacts(server(), ctx), {
    vmId: VM, name: 't69ab2fbf-vm1', host: 'stacklab', node: 'stacklab', state: 'active', taskState: null, powerState: 'running',
    flavor: 'm1.small', projectId: '44651395eed9419ab023e549da075218', userId: server()['user_id'] as string, availabilityZone: 'nova',
    imageId: '7b721907-499a-4e05-b327-14e4fd70a881',
    addresses: [{ address: '198.51.100.168', network: 't69ab2fbf-net-renamed', mac: 'fa:16:3e:19:90:e2', portId: 'da844553-9a6b-40c7-ad1f-e7c3a6e70354' }],
    createdAt: '2026-11-23T23:23:03.000000000Z', launchedAt: '2026-11-23T23:25:31.000000000Z',
  });
  t.deepEqual(serverApiFacts(server(), ctx), { status: 'ACTIVE', hypervisorType: 'fake', containerBacked: false, fault: null });
});

test('a server on a docker hypervisor, or from a docker-format image, is container-backed (nova-docker)', (t) => {
  const s = { ...server(), 'OS-EXT-SRV-ATTR:hypervisor_hostname': 'node-d' };
  t.true(serverApiFacts(s, { hypervisorTypes: new Map([['node-d', 'docker']]), dockerImages: new Set(), portIds: new Map() }).containerBacked);
  t.true(serverApiFacts(server(), { hypervisorTypes: new Map(), dockerImages: new Set(['7b721907-499a-4e05-b327-14e4fd70a881']), portIds: new Map() }).containerBacked);
  t.false(serverApiFacts(server()).containerBacked);
});

test('a stopped server in ERROR keeps the fault, and a boot-from-volume server has no image', (t) => {
  const s = { ...server(), status: 'ERROR', 'OS-EXT-STS:vm_state': 'error', 'OS-EXT-STS:power_state': 4, image: '', fault: { code: 500, message: 'No valid host was found.' } };
  t.like(serverFacts(s), { state: 'error', powerState: 'shutdown', imageId: null });
  t.like(serverApiFacts(s), { status: 'ERROR', fault: 'No valid host was found.' });
});

test('lab os-services, hypervisors and agents become the services of host stacklab, sorted', (t) => {
  const hosts = hostServices({
    services: [
      ...list('services').map((s) => ({ host: s['host'] as string, service: novaService(s) })),
      ...list('agents').map((a) => ({ host: a['host'] as string, service: neutronAgent(a) })),
    ],
    hypervisors: list('hypervisors').map(hypervisorOf),
    zunHosts: [],
  });
  t.deepEqual([...hosts.keys()], ['stacklab']);
  const h = hosts.get('stacklab');
  t.deepEqual(h?.services.map((s) => `${s.api}:${s.binary}:${s.state}:${s.status}`), [
    'neutron:neutron-openvswitch-agent:up:enabled', 'nova:nova-compute:up:enabled', 'nova:nova-conductor:up:enabled', 'nova:nova-scheduler:up:enabled',
  ]);
  t.deepEqual(h?.hypervisors, [{ id: 'ac4fe508-e362-48ac-83c1-661f9a1cf060', hostname: 'stacklab', type: 'fake', state: 'up', status: 'enabled', hostIp: '127.0.0.1' }]);
  t.like(novaService({ binary: 'nova-compute', host: 'c1', state: 'down', status: 'disabled', disabled_reason: 'maintenance', zone: 'nova' }), { state: 'down', status: 'disabled', reason: 'maintenance' });
  t.like(neutronAgent({ binary: 'neutron-l3-agent', alive: false, admin_state_up: true }), { state: 'down', status: 'enabled' });
});

test('lab ports and networks become the facts Neutron notifications carry', (t) => {
  const kuryr = list('ports').find((p) => p['device_owner'] === 'compute:kuryr') as Json;
  t.like(apiPortFacts(kuryr), { portId: '386f341a-bf59-44e9-a0ac-02c2e3d04eed', deviceOwner: 'compute:kuryr', ownerKind: 'container', deviceId: 'cd5b3161-8bb2-46fa-9564-208250aef266', status: 'DOWN' });
  const vmPort = apiPortFacts(list('ports').find((p) => p['id'] === 'da844553-9a6b-40c7-ad1f-e7c3a6e70354') as Json);
  t.like(vmPort, { ownerKind: 'vm', deviceId: VM, bindingHost: 'stacklab', vifType: 'ovs', macAddress: 'fa:16:3e:19:90:e2', adminStateUp: true });
  t.deepEqual(vmPort.fixedIps.map((i) => i.ipAddress), ['198.51.100.168']);
  const pub = list('networks').find((n) => n['name'] === 'stacklab-public') as Json;
  t.deepEqual(apiNetworkFacts(pub), { networkId: 'c42dad2c-91ba-4032-8de5-05c7cb49cea8', name: 'stacklab-public', driver: 'neutron', scope: 'project', projectId: '44651395eed9419ab023e549da075218' });
});

test('lab Heat stacks split their status into action and status', (t) => {
  const stacks = list('stacks').map(apiStackFacts);
  const parent = stacks.find((s) => s.name === 't474369e2-cluster-2553hzryiew4');
  t.like(parent, { action: 'CREATE', status: 'IN_PROGRESS', state: 'CREATE_IN_PROGRESS', projectId: '44651395eed9419ab023e549da075218' });
  t.regex(parent?.createdAt ?? '', /^2026-11-23T23:2\d:\d\d\.000000000Z$/);
  t.true(stacks.every((s) => s.stackId !== '' && `${s.action}_${s.status}` === s.state));
  t.like(apiStackFacts({ id: 'x', stack_name: 'y', stack_status: 'ROLLBACK_FAILED' }), { action: 'ROLLBACK', status: 'FAILED' });
});

test('a lab Magnum cluster being created (captured from the API) becomes a magnum cluster snapshot', (t) => {
  const c = apiClusterSnapshot(list('clusters-creating', 'clusters')[0] as Json);
  t.deepEqual(c, {
    clusterId: 'a8616401-356a-4663-ab75-6c5f7016fc9e', kind: 'magnum', name: 't474369e2-cluster', managerHost: 'magnum-api', nodes: [], services: [], tasks: [],
    magnum: {
      status: 'CREATE_IN_PROGRESS', statusReason: '', stackId: '4dd268aa-72ae-456f-bb9a-3e148b560c77', projectId: '44651395eed9419ab023e549da075218',
      masterCount: 1, nodeCount: 1, masterAddresses: [], nodeAddresses: [], apiAddress: '', templateId: 'c49ca33f-3b7b-4a73-94a8-b6ffe7f3debd',
      lastAction: 'observed', lastOutcome: '',
    },
  });
  const prev = { ...c, managerHost: 'stacklab', magnum: { ...c.magnum!, lastAction: 'create', lastOutcome: 'pending' } };
  t.like(apiClusterSnapshot(list('clusters-creating', 'clusters')[0] as Json, prev), { managerHost: 'stacklab', magnum: { lastAction: 'create', lastOutcome: 'pending' } });
});

test('the Zun API reference sample container becomes Zun facts; its status maps to a container state', (t) => {
  const sample = (zunSample('container-get-all-resp.json')['containers'] as Json[])[0] as Json;
  t.deepEqual(zunContainerFacts(sample), {
    uuid: 'b0694d40-70af-4488-b104-10f66b593347', name: 'test', image: 'ubuntu', status: 'Stopped', statusReason: null, statusDetail: 'Exited(0) 10 mins ago ',
    taskState: null, host: 'ubuntu', projectId: '2cc8ed7104ca427c873cad82411bcebb', userId: '06c7fda2e74d4f5084bb8298bf8e313b',
    command: "/bin/sh -c 'echo hello'", labels: { app: 'hello' }, imageDriver: 'docker', dockerId: null,
    addresses: [
      { network: '2ede1821-1334-4e8b-b731-d3a82b41f42f', address: '172.24.4.3', portId: '4b077255-9b4d-4068-b24f-b89594f870c2', subnetId: 'a3162b3e-2f02-432e-a18c-78fe2774d026' },
      { network: '2ede1821-1334-4e8b-b731-d3a82b41f42f', address: '2001:db8::9', portId: '4b077255-9b4d-4068-b24f-b89594f870c2', subnetId: '7ca0d3d5-eeef-489f-8a40-ccb00456628c' },
    ],
  });
  t.deepEqual(['Running', 'Stopped', 'Created', 'Paused', 'Error', 'Deleting', 'Restarting', 'Rebuilding'].map(zunContainerState),
    ['running', 'exited', 'created', 'paused', 'dead', 'removing', 'restarting', 'unknown']);
});

test('a Zun host of the API reference (its sample is invalid JSON upstream: a comma is missing) and a Zun service', (t) => {
  const text = readFileSync(join(OS_CORPUS, 'zun', 'api-samples', 'host-get-resp.json'), 'utf8');
  t.throws(() => JSON.parse(text) as unknown);
  const fixed = JSON.parse(text.replace('"x86_64"\n', '"x86_64",\n')) as Json;
  t.deepEqual(zunHostFacts(fixed), {
    uuid: 'd0405f06-101e-4340-8735-d1bf9fa8b8ad', hostname: 'test', cpus: 48, cpuUsed: 0.2, memTotal: 128446, memUsed: 512, totalContainers: 2,
    os: 'CentOS Linux 7 (Core)', kernel: '3.10.0-123.el7.x86_64', labels: { type: 'test' },
  });
  t.deepEqual(zunService({ binary: 'zun-compute', host: 'c1', state: 'down', disabled: true, disabled_reason: 'drain', availability_zone: 'nova' }),
    { api: 'zun', binary: 'zun-compute', status: 'disabled', state: 'down', reason: 'drain', zone: 'nova' });
});

test('translators never throw on hostile or empty input', (t) => {
  for (const bad of [{}, { id: 5, name: null, addresses: 'x', flavor: [], image: 7 }, { addresses: { n: [null, 3, { addr: {} }] } }]) {
    t.notThrows(() => serverFacts(bad as Json));
    t.notThrows(() => serverApiFacts(bad as Json));
    t.notThrows(() => apiPortFacts(bad as Json));
    t.notThrows(() => apiStackFacts(bad as Json));
    t.notThrows(() => apiClusterSnapshot(bad as Json));
    t.notThrows(() => zunContainerFacts(bad as Json));
    t.notThrows(() => zunHostFacts(bad as Json));
    t.notThrows(() => hypervisorOf(bad as Json));
  }
  t.is(serverFacts({}).state, 'unknown');
});
