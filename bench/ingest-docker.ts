// Item 1b: a burst of real engine events (create + start of N labelled containers) reaching the
// daemon all at once: the daemon is paused (SIGSTOP) while the engine emits them into its open
// /events connection, then resumed; timed from the resume until every event of the burst (and
// the inspect observations it causes) is stored. Baseline: raw pipelined JetStream publish of
// the same engine lines.
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { readStream } from '../daemon/store/read.js';
import { storeNames } from '../daemon/store/names.js';
import { translateDockerEvent } from '../events/translate/docker.js';
import { boundVerdict, figure } from './figure.js';
import type { Measured } from './figure.js';
import { startDaemon } from './support/daemon.js';
import { captureEvents, createContainers, engine, ENGINE_SOCKET, pool, removeBenchContainers } from './support/engine.js';
import { dropPrefix, rawPublishRate } from './support/nats.js';
import { cpuSeconds, n0, sleep } from './support/proc.js';

const PREFIX = 'b-bench-dk';
const HOST = 'bench';

/** Counts the stored events on the burst containers' subjects and the newest one's server time. */
const storedOf = async (nc: NatsConnection, ids: ReadonlySet<string>): Promise<{ events: number; observed: number; lastMs: number; lastEventMs: number }> => {
  const n = storeNames(PREFIX);
  let events = 0;
  let observed = 0;
  let lastMs = 0;
  let lastEventMs = 0;
  await readStream(nc, { stream: n.stream, filter: `${n.evtRoot}.container.>` }, (m: JsMsg) => {
    if (!ids.has(m.subject.slice(n.evtRoot.length + '.container.'.length))) return;
    const ms = m.info.timestampNanos / 1e6;
    if (m.string().includes('"type":"ContainerObserved"')) observed += 1;
    else {
      events += 1;
      lastEventMs = Math.max(lastEventMs, ms);
    }
    lastMs = Math.max(lastMs, ms);
  });
  return { events, observed, lastMs, lastEventMs };
};

export const benchIngestDocker = async (nc: NatsConnection, containers: number): Promise<Measured[]> => {
  const dk = engine();
  const run = `dk${Date.now().toString(36)}`;
  await removeBenchContainers(dk);
  await dropPrefix(nc, PREFIX);
  const d = await startDaemon(PREFIX, ['--engine', `${HOST}=${ENGINE_SOCKET}`, '--snapshot-every', '0', '--resync-interval', '3600'], /resynced/);
  const stop = new AbortController();
  let note: string;
  let berth = Number.NaN;
  let inspectMs: number;
  let lines: string[] = [];
  try {
    const capture = await captureEvents(dk, stop.signal);
    process.kill(d.pid, 'SIGSTOP');
    let resumedAt = 0;
    let cpu0 = Number.NaN;
    let ids: string[];
    try {
      ids = await createContainers(dk, run, containers, true);
      await sleep(1000);
    } finally {
      cpu0 = cpuSeconds(d.pid);
      resumedAt = Date.now();
      process.kill(d.pid, 'SIGCONT');
    }
    stop.abort();
    await capture.done.catch(() => undefined);
    const mine = new Set(ids);
    const burst = capture.events.filter((e) => mine.has(e.Actor.ID) || mine.has(e.Actor.Attributes['container'] ?? ''));
    lines = burst.map((e) => e.raw);
    const expected = burst.flatMap((e) => translateDockerEvent(HOST, e, '2026-11-23T00:00:00.000000000Z')).filter((r) => r.subject.kind === 'container').length;
    let got = { events: 0, observed: 0, lastMs: 0, lastEventMs: 0 };
    let stableSince = 0;
    for (const end = Date.now() + 300_000; Date.now() < end; await sleep(250)) {
      const now = await storedOf(nc, mine);
      if (now.events >= expected && now.events + now.observed === got.events + got.observed) {
        if (stableSince === 0) stableSince = Date.now();
        else if (Date.now() - stableSince > 2000) break;
      } else stableSince = 0;
      got = now;
    }
    const daemonCpu = cpuSeconds(d.pid) - cpu0;
    if (got.events >= expected) berth = (lines.length / (got.lastMs - resumedAt)) * 1000;
    // The engine's share: the same containers inspected once each by a bare client, as the daemon asks (8 at a time).
    const i0 = performance.now();
    await pool(ids, 8, (id) => dk.get(`/containers/${id}/json`));
    inspectMs = performance.now() - i0;
    note = `${n0(containers)} containers created and started while the daemon was paused: ${n0(lines.length)} engine events (${n0(expected)} container records expected, ${n0(got.events)} stored, plus ${n0(got.observed)} inspect observations), all stored ${n0(got.lastMs - resumedAt)} ms after the resume (the engine events ${n0(got.lastEventMs - resumedAt)} ms); the daemon used ${n0(daemonCpu * 1000)} ms CPU from the resume until the count was stable (2 s of it idle); the engine answers one inspect of each of the ${n0(ids.length)} containers (8 at a time, a bare client, the daemon idle) in ${n0(inspectMs)} ms`;
  } finally {
    stop.abort();
    await d.stop();
    await removeBenchContainers(dk);
    await dropPrefix(nc, PREFIX);
  }
  const reps = Math.max(1, Math.ceil(5000 / Math.max(1, lines.length)));
  const bodies = Array.from({ length: lines.length * reps }, (_, i) => lines[i % lines.length] as string);
  const baseline = bodies.length === 0 ? Number.NaN : await rawPublishRate(nc, 'B_BENCH_RAW', bodies, (i) => `b-bench-raw.docker.${i % 64}`);
  // The burst is stored when the inspect observations are: never before the engine answered the inspects.
  const bound = (lines.length / inspectMs) * 1000;
  const verdict = boundVerdict(bound, 0.8 * baseline, 'events/s', lines.length === 0 ? 'no engine line of the burst was captured' : undefined);
  return [{
    figure: figure('ingest: Docker engine burst →JetStream events/s vs raw pipelined JetStream publish of the same engine lines', 'events/s', berth, baseline, { kind: 'ratio-min', value: 0.8 }),
    note: `${note}; baseline published the ${n0(lines.length)} lines ${reps}×`,
  }, {
    figure: figure('ingest bound: the burst\'s engine events over the time the engine takes to answer the inspects of its containers, everything else free events/s vs raw pipelined JetStream publish of the same engine lines', 'events/s', verdict.valid ? bound : Number.NaN, baseline, { kind: 'none' }),
    note: `the ${n0(lines.length)} events over the ${n0(inspectMs)} ms the engine took to answer the inspects of the burst's ${n0(containers)} containers (8 at a time, as the daemon asks; the engine idle otherwise): what a daemon that inspects the containers of a burst, as the design asks (events carry no ports or networks), and counts the burst stored once what the inspects said is could reach if everything else it does cost nothing and the engine answered as fast for it; ${verdict.text}`,
  }];
};
