import { useMemo } from 'react';
import type { ReadModelState } from '../../events/read-model.js';
import { traceOf } from '../../events/trace.js';
import { useQueryClient } from '../query-context.js';
import type { DetailLine } from '../screens/detail-lines.js';
import { detailLines } from '../screens/detail-lines.js';
import type { ConsoleState } from '../state/console-state.js';
import type { AnyTable, ConsoleData } from '../tables.js';
import { useAsync } from './use-async.js';

const HISTORY = 30;

/**
 * The open detail, kept current: the entity's row is looked up again in every snapshot (or the last
 * one seen is kept, marked gone), its links come from the model, and its history is read again
 * when a newer event about it reaches the tail.
 */
export const useDetail = (tables: readonly AnyTable[], state: ConsoleState, data: ConsoleData | null, snap: ReadModelState, safe: (s: string) => string): { title: string; lines: DetailLine[] } | null => {
  const client = useQueryClient();
  const open = state.detail;
  const table = open === null ? undefined : tables.find((t) => t.id === open.view);
  const row = useMemo(() => (open === null || table === undefined || data === null ? undefined : table.rows(data).find((r) => table.keyOf(r) === open.key)), [open, table, data]);
  const d = row === undefined || table === undefined ? open?.last : table.detail(row);
  const tail = snap.status === 'live' || snap.status === 'stale' ? snap.tail : [];
  let newest = 0;
  if (d !== undefined) for (const e of tail) if (e.subject.id === d.ref.id && e.subject.kind === d.ref.kind && e.seq > newest) newest = e.seq;
  const key = d === undefined ? null : `${d.ref.kind}\u0000${d.ref.id}\u0000${state.at ?? 'live'}\u0000${newest}`;
  const at = state.at;
  // In the past, the newest events up to then (not the newest ones filtered by time: those can all be later).
  const history = useAsync(key, (signal) => client.history((d as NonNullable<typeof d>).ref, HISTORY, signal, at ?? undefined));
  if (d === undefined) return null;
  const links = data === null ? [] : traceOf(data.model, String(d.ref.kind), d.ref.id);
  return { title: d.title, lines: detailLines(d, row === undefined, links, history, safe) };
};
