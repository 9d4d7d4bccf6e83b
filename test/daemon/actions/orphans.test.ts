import test from 'ava';
import { OpenRequests, orphanGraceMs, ORPHAN_GRACE_MS } from '../../../daemon/actions/orphans.js';
import { actionRecord } from '../../../daemon/actions/records.js';
import type { RequestFacts } from '../../../daemon/actions/records.js';

const facts = (requestId: string, engine: string): RequestFacts => ({
  action: 'stop', responder: { kind: 'docker', name: engine },
  body: { requestId, target: { kind: 'container', id: 'c'.repeat(64), name: 'web', host: engine }, by: { user: 'ops', host: 'desk' }, reason: 'test', options: {} },
});
const T0 = '2026-11-25T03:00:00.000000000Z';
const START = '2026-11-25T03:05:00.000000000Z';
const NOW = '2026-11-25T03:07:00.000000000Z';

test('a request of this daemon\'s engine asked before its start and never answered is recorded as failed, outcome unknown; answered ones, other engines\' and newer ones are not', (t) => {
  const open = new OpenRequests();
  open.observe(actionRecord('ActionRequested', facts('r1', 'a'), { by: { user: 'ops', host: 'desk' }, reason: 'test', options: {} }, T0));
  open.observe(actionRecord('ActionRequested', facts('r2', 'a'), { by: { user: 'ops', host: 'desk' }, reason: null, options: {} }, T0));
  open.observe(actionRecord('ActionSucceeded', facts('r2', 'a'), { detail: null, tookMs: 5 }, T0));
  open.observe(actionRecord('ActionRequested', facts('r3', 'b'), { by: { user: 'ops', host: 'desk' }, reason: null, options: {} }, T0));
  open.observe(actionRecord('ActionRequested', facts('r4', 'a'), { by: { user: 'ops', host: 'desk' }, reason: null, options: {} }, NOW));
  const lost = open.lost([{ kind: 'docker', name: 'a' }], START, NOW);
  t.deepEqual(lost.map((e) => e.id), ['act-r1-fail']);
  const [rec] = lost;
  if (rec?.type !== 'ActionFailed') return t.fail();
  t.regex(rec.data.error, /stopped .* before it recorded the outcome: whether it was carried out is unknown/);
  t.is(rec.data.status, null);
  t.is(rec.data.tookMs, 7 * 60_000);
  t.deepEqual(rec.subject, { kind: 'container', id: 'c'.repeat(64) });
  t.is(rec.at, NOW);
  // Recorded, it closes the request.
  open.observe(rec);
  t.deepEqual(open.lost([{ kind: 'docker', name: 'a' }], START, NOW), []);
});

test('the grace is two minutes unless BERTH_ORPHAN_GRACE_MS says otherwise', (t) => {
  t.is(orphanGraceMs({}), ORPHAN_GRACE_MS);
  t.is(orphanGraceMs({ BERTH_ORPHAN_GRACE_MS: '500' }), 500);
  t.is(orphanGraceMs({ BERTH_ORPHAN_GRACE_MS: 'soon' }), ORPHAN_GRACE_MS);
});
