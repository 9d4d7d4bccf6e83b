import type { DockerEventMessage } from './docker-message.js';
import { splitAction } from './docker-message.js';

/**
 * Healthcheck probes run as execs: 3 events per probe (exec_create, exec_start, exec_die), which
 * would bury the log. This filter drops them and keeps `health_status` transitions and user
 * execs. exec_die does not carry the command, so probe execs are remembered by `execID`.
 */
export type HealthExecState = Readonly<{
  /** containerId → healthcheck command as it appears after `exec_create: `. */
  probes: ReadonlyMap<string, string>;
  /** execIDs of probe execs whose exec_die has not been seen yet. */
  probeExecs: ReadonlySet<string>;
}>;

export const emptyHealthExecState = (): HealthExecState => ({ probes: new Map(), probeExecs: new Set() });

/** Records the healthcheck command of a container (null clears it: no healthcheck). */
export const withProbe = (s: HealthExecState, containerId: string, command: string | null): HealthExecState => {
  if ((s.probes.get(containerId) ?? null) === command) return s;
  const probes = new Map(s.probes);
  if (command === null) probes.delete(containerId);
  else probes.set(containerId, command);
  return { ...s, probes };
};

/** Decides whether a message is probe noise; returns the next state. Bounded: at most 4096 open probe execs. */
export const filterHealthExec = (s: HealthExecState, m: DockerEventMessage): { keep: boolean; state: HealthExecState } => {
  if (m.Type !== 'container') return { keep: true, state: s };
  const { verb, arg } = splitAction(m.Action);
  const execId = m.Actor.Attributes['execID'] ?? '';
  if (verb === 'destroy' && s.probes.has(m.Actor.ID)) return { keep: true, state: withProbe(s, m.Actor.ID, null) };
  if (verb === 'exec_create' || verb === 'exec_start') {
    const probe = s.probes.get(m.Actor.ID);
    if (probe === undefined || arg !== probe) return { keep: true, state: s };
    if (verb === 'exec_start' || s.probeExecs.has(execId)) return { keep: false, state: s };
    const probeExecs = new Set(s.probeExecs);
    if (probeExecs.size >= 4096) probeExecs.delete(probeExecs.values().next().value as string);
    probeExecs.add(execId);
    return { keep: false, state: { ...s, probeExecs } };
  }
  if (verb === 'exec_die' && s.probeExecs.has(execId)) {
    const probeExecs = new Set(s.probeExecs);
    probeExecs.delete(execId);
    return { keep: false, state: { ...s, probeExecs } };
  }
  return { keep: true, state: s };
};

/** The command string the engine prints for a healthcheck `Test` (`CMD-SHELL x` runs as `/bin/sh -c x`). */
export const probeCommand = (test: readonly string[] | null | undefined): string | null => {
  if (!test || test.length === 0) return null;
  const [kind, ...rest] = test;
  if (kind === 'CMD-SHELL') return `/bin/sh -c ${rest.join(' ')}`;
  if (kind === 'CMD') return rest.join(' ');
  return null;
};
