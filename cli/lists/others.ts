import type { Cluster } from '../../events/cluster.js';
import type { Host } from '../../events/host.js';
import type { Port } from '../../events/port.js';
import { clusterContainers, clustersOf, hostsOf, portsOf } from '../../events/queries.js';
import type { ModelView } from '../../daemon/query/client.js';
import type { Column } from '../output/columns.js';
import { shortId } from './format-cells.js';

/** A host row with counts derived from the containers on it. */
export type HostRow = Host & { containers: number; running: number };

export const hostColumns: Column<HostRow>[] = [
  { id: 'id', header: 'Host', get: (h) => h.id },
  { id: 'kind', header: 'Kind', get: (h) => (h.docker ? 'docker' : 'unknown') },
  { id: 'reachable', header: 'Reachable', get: (h) => h.reachable },
  { id: 'containers', header: 'Containers', get: (h) => h.containers },
  { id: 'running', header: 'Running', get: (h) => h.running },
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
export const hostDefaults = ['id', 'kind', 'reachable', 'containers', 'running', 'engine_version', 'endpoint', 'swarm'];

export const hostRows = (view: ModelView, f: Readonly<{ state?: string | undefined; name?: RegExp | undefined }>): HostRow[] =>
  hostsOf(view)
    .filter((h) => (f.name === undefined || f.name.test(h.id)) && (f.state === undefined || (f.state === 'reachable') === h.reachable))
    .map((h) => {
      const mine = [...view.containers.values()].filter((c) => c.host === h.id);
      return { ...h, containers: mine.length, running: mine.filter((c) => c.state === 'running').length };
    });

export const portColumns: Column<Port>[] = [
  { id: 'host', header: 'Host', get: (p) => p.host },
  { id: 'host_ip', header: 'Host IP', get: (p) => p.hostIp },
  { id: 'host_port', header: 'Host port', get: (p) => p.hostPort },
  { id: 'protocol', header: 'Proto', get: (p) => p.protocol },
  { id: 'container_port', header: 'Container port', get: (p) => p.containerPort },
  { id: 'container', header: 'Container', get: (p) => p.containerName },
  { id: 'container_id', header: 'Container ID', get: (p) => shortId(p.containerId) },
  { id: 'kind', header: 'Kind', get: (p) => p.kind },
  { id: 'id', header: 'ID', get: (p) => p.id },
];
export const portDefaults = ['host', 'host_ip', 'host_port', 'protocol', 'container_port', 'container', 'container_id'];

export const portRows = (view: ModelView, f: Readonly<{ host?: string | undefined; container?: string | undefined }>): Port[] =>
  portsOf(view, f.host === undefined ? {} : { host: f.host }).filter((p) => f.container === undefined || p.containerName === f.container || p.containerId.startsWith(f.container));

/** A cluster row with the member containers it links to through its tasks. */
export type ClusterRow = Cluster & { members: string[]; running: number };

export const clusterColumns: Column<ClusterRow>[] = [
  { id: 'id', header: 'Cluster ID', get: (c) => c.clusterId },
  { id: 'name', header: 'Name', get: (c) => c.name },
  { id: 'kind', header: 'Kind', get: (c) => c.kind },
  { id: 'manager', header: 'Manager', get: (c) => c.managerHost },
  { id: 'nodes', header: 'Nodes', get: (c) => c.nodes.map((n) => `${n.hostname}(${n.role}${n.leader ? ',leader' : ''},${n.availability},${n.state})`) },
  { id: 'services', header: 'Services', get: (c) => c.services.map((s) => `${s.name}:${s.replicas ?? 'global'}`) },
  { id: 'running_tasks', header: 'Running tasks', get: (c) => c.running },
  { id: 'members', header: 'Member containers', get: (c) => c.members, width: 80 },
  { id: 'updated_at', header: 'Updated', get: (c) => c.updatedAt },
];
export const clusterDefaults = ['id', 'name', 'kind', 'manager', 'nodes', 'services', 'running_tasks'];

export const clusterRows = (view: ModelView, f: Readonly<{ name?: RegExp | undefined }>): ClusterRow[] =>
  clustersOf(view)
    .filter((c) => f.name === undefined || f.name.test(c.name))
    .map((c) => ({
      ...c,
      members: clusterContainers(view, c).map((x) => x.name).sort(),
      running: c.tasks.filter((t) => t.state === 'running').length,
    }));
