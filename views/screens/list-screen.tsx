import { DataTable } from '../components/data-table.js';
import type { Row } from '../rows.js';
import { shownColumns } from '../rows.js';
import type { ViewState } from '../state/console-state.js';
import type { AnyTable } from '../tables.js';
import { windowOf } from '../window.js';

export type ListScreenProps = Readonly<{ table: AnyTable; rows: readonly Row[]; view: ViewState; filtered: boolean; width: number; height: number }>;

/** A view's rows, virtualised: only the window around the cursor is drawn. */
export const ListScreen = ({ table, rows, view, filtered, width, height }: ListScreenProps) => {
  const bodyRows = Math.max(1, height - 1);
  const w = windowOf(view.cursor, view.offset, bodyRows, rows.length);
  return (
    <DataTable
      headers={table.columns.map((c) => c.header)}
      ids={table.columns.map((c) => c.id)}
      caps={table.columns.map((c) => c.width)}
      shown={shownColumns(table)}
      rows={rows.slice(w.start, w.end)}
      cursor={view.cursor - w.start}
      marks={view.marks}
      width={width}
      height={height}
      empty={filtered ? 'No row matches the filter (Esc clears it).' : `No ${table.title} in the model.`}
    />
  );
};
