/**
 * Everything berth prints comes from somewhere else: container names, labels, engine errors. Any
 * of them may carry terminal control sequences (OSC 0 to retitle the window, `CSI 2J` to wipe the
 * screen, a raw C1 CSI byte 0x9b that some terminals honour) or Trojan-Source bidi overrides that
 * make `exe.png` print as `gnp.exe`. These helpers make such bytes visible instead of active.
 */

// C0 (tab and newline included: one cell must stay one line), DEL, C1, the bidi embeddings,
// overrides and isolates, and U+2028/U+2029, which some viewers treat as line breaks. With the
// `u` flag a surrogate range only matches *lone* surrogates, since pairs are one code point.
// eslint-disable-next-line no-control-regex -- finding control characters is what this is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu;
const UNSAFE_TEST = new RegExp(UNSAFE.source, 'u');

const escapeChar = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Any value as terminal-safe text: control characters become `\x1b`-style text, bidi controls
 * become `\u202e`-style text, lone surrogates become U+FFFD. `null`/`undefined` become ''.
 * Backslashes are left alone on purpose: paths stay readable, and a name that literally spells
 * `\x1b` is only text, which is harmless.
 */
export const safeText = (s: unknown): string => {
  const text = typeof s === 'string' ? s : s === null || s === undefined ? '' : String(s);
  // Most strings are clean; testing first keeps a 100k-row table from allocating twice.
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, escapeChar) : text;
};

/**
 * A copy of a JSON-able value with every string, keys included, passed through `safeText`.
 * For yaml and csv, whose writers pass C1 and bidi characters through untouched. Values with
 * `toJSON` (Date) are converted first, as JSON.stringify would.
 */
export const safeDeep = (value: unknown): unknown => {
  if (typeof value === 'string') return safeText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(safeDeep);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return safeDeep(withJson.toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[safeText(k)] = safeDeep(v);
  return out;
};

// JSON.stringify escapes C0 and lone surrogates but emits DEL, C1, bidi and U+2028/9 raw
// (checked on Node 22, pinned by a test). Outside strings JSON text is plain ASCII, so any such
// character is inside a string literal and `\uXXXX` there decodes to the very same character:
// unlike safeDeep this is lossless for whoever parses the output.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const jsonEscape = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text with no raw ESC, C1, DEL or bidi control in it. `undefined` prints as `null`. */
export const safeJson = (value: unknown, indent?: number, replacer?: (key: string, value: unknown) => unknown): string => {
  const text = (replacer === undefined ? JSON.stringify(value, null, indent) : JSON.stringify(value, replacer, indent)) as string | undefined;
  return (text ?? 'null').replace(JSON_UNSAFE, jsonEscape);
};
