import { gzipSync } from 'node:zlib';
import test from 'ava';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { readCorpus } from '../../support/openstack-corpus.js';

const inner = { message_id: 'm1', publisher_id: 'compute.h1', event_type: 'compute.instance.update', priority: 'info', payload: { a: 1 }, timestamp: '2026-11-23 10:00:00.1', _context_request_id: 'req-1', _unique_id: 'u1' };

test('the 2.0 envelope is unwrapped and the inner message read', (t) => {
  const r = decodeOslo(JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }));
  if (!r.ok) return t.fail(r.reason);
  t.is(r.message.format, '2.0');
  t.is(r.message.messageId, 'm1');
  t.is(r.message.priority, 'INFO');
  t.is(r.message.uniqueId, 'u1');
  t.deepEqual(r.message.context, { request_id: 'req-1' });
  t.deepEqual(r.message.payload, { a: 1 });
});

test('the bare 1.0 form is read as the message itself', (t) => {
  const r = decodeOslo(JSON.stringify(inner));
  t.true(r.ok && r.message.format === '1.0' && r.message.eventType === 'compute.instance.update');
});

test('the real 1.0 and 2.0 bodies oslo.messaging produced decode', (t) => {
  for (const f of ['oslo/generated/nova-legacy-compute.instance.create.end-messaging-v1__notifications.info.body.json',
    'oslo/generated/nova-versioned-instance.create.end__versioned_notifications.info.body.json']) {
    const r = decodeOslo(readCorpus(f));
    t.true(r.ok, f);
  }
});

test('an unknown major oslo.version is rejected with a reason', (t) => {
  const r = decodeOslo(JSON.stringify({ 'oslo.version': '3.0', 'oslo.message': JSON.stringify(inner) }));
  t.deepEqual(r, { ok: false, reason: "unsupported oslo.version '3.0'" });
});

test('bodies that are not notifications are rejected, never thrown', (t) => {
  const bad = ['', 'not json', '[]', 'null', '{"oslo.version": "2.0", "oslo.message": 5}', '{"oslo.version": "2.0", "oslo.message": "{"}',
    JSON.stringify({ ...inner, message_id: '' }), JSON.stringify({ ...inner, event_type: 3 }), JSON.stringify({ ...inner, payload: undefined })];
  for (const b of bad) t.false(decodeOslo(b).ok, b);
  const r = decodeOslo(JSON.stringify({ ...inner, timestamp: undefined }));
  t.deepEqual(r, { ok: false, reason: "missing or empty 'timestamp'" });
});

test('the reasons say what is wrong: a number where a string belongs, a version that is no string or missing, a gzipped body without its header', (t) => {
  const inner = { message_id: 12345, publisher_id: 'compute.c1', event_type: 'compute.instance.update', timestamp: '2026-11-25 03:00:00', payload: {} };
  t.deepEqual(decodeOslo(JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) })), { ok: false, reason: "'message_id' is a number, not a string" });
  t.deepEqual(decodeOslo(JSON.stringify({ 'oslo.version': null, 'oslo.message': '{}' })), { ok: false, reason: "'oslo.version' is null, not a version string" });
  t.deepEqual(decodeOslo(JSON.stringify({ 'oslo.message': '{}' })), { ok: false, reason: "an 'oslo.message' without 'oslo.version'" });
  const gz = gzipSync(JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': '{}' })).toString('utf8');
  t.deepEqual(decodeOslo(gz), { ok: false, reason: 'body is not a JSON object: it looks gzipped, but no compression header said so' });
  t.deepEqual(decodeOslo('{not json'), { ok: false, reason: 'body is not a JSON object' });
});
