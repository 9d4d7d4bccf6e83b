/**
 * JSON.parse for a document too big to hold as one string (a snapshot of the model: 120 MB of
 * JSON for 100k entities). The outer levels (`SPLIT_DEPTH`) are walked here, and each value below
 * them (a `[id, entity]` pair of a snapshot) is parsed on its own from its bytes. JSON.parse of the
 * whole text needed the text as a string (as big again, twice that with one non-ASCII character)
 * beside the result; V8 does not give that memory back to the system soon, and an idle daemon kept it.
 *
 * Equal string values are shared (`Interner`): JSON.parse makes a new string for each occurrence,
 * and a model repeats many (the same stamp in every field of a container's `factTimes`, image
 * names, project ids, states), which was about a third of its heap. (A snapshot's reader now packs
 * each `factTimes` before that: see `piece` and events/fact-times.ts.)
 */

import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './json-bytes.js';

const SPLIT_DEPTH = 3;

/** Shares equal strings; forgets them all past `limit` distinct ones, which bounds its own size. */
export class Interner {
  private readonly seen = new Map<string, string>();
  private readonly limit: number;

  constructor(limit = 1 << 17) {
    this.limit = limit;
  }

  string(s: string): string {
    const had = this.seen.get(s);
    if (had !== undefined) return had;
    if (this.seen.size >= this.limit) this.seen.clear();
    this.seen.set(s, s);
    return s;
  }

  /**
   * Replaces, in place, every string value inside `x` (a fresh JSON.parse result) by its shared copy.
   * An object that is not plain (one a `piece` function made, see parseJsonPieces) is left as it is.
   */
  value(x: unknown): unknown {
    if (typeof x === 'string') return this.string(x);
    if (typeof x !== 'object' || x === null) return x;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) x[i] = this.value(x[i]);
      return x;
    }
    // Object.entries, not for-in or Object.keys: those leave an enum cache on each hidden class they
    // walk, and a model has thousands (a container's `factTimes` has a key of its own, `net:<network
    // id>`): 5.7 MB of caches in a 105k-entity model, kept as long as the model.
    const o = x as Record<string, unknown>;
    if (Object.getPrototypeOf(o) !== Object.prototype) return o;
    for (const [k, v] of Object.entries(o)) o[k] = this.value(v);
    return o;
  }
}

class Reader {
  i = 0;
  readonly b: Uint8Array;
  readonly text: (start: number, end: number) => string;
  readonly piece: (x: unknown) => unknown;

  constructor(b: Uint8Array, piece: (x: unknown) => unknown) {
    this.b = b;
    this.piece = piece;
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.text = (start, end) => buf.toString('utf8', start, end);
  }

  skipSpace(): number {
    const b = this.b;
    let c = b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.i];
    if (c === undefined) throw new SyntaxError('Unexpected end of JSON input');
    return c;
  }

  expect(c: number): void {
    if (this.skipSpace() !== c) throw new SyntaxError(`Expected '${String.fromCharCode(c)}' at position ${this.i} of the JSON`);
    this.i += 1;
  }

  /** Moves past one value without parsing it. */
  skipValue(): void {
    const b = this.b;
    let depth = 0;
    for (let c: number | undefined = this.skipSpace(); ; c = b[this.i]) {
      if (c === undefined) {
        // A document that is one number, true, false or null ends here.
        if (depth === 0) return;
        throw new SyntaxError('Unexpected end of JSON input');
      }
      if (c === QUOTE) this.skipString();
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth += 1;
        this.i += 1;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (depth === 0) return;
        depth -= 1;
        this.i += 1;
      } else if (depth === 0 && c === COMMA) return;
      else this.i += 1;
      if (depth === 0 && (c === QUOTE || c === CLOSE_OBJECT || c === CLOSE_ARRAY)) return;
    }
  }

  skipString(): void {
    const b = this.b;
    let i = this.i + 1;
    for (let c = b[i]; c !== QUOTE; c = b[i]) {
      if (c === undefined) throw new SyntaxError('Unterminated string in JSON');
      i += c === BACKSLASH ? 2 : 1;
    }
    this.i = i + 1;
  }

  /** The value here, parsed; containers above `SPLIT_DEPTH` are walked, anything below parsed whole. */
  value(depth: number, interner: Interner): unknown {
    const c = this.skipSpace();
    if (depth < SPLIT_DEPTH && c === OPEN_OBJECT) return this.object(depth, interner);
    if (depth < SPLIT_DEPTH && c === OPEN_ARRAY) return this.array(depth, interner);
    const start = this.i;
    this.skipValue();
    return interner.value(this.piece(JSON.parse(this.text(start, this.i))));
  }

  private object(depth: number, interner: Interner): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i += 1;
    if (this.skipSpace() === CLOSE_OBJECT) {
      this.i += 1;
      return out;
    }
    for (;;) {
      if (this.skipSpace() !== QUOTE) throw new SyntaxError(`Expected a property name at position ${this.i} of the JSON`);
      const start = this.i;
      this.skipString();
      const key = JSON.parse(this.text(start, this.i)) as string;
      this.expect(COLON);
      // Defined like JSON.parse defines it: a key named __proto__ is an own property, not the prototype.
      Object.defineProperty(out, key, { value: this.value(depth + 1, interner), enumerable: true, writable: true, configurable: true });
      if (this.closes(CLOSE_OBJECT)) return out;
    }
  }

  private array(depth: number, interner: Interner): unknown[] {
    const out: unknown[] = [];
    this.i += 1;
    if (this.skipSpace() === CLOSE_ARRAY) {
      this.i += 1;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1, interner));
      if (this.closes(CLOSE_ARRAY)) return out;
    }
  }

  /** After a member: true at the container's end, false after the comma before the next member. */
  private closes(end: number): boolean {
    const c = this.skipSpace();
    this.i += 1;
    if (c === end) return true;
    if (c !== COMMA) throw new SyntaxError(`Unexpected '${String.fromCharCode(c)}' at position ${this.i - 1} of the JSON`);
    return false;
  }
}

/**
 * The value of the UTF-8 JSON text in `bytes`, as JSON.parse gives it (throws SyntaxError likewise),
 * with equal strings shared. `piece` is given each value parsed whole (those at `SPLIT_DEPTH`: the
 * `[id, entity]` pairs of a snapshot) before its strings are shared, and its result taken instead.
 */
export const parseJsonPieces = (bytes: Uint8Array, interner: Interner = new Interner(), piece: (x: unknown) => unknown = (x) => x): unknown => {
  const r = new Reader(bytes, piece);
  const v = r.value(0, interner);
  if (r.i < bytes.length && /\S/.test(r.text(r.i, bytes.length))) throw new SyntaxError(`Unexpected non-whitespace character after JSON at position ${r.i}`);
  return v;
};
