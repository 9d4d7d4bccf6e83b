import type { ActionEvent } from './action.js';
import type { OpsEvent } from './ops-event.js';
import { summarizeApiEvent } from './openstack-api-describe.js';

const short = (id: string): string => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

const CONTAINER_VERBS = {
  ContainerStarted: 'started', ContainerRestarted: 'restarted', ContainerStopped: 'stopped', ContainerPaused: 'paused', ContainerUnpaused: 'unpaused', ContainerOomKilled: 'ran out of memory (OOM)',
  ContainerUpdated: 'updated (its resources)', ContainerDestroyed: 'removed',
} as const;

/** What an event says, in one human line without its time (the container events that carry no name show the id: the model has the name). */
export const summarizeEvent = (e: OpsEvent): string => {
  const on = `on ${e.source.host}`;
  switch (e.type) {
    case 'ContainerObserved': {
      const c = e.data.container;
      const ports = c.ports.map((p) => `${p.hostIp || '*'}:${p.hostPort}->${p.containerPort}/${p.protocol}`).join(',');
      return `container ${c.name} (${short(c.containerId)}) ${c.state}${ports ? ' ' + ports : ''} ${on}`;
    }
    case 'HostObserved':
      return `host ${e.data.hostId}: Docker ${e.data.docker.version} at ${e.data.docker.endpoint}${e.data.docker.swarm ? ` (swarm ${e.data.docker.swarm.state})` : ''}`;
    case 'HostConnectionChanged':
      return `host ${e.data.hostId} ${e.data.reachable ? 'reachable again' : `unreachable: ${e.data.error ?? ''}`}`;
    case 'ClusterObserved':
      return `swarm ${e.data.cluster.name}: ${e.data.cluster.nodes.length} node(s), ${e.data.cluster.services.length} service(s), ${e.data.cluster.tasks.filter((x) => x.state === 'running').length} running task(s)`;
    case 'VmCreated': case 'VmStateChanged': case 'VmResized': {
      const v = e.data.vm;
      return `vm ${v.name || v.vmId} (${v.vmId.slice(0, 8)}) ${v.state ?? ''}${v.taskState ? '/' + v.taskState : ''}${v.host ? ` on ${v.host}` : ''} [${e.data.eventType}]`;
    }
    case 'VmDeleted':
      return `vm ${e.data.vmId.slice(0, 8)} deleted [${e.data.eventType}]`;
    case 'NeutronPortObserved': {
      const p = e.data.port;
      return `port ${p.portId.slice(0, 8)} ${p.status}${p.deviceOwner ? ` ${p.deviceOwner}` : ''}${p.deviceId ? ` → ${p.deviceId.slice(0, 8)}` : ''}`;
    }
    case 'NeutronResourceObserved': {
      const r = e.data.resource;
      return `${r.resource} ${r.name || r.id.slice(0, 8)}${r.address ? ` ${r.address}` : ''}${r.status ? ` ${r.status}` : ''} (${r.detail})`;
    }
    case 'NeutronResourceDeleted':
      return `${e.data.resource} ${e.data.id.slice(0, 8)} deleted`;
    case 'StackChanged':
      return `stack ${e.data.stack.name} ${e.data.stack.action}_${e.data.stack.status}`;
    case 'VmObserved': case 'VmDrifted': case 'NeutronPortDrifted': case 'NetworkDrifted': case 'StackDrifted': case 'MagnumClusterDrifted':
    case 'ZunContainerObserved': case 'ZunContainerDrifted': case 'HostServicesObserved': case 'HostServicesDrifted': case 'OpenStackEntityVanished':
      return summarizeApiEvent(e);
    case 'MagnumClusterObserved':
      return `magnum cluster ${e.data.cluster.name} ${e.data.action} ${e.data.outcome}`;
    case 'ActionRequested': case 'ActionSucceeded': case 'ActionFailed': case 'ActionRefused':
      return summarizeAction(e);
    case 'Unrecognized':
      return `unrecognized ${e.data.sourceType ?? ''} event ${on}: ${e.data.reason}`;
    case 'EngineObjectChanged':
      return `${e.data.objectType} ${e.data.action} ${short(e.data.actorId)} ${on}`;
    case 'ContainerCreated':
      return `container ${e.data.name} (${short(e.data.containerId)}) created from ${e.data.image} ${on}`;
    case 'ContainerRenamed':
      return `container ${e.data.oldName} (${short(e.data.containerId)}) renamed ${e.data.name} ${on}`;
    case 'ContainerStarted': case 'ContainerRestarted': case 'ContainerStopped': case 'ContainerPaused': case 'ContainerUnpaused': case 'ContainerOomKilled':
    case 'ContainerUpdated': case 'ContainerDestroyed':
      return `container ${short(e.data.containerId)} ${CONTAINER_VERBS[e.type]} ${on}`;
    case 'ContainerDied':
      return `container ${short(e.data.containerId)} died${e.data.exitCode === null ? '' : ` (exit ${e.data.exitCode})`} ${on}`;
    case 'ContainerKilled':
      return `container ${short(e.data.containerId)} killed${e.data.signal === null ? '' : ` (signal ${e.data.signal})`} ${on}`;
    case 'ContainerVanished':
      return `container ${short(e.data.containerId)} gone: ${e.data.reason} ${on}`;
    case 'ContainerHealthChanged':
      return `container ${short(e.data.containerId)} ${e.data.health} ${on}`;
    case 'ContainerNetworkConnected': case 'ContainerNetworkDisconnected':
      return `container ${short(e.data.containerId)} ${e.type === 'ContainerNetworkConnected' ? 'connected to' : 'disconnected from'} network ${e.data.networkName || short(e.data.networkId)} ${on}`;
    default:
      return `${e.type} ${e.subject.kind} ${short(e.subject.id)} ${on}`;
  }
};

/** `stop container web (3f2a9c4e1b2d) on local`: an action and its target, as every action line starts. */
const actionHead = (e: ActionEvent): string => {
  const t = e.data.target;
  return `${e.data.action} ${t.kind} ${t.name || short(t.id)} (${t.id.slice(0, 12)}) on ${t.kind === 'container' ? t.host ?? e.data.responder.name : `cloud ${e.data.responder.name}`}`;
};

const summarizeAction = (e: ActionEvent): string => {
  switch (e.type) {
    case 'ActionRequested':
      return `${actionHead(e)} requested by ${e.data.by.user}@${e.data.by.host}${e.data.reason === null ? '' : `: ${e.data.reason}`}`;
    case 'ActionSucceeded':
      return `${actionHead(e)} succeeded${e.data.detail === null ? '' : ` (${e.data.detail})`}`;
    case 'ActionFailed':
      return `${actionHead(e)} failed${e.data.status === null ? '' : ` (${e.data.status})`}: ${e.data.error}`;
    case 'ActionRefused':
      return `${actionHead(e)} refused: ${e.data.why}`;
  }
};

/** One human line per recorded event (time, then summary): what the daemon shows the operator as it works. */
export const describeEvent = (e: OpsEvent): string => `${e.at.slice(11, 23)} ${summarizeEvent(e)}`;
