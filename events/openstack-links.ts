import type { Container } from './container.js';
import type { Host } from './host.js';
import type { Inventory } from './inventory.js';
import type { OpenStackService } from './openstack-api.js';
import { novaDockerName, zunDockerName } from './openstack-api.js';
import type { Vm } from './vm.js';

type View = Pick<Inventory, 'hosts' | 'containers' | 'vms' | 'ports'>;

/** A link of `berth trace` (same shape as `TraceLink` in trace.ts, which re-exports these). */
export type ApiLink = Readonly<{ relation: string; kind: string; id: string; name: string; state: string }>;

/**
 * The host whose OpenStack services describe `hostId`: itself when the APIs listed services on
 * it, else the host the APIs know under this Docker engine's hostname (an engine configured as
 * `node1` whose `/info` Name is `compute-1` is the compute host `compute-1`), or the reverse.
 */
export const openStackHostOf = (inv: Pick<Inventory, 'hosts'>, hostId: string): Host | undefined => {
  const h = inv.hosts.get(hostId);
  if (h?.services !== undefined) return h;
  const byName = h?.docker?.name === undefined ? undefined : inv.hosts.get(h.docker.name);
  if (byName?.services !== undefined) return byName;
  return [...inv.hosts.values()].find((x) => x.services !== undefined && x.docker?.name === hostId);
};

/** `up, enabled` / `down, disabled (maintenance)`: one service's health in a few words. */
export const serviceState = (s: OpenStackService): string => `${s.state || '?'}, ${s.status || '?'}${s.reason ? ` (${s.reason})` : ''}`;

/**
 * A host's OpenStack services in one cell: `3 up` when all are up and enabled, else the ones that
 * are not (`down: nova-compute; disabled: neutron-l3-agent`). '' for a host with none.
 */
export const servicesSummary = (h: Host | undefined): string => {
  const all = h?.services?.services ?? [];
  if (all.length === 0) return '';
  const down = all.filter((s) => s.state !== 'up').map((s) => s.binary);
  const disabled = all.filter((s) => s.state === 'up' && s.status !== 'enabled').map((s) => s.binary);
  if (down.length === 0 && disabled.length === 0) return `${all.length} up`;
  return [down.length > 0 ? `down: ${down.join(', ')}` : '', disabled.length > 0 ? `disabled: ${disabled.join(', ')}` : ''].filter(Boolean).join('; ');
};

/** Kolla names its containers after the service (`nova_compute` is `nova-compute`); a few heartbeat-less ones have no service record. */
const KOLLA = /^(nova|neutron|heat|magnum|zun|kuryr|keystone|glance|placement|cinder|octavia)_[a-z_]+$/;
export const kollaBinary = (containerName: string): string | null => (KOLLA.test(containerName) ? containerName.replace(/_/g, '-') : null);

const ZUN_NAME = /^zun-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const NOVA_NAME = /^nova-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The Docker container of a Zun container: named `zun-<uuid>`, preferably on Zun's host (or its `container_id`). */
export const dockerTwinOfZun = (inv: Pick<Inventory, 'containers' | 'hosts'>, z: Container): Container | undefined => {
  const name = zunDockerName(z.containerId);
  const candidates = [...inv.containers.values()].filter((c) => c.zun === undefined && (c.name === name || (z.zun?.dockerId !== undefined && z.zun.dockerId !== null && c.containerId === z.zun.dockerId)));
  return candidates.find((c) => c.host === z.host || openStackHostOf(inv, c.host)?.id === z.host) ?? candidates[0];
};

/** The Zun container a Docker container `zun-<uuid>` is. */
export const zunOfDocker = (inv: Pick<Inventory, 'containers'>, c: Container): Container | undefined => {
  const m = ZUN_NAME.exec(c.name);
  const z = m?.[1] === undefined ? undefined : inv.containers.get(m[1]);
  return z?.zun !== undefined ? z : [...inv.containers.values()].find((x) => x.zun?.dockerId === c.containerId);
};

/** The Docker container behind a nova-docker VM (`nova-<uuid>`). */
export const containerOfVm = (inv: Pick<Inventory, 'containers'>, v: Vm): Container | undefined => {
  const name = novaDockerName(v.vmId);
  return [...inv.containers.values()].find((c) => c.name === name);
};

/** The nova-docker VM a Docker container `nova-<uuid>` is. */
export const vmOfContainer = (inv: Pick<Inventory, 'vms'>, c: Container): Vm | undefined => {
  const m = NOVA_NAME.exec(c.name);
  return m?.[1] === undefined ? undefined : inv.vms.get(m[1]);
};

const kollaLinks = (inv: View, c: Container): ApiLink[] => {
  const binary = kollaBinary(c.name);
  const host = binary === null ? undefined : openStackHostOf(inv, c.host);
  if (binary === null || host === undefined) return [];
  const s = host.services?.services.find((x) => x.binary === binary);
  return [{ relation: 'service health', kind: 'service', id: `${binary}@${host.id}`, name: `${binary} on ${host.id}`, state: s === undefined ? 'no service record (the API lists none of that name)' : serviceState(s) }];
};

const containerLinks = (inv: View, c: Container): ApiLink[] => {
  const out: ApiLink[] = [...kollaLinks(inv, c)];
  if (c.zun !== undefined) {
    const d = dockerTwinOfZun(inv, c);
    if (d !== undefined) out.push({ relation: 'runs as Docker container', kind: 'container', id: d.containerId, name: d.name, state: d.state });
    // Ports whose device_id names this container are linked by trace.ts already; Zun's addresses add the others, one link per port.
    const ports = new Map<string, string[]>();
    for (const a of c.zun.addresses) if (a.portId !== '' && inv.ports.get(a.portId)?.neutron?.deviceId !== c.containerId) ports.set(a.portId, [...(ports.get(a.portId) ?? []), a.address]);
    for (const [portId, addrs] of ports) out.push({ relation: 'has Neutron port (Zun)', kind: 'port', id: portId, name: addrs.join(','), state: inv.ports.get(portId)?.neutron?.status ?? 'not in the model' });
  }
  const z = zunOfDocker(inv, c);
  if (z !== undefined) out.push({ relation: 'is Zun container', kind: 'container', id: z.containerId, name: z.name, state: z.zun?.status ?? z.state });
  const v = vmOfContainer(inv, c);
  if (v !== undefined) out.push({ relation: 'is nova-docker VM', kind: 'vm', id: v.vmId, name: v.name, state: v.state });
  return out;
};

const hostLinks = (inv: View, hostId: string): ApiLink[] => {
  const h = openStackHostOf(inv, hostId);
  if (h?.services === undefined) return [];
  const kolla = new Map<string, Container>();
  for (const c of inv.containers.values()) {
    const b = kollaBinary(c.name);
    if (b !== null && (c.host === hostId || c.host === h.id || openStackHostOf(inv, c.host)?.id === h.id)) kolla.set(b, c);
  }
  const out: ApiLink[] = h.services.services.map((s) => {
    const c = kolla.get(s.binary);
    return { relation: c === undefined ? 'runs service' : `runs service (Kolla ${c.name})`, kind: 'service', id: `${s.binary}@${h.id}`, name: `${s.binary}${s.zone ? ` [${s.zone}]` : ''}`, state: serviceState(s) };
  });
  for (const hv of h.services.hypervisors) out.push({ relation: 'is hypervisor', kind: 'hypervisor', id: hv.id, name: `${hv.hostname} (${hv.type})`, state: `${hv.state}, ${hv.status}` });
  if (h.services.zun !== null) out.push({ relation: 'is Zun host', kind: 'zun-host', id: h.services.zun.uuid, name: h.services.zun.hostname, state: `${h.services.zun.totalContainers} container(s)` });
  return out;
};

/**
 * The links only the OpenStack APIs make: a Kolla container's service health, a Zun container's
 * Docker twin and ports, a nova-docker VM's container, a host's services and hypervisors. Pure.
 */
export const apiLinks = (inv: View, kind: string, id: string): ApiLink[] => {
  if (kind === 'container') {
    const c = inv.containers.get(id);
    return c === undefined ? [] : containerLinks(inv, c);
  }
  if (kind === 'vm') {
    const v = inv.vms.get(id);
    const c = v === undefined ? undefined : containerOfVm(inv, v);
    if (v?.api?.containerBacked !== true && c === undefined) return [];
    return [{ relation: 'is backed by Docker container', kind: 'container', id: c?.containerId ?? novaDockerName(id), name: c?.name ?? novaDockerName(id), state: c?.state ?? 'not in the model (no engine followed on its host)' }];
  }
  return kind === 'host' ? hostLinks(inv, id) : [];
};
