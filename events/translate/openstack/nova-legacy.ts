import type { OpsEvent } from '../../ops-event.js';
import type { CanonicalTime } from '../../time.js';
import type { VmAddress, VmFacts } from '../../vm.js';
import { arr, obj, str } from '../json-access.js';
import type { Json } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { canonOrNull, notified, osBase, serviceSubject, unrecognized } from './common.js';
import { optStr, vmEvent } from './nova-vm.js';

/** Legacy Nova event-type prefixes berth knows but does not model (nova/rpc.py's allowed list, older scheduler events). */
const KNOWN_PREFIXES = [
  'scheduler.', 'compute_task.', 'compute.libvirt.', 'compute.metrics.', 'aggregate.', 'keypair.', 'servergroup.',
  'HostAPI.', 'volume.usage', 'network.floating_ip.',
];

const address = (x: unknown): VmAddress => {
  const a = obj(x);
  return { address: str(a['address']), network: str(a['label']), mac: str(a['vif_mac']), portId: null };
};

/** The image id: `image_meta.base_image_ref`, else the last segment of `image_ref_url`. */
const imageOf = (p: Json): string | null =>
  optStr(obj(p['image_meta'])['base_image_ref']) ?? optStr(str(p['image_ref_url']).split('/').pop());

/** The instance facts of a legacy `info_from_instance()` payload (no power state, no port ids). */
export const legacyVmFacts = (p: Json): VmFacts => ({
  vmId: str(p['instance_id']),
  name: str(p['display_name']),
  host: optStr(p['host']),
  node: optStr(p['node']),
  state: str(p['state'], 'unknown'),
  // `compute.instance.update` says the new task state; every other event puts it in state_description.
  taskState: Object.hasOwn(p, 'new_task_state') ? optStr(p['new_task_state']) : optStr(p['state_description']),
  powerState: null,
  flavor: optStr(p['instance_type']),
  projectId: optStr(p['tenant_id']),
  userId: optStr(p['user_id']),
  availabilityZone: optStr(p['availability_zone']),
  imageId: imageOf(p),
  addresses: arr(p['fixed_ips']).map(address),
  createdAt: canonOrNull(p['created_at']),
  launchedAt: canonOrNull(p['launched_at']),
});

/** True for a `wrap_exception` error named after a function: payload exactly `{exception, args}`. */
const isWrappedException = (p: Json): boolean => {
  const keys = Object.keys(p).sort();
  return keys.length === 2 && keys[0] === 'args' && keys[1] === 'exception';
};

/**
 * Legacy (unversioned) Nova notifications. `compute.instance.*` with an instance id become VM
 * events; known non-instance events are kept as `OpenStackNotified`; function-named
 * `wrap_exception` errors and anything else are `Unrecognized` (raw kept, redacted).
 */
export const translateNovaLegacy = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const p = obj(payload);
  const b = osBase(m, observedAt, optStr(p['host']));
  const vmId = str(p['instance_id']);
  if (m.eventType.startsWith('compute.instance.') && vmId !== '') {
    const fault = m.eventType.endsWith('.error') ? (optStr(p['message']) ?? optStr(p['exception'])) : null;
    return [vmEvent(b, legacyVmFacts(p), 'legacy', m.eventType, fault)];
  }
  if (isWrappedException(p)) {
    return [unrecognized(b, `Nova error notification named after a function: '${m.eventType}'`, m.eventType, serviceSubject(m))];
  }
  if (KNOWN_PREFIXES.some((k) => m.eventType.startsWith(k)) || m.eventType.startsWith('compute.instance.')) {
    return [notified(b, m, vmId !== '' ? { kind: 'vm', id: vmId } : serviceSubject(m), optStr(p['instance_id']))];
  }
  return [unrecognized(b, `unknown Nova event type '${m.eventType}'`, m.eventType, serviceSubject(m))];
};
