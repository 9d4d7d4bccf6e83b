import type { Cluster } from './cluster.js';
import type { Container } from './container.js';
import type { Host } from './host.js';
import type { Inventory } from './inventory.js';
import type { Port } from './port.js';

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
