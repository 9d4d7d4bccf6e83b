import type { Keymap, Scope } from './keymap.js';
import { activeBindings } from './keymap.js';

const TITLES: Readonly<Record<Scope, string>> = {
  list: 'Lists (hosts, containers, VMs, ...)',
  detail: 'Detail (Enter on a row)',
  help: 'This help',
  prompt: 'Prompts (: command, / filter)',
  scrub: 'Time travel (t)',
  confirm: 'Confirmation',
};

export type HelpSection = Readonly<{ title: string; rows: readonly (readonly [string, string])[] }>;

/** The keymap as sections of `keys → what they do`, in table order; read-only hides actions. */
export const keyHelp = (map: Keymap, readOnly: boolean): HelpSection[] => {
  const shown = activeBindings(map, readOnly);
  return (Object.keys(TITLES) as Scope[]).map((scope) => ({
    title: TITLES[scope],
    rows: shown.filter((b) => b.scope === scope && b.keys.length > 0).map((b) => [b.keys.join(' / '), `${b.label}${b.dangerous ? ' (asks first)' : ''}`] as const),
  })).filter((s) => s.rows.length > 0);
};

/** The `:` commands, for the help and `berth keys`. */
export const COMMAND_HELP: readonly (readonly [string, string])[] = [
  [':<view>', 'switch view: hosts, containers (ps), vms, clusters, ports, stacks, networks (net), events (ev)'],
  [':at <when>', 'show the model at a past time (2h, 10m, 2026-11-23T03:12, Unix seconds)'],
  [':live', 'back to the live model'],
  [':sort <column> [desc]', 'sort by a column'],
  [':help', 'this help'],
  [':q', 'quit'],
  ['/text /re/ key=value !term', 'filter rows: substring, regular expression, column value; ! negates'],
];

/** Plain lines for `berth keys`. */
export const keyHelpLines = (map: Keymap, readOnly: boolean): string[] => {
  const lines: string[] = [];
  const pad = (rows: readonly (readonly [string, string])[]): void => {
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, label] of rows) lines.push(`  ${k.padEnd(w)}  ${label}`);
  };
  for (const s of keyHelp(map, readOnly)) {
    lines.push(s.title);
    pad(s.rows);
    lines.push('');
  }
  lines.push('Commands');
  pad(COMMAND_HELP);
  return lines;
};
