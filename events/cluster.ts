import type { EventRecord } from './envelope.js';
import type { CanonicalTime } from './time.js';

/** A swarm node (a member host of a swarm cluster). */
export type ClusterNode = Readonly<{
  nodeId: string;
  hostname: string;
  role: string;
  availability: string;
  state: string;
  leader: boolean;
  addr: string;
}>;

/** A swarm service: desired replicas (null for global services) and published ingress ports. */
export type ClusterService = Readonly<{
  serviceId: string;
  name: string;
  image: string;
  mode: 'replicated' | 'global' | 'other';
  replicas: number | null;
  ports: readonly Readonly<{ protocol: string; targetPort: number; publishedPort: number; publishMode: string }>[];
  updateState: string | null;
}>;

/** A swarm task. Swarm emits no task events: tasks are polled and linked to containers by id. */
export type ClusterTask = Readonly<{
  taskId: string;
  serviceId: string;
  nodeId: string;
  slot: number | null;
  state: string;
  desiredState: string;
  containerId: string | null;
}>;

/** A cluster: a Docker Swarm (and, later, a Magnum cluster) with its members. */
export type ClusterSnapshot = Readonly<{
  clusterId: string;
  kind: 'swarm';
  name: string;
  /** The configured host name of the manager berth read this from. */
  managerHost: string;
  nodes: readonly ClusterNode[];
  services: readonly ClusterService[];
  tasks: readonly ClusterTask[];
}>;

export type Cluster = ClusterSnapshot & Readonly<{ updatedAt: CanonicalTime; seq: number }>;

/** The whole of a swarm as a manager reported it; emitted when it differs from the model. */
export type ClusterObserved = EventRecord<'ClusterObserved', 1, { cluster: ClusterSnapshot }>;
/** A swarm service was created, updated or removed (`changes` holds the engine's `x.old`/`x.new` attributes). */
export type ServiceChanged = EventRecord<
  'ServiceChanged',
  1,
  { serviceId: string; name: string; action: string; changes: Readonly<Record<string, string>> }
>;
/** A swarm node changed (availability, role, state, leadership). */
export type SwarmNodeChanged = EventRecord<
  'SwarmNodeChanged',
  1,
  { nodeId: string; name: string; action: string; changes: Readonly<Record<string, string>> }
>;

export type ClusterEvent = ClusterObserved | ServiceChanged | SwarmNodeChanged;
