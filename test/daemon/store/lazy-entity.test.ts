import test from 'ava';
import { lazyPairs } from '../../../daemon/store/lazy-entity.js';

const block = (pairs: readonly (readonly [string, unknown])[], lead = ''): Buffer => Buffer.from(lead + pairs.map((p) => JSON.stringify(p)).join(','), 'utf8');

const tricky = (): Record<string, unknown> => ({
  id: 'c1',
  name: 'we"b \\ 1 é 日本 😀',
  state: 'running',
  exitCode: -137,
  ratio: 1.5e-7,
  oom: false,
  ok: true,
  health: null,
  empty: '',
  labels: { host: 'not the host', 'a"b': 'x', nested: { host: 'deeper' } },
  ports: [{ host: '0.0.0.0', port: 80 }, [1, [2, '}]']]],
  'k\u00e9y': 'accented key',
  'quo"te': 'quoted key',
  '\u0000ctl': 'control key',
  host: 'docker-1',
  factTimes: { host: 't|1', state: 't|2' },
});

test('each entity reads as JSON.parse gives it: members, keys and their order, nested values, the whole', (t) => {
  const entities: [string, unknown][] = [['c1', tricky()], ['id "2" ✓', { ...tricky(), host: 'docker-2' }], ['e', {}]];
  const pairs = lazyPairs(block(entities, ','));
  t.deepEqual(pairs.map(([id]) => id), entities.map(([id]) => id));
  for (const [i, [, lazy]] of pairs.entries()) {
    const plain = (entities[i] as [string, Record<string, unknown>])[1];
    const e = lazy as Record<string, unknown>;
    for (const k of [...Object.keys(plain), 'missing', 'toString', 'constructor', 'hasOwnProperty']) t.deepEqual(e[k], plain[k], k);
    t.deepEqual(Object.keys(e), Object.keys(plain));
    t.is(JSON.stringify(e), JSON.stringify(plain));
    t.deepEqual({ ...e }, plain);
  }
});

test('a member holding an object or array parses the entity whole, once: later reads give the same objects', (t) => {
  const [[, lazy]] = lazyPairs(block([['c1', tricky()]])) as [[string, Record<string, unknown>]];
  const labels = lazy['labels'];
  t.deepEqual(labels, tricky()['labels']);
  t.is(lazy['labels'], labels);
  t.is(lazy['host'], 'docker-1');
  t.true('ports' in lazy);
  t.false('nope' in lazy);
});

test('writes, deletes and key order behave as on the parsed object', (t) => {
  const [[, lazy]] = lazyPairs(block([['c1', tricky()]])) as [[string, Record<string, unknown>]];
  const plain = tricky();
  lazy['state'] = 'exited';
  plain['state'] = 'exited';
  lazy['added'] = 1;
  plain['added'] = 1;
  t.true(delete lazy['name']);
  delete plain['name'];
  t.is(JSON.stringify(lazy), JSON.stringify(plain));
  t.deepEqual(Object.entries(lazy), Object.entries(plain));
});

test('a member read again gives the same value, also once the entity was written', (t) => {
  const [[, lazy]] = lazyPairs(block([['c1', tricky()]])) as [[string, Record<string, unknown>]];
  t.is(lazy['host'], 'docker-1');
  t.is(lazy['host'], 'docker-1');
  t.is(lazy['state'], 'running');
  t.is(lazy['state'], 'running');
  lazy['state'] = 'exited';
  t.is(lazy['state'], 'exited');
  t.is(lazy['host'], 'docker-1');
  t.is(JSON.stringify(lazy), JSON.stringify({ ...tricky(), state: 'exited' }));
});

test('a __proto__ member stays a member, as JSON.parse makes it', (t) => {
  const text = '["x",{"__proto__":{"polluted":true},"a":1}]';
  const [[, lazy]] = lazyPairs(Buffer.from(text)) as [[string, Record<string, unknown>]];
  const plain = (JSON.parse(`[${text}]`) as [[string, Record<string, unknown>]])[0][1];
  t.is(lazy['a'], 1);
  t.deepEqual(Object.keys(lazy), Object.keys(plain));
  t.is(JSON.stringify(lazy), JSON.stringify(plain));
  t.is((lazy as { polluted?: unknown }).polluted, undefined);
});

test('values that are not objects are given as they are; spaces between tokens are read', (t) => {
  const text = ' [ "a" , 1 ] , [ "b" , [ 1 , "x" ] ] ,[ "c" , { "k" : "v" , "n" : -2.5E3 , "z" : null } ] ';
  const pairs = lazyPairs(Buffer.from(text));
  t.deepEqual(pairs.map(([id, v]) => [id, JSON.parse(JSON.stringify(v))]), JSON.parse(`[${text}]`));
  const c = (pairs[2] as [string, Record<string, unknown>])[1];
  t.is(c['n'], -2500);
  t.is(c['z'], null);
});

test('random entities read member by member as JSON.parse gives them', (t) => {
  let seed = 11;
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const chars = ['a', 'b', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'é', '\n', '\u2028', '😀'];
  const str = (): string => Array.from({ length: rnd(6) }, () => chars[rnd(chars.length)]).join('');
  const value = (depth: number): unknown => {
    switch (rnd(depth > 2 ? 5 : 7)) {
      case 0: return str();
      case 1: return rnd(2000) - 1000;
      case 2: return rnd(2) === 0;
      case 3: return null;
      case 4: return rnd(1000) / 7;
      case 5: return Array.from({ length: rnd(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: rnd(4) }, () => [str(), value(depth + 1)]));
    }
  };
  for (let round = 0; round < 300; round++) {
    const entities = Array.from({ length: 1 + rnd(4) }, (_, i) => [`${str()}${i}`, Object.fromEntries(Array.from({ length: rnd(8) }, () => [str(), value(0)]))] as [string, Record<string, unknown>]);
    const pairs = lazyPairs(block(entities));
    for (const [i, [id, lazy]] of pairs.entries()) {
      const [plainId, plain] = entities[i] as [string, Record<string, unknown>];
      t.is(id, plainId);
      const e = lazy as Record<string, unknown>;
      for (const k of Object.keys(plain)) t.deepEqual(e[k], plain[k]);
      t.is(JSON.stringify(e), JSON.stringify(plain));
    }
  }
});

test('text that is not a list of pairs is refused', (t) => {
  t.throws(() => lazyPairs(Buffer.from('{"a":1}')));
  t.throws(() => lazyPairs(Buffer.from('["a" 1]')));
  t.throws(() => lazyPairs(Buffer.from('["a",{"b":"c}]')));
  t.deepEqual(lazyPairs(Buffer.from('')), []);
});

test('with each pair\'s size (as the index gives them) the block is cut where they say; sizes that do not fit it are not trusted', (t) => {
  const entities: [string, unknown][] = [['c1', tricky()], ['id "2" ✓', { ...tricky(), host: 'docker-2' }], ['e', {}]];
  const sizes = entities.map((p) => Buffer.byteLength(JSON.stringify(p)));
  for (const lead of ['', ',']) {
    const bytes = block(entities, lead);
    const want = JSON.stringify(lazyPairs(bytes));
    t.is(JSON.stringify(lazyPairs(bytes, sizes)), want);
    t.is((lazyPairs(bytes, sizes)[1]?.[1] as Record<string, unknown>)['host'], 'docker-2');
    for (const wrong of [sizes.map((s, i) => (i === 0 ? s + 1 : s)), sizes.map((s, i) => (i === 1 ? s - 3 : s)), sizes.slice(0, 2), [...sizes, 10], sizes.map(() => 0)]) {
      t.is(JSON.stringify(lazyPairs(bytes, wrong)), want, JSON.stringify(wrong));
    }
  }
});

test('sizes that fit are what cuts the block: the entities are not read through then', (t) => {
  // Text no scan reads (an unterminated string), laid out as its one size says.
  const bytes = Buffer.from('["a",{"k":"}]');
  t.throws(() => lazyPairs(bytes));
  t.deepEqual(lazyPairs(bytes, [bytes.length]).map(([id]) => id), ['a']);
});
