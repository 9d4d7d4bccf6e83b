import { posixData } from './posix-data.js';
import type { CommandTree } from './tree.js';

/**
 * The live-values helper shared by bash and zsh: the `default` candidate file when the command
 * line and the environment choose no other connection and the file is fresh (no process is
 * started), else `berth __complete KIND` under a timeout, so that a NATS that is down never hangs
 * the shell. Prints `value<TAB>description` lines.
 */
export const posixLive = (bin: string): string => `_${bin}_live() {
  local kind=$1 dir f
  shift
  dir=\${BERTH_CACHE_DIR:-\${XDG_CACHE_HOME:-$HOME/.cache}/berth}/completions/default
  f=$dir/$kind
  if [ $# -eq 0 ] && [ -z "\${BERTH_CONTEXT:-}\${BERTH_NATS_URL:-}\${BERTH_PREFIX:-}" ] && [ -f "$f" ] && [ -n "$(find "$f" -mmin -5 2>/dev/null)" ]; then
    cat "$f"
  elif command -v timeout >/dev/null 2>&1; then
    timeout 4 ${bin} __complete "$kind" "$@" 2>/dev/null
  else
    ${bin} __complete "$kind" "$@" 2>/dev/null
  fi
}`;

const engine = (bin: string): string => `${posixLive(bin)}

# Replies for a value spec: words, @kind (live), @=N (live, kind named by argument N), @file.
_${bin}_reply_value() {
  local spec=$1 cur=$2 kind line
  local -a vals=()
  case $spec in
    '') return ;;
    @file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;
    @=*) kind=\${_${bin}_args[\${spec#@=}]:-}; [ -n "$kind" ] || return ;;
    @*) kind=\${spec#@} ;;
    *) COMPREPLY=($(compgen -W "$spec" -- "$cur")); return ;;
  esac
  while IFS= read -r line; do vals+=("\${line%%$'\\t'*}"); done < <(_${bin}_live "$kind" "\${_${bin}_conn[@]}")
  COMPREPLY=($(compgen -W "\${vals[*]}" -- "$cur"))
}

_${bin}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmdpath='' pending='' w i n line
  local -a words=() subs=() flags=()
  _${bin}_args=() _${bin}_conn=()
  COMPREPLY=()
  # bash splits --flag=value at '=' (COMP_WORDBREAKS): join such words back.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    n=\${#words[@]}
    if [ "$w" = = ] && [ $n -gt 0 ] && [[ \${words[n-1]} == -* ]]; then words[n-1]+='='; continue; fi
    if [ $n -gt 0 ] && [[ \${words[n-1]} == -*= ]]; then words[n-1]+=$w; continue; fi
    words+=("$w")
  done
  for w in "\${words[@]}"; do
    if [ -n "$pending" ]; then
      _${bin}_is_conn "$pending" && _${bin}_conn+=("$pending=$w")
      pending=''
      continue
    fi
    case $w in
      -*=*) _${bin}_is_conn "\${w%%=*}" && _${bin}_conn+=("$w"); continue ;;
      -*) [[ $'\\n'$(_${bin}_flags "$cmdpath")$'\\n' == *$'\\n'"$w=:"* ]] && pending=$w; continue ;;
    esac
    if [ \${#_${bin}_args[@]} -eq 0 ] && [[ $'\\n'$(_${bin}_children "$cmdpath") == *$'\\n'"$w:"* ]]; then
      cmdpath=\${cmdpath:+$cmdpath }$w
      continue
    fi
    _${bin}_args+=("$w")
  done
  if [ "$cur" = = ]; then
    _${bin}_reply_value "$(_${bin}_value "$cmdpath" "\${words[\${#words[@]}-1]}")" ''
    return
  fi
  if [ "$prev" = = ] && [ \${#words[@]} -gt 0 ]; then
    w=\${words[\${#words[@]}-1]}
    _${bin}_reply_value "$(_${bin}_value "$cmdpath" "\${w%%=*}")" "$cur"
    return
  fi
  if [ -n "$pending" ]; then _${bin}_reply_value "$(_${bin}_value "$cmdpath" "$pending")" "$cur"; return; fi
  if [[ $cur == -* ]]; then
    while IFS= read -r line; do [ -n "$line" ] && flags+=("\${line%%[=:]*}"); done < <(_${bin}_flags "$cmdpath")
    COMPREPLY=($(compgen -W "\${flags[*]}" -- "$cur"))
    return
  fi
  if [ \${#_${bin}_args[@]} -eq 0 ]; then
    while IFS= read -r line; do [ -n "$line" ] && subs+=("\${line%%:*}"); done < <(_${bin}_children "$cmdpath")
    if [ \${#subs[@]} -gt 0 ]; then COMPREPLY=($(compgen -W "\${subs[*]}" -- "$cur")); return; fi
  fi
  _${bin}_reply_value "$(_${bin}_arg "$cmdpath" \${#_${bin}_args[@]})" "$cur"
}
complete -F _${bin} ${bin}`;

/** The bash completion script for a command tree (bash 4+; bash-completion is not needed). */
export const bashScript = (tree: CommandTree): string => `# ${tree.bin} completion for bash. Install (then open a new shell):
#   ${tree.bin} completion bash > ~/.local/share/bash-completion/completions/${tree.bin}
# or add to ~/.bashrc:  source <(${tree.bin} completion bash)
${posixData(tree)}

${engine(tree.bin)}
`;
