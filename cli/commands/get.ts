import { Args, Flags } from '@oclif/core';
import { NotFoundError } from '../../events/errors.js';
import type { EntityKind } from '../../events/inventory.js';
import type { ModelView } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags } from '../flags.js';
import { parseAt } from '../list-runner.js';
import { containerColumns } from '../lists/containers.js';
import { clusterColumns, clusterRows, hostColumns, hostRows, portColumns } from '../lists/others.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { renderOne } from '../output/format.js';
import { UsageError } from '../output/errors.js';
import { stackColumns, vmColumns } from '../lists/openstack.js';

const KINDS = ['host', 'container', 'port', 'cluster', 'network', 'vm', 'stack'] as const;
type Kind = (typeof KINDS)[number];

/** Finds one entity by exact id, unique id prefix, or unique name. */
const find = (entries: readonly { id: string; name: string; value: unknown }[], kind: Kind, ref: string): unknown => {
  const exact = entries.find((e) => e.id === ref);
  if (exact) return exact.value;
  const matches = entries.filter((e) => e.name === ref || (ref.length >= 3 && e.id.startsWith(ref)));
  if (matches.length === 1) return (matches[0] as { value: unknown }).value;
  if (matches.length > 1) {
    throw new UsageError(`'${ref}' matches ${matches.length} ${kind}s: ${matches.slice(0, 5).map((m) => m.id.slice(0, 12)).join(', ')}.`, { hint: 'Give more of the id.' });
  }
  throw new NotFoundError(`${kind[0]?.toUpperCase()}${kind.slice(1)} '${ref}' is not in the model.`, { hint: `Run 'berth ${kind === 'container' ? 'containers' : kind + 's'}' to see the known ones.` });
};

const entriesOf = (view: ModelView, kind: Kind): { id: string; name: string; value: unknown }[] => {
  switch (kind) {
    case 'host': return hostRows(view, {}).map((h) => ({ id: h.id, name: h.docker?.name ?? h.id, value: h }));
    case 'container': return [...view.containers.values()].map((c) => ({ id: c.containerId, name: c.name, value: c }));
    case 'port': return [...view.ports.values()].map((p) => ({ id: p.id, name: `${p.hostIp}:${p.hostPort}/${p.protocol}`, value: p }));
    case 'cluster': return clusterRows(view, {}).map((c) => ({ id: c.clusterId, name: c.name, value: c }));
    case 'network': return [...view.networks.values()].map((n) => ({ id: n.networkId, name: n.name, value: n }));
    case 'vm': return [...view.vms.values()].map((v) => ({ id: v.vmId, name: v.name, value: v }));
    case 'stack': return [...view.stacks.values()].map((s) => ({ id: s.stackId, name: s.name, value: s }));
  }
};

const columnsOf = (kind: Kind): readonly Column<never>[] => {
  switch (kind) {
    case 'host': return hostColumns as Column<never>[];
    case 'container': return containerColumns as Column<never>[];
    case 'port': return portColumns as Column<never>[];
    case 'cluster': return clusterColumns as Column<never>[];
    case 'vm': return vmColumns as Column<never>[];
    case 'stack': return stackColumns as Column<never>[];
    case 'network': return [
      { id: 'id', header: 'Network ID', get: (n: { networkId: string }) => n.networkId },
      { id: 'name', header: 'Name', get: (n: { name: string }) => n.name },
      { id: 'driver', header: 'Driver', get: (n: { driver: string }) => n.driver },
      { id: 'scope', header: 'Scope', get: (n: { scope: string }) => n.scope },
      { id: 'host', header: 'Host', get: (n: { host: string }) => n.host },
    ] as Column<never>[];
  }
};

export default class Get extends BaseCommand {
  static override args = {
    kind: Args.string({ description: 'what to show', options: [...KINDS], required: true }),
    id: Args.string({ description: 'id, unique id prefix (3+ characters) or unique name', required: true }),
  };
  static override description = 'Show one host, container, port, cluster, network, VM or stack with everything the model knows about it.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> get container web-1', '<%= config.bin %> get host web1 -o yaml', '<%= config.bin %> get cluster qo1zcik427zs --json'];
  static override flags = {
    ...connectionFlags, ...atFlag,
    output: Flags.string({ char: 'o', description: 'output format', options: ['table', 'json', 'yaml', 'csv', 'value'], default: 'table', env: 'BERTH_OUTPUT', helpGroup: 'OUTPUT' }),
    column: Flags.string({ char: 'c', description: 'field to show (repeatable)', multiple: true, helpGroup: 'OUTPUT' }),
  };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(Get);
    const kind = args.kind as Kind;
    const client = await this.modelClient(flags);
    const needs: EntityKind[] = kind === 'host' ? ['host', 'container', 'vm'] : kind === 'cluster' ? ['cluster', 'container', 'vm', 'stack'] : [kind];
    const view = flags.at === undefined ? await client.load(needs) : await client.loadAt(parseAt(flags.at));
    const entity = find(entriesOf(view, kind), kind, args.id);
    if (this.jsonEnabled()) return entity;
    const all = columnsOf(kind);
    const columns = selectColumns(all, flags.column, all.map((c) => c.id));
    process.stdout.write(renderOne(entity as never, columns, flags.output as OutputFormat));
    return undefined;
  }
}
