import test from 'ava';
import { fold } from '../../events/inventory.js';
import { decodeInventory, encodeInventory, encodeInventoryPieces, FOLD_VERSION } from '../../events/inventory-codec.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../support/corpus.js';

test('a snapshot of a folded corpus history decodes to the same inventory, through JSON', (t) => {
  const events = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));
  const inv = fold(events);
  t.true(inv.containers.size > 0 && inv.tombstones.size > 0);
  const back = decodeInventory(JSON.parse(JSON.stringify(encodeInventory(inv))));
  t.deepEqual(back, inv);
  // And the fold goes on from it exactly as from the original.
  t.deepEqual(fold(events.slice(0, 50), back), fold(events.slice(0, 50), inv));
});

test('a snapshot of another fold version, or not a snapshot at all, is refused with the reason', (t) => {
  const enc = encodeInventory(fold([]));
  t.throws(() => decodeInventory({ ...enc, foldVersion: FOLD_VERSION + 1 }), { message: /fold version/ });
  t.throws(() => decodeInventory(null), { message: /fold version/ });
  t.throws(() => decodeInventory({ ...enc, maps: { ...enc.maps, vms: 'x' } }), { message: /without 'vms'/ });
});

test('the pieces of a snapshot are the JSON of the encoded inventory, an empty one too', (t) => {
  const inv = fold(scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z'))));
  t.is([...encodeInventoryPieces(inv)].join(''), JSON.stringify(encodeInventory(inv)));
  t.is([...encodeInventoryPieces(fold([]))].join(''), JSON.stringify(encodeInventory(fold([]))));
});
