import test from 'ava';
import { MAX_AHEAD_MS, notAhead } from '../../events/clock-skew.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { fromEpochMs, toEpochMs } from '../../events/time.js';

const READ = '2026-11-25T03:00:00.000000000Z';
const ev = (at: string): OpsEvent => ({ id: 'e', at, observedAt: READ, source: { kind: 'openstack', host: 'c1' }, v: 1, type: 'ContainerStarted', subject: { kind: 'container', id: 'c' }, data: { containerId: 'c' } }) as OpsEvent;

test('a source time up to 5 minutes after berth read the event is kept; later is replaced by the read time, with the skew', (t) => {
  const base = toEpochMs(READ);
  for (const at of ['2026-11-24T00:00:00.000000000Z', READ, fromEpochMs(base + MAX_AHEAD_MS)]) t.deepEqual(notAhead(ev(at)), { event: ev(at), skewMs: 0 }, at);
  const ahead = notAhead(ev(fromEpochMs(base + MAX_AHEAD_MS + 1000)));
  t.is(ahead.event.at, READ);
  t.is(ahead.skewMs, MAX_AHEAD_MS + 1000);
  const year9999 = notAhead(ev('9999-12-31T23:59:59.999999000Z'));
  t.is(year9999.event.at, READ);
  t.true(year9999.skewMs > 0);
});
