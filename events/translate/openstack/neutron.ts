import type { SubjectRef } from '../../envelope.js';
import { NEUTRON_DRIVER } from '../../network.js';
import type { NeutronPortFacts } from '../../openstack-port.js';
import { portOwnerKind } from '../../openstack-port.js';
import type { OpsEvent } from '../../ops-event.js';
import type { CanonicalTime } from '../../time.js';
import { arr, bool, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { notified, nth, osBase, serviceSubject, unrecognized } from './common.js';
import type { OsBase } from './common.js';
import { isNeutronResourceType, neutronResourceEvents, payloadResources } from './neutron-resources.js';

/** Resource names Neutron (and its LBaaS/FWaaS/VPNaaS plugins) notify about: `<resource>.<action>[.<phase>]`. */
export const NEUTRON_RESOURCES = new Set([
  'port', 'network', 'subnet', 'router', 'floatingip', 'security_group', 'security_group_rule', 'rbac_policy',
  'subnetpool', 'trunk', 'address_scope', 'tag', 'dhcp_agent', 'l3_agent', 'l3', 'pool', 'vip', 'member',
  'health_monitor', 'firewall', 'firewall_policy', 'firewall_rule', 'ikepolicy', 'ipsecpolicy',
  'ipsec_site_connection', 'vpnservice', 'qos_policy', 'segment', 'network_segment_range',
]);

/** True when an event type names a Neutron resource (`network.floating_ip.*` is nova-network, routed earlier). */
export const isNeutronEvent = (eventType: string): boolean => NEUTRON_RESOURCES.has(eventType.split('.')[0] ?? '');

const portFacts = (p: Json): NeutronPortFacts => {
  const owner = str(p['device_owner']);
  return {
    portId: str(p['id']),
    name: str(p['name']),
    networkId: str(p['network_id']),
    projectId: str(p['project_id']) || str(p['tenant_id']) || null,
    macAddress: str(p['mac_address']),
    fixedIps: arr(p['fixed_ips']).map((x) => ({ subnetId: str(obj(x)['subnet_id']), ipAddress: str(obj(x)['ip_address']) })),
    deviceId: str(p['device_id']),
    deviceOwner: owner,
    ownerKind: portOwnerKind(owner),
    bindingHost: str(p['binding:host_id']),
    vifType: str(p['binding:vif_type']),
    status: str(p['status']),
    adminStateUp: bool(p['admin_state_up']),
  };
};

const portEvents = (b: OsBase, m: OsloMessage, payload: Json, action: string): OpsEvent[] => {
  if (action === 'delete.end') {
    const portId = str(payload['port_id']) || str(obj(payload['port'])['id']);
    if (portId === '') return [unrecognized(b, 'port.delete.end without a port id', m.eventType, serviceSubject(m))];
    return [{ ...b, v: 1, type: 'NeutronPortDeleted', subject: { kind: 'port', id: portId }, data: { portId } }];
  }
  const ports = payloadResources(payload, 'port').map(portFacts).filter((p) => p.portId !== '');
  if (ports.length === 0) return [notified(b, m, serviceSubject(m), null)];
  return ports.map((port, i) => ({ ...nth(b, i), v: 1, type: 'NeutronPortObserved', subject: { kind: 'port', id: port.portId }, data: { port } }));
};

const networkEvents = (b: OsBase, m: OsloMessage, payload: Json, action: string): OpsEvent[] => {
  if (action === 'delete.end') {
    const net = obj(payload['network']);
    const networkId = str(payload['network_id']) || str(net['id']);
    return [{ ...b, v: 1, type: 'NetworkRemoved', subject: { kind: 'network', id: networkId }, data: { networkId, name: str(net['name']) } }];
  }
  const nets = payloadResources(payload, 'network').filter((n) => str(n['id']) !== '');
  if (nets.length === 0) return [notified(b, m, serviceSubject(m), null)];
  return nets.map((n, i) => {
    const network = { networkId: str(n['id']), name: str(n['name']), driver: NEUTRON_DRIVER, scope: bool(n['shared']) ? 'shared' : 'project', projectId: str(n['project_id']) || str(n['tenant_id']) || null };
    return { ...nth(b, i), v: 1 as const, type: 'NetworkObserved' as const, subject: { kind: 'network' as const, id: network.networkId }, data: { network } };
  });
};

/**
 * Where an unmodelled notification is filed: the port, network or Neutron resource it names (so
 * `berth history` shows a router's interface changes and a port's `.start` phases), else the service.
 */
const auditSubject = (m: OsloMessage, p: Json, res: string): [SubjectRef, string | null] => {
  if (res === 'router' && m.eventType.startsWith('router.interface.')) {
    const id = str(obj(p['router_interface'])['id']);
    if (id !== '') return [{ kind: 'neutron', id }, id];
  }
  const entity = str(p[`${res}_id`]) || str(obj(p[res])['id']) || str(p['id']) || null;
  if (entity === null) return [serviceSubject(m), null];
  if (res === 'port') return [{ kind: 'port', id: entity }, entity];
  if (res === 'network') return [{ kind: 'network', id: entity }, entity];
  if (isNeutronResourceType(res)) return [{ kind: 'neutron', id: entity }, entity];
  return [serviceSubject(m), entity];
};

const MODELLED_ACTIONS = new Set(['create.end', 'update.end', 'delete.end', 'exists']);

/**
 * Neutron API notifications. Ports, networks, subnets, routers, floating IPs and security groups are modelled (create/update/exists observe,
 * delete.end removes; bulk creates give one event per resource); every other resource, and the
 * `.start` phases (request bodies, not results), are kept as `OpenStackNotified`.
 */
export const translateNeutron = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const p = obj(payload);
  const [res = '', ...rest] = m.eventType.split('.');
  const action = rest.join('.');
  const port = obj(p['port']);
  const b = osBase(m, observedAt, str(port['binding:host_id']) || null);
  if (MODELLED_ACTIONS.has(action)) {
    if (res === 'port') return portEvents(b, m, p, action);
    if (res === 'network') return networkEvents(b, m, p, action);
    if (isNeutronResourceType(res)) {
      const events = neutronResourceEvents(b, p, res, action);
      if (events !== null) return events;
    }
  }
  return [notified(b, m, ...auditSubject(m, p, res))];
};
