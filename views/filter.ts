import type { TableColumn } from './tables.js';

/** One term of a filter; a row passes when every term matches (and `not` terms do not). */
export type FilterTerm =
  | Readonly<{ type: 'text'; text: string; not: boolean }>
  | Readonly<{ type: 'regex'; re: RegExp; not: boolean }>
  | Readonly<{ type: 'field'; column: string; value: string; not: boolean }>;

export type Filter = readonly FilterTerm[];

export type FilterParse = Readonly<{ ok: true; filter: Filter }> | Readonly<{ ok: false; error: string }>;

const regex = (source: string): RegExp | string => {
  try {
    return new RegExp(source, 'i');
  } catch (err) {
    return `/${source}/ is not a valid regular expression (${(err as Error).message}).`;
  }
};

const parseTerm = (raw: string, columnIds: readonly string[]): FilterTerm | string => {
  const not = raw.startsWith('!') && raw.length > 1;
  const body = not ? raw.slice(1) : raw;
  if (body.length > 2 && body.startsWith('/') && body.endsWith('/')) {
    const re = regex(body.slice(1, -1));
    return typeof re === 'string' ? re : { type: 'regex', re, not };
  }
  const eq = body.indexOf('=');
  if (eq > 0) {
    const key = body.slice(0, eq).toLowerCase();
    if (columnIds.includes(key)) return { type: 'field', column: key, value: body.slice(eq + 1).toLowerCase(), not };
  }
  return { type: 'text', text: body.toLowerCase(), not };
};

/**
 * The `/` filter as terms, separated by spaces: `web` (substring, any column, any case), `/^api-/`
 * (regular expression, any case), `state=running` (a column equals, or a list cell holds, the
 * value), and `!` before any of them to negate. A `key=value` whose key is not a column is a
 * substring, so labels filter as `app=web`. A whole filter in slashes is one regex, spaces included.
 */
export const parseFilter = (text: string, columnIds: readonly string[]): FilterParse => {
  const t = text.trim();
  if (t === '') return { ok: true, filter: [] };
  const ids = columnIds.map((c) => c.toLowerCase());
  const whole = /^!?\/.+\/$/.test(t) && t.includes(' ');
  const out: FilterTerm[] = [];
  for (const raw of whole ? [t] : t.split(/\s+/)) {
    const term = parseTerm(raw, ids);
    if (typeof term === 'string') return { ok: false, error: term };
    out.push(term);
  }
  return { ok: true, filter: out };
};

const fieldMatches = (cell: string, value: string): boolean => {
  const c = cell.toLowerCase();
  return c === value || c.split(', ').includes(value);
};

const termMatches = (term: FilterTerm, cells: readonly string[], ids: readonly string[], joined: () => string): boolean => {
  switch (term.type) {
    case 'text':
      return joined().includes(term.text);
    case 'regex':
      return cells.some((c) => term.re.test(c));
    case 'field': {
      const i = ids.indexOf(term.column);
      return i >= 0 && fieldMatches(cells[i] ?? '', term.value);
    }
  }
};

/** True when a row's cells (one per column, in `columns` order) pass every term. */
export const rowMatches = (filter: Filter, cells: readonly string[], columns: readonly TableColumn<never>[]): boolean => {
  if (filter.length === 0) return true;
  const ids = columns.map((c) => c.id.toLowerCase());
  let lower: string | undefined;
  const joined = (): string => (lower ??= cells.join('\u0000').toLowerCase());
  return filter.every((t) => termMatches(t, cells, ids, joined) !== t.not);
};
