import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../../../events/errors.js';
import { buildContext } from '../../../cli/context/build.js';
import { UsageError } from '../../../cli/output/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-build-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'ca.pem'), 'x');
writeFileSync(join(dir, 'u.creds'), 'x');

test('references are stored: the variable name, and absolute paths of files that exist', (t) => {
  t.deepEqual(buildContext({ nats: ['nats://a:4222,nats://b:4222'], user: 'berth', 'password-env': 'NATS_PW', ca: 'ca.pem', engine: ['unix:///var/run/docker.sock'], cloud: 'c1' }, dir), {
    nats: ['nats://a:4222', 'nats://b:4222'], user: 'berth', passwordEnv: 'NATS_PW', tlsCa: join(dir, 'ca.pem'), engines: ['unix:///var/run/docker.sock'], cloud: 'c1',
  });
  t.deepEqual(buildContext({ creds: join(dir, 'u.creds') }, dir), { credsFile: join(dir, 'u.creds') });
});

test('a secret is refused unless --store-secret says to store it', (t) => {
  t.throws(() => buildContext({ user: 'u', password: 'hunter22' }), { instanceOf: UsageError, message: '--password would store a secret in the contexts file.' });
  t.throws(() => buildContext({ token: 'tok' }), { instanceOf: UsageError, message: '--token would store a secret in the contexts file.' });
  const e = t.throws(() => buildContext({ nats: ['nats://u:hunter22@h:4222'] }), { instanceOf: UsageError });
  t.is(e.message, 'A URL with credentials would store a secret in the contexts file.');
  t.notRegex(e.message + (e.hint ?? ''), /hunter22/);
  t.deepEqual(buildContext({ user: 'u', password: 'hunter22', 'store-secret': true }), { user: 'u', password: 'hunter22' });
});

test('a value given where a variable name belongs is refused without echoing it whole', (t) => {
  const e = t.throws(() => buildContext({ user: 'u', 'password-env': 'correct horse battery staple and more words' }), { instanceOf: UsageError });
  t.notRegex(e.message, /battery staple/);
});

test('conflicting or incomplete credentials are usage errors', (t) => {
  t.throws(() => buildContext({ user: 'u' }), { instanceOf: UsageError, message: /needs --password-env/ });
  t.throws(() => buildContext({ 'password-env': 'P' }), { instanceOf: UsageError, message: 'A password needs a --user.' });
  t.throws(() => buildContext({ 'token-env': 'T', creds: join(dir, 'u.creds') }), { instanceOf: UsageError, message: /one way to authenticate/ });
  t.throws(() => buildContext({ cert: join(dir, 'ca.pem') }), { instanceOf: UsageError, message: /both --cert and --key/ });
});

test('a missing file and a URL that is not a NATS server are clear errors', (t) => {
  t.throws(() => buildContext({ nkey: 'nope.seed' }, dir), { instanceOf: ConfigError, message: /--nkey .*nope\.seed'\) does not exist/ });
  t.throws(() => buildContext({ nats: ['http://h:80/path'] }), { instanceOf: UsageError, message: /is not a NATS server URL/ });
});
