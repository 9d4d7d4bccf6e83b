import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, cloudFlag, vmArg } from '../../actions/flags.js';

export default class VmReboot extends ActionCommand {
  static override args = vmArg;
  static override description = 'Reboot a VM (Nova soft reboot) through the daemon configured for its cloud, and wait until it is ACTIVE again (recorded: who, why, outcome).';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> vm reboot db-1 --reason 'kernel update'",
    '<%= config.bin %> vm reboot db-1 --yes --json',
  ];
  static override flags = { ...actionFlags, ...cloudFlag };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(VmReboot);
    return this.act({ kind: 'vm', action: 'reboot', ref: args.vm, flags, options: {} });
  }
}
