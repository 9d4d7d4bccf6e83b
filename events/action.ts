import type { EventRecord } from './envelope.js';

/** What berth can do to a Docker container (through the engine API of the daemon that follows it). */
export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'kill', 'rm'] as const;
/** What berth can do to a Nova server (through the compute API of the daemon configured for its cloud). */
export const VM_ACTIONS = ['start', 'stop', 'reboot'] as const;

export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];
export type VmAction = (typeof VM_ACTIONS)[number];
export type ActionVerb = ContainerAction | VmAction;

/**
 * Who answers for a target: a Docker engine by its configured name, or an OpenStack cloud by its
 * `clouds.yaml` name (`default` when the daemon takes its credentials from `OS_*` variables).
 * It is also the `<kind>.<name>` part of the request subject `<prefix>.cmd.<kind>.<name>.<action>`.
 */
export type ActionResponder = Readonly<{ kind: 'docker' | 'openstack'; name: string }>;

/**
 * The entity acted on. `id` is the full container id or server uuid; `name` is the name the model
 * had for it when the action was asked for (untrusted text from an engine or cloud); `host` is the
 * engine name of a container, or the nova-compute host of a VM (null when the model does not know it).
 */
export type ActionTarget = Readonly<{ kind: 'container' | 'vm'; id: string; name: string; host: string | null }>;

/**
 * Who asked: the operating-system user and host name the CLI reported. They are what the operator's
 * machine says, not an authenticated identity: NATS credentials decide who may send requests at all.
 */
export type ActionRequester = Readonly<{ user: string; host: string }>;

/** Options that change what the engine does; absent means the engine's default. */
export type ActionOptions = Readonly<{
  /** stop/restart: seconds to wait after the stop signal before killing (Docker `t`). */
  timeSec?: number;
  /** kill: the signal to send (Docker `signal`, e.g. `KILL`, `TERM`, `SIGHUP`, `9`). */
  signal?: string;
  /** rm: kill the container first if it is running (Docker `force`). */
  force?: boolean;
  /** rm: also remove its anonymous volumes (Docker `v`). */
  volumes?: boolean;
}>;

/** What every action event carries: one request, identified by the id the CLI gave it. */
type ActionBase = {
  /** Chosen by the requester, unique per request; every event of one request carries it. */
  requestId: string;
  action: ActionVerb;
  target: ActionTarget;
  responder: ActionResponder;
};

/**
 * A daemon received a request to act, and recorded it before doing anything. Stored on the
 * target's own subject (`<prefix>.evt.container.<id>`, `<prefix>.evt.vm.<uuid>`), so the target's
 * history shows what was done to it and by whom. The outcome follows as Succeeded, Failed or Refused.
 */
export type ActionRequested = EventRecord<'ActionRequested', 1, ActionBase & { by: ActionRequester; reason: string | null; options: ActionOptions }>;

/** The engine or Nova did what was asked. `detail` says what it answered (`already stopped`, `SHUTOFF after 2.1 s`). */
export type ActionSucceeded = EventRecord<'ActionSucceeded', 1, ActionBase & { detail: string | null; tookMs: number }>;

/**
 * The engine or Nova did not do what was asked: its own error text (verbatim, untrusted), and its
 * HTTP status (null when it could not be reached or did not finish in time).
 */
export type ActionFailed = EventRecord<'ActionFailed', 1, ActionBase & { error: string; status: number | null; tookMs: number }>;

/** The daemon would not act: it runs read-only (`berth daemon --read-only`). `why` says so. */
export type ActionRefused = EventRecord<'ActionRefused', 1, ActionBase & { why: string }>;

/** Audited actions; the fold ignores them (the engine's own events change the model). */
export type ActionEvent = ActionRequested | ActionSucceeded | ActionFailed | ActionRefused;

/** The cloud a daemon answers VM actions as when its credentials come from OS_* variables (no clouds.yaml entry), and what the CLI asks when no cloud is named. */
export const ENV_CLOUD = 'envvars';
