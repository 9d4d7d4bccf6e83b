import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { contextColumns, contextRow } from '../../context/describe.js';
import { readContexts } from '../../context/store.js';
import { NotFoundError } from '../../../events/errors.js';
import { selectColumns } from '../../output/columns.js';
import type { OutputFormat } from '../../output/format.js';
import { renderOne } from '../../output/format.js';

export default class ContextShow extends BaseCommand {
  static override args = {
    context: Args.string({ description: 'context to show (default: the current one)' }),
  };
  static override description = 'Show a context (the current one by default): where it connects and where its credentials come from, never the secrets.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> context show', '<%= config.bin %> context show prod -o yaml'];
  static override flags = {
    output: Flags.string({ char: 'o', description: 'output format', options: ['table', 'json', 'yaml', 'csv', 'value'], default: 'table', env: 'BERTH_OUTPUT', helpGroup: 'OUTPUT' }),
    column: Flags.string({ char: 'c', description: 'field to show (repeatable)', multiple: true, helpGroup: 'OUTPUT' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(ContextShow);
    const data = await readContexts();
    const name = args.context ?? process.env['BERTH_CONTEXT'] ?? data.current;
    if (name === null) throw new NotFoundError('No context is current: commands use flags, BERTH_* variables and the defaults.', { hint: "Pick one with 'berth context use NAME' ('berth context list' shows them)." });
    const ctx = data.contexts[name];
    if (ctx === undefined) throw new NotFoundError(`Context '${name}' does not exist.`, { hint: "See the contexts with 'berth context list'." });
    const row = contextRow(name, ctx, data.current);
    if (this.jsonEnabled()) return row;
    const columns = selectColumns(contextColumns.filter((c) => c.id !== 'current'), flags.column, contextColumns.filter((c) => c.id !== 'current').map((c) => c.id));
    process.stdout.write(renderOne(row, columns, flags.output as OutputFormat));
    return undefined;
  }
}
