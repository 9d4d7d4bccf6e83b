// Against the real OpenStack lab (../shared/lab/openstack, already up; `up.sh` brings it up):
// with the daemon following its notifications, drive servers, networks, ports, Heat stacks and a
// Magnum cluster over the OpenStack REST APIs, and after each step check that berth shows what
// the API's `show` shows. Once the cluster exists, a second daemon reading only the APIs shows it too.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { ClusterRow } from '../../cli/lists/others.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import { apiSnapshotShowsCluster } from '../support/os-api-snapshot.js';
import { berthRows, berthUntil } from '../support/os-berth.js';
import { serverFacts, STATUS_VM_STATE } from '../support/os-facts.js';
import type { Json } from '../support/os-facts.js';
import { LabDaemon, READY_MS, stamped } from '../support/os-lab-daemon.js';
import {
  createServer, deleteServer, deleteServersNamed, flavorId, neutronCreate, neutronDelete, neutronShow, neutronUpdate, osUntil,
  serverAction, serverShow, waitServer,
} from '../support/os-lab.js';
import type { LabNeeds } from '../support/os-lab.js';
import {
  clusterShow, createCluster, createClusterTemplate, createStack, deleteCluster, deleteClusterTemplate, deleteStack, stackResources,
  stackShow, updateCluster, waitCluster, waitStack,
} from '../support/os-orchestration.js';
import type { StackRef } from '../support/os-orchestration.js';
import { osApi, osGet } from '../support/os-rest.js';
import { both, clusterRow, clusterShows, LAG, networkShows, noDeadLetters, portShows, stackShows, vmShows, vmsShow } from '../support/os-shows.js';

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A daemon for test `t` (torn down with it), once the lab is ready for `needs`. */
const setUp = async (t: ExecutionContext, ms: number, needs: LabNeeds): Promise<LabDaemon> => {
  t.timeout(READY_MS + ms);
  const lab = new LabDaemon(stamped((s) => { t.log(s); }));
  t.teardown(async () => lab.teardown());
  await lab.start(needs);
  return lab;
};

// ----------------------------------------------------------------------------------- Magnum, begun first

const TEMPLATE_FIELDS = {
  coe: 'kubernetes', image_id: 'stacklab-fedora-coreos', external_network_id: 'stacklab-public', keypair_id: 'stacklab-key',
  flavor_id: 'm1.tiny', master_flavor_id: 'm1.tiny', network_driver: 'flannel', docker_storage_driver: 'overlay2',
  floating_ip_enabled: false, dns_nameserver: '192.0.2.1',
};

type MagnumCreated = Readonly<{ id: string; tplName: string; created: Json | null; inProgress: ClusterRow }>;

/** Where the Magnum flow logs: kept until its test runs, then that test's log. */
const magnumLines: string[] = [];
let magnumSink: (s: string) => void = (s) => { magnumLines.push(s); };
const magnumLab = new LabDaemon(stamped((s) => { magnumSink(s); }));

/**
 * The Magnum cluster's create, up to its end: template (no notification; while the daemon
 * starts), create, berth showing it in progress, and its stack's deployments signalled until
 * Magnum says CREATE_COMPLETE (or it fails).
 */
const createMagnumCluster = async (): Promise<MagnumCreated> => {
  const lab = magnumLab;
  const tplName = `${lab.prefix}-k8s-template`;
  await lab.start({ compute: true, l2Agent: true, heat: true, magnum: true }, async () => {
    lab.cleanup.add(`cluster template ${tplName}`, () => deleteClusterTemplate(tplName));
    await createClusterTemplate(tplName, TEMPLATE_FIELDS);
  });
  const name = `${lab.prefix}-cluster`;
  let id = '';
  lab.cleanup.add(`cluster ${name}`, async () => {
    // (By name when the create's answer never came.) Magnum refuses to delete a cluster in the
    // middle of an operation: let that end first.
    const ident = id === '' ? name : id;
    if (await waitCluster(ident, undefined, 330_000, lab.log) === null) return;
    await deleteCluster(ident);
    await waitCluster(ident, 'DELETE', 240_000, lab.log);
  });
  // create_timeout (minutes) bounds the stack if signalling ever stops working: the cluster then
  // fails. (On an idle machine the create takes about a minute; on a busy one, several.)
  id = await createCluster({ name, cluster_template_id: tplName, master_count: 1, node_count: 1, create_timeout: 5 });
  lab.log(`create accepted: ${id}`);
  const [created, inProgress] = await Promise.all([
    waitCluster(id, 'CREATE', 330_000, lab.log),
    clusterRow(lab.prefix, id, 'berth clusters to show the create in progress', (x) => x.magnum?.status === 'CREATE_IN_PROGRESS'),
  ]);
  lab.log(`create: ${str(created?.['status'])}`);
  return { id, tplName, created, inProgress };
};

let magnumCreate: Promise<MagnumCreated> = Promise.reject(new Error('the before hook did not begin the Magnum cluster'));
magnumCreate.catch(() => undefined);

// A cluster's create is a minute or more of Heat and Nova work, mostly waiting on their own
// polling and on Magnum's periodic sync: it goes on while the other tests run (its daemon has its
// own prefix and queue), and the Magnum test, the last, takes it from there.
test.before(() => {
  magnumCreate = createMagnumCluster();
  magnumCreate.catch(() => undefined);
});
test.after.always(async () => magnumLab.teardown());

// ----------------------------------------------------------------------------------- servers, network, ports

test('servers, a network and its ports: boot, stop, start, resize, attach, delete; berth vms and ports follow the API', async (t) => {
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

test('a Heat stack: create and delete; berth stacks follows the API', async (t) => {
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

// ----------------------------------------------------------------------------------- Magnum, continued

test('a Magnum cluster: template, create (deployments signalled), scale to 2 nodes, delete; berth clusters follows the API', async (t) => {
  t.timeout(READY_MS + 1_200_000);
  for (const l of magnumLines.splice(0)) t.log(l);
  magnumSink = (s) => { t.log(s); };
  t.teardown(async () => { await magnumLab.teardown(); magnumSink = () => undefined; });
  const { prefix, log } = magnumLab;
  const { id, tplName, created: createdShow, inProgress } = await magnumCreate;
  t.is(inProgress.magnum?.status, 'CREATE_IN_PROGRESS', 'berth clusters showed the create in progress');
  let c = createdShow;
  if (c?.['status'] !== 'CREATE_COMPLETE') t.fail(`cluster create ended ${str(c?.['status'])}: ${str(c?.['status_reason'])}`);
  if (c === null) return;
  const created = await clusterShows(t, prefix, c, 'cluster created');
  log('berth shows the created cluster');
  t.is(created.row.members.length, 2);
  // A daemon that starts now, reading only the APIs, finds the cluster that existed before it.
  await apiSnapshotShowsCluster(t, c, created.row.members, log);

  await updateCluster(id, 'node_count', 2);
  log('update accepted');
  let updating: ClusterRow;
  [c, updating] = await Promise.all([
    waitCluster(id, 'UPDATE', 300_000, log),
    clusterRow(prefix, id, 'berth clusters to show the update accepted', (x) => x.magnum?.lastAction === 'update'),
  ]);
  // Magnum's update notification precedes the new node count: berth shows it once the update ends.
  t.like(updating.magnum, { status: 'UPDATE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the update in progress');
  log(`update: ${str(c?.['status'])}`);
  if (c?.['status'] !== 'UPDATE_COMPLETE') t.fail(`cluster update ended ${str(c?.['status'])}: ${str(c?.['status_reason'])}`);
  if (c === null) return;
  t.is(c['node_count'], 2);
  const scaled = await clusterShows(t, prefix, c, 'cluster scaled to 2 nodes');
  log('berth shows the scaled cluster');
  t.is(scaled.row.members.length, 3);
  const memberIds = scaled.serverIds;
  const stackId = str(c['stack_id']);
  const stackName = str((await osGet<{ stack: Json }>('orchestration', `/stacks/${stackId}`))?.stack['stack_name']);

  await deleteCluster(id);
  log('delete accepted');
  let deleting: ClusterRow;
  [c, deleting] = await Promise.all([
    waitCluster(id, 'DELETE', 240_000, log),
    clusterRow(prefix, id, 'berth clusters to show the delete accepted', (x) => x.magnum?.lastAction === 'delete'),
  ]);
  t.like(deleting.magnum, { status: 'DELETE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the delete in progress');
  log(`delete: ${c === null ? 'gone' : str(c['status'])}`);
  t.is(c, null, 'the cluster is gone');
  t.is(await clusterShow(id), null);
  await berthUntil('the cluster to leave berth clusters', async () => !(await berthRows<ClusterRow[]>(prefix, ['clusters'])).some((x) => x.clusterId === id), LAG, prefix);
  t.pass('the cluster left berth clusters');
  const gone = await Promise.all(memberIds.map(async (vm) => ({ id: vm, sv: await serverShow(vm), step: `member ${vm} deleted with the cluster` })));
  await Promise.all([
    vmsShow(t, prefix, gone),
    (async () => stackShows(t, prefix, stackId, await stackShow({ name: stackName, id: stackId }), 'the cluster\'s stack deleted'))(),
    deleteClusterTemplate(tplName),
  ]);
  await noDeadLetters(t, prefix);
  log('done');
});
