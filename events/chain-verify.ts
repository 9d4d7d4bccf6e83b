import type { SealEntry } from './chain-event.js';
import { UNORDERED } from './chain-event.js';
import type { Sha256 } from './chain.js';
import { CHAIN_KIND, entryDigest, relativeSubject } from './chain.js';
import type { ChainProblem, ChainReport, ReadSeal, Stored, WriterSummary } from './chain-report.js';
import type { EntryState } from './chain-seals.js';
import { checkSeals, readSeal } from './chain-seals.js';

export type { ChainProblem, ChainReport, ProblemKind, WriterSummary } from './chain-report.js';

/** One message of the event stream as read back: what the verifier needs, nothing more. */
export type StoredMessage = Readonly<{
  seq: number;
  subject: string;
  /** The body exactly as stored. */
  data: Uint8Array | string;
  /** The `Nats-Msg-Id` header (the record id); read from the body when absent. */
  msgId?: string | undefined;
}>;

export type VerifyOptions = Readonly<{
  /** `<prefix>.evt`: subjects are hashed without it, so a copy under another prefix verifies. */
  evtRoot: string;
  sha256: Sha256;
  /**
   * The stream's first sequence. Above 1, retention (max age or size) removed the head of the
   * log: seals and sealed records missing before the first one still present are "expired".
   */
  firstSeq?: number;
}>;

const decoder = new TextDecoder();
const textOf = (data: Uint8Array | string): string => (typeof data === 'string' ? data : decoder.decode(data));

const idInBody = (data: Uint8Array | string): string | undefined => {
  try {
    const v: unknown = JSON.parse(textOf(data));
    return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks every writer's hash chain over a stream fed message by message (`add`, in stream order),
 * keeping only ids, sequences and digests. `report()` lists gaps, altered or misplaced seals, and
 * sealed records deleted, altered or reordered. Records no seal covers are counted apart: a writer
 * seals what it stored within seconds, so they are the tail of a running daemon, or what a daemon
 * killed before its next seal left (a warning, not evidence of tampering).
 */
export class ChainVerifier {
  private readonly o: VerifyOptions;
  private readonly byId = new Map<string, Stored[]>();
  private readonly seals = new Map<string, ReadSeal[]>();
  private readonly problems: ChainProblem[] = [];
  private messages = 0;
  private unreadable = 0;
  private lastSealSeq = 0;

  constructor(o: VerifyOptions) {
    this.o = o;
  }

  add(m: StoredMessage): void {
    this.messages += 1;
    const rel = relativeSubject(this.o.evtRoot, m.subject);
    if (rel.startsWith(`${CHAIN_KIND}.`)) {
      this.lastSealSeq = Math.max(this.lastSealSeq, m.seq);
      const r = readSeal(this.o.sha256, m.seq, rel, textOf(m.data));
      if (r.ok) {
        const list = this.seals.get(r.seal.writer) ?? [];
        list.push(r.seal);
        this.seals.set(r.seal.writer, list);
      } else this.problems.push(r.problem);
      return;
    }
    const id = m.msgId ?? idInBody(m.data);
    if (id === undefined) this.unreadable += 1;
    const key = id ?? `\0seq:${String(m.seq)}`;
    const rec: Stored = { seq: m.seq, id: key, digest: entryDigest(this.o.sha256, rel, m.data), sealed: false };
    const list = this.byId.get(key);
    if (list) list.push(rec);
    else this.byId.set(key, [rec]);
  }

  report(): ChainReport {
    const firstSeq = this.o.firstSeq ?? 1;
    const problems = [...this.problems];
    const writers: WriterSummary[] = [];
    let expired = 0;
    for (const [writer, list] of [...this.seals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const r = checkSeals(writer, list, firstSeq, (seal, entry, state) => this.checkEntry(writer, seal, entry, state, firstSeq));
      problems.push(...r.problems);
      writers.push(r.summary);
      expired += r.expired;
    }
    const unsealed = this.unsealed();
    problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return {
      ok: problems.length === 0, messages: this.messages, firstSeq, writers,
      seals: writers.reduce((s, w) => s + w.seals, 0), verified: this.countSealed(), expired, unreadable: this.unreadable,
      unsealed, problems,
    };
  }

  /** Matches one entry to a stored record: same id, same digest, and (unless unordered) after the previous one. */
  private checkEntry(writer: string, seal: ReadSeal, entry: SealEntry, state: EntryState, firstSeq: number): ChainProblem | undefined {
    const [id, digest, flag] = entry;
    const at = { writer, seal: seal.n, id };
    const candidates = this.byId.get(id);
    if (candidates === undefined) {
      // Retention removes the oldest messages first: a missing entry before any present one expired.
      if (firstSeq > 1 && (flag === UNORDERED || !state.present)) {
        state.expired += 1;
        return undefined;
      }
      return { kind: 'deleted', ...at, seq: null, detail: `event '${id}' sealed in seal ${String(seal.n)} of writer '${writer}' is missing from the stream (deleted)` };
    }
    state.present = true;
    const matches = candidates.filter((c) => c.digest === digest);
    if (matches.length === 0) {
      const c = candidates[0] as Stored;
      return { kind: 'altered', ...at, seq: c.seq, detail: `event '${id}' at seq ${String(c.seq)} differs from what seal ${String(seal.n)} of writer '${writer}' recorded (altered)` };
    }
    const hit = matches.find((c) => c.seq > state.lastSeq) ?? (matches[0] as Stored);
    hit.sealed = true;
    if (hit.seq > seal.seq) {
      return { kind: 'reordered', ...at, seq: hit.seq, detail: `event '${id}' at seq ${String(hit.seq)} comes after seal ${String(seal.n)} (seq ${String(seal.seq)}) that vouches for it (reordered)` };
    }
    if (flag === UNORDERED) return undefined;
    if (hit.seq <= state.lastSeq) {
      return { kind: 'reordered', ...at, seq: hit.seq, detail: `event '${id}' at seq ${String(hit.seq)} was stored after the event sealed before it (now at seq ${String(state.lastSeq)}) (reordered)` };
    }
    state.lastSeq = hit.seq;
    return undefined;
  }

  private countSealed(): number {
    let n = 0;
    for (const list of this.byId.values()) for (const r of list) if (r.sealed) n += 1;
    return n;
  }

  private unsealed(): ChainReport['unsealed'] {
    let tail = 0;
    const earlier: Stored[] = [];
    for (const list of this.byId.values()) {
      for (const r of list) {
        if (r.sealed) continue;
        if (r.seq > this.lastSealSeq) tail += 1;
        else earlier.push(r);
      }
    }
    earlier.sort((a, b) => a.seq - b.seq);
    return {
      count: tail + earlier.length, tail, earlier: earlier.length,
      sample: earlier.slice(0, 5).map((r) => ({ id: r.id.startsWith('\0') ? null : r.id, seq: r.seq })),
    };
  }
}

/** Verifies a whole list of stored messages at once (see `ChainVerifier`). */
export const verifyChain = (messages: Iterable<StoredMessage>, o: VerifyOptions): ChainReport => {
  const v = new ChainVerifier(o);
  for (const m of messages) v.add(m);
  return v.report();
};
