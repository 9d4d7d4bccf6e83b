import test from 'ava';
import { aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

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

test('y sends the request for the marked rows and shows the outcome: before issue 7, that actions are not available', async (t0) => {
  const client = FakeQueryClient.with(box('a', 1), box('b', 2), box('c', 3));
  const c = await renderConsole(client);
  await c.press(' ', 'j', 'j', ' ');
  let f = await c.press('r');
  t0.regex(f, /Restart 2 targets: container 'a' \(111111111111\) on h1, container 'c' \(333333333333\) on h1\?/);
  await c.press('y');
  f = await c.until(/not available yet/);
  t0.regex(f, /Actions are not available yet \(issue 7\): nothing was sent\./);
  t0.deepEqual(client.requests, [{ action: 'restart', targets: [{ kind: 'container', id: '1'.repeat(64) }, { kind: 'container', id: '3'.repeat(64) }] }]);
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
