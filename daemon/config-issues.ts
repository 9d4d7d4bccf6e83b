import { z } from 'zod';
import { configFileSchema } from './config-schema.js';
import { editDistance } from '../events/edit-distance.js';

type Issue = z.core.$ZodIssue;

/**
 * zod reports a value that fits no branch of a union with every branch's issues. Keep the branch
 * whose type matched (a mapping that has a bad key, not "expected a string"), with paths made
 * absolute; when no type matched, keep the union issue itself.
 */
export const flattenIssues = (issues: readonly Issue[], base: readonly PropertyKey[] = []): Issue[] =>
  issues.flatMap((i): Issue[] => {
    const path = [...base, ...i.path];
    if (i.code !== 'invalid_union') return [{ ...i, path }];
    const typed = i.errors.filter((b) => !(b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0));
    const branch = typed[0];
    if (branch !== undefined) return flattenIssues(branch, path);
    const expected = i.errors.flatMap((b) => (b[0]?.code === 'invalid_type' ? [b[0].expected] : []));
    return [{ ...i, path, message: `expected ${expected.map(article).join(' or ')}` }];
  });

const NAMES: Readonly<Record<string, string>> = { string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'null', undefined: 'nothing' };
const article = (t: string): string => NAMES[t] ?? t;

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown => {
  let cur = data;
  for (const seg of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  return cur;
};

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${article(typeof v)} (${JSON.stringify(v)})`);

/** One issue in the operator's words: what was expected and what the file holds. */
export const describeIssue = (i: Issue, data: unknown): string => {
  const value = valueAt(data, i.path);
  switch (i.code) {
    case 'invalid_type':
      return value === undefined ? 'is required' : `expected ${article(i.expected)}, got ${kindOf(value)}`;
    case 'invalid_value':
      return `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}, got ${kindOf(value)}`;
    case 'too_small':
      if (!i.message.startsWith('Too small')) return i.message;
      return i.origin === 'array' ? `needs at least ${String(i.minimum)} item(s)` : `must be at least ${String(i.minimum)}`;
    case 'too_big':
      if (!i.message.startsWith('Too big')) return i.message;
      return i.origin === 'array' ? `takes at most ${String(i.maximum)} item(s)` : `must be at most ${String(i.maximum)}`;
    default:
      return i.message;
  }
};

/** The schema under optional, pipes and unions, down to what `path` names (objects only; else undefined). */
const objectAt = (path: readonly PropertyKey[]): z.ZodObject | undefined => {
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined => {
    let cur = s;
    for (let n = 0; n < 8 && cur !== undefined; n++) {
      if (cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
      else if (cur instanceof z.ZodPipe) cur = cur.in as z.ZodType;
      else if (cur instanceof z.ZodUnion) cur = (cur.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject);
      else break;
    }
    return cur;
  };
  let cur: z.ZodType | undefined = configFileSchema;
  for (const seg of path) {
    const s = unwrap(cur);
    cur = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>)[String(seg)] : s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
  }
  const last = unwrap(cur);
  return last instanceof z.ZodObject ? last : undefined;
};

/** The known key an unknown one most likely meant (`state-dir`, `stateDir` → `state_dir`), if any is close. */
export const suggestKey = (path: readonly PropertyKey[], key: string): string | undefined => {
  const known = Object.keys(objectAt(path)?.shape ?? {});
  const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  const same = known.find((k) => norm(k) === norm(key));
  if (same !== undefined) return same;
  const scored = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k) })).sort((a, b) => a.d - b.d)[0];
  return scored !== undefined && scored.d <= Math.max(1, Math.floor(key.length / 4)) ? scored.k : undefined;
};
