import test from 'ava';
import type { Container } from '../../events/container.js';
import type { Inventory } from '../../events/inventory.js';
import { evolve, fold, initialInventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { portsOf } from '../../events/queries.js';
import { fromUnixNanos } from '../../events/time.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import { aContainerObserved } from '../support/builders.js';
import { CORPUS_HOST, loadMessages, loadSnapshot, scenarioEvents, scenarioNames, translateAll } from '../support/corpus.js';

/** Nanoseconds since the epoch of a canonical time. */
const nanosOf = (at: string): bigint => BigInt(Date.parse(`${at.slice(0, 19)}Z`)) * 1_000_000n + BigInt(at.slice(20, 29));

/** The container id a scenario created under `name`. */
const idOf = (events: readonly OpsEvent[], name: string): string => {
  const e = events.find((x) => x.type === 'ContainerCreated' && x.data.name === name);
  if (e?.type !== 'ContainerCreated') throw new Error(`no container '${name}' is created here`);
  return e.data.containerId;
};

const isAbout = (id: string, type: OpsEvent['type']) => (e: OpsEvent): boolean =>
  e.type === type && e.subject.kind === 'container' && e.subject.id === id;

/** The inventory just before the n-th (1-based) event matching `pred`. */
const foldBefore = (events: readonly OpsEvent[], pred: (e: OpsEvent) => boolean, n = 1): Inventory => {
  let seen = 0;
  const i = events.findIndex((e) => pred(e) && ++seen === n);
  if (i < 0) throw new Error('no such event');
  return fold(events.slice(0, i));
};

/** The inventory just after the n-th (1-based) event matching `pred`. */
const foldThrough = (events: readonly OpsEvent[], pred: (e: OpsEvent) => boolean, n = 1): Inventory => {
  let seen = 0;
  const i = events.findIndex((e) => pred(e) && ++seen === n);
  if (i < 0) throw new Error('no such event');
  return fold(events.slice(0, i + 1));
};

const get = (inv: Inventory, id: string): Container => {
  const c = inv.containers.get(id);
  if (c === undefined) throw new Error(`container ${id.slice(0, 12)} is not in the model`);
  return c;
};

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const session = (...names: string[]): OpsEvent[] => names.flatMap((n) => scenarioEvents(n));

/** Entries sorted by key: the model's meaning does not depend on the insertion order of its maps. */
const entries = <V>(m: ReadonlyMap<string, V>): [string, V][] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The entities of an inventory, insertion order aside. Counters differ when events are duplicated;
 * a host stub is stamped with the first container event that arrived, so only host ids are compared.
 */
const finalState = (inv: Inventory) => ({
  hosts: sorted(inv.hosts.keys()), containers: entries(inv.containers), ports: entries(inv.ports), networks: entries(inv.networks),
  clusters: entries(inv.clusters), tombstones: sorted(inv.tombstones),
});

test('01: every container of the lifecycle scenario ends removed, for good', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const inv = fold(events);
  t.is(inv.containers.size, 0);
  const ids = ['ev-life', 'ev-exit3', 'ev-autorm', 'ev-rmf', 'ev-crash'].map((n) => idOf(events, n));
  t.deepEqual(sorted(inv.tombstones), sorted(ids.map((id) => `container.${id}`)));
  t.deepEqual(portsOf(inv), []);
  t.deepEqual([...inv.hosts.keys()], [CORPUS_HOST]);
});

test('01: ev-life pauses, unpauses and is renamed ev-life2', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const id = idOf(events, 'ev-life');
  t.is(get(foldThrough(events, isAbout(id, 'ContainerStarted')), id).state, 'running');
  t.is(get(foldThrough(events, isAbout(id, 'ContainerPaused')), id).state, 'paused');
  t.is(get(foldThrough(events, isAbout(id, 'ContainerUnpaused')), id).state, 'running');
  const renamed = get(foldThrough(events, isAbout(id, 'ContainerRenamed')), id);
  t.is(renamed.name, 'ev-life2');
  t.is(renamed.state, 'running');
  t.deepEqual(renamed.networks.map((n) => n.name), ['bridge']);
});

test('01: a stop that escalates to SIGKILL leaves ev-life2 exited with 137, and start runs it again', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const id = idOf(events, 'ev-life');
  const stopped = get(foldThrough(events, isAbout(id, 'ContainerStopped')), id);
  t.is(stopped.state, 'exited');
  t.is(stopped.exitCode, 137);
  t.is(stopped.lastSignal, 9);
  t.deepEqual(stopped.networks, []);
  const restarted = get(foldThrough(events, isAbout(id, 'ContainerRestarted')), id);
  t.is(restarted.state, 'running');
  t.is(restarted.exitCode, null);
});

test('01: kill -s USR1 is recorded but the container keeps running', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const id = idOf(events, 'ev-life');
  const usr1 = (e: OpsEvent): boolean => e.type === 'ContainerKilled' && e.data.signal === 10;
  const c = get(foldThrough(events, usr1), id);
  t.is(c.state, 'running');
  t.is(c.lastSignal, 10);
  t.is(c.name, 'ev-life2');
});

test('01: ev-exit3 has exit code 3 before its rm, and ev-autorm exits 0 before --rm removes it', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const exit3 = idOf(events, 'ev-exit3');
  const c = get(foldBefore(events, isAbout(exit3, 'ContainerDestroyed')), exit3);
  t.is(c.state, 'exited');
  t.is(c.exitCode, 3);
  const autorm = idOf(events, 'ev-autorm');
  t.is(get(foldBefore(events, isAbout(autorm, 'ContainerDestroyed')), autorm).exitCode, 0);
  t.false(foldThrough(events, isAbout(autorm, 'ContainerDestroyed')).containers.has(autorm));
});

test('01: the restart policy starts ev-crash three times without a restart event, and rm -f removes it', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const id = idOf(events, 'ev-crash');
  t.is(events.filter(isAbout(id, 'ContainerStarted')).length, 3);
  t.is(events.filter(isAbout(id, 'ContainerRestarted')).length, 0);
  const c = get(foldBefore(events, isAbout(id, 'ContainerDestroyed')), id);
  t.is(c.state, 'exited');
  t.is(c.exitCode, 1);
  t.is(c.startedAt, events.filter(isAbout(id, 'ContainerStarted'))[2]?.at ?? null);
  t.false(fold(events).containers.has(id));
});

test('02: docker commit pauses ev-misc and unpauses it, and activity changes nothing', (t) => {
  const events = scenarioEvents('02-container-misc');
  const id = idOf(events, 'ev-misc');
  const commit = (e: OpsEvent): boolean => e.type === 'ContainerActivity' && e.data.action === 'commit';
  t.is(get(foldThrough(events, commit), id).state, 'paused');
  t.is(get(foldThrough(events, isAbout(id, 'ContainerUnpaused')), id).state, 'running');
  const beforeActivity = foldBefore(events, isAbout(id, 'ContainerActivity'));
  const afterActivity = foldThrough(events, isAbout(id, 'ContainerActivity'));
  t.deepEqual(get(afterActivity, id), get(beforeActivity, id));
  t.is(fold(events).containers.size, 0);
});

test('03: execs leave ev-exec running until rm -f removes it', (t) => {
  const events = scenarioEvents('03-exec');
  const id = idOf(events, 'ev-exec');
  const c = get(foldThrough(events, isAbout(id, 'ContainerExecRan'), 13), id);
  t.is(c.state, 'running');
  t.is(c.exitCode, null);
  t.is(fold(events).containers.size, 0);
});

test('04: ev-health goes healthy, unhealthy, healthy; ev-health2 ends unhealthy; death clears health', (t) => {
  const events = scenarioEvents('04-healthcheck');
  const health = idOf(events, 'ev-health');
  const seen = [1, 2, 3].map((n) => get(foldThrough(events, isAbout(health, 'ContainerHealthChanged'), n), health).health);
  t.deepEqual(seen, ['healthy', 'unhealthy', 'healthy']);
  t.is(get(foldBefore(events, isAbout(health, 'ContainerKilled')), health).health, 'healthy');
  t.is(get(foldThrough(events, isAbout(health, 'ContainerDied')), health).health, null);
  const health2 = idOf(events, 'ev-health2');
  t.is(get(foldBefore(events, isAbout(health2, 'ContainerKilled')), health2).health, 'unhealthy');
  t.is(fold(events).containers.size, 0);
});

test('05: the OOM-killed container is oomKilled with exit code 137 before its rm', (t) => {
  const events = scenarioEvents('05-oom');
  const id = idOf(events, 'ev-oom');
  const c = get(foldBefore(events, isAbout(id, 'ContainerDestroyed')), id);
  t.true(c.oomKilled);
  t.is(c.exitCode, 137);
  t.is(c.state, 'exited');
  t.false(fold(events).containers.has(id));
});

/** 06 with the inspect of ev-ports (taken right after it started) inserted where it was taken. */
const portsWithInspect = (): { events: OpsEvent[]; id: string; at: number } => {
  const events = scenarioEvents('06-ports');
  const snap = containerFromInspect(loadSnapshot('container-inspect-ev-ports.json'));
  if (snap === null) throw new Error('not an inspect');
  const start = events.findIndex(isAbout(snap.containerId, 'ContainerStarted'));
  const at = fromUnixNanos(String(nanosOf(events[start]!.at) + 1n));
  const observed = aContainerObserved({ container: snap, host: CORPUS_HOST, at });
  return { events: [...events.slice(0, start + 1), observed, ...events.slice(start + 1)], id: snap.containerId, at: start + 1 };
};

test('06: the inspect of ev-ports publishes 8080/tcp on 0.0.0.0 and ::, 53/udp on 127.0.0.1 and the -P port', (t) => {
  const { events, id, at } = portsWithInspect();
  const inv = fold(events.slice(0, at + 1));
  t.deepEqual(portsOf(inv, { containerId: id }).map((p) => `${p.hostIp}|${p.hostPort}|${p.containerPort}/${p.protocol}`).sort(), [
    '0.0.0.0|32768|9000/tcp', '0.0.0.0|8080|80/tcp', '127.0.0.1|32768|53/udp', '::|32768|9000/tcp', '::|8080|80/tcp',
  ]);
  t.true(portsOf(inv).every((p) => p.containerName === 'ev-ports' && p.host === CORPUS_HOST));
  t.is(get(inv, id).state, 'running');
});

test('06: the restart drops the ports (the random ones move) and rm -f frees them all', (t) => {
  const { events, id } = portsWithInspect();
  t.deepEqual(portsOf(foldThrough(events, isAbout(id, 'ContainerDied'))), []);
  t.is(get(foldThrough(events, isAbout(id, 'ContainerRestarted')), id).state, 'running');
  const inv = fold(events);
  t.deepEqual(portsOf(inv), []);
  t.is(inv.containers.size, 0);
});

test('06: a host-network container publishes nothing', (t) => {
  const c = containerFromInspect(loadSnapshot('container-inspect-ev-hostnet.json'));
  t.deepEqual(c?.ports, []);
  t.deepEqual(c?.networks.map((n) => n.name), ['host']);
  const inv = fold([...scenarioEvents('06-ports').slice(0, 6), aContainerObserved({ container: c!, host: CORPUS_HOST, at: '2026-11-23T11:36:30.900000000Z' })]);
  t.deepEqual(portsOf(inv), []);
});

test('07: attachments follow connect and the doubled disconnect; networks end removed', (t) => {
  const events = scenarioEvents('07-network');
  const netc = idOf(events, 'ev-netc');
  const net = (n: number) => get(foldThrough(events, isAbout(netc, 'ContainerNetworkConnected'), n), netc).networks.map((x) => x.name);
  t.deepEqual(net(2), ['bridge', 'ev-net']);
  t.deepEqual(get(foldThrough(events, isAbout(netc, 'ContainerNetworkDisconnected'), 2), netc).networks.map((x) => x.name), ['bridge']);
  const netc2 = idOf(events, 'ev-netc2');
  t.deepEqual(get(foldThrough(events, isAbout(netc2, 'ContainerStarted')), netc2).networks.map((x) => x.name), ['ev-net']);
  const ovl = foldThrough(events, (e) => e.type === 'NetworkCreated' && e.data.name === 'ev-ovl');
  t.deepEqual([...ovl.networks.values()].map((n) => [n.name, n.scope]), [['ev-ovl', 'swarm']]);
  const inv = fold(events);
  t.is(inv.networks.size, 0);
  t.is([...inv.tombstones].filter((k) => k.startsWith('network.')).length, 3);
  t.is(inv.containers.size, 0);
});

for (const [name, removed] of [['08-volume', 4], ['09-image', 1], ['10-build-legacy', 3], ['17-filters-fixture', 2], ['18-recommended-filter-fixture', 1]] as const) {
  test(`${name}: every container it created ends removed`, (t) => {
    const events = scenarioEvents(name);
    const inv = fold(events);
    t.is(inv.containers.size, 0);
    t.is([...inv.tombstones].filter((k) => k.startsWith('container.')).length, removed);
    t.is(events.filter((e) => e.type === 'ContainerCreated').length, removed);
    t.deepEqual(portsOf(inv), []);
  });
}

test('11: a daemon reload changes no entity', (t) => {
  const inv = fold(scenarioEvents('11-daemon-reload'));
  t.deepEqual([inv.hosts.size, inv.containers.size, inv.networks.size, inv.counters.events], [0, 0, 0, 1]);
});

/** `/containers/json?all=1` reduced to what the model also knows. */
const listed = (): Map<string, { name: string; state: string; exitCode: number | null; health: string | null; networks: string[] }> => {
  const rows = loadSnapshot('containers-json-all.json') as { Id: string; Names: string[]; State: string; Status: string; NetworkSettings: { Networks: Record<string, unknown> } }[];
  return new Map(rows.map((r) => {
    const exit = /^Exited \((\d+)\)/.exec(r.Status)?.[1];
    const health = /\((healthy|unhealthy|health: starting)\)/.exec(r.Status)?.[1] ?? null;
    return [r.Id, { name: (r.Names[0] ?? '').replace(/^\//, ''), state: r.State, exitCode: exit === undefined ? null : Number(exit), health, networks: sorted(Object.keys(r.NetworkSettings.Networks)) }];
  }));
};

const modelled = (c: Container) => ({
  name: c.name, state: c.state, exitCode: c.exitCode, health: c.health,
  // A stopped container keeps its endpoint config in the list; the model drops it on disconnect.
  networks: c.state === 'running' ? sorted(c.networks.map((n) => n.name)) : [],
});
const listedAsModelled = (l: ReturnType<typeof listed> extends Map<string, infer V> ? V : never) => ({ ...l, networks: l.state === 'running' ? l.networks : [] });

test('13: the containers the model holds match containers-json-all of the snapshot', (t) => {
  const events = scenarioEvents('13-snapshot-fixtures');
  const ids = new Set(events.flatMap((e) => (e.subject.kind === 'container' ? [e.subject.id] : [])));
  t.is(ids.size, 3);
  const inv = fold(events);
  const list = listed();
  t.deepEqual(sorted(inv.containers.keys()), sorted(ids));
  for (const id of ids) t.deepEqual(modelled(get(inv, id)), listedAsModelled(list.get(id)!), id);
  t.deepEqual(modelled(get(inv, idOf(events, 'ev-exited'))).exitCode, 42);
  t.deepEqual([...inv.networks.values()].map((n) => n.name), ['ev-snapnet']);
});

test('12 then 13: the model holds exactly the nine containers the snapshot lists, in the same states', (t) => {
  const inv = fold(session('12-swarm-service', '13-snapshot-fixtures'));
  const list = listed();
  t.deepEqual(sorted(inv.containers.keys()), sorted(list.keys()));
  for (const [id, l] of list) t.deepEqual(modelled(get(inv, id)), listedAsModelled(l), l.name);
});

test('14: draining stops every task and reactivating starts new ones', (t) => {
  const events = session('12-swarm-service', '13-snapshot-fixtures', '14-swarm-node');
  const inv = fold(events);
  const byName = (re: RegExp, state: string) =>
    [...inv.containers.values()].filter((c) => re.test(c.name) && c.state === state).map((c) => c.name).sort();
  t.deepEqual(byName(/^ev-svc\./, 'running'), ['ev-svc.1.vmsmaj5ojba1ymb47n7xulhpq', 'ev-svc.2.fpekzquic6wqzzpczwh85q3d2', 'ev-svc.3.5l1kzjzzif8arxqa2irzctfw0']);
  t.is(byName(/^ev-svc\./, 'exited').length, 5);
  t.deepEqual(byName(/^ev-svc-host\./, 'running'), ['ev-svc-host.1.s2s0oac9br0fz420t1dhs9j59']);
  t.true([...inv.containers.values()].filter((c) => c.state === 'exited').every((c) => c.exitCode === 137 || c.name === 'ev-exited'));
  t.is(inv.containers.size, 13);
});

test('15: attaching a secret replaces the ev-svc-host task', (t) => {
  const inv = fold(session('12-swarm-service', '13-snapshot-fixtures', '14-swarm-node', '15-swarm-secret-config'));
  const host = [...inv.containers.values()].filter((c) => c.name.startsWith('ev-svc-host.'));
  t.deepEqual(host.filter((c) => c.state === 'running').map((c) => c.name), ['ev-svc-host.1.wgvc5f3b5bjh2qmyfwxjxc90v']);
  t.is(host.filter((c) => c.state === 'exited').length, 2);
});

test('16: service rm and the fixture cleanup leave only the three tasks still in their stop grace period', (t) => {
  const inv = fold(session('12-swarm-service', '13-snapshot-fixtures', '14-swarm-node', '15-swarm-secret-config', '16-swarm-service-remove'));
  t.deepEqual([...inv.containers.values()].map((c) => [c.name, c.state, c.lastSignal]).sort(), [
    ['ev-svc.1.vmsmaj5ojba1ymb47n7xulhpq', 'running', 15],
    ['ev-svc.2.fpekzquic6wqzzpczwh85q3d2', 'running', 15],
    ['ev-svc.3.5l1kzjzzif8arxqa2irzctfw0', 'running', 15],
  ]);
  t.is(inv.networks.size, 0);
});

test('the whole live stream folds to an empty model, whichever of the three captures is folded', (t) => {
  const live = fold(translateAll(loadMessages('live/raw-stream-v1.41.jsonl')));
  t.deepEqual([live.containers.size, live.ports.size, live.networks.size, live.counters.unrecognized], [0, 0, 0, 0]);
  t.is([...live.tombstones].filter((k) => k.startsWith('container.')).length, 44);
  for (const other of ['live/raw-stream-v1.24.jsonl', 'live/cli-docker-events-json.jsonl']) {
    const inv = fold(translateAll(loadMessages(other)));
    t.deepEqual(finalState(inv), finalState(live), other);
    t.deepEqual(entries(inv.hosts), entries(live.hosts));
    t.deepEqual(inv.counters, live.counters);
  }
});

/** A seeded PRNG (mulberry32), so a failing order can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

/**
 * Every event twice, each copy moved by up to ±0.5 ms: events less than 1 ms apart may swap
 * (the engine reorders by up to 229 µs), events further apart keep their order.
 */
const jumbled = (events: readonly OpsEvent[], seed: number): OpsEvent[] => {
  const r = prng(seed);
  return [...events, ...events]
    .map((e) => ({ e, k: nanosOf(e.at) + BigInt(Math.round((r() - 0.5) * 1_000_000)) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.e);
};

const streams: [string, () => OpsEvent[]][] = [
  ...scenarioNames().map((n): [string, () => OpsEvent[]] => [n, () => scenarioEvents(n)]),
  ['12 to 16 as one session', () => session('12-swarm-service', '13-snapshot-fixtures', '14-swarm-node', '15-swarm-secret-config', '16-swarm-service-remove')],
];

for (const [name, load] of streams) {
  test(`${name}: shuffled within 1 ms and every event duplicated, it folds to the same model`, (t) => {
    const events = load();
    const want = finalState(fold(events));
    const swaps = [];
    for (let seed = 1; seed <= 20; seed++) {
      const jumble = jumbled(events, seed);
      swaps.push(jumble.some((e, i) => i > 0 && e.at < jumble[i - 1]!.at));
      t.deepEqual(finalState(fold(jumble)), want, `seed ${seed}`);
    }
    t.true(events.length === 0 || swaps.length === 20);
  });
}

test('the shuffle really reorders close events of one container', (t) => {
  const events = scenarioEvents('06-ports');
  const reordered = [1, 2, 3, 4, 5, 6, 7, 8].some((seed) => {
    const j = jumbled(events, seed).filter((e) => e.type === 'ContainerStarted' || e.type === 'ContainerRestarted');
    return j.findIndex((e) => e.type === 'ContainerRestarted') < j.findLastIndex((e) => e.type === 'ContainerStarted');
  });
  t.true(reordered);
});

test('evolve leaves the inventory it was given untouched', (t) => {
  const { events } = portsWithInspect();
  let inv = initialInventory();
  for (const e of events) {
    const before = structuredClone(inv);
    const next = evolve(inv, e);
    t.deepEqual(inv, before, e.type);
    t.not(next, inv);
    inv = next;
  }
  t.deepEqual(inv, fold(events));
});

test('fold onto an inventory leaves that inventory untouched', (t) => {
  const { events, at } = portsWithInspect();
  const base = fold(events.slice(0, at + 1));
  const before = structuredClone(base);
  const after = fold(events.slice(at + 1), base);
  t.deepEqual(base, before);
  t.is(base.ports.size, 5);
  t.is(after.ports.size, 0);
});
