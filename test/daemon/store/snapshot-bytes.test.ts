import { gunzipSync, gzipSync } from 'node:zlib';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { LazyMap } from '../../../daemon/store/lazy-map.js';
import { indexBytes, inventoryOf, lazyInventoryOf, lazySnapshotOf, snapshotBytes, snapshotParts } from '../../../daemon/store/snapshot-bytes.js';
import type { Container } from '../../../events/container.js';
import { PackedTimes } from '../../../events/fact-times.js';
import { applyEvent, fold } from '../../../events/inventory.js';
import type { Inventory } from '../../../events/inventory.js';
import { encodeInventory, FOLD_VERSION } from '../../../events/inventory-codec.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { translateDockerEvent } from '../../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../../support/corpus.js';

const events = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));

const jsonOf = (inv: Inventory): string => JSON.stringify(encodeInventory(inv));

/**
 * The same model: the same JSON (entities' `factTimes` read back packed, events/fact-times.ts), the
 * same tombstones and counters, and the same model again after the same events.
 */
const sameModel = (t: ExecutionContext, read: Inventory, inv: Inventory, more: readonly OpsEvent[]): void => {
  t.is(jsonOf(read), jsonOf(inv));
  t.deepEqual(read.tombstones, inv.tombstones);
  t.deepEqual(read.counters, inv.counters);
  const after = fold(more, inv);
  for (const e of more) applyEvent(read, e);
  t.is(jsonOf(read), jsonOf(after));
};

test('a snapshot reads back as the inventory it was made of, its containers\' factTimes packed and their empty lists one', async (t) => {
  const inv = fold(events.slice(0, 300));
  t.true(inv.containers.size > 0 && inv.tombstones.size > 0);
  const read = inventoryOf(await snapshotBytes(inv), true);
  t.true([...read.containers.values()].every((c) => c.factTimes instanceof PackedTimes));
  const empty = [...read.containers.values()].map((c) => c.ports).filter((p) => p.length === 0);
  t.true(empty.length > 1 && empty.every((p) => p === empty[0] && Object.isFrozen(p)));
  sameModel(t, read, inv, events.slice(300));
  // Unpacked, as a command that prints the model reads it.
  t.deepEqual(inventoryOf(await snapshotBytes(inv)), inv);
});

test('a snapshot is the gzipped JSON of the encoded inventory, so that berths before this one read it too', async (t) => {
  const inv = fold(events);
  t.is(gunzipSync(await snapshotBytes(inv)).toString('utf8'), JSON.stringify(encodeInventory(inv)));
});

test('a snapshot written the old way (one JSON string, gzipped at once) reads back', (t) => {
  const inv = fold(events);
  sameModel(t, inventoryOf(gzipSync(JSON.stringify(encodeInventory(inv))), true), inv, []);
});

test('a snapshot holds the model as it was when asked for, not as it is once compressed', async (t) => {
  const inv = fold(events.slice(0, 40));
  const before = encodeInventory(inv);
  const bytes = snapshotBytes(inv);
  fold(events.slice(40)).containers.forEach((c, id) => inv.containers.set(id, c));
  inv.tombstones.add('container.late');
  inv.counters.events += 1;
  t.deepEqual(encodeInventory(inventoryOf(await bytes)), before);
});

test('bytes of another fold version, or not gzip at all, are refused', (t) => {
  t.throws(() => inventoryOf(gzipSync(JSON.stringify({ ...encodeInventory(fold([])), foldVersion: FOLD_VERSION + 1 }))), { message: /fold version/ });
  t.throws(() => inventoryOf(Buffer.from('not a snapshot')));
});

test('a snapshot read through its index is the same inventory, parsing only the blocks asked for', async (t) => {
  const inv = fold(events);
  const { data, index } = await snapshotParts(inv);
  t.is(gunzipSync(data).toString('utf8'), JSON.stringify(encodeInventory(inv)));
  const lazy = lazyInventoryOf(data, await indexBytes(index));
  t.true(lazy.containers instanceof LazyMap);
  t.is(lazy.containers.size, inv.containers.size);
  const [id, c] = [...inv.containers.entries()].at(-1) as [string, unknown];
  t.deepEqual(lazy.containers.get(id), c);
  t.deepEqual(JSON.stringify(encodeInventory(lazy)), JSON.stringify(encodeInventory(inv)));
  t.deepEqual(lazy.tombstones, inv.tombstones);
  t.deepEqual(lazy.counters, inv.counters);
});

test('a big map is split into blocks, and the fold after a lazy snapshot gives what it gives after an eager one', async (t) => {
  const inv = fold(events.slice(0, 60));
  // Enough entities for many blocks: copies of a container under new ids.
  const some = [...inv.containers.values()][0] as Container;
  for (let i = 0; i < 3000; i++) inv.containers.set(`copy-${i}`, { ...some, containerId: `copy-${i}`, name: `n${i}` });
  const { data, index } = await snapshotParts(inv);
  t.true((index.maps['containers'] ?? []).length > 10);
  const idx = await indexBytes(index);
  const lazy = lazyInventoryOf(data, idx);
  const eager = inventoryOf(data);
  for (const e of events.slice(60)) {
    applyEvent(lazy, e);
    applyEvent(eager, e);
  }
  t.is(JSON.stringify(encodeInventory(lazy)), JSON.stringify(encodeInventory(eager)));
});

test('an index of another fold version is refused', async (t) => {
  const { data, index } = await snapshotParts(fold(events.slice(0, 10)));
  t.throws(() => lazyInventoryOf(data, gzipSync(JSON.stringify({ ...index, foldVersion: FOLD_VERSION + 1 }))), { message: /fold version/ });
});

test('an index gives each entry\'s size; an index without them (a berth before it) reads the same inventory', async (t) => {
  const inv = fold(events.slice(0, 60));
  const some = [...inv.containers.values()][0] as Container;
  for (let i = 0; i < 2000; i++) inv.containers.set(`copy-${i}`, { ...some, containerId: `copy-${i}`, name: `n${i} é` });
  const { data, index } = await snapshotParts(inv);
  const blocks = index.maps['containers'] ?? [];
  t.true(blocks.length > 5);
  for (const [offset, length, ids, sizes] of blocks) {
    const text = gunzipSync(data.subarray(offset, offset + length)).toString('utf8');
    t.is((sizes ?? []).length, ids.length);
    t.is((sizes ?? []).reduce((a, b) => a + b, 0) + ids.length - (text.startsWith(',') ? 0 : 1), Buffer.byteLength(text));
  }
  const old = { ...index, maps: Object.fromEntries(Object.entries(index.maps).map(([k, bs]) => [k, bs.map(([o, l, ids]) => [o, l, ids] as const)])) };
  const want = JSON.stringify(encodeInventory(inv));
  t.is(JSON.stringify(encodeInventory(lazyInventoryOf(data, await indexBytes(index)))), want);
  t.is(JSON.stringify(encodeInventory(lazyInventoryOf(data, await indexBytes(old)))), want);
});

test('blocks gunzipped ahead give the same inventory, whether read before, while or after they are', async (t) => {
  const inv = fold(events.slice(0, 60));
  const some = [...inv.containers.values()][0] as Container;
  for (let i = 0; i < 3000; i++) inv.containers.set(`copy-${i}`, { ...some, containerId: `copy-${i}`, name: `n${i}` });
  const { data, index } = await snapshotParts(inv);
  const idx = await indexBytes(index);
  const want = JSON.stringify(encodeInventory(inv));
  // Stopped at once (most blocks left to their read), after one turn, and after all of them.
  const early = lazySnapshotOf(data, idx, ['containers', 'hosts']);
  t.is(early.inv.containers.get('copy-2999')?.name, 'n2999');
  await early.stop();
  t.is(JSON.stringify(encodeInventory(early.inv)), want);
  const mid = lazySnapshotOf(data, idx, ['containers']);
  await new Promise((r) => setImmediate(r));
  t.is(mid.inv.containers.get('copy-1500')?.name, 'n1500');
  await mid.stop();
  t.is(JSON.stringify(encodeInventory(mid.inv)), want);
  const late = lazySnapshotOf(data, idx, ['containers', 'vms']);
  await new Promise((r) => setTimeout(r, 200));
  await late.stop();
  t.is(JSON.stringify(encodeInventory(late.inv)), want);
  // The same after the fold of later events, as with the blocks read when asked for.
  const plain = lazyInventoryOf(data, idx);
  const ahead = lazySnapshotOf(data, idx, ['containers']);
  for (const e of events.slice(60)) {
    applyEvent(plain, e);
    applyEvent(ahead.inv, e);
  }
  await ahead.stop();
  t.is(JSON.stringify(encodeInventory(ahead.inv)), JSON.stringify(encodeInventory(plain)));
});

test('a block that does not gunzip ahead fails when it is read, as it does without reading ahead', async (t) => {
  const inv = fold(events.slice(0, 60));
  const { data, index } = await snapshotParts(inv);
  const [offset, length] = (index.maps['containers'] ?? [])[0] ?? [0, 0];
  const bad = Buffer.from(data);
  bad.fill(0, offset + 10, offset + length - 8);
  const idx = await indexBytes(index);
  const s = lazySnapshotOf(bad, idx, ['containers']);
  await new Promise((r) => setTimeout(r, 100));
  await s.stop();
  t.throws(() => [...s.inv.containers.values()]);
  t.throws(() => [...lazyInventoryOf(bad, idx).containers.values()]);
});
