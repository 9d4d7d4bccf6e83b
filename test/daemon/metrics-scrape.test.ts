import test from 'ava';
import { DaemonMetrics, sharedPerScrape } from '../../daemon/metrics.js';
import type { StreamLook } from '../../daemon/metrics.js';
import type { OpsSubjects } from '../../daemon/ops.js';
import { storeNames } from '../../daemon/store/names.js';
import { metric } from '../support/ops-daemon.js';

/** A connection that never reports a status change (the metrics only follow it). */
const quietNc = { status: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }) }), isClosed: () => false };

const metricsWith = (processedSeq: number, look: () => Promise<StreamLook>): DaemonMetrics => {
  const s = {
    nc: quietNc, names: storeNames('tm'), log: console, snapshots: null, live: () => true, roles: ['all'], writer: 'w',
    projector: { processedSeq, skipped: 0, pendingModelWrites: 3, onEvent: () => undefined },
  } as unknown as OpsSubjects;
  const m = new DaemonMetrics(s);
  m.lookAtStream = look;
  return m;
};

test('sharedPerScrape: callers while a call is pending share it; the next call after it settles asks again', async (t) => {
  let calls = 0;
  const f = sharedPerScrape(async () => ++calls);
  const [a, b] = await Promise.all([f(), f()]);
  t.deepEqual([a, b, calls], [1, 1, 1]);
  t.is(await f(), 2);
});

test('the first scrape already shows the lag of that look (prom-client collects all gauges at once)', async (t) => {
  let looks = 0;
  const m = metricsWith(40, async () => {
    looks += 1;
    await new Promise((r) => setTimeout(r, 5)); // a round trip to the server
    return { lastSeq: 100, messages: 90, bytes: 1 };
  });
  const text = await m.registry.metrics();
  t.is(metric(text, 'berth_projector_lag_events'), 60);
  t.is(metric(text, 'berth_stream_last_seq'), 100);
  t.is(metric(text, 'berth_stream_messages'), 90);
  t.is(looks, 1, 'one look per scrape for the three gauges');
  t.is(metric(text, 'berth_model_writes_pending'), 3);
});

test('when the stream cannot be read, lag reads NaN, not what an earlier scrape found', async (t) => {
  let up = true;
  const m = metricsWith(100, async () => {
    if (!up) throw new Error('no responders');
    return { lastSeq: 100, messages: 100, bytes: 1 };
  });
  t.is(metric(await m.registry.metrics(), 'berth_projector_lag_events'), 0);
  up = false;
  const text = await m.registry.metrics();
  t.true(Number.isNaN(metric(text, 'berth_projector_lag_events')), 'unknown lag');
  t.regex(text, /^berth_projector_lag_events NaN$/im, 'prom-client writes Nan, which Prometheus reads as NaN');
});

test('events out: a dead letter JetStream dropped as a duplicate counts as a duplicate, not as another dead letter', async (t) => {
  const m = metricsWith(0, async () => ({ lastSeq: 0, messages: 0, bytes: 0 }));
  const e = { source: { kind: 'docker' }, at: '2026-11-25T00:00:00Z', observedAt: '2026-11-25T00:00:00Z' } as unknown as Parameters<DaemonMetrics['append']>[0];
  await m.append(e, async () => ({ seq: 7, duplicate: false, deadLettered: true }));
  await m.append(e, async () => ({ seq: 7, duplicate: true, deadLettered: true }));
  await m.append(e, async () => ({ seq: 8, duplicate: false, deadLettered: false }));
  await m.append(e, async () => ({ seq: 8, duplicate: true, deadLettered: false }));
  const text = await m.registry.metrics();
  t.is(metric(text, 'berth_events_out_total', { source: 'docker', result: 'dead_lettered' }), 1);
  t.is(metric(text, 'berth_events_out_total', { source: 'docker', result: 'duplicate' }), 2);
  t.is(metric(text, 'berth_events_out_total', { source: 'docker', result: 'stored' }), 1);
});
