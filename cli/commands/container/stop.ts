import { Flags } from '@oclif/core';
import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, containerArg } from '../../actions/flags.js';
export default class ContainerStop extends ActionCommand {
  static override args = containerArg;
  static override description = 'Stop a running container (SIGTERM, then SIGKILL after --time seconds), through the daemon that follows its engine (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> container stop web-1 --reason 'INC-4711: leaking memory'",
    '<%= config.bin %> container stop web-1 --time 30 --yes',
  ];
  static override flags = {
    ...actionFlags,
    time: Flags.integer({ char: 't', description: 'seconds to wait after the stop signal before killing (engine default: 10)', min: 0, max: 3600, helpGroup: 'ACTION' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContainerStop);
    return this.act({ kind: 'container', action: 'stop', ref: args.container, flags, options: flags.time === undefined ? {} : { timeSec: flags.time } });
  }
}
