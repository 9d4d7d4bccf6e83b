import test from 'ava';
import { aContainerActivity, aContainerObserved, aContainerDestroyed, aHostObserved, aPublishedPort, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

const ID = 'a'.repeat(64);
const web = (o: Partial<Parameters<typeof aContainerObserved>[0]> = {}) =>
  aContainerObserved({ containerId: ID, name: 'web', ports: [aPublishedPort()], labels: { app: 'shop' }, at: t(1), ...o });

test('Enter shows the entity: its fields, its links across worlds and its recent history; Esc goes back', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), web(), aContainerActivity({ containerId: ID, action: 'attach', at: t(2) }));
  const c = await renderConsole(client, { size: { columns: 120, rows: 40 } });
  await c.press(KEY.enter);
  const f = await c.until(/ContainerActivity/);
  t0.regex(f, /containers › container 'web' \(aaaaaaaaaaaa\) on h1/);
  t0.regex(f, /Fields/);
  t0.regex(f, /Full ID\s+a{64}/);
  t0.regex(f, /Labels\s+app=shop/);
  t0.regex(f, /Links/);
  t0.regex(f, /runs on\s+host vm \(h1\) · reachable \(docker\)/);
  t0.regex(f, /publishes\s+port 0\.0\.0\.0:8080\/tcp/);
  t0.regex(f, /Recent history/);
  t0.regex(f, /ContainerObserved\s+container web \(aaaaaaaaaaaa\) running 0\.0\.0\.0:8080->80\/tcp on h1/);
  t0.regex(f, /ContainerActivity\s+ContainerActivity container aaaaaaaaaaaa on h1/);
  t0.regex(f, /<esc> back/);
  const back = await c.press(KEY.esc);
  t0.regex(back, /berth · containers 1\/1/);
  t0.notRegex(back, /Fields/);
  c.unmount();
});

test('an open detail follows the model: a change shows up, its history is read again, and a destroyed entity is marked gone', async (t0) => {
  const client = FakeQueryClient.with(aHostObserved(), web());
  const c = await renderConsole(client, { size: { columns: 120, rows: 40 } });
  await c.press(KEY.enter);
  const calls = client.historyCalls;
  client.push(web({ state: 'exited', exitCode: 137, at: t(5) }));
  let f = await c.until(/State\s+exited/);
  t0.regex(f, /Exit\s+137/);
  t0.true(client.historyCalls > calls, 'history is read again after a newer event about it');
  client.push(aContainerDestroyed({ containerId: ID, at: t(6) }));
  f = await c.until(/ContainerDestroyed/);
  t0.regex(f, /No longer in the model/);
  t0.regex(f, /Name\s+web/, 'the last fields seen stay on screen');
  t0.regex(f, /ContainerDestroyed/);
  c.unmount();
});

test('j/k scroll a long detail; the frame stays inside the terminal', async (t0) => {
  const labels = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`l${i}`, 'v']));
  const c = await renderConsole(FakeQueryClient.with(web({ labels })), { size: { columns: 80, rows: 12 } });
  let f = await c.press(KEY.enter);
  t0.regex(f, /Fields/);
  f = await c.press('G');
  t0.notRegex(f, /^Fields/m);
  t0.regex(f, /Recent history/);
  t0.true(f.split('\n').length <= 12);
  f = await c.press('g');
  t0.regex(f, /Fields/);
  c.unmount();
});

test('Enter on an event of the tail shows the event and its subject\'s history', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(aHostObserved(), web()), { size: { columns: 120, rows: 30 } });
  let f = await c.burst(':events\r');
  t0.regex(f, /berth · events 2\/2/);
  t0.regex(f, /ContainerObserved\s+container\s+aaaaaaaaaaaa/);
  await c.press(KEY.enter);
  f = await c.until(/runs on/);
  t0.regex(f, /ContainerObserved #2/);
  t0.regex(f, /Source\s+docker:h1/);
  t0.regex(f, /runs on\s+host/);
  c.unmount();
});
