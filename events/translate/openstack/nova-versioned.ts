import type { OpsEvent } from '../../ops-event.js';
import type { CanonicalTime } from '../../time.js';
import type { VmAddress, VmFacts } from '../../vm.js';
import { arr, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { canonOrNull, notified, osBase, publisherHost } from './common.js';
import { optStr, vmEvent } from './nova-vm.js';

/** Replaces every `{"nova_object.data": {...}, "nova_object.name": ...}` wrapper by its data, at any depth. */
export const unwrapNova = (x: unknown): unknown => {
  if (Array.isArray(x)) return x.map(unwrapNova);
  if (x === null || typeof x !== 'object') return x;
  const o = x as Json;
  if (Object.hasOwn(o, 'nova_object.data')) return unwrapNova(o['nova_object.data']);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = unwrapNova(v);
  return out;
};

const address = (x: unknown): VmAddress => {
  const a = obj(x);
  return { address: str(a['address']), network: str(a['label']), mac: str(a['mac']), portId: optStr(a['port_uuid']) };
};

/** The instance facts of an `InstancePayload` (and its subclasses), unwrapped. */
export const versionedVmFacts = (d: Json): VmFacts => ({
  vmId: str(d['uuid']),
  name: str(d['display_name']),
  host: optStr(d['host']),
  node: optStr(d['node']),
  state: str(d['state'], 'unknown'),
  taskState: optStr(d['task_state']),
  powerState: optStr(d['power_state']),
  flavor: optStr(obj(d['flavor'])['name']),
  projectId: optStr(d['tenant_id']),
  userId: optStr(d['user_id']),
  availabilityZone: optStr(d['availability_zone']),
  imageId: optStr(d['image_uuid']),
  addresses: arr(d['ip_addresses']).map(address),
  createdAt: canonOrNull(d['created_at']),
  launchedAt: canonOrNull(d['launched_at']),
});

const faultText = (d: Json): string | null => {
  const f = obj(d['fault']);
  return optStr(f['exception_message']) ?? optStr(f['exception']);
};

/**
 * Nova versioned notifications (`payload` is a `nova_object`). `instance.*` with an instance
 * uuid become VM events; everything else (aggregates, services, flavors, keypairs, scheduler,
 * compute tasks, libvirt, metrics, volumes) is kept as `OpenStackNotified`.
 */
export const translateNovaVersioned = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const d = obj(unwrapNova(payload));
  const uuid = str(d['uuid']);
  const b = osBase(m, observedAt, optStr(d['host']));
  if (m.eventType.startsWith('instance.') && uuid !== '') {
    return [vmEvent(b, versionedVmFacts(d), 'versioned', m.eventType, faultText(d))];
  }
  const entity = optStr(d['uuid']) ?? optStr(d['host']) ?? optStr(d['name']);
  const hostLike = m.eventType.startsWith('service.') || m.eventType.startsWith('metrics.');
  const subject = hostLike && optStr(d['host']) !== null
    ? { kind: 'host' as const, id: str(d['host']) }
    : { kind: 'service' as const, id: publisherHost(m.publisherId) ?? m.publisherId };
  return [notified(b, m, subject, entity)];
};
