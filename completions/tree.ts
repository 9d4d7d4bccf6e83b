/** What may complete a flag's or argument's value. */
export type ValueSpec = Readonly<{
  /** A fixed set of values (`-o table|json|...`). */
  choices?: readonly string[];
  /** Live ids/names of this kind (`host`, `container`, `vm`, ..., or `context`). */
  entity?: string;
  /** Live ids/names of the kind named by positional argument N (`get <kind> <id>`). */
  byArg?: number;
  /** A path on this machine. */
  file?: boolean;
}>;

export type FlagSpec = Readonly<{ name: string; char?: string | undefined; description: string; /** null: a switch, takes no value. */ value: ValueSpec | null }>;
export type ArgSpec = Readonly<{ name: string; description: string; value: ValueSpec }>;
/** One command; `words` is its id as typed (`['context', 'add']`). */
export type CommandSpec = Readonly<{ words: readonly string[]; description: string; flags: readonly FlagSpec[]; args: readonly ArgSpec[] }>;
export type CommandTree = Readonly<{ bin: string; commands: readonly CommandSpec[] }>;

/** The part of an oclif command (from the manifest or `config.commands`) completions need. */
export type OclifCommandLike = Readonly<{
  id: string;
  hidden?: boolean | undefined;
  aliases?: readonly string[] | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  flags: Readonly<Record<string, Readonly<{ name: string; char?: string | undefined; type: string; options?: readonly string[] | undefined; description?: string | undefined; hidden?: boolean | undefined }>>>;
  args: Readonly<Record<string, Readonly<{ name: string; options?: readonly string[] | undefined; description?: string | undefined }>>>;
}>;

/** Flags whose values are live entities or paths, by flag name (the same meaning in every command). */
export const FLAG_VALUES: Readonly<Record<string, ValueSpec>> = {
  context: { entity: 'context' },
  host: { entity: 'host' },
  container: { entity: 'container' },
  device: { entity: 'vm' },
  network: { entity: 'network' },
  'nats-nkey': { file: true },
  'nats-creds': { file: true },
  'nats-ca': { file: true },
  'nats-cert': { file: true },
  'nats-key': { file: true },
  nkey: { file: true },
  creds: { file: true },
  ca: { file: true },
  cert: { file: true },
  key: { file: true },
  'state-dir': { file: true },
  config: { file: true },
};

/** Flags passed on to `berth __complete` so that live values come from the same NATS as the command would use. */
export const CONNECTION_FLAGS = ['context', 'nats', 'prefix', 'nats-user', 'nats-password', 'nats-token', 'nats-nkey', 'nats-creds', 'nats-ca', 'nats-cert', 'nats-key'] as const;

/** First sentence or line of a description, short enough for a completion menu. */
export const shortText = (text: string | undefined): string => {
  const line = (text ?? '').split('\n')[0] ?? '';
  const sentence = line.replace(/([.:])\s.*$/, '$1').replace(/[.:]$/, '');
  return sentence.length > 70 ? `${sentence.slice(0, 69)}…` : sentence;
};

const argValue = (name: string, options: readonly string[] | undefined, names: readonly string[]): ValueSpec => {
  if (options !== undefined && options.length > 0) return { choices: options };
  if (name === 'context') return { entity: 'context' };
  // The target of an action (`container stop <container>`, `vm reboot <vm>`).
  if (name === 'container' || name === 'vm') return { entity: name };
  const kindArg = names.indexOf('kind');
  if (name === 'id' && kindArg >= 0) return { byArg: kindArg };
  return {};
};

const toSpec = (words: readonly string[], c: OclifCommandLike, bin: string): CommandSpec => {
  const argNames = Object.values(c.args).map((a) => a.name);
  return {
    words,
    description: shortText((c.summary ?? c.description)?.replace(/<%= config\.bin %>/g, bin)),
    flags: Object.values(c.flags).filter((f) => !f.hidden).map((f) => ({
      name: f.name,
      char: f.char,
      description: shortText(f.description),
      value: f.type === 'boolean' ? null : f.options !== undefined && f.options.length > 0 ? { choices: f.options } : (FLAG_VALUES[f.name] ?? {}),
    })),
    args: Object.values(c.args).map((a) => ({ name: a.name, description: shortText(a.description), value: argValue(a.name, a.options, argNames) })),
  };
};

/** The command tree of a CLI: visible commands and their aliases, sorted, ids split into words. */
export const treeFromCommands = (bin: string, commands: readonly OclifCommandLike[]): CommandTree => {
  const out = new Map<string, CommandSpec>();
  for (const c of commands) {
    if (c.hidden) continue;
    // oclif lists an alias both on its command and as a command of its own: keep one.
    for (const id of [c.id, ...(c.aliases ?? [])]) if (!out.has(id)) out.set(id, toSpec(id.split(/[: ]/), c, bin));
  }
  return { bin, commands: [...out.values()].sort((a, b) => a.words.join(' ').localeCompare(b.words.join(' '))) };
};

/** The words that may follow `path` (`[]` = the top level): subcommands and topics. */
export const childrenOf = (tree: CommandTree, path: readonly string[]): string[] => {
  const next = new Set<string>();
  for (const c of tree.commands) {
    if (c.words.length > path.length && path.every((w, i) => c.words[i] === w)) next.add(c.words[path.length] as string);
  }
  return [...next].sort();
};
