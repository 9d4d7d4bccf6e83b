import { join } from 'node:path';
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import { storeNames } from '../../daemon/store/names.js';
import { connectNats } from '../../daemon/store/connect.js';
import { AMQP_URL, deleteQueue, novaVersioned, publishAll } from '../support/amqp.js';
import { berth, eventually, uniquePrefix } from '../support/daemon-harness.js';
import { fakeContainer, startFakeEngine } from '../support/fake-docker-engine.js';
import { report, tally } from '../support/faults.js';
import { makePki, startOwnNats } from '../support/nats-server.js';
import { spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { tempDir } from '../support/temp-dir.js';

const PASSWORD = 'fault-s3cret-pw';
const TOKENS = ['gAAAAfaultCtxToken123', 'gAAAAfaultNestedToken456', 'gAAAAfaultHeaderToken789'];

test('over NATS with a password and TLS: Keystone tokens nested in notifications never reach the stream, no secret reaches the logs, a wrong password is a clear exit 3, --read-only refuses actions, and the audit stream refuses delete and purge', async (t) => {
  t.timeout(300_000);
  // Registered first, so removed last: after the daemon and the NATS using its files have stopped.
  const home = tempDir(t, 'berth-faults-sec');
  const pki = await makePki(home);
  const s = await startOwnNats(`authorization { users = [ { user: berth, password: "${PASSWORD}" } ] }\ntls { cert_file: "${pki.serverCert}", key_file: "${pki.serverKey}", ca_file: "${pki.ca}", verify: true, timeout: 3 }`);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const box = fakeContainer(`${prefix}-box`);
  const fake = await startFakeEngine([box]);
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await fake.close();
    await deleteQueue(queue).catch(() => undefined);
    await s.stop();
  });
  const url = `tls://127.0.0.1:${s.port}`;
  const tls = ['--nats-ca', pki.ca, '--nats-cert', pki.clientCert, '--nats-key', pki.clientKey];
  const env = { BERTH_NATS_PASSWORD: PASSWORD, BERTH_CONFIG_DIR: join(home, 'config'), BERTH_CACHE_DIR: join(home, 'cache') };
  const conn = ['--prefix', prefix, '--nats', url, '--nats-user', 'berth', ...tls];

  const wrong = await berth(['daemon', '--no-docker', ...conn], { ...env, BERTH_NATS_PASSWORD: 'wrong-fault-pw' });
  t.is(wrong.code, 3, wrong.stderr);
  t.regex(wrong.stderr + wrong.stdout, /refused berth's credentials/);
  t.false((wrong.stderr + wrong.stdout).includes('wrong-fault-pw'), 'the wrong password is not printed');

  d = await spawnDaemon(['--engine', `fake=${fake.url}`, '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '--read-only', ...conn],
    /^(?=[\s\S]*consuming queue)(?=[\s\S]*resynced)/, env);
  const ids = Array.from({ length: 50 }, (_, i) => `${prefix}-tok-${i}`);
  const msgs = ids.map((id, i) => {
    const body = JSON.parse(novaVersioned({ messageId: id, uuid: `${id}-vm`, name: `${prefix}-${i}`, state: 'active', action: 'create', timestamp: '2026-11-23 10:00:00.000001' })) as Record<string, string>;
    const inner = JSON.parse(body['oslo.message'] ?? '{}') as Record<string, unknown>;
    inner['_context_auth_token'] = TOKENS[0];
    inner['_context_service_catalog'] = [{ endpoints: [{ url: 'http://keystone', token: TOKENS[1] }] }];
    (inner['payload'] as Record<string, Record<string, unknown>>)['nova_object.data'] = { ...(inner['payload'] as Record<string, Record<string, unknown>>)['nova_object.data'], request_headers: { 'X-Auth-Token': TOKENS[2] }, fault: `Unauthorized: X-Auth-Token: ${TOKENS[2]}` };
    return { exchange, routingKey: 'versioned_notifications.info', headers: {}, body: JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }) };
  });
  await publishAll([...msgs, { exchange, routingKey: 'notifications.error', headers: {}, body: `{"broken": "auth_token": "${TOKENS[0]}"` }]);
  const want = ids.map((id) => `os-${id}`);
  const nc = await connectNats(url, 'fault-test', { auth: { user: 'berth', pass: PASSWORD, tls: { caFile: pki.ca, certFile: pki.clientCert, keyFile: pki.clientKey } } });
  t.teardown(() => nc.close());
  await eventually('all 50 stored', async () => {
    const jsm = await jetstreamManager(nc);
    return (await jsm.streams.info(storeNames(prefix).stream)).state.messages >= 50 && (await jsm.streams.info(storeNames(prefix).dlqStream)).state.messages >= 1;
  }, 90_000);
  // Read through the test's own authenticated connection.
  const stored: string[] = [];
  let everything = '';
  const jsm = await jetstreamManager(nc);
  for (const name of [storeNames(prefix).stream, storeNames(prefix).dlqStream]) {
    const last = (await jsm.streams.info(name)).state.last_seq;
    for (let seq = 1; seq <= last; seq++) {
      const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
      if (m === null) continue;
      everything += m.string();
      if (name === storeNames(prefix).stream) stored.push(String((m.json<{ id?: string }>()).id));
    }
  }
  for (const tok of TOKENS) t.false(everything.includes(tok), `${tok} reached the stream or the dead letters`);
  t.true(everything.includes('***'), 'the tokens were replaced, their keys kept');

  // --read-only: the daemon refuses the action (the CLI is not read-only here), records the refusal, and the engine is not called.
  const act = await berth(['container', 'stop', box.name, '--yes', ...conn], env);
  t.not(act.code, 0, act.stdout);
  t.regex(act.stderr + act.stdout, /read-only/i);
  t.false(fake.requests.some((r) => r.startsWith('POST')), 'the engine got no action request');
  for (const args of [['container', 'kill', box.name], ['container', 'rm', box.name], ['vm', 'reboot', 'some-vm']]) {
    const r = await berth([...args, '--yes', ...conn], env);
    t.not(r.code, 0, `${args.join(' ')}: ${r.stdout}`);
  }

  // The audit stream refuses delete and purge.
  await t.throwsAsync(jsm.streams.deleteMessage(storeNames(prefix).stream, 1), { message: /delete/i });
  await t.throwsAsync(jsm.streams.purge(storeNames(prefix).stream), { message: /purge/i });

  await d.stop();
  const logs = d.out() + d.err();
  t.false(logs.includes(PASSWORD), 'the NATS password is not logged');
  for (const tok of TOKENS) t.false(logs.includes(tok), `${tok} is not logged`);
  report(t, { case: 'security: auth+TLS, tokens redacted', runs: 1, ...tally(want, stored) });
});
