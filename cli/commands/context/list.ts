import { BaseCommand } from '../../base-command.js';
import { contextColumns, contextRow } from '../../context/describe.js';
import { readContexts } from '../../context/store.js';
import { outputFlags } from '../../flags.js';
import { selectColumns } from '../../output/columns.js';
import type { OutputFormat } from '../../output/format.js';
import { render, toJsonRows } from '../../output/format.js';

export default class ContextList extends BaseCommand {
  static override aliases = ['context:ls'];
  static override description = 'List contexts; the current one is marked with *. Secrets are never shown.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> context list', '<%= config.bin %> context list -o json'];
  static override flags = { ...outputFlags };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(ContextList);
    const data = await readContexts();
    const rows = Object.entries(data.contexts).sort(([a], [b]) => a.localeCompare(b)).map(([name, c]) => contextRow(name, c, data.current));
    const columns = selectColumns(contextColumns, flags.column, contextColumns.map((c) => c.id));
    const explicit = flags.column !== undefined && flags.column.length > 0;
    if (this.jsonEnabled()) return toJsonRows(rows, explicit ? columns : undefined);
    if (rows.length === 0 && flags.output === 'table') {
      this.log("No contexts yet. Add one with 'berth context add NAME --nats URL'.");
      return undefined;
    }
    process.stdout.write(render(rows, columns, flags.output as OutputFormat, { noHeaders: flags['no-headers'], selected: explicit }));
    return undefined;
  }
}
