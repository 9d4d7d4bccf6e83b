import test from 'ava';
import type { ConsoleAction, ConsoleState } from '../../views/state/console-state.js';
import { consoleReducer, initialState, STEPS, viewState } from '../../views/state/console-state.js';

const run = (...actions: ConsoleAction[]): ConsoleState => actions.reduce(consoleReducer, initialState('containers'));
const detail = { ref: { kind: 'container', id: 'c1' }, title: 'container web', fields: [] } as const;

test('moves keep the cursor inside the list and scroll only when it would leave the window', (t) => {
  let s = run({ type: 'move', delta: 25, total: 100, height: 10 });
  t.is(viewState(s).cursor, 25);
  t.is(viewState(s).offset, 16);
  s = consoleReducer(s, { type: 'move', delta: -3, total: 100, height: 10 });
  t.is(viewState(s).offset, 16, 'moving up inside the window does not scroll');
  s = consoleReducer(s, { type: 'move', delta: 1000, total: 100, height: 10 });
  t.is(viewState(s).cursor, 99);
  s = consoleReducer(s, { type: 'edge', end: false, total: 100, height: 10 });
  t.deepEqual([viewState(s).cursor, viewState(s).offset], [0, 0]);
  t.is(viewState(run({ type: 'move', delta: 3, total: 0, height: 10 })).cursor, 0, 'an empty list has its cursor at 0');
});

test('a prompt collects text, backspace removes a character, and the filter it sets resets the cursor', (t) => {
  const s = run(
    { type: 'move', delta: 5, total: 10, height: 5 },
    { type: 'prompt', kind: 'filter' }, { type: 'input', text: 'wex' }, { type: 'backspace' }, { type: 'input', text: 'b' },
  );
  t.is(s.mode, 'filter');
  t.is(s.input, 'web');
  const after = consoleReducer(s, { type: 'setFilter', text: 'web' });
  t.is(after.mode, 'list');
  t.deepEqual([viewState(after).filter, viewState(after).cursor], ['web', 0]);
});

test('each view keeps its own cursor, filter and marks', (t) => {
  const s = run(
    { type: 'setFilter', text: 'web' }, { type: 'mark', key: 'container/a' },
    { type: 'setView', view: 'vms' }, { type: 'move', delta: 2, total: 5, height: 5 },
  );
  t.is(viewState(s).filter, '');
  t.is(viewState(s).cursor, 2);
  t.deepEqual([...viewState(s, 'containers').marks], ['container/a']);
  t.is(viewState(s, 'containers').filter, 'web');
});

test('command history: ↑ walks back, ↓ forward to an empty line; a repeated command is kept once, newest last', (t) => {
  let s = run({ type: 'commandRan', line: 'vms' }, { type: 'commandRan', line: 'hosts' }, { type: 'commandRan', line: 'vms' });
  t.deepEqual(s.history, ['hosts', 'vms']);
  s = consoleReducer(s, { type: 'prompt', kind: 'command' });
  s = consoleReducer(s, { type: 'history', dir: -1 });
  t.is(s.input, 'vms');
  s = consoleReducer(s, { type: 'history', dir: -1 });
  t.is(s.input, 'hosts');
  s = consoleReducer(s, { type: 'history', dir: -1 });
  t.is(s.input, 'hosts', 'stops at the oldest');
  s = consoleReducer(s, { type: 'history', dir: 1 });
  s = consoleReducer(s, { type: 'history', dir: 1 });
  t.is(s.input, '');
});

test('marks toggle, mark all replaces, unmark all clears', (t) => {
  let s = run({ type: 'mark', key: 'a' }, { type: 'mark', key: 'b' }, { type: 'mark', key: 'a' });
  t.deepEqual([...viewState(s).marks], ['b']);
  s = consoleReducer(s, { type: 'markAll', keys: ['x', 'y'] });
  t.deepEqual([...viewState(s).marks], ['x', 'y']);
  t.is(viewState(consoleReducer(s, { type: 'unmarkAll' })).marks.size, 0);
});

test('Enter opens a detail, overlays return to it, and Esc goes back to the list', (t) => {
  let s = run({ type: 'open', view: 'containers', key: 'container/c1', detail });
  t.is(s.mode, 'detail');
  s = consoleReducer(s, { type: 'help' });
  t.deepEqual([s.mode, s.under], ['help', 'detail']);
  s = consoleReducer(s, { type: 'back' });
  t.is(s.mode, 'detail');
  s = consoleReducer(s, { type: 'move', delta: 3, total: 50, height: 10 });
  t.is(s.detail?.scroll, 3);
  s = consoleReducer(s, { type: 'back' });
  t.deepEqual([s.mode, s.detail], ['list', null]);
});

test('the scrubber steps through time, never past now, with steps from 10s to 1d', (t) => {
  const now = 1_000_000_000_000;
  let s = run({ type: 'scrubOpen', nowMs: now });
  t.deepEqual(s.scrub, { atMs: now, step: 1 });
  s = consoleReducer(s, { type: 'scrubMove', dir: 1, nowMs: now });
  t.is(s.scrub?.atMs, now, 'the future is not a moment to travel to');
  s = consoleReducer(consoleReducer(s, { type: 'scrubStep', dir: 1 }), { type: 'scrubMove', dir: -1, nowMs: now });
  t.is(s.scrub?.atMs, now - STEPS[2]);
  for (let i = 0; i < 10; i++) s = consoleReducer(s, { type: 'scrubStep', dir: 1 });
  t.is(s.scrub?.step, STEPS.length - 1);
  s = consoleReducer(s, { type: 'travel', at: '2026-11-23T10:00:00.000000000Z' });
  t.deepEqual([s.mode, s.at, s.scrub], ['list', '2026-11-23T10:00:00.000000000Z', null]);
  t.is(consoleReducer(s, { type: 'scrubOpen', nowMs: now }).scrub?.atMs, Date.UTC(2026, 10, 23, 10), 'reopening starts at the moment shown');
});

test('an action asks first; cancelling drops it', (t) => {
  const pending = { action: 'stop', targets: [{ ref: { kind: 'container', id: 'c1' }, label: "container 'web'" }] } as const;
  let s = run({ type: 'ask', pending });
  t.deepEqual([s.mode, s.confirm], ['confirm', pending]);
  s = consoleReducer(s, { type: 'back' });
  t.deepEqual([s.mode, s.confirm], ['list', null]);
});
