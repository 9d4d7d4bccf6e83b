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

/**
 * A Magnum cluster as its CADF `cluster_data` attachment shows it. Members are not listed by
 * Magnum: they are linked through the Heat stack (`<stack name>-master-<i>`, `-node-<i>`) and the addresses.
 */
export type MagnumClusterFacts = Readonly<{
  /** `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `UPDATE_FAILED`, ... */
  status: string;
  statusReason: string;
  /** The Heat stack (empty for drivers that do not use Heat). */
  stackId: string;
  projectId: string | null;
  masterCount: number;
  nodeCount: number;
  masterAddresses: readonly string[];
  nodeAddresses: readonly string[];
  apiAddress: string;
  templateId: string;
  /** The CADF action and outcome of the last notification applied (`update`, `failure`). */
  lastAction: string;
  lastOutcome: string;
}>;

/** A cluster: a Docker Swarm (nodes, services, tasks) or a Magnum cluster (`magnum` set, the swarm lists empty). */
export type ClusterSnapshot = Readonly<{
  clusterId: string;
  kind: 'swarm' | 'magnum';
  name: string;
  /** The configured host name of the manager berth read this from. */
  managerHost: string;
  nodes: readonly ClusterNode[];
  services: readonly ClusterService[];
  tasks: readonly ClusterTask[];
  /** Set on Magnum clusters only. */
  magnum?: MagnumClusterFacts;
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

/** A Magnum CADF notification (`magnum.cluster.<create|update|delete>`, outcome pending/success/failure) with its cluster. */
export type MagnumClusterObserved = EventRecord<'MagnumClusterObserved', 1, { cluster: ClusterSnapshot; action: string; outcome: string }>;
/** `magnum.cluster.delete` with outcome `success`: the cluster is gone. Sticky. */
export type MagnumClusterDeleted = EventRecord<'MagnumClusterDeleted', 1, { clusterId: string; name: string }>;

export type ClusterEvent = ClusterObserved | ServiceChanged | SwarmNodeChanged | MagnumClusterObserved | MagnumClusterDeleted;
