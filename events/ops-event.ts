import type { ActionEvent } from './action.js';
import type { ChainEvent } from './chain-event.js';
import type { ClusterEvent } from './cluster.js';
import type { ContainerEvent } from './container.js';
import type { HostEvent } from './host.js';
import type { NetworkEvent } from './network.js';
import type { NeutronResourceEvent } from './neutron-resource.js';
import type { NeutronPortEvent } from './openstack-port.js';
import type { OpenStackApiEvent } from './openstack-api.js';
import type { OtherEvent } from './other.js';
import type { StackEvent } from './stack.js';
import type { VmEvent } from './vm.js';

/** Every event berth stores, current versions only (readers upcast older ones first). */
export type OpsEvent = ActionEvent | ChainEvent | ContainerEvent | HostEvent | NetworkEvent | ClusterEvent | OtherEvent | VmEvent | StackEvent | NeutronPortEvent | NeutronResourceEvent | OpenStackApiEvent;

/** The `type` names of every current event. */
export type OpsEventType = OpsEvent['type'];

/** Current schema version of each event type; `parse` rejects versions it does not know. */
export const EVENT_VERSIONS: Readonly<Record<OpsEventType, number>> = {
  ContainerCreated: 1,
  ContainerStarted: 1,
  ContainerRestarted: 1,
  ContainerDied: 1,
  ContainerStopped: 1,
  ContainerKilled: 1,
  ContainerPaused: 1,
  ContainerUnpaused: 1,
  ContainerRenamed: 1,
  ContainerUpdated: 1,
  ContainerOomKilled: 1,
  ContainerHealthChanged: 1,
  ContainerExecRan: 1,
  ContainerActivity: 1,
  ContainerNetworkConnected: 1,
  ContainerNetworkDisconnected: 1,
  ContainerDestroyed: 1,
  ContainerObserved: 1,
  ContainerVanished: 1,
  HostObserved: 1,
  HostConnectionChanged: 1,
  NetworkCreated: 1,
  NetworkRemoved: 1,
  NetworkObserved: 1,
  NetworkVanished: 1,
  ClusterObserved: 1,
  ServiceChanged: 1,
  SwarmNodeChanged: 1,
  EngineObjectChanged: 1,
  Unrecognized: 1,
  MagnumClusterObserved: 1,
  MagnumClusterDeleted: 1,
  OpenStackNotified: 1,
  VmCreated: 1,
  VmStateChanged: 1,
  VmResized: 1,
  VmDeleted: 1,
  StackChanged: 1,
  StackDeleted: 1,
  NeutronPortObserved: 1,
  NeutronPortDeleted: 1,
  ChainSealed: 1,
  NeutronResourceObserved: 1,
  NeutronResourceDeleted: 1,
  VmObserved: 1,
  VmDrifted: 1,
  NeutronPortDrifted: 1,
  NetworkDrifted: 1,
  StackDrifted: 1,
  MagnumClusterDrifted: 1,
  ZunContainerObserved: 1,
  ZunContainerDrifted: 1,
  HostServicesObserved: 1,
  HostServicesDrifted: 1,
  OpenStackEntityVanished: 1,
  ActionRequested: 1,
  ActionSucceeded: 1,
  ActionFailed: 1,
  ActionRefused: 1,
};
