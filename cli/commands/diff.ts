import { Flags } from '@oclif/core';
import type { FieldChange } from '../../events/field-diff.js';
import { fieldDiff } from '../../events/field-diff.js';
import type { EntityKind } from '../../events/inventory.js';
import { MAPS } from '../../daemon/query/client.js';
import type { ModelView } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { connectionFlags, outputFlags } from '../flags.js';
import { parseAt, requireOrdered } from '../list-runner.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { render, toJsonRows } from '../output/format.js';

/** One entity that appeared, vanished or changed between two times. */
export type DiffRow = { change: 'appeared' | 'vanished' | 'changed'; kind: EntityKind; id: string; name: string; fields: FieldChange[] };

const KINDS: readonly EntityKind[] = ['host', 'vm', 'container', 'cluster', 'stack', 'network', 'port', 'neutron'];
const nameOf = (v: unknown): string => {
  const o = (v ?? {}) as { name?: unknown; containerName?: unknown };
  return typeof o.name === 'string' ? o.name : typeof o.containerName === 'string' ? o.containerName : '';
};

/** Pure: what differs between two views of the model, kind by kind. */
export const diffViews = (a: ModelView, b: ModelView, kinds: readonly EntityKind[] = KINDS): DiffRow[] => {
  const out: DiffRow[] = [];
  for (const kind of kinds) {
    const from = a[MAPS[kind]] as Map<string, unknown>;
    const to = b[MAPS[kind]] as Map<string, unknown>;
    for (const [id, v] of to) {
      if (!from.has(id)) out.push({ change: 'appeared', kind, id, name: nameOf(v), fields: [] });
      else {
        const fields = fieldDiff(from.get(id), v);
        if (fields.length > 0) out.push({ change: 'changed', kind, id, name: nameOf(v), fields });
      }
    }
    for (const [id, v] of from) if (!to.has(id)) out.push({ change: 'vanished', kind, id, name: nameOf(v), fields: [] });
  }
  return out;
};

const show = (v: unknown): string => (v === undefined || v === null ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
const columns: Column<DiffRow>[] = [
  { id: 'change', header: 'Change', get: (r) => r.change },
  { id: 'kind', header: 'Kind', get: (r) => r.kind },
  { id: 'id', header: 'ID', get: (r) => r.id, width: 40 },
  { id: 'name', header: 'Name', get: (r) => r.name, width: 30 },
  { id: 'fields', header: 'Fields (from → to)', get: (r) => r.fields.map((f) => `${f.path}: ${show(f.before)} → ${show(f.after)}`), width: 100 },
];

export default class Diff extends BaseCommand {
  static override description = 'What appeared, vanished and changed in the model between two times.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> diff --from 2026-11-23T03:00 --to 2026-11-23T03:15', '<%= config.bin %> diff --from 1h', '<%= config.bin %> diff --from 2d --to 1d --kind vm -o json'];
  static override flags = {
    ...connectionFlags, ...outputFlags,
    from: Flags.string({ description: 'the earlier time (ISO, Unix seconds, or 10m/2h/3d ago)', required: true, helpGroup: 'TIME' }),
    to: Flags.string({ description: 'the later time (default: now)', default: 'now', helpGroup: 'TIME' }),
    kind: Flags.string({ description: 'only this kind of entity (repeatable)', multiple: true, options: [...KINDS], helpGroup: 'FILTER' }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parse(Diff);
    const from = parseAt(flags.from, false, '--from');
    const to = parseAt(flags.to, false, '--to');
    requireOrdered('--from', from, '--to', to);
    const client = await this.modelClient(flags);
    const [a, b] = [await client.loadAt(from), await client.loadAt(to)];
    const rows = diffViews(a, b, (flags.kind as EntityKind[] | undefined) ?? KINDS);
    if (this.jsonEnabled()) return toJsonRows(rows, undefined);
    const cols = selectColumns(columns, flags.column, columns.map((c) => c.id));
    process.stdout.write(render(rows, cols, flags.output as OutputFormat, { noHeaders: flags['no-headers'], selected: flags.column !== undefined }));
    return undefined;
  }
}
