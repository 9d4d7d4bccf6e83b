import test from 'ava';
import { parseRecord, parseRecordForFold, recordTimeOf } from '../../events/parse.js';
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
