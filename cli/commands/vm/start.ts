import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, cloudFlag, vmArg } from '../../actions/flags.js';

export default class VmStart extends ActionCommand {
  static override args = vmArg;
  static override description = 'Start a stopped VM (Nova os-start) through the daemon configured for its cloud, and wait until it is ACTIVE (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> vm start db-1 --reason 'maintenance done'",
    'OS_CLOUD=prod <%= config.bin %> vm start 178b0921 --yes',
  ];
  static override flags = { ...actionFlags, ...cloudFlag };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(VmStart);
    return this.act({ kind: 'vm', action: 'start', ref: args.vm, flags, options: {} });
  }
}
