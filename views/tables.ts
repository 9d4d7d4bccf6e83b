import type { Recorded } from '../events/envelope.js';
import type { ActionName, EntityRef, ModelView } from '../events/read-model.js';
import type { OpsEvent } from '../events/ops-event.js';

/** What a table reads: the model and the tail of events (both from the same snapshot). */
export type ConsoleData = Readonly<{ model: ModelView; tail: readonly Recorded<OpsEvent>[] }>;

/**
 * One column of a console table. `text` returns terminal-safe text (the builder sanitises):
 * views print it as it is.
 */
export type TableColumn<T> = Readonly<{ id: string; header: string; width?: number | undefined; text: (row: T) => string }>;

/** What Enter shows about a row: the entity it is, a title, and its fields as label/value pairs. */
export type Detail = Readonly<{ ref: EntityRef; title: string; fields: readonly (readonly [string, string])[] }>;

/**
 * A console view: its name and `:` aliases, every column (for detail, filter and sort) and the ones
 * shown, how rows come from the data, each row's stable key, and the actions it offers.
 */
export type TableSpec<T> = Readonly<{
  id: string;
  title: string;
  aliases: readonly string[];
  columns: readonly TableColumn<T>[];
  defaults: readonly string[];
  rows: (data: ConsoleData) => readonly T[];
  keyOf: (row: T) => string;
  detail: (row: T) => Detail;
  /** Actions that apply to rows of this view (none: read-only view). */
  actions: readonly ActionName[];
  /**
   * When `rows` is every value of one model map in a total order (`rows(data)` equals
   * `[...source(data.model).values()].sort(order)`), saying so lets the console move only the
   * entities that changed in its list instead of sorting every row again on every change.
   */
  incremental?: Readonly<{ source: (model: ModelView) => ReadonlyMap<string, T>; order: (a: T, b: T) => number }> | undefined;
}>;

/** A table with its row type erased, as the app holds a list of different ones. */
export type AnyTable = TableSpec<object>;

/** Erases a table's row type (rows are objects: the cell cache is a WeakMap keyed on them). */
export const anyTable = <T extends object>(spec: TableSpec<T>): AnyTable => spec as unknown as AnyTable;
