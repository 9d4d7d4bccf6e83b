import { childrenOf, CONNECTION_FLAGS } from './tree.js';
import type { CommandSpec, CommandTree, FlagSpec, ValueSpec } from './tree.js';

/** A fish single-quoted string (fish escapes only `\` and `'` inside). */
const fq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A condition for `complete -n`: double-quoted, so the command path inside keeps plain single quotes. */
const cond = (fn: string, path: string, ...rest: string[]): string => `"${[fn, `'${path}'`, ...rest].join(' ').replace(/["$\\]/g, '\\$&')}"`;

const pathOf = (c: CommandSpec): string => c.words.join(' ');

const switchFn = (name: string, arms: readonly (readonly [string, readonly string[]])[]): string => `function ${name} --argument-names key
    switch $key
${arms.map(([key, out]) => `        case ${fq(key)}\n            printf '%s\\n' ${out.map(fq).join(' ')}`).join('\n')}
    end
end`;

/** The part that follows the command line: which command it is, its positional arguments, and the connection flags on it. */
const parser = (bin: string, tree: CommandTree): string => {
  const paths = new Set<string>(['']);
  for (const c of tree.commands) for (let i = 1; i < c.words.length; i++) paths.add(c.words.slice(0, i).join(' '));
  const children = [...paths].sort().map((p) => [p, childrenOf(tree, p === '' ? [] : p.split(' '))] as const);
  const valueFlags = tree.commands.map((c) => [pathOf(c), c.flags.filter((f) => f.value !== null).flatMap((f) => [`--${f.name}`, ...(f.char === undefined ? [] : [`-${f.char}`])])] as const);
  return `${switchFn(`__${bin}_children`, children)}

${switchFn(`__${bin}_value_flags`, valueFlags)}

function __${bin}_parse
    set -g __${bin}_path ''
    set -g __${bin}_args
    set -g __${bin}_conn
    set -g __${bin}_pending ''
    for w in (commandline -opc)[2..-1]
        if test -n "$__${bin}_pending"
            contains -- $__${bin}_pending ${CONNECTION_FLAGS.map((f) => `--${f}`).join(' ')}; and set -a __${bin}_conn "$__${bin}_pending=$w"
            set __${bin}_pending ''
            continue
        end
        switch $w
            case '-*=*'
                contains -- (string split -m1 = -- $w)[1] ${CONNECTION_FLAGS.map((f) => `--${f}`).join(' ')}; and set -a __${bin}_conn $w
                continue
            case '-*'
                contains -- $w (__${bin}_value_flags "$__${bin}_path"); and set __${bin}_pending $w
                continue
        end
        if test (count $__${bin}_args) -eq 0; and contains -- $w (__${bin}_children "$__${bin}_path")
            set __${bin}_path (string trim -- "$__${bin}_path $w")
            continue
        end
        set -a __${bin}_args $w
    end
end

function __${bin}_at --argument-names p
    __${bin}_parse
    test "$__${bin}_path" = "$p"
end

function __${bin}_sub --argument-names p
    __${bin}_parse
    test "$__${bin}_path" = "$p"; and test (count $__${bin}_args) -eq 0; and test -z "$__${bin}_pending"
end

function __${bin}_argn --argument-names p n
    __${bin}_parse
    test "$__${bin}_path" = "$p"; and test (count $__${bin}_args) -eq $n; and test -z "$__${bin}_pending"
end

# Live values: the fresh 'default' candidate file when nothing on the line or in the environment
# chooses another connection (no process started), else '${bin} __complete' under a timeout.
function __${bin}_live --argument-names kind
    __${bin}_parse
    set -l base $HOME/.cache
    test -n "$XDG_CACHE_HOME"; and set base $XDG_CACHE_HOME
    set -l dir $base/berth
    test -n "$BERTH_CACHE_DIR"; and set dir $BERTH_CACHE_DIR
    set -l f $dir/completions/default/$kind
    if test (count $__${bin}_conn) -eq 0; and test -z "$BERTH_CONTEXT$BERTH_NATS_URL$BERTH_PREFIX"; and test -f $f
        set -l fresh (find $f -mmin -5 2>/dev/null)
        if test -n "$fresh"
            cat $f
            return
        end
    end
    if command -q timeout
        timeout 10 ${bin} __complete $kind $__${bin}_conn 2>/dev/null
    else
        ${bin} __complete $kind $__${bin}_conn 2>/dev/null
    end
end

function __${bin}_live_arg --argument-names n
    __${bin}_parse
    set -l kind $__${bin}_args[(math $n + 1)]
    test -n "$kind"; and __${bin}_live $kind
end`;
};

const valueArgs = (v: ValueSpec): string =>
  v.choices !== undefined ? ` -x -a ${fq(v.choices.join(' '))}` : v.entity !== undefined ? ` -x -a ${fq(`(__berth_live ${v.entity})`)}` : v.file ? ' -r -F' : ' -x';

const flagLine = (bin: string, c: CommandSpec, f: FlagSpec): string =>
  `complete -c ${bin} -n ${cond(`__${bin}_at`, pathOf(c))} -l ${f.name}${f.char === undefined ? '' : ` -s ${f.char}`}${f.value === null ? '' : valueArgs(f.value).replace(/__berth_/g, `__${bin}_`)} -d ${fq(f.description)}`;

const argLines = (bin: string, c: CommandSpec): string[] => c.args.flatMap((a, i) => {
  const when = cond(`__${bin}_argn`, pathOf(c), String(i));
  const v = a.value;
  if (v.choices !== undefined) return [`complete -c ${bin} -n ${when} -a ${fq(v.choices.join(' '))} -d ${fq(a.description)}`];
  if (v.entity !== undefined) return [`complete -c ${bin} -n ${when} -a ${fq(`(__${bin}_live ${v.entity})`)}`];
  if (v.byArg !== undefined) return [`complete -c ${bin} -n ${when} -a ${fq(`(__${bin}_live_arg ${v.byArg})`)}`];
  return [];
});

/** The fish completion script for a command tree (fish 3.4+). */
export const fishScript = (tree: CommandTree): string => {
  const bin = tree.bin;
  const subLines: string[] = [];
  const paths = new Set<string>(['']);
  for (const c of tree.commands) for (let i = 1; i < c.words.length; i++) paths.add(c.words.slice(0, i).join(' '));
  const byPath = new Map(tree.commands.map((c) => [pathOf(c), c]));
  for (const p of [...paths].sort()) {
    const words = p === '' ? [] : p.split(' ');
    for (const w of childrenOf(tree, words)) {
      const desc = byPath.get([...words, w].join(' '))?.description ?? childrenOf(tree, [...words, w]).join(', ');
      subLines.push(`complete -c ${bin} -n ${cond(`__${bin}_sub`, p)} -a ${fq(w)} -d ${fq(desc)}`);
    }
  }
  const cmdLines = tree.commands.flatMap((c) => [...c.flags.map((f) => flagLine(bin, c, f)), ...argLines(bin, c)]);
  return `# ${bin} completion for fish. Install (new shells pick it up):
#   ${bin} completion fish > ~/.config/fish/completions/${bin}.fish
${parser(bin, tree)}

complete -c ${bin} -f
${subLines.join('\n')}
${cmdLines.join('\n')}
`;
};
