import test from 'ava';
import { ConfigError } from '../../../events/errors.js';
import { emptyContexts } from '../../../cli/context/context.js';
import type { ContextsData } from '../../../cli/context/context.js';
import { resolveConnection } from '../../../cli/context/resolve.js';

const data = (): ContextsData => ({
  version: 1,
  current: 'prod',
  contexts: {
    prod: { nats: ['nats://js1:4222', 'nats://js2:4222'], prefix: 'p', user: 'berth', passwordEnv: 'PROD_PW', tlsCa: '/etc/ca.pem', engines: ['unix:///var/run/docker.sock'], cloud: 'prodcloud' },
    lab: { nats: ['nats://lab:4222'], tokenEnv: 'LAB_TOKEN' },
    bare: {},
  },
});

test('with no context and no flags the defaults apply', (t) => {
  const c = resolveConnection({}, emptyContexts(), {});
  t.deepEqual(c, { url: undefined, prefix: 'berth', auth: undefined, engines: undefined, cloud: undefined, context: undefined, implicit: true });
});

test('the current context gives servers, prefix, credentials from its variable, TLS, engines and cloud', (t) => {
  const c = resolveConnection({}, data(), { PROD_PW: 'pw-from-env' });
  t.is(c.url, 'nats://js1:4222,nats://js2:4222');
  t.is(c.prefix, 'p');
  t.deepEqual(c.auth, { user: 'berth', pass: 'pw-from-env', token: undefined, nkeyFile: undefined, credsFile: undefined, tls: { caFile: '/etc/ca.pem', certFile: undefined, keyFile: undefined } });
  t.deepEqual(c.engines, ['unix:///var/run/docker.sock']);
  t.is(c.cloud, 'prodcloud');
  t.is(c.context, 'prod');
  t.true(c.implicit);
});

test('a flag (or its BERTH_* variable, which oclif puts in the flag) wins over the context, field by field', (t) => {
  const c = resolveConnection({ nats: 'nats://other:4222', prefix: 'q' }, data(), { PROD_PW: 'x' });
  t.is(c.url, 'nats://other:4222');
  t.is(c.prefix, 'q');
  t.is(c.auth?.user, 'berth', 'credentials still come from the context');
  t.false(c.implicit);
});

test('--context picks another context for one command', (t) => {
  const c = resolveConnection({ context: 'lab' }, data(), { LAB_TOKEN: 'tok-123' });
  t.is(c.url, 'nats://lab:4222');
  t.is(c.prefix, 'berth');
  t.is(c.auth?.token, 'tok-123');
  t.is(c.context, 'lab');
  t.false(c.implicit);
});

test('credential flags replace the context credentials as a whole, TLS flags its TLS', (t) => {
  const c = resolveConnection({ 'nats-token': 't0k', 'nats-ca': '/tmp/other-ca.pem' }, data(), {});
  t.deepEqual(c.auth, { user: undefined, pass: undefined, token: 't0k', nkeyFile: undefined, credsFile: undefined, tls: { caFile: '/tmp/other-ca.pem', certFile: undefined, keyFile: undefined } });
});

test('a context naming an unset variable is a configuration error naming the variable, never a silent anonymous connection', (t) => {
  const err = t.throws(() => resolveConnection({}, data(), {}), { instanceOf: ConfigError });
  t.regex(err.message, /Context 'prod' takes the NATS password from the environment variable PROD_PW, which is not set\./);
});

test('an unknown context is a configuration error listing the known ones', (t) => {
  const err = t.throws(() => resolveConnection({ context: 'nope' }, data(), {}), { instanceOf: ConfigError });
  t.is(err.message, "Context 'nope' does not exist.");
  t.regex(err.hint ?? '', /prod, lab, bare/);
});

test('an empty context changes nothing but is still the one in use', (t) => {
  const c = resolveConnection({ context: 'bare' }, data(), {});
  t.is(c.url, undefined);
  t.is(c.auth, undefined);
  t.is(c.context, 'bare');
});
