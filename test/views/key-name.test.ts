import test from 'ava';
import type { Key } from 'ink';
import { keyName, splitKeys, typedText } from '../../views/hooks/key-name.js';

const none: Key = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };

test('Ink keys become keymap names', (t) => {
  t.is(keyName('j', none), 'j');
  t.is(keyName('G', { ...none, shift: true }), 'G');
  t.is(keyName(' ', none), 'space');
  t.is(keyName('', { ...none, return: true }), 'enter');
  t.is(keyName('', { ...none, pageDown: true }), 'pgdn');
  t.is(keyName('f', { ...none, ctrl: true }), 'ctrl+f');
  t.is(keyName('abc', none), null);
});

test('a burst is split into one key per character, Enter and Backspace included; real keys pass whole', (t) => {
  const keys = splitKeys(':vms\r', none);
  t.deepEqual(keys.map(([i, k]) => (k.return ? 'enter' : i)), [':', 'v', 'm', 's', 'enter']);
  t.true(splitKeys('ab\x7f', none)[2]?.[1].backspace);
  t.deepEqual(splitKeys('', { ...none, upArrow: true }).length, 1);
});

test('typed text keeps printable characters only', (t) => {
  t.is(typedText('we\x1b[2Jb\u202e', none), 'we[2Jb');
  t.is(typedText('x', { ...none, ctrl: true }), '');
});

test('Esc typed just before a key (read by Ink as Alt+key) is Esc, then the key', (t) => {
  const keys = splitKeys(':', { ...none, meta: true });
  t.deepEqual(keys.map(([i, k]) => (k.escape ? 'esc' : i)), ['esc', ':']);
  t.deepEqual(splitKeys('', { ...none, escape: true, meta: true }).map(([, k]) => k.escape), [true, true]);
});
