import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import test from 'ava';
import { MAX_LINE_BYTES, NdjsonSplitter, parseEventLine, parseNdjson } from '../../../../daemon/sources/docker/ndjson.js';
import type { NdjsonItem, RawDockerEvent } from '../../../../daemon/sources/docker/ndjson.js';

const CORPUS = '/work/shared/corpus/docker';
const corpusFiles = [
  ...readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).map((f) => join(CORPUS, f)),
  ...readdirSync(join(CORPUS, 'experiments')).filter((f) => f.endsWith('.jsonl')).map((f) => join(CORPUS, 'experiments', f)),
];

// Deterministic, so a failure reproduces (mulberry32).
const rng = (seed: number): (() => number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
  return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
};

const feedInChunks = (bytes: Buffer, next: () => number, maxChunk: number): NdjsonItem[] => {
  const splitter = new NdjsonSplitter();
  const out: NdjsonItem[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(next() * maxChunk);
    out.push(...splitter.push(bytes.subarray(i, i + n)));
    i += n;
  }
  return [...out, ...splitter.end()];
};

const eventsOf = (items: NdjsonItem[]): RawDockerEvent[] =>
  items.map((i) => {
    if (!i.ok) throw new Error(`unexpected bad line: ${i.reason}`);
    return i.event;
  });

const line = (o: object): string => JSON.stringify(o);
const anEvent = { Type: 'container', Action: 'start', Actor: { ID: 'abc', Attributes: { name: 'web' } }, scope: 'local', time: 1795433084 };
const withNano = (nano: string): string => `${line(anEvent).slice(0, -1)},"timeNano":${nano}}`;

test('every corpus line gives the same events in random-sized chunks as line by line', (t) => {
  t.true(corpusFiles.length >= 18);
  const next = rng(42);
  for (const file of corpusFiles) {
    const text = readFileSync(file, 'utf8');
    const byLine = text.split('\n').map(parseEventLine).filter((i): i is NdjsonItem => i !== null);
    t.is(byLine.length, text.split('\n').filter((l) => l.trim() !== '').length, file);
    const expected = eventsOf(byLine);
    for (const maxChunk of [1, 7, 64, 512, 4096]) {
      t.deepEqual(eventsOf(feedInChunks(Buffer.from(text), next, maxChunk)), expected, `${file} chunks<=${String(maxChunk)}`);
    }
  }
});

test('timeNano is the exact 19 digits from the file, which JSON.parse would round', (t) => {
  let rounded = 0;
  for (const file of corpusFiles) {
    for (const raw of readFileSync(file, 'utf8').split('\n').filter((l) => l !== '')) {
      const item = parseEventLine(raw);
      if (item?.ok !== true) return t.fail(`${file}: ${raw}`);
      // Docker writes timeNano last, so the digits between the last key and the closing brace are the truth.
      const digits = raw.slice(raw.lastIndexOf('"timeNano":') + '"timeNano":'.length, -1);
      t.is(item.event.timeNano, digits);
      t.is(BigInt(item.event.timeNano) / 1_000_000_000n, BigInt(item.event.time ?? -1));
      if (String((JSON.parse(raw) as { timeNano: number }).timeNano) !== digits) rounded++;
      t.is(item.event.raw, raw);
    }
  }
  t.true(rounded > 0, 'the corpus shows JSON.parse losing precision');
});

test('the documented precision example survives: 1795435601207824365', (t) => {
  const item = parseEventLine(withNano('1795435601207824365'));
  t.like(item, { ok: true, event: { timeNano: '1795435601207824365' } });
});

test('two events in one chunk and one event split over chunks, as the engine streams them', (t) => {
  const raw = readFileSync(join(CORPUS, 'experiments/chunked-raw.txt'), 'utf8');
  const [first = '', second = ''] = raw.split('\r\n').filter((l) => l.startsWith('{'));
  const splitter = new NdjsonSplitter();
  const both = splitter.push(`${first}\n${second}\n`);
  t.deepEqual(eventsOf(both).map((e) => e.Action), ['tag', 'untag']);
  t.deepEqual(splitter.push(first.slice(0, 10)), []);
  t.deepEqual(splitter.push(Buffer.from(first.slice(10, 200))), []);
  const rest = splitter.push(`${first.slice(200)}\n${second.slice(0, 5)}`);
  t.deepEqual(eventsOf(rest).map((e) => e.timeNano), ['1795435776536601746']);
  t.deepEqual(eventsOf([...splitter.push(`${second.slice(5)}\n`)]).map((e) => e.timeNano), ['1795435776578735612']);
});

test('a UTF-8 character split across chunks is decoded whole', (t) => {
  const bytes = Buffer.from(`${line({ ...anEvent, Actor: { ID: 'x', Attributes: { name: 'café-🚀' } }, timeNano: 1 })}\n`);
  const cut = bytes.indexOf(Buffer.from('🚀')) + 2;
  const splitter = new NdjsonSplitter();
  const items = [...splitter.push(bytes.subarray(0, cut)), ...splitter.push(bytes.subarray(cut))];
  t.is(eventsOf(items)[0]?.Actor.Attributes['name'], 'café-🚀');
});

test('malformed, non-object and incomplete lines are reported, never thrown', (t) => {
  const bad = ['{"Type":"container",', '[1,2]', '"text"', 'null', '42', line({ Action: 'start', timeNano: 1 }), line({ Type: 'container', timeNano: 1 }), line({ Type: 'x', Action: 'y' })];
  const items = new NdjsonSplitter().push(`${bad.join('\n')}\n${withNano('1795433084956327972')}\n`);
  t.deepEqual(
    items.map((i) => (i.ok ? 'ok' : i.reason.replace(/:.*/, ''))),
    ['malformed JSON', 'not a JSON object', 'not a JSON object', 'not a JSON object', 'not a JSON object', 'missing Type', 'missing Action', 'missing timeNano and time', 'ok'],
  );
  t.is(items[0]?.ok === false ? items[0].line : '', '{"Type":"container",');
});

test('a line over the cap (16 MiB) is reported once, truncated to 1 KiB, and the next line still parses', (t) => {
  const huge = `{"Type":"container","Action":"x","pad":"${'a'.repeat(MAX_LINE_BYTES + 1024)}"}`;
  const input = Buffer.from(`${huge}\n${withNano('1795433084956327972')}\n`);
  for (const maxChunk of [65536, input.length]) {
    const items = feedInChunks(input, rng(7), maxChunk);
    t.is(items.length, 2);
    t.like(items[0], { ok: false, reason: 'line too long' });
    t.true(items[0]?.ok === false && Buffer.byteLength(items[0].line) <= 1024 && items[0].line.startsWith('{"Type":"container"'));
    t.like(items[1], { ok: true, event: { timeNano: '1795433084956327972' } });
  }
  t.is(MAX_LINE_BYTES, 16 * 1024 * 1024);
});

test('a 3 MB line (a container with ~3 MB of labels) is an event, not a dead letter', (t) => {
  const labels = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`qa.l${i}`, 'v'.repeat(1000)]));
  const big = JSON.stringify({ Type: 'container', Action: 'create', Actor: { ID: 'c'.repeat(64), Attributes: { name: 'big', ...labels } }, time: 1795433084, timeNano: 0 }).replace('"timeNano":0', '"timeNano":1795433084956327972');
  const items = feedInChunks(Buffer.from(`${big}\n`), rng(3), 65536);
  t.is(items.length, 1);
  t.like(items[0], { ok: true, event: { Type: 'container', Action: 'create', timeNano: '1795433084956327972' } });
});

test('a line of exactly the cap is still parsed', (t) => {
  const head = withNano('1').slice(0, -1);
  const pad = MAX_LINE_BYTES - Buffer.byteLength(`${head},"p":""}`);
  const items = new NdjsonSplitter().push(`${head},"p":"${'b'.repeat(pad)}"}\n`);
  t.like(items[0], { ok: true });
});

test('a json-seq record separator, CRLF endings and blank lines are tolerated', (t) => {
  const items = new NdjsonSplitter().push(`\n\u001e${withNano('5')}\r\n   \n\r\n${withNano('6')}`);
  t.deepEqual(eventsOf(items).map((e) => e.timeNano), ['5']);
  t.is(eventsOf(items)[0]?.raw, withNano('5'));
});

test('end() flushes a last line that had no newline', (t) => {
  const splitter = new NdjsonSplitter();
  t.deepEqual(splitter.push(withNano('9')), []);
  t.deepEqual(eventsOf(splitter.end()).map((e) => e.timeNano), ['9']);
  t.deepEqual(splitter.end(), []);
});

test('without timeNano, time is used with nine zero digits', (t) => {
  t.like(parseEventLine(line(anEvent)), { ok: true, event: { timeNano: '1795433084000000000', time: 1795433084 } });
});

test('a nested numeric "timeNano" does not fool the extraction', (t) => {
  const raw = '{"Type":"x","Action":"y","Actor":{"ID":"","Attributes":{}},"extra":{"timeNano":1},"timeNano":1795433084956327972}';
  t.like(parseEventLine(raw), { ok: true, event: { timeNano: '1795433084956327972' } });
});

test('missing Actor parts default to empty; attribute values stay strings', (t) => {
  const item = parseEventLine('{"Type":"daemon","Action":"reload","Actor":{"Attributes":{"a":"1","n":2,"o":{}}},"timeNano":3}');
  t.deepEqual(item?.ok === true ? item.event.Actor : null, { ID: '', Attributes: { a: '1', n: '2' } });
});

test('parseNdjson reads an async byte stream item by item', async (t) => {
  const items: NdjsonItem[] = [];
  for await (const i of parseNdjson(Readable.from([Buffer.from(withNano('1').slice(0, 9)), `${withNano('1').slice(9)}\nnot json\n`, withNano('2')]))) items.push(i);
  t.deepEqual(items.map((i) => (i.ok ? i.event.timeNano : i.reason.slice(0, 9))), ['1', 'malformed', '2']);
});

test('a timeNano or time past year 9999 is reported with the reason, not made into an event no reader accepts', (t) => {
  const huge = parseEventLine('{"Type":"container","Action":"die","Actor":{"ID":"c"},"timeNano":999999999999999999999999999999}');
  t.like(huge, { ok: false });
  t.regex(huge?.ok === false ? huge.reason : '', /timeNano 999999999999999999999999999999 is past year 9999/);
  t.like(parseEventLine('{"Type":"container","Action":"die","Actor":{"ID":"c"},"time":9007199254740991}'), { ok: false });
  t.like(parseEventLine('{"Type":"container","Action":"die","Actor":{"ID":"c"},"timeNano":253402300799999999999}'), { ok: true });
});
