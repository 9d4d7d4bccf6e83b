// What both sides know about a server, port, stack or cluster: the OpenStack APIs' `show` answers
// (their own field names, not the CLI's) and berth's `--json` rows, mapped to the same flat records.
import type { Cluster } from '../../events/cluster.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';

export type Json = Record<string, unknown>;
const s = (x: unknown): string => (typeof x === 'string' ? x : '');
const sOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
const obj = (x: unknown): Json => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x as Json : {});
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.map(obj) : []);

// ----------------------------------------------------------------------------------- servers

/** Nova's power_state numbers (`nova/compute/power_state.py`) as the versioned payloads name them. */
const POWER: Readonly<Record<number, string>> = { 0: 'pending', 1: 'running', 3: 'paused', 4: 'shutdown', 6: 'crashed', 7: 'suspended' };
/** API `status` → `vm_state` (`nova/api/openstack/common.py`), the ones these tests see. */
export const STATUS_VM_STATE: Readonly<Record<string, string>> = { ACTIVE: 'active', SHUTOFF: 'stopped', VERIFY_RESIZE: 'resized', ERROR: 'error', PAUSED: 'paused', SUSPENDED: 'suspended' };

/** The facts both sides know about a server, from `GET /servers/{id}` (compute 2.47: the flavor is embedded). */
export const serverFacts = (sv: Json): Json => ({
  vmId: sv['id'], name: sv['name'], state: sv['OS-EXT-STS:vm_state'], taskState: sv['OS-EXT-STS:task_state'] ?? null,
  powerState: POWER[Number(sv['OS-EXT-STS:power_state'])] ?? null,
  host: sOrNull(sv['OS-EXT-SRV-ATTR:host']), node: sOrNull(sv['OS-EXT-SRV-ATTR:hypervisor_hostname']),
  flavor: sOrNull(obj(sv['flavor'])['original_name']), projectId: sv['tenant_id'], userId: sv['user_id'],
  availabilityZone: sOrNull(sv['OS-EXT-AZ:availability_zone']), imageId: sOrNull(obj(sv['image'])['id']),
  addresses: Object.entries(obj(sv['addresses'])).flatMap(([net, ips]) => list(ips).map((ip) => `${net}=${s(ip['addr'])} ${s(ip['OS-EXT-IPS-MAC:mac_addr'])}`)).sort(),
});

/** The same facts as `berth vms --json` shows them. */
export const vmFacts = (v: Vm): Json => ({
  vmId: v.vmId, name: v.name, state: v.state, taskState: v.taskState, powerState: v.powerState, host: v.host, node: v.node,
  flavor: v.flavor, projectId: v.projectId, userId: v.userId, availabilityZone: v.availabilityZone, imageId: v.imageId,
  addresses: v.addresses.map((a) => `${a.network}=${a.address} ${a.mac}`).sort(),
});

// ----------------------------------------------------------------------------------- ports

/** The facts both sides know about a port, from `GET /v2.0/ports/{id}`. */
export const neutronPortFacts = (p: Json): Json => {
  const ips = list(p['fixed_ips']);
  return {
    id: p['id'], name: p['name'], networkId: p['network_id'], projectId: p['project_id'], macAddress: p['mac_address'],
    fixedIps: ips.map((f) => `${s(f['subnet_id'])}/${s(f['ip_address'])}`).sort(),
    deviceId: p['device_id'], deviceOwner: p['device_owner'], bindingHost: p['binding:host_id'], vifType: p['binding:vif_type'],
    status: p['status'], adminStateUp: p['admin_state_up'],
    // berth's Port fields derived from the Neutron port
    kind: 'neutron', host: p['binding:host_id'], hostIp: s(ips[0]?.['ip_address']),
  };
};

/** The same facts as `berth ports --json` shows them. */
export const berthPortFacts = (p: Port): Json => {
  const n = p.neutron;
  return {
    id: p.id, name: n?.name, networkId: n?.networkId, projectId: n?.projectId, macAddress: n?.macAddress,
    fixedIps: (n?.fixedIps ?? []).map((f) => `${f.subnetId}/${f.ipAddress}`).sort(),
    deviceId: n?.deviceId, deviceOwner: n?.deviceOwner, bindingHost: n?.bindingHost, vifType: n?.vifType,
    status: n?.status, adminStateUp: n?.adminStateUp, kind: p.kind, host: p.host, hostIp: p.hostIp,
  };
};

// ----------------------------------------------------------------------------------- stacks

/** From `GET /v1/{project}/stacks/{id}` (`stack`): Heat keeps the owner in the `OS::project_id` parameter. */
export const stackFacts = (st: Json): Json => ({
  stackId: st['id'], name: st['stack_name'], state: st['stack_status'], stateReason: st['stack_status_reason'],
  projectId: sOrNull(obj(st['parameters'])['OS::project_id']),
});
export const berthStackFacts = (st: Stack): Json => ({ stackId: st.stackId, name: st.name, state: st.state, stateReason: st.stateReason, projectId: st.projectId });

// ----------------------------------------------------------------------------------- clusters

const strs = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []).sort();

/** From `GET /v1/clusters/{id}` (container-infra latest). */
export const coeClusterFacts = (c: Json): Json => ({
  clusterId: c['uuid'], name: c['name'], kind: 'magnum', status: c['status'], statusReason: s(c['status_reason']),
  stackId: s(c['stack_id']), projectId: c['project_id'] ?? null, masterCount: c['master_count'], nodeCount: c['node_count'],
  masterAddresses: strs(c['master_addresses']), nodeAddresses: strs(c['node_addresses']), apiAddress: s(c['api_address']),
  templateId: c['cluster_template_id'],
});

export const berthClusterFacts = (c: Cluster): Json => ({
  clusterId: c.clusterId, name: c.name, kind: c.kind, status: c.magnum?.status, statusReason: c.magnum?.statusReason,
  stackId: c.magnum?.stackId, projectId: c.magnum?.projectId ?? null, masterCount: c.magnum?.masterCount, nodeCount: c.magnum?.nodeCount,
  masterAddresses: [...c.magnum?.masterAddresses ?? []].sort(), nodeAddresses: [...c.magnum?.nodeAddresses ?? []].sort(),
  apiAddress: c.magnum?.apiAddress, templateId: c.magnum?.templateId,
});

/** Lists the differences of two flat fact records, `key: berth ≠ openstack`. */
export const diff = (berth: Json, os: Json): string[] =>
  Object.keys(os).filter((k) => JSON.stringify(berth[k]) !== JSON.stringify(os[k])).map((k) => `${k}: berth ${JSON.stringify(berth[k])} ≠ openstack ${JSON.stringify(os[k])}`);
