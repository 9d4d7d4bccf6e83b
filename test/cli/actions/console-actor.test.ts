import test from 'ava';
import { consoleActor } from '../../../cli/actions/console-actor.js';
import type { ConsoleActorOptions } from '../../../cli/actions/console-actor.js';
import type { ActionReply, ActionRequestBody } from '../../../daemon/actions/protocol.js';
import type { ModelView, SendAction } from '../../../daemon/query/client.js';
import type { ActionResponder, ActionVerb } from '../../../events/action.js';
import { fold } from '../../../events/inventory.js';
import type { Vm } from '../../../events/vm.js';
import { aContainerObserved, aContainerSnapshot } from '../../support/builders.js';

const C1 = '3f2a9c4e1b2d' + '0'.repeat(52);
const C2 = '77aa00000000' + '1'.repeat(52);
const VM = 'f2fff0de-285c-4c60-b760-66313397a060';
const model = (): ModelView => {
  const inv = fold([
    aContainerObserved({ container: aContainerSnapshot({ containerId: C1, name: 'web' }), host: 'local' }),
    aContainerObserved({ container: aContainerSnapshot({ containerId: C2, name: 'evil\u001b[2Jname' }), host: 'b' }),
  ]);
  return { ...inv, vms: new Map([[VM, { vmId: VM, name: 'db-1', host: 'compute-1' } as Vm]]), meta: null };
};

type Sent = { responder: ActionResponder; action: ActionVerb; body: ActionRequestBody };
const OPTS: ConsoleActorOptions = { readOnly: false, cloud: 'stacklab', reason: 'why not', timeoutMs: 1000, by: { user: 'ops', host: 'desk' } };

/** A fake daemon: `answer` per request (by the target's id), everything it was sent kept. */
const daemon = (sent: Sent[], answer: (body: ActionRequestBody) => ActionReply | Error): SendAction => (responder, action, body, timeoutMs) => {
  sent.push({ responder, action, body });
  if (timeoutMs !== 1000) throw new Error(`timeout ${timeoutMs}`);
  const a = answer(body);
  return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
};
const ok = (b: ActionRequestBody): ActionReply => ({ outcome: 'succeeded', requestId: b.requestId, detail: null, tookMs: 2100 });

test("a VM's restart is Nova's reboot, sent to the daemon of the console's cloud", async (t) => {
  const sent: Sent[] = [];
  const out = await consoleActor(OPTS)({ action: 'restart', targets: [{ kind: 'vm', id: VM }] }, { model: model(), send: daemon(sent, ok) });
  t.deepEqual(sent.map((s) => [s.responder, s.action, s.body.target, s.body.reason, s.body.by]), [
    [{ kind: 'openstack', name: 'stacklab' }, 'reboot', { kind: 'vm', id: VM, name: 'db-1', host: 'compute-1' }, 'why not', { user: 'ops', host: 'desk' }],
  ]);
  t.true(out.ok);
  t.regex(out.message, new RegExp(`^Rebooted VM 'db-1' \\(id ${VM}, cloud stacklab, host compute-1\\) in 2\\.1 s\\. Recorded as request [\\w-]{36}\\.$`));
});

test('read-only refuses without sending anything', async (t) => {
  const sent: Sent[] = [];
  const out = await consoleActor({ ...OPTS, readOnly: true })({ action: 'stop', targets: [{ kind: 'container', id: C1 }] }, { model: model(), send: daemon(sent, ok) });
  t.deepEqual(out, { ok: false, message: 'Actions are off (read-only): nothing was sent.' });
  t.deepEqual(sent, []);
});

test('several targets: the failures are named (sanitised), the rest counted; a target gone from the model is not sent', async (t) => {
  const sent: Sent[] = [];
  const send = daemon(sent, (b) => (b.target.id === C2 ? { outcome: 'refused', requestId: b.requestId, why: 'the daemon is read-only' } : ok(b)));
  const gone = 'dead' + '0'.repeat(60);
  const out = await consoleActor(OPTS)({ action: 'stop', targets: [{ kind: 'container', id: C1 }, { kind: 'container', id: C2 }, { kind: 'container', id: gone }] }, { model: model(), send });
  t.false(out.ok);
  t.is(sent.length, 2);
  t.deepEqual(sent.map((s) => s.responder.name).sort(), ['b', 'local'], 'each container goes to the daemon of its own engine');
  t.regex(out.message, /^Stopped 1 of 3 targets\. /);
  t.regex(out.message, /The daemon refused to stop container 'evil\\x1b\[2Jname' \(id 77aa00000000, host b\): the daemon is read-only\. The refusal is recorded\./);
  t.regex(out.message, new RegExp(`Container '${gone}' is not in the model\\.`));
  t.notRegex(out.message, /\u001b/);
});

test('a send that throws (no daemon, timeout) is an outcome, not an exception; hosts and views without actions are refused', async (t) => {
  const sent: Sent[] = [];
  const out = await consoleActor(OPTS)({ action: 'start', targets: [{ kind: 'container', id: C1 }] }, { model: model(), send: daemon(sent, () => new Error('socket hang up')) });
  t.deepEqual(out, { ok: false, message: "The start of container '3f2a9c4e1b2d' failed: socket hang up" });
  const host = await consoleActor(OPTS)({ action: 'stop', targets: [{ kind: 'host', id: 'local' }] }, { model: model(), send: daemon(sent, ok) });
  t.deepEqual(host, { ok: false, message: 'A host cannot be acted on: actions work on containers and VMs.' });
  t.is(sent.length, 1);
});
