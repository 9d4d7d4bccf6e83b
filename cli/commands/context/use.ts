import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { clearDefaultCandidates } from '../../context/completion-cache.js';
import { openContexts } from '../../context/store.js';
import { NotFoundError } from '../../../events/errors.js';
import { UsageError } from '../../output/errors.js';

export default class ContextUse extends BaseCommand {
  static override args = {
    context: Args.string({ description: 'context to make current' }),
  };
  static override description = 'Make a context the current one: every command uses it unless --context, a flag or a BERTH_* variable says otherwise.';
  static override examples = ['<%= config.bin %> context use prod', '<%= config.bin %> context use --none'];
  static override flags = {
    none: Flags.boolean({ description: 'use no context: flags, BERTH_* variables and the defaults only' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ContextUse);
    if ((args.context === undefined) === !flags.none) throw new UsageError('Name one context, or pass --none.', { hint: "See the contexts with 'berth context list'." });
    const db = await openContexts();
    const name = args.context;
    if (name !== undefined && db.data.contexts[name] === undefined) {
      const known = Object.keys(db.data.contexts);
      throw new NotFoundError(`Context '${name}' does not exist.`, { hint: known.length > 0 ? `Known contexts: ${known.join(', ')}.` : "Add one with 'berth context add NAME --nats URL'." });
    }
    await db.update((d) => {
      d.current = name ?? null;
    });
    await clearDefaultCandidates();
    this.log(name === undefined ? 'No context is current now: commands use flags, BERTH_* variables and the defaults.' : `Now using context '${name}'.`);
  }
}
