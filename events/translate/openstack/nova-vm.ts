import type { OpsEvent } from '../../ops-event.js';
import type { VmFacts, VmFamily } from '../../vm.js';
import type { OsBase } from './common.js';

/** Nova actions after which `flavor` is the one the instance now runs with. */
const RESIZED = new Set([
  'instance.resize_finish.end', 'instance.resize_confirm.end', 'instance.resize_revert.end',
  'compute.instance.finish_resize.end', 'compute.instance.resize.confirm.end', 'compute.instance.resize.revert.end',
]);
const CREATED = new Set(['instance.create.end', 'compute.instance.create.end']);
const DELETED = new Set(['instance.delete.end', 'instance.force_delete.end', 'compute.instance.delete.end']);

/**
 * The berth event for one Nova instance notification of either family: created, resized,
 * deleted (the delete events, or any payload whose `vm_state` is `deleted`), else state changed.
 */
export const vmEvent = (b: OsBase, vm: VmFacts, family: VmFamily, eventType: string, fault: string | null): OpsEvent => {
  const subject = { kind: 'vm' as const, id: vm.vmId };
  if (DELETED.has(eventType) || vm.state === 'deleted') {
    return { ...b, v: 1, subject, type: 'VmDeleted', data: { vmId: vm.vmId, family, eventType, host: vm.host } };
  }
  const data = { vm, family, eventType, fault };
  if (CREATED.has(eventType)) return { ...b, v: 1, subject, type: 'VmCreated', data };
  if (RESIZED.has(eventType)) return { ...b, v: 1, subject, type: 'VmResized', data };
  return { ...b, v: 1, subject, type: 'VmStateChanged', data };
};

/** '' and non-strings are "not said" in Nova payloads. */
export const optStr = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
