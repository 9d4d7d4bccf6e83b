import test from 'ava';
import { fold } from '../../../events/inventory.js';
import type { Inventory } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { clusterMembers, portsOfVm, stacksOf, vmsMatching } from '../../../events/queries.js';
import { corpusEntry, corpusFilesUnder, translateBody } from '../../support/openstack-corpus.js';

const TEMPLATES = corpusFilesUnder('nova/legacy/stacktach-notigen-templates').filter((f) => f.endsWith('.json'));

const eventsOf = (rel: string): OpsEvent[] => {
  const e = corpusEntry(rel);
  if (e.kind !== 'bodies') throw new Error(rel);
  return e.bodies.flatMap(translateBody);
};

/** Deterministic shuffle (mulberry32), so that a failure reproduces. */
const shuffled = <T>(xs: readonly T[], seed: number): T[] => {
  let a = seed;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** The model without seq/counters: what must not depend on delivery order. */
const model = (inv: Inventory) => ({
  vms: [...inv.vms.entries()].sort(), ports: [...inv.ports.entries()].sort(), stacks: [...inv.stacks.entries()].sort(),
  clusters: [...inv.clusters.entries()].sort(), tombstones: [...inv.tombstones].sort(),
});

for (const rel of TEMPLATES) {
  const name = rel.split('/').pop() ?? rel;
  test(`${name} folds to the same final state in order, shuffled, and with duplicates`, (t) => {
    const events = eventsOf(rel);
    const inOrder = model(fold(events));
    for (const seed of [1, 2, 3, 42, 1234]) {
      const dup = shuffled([...events, ...shuffled(events, seed + 7).slice(0, Math.ceil(events.length / 2))], seed);
      t.deepEqual(model(fold(dup)), inOrder, `seed ${seed}`);
    }
    t.snapshot(inOrder.vms.map(([id, v]) => ({ id, state: v.state, taskState: v.taskState, flavor: v.flavor, host: v.host, lastEventType: v.lastEventType })).concat(
      inOrder.tombstones.map((k) => ({ id: k, state: 'tombstone', taskState: null, flavor: null, host: null, lastEventType: '' }))));
  });
}

test('the StackTach sequences end in the states their operations produce', (t) => {
  const final = (f: string) => fold(eventsOf(TEMPLATES.find((x) => x.endsWith(f)) ?? f));
  const deleted = final('compute.instance.delete.start_8.json');
  t.is(deleted.vms.size, 0);
  t.true([...deleted.tombstones].some((k) => k.startsWith('vm.')));
  const off = [...final('compute.instance.power_off.start_4.json').vms.values()][0];
  t.is(off?.state, 'stopped');
  const resized = final('compute.instance.resize.confirm.start_4.json');
  t.true([...resized.vms.values()].every((v) => v.state === 'active'));
});

test('with notification_format=both the VM keeps the versioned family', (t) => {
  const versioned = eventsOf('oslo/generated/nova-versioned-instance.create.end__versioned_notifications.info.body.json');
  const v = versioned[0];
  if (v?.type !== 'VmCreated') return t.fail();
  const legacyTwin: OpsEvent = { ...v, id: 'os-legacy-twin', at: v.at.replace(/\.\d{9}Z$/, '.999999999Z'), data: { ...v.data, family: 'legacy', eventType: 'compute.instance.update', vm: { ...v.data.vm, state: 'building' } } };
  for (const order of [[v, legacyTwin], [legacyTwin, v]]) {
    const vm = fold(order).vms.get(v.data.vm.vmId);
    t.is(vm?.family, 'versioned');
    t.is(vm?.state, 'active');
  }
});

test('a port deleted stays deleted when an older update arrives late', (t) => {
  const files = corpusFilesUnder('neutron/searchlight');
  const create = eventsOf(files.find((f) => f.endsWith('ports__port.create.end.json')) ?? '');
  const del = eventsOf(files.find((f) => f.endsWith('ports__port.delete.end.json')) ?? '');
  const attach = eventsOf(files.find((f) => f.endsWith('ports__port_attach.json')) ?? '');
  const inv = fold([...create, ...del, ...attach]);
  const id = del[0]?.subject.id ?? '';
  t.false(inv.ports.has(id));
  t.true(inv.tombstones.has(`port.${id.replace(/[^\w-]/g, (c) => '=' + c.charCodeAt(0).toString(16).toUpperCase())}`));
});

test('a port bound to a VM is linked through device_id and device_owner', (t) => {
  const attach = eventsOf(corpusFilesUnder('neutron/searchlight').find((f) => f.endsWith('ports__port_attach.json')) ?? '');
  const inv = fold(attach);
  const [p] = portsOfVm(inv, '939d5843-5ca0-4e63-86f2-7a945724618c');
  t.is(p?.kind, 'neutron');
  t.is(p?.host, 'devstack');
  t.is(p?.neutron?.ownerKind, 'vm');
});

test('heat stacks fold to their newest state and a failed delete keeps the stack', (t) => {
  const events = corpusFilesUnder('heat/generated').filter((f) => f.endsWith('body.json')).flatMap(eventsOf);
  const inv = fold(shuffled(events, 5));
  const [s] = stacksOf(inv);
  t.is(s?.state, 'DELETE_FAILED');
  t.is(s?.name, 'simple_stack');
});

test('a Magnum cluster goes pending → complete and lists its member VMs by stack name and address', (t) => {
  const mag = corpusFilesUnder('magnum/generated').filter((f) => /create-(pending|success)__/.test(f)).flatMap(eventsOf);
  const cluster = mag[0];
  if (cluster?.type !== 'MagnumClusterObserved') return t.fail();
  const stackId = cluster.data.cluster.magnum?.stackId ?? '';
  const base = { id: 'os-s', at: cluster.at, observedAt: cluster.at, source: { kind: 'openstack' as const, host: 'h' }, v: 1 as const };
  const stack: OpsEvent = { ...base, type: 'StackChanged', subject: { kind: 'stack', id: stackId }, data: { eventType: 'orchestration.stack.create.end', stack: { stackId, name: 'k8s-abc', action: 'CREATE', status: 'COMPLETE', state: 'CREATE_COMPLETE', stateReason: '', projectId: null, createdAt: null } } };
  const vm = (id: string, name: string, address: string): OpsEvent => ({ ...base, id: `os-${id}`, type: 'VmCreated', subject: { kind: 'vm', id }, data: { family: 'versioned', eventType: 'instance.create.end', fault: null, vm: { vmId: id, name, host: 'c1', node: 'c1', state: 'active', taskState: null, powerState: 'running', flavor: 'm1', projectId: null, userId: null, availabilityZone: 'nova', imageId: null, addresses: [{ address, network: 'n', mac: '', portId: null }], createdAt: null, launchedAt: null } } });
  const inv = fold([...shuffled(mag, 9), stack, vm('v1', 'k8s-abc-master-0', '10.0.0.1'), vm('v2', 'other', '172.24.4.13'), vm('v3', 'unrelated', '10.9.9.9')]);
  const c = inv.clusters.get(cluster.data.cluster.clusterId);
  t.is(c?.kind, 'magnum');
  t.is(c?.magnum?.status, 'CREATE_COMPLETE');
  t.deepEqual(clusterMembers(inv, c!).map((v) => v.name), ['k8s-abc-master-0', 'other']);
  t.is(vmsMatching(inv, { az: 'nova', state: 'active' }).length, 3);
  t.is(vmsMatching(inv, { state: 'ACTIVE' }).length, 3, 'a state as the openstack CLI prints it');
  t.deepEqual(stacksOf(inv).map((s) => s.name), ['k8s-abc']);
});

test('project filters take the whole id or its first 3+ characters; fewer characters must be the whole id', (t) => {
  const base = { at: '2026-11-23T00:00:00.000000000Z', observedAt: '2026-11-23T00:00:00.000000000Z', source: { kind: 'openstack' as const, host: 'h' }, v: 1 as const };
  const vm = (id: string, projectId: string): OpsEvent => ({ ...base, id: `os-${id}`, type: 'VmCreated', subject: { kind: 'vm', id }, data: { family: 'versioned', eventType: 'instance.create.end', fault: null, vm: { vmId: id, name: id, host: 'c1', node: 'c1', state: 'active', taskState: null, powerState: 'running', flavor: 'm1', projectId, userId: null, availabilityZone: 'nova', imageId: null, addresses: [], createdAt: null, launchedAt: null } } });
  const inv = fold([vm('v1', '6f70656e737461636b6465763132333435'), vm('v2', '6f7000000000000000000000000000ab'), vm('v3', 'ab')]);
  const ids = (project: string): string[] => vmsMatching(inv, { project }).map((v) => v.vmId);
  t.deepEqual(ids('6f70656e'), ['v1']);
  t.deepEqual(ids('6f7'), ['v1', 'v2']);
  t.deepEqual(ids('6f'), [], 'two characters are no prefix');
  t.deepEqual(ids('ab'), ['v3'], 'but they are a whole id');
  t.deepEqual(ids('6f70656e737461636b6465763132333435'), ['v1']);
});
