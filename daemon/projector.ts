import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityChange, Inventory } from '../events/inventory.js';
import { applyEvent, initialInventory } from '../events/inventory.js';
import { parseRecord } from '../events/parse.js';
import type { Recorded } from '../events/envelope.js';
import type { OpsEvent } from '../events/ops-event.js';
import type { Logger } from './log.js';
import type { StoreNames } from './store/names.js';
import { readStream } from './store/read.js';
import { modelEntries, META_KEY } from './model-entries.js';

type Listener = (e: Recorded<OpsEvent>, changes: readonly EntityChange[]) => void;

/**
 * Folds the event stream into the in-memory inventory and keeps the KV bucket equal to it.
 * On start it replays the whole stream (the model is a pure function of it), reconciles the
 * bucket with the result, then follows live events, writing each change.
 */
export class Projector {
  readonly inventory: Inventory = initialInventory();
  skipped = 0;
  private readonly listeners: Listener[] = [];
  private pendingWrites: Promise<unknown>[] = [];
  private live = false;
  private metaDirty = false;

  private readonly nc: NatsConnection;
  private readonly names: StoreNames;
  private readonly kv: KV;
  private readonly log: Logger;

  constructor(nc: NatsConnection, names: StoreNames, kv: KV, log: Logger) {
    this.nc = nc;
    this.names = names;
    this.kv = kv;
    this.log = log;
  }

  /** Subscribes to every applied event (sources use it to learn their cursors). */
  onEvent(l: Listener): void {
    this.listeners.push(l);
  }

  /** Replays the stream, reconciles the bucket, and resolves once caught up; keeps following until `signal` aborts. */
  start(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      readStream(this.nc, {
        stream: this.names.stream, filter: `${this.names.evtRoot}.>`, follow: true, signal,
        onCaughtUp: async () => {
          await this.reconcile();
          this.live = true;
          resolve();
        },
      }, (m) => this.apply(m.string(), m.seq)).catch((err: unknown) => {
        if (!this.live) reject(err as Error);
        else if (!signal.aborted) this.log.error(`projector stopped: ${(err as Error).message}`);
      });
    });
  }

  private async apply(text: string, seq: number): Promise<void> {
    const r = parseRecord(text, seq);
    if (!r.ok) {
      this.skipped += 1;
      this.log.warn(`skipped a stored record: ${r.reason}`);
      return;
    }
    let changes: EntityChange[];
    try {
      changes = applyEvent(this.inventory, r.event);
    } catch (err) {
      // A record whose envelope is valid but whose data is not (a foreign writer): skip it, never stop the model.
      this.skipped += 1;
      this.log.warn(`skipped stored record seq ${seq} (${r.event.type}): ${(err as Error).message}`);
      return;
    }
    for (const l of this.listeners) l(r.event, changes);
    if (!this.live) return;
    for (const c of changes) this.pendingWrites.push(c.value === null ? this.kv.delete(c.key) : this.kv.put(c.key, JSON.stringify(c.value)));
    this.metaDirty = true;
    if (this.pendingWrites.length >= 256) await this.flush();
    else queueMicrotask(() => void this.flushSoon());
  }

  private flushTimer: NodeJS.Timeout | undefined;
  private flushSoon(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, 20);
  }

  /** Waits for every KV write issued so far. */
  async flush(): Promise<void> {
    // The position is written once per flush, after the entity writes it covers (same connection, so in order).
    if (this.metaDirty) {
      this.metaDirty = false;
      this.pendingWrites.push(this.kv.put(META_KEY, JSON.stringify(this.meta())));
    }
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    const results = await Promise.allSettled(writes);
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) this.log.warn(`${failed} model writes failed; the model is rebuilt on the next start`);
  }

  private meta(): Record<string, unknown> {
    return { seq: this.inventory.counters.lastSeq, events: this.inventory.counters.events, unrecognized: this.inventory.counters.unrecognized, skipped: this.skipped };
  }

  /** Makes the bucket equal to the inventory: puts what differs, deletes what is gone. */
  private async reconcile(): Promise<void> {
    const want = new Map<string, string>();
    for (const [key, value] of modelEntries(this.inventory)) want.set(key, JSON.stringify(value));
    want.set(META_KEY, JSON.stringify(this.meta()));
    const have = new Map<string, string>();
    await readStream(this.nc, { stream: `KV_${this.names.bucket}`, filter: `$KV.${this.names.bucket}.>`, lastPerSubject: true }, (m) => {
      const op = m.headers?.get('KV-Operation');
      if (op === 'DEL' || op === 'PURGE') return;
      have.set(m.subject.slice(`$KV.${this.names.bucket}.`.length), m.string());
    });
    let writes: Promise<unknown>[] = [];
    const settle = async (): Promise<void> => {
      await Promise.all(writes);
      writes = [];
    };
    for (const [k, v] of want) if (have.get(k) !== v) {
      writes.push(this.kv.put(k, v));
      if (writes.length >= 256) await settle();
    }
    for (const k of have.keys()) if (!want.has(k)) writes.push(this.kv.delete(k));
    await settle();
    this.log.info(`model ready: ${this.inventory.counters.events} events folded up to seq ${this.inventory.counters.lastSeq}`);
  }
}

