// Against the real OpenStack lab (../shared/lab/openstack, already up; `up.sh` brings it up):
// with the daemon following its notifications, drive servers, networks, ports and Heat stacks over
// the OpenStack REST APIs, and after each step check that berth shows what the API's `show` shows.
// The Magnum cluster: openstack-magnum.int.test.ts (apart, so that the two run at once).
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import { berthRows } from '../support/os-berth.js';
import { serverFacts, STATUS_VM_STATE } from '../support/os-facts.js';
import type { Json } from '../support/os-facts.js';
import { LabDaemon, READY_MS, stamped } from '../support/os-lab-daemon.js';
import {
  createServer, deleteServer, deleteServersNamed, flavorId, neutronCreate, neutronDelete, neutronShow, neutronUpdate, osUntil,
  serverAction, serverShow, waitServer,
} from '../support/os-lab.js';
import type { LabNeeds } from '../support/os-lab.js';
import { createStack, deleteStack, stackResources, stackShow, waitStack } from '../support/os-orchestration.js';
import type { StackRef } from '../support/os-orchestration.js';
import { osApi, osGet } from '../support/os-rest.js';
import { both, networkShows, noDeadLetters, portShows, stackShows, vmShows } from '../support/os-shows.js';

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A daemon for test `t` (torn down with it), once the lab is ready for `needs`. */
const setUp = async (t: ExecutionContext, ms: number, needs: LabNeeds): Promise<LabDaemon> => {
  t.timeout(READY_MS + ms);
  const lab = new LabDaemon(stamped((s) => { t.log(s); }));
  t.teardown(async () => lab.teardown());
  await lab.start(needs);
  return lab;
};

// ----------------------------------------------------------------------------------- servers, network, ports

test.serial('servers, a network and its ports: boot, stop, start, resize, attach, delete; berth vms and ports follow the API', async (t) => {
  const { prefix, cleanup, log } = await setUp(t, 480_000, { compute: true, l2Agent: true });
  const name = (s: string) => `${prefix}-${s}`;

  // Two independent tracks at once: the network and a container port; the server's lifecycle.
  const networkTrack = async () => {
    // Network: create, update (rename), with a subnet so that ports get fixed IPs.
    const netId = str((await neutronCreate('network', { name: name('net') }))['id']);
    cleanup.add(`network ${netId}`, () => neutronDelete('network', netId));
    const subnetId = str((await neutronCreate('subnet', { network_id: netId, cidr: '198.51.100.0/24', ip_version: 4, name: name('subnet') }))['id']);
    cleanup.add(`subnet ${subnetId}`, () => neutronDelete('subnet', subnetId));
    await networkShows(t, prefix, netId, 'network created');
    await neutronUpdate('network', netId, { name: name('net-renamed') });
    await networkShows(t, prefix, netId, 'network renamed');

    // A Kuryr-like container port: compute:kuryr is a container, not a VM.
    const kuryrDevice = randomUUID();
    const kuryrId = str((await neutronCreate('port', { network_id: netId, device_owner: 'compute:kuryr', device_id: kuryrDevice, name: name('kuryr') }))['id']);
    cleanup.add(`port ${kuryrId}`, () => neutronDelete('port', kuryrId));
    const kuryr = await portShows(t, prefix, kuryrId, 'kuryr port created');
    t.is(kuryr?.neutron?.ownerKind, 'container');
    const byContainer = await berthRows<Port[]>(prefix, ['ports', '--container', kuryrDevice.slice(0, 8)]);
    t.deepEqual(byContainer.map((p) => p.id), [kuryrId], 'berth ports --container finds the kuryr port by its device id');
    await neutronUpdate('port', kuryrId, { name: name('kuryr-renamed'), description: 'renamed by berth test' });
    await portShows(t, prefix, kuryrId, 'kuryr port updated');
    log('network and kuryr port checked');
    return { netId, subnetId, kuryrId };
  };

  const serverTrack = async () => {
    // Boot, stop, start, resize (verify, confirm). Cleanup by name: a create that fails half-way
    // may still leave a server.
    cleanup.add(`server ${name('vm1')}`, () => deleteServersNamed(name('vm1')));
    const vmId = await createServer(name('vm1'), 'm1.tiny', 'stacklab-tiny');
    let sv = await waitServer(vmId, 'ACTIVE');
    t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['ACTIVE']);
    await vmShows(t, prefix, vmId, sv, 'server booted');
    log('server booted');

    await serverAction(vmId, { 'os-stop': null });
    sv = await waitServer(vmId, 'SHUTOFF');
    t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['SHUTOFF']);
    await vmShows(t, prefix, vmId, sv, 'server stopped');

    await serverAction(vmId, { 'os-start': null });
    sv = await waitServer(vmId, 'ACTIVE');
    await vmShows(t, prefix, vmId, sv, 'server started');

    await serverAction(vmId, { resize: { flavorRef: await flavorId('m1.small') } });
    sv = await waitServer(vmId, 'VERIFY_RESIZE');
    t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['VERIFY_RESIZE']);
    await vmShows(t, prefix, vmId, sv, 'server resized (VERIFY_RESIZE)');
    await serverAction(vmId, { confirmResize: null });
    sv = await waitServer(vmId, 'ACTIVE');
    t.is(serverFacts(sv)['flavor'], 'm1.small');
    await vmShows(t, prefix, vmId, sv, 'resize confirmed');
    log('server stopped, started, resized: checked');
    return vmId;
  };

  const [{ netId, subnetId, kuryrId }, vmId] = await both(networkTrack(), serverTrack());

  // A port created unbound, then set on the server by hand (device_id, device_owner compute:nova).
  const p1Id = str((await neutronCreate('port', { network_id: netId, name: name('port1') }))['id']);
  cleanup.add(`port ${p1Id}`, () => neutronDelete('port', p1Id));
  const unbound = await portShows(t, prefix, p1Id, 'port created');
  t.is(unbound?.neutron?.ownerKind, 'none');
  await neutronUpdate('port', p1Id, { device_id: vmId, device_owner: 'compute:nova' });
  const onVm = await portShows(t, prefix, p1Id, 'port set on the server');
  t.is(onVm?.neutron?.ownerKind, 'vm');

  // A port Nova attaches (and Neutron binds, on the fake L2 agent's host).
  const p2Id = str((await neutronCreate('port', { network_id: netId, name: name('port2') }))['id']);
  cleanup.add(`port ${p2Id}`, () => neutronDelete('port', p2Id));
  await osApi('compute', 'POST', `/servers/${vmId}/os-interface`, { interfaceAttachment: { port_id: p2Id } });
  const bound = await osUntil('the attached port to be bound', async () => {
    const p = await neutronShow('port', p2Id);
    return p !== null && p['binding:host_id'] !== '' && p['device_id'] === vmId ? p : undefined;
  }, 60_000);
  t.is(bound['device_owner'], 'compute:nova');
  const sv = await waitServer(vmId, 'ACTIVE');
  t.not(Object.keys(sv['addresses'] as Json).length, 0, 'the server shows the attached address');
  const [attached] = await both(portShows(t, prefix, p2Id, 'port attached to the server'), vmShows(t, prefix, vmId, sv, 'server with the attached port'));
  t.is(attached?.host, str(sv['OS-EXT-SRV-ATTR:host']), 'a bound port is on the server\'s compute host');
  const ofVm = await berthRows<Port[]>(prefix, ['ports', '--device', vmId]);
  t.deepEqual(ofVm.map((p) => p.id).sort(), [p1Id, p2Id].sort(), 'berth ports --device <server> lists both of its ports');
  log('ports set on and attached to the server: checked');

  // Delete the server: Nova unbinds (or deletes) the ports that name it.
  await deleteServer(vmId);
  t.is(await serverShow(vmId), null);
  await vmShows(t, prefix, vmId, null, 'server deleted');
  for (const [id, what] of [[p1Id, 'hand-set port'], [p2Id, 'attached port']] as const) {
    const p = await portShows(t, prefix, id, `${what} after the server was deleted`);
    t.log(`${what} after the server was deleted: ${p === null ? 'deleted' : `owner '${p.neutron?.deviceOwner ?? ''}', device '${p.neutron?.deviceId ?? ''}', host '${p.host}'`}`);
  }
  log('server deleted: checked');

  // Delete the ports, the subnet and the network.
  await Promise.all([kuryrId, p1Id, p2Id].map(async (id) => neutronDelete('port', id)));
  await Promise.all([kuryrId, p1Id, p2Id].map(async (id) => portShows(t, prefix, id, `port ${id} deleted`)));
  await neutronDelete('subnet', subnetId);
  await neutronDelete('network', netId);
  await networkShows(t, prefix, netId, 'network deleted');
  await noDeadLetters(t, prefix);
  log('done');
});

// ----------------------------------------------------------------------------------- Heat

const TEMPLATE = `heat_template_version: 2018-08-31
description: berth integration test
resources:
  secret:
    type: OS::Heat::RandomString
    properties: {length: 8}
  net:
    type: OS::Neutron::Net
outputs:
  secret: {value: {get_attr: [secret, value]}}
`;

/** The stack named `name`, if Heat has one (Heat redirects `/stacks/{name}` to `/stacks/{name}/{id}`). */
const stackNamed = async (name: string): Promise<StackRef | null> => {
  const st = await osGet<{ stack: Json }>('orchestration', `/stacks/${encodeURIComponent(name)}`);
  return st === null ? null : { name, id: str(st.stack['id']) };
};

test.serial('a Heat stack: create and delete; berth stacks follows the API', async (t) => {
  const { prefix, cleanup, log } = await setUp(t, 120_000, { heat: true });
  const name = `${prefix}-stack`;
  cleanup.add(`stack ${name}`, async () => { const st = await stackNamed(name); if (st !== null) await deleteStack(st); });
  const ref = await createStack(name, TEMPLATE);
  const st = await waitStack(ref, 90_000);
  t.is(st?.['stack_status'], 'CREATE_COMPLETE', str(st?.['stack_status_reason']));
  log(`stack ${str(st?.['stack_status'])}`);
  await stackShows(t, prefix, ref.id, st, 'stack created');
  const [row] = await berthRows<Stack[]>(prefix, ['stacks', '--name', `^${prefix}-`]);
  t.like(row, { stackId: ref.id, action: 'CREATE', status: 'COMPLETE' });

  // The stack's network is a Neutron network like any other.
  const netId = str((await stackResources(ref, 'OS::Neutron::Net'))[0]?.['physical_resource_id']);
  t.not(netId, '');
  await networkShows(t, prefix, netId, 'the stack\'s network');

  await deleteStack(ref);
  log('stack deleted');
  await stackShows(t, prefix, ref.id, await stackShow(ref), 'stack deleted');
  await networkShows(t, prefix, netId, 'the stack\'s network deleted with it');
  await noDeadLetters(t, prefix);
  log('done');
});
