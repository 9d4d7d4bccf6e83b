import type { Container, ContainerEvent, ContainerSnapshot, NetworkAttachment } from './container.js';

/** A container berth has heard of but not inspected yet: everything unknown. */
export const blankContainer = (containerId: string, host: string, at: string): Container => ({
  containerId, name: '', image: '', imageId: '', command: '', state: 'unknown', exitCode: null, oomKilled: false,
  health: null, healthcheck: null, labels: {}, ports: [], networks: [], createdAt: null, startedAt: null, finishedAt: null,
  restartCount: 0, swarm: null, host, updatedAt: at, seq: 0, lastSignal: null, factTimes: {},
});

/** The fields an event can tell; each keeps the stamp of the event it came from. */
type Field = Exclude<keyof ContainerSnapshot, 'containerId' | 'networks'> | 'lastSignal';
type Fields = Partial<Pick<Container, Field>>;
/** A network attachment told: the whole list (an inspect) or one network joined (entry) or left (null). */
type NetworksTold = Readonly<{ list: readonly NetworkAttachment[] }> | Readonly<{ id: string; entry: NetworkAttachment | null }>;

const FIELDS: readonly Field[] = [
  'name', 'image', 'imageId', 'command', 'state', 'exitCode', 'oomKilled', 'health', 'healthcheck', 'labels', 'ports',
  'createdAt', 'startedAt', 'finishedAt', 'restartCount', 'swarm', 'lastSignal',
];

/** What one event says about the container. Created fills in only what it knows (an empty name is not a name). */
const told = (e: ContainerEvent): { fields: Fields; networks?: NetworksTold } => {
  switch (e.type) {
    case 'ContainerCreated':
      return { fields: { ...(e.data.name === '' ? {} : { name: e.data.name }), ...(e.data.image === '' ? {} : { image: e.data.image }), state: 'created', createdAt: e.at } };
    case 'ContainerStarted': case 'ContainerRestarted':
      return { fields: { state: 'running', startedAt: e.at, exitCode: null, oomKilled: false } };
    case 'ContainerUnpaused': return { fields: { state: 'running' } };
    case 'ContainerDied': return { fields: { state: 'exited', exitCode: e.data.exitCode, finishedAt: e.at, ports: [], health: null } };
    case 'ContainerStopped': return { fields: { state: 'exited', ports: [] } };
    case 'ContainerKilled': return { fields: { lastSignal: e.data.signal } };
    case 'ContainerPaused': return { fields: { state: 'paused' } };
    case 'ContainerRenamed': return { fields: { name: e.data.name } };
    case 'ContainerOomKilled': return { fields: { oomKilled: true } };
    case 'ContainerHealthChanged': return { fields: { health: e.data.health } };
    case 'ContainerNetworkConnected':
      return { fields: {}, networks: { id: e.data.networkId, entry: { name: e.data.networkName, networkId: e.data.networkId, ip: '' } } };
    case 'ContainerNetworkDisconnected': return { fields: {}, networks: { id: e.data.networkId, entry: null } };
    case 'ContainerObserved': {
      const fields: Record<string, unknown> = { ...e.data.container };
      delete fields['containerId'];
      delete fields['networks'];
      return { fields: fields as Fields, networks: { list: e.data.container.networks } };
    }
    case 'ContainerUpdated': case 'ContainerExecRan': case 'ContainerActivity': case 'ContainerDestroyed': case 'ContainerVanished':
      return { fields: {} };
  }
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
  const was = cur.factTimes ?? legacyTimes(cur);
  const times: Record<string, string> = { ...was };
  const stamp = stampOf(e);
  const said = told(e);
  const next: Record<string, unknown> = { ...cur };
  let changed = false;
  for (const [k, v] of Object.entries(said.fields)) {
    if (stamp <= (times[k] ?? '')) continue;
    next[k] = v;
    times[k] = stamp;
    changed = true;
  }
  const networks = said.networks === undefined ? null : attach(cur.networks, times, said.networks, stamp);
  if (networks !== null) next['networks'] = networks;
  if (!changed && networks === null) return mentioned(cur, e, was);
  // A container known only by mentions takes the time of its first teller; after that the newest teller's.
  const first = noKeys(was);
  const newest = first || e.at >= cur.updatedAt;
  return { ...(next as Container), factTimes: times, updatedAt: first || e.at > cur.updatedAt ? e.at : cur.updatedAt, seq: newest ? (e.seq ?? cur.seq) : cur.seq };
};

/** A no-op event changes nothing, except that a container only heard of takes the time of its newest mention. */
const mentioned = (c: Container, e: ContainerEvent & { seq?: number }, times: Readonly<Record<string, string>>): Container =>
  noKeys(times) && e.at > c.updatedAt ? { ...c, updatedAt: e.at, seq: e.seq ?? c.seq } : c;

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
