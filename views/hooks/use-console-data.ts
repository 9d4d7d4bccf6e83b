import { useMemo, useRef } from 'react';
import type { ReadModelState } from '../../events/read-model.js';
import { parseFilter } from '../filter.js';
import { useQueryClient } from '../query-context.js';
import type { Row } from '../rows.js';
import { shownColumns } from '../rows.js';
import { RowList } from '../row-list.js';
import type { TableRowsResult } from '../row-list.js';
import { changesScreen } from '../screen-gate.js';
import type { Shown } from '../screen-gate.js';
import type { StatusView } from '../status.js';
import type { ConsoleState } from '../state/console-state.js';
import { viewState } from '../state/console-state.js';
import type { PastStatus } from '../status.js';
import type { AnyTable, ConsoleData } from '../tables.js';
import { useAsync } from './use-async.js';
import { useGatedReadModel } from './use-gated-read-model.js';

export type ConsoleDataResult = Readonly<{
  snap: ReadModelState;
  /** What the screens show: the live model, or the past one when time travelling; null while there is none. */
  data: ConsoleData | null;
  past: PastStatus | null;
  /** The current view's rows after filter and sort, and how many there are before the filter. */
  rows: readonly Row[];
  total: number;
  /**
   * The screen says what it drew: the rows `[start, end)` of a plain live list, and its status
   * (null: anything else). A new model that changes none of it is then not rendered.
   */
  drawn: (screen: DrawnList | null) => void;
}>;

export type DrawnList = Readonly<{ start: number; end: number; status: StatusView; statusFor: (snap: ReadModelState) => StatusView }>;

/**
 * The data of the console: the live snapshot, or the model at `state.at` (read once per moment,
 * with the tail cut at that moment), and the current view's rows, recomputed only when the data,
 * the view, its filter or its sort changed (and then, in views that allow it, only the rows that changed).
 */
export const useConsoleData = (table: AnyTable, state: ConsoleState): ConsoleDataResult => {
  const client = useQueryClient();
  const shown = useRef<Shown | null>(null);
  const snap = useGatedReadModel((next) => changesScreen(shown.current, next));
  const at = state.at;
  const pastModel = useAsync(at, (signal) => client.modelAt(at as string, signal));
  const live = snap.status === 'live' || snap.status === 'stale' ? snap : null;
  const data = useMemo((): ConsoleData | null => {
    if (at === null) return live === null ? null : { model: live.model, tail: live.tail };
    if (pastModel.status !== 'ready') return null;
    return { model: pastModel.value.model, tail: pastModel.value.tail };
  }, [at, live, pastModel]);
  const past: PastStatus | null = at === null ? null
    : pastModel.status === 'failed' ? { at, state: 'failed', error: pastModel.error }
      : { at, state: pastModel.status === 'ready' ? 'ready' : 'loading' };
  const v = viewState(state);
  // One list per view, kept across models: a change to a few entities moves a few rows.
  const lists = useRef(new WeakMap<AnyTable, RowList>());
  const rowsOf = useMemo(() => {
    let list = lists.current.get(table);
    if (list === undefined) lists.current.set(table, (list = new RowList(table)));
    const l = list;
    const f = parseFilter(v.filter, table.columns.map((c) => c.id));
    return (d: ConsoleData): TableRowsResult => l.rows(d, v.filter, f.ok ? f.filter : [], v.sort);
  }, [table, v.filter, v.sort]);
  const result = useMemo((): TableRowsResult => (data === null ? { rows: [], total: 0 } : rowsOf(data)), [data, rowsOf]);
  const drawn = (screen: DrawnList | null): void => {
    shown.current = screen === null || at !== null || live === null ? null : {
      snap, list: result, start: screen.start, end: screen.end, columns: shownColumns(table), status: screen.status, statusFor: screen.statusFor,
      rowsFor: (s) => (s.status === 'live' || s.status === 'stale' ? rowsOf({ model: s.model, tail: s.tail }) : null),
    };
  };
  return { snap, data, past, rows: result.rows, total: result.total, drawn };
};
