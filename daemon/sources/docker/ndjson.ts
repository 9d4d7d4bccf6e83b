/** One engine event as it came off `/events`, with `timeNano` kept exact as a decimal string. */
export type RawDockerEvent = {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope?: string;
  time?: number;
  timeNano: string;
  /** The original line, for logging and dead-lettering. */
  raw: string;
};

export type NdjsonItem =
  | { ok: true; event: RawDockerEvent }
  | { ok: false; line: string; reason: string };

/**
 * The longest engine line read. An event line carries every label of its container (no cap in
 * Docker): at 1 MiB, a container with ~1 MB of labels had create, start, die and destroy all
 * dead-lettered and stayed in the model until the next re-list. Labels are capped after parsing
 * (128 KiB) and a raw line over 64 KiB is kept by reference, so the record stays small.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const KEPT_BYTES_OF_LONG_LINE = 1024;
const NEWLINE = 0x0a;
const RECORD_SEPARATOR = '\u001e';
/** 10000-01-01T00:00:00Z in nanoseconds. */
const LAST_NANOS = 253_402_300_800n * 1_000_000_000n;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// JSON.parse rounds 19-digit integers, so the exact digits are taken from the text. Several
// matches are possible only if a nested value is also a number after a "timeNano" key; the
// top-level one is the match whose rounded value equals the parsed field.
const exactTimeNano = (line: string, parsed: unknown): string | undefined => {
  if (typeof parsed === 'string') return /^\d+$/.test(parsed) ? parsed : undefined;
  if (typeof parsed !== 'number') return undefined;
  for (const m of line.matchAll(/"timeNano"\s*:\s*(\d+)/g)) {
    const digits = m[1];
    if (digits !== undefined && Number(digits) === parsed) return digits;
  }
  return undefined;
};

const attributesOf = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    // The engine only sends strings; other primitives are kept readable rather than dropped.
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
};

/** Parses one line (without its `\n`). Returns null for blank lines. Never throws. */
export const parseEventLine = (input: string): NdjsonItem | null => {
  let line = input.endsWith('\r') ? input.slice(0, -1) : input;
  if (line.startsWith(RECORD_SEPARATOR)) line = line.slice(1);
  if (line.trim() === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return { ok: false, line, reason: `malformed JSON: ${(err as Error).message}` };
  }
  if (!isObject(obj)) return { ok: false, line, reason: 'not a JSON object' };
  const { Type, Action, Actor, scope, time } = obj;
  if (typeof Type !== 'string' || Type === '') return { ok: false, line, reason: 'missing Type' };
  if (typeof Action !== 'string' || Action === '') return { ok: false, line, reason: 'missing Action' };
  const timeNano =
    exactTimeNano(line, obj['timeNano']) ??
    (typeof time === 'number' && Number.isSafeInteger(time) && time >= 0 ? `${String(time)}000000000` : undefined);
  if (timeNano === undefined) return { ok: false, line, reason: 'missing timeNano and time' };
  // A time past year 9999 cannot be a stored event's `at` (readers would refuse the record).
  if (BigInt(timeNano) >= LAST_NANOS) return { ok: false, line, reason: `timeNano ${timeNano.slice(0, 40)} is past year 9999` };
  const actor = isObject(Actor) ? Actor : {};
  const event: RawDockerEvent = {
    Type,
    Action,
    Actor: { ID: typeof actor['ID'] === 'string' ? actor['ID'] : '', Attributes: attributesOf(actor['Attributes']) },
    timeNano,
    raw: line,
  };
  if (typeof scope === 'string') event.scope = scope;
  if (typeof time === 'number') event.time = time;
  return { ok: true, event };
};

/**
 * Splits a byte stream into lines and parses each one. Works on bytes, not strings, so a UTF-8
 * character split across chunks is decoded whole. A line over `MAX_LINE_BYTES` is reported once,
 * as soon as it crosses the cap, and the rest of it is skipped up to the next newline.
 */
export class NdjsonSplitter {
  #parts: Buffer[] = [];
  #size = 0;
  #skipping = false;

  push(chunk: Buffer | Uint8Array | string): NdjsonItem[] {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: NdjsonItem[] = [];
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      this.#append(buf.subarray(start, nl), out);
      this.#finishLine(out);
      start = nl + 1;
    }
    this.#append(buf.subarray(start), out);
    return out;
  }

  /** Flushes a final line that had no trailing newline (stream ended). */
  end(): NdjsonItem[] {
    const out: NdjsonItem[] = [];
    this.#finishLine(out);
    return out;
  }

  #append(piece: Buffer, out: NdjsonItem[]): void {
    if (this.#skipping || piece.length === 0) return;
    this.#parts.push(piece);
    this.#size += piece.length;
    if (this.#size > MAX_LINE_BYTES) {
      const head = Buffer.concat(this.#parts).subarray(0, KEPT_BYTES_OF_LONG_LINE).toString('utf8');
      out.push({ ok: false, line: head, reason: 'line too long' });
      this.#reset();
      this.#skipping = true;
    }
  }

  #finishLine(out: NdjsonItem[]): void {
    if (!this.#skipping && this.#size > 0) {
      const item = parseEventLine(Buffer.concat(this.#parts, this.#size).toString('utf8'));
      if (item !== null) out.push(item);
    }
    this.#reset();
    this.#skipping = false;
  }

  #reset(): void {
    this.#parts = [];
    this.#size = 0;
  }
}

/** Parses an async byte stream (an HTTP response, a file stream) item by item. */
export async function* parseNdjson(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<NdjsonItem> {
  const splitter = new NdjsonSplitter();
  for await (const chunk of source) yield* splitter.push(chunk);
  yield* splitter.end();
}
