// Progress lines of long reads (audit verify, replay): none before PROGRESS_MS, then at most one per PROGRESS_MS.
import test from 'ava';
import { count, progressEvery, PROGRESS_MS } from '../../cli/output/progress.js';

test('a short read prints nothing; a long one a line every PROGRESS_MS with how far it is and for how long', (t) => {
  let now = 1_000_000;
  const out: string[] = [];
  const p = progressEvery((done, total, s) => `replaying: ${count(done)} of ${count(total)} messages read (${s} s)`, (x) => out.push(x), () => now);
  for (let i = 1; i <= 100; i++) {
    now += 10;
    p(i, 1_000_000);
  }
  t.deepEqual(out, [], 'a second of reading printed something');
  now += PROGRESS_MS;
  p(250_000, 1_000_000);
  p(250_001, 1_000_000);
  now += PROGRESS_MS - 1;
  p(400_000, 1_000_000);
  now += 1;
  p(500_000, 1_000_000);
  t.deepEqual(out, ['replaying: 250,000 of 1,000,000 messages read (3 s)\n', 'replaying: 500,000 of 1,000,000 messages read (5 s)\n']);
});
