// `berth history KIND REF` finds an entity by name or id prefix also after it left the model (a
// removed container): the log is searched. Two entities that had the name are listed (exit 2).
import test from 'ava';
import { resolveRef } from '../../cli/commands/history.js';
import { ModelClient } from '../../daemon/query/client.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { CORPUS_HOST, dockerMessageFromLine, loadScenario } from '../support/corpus.js';
import { berth, NATS_URL } from '../support/daemon-harness.js';
import { freshStore } from '../support/fresh-store.js';

const RECEIVED = '2026-11-23T12:00:00.000000000Z';
// Scenario 01 creates ev-life, renames it ev-life2 and removes it.
const EV_LIFE = '07ec5f23b38d108b9aa1dd5fb70222b1ccc86cc9d54849badfcd9cc87e6ece2b';

const created = (id: string, name: string, sec: number): string =>
  JSON.stringify({ status: 'create', id, from: 'berth-mini:latest', Type: 'container', Action: 'create', Actor: { ID: id, Attributes: { image: 'berth-mini:latest', name } }, scope: 'local', time: sec, timeNano: sec * 1_000_000_000 });

test.serial('history finds a removed container by a name it had or an id prefix; a name two containers had is listed; an unknown one is not found', async (t) => {
  t.timeout(120_000);
  const { prefix, appender } = await freshStore(t);
  const events = [
    ...loadScenario('01-container-lifecycle').flatMap((m) => translateDockerEvent(CORPUS_HOST, m, RECEIVED)),
    ...translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(created('a'.repeat(64), 'twin', 1_790_000_000)), RECEIVED),
    ...translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(created('b'.repeat(64), 'twin', 1_790_000_100)), RECEIVED),
    // Named what another's id starts with: the whole name wins.
    ...translateDockerEvent(CORPUS_HOST, dockerMessageFromLine(created('c'.repeat(64), 'aaa', 1_790_000_200)), RECEIVED),
  ];
  for (const e of events) await appender.append(e);
  const full = await berth(['history', 'container', EV_LIFE, '--prefix', prefix, '--json']);
  t.is(full.code, 0, full.stderr);
  const all = JSON.parse(full.stdout) as { seq: number }[];
  t.true(all.length > 3);
  for (const ref of ['ev-life2', 'ev-life', EV_LIFE.slice(0, 12)]) {
    const r = await berth(['history', 'container', ref, '--prefix', prefix, '--json']);
    t.is(r.code, 0, `${ref}: ${r.stderr}${r.stdout}`);
    t.deepEqual((JSON.parse(r.stdout) as { seq: number }[]).map((s) => s.seq), all.map((s) => s.seq), ref);
  }
  const twin = await berth(['history', 'container', 'twin', '--prefix', prefix]);
  t.is(twin.code, 2, twin.stderr);
  // Each with its name, its engine (both on the corpus's), and when it was last seen.
  t.regex(twin.stderr, new RegExp(`'twin' matches 2 containers: aaaaaaaaaaaa \\(twin, on ${CORPUS_HOST}, last event [^)]+\\); bbbbbbbbbbbb \\(twin, on ${CORPUS_HOST},`));
  const named = await berth(['history', 'container', 'aaa', '--prefix', prefix, '--json']);
  t.is(named.code, 0, named.stderr);
  t.true((JSON.parse(named.stdout) as { event: { subject: { id: string } } }[]).every((s) => s.event.subject.id === 'c'.repeat(64)));
  const none = await berth(['history', 'container', 'never-was', '--prefix', prefix]);
  t.is(none.code, 4, none.stderr);
  t.regex(none.stderr, /No events about container 'never-was' are in the log: no container had that name/);
});

test.serial('the scan of every container the log held says how far it is: each message\'s sequence against the log\'s last', async (t) => {
  t.timeout(120_000);
  const { prefix, appender } = await freshStore(t);
  const events = loadScenario('01-container-lifecycle').flatMap((m) => translateDockerEvent(CORPUS_HOST, m, RECEIVED));
  for (const e of events) await appender.append(e);
  const client = await ModelClient.open(NATS_URL, prefix);
  t.teardown(() => client.close());
  const seen: [number, number][] = [];
  t.is(await resolveRef(client, 'container', 'ev-life', (seq, last) => seen.push([seq, last])), EV_LIFE);
  t.true(seen.length >= events.length, `${seen.length} progress calls for ${events.length} events`);
  t.true(seen.every(([seq, last], i) => seq <= last && last === seen[0]?.[1] && (i === 0 || seq > (seen[i - 1]?.[0] ?? 0))), JSON.stringify(seen));
  t.is(seen.at(-1)?.[0], seen.at(-1)?.[1], 'the last message read is the log\'s last');
});
