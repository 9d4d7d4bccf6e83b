import test from 'ava';
import { fieldDiff } from '../../events/field-diff.js';
import { parseWhen } from '../../events/when.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

test('parseWhen reads now, durations ago, ISO (naive = UTC) and Unix seconds', (t) => {
  t.is(parseWhen('now', NOW), '2026-11-23T12:00:00.000000000Z');
  t.is(parseWhen('10m', NOW), '2026-11-23T11:50:00.000000000Z');
  t.is(parseWhen('2h ago', NOW), '2026-11-23T10:00:00.000000000Z');
  t.is(parseWhen('-1d', NOW), '2026-11-22T12:00:00.000000000Z');
  t.is(parseWhen('2026-11-23T03:12', NOW), '2026-11-23T03:12:00.000000000Z');
  t.is(parseWhen('2026-11-23 03:12:00+01:00', NOW), '2026-11-23T02:12:00.000000000Z');
  t.is(parseWhen('1795433083', NOW), '2026-11-23T11:24:43.000000000Z');
  t.is(parseWhen('yesterday-ish', NOW), undefined);
  t.is(parseWhen('10 parsecs', NOW), undefined);
});

test('fieldDiff lists changed fields by path, arrays as wholes, and ignores bookkeeping', (t) => {
  t.deepEqual(fieldDiff({ state: 'created', ports: [], seq: 1, swarm: { serviceId: 'a' } }, { state: 'running', ports: [{ hostPort: 80 }], seq: 2, swarm: { serviceId: 'b' } }), [
    { path: 'state', before: 'created', after: 'running' },
    { path: 'ports', before: [], after: [{ hostPort: 80 }] },
    { path: 'swarm.serviceId', before: 'a', after: 'b' },
  ]);
  t.deepEqual(fieldDiff({ a: 1 }, { a: 1, updatedAt: 'x' }), []);
  t.deepEqual(fieldDiff({}, { name: 'web' }), [{ path: 'name', before: undefined, after: 'web' }]);
});

test('parseWhen accepts a date alone and a time without seconds, with or without a zone', (t) => {
  t.is(parseWhen('2026-11-23', NOW), '2026-11-23T00:00:00.000000000Z');
  t.is(parseWhen('2026-11-23T03:12Z', NOW), '2026-11-23T03:12:00.000000000Z');
  t.is(parseWhen('2026-11-23T03:12:07.5', NOW), '2026-11-23T03:12:07.500000000Z');
});

test('parseWhen refuses a duration reaching before 1970 and a zone offset no clock has', (t) => {
  const now = Date.parse('2026-11-25T03:00:00Z');
  t.is(parseWhen('99999d', now), undefined);
  t.is(parseWhen('20000d', now), `${new Date(now - 20_000 * 86_400_000).toISOString().slice(0, 19)}.000000000Z`);
  t.is(parseWhen('2026-11-25T03:00:00+99:99', now), undefined);
  t.is(parseWhen('2026-11-25T03:00:00+24:00', now), undefined);
  t.is(parseWhen('2026-11-25T03:00:00+05:30', now), '2026-11-24T21:30:00.000000000Z');
});
