import test from 'ava';
import type { Recorded } from '../../../events/envelope.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { LiveStore } from '../../../daemon/query/live-store.js';
import type { StoreClock } from '../../../daemon/query/live-store.js';
import { aContainerSnapshot, aContainerStarted, t } from '../../support/builders.js';

/** A clock whose timers run when the test says so. */
const manual = (): StoreClock & { fire: () => void; pending: () => number } => {
  let timers: (() => void)[] = [];
  let now = 0;
  return {
    now: () => now,
    setTimer: (fn) => { timers.push(fn); return timers.length; },
    clearTimer: () => { timers = []; },
    fire: () => { const run = timers; timers = []; now += 50; for (const f of run) f(); },
    pending: () => timers.length,
  };
};

const loaded = (clock = manual()): { store: LiveStore; clock: ReturnType<typeof manual>; notified: () => number } => {
  const store = new LiveStore('NATS x', { clock, tailSize: 3 });
  let n = 0;
  store.subscribe(() => { n += 1; });
  store.reset();
  store.put('containers', 'c0', aContainerSnapshot({ containerId: 'c0' }));
  store.ready();
  return { store, clock, notified: () => n };
};

test('a burst of 1,000 changes is one notification and one new snapshot', (t0) => {
  const { store, clock, notified } = loaded();
  const before = store.getSnapshot();
  const n0 = notified();
  for (let i = 0; i < 1000; i++) store.put('containers', `c${i}`, aContainerSnapshot({ containerId: `c${i}` }));
  t0.is(store.getSnapshot(), before, 'nothing is published inside the window');
  t0.is(clock.pending(), 1, 'one timer for the whole burst');
  clock.fire();
  t0.is(notified(), n0 + 1);
  const s = store.getSnapshot();
  t0.is(s.status, 'live');
  if (s.status === 'live') t0.is(s.model.containers.size, 1000);
});

test('a snapshot never changes after it is published: later changes go into a copy', (t0) => {
  const { store, clock } = loaded();
  const first = store.getSnapshot();
  if (first.status !== 'live') return t0.fail();
  store.put('containers', 'c9', aContainerSnapshot({ containerId: 'c9' }));
  store.put('containers', 'c0', null);
  clock.fire();
  t0.deepEqual([...first.model.containers.keys()], ['c0']);
  const next = store.getSnapshot();
  if (next.status !== 'live') return t0.fail();
  t0.deepEqual([...next.model.containers.keys()], ['c9']);
  t0.is(next.model.hosts, first.model.hosts, 'maps that did not change are shared');
  t0.true(next.version > first.version);
});

test('connecting, failed, live, stale: the status follows the problems and the model', (t0) => {
  const clock = manual();
  const store = new LiveStore('NATS x', { clock });
  t0.deepEqual(store.getSnapshot(), { status: 'connecting', target: 'NATS x' });
  const unreachable = { code: 'nats-unreachable', message: 'NATS did not answer.', hint: 'Start it.' } as const;
  store.setProblem(unreachable, 2000);
  t0.deepEqual(store.getSnapshot(), { status: 'failed', problem: unreachable, retryInMs: 2000 });
  store.reset();
  store.ready();
  t0.is(store.getSnapshot().status, 'live');
  store.setProblem({ code: 'daemon-down', message: 'No daemon.', hint: 'Start it.' });
  const s = store.getSnapshot();
  t0.is(s.status, 'stale');
  if (s.status === 'stale') t0.is(s.problem.code, 'daemon-down');
  store.setProblem(null);
  t0.is(store.getSnapshot().status, 'live');
});

test('a reload keeps the old model on screen until the new one is complete', (t0) => {
  const { store } = loaded();
  store.reset();
  store.put('containers', 'new', aContainerSnapshot({ containerId: 'new' }));
  const during = store.getSnapshot();
  if (during.status !== 'live') return t0.fail();
  t0.deepEqual([...during.model.containers.keys()], ['c0']);
  store.ready();
  const after = store.getSnapshot();
  if (after.status !== 'live') return t0.fail();
  t0.deepEqual([...after.model.containers.keys()], ['new']);
});

test('the tail keeps the newest events, without their raw bodies', (t0) => {
  const { store, clock } = loaded();
  const events = [1, 2, 3, 4, 5].map((i) => ({ ...aContainerStarted({ at: t(i) }), seq: i, raw: 'x'.repeat(1000) }) as Recorded<OpsEvent>);
  store.pushEvents(events);
  clock.fire();
  const s = store.getSnapshot();
  if (s.status !== 'live') return t0.fail();
  t0.deepEqual(s.tail.map((e) => e.seq), [3, 4, 5]);
  t0.true(s.tail.every((e) => e.raw === undefined));
});

test('lag is published with the next snapshot, and an unchanged lag publishes nothing', (t0) => {
  const { store, clock, notified } = loaded();
  store.setLag(120, 3);
  clock.fire();
  const s = store.getSnapshot();
  t0.true(s.status === 'live' && s.lagMs === 120 && s.behind === 3);
  const n = notified();
  store.setLag(120, 3);
  t0.is(clock.pending(), 0);
  t0.is(notified(), n);
});
