import type { EntityKind, Inventory } from './inventory.js';
import { entityKey } from './ids.js';
import type { ApiEntityKind, OpenStackApiEvent, OpenStackEntityVanished } from './openstack-api.js';
import { NEUTRON_DRIVER } from './network.js';
import { evolveClusterFromApi, evolveHostServices, evolveNetworkFromApi, evolvePortFromApi, evolveStackFromApi, evolveVmFromApi, evolveZunContainer } from './openstack-api-slices.js';

/** What one OpenStack API event does to the model: the entity to set (or delete, `next` null). */
export type ApiChange = Readonly<{ map: Map<string, unknown>; kind: EntityKind; id: string; next: unknown }>;

type Inv = Pick<Inventory, 'hosts' | 'containers' | 'networks' | 'clusters' | 'ports' | 'vms' | 'stacks' | 'tombstones'>;
type Seq = { seq?: number };

const MAPS: Readonly<Record<ApiEntityKind, 'vms' | 'ports' | 'networks' | 'stacks' | 'clusters' | 'containers'>> = {
  vm: 'vms', port: 'ports', network: 'networks', stack: 'stacks', cluster: 'clusters', container: 'containers',
};

/** A deletion found by the API applies only to what that API owns (never a Docker container or swarm). */
const ownedByOpenStack = (inv: Inv, kind: ApiEntityKind, id: string): boolean => {
  switch (kind) {
    case 'vm': case 'stack': return true;
    case 'port': return inv.ports.get(id)?.kind === 'neutron';
    case 'network': return inv.networks.get(id)?.driver === NEUTRON_DRIVER;
    case 'cluster': return inv.clusters.get(id)?.kind === 'magnum';
    case 'container': return inv.containers.get(id)?.zun !== undefined;
  }
};

const vanish = (inv: Inv, e: OpenStackEntityVanished): ApiChange | null => {
  const { entity, id } = e.data;
  const map = inv[MAPS[entity]] as Map<string, unknown>;
  if (!map.has(id) || !ownedByOpenStack(inv, entity, id)) return null;
  return { map, kind: entity, id, next: null };
};

/**
 * The change an OpenStack API event makes, or null when it changes nothing (an entity deleted
 * before, a model newer than the read). Pure: reads `inv`, never writes it; the inventory applies
 * the change (and keeps a deleted port's tombstone, as it does for Neutron's own deletes).
 */
export const openStackApiChange = (inv: Inv, e: OpenStackApiEvent & Seq): ApiChange | null => {
  const put = <T>(map: Map<string, T>, kind: EntityKind, id: string, next: T): ApiChange | null =>
    id === '' || inv.tombstones.has(entityKey(kind, id)) || map.get(id) === next ? null : { map: map as Map<string, unknown>, kind, id, next };
  switch (e.type) {
    case 'VmObserved': case 'VmDrifted': {
      const id = e.data.vm.vmId;
      return put(inv.vms, 'vm', id, evolveVmFromApi(inv.vms.get(id), e));
    }
    case 'NeutronPortDrifted':
      return put(inv.ports, 'port', e.data.port.portId, evolvePortFromApi(inv.ports.get(e.data.port.portId), e));
    case 'NetworkDrifted':
      return put(inv.networks, 'network', e.data.network.networkId, evolveNetworkFromApi(inv.networks.get(e.data.network.networkId), e));
    case 'StackDrifted':
      return put(inv.stacks, 'stack', e.data.stack.stackId, evolveStackFromApi(inv.stacks.get(e.data.stack.stackId), e));
    case 'MagnumClusterDrifted':
      return put(inv.clusters, 'cluster', e.data.cluster.clusterId, evolveClusterFromApi(inv.clusters.get(e.data.cluster.clusterId), e));
    case 'ZunContainerObserved': case 'ZunContainerDrifted':
      return put(inv.containers, 'container', e.data.container.uuid, evolveZunContainer(inv.containers.get(e.data.container.uuid), e));
    case 'HostServicesObserved': case 'HostServicesDrifted':
      return put(inv.hosts, 'host', e.data.hostId, evolveHostServices(inv.hosts.get(e.data.hostId), e));
    case 'OpenStackEntityVanished':
      return inv.tombstones.has(entityKey(e.data.entity, e.data.id)) ? null : vanish(inv, e);
  }
};
