/**
 * Entities of a snapshot block, parsed one at a time and only as far as they are read. `--at`
 * restores a snapshot of 100k entities (95 MB of JSON for containers and VMs) and `berth hosts`
 * then reads two or three fields of each: parsing them all took most of its CPU (the text as a
 * string, JSON.parse, and the GC of millions of objects). Here a block stays the bytes gunzip gave;
 * an entity is a Proxy over its slice that answers a read of one top-level member whose value is a
 * string, number, boolean or null from the bytes, and parses the whole entity (once) on anything
 * else: a member holding an object or array, keys, spreading, `in`, JSON.stringify, a write. From
 * then on it is that parsed object behind the proxy: same keys in the same order, same values.
 */

import { BACKSLASH, CLOSE_ARRAY as CLOSE_ARR, CLOSE_OBJECT as CLOSE_OBJ, COLON, COMMA, OPEN_ARRAY as OPEN_ARR, OPEN_OBJECT as OPEN_OBJ, QUOTE } from './json-bytes.js';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const skipSpace = (b: Uint8Array, i: number): number => {
  while (i < b.length && isSpace(b[i] as number)) i++;
  return i;
};

/** Just after the string whose opening quote is at `i`. */
const stringEnd = (b: Uint8Array, i: number): number => {
  for (let j = i + 1; j < b.length; j++) {
    const c = b[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  throw new SyntaxError('unterminated string in a snapshot block');
};

/**
 * Just after the object or array starting at `i`: one loop, strings skipped inline (the hot path:
 * it runs over every byte of a block once).
 */
const nestedEnd = (b: Uint8Array, i: number): number => {
  const n = b.length;
  let depth = 0;
  for (let j = i; j < n; j++) {
    const x = b[j];
    if (x === QUOTE) {
      for (j++; j < n; j++) {
        const y = b[j];
        if (y === QUOTE) break;
        if (y === BACKSLASH) j++;
      }
    } else if (x === OPEN_OBJ || x === OPEN_ARR) depth++;
    else if ((x === CLOSE_OBJ || x === CLOSE_ARR) && --depth === 0) return j + 1;
  }
  throw new SyntaxError('unterminated value in a snapshot block');
};

/** Just after the JSON value starting at `i` (no leading space). */
const valueEnd = (b: Uint8Array, i: number): number => {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c === OPEN_OBJ || c === OPEN_ARR) return nestedEnd(b, i);
  let j = i;
  for (; j < b.length; j++) {
    const x = b[j] as number;
    if (x === COMMA || x === CLOSE_OBJ || x === CLOSE_ARR || isSpace(x)) break;
  }
  if (j === i) throw new SyntaxError('value expected in a snapshot block');
  return j;
};

const text = (b: Uint8Array, from: number, to: number): string => Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8');

/** A JSON string's value: its bytes as they are when it has no escape. */
const stringValue = (b: Uint8Array, from: number, to: number): string => {
  for (let j = from + 1; j < to - 1; j++) if (b[j] === BACKSLASH) return JSON.parse(text(b, from, to)) as string;
  return text(b, from + 1, to - 1);
};

/** Whether the JSON string at `from` (its quotes included) to `to` is `key`. */
const isKey = (b: Uint8Array, from: number, to: number, key: string): boolean => {
  for (let j = from + 1; j < to - 1; j++) if ((b[j] as number) >= 0x80 || b[j] === BACKSLASH) return stringValue(b, from, to) === key;
  if (to - from - 2 !== key.length) return false;
  for (let j = 0; j < key.length; j++) if (b[from + 1 + j] !== key.charCodeAt(j)) return false;
  return true;
};

/** Reads of one member answered from the bytes before the entity is parsed whole (then every read is a plain one). */
const MEMBER_READS = 8;

/**
 * Handler of one entity's proxy. The target is an empty object until the entity is parsed, then
 * holds its members (defined, not assigned: a `__proto__` member stays a member, as JSON.parse makes it).
 */
class EntityHandler implements ProxyHandler<Record<string, unknown>> {
  private bytes: Uint8Array | null;
  private readonly from: number;
  private readonly to: number;
  private reads = 0;
  /** The member read last and its value: `berth hosts` reads a VM's host three times over. */
  private lastKey: string | null = null;
  private lastValue: unknown;

  constructor(bytes: Uint8Array, from: number, to: number) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
  }

  private whole(target: Record<string, unknown>): Record<string, unknown> {
    const b = this.bytes;
    if (b !== null) {
      this.bytes = null;
      this.lastKey = null;
      this.lastValue = undefined;
      const parsed = JSON.parse(text(b, this.from, this.to)) as Record<string, unknown>;
      for (const k of Object.keys(parsed)) Object.defineProperty(target, k, { value: parsed[k], writable: true, enumerable: true, configurable: true });
    }
    return target;
  }

  /**
   * A top-level member's value when it is a string, number, boolean or null; `absent` when the
   * entity has no such member; `complex` when its value is an object or array. Stops at the first
   * member of that name: a block is JSON.stringify's text, which never writes a key twice.
   */
  private member(b: Uint8Array, key: string): unknown {
    let i = skipSpace(b, this.from + 1);
    while (i < this.to && b[i] !== CLOSE_OBJ) {
      const keyEnd = stringEnd(b, i);
      const colon = skipSpace(b, keyEnd);
      if (b[colon] !== COLON) throw new SyntaxError('colon expected in a snapshot entity');
      const v = skipSpace(b, colon + 1);
      if (isKey(b, i, keyEnd, key)) {
        const c = b[v];
        if (c === OPEN_OBJ || c === OPEN_ARR) return COMPLEX;
        const vEnd = valueEnd(b, v);
        if (c === QUOTE) return stringValue(b, v, vEnd);
        return JSON.parse(text(b, v, vEnd)) as unknown;
      }
      i = skipSpace(b, valueEnd(b, v));
      if (b[i] === COMMA) i = skipSpace(b, i + 1);
    }
    return ABSENT;
  }

  get(target: Record<string, unknown>, key: string | symbol, receiver: unknown): unknown {
    const b = this.bytes;
    if (b !== null && key === this.lastKey) return this.lastValue;
    if (b !== null && typeof key === 'string' && this.reads < MEMBER_READS) {
      this.reads += 1;
      const v = this.member(b, key);
      // Not a member: what the parsed object would give too (the target's prototype is the same).
      if (v === ABSENT) return Reflect.get(target, key, receiver);
      if (v !== COMPLEX) {
        this.lastKey = key;
        this.lastValue = v;
        return v;
      }
    }
    return Reflect.get(this.whole(target), key, receiver);
  }

  has(target: Record<string, unknown>, key: string | symbol): boolean { return Reflect.has(this.whole(target), key); }
  ownKeys(target: Record<string, unknown>): (string | symbol)[] { return Reflect.ownKeys(this.whole(target)); }
  getOwnPropertyDescriptor(target: Record<string, unknown>, key: string | symbol): PropertyDescriptor | undefined { return Reflect.getOwnPropertyDescriptor(this.whole(target), key); }
  defineProperty(target: Record<string, unknown>, key: string | symbol, d: PropertyDescriptor): boolean { return Reflect.defineProperty(this.whole(target), key, d); }
  deleteProperty(target: Record<string, unknown>, key: string | symbol): boolean { return Reflect.deleteProperty(this.whole(target), key); }
  set(target: Record<string, unknown>, key: string | symbol, v: unknown, receiver: unknown): boolean { return Reflect.set(this.whole(target), key, v, receiver); }
  isExtensible(target: Record<string, unknown>): boolean { return Reflect.isExtensible(this.whole(target)); }
  preventExtensions(target: Record<string, unknown>): boolean { return Reflect.preventExtensions(this.whole(target)); }
  setPrototypeOf(target: Record<string, unknown>, proto: object | null): boolean { return Reflect.setPrototypeOf(this.whole(target), proto); }
}

const ABSENT = Symbol('absent');
const COMPLEX = Symbol('complex');

/** An entity's value: an object as a proxy over its bytes (see above), anything else parsed now. */
const valueOf = (b: Uint8Array, from: number, to: number): unknown => (b[from] === OPEN_OBJ ? new Proxy({}, new EntityHandler(b, from, to)) : JSON.parse(text(b, from, to)));

/**
 * The `[id, entity]` pairs of a snapshot block's text (`[id,{...}],[id,{...}]`, maybe with a
 * leading `,`): ids read now, each entity a proxy over its bytes (see above). With `sizes` (each
 * pair's length in bytes, from the snapshot's index) the pairs are cut where they say, without
 * reading the entities; when the text is not laid out as they say, or without them, it is read
 * through. Throws on text that is not such a list.
 */
export const lazyPairs = (bytes: Uint8Array, sizes?: readonly number[]): [string, unknown][] => (sizes === undefined ? null : sizedPairs(bytes, sizes)) ?? scannedPairs(bytes);

/**
 * The pairs cut at `sizes`, as JSON.stringify writes them (no spaces; an entity is an object), or
 * null when the text is not so: every pair must start with `["`, end with `}]`, hold its id's end
 * before its value, and the sizes must add up to the text.
 */
const sizedPairs = (bytes: Uint8Array, sizes: readonly number[]): [string, unknown][] | null => {
  const out: [string, unknown][] = [];
  let i = bytes[0] === COMMA ? 1 : 0;
  for (const [k, size] of sizes.entries()) {
    if (k > 0 && bytes[i++] !== COMMA) return null;
    const end = i + size;
    if (!Number.isInteger(size) || size < 6 || end > bytes.length || bytes[i] !== OPEN_ARR || bytes[i + 1] !== QUOTE || bytes[end - 1] !== CLOSE_ARR || bytes[end - 2] !== CLOSE_OBJ) return null;
    const idEnd = stringEnd(bytes, i + 1);
    if (idEnd + 2 >= end || bytes[idEnd] !== COMMA || bytes[idEnd + 1] !== OPEN_OBJ) return null;
    out.push([stringValue(bytes, i + 1, idEnd), valueOf(bytes, idEnd + 1, end - 1)]);
    i = end;
  }
  return i === bytes.length ? out : null;
};

const scannedPairs = (bytes: Uint8Array): [string, unknown][] => {
  const out: [string, unknown][] = [];
  let i = skipSpace(bytes, 0);
  if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
  while (i < bytes.length) {
    if (bytes[i] !== OPEN_ARR) throw new SyntaxError('pair expected in a snapshot block');
    const idAt = skipSpace(bytes, i + 1);
    if (bytes[idAt] !== QUOTE) throw new SyntaxError('id expected in a snapshot block');
    const idEnd = stringEnd(bytes, idAt);
    let v = skipSpace(bytes, idEnd);
    if (bytes[v] !== COMMA) throw new SyntaxError('comma expected in a snapshot block');
    v = skipSpace(bytes, v + 1);
    const vEnd = valueEnd(bytes, v);
    const end = skipSpace(bytes, vEnd);
    if (bytes[end] !== CLOSE_ARR) throw new SyntaxError('end of pair expected in a snapshot block');
    const id = stringValue(bytes, idAt, idEnd);
    out.push([id, valueOf(bytes, v, vEnd)]);
    i = skipSpace(bytes, end + 1);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
  }
  return out;
};
