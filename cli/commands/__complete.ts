import { Args } from '@oclif/core';
import { toLines } from '../../completions/candidates.js';
import { BaseCommand } from '../base-command.js';
import { completeValues } from '../context/complete-values.js';
import { connectionFlags } from '../flags.js';

/** Live values for the shell completion scripts; hidden, and silent on every failure (a TAB must never print an error). */
export default class Complete extends BaseCommand {
  static override args = {
    kind: Args.string({ description: 'host, container, vm, cluster, stack, network, port or context', required: true }),
  };
  static override description = 'Print completion candidates of one kind, one `value<TAB>description` per line (used by the completion scripts).';
  static override flags = { ...connectionFlags };
  static override hidden = true;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Complete);
    const out = toLines(await completeValues(args.kind, flags));
    // A NATS that never answered may leave a socket open: do not wait for it.
    process.stdout.write(out, () => process.exit(0));
  }
}
