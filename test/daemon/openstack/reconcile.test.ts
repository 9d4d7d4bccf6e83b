import test from 'ava';
import { reconcileEvents } from '../../../daemon/sources/openstack-api/reconcile-events.js';
import { vmView } from '../../../daemon/sources/openstack-api/views.js';
import { fold } from '../../../events/inventory.js';
import type { Inventory } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../../events/translate/openstack/index.js';
import { novaVersioned } from '../../support/amqp.js';
import { KURYR_PORT, labRaw, PROJECT, seenOf, VM, VM_PORT } from './lab-seen.js';

const AT1 = '2026-11-23T23:40:00.000000000Z';
const AT2 = '2026-11-23T23:45:00.000000000Z';
const AT3 = '2026-11-23T23:50:00.000000000Z';
const snap = { cloud: 'stacklab', at: AT1, origin: 'snapshot' as const };
const later = (at: string) => ({ cloud: 'stacklab', at, origin: 'reconcile' as const });

const types = (events: readonly OpsEvent[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
};

/** The lab as it was captured, read into an empty model, then folded. */
const started = (): { events: OpsEvent[]; inv: Inventory } => {
  const events = reconcileEvents(fold([]), snap, seenOf(labRaw()));
  return { events, inv: fold(events) };
};

test('a snapshot of a cloud the model never heard of observes everything in it', (t) => {
  const { events, inv } = started();
  t.deepEqual(types(events), { VmObserved: 2, NetworkObserved: 3, NeutronPortObserved: 7, StackChanged: 13, MagnumClusterObserved: 1, HostServicesObserved: 1 });
  t.true(events.every((e) => e.id.startsWith('osapi-') && e.source.kind === 'openstack' && e.at === AT1));
  const vm = inv.vms.get(VM);
  t.like(vm, { name: 't69ab2fbf-vm1', state: 'active', powerState: 'running', host: 'stacklab', flavor: 'm1.small', lastEventType: 'api.snapshot', api: { status: 'ACTIVE', hypervisorType: 'fake', containerBacked: false } });
  t.is(vm?.addresses[0]?.portId, VM_PORT);
  t.like(inv.ports.get(KURYR_PORT)?.neutron, { ownerKind: 'container', deviceOwner: 'compute:kuryr' });
  t.like(inv.hosts.get('stacklab'), { openstack: { firstSeenAt: AT1 } });
  t.is(inv.hosts.get('stacklab')?.services?.services.length, 4);
  t.is(inv.stacks.get('4dd268aa-72ae-456f-bb9a-3e148b560c77')?.state, 'CREATE_IN_PROGRESS');
  t.like(inv.clusters.get('a8616401-356a-4663-ab75-6c5f7016fc9e'), { kind: 'magnum', magnum: { status: 'CREATE_IN_PROGRESS', lastAction: 'observed' } });
});

test('reading an unchanged cloud again records nothing (a restart duplicates nothing)', (t) => {
  const { inv } = started();
  t.deepEqual(reconcileEvents(inv, later(AT2), seenOf(labRaw())), []);
});

test('event ids depend on the entity, the model and what was seen, not on when the read ran', (t) => {
  const a = reconcileEvents(fold([]), snap, seenOf(labRaw()));
  const b = reconcileEvents(fold([]), { ...snap, at: AT2 }, seenOf(labRaw()));
  t.deepEqual(a.map((e) => e.id), b.map((e) => e.id));
  t.is(new Set(a.map((e) => e.id)).size, a.length);
});

test('a server stopped and renamed behind berth\'s back drifts with the fields that differ, and the model takes the API\'s truth', (t) => {
  const { inv } = started();
  const raw = labRaw();
  const s = raw.servers.find((x) => x['id'] === VM) as Record<string, unknown>;
  Object.assign(s, { name: 't69ab2fbf-vm1-renamed', status: 'SHUTOFF', 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:power_state': 4 });
  const events = reconcileEvents(inv, later(AT2), seenOf(raw));
  t.deepEqual(types(events), { VmDrifted: 1 });
  const drift = events[0];
  if (drift?.type !== 'VmDrifted') return t.fail();
  t.deepEqual(drift.data.changes, [
    { path: 'name', before: 't69ab2fbf-vm1', after: 't69ab2fbf-vm1-renamed' },
    { path: 'state', before: 'active', after: 'stopped' },
    { path: 'powerState', before: 'running', after: 'shutdown' },
  ]);
  t.is(drift.data.origin, 'reconcile');
  t.truthy(drift.raw);
  const after = fold(events, inv);
  const vm = after.vms.get(VM);
  t.deepEqual(vmView(vm!, vm?.api), vmView(seenOf(raw).servers!.items.find((i) => i.facts.vm.vmId === VM)!.facts.vm, { status: 'SHUTOFF', hypervisorType: 'fake', containerBacked: false, fault: null }));
  t.is(vm?.api?.status, 'SHUTOFF');
  t.deepEqual(reconcileEvents(after, later(AT3), seenOf(raw)), [], 'converged: the next read finds nothing');
});

test('a server stopped, started and stopped again across reads gets a new event each time (no id reused)', (t) => {
  let { inv } = started();
  const ids: string[] = [];
  for (const [i, state] of (['stopped', 'active', 'stopped'] as const).entries()) {
    const raw = labRaw();
    Object.assign(raw.servers.find((x) => x['id'] === VM) as object, { 'OS-EXT-STS:vm_state': state, status: state === 'active' ? 'ACTIVE' : 'SHUTOFF' });
    const events = reconcileEvents(inv, later(`2026-11-23T23:4${i}:30.000000000Z`), seenOf(raw));
    t.is(events.length, 1);
    ids.push(...events.map((e) => e.id));
    inv = fold(events.map((e, n) => ({ ...e, seq: 100 + i * 10 + n })), inv);
  }
  t.is(new Set(ids).size, 3);
});

test('a port deleted behind berth\'s back vanishes, marked as found by the read; the delete is sticky', (t) => {
  const { inv } = started();
  const raw = labRaw();
  raw.ports = raw.ports.filter((p) => p['id'] !== KURYR_PORT);
  const events = reconcileEvents(inv, later(AT2), seenOf(raw));
  t.is(events.length, 1);
  t.like(events[0], { type: 'OpenStackEntityVanished', subject: { kind: 'port', id: KURYR_PORT }, data: { entity: 'port', id: KURYR_PORT, origin: 'reconcile', reason: 'not listed by the OpenStack API on reconcile' } });
  const after = fold(events, inv);
  t.false(after.ports.has(KURYR_PORT));
  // The port's old create notification, arriving late, does not bring it back.
  const late = reconcileEvents(fold([]), snap, seenOf(labRaw())).filter((e) => e.subject.id === KURYR_PORT);
  t.false(fold(late, after).ports.has(KURYR_PORT));
});

test('a listing of one project only judges that project\'s entities gone', (t) => {
  const { inv } = started();
  const raw = labRaw();
  raw.servers = [];
  t.is(reconcileEvents(inv, later(AT2), seenOf(raw, 'some-other-project')).filter((e) => e.type === 'OpenStackEntityVanished').length, 0);
  t.is(reconcileEvents(inv, later(AT2), seenOf(raw, PROJECT)).filter((e) => e.type === 'OpenStackEntityVanished').length, 2);
});

test('a listing that could not be read judges nothing of its kind', (t) => {
  const { inv } = started();
  t.deepEqual(reconcileEvents(inv, later(AT2), { ...seenOf({ ...labRaw(), servers: [], ports: [] }), servers: null, ports: null }), []);
});

test('an entity the model changed after the read began is not judged by it', (t) => {
  const { inv } = started();
  const raw = labRaw();
  Object.assign(raw.servers.find((x) => x['id'] === VM) as object, { 'OS-EXT-STS:vm_state': 'stopped' });
  raw.ports = [];
  t.deepEqual(reconcileEvents(inv, { ...later(AT1) }, seenOf(raw)), []);
});

test('nova-compute going down drifts the host\'s services', (t) => {
  const { inv } = started();
  const raw = labRaw();
  Object.assign(raw.services.find((s) => s['binary'] === 'nova-compute') as object, { state: 'down' });
  const events = reconcileEvents(inv, later(AT2), seenOf(raw));
  t.is(events.length, 1);
  if (events[0]?.type !== 'HostServicesDrifted') return t.fail();
  t.deepEqual(events[0].data.changes.map((c) => c.path), ['services']);
  t.is(fold(events, inv).hosts.get('stacklab')?.services?.services.find((s) => s.binary === 'nova-compute')?.state, 'down');
});

test('a VM the notifications made differs from the API only in what only the API says, which later notifications keep', (t) => {
  const note = decodeOslo(novaVersioned({ messageId: 'm1', uuid: VM, name: 't69ab2fbf-vm1', state: 'active', action: 'create', timestamp: '2026-11-23 23:25:31.5', host: 'stacklab' }));
  if (!note.ok) return t.fail(note.reason);
  const fromNote = translateOpenStack(note.message, '2026-11-23T23:25:32.000000000Z');
  const { events } = started();
  // The notification of the builder has no addresses and another project: give the model the API's for the rest.
  const apiVm = events.find((e) => e.type === 'VmObserved' && e.subject.id === VM);
  if (apiVm?.type !== 'VmObserved') return t.fail();
  const patched = fromNote.map((e) => (e.type === 'VmCreated' ? { ...e, data: { ...e.data, vm: { ...apiVm.data.vm, state: 'active', taskState: null } } } : e));
  const inv = fold([...patched, ...events.filter((e) => e.subject.id !== VM)]);
  const drift = reconcileEvents(inv, later(AT2), seenOf(labRaw())).filter((e) => e.subject.id === VM);
  // Notifications never say the hypervisor type: the API's first word on it fills the model in, no drift.
  t.deepEqual(drift.map((e) => e.type), ['VmObserved']);
  t.not(drift[0]?.id, apiVm.id, 'another event than the snapshot of an empty model');
  // A later notification keeps what only the API said, so the next read finds nothing.
  const after = fold([...drift, ...translateOpenStack(note.message, AT3).map((e) => ({ ...e, id: 'm2', at: AT3 }))], inv);
  t.like(after.vms.get(VM)?.api, { hypervisorType: 'fake' });
});
