import test from 'ava';
import { safeDeep, safeJson, safeText } from '../../../cli/output/sanitize.js';
import { RAW_UNSAFE, hostileNames } from './hostile-rows.js';

test('safeText shows ESC, BEL and C1 as \\x escapes', (t) => {
  t.is(safeText('\u001b]0;pwned\u0007evil'), '\\x1b]0;pwned\\x07evil');
  t.is(safeText('\u001b[2J'), '\\x1b[2J');
  t.is(safeText('a\u009bb'), 'a\\x9bb');
  t.is(safeText('\u0000\u007f\u0085'), '\\x00\\x7f\\x85');
});

test('safeText escapes tab and newline so a cell stays one line', (t) => {
  t.is(safeText('a\tb\nc\r'), 'a\\x09b\\x0ac\\x0d');
});

test('safeText shows bidi overrides and isolates as \\u escapes', (t) => {
  t.is(safeText('\u202egnp.exe'), '\\u202egnp.exe');
  t.is(safeText('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069'), '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069');
  t.is(safeText('a\u2028b'), 'a\\u2028b');
});

test('safeText replaces lone surrogates and keeps pairs and ordinary Unicode', (t) => {
  t.is(safeText('x\ud800y\udc00'), 'x\ufffdy\ufffd');
  t.is(safeText('ok 🚢 名前 é \\x1b'), 'ok 🚢 名前 é \\x1b');
});

test('safeText turns any value into text', (t) => {
  t.is(safeText(null), '');
  t.is(safeText(undefined), '');
  t.is(safeText(42), '42');
  t.is(safeText(false), 'false');
});

test('no hostile name keeps a raw control or bidi character', (t) => {
  for (const name of hostileNames) t.false(RAW_UNSAFE.test(safeText(name)) || safeText(name).includes('\n'), name);
});

test('safeDeep sanitizes nested strings and keys without touching the input', (t) => {
  const input = { 'k\u001b': ['\u202ex', 1, true, null], nested: { when: new Date(0), s: 'a\u009bb' } };
  t.deepEqual(safeDeep(input), {
    'k\\x1b': ['\\u202ex', 1, true, null],
    nested: { when: '1970-01-01T00:00:00.000Z', s: 'a\\x9bb' },
  });
  t.is(input['k\u001b'][0], '\u202ex');
});

test('JSON.stringify escapes C0 but leaves DEL, C1 and bidi raw, so safeJson is needed', (t) => {
  t.is(JSON.stringify('\u001b'), '"\\u001b"');
  t.true(JSON.stringify('a\u009bb\u202e\u007f').includes('\u009b'));
  t.true(JSON.stringify('\u202e').includes('\u202e'));
});

test('safeJson leaves no raw unsafe character and parses back to the same data', (t) => {
  const data = { names: [...hostileNames], 'k\u202e': 'v\u0085', lone: 'x\ud800' };
  const text = safeJson(data, 2);
  t.false(RAW_UNSAFE.test(text));
  t.true(text.includes('\\u202e'));
  t.true(text.includes('\\u009b'));
  t.deepEqual(JSON.parse(text), data);
});

test('safeJson prints undefined as null', (t) => {
  t.is(safeJson(undefined), 'null');
});
