import type { NeutronResourceFacts, NeutronResourceType } from '../../neutron-resource.js';
import { NEUTRON_RESOURCE_TYPES } from '../../neutron-resource.js';
import type { OpsEvent } from '../../ops-event.js';
import { arr, bool, num, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';
import type { OsBase } from './common.js';
import { nth } from './common.js';

export const isNeutronResourceType = (res: string): res is NeutronResourceType =>
  (NEUTRON_RESOURCE_TYPES as readonly string[]).includes(res);

type Specific = Omit<NeutronResourceFacts, 'resource' | 'id' | 'name' | 'projectId'>;
const EMPTY: Specific = { networkId: '', address: '', fixedAddress: '', portId: '', routerId: '', status: '', detail: '' };

const subnet = (r: Json): Specific => ({
  ...EMPTY,
  networkId: str(r['network_id']),
  address: str(r['cidr']),
  fixedAddress: str(r['gateway_ip']),
  detail: `IPv${num(r['ip_version'], 4)}, DHCP ${bool(r['enable_dhcp']) ? 'on' : 'off'}`,
});

const router = (r: Json): Specific => {
  const gw = obj(r['external_gateway_info']);
  const gwNet = str(gw['network_id']);
  const flags = [bool(r['ha']) ? 'HA' : '', bool(r['distributed']) ? 'distributed' : '', r['admin_state_up'] === false ? 'admin down' : ''].filter(Boolean);
  return {
    ...EMPTY,
    networkId: gwNet,
    address: str(obj(arr(gw['external_fixed_ips'])[0])['ip_address']),
    status: str(r['status']),
    detail: [gwNet === '' ? 'no gateway' : `gateway on ${gwNet}`, ...flags].join(', '),
  };
};

const floatingIp = (r: Json): Specific => {
  const portId = str(r['port_id']);
  return {
    ...EMPTY,
    networkId: str(r['floating_network_id']),
    address: str(r['floating_ip_address']),
    fixedAddress: str(r['fixed_ip_address']),
    portId,
    routerId: str(r['router_id']),
    status: str(r['status']),
    detail: portId === '' ? 'not associated' : `→ port ${portId}`,
  };
};

const securityGroup = (r: Json): Specific => {
  const rules = arr(r['security_group_rules']).length;
  const description = str(r['description']);
  return { ...EMPTY, detail: [`${rules} rule${rules === 1 ? '' : 's'}`, description].filter(Boolean).join(', ') };
};

const SPECIFIC: Readonly<Record<NeutronResourceType, (r: Json) => Specific>> = {
  subnet, router, floatingip: floatingIp, security_group: securityGroup,
};

/** The facts of one resource object of a notification payload. */
export const resourceFacts = (resource: NeutronResourceType, r: Json): NeutronResourceFacts => ({
  resource,
  id: str(r['id']),
  name: str(r['name']),
  projectId: str(r['project_id']) || str(r['tenant_id']) || null,
  ...SPECIFIC[resource](r),
});

/** The resource objects of a `.end` payload: `{"subnet": {...}}` or, for a bulk create, `{"subnets": [...]}`. */
export const payloadResources = (payload: Json, res: string): Json[] => {
  const one = payload[res];
  if (one !== null && typeof one === 'object' && !Array.isArray(one)) return [obj(one)];
  return arr(payload[`${res}s`]).map(obj);
};

/**
 * Subnets, routers, floating IPs and security groups: observed on create/update/exists (one event
 * per resource of a bulk create), removed on delete. Null when the payload names no resource id
 * (the caller keeps the notification for audit instead).
 */
export const neutronResourceEvents = (b: OsBase, payload: Json, res: NeutronResourceType, action: string): OpsEvent[] | null => {
  if (action === 'delete.end') {
    const id = str(payload[`${res}_id`]) || str(obj(payload[res])['id']);
    if (id === '') return null;
    return [{ ...b, v: 1, type: 'NeutronResourceDeleted', subject: { kind: 'neutron', id }, data: { resource: res, id } }];
  }
  const facts = payloadResources(payload, res).map((r) => resourceFacts(res, r)).filter((f) => f.id !== '');
  if (facts.length === 0) return null;
  return facts.map((resource, i) => ({ ...nth(b, i), v: 1 as const, type: 'NeutronResourceObserved' as const, subject: { kind: 'neutron' as const, id: resource.id }, data: { resource } }));
};
