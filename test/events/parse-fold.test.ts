import test from 'ava';
import { parseRecord, parseRecordForFold, parseRecordWithoutRaw, rawSpan, recordAfter, recordTimeOf } from '../../events/parse.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { aDockerMessage } from '../support/builders.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const AT = '2026-11-23T10:00:00.000000000Z';
const base = { id: 'dk-1', at: AT, observedAt: AT, source: { kind: 'docker', host: 'vm' } };
const rest = { v: 1, type: 'ContainerStarted', subject: { kind: 'container', id: 'c1' }, data: { containerId: 'c1' } };
/** A record in the translators' order: id, at, observedAt, source, raw, then the rest. */
const record = (raw: string, more: Record<string, unknown> = {}): string => JSON.stringify({ ...base, raw, ...rest, ...more });
const withoutRaw = (text: string, seq: number): unknown => {
  const r = parseRecord(text, seq);
  if (r.ok) delete (r.event as { raw?: string }).raw;
  return r;
};

test('a fold reads a record as parseRecord does, without its raw', (t) => {
  const raws = ['', 'plain', '{"a":"b","c":"d"}', 'ends with a backslash \\', '\\","v":2,"x":"', 'ünïcødé "quoted", 🚢', '","'];
  for (const raw of raws) {
    const text = record(raw);
    const r = parseRecordForFold(bytes(text), 9);
    t.deepEqual(r, withoutRaw(text, 9), raw);
    t.true(r.ok && !('raw' in r.event) && r.event.seq === 9 && r.event.type === 'ContainerStarted', raw);
  }
});

test('records the Docker translator writes read the same for a fold, but for raw', (t) => {
  for (const m of [aDockerMessage({ Action: 'start' }), aDockerMessage({ Action: 'create', attributes: { image: 'x', name: 'a "b", \\c' } })]) {
    for (const e of translateDockerEvent('vm', m, AT)) {
      const text = JSON.stringify(e);
      t.true(text.includes(',"raw":"'));
      t.deepEqual(parseRecordForFold(bytes(text), 3), withoutRaw(text, 3));
    }
  }
});

test('a raw elsewhere in the record, or one inside its data, is read whole: only the record\'s own raw goes', (t) => {
  const late = JSON.stringify({ ...base, ...rest, raw: 'x' });
  t.deepEqual(parseRecordForFold(bytes(late), 1), withoutRaw(late, 1));
  const nested = JSON.stringify({ ...base, ...rest, data: { containerId: 'c1', raw: 'kept' } });
  const r = parseRecordForFold(bytes(nested), 1);
  t.is(r.ok && (r.event.data as { raw?: string }).raw, 'kept');
  const both = record('dropped', { data: { containerId: 'c1', raw: 'kept' } });
  const b = parseRecordForFold(bytes(both), 1);
  t.true(b.ok && !('raw' in b.event));
  t.is(b.ok && (b.event.data as { raw?: string }).raw, 'kept');
});

test('what parseRecord refuses, a fold refuses for the same reason', (t) => {
  for (const text of ['{"id": "x", ', '[]', record('r', { type: 'ContainerTeleported' }), record('r', { v: 2 }), record('r', { data: null }), JSON.stringify({ ...base, raw: 'r' })]) {
    t.deepEqual(parseRecordForFold(bytes(text), 4), parseRecord(text, 4), text.slice(0, 60));
  }
});

test('the time of a record is read from its head, and only from a head it can be sure of', (t) => {
  t.is(recordTimeOf(bytes(record('r'))), AT);
  t.is(recordTimeOf(bytes(JSON.stringify({ at: AT, observedAt: AT, id: 'x' }))), AT);
  t.is(recordTimeOf(bytes(JSON.stringify({ type: 'X', at: AT }))), null);
  t.is(recordTimeOf(bytes(JSON.stringify({ id: 'x', data: { at: AT } }))), null);
  t.is(recordTimeOf(bytes(JSON.stringify({ id: 'x', at: '2026-11-23T10:00:00Z' }))), null);
  t.is(recordTimeOf(bytes('not json')), null);
});

test('a fold reads the same event as parseRecord from any record, whatever its head, raw or rest', (t) => {
  const head = (h: Record<string, unknown>): string => JSON.stringify(h).slice(0, -1);
  const heads = [
    head(base),
    head({ ...base, id: 'quote " in id' }),
    head({ ...base, id: 'ünï' }),
    head({ ...base, source: { kind: 'docker', host: 'h', extra: 1 } }),
    head({ ...base, source: { host: 'h', kind: 'docker' } }),
    '{ "id":"dk-1","at":"' + AT + '"',
    head({ id: 'x', observedAt: AT, at: AT, source: base.source }),
  ];
  const raws = [',"raw":"plain"', ',"raw":"q \\" b \\\\ {\\"a\\":[1,\\"}\\"]} \\u00e9 ","',  ',"raw":"ends \\\\"', ',"raw":"a" ', ',"raw":"a"x', ',"raw":"tab\there"', ',"raw":1', ''];
  const rests = [
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"}}',
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"},"id":"later","raw":"again","source":{"kind":"berth","host":"b"}}',
    ',"v":1,"type":"ContainerTeleported","subject":{"kind":"container","id":"c1"},"data":{}}',
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"},"__proto__":{"x":1}}',
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"},"7":"seven","seq":3}',
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"}} x',
    ' ,"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1"}}',
    ',"v":1,"type":"ContainerStarted","subject":{"kind":"container","id":"c1"},"data":{"containerId":"c1","s":"a","v":1,"subject":{}}}',
    '}',
  ];
  let fast = 0;
  let cut = 0;
  for (const h of heads) for (const raw of raws) for (const rest of rests) {
    const text = h + raw + rest;
    // The log reader's thread (fold-thread.ts) cuts raw out where rawSpan says and sends the rest:
    // parsed so, it must read as parseRecordForFold reads the whole, and be refused only when the whole is.
    const whole = Buffer.from(text);
    const span = rawSpan(whole);
    if (span !== null) {
      cut += 1;
      const sent = Buffer.concat([whole.subarray(0, span.headEnd), whole.subarray(span.restStart)]).toString('utf8');
      const r = parseRecordWithoutRaw(sent, 5);
      if (r === null) t.false(parseRecordForFold(whole, 5).ok, text);
      else t.deepEqual(r, parseRecordForFold(whole, 5), text);
    }
    const r = parseRecordForFold(bytes(text), 5);
    const want = withoutRaw(text, 5) as ReturnType<typeof parseRecord>;
    t.deepEqual(r, want, text);
    if (r.ok && want.ok) t.deepEqual(Object.keys(r.event), Object.keys(want.event), text);
    if (r.ok && want.ok) t.is(Object.getPrototypeOf(r.event), Object.getPrototypeOf(want.event), text);
    if (r.ok) fast += 1;
  }
  t.true(fast > 10);
  t.true(cut > 10);
});

test('the time of a record read from its bytes is the one its head says, as a pattern over its first 256 bytes would read it', (t) => {
  const AT_HEAD = /^\{(?:"id":"[^"\\]*",)?"at":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z)"/;
  const want = (b: Uint8Array): string | null => AT_HEAD.exec(Buffer.from(b).toString('latin1', 0, 256))?.[1] ?? null;
  const ids = ['', 'x', 'a\\b', 'ü', 'q"', 'x'.repeat(200), 'x'.repeat(212), 'x'.repeat(213), 'x'.repeat(214), 'x'.repeat(300)];
  const times = [AT, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00.00000000aZ', `${AT}x`, '2026-11-23 10:00:00.000000000Z'];
  let some = 0;
  for (const id of ids) for (const at of times) {
    for (const text of [JSON.stringify({ id, at }), JSON.stringify({ at, id }), `{"id":"${id}","at":"${at}"`, `{"id":"${id}",  "at":"${at}"}`, `{"id":"${id}","at":"${at}`]) {
      const b = bytes(text);
      t.is(recordTimeOf(b), want(b), text);
      if (want(b) !== null) some += 1;
    }
  }
  t.true(some > 5);
  for (const text of ['', '{', '{"', 'not json', '{"at":"', '{"id":"x"']) t.is(recordTimeOf(bytes(text)), want(bytes(text)), text);
});

test('a record is after a time exactly when the time its head says is a later string', (t) => {
  const ats = ['', '2', '2026', '2026-11-23T09:59:59.999999999Z', AT, '2026-11-23T10:00:00.000000001Z', `${AT}x`, '2026-11-23T10:00:00.000000000', '2026-11-23T10:00:00.0000000000Z', '2100-01-01T00:00:00.000000000Z', 'ü', '~'];
  const texts = [record('r'), JSON.stringify({ at: AT, id: 'x' }), JSON.stringify({ type: 'X', at: AT }), JSON.stringify({ id: 'x', at: '2026-11-23T10:00:00Z' }), 'not json', ''];
  let after = 0;
  for (const text of texts) for (const at of ats) {
    const time = recordTimeOf(bytes(text));
    t.is(recordAfter(bytes(text), at), time !== null && time > at, `${text.slice(0, 40)} / ${at}`);
    if (time !== null && time > at) after += 1;
  }
  t.true(after > 5);
});
