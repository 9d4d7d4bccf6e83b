import test from 'ava';
import type { MsgRequest, PubAck, StoredMsg } from '@nats-io/jetstream';
import type { ChainSealed } from '../../../events/chain-event.js';
import { verifyChain } from '../../../events/chain-verify.js';
import type { ChainReport } from '../../../events/chain-verify.js';
import type { Logger } from '../../../daemon/log.js';
import { storeNames } from '../../../daemon/store/names.js';
import { Sealer } from '../../../daemon/store/sealer.js';
import type { SealerOptions } from '../../../daemon/store/sealer.js';
import { sha256 } from '../../../daemon/store/sha256.js';

const names = storeNames('tseal');
const enc = new TextEncoder();

/** JetStream as the sealer sees it: publishes deduplicated by id, reads by sequence or last per subject. */
class FakeJs {
  msgs: { seq: number; subject: string; data: string; msgId: string }[] = [];

  publish(id: string, subject: string, body: string): PubAck {
    const had = this.msgs.find((m) => m.msgId === id);
    if (had) return { stream: names.stream, seq: had.seq, duplicate: true } as PubAck;
    this.msgs.push({ seq: this.msgs.length + 1, subject, data: body, msgId: id });
    return { stream: names.stream, seq: this.msgs.length, duplicate: false } as PubAck;
  }

  get(q: MsgRequest): StoredMsg | null {
    const m = 'seq' in q ? this.msgs.find((x) => x.seq === q.seq) : this.msgs.filter((x) => x.subject === q.last_by_subj).at(-1);
    return m === undefined ? null : ({ subject: m.subject, seq: m.seq, data: enc.encode(m.data) } as StoredMsg);
  }

  seals(): ChainSealed[] {
    return this.msgs.filter((m) => m.subject.startsWith(`${names.evtRoot}.chain.`)).map((m) => JSON.parse(m.data) as ChainSealed);
  }

  verify(): ChainReport {
    return verifyChain(this.msgs, { evtRoot: names.evtRoot, sha256 });
  }
}

const logger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), event: () => undefined };
};

const sealer = (js: FakeJs, o: Partial<SealerOptions> = {}, log = logger()): Sealer =>
  new Sealer(names, { writer: 'w1', sha256, host: 'h1', maxDelayMs: 60_000, ...o }, {
    log, publish: async (id, subject, body) => js.publish(id, subject, body), get: async (q) => js.get(q),
  });

/** What the Appender does per record: publish, then tell the sealer what JetStream answered. */
const append = (js: FakeJs, s: Sealer, i: number, observedAt = 'first'): void => {
  const subject = `${names.evtRoot}.container.c${i % 7}`;
  const body = JSON.stringify({ id: `ev-${i}`, type: 'ContainerStarted', observedAt });
  s.stored(`ev-${i}`, subject, body, js.publish(`ev-${i}`, subject, body));
};

test('a seal is cut when 256 records are pending, and takes what piled up meanwhile (at most 4096)', async (t) => {
  const js = new FakeJs();
  const s = sealer(js);
  for (let i = 0; i < 255; i++) append(js, s, i);
  await new Promise((r) => setTimeout(r, 20));
  t.is(js.seals().length, 0, '255 pending: no seal before the timer');
  append(js, s, 255);
  await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(js.seals().map((x) => [x.chain?.n, x.data.entries.length]), [[0, 256]]);
  for (let i = 256; i < 5256; i++) append(js, s, i); // a burst while nothing awaits: 5000 pile up
  await s.flush();
  t.deepEqual(js.seals().map((x) => [x.chain?.n, x.data.entries.length]), [[0, 256], [1, 4096], [2, 904]]);
  t.is(s.seals, 3);
  const r = js.verify();
  t.deepEqual(r.problems, []);
  t.is(r.verified, 5256);
  t.is(r.unsealed.count, 0);
});

test('a seal stays under the message size limit however long the ids are', async (t) => {
  const js = new FakeJs();
  const s = sealer(js);
  const long = 'x'.repeat(4000);
  for (let i = 0; i < 300; i++) s.stored(`${long}-${i}`, `${names.evtRoot}.container.c`, `{"i":${i}}`, js.publish(`${long}-${i}`, `${names.evtRoot}.container.c`, `{"i":${i}}`));
  await s.flush();
  const sizes = js.msgs.filter((m) => m.subject.includes('.chain.')).map((m) => m.data.length);
  t.true(sizes.length >= 3, `seals: ${sizes.join(', ')}`);
  t.true(sizes.every((b) => b < 1024 * 1024 - 8 * 1024));
  t.true(js.verify().ok);
});

test('a seal is written a short time after the oldest unsealed record, without a flush', async (t) => {
  const js = new FakeJs();
  const s = sealer(js, { maxDelayMs: 30 });
  for (let i = 0; i < 3; i++) append(js, s, i);
  t.is(js.seals().length, 0);
  await new Promise((r) => setTimeout(r, 200));
  t.deepEqual(js.seals().map((x) => x.data.entries.length), [3]);
  s.close();
});

test('a restarted writer continues its chain from its newest stored seal', async (t) => {
  const js = new FakeJs();
  const first = sealer(js);
  for (let i = 0; i < 256; i++) append(js, first, i);
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 256; i < 300; i++) append(js, first, i);
  await first.flush();
  const log = logger();
  const second = sealer(js, {}, log);
  for (let i = 300; i < 310; i++) append(js, second, i);
  await second.flush();
  const seals = js.seals();
  t.deepEqual(seals.map((x) => x.chain?.n), [0, 1, 2]);
  t.is(seals[2]?.chain?.prev, seals[1]?.chain?.hash);
  t.true(log.lines.includes("info tamper evidence: writer 'w1' continues its chain at seal 2"));
  t.true(js.verify().ok);
});

test('a redelivered record stored by an earlier run is sealed once, flagged, with the digest of the stored copy', async (t) => {
  const js = new FakeJs();
  append(js, sealer(js), 1, 'first run'); // stored, never sealed: the daemon was killed
  const s = sealer(js);
  append(js, s, 2);
  append(js, s, 1, 'second run'); // the source redelivers: same id, a new observedAt
  append(js, s, 1, 'third time');
  await s.flush();
  t.deepEqual(js.seals().map((x) => x.data.entries.map((e) => [e[0], e[2] ?? ''])), [[['ev-1', 'unordered'], ['ev-2', '']]]);
  const r = js.verify();
  t.deepEqual(r.problems, []);
  t.is(r.verified, 2);
});

test('an ack that arrives after a later record was sealed is flagged, so the order check holds', async (t) => {
  const js = new FakeJs();
  const s = sealer(js);
  const early = { subject: `${names.evtRoot}.container.x`, body: '{"id":"ev-early"}' };
  const ack = js.publish('ev-early', early.subject, early.body);
  append(js, s, 1);
  await s.flush();
  s.stored('ev-early', early.subject, early.body, ack);
  await s.flush();
  t.deepEqual(js.seals()[1]?.data.entries.map((e) => e[2]), ['unordered']);
  t.true(js.verify().ok);
});

test('two processes sealing as one writer: the second finds seal n taken, says so, and continues after it', async (t) => {
  const js = new FakeJs();
  const log = logger();
  const a = sealer(js, {}, log);
  append(js, a, 1);
  await a.flush();
  const b = sealer(js);
  append(js, b, 2);
  await b.flush(); // b writes seal 1
  append(js, a, 3);
  await a.flush(); // a thinks it writes seal 1
  t.true(js.verify().ok, 'a continued at seal 2');
  t.deepEqual(js.seals().map((x) => x.chain?.n), [0, 1, 2]);
  t.deepEqual(log.lines.filter((l) => l.startsWith('error')), ["error seal 1 of writer 'w1' was already written by another process: two daemons share this writer id (give each its own --writer)"]);
});

test('a writer whose newest seal is unreadable stops sealing and says why', async (t) => {
  const js = new FakeJs();
  js.publish('seal:w1:0', `${names.evtRoot}.chain.w1`, 'garbage');
  const log = logger();
  const s = sealer(js, {}, log);
  append(js, s, 1);
  await s.flush();
  t.is(js.msgs.filter((m) => m.subject.includes('.chain.')).length, 1, 'only the unreadable one');
  t.is(s.seals, 0);
  t.true(log.lines.some((l) => /^error tamper evidence: the newest seal of writer 'w1' \(seq 1\) is unreadable/.test(l)));
});
