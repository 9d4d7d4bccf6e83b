import { Args } from '@oclif/core';
import { completionScript, SHELLS } from '../../completions/script.js';
import type { Shell } from '../../completions/script.js';
import { treeFromCommands } from '../../completions/tree.js';
import { BaseCommand } from '../base-command.js';

export default class Completion extends BaseCommand {
  static override args = {
    shell: Args.string({ description: 'shell to print the script for', options: [...SHELLS], required: true }),
  };
  static override description = `Print the shell completion script: commands, flags, fixed flag values, and live ids and names from the model.

Live values come from a cache that every list and get refreshes; when it is missing or older than 5 minutes, the script asks 'berth __complete', which never waits more than a few seconds for NATS.`;
  static override examples = [
    '<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/berth',
    '<%= config.bin %> completion zsh > "${fpath[1]}/_berth"',
    '<%= config.bin %> completion fish > ~/.config/fish/completions/berth.fish',
  ];

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    process.stdout.write(completionScript(args.shell as Shell, treeFromCommands(this.config.bin, this.config.commands)));
  }
}
