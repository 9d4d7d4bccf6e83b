import { NEUTRON_DRIVER } from '../../network.js';
import type { NetworkSnapshot } from '../../network.js';
import type { NeutronPortFacts } from '../../openstack-port.js';
import { portOwnerKind } from '../../openstack-port.js';
import { arr, bool, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';

/** One port of `GET /v2.0/ports`: the same dictionary Neutron puts in its `port.*` notifications. */
export const apiPortFacts = (p: Json): NeutronPortFacts => {
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

/** One network of `GET /v2.0/networks`, shaped as the `network.*` notifications make it. */
export const apiNetworkFacts = (n: Json): NetworkSnapshot => ({
  networkId: str(n['id']),
  name: str(n['name']),
  driver: NEUTRON_DRIVER,
  scope: bool(n['shared']) ? 'shared' : 'project',
  projectId: str(n['project_id']) || str(n['tenant_id']) || null,
});
