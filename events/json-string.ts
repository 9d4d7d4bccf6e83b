// Where a JSON string ends in a record's bytes, read without decoding it (see parseRecordForFold).

const IS_HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') IS_HEX[c.charCodeAt(0)] = 1;
/** Characters a backslash may escape in JSON, but `u` (which takes four hex digits). */
const IS_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') IS_ESCAPE[c.charCodeAt(0)] = 1;

const LOW7 = 0x7f7f7f7f;
const HIGH = 0x80808080 | 0;

/**
 * Where a JSON string whose content starts at `i` ends (its closing quote), or -1 when it is not a
 * valid JSON string (a control character, an unknown escape, no end), which JSON.parse would
 * refuse. Four bytes at a time over the stretches of plain bytes and `\"` pairs that make most of a
 * raw message (JSON escaped into a string): a word goes by when it holds no control byte, every
 * byte after a backslash is a quote and every quote comes after a backslash (each byte's flag is
 * exact: the high bit of each lane, with no carry between lanes). Any other word (the end, another
 * escape) is read byte by byte up to the next word boundary after it, and the word reads go on from
 * there: a raw message holds an escaped backslash or a `\n` every few hundred bytes, so falling back
 * to bytes for the rest of the string (as this did until 2026-11-24) read most of it byte by byte.
 */
/** How many bytes the escape at `i` (a backslash) takes, or 0 when JSON refuses it. */
const escapeLength = (b: Buffer, i: number): number => {
  const e = b[i + 1];
  if (e === 0x75) return i + 5 < b.length && IS_HEX[b[i + 2] as number] === 1 && IS_HEX[b[i + 3] as number] === 1 && IS_HEX[b[i + 4] as number] === 1 && IS_HEX[b[i + 5] as number] === 1 ? 6 : 0;
  return e !== undefined && IS_ESCAPE[e] === 1 ? 2 : 0;
};

/** How many bytes the character at `i` (not a quote) takes in a JSON string, or 0 when JSON refuses it. */
const byteStep = (b: Buffer, i: number): number => {
  const c = b[i] as number;
  if (c === 0x5c) return escapeLength(b, i);
  return c < 0x20 ? 0 : 1;
};

/**
 * From word `k` on, the first word that is not plain (see stringEnd), as `2 * k + 1` when the last
 * plain word ends with a backslash (it escapes the next byte), `2 * k` otherwise.
 */
const plainWords = (w32: Int32Array, k: number, kEnd: number): number => {
  let afterBackslash = 0; // 0x80 when the byte before this word is a backslash (it escapes this word's first byte)
  for (; k < kEnd; k++) {
    const w = w32[k] as number;
    const xq = w ^ 0x22222222;
    const quotes = ~(((xq & LOW7) + LOW7) | xq | LOW7);
    const xb = w ^ 0x5c5c5c5c;
    const backslashes = ~(((xb & LOW7) + LOW7) | xb | LOW7);
    const controls = ~(((w & LOW7) + 0x60606060) | w) & HIGH;
    const escaped = (backslashes << 8) | afterBackslash;
    if ((controls | (escaped ^ quotes)) !== 0) break;
    afterBackslash = (backslashes >>> 24) & 0x80;
  }
  return 2 * k + (afterBackslash === 0 ? 0 : 1);
};

export const stringEnd = (b: Buffer, start: number): number => {
  const n = b.length;
  const off = b.byteOffset;
  // Word k of the whole ArrayBuffer covers bytes [4k - off, 4k - off + 4) of `b`.
  const w32 = new Int32Array(b.buffer, 0, b.buffer.byteLength >> 2);
  const kEnd = (off + n) >> 2; // the words wholly inside `b`
  let i = start;
  let resumeAt = 0; // bytes before this are read one by one
  for (;;) {
    while (i < n && (((off + i) & 3) !== 0 || i < resumeAt)) {
      if (b[i] === 0x22) return i;
      const step = byteStep(b, i);
      if (step === 0) return -1;
      i += step;
    }
    if (i >= n) return -1;
    // Aligned, and not inside an escape: read words.
    const r = plainWords(w32, (off + i) >> 2, kEnd);
    const j = 4 * (r >> 1) - off;
    // A backslash ending the last plain word escapes the next byte: read from the backslash.
    i = (r & 1) === 0 ? j : j - 1;
    resumeAt = j + 4;
  }
};
