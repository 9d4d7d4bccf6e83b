import { gzipSync } from 'node:zlib';
import test from 'ava';
import { bodyText } from '../../../../daemon/sources/openstack/subscribe.js';

const message = (content: Buffer, headers: Record<string, unknown> = {}, contentEncoding?: string) =>
  ({ content, properties: { headers, contentEncoding } }) as unknown as Parameters<typeof bodyText>[0];

test('a gzip body (oslo compression header or content-encoding) is inflated', (t) => {
  const body = JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': '{}' });
  t.is(bodyText(message(gzipSync(body), { compression: 'gzip' })), body);
  t.is(bodyText(message(gzipSync(body), {}, 'gzip')), body);
  t.is(bodyText(message(Buffer.from(body))), body);
});

test('a gzip bomb stops inflating at the size limit with a reason, instead of taking gigabytes', (t) => {
  // 64 MiB of zeros gzip to about 64 KiB.
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  t.true(bomb.length < 128 * 1024);
  const err = t.throws(() => bodyText(message(bomb, { compression: 'gzip' }), 1024 * 1024));
  t.regex(err.message, /gzip body inflates past 1048576 bytes/);
});

test('a body that says gzip but is not gzip fails with a reason', (t) => {
  const err = t.throws(() => bodyText(message(Buffer.from('{"not":"gzip"}'), { compression: 'gzip' })));
  t.regex(err.message, /gzip body cannot be inflated/);
});
