import test from 'ava';
import { actOver } from '../../../daemon/query/console-act.js';
import type { ConsoleActor, SendAction } from '../../../daemon/query/console-act.js';
import type { ReadModelState } from '../../../events/read-model.js';
import { FakeQueryClient } from '../../support/fake-query-client.js';
import { aContainerObserved } from '../../support/builders.js';

const REQ = { action: 'stop', targets: [{ kind: 'container', id: 'c1' }] } as const;
const live = (): ReadModelState => FakeQueryClient.with(aContainerObserved()).getSnapshot();
const never: SendAction = () => Promise.reject(new Error('not to be called'));

test('without an actor nothing is sent, and the console is told so', async (t) => {
  t.deepEqual(await actOver(REQ, { actor: undefined, state: live(), sender: () => never }), { ok: false, message: 'This console was started without actions. Nothing was sent.' });
});

test('before a model is shown there is nothing to act on; without a connection the reason is shown', async (t) => {
  let called = 0;
  const actor: ConsoleActor = () => {
    called += 1;
    return Promise.resolve({ ok: true, message: 'done' });
  };
  const connecting = new FakeQueryClient({ connecting: true }).getSnapshot();
  t.deepEqual(await actOver(REQ, { actor, state: connecting, sender: () => never }), { ok: false, message: 'There is no model yet to find the target in. Nothing was sent.' });
  const lost = await actOver(REQ, { actor, state: live(), sender: () => { throw new Error("Not connected to NATS at 'nats://x:4222'."); } });
  t.deepEqual(lost, { ok: false, message: "Not connected to NATS at 'nats://x:4222'. Nothing was sent." });
  t.is(called, 0);
});

test('the actor gets the model on screen and the sender; an actor that throws is an outcome', async (t) => {
  const state = live();
  const seen: unknown[] = [];
  const actor: ConsoleActor = (req, ctx) => {
    seen.push(req, ctx.model, ctx.send);
    return Promise.resolve({ ok: true, message: 'Stopped.' });
  };
  t.deepEqual(await actOver(REQ, { actor, state, sender: () => never }), { ok: true, message: 'Stopped.' });
  t.deepEqual(seen, [REQ, state.status === 'live' ? state.model : null, never]);
  const bad: ConsoleActor = () => Promise.reject(new Error('bug'));
  t.deepEqual(await actOver(REQ, { actor: bad, state, sender: () => never }), { ok: false, message: 'The stop could not be sent: bug' });
});
