import type { EventRecord } from './envelope.js';
import type { HostServicesState } from './openstack-api.js';
import type { CanonicalTime } from './time.js';

/** What a Docker engine says about itself (`/info`, `/version`) and how berth reaches it. */
export type DockerEngineInfo = Readonly<{
  /** How berth reaches it (`unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`). */
  endpoint: string;
  /** `/info` ID. Not unique: engines on cloned machines share it, so it is an attribute, not the identity. */
  engineId: string;
  /** `/info` Name (the hostname). */
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  kernel: string;
  arch: string;
  ncpu: number;
  memTotal: number;
  swarm: Readonly<{ nodeId: string; clusterId: string; state: string; controlAvailable: boolean }> | null;
}>;

/** A host: a Docker engine, a compute node, or both (one physical host may be both). */
export type Host = Readonly<{
  id: string;
  docker: DockerEngineInfo | null;
  /** False while berth cannot reach the host's engine. */
  reachable: boolean;
  lastError: string | null;
  updatedAt: CanonicalTime;
  seq: number;
  /** Set once an OpenStack service on this host (from a `publisher_id` or payload `host`) sent a notification. */
  openstack?: Readonly<{ firstSeenAt: CanonicalTime }>;
  /** Its OpenStack services (nova-compute up/down, agents), hypervisors and Zun host, as the APIs last showed them. */
  services?: HostServicesState;
}>;

/** A snapshot of an engine (on connect and on every resync). `hostId` is the configured name. */
export type HostObserved = EventRecord<'HostObserved', 1, { hostId: string; docker: DockerEngineInfo }>;
/** berth lost or regained its connection to a host's engine. */
export type HostConnectionChanged = EventRecord<
  'HostConnectionChanged',
  1,
  { hostId: string; reachable: boolean; error: string | null }
>;

export type HostEvent = HostObserved | HostConnectionChanged;
