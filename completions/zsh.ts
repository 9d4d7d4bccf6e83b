import { posixLive } from './bash.js';
import { posixData } from './posix-data.js';
import type { CommandTree } from './tree.js';

const engine = (bin: string): string => `${posixLive(bin)}

# 'word:description' lines to _describe (a ':' inside a word is escaped).
_${bin}_describe() {
  local tag=$1 line
  local -a items
  shift
  for line in "$@"; do [[ -n $line ]] && items+=("\${line%%:*}:\${line#*:}"); done
  _describe -t $tag $tag items
}

# Replies for a value spec: words, @kind (live), @=N (live, kind named by argument N), @file.
_${bin}_reply_value() {
  local spec=$1 kind line
  local -a items
  case $spec in
    '') _message 'value'; return ;;
    @file) _files; return ;;
    @=*) kind=\${_${bin}_args[$(( \${spec#@=} + 1 ))]} ; [[ -n $kind ]] || return ;;
    @*) kind=\${spec#@} ;;
    *) compadd -- \${=spec}; return ;;
  esac
  for line in "\${(@f)$(_${bin}_live $kind "\${_${bin}_conn[@]}")}"; do
    [[ -n $line ]] && items+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
  done
  _describe -t $kind $kind items
}

_${bin}() {
  local cmdpath='' pending='' w i cur=\${words[CURRENT]}
  local -a subs
  _${bin}_args=() _${bin}_conn=()
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if [[ -n $pending ]]; then
      _${bin}_is_conn $pending && _${bin}_conn+=("$pending=$w")
      pending=''
      continue
    fi
    case $w in
      -*=*) _${bin}_is_conn \${w%%=*} && _${bin}_conn+=("$w"); continue ;;
      -*) [[ $'\\n'$(_${bin}_flags "$cmdpath")$'\\n' == *$'\\n'"$w=:"* ]] && pending=$w; continue ;;
    esac
    if (( \${#_${bin}_args} == 0 )) && [[ $'\\n'$(_${bin}_children "$cmdpath") == *$'\\n'"$w:"* ]]; then
      cmdpath=\${cmdpath:+$cmdpath }$w
      continue
    fi
    _${bin}_args+=("$w")
  done
  if [[ -n $pending ]]; then _${bin}_reply_value "$(_${bin}_value "$cmdpath" $pending)"; return; fi
  if [[ $cur == -*=* ]]; then
    compset -P '*='
    _${bin}_reply_value "$(_${bin}_value "$cmdpath" \${cur%%=*})"
    return
  fi
  if [[ $cur == -* ]]; then
    _${bin}_describe flags "\${(@f)$(_${bin}_flags "$cmdpath" | sed 's/=:/:/')}"
    return
  fi
  if (( \${#_${bin}_args} == 0 )); then
    subs=("\${(@f)$(_${bin}_children "$cmdpath")}")
    if [[ -n \${subs[1]} ]]; then _${bin}_describe commands "\${subs[@]}"; return; fi
  fi
  _${bin}_reply_value "$(_${bin}_arg "$cmdpath" \${#_${bin}_args})"
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _${bin} "$@"
else
  compdef _${bin} ${bin}
fi`;

/** The zsh completion script for a command tree (zsh's compsys: `compinit` must have run). */
export const zshScript = (tree: CommandTree): string => `#compdef ${tree.bin}
# ${tree.bin} completion for zsh. Install (then open a new shell):
#   ${tree.bin} completion zsh > "\${fpath[1]}/_${tree.bin}"
# or add to ~/.zshrc, after compinit:  source <(${tree.bin} completion zsh)
${posixData(tree)}

${engine(tree.bin)}
`;
