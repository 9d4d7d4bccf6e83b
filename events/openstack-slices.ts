import type { Cluster, MagnumClusterDeleted, MagnumClusterObserved } from './cluster.js';
import type { NeutronResource, NeutronResourceEvent } from './neutron-resource.js';
import type { NeutronPortEvent } from './openstack-port.js';
import type { Port } from './port.js';
import type { Stack, StackEvent } from './stack.js';
import { plainTimes } from './fact-times.js';
import type { CanonicalTime } from './time.js';
import type { Vm, VmEvent } from './vm.js';

type Seq = { seq?: number };

/**
 * True when an event must not change an entity last changed by `(at, id)`: it is older, or it
 * is the same event again. Equal times are ordered by event id, so that the fold's result does
 * not depend on arrival order (OpenStack has no sequence numbers; reordering is normal).
 */
export const notNewer = (at: CanonicalTime, id: string, prevAt: CanonicalTime, prevId: string): boolean =>
  at < prevAt || (at === prevAt && id <= prevId);

/*
 * Facts a payload may leave unsaid (null, '', no addresses), STICKY below: each keeps the newest
 * value anyone said. In order: name, host, node, powerState, flavor, projectId, userId,
 * availabilityZone, imageId, addresses, createdAt, launchedAt.
 */

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
  const factTimes: Record<string, string> = { ...plainTimes(base?.factTimes) };
  // Each sticky fact in that order (factTimes gains its keys in that order), spelled out: a
  // loop over the names cost an object of facts and a lookup by name per fact per event.
  const name = tells(factTimes, 'name', f.name, stamp);
  const host = tells(factTimes, 'host', f.host, stamp);
  const node = tells(factTimes, 'node', f.node, stamp);
  const powerState = tells(factTimes, 'powerState', f.powerState, stamp);
  const flavor = tells(factTimes, 'flavor', f.flavor, stamp);
  const projectId = tells(factTimes, 'projectId', f.projectId, stamp);
  const userId = tells(factTimes, 'userId', f.userId, stamp);
  const availabilityZone = tells(factTimes, 'availabilityZone', f.availabilityZone, stamp);
  const imageId = tells(factTimes, 'imageId', f.imageId, stamp);
  const addresses = tells(factTimes, 'addresses', f.addresses, stamp);
  const createdAt = tells(factTimes, 'createdAt', f.createdAt, stamp);
  const launchedAt = tells(factTimes, 'launchedAt', f.launchedAt, stamp);
  const changed = newest || name || host || node || powerState || flavor || projectId || userId || availabilityZone || imageId || addresses || createdAt || launchedAt;
  if (!changed || !prev && !newest) return prev ?? null;
  const h = newest || !base ? undefined : base;
  const next: Record<string, unknown> = {
    vmId: h === undefined ? f.vmId : h.vmId, state: h === undefined ? f.state : h.state, taskState: h === undefined ? f.taskState : h.taskState,
    family: h === undefined ? e.data.family : h.family, lastEventType: h === undefined ? e.data.eventType : h.lastEventType,
    fault: h === undefined ? e.data.fault : h.fault, updatedAt: h === undefined ? e.at : h.updatedAt,
    lastEventId: h === undefined ? e.id : h.lastEventId, seq: h === undefined ? e.seq ?? prev?.seq ?? 0 : h.seq,
    name: name ? f.name : base?.name ?? '', host: host ? f.host : base?.host ?? null, node: node ? f.node : base?.node ?? null,
    powerState: powerState ? f.powerState : base?.powerState ?? null, flavor: flavor ? f.flavor : base?.flavor ?? null,
    projectId: projectId ? f.projectId : base?.projectId ?? null, userId: userId ? f.userId : base?.userId ?? null,
    availabilityZone: availabilityZone ? f.availabilityZone : base?.availabilityZone ?? null, imageId: imageId ? f.imageId : base?.imageId ?? null,
    addresses: addresses ? f.addresses : base?.addresses ?? [], createdAt: createdAt ? f.createdAt : base?.createdAt ?? null,
    launchedAt: launchedAt ? f.launchedAt : base?.launchedAt ?? null, factTimes,
  };
  // What only the Nova API says (container-backed, hypervisor type) outlives notifications, which do not say it.
  if (prev?.api !== undefined) next['api'] = prev.api;
  return next as Vm;
};

/** Whether the event tells fact `k` (says it, and is newer than what told it last); if so, its time is noted. */
const tells = (factTimes: Record<string, string>, k: string, v: unknown, stamp: string): boolean => {
  if (!said(v) || !(stamp > (factTimes[k] ?? ''))) return false;
  factTimes[k] = stamp;
  return true;
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
