import test from 'ava';
import { aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { rebind } from '../../views/keymap-config.js';
import { consoleActor } from '../../cli/actions/console-actor.js';
import { NoResponderError } from '../../daemon/actions/client.js';
import type { ActionReply, ActionRequestBody } from '../../daemon/actions/protocol.js';
import type { ActionResponder, ActionVerb } from '../../events/action.js';
import type { SendAction } from '../../daemon/query/client.js';

type Sent = { responder: ActionResponder; action: ActionVerb; body: ActionRequestBody };
const ME = { user: 'ops', host: 'desk' };

/** A daemon that answers every request with `reply` (its request id added), and keeps what it was sent. */
const daemon = (sent: Sent[], reply: () => Record<string, unknown>): SendAction => (responder, action, body) => {
  sent.push({ responder, action, body });
  return Promise.resolve({ ...reply(), requestId: body.requestId } as ActionReply);
};

const box = (name: string, n: number) => aContainerObserved({ containerId: String(n).repeat(64).slice(0, 64), name, at: t(n) });

test('s asks before stopping, naming the container; n cancels and nothing is sent', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), box('web', 1));
  const c = await renderConsole(client);
  let f = await c.press('s');
  t0.regex(f, /Stop container 'web' \(111111111111\) on h1\?/);
  t0.regex(f, /y: yes, stop\s+n \/ esc: no/);
  f = await c.press('n');
  t0.notRegex(f, /Stop container/);
  t0.deepEqual(client.requests, []);
  c.unmount();
});

test('y sends the marked rows through the CLI\'s actor: each to the daemon of its engine, with who and why, and the outcome is shown', async (t0) => {
  const client = FakeQueryClient.with(box('a', 1), box('b', 2), box('c', 3));
  const sent: Sent[] = [];
  client.actor = consoleActor({ readOnly: false, cloud: 'lab', reason: 'INC-1: test', timeoutMs: 5000, by: ME });
  client.send = daemon(sent, () => ({ outcome: 'succeeded', detail: null, tookMs: 1200 }));
  const c = await renderConsole(client);
  await c.press(' ', 'j', 'j', ' ');
  const f = await c.press('r');
  t0.regex(f, /Restart 2 targets: container 'a' \(111111111111\) on h1, container 'c' \(333333333333\) on h1\?/);
  t0.deepEqual(sent, [], 'nothing is sent before the confirmation');
  await c.press('y');
  t0.regex(await c.until(/Restarted 2 of 2/), /Restarted 2 of 2 targets; each is recorded \('berth events --source berth'\)\./);
  t0.deepEqual(client.requests, [{ action: 'restart', targets: [{ kind: 'container', id: '1'.repeat(64) }, { kind: 'container', id: '3'.repeat(64) }] }]);
  t0.deepEqual(sent.map((x) => [x.responder, x.action, x.body.target, x.body.by, x.body.reason]), [
    [{ kind: 'docker', name: 'h1' }, 'restart', { kind: 'container', id: '1'.repeat(64), name: 'a', host: 'h1' }, ME, 'INC-1: test'],
    [{ kind: 'docker', name: 'h1' }, 'restart', { kind: 'container', id: '3'.repeat(64), name: 'c', host: 'h1' }, ME, 'INC-1: test'],
  ]);
  t0.not(sent[0]?.body.requestId, sent[1]?.body.requestId, 'one request id per target');
  c.unmount();
});

test('a confirmation of many targets names them on lines of their own, and counts those that do not fit; the list gives way to it', async (t0) => {
  const names = Array.from({ length: 12 }, (_, i) => `payments-worker-${String(i).padStart(2, '0')}-${'z'.repeat(24)}`);
  const client = FakeQueryClient.with(aHostObserved(), ...names.map((n, i) => aContainerObserved({ containerId: (i + 1).toString(16).padStart(2, '0').repeat(32), name: n, at: t(i + 1) })));
  const c = await renderConsole(client, { size: { columns: 80, rows: 24 } });
  const f = await c.press('A', 's');
  const lines = f.split('\n');
  t0.true(lines.some((l) => /^Stop 12 targets:\s*$/.test(l)), f);
  // Each named target whole on some line, and the rest counted: together all twelve.
  const named = names.filter((n) => f.includes(`container '${n}'`)).length;
  const more = Number(/… and (\d+) more\?/.exec(f)?.[1] ?? 0);
  t0.true(named >= 4, f);
  t0.is(named + more, 12, f);
  t0.true(lines.every((l) => l.length <= 80), 'no line wider than the terminal');
  t0.regex(f, /y: yes, stop\s+n \/ esc: no/);
  t0.is(lines.length, 24, 'the frame keeps to the terminal: the list gave the confirmation its lines');
  await c.press('n');
  t0.deepEqual(client.requests, []);
  c.unmount();
});

test('a rebound answer key is the one the confirmation shows, and the one that answers it', async (t0) => {
  const { keymap, errors } = rebind(DEFAULT_KEYMAP, { 'confirm.confirm': 'o', 'confirm.cancel': ['x', 'esc'] });
  t0.deepEqual(errors, []);
  const client = FakeQueryClient.with(aHostObserved(), box('web', 1));
  client.actOutcome = { ok: true, message: "Stopped container 'web'." };
  const c = await renderConsole(client, { keymap });
  const f = await c.press('s');
  t0.regex(f, /o: yes, stop\s+x \/ esc: no/);
  t0.notRegex(f, /y: yes/);
  t0.regex(await c.press('y'), /o: yes, stop/, 'y answers nothing once confirm is bound to o: still asking');
  t0.deepEqual(client.requests, []);
  await c.press('o');
  t0.regex(await c.until(/Stopped container 'web'\./), /Stopped container 'web'\./);
  t0.is(client.requests.length, 1);
  c.unmount();
});

test('what the engine refuses is shown as berth container prints it; so is a missing daemon', async (t0) => {
  const client = FakeQueryClient.with(box('web', 1));
  const sent: Sent[] = [];
  client.actor = consoleActor({ readOnly: false, cloud: 'lab', reason: null, timeoutMs: 5000, by: ME });
  client.send = daemon(sent, () => ({ outcome: 'failed', error: 'boom: no such container', status: 404, tookMs: 3 }));
  const c = await renderConsole(client, { size: { columns: 200, rows: 20 } });
  await c.press('s');
  await c.press('y');
  t0.regex(await c.until(/could not stop/), /Engine 'h1' could not stop container 'web' \(id 111111111111, host h1\): boom: no such container \(HTTP 404\)\./);
  client.send = () => Promise.reject(new NoResponderError({ kind: 'docker', name: 'h1' }));
  await c.press('S');
  await c.press('y');
  t0.regex(await c.until(/No daemon is responsible/), /No daemon is responsible for engine 'h1'/);
  c.unmount();
});

test('an action from the detail acts on that entity; a success is shown as such', async (t0) => {
  const client = FakeQueryClient.with(box('web', 1));
  client.actOutcome = { ok: true, message: "Stopped container 'web'." };
  const c = await renderConsole(client);
  await c.press(KEY.enter);
  t0.regex(await c.press('s'), /Stop container 'web'/);
  await c.press('y');
  t0.regex(await c.until(/Stopped container 'web'\./), /Stopped container 'web'\./);
  t0.is(client.requests[0]?.targets[0]?.id, '1'.repeat(64));
  c.unmount();
});

test('read-only mode hides the action keys from the footer and the help, and the keys do nothing', async (t0) => {
  const client = FakeQueryClient.with(box('web', 1));
  const c = await renderConsole(client, { readOnly: true });
  let f = c.frame();
  t0.notRegex(f, /<s> stop/);
  f = await c.press('s');
  t0.notRegex(f, /Stop container/);
  f = await c.press('?');
  t0.regex(f, /read-only: actions are off/);
  t0.notRegex(f, /stop \(asks first\)/);
  t0.deepEqual(client.requests, []);
  c.unmount();
});

test('views without actions say so instead of asking; so does the past', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), box('web', 1));
  const c = await renderConsole(client, { now: () => Date.parse('2026-11-23T12:00:00Z') });
  let f = await c.burst(':hosts\r');
  t0.notRegex(f, /<s> stop/, 'no action hints where none applies');
  f = await c.press('s');
  t0.regex(f, /There is nothing to stop in hosts: actions work on containers and VMs\./);
  await c.burst(':ps\r');
  await c.burst(':at 2026-11-23T11:00:00Z\r');
  await c.until(/⏪/);
  f = await c.press('s');
  t0.regex(f, /Actions act on the present: press L \(or :live\) to go back to live first\./);
  c.unmount();
});
