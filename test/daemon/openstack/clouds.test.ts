import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { cloudsYamlCandidates, resolveCloud } from '../../../daemon/openstack/clouds.js';
import { tokenRequestBody } from '../../../daemon/openstack/token-body.js';
import { ConfigError } from '../../../events/errors.js';
import { tempDir } from '../../support/temp-dir.js';

/** A scratch cwd and home, each possibly with a clouds.yaml, removed when the test ends. */
const sandbox = (t: ExecutionContext, files: Readonly<Record<string, string>>): { cwd: string; home: string; root: string } => {
  const root = tempDir(t, 'berth-clouds');
  const cwd = join(root, 'cwd');
  const home = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(join(home, '.config', 'openstack'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(root, rel), text);
  return { cwd, home, root };
};

const LAB = `clouds:
  lab:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
`;

test('the standard places are searched in order: OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack, /etc/openstack', (t) => {
  t.deepEqual(cloudsYamlCandidates({ OS_CLIENT_CONFIG_FILE: '/x/c.yaml' }, '/w', '/h'), [
    '/x/c.yaml', '/w/clouds.yaml', '/h/.config/openstack/clouds.yaml', '/etc/openstack/clouds.yaml',
  ]);
});

test('OS_CLOUD names a cloud of clouds.yaml; its password may come from secure.yaml beside it', (t) => {
  const s = sandbox(t, { 'home/.config/openstack/clouds.yaml': LAB, 'home/.config/openstack/secure.yaml': 'clouds:\n  lab:\n    auth:\n      password: from-secure-yaml\n' });
  const c = resolveCloud({ env: { OS_CLOUD: 'lab' }, cwd: s.cwd, home: s.home });
  t.is(c.name, 'lab');
  t.is(c.origin, join(s.home, '.config', 'openstack', 'clouds.yaml'));
  t.is(c.regionName, 'RegionOne');
  t.is(c.interface, 'internal');
  t.deepEqual(c.auth, {
    type: 'password', authUrl: 'http://127.0.0.1:5000/v3', password: 'from-secure-yaml',
    user: { id: undefined, name: 'admin', domainId: undefined, domainName: 'Default' },
    scope: { projectId: undefined, projectName: 'admin', projectDomainId: undefined, projectDomainName: 'Default', domainId: undefined, domainName: undefined },
  });
});

test('./clouds.yaml is found before the one in the home directory, and --os-cloud beats OS_CLOUD', (t) => {
  const other = LAB.replace('lab:', 'other:').replace('username: admin', 'username: demo');
  const s = sandbox(t, { 'cwd/clouds.yaml': `${other}`, 'home/.config/openstack/clouds.yaml': LAB.replace('      username: admin', '      username: admin\n      password: p') });
  t.throws(() => resolveCloud({ env: { OS_CLOUD: 'other' }, cwd: s.cwd, home: s.home }), { instanceOf: ConfigError, message: /cloud 'other' in '.*cwd\/clouds\.yaml' has no password/ });
  const c = resolveCloud({ cloud: 'lab', env: { OS_CLOUD: 'other' }, cwd: s.cwd, home: s.home });
  t.is(c.origin, join(s.home, '.config', 'openstack', 'clouds.yaml'));
});

test('an application credential in clouds.yaml', (t) => {
  const s = sandbox(t, { 'cwd/clouds.yaml': 'clouds:\n  ac:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: https://keystone.example/v3\n      application_credential_id: 0123abc\n      application_credential_secret: shh-very-secret\n' });
  const c = resolveCloud({ cloud: 'ac', env: {}, cwd: s.cwd, home: s.home });
  t.deepEqual(c.auth, { type: 'v3applicationcredential', authUrl: 'https://keystone.example/v3', id: '0123abc', name: undefined, secret: 'shh-very-secret', user: { id: undefined, name: undefined, domainId: undefined, domainName: undefined } });
  t.deepEqual(tokenRequestBody(c.auth), { auth: { identity: { methods: ['application_credential'], application_credential: { id: '0123abc', secret: 'shh-very-secret' } } } });
});

test('TLS settings: cacert and verify: false from the file, and --os-cacert / --insecure beat them', (t) => {
  const s = sandbox(t, { 'cwd/clouds.yaml': LAB.replace('    region_name', '    cacert: /etc/ssl/lab-ca.pem\n    verify: false\n    region_name').replace('      username: admin', '      username: admin\n      password: p') });
  const c = resolveCloud({ cloud: 'lab', env: {}, cwd: s.cwd, home: s.home });
  t.is(c.cacert, '/etc/ssl/lab-ca.pem');
  t.true(c.insecure);
  const o = resolveCloud({ cloud: 'lab', env: {}, cwd: s.cwd, home: s.home, cacert: '/other/ca.pem' });
  t.is(o.cacert, '/other/ca.pem');
});

test('without a cloud name, the OS_* variables of an openrc file', (t) => {
  const c = resolveCloud({
    env: {
      OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'admin', OS_PASSWORD: 'pw', OS_PROJECT_NAME: 'admin',
      OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default', OS_REGION_NAME: 'RegionOne', OS_INTERFACE: 'public', OS_CACERT: '/ca.pem', OS_INSECURE: 'true',
    },
    files: [],
  });
  t.is(c.name, 'envvars');
  t.is(c.origin, 'OS_* variables');
  t.is(c.cacert, '/ca.pem');
  t.true(c.insecure);
  t.like(c.auth, { type: 'password', password: 'pw' });
  t.deepEqual(tokenRequestBody(c.auth), {
    auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'pw' } } }, scope: { project: { name: 'admin', domain: { name: 'Default' } } } },
  });
});

test('OS_APPLICATION_CREDENTIAL_* variables make an application credential', (t) => {
  const c = resolveCloud({ env: { OS_AUTH_URL: 'http://k/v3', OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_ID: 'id1', OS_APPLICATION_CREDENTIAL_SECRET: 's3' }, files: [] });
  t.like(c.auth, { type: 'v3applicationcredential', id: 'id1', secret: 's3' });
});

test('errors name what is missing and where berth looked, never a secret', (t) => {
  t.throws(() => resolveCloud({ env: {}, files: [] }), { instanceOf: ConfigError, message: /No OpenStack cloud is configured: neither --os-cloud, OS_CLOUD nor OS_AUTH_URL is set\./ });
  const s = sandbox(t, { 'cwd/clouds.yaml': LAB.replace('      username: admin', '      username: admin\n      password: hunter2-secret') });
  const missing = t.throws(() => resolveCloud({ cloud: 'nope', env: {}, cwd: s.cwd, home: s.home }), { instanceOf: ConfigError });
  t.notRegex(missing.message, /hunter2/);
  t.regex(missing.message, /Cloud 'nope' is not in any clouds\.yaml \(looked in '.*cwd\/clouds\.yaml', '.*\.config\/openstack\/clouds\.yaml', '\/etc\/openstack\/clouds\.yaml'\)/);
  t.throws(() => resolveCloud({ env: { OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'u' }, files: [] }), { message: /The cloud of the OS_\* variables has no password\./ });
  t.throws(() => resolveCloud({ env: { OS_AUTH_URL: 'http://k/v3', OS_AUTH_TYPE: 'token', OS_TOKEN: 'x' }, files: [] }), { message: /auth_type 'token', which berth does not support/ });
  const bad = sandbox(t, { 'cwd/clouds.yaml': 'clouds: [unterminated' });
  t.throws(() => resolveCloud({ cloud: 'lab', env: {}, cwd: bad.cwd, home: bad.home }), { instanceOf: ConfigError, message: /is not valid YAML/ });
});
