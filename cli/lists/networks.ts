import type { ModelView } from '../../daemon/query/client.js';
import type { Column } from '../output/columns.js';
import { compareText, idMatches } from '../../events/queries.js';
import { NEUTRON_DRIVER } from '../../events/network.js';
import { HOST_WIDTH } from './format-cells.js';

/** One row of `berth networks`: a Docker or Neutron network, or a subnet, router, floating IP or security group. */
export type NetworkRow = Readonly<{
  id: string;
  type: 'network' | 'subnet' | 'router' | 'floatingip' | 'security_group';
  source: 'docker' | 'neutron';
  name: string;
  project: string;
  /** Subnet/floating IP/router: the network it belongs to (gateway/floating network). */
  network: string;
  /** CIDR, floating address, gateway IP; for a network, the CIDRs of its subnets. */
  address: string;
  status: string;
  /** Docker networks: the engine's host. */
  host: string;
  detail: string;
  updatedAt: string;
}>;

export const NETWORK_ROW_TYPES = ['network', 'subnet', 'router', 'floatingip', 'security_group'] as const;

export const networkColumns: Column<NetworkRow>[] = [
  { id: 'type', header: 'Type', get: (r) => r.type },
  { id: 'id', header: 'ID', get: (r) => r.id },
  { id: 'name', header: 'Name', get: (r) => r.name, width: 40 },
  { id: 'source', header: 'Source', get: (r) => r.source },
  { id: 'address', header: 'Address', get: (r) => r.address, width: 40 },
  { id: 'network', header: 'Network', get: (r) => r.network },
  { id: 'status', header: 'Status', get: (r) => r.status },
  { id: 'project', header: 'Project', get: (r) => r.project },
  { id: 'host', header: 'Host', get: (r) => r.host, width: HOST_WIDTH },
  { id: 'detail', header: 'Detail', get: (r) => r.detail, width: 60 },
  { id: 'updated_at', header: 'Updated', get: (r) => r.updatedAt },
];
export const networkDefaults = ['type', 'id', 'name', 'host', 'address', 'status', 'detail'];

export type NetworkFilter = Readonly<{ type?: string | undefined; project?: string | undefined; network?: string | undefined; host?: string | undefined; name?: RegExp | undefined }>;

const ORDER: Readonly<Record<NetworkRow['type'], number>> = { network: 0, subnet: 1, router: 2, floatingip: 3, security_group: 4 };

/** Every network object of the model as rows, networks first, then by name. */
export const networkRows = (view: Pick<ModelView, 'networks' | 'neutron'>, f: NetworkFilter): NetworkRow[] => {
  const cidrs = new Map<string, string[]>();
  for (const r of view.neutron.values()) if (r.resource === 'subnet') cidrs.set(r.networkId, [...(cidrs.get(r.networkId) ?? []), r.address]);
  const rows: NetworkRow[] = [];
  for (const n of view.networks.values()) {
    const neutron = n.driver === NEUTRON_DRIVER;
    rows.push({
      id: n.networkId, type: 'network', source: neutron ? 'neutron' : 'docker', name: n.name, project: n.projectId ?? '', network: '',
      address: (cidrs.get(n.networkId) ?? []).sort().join(' '), status: '', host: neutron ? '' : n.host,
      detail: neutron ? n.scope : `${n.driver}, ${n.scope}`, updatedAt: n.updatedAt,
    });
  }
  for (const r of view.neutron.values()) {
    rows.push({
      id: r.id, type: r.resource, source: 'neutron', name: r.name, project: r.projectId ?? '', network: r.networkId,
      address: r.address, status: r.status, host: '', detail: r.detail, updatedAt: r.updatedAt,
    });
  }
  // The id as given too: a network the model has no row for (the public one of floating IPs) still has its subnets and floating IPs.
  const nets = f.network === undefined ? undefined : new Set([f.network, ...networkIds(rows.filter((r) => r.type === 'network'), f.network)]);
  return rows
    .filter((r) => f.type === undefined || r.type === f.type)
    .filter((r) => f.project === undefined || idMatches(r.project, f.project))
    .filter((r) => nets === undefined || nets.has(r.network) || (r.type === 'network' && nets.has(r.id)))
    .filter((r) => f.host === undefined || r.host === f.host)
    .filter((r) => f.name === undefined || f.name.test(r.name))
    .sort((a, b) => ORDER[a.type] - ORDER[b.type] || compareText(a.name, b.name) || compareText(a.id, b.id));
};

/** The ids of the networks `ref` names: by id, id prefix (3+ characters) or name. */
export const networkIds = (networks: Iterable<Readonly<{ id: string; name: string }>>, ref: string): Set<string> =>
  new Set([...networks].filter((n) => n.name === ref || idMatches(n.id, ref)).map((n) => n.id));

/** Floating IPs associated with a Neutron port, by port id. */
export const floatingIpsByPort = (view: Pick<ModelView, 'neutron'>): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const r of view.neutron.values()) {
    if (r.resource === 'floatingip' && r.portId !== '') out.set(r.portId, [...(out.get(r.portId) ?? []), r.address]);
  }
  return out;
};
