import test from 'ava';
import { reconcileEvents } from '../../../daemon/sources/openstack-api/reconcile-events.js';
import { summarizeEvent } from '../../../events/describe.js';
import { fold } from '../../../events/inventory.js';
import { KURYR_PORT, labRaw, seenOf, VM } from '../../daemon/openstack/lab-seen.js';

const AT = '2026-11-23T23:40:00.000000000Z';

test('API events read as one line each: what was seen, what drifted (before→after), what is gone', (t) => {
  const first = reconcileEvents(fold([]), { cloud: 'lab', at: AT, origin: 'snapshot' }, seenOf(labRaw()));
  const observed = first.find((e) => e.type === 'VmObserved' && e.subject.id === VM);
  t.is(observed && summarizeEvent(observed), 'vm t69ab2fbf-vm1 (f85dc252) ACTIVE on stacklab [api snapshot]');
  const host = first.find((e) => e.type === 'HostServicesObserved');
  t.is(host && summarizeEvent(host), 'host stacklab: 4 OpenStack service(s), all up [api snapshot]');
  const raw = labRaw();
  Object.assign(raw.servers.find((s) => s['id'] === VM) as object, { 'OS-EXT-STS:vm_state': 'stopped', 'OS-EXT-STS:power_state': 4 });
  raw.ports = raw.ports.filter((p) => p['id'] !== KURYR_PORT);
  const next = reconcileEvents(fold(first), { cloud: 'lab', at: '2026-11-23T23:45:00.000000000Z', origin: 'reconcile' }, seenOf(raw));
  t.deepEqual(next.map(summarizeEvent), [
    'vm t69ab2fbf-vm1 (f85dc252) drifted: state active→stopped, powerState running→shutdown [api reconcile]',
    'port t69ab2fbf-kuryr-renamed (386f341a) gone: not listed by the OpenStack API on reconcile',
  ]);
});
