import type { OpsEvent } from '../../ops-event.js';
import type { StackFacts } from '../../stack.js';
import type { CanonicalTime } from '../../time.js';
import { obj, str } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { canonOrNull, notified, osBase, serviceSubject, unrecognized } from './common.js';

const STATUS_OF: Readonly<Record<string, string>> = { start: 'IN_PROGRESS', end: 'COMPLETE', error: 'FAILED' };

/** `stack_identity` is the bare uuid since Liberty, an ARN `arn:openstack:heat::<tenant>:stacks/<name>/<id>` before. */
export const stackIdOf = (identity: string): string => identity.split('/').pop() ?? identity;

/**
 * Heat `orchestration.stack.<action>.<start|end|error>`: `StackChanged`, or `StackDeleted` for
 * `delete.end`. Autoscaling notifications are kept as `OpenStackNotified`.
 */
export const translateHeat = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const p = obj(payload);
  const b = osBase(m, observedAt, null);
  const parts = m.eventType.split('.');
  const stackId = stackIdOf(str(p['stack_identity']));
  const subject = { kind: 'stack' as const, id: stackId };
  if (parts[1] !== 'stack' || parts.length !== 4) return [notified(b, m, stackId ? subject : serviceSubject(m), stackId || null)];
  if (stackId === '') return [unrecognized(b, `${m.eventType} without stack_identity`, m.eventType, serviceSubject(m))];
  const action = (parts[2] ?? '').toUpperCase();
  const phase = parts[3] ?? '';
  const name = str(p['stack_name']);
  if (action === 'DELETE' && phase === 'end') return [{ ...b, v: 1, type: 'StackDeleted', subject, data: { stackId, name } }];
  const status = STATUS_OF[phase] ?? phase.toUpperCase();
  const stack: StackFacts = {
    stackId, name, action, status,
    state: str(p['state']) || `${action}_${status}`,
    stateReason: str(p['state_reason']),
    projectId: str(p['tenant_id']) || null,
    createdAt: canonOrNull(p['create_at']),
  };
  return [{ ...b, v: 1, type: 'StackChanged', subject, data: { stack, eventType: m.eventType } }];
};
