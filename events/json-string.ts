// Where a JSON string ends in a record's bytes, read without decoding it (see parseRecordForFold).

const IS_HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') IS_HEX[c.charCodeAt(0)] = 1;
/** Characters a backslash may escape in JSON, but `u` (which takes four hex digits). */
const IS_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') IS_ESCAPE[c.charCodeAt(0)] = 1;

/**
 * Where a JSON string whose content starts at `i` ends (its closing quote), byte by byte, or -1
 * when it is not a valid JSON string (a control character, an unknown escape, no end), which
 * JSON.parse would refuse.
 */
const stringEndBytewise = (b: Buffer, i: number): number => {
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c === 0x22) return i;
    if (c < 0x20) return -1;
    if (c !== 0x5c) i += 1;
    else if (b[i + 1] === 0x75) {
      if (i + 5 >= n || IS_HEX[b[i + 2] as number] !== 1 || IS_HEX[b[i + 3] as number] !== 1 || IS_HEX[b[i + 4] as number] !== 1 || IS_HEX[b[i + 5] as number] !== 1) return -1;
      i += 6;
    } else if (i + 1 < n && IS_ESCAPE[b[i + 1] as number] === 1) i += 2;
    else return -1;
  }
  return -1;
};

const LOW7 = 0x7f7f7f7f;
const HIGH = 0x80808080 | 0;

/**
 * `stringEndBytewise`, four bytes at a time over the stretch of plain bytes and `\"` pairs that
 * makes most of a raw message (JSON escaped into a string): a word goes by when it holds no control
 * byte, every byte after a backslash is a quote and every quote comes after a backslash; at the
 * first other word (the end, any other escape) the bytewise reader takes over. Each byte's flag is
 * exact (the high bit of each lane, with no carry between lanes).
 */
export const stringEnd = (b: Buffer, i: number): number => {
  const n = b.length;
  const off = b.byteOffset;
  while (((off + i) & 3) !== 0) {
    const c = b[i];
    if (c === undefined || c === 0x22 || c === 0x5c || c < 0x20) return stringEndBytewise(b, i);
    i += 1;
  }
  const words = (n - i) >> 2;
  const w32 = new Int32Array(b.buffer, off + i, words);
  let afterBackslash = 0; // 0x80 when the byte before this word is a backslash (it escapes this word's first byte)
  let k = 0;
  for (; k < words; k++) {
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
  const j = i + 4 * k;
  // A backslash ending the last plain word escapes the next byte: read from the backslash.
  return stringEndBytewise(b, afterBackslash === 0 ? j : j - 1);
};
