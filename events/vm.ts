import type { EventRecord } from './envelope.js';
import type { FactTimes } from './fact-times.js';
import type { VmApiFacts } from './openstack-api.js';
import type { CanonicalTime } from './time.js';

/**
 * Which Nova notification format an event came from. With `notification_format=both` Nova sends
 * every change once per family (different message ids): the fold keeps one family per VM and
 * prefers `versioned` once it has seen it.
 */
export type VmFamily = 'versioned' | 'legacy';

/** One address of a VM. `portId` is the Neutron port (versioned payloads only; legacy has only the MAC). */
export type VmAddress = Readonly<{ address: string; network: string; mac: string; portId: string | null }>;

/** What one Nova notification says about an instance. Null means the payload did not say. */
export type VmFacts = Readonly<{
  vmId: string;
  name: string;
  /** nova-compute service host; null while scheduling and after shelve-offload. */
  host: string | null;
  /** Hypervisor node name (libvirt: hostname; ironic: node uuid). */
  node: string | null;
  /** Nova `vm_state` (`building`, `active`, `stopped`, `error`, `deleted`, ...). */
  state: string;
  /** Nova `task_state` (`spawning`, `deleting`, ...); null when idle. */
  taskState: string | null;
  /** Versioned payloads only (`running`, `shutdown`, ...); legacy payloads carry none. */
  powerState: string | null;
  /** Flavor name (legacy `instance_type`). */
  flavor: string | null;
  projectId: string | null;
  userId: string | null;
  availabilityZone: string | null;
  imageId: string | null;
  addresses: readonly VmAddress[];
  createdAt: CanonicalTime | null;
  launchedAt: CanonicalTime | null;
}>;

/** A VM in the model, keyed by instance uuid. */
export type Vm = VmFacts &
  Readonly<{
    family: VmFamily;
    /** The Nova event type last applied (`instance.power_off.end`, `compute.instance.update`). */
    lastEventType: string;
    /** Fault text of the last `.error` event, else null. */
    fault: string | null;
    /** Time of the newest event applied; older events never overwrite newer state. */
    updatedAt: CanonicalTime;
    /** Id of the newest event applied: breaks ties between events with the same time. */
    lastEventId: string;
    /** `<at>|<event id>` of the event each sticky fact (name, host, flavor, addresses...) came from. */
    factTimes: FactTimes;
    seq: number;
    /** What only the Nova API says (status, hypervisor type, container-backed): set by its snapshot and reconcile. */
    api?: VmApiFacts;
  }>;

type VmData = { vm: VmFacts; family: VmFamily; eventType: string; fault: string | null };

/** The instance was created (`instance.create.end`, `compute.instance.create.end`). */
export type VmCreated = EventRecord<'VmCreated', 1, VmData>;
/** Any other instance notification carrying the instance: state, task, power, host or name changed (or not). */
export type VmStateChanged = EventRecord<'VmStateChanged', 1, VmData>;
/** A resize finished, was confirmed or reverted: `vm.flavor` is the flavor it now runs with. */
export type VmResized = EventRecord<'VmResized', 1, VmData>;
/** The instance is gone (`delete.end`, or a payload with `vm_state` `deleted`). Sticky. */
export type VmDeleted = EventRecord<'VmDeleted', 1, { vmId: string; family: VmFamily; eventType: string; host: string | null }>;

export type VmEvent = VmCreated | VmStateChanged | VmResized | VmDeleted;
