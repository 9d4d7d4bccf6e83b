import test from 'ava';
import { RAW_INLINE_LIMIT } from '../../../events/envelope.js';
import { decodeOslo } from '../../../events/translate/oslo-envelope.js';
import { translateOpenStack } from '../../../events/translate/openstack/index.js';

const body = (pad: number): string => JSON.stringify({
  'oslo.version': '2.0',
  'oslo.message': JSON.stringify({
    message_id: `m-${pad}`, publisher_id: 'nova-compute:c1', event_type: 'compute.instance.update', priority: 'INFO', timestamp: '2026-11-25 03:00:00.000001',
    payload: { instance_id: '11111111-1111-4111-8111-000000000001', display_name: 'big', state: 'active', host: 'c1', tenant_id: 'p', metadata: { blob: 'x'.repeat(pad) } },
    _context_request_id: 'req-8a1c0000-0000-4000-8000-000000000001', _context_auth_token: 'gAAAA-secret',
  }),
});

test('a notification too large to keep inline keeps its request id beside its size and hash (events --request-id finds it)', (t) => {
  const big = decodeOslo(body(RAW_INLINE_LIMIT + 1000));
  if (!big.ok) return t.fail(big.reason);
  const [e] = translateOpenStack(big.message, '2026-11-25T03:00:01.000000000Z');
  t.is(e?.raw, undefined);
  t.like(e?.rawRef, { requestId: 'req-8a1c0000-0000-4000-8000-000000000001' });
  t.true((e?.rawRef?.bytes ?? 0) > RAW_INLINE_LIMIT);
  const small = decodeOslo(body(10));
  if (!small.ok) return t.fail(small.reason);
  const [s] = translateOpenStack(small.message, '2026-11-25T03:00:01.000000000Z');
  t.true(s?.raw?.includes('req-8a1c0000-0000-4000-8000-000000000001'));
  t.false(s?.raw?.includes('gAAAA-secret'));
});
