import { Args, Flags } from '@oclif/core';
import { NotFoundError } from '../../events/errors.js';
import type { EntityKind } from '../../events/inventory.js';
import type { ModelView } from '../../daemon/query/client.js';
import { BaseCommand } from '../base-command.js';
import { atFlag, connectionFlags } from '../flags.js';
import { parseAt } from '../list-runner.js';
import { rememberCandidates } from '../context/completion-cache.js';
import { containerColumns } from '../lists/containers.js';
import { clusterColumns, clusterRows, hostColumns, hostRows, portColumns, portRows } from '../lists/others.js';
import type { Column } from '../output/columns.js';
import { selectColumns } from '../output/columns.js';
import type { OutputFormat } from '../output/format.js';
import { renderOne } from '../output/format.js';
import { stackColumns, vmColumns } from '../lists/openstack.js';
import type { NeutronResource } from '../../events/neutron-resource.js';
import { ambiguousRef, checkRef, hostOf, namesLike } from '../lists/refs.js';

const neutronColumns: Column<NeutronResource>[] = [
  { id: 'id', header: 'ID', get: (r) => r.id },
  { id: 'type', header: 'Type', get: (r) => r.resource },
  { id: 'name', header: 'Name', get: (r) => r.name },
  { id: 'project', header: 'Project', get: (r) => r.projectId ?? '' },
  { id: 'network', header: 'Network', get: (r) => r.networkId },
  { id: 'address', header: 'Address', get: (r) => r.address },
  { id: 'fixed_address', header: 'Fixed/gateway address', get: (r) => r.fixedAddress },
  { id: 'port', header: 'Port', get: (r) => r.portId },
  { id: 'router', header: 'Router', get: (r) => r.routerId },
  { id: 'status', header: 'Status', get: (r) => r.status },
  { id: 'detail', header: 'Detail', get: (r) => r.detail },
  { id: 'updated_at', header: 'Updated', get: (r) => r.updatedAt },
];

const KINDS = ['host', 'container', 'port', 'cluster', 'network', 'vm', 'stack', 'subnet', 'router', 'floatingip', 'security_group'] as const;
const NEUTRON_KINDS: readonly string[] = ['subnet', 'router', 'floatingip', 'security_group'];
type Kind = (typeof KINDS)[number];

/** Finds one entity by exact id, unique id prefix, or unique name. */
const find = (entries: readonly { id: string; name: string; value: unknown }[], kind: Kind, ref: string): unknown => {
  const exact = entries.find((e) => e.id === ref);
  if (exact) return exact.value;
  const matches = entries.filter((e) => e.name === ref || (ref.length >= 3 && e.id.startsWith(ref)));
  if (matches.length === 1) return (matches[0] as { value: unknown }).value;
  if (matches.length > 1) {
    throw ambiguousRef(kind, ref, matches.map((m) => ({ id: m.id, name: m.name, host: hostOf(m.value) })), 'Give more of the id.');
  }
  const list = NEUTRON_KINDS.includes(kind) ? `networks --type ${kind}` : kind === 'container' ? 'containers' : `${kind}s`;
  throw new NotFoundError(`${kind[0]?.toUpperCase()}${kind.slice(1)} '${ref}' is not in the model.`, { hint: `Run 'berth ${list}' to see the known ones${ref.length < 3 ? ' (an id prefix needs 3 characters or more)' : ''}.${namesLike(ref, entries.map((e) => e.name))}` });
};

export const entriesOf = (view: ModelView, kind: Kind): { id: string; name: string; value: unknown }[] => {
  switch (kind) {
    case 'host': return hostRows(view, {}).map((h) => ({ id: h.id, name: h.docker?.name ?? h.id, value: h }));
    case 'container': return [...view.containers.values()].map((c) => ({ id: c.containerId, name: c.name, value: c }));
    // The rows `berth ports` shows: a Neutron port with the floating IPs associated with it.
    case 'port': return portRows(view, {}).map((p) => ({ id: p.id, name: `${p.hostIp}:${p.hostPort}/${p.protocol}`, value: p }));
    case 'cluster': return clusterRows(view, {}).map((c) => ({ id: c.clusterId, name: c.name, value: c }));
    case 'network': return [...view.networks.values()].map((n) => ({ id: n.networkId, name: n.name, value: n }));
    case 'vm': return [...view.vms.values()].map((v) => ({ id: v.vmId, name: v.name, value: v }));
    case 'stack': return [...view.stacks.values()].map((s) => ({ id: s.stackId, name: s.name, value: s }));
    case 'subnet': case 'router': case 'floatingip': case 'security_group':
      return [...view.neutron.values()].filter((r) => r.resource === kind).map((r) => ({ id: r.id, name: r.name || r.address, value: r }));
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
    case 'subnet': case 'router': case 'floatingip': case 'security_group': return neutronColumns as Column<never>[];
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
  static override description = 'Show one host, container, port, cluster, network, VM, stack, subnet, router, floating IP or security group with everything the model knows about it.';
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
    checkRef(kind, args.id);
    const client = await this.modelClient(flags);
    const needs: EntityKind[] = kind === 'host' ? ['host', 'container', 'vm'] : kind === 'cluster' ? ['cluster', 'container', 'vm', 'stack'] : kind === 'port' ? ['port', 'neutron'] : NEUTRON_KINDS.includes(kind) ? ['neutron'] : [kind as EntityKind];
    const view = flags.at === undefined ? await client.load(needs) : await client.loadAt(parseAt(flags.at));
    if (flags.at === undefined) await rememberCandidates(client, view, needs);
    const entity = find(entriesOf(view, kind), kind, args.id);
    if (this.jsonEnabled()) return entity;
    const all = columnsOf(kind);
    const columns = selectColumns(all, flags.column, all.map((c) => c.id));
    process.stdout.write(renderOne(entity as never, columns, flags.output as OutputFormat));
    return undefined;
  }
}
