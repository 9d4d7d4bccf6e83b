import type { ClusterSnapshot } from './cluster.js';
import type { EventRecord } from './envelope.js';
import type { FieldChange } from './field-diff.js';
import type { NetworkSnapshot } from './network.js';
import type { NeutronPortFacts } from './openstack-port.js';
import type { StackFacts } from './stack.js';
import type { CanonicalTime } from './time.js';
import type { VmFacts } from './vm.js';

/**
 * Which read of the OpenStack APIs found it: `snapshot` (the first read after the daemon started)
 * or `reconcile` (a periodic re-read, every `--os-reconcile-interval` seconds).
 */
export type ApiOrigin = 'snapshot' | 'reconcile';

/** What only the Nova API says about a server (notifications do not carry it). */
export type VmApiFacts = Readonly<{
  /** Nova API `status`: `ACTIVE`, `SHUTOFF`, `ERROR`, `BUILD`, ... */
  status: string;
  /** `hypervisor_type` of the server's node (`QEMU`, `fake`, `docker`, `ironic`); null when unknown. */
  hypervisorType: string | null;
  /**
   * The server is a Docker container (nova-docker: its hypervisor type is `docker`, or its Glance
   * image has `container_format` `docker`). nova-docker names that container `nova-<server uuid>`.
   */
  containerBacked: boolean;
  /** `fault.message` of a server in ERROR; null otherwise. */
  fault: string | null;
}>;

/** One OpenStack service on a host: a Nova service, a Neutron agent or a Zun compute. */
export type OpenStackService = Readonly<{
  /** Which API listed it: `nova` (os-services), `neutron` (agents), `zun` (services). */
  api: 'nova' | 'neutron' | 'zun';
  /** `nova-compute`, `nova-conductor`, `neutron-openvswitch-agent`, ... */
  binary: string;
  /** `enabled` or `disabled` (admin state). */
  status: string;
  /** `up` or `down` (liveness: the service's heartbeat is recent). */
  state: string;
  /** Why an operator disabled it (Nova `disabled_reason`); null when not said. */
  reason: string | null;
  /** Availability zone (Nova `zone`, Neutron `availability_zone`); null when not said. */
  zone: string | null;
}>;

/** A Nova hypervisor (compute node) of a host. */
export type HypervisorFacts = Readonly<{ id: string; hostname: string; type: string; state: string; status: string; hostIp: string }>;

/** A Zun compute host (`GET /v1/hosts`). */
export type ZunHostFacts = Readonly<{
  uuid: string;
  hostname: string;
  cpus: number;
  cpuUsed: number;
  memTotal: number;
  memUsed: number;
  totalContainers: number;
  os: string;
  kernel: string;
  labels: Readonly<Record<string, string>>;
}>;

/** Everything the APIs say about the OpenStack side of one host; lists sorted, so equal states compare equal. */
export type HostServicesFacts = Readonly<{
  services: readonly OpenStackService[];
  hypervisors: readonly HypervisorFacts[];
  zun: ZunHostFacts | null;
}>;

/** A host's OpenStack side in the model, as the APIs last showed it. */
export type HostServicesState = HostServicesFacts & Readonly<{ updatedAt: CanonicalTime; lastEventId: string }>;

/** One address of a Zun container: the Neutron port it holds on a network. */
export type ZunAddress = Readonly<{ network: string; address: string; portId: string; subnetId: string }>;

/** A Zun container as `GET /v1/containers` shows it (Zun API reference). */
export type ZunContainerFacts = Readonly<{
  uuid: string;
  name: string;
  image: string;
  /** Zun `status`: `Creating`, `Created`, `Running`, `Stopped`, `Paused`, `Restarting`, `Deleting`, `Error`, `Unknown`. */
  status: string;
  statusReason: string | null;
  statusDetail: string | null;
  taskState: string | null;
  /** The compute host Zun placed it on; null while scheduling (non-admins do not see it). */
  host: string | null;
  projectId: string | null;
  userId: string | null;
  command: string;
  labels: Readonly<Record<string, string>>;
  addresses: readonly ZunAddress[];
  imageDriver: string | null;
  /** The Docker container id, when the API shows it (`container_id`, admin only in some releases). */
  dockerId: string | null;
}>;

/** Fields of the OpenStack API events: the read that found it. */
type Api = { origin: ApiOrigin };
/** Fields of drift events: what differed between the model and the API (model value → API value). */
type Drift = Api & { changes: readonly FieldChange[] };

/** A server the model did not know (the daemon started on a running cloud, or a notification was lost). */
export type VmObserved = EventRecord<'VmObserved', 1, Api & { vm: VmFacts; api: VmApiFacts }>;
/** A server whose model state differs from the Nova API; carries the API's truth, which the fold takes. */
export type VmDrifted = EventRecord<'VmDrifted', 1, Drift & { vm: VmFacts; api: VmApiFacts }>;
/** A Neutron port whose status, binding or device differs from the model (unknown ports come as `NeutronPortObserved`). */
export type NeutronPortDrifted = EventRecord<'NeutronPortDrifted', 1, Drift & { port: NeutronPortFacts }>;
/** A Neutron network that differs from the model (unknown ones come as `NetworkObserved`). */
export type NetworkDrifted = EventRecord<'NetworkDrifted', 1, Drift & { network: NetworkSnapshot }>;
/** A Heat stack whose state differs from the model (unknown ones come as `StackChanged`, eventType `api.<origin>`). */
export type StackDrifted = EventRecord<'StackDrifted', 1, Drift & { stack: StackFacts }>;
/** A Magnum cluster that differs from the model (unknown ones come as `MagnumClusterObserved`, action = origin). */
export type MagnumClusterDrifted = EventRecord<'MagnumClusterDrifted', 1, Drift & { cluster: ClusterSnapshot }>;
/** A Zun container the model did not know. Zun sends no notifications: this is the only way berth learns of one. */
export type ZunContainerObserved = EventRecord<'ZunContainerObserved', 1, Api & { container: ZunContainerFacts }>;
/** A Zun container that differs from the model. */
export type ZunContainerDrifted = EventRecord<'ZunContainerDrifted', 1, Drift & { container: ZunContainerFacts }>;
/** The OpenStack services, hypervisors and Zun host of a host, first seen through the APIs. */
export type HostServicesObserved = EventRecord<'HostServicesObserved', 1, Api & { hostId: string; services: HostServicesFacts }>;
/** A host's OpenStack services changed (a `nova-compute` went `down`, an agent was disabled, ...). */
export type HostServicesDrifted = EventRecord<'HostServicesDrifted', 1, Drift & { hostId: string; services: HostServicesFacts }>;

/** Kinds of entity the OpenStack API source can find gone. */
export type ApiEntityKind = 'vm' | 'port' | 'network' | 'stack' | 'cluster' | 'container';

/**
 * The model has an entity the API no longer lists: it was deleted while berth was not listening
 * (or its notification was lost). Sticky, like every delete.
 */
export type OpenStackEntityVanished = EventRecord<'OpenStackEntityVanished', 1, Api & { entity: ApiEntityKind; id: string; name: string; reason: string }>;

export type OpenStackApiEvent =
  | VmObserved
  | VmDrifted
  | NeutronPortDrifted
  | NetworkDrifted
  | StackDrifted
  | MagnumClusterDrifted
  | ZunContainerObserved
  | ZunContainerDrifted
  | HostServicesObserved
  | HostServicesDrifted
  | OpenStackEntityVanished;

/** The Docker container name Zun gives a container on its compute host (`zun-<uuid>`, Zun's docker driver). */
export const zunDockerName = (zunUuid: string): string => `zun-${zunUuid}`;
/** The Docker container name nova-docker gives an instance on its compute host (`nova-<uuid>`). */
export const novaDockerName = (vmId: string): string => `nova-${vmId}`;
