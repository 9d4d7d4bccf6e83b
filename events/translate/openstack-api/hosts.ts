import type { HostServicesFacts, HypervisorFacts, OpenStackService, ZunHostFacts } from '../../openstack-api.js';
import { bool, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';

const opt = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/** One Nova service of `GET /os-services`. */
export const novaService = (s: Json): OpenStackService => ({
  api: 'nova', binary: str(s['binary']), status: str(s['status']), state: str(s['state']),
  reason: opt(s['disabled_reason']), zone: opt(s['zone']),
});

/** One Neutron agent of `GET /v2.0/agents`: `alive` is its liveness, `admin_state_up` its admin state. */
export const neutronAgent = (a: Json): OpenStackService => ({
  api: 'neutron', binary: str(a['binary']), status: bool(a['admin_state_up']) ? 'enabled' : 'disabled', state: bool(a['alive']) ? 'up' : 'down',
  reason: null, zone: opt(a['availability_zone']),
});

/** One Zun service of `GET /v1/services` (`zun-compute`). */
export const zunService = (s: Json): OpenStackService => ({
  api: 'zun', binary: str(s['binary']), status: s['disabled'] === true ? 'disabled' : 'enabled', state: str(s['state']),
  reason: opt(s['disabled_reason']), zone: opt(s['availability_zone']),
});

/** One hypervisor of `GET /os-hypervisors/detail` (2.53+), and the service host it belongs to. */
export const hypervisorOf = (h: Json): { host: string; hypervisor: HypervisorFacts } => ({
  host: str(obj(h['service'])['host']) || str(h['hypervisor_hostname']),
  hypervisor: {
    id: str(h['id']), hostname: str(h['hypervisor_hostname']), type: str(h['hypervisor_type']),
    state: str(h['state']), status: str(h['status']), hostIp: str(h['host_ip']),
  },
});

export type HostListings = Readonly<{
  /** Services with the host each runs on. */
  services: readonly Readonly<{ host: string; service: OpenStackService }>[];
  hypervisors: readonly Readonly<{ host: string; hypervisor: HypervisorFacts }>[];
  zunHosts: readonly ZunHostFacts[];
}>;

const byService = (a: OpenStackService, b: OpenStackService): number => a.api.localeCompare(b.api) || a.binary.localeCompare(b.binary);

/** The OpenStack side of every host the listings name, each list sorted (so equal states are equal JSON). */
export const hostServices = (l: HostListings): Map<string, HostServicesFacts> => {
  const out = new Map<string, { services: OpenStackService[]; hypervisors: HypervisorFacts[]; zun: ZunHostFacts | null }>();
  const at = (host: string) => {
    let h = out.get(host);
    if (h === undefined) out.set(host, (h = { services: [], hypervisors: [], zun: null }));
    return h;
  };
  for (const s of l.services) if (s.host !== '') at(s.host).services.push(s.service);
  for (const h of l.hypervisors) if (h.host !== '') at(h.host).hypervisors.push(h.hypervisor);
  for (const z of l.zunHosts) if (z.hostname !== '') at(z.hostname).zun = z;
  for (const h of out.values()) {
    h.services.sort(byService);
    h.hypervisors.sort((a, b) => a.hostname.localeCompare(b.hostname));
  }
  return out;
};
