import test from 'ava';
import type { ExecutionContext } from 'ava';
import { consoleTables } from '../../cli/console/tables.js';
import type { Container } from '../../events/container.js';
import type { ModelView } from '../../events/read-model.js';
import { emptyModel } from '../../daemon/query/live-store.js';
import { VersionedMap } from '../../daemon/query/snapshot-map.js';
import { parseFilter } from '../../views/filter.js';
import { changedIds, RowList } from '../../views/row-list.js';
import type { Sort } from '../../views/rows.js';
import { tableRows } from '../../views/rows.js';
import type { AnyTable, ConsoleData } from '../../views/tables.js';
import { aContainerSnapshot, t } from '../support/builders.js';

const containers = consoleTables().find((x) => x.id === 'containers') as AnyTable;

/** A small deterministic random source (the sequences are the same on every run). */
const random = (seed: number): (() => number) => {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
};

const NAMES = ['web', 'Web', 'web-2', 'web-10', 'db', 'api-1', 'api-01', 'café', 'zeta', ''];
const HOSTS = ['h1', 'h2', 'H1', 'h10'];
const STATES = ['running', 'exited', 'paused', 'created'] as const;

const aContainer = (n: number, pick: () => number, seq: number): Container => ({
  ...aContainerSnapshot({
    containerId: n.toString(16).padStart(64, '0'),
    name: NAMES[Math.floor(pick() * NAMES.length)] as string,
    state: STATES[Math.floor(pick() * STATES.length)] as Container['state'],
    exitCode: pick() < 0.5 ? null : Math.floor(pick() * 140),
  }),
  host: HOSTS[Math.floor(pick() * HOSTS.length)] as string, updatedAt: t(seq), seq, lastSignal: null,
});

const dataOf = (map: ReadonlyMap<string, Container>): ConsoleData => ({ model: { ...emptyModel(), containers: new Map(map) } as ModelView, tail: [] });

const fromScratch = (table: AnyTable, data: ConsoleData, text: string, sort: Sort) => {
  const f = parseFilter(text, table.columns.map((c) => c.id));
  return tableRows(table, data, f.ok ? f.filter : [], sort);
};

const SORTS: Sort[] = [null, { column: 'name', desc: false }, { column: 'state', desc: true }, { column: 'exit_code', desc: false }, { column: 'host', desc: true }];
const FILTERS = ['', 'web', 'state=running', '!exited', '/^api-/'];

/** Runs of changes to a map; after each, the list kept up to date must be the list built from scratch. `as` gives the map as the model would hold it. */
const keptUpToDate = (t0: ExecutionContext, as: (initial: Map<string, Container>) => (map: Map<string, Container>) => ReadonlyMap<string, Container>): void => {
  for (const seed of [1, 2, 3]) {
    const pick = random(seed);
    const map = new Map<string, Container>();
    for (let n = 0; n < 300; n++) { const c = aContainer(n, pick, n); map.set(c.containerId, c); }
    const of = as(map);
    const list = new RowList(containers);
    let next = 300;
    for (let step = 0; step < 120; step++) {
      // A new sort or filter now and then (the list is then built again, later steps update it).
      const sort = SORTS[Math.floor(step / 24) % SORTS.length] as Sort;
      const text = FILTERS[Math.floor(step / 30) % FILTERS.length] as string;
      const changes = 1 + Math.floor(pick() * 12);
      for (let k = 0; k < changes; k++) {
        const r = pick();
        const ids = [...map.keys()];
        const id = ids[Math.floor(pick() * ids.length)] as string;
        if (r < 0.15) map.delete(id);
        else if (r < 0.3) { const c = aContainer(next++, pick, step); map.set(c.containerId, c); }
        else { const old = map.get(id) as Container; const c = aContainer(Number.parseInt(id, 16), pick, step); map.set(id, { ...c, seq: old.seq + 1 }); }
      }
      const data: ConsoleData = { model: { ...emptyModel(), containers: of(map) } as ModelView, tail: [] };
      const f = parseFilter(text, containers.columns.map((c) => c.id));
      const got = list.rows(data, text, f.ok ? f.filter : [], sort);
      const want = fromScratch(containers, data, text, sort);
      t0.is(got.total, want.total);
      t0.deepEqual(got.rows.map((r) => r.key), want.rows.map((r) => r.key), `seed ${seed}, step ${step}, sort ${JSON.stringify(sort)}, filter '${text}'`);
      t0.true(got.rows.every((r, i) => r.row === want.rows[i]?.row), 'each row shows the newest version of its entity');
    }
  }
};

test('after any run of changes, additions and removals, the list kept up to date is the list built from scratch', (t0) => {
  keptUpToDate(t0, () => (m) => new Map(m));
});

test('the same over the versioned maps of the live store, which say what changed since their last version', (t0) => {
  keptUpToDate(t0, (initial) => {
    const v = new VersionedMap<Container>();
    for (const [id, c] of initial) v.set(id, c);
    return (m) => {
      for (const id of v.snapshot().keys()) if (!m.has(id)) v.delete(id);
      for (const [id, c] of m) if (v.get(id) !== c) v.set(id, c);
      return v.snapshot();
    };
  });
});

test('rows whose entities change in place (a state, not a name) stay where they sort, under every order', (t0) => {
  for (const sort of SORTS) {
    const pick = random(11);
    const map = new Map<string, Container>();
    for (let n = 0; n < 200; n++) { const c = aContainer(n, pick, n); map.set(c.containerId, c); }
    const list = new RowList(containers);
    const ids = [...map.keys()];
    for (let step = 0; step < 60; step++) {
      for (let k = 0; k < 1 + Math.floor(pick() * 6); k++) {
        const id = ids[Math.floor(pick() * ids.length)] as string;
        const old = map.get(id) as Container;
        map.set(id, { ...old, state: STATES[Math.floor(pick() * STATES.length)] as Container['state'], seq: old.seq + 1 });
      }
      const data = dataOf(map);
      const got = list.rows(data, '', [], sort);
      const want = fromScratch(containers, data, '', sort);
      t0.deepEqual(got.rows.map((r) => r.key), want.rows.map((r) => r.key), `step ${step}, sort ${JSON.stringify(sort)}`);
      t0.true(got.rows.every((r, i) => r.row === want.rows[i]?.row));
      t0.deepEqual(got.rows.map((r) => r.cells), want.rows.map((r) => r.cells));
    }
  }
});

test('rows of entities that did not change keep their objects, and an unchanged model gives back the same list', (t0) => {
  const pick = random(7);
  const map = new Map<string, Container>();
  for (let n = 0; n < 50; n++) { const c = aContainer(n, pick, n); map.set(c.containerId, c); }
  const list = new RowList(containers);
  const first = list.rows(dataOf(map), '', [], null);
  const id = [...map.keys()][10] as string;
  map.set(id, { ...(map.get(id) as Container), state: 'dead' });
  const data = dataOf(map);
  const second = list.rows(data, '', [], null);
  t0.not(second.rows, first.rows);
  const before = new Map(first.rows.map((r) => [r.key, r]));
  t0.deepEqual(second.rows.filter((r) => before.get(r.key) !== r).map((r) => r.key), [`container/${id}`]);
  t0.is(list.rows(data, '', [], null), second, 'the same model: the same list, nothing recomputed');
});

test('changedIds names what was added, replaced or removed, and nothing else', (t0) => {
  const a = { id: 1 };
  const b = { id: 2 };
  const prev = new Map<string, object>([['a', a], ['b', b], ['c', { id: 3 }]]);
  const next = new Map<string, object>([['a', a], ['b', { id: 2 }], ['d', { id: 4 }]]);
  t0.deepEqual(changedIds(prev, next).sort(), ['b', 'c', 'd']);
  t0.deepEqual(changedIds(prev, new Map(prev)), []);
});

test('a view that does not say its rows are incremental is built from scratch on every model', (t0) => {
  const events = consoleTables().find((x) => x.id === 'events') as AnyTable;
  t0.is(events.incremental, undefined);
  const list = new RowList(events);
  const data: ConsoleData = { model: emptyModel(), tail: [] };
  t0.deepEqual(list.rows(data, '', [], null), tableRows(events, data, [], null));
});
