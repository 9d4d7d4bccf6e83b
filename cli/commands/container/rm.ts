import { Flags } from '@oclif/core';
import { ActionCommand } from '../../actions/action-command.js';
import { actionFlags, containerArg } from '../../actions/flags.js';
export default class ContainerRm extends ActionCommand {
  static override args = containerArg;
  static override description = 'Remove a container, through the daemon that follows its engine (recorded: who, why, outcome). A running container needs --force.';
  static override enableJsonFlag = true;
  static override examples = [
    "<%= config.bin %> container rm old-web --reason 'replaced by web-2'",
    '<%= config.bin %> container rm web-1 --force --yes',
  ];
  static override flags = {
    ...actionFlags,
    force: Flags.boolean({ char: 'f', description: 'kill the container first if it is running', helpGroup: 'ACTION' }),
    volumes: Flags.boolean({ char: 'v', description: 'also remove its anonymous volumes', helpGroup: 'ACTION' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContainerRm);
    return this.act({ kind: 'container', action: 'rm', ref: args.container, flags, options: { ...(flags.force ? { force: true } : {}), ...(flags.volumes ? { volumes: true } : {}) } });
  }
}
