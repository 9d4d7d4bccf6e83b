import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsEvent } from '../events/ops-event.js';
import type { Meter, OpsSubjects } from './ops.js';
import type { DockerEngineSource } from './sources/docker/subscribe.js';
import type { Appender, AppendResult } from './store/append.js';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DELAY_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600];

/** What the last look at the stream found (for /healthz, and for the lag gauges). */
export type StreamLook = Readonly<{ lastSeq: number; messages: number; bytes: number }>;

/**
 * One call of `fn` shared by every caller until it settles: the gauges of one scrape (collected
 * all at once) read the same answer, and the next scrape asks again.
 */
export const sharedPerScrape = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => (pending ??= fn().finally(() => { pending = undefined; }));
};

/** Adds to a counter what an absolute, ever-growing count gained since the last scrape. */
const deltas = (): ((key: string, now: number) => number) => {
  const last = new Map<string, number>();
  return (key, now) => {
    const d = now - (last.get(key) ?? 0);
    last.set(key, now);
    return d > 0 ? d : 0;
  };
};

const secondsSince = (iso: string, now: number): number | undefined => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : Math.max(0, (now - t) / 1000);
};

/**
 * The daemon's Prometheus metrics (one registry per daemon, not prom-client's global one).
 * Counters are kept as things happen (appends, AMQP deliveries, reconnects); what other parts
 * already count (Docker engines, the appender, the projector, the stream, the snapshots) is read
 * when /metrics is scraped.
 */
export class DaemonMetrics implements Meter {
  readonly registry = new Registry();
  private readonly s: OpsSubjects;
  private appender: Appender | undefined;
  private docker: readonly DockerEngineSource[] = [];
  private jsm: Promise<JetStreamManager> | undefined;
  private readonly delta = deltas();
  natsConnected = true;

  // Docker engines count their own events: read them first, so this scrape shows them.
  private readonly eventsIn: Counter<'source' | 'endpoint'> = new Counter({ name: 'berth_events_in_total', help: 'Messages taken from a source (Docker engine events, AMQP deliveries)', labelNames: ['source', 'endpoint'], registers: [this.registry], collect: () => this.syncDocker() });
  private readonly dockerIn = new Counter({ name: 'berth_docker_events_in_total', help: 'Docker engine events read, by engine (also counted in berth_events_in_total{source="docker"})', labelNames: ['engine'], registers: [this.registry] });
  private readonly eventsOut = new Counter({ name: 'berth_events_out_total', help: 'Events appended to JetStream by this daemon, by source kind and result (stored, duplicate, dead_lettered)', labelNames: ['source', 'result'], registers: [this.registry] });
  private readonly publish = new Histogram({ name: 'berth_jetstream_publish_seconds', help: 'Time from handing an event to the appender until JetStream acknowledged it (retries included)', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly sourceDelay = new Histogram({ name: 'berth_source_delay_seconds', help: 'How long after it happened at the source berth saw an event (observedAt - at)', labelNames: ['source'], buckets: DELAY_BUCKETS, registers: [this.registry] });
  private readonly projectorDelay = new Histogram({ name: 'berth_projector_delay_seconds', help: 'Time from berth seeing an event until the projector folded it (live events only)', buckets: DELAY_BUCKETS, registers: [this.registry] });
  private readonly overflows = new Counter({ name: 'berth_docker_overflows_total', help: 'Times an engine got 10,000 events ahead of JetStream: the daemon stored them, then took the stream up again from the last one stored', labelNames: ['engine'], registers: [this.registry] });
  private readonly reconnects = new Counter({ name: 'berth_reconnects_total', help: 'Connections lost and retried, by component (docker, amqp, nats) and target', labelNames: ['component', 'target'], registers: [this.registry] });

  constructor(s: OpsSubjects) {
    this.s = s;
    collectDefaultMetrics({ register: this.registry });
    this.scraped();
    s.projector.onEvent((e) => {
      if (!s.live()) return;
      const d = secondsSince(e.observedAt, Date.now());
      if (d !== undefined) this.projectorDelay.observe(d);
    });
    void this.followNats();
  }

  watch(parts: Readonly<{ appender: Appender; docker: readonly DockerEngineSource[] }>): void {
    this.appender = parts.appender;
    this.docker = parts.docker;
  }

  append = async (e: OpsEvent, run: () => Promise<AppendResult>): Promise<AppendResult> => {
    const started = performance.now();
    const r = await run();
    this.publish.observe((performance.now() - started) / 1000);
    // A record JetStream dropped as a duplicate is one stored (or dead-lettered) before: a redelivery, not another letter.
    this.eventsOut.inc({ source: e.source.kind, result: r.duplicate ? 'duplicate' : r.deadLettered ? 'dead_lettered' : 'stored' });
    const d = (Date.parse(e.observedAt) - Date.parse(e.at)) / 1000;
    if (Number.isFinite(d)) this.sourceDelay.observe({ source: e.source.kind }, Math.max(0, d));
    return r;
  };

  received = (source: string): void => {
    this.eventsIn.inc({ source, endpoint: source === 'openstack' ? 'amqp' : source });
  };

  reconnecting = (component: string, target: string): void => {
    this.reconnects.inc({ component, target });
  };

  /** The stream as JetStream reports it now. Throws when NATS does not answer. */
  async lookAtStream(): Promise<StreamLook> {
    const info = await (await this.manager()).streams.info(this.s.names.stream);
    return { lastSeq: info.state.last_seq, messages: info.state.messages, bytes: info.state.bytes };
  }

  /** The JetStream manager, made again after a failure (NATS was down when first asked). */
  private async manager(): Promise<JetStreamManager> {
    try {
      return await (this.jsm ??= jetstreamManager(this.s.nc));
    } catch (err) {
      this.jsm = undefined;
      throw err;
    }
  }

  /** Tracks the NATS connection: connected or not, and every reconnect. */
  private async followNats(): Promise<void> {
    for await (const st of this.s.nc.status()) {
      if (st.type === 'disconnect') this.natsConnected = false;
      else if (st.type === 'reconnect') {
        this.natsConnected = true;
        this.reconnecting('nats', st.server);
      }
    }
  }

  /** What the Docker engines counted since the last scrape (events read, reconnects). */
  private syncDocker(): void {
    for (const d of this.docker) {
      const n = this.delta(`in|${d.endpoint.name}`, d.counters.events + d.counters.malformed);
      this.dockerIn.inc({ engine: d.endpoint.name }, n);
      this.eventsIn.inc({ source: 'docker', endpoint: d.endpoint.name }, n);
      this.reconnects.inc({ component: 'docker', target: d.endpoint.name }, this.delta(`rc|${d.endpoint.name}`, d.counters.reconnects));
      this.overflows.inc({ engine: d.endpoint.name }, this.delta(`of|${d.endpoint.name}`, d.counters.overflows));
    }
  }

  /** Gauges and counters read from the other parts at scrape time. */
  private scraped(): void {
    const r = [this.registry];
    const s = this.s;
    const nats: Gauge = new Gauge({ name: 'berth_nats_connected', help: '1 while the NATS connection is up', registers: r, collect: () => { nats.set(this.natsConnected && !s.nc.isClosed() ? 1 : 0); } });
    const live: Gauge = new Gauge({ name: 'berth_projector_live', help: '1 once the projector replayed the stream and follows it live', registers: r, collect: () => { live.set(s.live() ? 1 : 0); } });
    const seq: Gauge = new Gauge({ name: 'berth_projector_seq', help: 'Last stream sequence the projector processed', registers: r, collect: () => { seq.set(s.projector.processedSeq); } });
    const skipped: Gauge = new Gauge({ name: 'berth_projector_skipped', help: 'Stored records the projector could not read (skipped)', registers: r, collect: () => { skipped.set(s.projector.skipped); } });
    const pendingWrites: Gauge = new Gauge({ name: 'berth_model_writes_pending', help: 'Model writes to the bucket not acknowledged yet, or failed and waiting to be written again: the bucket is behind the folded model while above 0', registers: r, collect: () => { pendingWrites.set(s.projector.pendingModelWrites); } });
    // prom-client collects every metric of a scrape at once: the three stream gauges share one look
    // (made once per scrape) and each sets itself from it. When NATS does not answer, lag and last
    // sequence read NaN (unknown), never a number left over from an earlier scrape.
    const look = sharedPerScrape(async () => this.lookAtStream().catch(() => undefined));
    const last: Gauge = new Gauge({ name: 'berth_stream_last_seq', help: 'Last sequence in the event stream', registers: r, collect: async () => { last.set((await look())?.lastSeq ?? Number.NaN); } });
    const messages: Gauge = new Gauge({ name: 'berth_stream_messages', help: 'Events held in the stream', registers: r, collect: async () => { messages.set((await look())?.messages ?? Number.NaN); } });
    const lag: Gauge = new Gauge({
      name: 'berth_projector_lag_events', help: 'Events stored in the stream that the projector has not processed yet (NaN while the stream cannot be read)', registers: r,
      collect: async () => {
        const l = await look();
        lag.set(l === undefined ? Number.NaN : Math.max(0, l.lastSeq - s.projector.processedSeq));
      },
    });
    const dlq: Counter = new Counter({
      name: 'berth_dead_lettered_total', help: 'Inputs and records this daemon sent to the dead-letter stream', registers: r,
      collect: () => { dlq.inc(this.delta('dlq', this.appender?.deadLettered ?? 0)); },
    });
    this.snapshotGauges(r);
    this.deadLetterGauge(r);
  }

  private snapshotGauges(r: Registry[]): void {
    const list = sharedPerScrape(async () => this.s.snapshots?.list().catch(() => undefined));
    const age: Gauge = new Gauge({
      name: 'berth_snapshot_age_seconds', help: 'Age of the newest model snapshot', registers: r,
      collect: async () => {
        const newest = (await list())?.at(-1);
        if (newest === undefined) age.reset();
        else age.set(secondsSince(newest.writtenAt, Date.now()) ?? 0);
      },
    });
    const count: Gauge = new Gauge({
      name: 'berth_snapshots', help: 'Model snapshots kept in the object store', registers: r,
      collect: async () => {
        const l = await list();
        if (l !== undefined) count.set(l.length);
      },
    });
  }

  private deadLetterGauge(r: Registry[]): void {
    const { names } = this.s;
    const held: Gauge<'source'> = new Gauge({
      name: 'berth_dead_letters', help: 'Dead letters held in the dead-letter stream (every daemon of this prefix), by source', labelNames: ['source'], registers: r,
      collect: async () => {
        const info = await this.manager()
          .then((jsm) => jsm.streams.info(names.dlqStream, { subjects_filter: `${names.dlqRoot}.>` }))
          .catch(() => undefined);
        if (info === undefined) return;
        held.reset();
        for (const [subject, n] of Object.entries(info.state.subjects ?? {})) held.set({ source: subject.slice(names.dlqRoot.length + 1) }, n);
      },
    });
  }
}
