import test from 'ava';
import { planAt } from '../../../daemon/query/log-reader.js';
import type { SnapshotMeta } from '../../../daemon/store/snapshots.js';

const T = (m: number): string => `2026-11-23T03:${String(m).padStart(2, '0')}:00.000000000Z`;
const snap = (seq: number, prevSeq: number, maxAt: number, minAtAfterPrev: number): SnapshotMeta => ({
  seq, prevSeq, maxAt: T(maxAt), minAtAfterPrev: T(minAtAfterPrev), events: seq, foldVersion: 2, bytes: 1, writtenAt: '',
});

// Three snapshots: events 1-100 happened 00-10, 101-200 happened 09-20 (one late arrival), 201-300 happened 21-30.
const SNAPS = [snap(100, 0, 10, 0), snap(200, 100, 20, 9), snap(300, 200, 30, 21)];

test('with no snapshot, the whole log is read', (t) => {
  t.deepEqual(planAt([], T(5)), { base: null, ranges: [{ from: 1 }] });
});

test('a time after every snapshot starts from the newest and reads only the tail', (t) => {
  t.deepEqual(planAt(SNAPS, T(45)), { base: SNAPS[2], ranges: [{ from: 301 }] });
});

test('a time between snapshots starts from the newest one wholly before it and skips stretches that all happened later', (t) => {
  // 03:15: base is seq 100 (maxAt 10); 101-200 may hold events before 15 (min 09): read; 201-300 all after: skipped.
  t.deepEqual(planAt(SNAPS, T(15)), { base: SNAPS[0], ranges: [{ from: 101, to: 200 }, { from: 301 }] });
});

test('a late arrival keeps a stretch in the plan even when its snapshot is newer than the time', (t) => {
  // 03:09.5 is before snapshot 100's maxAt (10): no base; 101-200 holds an event at 09: read; 201-300 skipped.
  const plan = planAt(SNAPS, '2026-11-23T03:09:30.000000000Z');
  t.is(plan.base, null);
  t.deepEqual(plan.ranges, [{ from: 1, to: 200 }, { from: 301 }]);
});

test('a stretch whose previous snapshot was pruned or failed is read, never skipped on a guess', (t) => {
  const gap = [snap(100, 0, 10, 0), snap(300, 200, 30, 25)];
  t.deepEqual(planAt(gap, T(12)), { base: gap[0], ranges: [{ from: 101 }] });
});

test('a stretch is read only up to the first point from which every event happened after the time', (t) => {
  // 101-200 happened 11-20, but for a late event at 09 at seq 160: from 161 on everything is after 15.
  const s = { ...snap(200, 100, 20, 9), minAtFrom: [[101, T(9)], [141, T(9)], [161, T(16)], [181, T(18)]] as const };
  const snaps = [snap(100, 0, 10, 0), s, snap(300, 200, 30, 21)];
  t.deepEqual(planAt(snaps, T(15)), { base: snaps[0], ranges: [{ from: 101, to: 160 }, { from: 301 }] });
  t.deepEqual(planAt(snaps, T(17)), { base: snaps[0], ranges: [{ from: 101, to: 180 }, { from: 301 }] });
  t.deepEqual(planAt(snaps, T(19)), { base: snaps[0], ranges: [{ from: 101, to: 200 }, { from: 301 }] });
  // Points of a stretch whose previous snapshot is gone say nothing about what is read before them.
  const gap = [snap(100, 0, 10, 0), { ...snap(300, 200, 30, 25), minAtFrom: [[201, T(25)], [251, T(28)]] as const }];
  t.deepEqual(planAt(gap, T(12)), { base: gap[0], ranges: [{ from: 101 }] });
});

test('the open stretch after the newest snapshot (the projector\'s meta) is skipped or cut short like a snapshot\'s', (t) => {
  // After snapshot 300: 301-400 folded by the projector, 21-40 with a late event at 22 at seq 330.
  const open = { after: 300, to: 400, minAtFrom: [[301, T(22)], [331, T(34)], [361, T(37)]] as const };
  t.deepEqual(planAt(SNAPS, T(45), open), { base: SNAPS[2], ranges: [{ from: 301 }] });
  t.deepEqual(planAt(SNAPS, T(35), open), { base: SNAPS[2], ranges: [{ from: 301, to: 360 }, { from: 401 }] });
  t.deepEqual(planAt(SNAPS, T(30), open), { base: SNAPS[2], ranges: [{ from: 301, to: 330 }, { from: 401 }] });
  // Earlier than every event of it: only what the projector has not folded yet is read.
  t.deepEqual(planAt(SNAPS, T(15), open), { base: SNAPS[0], ranges: [{ from: 101, to: 200 }, { from: 401 }] });
  t.deepEqual(planAt(SNAPS, T(15), { ...open, minAtFrom: [] }), { base: SNAPS[0], ranges: [{ from: 101, to: 200 }, { from: 301 }] });
});

test('an open stretch that does not start at the newest snapshot is read whole, and an older one is ignored', (t) => {
  // The projector counted from 250 (a snapshot not listed, or pruned): nothing known of 301-400.
  const other = { after: 250, to: 400, minAtFrom: [[251, T(40)]] as const };
  t.deepEqual(planAt(SNAPS, T(15), other), { base: SNAPS[0], ranges: [{ from: 101, to: 200 }, { from: 301 }] });
  // A meta from before the newest snapshot.
  const old = { after: 100, to: 250, minAtFrom: [[101, T(40)]] as const };
  t.deepEqual(planAt(SNAPS, T(15), old), planAt(SNAPS, T(15)));
  // Without snapshots the projector's stretch starts at the beginning of the log.
  const whole = { after: 0, to: 300, minAtFrom: [[1, T(0)], [201, T(21)]] as const };
  t.deepEqual(planAt([], T(15), whole), { base: null, ranges: [{ from: 1, to: 200 }, { from: 301 }] });
});
