import type { Command } from '@oclif/core';
import type { EntityKind } from '../events/inventory.js';
import { MAPS } from '../daemon/query/client.js';
import type { ModelChange, ModelClient, ModelView } from '../daemon/query/client.js';
import type { Column } from './output/columns.js';
import { selectColumns } from './output/columns.js';
import type { OutputFormat } from './output/format.js';
import { render, toJsonRows } from './output/format.js';
import { formatChange } from './output/watch.js';
import { safeJson } from './output/sanitize.js';
import { UsageError } from './output/errors.js';
import { parseWhen } from '../events/when.js';
import { fromEpochMs } from '../events/time.js';
import { rememberCandidates } from './context/completion-cache.js';
import { warmCompareText } from '../events/queries.js';

/** What a list command is: which model kinds it reads, its columns, and how rows come from the model. */
export type ListSpec<T> = Readonly<{
  kinds: readonly EntityKind[];
  columns: readonly Column<T>[];
  defaults: readonly string[];
  rows: (view: ModelView) => T[];
  /** For --watch: the row a changed entity shows as, or null when it does not pass the filters. */
  rowOfChange: (view: ModelView, change: ModelChange) => T | null;
  /** `<kind>/<id>` of a row, matching the keys of changes, so a row that leaves the filter prints as deleted. */
  keyOf: (row: T) => string | undefined;
}>;

export type ListFlags = Readonly<{ output: string; column?: string[] | undefined; 'no-headers'?: boolean; watch?: boolean; at?: string | undefined }>;

/**
 * The body of every read command: load, filter, print in the asked format; with `--watch`,
 * keep printing changes until interrupted. Returns the rows for oclif's `--json`.
 */
export const runList = async <T>(cmd: Command & { jsonEnabled(): boolean }, client: ModelClient, spec: ListSpec<T>, flags: ListFlags): Promise<unknown> => {
  const columns = selectColumns(spec.columns, flags.column, spec.defaults);
  // Where the rows' sort needs ICU's collator (a locale other than English; see compareText), the
  // first comparison of a process builds it (10-15 ms of CPU on a quiet machine, more on a busy
  // one): built while the read below waits on NATS (its first requests are out by then) rather
  // than after. Interleaved A/B of a cold berth vms -o json (100 VMs), 2 x 30 runs at load 8-10:
  // 784 -> 724 and 775 -> 702 ms (medians).
  setImmediate(warmCompareText);
  const view = flags.at === undefined ? await client.load(spec.kinds) : await client.loadAt(parseAt(flags.at, flags.watch), { kinds: spec.kinds });
  // The completion candidates are written (synchronously: a few small files) before the rows are
  // made and printed, and awaited before the command ends. The write never fails (see rememberCandidates).
  const remembered = flags.at === undefined ? rememberCandidates(client, view, spec.kinds) : undefined;
  const rows = spec.rows(view);
  const format: OutputFormat = cmd.jsonEnabled() ? 'json' : (flags.output as OutputFormat);
  const explicit = flags.column !== undefined && flags.column.length > 0;
  const renderOpts = { noHeaders: flags['no-headers'] ?? false, selected: explicit, ...(process.stdout.isTTY ? { width: process.stdout.columns } : {}) };
  if (!flags.watch) {
    const json = cmd.jsonEnabled() ? toJsonRows(rows, explicit ? columns : undefined) : undefined;
    if (json === undefined) process.stdout.write(render(rows, columns, format, renderOpts));
    await remembered;
    return json;
  }
  await remembered;
  if (format === 'json') {
    for (const r of toJsonRows(rows, explicit ? columns : undefined)) process.stdout.write(safeJson({ op: 'put', new: true, value: r }) + '\n');
  } else process.stdout.write(render(rows, columns, format, renderOpts));
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const shown = new Map<string, T>();
  for (const [i, r] of rows.entries()) shown.set(spec.keyOf(r) ?? String(i), r);
  await client.watch(spec.kinds, (change) => {
    apply(view, change);
    const row = change.op === 'delete' ? null : spec.rowOfChange(view, change);
    const key = `${change.kind}/${change.id}`;
    const before = shown.get(key);
    const at = fromEpochMs(Date.now());
    if (row === null) {
      if (before === undefined) return;
      shown.delete(key);
      process.stdout.write(formatChange<T>({ op: 'delete', key, value: before, at }, columns, format, { selected: explicit }));
      return;
    }
    shown.set(key, row);
    process.stdout.write(formatChange<T>({ op: 'put', key, value: row, isNew: before === undefined, at }, columns, format, { selected: explicit }));
  }, stop.signal);
  return undefined;
};


/** Keeps the loaded view current while watching (rows of derived lists need it). */
const apply = (view: ModelView, c: ModelChange): void => {
  const map = view[MAPS[c.kind]] as Map<string, unknown>;
  if (c.op === 'delete') map.delete(c.id);
  else map.set(c.id, c.value);
};

/** `--at` as a canonical time; a clear usage error when it cannot be read or is combined with --watch. */
export const parseAt = (text: string, watch?: boolean, flag = '--at'): string => {
  if (watch) throw new UsageError('--at and --watch cannot be combined: --at shows the past, --watch follows the present.');
  const at = parseWhen(text, Date.now());
  if (at === undefined) throw new UsageError(`${flag} '${text}' is not a time berth can read.`, { hint: "Use an ISO time ('2026-11-23T03:12:00Z', naive = UTC), Unix seconds, or a duration ago ('10m', '2h', '3d')." });
  return at;
};

/** Refuses a time range whose start lies after its end (nothing lies between them: an empty answer, or a diff of everything, would mislead). */
export const requireOrdered = (startFlag: string, start: string | undefined, endFlag: string, end: string | undefined): void => {
  if (start === undefined || end === undefined || start <= end) return;
  throw new UsageError(`${startFlag} (${start}) is after ${endFlag} (${end}).`, { hint: `Give ${startFlag} the earlier time; a duration counts back from now, so '${startFlag} 3h ${endFlag} 2h' is the hour that ended two hours ago.` });
};
