import { childrenOf, CONNECTION_FLAGS } from './tree.js';
import type { CommandSpec, CommandTree, ValueSpec } from './tree.js';

/** A word in single quotes, for bash and zsh. */
export const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** `word:description` lines, the form both engines read (a word never holds ':'; the description may). */
const lines = (pairs: readonly (readonly [string, string])[]): string => sq(pairs.map(([w, d]) => `${w}:${d}`).join('\n'));

/** How a value spec is written for the engines: words, `@kind`, `@=N` (kind named by argument N) or `@file`. */
export const valueCode = (v: ValueSpec): string =>
  v.choices !== undefined ? v.choices.join(' ') : v.entity !== undefined ? `@${v.entity}` : v.byArg !== undefined ? `@=${v.byArg}` : v.file ? '@file' : '';

/** `case` arms grouping the keys that share a body, in a stable order. */
const caseArms = (entries: readonly (readonly [string, string])[]): string => {
  const byBody = new Map<string, string[]>();
  for (const [key, body] of entries) byBody.set(body, [...(byBody.get(body) ?? []), key]);
  return [...byBody.entries()].map(([body, keys]) => `    ${keys.map(sq).join('|')}) printf '%s\\n' ${body} ;;`).join('\n');
};

const pathOf = (c: CommandSpec): string => c.words.join(' ');

const topicDescription = (tree: CommandTree, path: readonly string[]): string => {
  const subs = childrenOf(tree, path);
  return `${subs.join(', ')}`;
};

/**
 * The data functions bash and zsh share (`case` reads the same in both): the words after a
 * command path, each command's flags, what completes each flag's and argument's value, and
 * which flags choose the connection. Generated from the command tree, so it follows the CLI.
 */
export const posixData = (tree: CommandTree): string => {
  const paths = new Set<string>(['']);
  for (const c of tree.commands) for (let i = 1; i < c.words.length; i++) paths.add(c.words.slice(0, i).join(' '));
  const commands = new Map(tree.commands.map((c) => [pathOf(c), c]));
  const children = [...paths].sort().map((p): [string, string] => {
    const words = p === '' ? [] : p.split(' ');
    return [p, lines(childrenOf(tree, words).map((w) => [w, commands.get([...words, w].join(' '))?.description ?? `${topicDescription(tree, [...words, w])}`] as const))];
  });
  const flags = tree.commands.map((c): [string, string] => [pathOf(c), lines(c.flags.flatMap((f) => [
    [`--${f.name}${f.value === null ? '' : '='}`, f.description] as const,
    ...(f.char === undefined ? [] : [[`-${f.char}${f.value === null ? '' : '='}`, f.description] as const]),
  ]))]);
  const values = tree.commands.flatMap((c) => c.flags.filter((f) => f.value !== null && valueCode(f.value) !== '').flatMap((f) => [
    [`${pathOf(c)}|--${f.name}`, sq(valueCode(f.value as ValueSpec))] as const,
    ...(f.char === undefined ? [] : [[`${pathOf(c)}|-${f.char}`, sq(valueCode(f.value as ValueSpec))] as const]),
  ]));
  const args = tree.commands.flatMap((c) => c.args.map((a, i) => [`${pathOf(c)}|${i}`, sq(valueCode(a.value))] as const).filter(([, v]) => v !== "''"));
  return `# The command tree (generated: run '${tree.bin} completion' again after an upgrade).
_${tree.bin}_children() {
  case "$1" in
${caseArms(children)}
  esac
}
_${tree.bin}_flags() {
  case "$1" in
${caseArms(flags)}
  esac
}
_${tree.bin}_value() {
  case "$1|$2" in
${caseArms(values)}
  esac
}
_${tree.bin}_arg() {
  case "$1|$2" in
${caseArms(args)}
  esac
}
_${tree.bin}_is_conn() {
  case "$1" in
    ${CONNECTION_FLAGS.map((f) => `--${f}`).join('|')}) return 0 ;;
  esac
  return 1
}`;
};
