import test from 'ava';
import type { Key } from 'ink';
import { consoleTables } from '../../cli/console/tables.js';
import type { KeyContext } from '../../views/hooks/console-keys.js';
import { handleKey } from '../../views/hooks/console-keys.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { rebind } from '../../views/keymap-config.js';
import { keyHelpLines } from '../../views/keymap-help.js';
import type { ConsoleState } from '../../views/state/console-state.js';
import { initialState } from '../../views/state/console-state.js';
import { FakeQueryClient } from '../support/fake-query-client.js';

const CTRL_C = { ctrl: true } as Key;

/** Presses `input` (with `key`) in `state` with `keymap`: how often the console was told to quit, and what was dispatched. */
const press = (keymap: KeyContext['keymap'], state: ConsoleState, input: string, key: Key = {} as Key): { quits: number; dispatched: unknown[] } => {
  const tables = consoleTables();
  let quits = 0;
  const dispatched: unknown[] = [];
  handleKey({
    state, keymap, tables, table: tables[0] as KeyContext['table'], rows: [], bodyHeight: 10, detailLines: 0, helpLines: 0,
    now: () => 0, client: FakeQueryClient.with(), dispatch: (a) => dispatched.push(a), quit: () => { quits += 1; },
  }, input, key);
  return { quits, dispatched };
};

test('Ctrl-C quits in every mode after the operator rebound quit to another key', (t) => {
  const { keymap, errors } = rebind(DEFAULT_KEYMAP, { quit: 'Q' });
  t.deepEqual(errors, []);
  const base = initialState('containers');
  for (const mode of ['list', 'detail', 'help', 'command', 'filter', 'scrub', 'confirm'] as const) {
    t.is(press(keymap, { ...base, mode }, 'c', CTRL_C).quits, 1, mode);
  }
  t.is(press(keymap, base, 'Q').quits, 1, 'the new key quits');
  t.is(press(keymap, base, 'q').quits, 0, 'the old key no longer does');
  // And the help and `berth keys` say so.
  t.true(keyHelpLines(keymap, false).some((l) => /^\s+Q \/ ctrl\+c\s+quit$/.test(l)), keyHelpLines(keymap, false).join('\n'));
});

test('Ctrl-C bound by the operator to another action does that instead of quitting', (t) => {
  const { keymap, errors } = rebind(DEFAULT_KEYMAP, { quit: 'Q', 'list.help': 'ctrl+c' });
  t.deepEqual(errors, []);
  const r = press(keymap, initialState('containers'), 'c', CTRL_C);
  t.is(r.quits, 0);
  t.deepEqual(r.dispatched, [{ type: 'help' }]);
});
