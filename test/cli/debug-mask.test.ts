import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { secretValues } from '../../cli/debug-mask.js';
import { ROOT } from '../support/daemon-harness.js';

test('secretValues: the values of the secret flags, both spellings, and of the secret variables; URLs are left to maskUrl', (t) => {
  const argv = ['hosts', '--nats-password', 'pw-one', '--nats-token=tok-two', '--nats', 'nats://u:p@h', '--nats-user', 'alice'];
  t.deepEqual(secretValues(argv, { BERTH_NATS_PASSWORD: 'pw-env', HOME: '/root' }), ['pw-one', 'tok-two', 'pw-env']);
  t.deepEqual(secretValues(['--nats-password'], {}), [], 'a flag without a value');
});

test('DEBUG=* shows oclif\'s argv and flags with the password, token and URL credentials masked', (t) => {
  // `berth keys` reads nothing from NATS: the debug lines of start-up are what is checked.
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), 'keys', '--nats', 'nats://bob:urlpass1@127.0.0.1:1', '--nats-password', 'flagpass1', '--nats-user', 'bob'], {
    env: { ...process.env, DEBUG: '*', BERTH_NATS_TOKEN: 'envtoken1' }, encoding: 'utf8', timeout: 60_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  t.regex(out, /oclif:main process\.argv/, 'the debug output is there');
  t.regex(out, /'--nats-password',\s+'\*\*\*'/);
  t.regex(out, /nats:\/\/bob:\*\*\*@127\.0\.0\.1:1/);
  for (const secret of ['urlpass1', 'flagpass1', 'envtoken1']) t.false(out.includes(secret), `${secret} printed`);
});
