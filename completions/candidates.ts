/** Kinds of live values the shells can complete from the model. */
export const ENTITY_KINDS = ['host', 'container', 'vm', 'cluster', 'stack', 'network', 'port'] as const;
export type EntityCandidateKind = (typeof ENTITY_KINDS)[number];

/** One completion: the word to insert, and a short description the shells that can show one do. */
export type Candidate = Readonly<{ value: string; description: string }>;

/** The maps of the read model candidates come from (the CLI's model view has this shape). */
export type CandidateSource = Readonly<Partial<Record<'hosts' | 'containers' | 'vms' | 'clusters' | 'stacks' | 'networks' | 'ports', ReadonlyMap<string, unknown>>>>;

/** More than this many candidates helps nobody at a prompt, and slows every list that writes them. */
export const MAX_CANDIDATES = 10_000;

const MAP_OF: Readonly<Record<EntityCandidateKind, keyof CandidateSource>> = {
  host: 'hosts', container: 'containers', vm: 'vms', cluster: 'clusters', stack: 'stacks', network: 'networks', port: 'ports',
};

/**
 * A word a shell can insert as it is. Names come from engines and clouds and are untrusted: no
 * whitespace, control or bidi characters, quotes, or characters a shell would interpret.
 */
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069'"`\\$;&|<>(){}[\]*?!#~^]/u;
export const shellSafe = (word: string): boolean => word !== '' && word.length <= 256 && !UNSAFE.test(word) && !word.startsWith('-');

/** A description made printable: unsafe characters become '?', and it is kept short. */
// eslint-disable-next-line no-control-regex -- replacing control characters is the point
const describe = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\t]/gu, '?').slice(0, 60);

const str = (o: unknown, key: string): string | undefined => {
  const v = (o as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** Docker ids are 64 hex characters; 12 is what `docker ps` shows and what berth accepts as a prefix. */
const shortId = (kind: EntityCandidateKind, id: string): string => (kind === 'container' && /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

const entityCandidates = (kind: EntityCandidateKind, map: ReadonlyMap<string, unknown>): Candidate[] => {
  const out: Candidate[] = [];
  for (const [id, value] of map) {
    const name = str(value, 'name');
    const sid = shortId(kind, id);
    if (name !== undefined && name !== id) out.push({ value: name, description: describe(`${kind} ${sid}`) });
    out.push({ value: sid, description: describe(name ?? kind) });
  }
  return out;
};

/**
 * Completion candidates of one kind from a model view: names and (short) ids, without the
 * words a shell could not take literally, without duplicates, sorted, at most MAX_CANDIDATES.
 * Pure.
 */
export const candidates = (kind: EntityCandidateKind, source: CandidateSource): Candidate[] => {
  const found = entityCandidates(kind, source[MAP_OF[kind]] ?? new Map());
  // Compute hosts known only from their VMs are hosts too (`berth hosts` lists them).
  if (kind === 'host') {
    for (const vm of (source.vms ?? new Map()).values()) {
      const h = str(vm, 'host');
      if (h !== undefined) found.push({ value: h, description: 'compute host' });
    }
  }
  const seen = new Map<string, Candidate>();
  for (const c of found) if (shellSafe(c.value) && !seen.has(c.value)) seen.set(c.value, c);
  return [...seen.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, MAX_CANDIDATES);
};

/** The cache file's format, which the shell scripts read directly: one `value<TAB>description` per line. */
export const toLines = (cands: readonly Candidate[]): string => cands.map((c) => `${c.value}\t${c.description}\n`).join('');

/** Reads `toLines` back, dropping anything that is not a safe word (the file may have been tampered with). */
export const fromLines = (text: string): Candidate[] =>
  text.split('\n').filter((l) => l !== '').map((l) => {
    const tab = l.indexOf('\t');
    return tab < 0 ? { value: l, description: '' } : { value: l.slice(0, tab), description: describe(l.slice(tab + 1)) };
  }).filter((c) => shellSafe(c.value));
