import type { SealEntry } from './chain-event.js';
import { UNORDERED } from './chain-event.js';
import type { Sha256 } from './chain.js';
import { CHAIN_KIND, GENESIS, sealHash } from './chain.js';
import type { ChainProblem, ReadSeal, WriterSummary } from './chain-report.js';
import { decodeToken } from './ids.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEntry = (e: unknown): e is SealEntry =>
  Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && (e.length === 2 || (e.length === 3 && e[2] === UNORDERED));

const isChain = (c: unknown): boolean =>
  isObj(c) && typeof c['writer'] === 'string' && Number.isSafeInteger(c['n']) && (c['n'] as number) >= 0 && typeof c['prev'] === 'string' && typeof c['hash'] === 'string';

/** Why a message on a chain subject is not a seal, or undefined when it is one. */
const sealShape = (v: unknown): string | undefined => {
  if (!isObj(v) || v['type'] !== 'ChainSealed') return 'it is not a ChainSealed record';
  if (!isChain(v['chain'])) return 'its chain field is malformed';
  const d = v['data'];
  if (!isObj(d) || !Array.isArray(d['entries']) || !d['entries'].every(isEntry)) return 'its entries are malformed';
  return undefined;
};

/** Reads one message from a chain subject (`chain.<encoded writer>`, relative to the prefix). */
export const readSeal = (sha256: Sha256, seq: number, rel: string, text: string): { ok: true; seal: ReadSeal } | { ok: false; problem: ChainProblem } => {
  const writer = decodeToken(rel.slice(CHAIN_KIND.length + 1));
  const bad = (why: string, n: number | null = null): { ok: false; problem: ChainProblem } => ({
    ok: false, problem: { kind: 'seal-altered', writer, seal: n, id: null, seq, detail: `the seal at seq ${String(seq)} of writer '${writer}' cannot be checked: ${why} (altered)` },
  });
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return bad('it is not JSON');
  }
  const why = sealShape(v);
  if (why !== undefined) return bad(why);
  const rec = v as { chain: { writer: string; n: number; prev: string; hash: string }; data: { entries: SealEntry[] } };
  const { n, prev, hash } = rec.chain;
  if (rec.chain.writer !== writer) return bad(`it names writer '${rec.chain.writer}' but is stored on another writer's subject`, n);
  const entries = rec.data.entries;
  return { ok: true, seal: { seq, writer, n, prev, hash, entries, hashOk: sealHash(sha256, prev, writer, n, entries) === hash } };
};

/** Per-writer progress while checking entries in chain order. */
export type EntryState = { lastSeq: number; present: boolean; expired: number };
export type CheckEntry = (seal: ReadSeal, entry: SealEntry, state: EntryState) => ChainProblem | undefined;

const range = (a: number, b: number): string => (a === b ? `seal ${String(a)} is` : `seals ${String(a)}..${String(b)} are`);

/** One seal per number (the first stored), reporting numbers that hold different seals. */
const distinct = (writer: string, list: readonly ReadSeal[], problems: ChainProblem[]): ReadSeal[] => {
  const byN = new Map<number, ReadSeal>();
  for (const s of [...list].sort((a, b) => a.seq - b.seq)) {
    const had = byN.get(s.n);
    if (had === undefined) byN.set(s.n, s);
    else if (had.hash !== s.hash) problems.push({ kind: 'seal-forked', writer, seal: s.n, id: null, seq: s.seq, detail: `writer '${writer}' has two different seals ${String(s.n)} (seq ${String(had.seq)} and ${String(s.seq)}): two daemons share this writer id, or one is forged` });
  }
  return [...byN.values()].sort((a, b) => a.n - b.n);
};

/** Seal 0 links to the genesis, later ones to the seal before them (when it is there to compare). */
const linksTo = (s: ReadSeal, before: ReadSeal | undefined): boolean =>
  s.n === 0 ? s.prev === GENESIS : before?.n !== s.n - 1 || s.prev === before.hash;

/** Checks a seal against the one before it: gap, hash, link and order. */
const checkLink = (s: ReadSeal, before: ReadSeal | undefined, firstSeq: number, out: ChainProblem[]): void => {
  const at = { writer: s.writer, seal: s.n, id: null, seq: s.seq };
  const from = before === undefined ? 0 : before.n + 1;
  // Before the first seal present, seals are missing only if retention did not remove the stream's head.
  if (s.n > from && (before !== undefined || firstSeq <= 1)) out.push({ kind: 'seal-missing', ...at, seal: from, detail: `writer '${s.writer}': ${range(from, s.n - 1)} missing from the stream (a gap in its chain before seal ${String(s.n)})` });
  if (!s.hashOk) out.push({ kind: 'seal-altered', ...at, detail: `seal ${String(s.n)} of writer '${s.writer}' (seq ${String(s.seq)}) does not match its own hash (altered)` });
  if (!linksTo(s, before)) out.push({ kind: 'seal-altered', ...at, detail: `seal ${String(s.n)} of writer '${s.writer}' (seq ${String(s.seq)}) does not link to seal ${String(s.n - 1)} (altered)` });
  if (before !== undefined && s.seq < before.seq) out.push({ kind: 'seal-reordered', ...at, detail: `seal ${String(s.n)} of writer '${s.writer}' (seq ${String(s.seq)}) is stored before seal ${String(before.n)} (seq ${String(before.seq)}) (reordered)` });
};

/** Walks one writer's seals in order: links, then every entry through `checkEntry`. */
export const checkSeals = (writer: string, list: readonly ReadSeal[], firstSeq: number, checkEntry: CheckEntry): { problems: ChainProblem[]; summary: WriterSummary; expired: number } => {
  const problems: ChainProblem[] = [];
  const seals = distinct(writer, list, problems);
  const state: EntryState = { lastSeq: 0, present: false, expired: 0 };
  let events = 0;
  let before: ReadSeal | undefined;
  for (const s of seals) {
    checkLink(s, before, firstSeq, problems);
    for (const e of s.entries) {
      const p = checkEntry(s, e, state);
      if (p === undefined) events += 1;
      else problems.push(p);
    }
    before = s;
  }
  const first = seals[0];
  const summary: WriterSummary = { writer, seals: seals.length, firstSeal: first?.n ?? 0, lastSeal: before?.n ?? 0, events: events - state.expired, head: before?.hash ?? '' };
  return { problems, summary, expired: state.expired };
};
