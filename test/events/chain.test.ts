import { createHash } from 'node:crypto';
import test from 'ava';
import type { ChainSealed } from '../../events/chain-event.js';
import { entryDigest, isWriterId, sealHash, sealId } from '../../events/chain.js';
import type { ChainReport, StoredMessage } from '../../events/chain-verify.js';
import { verifyChain } from '../../events/chain-verify.js';
import { fold } from '../../events/inventory.js';
import { parseRecord } from '../../events/parse.js';
import type { Msg } from '../support/chain-stream.js';
import { FakeStream, sha256 } from '../support/chain-stream.js';

/** Two writers, interleaved: w1 seals 3 times, w2 twice. */
const twoWriters = (): FakeStream => {
  const s = new FakeStream();
  const a = [s.record('a1'), s.record('a2'), s.record('a3')];
  const b = [s.record('b1'), s.record('b2')];
  s.seal('w1', a);
  s.seal('w2', b);
  const a2 = [s.record('a4'), s.record('a5')];
  s.seal('w1', a2);
  const b2 = [s.record('b3')];
  s.seal('w2', b2);
  s.seal('w1', [s.record('a6'), s.record('a7')]);
  return s;
};

const verify = (msgs: Iterable<StoredMessage>, root = 't.evt', firstSeq = 1): ChainReport =>
  verifyChain(msgs, { evtRoot: root, sha256, firstSeq });

const kinds = (r: ChainReport): string[] => r.problems.map((p) => `${p.kind} ${p.id ?? `seal ${String(p.seal)}`}`);

test('an untouched stream verifies: every record sealed, every chain linked', (t) => {
  const r = verify(twoWriters().copy());
  t.deepEqual(kinds(r), []);
  t.true(r.ok);
  t.is(r.writers.length, 2);
  t.is(r.seals, 5);
  t.is(r.verified, 10);
  t.is(r.unsealed.count, 0);
  t.deepEqual(r.writers.map((w) => [w.writer, w.seals, w.firstSeal, w.lastSeal, w.events]), [['w1', 3, 0, 2, 7], ['w2', 2, 0, 1, 3]]);
  t.regex(r.writers[0]?.head ?? '', /^[0-9a-f]{64}$/);
});

test('a copy under another prefix verifies: subjects are hashed without the prefix', (t) => {
  t.true(verify(twoWriters().copy(undefined, 'other.evt'), 'other.evt').ok);
});

test('a deleted record is named', (t) => {
  const r = verify(twoWriters().copy((m) => m.filter((x) => x.msgId !== 'ev-a4')));
  t.deepEqual(kinds(r), ['deleted ev-a4']);
  t.false(r.ok);
  t.regex(r.problems[0]?.detail ?? '', /event 'ev-a4' sealed in seal 1 of writer 'w1' is missing/);
});

test('an altered record is named with its position', (t) => {
  const r = verify(twoWriters().copy((m) => m.map((x) => (x.msgId === 'ev-b2' ? { ...x, data: x.data.replace('"h1"', '"h2"') } : x))));
  t.deepEqual(kinds(r), ['altered ev-b2']);
  t.is(r.problems[0]?.seq, 5);
});

test('a record moved to another subject counts as altered', (t) => {
  const r = verify(twoWriters().copy((m) => m.map((x) => (x.msgId === 'ev-a1' ? { ...x, subject: 't.evt.container.elsewhere' } : x))));
  t.deepEqual(kinds(r), ['altered ev-a1']);
});

test('two swapped records are reported as reordered', (t) => {
  const swap = (m: Msg[]): Msg[] => {
    const i = m.findIndex((x) => x.msgId === 'ev-a2');
    [m[i], m[i + 1]] = [m[i + 1] as Msg, m[i] as Msg];
    return m;
  };
  const r = verify(twoWriters().copy(swap));
  t.deepEqual(kinds(r), ['reordered ev-a3']);
  t.regex(r.problems[0]?.detail ?? '', /stored after the event sealed before it/);
});

test('a record moved after the seal that vouches for it is reordered', (t) => {
  const move = (m: Msg[]): Msg[] => {
    const x = m.splice(m.findIndex((y) => y.msgId === 'ev-b3'), 1)[0] as Msg;
    m.push(x);
    return m;
  };
  t.deepEqual(kinds(verify(twoWriters().copy(move))), ['reordered ev-b3']);
});

test('a deleted seal is a gap in its writer\'s chain; its records become unsealed', (t) => {
  const r = verify(twoWriters().copy((m) => m.filter((x) => x.msgId !== sealId('w1', 1))));
  t.deepEqual(kinds(r), ['seal-missing seal 1']);
  t.regex(r.problems[0]?.detail ?? '', /writer 'w1': seal 1 is missing/);
  t.is(r.unsealed.earlier, 2);
  t.deepEqual(r.unsealed.sample.map((x) => x.id), ['ev-a4', 'ev-a5']);
});

test('a missing first seal is a gap unless retention removed the head of the stream', (t) => {
  const cut = (m: Msg[]): Msg[] => m.slice(m.findIndex((x) => x.msgId === sealId('w1', 0)) + 1);
  t.deepEqual(kinds(verify(twoWriters().copy(cut))), ['deleted ev-b1', 'deleted ev-b2', 'seal-missing seal 0']);
  const s = twoWriters();
  const kept = s.msgs.slice(s.msgs.findIndex((x) => x.msgId === sealId('w1', 0)) + 1);
  const r = verify(kept, 't.evt', kept[0]?.seq);
  t.deepEqual(kinds(r), []);
  t.is(r.expired, 2);
});

test('an altered seal fails its own hash; a recomputed one breaks the link of the next', (t) => {
  const edit = (fix: boolean) => (m: Msg[]): Msg[] => m.map((x) => {
    if (x.msgId !== sealId('w1', 1)) return x;
    const rec = JSON.parse(x.data) as ChainSealed;
    const entries = rec.data.entries.slice(1);
    const chain = rec.chain as NonNullable<typeof rec.chain>;
    return { ...x, data: JSON.stringify({ ...rec, data: { entries }, chain: { ...chain, hash: fix ? sealHash(sha256, chain.prev, 'w1', 1, entries) : chain.hash } }) };
  });
  const plain = verify(twoWriters().copy(edit(false)));
  t.deepEqual(kinds(plain), ['seal-altered seal 1']);
  t.regex(plain.problems[0]?.detail ?? '', /does not match its own hash/);
  const rehashed = verify(twoWriters().copy(edit(true)));
  t.deepEqual(kinds(rehashed), ['seal-altered seal 2']);
  t.regex(rehashed.problems[0]?.detail ?? '', /does not link to seal 1/);
  t.is(rehashed.unsealed.earlier, 1, 'the record dropped from the seal is no longer vouched for');
});

test('garbage on a chain subject is an altered seal', (t) => {
  const r = verify(twoWriters().copy((m) => m.map((x) => (x.msgId === sealId('w2', 1) ? { ...x, data: '{"type":"ChainSealed"}' } : x))));
  t.deepEqual(r.problems.map((p) => p.kind), ['seal-altered']);
  t.regex(r.problems[0]?.detail ?? '', /writer 'w2' cannot be checked: its chain field is malformed/);
});

test('two different seals with one number are a fork', (t) => {
  const s = twoWriters();
  const fork = new FakeStream();
  fork.seal('w2', [s.record('x')]);
  s.msgs.push({ ...(fork.msgs[0] as Msg), seq: s.msgs.length + 1 });
  t.true(kinds(verify(s.copy())).includes('seal-forked seal 0'));
});

test('a record sealed twice with the same digest (an unordered duplicate) is fine, and counted once', (t) => {
  const s = new FakeStream();
  const a = [s.record('a1'), s.record('a2')];
  s.seal('w1', a);
  const b = [s.record('a3')];
  s.seal('w1', b, [a[0] as Msg]);
  const r = verify(s.copy());
  t.deepEqual(kinds(r), []);
  t.is(r.verified, 3);
});

test('an unordered entry is not checked for position, but its digest is', (t) => {
  const s = new FakeStream();
  const late = s.record('late');
  const a = [s.record('a1'), s.record('a2')];
  s.seal('w1', a);
  s.seal('w1', [s.record('a3')], [late]);
  t.deepEqual(kinds(verify(s.copy())), []);
  const altered = verify(s.copy((m) => m.map((x) => (x.msgId === 'ev-late' ? { ...x, data: x.data.replace('late', 'LATE') } : x))));
  t.deepEqual(kinds(altered), ['altered ev-late']);
});

test('records after the newest seal are an unsealed tail: a warning, not a failure', (t) => {
  const s = twoWriters();
  s.record('t1');
  s.record('t2');
  const r = verify(s.copy());
  t.true(r.ok);
  t.deepEqual(r.unsealed, { count: 2, tail: 2, earlier: 0, sample: [] });
});

test('records a killed writer never sealed, before later seals, are counted and sampled', (t) => {
  const s = new FakeStream();
  s.seal('w1', [s.record('a1')]);
  s.record('lost');
  s.seal('w1', [s.record('a2')]);
  const r = verify(s.copy());
  t.true(r.ok);
  t.deepEqual(r.unsealed, { count: 1, tail: 0, earlier: 1, sample: [{ id: 'ev-lost', seq: 3 }] });
});

test('the hashes follow the documented framing (anyone can recompute them)', (t) => {
  const hex = (s: string): string => createHash('sha256').update(s).digest('hex');
  t.is(sealHash(sha256, '', 'w', 0, [['id1', 'ab']]), hex('berth-seal-v1\n\nw\n0\n[["id1","ab"]]'));
  t.is(entryDigest(sha256, 'container.x', '{"a":1}'), hex('berth-entry-v1\ncontainer.x\n{"a":1}').slice(0, 32));
  t.true(isWriterId('vm-1:berth'));
  t.false(isWriterId('bad\nwriter'));
  t.false(isWriterId(''));
});

test('a seal is a readable record the fold ignores without counting it', (t) => {
  const s = new FakeStream();
  s.seal('w1', [s.record('a1')]);
  const r = parseRecord((s.msgs[1] as Msg).data, 2);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.event.type, 'ChainSealed');
  const inv = fold([r.event]);
  t.is(inv.counters.events, 0);
  t.is(inv.counters.lastSeq, 2);
  t.is(inv.hosts.size + inv.containers.size, 0);
});
