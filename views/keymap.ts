/**
 * Every key of the console, as data: this one table drives input, the footer hints, the `?` help
 * and `berth keys` (k9s's KeyActions, lazydocker's Binding table). No Ink here: `berth keys`
 * imports it without loading React.
 */

/** Where a binding applies: the list, an entity's detail, the help, a `:`/`/` prompt, the time scrubber, a confirmation. */
export type Scope = 'list' | 'detail' | 'help' | 'prompt' | 'scrub' | 'confirm';

export type Binding = Readonly<{
  scope: Scope;
  /** Key names: one printable character (`j`, `G`, `?`), a named key (`enter`, `esc`, `up`, `pgdn`, `space`) or `ctrl+<letter>`. */
  keys: readonly string[];
  action: string;
  label: string;
  /** Shown in the footer. */
  hint?: boolean;
  /** Changes the world (an action on a container or VM): asks first, and read-only mode hides it. */
  dangerous?: boolean;
}>;

export type Keymap = readonly Binding[];

const nav = (scope: Scope): Binding[] => [
  { scope, keys: ['j', 'down'], action: 'down', label: 'down' },
  { scope, keys: ['k', 'up'], action: 'up', label: 'up' },
  { scope, keys: ['pgdn', 'ctrl+f'], action: 'pageDown', label: 'page down' },
  { scope, keys: ['pgup', 'ctrl+b'], action: 'pageUp', label: 'page up' },
  { scope, keys: ['g', 'home'], action: 'top', label: 'top' },
  { scope, keys: ['G', 'end'], action: 'bottom', label: 'bottom' },
];

const acts = (scope: Scope): Binding[] => [
  { scope, keys: ['s'], action: 'stop', label: 'stop', hint: true, dangerous: true },
  { scope, keys: ['S'], action: 'start', label: 'start', dangerous: true },
  { scope, keys: ['r'], action: 'restart', label: 'restart', dangerous: true },
];

export const DEFAULT_KEYMAP: Keymap = [
  { scope: 'list', keys: ['enter'], action: 'open', label: 'detail', hint: true },
  { scope: 'list', keys: [':'], action: 'command', label: 'view/command', hint: true },
  { scope: 'list', keys: ['/'], action: 'filter', label: 'filter', hint: true },
  { scope: 'list', keys: ['esc'], action: 'clearFilter', label: 'clear filter' },
  { scope: 'list', keys: ['o'], action: 'sortNext', label: 'sort by next column', hint: true },
  { scope: 'list', keys: ['O'], action: 'sortReverse', label: 'reverse the sort' },
  { scope: 'list', keys: ['space'], action: 'mark', label: 'mark/unmark', hint: true },
  { scope: 'list', keys: ['A'], action: 'markAll', label: 'mark every row shown' },
  { scope: 'list', keys: ['U'], action: 'unmarkAll', label: 'clear marks' },
  { scope: 'list', keys: ['t'], action: 'travel', label: 'time travel', hint: true },
  { scope: 'list', keys: ['L'], action: 'live', label: 'back to live' },
  ...nav('list'),
  ...acts('list'),
  { scope: 'list', keys: ['?'], action: 'help', label: 'help', hint: true },
  { scope: 'list', keys: ['q', 'ctrl+c'], action: 'quit', label: 'quit', hint: true },
  { scope: 'detail', keys: ['esc'], action: 'back', label: 'back', hint: true },
  ...nav('detail'),
  ...acts('detail'),
  { scope: 'detail', keys: ['?'], action: 'help', label: 'help', hint: true },
  { scope: 'detail', keys: ['q', 'ctrl+c'], action: 'quit', label: 'quit', hint: true },
  { scope: 'help', keys: ['esc', '?'], action: 'back', label: 'close help', hint: true },
  ...nav('help'),
  { scope: 'help', keys: ['q', 'ctrl+c'], action: 'quit', label: 'quit', hint: true },
  { scope: 'prompt', keys: ['enter'], action: 'submit', label: 'apply', hint: true },
  { scope: 'prompt', keys: ['esc'], action: 'cancel', label: 'cancel', hint: true },
  { scope: 'prompt', keys: ['up'], action: 'historyBack', label: 'earlier command' },
  { scope: 'prompt', keys: ['down'], action: 'historyForward', label: 'later command' },
  { scope: 'prompt', keys: ['tab'], action: 'complete', label: 'complete', hint: true },
  { scope: 'prompt', keys: ['ctrl+c'], action: 'quit', label: 'quit' },
  { scope: 'scrub', keys: ['left', 'h'], action: 'earlier', label: 'earlier', hint: true },
  { scope: 'scrub', keys: ['right', 'l'], action: 'later', label: 'later', hint: true },
  { scope: 'scrub', keys: ['['], action: 'finer', label: 'smaller step', hint: true },
  { scope: 'scrub', keys: [']'], action: 'coarser', label: 'bigger step', hint: true },
  { scope: 'scrub', keys: ['n'], action: 'now', label: 'now' },
  { scope: 'scrub', keys: ['enter'], action: 'go', label: 'show that moment', hint: true },
  { scope: 'scrub', keys: ['esc'], action: 'cancel', label: 'cancel', hint: true },
  { scope: 'scrub', keys: ['ctrl+c'], action: 'quit', label: 'quit' },
  { scope: 'confirm', keys: ['y'], action: 'confirm', label: 'yes, do it', hint: true },
  { scope: 'confirm', keys: ['n', 'esc'], action: 'cancel', label: 'no', hint: true },
  { scope: 'confirm', keys: ['ctrl+c'], action: 'quit', label: 'quit' },
];

/** Named keys (besides single printable characters and `ctrl+<letter>`). */
export const NAMED_KEYS = ['enter', 'esc', 'tab', 'space', 'backspace', 'delete', 'up', 'down', 'left', 'right', 'pgup', 'pgdn', 'home', 'end'] as const;

/** True for a key name a binding may use. */
export const validKey = (k: string): boolean =>
  (NAMED_KEYS as readonly string[]).includes(k) || /^ctrl\+[a-z]$/.test(k) || (k.length === 1 && k >= '!' && k <= '~');

/** The bindings in force: dangerous ones are gone in read-only mode. */
export const activeBindings = (map: Keymap, readOnly: boolean): Keymap => (readOnly ? map.filter((b) => !b.dangerous) : map);

/** The binding of a key in a scope, if any. */
export const bindingFor = (map: Keymap, scope: Scope, key: string): Binding | undefined =>
  map.find((b) => b.scope === scope && b.keys.includes(key));

/** `<key> label` pairs for the footer of a scope. */
export const hintsFor = (map: Keymap, scope: Scope): readonly (readonly [string, string])[] =>
  map.filter((b) => b.scope === scope && b.hint === true && b.keys.length > 0).map((b) => [b.keys[0] as string, b.label] as const);
