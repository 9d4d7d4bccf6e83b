import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { RAW_INLINE_LIMIT } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { dockerEventId, translateDockerEvent } from '../../events/translate/docker.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import { CORPUS_HOST, corpusLines, dockerMessageFromLine, loadMessages, scenarioEvents, scenarioNames, translateAll } from '../support/corpus.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;
const OBSERVED_AT = '2026-11-23T12:00:00.000000000Z';
const LIVE = 'live/raw-stream-v1.41.jsonl';
const scenarios = scenarioNames();
const corpusFiles = [...scenarios.map((s) => `${s}.jsonl`), LIVE];

/** Nanoseconds since the epoch of a canonical time, computed independently of events/time.ts. */
const nanosOf = (at: string): bigint => BigInt(Date.parse(`${at.slice(0, 19)}Z`)) * 1_000_000n + BigInt(at.slice(20, 29));

const byType = (events: readonly OpsEvent[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
  return out;
};

test('the corpus holds the 18 scenario files', (t) => {
  t.is(scenarios.length, 18);
  t.is(scenarios[0], '01-container-lifecycle');
  t.is(scenarios[17], '18-recommended-filter-fixture');
});

for (const file of corpusFiles) {
  test(`every line of ${file} translates to at least one event stamped with its exact timeNano`, (t) => {
    const lines = corpusLines(file);
    t.true(lines.length > 0);
    for (const line of lines) {
      const m = dockerMessageFromLine(line);
      const events = translateDockerEvent(CORPUS_HOST, m, OBSERVED_AT);
      t.true(events.length >= 1, line);
      for (const e of events) {
        if (!CANONICAL.test(e.at)) t.fail(`not canonical: ${e.at}`);
        if (nanosOf(e.at) !== BigInt(m.timeNano)) t.fail(`${e.at} is not ${m.timeNano}`);
        if (e.observedAt !== OBSERVED_AT) t.fail(`observedAt ${e.observedAt}`);
        if (e.source.kind !== 'docker' || e.source.host !== CORPUS_HOST) t.fail(`source ${JSON.stringify(e.source)}`);
        if (line.length <= RAW_INLINE_LIMIT && e.raw !== line) t.fail('raw line not kept verbatim');
      }
    }
  });
}

test('timeNano keeps the nanoseconds that JSON.parse would round away', (t) => {
  const [m] = loadMessages('01-container-lifecycle.jsonl');
  t.is(m?.timeNano, '1795433083429205017');
  const [e] = translateDockerEvent(CORPUS_HOST, m!, OBSERVED_AT);
  t.is(e?.at, '2026-11-23T11:24:43.429205017Z');
});

for (const name of scenarios) {
  test(`${name} translates to the recorded golden events`, (t) => {
    const events = scenarioEvents(name);
    t.snapshot(events.map((e) => ({ type: e.type, subject: e.subject, data: e.data })));
  });
}

test('no action in the 18 scenario files lands in Unrecognized', (t) => {
  const unrecognized = scenarios.flatMap((s) => scenarioEvents(s)).filter((e) => e.type === 'Unrecognized');
  t.deepEqual(unrecognized.map((e) => e.raw), []);
});

test('no action in the whole live stream lands in Unrecognized', (t) => {
  const events = translateAll(loadMessages(LIVE));
  t.is(events.length, 5107);
  t.is(byType(events)['Unrecognized'], undefined);
});

test('the live stream translates to the expected number of events per type', (t) => {
  t.deepEqual(byType(translateAll(loadMessages(LIVE))), {
    ContainerActivity: 23, ContainerCreated: 44, ContainerDestroyed: 44, ContainerDied: 45, ContainerExecRan: 2338,
    ContainerHealthChanged: 7, ContainerKilled: 49, ContainerNetworkConnected: 48, ContainerNetworkDisconnected: 50,
    ContainerOomKilled: 1, ContainerPaused: 3, ContainerRenamed: 1, ContainerRestarted: 2, ContainerStarted: 45,
    ContainerStopped: 14, ContainerUnpaused: 3, ContainerUpdated: 1, EngineObjectChanged: 2359, NetworkCreated: 5,
    NetworkRemoved: 5, ServiceChanged: 14, SwarmNodeChanged: 6,
  });
});

test('event ids are distinct for distinct lines across the whole corpus', (t) => {
  const lineOfId = new Map<string, string>();
  const files = [...corpusFiles, 'live/raw-stream-v1.24.jsonl', 'live/cli-docker-events-json.jsonl'];
  for (const file of files) {
    for (const line of corpusLines(file)) {
      const id = dockerEventId(CORPUS_HOST, dockerMessageFromLine(line));
      const seen = lineOfId.get(id);
      if (seen !== undefined && seen !== line) t.fail(`id ${id} shared by two lines:\n${seen}\n${line}`);
      lineOfId.set(id, line);
    }
  }
  t.is(lineOfId.size, 5107);
});

test('a repeated line gets the same id, and translating twice gives identical events', (t) => {
  const lines = corpusLines('01-container-lifecycle.jsonl');
  const again = [...lines, ...lines].map(dockerMessageFromLine);
  const ids = translateAll(again).map((e) => e.id);
  t.deepEqual(ids.slice(lines.length), ids.slice(0, lines.length));
  t.deepEqual(translateAll(again.slice(0, 5)), translateAll(again.slice(0, 5)));
});

test('the same event from the CLI capture and the v1.24 stream gets the id it has in the v1.41 stream', (t) => {
  const ids = (file: string): string[] => translateAll(loadMessages(file)).map((e) => e.id).sort();
  t.deepEqual(ids('cli/03-exec.cli.jsonl'), ids('03-exec.jsonl'));
  t.deepEqual(ids('live/raw-stream-v1.24.jsonl'), ids(LIVE));
});

test('the event id depends on the host that reported it', (t) => {
  const [m] = loadMessages('05-oom.jsonl');
  t.not(dockerEventId('vm', m!), dockerEventId('other-host', m!));
});

test('container details are read from the attributes as numbers and names', (t) => {
  const events = scenarioEvents('01-container-lifecycle');
  const renamed = events.find((e) => e.type === 'ContainerRenamed');
  t.deepEqual(renamed?.data, { containerId: '07ec5f23b38d108b9aa1dd5fb70222b1ccc86cc9d54849badfcd9cc87e6ece2b', name: 'ev-life2', oldName: 'ev-life' });
  const signals = events.flatMap((e) => (e.type === 'ContainerKilled' ? [e.data.signal] : []));
  t.deepEqual(signals, [15, 9, 15, 9, 10, 9, 9]);
  const exits = events.flatMap((e) => (e.type === 'ContainerDied' ? [e.data.exitCode] : []));
  t.deepEqual(exits, [137, 137, 137, 3, 0, 137, 1, 1, 1]);
});

test('exec events carry the command on create and start, the exit code on die', (t) => {
  const execs = scenarioEvents('03-exec').flatMap((e) => (e.type === 'ContainerExecRan' ? [e.data] : []));
  t.deepEqual(execs.map((x) => [x.phase, x.command, x.exitCode]), [
    ['create', 'echo hello', null], ['start', 'echo hello', null], ['die', null, 0],
    ['create', 'sh -c exit 7', null], ['start', 'sh -c exit 7', null], ['die', null, 7],
    ['create', 'sleep 1', null], ['start', 'sleep 1', null],
    ['create', 'ls /', null], ['start', 'ls /', null], ['die', null, 0],
    ['create', 'echo never started', null], ['die', null, 0],
  ]);
  t.true(execs.every((x) => /^[0-9a-f]{64}$/.test(x.execId)));
});

test('health transitions keep the status after the colon', (t) => {
  const health = scenarioEvents('04-healthcheck').flatMap((e) => (e.type === 'ContainerHealthChanged' ? [e.data.health] : []));
  t.deepEqual(health, ['healthy', 'unhealthy', 'healthy', 'unhealthy']);
});

test('network connect and disconnect are about the container, create and remove about the network', (t) => {
  const events = scenarioEvents('07-network');
  const connect = events.find((e) => e.type === 'ContainerNetworkConnected');
  t.is(connect?.subject.kind, 'container');
  t.deepEqual(byType(events.filter((e) => e.subject.kind === 'network')), { NetworkCreated: 3, NetworkRemoved: 3 });
  const overlay = events.filter((e) => e.type === 'NetworkCreated' && e.data.name === 'ev-ovl');
  t.deepEqual(overlay.map((e) => e.type === 'NetworkCreated' && e.data.scope), ['swarm']);
  const unmodelled = events.flatMap((e) => (e.type === 'EngineObjectChanged' ? [`${e.data.objectType}:${e.data.action}`] : []));
  t.deepEqual(unmodelled.sort(), ['network:prune', 'network:update']);
});

test('swarm service and node updates keep only the changed fields', (t) => {
  const svc = scenarioEvents('12-swarm-service').flatMap((e) => (e.type === 'ServiceChanged' ? [e.data] : []));
  t.deepEqual(svc.find((d) => d.changes['replicas.new'] !== undefined)?.changes, { 'replicas.new': '3', 'replicas.old': '2' });
  t.true(svc.every((d) => d.name === 'ev-svc' || d.name === 'ev-svc-host'));
  const nodes = scenarioEvents('14-swarm-node').flatMap((e) => (e.type === 'SwarmNodeChanged' ? [e.data.changes['availability.new'] ?? '-'] : []));
  t.deepEqual(nodes, ['-', '-', 'drain', 'active', 'pause', 'active']);
});

test('images, volumes, secrets, configs, builder and daemon events are kept as engine objects', (t) => {
  const kinds = new Set<string>();
  for (const s of ['08-volume', '09-image', '10-build-legacy', '11-daemon-reload', '15-swarm-secret-config']) {
    for (const e of scenarioEvents(s)) if (e.type === 'EngineObjectChanged') kinds.add(`${e.data.objectType}/${e.subject.kind}`);
  }
  t.deepEqual([...kinds].sort(), ['builder/engine', 'config/engine', 'daemon/engine', 'image/image', 'secret/engine', 'volume/volume']);
  const [reload] = scenarioEvents('11-daemon-reload');
  t.is(reload?.type === 'EngineObjectChanged' && reload.data.attributes['name'], 'vm');
});

/** What each Docker `Type:action` becomes, written out independently of the translator. */
const EXPECTED_TYPE: Readonly<Record<string, string>> = {
  'container:create': 'ContainerCreated', 'container:start': 'ContainerStarted', 'container:restart': 'ContainerRestarted',
  'container:die': 'ContainerDied', 'container:stop': 'ContainerStopped', 'container:kill': 'ContainerKilled',
  'container:pause': 'ContainerPaused', 'container:unpause': 'ContainerUnpaused', 'container:rename': 'ContainerRenamed',
  'container:update': 'ContainerUpdated', 'container:oom': 'ContainerOomKilled', 'container:destroy': 'ContainerDestroyed',
  'container:health_status': 'ContainerHealthChanged', 'container:exec_create': 'ContainerExecRan',
  'container:exec_start': 'ContainerExecRan', 'container:exec_die': 'ContainerExecRan',
  'container:attach': 'ContainerActivity', 'container:resize': 'ContainerActivity', 'container:top': 'ContainerActivity',
  'container:commit': 'ContainerActivity', 'container:export': 'ContainerActivity',
  'container:archive-path': 'ContainerActivity', 'container:extract-to-dir': 'ContainerActivity',
  'network:connect': 'ContainerNetworkConnected', 'network:disconnect': 'ContainerNetworkDisconnected',
  'network:create': 'NetworkCreated', 'network:destroy': 'NetworkRemoved', 'network:remove': 'NetworkRemoved',
  'network:update': 'EngineObjectChanged', 'network:prune': 'EngineObjectChanged',
  'service:create': 'ServiceChanged', 'service:update': 'ServiceChanged', 'service:remove': 'ServiceChanged',
  'node:update': 'SwarmNodeChanged',
};

test('every line of every scenario becomes the event type its Type and action name call for', (t) => {
  const seen = new Set<string>();
  for (const name of scenarios) {
    for (const m of loadMessages(`${name}.jsonl`)) {
      const key = `${m.Type}:${m.Action.split(': ')[0] ?? ''}`;
      seen.add(key);
      const want = EXPECTED_TYPE[key] ?? 'EngineObjectChanged';
      const got = translateDockerEvent(CORPUS_HOST, m, OBSERVED_AT).map((e) => e.type);
      if (got.length !== 1 || got[0] !== want) t.fail(`${name} ${key}: ${got.join(',')} instead of ${want}`);
    }
  }
  t.is(seen.size, 52);
});

test('credentials on an engine line are not kept: an exec command line is scrubbed, an attribute under a secret-like key is ***, in data and raw; the id and the names stay', (t) => {
  const id = 'c'.repeat(64);
  const line = (action: string, attrs: Record<string, string>): string =>
    JSON.stringify({ status: action, id, from: 'berth-mini:latest', Type: 'container', Action: action, Actor: { ID: id, Attributes: { image: 'berth-mini:latest', name: 'token-box', ...attrs } }, scope: 'local', time: 1764000000, timeNano: 1764000000000000000 });
  const exec = line("exec_start: sh -c 'mysql --password=PW-exec-70 API_TOKEN=TOK-exec-71 http://u:PW-exec-73@h/'", { execID: 'e'.repeat(64) });
  const [e] = translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(exec), OBSERVED_AT);
  const text = JSON.stringify(e);
  for (const s of ['PW-exec-70', 'TOK-exec-71', 'PW-exec-73']) t.false(text.includes(s), s);
  t.is((e as Extract<OpsEvent, { type: 'ContainerExecRan' }>).data.command, "sh -c 'mysql --password=*** API_TOKEN=*** http://u:***@h/'");
  t.is(e?.id, dockerEventId(CORPUS_HOST, dockerMessageFromLine(exec)), 'the id is that of the line the engine sent');
  const created = translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(line('create', { db_password: 'PW-label-74', 'com.example.api_key': 'KEY-75' })), OBSERVED_AT)[0] as Extract<OpsEvent, { type: 'ContainerCreated' }>;
  t.false(JSON.stringify(created).includes('PW-label-74'));
  t.false(JSON.stringify(created).includes('KEY-75'));
  t.is(created.data.name, 'token-box', 'a name that holds a keyword is a name');
  // A line that names no credential is kept byte for byte.
  const plain = line('start', {});
  t.is(translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(plain), OBSERVED_AT)[0]?.raw, plain);
});

test('an inspect keeps no credential either: a label under a secret-like key is ***, the command line and the healthcheck are scrubbed', (t) => {
  const inspect = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'docker', 'snapshot', 'container-inspect-ev-ports.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const hostile = {
    ...inspect, Path: 'mysql', Args: ['--password=PW-cmd-80', '-h', 'db'],
    Config: { ...inspect['Config'], Labels: { app: 'web', db_password: 'PW-label-81' }, Healthcheck: { Test: ['CMD-SHELL', 'curl http://u:PW-hc-82@localhost/'] } },
  };
  const c = containerFromInspect(hostile);
  const text = JSON.stringify(c);
  for (const s of ['PW-cmd-80', 'PW-label-81', 'PW-hc-82']) t.false(text.includes(s), s);
  t.is(c?.command, 'mysql --password=*** -h db');
  t.deepEqual(c?.labels, { app: 'web', db_password: '***' });
});
