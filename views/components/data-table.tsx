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

type LineProps = Readonly<{ parts: readonly string[]; colours: readonly (string | undefined)[]; inverse: boolean; gutter: string }>;

const sameStrings = <T,>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A line drawn again only when its text, colours or marks changed (a new model redraws the lines it changed). */
const sameLine = (a: LineProps, b: LineProps): boolean =>
  a.inverse === b.inverse && a.gutter === b.gutter && sameStrings(a.parts, b.parts) && sameStrings(a.colours, b.colours);

const LineOf = ({ parts, colours, inverse, gutter }: LineProps) => (
  <Text wrap="truncate-end" inverse={inverse}>
    {gutter}
    {parts.map((p, i) => (
      <Text key={i} {...(colours[i] === undefined ? {} : { color: colours[i] })}>{i === 0 ? p : `  ${p}`}</Text>
    ))}
  </Text>
);
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
        return <Line key={r.key} parts={parts} colours={parts.map((c, i) => colourOf(i, c))} inverse={n === p.cursor} gutter={gutter} />;
      })}
    </Box>
  );
};
