import { createRequire } from 'node:module';
import type { stringify as yamlStringify } from 'yaml';
import { csvField, formatCell, plainReplacer, toPlain } from './cell.js';
import type { Column } from './columns.js';
import { safeDeep, safeJson, safeText } from './sanitize.js';
import { layoutTable } from './table.js';

/** The `-o/--output` choices of every read command (cliff's `-f` set). */
export type OutputFormat = 'table' | 'json' | 'yaml' | 'csv' | 'value';
/** The same choices as a tuple, for the oclif flag's `options`. */
export const outputFormats = ['table', 'json', 'yaml', 'csv', 'value'] as const satisfies readonly OutputFormat[];

export type RenderOptions = {
  /** Omit the header line (table) or header row (csv). */
  noHeaders?: boolean;
  /** Terminal width for the table to fit; leave undefined when stdout is not a TTY. */
  width?: number;
  /**
   * True when the operator picked columns with `-c`. json and yaml then print only those columns;
   * otherwise they print whole entities, since scripts want every field (`--json` alone).
   */
  selected?: boolean;
};

/**
 * One row as JSON data: the whole entity when `columns` is undefined, otherwise an object keyed by
 * column id holding each column's raw value (arrays stay arrays, numbers stay numbers).
 */
export const toJsonRow = <T>(row: T, columns: readonly Column<T>[] | undefined): unknown => {
  if (columns === undefined) return toPlain(row);
  const out: Record<string, unknown> = {};
  for (const column of columns) out[column.id] = toPlain(column.get(row));
  return out;
};

/** What `--json` prints (and what a read command returns): see `toJsonRow`. */
export const toJsonRows = <T>(rows: readonly T[], columns: readonly Column<T>[] | undefined): unknown[] =>
  rows.map((row) => toJsonRow(row, columns));

/** The text of one cell, formatted and sanitized: what table, value and csv print. */
export const cellText = <T>(row: T, column: Column<T>): string => safeText(formatCell(column.get(row)));

const jsonText = (data: unknown): string => `${safeJson(data, 2)}\n`;
// Whole entities as toJsonRows would give them (the same text), without a copy of each first.
const entitiesJsonText = (rows: readonly unknown[]): string => `${safeJson(rows, 2, plainReplacer)}\n`;
// lineWidth 0: yaml folds long strings at 80 columns by default, splitting one value over lines.
// Loaded only when asked for: every read command's cold start would otherwise parse the yaml package.
const yamlText = (data: unknown): string => {
  const { stringify } = createRequire(import.meta.url)('yaml') as { stringify: typeof yamlStringify };
  return stringify(safeDeep(data), { lineWidth: 0 });
};

const csvText = <T>(rows: readonly T[], columns: readonly Column<T>[], noHeaders: boolean): string => {
  const lines = rows.map((row) => columns.map((c) => csvField(cellText(row, c))).join(','));
  if (!noHeaders) lines.unshift(columns.map((c) => csvField(c.id)).join(','));
  // '\n', not CRLF: cliff writes os.linesep too, and `cut`/`awk` users would get stray '\r'.
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

const linesText = (lines: readonly string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/**
 * A list in the chosen format. Every non-empty result ends with '\n'; write it as is.
 * Text formats are sanitized cell by cell; json escapes what JSON.stringify leaves raw.
 */
export const render = <T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  format: OutputFormat,
  opts: RenderOptions = {},
): string => {
  switch (format) {
    case 'json':
      return opts.selected === true ? jsonText(toJsonRows(rows, columns)) : entitiesJsonText(rows);
    case 'yaml':
      return yamlText(toJsonRows(rows, opts.selected === true ? columns : undefined));
    case 'csv':
      return csvText(rows, columns, opts.noHeaders === true);
    case 'value':
      // Like `openstack -f value`: made for `-c id | xargs`, so no headers and single spaces.
      return linesText(rows.map((row) => columns.map((c) => cellText(row, c)).join(' ')));
    case 'table':
      return layoutTable(
        columns.map((c) => safeText(c.header.toUpperCase())),
        rows.map((row) => columns.map((c) => cellText(row, c))),
        { noHeaders: opts.noHeaders, width: opts.width, maxWidths: columns.map((c) => c.width) },
      );
  }
};

/**
 * One entity, for `berth get`: table is a FIELD/VALUE table (as `openstack server show`), value
 * prints one value per line, json and yaml print one object rather than a list.
 */
export const renderOne = <T>(
  row: T,
  columns: readonly Column<T>[],
  format: OutputFormat,
  opts: RenderOptions = {},
): string => {
  switch (format) {
    case 'json':
      return jsonText(toJsonRow(row, opts.selected === true ? columns : undefined));
    case 'yaml':
      return yamlText(toJsonRow(row, opts.selected === true ? columns : undefined));
    case 'csv':
      return render([row], columns, 'csv', opts);
    case 'value':
      return linesText(columns.map((c) => cellText(row, c)));
    case 'table':
      return layoutTable(
        ['FIELD', 'VALUE'],
        columns.map((c) => [safeText(c.header), cellText(row, c)]),
        { noHeaders: opts.noHeaders, width: opts.width },
      );
  }
};
