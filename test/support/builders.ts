import type { ClusterNode, ClusterObserved, ClusterService, ClusterSnapshot, ClusterTask } from '../../events/cluster.js';
import type {
  ContainerActivity, ContainerCreated, ContainerDestroyed, ContainerDied, ContainerExecRan, ContainerHealthChanged, ContainerKilled,
  ContainerNetworkConnected, ContainerNetworkDisconnected, ContainerObserved, ContainerRenamed, ContainerSnapshot,
  ContainerStarted, ContainerStopped, ContainerVanished, PublishedPort,
} from '../../events/container.js';
import type { SourceRef, SubjectRef } from '../../events/envelope.js';
import type { DockerEngineInfo, HostConnectionChanged, HostObserved } from '../../events/host.js';
import type { NetworkCreated, NetworkRemoved } from '../../events/network.js';
import type { Unrecognized } from '../../events/other.js';
import { fromEpochMs } from '../../events/time.js';
import type { CanonicalTime } from '../../events/time.js';
import type { DockerEventMessage } from '../../events/translate/docker-message.js';

/** Envelope fields a test may set on any built event; everything else gets a valid default. */
export type Envelope = { at?: CanonicalTime; host?: string; id?: string; seq?: number };

const T0_MS = Date.UTC(2026, 10, 23, 10, 0, 0);

/** `t(0)` is 2026-11-23T10:00:00Z; `t(1.5)` is 1.5 s later. Canonical, so later is greater. */
export const t = (seconds: number): CanonicalTime => fromEpochMs(T0_MS + Math.round(seconds * 1000));

/** Default host (engine's configured name) and container id of built events. */
export const HOST = 'h1';
export const CONTAINER = 'c1';

let counter = 0;

/** Envelope plus `type`/`v`/`subject`; `seq` is present only when the test set one (a Recorded event). */
const envelope = <TType extends string>(type: TType, o: Envelope, subject: SubjectRef, kind: SourceRef['kind'] = 'docker') => {
  counter += 1;
  const at = o.at ?? t(0);
  return {
    id: o.id ?? `test-${type}-${counter}`,
    type,
    v: 1 as const,
    at,
    observedAt: at,
    source: { kind, host: o.host ?? HOST },
    subject,
    ...(o.seq === undefined ? {} : { seq: o.seq }),
  };
};

/** Splits a builder's overrides into envelope fields and data fields. */
const split = <D extends object>(o: D & Envelope): [Envelope, Omit<D, keyof Envelope>] => {
  const { at, host, id, seq, ...data } = o;
  const env: Envelope = {};
  if (at !== undefined) env.at = at;
  if (host !== undefined) env.host = host;
  if (id !== undefined) env.id = id;
  if (seq !== undefined) env.seq = seq;
  return [env, data];
};

type Id = { containerId?: string };
const container = (containerId: string): SubjectRef => ({ kind: 'container', id: containerId });

export const aContainerCreated = (o: Id & Partial<ContainerCreated['data']> & Envelope = {}): ContainerCreated => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, name: 'web', image: 'mini:latest', ...d };
  return { ...envelope('ContainerCreated', env, container(data.containerId)), data };
};

export const aContainerStarted = (o: Id & Envelope = {}): ContainerStarted => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, ...d };
  return { ...envelope('ContainerStarted', env, container(data.containerId)), data };
};

export const aContainerDied = (o: Id & Partial<ContainerDied['data']> & Envelope = {}): ContainerDied => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, exitCode: 0, ...d };
  return { ...envelope('ContainerDied', env, container(data.containerId)), data };
};

export const aContainerStopped = (o: Id & Envelope = {}): ContainerStopped => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, ...d };
  return { ...envelope('ContainerStopped', env, container(data.containerId)), data };
};

export const aContainerKilled = (o: Id & Partial<ContainerKilled['data']> & Envelope = {}): ContainerKilled => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, signal: 15, ...d };
  return { ...envelope('ContainerKilled', env, container(data.containerId)), data };
};

export const aContainerRenamed = (o: Id & Partial<ContainerRenamed['data']> & Envelope = {}): ContainerRenamed => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, name: 'web2', oldName: 'web', ...d };
  return { ...envelope('ContainerRenamed', env, container(data.containerId)), data };
};

export const aContainerHealthChanged = (o: Id & Partial<ContainerHealthChanged['data']> & Envelope = {}): ContainerHealthChanged => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, health: 'healthy', ...d };
  return { ...envelope('ContainerHealthChanged', env, container(data.containerId)), data };
};

export const aContainerExecRan = (o: Id & Partial<ContainerExecRan['data']> & Envelope = {}): ContainerExecRan => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, execId: 'e1', phase: 'create' as const, command: 'echo hi', exitCode: null, ...d };
  return { ...envelope('ContainerExecRan', env, container(data.containerId)), data };
};

export const aContainerActivity = (o: Id & Partial<ContainerActivity['data']> & Envelope = {}): ContainerActivity => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, action: 'attach', ...d };
  return { ...envelope('ContainerActivity', env, container(data.containerId)), data };
};

export const aContainerNetworkConnected = (
  o: Id & Partial<ContainerNetworkConnected['data']> & Envelope = {},
): ContainerNetworkConnected => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, networkId: 'n-bridge', networkName: 'bridge', ...d };
  return { ...envelope('ContainerNetworkConnected', env, container(data.containerId)), data };
};

export const aContainerNetworkDisconnected = (
  o: Id & Partial<ContainerNetworkDisconnected['data']> & Envelope = {},
): ContainerNetworkDisconnected => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, networkId: 'n-bridge', networkName: 'bridge', ...d };
  return { ...envelope('ContainerNetworkDisconnected', env, container(data.containerId)), data };
};

export const aContainerDestroyed = (o: Id & Envelope = {}): ContainerDestroyed => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, ...d };
  return { ...envelope('ContainerDestroyed', env, container(data.containerId)), data };
};

export const aContainerVanished = (o: Id & Partial<ContainerVanished['data']> & Envelope = {}): ContainerVanished => {
  const [env, d] = split(o);
  const data = { containerId: CONTAINER, reason: 'not listed by resync', ...d };
  return { ...envelope('ContainerVanished', env, container(data.containerId)), data };
};

/** A published port: 0.0.0.0:8080 → 80/tcp unless overridden. */
export const aPublishedPort = (o: Partial<PublishedPort> = {}): PublishedPort => ({
  hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp', ...o,
});

/** A running container as an inspect shows it. */
export const aContainerSnapshot = (o: Partial<ContainerSnapshot> = {}): ContainerSnapshot => ({
  containerId: CONTAINER, name: 'web', image: 'mini:latest', imageId: 'sha256:0000', command: 'sleep 1000',
  state: 'running', exitCode: null, oomKilled: false, health: null, healthcheck: null, labels: {}, ports: [],
  networks: [], createdAt: t(0), startedAt: t(0), finishedAt: null, restartCount: 0, swarm: null, ...o,
});

/** An inspect result. Takes snapshot fields directly, or a whole `container` (e.g. from containerFromInspect). */
export const aContainerObserved = (
  o: Partial<ContainerSnapshot> & Envelope & { container?: ContainerSnapshot } = {},
): ContainerObserved => {
  const [env, d] = split(o);
  const { container: given, ...fields } = d;
  const snap = given ?? aContainerSnapshot(fields);
  return { ...envelope('ContainerObserved', env, container(snap.containerId)), data: { container: snap } };
};

/** An engine description (a single-node swarm manager unless `swarm: null`). */
export const aDockerEngineInfo = (o: Partial<DockerEngineInfo> = {}): DockerEngineInfo => ({
  endpoint: 'unix:///var/run/docker.sock', engineId: 'OIW3:T5JR', name: 'vm', version: '20.10.24', apiVersion: '1.41',
  os: 'Debian GNU/Linux 12', kernel: '6.1.0', arch: 'x86_64', ncpu: 2, memTotal: 2_000_000_000, swarm: null, ...o,
});

export const aHostObserved = (o: { hostId?: string; docker?: DockerEngineInfo } & Envelope = {}): HostObserved => {
  const [env, d] = split(o);
  const hostId = d.hostId ?? env.host ?? HOST;
  return { ...envelope('HostObserved', { host: hostId, ...env }, { kind: 'host', id: hostId }), data: { hostId, docker: d.docker ?? aDockerEngineInfo() } };
};

export const aHostConnectionChanged = (
  o: Partial<HostConnectionChanged['data']> & Envelope = {},
): HostConnectionChanged => {
  const [env, d] = split(o);
  const hostId = d.hostId ?? env.host ?? HOST;
  const reachable = d.reachable ?? false;
  const data = { hostId, reachable, error: d.error !== undefined ? d.error : reachable ? null : 'connect ECONNREFUSED' };
  return { ...envelope('HostConnectionChanged', { host: hostId, ...env }, { kind: 'host', id: hostId }), data };
};

export const aNetworkCreated = (o: Partial<NetworkCreated['data']> & Envelope = {}): NetworkCreated => {
  const [env, d] = split(o);
  const data = { networkId: 'n1', name: 'ev-net', driver: 'bridge', scope: 'local', ...d };
  return { ...envelope('NetworkCreated', env, { kind: 'network', id: data.networkId }), data };
};

export const aNetworkRemoved = (o: Partial<NetworkRemoved['data']> & Envelope = {}): NetworkRemoved => {
  const [env, d] = split(o);
  const data = { networkId: 'n1', name: 'ev-net', ...d };
  return { ...envelope('NetworkRemoved', env, { kind: 'network', id: data.networkId }), data };
};

export const aClusterNode = (o: Partial<ClusterNode> = {}): ClusterNode => ({
  nodeId: 'node1', hostname: 'vm', role: 'manager', availability: 'active', state: 'ready', leader: true, addr: '127.0.0.1', ...o,
});

export const aClusterService = (o: Partial<ClusterService> = {}): ClusterService => ({
  serviceId: 'svc1', name: 'web', image: 'mini:latest', mode: 'replicated', replicas: 1, ports: [], updateState: null, ...o,
});

export const aClusterTask = (o: Partial<ClusterTask> = {}): ClusterTask => ({
  taskId: 'task1', serviceId: 'svc1', nodeId: 'node1', slot: 1, state: 'running', desiredState: 'running', containerId: null, ...o,
});

/** A swarm as a manager lists it. Takes snapshot fields directly, or a whole `cluster` (e.g. from swarmFromLists). */
export const aClusterObserved = (
  o: Partial<ClusterSnapshot> & Envelope & { cluster?: ClusterSnapshot } = {},
): ClusterObserved => {
  const [env, d] = split(o);
  const { cluster: given, ...fields } = d;
  const cluster: ClusterSnapshot = given ?? {
    clusterId: 'cluster1', kind: 'swarm', name: 'swarm-cluster1', managerHost: env.host ?? HOST,
    nodes: [aClusterNode()], services: [aClusterService()], tasks: [aClusterTask()], ...fields,
  };
  return { ...envelope('ClusterObserved', env, { kind: 'cluster', id: cluster.clusterId }), data: { cluster } };
};

export const anUnrecognized = (o: Partial<Unrecognized['data']> & Envelope = {}): Unrecognized => {
  const [env, d] = split(o);
  const data = { reason: 'unknown Docker event type', sourceType: 'pod', ...d };
  return { ...envelope('Unrecognized', env, { kind: 'host', id: env.host ?? HOST }), data };
};

/**
 * A Docker `/events` line, built the way the engine writes it (timeNano as a bare 19-digit
 * integer), with `raw` the exact line.
 */
export const aDockerMessage = (
  o: Partial<Pick<DockerEventMessage, 'Type' | 'Action' | 'scope' | 'timeNano'>> &
    { id?: string; attributes?: Record<string, string> } = {},
): DockerEventMessage => {
  const Type = o.Type ?? 'container';
  const Action = o.Action ?? 'start';
  const Actor = { ID: o.id ?? 'c'.repeat(64), Attributes: o.attributes ?? { image: 'mini:latest', name: 'web' } };
  const scope = o.scope ?? 'local';
  const timeNano = o.timeNano ?? '1795433083429205017';
  const body = JSON.stringify({ Type, Action, Actor, scope, time: Number(timeNano.slice(0, -9)) });
  const raw = `${body.slice(0, -1)},"timeNano":${timeNano}}`;
  return { Type, Action, Actor, scope, timeNano, raw };
};
