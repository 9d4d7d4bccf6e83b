import type { Key } from 'ink';
import type { ActionName, QueryClient } from '../../events/read-model.js';
import { fromEpochMs } from '../../events/time.js';
import { completeCommand, parseCommand } from '../commands.js';
import { parseFilter } from '../filter.js';
import type { Keymap, Scope } from '../keymap.js';
import { bindingFor } from '../keymap.js';
import type { Row } from '../rows.js';
import { shownColumns } from '../rows.js';
import type { ConsoleAction, ConsoleState, Mode, PendingAction } from '../state/console-state.js';
import { STEPS, viewState } from '../state/console-state.js';
import type { AnyTable } from '../tables.js';
import { keyName, typedText } from './key-name.js';

/** Everything a key may need: the state, the rows on screen, sizes, the clock and the client. */
export type KeyContext = Readonly<{
  state: ConsoleState;
  dispatch: (a: ConsoleAction) => void;
  keymap: Keymap;
  tables: readonly AnyTable[];
  table: AnyTable;
  rows: readonly Row[];
  /** Lines the body shows, and how many lines the detail and help have. */
  bodyHeight: number;
  detailLines: number;
  helpLines: number;
  now: () => number;
  client: QueryClient;
  quit: () => void;
}>;

const SCOPES: Readonly<Record<Mode, Scope>> = { list: 'list', detail: 'detail', help: 'help', command: 'prompt', filter: 'prompt', scrub: 'scrub', confirm: 'confirm' };

const lengthOf = (c: KeyContext): number => (c.state.mode === 'detail' ? c.detailLines : c.state.mode === 'help' ? c.helpLines : c.rows.length);
const pageOf = (c: KeyContext): number => Math.max(1, c.state.mode === 'list' ? c.bodyHeight - 1 : c.bodyHeight);

const cursorRow = (c: KeyContext): Row | undefined => c.rows[viewState(c.state).cursor];

const sortNext = (c: KeyContext): ConsoleAction => {
  const ids = shownColumns(c.table).map((i) => c.table.columns[i]?.id ?? '');
  const cur = viewState(c.state).sort;
  const i = cur === null ? -1 : ids.indexOf(cur.column);
  const next = ids[i + 1];
  return { type: 'sort', sort: next === undefined ? null : { column: next, desc: false } };
};

const sortReverse = (c: KeyContext): ConsoleAction => {
  const cur = viewState(c.state).sort;
  const first = c.table.columns[shownColumns(c.table)[0] ?? 0]?.id ?? 'id';
  return { type: 'sort', sort: cur === null ? { column: first, desc: true } : { ...cur, desc: !cur.desc } };
};

/** The targets of an action: the marked rows, else the row under the cursor (or the entity in detail). */
const ask = (c: KeyContext, action: ActionName): ConsoleAction => {
  const { state, table } = c;
  const where = state.mode === 'detail' && state.detail !== null ? (c.tables.find((t) => t.id === state.detail?.view) ?? table) : table;
  if (!where.actions.includes(action)) return { type: 'flash', text: `There is nothing to ${action} in ${where.title}: actions work on containers and VMs.`, error: true };
  if (state.at !== null) return { type: 'flash', text: 'Actions act on the present: press L (or :live) to go back to live first.', error: true };
  const marks = viewState(state).marks;
  const rows = state.mode === 'detail' ? [] : c.rows.filter((r) => marks.has(r.key));
  const picked = rows.length > 0 ? rows.map((r) => where.detail(r.row)) : state.mode === 'detail' && state.detail !== null ? [state.detail.last] : [cursorRow(c)].filter((r) => r !== undefined).map((r) => where.detail(r.row));
  if (picked.length === 0) return { type: 'flash', text: `Nothing to ${action}: the list is empty.`, error: true };
  const pending: PendingAction = { action, targets: picked.map((d) => ({ ref: d.ref, label: d.title })) };
  return { type: 'ask', pending };
};

const confirm = (c: KeyContext): void => {
  const p = c.state.confirm;
  c.dispatch({ type: 'back' });
  if (p === null) return;
  c.dispatch({ type: 'flash', text: `Asking the daemon to ${p.action} ${p.targets.length === 1 ? (p.targets[0]?.label ?? '') : `${p.targets.length} targets`}…`, error: false });
  void c.client.act({ action: p.action, targets: p.targets.map((t) => t.ref) }).then(
    (o) => c.dispatch({ type: 'flash', text: o.message, error: !o.ok }),
    (err: unknown) => c.dispatch({ type: 'flash', text: `The request failed: ${(err as Error).message}`, error: true }),
  );
};

const submit = (c: KeyContext): void => {
  const { state, dispatch } = c;
  if (state.mode === 'filter') {
    const f = parseFilter(state.input, c.table.columns.map((x) => x.id));
    dispatch(f.ok ? { type: 'setFilter', text: state.input.trim() } : { type: 'inputError', message: f.error });
    return;
  }
  const cmd = parseCommand(state.input, c.tables, c.table, c.now());
  if (cmd.type === 'error') return dispatch({ type: 'inputError', message: cmd.message });
  dispatch({ type: 'commandRan', line: state.input.trim() });
  if (cmd.type === 'view') dispatch({ type: 'setView', view: cmd.view });
  else if (cmd.type === 'at') dispatch({ type: 'travel', at: cmd.at });
  else if (cmd.type === 'live') dispatch({ type: 'travel', at: null });
  else if (cmd.type === 'sort') dispatch({ type: 'sort', sort: { column: cmd.column, desc: cmd.desc } });
  else if (cmd.type === 'help') dispatch({ type: 'help' });
  else c.quit();
};

const go = (c: KeyContext): ConsoleAction => {
  const atMs = c.state.scrub?.atMs ?? c.now();
  return { type: 'travel', at: atMs >= c.now() - 1000 ? null : fromEpochMs(atMs) };
};

/** The effect of one bound action. Returns nothing: it dispatches (and, for a confirmed action, asks the client). */
const run = (c: KeyContext, action: string): void => {
  const d = c.dispatch;
  const total = lengthOf(c);
  const height = pageOf(c);
  switch (action) {
    case 'down': return d({ type: 'move', delta: 1, total, height });
    case 'up': return d({ type: 'move', delta: -1, total, height });
    case 'pageDown': return d({ type: 'move', delta: height, total, height });
    case 'pageUp': return d({ type: 'move', delta: -height, total, height });
    case 'top': return d({ type: 'edge', end: false, total, height });
    case 'bottom': return d({ type: 'edge', end: true, total, height });
    case 'open': { const r = cursorRow(c); return r === undefined ? undefined : d({ type: 'open', view: c.table.id, key: r.key, detail: c.table.detail(r.row) }); }
    case 'command': return d({ type: 'prompt', kind: 'command' });
    case 'filter': return d({ type: 'prompt', kind: 'filter' });
    case 'clearFilter': return viewState(c.state).filter === '' ? undefined : d({ type: 'setFilter', text: '' });
    case 'sortNext': return d(sortNext(c));
    case 'sortReverse': return d(sortReverse(c));
    case 'mark': { const r = cursorRow(c); return r === undefined ? undefined : d({ type: 'mark', key: r.key }); }
    case 'markAll': return d({ type: 'markAll', keys: c.rows.map((r) => r.key) });
    case 'unmarkAll': return d({ type: 'unmarkAll' });
    case 'travel': return d({ type: 'scrubOpen', nowMs: c.now() });
    case 'live': return c.state.at === null ? undefined : d({ type: 'travel', at: null });
    case 'stop': case 'start': case 'restart': return d(ask(c, action));
    case 'confirm': return confirm(c);
    case 'help': return d({ type: 'help' });
    case 'back': case 'cancel': return d({ type: 'back' });
    case 'quit': return c.quit();
    case 'submit': return submit(c);
    case 'historyBack': return d({ type: 'history', dir: -1 });
    case 'historyForward': return d({ type: 'history', dir: 1 });
    case 'complete': return c.state.mode === 'command' ? d({ type: 'input', text: completeCommand(c.state.input, c.tables, c.table).slice(c.state.input.length) }) : undefined;
    case 'earlier': return d({ type: 'scrubMove', dir: -1, nowMs: c.now() });
    case 'later': return d({ type: 'scrubMove', dir: 1, nowMs: c.now() });
    case 'finer': return d({ type: 'scrubStep', dir: -1 });
    case 'coarser': return d({ type: 'scrubStep', dir: 1 });
    case 'now': return d({ type: 'scrubNow', nowMs: c.now() });
    case 'go': return d(go(c));
    default: return undefined;
  }
};

/** One key press: the keymap decides what it means in the current mode; prompts also take text. */
export const handleKey = (c: KeyContext, input: string, key: Key): void => {
  const name = keyName(input, key);
  const scope = SCOPES[c.state.mode];
  const binding = name === null ? undefined : bindingFor(c.keymap, scope, name);
  if (binding !== undefined) return run(c, binding.action);
  if (scope !== 'prompt') return undefined;
  if (key.backspace || key.delete) return c.dispatch({ type: 'backspace' });
  const text = typedText(input, key);
  if (text !== '') c.dispatch({ type: 'input', text });
  return undefined;
};

/** Milliseconds of the scrubber's step. */
export const stepMs = (step: number): number => STEPS[step] ?? 60_000;
