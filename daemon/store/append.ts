import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventRecord } from '../../events/envelope.js';
import type { Logger } from '../log.js';
import { AckedPublisher } from './acked-publish.js';
import type { StoreNames } from './names.js';
import { Sealer } from './sealer.js';
import type { SealerOptions } from './sealer.js';
import { dlqSubjectOf, headerSafe, MAX_SUBJECT_BYTES, subjectOf } from './subjects.js';

/** What the appender did with a record: stored (possibly as a duplicate) or dead-lettered. */
export type AppendResult = Readonly<{ seq: number; duplicate: boolean; deadLettered: boolean }>;

/** How many publishes may be in flight, and whether (and as whom) to seal what is stored. */
export type AppenderOptions = Readonly<{ maxInFlight?: number; chain?: SealerOptions }>;

/** JetStream's default max_payload is 1 MiB; leave room for headers. */
const MAX_RECORD_BYTES = 1024 * 1024 - 8 * 1024;

/**
 * Appends event records to the stream with many publishes in flight (bounded), never one await
 * per message. The record id is the `Nats-Msg-Id`, so retries and redeliveries are stored once.
 * A failed publish is retried with backoff until it succeeds or `close()` is called: a source
 * acks its own input only after the promise resolves, so nothing is lost in between.
 * With `chain`, what is stored is also sealed into this writer's hash chain (see `Sealer`).
 */
export class Appender {
  private readonly pub: AckedPublisher;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private closed = false;
  appended = 0;
  duplicates = 0;
  deadLettered = 0;

  private readonly names: StoreNames;
  private readonly log: Logger;
  private readonly maxInFlight: number;
  private readonly sealer: Sealer | undefined;
  private jsm: JetStreamManager | undefined;

  constructor(nc: NatsConnection, names: StoreNames, log: Logger, opts: AppenderOptions = {}) {
    this.pub = new AckedPublisher(nc, 10_000);
    this.names = names;
    this.log = log;
    this.maxInFlight = opts.maxInFlight ?? 512;
    this.sealer = opts.chain === undefined ? undefined : new Sealer(names, opts.chain, {
      log,
      publish: (id, subject, body) => this.retrying(id, () => this.pub.publish(subject, body, id)),
      // No account-info check (it asks the meta leader, which a cluster that lost a node may be
      // electing), and only a manager that was made is kept: a failed first try cached as a rejected
      // promise failed every read after it, so sealing stopped for good and drain() (SIGTERM) never ended.
      get: (q) => this.retrying(`read of ${JSON.stringify(q)}`, async () => (this.jsm ??= await jetstreamManager(nc, { checkAPI: false })).streams.getMessage(names.stream, q)),
    });
  }

  /** Seals written by this appender (0 without `chain`). */
  get seals(): number {
    return this.sealer?.seals ?? 0;
  }

  /** Resolves once JetStream acknowledged the record. Waits for a slot when `maxInFlight` are pending. */
  async append(rec: EventRecord): Promise<AppendResult> {
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((r) => this.waiters.push(r));
    this.inFlight += 1;
    try {
      return await this.publishWithRetry(rec);
    } finally {
      this.inFlight -= 1;
      this.waiters.shift()?.();
    }
  }

  /** Resolves when nothing is in flight and everything stored is sealed. */
  async drain(): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await this.sealer?.flush();
  }

  close(): void {
    this.sealer?.close();
    this.closed = true;
    this.pub.close();
  }

  private async publishWithRetry(rec: EventRecord): Promise<AppendResult> {
    const body = JSON.stringify(rec);
    const bytes = Buffer.byteLength(body);
    const subject = subjectOf(this.names, rec.subject);
    if (bytes > MAX_RECORD_BYTES) return this.deadLetter(rec, body, bytes, `record of ${bytes} bytes exceeds the ${MAX_RECORD_BYTES}-byte message limit`);
    if (Buffer.byteLength(subject) > MAX_SUBJECT_BYTES) return this.deadLetter(rec, body, bytes, `subject of ${Buffer.byteLength(subject)} bytes (the ${rec.subject.kind} id) exceeds the ${MAX_SUBJECT_BYTES}-byte subject limit`);
    const ack = await this.retrying(rec.id, () => this.pub.publish(subject, body, headerSafe(rec.id)));
    this.sealer?.stored(rec.id, subject, body, ack);
    if (ack.duplicate) this.duplicates += 1;
    else this.appended += 1;
    return { seq: ack.seq, duplicate: ack.duplicate, deadLettered: false };
  }

  /** Retries a publish with backoff until it succeeds or the appender is closed (same msgID: stored once). */
  private async retrying<T>(id: string, publish: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await publish();
      } catch (err) {
        if (this.closed) throw err;
        if (attempt % 10 === 0) this.log.warn(`publishing ${id} failed, retrying: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** Math.min(attempt, 6))));
      }
    }
  }

  /** A record that cannot be one message (too large, or its subject too long): the dead-letter stream keeps its head and why. */
  private async deadLetter(rec: EventRecord, body: string, bytes: number, reason: string): Promise<AppendResult> {
    // `bytes`: the whole record's size (what `berth deadletters` shows), not its head's.
    const letter = { reason, id: rec.id, type: rec.type, subject: { kind: rec.subject.kind, id: rec.subject.id.slice(0, 1024) }, source: rec.source, at: rec.at, bytes, head: body.slice(0, 64 * 1024) };
    this.log.warn(`dead-lettered ${rec.type} ${rec.id.slice(0, 200)}: ${letter.reason}`);
    const ack = await this.retrying(`dlq-${rec.id}`, () => this.pub.publish(dlqSubjectOf(this.names, rec.source.kind), JSON.stringify(letter), headerSafe(`dlq-${rec.id}`)));
    this.countLetter(ack.duplicate);
    return { seq: ack.seq, duplicate: ack.duplicate, deadLettered: true };
  }

  /** A letter JetStream dropped as a duplicate (the same input read again: a redelivery, an engine read again since a time) is not another one. */
  private countLetter(duplicate: boolean): void {
    if (!duplicate) this.deadLettered += 1;
  }

  /**
   * Dead-letters input a source could not make into events (bad JSON, unknown version), and says so
   * in the log (the first 10 of each source, then every 1000th: a flood of junk does not flood it);
   * `berth deadletters` lists them.
   */
  async rejectInput(source: string, reason: string, raw: string, id: string): Promise<void> {
    const letter = { reason, source, id, bytes: Buffer.byteLength(raw), head: raw.slice(0, 64 * 1024) };
    const ack = await this.retrying(`dlq-${id}`, () => this.pub.publish(dlqSubjectOf(this.names, source), JSON.stringify(letter), headerSafe(`dlq-${id}`)));
    this.countLetter(ack.duplicate);
    if (ack.duplicate) return;
    const n = (this.lettersBySource.get(source) ?? 0) + 1;
    this.lettersBySource.set(source, n);
    if (n <= 10 || n % 1000 === 0) this.log.warn(`dead-lettered ${source} input ${id.slice(0, 120)}: ${reason.slice(0, 300)} (${n} from ${source} since start; see 'berth deadletters')`);
  }

  private readonly lettersBySource = new Map<string, number>();
}
