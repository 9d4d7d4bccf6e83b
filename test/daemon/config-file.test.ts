import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ConfigFileError, describeConfig, fileFlags, formatDuration, overlayFlags, parseConfigText, withFileSettings } from '../../daemon/config-resolve.js';
import { daemonConfig } from '../../daemon/config.js';
import { ROOT } from '../support/daemon-harness.js';

const problems = (text: string): string[] => {
  try {
    parseConfigText(text, 'b.yaml');
  } catch (err) {
    if (err instanceof ConfigFileError) return err.problems.map((p) => `${p.line}:${p.col} ${p.key}: ${p.message}`);
    throw err;
  }
  return [];
};

test('every problem is reported at its line and column, with its key', (t) => {
  const text = [
    'prefix: berth', //                                  1
    'state-dir: /var/lib/berth', //                      2 unknown key, near a known one
    'nats:', //                                          3
    '  url: [nats://a:4222, "ftp://x"]', //              4 a scheme berth does not speak
    'sources:', //                                       5
    '  docker:', //                                      6
    '    engines:', //                                   7
    '      - unix:///var/run/docker.sock', //            8
    '      - { name: b, url: "tcp://h:2375", tls: { certz: /x } }', // 9 unknown nested key
    '      - 5', //                                      10
    '  amqp:', //                                        11 url missing
    '    queue: notifications.info', //                  12 the shared queue
    'intervals:', //                                     13
    '  docker_resync: 5 minutes', //                     14
    'retention: { replicas: 0 }', //                     15
    'log: { level: loud }', //                           16
    'roles: [docker, bogus]', //                         17
  ].join('\n');
  t.deepEqual(problems(text), [
    "2:1 state-dir: unknown key (did you mean 'state_dir'?)",
    "4:8 nats.url: NATS server 'ftp://x' uses 'ftp://', which berth does not support",
    "9:48 sources.docker.engines[1].tls.certz: unknown key (did you mean 'certs'?)",
    '10:9 sources.docker.engines[2]: expected a string or a mapping',
    '11:3 sources.amqp.url: is required',
    "12:12 sources.amqp.queue: never the shared 'notifications.info' queue: it steals messages from ceilometer",
    '14:18 intervals.docker_resync: expected a duration: seconds, or a number with ms, s, m, h or d (30s, 5m, 2h, 7d)',
    '15:24 retention.replicas: must be at least 1',
    '16:15 log.level: expected one of "trace", "debug", "info", "warn", "error", "fatal", "silent", got a string ("loud")',
    '17:17 roles[1]: expected one of "docker", "openstack", "project", "all", got a string ("bogus")',
  ]);
});

test('YAML syntax errors, duplicate keys and a document that is not a mapping are problems too, with their lines', (t) => {
  t.deepEqual(problems('prefix: a\nprefix: b\n'), ['2:1 : YAML: Map keys must be unique']);
  t.regex(problems('nats:\n  url: [nats://a\n')[0] ?? '', /^3:1 : YAML: /);
  t.deepEqual(problems('- prefix\n'), ['1:1 : expected a mapping, got a list']);
  t.deepEqual(problems('nats: nats://a:4222\n'), ['1:7 nats: expected a mapping, got a string ("nats://a:4222")']);
  t.deepEqual(problems('snapshots:\n  every: -1\n  kepp: 3\n'), ['2:10 snapshots.every: must be at least 0', "3:3 snapshots.kepp: unknown key (did you mean 'keep'?)"]);
});

test('the error message names the file, the first problem and how many more there are', (t) => {
  const err = t.throws(() => parseConfigText('prefix: 1x\nwriter: " "\n', '/etc/berth/berth.yaml'), { instanceOf: ConfigFileError });
  t.is(err?.code, 'E_CONFIG');
  t.regex(err?.message ?? '', /^Configuration file '\/etc\/berth\/berth\.yaml' is not valid: \/etc\/berth\/berth\.yaml:1:9: prefix: .* \(and 1 more\)\.$/);
});

test('an empty file is a valid configuration that sets nothing', (t) => {
  t.deepEqual(parseConfigText('', 'e.yaml'), {});
  t.deepEqual(parseConfigText('# only comments\n', 'e.yaml'), {});
});

test('durations and sizes are read in the units operators write', (t) => {
  const f = parseConfigText('intervals: { docker_resync: 90, swarm_poll: 500ms, docker_ping: 1.5m, openstack_reconcile: 2h }\nretention: { max_age: 7d, max_bytes: 10GiB, duplicate_window: 30m }\n', 'u.yaml');
  t.deepEqual(f.intervals, { docker_resync: 90_000, swarm_poll: 500, docker_ping: 90_000, openstack_reconcile: 7_200_000 });
  t.deepEqual(f.retention, { max_age: 7 * 86_400_000, max_bytes: 10 * 1024 ** 3, duplicate_window: 1_800_000 });
  t.is(parseConfigText('retention: { max_bytes: 500MB }', 's').retention?.max_bytes, 500_000_000);
  t.is(formatDuration(300_000), '5m');
  t.is(formatDuration(90_000), '90s');
  t.is(formatDuration(1500), '1500ms');
});

test('the file maps onto the daemon flags; engines in object form become the specs --engine takes', (t) => {
  const f = parseConfigText([
    'prefix: p1', 'roles: [docker, project]', 'nats: { url: [nats://a:4222, nats://b:4222], user: berth, password: pw1, tls: { ca: /ca.pem } }',
    'sources:', '  docker:', '    enabled: false', '    engines:', '      - name: local', '        url: unix:///var/run/docker.sock', '      - { url: "tcp://10.0.0.8:2375", tls: false }',
    '  amqp: { url: "amqp://u:p@r:5672/", exchanges: [nova] }', '  openstack: { cloud: lab, api: true }',
    'intervals: { docker_resync: 1m, openstack_reconcile: 10m, stop_timeout: 45s }', 'retention: { max_age: 12h, replicas: 3 }', 'log: { level: debug, format: json, quiet: true }', 'http: { listen: "127.0.0.1:0" }',
  ].join('\n'), 'm.yaml');
  t.deepEqual(fileFlags(f), {
    prefix: 'p1', role: ['docker', 'project'], nats: 'nats://a:4222,nats://b:4222', 'nats-user': 'berth', 'nats-password': 'pw1', 'nats-ca': '/ca.pem',
    engine: ['local=unix:///var/run/docker.sock', 'tcp://10.0.0.8:2375?tls=0'], 'no-docker': true,
    amqp: 'amqp://u:p@r:5672/', 'amqp-exchange': ['nova'], 'os-cloud': 'lab', 'openstack-api': true, 'os-reconcile-interval': 600,
    'resync-interval': 60, 'stop-timeout': 45, 'retention-days': 0.5, replicas: 3, 'log-level': 'debug', 'log-format': 'json', quiet: true, http: '127.0.0.1:0',
  });
});

test('flags given on the command line (or by their variable) win over the file; the rest come from it', (t) => {
  const f = parseConfigText('prefix: fromfile\nretention: { replicas: 3 }\nlog: { format: json }\n', 'o.yaml');
  const flags = { prefix: 'fromflag', replicas: 1, 'log-format': 'text', quiet: false };
  const given = new Set(['prefix']); // replicas and log-format hold their defaults
  t.deepEqual(overlayFlags(flags, (n) => given.has(n), f), { prefix: 'fromflag', replicas: 3, 'log-format': 'json', quiet: false });
  t.is(overlayFlags(flags, () => true, undefined), flags);
});

test('settings without a flag are applied to the resolved configuration', (t) => {
  const f = parseConfigText('retention: { max_bytes: 1GB, duplicate_window: 2h }\nintervals: { swarm_poll: 10s, docker_ping: 1m }\nsources: { amqp: { url: "amqp://r", prefetch: 32 } }\n', 's.yaml');
  const base = daemonConfig({ amqp: { url: 'amqp://r', queue: 'q', exchanges: ['nova'], topics: ['notifications'], prefetch: 256, maxBodyBytes: 1 } });
  const cfg = withFileSettings(base, f);
  t.is(cfg.policy.maxBytes, 1e9);
  t.is(cfg.policy.duplicateWindowMs, 7_200_000);
  t.is(cfg.engine.swarmPollMs, 10_000);
  t.is(cfg.engine.pingMs, 60_000);
  t.is(cfg.amqp?.prefetch, 32);
  t.is(withFileSettings(base, undefined), base);
});

test('the resolved configuration is printed in the file shape with every secret masked, and reads back as a valid file', (t) => {
  const cfg = daemonConfig({
    natsUrl: 'nats://alice:s3cret@a:4222', nats: { user: 'alice', pass: 's3cret', token: 'tok-123' }, engines: ['b=tcp://10.0.0.8:2375'],
    amqp: { url: 'amqp://berth:hunter2@rabbit:5672/', queue: 'berth.notifications', exchanges: ['nova'], topics: ['notifications'], prefetch: 256, maxBodyBytes: 1 },
    roles: ['docker', 'openstack'],
  });
  const shown = describeConfig(cfg, {});
  const text = JSON.stringify(shown);
  for (const secret of ['s3cret', 'tok-123', 'hunter2']) t.false(text.includes(secret), secret);
  t.is((shown['nats'] as Record<string, unknown>)['password'], '***');
  t.is((shown['nats'] as Record<string, unknown>)['url'], 'nats://alice:***@a:4222');
  t.deepEqual(shown['roles'], ['docker', 'openstack']);
  t.regex(String(shown['writer']), /:berth:docker\+openstack$/, 'a daemon with some roles only gets a writer id of its own');
  const again = parseConfigText(JSON.stringify(shown), 'printed.yaml');
  t.is(again.sources?.amqp?.url, 'amqp://berth:***@rabbit:5672/');
  t.deepEqual(again.sources?.docker?.engines, ['b=tcp://10.0.0.8:2375']);
});

test('the example configuration in the repository is valid', (t) => {
  const f = parseConfigText(readFileSync(join(ROOT, 'examples', 'berth.yaml'), 'utf8'), 'examples/berth.yaml');
  t.deepEqual(f.roles, ['all']);
  t.is(f.http?.listen, '127.0.0.1:9464');
  t.is(f.log?.format, 'json');
});
