import test from 'ava';
import type { OpsEvent } from '../../events/ops-event.js';
import type { Recorded } from '../../events/envelope.js';
import { decodeOslo } from '../../events/translate/oslo-envelope.js';
import { bodyText } from '../../daemon/sources/openstack/subscribe.js';
import { AMQP_URL, deleteQueue } from '../support/amqp.js';
import { berth, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, uniquePrefix } from '../support/daemon-harness.js';
import { startFakeEngine } from '../support/fake-docker-engine.js';
import { publishRaw, report, UNSAFE } from '../support/faults.js';
import type { HostileCase } from '../support/hostile-corpus.js';
import { hostileCases, hostileInput } from '../support/hostile-corpus.js';
import type { DeadLetter } from '../support/int-docker.js';
import { IMAGE, readDeadLetters } from '../support/int-docker.js';
import { healthz, spawnDaemon } from '../support/ops-daemon.js';
import type { Daemon } from '../support/ops-daemon.js';
import { readAllEvents } from '../support/stream-reader.js';

/** The stored event id an AMQP case makes (`os-<message_id>`), when its body decodes at all. */
const amqpEventId = (c: HostileCase, body: Buffer): string | undefined => {
  try {
    const d = decodeOslo(bodyText({ content: body, properties: { headers: c.headers ?? {} } } as Parameters<typeof bodyText>[0]));
    return d.ok ? `os-${d.message.messageId}` : undefined;
  } catch {
    return undefined;
  }
};

type Outcome = { stored: number; letters: DeadLetter[] };

/** What became of one case: how many events it stored, and its dead letters. */
const outcomeOf = (c: HostileCase, prefix: string, ids: ReadonlyMap<string, string | undefined>, events: readonly Recorded<OpsEvent>[], letters: readonly DeadLetter[]): Outcome => {
  if (c.via === 'amqp') {
    const id = ids.get(c.name);
    return { stored: events.filter((e) => e.id === id).length, letters: letters.filter((l) => l.id === `os-bad-${prefix}-${c.name}` || (id !== undefined && l.id === id)) };
  }
  if (c.via === 'docker-events') return { stored: events.filter((e) => e.source.host === 'fake' && (e.raw ?? '').includes(c.name)).length, letters: letters.filter((l) => l.head.includes(c.name)) };
  return { stored: events.filter((e) => e.type === 'ContainerObserved' && e.data.container.name === `${prefix}-${c.name}`).length > 0 ? 1 : 0, letters: [] };
};

test('the hostile corpus (invalid, truncated, oversized, deep, gzip bombs, unknown types, escapes, bidi, subject-breaking ids) is stored or dead-lettered with a reason, crashes nothing, and never reaches a terminal raw', async (t) => {
  t.timeout(300_000);
  const cases = hostileCases();
  t.true(cases.length >= 50, `${cases.length} cases`);
  const prefix = uniquePrefix();
  const queue = `berth.test.${prefix}`;
  const exchange = `berth-test-${prefix}`;
  const label = `berth-test=${prefix}`;
  const fake = await startFakeEngine();
  let d: Daemon | undefined;
  t.teardown(async () => {
    await d?.stop();
    await fake.close();
    await removeTestContainers(label);
    await deleteQueue(queue).catch(() => undefined);
    await dropPrefix(prefix);
  });
  // Not quiet: every recorded event is printed on the daemon's stdout, which is a terminal too.
  d = await spawnDaemon(['--prefix', prefix, '--nats', NATS_URL, '--engine', `fake=${fake.url}`, '--engine', 'local=unix:///var/run/docker.sock',
    '--amqp', AMQP_URL, '--amqp-queue', queue, '--amqp-exchange', exchange, '--http', '127.0.0.1:0'], /^(?=[\s\S]*consuming queue)(?=[\s\S]*'local'.*resynced)/);

  const ids = new Map<string, string | undefined>();
  const amqp = cases.filter((c) => c.via === 'amqp').map((c) => {
    const body = hostileInput(c);
    ids.set(c.name, amqpEventId(c, body));
    return { exchange, routingKey: c.routingKey ?? 'versioned_notifications.info', body, messageId: `${prefix}-${c.name}`, ...(c.headers ? { headers: c.headers } : {}) };
  });
  await publishRaw(AMQP_URL, amqp);
  for (const c of cases.filter((x) => x.via === 'docker-events')) fake.push(hostileInput(c).toString('utf8'));
  for (const c of cases.filter((x) => x.via === 'container')) {
    const labels = (JSON.parse(hostileInput(c).toString('utf8')) as { labels: Record<string, string> }).labels;
    await docker('run', '-d', '--label', label, ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '--name', `${prefix}-${c.name}`, IMAGE, 'sleep', '300');
  }

  const settled = await eventually('every case stored or dead-lettered', async () => {
    const [events, letters] = [await readAllEvents(prefix), await readDeadLetters(prefix)];
    const outcomes = new Map(cases.map((c) => [c.name, outcomeOf(c, prefix, ids, events, letters)]));
    return [...outcomes.values()].every((o) => o.stored + o.letters.length > 0) ? { events, letters, outcomes } : undefined;
  }, 120_000).catch((err: unknown) => { t.log((err as Error).message.slice(0, 2000)); return undefined; });
  const events = settled?.events ?? await readAllEvents(prefix);
  const letters = settled?.letters ?? await readDeadLetters(prefix);
  let accounted = 0;
  let doubled = 0;
  const wrong: string[] = [];
  for (const c of cases) {
    const o = outcomeOf(c, prefix, ids, events, letters);
    const got = o.stored > 0 ? 'stored' : o.letters.length > 0 ? 'dead-lettered' : 'nothing';
    if (got !== 'nothing') accounted += 1;
    if (c.via !== 'container') doubled += Math.max(0, o.stored - 1) + Math.max(0, o.letters.length - 1);
    const reasons = o.letters.map((l) => l.reason.slice(0, 160)).join(' | ');
    if (got !== c.expect) wrong.push(`${c.name} (${c.description}): expected ${c.expect}, got ${got} ${reasons}`);
    else if (c.expect === 'dead-lettered' && c.reason !== undefined && !o.letters.some((l) => new RegExp(c.reason as string).test(l.reason))) wrong.push(`${c.name}: the reason does not say /${c.reason}/: ${reasons}`);
  }
  t.deepEqual(wrong, [], 'every case is stored or dead-lettered as its index entry says');
  const everything = JSON.stringify(events) + JSON.stringify(letters);
  for (const c of cases) for (const s of c.secrets ?? []) t.false(everything.includes(s), `${c.name}: '${s}' reached the stream`);

  // Nothing crashed: the daemon is healthy and still takes input.
  t.is(d.child.exitCode, null, 'the daemon is running');
  t.is((await healthz(d.http())).code, 200);
  fake.push(`{"Type":"container","Action":"die","Actor":{"ID":"${prefix}-after","Attributes":{"name":"${prefix}-after"}},"scope":"local","time":1763892001,"timeNano":1763892001000000001}`);
  await eventually('an event after the corpus', async () => (await readAllEvents(prefix)).some((e) => e.raw?.includes(`${prefix}-after`)), 60_000);

  // Nothing raw on a terminal: the list commands, the event log, and the daemon's own output.
  const conn = ['--prefix', prefix, '--nats', NATS_URL];
  const screens: Record<string, string> = {};
  for (const args of [['vms'], ['events', '--limit', '1000'], ['ps', '--label', label, '-c', 'name', '-c', 'labels'], ['hosts'], ['ports'], ['get', 'container', `${prefix}-container-hostile-labels`]]) {
    const r = await berth([...args, ...conn]);
    t.is(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
    screens[args[0] ?? ''] = r.stdout + r.stderr;
  }
  screens['daemon'] = d.out() + d.err();
  for (const [what, text] of Object.entries(screens)) {
    const bad = UNSAFE.exec(text);
    t.is(bad, null, `${what} printed U+${bad?.[0].codePointAt(0)?.toString(16).padStart(4, '0') ?? ''} raw near '${text.slice(Math.max(0, (bad?.index ?? 0) - 60), (bad?.index ?? 0) + 20)}'`);
  }
  for (const c of cases.filter((x) => x.screen !== undefined)) t.true((screens[c.screen ?? ''] ?? '').includes(c.name), `${c.name} shows in berth ${c.screen ?? ''}`);
  report(t, { case: `hostile input (${cases.length} cases)`, runs: 1, sent: cases.length, stored: accounted, lost: cases.length - accounted, doubled });
});
