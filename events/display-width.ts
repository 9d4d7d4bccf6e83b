/**
 * How many terminal cells text takes, for aligning tables in the CLI and the console: what Ink
 * (string-width) and terminals draw for names: ASCII, accents, CJK, emoji and their sequences.
 * Text is expected sanitized (no control characters).
 */
const ASCII = /^[\x20-\x7e]*$/;
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
// East Asian Wide/Fullwidth blocks.
const WIDE =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]$/u;
// Emoji drawn as emoji by default (🚀, ✅, ☕, 🟢, ⌚, a flag's letters).
const EMOJI = /^\p{Emoji_Presentation}$/u;
// Emoji that a variation selector 16 (❤️, ♻️), a skin tone (👍🏽) or a zero-width joiner (👨‍👩‍👧) makes one two-cell picture.
const PICTURE = /^\p{Extended_Pictographic}$/u;
const SEQUENCE = /\ufe0f|\u200d|[\u{1f3fb}-\u{1f3ff}]/u;

let graphemes: Intl.Segmenter | undefined;

/** Cells of one user-perceived character (a grapheme: a letter with its accents, an emoji sequence). */
const graphemeWidth = (g: string): number => {
  const first = String.fromCodePoint(g.codePointAt(0) ?? 0x20);
  if (ZERO.test(first)) return 0;
  if (WIDE.test(first) || EMOJI.test(first)) return 2;
  return g.length > first.length && PICTURE.test(first) && SEQUENCE.test(g) ? 2 : 1;
};

/** The graphemes of non-ASCII text, with their widths. */
function* cellsOf(text: string): Generator<readonly [string, number]> {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) yield [segment, graphemeWidth(segment)];
}

/** Terminal cells a sanitized string takes. */
export const displayWidth = (text: string): number => {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const [, w] of cellsOf(text)) width += w;
  return width;
};

/** `text` cut to at most `max` cells, ending in '…' when something was cut (a two-cell character or an emoji sequence is never split). */
export const truncate = (text: string, max: number): string => {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const [g, w] of cellsOf(text)) {
    if (width + w > max - 1) break;
    out += g;
    width += w;
  }
  return `${out}…`;
};
