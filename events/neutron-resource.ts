import type { EventRecord } from './envelope.js';
import type { CanonicalTime } from './time.js';

/** The Neutron resources modelled besides ports and networks. */
export const NEUTRON_RESOURCE_TYPES = ['subnet', 'router', 'floatingip', 'security_group'] as const;
export type NeutronResourceType = (typeof NEUTRON_RESOURCE_TYPES)[number];

/**
 * A subnet, router, floating IP or security group as its notification shows it, reduced to what
 * an operator lists and links by. Fields a resource does not have are ''.
 */
export type NeutronResourceFacts = Readonly<{
  resource: NeutronResourceType;
  id: string;
  name: string;
  projectId: string | null;
  /** Subnet: its network; router: the external gateway's network; floating IP: the floating network. */
  networkId: string;
  /** Subnet: CIDR; floating IP: the floating address; router: first external gateway IP. */
  address: string;
  /** Floating IP: the fixed address it maps to; subnet: the gateway IP. */
  fixedAddress: string;
  /** Floating IP: the Neutron port it is associated with ('' when free). */
  portId: string;
  /** Floating IP: the router that carries it. */
  routerId: string;
  /** Router / floating IP status (`ACTIVE`, `DOWN`); '' for subnets and security groups. */
  status: string;
  /** One line per resource: `dhcp on, v4`, `3 rules`, `gateway on <net>`. */
  detail: string;
}>;

/** `<resource>.create.end`, `.update.end` or `.exists` for a subnet, router, floating IP or security group. */
export type NeutronResourceObserved = EventRecord<'NeutronResourceObserved', 1, { resource: NeutronResourceFacts }>;
/** `<resource>.delete.end`: the resource is gone. Sticky. */
export type NeutronResourceDeleted = EventRecord<'NeutronResourceDeleted', 1, { resource: NeutronResourceType; id: string }>;

export type NeutronResourceEvent = NeutronResourceObserved | NeutronResourceDeleted;

/** A Neutron resource in the model. */
export type NeutronResource = NeutronResourceFacts & Readonly<{ updatedAt: CanonicalTime; lastEventId: string; seq: number }>;
