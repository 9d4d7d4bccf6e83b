import type { Hook } from '@oclif/core';
import { editDistance } from '../../events/edit-distance.js';
import { maskUrl } from '../../events/mask-url.js';
import { safeText } from '../output/sanitize.js';

/**
 * The commands near what was typed (space-separated words, as berth shows them), at most three:
 * - those that start with it, cut to as many words as were typed (`con`: container, containers, context);
 * - else, within the topic its first word names if it names one (`container stp x`: container stop),
 *   those whose last word is within an edit distance of a third of its length of the word typed
 *   there, the words before it being the same (`vmz`: vms; `audit verfy`: audit verify).
 */
export const nearCommands = (typed: string, ids: readonly string[]): string[] => {
  const words = typed.toLowerCase().split(' ').filter((w) => w !== '');
  if (words.length === 0) return [];
  const shown = [...new Set(ids.map((id) => id.replaceAll(':', ' ')))].filter((id) => !id.startsWith('autocomplete') && id !== 'help');
  const t = words.join(' ');
  const prefixed = [...new Set(shown.filter((id) => id.startsWith(t)).map((id) => id.split(' ').slice(0, words.length).join(' ')))];
  if (prefixed.length > 0) return prefixed.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 3);
  const topic = words[0] as string;
  const inTopic = shown.filter((id) => id.startsWith(`${topic} `));
  return (inTopic.length > 0 && words.length > 1 ? inTopic : shown)
    .flatMap((id) => {
      const parts = id.split(' ');
      const last = parts.length - 1;
      if (words.length <= last || parts.slice(0, last).some((p, i) => p !== words[i])) return [];
      const word = words[last] as string;
      const want = parts[last] as string;
      const d = editDistance(word, want);
      return d <= Math.max(1, Math.floor(want.length / 3)) ? [{ id, d }] : [];
    })
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.id);
};

/**
 * The words that made oclif's command id, as typed: the arguments before the first flag when they
 * spell the id (oclif joins them with ':', which a URL also holds), else the id with its ':' shown as spaces.
 */
const typedWords = (id: string, argv: readonly string[]): string => {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
    if (words.join(':') === id) return words.join(' ');
  }
  return id.replaceAll(':', ' ');
};

/**
 * `berth <not a command>`. oclif's own answer printed the word as typed, escapes and all (`berth
 * $'\e]0;x\a'` retitled the terminal) and a URL's password with it, and suggested nothing. This one
 * shows it inert and masked, names the commands near it, and exits 2 (a usage error) as before.
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const typed = typedWords(opts.id, process.argv.slice(2));
  const near = nearCommands(typed, opts.config.commandIDs);
  // The hook's error is oclif's error(), which takes suggestions as a command's does (its type names only code and exit).
  const error = this.error as (message: string, options: Readonly<{ exit: number; suggestions: string[] }>) => never;
  error(`command '${safeText(maskUrl(typed))}' not found`, { exit: 2, suggestions: [...near.map((id) => `berth ${id}`), "berth --help, for every command"] });
};

export default hook;
