import type { Binding, Keymap, Scope } from './keymap.js';
import { validKey } from './keymap.js';

export type Rebound = Readonly<{ keymap: Keymap; errors: readonly string[] }>;

const keysOf = (name: string, value: unknown): string[] | string => {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (list === null || !list.every((k): k is string => typeof k === 'string')) return `keys.${name} must be a key name or a list of key names.`;
  const bad = list.filter((k) => !validKey(k));
  if (bad.length > 0) return `keys.${name}: '${bad.join("', '")}' is not a key name (one character, ctrl+<letter>, or enter, esc, tab, space, up, down, left, right, pgup, pgdn, home, end).`;
  return list;
};

const conflicts = (map: Keymap): string[] => {
  const seen = new Map<string, Binding>();
  const out: string[] = [];
  for (const b of map) {
    for (const k of b.keys) {
      const other = seen.get(`${b.scope} ${k}`);
      if (other !== undefined && other.action !== b.action) out.push(`Key '${k}' is bound to both '${other.action}' and '${b.action}' in the ${b.scope} scope.`);
      seen.set(`${b.scope} ${k}`, b);
    }
  }
  return out;
};

/**
 * The keymap with the operator's bindings from the config (`{"keys": {"stop": "x", "list.down":
 * ["j", "ctrl+n"]}}`): an action name rebinds it in every scope, `scope.action` in one. What is
 * wrong comes back as sentences naming the key, never a throw, so the caller reports them all.
 */
export const rebind = (map: Keymap, overrides: unknown): Rebound => {
  if (overrides === undefined || overrides === null) return { keymap: map, errors: [] };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return { keymap: map, errors: ['keys must be an object of action: key(s).'] };
  const errors: string[] = [];
  let next = [...map];
  for (const [name, value] of Object.entries(overrides)) {
    const dot = name.indexOf('.');
    const scope = dot < 0 ? undefined : (name.slice(0, dot) as Scope);
    const action = dot < 0 ? name : name.slice(dot + 1);
    const hits = next.filter((b) => b.action === action && (scope === undefined || b.scope === scope));
    if (hits.length === 0) {
      const known = [...new Set(map.map((b) => b.action))].sort().join(', ');
      errors.push(`keys.${name}: there is no such action${scope === undefined ? '' : ` in the ${scope} scope`}. Actions: ${known}.`);
      continue;
    }
    const keys = keysOf(name, value);
    if (typeof keys === 'string') {
      errors.push(keys);
      continue;
    }
    next = next.map((b) => (hits.includes(b) ? { ...b, keys } : b));
  }
  errors.push(...conflicts(next));
  return { keymap: errors.length > 0 ? map : keepCtrlC(next), errors };
};

/**
 * Ctrl-C stays on quit in every scope where nothing else takes it: `"quit": "Q"` replaced quit's
 * keys and left no way out but killing the terminal. Kept in the keymap, which drives the input,
 * the help and `berth keys` alike.
 */
const keepCtrlC = (map: Keymap): Keymap =>
  map.map((b) => (b.action !== 'quit' || b.keys.includes('ctrl+c') || map.some((o) => o.scope === b.scope && o.keys.includes('ctrl+c')) ? b : { ...b, keys: [...b.keys, 'ctrl+c'] }));
