import test from 'ava';
import { createHash } from 'node:crypto';
import { cacheKey } from '../../../cli/context/completion-cache.js';
import type { Connection } from '../../../cli/context/resolve.js';
import { sha256Hex } from '../../../cli/context/sha256.js';

const nodeSha = (text: string): string => createHash('sha256').update(text).digest('hex');

test('sha256Hex is node:crypto\'s SHA-256 for every length across the padding boundaries, and for non-ASCII text', (t) => {
  let s = '';
  for (let n = 0; n <= 300; n++) {
    t.is(sha256Hex(s), nodeSha(s), `length ${n}`);
    s += String.fromCharCode(33 + ((n * 7) % 90));
  }
  for (const text of ['', 'abc', 'ctx\nnats://user:pw@host:4222\nberth', 'é—µ😀 context', '\u0000\uffff', 'x'.repeat(10_000)]) t.is(sha256Hex(text), nodeSha(text), JSON.stringify(text.slice(0, 20)));
  // The FIPS 180-4 example.
  t.is(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('cacheKey names a connection\'s folder as before (SHA-256 of context, URL and prefix), and `default` when nothing was named', (t) => {
  const conn = (c: Partial<Connection>): Connection => ({ implicit: false, prefix: 'berth', ...c } as Connection);
  for (const c of [conn({ prefix: 'b-bench-vms' }), conn({ context: 'lab', url: 'nats://10.0.0.1:4222', prefix: 'prod' }), conn({ context: 'é', prefix: 'x' })]) {
    t.is(cacheKey(c), `k${nodeSha(`${c.context ?? ''}\n${c.url ?? ''}\n${c.prefix}`).slice(0, 16)}`);
  }
  t.is(cacheKey(conn({ implicit: true })), 'default');
});
