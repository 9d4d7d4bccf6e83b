// A long fold from the start of the log reads it on a thread of its own (daemon/query/fold-thread.ts):
// the same model as the fold on one thread, from real records and from records a fold must skip,
// through modelAt and through the built CLI (`berth replay`, and `hosts`/`ps --at` in the fast entry).
import test from 'ava';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../../daemon/log.js';
import { modelAt } from '../../daemon/query/log-reader.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { encodeInventory } from '../../events/inventory-codec.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { berth, dropPrefix, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../support/corpus.js';

const RECEIVED = '2026-11-23T12:00:00.000000000Z';

/**
 * A stream of every Docker corpus scenario, translated, with records a fold skips in between: one
 * not JSON, one laid out as berth writes records but with a `raw` JSON refuses (an unknown escape),
 * one of a type this berth does not know. Returns the events' times in stream order.
 */
const seed = async (nc: NatsConnection, prefix: string): Promise<string[]> => {
  const names = storeNames(prefix);
  await ensureStore(nc, names);
  const events: OpsEvent[] = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, RECEIVED)));
  const appender = new Appender(nc, names, createLogger({ quiet: true }));
  const half = Math.floor(events.length / 2);
  for (const e of events.slice(0, half)) await appender.append(e);
  const at = events[half]?.at as string;
  const js = jetstream(nc);
  const head = `{"id":"junk-%","at":"${at}","observedAt":"${at}","source":{"kind":"docker","host":"${CORPUS_HOST}"},"raw":`;
  const rest = `,"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"junk"},"data":{"containerId":"junk"}}`;
  await js.publish(`${names.evtRoot}.container.junk`, 'not json {');
  await js.publish(`${names.evtRoot}.container.junk`, head.replace('%', '1') + '"bad \\q escape"' + rest);
  await js.publish(`${names.evtRoot}.container.junk`, head.replace('%', '2') + '"fine"' + rest.replace('ContainerStarted', 'ContainerTeleported'));
  for (const e of events.slice(half)) await appender.append(e);
  return events.map((e) => e.at);
};

const modelJson = async (nc: NatsConnection, prefix: string, at: string, thread: boolean): Promise<string> =>
  JSON.stringify(encodeInventory(await modelAt(nc, storeNames(prefix), at, { snapshots: false, ...(thread ? { thread: { connect: { url: NATS_URL }, minRecords: 0 } } : {}) })));

test.serial('the fold with the log read on a thread gives the model of the fold on one thread, at every time, past records it must skip', async (t) => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const times = await seed(nc, prefix);
  const sorted = [...times].sort();
  const picks = [sorted[0], sorted[Math.floor(sorted.length / 3)], sorted[Math.floor(sorted.length / 2)], sorted.at(-1), '9999-12-31T23:59:59.999999999Z'] as string[];
  for (const at of picks) {
    const one = await modelJson(nc, prefix, at, false);
    t.is(await modelJson(nc, prefix, at, true), one, `at ${at}`);
  }
  const end = JSON.parse(await modelJson(nc, prefix, '9999-12-31T23:59:59.999999999Z', true)) as { counters: { events: number }; maps: { containers: [string, unknown][] } };
  t.true(end.counters.events >= times.length, `${end.counters.events} events folded of ${times.length}`);
  t.false(end.maps.containers.some(([id]) => id === 'junk'), 'a record the fold must skip was folded');
});

test.serial('a fold on a thread that cannot read the log fails with what went wrong; below its threshold the fold stays on one thread', async (t) => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  await seed(nc, prefix);
  const names = storeNames(prefix);
  const at = '9999-12-31T23:59:59.999999999Z';
  const err = await t.throwsAsync(modelAt(nc, names, at, { snapshots: false, thread: { connect: { url: 'nats://127.0.0.1:1' }, minRecords: 0 } }));
  t.regex(err?.message ?? '', /reading the event log: NATS at 'nats:\/\/127\.0\.0\.1:1' did not answer/);
  // The same unreachable server for a thread, but a threshold above the log's length: never used.
  const inv = await modelAt(nc, names, at, { snapshots: false, thread: { connect: { url: 'nats://127.0.0.1:1' }, minRecords: 1_000_000 } });
  t.true(inv.counters.events > 0);
});

test.serial('berth replay, hosts --at and ps --at read the same with the log on a thread (BERTH_FOLD_THREAD_MIN=0) as without (off), and refuse a threshold that is no number', async (t) => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const times = [...(await seed(nc, prefix))].sort();
  const mid = times[Math.floor(times.length / 2)] as string;
  const run = async (args: string[], min: string): Promise<string> => {
    const r = await berth([...args, '--prefix', prefix, '--nats', NATS_URL], { BERTH_FOLD_THREAD_MIN: min });
    t.is(r.code, 0, `${args.join(' ')} with BERTH_FOLD_THREAD_MIN=${min}: ${r.stderr}`);
    return r.stdout;
  };
  for (const args of [['replay', '--to', mid, '--json'], ['replay', '--to', times.at(-1) as string, '--json']]) {
    const [on, off] = [JSON.parse(await run(args, '0')) as Record<string, unknown>, JSON.parse(await run(args, 'off')) as Record<string, unknown>];
    delete on['ms'];
    delete off['ms'];
    t.deepEqual(on, off, args.join(' '));
    t.true((on['events'] as number) > 0);
  }
  for (const args of [['hosts', '--at', mid, '-o', 'json'], ['ps', '--at', mid, '-o', 'json']]) {
    const on = await run(args, '0');
    t.is(on, await run(args, 'off'), args.join(' '));
    t.true((JSON.parse(on) as unknown[]).length > 0, args.join(' '));
  }
  const bad = await berth(['replay', '--prefix', prefix, '--nats', NATS_URL], { BERTH_FOLD_THREAD_MIN: 'lots' });
  t.not(bad.code, 0);
  t.regex(bad.stderr, /BERTH_FOLD_THREAD_MIN is 'lots': give a whole number of records/);
});
