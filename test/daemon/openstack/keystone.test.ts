import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import test from 'ava';
import { KeystoneAuthError, OpenStackApiError, OpenStackUnreachableError, openCloud } from '../../../daemon/openstack/keystone.js';
import type { CloudConfig } from '../../../daemon/openstack/clouds.js';
import { DEFAULT_USER, startFakeKeystone } from '../../support/fake-keystone.js';
import type { FakeKeystoneOptions } from '../../support/fake-keystone.js';
import { makePki } from '../../support/nats-server.js';
import { tempDir } from '../../support/temp-dir.js';

const servers = (res: ServerResponse): boolean => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ servers: [] }));
  return true;
};

const passwordCloud = (authUrl: string, password = DEFAULT_USER.password, extra: Partial<CloudConfig> = {}): CloudConfig => ({
  name: 'unit', origin: 'test', regionName: undefined, interface: 'public', cacert: undefined, cert: undefined, key: undefined, insecure: false,
  auth: { type: 'password', authUrl, password, user: { name: 'admin', domainName: 'Default' }, scope: { projectName: 'admin', projectDomainName: 'Default' } },
  ...extra,
});

const withKeystone = async (o: FakeKeystoneOptions, fn: (ks: Awaited<ReturnType<typeof startFakeKeystone>>) => Promise<void>): Promise<void> => {
  const ks = await startFakeKeystone({ services: { compute: '/compute' }, route: (_req, res) => servers(res), ...o });
  try {
    await fn(ks);
  } finally {
    await ks.close();
  }
};

test('a token is fetched once and reused for later calls', async (t) => {
  await withKeystone({}, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl) });
    await cloud.request('compute', 'GET', '/servers/detail');
    await cloud.request('compute', 'GET', '/servers/detail');
    await Promise.all([cloud.token(), cloud.token(), cloud.request('compute', 'GET', '/servers')]);
    t.is(ks.logins, 1);
    t.deepEqual(ks.calls, ['GET /compute/servers/detail', 'GET /compute/servers/detail', 'GET /compute/servers']);
    t.is(await cloud.endpoint('compute'), `${ks.base}/compute`);
    t.deepEqual(await cloud.scope(), { projectId: 'p-admin', userId: 'u-admin', roles: ['admin', 'member', 'reader'] });
    await cloud.close();
  });
});

test('the password request is scoped to the project in the domain the cloud names', async (t) => {
  await withKeystone({}, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl) });
    await cloud.token();
    t.deepEqual(ks.authBodies[0], {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: DEFAULT_USER.password } } },
        scope: { project: { name: 'admin', domain: { name: 'Default' } } },
      },
    });
    await cloud.close();
  });
});

test('a token is renewed before it expires, not after', async (t) => {
  let clock = Date.parse('2026-11-23T10:00:00Z');
  await withKeystone({ now: () => clock, ttlMs: 3_600_000 }, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl), now: () => clock, renewBeforeMs: 120_000 });
    const first = await cloud.token();
    clock += 3_600_000 - 121_000;
    t.is(await cloud.token(), first, 'still more than the margin left: reused');
    clock += 2_000;
    const second = await cloud.token();
    t.not(second, first, 'inside the margin: renewed');
    t.is(ks.logins, 2);
    await cloud.close();
  });
});

test('a 401 from a service (revoked token) renews the token once and retries', async (t) => {
  await withKeystone({}, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl) });
    await cloud.request('compute', 'GET', '/servers');
    ks.revokeAll();
    const r = await cloud.request('compute', 'GET', '/servers');
    t.is(r.status, 200);
    t.deepEqual(r.body, { servers: [] });
    t.is(ks.logins, 2);
    await cloud.close();
  });
});

test('a service that keeps answering 401 gets one retry, then a clear error', async (t) => {
  await withKeystone({ route: (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 401, message: 'The request you have made requires authentication.' } }));
    return true;
  } }, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl) });
    const err = await t.throwsAsync(cloud.request('compute', 'GET', '/servers'), { instanceOf: OpenStackApiError });
    t.is(err?.status, 401);
    t.regex(err?.message ?? '', /compute answered 401 to GET \/servers: The request you have made requires authentication/);
    t.is(ks.logins, 2);
    await cloud.close();
  });
});

test('an application credential authenticates by id and secret, with no scope', async (t) => {
  await withKeystone({ appCreds: [{ id: 'ac-1', name: 'berth', userId: DEFAULT_USER.id, secret: 'ac-secret-xyz' }] }, async (ks) => {
    const cfg = { ...passwordCloud(ks.authUrl), auth: { type: 'v3applicationcredential' as const, authUrl: ks.authUrl, id: 'ac-1', secret: 'ac-secret-xyz', user: {} } };
    const cloud = openCloud({ config: cfg });
    await cloud.request('compute', 'GET', '/servers');
    t.deepEqual(ks.authBodies[0], { auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac-1', secret: 'ac-secret-xyz' } } } });
    t.notRegex(cloud.describe(), /ac-secret-xyz/);
    await cloud.close();
  });
});

test('a wrong password is a clear error that names the cloud and user but never the password', async (t) => {
  await withKeystone({}, async (ks) => {
    const wrong = 'not-the-Pa55word';
    const cloud = openCloud({ config: passwordCloud(ks.authUrl, wrong) });
    const err = await t.throwsAsync(cloud.request('compute', 'GET', '/servers'), { instanceOf: KeystoneAuthError });
    t.is(err?.code, 'E_OPENSTACK_AUTH');
    t.regex(err?.message ?? '', /Keystone at 'http:\/\/127\.0\.0\.1:\d+\/v3' refused to issue a token for cloud 'unit' \(password as 'admin'.*401 The request you have made requires authentication/);
    t.notRegex(`${err?.message ?? ''} ${err?.hint ?? ''} ${JSON.stringify(err)}`, /not-the-Pa55word/);
    t.deepEqual(ks.calls, [], 'no service was called without a token');
    await cloud.close();
  });
});

test('a service error carries the service\'s own message', async (t) => {
  await withKeystone({ route: (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ itemNotFound: { code: 404, message: 'Instance x could not be found.' } }));
    return true;
  } }, async (ks) => {
    const cloud = openCloud({ config: passwordCloud(ks.authUrl) });
    const err = await t.throwsAsync(cloud.request('compute', 'GET', '/servers/x'), { instanceOf: OpenStackApiError });
    t.is(err?.apiMessage, 'Instance x could not be found.');
    await t.throwsAsync(cloud.endpoint('container'), { message: /has no 'public' endpoint for service type 'container'/ });
    t.false(await cloud.hasService('container'));
    await cloud.close();
  });
});

test('a Keystone that does not answer is reported as unreachable', async (t) => {
  const ks = await startFakeKeystone();
  const url = ks.authUrl;
  await ks.close();
  const cloud = openCloud({ config: passwordCloud(url), timeoutMs: 5000 });
  const err = await t.throwsAsync(cloud.token(), { instanceOf: OpenStackUnreachableError });
  t.regex(err?.message ?? '', /did not answer \(ECONNREFUSED/);
  await cloud.close();
});

test('TLS: the cloud is verified against cacert, refused without it, and accepted with insecure', async (t) => {
  const dir = tempDir(t, 'berth-ks-tls');
  const pki = await makePki(dir);
  await withKeystone({ tls: { cert: readFileSync(pki.serverCert), key: readFileSync(pki.serverKey) } }, async (ks) => {
    t.true(ks.authUrl.startsWith('https://'));
    const trusted = openCloud({ config: passwordCloud(ks.authUrl, undefined, { cacert: pki.ca }) });
    t.is((await trusted.request('compute', 'GET', '/servers')).status, 200);
    await trusted.close();
    const untrusted = openCloud({ config: passwordCloud(ks.authUrl) });
    const err = await t.throwsAsync(untrusted.token(), { instanceOf: OpenStackUnreachableError });
    t.regex(err?.hint ?? '', /cacert/);
    await untrusted.close();
    const wrongCa = openCloud({ config: passwordCloud(ks.authUrl, undefined, { cacert: pki.otherCa }) });
    await t.throwsAsync(wrongCa.token(), { instanceOf: OpenStackUnreachableError });
    await wrongCa.close();
    const insecure = openCloud({ config: passwordCloud(ks.authUrl, undefined, { insecure: true }) });
    t.is((await insecure.request('compute', 'GET', '/servers')).status, 200);
    await insecure.close();
  });
  t.throws(() => openCloud({ config: passwordCloud('https://127.0.0.1:1/v3', undefined, { cacert: join(dir, 'missing.pem') }) }), { message: /CA certificate file '.*missing\.pem' could not be read/ });
});
