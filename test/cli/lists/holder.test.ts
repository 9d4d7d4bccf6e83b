import test from 'ava';
import { holderOf } from '../../../cli/lists/others.js';
import type { NeutronPortFacts } from '../../../events/openstack-port.js';
import { portOwnerKind } from '../../../events/openstack-port.js';
import type { Port } from '../../../events/port.js';

const neutronPort = (deviceOwner: string, deviceId: string): Port => {
  const facts: NeutronPortFacts = {
    portId: 'p1', name: '', networkId: 'n1', projectId: null, macAddress: 'fa:16:3e:00:00:01', fixedIps: [], deviceId, deviceOwner,
    ownerKind: portOwnerKind(deviceOwner), bindingHost: '', vifType: 'unbound', status: 'DOWN', adminStateUp: true,
  };
  return { neutron: facts } as unknown as Port;
};

test('what holds a Neutron port: a VM, a router, DHCP, or Neutron\'s own use of it by name (a floating IP is not "network")', (t) => {
  t.is(holderOf(neutronPort('compute:nova', 'vm-1')), 'vm vm-1');
  t.is(holderOf(neutronPort('network:router_interface', 'r-1')), 'router r-1');
  t.is(holderOf(neutronPort('network:dhcp', 'dhcp-1')), 'dhcp dhcp-1');
  t.is(holderOf(neutronPort('network:floatingip', 'fip-1')), 'floatingip fip-1');
  t.is(holderOf(neutronPort('network:distributed', '')), 'distributed');
  t.is(holderOf(neutronPort('trunk:subport', 't-1')), 'trunk:subport t-1');
  t.is(holderOf(neutronPort('', '')), 'none');
});
