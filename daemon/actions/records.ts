import type { ActionEvent, ActionResponder, ActionVerb } from '../../events/action.js';
import type { CanonicalTime } from '../../events/time.js';
import type { ActionRequestBody } from './protocol.js';

const STEP = { ActionRequested: 'req', ActionSucceeded: 'ok', ActionFailed: 'fail', ActionRefused: 'refused' } as const;

/** The data every event of one request shares. */
export type RequestFacts = Readonly<{ action: ActionVerb; responder: ActionResponder; body: ActionRequestBody }>;

/**
 * One step of a request as a stored record: on the target's own subject (so `berth history
 * container X` shows what was done to X), from berth itself on the responder's engine or cloud, with
 * the id `act-<requestId>-<step>` so a request is stored once whatever is retried.
 */
export const actionRecord = <T extends ActionEvent['type']>(
  type: T,
  facts: RequestFacts,
  extra: Omit<Extract<ActionEvent, { type: T }>['data'], 'requestId' | 'action' | 'target' | 'responder'>,
  at: CanonicalTime,
): Extract<ActionEvent, { type: T }> => {
  const { body } = facts;
  return {
    id: `act-${body.requestId}-${STEP[type]}`,
    type,
    v: 1,
    at,
    observedAt: at,
    source: { kind: 'berth', host: facts.responder.name },
    subject: { kind: body.target.kind, id: body.target.id },
    data: { requestId: body.requestId, action: facts.action, target: body.target, responder: facts.responder, ...extra },
    // The generic `extra` is the data of `type` by its signature; TypeScript cannot see that through the spread.
  } as unknown as Extract<ActionEvent, { type: T }>;
};
