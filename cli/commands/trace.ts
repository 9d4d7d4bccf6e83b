import { Args } from '@oclif/core';
import { NotFoundError } from '../../events/errors.js';
import type { EntityKind } from '../../events/inventory.js';
import type { TraceLink } from '../../events/trace.js';
import { traceOf } from '../../events/trace.js';
import { MAPS } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags, outputFlags } from '../flags.js';
import { parseAt } from '../list-runner.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { render } from '../output/format.js';
import { safeText } from '../output/sanitize.js';
import { ambiguousRef, checkRef, hostOf } from '../lists/refs.js';

const KINDS = ['container', 'vm', 'cluster', 'host'] as const;
const ALL: EntityKind[] = ['host', 'container', 'vm', 'cluster', 'stack', 'port'];
const columns: Column<TraceLink>[] = [
  { id: 'relation', header: 'Relation', get: (l) => l.relation },
  { id: 'kind', header: 'Kind', get: (l) => l.kind },
  { id: 'id', header: 'ID', get: (l) => l.id, width: 40 },
  { id: 'name', header: 'Name', get: (l) => l.name, width: 40 },
  { id: 'state', header: 'State', get: (l) => l.state },
];

export default class Trace extends BaseCommand {
  static override args = {
    kind: Args.string({ description: 'kind of entity', options: [...KINDS], required: true }),
    id: Args.string({ description: 'id, unique id prefix (3+ characters) or unique name', required: true }),
  };
  static override description = 'The chain across worlds: the host a container or VM runs on, its ports (Docker, Neutron, Kuryr), the cluster it belongs to and the Heat stack behind it.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> trace container nova_compute', '<%= config.bin %> trace vm lab-cluster-abc-master-0', '<%= config.bin %> trace cluster lab-cluster --at 1h'];
  static override flags = { ...connectionFlags, ...outputFlags, ...atFlag };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Trace);
    const kind = args.kind as (typeof KINDS)[number];
    checkRef(kind, args.id);
    const client = await this.modelClient(flags);
    const view = flags.at === undefined ? await client.load(ALL) : await client.loadAt(parseAt(flags.at));
    const map = view[MAPS[kind]] as Map<string, { name?: string }>;
    const ids = map.has(args.id) ? [args.id] : [...map.entries()].filter(([k, v]) => v.name === args.id || (args.id.length >= 3 && k.startsWith(args.id))).map(([k]) => k);
    if (ids.length > 1) throw ambiguousRef(kind, args.id, ids.map((k) => ({ id: k, name: map.get(k)?.name, host: hostOf(map.get(k)) })), 'Give more of the id.');
    if (ids.length === 0) throw new NotFoundError(`${kind} '${args.id}' is not in the model.`, { hint: `Run 'berth ${kind === 'vm' ? 'vms' : kind === 'host' ? 'hosts' : kind === 'cluster' ? 'clusters' : 'containers'}' to see the known ones.` });
    const id = ids[0] as string;
    const links = traceOf(view, kind, id);
    if (this.jsonEnabled()) return { kind, id, links };
    this.log(safeText(`${kind} ${id}${map.get(id)?.name ? ` (${map.get(id)?.name ?? ''})` : ''}`));
    process.stdout.write(render(links, selectColumns(columns, flags.column, columns.map((c) => c.id)), flags.output as OutputFormat, { noHeaders: flags['no-headers'] }));
    return undefined;
  }
}
