/** Defensive readers for untrusted JSON from engines and clouds: wrong types become defaults, never throws. */
export type Json = Readonly<Record<string, unknown>>;

export const obj = (x: unknown): Json => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});
export const arr = (x: unknown): readonly unknown[] => (Array.isArray(x) ? x : []);
export const str = (x: unknown, d = ''): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : d);
export const num = (x: unknown, d = 0): number => (typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : d);
export const bool = (x: unknown): boolean => x === true;
/** String-valued maps (labels): non-string values are dropped. */
export const strMap = (x: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(x))) if (typeof v === 'string') out[k] = v;
  return out;
};
