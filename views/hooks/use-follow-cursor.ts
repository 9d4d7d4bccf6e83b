import { useEffect, useRef } from 'react';
import type { Dispatch } from 'react';
import type { Row } from '../rows.js';
import type { ConsoleAction } from '../state/console-state.js';

type Seen = Readonly<{ view: string; rows: readonly Row[]; cursor: number; key: string | null }>;

/**
 * Keeps the cursor on its entity when the rows change under it: the cursor is a row number, so a
 * container listed above the one under it (or a sort by a column that changed) put it on another
 * entity, and Enter and the actions then took that one. A move by the operator (the cursor
 * changed) follows the row it lands on; an entity that left the list leaves the cursor where it is.
 */
export const useFollowCursor = (view: string, rows: readonly Row[], cursor: number, height: number, dispatch: Dispatch<ConsoleAction>): void => {
  const seen = useRef<Seen | null>(null);
  useEffect(() => {
    const prev = seen.current;
    if (prev !== null && prev.view === view && prev.rows !== rows && prev.cursor === cursor && prev.key !== null && rows[cursor]?.key !== prev.key) {
      const i = rows.findIndex((r) => r.key === prev.key);
      if (i >= 0) {
        seen.current = { view, rows, cursor: i, key: prev.key };
        dispatch({ type: 'follow', view, cursor: i, total: rows.length, height });
        return;
      }
    }
    seen.current = { view, rows, cursor, key: rows[cursor]?.key ?? null };
  }, [view, rows, cursor, height, dispatch]);
};
