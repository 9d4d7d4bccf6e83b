import type { Container, ContainerEvent, ContainerSnapshot, NetworkAttachment } from './container.js';
import { plainTimes } from './fact-times.js';

/** A container berth has heard of but not inspected yet: everything unknown. */
export const blankContainer = (containerId: string, host: string, at: string): Container => ({
  containerId, name: '', image: '', imageId: '', command: '', state: 'unknown', exitCode: null, oomKilled: false,
  health: null, healthcheck: null, labels: {}, ports: [], networks: [], createdAt: null, startedAt: null, finishedAt: null,
  restartCount: 0, swarm: null, host, updatedAt: at, seq: 0, lastSignal: null, factTimes: {},
});

/** The fields an event can tell; each keeps the stamp of the event it came from. */
type Field = Exclude<keyof ContainerSnapshot, 'containerId' | 'networks'> | 'lastSignal';
/** A network attachment told: the whole list (an inspect) or one network joined (entry) or left (null). */
type NetworksTold = Readonly<{ list: readonly NetworkAttachment[] }> | Readonly<{ id: string; entry: NetworkAttachment | null }>;

const FIELDS: readonly Field[] = [
  'name', 'image', 'imageId', 'command', 'state', 'exitCode', 'oomKilled', 'health', 'healthcheck', 'labels', 'ports',
  'createdAt', 'startedAt', 'finishedAt', 'restartCount', 'swarm', 'lastSignal',
];

/**
 * Field `k` of `next` becomes `v` when this event (`stamp`) is the newest to tell it, which `times`
 * then notes; whether it did.
 */
const tell = (next: Record<string, unknown>, times: Record<string, string>, k: string, v: unknown, stamp: string): boolean => {
  if (stamp <= (times[k] ?? '')) return false;
  next[k] = v;
  times[k] = stamp;
  return true;
};

/**
 * What one event says about the container's fields, told to `next` field by field (see `tell`), in
 * the order the fields are said; whether any changed. Created fills in only what it knows (an
 * empty name is not a name). Each `tell` runs whatever the ones before it did.
 */
const tellFields = (e: ContainerEvent, next: Record<string, unknown>, times: Record<string, string>, stamp: string): boolean => {
  let c = false;
  switch (e.type) {
    case 'ContainerCreated':
      if (e.data.name !== '') c = tell(next, times, 'name', e.data.name, stamp);
      if (e.data.image !== '') c = tell(next, times, 'image', e.data.image, stamp) || c;
      c = tell(next, times, 'state', 'created', stamp) || c;
      return tell(next, times, 'createdAt', e.at, stamp) || c;
    case 'ContainerStarted': case 'ContainerRestarted':
      c = tell(next, times, 'state', 'running', stamp);
      c = tell(next, times, 'startedAt', e.at, stamp) || c;
      c = tell(next, times, 'exitCode', null, stamp) || c;
      return tell(next, times, 'oomKilled', false, stamp) || c;
    case 'ContainerUnpaused': return tell(next, times, 'state', 'running', stamp);
    case 'ContainerDied':
      c = tell(next, times, 'state', 'exited', stamp);
      c = tell(next, times, 'exitCode', e.data.exitCode, stamp) || c;
      c = tell(next, times, 'finishedAt', e.at, stamp) || c;
      c = tell(next, times, 'ports', [], stamp) || c;
      return tell(next, times, 'health', null, stamp) || c;
    case 'ContainerStopped':
      c = tell(next, times, 'state', 'exited', stamp);
      return tell(next, times, 'ports', [], stamp) || c;
    case 'ContainerKilled': return tell(next, times, 'lastSignal', e.data.signal, stamp);
    case 'ContainerPaused': return tell(next, times, 'state', 'paused', stamp);
    case 'ContainerRenamed': return tell(next, times, 'name', e.data.name, stamp);
    case 'ContainerOomKilled': return tell(next, times, 'oomKilled', true, stamp);
    case 'ContainerHealthChanged': return tell(next, times, 'health', e.data.health, stamp);
    case 'ContainerObserved': {
      // Every field of the inspect but its id and its networks (told apart, see attach), in its order.
      const snap = e.data.container as Readonly<Record<string, unknown>>;
      for (const k in snap) if (k !== 'containerId' && k !== 'networks') c = tell(next, times, k, snap[k], stamp) || c;
      return c;
    }
    case 'ContainerNetworkConnected': case 'ContainerNetworkDisconnected': case 'ContainerUpdated': case 'ContainerExecRan':
    case 'ContainerActivity': case 'ContainerDestroyed': case 'ContainerVanished':
      return false;
  }
};

/** What one event says about the container's networks, if anything. */
const networksTold = (e: ContainerEvent): NetworksTold | undefined => {
  if (e.type === 'ContainerNetworkConnected') return { id: e.data.networkId, entry: { name: e.data.networkName, networkId: e.data.networkId, ip: '' } };
  if (e.type === 'ContainerNetworkDisconnected') return { id: e.data.networkId, entry: null };
  return e.type === 'ContainerObserved' ? { list: e.data.container.networks } : undefined;
};

/**
 * `<at>|<rank>|<event id>`: the order in which tellers win. At one time, an inspect (rank 1) wins over
 * the engine event it followed (it shows the state after it); then the event id decides, so that
 * no tie is settled by arrival order.
 */
const stampOf = (e: ContainerEvent): string => `${e.at}|${e.type === 'ContainerObserved' ? 1 : 0}|${e.id}`;

/** Stamps for a container folded before `factTimes` existed: everything it holds is as old as its last change. */
const legacyTimes = (c: Container): Record<string, string> => {
  if (isBlank(c)) return {};
  const old = `${c.updatedAt}|`;
  return Object.fromEntries([...FIELDS.map((f) => [f, old]), ['networks', old], ...c.networks.map((n) => [`net:${n.networkId}`, old])]);
};

/** True while no event has told anything about the container yet (only that it exists). */
const isBlank = (c: Container): boolean =>
  c.state === 'unknown' && c.name === '' && c.lastSignal === null && c.health === null && !c.oomKilled && c.networks.length === 0;

/**
 * Applies one container event. Returns the next container, `null` when it is gone, or the same
 * object when nothing changed. Never mutates `prev`. Each field holds what the newest event that
 * told it said (`factTimes` keeps who that was), so an older event that arrives late still fills in
 * what no newer one told and never overwrites: one set of events gives one container, in any order.
 */
export const evolveContainer = (prev: Container | undefined, e: ContainerEvent & { seq?: number }): Container | null => {
  if (e.type === 'ContainerDestroyed' || e.type === 'ContainerVanished') return null;
  const id = e.type === 'ContainerObserved' ? e.data.container.containerId : e.data.containerId;
  const cur = prev ?? blankContainer(id, e.source.host, e.at);
  const was = plainTimes(cur.factTimes) ?? legacyTimes(cur);
  const times: Record<string, string> = { ...was };
  const stamp = stampOf(e);
  // The one copy of the container: changed in place while it is still this call's own.
  const next: Record<string, unknown> = { ...cur };
  const changed = tellFields(e, next, times, stamp);
  const said = networksTold(e);
  const networks = said === undefined ? null : attach(cur.networks, times, said, stamp);
  if (networks !== null) next['networks'] = networks;
  if (!changed && networks === null) return mentioned(cur, e, was);
  // A container known only by mentions takes the time of its first teller; after that the newest
  // teller's. Whether it was known only by mentions matters only to an event older than it.
  const first = e.at < cur.updatedAt && noKeys(was);
  const newest = first || e.at >= cur.updatedAt;
  next['factTimes'] = times;
  next['updatedAt'] = first || e.at > cur.updatedAt ? e.at : cur.updatedAt;
  next['seq'] = newest ? (e.seq ?? cur.seq) : cur.seq;
  return next as Container;
};

/** A no-op event changes nothing, except that a container only heard of takes the time of its newest mention. */
const mentioned = (c: Container, e: ContainerEvent & { seq?: number }, times: Readonly<Record<string, string>>): Container =>
  e.at > c.updatedAt && noKeys(times) ? { ...c, updatedAt: e.at, seq: e.seq ?? c.seq } : c;

/**
 * True when `times` is empty. Object.values, not Object.keys or for-in: those leave an enum cache
 * on the object's hidden class, and most containers have a class of their own (the key of their
 * `net:<network id>` stamp): 5.7 MB of caches for 25,000 containers.
 */
const noKeys = (times: Readonly<Record<string, string>>): boolean => Object.values(times).length === 0;

/**
 * The attachments after one teller, or null when it changes nothing. Each network is as the newest
 * teller about it said: a join or leave of that network (`net:<id>`), or an inspect, which tells
 * about every network (listed or not; `networks` is the newest inspect's stamp).
 */
const attach = (had: readonly NetworkAttachment[], times: Record<string, string>, said: NetworksTold, stamp: string): NetworkAttachment[] | null => {
  const list = times['networks'] ?? '';
  if (stamp <= list) return null;
  if ('list' in said) {
    const listed = new Map(said.list.map((n) => [n.networkId, n]));
    const ids = new Set([...had.map((n) => n.networkId), ...listed.keys()]);
    const out: NetworkAttachment[] = [];
    for (const id of ids) {
      const newer = (times[`net:${id}`] ?? '') > stamp;
      const n = newer ? had.find((x) => x.networkId === id) : listed.get(id);
      if (n !== undefined) out.push(n);
    }
    times['networks'] = stamp;
    return byName(out);
  }
  const key = `net:${said.id}`;
  if (stamp <= (times[key] ?? '')) return null;
  times[key] = stamp;
  const others = had.filter((n) => n.networkId !== said.id);
  return byName(said.entry === null ? others : [...others, said.entry]);
};

/** Attachments in the engine's order (its inspect lists them by network name), whichever teller came first. */
const byName = (ns: NetworkAttachment[]): NetworkAttachment[] =>
  ns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.networkId < b.networkId ? -1 : a.networkId > b.networkId ? 1 : 0));
