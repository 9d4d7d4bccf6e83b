import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Recorded } from '../../events/envelope.js';
import { BerthError, DaemonUnreachableError } from '../../events/errors.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord } from '../../events/parse.js';
import type { ActionOutcome, ActionRequest, EntityRef, PastModel, QueryClient, ReadModelState, ReadProblem } from '../../events/read-model.js';
import type { CanonicalTime } from '../../events/time.js';
import { daemonAnswers } from '../presence.js';
import { connectNats } from '../store/connect.js';
import { storeNames } from '../store/names.js';
import type { StoreNames } from '../store/names.js';
import { readStream } from '../store/read.js';
import { DEFAULT_TAIL_SIZE, LiveStore, modelOf } from './live-store.js';
import type { StoreOptions } from './live-store.js';
import { modelAt, readEvents } from './log-reader.js';
import { followModel } from './follow-model.js';
import { actOver, senderOver } from './console-act.js';
import type { ConsoleActor } from './console-act.js';
import { maskUrl } from '../../events/mask-url.js';

export type LiveOptions = Readonly<{
  url: string;
  prefix: string;
  /** Passed to the NATS connection (credentials, TLS) as every other command does. */
  connect?: Parameters<typeof connectNats>[2];
  /** How often presence and lag are checked (ms). */
  pollMs?: number;
  /** Carries out the console's actions; without one, `act` sends nothing and says so. */
  actor?: ConsoleActor;
}> & StoreOptions;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

const BACKOFF = [1000, 2000, 5000, 10_000];

/**
 * The QueryClient of `berth top` and `berth dash` over NATS: it shows "connecting" at once, then
 * keeps the model current from one KV watch, follows the newest events for the tail, asks the
 * daemon's presence and measures lag every `pollMs`, and says plainly what is wrong when
 * something is (NATS unreachable or lost, no model yet, daemon down), retrying meanwhile.
 */
export class LiveQueryClient implements QueryClient {
  private readonly store: LiveStore;
  private readonly names: StoreNames;
  private readonly opts: LiveOptions;
  private readonly natsUrl: string;
  private readonly stopped = new AbortController();
  private nc: NatsConnection | null = null;
  private round: AbortController | null = null;
  private flags = { lost: false, noModel: false, daemonDown: false };
  /** Resolved when the tail's first read caught up (see tailLoaded). */
  private tailCaughtUp: () => void = () => undefined;
  private readonly tailReady = new Promise<void>((r) => { this.tailCaughtUp = r; });

  private constructor(opts: LiveOptions) {
    // Messages name the server: with its password masked. Only connecting uses the real URL.
    this.natsUrl = opts.url;
    this.opts = { ...opts, url: maskUrl(opts.url) };
    this.names = storeNames(opts.prefix);
    this.store = new LiveStore(`NATS at '${this.opts.url}' (prefix '${opts.prefix}')`, this.opts);
  }

  /** Starts connecting in the background; the snapshot says how it goes. */
  static start(opts: LiveOptions): LiveQueryClient {
    const c = new LiveQueryClient(opts);
    void c.run();
    return c;
  }

  readonly subscribe = (l: () => void): (() => void) => this.store.subscribe(l);
  readonly getSnapshot = (): ReadModelState => this.store.getSnapshot();

  private async run(): Promise<void> {
    const stop = this.stopped.signal;
    for (let attempt = 0; !stop.aborted; attempt++) {
      const wait = BACKOFF[Math.min(attempt, BACKOFF.length - 1)] as number;
      try {
        this.nc ??= await this.connect();
        attempt = -1;
        await this.followRound(this.nc);
      } catch (err) {
        if (stop.aborted) return;
        this.store.setProblem(problemOf(err, this.opts), wait);
        await sleep(wait, stop);
      }
    }
  }

  private async connect(): Promise<NatsConnection> {
    // A connect that times out leaves nats.js dialling on (the socket then stays open and keeps the
    // process alive): wait long rather than give up early. A refused connection fails at once anyway.
    const nc = await connectNats(this.natsUrl, 'berth-console', { timeoutMs: 20_000, ...this.opts.connect, forever: true });
    this.flags.lost = false;
    void this.watchStatus(nc);
    return nc;
  }

  /** A dropped connection shows as stale; once it is back, everything is loaded again. */
  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        this.flags.lost = true;
        this.report();
      } else if (s.type === 'reconnect') {
        this.flags.lost = false;
        this.round?.abort();
      }
    }
  }

  /** One load-and-follow, until the connection comes back from a drop (then the caller loops). */
  private async followRound(nc: NatsConnection): Promise<void> {
    const round = new AbortController();
    this.round = round;
    const stop = (): void => round.abort();
    this.stopped.signal.addEventListener('abort', stop, { once: true });
    try {
      const jsm = await jetstreamManager(nc, { checkAPI: false }); // no account-info request: a cluster may be electing its meta leader
      await this.requireModel(jsm, round.signal);
      const tail = this.followTail(nc, jsm, round.signal);
      const poll = this.poll(nc, jsm, round.signal);
      await followModel(nc, this.names, this.store, round.signal);
      await Promise.all([tail, poll]);
    } finally {
      this.stopped.signal.removeEventListener('abort', stop);
    }
  }

  /** Waits (saying so) until the daemon has created the model for this prefix. */
  private async requireModel(jsm: JetStreamManager, signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await jsm.streams.info(`KV_${this.names.bucket}`);
        this.flags.noModel = false;
        return;
      } catch (err) {
        if (signal.aborted) throw err;
        if (this.flags.lost) throw err;
        this.flags.noModel = true;
        this.report(5000);
        await sleep(5000, signal);
      }
    }
  }

  private async followTail(nc: NatsConnection, jsm: JetStreamManager, signal: AbortSignal): Promise<void> {
    const last = await jsm.streams.info(this.names.stream).then((i) => i.state.last_seq, () => 0);
    const size = this.opts.tailSize ?? DEFAULT_TAIL_SIZE;
    await readStream(nc, { stream: this.names.stream, filter: `${this.names.evtRoot}.>`, startSeq: Math.max(1, last - size + 1), follow: true, signal, onCaughtUp: () => { this.store.flush(); this.tailCaughtUp(); } }, (m) => {
      const r = parseRecord(m.string(), m.seq);
      if (r.ok) this.store.pushEvents([r.event]);
    }).catch(() => undefined);
  }

  /** Presence and lag, every `pollMs`: lag is the age of the oldest stored event the model does not reflect yet. */
  private async poll(nc: NatsConnection, jsm: JetStreamManager, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const up = await daemonAnswers(nc, this.names);
      if (up === this.flags.daemonDown) {
        this.flags.daemonDown = !up;
        this.report();
      }
      const measured = await this.measureLag(jsm).then(() => true, () => false);
      // Until the model is loaded there is no lag to measure: look again soon, not in 2 s.
      await sleep(measured ? (this.opts.pollMs ?? 2000) : 250, signal);
    }
  }

  private async measureLag(jsm: JetStreamManager): Promise<void> {
    const s = this.store.getSnapshot();
    if (s.status !== 'live' && s.status !== 'stale') throw new Error('no model yet');
    const last = (await jsm.streams.info(this.names.stream)).state.last_seq;
    const seq = s.model.meta?.seq ?? 0;
    const behind = Math.max(0, last - seq);
    if (behind === 0) return this.store.setLag(0, 0);
    const first = await jsm.streams.getMessage(this.names.stream, { seq: seq + 1 });
    this.store.setLag(first === null ? null : Math.max(0, Date.now() - first.time.getTime()), behind);
  }

  /** The most pressing problem, or none. */
  private report(retryInMs: number | null = null): void {
    const { url, prefix } = this.opts;
    const f = this.flags;
    const p: ReadProblem | null = f.lost
      ? { code: 'nats-lost', message: `Lost the connection to NATS at '${url}'; reconnecting.`, hint: 'What you see is the model as of its last change. Check that nats-server is running and reachable.' }
      : f.noModel
        ? { code: 'no-model', message: `There is no berth model for prefix '${prefix}' in NATS at '${url}': the daemon has not run here.`, hint: `Start it with 'berth daemon --prefix ${prefix}' (same --nats); berth top keeps looking and fills in when it does.` }
        : f.daemonDown
          ? { code: 'daemon-down', message: `No berth daemon answers on prefix '${prefix}': the model is not being updated.`, hint: `Start it with 'berth daemon --prefix ${prefix}'; what you see is the model as the daemon left it.` }
          : null;
    this.store.setProblem(p, retryInMs);
  }

  tailLoaded(): Promise<void> {
    return this.tailReady;
  }

  async history(entity: EntityRef, limit: number, signal?: AbortSignal, until?: CanonicalTime): Promise<readonly Recorded<OpsEvent>[]> {
    const out: Recorded<OpsEvent>[] = [];
    await readEvents(this.connected(), this.names, { kind: entity.kind, id: entity.id }, (e) => {
      if (until !== undefined && e.at > until) return;
      out.push(e);
      if (out.length > limit) out.shift();
    }, signal === undefined ? {} : { signal });
    return out;
  }

  async modelAt(at: CanonicalTime, signal?: AbortSignal): Promise<PastModel> {
    // A long fold from the start (no snapshot under `at`) reads the log on a thread, as `berth replay`
    // does; a console that moves on to another time stops it (`signal`).
    const inv = await modelAt(this.connected(), this.names, at, { thread: { connect: { url: this.natsUrl, auth: this.opts.connect?.auth } }, signal });
    const c = inv.counters;
    const tail = await this.tailBefore(at, c.lastSeq, signal);
    return { at, model: modelOf(inv, { seq: c.lastSeq, events: c.events, unrecognized: c.unrecognized }), tail };
  }

  /** The past tail (see PastModel): the events of the `tailSize` log positions up to `lastSeq` dated at or before `at`. */
  private async tailBefore(at: CanonicalTime, lastSeq: number, signal?: AbortSignal): Promise<Recorded<OpsEvent>[]> {
    const out: Recorded<OpsEvent>[] = [];
    if (lastSeq <= 0) return out;
    const size = this.opts.tailSize ?? DEFAULT_TAIL_SIZE;
    await readStream(this.connected(), {
      stream: this.names.stream, filter: `${this.names.evtRoot}.>`, startSeq: Math.max(1, lastSeq - size + 1), endSeq: lastSeq,
      ...(signal === undefined ? {} : { signal }),
    }, (m) => {
      const r = parseRecord(m.string(), m.seq);
      if (r.ok && r.event.at <= at) out.push(r.event);
    });
    return out;
  }

  /** Through `opts.actor` (the CLI's), on this connection, to the daemon responsible for each target. */
  act(request: ActionRequest): Promise<ActionOutcome> {
    return actOver(request, { actor: this.opts.actor, state: this.store.getSnapshot(), sender: () => senderOver(this.connected(), this.names) });
  }

  private connected(): NatsConnection {
    if (this.nc === null || this.flags.lost) throw new DaemonUnreachableError(`Not connected to NATS at '${this.opts.url}'.`, { hint: 'Wait for the connection to come back.' });
    return this.nc;
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.store.flush();
    await this.nc?.close().catch(() => undefined);
  }
}

const problemOf = (err: unknown, o: LiveOptions): ReadProblem => {
  if (err instanceof DaemonUnreachableError) return { code: 'nats-unreachable', message: err.message, hint: err.hint ?? '' };
  if (err instanceof BerthError) return { code: 'error', message: err.message, hint: err.hint ?? '' };
  return { code: 'error', message: `Reading the model from NATS at '${o.url}' failed: ${(err as Error).message}`, hint: 'berth retries by itself; if this persists, run with DEBUG=* and report it.' };
};
