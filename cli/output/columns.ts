import { BugError } from '../../events/errors.js';
import { UsageError } from './errors.js';
import { safeText } from './sanitize.js';

/**
 * One column of a list. `id` is the stable name used by `-c`, csv headers and json keys (an API:
 * never rename it); `header` is the human title and may change. `get` returns the raw value,
 * which the printers format per output format.
 */
export type Column<T> = {
  id: string;
  header: string;
  get: (row: T) => unknown;
  /** Most display cells a table cell may take; longer cells are cut with '…'. */
  width?: number;
};

const findColumn = <T>(all: readonly Column<T>[], name: string): Column<T> | undefined => {
  const wanted = name.toLowerCase();
  return (
    all.find((c) => c.id.toLowerCase() === wanted) ?? all.find((c) => c.header.toLowerCase() === wanted)
  );
};

// Accept `-c id,name` as well as `-c id -c name`, as cliff users type both.
const splitNames = (requested: readonly string[]): string[] =>
  requested.flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');

/**
 * The columns to print, in the order asked for. Names match an id or a header, ignoring case.
 * A repeated column is printed once, since json keys cannot repeat. No request (or an empty one)
 * means `defaults`, which are ids and must exist.
 * @throws UsageError for a name that matches no column; it lists the valid ids.
 */
export const selectColumns = <T>(
  all: readonly Column<T>[],
  requested: readonly string[] | undefined,
  defaults: readonly string[],
): Column<T>[] => {
  const names = requested === undefined ? [] : splitNames(requested);
  const fromUser = names.length > 0;
  const picked: Column<T>[] = [];
  for (const name of fromUser ? names : defaults) {
    const column = findColumn(all, name);
    if (column === undefined) {
      const valid = all.map((c) => c.id);
      if (!fromUser) throw new BugError(`Default column '${name}' is not among the columns of this list.`);
      throw new UsageError(`Column '${safeText(name)}' does not exist. Valid columns: ${valid.join(', ')}.`, {
        hint: `Pass -c with one of: ${valid.join(', ')}.`,
        valid,
      });
    }
    if (!picked.includes(column)) picked.push(column);
  }
  return picked;
};
