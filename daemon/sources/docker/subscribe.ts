import type { OpsEvent } from '../../../events/ops-event.js';
import { fromEpochMs } from '../../../events/time.js';
import { translateDockerEvent } from '../../../events/translate/docker.js';
import type { DockerEventMessage } from '../../../events/translate/docker-message.js';
import { splitAction } from '../../../events/translate/docker-message.js';
import { emptyHealthExecState, filterHealthExec, withProbe } from '../../../events/translate/health-exec-filter.js';
import type { HealthExecState } from '../../../events/translate/health-exec-filter.js';
import { DockerClient } from './client.js';
import type { DockerEndpoint } from './endpoint.js';
import type { DockerCursor } from './cursor.js';
import type { SourceContext } from './engine-source.js';
import { inspectOnce, listSwarm, markUnreachable, observeEngine, resync } from './engine-source.js';
import type { NdjsonItem } from './ndjson.js';
import { containerObserved } from './records.js';
import { clusterEvents } from './resync.js';
import type { Stamp } from './records.js';
import { dockerEventId } from '../../../events/translate/docker.js';
import type { DockerEngineInfo } from '../../../events/host.js';
import type { ContainerSnapshot } from '../../../events/container.js';

/** Tunables of one engine's loop. */
export type EngineOptions = Readonly<{ resyncMs: number; swarmPollMs: number; pingMs: number; keepHealthExecs: boolean; /** Default MAX_QUEUED_EVENTS. */ maxQueued?: number }>;
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { resyncMs: 300_000, swarmPollMs: 5_000, pingMs: 15_000, keepHealthExecs: false };

/**
 * Docker events read but not yet stored that one engine may hold in memory (about 2 KiB each).
 * Past it (JetStream slower than the engine for long), the stream is dropped once the held events
 * are stored, and taken up again from the last one stored: the engine replays what it still keeps
 * and the re-list fills the rest, as after a lost connection. The engine itself drops events for a
 * subscriber that stops reading, so not reading is no way to slow it down.
 */
export const MAX_QUEUED_EVENTS = 10_000;

/** A line read from /events: a malformed one, or an event with its Actor filled in and its id (computed once). */
type Queued = Exclude<NdjsonItem, { ok: true }> | { ok: true; event: DockerEventMessage; id: string };

/** The engine got ahead of the store by MAX_QUEUED_EVENTS: not a failure of the engine. */
class FellBehind extends Error {}

const INSPECT_ON = new Set(['create', 'start', 'restart', 'unpause', 'update', 'rename', 'connect', 'disconnect']);
const now = (): string => fromEpochMs(Date.now());
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((r) => {
    const t = setTimeout(r, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
  });

/**
 * One Docker engine, followed for as long as the daemon runs: subscribe to /events first
 * (buffering), re-list and diff, then apply the buffered and live events, re-inspecting
 * containers on events whose effects the event does not carry (ports, networks). On any
 * failure: mark the host unreachable, back off, and start again (with a full resync, since
 * the engine keeps only 256 past events).
 */
export class DockerEngineSource {
  private health: HealthExecState = emptyHealthExecState();
  private readonly queue: Queued[] = [];
  private wake: (() => void) | undefined;
  /** A batch taken off the queue is being stored. */
  private storing = false;
  private swarmTimer: NodeJS.Timeout | undefined;
  counters = { events: 0, filtered: 0, malformed: 0, reconnects: 0, overflows: 0 };
  private connected = false;

  readonly endpoint: DockerEndpoint;
  private readonly ctx: SourceContext;
  private readonly cursor: DockerCursor;
  private readonly opts: EngineOptions;
  private get maxQueued(): number {
    return this.opts.maxQueued ?? MAX_QUEUED_EVENTS;
  }
  /** Dead-letters a line that is not an event. */
  private readonly reject: (reason: string, raw: string) => Promise<void>;

  constructor(endpoint: DockerEndpoint, ctx: SourceContext, cursor: DockerCursor, opts: EngineOptions, reject: (reason: string, raw: string) => Promise<void>) {
    this.endpoint = endpoint;
    this.ctx = ctx;
    this.cursor = cursor;
    this.opts = opts;
    this.reject = reject;
  }

  async run(signal: AbortSignal): Promise<void> {
    let backoff = 500;
    while (!signal.aborted) {
      const attempt = new AbortController();
      const stop = () => attempt.abort();
      signal.addEventListener('abort', stop, { once: true });
      this.connected = false;
      try {
        await this.session(attempt);
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof FellBehind) {
          this.ctx.log.info(`docker engine '${this.ctx.host}' (${this.endpoint.url}): ${err.message}`);
          this.counters.overflows += 1;
          continue;
        }
        // A session that got as far as following the engine starts the backoff over.
        if (this.connected) backoff = 500;
        const msg = (err as Error).message;
        this.ctx.log.warn(`docker engine '${this.ctx.host}' (${this.endpoint.url}): ${msg}; retrying in ${(backoff / 1000).toFixed(1)}s`);
        await markUnreachable(this.ctx, msg).catch(() => undefined);
        this.counters.reconnects += 1;
      } finally {
        attempt.abort();
        signal.removeEventListener('abort', stop);
        clearInterval(this.swarmTimer);
      }
      await sleep(backoff, signal);
      backoff = Math.min(30_000, backoff * 2);
    }
  }

  private async session(attempt: AbortController): Promise<void> {
    const client = new DockerClient(this.endpoint);
    const api = await client.negotiate();
    const { engine, stamp } = await observeEngine(this.ctx, client, api, this.endpoint.url);
    this.queue.length = 0;
    const since = this.cursor.since();
    // Subscribe before listing (the docker stats pattern): nothing falls between list and stream.
    let opened!: () => void;
    const open = new Promise<void>((r) => { opened = r; });
    const pump = this.pump(client, since, attempt, opened);
    pump.catch(() => undefined); // observed below; this only keeps an early failure from being "unhandled"
    await Promise.race([open, pump]);
    const changed = await resync(this.ctx, client, engine, stamp);
    this.ctx.log.info(`docker engine '${this.ctx.host}' ${engine.version} (API ${api}) at ${this.endpoint.url}: resynced, ${changed} change(s) recorded`);
    this.connected = true;
    this.seedProbes();
    const timers = this.startTimers(client, engine, attempt);
    try {
      await Promise.race([pump, this.process(client, engine, attempt.signal)]);
    } finally {
      timers();
      client.close();
    }
  }

  /** Reads the stream into memory without ever waiting on processing (a stalled reader loses events and slows the engine). */
  private async pump(client: DockerClient, since: string | undefined, attempt: AbortController, onOpen: () => void): Promise<void> {
    try {
      const onBadLine = (line: string, reason: string): void => {
        this.queue.push({ ok: false, line, reason });
        this.wake?.();
      };
      for await (const event of client.events({ since, signal: attempt.signal, onBadLine, onOpen })) {
        // A replay (`since`) repeats stored events: they take no room (handle() would skip them).
        const m: DockerEventMessage = { ...event, Actor: event.Actor ?? { ID: '', Attributes: {} } };
        const id = dockerEventId(this.ctx.host, m);
        if (this.cursor.seen(id)) continue;
        this.queue.push({ ok: true, event: m, id });
        this.wake?.();
        if (this.queue.length >= this.maxQueued) break; // closes the stream
      }
      if (this.queue.length >= this.maxQueued && !attempt.signal.aborted) {
        this.ctx.log.warn(`docker engine '${this.ctx.host}' (${this.endpoint.url}): ${this.queue.length} events read but not yet stored (JetStream is slower than the engine): stopped reading until they are stored, then the stream is taken up again from the last one stored and the re-list fills any gap`);
        while ((this.queue.length > 0 || this.storing) && !attempt.signal.aborted) await sleep(100, attempt.signal);
        throw new FellBehind('the events held are stored: taking the stream up again');
      }
      if (!attempt.signal.aborted) throw new Error('the event stream ended');
    } finally {
      attempt.abort();
      this.wake?.();
    }
  }

  private async process(client: DockerClient, engine: DockerEngineInfo, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (this.queue.length === 0) {
        await new Promise<void>((r) => { this.wake = r; });
        this.wake = undefined;
        // Woken by the first line of a chunk: the rest of what the socket gave is parsed in this
        // turn of the event loop. Taken after it, a burst is one batch (one round of inspects),
        // where its first line alone went first and the rest waited for that line's inspect.
        await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      const batch = this.queue.splice(0, 512);
      const out: OpsEvent[] = [];
      const inspects: { id: string; cause: string; at: string }[] = [];
      this.storing = true;
      try {
        for (const item of batch) this.handle(item, out, inspects, engine);
        // The engine is asked while the events are stored; what it answers is recorded after them.
        const snaps = inspectOnce(client, inspects.map((x) => x.id));
        await this.ctx.record(out);
        await this.recordObserved(inspects, await snaps);
      } finally {
        this.storing = false;
      }
    }
  }

  private handle(item: Queued, out: OpsEvent[], inspects: { id: string; cause: string; at: string }[], engine: DockerEngineInfo): void {
    if (!item.ok) {
      this.counters.malformed += 1;
      void this.reject(`malformed Docker event from '${this.ctx.host}': ${item.reason}`, item.line);
      return;
    }
    const { event: m, id } = item;
    // Not seen when read, but recorded since (a line sent twice in one stream): skipped here.
    if (this.cursor.seen(id)) return;
    this.counters.events += 1;
    if (!this.opts.keepHealthExecs) {
      const f = filterHealthExec(this.health, m);
      this.health = f.state;
      if (!f.keep) {
        this.counters.filtered += 1;
        return;
      }
    }
    const events = translateDockerEvent(this.ctx.host, m, now());
    for (const e of events) this.cursor.remember(e.id, e.at);
    out.push(...events);
    const { verb } = splitAction(m.Action);
    const cid = m.Type === 'container' ? m.Actor.ID : m.Type === 'network' ? (m.Actor.Attributes['container'] ?? '') : '';
    if (cid !== '' && INSPECT_ON.has(verb)) inspects.push({ id: cid, cause: id, at: events[0]?.at ?? now() });
    if (engine.swarm?.controlAvailable && (m.Type === 'service' || m.Type === 'node' || m.Actor.Attributes['com.docker.swarm.service.id'] !== undefined)) this.swarmSoon?.();
  }

  /**
   * One ContainerObserved per event that asked for an inspect (its id derives from that event), from
   * the container's snapshot. Not one per container per batch, though the snapshot is the same: what
   * a batch holds depends on how the engine's lines arrived, so two daemons of one engine (the
   * roles split beside a single daemon, a daemon and its replacement) would store different sets
   * of observations, and JetStream could not drop the second as a duplicate (tried 2026-11-25: the
   * cluster test's histories differed).
   */
  private async recordObserved(inspects: readonly { id: string; cause: string; at: string }[], snaps: ReadonlyMap<string, ContainerSnapshot | null>): Promise<void> {
    const out: OpsEvent[] = [];
    for (const x of inspects) {
      const snap = snaps.get(x.id);
      if (!snap) continue;
      this.health = withProbe(this.health, snap.containerId, snap.healthcheck);
      const stamp: Stamp = { host: this.ctx.host, at: x.at, observedAt: now() };
      out.push(containerObserved(stamp, snap, x.cause));
    }
    await this.ctx.record(out);
  }

  private seedProbes(): void {
    for (const c of this.ctx.inventory().containers.values()) if (c.host === this.ctx.host) this.health = withProbe(this.health, c.containerId, c.healthcheck);
  }

  private swarmSoon: (() => void) | undefined;

  /** Periodic resync, swarm polling (tasks have no events) and a liveness ping (the stream has no heartbeat). */
  private startTimers(client: DockerClient, engine: DockerEngineInfo, attempt: AbortController): () => void {
    const fail = (err: unknown) => {
      this.ctx.log.warn(`docker engine '${this.ctx.host}': ${(err as Error).message}`);
      attempt.abort();
    };
    const refreshSwarm = async () => {
      const cluster = await listSwarm(client, engine, this.ctx.host);
      await this.ctx.record(clusterEvents(this.ctx.inventory(), { host: this.ctx.host, at: now(), observedAt: now() }, cluster));
    };
    let pending: NodeJS.Timeout | undefined;
    this.swarmSoon = () => {
      pending ??= setTimeout(() => { pending = undefined; refreshSwarm().catch(fail); }, 300);
    };
    const timers = [
      setInterval(() => { client.ping().catch(fail); }, this.opts.pingMs),
      setInterval(() => { observeEngine(this.ctx, client, engine.apiVersion, this.endpoint.url).then(({ engine: e, stamp }) => resync(this.ctx, client, e, stamp)).catch(fail); }, this.opts.resyncMs),
      ...(engine.swarm?.controlAvailable ? [setInterval(() => { refreshSwarm().catch(fail); }, this.opts.swarmPollMs)] : []),
    ];
    return () => {
      for (const t of timers) clearInterval(t);
      clearTimeout(pending);
      this.swarmSoon = undefined;
    };
  }
}
