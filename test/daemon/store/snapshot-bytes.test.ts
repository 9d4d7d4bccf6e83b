import { gunzipSync, gzipSync } from 'node:zlib';
import test from 'ava';
import { inventoryOf, snapshotBytes } from '../../../daemon/store/snapshot-bytes.js';
import { fold } from '../../../events/inventory.js';
import { encodeInventory, FOLD_VERSION } from '../../../events/inventory-codec.js';
import { translateDockerEvent } from '../../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../../support/corpus.js';

const events = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));

test('a snapshot reads back as the inventory it was made of', async (t) => {
  const inv = fold(events);
  t.true(inv.containers.size > 0 && inv.tombstones.size > 0);
  t.deepEqual(inventoryOf(await snapshotBytes(inv)), inv);
});

test('a snapshot is the gzipped JSON of the encoded inventory, so that berths before this one read it too', async (t) => {
  const inv = fold(events);
  t.is(gunzipSync(await snapshotBytes(inv)).toString('utf8'), JSON.stringify(encodeInventory(inv)));
});

test('a snapshot written the old way (one JSON string, gzipped at once) reads back', (t) => {
  const inv = fold(events);
  t.deepEqual(inventoryOf(gzipSync(JSON.stringify(encodeInventory(inv)))), inv);
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
