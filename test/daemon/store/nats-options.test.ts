import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../../../events/errors.js';
import { natsTarget, parseServers } from '../../../daemon/store/nats-options.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-natsopt-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

test('servers lose their credentials and scheme; tls:// asks for TLS', (t) => {
  t.deepEqual(parseServers('nats://u:p%40ss@a:4222, b:5222,tls://c'), { servers: ['a:4222', 'b:5222', 'c:4222'], user: 'u', pass: 'p@ss', tls: true });
  t.deepEqual(parseServers('nats://tok3n@a:4222'), { servers: ['a:4222'], token: 'tok3n', tls: false });
});

test('credentials given apart from the URL win over the ones in it, and every secret is listed for masking', (t) => {
  const tg = natsTarget('nats://u:inurl@a:4222', { user: 'v', pass: 'flagpw' });
  t.is(tg.options.user, 'v');
  t.is(tg.options.pass, 'flagpw');
  t.deepEqual(tg.secrets, ['flagpw']);
  t.is(tg.masked, 'nats://u:***@a:4222');
  const tok = natsTarget('nats://a:4222', { token: 'tokentok' });
  t.is(tok.options.token, 'tokentok');
  t.deepEqual(tok.secrets, ['tokentok']);
});

test('TLS files are read into the options; a CA alone turns TLS on', (t) => {
  const ca = file('ca.pem', 'CA PEM');
  const tg = natsTarget('nats://a:4222', { tls: { caFile: ca } });
  t.is((tg.options.tls as { ca?: string }).ca, 'CA PEM');
  t.is(natsTarget('nats://a:4222').options.tls, undefined);
  t.deepEqual(natsTarget('tls://a:4222').options.tls, {});
});

test('an nkey seed file and a .creds file become authenticators; wrong contents are clear errors', (t) => {
  const seed = file('u.nk', 'SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY\n');
  t.is(typeof natsTarget('a:4222', { nkeyFile: seed }).options.authenticator, 'function');
  const pub = file('u.pub', 'UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4\n');
  t.throws(() => natsTarget('a:4222', { nkeyFile: pub }), { instanceOf: ConfigError, message: /does not hold a user seed/ });
  const creds = file('bad.creds', 'not a creds file');
  t.throws(() => natsTarget('a:4222', { credsFile: creds }), { instanceOf: ConfigError, message: /is not a \.creds file/ });
});

test('a missing file, a user without a password, a half client certificate and an unknown scheme are configuration errors', (t) => {
  t.throws(() => natsTarget('a:4222', { tls: { caFile: join(dir, 'missing.pem') } }), { instanceOf: ConfigError, message: /The NATS CA file '.*missing\.pem' could not be read \(ENOENT\)\./ });
  t.throws(() => natsTarget('a:4222', { user: 'u' }), { instanceOf: ConfigError, message: /without a password/ });
  t.throws(() => natsTarget('a:4222', { tls: { certFile: file('c.pem', 'x') } }), { instanceOf: ConfigError, message: /both --nats-cert and --nats-key/ });
  const e = t.throws(() => natsTarget('ws://u:hunter22@a:80'), { instanceOf: ConfigError });
  t.regex(e.message, /uses 'ws:\/\/', which berth does not support/);
  t.notRegex(e.message, /hunter22/);
});

test('servers given by IP address have their certificate checked against those addresses, not against localhost', (t) => {
  const byIp = natsTarget('tls://127.0.0.1:4222,tls://[::1]:4222').options.tls as { checkServerIdentity?: (h: string, c: { subject: { CN: string }; subjectaltname: string }) => Error | undefined };
  t.is(typeof byIp.checkServerIdentity, 'function');
  const cert = (san: string): { subject: { CN: string }; subjectaltname: string } => ({ subject: { CN: 'x' }, subjectaltname: san });
  t.is(byIp.checkServerIdentity?.('localhost', cert('IP Address:127.0.0.1')), undefined);
  t.true(byIp.checkServerIdentity?.('localhost', cert('DNS:localhost')) instanceof Error);
  t.is((natsTarget('tls://nats.example:4222').options.tls as { checkServerIdentity?: unknown }).checkServerIdentity, undefined, 'names are checked by Node as usual');
});
