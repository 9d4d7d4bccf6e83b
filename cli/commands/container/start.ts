import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, containerArg } from '../../actions/flags.js';
export default class ContainerStart extends ActionCommand {
  static override args = containerArg;
  static override description = 'Start a stopped container, through the daemon that follows its engine (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> container start web-1 --reason 'back after maintenance'",
    '<%= config.bin %> container start 3f2a9c --yes',
  ];
  static override flags = {
    ...actionFlags,
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContainerStart);
    return this.act({ kind: 'container', action: 'start', ref: args.container, flags, options: {} });
  }
}
