import type { ClusterSnapshot } from '../../../events/cluster.js';
import type { Container, ContainerSnapshot } from '../../../events/container.js';
import type { Inventory } from '../../../events/inventory.js';
import { NEUTRON_DRIVER } from '../../../events/network.js';
import type { NetworkSnapshot } from '../../../events/network.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { Stamp } from './records.js';
import { clusterObserved, containerObserved, containerVanished, networkObserved, networkVanished, resyncCause } from './records.js';

const SNAPSHOT_KEYS: readonly (keyof ContainerSnapshot)[] = [
  'containerId', 'name', 'image', 'imageId', 'command', 'state', 'exitCode', 'oomKilled', 'health', 'healthcheck',
  'labels', 'ports', 'networks', 'createdAt', 'startedAt', 'finishedAt', 'restartCount', 'swarm',
];

/** The inspect-shaped part of a model container, for comparing with a fresh inspect. */
export const snapshotOf = (c: Container): ContainerSnapshot =>
  Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, c[k]])) as unknown as ContainerSnapshot;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Pure: what to record after re-listing an engine, given the model. Only differences become
 * events, so a resync of an unchanged engine writes nothing (the engine keeps 256 past events
 * only; this is how a gap is closed).
 */
export const resyncEvents = (
  inv: Inventory, s: Stamp,
  seen: Readonly<{ containers: readonly ContainerSnapshot[]; networks: readonly NetworkSnapshot[]; cluster: ClusterSnapshot | null }>,
): OpsEvent[] => {
  const out: OpsEvent[] = [];
  const listed = new Set<string>();
  for (const c of seen.containers) {
    listed.add(c.containerId);
    const had = inv.containers.get(c.containerId);
    if (had && had.host === s.host && same(snapshotOf(had), c)) continue;
    out.push(containerObserved(s, c, resyncCause(s.host, c.containerId, had?.seq ?? 0, c)));
  }
  // Entities changed after the list was taken (by events processed meanwhile) are not judged by it.
  // Zun containers (keyed by Zun uuid) share their compute host's name but are not the engine's to judge.
  for (const c of inv.containers.values()) {
    if (c.host === s.host && c.zun === undefined && !listed.has(c.containerId) && c.updatedAt < s.at) out.push(containerVanished(s, c.containerId, c.seq));
  }
  const nets = new Set<string>();
  for (const n of seen.networks) {
    nets.add(n.networkId);
    const had = inv.networks.get(n.networkId);
    if (had && same({ networkId: had.networkId, name: had.name, driver: had.driver, scope: had.scope }, n)) continue;
    out.push(networkObserved(s, n, had?.seq ?? 0));
  }
  // Neutron networks carry the host of the neutron-server that announced them, which under Kolla is
  // also the name of the Docker engine on that machine: they are not the engine's to judge either.
  for (const n of inv.networks.values()) {
    if (n.host === s.host && n.driver !== NEUTRON_DRIVER && !nets.has(n.networkId) && n.updatedAt < s.at) out.push(networkVanished(s, n.networkId, n.seq));
  }
  out.push(...clusterEvents(inv, s, seen.cluster));
  return out;
};

/** A ClusterObserved when the listed swarm differs from the model's. */
export const clusterEvents = (inv: Inventory, s: Stamp, cluster: ClusterSnapshot | null): OpsEvent[] => {
  if (!cluster) return [];
  const had = inv.clusters.get(cluster.clusterId);
  return had && same(clusterPart(had), cluster) ? [] : [clusterObserved(s, cluster, had?.seq ?? 0)];
};

/** The observed part of a model cluster (without the fold's bookkeeping). */
export const clusterPart = (c: ClusterSnapshot): ClusterSnapshot => ({
  clusterId: c.clusterId, kind: c.kind, name: c.name, managerHost: c.managerHost, nodes: c.nodes, services: c.services, tasks: c.tasks,
});
