import type { ClusterNode, ClusterService, ClusterSnapshot, ClusterTask } from '../cluster.js';
import type { ContainerSnapshot, ContainerState, NetworkAttachment, PublishedPort } from '../container.js';
import type { DockerEngineInfo } from '../host.js';
import type { NetworkSnapshot } from '../network.js';
import { toCanonical } from '../time.js';
import { probeCommand } from './health-exec-filter.js';
import { arr, bool, num, obj, str, strMap } from './json-access.js';
import { redactByKey, redactString } from './redact.js';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'exited', 'dead', 'removing'];
const time = (x: unknown): string | null => {
  const s = str(x);
  return s === '' || s.startsWith('0001-01-01') ? null : (toCanonical(s) ?? null);
};

/** Published ports from an inspect's `NetworkSettings.Ports` (actual bindings; IPv4 and IPv6 apart). */
export const portsFromInspect = (ports: unknown): PublishedPort[] => {
  const out: PublishedPort[] = [];
  for (const [key, bindings] of Object.entries(obj(ports))) {
    const [cport = '', proto = 'tcp'] = key.split('/');
    for (const b of arr(bindings)) {
      const hostPort = num(obj(b)['HostPort'], NaN);
      if (Number.isNaN(hostPort)) continue;
      out.push({ hostIp: str(obj(b)['HostIp']), hostPort, containerPort: num(cport), protocol: proto });
    }
  }
  return out.sort((a, b) => a.hostPort - b.hostPort || a.hostIp.localeCompare(b.hostIp) || a.protocol.localeCompare(b.protocol));
};

/** A container snapshot from `GET /containers/{id}/json`; null when it is not an inspect result. */
export const containerFromInspect = (j: unknown): ContainerSnapshot | null => {
  const c = obj(j);
  const id = str(c['Id']);
  if (!/^[0-9a-f]{12,64}$/.test(id)) return null;
  const state = obj(c['State']);
  const config = obj(c['Config']);
  const status = str(state['Status']) as ContainerState;
  // Credentials out, as on the engine's event lines (docker.ts): a label under a secret-like key, and the command line.
  const labels = redactByKey(strMap(config['Labels']));
  const networks: NetworkAttachment[] = Object.entries(obj(obj(c['NetworkSettings'])['Networks']))
    .map(([name, n]) => ({ name, networkId: str(obj(n)['NetworkID']), ip: str(obj(n)['IPAddress']) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const svc = labels['com.docker.swarm.service.id'];
  const health = obj(state['Health']);
  return {
    containerId: id,
    name: str(c['Name']).replace(/^\//, ''),
    image: str(config['Image']),
    imageId: str(c['Image']),
    command: redactString([str(c['Path']), ...arr(c['Args']).map((a) => str(a))].join(' ').trim()),
    state: STATES.includes(status) ? status : 'unknown',
    exitCode: status === 'exited' || status === 'dead' ? num(state['ExitCode']) : null,
    oomKilled: bool(state['OOMKilled']),
    health: str(health['Status']) || null,
    healthcheck: probeCommand(arr(obj(config['Healthcheck'])['Test']).map((t) => redactString(str(t)))),
    labels,
    ports: portsFromInspect(obj(c['NetworkSettings'])['Ports']),
    networks,
    createdAt: time(c['Created']),
    startedAt: time(state['StartedAt']),
    finishedAt: time(state['FinishedAt']),
    restartCount: num(c['RestartCount']),
    swarm: svc === undefined ? null : {
      serviceId: svc,
      serviceName: labels['com.docker.swarm.service.name'] ?? '',
      taskId: labels['com.docker.swarm.task.id'] ?? '',
      nodeId: labels['com.docker.swarm.node.id'] ?? '',
    },
  };
};

/** An engine description from `/info` and `/version`, plus how berth reached it. */
export const engineFromInfo = (info: unknown, version: unknown, endpoint: string, apiVersion: string): DockerEngineInfo => {
  const i = obj(info);
  const v = obj(version);
  const sw = obj(i['Swarm']);
  const state = str(sw['LocalNodeState']);
  return {
    endpoint, engineId: str(i['ID']), name: str(i['Name']), version: str(v['Version'], str(i['ServerVersion'])), apiVersion,
    os: str(i['OperatingSystem']), kernel: str(i['KernelVersion']), arch: str(i['Architecture']), ncpu: num(i['NCPU']), memTotal: num(i['MemTotal']),
    swarm: state === '' || state === 'inactive' ? null : {
      nodeId: str(sw['NodeID']), clusterId: str(obj(sw['Cluster'])['ID']), state, controlAvailable: bool(sw['ControlAvailable']),
    },
  };
};

/** A network from `GET /networks`. */
export const networkFromList = (j: unknown): NetworkSnapshot => {
  const n = obj(j);
  return { networkId: str(n['Id']), name: str(n['Name']), driver: str(n['Driver']), scope: str(n['Scope']) };
};

const node = (j: unknown): ClusterNode => {
  const n = obj(j);
  const spec = obj(n['Spec']);
  const status = obj(n['Status']);
  const mgr = obj(n['ManagerStatus']);
  return {
    nodeId: str(n['ID']), hostname: str(obj(n['Description'])['Hostname']), role: str(spec['Role']), availability: str(spec['Availability']),
    state: str(status['State']), leader: bool(mgr['Leader']), addr: str(status['Addr']),
  };
};

const service = (j: unknown): ClusterService => {
  const s = obj(j);
  const spec = obj(s['Spec']);
  const mode = obj(spec['Mode']);
  const replicated = obj(mode['Replicated']);
  return {
    serviceId: str(s['ID']), name: str(spec['Name']), image: str(obj(obj(spec['TaskTemplate'])['ContainerSpec'])['Image']),
    mode: 'Replicated' in mode ? 'replicated' : 'Global' in mode ? 'global' : 'other',
    replicas: 'Replicated' in mode ? num(replicated['Replicas']) : null,
    ports: arr(obj(s['Endpoint'])['Ports']).map((p) => {
      const o = obj(p);
      return { protocol: str(o['Protocol']), targetPort: num(o['TargetPort']), publishedPort: num(o['PublishedPort']), publishMode: str(o['PublishMode']) };
    }),
    updateState: str(obj(s['UpdateStatus'])['State']) || null,
  };
};

const task = (j: unknown): ClusterTask => {
  const t = obj(j);
  const status = obj(t['Status']);
  const cid = str(obj(status['ContainerStatus'])['ContainerID']);
  return {
    taskId: str(t['ID']), serviceId: str(t['ServiceID']), nodeId: str(t['NodeID']), slot: t['Slot'] === undefined ? null : num(t['Slot']),
    state: str(status['State']), desiredState: str(t['DesiredState']), containerId: cid === '' ? null : cid,
  };
};

const byId = <T>(key: (x: T) => string) => (a: T, b: T): number => key(a).localeCompare(key(b));

/** A swarm as a manager lists it; null when the engine is not a manager of an active swarm. */
export const swarmFromLists = (
  engine: DockerEngineInfo, managerHost: string, lists: Readonly<{ nodes: unknown; services: unknown; tasks: unknown }>,
): ClusterSnapshot | null => {
  if (!engine.swarm || !engine.swarm.controlAvailable || engine.swarm.clusterId === '') return null;
  return {
    clusterId: engine.swarm.clusterId, kind: 'swarm', name: `swarm-${engine.swarm.clusterId.slice(0, 12)}`, managerHost,
    nodes: arr(lists.nodes).map(node).sort(byId((n) => n.nodeId)),
    services: arr(lists.services).map(service).sort(byId((s) => s.serviceId)),
    tasks: arr(lists.tasks).map(task).sort(byId((t) => t.taskId)),
  };
};
