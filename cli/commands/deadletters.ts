import { Flags } from '@oclif/core';
import type { DeadLetter } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags, outputFlags } from '../flags.js';
import { parseAt } from '../list-runner.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { render, toJsonRows } from '../output/format.js';
import { safeJson } from '../output/sanitize.js';

const columns: Column<DeadLetter>[] = [
  { id: 'seq', header: 'Seq', get: (l) => l.seq },
  { id: 'stored_at', header: 'Stored', get: (l) => l.storedAt },
  { id: 'source', header: 'Source', get: (l) => l.source },
  { id: 'reason', header: 'Reason', get: (l) => l.reason, width: 90 },
  { id: 'id', header: 'Id', get: (l) => l.id, width: 40 },
  { id: 'bytes', header: 'Bytes', get: (l) => l.bytes },
  { id: 'head', header: 'Head', get: (l) => (typeof l.letter['head'] === 'string' ? l.letter['head'] : ''), width: 100 },
];
const DEFAULTS = ['seq', 'stored_at', 'source', 'reason', 'id'];

export default class DeadLetters extends BaseCommand {
  static override description = `What the daemons could not store as events, with why: input they could not read (not JSON, an unknown oslo version, a body over 8 MiB, an engine line over 16 MiB) and records too large for one message. Each letter keeps its reason, its id and the first 64 KiB of what came in (secrets redacted); -o json shows it whole.`;
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> deadletters', '<%= config.bin %> deadletters --source openstack --since 1d', '<%= config.bin %> deadletters -o json --limit 1'];
  static override flags = {
    ...connectionFlags,
    ...outputFlags,
    source: Flags.string({ description: 'only letters of this source (docker, openstack, ...)', helpGroup: 'FILTER' }),
    since: Flags.string({ description: 'only letters stored at or after this time (ISO, Unix seconds, or 10m/2h/3d ago)', helpGroup: 'TIME' }),
    limit: Flags.integer({ description: 'only the newest N letters', min: 1, helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(DeadLetters);
    // Stored times are milliseconds (JetStream's clock): compared on the ISO text, cut to them.
    const since = flags.since === undefined ? undefined : parseAt(flags.since, false, '--since').slice(0, 23);
    const client = await this.modelClient(flags);
    let rows: DeadLetter[] = [];
    const limit = flags.limit;
    // With --limit alone only the newest letters are read; with filters, only the newest kept are held.
    await client.deadLetters((l) => {
      if ((flags.source === undefined || l.source === flags.source) && (since === undefined || l.storedAt.slice(0, 23) >= since)) {
        rows.push(l);
        if (limit !== undefined && rows.length > 2 * limit) rows = rows.slice(-limit);
      }
    }, limit !== undefined && flags.source === undefined && since === undefined ? { last: limit } : {});
    if (limit !== undefined) rows = rows.slice(-limit);
    // The stream's source word, and a record letter's own source (an object) under `from`.
    const whole = rows.map((l) => {
      const { source: from, ...rest } = l.letter;
      return { seq: l.seq, storedAt: l.storedAt, source: l.source, ...rest, ...(typeof from === 'object' && from !== null ? { from } : {}) };
    });
    if (this.jsonEnabled()) return whole;
    const format = flags.output as OutputFormat;
    if (format === 'json' && flags.column === undefined) {
      process.stdout.write(`${safeJson(toJsonRows(whole, undefined), 2)}\n`);
      return undefined;
    }
    const cols = selectColumns(columns, flags.column, DEFAULTS);
    process.stdout.write(render(rows, cols, format, { noHeaders: flags['no-headers'], selected: flags.column !== undefined }));
    return undefined;
  }
}
