import { Flags } from '@oclif/core';
import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, containerArg } from '../../actions/flags.js';
export default class ContainerRestart extends ActionCommand {
  static override args = containerArg;
  static override description = 'Restart a container (stop, then start), through the daemon that follows its engine (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> container restart web-1 --reason 'config reload'",
    '<%= config.bin %> container restart web-1 --dry-run',
  ];
  static override flags = {
    ...actionFlags,
    time: Flags.integer({ char: 't', description: 'seconds to wait after the stop signal before killing (engine default: 10)', min: 0, max: 3600, helpGroup: 'ACTION' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContainerRestart);
    return this.act({ kind: 'container', action: 'restart', ref: args.container, flags, options: flags.time === undefined ? {} : { timeSec: flags.time } });
  }
}
