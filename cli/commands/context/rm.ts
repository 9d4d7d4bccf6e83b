import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { clearDefaultCandidates } from '../../context/completion-cache.js';
import { openContexts } from '../../context/store.js';
import { NotFoundError } from '../../../events/errors.js';

export default class ContextRm extends BaseCommand {
  static override aliases = ['context:remove'];
  static override args = {
    context: Args.string({ description: 'context to remove', required: true }),
  };
  static override description = 'Remove a context; credential files and environment variables are left alone.';
  static override examples = ['<%= config.bin %> context rm lab'];

  async run(): Promise<void> {
    const { args } = await this.parse(ContextRm);
    const db = await openContexts();
    const name = args.context;
    if (db.data.contexts[name] === undefined) throw new NotFoundError(`Context '${name}' does not exist.`, { hint: "See the contexts with 'berth context list'." });
    const wasCurrent = db.data.current === name;
    await db.update((d) => {
      delete d.contexts[name];
      if (d.current === name) d.current = null;
    });
    if (wasCurrent) await clearDefaultCandidates();
    this.log(`Context '${name}' removed.${wasCurrent ? ' It was the current one: no context is current now.' : ''}`);
  }
}
