/**
 * Canonical event time: ISO 8601 UTC with exactly nine fraction digits
 * (`2026-11-23T10:04:43.396029188Z`). Fixed width makes string order equal time order,
 * so the fold compares times without parsing them, and nanoseconds survive.
 */
export type CanonicalTime = string;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Docker `timeNano` (decimal string of int64 nanoseconds since the epoch) to canonical time. */
export const fromUnixNanos = (nanos: string): CanonicalTime => {
  const digits = /^\d+$/.test(nanos) ? nanos.padStart(10, '0') : '0000000000';
  const secs = Number(digits.slice(0, -9) || '0');
  const frac = digits.slice(-9);
  const d = new Date(secs * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${frac}Z`;
};

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

/**
 * Any ISO-like timestamp (`2026-11-23 10:04:43.123456`, `...Z`, `...+02:00`, RFC 3339 with
 * nanoseconds) to canonical time. A naive timestamp is UTC. Returns undefined when unparseable.
 */
export const toCanonical = (text: string): CanonicalTime | undefined => {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls impossible fields over (Feb 30 is Mar 2) and reads years 0-99 as 19xx: reject them.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) return undefined;
  const z = zone.toUpperCase();
  if (z !== 'Z' && z !== 'UTC') {
    const sign = z.startsWith('-') ? -1 : 1;
    const hh = Number(z.slice(1, 3));
    const mm = Number(z.slice(-2));
    // An offset no clock has (`+99:99`) is no time, not one 4 days off.
    if (hh > 23 || mm > 59) return undefined;
    ms -= sign * (hh * 60 + mm) * 60_000;
  }
  if (ms < 0) return undefined;
  const nanos = (frac + '000000000').slice(0, 9);
  return fromUnixNanos(`${Math.floor(ms / 1000)}${nanos}`);
};

/** Canonical time back to milliseconds since the epoch (nanoseconds truncated). */
export const toEpochMs = (t: CanonicalTime): number => Date.parse(t.slice(0, 23) + 'Z');

/** Milliseconds since the epoch to canonical time. */
export const fromEpochMs = (ms: number): CanonicalTime =>
  fromUnixNanos(`${Math.floor(ms / 1000)}${pad((ms % 1000) * 1_000_000, 9)}`);
