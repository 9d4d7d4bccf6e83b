import type { EventRecord } from './envelope.js';
import type { CanonicalTime } from './time.js';

/** The driver the model gives Neutron networks (from notifications and from the API alike). */
export const NEUTRON_DRIVER = 'neutron';

/** A Docker network as listed by `/networks`, or a Neutron network (driver NEUTRON_DRIVER). */
export type NetworkSnapshot = Readonly<{ networkId: string; name: string; driver: string; scope: string; /** Neutron networks: the owning project. */ projectId?: string | null }>;

/** A network in the model, on the host whose engine reported it. */
export type Network = NetworkSnapshot & Readonly<{ host: string; updatedAt: CanonicalTime; seq: number }>;

export type NetworkCreated = EventRecord<'NetworkCreated', 1, NetworkSnapshot>;
/** Local networks are `destroy`ed, swarm networks `remove`d: both end here. Sticky. */
export type NetworkRemoved = EventRecord<'NetworkRemoved', 1, { networkId: string; name: string }>;
export type NetworkObserved = EventRecord<'NetworkObserved', 1, { network: NetworkSnapshot }>;
export type NetworkVanished = EventRecord<'NetworkVanished', 1, { networkId: string; reason: string }>;

export type NetworkEvent = NetworkCreated | NetworkRemoved | NetworkObserved | NetworkVanished;
