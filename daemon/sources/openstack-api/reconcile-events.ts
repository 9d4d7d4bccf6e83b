import type { ClusterSnapshot } from '../../../events/cluster.js';
import { fieldDiff } from '../../../events/field-diff.js';
import type { Inventory } from '../../../events/inventory.js';
import type { HostServicesFacts, ZunContainerFacts } from '../../../events/openstack-api.js';
import { NEUTRON_DRIVER } from '../../../events/network.js';
import type { NeutronPortFacts } from '../../../events/openstack-port.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { apiBase, modelStamp } from './records.js';
import type { ApiStamp } from './records.js';
import { judge } from './reconcile.js';
import type { ApiSeen } from './reconcile.js';
import { clusterView, networkView, stackView, vmView } from './views.js';

const EMPTY_SERVICES: HostServicesFacts = { services: [], hypervisors: [], zun: null };
const servicesPart = (s: HostServicesFacts): HostServicesFacts => ({ services: s.services, hypervisors: s.hypervisors, zun: s.zun });

/** Host services: observed when new, drifted when changed; a host no listing names any more has none left. */
const hostEvents = (inv: Pick<Inventory, 'hosts'>, s: ApiStamp, hosts: ReadonlyMap<string, HostServicesFacts> | null): OpsEvent[] => {
  if (hosts === null) return [];
  const out: OpsEvent[] = [];
  const all = new Map(hosts);
  for (const h of inv.hosts.values()) if (h.services !== undefined && !all.has(h.id)) all.set(h.id, EMPTY_SERVICES);
  for (const [hostId, services] of all) {
    const had = inv.hosts.get(hostId)?.services;
    const subject = { kind: 'host' as const, id: hostId };
    if (had === undefined) {
      out.push({ ...apiBase(s, { tag: 'host', subject, host: hostId, had: 'new', content: services }), type: 'HostServicesObserved', data: { hostId, services, origin: s.origin } });
      continue;
    }
    if (had.updatedAt >= s.at) continue;
    const changes = fieldDiff(servicesPart(had), services);
    if (changes.length > 0) {
      out.push({ ...apiBase(s, { tag: 'host', subject, host: hostId, had: modelStamp(had), content: services }), type: 'HostServicesDrifted', data: { hostId, services, changes, origin: s.origin } });
    }
  }
  return out;
};

/** A cluster read from the API keeps what only notifications say (the publisher host, the last CADF action). */
const withNotified = (c: ClusterSnapshot, had: ClusterSnapshot | undefined): ClusterSnapshot =>
  had?.magnum === undefined ? c : { ...c, managerHost: had.managerHost, magnum: { ...(c.magnum ?? had.magnum), lastAction: had.magnum.lastAction, lastOutcome: had.magnum.lastOutcome } };

const portView = (p: NeutronPortFacts): NeutronPortFacts => p;
const zunView = (z: ZunContainerFacts): ZunContainerFacts => z;

/**
 * Pure: the events one read of the cloud makes, given the model. Only differences become events
 * (`...Observed` for what the model did not know, `...Drifted` with the fields that differ, and
 * `OpenStackEntityVanished` for what the API no longer lists), so a read of an unchanged cloud
 * writes nothing.
 */
export const reconcileEvents = (inv: Inventory, s: ApiStamp, seen: ApiSeen): OpsEvent[] => {
  const o = s.origin;
  return [
    ...judge(inv, s, seen.servers, {
      tag: 'vm', entity: 'vm', model: inv.vms, idOf: (f) => f.vm.vmId, hostOf: (f) => f.vm.host ?? '',
      owned: () => true, projectOf: (m) => m.projectId, nameOf: (m) => m.name,
      view: (f) => vmView(f.vm, f.api), modelView: (m) => vmView(m, m.api),
      // A VM known from notifications only: its hypervisor type (and so whether a container backs it) is the API's to say.
      notYetKnown: (m) => (m.api === undefined ? ['hypervisorType', 'containerBacked'] : []),
      observed: (b, f) => ({ ...b, type: 'VmObserved', data: { vm: f.vm, api: f.api, origin: o } }),
      drifted: (b, f, changes) => ({ ...b, type: 'VmDrifted', data: { vm: f.vm, api: f.api, changes, origin: o } }),
    }),
    ...judge(inv, s, seen.networks, {
      tag: 'net', entity: 'network', model: inv.networks, idOf: (f) => f.networkId, hostOf: () => '',
      owned: (m) => m.driver === NEUTRON_DRIVER, projectOf: (m) => m.projectId ?? null, nameOf: (m) => m.name,
      view: networkView, modelView: networkView,
      observed: (b, network) => ({ ...b, type: 'NetworkObserved', data: { network } }),
      drifted: (b, network, changes) => ({ ...b, type: 'NetworkDrifted', data: { network, changes, origin: o } }),
    }),
    ...judge(inv, s, seen.ports, {
      tag: 'port', entity: 'port', model: inv.ports, idOf: (f) => f.portId, hostOf: (f) => f.bindingHost,
      owned: (m) => m.kind === 'neutron', projectOf: (m) => m.neutron?.projectId ?? null, nameOf: (m) => m.neutron?.name ?? '',
      view: portView, modelView: (m) => m.neutron ?? {},
      observed: (b, port) => ({ ...b, type: 'NeutronPortObserved', data: { port } }),
      drifted: (b, port, changes) => ({ ...b, type: 'NeutronPortDrifted', data: { port, changes, origin: o } }),
    }),
    ...judge(inv, s, seen.stacks, {
      tag: 'stack', entity: 'stack', model: inv.stacks, idOf: (f) => f.stackId, hostOf: () => '',
      owned: () => true, projectOf: (m) => m.projectId, nameOf: (m) => m.name,
      view: stackView, modelView: stackView,
      observed: (b, stack) => ({ ...b, type: 'StackChanged', data: { stack, eventType: `api.${o}` } }),
      drifted: (b, stack, changes) => ({ ...b, type: 'StackDrifted', data: { stack, changes, origin: o } }),
    }),
    ...judge(inv, s, seen.clusters, {
      tag: 'coe', entity: 'cluster', model: inv.clusters, idOf: (f) => f.clusterId, hostOf: () => '',
      owned: (m) => m.kind === 'magnum', projectOf: (m) => m.magnum?.projectId ?? null, nameOf: (m) => m.name,
      view: clusterView, modelView: clusterView,
      observed: (b, cluster) => ({ ...b, type: 'MagnumClusterObserved', data: { cluster, action: o, outcome: 'observed' } }),
      drifted: (b, c, changes, had) => ({ ...b, type: 'MagnumClusterDrifted', data: { cluster: withNotified(c, had), changes, origin: o } }),
    }),
    ...judge(inv, s, seen.zunContainers, {
      tag: 'zun', entity: 'container', model: inv.containers, idOf: (f) => f.uuid, hostOf: (f) => f.host ?? '',
      owned: (m) => m.zun !== undefined, projectOf: (m) => m.zun?.projectId ?? null, nameOf: (m) => m.name,
      view: zunView, modelView: (m) => m.zun ?? {},
      observed: (b, container) => ({ ...b, type: 'ZunContainerObserved', data: { container, origin: o } }),
      drifted: (b, container, changes) => ({ ...b, type: 'ZunContainerDrifted', data: { container, changes, origin: o } }),
    }),
    ...hostEvents(inv, s, seen.hosts),
  ];
};
