import type { ClusterSnapshot } from '../../../events/cluster.js';
import type { ContainerSnapshot } from '../../../events/container.js';
import { stableHash } from '../../../events/hash.js';
import type { DockerEngineInfo } from '../../../events/host.js';
import type { NetworkSnapshot } from '../../../events/network.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { CanonicalTime } from '../../../events/time.js';

/**
 * Builders of the events the Docker source makes from API reads (not from /events lines).
 * Their ids are derived from what caused them, so a daemon killed and restarted mid-way
 * produces the same ids and JetStream stores each once.
 */
export type Stamp = Readonly<{ host: string; at: CanonicalTime; observedAt: CanonicalTime }>;

const src = (s: Stamp) => ({ at: s.at, observedAt: s.observedAt, source: { kind: 'docker' as const, host: s.host }, v: 1 as const });

/** Inspect result after an event: id from the event that triggered the inspect, time of that event. */
export const containerObserved = (s: Stamp, c: ContainerSnapshot, cause: string): OpsEvent => ({
  ...src(s), id: `dki-${stableHash(`${cause}|${c.containerId}`)}`, type: 'ContainerObserved', subject: { kind: 'container', id: c.containerId }, data: { container: c },
});

/** `cause` for resync observations: what the model held (its seq) plus what was seen. */
export const resyncCause = (host: string, what: string, modelSeq: number, content: unknown): string =>
  `resync|${host}|${what}|${modelSeq}|${stableHash(JSON.stringify(content))}`;

export const containerVanished = (s: Stamp, containerId: string, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dkv-${stableHash(`${s.host}|${containerId}|${modelSeq}`)}`, type: 'ContainerVanished', subject: { kind: 'container', id: containerId },
  data: { containerId, reason: 'not listed by the engine on resync' },
});

export const hostObserved = (s: Stamp, docker: DockerEngineInfo, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dkh-${stableHash(resyncCause(s.host, 'host', modelSeq, docker))}`, type: 'HostObserved', subject: { kind: 'host', id: s.host }, data: { hostId: s.host, docker },
});

export const hostConnection = (s: Stamp, reachable: boolean, error: string | null, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dkc-${stableHash(`${s.host}|${String(reachable)}|${modelSeq}`)}`, type: 'HostConnectionChanged', subject: { kind: 'host', id: s.host },
  data: { hostId: s.host, reachable, error },
});

export const networkObserved = (s: Stamp, n: NetworkSnapshot, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dkn-${stableHash(resyncCause(s.host, n.networkId, modelSeq, n))}`, type: 'NetworkObserved', subject: { kind: 'network', id: n.networkId }, data: { network: n },
});

export const networkVanished = (s: Stamp, networkId: string, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dknv-${stableHash(`${s.host}|${networkId}|${modelSeq}`)}`, type: 'NetworkVanished', subject: { kind: 'network', id: networkId },
  data: { networkId, reason: 'not listed by the engine on resync' },
});

export const clusterObserved = (s: Stamp, c: ClusterSnapshot, modelSeq: number): OpsEvent => ({
  ...src(s), id: `dks-${stableHash(resyncCause(s.host, c.clusterId, modelSeq, c))}`, type: 'ClusterObserved', subject: { kind: 'cluster', id: c.clusterId }, data: { cluster: c },
});
