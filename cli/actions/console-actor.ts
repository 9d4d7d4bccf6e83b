import { randomUUID } from 'node:crypto';
import type { ActionRequester, ActionVerb } from '../../events/action.js';
import { BerthError } from '../../events/errors.js';
import type { ActionName, ActionOutcome, EntityRef, ModelView } from '../../events/read-model.js';
import type { ConsoleActor, SendAction } from '../../daemon/query/client.js';
import { safeText } from '../output/sanitize.js';
import { outcomeOf } from './outcome.js';
import { requester } from './requester.js';
import { containerTarget, vmTarget } from './target.js';
import { doneOf } from './words.js';

export type ConsoleActorOptions = Readonly<{
  /** `berth top --read-only` or `"readOnly": true`: the keys are hidden, and a request that still comes is refused here. */
  readOnly: boolean;
  /** The cloud whose daemon acts on VMs (as `berth vm --cloud`). */
  cloud: string;
  /** `--reason`, recorded with every action taken from this console. */
  reason: string | null;
  /** How long to wait for each daemon's answer (ms). */
  timeoutMs: number;
  /** Who asks; this machine's user and host unless a test says otherwise. */
  by?: ActionRequester;
}>;

/** The console's words are the container's; a VM's restart is Nova's (soft) reboot. */
const verbFor = (ref: EntityRef, action: ActionName): ActionVerb => (ref.kind === 'vm' && action === 'restart' ? 'reboot' : action);

type One = Readonly<{ ok: boolean; line: string }>;

/** One target: found in the model on screen, sent, and its answer in the words `berth container stop` prints. */
const actOn = async (ref: EntityRef, action: ActionName, model: ModelView, send: SendAction, o: ConsoleActorOptions): Promise<One> => {
  try {
    if (ref.kind !== 'container' && ref.kind !== 'vm') return { ok: false, line: `A ${ref.kind} cannot be acted on: actions work on containers and VMs.` };
    const r = ref.kind === 'container' ? containerTarget(model, ref.id) : vmTarget(model, ref.id, o.cloud);
    const verb = verbFor(ref, action);
    const body = { requestId: randomUUID(), target: r.target, by: o.by ?? requester(), reason: o.reason, options: {} };
    return { ok: true, line: outcomeOf(await send(r.responder, verb, body, o.timeoutMs), verb, r).line };
  } catch (err) {
    if (err instanceof BerthError) return { ok: false, line: safeText(err.message) };
    return { ok: false, line: `The ${action} of ${ref.kind} '${safeText(ref.id.slice(0, 12))}' failed: ${safeText((err as Error).message)}` };
  }
};

/**
 * The actions of `berth top`, through the daemons as `berth container ...` and `berth vm ...` send
 * them (same subjects, request body, records and messages). The console has asked for confirmation
 * already; the targets are sent together and each answer is reported.
 */
export const consoleActor = (o: ConsoleActorOptions): ConsoleActor => async (request, { model, send }): Promise<ActionOutcome> => {
  if (o.readOnly) return { ok: false, message: 'Actions are off (read-only): nothing was sent.' };
  const all = await Promise.all(request.targets.map((ref) => actOn(ref, request.action, model, send, o)));
  if (all.length === 1) return { ok: all[0]?.ok ?? false, message: all[0]?.line ?? '' };
  const failed = all.filter((x) => !x.ok);
  const head = `${doneOf(request.action)} ${all.length - failed.length} of ${all.length} targets`;
  if (failed.length === 0) return { ok: true, message: `${head}; each is recorded ('berth events --source berth').` };
  return { ok: false, message: `${head}. ${failed.map((x) => x.line).join(' ')}` };
};
