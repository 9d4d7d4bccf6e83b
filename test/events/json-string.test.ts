import test from 'ava';
import type { ExecutionContext } from 'ava';
import { stringEnd } from '../../events/json-string.js';

/** The oracle: the first quote after an even run of backslashes, if JSON.parse takes the string up to it; else -1. */
const expected = (b: Buffer, i: number): number => {
  let p = -1;
  for (let j = i; j < b.length; j++) {
    if (b[j] !== 0x22) continue;
    let k = j - 1;
    while (k >= i && b[k] === 0x5c) k -= 1;
    if ((j - 1 - k) % 2 === 0) {
      p = j;
      break;
    }
  }
  if (p < 0) return -1;
  try {
    JSON.parse(`"${b.toString('utf8', i, p)}"`);
    return p;
  } catch {
    return -1;
  }
};

const differential = (t: ExecutionContext, seed0: number, maxPieces: number): number => {
  let seed = seed0;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pieces = ['a', 'bcdefgh', '\\"', '\\"', '\\\\', '\\\\\\"', '\\n', '\\u00e9', '\\u12', '\\x', '"', '\t', 'é', '🚢', '{\\"k\\":[1,\\"}\\"]}', ' ', '/'];
  let ends = 0;
  for (let run = 0; run < 20_000; run++) {
    let s = '';
    for (let n = rnd(maxPieces); n > 0; n--) s += rnd(3) === 0 ? 'x'.repeat(rnd(40)) : pieces[rnd(pieces.length)];
    const pad = rnd(9);
    const text = Buffer.from(`${'p'.repeat(pad)}${s}${rnd(2) === 0 ? '","v":1}' : ''}`);
    // A copy at another offset of a bigger buffer: the word reads start elsewhere.
    const shift = rnd(8);
    const big = Buffer.alloc(text.length + 16);
    text.copy(big, shift);
    const b = big.subarray(shift, shift + text.length);
    const want = expected(b, pad);
    t.is(stringEnd(b, pad), want, JSON.stringify(s));
    if (want >= 0) ends += 1;
  }
  return ends;
};

test('the end of a JSON string in bytes is where JSON.parse ends it, at any alignment, or -1 where it refuses it', (t) => {
  t.true(differential(t, 11, 12) > 5000);
});

// Long strings with an escape other than \" here and there: word reads stop at each and go on after it.
test('the same holds for long strings where word reads stop and go on many times', (t) => {
  t.true(differential(t, 23, 120) > 1000);
});
