import type { Container, ContainerEvent, ContainerSnapshot } from './container.js';

/** A container berth has heard of but not inspected yet: everything unknown. */
export const blankContainer = (containerId: string, host: string, at: string): Container => ({
  containerId, name: '', image: '', imageId: '', command: '', state: 'unknown', exitCode: null, oomKilled: false,
  health: null, healthcheck: null, labels: {}, ports: [], networks: [], createdAt: null, startedAt: null, finishedAt: null,
  restartCount: 0, swarm: null, host, updatedAt: at, seq: 0, lastSignal: null,
});

/**
 * Applies one container event. Returns the next container, `null` when it is gone, or the same
 * object when nothing changed (no-op and older-than-state events). Never mutates `prev`.
 */
export const evolveContainer = (prev: Container | undefined, e: ContainerEvent & { seq?: number }): Container | null => {
  if (e.type === 'ContainerDestroyed' || e.type === 'ContainerVanished') return null;
  const id = e.type === 'ContainerObserved' ? e.data.container.containerId : e.data.containerId;
  const cur = prev ?? blankContainer(id, e.source.host, e.at);
  // Known only through no-op events (exec, attach, ...): no state that an older event could overwrite.
  if (prev && e.at < prev.updatedAt && !isBlank(prev)) return prev;
  const next = change(cur, e);
  if (next === cur) return mentioned(cur, e);
  return { ...next, updatedAt: e.at, seq: e.seq ?? cur.seq };
};

/** A no-op event changes nothing, except that a container only heard of takes the time of its newest mention. */
const mentioned = (c: Container, e: ContainerEvent & { seq?: number }): Container =>
  isBlank(c) && e.at > c.updatedAt ? { ...c, updatedAt: e.at, seq: e.seq ?? c.seq } : c;

/** True while no event has told anything about the container yet (only that it exists). */
const isBlank = (c: Container): boolean =>
  c.state === 'unknown' && c.name === '' && c.lastSignal === null && c.health === null && !c.oomKilled && c.networks.length === 0;

const observed = (cur: Container, s: ContainerSnapshot): Container => ({ ...cur, ...s });

const change = (c: Container, e: ContainerEvent): Container => {
  switch (e.type) {
    case 'ContainerCreated':
      return { ...c, name: c.name || e.data.name, image: c.image || e.data.image, state: c.state === 'unknown' ? 'created' : c.state, createdAt: c.createdAt ?? e.at };
    case 'ContainerStarted':
    case 'ContainerRestarted':
      return { ...c, state: 'running', startedAt: e.at, exitCode: null, oomKilled: false };
    case 'ContainerUnpaused':
      return { ...c, state: 'running' };
    case 'ContainerDied':
      return { ...c, state: 'exited', exitCode: e.data.exitCode, finishedAt: e.at, ports: [], health: null };
    case 'ContainerStopped':
      return c.state === 'exited' && c.ports.length === 0 ? c : { ...c, state: 'exited', ports: [] };
    case 'ContainerKilled':
      return { ...c, lastSignal: e.data.signal };
    case 'ContainerPaused':
      return { ...c, state: 'paused' };
    case 'ContainerRenamed':
      return { ...c, name: e.data.name };
    case 'ContainerOomKilled':
      return { ...c, oomKilled: true };
    case 'ContainerHealthChanged':
      return { ...c, health: e.data.health };
    case 'ContainerNetworkConnected':
      if (c.networks.some((n) => n.networkId === e.data.networkId)) return c;
      return { ...c, networks: [...c.networks, { name: e.data.networkName, networkId: e.data.networkId, ip: '' }] };
    case 'ContainerNetworkDisconnected':
      if (!c.networks.some((n) => n.networkId === e.data.networkId)) return c;
      return { ...c, networks: c.networks.filter((n) => n.networkId !== e.data.networkId) };
    case 'ContainerObserved':
      return observed(c, e.data.container);
    case 'ContainerUpdated':
    case 'ContainerExecRan':
    case 'ContainerActivity':
    case 'ContainerDestroyed':
    case 'ContainerVanished':
      return c;
  }
};
