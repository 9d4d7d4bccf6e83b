import { parseWhen } from '../events/when.js';
import type { CanonicalTime } from '../events/time.js';
import type { AnyTable } from './tables.js';

/** What a `:` line asks for. */
export type ConsoleCommand =
  | Readonly<{ type: 'view'; view: string }>
  | Readonly<{ type: 'at'; at: CanonicalTime }>
  | Readonly<{ type: 'live' }>
  | Readonly<{ type: 'sort'; column: string; desc: boolean }>
  | Readonly<{ type: 'help' }>
  | Readonly<{ type: 'quit' }>
  | Readonly<{ type: 'error'; message: string }>;

const FIXED = ['at', 'live', 'sort', 'help', 'q', 'quit'];

/** Every word `:` accepts for a view (ids and aliases), for completion and errors. */
export const viewWords = (tables: readonly AnyTable[]): string[] => tables.flatMap((t) => [t.id, ...t.aliases]);

const viewOf = (tables: readonly AnyTable[], word: string): AnyTable | undefined =>
  tables.find((t) => t.id === word || t.aliases.includes(word));

const sortCommand = (args: readonly string[], table: AnyTable | undefined): ConsoleCommand => {
  const [column, dir] = args;
  const ids = table?.columns.map((c) => c.id) ?? [];
  if (column === undefined) return { type: 'error', message: `:sort needs a column: ${ids.join(', ')}.` };
  const c = table?.columns.find((x) => x.id === column.toLowerCase() || x.header.toLowerCase() === column.toLowerCase());
  if (c === undefined) return { type: 'error', message: `There is no column '${column}' here. Columns: ${ids.join(', ')}.` };
  return { type: 'sort', column: c.id, desc: dir === 'desc' || dir === 'd' };
};

/**
 * Reads a `:` line (without the colon): a view name or alias, `at <when>` (what `--at` reads,
 * against `nowMs`), `live`, `sort <column> [desc]`, `help`, `q`. Anything else is an error that
 * says what would have worked.
 */
export const parseCommand = (line: string, tables: readonly AnyTable[], current: AnyTable | undefined, nowMs: number): ConsoleCommand => {
  const [word = '', ...args] = line.trim().split(/\s+/);
  const w = word.toLowerCase();
  const view = viewOf(tables, w);
  if (view !== undefined) return { type: 'view', view: view.id };
  switch (w) {
    case 'at': {
      const when = args.join(' ');
      const at = when === '' ? undefined : parseWhen(when, nowMs);
      if (at === undefined) return { type: 'error', message: `'${when}' is not a time berth can read: use 2h, 10m, 3d, an ISO time (naive = UTC) or Unix seconds.` };
      return { type: 'at', at };
    }
    case 'live': case 'now': return { type: 'live' };
    case 'sort': return sortCommand(args, current);
    case 'help': case '?': return { type: 'help' };
    case 'q': case 'q!': case 'quit': return { type: 'quit' };
    case '': return { type: 'error', message: 'Type a view (containers, vms, hosts, ...) or a command (at, live, sort, help, q).' };
    default: return { type: 'error', message: `'${word}' is not a view or a command. Views: ${viewWords(tables).join(', ')}; commands: at, live, sort, help, q.` };
  }
};

/** The longest prefix shared by every word of `words` that starts with `typed`, or `typed` when none does or it adds nothing. */
const common = (typed: string, words: readonly string[]): string => {
  const hits = words.filter((x) => x.startsWith(typed.toLowerCase()));
  if (hits.length === 0) return typed;
  let c = hits[0] as string;
  for (const x of hits) while (!x.startsWith(c)) c = c.slice(0, -1);
  return c.length > typed.length ? c : typed;
};

/**
 * Tab completion: the first word to the longest prefix shared by every view or command it could
 * be; after `sort`, a column of the `current` view (its id), then `desc`.
 */
export const completeCommand = (line: string, tables: readonly AnyTable[], current?: AnyTable): string => {
  const sortArg = /^(\s*sort\s+)(\S*)$/i.exec(line);
  if (sortArg !== null) return `${sortArg[1] ?? ''}${common(sortArg[2] ?? '', current?.columns.map((c) => c.id) ?? [])}`;
  const sortDir = /^(\s*sort\s+\S+\s+)(\S*)$/i.exec(line);
  if (sortDir !== null) return `${sortDir[1] ?? ''}${common(sortDir[2] ?? '', ['desc'])}`;
  if (/\s/.test(line)) return line;
  return common(line, [...viewWords(tables), ...FIXED]);
};
