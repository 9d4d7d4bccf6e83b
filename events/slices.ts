import type { Cluster, ClusterObserved } from './cluster.js';
import type { Host, HostEvent } from './host.js';
import type { Network, NetworkEvent } from './network.js';
import type { CanonicalTime } from './time.js';

type Seq = { seq?: number };

/** A host first seen through one of its containers, before its engine described itself. */
export const hostStub = (id: string, at: CanonicalTime): Host => ({ id, docker: null, reachable: true, lastError: null, updatedAt: at, seq: 0 });

/** Host slice: the newest observation wins; connection changes flip `reachable`. */
export const evolveHost = (prev: Host | undefined, e: HostEvent & Seq): Host => {
  if (prev && e.at < prev.updatedAt && !(e.type === 'HostObserved' && isStub(prev))) return prev;
  const cur = prev ?? hostStub(e.data.hostId, e.at);
  const seq = e.seq ?? cur.seq;
  if (e.type === 'HostObserved') return { ...cur, docker: e.data.docker, reachable: true, lastError: null, updatedAt: e.at, seq };
  if (prev && prev.reachable === e.data.reachable && prev.lastError === e.data.error) return prev;
  return { ...cur, reachable: e.data.reachable, lastError: e.data.error, updatedAt: e.at, seq };
};

/** A stub made from a container event or a notification: nothing the engine's own (older) description could overwrite. */
export const isStub = (h: Host): boolean => h.docker === null && h.reachable && h.lastError === null;

/** Network slice: create/observe set it, remove/vanish delete it (sticky, enforced by the inventory). */
export const evolveNetwork = (prev: Network | undefined, e: NetworkEvent & Seq): Network | null => {
  if (e.type === 'NetworkRemoved' || e.type === 'NetworkVanished') return null;
  if (prev && e.at < prev.updatedAt) return prev;
  const snap = e.type === 'NetworkObserved' ? e.data.network : e.data;
  const project = 'projectId' in snap && snap.projectId ? { projectId: snap.projectId } : {};
  return { networkId: snap.networkId, name: snap.name, driver: snap.driver, scope: snap.scope, ...project, host: prev?.host ?? e.source.host, updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0 };
};

/** Cluster slice: a swarm observation replaces the cluster's members wholesale. */
export const evolveCluster = (prev: Cluster | undefined, e: ClusterObserved & Seq): Cluster => {
  if (prev && e.at < prev.updatedAt) return prev;
  return { ...e.data.cluster, updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0 };
};
