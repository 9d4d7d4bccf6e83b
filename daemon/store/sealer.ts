import type { MsgRequest, PubAck, StoredMsg } from '@nats-io/jetstream';
import type { SealEntry } from '../../events/chain-event.js';
import { UNORDERED } from '../../events/chain-event.js';
import type { ChainHead, Sha256 } from '../../events/chain.js';
import { CHAIN_KIND, chainStart, entryDigest, headAfter, makeSeal, relativeSubject } from '../../events/chain.js';
import { fromEpochMs } from '../../events/time.js';
import type { Logger } from '../log.js';
import type { StoreNames } from './names.js';
import { subjectOf } from './subjects.js';

/** Who seals and how often. */
export type SealerOptions = Readonly<{
  /** This daemon's writer id: stable across restarts, never shared by two running daemons. */
  writer: string;
  sha256: Sha256;
  /** Host recorded as the seals' source. */
  host: string;
  /** Seal once this many records are pending (default 256)... */
  maxEntries?: number;
  /** ...or this long after the oldest unsealed one (default 2000 ms). */
  maxDelayMs?: number;
}>;

/** The sealer's way to JetStream: both retry until they succeed or the appender closes. */
export type SealerIo = Readonly<{
  publish: (id: string, subject: string, body: string) => Promise<PubAck>;
  get: (q: MsgRequest) => Promise<StoredMsg | null>;
  log: Logger;
}>;

type Pending = { id: string; digest: string; seq: number; dup: boolean };

// A seal waits behind every publish in flight, so under a burst records pile up while one is
// written: the next takes them all, within these bounds (1 MiB a message), and keeps pace.
const SEAL_MAX_ENTRIES = 4096;
const SEAL_MAX_BYTES = 512 * 1024;

// Ids sealed (or pending) in this run; beyond the duplicate window a repeat is a new message anyway.
const REMEMBERED = 100_000;
const decoder = new TextDecoder();
/**
 * Seals what this writer stored (see events/chain-event.ts): it collects `[id, digest]` per stored
 * record and appends a `ChainSealed` record once `maxEntries` are pending, `maxDelayMs` after the
 * oldest unsealed one, and on `flush`; one at a time, each linking to the last. On start the chain
 * continues from the newest seal stored on the writer's subject.
 */
export class Sealer {
  seals = 0;
  private pending: Pending[] = [];
  private readonly noted = new Set<string>();
  private readonly lookups = new Set<Promise<void>>();
  private head: ChainHead | undefined;
  private maxSealedSeq = 0;
  private queue: Promise<void> = Promise.resolve();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private disabled = false;
  private readonly o: Required<SealerOptions>;
  private readonly io: SealerIo;
  private readonly names: StoreNames;
  readonly subject: string;

  constructor(names: StoreNames, o: SealerOptions, io: SealerIo) {
    this.names = names;
    this.o = { maxEntries: 256, maxDelayMs: 2000, ...o };
    this.io = io;
    this.subject = subjectOf(names, { kind: CHAIN_KIND, id: o.writer });
  }

  /** Notes a record JetStream acknowledged. A duplicate is sealed (flagged) only if not noted in this run. */
  stored(id: string, subject: string, body: string, ack: PubAck): void {
    if (this.disabled || (ack.duplicate && this.noted.has(id))) return;
    this.remember(id);
    if (!ack.duplicate) {
      this.add({ id, digest: entryDigest(this.o.sha256, relativeSubject(this.names.evtRoot, subject), body), seq: ack.seq, dup: false });
      return;
    }
    // What is stored may differ from what was sent now (a redelivery carries a new observedAt): seal the stored copy.
    const lookup = this.storedDigest(ack.seq).then((digest) => {
      if (digest !== undefined) this.add({ id, digest, seq: ack.seq, dup: true });
    }).catch((err: unknown) => this.io.log.warn(`could not read stored record ${id} (seq ${ack.seq}) to seal it: ${(err as Error).message}`));
    this.lookups.add(lookup);
    void lookup.finally(() => this.lookups.delete(lookup));
  }

  /** Seals everything noted so far and waits until the seals are stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.lookups]);
    await this.sealPending();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private remember(id: string): void {
    this.noted.add(id);
    if (this.noted.size > REMEMBERED) this.noted.delete(this.noted.values().next().value as string);
  }

  private async storedDigest(seq: number): Promise<string | undefined> {
    const m = await this.io.get({ seq });
    return m === null ? undefined : entryDigest(this.o.sha256, relativeSubject(this.names.evtRoot, m.subject), m.data);
  }

  private add(p: Pending): void {
    this.pending.push(p);
    if (this.pending.length >= this.o.maxEntries) void this.sealPending();
    else this.timer ??= setTimeout(() => void this.sealPending(), this.o.maxDelayMs).unref();
  }

  /** Queues one sealing pass after the ones before it (seals link in order). */
  private sealPending(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // One pass waiting is enough: it seals everything pending when it starts, and what arrives meanwhile.
    if (this.scheduled) return this.queue;
    this.scheduled = true;
    const run = this.queue.then(() => {
      this.scheduled = false;
      return this.sealAll();
    });
    this.queue = run.catch((err: unknown) => this.io.log.warn(`sealing failed: ${(err as Error).message}`));
    return this.queue;
  }

  private async sealAll(): Promise<void> {
    while (this.pending.length > 0 && !this.disabled) {
      this.pending.sort((a, b) => a.seq - b.seq);
      await this.sealBatch(this.pending.splice(0, this.batchSize()));
    }
  }

  /** How many of the pending entries (oldest first) fit in one seal. */
  private batchSize(): number {
    let bytes = 0;
    let n = 0;
    for (const p of this.pending) {
      bytes += p.id.length + p.digest.length + 16;
      if (n >= SEAL_MAX_ENTRIES || (n > 0 && bytes > SEAL_MAX_BYTES)) break;
      n += 1;
    }
    return n;
  }

  private async sealBatch(batch: readonly Pending[]): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = this.head ?? (await this.loadHead());
      if (head === undefined) return;
      const entries: SealEntry[] = batch.map((e) => (e.dup || e.seq <= this.maxSealedSeq ? [e.id, e.digest, UNORDERED] : [e.id, e.digest]));
      const rec = makeSeal(this.o.sha256, { writer: this.o.writer, head, entries, at: fromEpochMs(Date.now()), source: { kind: 'berth', host: this.o.host } });
      const chain = rec.chain as NonNullable<typeof rec.chain>;
      const ack = await this.io.publish(rec.id, this.subject, JSON.stringify(rec));
      if (!ack.duplicate || (await this.hashAt(ack.seq)) === chain.hash) {
        this.head = headAfter(chain);
        this.seals += 1;
        for (const e of batch) this.maxSealedSeq = Math.max(this.maxSealedSeq, e.seq);
        return;
      }
      // Seal n exists and is not ours: another process seals as this writer. Continue after its newest seal.
      this.io.log.error(`seal ${chain.n} of writer '${this.o.writer}' was already written by another process: two daemons share this writer id (give each its own --writer)`);
      this.head = undefined;
    }
    this.io.log.error(`gave up sealing ${batch.length} record(s) as writer '${this.o.writer}'`);
  }

  private async hashAt(seq: number): Promise<string | undefined> {
    const m = await this.io.get({ seq });
    return m === null ? undefined : chainOf(m.data)?.hash;
  }

  /** Where this writer's chain continues: after its newest stored seal, or at the start. */
  private async loadHead(): Promise<ChainHead | undefined> {
    const m = await this.io.get({ last_by_subj: this.subject });
    if (m === null) {
      this.io.log.info(`tamper evidence: writer '${this.o.writer}' starts its chain`);
      return chainStart;
    }
    const chain = chainOf(m.data);
    if (chain === undefined) {
      // Continuing after an unreadable seal would hide it; audit verify reports it, sealing stops until it is looked at.
      this.disabled = true;
      this.pending = [];
      this.io.log.error(`tamper evidence: the newest seal of writer '${this.o.writer}' (seq ${m.seq}) is unreadable; sealing is off (run 'berth audit verify')`);
      return undefined;
    }
    this.io.log.info(`tamper evidence: writer '${this.o.writer}' continues its chain at seal ${chain.n + 1}`);
    return headAfter(chain);
  }
}

const chainOf = (data: Uint8Array): { n: number; hash: string } | undefined => {
  try {
    const c = (JSON.parse(decoder.decode(data)) as { chain?: { n?: unknown; hash?: unknown } }).chain;
    return c !== undefined && Number.isSafeInteger(c.n) && typeof c.hash === 'string' ? { n: c.n as number, hash: c.hash } : undefined;
  } catch {
    return undefined;
  }
};
