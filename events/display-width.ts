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

// What only a grapheme-by-grapheme count measures right: joiners, variation selectors, skin tones
// and flags (a pair of regional indicators is one two-cell flag). Without them each code point
// counts on its own, as fast as before graphemes were used (Intl.Segmenter costs ~10 µs a call).
const JOINED = /\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]|[\u{1f1e6}-\u{1f1ff}]/u;

let graphemes: Intl.Segmenter | undefined;

/** Cells of one code point drawn alone. */
const pointWidth = (ch: string): number => (ZERO.test(ch) ? 0 : WIDE.test(ch) || EMOJI.test(ch) ? 2 : 1);

/** Cells of one user-perceived character (a grapheme: a letter with its accents, an emoji sequence). */
const graphemeWidth = (g: string): number => {
  const first = String.fromCodePoint(g.codePointAt(0) ?? 0x20);
  const w = pointWidth(first);
  if (w !== 1) return w;
  return g.length > first.length && PICTURE.test(first) && JOINED.test(g) ? 2 : 1;
};

/** The characters of non-ASCII text with their widths: code points, or graphemes when the text joins some. */
function* cellsOf(text: string): Generator<readonly [string, number]> {
  if (!JOINED.test(text)) {
    for (const ch of text) yield [ch, pointWidth(ch)];
    return;
  }
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

/** `text` cut to at most `max` cells, ending in '…' when something was cut (a two-cell character or an emoji sequence is never split). One pass. */
export const truncate = (text: string, max: number): string => {
  if (ASCII.test(text)) return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
  let width = 0;
  // What fits in max - 1 cells, in case a cut is needed; whether one is, the rest tells.
  let kept = '';
  let cut = false;
  for (const [g, w] of cellsOf(text)) {
    if (!cut && width + w <= max - 1) kept += g;
    else cut = true;
    width += w;
    if (width > max) return `${kept}…`;
  }
  return text;
};
