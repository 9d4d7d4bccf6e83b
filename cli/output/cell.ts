/**
 * Turning one raw value into text, for the text formats (table, value, csv, watch lines).
 * Sanitizing is separate (`safeText`) and always happens after, on the finished text.
 */

const dateText = (d: Date): string => (Number.isNaN(d.getTime()) ? '' : d.toISOString());

// Inside a list or a k=v pair a nested structure is shown as JSON: flattening it again with
// ", " would make `a=1, b=2` impossible to tell apart from two pairs.
const nestedText = (value: unknown): string =>
  value !== null && typeof value === 'object' && !(value instanceof Date)
    ? JSON.stringify(toPlain(value))
    : formatCell(value);

/**
 * One cell as text, in the way operators read it: arrays and sets as `a, b`, objects and maps
 * as `k=v, k2=v2` (what `openstack server show` does for properties), dates as ISO 8601 UTC,
 * null and undefined as an empty cell.
 */
export const formatCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (value instanceof Date) return dateText(value);
  if (Array.isArray(value) || value instanceof Set) return [...(value as Iterable<unknown>)].map(nestedText).join(', ');
  const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
  return entries.map(([k, v]) => `${String(k)}=${nestedText(v)}`).join(', ');
};

/**
 * A value as plain JSON data: the inventory keeps Maps and Sets (which JSON.stringify prints as
 * `{}`), and bigint would make it throw. Dates become ISO strings, functions and symbols drop.
 */
export const toPlain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return dateText(value) || null;
  if (Array.isArray(value) || value instanceof Set) return [...(value as Iterable<unknown>)].map(toPlain);
  const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[String(k)] = toPlain(v);
  return out;
};

/**
 * `toPlain` as a JSON.stringify replacer: the same JSON text without copying the value first
 * (a cold `berth ps -o json` spent about 20 ms of CPU copying 500 entities). JSON.stringify
 * already turns Dates into ISO strings (invalid ones into null) and drops functions, symbols and
 * undefined as toPlain does; only Maps, Sets and bigints need this.
 */
export const plainReplacer = (_key: string, value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as Map<unknown, unknown>) out[String(k)] = v;
    return out;
  }
  if (value instanceof Set) return [...(value as Set<unknown>)];
  return value;
};

// A pure number is never a formula, and `-5` must stay a number for whoever opens the file.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA = /^[=+\-@]/;

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, the
 * OWASP CSV-injection set) gets a leading `'`; tab and CR, also on OWASP's list, never reach here
 * raw because cells are sanitized first.
 */
export const csvField = (text: string): string => {
  const neutral = FORMULA.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
};
