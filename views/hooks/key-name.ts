import type { Key } from 'ink';

const NAMED: readonly (readonly [keyof Key, string])[] = [
  ['upArrow', 'up'], ['downArrow', 'down'], ['leftArrow', 'left'], ['rightArrow', 'right'],
  ['pageUp', 'pgup'], ['pageDown', 'pgdn'], ['home', 'home'], ['end', 'end'],
  ['return', 'enter'], ['escape', 'esc'], ['tab', 'tab'], ['backspace', 'backspace'], ['delete', 'delete'],
];

/**
 * Ink's `(input, key)` as one key name of the keymap (`j`, `G`, `enter`, `ctrl+f`, `space`), or
 * null for what no binding can name (a paste, an unknown sequence).
 */
export const keyName = (input: string, key: Key): string | null => {
  for (const [flag, name] of NAMED) if (key[flag] === true) return name;
  if (key.ctrl && /^[a-z]$/i.test(input)) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  if (input.length === 1 && !key.meta) return input;
  return null;
};

// Typed text keeps printable characters only: a pasted escape sequence must not reach the screen.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What a key adds to a prompt's text: printable characters only. */
export const typedText = (input: string, key: Key): string => (key.ctrl || key.meta ? '' : input.replace(CONTROL, ''));

const PLAIN: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

const one = (ch: string): readonly [string, Key] => {
  if (ch === '\r' || ch === '\n') return ['', { ...PLAIN, return: true }];
  if (ch === '\t') return ['', { ...PLAIN, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...PLAIN, backspace: true }];
  if (ch === '\x1b') return ['', { ...PLAIN, escape: true }];
  return [ch, PLAIN];
};

/**
 * Ink hands a burst of typed characters (`:containers⏎` from a fast typist, tmux or a paste) to
 * `useInput` as one string: split it into one key each, so `:vms⏎` switches view like typing it.
 * Anything Ink recognised as a key (arrows, Esc, ctrl) passes through whole.
 */
export const splitKeys = (input: string, key: Key): (readonly [string, Key])[] => {
  // No binding uses Alt: ESC then a key typed fast (or sent in one write) reads as Alt+key, and
  // ESC ESC as Alt+Esc. Taken apart, `Esc :` closes a prompt and opens the command line, as typed.
  const esc: readonly [string, Key] = ['', { ...PLAIN, escape: true }];
  if (key.meta && key.escape) return [esc, esc];
  if (key.meta && !key.ctrl && [...input].length === 1 && !NAMED.some(([flag]) => key[flag] === true)) return [esc, [input, PLAIN]];
  const special = NAMED.some(([flag]) => key[flag] === true) || key.ctrl || key.meta;
  if (special || [...input].length <= 1) return [[input, key]];
  return [...input].map(one);
};
