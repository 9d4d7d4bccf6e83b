import test from 'ava';
import { StretchTimes } from '../../../daemon/store/stretch-times.js';

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
