import type { ActionName, EntityRef } from '../../events/read-model.js';
import type { CanonicalTime } from '../../events/time.js';
import type { Sort } from '../rows.js';
import type { Detail } from '../tables.js';
import { toEpochMs } from '../../events/time.js';
import { clampCursor, windowOf } from '../window.js';

/** What has the keyboard: the list, a detail, the help, a prompt, the time scrubber or a confirmation. */
export type Mode = 'list' | 'detail' | 'help' | 'command' | 'filter' | 'scrub' | 'confirm';

/** Per-view state, kept when switching away and back (as k9s keeps a view's filter). */
export type ViewState = Readonly<{ cursor: number; offset: number; filter: string; sort: Sort; marks: ReadonlySet<string> }>;

/** An action waiting for "y": what and on whom, each target with the words the question names it by. */
export type PendingAction = Readonly<{ action: ActionName; targets: readonly (Readonly<{ ref: EntityRef; label: string }>)[] }>;

export type ConsoleState = Readonly<{
  view: string;
  views: Readonly<Record<string, ViewState>>;
  mode: Mode;
  /** The screen under an overlay (help, prompt, scrubber, confirmation). */
  under: 'list' | 'detail';
  input: string;
  inputError: string | null;
  /** `:` lines run, oldest first, and where ↑/↓ is in them (null: not browsing). */
  history: readonly string[];
  historyAt: number | null;
  detail: Readonly<{ view: string; key: string; scroll: number; last: Detail }> | null;
  scrub: Readonly<{ atMs: number; step: number }> | null;
  /** Time travel: the moment shown, or null for live. */
  at: CanonicalTime | null;
  confirm: PendingAction | null;
  flash: Readonly<{ text: string; error: boolean }> | null;
  helpScroll: number;
}>;

/** Scrubber steps, smallest first (ms). */
export const STEPS = [10_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000] as const;

export type ConsoleAction =
  | Readonly<{ type: 'move'; delta: number; total: number; height: number }>
  /** The rows changed under the cursor: it goes to the row of the entity it was on (see useFollowCursor). */
  | Readonly<{ type: 'follow'; view: string; cursor: number; total: number; height: number }>
  | Readonly<{ type: 'edge'; end: boolean; total: number; height: number }>
  | Readonly<{ type: 'prompt'; kind: 'command' | 'filter' }>
  | Readonly<{ type: 'input'; text: string }>
  | Readonly<{ type: 'backspace' }>
  | Readonly<{ type: 'history'; dir: -1 | 1 }>
  | Readonly<{ type: 'inputError'; message: string }>
  | Readonly<{ type: 'commandRan'; line: string }>
  | Readonly<{ type: 'setView'; view: string }>
  | Readonly<{ type: 'setFilter'; text: string }>
  | Readonly<{ type: 'sort'; sort: Sort }>
  | Readonly<{ type: 'mark'; key: string }>
  | Readonly<{ type: 'markAll'; keys: readonly string[] }>
  | Readonly<{ type: 'unmarkAll' }>
  | Readonly<{ type: 'open'; view: string; key: string; detail: Detail }>
  | Readonly<{ type: 'back' }>
  | Readonly<{ type: 'help' }>
  | Readonly<{ type: 'scrubOpen'; nowMs: number }>
  | Readonly<{ type: 'scrubMove'; dir: -1 | 1; nowMs: number }>
  | Readonly<{ type: 'scrubStep'; dir: -1 | 1 }>
  | Readonly<{ type: 'scrubNow'; nowMs: number }>
  | Readonly<{ type: 'travel'; at: CanonicalTime | null }>
  | Readonly<{ type: 'ask'; pending: PendingAction }>
  | Readonly<{ type: 'flash'; text: string; error: boolean }>;

const emptyView: ViewState = { cursor: 0, offset: 0, filter: '', sort: null, marks: new Set() };

export const initialState = (view: string, at: CanonicalTime | null = null): ConsoleState => ({
  view, views: {}, mode: 'list', under: 'list', input: '', inputError: null, history: [], historyAt: null,
  detail: null, scrub: null, at, confirm: null, flash: null, helpScroll: 0,
});

/** The state of the current view (defaults when never visited). */
export const viewState = (s: ConsoleState, view = s.view): ViewState => s.views[view] ?? emptyView;

const withView = (s: ConsoleState, patch: Partial<ViewState>, view = s.view): ConsoleState => ({ ...s, views: { ...s.views, [view]: { ...viewState(s, view), ...patch } } });

/** `view`'s cursor put on row `cursorOf(its cursor)` (kept in the list), scrolled as little as keeps it on screen. */
const placeCursor = (s: ConsoleState, view: string, cursorOf: (c: number) => number, total: number, height: number): ConsoleState => {
  const v = viewState(s, view);
  const cursor = clampCursor(cursorOf(v.cursor), 0, total);
  return withView(s, { cursor, offset: windowOf(cursor, v.offset, height, total).offset }, view);
};

const move = (s: ConsoleState, cursorOf: (c: number) => number, total: number, height: number): ConsoleState => {
  if (s.mode === 'detail' && s.detail !== null) return { ...s, detail: { ...s.detail, scroll: Math.min(Math.max(0, total - height), Math.max(0, cursorOf(s.detail.scroll))) } };
  if (s.mode === 'help') return { ...s, helpScroll: Math.min(Math.max(0, total - height), Math.max(0, cursorOf(s.helpScroll))) };
  return placeCursor(s, s.view, cursorOf, total, height);
};

const toggle = (marks: ReadonlySet<string>, key: string): ReadonlySet<string> => {
  const next = new Set(marks);
  if (!next.delete(key)) next.add(key);
  return next;
};

const historyStep = (s: ConsoleState, dir: -1 | 1): ConsoleState => {
  if (s.mode !== 'command' || s.history.length === 0) return s;
  const at = s.historyAt === null ? (dir < 0 ? s.history.length - 1 : null) : s.historyAt + dir;
  if (at === null || at >= s.history.length) return { ...s, historyAt: null, input: '' };
  const i = Math.max(0, at);
  return { ...s, historyAt: i, input: s.history[i] ?? '' };
};

const closeOverlay = (s: ConsoleState): ConsoleState => ({ ...s, mode: s.under, input: '', inputError: null, historyAt: null, scrub: null, confirm: null });

const back = (s: ConsoleState): ConsoleState => {
  if (s.mode === 'detail') return { ...s, mode: 'list', under: 'list', detail: null };
  return closeOverlay(s);
};

const scrubMove = (s: ConsoleState, dir: -1 | 1, nowMs: number): ConsoleState => {
  if (s.scrub === null) return s;
  const atMs = Math.min(nowMs, s.scrub.atMs + dir * (STEPS[s.scrub.step] ?? 60_000));
  return { ...s, scrub: { ...s.scrub, atMs: Math.max(0, atMs) } };
};

const overlay = (s: ConsoleState, mode: Mode): ConsoleState => ({ ...s, mode, under: s.mode === 'detail' ? 'detail' : s.mode === 'list' ? 'list' : s.under });

/**
 * The console's state machine: pure, so every key's effect is tested without rendering (the
 * `shellReducer` idea). Counts and heights come in with the action; the clock too.
 */
export const consoleReducer = (s: ConsoleState, a: ConsoleAction): ConsoleState => {
  switch (a.type) {
    case 'move': return move(s, (c) => c + a.delta, a.total, a.height);
    case 'follow': return placeCursor(s, a.view, () => a.cursor, a.total, a.height);
    case 'edge': return move(s, () => (a.end ? a.total : 0), a.total, a.height);
    case 'prompt': return { ...overlay(s, a.kind), input: '', inputError: null, historyAt: null, flash: null };
    case 'input': return { ...s, input: s.input + a.text, inputError: null };
    case 'backspace': return { ...s, input: [...s.input].slice(0, -1).join(''), inputError: null };
    case 'history': return historyStep(s, a.dir);
    case 'inputError': return { ...s, inputError: a.message };
    case 'commandRan': return { ...closeOverlay(s), history: [...s.history.filter((h) => h !== a.line), a.line].slice(-50) };
    case 'setView': return { ...s, view: a.view, mode: 'list', under: 'list', detail: null };
    case 'setFilter': return withView(closeOverlay(s), { filter: a.text, cursor: 0, offset: 0 });
    case 'sort': return withView(s, { sort: a.sort });
    case 'mark': return withView(s, { marks: toggle(viewState(s).marks, a.key) });
    case 'markAll': return withView(s, { marks: new Set(a.keys) });
    case 'unmarkAll': return withView(s, { marks: new Set() });
    case 'open': return { ...s, mode: 'detail', under: 'detail', detail: { view: a.view, key: a.key, scroll: 0, last: a.detail } };
    case 'back': return back(s);
    case 'help': return { ...overlay(s, 'help'), helpScroll: 0 };
    case 'scrubOpen': return { ...overlay(s, 'scrub'), scrub: { atMs: s.at === null ? a.nowMs : toEpochMs(s.at), step: 1 } };
    case 'scrubMove': return scrubMove(s, a.dir, a.nowMs);
    case 'scrubStep': return s.scrub === null ? s : { ...s, scrub: { ...s.scrub, step: Math.min(STEPS.length - 1, Math.max(0, s.scrub.step + a.dir)) } };
    case 'scrubNow': return s.scrub === null ? s : { ...s, scrub: { ...s.scrub, atMs: a.nowMs } };
    case 'travel': return { ...closeOverlay(s), at: a.at, flash: null };
    case 'ask': return { ...overlay(s, 'confirm'), confirm: a.pending };
    case 'flash': return { ...s, flash: { text: a.text, error: a.error } };
  }
};
