import test from 'ava';
import { LazyMap } from '../../../daemon/store/lazy-map.js';

/** A LazyMap of `n` entries in blocks of 3, and a plain Map with the same entries; counts block loads. */
const pair = (n: number): { lazy: LazyMap<number>; plain: Map<string, number>; loads: number[] } => {
  const entries = Array.from({ length: n }, (_, i) => [`k${i}`, i] as const);
  const loads: number[] = [];
  const blocks = [];
  for (let b = 0; b * 3 < n; b++) {
    const part = entries.slice(b * 3, b * 3 + 3);
    blocks.push({ ids: part.map(([k]) => k), load: () => { loads.push(b); return part; } });
  }
  return { lazy: LazyMap.of(blocks), plain: new Map(entries), loads };
};

test('a get parses only its block; size and has need none', (t) => {
  const { lazy, loads } = pair(10);
  t.is(lazy.size, 10);
  t.true(lazy.has('k7'));
  t.false(lazy.has('nope'));
  t.deepEqual(loads, []);
  t.is(lazy.get('k7'), 7);
  t.is(lazy.get('k8'), 8);
  t.is(lazy.get('nope'), undefined);
  t.deepEqual(loads, [2]);
});

test('after any mix of changes it iterates like a plain Map with the same changes, order included', (t) => {
  let seed = 7;
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 200; round++) {
    const { lazy, plain } = pair(1 + rnd(20));
    for (let op = 0; op < 15; op++) {
      const k = `k${rnd(25)}`;
      const what = rnd(4);
      if (what === 0) {
        lazy.set(k, op * 100);
        plain.set(k, op * 100);
      } else if (what === 1) t.is(lazy.delete(k), plain.delete(k));
      else if (what === 2) t.is(lazy.get(k), plain.get(k));
      else t.is(lazy.has(k), plain.has(k));
      t.is(lazy.size, plain.size);
    }
    t.deepEqual([...lazy.entries()], [...plain.entries()], `round ${round}`);
    t.deepEqual([...lazy.keys()], [...plain.keys()]);
    lazy.set('after', 1);
    plain.set('after', 1);
    t.deepEqual([...lazy], [...plain]);
  }
});

test('forEach and values see every entry; clear empties it', (t) => {
  const { lazy, plain } = pair(8);
  const seen: [string, number][] = [];
  lazy.forEach((v, k) => seen.push([k, v]));
  t.deepEqual(seen, [...plain]);
  t.deepEqual([...lazy.values()], [...plain.values()]);
  lazy.clear();
  t.is(lazy.size, 0);
  t.false(lazy.has('k1'));
});
