import type { Cluster, MagnumClusterDeleted, MagnumClusterObserved } from './cluster.js';
import type { NeutronResource, NeutronResourceEvent } from './neutron-resource.js';
import type { NeutronPortEvent } from './openstack-port.js';
import type { Port } from './port.js';
import type { Stack, StackEvent } from './stack.js';
import type { CanonicalTime } from './time.js';
import type { Vm, VmEvent, VmFacts } from './vm.js';

type Seq = { seq?: number };

/**
 * True when an event must not change an entity last changed by `(at, id)`: it is older, or it
 * is the same event again. Equal times are ordered by event id, so that the fold's result does
 * not depend on arrival order (OpenStack has no sequence numbers; reordering is normal).
 */
export const notNewer = (at: CanonicalTime, id: string, prevAt: CanonicalTime, prevId: string): boolean =>
  at < prevAt || (at === prevAt && id <= prevId);

/** Facts a payload may leave unsaid (null, '', no addresses): each keeps the newest value anyone said. */
const STICKY = ['name', 'host', 'node', 'powerState', 'flavor', 'projectId', 'userId', 'availabilityZone', 'imageId', 'addresses', 'createdAt', 'launchedAt'] as const;

const said = (v: unknown): boolean => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * VM slice. Returns the next VM, `null` when deleted (sticky, enforced by the inventory), or
 * `prev` itself when nothing changes. The state fields (`state`, `taskState`, fault, last event)
 * come from the newest event; each sticky fact from the newest event that said it, so that an
 * older event arriving late can still fill in, but never overwrite, and the result does not
 * depend on arrival order. Legacy events are ignored for a VM seen through versioned ones
 * (`notification_format=both` sends each change twice).
 */
export const evolveVm = (prev: Vm | undefined, e: VmEvent & Seq): Vm | null => {
  if (e.type === 'VmDeleted') return null;
  if (prev && prev.family === 'versioned' && e.data.family === 'legacy') return prev;
  // The first versioned event replaces legacy state whatever its time: from then on only versioned
  // events compete, so the result does not depend on how the two families interleave.
  const switching = prev !== undefined && prev.family === 'legacy' && e.data.family === 'versioned';
  const base = switching ? undefined : prev;
  const stamp = `${e.at}|${e.id}`;
  const newest = !base || !notNewer(e.at, e.id, base.updatedAt, base.lastEventId);
  const f = e.data.vm;
  const factTimes: Record<string, string> = { ...(base?.factTimes ?? {}) };
  const facts: Record<string, unknown> = {};
  let changed = newest;
  for (const k of STICKY) {
    const old = base?.[k] ?? null;
    if (said(f[k]) && stamp > (factTimes[k] ?? '')) {
      facts[k] = f[k];
      factTimes[k] = stamp;
      changed = true;
    } else facts[k] = k === 'name' ? (old ?? '') : k === 'addresses' ? (old ?? []) : old;
  }
  if (!changed || !prev && !newest) return prev ?? null;
  const head = newest || !base
    ? { vmId: f.vmId, state: f.state, taskState: f.taskState, family: e.data.family, lastEventType: e.data.eventType, fault: e.data.fault, updatedAt: e.at, lastEventId: e.id, seq: e.seq ?? prev?.seq ?? 0 }
    : { vmId: base.vmId, state: base.state, taskState: base.taskState, family: base.family, lastEventType: base.lastEventType, fault: base.fault, updatedAt: base.updatedAt, lastEventId: base.lastEventId, seq: base.seq };
  // What only the Nova API says (container-backed, hypervisor type) outlives notifications, which do not say it.
  return { ...head, ...(facts as Omit<VmFacts, 'vmId' | 'state' | 'taskState'>), factTimes, ...(prev?.api === undefined ? {} : { api: prev.api }) };
};

/** Stack slice: the newest notification's state wins; `StackDeleted` removes it (sticky). */
export const evolveStack = (prev: Stack | undefined, e: StackEvent & Seq): Stack | null => {
  if (e.type === 'StackDeleted') return null;
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId)) return prev;
  const s = e.data.stack;
  return { ...s, name: s.name || (prev?.name ?? ''), createdAt: s.createdAt ?? prev?.createdAt ?? null, updatedAt: e.at, lastEventId: e.id, seq: e.seq ?? prev?.seq ?? 0 };
};

/** Neutron port slice: the newest notification wins; `NeutronPortDeleted` removes it (sticky). */
export const evolveNeutronPort = (prev: Port | undefined, e: NeutronPortEvent & Seq): Port | null => {
  if (e.type === 'NeutronPortDeleted') return null;
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId ?? '')) return prev;
  const p = e.data.port;
  return {
    id: p.portId, kind: 'neutron', host: p.bindingHost, hostIp: p.fixedIps[0]?.ipAddress ?? '', hostPort: 0, containerPort: 0,
    protocol: '', containerId: '', containerName: '', updatedAt: e.at, neutron: p, lastEventId: e.id,
  };
};

/** Subnet/router/floating IP/security group slice: the newest notification wins; a delete removes it (sticky). */
export const evolveNeutronResource = (prev: NeutronResource | undefined, e: NeutronResourceEvent & Seq): NeutronResource | null => {
  if (e.type === 'NeutronResourceDeleted') return null;
  if (prev && notNewer(e.at, e.id, prev.updatedAt, prev.lastEventId)) return prev;
  const r = e.data.resource;
  // A `.exists` or partial update may leave the name unsaid: keep the one we had.
  return { ...r, name: r.name || (prev?.name ?? ''), updatedAt: e.at, lastEventId: e.id, seq: e.seq ?? prev?.seq ?? 0 };
};

/** Magnum slice: the newest CADF notification replaces the cluster; a successful delete removes it (sticky). */
export const evolveMagnumCluster = (prev: Cluster | undefined, e: (MagnumClusterObserved | MagnumClusterDeleted) & Seq): Cluster | null => {
  if (e.type === 'MagnumClusterDeleted') return null;
  // Clusters keep no event id: on equal times the first one applied stays (the only order-dependent case).
  if (prev && e.at <= prev.updatedAt) return prev;
  return { ...e.data.cluster, updatedAt: e.at, seq: e.seq ?? prev?.seq ?? 0 };
};
