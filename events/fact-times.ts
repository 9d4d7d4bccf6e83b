/**
 * An entity's `factTimes` (the stamp of the event each field came from: containers and VMs), as
 * the fold makes it (a plain object) or packed into one string (`PackedTimes`). A daemon restored
 * from a snapshot holds 59k of them for 100k entities: as objects they were a quarter of the
 * model's heap (the objects, a hidden class of their own for most containers, whose
 * `net:<network id>` key no other container has, and a string per stamp where one container has
 * 19 keys and about 4 distinct stamps). Packed, one string holds the keys (a known field name as
 * one character) with the index of their stamp, then the distinct stamps.
 *
 * Either form is the same value: JSON.stringify writes a packed one as the plain object it was
 * (same keys, same order), so snapshots, bucket values and outputs do not change; `modelJson`
 * writes the same text faster. The fold reads them through `plainTimes` and `timeOf`, and always
 * makes plain ones.
 */

/** While `modelJson` runs: the JSON text of each packed factTimes JSON.stringify met, in order. */
let texts: string[] | null = null;
/** What a packed factTimes gives JSON.stringify within `modelJson`, in place of its text. */
const MARK = '\u0000packed factTimes\u0000';
const QUOTED_MARK = JSON.stringify(MARK);

export class PackedTimes {
  readonly packed: string;

  constructor(packed: string) {
    this.packed = packed;
  }

  /** What JSON.stringify writes: the plain object (within `modelJson`, a mark for its text). */
  toJSON(): unknown {
    if (texts === null) return unpack(this.packed);
    texts.push(jsonText(this.packed));
    return MARK;
  }
}

/**
 * JSON.stringify(x) for the model's values: the same text, but each packed factTimes written
 * from its packed string (making the object to write took twice as long as writing the entity).
 */
export const modelJson = (x: unknown): string => {
  const found: string[] = [];
  texts = found;
  let s: string;
  try {
    s = JSON.stringify(x);
  } finally {
    texts = null;
  }
  if (found.length === 0) return s;
  let out = '';
  let from = 0;
  for (const text of found) {
    const at = s.indexOf(QUOTED_MARK, from);
    if (at < 0) return JSON.stringify(x);
    out += s.slice(from, at) + text;
    from = at + QUOTED_MARK.length;
  }
  // A string of the model that is the mark itself (none the fold makes) would be taken for one: then the plain way.
  return s.includes(QUOTED_MARK, from) ? JSON.stringify(x) : out + s.slice(from);
};

export type FactTimes = Readonly<Record<string, string>> | PackedTimes;

/** Field names written as one character (0x02 and up): every key the fold gives containers and VMs but `net:<id>`. */
const KNOWN = [
  'name', 'image', 'imageId', 'command', 'state', 'exitCode', 'oomKilled', 'health', 'healthcheck', 'labels', 'ports', 'createdAt',
  'startedAt', 'finishedAt', 'restartCount', 'swarm', 'lastSignal', 'networks', 'host', 'node', 'powerState', 'flavor', 'projectId',
  'userId', 'availabilityZone', 'launchedAt', 'addresses',
] as const;
const CODE = new Map<string, string>(KNOWN.map((k, i) => [k, String.fromCharCode(2 + i)]));
/** `,"<key>":` of each known key. */
const KEY_TEXT = KNOWN.map((k) => `,${JSON.stringify(k)}:`);
/** Ends a key written out (one not in KNOWN). */
const KEY_END = '\x00';
/** Ends the keys, and separates the stamps. */
const SEP = '\x01';
/** A key's stamp index is one character from here: at most 96 distinct stamps, one byte each. */
const INDEX0 = 0x20;
const MAX_STAMPS = 0x80 - INDEX0;

/** No control character (they frame the packed string), and not empty. */
const plainText = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return false;
  return true;
};

/**
 * `t` packed (see above), or null when it cannot be: a key or stamp that is empty or holds a
 * control character, a `__proto__` key, a value that is not a string, or more than 96 distinct stamps.
 */
export const packTimes = (t: Readonly<Record<string, unknown>>): PackedTimes | null => {
  const stamps: string[] = [];
  // Built as a list and joined: a string grown with += is a tree of pieces, not one string, and stays so.
  const out: string[] = [];
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'string' || !plainText(v) || k === '__proto__') return null;
    let i = stamps.indexOf(v);
    if (i < 0) {
      if (stamps.length === MAX_STAMPS) return null;
      i = stamps.push(v) - 1;
    }
    const code = CODE.get(k);
    if (code !== undefined) out.push(code);
    else if (plainText(k)) out.push(k, KEY_END);
    else return null;
    out.push(String.fromCharCode(INDEX0 + i));
  }
  out.push(SEP, stamps.join(SEP));
  return new PackedTimes(out.join(''));
};

/** Calls `f` with each key and stamp of a packed string, in order, until it returns true. */
const eachKey = (p: string, f: (k: string, stamp: () => string) => boolean): void => {
  const sep = p.indexOf(SEP);
  let stamps: string[] | undefined;
  for (let i = 0; i < sep;) {
    const c = p.charCodeAt(i);
    let k: string;
    if (c < 0x20) {
      k = KNOWN[c - 2] as string;
      i += 1;
    } else {
      const end = p.indexOf(KEY_END, i);
      k = p.slice(i, end);
      i = end + 1;
    }
    const n = p.charCodeAt(i) - INDEX0;
    i += 1;
    if (f(k, () => (stamps ??= p.slice(sep + 1).split(SEP))[n] as string)) return;
  }
};

/** Characters JSON.stringify may escape in a string without control characters (a quote, a backslash, a lone surrogate), and more. */
const MAY_ESCAPE = /["\\\u007f-\uffff]/;
/** JSON.stringify(s) for a string without control characters. */
const quoted = (s: string): string => (MAY_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** JSON.stringify(unpack(p)), written straight from `p`. */
const jsonText = (p: string): string => {
  const sep = p.indexOf(SEP);
  const stamps = p.slice(sep + 1).split(SEP);
  for (let j = 0; j < stamps.length; j++) stamps[j] = quoted(stamps[j] as string);
  let out = '';
  for (let i = 0; i < sep;) {
    const c = p.charCodeAt(i);
    if (c < 0x20) {
      out += KEY_TEXT[c - 2] as string;
      i += 1;
    } else {
      const end = p.indexOf(KEY_END, i);
      out += `,${quoted(p.slice(i, end))}:`;
      i = end + 1;
    }
    out += stamps[p.charCodeAt(i) - INDEX0] as string;
    i += 1;
  }
  return `{${out.slice(1)}}`;
};

const unpack = (p: string): Record<string, string> => {
  const out: Record<string, string> = {};
  eachKey(p, (k, stamp) => {
    out[k] = stamp();
    return false;
  });
  return out;
};

/** The plain form of `t` (a fresh object when it was packed), for the fold to copy and change. */
export const plainTimes = (t: FactTimes | undefined): Readonly<Record<string, string>> | undefined =>
  t instanceof PackedTimes ? unpack(t.packed) : t;

/** The stamp of field `k`, if any. */
export const timeOf = (t: FactTimes | undefined, k: string): string | undefined => {
  if (!(t instanceof PackedTimes)) return t?.[k];
  let found: string | undefined;
  eachKey(t.packed, (key, stamp) => {
    if (key !== k) return false;
    found = stamp();
    return true;
  });
  return found;
};
