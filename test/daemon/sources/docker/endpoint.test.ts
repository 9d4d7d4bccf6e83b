import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import test from 'ava';
import { DockerConfigError, endpointsFromEnv, parseEndpoint } from '../../../../daemon/sources/docker/endpoint.js';

const certDir = mkdtempSync(join(tmpdir(), 'berth-certs-'));
for (const f of ['ca', 'cert', 'key']) writeFileSync(join(certDir, `${f}.pem`), `${f}-bytes`);
const emptyDir = mkdtempSync(join(tmpdir(), 'berth-nocerts-'));
test.after.always(() => {
  rmSync(certDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});

const tlsEnv = { DOCKER_CERT_PATH: certDir };

test('without DOCKER_HOST the local socket is used, named after this host', (t) => {
  t.deepEqual(endpointsFromEnv({}), [
    { name: hostname(), url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' },
  ]);
  t.deepEqual(endpointsFromEnv({ DOCKER_HOST: '' }).map((e) => e.url), ['unix:///var/run/docker.sock']);
});

test('another unix socket is named by its path', (t) => {
  t.deepEqual(parseEndpoint('unix:///var/run/berth-lab-docker-b.sock', {}), {
    name: '/var/run/berth-lab-docker-b.sock',
    url: 'unix:///var/run/berth-lab-docker-b.sock',
    socketPath: '/var/run/berth-lab-docker-b.sock',
  });
  t.is(parseEndpoint('/run/docker.sock', {}).socketPath, '/run/docker.sock');
});

test('a name= prefix names the engine', (t) => {
  t.deepEqual(parseEndpoint('web1=tcp://10.0.0.5:2375', {}), {
    name: 'web1',
    url: 'tcp://10.0.0.5:2375',
    host: '10.0.0.5',
    port: 2375,
  });
  t.is(parseEndpoint('local=unix:///var/run/docker.sock', {}).name, 'local');
});

test('plain tcp is named host:port and has no TLS; the default port is 2375', (t) => {
  t.deepEqual(parseEndpoint('tcp://docker.example:2375', {}), {
    name: 'docker.example:2375',
    url: 'tcp://docker.example:2375',
    host: 'docker.example',
    port: 2375,
  });
  t.like(parseEndpoint('tcp://docker.example', {}), { port: 2375, name: 'docker.example:2375' });
});

test('port 2376 turns TLS on with certificates from DOCKER_CERT_PATH', (t) => {
  const ep = parseEndpoint('tcp://10.0.0.5:2376', tlsEnv);
  t.is(ep.tls?.ca.toString(), 'ca-bytes');
  t.is(ep.tls?.cert.toString(), 'cert-bytes');
  t.is(ep.tls?.key.toString(), 'key-bytes');
  t.true(ep.tls?.verify);
});

test('DOCKER_TLS_VERIFY set and not 0 turns TLS on for DOCKER_HOST; 0 or empty does not', (t) => {
  const [ep] = endpointsFromEnv({ DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_TLS_VERIFY: '1', ...tlsEnv });
  t.truthy(ep?.tls);
  t.is(parseEndpoint('tcp://10.0.0.5:2375', { DOCKER_TLS_VERIFY: '0', ...tlsEnv }).tls, undefined);
  t.is(parseEndpoint('tcp://10.0.0.5:2375', { DOCKER_TLS_VERIFY: '', ...tlsEnv }).tls, undefined);
  t.is(parseEndpoint('tcp://10.0.0.5', { DOCKER_TLS_VERIFY: '1', ...tlsEnv }).port, 2376);
});

test('https:// means TLS; http:// means none, whatever the env says', (t) => {
  t.like(parseEndpoint('https://10.0.0.5:443', tlsEnv), { url: 'https://10.0.0.5:443', port: 443, tls: { verify: true } });
  t.like(parseEndpoint('https://10.0.0.5', tlsEnv), { port: 2376 });
  t.is(parseEndpoint('http://10.0.0.5:2376', { DOCKER_TLS_VERIFY: '1', ...tlsEnv }).tls, undefined);
});

test('query parameters set TLS per engine and are left out of the url', (t) => {
  const ep = parseEndpoint(`b=tcp://127.0.0.1:2376?tls=1&certs=${certDir}`, {});
  t.like(ep, { name: 'b', url: 'tcp://127.0.0.1:2376', host: '127.0.0.1', port: 2376, tls: { verify: true } });
  t.is(parseEndpoint('tcp://127.0.0.1:2376?tls=0', {}).tls, undefined);
  t.false(parseEndpoint(`tcp://127.0.0.1:9999?tls=1&certs=${certDir}&verify=0`, {}).tls?.verify);
  t.is(parseEndpoint('tcp://127.0.0.1:9999?tls=1&certs=' + certDir, { DOCKER_CERT_PATH: emptyDir }).tls?.ca.toString(), 'ca-bytes');
});

test('an IPv6 host loses its brackets for connecting but keeps them in the url', (t) => {
  t.like(parseEndpoint('tcp://[::1]:2375', {}), { host: '::1', port: 2375, url: 'tcp://[::1]:2375', name: '[::1]:2375' });
});

test('DOCKER_HOST may list several engines separated by commas', (t) => {
  const eps = endpointsFromEnv({ DOCKER_HOST: 'a=unix:///var/run/docker.sock, tcp://10.0.0.9:2375' });
  t.deepEqual(eps.map((e) => e.name), ['a', '10.0.0.9:2375']);
});

test('a missing certificate file is a config error naming the file and DOCKER_CERT_PATH', (t) => {
  const err = t.throws(() => parseEndpoint('tcp://10.0.0.5:2376', { DOCKER_CERT_PATH: emptyDir }), { instanceOf: DockerConfigError });
  t.is(err?.code, 'E_CONFIG');
  t.is(err?.name, 'DockerConfigError');
  t.is(err?.message, `TLS file '${join(emptyDir, 'ca.pem')}' for Docker engine 'tcp://10.0.0.5:2376' could not be read (ENOENT).`);
  // What to do is the hint, printed after the message: once, not in both.
  t.is((err as DockerConfigError).hint, 'Set DOCKER_CERT_PATH (or DOCKER_CONFIG) to a directory holding ca.pem, cert.pem and key.pem, or add tls=0 to the engine URL.');
});

test('a missing certificate given by certs= points at certs=', (t) => {
  const err = t.throws(() => parseEndpoint(`tcp://10.0.0.5:2376?tls=1&certs=${emptyDir}`, {}), { instanceOf: DockerConfigError });
  t.true((err as DockerConfigError).hint?.includes('certs='));
  t.true(err?.message.includes(join(emptyDir, 'ca.pem')));
});

test('without DOCKER_CERT_PATH certificates are looked for in DOCKER_CONFIG, else ~/.docker', (t) => {
  const err = t.throws(() => parseEndpoint('tcp://10.0.0.5:2376', { HOME: emptyDir }), { instanceOf: DockerConfigError });
  t.true(err?.message.includes(join(emptyDir, '.docker', 'ca.pem')));
  t.truthy(parseEndpoint('tcp://10.0.0.5:2376', { HOME: emptyDir, DOCKER_CONFIG: certDir }).tls);
  const tilde = `~/${basename(certDir)}`;
  t.is(parseEndpoint(`tcp://10.0.0.5:2376?certs=${tilde}`, { HOME: dirname(certDir) }).tls?.key.toString(), 'key-bytes');
});

test('unsupported schemes and garbage are config errors that list the accepted forms', (t) => {
  for (const spec of ['ssh://me@host', 'npipe:////./pipe/docker_engine', 'localhost:2375', 'unix://', 'tcp://:2375']) {
    const err = t.throws(() => parseEndpoint(spec, {}), { instanceOf: DockerConfigError }, spec);
    t.is(err?.code, 'E_CONFIG');
    t.true(err?.message.includes('unix:///path'), spec);
  }
});
