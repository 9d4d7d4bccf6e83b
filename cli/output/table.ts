/** Aligned plain-text tables (no borders, two-space gutters, like `docker ps` and `kubectl get`). */
import { displayWidth, truncate } from '../../events/display-width.js';

const GUTTER = '  ';
// Below this a cut cell says nothing; rather overflow the terminal than print `…` columns.
const MIN_CUT = 5;

// The largest cap such that capping every column at it fits the budget. Binary search, so the
// cost is O(columns · log width) whatever the number of rows.
const fitCap = (natural: readonly number[], budget: number): number => {
  const used = (cap: number): number => natural.reduce((sum, w) => sum + Math.min(w, cap), 0);
  let lo = MIN_CUT;
  let hi = Math.max(...natural);
  if (used(lo) > budget) return lo;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (used(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

export type TableOptions = {
  /** Omit the header line. */
  noHeaders?: boolean;
  /** Terminal width to fit; undefined means never cut for width (piped output). */
  width?: number;
  /** Per-column cap from `Column.width`. */
  maxWidths?: readonly (number | undefined)[];
};

/**
 * Lays out already sanitized cells. Every row must have `headers.length` cells. Returns the lines
 * joined by '\n' with a final '\n', or '' when there is nothing to print.
 */
export const layoutTable = (
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): string => {
  const all = opts.noHeaders === true ? rows : [headers, ...rows];
  if (all.length === 0 || headers.length === 0) return '';
  const natural = headers.map((_, i) => {
    let w = 0;
    for (const row of all) w = Math.max(w, displayWidth(row[i] ?? ''));
    const cap = opts.maxWidths?.[i];
    return cap === undefined ? w : Math.min(w, Math.max(cap, 1));
  });
  const budget = opts.width === undefined ? Infinity : opts.width - GUTTER.length * (headers.length - 1);
  const total = natural.reduce((a, b) => a + b, 0);
  const cap = total > budget ? fitCap(natural, budget) : Infinity;
  const widths = natural.map((w) => Math.min(w, cap));
  const last = widths.length - 1;
  // Lines carry no trailing blanks: the last column is not padded, and padding before empty
  // trailing cells is stripped (a cell's own trailing spaces are invisible anyway).
  const lines = all.map((row) =>
    widths
      .map((w, i) => {
        const cell = truncate(row[i] ?? '', w);
        return i === last ? cell : cell + ' '.repeat(w - displayWidth(cell));
      })
      .join(GUTTER)
      .replace(/ +$/, ''),
  );
  return `${lines.join('\n')}\n`;
};
