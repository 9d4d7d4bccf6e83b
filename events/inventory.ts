import type { Cluster } from './cluster.js';
import type { Container } from './container.js';
import { evolveContainer } from './container-slice.js';
import type { Host } from './host.js';
import { timeOf } from './fact-times.js';
import { entityKey } from './ids.js';
import type { Network } from './network.js';
import type { OpsEvent } from './ops-event.js';
import type { Port } from './port.js';
import { publishedPortId } from './port.js';
import type { Recorded } from './envelope.js';
import { evolveCluster, evolveHost, evolveNetwork, hostStub, isStub } from './slices.js';
import { openStackApiChange } from './openstack-api-fold.js';
import { evolveMagnumCluster, evolveNeutronPort, evolveNeutronResource, evolveStack, evolveVm } from './openstack-slices.js';
import type { NeutronResource } from './neutron-resource.js';
import type { Stack } from './stack.js';
import type { Vm } from './vm.js';

/**
 * The model: every entity berth knows, keyed by id. `tombstones` makes deletes sticky: an entity
 * deleted at time T ignores every later-arriving event (ids are never reused).
 */
export type Inventory = {
  hosts: Map<string, Host>;
  containers: Map<string, Container>;
  networks: Map<string, Network>;
  clusters: Map<string, Cluster>;
  ports: Map<string, Port>;
  /** OpenStack instances, by uuid. */
  vms: Map<string, Vm>;
  /** Heat stacks, by uuid. */
  stacks: Map<string, Stack>;
  /** Neutron subnets, routers, floating IPs and security groups, by uuid. */
  neutron: Map<string, NeutronResource>;
  /** `<kind>.<encoded id>` of every deleted entity. */
  tombstones: Set<string>;
  counters: { events: number; unrecognized: number; lastSeq: number };
};

/** Model entity kinds; each has its own map in the inventory and key prefix in the bucket. */
export type EntityKind = 'host' | 'container' | 'network' | 'cluster' | 'port' | 'vm' | 'stack' | 'neutron';

/** A change the fold made: the KV projection writes `value` (or deletes the key when null). */
export type EntityChange = Readonly<{ kind: EntityKind; id: string; key: string; value: unknown }>;

export const initialInventory = (): Inventory => ({
  hosts: new Map(), containers: new Map(), networks: new Map(), clusters: new Map(), ports: new Map(),
  vms: new Map(), stacks: new Map(), neutron: new Map(), tombstones: new Set(), counters: { events: 0, unrecognized: 0, lastSeq: 0 },
});

/**
 * Applies one event to a draft inventory **in place** and returns what changed. This is the fold's
 * engine: copying maps of 100k entities per event would make replay O(n²), so immutability is kept
 * at the entity level (entities are replaced, never mutated) and `evolve` offers the pure form.
 */
export const applyEvent = (inv: Inventory, e: OpsEvent & { seq?: number }): EntityChange[] => {
  const changes: EntityChange[] = [];
  apply(inv, e, changes);
  return changes;
};

/** `applyEvent` for a fold that does not ask what changed (a replay): the same model, no list of changes made. */
export const foldEvent = (inv: Inventory, e: OpsEvent & { seq?: number }): void => {
  apply(inv, e, null);
};

/** Whether the entity was deleted (sticky). Most models hold no tombstone: then no key is made. */
const buried = (inv: Inventory, kind: EntityKind, id: string): boolean => inv.tombstones.size !== 0 && inv.tombstones.has(entityKey(kind, id));

/** Applies `e` to `inv`; what changed is pushed to `changes` unless it is null. */
const apply = (inv: Inventory, e: OpsEvent & { seq?: number }, changes: EntityChange[] | null): void => {
  if (e.seq !== undefined && e.seq > inv.counters.lastSeq) inv.counters.lastSeq = e.seq;
  // A seal vouches for other records (audit verify reads it); it is no change to the model and no event to count.
  if (e.type === 'ChainSealed') return;
  inv.counters.events += 1;
  ensureOpenStackHost(inv, e, changes);
  switch (e.type) {
    case 'ContainerCreated': case 'ContainerStarted': case 'ContainerRestarted': case 'ContainerDied':
    case 'ContainerStopped': case 'ContainerKilled': case 'ContainerPaused': case 'ContainerUnpaused':
    case 'ContainerRenamed': case 'ContainerUpdated': case 'ContainerOomKilled': case 'ContainerHealthChanged':
    case 'ContainerExecRan': case 'ContainerActivity': case 'ContainerNetworkConnected':
    case 'ContainerNetworkDisconnected': case 'ContainerDestroyed': case 'ContainerObserved': case 'ContainerVanished': {
      const id = e.type === 'ContainerObserved' ? e.data.container.containerId : e.data.containerId;
      if (id === '') break;
      ensureHost(inv, e, changes);
      if (buried(inv, 'container', id)) break;
      const prev = inv.containers.get(id);
      const next = evolveContainer(prev, e);
      if (next === prev) break;
      setEntity(inv, inv.containers, 'container', id, next, changes);
      syncPorts(inv, prev, next, changes);
      break;
    }
    case 'HostObserved': case 'HostConnectionChanged': {
      const id = e.data.hostId;
      const prev = inv.hosts.get(id);
      const next = evolveHost(prev, e);
      if (next !== prev) setEntity(inv, inv.hosts, 'host', id, next, changes);
      break;
    }
    case 'NetworkCreated': case 'NetworkRemoved': case 'NetworkObserved': case 'NetworkVanished': {
      const id = e.type === 'NetworkObserved' ? e.data.network.networkId : e.data.networkId;
      if (buried(inv, 'network', id)) break;
      const prev = inv.networks.get(id);
      const next = evolveNetwork(prev, e);
      if (next !== prev) setEntity(inv, inv.networks, 'network', id, next, changes);
      break;
    }
    case 'ClusterObserved': {
      const id = e.data.cluster.clusterId;
      const prev = inv.clusters.get(id);
      const next = evolveCluster(prev, e);
      if (next !== prev) setEntity(inv, inv.clusters, 'cluster', id, next, changes);
      break;
    }
    case 'Unrecognized':
      inv.counters.unrecognized += 1;
      break;
    // Actions change the model only through what the engine or Nova then reports (their own events).
    case 'ServiceChanged': case 'SwarmNodeChanged': case 'EngineObjectChanged': case 'OpenStackNotified':
    case 'ActionRequested': case 'ActionSucceeded': case 'ActionFailed': case 'ActionRefused':
      break;
    case 'VmCreated': case 'VmStateChanged': case 'VmResized': case 'VmDeleted': {
      const id = e.type === 'VmDeleted' ? e.data.vmId : e.data.vm.vmId;
      if (id === '' || buried(inv, 'vm', id)) break;
      const prev = inv.vms.get(id);
      const next = evolveVm(prev, e);
      if (next !== prev) setEntity(inv, inv.vms, 'vm', id, next, changes);
      break;
    }
    case 'StackChanged': case 'StackDeleted': {
      const id = e.type === 'StackDeleted' ? e.data.stackId : e.data.stack.stackId;
      if (id === '' || buried(inv, 'stack', id)) break;
      const prev = inv.stacks.get(id);
      const next = evolveStack(prev, e);
      if (next !== prev) setEntity(inv, inv.stacks, 'stack', id, next, changes);
      break;
    }
    case 'NeutronPortObserved': case 'NeutronPortDeleted': {
      const id = e.type === 'NeutronPortDeleted' ? e.data.portId : e.data.port.portId;
      if (id === '' || buried(inv, 'port', id)) break;
      const prev = inv.ports.get(id);
      const next = evolveNeutronPort(prev, e);
      if (next === prev) break;
      setEntity(inv, inv.ports, 'port', id, next, changes);
      // Published ports are derived and may come back; Neutron port uuids are never reused.
      if (next === null) inv.tombstones.add(entityKey('port', id));
      break;
    }
    case 'NeutronResourceObserved': case 'NeutronResourceDeleted': {
      const id = e.type === 'NeutronResourceDeleted' ? e.data.id : e.data.resource.id;
      if (id === '' || buried(inv, 'neutron', id)) break;
      const prev = inv.neutron.get(id);
      const next = evolveNeutronResource(prev, e);
      if (next !== prev) setEntity(inv, inv.neutron, 'neutron', id, next, changes);
      break;
    }
    // Snapshot and reconcile of the OpenStack APIs (events/openstack-api-fold.ts).
    case 'VmObserved': case 'VmDrifted': case 'NeutronPortDrifted': case 'NetworkDrifted': case 'StackDrifted':
    case 'MagnumClusterDrifted': case 'ZunContainerObserved': case 'ZunContainerDrifted': case 'HostServicesObserved':
    case 'HostServicesDrifted': case 'OpenStackEntityVanished': {
      const c = openStackApiChange(inv, e);
      if (c === null) break;
      setEntity(inv, c.map, c.kind, c.id, c.next, changes);
      if (c.kind === 'port' && c.next === null) inv.tombstones.add(entityKey('port', c.id));
      break;
    }
    case 'MagnumClusterObserved': case 'MagnumClusterDeleted': {
      const id = e.type === 'MagnumClusterDeleted' ? e.data.clusterId : e.data.cluster.clusterId;
      if (id === '' || buried(inv, 'cluster', id)) break;
      const prev = inv.clusters.get(id);
      const next = evolveMagnumCluster(prev, e);
      if (next !== prev) setEntity(inv, inv.clusters, 'cluster', id, next, changes);
      break;
    }
  }
};

const setEntity = <T>(inv: Inventory, map: Map<string, T>, kind: EntityKind, id: string, next: T | null, changes: EntityChange[] | null): void => {
  if (next === null) {
    map.delete(id);
    if (kind !== 'port') inv.tombstones.add(entityKey(kind, id));
  } else map.set(id, next);
  changes?.push({ kind, id, key: entityKey(kind, id), value: next });
};

const ensureHost = (inv: Inventory, e: OpsEvent, changes: EntityChange[] | null): void => {
  if (e.source.kind !== 'docker') return;
  const had = inv.hosts.get(e.source.host);
  // A stub is as old as the first event that mentioned its host, whichever arrives first.
  if (had && !(isStub(had) && e.at < had.updatedAt)) return;
  setEntity(inv, inv.hosts, 'host', e.source.host, had ? { ...had, updatedAt: e.at } : hostStub(e.source.host, e.at), changes);
};

/**
 * Hosts come from OpenStack too: the host of a notification's publisher (`compute.<host>`,
 * `nova-compute:<host>`). A host that is also a Docker engine is the same entity, marked once.
 */
const ensureOpenStackHost = (inv: Inventory, e: OpsEvent, changes: EntityChange[] | null): void => {
  const id = e.source.host;
  if (e.source.kind !== 'openstack' || id === '' || id === 'openstack') return;
  const had = inv.hosts.get(id);
  // The earliest notification, whichever arrives first: a late, older one moves the time back.
  const first = had?.openstack === undefined || e.at < had.openstack.firstSeenAt;
  // A host known only by mentions (no engine description) is as old as the first of them.
  const older = had !== undefined && isStub(had) && e.at < had.updatedAt;
  if (!first && !older) return;
  const host = had ?? hostStub(id, e.at);
  setEntity(inv, inv.hosts, 'host', id, { ...host, updatedAt: older ? e.at : host.updatedAt, openstack: first ? { firstSeenAt: e.at } : host.openstack }, changes);
};

/** Keeps `ports` equal to the published ports of running containers. */
const syncPorts = (inv: Inventory, prev: Container | undefined, next: Container | null, changes: EntityChange[] | null): void => {
  const before = prev ? prev.ports : [];
  const after = next ? next.ports : [];
  if (before === after) {
    if (prev && next && prev.name !== next.name) renamePorts(inv, next, changes);
    return;
  }
  const owner = (next ?? prev) as Container;
  const keep = new Set<string>();
  for (const p of after) {
    const id = publishedPortId(owner.host, p.hostIp, p.hostPort, p.protocol);
    keep.add(id);
    const port: Port = {
      id, kind: 'docker-published', host: owner.host, hostIp: p.hostIp, hostPort: p.hostPort,
      containerPort: p.containerPort, protocol: p.protocol, containerId: owner.containerId,
      containerName: owner.name, updatedAt: portTime(owner),
    };
    setEntity(inv, inv.ports, 'port', id, port, changes);
  }
  for (const p of before) {
    const id = publishedPortId(owner.host, p.hostIp, p.hostPort, p.protocol);
    const held = inv.ports.get(id);
    if (!keep.has(id) && held?.containerId === owner.containerId) setEntity(inv, inv.ports, 'port', id, null, changes);
  }
};

/** A renamed holder keeps its ports: the ones it still holds take its new name. */
const renamePorts = (inv: Inventory, c: Container, changes: EntityChange[] | null): void => {
  for (const p of c.ports) {
    const id = publishedPortId(c.host, p.hostIp, p.hostPort, p.protocol);
    const held = inv.ports.get(id);
    if (held?.containerId === c.containerId) setEntity(inv, inv.ports, 'port', id, { ...held, containerName: c.name, updatedAt: portTime(c) }, changes);
  }
};

/**
 * A published port's time: of the newest event that told the container's ports or name (what the
 * port shows), not of the container's newest event, which depends on what arrived before.
 */
const portTime = (c: Container): string => {
  const told = [timeOf(c.factTimes, 'ports'), timeOf(c.factTimes, 'name')].filter((s): s is string => s !== undefined).map((s) => s.slice(0, s.indexOf('|')));
  return told.length === 0 ? c.updatedAt : told.reduce((a, b) => (a > b ? a : b));
};

/** The pure form of `applyEvent`: returns a new inventory and leaves `inv` untouched. */
export const evolve = (inv: Inventory, e: OpsEvent & { seq?: number }): Inventory => {
  const next = evolveCopy(inv);
  foldEvent(next, e);
  return next;
};

/** Folds events, in order, into a fresh inventory (or onto a copy of `from`). */
export const fold = (events: Iterable<OpsEvent | Recorded<OpsEvent>>, from?: Inventory): Inventory => {
  const inv = from ? evolveCopy(from) : initialInventory();
  for (const e of events) foldEvent(inv, e);
  return inv;
};

const evolveCopy = (inv: Inventory): Inventory => ({
  hosts: new Map(inv.hosts), containers: new Map(inv.containers), networks: new Map(inv.networks),
  clusters: new Map(inv.clusters), ports: new Map(inv.ports), vms: new Map(inv.vms), stacks: new Map(inv.stacks), neutron: new Map(inv.neutron), tombstones: new Set(inv.tombstones),
  counters: { ...inv.counters },
});
