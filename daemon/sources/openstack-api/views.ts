import type { ClusterSnapshot } from '../../../events/cluster.js';
import type { NetworkSnapshot } from '../../../events/network.js';
import type { VmApiFacts } from '../../../events/openstack-api.js';
import type { StackFacts } from '../../../events/stack.js';
import type { VmFacts } from '../../../events/vm.js';

/**
 * The parts of each entity that the APIs and the notifications both say, in one form, so that a
 * model built from notifications and a fresh API read compare equal when nothing changed. Left
 * out: times (their precision differs by source), state reasons (free text), the notification
 * bookkeeping (`lastAction`, the publisher host).
 */
export const vmView = (v: VmFacts, api: VmApiFacts | undefined) => ({
  name: v.name, state: v.state, taskState: v.taskState, powerState: v.powerState, host: v.host, node: v.node, flavor: v.flavor,
  projectId: v.projectId, availabilityZone: v.availabilityZone, imageId: v.imageId,
  addresses: v.addresses.map((a) => ({ address: a.address, network: a.network, mac: a.mac })).sort((a, b) => a.address.localeCompare(b.address) || a.network.localeCompare(b.network)),
  hypervisorType: api?.hypervisorType ?? null,
  containerBacked: api?.containerBacked ?? false,
});

export const networkView = (n: NetworkSnapshot) => ({ name: n.name, driver: n.driver, scope: n.scope, projectId: n.projectId ?? null });

export const stackView = (s: StackFacts) => ({ name: s.name, action: s.action, status: s.status, state: s.state, projectId: s.projectId });

export const clusterView = (c: ClusterSnapshot) => {
  const m = c.magnum;
  return {
    name: c.name, status: m?.status ?? '', stackId: m?.stackId ?? '', projectId: m?.projectId ?? null, masterCount: m?.masterCount ?? 0,
    nodeCount: m?.nodeCount ?? 0, masterAddresses: m?.masterAddresses ?? [], nodeAddresses: m?.nodeAddresses ?? [], apiAddress: m?.apiAddress ?? '', templateId: m?.templateId ?? '',
  };
};
