import type { Cluster } from '../../events/cluster.js';
import type { Host } from '../../events/host.js';
import type { Port } from '../../events/port.js';
import { clusterContainers, clusterMembers, clustersOf, compareText, hostsOf, idMatches, openStackHostOf, portsOf, servicesSummary } from '../../events/queries.js';
import type { ModelView } from '../../daemon/query/client.js';
import type { Column } from '../output/columns.js';
import { HOST_WIDTH, shortId } from './format-cells.js';
import { floatingIpsByPort, networkIds } from './networks.js';

/** A host row with counts derived from the containers and VMs on it. */
export type HostRow = Host & { kind: string; containers: number; running: number; vms: number; azs: string[]; /** Its OpenStack services' health (`3 up`, `down: nova-compute`), from the APIs. */ health: string };

export const hostColumns: Column<HostRow>[] = [
  { id: 'id', header: 'Host', get: (h) => h.id, width: HOST_WIDTH },
  { id: 'kind', header: 'Kind', get: (h) => h.kind },
  { id: 'reachable', header: 'Reachable', get: (h) => h.reachable },
  { id: 'containers', header: 'Containers', get: (h) => h.containers },
  { id: 'running', header: 'Running', get: (h) => h.running },
  { id: 'vms', header: 'VMs', get: (h) => h.vms },
  { id: 'az', header: 'AZ', get: (h) => h.azs },
  { id: 'openstack', header: 'OpenStack services', get: (h) => h.health, width: 50 },
  { id: 'engine_version', header: 'Engine', get: (h) => h.docker?.version ?? '' },
  { id: 'api_version', header: 'API', get: (h) => h.docker?.apiVersion ?? '' },
  { id: 'endpoint', header: 'Endpoint', get: (h) => h.docker?.endpoint ?? '' },
  { id: 'hostname', header: 'Hostname', get: (h) => h.docker?.name ?? '' },
  { id: 'engine_id', header: 'Engine ID', get: (h) => h.docker?.engineId ?? '' },
  { id: 'os', header: 'OS', get: (h) => h.docker?.os ?? '' },
  { id: 'cpus', header: 'CPUs', get: (h) => h.docker?.ncpu ?? null },
  { id: 'memory', header: 'Memory', get: (h) => h.docker?.memTotal ?? null },
  { id: 'swarm', header: 'Swarm', get: (h) => (h.docker?.swarm ? `${h.docker.swarm.state}${h.docker.swarm.controlAvailable ? ' (manager)' : ''}` : '') },
  { id: 'last_error', header: 'Last error', get: (h) => h.lastError ?? '', width: 60 },
  { id: 'updated_at', header: 'Updated', get: (h) => h.updatedAt },
];
export const hostDefaults = ['id', 'kind', 'reachable', 'containers', 'running', 'vms', 'openstack', 'engine_version', 'endpoint', 'swarm'];

/**
 * Docker hosts and compute hosts in one list: a compute host is known from the VMs on it (its
 * Nova `host`); one physical host that is both shows once, with both counts.
 */
export type HostFilter = Readonly<{ state?: string | undefined; name?: RegExp | undefined; kind?: string | undefined; az?: string | undefined }>;

export const hostRows = (view: ModelView, f: HostFilter): HostRow[] => {
  const all = new Map<string, Host>(hostsOf(view).map((h) => [h.id, h]));
  for (const v of view.vms.values()) {
    if (v.host && !all.has(v.host)) all.set(v.host, { id: v.host, docker: null, reachable: true, lastError: null, updatedAt: v.updatedAt, seq: 0 });
  }
  // Grouped once: a pass over every container and VM per host took seconds with 100k entities.
  const containersOn = groupBy(view.containers.values(), (c) => c.host);
  const vmsOn = groupBy(view.vms.values(), (v) => v.host);
  return [...all.values()]
    .filter((h) => (f.name === undefined || f.name.test(h.id)) && (f.state === undefined || (f.state === 'reachable') === h.reachable))
    .sort((a, b) => compareText(a.id, b.id))
    .map((h) => {
      const mine = containersOn.get(h.id) ?? [];
      const onHost = vmsOn.get(h.id) ?? [];
      const azs = [...new Set(onHost.map((v) => v.availabilityZone ?? '').filter(Boolean))].sort();
      const kind = [h.docker ? 'docker' : '', onHost.length > 0 ? 'compute' : h.openstack ? 'openstack' : ''].filter(Boolean).join('+') || 'unknown';
      return { ...h, kind, containers: mine.length, running: mine.filter((c) => c.state === 'running').length, vms: onHost.length, azs, health: servicesSummary(openStackHostOf(view, h.id)) };
    })
    // The KIND column's words: docker, compute (VMs run there), openstack (any OpenStack host, compute ones too).
    .filter((h) => f.kind === undefined || (f.kind === 'docker' ? h.docker !== null : f.kind === 'compute' ? h.vms > 0 : h.openstack !== undefined || h.vms > 0))
    .filter((h) => f.az === undefined || h.azs.includes(f.az));
};

/** `items` by `key`, each group in the order of `items`. */
const groupBy = <T, K>(items: Iterable<T>, key: (x: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const x of items) {
    const k = key(x);
    const g = out.get(k);
    if (g === undefined) out.set(k, [x]);
    else g.push(x);
  }
  return out;
};

export const portColumns: Column<PortRow>[] = [
  { id: 'host', header: 'Host', get: (p) => p.host, width: HOST_WIDTH },
  { id: 'host_ip', header: 'Host IP', get: (p) => p.hostIp },
  { id: 'host_port', header: 'Host port', get: (p) => p.hostPort },
  { id: 'protocol', header: 'Proto', get: (p) => p.protocol },
  { id: 'container_port', header: 'Container port', get: (p) => p.containerPort },
  { id: 'container', header: 'Container', get: (p) => p.containerName },
  { id: 'container_id', header: 'Container ID', get: (p) => shortId(p.containerId) },
  { id: 'kind', header: 'Kind', get: (p) => p.kind },
  { id: 'id', header: 'ID', get: (p) => p.id },
  { id: 'holder', header: 'Held by', get: (p) => holderOf(p) },
  { id: 'status', header: 'Status', get: (p) => p.neutron?.status ?? '' },
  { id: 'network', header: 'Network', get: (p) => p.neutron?.networkId ?? '' },
  { id: 'fixed_ips', header: 'Fixed IPs', get: (p) => (p.neutron?.fixedIps ?? []).map((i) => i.ipAddress) },
  { id: 'mac', header: 'MAC', get: (p) => p.neutron?.macAddress ?? '' },
  { id: 'device_owner', header: 'Device owner', get: (p) => p.neutron?.deviceOwner ?? '' },
  { id: 'device_id', header: 'Device ID', get: (p) => p.neutron?.deviceId ?? '' },
  { id: 'binding_host', header: 'Binding host', get: (p) => p.neutron?.bindingHost ?? '' },
  { id: 'project', header: 'Project', get: (p) => p.neutron?.projectId ?? '' },
  { id: 'floating_ips', header: 'Floating IPs', get: (p) => p.floatingIps ?? [] },
];
export const portDefaults = ['kind', 'host', 'host_ip', 'host_port', 'protocol', 'container_port', 'holder', 'status'];

/**
 * `container web`, `vm <uuid>`, `router <id>`, `floatingip <id>`: what holds a port, Docker or
 * Neutron. A port of Neutron's own that is no router's or DHCP's (`network:floatingip`,
 * `network:router_gateway` is a router's) is named by its device_owner without `network:`, not as
 * "network" (a floating IP's port read "held by network"); an unknown owner by its device_owner.
 */
export const holderOf = (p: Port): string => {
  if (p.neutron === undefined) return `container ${p.containerName || shortId(p.containerId)}`;
  const n = p.neutron;
  const what = n.ownerKind === 'network' || n.ownerKind === 'other' ? n.deviceOwner.replace(/^network:/, '') || n.ownerKind : n.ownerKind;
  return n.deviceId === '' ? what : `${what} ${n.deviceId}`;
};

/** A port with the floating IPs associated with it (Neutron ports only). */
export type PortRow = Port & { floatingIps?: string[] };

export type PortFilter = Readonly<{
  host?: string | undefined; container?: string | undefined; device?: string | undefined; network?: string | undefined;
  project?: string | undefined; state?: string | undefined; kind?: string | undefined;
}>;

export const portRows = (view: Pick<ModelView, 'ports' | 'neutron'> & Partial<Pick<ModelView, 'networks'>>, f: PortFilter): PortRow[] => {
  const fips = floatingIpsByPort(view);
  // A network by id, id prefix or name (the model's networks, Neutron's among them), or the id as given.
  const nets = f.network === undefined ? undefined : new Set([f.network, ...networkIds([...(view.networks?.values() ?? [])].map((n) => ({ id: n.networkId, name: n.name })), f.network)]);
  return portsOf(view, f.host === undefined ? {} : { host: f.host })
    .filter((p) => f.container === undefined || (p.neutron === undefined && (p.containerName === f.container || p.containerId.startsWith(f.container))) || (p.neutron?.ownerKind === 'container' && p.neutron.deviceId.startsWith(f.container)))
    .filter((p) => f.device === undefined || (p.neutron?.deviceId ?? '').startsWith(f.device))
    .filter((p) => nets === undefined || nets.has(p.neutron?.networkId ?? ''))
    .filter((p) => f.project === undefined || idMatches(p.neutron?.projectId, f.project))
    .filter((p) => f.state === undefined || (p.neutron?.status ?? '').toLowerCase() === f.state.toLowerCase())
    .filter((p) => f.kind === undefined || p.kind === f.kind)
    .map((p) => (p.neutron !== undefined && fips.has(p.id) ? { ...p, floatingIps: fips.get(p.id) as string[] } : p));
};

/** Magnum's status (`CREATE_COMPLETE`, ...), or `ready`/`degraded` for a swarm from its nodes. */
export const clusterStatus = (c: Cluster): string => c.magnum?.status ?? (c.nodes.every((n) => n.state === 'ready') ? 'ready' : 'degraded');

/** A cluster row with the member containers it links to through its tasks. */
export type ClusterRow = Cluster & { members: string[]; running: number };

export const clusterColumns: Column<ClusterRow>[] = [
  { id: 'id', header: 'Cluster ID', get: (c) => c.clusterId },
  { id: 'name', header: 'Name', get: (c) => c.name },
  { id: 'kind', header: 'Kind', get: (c) => c.kind },
  { id: 'status', header: 'Status', get: (c) => clusterStatus(c) },
  { id: 'reason', header: 'Reason', get: (c) => c.magnum?.statusReason ?? '', width: 60 },
  { id: 'manager', header: 'Manager', get: (c) => c.managerHost },
  { id: 'node_count', header: 'Node count', get: (c) => (c.magnum ? `${c.magnum.masterCount}+${c.magnum.nodeCount}` : String(c.nodes.length)) },
  { id: 'stack', header: 'Stack', get: (c) => c.magnum?.stackId ?? '' },
  { id: 'nodes', header: 'Nodes', get: (c) => c.nodes.map((n) => `${n.hostname}(${n.role}${n.leader ? ',leader' : ''},${n.availability},${n.state})`) },
  { id: 'services', header: 'Services', get: (c) => c.services.map((s) => `${s.name}:${s.replicas ?? 'global'}`) },
  { id: 'running_tasks', header: 'Running tasks', get: (c) => c.running },
  // A swarm's task containers, a Magnum cluster's VMs.
  { id: 'members', header: 'Members', get: (c) => c.members, width: 80 },
  { id: 'updated_at', header: 'Updated', get: (c) => c.updatedAt },
];
export const clusterDefaults = ['id', 'name', 'kind', 'status', 'node_count', 'services', 'running_tasks', 'members'];

export type ClusterFilter = Readonly<{ name?: RegExp | undefined; project?: string | undefined; state?: string | undefined; kind?: string | undefined }>;

export const clusterRows = (view: ModelView, f: ClusterFilter): ClusterRow[] =>
  clustersOf(view)
    .filter((c) => f.name === undefined || f.name.test(c.name))
    .filter((c) => f.project === undefined || idMatches(c.magnum?.projectId, f.project))
    .filter((c) => f.kind === undefined || c.kind === f.kind)
    .filter((c) => f.state === undefined || clusterStatus(c).toLowerCase() === f.state.toLowerCase())
    .map((c) => ({
      ...c,
      // Swarm: the task containers; Magnum: the VMs of its Heat stack (by name) or its addresses.
      members: c.kind === 'magnum' ? clusterMembers(view, c).map((v) => v.name) : clusterContainers(view, c).map((x) => x.name).sort(),
      running: c.tasks.filter((t) => t.state === 'running').length,
    }));
