import type { Recorded } from './envelope.js';
import type { OpsEvent, OpsEventType } from './ops-event.js';
import { EVENT_VERSIONS } from './ops-event.js';
import { envelopeProblem } from './envelope-check.js';
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
  const problem = envelopeProblem(json);
  if (problem !== null) return { ok: false, reason: `seq ${seq}: not an event record (${problem})` };
  const { type, v } = json as { type: string; v: number };
  if (!isKnownType(type)) return { ok: false, reason: `seq ${seq}: unknown event type '${type}'` };
  if (EVENT_VERSIONS[type] !== v) return { ok: false, reason: `seq ${seq}: ${type} v${v} is not a version this berth reads (v${EVENT_VERSIONS[type]})` };
  // A fresh object of JSON.parse's: stamped in place (a copy of every field cost more than the check above).
  (json as { seq: number }).seq = seq;
  return { ok: true, event: json as Recorded<OpsEvent> };
};

const RAW_KEY = Buffer.from(',"raw":"');
const NEXT_MEMBER = Buffer.from('","');
/** A record's head as the translators build it (id, at, observedAt, source, then `raw`), all of it. */
const RAW_HEAD = /^\{"id":"[^"\\]*","at":"[^"\\]*","observedAt":"[^"\\]*","source":\{"kind":"[^"\\]*","host":"[^"\\]*"\},"raw":"$/;

const bufferOf = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/**
 * Where the `raw` member of a record as the translators write it lies in its bytes: from its comma
 * to its closing quote (inclusive), or null for any other record. The head before it is flat (no
 * object but `source`), so the member belongs to the record itself; inside a JSON string a quote
 * is escaped (an odd run of backslashes before it), so the first `","` after the member's start
 * whose quote is not escaped is where its string ends and the next member starts.
 */
const rawMember = (b: Buffer): [number, number] | null => {
  const at = b.indexOf(RAW_KEY);
  if (at < 0 || at > 1024 || !RAW_HEAD.test(b.toString('latin1', 0, at + RAW_KEY.length))) return null;
  for (let i = at + RAW_KEY.length; ;) {
    const q = b.indexOf(NEXT_MEMBER, i);
    if (q < 0) return null;
    let k = q - 1;
    while (b[k] === 0x5c) k -= 1;
    if ((q - 1 - k) % 2 === 0) return [at, q + 1];
    i = q + 1;
  }
};

/**
 * `parseRecord` of a stored record's bytes for a fold: the same event without its `raw` (the
 * source's original message, kept for audit and read by no fold rule; most of a record's bytes).
 * Where `rawMember` finds it, it is neither decoded nor parsed; otherwise the record is read whole
 * and `raw` dropped after.
 */
export const parseRecordForFold = (data: Uint8Array, seq: number): ParseResult => {
  const b = bufferOf(data);
  const raw = rawMember(b);
  const r = parseRecord(raw === null ? b.toString('utf8') : b.toString('utf8', 0, raw[0]) + b.toString('utf8', raw[1]), seq);
  if (r.ok && r.event.raw !== undefined) delete (r.event as { raw?: string }).raw;
  return r;
};

const AT_HEAD = /^\{(?:"id":"[^"\\]*",)?"at":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z)"/;

/**
 * The source time of a stored record as berth writes it (`at` first, or right after `id`), read
 * from its first bytes without parsing it; null for any other shape (then parse it to know).
 */
export const recordTimeOf = (data: Uint8Array): CanonicalTime | null => AT_HEAD.exec(bufferOf(data).toString('latin1', 0, 256))?.[1] ?? null;
