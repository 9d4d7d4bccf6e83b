import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { NotFoundError } from '../../events/errors.js';
import { decodeToken } from '../../events/ids.js';
import type { EntityKind, Inventory } from '../../events/inventory.js';
import { META_KEY } from '../model-entries.js';
import { connectNats } from '../store/connect.js';
import type { FoldConnect } from './fold-thread.js';
import type { NatsAuth } from '../store/connect.js';
// The CLI's default server, from here: a read command must not load daemon/main.ts (every source and its libraries).
export { DEFAULT_NATS_URL } from '../store/connect.js';
/** Checks a prefix as every command will use it (a ConfigError naming the rule): for `context add`. */
export { storeNames as checkPrefix } from '../store/names.js';
import { maskUrl } from '../../events/mask-url.js';
import type { StoreNames } from '../store/names.js';
import { storeNames } from '../store/names.js';
import { readStream } from '../store/read.js';
import { streamInfoPatiently } from './stream-info.js';
import type { LogScope } from './log-reader.js';
import type { LiveQueryClient } from './live-query.js';
import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import type { CanonicalTime } from '../../events/time.js';

export type { LogScope, NatsAuth };

/** The read model as the CLI sees it: the entities of the requested kinds, keyed by id. */
export type ModelView = Pick<Inventory, 'hosts' | 'containers' | 'networks' | 'clusters' | 'ports' | 'vms' | 'stacks' | 'neutron'> & {
  meta: Readonly<{ seq: number; events: number; unrecognized: number }> | null;
};

/** A change to one entity of the model, as `--watch` prints it. */
export type ModelChange = Readonly<{ op: 'put' | 'delete'; kind: EntityKind; id: string; value: unknown }>;

/** The view's map for each kind of entity. */
export const MAPS: Readonly<Record<EntityKind, keyof Omit<ModelView, 'meta'>>> = {
  host: 'hosts', container: 'containers', network: 'networks', cluster: 'clusters', port: 'ports', vm: 'vms', stack: 'stacks', neutron: 'neutron',
};

/** One letter of the dead-letter stream, with where and when it was stored. */
export type DeadLetter = Readonly<{ seq: number; storedAt: string; source: string; reason: string; id: string; bytes: number; letter: Readonly<Record<string, unknown>> }>;

/** Reads the KV model the daemon's projector keeps; never talks to the daemon process itself. */
export class ModelClient {
  readonly names: StoreNames;
  private readonly nc: NatsConnection;
  private readonly url: string;
  /** How a long fold's reader thread connects (see fold-thread.ts): the same server and credentials. */
  private readonly connect: FoldConnect;

  private constructor(nc: NatsConnection, names: StoreNames, url: string, connect: FoldConnect) {
    this.nc = nc;
    this.names = names;
    this.url = url;
    this.connect = connect;
  }

  static async open(url: string, prefix = 'berth', opts: Readonly<{ auth?: NatsAuth | undefined; timeoutMs?: number }> = {}): Promise<ModelClient> {
    const nc = await connectNats(url, 'berth-cli', opts);
    // `url` kept for messages only, so with any password masked.
    return new ModelClient(nc, storeNames(prefix), maskUrl(url), { url, auth: opts.auth, timeoutMs: opts.timeoutMs });
  }

  private async requireBucket(): Promise<void> {
    await this.requireNamed(`KV_${this.names.bucket}`, (cause) => new NotFoundError(`No berth model in NATS at '${this.url}' (bucket '${this.names.bucket}' does not exist): the daemon has not run against this server.`, {
      hint: "Start it with 'berth daemon' (same --nats and --prefix), then run this again.", cause,
    }));
  }

  /** Fails with `missing` unless the stream exists (see streamInfoPatiently: a cluster electing a leader is waited for). */
  private async requireNamed(stream: string, missing: (cause: unknown) => Error, root?: string): Promise<number> {
    return (await streamInfoPatiently(this.nc, this.url, stream, missing, root === undefined ? undefined : { names: this.names, root })).state.last_seq;
  }

  /** Loads the current value of every entity of the given kinds (the newest message per key). */
  async load(kinds: readonly EntityKind[]): Promise<ModelView> {
    const view: ModelView = { hosts: new Map(), containers: new Map(), networks: new Map(), clusters: new Map(), ports: new Map(), vms: new Map(), stacks: new Map(), neutron: new Map(), meta: null };
    const root = `$KV.${this.names.bucket}.`;
    const filter = kinds.length === 1 ? `${root}${kinds[0] as string}.>` : `${root}>`;
    // The read goes out together with the check that the bucket exists (one round trip less before
    // the first entry arrives); the check's error, if any, is the one reported, as when it came first.
    const read = readStream(this.nc, { stream: `KV_${this.names.bucket}`, filter, lastPerSubject: true }, (m) => {
      const op = m.headers?.get('KV-Operation');
      if (op === 'DEL' || op === 'PURGE') return;
      const key = m.subject.slice(root.length);
      if (key === META_KEY) {
        view.meta = m.json();
        return;
      }
      const dot = key.indexOf('.');
      const kind = key.slice(0, dot) as EntityKind;
      if (!kinds.includes(kind)) return;
      (view[MAPS[kind]] as Map<string, unknown>).set(decodeToken(key.slice(dot + 1)), m.json());
    }).then(() => undefined, (err: unknown) => ({ err }));
    await this.requireBucket();
    const failed = await read;
    if (failed !== undefined) throw failed.err;
    return view;
  }

  /** Calls `onChange` for every later change to entities of the given kinds until `signal` aborts. */
  async watch(kinds: readonly EntityKind[], onChange: (c: ModelChange) => void, signal: AbortSignal): Promise<void> {
    // Loaded here: a plain list (a cold `berth ps`) needs neither the KV client nor the log reader.
    const { KvWatchInclude, openKv } = await import('./kv-open.js');
    const kv: KV = await openKv(this.nc, this.names.bucket);
    // A list of keys needs nats-server 2.10+; one filter (or all keys, filtered here) works on 2.9.
    const iter = await kv.watch({ key: kinds.length === 1 ? `${kinds[0] as string}.>` : '>', include: KvWatchInclude.UpdatesOnly });
    signal.addEventListener('abort', () => iter.stop(), { once: true });
    for await (const e of iter) {
      const dot = e.key.indexOf('.');
      const kind = e.key.slice(0, dot) as EntityKind;
      if (!kinds.includes(kind)) continue;
      const id = decodeToken(e.key.slice(dot + 1));
      if (e.operation === 'PUT') onChange({ op: 'put', kind, id, value: e.json() });
      else onChange({ op: 'delete', kind, id, value: null });
    }
  }

  /** Stored events of a scope, in stream order; with `follow`, also the ones appended later. */
  /** `progress`: told each event's sequence and the stream's last when the read started (for a progress line on a long read). */
  async events(scope: LogScope, onEvent: (e: Recorded<OpsEvent>) => void, opts: Readonly<{ follow?: boolean; signal?: AbortSignal; onCaughtUp?: () => void; progress?: (seq: number, lastSeq: number) => void }> = {}): Promise<{ skipped: number }> {
    const lastSeq = await this.requireStream();
    const { readEvents } = await import('./log-reader.js');
    const { progress, ...rest } = opts;
    const each = progress === undefined ? onEvent : (e: Recorded<OpsEvent>) => {
      progress(e.seq, Math.max(e.seq, lastSeq));
      onEvent(e);
    };
    return readEvents(this.nc, this.names, scope, each, rest);
  }

  /**
   * Every dead letter, oldest first: what the daemons could not store as events (input they could
   * not read, records too large for one message). A letter that is no JSON comes as its text.
   */
  async deadLetters(onLetter: (l: DeadLetter) => void, opts: Readonly<{ last?: number }> = {}): Promise<void> {
    const lastSeq = await this.requireNamed(this.names.dlqStream, (cause) => new NotFoundError(`No dead-letter stream in NATS at '${this.url}' (stream '${this.names.dlqStream}' does not exist): the daemon has not run against this server.`, {
      hint: "Start it with 'berth daemon' (same --nats and --prefix), then run this again.", cause,
    }), this.names.dlqRoot);
    const root = `${this.names.dlqRoot}.`;
    // `last`: only the newest (every message of the stream is a letter: start that far from its end).
    const startSeq = opts.last === undefined ? 1 : Math.max(1, lastSeq - opts.last + 1);
    await readStream(this.nc, { stream: this.names.dlqStream, filter: `${this.names.dlqRoot}.>`, startSeq, batchMessages: 64 }, (m) => {
      const text = m.string();
      let body: Record<string, unknown>;
      try {
        const v: unknown = JSON.parse(text);
        body = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { head: text };
      } catch {
        body = { head: text };
      }
      const str = (v: unknown): string => (typeof v === 'string' ? v : '');
      onLetter({
        seq: m.seq, storedAt: new Date(Math.floor(m.info.timestampNanos / 1e6)).toISOString(),
        source: m.subject.startsWith(root) ? m.subject.slice(root.length) : m.subject,
        reason: str(body['reason']), id: str(body['id']),
        bytes: typeof body['bytes'] === 'number' ? body['bytes'] : Buffer.byteLength(str(body['head'])),
        letter: body,
      });
    });
  }

  /**
   * The model as it was at a past time (see `modelAt`), as a view like `load` returns. `kinds`: those
   * the caller will go through whole (a list command's), read ahead from the snapshot.
   */
  async loadAt(at: CanonicalTime, opts: Readonly<{ snapshots?: boolean; kinds?: readonly EntityKind[]; progress?: (seq: number, lastSeq: number) => void; onOneThread?: (why: string) => void }> = {}): Promise<ModelView> {
    const lastSeq = await this.requireStream();
    // The log reader brings the snapshot store (the object store client and its SHA-256).
    const { modelAt } = await import('./log-reader.js');
    const progress = opts.progress;
    const inv = await modelAt(this.nc, this.names, at, {
      ...(opts.snapshots === undefined ? {} : { snapshots: opts.snapshots }), inflate: (opts.kinds ?? []).map((k) => MAPS[k]), thread: { connect: this.connect, lastSeq, ...(opts.onOneThread === undefined ? {} : { onOneThread: opts.onOneThread }) },
      ...(progress === undefined ? {} : { progress: (seq: number) => progress(seq, Math.max(seq, lastSeq)) }),
    });
    return { ...inv, meta: { seq: inv.counters.lastSeq, events: inv.counters.events, unrecognized: inv.counters.unrecognized } };
  }

  /** The stream's last sequence; fails unless it exists. */
  private async requireStream(): Promise<number> {
    return this.requireNamed(this.names.stream, (cause) => new NotFoundError(`No berth event log in NATS at '${this.url}' (stream '${this.names.stream}' does not exist): the daemon has not run against this server.`, {
      hint: "Start it with 'berth daemon' (same --nats and --prefix), then run this again.", cause,
    }), this.names.evtRoot);
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

// The console's live client (berth top, berth dash) lives beside this one; cli/ reaches it here,
// loaded when asked for: a static re-export would load it (the log reader, the snapshot store, the
// KV and object store clients, the action client) into every read command's cold start.
export type { LiveQueryClient } from './live-query.js';
export type { ConsoleActor, SendAction } from './console-act.js';
export { actOver } from './console-act.js';
export const loadLiveQueryClient = async (): Promise<typeof LiveQueryClient> => (await import('./live-query.js')).LiveQueryClient;
