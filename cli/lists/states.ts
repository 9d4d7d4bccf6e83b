import { editDistance } from '../../events/edit-distance.js';
import { UsageError } from '../output/errors.js';

/** Docker's container states (`docker ps --filter status=`), and berth's `unknown` before the first inspect. */
export const CONTAINER_STATES: readonly string[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead', 'unknown'];

/**
 * The states a VM can be in: Nova's `vm_state` values (nova/compute/vm_states.py), the server
 * statuses of the compute API (lower case: a VM first read from the API without a vm_state keeps
 * its status) and berth's `unknown`.
 */
export const VM_STATES: readonly string[] = [
  'active', 'building', 'paused', 'suspended', 'stopped', 'rescued', 'resized', 'soft-delete', 'deleted', 'error', 'shelved', 'shelved_offloaded',
  'build', 'hard_reboot', 'migrating', 'password', 'reboot', 'rebuild', 'rescue', 'resize', 'revert_resize', 'shutoff', 'soft_deleted', 'verify_resize', 'unknown',
];

/**
 * A `--state` no entity of the kind can be in is a usage error: it listed nothing with exit 0, which
 * reads as "none are". Any case matches (as the filter does); a near spelling is suggested.
 */
export const checkState = (what: string, given: string | undefined, known: readonly string[]): void => {
  if (given === undefined) return;
  const lower = given.toLowerCase();
  if (known.includes(lower)) return;
  const near = lower === '' ? undefined : known.find((k) => k.startsWith(lower) || lower.startsWith(k)) ?? known.find((k) => editDistance(k, lower) <= 2);
  throw new UsageError(`--state '${given}' is not a state ${what} can be in.`, {
    hint: `${near === undefined ? '' : `Did you mean '${near}'? `}States: ${known.join(', ')}.`,
    valid: known,
  });
};
