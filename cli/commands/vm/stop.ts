import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, cloudFlag, vmArg } from '../../actions/flags.js';

export default class VmStop extends ActionCommand {
  static override args = vmArg;
  static override description = 'Stop a VM (Nova os-stop) through the daemon configured for its cloud, and wait until it is SHUTOFF (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> vm stop db-1 --reason 'INC-4711'",
    '<%= config.bin %> vm stop db-1 --cloud prod --dry-run',
  ];
  static override flags = { ...actionFlags, ...cloudFlag };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(VmStop);
    return this.act({ kind: 'vm', action: 'stop', ref: args.vm, flags, options: {} });
  }
}
