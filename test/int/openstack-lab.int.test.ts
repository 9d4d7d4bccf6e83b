// Against the real OpenStack lab (../shared/lab/openstack, already up; `up.sh` brings it up):
// with the daemon following its notifications, drive servers, networks, ports, Heat stacks and a
// Magnum cluster, and after each step check that berth shows what `openstack ... show` shows.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { Network } from '../../events/network.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';
import type { ClusterRow } from '../../cli/lists/others.js';
import { AMQP_URL, deleteQueue } from '../support/amqp.js';
import { readAllEvents } from '../support/stream-reader.js';
import { dropPrefix, eventually, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import {
  berthClusterFacts, berthHangs, berthPortFacts, berthRows, berthRun, berthStackFacts, Cleanup, coeClusterFacts, deadLetters, diff, neutronPortFacts, osDelete, osJson,
  osRun, osShow, osUntil, requireLab, serverFacts, stackFacts, stackServers, STATUS_VM_STATE, vmFacts, waitCluster, waitServer,
} from '../support/os-lab.js';

type Json = Record<string, unknown>;
const CONSUMING = /openstack: consuming queue/;
/** The lab's one host (nova-compute, publisher ids). */
const LAB_HOST = 'stacklab';
/** How long berth may lag behind OpenStack once OpenStack has settled. */
const LAG = 60_000;

type Lab = { prefix: string; cleanup: Cleanup; daemon: () => DaemonProc | undefined };

/**
 * A daemon on its own prefix and queue, and a cleanup of everything the test creates (run in
 * `t.teardown`). `meanwhile` runs while the daemon starts: only what sends no notification.
 */
const setUp = async (t: ExecutionContext, ms: number, meanwhile: (prefix: string, cleanup: Cleanup) => Promise<unknown> = async () => undefined): Promise<Lab> => {
  t.timeout(ms);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const cleanup = new Cleanup();
  let d: DaemonProc | undefined;
  berthHangs.length = 0;
  t.teardown(async () => {
    if (berthHangs.length > 0) t.log(`berth did not answer (killed, retried): ${berthHangs.join('; ')}`);
    await cleanup.run((s) => t.log(s));
    const problems = (d?.err() ?? '').split('\n').filter((l) => /warn|error|fail/i.test(l));
    if (problems.length > 0) t.log(`daemon said:\n${problems.slice(-20).join('\n')}`);
    await d?.stop();
    await deleteQueue(queue).catch(() => undefined);
    await dropPrefix(prefix);
  });
  // Settled both ways, so that teardown can stop a daemon that started beside a failure.
  const [started, ...others] = await Promise.allSettled([
    startDaemon(prefix, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue], CONSUMING),
    requireLab().then(() => meanwhile(prefix, cleanup)),
  ]);
  if (started.status === 'fulfilled') d = started.value;
  for (const r of [...others, started]) if (r.status === 'rejected') throw r.reason;
  return { prefix, cleanup, daemon: () => d };
};

/** Waits until `berth vms` shows the server as `openstack server show` does (`sv` null: gone). */
const vmShows = async (t: ExecutionContext, prefix: string, id: string, sv: Json | null, step: string): Promise<void> => {
  if (sv === null) {
    await eventually(`${step}: VM ${id} to leave berth vms`, async () => !(await berthRows<Vm[]>(prefix, ['vms'])).some((v) => v.vmId === id), LAG);
    t.pass(step);
    return;
  }
  const want = serverFacts(sv);
  const got = await eventually(`${step}: berth vms to show server ${id} as openstack does`, async () => {
    const v = (await berthRows<Vm[]>(prefix, ['vms', '--name', `^${prefix}-`])).find((x) => x.vmId === id);
    if (v === undefined) throw new Error(`VM ${id} is not in berth vms`);
    const d = diff(vmFacts(v), want);
    if (d.length > 0) throw new Error(d.join('; '));
    return v;
  }, LAG);
  t.deepEqual(vmFacts(got), want, step);
};

/** Waits until `berth ports` shows the Neutron port as `openstack port show` does (gone included). */
const portShows = async (t: ExecutionContext, prefix: string, id: string, step: string): Promise<Port | null> => {
  const p = await osShow(['port'], id);
  if (p === null) {
    await eventually(`${step}: port ${id} to leave berth ports`, async () => !(await berthRows<Port[]>(prefix, ['ports'])).some((x) => x.id === id), LAG);
    t.pass(step);
    return null;
  }
  const want = neutronPortFacts(p);
  const got = await eventually(`${step}: berth ports to show port ${id} as openstack does`, async () => {
    const x = (await berthRows<Port[]>(prefix, ['ports'])).find((y) => y.id === id);
    if (x === undefined) throw new Error(`port ${id} is not in berth ports`);
    const d = diff(berthPortFacts(x), want);
    if (d.length > 0) throw new Error(d.join('; '));
    return x;
  }, LAG);
  t.deepEqual(berthPortFacts(got), want, step);
  return got;
};

/** Waits until `berth get network` shows the network's name, or that it is gone. */
const networkShows = async (t: ExecutionContext, prefix: string, id: string, step: string): Promise<void> => {
  const n = await osShow(['network'], id);
  if (n === null) {
    await eventually(`${step}: network ${id} to leave the model`, async () => {
      const r = await berthRun(prefix, ['get', 'network', id]);
      return r.code !== 0 && /not in the model/.test(r.stderr + r.stdout);
    }, LAG);
    t.pass(step);
    return;
  }
  const got = await eventually(`${step}: berth get network to show ${id} named ${String(n['name'])}`, async () => {
    const x = await berthRows<Network>(prefix, ['get', 'network', id]);
    return x.name === n['name'] ? x : undefined;
  }, LAG);
  t.like(got, { networkId: id, name: String(n['name']), driver: 'neutron' }, step);
};

/** Waits until `berth stacks` shows the stack as `openstack stack show` does (gone included). */
const stackShows = async (t: ExecutionContext, prefix: string, id: string, st: Json | null, step: string): Promise<void> => {
  if (st === null || st['stack_status'] === 'DELETE_COMPLETE') {
    await eventually(`${step}: stack ${id} to leave berth stacks`, async () => !(await berthRows<Stack[]>(prefix, ['stacks'])).some((s) => s.stackId === id), LAG);
    t.pass(step);
    return;
  }
  const want = stackFacts(st);
  const got = await eventually(`${step}: berth stacks to show stack ${id} as openstack does`, async () => {
    const s = (await berthRows<Stack[]>(prefix, ['stacks', '--name', `^${prefix}-`])).find((x) => x.stackId === id);
    if (s === undefined) throw new Error(`stack ${id} is not in berth stacks`);
    const d = diff(berthStackFacts(s), want);
    if (d.length > 0) throw new Error(d.join('; '));
    return s;
  }, LAG);
  t.deepEqual(berthStackFacts(got), want, step);
};

/**
 * Every notification the lab sent decoded (none dead-lettered); the lab's that berth could not
 * place are listed. Other tests publish to the same exchanges (poison included), so this queue
 * gets theirs too: only the lab's (`stacklab` in the body: publisher ids, hosts) are judged.
 */
const noDeadLetters = async (t: ExecutionContext, prefix: string): Promise<void> => {
  const dlq = await deadLetters(prefix);
  const lab = dlq.filter((l) => (l.head ?? '').includes(LAB_HOST));
  t.deepEqual(lab.map((l) => l.reason), [], 'no notification of the lab was dead-lettered');
  if (dlq.length > lab.length) t.log(`${dlq.length - lab.length} dead letter(s) from other publishers on the same exchanges (other tests)`);
  const unrecognized = (await readAllEvents(prefix)).flatMap((e) => (e.type === 'Unrecognized' && e.source.host === LAB_HOST ? [e.data.reason] : []));
  if (unrecognized.length > 0) t.log(`Unrecognized from the lab: ${[...new Set(unrecognized)].join('; ')}`);
};

test('servers, a network and its ports: boot, stop, start, resize, attach, delete; berth vms and ports follow openstack show', async (t) => {
  const { prefix, cleanup } = await setUp(t, 360_000);
  const name = (s: string) => `${prefix}-${s}`;

  // Network: create, update (rename), with a subnet so that ports get fixed IPs.
  const net = await osJson(['network', 'create', name('net')]);
  const netId = String(net['id']);
  cleanup.add(`network ${netId}`, () => osDelete(['network'], netId));
  const subnet = await osJson(['subnet', 'create', '--network', netId, '--subnet-range', '198.51.100.0/24', name('subnet')]);
  cleanup.add(`subnet ${String(subnet['id'])}`, () => osDelete(['subnet'], String(subnet['id'])));
  await networkShows(t, prefix, netId, 'network created');
  await osRun(['network', 'set', '--name', name('net-renamed'), netId]);
  await networkShows(t, prefix, netId, 'network renamed');

  // A Kuryr-like container port: compute:kuryr is a container, not a VM.
  const kuryrDevice = randomUUID();
  const kp = await osJson(['port', 'create', '--network', netId, '--device-owner', 'compute:kuryr', '--device', kuryrDevice, name('kuryr')]);
  const kuryrId = String(kp['id']);
  cleanup.add(`port ${kuryrId}`, () => osDelete(['port'], kuryrId));
  const kuryr = await portShows(t, prefix, kuryrId, 'kuryr port created');
  t.is(kuryr?.neutron?.ownerKind, 'container');
  const byContainer = await berthRows<Port[]>(prefix, ['ports', '--container', kuryrDevice.slice(0, 8)]);
  t.deepEqual(byContainer.map((p) => p.id), [kuryrId], 'berth ports --container finds the kuryr port by its device id');
  await osRun(['port', 'set', '--name', name('kuryr-renamed'), '--description', 'renamed by berth test', kuryrId]);
  await portShows(t, prefix, kuryrId, 'kuryr port updated');

  // A server: boot, stop, start, resize (verify, confirm).
  // (By name, registered first: a create that fails half-way may still leave a server. No --wait:
  // waitServer says why when the server goes to ERROR.)
  cleanup.add(`server ${name('vm1')}`, () => osDelete(['server'], name('vm1'), ['--wait']));
  const created = await osJson(['server', 'create', '--flavor', 'm1.tiny', '--image', 'stacklab-tiny', '--nic', 'none', name('vm1')]);
  const vmId = String(created['id']);
  let sv = await waitServer(vmId, 'ACTIVE');
  t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['ACTIVE']);
  await vmShows(t, prefix, vmId, sv, 'server booted');

  await osRun(['server', 'stop', vmId]);
  sv = await waitServer(vmId, 'SHUTOFF');
  t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['SHUTOFF']);
  await vmShows(t, prefix, vmId, sv, 'server stopped');

  await osRun(['server', 'start', vmId]);
  sv = await waitServer(vmId, 'ACTIVE');
  await vmShows(t, prefix, vmId, sv, 'server started');

  await osRun(['server', 'resize', '--flavor', 'm1.small', vmId]);
  sv = await waitServer(vmId, 'VERIFY_RESIZE');
  t.is(sv['OS-EXT-STS:vm_state'], STATUS_VM_STATE['VERIFY_RESIZE']);
  await vmShows(t, prefix, vmId, sv, 'server resized (VERIFY_RESIZE)');
  await osRun(['server', 'resize', 'confirm', vmId]);
  sv = await waitServer(vmId, 'ACTIVE');
  t.is(serverFacts(sv)['flavor'], 'm1.small');
  await vmShows(t, prefix, vmId, sv, 'resize confirmed');

  // A port created unbound, then set on the server by hand (--device, --device-owner compute:nova).
  const p1 = await osJson(['port', 'create', '--network', netId, name('port1')]);
  const p1Id = String(p1['id']);
  cleanup.add(`port ${p1Id}`, () => osDelete(['port'], p1Id));
  const unbound = await portShows(t, prefix, p1Id, 'port created');
  t.is(unbound?.neutron?.ownerKind, 'none');
  await osRun(['port', 'set', '--device', vmId, '--device-owner', 'compute:nova', p1Id]);
  const onVm = await portShows(t, prefix, p1Id, 'port set on the server');
  t.is(onVm?.neutron?.ownerKind, 'vm');

  // A port Nova attaches (and Neutron binds, on the fake L2 agent's host).
  const p2 = await osJson(['port', 'create', '--network', netId, name('port2')]);
  const p2Id = String(p2['id']);
  cleanup.add(`port ${p2Id}`, () => osDelete(['port'], p2Id));
  await osRun(['server', 'add', 'port', vmId, p2Id]);
  const bound = await eventually('the attached port to be bound', async () => {
    const p = await osJson(['port', 'show', p2Id]);
    return p['binding_host_id'] !== '' && p['device_id'] === vmId ? p : undefined;
  }, 60_000);
  t.is(bound['device_owner'], 'compute:nova');
  const attached = await portShows(t, prefix, p2Id, 'port attached to the server');
  t.is(attached?.host, String(sv['OS-EXT-SRV-ATTR:host']), 'a bound port is on the server\'s compute host');
  sv = await waitServer(vmId, 'ACTIVE');
  t.not(Object.keys(sv['addresses'] as Json).length, 0, 'the server shows the attached address');
  await vmShows(t, prefix, vmId, sv, 'server with the attached port');
  const ofVm = await berthRows<Port[]>(prefix, ['ports', '--device', vmId]);
  t.deepEqual(ofVm.map((p) => p.id).sort(), [p1Id, p2Id].sort(), 'berth ports --device <server> lists both of its ports');

  // Delete the server: Nova unbinds (or deletes) the ports that name it.
  await osRun(['server', 'delete', '--wait', vmId]);
  t.is(await osShow(['server'], vmId), null);
  await vmShows(t, prefix, vmId, null, 'server deleted');
  for (const [id, what] of [[p1Id, 'hand-set port'], [p2Id, 'attached port']] as const) {
    const p = await portShows(t, prefix, id, `${what} after the server was deleted`);
    t.log(`${what} after the server was deleted: ${p === null ? 'deleted' : `owner '${p.neutron?.deviceOwner ?? ''}', device '${p.neutron?.deviceId ?? ''}', host '${p.host}'`}`);
  }

  // Delete the ports, the subnet and the network.
  for (const id of [kuryrId, p1Id, p2Id]) {
    await osDelete(['port'], id);
    await portShows(t, prefix, id, `port ${id} deleted`);
  }
  await osDelete(['subnet'], String(subnet['id']));
  await osDelete(['network'], netId);
  await networkShows(t, prefix, netId, 'network deleted');
  await noDeadLetters(t, prefix);
});

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

test('a Heat stack: create and delete; berth stacks follows openstack stack show', async (t) => {
  const { prefix, cleanup } = await setUp(t, 240_000);
  const dir = mkdtempSync(join(tmpdir(), 'berth-heat-'));
  cleanup.add('template file', async () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'stack.yaml');
  writeFileSync(file, TEMPLATE);
  const name = `${prefix}-stack`;
  cleanup.add(`stack ${name}`, () => osDelete(['stack'], name, ['--yes', '--wait']));
  // (`--wait` prints Heat's events before the JSON: poll instead.)
  const created = await osJson(['stack', 'create', '-t', file, name]);
  const id = String(created['id']);
  const st = await osUntil('the stack to be created', async () => {
    const x = await osJson(['stack', 'show', id]);
    return String(x['stack_status']).endsWith('_IN_PROGRESS') ? undefined : x;
  }, 180_000);
  t.is(st['stack_status'], 'CREATE_COMPLETE');
  await stackShows(t, prefix, id, st, 'stack created');
  const [row] = await berthRows<Stack[]>(prefix, ['stacks', '--name', `^${prefix}-`]);
  t.like(row, { stackId: id, action: 'CREATE', status: 'COMPLETE' });

  // The stack's network is a Neutron network like any other.
  const res = await osJson<Json[]>(['stack', 'resource', 'list', id]);
  const netId = String(res.find((r) => r['resource_type'] === 'OS::Neutron::Net')?.['physical_resource_id'] ?? '');
  t.not(netId, '');
  await networkShows(t, prefix, netId, 'the stack\'s network');

  await osRun(['stack', 'delete', '--yes', '--wait', id], 240_000);
  await stackShows(t, prefix, id, await osShow(['stack'], id), 'stack deleted');
  await networkShows(t, prefix, netId, 'the stack\'s network deleted with it');
  await noDeadLetters(t, prefix);
});

/** Waits until `berth clusters` shows the cluster as `openstack coe cluster show` does, members included. */
const clusterShows = async (t: ExecutionContext, prefix: string, c: Json, step: string): Promise<{ row: ClusterRow; serverIds: string[] }> => {
  const id = String(c['uuid']);
  const want = coeClusterFacts(c);
  const berthCluster = async () => (await berthRows<ClusterRow[]>(prefix, ['clusters', '--name', `^${prefix}-`])).find((y) => y.clusterId === id);
  // The cluster's own fields first, while openstack lists the stack's servers.
  const [[servers, stack], shown] = await Promise.all([
    Promise.all([stackServers(String(c['stack_id'])), osJson(['stack', 'show', String(c['stack_id'])])]),
    eventually(`${step}: berth clusters to show cluster ${id} as openstack does`, async () => {
      const x = await berthCluster();
      if (x === undefined) throw new Error(`cluster ${id} is not in berth clusters`);
      const d = diff(berthClusterFacts(x), want);
      if (d.length > 0) throw new Error(d.join('; '));
      return x;
    }, LAG),
  ]);
  t.deepEqual(berthClusterFacts(shown), want, step);
  const members = servers.map((s) => s.name);
  t.is(members.length, Number(c['master_count']) + Number(c['node_count']), `${step}: one server per master and node`);
  const row = await eventually(`${step}: berth clusters to list the stack's servers ${JSON.stringify(members)} as members`, async () => {
    const x = await berthCluster();
    return JSON.stringify(x?.members) === JSON.stringify(members) ? x : undefined;
  }, LAG);
  t.deepEqual(row.members, members, `${step}: members are the servers of the cluster's stack`);
  // The member VMs themselves, and the cluster's Heat stack, as openstack shows them.
  await Promise.all([
    ...servers.map((s) => vmShows(t, prefix, s.id, s.show, `${step}: member ${s.name}`)),
    stackShows(t, prefix, String(c['stack_id']), stack, `${step}: the cluster's stack`),
  ]);
  return { row, serverIds: servers.map((s) => s.id) };
};

test('a Magnum cluster: template, create (deployments signalled), scale to 2 nodes, delete; berth clusters follows coe cluster show', async (t) => {
  const t0 = Date.now();
  const log = (s: string) => t.log(`+${Math.round((Date.now() - t0) / 1000)}s ${s}`);
  // A cluster template create sends no notification: it runs while the daemon starts.
  const { prefix, cleanup } = await setUp(t, 420_000, async (p, c) => {
    const tpl = `${p}-k8s-template`;
    c.add(`cluster template ${tpl}`, () => osDelete(['coe', 'cluster', 'template'], tpl));
    // (magnum's create commands print "Request to create ... accepted", not JSON.)
    await osRun(['coe', 'cluster', 'template', 'create', tpl, '--coe', 'kubernetes', '--image', 'stacklab-fedora-coreos',
      '--external-network', 'stacklab-public', '--keypair', 'stacklab-key', '--flavor', 'm1.tiny', '--master-flavor', 'm1.tiny',
      '--network-driver', 'flannel', '--docker-storage-driver', 'overlay2', '--floating-ip-disabled', '--dns-nameserver', '192.0.2.1']);
  });
  const tplName = `${prefix}-k8s-template`;

  const name = `${prefix}-cluster`;
  // --timeout (minutes) bounds the stack if signalling ever stops working: the cluster then fails.
  cleanup.add(`cluster ${name}`, async () => {
    // Magnum refuses to delete a cluster in the middle of an operation: let that end first.
    if (await waitCluster(name, 180_000, log) === null) return;
    await osDelete(['coe', 'cluster'], name);
    await waitCluster(name, 180_000, log);
  });
  const accepted = await osRun(['coe', 'cluster', 'create', name, '--cluster-template', tplName, '--master-count', '1', '--node-count', '1', '--timeout', '3']);
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(accepted)?.[0] ?? String((await osJson(['coe', 'cluster', 'show', name]))['uuid']);
  log(`create accepted: ${accepted.trim()}`);
  await eventually('berth clusters to show the create in progress', async () =>
    (await berthRows<ClusterRow[]>(prefix, ['clusters', '--name', `^${prefix}-`])).find((c) => c.clusterId === id && c.magnum?.status === 'CREATE_IN_PROGRESS'), LAG);

  let c = await waitCluster(id, 180_000, log);
  log(`create: ${String(c?.['status'])}`);
  if (c?.['status'] !== 'CREATE_COMPLETE') t.fail(`cluster create ended ${String(c?.['status'])}: ${String(c?.['status_reason'])}`);
  if (c === null) return;
  t.is(c['status'], 'CREATE_COMPLETE');
  const created = await clusterShows(t, prefix, c, 'cluster created');
  log('berth shows the created cluster');
  t.is(created.row.members.length, 2);

  await osRun(['coe', 'cluster', 'update', id, 'replace', 'node_count=2']);
  log('update accepted');
  const updating = await eventually('berth clusters to show the update accepted', async () =>
    (await berthRows<ClusterRow[]>(prefix, ['clusters', '--name', `^${prefix}-`])).find((x) => x.clusterId === id && x.magnum?.lastAction === 'update'), LAG);
  // Magnum's update notification precedes the new node count: berth shows it once the update ends.
  t.like(updating.magnum, { status: 'UPDATE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the update in progress');
  c = await waitCluster(id, 180_000, log);
  log(`update: ${String(c?.['status'])}`);
  if (c?.['status'] !== 'UPDATE_COMPLETE') t.fail(`cluster update ended ${String(c?.['status'])}: ${String(c?.['status_reason'])}`);
  if (c === null) return;
  t.is(c['node_count'], 2);
  const scaled = await clusterShows(t, prefix, c, 'cluster scaled to 2 nodes');
  log('berth shows the scaled cluster');
  t.is(scaled.row.members.length, 3);
  const memberIds = scaled.serverIds;
  const stackId = String(c['stack_id']);

  await osRun(['coe', 'cluster', 'delete', id]);
  log('delete accepted');
  const deleting = await eventually('berth clusters to show the delete accepted', async () =>
    (await berthRows<ClusterRow[]>(prefix, ['clusters', '--name', `^${prefix}-`])).find((x) => x.clusterId === id && x.magnum?.lastAction === 'delete'), LAG);
  t.like(deleting.magnum, { status: 'DELETE_IN_PROGRESS', lastOutcome: 'pending' }, 'berth clusters shows the delete in progress');
  c = await waitCluster(id, 150_000, log);
  log(`delete: ${c === null ? 'gone' : String(c['status'])}`);
  t.is(c, null, 'the cluster is gone');
  await eventually('the cluster to leave berth clusters', async () => !(await berthRows<ClusterRow[]>(prefix, ['clusters'])).some((x) => x.clusterId === id), LAG);
  await Promise.all([
    ...memberIds.map(async (vm) => vmShows(t, prefix, vm, await osShow(['server'], vm), `member ${vm} deleted with the cluster`)),
    (async () => stackShows(t, prefix, stackId, await osShow(['stack'], stackId), 'the cluster\'s stack deleted'))(),
    osDelete(['coe', 'cluster', 'template'], tplName),
  ]);
  await noDeadLetters(t, prefix);
  log('done');
});
