import type { VmApiFacts } from '../../openstack-api.js';
import type { VmAddress, VmFacts } from '../../vm.js';
import { canonOrNull } from '../openstack/common.js';
import { arr, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';

/** Nova's `power_state` integers (nova/compute/power_state.py) under the names versioned notifications use. */
const POWER: Readonly<Record<number, string>> = { 0: 'pending', 1: 'running', 3: 'paused', 4: 'shutdown', 6: 'crashed', 7: 'suspended' };

const opt = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/** What the rest of the cloud says about a server: its node's hypervisor type, Docker images, and the Neutron ports by MAC. */
export type ServerContext = Readonly<{
  /** `hypervisor_type` by `hypervisor_hostname`. */
  hypervisorTypes: ReadonlyMap<string, string>;
  /** Glance images whose `container_format` is `docker`. */
  dockerImages: ReadonlySet<string>;
  /** Neutron port id by `<device id>|<mac>`: the API's addresses carry the MAC but not the port. */
  portIds: ReadonlyMap<string, string>;
}>;

export const EMPTY_SERVER_CONTEXT: ServerContext = { hypervisorTypes: new Map(), dockerImages: new Set(), portIds: new Map() };

/** `addresses` (`{<network name>: [{addr, OS-EXT-IPS-MAC:mac_addr}]}`), sorted by address so equal sets compare equal. */
const addressesOf = (vmId: string, x: unknown, ctx: ServerContext): VmAddress[] => {
  const out: VmAddress[] = [];
  for (const [network, list] of Object.entries(obj(x))) {
    for (const a of arr(list).map(obj)) {
      const mac = str(a['OS-EXT-IPS-MAC:mac_addr']);
      out.push({ address: str(a['addr']), network, mac, portId: ctx.portIds.get(`${vmId}|${mac}`) ?? null });
    }
  }
  return out.sort((p, q) => p.address.localeCompare(q.address) || p.network.localeCompare(q.network));
};

/**
 * One server of `GET /servers/detail` (microversion 2.47 or later, so that `flavor` carries
 * `original_name`, as notifications do) as the facts a notification would give, in the same
 * vocabulary (`vm_state`, power state names), so that the two can be compared.
 */
export const serverFacts = (s: Json, ctx: ServerContext = EMPTY_SERVER_CONTEXT): VmFacts => {
  const vmId = str(s['id']);
  const power = s['OS-EXT-STS:power_state'];
  return {
    vmId,
    name: str(s['name']),
    host: opt(s['OS-EXT-SRV-ATTR:host']),
    node: opt(s['OS-EXT-SRV-ATTR:hypervisor_hostname']),
    state: str(s['OS-EXT-STS:vm_state']) || str(s['status']).toLowerCase() || 'unknown',
    taskState: opt(s['OS-EXT-STS:task_state']),
    powerState: typeof power === 'number' ? (POWER[power] ?? String(power)) : null,
    flavor: opt(obj(s['flavor'])['original_name']),
    projectId: opt(s['tenant_id']) ?? opt(s['project_id']),
    userId: opt(s['user_id']),
    availabilityZone: opt(s['OS-EXT-AZ:availability_zone']),
    // Boot-from-volume servers have `image: ""`.
    imageId: opt(obj(s['image'])['id']),
    addresses: addressesOf(vmId, s['addresses'], ctx),
    createdAt: canonOrNull(s['created']),
    launchedAt: canonOrNull(s['OS-SRV-USG:launched_at']),
  };
};

/** What only the API says about a server; nova-docker servers are container-backed. */
export const serverApiFacts = (s: Json, ctx: ServerContext = EMPTY_SERVER_CONTEXT): VmApiFacts => {
  const node = opt(s['OS-EXT-SRV-ATTR:hypervisor_hostname']);
  const hypervisorType = node === null ? null : (ctx.hypervisorTypes.get(node) ?? null);
  const imageId = opt(obj(s['image'])['id']);
  return {
    status: str(s['status']),
    hypervisorType,
    containerBacked: hypervisorType?.toLowerCase() === 'docker' || (imageId !== null && ctx.dockerImages.has(imageId)),
    fault: opt(obj(s['fault'])['message']),
  };
};
