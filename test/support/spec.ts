import type { Recorded } from '../../events/envelope.js';
import type { Inventory } from '../../events/inventory.js';
import { fold } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';

type AnyEvent = OpsEvent | Recorded<OpsEvent>;

/**
 * The one helper every fold test uses: `given(history).when(events).then(inv => assertions)`.
 * The history and the events are folded in the order written, from an empty inventory.
 */
export const given = (...history: AnyEvent[]) => ({
  when: (...events: AnyEvent[]) => ({
    then: (check: (inv: Inventory) => void): void => check(fold([...history, ...events])),
  }),
});
