import test from 'ava';
import { containerFilter } from '../../../cli/lists/containers.js';
import { checkState, CONTAINER_STATES, VM_STATES } from '../../../cli/lists/states.js';
import { UsageError } from '../../../cli/output/errors.js';

test('a container --state no container can be in is a usage error naming the states, with a near spelling suggested', (t) => {
  const bogus = t.throws(() => containerFilter({ state: 'bogus' }), { instanceOf: UsageError });
  t.is(bogus?.message, "--state 'bogus' is not a state a container can be in.");
  t.regex(bogus?.hint ?? '', /^States: created, running, paused, restarting, removing, exited, dead, unknown\.$/);
  const typo = t.throws(() => containerFilter({ state: 'runing' }), { instanceOf: UsageError });
  t.regex(typo?.hint ?? '', /^Did you mean 'running'\?/);
  t.throws(() => containerFilter({ state: '' }), { instanceOf: UsageError }, 'an empty state is none');
});

test('every state of the list passes in any case, and no state at all passes', (t) => {
  for (const s of CONTAINER_STATES) t.notThrows(() => containerFilter({ state: s.toUpperCase() }), s);
  t.deepEqual(containerFilter({ state: 'Exited' }), { state: 'Exited' }, 'the filter keeps the spelling given (it matches any case)');
  t.deepEqual(containerFilter({}), {});
  for (const s of VM_STATES) t.notThrows(() => checkState('a VM', s.toUpperCase(), VM_STATES), s);
});

test('a VM state is one of Nova\'s vm_states or API statuses: shutoff and soft-delete are, shutof is not (shutoff suggested)', (t) => {
  t.notThrows(() => checkState('a VM', 'SHUTOFF', VM_STATES));
  t.notThrows(() => checkState('a VM', 'soft-delete', VM_STATES));
  const e = t.throws(() => checkState('a VM', 'shutof', VM_STATES), { instanceOf: UsageError });
  t.regex(e?.hint ?? '', /^Did you mean 'shutoff'\?/);
});
