import test from 'ava';
import { RAW_INLINE_LIMIT } from '../../events/envelope.js';
import { stableHash } from '../../events/hash.js';
import { decodeToken, encodeToken, entityKey } from '../../events/ids.js';
import { fold } from '../../events/inventory.js';
import { parseRecord } from '../../events/parse.js';
import { toCanonical } from '../../events/time.js';
import { intAttr } from '../../events/translate/docker-message.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { aContainerStarted, aDockerMessage, t as at } from '../support/builders.js';

const OBSERVED_AT = '2026-11-23T12:00:00.000000000Z';
const ID = /^dk-[0-9a-f]{27}$/;
const one = (m: ReturnType<typeof aDockerMessage>) => {
  const events = translateDockerEvent('vm', m, OBSERVED_AT);
  if (events.length !== 1) throw new Error(`${events.length} events`);
  return events[0]!;
};

test('a container name with terminal escapes is kept verbatim in data, and the id stays plain', (t) => {
  const name = '\u001b]0;x\u0007evil\u001b[2J';
  const m = aDockerMessage({ Action: 'create', attributes: { image: 'mini:latest', name } });
  const e = one(m);
  t.is(e.type, 'ContainerCreated');
  t.is(e.type === 'ContainerCreated' && e.data.name, name);
  t.regex(e.id, ID);
  t.is(e.raw, m.raw);
  t.is(e.id, one(aDockerMessage({ Action: 'create', attributes: { image: 'mini:latest', name: 'plain' } })).id);
  t.is(fold([e]).containers.get(m.Actor.ID)?.name, name);
});

test('a rename to a name with escapes keeps both names verbatim', (t) => {
  const e = one(aDockerMessage({ Action: 'rename', attributes: { name: '\u001b[2Jnew', oldName: '/\u001b]0;old\u0007' } }));
  t.deepEqual(e.type === 'ContainerRenamed' && [e.data.name, e.data.oldName], ['\u001b[2Jnew', '\u001b]0;old\u0007']);
});

test('an empty Actor.ID translates without throwing and the fold ignores it', (t) => {
  const start = one(aDockerMessage({ Action: 'start', id: '' }));
  t.is(start.type, 'ContainerStarted');
  t.regex(start.id, ID);
  const prune = one(aDockerMessage({ Type: 'network', Action: 'prune', id: '', attributes: { reclaimed: '0' } }));
  t.is(prune.type, 'EngineObjectChanged');
  t.deepEqual(prune.subject, { kind: 'engine', id: 'vm' });
  const orphanConnect = one(aDockerMessage({ Type: 'network', Action: 'connect', id: 'n1', attributes: { name: 'bridge' } }));
  const inv = fold([start, prune, orphanConnect, one(aDockerMessage({ Action: 'destroy', id: '' }))]);
  t.is(inv.containers.size, 0);
  t.is(inv.tombstones.size, 0);
  t.is(inv.counters.events, 4);
});

test('an unknown Type becomes Unrecognized with the raw line kept', (t) => {
  const m = aDockerMessage({ Type: 'pod', Action: 'create', id: 'p1' });
  const e = one(m);
  t.is(e.type, 'Unrecognized');
  t.deepEqual(e.data, { reason: "unknown Docker event type 'pod'", sourceType: 'pod' });
  t.is(e.raw, m.raw);
  t.deepEqual(e.subject, { kind: 'host', id: 'vm' });
  t.is(fold([e]).counters.unrecognized, 1);
});

test('an unknown container or network action becomes Unrecognized with the raw line kept', (t) => {
  const m = aDockerMessage({ Action: 'teleport: somewhere' });
  const e = one(m);
  t.is(e.type, 'Unrecognized');
  t.is(e.type === 'Unrecognized' && e.data.sourceType, 'container');
  t.is(e.raw, m.raw);
  t.deepEqual(e.subject, { kind: 'container', id: m.Actor.ID });
  const n = one(aDockerMessage({ Type: 'network', Action: 'explode', id: '' }));
  t.is(n.type, 'Unrecognized');
  t.deepEqual(n.subject, { kind: 'network', id: 'vm' });
  const inv = fold([e, n]);
  t.is(inv.containers.size, 0);
  t.is(inv.counters.unrecognized, 2);
});

test('a 200 KiB line is kept by reference (size and hash) instead of inline', (t) => {
  const m = aDockerMessage({ Type: 'image', Action: 'tag', id: 'sha256:1', attributes: { name: 'x'.repeat(200 * 1024) } });
  const e = one(m);
  t.false(e.raw !== undefined, 'kept inline');
  t.deepEqual(e.rawRef, { bytes: m.raw.length, hash: stableHash(m.raw) });
  t.true(m.raw.length > 200 * 1024);
  const other = one(aDockerMessage({ Type: 'image', Action: 'tag', id: 'sha256:1', attributes: { name: 'y'.repeat(200 * 1024) } }));
  t.not(other.rawRef?.hash, e.rawRef?.hash);
});

test('a line of exactly the inline limit is kept inline, one byte more is not', (t) => {
  const sized = (bytes: number) => {
    const base = aDockerMessage({ Type: 'image', Action: 'tag', attributes: { name: '' } });
    return aDockerMessage({ Type: 'image', Action: 'tag', attributes: { name: 'x'.repeat(bytes - base.raw.length) } });
  };
  t.is(sized(RAW_INLINE_LIMIT).raw.length, RAW_INLINE_LIMIT);
  t.is(one(sized(RAW_INLINE_LIMIT)).raw, sized(RAW_INLINE_LIMIT).raw);
  t.false(one(sized(RAW_INLINE_LIMIT + 1)).raw !== undefined, 'kept inline');
});

test('the inline limit counts UTF-8 bytes, not UTF-16 characters', (t) => {
  const m = aDockerMessage({ Type: 'image', Action: 'tag', attributes: { name: '€'.repeat(30_000) } });
  const bytes = new TextEncoder().encode(m.raw).length;
  t.true(m.raw.length < RAW_INLINE_LIMIT && bytes > RAW_INLINE_LIMIT);
  const e = one(m);
  t.false(e.raw !== undefined, 'kept inline');
  t.is(e.rawRef?.bytes, bytes);
});

test('10,000 labels in Attributes translate, and labels are not taken from the event', (t) => {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < 10_000; i++) attributes[`com.example.label-${i}`] = `value-${i}`;
  const create = one(aDockerMessage({ Action: 'create', attributes: { ...attributes, image: 'mini:latest', name: 'labelled' } }));
  t.deepEqual(create.data, { containerId: 'c'.repeat(64), name: 'labelled', image: 'mini:latest' });
  t.truthy(create.rawRef);
  const image = one(aDockerMessage({ Type: 'image', Action: 'tag', id: 'sha256:1', attributes }));
  t.is(image.type === 'EngineObjectChanged' && Object.keys(image.data.attributes).length, 10_000);
});

test('a label that shadows exitCode or signal with a non-number gives null, never NaN', (t) => {
  const died = one(aDockerMessage({ Action: 'die', attributes: { exitCode: 'oops', name: 'x', image: 'i' } }));
  t.is(died.type === 'ContainerDied' && died.data.exitCode, null);
  const killed = one(aDockerMessage({ Action: 'kill', attributes: { name: 'x', image: 'i' } }));
  t.is(killed.type === 'ContainerKilled' && killed.data.signal, null);
  t.deepEqual(['137', '-1', '1e3', ' 7', '', '0x10'].map((v) => intAttr(v)), [137, -1, null, null, null, null]);
});

test('an action with an empty suffix or several colons splits on the first ": "', (t) => {
  const e = one(aDockerMessage({ Action: 'exec_start: sh -c echo a: b', attributes: { execID: 'e1' } }));
  t.is(e.type === 'ContainerExecRan' && e.data.command, 'sh -c echo a: b');
  const h = one(aDockerMessage({ Action: 'health_status' }));
  t.is(h.type === 'ContainerHealthChanged' && h.data.health, 'unknown');
});

const record = (over: Record<string, unknown> = {}): string => JSON.stringify({
  id: 'dk-1', type: 'ContainerStarted', v: 1, at: '2026-11-23T10:00:00.000000000Z', observedAt: '2026-11-23T10:00:00.000000000Z',
  source: { kind: 'docker', host: 'vm' }, subject: { kind: 'container', id: 'c1' }, data: { containerId: 'c1' }, ...over,
});

test('parseRecord reads a valid record and stamps its sequence', (t) => {
  const r = parseRecord(record(), 42);
  t.true(r.ok);
  t.is(r.ok && r.event.seq, 42);
  t.is(r.ok && r.event.type, 'ContainerStarted');
});

test('parseRecord reports garbage, non-objects, unknown types and wrong versions as values, never throwing', (t) => {
  const cases: [string, RegExp][] = [
    ['{"id": "x", "type": ', /seq 7: not JSON/],
    ['\u0000\uffff garbage', /seq 7: not JSON/],
    ['', /seq 7: not JSON/],
    ['42', /seq 7: not an event record/],
    ['null', /seq 7: not an event record/],
    ['[]', /seq 7: not an event record/],
    ['"ContainerStarted"', /seq 7: not an event record/],
    [record({ type: 'ContainerTeleported' }), /unknown event type 'ContainerTeleported'/],
    [record({ type: '__proto__' }), /unknown event type '__proto__'/],
    [record({ type: 'toString' }), /unknown event type 'toString'/],
    [record({ v: 2 }), /ContainerStarted v2 is not a version this berth reads \(v1\)/],
    [record({ v: 0 }), /not an event record/],
    [record({ at: '2026-11-23T10:00:00Z' }), /not an event record \(at:/],
    [record({ source: { kind: 'ftp', host: 'vm' } }), /not an event record \(source\.kind:/],
    [record({ data: null }), /not an event record \(data:/],
  ];
  for (const [text, reason] of cases) {
    const r = parseRecord(text, 7);
    t.false(r.ok, text.slice(0, 40));
    t.regex(r.ok ? '' : r.reason, reason);
  }
});

const tokenIds = [
  'web.1.abc', 'my container', 'a/b/c', 'ünïcødé-名前-🚢', 'svc.*', 'a.>', '>', '*', '.', '=', '%41', '=41', 'a=b',
  "!'()~", 'tab\there', 'line\nbreak', '-_-', '', '0123456789abcdef'.repeat(4), 'compute-7.example.org',
];

test('encodeToken makes one NATS subject token that decodeToken turns back into the id', (t) => {
  for (const id of tokenIds) {
    const token = encodeToken(id);
    t.regex(token, /^[A-Za-z0-9_=-]+$/, JSON.stringify(id));
    t.is(decodeToken(token), id);
  }
  t.is(new Set(tokenIds.map(encodeToken)).size, tokenIds.length);
  t.is(encodeToken('ev-web_1'), 'ev-web_1');
  t.is(entityKey('container', 'web.1'), 'container.web=2E1');
});

test('toCanonical reads naive, Z and offset timestamps as UTC with nine fraction digits', (t) => {
  t.is(toCanonical('2026-11-23 10:04:43.123456'), '2026-11-23T10:04:43.123456000Z');
  t.is(toCanonical('2026-11-23T10:04:43Z'), '2026-11-23T10:04:43.000000000Z');
  t.is(toCanonical('2026-11-23T10:04:43.123456789+02:00'), '2026-11-23T08:04:43.123456789Z');
  t.is(toCanonical('2026-11-23T00:30:00-0130'), '2026-11-23T02:00:00.000000000Z');
  t.is(toCanonical('2026-11-23T10:04:43.1234567891234Z'), '2026-11-23T10:04:43.123456789Z');
  t.is(toCanonical(' 2026-11-23T10:04:43Z\n'), '2026-11-23T10:04:43.000000000Z');
});

test('toCanonical gives undefined for garbage and for impossible dates', (t) => {
  for (const text of ['', 'garbage', 'yesterday', '2026-11-23', '10:04:43', '2026-11-23T10:04', '1795433083', '2026-11-23T10:04:43+2']) {
    t.is(toCanonical(text), undefined, text);
  }
  for (const text of ['2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-11-23T25:00:00Z', '2026-11-23T10:61:00Z', '0001-01-01T00:00:00Z']) {
    t.is(toCanonical(text), undefined, text);
  }
});

test('event times order as strings because they are fixed width', (t) => {
  const times = ['2026-11-23T10:04:43.000000001Z', '2026-11-23T10:04:43.1Z', '2026-11-23 10:04:42.999999999'].map((x) => toCanonical(x)!);
  t.deepEqual([...times].sort(), [times[2], times[0], times[1]]);
  t.true(at(1) < at(1.001));
  t.is(aContainerStarted({ at: at(0) }).at, '2026-11-23T10:00:00.000000000Z');
});

test('an id with a lone surrogate encodes to a token without throwing, and a foreign token decodes unchanged', (t) => {
  const token = encodeToken('web\ud800x');
  t.regex(token, /^[A-Za-z0-9_=-]+$/);
  t.is(decodeToken(token), 'web\ufffdx');
  t.is(decodeToken('=ZZ'), '=ZZ');
  t.notThrows(() => fold([aContainerStarted({ containerId: 'bad\udfff' })]));
});

test('a container prune is an engine event, not an event about a container with an empty id', (t) => {
  const e = one(aDockerMessage({ Type: 'container', Action: 'prune', id: '', attributes: { reclaimed: '1024' } }));
  t.is(e.type, 'EngineObjectChanged');
  t.is(e.subject.kind, 'engine');
});
