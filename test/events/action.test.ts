import test from 'ava';
import type { ActionEvent } from '../../events/action.js';
import { summarizeEvent } from '../../events/describe.js';
import { fold } from '../../events/inventory.js';
import { parseRecord } from '../../events/parse.js';
import { actionRecord } from '../../daemon/actions/records.js';
import type { RequestFacts } from '../../daemon/actions/records.js';
import { aContainerDestroyed, aContainerObserved, aContainerSnapshot, t as at } from '../support/builders.js';
import { given } from '../support/spec.js';

const ID = 'c1';
const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  action: 'stop',
  responder: { kind: 'docker', name: 'h1' },
  body: {
    requestId: 'req-0001-abcd',
    target: { kind: 'container', id: ID, name: 'web', host: 'h1' },
    by: { user: 'alice', host: 'laptop' },
    reason: 'INC-4711: leaking memory',
    options: { timeSec: 5 },
  },
  ...over,
});

const requested = actionRecord('ActionRequested', facts(), { by: { user: 'alice', host: 'laptop' }, reason: 'INC-4711: leaking memory', options: { timeSec: 5 } }, at(1));
const succeeded = actionRecord('ActionSucceeded', facts(), { detail: null, tookMs: 1200 }, at(2));
const failed = actionRecord('ActionFailed', facts({ action: 'rm' }), { error: 'You cannot remove a running container c1.', status: 409, tookMs: 30 }, at(3));
const refused = actionRecord('ActionRefused', facts(), { why: "the daemon for engine 'h1' is read-only" }, at(4));
const all: ActionEvent[] = [requested, succeeded, failed, refused];

test('action events are stored on the target entity subject, from berth, with one id per step of a request', (t) => {
  t.deepEqual(all.map((e) => e.subject), all.map(() => ({ kind: 'container', id: ID })));
  t.deepEqual(all.map((e) => e.source), all.map(() => ({ kind: 'berth', host: 'h1' })));
  t.deepEqual(all.map((e) => e.id), ['act-req-0001-abcd-req', 'act-req-0001-abcd-ok', 'act-req-0001-abcd-fail', 'act-req-0001-abcd-refused']);
  t.is(requested.data.by.user, 'alice');
  t.is(requested.data.reason, 'INC-4711: leaking memory');
});

test('a VM action is stored on the VM subject', (t) => {
  const vm = actionRecord('ActionRequested', {
    action: 'reboot', responder: { kind: 'openstack', name: 'stacklab' },
    body: { requestId: 'req-0002-abcd', target: { kind: 'vm', id: 'f2fff0de-285c-4c60-b760-66313397a060', name: 'db-1', host: 'compute-1' }, by: { user: 'bob', host: 'ops' }, reason: null, options: {} },
  }, { by: { user: 'bob', host: 'ops' }, reason: null, options: {} }, at(1));
  t.deepEqual(vm.subject, { kind: 'vm', id: 'f2fff0de-285c-4c60-b760-66313397a060' });
  t.is(summarizeEvent(vm), 'reboot vm db-1 (f2fff0de-285) on cloud stacklab requested by bob@ops');
});

test('stored action records read back as current events (known types and versions)', (t) => {
  all.forEach((e, i) => {
    const r = parseRecord(JSON.stringify(e), i + 1);
    t.true(r.ok, r.ok ? '' : r.reason);
    if (r.ok) t.deepEqual(r.event, { ...e, seq: i + 1 });
  });
});

test('the fold counts action events and changes no entity: the engine reports what the action did', (t) => {
  const seen = aContainerObserved({ container: aContainerSnapshot({ containerId: ID, name: 'web', state: 'running' }), at: at(0) });
  given(seen)
    .when(...all)
    .then((inv) => {
      const before = fold([seen]);
      t.deepEqual(inv.containers.get(ID), before.containers.get(ID));
      t.is(inv.counters.events, 1 + all.length);
      t.is(inv.hosts.size, before.hosts.size);
    });
});

test('an action recorded after the container was removed does not bring it back', (t) => {
  given(aContainerObserved({ container: aContainerSnapshot({ containerId: ID, name: 'web', state: 'exited' }), at: at(0) }), aContainerDestroyed({ containerId: ID, at: at(0.5) }))
    .when(failed, succeeded)
    .then((inv) => {
      t.false(inv.containers.has(ID));
    });
});

test('each action event is one summary line: what, on which target, who and why, and the outcome', (t) => {
  t.deepEqual(all.map((e) => summarizeEvent(e)), [
    'stop container web (c1) on h1 requested by alice@laptop: INC-4711: leaking memory',
    'stop container web (c1) on h1 succeeded',
    'rm container web (c1) on h1 failed (409): You cannot remove a running container c1.',
    "stop container web (c1) on h1 refused: the daemon for engine 'h1' is read-only",
  ]);
});
