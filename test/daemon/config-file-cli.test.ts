import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { berth, ROOT } from '../support/daemon-harness.js';

// The real CLI (`berth daemon --check-config`), with a config folder of its own so no context applies.
const dir = mkdtempSync(join(tmpdir(), 'berth-cfgcli-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));
const env = { BERTH_CONFIG_DIR: join(dir, 'config'), BERTH_CACHE_DIR: join(dir, 'cache') };
const run = (args: readonly string[], extra: Record<string, string> = {}) => berth(['daemon', '--check-config', ...args], { ...env, ...extra });
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const EXAMPLE = join(ROOT, 'examples', 'berth.yaml');

type Shown = { prefix: string; roles: string[]; nats: Record<string, unknown>; sources: Record<string, Record<string, unknown>>; retention: Record<string, unknown>; log: Record<string, unknown>; http?: { listen: string } };

test.serial('the example configuration passes --check-config, which prints it resolved and exits 0', async (t) => {
  t.timeout(120_000);
  const r = await run(['--config', EXAMPLE]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^# berth daemon configuration from .*examples\/berth\.yaml/);
  const shown = parse(r.stdout) as Shown;
  t.deepEqual(shown.roles, ['docker', 'openstack', 'project']);
  t.deepEqual(shown.sources['docker']?.['engines'], ['local=unix:///var/run/docker.sock']);
  t.is(shown.retention['max_age'], '365d');
  t.is(shown.log['format'], 'json');
  t.is(shown.http?.listen, '127.0.0.1:9464');
});

test.serial('flags and BERTH_* variables override the file; BERTH_CONFIG names the file', async (t) => {
  t.timeout(120_000);
  const flags = await run(['--config', EXAMPLE, '--prefix', 'flagged', '--log-format', 'text', '--role', 'docker,project', '--http', '127.0.0.1:9999']);
  t.is(flags.code, 0, flags.stderr);
  const a = parse(flags.stdout) as Shown;
  t.is(a.prefix, 'flagged');
  t.is(a.log['format'], 'text');
  t.is(a.log['level'], 'info', 'unset flags keep the file (or default) value');
  t.deepEqual(a.roles, ['docker', 'project']);
  t.is(a.http?.listen, '127.0.0.1:9999');
  const vars = await run([], { BERTH_CONFIG: EXAMPLE, BERTH_PREFIX: 'fromenv', BERTH_LOG_LEVEL: 'warn' });
  t.is(vars.code, 0, vars.stderr);
  const b = parse(vars.stdout) as Shown;
  t.is(b.prefix, 'fromenv');
  t.is(b.log['level'], 'warn');
  t.is(b.log['format'], 'json', 'the rest still comes from the file');
});

test.serial('secrets from the file, the flags or the URLs are masked in what --check-config prints', async (t) => {
  t.timeout(120_000);
  const p = file('secrets.yaml', 'nats:\n  url: nats://alice:pw-in-url@127.0.0.1:4222\n  token: tok-in-file\nsources:\n  amqp:\n    url: amqp://berth:amqp-pw@127.0.0.1:5672/\n');
  const r = await run(['--config', p, '--nats-password', 'pw-by-flag', '--nats-user', 'bob']);
  t.is(r.code, 0, r.stderr);
  for (const s of ['pw-in-url', 'tok-in-file', 'amqp-pw', 'pw-by-flag']) t.false(r.stdout.includes(s) || r.stderr.includes(s), s);
  const shown = parse(r.stdout) as Shown;
  t.is(shown.nats['url'], 'nats://alice:***@127.0.0.1:4222');
  t.is(shown.nats['password'], '***');
  t.is(shown.sources['amqp']?.['url'], 'amqp://berth:***@127.0.0.1:5672/');
});

test.serial('an invalid file lists each problem as file:line:col: key: message and exits 2', async (t) => {
  t.timeout(120_000);
  const p = file('bad.yaml', 'prefix: berth\nnats:\n  url: nats://127.0.0.1:4222\n  pasword: x\nretention:\n  replicas: three\n');
  const r = await run(['--config', p]);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.true(r.stderr.includes(`${p}:4:3: nats.pasword: unknown key (did you mean 'password'?)`), r.stderr);
  t.true(r.stderr.includes(`${p}:6:13: retention.replicas: expected a number, got a string ("three")`), r.stderr);
  t.regex(r.stderr, /2 problem\(s\) in '.*bad\.yaml': nothing was started\./);
  t.notRegex(r.stderr, /at .*\.js:\d+/, 'no stack trace');
});

test.serial('what only shows once resolved is checked too: a missing file, bad roles, a bad listen address, an unreadable certificate', async (t) => {
  t.timeout(180_000);
  const missing = await run(['--config', join(dir, 'nope.yaml')]);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /Configuration file '.*nope\.yaml' could not be read \(ENOENT\)\./);
  const roles = await run(['--role', 'docker,bogus']);
  t.is(roles.code, 2);
  t.regex(roles.stderr, /Unknown daemon role 'bogus'\./);
  const listen = await run(['--http', 'localhost:http']);
  t.is(listen.code, 2);
  t.regex(listen.stderr, /'localhost:http' is not an address to listen on\./);
  const ca = await run(['--nats-ca', join(dir, 'no-ca.pem')]);
  t.is(ca.code, 2);
  t.regex(ca.stderr, /The NATS CA file '.*no-ca\.pem' could not be read \(ENOENT\)\./);
});

test.serial('BERTH_ENGINES, BERTH_AMQP_EXCHANGES and BERTH_ROLES are comma-separated lists, as the repeatable flags are', async (t) => {
  t.timeout(120_000);
  const r = await run(['--amqp', 'amqp://guest:guest@127.0.0.1:5672'], {
    BERTH_ENGINES: 'a=unix:///var/run/docker.sock, b=tcp://127.0.0.1:2375', BERTH_AMQP_EXCHANGES: 'nova,neutron', BERTH_ROLES: 'docker,openstack',
  });
  t.is(r.code, 0, r.stderr);
  const shown = parse(r.stdout) as Shown;
  t.deepEqual(shown.sources['docker']?.['engines'], ['a=unix:///var/run/docker.sock', 'b=tcp://127.0.0.1:2375']);
  t.deepEqual(shown.sources['amqp']?.['exchanges'], ['nova', 'neutron']);
  t.deepEqual(shown.roles, ['docker', 'openstack']);
  const one = await run([], { BERTH_ENGINES: 'unix:///var/run/docker.sock', BERTH_ROLES: 'docker' });
  t.is(one.code, 0, one.stderr);
  t.deepEqual((parse(one.stdout) as Shown).sources['docker']?.['engines'], ['unix:///var/run/docker.sock']);
  // A flag still beats its variable.
  const flag = await run(['--engine', 'c=unix:///run/c.sock'], { BERTH_ENGINES: 'a=unix:///var/run/docker.sock' });
  t.deepEqual((parse(flag.stdout) as Shown).sources['docker']?.['engines'], ['c=unix:///run/c.sock']);
});

test.serial('--check-config refuses what the daemon could not use: a prefix outside the rule, an AMQP URL that is not amqp(s)://', async (t) => {
  t.timeout(120_000);
  const prefix = await run(['--prefix', 'bad prefix']);
  t.is(prefix.code, 2, prefix.stdout);
  t.regex(prefix.stderr, /The prefix 'bad prefix' is not one berth can use/);
  const amqp = await run(['--amqp', 'http://guest:pw-in-url@127.0.0.1:5672']);
  t.is(amqp.code, 2, amqp.stdout);
  t.regex(amqp.stderr, /--amqp 'http:\/\/guest:\*\*\*@127\.0\.0\.1:5672' is not an AMQP URL\./);
  t.false(amqp.stderr.includes('pw-in-url'));
  // Mistyped, it is no URL maskUrl can read: the password is masked all the same.
  const typo = await run(['--amqp', 'amqp//guest:hunter2@rabbit:5672/']);
  t.is(typo.code, 2, typo.stdout);
  t.false(typo.stderr.includes('hunter2'), typo.stderr);
  t.is((await run(['--amqp', 'amqp:/u:pw@h'])).code, 2, 'one slash is no AMQP URL either');
});

test.serial('--check-config FILE says to name the file with --config, instead of the whole help', async (t) => {
  const r = await berth(['daemon', '--check-config', EXAMPLE], env);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /--check-config takes no value/);
  t.true(r.stderr.includes(`berth daemon --config ${EXAMPLE} --check-config`), r.stderr);
  t.notRegex(r.stderr, /^USAGE$/m, 'the whole help was printed');
  const spaced = await berth(['daemon', '--check-config', "/etc/my conf's.yaml"], env);
  t.true(spaced.stderr.includes(`berth daemon --config '/etc/my conf'\\''s.yaml' --check-config`), spaced.stderr);
  // After another flag's value, or as the last word, it is the flag as always.
  const ok = await berth(['daemon', '--config', EXAMPLE, '--check-config'], env);
  t.is(ok.code, 0, ok.stderr);
});
