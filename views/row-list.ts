import type { Filter } from './filter.js';
import { rowMatches } from './filter.js';
import type { Row, Sort } from './rows.js';
import { cellsOf, compareCells, tableRows } from './rows.js';
import type { AnyTable, ConsoleData, TableColumn } from './tables.js';

/** `members` changes whenever a row joins or leaves the list (not when one only changes or moves). */
export type TableRowsResult = Readonly<{ rows: readonly Row[]; total: number; members?: number }>;

type Incremental = NonNullable<AnyTable['incremental']>;

/** Above this share of changed entities, sorting everything again is cheaper than moving each one. */
const REBUILD_SHARE = 0.25;

/** A row whose cells are made when first read (cellsOf keeps them by the entity). */
class LazyRow implements Row {
  readonly key: string;
  readonly row: object;
  private readonly table: AnyTable;

  constructor(table: AnyTable, row: object) {
    this.table = table;
    this.row = row;
    this.key = table.keyOf(row);
  }

  get cells(): readonly string[] {
    return cellsOf(this.table, this.row);
  }
}

/** The last list built, and what it was built from. */
type Built = Readonly<{ source: ReadonlyMap<string, object>; filterText: string; sort: Sort; result: TableRowsResult; byId: Map<string, Row> }>;

/** The first index in `rows` whose row sorts after `row` (rows are in `cmp` order). */
const upperBound = (rows: readonly Row[], row: Row, cmp: (a: Row, b: Row) => number, from: number): number => {
  let lo = from;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid] as Row, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * The list with each changed row put where its old version stood, when every one of them still
 * sorts there (the usual change: a state, not a name); null when any would move. The list is copied.
 */
const inPlace = (list: readonly Row[], swaps: readonly (readonly [Row, Row])[], cmp: (a: Row, b: Row) => number): Row[] | null => {
  const rows = list.slice();
  for (const [old, r] of swaps) {
    const i = upperBound(list, old, cmp, 0) - 1;
    if (list[i] !== old) return null;
    // Each pair of neighbours that ends up side by side is compared once the later of the two is in.
    if ((i > 0 && cmp(rows[i - 1] as Row, r) >= 0) || (i + 1 < rows.length && cmp(r, rows[i + 1] as Row) >= 0)) return null;
    rows[i] = r;
  }
  return rows;
};

/** `added` sorted into `kept` (both in `cmp` order), as a new list. */
const merged = (kept: readonly Row[], added: Row[], cmp: (a: Row, b: Row) => number): Row[] => {
  added.sort(cmp);
  const rows: Row[] = [];
  let from = 0;
  for (const r of added) {
    const at = upperBound(kept, r, cmp, from);
    for (; from < at; from++) rows.push(kept[from] as Row);
    rows.push(r);
  }
  for (; from < kept.length; from++) rows.push(kept[from] as Row);
  return rows;
};

const sameSort = (a: Sort, b: Sort): boolean => a === b || (a !== null && b !== null && a.column === b.column && a.desc === b.desc);

/** A model map that knows which ids were written since an earlier version of it (the live store's do). */
type Versioned = ReadonlyMap<string, unknown> & { changedSince?: (prev: ReadonlyMap<string, unknown>) => string[] | null };

/**
 * The ids whose value is new, changed or gone between two versions of a map (values are replaced,
 * never mutated): asked of the map when it keeps track, otherwise found by comparing every entry.
 */
export const changedIds = (prev: ReadonlyMap<string, unknown>, next: Versioned): string[] => {
  const known = next.changedSince?.(prev);
  if (known !== undefined && known !== null) return known;
  const out: string[] = [];
  let kept = 0;
  for (const [id, v] of next) {
    const old = prev.get(id);
    if (old !== undefined) kept += 1;
    if (old !== v) out.push(id);
  }
  if (kept < prev.size) for (const id of prev.keys()) if (!next.has(id)) out.push(id);
  return out;
};

/**
 * One view's rows (filtered, sorted), kept from one model to the next: for a table that declares
 * its rows `incremental`, a new model moves only the entities that changed (found by identity,
 * binary-searched into place), so 1,000 changes a second to 10,000 rows do not sort 10,000 rows
 * ten times a second. Other tables, a new filter or sort, or a model where much changed (a
 * reload, the past) build the list again. The arrays returned are never changed afterwards.
 */
export class RowList {
  private built: Built | null = null;
  private members = 0;
  private readonly table: AnyTable;

  constructor(table: AnyTable) {
    this.table = table;
  }

  /** The rows for `data` with `filter` (parsed from `filterText`) and `sort`. */
  rows(data: ConsoleData, filterText: string, filter: Filter, sort: Sort): TableRowsResult {
    const inc = this.table.incremental;
    if (inc === undefined) return tableRows(this.table, data, filter, sort);
    const source = inc.source(data.model);
    const b = this.built;
    if (b !== null && b.filterText === filterText && sameSort(b.sort, sort)) {
      if (b.source === source) return b.result;
      const changed = changedIds(b.source, source);
      if (changed.length <= Math.max(16, b.source.size * REBUILD_SHARE)) return this.update(b, source, changed, filter, this.comparator(sort, inc));
    }
    return this.rebuild(source, filterText, filter, sort, inc);
  }

  private rowOf(row: object, filter: Filter): Row | null {
    // Without a filter, a row's text is made when something reads it (the rows on screen, a sort):
    // 1,000 changes a second to rows nobody sees then format nothing.
    if (filter.length === 0) return new LazyRow(this.table, row);
    const cells = cellsOf(this.table, row);
    if (!rowMatches(filter, cells, this.table.columns as readonly TableColumn<never>[])) return null;
    return { key: this.table.keyOf(row), row, cells };
  }

  /** The order of the list: the sorted column (ties in the table's order), or the table's order. */
  private comparator(sort: Sort, inc: Incremental): (a: Row, b: Row) => number {
    const i = sort === null ? -1 : this.table.columns.findIndex((c) => c.id === sort.column);
    if (sort === null || i < 0) return (a, b) => inc.order(a.row, b.row);
    const dir = sort.desc ? -1 : 1;
    return (a, b) => dir * compareCells(a.cells[i] ?? '', b.cells[i] ?? '') || inc.order(a.row, b.row);
  }

  private rebuild(source: ReadonlyMap<string, object>, filterText: string, filter: Filter, sort: Sort, inc: Incremental): TableRowsResult {
    const byId = new Map<string, Row>();
    const rows: Row[] = [];
    for (const [id, value] of source) {
      const r = this.rowOf(value, filter);
      if (r === null) continue;
      rows.push(r);
      byId.set(id, r);
    }
    rows.sort(this.comparator(sort, inc));
    this.members += 1;
    const result = { rows, total: source.size, members: this.members };
    this.built = { source, filterText, sort, result, byId };
    return result;
  }

  private update(b: Built, source: ReadonlyMap<string, object>, changed: readonly string[], filter: Filter, cmp: (a: Row, b: Row) => number): TableRowsResult {
    // Only the newest list is ever updated: its index can change in place.
    const byId = b.byId;
    const gone = new Set<Row>();
    const added: Row[] = [];
    const swaps: [Row, Row][] = [];
    let joinedOrLeft = false;
    for (const id of changed) {
      const old = byId.get(id);
      if (old !== undefined) {
        gone.add(old);
        byId.delete(id);
      }
      const value = source.get(id);
      const r = value === undefined ? null : this.rowOf(value, filter);
      if ((old === undefined) !== (r === null)) joinedOrLeft = true;
      if (r === null) continue;
      added.push(r);
      byId.set(id, r);
      if (old !== undefined) swaps.push([old, r]);
    }
    const still = joinedOrLeft ? null : inPlace(b.result.rows, swaps, cmp);
    if (still !== null) return this.keep(b, source, still, byId);
    const rows = merged(gone.size === 0 ? b.result.rows : b.result.rows.filter((r) => !gone.has(r)), added, cmp);
    if (joinedOrLeft) this.members += 1;
    return this.keep(b, source, rows, byId);
  }

  private keep(b: Built, source: ReadonlyMap<string, object>, rows: readonly Row[], byId: Map<string, Row>): TableRowsResult {
    const result = { rows, total: source.size, members: this.members };
    this.built = { source, filterText: b.filterText, sort: b.sort, result, byId };
    return result;
  }
}
