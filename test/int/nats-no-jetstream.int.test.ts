import { spawn } from 'node:child_process';
import test from 'ava';
import { berth, eventually } from '../support/daemon-harness.js';
import { freePort } from '../support/nats-server.js';
import { listening } from '../../daemon/store/embedded.js';

test.serial('a NATS server without JetStream: the daemon tries a few times (a cluster may lack a responder for a moment), then exits 2 saying to run nats-server with -js', async (t) => {
  const port = await freePort();
  const server = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  t.teardown(() => {
    server.kill('SIGTERM');
  });
  await eventually(`nats-server on ${port}`, () => listening('127.0.0.1', port), 20_000);
  const r = await berth(['daemon', '--nats', `nats://127.0.0.1:${port}`, '--no-docker', '--prefix', 'nojs']);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /The NATS server does not have JetStream enabled/);
  t.regex(r.stderr, /Run nats-server with -js/);
});
