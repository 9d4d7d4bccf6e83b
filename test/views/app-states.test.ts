import test from 'ava';
import { aContainerObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

const web = (name: string, at: string, state: 'running' | 'exited' = 'running') => aContainerObserved({ containerId: `${name}-id`, name, state, at });

test('connecting says where it connects to', async (t0) => {
  const c = await renderConsole(new FakeQueryClient({ connecting: true }));
  const f = c.frame();
  t0.regex(f, /… connecting/);
  t0.regex(f, /Connecting to NATS at 'nats:\/\/fake:4222' \(prefix 'test'\)…/);
  c.unmount();
});

test('NATS unreachable before any model: the reason, what to do, and when berth tries again', async (t0) => {
  const client = new FakeQueryClient({ connecting: true });
  client.fail({ code: 'nats-unreachable', message: "NATS at 'nats://x:4222' did not answer (ECONNREFUSED).", hint: 'Check that NATS with JetStream runs there, or set BERTH_NATS_URL / --nats.' }, 5000);
  const c = await renderConsole(client);
  const f = await c.settle();
  t0.regex(f, /✗ nats-unreachable/);
  t0.regex(f, /did not answer \(ECONNREFUSED\)/);
  t0.regex(f, /set BERTH_NATS_URL/);
  t0.regex(f, /Trying again in 5s/);
  t0.regex(f, /q quits/);
  c.unmount();
});

test('no model yet: says the daemon never ran here and how to start it', async (t0) => {
  const client = new FakeQueryClient({ connecting: true });
  client.fail({ code: 'no-model', message: "There is no berth model for prefix 'x' in NATS at 'nats://y': the daemon has not run here.", hint: "Start it with 'berth daemon --prefix x' (same --nats)." });
  const c = await renderConsole(client);
  const f = await c.settle();
  t0.regex(f, /the daemon has not run here/);
  t0.regex(f, /berth daemon --prefix x/);
  c.unmount();
});

test('daemon down: the last model stays on screen, marked stale, with what to do', async (t0) => {
  const client = FakeQueryClient.with(web('web', t(1)));
  const c = await renderConsole(client);
  client.fail({ code: 'daemon-down', message: "No berth daemon answers on prefix 'x': the model is not being updated.", hint: "Start it with 'berth daemon --prefix x'." });
  const f = await c.settle();
  t0.regex(f, /◌ daemon-down/);
  t0.regex(f, /No berth daemon answers/);
  t0.regex(f, /Start it with 'berth daemon --prefix x'/);
  t0.regex(f, /web\s+h1\s+running/);
  client.push(web('web', t(2)));
  t0.regex(await c.settle(), /● live/, 'a daemon back (a fresh publish without the problem) is live again');
  c.unmount();
});

test('NATS lost after a model was shown: stale, reconnecting', async (t0) => {
  const client = FakeQueryClient.with(web('web', t(1)));
  const c = await renderConsole(client);
  client.fail({ code: 'nats-lost', message: "Lost the connection to NATS at 'nats://y'; reconnecting.", hint: 'What you see is the model as of its last change.' });
  const f = await c.settle();
  t0.regex(f, /◌ nats-lost/);
  t0.regex(f, /reconnecting/);
  c.unmount();
});

test('live shows the lag; a slow daemon gets a line saying how far behind it is', async (t0) => {
  const client = FakeQueryClient.with(web('web', t(1)));
  const c = await renderConsole(client);
  client.setLag(12, 0);
  t0.regex(await c.settle(), /● live · lag 12ms/);
  client.setLag(8400, 1200);
  const f = await c.settle();
  t0.regex(f, /lag 8\.4s · 1200 behind/);
  t0.regex(f, /The daemon is 8\.4s behind the log \(1200 events\)/);
  c.unmount();
});

test(':at moves the whole view to a past moment (as --at does) and :live comes back', async (t0) => {
  const client = FakeQueryClient.with(web('early', t(0)), web('late', t(3600)), web('early', t(7200), 'exited'));
  const c = await renderConsole(client, { now: () => Date.parse(t(7300).slice(0, 23) + 'Z') });
  let f = c.frame();
  t0.regex(f, /containers 2\/2/);
  await c.burst(':at 2026-11-23T10:30:00Z\r');
  f = await c.until(/containers 1\/1/);
  t0.regex(f, /⏪ 2026-11-23 10:30:00Z/);
  t0.regex(f, /The past: the model at 2026-11-23 10:30:00Z/);
  t0.regex(f, /containers 1\/1/);
  t0.regex(f, /early\s+h1\s+running/);
  f = await c.burst(':live\r');
  t0.regex(f, /● live/);
  t0.regex(f, /early\s+h1\s+exited/);
  c.unmount();
});

test('t opens the scrubber: ← steps back, [ ] change the step, Enter travels, L returns to live', async (t0) => {
  const nowMs = Date.parse(t(7300).slice(0, 23) + 'Z');
  const client = FakeQueryClient.with(web('early', t(0)), web('late', t(3600)));
  const c = await renderConsole(client, { now: () => nowMs });
  let f = await c.press('t');
  t0.regex(f, /time travel 2026-11-23 12:01:40Z\s+\(now\)\s+step 1m/);
  f = await c.press(']', ']');
  t0.regex(f, /step 1h/);
  f = await c.press(KEY.left, KEY.left);
  t0.regex(f, /time travel 2026-11-23 10:01:40Z\s+\(2h ago\)/);
  await c.press(KEY.enter);
  f = await c.until(/⏪ 2026-11-23 10:01:40Z.*\n(.*\n)*.*containers 1\/1|containers 1\/1(.*\n)*.*⏪/);
  t0.regex(f, /⏪ 2026-11-23 10:01:40Z/);
  t0.regex(f, /containers 1\/1/);
  f = await c.press('L');
  t0.regex(f, /containers 2\/2/);
  t0.regex(f, /● live/);
  c.unmount();
});
