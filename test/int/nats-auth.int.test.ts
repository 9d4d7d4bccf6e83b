import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { berth, eventually, ROOT, uniquePrefix } from '../support/daemon-harness.js';
import { operatorSetup } from '../support/nats-jwt.js';
import { makePki, startOwnNats } from '../support/nats-server.js';

// Own servers on free ports with a config requiring credentials or TLS (the shared NATS has none).
// Every run gets its own config and cache folders, so no context of the machine's user applies.
const home = mkdtempSync(join(tmpdir(), 'berth-auth-'));
// After every test's teardown, so the servers and daemons using its files have stopped.
test.after.always(() => rmSync(home, { recursive: true, force: true }));
const ENV = { BERTH_CONFIG_DIR: join(home, 'config'), BERTH_CACHE_DIR: join(home, 'cache') };
const cli = (args: readonly string[], env: Record<string, string> = {}): ReturnType<typeof berth> => berth(args, { ...ENV, ...env });

type Run = Readonly<{ stdout: string; stderr: string; code: number }>;

/** The answer of a model that no daemon has made yet: a clear not-found (exit 4), which proves the connection was accepted. */
const notFound = (t: ExecutionContext, r: Run, what: string): void => {
  t.is(r.code, 4, `${what}: ${r.stderr}${r.stdout}`);
  t.is((JSON.parse(r.stdout) as { error: { code: string } }).error.code, 'E_NOT_FOUND', what);
};

/** A refusal: exit 3, the reason said, and not one secret in anything printed. */
const refused = (t: ExecutionContext, r: Run, pattern: RegExp, secrets: readonly string[], what: string): void => {
  t.is(r.code, 3, `${what}: ${r.stderr}${r.stdout}`);
  t.regex(r.stderr + r.stdout, pattern, what);
  for (const s of secrets) t.false((r.stdout + r.stderr).includes(s), `${what}: '${s}' was printed`);
};

/** `berth daemon --no-docker` against a server: resolves with its output once running, or once it exited. */
const daemon = async (args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: () => string; stop: () => Promise<void> }> => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'daemon', '--no-docker', ...args], { cwd: ROOT, env: { ...process.env, ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await eventually('the daemon to run or exit', async () => child.exitCode !== null || /berth daemon running/.test(out), 60_000);
  return { code: child.exitCode, out: () => out, stop: async () => { if (child.exitCode === null) { child.kill('SIGTERM'); await exited; } } };
};

test.serial('user and password given as flags, in the URL, from BERTH_NATS_PASSWORD or through a context connect; a wrong or missing one exits 3 and is never printed', async (t) => {
  t.timeout(300_000);
  const s = await startOwnNats('authorization { users = [ { user: berth, password: "s3cret-pw-1" } ] }');
  t.teardown(() => s.stop());
  const url = `nats://127.0.0.1:${s.port}`;
  const prefix = uniquePrefix();
  const base = ['hosts', '--json', '--prefix', prefix];
  notFound(t, await cli([...base, '--nats', url, '--nats-user', 'berth', '--nats-password', 's3cret-pw-1']), 'flags');
  notFound(t, await cli([...base, '--nats', url, '--nats-user', 'berth'], { BERTH_NATS_PASSWORD: 's3cret-pw-1' }), 'variable');
  const inUrl = await cli([...base, '--nats', `nats://berth:s3cret-pw-1@127.0.0.1:${s.port}`]);
  notFound(t, inUrl, 'URL');
  t.false(inUrl.stdout.includes('s3cret-pw-1'), 'the not-found message names the server with its password masked');
  t.true(inUrl.stdout.includes(`nats://berth:***@127.0.0.1:${s.port}`));

  t.is((await cli(['context', 'add', 'secured', '--nats', url, '--prefix', prefix, '--user', 'berth', '--password-env', 'AUTH_TEST_PW', '--use'])).code, 0);
  notFound(t, await cli(['hosts', '--json'], { AUTH_TEST_PW: 's3cret-pw-1' }), 'context');
  refused(t, await cli(['hosts', '--json'], { AUTH_TEST_PW: 'wrong-pw-9' }), /refused berth's credentials/, ['wrong-pw-9'], 'context, wrong password');
  t.is((await cli(['context', 'use', '--none'])).code, 0);

  refused(t, await cli([...base, '--nats', url, '--nats-user', 'berth', '--nats-password', 'wrong-pw-9']), /"code": "E_UNREACHABLE"[\s\S]*refused berth's credentials \(Authorization Violation\)/, ['wrong-pw-9'], 'wrong password, --json');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', `nats://berth:wrong-pw-9@127.0.0.1:${s.port}`]), /NATS at 'nats:\/\/berth:\*\*\*@127\.0\.0\.1:\d+' refused berth's credentials/, ['wrong-pw-9'], 'wrong password in the URL');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', url]), /refused berth's credentials[\s\S]*--nats-user\/--nats-password/, [], 'no credentials');
});

test.serial('a daemon with no sources starts against a NATS requiring a password (berth hosts then answers an empty list); with a wrong password it exits 3 without printing it', async (t) => {
  t.timeout(300_000);
  const s = await startOwnNats('authorization { users = [ { user: berth, password: "s3cret-pw-2" } ] }');
  t.teardown(() => s.stop());
  const url = `nats://127.0.0.1:${s.port}`;
  const prefix = uniquePrefix();
  const d = await daemon(['--nats', url, '--prefix', prefix, '--nats-user', 'berth'], { BERTH_NATS_PASSWORD: 's3cret-pw-2' });
  t.teardown(() => d.stop());
  t.is(d.code, null, d.out());
  const hosts = await cli(['hosts', '--json', '--prefix', prefix, '--nats', url, '--nats-user', 'berth'], { BERTH_NATS_PASSWORD: 's3cret-pw-2' });
  t.is(hosts.code, 0, hosts.stderr);
  t.deepEqual(JSON.parse(hosts.stdout), []);
  await d.stop();
  t.false(d.out().includes('s3cret-pw-2'), 'the daemon never prints the password');

  const bad = await daemon(['--nats', `nats://berth:wrong-pw-8@127.0.0.1:${s.port}`, '--prefix', prefix]);
  t.is(bad.code, 3, bad.out());
  t.regex(bad.out(), /refused berth's credentials/);
  t.false(bad.out().includes('wrong-pw-8'));
});

test.serial('a token and an nkey seed file connect; wrong ones exit 3 without printing them', async (t) => {
  t.timeout(300_000);
  const nk = createUser();
  const other = createUser();
  const seed = join(home, 'user.nk');
  const otherSeed = join(home, 'other.nk');
  writeFileSync(seed, new TextDecoder().decode(nk.getSeed()) + '\n', { mode: 0o600 });
  writeFileSync(otherSeed, new TextDecoder().decode(other.getSeed()) + '\n', { mode: 0o600 });
  const withNkey = await startOwnNats(`authorization { users = [ { nkey: ${nk.getPublicKey()} } ] }`);
  t.teardown(() => withNkey.stop());
  const withToken = await startOwnNats('authorization { token: "tok-s3cret-3" }');
  t.teardown(() => withToken.stop());
  const prefix = uniquePrefix();
  const nkeyUrl = `nats://127.0.0.1:${withNkey.port}`;
  const tokenUrl = `nats://127.0.0.1:${withToken.port}`;
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', nkeyUrl, '--nats-nkey', seed]), 'nkey');
  refused(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', nkeyUrl], { BERTH_NATS_NKEY: otherSeed }), /refused berth's credentials/, [new TextDecoder().decode(other.getSeed())], 'other nkey');
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', tokenUrl], { BERTH_NATS_TOKEN: 'tok-s3cret-3' }), 'token');
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', `nats://tok-s3cret-3@127.0.0.1:${withToken.port}`]), 'token in the URL');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', tokenUrl, '--nats-token', 'tok-wrong-7']), /refused berth's credentials/, ['tok-wrong-7'], 'wrong token');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', `nats://tok-wrong-7@127.0.0.1:${withToken.port}`]), /NATS at 'nats:\/\/\*\*\*@127/, ['tok-wrong-7'], 'wrong token in the URL');
});

test.serial('a .creds file (operator mode) connects; one of an account the server does not know exits 3', async (t) => {
  t.timeout(300_000);
  const o = operatorSetup();
  const s = await startOwnNats(o.serverConfig);
  t.teardown(() => s.stop());
  const creds = join(home, 'user.creds');
  const stranger = join(home, 'stranger.creds');
  writeFileSync(creds, o.creds, { mode: 0o600 });
  writeFileSync(stranger, o.stranger, { mode: 0o600 });
  const prefix = uniquePrefix();
  const url = `nats://127.0.0.1:${s.port}`;
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', url, '--nats-creds', creds]), '.creds');
  const seedLine = o.stranger.split('\n').find((l) => l.startsWith('SU')) ?? 'SU';
  refused(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', url, '--nats-creds', stranger]), /refused berth's credentials/, [seedLine], 'unknown account');
  const d = await daemon(['--nats', url, '--prefix', prefix], { BERTH_NATS_CREDS: creds });
  t.teardown(() => d.stop());
  t.is(d.code, null, d.out());
});

test.serial('TLS with a CA and a client certificate connects (CLI and daemon); without the CA or the client certificate it exits 3 with a TLS message', async (t) => {
  t.timeout(300_000);
  const pki = await makePki(home);
  const s = await startOwnNats(`tls { cert_file: "${pki.serverCert}", key_file: "${pki.serverKey}", ca_file: "${pki.ca}", verify: true, timeout: 3 }`);
  t.teardown(() => s.stop());
  const prefix = uniquePrefix();
  const url = `tls://127.0.0.1:${s.port}`;
  const tls = ['--nats-ca', pki.ca, '--nats-cert', pki.clientCert, '--nats-key', pki.clientKey];
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', url, ...tls]), 'TLS flags');
  notFound(t, await cli(['hosts', '--json', '--prefix', prefix, '--nats', `nats://127.0.0.1:${s.port}`], { BERTH_NATS_CA: pki.ca, BERTH_NATS_CERT: pki.clientCert, BERTH_NATS_KEY: pki.clientKey }), 'TLS variables');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', url]), /TLS with NATS at 'tls:\/\/127\.0\.0\.1:\d+' failed[\s\S]*--nats-ca/, [], 'no CA');
  refused(t, await cli(['hosts', '--prefix', prefix, '--nats', url, '--nats-ca', pki.otherCa, '--nats-cert', pki.clientCert, '--nats-key', pki.clientKey]), /TLS with NATS .* failed/, [], 'another CA');
  const noClient = await cli(['hosts', '--prefix', prefix, '--nats', url, '--nats-ca', pki.ca]);
  t.is(noClient.code, 3, noClient.stderr);
  t.is((await cli(['context', 'add', 'tls', '--nats', url, '--prefix', prefix, '--ca', pki.ca, '--cert', pki.clientCert, '--key', pki.clientKey])).code, 0);
  const d = await daemon(['--context', 'tls']);
  t.teardown(() => d.stop());
  t.is(d.code, null, d.out());
  const hosts = await cli(['hosts', '--json', '--context', 'tls']);
  t.is(hosts.code, 0, hosts.stderr);
  t.deepEqual(JSON.parse(hosts.stdout), []);
});
