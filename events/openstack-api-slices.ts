import type { Cluster } from './cluster.js';
import type { Container, ContainerState } from './container.js';
import { plainTimes } from './fact-times.js';
import type { Host } from './host.js';
import type { Network } from './network.js';
import type { HostServicesDrifted, HostServicesObserved, MagnumClusterDrifted, NetworkDrifted, NeutronPortDrifted, StackDrifted, VmDrifted, VmObserved, ZunContainerDrifted, ZunContainerObserved } from './openstack-api.js';
import { notNewer } from './openstack-slices.js';
import type { Port } from './port.js';
import { hostStub } from './slices.js';
import type { Stack } from './stack.js';
import type { Vm } from './vm.js';

type Seq = { seq?: number };

/** The facts whose origin a VM records per fact (`factTimes`): the API sets all of them at once. */
const VM_FACTS = ['name', 'host', 'node', 'powerState', 'flavor', 'projectId', 'userId', 'availabilityZone', 'imageId', 'addresses', 'createdAt', 'launchedAt'] as const;

/**
 * VM slice for API observations. The API shows the whole server, so every fact is taken, and
 * stamped, so that an older notification arriving later cannot overwrite it. A notification-family
 * preference is kept as it was; a VM first seen through the API counts as `legacy` until a
 * versioned notification arrives (which then replaces its state, as it does for legacy state).
 */
export const evolveVmFromApi = (prev: Vm | undefined, e: (VmObserved | VmDrifted) & Seq): Vm => {
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId)) return prev;
  const stamp = `${e.at}|${e.id}`;
  const factTimes: Record<string, string> = { ...plainTimes(prev?.factTimes) };
  for (const k of VM_FACTS) factTimes[k] = stamp;
  return {
    ...e.data.vm, family: prev?.family ?? 'legacy', lastEventType: `api.${e.data.origin}`, fault: e.data.api.fault,
    updatedAt: e.at, lastEventId: e.id, factTimes, seq: e.seq ?? prev?.seq ?? 0, api: e.data.api,
  };
};

/** Neutron port slice for drift: the API's port replaces the model's unless the model is newer. */
export const evolvePortFromApi = (prev: Port | undefined, e: NeutronPortDrifted): Port => {
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId ?? '')) return prev;
  const p = e.data.port;
  return {
    id: p.portId, kind: 'neutron', host: p.bindingHost, hostIp: p.fixedIps[0]?.ipAddress ?? '', hostPort: 0, containerPort: 0,
    protocol: '', containerId: '', containerName: '', updatedAt: e.at, neutron: p, lastEventId: e.id,
  };
};

/** Network slice for drift. */
export const evolveNetworkFromApi = (prev: Network | undefined, e: NetworkDrifted & Seq): Network => {
  if (prev && e.at <= prev.updatedAt) return prev;
  return { ...e.data.network, host: prev?.host ?? e.source.host, updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0 };
};

/** Stack slice for drift. */
export const evolveStackFromApi = (prev: Stack | undefined, e: StackDrifted & Seq): Stack => {
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId)) return prev;
  return { ...e.data.stack, updatedAt: e.at, lastEventId: e.id, seq: e.seq ?? prev?.seq ?? 0 };
};

/** Magnum cluster slice for drift. */
export const evolveClusterFromApi = (prev: Cluster | undefined, e: MagnumClusterDrifted & Seq): Cluster => {
  if (prev && e.at <= prev.updatedAt) return prev;
  return { ...e.data.cluster, updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0 };
};

const ZUN_STATES: Readonly<Record<string, ContainerState>> = {
  Creating: 'created', Created: 'created', Running: 'running', Stopped: 'exited', Paused: 'paused',
  Restarting: 'restarting', Deleting: 'removing', Error: 'dead',
};

/** A Zun status as the container states berth lists (`Stopped` is `exited`, `Error` is `dead`). */
export const zunContainerState = (status: string): ContainerState => ZUN_STATES[status] ?? 'unknown';

/**
 * Zun container slice: a container keyed by its Zun uuid, on the compute host Zun placed it on,
 * with `zun` holding what the API said. Its Docker twin (`zun-<uuid>` on that host) is a
 * container of its own, linked by the queries.
 */
export const evolveZunContainer = (prev: Container | undefined, e: (ZunContainerObserved | ZunContainerDrifted) & Seq): Container => {
  if (prev && e.at <= prev.updatedAt) return prev;
  const z = e.data.container;
  return {
    containerId: z.uuid, name: z.name, image: z.image, imageId: '', command: z.command, state: zunContainerState(z.status),
    exitCode: null, oomKilled: false, health: null, healthcheck: null, labels: z.labels, ports: [],
    networks: z.addresses.map((a) => ({ name: a.network, networkId: a.network, ip: a.address })),
    createdAt: prev?.createdAt ?? null, startedAt: prev?.startedAt ?? null, finishedAt: prev?.finishedAt ?? null, restartCount: 0, swarm: null,
    host: z.host ?? prev?.host ?? '', updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0, lastSignal: null, zun: z,
  };
};

/**
 * Host slice for the OpenStack services of a host. Only `services` changes: the host's own
 * time stays that of its Docker engine's reports, which the API's view must not hold back.
 */
export const evolveHostServices = (prev: Host | undefined, e: HostServicesObserved | HostServicesDrifted): Host => {
  const had = prev?.services;
  if (had && notNewer(e.at, e.id, had.updatedAt, had.lastEventId)) return prev;
  const cur = prev ?? hostStub(e.data.hostId, e.at);
  return { ...cur, services: { ...e.data.services, updatedAt: e.at, lastEventId: e.id } };
};
