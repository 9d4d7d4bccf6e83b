import test from 'ava';
import { aContainerObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { consoleTables } from '../../cli/console/tables.js';
import type { ReadModelState } from '../../events/read-model.js';
import { RowList } from '../../views/row-list.js';
import { shownColumns } from '../../views/rows.js';
import type { Shown } from '../../views/screen-gate.js';
import { changesScreen } from '../../views/screen-gate.js';
import { statusOf } from '../../views/status.js';
import type { AnyTable } from '../../views/tables.js';
import { renderConsole } from './harness.js';

const id = (n: number): string => n.toString(16).padStart(64, '0');
const box = (n: number, o: Partial<Parameters<typeof aContainerObserved>[0]> = {}) =>
  aContainerObserved({ containerId: id(n), name: `c-${String(n).padStart(3, '0')}`, at: t(n), ...o });
const containers = consoleTables().find((x) => x.id === 'containers') as AnyTable;

/** What a containers screen showing rows [start, end) of `snap` is, as the App describes it. */
const shownOf = (snap: ReadModelState, start: number, end: number): Shown => {
  const list = new RowList(containers);
  const rowsFor = (s: ReadModelState) => (s.status === 'live' || s.status === 'stale' ? list.rows({ model: s.model, tail: s.tail }, '', [], null) : null);
  const statusFor = (s: ReadModelState) => statusOf(s, null, 0, (x) => x);
  return { snap, list: rowsFor(snap) ?? { rows: [], total: 0 }, start, end, columns: shownColumns(containers), status: statusFor(snap), rowsFor, statusFor };
};

const fifty = (): FakeQueryClient => FakeQueryClient.with(...Array.from({ length: 50 }, (_, i) => box(i + 1)));

test('a model that changes only rows off screen, or columns not shown, does not change the screen', (t0) => {
  const client = fifty();
  const shown = shownOf(client.getSnapshot(), 0, 10);
  client.push(box(30, { state: 'exited', at: t(100) }));
  t0.false(changesScreen(shown, client.getSnapshot()), 'row 30 is off screen');
  client.push(box(3, { at: t(101), labels: { tier: 'new' } }));
  t0.false(changesScreen(shown, client.getSnapshot()), 'row 3 changed only in a column not shown (labels)');
  t0.false(changesScreen(shown, shown.snap), 'the snapshot drawn');
});

test('a change on screen, to the counts, to the members or to the status line changes the screen', (t0) => {
  const shown = shownOf(fifty().getSnapshot(), 0, 10);
  const after = (f: (c: FakeQueryClient) => void): boolean => {
    const c = fifty();
    const s = shownOf(c.getSnapshot(), 0, 10);
    f(c);
    return changesScreen(s, c.getSnapshot());
  };
  t0.true(after((c) => c.push(box(3, { state: 'exited', at: t(100) }))), 'row 3 is on screen and its state changed');
  t0.true(after((c) => c.push(box(51))), 'a new row (the count changes)');
  t0.true(after((c) => c.push(box(0, { name: 'c-000', at: t(100) }))), 'a row sorting first pushes every row down');
  t0.true(after((c) => c.setLag(9000, 12)), 'the lag in the status line');
  t0.true(after((c) => c.fail({ code: 'daemon-down', message: 'm', hint: 'h' })), 'live turned stale');
  t0.true(changesScreen(null, shown.snap), 'a screen that is not a plain list is always drawn again');
});

test('on screen, a change off screen draws no frame, a change on screen does, and a key shows the newest model', async (t0) => {
  const client = FakeQueryClient.with(...Array.from({ length: 60 }, (_, i) => box(i + 1)));
  const c = await renderConsole(client, { size: { columns: 100, rows: 20 } });
  await c.settle();
  const before = c.frames().length;
  client.push(box(50, { state: 'exited', exitCode: 3, at: t(100) }));
  await c.settle();
  t0.is(c.frames().length, before, 'container 50 is not on screen: nothing drawn');
  client.push(box(2, { state: 'paused', at: t(101) }));
  t0.regex(await c.settle(), /c-002\s+h1\s+paused/);
  t0.true(c.frames().length > before);
  const f = await c.press('G');
  t0.regex(f, /c-050\s+h1\s+exited/, 'scrolling to it shows the change that was not drawn');
  c.unmount();
});
