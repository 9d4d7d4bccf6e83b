// A long fold from the start of the log reads it on a thread of its own (daemon/query/fold-thread.ts):
// the same model as the fold on one thread, from real records and from records a fold must skip,
// through modelAt and through the built CLI (`berth replay`, `hosts`/`ps --at` in the fast entry, and
// `top --at`, the console's client, with a daemon running).
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../../daemon/log.js';
import { ModelClient } from '../../daemon/query/client.js';
import { modelAt } from '../../daemon/query/log-reader.js';
import type { ThreadOptions } from '../../daemon/query/log-reader.js';
import { Appender } from '../../daemon/store/append.js';
import { connectNats } from '../../daemon/store/connect.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { encodeInventory } from '../../events/inventory-codec.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { berth, dropPrefix, NATS_URL, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../support/corpus.js';
import { makePki, startOwnNats } from '../support/nats-server.js';
import { tempDir } from '../support/temp-dir.js';

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

/** The model at `at` as JSON, folded on one thread, or with the log read on a thread (with `batches`, if given). */
const modelJson = async (nc: NatsConnection, prefix: string, at: string, thread: ThreadOptions | null): Promise<string> =>
  JSON.stringify(encodeInventory(await modelAt(nc, storeNames(prefix), at, { snapshots: false, ...(thread === null ? {} : { thread }) })));

const threadFails = (t: ExecutionContext): ThreadOptions => ({ connect: { url: NATS_URL }, minRecords: 0, onOneThread: (why) => t.fail(`the thread did not connect: ${why}`) });

/** A fresh prefix seeded as above (removed after the test), a connection, and the events' times in stream order. */
const seededLog = async (t: ExecutionContext): Promise<{ prefix: string; nc: NatsConnection; times: string[] }> => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  return { prefix, nc, times: await seed(nc, prefix) };
};

test.serial('the fold with the log read on a thread gives the model of the fold on one thread, at every time, past records it must skip', async (t) => {
  const { prefix, nc, times } = await seededLog(t);
  const sorted = [...times].sort();
  const picks = [sorted[0], sorted[Math.floor(sorted.length / 3)], sorted[Math.floor(sorted.length / 2)], sorted.at(-1), '9999-12-31T23:59:59.999999999Z'] as string[];
  for (const at of picks) {
    const one = await modelJson(nc, prefix, at, null);
    t.is(await modelJson(nc, prefix, at, threadFails(t)), one, `at ${at}`);
    // Batches of one record or two, one batch ahead: the thread waits for the fold all along.
    t.is(await modelJson(nc, prefix, at, { ...threadFails(t), batches: { batchBytes: 1024, ahead: 1, readEvery: 4 } }), one, `at ${at}, small batches`);
  }
  const end = JSON.parse(await modelJson(nc, prefix, '9999-12-31T23:59:59.999999999Z', threadFails(t))) as { counters: { events: number }; maps: { containers: [string, unknown][] } };
  t.true(end.counters.events >= times.length, `${end.counters.events} events folded of ${times.length}`);
  t.false(end.maps.containers.some(([id]) => id === 'junk'), 'a record the fold must skip was folded');
});

test.serial('against a NATS requiring TLS with a client certificate and a password, the thread connects with the credentials the CLI was given (no fallback to one thread)', async (t) => {
  t.timeout(120_000);
  const pki = await makePki(tempDir(t, 'berth-fold-pki'));
  const s = await startOwnNats(`tls { cert_file: "${pki.serverCert}", key_file: "${pki.serverKey}", ca_file: "${pki.ca}", verify: true, timeout: 3 }\nauthorization { users = [ { user: reader, password: "f0ld-pw" } ] }`);
  t.teardown(() => s.stop());
  const url = `tls://127.0.0.1:${s.port}`;
  const auth = { user: 'reader', pass: 'f0ld-pw', tls: { caFile: pki.ca, certFile: pki.clientCert, keyFile: pki.clientKey } };
  const prefix = uniquePrefix();
  const nc = await connectNats(url, 'fold-thread-test', { auth });
  t.teardown(() => nc.close());
  const times = await seed(nc, prefix);
  const at = [...times].sort()[Math.floor(times.length / 2)] as string;
  const one = await modelJson(nc, prefix, at, null);
  const why: string[] = [];
  t.is(await modelJson(nc, prefix, at, { connect: { url, auth }, minRecords: 0, onOneThread: (w) => why.push(w) }), one);
  t.deepEqual(why, [], 'the thread connected');
  // As the CLI opens it (ModelClient keeps the url and credentials for the thread).
  const client = await ModelClient.open(url, prefix, { auth });
  t.teardown(() => client.close());
  const before = process.env['BERTH_FOLD_THREAD_MIN'];
  process.env['BERTH_FOLD_THREAD_MIN'] = '0';
  t.teardown(() => { if (before === undefined) delete process.env['BERTH_FOLD_THREAD_MIN']; else process.env['BERTH_FOLD_THREAD_MIN'] = before; });
  const viaClient = await client.loadAt(at, { snapshots: false, onOneThread: (w) => why.push(w) });
  t.deepEqual(why, [], 'the CLI\'s thread connected');
  t.is(viaClient.meta?.events, (JSON.parse(one) as { counters: { events: number } }).counters.events);
  // A wrong password for the thread alone: the fold still answers, on one thread, and says why.
  t.is(await modelJson(nc, prefix, at, { connect: { url, auth: { ...auth, pass: 'wrong' }, timeoutMs: 2000 }, minRecords: 0, onOneThread: (w) => why.push(w) }), one);
  t.is(why.length, 1);
  t.regex(why[0] ?? '', /refused berth's credentials/);
  t.false((why[0] ?? '').includes('wrong'), 'the password is not in the reason');
});

test.serial('a thread that cannot connect leaves the fold to one thread, with the same model; below its threshold no thread is started', async (t) => {
  const { prefix, nc } = await seededLog(t);
  const at = '9999-12-31T23:59:59.999999999Z';
  const one = await modelJson(nc, prefix, at, null);
  const why: string[] = [];
  t.is(await modelJson(nc, prefix, at, { connect: { url: 'nats://127.0.0.1:1', timeoutMs: 1000 }, minRecords: 0, onOneThread: (w) => why.push(w) }), one);
  t.is(why.length, 1);
  t.regex(why[0] ?? '', /NATS at 'nats:\/\/127\.0\.0\.1:1' did not answer/);
  // The same unreachable server, but a threshold above the log's length: no thread, nothing to fall back from.
  t.is(await modelJson(nc, prefix, at, { connect: { url: 'nats://127.0.0.1:1' }, minRecords: 1_000_000, onOneThread: (w) => why.push(w) }), one);
  t.is(why.length, 1);
});

test.serial('berth replay, hosts --at and ps --at read the same with the log on a thread (BERTH_FOLD_THREAD_MIN=0) as without (off), and refuse a threshold that is no number', async (t) => {
  const { prefix, times: seededTimes } = await seededLog(t);
  const times = [...seededTimes].sort();
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
  t.is(bad.code, 2, bad.stderr);
  t.regex(bad.stderr, /BERTH_FOLD_THREAD_MIN is 'lots': not a number of records/);
});

test.serial('berth top --at (the console\'s client) reads the same with the log on a thread as without', async (t) => {
  const { prefix, times: seeded } = await seededLog(t);
  // Registered after seededLog's: ava runs teardowns last first, so the daemon stops before its prefix goes.
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); });
  const times = [...seeded].sort();
  const mid = times[Math.floor(times.length / 2)] as string;
  // The console reads only with a daemon answering on the prefix; this one writes no snapshot (the log is short).
  d = await startDaemon(prefix, ['--no-docker']);
  const run = async (min: string): Promise<unknown[]> => {
    const r = await berth(['top', 'containers', '--at', mid, '--json', '--prefix', prefix, '--nats', NATS_URL], { BERTH_FOLD_THREAD_MIN: min });
    t.is(r.code, 0, `BERTH_FOLD_THREAD_MIN=${min}: ${r.stderr}${r.stdout}`);
    return JSON.parse(r.stdout) as unknown[];
  };
  const on = await run('0');
  t.deepEqual(on, await run('off'));
  t.true(on.length > 0);
});

test.serial('a fold stopped by its signal (a console that moved on to another time) rejects with the reason, on a thread or not', async (t) => {
  const { prefix, nc } = await seededLog(t);
  const names = storeNames(prefix);
  const at = '9999-12-31T23:59:59.999999999Z';
  const thread: ThreadOptions = { ...threadFails(t), batches: { batchBytes: 1024, ahead: 1, readEvery: 4 } };
  for (const opts of [{ thread }, {}]) {
    const stopped = new AbortController();
    stopped.abort(new Error('moved on'));
    await t.throwsAsync(modelAt(nc, names, at, { snapshots: false, ...opts, signal: stopped.signal }), { message: 'moved on' });
    // Stopped while it reads: at the first record (or batch) folded.
    const later = new AbortController();
    let told = 0;
    const folding = modelAt(nc, names, at, { snapshots: false, ...opts, signal: later.signal, progress: () => { told += 1; later.abort(new Error('moved on later')); } });
    await t.throwsAsync(folding, { message: 'moved on later' });
    t.true(told >= 1);
  }
  // Nothing left behind: a fold after them gives the model.
  t.is(await modelJson(nc, prefix, at, threadFails(t)), await modelJson(nc, prefix, at, null));
});

test.serial('a fold says how far it read (replay prints it every 2 s), in order, to the end of the log, on a thread or not', async (t) => {
  const { prefix, nc, times: seeded } = await seededLog(t);
  const names = storeNames(prefix);
  const last = (await (await jetstreamManager(nc)).streams.info(names.stream)).state.last_seq;
  const times = [...seeded].sort();
  // To the end, and to a time in the middle (the records after it are read, not folded: the thread says where it is as it skips them).
  for (const at of ['9999-12-31T23:59:59.999999999Z', times[Math.floor(times.length / 3)] as string]) {
    for (const opts of [{ thread: { ...threadFails(t), batches: { batchBytes: 4096, ahead: 2, readEvery: 8 } } }, {}]) {
      const seqs: number[] = [];
      await modelAt(nc, names, at, { snapshots: false, ...opts, progress: (seq) => seqs.push(seq) });
      t.true(seqs.length > 1, `${seqs.length} progress calls`);
      t.true(seqs.every((s, i) => i === 0 || s >= (seqs[i - 1] as number)), `progress went back: ${seqs.join(' ')}`);
      t.is(seqs.at(-1), last, `at ${at}`);
    }
  }
});
