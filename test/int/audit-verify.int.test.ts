import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { ChainSealed } from '../../events/chain-event.js';
import { storeNames } from '../../daemon/store/names.js';
import { chainPrefix, copyInto, dec, readRaw, runWriter, sealsOf, verify } from '../support/audit-int.js';
import type { Raw } from '../support/audit-int.js';
import { berth, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, startDaemon } from '../support/daemon-harness.js';
import { IMAGE, LOCAL_ENGINE } from '../support/int-docker.js';

test.serial('a writer killed with -9 mid-burst and restarted continues its chain: audit verify finds no gap', async (t) => {
  const prefix = chainPrefix();
  t.teardown(() => dropPrefix(prefix));
  const first = runWriter(prefix, 'chain-w', 0, 50_000, (acked, seals) => acked >= 3000 && seals >= 2);
  await first.exited;
  t.true(first.state.killed, `the first run was killed mid-burst (acked ${first.state.acked})`);
  const resume = first.state.acked;
  const second = runWriter(prefix, 'chain-w', resume, resume + 3000);
  t.is(await second.exited, 0, second.state.err);
  t.regex(second.state.err, /tamper evidence: writer 'chain-w' continues its chain at seal \d+/);

  const v = await verify(prefix);
  t.is(v.code, 0, v.stderr);
  t.deepEqual(v.report.problems, []);
  const [w] = v.report.writers;
  t.is(v.report.writers.length, 1);
  t.like(w, { writer: 'chain-w', firstSeal: 0 });
  t.is(w?.seals, (w?.lastSeal ?? -1) + 1, 'seal numbers are contiguous: no gap');
  const raw = await readRaw(prefix);
  const records = raw.length - v.report.seals;
  t.is(v.report.verified + v.report.unsealed.count, records, 'every record is either verified or reported unsealed');
  t.is(v.report.unsealed.tail, 0, 'the second run sealed everything on drain');
  // Records stored but not yet acked when the first run died were redelivered: sealed as flagged duplicates.
  t.true(sealsOf(raw).some((s) => s.data.entries.some((e) => e[2] === 'unordered')));
  t.log(`${records} records, ${v.report.seals} seals, ${v.report.unsealed.earlier} left unsealed by the kill`);
  const text = await berth(['audit', 'verify', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(text.code, 0);
  t.regex(text.stdout, /No tampering found/);
});

test.serial('a daemon following the Docker engine, killed with -9 during a burst and restarted, leaves a log that verifies', async (t) => {
  const prefix = chainPrefix();
  const label = `berth-test=${prefix}`;
  t.teardown(async () => {
    await removeTestContainers(label);
    await dropPrefix(prefix);
  });
  const writer = `test-${prefix}`;
  let daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE, '--writer', writer, '--quiet']);
  t.teardown(() => daemon.kill9());
  const names = Array.from({ length: 40 }, (_, i) => `${prefix}-${i}`);
  const burst = (async () => {
    for (let i = 0; i < names.length; i += 4) await Promise.all(names.slice(i, i + 4).map((n) => docker('create', '--label', label, '--name', n, IMAGE, 'true')));
  })();
  const partly = await eventually('a seal and part of the burst in the stream', async () => {
    const raw = await readRaw(prefix);
    const created = raw.filter((m) => dec.decode(m.data).includes(`${prefix}-`)).length;
    return raw.some((m) => m.subject.includes('.evt.chain.')) && created >= 8 ? created : undefined;
  }, 60_000);
  await daemon.kill9();
  t.log(`killed with ${partly} record(s) of the burst stored`);
  await burst;
  daemon = await startDaemon(prefix, ['--engine', LOCAL_ENGINE, '--writer', writer, '--quiet']);
  await removeTestContainers(label);
  await new Promise((r) => setTimeout(r, 3000));
  await daemon.stop();
  t.regex(daemon.err(), new RegExp(`writer '${writer}' continues its chain at seal \\d+`));

  const v = await verify(prefix);
  t.is(v.code, 0, v.stdout + v.stderr);
  t.deepEqual(v.report.problems, []);
  t.deepEqual(v.report.writers.map((w) => [w.writer, w.firstSeal, w.seals === w.lastSeal + 1]), [[writer, 0, true]]);
  t.is(v.report.unsealed.tail, 0, 'a stopped daemon seals everything');
  t.true(v.report.verified > 30, `verified ${v.report.verified}`);
});

test.serial('audit verify catches a deleted, an altered and a reordered message in a copy of a real stream, and passes the untouched copy', async (t) => {
  const src = chainPrefix();
  const copies = { same: chainPrefix(), deleted: chainPrefix(), altered: chainPrefix(), reordered: chainPrefix() };
  t.teardown(async () => {
    for (const p of [src, ...Object.values(copies)]) await dropPrefix(p);
  });
  // Two writers interleaved, as two daemons sharing one stream.
  const [a, b] = await Promise.all([runWriter(src, 'writer-a', 0, 1500).exited, runWriter(src, 'writer-b', 100_000, 101_000).exited]);
  t.deepEqual([a, b], [0, 0]);
  const raw = await readRaw(src);
  const seal = sealsOf(raw).find((s) => s.data.entries.filter((e) => e.length === 2).length >= 10) as ChainSealed;
  const ids = seal.data.entries.filter((e) => e.length === 2).map((e) => e[0]);
  const [gone, edited, first, second] = [3, 5, 7, 8].map((i) => ids[i] as string) as [string, string, string, string];
  const at = (id: string): number => raw.findIndex((m) => m.headers?.get('Nats-Msg-Id') === id);

  await copyInto(src, copies.same, raw);
  await copyInto(src, copies.deleted, raw.filter((_, i) => i !== at(gone)));
  await copyInto(src, copies.altered, raw.map((m, i) => {
    if (i !== at(edited)) return m;
    const rec = JSON.parse(dec.decode(m.data)) as { data: { containerId: string } };
    return { ...m, data: new TextEncoder().encode(JSON.stringify({ ...rec, data: { ...rec.data, containerId: 'forged' } })) };
  }));
  const swapped = [...raw];
  [swapped[at(first)], swapped[at(second)]] = [raw[at(second)] as Raw, raw[at(first)] as Raw];
  await copyInto(src, copies.reordered, swapped);

  const same = await verify(copies.same);
  t.is(same.code, 0, same.stdout);
  t.is(same.report.verified, 2500);
  t.is(same.report.writers.length, 2);
  const cases: [keyof typeof copies, string, string][] = [['deleted', 'deleted', gone], ['altered', 'altered', edited], ['reordered', 'reordered', second]];
  for (const [copy, kind, id] of cases) {
    const v = await verify(copies[copy]);
    t.is(v.code, 6, `${copy}: ${v.stderr}`);
    t.deepEqual(v.report.problems.map((p) => [p.kind, p.id]), [[kind, id]], copy);
    const text = await berth(['audit', 'verify', '--prefix', copies[copy], '--nats', NATS_URL]);
    t.is(text.code, 6);
    t.true(text.stdout.includes(`TAMPERING FOUND: 1 problem(s)`), text.stdout);
    t.true(text.stdout.includes(`event '${id}'`), `${copy}: the output names the event`);
    t.regex(text.stderr, /The event log fails verification: 1 problem\(s\)/);
  }
});

test.serial('the real stream refuses to delete or purge messages, and audit verify says so', async (t) => {
  const prefix = chainPrefix();
  t.teardown(() => dropPrefix(prefix));
  t.is(await runWriter(prefix, 'writer-a', 0, 300).exited, 0);
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const names = storeNames(prefix);
  const before = (await jsm.streams.info(names.stream)).state.messages;
  await t.throwsAsync(jsm.streams.deleteMessage(names.stream, 5), { message: /delete/i });
  await t.throwsAsync(jsm.streams.purge(names.stream), { message: /purge/i });
  t.is((await jsm.streams.info(names.stream)).state.messages, before);
  const v = await verify(prefix);
  t.is(v.code, 0);
  t.like(v.report.stream, { denyDelete: true, denyPurge: true });
  const text = await berth(['audit', 'verify', '--prefix', prefix, '--nats', NATS_URL]);
  t.regex(text.stdout, /deny_delete on, deny_purge on/);
  // berth events shows the records, not the seals, unless asked for them.
  const types = async (...args: string[]): Promise<string[]> => (JSON.parse((await berth(['events', '--json', '-c', 'type', '--prefix', prefix, '--nats', NATS_URL, ...args])).stdout) as { type: string }[]).map((e) => e.type);
  t.deepEqual(new Set(await types()), new Set(['ContainerStarted']));
  t.is((await types()).length, 300);
  t.is((await types('--type', 'ChainSealed')).length, v.report.seals);
});
