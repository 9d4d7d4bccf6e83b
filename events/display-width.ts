/**
 * How many terminal cells text takes, for aligning tables in the CLI and the console: an
 * approximation of wcwidth that is right for names (ASCII, accents, CJK, emoji). Text is expected
 * sanitized (no control characters).
 */
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

