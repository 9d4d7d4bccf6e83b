import type { Cluster } from './cluster.js';
import type { Container } from './container.js';
import type { Host } from './host.js';
import type { Inventory } from './inventory.js';
import type { Port } from './port.js';
import type { Stack } from './stack.js';
import type { Vm } from './vm.js';

// Links the OpenStack APIs make: Zun and nova-docker twins, a host's OpenStack services (events/openstack-links.ts).
export { containerOfVm, dockerTwinOfZun, openStackHostOf, servicesSummary, zunOfDocker } from './openstack-links.js';

/** Filters the list commands share. All given ones must match. */
export type ContainerFilter = Readonly<{
  host?: string;
  state?: string;
  /** `key=value` (or just `key`) pairs that must all be present. */
  labels?: readonly string[];
  name?: RegExp;
}>;

const labelMatch = (labels: Readonly<Record<string, string>>, want: string): boolean => {
  const i = want.indexOf('=');
  if (i < 0) return Object.hasOwn(labels, want);
  return labels[want.slice(0, i)] === want.slice(i + 1);
};

/** Containers matching a filter, sorted by host then name. */
export const containersMatching = (inv: Pick<Inventory, 'containers'>, f: ContainerFilter = {}): Container[] =>
  [...inv.containers.values()]
    .filter((c) => (f.host === undefined || c.host === f.host)
      && (f.state === undefined || c.state === f.state)
      && (f.labels ?? []).every((l) => labelMatch(c.labels, l))
      && (f.name === undefined || f.name.test(c.name)))
    .sort((a, b) => a.host.localeCompare(b.host) || a.name.localeCompare(b.name) || a.containerId.localeCompare(b.containerId));

/** Containers on one host. */
export const containersOnHost = (inv: Pick<Inventory, 'containers'>, hostId: string): Container[] =>
  containersMatching(inv, { host: hostId });

/** Published ports, optionally of one host or one container. */
export const portsOf = (inv: Pick<Inventory, 'ports'>, f: Readonly<{ host?: string; containerId?: string }> = {}): Port[] =>
  [...inv.ports.values()]
    .filter((p) => (f.host === undefined || p.host === f.host) && (f.containerId === undefined || p.containerId === f.containerId))
    .sort((a, b) => a.host.localeCompare(b.host) || a.hostPort - b.hostPort || a.hostIp.localeCompare(b.hostIp));

/** Hosts sorted by id. */
export const hostsOf = (inv: Pick<Inventory, 'hosts'>): Host[] => [...inv.hosts.values()].sort((a, b) => a.id.localeCompare(b.id));

/** Clusters sorted by name. */
export const clustersOf = (inv: Pick<Inventory, 'clusters'>): Cluster[] =>
  [...inv.clusters.values()].sort((a, b) => a.name.localeCompare(b.name) || a.clusterId.localeCompare(b.clusterId));

/** The containers that are tasks of a swarm cluster (linked by their swarm labels). */
export const clusterContainers = (inv: Pick<Inventory, 'containers'>, cluster: Cluster): Container[] => {
  const services = new Set(cluster.services.map((s) => s.serviceId));
  const tasks = new Set(cluster.tasks.map((t) => t.containerId).filter((x): x is string => x !== null));
  return [...inv.containers.values()].filter((c) => tasks.has(c.containerId) || (c.swarm !== null && services.has(c.swarm.serviceId)));
};

/** Filters of `berth vms`. All given ones must match. */
export type VmFilter = Readonly<{ project?: string; host?: string; state?: string; az?: string; name?: RegExp }>;

/** VMs matching a filter, sorted by host then name. */
export const vmsMatching = (inv: Pick<Inventory, 'vms'>, f: VmFilter = {}): Vm[] =>
  [...inv.vms.values()]
    .filter((v) => (f.project === undefined || v.projectId === f.project)
      && (f.host === undefined || v.host === f.host)
      && (f.state === undefined || v.state === f.state)
      && (f.az === undefined || v.availabilityZone === f.az)
      && (f.name === undefined || f.name.test(v.name)))
    .sort((a, b) => (a.host ?? '').localeCompare(b.host ?? '') || a.name.localeCompare(b.name) || a.vmId.localeCompare(b.vmId));

/** Heat stacks, optionally of one project, sorted by name. */
export const stacksOf = (inv: Pick<Inventory, 'stacks'>, f: Readonly<{ project?: string }> = {}): Stack[] =>
  [...inv.stacks.values()]
    .filter((s) => f.project === undefined || s.projectId === f.project)
    .sort((a, b) => a.name.localeCompare(b.name) || a.stackId.localeCompare(b.stackId));

/** Neutron ports whose `device_id` is this VM. */
export const portsOfVm = (inv: Pick<Inventory, 'ports'>, vmId: string): Port[] =>
  [...inv.ports.values()].filter((p) => p.neutron?.ownerKind === 'vm' && p.neutron.deviceId === vmId).sort((a, b) => a.id.localeCompare(b.id));

/**
 * The VMs of a Magnum cluster: servers named after its Heat stack (`<stack name>-master-<i>`,
 * `<stack name>-node-<i>`), or holding one of its master/node addresses. Empty for swarm clusters.
 */
export const clusterMembers = (inv: Pick<Inventory, 'vms' | 'stacks'>, cluster: Cluster): Vm[] => {
  const m = cluster.magnum;
  if (m === undefined) return [];
  const stackName = inv.stacks.get(m.stackId)?.name ?? '';
  const member = stackName === '' ? null : new RegExp(`^${stackName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(master|node)-\\d+$`);
  const addrs = new Set([...m.masterAddresses, ...m.nodeAddresses]);
  return [...inv.vms.values()]
    .filter((v) => (member !== null && member.test(v.name)) || v.addresses.some((a) => addrs.has(a.address)))
    .sort((a, b) => a.name.localeCompare(b.name));
};
