import { displayWidth, truncate } from '../../events/display-width.js';

/** Cells of a string as the terminal draws it (CJK and emoji two each, combining marks none): ASCII is one per char. */
export const cellsWide = (s: string): number => displayWidth(s);

const GUTTER = 2;
const MIN = 4;

/**
 * Column widths for the rows on screen: each column as wide as its widest visible cell (header
 * included, capped at its `cap`), then the widest ones narrowed until the line fits `available`.
 * Only visible rows are measured, so the cost does not grow with the list.
 */
export const fitColumns = (headers: readonly string[], rows: readonly (readonly string[])[], caps: readonly (number | undefined)[], available: number): number[] => {
  const widths = headers.map((h, i) => {
    let w = cellsWide(h);
    for (const r of rows) w = Math.max(w, cellsWide(r[i] ?? ''));
    return Math.max(MIN, Math.min(w, caps[i] ?? 40));
  });
  const budget = available - GUTTER * Math.max(0, widths.length - 1);
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= MIN) break;
    widths[widest] = (widths[widest] ?? MIN) - 1;
    total -= 1;
  }
  return widths;
};

/** `text` cut to `width` cells with '…', then padded: one table cell (a two-cell character never split). */
export const cell = (text: string, width: number): string => {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
};
