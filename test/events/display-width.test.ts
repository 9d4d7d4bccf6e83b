import test from 'ava';
import { displayWidth, truncate } from '../../events/display-width.js';
// What Ink measures with: the console's rows must agree with it to line up.
import { inkWidth } from '../support/ink-width.js';


const SAMPLES = ['web', 'café', 'e\u0301cole', '数据库', 'ﾊﾝｶｸ', '한국어', '🚀', '✅', '☕', '🟢', '⌚', '👍🏽', '👨‍👩‍👧', '❤️', '♻️', '🇫🇷', '⚠', '★', '©', '→', 'db-🚀-主', 'a\u200bb'];

test('cells of names as Ink draws them: ASCII, accents, CJK, emoji, skin tones, joined and flag sequences', (t) => {
  for (const s of SAMPLES) t.is(displayWidth(s), inkWidth(s), JSON.stringify(s));
});

test('a cut never splits a two-cell character or an emoji sequence, and fits the cells asked for', (t) => {
  t.is(truncate('数据库主节点', 8), '数据库…');
  t.is(truncate('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 4), '👨‍👩‍👧…');
  t.is(truncate('ab🚀cd', 4), 'ab…');
  t.is(truncate('short', 10), 'short');
  for (const s of SAMPLES) for (let max = 1; max <= 8; max++) t.true(displayWidth(truncate(s, max)) <= Math.max(max, 1), `${JSON.stringify(s)} at ${max}`);
});
