import test from 'ava';
import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { fold } from '../../events/inventory.js';
import type { ReadModelState } from '../../events/read-model.js';
import { modelOf } from '../../daemon/query/live-store.js';
import { containerStates, dashData, eventRate, hostLoad, newLogLines, vmStates } from '../../views/dashboards/dash-data.js';
import { safe } from '../../cli/console/tables.js';
import { aContainerObserved, aHostObserved, anUnrecognized, t } from '../support/builders.js';

const NOW = Date.parse(t(600).slice(0, 23) + 'Z');
const rec = (e: OpsEvent, seq: number): Recorded<OpsEvent> => ({ ...e, seq });
const vm = (id: string, host: string, state: string): OpsEvent => ({
  id: `vm-${id}`, type: 'VmCreated', v: 1, at: t(1), observedAt: t(1), source: { kind: 'openstack', host }, subject: { kind: 'vm', id },
  data: { family: 'versioned', eventType: 'instance.create.end', fault: null, vm: { vmId: id, name: id, host, node: host, state, taskState: null, powerState: null, flavor: null, projectId: null, userId: null, availabilityZone: null, imageId: null, addresses: [], createdAt: null, launchedAt: null } },
});

const events: OpsEvent[] = [
  aHostObserved({ hostId: 'h1' }),
  aContainerObserved({ containerId: 'a', name: 'a', at: t(10) }),
  aContainerObserved({ containerId: 'b', name: 'b', at: t(20) }),
  aContainerObserved({ containerId: 'c', name: 'c', state: 'exited', at: t(30) }),
  vm('v1', 'compute-1', 'active'), vm('v2', 'compute-1', 'stopped'), vm('v3', 'h1', 'active'),
];
const model = (() => { const inv = fold(events); return modelOf(inv, { seq: 7, events: 7, unrecognized: 0 }); })();

test('event rate: events per minute per source over the last 15 minutes, by when berth saw them', (t0) => {
  const tail = [aContainerObserved({ at: t(599) }), aContainerObserved({ at: t(530) }), anUnrecognized({ at: t(100) }), vm('x', 'c', 'active'), aContainerObserved({ at: t(-400) })].map(rec);
  const r = eventRate(tail, NOW);
  t0.is(r.labels.length, 15);
  t0.deepEqual([r.labels[0], r.labels[13], r.labels[14]], ['-14m', '-1m', 'now']);
  const docker = r.series.find((s) => s.source === 'docker')?.counts ?? [];
  t0.is(docker[14], 1, 'the last minute');
  t0.is(docker[13], 1, 'the minute before');
  t0.is(docker.reduce((a, b) => a + b, 0), 3, 'an event older than the window is not counted');
  t0.is(r.series.find((s) => s.source === 'openstack')?.counts.reduce((a, b) => a + b, 0), 1);
});

test('event rate: when older events exist than the tail holds, only the minutes the tail covers are given, not quiet ones before', (t0) => {
  // 201 events over the last 200 s, the oldest stored as event 5001: the log has 5,000 before it.
  const tail = Array.from({ length: 201 }, (_, i) => rec(aContainerObserved({ at: t(400 + i) }), 5001 + i));
  const r = eventRate(tail, NOW);
  t0.true(r.partial);
  t0.deepEqual(r.labels, ['-2m', '-1m', 'now'], 'the minute of the oldest (partly covered) and those before are left out');
  const docker = r.series.find((s) => s.source === 'docker')?.counts ?? [];
  t0.is(docker.length, 3);
  const seenMs = (e: Recorded<OpsEvent>): number => Date.parse(e.observedAt.slice(0, 23) + 'Z');
  t0.is(docker.reduce((a, b) => a + b, 0), tail.filter((e) => seenMs(e) >= NOW - 3 * 60_000 && seenMs(e) < NOW).length, 'every event of those minutes');
  // The same tail from the log's first event: nothing older exists, the whole window is given.
  const whole = eventRate(tail.map((e, i) => ({ ...e, seq: i + 1 })), NOW);
  t0.false(whole.partial);
  t0.is(whole.labels.length, 15);
});

test('states: containers and VMs counted per state, most common first', (t0) => {
  t0.deepEqual(containerStates(model), { titles: ['running', 'exited'], data: [2, 1] });
  t0.deepEqual(vmStates(model), { titles: ['active', 'stopped'], data: [2, 1] });
});

test('per-host load: running containers and VMs per host, busiest first, names sanitised', (t0) => {
  t0.deepEqual(hostLoad(model, safe), { hosts: ['h1', 'compute-1'], data: [[2, 1], [0, 2]] });
  const evil = modelOf(fold([aHostObserved({ hostId: 'h\x1b[2J' })]), null);
  t0.deepEqual(hostLoad(evil, safe).hosts, ['h\\x1b[2J']);
});

test('the log gets only events it has not shown, with escaped names', (t0) => {
  const tail = [aContainerObserved({ name: 'x\x1b]0;t\x07', at: t(1) }), aContainerObserved({ name: 'y', at: t(2) })].map((e, i) => rec(e, i + 1));
  const first = newLogLines(tail, 0, safe);
  t0.is(first.lastSeq, 2);
  t0.is(first.lines.length, 2);
  t0.regex(first.lines[0] ?? '', /^10:00:01 container x\\x1b\]0;t\\x07 /);
  t0.deepEqual(newLogLines(tail, 2, safe), { lines: [], lastSeq: 2 });
});

test('the whole mapping: problems say what to do, a live model fills every widget', (t0) => {
  const failed: ReadModelState = { status: 'failed', problem: { code: 'no-model', message: 'No model.', hint: "Start 'berth daemon'." }, retryInMs: null };
  const f = dashData(failed, NOW, safe);
  t0.deepEqual([f.problem, f.rate, f.hosts], [['No model.', "Start 'berth daemon'."], null, null]);
  const live: ReadModelState = { status: 'live', model, tail: [], version: 1, lagMs: 40, behind: 0 };
  const d = dashData(live, NOW, safe);
  t0.is(d.status, '● live · lag 40ms');
  t0.regex(d.counts, /2 hosts · 3 containers · 3 VMs · 0 clusters · seq 7/);
  t0.deepEqual(d.containers?.titles, ['running', 'exited']);
  t0.deepEqual(d.problem, []);
});
