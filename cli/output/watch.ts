import type { Column } from './columns.js';
import { csvField } from './cell.js';
import { cellText, toJsonRow } from './format.js';
import type { OutputFormat } from './format.js';
import { safeJson, safeText } from './sanitize.js';
import { displayWidth, truncate } from '../../events/display-width.js';

/**
 * One change from a `--watch` stream. A put says whether the key is new (`isNew`), so printers
 * can tell an addition from an update the way kubectl's ADDED/MODIFIED do; a delete may carry
 * the last known value, or only the key when the entity was never seen.
 */
export type Change<T> =
  | Readonly<{ op: 'put'; key: string; value: T; isNew: boolean; at: string }>
  | Readonly<{ op: 'delete'; key: string; value?: T; at: string }>;

export type WatchOptions = {
  /** True when the operator picked columns with `-c`; json then carries only those columns. */
  selected?: boolean;
};

/** `+` added, `~` modified, `-` deleted. */
export const changeMarker = (change: Change<unknown>): '+' | '~' | '-' =>
  change.op === 'delete' ? '-' : change.isNew ? '+' : '~';

// Words for csv, where a leading + or - would read as a formula.
const changeWord = (change: Change<unknown>): string =>
  change.op === 'delete' ? 'deleted' : change.isNew ? 'added' : 'modified';

// Lines are printed one by one, so there are no other rows to align with: a column is as wide
// as its header, or its `width`, which also caps it. Long cells simply push the rest right.
const padTo = <T>(column: Column<T>, text: string): string => {
  const cut = column.width === undefined ? text : truncate(text, column.width);
  const width = Math.max(column.width ?? 0, displayWidth(safeText(column.header)));
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
};

const rowLine = <T>(value: T, columns: readonly Column<T>[]): string =>
  columns
    .map((c, i) => (i === columns.length - 1 ? cellText(value, c) : padTo(c, cellText(value, c))))
    .join('  ');

const jsonLine = <T>(change: Change<T>, columns: readonly Column<T>[] | undefined): string => {
  const value = change.value === undefined ? {} : { value: toJsonRow(change.value, columns) };
  const isNew = change.op === 'put' ? { new: change.isNew } : {};
  return safeJson({ op: change.op, ...isNew, key: change.key, at: change.at, ...value });
};

/**
 * The header line to print once before a stream of `formatChange` lines, or '' when the format
 * has none (json, yaml, value). Ends with '\n' when not empty.
 */
export const formatWatchHeader = <T>(columns: readonly Column<T>[], format: OutputFormat): string => {
  if (format === 'csv') return `${['change', 'key', ...columns.map((c) => c.id)].map(csvField).join(',')}\n`;
  if (format !== 'table') return '';
  const headers = columns.map((c, i) => {
    const text = safeText(c.header.toUpperCase());
    return i === columns.length - 1 ? text : padTo(c, text);
  });
  return `  ${headers.join('  ')}\n`;
};

/**
 * One change as one line ending in '\n', flushed by the caller per change.
 * - json, and yaml too (JSON is YAML flow syntax, and a stream needs one record per line):
 *   JSON Lines `{"op":"put","new":true,"key":…,"at":…,"value":{…}}`.
 * - csv: `added|modified|deleted,key,cells…` under `formatWatchHeader`'s header.
 * - table and value: the marker then the cells; a delete without a value shows its key.
 */
export const formatChange = <T>(
  change: Change<T>,
  columns: readonly Column<T>[],
  format: OutputFormat,
  opts: WatchOptions = {},
): string => {
  if (format === 'json' || format === 'yaml') return `${jsonLine(change, opts.selected === true ? columns : undefined)}\n`;
  const { value } = change;
  if (format === 'csv') {
    const cells = columns.map((c) => (value === undefined ? '' : cellText(value, c)));
    return `${[changeWord(change), safeText(change.key), ...cells].map(csvField).join(',')}\n`;
  }
  const body =
    value === undefined
      ? safeText(change.key)
      : format === 'value'
        ? columns.map((c) => cellText(value, c)).join(' ')
        : rowLine(value, columns);
  return `${changeMarker(change)} ${body}\n`;
};
