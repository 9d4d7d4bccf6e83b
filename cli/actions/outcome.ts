import type { ActionVerb } from '../../events/action.js';
import { BerthError, ConfigError, InvalidEventError } from '../../events/errors.js';
import type { ActionReply } from '../../daemon/main.js';
import { safeText } from '../output/sanitize.js';
import type { Resolved } from './target.js';
import { doneOf, responderText, targetText, verbOf } from './words.js';

/** The engine or Nova did not do what was asked; the failure is on the record. Exit 7. */
export class ActionFailedError extends BerthError {
  constructor(message: string, opts: { hint?: string } = {}) {
    super('E_ACTION_FAILED', message, opts);
    this.name = 'ActionFailedError';
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The daemon's answer as one line for the operator, or the error it means: a failure (exit 7), a
 * refusal by a read-only daemon (exit 2), or an answer that makes no sense here (exit 5).
 */
export const outcomeOf = (reply: ActionReply, action: ActionVerb, r: Resolved): { line: string } => {
  const what = targetText(r.target, r.responder);
  const history = `berth history ${r.target.kind} ${r.target.id}`;
  switch (reply.outcome) {
    case 'succeeded':
      return { line: `${doneOf(action)} ${what} in ${seconds(reply.tookMs)}${reply.detail === null ? '' : ` (${safeText(reply.detail)})`}. Recorded as request ${reply.requestId}.` };
    case 'failed':
      throw new ActionFailedError(`${cap(responderText(r.responder))} could not ${verbOf(action)} ${what}: ${safeText(reply.error)}${reply.status === null ? '' : ` (HTTP ${reply.status})`}.`, {
        hint: `The attempt and its error are recorded: '${history}'.`,
      });
    case 'refused':
      throw new ConfigError(`The daemon refused to ${verbOf(action)} ${what}: ${safeText(reply.why)}. The refusal is recorded.`, {
        hint: 'Ask whoever runs that daemon; it acts only when started without --read-only.',
      });
    case 'duplicate':
      throw new ActionFailedError(`The daemon had already handled request ${reply.requestId}: it was not carried out again.`, { hint: `See '${history}'.` });
    case 'invalid':
      throw new InvalidEventError(`The daemon for ${responderText(r.responder)} did not accept the request: ${safeText(reply.error)}.`, {
        hint: 'Check that the daemon and this command are the same berth version.',
      });
  }
};
