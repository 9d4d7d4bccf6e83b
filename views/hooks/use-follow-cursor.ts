import { useLayoutEffect, useRef } from 'react';
import type { Dispatch } from 'react';
import type { Row } from '../rows.js';
import type { ConsoleAction } from '../state/console-state.js';

type Seen = Readonly<{ rows: readonly Row[]; cursor: number; key: string | null }>;

/**
 * Keeps the cursor on its entity when the rows change under it: the cursor is a row number, so a
 * container listed above the one under it (or a sort by a column that changed) put it on another
 * entity, and Enter and the actions then took that one. Each view remembers its entity, so coming
 * back to a view finds it too, and so does time travel (while a past moment loads there are no
 * rows: `loading`, and the entity is kept). A move by the operator (the cursor changed) follows the
 * row it lands on; an entity that left the list leaves the cursor where it is. A layout effect: the
 * cursor is moved before the frame is drawn and before the next key is read.
 */
export const useFollowCursor = (view: string, rows: readonly Row[], cursor: number, height: number, loading: boolean, dispatch: Dispatch<ConsoleAction>): void => {
  const seen = useRef(new Map<string, Seen>());
  useLayoutEffect(() => {
    if (loading) return;
    const prev = seen.current.get(view);
    if (prev !== undefined && prev.rows !== rows && prev.cursor === cursor && prev.key !== null && rows[cursor]?.key !== prev.key) {
      const i = rows.findIndex((r) => r.key === prev.key);
      if (i >= 0) {
        seen.current.set(view, { rows, cursor: i, key: prev.key });
        dispatch({ type: 'follow', view, cursor: i, total: rows.length, height });
        return;
      }
    }
    seen.current.set(view, { rows, cursor, key: rows[cursor]?.key ?? null });
  }, [view, rows, cursor, height, loading, dispatch]);
};
