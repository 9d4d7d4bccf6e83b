import test from 'ava';
import { hostRows } from '../../../cli/lists/others.js';
import type { ModelView } from '../../../daemon/query/client.js';
import type { Container } from '../../../events/container.js';
import { blankContainer } from '../../../events/container-slice.js';
import { hostStub } from '../../../events/slices.js';
import type { Vm } from '../../../events/vm.js';

const AT = '2026-11-23T03:00:00.000000000Z';
const view = (containers: Container[], vms: Partial<Vm>[]): ModelView => ({
  hosts: new Map(['a', 'b', 'c'].map((id) => [id, hostStub(id, AT)])),
  containers: new Map(containers.map((c) => [c.containerId, c])),
  vms: new Map(vms.map((v, i) => [`vm${i}`, { vmId: `vm${i}`, updatedAt: AT, ...v } as Vm])),
  networks: new Map(), clusters: new Map(), ports: new Map(), stacks: new Map(), neutron: new Map(), meta: null,
});

test('each host counts the containers (running ones apart) and VMs on it, and a VM host berth has no host entity for becomes one', (t) => {
  const c = (id: string, host: string, state: Container['state']): Container => ({ ...blankContainer(id, host, AT), state });
  const v = view(
    [c('1', 'a', 'running'), c('2', 'a', 'exited'), c('3', 'b', 'running'), c('4', 'z', 'running')],
    [{ host: 'b', availabilityZone: 'nova' }, { host: 'b', availabilityZone: 'az2' }, { host: 'd', availabilityZone: 'nova' }, { host: null }],
  );
  const rows = hostRows(v, {}).map((h) => [h.id, h.containers, h.running, h.vms, h.azs.join('|'), h.kind]);
  t.deepEqual(rows, [
    ['a', 2, 1, 0, '', 'unknown'],
    ['b', 1, 1, 2, 'az2|nova', 'compute'],
    ['c', 0, 0, 0, '', 'unknown'],
    ['d', 0, 0, 1, 'nova', 'compute'],
  ]);
  // --kind takes the KIND column's word.
  t.deepEqual(hostRows(v, { kind: 'compute' }).map((h) => h.id), ['b', 'd']);
  t.deepEqual(hostRows(v, { kind: 'openstack' }).map((h) => h.id), ['b', 'd']);
});
