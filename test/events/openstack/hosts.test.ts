import test from 'ava';
import { fold } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../../events/translate/openstack/index.js';
import { aHostObserved } from '../../support/builders.js';
import { novaVersioned } from '../../support/amqp.js';

const vmOn = (host: string): OpsEvent[] => {
  const d = decodeOslo(novaVersioned({ messageId: 'm-1', uuid: 'u-1', name: 'web', state: 'active', action: 'create', timestamp: '2026-11-23 10:00:00.000001', host }));
  if (!d.ok) throw new Error(d.reason);
  return translateOpenStack(d.message, '2026-11-23T10:00:01.000000000Z');
};

test('a compute host is known from the publisher of its notifications', (t) => {
  const inv = fold(vmOn('compute-7'));
  const h = inv.hosts.get('compute-7');
  t.truthy(h?.openstack);
  t.is(h?.docker, null);
  t.is(inv.vms.get('u-1')?.host, 'compute-7');
});

test('a host that is both a Docker engine and a compute node is one entity with both sides', (t) => {
  const docker = aHostObserved({ hostId: 'node-1' });
  const inv = fold([docker, ...vmOn('node-1')]);
  t.is(inv.hosts.size, 1);
  t.truthy(inv.hosts.get('node-1')?.docker);
  t.truthy(inv.hosts.get('node-1')?.openstack);
  const later = fold([...vmOn('node-1'), docker]);
  t.truthy(later.hosts.get('node-1')?.docker);
  t.truthy(later.hosts.get('node-1')?.openstack, 'an engine description keeps the OpenStack side');
});
