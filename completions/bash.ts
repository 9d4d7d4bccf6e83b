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
    timeout 10 ${bin} __complete "$kind" "$@" 2>/dev/null
  else
    ${bin} __complete "$kind" "$@" 2>/dev/null
  fi
}`;

const engine = (bin: string): string => `${posixLive(bin)}

# Bash replaces only the part of the word after its last COMP_WORDBREAKS character (=, : and @
# by default): cut that much from the whole words in COMPREPLY.
_${bin}_trim() {
  local word=$1 chars='' cut='' i
  [[ \${COMP_WORDBREAKS-} == *=* ]] && chars+='='
  [[ \${COMP_WORDBREAKS-} == *:* ]] && chars+=':'
  [[ \${COMP_WORDBREAKS-} == *@* ]] && chars+='@'
  [ -n "$chars" ] && cut=\${word%"\${word##*[$chars]}"}
  [ -n "$cut" ] || return 0
  for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=\${COMPREPLY[i]#"$cut"}; done
}

# Replies for a value spec (words, @kind live, @=N live of the kind named by argument N, @file),
# completing $2, each reply prefixed with $3 (the '--flag=' of a joined flag).
_${bin}_reply_value() {
  local spec=$1 cur=$2 prefix=\${3-} kind line i
  local -a vals=()
  case $spec in
    '') return ;;
    @file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    @*)
      if [[ $spec == @=* ]]; then kind=\${_${bin}_args[\${spec#@=}]:-}; else kind=\${spec#@}; fi
      [ -n "$kind" ] || return
      while IFS= read -r line; do vals+=("\${line%%$'\\t'*}"); done < <(_${bin}_live "$kind" "\${_${bin}_conn[@]}")
      COMPREPLY=($(compgen -W "\${vals[*]}" -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$spec" -- "$cur")) ;;
  esac
  if [ -n "$prefix" ]; then for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=$prefix\${COMPREPLY[i]}; done; fi
  _${bin}_trim "$prefix$cur"
}

_${bin}() {
  local line=\${COMP_LINE:0:COMP_POINT} cur='' cmdpath='' pending='' w
  local -a words=() subs=() flags=()
  _${bin}_args=() _${bin}_conn=()
  COMPREPLY=()
  # Words from the line itself: COMP_WORDS is split at '=' and ':' too, which URLs are full of.
  read -ra words <<< "$line"
  if [ \${#words[@]} -gt 0 ] && [[ $line != *[[:space:]] ]]; then
    cur=\${words[\${#words[@]}-1]}
    unset 'words[\${#words[@]}-1]'
  fi
  for w in "\${words[@]:1}"; do
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
  if [ -n "$pending" ]; then _${bin}_reply_value "$(_${bin}_value "$cmdpath" "$pending")" "$cur"; return; fi
  if [[ $cur == -*=* ]]; then _${bin}_reply_value "$(_${bin}_value "$cmdpath" "\${cur%%=*}")" "\${cur#*=}" "\${cur%%=*}="; return; fi
  if [[ $cur == -* ]]; then
    while IFS= read -r w; do [ -n "$w" ] && flags+=("\${w%%[=:]*}"); done < <(_${bin}_flags "$cmdpath")
    COMPREPLY=($(compgen -W "\${flags[*]}" -- "$cur"))
    return
  fi
  if [ \${#_${bin}_args[@]} -eq 0 ]; then
    while IFS= read -r w; do [ -n "$w" ] && subs+=("\${w%%:*}"); done < <(_${bin}_children "$cmdpath")
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
