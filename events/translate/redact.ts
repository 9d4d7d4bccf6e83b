/** What a redacted value becomes: the key stays, so the stored body keeps its shape. */
export const REDACTED = '***';

/**
 * True for keys whose value is a credential: `token`, `auth_token`, `_context_auth_token`,
 * `X-Auth-Token`, `password`, `admin_password`, `adminPass`, `secret`, `client_secret`,
 * `auth_token_info` (the token's body)... camelCase is split first.
 */
export const isSecretKey = (key: string): boolean => {
  const known = keyVerdicts.get(key);
  if (known !== undefined) return known;
  const k = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const secret = /(?:^|[_\-. ])(?:token|password|passwd|pass|secret|token_info|private_key|credentials?)$/.test(k);
  // Notifications repeat the same few hundred keys; bounded, since keys come from the wire.
  if (keyVerdicts.size >= MAX_REMEMBERED_KEYS) keyVerdicts.clear();
  if (key.length <= 128) keyVerdicts.set(key, secret);
  return secret;
};

const keyVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 4096;

/**
 * False only for text that can hold no credential: every secret key (`isSecretKey`, camelCase
 * included) and every keyword `redactString` looks for contains one of these words, and JSON can
 * spell a letter otherwise only as a `\u` escape. Such text comes out of redaction unchanged.
 */
export const mayHoldSecret = (text: string): boolean => MAY_HOLD_SECRET.test(text);
const MAY_HOLD_SECRET = /token|pass|secret|private_?key|credential|\\u/i;

/**
 * Key/value pairs inside free text (tracebacks, exception messages, broken JSON). A key starts where
 * a run of key characters starts, and is bounded around its keyword: otherwise a long run of word
 * characters (a 5 MB value) made the scan quadratic and blocked the daemon for hours.
 */
const TEXT_SECRET =
  /(["']?)(?<![\w.-])([\w.-]{0,64}(?:token|password|passwd|secret)[\w.-]{0,64})\1(\s*[:=]\s*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s,;}"']+))/gi;

/** A string without one of TEXT_SECRET's keywords has nothing for it to replace (and most have none). */
const TEXT_KEYWORD = /token|passw|secret/i;

/** Replaces credential values inside a string (`"auth_token": "abc"`, `X-Auth-Token: abc`, `password=abc`). */
export const redactString = (s: string): string =>
  !TEXT_KEYWORD.test(s) ? s : s.replace(TEXT_SECRET, (m: string, q: string, key: string, sep: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    if (!isSecretKey(key) || value === '' || value === 'null' || value === REDACTED) return m;
    const quoted = dq !== undefined ? `"${REDACTED}"` : sq !== undefined ? `'${REDACTED}'` : REDACTED;
    return `${q}${key}${q}${sep}${quoted}`;
  });

/**
 * `value` with the value of every secret-like key, at any depth, replaced by `"***"` (null and
 * empty values stay as they are: nothing to hide, and absence is information). String values are
 * scrubbed for embedded `key: value` credentials too. Objects nested deeper than 64 levels become
 * `TOO_DEEP`, so the result is always safe to stringify. Copy on write: an object or array with
 * nothing to redact in it is returned as it is (most payloads hold no credential, and copying
 * every one was a fifth of the daemon's CPU per notification); one that has is copied along the
 * path to what changed, so the input is never mutated. Pure; never throws.
 */
export const redact = <T>(value: T): T => redactAny(value, 0) as T;

/** What a value nested deeper than `MAX_DEPTH` becomes: it could hide a token, and JSON.stringify would overflow the stack on it. */
export const TOO_DEEP = '[nested deeper than 64 levels: left out]';
const MAX_DEPTH = 64;

const redactAny = (v: unknown, depth: number): unknown => {
  if (typeof v === 'string') return redactString(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  return Array.isArray(v) ? redactArray(v, depth) : redactObject(v as Record<string, unknown>, depth);
};

/** The array itself when no element changes, else a copy. */
const redactArray = (a: readonly unknown[], depth: number): readonly unknown[] => {
  let out: unknown[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const r = redactAny(x, depth + 1);
    if (r !== x) (out ??= a.slice(0, i)).push(r);
    else out?.push(x);
  }
  return out ?? a;
};

/** The object itself when no value changes, else a copy (own enumerable keys, in their order, as before). */
const redactObject = (o: Record<string, unknown>, depth: number): Record<string, unknown> => {
  const keys = Object.keys(o);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const x = o[k];
    const r = isSecretKey(k) && x !== null && x !== '' ? REDACTED : redactAny(x, depth + 1);
    if (r === x && out === undefined) continue;
    if (out === undefined) {
      out = {};
      for (let j = 0; j < i; j++) define(out, keys[j] as string, o[keys[j] as string]);
    }
    define(out, k, r);
  }
  return out ?? o;
};

/** An own property even for `__proto__` (JSON.parse makes it one; assigning it would set the prototype). */
const define = (o: Record<string, unknown>, k: string, v: unknown): void => {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
};

/**
 * Redacts a raw notification body: parse, redact (the 2.0 envelope's inner `oslo.message`
 * string too), stringify. A body that is not JSON is scrubbed with patterns instead, and one that
 * cannot hold a credential (`mayHoldSecret`) is returned exactly as it came.
 */
export const redactText = (raw: string): string => {
  // Most bodies name no credential at all: returned as received (not parsed, copied and stringified again).
  if (!mayHoldSecret(raw)) return raw;
  let j: unknown;
  try {
    j = JSON.parse(raw);
  } catch {
    return redactString(raw);
  }
  return j !== null && typeof j === 'object' && !Array.isArray(j) ? redactParsed(raw, j as Record<string, unknown>) : JSON.stringify(redact(j));
};

/**
 * `redactText(raw)` for a body already parsed: `outer` is `JSON.parse(raw)`, and `inner`, when
 * given, `JSON.parse` of its `oslo.message` string (the envelope decoder has both; it is read only
 * when `outer` has that string), so neither is parsed again. Neither is changed.
 */
export const redactParsed = (raw: string, outer: Readonly<Record<string, unknown>>, inner?: Readonly<Record<string, unknown>>): string => {
  if (!mayHoldSecret(raw)) return raw;
  const { 'oslo.message': text, ...env } = outer;
  if (typeof text !== 'string') return JSON.stringify(redact(outer));
  return JSON.stringify({ ...redact(env), 'oslo.message': inner === undefined ? redactText(text) : redactParsed(text, inner) });
};
