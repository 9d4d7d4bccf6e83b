import { UsageError } from '../output/errors.js';

/**
 * An entity named on the command line (`get`, `trace`, `history`, the actions) by its id, a unique
 * id prefix or its name. An empty or blank one names nothing: matched as a name, it picked the
 * entities that have none (`trace vm ''` "matched 2 vms"; an action could have been sent to the
 * one nameless container).
 */
export const checkRef = (kind: string, ref: string): void => {
  if (ref.trim() !== '') return;
  throw new UsageError(`The ${kind} is given as ${JSON.stringify(ref)}, which names nothing.`, { hint: `Give its id, a unique id prefix (3+ characters) or its name.` });
};
