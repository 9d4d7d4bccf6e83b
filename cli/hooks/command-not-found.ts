import type { Hook } from '@oclif/core';
import { editDistance } from '../../events/edit-distance.js';
import { maskUrl } from '../../events/mask-url.js';
import { safeText } from '../output/sanitize.js';

/** A command as it may be typed: its id first, then its aliases (space-separated words, as berth shows them). */
export type CommandNames = readonly string[];

/**
 * The words of `name` compared with as many of `words`: the sum of their edit distances when each
 * word is within a third of its length (at least 1) of the word typed there, else undefined.
 */
const distance = (words: readonly string[], name: string): number | undefined => {
  const parts = name.split(' ');
  if (words.length < parts.length) return undefined;
  let sum = 0;
  for (let i = 0; i < parts.length; i++) {
    const want = parts[i] as string;
    const d = editDistance(words[i] as string, want);
    if (d > Math.max(1, Math.floor(want.length / 3))) return undefined;
    sum += d;
  }
  return sum;
};

/**
 * The commands near what was typed, at most three, one name per command (its id unless an alias
 * is nearer: `pss` is near `ps`, `context lst` near `context list` and not also its alias `ls`):
 * - those that start with it, cut to as many words as were typed (`con`: container, containers, context);
 * - else, within the topic its first word names if it names one (`container stp x`: container stop),
 *   those each of whose words is within an edit distance of a third of its length (a swap of two
 *   letters is one) of the word typed there (`vsm`: vms; `contaner stop`: container stop);
 * - else, with more than one word, those its first word starts (`cont web`: context, container, containers).
 * Words may be joined with ':' as oclif allows (`container:stp`: container stop); a word with
 * anything but letters and '-' around its ':' (a URL, host:port) stays one word.
 */
export const nearCommands = (typed: string, commands: readonly CommandNames[], topics: readonly string[] = []): string[] => {
  const all = [...commands, ...topics.map((t) => [t])];
  // `container:stop` is how oclif also accepts `container stop`; a URL or host:port is one word.
  const words = typed.toLowerCase().split(' ').flatMap((w) => (/^[a-z-]+(?::[a-z-]+)+$/.test(w) ? w.split(':') : [w])).filter((w) => w !== '');
  if (words.length === 0) return [];
  const near = startingWith(words, all) ?? nearWords(words, commands, topics, all);
  // Nothing near the whole (`cont web`): what its first word starts (container, containers, context).
  return near.length > 0 || words.length === 1 ? near : (startingWith(words.slice(0, 1), all) ?? []);
};

/** The names that start with the words typed, cut to as many words, shortest first; undefined for none. */
const startingWith = (words: readonly string[], all: readonly CommandNames[]): string[] | undefined => {
  const t = words.join(' ');
  const prefixed = [...new Set(all.flatMap((names) => names.filter((n) => n.startsWith(t)).slice(0, 1)).map((n) => n.split(' ').slice(0, words.length).join(' ')))];
  return prefixed.length === 0 ? undefined : prefixed.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 3);
};

/** The names each of whose words is near the word typed there (see nearCommands). */
const nearWords = (words: readonly string[], commands: readonly CommandNames[], topics: readonly string[], all: readonly CommandNames[]): string[] => {
  const isTopic = new Set(topics);
  const topic = words[0] as string;
  const inTopic = commands.filter((names) => (names[0] ?? '').startsWith(`${topic} `));
  return (inTopic.length > 0 && words.length > 1 ? inTopic : all)
    .flatMap((names) => {
      const scored = names.flatMap((name) => {
        const d = distance(words, name);
        return d === undefined ? [] : [{ name, d }];
      });
      // The id wins a tie with an alias: `stable sort` keeps names' order.
      return scored.sort((a, b) => a.d - b.d).slice(0, 1);
    })
    // The nearest first; at one distance, the one that matched more words (`container stop` before
    // the topic `container`), then a command before a topic (`vsm`: vms before vm).
    .sort((a, b) => a.d - b.d || b.name.split(' ').length - a.name.split(' ').length || Number(isTopic.has(a.name)) - Number(isTopic.has(b.name)) || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.name);
};

/**
 * The words that made oclif's command id, as typed: the first arguments that joined with ':'
 * spell it (oclif joins words so; a URL holds ':' too), else the id itself, its ':' shown as
 * spaces unless it holds a URL.
 */
const typedWords = (id: string, argv: readonly string[]): string => {
  const words: string[] = [];
  for (const a of argv) {
    words.push(a);
    if (words.join(':') === id) return words.join(' ');
    if (words.join(':').length >= id.length) break;
  }
  return id.includes('://') ? id : id.replaceAll(':', ' ');
};

/** Every command a user may be pointed to, with its aliases, and every topic: not the hidden ones (the completion scripts' `__complete`). */
const visibleCommands = (config: Parameters<Hook<'command_not_found'>>[0]['config']): { commands: CommandNames[]; topics: string[] } => {
  // oclif lists a command once more under each alias, as a command whose id is that alias (and among its own aliases).
  const commands = config.commands.filter((c) => c.hidden !== true && !(c.aliases ?? []).includes(c.id));
  // Topics too (`contxt`: context), where no command has that name.
  const ids = new Set(commands.map((c) => c.id));
  const topics = config.topics.filter((t) => t.hidden !== true && !ids.has(t.name)).map((t) => t.name.replaceAll(':', ' '));
  return { commands: commands.map((c) => [c.id, ...(c.aliases ?? [])].map((n) => n.replaceAll(':', ' '))), topics };
};

/**
 * `berth <not a command>`. oclif's own answer printed the word as typed, escapes and all (`berth
 * $'\e]0;x\a'` retitled the terminal) and a URL's password with it, and suggested nothing. This one
 * shows it inert and masked, names the commands near it, and exits 2 (a usage error) as before.
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const typed = typedWords(opts.id, process.argv.slice(2));
  const { commands, topics } = visibleCommands(opts.config);
  const near = nearCommands(typed, commands, topics);
  // The hook's error is oclif's error(), which takes suggestions as a command's does (its type names only code and exit).
  const error = this.error as (message: string, options: Readonly<{ exit: number; suggestions: string[] }>) => never;
  error(`command '${safeText(maskUrl(typed))}' not found`, { exit: 2, suggestions: [...near.map((id) => `berth ${id}`), 'berth --help, for every command'] });
};

export default hook;
