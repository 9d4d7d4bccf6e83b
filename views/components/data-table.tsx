import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Row } from '../rows.js';
import { cell, fitColumns } from '../format/fit.js';
import { stateColor, theme } from '../theme.js';

const COLOURED = new Set(['state', 'status', 'health', 'reachable', 'power_state']);

export type DataTableProps = Readonly<{
  headers: readonly string[];
  ids: readonly string[];
  caps: readonly (number | undefined)[];
  /** Indexes into each row's cells of the columns shown, in order. */
  shown: readonly number[];
  /** Only the rows on screen (the window), and the index of the cursor among them (-1: none). */
  rows: readonly Row[];
  cursor: number;
  marks: ReadonlySet<string>;
  width: number;
  height: number;
  /** What to say when there is no row (the filter matched nothing, or the view is empty). */
  empty: string;
}>;

type LineProps = Readonly<{ parts: readonly string[]; colours: readonly (string | undefined)[]; inverse: boolean; gutter: string; width: number }>;

const sameStrings = <T,>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A line drawn again only when its text, colours or marks changed (a new model redraws the lines it changed). */
const sameLine = (a: LineProps, b: LineProps): boolean =>
  a.inverse === b.inverse && a.gutter === b.gutter && a.width === b.width && sameStrings(a.parts, b.parts) && sameStrings(a.colours, b.colours);

/** One run of a line's text in one colour. */
type Piece = Readonly<{ text: string; colour: string | undefined }>;

// The only characters other than printable ASCII that a table line holds as a rule: the cut mark
// of a cell and the cursor mark (each one cell wide).
const GLYPHS = /([…›]+)/;
const ASCII_OR_GLYPHS = /^[\x20-\x7e…›]*$/;

/**
 * A line as runs of text, each either printable ASCII only or glyphs only; null when the line holds
 * anything else or is wider than `width` (then it is drawn as one text, cut at the end as before).
 * Ink measures every text it draws on every frame, and a text with one character beyond ASCII is
 * measured grapheme by grapheme: as separate texts, the long ASCII runs are measured by length.
 */
const runsOf = (pieces: readonly Piece[], width: number): Piece[][] | null => {
  let length = 0;
  for (const p of pieces) {
    if (!ASCII_OR_GLYPHS.test(p.text)) return null;
    length += p.text.length;
  }
  if (length > width) return null;
  const runs: Piece[][] = [[]];
  for (const p of pieces) {
    p.text.split(GLYPHS).forEach((text, i) => {
      if (text === '') return;
      if (i % 2 === 1) runs.push([{ text, colour: p.colour }], []);
      else (runs.at(-1) as Piece[]).push({ text, colour: p.colour });
    });
  }
  return runs.filter((r) => r.length > 0);
};

const textsOf = (pieces: readonly Piece[]) => pieces.map((p, i) => <Text key={i} {...(p.colour === undefined ? {} : { color: p.colour })}>{p.text}</Text>);

const LineOf = ({ parts, colours, inverse, gutter, width }: LineProps) => {
  const pieces: Piece[] = [{ text: gutter, colour: undefined }, ...parts.map((p, i) => ({ text: i === 0 ? p : `  ${p}`, colour: colours[i] }))];
  const runs = runsOf(pieces, width);
  if (runs === null) return <Text wrap="truncate-end" inverse={inverse}>{textsOf(pieces)}</Text>;
  // The same cells with the same styles: Ink writes each text at its place in the same line.
  return <Box flexDirection="row" height={1} flexShrink={0}>{runs.map((r, k) => <Text key={k} inverse={inverse}>{textsOf(r)}</Text>)}</Box>;
};
const Line = memo(LineOf, sameLine);

const Heads = memo(({ text }: Readonly<{ text: string }>) => <Text wrap="truncate-end" bold color={theme.header}>{text}</Text>);

/** A list as aligned columns; only the rows passed in are drawn (the caller windows a long list). */
export const DataTable = (p: DataTableProps) => {
  const heads = p.shown.map((i) => p.headers[i] ?? '');
  const visible = p.rows.map((r) => p.shown.map((i) => r.cells[i] ?? ''));
  const widths = fitColumns(heads, visible, p.shown.map((i) => p.caps[i]), p.width - 2);
  const colourOf = (i: number, text: string): string | undefined => (COLOURED.has(p.ids[p.shown[i] ?? -1] ?? '') ? stateColor(text.trim()) : undefined);
  return (
    <Box flexDirection="column" height={p.height} width={p.width} overflowY="hidden">
      <Heads text={'  ' + heads.map((h, i) => cell(h.toUpperCase(), widths[i] ?? 4)).join('  ')} />
      {p.rows.length === 0 ? <Text color={theme.dim} wrap="truncate-end">{'  ' + p.empty}</Text> : null}
      {p.rows.map((r, n) => {
        const parts = visible[n]?.map((c, i) => cell(c, widths[i] ?? 4)) ?? [];
        const gutter = `${n === p.cursor ? theme.cursorMark : ' '}${p.marks.has(r.key) ? theme.rowMark : ' '}`;
        return <Line key={r.key} parts={parts} colours={parts.map((c, i) => colourOf(i, c))} inverse={n === p.cursor} gutter={gutter} width={p.width} />;
      })}
    </Box>
  );
};
