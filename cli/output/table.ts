/** Aligned plain-text tables (no borders, two-space gutters, like `docker ps` and `kubectl get`). */

const GUTTER = '  ';
// Below this a cut cell says nothing; rather overflow the terminal than print `…` columns.
const MIN_CUT = 5;
const ASCII = /^[\x20-\x7e]*$/;
const ZERO = /[\p{Mn}\p{Me}\p{Cf}]/u;
// East Asian Wide/Fullwidth blocks and the emoji blocks that terminals draw two cells wide.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

const charWidth = (ch: string): number => (ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1);

/** Terminal cells a sanitized string takes (an approximation of wcwidth, good for names). */
export const displayWidth = (text: string): number => {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
};

/** `text` cut to at most `max` cells, ending in '…' when something was cut. */
export const truncate = (text: string, max: number): string => {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
};

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
