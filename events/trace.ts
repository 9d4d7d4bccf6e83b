import type { Inventory } from './inventory.js';
import { apiLinks } from './openstack-links.js';
import { clusterContainers, clusterMembers, portsOf, portsOfVm } from './queries.js';

/** One link of a trace: how the entity found relates to the one asked about. */
export type TraceLink = Readonly<{ relation: string; kind: string; id: string; name: string; state: string }>;

type View = Pick<Inventory, 'hosts' | 'containers' | 'vms' | 'clusters' | 'stacks' | 'ports'>;

const hostLink = (inv: View, host: string | null, relation: string): TraceLink[] => {
  if (!host) return [];
  const h = inv.hosts.get(host);
  const roles = [h?.docker ? 'docker' : '', h?.openstack ? 'openstack' : ''].filter(Boolean).join('+');
  return [{ relation, kind: 'host', id: host, name: h?.docker?.name ?? host, state: h === undefined ? 'not in the model' : `${h.reachable ? 'reachable' : 'unreachable'}${roles ? ` (${roles})` : ''}` }];
};

/** A Kolla container named after an OpenStack service (`nova_compute`) is that service of its host. */
const KOLLA = /^(nova|neutron|heat|magnum|zun|kuryr|keystone|glance)_[a-z_]+$/;

/**
 * The chain across worlds for one entity: a container's host, Kuryr/Zun ports, swarm cluster and,
 * on a Kolla host, the OpenStack service it is; a VM's host, Neutron ports, Magnum cluster and the
 * Heat stack behind it; a cluster's members. Pure: reads the model only.
 */
export const traceOf = (inv: View, kind: string, id: string): TraceLink[] => {
  const out: TraceLink[] = [];
  if (kind === 'container') {
    const c = inv.containers.get(id);
    if (!c) return out;
    out.push(...hostLink(inv, c.host, 'runs on'));
    if (KOLLA.test(c.name)) out.push({ relation: 'is (Kolla)', kind: 'service', id: c.name, name: `${c.name.split('_')[0] ?? ''} service of ${c.host}`, state: c.state });
    for (const p of portsOf(inv, { containerId: c.containerId })) out.push({ relation: 'publishes', kind: 'port', id: p.id, name: `${p.hostIp}:${p.hostPort}/${p.protocol}`, state: '' });
    for (const p of inv.ports.values()) {
      if (p.neutron?.ownerKind === 'container' && (p.neutron.deviceId === c.containerId || (c.name !== '' && p.neutron.deviceId === c.name))) out.push({ relation: 'has Neutron port (Kuryr/Zun)', kind: 'port', id: p.id, name: p.neutron.fixedIps.map((i) => i.ipAddress).join(','), state: p.neutron.status });
    }
    for (const cl of inv.clusters.values()) if (clusterContainers(inv, cl).some((x) => x.containerId === c.containerId)) out.push({ relation: 'member of', kind: 'cluster', id: cl.clusterId, name: cl.name, state: cl.kind });
  }
  if (kind === 'vm') {
    const v = inv.vms.get(id);
    if (!v) return out;
    out.push(...hostLink(inv, v.host, 'runs on'));
    for (const p of portsOfVm(inv, v.vmId)) out.push({ relation: 'has port', kind: 'port', id: p.id, name: (p.neutron?.fixedIps ?? []).map((i) => i.ipAddress).join(','), state: p.neutron?.status ?? '' });
    for (const cl of inv.clusters.values()) {
      if (!clusterMembers(inv, cl).some((x) => x.vmId === v.vmId)) continue;
      out.push({ relation: 'member of', kind: 'cluster', id: cl.clusterId, name: cl.name, state: cl.magnum?.status ?? '' });
      const st = cl.magnum ? inv.stacks.get(cl.magnum.stackId) : undefined;
      if (st) out.push({ relation: 'made by stack', kind: 'stack', id: st.stackId, name: st.name, state: st.state });
    }
    for (const st of inv.stacks.values()) if (v.name.startsWith(`${st.name}-`) && !out.some((l) => l.id === st.stackId)) out.push({ relation: 'made by stack', kind: 'stack', id: st.stackId, name: st.name, state: st.state });
  }
  if (kind === 'cluster') {
    const cl = inv.clusters.get(id);
    if (!cl) return out;
    for (const v of clusterMembers(inv, cl)) out.push({ relation: 'member', kind: 'vm', id: v.vmId, name: v.name, state: v.state });
    for (const c of clusterContainers(inv, cl)) out.push({ relation: 'member', kind: 'container', id: c.containerId, name: c.name, state: c.state });
    // A swarm's nodes: the host whose engine is that node (by node id, else by name), or the node's hostname.
    for (const n of cl.nodes) {
      const h = [...inv.hosts.values()].find((x) => x.docker?.swarm?.nodeId === n.nodeId) ?? inv.hosts.get(n.hostname);
      out.push({ relation: `node (${n.role}${n.leader ? ', leader' : ''})`, kind: 'host', id: h?.id ?? n.hostname, name: n.hostname, state: `${n.state}, ${n.availability}` });
    }
    const st = cl.magnum ? inv.stacks.get(cl.magnum.stackId) : undefined;
    if (st) out.push({ relation: 'made by stack', kind: 'stack', id: st.stackId, name: st.name, state: st.state });
  }
  if (kind === 'host') {
    const nodeId = inv.hosts.get(id)?.docker?.swarm?.nodeId;
    for (const cl of inv.clusters.values()) {
      const n = cl.nodes.find((x) => (nodeId !== undefined && x.nodeId === nodeId) || x.hostname === id);
      if (n !== undefined) out.push({ relation: `swarm node (${n.role}${n.leader ? ', leader' : ''}) of`, kind: 'cluster', id: cl.clusterId, name: cl.name, state: `${n.state}, ${n.availability}` });
    }
    for (const v of inv.vms.values()) if (v.host === id) out.push({ relation: 'runs', kind: 'vm', id: v.vmId, name: v.name, state: v.state });
    for (const c of inv.containers.values()) if (c.host === id) out.push({ relation: 'runs', kind: 'container', id: c.containerId, name: c.name, state: c.state });
  }
  // Zun, nova-docker and Kolla links, and a host's OpenStack services (events/openstack-links.ts).
  out.push(...apiLinks(inv, kind, id));
  return out;
};
