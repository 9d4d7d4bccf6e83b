/** One field that differs between two states of an entity (`path` is dotted: `ports.0.hostPort`). */
export type FieldChange = Readonly<{ path: string; before: unknown; after: unknown }>;

const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * The fields that differ between two versions of an entity. Objects are compared key by key;
 * arrays and scalars as wholes (a changed port list is one change, not one per element).
 * Bookkeeping fields (`updatedAt`, `seq`, `lastEventId`, `factTimes`) are left out.
 */
export const fieldDiff = (before: unknown, after: unknown, prefix = ''): FieldChange[] => {
  if (isObj(before) && isObj(after)) {
    const out: FieldChange[] = [];
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (prefix === '' && IGNORED.has(k)) continue;
      out.push(...fieldDiff(before[k], after[k], prefix === '' ? k : `${prefix}.${k}`));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: prefix, before, after }];
};

const IGNORED = new Set(['updatedAt', 'seq', 'lastEventId', 'factTimes']);
