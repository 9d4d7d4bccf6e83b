import type { ReadModelState } from '../events/read-model.js';
import type { TableRowsResult } from './row-list.js';
import type { Row } from './rows.js';
import type { StatusView } from './status.js';

/**
 * What a list screen showed, enough to tell whether a newer model would change it: the snapshot
 * it was drawn from, its rows and the window of them on screen, its status, and how to get the
 * same view's rows and status for another snapshot.
 */
export type Shown = Readonly<{
  snap: ReadModelState;
  list: TableRowsResult;
  /** Rows `[start, end)` of `list.rows` are on screen. */
  start: number;
  end: number;
  /** Indexes of the cells shown. */
  columns: readonly number[];
  status: StatusView;
  rowsFor: (snap: ReadModelState) => TableRowsResult | null;
  statusFor: (snap: ReadModelState) => StatusView;
}>;

/** The same line on screen: the same row, or one with the same key and the same text in every column shown. */
const sameLine = (a: Row | undefined, b: Row | undefined, columns: readonly number[]): boolean =>
  a === b || (a !== undefined && b !== undefined && a.key === b.key && columns.every((i) => a.cells[i] === b.cells[i]));

const sameStatus = (a: StatusView, b: StatusView): boolean =>
  a.text === b.text && a.colour === b.colour && a.banner.length === b.banner.length && a.banner.every((l, i) => l === b.banner[i]);

/**
 * Whether drawing `next` would change the screen described by `shown` (null: a screen that is
 * not a plain list, always drawn again). A new model usually changes rows nobody sees: then the
 * console does not render at all, rather than render 10,000 rows' worth of nothing new. Changed:
 * the status line or banner, the counts, a row joining or leaving the list (keys act on the list
 * as drawn), or the text of any line on screen (an entity changed what it shows, or rows moved).
 */
export const changesScreen = (shown: Shown | null, next: ReadModelState): boolean => {
  if (shown === null || next === shown.snap) return shown === null;
  if (next.status !== shown.snap.status || (next.status !== 'live' && next.status !== 'stale')) return true;
  if (!sameStatus(shown.statusFor(next), shown.status)) return true;
  const now = shown.rowsFor(next);
  return now === null || !sameList(shown, now);
};

/** The same members, counts and lines on screen. */
const sameList = (shown: Shown, now: TableRowsResult): boolean => {
  const was = shown.list;
  if (was.members === undefined || now.members !== was.members || now.total !== was.total || now.rows.length !== was.rows.length) return false;
  for (let i = shown.start; i < shown.end; i++) if (!sameLine(now.rows[i], was.rows[i], shown.columns)) return false;
  return true;
};
