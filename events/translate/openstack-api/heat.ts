import type { StackFacts } from '../../stack.js';
import { canonOrNull } from '../openstack/common.js';
import { str } from '../json-access.js';
import type { Json } from '../json-access.js';

/**
 * One stack of `GET /stacks`. Heat's `stack_status` is `<ACTION>_<STATUS>` where the action is
 * one word (`CREATE`, `ROLLBACK`, ...) and the status `IN_PROGRESS`, `COMPLETE` or `FAILED`.
 */
export const apiStackFacts = (s: Json): StackFacts => {
  const state = str(s['stack_status']);
  const i = state.indexOf('_');
  return {
    stackId: str(s['id']),
    name: str(s['stack_name']),
    action: i < 0 ? state : state.slice(0, i),
    status: i < 0 ? '' : state.slice(i + 1),
    state,
    stateReason: str(s['stack_status_reason']),
    projectId: str(s['project']) || str(s['stack_owner_project']) || null,
    createdAt: canonOrNull(s['creation_time']),
  };
};
