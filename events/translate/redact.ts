/** What a redacted value becomes: the key stays, so the stored body keeps its shape. */
export const REDACTED = '***';

/**
 * True for keys whose value is a credential: `token`, `auth_token`, `_context_auth_token`,
 * `X-Auth-Token`, `password`, `admin_password`, `adminPass`, `pwd`, `passphrase`, `secret`,
 * `client_secret`, `secret_key`, `api_key`, `access_key`, `private_key`, `authorization`,
 * `auth_token_info` (the token's body)... camelCase is split first.
 */
export const isSecretKey = (key: string): boolean => {
  const known = keyVerdicts.get(key);
  if (known !== undefined) return known;
  const k = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const secret = /(?:^|[_\-. ])(?:token|password|passwd|pass|pwd|passphrase|secret|secret_key|token_info|private_key|api_?key|access_key|credentials?|authorization)$/.test(k);
  // Notifications repeat the same few hundred keys; bounded, since keys come from the wire.
  if (keyVerdicts.size >= MAX_REMEMBERED_KEYS) keyVerdicts.clear();
  if (key.length <= 128) keyVerdicts.set(key, secret);
  return secret;
};

const keyVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 4096;

/**
 * False only for text that can hold no credential: every secret key (`isSecretKey`, camelCase
 * included) and every keyword `redactString` looks for contains one of these words (or is a URL
 * with a password), and JSON can spell a letter otherwise only as a `\u` escape. Such text comes
 * out of redaction unchanged.
 */
export const mayHoldSecret = (text: string): boolean => MAY_HOLD_SECRET.test(text);
const MAY_HOLD_SECRET = /token|pass|pwd|secret|private[_ ]?key|api_?key|access_?key|credential|authori[sz]ation|bearer|:\/\/[^\s/@:]{0,256}:[^\s/@]{1,1024}@|\\u/i;

/**
 * Key/value pairs inside free text (tracebacks, exception messages, broken JSON). A key starts where
 * a run of key characters starts, and is bounded around its keyword: otherwise a long run of word
 * characters (a 5 MB value) made the scan quadratic and blocked the daemon for hours.
 */
// Every word a key isSecretKey accepts contains (the match is then checked with it: `bypass` is no secret).
const TEXT_KEYS = 'token|pass|pwd|secret|private_?key|api_?key|access_?key|credential|authorization';
// A bare value does not start with { or [ (a key before an object is not a value), and a backslash in
// it must not be one before a quote: in JSON text that is an escape, and eating it broke the JSON.
const TEXT_SECRET = new RegExp(
  `(["']?)(?<![\\w.-])([\\w.-]{0,64}(?:${TEXT_KEYS})[\\w.-]{0,64})\\1(\\s*[:=]\\s*)(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|((?:[^\\s,;{}\\[\\]"'\\\\]|\\\\[^"\\s])(?:[^\\s,;}"'\\\\]|\\\\[^"\\s])*))`, 'gi');

/**
 * The same inside JSON that sits escaped in a string (`\"admin_password\":\"x\"`, at any depth of
 * escaping): what a 2.0 envelope cut short, or the head of a body too large to parse, holds. The
 * value runs to the next quote escaped alike, or to the end of a text cut off inside it.
 */
// Only at the start of a run of backslashes: tried inside one, a long run (a hostile label) was quadratic.
const ESCAPED_SECRET = new RegExp(`(?<!\\\\)(\\\\+")([\\w.-]{0,64}(?:${TEXT_KEYS})[\\w.-]{0,64})\\1(\\s*:\\s*)\\1((?:(?!\\1)[\\s\\S])*)(\\1|$)`, 'gi');

/** A string without one of the keywords has nothing for TEXT_SECRET or ESCAPED_SECRET to replace (and most have none). */
const TEXT_KEYWORD = new RegExp(TEXT_KEYS, 'i');

/** The password of a URL (`rabbit://nova:pw@host/`, `mysql+pymysql://nova:pw@db/nova`): the user stays. */
// Neither part holds ? or # (they end the authority: `https://h:443?mail=a@b` has no password), nor a comma.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@"'\\?#,]{0,256}:)([^\s/@"'\\?#,]{1,1024})@/gi;
/** The other hosts of a URL with several (`rabbit://u:pw1@h1,u:pw2@h2/`, as oslo's transport_url allows). */
const MORE_HOSTS = /(@[^\s/@"'\\?#,]{1,256},[^\s:/@"'\\?#,]{0,256}:)([^\s/@"'\\?#,]{1,1024})(?=@)/g;

/** An Authorization header's credential (`Authorization: Basic dXNlcjpwdw==`, `"authorization": "Token abc"`): the scheme stays. */
const AUTH_HEADER = /(\bauthori[sz]ation["']?\s*[:=]\s*["']?(?:Bearer|Basic|Digest|Negotiate|Token)\s+)[^\s"',;]+/gi;
const AUTH_SCHEMES = /^(?:Bearer|Basic|Digest|Negotiate|Token)$/i;
/** `Bearer abc...` anywhere (8 characters or more: a token, not a word of prose). */
const BEARER = /\b(Bearer\s+)[\w.~+/=-]{8,}/g;

/** A PEM private key, or what is left of one in a text cut short. */
const PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]{0,32})PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;

/**
 * Replaces credentials inside a string: key/value pairs (`"auth_token": "abc"`, `X-Auth-Token: abc`,
 * `password=abc`, and escaped JSON `\"password\":\"abc\"`), the password of a URL, an
 * Authorization header's `Bearer`/`Basic` credential, and PEM private keys.
 */
export const redactString = (s: string): string => {
  let out = s;
  if (out.includes('://')) {
    out = out.replace(URL_PASSWORD, (m: string, head: string, pw: string) => (pw === REDACTED ? m : `${head}${REDACTED}@`));
    // Each further host's password (the @ that ends one is left for the next host's match).
    out = out.replace(MORE_HOSTS, (m: string, head: string, pw: string) => (pw === REDACTED ? m : `${head}${REDACTED}`));
  }
  if (/authori[sz]ation/i.test(out)) out = out.replace(AUTH_HEADER, `$1${REDACTED}`);
  if (out.includes('Bearer')) out = out.replace(BEARER, `$1${REDACTED}`);
  if (out.includes('PRIVATE KEY-----')) out = out.replace(PRIVATE_KEY, REDACTED);
  if (!TEXT_KEYWORD.test(out)) return out;
  if (out.includes('\\"')) {
    out = out.replace(ESCAPED_SECRET, (m: string, q: string, key: string, sep: string, value: string, end: string) =>
      (!isSecretKey(key) || value === '' || value === REDACTED ? m : `${q}${key}${q}${sep}${q}${REDACTED}${end}`));
  }
  return out.replace(TEXT_SECRET, (m: string, q: string, key: string, sep: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    if (!isSecretKey(key) || value === '' || value === 'null' || value === REDACTED) return m;
    // `Authorization: Basic ***`: the credential after the scheme is AUTH_HEADER's, already replaced.
    if (bare !== undefined && AUTH_SCHEMES.test(bare)) return m;
    const quoted = dq !== undefined ? `"${REDACTED}"` : sq !== undefined ? `'${REDACTED}'` : REDACTED;
    return `${q}${key}${q}${sep}${quoted}`;
  });
};

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

/**
 * A flat map of strings (Docker labels and event attributes) with the value under every secret-like
 * key replaced by `***`; other values are names and stay as they are (no free-text scrubbing).
 */
export const redactByKey = (m: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, isSecretKey(k) && v !== '' ? REDACTED : v]));

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
