import type { ActionResponder, ActionTarget } from '../../events/action.js';
import { NotFoundError } from '../../events/errors.js';
import type { ModelView } from '../../daemon/query/client.js';
import { ambiguousRef, checkRef, namesLike } from '../lists/refs.js';

type Candidate = Readonly<{ id: string; name: string; host: string | null }>;

/** An entity of the model to act on, and the engine or cloud whose daemon acts. */
export type Resolved = Readonly<{ target: ActionTarget; responder: ActionResponder }>;

/** Finds one entity by exact id, unique id prefix (3+ characters) or unique name, as `berth get` does. */
const pick = (all: readonly Candidate[], kind: 'container' | 'vm', ref: string): Candidate => {
  checkRef(kind, ref);
  const exact = all.find((c) => c.id === ref);
  if (exact) return exact;
  const matches = all.filter((c) => c.name === ref || (ref.length >= 3 && c.id.startsWith(ref)));
  if (matches.length === 1) return matches[0] as Candidate;
  if (matches.length > 1) {
    throw ambiguousRef(kind, ref, matches, 'Give more of the id: an action needs exactly one target.');
  }
  throw new NotFoundError(`${kind === 'vm' ? 'VM' : 'Container'} '${ref}' is not in the model.`, { hint: `Run 'berth ${kind === 'vm' ? 'vms' : 'containers'}' to see the known ones.${namesLike(ref, all.map((c) => c.name))}` });
};

/** The container `ref` names, acted on by the daemon that follows its engine. */
export const containerTarget = (view: ModelView, ref: string): Resolved => {
  const c = pick([...view.containers.values()].map((x) => ({ id: x.containerId, name: x.name, host: x.host })), 'container', ref);
  const host = c.host ?? '';
  return { target: { kind: 'container', id: c.id, name: c.name, host }, responder: { kind: 'docker', name: host } };
};

/** The VM `ref` names, acted on by the daemon that has credentials for `cloud`. */
export const vmTarget = (view: ModelView, ref: string, cloud: string): Resolved => {
  const v = pick([...view.vms.values()].map((x) => ({ id: x.vmId, name: x.name, host: x.host })), 'vm', ref);
  return { target: { kind: 'vm', id: v.id, name: v.name, host: v.host }, responder: { kind: 'openstack', name: cloud } };
};
