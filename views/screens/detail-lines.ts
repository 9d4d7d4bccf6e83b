import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { summarizeEvent } from '../../events/describe.js';
import type { TraceLink } from '../../events/trace.js';
import type { AsyncState } from '../hooks/use-async.js';
import type { Detail } from '../tables.js';

/** One line of a detail screen and how it looks. */
export type DetailLine = Readonly<{ text: string; style: 'title' | 'section' | 'plain' | 'dim' | 'warn' }>;

const pad = (rows: readonly (readonly [string, string])[]): DetailLine[] => {
  const w = Math.min(24, Math.max(0, ...rows.map(([k]) => k.length)));
  return rows.map(([k, v]) => ({ text: `  ${k.padEnd(w)}  ${v}`, style: 'plain' as const }));
};

/**
 * Everything Enter shows about an entity, as lines: its fields, its links across worlds (host,
 * ports, cluster, stack...) and its recent history, newest last. `gone` says it left the model
 * (the fields are the last ones seen). `safe` makes untrusted names terminal-safe.
 */
export const detailLines = (
  d: Detail, gone: boolean, links: readonly TraceLink[], history: AsyncState<readonly Recorded<OpsEvent>[]>, safe: (s: string) => string,
): DetailLine[] => {
  const out: DetailLine[] = [{ text: d.title, style: 'title' }];
  if (gone) out.push({ text: 'No longer in the model (deleted, or filtered out of this moment); the fields are the last ones seen.', style: 'warn' });
  out.push({ text: 'Fields', style: 'section' }, ...pad(d.fields));
  out.push({ text: 'Links', style: 'section' });
  if (links.length === 0) out.push({ text: '  none known', style: 'dim' });
  else out.push(...pad(links.map((l) => [l.relation, `${l.kind} ${safe(l.name)}${l.name === l.id ? '' : ` (${safe(l.id)})`}${l.state === '' ? '' : ` · ${safe(l.state)}`}`] as const)));
  out.push({ text: 'Recent history (in the order stored, newest last)', style: 'section' });
  switch (history.status) {
    case 'idle': case 'loading': out.push({ text: '  loading…', style: 'dim' }); break;
    case 'failed': out.push({ text: `  could not read the history: ${safe(history.error)}`, style: 'warn' }); break;
    case 'ready':
      if (history.value.length === 0) out.push({ text: '  no events', style: 'dim' });
      for (const e of history.value) out.push({ text: `  ${e.at.slice(0, 10)} ${e.at.slice(11, 23)}  ${e.type.padEnd(26)}  ${safe(summarizeEvent(e))}`, style: 'plain' });
  }
  return out;
};
