import { Flags } from '@oclif/core';
import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, containerArg } from '../../actions/flags.js';
import { signalOption } from '../../actions/signal.js';

export default class ContainerKill extends ActionCommand {
  static override args = containerArg;
  static override description = "Send a signal to a running container's main process (default SIGKILL), through the daemon that follows its engine (recorded: who, why, outcome).";
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> container kill web-1 --yes',
    "<%= config.bin %> container kill web-1 --signal HUP --reason 'reopen logs'",
  ];
  static override flags = {
    ...actionFlags,
    signal: Flags.string({ char: 's', description: 'signal to send: a name (KILL, SIGTERM, HUP) or number (default KILL)', helpGroup: 'ACTION' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContainerKill);
    return this.act({ kind: 'container', action: 'kill', ref: args.container, flags, options: signalOption(flags.signal) });
  }
}
