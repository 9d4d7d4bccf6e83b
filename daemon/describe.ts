import type { OpsEvent } from '../events/ops-event.js';

const short = (id: string): string => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

/** One human line per recorded event: what the daemon shows the operator as it works. */
export const describeEvent = (e: OpsEvent): string => {
  const t = e.at.slice(11, 23);
  const on = `on ${e.source.host}`;
  switch (e.type) {
    case 'ContainerObserved': {
      const c = e.data.container;
      const ports = c.ports.map((p) => `${p.hostIp || '*'}:${p.hostPort}->${p.containerPort}/${p.protocol}`).join(',');
      return `${t} container ${c.name} (${short(c.containerId)}) ${c.state}${ports ? ' ' + ports : ''} ${on}`;
    }
    case 'HostObserved':
      return `${t} host ${e.data.hostId}: Docker ${e.data.docker.version} at ${e.data.docker.endpoint}${e.data.docker.swarm ? ` (swarm ${e.data.docker.swarm.state})` : ''}`;
    case 'HostConnectionChanged':
      return `${t} host ${e.data.hostId} ${e.data.reachable ? 'reachable again' : `unreachable: ${e.data.error ?? ''}`}`;
    case 'ClusterObserved':
      return `${t} swarm ${e.data.cluster.name}: ${e.data.cluster.nodes.length} node(s), ${e.data.cluster.services.length} service(s), ${e.data.cluster.tasks.filter((x) => x.state === 'running').length} running task(s)`;
    case 'VmCreated': case 'VmStateChanged': case 'VmResized': {
      const v = e.data.vm;
      return `${t} vm ${v.name || v.vmId} (${v.vmId.slice(0, 8)}) ${v.state ?? ''}${v.taskState ? '/' + v.taskState : ''}${v.host ? ` on ${v.host}` : ''} [${e.data.eventType}]`;
    }
    case 'VmDeleted':
      return `${t} vm ${e.data.vmId.slice(0, 8)} deleted [${e.data.eventType}]`;
    case 'NeutronPortObserved': {
      const p = e.data.port;
      return `${t} port ${p.portId.slice(0, 8)} ${p.status}${p.deviceOwner ? ` ${p.deviceOwner}` : ''}${p.deviceId ? ` → ${p.deviceId.slice(0, 8)}` : ''}`;
    }
    case 'StackChanged':
      return `${t} stack ${e.data.stack.name} ${e.data.stack.action}_${e.data.stack.status}`;
    case 'MagnumClusterObserved':
      return `${t} magnum cluster ${e.data.cluster.name} ${e.data.action} ${e.data.outcome}`;
    case 'Unrecognized':
      return `${t} unrecognized ${e.data.sourceType ?? ''} event ${on}: ${e.data.reason}`;
    case 'EngineObjectChanged':
      return `${t} ${e.data.objectType} ${e.data.action} ${short(e.data.actorId)} ${on}`;
    default:
      return `${t} ${e.type} ${e.subject.kind} ${short(e.subject.id)} ${on}`;
  }
};
