import test from 'ava';
import type { Column } from '../../../cli/output/columns.js';
import { outputFormats } from '../../../cli/output/format.js';
import { formatChange, formatWatchHeader } from '../../../cli/output/watch.js';
import type { Change } from '../../../cli/output/watch.js';
import { RAW_UNSAFE, boxColumns, hostileBoxes } from './hostile-rows.js';
import type { Box } from './hostile-rows.js';

const box = hostileBoxes[0] as Box;
const at = '2026-01-01T00:00:00.000Z';
const added: Change<Box> = { op: 'put', key: box.id, value: box, isNew: true, at };
const modified: Change<Box> = { ...added, isNew: false };
const deleted: Change<Box> = { op: 'delete', key: '\u202ec9', at };
const cols: Column<Box>[] = boxColumns.filter((c) => ['id', 'name', 'state'].includes(c.id));

test('json changes are JSON Lines carrying the whole entity', (t) => {
  const line = formatChange(added, cols, 'json');
  t.true(line.endsWith('}\n'));
  t.is(line.indexOf('\n'), line.length - 1);
  t.deepEqual(JSON.parse(line), { op: 'put', new: true, key: 'c0', at, value: box });
  t.deepEqual(JSON.parse(formatChange(deleted, cols, 'json')), { op: 'delete', key: '\u202ec9', at });
});

test('json changes carry only the selected columns when -c was given', (t) => {
  const parsed = JSON.parse(formatChange(modified, cols, 'json', { selected: true })) as { value: unknown; new: boolean };
  t.deepEqual(parsed.value, { id: 'c0', name: box.name, state: 'running' });
  t.false(parsed.new);
});

test('table changes are marked +, ~ and - under a matching header', (t) => {
  t.is(formatWatchHeader(cols, 'table'), '  ID  NAME  STATE\n');
  t.is(formatChange(added, cols, 'table'), '+ c0  \\x1b]0;pwned\\x07evil  running\n');
  t.is(formatChange(modified, cols, 'table'), '~ c0  \\x1b]0;pwned\\x07evil  running\n');
  t.is(formatChange(deleted, cols, 'table'), '- \\u202ec9\n');
});

test('csv changes name the change in words so no field reads as a formula', (t) => {
  t.is(formatWatchHeader(cols, 'csv'), 'change,key,id,name,state\n');
  t.is(formatChange(added, cols, 'csv'), 'added,c0,c0,\\x1b]0;pwned\\x07evil,running\n');
  t.is(formatChange(deleted, cols, 'csv'), 'deleted,\\u202ec9,,,\n');
});

test('every format prints each change as one safe line', (t) => {
  for (const format of outputFormats) {
    for (const change of [added, modified, deleted]) {
      for (const b of hostileBoxes) {
        const line = formatChange(change.op === 'put' ? { ...change, value: b } : change, boxColumns, format);
        t.false(RAW_UNSAFE.test(line), `${format} ${line}`);
        t.is(line.indexOf('\n'), line.length - 1, `${format} ${line}`);
      }
    }
    t.false(RAW_UNSAFE.test(formatWatchHeader(boxColumns, format)));
  }
});

test('json and value have no watch header', (t) => {
  t.is(formatWatchHeader(cols, 'json'), '');
  t.is(formatWatchHeader(cols, 'value'), '');
  t.is(formatChange(added, cols, 'value'), '+ c0 \\x1b]0;pwned\\x07evil running\n');
});
