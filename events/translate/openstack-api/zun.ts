import type { ZunAddress, ZunContainerFacts, ZunHostFacts } from '../../openstack-api.js';
import { arr, num, obj, str, strMap } from '../json-access.js';
import type { Json } from '../json-access.js';

const opt = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/** `addresses`: `{<network uuid>: [{addr, port, subnet_id, version}]}` (Zun API reference), sorted. */
const addressesOf = (x: unknown): ZunAddress[] => {
  const out: ZunAddress[] = [];
  for (const [network, list] of Object.entries(obj(x))) {
    for (const a of arr(list).map(obj)) out.push({ network, address: str(a['addr']), portId: str(a['port']), subnetId: str(a['subnet_id']) });
  }
  return out.sort((p, q) => p.address.localeCompare(q.address) || p.network.localeCompare(q.network));
};

/** `command` is a list of arguments since API 1.x; older Zun returned one string. */
const commandOf = (x: unknown): string =>
  Array.isArray(x) ? x.filter((a): a is string => typeof a === 'string').join(' ') : str(x);

/** One container of Zun's `GET /v1/containers`. */
export const zunContainerFacts = (c: Json): ZunContainerFacts => ({
  uuid: str(c['uuid']),
  name: str(c['name']),
  image: str(c['image']),
  status: str(c['status'], 'Unknown') || 'Unknown',
  statusReason: opt(c['status_reason']),
  statusDetail: opt(c['status_detail']),
  taskState: opt(c['task_state']),
  host: opt(c['host']),
  projectId: opt(c['project_id']),
  userId: opt(c['user_id']),
  command: commandOf(c['command']),
  labels: strMap(c['labels']),
  addresses: addressesOf(c['addresses']),
  imageDriver: opt(c['image_driver']),
  dockerId: opt(c['container_id']),
});

/** One host of Zun's `GET /v1/hosts`. */
export const zunHostFacts = (h: Json): ZunHostFacts => ({
  uuid: str(h['uuid']),
  hostname: str(h['hostname']),
  cpus: num(h['cpus']),
  cpuUsed: num(h['cpu_used']),
  memTotal: num(h['mem_total']),
  memUsed: num(h['mem_used']),
  totalContainers: num(h['total_containers']),
  os: str(h['os']),
  kernel: str(h['kernel_version']),
  labels: strMap(h['labels']),
});
