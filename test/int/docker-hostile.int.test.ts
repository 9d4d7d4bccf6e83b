import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { Container } from '../../events/container.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { MAX_LABEL_BYTES } from '../../daemon/sources/docker/limits.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { berth, berthJson, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { FakeEngine } from '../support/fake-docker-engine.js';
import { containerLine, eventLine, fakeContainer, rfc3339, startFakeEngine } from '../support/fake-docker-engine.js';
import { containerRecordSizes, hostRows, IMAGE, LOCAL_ENGINE, psNamed, readDeadLetters, startDaemonUntil } from '../support/int-docker.js';
import { readAllEvents } from '../support/stream-reader.js';

// What must never reach a terminal raw: C0 controls but newline (ESC, BEL, tab, CR), DEL, C1
// (a lone 0x9b is CSI to some terminals), U+2028/9 and the bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const MIB = 1024 * 1024;

const containerOf = (e: OpsEvent): string | undefined =>
  e.type === 'ContainerObserved' ? e.data.container.containerId : e.subject.kind === 'container' ? e.subject.id : undefined;

/** Starts the daemon on the lab engine and cleans up the test's containers, daemon and prefix. */
const onLabEngine = async (t: ExecutionContext, prefix: string): Promise<DaemonProc> => {
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await daemon?.stop();
    await removeTestContainers(`berth-test=${prefix}`);
    await dropPrefix(prefix);
  });
  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE]);
  return daemon;
};

test.serial('a label value carrying terminal escapes, a C1 CSI and a bidi override prints inert in every text format and exactly in JSON', async (t) => {
  const prefix = uniquePrefix();
  const name = `${prefix}-hostile`;
  // OSC 0 retitles the window, CSI 2J wipes the screen, 0x9b is a one-byte CSI, U+202E reverses what follows.
  const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe';
  await onLabEngine(t, prefix);
  await docker('run', '-d', '--label', `berth-test=${prefix}`, '--label', `hostile=${evil}`, '--name', name, IMAGE, 'sleep', '3600');
  const seen = await eventually('the container with its labels in berth ps', async () => {
    const c = await psNamed(prefix, name);
    return c?.state === 'running' ? c : undefined;
  }, 60_000);
  t.is(seen.labels['hostile'], evil, 'berth ps --json round-trips the exact label value');

  const conn = ['--prefix', prefix, '--nats', NATS_URL];
  const outputs: [string, string][] = [];
  for (const format of ['table', 'csv', 'yaml', 'value']) {
    const r = await berth(['ps', '-c', 'name', '-c', 'labels', '--name', `^${name}$`, '-o', format, ...conn]);
    t.is(r.code, 0, r.stderr);
    outputs.push([`ps -o ${format}`, r.stdout]);
  }
  for (const format of ['table', 'yaml', 'value', 'csv']) {
    const r = await berth(['get', 'container', name, '-o', format, ...conn]);
    t.is(r.code, 0, r.stderr);
    outputs.push([`get container -o ${format}`, r.stdout]);
  }
  for (const [what, out] of outputs) {
    t.notRegex(out, UNSAFE, `${what} prints no raw control or bidi character`);
    t.true(out.includes(name) && out.includes('pwned'), `${what} shows the container and its label: ${out}`);
    t.regex(out, /\\x1b|\\u001b|\\e/, `${what} shows the escapes as visible text`);
  }
  for (const [what, out] of outputs.filter(([w]) => w !== 'ps -o table')) t.true(out.includes('gnp.exe'), `${what} shows the whole value (ps's table cuts the column)`);

  // --json escapes what JSON.stringify leaves raw, and parsing gives back the exact bytes.
  for (const args of [['ps', '--name', `^${name}$`], ['get', 'container', name]]) {
    const r = await berth([...args, '--json', ...conn]);
    t.is(r.code, 0, r.stderr);
    t.notRegex(r.stdout, UNSAFE, `${args[0] ?? ''} --json prints no raw control or bidi character`);
    const parsed = JSON.parse(r.stdout) as Container | Container[];
    const c = Array.isArray(parsed) ? parsed[0] : parsed;
    t.is(c?.labels['hostile'], evil, `${args[0] ?? ''} --json round-trips the label`);
  }
});

test.serial('a container with 5,000 labels is modelled with its labels capped and marked, in records under 1 MiB, and the daemon goes on', async (t) => {
  t.timeout(170_000);
  const prefix = uniquePrefix();
  const name = `${prefix}-labels`;
  const daemon = await onLabEngine(t, prefix);
  const dir = mkdtempSync(join(tmpdir(), 'berth-labels-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'labels');
  // 5,000 lines of 60 bytes: `x.big.0001=vvvv…`, about 300 KB of labels in every event of the container.
  writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `x.big.${String(i).padStart(4, '0')}=${'v'.repeat(49)}`).join('\n') + '\n');
  const id = await docker('run', '-d', '--label', `berth-test=${prefix}`, '--label-file', file, '--name', name, IMAGE, 'sleep', '3600');

  const c = await eventually('the container in berth ps', async () => {
    const x = await psNamed(prefix, name);
    return x?.state === 'running' ? x : undefined;
  }, 90_000);
  t.is(c.containerId, id);
  const marker = c.labels['berth.labels-truncated'] ?? '';
  const dropped = Number(/^(\d+) of 5001 labels dropped/.exec(marker)?.[1] ?? NaN);
  t.true(dropped > 0, `the berth.labels-truncated label says how many were dropped: '${marker}'`);
  const kept = Object.entries(c.labels).filter(([k]) => k !== 'berth.labels-truncated');
  t.is(kept.length + dropped, 5001, 'kept and dropped labels add up to what the container has');
  t.true(kept.reduce((n, [k, v]) => n + k.length + v.length, 0) <= MAX_LABEL_BYTES, 'the kept labels fit the budget');
  t.is(c.labels['berth-test'], prefix, 'labels are kept in key order, so the first ones survive');

  const sizes = await containerRecordSizes(prefix, id);
  t.true(sizes.some((s) => s.type === 'ContainerObserved'), `the inspect is stored: ${JSON.stringify(sizes)}`);
  for (const s of sizes) t.true(s.bytes < MIB, `${s.type} at seq ${s.seq} is ${s.bytes} bytes`);
  t.false((await readDeadLetters(prefix)).some((l) => JSON.stringify(l).includes(id)), 'nothing about it was dead-lettered');

  // The daemon is alive and still following: a container started afterwards shows up.
  const after = `${prefix}-after`;
  await docker('run', '-d', '--label', `berth-test=${prefix}`, '--name', after, IMAGE, 'sleep', '3600');
  await eventually('a later container in berth ps', async () => (await psNamed(prefix, after))?.state === 'running', 60_000);
  t.is(daemon.child.exitCode, null);
});

test.serial('malformed /events lines are dead-lettered, an unknown event type is stored as Unrecognized with its line, and the stream goes on', async (t) => {
  const prefix = uniquePrefix();
  const web = fakeContainer(`${prefix}-web`, { 'berth-test': prefix });
  const garbage = '{"Type":"container","Action":"start","Actor":{"ID":';
  const notObject = '["container","start",42]';
  const pod = eventLine('pod', 'create', 'pod-7f3a9c', { name: 'web-pod', namespace: 'default' });
  const created = containerLine(web, 'create');
  const started = containerLine(web, 'start');
  let fake: FakeEngine | undefined;
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await daemon?.stop();
    await fake?.close();
    await dropPrefix(prefix);
  });
  fake = await startFakeEngine([web], [created, started, garbage, notObject, pod]);
  daemon = await startDaemon(prefix, ['--engine', `fake=${fake.url}`]);

  const c = await eventually('the valid container in berth ps', () => psNamed(prefix, web.name), 60_000);
  t.like(c, { containerId: web.id, host: 'fake', state: 'running', image: 'berth-mini:latest' });

  const letters = await eventually('two dead letters', async () => {
    const l = await readDeadLetters(prefix);
    return l.length >= 2 ? l : undefined;
  }, 30_000);
  t.is(letters.length, 2);
  const bad = letters.find((l) => l.head === garbage);
  const nonObject = letters.find((l) => l.head === notObject);
  t.like(bad, { source: 'docker' });
  t.regex(bad?.reason ?? '', /malformed Docker event from 'fake': malformed JSON/);
  t.like(nonObject, { source: 'docker' });
  t.regex(nonObject?.reason ?? '', /malformed Docker event from 'fake': not a JSON object/);

  const events = await eventually('the Unrecognized event in the stream', async () => {
    const all = await readAllEvents(prefix);
    return all.some((e) => e.type === 'Unrecognized') ? all : undefined;
  }, 30_000);
  const unrecognized = events.filter((e) => e.type === 'Unrecognized');
  t.is(unrecognized.length, 1);
  t.like(unrecognized[0], { raw: pod, source: { kind: 'docker', host: 'fake' }, subject: { kind: 'host', id: 'fake' }, data: { sourceType: 'pod' } });
  t.regex(unrecognized[0]?.type === 'Unrecognized' ? unrecognized[0].data.reason : '', /unknown Docker event type 'pod'/);
  const fromLines = events.filter((e) => containerOf(e) === web.id && e.id.startsWith('dk-')).map((e) => [e.type, e.raw]);
  t.deepEqual(fromLines, [['ContainerCreated', created], ['ContainerStarted', started]]);

  // A line after the bad ones is still applied, on the same subscription: the stream went on.
  web.state = 'exited';
  web.exitCode = 3;
  web.finishedAt = rfc3339();
  fake.push(containerLine(web, 'die', { exitCode: '3' }));
  await eventually('the container exited 3 in berth ps', async () => {
    const x = await psNamed(prefix, web.name);
    return x?.state === 'exited' && x.exitCode === 3;
  }, 30_000);
  t.is(fake.requests.filter((r) => r === 'GET /v1.41/events').length, 1, 'the daemon never had to resubscribe');
  t.is(daemon.child.exitCode, null);
  t.notRegex(daemon.err(), /unhandled|projector stopped/);
});

test.serial('an engine that does not exist is retried with a clear message and shown unreachable, and the daemon keeps running', async (t) => {
  const prefix = uniquePrefix();
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await daemon?.stop();
    await dropPrefix(prefix);
  });
  // It never resyncs, so the harness's "resynced" cue never comes: ready once it runs.
  daemon = await startDaemonUntil(prefix, ['--engine', 'x=unix:///nonexistent.sock'], /berth daemon running: .*1 Docker engine\(s\): x=unix:\/\/\/nonexistent\.sock/);

  const host = await eventually('host x unreachable in berth hosts', async () => (await hostRows(prefix)).find((h) => h.id === 'x' && !h.reachable), 30_000);
  t.regex(host.lastError ?? '', /unix:\/\/\/nonexistent\.sock/);
  t.regex(host.lastError ?? '', /ENOENT/);
  const retries = await eventually('the daemon to retry twice', async () => {
    const lines = daemon?.err().split('\n').filter((l) => / warn +docker engine 'x' \(unix:\/\/\/nonexistent\.sock\): .*; retrying in [\d.]+s$/.test(l)) ?? [];
    return lines.length >= 2 ? lines : undefined;
  }, 30_000);
  t.regex(retries[0] ?? '', /did not answer \(ENOENT\)\. Start dockerd, or set DOCKER_HOST \/ --engine to a running engine\./);
  t.is(daemon.child.exitCode, null, 'the daemon is still running');
  t.deepEqual((await berthJson<unknown[]>(prefix, ['ps'])), [], 'no container was made up');
});
