/** The part of a long list that is on screen: rows `[start, end)` of `total`. */
export type ListWindow = Readonly<{ offset: number; start: number; end: number }>;

/**
 * The scroll offset that keeps `cursor` visible in `height` rows, moving as little as possible
 * from `offset` (the list scrolls only when the cursor would leave the screen, as in k9s). Only
 * these rows are rendered, so 10,000 rows cost what 40 do.
 */
export const windowOf = (cursor: number, offset: number, height: number, total: number): ListWindow => {
  const h = Math.max(1, height);
  const maxOffset = Math.max(0, total - h);
  let o = Math.min(Math.max(0, offset), maxOffset);
  if (cursor < o) o = Math.max(0, cursor);
  else if (cursor >= o + h) o = Math.min(maxOffset, cursor - h + 1);
  return { offset: o, start: o, end: Math.min(total, o + h) };
};

/** `cursor` moved by `delta` and kept inside `[0, total)` (0 for an empty list). */
export const clampCursor = (cursor: number, delta: number, total: number): number =>
  total === 0 ? 0 : Math.min(total - 1, Math.max(0, cursor + delta));
