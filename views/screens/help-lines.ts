import { COMMAND_HELP, keyHelp } from '../keymap-help.js';
import type { Keymap } from '../keymap.js';
import type { DetailLine } from './detail-lines.js';

/** The `?` screen: every binding in force (from the keymap itself) and the `:` commands. */
export const helpLines = (keymap: Keymap, readOnly: boolean): DetailLine[] => {
  const out: DetailLine[] = [{ text: `Keys${readOnly ? ' (read-only: actions are off)' : ''} — Esc or ? closes`, style: 'title' }];
  const rows = (r: readonly (readonly [string, string])[]): void => {
    const w = Math.max(...r.map(([k]) => k.length));
    for (const [k, label] of r) out.push({ text: `  ${k.padEnd(w)}  ${label}`, style: 'plain' });
  };
  for (const s of keyHelp(keymap, readOnly)) {
    out.push({ text: s.title, style: 'section' });
    rows(s.rows);
  }
  out.push({ text: 'Commands', style: 'section' });
  rows(COMMAND_HELP);
  return out;
};
