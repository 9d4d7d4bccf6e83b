/** What a redacted value becomes: the key stays, so the stored body keeps its shape. */
export const REDACTED = '***';

/**
 * True for keys whose value is a credential: `token`, `auth_token`, `_context_auth_token`,
 * `X-Auth-Token`, `password`, `admin_password`, `adminPass`, `secret`, `client_secret`,
 * `auth_token_info` (the token's body)... camelCase is split first.
 */
export const isSecretKey = (key: string): boolean => {
  const k = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return /(?:^|[_\-. ])(?:token|password|passwd|pass|secret|token_info|private_key|credentials?)$/.test(k);
};

/**
 * Key/value pairs inside free text (tracebacks, exception messages, broken JSON). A key starts where
 * a run of key characters starts, and is bounded around its keyword: otherwise a long run of word
 * characters (a 5 MB value) made the scan quadratic and blocked the daemon for hours.
 */
const TEXT_SECRET =
  /(["']?)(?<![\w.-])([\w.-]{0,64}(?:token|password|passwd|secret)[\w.-]{0,64})\1(\s*[:=]\s*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s,;}"']+))/gi;

/** Replaces credential values inside a string (`"auth_token": "abc"`, `X-Auth-Token: abc`, `password=abc`). */
export const redactString = (s: string): string =>
  s.replace(TEXT_SECRET, (m: string, q: string, key: string, sep: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    if (!isSecretKey(key) || value === '' || value === 'null' || value === REDACTED) return m;
    const quoted = dq !== undefined ? `"${REDACTED}"` : sq !== undefined ? `'${REDACTED}'` : REDACTED;
    return `${q}${key}${q}${sep}${quoted}`;
  });

/**
 * A deep copy of `value` with the value of every secret-like key, at any depth, replaced by
 * `"***"` (null and empty values stay as they are: nothing to hide, and absence is information).
 * String values are scrubbed for embedded `key: value` credentials too. Objects nested deeper than
 * 64 levels become `TOO_DEEP`, so the result is always safe to stringify. Pure; never throws.
 */
export const redact = <T>(value: T): T => redactAny(value, 0) as T;

/** What a value nested deeper than `MAX_DEPTH` becomes: it could hide a token, and JSON.stringify would overflow the stack on it. */
export const TOO_DEEP = '[nested deeper than 64 levels: left out]';
const MAX_DEPTH = 64;

const redactAny = (v: unknown, depth: number): unknown => {
  if (typeof v === 'string') return redactString(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(v)) return v.map((x) => redactAny(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = isSecretKey(k) && x !== null && x !== '' ? REDACTED : redactAny(x, depth + 1);
  }
  return out;
};

/**
 * Redacts a raw notification body: parse, redact (the 2.0 envelope's inner `oslo.message`
 * string too), stringify. A body that is not JSON is scrubbed with patterns instead.
 */
export const redactText = (raw: string): string => {
  let j: unknown;
  try {
    j = JSON.parse(raw);
  } catch {
    return redactString(raw);
  }
  if (j !== null && typeof j === 'object' && !Array.isArray(j)) {
    const { 'oslo.message': inner, ...env } = j as Record<string, unknown>;
    if (typeof inner === 'string') return JSON.stringify({ ...redact(env), 'oslo.message': redactText(inner) });
  }
  return JSON.stringify(redact(j));
};
