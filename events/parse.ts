import type { Recorded } from './envelope.js';
import type { OpsEvent, OpsEventType } from './ops-event.js';
import { EVENT_VERSIONS } from './ops-event.js';
import { envelopeProblem } from './envelope-check.js';
import { stringEnd } from './json-string.js';
import type { CanonicalTime } from './time.js';

/** Result of reading one stored record: the event, or why it was skipped (counted, never thrown). */
export type ParseResult = { ok: true; event: Recorded<OpsEvent> } | { ok: false; reason: string };

const isKnownType = (t: string): t is OpsEventType => Object.hasOwn(EVENT_VERSIONS, t);

/**
 * Reads a record back from the stream (the read edge). Unknown types or versions from a newer
 * writer, and anything malformed, come back as `{ok: false}` so that readers count and skip them.
 */
export const parseRecord = (text: string, seq: number): ParseResult => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `seq ${seq}: not JSON` };
  }
  return checked(json, seq);
};

/** The checks of `parseRecord` after JSON.parse, on a fresh object it may stamp. */
const checked = (json: unknown, seq: number): ParseResult => {
  const problem = envelopeProblem(json);
  if (problem !== null) return { ok: false, reason: `seq ${seq}: not an event record (${problem})` };
  const { type, v } = json as { type: string; v: number };
  if (!isKnownType(type)) return { ok: false, reason: `seq ${seq}: unknown event type '${type}'` };
  if (EVENT_VERSIONS[type] !== v) return { ok: false, reason: `seq ${seq}: ${type} v${v} is not a version this berth reads (v${EVENT_VERSIONS[type]})` };
  // A fresh object of JSON.parse's: stamped in place (a copy of every field cost more than the check above).
  (json as { seq: number }).seq = seq;
  return { ok: true, event: json as Recorded<OpsEvent> };
};

const bufferOf = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** The head of a record as the translators write it, between its five strings (id, at, observedAt, source.kind, source.host). */
const HEAD_PARTS = ['{"id":"', '","at":"', '","observedAt":"', '","source":{"kind":"', '","host":"', '"},"raw":"'].map(bytesOf);

/** Whether `lit` is in `b` at `i`. */
const at = (b: Uint8Array, i: number, lit: Uint8Array): boolean => {
  if (i + lit.length > b.length) return false;
  for (let k = 0; k < lit.length; k++) if (b[i + k] !== lit[k]) return false;
  return true;
};

/**
 * The end (its closing quote) of a JSON string whose content starts at `i`, where no escape can
 * hide a quote (no backslash) and JSON.parse takes it (no control character); -1 otherwise.
 */
const plainEnd = (b: Buffer, i: number): number => {
  for (let j = i; j < b.length; j++) {
    const c = b[j] as number;
    if (c === 0x22) return j;
    if (c < 0x20 || c === 0x5c) return -1;
  }
  return -1;
};

/**
 * `parseRecord` of a stored record's bytes for a fold: the same event without its `raw` (the
 * source's original message, kept for audit and read by no fold rule; most of a record's bytes).
 * A record as the translators write it (id, at, observedAt, source, raw, then the rest; no escape
 * in the head's strings) is parsed without its `raw` member, which is neither decoded nor parsed
 * (`stringEnd` only checks that JSON.parse would take it): the same members in the same order,
 * later duplicates overwriting as JSON.parse does. Any other record, or one whose text without raw
 * does not parse, is read whole and `raw` dropped after, so that what is refused is refused for
 * the same reason.
 */
export const parseRecordForFold = (data: Uint8Array, seq: number): ParseResult => {
  const b = bufferOf(data);
  const text = withoutRaw(b);
  // Read whole when it could not be cut, or the cut text does not parse: refused (or not) for the reason parseRecord gives.
  return (text === null ? null : parseRecordWithoutRaw(text, seq)) ?? withoutRawMember(parseRecord(b.toString('utf8'), seq));
};

/** The result with its event's `raw` member dropped (the fold reads none). */
const withoutRawMember = (r: ParseResult): ParseResult => {
  if (r.ok && r.event.raw !== undefined) delete (r.event as { raw?: string }).raw;
  return r;
};

/**
 * Where a record's `raw` member lies (see parseRecordForFold): the record without it is its bytes
 * before `headEnd` (the head through source's `}`) followed by those from `restStart` (the comma
 * after raw) on; null for a record to read whole.
 */
export const rawSpan = (b: Buffer): { headEnd: number; restStart: number } | null => {
  let i = 0;
  for (let k = 0; k < 5; k++) {
    const part = HEAD_PARTS[k] as Uint8Array;
    if (!at(b, i, part)) return null;
    i = plainEnd(b, i + part.length);
    if (i < 0) return null;
  }
  const rawKey = HEAD_PARTS[5] as Uint8Array;
  if (!at(b, i, rawKey)) return null;
  const q = stringEnd(b, i + rawKey.length);
  // A raw that is no valid JSON string, or the last member (or one with spaces after it): read whole.
  if (q < 0 || b[q + 1] !== 0x2c || b[q + 2] !== 0x22) return null;
  // The head ends with the quote closing source's host, then the brace.
  return { headEnd: i + 2, restStart: q + 1 };
};

/** The record's text without its `raw` member (see parseRecordForFold), or null for a record to read whole. */
const withoutRaw = (b: Buffer): string | null => {
  const s = rawSpan(b);
  return s === null ? null : b.toString('utf8', 0, s.headEnd) + b.toString('utf8', s.restStart);
};

/**
 * `parseRecordForFold` of a record's text without its `raw` member (what rawSpan cuts out; the
 * log reader's thread sends it so), or null when that text does not parse: then the record must
 * be read whole to learn why (it is not JSON either).
 */
export const parseRecordWithoutRaw = (text: string, seq: number): ParseResult | null => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  return withoutRawMember(checked(json, seq));
};

const ID_KEY = bytesOf('{"id":"');
const AT_KEY = bytesOf('"at":"');
/** A canonical time's shape, `d` for a digit: `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z`, then its closing quote. */
const TIME_SHAPE = bytesOf('dddd-dd-ddTdd:dd:dd.dddddddddZ"');
/** How far into a record its head is looked for. */
const HEAD_LIMIT = 256;

/** Where the source time of a stored record as berth writes it starts in its bytes (see recordTimeOf), or -1. */
const timeStart = (b: Uint8Array): number => {
  const n = Math.min(b.length, HEAD_LIMIT);
  if (b[0] !== 0x7b) return -1;
  let i = 1;
  if (at(b, 0, ID_KEY)) {
    // `"id":"[^"\\]*",`: any byte but a quote or a backslash, within the head.
    let j = ID_KEY.length;
    while (j < n && b[j] !== 0x22 && b[j] !== 0x5c) j += 1;
    if (j >= n - 1 || b[j] !== 0x22 || b[j + 1] !== 0x2c) return -1;
    i = j + 2;
  }
  if (i + AT_KEY.length + TIME_SHAPE.length > n || !at(b, i, AT_KEY)) return -1;
  const t = i + AT_KEY.length;
  for (let k = 0; k < TIME_SHAPE.length; k++) {
    const c = b[t + k] as number;
    const want = TIME_SHAPE[k] as number;
    if (want === 0x64 ? c < 0x30 || c > 0x39 : c !== want) return -1;
  }
  return t;
};

/** How many characters a canonical time has. */
const TIME_LENGTH = TIME_SHAPE.length - 1;

/**
 * The source time of a stored record as berth writes it (`at` first, or right after `id`), read
 * from its first bytes without parsing it; null for any other shape (then parse it to know).
 */
export const recordTimeOf = (data: Uint8Array): CanonicalTime | null => {
  const t = timeStart(data);
  return t < 0 ? null : bufferOf(data).toString('latin1', t, t + TIME_LENGTH);
};

/**
 * Whether `recordTimeOf(data)` is a time after `time` (false when the head tells none: then parse
 * it to know), compared in the record's bytes without making a string of them: a fold to a point
 * in time asks this of every record it reads.
 */
export const recordAfter = (data: Uint8Array, time: string): boolean => {
  const t = timeStart(data);
  if (t < 0) return false;
  // The time's characters are ASCII: each byte is its UTF-16 code unit, so this is `>` on strings.
  for (let k = 0; k < TIME_LENGTH; k++) {
    if (k >= time.length) return true;
    const c = data[t + k] as number;
    const w = time.charCodeAt(k);
    if (c !== w) return c > w;
  }
  return false;
};
