import test from 'ava';
import { completeCommand, parseCommand } from '../../views/commands.js';
import { parseFilter, rowMatches } from '../../views/filter.js';
import { compareCells } from '../../views/rows.js';
import { clampCursor, windowOf } from '../../views/window.js';
import { consoleTables } from '../../cli/console/tables.js';
import type { TableColumn } from '../../views/tables.js';

const cols = ['name', 'state', 'labels'].map((id) => ({ id, header: id, text: () => '' })) as unknown as readonly TableColumn<never>[];
const ids = ['name', 'state', 'labels'];
const match = (f: string, cells: string[]): boolean => {
  const p = parseFilter(f, ids);
  if (!p.ok) throw new Error(p.error);
  return rowMatches(p.filter, cells, cols);
};

test('filters: substring in any column and any case, /regex/, column=value (list cells too), ! negates, terms AND', (t) => {
  const row = ['Web-1', 'running', 'app=shop, tier=front'];
  t.true(match('web', row));
  t.true(match('/^web-\\d$/', row));
  t.false(match('/^eb/', row));
  t.true(match('state=running', row));
  t.false(match('state=run', row), 'a column value matches whole');
  t.true(match('labels=tier=front', row), 'or one item of a list cell');
  t.true(match('app=shop', row), 'a key that is no column is a substring (labels)');
  t.true(match('!state=exited web', row));
  t.false(match('web !running', row));
  t.true(match('/web 1|web-1/', row), 'a whole filter in slashes is one regex, spaces included');
  t.deepEqual(parseFilter('  ', ids), { ok: true, filter: [] });
  const bad = parseFilter('/(/', ids);
  t.false(bad.ok);
  t.regex(bad.ok ? '' : bad.error, /^\/\(\/ is not a valid regular expression/);
});

test('cells sort as numbers when both are numbers, naturally otherwise, empty last', (t) => {
  t.deepEqual(['10', '9', '', '100'].sort(compareCells), ['9', '10', '100', '']);
  t.deepEqual(['web-10', 'web-2', 'Web-1'].sort(compareCells), ['Web-1', 'web-2', 'web-10']);
});

test('the window follows the cursor and never leaves the list', (t) => {
  t.deepEqual(windowOf(0, 0, 10, 10_000), { offset: 0, start: 0, end: 10 });
  t.deepEqual(windowOf(15, 0, 10, 10_000), { offset: 6, start: 6, end: 16 });
  t.deepEqual(windowOf(7, 6, 10, 10_000), { offset: 6, start: 6, end: 16 }, 'no scroll while the cursor is inside');
  t.deepEqual(windowOf(9999, 0, 10, 10_000), { offset: 9990, start: 9990, end: 10_000 });
  t.deepEqual(windowOf(3, 50, 10, 5), { offset: 0, start: 0, end: 5 }, 'a list shorter than the window starts at 0');
  t.is(clampCursor(5, -10, 100), 0);
  t.is(clampCursor(5, 1000, 100), 99);
  t.is(clampCursor(5, 1, 0), 0);
});

const tables = consoleTables();
const NOW = Date.UTC(2026, 10, 23, 12);

test(': reads views and aliases, at/live/sort/help/q, and says what works when it cannot', (t) => {
  const ps = tables.find((x) => x.id === 'containers');
  t.deepEqual(parseCommand('ps', tables, ps, NOW), { type: 'view', view: 'containers' });
  t.deepEqual(parseCommand(' VMS ', tables, ps, NOW), { type: 'view', view: 'vms' });
  t.deepEqual(parseCommand('ev', tables, ps, NOW), { type: 'view', view: 'events' });
  t.deepEqual(parseCommand('at 2h', tables, ps, NOW), { type: 'at', at: '2026-11-23T10:00:00.000000000Z' });
  t.deepEqual(parseCommand('at 2026-11-23T03:12', tables, ps, NOW), { type: 'at', at: '2026-11-23T03:12:00.000000000Z' });
  t.deepEqual(parseCommand('live', tables, ps, NOW), { type: 'live' });
  t.deepEqual(parseCommand('sort Name desc', tables, ps, NOW), { type: 'sort', column: 'name', desc: true });
  t.deepEqual(parseCommand('q', tables, ps, NOW), { type: 'quit' });
  t.regex((parseCommand('at yesterday-ish', tables, ps, NOW) as { message: string }).message, /not a time berth can read/);
  t.regex((parseCommand('sort nope', tables, ps, NOW) as { message: string }).message, /There is no column 'nope' here\. Columns: id, full_id, name/);
  t.regex((parseCommand('pods', tables, ps, NOW) as { message: string }).message, /'pods' is not a view or a command\. Views: containers, ps/);
});

test('Tab completes the longest unambiguous prefix of a view or command', (t) => {
  t.is(completeCommand('mag', tables), 'magnum');
  t.is(completeCommand('clu', tables), 'cluster');
  t.is(completeCommand('zzz', tables), 'zzz');
  t.is(completeCommand('at 2', tables), 'at 2');
});

test('Tab after sort completes a column of the view shown, then desc', (t) => {
  const ps = tables.find((x) => x.id === 'containers');
  t.is(completeCommand('sort na', tables, ps), 'sort name');
  t.is(completeCommand('sort St', tables, ps), 'sort sta', 'state and started_at share sta');
  t.is(completeCommand('sort stat', tables, ps), 'sort state');
  t.is(completeCommand('sort ', tables, ps), 'sort ', 'every column: nothing shared to add');
  t.is(completeCommand('sort zz', tables, ps), 'sort zz');
  t.is(completeCommand('sort name d', tables, ps), 'sort name desc');
  t.is(completeCommand('sort name desc x', tables, ps), 'sort name desc x');
  t.is(completeCommand('sort na', tables), 'sort na', 'no view: no columns');
});
