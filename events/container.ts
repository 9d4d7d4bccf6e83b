import type { EventRecord } from './envelope.js';
import type { FactTimes } from './fact-times.js';
import type { ZunContainerFacts } from './openstack-api.js';
import type { CanonicalTime } from './time.js';

/** Container lifecycle state, as the engine names it (`unknown` until first seen). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead' | 'removing' | 'unknown';

/** A port published on the host: traffic to `hostIp:hostPort` reaches `containerPort` inside. */
export type PublishedPort = Readonly<{ hostIp: string; hostPort: number; containerPort: number; protocol: string }>;

/** The container's attachment to one network and its address there. */
export type NetworkAttachment = Readonly<{ name: string; networkId: string; ip: string }>;

/** Swarm task identity, from the `com.docker.swarm.*` labels of a task container. */
export type SwarmTaskRef = Readonly<{ serviceId: string; serviceName: string; taskId: string; nodeId: string }>;

/** What an inspect of a container showed: the source of truth for ports, networks and labels. */
export type ContainerSnapshot = Readonly<{
  containerId: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  exitCode: number | null;
  oomKilled: boolean;
  health: string | null;
  /** The healthcheck command as the engine reports it in `exec_create` actions, or null. */
  healthcheck: string | null;
  labels: Readonly<Record<string, string>>;
  /** Actual bindings; empty unless running (the engine reallocates random ports on each start). */
  ports: readonly PublishedPort[];
  networks: readonly NetworkAttachment[];
  createdAt: CanonicalTime | null;
  startedAt: CanonicalTime | null;
  finishedAt: CanonicalTime | null;
  restartCount: number;
  swarm: SwarmTaskRef | null;
}>;

/** A container in the model. `host` is the engine's configured name (container → host link). */
export type Container = ContainerSnapshot &
  Readonly<{
    host: string;
    /** Time of the newest event applied; older events never overwrite newer state. */
    updatedAt: CanonicalTime;
    /** Stream sequence of the newest event applied (0 when folded from unstored events). */
    seq: number;
    lastSignal: number | null;
    /**
     * `<at>|<rank>|<event id>` of the event each field came from (`networks` for the newest inspect's
     * list, `net:<network id>` for a join or leave): the newest teller of a field wins, whatever the
     * order events arrive in. Absent on containers folded by an older berth and on Zun containers.
     * Packed in a restored model (events/fact-times.ts).
     */
    factTimes?: FactTimes;
    /** Zun containers only (keyed by Zun uuid): what the Zun API said. */
    zun?: ZunContainerFacts;
  }>;

type C<TType extends string, TData> = EventRecord<TType, 1, TData>;
type Id = { containerId: string };

/** The engine created the container. Labels are not trusted from events (labels shadow attributes). */
export type ContainerCreated = C<'ContainerCreated', Id & { name: string; image: string }>;
export type ContainerStarted = C<'ContainerStarted', Id>;
/** Emitted by the engine after `start` on a `docker restart`. */
export type ContainerRestarted = C<'ContainerRestarted', Id>;
/** The main process exited. `exitCode` null when the engine did not say. */
export type ContainerDied = C<'ContainerDied', Id & { exitCode: number | null }>;
export type ContainerStopped = C<'ContainerStopped', Id>;
/** A signal was sent; it does not imply the container died (`kill -s USR1`). */
export type ContainerKilled = C<'ContainerKilled', Id & { signal: number | null }>;
export type ContainerPaused = C<'ContainerPaused', Id>;
export type ContainerUnpaused = C<'ContainerUnpaused', Id>;
export type ContainerRenamed = C<'ContainerRenamed', Id & { name: string; oldName: string }>;
export type ContainerUpdated = C<'ContainerUpdated', Id>;
export type ContainerOomKilled = C<'ContainerOomKilled', Id>;
/** A health transition (`healthy`, `unhealthy`, `starting`). */
export type ContainerHealthChanged = C<'ContainerHealthChanged', Id & { health: string }>;
/** A user exec (healthcheck probes are filtered out by the source). */
export type ContainerExecRan = C<
  'ContainerExecRan',
  Id & { execId: string; phase: 'create' | 'start' | 'die' | 'detach'; command: string | null; exitCode: number | null }
>;
/** Known container actions that change nothing in the model (attach, top, export, commit, ...). */
export type ContainerActivity = C<'ContainerActivity', Id & { action: string }>;
export type ContainerNetworkConnected = C<'ContainerNetworkConnected', Id & { networkId: string; networkName: string }>;
export type ContainerNetworkDisconnected = C<'ContainerNetworkDisconnected', Id & { networkId: string; networkName: string }>;
/** The container was removed. Sticky: nothing later brings it back. */
export type ContainerDestroyed = C<'ContainerDestroyed', Id>;
/** Full state from an inspect (after create/start/restart/connect, or a resync that found a difference). */
export type ContainerObserved = C<'ContainerObserved', { container: ContainerSnapshot }>;
/** A resync no longer found the container: it was removed while berth was not listening. */
export type ContainerVanished = C<'ContainerVanished', Id & { reason: string }>;

export type ContainerEvent =
  | ContainerCreated
  | ContainerStarted
  | ContainerRestarted
  | ContainerDied
  | ContainerStopped
  | ContainerKilled
  | ContainerPaused
  | ContainerUnpaused
  | ContainerRenamed
  | ContainerUpdated
  | ContainerOomKilled
  | ContainerHealthChanged
  | ContainerExecRan
  | ContainerActivity
  | ContainerNetworkConnected
  | ContainerNetworkDisconnected
  | ContainerDestroyed
  | ContainerObserved
  | ContainerVanished;
