import type { EventRecord } from './envelope.js';

/**
 * What holds a Neutron port, from its `device_owner`. `compute:kuryr` and `compute:zun` are
 * containers even though they start with `compute:` (checked first); any other `compute:<az>` is a VM.
 */
export type PortOwnerKind = 'vm' | 'container' | 'router' | 'dhcp' | 'network' | 'other' | 'none';

/** A Neutron port as its `port.*` notification shows it. */
export type NeutronPortFacts = Readonly<{
  portId: string;
  name: string;
  networkId: string;
  projectId: string | null;
  macAddress: string;
  fixedIps: readonly Readonly<{ subnetId: string; ipAddress: string }>[];
  /** Instance uuid, router id, DHCP id, kuryr endpoint id / pod uid / zun container uuid, or ''. */
  deviceId: string;
  deviceOwner: string;
  ownerKind: PortOwnerKind;
  /** `binding:host_id`: the compute (or Docker) host the port is bound on; '' when unbound. */
  bindingHost: string;
  vifType: string;
  /** `DOWN`, `ACTIVE`, `BUILD`, `ERROR`, `N/A`. Agents' flips are not notified, so this lags. */
  status: string;
  adminStateUp: boolean;
}>;

/** A port was created or updated (`port.create.end`, `port.update.end`, `port.exists`; one per port of a bulk create). */
export type NeutronPortObserved = EventRecord<'NeutronPortObserved', 1, { port: NeutronPortFacts }>;
/** `port.delete.end`: the port is gone. Sticky. */
export type NeutronPortDeleted = EventRecord<'NeutronPortDeleted', 1, { portId: string }>;

/** Classifies a `device_owner` string. */
export const portOwnerKind = (deviceOwner: string): PortOwnerKind => {
  if (deviceOwner === '') return 'none';
  if (deviceOwner === 'compute:kuryr' || deviceOwner === 'compute:zun') return 'container';
  if (deviceOwner.startsWith('compute:')) return 'vm';
  if (deviceOwner === 'network:dhcp') return 'dhcp';
  if (deviceOwner.startsWith('network:router') || deviceOwner.startsWith('network:ha_router')) return 'router';
  if (deviceOwner.startsWith('network:')) return 'network';
  return 'other';
};

export type NeutronPortEvent = NeutronPortObserved | NeutronPortDeleted;
