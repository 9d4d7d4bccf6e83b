import test from 'ava';
import { Interner, parseJsonPieces } from '../../../daemon/store/json-pieces.js';
import { encodeInventory } from '../../../events/inventory-codec.js';
import { fold } from '../../../events/inventory.js';
import { translateDockerEvent } from '../../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../../support/corpus.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

const DOCS = [
  '{}', '[]', '0', '-1.5e3', 'true', 'null', '"a"', ' \n{ } ',
  '{"a":[[1,{"b":[2,[3,[4]]]}],[]],"c":{"d":{"e":{"f":"g"}}}}',
  '{ "maps" : { "vms" : [ [ "id-1" , { "name" : "x" } ] , [ "id-2" , null ] ] } , "n" : [ ] }',
  '{"s":["quote \\" inside","backslash \\\\","\\\\\\"","end \\\\"],"u":"é ü 日本 🚢","esc":"\\u00e9\\n\\t"}',
  '{"é🚢":{"k":["é",["🚢",["x"]]]}}',
  '{"__proto__":{"polluted":true},"a":1}',
  '{"m":{"x":[["id",{"__proto__":{"polluted":true},"s":"v"}]]}}',
  '[[["deep",[["deeper"]]]]]',
];

for (const doc of DOCS) {
  test(`parses ${JSON.stringify(doc).slice(0, 60)} as JSON.parse does`, (t) => {
    const got = parseJsonPieces(bytes(doc));
    t.deepEqual(got, JSON.parse(doc));
    t.is(JSON.stringify(got), JSON.stringify(JSON.parse(doc)));
  });
}

test('a key named __proto__ is an own property, as JSON.parse makes it', (t) => {
  const got = parseJsonPieces(bytes('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
  t.true(Object.hasOwn(got, '__proto__'));
  t.is(({} as Record<string, unknown>)['polluted'], undefined);
});

const BAD = ['', '{', '{"a":1', '[1,2', '{"a" 1}', '{"a":1,}x', '[1]x', '{"a":"unterminated}', '[1 2]'];
for (const doc of BAD) {
  test(`refuses ${JSON.stringify(doc)} with a SyntaxError`, (t) => {
    t.throws(() => parseJsonPieces(bytes(doc)), { instanceOf: SyntaxError });
  });
}

test('a snapshot of a folded corpus history reads back as JSON.parse reads it', (t) => {
  const events = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));
  const text = JSON.stringify(encodeInventory(fold(events)));
  t.deepEqual(parseJsonPieces(bytes(text)), JSON.parse(text));
});

test('interning gives equal strings back and leaves other values as they are, past its limit too', (t) => {
  const i = new Interner(2);
  const v = { a: ['x', 'y', 'z', 'x'], b: { c: 1, d: null, e: 'y' } };
  t.is(i.value(v), v);
  t.deepEqual(v, { a: ['x', 'y', 'z', 'x'], b: { c: 1, d: null, e: 'y' } });
  t.is(i.string('q'), 'q');
});
