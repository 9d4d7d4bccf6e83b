import test from 'ava';
import { atOf } from '../../bench/log/build.js';
import { dockerRecords, fill, openstackRecords, toTemplate } from '../../bench/log/templates.js';
import { compactModel } from '../../daemon/compact-model.js';
import { PackedTimes } from '../../events/fact-times.js';
import { fold } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import { encodeInventory } from '../../events/inventory-codec.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord } from '../../events/parse.js';

const templates = [...openstackRecords(), ...dockerRecords()].map(toTemplate);
/** The bench stream's records i (the corpora's, re-keyed per copy: bench/log/build.ts). */
const event = (i: number): OpsEvent => {
  const tpl = templates[i % templates.length] as (typeof templates)[number];
  const r = parseRecord(fill(tpl.body, Math.floor(i / templates.length), `bench-${i}`, atOf(i)), i + 1);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
};
const events = Array.from({ length: 9000 }, (_, i) => event(i));
const entities = (inv: Inventory): string[] => Object.values(encodeInventory(inv).maps).flatMap((pairs) => pairs.map((p) => JSON.stringify(p)));

test('a fold-made model made compact is the same model: the same JSON, and the same after the same events', (t) => {
  // Every third event comes after the rest (the fold gives one model in any order): those then touch compact entities.
  const plain = fold(events.filter((_, i) => i % 3 !== 1));
  const later = events.filter((_, i) => i % 3 === 1);
  const compact = fold([], plain);
  t.is(compactModel(compact), plain.containers.size + plain.vms.size);
  t.deepEqual(entities(compact), entities(plain));
  t.true([...compact.containers.values(), ...compact.vms.values()].every((e) => e.factTimes instanceof PackedTimes));
  const empty = [...compact.containers.values()].map((c) => c.ports).filter((p) => p.length === 0);
  t.true(empty.length > 1 && empty.every((p) => p === empty[0] && Object.isFrozen(p)));
  // Entities are replaced, not changed: the model it was made from still holds its own.
  t.false([...plain.containers.values()].some((c) => c.factTimes instanceof PackedTimes));
  t.is(compactModel(compact), 0);
  const a = fold(later, plain);
  const b = fold(later, compact);
  t.notDeepEqual(entities(a), entities(plain));
  t.deepEqual(entities(b), entities(a));
  t.true(compactModel(b) > 0);
  t.deepEqual(entities(b), entities(a));
});
