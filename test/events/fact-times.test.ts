import test from 'ava';
import { atOf } from '../../bench/log/build.js';
import { dockerRecords, fill, openstackRecords, toTemplate } from '../../bench/log/templates.js';
import { modelJson, packTimes, PackedTimes, plainTimes, timeOf } from '../../events/fact-times.js';
import { fold } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import { encodeInventory } from '../../events/inventory-codec.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord } from '../../events/parse.js';

/** The bench stream's first records (the corpora's Docker and OpenStack records, re-keyed per copy: bench/log/build.ts). */
const benchEvents = (n: number): OpsEvent[] => {
  const templates = [...openstackRecords(), ...dockerRecords()].map(toTemplate);
  return Array.from({ length: n }, (_, i) => {
    const tpl = templates[i % templates.length] as (typeof templates)[number];
    const r = parseRecord(fill(tpl.body, Math.floor(i / templates.length), `bench-${i}`, atOf(i)), i + 1);
    if (!r.ok) throw new Error(r.reason);
    return r.event;
  });
};
const events = benchEvents(12_000);

/** Each entity of the model as its JSON (a difference shows as the entities that differ). */
const entities = (inv: Inventory): string[] => Object.values(encodeInventory(inv).maps).flatMap((pairs) => pairs.map((p) => JSON.stringify(p)));

/** Packed, `t` reads back as itself: the same JSON, keys in the same order, each key's stamp. */
const samePacked = (t: { is: (a: unknown, b: unknown, m?: string) => void; deepEqual: (a: unknown, b: unknown) => void; true: (x: boolean) => void }, times: Readonly<Record<string, string>>): void => {
  const p = packTimes(times);
  t.true(p instanceof PackedTimes);
  t.is(JSON.stringify(p), JSON.stringify(times));
  t.is(JSON.stringify({ a: 1, factTimes: p, b: [p] }), JSON.stringify({ a: 1, factTimes: times, b: [times] }));
  t.is(modelJson({ a: 1, factTimes: p, b: [p] }), JSON.stringify({ a: 1, factTimes: times, b: [times] }));
  t.is(modelJson(['id', { factTimes: p }]), JSON.stringify(['id', { factTimes: times }]));
  t.deepEqual(Object.keys(plainTimes(p ?? undefined) ?? {}), Object.keys(times));
  t.deepEqual(plainTimes(p ?? undefined), times);
  for (const k of [...Object.keys(times), 'absent', 'net:', 'name']) t.is(timeOf(p ?? undefined, k), times[k], k);
};

test('the factTimes of every container and VM the corpora fold to read back packed as they were', (t) => {
  const inv = fold(events);
  const all = [...inv.containers.values(), ...inv.vms.values()].map((e) => e.factTimes).filter((x) => x !== undefined);
  t.true(inv.containers.size > 10 && inv.vms.size > 10);
  t.true(all.some((x) => Object.keys(x).some((k) => k.startsWith('net:'))));
  for (const times of all) samePacked(t, plainTimes(times) ?? {});
});

test('keys of any kind keep their order and stamps when packed: unknown names, numbers, non-ASCII, many distinct stamps', (t) => {
  samePacked(t, {});
  samePacked(t, { 'net:abc': 's1', name: 's1', '10': 's2', '2': 's3', 'é∑': 's4', state: 'ünï|0|x' });
  samePacked(t, Object.fromEntries(Array.from({ length: 96 }, (_, i) => [`k${i}`, `stamp ${i}`])));
});

test('modelJson writes what JSON.stringify writes, also for values that look like its mark for a packed factTimes', (t) => {
  const p = packTimes({ name: 'a|0|x', 'net:1': 'b|1|y' });
  const mark = '\u0000packed factTimes\u0000';
  for (const x of [null, 1, 'text', mark, [], {}, { name: mark }, { p, label: mark }, { label: mark, p }, { p, q: p, label: `${mark}"${mark}` }, [p, [p, { p }]]]) {
    t.is(modelJson(x), JSON.stringify(x));
  }
  t.true(modelJson({ p }).includes('"net:1":"b|1|y"'));
});

test('what the packed form cannot hold stays unpacked: control characters, empty or __proto__ keys, non-strings, 97 distinct stamps', (t) => {
  t.is(packTimes({ name: 'a\x01b' }), null);
  t.is(packTimes({ 'a\nb': 'x' }), null);
  t.is(packTimes({ name: '' }), null);
  t.is(packTimes({ '': 'x' }), null);
  t.is(packTimes(JSON.parse('{"__proto__":"x"}') as Record<string, unknown>), null);
  t.is(packTimes({ name: 1 }), null);
  t.is(packTimes(Object.fromEntries(Array.from({ length: 97 }, (_, i) => [`k${i}`, `stamp ${i}`]))), null);
  t.is(plainTimes(undefined), undefined);
  t.is(timeOf(undefined, 'name'), undefined);
});

test('the fold continues from packed factTimes as from the plain ones: the same model', (t) => {
  // Every third event comes after the rest (the fold gives one model in any order): those then touch entities already packed.
  const plain = fold(events.filter((_, i) => i % 3 !== 1));
  const later = events.filter((_, i) => i % 3 === 1);
  const packed = fold([], plain);
  for (const [id, c] of packed.containers) packed.containers.set(id, { ...c, factTimes: packTimes(plainTimes(c.factTimes) ?? {}) ?? undefined });
  for (const [id, v] of packed.vms) packed.vms.set(id, { ...v, factTimes: packTimes(plainTimes(v.factTimes) ?? {}) ?? {} });
  t.true([...packed.containers.values(), ...packed.vms.values()].every((c) => c.factTimes instanceof PackedTimes));
  const a = fold(later, plain);
  const b = fold(later, packed);
  t.notDeepEqual(entities(a), entities(plain));
  t.deepEqual(entities(b), entities(a));
});
