import type { NatsConnection } from '@nats-io/transport-node';
import type { ActionResponder, ActionVerb } from '../../events/action.js';
import type { ActionOutcome, ActionRequest, ModelView, ReadModelState } from '../../events/read-model.js';
import { ActionClient } from '../actions/client.js';
import type { ActionReply, ActionRequestBody } from '../actions/protocol.js';
import type { StoreNames } from '../store/names.js';

/** Sends one request to the daemon for `responder` and returns its answer, as `ActionClient.send` does (and throws as it does). */
export type SendAction = (responder: ActionResponder, action: ActionVerb, body: ActionRequestBody, timeoutMs: number) => Promise<ActionReply>;

/**
 * Carries out one action request of the console: finds its targets in `model` (the one on
 * screen), sends each to the daemon responsible for it with `send`, and says what came of it.
 * The CLI provides it (who asks, the reason, the cloud, read-only): the same path, words and
 * records as `berth container stop`.
 */
export type ConsoleActor = (request: ActionRequest, ctx: Readonly<{ model: ModelView; send: SendAction }>) => Promise<ActionOutcome>;

const nothingSent = (why: string): ActionOutcome => ({ ok: false, message: `${why} Nothing was sent.` });

/** A sender of action requests on an open NATS connection (the console's own), for `actOver`. */
export const senderOver = (nc: NatsConnection, names: StoreNames): SendAction => {
  const client = ActionClient.over(nc, names);
  return (r, a, b, t) => client.send(r, a, b, t);
};

/**
 * `QueryClient.act`: the console's request goes to `actor` with the model on screen and a sender
 * (`sender` throws when there is no connection to send on). Never throws: whatever goes wrong is
 * an outcome the console shows.
 */
export const actOver = async (
  request: ActionRequest,
  ctx: Readonly<{ actor: ConsoleActor | undefined; state: ReadModelState; sender: () => SendAction }>,
): Promise<ActionOutcome> => {
  if (ctx.actor === undefined) return nothingSent('This console was started without actions.');
  const s = ctx.state;
  if (s.status !== 'live' && s.status !== 'stale') return nothingSent('There is no model yet to find the target in.');
  let send: SendAction;
  try {
    send = ctx.sender();
  } catch (err) {
    return nothingSent((err as Error).message);
  }
  try {
    return await ctx.actor(request, { model: s.model, send });
  } catch (err) {
    return { ok: false, message: `The ${request.action} could not be sent: ${(err as Error).message}` };
  }
};
