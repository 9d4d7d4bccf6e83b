import test from 'ava';
import { parse } from 'yaml';
import type { Column } from '../../../cli/output/columns.js';
import { outputFormats, render, renderOne, toJsonRows } from '../../../cli/output/format.js';
import { displayWidth } from '../../../events/display-width.js';
import { RAW_UNSAFE, boxColumns, hostileBoxes } from './hostile-rows.js';
import type { Box } from './hostile-rows.js';

const pick = (...ids: string[]): Column<Box>[] => boxColumns.filter((c) => ids.includes(c.id));

for (const format of outputFormats) {
  test(`${format}: list output is golden and has no raw control or bidi character`, (t) => {
    const out = render(hostileBoxes, boxColumns, format);
    t.false(RAW_UNSAFE.test(out));
    t.snapshot(out);
    const picked = render(hostileBoxes, pick('id', 'name'), format, { selected: true, width: 30 });
    t.false(RAW_UNSAFE.test(picked));
    t.snapshot(picked);
  });

  test(`${format}: single-entity output is golden and has no raw control or bidi character`, (t) => {
    const out = renderOne(hostileBoxes[1] as Box, boxColumns, format);
    t.false(RAW_UNSAFE.test(out));
    t.snapshot(out);
  });
}

test('table, csv and value print one line per row even with a newline in a name', (t) => {
  const n = hostileBoxes.length;
  t.is(render(hostileBoxes, boxColumns, 'table').split('\n').length, n + 2);
  t.is(render(hostileBoxes, boxColumns, 'csv').split('\n').length, n + 2);
  t.is(render(hostileBoxes, boxColumns, 'value').split('\n').length, n + 1);
  t.is(render(hostileBoxes, boxColumns, 'table', { noHeaders: true }).split('\n').length, n + 1);
});

test('table uppercases headers, aligns columns and formats values', (t) => {
  const rows: Box[] = [
    { id: 'a', name: 'web', state: 'running', ports: [80, 443], labels: { app: 'web', tier: 'front' }, note: null },
    { id: 'bbbb', name: '名前', state: 'exited', ports: [], labels: {}, note: 'x' },
  ];
  const lines = render(rows, boxColumns, 'table').trimEnd().split('\n');
  t.is(lines[0], 'ID    NAME  STATE    PORTS    LABELS               NOTE');
  t.is(lines[1], 'a     web   running  80, 443  app=web, tier=front');
  t.is(lines[2], 'bbbb  名前  exited                                 x');
});

test('table cuts long cells with … to fit a width, and never without one', (t) => {
  const rows = hostileBoxes.map((b) => ({ ...b, note: 'n'.repeat(200) }));
  const wide = render(rows, boxColumns, 'table');
  t.false(wide.includes('…'));
  t.true(wide.includes('n'.repeat(200)));
  const fitted = render(rows, boxColumns, 'table', { width: 80 });
  t.true(fitted.includes('…'));
  for (const line of fitted.trimEnd().split('\n')) t.true(displayWidth(line) <= 80, line);
});

test('a column width caps its cells in a table', (t) => {
  const cols: Column<Box>[] = [{ id: 'note', header: 'Note', get: () => 'abcdefghij', width: 6 }];
  t.is(render(hostileBoxes.slice(0, 1), cols, 'table'), 'NOTE\nabcde…\n');
});

test('json prints whole entities unless columns were selected', (t) => {
  const whole = JSON.parse(render(hostileBoxes, pick('id'), 'json')) as Box[];
  t.deepEqual(whole, hostileBoxes);
  const picked = JSON.parse(render(hostileBoxes, pick('id', 'ports'), 'json', { selected: true })) as unknown[];
  t.deepEqual(picked[1], { id: 'c1', ports: [80, 443] });
});

test('json rows turn Maps, Sets, Dates and bigints into plain data', (t) => {
  const row = { m: new Map([['a', new Set([1, 2])]]), when: new Date(0), big: 10n };
  t.deepEqual(toJsonRows([row], undefined), [{ m: { a: [1, 2] }, when: '1970-01-01T00:00:00.000Z', big: '10' }]);
  const cols: Column<typeof row>[] = [{ id: 'm', header: 'M', get: (r) => r.m }];
  t.deepEqual(toJsonRows([row], cols), [{ m: { a: [1, 2] } }]);
  t.is(render([row], cols, 'table'), 'M\na=[1,2]\n');
});

test('-o json of whole entities prints exactly the JSON of their plain data (Maps, Sets, Dates, bigints, functions, nesting)', (t) => {
  const rows = [
    { m: new Map<unknown, unknown>([['a', new Set([1, new Date(0)])], [2, { deep: new Map([['x', 5n]]) }]]), when: new Date(0), bad: new Date(Number.NaN), big: 10n, f: () => 1, u: undefined, list: [() => 1, undefined, 3n] },
    { name: 'plain\u009b', nested: { a: [1, 'two', null, true], b: {} } },
  ];
  const json = render(rows, [], 'json');
  t.is(json, `${JSON.stringify(toJsonRows(rows, undefined), null, 2).replace('\u009b', '\\u009b')}\n`);
  t.deepEqual(JSON.parse(json), [
    { m: { a: [1, '1970-01-01T00:00:00.000Z'], 2: { deep: { x: '5' } } }, when: '1970-01-01T00:00:00.000Z', bad: null, big: '10', list: [null, null, '3'] },
    { name: 'plain\u009b', nested: { a: [1, 'two', null, true], b: {} } },
  ]);
});

test('yaml parses back with every string sanitized', (t) => {
  const data = parse(render(hostileBoxes, boxColumns, 'yaml')) as Box[];
  t.is(data.length, hostileBoxes.length);
  t.is(data[0]?.name, '\\x1b]0;pwned\\x07evil');
  t.is(data[3]?.name, '\\u202egnp.exe');
  t.deepEqual(data[1]?.ports, [80, 443]);
});

test('csv quotes per RFC 4180 and uses column ids as headers', (t) => {
  const cols: Column<string>[] = [{ id: 'v', header: 'Value', get: (s) => s }];
  const out = render(['plain', 'a,b', 'say "hi"', 'x\ny', ''], cols, 'csv');
  t.is(out, 'v\nplain\n"a,b"\n"say ""hi"""\nx\\x0ay\n\n');
  t.is(render(['a'], cols, 'csv', { noHeaders: true }), 'a\n');
});

test('csv neutralises spreadsheet formulas but keeps numbers', (t) => {
  const cols: Column<string>[] = [{ id: 'v', header: 'V', get: (s) => s }];
  const out = render(['=1+1', '+cmd', '-2+3', '@SUM(A1)', '=HYPERLINK("x")', '-5', '+1.5e3', 'a=b'], cols, 'csv', {
    noHeaders: true,
  });
  t.deepEqual(out.trimEnd().split('\n'), ["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", '"\'=HYPERLINK(""x"")"', '-5', '+1.5e3', 'a=b']);
});

test('value prints cells separated by spaces, one row per line, without headers', (t) => {
  t.is(render(hostileBoxes.slice(0, 2), pick('id', 'state'), 'value'), 'c0 running\nc1 exited\n');
});

test('renderOne prints a FIELD/VALUE table, one value per line, and one json object', (t) => {
  const box = hostileBoxes[1] as Box;
  t.is(renderOne(box, pick('id', 'state'), 'table'), 'FIELD  VALUE\nID     c1\nState  exited\n');
  t.is(renderOne(box, pick('id', 'state'), 'value'), 'c1\nexited\n');
  t.deepEqual(JSON.parse(renderOne(box, pick('id'), 'json', { selected: true })), { id: 'c1' });
  t.deepEqual(JSON.parse(renderOne(box, pick('id'), 'json')), box);
});

test('empty lists print only what the format needs', (t) => {
  t.is(render([], boxColumns, 'table'), 'ID  NAME  STATE  PORTS  LABELS  NOTE\n');
  t.is(render([], boxColumns, 'table', { noHeaders: true }), '');
  t.is(render([], boxColumns, 'json'), '[]\n');
  t.is(render([], boxColumns, 'value'), '');
  t.is(render([], boxColumns, 'csv'), 'id,name,state,ports,labels,note\n');
});

test('a 100,000-row table renders every row aligned', (t) => {
  const rows: Box[] = Array.from({ length: 100_000 }, (_, i) => ({
    id: `c${i}`,
    name: i === 99_999 ? '\u001b[2Jlast' : `box-${i}`,
    state: 'running',
    ports: [i],
    labels: {},
    note: null,
  }));
  const out = render(rows, pick('id', 'name', 'ports'), 'table', { width: 120 });
  const lines = out.trimEnd().split('\n');
  t.is(lines.length, 100_001);
  t.is(lines[0], 'ID      NAME         PORTS');
  t.is(lines[1], 'c0      box-0        0');
  t.is(lines[100_000], 'c99999  \\x1b[2Jlast  99999');
  t.false(RAW_UNSAFE.test(out));
});
