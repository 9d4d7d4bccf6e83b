import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import type { CommandTree } from './tree.js';
import { zshScript } from './zsh.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The completion script of a shell for a command tree. Pure: the same tree gives the same bytes. */
export const completionScript = (shell: Shell, tree: CommandTree): string => {
  switch (shell) {
    case 'bash': return bashScript(tree);
    case 'zsh': return zshScript(tree);
    case 'fish': return fishScript(tree);
  }
};
