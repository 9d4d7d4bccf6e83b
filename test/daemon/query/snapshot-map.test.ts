import test from 'ava';
import type { SnapshotMap } from '../../../daemon/query/snapshot-map.js';
import { VersionedMap } from '../../../daemon/query/snapshot-map.js';

/** A tiny seeded generator, so a failure can be replayed. */
const rng = (seed: number): (() => number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

test('every snapshot keeps exactly the state it was taken at, whatever is written, deleted or compacted after it', (t) => {
  const r = rng(7);
  const m = new VersionedMap<number>();
  const plain = new Map<string, number>();
  const kept: { snap: SnapshotMap<number>; copy: Map<string, number> }[] = [];
  for (let i = 0; i < 300; i++) {
    const id = `k${Math.floor(r() * 400)}`;
    m.set(id, i);
    plain.set(id, i);
  }
  for (let round = 0; round < 200; round++) {
    const writes = Math.floor(r() * 40);
    for (let w = 0; w < writes; w++) {
      const id = `k${Math.floor(r() * 500)}`;
      if (r() < 0.3) {
        m.delete(id);
        plain.delete(id);
      } else {
        m.set(id, round * 1000 + w);
        plain.set(id, round * 1000 + w);
      }
    }
    t.is(m.size, plain.size);
    const snap = m.snapshot();
    kept.push({ snap, copy: new Map(plain) });
  }
  for (const { snap, copy } of kept) {
    t.is(snap.size, copy.size);
    t.deepEqual(new Map([...snap].sort()), new Map([...copy].sort()));
    for (const id of ['k0', 'k1', 'k250', 'k499', 'nope']) {
      t.is(snap.get(id), copy.get(id));
      t.is(snap.has(id), copy.has(id));
    }
    t.is([...snap.keys()].length, copy.size);
    t.is([...snap.values()].length, copy.size);
  }
});

test('a snapshot is the same object until something is written, and says which ids were written since an earlier one', (t) => {
  const m = new VersionedMap<string>();
  m.set('a', 'A');
  m.set('b', 'B');
  const s1 = m.snapshot();
  t.is(m.snapshot(), s1);
  m.delete('nothing');
  t.is(m.snapshot(), s1, 'deleting what is not there changes nothing');
  m.set('a', 'A2');
  m.set('c', 'C');
  m.set('a', 'A3');
  const s2 = m.snapshot();
  t.not(s2, s1);
  m.delete('b');
  const s3 = m.snapshot();
  t.deepEqual(s2.changedSince(s1)?.sort(), ['a', 'c']);
  t.deepEqual(s3.changedSince(s1)?.sort(), ['a', 'b', 'c']);
  t.deepEqual(s3.changedSince(s3), []);
  t.is(s1.changedSince(s3), null, 'not backwards');
  t.is(s3.changedSince(new Map()), null, 'not from a plain map');
  t.deepEqual([...s1], [['a', 'A'], ['b', 'B']]);
  t.deepEqual([...s3], [['a', 'A3'], ['c', 'C']]);
});

test('a snapshot is a read-only Map', (t) => {
  const m = new VersionedMap<number>();
  m.set('x', 1);
  const s = m.snapshot();
  t.true(s instanceof Map);
  t.throws(() => s.set('y', 2), { instanceOf: TypeError });
  t.throws(() => s.delete('x'), { instanceOf: TypeError });
  t.throws(() => s.clear(), { instanceOf: TypeError });
  const seen: [number, string][] = [];
  s.forEach((v, k) => seen.push([v, k]));
  t.deepEqual(seen, [[1, 'x']]);
  t.deepEqual(new Map(s), new Map([['x', 1]]));
  t.is(s.get('x'), 1);
});
