import test from 'ava';
import { openStretchOf, StretchTimes } from '../../../daemon/store/stretch-times.js';

const T = (m: number): string => `2026-11-23T03:${String(m).padStart(2, '0')}:00.000000000Z`;

test('each chunk start gets the earliest time of every event from it to the end, late arrivals included', (t) => {
  const s = new StretchTimes(3);
  // seq:  11 12 13 | 14 15 16 | 17 18
  // time: 05 06 07 | 09 02 10 | 11 12   (15 is a late arrival)
  [5, 6, 7, 9, 2, 10, 11, 12].forEach((m, i) => s.note(11 + i, T(m)));
  t.deepEqual(s.take(), [[11, T(2)], [14, T(2)], [17, T(11)]]);
  t.deepEqual(s.take(), []);
});

test('a gap in sequences (skipped records) starts chunks by sequence, not by count', (t) => {
  const s = new StretchTimes(10);
  s.note(1, T(1));
  s.note(5, T(0));
  s.note(30, T(9));
  s.note(31, T(8));
  t.deepEqual(s.take(), [[1, T(0)], [30, T(8)]]);
});

test('points leaves the stretch as it is, and at most `max` of them are spread over it', (t) => {
  const s = new StretchTimes(2);
  [5, 6, 7, 9, 2, 10, 11, 12].forEach((m, i) => s.note(11 + i, T(m)));
  const all = [[11, T(2)], [13, T(2)], [15, T(2)], [17, T(11)]];
  t.deepEqual(s.points(), all);
  t.deepEqual(s.points(2), [all[0], all[2]]);
  t.deepEqual(s.points(1), [all[0]]);
  t.deepEqual(s.take(), all);
  t.deepEqual(s.points(), []);
});

test('an open stretch read back from a meta is used only when it has the right shape', (t) => {
  const ok = { after: 10, to: 20, minAtFrom: [[11, T(1)]] };
  t.deepEqual(openStretchOf(ok), ok);
  for (const bad of [null, 'x', {}, { ...ok, to: 5 }, { ...ok, after: '10' }, { ...ok, minAtFrom: [[11]] }, { ...ok, minAtFrom: [['11', T(1)]] }, { ...ok, minAtFrom: {} }]) {
    t.is(openStretchOf(bad), null, JSON.stringify(bad));
  }
});
