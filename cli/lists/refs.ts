import { UsageError } from '../output/errors.js';

/**
 * An entity named on the command line (`get`, `trace`, `history`, the actions) by its id, a unique
 * id prefix or its name. An empty or blank one names nothing: matched as a name, it picked the
 * entities that have none (`trace vm ''` "matched 2 vms"; an action could have been sent to the
 * one nameless container).
 */
export const checkRef = (kind: string, ref: string): void => {
  if (ref.trim() !== '') return;
  throw new UsageError(`The ${kind} is given as ${JSON.stringify(ref)}, which names nothing.`, { hint: `Give its id, a unique id prefix (3+ characters) or its name.` });
};

/** The host an entity of the model is on (containers, VMs, ports), or null. */
export const hostOf = (v: unknown): string | null => {
  const h = (v as { host?: unknown } | null | undefined)?.host;
  return typeof h === 'string' && h !== '' ? h : null;
};

/** One entity an ambiguous reference could mean, with what tells it from the others. */
export type RefCandidate = Readonly<{ id: string; name?: string | null | undefined; host?: string | null | undefined; lastAt?: string | undefined }>;

/** A generated id (Docker's hex, a UUID) as its first 12 characters, enough to give back; a name-like one (a host) whole. */
const shownId = (id: string): string => (/^[0-9a-f-]{13,}$/i.test(id) ? id.slice(0, 12) : id);

const described = (c: RefCandidate): string => {
  const parts = [c.name ? c.name : 'no name', ...(c.host ? [`on ${c.host}`] : []), ...(c.lastAt ? [`last event ${c.lastAt}`] : [])];
  return `${shownId(c.id)} (${parts.join(', ')})`;
};

/**
 * The usage error for a reference that names several entities (two containers called `web` on two
 * engines): each listed with its id's head, name and host (and when it was last seen, for the
 * log's), so the operator can tell them apart and give an id. The first five, then how many more.
 */
export const ambiguousRef = (kind: string, ref: string, found: readonly RefCandidate[], hint: string): UsageError =>
  new UsageError(`'${ref}' matches ${found.length} ${kind}s: ${found.slice(0, 5).map(described).join('; ')}${found.length > 5 ? `; and ${found.length - 5} more` : ''}.`, { hint });

/** Names in the order people read them: `web-2` before `web-10` (made when first needed: building a collator costs a cold start). */
let natural: Intl.Collator | undefined;
const naturalOrder = (a: string, b: string): number => (natural ??= new Intl.Collator('en', { numeric: true })).compare(a, b);

/**
 * For a reference that named nothing: the names that start with it (or hold it), at most three and
 * how many more, as a sentence to end a hint with (`'dev-worker'` was meant as the start of a name
 * or a glob); '' when none does.
 */
export const namesLike = (ref: string, names: Iterable<string>): string => {
  const r = ref.toLowerCase();
  if (r.trim() === '') return '';
  const all = [...new Set(names)].filter((n) => n !== '');
  // Only the letter case differs: say so, rather than that names are given whole.
  const cased = all.filter((n) => n.toLowerCase() === r);
  if (cased.length > 0) return ` Names are matched as written: ${cased.sort(naturalOrder).slice(0, 3).map((n) => `'${n}'`).join(', ')} differs only in letter case.`;
  const starting = all.filter((n) => n.toLowerCase().startsWith(r));
  const found = starting.length > 0 ? starting : all.filter((n) => n.toLowerCase().includes(r));
  if (found.length === 0) return '';
  const shown = found.sort(naturalOrder).slice(0, 3).map((n) => `'${n}'`).join(', ');
  const verb = starting.length > 0 ? (found.length === 1 ? 'starts with' : 'start with') : found.length === 1 ? 'holds' : 'hold';
  return ` ${found.length === 1 ? 'One name' : `${found.length} names`} ${verb} '${ref}': ${shown}${found.length > 3 ? ` and ${found.length - 3} more` : ''}; a name is given whole.`;
};
