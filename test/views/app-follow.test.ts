// The cursor stays on its entity when rows change under it (k9s keeps the selection the same way).
import test from 'ava';
import { aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

const id = (n: number): string => n.toString(16).padStart(64, '0');
const box = (name: string, n: number) => aContainerObserved({ containerId: id(n), name, at: t(n) });

test('a container listed above the cursor leaves the cursor on its container: Enter opens that one, not the row now at its old place', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), box('bravo', 1), box('charlie', 2));
  const c = await renderConsole(client, { size: { columns: 120, rows: 30 } });
  await c.burst(':sort name\r');
  await c.press(KEY.down);
  client.push(box('alpha', 3), box('aardvark', 4));
  await c.until(/aardvark/);
  await c.press(KEY.enter);
  const f = await c.until(/container '(charlie|bravo|alpha|aardvark)'/);
  t0.regex(f, /container 'charlie'/);
  c.unmount();
});

test('a move by the operator still moves: after the rows changed, ↑ goes to the row above the followed one', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), box('bravo', 1), box('charlie', 2));
  const c = await renderConsole(client, { size: { columns: 120, rows: 30 } });
  await c.burst(':sort name\r');
  await c.press(KEY.down);
  client.push(box('alpha', 3));
  await c.until(/alpha/);
  await c.press(KEY.up);
  await c.press(KEY.enter);
  const f = await c.until(/container '(charlie|bravo|alpha)'/);
  t0.regex(f, /container 'bravo'/);
  c.unmount();
});

test('the cursor finds its container again after another view: a container listed above it meanwhile does not take its place', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), box('bravo', 1), box('charlie', 2));
  const c = await renderConsole(client, { size: { columns: 120, rows: 30 } });
  await c.burst(':sort name\r');
  await c.press(KEY.down);
  await c.burst(':vms\r');
  await c.until(/berth · VMs/);
  client.push(box('alpha', 3));
  await c.burst(':containers\r');
  await c.until(/alpha/);
  await c.press(KEY.enter);
  const f = await c.until(/container '(charlie|bravo|alpha)'/);
  t0.regex(f, /container 'charlie'/);
  c.unmount();
});

test('time travel to before a container above the cursor existed keeps the cursor on its container', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved({ at: t(0) }), box('bravo', 1), box('charlie', 2));
  client.push(box('alpha', 3600));
  const c = await renderConsole(client, { size: { columns: 120, rows: 30 }, now: () => Date.parse(t(4000).slice(0, 23) + 'Z') });
  await c.burst(':sort name\r');
  await c.press(KEY.down);
  await c.burst(`:at ${t(60).slice(0, 19)}Z\r`);
  await c.until(/⏪[\s\S]*containers 2\/2|containers 2\/2[\s\S]*⏪/);
  await c.press(KEY.enter);
  const f = await c.until(/container '(charlie|bravo|alpha)'/);
  t0.regex(f, /container 'bravo'/);
  c.unmount();
});
